//! External and resumption pre-shared keys.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::unimplemented;

#[no_mangle]
pub extern "C" fn s2n_external_psk_new() -> *mut s2n_psk {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_free(psk: *mut *mut s2n_psk) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_identity(psk: *mut s2n_psk, identity: *const u8, identity_size: u16) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_secret(psk: *mut s2n_psk, secret: *const u8, secret_size: u16) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_hmac(psk: *mut s2n_psk, hmac: s2n_psk_hmac_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_append_psk(conn: *mut s2n_connection, psk: *mut s2n_psk) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_psk_mode(config: *mut s2n_config, mode: s2n_psk_mode_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_psk_mode(conn: *mut s2n_connection, mode: s2n_psk_mode_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_negotiated_psk_identity_length(
    conn: *mut s2n_connection,
    identity_length: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_negotiated_psk_identity(
    conn: *mut s2n_connection,
    identity: *mut u8,
    max_identity_length: u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_new() -> *mut s2n_offered_psk {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_free(psk: *mut *mut s2n_offered_psk) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_get_identity(
    psk: *mut s2n_offered_psk,
    identity: *mut *mut u8,
    size: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_has_next(psk_list: *mut s2n_offered_psk_list) -> bool {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_next(psk_list: *mut s2n_offered_psk_list, psk: *mut s2n_offered_psk) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_reread(psk_list: *mut s2n_offered_psk_list) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_choose_psk(
    psk_list: *mut s2n_offered_psk_list,
    psk: *mut s2n_offered_psk,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_psk_selection_callback(
    config: *mut s2n_config,
    cb: s2n_psk_selection_callback,
    context: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_configure_early_data(
    psk: *mut s2n_psk,
    max_early_data_size: u32,
    cipher_suite_first_byte: u8,
    cipher_suite_second_byte: u8,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_application_protocol(
    psk: *mut s2n_psk,
    application_protocol: *const u8,
    size: u8,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_early_data_context(psk: *mut s2n_psk, context: *const u8, size: u16) -> c_int {
    unimplemented()
}
