//! The application's own validation of the peer's chain (s2n_config_set_cert_validation_cb).
use std::os::raw::c_int;

use super::{call, OK};
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
pub extern "C" fn s2n_cert_validation_accept(info: *mut s2n_cert_validation_info) -> c_int {
    decide(info, true)
}

#[no_mangle]
pub extern "C" fn s2n_cert_validation_reject(info: *mut s2n_cert_validation_info) -> c_int {
    decide(info, false)
}
