//! Stapled OCSP responses (RFC 6960, delivered through RFC 6066 status_request): decoded with
//! x509-ocsp, checked against the peer's chain the way s2n-tls checks them.
//!
//! A response is good when it decodes, says "successful", is signed by the leaf's issuer (or
//! by a responder certificate the issuer gave the OCSP-signing purpose), carries a status for
//! the leaf, and is current: `thisUpdate` not in the future and `nextUpdate` not past (without
//! a `nextUpdate`, an hour after `thisUpdate`, as s2n assumes). The status is then what
//! counts: good passes, revoked and unknown fail.

use aws_lc_rs::digest;
use aws_lc_rs::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;
use x509_cert::spki::SubjectPublicKeyInfoRef;
use x509_cert::Certificate;
use x509_ocsp::{BasicOcspResponse, CertStatus, OcspResponse, OcspResponseStatus, ResponderId};

use crate::error::{Error, ErrorCode, Result};

/// What a stapled response said about the leaf (libtls's `tls_peer_ocsp_*` values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspStatus {
    /// RFC 6960 OCSPResponseStatus (0: successful).
    pub response_status: u8,
    pub cert_status: LeafStatus,
    /// RFC 5280 CRLReason of a revocation; -1 when none was given.
    pub crl_reason: i32,
    /// Seconds since the Unix epoch.
    pub this_update: u64,
    pub next_update: Option<u64>,
    pub revocation_time: Option<u64>,
}

/// RFC 6960 CertStatus, with libtls's numbering (`TLS_OCSP_CERT_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeafStatus {
    Good = 0,
    Revoked = 1,
    Unknown = 2,
}

/// How long a response without `nextUpdate` stays current (s2n's rule).
const DEFAULT_NEXT_UPDATE: u64 = 3600;

const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-kp-OCSPSigning, as DER content octets for webpki's key-usage check.
const OCSP_SIGNING_EKU: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];

fn untrusted() -> Error {
    Error::new(ErrorCode::CERT_UNTRUSTED)
}

fn invalid() -> Error {
    Error::new(ErrorCode::INVALID_OCSP_RESPONSE)
}

/// Checks a stapled `response` for `chain` (leaf first) at `now`. The leaf's issuer is the
/// chain's second certificate, or else the trust anchor named as the leaf's issuer.
pub fn check(
    response: &[u8],
    chain: &[CertificateDer<'_>],
    anchors: &[&[TrustAnchor<'_>]],
    now: UnixTime,
) -> Result<OcspStatus> {
    let status = validate(response, chain, anchors, now)?;
    match status.cert_status {
        LeafStatus::Good => Ok(status),
        LeafStatus::Revoked => Err(Error::new(ErrorCode::CERT_REVOKED)),
        LeafStatus::Unknown => Err(untrusted()),
    }
}

/// Everything [`check`] does except judging the leaf's status, which is returned.
pub fn validate(
    response: &[u8],
    chain: &[CertificateDer<'_>],
    anchors: &[&[TrustAnchor<'_>]],
    now: UnixTime,
) -> Result<OcspStatus> {
    let response = OcspResponse::from_der(response).map_err(|_| invalid())?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(untrusted());
    }
    let bytes = response.response_bytes.ok_or_else(invalid)?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(invalid());
    }
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).map_err(|_| invalid())?;
    let leaf = Certificate::from_der(chain.first().ok_or_else(untrusted)?).map_err(|_| untrusted())?;
    let issuer = find_issuer(&leaf, chain, anchors)?;

    // Who signed: the issuer itself, or a responder certificate it issued for OCSP.
    let tbs = basic.tbs_response_data.to_der().map_err(|_| invalid())?;
    let signature = basic.signature.as_bytes().ok_or_else(invalid)?;
    let signer_key: Vec<u8> = if responder_is(&basic.tbs_response_data.responder_id, &issuer.subject, &issuer.spki)? {
        issuer.spki.clone()
    } else {
        let responder = basic
            .certs
            .iter()
            .flatten()
            .find(|cert| {
                let spki = cert.tbs_certificate.subject_public_key_info.to_der().unwrap_or_default();
                let subject = cert.tbs_certificate.subject.to_der().unwrap_or_default();
                responder_is(&basic.tbs_response_data.responder_id, &subject, &spki).unwrap_or(false)
            })
            .ok_or_else(untrusted)?;
        let responder_der = responder.to_der().map_err(|_| invalid())?;
        check_delegated_responder(&responder_der, &issuer, now)?;
        responder.tbs_certificate.subject_public_key_info.to_der().map_err(|_| invalid())?
    };
    verify_signature(&signer_key, &basic.signature_algorithm.oid, &tbs, signature)?;

    // The leaf's entry.
    let serial = leaf.tbs_certificate.serial_number.as_bytes();
    let issuer_name = leaf.tbs_certificate.issuer.to_der().map_err(|_| untrusted())?;
    let issuer_key = public_key_bits(&issuer.spki)?;
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|single| {
            let id = &single.cert_id;
            let hash = match id.hash_algorithm.oid {
                ID_SHA1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
                ID_SHA256 => &digest::SHA256,
                _ => return false,
            };
            id.serial_number.as_bytes() == serial
                && id.issuer_name_hash.as_bytes() == digest::digest(hash, &issuer_name).as_ref()
                && id.issuer_key_hash.as_bytes() == digest::digest(hash, issuer_key).as_ref()
        })
        .ok_or_else(untrusted)?;

    let now = now.as_secs();
    let this_update = single.this_update.0.to_unix_duration().as_secs();
    let next_update = single.next_update.map(|t| t.0.to_unix_duration().as_secs());
    if this_update > now {
        return Err(Error::new(ErrorCode::CERT_INVALID));
    }
    if now > next_update.unwrap_or(this_update + DEFAULT_NEXT_UPDATE) {
        return Err(Error::new(ErrorCode::CERT_EXPIRED));
    }
    let (cert_status, crl_reason, revocation_time) = match &single.cert_status {
        CertStatus::Good(_) => (LeafStatus::Good, -1, None),
        CertStatus::Revoked(info) => (
            LeafStatus::Revoked,
            info.revocation_reason.map_or(-1, |r| r as i32),
            Some(info.revocation_time.0.to_unix_duration().as_secs()),
        ),
        CertStatus::Unknown(_) => (LeafStatus::Unknown, -1, None),
    };
    Ok(OcspStatus { response_status: 0, cert_status, crl_reason, this_update, next_update, revocation_time })
}

/// The leaf's issuer as OCSP needs it: its subject and public key (both DER), and the
/// certificate itself when the peer sent it.
struct Issuer {
    subject: Vec<u8>,
    spki: Vec<u8>,
    cert: Option<Vec<u8>>,
}

fn find_issuer(leaf: &Certificate, chain: &[CertificateDer<'_>], anchors: &[&[TrustAnchor<'_>]]) -> Result<Issuer> {
    let wanted: &Name = &leaf.tbs_certificate.issuer;
    if let Some(der) = chain.get(1) {
        let cert = Certificate::from_der(der).map_err(|_| untrusted())?;
        if &cert.tbs_certificate.subject == wanted {
            return Ok(Issuer {
                subject: cert.tbs_certificate.subject.to_der().map_err(|_| untrusted())?,
                spki: cert.tbs_certificate.subject_public_key_info.to_der().map_err(|_| untrusted())?,
                cert: Some(der.to_vec()),
            });
        }
    }
    // Trust anchors keep the contents of their SEQUENCEs; put the tags back.
    let wanted = wanted.to_der().map_err(|_| untrusted())?;
    for anchor in anchors.iter().flat_map(|set| set.iter()) {
        let subject = with_sequence_tag(anchor.subject.as_ref());
        if subject == wanted {
            return Ok(Issuer {
                subject,
                spki: with_sequence_tag(anchor.subject_public_key_info.as_ref()),
                cert: None,
            });
        }
    }
    Err(untrusted())
}

fn with_sequence_tag(contents: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30];
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// Whether the response's ResponderID names the holder of `subject` / `spki` (by name, or
/// by the SHA-1 of the public key, RFC 6960 §4.2.1).
fn responder_is(id: &ResponderId, subject: &[u8], spki: &[u8]) -> Result<bool> {
    Ok(match id {
        ResponderId::ByName(name) => name.to_der().map_err(|_| invalid())? == subject,
        ResponderId::ByKey(hash) => {
            hash.as_bytes() == digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, public_key_bits(spki)?).as_ref()
        }
    })
}

/// A delegated responder must be issued by the leaf's issuer for OCSP signing (RFC 6960
/// §4.2.2.2); webpki checks that, with the issuer as the only anchor.
fn check_delegated_responder(responder: &[u8], issuer: &Issuer, now: UnixTime) -> Result<()> {
    let issuer_cert = issuer.cert.as_ref().ok_or_else(untrusted)?;
    let issuer_der = CertificateDer::from(issuer_cert.as_slice());
    let anchor = webpki::anchor_from_trusted_cert(&issuer_der).map_err(|_| untrusted())?;
    let responder_der = CertificateDer::from(responder);
    let cert = webpki::EndEntityCert::try_from(&responder_der).map_err(|_| untrusted())?;
    cert.verify_for_usage(
        &crate::sign::CHAIN_ALGORITHMS,
        &[anchor],
        &[],
        now,
        webpki::KeyUsage::required(OCSP_SIGNING_EKU),
        None,
        None,
    )
    .map(|_| ())
    .map_err(|_| untrusted())
}

/// The subjectPublicKey bits of a DER SubjectPublicKeyInfo.
fn public_key_bits(spki: &[u8]) -> Result<&[u8]> {
    let info = SubjectPublicKeyInfoRef::from_der(spki).map_err(|_| untrusted())?;
    info.subject_public_key.as_bytes().ok_or_else(untrusted)
}

/// Verifies `signature` over `message` with the key in `spki`, for the response's
/// signature algorithm. SHA-1 signatures are refused.
fn verify_signature(spki: &[u8], algorithm: &ObjectIdentifier, message: &[u8], signature: &[u8]) -> Result<()> {
    const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
    const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
    const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
    const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
    const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
    const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
    const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
    const ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
    const RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    const RSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
    const RSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");

    let info = SubjectPublicKeyInfoRef::from_der(spki).map_err(|_| untrusted())?;
    let key_type = info.algorithm.oid;
    let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let alg: &'static dyn VerificationAlgorithm = match (*algorithm, key_type, curve) {
        (ECDSA_SHA256, EC_PUBLIC_KEY, Some(P256)) => &signature::ECDSA_P256_SHA256_ASN1,
        (ECDSA_SHA384, EC_PUBLIC_KEY, Some(P256)) => &signature::ECDSA_P256_SHA384_ASN1,
        (ECDSA_SHA256, EC_PUBLIC_KEY, Some(P384)) => &signature::ECDSA_P384_SHA256_ASN1,
        (ECDSA_SHA384, EC_PUBLIC_KEY, Some(P384)) => &signature::ECDSA_P384_SHA384_ASN1,
        (ECDSA_SHA512, EC_PUBLIC_KEY, Some(P521)) => &signature::ECDSA_P521_SHA512_ASN1,
        (RSA_SHA256, RSA, _) => &signature::RSA_PKCS1_2048_8192_SHA256,
        (RSA_SHA384, RSA, _) => &signature::RSA_PKCS1_2048_8192_SHA384,
        (RSA_SHA512, RSA, _) => &signature::RSA_PKCS1_2048_8192_SHA512,
        (ED25519, ED25519, _) => &signature::ED25519,
        _ => return Err(untrusted()),
    };
    let key = info.subject_public_key.as_bytes().ok_or_else(untrusted)?;
    UnparsedPublicKey::new(alg, key).verify(message, signature).map_err(|_| untrusted())
}
