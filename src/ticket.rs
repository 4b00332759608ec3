//! Session-ticket keys and ticket encryption (the server side of stateless resumption).
//!
//! Keys follow s2n-tls's model: each has an introduction time, encrypts and decrypts for
//! `encrypt_decrypt_lifetime` from then, decrypts only for `decrypt_lifetime` after that,
//! and is dropped afterwards. When several keys may encrypt, one is picked at random with a
//! weight that rises from the key's introduction to the middle of its encrypting life and
//! falls after, so traffic moves smoothly from old keys to new ones. libtls's model is the
//! other [`Rotation`]: the newest key encrypts, a few older ones decrypt, and unless the
//! application supplies keys they are generated as the newest one ages.
//!
//! The keys sit behind a lock inside [`TicketKeys`]: a libtls config's keys change while
//! the contexts that use them handshake (added by the application, or generated), so a
//! config shares one `Arc<TicketKeys>` with everything built from it.
//!
//! A ticket is s2n-tls's: `version (1) | key name (16) | info (32) | nonce (12) |
//! AES-256-GCM(state) | tag (16)`, sealed under a key made for that ticket alone (HKDF of the
//! ticket key with the random info, so nonces never repeat under one key) and authenticated
//! with the key name and a per-key implicit value as additional data. Given the same ticket
//! keys, ferrotls and s2n-tls servers open each other's tickets.

use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

use crate::crypto::HashAlgorithm;
use crate::error::{Error, ErrorCode, Result};

pub const KEY_NAME_LEN: usize = 16;
/// s2n's `S2N_PRE_ENCRYPTED_STATE_V1`.
const TICKET_VERSION: u8 = 1;
/// The random HKDF info that makes each ticket's key.
const INFO_LEN: usize = 32;
/// At most this many keys at once (s2n's limit).
pub const MAX_KEYS: usize = 48;
const IMPLICIT_AAD_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bytes a ticket adds to the state it carries.
pub const OVERHEAD: usize = 1 + KEY_NAME_LEN + INFO_LEN + NONCE_LEN + TAG_LEN;

const NANOS_PER_SEC: u64 = 1_000_000_000;
/// s2n's defaults: 2 hours of encrypting, then 13 more of decrypting.
pub const DEFAULT_ENCRYPT_DECRYPT_LIFETIME: u64 = 2 * 3600 * NANOS_PER_SEC;
pub const DEFAULT_DECRYPT_LIFETIME: u64 = 13 * 3600 * NANOS_PER_SEC;

struct TicketKey {
    name: [u8; KEY_NAME_LEN],
    /// HKDF-Extract of the key each ticket's own key is derived from: extracted once when
    /// the key is added, so sealing or opening a ticket costs one HKDF-Expand, not two steps.
    // Boxed, so that moving keys around the ring (inserting, growing it) leaves no copies.
    prk: WipedBytes<32>,
    implicit_aad: WipedBytes<IMPLICIT_AAD_LEN>,
    /// Nanoseconds since the Unix epoch.
    intro_time: u64,
}

/// How a key store picks the key that encrypts and what it does as keys age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rotation {
    /// s2n: the application adds every key (at most [`MAX_KEYS`]); among the keys that may
    /// encrypt, one is picked at random, weighted as the module comment says.
    Weighted,
    /// libtls: the newest key that may encrypt does; only the `keep` newest keys are kept.
    /// With `generate`, a random key is added whenever none may encrypt or the newest has
    /// used three quarters of its encrypting life (libtls's automatic rekeying).
    Newest { keep: usize, generate: bool },
}

/// A server's ticket keys, newest introduction last.
pub struct TicketKeys {
    ring: RwLock<KeyRing>,
}

struct KeyRing {
    keys: Vec<TicketKey>,
    encrypt_decrypt_lifetime: u64,
    decrypt_lifetime: u64,
    rotation: Rotation,
    /// The name the next generated key gets (a big-endian counter, like libtls's keyrev).
    next_generated: u32,
}

impl Default for TicketKeys {
    fn default() -> TicketKeys {
        TicketKeys::new(Rotation::Weighted, DEFAULT_ENCRYPT_DECRYPT_LIFETIME, DEFAULT_DECRYPT_LIFETIME)
    }
}

impl TicketKeys {
    /// An empty store; lifetimes in nanoseconds.
    pub fn new(rotation: Rotation, encrypt_decrypt_lifetime: u64, decrypt_lifetime: u64) -> TicketKeys {
        let start: [u8; 4] = crate::crypto::random_array().unwrap_or_default();
        TicketKeys {
            ring: RwLock::new(KeyRing {
                keys: Vec::new(),
                encrypt_decrypt_lifetime,
                decrypt_lifetime,
                rotation,
                next_generated: u32::from_be_bytes(start),
            }),
        }
    }

    // A panic while holding the lock cannot leave the ring half-changed (every change is
    // one Vec operation), so a poisoned lock is still good to use.
    fn ring(&self) -> RwLockReadGuard<'_, KeyRing> {
        self.ring.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn ring_mut(&self) -> RwLockWriteGuard<'_, KeyRing> {
        self.ring.write().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn len(&self) -> usize {
        self.ring().keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ring().keys.is_empty()
    }

    /// Sets how long (nanoseconds) a key encrypts, and then how much longer it decrypts.
    pub fn set_lifetimes(&self, encrypt_decrypt: Option<u64>, decrypt: Option<u64>) {
        let mut ring = self.ring_mut();
        ring.encrypt_decrypt_lifetime = encrypt_decrypt.unwrap_or(ring.encrypt_decrypt_lifetime);
        ring.decrypt_lifetime = decrypt.unwrap_or(ring.decrypt_lifetime);
    }

    /// Stops generating keys (libtls: once the application supplies its own).
    pub fn stop_generating(&self) {
        if let Rotation::Newest { generate, .. } = &mut self.ring_mut().rotation {
            *generate = false;
        }
    }

    /// Adds a key. `material` is expanded with HKDF-SHA256 (no salt, no info) into the
    /// AES-256 key and the implicit additional data, as s2n does, so keys shared with s2n
    /// servers describe the same secret. `name` must be 1-16 bytes and unique.
    pub fn add(&self, name: &[u8], material: &[u8], intro_time: u64, now: u64) -> Result<()> {
        self.ring_mut().add(name, material, intro_time, now)
    }

    /// Whether the newest key is `name` with `material`: `None` if no key has that name.
    /// (libtls lets an application re-add its newest key, and no other.)
    pub fn newest_is(&self, name: &[u8], material: &[u8]) -> Option<bool> {
        let ring = self.ring();
        let padded = pad_name(name)?;
        let position = ring.keys.iter().position(|k| k.name == padded)?;
        let (_, implicit_aad) = derive(material);
        Some(position + 1 == ring.keys.len() && ring.keys[position].implicit_aad[..] == implicit_aad[..])
    }

    /// Drops keys that can no longer decrypt at `now`.
    pub fn remove_expired(&self, now: u64) {
        self.ring_mut().remove_expired(now);
    }

    /// How long (nanoseconds) the shortest-lived key that may encrypt at `now` can still
    /// decrypt: a ticket's lifetime should not outlast the key that seals it. 0 if none.
    pub fn shortest_remaining_life(&self, now: u64) -> u64 {
        self.rotate(now);
        let ring = self.ring();
        let life = ring.encrypt_decrypt_lifetime.saturating_add(ring.decrypt_lifetime);
        let remaining = |k: &TicketKey| k.intro_time.saturating_add(life).saturating_sub(now);
        let mut encrypting = ring.keys.iter().filter(|k| ring.encrypts_at(k, now));
        match ring.rotation {
            // Only the newest encrypts, so only its life matters.
            Rotation::Newest { .. } => encrypting.next_back().map_or(0, remaining),
            Rotation::Weighted => encrypting.map(remaining).min().unwrap_or(0),
        }
    }

    /// Whether some key may encrypt at `now` (if none, the server issues no tickets).
    pub fn can_encrypt(&self, now: u64) -> bool {
        self.rotate(now);
        let ring = self.ring();
        ring.keys.iter().any(|k| ring.encrypts_at(k, now))
    }

    /// Generates a key if the rotation asks for one at `now`.
    fn rotate(&self, now: u64) {
        if !self.ring().needs_key(now) {
            return;
        }
        let mut ring = self.ring_mut();
        // Another thread may have generated it between the two locks.
        if ring.needs_key(now) {
            let material: Zeroizing<[u8; 48]> = match crate::crypto::random_array() {
                Ok(m) => Zeroizing::new(m),
                // Without randomness no key: the server issues no tickets for now.
                Err(_) => return,
            };
            let name = ring.next_generated.to_be_bytes();
            ring.next_generated = ring.next_generated.wrapping_add(1);
            let _ = ring.add(&name, &material[..], now, now);
        }
    }

    /// Encrypts `state` into a ticket with a key that may encrypt at `now`. `context` is
    /// authenticated with it (libtls's session id context): a ticket opens only with the
    /// same context.
    pub fn seal(&self, state: &[u8], context: &[u8], now: u64) -> Result<Vec<u8>> {
        self.rotate(now);
        let ring = self.ring();
        let key = ring.encrypting_key(now)?;
        let (info, nonce): ([u8; INFO_LEN], [u8; NONCE_LEN]) =
            (crate::crypto::public_random()?, crate::crypto::public_random()?);
        let mut ticket = Vec::with_capacity(state.len() + OVERHEAD);
        ticket.push(TICKET_VERSION);
        ticket.extend_from_slice(&key.name);
        ticket.extend_from_slice(&info);
        ticket.extend_from_slice(&nonce);
        ticket.extend_from_slice(state);
        let tag = ticket_aead(key, &info)
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad(key, context)),
                &mut ticket[OVERHEAD - TAG_LEN..],
            )
            .map_err(|_| Error::new(ErrorCode::ENCRYPT))?;
        ticket.extend_from_slice(tag.as_ref());
        Ok(ticket)
    }

    /// Decrypts a ticket. Unknown or expired keys, another context, truncation and
    /// tampering all fail; the caller falls back to a full handshake.
    pub fn open(&self, ticket: &[u8], context: &[u8], now: u64) -> Result<Zeroizing<Vec<u8>>> {
        if ticket.len() < OVERHEAD || ticket[0] != TICKET_VERSION {
            return Err(Error::new(ErrorCode::INVALID_SESSION_TICKET));
        }
        let (name, rest) = ticket[1..].split_at(KEY_NAME_LEN);
        let ring = self.ring();
        let key = ring
            .keys
            .iter()
            .find(|k| k.name == name && ring.decrypts_at(k, now))
            .ok_or_else(|| Error::new(ErrorCode::KEY_USED_IN_SESSION_TICKET_NOT_FOUND))?;
        let (info, rest) = rest.split_at(INFO_LEN);
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let mut buf = Zeroizing::new(sealed.to_vec());
        let nonce =
            Nonce::try_assume_unique_for_key(nonce).map_err(|_| Error::new(ErrorCode::INVALID_SESSION_TICKET))?;
        let plain_len = ticket_aead(key, info)
            .open_in_place(nonce, Aad::from(aad(key, context)), &mut buf[..])
            .map_err(|_| Error::new(ErrorCode::DECRYPT))?
            .len();
        buf.truncate(plain_len);
        Ok(buf)
    }
}

impl KeyRing {
    fn add(&mut self, name: &[u8], material: &[u8], intro_time: u64, now: u64) -> Result<()> {
        self.remove_expired(now);
        if material.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_TICKET_KEY_LENGTH));
        }
        let padded = pad_name(name).ok_or_else(|| Error::new(ErrorCode::INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH))?;
        if self.keys.iter().any(|k| k.name == padded) {
            return Err(Error::new(ErrorCode::TICKET_KEY_NOT_UNIQUE));
        }
        match self.rotation {
            Rotation::Weighted if self.keys.len() >= MAX_KEYS => return Err(Error::new(ErrorCode::TICKET_KEY_LIMIT)),
            Rotation::Weighted => {}
            // The oldest go to make room, as libtls shifts them out.
            Rotation::Newest { keep, .. } => {
                let excess = (self.keys.len() + 1).saturating_sub(keep.max(1));
                self.keys.drain(..excess);
            }
        }
        let (key, implicit_aad) = derive(material);
        let prk = HashAlgorithm::Sha256.hkdf_extract(&[], &key[..]);
        let mut prk_bytes = Box::new(Zeroizing::new([0u8; 32]));
        prk_bytes.copy_from_slice(prk.as_ref());
        let at = self.keys.partition_point(|k| k.intro_time <= intro_time);
        self.keys.insert(at, TicketKey { name: padded, prk: prk_bytes, implicit_aad, intro_time });
        Ok(())
    }

    fn remove_expired(&mut self, now: u64) {
        let life = self.encrypt_decrypt_lifetime.saturating_add(self.decrypt_lifetime);
        self.keys.retain(|k| now < k.intro_time.saturating_add(life));
    }

    fn encrypts_at(&self, key: &TicketKey, now: u64) -> bool {
        key.intro_time <= now && now < key.intro_time.saturating_add(self.encrypt_decrypt_lifetime)
    }

    fn decrypts_at(&self, key: &TicketKey, now: u64) -> bool {
        let life = self.encrypt_decrypt_lifetime.saturating_add(self.decrypt_lifetime);
        key.intro_time <= now && now < key.intro_time.saturating_add(life)
    }

    /// Whether automatic rotation wants a new key at `now`: none may encrypt, or the
    /// newest has used three quarters of its encrypting life (libtls's rekey point).
    fn needs_key(&self, now: u64) -> bool {
        let Rotation::Newest { generate: true, .. } = self.rotation else { return false };
        match self.keys.iter().rev().find(|k| self.encrypts_at(k, now)) {
            None => true,
            Some(newest) => now.saturating_sub(newest.intro_time) >= self.encrypt_decrypt_lifetime / 4 * 3,
        }
    }

    /// The key to encrypt with at `now`, chosen as the rotation says.
    fn encrypting_key(&self, now: u64) -> Result<&TicketKey> {
        let candidates: Vec<&TicketKey> = self.keys.iter().filter(|k| self.encrypts_at(k, now)).collect();
        match (candidates.len(), self.rotation) {
            (0, _) => Err(Error::new(ErrorCode::NO_TICKET_ENCRYPT_DECRYPT_KEY)),
            (1, _) | (_, Rotation::Newest { .. }) => Ok(candidates[candidates.len() - 1]),
            (_, Rotation::Weighted) => {
                let half = self.encrypt_decrypt_lifetime / 2;
                let weights: Vec<f64> = candidates
                    .iter()
                    .map(|k| {
                        let age = now - k.intro_time;
                        (if age < half { age } else { half.saturating_sub(age - half) }) as f64
                    })
                    .collect();
                let total: f64 = weights.iter().sum();
                if total <= 0.0 {
                    return Ok(candidates[candidates.len() - 1]);
                }
                let bytes: [u8; 8] = crate::crypto::random_array()?;
                let point = (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64 * total;
                let mut cumulative = 0.0;
                for (key, weight) in candidates.iter().zip(&weights) {
                    cumulative += weight;
                    if point < cumulative {
                        return Ok(key);
                    }
                }
                Ok(candidates[candidates.len() - 1])
            }
        }
    }
}

/// A key name as tickets carry it: 1-16 bytes, zero-padded to 16.
fn pad_name(name: &[u8]) -> Option<[u8; KEY_NAME_LEN]> {
    if name.is_empty() || name.len() > KEY_NAME_LEN {
        return None;
    }
    let mut padded = [0u8; KEY_NAME_LEN];
    padded[..name.len()].copy_from_slice(name);
    Some(padded)
}

/// The ticket key and implicit additional data `material` stands for.
/// Key bytes in a heap block of their own, wiped when dropped.
type WipedBytes<const N: usize> = Box<Zeroizing<[u8; N]>>;

fn derive(material: &[u8]) -> (WipedBytes<32>, WipedBytes<IMPLICIT_AAD_LEN>) {
    let prk = HashAlgorithm::Sha256.hkdf_extract(&[], material);
    let mut okm = Zeroizing::new([0u8; 32 + IMPLICIT_AAD_LEN]);
    HashAlgorithm::Sha256.hkdf_expand(prk.as_ref(), &[], &mut okm[..]);
    let mut key = Box::new(Zeroizing::new([0u8; 32]));
    key.copy_from_slice(&okm[..32]);
    let mut implicit_aad = Box::new(Zeroizing::new([0u8; IMPLICIT_AAD_LEN]));
    implicit_aad.copy_from_slice(&okm[32..]);
    (key, implicit_aad)
}

/// The AES-256-GCM key of one ticket: HKDF-SHA256 of the ticket key with the ticket's info.
fn ticket_aead(key: &TicketKey, info: &[u8]) -> LessSafeKey {
    let mut okm = Zeroizing::new([0u8; 32]);
    HashAlgorithm::Sha256.hkdf_expand(&key.prk[..], &[info], &mut okm[..]);
    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &okm[..]).expect("32-byte AES-256 key"))
}

/// Additional data for a ticket: the key's implicit value, its name, and the context.
fn aad(key: &TicketKey, context: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(IMPLICIT_AAD_LEN + KEY_NAME_LEN + context.len());
    aad.extend_from_slice(&key.implicit_aad[..]);
    aad.extend_from_slice(&key.name);
    aad.extend_from_slice(context);
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: u64 = 3600 * NANOS_PER_SEC;

    #[test]
    fn seal_open_and_every_lifetime_boundary() {
        let keys = TicketKeys::default();
        let t0 = 1_000 * HOUR;
        keys.add(b"key one", &[1; 32], t0, t0).unwrap();
        let ticket = keys.seal(b"session state", b"", t0).unwrap();
        assert_eq!(&keys.open(&ticket, b"", t0).unwrap()[..], b"session state");
        // Encrypts until 2h (exclusive), decrypts until 15h (exclusive).
        assert!(keys.can_encrypt(t0 + 2 * HOUR - 1));
        assert!(!keys.can_encrypt(t0 + 2 * HOUR));
        assert!(keys.seal(b"x", b"", t0 + 2 * HOUR).is_err());
        assert!(keys.open(&ticket, b"", t0 + 15 * HOUR - 1).is_ok());
        assert!(keys.open(&ticket, b"", t0 + 15 * HOUR).is_err());
        // A key introduced in the future neither encrypts nor decrypts yet.
        keys.add(b"key two", &[2; 32], t0 + 5 * HOUR, t0).unwrap();
        assert!(!keys.can_encrypt(t0 + 5 * HOUR - 1));
        assert!(keys.can_encrypt(t0 + 5 * HOUR));
        keys.remove_expired(t0 + 15 * HOUR);
        assert_eq!(keys.len(), 1);
    }

    #[test]
    fn tampered_truncated_and_unknown_tickets_fail() {
        let keys = TicketKeys::default();
        keys.add(b"k", &[9; 48], 0, 0).unwrap();
        let ticket = keys.seal(b"state", b"", 1).unwrap();
        for i in 0..ticket.len() {
            let mut bad = ticket.clone();
            bad[i] ^= 0x20;
            assert!(keys.open(&bad, b"", 1).is_err(), "byte {i}");
        }
        assert!(keys.open(&ticket[..ticket.len() - 1], b"", 1).is_err());
        let other = TicketKeys::default();
        other.add(b"other", &[9; 48], 0, 0).unwrap();
        assert!(other.open(&ticket, b"", 1).is_err());
    }

    #[test]
    fn names_lengths_and_limits() {
        let keys = TicketKeys::default();
        assert_eq!(keys.add(b"", &[1], 0, 0).unwrap_err().code, ErrorCode::INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH);
        assert_eq!(keys.add(&[1; 17], &[1], 0, 0).unwrap_err().code, ErrorCode::INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH);
        assert_eq!(keys.add(b"a", &[], 0, 0).unwrap_err().code, ErrorCode::INVALID_TICKET_KEY_LENGTH);
        keys.add(b"a", &[1], 0, 0).unwrap();
        assert_eq!(keys.add(b"a", &[2], 0, 0).unwrap_err().code, ErrorCode::TICKET_KEY_NOT_UNIQUE);
        for i in 1..MAX_KEYS {
            keys.add(format!("k{i}").as_bytes(), &[1], 0, 0).unwrap();
        }
        assert_eq!(keys.add(b"one more", &[1], 0, 0).unwrap_err().code, ErrorCode::TICKET_KEY_LIMIT);
    }

    #[test]
    fn rotation_moves_encryption_towards_the_newer_key() {
        let keys = TicketKeys::default();
        keys.add(b"old", &[1; 32], 0, 0).unwrap();
        keys.add(b"new", &[2; 32], HOUR + HOUR / 2, 0).unwrap();
        // At 1h45: old is 15 min from its end (weight 15 min), new is 15 min in (weight 15).
        // At 1h55: old weighs 5 min, new 25 min: most tickets use the new key.
        let now = HOUR + 55 * 60 * NANOS_PER_SEC;
        let with_new = (0..400).filter(|_| keys.seal(b"s", b"", now).unwrap()[1..4] == *b"new").count();
        assert!(with_new > 250 && with_new < 400, "{with_new} of 400");
    }

    #[test]
    fn contexts_must_match() {
        let keys = TicketKeys::default();
        keys.add(b"k", &[9; 48], 0, 0).unwrap();
        let ticket = keys.seal(b"state", b"server A", 1).unwrap();
        assert!(keys.open(&ticket, b"server A", 1).is_ok());
        assert!(keys.open(&ticket, b"server B", 1).is_err());
        assert!(keys.open(&ticket, b"", 1).is_err());
    }

    #[test]
    fn newest_first_keeps_a_few_and_encrypts_with_the_newest() {
        let keys = TicketKeys::new(Rotation::Newest { keep: 4, generate: false }, HOUR, 0);
        for (i, name) in [b"k1", b"k2", b"k3", b"k4", b"k5"].iter().enumerate() {
            keys.add(*name, &[i as u8; 48], i as u64, i as u64).unwrap();
        }
        assert_eq!(keys.len(), 4, "the oldest went to make room");
        let ticket = keys.seal(b"s", b"", 10).unwrap();
        assert_eq!(&ticket[1..3], b"k5");
        assert_eq!(keys.newest_is(b"k5", &[4; 48]), Some(true));
        assert_eq!(keys.newest_is(b"k5", &[3; 48]), Some(false));
        assert_eq!(keys.newest_is(b"k4", &[3; 48]), Some(false));
        assert_eq!(keys.newest_is(b"k1", &[0; 48]), None);
        // A lifetime after its introduction the key neither encrypts nor decrypts.
        assert!(keys.open(&ticket, b"", 4 + HOUR - 1).is_ok());
        assert!(keys.open(&ticket, b"", 4 + HOUR).is_err());
        assert!(!keys.can_encrypt(4 + HOUR));
    }

    #[test]
    fn generated_keys_rotate_at_three_quarters_of_their_life() {
        let keys = TicketKeys::new(Rotation::Newest { keep: 4, generate: true }, HOUR, 0);
        assert!(keys.is_empty());
        let t0 = 100 * HOUR;
        let first = keys.seal(b"s", b"", t0).unwrap();
        assert_eq!(keys.len(), 1, "the first ticket made a key");
        let same = keys.seal(b"s", b"", t0 + HOUR / 4 * 3 - 1).unwrap();
        assert_eq!(first[..=KEY_NAME_LEN], same[..=KEY_NAME_LEN]);
        let next = keys.seal(b"s", b"", t0 + HOUR / 4 * 3).unwrap();
        assert_ne!(first[..=KEY_NAME_LEN], next[..=KEY_NAME_LEN], "a new key from 3/4 of the life on");
        assert_eq!(keys.len(), 2);
        // The old ticket still opens until its key's life ends.
        assert!(keys.open(&first, b"", t0 + HOUR - 1).is_ok());
        assert!(keys.open(&first, b"", t0 + HOUR).is_err());
        // Once the application adds a key, nothing more is generated.
        keys.stop_generating();
        keys.add(b"app", &[1; 48], t0 + HOUR, t0 + HOUR).unwrap();
        let later = t0 + 3 * HOUR;
        assert!(!keys.can_encrypt(later) && keys.seal(b"s", b"", later).is_err());
    }
}
