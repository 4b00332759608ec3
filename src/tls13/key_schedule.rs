//! The TLS 1.3 key schedule (RFC 8446 §7.1).
//!
//! Each stage is its own type, so secrets can only be derived in the order the RFC allows:
//! [`EarlySecret`] → [`HandshakeSecret`] → [`MasterSecret`]. Every secret is wiped on drop.

use std::sync::LazyLock;

use crate::crypto::{Digest, HashAlgorithm, Secret};

/// The longest label RFC 8446 permits ("tls13 " plus up to 249 bytes) and context (255).
const MAX_LABEL: usize = 255;
const MAX_CONTEXT: usize = 255;

/// HKDF-Expand-Label(secret, label, context, out.len()).
pub fn expand_label(hash: HashAlgorithm, secret: &[u8], label: &[u8], context: &[u8], out: &mut [u8]) {
    const PREFIX: &[u8] = b"tls13 ";
    assert!(PREFIX.len() + label.len() <= MAX_LABEL && context.len() <= MAX_CONTEXT, "HkdfLabel too long");
    let length = (out.len() as u16).to_be_bytes();
    let label_len = [(PREFIX.len() + label.len()) as u8];
    let context_len = [context.len() as u8];
    let info: [&[u8]; 6] = [&length, &label_len, PREFIX, label, &context_len, context];
    hash.hkdf_expand(secret, &info, out);
}

/// Derive-Secret(secret, label, transcript hash).
pub fn derive_secret(hash: HashAlgorithm, secret: &Secret, label: &[u8], transcript_hash: &[u8]) -> Secret {
    let mut out = Secret::zeroed(hash.output_len());
    expand_label(hash, secret.as_ref(), label, transcript_hash, out.as_mut());
    out
}

/// The Finished MAC over `transcript_hash` with the key derived from a traffic secret.
pub fn finished_verify_data(hash: HashAlgorithm, base_key: &Secret, transcript_hash: &[u8]) -> Digest {
    let mut finished_key = Secret::zeroed(hash.output_len());
    expand_label(hash, base_key.as_ref(), b"finished", &[], finished_key.as_mut());
    hash.hmac(finished_key.as_ref(), transcript_hash)
}

/// The next application traffic secret after a KeyUpdate (§7.2).
pub fn next_traffic_secret(hash: HashAlgorithm, current: &Secret) -> Secret {
    derive_secret_no_hash(hash, current, b"traffic upd")
}

fn derive_secret_no_hash(hash: HashAlgorithm, secret: &Secret, label: &[u8]) -> Secret {
    let mut out = Secret::zeroed(hash.output_len());
    expand_label(hash, secret.as_ref(), label, &[], out.as_mut());
    out
}

/// Writes the record-protection key and IV derived from a traffic secret.
pub fn traffic_key_and_iv(hash: HashAlgorithm, traffic_secret: &Secret, key: &mut [u8], iv: &mut [u8]) {
    expand_label(hash, traffic_secret.as_ref(), b"key", &[], key);
    expand_label(hash, traffic_secret.as_ref(), b"iv", &[], iv);
}

/// The stage after HKDF-Extract(0, PSK or zeros).
pub struct EarlySecret {
    hash: HashAlgorithm,
    secret: Early,
}

/// Without a PSK the early secret is HKDF-Extract(0, zeros): the same public value in every
/// handshake, as is the salt derived from it, so both are computed once per hash (a full
/// handshake skips two HMACs and a hash per side).
enum Early {
    Psk(Secret),
    NoPsk,
}

/// Per hash (see [`HashAlgorithm::index`]): the early secret without a PSK and its
/// "derived" salt. Public values, so nothing to wipe.
static NO_PSK: LazyLock<[(Digest, Digest); 2]> =
    LazyLock::new(|| [HashAlgorithm::Sha256, HashAlgorithm::Sha384].map(no_psk_early_and_salt));

fn no_psk_early_and_salt(hash: HashAlgorithm) -> (Digest, Digest) {
    let zeros = [0u8; crate::crypto::MAX_HASH_LEN];
    let early = hash.hkdf_extract(&[], &zeros[..hash.output_len()]);
    let salt = derive_secret(hash, &early, b"derived", hash.empty_hash().as_ref());
    (Digest::from_slice(early.as_ref()), Digest::from_slice(salt.as_ref()))
}

impl EarlySecret {
    /// Starts the schedule; `psk` is `None` for a handshake without a pre-shared key.
    pub fn new(hash: HashAlgorithm, psk: Option<&[u8]>) -> EarlySecret {
        let secret = match psk {
            Some(psk) => Early::Psk(hash.hkdf_extract(&[], psk)),
            None => Early::NoPsk,
        };
        EarlySecret { hash, secret }
    }

    fn derive(&self, label: &[u8], context: &[u8]) -> Secret {
        let mut out = Secret::zeroed(self.hash.output_len());
        let secret = match &self.secret {
            Early::Psk(secret) => secret.as_ref(),
            Early::NoPsk => NO_PSK[self.hash.index()].0.as_ref(),
        };
        expand_label(self.hash, secret, label, context, out.as_mut());
        out
    }

    /// The key for PSK binders: "res binder" for resumption PSKs, "ext binder" otherwise.
    pub fn binder_key(&self, resumption: bool) -> Secret {
        let label: &[u8] = if resumption { b"res binder" } else { b"ext binder" };
        self.derive(label, self.hash.empty_hash().as_ref())
    }

    pub fn client_early_traffic_secret(&self, hello_hash: &[u8]) -> Secret {
        self.derive(b"c e traffic", hello_hash)
    }

    pub fn early_exporter_master_secret(&self, hello_hash: &[u8]) -> Secret {
        self.derive(b"e exp master", hello_hash)
    }

    /// Mixes in the (EC)DHE shared secret.
    pub fn into_handshake(self, shared_secret: &[u8]) -> HandshakeSecret {
        let secret = match &self.secret {
            Early::Psk(_) => {
                let salt = self.derive(b"derived", self.hash.empty_hash().as_ref());
                self.hash.hkdf_extract(salt.as_ref(), shared_secret)
            }
            Early::NoPsk => self.hash.hkdf_extract(NO_PSK[self.hash.index()].1.as_ref(), shared_secret),
        };
        HandshakeSecret { hash: self.hash, secret }
    }
}

/// The stage after the key exchange.
pub struct HandshakeSecret {
    hash: HashAlgorithm,
    secret: Secret,
}

impl HandshakeSecret {
    pub fn client_handshake_traffic_secret(&self, hello_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"c hs traffic", hello_hash)
    }

    pub fn server_handshake_traffic_secret(&self, hello_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"s hs traffic", hello_hash)
    }

    pub fn into_master(self) -> MasterSecret {
        let salt = derive_secret(self.hash, &self.secret, b"derived", self.hash.empty_hash().as_ref());
        let zeros = [0u8; crate::crypto::MAX_HASH_LEN];
        let secret = self.hash.hkdf_extract(salt.as_ref(), &zeros[..self.hash.output_len()]);
        MasterSecret { hash: self.hash, secret }
    }
}

/// The final stage, from which application, exporter and resumption secrets come.
pub struct MasterSecret {
    hash: HashAlgorithm,
    secret: Secret,
}

impl MasterSecret {
    pub fn client_application_traffic_secret(&self, handshake_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"c ap traffic", handshake_hash)
    }

    pub fn server_application_traffic_secret(&self, handshake_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"s ap traffic", handshake_hash)
    }

    pub fn exporter_master_secret(&self, handshake_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"exp master", handshake_hash)
    }

    pub fn resumption_master_secret(&self, full_transcript_hash: &[u8]) -> Secret {
        derive_secret(self.hash, &self.secret, b"res master", full_transcript_hash)
    }
}

/// The PSK a NewSessionTicket with `nonce` stands for (§4.6.1).
pub fn resumption_psk(hash: HashAlgorithm, resumption_master_secret: &Secret, nonce: &[u8]) -> Secret {
    let mut out = Secret::zeroed(hash.output_len());
    expand_label(hash, resumption_master_secret.as_ref(), b"resumption", nonce, out.as_mut());
    out
}

/// TLS-Exporter (§7.5).
pub fn export(hash: HashAlgorithm, exporter_master: &Secret, label: &[u8], context: &[u8], out: &mut [u8]) {
    let per_label = derive_secret(hash, exporter_master, label, hash.empty_hash().as_ref());
    expand_label(hash, per_label.as_ref(), b"exporter", hash.hash(context).as_ref(), out);
}

#[cfg(test)]
mod tests {
    //! Values from RFC 8448 §3 ("Simple 1-RTT Handshake", TLS_AES_128_GCM_SHA256, x25519).
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    const CLIENT_HELLO: &str = "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001";
    const SERVER_HELLO: &str = "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304";
    const ECDHE: &str = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";

    #[test]
    fn rfc8448_early_and_derived_secrets() {
        let hash = HashAlgorithm::Sha256;
        // Without a PSK both come from the values computed once.
        let (early, derived) = NO_PSK[hash.index()];
        assert_eq!(early.as_ref(), hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"));
        assert_eq!(derived.as_ref(), hex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"));
        // A PSK of zeros is the same schedule, computed afresh.
        let zeros = EarlySecret::new(hash, Some(&[0u8; 32]));
        assert_eq!(zeros.derive(b"derived", hash.empty_hash().as_ref()).as_ref(), derived.as_ref());
        assert_eq!(hash.empty_hash().as_ref(), hash.hash(&[]).as_ref());
        assert_eq!(HashAlgorithm::Sha384.empty_hash().as_ref(), HashAlgorithm::Sha384.hash(&[]).as_ref());
    }

    #[test]
    fn rfc8448_handshake_traffic_secrets_and_keys() {
        let hash = HashAlgorithm::Sha256;
        let mut transcript = hex(CLIENT_HELLO);
        transcript.extend(hex(SERVER_HELLO));
        let hello_hash = hash.hash(&transcript);
        assert_eq!(hello_hash.as_ref(), hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8"));

        let handshake = EarlySecret::new(hash, None).into_handshake(&hex(ECDHE));
        assert_eq!(handshake.secret.as_ref(), hex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"));
        let client = handshake.client_handshake_traffic_secret(hello_hash.as_ref());
        let server = handshake.server_handshake_traffic_secret(hello_hash.as_ref());
        assert_eq!(client.as_ref(), hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"));
        assert_eq!(server.as_ref(), hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"));

        let (mut key, mut iv) = ([0u8; 16], [0u8; 12]);
        traffic_key_and_iv(hash, &server, &mut key, &mut iv);
        assert_eq!(key.as_ref(), hex("3fce516009c21727d0f2e4e86ee403bc"));
        assert_eq!(iv.as_ref(), hex("5d313eb2671276ee13000b30"));
        traffic_key_and_iv(hash, &client, &mut key, &mut iv);
        assert_eq!(key.as_ref(), hex("dbfaa693d1762c5b666af5d950258d01"));
        assert_eq!(iv.as_ref(), hex("5bd3c71b836e0b76bb73265f"));

        let master = handshake.into_master();
        assert_eq!(master.secret.as_ref(), hex("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919"));
    }

    #[test]
    fn rfc8448_x25519_shared_secret() {
        use aws_lc_rs::agreement;
        let server_private = hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e");
        let client_public = hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
        let key = agreement::PrivateKey::from_private_key(&agreement::X25519, &server_private).unwrap();
        let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, client_public);
        let shared = agreement::agree(&key, peer, (), |s| Ok(s.to_vec())).unwrap();
        assert_eq!(shared, hex(ECDHE));
    }
}
