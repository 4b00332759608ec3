//! Offloaded checks of the peer's signatures (unstable/async_offload.h): with the config's
//! callback allowing S2N_ASYNC_OFFLOAD_PKEY_VERIFY, the handshake hands each check to the
//! application as an `s2n_async_offload_op`, which it performs (`s2n_async_offload_op_perform`)
//! in the callback or later on a thread of its own; meanwhile `s2n_negotiate` reports
//! S2N_BLOCKED_ON_APPLICATION_INPUT.

use std::os::raw::{c_int, c_void};
use std::sync::Mutex;

use super::abi::*;
use super::{call, OK};
use crate::capi::{arg_mut, arg_ref};
use crate::error::{Error, ErrorCode, Result};
use crate::offload::{VerifyJob, VerifyOutcome};

/// One offloaded check. The application may perform it on another thread while the
/// connection's thread asks how it went: the outcome sits behind a lock.
pub struct s2n_async_offload_op {
    job: VerifyJob,
    /// None until performed; then whether the signature verified.
    outcome: Mutex<Option<Result<()>>>,
}

/// The config's callback, what it allows, and its context.
pub(crate) type OffloadCallback =
    (unsafe extern "C" fn(*mut s2n_connection, *mut s2n_async_offload_op, *mut c_void) -> c_int, u32, *mut c_void);

#[no_mangle]
pub extern "C" fn s2n_config_set_async_offload_callback(
    config: *mut s2n_config,
    allow_list: u32,
    fn_: s2n_async_offload_cb,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let callback = fn_.ok_or_else(|| Error::new(ErrorCode::NULL))?;
        if allow_list == 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        config.async_offload = Some((callback, allow_list, ctx));
        OK
    })
}

/// Whether the connection's config offloads signature checks.
pub(crate) fn offloads_verification(config: &s2n_config) -> bool {
    config
        .async_offload
        .is_some_and(|(_, allowed, _)| allowed & s2n_async_offload_op_type::S2N_ASYNC_OFFLOAD_PKEY_VERIFY as u32 != 0)
}

/// The handshake's check of a peer signature: the first time, the application gets it
/// through the callback; while it is not performed, the answer is "pending"; once it is,
/// its outcome (and the operation is done with).
pub(crate) fn offload(conn: *mut s2n_connection, config: &s2n_config, job: VerifyJob) -> Result<VerifyOutcome> {
    let Some((callback, _, ctx)) = config.async_offload else { return Ok(VerifyOutcome::Done(job.run())) };
    // SAFETY: `conn` is the live connection whose handshake asks.
    let rare = unsafe { &mut *conn }.rare_mut();
    if rare.async_offload_op.is_none() {
        let op: *mut s2n_async_offload_op =
            &mut **rare.async_offload_op.insert(Box::new(s2n_async_offload_op { job, outcome: Mutex::new(None) }));
        // SAFETY: the application registered the callback with `ctx`; `op` stays allocated
        // (boxed in the connection) until the handshake takes its outcome, or the
        // connection is wiped or freed.
        if unsafe { callback(conn, op, ctx) } != S2N_SUCCESS {
            return Err(Error::new(ErrorCode::CANCELLED));
        }
    }
    // SAFETY: as above.
    let rare = unsafe { &mut *conn }.rare_mut();
    let op = rare.async_offload_op.as_ref().ok_or_else(|| Error::new(ErrorCode::SAFETY))?;
    let outcome = op.outcome.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
    match outcome {
        None => Ok(VerifyOutcome::Pending),
        Some(verified) => {
            rare.async_offload_op = None;
            Ok(VerifyOutcome::Done(verified))
        }
    }
}

/// Whether the handshake waits for an offloaded check to be performed.
pub(crate) fn pending(conn: &s2n_connection) -> bool {
    conn.rare
        .as_ref()
        .and_then(|r| r.async_offload_op.as_ref())
        .is_some_and(|op| op.outcome.lock().map_or(true, |outcome| outcome.is_none()))
}

/// Performs the check, once. Its outcome reaches the handshake at the next `s2n_negotiate`;
/// a signature that does not verify also fails this call (S2N_ERR_VERIFY_SIGNATURE).
#[no_mangle]
pub extern "C" fn s2n_async_offload_op_perform(op: *mut s2n_async_offload_op) -> c_int {
    call(|| {
        let op = unsafe { arg_ref(op) }?;
        let mut outcome = op.outcome.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if outcome.is_some() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let verified = op.job.run();
        *outcome = Some(verified);
        verified.map(|_| 0)
    })
}
