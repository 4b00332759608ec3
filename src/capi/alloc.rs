//! The C libraries' heap: every Rust allocation in libs2n/libtls goes through here, and,
//! once an s2n application has set `s2n_mem_set_callbacks` and called `s2n_init`, through
//! the application's malloc and free callbacks (s2n's semantics), so that it can account
//! for and pool our memory. Built only with the `c-allocator` feature (the Makefile's C
//! libraries), so that Rust users of the crate keep their own global allocator.
//!
//! Each block carries a 16-byte header in front of what the caller gets: where the block
//! came from (the system or the application), its base address and size, so that blocks
//! allocated before the callbacks took over (or after cleanup) are freed where they came from.

use std::alloc::{GlobalAlloc, Layout, System};
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) type MallocFn = unsafe extern "C" fn(*mut *mut c_void, u32, *mut u32) -> c_int;
pub(crate) type FreeFn = unsafe extern "C" fn(*mut c_void, u32) -> c_int;

/// The application's callbacks as addresses (0: none). Malloc is cleared at cleanup; free
/// stays, for the application's blocks still live.
static APP_MALLOC: AtomicUsize = AtomicUsize::new(0);
static APP_FREE: AtomicUsize = AtomicUsize::new(0);

const HEADER: usize = 16;
/// The low bit of the header's second word: the application's block.
const FROM_APP: usize = 1;

/// From now on, new blocks come from the application (`s2n_init` after `s2n_mem_set_callbacks`).
pub(crate) fn route_to_application(malloc: MallocFn, free: FreeFn) {
    APP_FREE.store(free as usize, Ordering::Release);
    APP_MALLOC.store(malloc as usize, Ordering::Release);
}

/// New blocks come from the system again (`s2n_cleanup_final`).
pub(crate) fn route_to_system() {
    APP_MALLOC.store(0, Ordering::Release);
}

pub(crate) struct CAllocator;

impl CAllocator {
    /// A block from the application's malloc, with room for the header and the alignment.
    unsafe fn app_alloc(malloc: usize, layout: Layout) -> *mut u8 {
        // The application's blocks are only known to be 16-byte aligned (malloc's promise).
        let slack = layout.align().saturating_sub(HEADER);
        let Some(total) = layout.size().checked_add(HEADER + slack).filter(|&t| t <= u32::MAX as usize) else {
            return std::ptr::null_mut();
        };
        // SAFETY: the address was stored from a function of this type.
        let malloc: MallocFn = std::mem::transmute::<usize, MallocFn>(malloc);
        let mut base: *mut c_void = std::ptr::null_mut();
        let mut allocated: u32 = 0;
        if malloc(&mut base, total as u32, &mut allocated) != 0 || base.is_null() {
            return std::ptr::null_mut();
        }
        let base = base.cast::<u8>();
        let user = (base as usize + HEADER).next_multiple_of(layout.align());
        let user = base.add(user - base as usize);
        write_header(user, base, total, FROM_APP);
        user
    }
}

unsafe fn write_header(user: *mut u8, base: *mut u8, total: usize, origin: usize) {
    let header = user.sub(HEADER).cast::<usize>();
    header.write(base as usize);
    header.add(1).write(total << 1 | origin);
}

unsafe impl GlobalAlloc for CAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let malloc = APP_MALLOC.load(Ordering::Acquire);
        if malloc != 0 {
            return Self::app_alloc(malloc, layout);
        }
        // The header takes a whole alignment unit in front, so the caller's block stays aligned.
        let prefix = layout.align().max(HEADER);
        let Some(total) = layout.size().checked_add(prefix) else { return std::ptr::null_mut() };
        let Ok(sys_layout) = Layout::from_size_align(total, prefix) else { return std::ptr::null_mut() };
        let base = System.alloc(sys_layout);
        if base.is_null() {
            return base;
        }
        let user = base.add(prefix);
        write_header(user, base, total, 0);
        user
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let header = ptr.sub(HEADER).cast::<usize>();
        let base = header.read() as *mut u8;
        let word = header.add(1).read();
        let total = word >> 1;
        if word & FROM_APP != 0 {
            let free = APP_FREE.load(Ordering::Acquire);
            if free != 0 {
                // SAFETY: the address was stored from a function of this type.
                let free: FreeFn = std::mem::transmute::<usize, FreeFn>(free);
                free(base.cast(), total as u32);
            }
        } else {
            let prefix = layout.align().max(HEADER);
            System.dealloc(base, Layout::from_size_align_unchecked(total, prefix));
        }
    }
}
