//! The TLS 1.2 server handshake (RFC 5246 §7.3) with ECDHE.

use aws_lc_rs::constant_time::verify_slices_are_equal;

use super::client::DOWNGRADE_TLS12;
use super::{certificate_list, encode_certificate_list, key_protections, Secrets};
use crate::alert::AlertDescription;
use crate::codec::{Reader, Writer};
use crate::config::{CacheLookup, ClientAuth, Hooks, Settings};
use crate::conn::{unexpected, Common, Handshake};
use crate::crypto::public_random;
use crate::error::{Error, ErrorCode, Result};
use crate::kx::{ClientKeyShare, NamedGroup};
use crate::msgs::extension;
use crate::msgs::{self, encode_handshake, ext, hs, ClientHello, TLS12, TLS13};
use crate::session::{ClientSession, SessionSecret, TicketState};
use crate::sign::SignatureScheme;
use crate::suites::{Tls12Auth, Tls12Suite};
use crate::tls13::server::choose_identity_for;
use crate::transcript::Transcript;

pub enum State {
    WaitClientCertificate(Box<Handshake12>),
    WaitClientKeyExchange(Box<Handshake12>),
    WaitCertificateVerify(Box<Handshake12>),
    WaitChangeCipherSpec(Box<Handshake12>),
    WaitFinished(Box<Handshake12>),
}

pub struct Handshake12 {
    suite: &'static Tls12Suite,
    /// The handshake so far, its messages kept while a client CertificateVerify may come.
    transcript: Transcript,
    client_random: [u8; 32],
    server_random: [u8; 32],
    extended_master_secret: bool,
    share: Option<ClientKeyShare>,
    secrets: Option<Secrets>,
    /// The client's ticket resumed a session: we finished first (RFC 5077 §3.1).
    resumed: bool,
    /// Whether a NewSessionTicket goes before our ChangeCipherSpec (RFC 5077 §3.3).
    issue_ticket: bool,
    /// The session id to store the new session under in the application's cache.
    cache_under: Option<[u8; 32]>,
    /// We offered our protocols by NPN: the client's NextProtocol comes before its Finished.
    expect_next_protocol: bool,
}

/// How long the application's cache should keep a session (s2n's 6 hours).
const CACHE_TTL_SECS: u64 = 6 * 3600;

/// The session a sealed state (a client's ticket, or our cache's entry) carries, when it
/// decrypts under one of our keys, is within its lifetime, and can be resumed with what this
/// ClientHello offers (same suite, same extended-master-secret choice: RFC 7627 §5.3).
fn sealed_session(
    config: &Settings,
    ch: &ClientHello<'_>,
    sealed: &[u8],
    ems: bool,
    now: u64,
) -> Option<ClientSession> {
    if sealed.is_empty() || ch.session_id.is_empty() {
        return None;
    }
    let plain = config.ticket_keys.open(sealed, &config.ticket_context, now * 1_000_000_000).ok()?;
    let state = TicketState::decode(&plain).ok()?;
    let SessionSecret::Tls12 { suite, extended_master_secret, .. } = &state.secret else { return None };
    let offered = msgs::u16_list(ch.cipher_suites).any(|s| s == suite.iana);
    let lifetime = config.session_lifetime;
    if !state.is_valid_at(now, lifetime)
        || !offered
        || !config.tls12_suites.contains(suite)
        || *extended_master_secret != ems
    {
        return None;
    }
    Some(ClientSession {
        ticket: sealed.to_vec(),
        session_id: ch.session_id.to_vec(),
        secret: state.secret,
        received_at_ms: state.issued_at * 1000,
        lifetime,
    })
}

fn handshake_failure(code: ErrorCode) -> Error {
    Error::with_alert(code, AlertDescription::HandshakeFailure)
}

/// The suite, identity and signature scheme to use: our suite preference first, then for
/// each suite the first identity (name matches first) whose key type the suite needs and
/// that can sign a scheme the client accepts.
fn choose(
    config: &Settings,
    ch: &ClientHello<'_>,
    server_name: Option<&str>,
    client_schemes: &[u8],
) -> Option<(&'static Tls12Suite, usize, SignatureScheme)> {
    let offered = |scheme: SignatureScheme| msgs::u16_list(client_schemes).any(|c| c == scheme.iana());
    let candidates = crate::tls13::server::preference_order(config, config.tls12_suites, ch.cipher_suites, |s| s.iana);
    let pick = |offered_only: bool| {
        candidates.iter().find_map(|&suite| {
            let (identity, scheme) = choose_identity_for(config, server_name, |scheme, kind| {
                let kind_ok = match suite.auth {
                    Tls12Auth::Ecdsa => kind.is_ecdsa(),
                    Tls12Auth::Rsa => kind.is_rsa(),
                };
                kind_ok && (!offered_only || offered(scheme)) && scheme.fits(kind)
            })?;
            Some((suite, identity, scheme))
        })
    };
    // As s2n: a scheme the client offered if there is one, else our own most preferred one
    // for the key. RFC 5246's default for a client without signature_algorithms is SHA-1,
    // which s2n also passes over when its policy forbids it, and which we never sign with.
    pick(true).or_else(|| pick(false))
}

/// Answers a ClientHello with TLS 1.2: ServerHello, Certificate, ServerKeyExchange,
/// [CertificateRequest], ServerHelloDone.
pub fn client_hello(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    ch: &ClientHello<'_>,
    message: &[u8],
) -> Result<Handshake> {
    if ch.legacy_version < TLS12 || config.min_version > TLS12 {
        return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
    }
    if !ch.compression_methods.contains(&0) {
        return Err(Error::with_alert(ErrorCode::BAD_MESSAGE, AlertDescription::IllegalParameter));
    }
    // RFC 5746: in an initial handshake the client's renegotiation_info must be empty; the
    // TLS_EMPTY_RENEGOTIATION_INFO_SCSV suite means the same.
    let renegotiation = match ch.extensions.get(ext::RENEGOTIATION_INFO) {
        Some([0]) => true,
        Some(_) => return Err(handshake_failure(ErrorCode::NON_EMPTY_RENEGOTIATION_INFO)),
        None => msgs::u16_list(ch.cipher_suites).any(|s| s == 0x00ff),
    };
    // The client's lists stay as sent (big-endian u16s), searched where they are needed.
    let client_schemes: &[u8] = match ch.extensions.get(ext::SIGNATURE_ALGORITHMS) {
        Some(s) => msgs::decode_u16_vec(s, 2)?,
        None => &[],
    };
    // A client without supported_groups takes any curve (RFC 8422 §4): our most preferred.
    let client_groups: Option<&[u8]> = match ch.extensions.get(ext::SUPPORTED_GROUPS) {
        Some(g) => Some(msgs::decode_u16_vec(g, 2)?),
        None => None,
    };
    let group = config
        .groups
        .iter()
        .copied()
        .find(|g| !g.is_hybrid() && client_groups.map_or(true, |list| msgs::u16_list(list).any(|c| c == g.iana())))
        .ok_or_else(|| handshake_failure(ErrorCode::ECDHE_UNSUPPORTED_CURVE))?;
    // Goes into the summary once the certificate is chosen by it (below).
    let server_name: Option<Box<str>> = ch.server_name()?.map(|n| String::from_utf8_lossy(n).into());
    let alpn = crate::tls13::server::choose_alpn(config, ch)?;
    // NPN (as s2n): only where ALPN settles nothing, from the same protocol list.
    let npn = (alpn.is_none() && config.npn && !config.alpn.is_empty())
        .then_some(config.alpn)
        .filter(|_| ch.extensions.contains(ext::NEXT_PROTOCOL_NEGOTIATION));
    common.summary.npn = npn.is_some();
    let ems = ch.extensions.contains(ext::EXTENDED_MASTER_SECRET);
    let mfl = crate::tls13::server::negotiate_max_fragment_length(common, config, ch)?;
    let now = hooks.now().as_secs();
    // As s2n: no TLS 1.2 tickets when forward secrecy is required, nor with client
    // authentication (the client's certificate is not kept in the ticket).
    let tickets_allowed =
        config.session_tickets && !config.ticket_forward_secrecy && config.client_auth == ClientAuth::None;
    let ticket = ch.extensions.get(ext::SESSION_TICKET).filter(|_| tickets_allowed);
    let mut resumed = ticket.and_then(|t| sealed_session(config, ch, t, ems, now));
    // Stateful resumption: no usable ticket, so look the session id up in the application's
    // cache (never with client authentication: the client's certificate is not kept).
    let cache = config.session_cache && config.client_auth == ClientAuth::None;
    if resumed.is_none() && cache && !ch.session_id.is_empty() {
        match hooks.cache_retrieve(ch.session_id) {
            CacheLookup::Found(entry) => {
                resumed = sealed_session(config, ch, &entry, ems, now).map(|mut s| {
                    s.ticket.clear();
                    s
                })
            }
            CacheLookup::Blocked => return Err(Error::new(ErrorCode::ASYNC_BLOCKED)),
            CacheLookup::Miss => {}
        }
    }

    let (mut server_random, session_id): ([u8; 32], [u8; 32]) = (public_random()?, public_random()?);
    if config.max_version >= TLS13 {
        server_random[24..].copy_from_slice(&DOWNGRADE_TLS12);
    }
    let summary = &mut common.summary;
    summary.version = Some(TLS12);
    summary.alpn = alpn.as_deref().map(Box::from);
    summary.client_random = ch.random;
    summary.extended_master_secret = ems;
    if let Some(session) = resumed {
        // s2n picks its signature scheme from the ClientHello before it knows the handshake
        // resumes, and reports it for a resumed handshake too.
        common.summary.our_scheme = choose(config, ch, server_name.as_deref(), client_schemes).map(|(_, _, s)| s);
        common.summary.server_name = server_name;
        return resume(
            common,
            ch,
            message,
            session,
            server_random,
            &ServerHelloExtensions {
                ems,
                renegotiation,
                point_formats: ch.extensions.contains(ext::EC_POINT_FORMATS),
                alpn: alpn.as_deref(),
                mfl,
                ticket: false,
                // No certificate in an abbreviated handshake, so no status or SCTs for one.
                ocsp: false,
                sct_list: None,
                npn,
            },
        );
    }

    let chosen = choose(config, ch, server_name.as_deref(), client_schemes);
    common.summary.server_name = server_name;
    let (suite, identity, scheme) = chosen.ok_or_else(|| handshake_failure(ErrorCode::CIPHER_NOT_SUPPORTED))?;
    let issue_ticket = ticket.is_some() && config.ticket_keys.can_encrypt(now * 1_000_000_000);
    common.summary.tls12_new_ticket = issue_ticket;
    let id = &config.identities[identity];
    let staple = if ch.wants_ocsp_staple() { id.ocsp_response() } else { None };
    let sct_list = if ch.extensions.contains(ext::SCT) { id.sct_list() } else { None };
    common.session_id = session_id.into();

    let mut flight = Vec::with_capacity(4096);
    let extensions = ServerHelloExtensions {
        ems,
        renegotiation,
        point_formats: ch.extensions.contains(ext::EC_POINT_FORMATS),
        alpn: alpn.as_deref(),
        mfl,
        ticket: issue_ticket,
        ocsp: staple.is_some(),
        sct_list: sct_list.as_deref(),
        npn,
    };
    encode_server_hello(&mut flight, &server_random, &session_id, suite, &extensions);

    let chain: Vec<&[u8]> = id.chain.iter().map(|c| c.as_ref()).collect();
    encode_certificate_list(&mut flight, &chain);
    if let Some(staple) = &staple {
        encode_handshake(&mut flight, hs::CERTIFICATE_STATUS, |w| msgs::encode_certificate_status(w, staple));
        common.summary.ocsp_stapled = true;
    }

    let share = ClientKeyShare::generate(group)?;
    let mut params = Vec::with_capacity(4 + share.public.len());
    params.put_u8(3);
    params.put_u16(group.iana());
    params.put_prefixed(1, |w| w.put_bytes(&share.public));
    let mut signed = Vec::with_capacity(64 + params.len());
    signed.extend_from_slice(&ch.random);
    signed.extend_from_slice(&server_random);
    signed.extend_from_slice(&params);
    let client_auth = config.client_auth != ClientAuth::None;
    let h = Box::new(Handshake12 {
        suite,
        transcript: Transcript::hashing(suite.hash, message.to_vec(), client_auth),
        client_random: ch.random,
        server_random,
        extended_master_secret: ems,
        share: Some(share),
        secrets: None,
        resumed: false,
        issue_ticket,
        cache_under: cache.then_some(session_id),
        expect_next_protocol: npn.is_some(),
    });
    let f = Box::new(Flight { h, flight, params, scheme, group, identity, client_auth });
    match crate::offload::sign(common, config, hooks, identity, scheme, &signed)? {
        Some(signature) => finish_flight(common, config, f, &signature),
        // The application signs; the flight waits for it.
        None => Ok(Handshake::AwaitingSignature(Box::new(crate::offload::Pending {
            scheme,
            identity,
            signed,
            resume: crate::offload::Resume::Tls12Server(f),
        }))),
    }
}

/// The server's first flight up to its ServerKeyExchange signature, which the application
/// may make later (s2n's async private-key operations).
pub struct Flight {
    h: Box<Handshake12>,
    /// ServerHello, Certificate and perhaps CertificateStatus, not yet sent.
    flight: Vec<u8>,
    /// The ServerECDHParams the signature covers.
    params: Vec<u8>,
    scheme: SignatureScheme,
    group: NamedGroup,
    identity: usize,
    client_auth: bool,
}

/// ServerKeyExchange with `signature`, CertificateRequest, ServerHelloDone: the flight goes out.
#[allow(clippy::boxed_local)]
pub(crate) fn finish_flight(
    common: &mut Common,
    config: &Settings,
    f: Box<Flight>,
    signature: &[u8],
) -> Result<Handshake> {
    // Boxed because it waits in `offload::Resume`, which keeps it small.
    let Flight { mut h, mut flight, params, scheme, group, identity, client_auth } = *f;
    encode_handshake(&mut flight, hs::SERVER_KEY_EXCHANGE, |w| {
        w.put_bytes(&params);
        w.put_u16(scheme.iana());
        w.put_prefixed(2, |w| w.put_bytes(signature));
    });
    if client_auth {
        encode_handshake(&mut flight, hs::CERTIFICATE_REQUEST, |w| {
            // rsa_sign, [dss_sign,] ecdsa_sign (RFC 5246 §7.4.4, RFC 8422 §5.5)
            let types: &[u8] = if config.cert_request_dss { &[1, 2, 64] } else { &[1, 64] };
            w.put_prefixed(1, |w| w.put_bytes(types));
            w.put_prefixed(2, |w| config.schemes.iter().for_each(|s| w.put_u16(s.iana())));
            w.put_prefixed(2, |w| w.put_bytes(&config.cert_authorities));
        });
        common.summary.client_auth = true;
    }
    encode_handshake(&mut flight, hs::SERVER_HELLO_DONE, |_| {});
    h.transcript.add(&flight);
    common.send_handshake(&flight);

    let summary = &mut common.summary;
    summary.tls12_suite = Some(h.suite);
    summary.group = Some(group);
    summary.our_scheme = Some(scheme);
    summary.identity = Some(identity as u16);
    Ok(Handshake::Server12(if client_auth { State::WaitClientCertificate(h) } else { State::WaitClientKeyExchange(h) }))
}

/// The extensions our ServerHello carries.
struct ServerHelloExtensions<'a> {
    ems: bool,
    renegotiation: bool,
    point_formats: bool,
    alpn: Option<&'a [u8]>,
    mfl: Option<u8>,
    /// An empty session_ticket: a NewSessionTicket will follow (RFC 5077 §3.2).
    ticket: bool,
    /// An empty status_request: a CertificateStatus follows the Certificate (RFC 6066 §8).
    ocsp: bool,
    /// The leaf's SCT list, for a client that asked (RFC 6962 §3.3.1).
    sct_list: Option<&'a [u8]>,
    /// Our protocols, offered by NPN to a client that asked and got no ALPN answer.
    npn: Option<&'a [Vec<u8>]>,
}

fn encode_server_hello(
    out: &mut Vec<u8>,
    random: &[u8; 32],
    session_id: &[u8],
    suite: &Tls12Suite,
    e: &ServerHelloExtensions<'_>,
) {
    encode_handshake(out, hs::SERVER_HELLO, |w| {
        w.put_u16(TLS12);
        w.put_bytes(random);
        w.put_prefixed(1, |w| w.put_bytes(session_id));
        w.put_u16(suite.iana);
        w.put_u8(0);
        w.put_prefixed(2, |w| {
            if e.ems {
                extension(w, ext::EXTENDED_MASTER_SECRET, |_| {});
            }
            if e.renegotiation {
                extension(w, ext::RENEGOTIATION_INFO, |w| w.put_u8(0));
            }
            if e.point_formats {
                extension(w, ext::EC_POINT_FORMATS, |w| w.put_prefixed(1, |w| w.put_u8(0)));
            }
            if let Some(proto) = e.alpn {
                extension(w, ext::ALPN, |w| msgs::encode_alpn_list(w, [proto]));
            }
            if let Some(code) = e.mfl {
                extension(w, ext::MAX_FRAGMENT_LENGTH, |w| w.put_u8(code));
            }
            if e.ticket {
                extension(w, ext::SESSION_TICKET, |_| {});
            }
            if e.ocsp {
                extension(w, ext::STATUS_REQUEST, |_| {});
            }
            if let Some(list) = e.sct_list {
                extension(w, ext::SCT, |w| w.put_bytes(list));
            }
            if let Some(protocols) = e.npn {
                extension(w, ext::NEXT_PROTOCOL_NEGOTIATION, |w| {
                    msgs::encode_protocol_names(w, protocols.iter().map(Vec::as_slice))
                });
            }
        });
    });
}

/// The abbreviated handshake (RFC 5077 §3.1): ServerHello echoing the client's session id,
/// then our ChangeCipherSpec and Finished under keys from the ticket's master secret.
fn resume(
    common: &mut Common,
    ch: &ClientHello<'_>,
    message: &[u8],
    session: ClientSession,
    server_random: [u8; 32],
    extensions: &ServerHelloExtensions<'_>,
) -> Result<Handshake> {
    let SessionSecret::Tls12 { suite, master, extended_master_secret } = &session.secret else {
        return Err(unexpected());
    };
    let (suite, master) = (*suite, master.clone());
    let mut transcript = Transcript::hashing(suite.hash, Vec::new(), false);
    transcript.add(message);
    let mut hello = Vec::with_capacity(128);
    encode_server_hello(&mut hello, &server_random, ch.session_id, suite, extensions);
    transcript.add(&hello);
    common.send_handshake(&hello);

    let (client_write, server_write) = key_protections(suite, &master, &ch.random, &server_random);
    super::send_finished(common, suite, &master, false, &mut transcript, server_write, None)?;

    let summary = &mut common.summary;
    summary.tls12_suite = Some(suite);
    summary.extended_master_secret = *extended_master_secret;
    summary.resumed = true;
    common.session_id = ch.session_id.into();
    common.current_session = Some(Box::new(session));
    let h = Box::new(Handshake12 {
        suite,
        transcript,
        client_random: ch.random,
        server_random,
        extended_master_secret: extensions.ems,
        share: None,
        secrets: Some(Secrets {
            master,
            client_random: ch.random,
            server_random,
            suite,
            finished: [0; 24],
            pending_read: Some(client_write),
        }),
        resumed: true,
        issue_ticket: false,
        cache_under: None,
        expect_next_protocol: extensions.npn.is_some(),
    });
    Ok(Handshake::Server12(State::WaitChangeCipherSpec(h)))
}

/// A NewSessionTicket for the session just made, when a ticket key may encrypt now.
/// (We announced one in our ServerHello, so it goes out even if no key may seal it now: empty,
/// as RFC 5077 §3.3 allows.)
fn new_session_ticket(config: &Settings, h: &Handshake12, master: &crate::crypto::Secret, now: u64) -> Result<Vec<u8>> {
    let lifetime = crate::session::ticket_lifetime(config, now, None);
    let state = super::session_state(h.suite, master, h.extended_master_secret, now);
    let ticket = match lifetime {
        0 => Vec::new(),
        _ => config.ticket_keys.seal(&state.encode(), &config.ticket_context, now * 1_000_000_000)?,
    };
    let mut msg = Vec::with_capacity(16 + ticket.len());
    encode_handshake(&mut msg, hs::NEW_SESSION_TICKET, |w| {
        w.put_u32(lifetime);
        w.put_prefixed(2, |w| w.put_bytes(&ticket));
    });
    Ok(msg)
}

pub fn handle(
    state: State,
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    message: &[u8],
) -> Result<Option<Handshake>> {
    let (msg_type, body) = (message[0], &message[4..]);
    let next = match (state, msg_type) {
        (State::WaitClientCertificate(mut h), hs::CERTIFICATE) => {
            let chain = certificate_list(body)?;
            h.transcript.add(message);
            if chain.is_empty() {
                // No certificate, so no CertificateVerify to check the messages against.
                h.transcript.stop_recording();
                common.summary.no_client_cert = true;
                if config.client_auth == ClientAuth::Required {
                    return Err(Error::with_alert(ErrorCode::MISSING_CLIENT_CERT, AlertDescription::HandshakeFailure));
                }
            } else {
                crate::verify::check_peer_chain(common, config, hooks, &chain, crate::verify::Peer::Client)?;
            }
            common.summary.peer_chain = chain;
            if !common.summary.peer_chain.is_empty() {
                crate::verify::application_chain_check(common, hooks)?;
            }
            State::WaitClientKeyExchange(h)
        }
        (State::WaitClientKeyExchange(mut h), hs::CLIENT_KEY_EXCHANGE) => {
            let mut r = Reader::new(body);
            let public = r.vec_u8()?.rest();
            r.finish()?;
            let premaster = h.share.take().ok_or_else(unexpected)?.complete(public)?;
            h.transcript.add(message);
            let session_hash = h.extended_master_secret.then(|| h.transcript.current());
            let master = super::prf::master_secret(
                h.suite.hash,
                premaster.as_ref(),
                &h.client_random,
                &h.server_random,
                session_hash.as_ref().map(|d| d.as_ref()),
            );
            common.key_log(hooks, "CLIENT_RANDOM", &master)?;
            if let Some(id) = h.cache_under {
                let now = hooks.now().as_secs();
                let state = super::session_state(h.suite, &master, h.extended_master_secret, now);
                // No key may encrypt now: nothing to cache, the handshake goes on.
                if let Ok(entry) = config.ticket_keys.seal(&state.encode(), &config.ticket_context, now * 1_000_000_000)
                {
                    hooks.cache_store(&id, CACHE_TTL_SECS, &entry);
                }
            }
            let (client_write, server_write) = key_protections(h.suite, &master, &h.client_random, &h.server_random);
            h.secrets = Some(Secrets {
                master,
                client_random: h.client_random,
                server_random: h.server_random,
                suite: h.suite,
                finished: [0; 24],
                pending_read: Some(client_write),
            });
            // Our write keys wait in `pending_read`'s sibling until we send our Finished.
            common.tls12_pending_write = Some(Box::new(server_write));
            if common.summary.peer_chain.is_empty() {
                State::WaitChangeCipherSpec(h)
            } else {
                State::WaitCertificateVerify(h)
            }
        }
        (State::WaitCertificateVerify(mut h), hs::CERTIFICATE_VERIFY) => {
            let mut r = Reader::new(body);
            let scheme = r.u16()?;
            let signature = r.vec_u16()?.rest();
            r.finish()?;
            let scheme =
                SignatureScheme::from_iana(scheme).filter(|s| config.schemes.contains(s)).ok_or_else(|| {
                    Error::with_alert(ErrorCode::INVALID_SIGNATURE_SCHEME, AlertDescription::IllegalParameter)
                })?;
            let signed = h.transcript.messages().ok_or_else(unexpected)?;
            if !crate::offload::verify_peer_signature(common, hooks, true, scheme, signed, signature)? {
                return Ok(Some(Handshake::HandleAgain(Box::new(Handshake::Server12(State::WaitCertificateVerify(
                    h,
                ))))));
            }
            common.summary.peer_scheme = Some(scheme);
            h.transcript.stop_recording();
            h.transcript.add(message);
            State::WaitChangeCipherSpec(h)
        }
        (State::WaitFinished(mut h), hs::NEXT_PROTOCOL) if h.expect_next_protocol => {
            // The client's choice stands as is (s2n takes it without checking our list).
            common.summary.alpn = Some(msgs::decode_next_protocol(body)?.into());
            h.expect_next_protocol = false;
            h.transcript.add(message);
            State::WaitFinished(h)
        }
        (State::WaitFinished(h), hs::FINISHED) if h.expect_next_protocol => return Err(unexpected()),
        (State::WaitFinished(mut h), hs::FINISHED) => {
            let secrets = h.secrets.take().expect("keys derived before Finished");
            let hash = h.suite.hash;
            let expected = super::prf::verify_data(hash, &secrets.master, true, h.transcript.current().as_ref());
            verify_slices_are_equal(&expected, body)
                .map_err(|_| Error::with_alert(ErrorCode::BAD_FINISHED, AlertDescription::DecryptError))?;
            if h.resumed {
                // We finished first; the client's Finished completes the abbreviated handshake.
                common.tls12_secrets = Some(Box::new(secrets));
                return Ok(None);
            }
            h.transcript.add(message);
            if h.issue_ticket {
                let ticket = new_session_ticket(config, &h, &secrets.master, hooks.now().as_secs())?;
                h.transcript.add(&ticket);
                common.send_handshake(&ticket);
            }
            let write = common.tls12_pending_write.take().ok_or_else(unexpected)?;
            super::send_finished(common, h.suite, &secrets.master, false, &mut h.transcript, *write, None)?;
            common.tls12_secrets = Some(Box::new(secrets));
            return Ok(None);
        }
        _ => return Err(unexpected()),
    };
    Ok(Some(Handshake::Server12(next)))
}

/// The client's ChangeCipherSpec: its Finished comes under the new keys.
pub fn change_cipher_spec(state: State, common: &mut Common) -> Result<Handshake> {
    match state {
        State::WaitChangeCipherSpec(mut h) => {
            let read = h.secrets.as_mut().and_then(|s| s.pending_read.take()).ok_or_else(unexpected)?;
            common.set_read_protection(read);
            Ok(Handshake::Server12(State::WaitFinished(h)))
        }
        _ => Err(unexpected()),
    }
}
