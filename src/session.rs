//! Resumable sessions: what a TLS 1.3 ticket carries (server side) and what a client keeps
//! to resume (its serialised form is `s2n_connection_get_session`'s blob).
//!
//! Both encodings start with a version byte and are length-checked on decode, so a
//! truncated, tampered or foreign blob fails cleanly instead of being misread.

use crate::codec::{Reader, Writer};
use crate::crypto::Secret;
use crate::early_data::EarlyDataTerms;
use crate::error::{Error, ErrorCode, Result};
use crate::suites::{tls12_suite, tls13_suite, Tls12Suite, Tls13Suite};

// The client session blob is s2n-tls's own layout (s2n_connection_get_session), so blobs
// move between s2n and us: how the session is found, then the resumption state.
const STATE_WITH_SESSION_ID: u8 = 0;
const STATE_WITH_SESSION_TICKET: u8 = 1;
const FORMAT_TLS13_V1: u8 = 2;
const FORMAT_TLS12_V3: u8 = 4;
/// s2n's protocol version numbers inside the blob.
const S2N_TLS12: u8 = 33;
const S2N_TLS13: u8 = 34;
/// s2n's blob carries no ticket lifetime: a decoded session counts as valid for the longest a
/// ticket may live (RFC 8446 §4.6.1); the client's session lifetime limits it further.
const DECODED_LIFETIME: u32 = 7 * 24 * 3600;

/// The secret a resumed handshake rests on, per protocol version.
#[derive(Clone)]
pub enum SessionSecret {
    /// TLS 1.3: the PSK derived for one ticket (RFC 8446 §4.6.1), the ticket's age
    /// obfuscator, and the early data the ticket allows.
    Tls13 { suite: &'static Tls13Suite, psk: Secret, age_add: u32, early_data: EarlyDataTerms },
    /// TLS 1.2: the master secret, reused with fresh randoms (RFC 5077 §3.4), and whether
    /// it was made with the extended master secret (RFC 7627), which a resumption must match.
    Tls12 { suite: &'static Tls12Suite, master: Secret, extended_master_secret: bool },
}

impl SessionSecret {
    /// s2n's resumption state (after the blob's or ticket's own header): format, version,
    /// suite, issue time, then per version the secrets; a server's TLS 1.3 state also
    /// carries the keying-material deadline (`keying_deadline_ns`).
    fn put_state(&self, out: &mut Vec<u8>, issued_ns: u64, keying_deadline_ns: Option<u64>) {
        match self {
            SessionSecret::Tls13 { suite, psk, age_add, early_data } => {
                out.put_u8(FORMAT_TLS13_V1);
                out.put_u8(S2N_TLS13);
                out.put_u16(suite.iana);
                out.extend_from_slice(&issued_ns.to_be_bytes());
                out.put_u32(*age_add);
                out.put_prefixed(1, |w| w.put_bytes(psk.as_ref()));
                if let Some(deadline) = keying_deadline_ns {
                    out.extend_from_slice(&deadline.to_be_bytes());
                }
                out.put_u32(early_data.max_size);
                if early_data.max_size > 0 {
                    out.put_prefixed(1, |w| w.put_bytes(&early_data.alpn));
                    out.put_prefixed(2, |w| w.put_bytes(&early_data.context));
                }
            }
            SessionSecret::Tls12 { suite, master, extended_master_secret } => {
                out.put_u8(FORMAT_TLS12_V3);
                out.put_u8(S2N_TLS12);
                out.put_u16(suite.iana);
                out.extend_from_slice(&issued_ns.to_be_bytes());
                out.extend_from_slice(master.as_ref());
                out.put_u8(u8::from(*extended_master_secret));
            }
        }
    }

    /// Reads what `put_state` wrote: the secret, the issue time and (when `server` and TLS
    /// 1.3) the keying-material deadline, both in nanoseconds. `None` if damaged.
    fn read_state(r: &mut Reader<'_>, server: bool) -> Option<(SessionSecret, u64, Option<u64>)> {
        let u64_from = |r: &mut Reader<'_>| r.take(8).ok().map(|b| u64::from_be_bytes(b.try_into().expect("8 bytes")));
        let format = r.u8().ok()?;
        let version = r.u8().ok()?;
        let iana = r.u16().ok()?;
        let issued_ns = u64_from(r)?;
        match (format, version) {
            (FORMAT_TLS13_V1, S2N_TLS13) => {
                let suite = tls13_suite(iana)?;
                let age_add = r.u32().ok()?;
                let psk = r.vec_u8().ok()?.rest();
                if psk.len() != suite.hash.output_len() {
                    return None;
                }
                let deadline = if server { Some(u64_from(r)?) } else { None };
                // The early data terms, when the server allowed early data.
                let mut early_data =
                    EarlyDataTerms { max_size: r.u32().ok()?, suite: Some(suite), ..Default::default() };
                if early_data.max_size > 0 {
                    early_data.alpn = r.vec_u8().ok()?.rest().into();
                    early_data.context = r.vec_u16().ok()?.rest().into();
                }
                let secret = SessionSecret::Tls13 { suite, psk: Secret::from_slice(psk), age_add, early_data };
                Some((secret, issued_ns, deadline))
            }
            (FORMAT_TLS12_V3, S2N_TLS12) => {
                let suite = tls12_suite(iana)?;
                let master = r.take(48).ok()?;
                let extended_master_secret = match r.u8().ok()? {
                    0 => false,
                    1 => true,
                    _ => return None,
                };
                let secret = SessionSecret::Tls12 { suite, master: Secret::from_slice(master), extended_master_secret };
                Some((secret, issued_ns, None))
            }
            _ => None,
        }
    }

    fn is_tls13(&self) -> bool {
        matches!(self, SessionSecret::Tls13 { .. })
    }
}

/// How long (seconds) a ticket issued at `now` may be used, as s2n computes it: the shortest
/// of the session lifetime, what is left of the ticket keys' life, what is left of the keying
/// material (TLS 1.3, `keying_material_expires`), and RFC 8446's 7 days. 0: issue none.
pub fn ticket_lifetime(config: &crate::config::Config, now: u64, keying_material_expires: Option<u64>) -> u32 {
    let key_left = config.ticket_keys.shortest_remaining_life(now.saturating_mul(1_000_000_000)) / 1_000_000_000;
    let keying_left = keying_material_expires.map_or(u64::MAX, |e| e.saturating_sub(now));
    let week = 7 * 24 * 3600;
    [u64::from(config.session_lifetime), key_left, keying_left, week].into_iter().min().unwrap_or(0) as u32
}

/// The session a ticket stands for, as the server encrypts it into the ticket. The layout is
/// s2n-tls's server state, so a ferrotls server and an s2n-tls server given the same ticket
/// keys resume each other's sessions:
/// TLS 1.3 `[2][34][suite][issued ns u64][age_add u32][u8 psk][keying deadline ns u64][max early data u32]`
/// then, when that is not 0, `[u8 ALPN protocol][u16 early data context]`,
/// TLS 1.2 `[4][33][suite][issued ns u64][master 48][ems]`.
pub struct TicketState {
    pub secret: SessionSecret,
    /// Seconds since the Unix epoch, server clock.
    pub issued_at: u64,
    /// TLS 1.3: when the keying material this ticket descends from (through any chain of
    /// resumptions) must stop being used, seconds since the epoch. TLS 1.2 states do not
    /// carry it (a resumed TLS 1.2 session issues no new ticket).
    pub keying_material_expires: u64,
}

impl TicketState {
    /// The sealed ticket's plaintext: it holds the session's secret, so it is wiped.
    pub fn encode(&self) -> zeroize::Zeroizing<Vec<u8>> {
        let mut out = zeroize::Zeroizing::new(Vec::with_capacity(80));
        let deadline = self.keying_material_expires.saturating_mul(1_000_000_000);
        self.secret.put_state(&mut out, self.issued_at.saturating_mul(1_000_000_000), Some(deadline));
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<TicketState> {
        let bad = || Error::new(ErrorCode::INVALID_SESSION_TICKET);
        let mut r = Reader::new(bytes);
        let (secret, issued_ns, deadline_ns) = SessionSecret::read_state(&mut r, true).ok_or_else(bad)?;
        r.finish().map_err(|_| bad())?;
        Ok(TicketState {
            secret,
            issued_at: issued_ns / 1_000_000_000,
            keying_material_expires: deadline_ns.map_or(u64::MAX, |d| d / 1_000_000_000),
        })
    }

    /// Whether the session may still be resumed at `now` (seconds) under a session lifetime
    /// of `lifetime` seconds (s2n's session state lifetime); a minute of clock skew is
    /// forgiven for tickets from the future.
    pub fn is_valid_at(&self, now: u64, lifetime: u32) -> bool {
        now >= self.issued_at.saturating_sub(60) && now < self.issued_at.saturating_add(u64::from(lifetime))
    }
}

/// What a client keeps to resume a session (and a server's record of the session a client
/// resumed).
#[derive(Clone)]
pub struct ClientSession {
    /// The ticket to present; empty for a TLS 1.2 session the server keeps in its cache.
    pub ticket: Vec<u8>,
    /// TLS 1.2: the session id a cached session is found by (RFC 5246 §7.4.1.2).
    pub session_id: Vec<u8>,
    pub secret: SessionSecret,
    /// When the ticket arrived, milliseconds since the Unix epoch (client clock).
    pub received_at_ms: u64,
    /// Seconds the server allows the ticket to be used.
    pub lifetime: u32,
}

impl ClientSession {
    /// Whether the ticket may still be offered at `now_ms`. Handshakes read the clock in
    /// whole seconds while a session's time may be finer (s2n's blob has nanoseconds), so a
    /// session from within the current second counts as received now.
    pub fn is_valid_at(&self, now_ms: u64) -> bool {
        now_ms + 1000 > self.received_at_ms
            && now_ms.saturating_sub(self.received_at_ms) < u64::from(self.lifetime) * 1000
    }

    /// The early data a TLS 1.3 session's ticket allows.
    pub fn early_data(&self) -> Option<&EarlyDataTerms> {
        match &self.secret {
            SessionSecret::Tls13 { early_data, .. } => Some(early_data),
            SessionSecret::Tls12 { .. } => None,
        }
    }

    /// The TLS 1.3 parts: suite, PSK and age obfuscator.
    pub fn tls13(&self) -> Option<(&'static Tls13Suite, &Secret, u32)> {
        match &self.secret {
            SessionSecret::Tls13 { suite, psk, age_add, .. } => Some((*suite, psk, *age_add)),
            SessionSecret::Tls12 { .. } => None,
        }
    }

    /// The serialised form handed to applications, in s2n's layout: `[1][u16 ticket]` or
    /// `[0][u8 session id]`, then for TLS 1.2 `[4][33][suite][issued ns u64][master 48][ems]`,
    /// for TLS 1.3 `[2][34][suite][issued ns u64][age_add u32][u8 psk][max early data u32]` and,
    /// when that is not 0, `[u8 ALPN protocol][u16 early data context]`.
    pub fn encode(&self) -> zeroize::Zeroizing<Vec<u8>> {
        let mut out = zeroize::Zeroizing::new(Vec::with_capacity(96 + self.ticket.len()));
        if self.ticket.is_empty() {
            out.put_u8(STATE_WITH_SESSION_ID);
            out.put_prefixed(1, |w| w.put_bytes(&self.session_id));
        } else {
            out.put_u8(STATE_WITH_SESSION_TICKET);
            out.put_prefixed(2, |w| w.put_bytes(&self.ticket));
        }
        self.secret.put_state(&mut out, self.received_at_ms.saturating_mul(1_000_000), None);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<ClientSession> {
        let bad = || Error::new(ErrorCode::INVALID_SERIALIZED_SESSION_STATE);
        let mut r = Reader::new(bytes);
        let (ticket, session_id) = match r.u8().map_err(|_| bad())? {
            STATE_WITH_SESSION_TICKET => (r.vec_u16().map_err(|_| bad())?.rest().to_vec(), Vec::new()),
            STATE_WITH_SESSION_ID => (Vec::new(), r.vec_u8().map_err(|_| bad())?.rest().to_vec()),
            _ => return Err(bad()),
        };
        let (secret, issued_ns, _) = SessionSecret::read_state(&mut r, false).ok_or_else(bad)?;
        r.finish().map_err(|_| bad())?;
        // Found by its ticket, or (TLS 1.2 only) by a session id of at most 32 bytes.
        let findable = !ticket.is_empty() || (!secret.is_tls13() && !session_id.is_empty());
        if !findable || session_id.len() > 32 {
            return Err(bad());
        }
        Ok(ClientSession {
            ticket,
            session_id,
            secret,
            received_at_ms: issued_ns / 1_000_000,
            lifetime: DECODED_LIFETIME,
        })
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
            session_id: Vec::new(),
            secret: SessionSecret::Tls13 {
                suite: &TLS13_AES_256_GCM_SHA384,
                psk: Secret::from_slice(&[1; 48]),
                age_add: 0xdeadbeef,
                early_data: EarlyDataTerms {
                    max_size: 4096,
                    suite: Some(&TLS13_AES_256_GCM_SHA384),
                    alpn: (*b"h2").into(),
                    context: (*b"ctx").into(),
                },
            },
            received_at_ms: 1_700_000_000_000,
            lifetime: 3600,
        };
        let blob = session.encode();
        let back = ClientSession::decode(&blob).unwrap();
        assert_eq!(back.ticket, session.ticket);
        assert_eq!(back.tls13().unwrap().1.as_ref(), &[1; 48]);
        assert_eq!(back.tls13().unwrap().2, 0xdeadbeef);
        assert_eq!(back.received_at_ms, session.received_at_ms);
        assert_eq!(back.early_data(), session.early_data());
        assert_eq!(back.early_data().unwrap().max_size, 4096);
        assert!(session.is_valid_at(session.received_at_ms + 3_599_999));
        assert!(!session.is_valid_at(session.received_at_ms + 3_600_000));
        // s2n's layout: found by ticket, TLS 1.3 state version 1 for protocol 34.
        assert_eq!(&blob[..3], &[1, 0, 100]);
        assert_eq!(&blob[103..105], &[2, 34]);
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
