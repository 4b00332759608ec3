//! Certificate revocation lists and the custom validation callback (unstable/crl.h).
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::{call, unimplemented, OK};
use crate::capi::arg_mut;
use crate::error::{Error, ErrorCode};

/// The application's verdict on the peer's chain, from its cert validation callback. One
/// per connection (it lives in the `s2n_connection`), reset before each callback.
#[derive(Default)]
pub struct s2n_cert_validation_info {
    pub(crate) finished: bool,
    pub(crate) accepted: bool,
}

fn decide(info: *mut s2n_cert_validation_info, accepted: bool) -> c_int {
    call(|| {
        let info = unsafe { arg_mut(info) }?;
        if info.finished {
            return Err(Error::new(ErrorCode::INVALID_STATE));
        }
        *info = s2n_cert_validation_info { finished: true, accepted };
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_new() -> *mut s2n_crl {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_load_pem(crl: *mut s2n_crl, pem: *mut u8, len: usize) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_free(crl: *mut *mut s2n_crl) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_get_issuer_hash(crl: *mut s2n_crl, hash: *mut u64) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_validate_active(crl: *mut s2n_crl) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_validate_not_expired(crl: *mut s2n_crl) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_lookup_get_cert_issuer_hash(lookup: *mut s2n_crl_lookup, hash: *mut u64) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_lookup_set(lookup: *mut s2n_crl_lookup, crl: *mut s2n_crl) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_crl_lookup_ignore(lookup: *mut s2n_crl_lookup) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_cert_validation_accept(info: *mut s2n_cert_validation_info) -> c_int {
    decide(info, true)
}

#[no_mangle]
pub extern "C" fn s2n_cert_validation_reject(info: *mut s2n_cert_validation_info) -> c_int {
    decide(info, false)
}
