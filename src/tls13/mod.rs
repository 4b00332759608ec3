//! TLS 1.3 (RFC 8446).

pub mod key_schedule;
