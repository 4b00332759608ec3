//! Our engine against rustls, in memory, in both roles: TLS 1.3 and 1.2 handshakes, data
//! both ways, ALPN, client authentication, session resumption.

use std::io::{Read, Write};
use std::sync::Arc;

use ferrotls::config::{ClientAuth, Config, NoHooks};
use ferrotls::conn::{Connection, Side, Status};
use ferrotls::kx::NamedGroup;
use ferrotls::pki::CertifiedKey;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

fn testdata(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn rustls_roots() -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(&testdata("ca_cert.pem")).unwrap()).unwrap();
    roots
}

fn rustls_identity(name: &str) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
    let chain = CertificateDer::pem_slice_iter(&testdata(&format!("{name}_cert.pem"))).map(|c| c.unwrap()).collect();
    let key = PrivateKeyDer::from_pem_slice(&testdata(&format!("{name}_key.pem"))).unwrap();
    (chain, key)
}

fn our_identity(name: &str) -> Arc<CertifiedKey> {
    Arc::new(
        CertifiedKey::from_pem(&testdata(&format!("{name}_cert.pem")), &testdata(&format!("{name}_key.pem"))).unwrap(),
    )
}

/// Shuttles bytes between our connection and a rustls one until both are idle.
fn pump(ours: &mut Connection, config: &Config, theirs: &mut rustls::Connection) {
    for _ in 0..50 {
        ours.process(config, &mut NoHooks).unwrap();
        let mut moved = false;
        if !ours.outgoing().is_empty() {
            let out = ours.outgoing().to_vec();
            ours.consume_outgoing(out.len());
            theirs.read_tls(&mut &out[..]).unwrap();
            theirs.process_new_packets().unwrap();
            moved = true;
        }
        let mut buf = Vec::new();
        while theirs.wants_write() {
            theirs.write_tls(&mut buf).unwrap();
        }
        if !buf.is_empty() {
            ours.read_tls(&buf);
            moved = true;
        }
        if !moved {
            break;
        }
    }
}

/// Our server for a rustls client, which speaks first: handshake as far as it goes.
fn serve(config: &Config, theirs: &mut rustls::Connection) -> Connection {
    let mut ours = Connection::new(Side::Server);
    let mut hello = Vec::new();
    theirs.write_tls(&mut hello).unwrap();
    ours.read_tls(&hello);
    pump(&mut ours, config, theirs);
    ours
}

fn exchange(ours: &mut Connection, config: &Config, theirs: &mut rustls::Connection) {
    ours.write_plaintext(b"from ferrotls").unwrap();
    theirs.writer().write_all(b"from rustls").unwrap();
    pump(ours, config, theirs);
    let mut got = [0u8; 64];
    let n = theirs.reader().read(&mut got).unwrap();
    assert_eq!(&got[..n], b"from ferrotls");
    assert_eq!(ours.plaintext(), b"from rustls");
    let n = ours.plaintext().len();
    ours.consume_plaintext(n);
}

#[test]
fn our_client_rustls_server() {
    for name in ["ecdsa_p256_pkcs1", "rsa_2048_pkcs1", "ed25519"] {
        for group in [NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1, NamedGroup::X25519MlKem768] {
            let (chain, key) = rustls_identity(name);
            let mut server_config = rustls::ServerConfig::builder_with_protocol_versions(&[&rustls::version::TLS13])
                .with_no_client_auth()
                .with_single_cert(chain, key)
                .unwrap();
            server_config.alpn_protocols = vec![b"h2".to_vec()];
            let mut theirs =
                rustls::Connection::Server(rustls::ServerConnection::new(Arc::new(server_config)).unwrap());

            let mut config = Config::default();
            config.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
            config.groups = vec![group];
            config.alpn = vec![b"h2".to_vec()];
            let mut ours = Connection::new(Side::Client);
            ours.server_name = Some("localhost".into());
            pump(&mut ours, &config, &mut theirs);
            assert_eq!(ours.status(), Status::Open, "{name} {group:?}");
            assert!(!theirs.is_handshaking());
            assert_eq!(ours.common.summary.group, Some(group));
            assert_eq!(ours.common.summary.alpn.as_deref(), Some(&b"h2"[..]));
            exchange(&mut ours, &config, &mut theirs);
            ours.send_key_update(true).unwrap();
            exchange(&mut ours, &config, &mut theirs);
        }
    }
}

#[test]
fn rustls_client_our_server() {
    for name in ["ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1", "rsa_2048_pkcs8", "ed25519"] {
        let mut client_config = rustls::ClientConfig::builder_with_protocol_versions(&[&rustls::version::TLS13])
            .with_root_certificates(rustls_roots())
            .with_no_client_auth();
        client_config.alpn_protocols = vec![b"http/1.1".to_vec(), b"h2".to_vec()];
        let mut theirs = rustls::Connection::Client(
            rustls::ClientConnection::new(Arc::new(client_config), ServerName::try_from("localhost").unwrap()).unwrap(),
        );
        let config = Config {
            identities: vec![our_identity(name)],
            alpn: vec![b"h2".to_vec()],
            groups: NamedGroup::ALL.to_vec(),
            ..Config::default()
        };
        let mut ours = serve(&config, &mut theirs);
        assert_eq!(ours.status(), Status::Open, "{name}");
        assert_eq!(theirs.alpn_protocol(), Some(&b"h2"[..]));
        assert_eq!(ours.common.summary.server_name.as_deref(), Some("localhost"));
        exchange(&mut ours, &config, &mut theirs);
    }
}

#[test]
fn mutual_authentication_with_rustls_client() {
    let (chain, key) = rustls_identity("rsa_2048_pkcs1");
    let client_config = rustls::ClientConfig::builder_with_protocol_versions(&[&rustls::version::TLS13])
        .with_root_certificates(rustls_roots())
        .with_client_auth_cert(chain, key)
        .unwrap();
    let mut theirs = rustls::Connection::Client(
        rustls::ClientConnection::new(Arc::new(client_config), ServerName::try_from("localhost").unwrap()).unwrap(),
    );
    let mut config = Config {
        identities: vec![our_identity("ecdsa_p256_pkcs1")],
        client_auth: ClientAuth::Required,
        ..Config::default()
    };
    config.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
    let mut ours = serve(&config, &mut theirs);
    assert_eq!(ours.status(), Status::Open);
    assert_eq!(ours.common.summary.peer_chain.len(), 2);
    exchange(&mut ours, &config, &mut theirs);
}

#[test]
fn tls12_both_roles_with_rustls() {
    use ferrotls::msgs::TLS12;
    // Our client, rustls TLS 1.2 server.
    for name in ["ecdsa_p256_pkcs1", "rsa_2048_pkcs1"] {
        let (chain, key) = rustls_identity(name);
        let server_config = rustls::ServerConfig::builder_with_protocol_versions(&[&rustls::version::TLS12])
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        let mut theirs = rustls::Connection::Server(rustls::ServerConnection::new(Arc::new(server_config)).unwrap());
        let mut config = Config::default();
        config.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
        let mut ours = Connection::new(Side::Client);
        ours.server_name = Some("localhost".into());
        pump(&mut ours, &config, &mut theirs);
        assert_eq!(ours.status(), Status::Open, "{name}");
        assert_eq!(ours.common.summary.version, Some(TLS12));
        assert!(ours.common.summary.extended_master_secret);
        exchange(&mut ours, &config, &mut theirs);
    }
    // rustls TLS 1.2 client, our server.
    for name in ["ecdsa_p384_pkcs1", "rsa_2048_pkcs8"] {
        let client_config = rustls::ClientConfig::builder_with_protocol_versions(&[&rustls::version::TLS12])
            .with_root_certificates(rustls_roots())
            .with_no_client_auth();
        let mut theirs = rustls::Connection::Client(
            rustls::ClientConnection::new(Arc::new(client_config), ServerName::try_from("localhost").unwrap()).unwrap(),
        );
        let config = Config { identities: vec![our_identity(name)], ..Config::default() };
        let mut ours = serve(&config, &mut theirs);
        assert_eq!(ours.status(), Status::Open, "{name}");
        assert_eq!(theirs.protocol_version(), Some(rustls::ProtocolVersion::TLSv1_2));
        exchange(&mut ours, &config, &mut theirs);
    }
}

/// Session resumption with rustls in both roles, TLS 1.2 and 1.3: rustls's client resumes
/// with our tickets; our client resumes with rustls's server (TLS 1.2 by session id from its
/// session cache, TLS 1.3 by its tickets).
#[test]
fn resumption_both_roles_with_rustls() {
    use ferrotls::config::Hooks;
    use ferrotls::msgs::{TLS12, TLS13};
    let now = NoHooks.now().as_secs() * 1_000_000_000;
    for (version, ours_version) in [(&rustls::version::TLS12, TLS12), (&rustls::version::TLS13, TLS13)] {
        // rustls client, our server: the client config keeps its sessions between connections.
        let client_config = Arc::new(
            rustls::ClientConfig::builder_with_protocol_versions(&[version])
                .with_root_certificates(rustls_roots())
                .with_no_client_auth(),
        );
        let config =
            Config { identities: vec![our_identity("ecdsa_p256_pkcs1")], session_tickets: true, ..Config::default() };
        config.ticket_keys.add(b"rustls-test", &[5; 32], now - 1, now).unwrap();
        let mut resumed = Vec::new();
        for _ in 0..2 {
            let mut theirs = rustls::Connection::Client(
                rustls::ClientConnection::new(client_config.clone(), ServerName::try_from("localhost").unwrap())
                    .unwrap(),
            );
            let mut ours = serve(&config, &mut theirs);
            assert_eq!(ours.status(), Status::Open);
            assert_eq!(ours.common.summary.version, Some(ours_version));
            exchange(&mut ours, &config, &mut theirs);
            resumed.push((ours.common.summary.resumed, theirs.handshake_kind()));
        }
        assert_eq!(
            resumed,
            [(false, Some(rustls::HandshakeKind::Full)), (true, Some(rustls::HandshakeKind::Resumed))],
            "rustls client, {version:?}"
        );

        // Our client, rustls server (its default session cache).
        let (chain, key) = rustls_identity("ecdsa_p256_pkcs1");
        let server_config = Arc::new(
            rustls::ServerConfig::builder_with_protocol_versions(&[version])
                .with_no_client_auth()
                .with_single_cert(chain, key)
                .unwrap(),
        );
        let mut client = Config { session_tickets: true, ..Config::default() };
        client.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
        let mut session = None;
        let mut resumed = Vec::new();
        for _ in 0..2 {
            let mut theirs = rustls::Connection::Server(rustls::ServerConnection::new(server_config.clone()).unwrap());
            let mut ours = Connection::new(Side::Client);
            ours.server_name = Some("localhost".into());
            ours.resume = session.take();
            pump(&mut ours, &client, &mut theirs);
            assert_eq!(ours.status(), Status::Open);
            exchange(&mut ours, &client, &mut theirs);
            resumed.push((ours.common.summary.resumed, theirs.handshake_kind()));
            // (Tickets that came with the data are taken by the next process call.)
            ours.process(&client, &mut NoHooks).unwrap();
            session = ours.common.received_sessions.pop().map(Box::new).or(ours.common.current_session.take());
            assert!(session.is_some(), "a session to resume, {version:?}");
        }
        assert_eq!(
            resumed,
            [(false, Some(rustls::HandshakeKind::Full)), (true, Some(rustls::HandshakeKind::Resumed))],
            "rustls server, {version:?}"
        );
    }
}
