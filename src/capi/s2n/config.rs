//! `struct s2n_config`: settings shared by many connections.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use std::sync::LazyLock;

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_bytes, arg_cstr, arg_mut, arg_ref, from_c, into_c, write_out};
use crate::config::ClientAuth;
use crate::config::Config;
use crate::error::{Error, ErrorCode, Result};

/// Who owns the certificate chains a config holds (s2n forbids mixing the two).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CertOwnership {
    None,
    /// Added with `s2n_config_add_cert_chain_and_key_to_store`: the application frees them.
    Application,
    /// Loaded by `s2n_config_add_cert_chain_and_key`: freed with the config.
    Library,
}

/// The settings many connections share: the core configuration plus what only the s2n
/// API has (callbacks with their C context pointers, the chain objects handed to us).
pub struct s2n_config {
    ctx: *mut c_void,
    pub(crate) core: Config,
    /// The chain objects behind `core.identities`, index for index, so
    /// `s2n_connection_get_selected_cert` can answer with the application's pointer.
    pub(crate) chains: Vec<*mut s2n_cert_chain_and_key>,
    pub(crate) ownership: CertOwnership,
    /// Whether `s2n_config_set_cert_chain_and_key_defaults` chose the default chains.
    pub(crate) explicit_defaults: bool,
    /// `s2n_config_set_crl_lookup_cb`, with its context.
    pub(crate) crl_lookup: Option<(unsafe extern "C" fn(*mut s2n_crl_lookup, *mut c_void) -> c_int, *mut c_void)>,
    /// `s2n_config_set_cert_request_callback`, with its context.
    pub(crate) cert_request: Option<(
        unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *mut s2n_certificate_request) -> c_int,
        *mut c_void,
    )>,
    /// `s2n_config_set_cert_tiebreak_callback`.
    pub(crate) cert_tiebreak: s2n_cert_tiebreak_callback,
    pub(crate) verify_host: Option<(unsafe extern "C" fn(*const c_char, usize, *mut c_void) -> u8, *mut c_void)>,
    pub(crate) key_log:
        Option<(unsafe extern "C" fn(*mut c_void, *mut s2n_connection, *mut u8, usize) -> c_int, *mut c_void)>,
    pub(crate) wall_clock: Option<(unsafe extern "C" fn(*mut c_void, *mut u64) -> c_int, *mut c_void)>,
    pub(crate) monotonic_clock: Option<(unsafe extern "C" fn(*mut c_void, *mut u64) -> c_int, *mut c_void)>,
    pub(crate) client_hello_cb: Option<(unsafe extern "C" fn(*mut s2n_connection, *mut c_void) -> c_int, *mut c_void)>,
    pub(crate) client_hello_cb_mode: s2n_client_hello_cb_mode,
    /// The name of the security policy in force, for s2n's accessors.
    pub(crate) policy_name: &'static str,
    /// `s2n_config_set_max_blinding_delay`; None is s2n's default 10-30 s.
    pub(crate) max_blinding: Option<std::time::Duration>,
    /// `s2n_config_set_renegotiate_request_cb`: the application hears of TLS 1.2 HelloRequests.
    pub(crate) renegotiate_request: Option<(
        unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *mut s2n_renegotiate_response) -> c_int,
        *mut c_void,
    )>,
    pub(crate) recv_multi_record: bool,
    /// `s2n_config_set_serialization_version`: its connections may be serialized.
    pub(crate) serializable: bool,
    /// `s2n_config_set_send_buffer_size`: records gathered before a write.
    pub(crate) send_buffer_size: Option<u32>,
    /// `s2n_config_set_max_fragment_length`: the default record payload of new connections.
    pub(crate) max_fragment_length: Option<usize>,
    /// The application's TLS 1.2 session cache (`s2n_config_set_cache_*_callback`).
    pub(crate) cache: SessionCacheCallbacks,
    pub(crate) session_ticket_cb:
        Option<(unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *mut s2n_session_ticket) -> c_int, *mut c_void)>,
    /// `s2n_config_set_async_pkey_callback`: the application signs for the handshake.
    pub(crate) async_pkey_cb: s2n_async_pkey_fn,
    /// `s2n_config_set_psk_mode`.
    pub(crate) psk_mode: s2n_psk_mode,
    /// `s2n_config_set_psk_selection_callback`, with its context.
    pub(crate) psk_selection_cb: Option<(
        unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *mut s2n_offered_psk_list) -> c_int,
        *mut c_void,
    )>,
    /// `s2n_config_set_subscriber` and `s2n_config_set_handshake_event`: who hears of each
    /// finished (or failed) handshake.
    pub(crate) subscriber: *mut c_void,
    pub(crate) on_handshake_event: s2n_event_on_handshake_cb,
    /// `s2n_config_set_cert_validation_cb`, with its context.
    pub(crate) cert_validation_cb: Option<(
        unsafe extern "C" fn(*mut s2n_connection, *mut s2n_cert_validation_info, *mut c_void) -> c_int,
        *mut c_void,
    )>,
    /// `s2n_config_set_early_data_cb`.
    pub(crate) early_data_cb: s2n_early_data_cb,
    /// `s2n_config_enable_quic`: connections taking this config run QUIC.
    pub(crate) quic: bool,
    /// `s2n_config_set_async_offload_callback`: callback, allowed operations, context.
    pub(crate) async_offload: Option<super::async_offload::OffloadCallback>,
}

/// The three session-cache callbacks with their contexts; caching needs all of them.
#[derive(Clone, Copy)]
pub(crate) struct SessionCacheCallbacks {
    pub(crate) store: Option<(CacheStoreFn, *mut c_void)>,
    pub(crate) retrieve: Option<(CacheRetrieveFn, *mut c_void)>,
    pub(crate) delete: Option<(CacheDeleteFn, *mut c_void)>,
}

pub(crate) type CacheStoreFn =
    unsafe extern "C" fn(*mut s2n_connection, *mut c_void, u64, *const c_void, u64, *const c_void, u64) -> c_int;
pub(crate) type CacheRetrieveFn =
    unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *const c_void, u64, *mut c_void, *mut u64) -> c_int;
pub(crate) type CacheDeleteFn = unsafe extern "C" fn(*mut s2n_connection, *mut c_void, *const c_void, u64) -> c_int;

impl s2n_config {
    fn new(trust_system: bool) -> s2n_config {
        let mut core = Config::default();
        if trust_system {
            core.trust.trust_system();
        }
        core.sni_for_ip_literals = true;
        // New configs use s2n's "default" policy, as in s2n.
        if let Some(policy) = crate::policy::lookup("default") {
            core.apply_policy(crate::policy::implemented(policy));
        }
        s2n_config {
            ctx: std::ptr::null_mut(),
            core,
            chains: Vec::new(),
            ownership: CertOwnership::None,
            explicit_defaults: false,
            crl_lookup: None,
            cert_request: None,
            cert_tiebreak: None,
            verify_host: None,
            key_log: None,
            wall_clock: None,
            monotonic_clock: None,
            client_hello_cb: None,
            client_hello_cb_mode: s2n_client_hello_cb_mode::S2N_CLIENT_HELLO_CB_BLOCKING,
            policy_name: "default",
            max_blinding: None,
            renegotiate_request: None,
            serializable: false,
            recv_multi_record: false,
            send_buffer_size: None,
            max_fragment_length: None,
            session_ticket_cb: None,
            async_pkey_cb: None,
            psk_mode: s2n_psk_mode::S2N_PSK_MODE_RESUMPTION,
            psk_selection_cb: None,
            cert_validation_cb: None,
            early_data_cb: None,
            quic: false,
            async_offload: None,
            subscriber: std::ptr::null_mut(),
            on_handshake_event: None,
            cache: SessionCacheCallbacks { store: None, retrieve: None, delete: None },
        }
    }

    /// The configuration a connection uses until `s2n_connection_set_config`.
    pub(crate) fn default_config() -> &'static s2n_config {
        static DEFAULT: LazyLock<SharedConfig> = LazyLock::new(|| SharedConfig(s2n_config::new(true)));
        &DEFAULT.0
    }
}

impl Drop for s2n_config {
    fn drop(&mut self) {
        if self.ownership == CertOwnership::Library {
            for chain in self.chains.drain(..) {
                // SAFETY: library-owned chains were created by us for this config alone.
                drop(unsafe { from_c(chain) });
            }
        }
    }
}

/// The process-wide default config is never mutated after construction (the application
/// never receives a pointer to it), so sharing it between threads is sound.
struct SharedConfig(s2n_config);
// SAFETY: see above; its raw pointers are all NULL / None.
unsafe impl Sync for SharedConfig {}
unsafe impl Send for SharedConfig {}

#[no_mangle]
pub extern "C" fn s2n_config_new() -> *mut s2n_config {
    call(|| {
        ensure_initialized()?;
        Ok(into_c(s2n_config::new(true)))
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_new_minimal() -> *mut s2n_config {
    call(|| {
        ensure_initialized()?;
        Ok(into_c(s2n_config::new(false)))
    })
}

/// Frees a config. Freeing NULL succeeds, as in s2n. The application must not free a config
/// that a connection still uses.
#[no_mangle]
pub extern "C" fn s2n_config_free(config: *mut s2n_config) -> c_int {
    call(|| {
        if !config.is_null() {
            // SAFETY: a non-NULL config came from s2n_config_new*.
            drop(unsafe { from_c(config) });
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_ctx(config: *mut s2n_config, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.ctx = ctx;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_get_ctx(config: *mut s2n_config, ctx: *mut *mut c_void) -> c_int {
    call(|| {
        let config = unsafe { arg_ref(config) }?;
        unsafe { write_out(ctx, config.ctx) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_max_blinding_delay(config: *mut s2n_config, seconds: u32) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.max_blinding = Some(std::time::Duration::from_secs(seconds.into()));
        OK
    })
}

/// Replaces the ALPN list: `protocol_count` NUL-terminated names; an empty list clears it.
#[no_mangle]
pub extern "C" fn s2n_config_set_protocol_preferences(
    config: *mut s2n_config,
    protocols: *const *const c_char,
    protocol_count: c_int,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.alpn = protocol_list(protocols, protocol_count)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_append_protocol_preference(
    config: *mut s2n_config,
    protocol: *const u8,
    protocol_len: u8,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        append_protocol(&mut config.core.alpn, protocol, protocol_len)
    })
}

/// Checks and copies an application's ALPN list (RFC 7301: 1-255 bytes per name, the
/// encoded list under 2^16).
pub(crate) fn protocol_list(protocols: *const *const c_char, count: c_int) -> Result<Vec<Vec<u8>>> {
    if count < 0 {
        return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
    }
    if count == 0 {
        return Ok(Vec::new());
    }
    unsafe { arg_ref(protocols) }?;
    // SAFETY: the caller passes `count` string pointers.
    let names = unsafe { std::slice::from_raw_parts(protocols, count as usize) };
    let mut list = Vec::with_capacity(names.len());
    for &name in names {
        let name = unsafe { arg_cstr(name) }?.to_bytes();
        append_checked(&mut list, name)?;
    }
    Ok(list)
}

pub(crate) fn append_protocol(list: &mut Vec<Vec<u8>>, protocol: *const u8, len: u8) -> Result<c_int> {
    let name = unsafe { crate::capi::arg_bytes(protocol, len as usize) }?;
    append_checked(list, name)?;
    OK
}

fn append_checked(list: &mut Vec<Vec<u8>>, name: &[u8]) -> Result<()> {
    let encoded: usize = list.iter().map(|p| p.len() + 1).sum::<usize>() + name.len() + 1;
    if name.is_empty() || name.len() > 255 || encoded > u16::MAX as usize {
        return Err(Error::new(ErrorCode::INVALID_APPLICATION_PROTOCOL));
    }
    list.push(name.to_vec());
    Ok(())
}

#[no_mangle]
pub extern "C" fn s2n_config_get_client_auth_type(
    config: *mut s2n_config,
    client_auth_type: *mut s2n_cert_auth_type,
) -> c_int {
    call(|| {
        let config = unsafe { arg_ref(config) }?;
        unsafe { write_out(client_auth_type, auth_type_to_c(config.core.client_auth)) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_client_auth_type(
    config: *mut s2n_config,
    client_auth_type: s2n_cert_auth_type_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.client_auth = auth_type_from_c(s2n_cert_auth_type::from_raw(client_auth_type)?);
        OK
    })
}

pub(crate) fn auth_type_from_c(t: s2n_cert_auth_type) -> ClientAuth {
    match t {
        s2n_cert_auth_type::S2N_CERT_AUTH_NONE => ClientAuth::None,
        s2n_cert_auth_type::S2N_CERT_AUTH_REQUIRED => ClientAuth::Required,
        s2n_cert_auth_type::S2N_CERT_AUTH_OPTIONAL => ClientAuth::Optional,
    }
}

pub(crate) fn auth_type_to_c(t: ClientAuth) -> s2n_cert_auth_type {
    match t {
        ClientAuth::None => s2n_cert_auth_type::S2N_CERT_AUTH_NONE,
        ClientAuth::Required => s2n_cert_auth_type::S2N_CERT_AUTH_REQUIRED,
        ClientAuth::Optional => s2n_cert_auth_type::S2N_CERT_AUTH_OPTIONAL,
    }
}

/// Secrets go to this callback in NSS key log format, one line per call.
#[no_mangle]
pub extern "C" fn s2n_config_set_key_log_cb(
    config: *mut s2n_config,
    callback: s2n_key_log_fn,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.key_log = callback.map(|f| (f, ctx));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_wall_clock(
    config: *mut s2n_config,
    clock_fn: s2n_clock_time_nanoseconds,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.wall_clock = Some((clock_fn.ok_or_else(|| Error::new(ErrorCode::NULL))?, ctx));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_monotonic_clock(
    config: *mut s2n_config,
    clock_fn: s2n_clock_time_nanoseconds,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.monotonic_clock = Some((clock_fn.ok_or_else(|| Error::new(ErrorCode::NULL))?, ctx));
        OK
    })
}

/// Whether the client-hello callback completes in the call (blocking) or later, through
/// `s2n_client_hello_cb_done` (non-blocking).
#[no_mangle]
pub extern "C" fn s2n_config_set_client_hello_cb_mode(
    config: *mut s2n_config,
    cb_mode: s2n_client_hello_cb_mode_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.client_hello_cb_mode = s2n_client_hello_cb_mode::from_raw(cb_mode)?;
        OK
    })
}

/// Whether warning alerts end the connection. TLS 1.3 has no warning alerts besides
/// close_notify and user_canceled, which are never fatal, so this only matters for TLS 1.2.
#[no_mangle]
pub extern "C" fn s2n_config_set_alert_behavior(
    config: *mut s2n_config,
    alert_behavior: s2n_alert_behavior_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.ignore_warning_alerts =
            s2n_alert_behavior::from_raw(alert_behavior)? == s2n_alert_behavior::S2N_ALERT_IGNORE_WARNINGS;
        OK
    })
}

/// Client: whether to ask servers for a stapled OCSP response.
#[no_mangle]
pub extern "C" fn s2n_config_set_status_request_type(
    config: *mut s2n_config,
    type_: s2n_status_request_type_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.request_ocsp_staple =
            s2n_status_request_type::from_raw(type_)? == s2n_status_request_type::S2N_STATUS_REQUEST_OCSP;
        OK
    })
}

/// Let `s2n_recv` fill the caller's buffer from several records already received, rather
/// than returning after one.
#[no_mangle]
pub extern "C" fn s2n_config_set_recv_multi_record(config: *mut s2n_config, enabled: bool) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.recv_multi_record = enabled;
        OK
    })
}

/// Client: ask servers to keep records within `mfl_code`'s size (RFC 6066).
#[no_mangle]
pub extern "C" fn s2n_config_send_max_fragment_length(
    config: *mut s2n_config,
    mfl_code: s2n_max_frag_len_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let code = s2n_max_frag_len::from_raw(mfl_code).map_err(|_| Error::new(ErrorCode::INVALID_MAX_FRAG_LEN))?;
        config.core.max_fragment_length_request = Some(code as u8);
        OK
    })
}

/// Server: honour clients' max_fragment_length requests.
#[no_mangle]
pub extern "C" fn s2n_config_accept_max_fragment_length(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.accept_max_fragment_length = true;
        OK
    })
}

/// The largest record payload connections using this config send by default.
#[no_mangle]
pub extern "C" fn s2n_config_set_max_fragment_length(config: *mut s2n_config, max_fragment_length: u16) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        if max_fragment_length == 0 {
            return Err(Error::new(ErrorCode::FRAGMENT_LENGTH_TOO_SMALL));
        }
        if max_fragment_length as usize > crate::record::MAX_PLAINTEXT {
            return Err(Error::new(ErrorCode::FRAGMENT_LENGTH_TOO_LARGE));
        }
        config.max_fragment_length = Some(max_fragment_length as usize);
        OK
    })
}

/// Selects s2n's security policy `version` (e.g. "default_tls13", "20240501") for this config:
/// its versions, suites, groups and signature schemes, less what we do not implement.
#[no_mangle]
pub extern "C" fn s2n_config_set_cipher_preferences(config: *mut s2n_config, version: *const c_char) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let name =
            unsafe { arg_cstr(version) }?.to_str().map_err(|_| Error::new(ErrorCode::INVALID_SECURITY_POLICY))?;
        let policy = find_policy(name)?;
        // A policy whose certificate rules bind our own chains refuses a config holding
        // chains that break them (s2n checks when either comes second).
        let rules = policy.certificate_rules();
        if rules.apply_locally {
            for identity in &config.core.identities {
                crate::verify::check_certificate_rules(&rules, &identity.chain)?;
            }
        }
        config.core.apply_policy(crate::policy::implemented(policy));
        config.policy_name = policy.name;
        OK
    })
}

/// The named policy, or s2n's errors for deprecated and unknown names.
pub(crate) fn find_policy(name: &str) -> Result<&'static crate::policy::SecurityPolicy> {
    match crate::policy::lookup(name) {
        Some(policy) => Ok(policy),
        None if crate::policy::is_deprecated(name) => Err(Error::new(ErrorCode::DEPRECATED_SECURITY_POLICY)),
        None => Err(Error::new(ErrorCode::INVALID_SECURITY_POLICY)),
    }
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_config_free_dhparams(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_verify_after_sign(config: *mut s2n_config, mode: s2n_verify_after_sign_arg) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.verify_after_sign =
            s2n_verify_after_sign::from_raw(mode)? == s2n_verify_after_sign::S2N_VERIFY_AFTER_SIGN_ENABLED;
        OK
    })
}

/// Lets `s2n_send` gather records up to `size` wire bytes before writing them out (fewer,
/// larger writes) instead of writing each record as it is made. s2n's minimum: room for one
/// record holding a KeyUpdate or an alert.
#[no_mangle]
pub extern "C" fn s2n_config_set_send_buffer_size(config: *mut s2n_config, size: u32) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        if size < MIN_SEND_BUFFER_SIZE {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        config.send_buffer_size = Some(size);
        OK
    })
}

/// s2n's `S2N_MIN_SEND_BUFFER_SIZE`: a record carrying 5 bytes (a KeyUpdate) with the
/// 1024 bytes TLS 1.2 allows for encryption overhead, and the 5-byte header.
const MIN_SEND_BUFFER_SIZE: u32 = 5 + 1024 + 5;

#[no_mangle]
pub extern "C" fn s2n_config_add_dhparams(config: *mut s2n_config, dhparams_pem: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_ct_support_level(config: *mut s2n_config, level: s2n_ct_support_level_arg) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.request_sct_list =
            s2n_ct_support_level::from_raw(level)? == s2n_ct_support_level::S2N_CT_SUPPORT_REQUEST;
        OK
    })
}

/// Deprecated in s2n: sets the OCSP staple or the SCT list of the config's only default chain.
#[no_mangle]
pub extern "C" fn s2n_config_set_extension_data(
    config: *mut s2n_config,
    type_: s2n_tls_extension_type_arg,
    data: *const u8,
    length: u32,
) -> c_int {
    call(|| {
        let config = unsafe { arg_ref(config) }?;
        let data = unsafe { arg_bytes(data, length as usize) }?;
        match s2n_tls_extension_type::from_raw(type_)? {
            s2n_tls_extension_type::S2N_EXTENSION_OCSP_STAPLING => {
                super::cert::default_chain(config)?.set_ocsp_response(data);
                OK
            }
            s2n_tls_extension_type::S2N_EXTENSION_CERTIFICATE_TRANSPARENCY => {
                super::cert::default_chain(config)?.set_sct_list(data);
                OK
            }
            _ => Err(Error::new(ErrorCode::UNRECOGNIZED_EXTENSION)),
        }
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_get_supported_groups(
    config: *mut s2n_config,
    groups: *mut u16,
    groups_count_max: u16,
    groups_count: *mut u16,
) -> c_int {
    call(|| {
        let count_out = unsafe { arg_mut(groups_count) }?;
        *count_out = 0;
        let config = unsafe { arg_ref(config) }?;
        unsafe { arg_ref(groups) }?;
        // s2n's order: hybrid (post-quantum) groups first, then the curves, each in the
        // policy's order.
        let (hybrid, curves): (Vec<crate::kx::NamedGroup>, Vec<_>) =
            config.core.groups.iter().copied().partition(|g| g.is_hybrid());
        let list: Vec<u16> = hybrid.into_iter().chain(curves).map(|g| g.iana()).collect();
        if list.len() > usize::from(groups_count_max) {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: the caller passes room for `groups_count_max` values.
        unsafe { std::ptr::copy_nonoverlapping(list.as_ptr(), groups, list.len()) };
        *count_out = list.len() as u16;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_serialization_version(
    config: *mut s2n_config,
    version: s2n_serialization_version_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        // As in s2n: not with renegotiation, and V1 is the only version to set.
        if config.renegotiate_request.is_some() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        if version != s2n_serialization_version::S2N_SERIALIZED_CONN_V1 as s2n_serialization_version_arg {
            return Err(Error::new(ErrorCode::SAFETY));
        }
        config.serializable = true;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_allow_ip_in_cn(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.allow_ip_in_cn = true;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_subscriber(config: *mut s2n_config, subscriber: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.subscriber = subscriber;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_handshake_event(
    config: *mut s2n_config,
    callback: s2n_event_on_handshake_cb,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.on_handshake_event = callback;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_timing_checkpoint_cb(
    config: *mut s2n_config,
    callback: s2n_event_on_timing_checkpoint_cb,
) -> c_int {
    unimplemented()
}

/// TLS 1.2's Next Protocol Negotiation, from the protocol preferences, where ALPN
/// settles nothing (both roles).
#[no_mangle]
pub extern "C" fn s2n_config_set_npn(config: *mut s2n_config, enable: bool) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.npn = enable;
        OK
    })
}

/// Client: a callback for TLS 1.2 HelloRequests. Without one they are ignored; a refusal
/// answers with a no_renegotiation warning. We never renegotiate, so `S2N_RENEGOTIATE_ACCEPT`
/// leads to `s2n_renegotiate`, which is unimplemented.
#[no_mangle]
pub extern "C" fn s2n_config_set_renegotiate_request_cb(
    config: *mut s2n_config,
    callback: s2n_renegotiate_request_cb,
    context: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        // As in s2n: renegotiation and serialization exclude each other.
        if config.serializable {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        config.renegotiate_request = callback.map(|f| (f, context));
        OK
    })
}

/// The config's monotonic clock in nanoseconds: the application's if it set one, else time
/// since the process first asked (only differences matter).
pub(crate) fn monotonic_nanos(config: &s2n_config) -> u64 {
    if let Some((clock, ctx)) = config.monotonic_clock {
        let mut nanos = 0u64;
        // SAFETY: the application registered this clock with its context.
        if unsafe { clock(ctx, &mut nanos) } == 0 {
            return nanos;
        }
    }
    default_monotonic_nanos()
}

/// Nanoseconds on the process's monotonic clock (s2n's default one).
pub(crate) fn default_monotonic_nanos() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
}
