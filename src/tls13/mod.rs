//! TLS 1.3 (RFC 8446).

pub mod client;
pub mod key_schedule;
pub mod server;
#[cfg(test)]
mod tests;

use crate::alert::AlertDescription;
use crate::config::{Hooks, Settings};
use crate::conn::{illegal_parameter, Common};
use crate::error::{Error, ErrorCode, Result};
use crate::msgs::{self, CertificateVerify};
use crate::sign::SignatureScheme;

/// Checks the peer's CertificateVerify `body` over `transcript_hash` (the hash up to the
/// peer's Certificate) against the leaf it sent, and records the scheme. `from_server` picks
/// the context string the signature covers (RFC 8446 §4.4.3). Both roles use this. False:
/// the application checks it and has not answered yet.
pub(crate) fn verify_peer_certificate_verify(
    common: &mut Common,
    config: &Settings,
    hooks: &mut dyn Hooks,
    from_server: bool,
    transcript_hash: &[u8],
    body: &[u8],
) -> Result<bool> {
    let cv = CertificateVerify::decode(body)?;
    let scheme = SignatureScheme::from_iana(cv.scheme)
        .filter(|s| s.allowed_in_tls13() && config.schemes.contains(s))
        .ok_or_else(|| illegal_parameter(ErrorCode::INVALID_SIGNATURE_SCHEME))?;
    let signed = msgs::certificate_verify_message(from_server, transcript_hash);
    if !crate::offload::verify_peer_signature(common, hooks, false, scheme, &signed, cv.signature)? {
        return Ok(false);
    }
    common.summary.peer_scheme = Some(scheme);
    Ok(true)
}

/// The peer's quic_transport_parameters extension (RFC 9001 §8.2): required under QUIC and
/// handed to the application; a connection not running QUIC refuses it (as s2n does).
pub(crate) fn accept_quic_transport_parameters(
    common: &mut Common,
    hooks: &mut dyn Hooks,
    parameters: Option<&[u8]>,
) -> Result<()> {
    match (common.quic, parameters) {
        (true, Some(parameters)) => {
            hooks.quic_transport_parameters(parameters);
            Ok(())
        }
        (true, None) => Err(Error::with_alert(ErrorCode::MISSING_EXTENSION, AlertDescription::MissingExtension)),
        (false, Some(_)) => {
            Err(Error::with_alert(ErrorCode::UNSUPPORTED_EXTENSION, AlertDescription::UnsupportedExtension))
        }
        (false, None) => Ok(()),
    }
}
