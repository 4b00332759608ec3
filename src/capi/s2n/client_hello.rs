//! The client-hello callback and `struct s2n_client_hello` accessors, plus fingerprints.

use std::os::raw::{c_int, c_void};

use super::abi::*;
use super::connection::ClientHelloCallback;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_bytes, arg_mut, arg_mut_or_invalid, arg_ref, free_through, from_c, into_c, write_out};
use crate::error::{Error, ErrorCode, Result};
use crate::fingerprint::{self, Ja4, Method};
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

// ---- fingerprints (unstable/fingerprint.h) ----

/// `struct s2n_fingerprint`: a method and the hello it is set to. The hello is not
/// copied: as in s2n, it must outlive its use here.
pub struct s2n_fingerprint {
    method: Method,
    client_hello: *const s2n_client_hello,
    /// The raw string's length once a hash or raw string was made (0 before: no method
    /// makes an empty one).
    raw_size: u32,
}

impl s2n_fingerprint {
    fn set_client_hello(&mut self, hello: &s2n_client_hello) -> Result<()> {
        // An SSLv2-format hello has no extensions to speak of (s2n refuses it too).
        if hello.record_version == crate::sslv2::RECORD_VERSION {
            return Err(Error::new(ErrorCode::PROTOCOL_VERSION_UNSUPPORTED));
        }
        self.client_hello = hello;
        self.raw_size = 0;
        Ok(())
    }

    /// The hello to fingerprint, parsed.
    fn hello(&self) -> Result<ClientHello<'_>> {
        // SAFETY: the application keeps the hello alive while it is set (s2n's contract).
        let hello = unsafe { self.client_hello.as_ref() }.ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?;
        hello.parsed()
    }

    /// `s2n_fingerprint_get_raw`: the raw string into the application's buffer.
    fn write_raw(&mut self, max_output_size: u32, output: *mut u8, output_size: *mut u32) -> Result<c_int> {
        if max_output_size == 0 {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        unsafe { arg_mut_or_invalid(output) }?;
        let output_size = unsafe { arg_mut_or_invalid(output_size) }?;
        *output_size = 0;
        let hello = self.hello()?;
        let raw = match self.method {
            Method::Ja3 => fingerprint::ja3_string(&hello)?,
            Method::Ja4 => Ja4::of(&hello)?.raw(),
        };
        write_text(&raw, output, max_output_size, output_size)?;
        self.raw_size = raw.len() as u32;
        OK
    }
}

fn fingerprint_method(type_: s2n_fingerprint_type_arg) -> Result<Method> {
    Ok(match s2n_fingerprint_type::from_raw(type_)? {
        s2n_fingerprint_type::S2N_FINGERPRINT_JA3 => Method::Ja3,
        s2n_fingerprint_type::S2N_FINGERPRINT_JA4 => Method::Ja4,
    })
}

/// Writes `text` to the application's `max`-byte buffer; too small is s2n's usage error.
fn write_text(text: &str, output: *mut u8, max: u32, output_size: &mut u32) -> Result<()> {
    if text.len() > max as usize {
        return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
    }
    // SAFETY: `output` is non-NULL (checked by the caller) with room for `max` bytes.
    unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), output, text.len()) };
    *output_size = text.len() as u32;
    Ok(())
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_new(type_: s2n_fingerprint_type_arg) -> *mut s2n_fingerprint {
    call(|| {
        ensure_initialized()?;
        let method = fingerprint_method(type_)?;
        Ok(into_c(s2n_fingerprint { method, client_hello: std::ptr::null(), raw_size: 0 }))
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_free(fingerprint: *mut *mut s2n_fingerprint) -> c_int {
    call(|| {
        // SAFETY: NULL, or a pointer to NULL or to an object from s2n_fingerprint_new.
        unsafe { free_through(fingerprint) };
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_wipe(fingerprint: *mut s2n_fingerprint) -> c_int {
    call(|| {
        let fingerprint = unsafe { arg_mut_or_invalid(fingerprint) }?;
        fingerprint.client_hello = std::ptr::null();
        fingerprint.raw_size = 0;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_set_client_hello(
    fingerprint: *mut s2n_fingerprint,
    ch: *mut s2n_client_hello,
) -> c_int {
    call(|| {
        let fingerprint = unsafe { arg_mut_or_invalid(fingerprint) }?;
        fingerprint.set_client_hello(unsafe { arg_mut_or_invalid(ch) }?)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    call(|| {
        let length = unsafe { arg_mut_or_invalid(fingerprint.cast_mut()) }?.method.hash_len() as u32;
        *unsafe { arg_mut_or_invalid(size) }? = length;
        OK
    })
}

/// The hash form: JA4's. JA3's is an MD5, which aws-lc-rs does not provide: for JA3 this
/// fails with `S2N_ERR_FERROTLS_UNIMPLEMENTED` (its raw string works).
#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_hash(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    call(|| {
        let fingerprint = unsafe { arg_mut_or_invalid(fingerprint) }?;
        if (max_output_size as usize) < fingerprint.method.hash_len() {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        unsafe { arg_mut_or_invalid(output) }?;
        let output_size = unsafe { arg_mut_or_invalid(output_size) }?;
        *output_size = 0;
        let hello = fingerprint.hello()?;
        let Method::Ja4 = fingerprint.method else { return Err(Error::new(ErrorCode::FERROTLS_UNIMPLEMENTED)) };
        let ja4 = Ja4::of(&hello)?;
        write_text(&ja4.hashed(), output, max_output_size, output_size)?;
        fingerprint.raw_size = ja4.raw_len() as u32;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw_size(fingerprint: *const s2n_fingerprint, size: *mut u32) -> c_int {
    call(|| {
        let fingerprint = unsafe { arg_mut_or_invalid(fingerprint.cast_mut()) }?;
        let size = unsafe { arg_mut_or_invalid(size) }?;
        if fingerprint.raw_size == 0 {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        *size = fingerprint.raw_size;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_fingerprint_get_raw(
    fingerprint: *mut s2n_fingerprint,
    max_output_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    call(|| unsafe { arg_mut_or_invalid(fingerprint) }?.write_raw(max_output_size, output, output_size))
}

/// Takes JA3 only (as in s2n), whose hash is an MD5, which aws-lc-rs does not provide.
#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_hash(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_hash_size: u32,
    hash: *mut u8,
    hash_size: *mut u32,
    str_size: *mut u32,
) -> c_int {
    let _ = (ch, type_, max_hash_size, hash, hash_size, str_size);
    unimplemented()
}

/// JA3's string (the only method this older call takes, as in s2n).
#[no_mangle]
pub extern "C" fn s2n_client_hello_get_fingerprint_string(
    ch: *mut s2n_client_hello,
    type_: s2n_fingerprint_type_arg,
    max_size: u32,
    output: *mut u8,
    output_size: *mut u32,
) -> c_int {
    call(|| {
        if fingerprint_method(type_)? != Method::Ja3 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let mut fingerprint = s2n_fingerprint { method: Method::Ja3, client_hello: std::ptr::null(), raw_size: 0 };
        fingerprint.set_client_hello(unsafe { arg_mut_or_invalid(ch) }?)?;
        fingerprint.write_raw(max_size, output, output_size)
    })
}
