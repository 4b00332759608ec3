//! Session resumption: tickets, ticket keys, the session cache and serialised sessions.

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, write_out};
use crate::error::{Error, ErrorCode};
use crate::session::ClientSession;

/// Servers issue and clients accept session tickets.
#[no_mangle]
pub extern "C" fn s2n_config_set_session_tickets_onoff(config: *mut s2n_config, enabled: u8) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.session_tickets = enabled != 0;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_session_state_lifetime(config: *mut s2n_config, lifetime_in_secs: u64) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.session_lifetime = lifetime_in_secs.min(u64::from(u32::MAX)) as u32;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_ticket_encrypt_decrypt_key_lifetime(
    config: *mut s2n_config,
    lifetime_in_secs: u64,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.ticket_keys.set_lifetimes(Some(lifetime_in_secs.saturating_mul(NANOS)), None);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_ticket_decrypt_key_lifetime(config: *mut s2n_config, lifetime_in_secs: u64) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.ticket_keys.set_lifetimes(None, Some(lifetime_in_secs.saturating_mul(NANOS)));
        OK
    })
}

const NANOS: u64 = 1_000_000_000;

/// The config's wall clock (the application's, if set) in nanoseconds since the epoch.
pub(crate) fn wall_clock_nanos(config: &s2n_config) -> u64 {
    if let Some((clock, ctx)) = config.wall_clock {
        let mut nanos = 0u64;
        // SAFETY: the application registered this clock with its context.
        if unsafe { clock(ctx, &mut nanos) } == 0 {
            return nanos;
        }
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

/// Adds a ticket key. Like s2n, this does nothing while tickets and the session cache are
/// off; an intro time of 0 means now.
#[no_mangle]
pub extern "C" fn s2n_config_add_ticket_crypto_key(
    config: *mut s2n_config,
    name: *const u8,
    name_len: u32,
    key: *mut u8,
    key_len: u32,
    intro_time_in_seconds_from_epoch: u64,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        unsafe { arg_ref(name) }?;
        unsafe { arg_ref(key as *const u8) }?;
        if !config.core.session_tickets && !config.core.session_cache {
            return OK;
        }
        let name = unsafe { arg_bytes(name, name_len as usize) }?;
        let key = unsafe { arg_bytes(key, key_len as usize) }?;
        // Whole seconds, as s2n counts intro times and as handshakes read the clock; else a
        // key added in this second would not encrypt until the next one.
        let now = wall_clock_nanos(config) / NANOS * NANOS;
        let intro = if intro_time_in_seconds_from_epoch == 0 {
            now
        } else {
            intro_time_in_seconds_from_epoch.saturating_mul(NANOS)
        };
        config.core.ticket_keys.add(name, key, intro, now)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_initial_ticket_count(config: *mut s2n_config, num: u8) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.initial_ticket_count = num;
        config.core.session_tickets = true;
        OK
    })
}

/// Sends `num` more tickets at the next send or receive.
#[no_mangle]
pub extern "C" fn s2n_connection_add_new_tickets_to_send(conn: *mut s2n_connection, num: u8) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        conn.tickets_to_send =
            conn.tickets_to_send.checked_add(num.into()).ok_or_else(|| Error::new(ErrorCode::INTEGER_OVERFLOW))?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_tickets_sent(conn: *mut s2n_connection, num: *mut u16) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(num) }?;
        if conn.mode != s2n_mode::S2N_SERVER {
            return Err(Error::new(ErrorCode::CLIENT_MODE));
        }
        unsafe { write_out(num, conn.core.common.tickets_sent) }?;
        OK
    })
}

/// A session ticket handed to the client's ticket callback.
pub struct s2n_session_ticket {
    session: zeroize::Zeroizing<Vec<u8>>,
    lifetime: u32,
}

#[no_mangle]
pub extern "C" fn s2n_config_set_session_ticket_cb(
    config: *mut s2n_config,
    callback: s2n_session_ticket_fn,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.session_ticket_cb = callback.map(|f| (f, ctx));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_session_ticket_get_data_len(ticket: *mut s2n_session_ticket, data_len: *mut usize) -> c_int {
    call(|| {
        let ticket = unsafe { arg_ref(ticket) }?;
        unsafe { write_out(data_len, ticket.session.len()) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_session_ticket_get_data(
    ticket: *mut s2n_session_ticket,
    max_data_len: usize,
    data: *mut u8,
) -> c_int {
    call(|| {
        let ticket = unsafe { arg_ref(ticket) }?;
        unsafe { arg_ref(data) }?;
        if ticket.session.len() > max_data_len {
            return Err(Error::new(ErrorCode::SERIALIZED_SESSION_STATE_TOO_LONG));
        }
        // SAFETY: the caller passes `max_data_len` writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(ticket.session.as_ptr(), data, ticket.session.len()) };
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_session_ticket_get_lifetime(
    ticket: *mut s2n_session_ticket,
    session_lifetime: *mut u32,
) -> c_int {
    call(|| {
        let ticket = unsafe { arg_ref(ticket) }?;
        unsafe { write_out(session_lifetime, ticket.lifetime) }?;
        OK
    })
}

/// Hands sessions the engine received to the application's ticket callback and keeps the
/// newest for `s2n_connection_get_session`.
pub(crate) fn deliver_new_sessions(conn: *mut s2n_connection) {
    // SAFETY: `conn` is live for the calling I/O function.
    let c = unsafe { &mut *conn };
    if c.core.common.received_sessions.is_empty() {
        return;
    }
    let sessions = std::mem::take(&mut c.core.common.received_sessions);
    let callback = c.config().session_ticket_cb;
    for session in sessions {
        let mut ticket = s2n_session_ticket { session: session.encode(), lifetime: session.lifetime };
        if let Some((cb, ctx)) = callback {
            // SAFETY: the application registered this callback with `ctx`.
            unsafe { cb(conn, ctx, &mut ticket) };
        }
        // (Copied into an exact-size block: shrinking the Vec could leave a copy behind.)
        let blob = zeroize::Zeroizing::new(Box::<[u8]>::from(&ticket.session[..]));
        // SAFETY: as above; re-derived after the callback.
        unsafe { (*conn).latest_session = Some(blob) };
    }
}

/// Client: the session to resume in the next handshake (from `s2n_connection_get_session`).
#[no_mangle]
pub extern "C" fn s2n_connection_set_session(conn: *mut s2n_connection, session: *const u8, length: usize) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let bytes = unsafe { arg_bytes(session, length) }?;
        if bytes.is_empty() {
            return Err(Error::new(ErrorCode::NULL));
        }
        conn.core.resume = Some(Box::new(ClientSession::decode(bytes)?));
        OK
    })
}

/// The connection's session, encoded: the newest ticket a client received, else the
/// session this handshake resumed (a server's being the one the client's TLS 1.2 ticket
/// carried).
fn current_session(conn: &s2n_connection) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    match &conn.latest_session {
        Some(blob) => Some(zeroize::Zeroizing::new(blob.to_vec())),
        None => conn.core.common.current_session.as_deref().map(ClientSession::encode),
    }
}

/// Writes the most recent resumable session; returns its length.
#[no_mangle]
pub extern "C" fn s2n_connection_get_session(conn: *mut s2n_connection, session: *mut u8, max_length: usize) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(session) }?;
        let Some(blob) = current_session(conn) else { return Ok(0) };
        if blob.len() > max_length {
            return Err(Error::new(ErrorCode::SERIALIZED_SESSION_STATE_TOO_LONG));
        }
        // SAFETY: the caller passes `max_length` writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(blob.as_ptr(), session, blob.len()) };
        Ok(blob.len() as c_int)
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_session_length(conn: *mut s2n_connection) -> c_int {
    // s2n answers 0 rather than failing when there is no session.
    unsafe { conn.as_ref() }.and_then(current_session).map_or(0, |blob| blob.len() as c_int)
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_session_ticket_lifetime_hint(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let blob = current_session(conn).filter(|_| conn.config().core.session_tickets);
        let session = blob.and_then(|blob| ClientSession::decode(&blob).ok());
        session.map(|s| s.lifetime as c_int).ok_or_else(|| Error::new(ErrorCode::SESSION_TICKET_NOT_SUPPORTED))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_session_resumed(conn: *mut s2n_connection) -> c_int {
    // SAFETY: NULL or a live connection.
    unsafe { conn.as_ref() }.is_some_and(|c| c.core.common.summary.resumed) as c_int
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cache_store_callback(
    config: *mut s2n_config,
    cache_store_callback: s2n_cache_store_callback,
    data: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let callback = cache_store_callback.ok_or_else(|| Error::new(ErrorCode::NULL))?;
        config.cache.store = Some((callback, data));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cache_retrieve_callback(
    config: *mut s2n_config,
    cache_retrieve_callback: s2n_cache_retrieve_callback,
    data: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let callback = cache_retrieve_callback.ok_or_else(|| Error::new(ErrorCode::NULL))?;
        config.cache.retrieve = Some((callback, data));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cache_delete_callback(
    config: *mut s2n_config,
    cache_delete_callback: s2n_cache_delete_callback,
    data: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let callback = cache_delete_callback.ok_or_else(|| Error::new(ErrorCode::NULL))?;
        config.cache.delete = Some((callback, data));
        OK
    })
}

/// TLS 1.2 stateful resumption. As in s2n it only turns on when the three cache callbacks
/// are set; entries are sealed with the ticket keys, so a key must be added too (without
/// one, nothing is cached). s2n has no TLS 1.3 session cache, nor do we.
#[no_mangle]
pub extern "C" fn s2n_config_set_session_cache_onoff(config: *mut s2n_config, enabled: u8) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let cache = config.cache;
        config.core.session_cache =
            enabled != 0 && cache.store.is_some() && cache.retrieve.is_some() && cache.delete.is_some();
        OK
    })
}

/// RFC 5077 §5.1 and s2n: a session whose connection failed (an error, a fatal alert, or
/// the peer going away without close_notify) is removed from the application's cache.
pub(crate) fn evict_from_cache(conn: *mut s2n_connection) {
    // SAFETY: `conn` was checked non-NULL by the caller.
    let c = unsafe { &*conn };
    let config = c.config();
    let cacheable = config.core.session_cache && config.core.client_auth == crate::config::ClientAuth::None;
    let id = c.core.common.session_id.to_vec();
    let Some((delete, ctx)) = config.cache.delete.filter(|_| cacheable && !id.is_empty()) else { return };
    // SAFETY: the application registered this callback with `ctx`; `id` outlives the call.
    unsafe { delete(conn, ctx, id.as_ptr().cast(), id.len() as u64) };
}

#[no_mangle]
pub extern "C" fn s2n_config_require_ticket_forward_secrecy(config: *mut s2n_config, enabled: bool) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.ticket_forward_secrecy = enabled;
        OK
    })
}

/// The TLS 1.2 session id (the server's choice, or the one a resumption echoed); 0 bytes for
/// TLS 1.3, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_connection_get_session_id_length(conn: *mut s2n_connection) -> c_int {
    call(|| Ok(unsafe { arg_ref(conn) }?.core.common.session_id.len() as c_int))
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_session_id(
    conn: *mut s2n_connection,
    session_id: *mut u8,
    max_length: usize,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(session_id) }?;
        let id = &conn.core.common.session_id;
        if id.len() > max_length {
            return Err(Error::new(ErrorCode::SESSION_ID_TOO_LONG));
        }
        // SAFETY: the caller passes `max_length` writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(id.as_ptr(), session_id, id.len()) };
        Ok(id.len() as c_int)
    })
}
