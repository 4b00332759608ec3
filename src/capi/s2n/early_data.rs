//! TLS 1.3 early data (0-RTT).
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::unimplemented;

#[no_mangle]
pub extern "C" fn s2n_config_set_server_max_early_data_size(
    config: *mut s2n_config,
    max_early_data_size: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_server_max_early_data_size(
    conn: *mut s2n_connection,
    max_early_data_size: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_server_early_data_context(
    conn: *mut s2n_connection,
    context: *const u8,
    context_size: u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_early_data_status(
    conn: *mut s2n_connection,
    status: *mut s2n_early_data_status_t,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_remaining_early_data_size(
    conn: *mut s2n_connection,
    allowed_early_data_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_max_early_data_size(
    conn: *mut s2n_connection,
    max_early_data_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_send_early_data(
    conn: *mut s2n_connection,
    data: *const u8,
    data_len: libc::ssize_t,
    data_sent: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_recv_early_data(
    conn: *mut s2n_connection,
    data: *mut u8,
    max_data_len: libc::ssize_t,
    data_received: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_early_data_cb(config: *mut s2n_config, cb: s2n_early_data_cb) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_get_context_length(
    early_data: *mut s2n_offered_early_data,
    context_len: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_get_context(
    early_data: *mut s2n_offered_early_data,
    context: *mut u8,
    max_len: u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_reject(early_data: *mut s2n_offered_early_data) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_accept(early_data: *mut s2n_offered_early_data) -> c_int {
    unimplemented()
}
