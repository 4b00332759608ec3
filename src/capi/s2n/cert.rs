//! Certificates and keys: `struct s2n_cert_chain_and_key`, trust stores and peer chains.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_bytes, arg_cstr, arg_mut, arg_ref, from_c, into_c};
use crate::error::{Error, ErrorCode, Result};
use crate::pki::CertifiedKey;

/// A certificate chain and (usually) its private key, owned by the application and shared
/// by the configs it is added to.
pub struct s2n_cert_chain_and_key {
    certified: Option<CertifiedKey>,
    ctx: *mut c_void,
}

impl s2n_cert_chain_and_key {
    /// Loads once: s2n has no way to replace what a chain object holds.
    fn load(&mut self, certified: Result<CertifiedKey>) -> Result<c_int> {
        if self.certified.is_some() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        self.certified = Some(certified?);
        OK
    }
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_new() -> *mut s2n_cert_chain_and_key {
    call(|| {
        ensure_initialized()?;
        Ok(into_c(s2n_cert_chain_and_key { certified: None, ctx: std::ptr::null_mut() }))
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_pem(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *const c_char,
    private_key_pem: *const c_char,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_cstr(chain_pem) }?.to_bytes();
        let key = unsafe { arg_cstr(private_key_pem) }?.to_bytes();
        chain_and_key.load(CertifiedKey::from_pem(chain, key))
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_pem_bytes(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *mut u8,
    chain_pem_len: u32,
    private_key_pem: *mut u8,
    private_key_pem_len: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_bytes(chain_pem, chain_pem_len as usize) }?;
        let key = unsafe { arg_bytes(private_key_pem, private_key_pem_len as usize) }?;
        chain_and_key.load(CertifiedKey::from_pem(chain, key))
    })
}

/// A chain without a private key, for applications that sign elsewhere.
#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_public_pem_bytes(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *mut u8,
    chain_pem_len: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_bytes(chain_pem, chain_pem_len as usize) }?;
        chain_and_key.load(CertifiedKey::public_only(chain))
    })
}

/// Freeing NULL succeeds, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_free(cert_and_key: *mut s2n_cert_chain_and_key) -> c_int {
    call(|| {
        if !cert_and_key.is_null() {
            // SAFETY: a non-NULL pointer came from s2n_cert_chain_and_key_new.
            drop(unsafe { from_c(cert_and_key) });
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_ctx(cert_and_key: *mut s2n_cert_chain_and_key, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(cert_and_key) }?.ctx = ctx;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_get_ctx(cert_and_key: *mut s2n_cert_chain_and_key) -> *mut c_void {
    call(|| Ok(unsafe { arg_ref(cert_and_key) }?.ctx))
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_config_free_cert_chain_and_key(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_get_private_key(
    cert_and_key: *mut s2n_cert_chain_and_key,
) -> *mut s2n_cert_private_key {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_ocsp_data(
    chain_and_key: *mut s2n_cert_chain_and_key,
    data: *const u8,
    length: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_sct_list(
    chain_and_key: *mut s2n_cert_chain_and_key,
    data: *const u8,
    length: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_tiebreak_callback(
    config: *mut s2n_config,
    cert_tiebreak_cb: s2n_cert_tiebreak_callback,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain_and_key(
    config: *mut s2n_config,
    cert_chain_pem: *const c_char,
    private_key_pem: *const c_char,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain_and_key_to_store(
    config: *mut s2n_config,
    cert_key_pair: *mut s2n_cert_chain_and_key,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_chain_and_key_defaults(
    config: *mut s2n_config,
    cert_key_pairs: *mut *mut s2n_cert_chain_and_key,
    num_cert_key_pairs: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_verification_ca_location(
    config: *mut s2n_config,
    ca_pem_filename: *const c_char,
    ca_dir: *const c_char,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_pem_to_trust_store(config: *mut s2n_config, pem: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_wipe_trust_store(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_load_system_certs(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_verify_host_callback(
    config: *mut s2n_config,
    arg1: s2n_verify_host_fn,
    data: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_check_stapled_ocsp_response(config: *mut s2n_config, check_ocsp: u8) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_time_verification(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_intent_verification(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_verification(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_max_cert_chain_depth(config: *mut s2n_config, max_depth: u16) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_verify_host_callback(
    conn: *mut s2n_connection,
    host_fn: s2n_verify_host_fn,
    data: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_ocsp_response(conn: *mut s2n_connection, length: *mut u32) -> *const u8 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_sct_list(conn: *mut s2n_connection, length: *mut u32) -> *const u8 {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_cert_chain(
    conn: *mut s2n_connection,
    der_cert_chain_out: *mut *mut u8,
    cert_chain_len: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_ocsp_stapled(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_client_cert_signature_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_signature_algorithm,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_client_cert_digest_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_hash_algorithm,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_cert(conn: *mut s2n_connection) -> *mut s2n_cert_chain_and_key {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_get_length(
    chain_and_key: *const s2n_cert_chain_and_key,
    cert_length: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_get_cert(
    chain_and_key: *const s2n_cert_chain_and_key,
    out_cert: *mut *mut s2n_cert,
    cert_idx: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_der(
    cert: *const s2n_cert,
    out_cert_der: *mut *const u8,
    cert_length: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_peer_cert_chain(
    conn: *const s2n_connection,
    cert_chain: *mut s2n_cert_chain_and_key,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_x509_extension_value_length(
    cert: *mut s2n_cert,
    oid: *const u8,
    ext_value_len: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_x509_extension_value(
    cert: *mut s2n_cert,
    oid: *const u8,
    ext_value: *mut u8,
    ext_value_len: *mut u32,
    critical: *mut bool,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_utf8_string_from_extension_data_length(
    extension_data: *const u8,
    extension_len: u32,
    utf8_str_len: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_utf8_string_from_extension_data(
    extension_data: *const u8,
    extension_len: u32,
    out_data: *mut u8,
    out_len: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_client_cert_used(conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_certificate_match(
    conn: *mut s2n_connection,
    match_status: *mut s2n_cert_sni_match,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_async_pkey_callback(config: *mut s2n_config, fn_: s2n_async_pkey_fn) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_async_pkey_validation_mode(
    config: *mut s2n_config,
    mode: s2n_async_pkey_validation_mode_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_enable_cert_req_dss_legacy_compat(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_authorities_from_trust_store(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_certificate_request_get_ca_list(
    request: *mut s2n_certificate_request,
) -> *mut s2n_certificate_authority_list {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_certificate_request_set_certificate(
    request: *mut s2n_certificate_request,
    chain: *mut s2n_cert_chain_and_key,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_has_next(list: *mut s2n_certificate_authority_list) -> bool {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_next(
    list: *mut s2n_certificate_authority_list,
    name: *mut *mut u8,
    length: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_reread(list: *mut s2n_certificate_authority_list) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_request_callback(
    config: *mut s2n_config,
    cert_req_callback: s2n_cert_request_callback,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_validation_cb(
    config: *mut s2n_config,
    callback: s2n_cert_validation_callback,
    context: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_custom_x509_extension(
    config: *mut s2n_config,
    extension_oid: *mut u8,
    extension_oid_len: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain(
    config: *mut s2n_config,
    cert_chain_pem: *mut u8,
    cert_chain_pem_size: u32,
) -> c_int {
    unimplemented()
}
