//! The handshake transcript hash. Until the cipher suite (and so the hash) is known the
//! messages are buffered; after that a running digest is kept, and the messages too only
//! while a TLS 1.2 CertificateVerify may still sign or check them.

use aws_lc_rs::digest;

use crate::crypto::{Digest, HashAlgorithm};

pub enum Transcript {
    Buffered(Vec<u8>),
    Hashing {
        hash: HashAlgorithm,
        ctx: digest::Context,
    },
    /// Hashing, and keeping the messages: TLS 1.2's CertificateVerify signs them whole,
    /// with the signature scheme's hash, which need not be the suite's.
    Recording {
        hash: HashAlgorithm,
        ctx: digest::Context,
        messages: Vec<u8>,
    },
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
            Transcript::Recording { ctx, messages, .. } => {
                ctx.update(message);
                messages.extend_from_slice(message);
            }
        }
    }

    /// A running hash with `hash` of `messages` (the handshake so far), which are kept
    /// too when `keep` (see [`Transcript::Recording`]).
    pub fn hashing(hash: HashAlgorithm, messages: Vec<u8>, keep: bool) -> Transcript {
        let mut ctx = digest::Context::new(hash.digest_algorithm());
        ctx.update(&messages);
        match keep {
            true => Transcript::Recording { hash, ctx, messages },
            false => Transcript::Hashing { hash, ctx },
        }
    }

    /// The messages so far, while they are kept (TLS 1.2 signatures).
    pub fn messages(&self) -> Option<&[u8]> {
        match self {
            Transcript::Buffered(messages) | Transcript::Recording { messages, .. } => Some(messages),
            Transcript::Hashing { .. } => None,
        }
    }

    /// Drops the kept messages once no signature can need them; the hash goes on.
    pub fn stop_recording(&mut self) {
        if let Transcript::Recording { .. } = self {
            if let Transcript::Recording { hash, ctx, .. } = std::mem::take(self) {
                *self = Transcript::Hashing { hash, ctx };
            }
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
            Transcript::Hashing { ctx, .. } | Transcript::Recording { ctx, .. } => Digest::from(ctx.clone().finish()),
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
            Transcript::Hashing { ctx, .. } | Transcript::Recording { ctx, .. } => {
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
            Transcript::Hashing { .. } | Transcript::Recording { .. } => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_keeps_the_messages_until_told_and_hashes_throughout() {
        let hash = HashAlgorithm::Sha256;
        let mut t = Transcript::hashing(hash, b"client hello".to_vec(), true);
        t.add(b"server hello");
        assert_eq!(t.messages(), Some(&b"client helloserver hello"[..]));
        assert_eq!(t.current().as_ref(), hash.hash(b"client helloserver hello").as_ref());
        t.stop_recording();
        assert_eq!(t.messages(), None);
        t.add(b"finished");
        assert_eq!(t.current().as_ref(), hash.hash(b"client helloserver hellofinished").as_ref());
        let mut plain = Transcript::hashing(hash, b"client hello".to_vec(), false);
        assert_eq!(plain.messages(), None);
        plain.add(b"server hello");
        assert_eq!(plain.current().as_ref(), hash.hash(b"client helloserver hello").as_ref());
    }
}
