//! Key exchange groups: ECDHE (x25519, P-256, P-384) and the hybrid post-quantum
//! X25519MLKEM768, all from aws-lc-rs.

use aws_lc_rs::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey};
use aws_lc_rs::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, ML_KEM_768};
use aws_lc_rs::rand::SystemRandom;

use crate::crypto::Secret;
use crate::error::{Error, ErrorCode, Result};

/// A named group (RFC 8446 §4.2.7), by IANA code point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedGroup {
    Secp256r1,
    Secp384r1,
    X25519,
    X25519MlKem768,
}

const MLKEM768_ENCAPSULATION_KEY_LEN: usize = 1184;
const MLKEM768_CIPHERTEXT_LEN: usize = 1088;
const X25519_LEN: usize = 32;

impl NamedGroup {
    pub const ALL: [NamedGroup; 4] =
        [NamedGroup::X25519MlKem768, NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1];

    pub fn iana(self) -> u16 {
        match self {
            NamedGroup::Secp256r1 => 0x0017,
            NamedGroup::Secp384r1 => 0x0018,
            NamedGroup::X25519 => 0x001d,
            NamedGroup::X25519MlKem768 => 0x11ec,
        }
    }

    pub fn from_iana(v: u16) -> Option<NamedGroup> {
        NamedGroup::ALL.into_iter().find(|g| g.iana() == v)
    }

    /// The name s2n reports (`s2n_connection_get_curve` / `_kem_group_name`).
    pub fn name(self) -> &'static str {
        match self {
            NamedGroup::Secp256r1 => "secp256r1",
            NamedGroup::Secp384r1 => "secp384r1",
            NamedGroup::X25519 => "x25519",
            NamedGroup::X25519MlKem768 => "X25519MLKEM768",
        }
    }

    pub fn is_hybrid(self) -> bool {
        matches!(self, NamedGroup::X25519MlKem768)
    }

    fn ecdh_algorithm(self) -> &'static agreement::Algorithm {
        match self {
            NamedGroup::Secp256r1 => &agreement::ECDH_P256,
            NamedGroup::Secp384r1 => &agreement::ECDH_P384,
            NamedGroup::X25519 | NamedGroup::X25519MlKem768 => &agreement::X25519,
        }
    }
}

fn ecdh_generate(alg: &'static agreement::Algorithm) -> Result<(EphemeralPrivateKey, Vec<u8>)> {
    let private = EphemeralPrivateKey::generate(alg, &SystemRandom::new()).map_err(|_| ErrorCode::ECDHE_GEN_KEY)?;
    let public = private.compute_public_key().map_err(|_| ErrorCode::ECDHE_GEN_KEY)?;
    Ok((private, public.as_ref().to_vec()))
}

fn ecdh_agree(private: EphemeralPrivateKey, alg: &'static agreement::Algorithm, peer: &[u8]) -> Result<Secret> {
    agreement::agree_ephemeral(private, UnparsedPublicKey::new(alg, peer), Error::new(ErrorCode::BAD_KEY_SHARE), |s| {
        Ok(Secret::from_slice(s))
    })
}

/// A client's key share in flight: the private half waiting for the server's answer.
pub struct ClientKeyShare {
    group: NamedGroup,
    ecdh: EphemeralPrivateKey,
    kem: Option<DecapsulationKey<aws_lc_rs::kem::AlgorithmId>>,
    /// What the ClientHello's key_share entry carries.
    pub public: Vec<u8>,
}

impl ClientKeyShare {
    pub fn generate(group: NamedGroup) -> Result<ClientKeyShare> {
        let (ecdh, ecdh_public) = ecdh_generate(group.ecdh_algorithm())?;
        if !group.is_hybrid() {
            return Ok(ClientKeyShare { group, ecdh, kem: None, public: ecdh_public });
        }
        // X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem): ML-KEM encapsulation key, then x25519.
        let kem = DecapsulationKey::generate(&ML_KEM_768).map_err(|_| ErrorCode::ECDHE_GEN_KEY)?;
        let ek = kem.encapsulation_key().and_then(|k| k.key_bytes()).map_err(|_| ErrorCode::ECDHE_GEN_KEY)?;
        let mut public = Vec::with_capacity(MLKEM768_ENCAPSULATION_KEY_LEN + X25519_LEN);
        public.extend_from_slice(ek.as_ref());
        public.extend_from_slice(&ecdh_public);
        Ok(ClientKeyShare { group, ecdh, kem: Some(kem), public })
    }

    pub fn group(&self) -> NamedGroup {
        self.group
    }

    /// Combines our private key with the server's share into the shared secret.
    pub fn complete(self, server_share: &[u8]) -> Result<Secret> {
        let alg = self.group.ecdh_algorithm();
        let Some(kem) = self.kem else { return ecdh_agree(self.ecdh, alg, server_share) };
        if server_share.len() != MLKEM768_CIPHERTEXT_LEN + X25519_LEN {
            return Err(Error::new(ErrorCode::BAD_KEY_SHARE));
        }
        let (ct, x25519) = server_share.split_at(MLKEM768_CIPHERTEXT_LEN);
        let kem_secret = kem.decapsulate(Ciphertext::from(ct)).map_err(|_| ErrorCode::BAD_KEY_SHARE)?;
        let ecdh_secret = ecdh_agree(self.ecdh, alg, x25519)?;
        Ok(concat_secrets(kem_secret.as_ref(), ecdh_secret.as_ref()))
    }
}

fn concat_secrets(a: &[u8], b: &[u8]) -> Secret {
    let mut joined = Secret::zeroed(a.len() + b.len());
    joined.as_mut()[..a.len()].copy_from_slice(a);
    joined.as_mut()[a.len()..].copy_from_slice(b);
    joined
}

/// The server's side: answers a client's share with its own and the shared secret.
pub fn server_respond(group: NamedGroup, client_share: &[u8]) -> Result<(Vec<u8>, Secret)> {
    let alg = group.ecdh_algorithm();
    let (ecdh, ecdh_public) = ecdh_generate(alg)?;
    if !group.is_hybrid() {
        let secret = ecdh_agree(ecdh, alg, client_share)?;
        return Ok((ecdh_public, secret));
    }
    if client_share.len() != MLKEM768_ENCAPSULATION_KEY_LEN + X25519_LEN {
        return Err(Error::new(ErrorCode::BAD_KEY_SHARE));
    }
    let (ek, x25519) = client_share.split_at(MLKEM768_ENCAPSULATION_KEY_LEN);
    let ek = EncapsulationKey::new(&ML_KEM_768, ek).map_err(|_| ErrorCode::BAD_KEY_SHARE)?;
    let (ct, kem_secret) = ek.encapsulate().map_err(|_| ErrorCode::BAD_KEY_SHARE)?;
    let ecdh_secret = ecdh_agree(ecdh, alg, x25519)?;
    let mut public = Vec::with_capacity(MLKEM768_CIPHERTEXT_LEN + X25519_LEN);
    public.extend_from_slice(ct.as_ref());
    public.extend_from_slice(&ecdh_public);
    Ok((public, concat_secrets(kem_secret.as_ref(), ecdh_secret.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_agree_in_every_group() {
        for group in NamedGroup::ALL {
            let client = ClientKeyShare::generate(group).unwrap();
            let (server_public, server_secret) = server_respond(group, &client.public).unwrap();
            let client_secret = client.complete(&server_public).unwrap();
            assert_eq!(client_secret.as_ref(), server_secret.as_ref(), "{group:?}");
            assert_eq!(NamedGroup::from_iana(group.iana()), Some(group));
        }
    }

    #[test]
    fn malformed_shares_are_rejected() {
        for group in NamedGroup::ALL {
            assert!(server_respond(group, &[4, 1, 2]).is_err(), "{group:?}");
            let client = ClientKeyShare::generate(group).unwrap();
            assert!(client.complete(&[0u8; 7]).is_err(), "{group:?}");
        }
    }
}
