//! Resumable sessions: what a TLS 1.3 ticket carries (server side) and what a client keeps
//! to resume (its serialised form is `s2n_connection_get_session`'s blob).
//!
//! Both encodings start with a version byte and are length-checked on decode, so a
//! truncated, tampered or foreign blob fails cleanly instead of being misread.

use crate::codec::{Reader, Writer};
use crate::crypto::Secret;
use crate::error::{Error, ErrorCode, Result};
use crate::suites::{tls13_suite, Tls13Suite};

const SERVER_STATE_VERSION: u8 = 1;
const CLIENT_SESSION_VERSION: u8 = 0x31;

/// The TLS 1.3 session a ticket stands for, as the server encrypts it into the ticket.
pub struct TicketState {
    pub suite: &'static Tls13Suite,
    pub psk: Secret,
    /// Seconds since the Unix epoch, server clock.
    pub issued_at: u64,
    pub lifetime: u32,
    pub age_add: u32,
}

impl TicketState {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.psk.as_ref().len());
        out.put_u8(SERVER_STATE_VERSION);
        out.put_u16(self.suite.iana);
        out.extend_from_slice(&self.issued_at.to_be_bytes());
        out.put_u32(self.lifetime);
        out.put_u32(self.age_add);
        out.put_prefixed(1, |w| w.put_bytes(self.psk.as_ref()));
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<TicketState> {
        let bad = || Error::new(ErrorCode::INVALID_SESSION_TICKET);
        let mut r = Reader::new(bytes);
        if r.u8().map_err(|_| bad())? != SERVER_STATE_VERSION {
            return Err(bad());
        }
        let suite = tls13_suite(r.u16().map_err(|_| bad())?).ok_or_else(bad)?;
        let issued_at = u64::from_be_bytes(r.take(8).map_err(|_| bad())?.try_into().expect("8 bytes"));
        let lifetime = r.u32().map_err(|_| bad())?;
        let age_add = r.u32().map_err(|_| bad())?;
        let psk = r.vec_u8().map_err(|_| bad())?.rest();
        r.finish().map_err(|_| bad())?;
        if psk.len() != suite.hash.output_len() {
            return Err(bad());
        }
        Ok(TicketState { suite, psk: Secret::from_slice(psk), issued_at, lifetime, age_add })
    }
}

/// What a client needs to resume a TLS 1.3 session.
#[derive(Clone)]
pub struct ClientSession {
    pub ticket: Vec<u8>,
    pub suite: &'static Tls13Suite,
    pub psk: Secret,
    /// When the ticket arrived, milliseconds since the Unix epoch (client clock).
    pub received_at_ms: u64,
    /// Seconds the server allows the ticket to be used.
    pub lifetime: u32,
    pub age_add: u32,
}

impl ClientSession {
    /// Whether the ticket may still be offered at `now_ms`.
    pub fn is_valid_at(&self, now_ms: u64) -> bool {
        now_ms >= self.received_at_ms && now_ms - self.received_at_ms < u64::from(self.lifetime) * 1000
    }

    /// The serialised form handed to applications.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.ticket.len() + self.psk.as_ref().len());
        out.put_u8(CLIENT_SESSION_VERSION);
        out.put_u16(self.suite.iana);
        out.extend_from_slice(&self.received_at_ms.to_be_bytes());
        out.put_u32(self.lifetime);
        out.put_u32(self.age_add);
        out.put_prefixed(1, |w| w.put_bytes(self.psk.as_ref()));
        out.put_prefixed(2, |w| w.put_bytes(&self.ticket));
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<ClientSession> {
        let bad = || Error::new(ErrorCode::INVALID_SERIALIZED_SESSION_STATE);
        let mut r = Reader::new(bytes);
        if r.u8().map_err(|_| bad())? != CLIENT_SESSION_VERSION {
            return Err(bad());
        }
        let suite = tls13_suite(r.u16().map_err(|_| bad())?).ok_or_else(bad)?;
        let received_at_ms = u64::from_be_bytes(r.take(8).map_err(|_| bad())?.try_into().expect("8 bytes"));
        let lifetime = r.u32().map_err(|_| bad())?;
        let age_add = r.u32().map_err(|_| bad())?;
        let psk = r.vec_u8().map_err(|_| bad())?.rest();
        let ticket = r.vec_u16().map_err(|_| bad())?.rest().to_vec();
        r.finish().map_err(|_| bad())?;
        if psk.len() != suite.hash.output_len() || ticket.is_empty() {
            return Err(bad());
        }
        Ok(ClientSession { ticket, suite, psk: Secret::from_slice(psk), received_at_ms, lifetime, age_add })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suites::TLS13_AES_256_GCM_SHA384;

    #[test]
    fn client_sessions_round_trip_and_reject_damage() {
        let session = ClientSession {
            ticket: vec![7; 100],
            suite: &TLS13_AES_256_GCM_SHA384,
            psk: Secret::from_slice(&[1; 48]),
            received_at_ms: 1_700_000_000_000,
            lifetime: 3600,
            age_add: 0xdeadbeef,
        };
        let blob = session.encode();
        let back = ClientSession::decode(&blob).unwrap();
        assert_eq!(back.ticket, session.ticket);
        assert_eq!(back.psk.as_ref(), session.psk.as_ref());
        assert!(back.is_valid_at(session.received_at_ms + 3_599_999));
        assert!(!back.is_valid_at(session.received_at_ms + 3_600_000));
        for cut in 0..blob.len() {
            assert!(ClientSession::decode(&blob[..cut]).is_err());
        }
        let mut foreign = blob.clone();
        foreign[0] ^= 1;
        assert!(ClientSession::decode(&foreign).is_err());
        let mut longer = blob.clone();
        longer.push(0);
        assert!(ClientSession::decode(&longer).is_err());
    }
}
