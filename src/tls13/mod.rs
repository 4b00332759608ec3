//! TLS 1.3 (RFC 8446).

pub mod client;
pub mod key_schedule;
pub mod server;
#[cfg(test)]
mod tests;
