//! Library lifecycle: `s2n_init`, `s2n_cleanup*`, and the process-wide settings that s2n
//! only accepts before init.

use std::os::raw::{c_int, c_ulong};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::abi::*;
use super::{call, OK};
use crate::capi::write_out;
use crate::error::{Error, ErrorCode, Result};

static INITIALIZED: AtomicBool = AtomicBool::new(false);
static ATEXIT_CLEANUP: AtomicBool = AtomicBool::new(false);
static CRYPTO_INIT_DISABLED: AtomicBool = AtomicBool::new(false);

/// The application's allocator, recorded by `s2n_mem_set_callbacks`; `s2n_init` hands it to
/// the C libraries' global allocator (`capi::alloc`), `s2n_cleanup_final` takes it back.
#[cfg_attr(not(feature = "c-allocator"), allow(dead_code))]
pub(crate) struct MemCallbacks {
    pub init: unsafe extern "C" fn() -> c_int,
    pub cleanup: unsafe extern "C" fn() -> c_int,
    pub malloc: unsafe extern "C" fn(*mut *mut std::os::raw::c_void, u32, *mut u32) -> c_int,
    pub free: unsafe extern "C" fn(*mut std::os::raw::c_void, u32) -> c_int,
}

pub(crate) static MEM_CALLBACKS: Mutex<Option<MemCallbacks>> = Mutex::new(None);

/// Fails with `S2N_ERR_NOT_INITIALIZED` before `s2n_init`, as s2n's constructors do.
#[track_caller]
pub(crate) fn ensure_initialized() -> Result<()> {
    if INITIALIZED.load(Ordering::Acquire) {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::NOT_INITIALIZED))
    }
}

#[track_caller]
fn ensure_not_initialized() -> Result<()> {
    if INITIALIZED.load(Ordering::Acquire) {
        Err(Error::new(ErrorCode::INITIALIZED))
    } else {
        Ok(())
    }
}

extern "C" fn cleanup_at_exit() {
    INITIALIZED.store(false, Ordering::Release);
}

#[no_mangle]
pub extern "C" fn s2n_init() -> c_int {
    call(|| {
        // s2n documents that init runs once; a second call is a usage error.
        if INITIALIZED.swap(true, Ordering::AcqRel) {
            return Err(Error::new(ErrorCode::INITIALIZED));
        }
        if std::env::var_os("S2N_PRINT_STACKTRACE").is_some() {
            super::error::set_stack_traces_enabled(true);
        }
        // The application's heap, if it gave us one: from here on our blocks come from it.
        if let Some(callbacks) = MEM_CALLBACKS.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            // SAFETY: the application registered this callback.
            if unsafe { (callbacks.init)() } != 0 {
                INITIALIZED.store(false, Ordering::Release);
                return Err(Error::new(ErrorCode::CANCELLED));
            }
            #[cfg(feature = "c-allocator")]
            crate::capi::alloc::route_to_application(callbacks.malloc, callbacks.free);
        }
        crate::capi::watch_forks();
        if ATEXIT_CLEANUP.load(Ordering::Acquire) {
            // SAFETY: registering a plain function with no captured state.
            if unsafe { libc::atexit(cleanup_at_exit) } != 0 {
                INITIALIZED.store(false, Ordering::Release);
                return Err(Error::new(ErrorCode::ATEXIT));
            }
        }
        OK
    })
}

/// Per-thread cleanup. We keep no per-thread crypto state, so there is nothing to release;
/// s2n itself made this a no-op for the same reason.
#[no_mangle]
pub extern "C" fn s2n_cleanup() -> c_int {
    call(|| OK)
}

#[no_mangle]
pub extern "C" fn s2n_cleanup_thread() -> c_int {
    call(|| OK)
}

/// Undoes `s2n_init`, after which `s2n_init` may be called again.
#[no_mangle]
pub extern "C" fn s2n_cleanup_final() -> c_int {
    call(|| {
        if !INITIALIZED.swap(false, Ordering::AcqRel) {
            return Err(Error::new(ErrorCode::NOT_INITIALIZED));
        }
        // New blocks come from the system again; the application's live ones still go back
        // to its free callback.
        #[cfg(feature = "c-allocator")]
        crate::capi::alloc::route_to_system();
        if let Some(callbacks) = MEM_CALLBACKS.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            // SAFETY: the application registered this callback.
            unsafe { (callbacks.cleanup)() };
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_disable_atexit() -> c_int {
    call(|| {
        ensure_not_initialized()?;
        ATEXIT_CLEANUP.store(false, Ordering::Release);
        OK
    })
}

/// aws-lc initialises itself on first use, so there is nothing to skip; the call keeps
/// s2n's rule that it must come before `s2n_init`.
#[no_mangle]
pub extern "C" fn s2n_crypto_disable_init() -> c_int {
    call(|| {
        ensure_not_initialized()?;
        CRYPTO_INIT_DISABLED.store(true, Ordering::Release);
        OK
    })
}

/// The OpenSSL-compatible version number of the libcrypto we use. aws-lc presents itself
/// as OpenSSL 1.1.1 (`OPENSSL_VERSION_NUMBER` 0x1010107f), which is what s2n reports on it.
#[no_mangle]
pub extern "C" fn s2n_get_openssl_version() -> c_ulong {
    0x1010_107f
}

#[no_mangle]
pub extern "C" fn s2n_get_fips_mode(fips_mode: *mut s2n_fips_mode) -> c_int {
    call(|| {
        // s2n writes the answer before checking init, so callers always get a value.
        unsafe { write_out(fips_mode, s2n_fips_mode::S2N_FIPS_MODE_DISABLED) }?;
        ensure_initialized()?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_mem_set_callbacks(
    mem_init_callback: s2n_mem_init_callback,
    mem_cleanup_callback: s2n_mem_cleanup_callback,
    mem_malloc_callback: s2n_mem_malloc_callback,
    mem_free_callback: s2n_mem_free_callback,
) -> c_int {
    call(|| {
        ensure_not_initialized()?;
        let null = || Error::new(ErrorCode::NULL);
        let callbacks = MemCallbacks {
            init: mem_init_callback.ok_or_else(null)?,
            cleanup: mem_cleanup_callback.ok_or_else(null)?,
            malloc: mem_malloc_callback.ok_or_else(null)?,
            free: mem_free_callback.ok_or_else(null)?,
        };
        *MEM_CALLBACKS.lock().unwrap_or_else(|p| p.into_inner()) = Some(callbacks);
        OK
    })
}

/// Randomness always comes from aws-lc. s2n-tls also stopped honouring these callbacks
/// and kept the function for compatibility; so do we.
#[no_mangle]
pub extern "C" fn s2n_rand_set_callbacks(
    rand_init_callback: s2n_rand_init_callback,
    rand_cleanup_callback: s2n_rand_cleanup_callback,
    rand_seed_callback: s2n_rand_seed_callback,
    rand_mix_callback: s2n_rand_mix_callback,
) -> c_int {
    let _ = (rand_init_callback, rand_cleanup_callback, rand_seed_callback, rand_mix_callback);
    call(|| OK)
}
