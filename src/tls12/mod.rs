//! TLS 1.2 (RFC 5246) with ECDHE key exchange and AEAD suites only, plus the RFC 7627
//! extended master secret and RFC 5746 secure renegotiation indication.

pub mod client;
pub mod prf;
pub mod server;
#[cfg(test)]
mod tests;

use rustls_pki_types::CertificateDer;

use crate::codec::{Reader, Writer};
use crate::crypto::Secret;
use crate::error::Result;
use crate::msgs::{encode_handshake, hs};
use crate::record::{Protection, Tls12Protection};
use crate::session::{SessionSecret, TicketState};
use crate::suites::Tls12Suite;
use crate::transcript::Transcript;

/// What a TLS 1.2 connection keeps after its handshake: the master secret (exporter, key
/// log, `s2n_connection_get_master_secret`) and the randoms it is used with.
pub struct Secrets {
    pub master: Secret,
    pub client_random: [u8; 32],
    pub server_random: [u8; 32],
    pub suite: &'static Tls12Suite,
    /// The peer's protection, installed when its ChangeCipherSpec arrives.
    pub pending_read: Option<Protection>,
    /// Client: both Finished messages' verify_data (ours, then the server's), which a
    /// secure renegotiation shows back (RFC 5746 §3.5).
    pub finished: [u8; 24],
}

/// Decodes a TLS 1.2 Certificate message: a list of DER certificates, leaf first.
pub fn certificate_list(body: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let mut r = Reader::new(body);
    let mut list = r.vec_u24()?;
    r.finish()?;
    let mut chain = Vec::new();
    while !list.is_empty() {
        let cert = list.vec_u24()?.rest();
        if cert.is_empty() {
            return Err(crate::codec::decode_error());
        }
        chain.push(CertificateDer::from(cert.to_vec()));
    }
    Ok(chain)
}

pub fn encode_certificate_list(out: &mut Vec<u8>, chain: &[&[u8]]) {
    encode_handshake(out, hs::CERTIFICATE, |w| {
        w.put_prefixed(3, |w| {
            for cert in chain {
                w.put_prefixed(3, |w| w.put_bytes(cert));
            }
        })
    });
}

/// Our ChangeCipherSpec, NextProtocol if we negotiated by NPN, and Finished: switches our
/// sending keys to `write`, sends the verify_data over the transcript (RFC 5246 §7.4.9)
/// and adds the Finished to it.
pub fn send_finished(
    common: &mut crate::conn::Common,
    suite: &'static Tls12Suite,
    master: &Secret,
    client: bool,
    transcript: &mut Transcript,
    write: Protection,
    next_protocol: Option<&[u8]>,
) -> Result<[u8; 12]> {
    common.send_change_cipher_spec()?;
    common.set_write_protection(write)?;
    // A client that negotiated by NPN names its protocol between the two (under the new keys).
    if let Some(protocol) = next_protocol {
        let mut msg = Vec::with_capacity(40 + protocol.len());
        crate::msgs::encode_next_protocol(&mut msg, protocol);
        transcript.add(&msg);
        common.send_handshake(&msg);
    }
    let verify = prf::verify_data(suite.hash, master, client, transcript.current().as_ref());
    let mut fin = Vec::with_capacity(16);
    encode_handshake(&mut fin, hs::FINISHED, |w| w.put_bytes(&verify));
    transcript.add(&fin);
    common.send_handshake(&fin);
    Ok(verify)
}

/// What a ticket or a session-cache entry seals for a TLS 1.2 session issued at `now`.
pub fn session_state(suite: &'static Tls12Suite, master: &Secret, ems: bool, now: u64) -> TicketState {
    TicketState {
        secret: SessionSecret::Tls12 { suite, master: master.clone(), extended_master_secret: ems },
        issued_at: now,
        // A resumed TLS 1.2 session issues no ticket: its keys live as long as this state.
        keying_material_expires: u64::MAX,
    }
}

/// The record protections from the key block (RFC 5246 §6.3): (client write, server write).
pub fn key_protections(
    suite: &'static Tls12Suite,
    master: &Secret,
    client_random: &[u8; 32],
    server_random: &[u8; 32],
) -> (Protection, Protection) {
    let (key_len, iv_len) = (suite.key_len(), suite.fixed_iv_len());
    let block = prf::key_block(suite.hash, master, client_random, server_random, 2 * (key_len + iv_len));
    let (client_key, rest) = block.split_at(key_len);
    let (server_key, rest) = rest.split_at(key_len);
    let (client_iv, server_iv) = rest.split_at(iv_len);
    (
        Protection::Tls12(Tls12Protection::new(suite, client_key, client_iv)),
        Protection::Tls12(Tls12Protection::new(suite, server_key, server_iv)),
    )
}
