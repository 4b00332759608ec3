//! The TLS 1.2 client handshake (RFC 5246 §7.3) with ECDHE, after a ServerHello that
//! chose TLS 1.2.

use super::{certificate_list, encode_certificate_list, key_protections, Secrets};
use crate::alert::AlertDescription;
use crate::codec::{Reader, Writer};
use crate::config::{Hooks, Settings};
use crate::conn::{illegal_parameter, unexpected, Common, Handshake};
use crate::error::{Error, ErrorCode, Result};
use crate::kx::{ClientKeyShare, NamedGroup};
use crate::msgs::{self, encode_handshake, ext, hs, ServerHello, TLS12, TLS13};
use crate::session::{ClientSession, SessionSecret};
use crate::sign::SignatureScheme;
use crate::suites::{tls12_suite, Tls12Suite};
use crate::tls13::client::Hello;
use crate::transcript::Transcript;
use aws_lc_rs::constant_time::verify_slices_are_equal;

/// The last 8 bytes of a TLS 1.3-capable server's random when it negotiates TLS 1.2
/// (RFC 8446 §4.1.3).
pub const DOWNGRADE_TLS12: [u8; 8] = *b"DOWNGRD\x01";
pub const DOWNGRADE_TLS11: [u8; 8] = *b"DOWNGRD\x00";

pub enum State {
    WaitCertificate(Box<Handshake12>),
    WaitServerKeyExchange(Box<Handshake12>),
    WaitCertificateRequestOrDone(Box<Handshake12>),
    WaitServerHelloDone(Box<Handshake12>),
    /// The server said (with an empty session_ticket extension) that a ticket comes before
    /// its ChangeCipherSpec (RFC 5077 §3.3).
    WaitNewSessionTicket(Box<Handshake12>),
    WaitChangeCipherSpec(Box<Handshake12>),
    WaitFinished(Box<Handshake12>),
}

pub struct Handshake12 {
    suite: &'static Tls12Suite,
    /// The handshake so far, its messages kept until our CertificateVerify (if any) signs them.
    transcript: Transcript,
    client_random: [u8; 32],
    server_random: [u8; 32],
    extended_master_secret: bool,
    /// The server's ECDHE group and share from ServerKeyExchange.
    server_share: Option<(NamedGroup, Vec<u8>)>,
    /// The schemes and certificate_authorities (each name after its u16 length) of the
    /// server's CertificateRequest.
    cert_request: Option<(Vec<SignatureScheme>, Vec<u8>)>,
    secrets: Option<Secrets>,
    /// The server accepted our ticket: the abbreviated handshake, where the server finishes
    /// first (RFC 5077 §3.1).
    resumed: bool,
    expect_ticket: bool,
    /// The server answered our status_request: a CertificateStatus may follow its
    /// Certificate (RFC 6066 §8 lets the server skip it after all).
    expect_status: bool,
    /// The protocol we chose from the server's NPN list, for our NextProtocol.
    next_protocol: Option<Box<[u8]>>,
}

/// Continues from a TLS 1.2 ServerHello.
pub fn server_hello(
    common: &mut Common,
    config: &Settings,
    hello: Hello,
    sh: &ServerHello<'_>,
    message: &[u8],
) -> Result<Handshake> {
    if sh.legacy_version != TLS12 || config.min_version > TLS12 {
        return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
    }
    // A server that can do TLS 1.3 but answered 1.2 marks its random; we offered 1.3, so
    // such a mark means someone removed it from our offer.
    let offered_tls13 = common.summary.client_max_version == Some(TLS13);
    if offered_tls13 && (sh.random[24..] == DOWNGRADE_TLS12 || sh.random[24..] == DOWNGRADE_TLS11) {
        return Err(illegal_parameter(ErrorCode::PROTOCOL_DOWNGRADE_DETECTED));
    }
    let suite = tls12_suite(sh.cipher_suite)
        .filter(|s| config.tls12_suites.contains(s))
        .ok_or_else(|| illegal_parameter(ErrorCode::CIPHER_NOT_SUPPORTED))?;
    if sh.compression_method != 0 {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    sh.extensions.check_only(&[
        ext::EXTENDED_MASTER_SECRET,
        ext::RENEGOTIATION_INFO,
        ext::EC_POINT_FORMATS,
        ext::ALPN,
        ext::SERVER_NAME,
        ext::SESSION_TICKET,
        ext::MAX_FRAGMENT_LENGTH,
        ext::STATUS_REQUEST,
        ext::SCT,
        ext::NEXT_PROTOCOL_NEGOTIATION,
    ])?;
    // A status_request answer only to our request (RFC 6066 §8); it promises (or may
    // promise) a CertificateStatus after the Certificate.
    let expect_status = sh.extensions.contains(ext::STATUS_REQUEST);
    if expect_status && !config.request_ocsp_staple {
        return Err(Error::with_alert(ErrorCode::UNSUPPORTED_EXTENSION, AlertDescription::UnsupportedExtension));
    }
    // Likewise an SCT list (RFC 6962 §3.3.1), which comes in the ServerHello itself.
    if let Some(list) = sh.extensions.get(ext::SCT) {
        if !config.request_sct_list {
            return Err(Error::with_alert(ErrorCode::UNSUPPORTED_EXTENSION, AlertDescription::UnsupportedExtension));
        }
        crate::verify::accept_sct_list(common, list);
    }
    // Secure renegotiation (RFC 5746): in an initial handshake the server's answer is empty.
    // A server without it is accepted, as s2n does (RFC 5746 §4.1 leaves that choice to the
    // client for interoperability); it only means renegotiation requests get refused.
    // A renegotiation: the server must show both Finished messages of the handshake before.
    if let Some(finished) = &hello.renegotiation {
        let info = sh.extensions.get(ext::RENEGOTIATION_INFO);
        let shown =
            info.is_some_and(|i| i.len() == 25 && i[0] == 24 && verify_slices_are_equal(&i[1..], finished).is_ok());
        if !shown {
            return Err(Error::with_alert(ErrorCode::NO_RENEGOTIATION, AlertDescription::HandshakeFailure));
        }
    }
    match sh.extensions.get(ext::RENEGOTIATION_INFO) {
        _ if hello.renegotiation.is_some() => common.summary.secure_renegotiation = true,
        Some([0]) => common.summary.secure_renegotiation = true,
        Some(_) => {
            return Err(Error::with_alert(ErrorCode::NON_EMPTY_RENEGOTIATION_INFO, AlertDescription::HandshakeFailure))
        }
        None => common.summary.secure_renegotiation = false,
    }
    crate::tls13::client::accept_max_fragment_length(common, config, sh.extensions.get(ext::MAX_FRAGMENT_LENGTH))?;
    if let Some(alpn) = sh.extensions.get(ext::ALPN) {
        let names = msgs::decode_alpn_list(alpn)?;
        let [name] = names[..] else { return Err(illegal_parameter(ErrorCode::BAD_MESSAGE)) };
        if !config.alpn.iter().any(|p| p == name) {
            return Err(illegal_parameter(ErrorCode::NO_APPLICATION_PROTOCOL));
        }
        common.summary.alpn = Some(name.into());
    }
    let next_protocol = match sh.extensions.get(ext::NEXT_PROTOCOL_NEGOTIATION) {
        Some(_) if !config.npn || config.alpn.is_empty() => {
            return Err(Error::with_alert(ErrorCode::UNSUPPORTED_EXTENSION, AlertDescription::UnsupportedExtension))
        }
        // ALPN, when the server answered it too, decides.
        Some(list) if common.summary.alpn.is_none() => Some(choose_next_protocol(config, list)?),
        _ => None,
    };
    if let Some(protocol) = &next_protocol {
        common.summary.alpn = Some(protocol.clone());
        common.summary.npn = true;
    }
    let Hello { random: client_random, transcript, session_id, resume, .. } = hello;
    let mut messages = transcript.into_buffer().ok_or_else(unexpected)?;
    messages.extend_from_slice(message);
    // The messages are kept for a CertificateVerify; a resumed handshake has none.
    let resumed = resume.as_ref().is_some_and(|_| sh.session_id == session_id);
    let transcript = Transcript::hashing(suite.hash, messages, !resumed);
    let ems = sh.extensions.contains(ext::EXTENDED_MASTER_SECRET);
    common.summary.version = Some(TLS12);
    common.summary.tls12_suite = Some(suite);
    common.summary.extended_master_secret = ems;
    common.summary.tls12_new_ticket = sh.extensions.contains(ext::SESSION_TICKET);
    let mut h = Handshake12 {
        suite,
        transcript,
        client_random,
        server_random: sh.random,
        extended_master_secret: ems,
        server_share: None,
        cert_request: None,
        secrets: None,
        resumed: false,
        expect_ticket: sh.extensions.contains(ext::SESSION_TICKET),
        expect_status,
        next_protocol,
    };
    common.session_id = sh.session_id.into();
    // The server echoes our session id to resume the session our ticket carried.
    let accepted = resume.filter(|_| sh.session_id == session_id);
    let Some(session) = accepted else { return Ok(Handshake::Client12(State::WaitCertificate(Box::new(h)))) };
    let SessionSecret::Tls12 { suite: session_suite, master, extended_master_secret } = &session.secret else {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    };
    if *session_suite != suite {
        return Err(illegal_parameter(ErrorCode::CIPHER_NOT_SUPPORTED));
    }
    // RFC 7627 §5.3: a resumption must keep the extended master secret, either way.
    if *extended_master_secret != ems {
        return Err(Error::with_alert(ErrorCode::MISSING_EXTENSION, AlertDescription::HandshakeFailure));
    }
    let (client_write, server_read) = key_protections(suite, master, &h.client_random, &h.server_random);
    common.tls12_pending_write = Some(Box::new(client_write));
    h.secrets = Some(Secrets {
        master: master.clone(),
        client_random: h.client_random,
        server_random: h.server_random,
        suite,
        pending_read: Some(server_read),
        finished: [0; 24],
    });
    h.resumed = true;
    common.summary.resumed = true;
    common.current_session = Some(Box::new(session));
    Ok(Handshake::Client12(after_server_flight(Box::new(h))))
}

/// NPN's choice (draft-agl-tls-nextprotoneg-03 §4, s2n's rule): the first of the server's
/// protocols that we have, else (or with no list) our first.
fn choose_next_protocol(config: &Settings, server_list: &[u8]) -> Result<Box<[u8]>> {
    let offered = msgs::decode_protocol_names(Reader::new(server_list))?;
    let ours = |name: &&[u8]| config.alpn.iter().any(|p| p == name);
    let chosen = offered.into_iter().find(ours).unwrap_or(&config.alpn[0]);
    Ok(chosen.into())
}

/// After the server's last handshake message before its ChangeCipherSpec.
fn after_server_flight(h: Box<Handshake12>) -> State {
    if h.expect_ticket {
        State::WaitNewSessionTicket(h)
    } else {
        State::WaitChangeCipherSpec(h)
    }
}

pub fn handle(
    state: State,
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    server_name: Option<&str>,
    message: &[u8],
) -> Result<Option<Handshake>> {
    let (msg_type, body) = (message[0], &message[4..]);
    let next = match (state, msg_type) {
        (State::WaitCertificate(mut h), hs::CERTIFICATE) => {
            let chain = certificate_list(body)?;
            if chain.is_empty() {
                return Err(Error::with_alert(ErrorCode::NO_CERT_FOUND, AlertDescription::DecodeError));
            }
            crate::verify::check_peer_chain(
                common,
                config,
                hooks,
                &chain,
                crate::verify::Peer::Server { name: server_name },
            )?;
            common.summary.peer_chain = chain;
            if !h.expect_status {
                crate::verify::accept_ocsp_staple(common, config, hooks, None)?;
            }
            crate::verify::application_chain_check(common, hooks)?;
            h.transcript.add(message);
            State::WaitServerKeyExchange(h)
        }
        (State::WaitServerKeyExchange(mut h), hs::CERTIFICATE_STATUS) if h.expect_status => {
            let staple = msgs::decode_certificate_status(body)?;
            crate::verify::accept_ocsp_staple(common, config, hooks, Some(staple))?;
            h.expect_status = false;
            h.transcript.add(message);
            State::WaitServerKeyExchange(h)
        }
        (State::WaitServerKeyExchange(mut h), hs::SERVER_KEY_EXCHANGE) => {
            if h.expect_status {
                crate::verify::accept_ocsp_staple(common, config, hooks, None)?;
                h.expect_status = false;
            }
            if !server_key_exchange(common, config, hooks, &mut h, body)? {
                return Ok(Some(Handshake::HandleAgain(Box::new(Handshake::Client12(State::WaitServerKeyExchange(
                    h,
                ))))));
            }
            h.transcript.add(message);
            State::WaitCertificateRequestOrDone(h)
        }
        (State::WaitCertificateRequestOrDone(mut h), hs::CERTIFICATE_REQUEST) => {
            let mut r = Reader::new(body);
            r.vec_u8()?;
            let schemes = r.vec_u16()?.rest();
            let authorities = r.vec_u16()?.rest().to_vec();
            r.finish()?;
            let schemes = msgs::u16_list(schemes).filter_map(SignatureScheme::from_iana).collect();
            h.cert_request = Some((schemes, authorities));
            common.summary.client_auth = true;
            h.transcript.add(message);
            State::WaitServerHelloDone(h)
        }
        (State::WaitCertificateRequestOrDone(mut h) | State::WaitServerHelloDone(mut h), hs::SERVER_HELLO_DONE) => {
            if !body.is_empty() {
                return Err(crate::codec::decode_error());
            }
            h.transcript.add(message);
            client_flight(common, config, hooks, &mut h)?;
            after_server_flight(h)
        }
        (State::WaitNewSessionTicket(mut h), hs::NEW_SESSION_TICKET) => {
            let mut r = Reader::new(body);
            let lifetime_hint = r.u32()?;
            let ticket = r.vec_u16()?.rest();
            r.finish()?;
            let secrets = h.secrets.as_ref().ok_or_else(unexpected)?;
            // An empty ticket means the server changed its mind; a zero hint leaves the
            // lifetime to us (RFC 5077 §3.3).
            if !ticket.is_empty() && config.session_tickets {
                common.received_sessions.push(ClientSession {
                    ticket: ticket.to_vec(),
                    session_id: Vec::new(),
                    secret: SessionSecret::Tls12 {
                        suite: h.suite,
                        master: secrets.master.clone(),
                        extended_master_secret: h.extended_master_secret,
                    },
                    received_at_ms: hooks.now().as_secs() * 1000,
                    lifetime: if lifetime_hint == 0 { config.session_lifetime } else { lifetime_hint },
                });
            }
            h.transcript.add(message);
            State::WaitChangeCipherSpec(h)
        }
        (State::WaitFinished(mut h), hs::FINISHED) => {
            let secrets = h.secrets.as_mut().ok_or_else(unexpected)?;
            let hash = h.suite.hash;
            let expected = super::prf::verify_data(hash, &secrets.master, false, h.transcript.current().as_ref());
            verify_slices_are_equal(&expected, body)
                .map_err(|_| Error::with_alert(ErrorCode::BAD_FINISHED, AlertDescription::DecryptError))?;
            secrets.finished[12..].copy_from_slice(&expected);
            if h.resumed {
                // Abbreviated handshake: our ChangeCipherSpec and Finished answer the server's.
                h.transcript.add(message);
                let write = common.tls12_pending_write.take().ok_or_else(unexpected)?;
                let next_protocol = h.next_protocol.take();
                let ours = super::send_finished(
                    common,
                    h.suite,
                    &secrets.master,
                    true,
                    &mut h.transcript,
                    *write,
                    next_protocol.as_deref(),
                )?;
                secrets.finished[..12].copy_from_slice(&ours);
            }
            common.tls12_secrets = h.secrets.map(Box::new);
            return Ok(None);
        }
        _ => return Err(unexpected()),
    };
    Ok(Some(Handshake::Client12(next)))
}

/// Takes the server's key share once its signature checks out; false while the application
/// has not answered its check of that signature.
fn server_key_exchange(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    h: &mut Handshake12,
    body: &[u8],
) -> Result<bool> {
    let mut r = Reader::new(body);
    if r.u8()? != 3 {
        // Only named curves (RFC 8422 §5.4).
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    let group = r.u16()?;
    let public = r.vec_u8()?.rest();
    let params_len = body.len() - r.remaining();
    let scheme = r.u16()?;
    let signature = r.vec_u16()?.rest();
    r.finish()?;
    let group = NamedGroup::from_iana(group)
        .filter(|g| !g.is_hybrid() && config.groups.contains(g))
        .ok_or_else(|| illegal_parameter(ErrorCode::ECDHE_UNSUPPORTED_CURVE))?;
    let scheme = SignatureScheme::from_iana(scheme)
        .filter(|s| config.schemes.contains(s))
        .ok_or_else(|| illegal_parameter(ErrorCode::INVALID_SIGNATURE_SCHEME))?;
    let mut signed = Vec::with_capacity(64 + params_len);
    signed.extend_from_slice(&h.client_random);
    signed.extend_from_slice(&h.server_random);
    signed.extend_from_slice(&body[..params_len]);
    if !crate::offload::verify_peer_signature(common, hooks, true, scheme, &signed, signature)? {
        return Ok(false);
    }
    common.summary.peer_scheme = Some(scheme);
    common.summary.group = Some(group);
    h.server_share = Some((group, public.to_vec()));
    Ok(true)
}

/// Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished.
fn client_flight(common: &mut Common, config: &Settings, hooks: &mut dyn Hooks, h: &mut Handshake12) -> Result<()> {
    let mut signer = None;
    let picked = match &h.cert_request {
        Some((_, authorities)) => crate::verify::client_certificate_choice(config, hooks, authorities)?,
        None => None,
    };
    if let Some((requested, _)) = &h.cert_request {
        let chosen = picked.as_ref().map_or(&config.identities[..], std::slice::from_ref).iter().find_map(|id| {
            let key = id.key.as_ref()?;
            let scheme = config.schemes.iter().find(|s| requested.contains(s) && s.fits(key.kind()))?;
            Some((id, *scheme))
        });
        let mut msg = Vec::new();
        let chain: Vec<&[u8]> = chosen.map(|(id, _)| id.chain.iter().map(|c| c.as_ref()).collect()).unwrap_or_default();
        encode_certificate_list(&mut msg, &chain);
        common.summary.no_client_cert = chosen.is_none();
        h.transcript.add(&msg);
        common.send_handshake(&msg);
        signer = chosen;
    }

    let (group, server_public) = h.server_share.take().ok_or_else(unexpected)?;
    let share = ClientKeyShare::generate(group)?;
    let mut cke = Vec::with_capacity(8 + share.public.len());
    encode_handshake(&mut cke, hs::CLIENT_KEY_EXCHANGE, |w| w.put_prefixed(1, |w| w.put_bytes(&share.public)));
    let premaster = share.complete(&server_public)?;
    h.transcript.add(&cke);
    common.send_handshake(&cke);

    let session_hash = h.extended_master_secret.then(|| h.transcript.current());
    let master = super::prf::master_secret(
        h.suite.hash,
        premaster.as_ref(),
        &h.client_random,
        &h.server_random,
        session_hash.as_ref().map(|d| d.as_ref()),
    );
    common.key_log(hooks, "CLIENT_RANDOM", &master)?;

    if let Some((id, scheme)) = signer {
        let key = id.key.as_ref().expect("chosen identity has a key");
        let signed = h.transcript.messages().ok_or_else(unexpected)?;
        let signature = scheme.sign(key, signed)?;
        crate::offload::verify_after_sign(config, id, scheme, signed, &signature)?;
        let mut cv = Vec::with_capacity(8 + signature.len());
        encode_handshake(&mut cv, hs::CERTIFICATE_VERIFY, |w| {
            w.put_u16(scheme.iana());
            w.put_prefixed(2, |w| w.put_bytes(&signature));
        });
        h.transcript.add(&cv);
        common.send_handshake(&cv);
        common.summary.our_scheme = Some(scheme);
    }

    h.transcript.stop_recording();
    let (client_write, server_read) = key_protections(h.suite, &master, &h.client_random, &h.server_random);
    let next_protocol = h.next_protocol.take();
    let our_finished = super::send_finished(
        common,
        h.suite,
        &master,
        true,
        &mut h.transcript,
        client_write,
        next_protocol.as_deref(),
    )?;
    // The session id the server gave: a full handshake's session can be resumed by it if
    // the server keeps a session cache.
    if !common.session_id.is_empty() {
        common.current_session = Some(Box::new(ClientSession {
            ticket: Vec::new(),
            session_id: common.session_id.to_vec(),
            secret: SessionSecret::Tls12 {
                suite: h.suite,
                master: master.clone(),
                extended_master_secret: h.extended_master_secret,
            },
            received_at_ms: hooks.now().as_secs() * 1000,
            lifetime: config.session_lifetime,
        }));
    }
    h.secrets = Some(Secrets {
        master,
        client_random: h.client_random,
        server_random: h.server_random,
        suite: h.suite,
        pending_read: Some(server_read),
        finished: [0; 24],
    });
    if let Some(secrets) = h.secrets.as_mut() {
        secrets.finished[..12].copy_from_slice(&our_finished);
    }
    Ok(())
}

/// The server's ChangeCipherSpec: its Finished comes under the new keys.
pub fn change_cipher_spec(state: State, common: &mut Common) -> Result<Handshake> {
    match state {
        State::WaitChangeCipherSpec(mut h) => {
            let read = h.secrets.as_mut().and_then(|s| s.pending_read.take()).ok_or_else(unexpected)?;
            common.set_read_protection(read);
            Ok(Handshake::Client12(State::WaitFinished(h)))
        }
        _ => Err(unexpected()),
    }
}
