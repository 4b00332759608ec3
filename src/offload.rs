//! Private-key operations the application performs itself (s2n's async private-key
//! callback): the handshake hands over the digest to sign and, if the answer is not
//! immediate, waits in [`Pending`] until the application supplies the signature.

use crate::config::{Hooks, PkeyOutcome, PkeyRequest, Settings};
use crate::conn::Common;
use crate::error::{Error, ErrorCode, Result};
use crate::sign::SignatureScheme;

/// A handshake stopped for a signature, and how it goes on once it has one.
pub struct Pending {
    pub scheme: SignatureScheme,
    /// Which of the config's identities signs.
    pub identity: usize,
    /// The exact bytes the signature covers (for the strict check of the answer).
    pub signed: Vec<u8>,
    pub resume: Resume,
}

pub enum Resume {
    Tls13Server(Box<crate::tls13::server::Flight>),
    Tls12Server(Box<crate::tls12::server::Flight>),
}

/// Signs `message` for the handshake with identity `identity`'s key, or asks the
/// application when the config offloads private-key operations. `None`: the application
/// answers later.
pub fn sign(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    identity: usize,
    scheme: SignatureScheme,
    message: &[u8],
) -> Result<Option<Vec<u8>>> {
    if !config.offload_private_key {
        let id = &config.identities[identity];
        let key = id.key.as_ref().ok_or_else(|| Error::new(ErrorCode::NO_PRIVATE_KEY))?;
        let signature = scheme.sign(key, message)?;
        verify_after_sign(config, id, scheme, message, &signature)?;
        return Ok(Some(signature));
    }
    // The application may look at the scheme while it signs.
    common.summary.our_scheme = Some(scheme);
    let digest = scheme.digest(message).ok_or_else(|| Error::new(ErrorCode::INVALID_SIGNATURE_ALGORITHM))?;
    match hooks.private_key_operation(PkeyRequest { scheme, digest })? {
        PkeyOutcome::Done(signature) => {
            check(config, identity, scheme, message, &signature)?;
            Ok(Some(signature))
        }
        PkeyOutcome::Pending => Ok(None),
    }
}

/// Whether `signature` over `message` verifies with the identity's certificate: the check a
/// signature gets before it goes out, when the config asks for one.
fn verify_with_certificate(
    identity: &crate::pki::CertifiedKey,
    scheme: SignatureScheme,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    let leaf = identity.chain.first().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
    scheme.verify_tls12(leaf, message, signature)
}

/// With `verify_after_sign`, a signature we made is checked before it goes out.
pub fn verify_after_sign(
    config: &crate::config::Config,
    identity: &crate::pki::CertifiedKey,
    scheme: SignatureScheme,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    match config.verify_after_sign {
        true => verify_with_certificate(identity, scheme, message, signature),
        false => Ok(()),
    }
}

/// In strict validation mode, an application's signature is checked before it goes out.
pub fn check(
    config: &Settings,
    identity: usize,
    scheme: SignatureScheme,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    match config.verify_offloaded_signatures {
        true => verify_with_certificate(&config.identities[identity], scheme, message, signature),
        false => Ok(()),
    }
}

/// A check of the peer's signature the application may run itself, on a thread of its own
/// (s2n's async offload of pkey verify): everything it needs, owned.
pub struct VerifyJob {
    /// TLS 1.2's signature rules (else TLS 1.3's).
    tls12: bool,
    scheme: SignatureScheme,
    cert: rustls_pki_types::CertificateDer<'static>,
    message: Vec<u8>,
    signature: Vec<u8>,
}

impl VerifyJob {
    /// Whether the signature verifies with the peer's certificate.
    pub fn run(&self) -> Result<()> {
        match self.tls12 {
            true => self.scheme.verify_tls12(&self.cert, &self.message, &self.signature),
            false => self.scheme.verify(&self.cert, &self.message, &self.signature),
        }
    }
}

/// How the application answered a [`VerifyJob`].
pub enum VerifyOutcome {
    Done(Result<()>),
    /// Not yet: the handshake handles the message again later and asks again.
    Pending,
}

/// Checks the peer's signature over `message` with its leaf certificate, or hands the check
/// to the application when it takes such checks (`Hooks::offloads_verification`). False:
/// the answer is not in yet.
pub fn verify_peer_signature(
    common: &Common,
    hooks: &mut dyn Hooks,
    tls12: bool,
    scheme: SignatureScheme,
    message: &[u8],
    signature: &[u8],
) -> Result<bool> {
    let cert = common.summary.peer_chain.first().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
    if !hooks.offloads_verification() {
        let verified = match tls12 {
            true => scheme.verify_tls12(cert, message, signature),
            false => scheme.verify(cert, message, signature),
        };
        return verified.map(|_| true);
    }
    let job = VerifyJob {
        tls12,
        scheme,
        cert: cert.clone().into_owned(),
        message: message.to_vec(),
        signature: signature.to_vec(),
    };
    match hooks.offload_verification(job)? {
        VerifyOutcome::Done(verified) => verified.map(|_| true),
        VerifyOutcome::Pending => Ok(false),
    }
}
