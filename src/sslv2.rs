//! ClientHellos in SSL 2.0's record format (RFC 5246 Appendix E.2), which old clients send
//! to servers that may speak TLS: a two-byte header with the top bit set, then CLIENT-HELLO.
//! A server accepts one as the first message only and answers in TLS, after rewriting it as
//! the TLS ClientHello it stands for; the handshake transcript keeps the bytes as sent.

use crate::codec::{decode_error, Reader, Writer};
use crate::error::Result;
use crate::msgs::hs;

/// The record version reported for an SSL 2.0 record: SSL 2.0's version number (s2n's too).
pub const RECORD_VERSION: u16 = 0x0002;

/// SSL 2.0's CLIENT-HELLO message type.
const CLIENT_HELLO: u8 = 1;

/// Whether `first`, the first byte a server received, starts an SSL 2.0 record.
pub fn starts_record(first: u8) -> bool {
    first & 0x80 != 0
}

/// The length of the SSL 2.0 record at the start of `data` (its two-byte header included),
/// if the header is there.
pub fn record_len(data: &[u8]) -> Option<usize> {
    let [high, low, ..] = *data else { return None };
    Some(2 + ((usize::from(high & 0x7f) << 8) | usize::from(low)))
}

/// A CLIENT-HELLO (`body`: the record after its header, which is what the transcript
/// hashes) rewritten as a TLS ClientHello handshake message: same version, cipher suites
/// (the SSL 2.0-only three-byte ones dropped), session id, and the challenge right-aligned
/// in a zero-padded random; no compression, no extensions.
pub fn to_tls_client_hello(body: &[u8]) -> Result<Vec<u8>> {
    let mut r = Reader::new(body);
    if r.u8()? != CLIENT_HELLO {
        return Err(decode_error());
    }
    let version = r.u16()?;
    let specs_len = usize::from(r.u16()?);
    let session_id_len = usize::from(r.u16()?);
    let challenge_len = usize::from(r.u16()?);
    // The challenge becomes the random, so it may not be longer; SSL 2.0 asks for at least 16.
    if specs_len == 0 || specs_len % 3 != 0 || session_id_len > 32 || !(16..=32).contains(&challenge_len) {
        return Err(decode_error());
    }
    let specs = r.take(specs_len)?;
    let session_id = r.take(session_id_len)?;
    let challenge = r.take(challenge_len)?;
    r.finish()?;
    let suites: Vec<u8> =
        specs.chunks_exact(3).filter(|spec| spec[0] == 0).flat_map(|spec| [spec[1], spec[2]]).collect();
    if suites.is_empty() {
        return Err(decode_error());
    }
    let mut random = [0u8; 32];
    random[32 - challenge_len..].copy_from_slice(challenge);

    let mut message = Vec::with_capacity(4 + 2 + 32 + 1 + session_id_len + 2 + suites.len() + 2);
    crate::msgs::encode_handshake(&mut message, hs::CLIENT_HELLO, |w| {
        w.put_u16(version);
        w.put_bytes(&random);
        w.put_prefixed(1, |w| w.put_bytes(session_id));
        w.put_prefixed(2, |w| w.put_bytes(&suites));
        w.put_prefixed(1, |w| w.put_u8(0));
    });
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msgs::ClientHello;

    fn client_hello(specs: &[u8], session_id: &[u8], challenge: &[u8]) -> Vec<u8> {
        let mut body = vec![CLIENT_HELLO, 3, 3];
        body.extend_from_slice(&(specs.len() as u16).to_be_bytes());
        body.extend_from_slice(&(session_id.len() as u16).to_be_bytes());
        body.extend_from_slice(&(challenge.len() as u16).to_be_bytes());
        body.extend_from_slice(specs);
        body.extend_from_slice(session_id);
        body.extend_from_slice(challenge);
        body
    }

    #[test]
    fn rewritten_as_the_tls_hello_it_stands_for() {
        // Two TLS suites and one SSL 2.0-only spec; a 16-byte challenge.
        let body = client_hello(&[0x00, 0xc0, 0x2f, 0x07, 0x00, 0xc0, 0x00, 0x00, 0xff], &[], &[7; 16]);
        let mut record = vec![0x80, body.len() as u8];
        record.extend_from_slice(&body);
        assert!(starts_record(record[0]));
        assert_eq!(record_len(&record), Some(record.len()));

        let message = to_tls_client_hello(&body).unwrap();
        assert_eq!(message[0], hs::CLIENT_HELLO);
        let ch = ClientHello::decode(&message[4..]).unwrap();
        assert_eq!(ch.legacy_version, 0x0303);
        assert_eq!(ch.cipher_suites, &[0xc0, 0x2f, 0x00, 0xff]);
        assert_eq!(&ch.random[..16], &[0; 16]);
        assert_eq!(&ch.random[16..], &[7; 16]);
        assert!(ch.session_id.is_empty());
        assert_eq!(ch.compression_methods, &[0]);
        assert!(ch.supported_versions().unwrap().is_none());
    }

    #[test]
    fn malformed_hellos_are_decode_errors() {
        let good = client_hello(&[0x00, 0xc0, 0x2f], &[], &[1; 32]);
        assert!(to_tls_client_hello(&good).is_ok());
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            client_hello(&[0x00, 0xc0], &[], &[1; 32]), // spec not three bytes
            client_hello(&[0x07, 0x00, 0xc0], &[], &[1; 32]), // no TLS suite at all
            client_hello(&[0x00, 0xc0, 0x2f], &[], &[1; 8]), // challenge too short
            client_hello(&[0x00, 0xc0, 0x2f], &[], &[1; 33]), // challenge too long
            client_hello(&[0x00, 0xc0, 0x2f], &[2; 33], &[1; 32]), // session id too long
            good[..good.len() - 1].to_vec(),            // truncated
            [good.as_slice(), &[0]].concat(),           // trailing byte
            [&[2u8][..], &good[1..]].concat(),          // not CLIENT-HELLO
        ];
        for (i, body) in cases.iter().enumerate() {
            assert!(to_tls_client_hello(body).is_err(), "case {i}");
        }
    }
}
