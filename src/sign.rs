//! Signature schemes (RFC 8446 §4.2.3): signing with our keys, verifying with a peer's
//! certificate.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self as sig, RsaEncoding};
use rustls_pki_types::{AlgorithmIdentifier, CertificateDer, InvalidSignature, SignatureVerificationAlgorithm};
use webpki::aws_lc_rs as algs;

use crate::error::{Error, ErrorCode, Result};
use crate::pki::{KeyKind, PssHash, SigningKey, RSASSA_PSS_OID};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureScheme {
    RsaPkcs1Sha256,
    RsaPkcs1Sha384,
    RsaPkcs1Sha512,
    EcdsaSecp256r1Sha256,
    EcdsaSecp384r1Sha384,
    EcdsaSecp521r1Sha512,
    RsaPssRsaeSha256,
    RsaPssRsaeSha384,
    RsaPssRsaeSha512,
    RsaPssPssSha256,
    RsaPssPssSha384,
    RsaPssPssSha512,
    Ed25519,
}

impl SignatureScheme {
    pub const ALL: [SignatureScheme; 13] = [
        SignatureScheme::EcdsaSecp256r1Sha256,
        SignatureScheme::EcdsaSecp384r1Sha384,
        SignatureScheme::EcdsaSecp521r1Sha512,
        SignatureScheme::Ed25519,
        SignatureScheme::RsaPssPssSha256,
        SignatureScheme::RsaPssPssSha384,
        SignatureScheme::RsaPssPssSha512,
        SignatureScheme::RsaPssRsaeSha256,
        SignatureScheme::RsaPssRsaeSha384,
        SignatureScheme::RsaPssRsaeSha512,
        SignatureScheme::RsaPkcs1Sha256,
        SignatureScheme::RsaPkcs1Sha384,
        SignatureScheme::RsaPkcs1Sha512,
    ];

    pub fn iana(self) -> u16 {
        match self {
            SignatureScheme::RsaPkcs1Sha256 => 0x0401,
            SignatureScheme::RsaPkcs1Sha384 => 0x0501,
            SignatureScheme::RsaPkcs1Sha512 => 0x0601,
            SignatureScheme::EcdsaSecp256r1Sha256 => 0x0403,
            SignatureScheme::EcdsaSecp384r1Sha384 => 0x0503,
            SignatureScheme::EcdsaSecp521r1Sha512 => 0x0603,
            SignatureScheme::RsaPssRsaeSha256 => 0x0804,
            SignatureScheme::RsaPssRsaeSha384 => 0x0805,
            SignatureScheme::RsaPssRsaeSha512 => 0x0806,
            SignatureScheme::RsaPssPssSha256 => 0x0809,
            SignatureScheme::RsaPssPssSha384 => 0x080a,
            SignatureScheme::RsaPssPssSha512 => 0x080b,
            SignatureScheme::Ed25519 => 0x0807,
        }
    }

    /// The IANA name, which s2n reports (`s2n_connection_get_signature_scheme`).
    pub fn name(self) -> &'static str {
        match self {
            SignatureScheme::RsaPkcs1Sha256 => "rsa_pkcs1_sha256",
            SignatureScheme::RsaPkcs1Sha384 => "rsa_pkcs1_sha384",
            SignatureScheme::RsaPkcs1Sha512 => "rsa_pkcs1_sha512",
            SignatureScheme::EcdsaSecp256r1Sha256 => "ecdsa_secp256r1_sha256",
            SignatureScheme::EcdsaSecp384r1Sha384 => "ecdsa_secp384r1_sha384",
            SignatureScheme::EcdsaSecp521r1Sha512 => "ecdsa_secp521r1_sha512",
            SignatureScheme::RsaPssRsaeSha256 => "rsa_pss_rsae_sha256",
            SignatureScheme::RsaPssRsaeSha384 => "rsa_pss_rsae_sha384",
            SignatureScheme::RsaPssRsaeSha512 => "rsa_pss_rsae_sha512",
            SignatureScheme::RsaPssPssSha256 => "rsa_pss_pss_sha256",
            SignatureScheme::RsaPssPssSha384 => "rsa_pss_pss_sha384",
            SignatureScheme::RsaPssPssSha512 => "rsa_pss_pss_sha512",
            SignatureScheme::Ed25519 => "ed25519",
        }
    }

    pub fn from_iana(v: u16) -> Option<SignatureScheme> {
        SignatureScheme::ALL.into_iter().find(|s| s.iana() == v)
    }

    /// TLS 1.3 forbids PKCS#1 v1.5 signatures in the handshake (RFC 8446 §4.2.3).
    pub fn allowed_in_tls13(self) -> bool {
        !matches!(
            self,
            SignatureScheme::RsaPkcs1Sha256 | SignatureScheme::RsaPkcs1Sha384 | SignatureScheme::RsaPkcs1Sha512
        )
    }

    /// Whether a key of `kind` can produce this scheme's signatures.
    pub fn fits(self, kind: KeyKind) -> bool {
        use SignatureScheme as S;
        matches!(
            (self, kind),
            (S::EcdsaSecp256r1Sha256, KeyKind::EcdsaP256)
                | (S::EcdsaSecp384r1Sha384, KeyKind::EcdsaP384)
                | (S::EcdsaSecp521r1Sha512, KeyKind::EcdsaP521)
                | (S::Ed25519, KeyKind::Ed25519)
                | (S::RsaPssPssSha256, KeyKind::RsaPss(None | Some(PssHash::Sha256)))
                | (S::RsaPssPssSha384, KeyKind::RsaPss(None | Some(PssHash::Sha384)))
                | (S::RsaPssPssSha512, KeyKind::RsaPss(None | Some(PssHash::Sha512)))
                | (
                    S::RsaPssRsaeSha256
                        | S::RsaPssRsaeSha384
                        | S::RsaPssRsaeSha512
                        | S::RsaPkcs1Sha256
                        | S::RsaPkcs1Sha384
                        | S::RsaPkcs1Sha512,
                    KeyKind::Rsa
                )
        )
    }

    fn rsa_encoding(self) -> Option<&'static dyn RsaEncoding> {
        Some(match self {
            SignatureScheme::RsaPkcs1Sha256 => &sig::RSA_PKCS1_SHA256,
            SignatureScheme::RsaPkcs1Sha384 => &sig::RSA_PKCS1_SHA384,
            SignatureScheme::RsaPkcs1Sha512 => &sig::RSA_PKCS1_SHA512,
            SignatureScheme::RsaPssRsaeSha256 | SignatureScheme::RsaPssPssSha256 => &sig::RSA_PSS_SHA256,
            SignatureScheme::RsaPssRsaeSha384 | SignatureScheme::RsaPssPssSha384 => &sig::RSA_PSS_SHA384,
            SignatureScheme::RsaPssRsaeSha512 | SignatureScheme::RsaPssPssSha512 => &sig::RSA_PSS_SHA512,
            _ => return None,
        })
    }

    /// How a peer's signature in this scheme is checked against its certificate: an
    /// algorithm, and for RSASSA-PSS keys a second one for the other form of key
    /// (parameters naming the hash, or none).
    fn verification_algorithms(
        self,
    ) -> (&'static dyn SignatureVerificationAlgorithm, Option<&'static dyn SignatureVerificationAlgorithm>) {
        let only = |alg| (alg, None);
        match self {
            SignatureScheme::RsaPkcs1Sha256 => only(algs::RSA_PKCS1_2048_8192_SHA256),
            SignatureScheme::RsaPkcs1Sha384 => only(algs::RSA_PKCS1_2048_8192_SHA384),
            SignatureScheme::RsaPkcs1Sha512 => only(algs::RSA_PKCS1_2048_8192_SHA512),
            SignatureScheme::EcdsaSecp256r1Sha256 => only(algs::ECDSA_P256_SHA256),
            SignatureScheme::EcdsaSecp384r1Sha384 => only(algs::ECDSA_P384_SHA384),
            SignatureScheme::EcdsaSecp521r1Sha512 => only(algs::ECDSA_P521_SHA512),
            SignatureScheme::RsaPssRsaeSha256 => only(algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY),
            SignatureScheme::RsaPssRsaeSha384 => only(algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY),
            SignatureScheme::RsaPssRsaeSha512 => only(algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY),
            SignatureScheme::RsaPssPssSha256 => (&RSA_PSS_KEY_SHA256, Some(&RSA_PSS_SHA256_KEY_SHA256)),
            SignatureScheme::RsaPssPssSha384 => (&RSA_PSS_KEY_SHA384, Some(&RSA_PSS_SHA384_KEY_SHA384)),
            SignatureScheme::RsaPssPssSha512 => (&RSA_PSS_KEY_SHA512, Some(&RSA_PSS_SHA512_KEY_SHA512)),
            SignatureScheme::Ed25519 => only(algs::ED25519),
        }
    }

    /// The scheme's hash; Ed25519 signs whole messages and has none.
    pub fn hash(self) -> Option<&'static aws_lc_rs::digest::Algorithm> {
        use aws_lc_rs::digest;
        use SignatureScheme as S;
        match self {
            S::RsaPkcs1Sha256 | S::EcdsaSecp256r1Sha256 | S::RsaPssRsaeSha256 | S::RsaPssPssSha256 => {
                Some(&digest::SHA256)
            }
            S::RsaPkcs1Sha384 | S::EcdsaSecp384r1Sha384 | S::RsaPssRsaeSha384 | S::RsaPssPssSha384 => {
                Some(&digest::SHA384)
            }
            S::RsaPkcs1Sha512 | S::EcdsaSecp521r1Sha512 | S::RsaPssRsaeSha512 | S::RsaPssPssSha512 => {
                Some(&digest::SHA512)
            }
            S::Ed25519 => None,
        }
    }

    /// The digest of `message` a signature in this scheme covers.
    pub fn digest(self, message: &[u8]) -> Option<Vec<u8>> {
        self.hash().map(|alg| aws_lc_rs::digest::digest(alg, message).as_ref().to_vec())
    }

    /// Signs an already computed `digest` (of this scheme's hash) with `key`: what
    /// `s2n_async_pkey_op_perform` does with the digest s2n gave the application.
    pub fn sign_digest(self, key: &SigningKey, digest: &[u8]) -> Result<Vec<u8>> {
        let failed = || Error::new(ErrorCode::SIGN);
        let alg = self.hash().ok_or_else(failed)?;
        let digest = aws_lc_rs::digest::Digest::import_less_safe(digest, alg).map_err(|_| failed())?;
        match key {
            SigningKey::EcdsaP256(k) | SigningKey::EcdsaP384(k) | SigningKey::EcdsaP521(k) => {
                Ok(k.sign_digest(&digest).map_err(|_| failed())?.as_ref().to_vec())
            }
            SigningKey::Ed25519(_) => Err(failed()),
            SigningKey::Rsa(k) | SigningKey::RsaPss(k, _) => {
                let encoding = self.rsa_encoding().ok_or_else(failed)?;
                let mut out = vec![0; k.public_modulus_len()];
                k.sign_digest(encoding, &digest, &mut out).map_err(|_| failed())?;
                Ok(out)
            }
        }
    }

    /// Signs `message` with `key` (which must [`fit`](Self::fit) this scheme).
    pub fn sign(self, key: &SigningKey, message: &[u8]) -> Result<Vec<u8>> {
        let rng = SystemRandom::new();
        let failed = || Error::new(ErrorCode::SIGN);
        match key {
            SigningKey::EcdsaP256(k) | SigningKey::EcdsaP384(k) | SigningKey::EcdsaP521(k) => {
                Ok(k.sign(&rng, message).map_err(|_| failed())?.as_ref().to_vec())
            }
            SigningKey::Ed25519(k) => Ok(k.sign(message).as_ref().to_vec()),
            SigningKey::Rsa(k) | SigningKey::RsaPss(k, _) => {
                let encoding = self.rsa_encoding().ok_or_else(failed)?;
                let mut out = vec![0; k.public_modulus_len()];
                k.sign(encoding, &rng, message, &mut out).map_err(|_| failed())?;
                Ok(out)
            }
        }
    }

    /// Checks a TLS 1.2 signature. There an ECDSA scheme names only the hash, not the curve
    /// (RFC 5246 §7.4.1.4.1), so every curve is tried with that hash.
    pub fn verify_tls12(self, peer_cert: &CertificateDer<'_>, message: &[u8], signature: &[u8]) -> Result<()> {
        let candidates: &[&dyn SignatureVerificationAlgorithm] = match self {
            SignatureScheme::EcdsaSecp256r1Sha256 => {
                &[algs::ECDSA_P256_SHA256, algs::ECDSA_P384_SHA256, algs::ECDSA_P521_SHA256]
            }
            SignatureScheme::EcdsaSecp384r1Sha384 => {
                &[algs::ECDSA_P384_SHA384, algs::ECDSA_P256_SHA384, algs::ECDSA_P521_SHA384]
            }
            SignatureScheme::EcdsaSecp521r1Sha512 => &[algs::ECDSA_P521_SHA512],
            _ => return self.verify(peer_cert, message, signature),
        };
        verify_with_any(peer_cert, candidates, message, signature)
    }

    /// Checks the peer's `signature` over `message` with the key in its end-entity certificate.
    pub fn verify(self, peer_cert: &CertificateDer<'_>, message: &[u8], signature: &[u8]) -> Result<()> {
        match self.verification_algorithms() {
            (alg, None) => verify_with_any(peer_cert, &[alg], message, signature),
            (alg, Some(other)) => verify_with_any(peer_cert, &[alg, other], message, signature),
        }
    }
}

/// Checks `signature` with the key in `peer_cert` by the first of `candidates` whose key
/// type the certificate holds (webpki compares key algorithm identifiers before any maths).
fn verify_with_any(
    peer_cert: &CertificateDer<'_>,
    candidates: &[&dyn SignatureVerificationAlgorithm],
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    let cert = webpki::EndEntityCert::try_from(peer_cert).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
    candidates
        .iter()
        .find(|alg| cert.verify_signature(**alg, message, signature).is_ok())
        .map(|_| ())
        .ok_or_else(|| Error::new(ErrorCode::VERIFY_SIGNATURE))
}

/// An RSA-PSS signature made by an RSASSA-PSS key (id-RSASSA-PSS SubjectPublicKeyInfo,
/// RFC 4055), which webpki's algorithms do not cover: they know RSA keys only as
/// rsaEncryption. The key's bit string is the same RSAPublicKey, so aws-lc-rs checks it.
#[derive(Debug)]
struct RsaPssKeyAlgorithm {
    /// The key's AlgorithmIdentifier: the bare OID, or the OID with parameters naming the hash.
    key: AlgorithmIdentifier,
    hash: PssHash,
}

impl SignatureVerificationAlgorithm for RsaPssKeyAlgorithm {
    fn verify_signature(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), InvalidSignature> {
        let params = match self.hash {
            PssHash::Sha256 => &sig::RSA_PSS_2048_8192_SHA256,
            PssHash::Sha384 => &sig::RSA_PSS_2048_8192_SHA384,
            PssHash::Sha512 => &sig::RSA_PSS_2048_8192_SHA512,
        };
        sig::UnparsedPublicKey::new(params, public_key).verify(message, signature).map_err(|_| InvalidSignature)
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        self.key
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        self.hash.algorithm_id()
    }
}

const RSA_PSS_KEY_ANY_HASH: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(RSASSA_PSS_OID);
static RSA_PSS_KEY_SHA256: RsaPssKeyAlgorithm = RsaPssKeyAlgorithm { key: RSA_PSS_KEY_ANY_HASH, hash: PssHash::Sha256 };
static RSA_PSS_KEY_SHA384: RsaPssKeyAlgorithm = RsaPssKeyAlgorithm { key: RSA_PSS_KEY_ANY_HASH, hash: PssHash::Sha384 };
static RSA_PSS_KEY_SHA512: RsaPssKeyAlgorithm = RsaPssKeyAlgorithm { key: RSA_PSS_KEY_ANY_HASH, hash: PssHash::Sha512 };
static RSA_PSS_SHA256_KEY_SHA256: RsaPssKeyAlgorithm =
    RsaPssKeyAlgorithm { key: rustls_pki_types::alg_id::RSA_PSS_SHA256, hash: PssHash::Sha256 };
static RSA_PSS_SHA384_KEY_SHA384: RsaPssKeyAlgorithm =
    RsaPssKeyAlgorithm { key: rustls_pki_types::alg_id::RSA_PSS_SHA384, hash: PssHash::Sha384 };
static RSA_PSS_SHA512_KEY_SHA512: RsaPssKeyAlgorithm =
    RsaPssKeyAlgorithm { key: rustls_pki_types::alg_id::RSA_PSS_SHA512, hash: PssHash::Sha512 };

/// Every algorithm a certificate in a chain we validate (or an OCSP response) may be
/// signed with: webpki's (its `ALL_VERIFICATION_ALGS` for aws-lc-rs), and RSA-PSS by
/// RSASSA-PSS keys. A static table, not a lazily built list: nothing global on the heap,
/// where an s2n application's allocator would count it as never given back.
pub static CHAIN_ALGORITHMS: [&dyn SignatureVerificationAlgorithm; 29] = [
    algs::ECDSA_P256_SHA256,
    algs::ECDSA_P256_SHA384,
    algs::ECDSA_P256_SHA512,
    algs::ECDSA_P384_SHA256,
    algs::ECDSA_P384_SHA384,
    algs::ECDSA_P384_SHA512,
    algs::ECDSA_P521_SHA256,
    algs::ECDSA_P521_SHA384,
    algs::ECDSA_P521_SHA512,
    algs::ED25519,
    algs::RSA_PKCS1_2048_8192_SHA256,
    algs::RSA_PKCS1_2048_8192_SHA384,
    algs::RSA_PKCS1_2048_8192_SHA512,
    algs::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
    algs::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
    algs::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    algs::RSA_PKCS1_3072_8192_SHA384,
    algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
    algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
    algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
    algs::ML_DSA_44,
    algs::ML_DSA_65,
    algs::ML_DSA_87,
    &RSA_PSS_KEY_SHA256,
    &RSA_PSS_KEY_SHA384,
    &RSA_PSS_KEY_SHA512,
    &RSA_PSS_SHA256_KEY_SHA256,
    &RSA_PSS_SHA384_KEY_SHA384,
    &RSA_PSS_SHA512_KEY_SHA512,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::CertifiedKey;

    fn load(name: &str) -> CertifiedKey {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/");
        let cert = std::fs::read(format!("{dir}{name}_cert.pem")).unwrap();
        let key = std::fs::read(format!("{dir}{name}_key.pem")).unwrap();
        CertifiedKey::from_pem(&cert, &key).unwrap()
    }

    #[test]
    fn every_scheme_signs_and_verifies_with_a_fitting_key() {
        let mut checked = 0;
        let names = ["ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1", "rsa_2048_pkcs1", "rsa_2048_pkcs8", "ed25519"];
        for name in names.into_iter().chain(["rsa_pss_2048", "rsa_pss_sha384"]) {
            let certified = load(name);
            let key = certified.key.as_ref().unwrap();
            for scheme in SignatureScheme::ALL.into_iter().filter(|s| s.fits(key.kind())) {
                let signature = scheme.sign(key, b"transcript").unwrap();
                scheme.verify(&certified.chain[0], b"transcript", &signature).unwrap();
                let err = scheme.verify(&certified.chain[0], b"tampered", &signature).unwrap_err();
                assert_eq!(err.code, ErrorCode::VERIFY_SIGNATURE);
                checked += 1;
            }
        }
        // RSASSA-PSS: any hash without parameters, only SHA-384 for the restricted key.
        assert_eq!(checked, 2 + 6 + 6 + 1 + 3 + 1);
    }

    /// The chain table is webpki's list written out, plus ours: catch a webpki update
    /// that adds an algorithm.
    #[test]
    fn chain_algorithms_cover_webpki_s_own() {
        let ids = |alg: &dyn SignatureVerificationAlgorithm| (alg.public_key_alg_id(), alg.signature_alg_id());
        for alg in webpki::ALL_VERIFICATION_ALGS {
            assert!(CHAIN_ALGORITHMS.iter().any(|ours| ids(*ours) == ids(*alg)), "{alg:?}");
        }
        assert_eq!(CHAIN_ALGORITHMS.len(), webpki::ALL_VERIFICATION_ALGS.len() + 6);
    }

    #[test]
    fn rsassa_pss_keys_are_told_apart_from_rsa_encryption_keys() {
        use crate::pki::PssHash;
        let pss = load("rsa_pss_2048");
        let restricted = load("rsa_pss_sha384");
        let rsa = load("rsa_2048_pkcs8");
        assert_eq!(pss.kind, Some(KeyKind::RsaPss(None)));
        assert_eq!(restricted.kind, Some(KeyKind::RsaPss(Some(PssHash::Sha384))));
        // The certificate alone says the same as the private key.
        for certified in [&pss, &restricted] {
            let fields = crate::x509::CertFields::parse(&certified.chain[0]).unwrap();
            assert_eq!(fields.key_kind(), certified.kind);
        }
        // A PSS signature verifies only under the scheme naming the key's type: the same
        // signature bytes are not an rsa_pss_rsae one, and an rsaEncryption key's are not
        // rsa_pss_pss.
        let signed = SignatureScheme::RsaPssPssSha256.sign(pss.key.as_ref().unwrap(), b"m").unwrap();
        let err = SignatureScheme::RsaPssRsaeSha256.verify(&pss.chain[0], b"m", &signed).unwrap_err();
        assert_eq!(err.code, ErrorCode::VERIFY_SIGNATURE);
        let signed = SignatureScheme::RsaPssRsaeSha256.sign(rsa.key.as_ref().unwrap(), b"m").unwrap();
        let err = SignatureScheme::RsaPssPssSha256.verify(&rsa.chain[0], b"m", &signed).unwrap_err();
        assert_eq!(err.code, ErrorCode::VERIFY_SIGNATURE);
        assert!(!SignatureScheme::RsaPssPssSha256.fits(KeyKind::RsaPss(Some(PssHash::Sha384))));
        assert!(!SignatureScheme::RsaPkcs1Sha256.fits(KeyKind::RsaPss(None)));
        // A key of one kind does not match the other kind's certificate.
        let err = crate::pki::check_key_matches(&rsa.chain[0], pss.key.as_ref().unwrap()).unwrap_err();
        assert_eq!(err.code, ErrorCode::KEY_MISMATCH);
    }
}
