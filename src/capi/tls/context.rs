//! `struct tls`: a client or server context and its configuration.

use std::os::raw::{c_char, c_int};
use std::sync::{Arc, Mutex};

use super::config::{self, tls_config};
use super::connection::Session;
use super::engine::Built;
use super::{call, call_static, lock, ErrorSlot, Handle, TlsError, TlsResult};
use crate::capi::{from_c, into_c};
use crate::conn::Side;

/// What a context is for: `tls_client`, `tls_server`, or one connection a server accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Client,
    Server,
    ServerConn,
}

#[allow(non_camel_case_types)]
pub struct tls {
    pub(crate) errors: ErrorSlot,
    pub(crate) role: Role,
    /// The config from `tls_configure`, shared with the application and other contexts.
    pub(crate) config: Mutex<Option<Arc<tls_config>>>,
    /// A server's engine configuration, built when it is configured (as libtls builds its
    /// SSL_CTX then), and shared with every connection it accepts.
    pub(crate) engine: Mutex<Option<Arc<Built>>>,
    /// The connection of a client or of an accepted connection's context.
    pub(crate) session: Mutex<Option<Box<Session>>>,
}

impl Handle for tls {
    fn errors(&self) -> Option<&ErrorSlot> {
        Some(&self.errors)
    }
}

impl tls {
    pub(crate) fn new(role: Role) -> tls {
        tls {
            errors: ErrorSlot::default(),
            role,
            config: Mutex::new(None),
            engine: Mutex::new(None),
            session: Mutex::new(None),
        }
    }

    pub(crate) fn side(&self) -> Side {
        if self.role == Role::Client {
            Side::Client
        } else {
            Side::Server
        }
    }

    /// The context's config; a context never configured uses a default one, as in libtls.
    pub(crate) fn config(&self) -> TlsResult<Arc<tls_config>> {
        let mut config = lock(&self.config);
        if config.is_none() {
            *config = Some(default_config()?);
        }
        Ok(Arc::clone(config.as_ref().expect("set above")))
    }

    /// Checks what `config` must provide before this context can use it.
    ///
    /// A server needs a complete keypair (and so does every SNI alternative); a client's
    /// certificate is optional, but if it has one part it needs the other. This is what
    /// libtls checks when it configures, before any peer is involved.
    fn check(&self, config: &tls_config) -> TlsResult<()> {
        let settings = config.current();
        for keypair in &settings.keypairs {
            if self.side() == Side::Server || !keypair.is_empty() {
                keypair.check_complete()?;
            }
        }
        Ok(())
    }
}

#[no_mangle]
pub extern "C" fn tls_client() -> *mut tls {
    call_static(|| Ok(into_c(tls::new(Role::Client))))
}

#[no_mangle]
pub extern "C" fn tls_server() -> *mut tls {
    call_static(|| Ok(into_c(tls::new(Role::Server))))
}

/// Configures a context. NULL means a default configuration. The context keeps its own
/// reference to the config, so the application may free its reference right after.
#[no_mangle]
pub extern "C" fn tls_configure(ctx: *mut tls, config: *mut tls_config) -> c_int {
    call(ctx, |ctx| {
        let config = if config.is_null() {
            default_config()?
        } else {
            // SAFETY: a non-NULL config is one C got from tls_config_new and still holds.
            unsafe { config::retain(config) }
        };
        ctx.check(&config)?;
        // A server's engine configuration is built now, so that keys cleared from the
        // config afterwards (tls_config_clear_keys) stay in use; a client's is built when
        // it connects.
        if ctx.role == Role::Server {
            *lock(&ctx.engine) = Some(config.engine(Side::Server)?);
        }
        *lock(&ctx.config) = Some(config);
        Ok(0)
    })
}

/// A fresh default config, for `tls_configure(ctx, NULL)`.
fn default_config() -> TlsResult<Arc<tls_config>> {
    let raw = config::tls_config_new();
    if raw.is_null() {
        return Err(TlsError::new("failed to create the default configuration"));
    }
    // SAFETY: `raw` is a reference from tls_config_new that nobody else holds; taking it
    // over (rather than adding one) leaves exactly this Arc.
    Ok(unsafe { Arc::from_raw(raw.cast_const()) })
}

/// Returns a context to its state straight after `tls_client`/`tls_server`: no config
/// and no error.
#[no_mangle]
pub extern "C" fn tls_reset(ctx: *mut tls) {
    call(ctx, |ctx| {
        let session = lock(&ctx.session).take();
        drop(session);
        *lock(&ctx.engine) = None;
        *lock(&ctx.config) = None;
        ctx.errors.clear();
        Ok(())
    })
}

#[no_mangle]
pub extern "C" fn tls_free(ctx: *mut tls) {
    call_static(|| {
        if !ctx.is_null() {
            // SAFETY: a non-NULL ctx came from tls_client/tls_server and C gives it up here.
            drop(unsafe { from_c(ctx) });
        }
        Ok(())
    })
}

#[no_mangle]
pub extern "C" fn tls_error(ctx: *mut tls) -> *const c_char {
    call(ctx, |ctx| Ok(ctx.errors.message()))
}

#[no_mangle]
pub extern "C" fn tls_error_code(ctx: *mut tls) -> c_int {
    call(ctx, |ctx| Ok(ctx.errors.code()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn message(ctx: *mut tls) -> String {
        // SAFETY: tls_error returns NULL or a string owned by `ctx`.
        unsafe { CStr::from_ptr(tls_error(ctx)) }.to_string_lossy().into_owned()
    }

    #[test]
    fn configs_outlive_their_creators_reference() {
        let config = config::tls_config_new();
        let ctx = tls_client();
        assert_eq!(tls_configure(ctx, config), 0);
        config::tls_config_free(config);
        // SAFETY: ctx is live; the config it holds must still be too.
        let held = lock(&unsafe { &*ctx }.config).clone().unwrap();
        assert_eq!(Arc::strong_count(&held), 2);
        drop(held);
        tls_free(ctx);
    }

    #[test]
    fn a_server_needs_a_keypair() {
        let ctx = tls_server();
        assert_eq!(tls_configure(ctx, std::ptr::null_mut()), -1);
        assert_eq!(message(ctx), "no certificate configured");
        tls_reset(ctx);
        assert!(tls_error(ctx).is_null());
        tls_free(ctx);

        let ctx = tls_client();
        assert_eq!(tls_configure(ctx, std::ptr::null_mut()), 0);
        assert!(tls_error(ctx).is_null());
        tls_free(ctx);
    }
}
