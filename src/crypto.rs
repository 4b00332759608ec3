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

/// Two random arrays from one draw: each call into aws-lc's DRBG has a fixed cost (a
/// hardware-entropy read among it) that dwarfs the bytes, and handshakes take their random
/// values in pairs.
pub fn random_arrays<const A: usize, const B: usize>() -> crate::error::Result<([u8; A], [u8; B])> {
    const { assert!(A + B <= 128) };
    let mut drawn = [0u8; 128];
    fill_random(&mut drawn[..A + B])?;
    let (mut a, mut b) = ([0u8; A], [0u8; B]);
    a.copy_from_slice(&drawn[..A]);
    b.copy_from_slice(&drawn[A..A + B]);
    Ok((a, b))
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
