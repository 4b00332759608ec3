//! The types, constants and callback signatures of `s2n.h`, as C sees them.
//!
//! cbindgen turns this module into the type half of `include/s2n.h`. Opaque structs are
//! excluded there and declared as plain `struct s2n_x;` (see `cbindgen.toml`). Enums that C
//! passes *by value* arrive as `<enum>_arg` integers and are checked with `from_raw`, because an
//! out-of-range value in a Rust enum would be undefined behaviour; cbindgen prints the
//! `_arg` aliases under the enum's own name.
#![allow(non_camel_case_types, non_upper_case_globals)]

use std::os::raw::{c_char, c_int, c_uint, c_void};

use crate::error::{Error, ErrorCode, Result};

pub use super::cert::{s2n_cert, s2n_cert_chain_and_key};
pub use super::client_hello::s2n_client_hello;
pub use super::config::s2n_config;
pub use super::connection::s2n_connection;
pub use super::session::s2n_session_ticket;

pub const S2N_SUCCESS: c_int = 0;
pub const S2N_FAILURE: c_int = -1;
pub const S2N_CALLBACK_BLOCKED: c_int = -2;
pub const S2N_MINIMUM_SUPPORTED_TLS_RECORD_MAJOR_VERSION: c_int = 2;
pub const S2N_MAXIMUM_SUPPORTED_TLS_RECORD_MAJOR_VERSION: c_int = 3;
pub const S2N_SSLv2: c_int = 20;
pub const S2N_SSLv3: c_int = 30;
pub const S2N_TLS10: c_int = 31;
pub const S2N_TLS11: c_int = 32;
pub const S2N_TLS12: c_int = 33;
pub const S2N_TLS13: c_int = 34;
pub const S2N_UNKNOWN_PROTOCOL_VERSION: c_int = 0;

/// Declares the by-value form of a C enum and its checked conversion.
macro_rules! enum_arg {
    ($($enum:ident as $arg:ident { $($v:ident),* $(,)? })*) => {$(
        pub type $arg = c_uint;
        impl $enum {
            #[track_caller]
            pub fn from_raw(raw: $arg) -> Result<Self> {
                $( if raw == $enum::$v as $arg { return Ok($enum::$v); } )*
                Err(Error::new(ErrorCode::INVALID_ARGUMENT))
            }
        }
    )*};
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_error_type {
    S2N_ERR_T_OK = 0,
    S2N_ERR_T_IO,
    S2N_ERR_T_CLOSED,
    S2N_ERR_T_BLOCKED,
    S2N_ERR_T_ALERT,
    S2N_ERR_T_PROTO,
    S2N_ERR_T_INTERNAL,
    S2N_ERR_T_USAGE,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_fips_mode {
    S2N_FIPS_MODE_DISABLED = 0,
    S2N_FIPS_MODE_ENABLED,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_tls_extension_type {
    S2N_EXTENSION_SERVER_NAME = 0,
    S2N_EXTENSION_MAX_FRAG_LEN = 1,
    S2N_EXTENSION_OCSP_STAPLING = 5,
    S2N_EXTENSION_SUPPORTED_GROUPS = 10,
    S2N_EXTENSION_EC_POINT_FORMATS = 11,
    S2N_EXTENSION_SIGNATURE_ALGORITHMS = 13,
    S2N_EXTENSION_ALPN = 16,
    S2N_EXTENSION_CERTIFICATE_TRANSPARENCY = 18,
    S2N_EXTENSION_SUPPORTED_VERSIONS = 43,
    S2N_EXTENSION_RENEGOTIATION_INFO = 65281,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_max_frag_len {
    S2N_TLS_MAX_FRAG_LEN_512 = 1,
    S2N_TLS_MAX_FRAG_LEN_1024 = 2,
    S2N_TLS_MAX_FRAG_LEN_2048 = 3,
    S2N_TLS_MAX_FRAG_LEN_4096 = 4,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_verify_after_sign {
    S2N_VERIFY_AFTER_SIGN_DISABLED,
    S2N_VERIFY_AFTER_SIGN_ENABLED,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_status_request_type {
    S2N_STATUS_REQUEST_NONE = 0,
    S2N_STATUS_REQUEST_OCSP = 1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_ct_support_level {
    S2N_CT_SUPPORT_NONE = 0,
    S2N_CT_SUPPORT_REQUEST = 1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_alert_behavior {
    S2N_ALERT_FAIL_ON_WARNINGS = 0,
    S2N_ALERT_IGNORE_WARNINGS = 1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_mode {
    S2N_SERVER,
    S2N_CLIENT,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_client_hello_cb_mode {
    S2N_CLIENT_HELLO_CB_BLOCKING,
    S2N_CLIENT_HELLO_CB_NONBLOCKING,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_blinding {
    S2N_BUILT_IN_BLINDING,
    S2N_SELF_SERVICE_BLINDING,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_peer_key_update {
    S2N_KEY_UPDATE_NOT_REQUESTED = 0,
    S2N_KEY_UPDATE_REQUESTED,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_blocked_status {
    S2N_NOT_BLOCKED = 0,
    S2N_BLOCKED_ON_READ,
    S2N_BLOCKED_ON_WRITE,
    S2N_BLOCKED_ON_APPLICATION_INPUT,
    S2N_BLOCKED_ON_EARLY_DATA,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_cert_auth_type {
    S2N_CERT_AUTH_NONE,
    S2N_CERT_AUTH_REQUIRED,
    S2N_CERT_AUTH_OPTIONAL,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_tls_signature_algorithm {
    S2N_TLS_SIGNATURE_ANONYMOUS = 0,
    S2N_TLS_SIGNATURE_RSA = 1,
    S2N_TLS_SIGNATURE_ECDSA = 3,
    S2N_TLS_SIGNATURE_MLDSA = 9,
    S2N_TLS_SIGNATURE_RSA_PSS_RSAE = 224,
    S2N_TLS_SIGNATURE_RSA_PSS_PSS,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_tls_hash_algorithm {
    S2N_TLS_HASH_NONE = 0,
    S2N_TLS_HASH_MD5 = 1,
    S2N_TLS_HASH_SHA1 = 2,
    S2N_TLS_HASH_SHA224 = 3,
    S2N_TLS_HASH_SHA256 = 4,
    S2N_TLS_HASH_SHA384 = 5,
    S2N_TLS_HASH_SHA512 = 6,
    S2N_TLS_HASH_MD5_SHA1 = 224,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_psk_hmac {
    S2N_PSK_HMAC_SHA256,
    S2N_PSK_HMAC_SHA384,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_psk_mode {
    S2N_PSK_MODE_RESUMPTION,
    S2N_PSK_MODE_EXTERNAL,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_cert_sni_match {
    S2N_SNI_NONE = 1,
    S2N_SNI_EXACT_MATCH,
    S2N_SNI_WILDCARD_MATCH,
    S2N_SNI_NO_MATCH,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_async_pkey_validation_mode {
    S2N_ASYNC_PKEY_VALIDATION_FAST,
    S2N_ASYNC_PKEY_VALIDATION_STRICT,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_async_pkey_op_type {
    S2N_ASYNC_DECRYPT,
    S2N_ASYNC_SIGN,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_early_data_status_t {
    S2N_EARLY_DATA_STATUS_OK,
    S2N_EARLY_DATA_STATUS_NOT_REQUESTED,
    S2N_EARLY_DATA_STATUS_REJECTED,
    S2N_EARLY_DATA_STATUS_END,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_serialization_version {
    S2N_SERIALIZED_CONN_NONE = 0,
    S2N_SERIALIZED_CONN_V1 = 1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_async_offload_op_type {
    S2N_ASYNC_OFFLOAD_PKEY_VERIFY = 0x01,
    S2N_ASYNC_OFFLOAD_ALLOW_ALL = 0x7FFFFFFF,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_fingerprint_type {
    S2N_FINGERPRINT_JA3,
    S2N_FINGERPRINT_JA4,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_renegotiate_response {
    S2N_RENEGOTIATE_IGNORE = 0,
    S2N_RENEGOTIATE_REJECT,
    S2N_RENEGOTIATE_ACCEPT,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum s2n_secret_type_t {
    S2N_CLIENT_EARLY_TRAFFIC_SECRET = 0,
    S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
    S2N_SERVER_HANDSHAKE_TRAFFIC_SECRET,
    S2N_CLIENT_APPLICATION_TRAFFIC_SECRET,
    S2N_SERVER_APPLICATION_TRAFFIC_SECRET,
    S2N_EXPORTER_SECRET,
}

enum_arg! {
    s2n_error_type as s2n_error_type_arg { S2N_ERR_T_OK, S2N_ERR_T_IO, S2N_ERR_T_CLOSED, S2N_ERR_T_BLOCKED, S2N_ERR_T_ALERT, S2N_ERR_T_PROTO, S2N_ERR_T_INTERNAL, S2N_ERR_T_USAGE }
    s2n_fips_mode as s2n_fips_mode_arg { S2N_FIPS_MODE_DISABLED, S2N_FIPS_MODE_ENABLED }
    s2n_tls_extension_type as s2n_tls_extension_type_arg { S2N_EXTENSION_SERVER_NAME, S2N_EXTENSION_MAX_FRAG_LEN, S2N_EXTENSION_OCSP_STAPLING, S2N_EXTENSION_SUPPORTED_GROUPS, S2N_EXTENSION_EC_POINT_FORMATS, S2N_EXTENSION_SIGNATURE_ALGORITHMS, S2N_EXTENSION_ALPN, S2N_EXTENSION_CERTIFICATE_TRANSPARENCY, S2N_EXTENSION_SUPPORTED_VERSIONS, S2N_EXTENSION_RENEGOTIATION_INFO }
    s2n_max_frag_len as s2n_max_frag_len_arg { S2N_TLS_MAX_FRAG_LEN_512, S2N_TLS_MAX_FRAG_LEN_1024, S2N_TLS_MAX_FRAG_LEN_2048, S2N_TLS_MAX_FRAG_LEN_4096 }
    s2n_verify_after_sign as s2n_verify_after_sign_arg { S2N_VERIFY_AFTER_SIGN_DISABLED, S2N_VERIFY_AFTER_SIGN_ENABLED }
    s2n_status_request_type as s2n_status_request_type_arg { S2N_STATUS_REQUEST_NONE, S2N_STATUS_REQUEST_OCSP }
    s2n_ct_support_level as s2n_ct_support_level_arg { S2N_CT_SUPPORT_NONE, S2N_CT_SUPPORT_REQUEST }
    s2n_alert_behavior as s2n_alert_behavior_arg { S2N_ALERT_FAIL_ON_WARNINGS, S2N_ALERT_IGNORE_WARNINGS }
    s2n_mode as s2n_mode_arg { S2N_SERVER, S2N_CLIENT }
    s2n_client_hello_cb_mode as s2n_client_hello_cb_mode_arg { S2N_CLIENT_HELLO_CB_BLOCKING, S2N_CLIENT_HELLO_CB_NONBLOCKING }
    s2n_blinding as s2n_blinding_arg { S2N_BUILT_IN_BLINDING, S2N_SELF_SERVICE_BLINDING }
    s2n_peer_key_update as s2n_peer_key_update_arg { S2N_KEY_UPDATE_NOT_REQUESTED, S2N_KEY_UPDATE_REQUESTED }
    s2n_blocked_status as s2n_blocked_status_arg { S2N_NOT_BLOCKED, S2N_BLOCKED_ON_READ, S2N_BLOCKED_ON_WRITE, S2N_BLOCKED_ON_APPLICATION_INPUT, S2N_BLOCKED_ON_EARLY_DATA }
    s2n_cert_auth_type as s2n_cert_auth_type_arg { S2N_CERT_AUTH_NONE, S2N_CERT_AUTH_REQUIRED, S2N_CERT_AUTH_OPTIONAL }
    s2n_tls_signature_algorithm as s2n_tls_signature_algorithm_arg { S2N_TLS_SIGNATURE_ANONYMOUS, S2N_TLS_SIGNATURE_RSA, S2N_TLS_SIGNATURE_ECDSA, S2N_TLS_SIGNATURE_MLDSA, S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_TLS_SIGNATURE_RSA_PSS_PSS }
    s2n_tls_hash_algorithm as s2n_tls_hash_algorithm_arg { S2N_TLS_HASH_NONE, S2N_TLS_HASH_MD5, S2N_TLS_HASH_SHA1, S2N_TLS_HASH_SHA224, S2N_TLS_HASH_SHA256, S2N_TLS_HASH_SHA384, S2N_TLS_HASH_SHA512, S2N_TLS_HASH_MD5_SHA1 }
    s2n_psk_hmac as s2n_psk_hmac_arg { S2N_PSK_HMAC_SHA256, S2N_PSK_HMAC_SHA384 }
    s2n_psk_mode as s2n_psk_mode_arg { S2N_PSK_MODE_RESUMPTION, S2N_PSK_MODE_EXTERNAL }
    s2n_cert_sni_match as s2n_cert_sni_match_arg { S2N_SNI_NONE, S2N_SNI_EXACT_MATCH, S2N_SNI_WILDCARD_MATCH, S2N_SNI_NO_MATCH }
    s2n_async_pkey_validation_mode as s2n_async_pkey_validation_mode_arg { S2N_ASYNC_PKEY_VALIDATION_FAST, S2N_ASYNC_PKEY_VALIDATION_STRICT }
    s2n_async_pkey_op_type as s2n_async_pkey_op_type_arg { S2N_ASYNC_DECRYPT, S2N_ASYNC_SIGN }
    s2n_early_data_status_t as s2n_early_data_status_t_arg { S2N_EARLY_DATA_STATUS_OK, S2N_EARLY_DATA_STATUS_NOT_REQUESTED, S2N_EARLY_DATA_STATUS_REJECTED, S2N_EARLY_DATA_STATUS_END }
    s2n_serialization_version as s2n_serialization_version_arg { S2N_SERIALIZED_CONN_NONE, S2N_SERIALIZED_CONN_V1 }
    s2n_async_offload_op_type as s2n_async_offload_op_type_arg { S2N_ASYNC_OFFLOAD_PKEY_VERIFY, S2N_ASYNC_OFFLOAD_ALLOW_ALL }
    s2n_fingerprint_type as s2n_fingerprint_type_arg { S2N_FINGERPRINT_JA3, S2N_FINGERPRINT_JA4 }
    s2n_renegotiate_response as s2n_renegotiate_response_arg { S2N_RENEGOTIATE_IGNORE, S2N_RENEGOTIATE_REJECT, S2N_RENEGOTIATE_ACCEPT }
    s2n_secret_type_t as s2n_secret_type_t_arg { S2N_CLIENT_EARLY_TRAFFIC_SECRET, S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET, S2N_SERVER_HANDSHAKE_TRAFFIC_SECRET, S2N_CLIENT_APPLICATION_TRAFFIC_SECRET, S2N_SERVER_APPLICATION_TRAFFIC_SECRET, S2N_EXPORTER_SECRET }
}

/// Opaque types whose functions are not built yet. Real definitions replace these as their
/// functions are implemented.
macro_rules! opaque_placeholder {
    ($($name:ident),*) => {$( pub struct $name { _private: [u8; 0] } )*};
}
pub use super::async_offload::s2n_async_offload_op;
pub use super::async_pkey::s2n_async_pkey_op;
pub use super::cert::s2n_pkey;
pub use super::cert_authorities::{s2n_certificate_authority_list, s2n_certificate_request};
pub use super::cert_validation::s2n_cert_validation_info;
pub use super::client_hello::s2n_fingerprint;
pub use super::crl::{s2n_crl, s2n_crl_lookup};
pub use super::early_data::s2n_offered_early_data;
pub use super::psk::{s2n_offered_psk, s2n_offered_psk_list, s2n_psk};
opaque_placeholder!(s2n_stacktrace);

pub type s2n_cert_public_key = s2n_pkey;
pub type s2n_cert_private_key = s2n_pkey;

/// `struct s2n_event_handshake` (unstable/events.h), handed to subscribers.
#[repr(C)]
pub struct s2n_event_handshake {
    pub protocol_version: c_int,
    pub cipher: *const c_char,
    pub group: *const c_char,
    pub security_policy_label: *const c_char,
    pub handshake_time_ns: u64,
    pub handshake_start_ns: u64,
    pub handshake_end_ns: u64,
    pub error_code: c_int,
}

/// `struct s2n_timing_checkpoint` (unstable/events.h).
#[repr(C)]
pub struct s2n_timing_checkpoint {
    pub name: *const c_char,
    pub role: u8,
    pub timestamp_ns: u64,
}

pub const HANDSHAKE_EVENT_SENT: u64 = 0x8000_0000_0000_0000;

/// unstable/renegotiate.h exports this as data: the blocked status reported while a
/// renegotiation waits on application data.
#[no_mangle]
pub static S2N_BLOCKED_ON_APPLICATION_DATA: s2n_blocked_status = s2n_blocked_status::S2N_BLOCKED_ON_EARLY_DATA;

pub type s2n_clock_time_nanoseconds = Option<unsafe extern "C" fn(arg0: *mut c_void, arg1: *mut u64) -> c_int>;
pub type s2n_cache_retrieve_callback = Option<
    unsafe extern "C" fn(
        conn: *mut s2n_connection,
        arg1: *mut c_void,
        key: *const c_void,
        key_size: u64,
        value: *mut c_void,
        value_size: *mut u64,
    ) -> c_int,
>;
pub type s2n_cache_store_callback = Option<
    unsafe extern "C" fn(
        conn: *mut s2n_connection,
        arg1: *mut c_void,
        ttl_in_seconds: u64,
        key: *const c_void,
        key_size: u64,
        value: *const c_void,
        value_size: u64,
    ) -> c_int,
>;
pub type s2n_cache_delete_callback = Option<
    unsafe extern "C" fn(conn: *mut s2n_connection, arg1: *mut c_void, key: *const c_void, key_size: u64) -> c_int,
>;
pub type s2n_mem_init_callback = Option<unsafe extern "C" fn() -> c_int>;
pub type s2n_mem_cleanup_callback = Option<unsafe extern "C" fn() -> c_int>;
pub type s2n_mem_malloc_callback =
    Option<unsafe extern "C" fn(ptr: *mut *mut c_void, requested: u32, allocated: *mut u32) -> c_int>;
pub type s2n_mem_free_callback = Option<unsafe extern "C" fn(ptr: *mut c_void, size: u32) -> c_int>;
pub type s2n_rand_init_callback = Option<unsafe extern "C" fn() -> c_int>;
pub type s2n_rand_cleanup_callback = Option<unsafe extern "C" fn() -> c_int>;
pub type s2n_rand_seed_callback = Option<unsafe extern "C" fn(data: *mut c_void, size: u32) -> c_int>;
pub type s2n_rand_mix_callback = Option<unsafe extern "C" fn(data: *mut c_void, size: u32) -> c_int>;
pub type s2n_cert_tiebreak_callback = Option<
    unsafe extern "C" fn(
        cert1: *mut s2n_cert_chain_and_key,
        cert2: *mut s2n_cert_chain_and_key,
        name: *mut u8,
        name_len: u32,
    ) -> *mut s2n_cert_chain_and_key,
>;
pub type s2n_verify_host_fn =
    Option<unsafe extern "C" fn(host_name: *const c_char, host_name_len: usize, data: *mut c_void) -> u8>;
pub type s2n_client_hello_fn_arg = Option<unsafe extern "C" fn(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int>;
pub type s2n_recv_fn_arg = Option<unsafe extern "C" fn(io_context: *mut c_void, buf: *mut u8, len: u32) -> c_int>;
pub type s2n_send_fn_arg = Option<unsafe extern "C" fn(io_context: *mut c_void, buf: *const u8, len: u32) -> c_int>;
pub type s2n_session_ticket_fn =
    Option<unsafe extern "C" fn(conn: *mut s2n_connection, ctx: *mut c_void, ticket: *mut s2n_session_ticket) -> c_int>;
pub type s2n_psk_selection_callback = Option<
    unsafe extern "C" fn(conn: *mut s2n_connection, context: *mut c_void, psk_list: *mut s2n_offered_psk_list) -> c_int,
>;
pub type s2n_async_pkey_fn =
    Option<unsafe extern "C" fn(conn: *mut s2n_connection, op: *mut s2n_async_pkey_op) -> c_int>;
pub type s2n_key_log_fn =
    Option<unsafe extern "C" fn(ctx: *mut c_void, conn: *mut s2n_connection, logline: *mut u8, len: usize) -> c_int>;
pub type s2n_early_data_cb =
    Option<unsafe extern "C" fn(conn: *mut s2n_connection, early_data: *mut s2n_offered_early_data) -> c_int>;
pub type s2n_async_offload_cb =
    Option<unsafe extern "C" fn(conn: *mut s2n_connection, op: *mut s2n_async_offload_op, ctx: *mut c_void) -> c_int>;
pub type s2n_cert_request_callback = Option<
    unsafe extern "C" fn(conn: *mut s2n_connection, ctx: *mut c_void, request: *mut s2n_certificate_request) -> c_int,
>;
pub type s2n_crl_lookup_callback =
    Option<unsafe extern "C" fn(lookup: *mut s2n_crl_lookup, context: *mut c_void) -> c_int>;
pub type s2n_cert_validation_callback = Option<
    unsafe extern "C" fn(conn: *mut s2n_connection, info: *mut s2n_cert_validation_info, context: *mut c_void) -> c_int,
>;
pub type s2n_event_on_handshake_cb =
    Option<unsafe extern "C" fn(conn: *mut s2n_connection, subscriber: *mut c_void, event: *mut s2n_event_handshake)>;
pub type s2n_event_on_timing_checkpoint_cb = Option<
    unsafe extern "C" fn(conn: *mut s2n_connection, subscriber: *mut c_void, checkpoint: *mut s2n_timing_checkpoint),
>;
pub type s2n_renegotiate_request_cb = Option<
    unsafe extern "C" fn(
        conn: *mut s2n_connection,
        context: *mut c_void,
        response: *mut s2n_renegotiate_response,
    ) -> c_int,
>;
pub type s2n_secret_cb = Option<
    unsafe extern "C" fn(
        context: *mut c_void,
        conn: *mut s2n_connection,
        secret_type: s2n_secret_type_t,
        secret: *mut u8,
        secret_size: u8,
    ) -> c_int,
>;
