//! Compiles the example programs against the real s2n-tls headers (exported by s2n-tls-sys
//! as DEP_S2N_TLS_INCLUDE), renaming each `main` so one binary can run either.

/// A directory holding `s2n/unstable/*.h`: s2n-tls-sys exports only s2n.h, so the interop
/// script points this at the vendored sources' unstable headers (for the fingerprint API).
const UNSTABLE_INCLUDE: &str = "FERROTLS_S2N_UNSTABLE_INCLUDE";

fn main() {
    println!("cargo:rerun-if-env-changed={UNSTABLE_INCLUDE}");
    let include = std::env::var("DEP_S2N_TLS_INCLUDE").expect("s2n-tls-sys exports its include dir");
    for (file, entry) in [
        ("s2n_echo_server.c", "echo_server_main"),
        ("s2n_echo_client.c", "echo_client_main"),
        ("s2n_quic_handshake.c", "quic_handshake_main"),
    ] {
        let path = format!("../../examples/{file}");
        println!("cargo:rerun-if-changed={path}");
        let mut build = cc::Build::new();
        build.file(&path).include(&include);
        if let Ok(unstable) = std::env::var(UNSTABLE_INCLUDE) {
            build.include(unstable);
        }
        build.define("main", entry).define("FERROTLS_S2N_PEER", None).warnings(false).compile(entry);
    }
    println!("cargo:rerun-if-changed=../../examples/common.h");
}
