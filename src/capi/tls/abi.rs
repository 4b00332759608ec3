//! The constants and callback types of `tls.h`, as C sees them.
//!
//! cbindgen turns this module into the definitions half of `include/tls.h`. The values are
//! those of libtls's API 20200120 (Debian's libretls): in particular `TLS_PROTOCOL_TLSv1`
//! still means every TLS 1.x version there, whereas newer LibreSSL narrowed it to 1.2 and 1.3.
//! The constants are `c_int` because C programs see them as plain `int` macros.
#![allow(non_camel_case_types, non_upper_case_globals)]

use std::os::raw::{c_int, c_void};

pub use super::config::tls_config;
pub use super::context::tls;

pub const TLS_API: c_int = 20200120;

pub const TLS_PROTOCOL_TLSv1_0: c_int = 1 << 1;
pub const TLS_PROTOCOL_TLSv1_1: c_int = 1 << 2;
pub const TLS_PROTOCOL_TLSv1_2: c_int = 1 << 3;
pub const TLS_PROTOCOL_TLSv1_3: c_int = 1 << 4;
pub const TLS_PROTOCOL_TLSv1: c_int =
    TLS_PROTOCOL_TLSv1_0 | TLS_PROTOCOL_TLSv1_1 | TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3;
pub const TLS_PROTOCOLS_ALL: c_int = TLS_PROTOCOL_TLSv1;
pub const TLS_PROTOCOLS_DEFAULT: c_int = TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3;

pub const TLS_WANT_POLLIN: c_int = -2;
pub const TLS_WANT_POLLOUT: c_int = -3;

// OCSP response status, RFC 6960 §2.3.
pub const TLS_OCSP_RESPONSE_SUCCESSFUL: c_int = 0;
pub const TLS_OCSP_RESPONSE_MALFORMED: c_int = 1;
pub const TLS_OCSP_RESPONSE_INTERNALERROR: c_int = 2;
pub const TLS_OCSP_RESPONSE_TRYLATER: c_int = 3;
pub const TLS_OCSP_RESPONSE_SIGREQUIRED: c_int = 4;
pub const TLS_OCSP_RESPONSE_UNAUTHORIZED: c_int = 5;

// OCSP certificate status, RFC 6960 §2.2.
pub const TLS_OCSP_CERT_GOOD: c_int = 0;
pub const TLS_OCSP_CERT_REVOKED: c_int = 1;
pub const TLS_OCSP_CERT_UNKNOWN: c_int = 2;

// CRL reason codes, RFC 5280 §5.3.1 (7 is unassigned).
pub const TLS_CRL_REASON_UNSPECIFIED: c_int = 0;
pub const TLS_CRL_REASON_KEY_COMPROMISE: c_int = 1;
pub const TLS_CRL_REASON_CA_COMPROMISE: c_int = 2;
pub const TLS_CRL_REASON_AFFILIATION_CHANGED: c_int = 3;
pub const TLS_CRL_REASON_SUPERSEDED: c_int = 4;
pub const TLS_CRL_REASON_CESSATION_OF_OPERATION: c_int = 5;
pub const TLS_CRL_REASON_CERTIFICATE_HOLD: c_int = 6;
pub const TLS_CRL_REASON_REMOVE_FROM_CRL: c_int = 8;
pub const TLS_CRL_REASON_PRIVILEGE_WITHDRAWN: c_int = 9;
pub const TLS_CRL_REASON_AA_COMPROMISE: c_int = 10;

pub const TLS_MAX_SESSION_ID_LENGTH: c_int = 32;
pub const TLS_TICKET_KEY_SIZE: c_int = 48;

// Error codes of `tls_error_code`/`tls_config_error_code`. Newer LibreSSL declares these
// (and the two functions) only under LIBRESSL_NEXT_API; we always declare them, which no
// program written for either header can tell apart.
pub const TLS_ERROR_UNKNOWN: c_int = 0x0000;
pub const TLS_ERROR_OUT_OF_MEMORY: c_int = 0x1000;
pub const TLS_ERROR_INVALID_CONTEXT: c_int = 0x2000;
pub const TLS_ERROR_INVALID_ARGUMENT: c_int = 0x2001;

/// Reads up to `buflen` bytes for the TLS layer (`tls_connect_cbs`, `tls_accept_cbs`).
pub type tls_read_cb =
    Option<unsafe extern "C" fn(ctx: *mut tls, buf: *mut c_void, buflen: usize, cb_arg: *mut c_void) -> libc::ssize_t>;
/// Writes up to `buflen` bytes for the TLS layer.
pub type tls_write_cb = Option<
    unsafe extern "C" fn(ctx: *mut tls, buf: *const c_void, buflen: usize, cb_arg: *mut c_void) -> libc::ssize_t,
>;

/// The protocol bits we know, as the `uint32_t` that `tls_config_set_protocols` takes.
pub(crate) const PROTOCOLS_ALL: u32 = TLS_PROTOCOLS_ALL as u32;
pub(crate) const PROTOCOLS_DEFAULT: u32 = TLS_PROTOCOLS_DEFAULT as u32;
