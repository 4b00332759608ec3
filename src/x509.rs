//! Read-only access to the certificate fields that path validation does not expose: the
//! names a host check compares, the subject and issuer as text, validity dates and raw
//! extensions. Decoding is x509-cert's; webpki (in `verify`) stays the only judge of trust.

use crate::error::{Error, ErrorCode, Result};
use std::net::IpAddr;
use x509_cert::der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, UintRef, Utf8StringRef};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::{Decode, Reader, SliceReader, Tag, Tagged};
use x509_cert::ext::pkix::name::GeneralName;
pub use x509_cert::ext::pkix::KeyUsage;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::name::Name;
use x509_cert::Certificate;

const OID_SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");

/// A subjectAltName entry a host check can compare with a reference name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SanEntry {
    Dns(String),
    Uri(String),
    Ip(IpAddr),
    /// An iPAddress entry that is neither 4 nor 16 bytes long.
    MalformedIp,
    /// Any other kind (e-mail, directory name, ...): never a host identity.
    Other,
}

/// One decoded certificate.
pub struct CertFields {
    cert: Certificate,
}

impl CertFields {
    pub fn parse(der: &[u8]) -> Result<CertFields> {
        Certificate::from_der(der)
            .map(|cert| CertFields { cert })
            .map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))
    }

    /// The subjectAltName entries in certificate order; `None` when there is no such
    /// extension (or it does not decode), which is when a CN fallback may apply.
    pub fn subject_alt_names(&self) -> Option<Vec<SanEntry>> {
        let (value, _) = self.extension(&OID_SUBJECT_ALT_NAME)?;
        let names = SubjectAltName::from_der(value).ok()?;
        Some(names.0.iter().map(san_entry).collect())
    }

    /// The first OCSP responder URI of the authorityInfoAccess extension.
    pub fn ocsp_url(&self) -> Option<String> {
        const OID_AUTHORITY_INFO_ACCESS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
        const OID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
        let (value, _) = self.extension(&OID_AUTHORITY_INFO_ACCESS)?;
        let access = x509_cert::ext::pkix::AuthorityInfoAccessSyntax::from_der(value).ok()?;
        access.0.iter().filter(|d| d.access_method == OID_AD_OCSP).find_map(|d| match &d.access_location {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.as_str().to_string()),
            _ => None,
        })
    }

    /// The last commonName of the subject (the most specific one, as OpenSSL picks it),
    /// if it is one of the string types RFC 5280 allows for it.
    pub fn common_name(&self) -> Option<String> {
        attributes(&self.cert.tbs_certificate.subject)
            .filter(|(oid, _)| *oid == OID_COMMON_NAME)
            .last()
            .and_then(|(_, value)| value)
    }

    /// The subject in OpenSSL's one-line form ("/C=US/O=Example/CN=host"), the text
    /// libtls's tls_peer_cert_subject returns.
    pub fn subject_line(&self) -> String {
        one_line(&self.cert.tbs_certificate.subject)
    }

    pub fn issuer_line(&self) -> String {
        one_line(&self.cert.tbs_certificate.issuer)
    }

    /// notBefore as seconds since the Unix epoch.
    pub fn not_before(&self) -> i64 {
        unix_seconds(self.cert.tbs_certificate.validity.not_before)
    }

    /// notAfter as seconds since the Unix epoch.
    pub fn not_after(&self) -> i64 {
        unix_seconds(self.cert.tbs_certificate.validity.not_after)
    }

    /// The keyUsage extension; `None` when absent (any use is allowed), and an empty set
    /// when it does not decode (so no use is).
    pub fn key_usage(&self) -> Option<KeyUsage> {
        let (value, _) = self.extension(&OID_KEY_USAGE)?;
        Some(KeyUsage::from_der(value).unwrap_or(KeyUsage(Default::default())))
    }

    /// What kind of key the certificate holds, as far as TLS signing goes.
    pub fn key_kind(&self) -> Option<crate::pki::KeyKind> {
        use crate::pki::KeyKind;
        let spki = &self.cert.tbs_certificate.subject_public_key_info;
        match spki.algorithm.oid.to_string().as_str() {
            "1.2.840.113549.1.1.1" => Some(KeyKind::Rsa),
            "1.2.840.113549.1.1.10" => {
                let params = spki.algorithm.parameters.as_ref().map(x509_cert::der::Encode::to_der).transpose().ok()?;
                crate::pki::PssHash::restriction(params.as_deref()).map(KeyKind::RsaPss)
            }
            "1.3.101.112" => Some(KeyKind::Ed25519),
            "1.2.840.10045.2.1" => {
                let curve: ObjectIdentifier = spki.algorithm.parameters.as_ref()?.decode_as().ok()?;
                match curve.to_string().as_str() {
                    "1.2.840.10045.3.1.7" => Some(KeyKind::EcdsaP256),
                    "1.3.132.0.34" => Some(KeyKind::EcdsaP384),
                    "1.3.132.0.35" => Some(KeyKind::EcdsaP521),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The public key as a policy's certificate-key rules see it.
    pub fn policy_key(&self) -> Option<crate::policy::CertificateKey> {
        use crate::policy::CertificateKey;
        let spki = &self.cert.tbs_certificate.subject_public_key_info;
        match spki.algorithm.oid.to_string().as_str() {
            "1.2.840.113549.1.1.1" => Some(CertificateKey::Rsa(self.rsa_modulus_bits()?)),
            "1.2.840.113549.1.1.10" => Some(CertificateKey::RsaPss(self.rsa_modulus_bits()?)),
            "2.16.840.1.101.3.4.3.19" => Some(CertificateKey::MlDsa87),
            "1.2.840.10045.2.1" => Some(CertificateKey::Ecdsa(match self.key_kind()? {
                crate::pki::KeyKind::EcdsaP256 => 256,
                crate::pki::KeyKind::EcdsaP384 => 384,
                crate::pki::KeyKind::EcdsaP521 => 521,
                _ => return None,
            })),
            _ => None,
        }
    }

    /// Whether the certificate is signed with an algorithm one of `schemes` (TLS signature
    /// schemes) names. As in s2n the comparison is by the certificate signature algorithm,
    /// so every RSA-PSS scheme allows any RSA-PSS signature, and ECDSA schemes go by hash.
    pub fn signed_with_one_of(&self, schemes: &[u16]) -> bool {
        let allowed: &[u16] = match self.cert.signature_algorithm.oid.to_string().as_str() {
            "1.2.840.10045.4.1" => &[0x0203],
            "1.2.840.10045.4.3.1" => &[0x0303],
            "1.2.840.10045.4.3.2" => &[0x0403],
            "1.2.840.10045.4.3.3" => &[0x0503],
            "1.2.840.10045.4.3.4" => &[0x0603],
            "1.2.840.113549.1.1.5" => &[0x0201],
            "1.2.840.113549.1.1.14" => &[0x0301],
            "1.2.840.113549.1.1.11" => &[0x0401],
            "1.2.840.113549.1.1.12" => &[0x0501],
            "1.2.840.113549.1.1.13" => &[0x0601],
            "1.2.840.113549.1.1.10" => &[0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b],
            "1.3.101.112" => &[0x0807],
            "2.16.840.1.101.3.4.3.17" => &[0x0904],
            "2.16.840.1.101.3.4.3.18" => &[0x0905],
            "2.16.840.1.101.3.4.3.19" => &[0x0906],
            _ => &[],
        };
        schemes.iter().any(|s| allowed.contains(s))
    }

    /// Issued by its own subject (a root, or a self-signed leaf).
    pub fn is_self_issued(&self) -> bool {
        self.cert.tbs_certificate.issuer == self.cert.tbs_certificate.subject
    }

    fn rsa_modulus_bits(&self) -> Option<u32> {
        let key = self.cert.tbs_certificate.subject_public_key_info.subject_public_key.as_bytes()?;
        let modulus = SliceReader::new(key)
            .and_then(|mut r| {
                r.sequence(|r| {
                    let modulus = UintRef::decode(r)?;
                    UintRef::decode(r)?; // the public exponent
                    Ok(modulus)
                })
            })
            .ok()?;
        let bytes = modulus.as_bytes();
        Some((bytes.len() * 8 - bytes.first().map_or(0, |b| b.leading_zeros() as usize)) as u32)
    }

    /// The leaf's public key as s2n names it: "rsa<bits>" (RSA and RSA-PSS),
    /// "ecdsa_secp256r1", "ecdsa_secp384r1" or "ecdsa_secp521r1"; `None` for other keys.
    pub fn public_key_description(&self) -> Option<String> {
        let spki = &self.cert.tbs_certificate.subject_public_key_info;
        match spki.algorithm.oid.to_string().as_str() {
            "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => Some(format!("rsa{}", self.rsa_modulus_bits()?)),
            "1.2.840.10045.2.1" => {
                let curve: ObjectIdentifier = spki.algorithm.parameters.as_ref()?.decode_as().ok()?;
                let name = match curve.to_string().as_str() {
                    "1.2.840.10045.3.1.7" => "ecdsa_secp256r1",
                    "1.3.132.0.34" => "ecdsa_secp384r1",
                    "1.3.132.0.35" => "ecdsa_secp521r1",
                    _ => return None,
                };
                Some(name.to_owned())
            }
            _ => None,
        }
    }

    /// The raw value (the content of the extnValue OCTET STRING) and critical flag of the
    /// extension with this OID.
    pub fn extension(&self, oid: &ObjectIdentifier) -> Option<(&[u8], bool)> {
        let extensions = self.cert.tbs_certificate.extensions.as_ref()?;
        extensions.iter().find(|ext| ext.extn_id == *oid).map(|ext| (ext.extn_value.as_bytes(), ext.critical))
    }
}

/// An OID in dotted form ("2.5.29.17").
pub fn parse_oid(text: &str) -> Option<ObjectIdentifier> {
    ObjectIdentifier::new(text).ok()
}

/// The text of a DER-encoded UTF8String that is exactly `der`.
pub fn utf8_string(der: &[u8]) -> Option<&[u8]> {
    Utf8StringRef::from_der(der).ok().map(|s| s.as_str().as_bytes())
}

fn san_entry(name: &GeneralName) -> SanEntry {
    match name {
        GeneralName::DnsName(dns) => SanEntry::Dns(dns.to_string()),
        GeneralName::UniformResourceIdentifier(uri) => SanEntry::Uri(uri.to_string()),
        GeneralName::IpAddress(octets) => match octets.as_bytes() {
            b if b.len() == 4 => SanEntry::Ip(IpAddr::from(<[u8; 4]>::try_from(b).unwrap_or_default())),
            b if b.len() == 16 => SanEntry::Ip(IpAddr::from(<[u8; 16]>::try_from(b).unwrap_or_default())),
            _ => SanEntry::MalformedIp,
        },
        _ => SanEntry::Other,
    }
}

/// Every attribute of a name in encoding order, with its value when it is a string type.
fn attributes(name: &Name) -> impl Iterator<Item = (ObjectIdentifier, Option<String>)> + '_ {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).map(|atv| {
        let value = &atv.value;
        let text = match value.tag() {
            Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str().to_owned()),
            Tag::PrintableString => PrintableStringRef::try_from(value).ok().map(|s| s.as_str().to_owned()),
            Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.as_str().to_owned()),
            Tag::TeletexString => TeletexStringRef::try_from(value).ok().map(|s| s.as_str().to_owned()),
            Tag::BmpString => bmp_to_string(value.value()),
            _ => None,
        };
        (atv.oid, text)
    })
}

fn bmp_to_string(bytes: &[u8]) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]]));
    char::decode_utf16(units).collect::<std::result::Result<String, _>>().ok()
}

/// OpenSSL's short names for the attributes certificates commonly carry.
fn short_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    let arcs = oid.to_string();
    Some(match arcs.as_str() {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.42" => "GN",
        "2.5.4.46" => "dnQualifier",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "emailAddress",
        _ => return None,
    })
}

fn one_line(name: &Name) -> String {
    let mut line = String::new();
    for (oid, value) in attributes(name) {
        line.push('/');
        match short_name(&oid) {
            Some(short) => line.push_str(short),
            None => line.push_str(&oid.to_string()),
        }
        line.push('=');
        line.push_str(value.as_deref().unwrap_or("<unsupported>"));
    }
    line
}

/// OpenSSL's `X509_NAME_hash` of a name, which s2n's CRL API hands out to match CRLs with
/// certificates (and `c_rehash` names files by): the first four bytes, read little-endian,
/// of SHA-1 over the name's canonical encoding. That encoding (OpenSSL's x509_name_canon)
/// is each RDN's SET with its string values as UTF8Strings, trimmed, inner runs of white
/// space made one space and ASCII lower-cased, without the outer SEQUENCE. `None` for a
/// value that is no valid string of its type.
pub fn openssl_name_hash(name: &Name) -> Option<u64> {
    use x509_cert::der::Encode;
    let tlv = |tag: Tag, body: &[u8]| -> Option<Vec<u8>> {
        let mut out = x509_cert::der::Header::new(tag, body.len()).ok()?.to_der().ok()?;
        out.extend_from_slice(body);
        Some(out)
    };
    let mut canon = Vec::new();
    for rdn in name.0.iter() {
        let mut entries = Vec::new();
        for atv in rdn.0.iter() {
            let value = match canonical_text(&atv.value)? {
                Some(text) => tlv(Tag::Utf8String, text.as_bytes())?,
                None => atv.value.to_der().ok()?,
            };
            let mut body = atv.oid.to_der().ok()?;
            body.extend_from_slice(&value);
            entries.push(tlv(Tag::Sequence, &body)?);
        }
        // A SET OF is encoded in sorted order (DER), as OpenSSL re-encodes it.
        entries.sort();
        canon.extend_from_slice(&tlv(Tag::Set, &entries.concat())?);
    }
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, &canon);
    let d = digest.as_ref();
    Some(u64::from(u32::from_le_bytes([d[0], d[1], d[2], d[3]])))
}

/// A name attribute's text as OpenSSL canonicalises it; `Some(None)` for a value of a type
/// it copies unchanged, `None` for a string that does not decode.
fn canonical_text(value: &x509_cert::der::Any) -> Option<Option<String>> {
    let bytes = value.value();
    let text: String = match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            std::str::from_utf8(bytes).ok()?.to_owned()
        }
        // T61 as Latin-1, as OpenSSL reads it.
        Tag::TeletexString => bytes.iter().map(|&b| char::from(b)).collect(),
        Tag::BmpString => {
            let units: Vec<u16> =
                bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1)?]).into()).collect::<Option<_>>()?;
            String::from_utf16(&units).ok()?
        }
        _ => return Some(None),
    };
    // OpenSSL's isspace: space, \t, \n, \v, \f, \r.
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r');
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.trim_matches(is_space).chars() {
        if is_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_space = false;
        }
    }
    Some(Some(out))
}

/// What s2n's CRL API reads from a CRL: its issuer's `X509_NAME_hash`, thisUpdate and
/// nextUpdate (Unix seconds).
pub struct CrlFacts {
    pub issuer_hash: u64,
    pub this_update: i64,
    pub next_update: Option<i64>,
}

impl CrlFacts {
    pub fn parse(der: &[u8]) -> Result<CrlFacts> {
        let bad = || Error::new(ErrorCode::INVALID_PEM);
        let list = x509_cert::crl::CertificateList::from_der(der).map_err(|_| bad())?;
        let tbs = &list.tbs_cert_list;
        Ok(CrlFacts {
            issuer_hash: openssl_name_hash(&tbs.issuer).ok_or_else(bad)?,
            this_update: unix_seconds(tbs.this_update),
            next_update: tbs.next_update.map(unix_seconds),
        })
    }
}

impl CertFields {
    /// The issuer's `X509_NAME_hash` (see [`openssl_name_hash`]).
    pub fn issuer_hash(&self) -> Option<u64> {
        openssl_name_hash(&self.cert.tbs_certificate.issuer)
    }
}

fn unix_seconds(time: x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expected values are what `openssl x509 -issuer_hash` prints for these files.
    #[test]
    fn issuer_hash_is_openssl_s_name_hash() {
        let hash = |file: &str| {
            let pem = std::fs::read(format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            CertFields::parse(&crate::pki::certificates_from_pem(&pem).unwrap()[0]).unwrap().issuer_hash()
        };
        assert_eq!(hash("ecdsa_p256_pkcs1_cert.pem"), Some(0x3f29_d814));
        // Self-issued, with a subject that needs canonicalising: outer and repeated spaces,
        // upper case ("/C=US/O=  Ferro   TLS  Tests /OU=MixedtCase/CN=  Name HASH   Check  ").
        assert_eq!(hash("name_hash_cert.pem"), Some(0xcd71_d368));
    }

    #[test]
    fn fields_of_a_real_certificate() {
        let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/ecdsa_p256_pkcs1_cert.pem")).unwrap();
        let chain = crate::pki::certificates_from_pem(&pem).unwrap();
        let leaf = CertFields::parse(&chain[0]).unwrap();
        assert_eq!(
            leaf.subject_alt_names(),
            Some(vec![SanEntry::Dns("localhost".into()), SanEntry::Ip(IpAddr::from([127, 0, 0, 1]))])
        );
        assert_eq!(leaf.common_name().as_deref(), Some("localhost"));
        assert_eq!(leaf.subject_line(), "/CN=localhost");
        assert_eq!(leaf.issuer_line(), "/CN=ferrotls test CA");
        // Made on 2026-12-03, valid for ten years.
        assert!((1_796_000_000..1_797_000_000).contains(&leaf.not_before()), "{}", leaf.not_before());
        assert!(leaf.not_after() - leaf.not_before() > 9 * 365 * 86_400);
        assert_eq!(leaf.public_key_description().as_deref(), Some("ecdsa_secp256r1"));
        let ca = CertFields::parse(&chain[1]).unwrap();
        assert_eq!(ca.subject_alt_names(), None);
        let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/rsa_2048_pkcs1_cert.pem")).unwrap();
        let rsa = CertFields::parse(&crate::pki::certificates_from_pem(&pem).unwrap()[0]).unwrap();
        assert_eq!(rsa.public_key_description().as_deref(), Some("rsa2048"));
    }

    #[test]
    fn garbage_is_a_decode_error() {
        let err = CertFields::parse(&[0x30, 0x03, 0x02, 0x01, 0x00]).err().unwrap();
        assert_eq!(err.code, ErrorCode::DECODE_CERTIFICATE);
    }
}
