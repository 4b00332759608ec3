//! Certificate revocation lists the application looks up per certificate (unstable/crl.h).
//!
//! When a config has a CRL lookup callback, each certificate the peer sends gets an
//! `s2n_crl_lookup` and a call; the application answers at once or later with
//! `s2n_crl_lookup_set` / `s2n_crl_lookup_ignore`, and the handshake waits
//! (`S2N_BLOCKED_ON_APPLICATION_INPUT`) until every lookup is answered. The CRLs given then
//! decide, with webpki, for every certificate of the validated path (as OpenSSL's
//! `X509_V_FLAG_CRL_CHECK_ALL`, which s2n sets): a certificate none of them covers fails the
//! handshake with `S2N_ERR_CRL_LOOKUP_FAILED`, a revoked one with `S2N_ERR_CERT_REVOKED`.

use std::os::raw::{c_int, c_void};
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, CertificateRevocationListDer};

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, OK};
use crate::capi::{arg_bytes, arg_mut, arg_ref, from_c, into_c, write_out};
use crate::config::RevocationLists;
use crate::error::{Error, ErrorCode, Result};
use crate::x509::{CertFields, CrlFacts};

/// A CRL loaded by the application.
#[derive(Default)]
pub struct s2n_crl {
    loaded: Option<LoadedCrl>,
}

struct LoadedCrl {
    list: Arc<webpki::CertRevocationList<'static>>,
    facts: CrlFacts,
}

/// One received certificate's lookup: its answer, and the CRL it brought.
pub struct s2n_crl_lookup {
    cert: CertificateDer<'static>,
    answered: bool,
    crl: Option<Arc<webpki::CertRevocationList<'static>>>,
}

impl s2n_crl {
    fn loaded(&self) -> Result<&LoadedCrl> {
        self.loaded.as_ref().ok_or_else(|| Error::new(ErrorCode::NULL))
    }
}

/// The s2n layer's answer to `Hooks::revocation_lists`: starts the lookups the first time it
/// is asked for a handshake (calling the application once per certificate), then reports
/// them until all are answered, when it hands over their CRLs and forgets them.
pub(crate) fn revocation_lists(
    config: &s2n_config,
    conn: *mut s2n_connection,
    chain: &[CertificateDer<'static>],
) -> Result<RevocationLists> {
    let Some((callback, ctx)) = config.crl_lookup else { return Ok(RevocationLists::NotAsked) };
    // SAFETY: the connection outlives this call; the core is not in it.
    let c = unsafe { &mut *conn };
    if c.rare.as_ref().and_then(|rare| rare.crl_lookups.as_ref()).is_none() {
        let lookups: Vec<Box<s2n_crl_lookup>> = chain
            .iter()
            .map(|cert| Box::new(s2n_crl_lookup { cert: cert.clone(), answered: false, crl: None }))
            .collect();
        let pointers: Vec<*mut s2n_crl_lookup> =
            c.rare_mut().crl_lookups.insert(lookups).iter_mut().map(|l| &mut **l as *mut s2n_crl_lookup).collect();
        // Every lookup is in place before the first call, so a callback that keeps one for
        // later (or fails) leaves the others valid.
        for lookup in pointers {
            // SAFETY: the application registered this callback with `ctx`; `lookup` lives in
            // the connection until the lookups are answered or the connection is wiped.
            if unsafe { callback(lookup, ctx) } != 0 {
                return Err(Error::new(ErrorCode::CANCELLED));
            }
        }
    }
    // SAFETY: as above, re-derived after the callbacks ran.
    let c = unsafe { &mut *conn };
    let rare = c.rare_mut();
    if rare.crl_lookups.as_ref().is_some_and(|lookups| lookups.iter().any(|l| !l.answered)) {
        return Ok(RevocationLists::Later);
    }
    let lookups = rare.crl_lookups.take().unwrap_or_default();
    Ok(RevocationLists::Ready(lookups.into_iter().filter_map(|l| l.crl).collect()))
}

#[no_mangle]
pub extern "C" fn s2n_config_set_crl_lookup_cb(
    config: *mut s2n_config,
    callback: s2n_crl_lookup_callback,
    context: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.crl_lookup = callback.map(|callback| (callback, context));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_new() -> *mut s2n_crl {
    call(|| {
        ensure_initialized()?;
        Ok(into_c(s2n_crl::default()))
    })
}

/// Loads the first CRL of a PEM document; a CRL object loads once.
#[no_mangle]
pub extern "C" fn s2n_crl_load_pem(crl: *mut s2n_crl, pem: *mut u8, len: usize) -> c_int {
    call(|| {
        let crl = unsafe { arg_mut(crl) }?;
        let pem = unsafe { arg_bytes(pem, len) }?;
        if crl.loaded.is_some() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let invalid = || Error::new(ErrorCode::INVALID_PEM);
        let der = CertificateRevocationListDer::from_pem_slice(pem).map_err(|_| invalid())?;
        let list = webpki::BorrowedCertRevocationList::from_der(der.as_ref()).map_err(|_| invalid())?;
        let list = list.to_owned().map_err(|_| invalid())?;
        let facts = CrlFacts::parse(der.as_ref())?;
        crl.loaded = Some(LoadedCrl { list: Arc::new(list.into()), facts });
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_free(crl: *mut *mut s2n_crl) -> c_int {
    call(|| {
        // As s2n: NULL, or a pointer to NULL, is nothing to free.
        let Ok(slot) = (unsafe { arg_mut(crl) }) else { return OK };
        if !slot.is_null() {
            // SAFETY: made by s2n_crl_new, freed once (the slot is cleared).
            drop(unsafe { from_c(*slot) });
            *slot = std::ptr::null_mut();
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_get_issuer_hash(crl: *mut s2n_crl, hash: *mut u64) -> c_int {
    call(|| {
        let issuer_hash = unsafe { arg_ref(crl) }?.loaded()?.facts.issuer_hash;
        unsafe { write_out(hash, issuer_hash) }?;
        OK
    })
}

fn now_seconds() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(now.as_secs()).unwrap_or(i64::MAX)
}

/// The CRL's thisUpdate is in the past.
#[no_mangle]
pub extern "C" fn s2n_crl_validate_active(crl: *mut s2n_crl) -> c_int {
    call(|| {
        let facts = &unsafe { arg_ref(crl) }?.loaded()?.facts;
        if facts.this_update >= now_seconds() {
            return Err(Error::new(ErrorCode::CRL_NOT_YET_VALID));
        }
        OK
    })
}

/// The CRL's nextUpdate, if it has one, is in the future.
#[no_mangle]
pub extern "C" fn s2n_crl_validate_not_expired(crl: *mut s2n_crl) -> c_int {
    call(|| {
        let facts = &unsafe { arg_ref(crl) }?.loaded()?.facts;
        if facts.next_update.is_some_and(|next| next <= now_seconds()) {
            return Err(Error::new(ErrorCode::CRL_EXPIRED));
        }
        OK
    })
}

/// The `X509_NAME_hash` of the looked-up certificate's issuer: the hash of the CRL to give.
#[no_mangle]
pub extern "C" fn s2n_crl_lookup_get_cert_issuer_hash(lookup: *mut s2n_crl_lookup, hash: *mut u64) -> c_int {
    call(|| {
        let lookup = unsafe { arg_ref(lookup) }?;
        let issuer_hash =
            CertFields::parse(&lookup.cert)?.issuer_hash().ok_or_else(|| Error::new(ErrorCode::DECODE_CERTIFICATE))?;
        unsafe { write_out(hash, issuer_hash) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_lookup_set(lookup: *mut s2n_crl_lookup, crl: *mut s2n_crl) -> c_int {
    call(|| {
        let lookup = unsafe { arg_mut(lookup) }?;
        let list = unsafe { arg_ref(crl) }?.loaded()?.list.clone();
        lookup.crl = Some(list);
        lookup.answered = true;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_crl_lookup_ignore(lookup: *mut s2n_crl_lookup) -> c_int {
    call(|| {
        let lookup = unsafe { arg_mut(lookup) }?;
        lookup.crl = None;
        lookup.answered = true;
        OK
    })
}
