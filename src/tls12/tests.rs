//! TLS 1.2 between our client and server in memory, and version negotiation.

use crate::config::{ClientAuth, Config, Hooks, NoHooks};
use crate::conn::{Connection, Side, Status};
use crate::error::{Error, ErrorCode};
use crate::kx::NamedGroup;
use crate::msgs::{TLS12, TLS13};
use crate::suites::{Tls12Auth, TLS12_SUITES};
use crate::test_support::{client_config, identity, pump, testdata};

fn connect(cc: &Config, sc: &Config) -> Result<(Connection, Connection), Error> {
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let mut server = Connection::new(Side::Server);
    pump(&mut client, cc, &mut server, sc)?;
    Ok((client, server))
}

fn exchange(client: &mut Connection, cc: &Config, server: &mut Connection, sc: &Config) {
    client.write_plaintext(b"ping").unwrap();
    server.write_plaintext(&vec![5u8; 20_000]).unwrap();
    pump(client, cc, server, sc).unwrap();
    assert_eq!(server.plaintext(), b"ping");
    let mut got = Vec::new();
    while !client.plaintext().is_empty() {
        got.extend_from_slice(client.plaintext());
        let n = client.plaintext().len();
        client.consume_plaintext(n);
        client.process(cc, &mut NoHooks).unwrap();
    }
    assert_eq!(got.len(), 20_000);
}

/// TLS 1.2's compacted record keys come back from the master secret and randoms, for
/// every suite (explicit-nonce GCM and ChaCha20's implicit nonce alike).
#[test]
fn released_buffers_drop_tls12_record_keys_until_the_next_record() {
    for suite in TLS12_SUITES.iter().filter(|s| s.auth == Tls12Auth::Ecdsa) {
        let cc = Config { max_version: TLS12, tls12_suites: vec![suite], ..client_config() };
        let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
        let (mut client, mut server) = connect(&cc, &sc).unwrap();
        for _ in 0..2 {
            exchange(&mut client, &cc, &mut server, &sc);
            server.consume_plaintext(4);
            client.release_buffers().unwrap();
            server.release_buffers().unwrap();
            assert!(client.keys_compacted() && server.keys_compacted(), "{}", suite.name);
        }
        exchange(&mut client, &cc, &mut server, &sc);
    }
}

#[test]
fn every_tls12_suite_with_a_matching_certificate() {
    for suite in TLS12_SUITES {
        let name = match suite.auth {
            Tls12Auth::Ecdsa => "ecdsa_p256_pkcs1",
            Tls12Auth::Rsa => "rsa_2048_pkcs1",
        };
        for group in [NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1] {
            let mut cc = client_config();
            cc.max_version = TLS12;
            cc.tls12_suites = vec![suite];
            cc.groups = vec![group];
            let sc = Config { identities: vec![identity(name)], ..Config::default() };
            let (mut client, mut server) = connect(&cc, &sc).unwrap();
            assert_eq!(client.status(), Status::Open);
            assert_eq!(server.status(), Status::Open);
            assert_eq!(client.common.summary.version, Some(TLS12));
            assert_eq!(server.common.summary.tls12_suite, Some(suite));
            assert_eq!(client.common.summary.group, Some(group));
            assert!(client.common.summary.extended_master_secret);
            exchange(&mut client, &cc, &mut server, &sc);
        }
    }
}

/// ECDHE_RSA suites authenticate with RSASSA-PSS certificates too, by rsa_pss_pss
/// signatures (RFC 8446 §4.2.3 applies them to TLS 1.2).
#[test]
fn tls12_ecdhe_rsa_with_rsassa_pss_certificates() {
    use crate::sign::SignatureScheme as S;
    for (name, scheme) in [("rsa_pss_2048", S::RsaPssPssSha256), ("rsa_pss_sha384", S::RsaPssPssSha384)] {
        let cc = Config { max_version: TLS12, ..client_config() };
        let mut sc = Config { identities: vec![identity(name)], ..Config::default() };
        let (mut client, mut server) = connect(&cc, &sc).unwrap();
        assert_eq!(server.common.summary.tls12_suite.map(|s| s.auth), Some(Tls12Auth::Rsa), "{name}");
        assert_eq!(client.common.summary.peer_scheme, Some(scheme), "{name}");
        exchange(&mut client, &cc, &mut server, &sc);

        sc.client_auth = ClientAuth::Required;
        sc.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
        let cc = Config { identities: vec![identity(name)], ..cc };
        let (client, server) = connect(&cc, &sc).unwrap();
        assert_eq!(client.common.summary.our_scheme, Some(scheme), "{name}");
        assert!(server.common.summary.client_auth);
    }
}

#[test]
fn version_negotiation_in_all_four_combinations() {
    let sc_id = || Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
    for (client_max, server_max, expected) in
        [(TLS13, TLS13, TLS13), (TLS13, TLS12, TLS12), (TLS12, TLS13, TLS12), (TLS12, TLS12, TLS12)]
    {
        let mut cc = client_config();
        cc.max_version = client_max;
        let mut sc = sc_id();
        sc.max_version = server_max;
        let (mut client, mut server) = connect(&cc, &sc).unwrap();
        assert_eq!(client.common.summary.version, Some(expected), "{client_max:x} {server_max:x}");
        assert_eq!(server.common.summary.version, Some(expected));
        exchange(&mut client, &cc, &mut server, &sc);
    }
    // A 1.3-only client and a 1.2-only server have nothing in common.
    let mut cc = client_config();
    cc.min_version = TLS13;
    let mut sc = sc_id();
    sc.max_version = TLS12;
    assert_eq!(connect(&cc, &sc).err().unwrap().code, ErrorCode::PROTOCOL_VERSION_UNSUPPORTED);
}

#[test]
fn a_downgrade_to_tls12_is_detected() {
    // The server can do TLS 1.3 (so it marks its random) but ends up at 1.2, as it would if
    // an attacker removed 1.3 from the ClientHello; the client, which offered 1.3, refuses.
    let cc = client_config();
    let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], tls13_suites: Vec::new(), ..Config::default() };
    let err = connect(&cc, &sc).err().unwrap();
    assert_eq!(err.code, ErrorCode::PROTOCOL_DOWNGRADE_DETECTED);
}

#[test]
fn tls12_client_authentication() {
    let mut cc = client_config();
    cc.max_version = TLS12;
    cc.identities = vec![identity("ecdsa_p384_pkcs1")];
    let mut sc =
        Config { identities: vec![identity("rsa_2048_pkcs1")], client_auth: ClientAuth::Required, ..Config::default() };
    sc.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    assert!(server.common.summary.client_auth);
    assert_eq!(server.common.summary.peer_chain.len(), 2);
    exchange(&mut client, &cc, &mut server, &sc);

    let mut cc = client_config();
    cc.max_version = TLS12;
    assert_eq!(connect(&cc, &sc).err().unwrap().code, ErrorCode::MISSING_CLIENT_CERT);
}

/// Hooks that count HelloRequests and answer them the given way (or fail).
struct Renegotiator(Option<crate::config::Renegotiation>, usize);

impl Hooks for Renegotiator {
    fn wants_renegotiation_requests(&self) -> bool {
        true
    }
    fn renegotiation_requested(&mut self) -> crate::error::Result<crate::config::Renegotiation> {
        self.1 += 1;
        self.0.ok_or(Error::new(ErrorCode::CANCELLED))
    }
}

/// The server's records after it queued a HelloRequest and then `data`.
fn hello_request_then(server: &mut Connection, data: &[u8]) -> Vec<u8> {
    server.common.send_record(crate::record::ContentType::Handshake, &[0, 0, 0, 0]).unwrap();
    server.write_plaintext(data).unwrap();
    let wire = server.outgoing().to_vec();
    server.consume_outgoing(wire.len());
    wire
}

/// We never renegotiate (s2n's model): a client ignores a HelloRequest unless the
/// application listens, and then refuses with a no_renegotiation warning, or ignores, as
/// it says; a server fails on a client's new ClientHello with unexpected_message.
#[test]
fn renegotiation_is_refused() {
    use crate::config::Renegotiation;
    let mut cc = client_config();
    cc.max_version = TLS12;
    let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };

    // Nobody listening: ignored, the data after it arrives, nothing is sent back.
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    assert!(client.common.summary.secure_renegotiation);
    client.read_tls(&hello_request_then(&mut server, b"after"));
    client.process(&cc, &mut NoHooks).unwrap();
    assert_eq!(client.plaintext(), b"after");
    assert!(client.outgoing().is_empty());

    // The application refuses: a warning alert, and the connection goes on.
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    let mut hooks = Renegotiator(Some(Renegotiation::Refuse), 0);
    client.read_tls(&hello_request_then(&mut server, b"after"));
    client.process(&cc, &mut hooks).unwrap();
    assert_eq!((client.plaintext(), hooks.1), (&b"after"[..], 1));
    let alert = client.outgoing().to_vec();
    client.consume_outgoing(alert.len());
    assert_eq!(alert[0], 21, "an alert record");
    // s2n's default: a warning ends the connection; with warnings ignored it goes on.
    server.read_tls(&alert);
    assert_eq!(server.process(&sc, &mut NoHooks).unwrap_err().code, ErrorCode::ALERT);
    assert_eq!(server.common.summary.peer_alert, Some(100));
    let tolerant =
        Config { identities: vec![identity("ecdsa_p256_pkcs1")], ignore_warning_alerts: true, ..Config::default() };
    let (mut client, mut server) = connect(&cc, &tolerant).unwrap();
    client.read_tls(&hello_request_then(&mut server, b""));
    client.process(&cc, &mut Renegotiator(Some(Renegotiation::Refuse), 0)).unwrap();
    client.write_plaintext(b"still here").unwrap();
    let wire = client.outgoing().to_vec();
    server.read_tls(&wire);
    server.process(&tolerant, &mut NoHooks).unwrap();
    assert_eq!(server.plaintext(), b"still here");

    // The application lets it be (or accepts, which leaves the renegotiation to it): silence.
    for answer in [Renegotiation::Ignore, Renegotiation::Accept] {
        let (mut client, mut server) = connect(&cc, &sc).unwrap();
        client.read_tls(&hello_request_then(&mut server, b""));
        client.process(&cc, &mut Renegotiator(Some(answer), 0)).unwrap();
        assert!(client.outgoing().is_empty());
    }

    // The callback fails: so does the connection.
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    client.read_tls(&hello_request_then(&mut server, b""));
    let err = client.process(&cc, &mut Renegotiator(None, 0)).unwrap_err();
    assert_eq!(err.code, ErrorCode::CANCELLED);

    // A HelloRequest with a body is malformed.
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    server.common.send_record(crate::record::ContentType::Handshake, &[0, 0, 0, 1, 0]).unwrap();
    client.read_tls(&server.outgoing().to_vec());
    assert_eq!(client.process(&cc, &mut NoHooks).unwrap_err().code, ErrorCode::BAD_MESSAGE);

    // A client starting a renegotiation: the server refuses it as an unexpected message.
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    client.common.send_record(crate::record::ContentType::Handshake, &[1, 0, 0, 0]).unwrap();
    server.read_tls(&client.outgoing().to_vec());
    let err = server.process(&sc, &mut NoHooks).unwrap_err();
    assert_eq!(err.code, ErrorCode::BAD_MESSAGE);
    assert_eq!(crate::alert::to_send(&err), crate::alert::AlertDescription::UnexpectedMessage);

    // TLS 1.3 has no HelloRequest.
    let cc13 = client_config();
    let (mut client, mut server) = connect(&cc13, &sc).unwrap();
    assert_eq!(client.common.summary.version, Some(TLS13));
    client.read_tls(&hello_request_then(&mut server, b""));
    assert_eq!(client.process(&cc13, &mut NoHooks).unwrap_err().code, ErrorCode::BAD_MESSAGE);
}

#[test]
fn tls12_tampering_fails() {
    let mut cc = client_config();
    cc.max_version = TLS12;
    let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    client.write_plaintext(b"data").unwrap();
    let mut wire = client.outgoing().to_vec();
    *wire.last_mut().unwrap() ^= 1;
    server.read_tls(&wire);
    assert_eq!(server.process(&sc, &mut NoHooks).unwrap_err().code, ErrorCode::DECRYPT);
}

/// RFC 5077 tickets: a full handshake brings one, the next handshake resumes with it
/// (abbreviated, no certificates, same master secret, data flows), and a ticket that cannot
/// be used for this hello falls back to a full handshake.
#[test]
fn tickets_resume_tls12_sessions() {
    use crate::session::SessionSecret;
    let now = crate::config::NoHooks.now().as_secs() * 1_000_000_000;
    let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], session_tickets: true, ..Config::default() };
    sc.ticket_keys.add(b"key-1", &[9; 32], now - 1, now).unwrap();
    let mut cc = Config { session_tickets: true, ..client_config() };
    cc.max_version = TLS12;

    let (mut client, mut server) = connect(&cc, &sc).unwrap();
    assert!(!client.common.summary.resumed);
    let session = client.common.received_sessions.pop().expect("a ticket after the full handshake");
    let SessionSecret::Tls12 { master, extended_master_secret, .. } = &session.secret else {
        panic!("TLS 1.2 session")
    };
    assert!(*extended_master_secret);
    assert_eq!(master.as_ref(), client.common.tls12_secrets.as_ref().unwrap().master.as_ref());
    exchange(&mut client, &cc, &mut server, &sc);
    // The blob applications keep round-trips.
    let session = crate::session::ClientSession::decode(&session.encode()).unwrap();

    let resume = |session: crate::session::ClientSession, cc: &Config, sc: &Config| {
        let mut client = Connection::new(Side::Client);
        client.server_name = Some("localhost".into());
        client.resume = Some(Box::new(session));
        let mut server = Connection::new(Side::Server);
        pump(&mut client, cc, &mut server, sc).unwrap();
        (client, server)
    };
    let (mut client, mut server) = resume(session.clone(), &cc, &sc);
    assert!(client.common.summary.resumed && server.common.summary.resumed);
    assert!(client.common.summary.peer_chain.is_empty(), "no certificates in a resumption");
    assert!(server.common.current_session.is_some() && client.common.current_session.is_some());
    assert_eq!(
        client.common.tls12_secrets.as_ref().unwrap().master.as_ref(),
        server.common.tls12_secrets.as_ref().unwrap().master.as_ref()
    );
    exchange(&mut client, &cc, &mut server, &sc);

    // A damaged ticket does not decrypt: a full handshake, with a fresh ticket.
    let mut damaged = session.clone();
    let last = damaged.ticket.len() - 1;
    damaged.ticket[last] ^= 1;
    let (client, server) = resume(damaged, &cc, &sc);
    assert!(!client.common.summary.resumed && !server.common.summary.resumed);
    assert_eq!(client.common.received_sessions.len(), 1);

    // A ticket under a key the server no longer has: a full handshake.
    let other = Config { identities: vec![identity("ecdsa_p256_pkcs1")], session_tickets: true, ..Config::default() };
    other.ticket_keys.add(b"key-2", &[3; 32], now - 1, now).unwrap();
    let (client, server) = resume(session.clone(), &cc, &other);
    assert!(!client.common.summary.resumed && !server.common.summary.resumed);
    assert!(!client.common.summary.peer_chain.is_empty());

    // A server without tickets: a full handshake, and no new ticket.
    let plain = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
    let (client, _) = resume(session, &cc, &plain);
    assert!(!client.common.summary.resumed && client.common.received_sessions.is_empty());
}

/// An SSL 2.0-format ClientHello (RFC 5246 Appendix E.2) as the first bytes a server sees:
/// answered in TLS 1.2 with a suite from its list, the curve and signature scheme picked
/// without the extensions; anywhere else the same bytes are garbage.
#[test]
fn sslv2_client_hello_gets_a_tls12_answer() {
    let mut body = vec![1, 3, 3, 0, 9, 0, 0, 0, 32];
    body.extend_from_slice(&[0x07, 0x00, 0xc0, 0x00, 0xc0, 0x2b, 0x00, 0x00, 0xff]);
    body.extend_from_slice(&[0x5a; 32]);
    let mut record = vec![0x80, body.len() as u8];
    record.extend_from_slice(&body);

    let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
    let mut server = Connection::new(Side::Server);
    // Fed a byte at a time: nothing happens until the whole record is there.
    for (i, b) in record.iter().enumerate() {
        server.read_tls(&[*b]);
        server.process(&sc, &mut NoHooks).unwrap();
        assert_eq!(server.outgoing().is_empty(), i + 1 < record.len());
    }
    let summary = &server.common.summary;
    assert!(summary.sslv2_client_hello);
    assert_eq!(summary.version, Some(TLS12));
    assert_eq!(summary.tls12_suite.map(|s| s.iana), Some(0xc02b));
    assert_eq!(summary.client_random[..], [0x5a; 32]);
    let flight = server.outgoing();
    assert_eq!((flight[0], flight[5]), (22, 2), "a TLS record with ServerHello");

    // Not as a second message, and never malformed.
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let cc = client_config();
    client.process(&cc, &mut NoHooks).unwrap();
    let mut server = Connection::new(Side::Server);
    server.read_tls(&client.outgoing().to_vec());
    server.process(&sc, &mut NoHooks).unwrap();
    // (Read as a TLS record header, it claims 0x0303 bytes: give it that many.)
    server.read_tls(&[record.clone(), vec![0; 1024]].concat());
    assert!(server.process(&sc, &mut NoHooks).is_err());
    let mut server = Connection::new(Side::Server);
    server.read_tls(&[0x80, 3, 1, 3, 3]);
    assert_eq!(server.process(&sc, &mut NoHooks).unwrap_err().code, ErrorCode::BAD_MESSAGE);
    // Every bit of every byte flipped: a clean answer, a clean failure or a wait, no panic.
    for i in 0..record.len() {
        for bit in 0..8 {
            let mut bad = record.clone();
            bad[i] ^= 1 << bit;
            let mut server = Connection::new(Side::Server);
            server.read_tls(&bad);
            let _ = server.process(&sc, &mut NoHooks);
        }
    }
}
