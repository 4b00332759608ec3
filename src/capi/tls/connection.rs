//! Everything that needs a TLS connection: connecting, accepting, the handshake, I/O and
//! what the peer presented. The protocol engine is not wired to the libtls ABI yet, so
//! each of these fails with "<function>: not implemented yet" on the context.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_uchar, c_void};

use super::abi::{tls, tls_read_cb, tls_write_cb};
use super::{call, unimplemented};

// ---- Accepting connections (server) ----

#[no_mangle]
pub extern "C" fn tls_accept_fds(ctx: *mut tls, cctx: *mut *mut tls, fd_read: c_int, fd_write: c_int) -> c_int {
    call(ctx, |_| unimplemented("tls_accept_fds"))
}

#[no_mangle]
pub extern "C" fn tls_accept_socket(ctx: *mut tls, cctx: *mut *mut tls, socket: c_int) -> c_int {
    call(ctx, |_| unimplemented("tls_accept_socket"))
}

#[no_mangle]
pub extern "C" fn tls_accept_cbs(
    ctx: *mut tls,
    cctx: *mut *mut tls,
    read_cb: tls_read_cb,
    write_cb: tls_write_cb,
    cb_arg: *mut c_void,
) -> c_int {
    call(ctx, |_| unimplemented("tls_accept_cbs"))
}

// ---- Connecting (client) ----

#[no_mangle]
pub extern "C" fn tls_connect(ctx: *mut tls, host: *const c_char, port: *const c_char) -> c_int {
    call(ctx, |_| unimplemented("tls_connect"))
}

#[no_mangle]
pub extern "C" fn tls_connect_fds(ctx: *mut tls, fd_read: c_int, fd_write: c_int, servername: *const c_char) -> c_int {
    call(ctx, |_| unimplemented("tls_connect_fds"))
}

#[no_mangle]
pub extern "C" fn tls_connect_servername(
    ctx: *mut tls,
    host: *const c_char,
    port: *const c_char,
    servername: *const c_char,
) -> c_int {
    call(ctx, |_| unimplemented("tls_connect_servername"))
}

#[no_mangle]
pub extern "C" fn tls_connect_socket(ctx: *mut tls, s: c_int, servername: *const c_char) -> c_int {
    call(ctx, |_| unimplemented("tls_connect_socket"))
}

#[no_mangle]
pub extern "C" fn tls_connect_cbs(
    ctx: *mut tls,
    read_cb: tls_read_cb,
    write_cb: tls_write_cb,
    cb_arg: *mut c_void,
    servername: *const c_char,
) -> c_int {
    call(ctx, |_| unimplemented("tls_connect_cbs"))
}

// ---- Handshake and I/O ----

#[no_mangle]
pub extern "C" fn tls_handshake(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_handshake"))
}

#[no_mangle]
pub extern "C" fn tls_read(ctx: *mut tls, buf: *mut c_void, buflen: usize) -> libc::ssize_t {
    call(ctx, |_| unimplemented("tls_read"))
}

#[no_mangle]
pub extern "C" fn tls_write(ctx: *mut tls, buf: *const c_void, buflen: usize) -> libc::ssize_t {
    call(ctx, |_| unimplemented("tls_write"))
}

#[no_mangle]
pub extern "C" fn tls_close(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_close"))
}

// ---- The peer's certificate ----

#[no_mangle]
pub extern "C" fn tls_peer_cert_provided(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_peer_cert_provided"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_contains_name(ctx: *mut tls, name: *const c_char) -> c_int {
    call(ctx, |_| unimplemented("tls_peer_cert_contains_name"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_hash(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_cert_hash"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_issuer(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_cert_issuer"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_subject(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_cert_subject"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_common_name(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_cert_common_name"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_notbefore(ctx: *mut tls) -> libc::time_t {
    call(ctx, |_| unimplemented("tls_peer_cert_notbefore"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_notafter(ctx: *mut tls) -> libc::time_t {
    call(ctx, |_| unimplemented("tls_peer_cert_notafter"))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_chain_pem(ctx: *mut tls, len: *mut usize) -> *const u8 {
    call(ctx, |_| unimplemented("tls_peer_cert_chain_pem"))
}

// ---- What the handshake negotiated ----

#[no_mangle]
pub extern "C" fn tls_conn_alpn_selected(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_conn_alpn_selected"))
}

#[no_mangle]
pub extern "C" fn tls_conn_cipher(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_conn_cipher"))
}

#[no_mangle]
pub extern "C" fn tls_conn_cipher_strength(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_conn_cipher_strength"))
}

#[no_mangle]
pub extern "C" fn tls_conn_servername(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_conn_servername"))
}

#[no_mangle]
pub extern "C" fn tls_conn_session_resumed(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_conn_session_resumed"))
}

#[no_mangle]
pub extern "C" fn tls_conn_version(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_conn_version"))
}

// ---- OCSP ----

#[no_mangle]
pub extern "C" fn tls_ocsp_process_response(ctx: *mut tls, response: *const c_uchar, size: usize) -> c_int {
    call(ctx, |_| unimplemented("tls_ocsp_process_response"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_cert_status(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_peer_ocsp_cert_status"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_crl_reason(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_peer_ocsp_crl_reason"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_next_update(ctx: *mut tls) -> libc::time_t {
    call(ctx, |_| unimplemented("tls_peer_ocsp_next_update"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_response_status(ctx: *mut tls) -> c_int {
    call(ctx, |_| unimplemented("tls_peer_ocsp_response_status"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_result(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_ocsp_result"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_revocation_time(ctx: *mut tls) -> libc::time_t {
    call(ctx, |_| unimplemented("tls_peer_ocsp_revocation_time"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_this_update(ctx: *mut tls) -> libc::time_t {
    call(ctx, |_| unimplemented("tls_peer_ocsp_this_update"))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_url(ctx: *mut tls) -> *const c_char {
    call(ctx, |_| unimplemented("tls_peer_ocsp_url"))
}
