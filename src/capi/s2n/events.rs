//! Handshake events (unstable/events.h): a config's subscriber hears once of each handshake
//! that finished or failed, with what it negotiated and how long `s2n_negotiate` took.

use std::os::raw::c_int;

use super::abi::*;
use super::config::default_monotonic_nanos;
use super::connection::{s2n_connection_get_actual_protocol_version, static_cstr};

/// The timing s2n keeps per connection for its handshake event.
#[derive(Clone, Copy)]
pub(crate) struct HandshakeTiming {
    /// When `s2n_negotiate` was first called.
    start_ns: u64,
    /// Time spent inside `s2n_negotiate`, summed over its calls.
    inside_ns: u64,
    /// The event went out; there is no second one.
    sent: bool,
}

/// Whether the connection's config has someone to tell.
fn listener(
    conn: &s2n_connection,
) -> Option<(
    unsafe extern "C" fn(*mut s2n_connection, *mut std::ffi::c_void, *mut s2n_event_handshake),
    *mut std::ffi::c_void,
)> {
    let config = conn.config();
    Some((config.on_handshake_event?, config.subscriber)).filter(|(_, subscriber)| !subscriber.is_null())
}

/// At the start of `s2n_negotiate`: the time, when a handshake event may be wanted.
pub(crate) fn negotiate_started(conn: *mut s2n_connection) -> Option<u64> {
    // SAFETY: NULL or a live connection (s2n_negotiate's contract).
    let c = unsafe { conn.as_mut() }?;
    let tracked = c.rare.as_ref().is_some_and(|rare| rare.handshake_timing.is_some());
    if !tracked && listener(c).is_none() {
        return None;
    }
    let now = default_monotonic_nanos();
    let rare = c.rare_mut();
    rare.handshake_timing.get_or_insert(HandshakeTiming { start_ns: now, inside_ns: 0, sent: false });
    Some(now)
}

/// At the end of `s2n_negotiate` (result `rc`): counts the time, and once the handshake is
/// over, successfully or not (a blocked call is neither), tells the subscriber.
pub(crate) fn negotiate_returned(conn: *mut s2n_connection, start: Option<u64>, rc: c_int) {
    let Some(start) = start else { return };
    // SAFETY: as in negotiate_started; the connection is still live.
    let Some(c) = (unsafe { conn.as_mut() }) else { return };
    let end = default_monotonic_nanos();
    let Some(timing) = c.rare.as_mut().and_then(|rare| rare.handshake_timing.as_mut()) else { return };
    timing.inside_ns += end.saturating_sub(start);
    // SAFETY: this thread's s2n_errno.
    let errno = unsafe { *super::errno_slot() };
    if rc != S2N_SUCCESS && super::error::s2n_error_get_type(errno) == s2n_error_type::S2N_ERR_T_BLOCKED as c_int {
        return;
    }
    if timing.sent {
        return;
    }
    timing.sent = true;
    let timing = *timing;
    let Some((callback, subscriber)) = listener(c) else { return };
    let summary = &c.core.common.summary;
    let cipher = summary.suite.map(|s| s.name).or(summary.tls12_suite.map(|s| s.name));
    let policy = c.rare.as_ref().and_then(|rare| rare.policy_name).unwrap_or(c.config().policy_name);
    let mut event = s2n_event_handshake {
        protocol_version: s2n_connection_get_actual_protocol_version(conn),
        cipher: cipher.map_or(std::ptr::null(), static_cstr),
        group: summary.group.map_or(std::ptr::null(), |g| static_cstr(g.name())),
        security_policy_label: static_cstr(policy),
        handshake_time_ns: timing.inside_ns,
        handshake_start_ns: timing.start_ns,
        handshake_end_ns: end,
        error_code: if rc == S2N_SUCCESS { 0 } else { errno },
    };
    // SAFETY: the application registered the callback for this subscriber; the event lives
    // for the call. What it does with s2n_errno is undone after.
    unsafe { callback(conn, subscriber, &mut event) };
    // SAFETY: this thread's s2n_errno.
    unsafe { *super::errno_slot() = errno };
}
