//! TLS 1.3 early data (0-RTT): s2n's settings, status accessors, the early data callback,
//! and `s2n_send_early_data`/`s2n_recv_early_data`, which drive the handshake (see
//! `crate::early_data` for the protocol side).

use std::os::raw::c_int;

use super::abi::*;
use super::io::{io_call, negotiate, recv, send};
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, write_out};
use crate::config::EarlyDataAction;
use crate::conn::Side;
use crate::error::{Error, ErrorCode, ErrorKind, Result};

/// A client's offer of early data as the server's early data callback sees it. It lives in
/// the connection until the handshake is done, so an application may decide later
/// (`s2n_offered_early_data_accept`/`_reject`, then `s2n_negotiate` again).
pub struct s2n_offered_early_data {
    /// The PSK's early data context.
    context: Box<[u8]>,
    /// The application's answer: accept or reject; None while undecided.
    decision: Option<bool>,
}

/// Runs the config's early data callback for an offer (once per connection; a handshake
/// that waited asks again and gets the decision made since). No callback: accepted.
pub(crate) fn run_callback(
    conn: *mut s2n_connection,
    config: &super::config::s2n_config,
    context: &[u8],
) -> Result<EarlyDataAction> {
    let Some(callback) = config.early_data_cb else { return Ok(EarlyDataAction::Accept) };
    let answer = |offer: &s2n_offered_early_data| match offer.decision {
        Some(true) => EarlyDataAction::Accept,
        Some(false) => EarlyDataAction::Reject,
        None => EarlyDataAction::Pause,
    };
    // SAFETY: `conn` is the live connection whose handshake runs this hook.
    let rare = unsafe { &mut *conn }.rare_mut();
    if let Some(offer) = &rare.early_data_offer {
        return Ok(answer(offer));
    }
    let offer: *mut s2n_offered_early_data = &mut **rare
        .early_data_offer
        .insert(Box::new(s2n_offered_early_data { context: context.into(), decision: None }));
    // SAFETY: the application registered this callback; `offer` stays allocated (boxed in
    // the connection) until the connection is wiped or freed.
    if unsafe { callback(conn, offer) } < 0 {
        return Err(Error::new(ErrorCode::CANCELLED));
    }
    // SAFETY: as above; the callback may have answered through the pointer.
    Ok(answer(unsafe { &*offer }))
}

/// Whether the handshake waits for the application to accept or reject early data.
pub(crate) fn decision_pending(conn: &s2n_connection) -> bool {
    conn.rare.as_ref().and_then(|r| r.early_data_offer.as_ref()).is_some_and(|o| o.decision.is_none())
}

#[no_mangle]
pub extern "C" fn s2n_config_set_server_max_early_data_size(
    config: *mut s2n_config,
    max_early_data_size: u32,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.server_max_early_data = max_early_data_size;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_server_max_early_data_size(
    conn: *mut s2n_connection,
    max_early_data_size: u32,
) -> c_int {
    call(|| {
        unsafe { arg_mut(conn) }?.core.overrides_mut().server_max_early_data = Some(max_early_data_size);
        OK
    })
}

/// The context the server binds into the tickets it issues on this connection.
#[no_mangle]
pub extern "C" fn s2n_connection_set_server_early_data_context(
    conn: *mut s2n_connection,
    context: *const u8,
    context_size: u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let context = unsafe { arg_bytes(context, usize::from(context_size)) }?;
        conn.core.overrides_mut().early_data_context = Some(context.into());
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_early_data_status(
    conn: *mut s2n_connection,
    status: *mut s2n_early_data_status_t,
) -> c_int {
    call(|| {
        use crate::early_data::EarlyDataState::*;
        let conn = unsafe { arg_ref(conn) }?;
        let value = match conn.core.common.early_data.state {
            Unknown | Requested | Accepted => s2n_early_data_status_t::S2N_EARLY_DATA_STATUS_OK,
            NotRequested => s2n_early_data_status_t::S2N_EARLY_DATA_STATUS_NOT_REQUESTED,
            Rejected => s2n_early_data_status_t::S2N_EARLY_DATA_STATUS_REJECTED,
            End => s2n_early_data_status_t::S2N_EARLY_DATA_STATUS_END,
        };
        unsafe { write_out(status, value) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_remaining_early_data_size(
    conn: *mut s2n_connection,
    allowed_early_data_size: *mut u32,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(allowed_early_data_size) }?;
        let remaining = remaining(conn);
        unsafe { write_out(allowed_early_data_size, remaining.unwrap_or(0)) }?;
        remaining.map(|_| 0)
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_max_early_data_size(
    conn: *mut s2n_connection,
    max_early_data_size: *mut u32,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { write_out(max_early_data_size, conn.core.max_early_data_size(&conn.config().core)) }?;
        OK
    })
}

fn remaining(conn: &s2n_connection) -> Result<u32> {
    conn.core.remaining_early_data_size(&conn.config().core)
}

/// s2n's "can early data continue": some is still allowed.
fn can_continue(conn: *mut s2n_connection) -> bool {
    // SAFETY: checked non-NULL by io_call.
    remaining(unsafe { &*conn }).is_ok_and(|n| n > 0)
}

/// The shared frame of `s2n_send_early_data` and `s2n_recv_early_data`: runs `body` as an
/// I/O call with the connection marked as expecting early data (as s2n does for the length
/// of the call), and reports the bytes it moved through `count`, even when it fails.
fn early_data_call(
    conn: *mut s2n_connection,
    blocked: *mut s2n_blocked_status,
    count: *mut libc::ssize_t,
    body: impl FnOnce(*mut s2n_connection, &mut usize, &mut s2n_blocked_status) -> Result<()>,
) -> Result<c_int> {
    unsafe { write_out(count, 0) }?;
    unsafe { arg_mut(conn) }?.core.set_early_data_expected(true);
    let result = io_call(conn, blocked, |conn, blocked| {
        let mut moved = 0;
        let result = body(conn, &mut moved, blocked);
        unsafe { write_out(count, moved as libc::ssize_t) }?;
        result.map(|_| 0)
    });
    // SAFETY: checked non-NULL above; still live.
    unsafe { &mut *conn }.core.set_early_data_expected(false);
    result
}

/// Client: starts (or continues) the handshake and sends as much of `data` as early data
/// as is still allowed; the rest of the handshake waits for `s2n_negotiate`. Blocking on the
/// handshake does not fail the call once data went out.
#[no_mangle]
pub extern "C" fn s2n_send_early_data(
    conn: *mut s2n_connection,
    data: *const u8,
    data_len: libc::ssize_t,
    data_sent: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    call(|| {
        if data_len < 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let data = unsafe { arg_bytes(data, data_len as usize) }?;
        early_data_call(conn, blocked, data_sent, |conn, sent, blocked| send_early_data(conn, data, sent, blocked))
    })
}

fn send_early_data(
    conn: *mut s2n_connection,
    data: &[u8],
    sent: &mut usize,
    blocked: &mut s2n_blocked_status,
) -> Result<()> {
    // SAFETY: checked non-NULL by io_call.
    let c = unsafe { &*conn };
    if c.core.side() != Side::Client {
        return Err(Error::new(ErrorCode::SERVER_MODE));
    }
    if crate::config::Settings::new(&c.config().core, c.core.overrides()).max_version < crate::msgs::TLS13 {
        return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
    }
    if !can_continue(conn) {
        return Ok(());
    }
    // Move the handshake on as far as it goes; waiting for the server is no reason not to
    // send (s2n's rule), other failures are.
    let negotiated = negotiate(conn, blocked);
    let negotiate_blocked = *blocked;
    if let Err(err) = &negotiated {
        let waiting = matches!(
            negotiate_blocked,
            s2n_blocked_status::S2N_BLOCKED_ON_EARLY_DATA | s2n_blocked_status::S2N_BLOCKED_ON_READ
        );
        if err.kind() != ErrorKind::Blocked || !waiting {
            return Err(*err);
        }
    }
    let allowed = remaining(unsafe { &*conn })?;
    let to_send = data.len().min(allowed as usize);
    if to_send > 0 {
        *sent = send(conn, blocked, &[&data[..to_send]])? as usize;
    }
    *blocked = s2n_blocked_status::S2N_NOT_BLOCKED;
    // The handshake's wait is reported (with the count of what went out) only while more
    // early data could follow.
    match negotiated {
        Err(err) if negotiate_blocked != s2n_blocked_status::S2N_BLOCKED_ON_EARLY_DATA && can_continue(conn) => {
            *blocked = negotiate_blocked;
            Err(err)
        }
        _ => Ok(()),
    }
}

/// Server: runs the handshake, reading the client's early data into `data` as it comes,
/// until the handshake is done, the buffer is full, or it has to wait.
#[no_mangle]
pub extern "C" fn s2n_recv_early_data(
    conn: *mut s2n_connection,
    data: *mut u8,
    max_data_len: libc::ssize_t,
    data_received: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    call(|| {
        if max_data_len < 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        if max_data_len > 0 {
            unsafe { arg_ref(data as *const u8) }?;
        }
        // SAFETY: the caller passes `max_data_len` writable bytes.
        let out = match max_data_len {
            0 => &mut [][..],
            n => unsafe { std::slice::from_raw_parts_mut(data, n as usize) },
        };
        early_data_call(conn, blocked, data_received, |conn, received, blocked| {
            recv_early_data(conn, out, received, blocked)
        })
    })
}

fn recv_early_data(
    conn: *mut s2n_connection,
    out: &mut [u8],
    received: &mut usize,
    blocked: &mut s2n_blocked_status,
) -> Result<()> {
    // SAFETY: checked non-NULL by io_call.
    if unsafe { &*conn }.core.side() != Side::Server {
        return Err(Error::new(ErrorCode::CLIENT_MODE));
    }
    if !can_continue(conn) {
        return Ok(());
    }
    loop {
        let err = match negotiate(conn, blocked) {
            Ok(_) => return Ok(()),
            Err(err) => err,
        };
        if err.kind() != ErrorKind::Blocked || *received >= out.len() {
            return Err(err);
        }
        if *blocked != s2n_blocked_status::S2N_BLOCKED_ON_EARLY_DATA {
            if can_continue(conn) {
                return Err(err);
            }
            // No more early data can come: the rest is for s2n_negotiate.
            *blocked = s2n_blocked_status::S2N_NOT_BLOCKED;
            return Ok(());
        }
        *received += recv(conn, blocked, &mut out[*received..])? as usize;
    }
}

#[no_mangle]
pub extern "C" fn s2n_config_set_early_data_cb(config: *mut s2n_config, cb: s2n_early_data_cb) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.early_data_cb = cb;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_get_context_length(
    early_data: *mut s2n_offered_early_data,
    context_len: *mut u16,
) -> c_int {
    call(|| {
        let offer = unsafe { arg_ref(early_data) }?;
        unsafe { write_out(context_len, offer.context.len() as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_get_context(
    early_data: *mut s2n_offered_early_data,
    context: *mut u8,
    max_len: u16,
) -> c_int {
    call(|| {
        let offer = unsafe { arg_ref(early_data) }?;
        unsafe { arg_ref(context as *const u8) }?;
        if offer.context.len() > usize::from(max_len) {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: `context` is writable for `max_len` bytes, at least the context's length.
        unsafe { std::ptr::copy_nonoverlapping(offer.context.as_ptr(), context, offer.context.len()) };
        OK
    })
}

/// Answers an offer once; s2n's state machine refuses a second, different answer.
fn decide(early_data: *mut s2n_offered_early_data, accept: bool) -> Result<c_int> {
    let offer = unsafe { arg_mut(early_data) }?;
    match offer.decision {
        Some(previous) if previous != accept => Err(Error::new(ErrorCode::INVALID_EARLY_DATA_STATE)),
        _ => {
            offer.decision = Some(accept);
            OK
        }
    }
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_reject(early_data: *mut s2n_offered_early_data) -> c_int {
    call(|| decide(early_data, false))
}

#[no_mangle]
pub extern "C" fn s2n_offered_early_data_accept(early_data: *mut s2n_offered_early_data) -> c_int {
    call(|| decide(early_data, true))
}
