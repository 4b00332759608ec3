//! The client-hello callback and `struct s2n_client_hello` accessors, plus fingerprints.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::unimplemented;

#[no_mangle]
pub extern "C" fn s2n_client_hello_cb_done(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_parse_message(bytes: *const u8, size: u32) -> *mut s2n_client_hello {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_free(ch: *mut *mut s2n_client_hello) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_raw_message_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_raw_message(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_cipher_suites_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_cipher_suites(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extensions_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extensions(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extension_length(
    ch: *mut s2n_client_hello,
    extension_type: s2n_tls_extension_type_arg,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extension_by_id(
    ch: *mut s2n_client_hello,
    extension_type: s2n_tls_extension_type_arg,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_has_extension(
    ch: *mut s2n_client_hello,
    extension_iana: u16,
    exists: *mut bool,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_session_id_length(ch: *mut s2n_client_hello, out_length: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_session_id(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    out_length: *mut u32,
    max_length: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_compression_methods_length(
    ch: *mut s2n_client_hello,
    out_length: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_compression_methods(
    ch: *mut s2n_client_hello,
    list: *mut u8,
    list_length: u32,
    out_length: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_legacy_protocol_version(ch: *mut s2n_client_hello, out: *mut u8) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_random(ch: *mut s2n_client_hello, out: *mut u8, max_length: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_supported_groups(
    ch: *mut s2n_client_hello,
    groups: *mut u16,
    groups_count_max: u16,
    groups_count: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_server_name_length(ch: *mut s2n_client_hello, length: *mut u16) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_server_name(
    ch: *mut s2n_client_hello,
    server_name: *mut u8,
    length: u16,
    out_length: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_legacy_record_version(ch: *mut s2n_client_hello, out: *mut u8) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_new(type_: s2n_fingerprint_type_arg) -> *mut s2n_fingerprint {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_free(fingerprint: *mut *mut s2n_fingerprint) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_wipe(fingerprint: *mut s2n_fingerprint) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_set_client_hello(
    fingerprint: *mut s2n_fingerprint,
    ch: *mut s2n_client_hello,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_hash(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_hash_size: u32,
    hash: *mut u8,
    hash_size: *mut u32,
    str_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_string(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}
