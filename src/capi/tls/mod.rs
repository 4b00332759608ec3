//! The libtls C ABI (`libtls.so.26`, `include/tls.h`).
//!
//! Every exported function has the shape
//! ```ignore
//! #[no_mangle]
//! pub extern "C" fn tls_x(config: *mut tls_config) -> c_int {
//!     call(config, |config| { ...; Ok(0) })
//! }
//! ```
//! libtls has no global error state: a failing function returns -1 (or NULL) and leaves a
//! message on the object it was given, which `tls_error`/`tls_config_error` hand back. So
//! [`call`] takes that object's pointer first: it checks it, runs the body inside
//! [`guard`], and on `Err` records the message on the object. Functions that take no object
//! go through [`call_static`], where an error has nowhere to go but the return value.

use std::ffi::{CStr, CString};
use std::io;
use std::os::raw::{c_char, c_int};
use std::sync::{Mutex, MutexGuard};

use super::{arg_ref, guard, FailureValue};
use abi::{TLS_ERROR_INVALID_ARGUMENT, TLS_ERROR_UNKNOWN};

pub mod abi;
mod config;
mod connection;
mod context;
mod engine;
mod files;
mod protocols;

/// A failure as libtls reports it: a message and one of the `TLS_ERROR_*` codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TlsError {
    pub code: c_int,
    pub message: String,
}

pub(crate) type TlsResult<T> = Result<T, TlsError>;

impl TlsError {
    /// An error libtls classifies as `TLS_ERROR_UNKNOWN` (most of them).
    pub fn new(message: impl Into<String>) -> TlsError {
        TlsError { code: TLS_ERROR_UNKNOWN, message: message.into() }
    }

    /// A bad argument value (`TLS_ERROR_INVALID_ARGUMENT`).
    pub fn invalid(message: impl Into<String>) -> TlsError {
        TlsError { code: TLS_ERROR_INVALID_ARGUMENT, message: message.into() }
    }

    /// A failed system call: libtls appends the OS's own text, as `err(3)` would.
    pub fn os(message: impl std::fmt::Display, err: &io::Error) -> TlsError {
        TlsError::new(format!("{message}: {}", os_error_text(err)))
    }
}

/// The C library's `strerror` text for `err` ("No such file or directory"), which is what
/// libtls programs show their users; Rust's `Display` adds " (os error N)".
fn os_error_text(err: &io::Error) -> String {
    let Some(errno) = err.raw_os_error() else { return err.to_string() };
    let mut buf = [0 as c_char; 256];
    // SAFETY: `buf` is writable for its length; the XSI strerror_r NUL-terminates on success.
    let rc = unsafe { libc::strerror_r(errno, buf.as_mut_ptr(), buf.len()) };
    if rc != 0 {
        return format!("error {errno}");
    }
    // SAFETY: strerror_r succeeded, so `buf` holds a NUL-terminated string.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy().into_owned()
}

/// The last error of a `struct tls` or `struct tls_config`.
///
/// `tls_error` returns a pointer into this slot, which libtls documents as valid until the
/// next error on the same object, so a message is only ever dropped when it is replaced.
#[derive(Default)]
pub(crate) struct ErrorSlot(Mutex<Option<(CString, c_int)>>);

impl ErrorSlot {
    pub fn set(&self, err: TlsError) {
        // A message never contains NUL in practice; if one did, C would see it cut there.
        let text = err.message.split('\0').next().unwrap_or_default();
        let text = CString::new(text).unwrap_or_default();
        *lock(&self.0) = Some((text, err.code));
    }

    pub fn clear(&self) {
        *lock(&self.0) = None;
    }

    /// The message for C, or NULL when nothing has failed.
    pub fn message(&self) -> *const c_char {
        lock(&self.0).as_ref().map_or(std::ptr::null(), |(text, _)| text.as_ptr())
    }

    /// The `TLS_ERROR_*` code; `TLS_ERROR_UNKNOWN` (0) also when nothing has failed, as in
    /// LibreSSL.
    pub fn code(&self) -> c_int {
        lock(&self.0).as_ref().map_or(TLS_ERROR_UNKNOWN, |&(_, code)| code)
    }
}

/// Locks a mutex even if a caught panic poisoned it: every state we guard stays consistent
/// at each step, and refusing all later calls on the object would help nobody.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An object C holds that failing calls leave their message on.
pub(crate) trait Handle {
    fn errors(&self) -> Option<&ErrorSlot>;
}

/// The "object" of functions that take none (`tls_init`, `tls_load_file`, ...).
pub(crate) struct NoHandle;

impl Handle for NoHandle {
    fn errors(&self) -> Option<&ErrorSlot> {
        None
    }
}

/// Runs an exported function's body with libtls's error convention: a NULL `handle` fails
/// at once (there is nowhere to put a message), a panic becomes an internal error, and an
/// `Err` is recorded on the handle before the failure value (-1 / NULL) is returned.
pub(crate) fn call<H: Handle, T: FailureValue>(handle: *const H, body: impl FnOnce(&H) -> TlsResult<T>) -> T {
    // SAFETY: C passes NULL or a handle this library gave out and has not freed; libtls
    // programs must not share one object between threads without their own locking, and
    // everything we mutate through `&H` sits behind a mutex anyway.
    let Ok(handle) = (unsafe { arg_ref(handle) }) else { return T::FAILURE };
    let outcome = guard(|| Ok(body(handle)))
        .unwrap_or_else(|_| Err(TlsError::new("internal error in ferrotls (a panic was caught)")));
    match outcome {
        Ok(value) => value,
        Err(err) => {
            if let Some(slot) = handle.errors() {
                slot.set(err);
            }
            T::FAILURE
        }
    }
}

/// [`call`] for functions that take no object.
pub(crate) fn call_static<T: FailureValue>(body: impl FnOnce() -> TlsResult<T>) -> T {
    call(&NoHandle, |_| body())
}

/// Reads a C string argument as UTF-8 text; libtls's string arguments are keywords, names
/// and paths, which C programs pass as ASCII.
pub(crate) fn arg_str<'a>(what: &str, ptr: *const c_char) -> TlsResult<&'a str> {
    // SAFETY: C passes NULL or a NUL-terminated string that outlives the call.
    let s = unsafe { super::arg_cstr(ptr) }.map_err(|_| TlsError::invalid(format!("{what} is NULL")))?;
    s.to_str().map_err(|_| TlsError::invalid(format!("{what} is not valid UTF-8")))
}

/// Like [`arg_str`], but NULL is allowed and means "the default".
pub(crate) fn arg_opt_str<'a>(what: &str, ptr: *const c_char) -> TlsResult<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        arg_str(what, ptr).map(Some)
    }
}

/// Borrows a (pointer, length) buffer argument; an empty buffer may be NULL.
pub(crate) fn arg_buf<'a>(what: &str, ptr: *const u8, len: usize) -> TlsResult<&'a [u8]> {
    // SAFETY: C passes NULL or `len` readable bytes that outlive the call.
    unsafe { super::arg_bytes(ptr, len) }.map_err(|_| TlsError::invalid(format!("{what} is NULL")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_read_like_strerror() {
        let err = io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(
            TlsError::os("failed to open CA file 'x'", &err).message,
            "failed to open CA file 'x': No such file or directory"
        );
    }

    #[test]
    fn error_slot_keeps_the_last_message_and_code() {
        let slot = ErrorSlot::default();
        assert!(slot.message().is_null());
        assert_eq!(slot.code(), TLS_ERROR_UNKNOWN);
        slot.set(TlsError::invalid("bad"));
        // SAFETY: a non-NULL message is a NUL-terminated string owned by the slot.
        assert_eq!(unsafe { CStr::from_ptr(slot.message()) }.to_str().unwrap(), "bad");
        assert_eq!(slot.code(), TLS_ERROR_INVALID_ARGUMENT);
        slot.clear();
        assert!(slot.message().is_null());
    }

    #[test]
    fn a_null_object_fails() {
        struct H;
        impl Handle for H {
            fn errors(&self) -> Option<&ErrorSlot> {
                None
            }
        }
        let rc: c_int = call(std::ptr::null::<H>(), |_| Ok(0));
        assert_eq!(rc, -1);
    }
}
