//! Our client against our server, in memory: every handshake path and failure mode.

use crate::alert::AlertDescription;
use crate::config::{ClientAuth, Config, Hooks, NoHooks};
use crate::conn::{Connection, Side, Status};
use crate::error::ErrorCode;
use crate::kx::NamedGroup;
use crate::suites::TLS13_SUITES;
use crate::test_support::{client_config, identity, pump, testdata};

fn server_config(name: &str) -> Config {
    Config { identities: vec![identity(name)], ..Config::default() }
}

fn handshake(cc: &Config, sc: &Config) -> (Connection, Connection) {
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let mut server = Connection::new(Side::Server);
    pump(&mut client, cc, &mut server, sc).unwrap();
    assert_eq!(client.status(), Status::Open);
    assert_eq!(server.status(), Status::Open);
    (client, server)
}

fn exchange(client: &mut Connection, cc: &Config, server: &mut Connection, sc: &Config) {
    client.write_plaintext(b"ping").unwrap();
    server.write_plaintext(&vec![7u8; 40_000]).unwrap();
    pump(client, cc, server, sc).unwrap();
    assert_eq!(server.plaintext(), b"ping");
    let mut got = Vec::new();
    while !client.plaintext().is_empty() {
        got.extend_from_slice(client.plaintext());
        let n = client.plaintext().len();
        client.consume_plaintext(n);
        client.process(cc, &mut NoHooks).unwrap();
    }
    assert_eq!(got, vec![7u8; 40_000]);
}

#[test]
fn full_handshake_every_suite_group_and_key_type() {
    for name in ["ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1", "rsa_2048_pkcs1", "ed25519", "rsa_pss_2048", "rsa_pss_sha384"]
    {
        for suite in TLS13_SUITES {
            for group in NamedGroup::ALL {
                let mut cc = client_config();
                cc.tls13_suites = vec![suite];
                cc.groups = vec![group];
                let mut sc = server_config(name);
                sc.groups = NamedGroup::ALL.to_vec();
                let (mut client, mut server) = handshake(&cc, &sc);
                assert_eq!(client.common.summary.suite, Some(suite));
                assert_eq!(server.common.summary.group, Some(group));
                assert_eq!(client.common.summary.peer_scheme, server.common.summary.our_scheme);
                exchange(&mut client, &cc, &mut server, &sc);
            }
        }
    }
}

/// RSASSA-PSS certificates sign with rsa_pss_pss schemes their key's parameters allow,
/// whether they are the server's or the client's, and are validated through an
/// RSASSA-PSS intermediate.
#[test]
fn rsassa_pss_certificates_use_rsa_pss_pss_schemes() {
    use crate::sign::SignatureScheme as S;
    for (name, scheme) in [("rsa_pss_2048", S::RsaPssPssSha256), ("rsa_pss_sha384", S::RsaPssPssSha384)] {
        let cc = client_config();
        let (client, server) = handshake(&cc, &server_config(name));
        assert_eq!(server.common.summary.our_scheme, Some(scheme), "{name}");
        assert_eq!(client.common.summary.peer_scheme, Some(scheme), "{name}");

        let mut sc = server_config("ecdsa_p256_pkcs1");
        sc.client_auth = ClientAuth::Required;
        sc.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
        let mut cc = client_config();
        cc.identities = vec![identity(name)];
        let (client, server) = handshake(&cc, &sc);
        assert_eq!(client.common.summary.our_scheme, Some(scheme), "{name}");
        assert_eq!(server.common.summary.peer_scheme, Some(scheme), "{name}");
    }
    // A client that accepts no scheme the key can make gets no handshake.
    let mut cc = client_config();
    cc.schemes = vec![S::RsaPssRsaeSha256, S::RsaPssPssSha256, S::EcdsaSecp256r1Sha256];
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let mut server = Connection::new(Side::Server);
    assert!(pump(&mut client, &cc, &mut server, &server_config("rsa_pss_sha384")).is_err());
}

#[test]
fn hello_retry_request_when_the_share_is_not_acceptable() {
    let mut cc = client_config();
    cc.groups = vec![NamedGroup::X25519, NamedGroup::Secp384r1];
    let mut sc = server_config("ecdsa_p256_pkcs1");
    sc.groups = vec![NamedGroup::Secp384r1];
    let (mut client, mut server) = handshake(&cc, &sc);
    assert!(client.common.summary.hello_retry && server.common.summary.hello_retry);
    assert_eq!(client.common.summary.group, Some(NamedGroup::Secp384r1));
    exchange(&mut client, &cc, &mut server, &sc);
}

#[test]
fn client_authentication_required_and_optional() {
    let mut sc = server_config("ecdsa_p256_pkcs1");
    sc.client_auth = ClientAuth::Required;
    sc.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
    let mut cc = client_config();
    cc.identities = vec![identity("rsa_2048_pkcs1")];
    let (client, server) = handshake(&cc, &sc);
    assert!(server.common.summary.client_auth && client.common.summary.client_auth);
    assert_eq!(server.common.summary.peer_chain.len(), 2);

    // Without a client certificate: fails when required, succeeds when optional.
    let cc = client_config();
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let mut server = Connection::new(Side::Server);
    let err = pump(&mut client, &cc, &mut server, &sc).unwrap_err();
    assert_eq!(err.code, ErrorCode::MISSING_CLIENT_CERT);
    sc.client_auth = ClientAuth::Optional;
    let (_, server) = handshake(&cc, &sc);
    assert!(server.common.summary.peer_chain.is_empty());
}

#[test]
fn alpn_is_negotiated_by_server_preference() {
    let mut cc = client_config();
    cc.alpn = vec![b"http/1.1".to_vec(), b"h2".to_vec()];
    let mut sc = server_config("ecdsa_p256_pkcs1");
    sc.alpn = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let (client, server) = handshake(&cc, &sc);
    assert_eq!(client.common.summary.alpn.as_deref(), Some(&b"h2"[..]));
    assert_eq!(server.common.summary.alpn.as_deref(), Some(&b"h2"[..]));
}

#[test]
fn certificate_failures() {
    // Wrong name.
    let cc = client_config();
    let sc = server_config("ecdsa_p256_pkcs1");
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("example.com".into());
    let mut server = Connection::new(Side::Server);
    let err = pump(&mut client, &cc, &mut server, &sc).unwrap_err();
    assert_eq!(err.code, ErrorCode::CERT_INVALID_HOSTNAME);
    // The server learns of it through a certificate_unknown alert.
    assert!(matches!(server.status(), Status::Failed(e) if e.code == ErrorCode::ALERT));

    // Untrusted issuer.
    let cc = Config::default();
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    let mut server = Connection::new(Side::Server);
    let err = pump(&mut client, &cc, &mut server, &sc).unwrap_err();
    assert_eq!(err.code, ErrorCode::CERT_UNTRUSTED);

    // Verification disabled: the same handshake succeeds.
    let cc = Config { verify_peer: false, ..Config::default() };
    handshake(&cc, &sc);
}

#[test]
fn no_common_suite_or_group_fails_cleanly() {
    let mut cc = client_config();
    cc.tls13_suites = vec![TLS13_SUITES[0]];
    let mut sc = server_config("ecdsa_p256_pkcs1");
    sc.tls13_suites = vec![TLS13_SUITES[1]];
    let mut client = Connection::new(Side::Client);
    let mut server = Connection::new(Side::Server);
    let err = pump(&mut client, &cc, &mut server, &sc).unwrap_err();
    assert_eq!(err.code, ErrorCode::CIPHER_NOT_SUPPORTED);
    assert_eq!(crate::alert::to_send(&err), AlertDescription::HandshakeFailure);
}

#[test]
fn key_update_both_ways() {
    let cc = client_config();
    let sc = server_config("ecdsa_p256_pkcs1");
    let (mut client, mut server) = handshake(&cc, &sc);
    client.send_key_update(true).unwrap();
    exchange(&mut client, &cc, &mut server, &sc);
    server.send_key_update(false).unwrap();
    exchange(&mut client, &cc, &mut server, &sc);
}

/// An idle connection (buffers released) drops its expanded record keys; the next record
/// in either direction derives them again, before and after KeyUpdates.
#[test]
fn released_buffers_drop_record_keys_until_the_next_record() {
    let cc = client_config();
    let sc = server_config("ecdsa_p256_pkcs1");
    let (mut client, mut server) = handshake(&cc, &sc);
    exchange(&mut client, &cc, &mut server, &sc);
    for round in 0..3 {
        server.consume_plaintext(4);
        client.release_buffers().unwrap();
        server.release_buffers().unwrap();
        assert!(client.keys_compacted() && server.keys_compacted(), "round {round}");
        if round == 1 {
            client.send_key_update(true).unwrap();
        }
        exchange(&mut client, &cc, &mut server, &sc);
        assert!(!client.keys_compacted() && !server.keys_compacted());
    }
    assert_eq!(client.key_update_counts(), (1, 1));
}

/// The answer to a requested KeyUpdate waits for our next write (so that a reader thread
/// never writes) and then precedes the data, under the new keys.
#[test]
fn requested_key_update_is_answered_by_the_next_write() {
    let cc = client_config();
    let sc = server_config("ecdsa_p256_pkcs1");
    let (mut client, mut server) = handshake(&cc, &sc);
    client.send_key_update(true).unwrap();
    let update = client.take_outgoing();
    server.read_tls(&update);
    server.process(&sc, &mut NoHooks).unwrap();
    assert!(server.outgoing().is_empty(), "receiving must not write");
    server.write_plaintext(b"after").unwrap();
    let records = server.take_outgoing();
    client.read_tls(&records);
    client.process(&cc, &mut NoHooks).unwrap();
    assert_eq!(client.plaintext(), b"after");
    client.consume_plaintext(5);
    exchange(&mut client, &cc, &mut server, &sc);
}

#[test]
fn tampered_record_is_a_bad_record_mac() {
    let cc = client_config();
    let sc = server_config("ecdsa_p256_pkcs1");
    let (mut client, mut server) = handshake(&cc, &sc);
    client.write_plaintext(b"hello").unwrap();
    let mut wire = client.outgoing().to_vec();
    *wire.last_mut().unwrap() ^= 0x80;
    server.read_tls(&wire);
    let err = server.process(&sc, &mut NoHooks).unwrap_err();
    assert_eq!(err.code, ErrorCode::DECRYPT);
    // The server told the client with a fatal bad_record_mac alert.
    assert_eq!(&server.outgoing()[..1], &[23]);
    client.consume_outgoing(wire.len());
    client.read_tls(&server.outgoing().to_vec());
    assert_eq!(client.process(&cc, &mut NoHooks).unwrap_err().code, ErrorCode::ALERT);
}

#[test]
fn garbage_and_truncation_never_panic() {
    let sc = server_config("ecdsa_p256_pkcs1");
    let cc = client_config();
    let mut client = Connection::new(Side::Client);
    client.process(&cc, &mut NoHooks).unwrap();
    let hello = client.outgoing().to_vec();
    // Every truncation of the ClientHello record waits for more; every byte flip fails
    // cleanly or succeeds, never panics.
    for cut in 0..hello.len() {
        let mut server = Connection::new(Side::Server);
        server.read_tls(&hello[..cut]);
        server.process(&sc, &mut NoHooks).unwrap();
    }
    for i in 0..hello.len() {
        for bit in [0x01, 0x80] {
            let mut bad = hello.clone();
            bad[i] ^= bit;
            let mut server = Connection::new(Side::Server);
            server.read_tls(&bad);
            let _ = server.process(&sc, &mut NoHooks);
        }
    }
}

#[test]
fn max_fragment_length_is_negotiated_and_honoured() {
    for max_version in [crate::msgs::TLS13, crate::msgs::TLS12] {
        let mut cc = client_config();
        cc.max_fragment_length_request = Some(1); // 512 bytes
        cc.max_version = max_version;
        let mut sc = server_config("ecdsa_p256_pkcs1");
        sc.accept_max_fragment_length = true;
        let (mut client, mut server) = handshake(&cc, &sc);
        assert_eq!(server.common.negotiated_max_fragment, Some(512));
        assert_eq!(client.common.negotiated_max_fragment, Some(512));
        server.write_plaintext(&[1u8; 2000]).unwrap();
        // Every record the server sends carries at most 512 bytes of data.
        let wire = server.outgoing().to_vec();
        let mut at = 0;
        while at < wire.len() {
            let len = u16::from_be_bytes([wire[at + 3], wire[at + 4]]) as usize;
            assert!(len <= 512 + 1 + 8 + 16, "record of {len} bytes");
            at += 5 + len;
        }
        assert!(at > 4 * 512, "the data went out in several records");
        server.consume_outgoing(wire.len());
        client.read_tls(&wire);
        let mut received = 0;
        while received < 2000 {
            client.process(&cc, &mut NoHooks).unwrap();
            let n = client.plaintext().len();
            assert!(n > 0);
            client.consume_plaintext(n);
            received += n;
        }
        exchange(&mut client, &cc, &mut server, &sc);
    }
    // A server that doesn't accept requests ignores them.
    let mut cc = client_config();
    cc.max_fragment_length_request = Some(2);
    let (client, _) = handshake(&cc, &server_config("ecdsa_p256_pkcs1"));
    assert_eq!(client.common.negotiated_max_fragment, None);
}

mod resumption {
    use super::*;
    use crate::session::ClientSession;

    fn ticketing_server() -> Config {
        let mut sc = server_config("ecdsa_p256_pkcs1");
        sc.session_tickets = true;
        let now = crate::config::NoHooks.now().as_secs() * 1_000_000_000;
        sc.ticket_keys.add(b"key-1", &[7; 32], now - 1, now).unwrap();
        sc.initial_ticket_count = 2;
        sc
    }

    fn ticketing_client() -> Config {
        Config { session_tickets: true, ..client_config() }
    }

    fn full_then_session(cc: &Config, sc: &Config) -> ClientSession {
        let (mut client, mut server) = handshake(cc, sc);
        assert!(!client.common.summary.resumed);
        // The tickets follow the server's Finished; the client takes them on its next read.
        exchange(&mut client, cc, &mut server, sc);
        assert_eq!(server.common.tickets_sent, 2);
        assert_eq!(client.common.received_sessions.len(), 2);
        client.common.received_sessions.pop().unwrap()
    }

    fn resume(cc: &Config, sc: &Config, session: ClientSession) -> (Connection, Connection) {
        let mut client = Connection::new(Side::Client);
        client.server_name = Some("localhost".into());
        client.resume = Some(Box::new(session));
        let mut server = Connection::new(Side::Server);
        pump(&mut client, cc, &mut server, sc).unwrap();
        assert_eq!(client.status(), Status::Open);
        assert_eq!(server.status(), Status::Open);
        (client, server)
    }

    #[test]
    fn a_ticket_resumes_without_certificates_and_brings_new_tickets() {
        let (cc, sc) = (ticketing_client(), ticketing_server());
        let session = full_then_session(&cc, &sc);
        let (mut client, mut server) = resume(&cc, &sc, session);
        assert!(client.common.summary.resumed && server.common.summary.resumed);
        assert!(client.common.summary.peer_chain.is_empty());
        assert_eq!(server.common.summary.our_scheme, None);
        exchange(&mut client, &cc, &mut server, &sc);
        assert_eq!(client.common.received_sessions.len(), 2, "resumed connections issue tickets too");
    }

    #[test]
    fn a_damaged_or_foreign_ticket_means_a_full_handshake() {
        let (cc, sc) = (ticketing_client(), ticketing_server());
        let mut session = full_then_session(&cc, &sc);
        session.ticket[20] ^= 1;
        let (client, server) = resume(&cc, &sc, session);
        assert!(!client.common.summary.resumed && !server.common.summary.resumed);
        assert_eq!(client.common.summary.peer_chain.len(), 2);

        let session = full_then_session(&cc, &sc);
        let mut other_server = ticketing_server();
        other_server.ticket_keys = Default::default();
        let now = NoHooks.now().as_secs() * 1_000_000_000;
        other_server.ticket_keys.add(b"key-2", &[8; 32], now - 1, now).unwrap();
        let (client, _) = resume(&cc, &other_server, session);
        assert!(!client.common.summary.resumed);
    }

    #[test]
    fn expired_sessions_are_not_offered_and_a_wrong_psk_is_fatal() {
        let (cc, sc) = (ticketing_client(), ticketing_server());
        let mut session = full_then_session(&cc, &sc);
        session.received_at_ms -= u64::from(session.lifetime) * 1000;
        let (client, _) = resume(&cc, &sc, session);
        assert!(!client.common.summary.resumed);

        // A ticket with the wrong key: the binder does not verify, which ends the handshake.
        let mut session = full_then_session(&cc, &sc);
        if let crate::session::SessionSecret::Tls13 { psk, .. } = &mut session.secret {
            *psk = crate::crypto::Secret::from_slice(&[0; 32]);
        }
        let mut client = Connection::new(Side::Client);
        client.server_name = Some("localhost".into());
        client.resume = Some(Box::new(session));
        let mut server = Connection::new(Side::Server);
        let err = pump(&mut client, &cc, &mut server, &sc).unwrap_err();
        assert_eq!(err.code, ErrorCode::BAD_PSK_BINDER);
        assert_eq!(crate::alert::to_send(&err), crate::alert::AlertDescription::DecryptError);
    }

    #[test]
    fn resumption_after_hello_retry_request() {
        let mut cc = ticketing_client();
        let mut sc = ticketing_server();
        let session = full_then_session(&cc, &sc);
        cc.groups = vec![NamedGroup::X25519, NamedGroup::Secp384r1];
        sc.groups = vec![NamedGroup::Secp384r1];
        let (client, server) = resume(&cc, &sc, session);
        assert!(client.common.summary.hello_retry);
        assert!(client.common.summary.resumed && server.common.summary.resumed);
    }

    /// A resumption whose client sends `early` as early data right after its ClientHello
    /// (the server reading early data too); returns both ends after the handshake.
    fn resume_with_early_data(
        cc: &Config,
        sc: &Config,
        session: ClientSession,
        early: &[u8],
    ) -> (Connection, Connection) {
        let mut client = Connection::new(Side::Client);
        client.server_name = Some("localhost".into());
        client.resume = Some(Box::new(session));
        let mut server = Connection::new(Side::Server);
        client.set_early_data_expected(true);
        server.set_early_data_expected(true);
        client.process(cc, &mut NoHooks).unwrap();
        assert_eq!(client.write_plaintext(early).unwrap(), early.len());
        client.set_early_data_expected(false);
        pump(&mut client, cc, &mut server, sc).unwrap();
        assert_eq!(client.status(), Status::Open);
        assert_eq!(server.status(), Status::Open);
        (client, server)
    }

    #[test]
    fn early_data_refused_by_a_hello_retry_request_is_skipped() {
        use crate::early_data::EarlyDataState;
        let mut cc = ticketing_client();
        let mut sc = ticketing_server();
        sc.server_max_early_data = 1000;
        let session = full_then_session(&cc, &sc);
        assert_eq!(session.early_data().unwrap().max_size, 1000);
        cc.groups = vec![NamedGroup::X25519, NamedGroup::Secp384r1];
        sc.groups = vec![NamedGroup::Secp384r1];
        let (mut client, mut server) = resume_with_early_data(&cc, &sc, session, b"early");
        assert!(client.common.summary.hello_retry);
        assert!(client.common.summary.resumed && server.common.summary.resumed);
        assert_eq!(client.common.early_data.state, EarlyDataState::Rejected);
        assert_eq!(server.common.early_data.state, EarlyDataState::Rejected);
        assert!(server.plaintext().is_empty());
        exchange(&mut client, &cc, &mut server, &sc);
    }

    #[test]
    fn early_data_needs_the_alpn_protocol_of_its_ticket() {
        use crate::early_data::EarlyDataState;
        let mut cc = ticketing_client();
        let mut sc = ticketing_server();
        sc.server_max_early_data = 1000;
        cc.alpn = vec![b"h2".to_vec()];
        sc.alpn = vec![b"h2".to_vec()];
        let session = full_then_session(&cc, &sc);
        assert_eq!(&*session.early_data().unwrap().alpn, b"h2");
        // The server now prefers another protocol: the early data (sent under the ticket's
        // terms) is skipped by trial decryption, and the handshake goes on.
        cc.alpn = vec![b"h2".to_vec(), b"x".to_vec()];
        sc.alpn = vec![b"x".to_vec(), b"h2".to_vec()];
        let (mut client, mut server) = resume_with_early_data(&cc, &sc, session.clone(), &[9; 700]);
        assert_eq!(client.common.summary.alpn.as_deref(), Some(&b"x"[..]));
        assert_eq!(client.common.early_data.state, EarlyDataState::Rejected);
        assert_eq!(server.common.early_data.state, EarlyDataState::Rejected);
        assert_eq!(server.common.early_data.bytes, 700 + 1 + 16, "skipped record bytes are counted");
        exchange(&mut client, &cc, &mut server, &sc);
        // A client that does not offer the ticket's protocol sends no early data at all.
        cc.alpn = vec![b"x".to_vec()];
        let mut client = Connection::new(Side::Client);
        client.resume = Some(Box::new(session));
        client.set_early_data_expected(true);
        client.process(&cc, &mut NoHooks).unwrap();
        assert_eq!(client.common.early_data.state, EarlyDataState::NotRequested);
        assert_eq!(client.write_plaintext(b"x").unwrap_err().code, ErrorCode::HANDSHAKE_NOT_COMPLETE);
    }

    #[test]
    fn no_tickets_without_keys_or_when_off() {
        let cc = ticketing_client();
        let mut sc = ticketing_server();
        sc.ticket_keys = Default::default();
        let (mut client, mut server) = handshake(&cc, &sc);
        exchange(&mut client, &cc, &mut server, &sc);
        assert_eq!(server.common.tickets_sent, 0);
        let mut sc = ticketing_server();
        sc.session_tickets = false;
        let (mut client, mut server) = handshake(&cc, &sc);
        exchange(&mut client, &cc, &mut server, &sc);
        assert!(client.common.received_sessions.is_empty());
    }
}

mod quic {
    use super::*;

    /// Records what QUIC gets from TLS: secrets by label, and the peer's parameters.
    #[derive(Default)]
    struct QuicHooks {
        secrets: Vec<(String, Vec<u8>)>,
        peer_parameters: Option<Vec<u8>>,
    }

    impl Hooks for QuicHooks {
        fn secret(&mut self, label: &str, secret: &[u8]) -> crate::error::Result<()> {
            self.secrets.push((label.to_string(), secret.to_vec()));
            Ok(())
        }
        fn quic_transport_parameters(&mut self, parameters: &[u8]) {
            self.peer_parameters = Some(parameters.to_vec());
        }
    }

    fn quic_end(side: Side, parameters: &[u8]) -> Connection {
        let mut conn = Connection::new(side);
        conn.enable_quic();
        conn.overrides_mut().quic_transport_parameters = Some(parameters.into());
        conn.server_name = (side == Side::Client).then(|| "localhost".into());
        conn
    }

    /// Moves bare handshake messages between the two ends until neither has more to say.
    fn pump_quic(
        client: &mut Connection,
        cc: &Config,
        ch: &mut QuicHooks,
        server: &mut Connection,
        sc: &Config,
        sh: &mut QuicHooks,
    ) -> crate::error::Result<()> {
        for _ in 0..10 {
            client.process(cc, ch)?;
            let to_server = client.outgoing().to_vec();
            client.consume_outgoing(to_server.len());
            server.read_tls(&to_server);
            server.process(sc, sh)?;
            let to_client = server.outgoing().to_vec();
            server.consume_outgoing(to_client.len());
            client.read_tls(&to_client);
            if to_server.is_empty() && to_client.is_empty() {
                break;
            }
        }
        Ok(())
    }

    #[test]
    fn quic_handshake_hands_out_secrets_and_parameters_without_records() {
        let cc = Config { session_tickets: true, ..client_config() };
        let mut sc = server_config("ecdsa_p256_pkcs1");
        sc.session_tickets = true;
        let now = NoHooks.now().as_secs() * 1_000_000_000;
        sc.ticket_keys.add(b"key-1", &[7; 32], now - 1, now).unwrap();
        let (mut client, mut server) = (quic_end(Side::Client, b"client tp"), quic_end(Side::Server, b"server tp"));
        let (mut ch, mut sh) = (QuicHooks::default(), QuicHooks::default());
        client.process(&cc, &mut ch).unwrap();
        // The ClientHello goes out bare: a handshake header, not a record header.
        assert_eq!(client.outgoing()[0], crate::msgs::hs::CLIENT_HELLO);
        pump_quic(&mut client, &cc, &mut ch, &mut server, &sc, &mut sh).unwrap();
        assert_eq!(client.status(), Status::Open);
        assert_eq!(server.status(), Status::Open);
        assert!(!client.common.summary.middlebox_compat && !server.common.summary.middlebox_compat);
        assert_eq!(ch.peer_parameters.as_deref(), Some(&b"server tp"[..]));
        assert_eq!(sh.peer_parameters.as_deref(), Some(&b"client tp"[..]));
        let labels: Vec<&str> = ch.secrets.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
                "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0",
                "SERVER_TRAFFIC_SECRET_0",
                "EXPORTER_SECRET"
            ]
        );
        for (label, secret) in &ch.secrets {
            assert!(sh.secrets.iter().any(|(l, s)| l == label && s == secret), "{label} differs");
        }
        // The server's ticket comes bare too, after the handshake.
        assert_eq!(client.common.received_sessions.len(), 1);
        assert_eq!(client.write_plaintext(b"x").unwrap_err().code, ErrorCode::UNSUPPORTED_WITH_QUIC);
        assert_eq!(client.send_key_update(false).unwrap_err().code, ErrorCode::UNSUPPORTED_WITH_QUIC);
    }

    #[test]
    fn quic_needs_tls13_and_transport_parameters() {
        let mut cc = client_config();
        cc.max_version = crate::msgs::TLS12;
        let mut client = quic_end(Side::Client, b"tp");
        assert_eq!(client.process(&cc, &mut NoHooks).unwrap_err().code, ErrorCode::PROTOCOL_VERSION_UNSUPPORTED);
        // A QUIC server whose client sent no parameters (a plain TLS client over QUIC framing).
        let cc = client_config();
        let sc = server_config("ecdsa_p256_pkcs1");
        let mut client = quic_end(Side::Client, b"tp");
        let mut server = quic_end(Side::Server, b"tp");
        client.common.quic = false;
        client.process(&cc, &mut NoHooks).unwrap();
        // Strip the record header: the server reads bare messages.
        let hello = client.outgoing()[5..].to_vec();
        server.read_tls(&hello);
        let err = server.process(&sc, &mut NoHooks).unwrap_err();
        assert_eq!(err.code, ErrorCode::MISSING_EXTENSION);
        assert!(server.outgoing().is_empty(), "QUIC sends no alerts");
    }
}

/// The paths early data and QUIC add see hostile input too: every truncation and bit flip
/// of a QUIC ClientHello, of a ClientHello offering early data followed by its 0-RTT
/// record, and of the server's answer to that client, fails cleanly or succeeds.
#[test]
fn early_data_and_quic_input_never_panics() {
    fn mutations(input: &[u8], mut run: impl FnMut(&[u8])) {
        for cut in 0..input.len() {
            run(&input[..cut]);
        }
        for i in 0..input.len() {
            for bit in [0x01, 0x80] {
                let mut bad = input.to_vec();
                bad[i] ^= bit;
                run(&bad);
            }
        }
    }
    // QUIC: bare messages.
    let sc = server_config("ecdsa_p256_pkcs1");
    let cc = client_config();
    let mut client = Connection::new(Side::Client);
    client.enable_quic();
    client.process(&cc, &mut NoHooks).unwrap();
    let hello = client.outgoing().to_vec();
    mutations(&hello, |input| {
        let mut server = Connection::new(Side::Server);
        server.enable_quic();
        server.read_tls(input);
        let _ = server.process(&sc, &mut NoHooks);
    });

    // Early data: a ticket that allows it, then the resumption's first flight.
    let mut sc = server_config("ecdsa_p256_pkcs1");
    sc.session_tickets = true;
    sc.server_max_early_data = 4096;
    let now = NoHooks.now().as_secs() * 1_000_000_000;
    sc.ticket_keys.add(b"key-1", &[7; 32], now - 1, now).unwrap();
    let cc = Config { session_tickets: true, ..client_config() };
    let (mut client, mut server) = handshake(&cc, &sc);
    exchange(&mut client, &cc, &mut server, &sc);
    let session = client.common.received_sessions.pop().unwrap();
    let mut client = Connection::new(Side::Client);
    client.resume = Some(Box::new(session.clone()));
    client.set_early_data_expected(true);
    client.process(&cc, &mut NoHooks).unwrap();
    client.write_plaintext(b"early data").unwrap();
    let first_flight = client.outgoing().to_vec();
    mutations(&first_flight, |input| {
        let mut server = Connection::new(Side::Server);
        server.set_early_data_expected(true);
        server.read_tls(input);
        let _ = server.process(&sc, &mut NoHooks);
    });
    // The server's answer, mutated, to a client that sent early data.
    let mut server = Connection::new(Side::Server);
    server.set_early_data_expected(true);
    server.read_tls(&first_flight);
    let _ = server.process(&sc, &mut NoHooks);
    let answer = server.outgoing().to_vec();
    assert!(!answer.is_empty());
    mutations(&answer, |input| {
        let mut client = Connection::new(Side::Client);
        client.resume = Some(Box::new(session.clone()));
        client.set_early_data_expected(true);
        client.process(&cc, &mut NoHooks).unwrap();
        client.read_tls(input);
        let _ = client.process(&cc, &mut NoHooks);
    });
}

/// Application data read straight into the caller's buffer (both versions, every suite):
/// taken when the buffer holds the record's opened body; anything else (too small a
/// buffer, a KeyUpdate, keys dropped by release_buffers, a tampered record) is left for
/// `process`, with the sequence number untouched, and handled there as usual.
#[test]
fn application_data_is_read_straight_into_the_callers_buffer() {
    use crate::msgs::TLS12;
    use crate::suites::{Tls12Auth, TLS12_SUITES};
    let sc = server_config("ecdsa_p256_pkcs1");
    let tls13 = TLS13_SUITES.iter().map(|suite| Config { tls13_suites: vec![suite], ..client_config() });
    let tls12 = TLS12_SUITES.iter().filter(|s| s.auth == Tls12Auth::Ecdsa).map(|suite| Config {
        max_version: TLS12,
        tls12_suites: vec![suite],
        ..client_config()
    });
    for cc in tls13.chain(tls12) {
        let (mut client, mut server) = handshake(&cc, &sc);
        let is_tls13 = client.common.summary.version == Some(crate::msgs::TLS13);
        let send = |client: &mut Connection, server: &mut Connection, data: &[u8]| {
            client.write_plaintext(data).unwrap();
            let wire = client.take_outgoing();
            server.read_tls(&wire);
        };
        let mut buf = vec![0u8; 20_000];

        send(&mut client, &mut server, b"straight in");
        assert_eq!(server.read_app_data_into(&mut buf), Some(11));
        assert_eq!(&buf[..11], b"straight in");
        assert!(server.plaintext().is_empty());

        // Too small a buffer: the record stays for process(), which opens it under the
        // same sequence number.
        send(&mut client, &mut server, &[9u8; 300]);
        assert_eq!(server.read_app_data_into(&mut buf[..100]), None);
        server.process(&sc, &mut NoHooks).unwrap();
        assert_eq!(server.plaintext(), &[9u8; 300][..]);
        // Opened plaintext waiting: the next record is not taken past it.
        send(&mut client, &mut server, b"next");
        assert_eq!(server.read_app_data_into(&mut buf), None);
        server.consume_plaintext(300);
        assert_eq!(server.read_app_data_into(&mut buf), Some(4));

        // `first` goes through process(), which reads it; `second` comes straight in again.
        let through_process_then_straight = |client: &mut Connection, server: &mut Connection, buf: &mut [u8]| {
            send(client, server, b"first");
            assert_eq!(server.read_app_data_into(buf), None);
            server.process(&sc, &mut NoHooks).unwrap();
            assert_eq!(server.plaintext(), b"first");
            server.consume_plaintext(5);
            send(client, server, b"second");
            assert_eq!(server.read_app_data_into(buf), Some(6));
        };
        if is_tls13 {
            // A KeyUpdate is a handshake message inside an application data record.
            client.send_key_update(false).unwrap();
            through_process_then_straight(&mut client, &mut server, &mut buf);
            assert_eq!(server.key_update_counts().1, 1);
        }
        // Keys dropped while idle come back through process().
        server.release_buffers().unwrap();
        through_process_then_straight(&mut client, &mut server, &mut buf);

        // A tampered record is not data: process() rejects it.
        client.write_plaintext(b"tampered").unwrap();
        let mut wire = client.take_outgoing().to_vec();
        *wire.last_mut().unwrap() ^= 1;
        server.read_tls(&wire);
        assert_eq!(server.read_app_data_into(&mut buf), None);
        assert_eq!(server.process(&sc, &mut NoHooks).unwrap_err().code, ErrorCode::DECRYPT);
        assert_eq!(server.read_app_data_into(&mut buf), None);
    }
}
