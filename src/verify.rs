//! Validating a peer's certificate chain with rustls-webpki, and s2n's host-name rules.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{EndEntityCert, KeyUsage};

use crate::alert::AlertDescription;
use crate::config::{ChainVerdict, Config, Hooks, RevocationLists, Settings};
use crate::error::{Error, ErrorCode, Result};
use crate::policy::CertificateRules;
use crate::x509::{CertFields, SanEntry};

/// Validates `chain` (leaf first) against the config's trust store for `usage`.
///
/// With time checks disabled (`s2n_config_disable_x509_time_verification`) an expired or
/// not-yet-valid certificate is re-checked at a moment inside its validity window, which
/// webpki's error reports; everything else is still checked.
///
/// `lookups`: the CRLs the application gave for this chain, when it was asked (see
/// [`check_peer_chain`]); each certificate must then be covered by one of them.
pub fn verify_chain(
    settings: &Settings,
    hooks: &mut dyn Hooks,
    chain: &[CertificateDer<'_>],
    client: bool,
    lookups: Option<&[CrlRef]>,
) -> Result<()> {
    let leaf = chain.first().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
    verify_chain_with(settings, hooks, chain, client, lookups, &mut LazyFields::new(leaf, &settings.config.peer_leaf))
}

/// A client's check of the server's chain: the path ([`verify_chain`]), then the host name
/// ([`verify_host`]), with the leaf's fields decoded once for both.
pub fn verify_server_chain(
    settings: &Settings,
    hooks: &mut dyn Hooks,
    chain: &[CertificateDer<'_>],
    server_name: Option<&str>,
    lookups: Option<&[CrlRef]>,
) -> Result<()> {
    let leaf = chain.first().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
    let mut fields = LazyFields::new(leaf, &settings.config.peer_leaf);
    verify_chain_with(settings, hooks, chain, false, lookups, &mut fields)?;
    verify_host_fields(hooks, fields.get()?, server_name, settings.config.allow_ip_in_cn)
}

/// A CRL the application handed over for one handshake.
pub type CrlRef = std::sync::Arc<webpki::CertRevocationList<'static>>;

/// Whose chain is checked: a server's (by its client, against the name it asked for) or a
/// client's (by its server).
#[derive(Clone, Copy)]
pub enum Peer<'a> {
    Server { name: Option<&'a str> },
    Client,
}

/// Our checks of the peer's chain, when verification is on: the application's CRLs first
/// (s2n's CRL lookups), then [`verify_server_chain`] or [`verify_chain`]. With lookups
/// still open, the checks wait (`ChainVerdict::AwaitingRevocationLists`) and
/// [`resume_peer_chain_check`] runs them once they are answered.
pub fn check_peer_chain(
    common: &mut crate::conn::Common,
    settings: &Settings,
    hooks: &mut dyn Hooks,
    chain: &[CertificateDer<'static>],
    peer: Peer<'_>,
) -> Result<()> {
    if !settings.verify_peer {
        return Ok(());
    }
    let lookups = match hooks.revocation_lists(chain)? {
        RevocationLists::NotAsked => None,
        RevocationLists::Ready(crls) => Some(crls),
        RevocationLists::Later => {
            common.chain_verdict = ChainVerdict::AwaitingRevocationLists;
            return Ok(());
        }
    };
    verify_peer_chain(settings, hooks, chain, peer, lookups.as_deref())
}

/// [`verify_server_chain`] or [`verify_chain`], by whose chain it is.
fn verify_peer_chain(
    settings: &Settings,
    hooks: &mut dyn Hooks,
    chain: &[CertificateDer<'_>],
    peer: Peer<'_>,
    lookups: Option<&[CrlRef]>,
) -> Result<()> {
    match peer {
        Peer::Server { name } => verify_server_chain(settings, hooks, chain, name, lookups),
        Peer::Client => verify_chain(settings, hooks, chain, true, lookups),
    }
}

/// Runs the checks [`check_peer_chain`] left waiting for CRLs, on the chain kept in the
/// summary, then the application's own verdict; `S2N_ERR_ASYNC_BLOCKED` while lookups are
/// still open.
pub fn resume_peer_chain_check(
    common: &mut crate::conn::Common,
    settings: &Settings,
    hooks: &mut dyn Hooks,
    peer: Peer<'_>,
) -> Result<()> {
    let lookups = match hooks.revocation_lists(&common.summary.peer_chain)? {
        RevocationLists::Later => return Err(Error::new(ErrorCode::ASYNC_BLOCKED)),
        RevocationLists::NotAsked => None,
        RevocationLists::Ready(crls) => Some(crls),
    };
    common.chain_verdict = ChainVerdict::Accept;
    verify_peer_chain(settings, hooks, &common.summary.peer_chain, peer, lookups.as_deref())?;
    application_chain_check(common, hooks)
}

/// A certificate's fields, decoded on first use and then kept: the checks of a handshake
/// (policy rules, key usage, host name) all read the leaf, and decoding X.509 costs more
/// than any of them.
struct LazyFields<'a> {
    der: &'a [u8],
    cache: &'a PeerLeafCache,
    fields: Option<Arc<CertFields>>,
}

impl<'a> LazyFields<'a> {
    fn new(der: &'a [u8], cache: &'a PeerLeafCache) -> LazyFields<'a> {
        LazyFields { der, cache, fields: None }
    }

    fn get(&mut self) -> Result<&CertFields> {
        let fields = match self.fields.take() {
            Some(fields) => fields,
            None => self.cache.decode(self.der)?,
        };
        Ok(self.fields.insert(fields))
    }
}

/// The last peer leaf certificate a config's connections decoded, with its fields.
/// Clients mostly talk to the same servers again, and decoding a certificate (for the host
/// name, key usage and policy checks that webpki leaves to us) costs about 3% of a full
/// handshake; the fields are a function of the certificate's bytes alone, which key the
/// entry. Verification itself is never skipped.
#[derive(Default)]
pub struct PeerLeafCache(Mutex<Option<DecodedLeaf>>);

/// A certificate's bytes and its decoded fields.
type DecodedLeaf = (Box<[u8]>, Arc<CertFields>);

impl PeerLeafCache {
    fn decode(&self, der: &[u8]) -> Result<Arc<CertFields>> {
        let last = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((cached, fields)) = &*last() {
            if **cached == *der {
                return Ok(fields.clone());
            }
        }
        // Decoded outside the lock: connections of other threads need not wait for it.
        let fields = Arc::new(CertFields::parse(der)?);
        *last() = Some((der.into(), fields.clone()));
        Ok(fields)
    }
}

fn verify_chain_with(
    settings: &Settings,
    hooks: &mut dyn Hooks,
    chain: &[CertificateDer<'_>],
    client: bool,
    lookups: Option<&[CrlRef]>,
    leaf_fields: &mut LazyFields<'_>,
) -> Result<()> {
    let config = settings.config;
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
    let mut crls: Vec<&webpki::CertRevocationList<'_>> = config.crls.iter().collect();
    crls.extend(lookups.unwrap_or_default().iter().map(|crl| &**crl));
    // s2n lets CRLs the application looked up be used past their dates (it ignores
    // OpenSSL's CRL time errors); the application checks them with s2n_crl_validate_*.
    let enforce_dates = config.check_time && lookups.is_none();
    let revocation = webpki::RevocationOptionsBuilder::new(&crls).ok().map(|builder| {
        builder
            .with_depth(webpki::RevocationCheckDepth::Chain)
            .with_status_policy(webpki::UnknownStatusPolicy::Deny)
            .with_expiration_policy(match enforce_dates {
                true => webpki::ExpirationPolicy::Enforce,
                false => webpki::ExpirationPolicy::Ignore,
            })
            .build()
    });
    // Lookups that gave no CRL at all leave every certificate unchecked, which fails as a
    // certificate no CRL covers would (after the path itself is found good).
    let no_crl_found = lookups.is_some() && crls.is_empty();
    let mut last = ErrorCode::CERT_UNTRUSTED;
    for roots in config.trust.root_sets() {
        // A certificate in the trust store stands for itself: its validity window is all
        // there is to check (its intent is implied by being trusted, as in s2n).
        if is_trusted_anchor(roots, leaf) {
            return match config.check_time {
                true => check_validity(leaf_fields.get()?, now),
                false => Ok(()),
            };
        }
        let mut time = now;
        // Each retry moves the clock into one more certificate's window; a chain can't need more.
        for _ in 0..=chain.len() {
            match cert.verify_for_usage(
                &crate::sign::CHAIN_ALGORITHMS,
                roots,
                &chain[1..],
                time,
                &usage,
                revocation,
                None,
            ) {
                Ok(path) => {
                    let intermediates: Vec<CertificateDer<'_>> =
                        path.intermediate_certificates().map(|c| c.der()).collect();
                    let rules = &settings.certificate_rules;
                    if rules.apply() {
                        check_certificate_against_rules(rules, leaf_fields.get()?)?;
                        check_certificate_rules(rules, &intermediates)?;
                    }
                    if config.check_intent {
                        check_key_usage(leaf_fields.get()?, &intermediates, client)?;
                    }
                    return match no_crl_found {
                        true => Err(Error::new(ErrorCode::CRL_LOOKUP_FAILED)),
                        false => Ok(()),
                    };
                }
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

/// A security policy's certificate rules over `chain` (s2n's certificate signature and key
/// preferences): every certificate's key must be one the policy lists, and every
/// certificate not issued by itself must be signed with an algorithm it lists.
/// (The trust anchor a path ends at is not checked: webpki keeps only its key.)
pub fn check_certificate_rules(rules: &CertificateRules, chain: &[CertificateDer<'_>]) -> Result<()> {
    if !rules.apply() {
        return Ok(());
    }
    for der in chain {
        check_certificate_against_rules(rules, &CertFields::parse(der)?)?;
    }
    Ok(())
}

/// One certificate of [`check_certificate_rules`].
fn check_certificate_against_rules(rules: &CertificateRules, cert: &CertFields) -> Result<()> {
    let key_ok = rules.keys.map_or(true, |keys| cert.policy_key().is_some_and(|k| keys.contains(&k)));
    let signature_ok =
        cert.is_self_issued() || rules.signature_schemes.map_or(true, |schemes| cert.signed_with_one_of(schemes));
    match key_ok && signature_ok {
        true => Ok(()),
        false => Err(Error::new(ErrorCode::SECURITY_POLICY_INCOMPATIBLE_CERT)),
    }
}

/// The keyUsage half of s2n's intent check (OpenSSL's TLS purposes; webpki checked the
/// extended key usage): a server's leaf must allow digitalSignature, keyEncipherment or
/// keyAgreement, a client's digitalSignature or keyAgreement, and an intermediate CA
/// keyCertSign. A certificate without the extension may be used for anything.
fn check_key_usage(leaf: &CertFields, intermediates: &[CertificateDer<'_>], client: bool) -> Result<()> {
    let invalid = || Error::new(ErrorCode::CERT_INTENT_INVALID);
    if let Some(usage) = leaf.key_usage() {
        let allowed = usage.digital_signature() || usage.key_agreement() || (!client && usage.key_encipherment());
        if !allowed {
            return Err(invalid());
        }
    }
    for ca in intermediates {
        if CertFields::parse(ca)?.key_usage().is_some_and(|usage| !usage.key_cert_sign()) {
            return Err(invalid());
        }
    }
    Ok(())
}

/// Whether the application trusts the leaf itself: a certificate in the trust store stands
/// for itself, even a self-signed CA certificate used as a server's own (OpenSSL and s2n
/// accept it; webpki alone refuses a CA as an end entity). Matching is by subject and key, as
/// a trust anchor is defined; the path is then just that anchor.
fn is_trusted_anchor(roots: &[TrustAnchor<'_>], leaf: &CertificateDer<'_>) -> bool {
    let Ok(own) = webpki::anchor_from_trusted_cert(leaf) else { return false };
    roots
        .iter()
        .any(|anchor| anchor.subject == own.subject && anchor.subject_public_key_info == own.subject_public_key_info)
}

/// The validity window of a certificate trusted as itself, which no path check covered.
fn check_validity(fields: &CertFields, now: UnixTime) -> Result<()> {
    let now = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    if now < fields.not_before() {
        return Err(Error::new(ErrorCode::CERT_NOT_YET_VALID));
    }
    if now > fields.not_after() {
        return Err(Error::new(ErrorCode::CERT_EXPIRED));
    }
    Ok(())
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
        webpki::Error::UnknownRevocationStatus => ErrorCode::CRL_LOOKUP_FAILED,
        webpki::Error::CrlExpired { .. } => ErrorCode::CRL_EXPIRED,
        webpki::Error::InvalidCrlSignatureForPublicKey => ErrorCode::CRL_SIGNATURE,
        webpki::Error::IssuerNotCrlSigner => ErrorCode::CRL_ISSUER,
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

/// Checks the leaf's identities with the application's verify-host callback, or with the
/// default rule against `server_name`, in s2n's order (RFC 6125 6.4.4): every DNS, URI and
/// IP subjectAltName entry until one is accepted; only when there are none, the subject's
/// last commonName (never an IP address, unless `allow_ip_in_cn`: s2n's workaround for
/// legacy PKIs); with neither, the empty name.
pub fn verify_host(
    hooks: &mut dyn Hooks,
    leaf: &CertificateDer<'_>,
    server_name: Option<&str>,
    allow_ip_in_cn: bool,
) -> Result<()> {
    verify_host_fields(hooks, &CertFields::parse(leaf)?, server_name, allow_ip_in_cn)
}

/// [`verify_host`] for a leaf already decoded.
fn verify_host_fields(
    hooks: &mut dyn Hooks,
    cert: &CertFields,
    server_name: Option<&str>,
    allow_ip_in_cn: bool,
) -> Result<()> {
    let expected = server_name.unwrap_or("");
    let mut accepts = |name: &str| hooks.verify_host(name).unwrap_or_else(|| default_host_match(expected, name));
    let verdict = |accepted: bool| match accepted {
        true => Ok(()),
        false => Err(Error::new(ErrorCode::CERT_INVALID_HOSTNAME)),
    };

    if let Some(entries) = cert.subject_alt_names() {
        let mut identity_found = false;
        // Like s2n, report what the last entry gave when none is accepted.
        let mut last_failure = ErrorCode::CERT_UNTRUSTED;
        for entry in entries {
            let name = match entry {
                SanEntry::Dns(name) | SanEntry::Uri(name) => name,
                SanEntry::Ip(address) => address.to_string(),
                SanEntry::MalformedIp | SanEntry::Other => {
                    last_failure = ErrorCode::CERT_UNTRUSTED;
                    continue;
                }
            };
            identity_found = true;
            if accepts(&name) {
                return Ok(());
            }
            last_failure = ErrorCode::CERT_INVALID_HOSTNAME;
        }
        if identity_found {
            return Err(Error::new(last_failure));
        }
    }
    if let Some(common_name) = cert.common_name() {
        // An IP address is not a DNS name: it may only match an iPAddress entry.
        if !allow_ip_in_cn && common_name.parse::<std::net::IpAddr>().is_ok() {
            return Err(Error::new(ErrorCode::CERT_UNTRUSTED));
        }
        return verdict(accepts(&common_name));
    }
    verdict(accepts(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache hands back the fields decoded for the same bytes, and decodes anew (and
    /// keeps) other bytes; bytes that do not decode fail as without it.
    #[test]
    fn peer_leaf_cache_is_keyed_by_the_certificate_bytes() {
        let leaf = |name: &str| {
            let pem = crate::test_support::testdata(name);
            crate::pki::certificates_from_pem(&pem).unwrap().remove(0)
        };
        let (p256, p384) = (leaf("ecdsa_p256_pkcs1_cert.pem"), leaf("ecdsa_p384_pkcs1_cert.pem"));
        let cache = PeerLeafCache::default();
        let first = cache.decode(&p256).unwrap();
        assert!(Arc::ptr_eq(&first, &cache.decode(&p256).unwrap()));
        let other = cache.decode(&p384).unwrap();
        assert!(!Arc::ptr_eq(&first, &other));
        assert_ne!(first.subject_alt_names().map(|n| n.len()), None);
        assert!(!Arc::ptr_eq(&first, &cache.decode(&p256).unwrap()), "the p384 leaf replaced it");
        let mut garbled = p256.to_vec();
        garbled[10] ^= 0xff;
        assert_eq!(cache.decode(&garbled).err().map(|e| e.code), Some(ErrorCode::DECODE_CERTIFICATE));
    }

    #[test]
    fn default_host_rules() {
        assert!(default_host_match("example.com", "EXAMPLE.com"));
        assert!(default_host_match("a.example.com", "*.example.com"));
        assert!(!default_host_match("a.b.example.com", "*.example.com"));
        assert!(!default_host_match("example.com", "*.example.com"));
        assert!(!default_host_match("", "example.com"));
        assert!(!default_host_match("example.org", "example.com"));
    }

    /// s2n's certificate preferences: keys everywhere, signatures on certificates not
    /// issued by themselves (the test chains: a leaf and the P-256 CA, both signed with
    /// ecdsa-with-SHA256).
    #[test]
    fn certificate_rules() {
        use crate::policy::CertificateKey::{Ecdsa, Rsa};
        use crate::test_support::identity;
        let rules = |schemes: Option<&'static [u16]>, keys: Option<&'static [crate::policy::CertificateKey]>| {
            CertificateRules { signature_schemes: schemes, keys, apply_locally: false }
        };
        let p256 = identity("ecdsa_p256_pkcs1");
        let p384 = identity("ecdsa_p384_pkcs1");
        let rsa = identity("rsa_2048_pkcs1");
        let leaf_only = &p256.chain[..1];
        let ca_only = &p256.chain[1..];
        let incompatible = Err(ErrorCode::SECURITY_POLICY_INCOMPATIBLE_CERT);
        let check =
            |r: CertificateRules, chain: &[CertificateDer<'_>]| check_certificate_rules(&r, chain).map_err(|e| e.code);

        assert_eq!(check(rules(None, None), &p256.chain), Ok(()));
        assert_eq!(check(rules(Some(&[0x0403]), Some(&[Ecdsa(256)])), &p256.chain), Ok(()));
        // Signed with ecdsa-with-SHA256, which only 0x0403 stands for.
        assert_eq!(check(rules(Some(&[0x0503, 0x0804]), None), leaf_only), incompatible);
        // ...but the self-issued CA is exempt from the signature rule, not from the key rule.
        assert_eq!(check(rules(Some(&[0x0503]), None), ca_only), Ok(()));
        assert_eq!(check(rules(None, Some(&[Ecdsa(384)])), ca_only), incompatible);
        // Key sizes count: a P-384 leaf under a P-256 CA, an RSA-2048 leaf.
        assert_eq!(check(rules(None, Some(&[Ecdsa(384)])), &p384.chain[..1]), Ok(()));
        assert_eq!(check(rules(None, Some(&[Ecdsa(384), Ecdsa(256)])), &p384.chain), Ok(()));
        assert_eq!(check(rules(None, Some(&[Rsa(3072), Ecdsa(256)])), &rsa.chain), incompatible);
        assert_eq!(check(rules(None, Some(&[Rsa(2048), Ecdsa(256)])), &rsa.chain), Ok(()));
        // RFC 9151's rules turn all of the test chains away.
        let rfc9151 = crate::policy::lookup("rfc9151").unwrap().certificate_rules();
        assert!(rfc9151.apply_locally);
        for chain in [&p256.chain, &p384.chain, &rsa.chain] {
            assert_eq!(check(rfc9151, chain), incompatible);
        }
    }
}

/// Shows the peer's chain (in the summary by now) to the application's own check; a
/// verdict it gives later holds the handshake until then (see [`crate::conn::Common::chain_verdict`]).
pub fn application_chain_check(common: &mut crate::conn::Common, hooks: &mut dyn Hooks) -> Result<()> {
    // Our own checks wait for CRLs: the application judges after them.
    if common.chain_verdict == ChainVerdict::AwaitingRevocationLists {
        return Ok(());
    }
    match hooks.peer_chain_verdict(&common.summary.peer_chain)? {
        ChainVerdict::Accept => Ok(()),
        ChainVerdict::Reject => Err(Error::new(ErrorCode::CERT_REJECTED)),
        // (A hook has no CRLs to wait for; either way the handshake waits for it.)
        ChainVerdict::Later | ChainVerdict::AwaitingRevocationLists => {
            common.chain_verdict = ChainVerdict::Later;
            Ok(())
        }
    }
}

/// Client: the chain the application picked for a CertificateRequest (s2n asks only a
/// client that has a chain of its own); `None` leaves the choice to us.
pub fn client_certificate_choice(
    config: &Config,
    hooks: &mut dyn Hooks,
    authorities: &[u8],
) -> Result<Option<std::sync::Arc<crate::pki::CertifiedKey>>> {
    match config.identities.is_empty() {
        true => Ok(None),
        false => hooks.client_certificate(authorities),
    }
}

/// Client: takes the server's stapled OCSP response (or its absence) into the handshake.
/// A staple is kept for the application and, while certificates are verified and the
/// config says so, checked (see [`crate::ocsp`]); a config that requires a staple fails
/// without one.
/// Client: keeps the SCT list the server sent with its leaf, for the application to check
/// (s2n checks none itself, nor do we).
pub fn accept_sct_list(common: &mut crate::conn::Common, list: &[u8]) {
    common.summary.leaf_extras.get_or_insert_with(Default::default).sct_list = Some(list.into());
}

pub fn accept_ocsp_staple(
    common: &mut crate::conn::Common,
    config: &Config,
    hooks: &mut dyn Hooks,
    staple: Option<&[u8]>,
) -> Result<()> {
    let Some(staple) = staple else {
        return match config.require_ocsp_staple {
            true => Err(Error::with_alert(
                ErrorCode::FERROTLS_MISSING_OCSP_STAPLE,
                AlertDescription::BadCertificateStatusResponse,
            )),
            false => Ok(()),
        };
    };
    let extras = common.summary.leaf_extras.get_or_insert_with(Default::default);
    let ocsp = extras.ocsp.insert(crate::conn::PeerOcsp { response: staple.to_vec(), status: None });
    if config.verify_peer && config.check_ocsp_staple {
        let anchors: Vec<&[TrustAnchor<'_>]> = config.trust.root_sets().collect();
        let status = crate::ocsp::check(staple, &common.summary.peer_chain, &anchors, hooks.now()).map_err(|e| {
            let alert = match e.code {
                ErrorCode::CERT_REVOKED => AlertDescription::CertificateRevoked,
                _ => AlertDescription::BadCertificateStatusResponse,
            };
            Error::with_alert(e.code, alert)
        })?;
        ocsp.status = Some(status);
    }
    Ok(())
}
