//! The TLS 1.3 server handshake (RFC 8446 §2, full 1-RTT with HelloRetryRequest).

use std::sync::Arc;

use aws_lc_rs::constant_time::verify_slices_are_equal;
use rustls_pki_types::CertificateDer;

use super::key_schedule::{finished_verify_data, EarlySecret, MasterSecret};
use crate::alert::AlertDescription;
use crate::codec::Writer;
use crate::config::{ClientAuth, ClientHelloAction, EarlyDataAction, Hooks, Settings};
use crate::conn::{illegal_parameter, unexpected, AppSecrets, Common, Handshake as Machine};
use crate::crypto::Secret;
use crate::crypto::{public_random, random_array};
use crate::early_data::EarlyDataTerms;
use crate::error::{Error, ErrorCode, Result};
use crate::kx::{self, NamedGroup};
use crate::msgs::extension;
use crate::msgs::{self, encode_handshake, ext, hs, ClientHello, TLS12, TLS13};
use crate::pki::CertifiedKey;
use crate::session::SessionSecret;
use crate::sign::SignatureScheme;
use crate::suites::Tls13Suite;
use crate::transcript::Transcript;

pub enum State {
    WaitClientHello,
    /// After a HelloRetryRequest: the suite and group already chosen.
    WaitSecondClientHello(Box<Retry>),
    /// The client's early data, which we accepted, until its EndOfEarlyData.
    WaitEndOfEarlyData(Box<Handshake>),
    WaitClientCertificate(Box<Handshake>),
    WaitClientCertificateVerify(Box<Handshake>),
    WaitClientFinished(Box<Handshake>),
}

pub struct Retry {
    suite: &'static Tls13Suite,
    group: NamedGroup,
    transcript: Transcript,
    session_id: Vec<u8>,
}

pub struct Handshake {
    suite: &'static Tls13Suite,
    transcript: Transcript,
    master: MasterSecret,
    client_secret: Secret,
    client_app: Secret,
    server_app: Secret,
    exporter: Secret,
    cert_request_context: Option<Vec<u8>>,
}

fn handshake_failure(code: ErrorCode) -> Error {
    Error::with_alert(code, AlertDescription::HandshakeFailure)
}

pub fn handle(
    state: State,
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    message: &[u8],
) -> Result<Option<Machine>> {
    let (msg_type, body) = (message[0], &message[4..]);
    let next = match (state, msg_type) {
        (State::WaitClientHello, hs::CLIENT_HELLO) => {
            return client_hello(common, config, hooks, None, message, None).map(Some)
        }
        (State::WaitSecondClientHello(retry), hs::CLIENT_HELLO) => {
            return client_hello(common, config, hooks, Some(*retry), message, None).map(Some)
        }
        (State::WaitEndOfEarlyData(mut h), hs::END_OF_EARLY_DATA) => {
            if !body.is_empty() {
                return Err(crate::codec::decode_error());
            }
            h.transcript.add(message);
            common.early_data.set_state(crate::early_data::EarlyDataState::End)?;
            // The rest of the client's flight comes under its handshake keys.
            common.set_read_keys(h.suite, &h.client_secret);
            match h.cert_request_context.is_some() {
                true => State::WaitClientCertificate(h),
                false => State::WaitClientFinished(h),
            }
        }
        (State::WaitClientCertificate(mut h), hs::CERTIFICATE) => {
            let cert = msgs::Certificate13::decode(body)?;
            if Some(cert.context) != h.cert_request_context.as_deref() {
                return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
            }
            h.transcript.add(message);
            if cert.entries.is_empty() {
                common.summary.no_client_cert = true;
                if config.client_auth == ClientAuth::Required {
                    return Err(Error::with_alert(
                        ErrorCode::MISSING_CLIENT_CERT,
                        AlertDescription::CertificateRequired,
                    ));
                }
                State::WaitClientFinished(h)
            } else {
                let chain: Vec<CertificateDer<'static>> =
                    cert.entries.iter().map(|e| CertificateDer::from(e.cert.to_vec())).collect();
                crate::verify::check_peer_chain(common, config, hooks, &chain, crate::verify::Peer::Client)?;
                common.summary.peer_chain = chain;
                crate::verify::application_chain_check(common, hooks)?;
                State::WaitClientCertificateVerify(h)
            }
        }
        (State::WaitClientCertificateVerify(mut h), hs::CERTIFICATE_VERIFY) => {
            let hash = h.transcript.current();
            if !super::verify_peer_certificate_verify(common, config, hooks, false, hash.as_ref(), body)? {
                let again = Machine::Server(State::WaitClientCertificateVerify(h));
                return Ok(Some(Machine::HandleAgain(Box::new(again))));
            }
            h.transcript.add(message);
            State::WaitClientFinished(h)
        }
        (State::WaitClientFinished(h), hs::FINISHED) => {
            let expected = finished_verify_data(h.suite.hash, &h.client_secret, h.transcript.current().as_ref());
            verify_slices_are_equal(expected.as_ref(), body)
                .map_err(|_| Error::with_alert(ErrorCode::BAD_FINISHED, AlertDescription::DecryptError))?;
            common.set_read_keys(h.suite, &h.client_app);
            let mut h = *h;
            h.transcript.add(message);
            let resumption = h.master.resumption_master_secret(h.transcript.current().as_ref());
            send_tickets(common, config, hooks, h.suite, &resumption, config.initial_ticket_count)?;
            let Handshake { suite, client_app, server_app, exporter, .. } = h;
            common.app_secrets = Some(AppSecrets::new(suite, &client_app, &server_app, &exporter, &resumption));
            return Ok(None);
        }
        _ => return Err(unexpected()),
    };
    Ok(Some(Machine::Server(next)))
}

/// The identity to present and the scheme to sign with: identities valid for the
/// requested name come first, then the default ones; the first whose key can sign a
/// scheme `accept` allows (in our preference order) wins.
pub(crate) fn choose_identity_for(
    config: &Settings,
    server_name: Option<&str>,
    accept: impl Fn(SignatureScheme, crate::pki::KeyKind) -> bool,
) -> Option<(usize, SignatureScheme)> {
    // A name an identity lost to another chain of its type does not count for it.
    let answers_for =
        |i: usize, cert_name: &str| !config.superseded_names.iter().any(|(j, n)| *j == i && n == cert_name);
    let matches_name = |i: usize, id: &Arc<CertifiedKey>| {
        server_name.is_some_and(|name| id.match_name_where(name, |n| answers_for(i, n)) != crate::pki::NameMatch::None)
    };
    // Without the private key only an application that signs for us can use a chain.
    let usable = |id: &Arc<CertifiedKey>| {
        let kind = id.kind.filter(|_| id.key.is_some() || config.offload_private_key)?;
        config.schemes.iter().copied().find(|s| accept(*s, kind))
    };
    let is_default = |i: usize| config.default_identities.is_empty() || config.default_identities.contains(&i);
    let by_name = config.identities.iter().enumerate().filter(|(i, id)| matches_name(*i, id));
    let others = config.identities.iter().enumerate().filter(|(i, id)| !matches_name(*i, id) && is_default(*i));
    by_name.chain(others).find_map(|(i, id)| usable(id).map(|s| (i, s)))
}

fn choose_identity(
    config: &Settings,
    server_name: Option<&str>,
    client_schemes: &[SignatureScheme],
) -> Option<(usize, SignatureScheme)> {
    choose_identity_for(config, server_name, |s, kind| {
        s.allowed_in_tls13() && client_schemes.contains(&s) && s.fits(kind)
    })
}

/// A first ClientHello that came in SSL 2.0's format, rewritten as the TLS `message` it
/// stands for; the transcript takes the bytes `as_sent` (RFC 5246 Appendix E.2). Without
/// extensions it can only lead to TLS 1.2.
pub fn sslv2_client_hello(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    message: &[u8],
    as_sent: &[u8],
) -> Result<Machine> {
    client_hello(common, config, hooks, None, message, Some(as_sent))
}

fn client_hello(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    retry: Option<Retry>,
    message: &[u8],
    as_sent: Option<&[u8]>,
) -> Result<Machine> {
    let ch = ClientHello::decode(&message[4..])?;
    if retry.is_none() {
        match hooks.client_hello(&message[4..], common.summary.first_record_version) {
            ClientHelloAction::Continue => {}
            ClientHelloAction::Pause => return Err(Error::new(ErrorCode::ASYNC_BLOCKED)),
            ClientHelloAction::Reject => return Err(handshake_failure(ErrorCode::CANCELLED)),
        }
    }
    let versions = ch.supported_versions()?;
    let server_tls13 = config.max_version >= TLS13 && !config.tls13_suites.is_empty();
    let tls13_possible = server_tls13 && versions.is_some_and(|v| msgs::u16_list(v).any(|v| v == TLS13));
    if !tls13_possible && common.quic {
        return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
    }
    if !tls13_possible {
        if retry.is_some() {
            return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
        }
        // No TLS 1.3 in common: TLS 1.2 if both allow it.
        // As s2n reports it: a server without TLS 1.3 takes the client's highest version
        // from legacy_version (capped at TLS 1.2), not from supported_versions.
        let client_max = match versions {
            Some(v) if server_tls13 => msgs::u16_list(v).filter(|v| v & 0xff00 == 0x0300).max().unwrap_or(0),
            _ => ch.legacy_version.min(TLS12),
        };
        let client_has_tls12 = match versions {
            Some(v) => msgs::u16_list(v).any(|v| v == TLS12),
            None => ch.legacy_version >= TLS12,
        };
        if !client_has_tls12 || config.min_version > TLS12 {
            return Err(Error::with_alert(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED, AlertDescription::ProtocolVersion));
        }
        common.summary.client_hello_version = Some(ch.legacy_version);
        common.summary.client_max_version = Some(client_max);
        return crate::tls12::server::client_hello(common, config, hooks, &ch, as_sent.unwrap_or(message));
    }
    if ch.compression_methods != [0] {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    let offered = |iana: u16| msgs::u16_list(ch.cipher_suites).any(|s| s == iana);
    if retry.as_ref().is_some_and(|r| r.session_id != ch.session_id) {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    // With external PSKs, the suite must suit the PSK the client will be held to.
    let external = match (config.external_psks.is_empty(), offered_psks(&ch, message)?) {
        (false, Some(offered)) => match_external_psk(config, hooks, &offered)?,
        _ => None,
    };
    let psk_hash = external.map(|(_, psk)| psk.hash);
    let suite = match &retry {
        Some(r) if offered(r.suite.iana) => r.suite,
        Some(_) => return Err(illegal_parameter(ErrorCode::CIPHER_NOT_SUPPORTED)),
        None => {
            let candidates = preference_order(config, config.tls13_suites, ch.cipher_suites, |s| s.iana);
            candidates
                .iter()
                .copied()
                .find(|s| psk_hash.map_or(true, |h| h == s.hash))
                .or_else(|| candidates.first().copied())
                .ok_or_else(|| handshake_failure(ErrorCode::CIPHER_NOT_SUPPORTED))?
        }
    };

    let client_groups: Vec<u16> = match ch.extensions.get(ext::SUPPORTED_GROUPS) {
        Some(g) => msgs::u16_list(msgs::decode_u16_vec(g, 2)?).collect(),
        None => Vec::new(),
    };
    let shares = ch.key_shares()?;
    // Every share must be for a group the client says it supports (RFC 8446 §4.2.8).
    if shares.iter().any(|(g, _)| !client_groups.contains(g)) {
        return Err(illegal_parameter(ErrorCode::BAD_KEY_SHARE));
    }
    let share_for = |g: NamedGroup| shares.iter().find(|(s, _)| *s == g.iana()).map(|(_, k)| *k);
    let chosen = match &retry {
        Some(r) => Some((r.group, share_for(r.group).ok_or_else(|| illegal_parameter(ErrorCode::BAD_KEY_SHARE))?)),
        None => config.groups.iter().find_map(|g| share_for(*g).map(|k| (*g, k))),
    };

    let schemes: Vec<SignatureScheme> = match ch.extensions.get(ext::SIGNATURE_ALGORITHMS) {
        Some(s) => msgs::u16_list(msgs::decode_u16_vec(s, 2)?).filter_map(SignatureScheme::from_iana).collect(),
        None => return Err(Error::with_alert(ErrorCode::MISSING_EXTENSION, AlertDescription::MissingExtension)),
    };
    let server_name = ch.server_name()?.map(|n| String::from_utf8_lossy(n).into_owned());

    let quic_parameters = ch.extensions.get(ext::QUIC_TRANSPORT_PARAMETERS);
    super::accept_quic_transport_parameters(common, hooks, quic_parameters)?;
    let offers_early_data = ch.extensions.contains(ext::EARLY_DATA);
    if offers_early_data && retry.is_some() {
        // Early data is only ever offered in the first ClientHello (RFC 8446 §4.2.10).
        return Err(illegal_parameter(ErrorCode::UNSUPPORTED_EXTENSION));
    }
    let Some((group, client_share)) = chosen else {
        // Asking for another ClientHello refuses any early data offered with this one.
        if offers_early_data {
            common.early_data.set_state(crate::early_data::EarlyDataState::Requested)?;
            common.early_data.set_state(crate::early_data::EarlyDataState::Rejected)?;
        }
        // No usable share: ask once for one in a group we both support.
        let group = config
            .groups
            .iter()
            .copied()
            .find(|g| client_groups.contains(&g.iana()))
            .ok_or_else(|| handshake_failure(ErrorCode::ECDHE_UNSUPPORTED_CURVE))?;
        return send_hello_retry_request(common, suite, group, &ch, message).map(Machine::Server);
    };

    let mut transcript = match retry {
        Some(r) => r.transcript,
        None => {
            let mut t = Transcript::default();
            t.start_hash(suite.hash);
            t
        }
    };
    let accepted = accept_psk(common, config, hooks, &ch, suite, &transcript, message, external)?;
    let (psk, psk_index, early_terms) = match accepted {
        Some(AcceptedPsk { secret, index, early_data, resumption }) => {
            (Some(secret), index, Some((index, early_data, resumption)))
        }
        None => (None, 0, None),
    };
    // A resumed session is authenticated by the PSK: no certificate is chosen or sent.
    let chosen = match psk {
        Some(_) => None,
        None => Some(
            choose_identity(config, server_name.as_deref(), &schemes)
                .ok_or_else(|| handshake_failure(ErrorCode::NO_VALID_SIGNATURE_SCHEME))?,
        ),
    };
    let alpn = choose_alpn(config, &ch)?;
    let early_data = accept_early_data(common, config, hooks, offers_early_data, early_terms, suite, alpn.as_deref())?;

    let (server_public, shared) = kx::server_respond(group, client_share)?;
    transcript.add(message);
    // Accepted early data is protected under a secret of the ClientHello alone.
    let client_hello_hash = early_data.then(|| transcript.current());
    common.summary.client_random = ch.random;
    common.summary.middlebox_compat = !ch.session_id.is_empty();
    common.summary.client_hello_version = Some(ch.legacy_version);
    common.summary.client_max_version = versions.and_then(|v| msgs::u16_list(v).filter(|v| v & 0xff00 == 0x0300).max());

    let random: [u8; 32] = public_random()?;
    let mut sh = Vec::with_capacity(128 + server_public.len());
    encode_handshake(&mut sh, hs::SERVER_HELLO, |w| {
        w.put_u16(TLS12);
        w.put_bytes(&random);
        w.put_prefixed(1, |w| w.put_bytes(ch.session_id));
        w.put_u16(suite.iana);
        w.put_u8(0);
        w.put_prefixed(2, |w| {
            extension(w, ext::SUPPORTED_VERSIONS, |w| w.put_u16(TLS13));
            extension(w, ext::KEY_SHARE, |w| {
                w.put_u16(group.iana());
                w.put_prefixed(2, |w| w.put_bytes(&server_public));
            });
            if psk.is_some() {
                extension(w, ext::PRE_SHARED_KEY, |w| w.put_u16(psk_index as u16));
            }
        });
    });
    transcript.add(&sh);
    common.send_handshake(&sh);
    // Middlebox compatibility: answer a client's session id with a dummy CCS, once.
    if !ch.session_id.is_empty() && !common.summary.hello_retry {
        common.send_change_cipher_spec()?;
    }

    let early = EarlySecret::new(suite.hash, psk.as_ref().map(|p| p.as_ref()));
    let hello_hash = transcript.current();
    // Accepted early data comes next, under the client_early_traffic_secret.
    let early_traffic = client_hello_hash.map(|hash| early.client_early_traffic_secret(hash.as_ref()));
    let secret = early.into_handshake(shared.as_ref());
    let client_secret = secret.client_handshake_traffic_secret(hello_hash.as_ref());
    let server_secret = secret.server_handshake_traffic_secret(hello_hash.as_ref());
    if let Some(early_traffic) = &early_traffic {
        common.key_log(hooks, "CLIENT_EARLY_TRAFFIC_SECRET", early_traffic)?;
    }
    common.key_log(hooks, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", &client_secret)?;
    common.key_log(hooks, "SERVER_HANDSHAKE_TRAFFIC_SECRET", &server_secret)?;
    common.set_write_keys(suite, &server_secret)?;
    common.set_read_keys(suite, early_traffic.as_ref().unwrap_or(&client_secret));

    let mut f = Box::new(Flight {
        suite,
        group,
        transcript,
        secret,
        client_secret,
        server_secret,
        flight: Vec::with_capacity(4096),
        cert_request_context: None,
        chosen,
        resumed: psk.is_some(),
        alpn,
        server_name,
    });
    let mfl = negotiate_max_fragment_length(common, config, &ch)?;
    let mut ee = Vec::new();
    encode_handshake(&mut ee, hs::ENCRYPTED_EXTENSIONS, |w| {
        w.put_prefixed(2, |w| {
            if let Some(proto) = &f.alpn {
                extension(w, ext::ALPN, |w| msgs::encode_alpn_list(w, [proto.as_slice()]));
            }
            if let Some(code) = mfl {
                extension(w, ext::MAX_FRAGMENT_LENGTH, |w| w.put_u8(code));
            }
            if early_data {
                extension(w, ext::EARLY_DATA, |_| {});
            }
            if common.quic {
                extension(w, ext::QUIC_TRANSPORT_PARAMETERS, |w| w.put_bytes(config.quic_transport_parameters));
            }
        })
    });
    f.add(&ee);

    if config.client_auth != ClientAuth::None && chosen.is_some() {
        let mut cr = Vec::new();
        encode_handshake(&mut cr, hs::CERTIFICATE_REQUEST, |w| {
            w.put_prefixed(1, |_| {});
            w.put_prefixed(2, |w| {
                extension(w, ext::SIGNATURE_ALGORITHMS, |w| {
                    w.put_prefixed(2, |w| {
                        config.schemes.iter().filter(|s| s.allowed_in_tls13()).for_each(|s| w.put_u16(s.iana()))
                    })
                });
                if !config.cert_authorities.is_empty() {
                    extension(w, ext::CERTIFICATE_AUTHORITIES, |w| {
                        w.put_prefixed(2, |w| w.put_bytes(&config.cert_authorities))
                    });
                }
            });
        });
        f.add(&cr);
        f.cert_request_context = Some(Vec::new());
        common.summary.client_auth = true;
    }

    if let Some((identity, scheme)) = chosen {
        let id = &config.identities[identity];
        let mut cert = Vec::new();
        // A staple only for a client that asked for one (RFC 8446 §4.4.2.1).
        let staple = if ch.wants_ocsp_staple() { id.ocsp_response() } else { None };
        let sct_list = if ch.extensions.contains(ext::SCT) { id.sct_list() } else { None };
        let leaf = msgs::LeafExtensions { ocsp_staple: staple.as_deref(), sct_list: sct_list.as_deref() };
        msgs::Certificate13::encode(&mut cert, &[], id.chain.iter().map(|c| c.as_ref()), &leaf);
        common.summary.ocsp_stapled = staple.is_some();
        f.add(&cert);

        let signed = msgs::certificate_verify_message(true, f.transcript.current().as_ref());
        match crate::offload::sign(common, config, hooks, identity, scheme, &signed)? {
            Some(signature) => f.add_certificate_verify(scheme, &signature),
            // The application signs; the flight waits for it.
            None => {
                return Ok(Machine::AwaitingSignature(Box::new(crate::offload::Pending {
                    scheme,
                    identity,
                    signed,
                    resume: crate::offload::Resume::Tls13Server(f),
                })))
            }
        }
    }
    finish_flight(common, hooks, f)
}

/// The server's first flight while it is being built: everything from the key exchange
/// on, so that it can wait for an application's signature (s2n's async private-key
/// operations) and be finished later.
pub struct Flight {
    suite: &'static Tls13Suite,
    group: NamedGroup,
    transcript: Transcript,
    secret: super::key_schedule::HandshakeSecret,
    client_secret: Secret,
    server_secret: Secret,
    /// EncryptedExtensions onwards, sent in one go once complete.
    flight: Vec<u8>,
    cert_request_context: Option<Vec<u8>>,
    chosen: Option<(usize, SignatureScheme)>,
    resumed: bool,
    alpn: Option<Vec<u8>>,
    server_name: Option<String>,
}

impl Flight {
    fn add(&mut self, msg: &[u8]) {
        self.transcript.add(msg);
        self.flight.extend_from_slice(msg);
    }

    fn add_certificate_verify(&mut self, scheme: SignatureScheme, signature: &[u8]) {
        let mut cv = Vec::with_capacity(8 + signature.len());
        encode_handshake(&mut cv, hs::CERTIFICATE_VERIFY, |w| {
            w.put_u16(scheme.iana());
            w.put_prefixed(2, |w| w.put_bytes(signature));
        });
        self.add(&cv);
    }
}

/// Continues a flight that waited for the application's CertificateVerify signature.
pub(crate) fn resume_flight(
    common: &mut Common,
    hooks: &mut dyn Hooks,
    mut f: Box<Flight>,
    scheme: SignatureScheme,
    signature: &[u8],
) -> Result<Machine> {
    f.add_certificate_verify(scheme, signature);
    finish_flight(common, hooks, f)
}

/// Finished, the application keys, and what the handshake negotiated.
fn finish_flight(common: &mut Common, hooks: &mut dyn Hooks, mut f: Box<Flight>) -> Result<Machine> {
    let suite = f.suite;
    let verify_data = finished_verify_data(suite.hash, &f.server_secret, f.transcript.current().as_ref());
    let mut fin = Vec::with_capacity(4 + verify_data.as_ref().len());
    encode_handshake(&mut fin, hs::FINISHED, |w| w.put_bytes(verify_data.as_ref()));
    f.add(&fin);
    common.send_handshake(&f.flight);

    let Flight {
        transcript,
        secret,
        client_secret,
        cert_request_context,
        chosen,
        group,
        resumed,
        alpn,
        server_name,
        ..
    } = *f;
    let handshake_hash = transcript.current();
    let master = secret.into_master();
    let client_app = master.client_application_traffic_secret(handshake_hash.as_ref());
    let server_app = master.server_application_traffic_secret(handshake_hash.as_ref());
    let exporter = master.exporter_master_secret(handshake_hash.as_ref());
    common.key_log(hooks, "CLIENT_TRAFFIC_SECRET_0", &client_app)?;
    common.key_log(hooks, "SERVER_TRAFFIC_SECRET_0", &server_app)?;
    common.key_log(hooks, "EXPORTER_SECRET", &exporter)?;
    common.set_write_keys(suite, &server_app)?;

    let summary = &mut common.summary;
    summary.version = Some(TLS13);
    summary.suite = Some(suite);
    summary.group = Some(group);
    summary.our_scheme = chosen.map(|(_, scheme)| scheme);
    summary.identity = chosen.map(|(identity, _)| identity as u16);
    summary.resumed = resumed;
    summary.alpn = alpn.map(Vec::into_boxed_slice);
    summary.server_name = server_name.map(String::into_boxed_str);

    let h = Box::new(Handshake {
        suite,
        transcript,
        master,
        client_secret,
        client_app,
        server_app,
        exporter,
        cert_request_context,
    });
    // Under QUIC, early data ends without an EndOfEarlyData (RFC 9001 §8.3).
    let reading_early_data = common.early_data.state == crate::early_data::EarlyDataState::Accepted;
    Ok(Machine::Server(if reading_early_data && !common.quic {
        State::WaitEndOfEarlyData(h)
    } else if h.cert_request_context.is_some() {
        State::WaitClientCertificate(h)
    } else {
        State::WaitClientFinished(h)
    }))
}

/// The suites of `ours` the client offered (`offered`: its cipher_suites list), in the order
/// the server chooses by: ours, or the client's when the config prefers it.
pub(crate) fn preference_order<S: Copy>(
    config: &Settings,
    ours: &[S],
    offered: &[u8],
    iana: impl Fn(S) -> u16,
) -> Vec<S> {
    let position = |s: S| msgs::u16_list(offered).position(|c| c == iana(s));
    let mut candidates: Vec<S> = ours.iter().copied().filter(|s| position(*s).is_some()).collect();
    if config.prefer_client_suites {
        candidates.sort_by_key(|s| position(*s));
    }
    candidates
}

/// The identities and binders of a ClientHello's pre_shared_key extension, with where the
/// binders start in `message` (the transcript they cover ends there).
struct OfferedPsks<'a> {
    identities: Vec<(&'a [u8], u32)>,
    binders: Vec<&'a [u8]>,
    binders_start: usize,
}

fn offered_psks<'a>(ch: &ClientHello<'a>, message: &[u8]) -> Result<Option<OfferedPsks<'a>>> {
    let Some(data) = ch.extensions.get(ext::PRE_SHARED_KEY) else { return Ok(None) };
    // It must be the last extension (RFC 8446 §4.2.11).
    if ch.extensions.iter().last().map(|(t, _)| t) != Some(ext::PRE_SHARED_KEY) {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    let mut r = crate::codec::Reader::new(data);
    let mut list = r.vec_u16()?;
    let binders_start = message.len() - r.remaining();
    let mut binder_list = r.vec_u16()?;
    r.finish()?;
    let (mut identities, mut binders) = (Vec::new(), Vec::new());
    while !list.is_empty() {
        let identity = list.vec_u16()?.rest();
        identities.push((identity, list.u32()?));
    }
    while !binder_list.is_empty() {
        binders.push(binder_list.vec_u8()?.rest());
    }
    if identities.is_empty() || identities.len() != binders.len() || identities.iter().any(|(i, _)| i.is_empty()) {
        return Err(illegal_parameter(ErrorCode::BAD_MESSAGE));
    }
    Ok(Some(OfferedPsks { identities, binders, binders_start }))
}

/// Server with external PSKs: the offered identity the application picks, or by default
/// the first one the client offers that we know (s2n's rule), as its index in the offer and
/// our PSK. Identities are compared in constant time.
fn match_external_psk<'c>(
    config: &'c Settings,
    hooks: &mut dyn Hooks,
    offered: &OfferedPsks<'_>,
) -> Result<Option<(usize, &'c crate::config::ExternalPsk)>> {
    let known = |identity: &[u8]| {
        config.external_psks.iter().find(|psk| {
            psk.identity.len() == identity.len() && verify_slices_are_equal(&psk.identity, identity).is_ok()
        })
    };
    let identities: Vec<&[u8]> = offered.identities.iter().map(|(identity, _)| *identity).collect();
    let ours: Vec<&[u8]> = config.external_psks.iter().map(|psk| psk.identity.as_slice()).collect();
    Ok(match hooks.choose_psk(&identities, &ours)? {
        None => identities.iter().enumerate().find_map(|(i, identity)| known(identity).map(|psk| (i, psk))),
        Some(None) => None,
        Some(Some(i)) => identities.get(i).and_then(|identity| known(identity)).map(|psk| (i, psk)),
    })
}

/// The PSK a server accepted.
struct AcceptedPsk {
    secret: Secret,
    /// Its place in the client's list.
    index: usize,
    early_data: EarlyDataTerms,
    /// From one of our tickets (else an external PSK).
    resumption: bool,
}

/// Whether we take the client's early data (RFC 8446 §4.2.10, in s2n's order): it came with
/// the first PSK offered, whose terms hold for what this handshake negotiated, while the
/// application reads early data, and the application's callback agrees. Sets the
/// connection's early data state and limit either way.
fn accept_early_data(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    offered: bool,
    psk: Option<(usize, EarlyDataTerms, bool)>,
    suite: &'static Tls13Suite,
    alpn: Option<&[u8]>,
) -> Result<bool> {
    use crate::early_data::EarlyDataState::{Accepted, NotRequested, Rejected, Requested};
    if !offered {
        if common.early_data.state != Rejected {
            common.early_data.set_state(NotRequested)?;
        }
        return Ok(false);
    }
    common.early_data.set_state(Requested)?;
    let Some((index, terms, resumption)) = psk else {
        common.early_data.set_state(Rejected)?;
        return Ok(false);
    };
    // A ticket's promise holds only as far as what we take now (s2n's rule).
    let limit = if resumption { terms.max_size.min(config.server_max_early_data) } else { terms.max_size };
    common.early_data.limit = Some(limit);
    if index != 0 || limit == 0 || !terms.hold_for(suite, alpn.unwrap_or_default()) || !common.early_data.expected {
        common.early_data.set_state(Rejected)?;
        return Ok(false);
    }
    match hooks.early_data(&terms.context).map_err(|e| handshake_failure(e.code))? {
        EarlyDataAction::Accept => common.early_data.set_state(Accepted).map(|_| true),
        EarlyDataAction::Reject => common.early_data.set_state(Rejected).map(|_| false),
        // The application decides later: this ClientHello is handled again then.
        EarlyDataAction::Pause => Err(Error::new(ErrorCode::ASYNC_BLOCKED)),
    }
}

/// The PSK the handshake uses, and its index in the client's list: an external PSK we
/// share with the client, or else the session of the client's first ticket, if it is one of
/// ours, still valid and for a suite with the negotiated hash. Its binder must prove the
/// client holds it.
#[allow(clippy::too_many_arguments)]
fn accept_psk(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    ch: &ClientHello<'_>,
    suite: &'static Tls13Suite,
    transcript: &Transcript,
    message: &[u8],
    external: Option<(usize, &crate::config::ExternalPsk)>,
) -> Result<Option<AcceptedPsk>> {
    let Some(offered) = offered_psks(ch, message)? else { return Ok(None) };
    // psk_dhe_ke only: resumption keeps forward secrecy.
    let modes = ch.extensions.get(ext::PSK_KEY_EXCHANGE_MODES).map(|m| msgs::decode_u8_vec(m)).transpose()?;
    if !modes.is_some_and(|m| m.contains(&1)) {
        return Ok(None);
    }
    let (index, psk, resumption, early_data) = if !config.external_psks.is_empty() {
        match external {
            Some((index, psk)) if psk.hash == suite.hash => {
                common.summary.psk_identity = Some(psk.identity.as_slice().into());
                (index, Secret::from_slice(&psk.secret), false, psk.early_data.clone())
            }
            _ => return Ok(None),
        }
    } else {
        match resumption_psk(common, config, hooks, suite, offered.identities[0])? {
            Some((psk, early_data)) => (0, psk, true, early_data),
            None => return Ok(None),
        }
    };
    let early = EarlySecret::new(suite.hash, Some(psk.as_ref()));
    let binder_hash = transcript.hash_with(suite.hash, &message[..offered.binders_start]);
    let expected = finished_verify_data(suite.hash, &early.binder_key(resumption), binder_hash.as_ref());
    verify_slices_are_equal(expected.as_ref(), offered.binders[index])
        .map_err(|_| Error::with_alert(ErrorCode::BAD_PSK_BINDER, AlertDescription::DecryptError))?;
    Ok(Some(AcceptedPsk { secret: psk, index, early_data, resumption }))
}

/// The session a client's ticket carries (its PSK and early data terms), if the ticket is
/// ours and the session may be resumed now with `suite`.
fn resumption_psk(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    suite: &'static Tls13Suite,
    (ticket, obfuscated_age): (&[u8], u32),
) -> Result<Option<(Secret, EarlyDataTerms)>> {
    if !config.session_tickets {
        return Ok(None);
    }
    let now = hooks.now().as_secs();
    let Ok(plain) = config.ticket_keys.open(ticket, &config.ticket_context, now * 1_000_000_000) else {
        return Ok(None);
    };
    let Ok(state) = crate::session::TicketState::decode(&plain) else { return Ok(None) };
    if !state.is_valid_at(now, config.session_lifetime) || now >= state.keying_material_expires {
        return Ok(None);
    }
    let SessionSecret::Tls13 { suite: session_suite, psk, age_add, early_data } = state.secret else {
        return Ok(None);
    };
    if session_suite.hash != suite.hash {
        return Ok(None);
    }
    // The client's idea of the ticket's age should be near ours; too far off (clock trouble
    // or replay) and we decline the ticket.
    let client_age_ms = u64::from(obfuscated_age.wrapping_sub(age_add));
    let our_age_ms = (now - state.issued_at.min(now)) * 1000;
    if client_age_ms.abs_diff(our_age_ms) > 3600 * 1000 {
        return Ok(None);
    }
    // Tickets this connection issues inherit the deadline.
    common.keying_material_expires = state.keying_material_expires;
    Ok(Some((psk, early_data)))
}

/// Sends `count` NewSessionTickets (RFC 8446 §4.6.1) for sessions resumable from
/// `resumption`, when tickets are on and a ticket key may encrypt now.
pub(crate) fn send_tickets(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    suite: &'static Tls13Suite,
    resumption: &Secret,
    count: u8,
) -> Result<()> {
    let now = hooks.now().as_secs();
    if !config.session_tickets || !config.ticket_keys.can_encrypt(now * 1_000_000_000) {
        return Ok(());
    }
    // A resumed connection's keying material keeps the deadline it inherited
    // (`s2n_connection_set_server_keying_material_lifetime` caps it further).
    let own_deadline = now + u64::from(config.keying_material_lifetime);
    let expires = common.keying_material_expires.min(own_deadline);
    let lifetime = crate::session::ticket_lifetime(config, now, Some(expires));
    if lifetime == 0 {
        return Ok(());
    }
    // Tickets promise the early data we take now, on the terms of this connection.
    let early_data = EarlyDataTerms {
        max_size: config.server_max_early_data,
        suite: Some(suite),
        alpn: common.summary.alpn.clone().unwrap_or_default(),
        context: config.early_data_context.into(),
    };
    for _ in 0..count {
        let nonce = common.tickets_sent.to_be_bytes();
        let age_add = u32::from_be_bytes(random_array()?);
        let state = crate::session::TicketState {
            secret: SessionSecret::Tls13 {
                suite,
                psk: super::key_schedule::resumption_psk(suite.hash, resumption, &nonce),
                age_add,
                early_data: early_data.clone(),
            },
            issued_at: now,
            keying_material_expires: expires,
        };
        let ticket = config.ticket_keys.seal(&state.encode(), &config.ticket_context, now * 1_000_000_000)?;
        let mut msg = Vec::with_capacity(32 + ticket.len());
        encode_handshake(&mut msg, hs::NEW_SESSION_TICKET, |w| {
            w.put_u32(lifetime);
            w.put_u32(age_add);
            w.put_prefixed(1, |w| w.put_bytes(&nonce));
            w.put_prefixed(2, |w| w.put_bytes(&ticket));
            w.put_prefixed(2, |w| {
                if early_data.max_size > 0 {
                    extension(w, ext::EARLY_DATA, |w| w.put_u32(early_data.max_size));
                }
            });
        });
        common.send_handshake(&msg);
        common.tickets_sent += 1;
    }
    Ok(())
}

/// A client's max_fragment_length request (RFC 6066 §4), when we accept such requests: the
/// code to echo, with our records limited from now on. Unknown codes are illegal.
pub(crate) fn negotiate_max_fragment_length(
    common: &mut Common,
    config: &Settings,
    ch: &ClientHello<'_>,
) -> Result<Option<u8>> {
    let Some(data) = ch.extensions.get(ext::MAX_FRAGMENT_LENGTH) else { return Ok(None) };
    let code = msgs::decode_u8(data)?;
    let len =
        crate::config::max_fragment_length(code).ok_or_else(|| illegal_parameter(ErrorCode::INVALID_MAX_FRAG_LEN))?;
    if !config.accept_max_fragment_length {
        return Ok(None);
    }
    common.max_fragment = common.max_fragment.min(len);
    common.negotiated_max_fragment = Some(len as u16);
    Ok(Some(code))
}

/// ALPN (RFC 7301): our first preference the client also offers. Sharing none is a
/// handshake failure (no_application_protocol) only where the config says so
/// (`alpn_mismatch_fatal`); s2n carries on without a protocol.
pub(crate) fn choose_alpn(config: &Settings, ch: &ClientHello<'_>) -> Result<Option<Vec<u8>>> {
    let Some(offered) = ch.alpn_protocols()? else { return Ok(None) };
    if config.alpn.is_empty() {
        return Ok(None);
    }
    match config.alpn.iter().find(|p| offered.contains(&p.as_slice())) {
        Some(p) => Ok(Some(p.clone())),
        None if config.alpn_mismatch_fatal => {
            Err(Error::with_alert(ErrorCode::NO_APPLICATION_PROTOCOL, AlertDescription::NoApplicationProtocol))
        }
        None => Ok(None),
    }
}

fn send_hello_retry_request(
    common: &mut Common,
    suite: &'static Tls13Suite,
    group: NamedGroup,
    ch: &ClientHello<'_>,
    message: &[u8],
) -> Result<State> {
    let mut transcript = Transcript::default();
    transcript.add(message);
    transcript.replace_with_message_hash(suite.hash);
    let mut hrr = Vec::with_capacity(64);
    encode_handshake(&mut hrr, hs::SERVER_HELLO, |w| {
        w.put_u16(TLS12);
        w.put_bytes(&msgs::HELLO_RETRY_REQUEST_RANDOM);
        w.put_prefixed(1, |w| w.put_bytes(ch.session_id));
        w.put_u16(suite.iana);
        w.put_u8(0);
        w.put_prefixed(2, |w| {
            extension(w, ext::SUPPORTED_VERSIONS, |w| w.put_u16(TLS13));
            extension(w, ext::KEY_SHARE, |w| w.put_u16(group.iana()));
        });
    });
    transcript.add(&hrr);
    common.send_handshake(&hrr);
    if !ch.session_id.is_empty() {
        common.send_change_cipher_spec()?;
    }
    common.summary.hello_retry = true;
    Ok(State::WaitSecondClientHello(Box::new(Retry { suite, group, transcript, session_id: ch.session_id.to_vec() })))
}
