//! External and resumption pre-shared keys.

use std::os::raw::{c_int, c_void};

use zeroize::Zeroizing;

use super::abi::*;
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, free_through, into_c, write_out};
use crate::config::ExternalPsk;
use crate::crypto::HashAlgorithm;
use crate::early_data::EarlyDataTerms;
use crate::error::{Error, ErrorCode};

/// An external PSK as the application builds it; appending it to a connection copies it.
pub struct s2n_psk {
    identity: Vec<u8>,
    secret: Zeroizing<Vec<u8>>,
    hash: HashAlgorithm,
    early_data: EarlyDataTerms,
}

#[no_mangle]
pub extern "C" fn s2n_external_psk_new() -> *mut s2n_psk {
    call(|| {
        super::init::ensure_initialized()?;
        // s2n's default HMAC is SHA-256.
        Ok(into_c(s2n_psk {
            identity: Vec::new(),
            secret: Zeroizing::new(Vec::new()),
            hash: HashAlgorithm::Sha256,
            early_data: EarlyDataTerms::default(),
        }))
    })
}

/// Frees a PSK (wiping its secret) and clears the caller's pointer.
#[no_mangle]
pub extern "C" fn s2n_psk_free(psk: *mut *mut s2n_psk) -> c_int {
    call(|| {
        // SAFETY: C passes NULL or its pointer to an object it got from us.
        unsafe { free_through(psk) };
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_identity(psk: *mut s2n_psk, identity: *const u8, identity_size: u16) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        unsafe { arg_ref(identity) }?;
        if identity_size == 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        psk.identity = unsafe { arg_bytes(identity, identity_size as usize) }?.to_vec();
        OK
    })
}

/// The secret must be non-empty and not all zeros, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_psk_set_secret(psk: *mut s2n_psk, secret: *const u8, secret_size: u16) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        unsafe { arg_ref(secret) }?;
        let bytes = unsafe { arg_bytes(secret, secret_size as usize) }?;
        if bytes.is_empty() || bytes.iter().all(|b| *b == 0) {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        psk.secret = Zeroizing::new(bytes.to_vec());
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_psk_set_hmac(psk: *mut s2n_psk, hmac: s2n_psk_hmac_arg) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        psk.hash = match s2n_psk_hmac::from_raw(hmac).map_err(|_| Error::new(ErrorCode::HMAC_INVALID_ALGORITHM))? {
            s2n_psk_hmac::S2N_PSK_HMAC_SHA256 => HashAlgorithm::Sha256,
            s2n_psk_hmac::S2N_PSK_HMAC_SHA384 => HashAlgorithm::Sha384,
        };
        OK
    })
}

/// Adds a copy of `psk` to the PSKs the connection offers (client) or accepts (server). A
/// connection holds PSKs of one mode; identities are unique.
#[no_mangle]
pub extern "C" fn s2n_connection_append_psk(conn: *mut s2n_connection, psk: *mut s2n_psk) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let psk = unsafe { arg_ref(psk) }?;
        if psk.identity.is_empty() || psk.secret.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        if conn.psk_mode == Some(s2n_psk_mode::S2N_PSK_MODE_RESUMPTION) {
            return Err(Error::new(ErrorCode::PSK_MODE));
        }
        let list = &mut conn.core.overrides_mut().external_psks;
        if list.iter().any(|p| p.identity == psk.identity) {
            return Err(Error::new(ErrorCode::DUPLICATE_PSK_IDENTITIES));
        }
        // The offer must fit the ClientHello's pre_shared_key extension.
        let offered: usize = list
            .iter()
            .chain([&ExternalPsk {
                identity: psk.identity.clone(),
                secret: Zeroizing::new(Vec::new()),
                hash: psk.hash,
                early_data: EarlyDataTerms::default(),
            }])
            .map(|p| 2 + p.identity.len() + 4 + 1 + p.hash.output_len())
            .sum();
        if conn.mode == s2n_mode::S2N_CLIENT && offered + 4 + 4 > usize::from(u16::MAX) {
            return Err(Error::new(ErrorCode::OFFERED_PSKS_TOO_LONG));
        }
        list.push(ExternalPsk {
            identity: psk.identity.clone(),
            secret: psk.secret.clone(),
            hash: psk.hash,
            early_data: psk.early_data.clone(),
        });
        OK
    })
}

/// Resumption (session tickets) or external PSKs for new connections.
#[no_mangle]
pub extern "C" fn s2n_config_set_psk_mode(config: *mut s2n_config, mode: s2n_psk_mode_arg) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.psk_mode = s2n_psk_mode::from_raw(mode)?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_set_psk_mode(conn: *mut s2n_connection, mode: s2n_psk_mode_arg) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        let mode = s2n_psk_mode::from_raw(mode).map_err(|_| Error::new(ErrorCode::INVALID_ARGUMENT))?;
        let has_external = !conn.core.overrides().external_psks.is_empty();
        if has_external && mode != s2n_psk_mode::S2N_PSK_MODE_EXTERNAL {
            return Err(Error::new(ErrorCode::PSK_MODE));
        }
        conn.psk_mode = Some(mode);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_negotiated_psk_identity_length(
    conn: *mut s2n_connection,
    identity_length: *mut u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let len = conn.core.common.summary.psk_identity.as_ref().map_or(0, |id| id.len());
        unsafe { write_out(identity_length, len as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_negotiated_psk_identity(
    conn: *mut s2n_connection,
    identity: *mut u8,
    max_identity_length: u16,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(identity) }?;
        let Some(chosen) = &conn.core.common.summary.psk_identity else { return OK };
        if chosen.len() > usize::from(max_identity_length) {
            return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
        }
        // SAFETY: `identity` is writable for `max_identity_length` bytes, at least the length.
        unsafe { std::ptr::copy_nonoverlapping(chosen.as_ptr(), identity, chosen.len()) };
        OK
    })
}

/// One PSK the client offered, as the selection callback reads it.
pub struct s2n_offered_psk {
    identity: Vec<u8>,
    /// Its place in the client's list.
    index: Option<usize>,
}

/// The client's offered PSKs while the selection callback runs.
pub struct s2n_offered_psk_list {
    offered: Vec<Vec<u8>>,
    known: Vec<Vec<u8>>,
    next: usize,
    chosen: Option<Option<usize>>,
}

/// Runs the config's PSK selection callback over the client's offer (see
/// `Hooks::choose_psk`). A callback that chooses nothing leaves no PSK.
pub(crate) fn run_selection_callback(
    conn: *mut s2n_connection,
    config: &s2n_config,
    offered: &[&[u8]],
    known: &[&[u8]],
) -> crate::error::Result<Option<Option<usize>>> {
    let Some((callback, ctx)) = config.psk_selection_cb else { return Ok(None) };
    let mut list = s2n_offered_psk_list {
        offered: offered.iter().map(|i| i.to_vec()).collect(),
        known: known.iter().map(|i| i.to_vec()).collect(),
        next: 0,
        chosen: None,
    };
    // SAFETY: the application registered this callback with `ctx`; `list` lives until it returns.
    if unsafe { callback(conn, ctx, &mut list) } != 0 {
        return Err(Error::new(ErrorCode::CANCELLED));
    }
    Ok(Some(list.chosen.unwrap_or(None)))
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_new() -> *mut s2n_offered_psk {
    call(|| Ok(into_c(s2n_offered_psk { identity: Vec::new(), index: None })))
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_free(psk: *mut *mut s2n_offered_psk) -> c_int {
    call(|| {
        // SAFETY: C passes NULL or its pointer to an object it got from us.
        unsafe { free_through(psk) };
        OK
    })
}

/// The identity, owned by `psk` (valid until it is read into again or freed).
#[no_mangle]
pub extern "C" fn s2n_offered_psk_get_identity(
    psk: *mut s2n_offered_psk,
    identity: *mut *mut u8,
    size: *mut u16,
) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        unsafe { arg_ref(identity) }?;
        unsafe { arg_ref(size) }?;
        unsafe { write_out(identity, psk.identity.as_mut_ptr()) }?;
        unsafe { write_out(size, psk.identity.len() as u16) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_has_next(psk_list: *mut s2n_offered_psk_list) -> bool {
    // SAFETY: C passes NULL or the list it was given in the selection callback.
    unsafe { psk_list.as_ref() }.is_some_and(|list| list.next < list.offered.len())
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_next(psk_list: *mut s2n_offered_psk_list, psk: *mut s2n_offered_psk) -> c_int {
    call(|| {
        let list = unsafe { arg_mut(psk_list) }?;
        let psk = unsafe { arg_mut(psk) }?;
        let identity = list.offered.get(list.next).ok_or_else(|| Error::new(ErrorCode::STUFFER_OUT_OF_DATA))?;
        *psk = s2n_offered_psk { identity: identity.clone(), index: Some(list.next) };
        list.next += 1;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_reread(psk_list: *mut s2n_offered_psk_list) -> c_int {
    call(|| {
        unsafe { arg_mut(psk_list) }?.next = 0;
        OK
    })
}

/// Chooses `psk` (NULL: none) for the connection; it must be one of the server's PSKs.
#[no_mangle]
pub extern "C" fn s2n_offered_psk_list_choose_psk(
    psk_list: *mut s2n_offered_psk_list,
    psk: *mut s2n_offered_psk,
) -> c_int {
    call(|| {
        let list = unsafe { arg_mut(psk_list) }?;
        // SAFETY: C passes NULL or an offered PSK it read from this list.
        let Some(psk) = (unsafe { psk.as_ref() }) else {
            list.chosen = Some(None);
            return OK;
        };
        let index = psk.index.ok_or_else(|| Error::new(ErrorCode::INVALID_ARGUMENT))?;
        if !list.known.contains(&psk.identity) {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        list.chosen = Some(Some(index));
        OK
    })
}

/// A server's own rule for picking among the client's PSKs.
#[no_mangle]
pub extern "C" fn s2n_config_set_psk_selection_callback(
    config: *mut s2n_config,
    cb: s2n_psk_selection_callback,
    context: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.psk_selection_cb = cb.map(|f| (f, context));
        OK
    })
}

/// Lets the PSK carry up to `max_early_data_size` bytes of early data, with the TLS 1.3
/// suite given by its two IANA bytes (which must use the PSK's hash).
#[no_mangle]
pub extern "C" fn s2n_psk_configure_early_data(
    psk: *mut s2n_psk,
    max_early_data_size: u32,
    cipher_suite_first_byte: u8,
    cipher_suite_second_byte: u8,
) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        let iana = u16::from_be_bytes([cipher_suite_first_byte, cipher_suite_second_byte]);
        let suite = crate::suites::tls13_suite(iana).ok_or_else(|| Error::new(ErrorCode::CIPHER_NOT_SUPPORTED))?;
        if suite.hash != psk.hash {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        psk.early_data.max_size = max_early_data_size;
        psk.early_data.suite = Some(suite);
        OK
    })
}

/// The ALPN protocol a connection must negotiate for this PSK's early data.
#[no_mangle]
pub extern "C" fn s2n_psk_set_application_protocol(
    psk: *mut s2n_psk,
    application_protocol: *const u8,
    size: u8,
) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        psk.early_data.alpn = unsafe { arg_bytes(application_protocol, usize::from(size)) }?.into();
        OK
    })
}

/// The context the server's early data callback sees for this PSK.
#[no_mangle]
pub extern "C" fn s2n_psk_set_early_data_context(psk: *mut s2n_psk, context: *const u8, size: u16) -> c_int {
    call(|| {
        let psk = unsafe { arg_mut(psk) }?;
        psk.early_data.context = unsafe { arg_bytes(context, usize::from(size)) }?.into();
        OK
    })
}
