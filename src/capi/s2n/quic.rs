//! QUIC support (tls/s2n_quic_support.h).
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::{call, unimplemented};
use crate::capi::arg_ref;

#[no_mangle]
pub extern "C" fn s2n_config_enable_quic(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_enable_quic(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_quic_enabled(conn: *mut s2n_connection) -> bool {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_are_session_tickets_enabled(conn: *mut s2n_connection) -> bool {
    call(|| Ok(unsafe { arg_ref(conn) }?.config().core.session_tickets))
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_quic_transport_parameters(
    conn: *mut s2n_connection,
    data_buffer: *const u8,
    data_len: u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_quic_transport_parameters(
    conn: *mut s2n_connection,
    data_buffer: *mut *const u8,
    data_len: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_secret_callback(
    conn: *mut s2n_connection,
    cb_func: s2n_secret_cb,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_recv_quic_post_handshake_message(
    conn: *mut s2n_connection,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    unimplemented()
}
