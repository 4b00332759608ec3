//! The libtls C ABI (`libtls.so.26`, `include/tls.h`).
