//! TLS 1.2 renegotiation (unstable/renegotiate.h).
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::unimplemented;

#[no_mangle]
pub extern "C" fn s2n_renegotiate_wipe(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_renegotiate(
    conn: *mut s2n_connection,
    app_data_buf: *mut u8,
    app_data_buf_size: libc::ssize_t,
    app_data_size: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    unimplemented()
}
