//! The TLS 1.2 PRF (RFC 5246 §5) from aws-lc, and what is derived with it.

use aws_lc_rs::tls_prf::{self, P_SHA256, P_SHA384};
use zeroize::Zeroizing;

use crate::crypto::{HashAlgorithm, Secret};

fn algorithm(hash: HashAlgorithm) -> &'static tls_prf::Algorithm {
    match hash {
        HashAlgorithm::Sha256 => &P_SHA256,
        HashAlgorithm::Sha384 => &P_SHA384,
    }
}

/// PRF(secret, label, seed) into `out`.
pub fn prf(hash: HashAlgorithm, secret: &[u8], label: &[u8], seed: &[u8], out: &mut [u8]) {
    let derived = tls_prf::Secret::new(algorithm(hash), secret)
        .and_then(|s| s.derive(label, seed, out.len()))
        .expect("TLS PRF over valid inputs");
    out.copy_from_slice(derived.as_ref());
}

/// The 48-byte master secret: RFC 7627's extended form over the session hash when both
/// sides agreed to it, else RFC 5246's over the two randoms.
pub fn master_secret(
    hash: HashAlgorithm,
    premaster: &[u8],
    client_random: &[u8; 32],
    server_random: &[u8; 32],
    session_hash: Option<&[u8]>,
) -> Secret {
    let mut master = Secret::zeroed(48);
    match session_hash {
        Some(session_hash) => prf(hash, premaster, b"extended master secret", session_hash, master.as_mut()),
        None => {
            let mut seed = [0u8; 64];
            seed[..32].copy_from_slice(client_random);
            seed[32..].copy_from_slice(server_random);
            prf(hash, premaster, b"master secret", &seed, master.as_mut());
        }
    }
    master
}

/// The key block (RFC 5246 §6.3): `len` bytes from "key expansion".
pub fn key_block(
    hash: HashAlgorithm,
    master: &Secret,
    client_random: &[u8; 32],
    server_random: &[u8; 32],
    len: usize,
) -> Zeroizing<Vec<u8>> {
    let mut seed = [0u8; 64];
    seed[..32].copy_from_slice(server_random);
    seed[32..].copy_from_slice(client_random);
    let mut block = Zeroizing::new(vec![0u8; len]);
    prf(hash, master.as_ref(), b"key expansion", &seed, &mut block);
    block
}

/// Finished.verify_data: 12 bytes of PRF(master, "client finished"/"server finished", hash).
pub fn verify_data(hash: HashAlgorithm, master: &Secret, client: bool, handshake_hash: &[u8]) -> [u8; 12] {
    let label: &[u8] = if client { b"client finished" } else { b"server finished" };
    let mut out = [0u8; 12];
    prf(hash, master.as_ref(), label, handshake_hash, &mut out);
    out
}

/// RFC 5705 keying material exporter for TLS 1.2.
pub fn export(
    hash: HashAlgorithm,
    master: &Secret,
    client_random: &[u8; 32],
    server_random: &[u8; 32],
    label: &[u8],
    context: Option<&[u8]>,
    out: &mut [u8],
) {
    let mut seed = Vec::with_capacity(64 + 2 + context.map_or(0, |c| c.len()));
    seed.extend_from_slice(client_random);
    seed.extend_from_slice(server_random);
    if let Some(context) = context {
        seed.extend_from_slice(&(context.len() as u16).to_be_bytes());
        seed.extend_from_slice(context);
    }
    prf(hash, master.as_ref(), label, &seed, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TLS 1.2 P_SHA256 test vector published on the IETF TLS working group list.
    #[test]
    fn prf_sha256_known_answer() {
        let hex = |s: &str| {
            (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect::<Vec<u8>>()
        };
        let secret = hex("9bbe436ba940f017b17652849a71db35");
        let seed = hex("a0ba9f936cda311827a6f796ffd5198c");
        let mut out = [0u8; 100];
        prf(HashAlgorithm::Sha256, &secret, b"test label", &seed, &mut out);
        let expected = hex(concat!(
            "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a",
            "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab",
            "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701",
            "87347b66"
        ));
        assert_eq!(&out[..], &expected[..]);
    }
}
