//! Handshake messages and extensions (RFC 8446 §4), decoded as borrowed views over the
//! received bytes and encoded straight into an output buffer.

use crate::codec::{decode_error, Reader, Writer};
use crate::error::{Error, ErrorCode, Result};

/// Handshake message types.
pub mod hs {
    pub const HELLO_REQUEST: u8 = 0;
    pub const CLIENT_HELLO: u8 = 1;
    pub const SERVER_HELLO: u8 = 2;
    pub const NEW_SESSION_TICKET: u8 = 4;
    pub const END_OF_EARLY_DATA: u8 = 5;
    pub const ENCRYPTED_EXTENSIONS: u8 = 8;
    pub const CERTIFICATE: u8 = 11;
    pub const SERVER_KEY_EXCHANGE: u8 = 12;
    pub const CERTIFICATE_REQUEST: u8 = 13;
    pub const SERVER_HELLO_DONE: u8 = 14;
    pub const CERTIFICATE_VERIFY: u8 = 15;
    pub const CERTIFICATE_STATUS: u8 = 22;
    pub const CLIENT_KEY_EXCHANGE: u8 = 16;
    pub const FINISHED: u8 = 20;
    pub const KEY_UPDATE: u8 = 24;
    /// NPN's NextProtocol (draft-agl-tls-nextprotoneg-03 §3), TLS 1.2 only.
    pub const NEXT_PROTOCOL: u8 = 67;
    pub const MESSAGE_HASH: u8 = 254;
}

/// Extension types.
pub mod ext {
    pub const SERVER_NAME: u16 = 0;
    pub const MAX_FRAGMENT_LENGTH: u16 = 1;
    pub const STATUS_REQUEST: u16 = 5;
    pub const SUPPORTED_GROUPS: u16 = 10;
    pub const EC_POINT_FORMATS: u16 = 11;
    pub const SIGNATURE_ALGORITHMS: u16 = 13;
    pub const ALPN: u16 = 16;
    pub const SCT: u16 = 18;
    pub const EXTENDED_MASTER_SECRET: u16 = 23;
    pub const RECORD_SIZE_LIMIT: u16 = 28;
    pub const SESSION_TICKET: u16 = 35;
    pub const PRE_SHARED_KEY: u16 = 41;
    pub const EARLY_DATA: u16 = 42;
    pub const SUPPORTED_VERSIONS: u16 = 43;
    pub const COOKIE: u16 = 44;
    pub const CERTIFICATE_AUTHORITIES: u16 = 47;
    pub const PSK_KEY_EXCHANGE_MODES: u16 = 45;
    pub const SIGNATURE_ALGORITHMS_CERT: u16 = 50;
    pub const KEY_SHARE: u16 = 51;
    /// QUIC transport parameters (RFC 9001 §8.2), opaque to TLS.
    pub const QUIC_TRANSPORT_PARAMETERS: u16 = 57;
    pub const RENEGOTIATION_INFO: u16 = 0xff01;
    /// Next Protocol Negotiation (draft-agl-tls-nextprotoneg-03), ALPN's predecessor.
    pub const NEXT_PROTOCOL_NEGOTIATION: u16 = 13172;
}

/// The ServerHello.random that marks a HelloRetryRequest (RFC 8446 §4.1.3): SHA-256 of
/// "HelloRetryRequest".
pub const HELLO_RETRY_REQUEST_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11,
    0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// RFC 6066 CertificateStatusType ocsp.
pub const STATUS_TYPE_OCSP: u8 = 1;

pub const TLS12: u16 = 0x0303;
pub const TLS13: u16 = 0x0304;

/// The largest handshake message we accept. Certificate chains are the big ones; this is
/// generous for real chains and bounds what a peer can make us buffer.
pub const MAX_HANDSHAKE_MESSAGE: usize = 64 * 1024;

/// Appends one extension: its type and its body behind a two-byte length.
pub fn extension(w: &mut Vec<u8>, typ: u16, body: impl FnOnce(&mut Vec<u8>)) {
    w.put_u16(typ);
    w.put_prefixed(2, body);
}

/// Writes a handshake message header and body (`body` writes the body).
pub fn encode_handshake(out: &mut Vec<u8>, msg_type: u8, body: impl FnOnce(&mut Vec<u8>)) {
    out.put_u8(msg_type);
    out.put_prefixed(3, body);
}

/// A list of extensions as received: checked for duplicates, looked up by type.
#[derive(Clone, Debug, Default)]
pub struct Extensions<'a> {
    entries: Vec<(u16, &'a [u8])>,
}

impl<'a> Extensions<'a> {
    /// Decodes an extensions block (with its two-byte length); a message may omit it
    /// entirely when `optional`.
    pub fn decode(r: &mut Reader<'a>, optional: bool) -> Result<Extensions<'a>> {
        if optional && r.is_empty() {
            return Ok(Extensions::default());
        }
        let mut list = r.vec_u16()?;
        // Counted first so the list is one allocation (a ClientHello's grew three times).
        let mut count = 0;
        let mut scan = list.clone();
        while !scan.is_empty() {
            scan.u16()?;
            scan.vec_u16()?;
            count += 1;
        }
        let mut entries: Vec<(u16, &'a [u8])> = Vec::with_capacity(count);
        while !list.is_empty() {
            let typ = list.u16()?;
            let data = list.vec_u16()?.rest();
            if entries.iter().any(|(t, _)| *t == typ) {
                return Err(Error::new(ErrorCode::DUPLICATE_EXTENSION));
            }
            entries.push((typ, data));
        }
        Ok(Extensions { entries })
    }

    pub fn get(&self, typ: u16) -> Option<&'a [u8]> {
        self.entries.iter().find(|(t, _)| *t == typ).map(|(_, d)| *d)
    }

    pub fn contains(&self, typ: u16) -> bool {
        self.get(typ).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (u16, &'a [u8])> + '_ {
        self.entries.iter().copied()
    }

    /// The extension types not in `allowed`: a peer sending one of them in a message that
    /// may not carry it is an error (unsupported_extension).
    pub fn check_only(&self, allowed: &[u16]) -> Result<()> {
        match self.entries.iter().any(|(t, _)| !allowed.contains(t)) {
            true => Err(Error::new(ErrorCode::UNSUPPORTED_EXTENSION)),
            false => Ok(()),
        }
    }
}

/// Iterates a list of big-endian u16 values (cipher suites, groups, schemes, versions).
pub fn u16_list(bytes: &[u8]) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]]))
}

/// Decodes a vector of u16 values with a `prefix`-byte length; odd or empty lists fail.
pub fn decode_u16_vec<'a>(data: &'a [u8], prefix: usize) -> Result<&'a [u8]> {
    let mut r = Reader::new(data);
    let list = match prefix {
        1 => r.vec_u8()?,
        _ => r.vec_u16()?,
    };
    r.finish()?;
    let list = list.rest();
    if list.is_empty() || list.len() % 2 != 0 {
        return Err(decode_error());
    }
    Ok(list)
}

pub struct ClientHello<'a> {
    pub legacy_version: u16,
    pub random: [u8; 32],
    pub session_id: &'a [u8],
    pub cipher_suites: &'a [u8],
    pub compression_methods: &'a [u8],
    pub extensions: Extensions<'a>,
    /// The extensions block as sent, for `s2n_client_hello_get_extensions`.
    pub raw_extensions: &'a [u8],
}

impl<'a> ClientHello<'a> {
    pub fn decode(body: &'a [u8]) -> Result<ClientHello<'a>> {
        let mut r = Reader::new(body);
        let legacy_version = r.u16()?;
        let random = r.array()?;
        let session_id = r.vec_u8()?.rest();
        if session_id.len() > 32 {
            return Err(decode_error());
        }
        let cipher_suites = r.vec_u16()?.rest();
        if cipher_suites.is_empty() || cipher_suites.len() % 2 != 0 {
            return Err(decode_error());
        }
        let compression_methods = r.vec_u8()?.rest();
        if compression_methods.is_empty() {
            return Err(decode_error());
        }
        let raw_extensions = r.rest().get(2..).unwrap_or(&[]);
        let extensions = Extensions::decode(&mut r, true)?;
        r.finish()?;
        Ok(ClientHello {
            legacy_version,
            random,
            session_id,
            cipher_suites,
            compression_methods,
            extensions,
            raw_extensions,
        })
    }

    /// The versions from supported_versions; empty when the client did not send it.
    pub fn supported_versions(&self) -> Result<Option<&'a [u8]>> {
        self.extensions.get(ext::SUPPORTED_VERSIONS).map(|d| decode_u16_vec(d, 1)).transpose()
    }

    /// (group, key_exchange) pairs from key_share.
    pub fn key_shares(&self) -> Result<Vec<(u16, &'a [u8])>> {
        let Some(data) = self.extensions.get(ext::KEY_SHARE) else { return Ok(Vec::new()) };
        let mut r = Reader::new(data);
        let mut list = r.vec_u16()?;
        r.finish()?;
        let mut shares: Vec<(u16, &'a [u8])> = Vec::new();
        while !list.is_empty() {
            let group = list.u16()?;
            let key = list.vec_u16()?.rest();
            if key.is_empty() || shares.iter().any(|(g, _)| *g == group) {
                return Err(decode_error());
            }
            shares.push((group, key));
        }
        Ok(shares)
    }

    /// The host name from server_name, if any (RFC 6066 §3: one host_name entry).
    pub fn server_name(&self) -> Result<Option<&'a [u8]>> {
        let Some(data) = self.extensions.get(ext::SERVER_NAME) else { return Ok(None) };
        let mut r = Reader::new(data);
        let mut list = r.vec_u16()?;
        r.finish()?;
        while !list.is_empty() {
            let name_type = list.u8()?;
            let name = list.vec_u16()?.rest();
            if name_type == 0 {
                if name.is_empty() {
                    return Err(decode_error());
                }
                return Ok(Some(name));
            }
        }
        Ok(None)
    }

    /// Whether the client asked for a stapled OCSP response (RFC 6066 §8). Other status
    /// types, and a malformed request, are not a request we can answer.
    pub fn wants_ocsp_staple(&self) -> bool {
        self.extensions.get(ext::STATUS_REQUEST).is_some_and(|d| d.first() == Some(&STATUS_TYPE_OCSP))
    }

    /// The protocol names offered in ALPN.
    pub fn alpn_protocols(&self) -> Result<Option<Vec<&'a [u8]>>> {
        self.extensions.get(ext::ALPN).map(decode_alpn_list).transpose()
    }
}

/// Decodes an ALPN ProtocolNameList (RFC 7301 §3.1): non-empty names in a non-empty list.
pub fn decode_alpn_list(data: &[u8]) -> Result<Vec<&[u8]>> {
    let mut r = Reader::new(data);
    let list = r.vec_u16()?;
    r.finish()?;
    let names = decode_protocol_names(list)?;
    if names.is_empty() {
        return Err(decode_error());
    }
    Ok(names)
}

/// Protocol names, each after its one-byte length, to the end of `list` (ALPN's list
/// inside its length, NPN's server list as it is); an empty name is a decode error.
pub fn decode_protocol_names(mut list: Reader<'_>) -> Result<Vec<&[u8]>> {
    let mut names = Vec::new();
    while !list.is_empty() {
        let name = list.vec_u8()?.rest();
        if name.is_empty() {
            return Err(decode_error());
        }
        names.push(name);
    }
    Ok(names)
}

pub fn encode_alpn_list<'n>(out: &mut Vec<u8>, names: impl IntoIterator<Item = &'n [u8]>) {
    out.put_prefixed(2, |w| encode_protocol_names(w, names));
}

/// Protocol names, each after its one-byte length (see [`decode_protocol_names`]).
pub fn encode_protocol_names<'n>(out: &mut Vec<u8>, names: impl IntoIterator<Item = &'n [u8]>) {
    for name in names {
        out.put_prefixed(1, |w| w.put_bytes(name));
    }
}

/// NPN's NextProtocol message: the protocol, then zero padding to a multiple of 32 bytes
/// (draft-agl-tls-nextprotoneg-03 §3), so its length does not tell the protocol.
pub fn encode_next_protocol(out: &mut Vec<u8>, protocol: &[u8]) {
    let padding = 32 - (protocol.len() + 2) % 32;
    encode_handshake(out, hs::NEXT_PROTOCOL, |w| {
        w.put_prefixed(1, |w| w.put_bytes(protocol));
        w.put_prefixed(1, |w| w.put_bytes(&[0; 32][..padding]));
    });
}

/// The protocol of a NextProtocol message's body; padding of another length, or not all
/// zeros, is a decode error (as s2n checks).
pub fn decode_next_protocol(body: &[u8]) -> Result<&[u8]> {
    let mut r = Reader::new(body);
    let protocol = r.vec_u8()?.rest();
    let padding = r.vec_u8()?.rest();
    r.finish()?;
    if protocol.is_empty() || padding.len() != 32 - (protocol.len() + 2) % 32 || padding.iter().any(|&b| b != 0) {
        return Err(decode_error());
    }
    Ok(protocol)
}

/// ServerHello, or a HelloRetryRequest (the same message with the special random).
pub struct ServerHello<'a> {
    pub legacy_version: u16,
    pub random: [u8; 32],
    pub session_id: &'a [u8],
    pub cipher_suite: u16,
    pub compression_method: u8,
    pub extensions: Extensions<'a>,
}

impl<'a> ServerHello<'a> {
    pub fn decode(body: &'a [u8]) -> Result<ServerHello<'a>> {
        let mut r = Reader::new(body);
        let legacy_version = r.u16()?;
        let random = r.array()?;
        let session_id = r.vec_u8()?.rest();
        if session_id.len() > 32 {
            return Err(decode_error());
        }
        let cipher_suite = r.u16()?;
        let compression_method = r.u8()?;
        let extensions = Extensions::decode(&mut r, true)?;
        r.finish()?;
        Ok(ServerHello { legacy_version, random, session_id, cipher_suite, compression_method, extensions })
    }

    pub fn is_hello_retry_request(&self) -> bool {
        self.random == HELLO_RETRY_REQUEST_RANDOM
    }

    /// The version selected in supported_versions, if present.
    pub fn selected_version(&self) -> Result<Option<u16>> {
        self.extensions.get(ext::SUPPORTED_VERSIONS).map(decode_single_u16).transpose()
    }
}

/// Decodes a vector of bytes with a one-byte length.
pub fn decode_u8_vec(data: &[u8]) -> Result<&[u8]> {
    let mut r = Reader::new(data);
    let list = r.vec_u8()?.rest();
    r.finish()?;
    Ok(list)
}

pub fn decode_u8(data: &[u8]) -> Result<u8> {
    let mut r = Reader::new(data);
    let v = r.u8()?;
    r.finish()?;
    Ok(v)
}

pub fn decode_u32(data: &[u8]) -> Result<u32> {
    let mut r = Reader::new(data);
    let v = r.u32()?;
    r.finish()?;
    Ok(v)
}

pub fn decode_single_u16(data: &[u8]) -> Result<u16> {
    let mut r = Reader::new(data);
    let v = r.u16()?;
    r.finish()?;
    Ok(v)
}

/// One entry of a TLS 1.3 Certificate message.
pub struct CertificateEntry<'a> {
    pub cert: &'a [u8],
    pub extensions: Extensions<'a>,
}

/// TLS 1.3 Certificate (§4.4.2).
pub struct Certificate13<'a> {
    pub context: &'a [u8],
    pub entries: Vec<CertificateEntry<'a>>,
}

impl<'a> Certificate13<'a> {
    pub fn decode(body: &'a [u8]) -> Result<Certificate13<'a>> {
        let mut r = Reader::new(body);
        let context = r.vec_u8()?.rest();
        let mut list = r.vec_u24()?;
        r.finish()?;
        let mut entries = Vec::new();
        while !list.is_empty() {
            let cert = list.vec_u24()?.rest();
            let extensions = Extensions::decode(&mut list, false)?;
            if cert.is_empty() {
                return Err(decode_error());
            }
            entries.push(CertificateEntry { cert, extensions });
        }
        Ok(Certificate13 { context, entries })
    }

    /// Encodes a Certificate message; `leaf` says what goes with the leaf.
    pub fn encode<'c>(
        out: &mut Vec<u8>,
        context: &[u8],
        chain: impl IntoIterator<Item = &'c [u8]>,
        leaf: &LeafExtensions<'_>,
    ) {
        encode_handshake(out, hs::CERTIFICATE, |w| {
            w.put_prefixed(1, |w| w.put_bytes(context));
            w.put_prefixed(3, |w| {
                for (i, cert) in chain.into_iter().enumerate() {
                    w.put_prefixed(3, |w| w.put_bytes(cert));
                    w.put_prefixed(2, |w| {
                        if i > 0 {
                            return;
                        }
                        if let Some(staple) = leaf.ocsp_staple {
                            extension(w, ext::STATUS_REQUEST, |w| encode_certificate_status(w, staple));
                        }
                        if let Some(list) = leaf.sct_list {
                            extension(w, ext::SCT, |w| w.put_bytes(list));
                        }
                    });
                }
            });
        });
    }
}

/// What a TLS 1.3 Certificate carries in its leaf's extensions (RFC 8446 §4.4.2): an OCSP
/// staple as a status_request (§4.4.2.1), an SCT list (RFC 6962 §3.3.1), each only for a
/// peer that asked.
#[derive(Default)]
pub struct LeafExtensions<'a> {
    pub ocsp_staple: Option<&'a [u8]>,
    pub sct_list: Option<&'a [u8]>,
}

/// The body of a CertificateStatus (RFC 6066 §8): an OCSP response.
pub fn encode_certificate_status(w: &mut Vec<u8>, ocsp_response: &[u8]) {
    w.put_u8(STATUS_TYPE_OCSP);
    w.put_prefixed(3, |w| w.put_bytes(ocsp_response));
}

/// The OCSP response in a CertificateStatus body.
pub fn decode_certificate_status(body: &[u8]) -> Result<&[u8]> {
    let mut r = Reader::new(body);
    if r.u8()? != STATUS_TYPE_OCSP {
        return Err(decode_error());
    }
    let response = r.vec_u24()?.rest();
    r.finish()?;
    if response.is_empty() {
        return Err(decode_error());
    }
    Ok(response)
}

/// CertificateVerify (§4.4.3).
pub struct CertificateVerify<'a> {
    pub scheme: u16,
    pub signature: &'a [u8],
}

impl<'a> CertificateVerify<'a> {
    pub fn decode(body: &'a [u8]) -> Result<CertificateVerify<'a>> {
        let mut r = Reader::new(body);
        let scheme = r.u16()?;
        let signature = r.vec_u16()?.rest();
        r.finish()?;
        Ok(CertificateVerify { scheme, signature })
    }
}

/// The content a TLS 1.3 CertificateVerify signs (§4.4.3).
pub fn certificate_verify_message(server: bool, transcript_hash: &[u8]) -> Vec<u8> {
    let context: &[u8] =
        if server { b"TLS 1.3, server CertificateVerify" } else { b"TLS 1.3, client CertificateVerify" };
    let mut m = Vec::with_capacity(64 + context.len() + 1 + transcript_hash.len());
    m.resize(64, 0x20);
    m.extend_from_slice(context);
    m.push(0);
    m.extend_from_slice(transcript_hash);
    m
}

/// TLS 1.3 NewSessionTicket (§4.6.1).
pub struct NewSessionTicket13<'a> {
    pub lifetime: u32,
    pub age_add: u32,
    pub nonce: &'a [u8],
    pub ticket: &'a [u8],
    pub extensions: Extensions<'a>,
}

impl<'a> NewSessionTicket13<'a> {
    pub fn decode(body: &'a [u8]) -> Result<NewSessionTicket13<'a>> {
        let mut r = Reader::new(body);
        let lifetime = r.u32()?;
        let age_add = r.u32()?;
        let nonce = r.vec_u8()?.rest();
        let ticket = r.vec_u16()?.rest();
        let extensions = Extensions::decode(&mut r, false)?;
        r.finish()?;
        if ticket.is_empty() {
            return Err(decode_error());
        }
        Ok(NewSessionTicket13 { lifetime, age_add, nonce, ticket, extensions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 8448 §3's ClientHello and ServerHello bodies (after the 4-byte header).
    #[test]
    fn decodes_rfc8448_hellos() {
        let ch = hex("010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001");
        let hello = ClientHello::decode(&ch[4..]).unwrap();
        assert_eq!(hello.legacy_version, 0x0303);
        assert_eq!(u16_list(hello.cipher_suites).collect::<Vec<_>>(), [0x1301, 0x1303, 0x1302]);
        assert_eq!(hello.server_name().unwrap(), Some(&b"server"[..]));
        assert_eq!(u16_list(hello.supported_versions().unwrap().unwrap()).collect::<Vec<_>>(), [0x0304]);
        let shares = hello.key_shares().unwrap();
        assert_eq!(shares.len(), 1);
        assert_eq!(shares[0].0, 0x001d);
        assert_eq!(shares[0].1.len(), 32);

        let sh = hex("020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");
        let server = ServerHello::decode(&sh[4..]).unwrap();
        assert_eq!(server.cipher_suite, 0x1301);
        assert_eq!(server.selected_version().unwrap(), Some(0x0304));
        assert!(!server.is_hello_retry_request());
    }

    #[test]
    fn rejects_duplicate_extensions_and_truncation() {
        let mut body = vec![3, 3];
        body.extend([0u8; 32]);
        body.extend([0, 0, 2, 0x13, 0x01, 1, 0]);
        body.extend([0, 8, 0, 43, 0, 0, 0, 43, 0, 0]);
        assert_eq!(ClientHello::decode(&body).err().unwrap().code, ErrorCode::DUPLICATE_EXTENSION);
        // Every truncation fails, except the one that drops the (optional) extensions whole.
        let without_extensions = 2 + 32 + 7;
        for cut in (0..body.len() - 1).filter(|&c| c != without_extensions) {
            assert!(ClientHello::decode(&body[..cut]).is_err(), "cut at {cut}");
        }
        assert!(ClientHello::decode(&body[..without_extensions]).is_ok());
    }

    #[test]
    fn next_protocol_pads_to_32_and_checks_its_padding() {
        for protocol in [&b"h2"[..], b"http/1.1", &[b'x'; 30], &[b'y'; 200]] {
            let mut out = Vec::new();
            encode_next_protocol(&mut out, protocol);
            assert_eq!(out[0], hs::NEXT_PROTOCOL);
            assert_eq!((out.len() - 4) % 32, 0, "{} bytes", protocol.len());
            assert_eq!(decode_next_protocol(&out[4..]).unwrap(), protocol);
        }
        let mut out = Vec::new();
        encode_next_protocol(&mut out, b"h2");
        let mut bad = out[4..].to_vec();
        *bad.last_mut().unwrap() = 1;
        assert!(decode_next_protocol(&bad).is_err(), "non-zero padding");
        assert!(decode_next_protocol(&out[4..out.len() - 1]).is_err(), "short padding");
        assert_eq!(decode_protocol_names(Reader::new(b"\x02h2\x08http/1.1")).unwrap(), [&b"h2"[..], b"http/1.1"]);
        assert!(decode_protocol_names(Reader::new(b"\x00")).is_err());
    }

    #[test]
    fn certificate_round_trip() {
        let mut out = Vec::new();
        let leaf = LeafExtensions { ocsp_staple: Some(b"ocsp"), sct_list: Some(b"\x00\x03sct") };
        Certificate13::encode(&mut out, b"", [&b"leaf"[..], &b"ca"[..]], &leaf);
        let cert = Certificate13::decode(&out[4..]).unwrap();
        assert_eq!(cert.entries.len(), 2);
        assert_eq!(cert.entries[1].cert, b"ca");
        // The staple and SCT list ride with the leaf only.
        let status = cert.entries[0].extensions.get(ext::STATUS_REQUEST).unwrap();
        assert_eq!(decode_certificate_status(status).unwrap(), b"ocsp");
        assert_eq!(cert.entries[0].extensions.get(ext::SCT), Some(&b"\x00\x03sct"[..]));
        assert!(cert.entries[1].extensions.iter().next().is_none());
        assert!(decode_certificate_status(&[1, 0, 0, 0]).is_err(), "an empty response");
        assert!(decode_certificate_status(&[2, 0, 0, 1, 7]).is_err(), "not OCSP");
    }
}
