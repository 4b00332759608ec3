//! Error reporting: `s2n_errno`, `s2n_strerror*`, error types, alerts and stack traces.

use std::cell::RefCell;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;

use super::abi::*;
use super::{call, errno_slot, last_error_location, OK};
use crate::capi::{arg_cstr, write_out};
use crate::error::{Error, ErrorCode, ErrorKind, KIND_SHIFT};

const NOT_ENGLISH: &CStr = c"error descriptions are only available in English (\"EN\")";
const UNKNOWN_ERROR: &CStr = c"unknown s2n error code";
const NO_DEBUG_INFO: &CStr = c"";

/// NUL-terminated names and messages, built once, in `ErrorCode::ALL` order.
static C_STRINGS: LazyLock<Vec<(CString, CString)>> = LazyLock::new(|| {
    ErrorCode::ALL
        .iter()
        .map(|c| (CString::new(c.name()).unwrap_or_default(), CString::new(c.message()).unwrap_or_default()))
        .collect()
});

fn strings_of(error: c_int) -> Option<&'static (CString, CString)> {
    let code = ErrorCode::from_code(error as u32)?;
    let index = ErrorCode::ALL.iter().position(|c| *c == code)?;
    C_STRINGS.get(index)
}

/// `lang` must be NULL or "EN" (any case), as in s2n.
fn is_english(lang: *const c_char) -> bool {
    if lang.is_null() {
        return true;
    }
    // SAFETY: a non-NULL `lang` is a C string by the API contract.
    unsafe { arg_cstr(lang) }.is_ok_and(|l| l.to_bytes().eq_ignore_ascii_case(b"EN"))
}

thread_local! {
    /// Backing store for the strings `s2n_strerror_debug`/`_source` return; each stays valid
    /// until the next call of the same function on this thread.
    static DEBUG_TEXT: RefCell<CString> = RefCell::new(CString::default());
    static SOURCE_TEXT: RefCell<CString> = RefCell::new(CString::default());
}

fn describe_last_error(store: &'static std::thread::LocalKey<RefCell<CString>>, prefix: &str) -> *const c_char {
    let Some(at) = last_error_location() else { return NO_DEBUG_INFO.as_ptr() };
    let text = CString::new(format!("{prefix}{}:{}", at.file(), at.line())).unwrap_or_default();
    store.with(|cell| {
        *cell.borrow_mut() = text;
        cell.borrow().as_ptr()
    })
}

#[no_mangle]
pub extern "C" fn s2n_errno_location() -> *mut c_int {
    errno_slot()
}

#[no_mangle]
pub extern "C" fn s2n_error_get_type(error: c_int) -> c_int {
    ((error as u32) >> KIND_SHIFT) as c_int
}

#[no_mangle]
pub extern "C" fn s2n_strerror(error: c_int, lang: *const c_char) -> *const c_char {
    if !is_english(lang) {
        return NOT_ENGLISH.as_ptr();
    }
    strings_of(error).map_or(UNKNOWN_ERROR.as_ptr(), |(_, message)| message.as_ptr())
}

#[no_mangle]
pub extern "C" fn s2n_strerror_name(error: c_int) -> *const c_char {
    strings_of(error).map_or(UNKNOWN_ERROR.as_ptr(), |(name, _)| name.as_ptr())
}

/// Where the last error on this thread was raised ("Error encountered in FILE:LINE"). Like
/// s2n, this describes the thread's last error whatever `error` says, except for 0.
#[no_mangle]
pub extern "C" fn s2n_strerror_debug(error: c_int, lang: *const c_char) -> *const c_char {
    if !is_english(lang) {
        return NOT_ENGLISH.as_ptr();
    }
    if error == 0 {
        return s2n_strerror(0, lang);
    }
    describe_last_error(&DEBUG_TEXT, "Error encountered in ")
}

#[no_mangle]
pub extern "C" fn s2n_strerror_source(error: c_int) -> *const c_char {
    if error == 0 {
        return s2n_strerror(0, std::ptr::null());
    }
    describe_last_error(&SOURCE_TEXT, "")
}

/// The alert a peer would be sent for `error`: protocol errors map to their TLS alert,
/// I/O and internal errors to internal_error(80); the other kinds have no alert.
#[no_mangle]
pub extern "C" fn s2n_error_get_alert(error: c_int, alert: *mut u8) -> c_int {
    call(|| {
        let kind = s2n_error_get_type(error);
        let value = match kind {
            k if k == ErrorKind::Io as c_int || k == ErrorKind::Internal as c_int => Some(80),
            k if k == ErrorKind::Proto as c_int => ErrorCode::from_code(error as u32).and_then(ErrorCode::alert),
            k if k > ErrorKind::Usage as c_int => Some(80),
            _ => None,
        };
        let value = value.ok_or_else(|| Error::new(ErrorCode::NO_ALERT))?;
        unsafe { write_out(alert, value) }?;
        OK
    })
}

// Stack traces. We behave like an s2n build without execinfo support: enabling is
// remembered, computing or fetching a trace is unimplemented, printing is a no-op.

static STACK_TRACES_ENABLED: AtomicBool = AtomicBool::new(false);

pub(crate) fn set_stack_traces_enabled(enabled: bool) {
    STACK_TRACES_ENABLED.store(enabled, Ordering::Release);
}

#[no_mangle]
pub extern "C" fn s2n_stack_traces_enabled() -> bool {
    STACK_TRACES_ENABLED.load(Ordering::Acquire)
}

#[no_mangle]
pub extern "C" fn s2n_stack_traces_enabled_set(newval: bool) -> c_int {
    set_stack_traces_enabled(newval);
    0
}

#[no_mangle]
pub extern "C" fn s2n_calculate_stacktrace() -> c_int {
    call(|| match s2n_stack_traces_enabled() {
        false => OK,
        true => Err(Error::new(ErrorCode::UNIMPLEMENTED)),
    })
}

/// Succeeds without touching `s2n_errno`, as callers expect of a print helper.
#[no_mangle]
pub extern "C" fn s2n_print_stacktrace(fptr: *mut libc::FILE) -> c_int {
    let _ = fptr;
    0
}

#[no_mangle]
pub extern "C" fn s2n_free_stacktrace() -> c_int {
    call(|| Err::<c_int, _>(Error::new(ErrorCode::UNIMPLEMENTED)))
}

#[no_mangle]
pub extern "C" fn s2n_get_stacktrace(trace: *mut s2n_stacktrace) -> c_int {
    let _ = trace;
    call(|| Err::<c_int, _>(Error::new(ErrorCode::UNIMPLEMENTED)))
}
