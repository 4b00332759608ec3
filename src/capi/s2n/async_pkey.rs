//! Asynchronous private-key operations: the handshake hands the application the digest to
//! sign in an `s2n_async_pkey_op` (through the config's callback) and pauses until the
//! application applies the signature to the connection. The operation belongs to the
//! application, which frees it.

use std::os::raw::c_int;

use super::abi::*;
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, from_c, into_c, write_out};
use crate::error::{Error, ErrorCode, Result};
use crate::sign::SignatureScheme;

pub struct s2n_async_pkey_op {
    /// The connection it came from; only that one may take the answer.
    conn: *mut s2n_connection,
    scheme: SignatureScheme,
    /// The digest to sign.
    input: Vec<u8>,
    output: Option<Vec<u8>>,
    applied: bool,
}

/// Gives the application the private-key operation the handshake waits for, once: calls
/// the config's callback with a new operation. Returns whether the handshake can go on at
/// once (the callback applied the result before returning).
pub(crate) fn issue(conn: *mut s2n_connection) -> Result<bool> {
    // SAFETY: `conn` is live for the calling I/O function.
    let c = unsafe { &mut *conn };
    let Some(pending) = c.core.pending_private_key_operation() else { return Ok(false) };
    if c.pkey_op_issued {
        return Ok(false);
    }
    let callback = c.config().async_pkey_cb.ok_or_else(|| Error::new(ErrorCode::NO_PRIVATE_KEY))?;
    let input =
        pending.scheme.digest(&pending.signed).ok_or_else(|| Error::new(ErrorCode::INVALID_SIGNATURE_ALGORITHM))?;
    let op = into_c(s2n_async_pkey_op { conn, scheme: pending.scheme, input, output: None, applied: false });
    c.pkey_op_issued = true;
    // SAFETY: the application registered this callback; `op` is now the application's.
    if unsafe { callback(conn, op) } != 0 {
        return Err(Error::new(ErrorCode::ASYNC_CALLBACK_FAILED));
    }
    // SAFETY: as above, re-derived after the callback.
    Ok(unsafe { (*conn).core.pending_private_key_operation().is_none() || (*conn).core.has_private_key_answer() })
}

/// Signs the operation's digest with `key`, as the handshake would have.
#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_perform(op: *mut s2n_async_pkey_op, key: *mut s2n_cert_private_key) -> c_int {
    call(|| {
        let op = unsafe { arg_mut(op) }?;
        let key = unsafe { arg_ref(key) }?;
        if op.output.is_some() {
            return Err(Error::new(ErrorCode::ASYNC_ALREADY_PERFORMED));
        }
        let certified = key.certified.as_ref().ok_or_else(|| Error::new(ErrorCode::NO_PRIVATE_KEY))?;
        let signing = certified.key.as_ref().ok_or_else(|| Error::new(ErrorCode::NO_PRIVATE_KEY))?;
        op.output = Some(op.scheme.sign_digest(signing, &op.input)?);
        OK
    })
}

/// Hands the operation's result to its connection; the next `s2n_negotiate` goes on.
#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_apply(op: *mut s2n_async_pkey_op, conn: *mut s2n_connection) -> c_int {
    call(|| {
        let op = unsafe { arg_mut(op) }?;
        let c = unsafe { arg_mut(conn) }?;
        if op.conn != conn {
            return Err(Error::new(ErrorCode::ASYNC_WRONG_CONNECTION));
        }
        if op.applied {
            return Err(Error::new(ErrorCode::ASYNC_ALREADY_APPLIED));
        }
        let output = op.output.clone().ok_or_else(|| Error::new(ErrorCode::ASYNC_NOT_PERFORMED))?;
        c.core.complete_private_key_operation(output)?;
        op.applied = true;
        // A later operation of the same handshake is a new one to hand out.
        c.pkey_op_issued = false;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_free(op: *mut s2n_async_pkey_op) -> c_int {
    call(|| {
        unsafe { arg_ref(op) }?;
        // SAFETY: a non-NULL op came from the callback, and the application gives it up here.
        drop(unsafe { from_c(op) });
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_op_type(
    op: *mut s2n_async_pkey_op,
    type_: *mut s2n_async_pkey_op_type,
) -> c_int {
    call(|| {
        unsafe { arg_ref(op) }?;
        // Every operation we hand out is a signature: no RSA key exchange to decrypt for.
        unsafe { write_out(type_, s2n_async_pkey_op_type::S2N_ASYNC_SIGN) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_input_size(op: *mut s2n_async_pkey_op, data_len: *mut u32) -> c_int {
    call(|| {
        let op = unsafe { arg_ref(op) }?;
        unsafe { write_out(data_len, op.input.len() as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_input(op: *mut s2n_async_pkey_op, data: *mut u8, data_len: u32) -> c_int {
    call(|| {
        let op = unsafe { arg_ref(op) }?;
        unsafe { arg_ref(data) }?;
        if (data_len as usize) < op.input.len() {
            return Err(Error::new(ErrorCode::SAFETY));
        }
        // SAFETY: `data` is writable for `data_len` bytes, at least the input's length.
        unsafe { std::ptr::copy_nonoverlapping(op.input.as_ptr(), data, op.input.len()) };
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_set_output(op: *mut s2n_async_pkey_op, data: *const u8, data_len: u32) -> c_int {
    call(|| {
        let op = unsafe { arg_mut(op) }?;
        let data = unsafe { arg_bytes(data, data_len as usize) }?;
        if data.is_empty() {
            return Err(Error::new(ErrorCode::NULL));
        }
        op.output = Some(data.to_vec());
        OK
    })
}
