//! Session-ticket keys and ticket encryption (the server side of stateless resumption).
//!
//! Keys follow s2n-tls's model: each has an introduction time, encrypts and decrypts for
//! `encrypt_decrypt_lifetime` from then, decrypts only for `decrypt_lifetime` after that,
//! and is dropped afterwards. When several keys may encrypt, one is picked at random with a
//! weight that rises from the key's introduction to the middle of its encrypting life and
//! falls after, so traffic moves smoothly from old keys to new ones.
//!
//! A ticket is `key name (16) | nonce (12) | AES-256-GCM(state) | tag (16)`, authenticated
//! with the key name and a per-key implicit value as additional data.

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

use crate::crypto::HashAlgorithm;
use crate::error::{Error, ErrorCode, Result};

pub const KEY_NAME_LEN: usize = 16;
/// At most this many keys at once (s2n's limit).
pub const MAX_KEYS: usize = 48;
const IMPLICIT_AAD_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bytes a ticket adds to the state it carries.
pub const OVERHEAD: usize = KEY_NAME_LEN + NONCE_LEN + TAG_LEN;

const NANOS_PER_SEC: u64 = 1_000_000_000;
/// s2n's defaults: 2 hours of encrypting, then 13 more of decrypting.
pub const DEFAULT_ENCRYPT_DECRYPT_LIFETIME: u64 = 2 * 3600 * NANOS_PER_SEC;
pub const DEFAULT_DECRYPT_LIFETIME: u64 = 13 * 3600 * NANOS_PER_SEC;

struct TicketKey {
    name: [u8; KEY_NAME_LEN],
    key: LessSafeKey,
    implicit_aad: Zeroizing<[u8; IMPLICIT_AAD_LEN]>,
    /// Nanoseconds since the Unix epoch.
    intro_time: u64,
}

/// A server's ticket keys, newest introduction last.
pub struct TicketKeys {
    keys: Vec<TicketKey>,
    pub encrypt_decrypt_lifetime: u64,
    pub decrypt_lifetime: u64,
}

impl Default for TicketKeys {
    fn default() -> TicketKeys {
        TicketKeys {
            keys: Vec::new(),
            encrypt_decrypt_lifetime: DEFAULT_ENCRYPT_DECRYPT_LIFETIME,
            decrypt_lifetime: DEFAULT_DECRYPT_LIFETIME,
        }
    }
}

impl TicketKeys {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds a key. `material` is expanded with HKDF-SHA256 (no salt, no info) into the
    /// AES-256 key and the implicit additional data, as s2n does, so keys shared with s2n
    /// servers describe the same secret. `name` must be 1-16 bytes and unique.
    pub fn add(&mut self, name: &[u8], material: &[u8], intro_time: u64, now: u64) -> Result<()> {
        self.remove_expired(now);
        if material.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_TICKET_KEY_LENGTH));
        }
        if self.keys.len() >= MAX_KEYS {
            return Err(Error::new(ErrorCode::TICKET_KEY_LIMIT));
        }
        if name.is_empty() || name.len() > KEY_NAME_LEN {
            return Err(Error::new(ErrorCode::INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH));
        }
        let mut padded = [0u8; KEY_NAME_LEN];
        padded[..name.len()].copy_from_slice(name);
        if self.keys.iter().any(|k| k.name == padded) {
            return Err(Error::new(ErrorCode::TICKET_KEY_NOT_UNIQUE));
        }
        let prk = HashAlgorithm::Sha256.hkdf_extract(&[], material);
        let mut okm = Zeroizing::new([0u8; 32 + IMPLICIT_AAD_LEN]);
        HashAlgorithm::Sha256.hkdf_expand(prk.as_ref(), &[], &mut okm[..]);
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &okm[..32]).expect("32-byte AES-256 key"));
        let mut implicit_aad = Zeroizing::new([0u8; IMPLICIT_AAD_LEN]);
        implicit_aad.copy_from_slice(&okm[32..]);
        let at = self.keys.partition_point(|k| k.intro_time <= intro_time);
        self.keys.insert(at, TicketKey { name: padded, key, implicit_aad, intro_time });
        Ok(())
    }

    /// Drops keys that can no longer decrypt at `now`.
    pub fn remove_expired(&mut self, now: u64) {
        let life = self.encrypt_decrypt_lifetime.saturating_add(self.decrypt_lifetime);
        self.keys.retain(|k| now < k.intro_time.saturating_add(life));
    }

    /// How long (nanoseconds) the shortest-lived key that may encrypt at `now` can still
    /// decrypt: a ticket's lifetime should not outlast the key that seals it. 0 if none.
    pub fn shortest_remaining_life(&self, now: u64) -> u64 {
        let life = self.encrypt_decrypt_lifetime.saturating_add(self.decrypt_lifetime);
        let remaining = |k: &TicketKey| k.intro_time.saturating_add(life).saturating_sub(now);
        self.keys.iter().filter(|k| self.encrypts_at(k, now)).map(remaining).min().unwrap_or(0)
    }

    /// Whether some key may encrypt at `now` (if none, the server issues no tickets).
    pub fn can_encrypt(&self, now: u64) -> bool {
        self.keys.iter().any(|k| self.encrypts_at(k, now))
    }

    fn encrypts_at(&self, key: &TicketKey, now: u64) -> bool {
        key.intro_time <= now && now < key.intro_time.saturating_add(self.encrypt_decrypt_lifetime)
    }

    fn decrypts_at(&self, key: &TicketKey, now: u64) -> bool {
        let life = self.encrypt_decrypt_lifetime.saturating_add(self.decrypt_lifetime);
        key.intro_time <= now && now < key.intro_time.saturating_add(life)
    }

    /// The key to encrypt with at `now`, chosen as described in the module comment.
    fn encrypting_key(&self, now: u64) -> Result<&TicketKey> {
        let candidates: Vec<&TicketKey> = self.keys.iter().filter(|k| self.encrypts_at(k, now)).collect();
        match candidates.len() {
            0 => Err(Error::new(ErrorCode::NO_TICKET_ENCRYPT_DECRYPT_KEY)),
            1 => Ok(candidates[0]),
            _ => {
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

    /// Encrypts `state` into a ticket with a key that may encrypt at `now`.
    pub fn seal(&self, state: &[u8], now: u64) -> Result<Vec<u8>> {
        let key = self.encrypting_key(now)?;
        let nonce: [u8; NONCE_LEN] = crate::crypto::random_array()?;
        let mut ticket = Vec::with_capacity(state.len() + OVERHEAD);
        ticket.extend_from_slice(&key.name);
        ticket.extend_from_slice(&nonce);
        ticket.extend_from_slice(state);
        let aad = Self::aad(key);
        let tag = key
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(aad),
                &mut ticket[KEY_NAME_LEN + NONCE_LEN..],
            )
            .map_err(|_| Error::new(ErrorCode::ENCRYPT))?;
        ticket.extend_from_slice(tag.as_ref());
        Ok(ticket)
    }

    /// Decrypts a ticket. Unknown or expired keys, truncation and tampering all fail; the
    /// caller falls back to a full handshake.
    pub fn open(&self, ticket: &[u8], now: u64) -> Result<Zeroizing<Vec<u8>>> {
        if ticket.len() < OVERHEAD {
            return Err(Error::new(ErrorCode::INVALID_SESSION_TICKET));
        }
        let (name, rest) = ticket.split_at(KEY_NAME_LEN);
        let key = self
            .keys
            .iter()
            .find(|k| k.name == name && self.decrypts_at(k, now))
            .ok_or_else(|| Error::new(ErrorCode::KEY_USED_IN_SESSION_TICKET_NOT_FOUND))?;
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let mut buf = Zeroizing::new(sealed.to_vec());
        let nonce =
            Nonce::try_assume_unique_for_key(nonce).map_err(|_| Error::new(ErrorCode::INVALID_SESSION_TICKET))?;
        let plain_len = key
            .key
            .open_in_place(nonce, Aad::from(Self::aad(key)), &mut buf[..])
            .map_err(|_| Error::new(ErrorCode::DECRYPT))?
            .len();
        buf.truncate(plain_len);
        Ok(buf)
    }

    fn aad(key: &TicketKey) -> [u8; IMPLICIT_AAD_LEN + KEY_NAME_LEN] {
        let mut aad = [0u8; IMPLICIT_AAD_LEN + KEY_NAME_LEN];
        aad[..IMPLICIT_AAD_LEN].copy_from_slice(&key.implicit_aad[..]);
        aad[IMPLICIT_AAD_LEN..].copy_from_slice(&key.name);
        aad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: u64 = 3600 * NANOS_PER_SEC;

    #[test]
    fn seal_open_and_every_lifetime_boundary() {
        let mut keys = TicketKeys::default();
        let t0 = 1_000 * HOUR;
        keys.add(b"key one", &[1; 32], t0, t0).unwrap();
        let ticket = keys.seal(b"session state", t0).unwrap();
        assert_eq!(&keys.open(&ticket, t0).unwrap()[..], b"session state");
        // Encrypts until 2h (exclusive), decrypts until 15h (exclusive).
        assert!(keys.can_encrypt(t0 + 2 * HOUR - 1));
        assert!(!keys.can_encrypt(t0 + 2 * HOUR));
        assert!(keys.seal(b"x", t0 + 2 * HOUR).is_err());
        assert!(keys.open(&ticket, t0 + 15 * HOUR - 1).is_ok());
        assert!(keys.open(&ticket, t0 + 15 * HOUR).is_err());
        // A key introduced in the future neither encrypts nor decrypts yet.
        keys.add(b"key two", &[2; 32], t0 + 5 * HOUR, t0).unwrap();
        assert!(!keys.can_encrypt(t0 + 5 * HOUR - 1));
        assert!(keys.can_encrypt(t0 + 5 * HOUR));
        keys.remove_expired(t0 + 15 * HOUR);
        assert_eq!(keys.len(), 1);
    }

    #[test]
    fn tampered_truncated_and_unknown_tickets_fail() {
        let mut keys = TicketKeys::default();
        keys.add(b"k", &[9; 48], 0, 0).unwrap();
        let ticket = keys.seal(b"state", 1).unwrap();
        for i in 0..ticket.len() {
            let mut bad = ticket.clone();
            bad[i] ^= 0x20;
            assert!(keys.open(&bad, 1).is_err(), "byte {i}");
        }
        assert!(keys.open(&ticket[..ticket.len() - 1], 1).is_err());
        let mut other = TicketKeys::default();
        other.add(b"other", &[9; 48], 0, 0).unwrap();
        assert!(other.open(&ticket, 1).is_err());
    }

    #[test]
    fn names_lengths_and_limits() {
        let mut keys = TicketKeys::default();
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
        let mut keys = TicketKeys::default();
        keys.add(b"old", &[1; 32], 0, 0).unwrap();
        keys.add(b"new", &[2; 32], HOUR + HOUR / 2, 0).unwrap();
        // At 1h45: old is 15 min from its end (weight 15 min), new is 15 min in (weight 15).
        // At 1h55: old weighs 5 min, new 25 min: most tickets use the new key.
        let now = HOUR + 55 * 60 * NANOS_PER_SEC;
        let with_new = (0..400).filter(|_| keys.seal(b"s", now).unwrap()[..3] == *b"new").count();
        assert!(with_new > 250 && with_new < 400, "{with_new} of 400");
    }
}
