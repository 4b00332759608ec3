//! The handshake transcript hash. Until the cipher suite (and so the hash) is known the
//! messages are buffered; after that only a running digest is kept.

use aws_lc_rs::digest;

use crate::crypto::{Digest, HashAlgorithm};

pub enum Transcript {
    Buffered(Vec<u8>),
    Hashing { hash: HashAlgorithm, ctx: digest::Context },
}

impl Default for Transcript {
    fn default() -> Transcript {
        Transcript::Buffered(Vec::new())
    }
}

impl Transcript {
    pub fn add(&mut self, message: &[u8]) {
        match self {
            Transcript::Buffered(buf) => buf.extend_from_slice(message),
            Transcript::Hashing { ctx, .. } => ctx.update(message),
        }
    }

    /// Switches to hashing with the negotiated suite's hash.
    pub fn start_hash(&mut self, hash: HashAlgorithm) {
        if let Transcript::Buffered(buf) = self {
            let mut ctx = digest::Context::new(hash.digest_algorithm());
            ctx.update(buf);
            *self = Transcript::Hashing { hash, ctx };
        }
    }

    /// The hash of everything so far. Before `start_hash` this is a caller bug.
    pub fn current(&self) -> Digest {
        match self {
            Transcript::Hashing { ctx, .. } => Digest::from(ctx.clone().finish()),
            Transcript::Buffered(_) => panic!("transcript hash requested before the hash is known"),
        }
    }

    /// The hash, with `hash`, of everything so far followed by `extra`, leaving the
    /// transcript unchanged (PSK binders hash a partial ClientHello).
    pub fn hash_with(&self, hash: HashAlgorithm, extra: &[u8]) -> Digest {
        match self {
            Transcript::Buffered(buf) => {
                let mut ctx = digest::Context::new(hash.digest_algorithm());
                ctx.update(buf);
                ctx.update(extra);
                Digest::from(ctx.finish())
            }
            Transcript::Hashing { ctx, .. } => {
                let mut ctx = ctx.clone();
                ctx.update(extra);
                Digest::from(ctx.finish())
            }
        }
    }

    /// The raw messages, while still buffered (TLS 1.2 keeps them for its signatures).
    pub fn into_buffer(self) -> Option<Vec<u8>> {
        match self {
            Transcript::Buffered(buf) => Some(buf),
            Transcript::Hashing { .. } => None,
        }
    }

    /// After a HelloRetryRequest the first ClientHello is replaced by a synthetic
    /// message_hash message carrying its hash (RFC 8446 §4.4.1).
    pub fn replace_with_message_hash(&mut self, hash: HashAlgorithm) {
        self.start_hash(hash);
        let ch1 = self.current();
        let mut ctx = digest::Context::new(hash.digest_algorithm());
        ctx.update(&[crate::msgs::hs::MESSAGE_HASH, 0, 0, hash.output_len() as u8]);
        ctx.update(ch1.as_ref());
        *self = Transcript::Hashing { hash, ctx };
    }
}
