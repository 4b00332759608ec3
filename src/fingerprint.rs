//! Fingerprints of a ClientHello (s2n's unstable/fingerprint.h).
//!
//! JA4 (FoxIO, technical_details/JA4.md) names a hello by its protocol, highest version,
//! whether it carries SNI, how many suites and extensions it lists and its first ALPN
//! protocol, then by truncated SHA-256 hashes of its sorted cipher suites and of its sorted
//! extensions followed by its signature algorithms; sorting makes it indifferent to the
//! list shuffling some browsers do. JA3 (Salesforce) is the decimal lists in sent order;
//! its hash is MD5, which aws-lc-rs does not provide, so only its string is made here.
//! GREASE values (RFC 8701) are left out of both, as clients pick them at random.

use std::fmt::Write;

use aws_lc_rs::digest::{digest, SHA256};

use crate::error::{Error, ErrorCode, Result};
use crate::msgs::{ext, u16_list, ClientHello};

/// The kinds of fingerprint, in s2n's `s2n_fingerprint_type` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Ja3,
    Ja4,
}

impl Method {
    /// Characters in the hash form: a hex MD5 for JA3; for JA4 the 10-character prefix and
    /// two 12-character hashes, joined by underscores.
    pub fn hash_len(self) -> usize {
        match self {
            Method::Ja3 => 32,
            Method::Ja4 => JA4_PREFIX_LEN + 1 + JA4_HASH_LEN + 1 + JA4_HASH_LEN,
        }
    }
}

const JA4_PREFIX_LEN: usize = 10;
const JA4_HASH_LEN: usize = 12;
/// JA4's lists and counts stop at 99 entries (two decimal digits).
const JA4_LIST_LIMIT: usize = 99;
/// The extension whose presence marks a QUIC hello ("q" instead of "t").
const QUIC_TRANSPORT_PARAMETERS: u16 = 0x39;

/// RFC 8701's reserved values: 0x0a0a, 0x1a1a, ... 0xfafa.
fn is_grease(value: u16) -> bool {
    value >> 8 == value & 0xff && value & 0x0f == 0x0a
}

/// The big-endian u16 values of `bytes` after a `skip`-byte length, read to the end as
/// s2n does (the length is not checked); a dangling odd byte is an error.
fn u16s_after(bytes: &[u8], skip: usize) -> Result<impl Iterator<Item = u16> + '_> {
    let rest = bytes.get(skip..).ok_or_else(out_of_data)?;
    if rest.len() % 2 != 0 {
        return Err(out_of_data());
    }
    Ok(u16_list(rest))
}

fn out_of_data() -> Error {
    Error::new(ErrorCode::STUFFER_OUT_OF_DATA)
}

/// JA4's version: the highest non-GREASE entry of supported_versions, else (no extension,
/// or one that does not parse) the legacy version; as two characters.
fn ja4_version(hello: &ClientHello<'_>) -> &'static str {
    let from_extension = hello
        .extensions
        .get(ext::SUPPORTED_VERSIONS)
        .and_then(|data| u16s_after(data, 1).ok())
        .map(|versions| versions.filter(|v| !is_grease(*v)).max().unwrap_or(0));
    match from_extension.unwrap_or(hello.legacy_version) {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        _ => "00",
    }
}

/// The first ALPN protocol's first and last characters, or the hex digits standing for
/// them when either is not alphanumeric; "00" without a (readable, non-empty) protocol.
fn ja4_alpn(hello: &ClientHello<'_>) -> [char; 2] {
    let first = hello.extensions.get(ext::ALPN).and_then(|data| {
        let len = usize::from(*data.get(2)?);
        data.get(3..3 + len)
    });
    // A one-character protocol gives that character twice.
    let (a, b) = match first {
        Some(protocol @ [first, ..]) => (*first, protocol[protocol.len() - 1]),
        _ => (b'0', b'0'),
    };
    if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
        return [char::from(a), char::from(b)];
    }
    let hex = |nibble: u8| char::from_digit(u32::from(nibble), 16).unwrap_or('0');
    [hex(a >> 4), hex(b & 0x0f)]
}

/// Four lower-case hex digits per value, comma-separated.
fn hex_list(values: &[u16]) -> String {
    let mut out = String::with_capacity(values.len() * 5);
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{value:04x}");
    }
    out
}

/// The first 12 hex digits of the string's SHA-256; all zeroes for an empty string.
fn truncated_hash(text: &str) -> String {
    if text.is_empty() {
        return "0".repeat(JA4_HASH_LEN);
    }
    let mut out = String::with_capacity(JA4_HASH_LEN);
    for byte in &digest(&SHA256, text.as_bytes()).as_ref()[..JA4_HASH_LEN / 2] {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// A hello's JA4, in parts: the 10-character prefix, and the two lists it hashes.
pub struct Ja4 {
    prefix: String,
    ciphers: String,
    /// The sorted extensions, then "_" and the signature algorithms when there are any.
    extensions: String,
}

impl Ja4 {
    pub fn of(hello: &ClientHello<'_>) -> Result<Ja4> {
        let mut ciphers: Vec<u16> =
            u16_list(hello.cipher_suites).filter(|v| !is_grease(*v)).take(JA4_LIST_LIMIT).collect();
        ciphers.sort_unstable();
        // Every non-GREASE extension counts; SNI and ALPN, already in the prefix, are not listed.
        let mut extension_count = 0;
        let mut extensions = Vec::new();
        for (typ, _) in hello.extensions.iter().filter(|(typ, _)| !is_grease(*typ)) {
            extension_count += 1;
            if typ != ext::SERVER_NAME && typ != ext::ALPN && extensions.len() < JA4_LIST_LIMIT {
                extensions.push(typ);
            }
        }
        extensions.sort_unstable();
        let schemes: Vec<u16> = match hello.extensions.get(ext::SIGNATURE_ALGORITHMS) {
            // A list without even its length is passed over, as s2n does.
            Some(data) if data.len() >= 2 => u16s_after(data, 2)?.filter(|v| !is_grease(*v)).collect(),
            _ => Vec::new(),
        };

        let [alpn_first, alpn_last] = ja4_alpn(hello);
        let prefix = format!(
            "{}{}{}{:02}{:02}{alpn_first}{alpn_last}",
            if hello.extensions.contains(QUIC_TRANSPORT_PARAMETERS) { 'q' } else { 't' },
            ja4_version(hello),
            if hello.extensions.contains(ext::SERVER_NAME) { 'd' } else { 'i' },
            ciphers.len().min(JA4_LIST_LIMIT),
            extension_count.min(JA4_LIST_LIMIT),
        );
        let mut extension_part = hex_list(&extensions);
        if !schemes.is_empty() {
            extension_part.push('_');
            extension_part.push_str(&hex_list(&schemes));
        }
        Ok(Ja4 { prefix, ciphers: hex_list(&ciphers), extensions: extension_part })
    }

    /// "t13d1516h2_8daaf6152771_b186095e22b6": the lists as truncated hashes.
    pub fn hashed(&self) -> String {
        format!("{}_{}_{}", self.prefix, truncated_hash(&self.ciphers), truncated_hash(&self.extensions))
    }

    /// The lists written out.
    pub fn raw(&self) -> String {
        format!("{}_{}_{}", self.prefix, self.ciphers, self.extensions)
    }

    pub fn raw_len(&self) -> usize {
        self.prefix.len() + 1 + self.ciphers.len() + 1 + self.extensions.len()
    }
}

/// JA3's string: "version,suites,extensions,groups,point formats", each list in sent order
/// with its values in decimal, dash-separated.
pub fn ja3_string(hello: &ClientHello<'_>) -> Result<String> {
    fn field(out: &mut String, values: impl Iterator<Item = u16>) {
        for (i, value) in values.filter(|v| !is_grease(*v)).enumerate() {
            if i > 0 {
                out.push('-');
            }
            let _ = write!(out, "{value}");
        }
    }
    let mut out = String::with_capacity(256);
    field(&mut out, std::iter::once(hello.legacy_version));
    out.push(',');
    field(&mut out, u16_list(hello.cipher_suites));
    out.push(',');
    field(&mut out, hello.extensions.iter().map(|(typ, _)| typ));
    out.push(',');
    if let Some(groups) = hello.extensions.get(ext::SUPPORTED_GROUPS) {
        field(&mut out, u16s_after(groups, 2)?);
    }
    out.push(',');
    if let Some(formats) = hello.extensions.get(ext::EC_POINT_FORMATS) {
        let formats = formats.get(1..).ok_or_else(out_of_data)?;
        field(&mut out, formats.iter().map(|f| u16::from(*f)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ClientHello body with these suites and (type, data) extensions.
    fn hello_bytes(suites: &[u16], extensions: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([0u8; 32]);
        body.push(0);
        body.extend(((suites.len() * 2) as u16).to_be_bytes());
        suites.iter().for_each(|s| body.extend(s.to_be_bytes()));
        body.extend([1, 0]);
        let mut block = Vec::new();
        for (typ, data) in extensions {
            block.extend(typ.to_be_bytes());
            block.extend((data.len() as u16).to_be_bytes());
            block.extend(data);
        }
        body.extend((block.len() as u16).to_be_bytes());
        body.extend(block);
        body
    }

    fn u16_vec(prefix: usize, values: &[u16]) -> Vec<u8> {
        let len = (values.len() * 2) as u16;
        let mut out = if prefix == 1 { vec![len as u8] } else { len.to_be_bytes().to_vec() };
        values.iter().for_each(|v| out.extend(v.to_be_bytes()));
        out
    }

    /// A browser's hello (the lists of a published Opera 129 capture, with a GREASE suite
    /// and extension added): its JA4 is the one published for it.
    #[test]
    fn ja4_of_a_published_browser_fingerprint() {
        let suites = [
            0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c,
            0x009d, 0x002f, 0x0035,
        ];
        let schemes = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];
        let mut sni = vec![0, 14, 0, 0, 11];
        sni.extend(b"example.com");
        let extensions: Vec<(u16, Vec<u8>)> = [
            0x3a3a, 0xfe0d, 0x0033, 0xff01, 0x0017, 0x001b, 0x000a, 0x0000, 0x0010, 0x0005, 0x002b, 0x002d, 0x0012,
            0x000b, 0x44cd, 0x000d, 0x0023,
        ]
        .iter()
        .map(|&typ| {
            let data = match typ {
                0x0000 => sni.clone(),
                0x0010 => vec![0, 12, 2, b'h', b'2', 8, b'h', b't', b't', b'p', b'/', b'1', b'.', b'1'],
                0x002b => u16_vec(1, &[0x5a5a, 0x0304, 0x0303]),
                0x000d => u16_vec(2, &schemes),
                0x000a => u16_vec(2, &[0x6a6a, 0x11ec, 0x001d, 0x0017]),
                0x000b => vec![1, 0],
                _ => Vec::new(),
            };
            (typ, data)
        })
        .collect();
        let bytes = hello_bytes(&suites, &extensions);
        let hello = ClientHello::decode(&bytes).unwrap();
        assert_eq!(Ja4::of(&hello).unwrap().hashed(), "t13d1516h2_8daaf6152771_d8a2da3f94cd");
        assert_eq!(
            Ja4::of(&hello).unwrap().raw(),
            "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_\
             0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_\
             0403,0804,0401,0503,0805,0501,0806,0601"
        );
        let ja4 = Ja4::of(&hello).unwrap();
        assert_eq!(ja4.hashed().len(), Method::Ja4.hash_len());
        assert_eq!(ja4.raw().len(), ja4.raw_len());
        assert_eq!(
            ja3_string(&hello).unwrap(),
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,\
             65037-51-65281-23-27-10-0-16-5-43-45-18-11-17613-13-35,4588-29-23,0"
        );
    }

    /// The prefix's corner cases: no SNI, QUIC, the legacy version without
    /// supported_versions, a non-alphanumeric or one-letter ALPN protocol, empty lists.
    #[test]
    fn ja4_prefix_and_empty_lists() {
        let ja4_of = |suites: &[u16], extensions: &[(u16, Vec<u8>)]| {
            let bytes = hello_bytes(suites, extensions);
            Ja4::of(&ClientHello::decode(&bytes).unwrap()).unwrap().hashed()
        };
        // Only GREASE suites and extensions: nothing counted, nothing to hash.
        assert_eq!(ja4_of(&[0x0a0a], &[(0xdada, vec![])]), "t12i000000_000000000000_000000000000");
        let quic = format!("q12i010100_{}_{}", truncated_hash("1301"), truncated_hash("0039"));
        assert_eq!(ja4_of(&[0x1301], &[(0x39, vec![])]), quic);
        assert!(ja4_of(&[0x1301], &[(0x10, vec![0, 4, 3, 1, b'x', 0xff])]).starts_with("t12i01010f_"));
        assert!(ja4_of(&[0x1301], &[(0x10, vec![0, 2, 1, b'x'])]).starts_with("t12i0101xx_"));
        assert!(ja4_of(&[0x1301], &[(0x2b, u16_vec(1, &[0x0302]))]).starts_with("t11i0101"));
        // Signature algorithms alone: the extension list is empty but the part still hashes.
        let only_schemes = ja4_of(&[0x1301], &[(0x0d, u16_vec(2, &[0x0403]))]);
        assert!(only_schemes.ends_with(&truncated_hash("000d_0403")));
    }

    #[test]
    fn grease_values() {
        let grease: Vec<u16> = (0..=0xffff).filter(|v| is_grease(*v)).collect();
        assert_eq!(grease.len(), 16);
        assert!(grease.iter().all(|v| v & 0x0f0f == 0x0a0a && v >> 8 == v & 0xff));
    }
}
