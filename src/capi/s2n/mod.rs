//! The s2n-tls C ABI (`libs2n.so.1`, `include/s2n.h`).
//!
//! Every exported function has the shape
//! ```ignore
//! #[no_mangle]
//! pub extern "C" fn s2n_x(conn: *mut s2n_connection) -> c_int {
//!     call(|| { let conn = unsafe { arg_mut(conn) }?; ...; Ok(S2N_SUCCESS) })
//! }
//! ```
//! [`call`] catches panics and turns an `Err` into s2n's convention: `s2n_errno` set, the
//! failure value (-1 / NULL / false) returned.

use std::cell::Cell;
use std::os::raw::c_int;
use std::panic::Location;

use super::{guard, FailureValue};
use crate::error::{Error, ErrorCode, Result};

pub mod abi;
mod async_offload;
mod async_pkey;
mod cert;
mod cert_authorities;
mod cert_validation;
mod client_hello;
mod config;
mod connection;
mod crl;
mod early_data;
mod error;
mod events;
mod init;
mod io;
mod ktls;
mod psk;
mod quic;
mod renegotiate;
mod session;

extern "C" {
    fn ferrotls_s2n_errno_slot() -> *mut c_int;
}

thread_local! {
    /// Where the last error on this thread was raised, for `s2n_strerror_debug`/`_source`.
    static LAST_ERROR_AT: Cell<Option<&'static Location<'static>>> = const { Cell::new(None) };
}

/// Records `err` the way s2n does: in the thread-local `s2n_errno`, plus its source location.
pub(crate) fn set_error(err: Error) {
    // SAFETY: the slot is this thread's `s2n_errno`, always valid.
    unsafe { *ferrotls_s2n_errno_slot() = err.code.code() as c_int };
    LAST_ERROR_AT.with(|at| at.set(Some(err.location)));
}

pub(crate) fn errno_slot() -> *mut c_int {
    // SAFETY: returns the address of a thread-local; calling it has no preconditions.
    unsafe { ferrotls_s2n_errno_slot() }
}

pub(crate) fn last_error_location() -> Option<&'static Location<'static>> {
    LAST_ERROR_AT.with(|at| at.get())
}

/// Runs an exported function's body with s2n's error convention.
pub(crate) fn call<T: FailureValue>(body: impl FnOnce() -> Result<T>) -> T {
    match guard(body) {
        Ok(value) => value,
        Err(err) => {
            set_error(err);
            T::FAILURE
        }
    }
}

/// The body of every function we export but have not built yet: fails with
/// `S2N_ERR_FERROTLS_UNIMPLEMENTED` (a usage error) and s2n's failure value.
#[track_caller]
pub(crate) fn unimplemented<T: FailureValue>() -> T {
    set_error(Error::new(ErrorCode::FERROTLS_UNIMPLEMENTED));
    T::FAILURE
}

/// `Ok(S2N_SUCCESS)`, the result of every int-returning function that succeeds.
pub(crate) const OK: Result<c_int> = Ok(abi::S2N_SUCCESS);
