//! The C ABIs. This is the only place in the crate with `unsafe` code: every exported
//! function checks its pointers here, runs the safe core inside [`guard`], and reports
//! failure through its ABI's own error channel (`s2n_errno` or the libtls context).
#![allow(non_camel_case_types, clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::CStr;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{Error, ErrorCode, Result};

#[cfg(feature = "c-allocator")]
pub(crate) mod alloc;
pub mod s2n;
pub mod tls;

#[cfg(feature = "c-allocator")]
#[global_allocator]
static C_ALLOCATOR: alloc::CAllocator = alloc::CAllocator;

/// Runs one exported function's body. A panic is caught here, never unwinds into C, and
/// becomes an internal error.
pub(crate) fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(Error::new(ErrorCode::SAFETY)))
}

/// Registers, once per process, the fork handler that lets the core keep a per-thread pool
/// of public random bytes (`crypto::public_random`): in a forked child it marks every pool
/// stale, so parent and child never hand out the same hello random. Called from the
/// libraries' entry points (`s2n_init`, `tls_init`, `tls_config_new`). If registration
/// fails the pool stays off and every random value is drawn from aws-lc directly.
pub(crate) fn watch_forks() {
    static WATCHED: std::sync::Once = std::sync::Once::new();
    extern "C" fn in_child() {
        crate::crypto::note_fork();
    }
    WATCHED.call_once(|| {
        // SAFETY: registers a plain function that only increments an atomic. glibc's
        // pthread_atfork records this library's DSO handle, so the handler is unregistered
        // if the library is unloaded.
        if unsafe { libc::pthread_atfork(None, None, Some(in_child)) } == 0 {
            crate::crypto::enable_public_random_pool();
        }
    });
}

/// The value an exported function returns when it fails: -1, NULL, false, ...
pub(crate) trait FailureValue {
    const FAILURE: Self;
}

macro_rules! failure_value {
    ($($ty:ty => $v:expr),* $(,)?) => { $(impl FailureValue for $ty { const FAILURE: Self = $v; })* };
}
failure_value!(i32 => -1, isize => -1, i64 => -1, u8 => 0, u16 => 0, u32 => 0, u64 => 0, usize => 0,
    bool => false, () => ());

impl<T> FailureValue for *mut T {
    const FAILURE: Self = std::ptr::null_mut();
}
impl<T> FailureValue for *const T {
    const FAILURE: Self = std::ptr::null();
}

/// Borrows the object behind a C pointer argument.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` that nothing else mutates for `'a`.
#[track_caller]
pub(crate) unsafe fn arg_ref<'a, T>(ptr: *const T) -> Result<&'a T> {
    ptr.as_ref().ok_or_else(|| Error::new(ErrorCode::NULL))
}

/// Mutably borrows the object behind a C pointer argument.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` that nothing else accesses for `'a`.
#[track_caller]
pub(crate) unsafe fn arg_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T> {
    ptr.as_mut().ok_or_else(|| Error::new(ErrorCode::NULL))
}

/// [`arg_mut`] for the functions where s2n reports a NULL argument as
/// `S2N_ERR_INVALID_ARGUMENT` rather than `S2N_ERR_NULL`.
///
/// # Safety
/// As [`arg_mut`].
#[track_caller]
pub(crate) unsafe fn arg_mut_or_invalid<'a, T>(ptr: *mut T) -> Result<&'a mut T> {
    arg_mut(ptr).map_err(|_| Error::new(ErrorCode::INVALID_ARGUMENT))
}

/// Reads a NUL-terminated C string argument.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string live for `'a`.
#[track_caller]
pub(crate) unsafe fn arg_cstr<'a>(ptr: *const c_char) -> Result<&'a CStr> {
    if ptr.is_null() {
        return Err(Error::new(ErrorCode::NULL));
    }
    Ok(CStr::from_ptr(ptr))
}

/// Borrows a (pointer, length) buffer argument. An empty buffer may be NULL.
///
/// # Safety
/// `ptr` is NULL or points to `len` readable bytes live for `'a`.
#[track_caller]
pub(crate) unsafe fn arg_bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    match (ptr.is_null(), len) {
        (true, 0) => Ok(&[]),
        (true, _) => Err(Error::new(ErrorCode::NULL)),
        (false, _) => Ok(std::slice::from_raw_parts(ptr, len)),
    }
}

/// Writes through an out-pointer argument.
///
/// # Safety
/// `ptr` is NULL or valid for a write of `T`.
#[track_caller]
pub(crate) unsafe fn write_out<T>(ptr: *mut T, value: T) -> Result<()> {
    if ptr.is_null() {
        return Err(Error::new(ErrorCode::NULL));
    }
    ptr.write(value);
    Ok(())
}

/// Moves a Rust object to the C side.
pub(crate) fn into_c<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes back ownership of an object handed out by [`into_c`].
///
/// # Safety
/// `ptr` came from `into_c::<T>` and has not been freed.
pub(crate) unsafe fn from_c<T>(ptr: *mut T) -> Box<T> {
    Box::from_raw(ptr)
}

/// Frees the object `*holder` points at (if any) and clears the application's pointer: the
/// `s2n_x_free(struct s2n_x **)` pattern. A NULL `holder` is accepted, as s2n does.
///
/// # Safety
/// `holder` is NULL or points at a pointer that is NULL or came from `into_c::<T>`.
pub(crate) unsafe fn free_through<T>(holder: *mut *mut T) {
    if let Some(slot) = holder.as_mut() {
        if !slot.is_null() {
            drop(from_c(*slot));
            *slot = std::ptr::null_mut();
        }
    }
}
