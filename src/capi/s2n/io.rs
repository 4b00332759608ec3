//! Driving a connection: negotiate, send, receive, flush and shut down.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::unimplemented;
use libc::iovec;

#[no_mangle]
pub extern "C" fn s2n_peek_buffered(conn: *mut s2n_connection) -> u32 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_negotiate(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_send(
    conn: *mut s2n_connection,
    buf: *const c_void,
    size: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_sendv(
    conn: *mut s2n_connection,
    bufs: *const iovec,
    count: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_sendv_with_offset(
    conn: *mut s2n_connection,
    bufs: *const iovec,
    count: libc::ssize_t,
    offs: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_recv(
    conn: *mut s2n_connection,
    buf: *mut c_void,
    size: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_peek(conn: *mut s2n_connection) -> u32 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_shutdown(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_shutdown_send(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_flush(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    unimplemented()
}
