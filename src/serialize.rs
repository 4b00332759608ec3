//! Serialized connections (s2n's `s2n_connection_serialize`, format version 1): what an
//! established connection needs to go on talking to its peer elsewhere, in s2n's byte
//! layout, so a blob from either library restores in the other.
//!
//! All integers big-endian:
//! - format version (u64, 1); protocol version (2 bytes: 3,3 or 3,4); cipher suite (IANA)
//! - client's and server's record sequence numbers (u64 each); outgoing fragment limit (u16)
//! - TLS 1.3: the client's and server's application traffic secrets and the resumption
//!   master secret, each the suite's hash length
//! - TLS 1.2: the master secret (48 bytes), the client's and the server's randoms (32 each)
//!
//! The blob is the connection's keys in the clear, with no integrity check: the application
//! must encrypt and authenticate it (as s2n's documentation says).

use crate::codec::{Reader, Writer};
use crate::crypto::Secret;
use crate::error::{Error, ErrorCode, Result};
use crate::msgs::{TLS12, TLS13};
use crate::record::MAX_PLAINTEXT;
use crate::suites::{Tls12Suite, Tls13Suite};

/// s2n's `S2N_SERIALIZED_CONN_V1`, the only format there is.
pub const FORMAT_V1: u64 = 1;
const FIXED_LEN: usize = 8 + 2 + 2 + 8 + 8 + 2;
const MASTER_SECRET_LEN: usize = 48;

/// An established connection's state, as serialized.
pub struct Established {
    pub client_seq: u64,
    pub server_seq: u64,
    pub max_fragment: u16,
    pub keys: EstablishedKeys,
}

pub enum EstablishedKeys {
    Tls13 { suite: &'static Tls13Suite, client: Secret, server: Secret, resumption: Secret },
    Tls12 { suite: &'static Tls12Suite, master: Secret, client_random: [u8; 32], server_random: [u8; 32] },
}

/// The size of the blob of a connection that negotiated `summary`'s version and suite
/// (`S2N_ERR_HANDSHAKE_NOT_COMPLETE` before it has).
pub fn encoded_len(summary: &crate::conn::Summary) -> Result<usize> {
    match (summary.suite, summary.tls12_suite) {
        (Some(suite), _) => Ok(FIXED_LEN + 3 * suite.hash.output_len()),
        (None, Some(_)) => Ok(FIXED_LEN + MASTER_SECRET_LEN + 64),
        (None, None) => Err(Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE)),
    }
}

impl Established {
    /// The blob; secrets in it are the caller's to wipe (it is handed to the application).
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.put_u64(FORMAT_V1);
        let (version, suite) = match &self.keys {
            EstablishedKeys::Tls13 { suite, .. } => (TLS13, suite.iana),
            EstablishedKeys::Tls12 { suite, .. } => (TLS12, suite.iana),
        };
        out.put_u16(version);
        out.put_u16(suite);
        out.put_u64(self.client_seq);
        out.put_u64(self.server_seq);
        out.put_u16(self.max_fragment);
        match &self.keys {
            EstablishedKeys::Tls13 { client, server, resumption, .. } => {
                for secret in [client, server, resumption] {
                    out.put_bytes(secret.as_ref());
                }
            }
            EstablishedKeys::Tls12 { master, client_random, server_random, .. } => {
                out.put_bytes(master.as_ref());
                out.put_bytes(client_random);
                out.put_bytes(server_random);
            }
        }
    }

    /// Parses a blob; anything malformed (or for a version or suite we do not have) is
    /// `S2N_ERR_INVALID_SERIALIZED_CONNECTION`, as in s2n. Bytes past the state are
    /// ignored, as s2n ignores the rest of the caller's buffer.
    pub fn decode(blob: &[u8]) -> Result<Established> {
        Self::parse(blob).map_err(|_| Error::new(ErrorCode::INVALID_SERIALIZED_CONNECTION))
    }

    fn parse(blob: &[u8]) -> Result<Established> {
        let mut r = Reader::new(blob);
        if r.u64()? != FORMAT_V1 {
            return Err(Error::new(ErrorCode::INVALID_SERIALIZED_CONNECTION));
        }
        let version = r.u16()?;
        let suite = r.u16()?;
        let client_seq = r.u64()?;
        let server_seq = r.u64()?;
        let max_fragment = r.u16()?;
        if max_fragment == 0 || usize::from(max_fragment) > MAX_PLAINTEXT {
            return Err(Error::new(ErrorCode::INVALID_SERIALIZED_CONNECTION));
        }
        let unknown = || Error::new(ErrorCode::INVALID_SERIALIZED_CONNECTION);
        let keys = match version {
            TLS13 => {
                let suite = crate::suites::tls13_suite(suite).ok_or_else(unknown)?;
                let len = suite.hash.output_len();
                let mut secret = || r.take(len).map(Secret::from_slice);
                let (client, server, resumption) = (secret()?, secret()?, secret()?);
                EstablishedKeys::Tls13 { suite, client, server, resumption }
            }
            TLS12 => {
                let suite = crate::suites::tls12_suite(suite).ok_or_else(unknown)?;
                let master = Secret::from_slice(r.take(MASTER_SECRET_LEN)?);
                let client_random = r.array::<32>()?;
                let server_random = r.array::<32>()?;
                EstablishedKeys::Tls12 { suite, master, client_random, server_random }
            }
            _ => return Err(unknown()),
        };
        Ok(Established { client_seq, server_seq, max_fragment, keys })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls13() -> Established {
        Established {
            client_seq: 3,
            server_seq: 0x0102_0304_0506_0708,
            max_fragment: 4096,
            keys: EstablishedKeys::Tls13 {
                suite: &crate::suites::TLS13_AES_128_GCM_SHA256,
                client: Secret::from_slice(&[1; 32]),
                server: Secret::from_slice(&[2; 32]),
                resumption: Secret::from_slice(&[3; 32]),
            },
        }
    }

    #[test]
    fn s2n_layout_round_trips_and_rejects_damage() {
        let mut blob = Vec::new();
        tls13().encode(&mut blob);
        let summary =
            crate::conn::Summary { suite: Some(&crate::suites::TLS13_AES_128_GCM_SHA256), ..Default::default() };
        assert_eq!(blob.len(), encoded_len(&summary).unwrap());
        assert_eq!(&blob[..12], &[0, 0, 0, 0, 0, 0, 0, 1, 3, 4, 0x13, 0x01]);
        assert_eq!(&blob[20..30], &[1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0]);
        let back = Established::decode(&blob).unwrap();
        assert_eq!((back.client_seq, back.server_seq, back.max_fragment), (3, 0x0102_0304_0506_0708, 4096));
        let EstablishedKeys::Tls13 { server, .. } = back.keys else { panic!("TLS 1.3") };
        assert_eq!(server.as_ref(), &[2; 32]);
        // Truncated, another format version, an unknown suite, a zero fragment limit.
        for damage in [
            |b: &mut Vec<u8>| b.truncate(b.len() - 1),
            |b: &mut Vec<u8>| b[7] = 2,
            |b: &mut Vec<u8>| b[11] = 0x99,
            |b: &mut Vec<u8>| b[9] = 2,
            |b: &mut Vec<u8>| b[28..30].copy_from_slice(&[0, 0]),
        ] {
            let mut bad = blob.clone();
            damage(&mut bad);
            assert_eq!(Established::decode(&bad).err().map(|e| e.code), Some(ErrorCode::INVALID_SERIALIZED_CONNECTION));
        }
    }
}
