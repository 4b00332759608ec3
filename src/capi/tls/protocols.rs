//! `tls_config_parse_protocols`: the protocol keywords of tls_config_set_protocols(3).

use std::os::raw::{c_char, c_int};

use super::super::write_out;
use super::abi::*;
use super::{arg_opt_str, call_static, TlsError, TlsResult};

/// Parses a comma- or colon-separated list of protocol keywords into `TLS_PROTOCOL_*` bits.
///
/// A `!` prefix removes a keyword's protocols instead of adding them; a list that *starts*
/// with a removal removes from "all", so `"!tlsv1.0"` means every version but 1.0. Keywords
/// are case-insensitive and may be preceded (not followed) by blanks, and an empty keyword
/// is an error, as in libtls. No input means the default set.
pub(crate) fn parse_protocols(list: Option<&str>) -> TlsResult<u32> {
    let Some(list) = list else { return Ok(PROTOCOLS_DEFAULT) };
    let mut protocols = 0u32;
    for item in list.split([',', ':']) {
        let item = item.trim_start_matches([' ', '\t']);
        let (negate, keyword) = match item.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let bits = keyword_bits(keyword).ok_or_else(|| TlsError::invalid(format!("invalid protocol '{item}'")))?;
        if negate {
            if protocols == 0 {
                protocols = PROTOCOLS_ALL;
            }
            protocols &= !bits;
        } else {
            protocols |= bits;
        }
    }
    Ok(protocols)
}

fn keyword_bits(keyword: &str) -> Option<u32> {
    const KEYWORDS: [(&str, c_int); 9] = [
        ("all", TLS_PROTOCOLS_ALL),
        ("legacy", TLS_PROTOCOLS_ALL),
        ("default", TLS_PROTOCOLS_DEFAULT),
        ("secure", TLS_PROTOCOLS_DEFAULT),
        ("tlsv1", TLS_PROTOCOL_TLSv1),
        ("tlsv1.0", TLS_PROTOCOL_TLSv1_0),
        ("tlsv1.1", TLS_PROTOCOL_TLSv1_1),
        ("tlsv1.2", TLS_PROTOCOL_TLSv1_2),
        ("tlsv1.3", TLS_PROTOCOL_TLSv1_3),
    ];
    KEYWORDS.iter().find(|(name, _)| name.eq_ignore_ascii_case(keyword)).map(|&(_, bits)| bits as u32)
}

#[no_mangle]
pub extern "C" fn tls_config_parse_protocols(protocols: *mut u32, protostr: *const c_char) -> c_int {
    call_static(|| {
        let parsed = parse_protocols(arg_opt_str("protocol string", protostr)?)?;
        // SAFETY: C passes NULL or a pointer to a writable uint32_t.
        unsafe { write_out(protocols, parsed) }.map_err(|_| TlsError::invalid("protocols is NULL"))?;
        Ok(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const V10: u32 = TLS_PROTOCOL_TLSv1_0 as u32;
    const V11: u32 = TLS_PROTOCOL_TLSv1_1 as u32;
    const V12: u32 = TLS_PROTOCOL_TLSv1_2 as u32;
    const V13: u32 = TLS_PROTOCOL_TLSv1_3 as u32;

    #[test]
    fn keyword_table() {
        // Expected values checked against Debian's libretls 3.x.
        let cases: &[(Option<&str>, Option<u32>)] = &[
            (None, Some(V12 | V13)),
            (Some("tlsv1.0"), Some(V10)),
            (Some("tlsv1.1"), Some(V11)),
            (Some("tlsv1.2"), Some(V12)),
            (Some("tlsv1.3"), Some(V13)),
            (Some("tlsv1"), Some(V10 | V11 | V12 | V13)),
            (Some("all"), Some(PROTOCOLS_ALL)),
            (Some("legacy"), Some(PROTOCOLS_ALL)),
            (Some("secure"), Some(V12 | V13)),
            (Some("default"), Some(V12 | V13)),
            (Some("TLSv1.2:!tlsv1.3"), Some(V12)),
            (Some("!tlsv1.0"), Some(V11 | V12 | V13)),
            (Some("!all"), Some(0)),
            (Some("SECURE:tlsv1.0"), Some(V10 | V12 | V13)),
            (Some(" tlsv1.2,\ttlsv1.3"), Some(V12 | V13)),
            (Some("all,!tlsv1.0,!tlsv1.1"), Some(V12 | V13)),
            (Some("tlsv1.2,!tlsv1.2"), Some(0)),
            (Some(""), None),
            (Some("tlsv1.2,,tlsv1.3"), None),
            (Some("tlsv1.2 "), None),
            (Some("bogus"), None),
            (Some("!!tlsv1.2"), None),
            (Some("! tlsv1.2"), None),
            (Some("tlsv1.4"), None),
            (Some("ssl3"), None),
        ];
        for &(input, expected) in cases {
            assert_eq!(parse_protocols(input).ok(), expected, "{input:?}");
        }
    }

    #[test]
    fn bad_keywords_are_named_in_the_error() {
        assert_eq!(parse_protocols(Some("tlsv1.2:bogus")).unwrap_err().message, "invalid protocol 'bogus'");
    }
}
