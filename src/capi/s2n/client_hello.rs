//! The client-hello callback and `struct s2n_client_hello` accessors, plus fingerprints.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::connection::ClientHelloCallback;
use super::{call, unimplemented, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, from_c, into_c, write_out};
use crate::error::{Error, ErrorCode, Result};
use crate::msgs::{self, ClientHello};

/// A received ClientHello: the message body as sent, parsed again on each access (the
/// accessors are rare and this keeps the object a single allocation).
pub struct s2n_client_hello {
    raw: Vec<u8>,
    record_version: u16,
}

impl s2n_client_hello {
    pub(crate) fn new(raw: &[u8], record_version: u16) -> Result<s2n_client_hello> {
        ClientHello::decode(raw)?;
        Ok(s2n_client_hello { raw: raw.to_vec(), record_version })
    }

    /// The message, parsed again (it was validated when stored). After
    /// `s2n_connection_free_handshake` it is gone, as in s2n: `S2N_ERR_INVALID_STATE`.
    fn parsed(&self) -> Result<ClientHello<'_>> {
        if self.raw.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        ClientHello::decode(&self.raw)
    }

    /// The server_name extension's host name, if the message has one.
    pub(crate) fn server_name(&self) -> Option<Vec<u8>> {
        self.parsed().ok()?.server_name().ok().flatten().map(<[u8]>::to_vec)
    }

    /// Frees the message, keeping this object (the application may hold a pointer to it).
    pub(crate) fn free_message(&mut self) {
        self.raw = Vec::new();
    }
}

/// Copies `data` into the caller's buffer of `max` bytes, as much as fits; returns the
/// count (s2n's accessors truncate rather than fail).
fn copy_out(data: &[u8], out: *mut u8, max: u32) -> Result<libc::ssize_t> {
    let n = data.len().min(max as usize);
    if n > 0 {
        unsafe { arg_ref(out) }?;
        // SAFETY: the caller passes `max` writable bytes.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out, n) };
    }
    Ok(n as libc::ssize_t)
}

/// Completes a non-blocking client-hello callback; the next `s2n_negotiate` continues.
#[no_mangle]
pub extern "C" fn s2n_client_hello_cb_done(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if conn.client_hello_cb != ClientHelloCallback::Waiting {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        conn.client_hello_cb = ClientHelloCallback::Done;
        OK
    })
}

/// A server's client-hello callback says it used the name to pick its configuration, so
/// server_name is acknowledged; ours acknowledges it whenever a certificate matched the
/// name, so this only checks that it is called where s2n allows it: on a server, before the
/// ClientHello has been dealt with (`S2N_ERR_INVALID_STATE` otherwise).
#[no_mangle]
pub extern "C" fn s2n_connection_server_name_extension_used(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        if conn.mode != s2n_mode::S2N_SERVER || matches!(conn.client_hello_cb, ClientHelloCallback::Done) {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_hello(conn: *mut s2n_connection) -> *mut s2n_client_hello {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let ch = conn.client_hello.as_deref_mut().ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?;
        conn.client_hello_handed_out = true;
        Ok(ch as *mut s2n_client_hello)
    })
}

/// Parses a ClientHello message (with its 4-byte handshake header) outside any connection.
#[no_mangle]
pub extern "C" fn s2n_client_hello_parse_message(bytes: *const u8, size: u32) -> *mut s2n_client_hello {
    call(|| {
        let bytes = unsafe { arg_bytes(bytes, size as usize) }?;
        let mut r = crate::codec::Reader::new(bytes);
        if r.u8()? != msgs::hs::CLIENT_HELLO {
            return Err(Error::new(ErrorCode::BAD_MESSAGE));
        }
        let body = r.vec_u24()?.rest();
        r.finish()?;
        Ok(into_c(s2n_client_hello::new(body, 0)?))
    })
}

/// Frees a ClientHello from `s2n_client_hello_parse_message` and NULLs the pointer. The one a
/// connection owns cannot be freed this way.
#[no_mangle]
pub extern "C" fn s2n_client_hello_free(ch: *mut *mut s2n_client_hello) -> c_int {
    call(|| {
        let slot = unsafe { arg_mut(ch) }?;
        if !slot.is_null() {
            // SAFETY: a non-NULL pointer came from s2n_client_hello_parse_message.
            drop(unsafe { from_c(*slot) });
            *slot = std::ptr::null_mut();
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_raw_message_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    call(|| Ok(unsafe { arg_ref(ch) }?.raw.len() as libc::ssize_t))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_raw_message(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    call(|| copy_out(&unsafe { arg_ref(ch) }?.raw, out, max_length))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_cipher_suites_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    call(|| Ok(unsafe { arg_ref(ch) }?.parsed()?.cipher_suites.len() as libc::ssize_t))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_cipher_suites(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    call(|| copy_out(unsafe { arg_ref(ch) }?.parsed()?.cipher_suites, out, max_length))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extensions_length(ch: *mut s2n_client_hello) -> libc::ssize_t {
    call(|| Ok(unsafe { arg_ref(ch) }?.parsed()?.raw_extensions.len() as libc::ssize_t))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extensions(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    call(|| copy_out(unsafe { arg_ref(ch) }?.parsed()?.raw_extensions, out, max_length))
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extension_length(
    ch: *mut s2n_client_hello,
    extension_type: s2n_tls_extension_type_arg,
) -> libc::ssize_t {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        Ok(ch.parsed()?.extensions.get(extension_type as u16).map_or(0, |e| e.len()) as libc::ssize_t)
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_extension_by_id(
    ch: *mut s2n_client_hello,
    extension_type: s2n_tls_extension_type_arg,
    out: *mut u8,
    max_length: u32,
) -> libc::ssize_t {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        let parsed = ch.parsed()?;
        let data = parsed
            .extensions
            .get(extension_type as u16)
            .ok_or_else(|| Error::new(ErrorCode::EXTENSION_NOT_RECEIVED))?;
        copy_out(data, out, max_length)
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_has_extension(
    ch: *mut s2n_client_hello,
    extension_iana: u16,
    exists: *mut bool,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { write_out(exists, ch.parsed()?.extensions.contains(extension_iana)) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_session_id_length(ch: *mut s2n_client_hello, out_length: *mut u32) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { write_out(out_length, ch.parsed()?.session_id.len() as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_session_id(
    ch: *mut s2n_client_hello,
    out: *mut u8,
    out_length: *mut u32,
    max_length: u32,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { arg_ref(out_length) }?;
        let id = ch.parsed()?.session_id;
        if id.len() > max_length as usize {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        let n = copy_out(id, out, max_length)?;
        unsafe { write_out(out_length, n as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_compression_methods_length(
    ch: *mut s2n_client_hello,
    out_length: *mut u32,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { write_out(out_length, ch.parsed()?.compression_methods.len() as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_compression_methods(
    ch: *mut s2n_client_hello,
    list: *mut u8,
    list_length: u32,
    out_length: *mut u32,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { arg_ref(out_length) }?;
        let methods = ch.parsed()?.compression_methods;
        if methods.len() > list_length as usize {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        let n = copy_out(methods, list, list_length)?;
        unsafe { write_out(out_length, n as u32) }?;
        OK
    })
}

/// The ClientHello's legacy_version in s2n's numbering (S2N_TLS12 = 33, ...).
#[no_mangle]
pub extern "C" fn s2n_client_hello_get_legacy_protocol_version(ch: *mut s2n_client_hello, out: *mut u8) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        let v = ch.parsed()?.legacy_version;
        unsafe { write_out(out, ((v >> 8) * 10 + (v & 0xff)) as u8) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_legacy_record_version(ch: *mut s2n_client_hello, out: *mut u8) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        if ch.record_version == 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let v = ch.record_version;
        unsafe { write_out(out, ((v >> 8) * 10 + (v & 0xff)) as u8) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_random(ch: *mut s2n_client_hello, out: *mut u8, max_length: u32) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        if max_length < 32 {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        copy_out(&ch.parsed()?.random, out, max_length)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_supported_groups(
    ch: *mut s2n_client_hello,
    groups: *mut u16,
    groups_count_max: u16,
    groups_count: *mut u16,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { arg_ref(groups) }?;
        unsafe { arg_ref(groups_count) }?;
        let parsed = ch.parsed()?;
        let data = parsed
            .extensions
            .get(msgs::ext::SUPPORTED_GROUPS)
            .ok_or_else(|| Error::new(ErrorCode::EXTENSION_NOT_RECEIVED))?;
        let list: Vec<u16> = msgs::u16_list(msgs::decode_u16_vec(data, 2)?).collect();
        if list.len() > groups_count_max as usize {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: the caller passes `groups_count_max` writable u16s.
        let out = unsafe { std::slice::from_raw_parts_mut(groups, list.len()) };
        out.copy_from_slice(&list);
        unsafe { write_out(groups_count, list.len() as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_server_name_length(ch: *mut s2n_client_hello, length: *mut u16) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        let name = ch.parsed()?.server_name()?.ok_or_else(|| Error::new(ErrorCode::EXTENSION_NOT_RECEIVED))?;
        unsafe { write_out(length, name.len() as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_server_name(
    ch: *mut s2n_client_hello,
    server_name: *mut u8,
    length: u16,
    out_length: *mut u16,
) -> c_int {
    call(|| {
        let ch = unsafe { arg_ref(ch) }?;
        unsafe { arg_ref(out_length) }?;
        let parsed = ch.parsed()?;
        let name = parsed.server_name()?.ok_or_else(|| Error::new(ErrorCode::EXTENSION_NOT_RECEIVED))?;
        if name.len() > length as usize {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        let n = copy_out(name, server_name, length.into())?;
        unsafe { write_out(out_length, n as u16) }?;
        OK
    })
}

/// Installs the server's client-hello callback, run once per handshake after the
/// ClientHello is parsed and before the server chooses anything.
#[no_mangle]
pub extern "C" fn s2n_config_set_client_hello_cb(
    config: *mut s2n_config,
    client_hello_callback: s2n_client_hello_fn_arg,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.client_hello_cb = client_hello_callback.map(|f| (f, ctx));
        OK
    })
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_fingerprint_new(type_: s2n_fingerprint_type_arg) -> *mut s2n_fingerprint {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_free(fingerprint: *mut *mut s2n_fingerprint) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_wipe(fingerprint: *mut s2n_fingerprint) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_set_client_hello(
    fingerprint: *mut s2n_fingerprint,
    ch: *mut s2n_client_hello,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_hash(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_hash_size: u32,
    hash: *mut u8,
    hash_size: *mut u32,
    str_size: *mut u32,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_string(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    unimplemented()
}
