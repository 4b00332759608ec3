//! Reading and writing TLS wire structures (RFC 8446 §3): big-endian integers and
//! length-prefixed vectors, with every length checked against what is actually there.
//!
//! Decoding never panics and never allocates from a peer-supplied length: a vector's
//! length only ever selects a sub-slice of bytes already received.

use crate::alert::AlertDescription;
use crate::error::{Error, ErrorCode, Result};

/// A malformed message: `S2N_ERR_BAD_MESSAGE`, sent to the peer as decode_error.
#[track_caller]
pub fn decode_error() -> Error {
    Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::DecodeError)
}

/// A cursor over received bytes. Every read either succeeds or fails with [`decode_error`].
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn remaining(&self) -> usize {
        self.buf.len()
    }

    /// The bytes not yet read, without consuming them.
    pub fn rest(&self) -> &'a [u8] {
        self.buf
    }

    #[track_caller]
    pub fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        if len > self.buf.len() {
            return Err(decode_error());
        }
        let (head, tail) = self.buf.split_at(len);
        self.buf = tail;
        Ok(head)
    }

    #[track_caller]
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    #[track_caller]
    pub fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    #[track_caller]
    pub fn u24(&mut self) -> Result<u32> {
        let b = self.take(3)?;
        Ok(u32::from_be_bytes([0, b[0], b[1], b[2]]))
    }

    #[track_caller]
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    #[track_caller]
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    /// `N` bytes, as an array.
    #[track_caller]
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// A vector with a one-byte length prefix, as a reader over its contents.
    #[track_caller]
    pub fn vec_u8(&mut self) -> Result<Reader<'a>> {
        let len = self.u8()? as usize;
        Ok(Reader::new(self.take(len)?))
    }

    #[track_caller]
    pub fn vec_u16(&mut self) -> Result<Reader<'a>> {
        let len = self.u16()? as usize;
        Ok(Reader::new(self.take(len)?))
    }

    #[track_caller]
    pub fn vec_u24(&mut self) -> Result<Reader<'a>> {
        let len = self.u24()? as usize;
        Ok(Reader::new(self.take(len)?))
    }

    /// Fails unless everything has been read: trailing bytes in a message are an error.
    #[track_caller]
    pub fn finish(self) -> Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(decode_error())
        }
    }
}

/// Appending TLS structures to a byte vector.
pub trait Writer {
    fn put_u8(&mut self, v: u8);
    fn put_u16(&mut self, v: u16);
    fn put_u24(&mut self, v: u32);
    fn put_u32(&mut self, v: u32);
    fn put_u64(&mut self, v: u64);
    fn put_bytes(&mut self, v: &[u8]);
    /// Writes a vector whose one-, two- or three-byte length prefix is filled in after
    /// `body` has written the contents.
    fn put_prefixed(&mut self, prefix_len: usize, body: impl FnOnce(&mut Vec<u8>));
}

impl Writer for Vec<u8> {
    fn put_u8(&mut self, v: u8) {
        self.push(v);
    }

    fn put_u16(&mut self, v: u16) {
        self.extend_from_slice(&v.to_be_bytes());
    }

    fn put_u24(&mut self, v: u32) {
        self.extend_from_slice(&v.to_be_bytes()[1..]);
    }

    fn put_u32(&mut self, v: u32) {
        self.extend_from_slice(&v.to_be_bytes());
    }

    fn put_u64(&mut self, v: u64) {
        self.extend_from_slice(&v.to_be_bytes());
    }

    fn put_bytes(&mut self, v: &[u8]) {
        self.extend_from_slice(v);
    }

    fn put_prefixed(&mut self, prefix_len: usize, body: impl FnOnce(&mut Vec<u8>)) {
        debug_assert!((1..=3).contains(&prefix_len));
        let start = self.len();
        self.extend_from_slice(&[0; 3][..prefix_len]);
        body(self);
        let len = self.len() - start - prefix_len;
        // Our own messages are built from bounded pieces; exceeding the prefix is a bug.
        assert!(len < 1 << (8 * prefix_len), "vector too long for its length prefix");
        let bytes = (len as u32).to_be_bytes();
        self[start..start + prefix_len].copy_from_slice(&bytes[4 - prefix_len..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_integers_and_vectors() {
        let mut r = Reader::new(&[1, 0, 2, 0, 0, 3, 2, 0xaa, 0xbb, 0, 1, 0xcc]);
        assert_eq!(r.u8().unwrap(), 1);
        assert_eq!(r.u16().unwrap(), 2);
        assert_eq!(r.u24().unwrap(), 3);
        let mut v = r.vec_u8().unwrap();
        assert_eq!(v.take(2).unwrap(), &[0xaa, 0xbb]);
        v.finish().unwrap();
        assert_eq!(r.vec_u16().unwrap().rest(), &[0xcc]);
        r.finish().unwrap();
    }

    #[test]
    fn lengths_beyond_the_data_fail_cleanly() {
        assert!(Reader::new(&[5, 1, 2]).vec_u8().is_err());
        assert!(Reader::new(&[0xff, 0xff]).vec_u16().is_err());
        assert!(Reader::new(&[0xff, 0xff, 0xff, 0]).vec_u24().is_err());
        assert!(Reader::new(&[0]).u16().is_err());
        assert!(Reader::new(&[1]).finish().is_err());
        let err = Reader::new(&[]).u8().unwrap_err();
        assert_eq!(err.code, ErrorCode::BAD_MESSAGE);
    }

    #[test]
    fn writes_prefixed_vectors() {
        let mut out = Vec::new();
        out.put_u16(0x0303);
        out.put_prefixed(2, |w| {
            w.put_u8(7);
            w.put_prefixed(1, |w| w.put_bytes(b"ab"));
        });
        out.put_u24(0x010203);
        assert_eq!(out, [3, 3, 0, 4, 7, 2, b'a', b'b', 1, 2, 3]);
        let mut r = Reader::new(&out);
        r.u16().unwrap();
        let mut inner = r.vec_u16().unwrap();
        assert_eq!(inner.u8().unwrap(), 7);
        assert_eq!(inner.vec_u8().unwrap().rest(), b"ab");
    }
}
