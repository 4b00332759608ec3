//! `ferrotls-s2n-peer server|client ARGS...`: runs examples/s2n_echo_server.c or
//! s2n_echo_client.c on the real s2n-tls; `ferrotls-s2n-peer quic server|client ARGS...`
//! runs examples/s2n_quic_handshake.c.
use std::ffi::{c_char, c_int, CString};

// Pulls in the s2n-tls library the example programs call.
use s2n_tls_sys as _;

extern "C" {
    fn echo_server_main(argc: c_int, argv: *const *const c_char) -> c_int;
    fn echo_client_main(argc: c_int, argv: *const *const c_char) -> c_int;
    fn quic_handshake_main(argc: c_int, argv: *const *const c_char) -> c_int;
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let role = if args.len() > 1 { args.remove(1) } else { String::new() };
    let c_args: Vec<CString> = args.iter().map(|a| CString::new(a.as_str()).unwrap()).collect();
    let argv: Vec<*const c_char> = c_args.iter().map(|a| a.as_ptr()).collect();
    let argc = argv.len() as c_int;
    let code = unsafe {
        match role.as_str() {
            "server" => echo_server_main(argc, argv.as_ptr()),
            "client" => echo_client_main(argc, argv.as_ptr()),
            "quic" => quic_handshake_main(argc, argv.as_ptr()),
            _ => {
                eprintln!("usage: ferrotls-s2n-peer server|client|quic ARGS...");
                2
            }
        }
    };
    std::process::exit(code);
}
