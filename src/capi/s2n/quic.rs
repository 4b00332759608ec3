//! QUIC support (tls/s2n_quic_support.h): a QUIC stack runs the TLS 1.3 handshake through
//! the connection's I/O as bare handshake messages, and protects its packets with the
//! secrets the secret callback hands out (see `crate::conn::Common::quic`).

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::io::io_call;
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, write_out};
use crate::error::{Error, ErrorCode, Result};

#[no_mangle]
pub extern "C" fn s2n_config_enable_quic(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.quic = true;
        OK
    })
}

/// Runs `conn` under QUIC, which needs a policy with TLS 1.3 and no receive buffering.
#[no_mangle]
pub extern "C" fn s2n_connection_enable_quic(conn: *mut s2n_connection) -> c_int {
    call(|| enable(unsafe { arg_mut(conn) }?))
}

/// [`s2n_connection_enable_quic`]'s checks and switch, also run when a connection takes a
/// config that enables QUIC.
pub(crate) fn enable(conn: &mut s2n_connection) -> Result<c_int> {
    let settings = crate::config::Settings::new(&conn.config().core, conn.core.overrides());
    if settings.max_version < crate::msgs::TLS13 || settings.tls13_suites.is_empty() {
        return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
    }
    if conn.recv_buffering {
        return Err(Error::new(ErrorCode::INVALID_STATE));
    }
    conn.core.enable_quic();
    OK
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_quic_enabled(conn: *mut s2n_connection) -> bool {
    // SAFETY: C passes NULL or a connection it got from us.
    unsafe { conn.as_ref() }.is_some_and(|c| c.core.common.quic || c.config().quic)
}

#[no_mangle]
pub extern "C" fn s2n_connection_are_session_tickets_enabled(conn: *mut s2n_connection) -> bool {
    call(|| Ok(unsafe { arg_ref(conn) }?.config().core.session_tickets))
}

/// Our transport parameters, sent in the ClientHello or EncryptedExtensions.
#[no_mangle]
pub extern "C" fn s2n_connection_set_quic_transport_parameters(
    conn: *mut s2n_connection,
    data_buffer: *const u8,
    data_len: u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let parameters = unsafe { arg_bytes(data_buffer, usize::from(data_len)) }?;
        conn.core.overrides_mut().quic_transport_parameters = Some(parameters.into());
        OK
    })
}

/// The peer's transport parameters (empty until they came), owned by the connection.
#[no_mangle]
pub extern "C" fn s2n_connection_get_quic_transport_parameters(
    conn: *mut s2n_connection,
    data_buffer: *mut *const u8,
    data_len: *mut u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(data_buffer) }?;
        unsafe { arg_ref(data_len) }?;
        let peer = conn.rare.as_ref().and_then(|r| r.peer_quic_transport_parameters.as_deref()).unwrap_or_default();
        unsafe { write_out(data_buffer, if peer.is_empty() { std::ptr::null() } else { peer.as_ptr() }) }?;
        unsafe { write_out(data_len, peer.len() as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_secret_callback(
    conn: *mut s2n_connection,
    cb_func: s2n_secret_cb,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let callback = cb_func.ok_or_else(|| Error::new(ErrorCode::NULL))?;
        conn.rare_mut().secret_cb = Some((callback, ctx));
        OK
    })
}

/// Hands a QUIC connection's new secret to the application's secret callback; the type is
/// the key log label's (`Hooks::secret`).
pub(crate) fn deliver_secret(conn: *mut s2n_connection, label: &str, secret: &[u8]) -> Result<()> {
    use s2n_secret_type_t::*;
    // SAFETY: `conn` is the live connection whose handshake made the secret; only its
    // `rare` field is read (the core may be running in place: see io::hooks_may_call_back).
    let rare = unsafe { &*std::ptr::addr_of!((*conn).rare) };
    let Some((callback, ctx)) = rare.as_ref().and_then(|r| r.secret_cb) else { return Ok(()) };
    let secret_type = match label {
        "CLIENT_EARLY_TRAFFIC_SECRET" => S2N_CLIENT_EARLY_TRAFFIC_SECRET,
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET" => S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
        "SERVER_HANDSHAKE_TRAFFIC_SECRET" => S2N_SERVER_HANDSHAKE_TRAFFIC_SECRET,
        "CLIENT_TRAFFIC_SECRET_0" => S2N_CLIENT_APPLICATION_TRAFFIC_SECRET,
        "SERVER_TRAFFIC_SECRET_0" => S2N_SERVER_APPLICATION_TRAFFIC_SECRET,
        "EXPORTER_SECRET" => S2N_EXPORTER_SECRET,
        _ => return Ok(()),
    };
    // The callback gets a mutable pointer (s2n's signature) to a copy, wiped afterwards.
    let mut copy = zeroize::Zeroizing::new(secret.to_vec());
    // SAFETY: the application registered the callback with `ctx`; `copy` outlives the call.
    let rc = unsafe { callback(ctx, conn, secret_type, copy.as_mut_ptr(), copy.len() as u8) };
    if rc < 0 {
        return Err(Error::new(ErrorCode::CANCELLED));
    }
    Ok(())
}

/// Keeps the peer's transport parameters for `s2n_connection_get_quic_transport_parameters`.
pub(crate) fn keep_peer_parameters(conn: *mut s2n_connection, parameters: &[u8]) {
    // SAFETY: `conn` is the live connection whose handshake received them.
    unsafe { &mut *conn }.rare_mut().peer_quic_transport_parameters = Some(parameters.into());
}

/// Client: reads one post-handshake message (a NewSessionTicket, the only one QUIC has).
#[no_mangle]
pub extern "C" fn s2n_recv_quic_post_handshake_message(
    conn: *mut s2n_connection,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    call(|| {
        io_call(conn, blocked, |conn, blocked| {
            // SAFETY (each deref): checked non-NULL by io_call; re-derived after every read.
            let core = |conn: *mut s2n_connection| &unsafe { &*conn }.core;
            if !core(conn).common.quic || core(conn).is_handshaking() {
                return Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC));
            }
            while !core(conn).has_complete_record() {
                super::io::read_once(conn, blocked)?;
            }
            if core(conn).pending_message_type() != Some(crate::msgs::hs::NEW_SESSION_TICKET) {
                return Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC));
            }
            super::io::process(conn)?;
            Ok(0)
        })
    })
}
