//! Kernel TLS offload (unstable/ktls.h).
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::{call, unimplemented, OK};
use crate::capi::{arg_ref, write_out};

#[no_mangle]
pub extern "C" fn s2n_connection_ktls_enable_send(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_ktls_enable_recv(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_ktls_enable_unsafe_tls13(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_key_update_counts(
    conn: *mut s2n_connection,
    send_key_updates: *mut u8,
    recv_key_updates: *mut u8,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let (sent, received) = conn.core.key_update_counts();
        unsafe { write_out(send_key_updates, sent) }?;
        unsafe { write_out(recv_key_updates, received) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_sendfile(
    conn: *mut s2n_connection,
    fd: c_int,
    offset: libc::off_t,
    count: usize,
    bytes_written: *mut usize,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    unimplemented()
}
