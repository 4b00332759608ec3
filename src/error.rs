//! Error codes shared by the whole library.
//!
//! The codes are s2n-tls's, by name and by number, because the s2n C ABI hands them to
//! applications as plain integers: the upper six bits of a code are its [`ErrorKind`], the
//! lower 26 bits its position within that kind. Keeping the numbering identical means a
//! program that logs or compares raw codes sees what it would see with s2n-tls.
//!
//! Codes are listed once, in [`error_codes!`]'s table below; everything else (the enum, the
//! names, the messages, the kinds) is derived from that table.

use std::fmt;
use std::panic::Location;

/// Bits of a code that hold its position within its kind.
pub const KIND_SHIFT: u32 = 26;

/// The broad class of an error, as `s2n_error_get_type` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ErrorKind {
    Ok = 0,
    Io = 1,
    Closed = 2,
    Blocked = 3,
    Alert = 4,
    Proto = 5,
    Internal = 6,
    Usage = 7,
}

/// Declares [`ErrorCode`]: one variant per s2n error, grouped by kind. The first variant of
/// each group starts at `kind << KIND_SHIFT`; the rest follow implicitly, as in s2n's enum.
macro_rules! error_codes {
    ($($kind:ident = $k:literal { $first:ident => $first_msg:literal, $($name:ident => $msg:literal,)* })*) => {
        /// Every error the library reports. Variant `X` is s2n-tls's `S2N_ERR_X`.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u32)]
        pub enum ErrorCode {
            $( $first = $k << KIND_SHIFT, $($name,)* )*
        }

        impl ErrorCode {
            /// All codes, in numeric order.
            pub const ALL: &'static [ErrorCode] = &[$( ErrorCode::$first, $(ErrorCode::$name,)* )*];

            /// The s2n name, e.g. `"S2N_ERR_NULL"`.
            pub fn name(self) -> &'static str {
                match self {
                    $( ErrorCode::$first => concat!("S2N_ERR_", stringify!($first)),
                       $(ErrorCode::$name => concat!("S2N_ERR_", stringify!($name)),)* )*
                }
            }

            /// A one-line English explanation.
            pub fn message(self) -> &'static str {
                match self {
                    $( ErrorCode::$first => $first_msg, $(ErrorCode::$name => $msg,)* )*
                }
            }
        }
    };
}

error_codes! {
    Ok = 0 {
        OK => "ok",
    }
    Io = 1 {
        IO => "io",
    }
    Closed = 2 {
        CLOSED => "closed",
    }
    Blocked = 3 {
        IO_BLOCKED => "io blocked",
        ASYNC_BLOCKED => "async blocked",
        EARLY_DATA_BLOCKED => "early data blocked",
        APP_DATA_BLOCKED => "app data blocked",
    }
    Alert = 4 {
        ALERT => "alert",
    }
    Proto = 5 {
        ENCRYPT => "encrypt",
        DECRYPT => "decrypt",
        BAD_MESSAGE => "bad message",
        UNEXPECTED_CERT_REQUEST => "unexpected cert request",
        MISSING_CERT_REQUEST => "missing cert request",
        MISSING_CLIENT_CERT => "missing client cert",
        KEY_INIT => "key init",
        KEY_DESTROY => "key destroy",
        DH_SERIALIZING => "dh serializing",
        DH_SHARED_SECRET => "dh shared secret",
        DH_WRITING_PUBLIC_KEY => "dh writing public key",
        DH_FAILED_SIGNING => "dh failed signing",
        DH_COPYING_PARAMETERS => "dh copying parameters",
        DH_GENERATING_PARAMETERS => "dh generating parameters",
        CIPHER_NOT_SUPPORTED => "cipher not supported",
        NO_APPLICATION_PROTOCOL => "no application protocol",
        FALLBACK_DETECTED => "fallback detected",
        HASH_DIGEST_FAILED => "hash digest failed",
        HASH_INIT_FAILED => "hash init failed",
        HASH_UPDATE_FAILED => "hash update failed",
        HASH_COPY_FAILED => "hash copy failed",
        HASH_WIPE_FAILED => "hash wipe failed",
        HASH_NOT_READY => "hash not ready",
        ALLOW_MD5_FOR_FIPS_FAILED => "allow md5 for fips failed",
        DECODE_CERTIFICATE => "decode certificate",
        DECODE_PRIVATE_KEY => "decode private key",
        INVALID_HELLO_RETRY => "invalid hello retry",
        INVALID_SIGNATURE_ALGORITHM => "invalid signature algorithm",
        INVALID_SIGNATURE_SCHEME => "invalid signature scheme",
        NO_VALID_SIGNATURE_SCHEME => "no valid signature scheme",
        CBC_VERIFY => "cbc verify",
        DH_COPYING_PUBLIC_KEY => "dh copying public key",
        SIGN => "sign",
        VERIFY_SIGNATURE => "verify signature",
        ECDHE_GEN_KEY => "ecdhe gen key",
        ECDHE_SHARED_SECRET => "ecdhe shared secret",
        ECDHE_UNSUPPORTED_CURVE => "ecdhe unsupported curve",
        ECDHE_INVALID_PUBLIC_KEY => "ecdhe invalid public key",
        ECDHE_INVALID_PUBLIC_KEY_FIPS => "ecdhe invalid public key fips",
        ECDSA_UNSUPPORTED_CURVE => "ecdsa unsupported curve",
        ECDHE_SERIALIZING => "ecdhe serializing",
        KEM_UNSUPPORTED_PARAMS => "kem unsupported params",
        SHUTDOWN_RECORD_TYPE => "shutdown record type",
        SHUTDOWN_CLOSED => "shutdown closed",
        NON_EMPTY_RENEGOTIATION_INFO => "non empty renegotiation info",
        RECORD_LIMIT => "record limit",
        CERT_UNTRUSTED => "cert untrusted",
        CERT_INVALID_HOSTNAME => "cert invalid hostname",
        CERT_REVOKED => "cert revoked",
        CERT_NOT_YET_VALID => "cert not yet valid",
        CERT_EXPIRED => "cert expired",
        CERT_TYPE_UNSUPPORTED => "cert type unsupported",
        CERT_INVALID => "cert invalid",
        CERT_MAX_CHAIN_DEPTH_EXCEEDED => "cert max chain depth exceeded",
        CERT_REJECTED => "cert rejected",
        CERT_UNHANDLED_CRITICAL_EXTENSION => "cert unhandled critical extension",
        CRL_LOOKUP_FAILED => "crl lookup failed",
        CRL_SIGNATURE => "crl signature",
        CRL_ISSUER => "crl issuer",
        CRL_UNHANDLED_CRITICAL_EXTENSION => "crl unhandled critical extension",
        CRL_INVALID_THIS_UPDATE => "crl invalid this update",
        CRL_INVALID_NEXT_UPDATE => "crl invalid next update",
        CRL_NOT_YET_VALID => "crl not yet valid",
        CRL_EXPIRED => "crl expired",
        INVALID_MAX_FRAG_LEN => "invalid max frag len",
        MAX_FRAG_LEN_MISMATCH => "max frag len mismatch",
        PROTOCOL_VERSION_UNSUPPORTED => "protocol version unsupported",
        BAD_KEY_SHARE => "bad key share",
        CANCELLED => "cancelled",
        PROTOCOL_DOWNGRADE_DETECTED => "protocol downgrade detected",
        MAX_INNER_PLAINTEXT_SIZE => "max inner plaintext size",
        RECORD_STUFFER_SIZE => "record stuffer size",
        FRAGMENT_LENGTH_TOO_LARGE => "fragment length too large",
        FRAGMENT_LENGTH_TOO_SMALL => "fragment length too small",
        RECORD_STUFFER_NEEDS_DRAINING => "record stuffer needs draining",
        MISSING_EXTENSION => "missing extension",
        UNSUPPORTED_EXTENSION => "unsupported extension",
        DUPLICATE_EXTENSION => "duplicate extension",
        MAX_EARLY_DATA_SIZE => "max early data size",
        EARLY_DATA_TRIAL_DECRYPT => "early data trial decrypt",
        NO_RENEGOTIATION => "no renegotiation",
        KTLS_KEYUPDATE => "ktls keyupdate",
        CERT_INTENT_INVALID => "cert intent invalid",
        BAD_FINISHED => "bad finished",
        BAD_PSK_BINDER => "bad psk binder",
        // Ours, after s2n's last code of the kind so that s2n's numbering is unchanged.
        FERROTLS_MISSING_OCSP_STAPLE => "no stapled OCSP response provided",
    }
    Internal = 6 {
        MADVISE => "madvise",
        ALLOC => "alloc",
        MLOCK => "mlock",
        MUNLOCK => "munlock",
        FSTAT => "fstat",
        OPEN => "open",
        MMAP => "mmap",
        ATEXIT => "atexit",
        NOMEM => "nomem",
        NULL => "null",
        SAFETY => "safety",
        INITIALIZED => "initialized",
        NOT_INITIALIZED => "not initialized",
        RANDOM_UNINITIALIZED => "random uninitialized",
        OPEN_RANDOM => "open random",
        RESIZE_STATIC_STUFFER => "resize static stuffer",
        RESIZE_TAINTED_STUFFER => "resize tainted stuffer",
        STUFFER_OUT_OF_DATA => "stuffer out of data",
        STUFFER_IS_FULL => "stuffer is full",
        STUFFER_NOT_FOUND => "stuffer not found",
        STUFFER_HAS_UNPROCESSED_DATA => "stuffer has unprocessed data",
        HASH_INVALID_ALGORITHM => "hash invalid algorithm",
        PRF_INVALID_ALGORITHM => "prf invalid algorithm",
        PRF_INVALID_SEED => "prf invalid seed",
        PRF_DERIVE => "prf derive",
        P_HASH_INVALID_ALGORITHM => "p hash invalid algorithm",
        P_HASH_INIT_FAILED => "p hash init failed",
        P_HASH_UPDATE_FAILED => "p hash update failed",
        P_HASH_FINAL_FAILED => "p hash final failed",
        P_HASH_WIPE_FAILED => "p hash wipe failed",
        HMAC_INVALID_ALGORITHM => "hmac invalid algorithm",
        HKDF_OUTPUT_SIZE => "hkdf output size",
        HKDF => "hkdf",
        ALERT_PRESENT => "alert present",
        HANDSHAKE_STATE => "handshake state",
        SHUTDOWN_PAUSED => "shutdown paused",
        SIZE_MISMATCH => "size mismatch",
        RANDOM => "random",
        KEY_CHECK => "key check",
        CIPHER_TYPE => "cipher type",
        MAP_DUPLICATE => "map duplicate",
        MAP_IMMUTABLE => "map immutable",
        MAP_MUTABLE => "map mutable",
        MAP_INVALID_MAP_SIZE => "map invalid map size",
        INITIAL_HMAC => "initial hmac",
        INVALID_NONCE_TYPE => "invalid nonce type",
        UNIMPLEMENTED => "unimplemented",
        HANDSHAKE_UNREACHABLE => "handshake unreachable",
        READ => "read",
        WRITE => "write",
        BAD_FD => "bad fd",
        RDRAND_FAILED => "rdrand failed",
        FAILED_CACHE_RETRIEVAL => "failed cache retrieval",
        X509_TRUST_STORE => "x509 trust store",
        UNKNOWN_PROTOCOL_VERSION => "unknown protocol version",
        NULL_CN_NAME => "null cn name",
        NULL_SANS => "null sans",
        CLIENT_HELLO_VERSION => "client hello version",
        CLIENT_PROTOCOL_VERSION => "client protocol version",
        SERVER_PROTOCOL_VERSION => "server protocol version",
        ACTUAL_PROTOCOL_VERSION => "actual protocol version",
        POLLING_FROM_SOCKET => "polling from socket",
        RECV_STUFFER_FROM_CONN => "recv stuffer from conn",
        SEND_STUFFER_TO_CONN => "send stuffer to conn",
        PRECONDITION_VIOLATION => "precondition violation",
        POSTCONDITION_VIOLATION => "postcondition violation",
        INTEGER_OVERFLOW => "integer overflow",
        ARRAY_INDEX_OOB => "array index oob",
        FREE_STATIC_BLOB => "free static blob",
        RESIZE_STATIC_BLOB => "resize static blob",
        RECORD_LENGTH_TOO_LARGE => "record length too large",
        SET_DUPLICATE_VALUE => "set duplicate value",
        INVALID_PARSED_EXTENSIONS => "invalid parsed extensions",
        ASYNC_CALLBACK_FAILED => "async callback failed",
        ASYNC_MORE_THAN_ONE => "async more than one",
        PQ_CRYPTO => "pq crypto",
        INVALID_CERT_STATE => "invalid cert state",
        INVALID_SUPPORTED_GROUP_STATE => "invalid supported group state",
        INVALID_EARLY_DATA_STATE => "invalid early data state",
        PKEY_CTX_INIT => "pkey ctx init",
        LIBCRYPTO_VERSION_NUMBER_MISMATCH => "libcrypto version number mismatch",
        LIBCRYPTO_VERSION_NAME_MISMATCH => "libcrypto version name mismatch",
        INTERNAL_LIBCRYPTO_ERROR => "internal libcrypto error",
        OSSL_PROVIDER => "ossl provider",
        BAD_HEX => "bad hex",
        TEST_ASSERTION => "test assertion",
        CONFIG_NULL_BEFORE_CH_CALLBACK => "config null before ch callback",
        ZERO_LIFETIME_TICKET => "zero lifetime ticket",
    }
    Usage = 7 {
        NO_ALERT => "no alert",
        SERVER_MODE => "server mode",
        CLIENT_MODE => "client mode",
        CLIENT_MODE_DISABLED => "client mode disabled",
        TOO_MANY_CERTIFICATES => "too many certificates",
        TOO_MANY_SIGNATURE_SCHEMES => "too many signature schemes",
        CLIENT_AUTH_NOT_SUPPORTED_IN_FIPS_MODE => "client auth not supported in fips mode",
        INVALID_BASE64 => "invalid base64",
        INVALID_HEX => "invalid hex",
        INVALID_PEM => "invalid pem",
        DH_PARAMS_CREATE => "dh params create",
        DH_TOO_SMALL => "dh too small",
        DH_PARAMETER_CHECK => "dh parameter check",
        INVALID_PKCS3 => "invalid pkcs3",
        NO_CERTIFICATE_IN_PEM => "no certificate in pem",
        SERVER_NAME_TOO_LONG => "server name too long",
        NUM_DEFAULT_CERTIFICATES => "num default certificates",
        MULTIPLE_DEFAULT_CERTIFICATES_PER_AUTH_TYPE => "multiple default certificates per auth type",
        INVALID_CIPHER_PREFERENCES => "invalid cipher preferences",
        INVALID_APPLICATION_PROTOCOL => "invalid application protocol",
        KEY_MISMATCH => "key mismatch",
        SEND_SIZE => "send size",
        CORK_SET_ON_UNMANAGED => "cork set on unmanaged",
        UNRECOGNIZED_EXTENSION => "unrecognized extension",
        EXTENSION_NOT_RECEIVED => "extension not received",
        INVALID_SCT_LIST => "invalid sct list",
        INVALID_OCSP_RESPONSE => "invalid ocsp response",
        UPDATING_EXTENSION => "updating extension",
        INVALID_SERIALIZED_SESSION_STATE => "invalid serialized session state",
        SERIALIZED_SESSION_STATE_TOO_LONG => "serialized session state too long",
        SESSION_ID_TOO_LONG => "session id too long",
        CLIENT_AUTH_NOT_SUPPORTED_IN_SESSION_RESUMPTION_MODE => "client auth not supported in session resumption mode",
        INVALID_TICKET_KEY_LENGTH => "invalid ticket key length",
        INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH => "invalid ticket key name or name length",
        TICKET_KEY_NOT_UNIQUE => "ticket key not unique",
        TICKET_KEY_LIMIT => "ticket key limit",
        NO_TICKET_ENCRYPT_DECRYPT_KEY => "no ticket encrypt decrypt key",
        ENCRYPT_DECRYPT_KEY_SELECTION_FAILED => "encrypt decrypt key selection failed",
        KEY_USED_IN_SESSION_TICKET_NOT_FOUND => "key used in session ticket not found",
        SENDING_NST => "sending nst",
        INVALID_DYNAMIC_THRESHOLD => "invalid dynamic threshold",
        INVALID_ARGUMENT => "invalid argument",
        NOT_IN_UNIT_TEST => "not in unit test",
        NOT_IN_TEST => "not in test",
        UNSUPPORTED_CPU => "unsupported cpu",
        SESSION_ID_TOO_SHORT => "session id too short",
        CONNECTION_CACHING_DISALLOWED => "connection caching disallowed",
        SESSION_TICKET_NOT_SUPPORTED => "session ticket not supported",
        OCSP_NOT_SUPPORTED => "ocsp not supported",
        INVALID_SIGNATURE_ALGORITHMS_PREFERENCES => "invalid signature algorithms preferences",
        RSA_PSS_NOT_SUPPORTED => "rsa pss not supported",
        INVALID_ECC_PREFERENCES => "invalid ecc preferences",
        DEPRECATED_SECURITY_POLICY => "deprecated security policy",
        INVALID_SECURITY_POLICY => "invalid security policy",
        INVALID_KEM_PREFERENCES => "invalid kem preferences",
        ASYNC_ALREADY_PERFORMED => "async already performed",
        ASYNC_NOT_PERFORMED => "async not performed",
        ASYNC_WRONG_CONNECTION => "async wrong connection",
        ASYNC_ALREADY_APPLIED => "async already applied",
        UNSUPPORTED_WITH_QUIC => "unsupported with quic",
        DUPLICATE_PSK_IDENTITIES => "duplicate psk identities",
        OFFERED_PSKS_TOO_LONG => "offered psks too long",
        INVALID_SESSION_TICKET => "invalid session ticket",
        REENTRANCY => "reentrancy",
        INVALID_STATE => "invalid state",
        EARLY_DATA_NOT_ALLOWED => "early data not allowed",
        NO_CERT_FOUND => "no cert found",
        CERT_NOT_VALIDATED => "cert not validated",
        NO_PRIVATE_KEY => "no private key",
        PSK_MODE => "psk mode",
        X509_EXTENSION_VALUE_NOT_FOUND => "x509 extension value not found",
        INVALID_X509_EXTENSION_TYPE => "invalid x509 extension type",
        INSUFFICIENT_MEM_SIZE => "insufficient mem size",
        KEYING_MATERIAL_EXPIRED => "keying material expired",
        SECRET_SCHEDULE_STATE => "secret schedule state",
        CERT_OWNERSHIP => "cert ownership",
        HANDSHAKE_NOT_COMPLETE => "handshake not complete",
        KTLS_MANAGED_IO => "ktls managed io",
        KTLS_UNSUPPORTED_PLATFORM => "ktls unsupported platform",
        KTLS_UNSUPPORTED_CONN => "ktls unsupported conn",
        KTLS_ENABLE => "ktls enable",
        KTLS_BAD_CMSG => "ktls bad cmsg",
        KTLS_RENEG => "ktls reneg",
        KTLS_SOCKOPT => "ktls sockopt",
        ATOMIC => "atomic",
        KTLS_KEY_LIMIT => "ktls key limit",
        SECURITY_POLICY_INCOMPATIBLE_CERT => "security policy incompatible cert",
        INVALID_SERIALIZED_CONNECTION => "invalid serialized connection",
        TOO_MANY_CAS => "too many cas",
        API_UNSUPPORTED_BY_LIBCRYPTO => "api unsupported by libcrypto",
        FIPS_MODE_UNSUPPORTED => "fips mode unsupported",
        FERROTLS_UNIMPLEMENTED => "this function is not implemented in ferrotls yet",
    }
}

impl ErrorCode {
    /// The numeric code as s2n applications see it in `s2n_errno`.
    pub fn code(self) -> u32 {
        self as u32
    }

    pub fn kind(self) -> ErrorKind {
        match self.code() >> KIND_SHIFT {
            0 => ErrorKind::Ok,
            1 => ErrorKind::Io,
            2 => ErrorKind::Closed,
            3 => ErrorKind::Blocked,
            4 => ErrorKind::Alert,
            5 => ErrorKind::Proto,
            6 => ErrorKind::Internal,
            _ => ErrorKind::Usage,
        }
    }

    /// The code for a raw number, if the number is one of ours.
    pub fn from_code(code: u32) -> Option<ErrorCode> {
        let kind_start = code & !((1 << KIND_SHIFT) - 1);
        // Codes are dense within a kind, so find the kind's first entry and step from it.
        let first = Self::ALL.iter().position(|c| c.code() >= kind_start)?;
        let candidate = *Self::ALL.get(first + (code - kind_start) as usize)?;
        (candidate.code() == code).then_some(candidate)
    }
}

/// An error together with the place in our source that raised it, which
/// `s2n_strerror_debug` and `s2n_strerror_source` report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub location: &'static Location<'static>,
    /// The alert to send the peer when the code alone does not say (see `alert::to_send`).
    pub alert: Option<crate::alert::AlertDescription>,
}

impl Error {
    #[track_caller]
    pub fn new(code: ErrorCode) -> Error {
        Error { code, location: Location::caller(), alert: None }
    }

    /// An error that tells the peer `alert`.
    #[track_caller]
    pub fn with_alert(code: ErrorCode, alert: crate::alert::AlertDescription) -> Error {
        Error { code, location: Location::caller(), alert: Some(alert) }
    }

    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }
}

impl From<ErrorCode> for Error {
    #[track_caller]
    fn from(code: ErrorCode) -> Error {
        Error::new(code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code.message(), self.code.name())
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_carry_their_kind_in_the_top_bits() {
        assert_eq!(ErrorCode::OK.code(), 0);
        assert_eq!(ErrorCode::IO.kind(), ErrorKind::Io);
        assert_eq!(ErrorCode::IO_BLOCKED.code(), 3 << KIND_SHIFT);
        assert_eq!(ErrorCode::ASYNC_BLOCKED.code(), (3 << KIND_SHIFT) + 1);
        assert_eq!(ErrorCode::NULL.kind(), ErrorKind::Internal);
        assert_eq!(ErrorCode::FERROTLS_UNIMPLEMENTED.kind(), ErrorKind::Usage);
        assert_eq!(ErrorCode::DECRYPT.kind(), ErrorKind::Proto);
    }

    #[test]
    fn every_code_round_trips_and_has_a_name() {
        for &c in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(c.code()), Some(c));
            assert!(c.name().starts_with("S2N_ERR_"));
            assert!(!c.message().is_empty());
        }
        assert_eq!(ErrorCode::from_code(12345), None);
        assert_eq!(ErrorCode::from_code(u32::MAX), None);
    }
}
