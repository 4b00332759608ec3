//! What the in-memory handshake tests of both protocol versions share: test certificates and a
//! pump that moves bytes between a client and a server.

use std::sync::Arc;

use crate::config::{Config, NoHooks};
use crate::conn::Connection;
use crate::error::Error;
use crate::pki::CertifiedKey;

/// A file from `testdata/`.
pub fn testdata(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The certificate and key `testdata/{name}_cert.pem` and `{name}_key.pem`.
pub fn identity(name: &str) -> Arc<CertifiedKey> {
    Arc::new(
        CertifiedKey::from_pem(&testdata(&format!("{name}_cert.pem")), &testdata(&format!("{name}_key.pem"))).unwrap(),
    )
}

/// A client config that trusts the test CA.
pub fn client_config() -> Config {
    let mut config = Config::default();
    config.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
    config
}

/// Moves bytes between the two until neither makes progress; the first error of either side
/// (client first) is returned after both had their turn.
pub fn pump(client: &mut Connection, cc: &Config, server: &mut Connection, sc: &Config) -> Result<(), Error> {
    for _ in 0..20 {
        let c = client.process(cc, &mut NoHooks);
        let to_server = client.outgoing().to_vec();
        client.consume_outgoing(to_server.len());
        server.read_tls(&to_server);
        let s = server.process(sc, &mut NoHooks);
        let to_client = server.outgoing().to_vec();
        server.consume_outgoing(to_client.len());
        client.read_tls(&to_client);
        c?;
        s?;
        if to_server.is_empty() && to_client.is_empty() {
            break;
        }
    }
    Ok(())
}
