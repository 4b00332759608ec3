//! Compiles the example programs against the real s2n-tls headers (exported by s2n-tls-sys
//! as DEP_S2N_TLS_INCLUDE), renaming each `main` so one binary can run either.
fn main() {
    let include = std::env::var("DEP_S2N_TLS_INCLUDE").expect("s2n-tls-sys exports its include dir");
    for (file, entry) in [("s2n_echo_server.c", "echo_server_main"), ("s2n_echo_client.c", "echo_client_main")] {
        let path = format!("../../examples/{file}");
        println!("cargo:rerun-if-changed={path}");
        cc::Build::new().file(&path).include(&include).define("main", entry).warnings(false).compile(entry);
    }
    println!("cargo:rerun-if-changed=../../examples/common.h");
}
