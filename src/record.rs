//! The record layer (RFC 8446 §5): framing, and TLS 1.3 record protection.
//!
//! Protection works in place on buffers the connection owns, so sending or receiving a
//! record allocates nothing.

use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, NONCE_LEN};
use zeroize::Zeroizing;

use crate::crypto::Secret;
use crate::error::{Error, ErrorCode, Result};
use crate::suites::Tls13Suite;
use crate::tls13::key_schedule::traffic_key_and_iv;

pub const HEADER_LEN: usize = 5;
/// The largest plaintext fragment (2^14).
pub const MAX_PLAINTEXT: usize = 16384;
/// The largest TLS 1.3 ciphertext: plaintext, content type, padding and tag (2^14 + 256).
pub const MAX_CIPHERTEXT: usize = MAX_PLAINTEXT + 256;
/// Record version on the wire after the first ClientHello (TLS 1.2's value, RFC 8446 §5.1).
pub const LEGACY_RECORD_VERSION: u16 = 0x0303;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ContentType {
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
}

impl ContentType {
    #[track_caller]
    pub fn from_wire(v: u8) -> Result<ContentType> {
        match v {
            20 => Ok(ContentType::ChangeCipherSpec),
            21 => Ok(ContentType::Alert),
            22 => Ok(ContentType::Handshake),
            23 => Ok(ContentType::ApplicationData),
            _ => Err(Error::new(ErrorCode::BAD_MESSAGE)),
        }
    }
}

/// A parsed record header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub content_type: u8,
    pub version: u16,
    pub length: u16,
}

impl Header {
    /// Parses a header; a length no peer may send is `S2N_ERR_RECORD_LENGTH_TOO_LARGE`
    /// (record_overflow), so we never wait for or buffer more than one maximum record.
    pub fn parse(bytes: &[u8; HEADER_LEN]) -> Result<Header> {
        let header = Header {
            content_type: bytes[0],
            version: u16::from_be_bytes([bytes[1], bytes[2]]),
            length: u16::from_be_bytes([bytes[3], bytes[4]]),
        };
        if header.length as usize > MAX_CIPHERTEXT {
            return Err(Error::new(ErrorCode::RECORD_LENGTH_TOO_LARGE));
        }
        Ok(header)
    }

    pub fn encode(content_type: u8, version: u16, length: usize) -> [u8; HEADER_LEN] {
        let v = version.to_be_bytes();
        let l = (length as u16).to_be_bytes();
        [content_type, v[0], v[1], l[0], l[1]]
    }
}

/// How many records one TLS 1.3 key may protect before the connection must update it. RFC 8446
/// §5.5 bounds AES-GCM at 2^24.5 full-size records; we stop at 2^24, ChaCha20 included.
pub const TLS13_KEY_RECORD_LIMIT: u64 = 1 << 24;

/// The expanded AEAD key of a direction that an idle connection gave up (see
/// [`Protection::compact`]): sealing or opening with it is a bug in the caller.
fn compacted() -> Error {
    Error::new(ErrorCode::SAFETY)
}

/// One direction's TLS 1.3 record protection: AEAD key, static IV and sequence number.
pub struct Tls13Protection {
    /// None while compacted.
    key: Option<LessSafeKey>,
    iv: Zeroizing<[u8; NONCE_LEN]>,
    seq: u64,
    tag_len: u8,
}

impl Tls13Protection {
    pub fn new(suite: &'static Tls13Suite, traffic_secret: &Secret) -> Tls13Protection {
        let mut key = Zeroizing::new([0u8; 32]);
        let key = &mut key[..suite.key_len()];
        let mut iv = Zeroizing::new([0u8; NONCE_LEN]);
        traffic_key_and_iv(suite.hash, traffic_secret, key, &mut iv[..]);
        let unbound = UnboundKey::new(suite.aead, key).expect("key length matches the suite's AEAD");
        Tls13Protection { key: Some(LessSafeKey::new(unbound)), iv, seq: 0, tag_len: suite.aead.tag_len() as u8 }
    }

    /// Records protected so far with this key.
    pub fn sequence_number(&self) -> u64 {
        self.seq
    }

    fn next_nonce(&mut self) -> Result<Nonce> {
        if self.seq >= TLS13_KEY_RECORD_LIMIT {
            return Err(Error::new(ErrorCode::RECORD_LIMIT));
        }
        let mut nonce = *self.iv;
        for (n, s) in nonce[NONCE_LEN - 8..].iter_mut().zip(self.seq.to_be_bytes()) {
            *n ^= s;
        }
        self.seq += 1;
        Ok(Nonce::assume_unique_for_key(nonce))
    }

    /// The bytes a record carrying `payload_len` bytes takes on the wire.
    pub fn record_len(&self, payload_len: usize, padding: usize) -> usize {
        HEADER_LEN + payload_len + 1 + padding + usize::from(self.tag_len)
    }

    /// Writes one protected record (header, ciphertext, tag) carrying `payload` into `out`,
    /// which is exactly [`Tls13Protection::record_len`] bytes: the caller's buffer, whatever
    /// it held, so the record needs no room zeroed first.
    pub fn seal(&mut self, content_type: ContentType, payload: &[u8], padding: usize, out: &mut [u8]) -> Result<()> {
        debug_assert!(payload.len() <= MAX_PLAINTEXT);
        if out.len() != self.record_len(payload.len(), padding) {
            return Err(Error::new(ErrorCode::ENCRYPT));
        }
        let inner_len = payload.len() + 1 + padding;
        let header = Header::encode(
            ContentType::ApplicationData as u8,
            LEGACY_RECORD_VERSION,
            inner_len + usize::from(self.tag_len),
        );
        let nonce = self.next_nonce()?;
        let key = self.key.as_ref().ok_or_else(compacted)?;
        // The inner plaintext's tail (content type, then any padding) is sealed from its
        // own buffer, so the payload is encrypted straight from the caller's bytes into
        // the record instead of being copied there first.
        let type_only = [content_type as u8];
        let padded: Vec<u8>;
        let tail: &[u8] = match padding {
            0 => &type_only,
            _ => {
                padded = std::iter::once(content_type as u8).chain(std::iter::repeat(0).take(padding)).collect();
                &padded
            }
        };
        let (record_header, body) = out.split_at_mut(HEADER_LEN);
        record_header.copy_from_slice(&header);
        let (ciphertext, tail_and_tag) = body.split_at_mut(payload.len());
        key.seal_out_of_place_scatter(nonce, Aad::from(header), payload, ciphertext, tail, tail_and_tag)
            .map_err(|_| Error::new(ErrorCode::ENCRYPT))?;
        Ok(())
    }

    /// Decrypts a record's body in place; returns the real content type and the plaintext.
    /// A bad tag is `S2N_ERR_DECRYPT` (bad_record_mac); an all-zero inner plaintext (no
    /// content type) is `S2N_ERR_BAD_MESSAGE` (unexpected_message).
    pub fn open<'a>(&mut self, header: &Header, body: &'a mut [u8]) -> Result<(ContentType, &'a [u8])> {
        if body.len() < usize::from(self.tag_len) + 1 || body.len() > MAX_CIPHERTEXT {
            return Err(Error::new(ErrorCode::DECRYPT));
        }
        let nonce = self.next_nonce()?;
        let aad = Header::encode(header.content_type, header.version, body.len());
        let key = self.key.as_ref().ok_or_else(compacted)?;
        let plain = key.open_in_place(nonce, Aad::from(aad), body).map_err(|_| Error::new(ErrorCode::DECRYPT))?;
        let (content_type, len) = split_inner_plaintext(plain)?;
        Ok((content_type, &plain[..len]))
    }
}

/// A TLS 1.3 inner plaintext (RFC 8446 §5.2: content, type, zero padding) as (type,
/// content length).
fn split_inner_plaintext(plain: &[u8]) -> Result<(ContentType, usize)> {
    let type_at = plain.iter().rposition(|&b| b != 0).ok_or_else(|| Error::new(ErrorCode::BAD_MESSAGE))?;
    if type_at > MAX_PLAINTEXT {
        return Err(Error::new(ErrorCode::MAX_INNER_PLAINTEXT_SIZE));
    }
    Ok((ContentType::from_wire(plain[type_at])?, type_at))
}

impl Tls13Protection {
    /// [`Protection::open_app_data_into`] for TLS 1.3: the inner plaintext (data, content
    /// type, padding) is written to `out`, and the data's length returned when the type is
    /// application data.
    fn open_app_data_into(&mut self, header: &Header, body: &[u8], out: &mut [u8]) -> Option<usize> {
        let sealed_len = body.len().checked_sub(usize::from(self.tag_len))?;
        if sealed_len == 0 || body.len() > MAX_CIPHERTEXT || out.len() < sealed_len {
            return None;
        }
        let seq = self.seq;
        let nonce = self.next_nonce().ok()?;
        let aad = Header::encode(header.content_type, header.version, body.len());
        let (ciphertext, tag) = body.split_at(sealed_len);
        let out = &mut out[..sealed_len];
        let opened = self.key.as_ref().and_then(|key| {
            key.open_separate_gather(nonce, Aad::from(aad), ciphertext, tag, out).ok()?;
            match split_inner_plaintext(out) {
                Ok((ContentType::ApplicationData, len)) => Some(len),
                _ => None,
            }
        });
        if opened.is_none() {
            self.seq = seq;
        }
        opened
    }
}

/// One direction's TLS 1.2 AEAD protection (RFC 5288 AES-GCM with an explicit nonce,
/// RFC 7905 ChaCha20-Poly1305 with an implicit one).
pub struct Tls12Protection {
    /// None while compacted.
    key: Option<LessSafeKey>,
    /// GCM: the 4-byte salt then zeros; ChaCha20: the 12-byte IV.
    iv: Zeroizing<[u8; NONCE_LEN]>,
    explicit_nonce: bool,
    seq: u64,
    tag_len: u8,
}

impl Tls12Protection {
    pub fn new(suite: &'static crate::suites::Tls12Suite, key: &[u8], iv: &[u8]) -> Tls12Protection {
        let unbound = UnboundKey::new(suite.aead, key).expect("key length matches the suite's AEAD");
        let mut fixed = Zeroizing::new([0u8; NONCE_LEN]);
        fixed[..iv.len()].copy_from_slice(iv);
        Tls12Protection {
            key: Some(LessSafeKey::new(unbound)),
            iv: fixed,
            explicit_nonce: suite.explicit_nonce,
            seq: 0,
            tag_len: suite.aead.tag_len() as u8,
        }
    }

    fn nonce_for(&self, seq: u64) -> [u8; NONCE_LEN] {
        let mut nonce = *self.iv;
        if self.explicit_nonce {
            nonce[4..].copy_from_slice(&seq.to_be_bytes());
        } else {
            for (n, s) in nonce[4..].iter_mut().zip(seq.to_be_bytes()) {
                *n ^= s;
            }
        }
        nonce
    }

    /// The nonce of the received record `body` with sequence number `seq`: GCM's explicit
    /// part comes with the record, ChaCha20's is implicit.
    fn received_nonce(&self, seq: u64, body: &[u8]) -> Nonce {
        let mut nonce = self.nonce_for(seq);
        if self.explicit_nonce {
            nonce[4..].copy_from_slice(&body[..8]);
        }
        Nonce::assume_unique_for_key(nonce)
    }

    fn next_seq(&mut self) -> Result<u64> {
        // 2^64 - 1 records is unreachable in practice; wrapping would reuse nonces.
        let seq = self.seq;
        self.seq = self.seq.checked_add(1).ok_or_else(|| Error::new(ErrorCode::RECORD_LIMIT))?;
        Ok(seq)
    }

    fn aad(seq: u64, content_type: u8, len: usize) -> [u8; 13] {
        let mut aad = [0u8; 13];
        aad[..8].copy_from_slice(&seq.to_be_bytes());
        aad[8] = content_type;
        aad[9..11].copy_from_slice(&LEGACY_RECORD_VERSION.to_be_bytes());
        aad[11..].copy_from_slice(&(len as u16).to_be_bytes());
        aad
    }

    /// The bytes a record carrying `payload_len` bytes takes on the wire.
    pub fn record_len(&self, payload_len: usize) -> usize {
        HEADER_LEN + self.explicit_nonce_len() + payload_len + usize::from(self.tag_len)
    }

    fn explicit_nonce_len(&self) -> usize {
        if self.explicit_nonce {
            8
        } else {
            0
        }
    }

    /// Writes one protected record carrying `payload` into `out`, which is exactly
    /// [`Tls12Protection::record_len`] bytes (see [`Tls13Protection::seal`]).
    pub fn seal(&mut self, content_type: ContentType, payload: &[u8], out: &mut [u8]) -> Result<()> {
        if out.len() != self.record_len(payload.len()) {
            return Err(Error::new(ErrorCode::ENCRYPT));
        }
        let seq = self.next_seq()?;
        let explicit = self.explicit_nonce_len();
        let header = Header::encode(
            content_type as u8,
            LEGACY_RECORD_VERSION,
            explicit + payload.len() + usize::from(self.tag_len),
        );
        let nonce = Nonce::assume_unique_for_key(self.nonce_for(seq));
        let aad = Self::aad(seq, content_type as u8, payload.len());
        let key = self.key.as_ref().ok_or_else(compacted)?;
        let (prefix, body) = out.split_at_mut(HEADER_LEN + explicit);
        prefix[..HEADER_LEN].copy_from_slice(&header);
        if self.explicit_nonce {
            prefix[HEADER_LEN..].copy_from_slice(&seq.to_be_bytes());
        }
        // Sealed straight from the caller's bytes into the record, not copied in first.
        let (ciphertext, tag) = body.split_at_mut(payload.len());
        key.seal_out_of_place_scatter(nonce, Aad::from(aad), payload, ciphertext, &[], tag)
            .map_err(|_| Error::new(ErrorCode::ENCRYPT))?;
        Ok(())
    }

    pub fn open<'a>(&mut self, header: &Header, body: &'a mut [u8]) -> Result<(ContentType, &'a [u8])> {
        let content_type = ContentType::from_wire(header.content_type)?;
        let explicit = self.explicit_nonce_len();
        if body.len() < explicit + usize::from(self.tag_len)
            || body.len() - explicit - usize::from(self.tag_len) > MAX_PLAINTEXT + 1024
        {
            return Err(Error::new(ErrorCode::DECRYPT));
        }
        let seq = self.next_seq()?;
        let nonce = self.received_nonce(seq, body);
        let (_, sealed) = body.split_at_mut(explicit);
        let aad = Self::aad(seq, header.content_type, sealed.len() - usize::from(self.tag_len));
        let plain = self
            .key
            .as_ref()
            .ok_or_else(compacted)?
            .open_in_place(nonce, Aad::from(aad), sealed)
            .map_err(|_| Error::new(ErrorCode::DECRYPT))?;
        if plain.len() > MAX_PLAINTEXT {
            return Err(Error::new(ErrorCode::RECORD_LENGTH_TOO_LARGE));
        }
        Ok((content_type, plain))
    }
}

impl Tls12Protection {
    /// [`Protection::open_app_data_into`] for TLS 1.2.
    fn open_app_data_into(&mut self, header: &Header, body: &[u8], out: &mut [u8]) -> Option<usize> {
        let explicit = self.explicit_nonce_len();
        let sealed = body.get(explicit..)?;
        let plain_len = sealed.len().checked_sub(usize::from(self.tag_len))?;
        if header.content_type != ContentType::ApplicationData as u8
            || plain_len > MAX_PLAINTEXT
            || out.len() < plain_len
        {
            return None;
        }
        let key = self.key.as_ref()?;
        let seq = self.seq;
        let aad = Self::aad(seq, header.content_type, plain_len);
        let (ciphertext, tag) = sealed.split_at(plain_len);
        key.open_separate_gather(
            self.received_nonce(seq, body),
            Aad::from(aad),
            ciphertext,
            tag,
            &mut out[..plain_len],
        )
        .ok()?;
        self.next_seq().ok()?;
        Some(plain_len)
    }
}

/// One direction's record protection, for either version.
pub enum Protection {
    Tls13(Tls13Protection),
    Tls12(Tls12Protection),
}

impl Protection {
    /// The bytes a record carrying `payload_len` bytes takes on the wire (no padding).
    pub fn record_len(&self, payload_len: usize) -> usize {
        match self {
            Protection::Tls13(p) => p.record_len(payload_len, 0),
            Protection::Tls12(p) => p.record_len(payload_len),
        }
    }

    /// Writes one record into `out`, exactly [`Protection::record_len`] bytes.
    pub fn seal(&mut self, content_type: ContentType, payload: &[u8], out: &mut [u8]) -> Result<()> {
        match self {
            Protection::Tls13(p) => p.seal(content_type, payload, 0, out),
            Protection::Tls12(p) => p.seal(content_type, payload, out),
        }
    }

    pub fn open<'a>(&mut self, header: &Header, body: &'a mut [u8]) -> Result<(ContentType, &'a [u8])> {
        match self {
            Protection::Tls13(p) => p.open(header, body),
            Protection::Tls12(p) => p.open(header, body),
        }
    }

    /// Opens an application data record's `body` straight into `out` (the caller's buffer,
    /// which must hold the whole opened body), sparing the copy out of the input buffer that
    /// reading an opened record costs. The body itself is left as it came. Returns the
    /// application data's length; None, with the sequence number where it was, for anything
    /// else: too little room, another content type inside (TLS 1.3's post-handshake
    /// messages and alerts), a bad tag, too long a plaintext. The caller then takes the
    /// record the ordinary way, which opens it again and handles or rejects it as usual;
    /// what this wrote to `out` is not data.
    pub fn open_app_data_into(&mut self, header: &Header, body: &[u8], out: &mut [u8]) -> Option<usize> {
        match self {
            Protection::Tls13(p) => p.open_app_data_into(header, body, out),
            Protection::Tls12(p) => p.open_app_data_into(header, body, out),
        }
    }

    /// A server skipping the early data it rejected (RFC 8446 §4.2.10) opens records on
    /// trial: one that does not authenticate is skipped (None), and leaves the sequence
    /// number where it was, as if it had never come.
    pub fn trial_open<'a>(&mut self, header: &Header, body: &'a mut [u8]) -> Option<(ContentType, &'a [u8])> {
        let Protection::Tls13(p) = self else { return None };
        let seq = p.seq;
        match p.open(header, body) {
            Ok(opened) => Some(opened),
            Err(_) => {
                p.seq = seq;
                None
            }
        }
    }

    pub fn is_tls13(&self) -> bool {
        matches!(self, Protection::Tls13(_))
    }

    /// Records protected so far in this direction (under this key).
    pub fn sequence_number(&self) -> u64 {
        match self {
            Protection::Tls13(p) => p.seq,
            Protection::Tls12(p) => p.seq,
        }
    }

    /// Carries on from record `seq` (a deserialized connection: see serialize.rs).
    pub fn resume_at(mut self, seq: u64) -> Protection {
        match &mut self {
            Protection::Tls13(p) => p.seq = seq,
            Protection::Tls12(p) => p.seq = seq,
        }
        self
    }

    /// Drops the expanded AEAD key (aws-lc's key schedule and GHASH tables: about 600 bytes
    /// of heap per direction), keeping the sequence number. An idle connection does this;
    /// [`Protection::restore_key`] brings the key back before the next record.
    pub fn compact(&mut self) {
        match self {
            Protection::Tls13(p) => p.key = None,
            Protection::Tls12(p) => p.key = None,
        }
    }

    pub fn is_compact(&self) -> bool {
        match self {
            Protection::Tls13(p) => p.key.is_none(),
            Protection::Tls12(p) => p.key.is_none(),
        }
    }

    /// Takes the key of `fresh`, derived again from the same secret, and carries on with
    /// this direction's sequence number.
    pub fn restore_key(&mut self, fresh: Protection) -> Result<()> {
        match (self, fresh) {
            (Protection::Tls13(p), Protection::Tls13(fresh)) => p.key = fresh.key,
            (Protection::Tls12(p), Protection::Tls12(fresh)) => p.key = fresh.key,
            _ => return Err(Error::new(ErrorCode::SAFETY)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suites::TLS13_SUITES;

    fn pair(suite: &'static Tls13Suite) -> (Tls13Protection, Tls13Protection) {
        let secret = Secret::from_slice(&[7u8; 48][..suite.hash.output_len()]);
        (Tls13Protection::new(suite, &secret), Tls13Protection::new(suite, &secret))
    }

    fn split(record: &mut [u8]) -> (Header, &mut [u8]) {
        let (h, body) = record.split_at_mut(HEADER_LEN);
        (Header::parse(&<[u8; HEADER_LEN]>::try_from(&h[..]).unwrap()).unwrap(), body)
    }

    #[test]
    fn round_trips_every_suite_with_padding() {
        for suite in TLS13_SUITES {
            let (mut tx, mut rx) = pair(suite);
            for (i, padding) in [0usize, 1, 100].into_iter().enumerate() {
                let payload = vec![i as u8 + 1; 1000];
                let mut wire = vec![0xee; tx.record_len(payload.len(), padding)];
                tx.seal(ContentType::Handshake, &payload, padding, &mut wire).unwrap();
                assert_eq!(wire[0], ContentType::ApplicationData as u8);
                let (header, body) = split(&mut wire);
                let (ty, plain) = rx.open(&header, body).unwrap();
                assert_eq!((ty, plain), (ContentType::Handshake, &payload[..]));
            }
            assert_eq!(rx.sequence_number(), 3);
        }
    }

    #[test]
    fn tampering_and_replay_fail_to_decrypt() {
        let (mut tx, mut rx) = pair(&crate::suites::TLS13_AES_128_GCM_SHA256);
        let mut wire = vec![0; tx.record_len(5, 0)];
        tx.seal(ContentType::ApplicationData, b"hello", 0, &mut wire).unwrap();
        let mut tampered = wire.clone();
        *tampered.last_mut().unwrap() ^= 1;
        let (header, body) = split(&mut tampered);
        assert_eq!(rx.open(&header, body).unwrap_err().code, ErrorCode::DECRYPT);
        // The failed record consumed sequence number 0, so the genuine one no longer opens.
        let (header, body) = split(&mut wire);
        assert_eq!(rx.open(&header, body).unwrap_err().code, ErrorCode::DECRYPT);
    }

    #[test]
    fn tls12_round_trip_and_tamper_for_every_suite() {
        for suite in crate::suites::TLS12_SUITES {
            let key = vec![3u8; suite.key_len()];
            let iv = vec![9u8; suite.fixed_iv_len()];
            let (mut tx, mut rx) = (Tls12Protection::new(suite, &key, &iv), Tls12Protection::new(suite, &key, &iv));
            for i in 0..3u8 {
                let mut wire = vec![0xee; tx.record_len(300)];
                tx.seal(ContentType::ApplicationData, &[i; 300], &mut wire).unwrap();
                let (header, body) = split(&mut wire);
                assert_eq!(header.content_type, 23);
                let (ty, plain) = rx.open(&header, body).unwrap();
                assert_eq!((ty, plain), (ContentType::ApplicationData, &[i; 300][..]));
            }
            let mut wire = vec![0; tx.record_len(8)];
            assert_eq!(
                tx.seal(ContentType::Handshake, b"finished", &mut wire[1..]).unwrap_err().code,
                ErrorCode::ENCRYPT
            );
            tx.seal(ContentType::Handshake, b"finished", &mut wire).unwrap();
            wire[HEADER_LEN + 9] ^= 1;
            let (header, body) = split(&mut wire);
            assert_eq!(rx.open(&header, body).unwrap_err().code, ErrorCode::DECRYPT);
        }
    }

    #[test]
    fn oversized_and_empty_records_are_rejected() {
        let mut h = Header::encode(23, 0x0303, MAX_CIPHERTEXT + 1);
        assert_eq!(Header::parse(&h).unwrap_err().code, ErrorCode::RECORD_LENGTH_TOO_LARGE);
        h = Header::encode(23, 0x0303, 3);
        let (_, mut rx) = pair(&crate::suites::TLS13_AES_128_GCM_SHA256);
        let mut body = [0u8; 3];
        assert!(rx.open(&Header::parse(&h).unwrap(), &mut body).is_err());
    }

    #[test]
    fn all_zero_inner_plaintext_is_a_bad_message() {
        let (mut tx, mut rx) = pair(&crate::suites::TLS13_AES_128_GCM_SHA256);
        // Seal a record whose "content type" byte is zero, i.e. only padding.
        let mut wire = Vec::new();
        let nonce = tx.next_nonce().unwrap();
        let header = Header::encode(23, 0x0303, 4 + 16);
        wire.extend_from_slice(&header);
        wire.extend_from_slice(&[0u8; 4]);
        let tag = tx
            .key
            .as_ref()
            .unwrap()
            .seal_in_place_separate_tag(nonce, Aad::from(header), &mut wire[HEADER_LEN..])
            .unwrap();
        wire.extend_from_slice(tag.as_ref());
        let (header, body) = split(&mut wire);
        assert_eq!(rx.open(&header, body).unwrap_err().code, ErrorCode::BAD_MESSAGE);
    }
}
