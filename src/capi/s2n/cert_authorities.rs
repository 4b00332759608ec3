//! Choosing a client certificate by the server's certificate authorities
//! (unstable/cert_authorities.h, and `s2n_config_set_cert_authorities_from_trust_store`).

use std::os::raw::{c_int, c_void};
use std::sync::Arc;

use super::abi::*;
use super::{call, OK};
use crate::capi::{arg_mut, arg_mut_or_invalid, arg_ref};
use crate::error::{Error, ErrorCode, Result};
use crate::pki::CertifiedKey;

/// s2n's limit on the certificate_authorities it sends (`S2N_CERT_AUTHORITIES_MAX_SIZE`).
const MAX_AUTHORITIES_LEN: usize = 20_000;

/// The names a server listed, read one by one: each a DistinguishedName after its u16
/// length, as on the wire. It points into the handshake's copy, which outlives the
/// callback it is handed to and nothing more (as in s2n).
pub struct s2n_certificate_authority_list {
    names: *const u8,
    len: usize,
    read: usize,
}

/// What the cert request callback gets: the server's list, and the chain it chooses.
pub struct s2n_certificate_request {
    list: s2n_certificate_authority_list,
    chain: *mut s2n_cert_chain_and_key,
}

impl s2n_certificate_authority_list {
    fn rest(&self) -> &[u8] {
        // SAFETY: `names` is `len` readable bytes for as long as the list is handed out.
        let all = unsafe { std::slice::from_raw_parts(self.names, self.len) };
        &all[self.read..]
    }
}

/// Client: runs the application's cert request callback, if it set one, for a server's
/// CertificateRequest listing `authorities`. s2n's rules: a failing callback cancels the
/// handshake, and one that picks no chain leaves none to send.
pub(crate) fn ask_application(
    config: &s2n_config,
    conn: *mut s2n_connection,
    authorities: &[u8],
) -> Result<Option<Arc<CertifiedKey>>> {
    let Some((callback, ctx)) = config.cert_request else { return Ok(None) };
    let mut request = s2n_certificate_request {
        list: s2n_certificate_authority_list { names: authorities.as_ptr(), len: authorities.len(), read: 0 },
        chain: std::ptr::null_mut(),
    };
    // SAFETY: the application registered this callback with `ctx`; `request` (and the
    // names it points to) live through the call.
    if unsafe { callback(conn, ctx, &mut request) } != 0 {
        return Err(Error::new(ErrorCode::CANCELLED));
    }
    // SAFETY: the application promises the chain outlives the connection.
    let chain = unsafe { arg_ref(request.chain) }.map_err(|_| Error::new(ErrorCode::NO_CERT_FOUND))?;
    Ok(Some(chain.certified()?.clone()))
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_request_callback(
    config: *mut s2n_config,
    cert_req_callback: s2n_cert_request_callback,
    ctx: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.cert_request = cert_req_callback.map(|callback| (callback, ctx));
        OK
    })
}

/// The subjects of the config's trust store become the certificate_authorities its
/// CertificateRequests carry (only servers send them, as in s2n). Refused while the system's
/// roots are trusted; at most 20,000 bytes.
#[no_mangle]
pub extern "C" fn s2n_config_set_cert_authorities_from_trust_store(config: *mut s2n_config) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let names = config.core.trust.authority_names().ok_or_else(|| Error::new(ErrorCode::INVALID_STATE))?;
        if names.len() > MAX_AUTHORITIES_LEN {
            return Err(Error::new(ErrorCode::TOO_MANY_CAS));
        }
        config.core.cert_authorities = names;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_certificate_request_get_ca_list(
    request: *mut s2n_certificate_request,
) -> *mut s2n_certificate_authority_list {
    // s2n answers NULL for NULL, without an error.
    match unsafe { request.as_mut() } {
        Some(request) => &mut request.list,
        None => std::ptr::null_mut(),
    }
}

#[no_mangle]
pub extern "C" fn s2n_certificate_request_set_certificate(
    request: *mut s2n_certificate_request,
    chain: *mut s2n_cert_chain_and_key,
) -> c_int {
    call(|| {
        let invalid = |_| Error::new(ErrorCode::INVALID_ARGUMENT);
        let request = unsafe { arg_mut(request) }.map_err(invalid)?;
        unsafe { arg_ref(chain) }.map_err(invalid)?;
        request.chain = chain;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_has_next(list: *mut s2n_certificate_authority_list) -> bool {
    unsafe { list.as_ref() }.is_some_and(|list| !list.rest().is_empty())
}

/// The next name, pointing into the list. A name whose length is zero or runs past the
/// list is `S2N_ERR_BAD_MESSAGE` (s2n does not check the names further).
#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_next(
    list: *mut s2n_certificate_authority_list,
    name: *mut *mut u8,
    length: *mut u16,
) -> c_int {
    call(|| {
        let invalid = |_| Error::new(ErrorCode::INVALID_ARGUMENT);
        let list = unsafe { arg_mut(list) }.map_err(invalid)?;
        let name = unsafe { arg_mut(name) }.map_err(invalid)?;
        let length = unsafe { arg_mut(length) }.map_err(invalid)?;
        *name = std::ptr::null_mut();
        *length = 0;
        let rest = list.rest();
        if rest.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let bad = || Error::new(ErrorCode::BAD_MESSAGE);
        let len = rest.get(..2).map(|b| u16::from_be_bytes([b[0], b[1]])).ok_or_else(bad)?;
        let value = rest.get(2..2 + len as usize).filter(|v| !v.is_empty()).ok_or_else(bad)?;
        *name = value.as_ptr().cast_mut();
        *length = len;
        list.read += 2 + len as usize;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_certificate_authority_list_reread(list: *mut s2n_certificate_authority_list) -> c_int {
    call(|| {
        unsafe { arg_mut_or_invalid(list) }?.read = 0;
        OK
    })
}
