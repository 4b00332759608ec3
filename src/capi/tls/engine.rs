//! What a `tls_config` means to the engine: the core [`Config`] built from its settings,
//! and the libtls wording of the engine's failures.

use std::sync::Arc;

use super::abi::{TLS_PROTOCOL_TLSv1_2, TLS_PROTOCOL_TLSv1_3};
use super::config::{select_suites, Settings, MAX_SESSION_LIFETIME};
use super::{TlsError, TlsResult};
use crate::alert::AlertDescription;
use crate::config::{ClientAuth, Config, TrustStore};
use crate::conn::Side;
use crate::error::{Error, ErrorCode};
use crate::msgs::{TLS12, TLS13};
use crate::pki::CertifiedKey;

/// The protocol versions the engine negotiates; a config that allows only older ones
/// fails at the handshake, as libtls does when OpenSSL has no version left.
const IMPLEMENTED: u32 = (TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3) as u32;

/// A config as the engine uses it, shared by every context configured with the same
/// settings and by every connection those contexts make.
pub(crate) struct Built {
    pub core: Config,
    /// Whether the peer's name is checked (`tls_config_insecure_noverifyname` turns it off).
    pub verify_name: bool,
    /// Whether certificates are checked at all; the name is checked even when they are not.
    pub verify_cert: bool,
    /// Why no handshake can succeed with this config, if none can.
    pub unusable: Option<String>,
    /// Client: the file its session is kept in (`tls_config_set_session_fd`), or -1.
    pub session_fd: std::os::raw::c_int,
}

/// Builds the engine's configuration for a context of `side`.
pub(crate) fn build(settings: &Settings, side: Side) -> TlsResult<Built> {
    let allowed = settings.protocols & IMPLEMENTED;
    let unusable = (allowed == 0)
        .then(|| "no supported protocol version: the configuration allows only TLSv1.1 and older".to_string());
    let min_version = if allowed & TLS_PROTOCOL_TLSv1_2 as u32 != 0 { TLS12 } else { TLS13 };
    let max_version = if allowed & TLS_PROTOCOL_TLSv1_3 as u32 != 0 { TLS13 } else { TLS12 };
    let mut core = Config { min_version, max_version, ..Config::default() };
    let suites = select_suites(&settings.ciphers);
    core.tls13_suites = suites.tls13;
    core.tls12_suites = suites.tls12;
    core.prefer_client_suites = !settings.prefer_server_ciphers;
    core.groups = settings.groups.clone();
    core.alpn = settings.alpn.clone();
    core.alpn_mismatch_fatal = true;
    core.verify_peer = settings.verify_cert;
    core.check_time = settings.verify_time;
    // libssl, under libtls, reads past TLS 1.2 warning alerts.
    core.ignore_warning_alerts = true;
    // OpenSSL's verify depth counts the intermediates; the engine limits the chain the peer
    // sends (leaf, intermediates and perhaps the root). A negative depth keeps OpenSSL's 100.
    core.max_chain_depth = usize::try_from(settings.verify_depth).map_or(102, |d| d.saturating_add(2));
    // Sessions. A server with a session lifetime issues tickets sealed with the config's
    // (shared, rotating) keys and bound to its session id context; a client with a
    // session file keeps the tickets it gets there.
    match side {
        Side::Server => {
            core.session_tickets = settings.session_lifetime > 0;
            core.session_lifetime = u32::try_from(settings.session_lifetime).unwrap_or(0);
            core.ticket_keys = Arc::clone(&settings.ticket_keys);
            core.ticket_context = settings.session_id.clone();
        }
        Side::Client => {
            // libtls always asks for a staple, checks one it gets, and may insist on one.
            core.request_ocsp_staple = true;
            core.require_ocsp_staple = settings.ocsp_require_stapling;
            core.session_tickets = settings.session_fd != -1;
            // How long the client offers a saved session is the server's business (its
            // ticket lifetime hint); this only bounds it to the longest libtls allows.
            core.session_lifetime = MAX_SESSION_LIFETIME as u32;
        }
    }

    // Identities. A client presents its keypair if it has one; a server presents the first
    // keypair unless the client's server name matches one added with add_keypair, which
    // the engine tries first, so those go first and the first keypair is the default.
    let mut identities = Vec::new();
    let load = |keypair: &super::config::Keypair| -> TlsResult<Option<Arc<CertifiedKey>>> {
        match (&keypair.key, keypair.chain.is_empty()) {
            (Some(key), false) => {
                let certified = CertifiedKey::new(keypair.chain.clone(), Some(key.load()?));
                certified.set_ocsp_response(&keypair.ocsp_staple);
                Ok(Some(Arc::new(certified)))
            }
            _ => Ok(None),
        }
    };
    match side {
        Side::Client => identities.extend(load(&settings.keypairs[0])?),
        Side::Server => {
            for keypair in settings.keypairs.iter().skip(1) {
                identities.push(load(keypair)?.ok_or_else(|| TlsError::new("no private key configured"))?);
            }
            let primary = load(&settings.keypairs[0])?.ok_or_else(|| {
                TlsError::new(if settings.keypairs[0].chain.is_empty() {
                    "no certificate configured"
                } else {
                    "no private key configured"
                })
            })?;
            identities.push(primary);
            core.default_identities = vec![identities.len() - 1];
            core.client_auth = settings.verify_client;
        }
    }
    core.identities = identities;

    let needs_trust = match side {
        Side::Client => settings.verify_cert,
        Side::Server => settings.verify_cert && settings.verify_client != ClientAuth::None,
    };
    if needs_trust {
        core.trust = trust_store(settings)?;
        // The setters checked that each CRL parses.
        core.crls = settings
            .crls
            .iter()
            .map(|der| {
                webpki::OwnedCertRevocationList::from_der(der.as_ref())
                    .map(Into::into)
                    .map_err(|_| TlsError::new("failed to load CRL"))
            })
            .collect::<TlsResult<_>>()?;
    }
    let session_fd = if side == Side::Client { settings.session_fd } else { -1 };
    Ok(Built { core, verify_name: settings.verify_name, verify_cert: settings.verify_cert, unusable, session_fd })
}

/// The roots to verify peers with: the configured CA certificates and CA directory, or
/// else the default CA file.
fn trust_store(settings: &Settings) -> TlsResult<TrustStore> {
    let mut trust = TrustStore::default();
    if let Some(roots) = &settings.ca {
        for root in roots {
            trust.add_der(root).map_err(|_| TlsError::new("ssl verify memory setup failure"))?;
        }
    }
    if let Some(dir) = &settings.ca_path {
        trust.add_pem_dir(dir).map_err(|_| TlsError::new("ssl verify locations failure"))?;
    }
    // No CA given: the default CA file, which is the system bundle the engine parses once
    // per location (tls_default_ca_cert_file names it; SSL_CERT_FILE may point elsewhere).
    if settings.ca.is_none() && settings.ca_path.is_none() {
        trust.trust_system();
    }
    Ok(trust)
}

/// OpenSSL's name of a protocol version, as `SSL_get_version` reports it.
pub(crate) fn version_name(version: u16) -> &'static str {
    match version {
        0x0304 => "TLSv1.3",
        0x0303 => "TLSv1.2",
        0x0302 => "TLSv1.1",
        0x0301 => "TLSv1",
        _ => "unknown",
    }
}

/// OpenSSL's text for an alert the peer sent ("tlsv1 alert unknown ca").
fn alert_text(alert: u8) -> String {
    use AlertDescription as A;
    let known = [
        (A::UnexpectedMessage, "sslv3 alert unexpected message"),
        (A::BadRecordMac, "sslv3 alert bad record mac"),
        (A::RecordOverflow, "tlsv1 alert record overflow"),
        (A::HandshakeFailure, "sslv3 alert handshake failure"),
        (A::BadCertificate, "sslv3 alert bad certificate"),
        (A::UnsupportedCertificate, "sslv3 alert unsupported certificate"),
        (A::CertificateRevoked, "sslv3 alert certificate revoked"),
        (A::CertificateExpired, "sslv3 alert certificate expired"),
        (A::CertificateUnknown, "sslv3 alert certificate unknown"),
        (A::IllegalParameter, "sslv3 alert illegal parameter"),
        (A::UnknownCa, "tlsv1 alert unknown ca"),
        (A::AccessDenied, "tlsv1 alert access denied"),
        (A::DecodeError, "tlsv1 alert decode error"),
        (A::DecryptError, "tlsv1 alert decrypt error"),
        (A::ProtocolVersion, "tlsv1 alert protocol version"),
        (A::InsufficientSecurity, "tlsv1 alert insufficient security"),
        (A::InternalError, "tlsv1 alert internal error"),
        (A::InappropriateFallback, "tlsv1 alert inappropriate fallback"),
        (A::MissingExtension, "tlsv13 alert missing extension"),
        (A::UnsupportedExtension, "tlsv1 unsupported extension"),
        (A::UnrecognizedName, "tlsv1 unrecognized name"),
        (A::BadCertificateStatusResponse, "tlsv1 bad certificate status response"),
        (A::UnknownPskIdentity, "tlsv1 alert unknown psk identity"),
        (A::CertificateRequired, "tlsv13 alert certificate required"),
        (A::NoApplicationProtocol, "tlsv1 alert no application protocol"),
    ];
    known
        .iter()
        .find(|(a, _)| *a as u8 == alert)
        .map_or_else(|| format!("tls alert {alert}"), |(_, text)| (*text).to_string())
}

/// OpenSSL's `X509_verify_cert_error_string` for a certificate failure, if `code` is one.
fn verify_text(code: ErrorCode) -> Option<&'static str> {
    Some(match code {
        ErrorCode::CERT_UNTRUSTED => "unable to get local issuer certificate",
        ErrorCode::CERT_EXPIRED => "certificate has expired",
        ErrorCode::CERT_NOT_YET_VALID => "certificate is not yet valid",
        ErrorCode::CERT_REVOKED => "certificate revoked",
        ErrorCode::CRL_LOOKUP_FAILED => "unable to get certificate CRL",
        ErrorCode::CRL_EXPIRED => "CRL has expired",
        ErrorCode::CRL_SIGNATURE => "CRL signature failure",
        ErrorCode::CRL_ISSUER => "unable to get CRL issuer certificate",
        ErrorCode::CERT_MAX_CHAIN_DEPTH_EXCEEDED => "certificate chain too long",
        ErrorCode::CERT_INTENT_INVALID => "unsupported certificate purpose",
        ErrorCode::CERT_UNHANDLED_CRITICAL_EXTENSION => "unhandled critical extension",
        ErrorCode::CERT_INVALID | ErrorCode::CERT_REJECTED => "certificate rejected",
        _ => return None,
    })
}

/// Words a failed engine call the way libtls would: `op` is "handshake", "read", "write"
/// or "shutdown"; `servername` is the name a client checked the certificate against.
pub(crate) fn describe(err: Error, op: &str, peer_alert: Option<u8>, servername: Option<&str>) -> TlsError {
    match err.code {
        ErrorCode::FERROTLS_MISSING_OCSP_STAPLE => return TlsError::new("no stapled OCSP response provided"),
        ErrorCode::INVALID_OCSP_RESPONSE => return TlsError::new("ocsp verify failed: invalid OCSP response"),
        _ => {}
    }
    if let Some(text) = verify_text(err.code) {
        return TlsError::new(format!("certificate verification failed: {text}"));
    }
    let reason = match err.code {
        ErrorCode::CERT_INVALID_HOSTNAME => {
            return TlsError::new(format!(
                "name `{}' not present in server certificate",
                servername.unwrap_or_default()
            ))
        }
        ErrorCode::ALERT => peer_alert.map_or_else(|| "tls alert".to_string(), alert_text),
        ErrorCode::MISSING_CLIENT_CERT => "peer did not return a certificate".to_string(),
        ErrorCode::NO_CERT_FOUND => "peer did not return a certificate".to_string(),
        ErrorCode::PROTOCOL_VERSION_UNSUPPORTED => "unsupported protocol".to_string(),
        ErrorCode::CLOSED => "unexpected EOF".to_string(),
        code => code.message().to_string(),
    };
    TlsError::new(format!("{op} failed: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_like_libtls() {
        let e = describe(Error::new(ErrorCode::CERT_UNTRUSTED), "handshake", None, Some("x"));
        assert_eq!(e.message, "certificate verification failed: unable to get local issuer certificate");
        let e = describe(Error::new(ErrorCode::CERT_INVALID_HOSTNAME), "handshake", None, Some("example.com"));
        assert_eq!(e.message, "name `example.com' not present in server certificate");
        let e = describe(Error::new(ErrorCode::ALERT), "handshake", Some(48), None);
        assert_eq!(e.message, "handshake failed: tlsv1 alert unknown ca");
        let e = describe(Error::new(ErrorCode::ALERT), "read", Some(7), None);
        assert_eq!(e.message, "read failed: tls alert 7");
    }

    #[test]
    fn versions_from_protocols() {
        let mut settings = Settings::default();
        let versions = |settings: &Settings| {
            let built = build(settings, Side::Client).unwrap();
            (built.core.min_version, built.core.max_version, built.unusable.is_some())
        };
        assert_eq!(versions(&settings), (TLS12, TLS13, false));
        settings.protocols = TLS_PROTOCOL_TLSv1_2 as u32;
        assert_eq!(versions(&settings), (TLS12, TLS12, false));
        settings.protocols = TLS_PROTOCOL_TLSv1_3 as u32;
        assert_eq!(versions(&settings), (TLS13, TLS13, false));
        settings.protocols = super::super::abi::TLS_PROTOCOL_TLSv1_1 as u32;
        assert!(versions(&settings).2);
    }
}
