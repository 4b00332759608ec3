//! Cipher suites we implement, with the names each ABI reports them by.

use aws_lc_rs::aead;

use crate::crypto::HashAlgorithm;

/// A TLS 1.3 cipher suite (RFC 8446 §B.4).
#[derive(Debug, PartialEq, Eq)]
pub struct Tls13Suite {
    /// The IANA code point.
    pub iana: u16,
    /// The IANA / RFC name, which s2n-tls reports for TLS 1.3 suites.
    pub name: &'static str,
    pub aead: &'static aead::Algorithm,
    pub hash: HashAlgorithm,
}

impl Tls13Suite {
    pub fn key_len(&self) -> usize {
        self.aead.key_len()
    }
}

pub static TLS13_AES_128_GCM_SHA256: Tls13Suite =
    Tls13Suite { iana: 0x1301, name: "TLS_AES_128_GCM_SHA256", aead: &aead::AES_128_GCM, hash: HashAlgorithm::Sha256 };
pub static TLS13_AES_256_GCM_SHA384: Tls13Suite =
    Tls13Suite { iana: 0x1302, name: "TLS_AES_256_GCM_SHA384", aead: &aead::AES_256_GCM, hash: HashAlgorithm::Sha384 };
pub static TLS13_CHACHA20_POLY1305_SHA256: Tls13Suite = Tls13Suite {
    iana: 0x1303,
    name: "TLS_CHACHA20_POLY1305_SHA256",
    aead: &aead::CHACHA20_POLY1305,
    hash: HashAlgorithm::Sha256,
};

pub static TLS13_SUITES: [&Tls13Suite; 3] =
    [&TLS13_AES_128_GCM_SHA256, &TLS13_AES_256_GCM_SHA384, &TLS13_CHACHA20_POLY1305_SHA256];

pub fn tls13_suite(iana: u16) -> Option<&'static Tls13Suite> {
    TLS13_SUITES.iter().copied().find(|s| s.iana == iana)
}
