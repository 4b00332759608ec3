//! Asynchronous private-key operations and offloading.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::c_int;

use super::abi::*;
use super::unimplemented;

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_perform(op: *mut s2n_async_pkey_op, key: *mut s2n_cert_private_key) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_apply(op: *mut s2n_async_pkey_op, conn: *mut s2n_connection) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_free(op: *mut s2n_async_pkey_op) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_op_type(
    op: *mut s2n_async_pkey_op,
    type_: *mut s2n_async_pkey_op_type,
) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_input_size(op: *mut s2n_async_pkey_op, data_len: *mut u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_get_input(op: *mut s2n_async_pkey_op, data: *mut u8, data_len: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_pkey_op_set_output(op: *mut s2n_async_pkey_op, data: *const u8, data_len: u32) -> c_int {
    unimplemented()
}

#[no_mangle]
pub extern "C" fn s2n_async_offload_op_perform(op: *mut s2n_async_offload_op) -> c_int {
    unimplemented()
}
