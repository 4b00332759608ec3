//! Validating a peer's certificate chain with rustls-webpki, and s2n's host-name rules.

use std::time::Duration;

use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

use crate::config::{Config, Hooks};
use crate::error::{Error, ErrorCode, Result};

/// Validates `chain` (leaf first) against the config's trust store for `usage`.
///
/// With time checks disabled (`s2n_config_disable_x509_time_verification`) an expired or
/// not-yet-valid certificate is re-checked at a moment inside its validity window, which
/// webpki's error reports; everything else is still checked.
pub fn verify_chain(config: &Config, hooks: &mut dyn Hooks, chain: &[CertificateDer<'_>], client: bool) -> Result<()> {
    let leaf = chain.first().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
    if chain.len() > config.max_chain_depth {
        return Err(Error::new(ErrorCode::CERT_MAX_CHAIN_DEPTH_EXCEEDED));
    }
    let cert = EndEntityCert::try_from(leaf).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
    let usage = Intent {
        usage: if client { KeyUsage::client_auth() } else { KeyUsage::server_auth() },
        check: config.check_intent,
    };
    let now = hooks.now();
    let mut last = ErrorCode::CERT_UNTRUSTED;
    for roots in config.trust.root_sets() {
        let mut time = now;
        // Each retry moves the clock into one more certificate's window; a chain can't need more.
        for _ in 0..=chain.len() {
            match cert.verify_for_usage(webpki::ALL_VERIFICATION_ALGS, roots, &chain[1..], time, &usage, None, None) {
                Ok(_) => return Ok(()),
                Err(webpki::Error::CertExpired { not_after, .. }) if !config.check_time => {
                    time = UnixTime::since_unix_epoch(Duration::from_secs(not_after.as_secs().saturating_sub(1)));
                }
                Err(webpki::Error::CertNotValidYet { not_before, .. }) if !config.check_time => {
                    time = UnixTime::since_unix_epoch(Duration::from_secs(not_before.as_secs() + 1));
                }
                Err(e) => {
                    last = map_webpki_error(&e);
                    break;
                }
            }
        }
        // Only an unknown issuer is worth trying against the next set of roots.
        if last != ErrorCode::CERT_UNTRUSTED {
            break;
        }
    }
    Err(Error::new(last))
}

/// The extended-key-usage check, which the application may switch off.
struct Intent {
    usage: KeyUsage,
    check: bool,
}

impl webpki::ExtendedKeyUsageValidator for Intent {
    fn validate(&self, iter: webpki::KeyPurposeIdIter<'_, '_>) -> std::result::Result<(), webpki::Error> {
        if self.check {
            self.usage.validate(iter)
        } else {
            Ok(())
        }
    }
}

fn map_webpki_error(err: &webpki::Error) -> ErrorCode {
    match err {
        webpki::Error::CertExpired { .. } => ErrorCode::CERT_EXPIRED,
        webpki::Error::CertNotValidYet { .. } => ErrorCode::CERT_NOT_YET_VALID,
        webpki::Error::CertRevoked => ErrorCode::CERT_REVOKED,
        webpki::Error::BadDer | webpki::Error::BadDerTime => ErrorCode::DECODE_CERTIFICATE,
        webpki::Error::UnsupportedCriticalExtension => ErrorCode::CERT_UNHANDLED_CRITICAL_EXTENSION,
        webpki::Error::RequiredEkuNotFoundContext(_) => ErrorCode::CERT_INTENT_INVALID,
        webpki::Error::MaximumPathDepthExceeded => ErrorCode::CERT_MAX_CHAIN_DEPTH_EXCEEDED,
        _ => ErrorCode::CERT_UNTRUSTED,
    }
}

/// s2n's default host check: exact (case-insensitive) match with the name the client asked
/// for, or a one-label wildcard ("*.example.com" covers "a.example.com").
pub fn default_host_match(expected: &str, cert_name: &str) -> bool {
    if expected.is_empty() {
        return false;
    }
    if expected.eq_ignore_ascii_case(cert_name) {
        return true;
    }
    match (cert_name.strip_prefix('*'), expected.find('.')) {
        (Some(suffix), Some(dot)) if suffix.starts_with('.') && suffix.len() > 1 => {
            expected[dot..].eq_ignore_ascii_case(suffix)
        }
        _ => false,
    }
}

/// Checks the leaf's names with the application's verify-host callback, or with the
/// default rule against `server_name`.
pub fn verify_host(hooks: &mut dyn Hooks, leaf: &CertificateDer<'_>, server_name: Option<&str>) -> Result<()> {
    let cert = EndEntityCert::try_from(leaf).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
    let expected = server_name.unwrap_or("");
    for name in cert.valid_dns_names() {
        let accepted = hooks.verify_host(name).unwrap_or_else(|| default_host_match(expected, name));
        if accepted {
            return Ok(());
        }
    }
    // IP addresses are not DNS names; let webpki compare them with the certificate's IP SANs.
    if let Ok(ip @ ServerName::IpAddress(_)) = ServerName::try_from(expected) {
        if hooks.verify_host(expected).unwrap_or(true) && cert.verify_is_valid_for_subject_name(&ip).is_ok() {
            return Ok(());
        }
    }
    Err(Error::new(ErrorCode::CERT_INVALID_HOSTNAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_host_rules() {
        assert!(default_host_match("example.com", "EXAMPLE.com"));
        assert!(default_host_match("a.example.com", "*.example.com"));
        assert!(!default_host_match("a.b.example.com", "*.example.com"));
        assert!(!default_host_match("example.com", "*.example.com"));
        assert!(!default_host_match("", "example.com"));
        assert!(!default_host_match("example.org", "example.com"));
    }
}
