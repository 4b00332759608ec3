//! `struct s2n_connection`: one TLS connection and its accessors.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, OK};
use crate::capi::{arg_cstr, arg_mut, arg_ref, from_c, into_c, write_out};
use std::ffi::CString;

use crate::conn::{Connection, Side};
use crate::error::{Error, ErrorCode};
use crate::sign::SignatureScheme;

/// Where a connection reads or writes its TLS bytes. (A NULL callback is `None`: an
/// `Option` inside a variant lets the compiler test the pointer of an `Fd` variant, whose
/// bytes there are undefined, before its tag, which valgrind rightly reports.)
#[derive(Clone, Copy)]
pub(crate) enum IoEnd<F> {
    None,
    Fd(c_int),
    Callback(F),
}

impl<F> IoEnd<F> {
    fn callback(f: Option<F>) -> IoEnd<F> {
        f.map_or(IoEnd::None, IoEnd::Callback)
    }
}

pub(crate) type RecvFn = unsafe extern "C" fn(*mut c_void, *mut u8, u32) -> c_int;
pub(crate) type SendFn = unsafe extern "C" fn(*mut c_void, *const u8, u32) -> c_int;
pub(crate) type VerifyHostFn = unsafe extern "C" fn(*const c_char, usize, *mut c_void) -> u8;

/// One TLS connection: the core state machine plus what the s2n API attaches to it.
pub struct s2n_connection {
    pub(crate) mode: s2n_mode,
    /// The application's config, or NULL while the connection uses the default one.
    pub(crate) config: *mut s2n_config,
    ctx: *mut c_void,
    pub(crate) core: Connection,
    /// s2n lets one thread send while another receives: `core` is only touched with this
    /// held (see `io::lock_engine`); the transport is used outside it.
    pub(crate) engine_lock: std::sync::Mutex<()>,
    pub(crate) read: IoEnd<RecvFn>,
    pub(crate) write: IoEnd<SendFn>,
    pub(crate) recv_ctx: *mut c_void,
    pub(crate) send_ctx: *mut c_void,
    /// s2n's `current_user_data_consumed`: bytes of the caller's buffer already encrypted by
    /// an `s2n_send` that blocked before they all reached the wire.
    pub(crate) send_consumed: usize,
    pub(crate) blinding: s2n_blinding,
    /// What few connections use, allocated on first use.
    pub(crate) rare: Option<Box<Rare>>,
    pub(crate) wire_bytes_in: u64,
    pub(crate) wire_bytes_out: u64,
    /// NUL-terminated copies of strings handed to C (server name, ALPN protocol).
    pub(crate) server_name_c: Option<CString>,
    pub(crate) alpn_c: Option<CString>,
    /// The ClientHello a server received, for the `s2n_client_hello_*` accessors.
    pub(crate) client_hello: Option<Box<s2n_client_hello>>,
    pub(crate) client_hello_cb: ClientHelloCallback,
    /// The session cache's retrieve callback asked the handshake to wait.
    pub(crate) cache_blocked: bool,
    pub(crate) recv_buffering: bool,
    /// `s2n_connection_use_corked_io` on a socket that was not corked already: TCP_CORK
    /// while a handshake flight is written.
    pub(crate) corked_io: bool,
    /// TCP_CORK is on now (set by us).
    pub(crate) cork_on: bool,
    /// `s2n_connection_set_dynamic_buffers`: free record buffers whenever they empty.
    pub(crate) dynamic_buffers: bool,
    /// `s2n_connection_set_dynamic_record_threshold`, when set.
    pub(crate) dynamic_records: Option<Box<DynamicRecords>>,
    /// Server: tickets the application asked for that are not sent yet.
    pub(crate) tickets_to_send: u16,
    /// Client: the newest resumable session.
    /// (Encoded as `s2n_connection_get_session` hands it out: one block, wiped when dropped.)
    pub(crate) latest_session: Option<zeroize::Zeroizing<Box<[u8]>>>,
    /// The handshake's pending private-key operation was handed to the application.
    pub(crate) pkey_op_issued: bool,
    /// `s2n_connection_get_client_hello` gave the application a pointer to `client_hello`.
    pub(crate) client_hello_handed_out: bool,
    /// The verdict of the application's cert validation callback (given to it by pointer).
    pub(crate) cert_validation: super::cert_validation::s2n_cert_validation_info,
    /// `s2n_connection_set_psk_mode`; else the config's.
    pub(crate) psk_mode: Option<s2n_psk_mode>,
}

/// The parts of an [`s2n_connection`] that few connections use: boxed, so that the others
/// (an idle connection is mostly its struct) do not carry them.
#[derive(Default)]
pub(crate) struct Rare {
    /// The blinding delay chosen when the connection was killed, and when (the config's
    /// monotonic clock, nanoseconds).
    pub(crate) delay: Option<(u64, std::time::Duration)>,
    /// `s2n_connection_set_verify_host_callback`.
    pub(crate) verify_host: Option<(VerifyHostFn, *mut c_void)>,
    /// Server: the client's chain as `s2n_connection_get_client_cert_chain` hands it out.
    pub(crate) client_cert_chain_c: Option<Box<[u8]>>,
    /// `s2n_connection_set_cipher_preferences`: the policy's name, for handshake events.
    pub(crate) policy_name: Option<&'static str>,
    /// The handshake's timing for the subscriber's handshake event.
    pub(crate) handshake_timing: Option<super::events::HandshakeTiming>,
    /// The CRL lookups of the peer's chain, while the application answers them (boxed:
    /// it holds pointers to them, which must not move).
    #[allow(clippy::vec_box)]
    pub(crate) crl_lookups: Option<Vec<Box<super::crl::s2n_crl_lookup>>>,
    /// Server: the client's offer of early data, as the early data callback sees it (boxed:
    /// the application may keep the pointer until it decides).
    pub(crate) early_data_offer: Option<Box<super::early_data::s2n_offered_early_data>>,
    /// `s2n_connection_set_secret_callback`, with its context.
    pub(crate) secret_cb: Option<(SecretFn, *mut c_void)>,
    /// QUIC: the peer's transport parameters.
    pub(crate) peer_quic_transport_parameters: Option<Box<[u8]>>,
    /// `s2n_renegotiate_wipe` made the connection ready for `s2n_renegotiate`.
    pub(crate) renegotiation: bool,
    /// The offloaded check of the peer's signature the handshake waits for.
    pub(crate) async_offload_op: Option<Box<super::async_offload::s2n_async_offload_op>>,
}

pub(crate) type SecretFn =
    unsafe extern "C" fn(*mut c_void, *mut s2n_connection, s2n_secret_type_t, *mut u8, u8) -> c_int;

/// Progress of the application's client-hello callback on one connection.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClientHelloCallback {
    NotCalled,
    /// Called in non-blocking mode; waiting for `s2n_client_hello_cb_done`.
    Waiting,
    Done,
}

impl s2n_connection {
    /// What is left of the blinding delay, by the config's monotonic clock (which tests
    /// and applications may set: `s2n_config_set_monotonic_clock`).
    pub(crate) fn blinding_left(&self) -> std::time::Duration {
        let Some((since, delay)) = self.rare.as_ref().and_then(|rare| rare.delay) else {
            return std::time::Duration::ZERO;
        };
        let elapsed = super::config::monotonic_nanos(self.config()).saturating_sub(since);
        delay.saturating_sub(std::time::Duration::from_nanos(elapsed))
    }

    pub(crate) fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    pub(crate) fn verify_host(&self) -> Option<(VerifyHostFn, *mut c_void)> {
        self.rare.as_ref().and_then(|rare| rare.verify_host)
    }

    pub(crate) fn new(mode: s2n_mode) -> s2n_connection {
        let side = match mode {
            s2n_mode::S2N_CLIENT => Side::Client,
            s2n_mode::S2N_SERVER => Side::Server,
        };
        let mut core = Connection::new(side);
        core.common.max_fragment = DEFAULT_FRAGMENT;
        core.alert_at_shutdown = true;
        s2n_connection {
            mode,
            config: std::ptr::null_mut(),
            ctx: std::ptr::null_mut(),
            core,
            engine_lock: std::sync::Mutex::new(()),
            read: IoEnd::None,
            write: IoEnd::None,
            recv_ctx: std::ptr::null_mut(),
            send_ctx: std::ptr::null_mut(),
            send_consumed: 0,
            blinding: s2n_blinding::S2N_BUILT_IN_BLINDING,
            rare: None,
            wire_bytes_in: 0,
            wire_bytes_out: 0,
            server_name_c: None,
            alpn_c: None,
            client_hello: None,
            client_hello_cb: ClientHelloCallback::NotCalled,
            cache_blocked: false,
            recv_buffering: false,
            corked_io: false,
            cork_on: false,
            dynamic_buffers: false,
            dynamic_records: None,
            tickets_to_send: 0,
            latest_session: None,
            pkey_op_issued: false,
            client_hello_handed_out: false,
            cert_validation: Default::default(),
            psk_mode: None,
        }
    }

    /// Sets the record payload size, within any limit negotiated with the peer.
    pub(crate) fn set_max_fragment(&mut self, len: usize) {
        let common = &mut self.core.common;
        common.max_fragment = len.min(common.negotiated_max_fragment.map_or(len, usize::from));
    }

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
        Ok(into_c(s2n_connection::new(mode)))
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
        let new_config = unsafe { arg_ref(config) }?;
        // A client presents one certificate, so its config may have one default chain.
        if conn.mode == s2n_mode::S2N_CLIENT && new_config.core.default_identities.len() > 1 {
            return Err(Error::new(ErrorCode::TOO_MANY_CERTIFICATES));
        }
        conn.config = config;
        if let Some(len) = conn.config().max_fragment_length {
            conn.set_max_fragment(len);
        }
        // A config that enables QUIC enables it on its connections (as s2n does).
        if new_config.quic {
            super::quic::enable(conn)?;
        }
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

#[no_mangle]
pub extern "C" fn s2n_connection_set_fd(conn: *mut s2n_connection, fd: c_int) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if fd < 0 {
            return Err(Error::new(ErrorCode::BAD_FD));
        }
        conn.read = IoEnd::Fd(fd);
        conn.write = IoEnd::Fd(fd);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_read_fd(conn: *mut s2n_connection, readfd: c_int) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if readfd < 0 {
            return Err(Error::new(ErrorCode::BAD_FD));
        }
        conn.read = IoEnd::Fd(readfd);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_write_fd(conn: *mut s2n_connection, writefd: c_int) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if writefd < 0 {
            return Err(Error::new(ErrorCode::BAD_FD));
        }
        conn.write = IoEnd::Fd(writefd);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_read_fd(conn: *mut s2n_connection, readfd: *mut c_int) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let IoEnd::Fd(fd) = conn.read else { return Err(Error::new(ErrorCode::INVALID_STATE)) };
        unsafe { write_out(readfd, fd) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_write_fd(conn: *mut s2n_connection, writefd: *mut c_int) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let IoEnd::Fd(fd) = conn.write else { return Err(Error::new(ErrorCode::INVALID_STATE)) };
        unsafe { write_out(writefd, fd) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_cb(conn: *mut s2n_connection, recv: s2n_recv_fn_arg) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.read = IoEnd::callback(recv);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_send_cb(conn: *mut s2n_connection, send: s2n_send_fn_arg) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.write = IoEnd::callback(send);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_ctx(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.recv_ctx = ctx;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_send_ctx(conn: *mut s2n_connection, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.send_ctx = ctx;
        OK
    })
}

/// The name a client asks for (SNI) and checks the server's certificate against.
#[no_mangle]
pub extern "C" fn s2n_set_server_name(conn: *mut s2n_connection, server_name: *const c_char) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let name = unsafe { arg_cstr(server_name) }?;
        if conn.mode != s2n_mode::S2N_CLIENT {
            return Err(Error::new(ErrorCode::CLIENT_MODE));
        }
        // RFC 6066 allows host names up to 255 bytes.
        if name.to_bytes().len() > 255 {
            return Err(Error::new(ErrorCode::SERVER_NAME_TOO_LONG));
        }
        let text = name.to_str().map_err(|_| Error::new(ErrorCode::INVALID_ARGUMENT))?;
        conn.core.server_name = Some(text.into());
        conn.server_name_c = None;
        OK
    })
}

/// Client: the name set with `s2n_set_server_name`. Server: the name the client sent.
#[no_mangle]
pub extern "C" fn s2n_get_server_name(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if conn.server_name_c.is_none() {
            // A server inside its ClientHello callback has the name only in the ClientHello.
            let name = match conn.core.server_name() {
                Some(name) => Some(name.as_bytes().to_vec()),
                None => conn.client_hello.as_deref().and_then(s2n_client_hello::server_name),
            };
            conn.server_name_c = name.and_then(|name| CString::new(name).ok());
        }
        let name = conn.server_name_c.as_ref().ok_or_else(|| Error::new(ErrorCode::NULL))?;
        Ok(name.as_ptr())
    })
}

/// The negotiated ALPN protocol, or NULL when none was.
#[no_mangle]
pub extern "C" fn s2n_get_application_protocol(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if conn.alpn_c.is_none() {
            let Some(proto) = &conn.core.common.summary.alpn else { return Ok(std::ptr::null()) };
            conn.alpn_c = CString::new(proto.clone()).ok();
        }
        Ok(conn.alpn_c.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_blinding(conn: *mut s2n_connection, blinding: s2n_blinding_arg) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        conn.blinding = s2n_blinding::from_raw(blinding)?;
        OK
    })
}

/// Nanoseconds left of the blinding delay chosen when the connection failed.
#[no_mangle]
pub extern "C" fn s2n_connection_get_delay(conn: *mut s2n_connection) -> u64 {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        Ok(conn.blinding_left().as_nanos() as u64)
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_verify_host_callback(
    conn: *mut s2n_connection,
    host_fn: s2n_verify_host_fn,
    data: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.rare_mut().verify_host = host_fn.map(|f| (f, data));
        OK
    })
}

fn s2n_version(wire: u16) -> c_int {
    match wire {
        0x0300 => S2N_SSLv3,
        0x0301 => S2N_TLS10,
        0x0302 => S2N_TLS11,
        0x0303 => S2N_TLS12,
        0x0304 => S2N_TLS13,
        _ => S2N_UNKNOWN_PROTOCOL_VERSION,
    }
}

/// The highest version we support: what s2n calls `s2n_highest_protocol_version`.
const HIGHEST_VERSION: c_int = S2N_TLS13;

#[no_mangle]
pub extern "C" fn s2n_connection_get_actual_protocol_version(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        Ok(match (conn.core.common.summary.version, conn.mode) {
            (Some(v), _) => s2n_version(v),
            (None, s2n_mode::S2N_CLIENT) => HIGHEST_VERSION,
            (None, s2n_mode::S2N_SERVER) => S2N_UNKNOWN_PROTOCOL_VERSION,
        })
    })
}

/// The highest version the client offered (as a server sees it; a client knows its own:
/// TLS 1.3 until its ClientHello shows it cannot do it).
#[no_mangle]
pub extern "C" fn s2n_connection_get_client_protocol_version(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let offered = conn.core.common.summary.client_max_version;
        Ok(match conn.mode {
            s2n_mode::S2N_CLIENT => offered.map_or(HIGHEST_VERSION, s2n_version),
            s2n_mode::S2N_SERVER => offered.map_or(S2N_UNKNOWN_PROTOCOL_VERSION, s2n_version),
        })
    })
}

/// The server's highest version: a server's own (TLS 1.3 until the ClientHello was read
/// under a policy without it), as a client sees it the version the server chose.
#[no_mangle]
pub extern "C" fn s2n_connection_get_server_protocol_version(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let summary = &conn.core.common.summary;
        Ok(match conn.mode {
            s2n_mode::S2N_SERVER if summary.client_hello_version.is_none() => HIGHEST_VERSION,
            s2n_mode::S2N_SERVER => {
                let settings = crate::config::Settings::new(&conn.config().core, conn.core.overrides());
                let tls13 = settings.max_version >= crate::msgs::TLS13 && !settings.tls13_suites.is_empty();
                if tls13 {
                    S2N_TLS13
                } else {
                    S2N_TLS12
                }
            }
            s2n_mode::S2N_CLIENT => summary.version.map_or(S2N_UNKNOWN_PROTOCOL_VERSION, s2n_version),
        })
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_hello_version(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let summary = &conn.core.common.summary;
        if summary.sslv2_client_hello {
            return Ok(S2N_SSLv2);
        }
        Ok(s2n_version(summary.client_hello_version.unwrap_or(0)).min(S2N_TLS12))
    })
}

/// The negotiated cipher suite's name (IANA names for TLS 1.3, as s2n reports them).
#[no_mangle]
pub extern "C" fn s2n_connection_get_cipher(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let s = &conn.core.common.summary;
        let name = s.suite.map(|s| s.name).or(s.tls12_suite.map(|s| s.name));
        Ok(static_cstr(name.ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_cipher_iana_value(
    conn: *mut s2n_connection,
    first: *mut u8,
    second: *mut u8,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(first) }?;
        unsafe { arg_ref(second) }?;
        let s = &conn.core.common.summary;
        let iana = s.suite.map(|s| s.iana).or(s.tls12_suite.map(|s| s.iana));
        let [hi, lo] = iana.ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?.to_be_bytes();
        unsafe { write_out(first, hi) }?;
        unsafe { write_out(second, lo) }?;
        OK
    })
}

/// Interns a string as a NUL-terminated C string that lives for the process. The strings
/// we hand out (suite, group and handshake-type names) come from small fixed sets, so each
/// distinct one is allocated once.
pub(crate) fn static_cstr(s: &str) -> *const c_char {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static INTERNED: Mutex<Option<HashMap<String, &'static std::ffi::CStr>>> = Mutex::new(None);
    let mut map = INTERNED.lock().unwrap_or_else(|p| p.into_inner());
    let map = map.get_or_insert_with(HashMap::new);
    if let Some(c) = map.get(s) {
        return c.as_ptr();
    }
    let c: &'static std::ffi::CStr = Box::leak(CString::new(s).unwrap_or_default().into_boxed_c_str());
    map.insert(s.to_owned(), c);
    c.as_ptr()
}

/// The ECDHE curve: for a hybrid group, its classical half; "NONE" when there was none.
#[no_mangle]
pub extern "C" fn s2n_connection_get_curve(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        // As s2n: a hybrid (KEM) group is no "curve", although it contains one.
        let name = match conn.core.common.summary.group {
            Some(group) if group.is_hybrid() => "NONE",
            Some(group) => group.name(),
            None => "NONE",
        };
        Ok(static_cstr(name))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_kem_group_name(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let name = match conn.core.common.summary.group {
            Some(group) if group.is_hybrid() => group.name(),
            _ => "NONE",
        };
        Ok(static_cstr(name))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_kem_name(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let name = match conn.core.common.summary.group {
            Some(group) if group.is_hybrid() => "mlkem768",
            _ => "NONE",
        };
        Ok(static_cstr(name))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_key_exchange_group(
    conn: *mut s2n_connection,
    group_name: *mut *const c_char,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(group_name) }?;
        let group = conn.core.common.summary.group.ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?;
        unsafe { write_out(group_name, static_cstr(group.name())) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_handshake_complete(conn: *mut s2n_connection) -> bool {
    // SAFETY: NULL or a live connection.
    unsafe { conn.as_ref() }.is_some_and(|c| !c.core.is_handshaking() && c.core.common.summary.version.is_some())
}

/// s2n's description of the handshake, e.g. "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT".
#[no_mangle]
pub extern "C" fn s2n_connection_get_handshake_type_name(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let s = &conn.core.common.summary;
        if s.version.is_none() {
            return Ok(static_cstr("INITIAL"));
        }
        let tls12 = s.version == Some(crate::msgs::TLS12);
        use crate::early_data::EarlyDataState::{Accepted, End, NotRequested, Unknown};
        let early_data = conn.core.common.early_data.state;
        let flags = [
            (true, "NEGOTIATED"),
            (!s.resumed, "FULL_HANDSHAKE"),
            (s.client_auth, "CLIENT_AUTH"),
            (s.no_client_cert, "NO_CLIENT_CERT"),
            // Every TLS 1.2 suite we implement is ECDHE; a resumed handshake exchanges no key.
            (tls12 && !s.resumed, "TLS12_PERFECT_FORWARD_SECRECY"),
            // A CertificateStatus message (TLS 1.3 staples inside Certificate instead).
            (tls12 && (s.ocsp_stapled || s.peer_ocsp().is_some()), "OCSP_STATUS"),
            (tls12 && s.tls12_new_ticket, "WITH_SESSION_TICKET"),
            (tls12 && s.npn, "WITH_NPN"),
            (!tls12 && s.hello_retry, "HELLO_RETRY_REQUEST"),
            (!tls12 && s.middlebox_compat, "MIDDLEBOX_COMPAT"),
            (!tls12 && matches!(early_data, Accepted | End), "WITH_EARLY_DATA"),
            // The client's CCS came right after its ClientHello, which offered early data.
            (!tls12 && s.middlebox_compat && !matches!(early_data, Unknown | NotRequested), "EARLY_CLIENT_CCS"),
        ];
        let name: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
        Ok(static_cstr(&name.join("|")))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_wire_bytes_in(conn: *mut s2n_connection) -> u64 {
    call(|| Ok(unsafe { arg_ref(conn) }?.wire_bytes_in))
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_wire_bytes_out(conn: *mut s2n_connection) -> u64 {
    call(|| Ok(unsafe { arg_ref(conn) }?.wire_bytes_out))
}

/// Sends a KeyUpdate at the next write; `peer_request` asks the peer to update too.
#[no_mangle]
pub extern "C" fn s2n_connection_request_key_update(
    conn: *mut s2n_connection,
    peer_request: s2n_peer_key_update_arg,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let request = s2n_peer_key_update::from_raw(peer_request)? == s2n_peer_key_update::S2N_KEY_UPDATE_REQUESTED;
        conn.core.send_key_update(request)?;
        OK
    })
}

/// Frees what only the handshake needed; every accessor keeps answering afterwards.
#[no_mangle]
pub extern "C" fn s2n_connection_free_handshake(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if conn.core.is_handshaking() {
            return Err(Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE));
        }
        conn.core.free_handshake();
        // The ClientHello goes too, as in s2n (its accessors then report an invalid state);
        // the object stays if the application may hold a pointer to it.
        if conn.client_hello_handed_out {
            conn.client_hello.as_deref_mut().map(s2n_client_hello::free_message);
        } else {
            conn.client_hello = None;
        }
        OK
    })
}

/// Resets the connection for a new TLS session in the same mode, keeping the config and
/// (wiped) the engine's buffers, so that a reused connection allocates less.
#[no_mangle]
pub extern "C" fn s2n_connection_wipe(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let (mode, config) = (conn.mode, conn.config);
        let side = conn.core.side();
        let mut core = std::mem::replace(&mut conn.core, Connection::new(side));
        core.wipe();
        *conn = s2n_connection::new(mode);
        conn.core = core;
        conn.config = config;
        OK
    })
}

/// Largest records, for bulk transfers (s2n's `S2N_LARGE_FRAGMENT_LENGTH`, 2^14).
#[no_mangle]
pub extern "C" fn s2n_connection_prefer_throughput(conn: *mut s2n_connection) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.set_max_fragment(crate::record::MAX_PLAINTEXT);
        OK
    })
}

/// Records that fit one TCP segment on a 1500-byte MTU (s2n's `S2N_SMALL_FRAGMENT_LENGTH`).
#[no_mangle]
pub extern "C" fn s2n_connection_prefer_low_latency(conn: *mut s2n_connection) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.set_max_fragment(SMALL_FRAGMENT);
        OK
    })
}

/// s2n's record sizes: a 1500-byte MTU less IP, TCP and TCP-option overhead for "small",
/// 8092-byte records by default; each less the 5-byte record header.
const SMALL_FRAGMENT: usize = 1500 - 20 - 20 - 20 - 5;
/// The record payload dynamic record sizing uses at first: a 1500-byte MTU less the worst
/// case of IPv6, TCP with options and the record header, then the record's own overhead.
pub(crate) const SEGMENT_RECORD_BYTES: usize = 1500 - 40 - 20 - 40 - 5;
pub(crate) const DEFAULT_FRAGMENT: usize = 8092 - 5;

/// This connection's ALPN list, replacing the config's.
#[no_mangle]
pub extern "C" fn s2n_connection_set_protocol_preferences(
    conn: *mut s2n_connection,
    protocols: *const *const c_char,
    protocol_count: c_int,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        conn.core.overrides_mut().alpn = Some(super::config::protocol_list(protocols, protocol_count)?);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_append_protocol_preference(
    conn: *mut s2n_connection,
    protocol: *const u8,
    protocol_len: u8,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let list = conn.core.overrides_mut().alpn.get_or_insert_with(Vec::new);
        super::config::append_protocol(list, protocol, protocol_len)
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_auth_type(
    conn: *mut s2n_connection,
    client_auth_type: *mut s2n_cert_auth_type,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let auth = conn.core.overrides().client_auth.unwrap_or(conn.config().core.client_auth);
        unsafe { write_out(client_auth_type, super::config::auth_type_to_c(auth)) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_client_auth_type(
    conn: *mut s2n_connection,
    client_auth_type: s2n_cert_auth_type_arg,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let auth = s2n_cert_auth_type::from_raw(client_auth_type)?;
        conn.core.overrides_mut().client_auth = Some(super::config::auth_type_from_c(auth));
        OK
    })
}

/// RFC 8446 §7.5 keying material exporter, available once the handshake is done.
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
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let label = unsafe { crate::capi::arg_bytes(label, label_length as usize) }?;
        let context = unsafe { crate::capi::arg_bytes(context, context_length as usize) }?;
        unsafe { arg_ref(output) }?;
        // SAFETY: the caller passes `output_length` writable bytes.
        let out = unsafe { std::slice::from_raw_parts_mut(output, output_length as usize) };
        if let Some(tls12) = &conn.core.common.tls12_secrets {
            // RFC 5705; s2n passes the context whenever one is given.
            let context = (context_length > 0).then_some(context);
            crate::tls12::prf::export(
                tls12.suite.hash,
                &tls12.master,
                &tls12.client_random,
                &tls12.server_random,
                label,
                context,
                out,
            );
            return OK;
        }
        let secrets =
            conn.core.common.app_secrets.as_ref().ok_or_else(|| Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE))?;
        // HKDF-Expand-Label carries the label in a 255-byte field after "tls13 ", and HKDF
        // output is bounded by 255 hash lengths.
        if label.len() > 249 || out.len() > 255 * secrets.suite.hash.output_len() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        // A deserialized connection has no exporter secret (s2n's blob carries none).
        if conn.core.common.summary.deserialized {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let exporter = secrets.get(crate::conn::AppSecret::Exporter);
        crate::tls13::key_schedule::export(secrets.suite.hash, &exporter, label, context, out);
        OK
    })
}

/// s2n's (signature algorithm, hash) pair for a scheme.
fn scheme_parts(scheme: Option<SignatureScheme>) -> (s2n_tls_signature_algorithm, s2n_tls_hash_algorithm) {
    use s2n_tls_hash_algorithm as H;
    use s2n_tls_signature_algorithm as A;
    use SignatureScheme as S;
    match scheme {
        None => (A::S2N_TLS_SIGNATURE_ANONYMOUS, H::S2N_TLS_HASH_NONE),
        Some(S::RsaPkcs1Sha256) => (A::S2N_TLS_SIGNATURE_RSA, H::S2N_TLS_HASH_SHA256),
        Some(S::RsaPkcs1Sha384) => (A::S2N_TLS_SIGNATURE_RSA, H::S2N_TLS_HASH_SHA384),
        Some(S::RsaPkcs1Sha512) => (A::S2N_TLS_SIGNATURE_RSA, H::S2N_TLS_HASH_SHA512),
        Some(S::EcdsaSecp256r1Sha256) => (A::S2N_TLS_SIGNATURE_ECDSA, H::S2N_TLS_HASH_SHA256),
        Some(S::EcdsaSecp384r1Sha384) => (A::S2N_TLS_SIGNATURE_ECDSA, H::S2N_TLS_HASH_SHA384),
        Some(S::EcdsaSecp521r1Sha512) => (A::S2N_TLS_SIGNATURE_ECDSA, H::S2N_TLS_HASH_SHA512),
        Some(S::RsaPssRsaeSha256) => (A::S2N_TLS_SIGNATURE_RSA_PSS_RSAE, H::S2N_TLS_HASH_SHA256),
        Some(S::RsaPssRsaeSha384) => (A::S2N_TLS_SIGNATURE_RSA_PSS_RSAE, H::S2N_TLS_HASH_SHA384),
        Some(S::RsaPssRsaeSha512) => (A::S2N_TLS_SIGNATURE_RSA_PSS_RSAE, H::S2N_TLS_HASH_SHA512),
        Some(S::RsaPssPssSha256) => (A::S2N_TLS_SIGNATURE_RSA_PSS_PSS, H::S2N_TLS_HASH_SHA256),
        Some(S::RsaPssPssSha384) => (A::S2N_TLS_SIGNATURE_RSA_PSS_PSS, H::S2N_TLS_HASH_SHA384),
        Some(S::RsaPssPssSha512) => (A::S2N_TLS_SIGNATURE_RSA_PSS_PSS, H::S2N_TLS_HASH_SHA512),
        // s2n has no Ed25519 entry in this enum; the closest truthful answer is "none".
        Some(S::Ed25519) => (A::S2N_TLS_SIGNATURE_ANONYMOUS, H::S2N_TLS_HASH_NONE),
    }
}

/// The scheme the server's CertificateVerify used / the client's.
fn server_scheme(conn: &s2n_connection) -> Option<SignatureScheme> {
    let s = &conn.core.common.summary;
    if conn.mode == s2n_mode::S2N_SERVER {
        s.our_scheme
    } else {
        s.peer_scheme
    }
}

fn client_scheme(conn: &s2n_connection) -> Option<SignatureScheme> {
    let s = &conn.core.common.summary;
    if conn.mode == s2n_mode::S2N_CLIENT {
        s.our_scheme
    } else {
        s.peer_scheme
    }
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_signature_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_signature_algorithm,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { write_out(chosen_alg, scheme_parts(server_scheme(conn)).0) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_digest_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_hash_algorithm,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { write_out(chosen_alg, scheme_parts(server_scheme(conn)).1) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_client_cert_signature_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_signature_algorithm,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { write_out(chosen_alg, scheme_parts(client_scheme(conn)).0) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_client_cert_digest_algorithm(
    conn: *mut s2n_connection,
    chosen_alg: *mut s2n_tls_hash_algorithm,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { write_out(chosen_alg, scheme_parts(client_scheme(conn)).1) }?;
        OK
    })
}

/// The server's signature scheme by IANA name; "none" before one was used.
#[no_mangle]
pub extern "C" fn s2n_connection_get_signature_scheme(
    conn: *mut s2n_connection,
    scheme_name: *mut *const c_char,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(scheme_name) }?;
        if conn.core.common.summary.version.is_none() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let tls12 = conn.core.common.summary.version == Some(crate::msgs::TLS12);
        let name = match server_scheme(conn) {
            // TLS 1.2's ECDSA schemes name no curve; s2n calls them by their legacy names.
            Some(SignatureScheme::EcdsaSecp256r1Sha256) if tls12 => "legacy_ecdsa_sha256",
            Some(SignatureScheme::EcdsaSecp384r1Sha384) if tls12 => "legacy_ecdsa_sha384",
            Some(SignatureScheme::EcdsaSecp521r1Sha512) if tls12 => "legacy_ecdsa_sha512",
            scheme => scheme.map_or("none", SignatureScheme::name),
        };
        unsafe { write_out(scheme_name, static_cstr(name)) }?;
        OK
    })
}

/// The fatal alert the peer sent; `S2N_ERR_NO_ALERT` when it sent none.
#[no_mangle]
pub extern "C" fn s2n_connection_get_alert(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        conn.core.common.summary.peer_alert.map(c_int::from).ok_or_else(|| Error::new(ErrorCode::NO_ALERT))
    })
}

/// Frees the connection's record buffers while they are empty; they return on next use.
#[no_mangle]
pub extern "C" fn s2n_connection_release_buffers(conn: *mut s2n_connection) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.core.release_buffers()?;
        OK
    })
}

/// The handshake message the connection is at, in s2n's naming.
#[no_mangle]
pub extern "C" fn s2n_connection_get_last_message_name(conn: *mut s2n_connection) -> *const c_char {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        Ok(static_cstr(conn.core.last_message_name()))
    })
}

/// The TLS 1.2 master secret (48 bytes). TLS 1.3 has none: `S2N_ERR_INVALID_STATE`.
#[no_mangle]
pub extern "C" fn s2n_connection_get_master_secret(
    conn: *const s2n_connection,
    secret_bytes: *mut u8,
    max_size: usize,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(secret_bytes) }?;
        let secrets = conn.core.common.tls12_secrets.as_ref().ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?;
        let master = secrets.master.as_ref();
        if max_size < master.len() {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: the caller passes `max_size` writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(master.as_ptr(), secret_bytes, master.len()) };
        OK
    })
}

/// Read as much as the transport has (up to a full record) per call instead of exactly one
/// record's bytes: fewer syscalls, but data after the TLS stream may be consumed.
#[no_mangle]
pub extern "C" fn s2n_connection_set_recv_buffering(conn: *mut s2n_connection, enabled: bool) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        // QUIC reads whole handshake messages, never past them.
        if conn.core.common.quic {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        conn.recv_buffering = enabled;
        OK
    })
}

/// This connection's security policy, replacing its config's.
#[no_mangle]
pub extern "C" fn s2n_connection_set_cipher_preferences(conn: *mut s2n_connection, version: *const c_char) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let name =
            unsafe { arg_cstr(version) }?.to_str().map_err(|_| Error::new(ErrorCode::INVALID_SECURITY_POLICY))?;
        let policy = super::config::find_policy(name)?;
        conn.core.overrides_mut().apply_policy(crate::policy::implemented(policy));
        conn.rare_mut().policy_name = Some(policy.name);
        OK
    })
}

/// 1 if the negotiated version and suite are allowed by the named policy, else 0.
#[no_mangle]
pub extern "C" fn s2n_connection_is_valid_for_cipher_preferences(
    conn: *mut s2n_connection,
    version: *const c_char,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let name =
            unsafe { arg_cstr(version) }?.to_str().map_err(|_| Error::new(ErrorCode::INVALID_SECURITY_POLICY))?;
        let policy = super::config::find_policy(name)?;
        let s = &conn.core.common.summary;
        let (Some(version), Some(iana)) = (s.version, s.suite.map(|x| x.iana).or(s.tls12_suite.map(|x| x.iana))) else {
            return Err(Error::new(ErrorCode::NULL));
        };
        Ok((version >= policy.min_version && policy.cipher_suites.contains(&iana)) as c_int)
    })
}

/// s2n's dynamic record sizing: the first `resize_threshold` bytes after the connection was
/// idle for `timeout_secs` go in records that fit one TCP segment.
pub(crate) struct DynamicRecords {
    pub(crate) resize_threshold: u32,
    pub(crate) timeout_secs: u16,
    /// Application bytes sent since the last reset.
    pub(crate) sent: u64,
    /// The config's monotonic clock at the last write.
    pub(crate) last_write_nanos: u64,
}

/// Frees the record buffers whenever they are empty (after the handshake, each send once
/// flushed, each receive that leaves nothing buffered), as s2n does: idle connections cost
/// less, busy ones allocate more often.
#[no_mangle]
pub extern "C" fn s2n_connection_set_dynamic_buffers(conn: *mut s2n_connection, enabled: bool) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.dynamic_buffers = enabled;
        OK
    })
}

/// Small records (one TCP segment each) for the first `resize_threshold` bytes, again after
/// `timeout_threshold` seconds without a write (0: never again); s2n's limit of 8 MiB.
#[no_mangle]
pub extern "C" fn s2n_connection_set_dynamic_record_threshold(
    conn: *mut s2n_connection,
    resize_threshold: u32,
    timeout_threshold: u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if resize_threshold > 8 << 20 {
            return Err(Error::new(ErrorCode::INVALID_DYNAMIC_THRESHOLD));
        }
        conn.dynamic_records = (resize_threshold > 0).then(|| {
            Box::new(DynamicRecords { resize_threshold, timeout_secs: timeout_threshold, sent: 0, last_write_nanos: 0 })
        });
        OK
    })
}

/// Corks the socket (TCP_CORK) while each handshake flight is written and uncorks it when
/// the connection turns to reading, as s2n does: a flight leaves in full packets. Only for a
/// socket the library writes to itself (`S2N_ERR_CORK_SET_ON_UNMANAGED` with send
/// callbacks); a socket the application corked is left as it is.
#[no_mangle]
pub extern "C" fn s2n_connection_use_corked_io(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let IoEnd::Fd(fd) = conn.write else { return Err(Error::new(ErrorCode::CORK_SET_ON_UNMANAGED)) };
        conn.corked_io = !super::io::is_corked(fd);
        OK
    })
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_connection_set_server_keying_material_lifetime(
    conn: *mut s2n_connection,
    lifetime_in_secs: u32,
) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.core.overrides_mut().keying_material_lifetime = Some(lifetime_in_secs);
        OK
    })
}

/// The size `s2n_connection_serialize` needs (the config must allow serialization).
#[no_mangle]
pub extern "C" fn s2n_connection_serialization_length(conn: *mut s2n_connection, length: *mut u32) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(length) }?;
        if !conn.config().serializable {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let len = crate::serialize::encoded_len(&conn.core.common.summary)?;
        unsafe { write_out(length, len as u32) }?;
        OK
    })
}

/// Writes the established connection's state (keys included, in the clear) to `buffer`
/// and closes the connection: it sends and receives no more, here (see serialize.rs).
#[no_mangle]
pub extern "C" fn s2n_connection_serialize(conn: *mut s2n_connection, buffer: *mut u8, buffer_length: u32) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        unsafe { arg_ref(buffer) }?;
        if !conn.config().serializable {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let state = conn.core.established()?;
        let mut blob = zeroize::Zeroizing::new(Vec::new());
        state.encode(&mut blob);
        if (buffer_length as usize) < blob.len() {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: the caller passes `buffer_length` writable bytes, at least the blob's.
        unsafe { std::slice::from_raw_parts_mut(buffer, blob.len()) }.copy_from_slice(&blob);
        conn.core.retire_serialized();
        OK
    })
}

/// Makes a new connection the one a blob from `s2n_connection_serialize` (ours or
/// s2n-tls's) describes: it sends and receives under the original's keys from where
/// that one stopped. The blob is trusted as it is (s2n's documentation: authenticate it).
#[no_mangle]
pub extern "C" fn s2n_connection_deserialize(conn: *mut s2n_connection, buffer: *mut u8, buffer_length: u32) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        unsafe { arg_ref(buffer) }?;
        let blob = unsafe { crate::capi::arg_bytes(buffer, buffer_length as usize) }?;
        let state = crate::serialize::Established::decode(blob)?;
        conn.core.restore_established(state)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_conn_get_signature_public_key_type(
    conn: *mut s2n_connection,
    mode: s2n_mode_arg,
    output: *mut c_char,
    output_size: *mut u32,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let size = unsafe { arg_mut(output_size) }?;
        let own = s2n_mode::from_raw(mode)? == conn.mode;
        let summary = &conn.core.common.summary;
        let leaf = if own {
            let index = match conn.mode {
                s2n_mode::S2N_SERVER => summary.identity.map(usize::from),
                s2n_mode::S2N_CLIENT => summary.our_scheme.map(|_| 0),
            };
            index.and_then(|i| conn.config().core.identities.get(i)).map(|id| &id.chain[0])
        } else if conn.config().core.verify_peer {
            summary.peer_chain.first()
        } else {
            None
        };
        let Some(leaf) = leaf else {
            let code = if own { ErrorCode::NULL } else { ErrorCode::CERT_NOT_VALIDATED };
            return Err(Error::new(code));
        };
        let description = crate::x509::CertFields::parse(leaf)?
            .public_key_description()
            .ok_or_else(|| Error::new(ErrorCode::CERT_TYPE_UNSUPPORTED))?;
        let required = description.len() + 1;
        let room = *size as usize;
        *size = required as u32;
        if output.is_null() || room < required {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: the caller's buffer holds `room` >= `required` bytes.
        let out = unsafe { std::slice::from_raw_parts_mut(output.cast::<u8>(), required) };
        out[..description.len()].copy_from_slice(description.as_bytes());
        out[description.len()] = 0;
        OK
    })
}
