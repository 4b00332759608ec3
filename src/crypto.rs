//! Thin, allocation-free wrappers over aws-lc-rs for what the protocol needs from hashes:
//! the transcript hash, HMAC and HKDF, chosen by the cipher suite's hash.

use std::sync::LazyLock;

use aws_lc_rs::{digest, hkdf, hmac};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The hash of a cipher suite (TLS 1.3) or PRF (TLS 1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashAlgorithm {
    Sha256,
    Sha384,
}

/// Fills `out` from the system's secure random generator: the one place the protocol draws
/// randomness (hello randoms, session IDs, ticket nonces, ticket age offsets, key choice).
pub fn fill_random(out: &mut [u8]) -> crate::error::Result<()> {
    use aws_lc_rs::rand::{SecureRandom, SystemRandom};
    SystemRandom::new().fill(out).map_err(|_| crate::error::Error::new(crate::error::ErrorCode::RANDOM_UNINITIALIZED))
}

/// `N` random bytes (see [`fill_random`]).
pub fn random_array<const N: usize>() -> crate::error::Result<[u8; N]> {
    let mut out = [0u8; N];
    fill_random(&mut out)?;
    Ok(out)
}

/// `N` bytes for a value the peer sees anyway (hello randoms, session IDs, a ticket's
/// public nonce and key-derivation info), from a per-thread pool of aws-lc output.
///
/// Why a pool: every call into aws-lc's DRBG has a fixed cost (a CPU entropy read and a
/// CTR-DRBG reseed check, about 0.4 µs here) that dwarfs 32 bytes; a resumed TLS 1.2
/// handshake pair, which does no public-key work, spent 6% of its time there. Refilling
/// [`PUBLIC_POOL_LEN`] bytes at a time makes that cost vanish. s2n-tls keeps a separate
/// "public" generator for the same reason.
///
/// Why only public values: bytes wait in the pool, in ordinary memory, until used; keys and
/// anything meant to stay secret (ticket keys, ticket age offsets) draw from aws-lc
/// directly through [`fill_random`].
///
/// Fork safety: a child must never hand out bytes its parent also will. The pool is used only
/// once the C layers have registered a fork handler that calls [`note_fork`] in the child
/// (see `capi::watch_forks`); a pool filled before the last fork is refilled. Without that
/// handler (the core alone, as in Rust tests) every call draws from aws-lc.
pub fn public_random<const N: usize>() -> crate::error::Result<[u8; N]> {
    const { assert!(N <= PUBLIC_POOL_LEN) };
    if !public_pool::ENABLED.load(std::sync::atomic::Ordering::Acquire) {
        return random_array();
    }
    let generation = public_pool::FORK_GENERATION.load(std::sync::atomic::Ordering::Acquire);
    public_pool::POOL
        .try_with(|pool| {
            let mut pool = pool.borrow_mut();
            if pool.generation != generation || PUBLIC_POOL_LEN - pool.used < N {
                fill_random(&mut pool.bytes)?;
                pool.used = 0;
                pool.generation = generation;
            }
            let mut out = [0u8; N];
            let start = pool.used;
            out.copy_from_slice(&pool.bytes[start..start + N]);
            pool.used += N;
            Ok(out)
        })
        // A thread's pool is gone only while the thread exits: draw directly.
        .unwrap_or_else(|_| random_array())
}

/// Bytes drawn from aws-lc per refill of a thread's public-random pool: sixteen hello
/// randoms' worth, so the per-call cost is spread thin while a thread's pool stays small.
pub const PUBLIC_POOL_LEN: usize = 512;

/// Called in a forked child (from the C layers' `pthread_atfork` handler): every thread's
/// pool now holds bytes the parent may also use, so each refills before its next draw. Only
/// an atomic increment, as a handler running between fork and exec may do.
pub fn note_fork() {
    public_pool::FORK_GENERATION.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
}

/// Turns the public-random pool on; the C layers call it once their fork handler is
/// registered (see [`public_random`]).
pub fn enable_public_random_pool() {
    public_pool::ENABLED.store(true, std::sync::atomic::Ordering::Release);
}

mod public_pool {
    use std::cell::RefCell;
    use std::sync::atomic::{AtomicBool, AtomicU32};

    pub(super) struct Pool {
        pub bytes: [u8; super::PUBLIC_POOL_LEN],
        /// How many leading bytes have been handed out.
        pub used: usize,
        /// The fork generation the bytes were drawn in.
        pub generation: u32,
    }

    pub(super) static ENABLED: AtomicBool = AtomicBool::new(false);
    pub(super) static FORK_GENERATION: AtomicU32 = AtomicU32::new(0);

    thread_local! {
        // Starts empty, so the first draw fills it. No destructor: nothing secret is kept.
        pub(super) static POOL: RefCell<Pool> = const {
            RefCell::new(Pool { bytes: [0; super::PUBLIC_POOL_LEN], used: super::PUBLIC_POOL_LEN, generation: 0 })
        };
    }
}

/// The largest hash output we use (SHA-384).
pub const MAX_HASH_LEN: usize = 48;

impl HashAlgorithm {
    pub fn output_len(self) -> usize {
        match self {
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha384 => 48,
        }
    }

    pub fn digest_algorithm(self) -> &'static digest::Algorithm {
        match self {
            HashAlgorithm::Sha256 => &digest::SHA256,
            HashAlgorithm::Sha384 => &digest::SHA384,
        }
    }

    fn hmac_algorithm(self) -> hmac::Algorithm {
        match self {
            HashAlgorithm::Sha256 => hmac::HMAC_SHA256,
            HashAlgorithm::Sha384 => hmac::HMAC_SHA384,
        }
    }

    fn hkdf_algorithm(self) -> hkdf::Algorithm {
        match self {
            HashAlgorithm::Sha256 => hkdf::HKDF_SHA256,
            HashAlgorithm::Sha384 => hkdf::HKDF_SHA384,
        }
    }

    pub fn hash(self, data: &[u8]) -> Digest {
        Digest::from(digest::digest(self.digest_algorithm(), data))
    }

    /// The hash of no bytes: the TLS 1.3 key schedule's context for "derived" and binder
    /// keys, needed several times a handshake, so computed once.
    pub fn empty_hash(self) -> Digest {
        static EMPTY: LazyLock<[Digest; 2]> =
            LazyLock::new(|| [HashAlgorithm::Sha256.hash(&[]), HashAlgorithm::Sha384.hash(&[])]);
        EMPTY[self.index()]
    }

    /// A small index per algorithm, for tables of values computed once per hash.
    pub fn index(self) -> usize {
        match self {
            HashAlgorithm::Sha256 => 0,
            HashAlgorithm::Sha384 => 1,
        }
    }

    pub fn hmac(self, key: &[u8], data: &[u8]) -> Digest {
        let tag = hmac::sign(&hmac::Key::new(self.hmac_algorithm(), key), data);
        Digest::from_slice(tag.as_ref())
    }

    /// HKDF-Extract (RFC 5869): HMAC(salt, ikm).
    pub fn hkdf_extract(self, salt: &[u8], ikm: &[u8]) -> Secret {
        let zeros = [0u8; MAX_HASH_LEN];
        // An absent salt is a string of hash-length zeros.
        let salt = if salt.is_empty() { &zeros[..self.output_len()] } else { salt };
        Secret::from_slice(self.hmac(salt, ikm).as_ref())
    }

    /// HKDF-Expand (RFC 5869) of `prk` with `info` into `out`.
    pub fn hkdf_expand(self, prk: &[u8], info: &[&[u8]], out: &mut [u8]) {
        struct Len(usize);
        impl hkdf::KeyType for Len {
            fn len(&self) -> usize {
                self.0
            }
        }
        let prk = hkdf::Prk::new_less_safe(self.hkdf_algorithm(), prk);
        // Expansion only fails for outputs over 255 hash lengths, which TLS never asks for.
        prk.expand(info, Len(out.len()))
            .and_then(|okm| okm.fill(out))
            .expect("HKDF output length within RFC 5869 limits");
    }
}

/// A hash or HMAC output, kept inline.
#[derive(Clone, Copy)]
pub struct Digest {
    bytes: [u8; MAX_HASH_LEN],
    len: u8,
}

impl Digest {
    pub fn from_slice(bytes: &[u8]) -> Digest {
        let mut d = Digest { bytes: [0; MAX_HASH_LEN], len: bytes.len() as u8 };
        d.bytes[..bytes.len()].copy_from_slice(bytes);
        d
    }
}

impl From<digest::Digest> for Digest {
    fn from(d: digest::Digest) -> Digest {
        Digest::from_slice(d.as_ref())
    }
}

impl AsRef<[u8]> for Digest {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// The largest secret we hold: a hybrid ML-KEM + x25519 shared secret (64 bytes).
pub const MAX_SECRET_LEN: usize = 64;

/// Secret keying material (a hash length, or a shared secret), wiped when dropped. The
/// bytes live in their own heap block so that moving a Secret (or a handshake state that
/// holds one) moves only a pointer: a by-value copy would leave the secret behind in the
/// memory it moved out of, where no destructor can reach it.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret {
    bytes: Box<[u8; MAX_SECRET_LEN]>,
    len: u8,
}

impl Secret {
    pub fn from_slice(bytes: &[u8]) -> Secret {
        let mut s = Secret::zeroed(bytes.len());
        s.bytes[..bytes.len()].copy_from_slice(bytes);
        s
    }

    pub fn zeroed(len: usize) -> Secret {
        Secret { bytes: Box::new([0; MAX_SECRET_LEN]), len: len as u8 }
    }

    pub fn as_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.len as usize]
    }
}

impl AsRef<[u8]> for Secret {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pool hands out fresh bytes, and after a fork notice refills instead of handing
    /// out the rest of what it held (which the parent process would also use).
    #[test]
    fn public_random_pool_refills_after_a_fork() {
        enable_public_random_pool();
        let pool_state = || public_pool::POOL.with_borrow(|p| (p.used, p.generation));
        let first: [u8; 32] = public_random().unwrap();
        let second: [u8; 32] = public_random().unwrap();
        assert_ne!(first, second);
        let (used, generation) = pool_state();
        assert!(used >= 64, "both values came from one pool fill");
        let next_in_pool: [u8; 32] =
            public_pool::POOL.with_borrow(|p| p.bytes[p.used..p.used + 32].try_into().unwrap());
        note_fork();
        let after_fork: [u8; 32] = public_random().unwrap();
        assert_ne!(after_fork, next_in_pool);
        assert_eq!(pool_state().0, 32);
        assert_ne!(pool_state().1, generation);
        // Drawing past the end refills too.
        for _ in 0..2 * PUBLIC_POOL_LEN / 32 {
            let _: [u8; 32] = public_random().unwrap();
        }
        assert!(pool_state().0 <= PUBLIC_POOL_LEN);
    }
}
