//! A TLS connection as a sans-I/O state machine: TLS bytes go in with [`Connection::read_tls`],
//! [`Connection::process`] advances the handshake or decrypts data, and the bytes to send
//! are taken from [`Connection::outgoing`]. The ABI layers own the sockets and callbacks.

use rustls_pki_types::CertificateDer;

use crate::alert::{self, AlertDescription};
use crate::codec::decode_error;
use crate::config::{Config, Hooks, Overrides, Renegotiation, Settings};
use crate::crypto::Secret;
use crate::error::{Error, ErrorCode, Result};
use crate::kx::NamedGroup;
use crate::msgs::{hs, MAX_HANDSHAKE_MESSAGE, TLS12};
use crate::record::{ContentType, Header, Protection, Tls13Protection, HEADER_LEN, MAX_PLAINTEXT};
use crate::sign::SignatureScheme;
use crate::suites::Tls13Suite;
use crate::{tls12, tls13};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
}

/// What the handshake negotiated. Kept for the connection's life (the handshake state
/// itself can be freed), so every accessor keeps answering after the handshake.
#[derive(Default)]
pub struct Summary {
    pub version: Option<u16>,
    pub suite: Option<&'static Tls13Suite>,
    pub tls12_suite: Option<&'static crate::suites::Tls12Suite>,
    /// TLS 1.2: the RFC 7627 extended master secret was used.
    pub extended_master_secret: bool,
    pub group: Option<NamedGroup>,
    /// The scheme we signed with / the peer signed with.
    pub our_scheme: Option<SignatureScheme>,
    pub peer_scheme: Option<SignatureScheme>,
    pub alpn: Option<Box<[u8]>>,
    /// Server: the name the client sent (a client's own is [`Connection::server_name`]).
    pub server_name: Option<Box<str>>,
    /// The peer's certificate chain, leaf first, until [`Connection::free_handshake`].
    pub peer_chain: Vec<CertificateDer<'static>>,
    /// The peer presented a chain that `free_handshake` has since dropped.
    pub peer_chain_dropped: bool,
    /// Server: which of the config's identities we presented.
    pub identity: Option<u16>,
    pub hello_retry: bool,
    pub client_auth: bool,
    /// The client asked for a certificate got an empty Certificate.
    pub no_client_cert: bool,
    /// A legacy session id was exchanged (TLS 1.3 middlebox compatibility mode).
    pub middlebox_compat: bool,
    /// The highest version the client offered (wire value); a client's is the highest it
    /// can do (TLS 1.3 only with TLS 1.3 suites).
    pub client_max_version: Option<u16>,
    /// The ClientHello's legacy_version, sent or received.
    pub client_hello_version: Option<u16>,
    /// The record-layer version of the first record received.
    pub first_record_version: u16,
    /// The description of the fatal alert the peer sent, if it sent one.
    pub peer_alert: Option<u8>,
    /// Client: what the server sent with its leaf certificate (boxed: most connections
    /// get nothing). Server: whether we stapled an OCSP response.
    pub leaf_extras: Option<Box<PeerLeafExtras>>,
    pub ocsp_stapled: bool,
    /// The external PSK the handshake used (`s2n_connection_get_negotiated_psk_identity`).
    pub psk_identity: Option<Box<[u8]>>,
    /// The handshake resumed a session (no certificates were exchanged).
    pub resumed: bool,
    /// TLS 1.2: the application protocol came by NPN (s2n's WITH_NPN).
    pub npn: bool,
    /// TLS 1.2: a NewSessionTicket is part of this handshake (s2n's WITH_SESSION_TICKET).
    pub tls12_new_ticket: bool,
    /// Restored by `s2n_connection_deserialize`: established, but without its handshake's
    /// details (and, in TLS 1.3, without an exporter secret, which is not serialized).
    pub deserialized: bool,
    /// TLS 1.2 client: the server sent RFC 5746's renegotiation_info.
    pub secure_renegotiation: bool,
    /// Server: the ClientHello came in SSL 2.0's format.
    pub sslv2_client_hello: bool,
    pub client_random: [u8; 32],
}

impl Summary {
    /// Client: the OCSP response the server stapled, if it did.
    pub fn peer_ocsp(&self) -> Option<&PeerOcsp> {
        self.leaf_extras.as_ref()?.ocsp.as_ref()
    }

    /// Client: the SCT list the server sent, if it did.
    pub fn peer_sct_list(&self) -> Option<&[u8]> {
        self.leaf_extras.as_ref()?.sct_list.as_deref()
    }
}

/// What a server sent with its leaf certificate: few send anything, so it is boxed in the
/// [`Summary`].
#[derive(Default)]
pub struct PeerLeafExtras {
    /// A stapled OCSP response, and what checking it found (when it was checked).
    pub ocsp: Option<PeerOcsp>,
    /// A Certificate Transparency SCT list (RFC 6962 §3.3), as its extension carried it.
    pub sct_list: Option<Box<[u8]>>,
}

/// A stapled OCSP response.
pub struct PeerOcsp {
    pub response: Vec<u8>,
    /// What checking it found, when it was checked.
    pub status: Option<crate::ocsp::OcspStatus>,
}

/// What a TLS 1.3 connection keeps of its key schedule once the handshake is over, in one
/// wiped heap block sized to the suite's hash (most of an idle connection's memory is
/// secrets, so not four blocks of the largest size).
pub struct AppSecrets {
    pub suite: &'static Tls13Suite,
    bytes: zeroize::Zeroizing<Box<[u8]>>,
}

/// The secrets in [`AppSecrets`].
#[derive(Clone, Copy)]
pub enum AppSecret {
    /// The client's application traffic secret (KeyUpdate moves it on).
    Client,
    Server,
    /// For RFC 8446 §7.5 exporters.
    Exporter,
    /// For the NewSessionTickets of after the handshake.
    Resumption,
}

impl AppSecrets {
    pub fn new(
        suite: &'static Tls13Suite,
        client: &Secret,
        server: &Secret,
        exporter: &Secret,
        resumption: &Secret,
    ) -> AppSecrets {
        let len = suite.hash.output_len();
        let mut bytes = zeroize::Zeroizing::new(vec![0u8; 4 * len].into_boxed_slice());
        for (slot, secret) in bytes.chunks_exact_mut(len).zip([client, server, exporter, resumption]) {
            slot.copy_from_slice(secret.as_ref());
        }
        AppSecrets { suite, bytes }
    }

    fn slot(&self, which: AppSecret) -> std::ops::Range<usize> {
        let len = self.suite.hash.output_len();
        which as usize * len..(which as usize + 1) * len
    }

    /// A copy of one secret (in its own wiped block, as every [`Secret`]).
    pub fn get(&self, which: AppSecret) -> Secret {
        Secret::from_slice(&self.bytes[self.slot(which)])
    }

    /// Moves a traffic secret on (RFC 8446 §7.2) and returns the new one.
    pub fn next_traffic_secret(&mut self, which: AppSecret) -> Secret {
        let next = tls13::key_schedule::next_traffic_secret(self.suite.hash, &self.get(which));
        let slot = self.slot(which);
        self.bytes[slot].copy_from_slice(next.as_ref());
        next
    }
}

/// The parts of a connection the handshake state machines act on.
pub struct Common {
    pub side: Side,
    pub summary: Summary,
    read: Option<Protection>,
    write: Option<Protection>,
    /// Protected TLS bytes waiting to be sent.
    outgoing: ByteBuffer,
    /// Handshake messages written but not yet framed into records, so consecutive messages
    /// share records.
    hs_out: Vec<u8>,
    pub max_fragment: usize,
    /// The RFC 6066 limit both sides agreed on, which caps `max_fragment` from then on.
    pub negotiated_max_fragment: Option<u16>,
    pub app_secrets: Option<AppSecrets>,
    /// TLS 1.2's master secret and randoms, once the handshake is done.
    pub tls12_secrets: Option<Box<tls12::Secrets>>,
    /// TLS 1.2 server: its write protection, installed when it sends ChangeCipherSpec.
    pub tls12_pending_write: Option<Box<Protection>>,
    /// TLS 1.3 client: sessions from NewSessionTicket messages, newest last, until the
    /// application takes them.
    pub received_sessions: Vec<crate::session::ClientSession>,
    /// The session this connection can be resumed from, short of a newer ticket: the one it
    /// resumed (on a server, the one the client's TLS 1.2 ticket or session id found), or a
    /// TLS 1.2 session the server keeps under the session id it gave.
    pub current_session: Option<Box<crate::session::ClientSession>>,
    /// TLS 1.2: the session id of this connection (the server's choice, or the one resumed).
    pub session_id: Box<[u8]>,
    /// TLS 1.3 server that resumed: when the keying material of the resumed chain expires
    /// (seconds since the epoch); u64::MAX (never) otherwise, so that taking the earlier of
    /// it and a new deadline needs no case (and the field costs 8 bytes, not 16).
    pub keying_material_expires: u64,
    pub tickets_sent: u16,
    /// Set when the handshake switches the read keys, to check no message spans the change.
    read_keys_changed: bool,
    /// The application's verdict on the peer's chain: `Later` holds the handshake after the
    /// Certificate message until it comes (see [`Connection::set_peer_chain_verdict`]).
    pub chain_verdict: crate::config::ChainVerdict,
    pub early_data: crate::early_data::EarlyData,
    /// QUIC (RFC 9001): handshake messages go out and come in bare, without records (QUIC
    /// protects them with the secrets handed out through `Hooks::secret`); no alerts,
    /// change_cipher_spec, application data, KeyUpdate or EndOfEarlyData; TLS 1.3 only.
    pub quic: bool,
}

impl Common {
    fn new(side: Side) -> Common {
        Common {
            side,
            summary: Summary::default(),
            read: None,
            write: None,
            outgoing: ByteBuffer::default(),
            hs_out: Vec::new(),
            max_fragment: MAX_PLAINTEXT,
            negotiated_max_fragment: None,
            app_secrets: None,
            tls12_secrets: None,
            tls12_pending_write: None,
            received_sessions: Vec::new(),
            current_session: None,
            session_id: Box::default(),
            keying_material_expires: u64::MAX,
            tickets_sent: 0,
            read_keys_changed: false,
            chain_verdict: crate::config::ChainVerdict::Accept,
            early_data: Default::default(),
            quic: false,
        }
    }

    /// Queues a complete handshake message (header included).
    pub fn send_handshake(&mut self, message: &[u8]) {
        self.hs_out.extend_from_slice(message);
    }

    /// Frames queued handshake messages into records under the current write keys.
    pub fn flush_handshake(&mut self) -> Result<()> {
        let pending = std::mem::take(&mut self.hs_out);
        for chunk in pending.chunks(self.max_fragment) {
            self.send_record(ContentType::Handshake, chunk)?;
        }
        self.hs_out = pending;
        self.hs_out.clear();
        Ok(())
    }

    pub(crate) fn send_record(&mut self, content_type: ContentType, payload: &[u8]) -> Result<()> {
        if self.quic {
            // QUIC carries the handshake messages themselves; it alerts on its own.
            return match content_type {
                ContentType::Handshake => {
                    self.outgoing.extend_from_slice(payload);
                    Ok(())
                }
                ContentType::Alert | ContentType::ChangeCipherSpec => Ok(()),
                ContentType::ApplicationData => Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC)),
            };
        }
        if self.write.as_ref().is_some_and(Protection::is_compact) {
            self.restore_key(false)?;
        }
        match &mut self.write {
            Some(protection) => {
                let len = protection.record_len(payload.len());
                protection.seal(content_type, payload, self.outgoing.space(len))?;
                self.outgoing.commit(len);
                Ok(())
            }
            None => {
                // The first ClientHello goes out with record version 1.0 for old middleboxes;
                // once a version is chosen, records carry TLS 1.2's.
                let version = if self.side == Side::Client && self.summary.version.is_none() { 0x0301 } else { 0x0303 };
                self.outgoing.extend_from_slice(&Header::encode(content_type as u8, version, payload.len()));
                self.outgoing.extend_from_slice(payload);
                Ok(())
            }
        }
    }

    /// A client whose early data was refused by a HelloRetryRequest: the second ClientHello
    /// goes out unprotected, as the first did.
    pub fn drop_write_protection(&mut self) -> Result<()> {
        self.flush_handshake()?;
        self.write = None;
        Ok(())
    }

    /// The dummy change_cipher_spec of TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4).
    pub fn send_change_cipher_spec(&mut self) -> Result<()> {
        self.flush_handshake()?;
        if self.quic {
            return Ok(());
        }
        // In a TLS 1.2 renegotiation the keys before protect it (TLS 1.3's dummy never is).
        if matches!(self.write, Some(Protection::Tls12(_))) {
            return self.send_record(ContentType::ChangeCipherSpec, &[1]);
        }
        self.outgoing.extend_from_slice(&[ContentType::ChangeCipherSpec as u8, 3, 3, 0, 1, 1]);
        Ok(())
    }

    pub fn set_write_keys(&mut self, suite: &'static Tls13Suite, secret: &Secret) -> Result<()> {
        self.flush_handshake()?;
        self.write = Some(Protection::Tls13(Tls13Protection::new(suite, secret)));
        Ok(())
    }

    pub fn set_read_keys(&mut self, suite: &'static Tls13Suite, secret: &Secret) {
        self.set_read_protection(Protection::Tls13(Tls13Protection::new(suite, secret)));
    }

    /// Switches our sending protection, after framing what was queued under the old one.
    pub fn set_write_protection(&mut self, protection: Protection) -> Result<()> {
        self.flush_handshake()?;
        self.write = Some(protection);
        Ok(())
    }

    pub fn set_read_protection(&mut self, protection: Protection) {
        self.read = Some(protection);
        self.read_keys_changed = true;
    }

    /// Drops both directions' expanded AEAD keys (see [`Protection::compact`]) once the
    /// handshake kept the secrets they come from: TLS 1.3's traffic secrets (kept for
    /// KeyUpdate) or TLS 1.2's master secret and randoms.
    fn compact_keys(&mut self) {
        if self.app_secrets.is_none() && self.tls12_secrets.is_none() {
            return;
        }
        self.read.iter_mut().chain(self.write.iter_mut()).for_each(Protection::compact);
    }

    /// Derives a compacted direction's key again, from the secrets [`Common::compact_keys`]
    /// counted on.
    fn restore_key(&mut self, read: bool) -> Result<()> {
        // The direction the client writes in: its sending, the server's receiving.
        let client_writes = (self.side == Side::Client) != read;
        let fresh = if let Some(s) = &self.app_secrets {
            let which = if client_writes { AppSecret::Client } else { AppSecret::Server };
            Protection::Tls13(Tls13Protection::new(s.suite, &s.get(which)))
        } else if let Some(s) = &self.tls12_secrets {
            let (client, server) = tls12::key_protections(s.suite, &s.master, &s.client_random, &s.server_random);
            if client_writes {
                client
            } else {
                server
            }
        } else {
            return Err(Error::new(ErrorCode::SAFETY));
        };
        let slot = if read { &mut self.read } else { &mut self.write };
        slot.as_mut().ok_or_else(|| Error::new(ErrorCode::SAFETY))?.restore_key(fresh)
    }

    pub fn send_alert(&mut self, description: AlertDescription) {
        // Warnings: close_notify, and the refusal to renegotiate (RFC 5246 §7.2.2).
        let warning = matches!(description, AlertDescription::CloseNotify | AlertDescription::NoRenegotiation);
        let level = if warning { 1 } else { 2 };
        // Best effort: if even the alert cannot be protected there is nothing more to say.
        let _ = self.send_record(ContentType::Alert, &[level, description as u8]);
    }

    /// Reports a secret in NSS key log format: "LABEL <client random> <secret>", hex.
    /// Hands a new TLS 1.3 secret to whoever needs it: QUIC (through [`Hooks::secret`]) and
    /// the key log.
    pub fn key_log(&self, hooks: &mut dyn Hooks, label: &str, secret: &Secret) -> Result<()> {
        use std::fmt::Write;
        if self.quic {
            hooks.secret(label, secret.as_ref())?;
        }
        // Formatting costs a few percent of a handshake: only for an application that listens.
        if !hooks.wants_key_log() {
            return Ok(());
        }
        // The line carries the secret (in hex): wiped once the application has seen it.
        let mut line = zeroize::Zeroizing::new(String::with_capacity(label.len() + 2 + 64 + 2 * secret.as_ref().len()));
        line.push_str(label);
        line.push(' ');
        self.summary.client_random.iter().for_each(|b| _ = write!(line, "{b:02x}"));
        line.push(' ');
        secret.as_ref().iter().for_each(|b| _ = write!(line, "{b:02x}"));
        hooks.key_log(&line);
        Ok(())
    }
}

/// Where the connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Handshaking,
    Open,
    /// A fatal error happened (its code is kept for repeated calls).
    Failed(Error),
}

/// The per-version, per-side handshake state machines. Both sides start in the TLS 1.3
/// machine, which hands over to the TLS 1.2 one when that version is negotiated.
pub enum Handshake {
    Client(tls13::client::State),
    Server(tls13::server::State),
    Client12(tls12::client::State),
    Server12(tls12::server::State),
    /// Stopped for a signature the application makes (s2n's async private-key operations).
    AwaitingSignature(Box<crate::offload::Pending>),
    /// Returned by a state machine that must handle its message again later (it waits for
    /// the application's check of the peer's signature): the state it stays in. Never kept.
    HandleAgain(Box<Handshake>),
}

/// Bytes received, or protected bytes to send: `[..len]` holds the data. The allocation
/// is never shortened, only `len` is, so the room past `len` stays initialised and reading
/// or sealing a record into it again needs no zeroing (which cost ~2% of bulk throughput
/// on each side). A boxed slice with our own growth, not a `Vec`: the same 24 bytes in
/// every connection as the `Vec` it replaced, which would need a third word for the
/// data's end.
#[derive(Default)]
pub struct ByteBuffer {
    bytes: Box<[u8]>,
    len: usize,
}

impl ByteBuffer {
    const FIRST_ALLOCATION: usize = 512;

    fn clear(&mut self) {
        self.len = 0;
    }

    fn extend_from_slice(&mut self, data: &[u8]) {
        self.space(data.len()).copy_from_slice(data);
        self.len += data.len();
    }

    /// `n` bytes of room after the data, to be filled and then taken in with `commit`.
    fn space(&mut self, n: usize) -> &mut [u8] {
        let end = self.len + n;
        if self.bytes.len() < end {
            // Doubling, as a Vec grows; only new memory is zeroed, once. The first allocation
            // holds any record of a resumed handshake, which otherwise grew the buffer from
            // a 5-byte header up, two or three allocations per buffer and handshake.
            let mut grown =
                vec![0u8; end.max(2 * self.bytes.len()).max(ByteBuffer::FIRST_ALLOCATION)].into_boxed_slice();
            grown[..self.len].copy_from_slice(&self.bytes[..self.len]);
            self.bytes = grown;
        }
        &mut self.bytes[self.len..end]
    }

    /// Takes in `n` bytes written to the start of the last `space`.
    fn commit(&mut self, n: usize) {
        self.len = (self.len + n).min(self.bytes.len());
    }

    fn capacity(&self) -> usize {
        self.bytes.len()
    }

    /// Discards the first `n` bytes, moving the rest to the front.
    fn discard_front(&mut self, n: usize) {
        self.bytes.copy_within(n..self.len, 0);
        self.len -= n;
    }

    /// Frees the memory (release_buffers); the next use allocates it again.
    fn release(&mut self) {
        *self = ByteBuffer::default();
    }

    /// Wipes the whole allocation (it held plaintext) and keeps it for reuse.
    fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.bytes.zeroize();
        self.len = 0;
    }
}

impl std::ops::Deref for ByteBuffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl std::ops::DerefMut for ByteBuffer {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.len]
    }
}

pub struct Connection {
    pub common: Common,
    handshake: Option<Handshake>,
    status: Status,
    /// Received TLS bytes not yet processed; `incoming[incoming_start..]` is pending.
    incoming: ByteBuffer,
    incoming_start: usize,
    /// Handshake message bytes being reassembled across records.
    hs_in: Vec<u8>,
    /// Decrypted application data not yet read: where it lies in `incoming` (records are
    /// decrypted in place, and the plaintext is read from there, not copied again).
    app_in: std::ops::Range<usize>,
    peer_closed: bool,
    we_closed: bool,
    /// Whether a fatal error's alert waits for [`Connection::send_close_notify`] (s2n's
    /// behaviour: `s2n_negotiate` fails without writing, `s2n_shutdown` sends the alert)
    /// instead of going out at once (libtls, OpenSSL).
    pub alert_at_shutdown: bool,
    /// The alert a failure left for shutdown to send.
    pending_alert: Option<AlertDescription>,
    /// The peer asked for a KeyUpdate; ours goes out before our next application data
    /// (RFC 8446 4.6.3), from the sending side, so that receiving never writes.
    key_update_owed: bool,
    /// KeyUpdates sent and received, saturating at 255 (s2n counts the same way).
    key_updates: (u8, u8),
    /// Client only: the name to send in server_name and check the certificate against.
    pub server_name: Option<Box<str>>,
    /// Settings this connection uses instead of its config's. Few connections have any,
    /// so they cost a pointer until the first one is set.
    overrides: Option<Box<Overrides>>,
    /// Client: a session to offer for resumption.
    pub resume: Option<Box<crate::session::ClientSession>>,
    /// The application's answer to the private-key operation the handshake waits for.
    offloaded_signature: Option<Box<[u8]>>,
}

impl Connection {
    pub fn new(side: Side) -> Connection {
        let handshake = match side {
            Side::Client => Handshake::Client(tls13::client::State::Start),
            Side::Server => Handshake::Server(tls13::server::State::WaitClientHello),
        };
        Connection {
            common: Common::new(side),
            handshake: Some(handshake),
            status: Status::Handshaking,
            incoming: ByteBuffer::default(),
            incoming_start: 0,
            hs_in: Vec::new(),
            app_in: 0..0,
            peer_closed: false,
            we_closed: false,
            alert_at_shutdown: false,
            pending_alert: None,
            key_update_owed: false,
            key_updates: (0, 0),
            server_name: None,
            overrides: None,
            resume: None,
            offloaded_signature: None,
        }
    }

    /// The name this connection is for: the one a client asks for, the one a server was
    /// asked for.
    pub fn server_name(&self) -> Option<&str> {
        match self.side() {
            Side::Client => self.server_name.as_deref(),
            Side::Server => self.common.summary.server_name.as_deref(),
        }
    }

    pub fn overrides(&self) -> &Overrides {
        self.overrides.as_deref().unwrap_or(Overrides::none())
    }

    /// The connection's overrides, to change: allocated on first use.
    pub fn overrides_mut(&mut self) -> &mut Overrides {
        self.overrides.get_or_insert_with(Box::default)
    }

    /// The private-key operation the handshake is waiting for, if it is.
    pub fn pending_private_key_operation(&self) -> Option<&crate::offload::Pending> {
        match &self.handshake {
            Some(Handshake::AwaitingSignature(pending)) => Some(pending),
            _ => None,
        }
    }

    /// Whether the application's answer to the pending operation has arrived.
    pub fn has_private_key_answer(&self) -> bool {
        self.offloaded_signature.is_some()
    }

    /// Supplies the signature the handshake waits for; the next `process` goes on with it.
    pub fn complete_private_key_operation(&mut self, signature: Vec<u8>) -> Result<()> {
        if self.pending_private_key_operation().is_none() || self.offloaded_signature.is_some() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        self.offloaded_signature = Some(signature.into_boxed_slice());
        Ok(())
    }

    pub fn side(&self) -> Side {
        self.common.side
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn is_handshaking(&self) -> bool {
        self.status == Status::Handshaking
    }

    pub fn peer_closed(&self) -> bool {
        self.peer_closed
    }

    /// Hands received TLS bytes to the connection.
    pub fn read_tls(&mut self, data: &[u8]) {
        if self.incoming_start == self.incoming.len() && self.app_in.is_empty() {
            self.incoming.clear();
            self.incoming_start = 0;
        }
        self.incoming.extend_from_slice(data);
    }

    /// Space for `n` more received bytes, to be filled by the caller and then confirmed
    /// with [`Connection::commit_read`]. Lets an I/O layer read straight into our buffer.
    pub fn read_buffer(&mut self, n: usize) -> &mut [u8] {
        // What must stay: unprocessed records, and plaintext not yet read.
        let keep_from = if self.app_in.is_empty() { self.incoming_start } else { self.app_in.start };
        if keep_from == self.incoming.len() {
            self.incoming.clear();
            self.incoming_start = 0;
        } else if keep_from > 0 && self.incoming.len() + n > self.incoming.capacity() {
            self.incoming.discard_front(keep_from);
            self.incoming_start -= keep_from;
            if !self.app_in.is_empty() {
                self.app_in = self.app_in.start - keep_from..self.app_in.end - keep_from;
            }
        }
        self.incoming.space(n)
    }

    /// Confirms that `got` of the last `requested` bytes from [`Connection::read_buffer`] were filled.
    pub fn commit_read(&mut self, requested: usize, got: usize) {
        self.incoming.commit(got.min(requested));
    }

    /// Received bytes not yet processed (`s2n_peek_buffered`).
    pub fn buffered_tls(&self) -> usize {
        self.incoming.len() - self.incoming_start
    }

    /// The unit of input the connection waits for next, as (pending bytes, its whole length
    /// once its header is in): a record, or under QUIC a bare handshake message.
    fn pending_unit(&self) -> (usize, Result<usize, usize>) {
        let pending = &self.incoming[self.incoming_start..];
        let total = match self.common.quic {
            false if pending.len() < HEADER_LEN => Err(HEADER_LEN),
            false => Ok(HEADER_LEN + u16::from_be_bytes([pending[3], pending[4]]) as usize),
            true if pending.len() < 4 => Err(4),
            true => match u32::from_be_bytes([0, pending[1], pending[2], pending[3]]) as usize {
                // Longer than any message may be: for the engine to reject now, not to wait for.
                len if len > MAX_HANDSHAKE_MESSAGE => Ok(4),
                len => Ok(4 + len),
            },
        };
        (pending.len(), total)
    }

    /// QUIC: the type of the handshake message waiting in the input, if any has begun.
    pub fn pending_message_type(&self) -> Option<u8> {
        self.incoming.get(self.incoming_start).copied()
    }

    /// Whether a whole record (QUIC: handshake message) is waiting to be processed.
    pub fn has_complete_record(&self) -> bool {
        matches!(self.pending_unit(), (len, Ok(total)) if len >= total)
    }

    /// How many more bytes the connection needs before it can make progress: the rest of the
    /// record it is waiting for (at least a header). Lets callers read exactly that much.
    pub fn wanted_bytes(&self) -> usize {
        match self.pending_unit() {
            (len, Err(header)) => header - len,
            (len, Ok(total)) => total.saturating_sub(len).max(1),
        }
    }

    /// Whether the pending input is exactly one record header, of a content type and
    /// length a record may have: with nothing for the engine to do until the body comes,
    /// an I/O layer can read the body before running it (one pass per record, not two).
    /// A header the engine would reject is left to it, to fail at once.
    pub fn wants_record_body(&self) -> bool {
        if self.common.quic {
            return false;
        }
        let Ok(header) = <&[u8; HEADER_LEN]>::try_from(&self.incoming[self.incoming_start..]) else {
            return false;
        };
        Header::parse(header).is_ok_and(|h| (20..=24).contains(&h.content_type) && h.length > 0)
    }

    /// Protected bytes waiting to be sent.
    pub fn outgoing(&self) -> &[u8] {
        &self.common.outgoing
    }

    /// Marks `n` outgoing bytes as sent.
    pub fn consume_outgoing(&mut self, n: usize) {
        self.common.outgoing.discard_front(n.min(self.common.outgoing.len()));
    }

    /// Takes the protected bytes waiting to be sent, so that an I/O layer can write them
    /// without holding the connection; hand them back with [`Connection::restore_outgoing`].
    pub fn take_outgoing(&mut self) -> ByteBuffer {
        std::mem::take(&mut self.common.outgoing)
    }

    /// Returns what [`Connection::take_outgoing`] gave after `sent` of its bytes went out;
    /// anything queued in the meantime stays behind the rest.
    pub fn restore_outgoing(&mut self, mut taken: ByteBuffer, sent: usize) {
        taken.discard_front(sent.min(taken.len()));
        taken.extend_from_slice(&self.common.outgoing);
        self.common.outgoing = taken;
    }

    /// Decrypted application data not yet read.
    pub fn plaintext(&self) -> &[u8] {
        &self.incoming[self.app_in.clone()]
    }

    pub fn consume_plaintext(&mut self, n: usize) {
        self.app_in.start = (self.app_in.start + n).min(self.app_in.end);
        if self.app_in.is_empty() {
            self.app_in = 0..0;
        }
    }

    /// After the handshake, reads the next whole record straight into `out` when it is
    /// application data and `out` can take its opened body: the record is decrypted from
    /// the input buffer into the caller's memory, and the copy that reading an opened record
    /// otherwise costs is spared. Returns the bytes read (0 for an empty record), or None
    /// when the record must go through [`Connection::process`] (which then opens it again:
    /// see [`Protection::open_app_data_into`]).
    pub fn read_app_data_into(&mut self, out: &mut [u8]) -> Option<usize> {
        if self.status != Status::Open
            || self.handshake.is_some()
            || self.common.quic
            || self.peer_closed
            || !self.app_in.is_empty()
            || !self.hs_in.is_empty()
        {
            return None;
        }
        let pending = &self.incoming[self.incoming_start..];
        let header = Header::parse(pending.get(..HEADER_LEN)?.try_into().ok()?).ok()?;
        let record_len = HEADER_LEN + header.length as usize;
        if header.content_type != ContentType::ApplicationData as u8 || pending.len() < record_len {
            return None;
        }
        let read = self.common.read.as_mut().filter(|read| !read.is_compact())?;
        let read_len = read.open_app_data_into(&header, &pending[HEADER_LEN..record_len], out)?;
        self.incoming_start += record_len;
        Some(read_len)
    }

    fn check_usable(&self) -> Result<()> {
        match self.status {
            Status::Failed(err) => Err(err),
            _ => Ok(()),
        }
    }

    /// Advances the connection with whatever TLS bytes have arrived: starts the handshake if
    /// needed, handles complete records, stops when more input is needed or when decrypted
    /// application data is ready. Any failure sends the peer a fatal alert and is final.
    pub fn process(&mut self, config: &Config, hooks: &mut dyn Hooks) -> Result<()> {
        self.check_usable()?;
        let overrides = self.overrides.take();
        let result =
            self.process_inner(&Settings::new(config, overrides.as_deref().unwrap_or(Overrides::none())), hooks);
        self.overrides = overrides;
        if let Err(err) = result {
            // The handshake is waiting for the application: nothing is lost, call again.
            if err.kind() == crate::error::ErrorKind::Blocked {
                return result;
            }
            if err.code != ErrorCode::ALERT && err.code != ErrorCode::CLOSED {
                self.common.hs_out.clear();
                if self.alert_at_shutdown {
                    self.pending_alert = Some(alert::to_send(&err));
                } else {
                    self.common.send_alert(alert::to_send(&err));
                }
            }
            self.status = Status::Failed(err);
            self.handshake = None;
        }
        result
    }

    fn process_inner(&mut self, config: &Settings, hooks: &mut dyn Hooks) -> Result<()> {
        if self.common.chain_verdict == crate::config::ChainVerdict::AwaitingRevocationLists {
            let peer = match self.side() {
                Side::Client => crate::verify::Peer::Server { name: self.server_name.as_deref() },
                Side::Server => crate::verify::Peer::Client,
            };
            crate::verify::resume_peer_chain_check(&mut self.common, config, hooks, peer)?;
        }
        match self.common.chain_verdict {
            crate::config::ChainVerdict::Accept => {}
            crate::config::ChainVerdict::Later | crate::config::ChainVerdict::AwaitingRevocationLists => {
                return Err(Error::new(ErrorCode::ASYNC_BLOCKED))
            }
            crate::config::ChainVerdict::Reject => return Err(Error::new(ErrorCode::CERT_REJECTED)),
        }
        if let Some(Handshake::Client(tls13::client::State::Start)) = self.handshake {
            let resume = self.resume.take().map(|session| *session);
            let next = tls13::client::start(&mut self.common, config, hooks, self.server_name.as_deref(), resume)?;
            self.handshake = Some(Handshake::Client(next));
            self.common.flush_handshake()?;
        }
        if let Some(Handshake::Client(tls13::client::State::SendEndOfEarlyData(_))) = self.handshake {
            // The client's EndOfEarlyData waits while the application still sends early data.
            if self.common.early_data.expected {
                return Err(Error::new(ErrorCode::EARLY_DATA_BLOCKED));
            }
            let Some(Handshake::Client(tls13::client::State::SendEndOfEarlyData(finish))) = self.handshake.take()
            else {
                unreachable!()
            };
            tls13::client::send_finished(&mut self.common, config, hooks, *finish)?;
            self.status = Status::Open;
            self.common.flush_handshake()?;
        }
        if let Some(Handshake::AwaitingSignature(_)) = self.handshake {
            let Some(signature) = self.offloaded_signature.take() else {
                return Err(Error::new(ErrorCode::ASYNC_BLOCKED));
            };
            let Some(Handshake::AwaitingSignature(pending)) = self.handshake.take() else { unreachable!() };
            let crate::offload::Pending { scheme, identity, signed, resume } = *pending;
            crate::offload::check(config, identity, scheme, &signed, &signature)?;
            let next = match resume {
                crate::offload::Resume::Tls13Server(flight) => {
                    tls13::server::resume_flight(&mut self.common, hooks, flight, scheme, &signature)?
                }
                crate::offload::Resume::Tls12Server(flight) => {
                    tls12::server::finish_flight(&mut self.common, config, flight, &signature)?
                }
            };
            self.handshake = Some(next);
            self.common.flush_handshake()?;
        }
        if self.sslv2_client_hello_pending() {
            if !self.sslv2_client_hello(config, hooks)? {
                return Ok(());
            }
        }
        // Messages left waiting by a paused handshake step go first.
        if !self.hs_in.is_empty() && self.handshake.is_some() {
            self.handle_handshake_messages(config, hooks)?;
        }
        // QUIC: what came in are handshake messages themselves.
        if self.common.quic && self.incoming_start < self.incoming.len() {
            self.hs_in.extend_from_slice(&self.incoming[self.incoming_start..]);
            self.incoming_start = self.incoming.len();
            self.handle_handshake_messages(config, hooks)?;
        }
        // Stop at the first application data (after the handshake, or early data during
        // it) so reads stay bounded.
        while self.plaintext().is_empty() && !self.common.quic {
            let Some(record) = self.next_record()? else { break };
            self.handle_record(record, config, hooks)?;
            if self.peer_closed {
                break;
            }
        }
        self.common.flush_handshake()?;
        // Early data to read, or a client's EndOfEarlyData held back: the handshake waits
        // for the application (s2n's S2N_BLOCKED_ON_EARLY_DATA); a renegotiating client's
        // application data likewise (S2N_BLOCKED_ON_APPLICATION_DATA, the same value).
        let parked = matches!(self.handshake, Some(Handshake::Client(tls13::client::State::SendEndOfEarlyData(_))));
        if self.is_handshaking() && (!self.plaintext().is_empty() || parked) {
            let renegotiating = self.side() == Side::Client && !parked;
            return Err(Error::new(if renegotiating {
                ErrorCode::APP_DATA_BLOCKED
            } else {
                ErrorCode::EARLY_DATA_BLOCKED
            }));
        }
        // A step that now waits for the application's signature says so at once: a caller
        // on a blocking transport hands out the operation instead of waiting on the peer.
        if let Some(Handshake::AwaitingSignature(_)) = self.handshake {
            return Err(Error::new(ErrorCode::ASYNC_BLOCKED));
        }
        Ok(())
    }

    /// Whether [`Connection::process`] would do nothing now: no failure to report, no step
    /// that runs without input (a client's first flight, a signature or chain verdict the
    /// handshake waits for), no message waiting to be handled or sent, and no whole record
    /// received. An I/O layer may skip the call then; most calls between two records are
    /// such, and the engine's set-up for a call costs more than this check.
    pub fn is_idle(&self) -> bool {
        let waiting_step = matches!(
            self.handshake,
            Some(Handshake::Client(tls13::client::State::Start | tls13::client::State::SendEndOfEarlyData(_)))
                | Some(Handshake::AwaitingSignature(_))
        );
        // Early data received during the handshake is for the application to read first.
        let early_data_unread = self.is_handshaking() && !self.plaintext().is_empty();
        let pending = &self.incoming[self.incoming_start..];
        let whole_record = match <&[u8; HEADER_LEN]>::try_from(pending.get(..HEADER_LEN).unwrap_or_default()) {
            _ if self.common.quic => self.has_complete_record(),
            // An unusable header is for the engine to reject.
            Ok(header) => Header::parse(header).map_or(true, |h| pending.len() >= HEADER_LEN + h.length as usize),
            Err(_) => false,
        };
        !matches!(self.status, Status::Failed(_))
            && self.common.chain_verdict == crate::config::ChainVerdict::Accept
            && !waiting_step
            && !early_data_unread
            && (self.hs_in.is_empty() || self.handshake.is_none())
            && self.common.hs_out.is_empty()
            && !self.sslv2_client_hello_pending()
            && !whole_record
    }

    /// A server's first bytes start an SSL 2.0 record (which can only hold a ClientHello).
    fn sslv2_client_hello_pending(&self) -> bool {
        !self.common.quic
            && matches!(self.handshake, Some(Handshake::Server(tls13::server::State::WaitClientHello)))
            && self.common.summary.first_record_version == 0
            && self.hs_in.is_empty()
            && self.incoming.get(self.incoming_start).is_some_and(|&b| crate::sslv2::starts_record(b))
    }

    /// Handles an SSL 2.0-format ClientHello; false while it has not all arrived.
    fn sslv2_client_hello(&mut self, config: &Settings, hooks: &mut dyn Hooks) -> Result<bool> {
        let pending = &self.incoming[self.incoming_start..];
        let Some(len) = crate::sslv2::record_len(pending).filter(|&len| len <= pending.len()) else {
            return Ok(false);
        };
        let as_sent = pending[2..len].to_vec();
        let message = crate::sslv2::to_tls_client_hello(&as_sent)?;
        self.common.summary.first_record_version = crate::sslv2::RECORD_VERSION;
        self.common.summary.sslv2_client_hello = true;
        match tls13::server::sslv2_client_hello(&mut self.common, config, hooks, &message, &as_sent) {
            Ok(next) => {
                self.incoming_start += len;
                self.handshake = Some(next);
                Ok(true)
            }
            Err(err) => {
                // Paused on the application's ClientHello callback: read it again next time.
                if err.kind() == crate::error::ErrorKind::Blocked {
                    self.common.summary.first_record_version = 0;
                }
                Err(err)
            }
        }
    }

    /// The next complete record in `incoming`, as (start, header); None if incomplete.
    fn next_record(&mut self) -> Result<Option<(usize, Header)>> {
        let pending = &self.incoming[self.incoming_start..];
        if pending.len() < HEADER_LEN {
            return Ok(None);
        }
        let header = Header::parse(pending[..HEADER_LEN].try_into().expect("header length"))?;
        if pending.len() < HEADER_LEN + header.length as usize {
            return Ok(None);
        }
        let start = self.incoming_start;
        self.incoming_start += HEADER_LEN + header.length as usize;
        Ok(Some((start, header)))
    }

    fn handle_record(
        &mut self,
        (start, header): (usize, Header),
        config: &Settings,
        hooks: &mut dyn Hooks,
    ) -> Result<()> {
        let body_range = start + HEADER_LEN..start + HEADER_LEN + header.length as usize;
        if self.common.summary.first_record_version == 0 {
            self.common.summary.first_record_version = header.version;
        }
        let outer = ContentType::from_wire(header.content_type).map_err(|_| unexpected())?;
        // ChangeCipherSpec comes in the clear, except in a TLS 1.2 renegotiation, where the
        // keys before protect it like every other record.
        let tls12_protected = matches!(self.common.read, Some(Protection::Tls12(_)));
        if outer == ContentType::ChangeCipherSpec && !tls12_protected {
            return self.handle_change_cipher_spec(body_range);
        }
        if self.common.read.as_ref().is_some_and(Protection::is_compact) {
            self.common.restore_key(true)?;
        }
        // A server that rejected early data skips the client's 0-RTT records: those it cannot
        // open (or, waiting for a second ClientHello, any protected record at all), as many
        // bytes as the client may send (RFC 8446 §4.2.10).
        if self.skips_early_data(outer) {
            let body = &mut self.incoming[body_range.clone()];
            let opened = match &mut self.common.read {
                Some(protection) => protection.trial_open(&header, body).map(|(ty, plain)| (ty, plain.len())),
                None => None,
            };
            let Some((ty, plain_len)) = opened else {
                let limit = self.early_data_skip_limit(config);
                return self.common.early_data.count(body_range.len(), limit);
            };
            // Opened: the record came under the handshake keys. Its plaintext lies at the
            // body's start (TLS 1.3 has no explicit nonce).
            let plain_range = body_range.start..body_range.start + plain_len;
            return self.handle_plaintext(ty, plain_range, config, hooks);
        }
        let (content_type, plain_range) = match &mut self.common.read {
            Some(protection) => {
                if protection.is_tls13() && outer != ContentType::ApplicationData {
                    return Err(unexpected());
                }
                let body = &mut self.incoming[body_range.clone()];
                let base = body.as_ptr() as usize;
                let (ty, plain) = protection.open(&header, body)?;
                // The plaintext sits inside the record body (after TLS 1.2's explicit nonce).
                let start = body_range.start + (plain.as_ptr() as usize - base);
                (ty, start..start + plain.len())
            }
            None => {
                if header.length == 0 && outer != ContentType::ApplicationData {
                    return Err(decode_error());
                }
                (outer, body_range)
            }
        };
        self.handle_plaintext(content_type, plain_range, config, hooks)
    }

    /// A ChangeCipherSpec record's body (`range`, opened if it came protected).
    fn handle_change_cipher_spec(&mut self, range: std::ops::Range<usize>) -> Result<()> {
        if !self.is_handshaking() || self.incoming[range] != [1] || !self.hs_in.is_empty() {
            return Err(unexpected());
        }
        // TLS 1.2: the peer switches to its new keys. TLS 1.3: a middlebox-compatibility
        // dummy, unprotected even when keys are in use (RFC 8446 §5), ignored.
        match self.handshake.take() {
            Some(Handshake::Client12(state)) => {
                self.handshake = Some(tls12::client::change_cipher_spec(state, &mut self.common)?);
                Ok(())
            }
            Some(Handshake::Server12(state)) => {
                self.handshake = Some(tls12::server::change_cipher_spec(state, &mut self.common)?);
                Ok(())
            }
            other => {
                self.handshake = other;
                Ok(())
            }
        }
    }

    /// A record's content, opened.
    fn handle_plaintext(
        &mut self,
        content_type: ContentType,
        plain_range: std::ops::Range<usize>,
        config: &Settings,
        hooks: &mut dyn Hooks,
    ) -> Result<()> {
        match content_type {
            ContentType::Handshake => {
                if plain_range.is_empty() {
                    return Err(decode_error());
                }
                self.hs_in.extend_from_slice(&self.incoming[plain_range]);
                self.handle_handshake_messages(config, hooks)
            }
            ContentType::Alert => self.handle_alert(plain_range, config),
            ContentType::ApplicationData => {
                if self.common.read.is_none() {
                    return Err(unexpected());
                }
                if self.is_handshaking() {
                    // Only a server reading the early data it accepted takes data now, or a
                    // renegotiating client until the server answers its ClientHello (the
                    // server may still be sending data under the keys before).
                    let reading_early =
                        matches!(self.handshake, Some(Handshake::Server(tls13::server::State::WaitEndOfEarlyData(_))));
                    let renegotiating = matches!(
                        self.handshake,
                        Some(Handshake::Client(tls13::client::State::WaitServerHello(ref hello))) if hello.renegotiation.is_some()
                    );
                    if reading_early {
                        let limit = self.common.early_data.limit.unwrap_or(0);
                        self.common.early_data.count(plain_range.len(), limit)?;
                    } else if !renegotiating {
                        return Err(unexpected());
                    }
                }
                if !self.hs_in.is_empty() {
                    return Err(unexpected());
                }
                // Records are only read while no plaintext is pending (see process_inner).
                if !self.app_in.is_empty() {
                    return Err(Error::new(ErrorCode::SAFETY));
                }
                self.app_in = plain_range;
                Ok(())
            }
            // Protected: a TLS 1.2 renegotiation's (see handle_record).
            ContentType::ChangeCipherSpec if matches!(self.common.read, Some(Protection::Tls12(_))) => {
                self.handle_change_cipher_spec(plain_range)
            }
            ContentType::ChangeCipherSpec => Err(unexpected()),
        }
    }

    /// Whether a record of type `outer` is one of the client's 0-RTT records a server that
    /// rejected early data skips (RFC 8446 §4.2.10; as s2n, until the handshake is done).
    fn skips_early_data(&self, outer: ContentType) -> bool {
        self.common.side == Side::Server
            && outer == ContentType::ApplicationData
            && self.common.early_data.state == crate::early_data::EarlyDataState::Rejected
            && self.is_handshaking()
    }

    /// How much rejected early data a server skips before calling it an attack: what the
    /// client may send (the PSK's terms, or what our tickets promise), and at least one
    /// full record for a client holding a ticket we could not read.
    fn early_data_skip_limit(&self, config: &Settings) -> u32 {
        let promised = self.common.early_data.limit.unwrap_or(0).max(config.server_max_early_data);
        promised.max(crate::record::MAX_PLAINTEXT as u32 + 256)
    }

    /// s2n's `s2n_connection_get_max_early_data_size`: the handshake's figure once it has one,
    /// before that the first PSK's terms (a client's session or external PSK; a server's
    /// external PSK), or what a server promises in its tickets.
    pub fn max_early_data_size(&self, config: &Config) -> u32 {
        if let Some(limit) = self.common.early_data.limit {
            return limit;
        }
        let settings = Settings::new(config, self.overrides());
        if let Some(psk) = settings.external_psks.first() {
            return psk.early_data.max_size;
        }
        match self.side() {
            Side::Client => self.resume.as_ref().and_then(|s| s.early_data()).map_or(0, |terms| terms.max_size),
            Side::Server if self.is_handshaking() => settings.server_max_early_data,
            Side::Server => 0,
        }
    }

    /// s2n's `s2n_connection_get_remaining_early_data_size`.
    pub fn remaining_early_data_size(&self, config: &Config) -> Result<u32> {
        if !self.common.early_data.may_flow() {
            return Ok(0);
        }
        self.max_early_data_size(config)
            .checked_sub(self.common.early_data.bytes)
            .ok_or_else(|| Error::new(ErrorCode::MAX_EARLY_DATA_SIZE))
    }

    /// s2n's `s2n_renegotiate_wipe`: makes a TLS 1.2 client that negotiated secure
    /// renegotiation (RFC 5746) ready for a new handshake on the same connection: everything
    /// goes but what handles records (both directions' protection, the fragment size, input
    /// already received) and the secrets of the handshake before, which the new
    /// ClientHello's renegotiation_info needs; that handshake runs under the old keys until
    /// its ChangeCipherSpecs. Nothing may be waiting to be sent or read.
    pub fn renegotiate_wipe(&mut self) -> Result<()> {
        if self.side() != Side::Client || !self.common.summary.secure_renegotiation {
            return Err(Error::new(ErrorCode::NO_RENEGOTIATION));
        }
        if self.common.summary.version != Some(TLS12) || self.is_handshaking() {
            return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
        }
        if !self.plaintext().is_empty() || !self.common.outgoing.is_empty() || self.we_closed || self.peer_closed {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let secrets = self.common.tls12_secrets.take().ok_or_else(|| Error::new(ErrorCode::NO_RENEGOTIATION))?;
        let mut fresh = Connection::new(Side::Client);
        fresh.common.tls12_secrets = Some(secrets);
        fresh.common.read = self.common.read.take();
        fresh.common.write = self.common.write.take();
        fresh.common.max_fragment = self.common.max_fragment;
        fresh.common.negotiated_max_fragment = self.common.negotiated_max_fragment;
        std::mem::swap(&mut fresh.incoming, &mut self.incoming);
        fresh.incoming_start = self.incoming_start;
        fresh.alert_at_shutdown = self.alert_at_shutdown;
        fresh.key_updates = self.key_updates;
        // The old handshake's secrets are wiped as the old connection goes.
        *self = fresh;
        Ok(())
    }

    /// Runs this connection under QUIC (see [`Common::quic`]); before the handshake.
    pub fn enable_quic(&mut self) {
        self.common.quic = true;
    }

    /// The application enters or leaves `s2n_send_early_data`/`s2n_recv_early_data`.
    pub fn set_early_data_expected(&mut self, expected: bool) {
        self.common.early_data.expected = expected;
    }

    /// A client sending early data now: its ClientHello offered it and the server has not
    /// refused it (nor has the client's EndOfEarlyData gone out).
    fn writes_early_data(&self) -> bool {
        use crate::early_data::EarlyDataState::{Accepted, Requested};
        self.common.side == Side::Client
            && self.common.early_data.expected
            && matches!(self.common.early_data.state, Requested | Accepted)
            && self.common.write.is_some()
    }

    /// Whether `write_plaintext` takes `n` bytes of early data now (s2n checks a whole
    /// `s2n_send` before sending any of it): Ok(false) when the handshake is not sending
    /// early data at all.
    pub fn check_early_data_send(&self, config: &Config, n: usize) -> Result<bool> {
        if !self.is_handshaking() || self.common.side != Side::Client || !self.common.early_data.expected {
            return Ok(false);
        }
        if !self.writes_early_data() {
            return Err(Error::new(ErrorCode::EARLY_DATA_NOT_ALLOWED));
        }
        if n as u64 > u64::from(self.remaining_early_data_size(config)?) {
            return Err(Error::new(ErrorCode::MAX_EARLY_DATA_SIZE));
        }
        Ok(true)
    }

    fn handle_alert(&mut self, range: std::ops::Range<usize>, config: &Settings) -> Result<()> {
        let alert = &self.incoming[range];
        if alert.len() != 2 || !self.hs_in.is_empty() {
            return Err(decode_error());
        }
        if alert[1] == AlertDescription::CloseNotify as u8 {
            self.peer_closed = true;
            return Ok(());
        }
        // Alert levels mean something before TLS 1.3 (and before a version is agreed).
        let levels_count = self.common.summary.version.map_or(true, |v| v < crate::msgs::TLS13);
        if levels_count && alert[0] == 1 && config.ignore_warning_alerts {
            return Ok(());
        }
        // In TLS 1.3 every alert but close_notify and user_canceled is fatal; s2n treats a
        // peer's alert as closing the connection with S2N_ERR_ALERT.
        if alert[1] == AlertDescription::UserCanceled as u8 {
            return Ok(());
        }
        self.common.summary.peer_alert = Some(alert[1]);
        self.status = Status::Failed(Error::new(ErrorCode::ALERT));
        Err(Error::new(ErrorCode::ALERT))
    }

    fn handle_handshake_messages(&mut self, config: &Settings, hooks: &mut dyn Hooks) -> Result<()> {
        // The buffer is taken out while its messages are handled, so each is handled from
        // where it lies instead of a copy. Nothing a handler reaches adds to `hs_in`: records
        // are only read between calls to this function.
        let mut messages = std::mem::take(&mut self.hs_in);
        let result = self.handle_buffered_messages(&messages, config, hooks);
        let consumed = match result {
            Ok(consumed) => consumed,
            Err((consumed, _)) => consumed,
        };
        messages.drain(..consumed);
        debug_assert!(self.hs_in.is_empty());
        self.hs_in = messages;
        result.map(|_| ()).map_err(|(_, err)| err)
    }

    /// Handles the whole messages at the start of `messages`; returns how many bytes may be
    /// dropped: those handled, also when a step pauses (its message is handled again next
    /// time), and none after a fatal framing error.
    fn handle_buffered_messages(
        &mut self,
        messages: &[u8],
        config: &Settings,
        hooks: &mut dyn Hooks,
    ) -> std::result::Result<usize, (usize, Error)> {
        let mut consumed = 0;
        loop {
            let pending = &messages[consumed..];
            if pending.len() < 4 {
                return Ok(consumed);
            }
            let len = u32::from_be_bytes([0, pending[1], pending[2], pending[3]]) as usize;
            if len > MAX_HANDSHAKE_MESSAGE {
                return Err((0, Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::UnexpectedMessage)));
            }
            if pending.len() < 4 + len {
                return Ok(consumed);
            }
            self.common.read_keys_changed = false;
            self.handle_handshake_message(&pending[..4 + len], config, hooks).map_err(|err| (consumed, err))?;
            consumed += 4 + len;
            if self.common.read_keys_changed && consumed != messages.len() && !self.common.quic {
                // A message may not span a key change, nor may more messages follow it in
                // the same record (RFC 8446 §5.1).
                return Err((0, unexpected()));
            }
            // The application is still judging the peer's chain: the messages after the
            // Certificate wait for its verdict.
            if matches!(
                self.common.chain_verdict,
                crate::config::ChainVerdict::Later | crate::config::ChainVerdict::AwaitingRevocationLists
            ) {
                return Err((consumed, Error::new(ErrorCode::ASYNC_BLOCKED)));
            }
        }
    }

    fn handle_handshake_message(&mut self, message: &[u8], config: &Settings, hooks: &mut dyn Hooks) -> Result<()> {
        let msg_type = message[0];
        let body = &message[4..];
        let Some(handshake) = self.handshake.take() else {
            return self.handle_post_handshake(msg_type, body, config, hooks);
        };
        // A HelloRequest while a renegotiation is under way is ignored (RFC 5246 §7.4.1.1).
        let renegotiating =
            matches!(handshake, Handshake::Client(_) | Handshake::Client12(_)) && self.common.tls12_secrets.is_some();
        if msg_type == hs::HELLO_REQUEST && renegotiating && body.is_empty() {
            self.handshake = Some(handshake);
            return Ok(());
        }
        let server_name = self.server_name.as_deref();
        let next = match handshake {
            Handshake::Client(state) => {
                tls13::client::handle(state, &mut self.common, config, hooks, server_name, message)?
            }
            Handshake::Server(state) => {
                let first = matches!(state, tls13::server::State::WaitClientHello);
                match tls13::server::handle(state, &mut self.common, config, hooks, message) {
                    // Paused on the application's ClientHello callback: same state next time.
                    Err(err) if first && err.kind() == crate::error::ErrorKind::Blocked => {
                        self.handshake = Some(Handshake::Server(tls13::server::State::WaitClientHello));
                        return Err(err);
                    }
                    result => result?,
                }
            }
            Handshake::Client12(state) => {
                tls12::client::handle(state, &mut self.common, config, hooks, server_name, message)?
            }
            Handshake::Server12(state) => tls12::server::handle(state, &mut self.common, config, hooks, message)?,
            // No message is expected until the application has signed.
            Handshake::AwaitingSignature(_) => return Err(unexpected()),
            // Never kept (see below).
            Handshake::HandleAgain(_) => return Err(Error::new(ErrorCode::SAFETY)),
        };
        match next {
            Some(Handshake::HandleAgain(state)) => {
                self.handshake = Some(*state);
                return Err(Error::new(ErrorCode::ASYNC_BLOCKED));
            }
            Some(next) => self.handshake = Some(next),
            None => self.status = Status::Open,
        }
        Ok(())
    }

    /// Messages after the handshake: NewSessionTicket (client) and KeyUpdate.
    fn handle_post_handshake(
        &mut self,
        msg_type: u8,
        body: &[u8],
        config: &Settings,
        hooks: &mut dyn Hooks,
    ) -> Result<()> {
        match msg_type {
            hs::NEW_SESSION_TICKET if self.side() == Side::Client => {
                let nst = crate::msgs::NewSessionTicket13::decode(body)?;
                // TLS 1.2 tickets come inside the handshake; here only TLS 1.3's.
                let Some(secrets) = &self.common.app_secrets else {
                    return Err(unexpected());
                };
                let (suite, master) = (secrets.suite, secrets.get(AppSecret::Resumption));
                if nst.lifetime > 7 * 24 * 3600 {
                    return Err(Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::IllegalParameter));
                }
                if nst.lifetime == 0 || !config.session_tickets {
                    return Ok(());
                }
                let psk = tls13::key_schedule::resumption_psk(suite.hash, &master, nst.nonce);
                // The early data the server allows with this ticket, on this connection's terms
                // (other extensions are ignored, RFC 8446 §4.6.1).
                let max_size =
                    nst.extensions.get(crate::msgs::ext::EARLY_DATA).map(crate::msgs::decode_u32).transpose()?;
                let early_data = crate::early_data::EarlyDataTerms {
                    max_size: max_size.unwrap_or(0),
                    suite: Some(suite),
                    alpn: self.common.summary.alpn.clone().unwrap_or_default(),
                    context: Box::default(),
                };
                let now = hooks.now().as_secs() * 1000;
                self.common.received_sessions.push(crate::session::ClientSession {
                    ticket: nst.ticket.to_vec(),
                    session_id: Vec::new(),
                    secret: crate::session::SessionSecret::Tls13 { suite, psk, age_add: nst.age_add, early_data },
                    received_at_ms: now,
                    lifetime: nst.lifetime,
                });
                Ok(())
            }
            // A TLS 1.2 server asks for renegotiation, which we never do (s2n's model):
            // ignored, or refused with a warning when the application wants to hear of it.
            hs::HELLO_REQUEST if self.side() == Side::Client && self.common.summary.version == Some(TLS12) => {
                if !body.is_empty() {
                    return Err(decode_error());
                }
                if !hooks.wants_renegotiation_requests() {
                    return Ok(());
                }
                // RFC 5746 §4.2: without secure renegotiation the request is refused unasked.
                let answer = if self.common.summary.secure_renegotiation {
                    hooks.renegotiation_requested()?
                } else {
                    Renegotiation::Refuse
                };
                if answer == Renegotiation::Refuse {
                    self.common.send_alert(AlertDescription::NoRenegotiation);
                }
                Ok(())
            }
            // QUIC updates its own keys (RFC 9001 §6).
            hs::KEY_UPDATE if !self.common.quic => {
                let mut r = crate::codec::Reader::new(body);
                let request = r.u8()?;
                r.finish()?;
                if request > 1 {
                    return Err(Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::IllegalParameter));
                }
                self.update_read_keys()?;
                self.key_update_owed |= request == 1;
                Ok(())
            }
            _ => Err(unexpected()),
        }
    }

    /// Whether the handshake waits for the application's verdict on the peer's chain.
    pub fn awaits_chain_verdict(&self) -> bool {
        self.common.chain_verdict == crate::config::ChainVerdict::Later
    }

    /// Whether the handshake waits for the application's CRL lookups.
    pub fn awaits_revocation_lists(&self) -> bool {
        self.common.chain_verdict == crate::config::ChainVerdict::AwaitingRevocationLists
    }

    /// The application's verdict on the peer's chain, given after its check returned
    /// `Later`; the next `process` goes on, or fails with `S2N_ERR_CERT_REJECTED`.
    pub fn set_peer_chain_verdict(&mut self, accept: bool) {
        if self.awaits_chain_verdict() {
            self.common.chain_verdict =
                if accept { crate::config::ChainVerdict::Accept } else { crate::config::ChainVerdict::Reject };
        }
    }

    /// (sent, received) KeyUpdates (`s2n_connection_get_key_update_counts`).
    pub fn key_update_counts(&self) -> (u8, u8) {
        self.key_updates
    }

    fn update_read_keys(&mut self) -> Result<()> {
        self.key_updates.1 = self.key_updates.1.saturating_add(1);
        let side = self.side();
        let secrets = self.common.app_secrets.as_mut().ok_or_else(unexpected)?;
        let peer = if side == Side::Client { AppSecret::Server } else { AppSecret::Client };
        let (suite, secret) = (secrets.suite, secrets.next_traffic_secret(peer));
        self.common.set_read_keys(suite, &secret);
        Ok(())
    }

    /// TLS 1.3 server: sends `count` more NewSessionTickets now (`s2n_connection_add_new_tickets_to_send`).
    pub fn issue_tickets(&mut self, config: &Config, hooks: &mut dyn Hooks, count: u16) -> Result<()> {
        self.check_usable()?;
        let Some(secrets) = &self.common.app_secrets else { return Ok(()) };
        let (suite, master) = (secrets.suite, secrets.get(AppSecret::Resumption));
        if self.side() != Side::Server || self.is_handshaking() {
            return Ok(());
        }
        let overrides = self.overrides.take();
        let settings = Settings::new(config, overrides.as_deref().unwrap_or(Overrides::none()));
        let mut result = Ok(());
        for _ in 0..count {
            result = tls13::server::send_tickets(&mut self.common, &settings, hooks, suite, &master, 1);
            if result.is_err() {
                break;
            }
        }
        self.overrides = overrides;
        result?;
        self.common.flush_handshake()
    }

    /// Sends a KeyUpdate and moves our sending keys forward; `request_peer` asks the peer
    /// to update its keys too.
    pub fn send_key_update(&mut self, request_peer: bool) -> Result<()> {
        self.check_usable()?;
        if self.is_handshaking() {
            return Err(Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE));
        }
        if self.common.quic {
            return Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC));
        }
        let mut msg = Vec::with_capacity(5);
        crate::msgs::encode_handshake(&mut msg, hs::KEY_UPDATE, |w| w.push(request_peer as u8));
        self.common.send_handshake(&msg);
        self.common.flush_handshake()?;
        let side = self.side();
        let secrets = self.common.app_secrets.as_mut().ok_or_else(unexpected)?;
        let ours = if side == Side::Client { AppSecret::Client } else { AppSecret::Server };
        let (suite, secret) = (secrets.suite, secrets.next_traffic_secret(ours));
        self.key_updates.0 = self.key_updates.0.saturating_add(1);
        self.common.set_write_keys(suite, &secret)
    }

    /// Encrypts application data for sending; returns how much of `data` was taken.
    pub fn write_plaintext(&mut self, data: &[u8]) -> Result<usize> {
        self.check_usable()?;
        if self.common.quic {
            return Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC));
        }
        if self.is_handshaking() {
            if !self.writes_early_data() {
                return Err(Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE));
            }
            let limit = self.common.early_data.limit.unwrap_or(0);
            self.common.early_data.count(data.len(), limit).map_err(|e| Error::new(e.code))?;
        }
        if self.we_closed {
            return Err(Error::new(ErrorCode::CLOSED));
        }
        if std::mem::take(&mut self.key_update_owed) {
            self.send_key_update(false)?;
        }
        for chunk in data.chunks(self.common.max_fragment) {
            self.common.send_record(ContentType::ApplicationData, chunk)?;
        }
        Ok(data.len())
    }

    /// Queues close_notify, or the fatal alert a failure left for shutdown; nothing more can
    /// be written after it. Nothing is sent to a peer whose own fatal alert ended the connection.
    pub fn send_close_notify(&mut self) {
        if self.we_closed {
            return;
        }
        self.we_closed = true;
        if let Some(alert) = self.pending_alert.take() {
            self.common.send_alert(alert);
        } else if !matches!(self.status, Status::Failed(err) if err.code == ErrorCode::ALERT) {
            self.common.send_alert(AlertDescription::CloseNotify);
        }
    }

    pub fn we_closed(&self) -> bool {
        self.we_closed
    }

    /// The state `s2n_connection_serialize` saves, of an established connection with
    /// nothing received and unread or queued and unsent.
    pub fn established(&self) -> Result<crate::serialize::Established> {
        use crate::serialize::{Established, EstablishedKeys};
        if self.is_handshaking() {
            return Err(Error::new(ErrorCode::HANDSHAKE_NOT_COMPLETE));
        }
        if self.we_closed || self.peer_closed || matches!(self.status, Status::Failed(_)) {
            return Err(Error::new(ErrorCode::CLOSED));
        }
        let c = &self.common;
        if self.buffered_tls() > 0 || !self.app_in.is_empty() || !self.hs_in.is_empty() || !c.outgoing.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let seq = |p: &Option<Protection>| p.as_ref().map(Protection::sequence_number).ok_or_else(unexpected);
        let (read, write) = (seq(&c.read)?, seq(&c.write)?);
        let (client_seq, server_seq) = if c.side == Side::Client { (write, read) } else { (read, write) };
        let keys = if let Some(s) = &c.app_secrets {
            EstablishedKeys::Tls13 {
                suite: s.suite,
                client: s.get(AppSecret::Client),
                server: s.get(AppSecret::Server),
                resumption: s.get(AppSecret::Resumption),
            }
        } else if let Some(s) = &c.tls12_secrets {
            EstablishedKeys::Tls12 {
                suite: s.suite,
                master: s.master.clone(),
                client_random: s.client_random,
                server_random: s.server_random,
            }
        } else {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        };
        let max_fragment = u16::try_from(c.max_fragment).unwrap_or(u16::MAX);
        Ok(Established { client_seq, server_seq, max_fragment, keys })
    }

    /// After serializing: no record more either way, and no keys left, so the same nonces
    /// cannot be used here and where the connection goes (s2n closes it and wipes its keys).
    pub fn retire_serialized(&mut self) {
        self.we_closed = true;
        self.peer_closed = true;
        let c = &mut self.common;
        (c.read, c.write, c.app_secrets, c.tls12_secrets) = (None, None, None, None);
    }

    /// Makes this new connection the established one `state` describes
    /// (`s2n_connection_deserialize`); one that has begun a handshake is
    /// `S2N_ERR_INVALID_STATE`.
    pub fn restore_established(&mut self, state: crate::serialize::Established) -> Result<()> {
        use crate::serialize::EstablishedKeys;
        let untouched = matches!(
            self.handshake,
            Some(
                Handshake::Client(tls13::client::State::Start)
                    | Handshake::Server(tls13::server::State::WaitClientHello)
            )
        );
        if !untouched || self.buffered_tls() > 0 || !self.common.outgoing.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        let client_side = self.common.side == Side::Client;
        let (read_seq, write_seq) =
            if client_side { (state.server_seq, state.client_seq) } else { (state.client_seq, state.server_seq) };
        let c = &mut self.common;
        let (client_write, server_write) = match state.keys {
            EstablishedKeys::Tls13 { suite, client, server, resumption } => {
                c.summary.version = Some(crate::msgs::TLS13);
                c.summary.suite = Some(suite);
                let no_exporter = Secret::from_slice(&[0; 48][..suite.hash.output_len()]);
                c.app_secrets = Some(AppSecrets::new(suite, &client, &server, &no_exporter, &resumption));
                (
                    Protection::Tls13(Tls13Protection::new(suite, &client)),
                    Protection::Tls13(Tls13Protection::new(suite, &server)),
                )
            }
            EstablishedKeys::Tls12 { suite, master, client_random, server_random } => {
                c.summary.version = Some(crate::msgs::TLS12);
                c.summary.tls12_suite = Some(suite);
                c.summary.client_random = client_random;
                let keys = tls12::key_protections(suite, &master, &client_random, &server_random);
                c.tls12_secrets = Some(Box::new(tls12::Secrets {
                    master,
                    client_random,
                    server_random,
                    suite,
                    pending_read: None,
                    // A restored connection cannot renegotiate (s2n forbids both together).
                    finished: [0; 24],
                }));
                keys
            }
        };
        let (read, write) = if client_side { (server_write, client_write) } else { (client_write, server_write) };
        c.read = Some(read.resume_at(read_seq));
        c.write = Some(write.resume_at(write_seq));
        c.max_fragment = usize::from(state.max_fragment);
        c.summary.deserialized = true;
        self.handshake = None;
        self.status = Status::Open;
        Ok(())
    }

    /// Frees the record buffers; they come back on the next use. Fails while they hold data
    /// not yet processed or sent (`S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA`).
    pub fn release_buffers(&mut self) -> Result<()> {
        let pending = self.buffered_tls() > 0 || !self.common.outgoing.is_empty() || !self.plaintext().is_empty();
        if pending || !self.hs_in.is_empty() {
            return Err(Error::new(ErrorCode::STUFFER_HAS_UNPROCESSED_DATA));
        }
        self.incoming.release();
        self.incoming_start = 0;
        self.common.outgoing.release();
        self.app_in = 0..0;
        if !self.is_handshaking() {
            self.common.compact_keys();
        }
        Ok(())
    }

    /// Whether both directions' expanded keys are dropped (tests of release_buffers).
    #[cfg(test)]
    pub(crate) fn keys_compacted(&self) -> bool {
        let c = &self.common;
        c.read.as_ref().is_some_and(Protection::is_compact) && c.write.as_ref().is_some_and(Protection::is_compact)
    }

    /// Starts over as a new connection on the same side (s2n's wipe): every secret goes
    /// with the old state, but the record and handshake buffers keep their memory, wiped
    /// (they held plaintext), so the next handshake does not allocate it again.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        let mut fresh = Connection::new(self.side());
        let reuse = |old: &mut Vec<u8>, new: &mut Vec<u8>| {
            old.zeroize(); // contents and spare capacity
            std::mem::swap(old, new);
        };
        self.incoming.wipe();
        std::mem::swap(&mut self.incoming, &mut fresh.incoming);
        reuse(&mut self.hs_in, &mut fresh.hs_in);
        self.common.outgoing.wipe();
        std::mem::swap(&mut self.common.outgoing, &mut fresh.common.outgoing);
        reuse(&mut self.common.hs_out, &mut fresh.common.hs_out);
        *self = fresh;
    }

    /// Frees the output buffer if it holds nothing (s2n's dynamic buffers; the writer's
    /// half). Unlike [`Connection::release_buffers`] it never fails.
    pub fn shed_idle_outgoing(&mut self) {
        if self.common.outgoing.is_empty() && self.common.outgoing.capacity() > 0 {
            self.common.outgoing.release();
        }
    }

    /// Frees the input buffer if it holds nothing unread (the reader's half).
    pub fn shed_idle_incoming(&mut self) {
        if self.buffered_tls() == 0 && self.app_in.is_empty() && self.incoming.capacity() > 0 {
            self.incoming.release();
            self.incoming_start = 0;
        }
    }

    /// Bytes each protected record adds to its payload beyond the 5-byte header (content
    /// type, explicit nonce, tag), under the negotiated suite; 0 before one is agreed.
    pub fn record_overhead(&self) -> usize {
        let s = &self.common.summary;
        match (s.suite, s.tls12_suite) {
            (Some(suite), _) => 1 + suite.aead.tag_len(),
            (None, Some(suite)) => suite.aead.tag_len() + if suite.explicit_nonce { 8 } else { 0 },
            _ => 0,
        }
    }

    /// The handshake message this connection is at, in s2n's naming: the next one it
    /// expects, or "APPLICATION_DATA" once the handshake is done.
    pub fn last_message_name(&self) -> &'static str {
        use tls13::client::State as C;
        use tls13::server::State as S;
        match &self.handshake {
            None => "APPLICATION_DATA",
            Some(Handshake::Client(C::Start)) => "CLIENT_HELLO",
            Some(Handshake::Client(C::WaitServerHello(_))) => "SERVER_HELLO",
            Some(Handshake::Client(C::WaitEncryptedExtensions(_))) => "ENCRYPTED_EXTENSIONS",
            Some(Handshake::Client(C::WaitCertificateOrRequest(_) | C::WaitCertificate(_))) => "SERVER_CERT",
            Some(Handshake::Client(C::WaitCertificateVerify(_))) => "SERVER_CERT_VERIFY",
            Some(Handshake::Client(C::WaitFinished(_))) => "SERVER_FINISHED",
            Some(Handshake::Server(S::WaitClientHello | S::WaitSecondClientHello(_))) => "CLIENT_HELLO",
            Some(Handshake::Server(S::WaitEndOfEarlyData(_))) => "END_OF_EARLY_DATA",
            Some(Handshake::Client(C::SendEndOfEarlyData(_))) => "END_OF_EARLY_DATA",
            Some(Handshake::Server(S::WaitClientCertificate(_))) => "CLIENT_CERT",
            Some(Handshake::Server(S::WaitClientCertificateVerify(_))) => "CLIENT_CERT_VERIFY",
            Some(Handshake::Server(S::WaitClientFinished(_))) => "CLIENT_FINISHED",
            Some(Handshake::Client12(state)) => {
                use tls12::client::State as C12;
                match state {
                    C12::WaitCertificate(_) => "SERVER_CERT",
                    C12::WaitServerKeyExchange(_) => "SERVER_KEY",
                    C12::WaitCertificateRequestOrDone(_) => "SERVER_CERT_REQ",
                    C12::WaitServerHelloDone(_) => "SERVER_HELLO_DONE",
                    C12::WaitNewSessionTicket(_) => "SERVER_NEW_SESSION_TICKET",
                    C12::WaitChangeCipherSpec(_) => "SERVER_CHANGE_CIPHER_SPEC",
                    C12::WaitFinished(_) => "SERVER_FINISHED",
                }
            }
            Some(Handshake::AwaitingSignature(_)) => "SERVER_CERT_VERIFY",
            Some(Handshake::HandleAgain(_)) => "INVALID",
            Some(Handshake::Server12(state)) => {
                use tls12::server::State as S12;
                match state {
                    S12::WaitClientCertificate(_) => "CLIENT_CERT",
                    S12::WaitClientKeyExchange(_) => "CLIENT_KEY",
                    S12::WaitCertificateVerify(_) => "CLIENT_CERT_VERIFY",
                    S12::WaitChangeCipherSpec(_) => "CLIENT_CHANGE_CIPHER_SPEC",
                    S12::WaitFinished(_) => "CLIENT_FINISHED",
                }
            }
        }
    }

    /// Drops what only the handshake needed.
    pub fn free_handshake(&mut self) {
        if !self.is_handshaking() {
            self.handshake = None;
            self.hs_in = Vec::new();
            // The flight buffers keep the capacity of the largest flight (a certificate
            // chain) unless released; post-handshake messages re-grow them as needed.
            if self.common.hs_out.is_empty() {
                self.common.hs_out = Vec::new();
            }
            if self.common.received_sessions.is_empty() {
                self.common.received_sessions = Vec::new();
            }
            // The peer's chain was needed to authenticate it; an application that wants it
            // afterwards takes its copy before (it is most of an idle client's memory).
            let summary = &mut self.common.summary;
            summary.peer_chain_dropped |= !summary.peer_chain.is_empty();
            summary.peer_chain = Vec::new();
        }
    }
}

/// A well-formed message with a value the peer may not choose.
#[track_caller]
pub fn illegal_parameter(code: ErrorCode) -> Error {
    Error::with_alert(code, AlertDescription::IllegalParameter)
}

#[track_caller]
pub fn unexpected() -> Error {
    Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::UnexpectedMessage)
}
