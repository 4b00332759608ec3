//! ferrotls: a TLS library in Rust that C programs link instead of s2n-tls or libtls.
//!
//! The crate has a safe, sans-I/O core and one `unsafe` boundary, [`capi`], which exposes
//! the core through two C ABIs. See ARCHITECTURE.md.

pub mod alert;
pub mod codec;
pub mod config;
pub mod conn;
pub mod crypto;
pub mod early_data;
pub mod error;
pub mod fingerprint;
pub mod kx;
pub mod msgs;
pub mod ocsp;
pub mod offload;
pub mod pki;
pub mod policy;
pub mod record;
pub mod serialize;
pub mod session;
pub mod sign;
pub mod sslv2;
pub mod suites;
#[cfg(test)]
mod test_support;
pub mod ticket;
pub mod tls12;
pub mod tls13;
pub mod transcript;
pub mod verify;
pub mod x509;

pub mod capi;

#[cfg(test)]
mod header_tests {
    /// The committed headers must be what cbindgen generates from the current source; run
    /// `make headers` after changing the ABI.
    #[test]
    fn committed_headers_are_current() {
        let generated = concat!(env!("OUT_DIR"), "/include");
        let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/include");
        for header in ["s2n.h", "tls.h", "s2n/unstable/npn.h"] {
            let fresh = std::fs::read_to_string(format!("{generated}/{header}")).unwrap();
            let kept = std::fs::read_to_string(format!("{committed}/{header}"))
                .unwrap_or_else(|_| panic!("include/{header} is missing: run `make headers`"));
            assert!(fresh == kept, "include/{header} is stale: run `make headers`");
        }
    }
}
