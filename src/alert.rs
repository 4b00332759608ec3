//! TLS alerts (RFC 8446 §6) and which alert each protocol error sends.

use crate::error::ErrorCode;

/// An alert description, with its wire value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum AlertDescription {
    CloseNotify = 0,
    UnexpectedMessage = 10,
    BadRecordMac = 20,
    RecordOverflow = 22,
    HandshakeFailure = 40,
    BadCertificate = 42,
    UnsupportedCertificate = 43,
    CertificateRevoked = 44,
    CertificateExpired = 45,
    CertificateUnknown = 46,
    IllegalParameter = 47,
    UnknownCa = 48,
    AccessDenied = 49,
    DecodeError = 50,
    DecryptError = 51,
    ProtocolVersion = 70,
    InsufficientSecurity = 71,
    InternalError = 80,
    InappropriateFallback = 86,
    UserCanceled = 90,
    NoRenegotiation = 100,
    MissingExtension = 109,
    UnsupportedExtension = 110,
    UnrecognizedName = 112,
    BadCertificateStatusResponse = 113,
    UnknownPskIdentity = 115,
    CertificateRequired = 116,
    NoApplicationProtocol = 120,
}

impl ErrorCode {
    /// The alert s2n associates with a protocol error (`s2n_error_get_alert`), or `None` for
    /// protocol errors that carry no specific alert.
    pub fn alert(self) -> Option<u8> {
        use AlertDescription as A;
        let alert = match self {
            ErrorCode::MISSING_EXTENSION => A::MissingExtension,
            ErrorCode::NO_VALID_SIGNATURE_SCHEME | ErrorCode::NO_RENEGOTIATION => A::HandshakeFailure,
            ErrorCode::MISSING_CLIENT_CERT => A::CertificateRequired,
            ErrorCode::BAD_MESSAGE
            | ErrorCode::UNEXPECTED_CERT_REQUEST
            | ErrorCode::MISSING_CERT_REQUEST
            | ErrorCode::KTLS_KEYUPDATE => A::UnexpectedMessage,
            ErrorCode::BAD_FINISHED | ErrorCode::BAD_PSK_BINDER => A::DecryptError,
            ErrorCode::CERT_UNTRUSTED
            | ErrorCode::CERT_UNHANDLED_CRITICAL_EXTENSION
            | ErrorCode::CERT_INVALID_HOSTNAME => A::CertificateUnknown,
            ErrorCode::CERT_REVOKED => A::CertificateRevoked,
            ErrorCode::CERT_NOT_YET_VALID | ErrorCode::CERT_EXPIRED => A::CertificateExpired,
            ErrorCode::CERT_TYPE_UNSUPPORTED => A::UnsupportedCertificate,
            ErrorCode::CERT_REJECTED => A::AccessDenied,
            ErrorCode::CERT_MAX_CHAIN_DEPTH_EXCEEDED | ErrorCode::CERT_INVALID | ErrorCode::DECODE_CERTIFICATE => {
                A::BadCertificate
            }
            _ => return None,
        };
        Some(alert as u8)
    }
}

impl AlertDescription {
    pub fn from_wire(v: u8) -> Option<AlertDescription> {
        use AlertDescription as A;
        const ALL: [AlertDescription; 28] = [
            A::CloseNotify,
            A::UnexpectedMessage,
            A::BadRecordMac,
            A::RecordOverflow,
            A::HandshakeFailure,
            A::BadCertificate,
            A::UnsupportedCertificate,
            A::CertificateRevoked,
            A::CertificateExpired,
            A::CertificateUnknown,
            A::IllegalParameter,
            A::UnknownCa,
            A::AccessDenied,
            A::DecodeError,
            A::DecryptError,
            A::ProtocolVersion,
            A::InsufficientSecurity,
            A::InternalError,
            A::InappropriateFallback,
            A::UserCanceled,
            A::NoRenegotiation,
            A::MissingExtension,
            A::UnsupportedExtension,
            A::UnrecognizedName,
            A::BadCertificateStatusResponse,
            A::UnknownPskIdentity,
            A::CertificateRequired,
            A::NoApplicationProtocol,
        ];
        ALL.into_iter().find(|a| *a as u8 == v)
    }
}

/// The fatal alert we send the peer when a connection fails with `err`.
pub fn to_send(err: &crate::error::Error) -> AlertDescription {
    use crate::error::ErrorKind;
    use AlertDescription as A;
    if let Some(alert) = err.alert {
        return alert;
    }
    if let Some(alert) = err.code.alert().and_then(AlertDescription::from_wire) {
        return alert;
    }
    match err.code {
        ErrorCode::DECRYPT => A::BadRecordMac,
        ErrorCode::RECORD_LENGTH_TOO_LARGE | ErrorCode::MAX_INNER_PLAINTEXT_SIZE => A::RecordOverflow,
        ErrorCode::DUPLICATE_EXTENSION | ErrorCode::BAD_KEY_SHARE | ErrorCode::INVALID_HELLO_RETRY => {
            A::IllegalParameter
        }
        ErrorCode::UNSUPPORTED_EXTENSION => A::UnsupportedExtension,
        ErrorCode::PROTOCOL_VERSION_UNSUPPORTED | ErrorCode::PROTOCOL_DOWNGRADE_DETECTED => A::ProtocolVersion,
        ErrorCode::NO_APPLICATION_PROTOCOL => A::NoApplicationProtocol,
        ErrorCode::VERIFY_SIGNATURE => A::DecryptError,
        _ if err.kind() == ErrorKind::Proto => A::HandshakeFailure,
        _ => A::InternalError,
    }
}
