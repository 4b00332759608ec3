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

/// How a TLS 1.2 suite authenticates the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls12Auth {
    Ecdsa,
    Rsa,
}

/// A TLS 1.2 ECDHE cipher suite with an AEAD (RFC 5289, RFC 7905).
#[derive(Debug, PartialEq, Eq)]
pub struct Tls12Suite {
    pub iana: u16,
    /// The OpenSSL-style name s2n reports for TLS 1.2 suites.
    pub name: &'static str,
    pub aead: &'static aead::Algorithm,
    /// The PRF hash.
    pub hash: HashAlgorithm,
    pub auth: Tls12Auth,
    /// AES-GCM sends an 8-byte explicit nonce per record and keeps a 4-byte salt; ChaCha20
    /// uses a 12-byte IV like TLS 1.3.
    pub explicit_nonce: bool,
}

impl Tls12Suite {
    pub fn key_len(&self) -> usize {
        self.aead.key_len()
    }

    /// Bytes of IV material the key block provides per direction.
    pub fn fixed_iv_len(&self) -> usize {
        if self.explicit_nonce {
            4
        } else {
            12
        }
    }
}

macro_rules! tls12_suite {
    ($id:ident, $iana:literal, $name:literal, $aead:ident, $hash:ident, $auth:ident, $explicit:literal) => {
        pub static $id: Tls12Suite = Tls12Suite {
            iana: $iana,
            name: $name,
            aead: &aead::$aead,
            hash: HashAlgorithm::$hash,
            auth: Tls12Auth::$auth,
            explicit_nonce: $explicit,
        };
    };
}

tls12_suite!(ECDHE_ECDSA_AES128_GCM_SHA256, 0xc02b, "ECDHE-ECDSA-AES128-GCM-SHA256", AES_128_GCM, Sha256, Ecdsa, true);
tls12_suite!(ECDHE_ECDSA_AES256_GCM_SHA384, 0xc02c, "ECDHE-ECDSA-AES256-GCM-SHA384", AES_256_GCM, Sha384, Ecdsa, true);
tls12_suite!(ECDHE_RSA_AES128_GCM_SHA256, 0xc02f, "ECDHE-RSA-AES128-GCM-SHA256", AES_128_GCM, Sha256, Rsa, true);
tls12_suite!(ECDHE_RSA_AES256_GCM_SHA384, 0xc030, "ECDHE-RSA-AES256-GCM-SHA384", AES_256_GCM, Sha384, Rsa, true);
tls12_suite!(ECDHE_RSA_CHACHA20_POLY1305, 0xcca8, "ECDHE-RSA-CHACHA20-POLY1305", CHACHA20_POLY1305, Sha256, Rsa, false);
tls12_suite!(
    ECDHE_ECDSA_CHACHA20_POLY1305,
    0xcca9,
    "ECDHE-ECDSA-CHACHA20-POLY1305",
    CHACHA20_POLY1305,
    Sha256,
    Ecdsa,
    false
);

pub static TLS12_SUITES: [&Tls12Suite; 6] = [
    &ECDHE_ECDSA_AES128_GCM_SHA256,
    &ECDHE_RSA_AES128_GCM_SHA256,
    &ECDHE_ECDSA_AES256_GCM_SHA384,
    &ECDHE_RSA_AES256_GCM_SHA384,
    &ECDHE_ECDSA_CHACHA20_POLY1305,
    &ECDHE_RSA_CHACHA20_POLY1305,
];

pub fn tls12_suite(iana: u16) -> Option<&'static Tls12Suite> {
    TLS12_SUITES.iter().copied().find(|s| s.iana == iana)
}
