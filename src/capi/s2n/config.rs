//! `struct s2n_config`: settings shared by many connections.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use std::sync::LazyLock;

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_mut, arg_ref, from_c, into_c, write_out};

/// The settings many connections share. Fields are added as features are built.
pub struct s2n_config {
    ctx: *mut c_void,
    /// `s2n_config_new` (as opposed to `_new_minimal`) trusts the system's CA store.
    #[allow(dead_code)] // read once trust stores exist (TLS 1.3 issue)
    pub(crate) load_system_trust_store: bool,
}

impl s2n_config {
    fn new(load_system_trust_store: bool) -> s2n_config {
        s2n_config { ctx: std::ptr::null_mut(), load_system_trust_store }
    }

    /// The configuration a connection uses until `s2n_connection_set_config`.
    pub(crate) fn default_config() -> &'static s2n_config {
        static DEFAULT: LazyLock<SharedConfig> = LazyLock::new(|| SharedConfig(s2n_config::new(true)));
        &DEFAULT.0
    }
}

/// The process-wide default config is never mutated after construction (the application
/// never receives a pointer to it), so sharing it between threads is sound.
struct SharedConfig(s2n_config);
// SAFETY: see above; the raw `ctx` pointer in it is always NULL.
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

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_config_free_dhparams(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_wall_clock(
    config: *mut s2n_config,
    clock_fn: s2n_clock_time_nanoseconds,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_monotonic_clock(
    config: *mut s2n_config,
    clock_fn: s2n_clock_time_nanoseconds,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_verify_after_sign(config: *mut s2n_config, mode: s2n_verify_after_sign_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_send_buffer_size(config: *mut s2n_config, size: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_recv_multi_record(config: *mut s2n_config, enabled: bool) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_add_dhparams(config: *mut s2n_config, dhparams_pem: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cipher_preferences(config: *mut s2n_config, version: *const c_char) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_append_protocol_preference(
    config: *mut s2n_config,
    protocol: *const u8,
    protocol_len: u8,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_protocol_preferences(
    config: *mut s2n_config,
    protocols: *const *const c_char,
    protocol_count: c_int,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_status_request_type(
    config: *mut s2n_config,
    type_: s2n_status_request_type_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_ct_support_level(config: *mut s2n_config, level: s2n_ct_support_level_arg) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_alert_behavior(
    config: *mut s2n_config,
    alert_behavior: s2n_alert_behavior_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_extension_data(
    config: *mut s2n_config,
    type_: s2n_tls_extension_type_arg,
    data: *const u8,
    length: u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_send_max_fragment_length(
    config: *mut s2n_config,
    mfl_code: s2n_max_frag_len_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_accept_max_fragment_length(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_max_fragment_length(config: *mut s2n_config, max_fragment_length: u16) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_client_hello_cb(
    config: *mut s2n_config,
    client_hello_callback: s2n_client_hello_fn_arg,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_client_hello_cb_mode(
    config: *mut s2n_config,
    cb_mode: s2n_client_hello_cb_mode_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_max_blinding_delay(config: *mut s2n_config, seconds: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_get_client_auth_type(
    config: *mut s2n_config,
    client_auth_type: *mut s2n_cert_auth_type,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_client_auth_type(
    config: *mut s2n_config,
    client_auth_type: s2n_cert_auth_type_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_key_log_cb(
    config: *mut s2n_config,
    callback: s2n_key_log_fn,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_get_supported_groups(
    config: *mut s2n_config,
    groups: *mut u16,
    groups_count_max: u16,
    groups_count: *mut u16,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_serialization_version(
    config: *mut s2n_config,
    version: s2n_serialization_version_arg,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_allow_ip_in_cn(config: *mut s2n_config) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_async_offload_callback(
    config: *mut s2n_config,
    allow_list: u32,
    fn_: s2n_async_offload_cb,
    ctx: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_crl_lookup_cb(
    config: *mut s2n_config,
    callback: s2n_crl_lookup_callback,
    context: *mut c_void,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_subscriber(config: *mut s2n_config, subscriber: *mut c_void) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_handshake_event(
    config: *mut s2n_config,
    callback: s2n_event_on_handshake_cb,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_timing_checkpoint_cb(
    config: *mut s2n_config,
    callback: s2n_event_on_timing_checkpoint_cb,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_npn(config: *mut s2n_config, enable: bool) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_config_set_renegotiate_request_cb(
    config: *mut s2n_config,
    callback: s2n_renegotiate_request_cb,
    context: *mut c_void,
) -> c_int {
    unimplemented()
}
