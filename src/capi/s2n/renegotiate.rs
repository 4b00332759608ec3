//! TLS 1.2 renegotiation, client side (unstable/renegotiate.h): after the application
//! accepts a server's HelloRequest (`s2n_config_set_renegotiate_request_cb`), it wipes the
//! connection for renegotiation and runs the new handshake with `s2n_renegotiate`, which
//! hands out application data the server still sends meanwhile.

use std::os::raw::c_int;

use super::abi::*;
use super::io::{io_call, negotiate, recv};
use super::{call, OK};
use crate::capi::{arg_mut, write_out};
use crate::error::{Error, ErrorCode, Result};

/// Resets the connection for a new handshake, keeping what handles records (see
/// `Connection::renegotiate_wipe`) and, as s2n, the config and I/O; every other setting
/// the application made on the connection must be made again.
#[no_mangle]
pub extern "C" fn s2n_renegotiate_wipe(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let c = unsafe { arg_mut(conn) }?;
        // s2n-tls servers never renegotiate; nor does a connection that may be serialized.
        if c.mode != s2n_mode::S2N_CLIENT || c.config().serializable {
            return Err(Error::new(ErrorCode::NO_RENEGOTIATION));
        }
        if c.send_consumed > 0 {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        c.core.renegotiate_wipe()?;
        let side = c.core.side();
        let core = std::mem::replace(&mut c.core, crate::conn::Connection::new(side));
        let mut fresh = s2n_connection::new(c.mode);
        fresh.core = core;
        fresh.config = c.config;
        (fresh.read, fresh.write, fresh.recv_ctx, fresh.send_ctx) = (c.read, c.write, c.recv_ctx, c.send_ctx);
        (fresh.wire_bytes_in, fresh.wire_bytes_out) = (c.wire_bytes_in, c.wire_bytes_out);
        fresh.rare_mut().renegotiation = true;
        *c = fresh;
        OK
    })
}

/// Runs the renegotiation handshake, as `s2n_negotiate` runs a first one. Application data
/// that arrives first is copied to `app_data_buf` (its size in `app_data_size`), and the
/// call fails blocked on S2N_BLOCKED_ON_APPLICATION_DATA so that the application handles
/// it before calling again.
#[no_mangle]
pub extern "C" fn s2n_renegotiate(
    conn: *mut s2n_connection,
    app_data_buf: *mut u8,
    app_data_buf_size: libc::ssize_t,
    app_data_size: *mut libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> c_int {
    call(|| {
        if app_data_buf_size < 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        unsafe { write_out(app_data_size, 0) }?;
        let out = match app_data_buf_size {
            0 => &mut [][..],
            // SAFETY: the caller passes `app_data_buf_size` writable bytes.
            n => unsafe { std::slice::from_raw_parts_mut(arg_mut(app_data_buf)?, n as usize) },
        };
        io_call(conn, blocked, |conn, blocked| {
            // SAFETY: checked non-NULL by io_call.
            let c = unsafe { &*conn };
            if c.mode != s2n_mode::S2N_CLIENT {
                return Err(Error::new(ErrorCode::NO_RENEGOTIATION));
            }
            if !c.rare.as_ref().is_some_and(|r| r.renegotiation) {
                return Err(Error::new(ErrorCode::INVALID_STATE));
            }
            let result = match c.core.plaintext().is_empty() {
                true => negotiate(conn, blocked),
                false => Err(Error::new(ErrorCode::APP_DATA_BLOCKED)),
            };
            match result {
                Err(err) if err.code == ErrorCode::APP_DATA_BLOCKED => {
                    let n = hand_out(conn, blocked, out)?;
                    unsafe { write_out(app_data_size, n) }?;
                    *blocked = S2N_BLOCKED_ON_APPLICATION_DATA;
                    Err(err)
                }
                other => other,
            }
        })
    })
}

/// Copies the application data waiting in the engine to `out`.
fn hand_out(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status, out: &mut [u8]) -> Result<libc::ssize_t> {
    Ok(recv(conn, blocked, out)? as libc::ssize_t)
}
