//! `struct s2n_connection`: one TLS connection and its accessors.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_mut, arg_ref, from_c, into_c, write_out};
use crate::error::{Error, ErrorCode};

/// One TLS connection. Kept small: what only the handshake needs will live behind a box
/// that `s2n_connection_free_handshake` can drop.
pub struct s2n_connection {
    mode: s2n_mode,
    /// The application's config, or NULL while the connection uses the default one.
    config: *mut s2n_config,
    ctx: *mut c_void,
}

impl s2n_connection {
    pub(crate) fn config(&self) -> &s2n_config {
        // SAFETY: the application keeps a config alive while connections use it (s2n's rule).
        unsafe { self.config.as_ref() }.unwrap_or_else(|| s2n_config::default_config())
    }
}

#[no_mangle]
pub extern "C" fn s2n_connection_new(mode: s2n_mode_arg) -> *mut s2n_connection {
    call(|| {
        ensure_initialized()?;
        let mode = s2n_mode::from_raw(mode)?;
        Ok(into_c(s2n_connection { mode, config: std::ptr::null_mut(), ctx: std::ptr::null_mut() }))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_free(conn: *mut s2n_connection) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?;
        // SAFETY: checked non-NULL; it came from s2n_connection_new.
        drop(unsafe { from_c(conn) });
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_config(conn: *mut s2n_connection, config: *mut s2n_config) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        unsafe { arg_ref(config) }?;
        conn.config = config;
        let _ = conn.config();
        OK
    })
}

/// The config set with `s2n_connection_set_config`; `S2N_ERR_NULL` while the connection
/// still uses the default config, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_connection_get_config(conn: *mut s2n_connection, config: *mut *mut s2n_config) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(config) }?;
        if conn.config.is_null() {
            return Err(Error::new(ErrorCode::NULL));
        }
        unsafe { write_out(config, conn.config) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_ctx(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.ctx = ctx;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_ctx(conn: *mut s2n_connection) -> *mut c_void {
    call(|| Ok(unsafe { arg_ref(conn) }?.ctx))
}

/// s2n answers `S2N_SERVER` for a NULL connection rather than failing; so do we.
#[no_mangle]
pub extern "C" fn s2n_connection_get_mode(conn: *mut s2n_connection) -> s2n_mode {
    // SAFETY: NULL or a live connection.
    unsafe { conn.as_ref() }.map_or(s2n_mode::S2N_SERVER, |c| c.mode)
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_connection_server_name_extension_used(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_hello(conn: *mut s2n_connection) -> *mut s2n_client_hello {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_fd(conn: *mut s2n_connection, fd: c_int) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_read_fd(conn: *mut s2n_connection, readfd: c_int) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_write_fd(conn: *mut s2n_connection, writefd: c_int) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_read_fd(conn: *mut s2n_connection, readfd: *mut c_int) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_write_fd(conn: *mut s2n_connection, writefd: *mut c_int) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_use_corked_io(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_ctx(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_send_ctx(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_cb(conn: *mut s2n_connection, recv: s2n_recv_fn_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_send_cb(conn: *mut s2n_connection, send: s2n_send_fn_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_prefer_throughput(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_prefer_low_latency(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_buffering(conn: *mut s2n_connection, enabled: bool) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_dynamic_buffers(conn: *mut s2n_connection, enabled: bool) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_dynamic_record_threshold(
    conn: *mut s2n_connection,
    resize_threshold: u32,
    timeout_threshold: u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_blinding(conn: *mut s2n_connection, blinding: s2n_blinding_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_delay(conn: *mut s2n_connection) -> u64 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_cipher_preferences(conn: *mut s2n_connection, version: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_request_key_update(
    conn: *mut s2n_connection,
    peer_request: s2n_peer_key_update_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_append_protocol_preference(
    conn: *mut s2n_connection,
    protocol: *const u8,
    protocol_len: u8,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_protocol_preferences(
    conn: *mut s2n_connection,
    protocols: *const *const c_char,
    protocol_count: c_int,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_free_handshake(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_release_buffers(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_wipe(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_auth_type(
    conn: *mut s2n_connection,
    client_auth_type: *mut s2n_cert_auth_type,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_client_auth_type(
    conn: *mut s2n_connection,
    client_auth_type: s2n_cert_auth_type_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_server_keying_material_lifetime(
    conn: *mut s2n_connection,
    lifetime_in_secs: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_signature_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_signature_algorithm,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_digest_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_hash_algorithm,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_signature_scheme(
    conn: *mut s2n_connection,
    scheme_name: *mut *const c_char,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_wire_bytes_in(conn: *mut s2n_connection) -> u64 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_wire_bytes_out(conn: *mut s2n_connection) -> u64 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_protocol_version(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_server_protocol_version(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_actual_protocol_version(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_hello_version(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_cipher(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_master_secret(
    conn: *const s2n_connection,
    secret_bytes: *mut u8,
    max_size: usize,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_tls_exporter(
    conn: *mut s2n_connection,
    label: *const u8,
    label_length: u32,
    context: *const u8,
    context_length: u32,
    output: *mut u8,
    output_length: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_cipher_iana_value(
    conn: *mut s2n_connection,
    first: *mut u8,
    second: *mut u8,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_valid_for_cipher_preferences(
    conn: *mut s2n_connection,
    version: *const c_char,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_curve(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_kem_name(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_kem_group_name(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_key_exchange_group(
    conn: *mut s2n_connection,
    group_name: *mut *const c_char,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_alert(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_handshake_type_name(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_handshake_complete(conn: *mut s2n_connection) -> bool {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_last_message_name(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_serialization_length(conn: *mut s2n_connection, length: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_serialize(conn: *mut s2n_connection, buffer: *mut u8, buffer_length: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_deserialize(conn: *mut s2n_connection, buffer: *mut u8, buffer_length: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_conn_get_signature_public_key_type(
    conn: *mut s2n_connection,
    mode: s2n_mode_arg,
    output: *mut c_char,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_set_server_name(conn: *mut s2n_connection, server_name: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_get_server_name(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_get_application_protocol(conn: *mut s2n_connection) -> *const c_char {
    unimplemented()
}
