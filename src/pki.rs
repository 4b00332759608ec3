//! Certificates and private keys as the library holds them: PEM decoding, key loading and
//! the check that a key belongs to its certificate. X.509 structure comes from
//! rustls-webpki and x509-cert (see `x509`), PEM from rustls-pki-types; we parse neither
//! by hand.

use std::sync::Arc;

use aws_lc_rs::signature::{
    EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair, ECDSA_P256_SHA256_ASN1_SIGNING, ECDSA_P384_SHA384_ASN1_SIGNING,
    ECDSA_P521_SHA512_ASN1_SIGNING,
};
use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

/// The kinds of key TLS lets us sign with: what a signature scheme needs to know about a
/// key, whether we hold the private key or the application signs for us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    EcdsaP256,
    EcdsaP384,
    EcdsaP521,
    Rsa,
    /// An RSASSA-PSS key (id-RSASSA-PSS, RFC 4055): it signs only RSA-PSS, with any hash or
    /// with the one its parameters name.
    RsaPss(Option<PssHash>),
    Ed25519,
}

/// The hash an RSASSA-PSS key's parameters restrict it to (with MGF1 over the same hash
/// and a salt as long as the digest, the only form TLS can use: RFC 8446 §4.2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PssHash {
    Sha256,
    Sha384,
    Sha512,
}

/// The DER object identifier id-RSASSA-PSS (1.2.840.113549.1.1.10), tag and length included.
pub const RSASSA_PSS_OID: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];

impl PssHash {
    pub const ALL: [PssHash; 3] = [PssHash::Sha256, PssHash::Sha384, PssHash::Sha512];

    /// The AlgorithmIdentifier contents (OID and parameters) of an RSASSA-PSS key or
    /// signature using this hash. Keys and signatures share the encoding.
    pub fn algorithm_id(self) -> rustls_pki_types::AlgorithmIdentifier {
        use rustls_pki_types::alg_id;
        match self {
            PssHash::Sha256 => alg_id::RSA_PSS_SHA256,
            PssHash::Sha384 => alg_id::RSA_PSS_SHA384,
            PssHash::Sha512 => alg_id::RSA_PSS_SHA512,
        }
    }

    /// What an RSASSA-PSS key's parameters (the DER element after the OID, if any) allow:
    /// `Some(None)` for no parameters (any hash), `Some(Some(hash))` for one hash, and
    /// `None` for any other restriction (a salt length TLS cannot use, a foreign MGF).
    pub fn restriction(params: Option<&[u8]>) -> Option<Option<PssHash>> {
        let Some(params) = params else { return Some(None) };
        PssHash::ALL.into_iter().find(|h| h.algorithm_id().as_ref()[RSASSA_PSS_OID.len()..] == *params).map(Some)
    }
}

impl KeyKind {
    pub fn is_ecdsa(self) -> bool {
        matches!(self, KeyKind::EcdsaP256 | KeyKind::EcdsaP384 | KeyKind::EcdsaP521)
    }

    /// RSA of either kind: what TLS 1.2's ECDHE_RSA suites authenticate with.
    pub fn is_rsa(self) -> bool {
        matches!(self, KeyKind::Rsa | KeyKind::RsaPss(_))
    }
}

/// A private key we can sign with. The variants are the key types TLS lets us use.
pub enum SigningKey {
    EcdsaP256(EcdsaKeyPair),
    EcdsaP384(EcdsaKeyPair),
    EcdsaP521(EcdsaKeyPair),
    Rsa(RsaKeyPair),
    /// The RSA key inside an RSASSA-PSS PKCS#8 document, and what its parameters allow.
    RsaPss(RsaKeyPair, Option<PssHash>),
    Ed25519(Ed25519KeyPair),
}

impl SigningKey {
    /// Loads a DER private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC).
    pub fn from_der(der: &PrivateKeyDer<'_>) -> Result<SigningKey> {
        let bytes = der.secret_der();
        let loaded = match der {
            PrivateKeyDer::Pkcs1(_) => RsaKeyPair::from_der(bytes).ok().map(SigningKey::Rsa),
            PrivateKeyDer::Sec1(_) | PrivateKeyDer::Pkcs8(_) => Self::ecdsa(bytes)
                .or_else(|| matches!(der, PrivateKeyDer::Pkcs8(_)).then(|| Self::pkcs8_other(bytes)).flatten()),
            _ => None,
        };
        loaded.ok_or_else(|| Error::new(ErrorCode::DECODE_PRIVATE_KEY))
    }

    fn ecdsa(der: &[u8]) -> Option<SigningKey> {
        let curves: [(_, fn(EcdsaKeyPair) -> SigningKey); 3] = [
            (&ECDSA_P256_SHA256_ASN1_SIGNING, SigningKey::EcdsaP256),
            (&ECDSA_P384_SHA384_ASN1_SIGNING, SigningKey::EcdsaP384),
            (&ECDSA_P521_SHA512_ASN1_SIGNING, SigningKey::EcdsaP521),
        ];
        curves.into_iter().find_map(|(alg, wrap)| EcdsaKeyPair::from_private_key_der(alg, der).ok().map(wrap))
    }

    fn pkcs8_other(der: &[u8]) -> Option<SigningKey> {
        RsaKeyPair::from_pkcs8(der)
            .map(SigningKey::Rsa)
            .or_else(|_| Ed25519KeyPair::from_pkcs8_maybe_unchecked(der).map(SigningKey::Ed25519))
            .ok()
            .or_else(|| Self::pkcs8_rsa_pss(der))
    }

    /// An RSASSA-PSS PrivateKeyInfo wraps an ordinary RSAPrivateKey; aws-lc-rs loads PKCS#8
    /// only under the rsaEncryption OID, so the wrapper is decoded here (with the `der`
    /// crate) and the inner key loaded as PKCS#1.
    fn pkcs8_rsa_pss(der: &[u8]) -> Option<SigningKey> {
        use x509_cert::der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
        use x509_cert::der::{Decode, Encode, Reader, SliceReader};
        const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
        let (oid, params, key) = SliceReader::new(der)
            .and_then(|mut r| {
                r.sequence(|r| {
                    let _version = u8::decode(r)?;
                    let (oid, params) =
                        r.sequence(|r| Ok((ObjectIdentifier::decode(r)?, Option::<AnyRef>::decode(r)?)))?;
                    let key = OctetStringRef::decode(r)?;
                    // Attributes and a public key may follow (RFC 5958); they change nothing.
                    r.read_slice(r.remaining_len())?;
                    Ok((oid, params.map(|p| p.to_der()).transpose()?, key.as_bytes()))
                })
            })
            .ok()?;
        if oid != RSASSA_PSS {
            return None;
        }
        let restriction = PssHash::restriction(params.as_deref())?;
        RsaKeyPair::from_der(key).ok().map(|k| SigningKey::RsaPss(k, restriction))
    }

    /// Loads the first private key in a PEM document.
    pub fn from_pem(pem: &[u8]) -> Result<SigningKey> {
        let der = PrivateKeyDer::from_pem_slice(pem).map_err(|e| pem_error(e, ErrorCode::DECODE_PRIVATE_KEY))?;
        Self::from_der(&der)
    }

    pub fn kind(&self) -> KeyKind {
        match self {
            SigningKey::EcdsaP256(_) => KeyKind::EcdsaP256,
            SigningKey::EcdsaP384(_) => KeyKind::EcdsaP384,
            SigningKey::EcdsaP521(_) => KeyKind::EcdsaP521,
            SigningKey::Rsa(_) => KeyKind::Rsa,
            SigningKey::RsaPss(_, restriction) => KeyKind::RsaPss(*restriction),
            SigningKey::Ed25519(_) => KeyKind::Ed25519,
        }
    }

    /// The public key as it appears inside a certificate's SubjectPublicKeyInfo bit string.
    pub fn public_key(&self) -> &[u8] {
        match self {
            SigningKey::EcdsaP256(k) | SigningKey::EcdsaP384(k) | SigningKey::EcdsaP521(k) => k.public_key().as_ref(),
            SigningKey::Rsa(k) | SigningKey::RsaPss(k, _) => k.public_key().as_ref(),
            SigningKey::Ed25519(k) => k.public_key().as_ref(),
        }
    }
}

/// Maps a PEM decoding failure: a document without the object we want is `missing`;
/// anything malformed is `S2N_ERR_INVALID_PEM`.
fn pem_error(err: pem::Error, missing: ErrorCode) -> Error {
    match err {
        pem::Error::NoItemsFound => Error::new(missing),
        _ => Error::new(ErrorCode::INVALID_PEM),
    }
}

/// Decodes every certificate in a PEM document, leaf first. Each must be well-formed X.509.
pub fn certificates_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let chain = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_error(e, ErrorCode::NO_CERTIFICATE_IN_PEM))?;
    if chain.is_empty() {
        return Err(Error::new(ErrorCode::NO_CERTIFICATE_IN_PEM));
    }
    for cert in &chain {
        webpki::EndEntityCert::try_from(cert).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
    }
    Ok(chain)
}

/// A certificate chain and, for our own certificates, the key that signs for its leaf.
pub struct CertifiedKey {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: Option<SigningKey>,
    /// The leaf's host names, lower-cased, for choosing a chain by SNI: its DNS
    /// subjectAltNames, or its commonName when it has none (s2n's rule).
    names: Vec<String>,
    /// The kind of the leaf's key (from the private key, or else from the certificate).
    pub kind: Option<KeyKind>,
    /// What a server sends with this chain's leaf to a client that asks. It may be
    /// replaced while configs share the chain (servers refresh staples), hence the lock.
    leaf_extras: std::sync::RwLock<LeafExtras>,
}

#[derive(Default)]
struct LeafExtras {
    /// The DER OCSP response stapled for the leaf (RFC 6066 §8).
    ocsp_response: Option<Arc<[u8]>>,
    /// The Certificate Transparency SCT list (RFC 6962 §3.3), as the extension carries it.
    sct_list: Option<Arc<[u8]>>,
}

fn non_empty(data: &[u8]) -> Option<Arc<[u8]>> {
    (!data.is_empty()).then(|| Arc::from(data))
}

/// How a chain's names relate to the server name a client asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch {
    Exact,
    /// A "*.example.com" name covers the first label of the requested name.
    Wildcard,
    None,
}

impl CertifiedKey {
    pub fn new(chain: Vec<CertificateDer<'static>>, key: Option<SigningKey>) -> CertifiedKey {
        let names = chain.first().map(|leaf| leaf_names(leaf)).unwrap_or_default();
        let kind = key.as_ref().map(SigningKey::kind).or_else(|| {
            chain.first().and_then(|leaf| crate::x509::CertFields::parse(leaf).ok()).and_then(|f| f.key_kind())
        });
        CertifiedKey { chain, key, names, kind, leaf_extras: Default::default() }
    }

    /// Sets (or with an empty response, clears) the OCSP response stapled for the leaf.
    pub fn set_ocsp_response(&self, response: &[u8]) {
        self.leaf_extras.write().unwrap_or_else(|p| p.into_inner()).ocsp_response = non_empty(response);
    }

    /// The OCSP response to staple, if there is one.
    pub fn ocsp_response(&self) -> Option<Arc<[u8]>> {
        self.leaf_extras.read().unwrap_or_else(|p| p.into_inner()).ocsp_response.clone()
    }

    /// Sets (or with an empty list, clears) the SCT list sent for the leaf.
    pub fn set_sct_list(&self, list: &[u8]) {
        self.leaf_extras.write().unwrap_or_else(|p| p.into_inner()).sct_list = non_empty(list);
    }

    /// The SCT list to send to a client that asks for one, if there is one.
    pub fn sct_list(&self) -> Option<Arc<[u8]>> {
        self.leaf_extras.read().unwrap_or_else(|p| p.into_inner()).sct_list.clone()
    }

    /// Builds a chain and key from PEM, checking that the key belongs to the leaf.
    pub fn from_pem(chain_pem: &[u8], key_pem: &[u8]) -> Result<CertifiedKey> {
        let chain = certificates_from_pem(chain_pem)?;
        // The PEM text of a key is a secret too; don't leave copies of it around.
        let key = SigningKey::from_pem(&Zeroizing::new(key_pem.to_vec()))?;
        check_key_matches(&chain[0], &key)?;
        Ok(CertifiedKey::new(chain, Some(key)))
    }

    /// A chain with no private key (the key operations happen elsewhere).
    pub fn public_only(chain_pem: &[u8]) -> Result<CertifiedKey> {
        Ok(CertifiedKey::new(certificates_from_pem(chain_pem)?, None))
    }

    /// Whether this chain is one for `server_name`: an exact (case-insensitive) name, or a
    /// wildcard standing for its first label.
    pub fn match_name(&self, server_name: &str) -> NameMatch {
        self.match_name_where(server_name, |_| true)
    }

    /// [`match_name`](Self::match_name) among the names `usable` lets through.
    pub fn match_name_where(&self, server_name: &str, usable: impl Fn(&str) -> bool) -> NameMatch {
        let wanted = server_name.to_ascii_lowercase();
        let names = || self.names.iter().filter(|n| usable(n));
        if names().any(|n| *n == wanted) {
            return NameMatch::Exact;
        }
        match wanted.find('.') {
            Some(dot) if names().any(|n| n.strip_prefix('*') == Some(&wanted[dot..])) => NameMatch::Wildcard,
            _ => NameMatch::None,
        }
    }

    /// The names the chain answers for, lower-cased: its DNS subjectAltNames, or its
    /// commonName when it has none.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

fn leaf_names(leaf: &CertificateDer<'_>) -> Vec<String> {
    let Ok(fields) = crate::x509::CertFields::parse(leaf) else { return Vec::new() };
    let dns: Vec<String> = fields
        .subject_alt_names()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| match entry {
            crate::x509::SanEntry::Dns(name) => Some(name.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    if !dns.is_empty() {
        return dns;
    }
    fields.common_name().map(|cn| vec![cn.to_ascii_lowercase()]).unwrap_or_default()
}

/// Fails with `S2N_ERR_KEY_MISMATCH` unless `key` is the private half of `cert`'s public key.
///
/// The SubjectPublicKeyInfo DER ends with the BIT STRING holding the public key (a zero
/// "unused bits" byte, then the key), so comparing that tail needs no certificate parsing
/// and no signature.
pub fn check_key_matches(cert: &CertificateDer<'_>, key: &SigningKey) -> Result<()> {
    let leaf = webpki::EndEntityCert::try_from(cert).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
    let spki = leaf.subject_public_key_info();
    let spki = spki.as_ref();
    let public = key.public_key();
    let matches = spki.len() > public.len() && spki.ends_with(public) && spki[spki.len() - public.len() - 1] == 0;
    if matches {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::KEY_MISMATCH))
    }
}

/// Decrypts a PEM "ENCRYPTED PRIVATE KEY" (PKCS#8 EncryptedPrivateKeyInfo with PBES2:
/// PBKDF2 and AES-CBC, what OpenSSL writes) with `password`, returning the PrivateKeyInfo
/// DER. Any other scheme, a wrong password or a damaged document is an error.
pub fn decrypt_pkcs8_pem(pem: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use aws_lc_rs::cipher::{DecryptionContext, PaddedBlockDecryptingKey, UnboundCipherKey, AES_128, AES_256};
    use aws_lc_rs::pbkdf2;
    use pkcs5::pbes2::{self, Pbkdf2Prf};
    use x509_cert::der::asn1::OctetStringRef;
    use x509_cert::der::{Decode, Reader, SliceReader};

    let bad = || Error::new(ErrorCode::DECODE_PRIVATE_KEY);
    let der = pem_body(pem, "ENCRYPTED PRIVATE KEY").ok_or_else(bad)?;
    let (scheme, data) = SliceReader::new(&der)
        .and_then(|mut r| {
            r.sequence(|r| Ok((pkcs5::EncryptionScheme::decode(r)?, OctetStringRef::decode(r)?.as_bytes().to_vec())))
        })
        .map_err(|_| bad())?;
    let pkcs5::EncryptionScheme::Pbes2(params) = scheme else { return Err(bad()) };
    let pbes2::Kdf::Pbkdf2(kdf) = &params.kdf else { return Err(bad()) };
    let prf = match kdf.prf {
        Pbkdf2Prf::HmacWithSha1 => pbkdf2::PBKDF2_HMAC_SHA1,
        Pbkdf2Prf::HmacWithSha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        Pbkdf2Prf::HmacWithSha384 => pbkdf2::PBKDF2_HMAC_SHA384,
        Pbkdf2Prf::HmacWithSha512 => pbkdf2::PBKDF2_HMAC_SHA512,
        _ => return Err(bad()),
    };
    let (cipher, key_len, iv) = match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { iv } => (&AES_128, 16, iv),
        pbes2::EncryptionScheme::Aes256Cbc { iv } => (&AES_256, 32, iv),
        _ => return Err(bad()),
    };
    let iterations = std::num::NonZeroU32::new(kdf.iteration_count).ok_or_else(bad)?;
    let mut key = Zeroizing::new(vec![0u8; key_len]);
    pbkdf2::derive(prf, iterations, kdf.salt, password, &mut key);
    let key = UnboundCipherKey::new(cipher, &key).map_err(|_| bad())?;
    let mut buf = Zeroizing::new(data);
    let plain_len = PaddedBlockDecryptingKey::cbc_pkcs7(key)
        .and_then(|k| k.decrypt(&mut buf, DecryptionContext::Iv128((*iv).into())))
        .map_err(|_| bad())?
        .len();
    buf.truncate(plain_len);
    // A wrong password mostly fails on the padding; what is left must be a key.
    SigningKey::from_der(&PrivateKeyDer::Pkcs8(buf.as_slice().into()))?;
    Ok(buf)
}

/// The decoded body of the first PEM block labelled `label`.
fn pem_body(pem: &[u8], label: &str) -> Option<Zeroizing<Vec<u8>>> {
    use base64ct::Encoding;
    let text = std::str::from_utf8(pem).ok()?;
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    let body: String = text[start..stop].chars().filter(|c| !c.is_whitespace()).collect();
    base64ct::Base64::decode_vec(&body).ok().map(Zeroizing::new)
}

/// PEM text of one DER object, as OpenSSL writes it (64 characters a line).
pub fn pem_encode(label: &str, der: &[u8]) -> Vec<u8> {
    use base64ct::Encoding;
    let b64 = Zeroizing::new(base64ct::Base64::encode_string(der));
    let mut out = format!("-----BEGIN {label}-----\n").into_bytes();
    for line in b64.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(format!("-----END {label}-----\n").as_bytes());
    out
}
