//! The TLS 1.3 client handshake (RFC 8446 §2, full 1-RTT with HelloRetryRequest).

use aws_lc_rs::constant_time::verify_slices_are_equal;
use rustls_pki_types::CertificateDer;

use super::key_schedule::{finished_verify_data, EarlySecret, HandshakeSecret};
use crate::alert::AlertDescription;
use crate::codec::{decode_error, Reader, Writer};
use crate::config::{Hooks, Settings};
use crate::conn::{illegal_parameter, unexpected, AppSecrets, Common};
use crate::crypto::public_random;
use crate::crypto::Secret;
use crate::early_data::EarlyDataTerms;
use crate::error::{Error, ErrorCode, Result};
use crate::kx::{ClientKeyShare, NamedGroup};
use crate::msgs::{self, encode_handshake, ext, extension, hs, Extensions, ServerHello, TLS12, TLS13};
use crate::session::{ClientSession, SessionSecret};
use crate::sign::SignatureScheme;
use crate::suites::{tls13_suite, Tls13Suite};
use crate::transcript::Transcript;

pub enum State {
    Start,
    WaitServerHello(Box<Hello>),
    WaitEncryptedExtensions(Box<Handshake>),
    WaitCertificateOrRequest(Box<Handshake>),
    WaitCertificate(Box<Handshake>),
    WaitCertificateVerify(Box<Handshake>),
    WaitFinished(Box<Handshake>),
    /// The server's Finished is in and it took our early data; our EndOfEarlyData waits
    /// while the application is still sending early data (s2n's S2N_BLOCKED_ON_EARLY_DATA).
    SendEndOfEarlyData(Box<Finish>),
}

/// What the client remembers between ClientHello and ServerHello.
pub struct Hello {
    /// The TLS 1.3 key share; none when we offer only TLS 1.2, which makes its own in
    /// ClientKeyExchange (a key generation saved on every TLS 1.2 handshake).
    pub(crate) key_share: Option<ClientKeyShare>,
    /// When the first group is a hybrid post-quantum one, a classical share too, so servers
    /// without ML-KEM need no HelloRetryRequest (s2n offers the same pair).
    pub(crate) classical_share: Option<ClientKeyShare>,
    pub(crate) random: [u8; 32],
    pub(crate) session_id: [u8; 32],
    pub(crate) transcript: Transcript,
    pub(crate) retried: bool,
    /// The session offered for resumption, if any.
    pub(crate) resume: Option<ClientSession>,
    /// After a HelloRetryRequest: only PSKs for the chosen suite's hash may be offered.
    pub(crate) psk_hash: Option<crate::crypto::HashAlgorithm>,
    /// The compatibility-mode change_cipher_spec went out already (right after a
    /// ClientHello offering early data).
    pub(crate) ccs_sent: bool,
    /// A TLS 1.2 renegotiation (RFC 5746): the handshake before's two Finished verify_data.
    pub(crate) renegotiation: Option<[u8; 24]>,
}

impl Hello {
    /// The legacy_session_id sent: random for middlebox compatibility (or a TLS 1.2 cached
    /// session's), empty under QUIC (RFC 9001 §8.4).
    fn legacy_session_id(&self, quic: bool) -> &[u8] {
        if quic || self.renegotiation.is_some() {
            &[]
        } else {
            &self.session_id
        }
    }
}

/// One PSK the ClientHello offers: a session's ticket, or an external PSK.
struct PskOffer<'a> {
    identity: &'a [u8],
    obfuscated_age: u32,
    secret: &'a [u8],
    hash: crate::crypto::HashAlgorithm,
    /// Resumption PSKs and external ones use different binder keys.
    resumption: bool,
    early_data: &'a EarlyDataTerms,
}

/// The PSKs to offer, in order: the configured external PSKs (then no session is offered,
/// as in s2n's external mode), or the session to resume.
fn psk_offers<'a>(config: &'a Settings, hello: &'a Hello, now_ms: u64) -> Vec<PskOffer<'a>> {
    let hash_ok = |h: crate::crypto::HashAlgorithm| hello.psk_hash.map_or(true, |wanted| wanted == h);
    if !config.external_psks.is_empty() {
        return config
            .external_psks
            .iter()
            .filter(|p| hash_ok(p.hash))
            .map(|p| PskOffer {
                identity: &p.identity,
                obfuscated_age: 0,
                secret: &p.secret,
                hash: p.hash,
                resumption: false,
                early_data: &p.early_data,
            })
            .collect();
    }
    let Some(session) = hello.resume.as_ref() else { return Vec::new() };
    let (Some((suite, psk, age_add)), Some(early_data)) = (session.tls13(), session.early_data()) else {
        return Vec::new();
    };
    if !hash_ok(suite.hash) {
        return Vec::new();
    }
    let age = now_ms.saturating_sub(session.received_at_ms) as u32;
    vec![PskOffer {
        identity: &session.ticket,
        obfuscated_age: age.wrapping_add(age_add),
        secret: psk.as_ref(),
        hash: suite.hash,
        resumption: true,
        early_data,
    }]
}

/// The suite to send early data with, if the first PSK offered allows early data that this
/// connection could negotiate (s2n's rules: a suite and, if the PSK names one, an ALPN
/// protocol we offer).
fn early_data_suite(config: &Settings, offers: &[PskOffer<'_>]) -> Option<&'static Tls13Suite> {
    let terms = offers.first()?.early_data;
    let suite = terms.suite.filter(|s| config.tls13_suites.contains(s) && s.hash == offers[0].hash)?;
    let alpn_ok = terms.alpn.is_empty() || config.alpn.iter().any(|p| **p == *terms.alpn);
    (terms.max_size > 0 && config.max_version >= TLS13 && alpn_ok).then_some(suite)
}

/// What the client remembers from ServerHello to the end of the handshake.
pub struct Handshake {
    suite: &'static Tls13Suite,
    transcript: Transcript,
    secret: HandshakeSecret,
    client_secret: Secret,
    server_secret: Secret,
    cert_request: Option<CertRequest>,
    /// Early data offered, and the server chose the PSK it was offered with (our first,
    /// with its suite): the ALPN protocol the PSK requires, which EncryptedExtensions must
    /// bear out before we take the server's early_data as acceptance.
    early_data_alpn: Option<Box<[u8]>>,
}

/// What the client needs after the server's Finished to send its own.
pub struct Finish {
    suite: &'static Tls13Suite,
    transcript: Transcript,
    client_secret: Secret,
    cert_request: Option<CertRequest>,
    master: super::key_schedule::MasterSecret,
    client_app: Secret,
    server_app: Secret,
    exporter: Secret,
}

struct CertRequest {
    context: Vec<u8>,
    schemes: Vec<SignatureScheme>,
    /// The certificate_authorities extension's names (each after its u16 length), if sent.
    authorities: Vec<u8>,
}

/// Sends the first ClientHello, offering `resume` when it is still valid and its suite is
/// one we offer.
pub fn start(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    resume: Option<ClientSession>,
) -> Result<State> {
    if config.max_version < TLS12 || config.min_version > config.max_version {
        return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
    }
    // QUIC is TLS 1.3 only (RFC 9001 §4.2).
    if common.quic && config.max_version < TLS13 {
        return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
    }
    // Renegotiation is TLS 1.2's.
    if common.tls12_secrets.is_some() && config.min_version > TLS12 {
        return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
    }
    let group = *config.groups.first().ok_or_else(|| Error::new(ErrorCode::ECDHE_UNSUPPORTED_CURVE))?;
    let (random, session_id): ([u8; 32], [u8; 32]) = (public_random()?, public_random()?);
    // A connection wiped for renegotiation keeps the secrets of the handshake before.
    let renegotiation = common.tls12_secrets.as_ref().map(|s| s.finished);
    let offers_tls13 = config.max_version >= TLS13 && renegotiation.is_none();
    let hello = Hello {
        key_share: offers_tls13.then(|| ClientKeyShare::generate(group)).transpose()?,
        classical_share: match group.is_hybrid() && offers_tls13 {
            true => config.groups.iter().find(|g| !g.is_hybrid()).map(|g| ClientKeyShare::generate(*g)).transpose()?,
            false => None,
        },
        random,
        // A non-empty session id is half of middlebox compatibility mode (RFC 8446 §D.4).
        session_id,
        transcript: Transcript::default(),
        retried: false,
        resume: None,
        psk_hash: None,
        ccs_sent: false,
        renegotiation,
    };
    let now_ms = hooks.now().as_secs() * 1000;
    let mut hello = hello;
    // A TLS 1.2 session the server keeps in its cache is asked for by its session id (ours
    // are 32 bytes; a shorter one from another server is not offered).
    if let Some(cached) = resume.as_ref().filter(|s| s.ticket.is_empty()) {
        match <[u8; 32]>::try_from(cached.session_id.as_slice()) {
            Ok(id) => hello.session_id = id,
            Err(_) => return start(common, config, hooks, server_name, None),
        }
    }
    // The ticket's own lifetime, and the client's session lifetime (s2n's rule for a session
    // loaded from a blob, which does not carry the ticket lifetime).
    let session_lifetime_ms = u64::from(config.session_lifetime) * 1000;
    hello.resume = resume.filter(|s| {
        s.is_valid_at(now_ms)
            && now_ms.saturating_sub(s.received_at_ms) < session_lifetime_ms
            && match &s.secret {
                SessionSecret::Tls13 { suite, .. } => {
                    config.max_version >= TLS13 && config.tls13_suites.contains(suite)
                }
                SessionSecret::Tls12 { suite, .. } => {
                    config.min_version <= TLS12
                        && ((config.session_tickets && !config.ticket_forward_secrecy) || s.ticket.is_empty())
                        && config.tls12_suites.contains(suite)
                }
            }
    });
    common.summary.client_random = hello.random;
    send_client_hello(common, config, hooks, server_name, hello, None, now_ms)
}

fn send_client_hello(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    mut hello: Hello,
    cookie: Option<&[u8]>,
    now_ms: u64,
) -> Result<State> {
    let mut msg = Vec::with_capacity(512 + hello.key_share.as_ref().map_or(0, |k| k.public.len()));
    // TLS 1.3 PSKs go in pre_shared_key; a TLS 1.2 session's ticket in session_ticket.
    let offers = match config.max_version >= TLS13 && hello.renegotiation.is_none() {
        true => psk_offers(config, &hello, now_ms),
        false => Vec::new(),
    };
    // Early data only in a first ClientHello, and only when the application sends some.
    let early_suite = match hello.retried || !common.early_data.expected {
        true => None,
        false => early_data_suite(config, &offers),
    };
    let early_psk = early_suite
        .map(|suite| (suite, offers[0].early_data.max_size, EarlySecret::new(suite.hash, Some(offers[0].secret))));
    let tls12_ticket = hello.resume.as_ref().filter(|s| s.tls13().is_none()).map(|s| s.ticket.as_slice());
    common.summary.client_hello_version = Some(TLS12);
    let tls13_offered = config.max_version >= TLS13 && !config.tls13_suites.is_empty() && hello.renegotiation.is_none();
    common.summary.client_max_version = Some(if tls13_offered { TLS13 } else { TLS12 });
    encode_handshake(&mut msg, hs::CLIENT_HELLO, |w| {
        w.put_u16(TLS12);
        w.put_bytes(&hello.random);
        w.put_prefixed(1, |w| w.put_bytes(hello.legacy_session_id(common.quic)));
        let tls12 = config.min_version <= TLS12 && !common.quic;
        let tls13 = config.max_version >= TLS13 && hello.renegotiation.is_none();
        w.put_prefixed(2, |w| {
            if tls13 {
                config.tls13_suites.iter().for_each(|s| w.put_u16(s.iana));
            }
            if tls12 {
                config.tls12_suites.iter().for_each(|s| w.put_u16(s.iana));
            }
        });
        w.put_prefixed(1, |w| w.put_u8(0));
        w.put_prefixed(2, |w| {
            // IP addresses are not sent as server names (RFC 6066 §3), unless the API we
            // stand in for does so.
            let sendable = |n: &&str| config.sni_for_ip_literals || n.parse::<std::net::IpAddr>().is_err();
            if let Some(name) = server_name.filter(sendable) {
                extension(w, ext::SERVER_NAME, |w| {
                    w.put_prefixed(2, |w| {
                        w.put_u8(0);
                        w.put_prefixed(2, |w| w.put_bytes(name.as_bytes()));
                    })
                });
            }
            if tls13 {
                extension(w, ext::SUPPORTED_VERSIONS, |w| {
                    w.put_prefixed(1, |w| {
                        w.put_u16(TLS13);
                        if tls12 {
                            w.put_u16(TLS12);
                        }
                    })
                });
            }
            if tls12 {
                // RFC 7627, RFC 5746 (initial handshake: empty), RFC 8422 (uncompressed points).
                extension(w, ext::EXTENDED_MASTER_SECRET, |_| {});
                // A renegotiation shows our Finished from the handshake before.
                let ours = hello.renegotiation.as_ref().map_or(&[][..], |f| &f[..12]);
                extension(w, ext::RENEGOTIATION_INFO, |w| w.put_prefixed(1, |w| w.put_bytes(ours)));
                extension(w, ext::EC_POINT_FORMATS, |w| w.put_prefixed(1, |w| w.put_u8(0)));
            }
            extension(w, ext::SUPPORTED_GROUPS, |w| {
                w.put_prefixed(2, |w| config.groups.iter().for_each(|g| w.put_u16(g.iana())))
            });
            extension(w, ext::SIGNATURE_ALGORITHMS, |w| {
                w.put_prefixed(2, |w| {
                    config.schemes.iter().filter(|s| tls12 || s.allowed_in_tls13()).for_each(|s| w.put_u16(s.iana()))
                })
            });
            if tls13 {
                extension(w, ext::KEY_SHARE, |w| {
                    w.put_prefixed(2, |w| {
                        for share in hello.key_share.iter().chain(hello.classical_share.as_ref()) {
                            w.put_u16(share.group().iana());
                            w.put_prefixed(2, |w| w.put_bytes(&share.public));
                        }
                    })
                });
            }
            if !config.alpn.is_empty() {
                extension(w, ext::ALPN, |w| msgs::encode_alpn_list(w, config.alpn.iter().map(Vec::as_slice)));
                if config.npn {
                    extension(w, ext::NEXT_PROTOCOL_NEGOTIATION, |_| {});
                }
            }
            if config.request_ocsp_staple {
                // RFC 6066 §8: OCSP, no responder ids, no request extensions.
                extension(w, ext::STATUS_REQUEST, |w| {
                    w.put_u8(msgs::STATUS_TYPE_OCSP);
                    w.put_u16(0);
                    w.put_u16(0);
                });
            }
            if config.request_sct_list {
                // Empty (RFC 6962 §3.3.1).
                extension(w, ext::SCT, |_| {});
            }
            if let Some(code) = config.max_fragment_length_request {
                extension(w, ext::MAX_FRAGMENT_LENGTH, |w| w.put_u8(code));
            }
            if let Some(cookie) = cookie {
                extension(w, ext::COOKIE, |w| w.put_prefixed(2, |w| w.put_bytes(cookie)));
            }
            // As s2n: not beside a TLS 1.3 PSK, and not when tickets must be forward secret.
            let renegotiation = hello.renegotiation.is_some();
            if tls12 && config.session_tickets && !config.ticket_forward_secrecy && offers.is_empty() && !renegotiation
            {
                extension(w, ext::SESSION_TICKET, |w| w.put_bytes(tls12_ticket.unwrap_or_default()));
            }
            // psk_dhe_ke only: resumption keeps forward secrecy. Sent whenever we take tickets,
            // since servers issue TLS 1.3 tickets only to clients that say how they would use them.
            if tls13 && (config.session_tickets || !offers.is_empty()) {
                extension(w, ext::PSK_KEY_EXCHANGE_MODES, |w| w.put_prefixed(1, |w| w.put_u8(1)));
            }
            if common.quic {
                let parameters = config.quic_transport_parameters;
                extension(w, ext::QUIC_TRANSPORT_PARAMETERS, |w| w.put_bytes(parameters));
            }
            if early_suite.is_some() {
                extension(w, ext::EARLY_DATA, |_| {});
            }
            if !offers.is_empty() {
                // pre_shared_key must be last; the binders are filled in below.
                extension(w, ext::PRE_SHARED_KEY, |w| {
                    w.put_prefixed(2, |w| {
                        for offer in &offers {
                            w.put_prefixed(2, |w| w.put_bytes(offer.identity));
                            w.put_u32(offer.obfuscated_age);
                        }
                    });
                    w.put_prefixed(2, |w| {
                        for offer in &offers {
                            w.put_prefixed(1, |w| w.put_bytes(&[0; 64][..offer.hash.output_len()]));
                        }
                    });
                });
            }
        });
    });
    if !offers.is_empty() {
        // Each binder is an HMAC over the transcript up to (not including) the binders list.
        let binders_len: usize = 2 + offers.iter().map(|o| 1 + o.hash.output_len()).sum::<usize>();
        let truncated = msg.len() - binders_len;
        let mut at = truncated + 2;
        for offer in &offers {
            let early = EarlySecret::new(offer.hash, Some(offer.secret));
            let binder_hash = hello.transcript.hash_with(offer.hash, &msg[..truncated]);
            let binder = finished_verify_data(offer.hash, &early.binder_key(offer.resumption), binder_hash.as_ref());
            let len = offer.hash.output_len();
            msg[at + 1..at + 1 + len].copy_from_slice(binder.as_ref());
            at += 1 + len;
        }
    }
    hello.transcript.add(&msg);
    common.send_handshake(&msg);
    match early_psk {
        Some((suite, max_size, early)) => {
            // Early data follows the ClientHello (after the compatibility-mode CCS) under the
            // client_early_traffic_secret of the first PSK.
            common.early_data.set_state(crate::early_data::EarlyDataState::Requested)?;
            common.early_data.limit = Some(max_size);
            let secret = early.client_early_traffic_secret(hello.transcript.hash_with(suite.hash, &[]).as_ref());
            common.key_log(hooks, "CLIENT_EARLY_TRAFFIC_SECRET", &secret)?;
            common.send_change_cipher_spec()?;
            hello.ccs_sent = true;
            common.set_write_keys(suite, &secret)?;
        }
        None if common.early_data.state != crate::early_data::EarlyDataState::Rejected => {
            common.early_data.set_state(crate::early_data::EarlyDataState::NotRequested)?;
        }
        None => {}
    }
    Ok(State::WaitServerHello(Box::new(hello)))
}

/// Handles one handshake message; `Ok(None)` when the handshake is complete.
pub fn handle(
    state: State,
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    message: &[u8],
) -> Result<Option<crate::conn::Handshake>> {
    let (msg_type, body) = (message[0], &message[4..]);
    let next = match (state, msg_type) {
        (State::WaitServerHello(hello), hs::SERVER_HELLO) => {
            let sh = ServerHello::decode(&message[4..])?;
            if sh.selected_version()?.is_none() && !sh.is_hello_retry_request() {
                // No supported_versions in the answer: the server chose TLS 1.2 or older,
                // which has no early data: the rest of our flight goes out unprotected.
                if common.early_data.state == crate::early_data::EarlyDataState::Requested {
                    common.early_data.set_state(crate::early_data::EarlyDataState::Rejected)?;
                    common.drop_write_protection()?;
                }
                return crate::tls12::client::server_hello(common, config, *hello, &sh, message).map(Some);
            }
            server_hello(common, config, hooks, server_name, *hello, message)?
        }
        (State::WaitEncryptedExtensions(mut h), hs::ENCRYPTED_EXTENSIONS) => {
            let early_data_accepted = encrypted_extensions(common, config, hooks, body)?;
            early_data_answer(common, &h, early_data_accepted)?;
            h.transcript.add(message);
            // A resumed session was authenticated when it was made: no certificates now.
            if common.summary.resumed {
                State::WaitFinished(h)
            } else {
                State::WaitCertificateOrRequest(h)
            }
        }
        (State::WaitCertificateOrRequest(mut h), hs::CERTIFICATE_REQUEST) => {
            h.cert_request = Some(certificate_request(body)?);
            common.summary.client_auth = true;
            h.transcript.add(message);
            State::WaitCertificate(h)
        }
        (State::WaitCertificateOrRequest(mut h) | State::WaitCertificate(mut h), hs::CERTIFICATE) => {
            server_certificate(common, config, hooks, server_name, body)?;
            h.transcript.add(message);
            State::WaitCertificateVerify(h)
        }
        (State::WaitCertificateVerify(mut h), hs::CERTIFICATE_VERIFY) => {
            let hash = h.transcript.current();
            if !super::verify_peer_certificate_verify(common, config, hooks, true, hash.as_ref(), body)? {
                let again = crate::conn::Handshake::Client(State::WaitCertificateVerify(h));
                return Ok(Some(crate::conn::Handshake::HandleAgain(Box::new(again))));
            }
            h.transcript.add(message);
            State::WaitFinished(h)
        }
        (State::WaitFinished(h), hs::FINISHED) => {
            let finish = server_finished(common, hooks, *h, message)?;
            let accepted = common.early_data.state == crate::early_data::EarlyDataState::Accepted;
            if accepted && common.early_data.expected && !common.quic {
                State::SendEndOfEarlyData(Box::new(finish))
            } else {
                send_finished(common, config, hooks, finish)?;
                return Ok(None);
            }
        }
        _ => return Err(unexpected()),
    };
    Ok(Some(crate::conn::Handshake::Client(next)))
}

fn server_hello(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    mut hello: Hello,
    message: &[u8],
) -> Result<State> {
    let sh = ServerHello::decode(&message[4..])?;
    if sh.selected_version()? != Some(TLS13) {
        // A TLS 1.2 answer: this client only offered 1.3.
        return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
    }
    if sh.legacy_version != TLS12 || sh.session_id != hello.legacy_session_id(common.quic) || sh.compression_method != 0
    {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    let suite = tls13_suite(sh.cipher_suite)
        .filter(|s| config.tls13_suites.contains(s))
        .ok_or_else(|| illegal_parameter(ErrorCode::CIPHER_NOT_SUPPORTED))?;

    if sh.is_hello_retry_request() {
        return hello_retry_request(common, config, hooks, server_name, hello, &sh, suite, message);
    }
    sh.extensions.check_only(&[ext::KEY_SHARE, ext::SUPPORTED_VERSIONS, ext::PRE_SHARED_KEY])?;
    let key_share = sh.extensions.get(ext::KEY_SHARE).ok_or_else(|| Error::new(ErrorCode::MISSING_EXTENSION))?;
    let mut r = Reader::new(key_share);
    let group = r.u16()?;
    let server_public = r.vec_u16()?.rest();
    r.finish()?;
    let share = if let Some(share) = hello.key_share.take().filter(|k| k.group().iana() == group) {
        share
    } else {
        match hello.classical_share.take() {
            Some(share) if share.group().iana() == group => share,
            _ => return Err(illegal_parameter(ErrorCode::BAD_KEY_SHARE)),
        }
    };
    common.summary.group = Some(share.group());
    // Did the server accept a PSK we offered? It names it by its place in our list.
    let requested_early_data = common.early_data.state == crate::early_data::EarlyDataState::Requested;
    let mut early_data_alpn = None;
    let psk = match sh.extensions.get(ext::PRE_SHARED_KEY) {
        None => None,
        Some(data) => {
            let now_ms = hooks.now().as_secs() * 1000;
            let offers = psk_offers(config, &hello, now_ms);
            let index = usize::from(msgs::decode_single_u16(data)?);
            let offer = offers.get(index).ok_or_else(|| illegal_parameter(ErrorCode::BAD_MESSAGE))?;
            // Early data can only be taken with the first PSK, and the suite it was made with.
            if requested_early_data && index == 0 && offer.early_data.suite == Some(suite) {
                early_data_alpn = Some(offer.early_data.alpn.clone());
            }
            if offer.hash != suite.hash {
                return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
            }
            if !offer.resumption {
                common.summary.psk_identity = Some(offer.identity.into());
            }
            Some(Secret::from_slice(offer.secret))
        }
    };
    common.summary.resumed = psk.is_some();
    let shared = share.complete(server_public)?;

    hello.transcript.start_hash(suite.hash);
    hello.transcript.add(message);
    let secret = EarlySecret::new(suite.hash, psk.as_ref().map(|p| p.as_ref())).into_handshake(shared.as_ref());
    let hello_hash = hello.transcript.current();
    let client_secret = secret.client_handshake_traffic_secret(hello_hash.as_ref());
    let server_secret = secret.server_handshake_traffic_secret(hello_hash.as_ref());
    common.key_log(hooks, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", &client_secret)?;
    common.key_log(hooks, "SERVER_HANDSHAKE_TRAFFIC_SECRET", &server_secret)?;
    common.set_read_keys(suite, &server_secret);
    if !hello.retried && !hello.ccs_sent {
        common.send_change_cipher_spec()?;
    }
    // With early data offered, our writing stays under the early keys until the server
    // has said whether it takes it.
    if !requested_early_data {
        common.set_write_keys(suite, &client_secret)?;
    }
    common.summary.version = Some(TLS13);
    common.summary.suite = Some(suite);
    common.summary.middlebox_compat = !common.quic;
    Ok(State::WaitEncryptedExtensions(Box::new(Handshake {
        suite,
        transcript: hello.transcript,
        secret,
        client_secret,
        server_secret,
        cert_request: None,
        early_data_alpn,
    })))
}

fn hello_retry_request(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    mut hello: Hello,
    hrr: &ServerHello<'_>,
    suite: &'static Tls13Suite,
    message: &[u8],
) -> Result<State> {
    if hello.retried {
        return Err(unexpected());
    }
    hrr.extensions.check_only(&[ext::KEY_SHARE, ext::SUPPORTED_VERSIONS, ext::COOKIE])?;
    let cookie = hrr
        .extensions
        .get(ext::COOKIE)
        .map(|c| {
            let mut r = Reader::new(c);
            let cookie = r.vec_u16()?.rest();
            r.finish()?;
            Ok::<_, Error>(cookie)
        })
        .transpose()?;
    let group = match hrr.extensions.get(ext::KEY_SHARE) {
        Some(data) => Some(msgs::decode_single_u16(data)?),
        None => None,
    };
    // An HRR must change something, and may only ask for a group we offered but did not
    // already send a share for (RFC 8446 §4.1.4).
    let new_group = match group {
        Some(g) => {
            let g = NamedGroup::from_iana(g)
                .filter(|g| {
                    config.groups.contains(g)
                        && hello.key_share.as_ref().map_or(true, |k| k.group() != *g)
                        && hello.classical_share.as_ref().map_or(true, |c| c.group() != *g)
                })
                .ok_or_else(|| illegal_parameter(ErrorCode::INVALID_HELLO_RETRY))?;
            Some(g)
        }
        None if cookie.is_some() => None,
        None => return Err(illegal_parameter(ErrorCode::INVALID_HELLO_RETRY)),
    };
    hello.transcript.replace_with_message_hash(suite.hash);
    hello.transcript.add(message);
    if let Some(group) = new_group {
        hello.key_share = Some(ClientKeyShare::generate(group)?);
        hello.classical_share = None;
    }
    hello.retried = true;
    common.summary.hello_retry = true;
    // A HelloRetryRequest refuses early data; the second ClientHello goes out unprotected.
    if common.early_data.state == crate::early_data::EarlyDataState::Requested {
        common.early_data.set_state(crate::early_data::EarlyDataState::Rejected)?;
        common.drop_write_protection()?;
    }
    // The compatibility-mode change_cipher_spec goes before the second ClientHello (unless
    // it followed the first, which offered early data).
    if !hello.ccs_sent {
        common.send_change_cipher_spec()?;
        hello.ccs_sent = true;
    }
    let now_ms = hooks.now().as_secs() * 1000;
    // Offered PSKs stay only if the suite the server chose shares their hash.
    hello.psk_hash = Some(suite.hash);
    if hello.resume.as_ref().is_some_and(|s| !s.tls13().is_some_and(|(ours, _, _)| ours.hash == suite.hash)) {
        hello.resume = None;
    }
    send_client_hello(common, config, hooks, server_name, hello, cookie, now_ms)
}

/// The server's answer to our early data, from EncryptedExtensions: accepted only if it
/// chose the PSK the data was sent under and the ALPN protocol that PSK requires (else the
/// server broke RFC 8446 §4.2.10). Refused: our writing moves to the handshake keys.
fn early_data_answer(common: &mut Common, h: &Handshake, accepted: bool) -> Result<()> {
    use crate::early_data::EarlyDataState::{Accepted, Rejected, Requested};
    if common.early_data.state != Requested {
        return match accepted {
            true => Err(illegal_parameter(ErrorCode::EARLY_DATA_NOT_ALLOWED)),
            false => Ok(()),
        };
    }
    if !accepted {
        common.early_data.set_state(Rejected)?;
        return common.set_write_keys(h.suite, &h.client_secret);
    }
    let negotiated = common.summary.alpn.as_deref().unwrap_or_default();
    if h.early_data_alpn.as_deref() != Some(negotiated) {
        return Err(illegal_parameter(ErrorCode::EARLY_DATA_NOT_ALLOWED));
    }
    common.early_data.set_state(Accepted)
}

/// Handles EncryptedExtensions; true if it accepts our early data.
fn encrypted_extensions(common: &mut Common, config: &Settings, hooks: &mut dyn Hooks, body: &[u8]) -> Result<bool> {
    let mut r = Reader::new(body);
    let exts = Extensions::decode(&mut r, false)?;
    r.finish()?;
    exts.check_only(&[
        ext::SERVER_NAME,
        ext::ALPN,
        ext::SUPPORTED_GROUPS,
        ext::MAX_FRAGMENT_LENGTH,
        ext::RECORD_SIZE_LIMIT,
        ext::EARLY_DATA,
        ext::QUIC_TRANSPORT_PARAMETERS,
    ])?;
    super::accept_quic_transport_parameters(common, hooks, exts.get(ext::QUIC_TRANSPORT_PARAMETERS))?;
    accept_max_fragment_length(common, config, exts.get(ext::MAX_FRAGMENT_LENGTH))?;
    if let Some(alpn) = exts.get(ext::ALPN) {
        let names = msgs::decode_alpn_list(alpn)?;
        let [name] = names[..] else { return Err(illegal_parameter(ErrorCode::BAD_MESSAGE)) };
        if !config.alpn.iter().any(|p| p == name) {
            return Err(illegal_parameter(ErrorCode::NO_APPLICATION_PROTOCOL));
        }
        common.summary.alpn = Some(name.into());
    }
    let early_data = exts.get(ext::EARLY_DATA);
    if early_data.is_some_and(|e| !e.is_empty()) {
        return Err(decode_error());
    }
    Ok(early_data.is_some())
}

/// The server's answer to our max_fragment_length request: it must repeat our code, and
/// then both sides send records no larger than it (RFC 6066 §4).
pub(crate) fn accept_max_fragment_length(common: &mut Common, config: &Settings, echo: Option<&[u8]>) -> Result<()> {
    let Some(echo) = echo else { return Ok(()) };
    let code = msgs::decode_u8(echo)?;
    if Some(code) != config.max_fragment_length_request {
        return Err(illegal_parameter(ErrorCode::MAX_FRAG_LEN_MISMATCH));
    }
    let len =
        crate::config::max_fragment_length(code).ok_or_else(|| illegal_parameter(ErrorCode::INVALID_MAX_FRAG_LEN))?;
    common.max_fragment = common.max_fragment.min(len);
    common.negotiated_max_fragment = Some(len as u16);
    Ok(())
}

fn certificate_request(body: &[u8]) -> Result<CertRequest> {
    let mut r = Reader::new(body);
    let context = r.vec_u8()?.rest().to_vec();
    let exts = Extensions::decode(&mut r, false)?;
    r.finish()?;
    let schemes = exts.get(ext::SIGNATURE_ALGORITHMS).ok_or_else(|| Error::new(ErrorCode::MISSING_EXTENSION))?;
    let schemes = msgs::decode_u16_vec(schemes, 2)?;
    let authorities = match exts.get(ext::CERTIFICATE_AUTHORITIES) {
        Some(data) => {
            let mut r = Reader::new(data);
            let names = r.vec_u16()?.rest().to_vec();
            r.finish()?;
            names
        }
        None => Vec::new(),
    };
    let schemes = msgs::u16_list(schemes).filter_map(SignatureScheme::from_iana).collect();
    Ok(CertRequest { context, schemes, authorities })
}

fn server_certificate(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    body: &[u8],
) -> Result<()> {
    let cert = msgs::Certificate13::decode(body)?;
    if !cert.context.is_empty() {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    if cert.entries.is_empty() {
        return Err(Error::with_alert(ErrorCode::NO_CERT_FOUND, AlertDescription::DecodeError));
    }
    // Only what we asked for may come with the certificates: a status and an SCT list for
    // the leaf.
    let leaf_extensions = [(config.request_ocsp_staple, ext::STATUS_REQUEST), (config.request_sct_list, ext::SCT)];
    let allowed: Vec<u16> = leaf_extensions.iter().filter(|(asked, _)| *asked).map(|(_, typ)| *typ).collect();
    cert.entries[0].extensions.check_only(&allowed)?;
    for entry in &cert.entries[1..] {
        entry.extensions.check_only(&[])?;
    }
    let staple =
        cert.entries[0].extensions.get(ext::STATUS_REQUEST).map(msgs::decode_certificate_status).transpose()?;
    let chain: Vec<CertificateDer<'static>> =
        cert.entries.iter().map(|e| CertificateDer::from(e.cert.to_vec())).collect();
    crate::verify::check_peer_chain(common, config, hooks, &chain, crate::verify::Peer::Server { name: server_name })?;
    common.summary.peer_chain = chain;
    if let Some(list) = cert.entries[0].extensions.get(ext::SCT) {
        crate::verify::accept_sct_list(common, list);
    }
    crate::verify::accept_ocsp_staple(common, config, hooks, staple)?;
    crate::verify::application_chain_check(common, hooks)
}

/// Checks the server's Finished and derives the application secrets; the server may send
/// application data from now on.
fn server_finished(common: &mut Common, hooks: &mut dyn Hooks, mut h: Handshake, message: &[u8]) -> Result<Finish> {
    let expected = finished_verify_data(h.suite.hash, &h.server_secret, h.transcript.current().as_ref());
    verify_slices_are_equal(expected.as_ref(), &message[4..])
        .map_err(|_| Error::with_alert(ErrorCode::BAD_FINISHED, AlertDescription::DecryptError))?;
    h.transcript.add(message);

    let handshake_hash = h.transcript.current();
    let master = h.secret.into_master();
    let client_app = master.client_application_traffic_secret(handshake_hash.as_ref());
    let server_app = master.server_application_traffic_secret(handshake_hash.as_ref());
    let exporter = master.exporter_master_secret(handshake_hash.as_ref());
    common.key_log(hooks, "CLIENT_TRAFFIC_SECRET_0", &client_app)?;
    common.key_log(hooks, "SERVER_TRAFFIC_SECRET_0", &server_app)?;
    common.key_log(hooks, "EXPORTER_SECRET", &exporter)?;
    common.set_read_keys(h.suite, &server_app);
    let Handshake { suite, transcript, client_secret, cert_request, .. } = h;
    Ok(Finish { suite, transcript, client_secret, cert_request, master, client_app, server_app, exporter })
}

/// Our second flight: EndOfEarlyData (if the server took our early data), then under the
/// handshake keys our certificate if asked for, and Finished.
pub(crate) fn send_finished(common: &mut Common, config: &Settings, hooks: &mut dyn Hooks, f: Finish) -> Result<()> {
    let Finish { suite, mut transcript, client_secret, cert_request, master, client_app, server_app, exporter } = f;
    if common.early_data.state == crate::early_data::EarlyDataState::Accepted {
        // QUIC ends early data its own way: no EndOfEarlyData (RFC 9001 §8.3).
        if !common.quic {
            let mut eoed = Vec::with_capacity(4);
            encode_handshake(&mut eoed, hs::END_OF_EARLY_DATA, |_| {});
            common.send_handshake(&eoed);
            transcript.add(&eoed);
        }
        common.early_data.set_state(crate::early_data::EarlyDataState::End)?;
        common.set_write_keys(suite, &client_secret)?;
    }
    if let Some(request) = cert_request {
        send_client_certificate(common, config, hooks, &mut transcript, &request)?;
    }
    let verify_data = finished_verify_data(suite.hash, &client_secret, transcript.current().as_ref());
    let mut finished = Vec::with_capacity(4 + verify_data.as_ref().len());
    encode_handshake(&mut finished, hs::FINISHED, |w| w.put_bytes(verify_data.as_ref()));
    common.send_handshake(&finished);
    transcript.add(&finished);
    let resumption = master.resumption_master_secret(transcript.current().as_ref());
    common.set_write_keys(suite, &client_app)?;
    common.app_secrets = Some(AppSecrets::new(suite, &client_app, &server_app, &exporter, &resumption));
    Ok(())
}

/// The client's Certificate (possibly empty) and CertificateVerify after a CertificateRequest.
fn send_client_certificate(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    transcript: &mut Transcript,
    request: &CertRequest,
) -> Result<()> {
    let picked = crate::verify::client_certificate_choice(config, hooks, &request.authorities)?;
    let chosen = picked.as_ref().map_or(&config.identities[..], std::slice::from_ref).iter().find_map(|id| {
        let key = id.key.as_ref()?;
        let scheme = config
            .schemes
            .iter()
            .find(|s| s.allowed_in_tls13() && request.schemes.contains(s) && s.fits(key.kind()))?;
        Some((id, key, *scheme))
    });
    common.summary.no_client_cert = chosen.is_none();
    let mut msg = Vec::new();
    match chosen {
        Some((id, _, _)) => msgs::Certificate13::encode(
            &mut msg,
            &request.context,
            id.chain.iter().map(|c| c.as_ref()),
            &Default::default(),
        ),
        None => msgs::Certificate13::encode(&mut msg, &request.context, std::iter::empty(), &Default::default()),
    }
    transcript.add(&msg);
    common.send_handshake(&msg);
    if let Some((id, key, scheme)) = chosen {
        let signed = msgs::certificate_verify_message(false, transcript.current().as_ref());
        let signature = scheme.sign(key, &signed)?;
        crate::offload::verify_after_sign(config, id, scheme, &signed, &signature)?;
        let mut cv = Vec::with_capacity(8 + signature.len());
        encode_handshake(&mut cv, hs::CERTIFICATE_VERIFY, |w| {
            w.put_u16(scheme.iana());
            w.put_prefixed(2, |w| w.put_bytes(&signature));
        });
        transcript.add(&cv);
        common.send_handshake(&cv);
        common.summary.our_scheme = Some(scheme);
    }
    Ok(())
}
