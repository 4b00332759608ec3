//! Certificates and keys: `struct s2n_cert_chain_and_key`, trust stores and peer chains.
// Stub bodies keep their C parameter names, which cbindgen copies into the header.
#![allow(unused_variables)]

use std::os::raw::{c_char, c_int, c_void};

use super::abi::*;
use super::init::ensure_initialized;
use super::{call, unimplemented, OK};
use crate::capi::{arg_bytes, arg_cstr, arg_mut, arg_ref, from_c, into_c};
use std::ffi::CStr;
use std::os::unix::ffi::OsStrExt;
use std::sync::Arc;

use rustls_pki_types::CertificateDer;

use super::config::CertOwnership;
use crate::capi::write_out;
use crate::error::{Error, ErrorCode, Result};
use crate::pki::{CertifiedKey, NameMatch};

/// A certificate chain and (usually) its private key, owned by the application and shared
/// by the configs it is added to.
pub struct s2n_cert_chain_and_key {
    pub(crate) certified: Option<Arc<CertifiedKey>>,
    /// One `s2n_cert` per certificate, for `s2n_cert_chain_get_cert`; built once on load so
    /// the pointers handed out stay valid for the chain's life.
    certs: Vec<s2n_cert>,
    /// The private key as `s2n_cert_chain_and_key_get_private_key` hands it out.
    pkey: s2n_pkey,
    ctx: *mut c_void,
}

/// A private key, for `s2n_async_pkey_op_perform`: the chain it belongs to.
pub struct s2n_pkey {
    pub(crate) certified: Option<Arc<CertifiedKey>>,
}

/// One certificate of a chain.
pub struct s2n_cert {
    der: CertificateDer<'static>,
}

impl s2n_cert_chain_and_key {
    fn empty() -> s2n_cert_chain_and_key {
        s2n_cert_chain_and_key {
            certified: None,
            certs: Vec::new(),
            pkey: s2n_pkey { certified: None },
            ctx: std::ptr::null_mut(),
        }
    }

    /// Loads once: s2n has no way to replace what a chain object holds.
    fn load(&mut self, certified: Result<CertifiedKey>) -> Result<c_int> {
        if self.certified.is_some() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        self.set_chain(Arc::new(certified?));
        OK
    }

    pub(crate) fn set_chain(&mut self, certified: Arc<CertifiedKey>) {
        self.certs = certified.chain.iter().map(|der| s2n_cert { der: der.clone() }).collect();
        self.pkey = s2n_pkey { certified: Some(Arc::clone(&certified)) };
        self.certified = Some(certified);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.certified.is_none()
    }

    #[track_caller]
    pub(crate) fn certified(&self) -> Result<&Arc<CertifiedKey>> {
        self.certified.as_ref().ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))
    }
}

/// Adds a loaded chain to a config's store under s2n's rules: the first chain of each key
/// type becomes a default unless defaults were set explicitly.
fn add_to_config(config: &mut s2n_config, chain: *mut s2n_cert_chain_and_key) -> Result<()> {
    let certified = unsafe { arg_ref(chain) }?.certified()?.clone();
    let rules = config.core.certificate_rules;
    if rules.apply_locally {
        crate::verify::check_certificate_rules(&rules, &certified.chain)?;
    }
    let kind = key_kind(&certified);
    let has_default_of_kind =
        config.core.default_identities.iter().any(|&i| key_kind(&config.core.identities[i]) == kind);
    if config.ownership == CertOwnership::Library && has_default_of_kind && !config.explicit_defaults {
        return Err(Error::new(ErrorCode::MULTIPLE_DEFAULT_CERTIFICATES_PER_AUTH_TYPE));
    }
    if !config.explicit_defaults && !has_default_of_kind {
        config.core.default_identities.push(config.core.identities.len());
    }
    settle_name_ties(config, &certified, chain, kind);
    config.core.identities.push(certified);
    config.chains.push(chain);
    Ok(())
}

/// s2n keeps one chain per name and key type. When the new chain shares a name with a chain
/// of its type already in the store, the application's tiebreak callback picks the one that
/// answers for the name; without a callback, or when it returns NULL, the first one keeps it.
fn settle_name_ties(config: &mut s2n_config, certified: &CertifiedKey, chain: *mut s2n_cert_chain_and_key, kind: u8) {
    let newcomer = config.core.identities.len();
    for name in certified.names() {
        let superseded = |i: usize| config.core.superseded_names.iter().any(|(j, n)| *j == i && n == name);
        let holder = config
            .core
            .identities
            .iter()
            .enumerate()
            .position(|(i, id)| key_kind(id) == kind && id.names().contains(name) && !superseded(i));
        let Some(holder) = holder else { continue };
        let winner = match config.cert_tiebreak {
            // SAFETY: the application's callback, given its own chain pointers and a name
            // that lives through the call (s2n passes it mutable; it is a copy).
            Some(tiebreak) => {
                let mut name_copy = name.clone().into_bytes();
                unsafe { tiebreak(config.chains[holder], chain, name_copy.as_mut_ptr(), name_copy.len() as u32) }
            }
            None => std::ptr::null_mut(),
        };
        let loser = if winner == chain { holder } else { newcomer };
        config.core.superseded_names.push((loser, name.clone()));
    }
}

/// The certificate type s2n keeps one default chain per (`s2n_pkey_type`): RSA and
/// RSASSA-PSS keys are separate types.
fn key_kind(certified: &CertifiedKey) -> u8 {
    use crate::pki::KeyKind;
    match certified.kind {
        Some(KeyKind::Rsa) => 0,
        Some(KeyKind::EcdsaP256 | KeyKind::EcdsaP384 | KeyKind::EcdsaP521) => 1,
        Some(KeyKind::RsaPss(_)) => 2,
        Some(KeyKind::Ed25519) => 3,
        None => 4,
    }
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_new() -> *mut s2n_cert_chain_and_key {
    call(|| {
        ensure_initialized()?;
        Ok(into_c(s2n_cert_chain_and_key::empty()))
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_pem(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *const c_char,
    private_key_pem: *const c_char,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_cstr(chain_pem) }?.to_bytes();
        let key = unsafe { arg_cstr(private_key_pem) }?.to_bytes();
        chain_and_key.load(CertifiedKey::from_pem(chain, key))
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_pem_bytes(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *mut u8,
    chain_pem_len: u32,
    private_key_pem: *mut u8,
    private_key_pem_len: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_bytes(chain_pem, chain_pem_len as usize) }?;
        let key = unsafe { arg_bytes(private_key_pem, private_key_pem_len as usize) }?;
        chain_and_key.load(CertifiedKey::from_pem(chain, key))
    })
}

/// A chain without a private key, for applications that sign elsewhere.
#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_load_public_pem_bytes(
    chain_and_key: *mut s2n_cert_chain_and_key,
    chain_pem: *mut u8,
    chain_pem_len: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_mut(chain_and_key) }?;
        let chain = unsafe { arg_bytes(chain_pem, chain_pem_len as usize) }?;
        chain_and_key.load(CertifiedKey::public_only(chain))
    })
}

/// Freeing NULL succeeds, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_free(cert_and_key: *mut s2n_cert_chain_and_key) -> c_int {
    call(|| {
        if !cert_and_key.is_null() {
            // SAFETY: a non-NULL pointer came from s2n_cert_chain_and_key_new.
            drop(unsafe { from_c(cert_and_key) });
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_ctx(cert_and_key: *mut s2n_cert_chain_and_key, ctx: *mut c_void) -> c_int {
    call(|| {
        unsafe { arg_mut(cert_and_key) }?.ctx = ctx;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_get_ctx(cert_and_key: *mut s2n_cert_chain_and_key) -> *mut c_void {
    call(|| Ok(unsafe { arg_ref(cert_and_key) }?.ctx))
}

#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain_and_key_to_store(
    config: *mut s2n_config,
    cert_key_pair: *mut s2n_cert_chain_and_key,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        if config.ownership == CertOwnership::Library {
            return Err(Error::new(ErrorCode::CERT_OWNERSHIP));
        }
        add_to_config(config, cert_key_pair)?;
        config.ownership = CertOwnership::Application;
        OK
    })
}

/// Replaces the default chains (at most one per key type) with the given ones.
#[no_mangle]
pub extern "C" fn s2n_config_set_cert_chain_and_key_defaults(
    config: *mut s2n_config,
    cert_key_pairs: *mut *mut s2n_cert_chain_and_key,
    num_cert_key_pairs: u32,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        unsafe { arg_ref(cert_key_pairs) }?;
        if !(1..=4).contains(&num_cert_key_pairs) {
            return Err(Error::new(ErrorCode::NUM_DEFAULT_CERTIFICATES));
        }
        if config.ownership == CertOwnership::Library {
            return Err(Error::new(ErrorCode::CERT_OWNERSHIP));
        }
        // SAFETY: the caller passes an array of `num_cert_key_pairs` chain pointers.
        let pairs = unsafe { std::slice::from_raw_parts(cert_key_pairs, num_cert_key_pairs as usize) };
        let mut kinds = Vec::with_capacity(pairs.len());
        for &pair in pairs {
            let kind = key_kind(unsafe { arg_ref(pair) }?.certified()?);
            if kinds.contains(&kind) {
                return Err(Error::new(ErrorCode::MULTIPLE_DEFAULT_CERTIFICATES_PER_AUTH_TYPE));
            }
            kinds.push(kind);
        }
        let mut defaults = Vec::with_capacity(pairs.len());
        for &pair in pairs {
            let index = match config.chains.iter().position(|&c| c == pair) {
                Some(i) => i,
                None => {
                    let certified = unsafe { arg_ref(pair) }?.certified()?.clone();
                    config.core.identities.push(certified);
                    config.chains.push(pair);
                    config.chains.len() - 1
                }
            };
            defaults.push(index);
        }
        config.core.default_identities = defaults;
        config.explicit_defaults = true;
        config.ownership = CertOwnership::Application;
        OK
    })
}

/// The deprecated form: the config loads and owns the chain.
#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain_and_key(
    config: *mut s2n_config,
    cert_chain_pem: *const c_char,
    private_key_pem: *const c_char,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let chain = unsafe { arg_cstr(cert_chain_pem) }?.to_bytes();
        let key = unsafe { arg_cstr(private_key_pem) }?.to_bytes();
        if config.ownership == CertOwnership::Application {
            return Err(Error::new(ErrorCode::CERT_OWNERSHIP));
        }
        let mut owned = Box::new(s2n_cert_chain_and_key::empty());
        owned.load(CertifiedKey::from_pem(chain, key))?;
        let owned = Box::into_raw(owned);
        config.ownership = CertOwnership::Library;
        if let Err(err) = add_to_config(config, owned) {
            // SAFETY: not stored anywhere on failure.
            drop(unsafe { from_c(owned) });
            return Err(err);
        }
        OK
    })
}

/// Internal API: a chain without a key, for applications that sign asynchronously.
#[no_mangle]
pub extern "C" fn s2n_config_add_cert_chain(
    config: *mut s2n_config,
    cert_chain_pem: *mut u8,
    cert_chain_pem_size: u32,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let chain = unsafe { arg_bytes(cert_chain_pem, cert_chain_pem_size as usize) }?;
        if config.ownership == CertOwnership::Application {
            return Err(Error::new(ErrorCode::CERT_OWNERSHIP));
        }
        let mut owned = Box::new(s2n_cert_chain_and_key::empty());
        owned.load(CertifiedKey::public_only(chain))?;
        let owned = Box::into_raw(owned);
        config.ownership = CertOwnership::Library;
        if let Err(err) = add_to_config(config, owned) {
            // SAFETY: not stored anywhere on failure.
            drop(unsafe { from_c(owned) });
            return Err(err);
        }
        OK
    })
}

/// Trusts the certificates in a PEM file and/or a directory of PEM files.
#[no_mangle]
pub extern "C" fn s2n_config_set_verification_ca_location(
    config: *mut s2n_config,
    ca_pem_filename: *const c_char,
    ca_dir: *const c_char,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let file = (!ca_pem_filename.is_null()).then(|| unsafe { CStr::from_ptr(ca_pem_filename) });
        let dir = (!ca_dir.is_null()).then(|| unsafe { CStr::from_ptr(ca_dir) });
        if file.is_none() && dir.is_none() {
            return Err(Error::new(ErrorCode::X509_TRUST_STORE));
        }
        let path = |c: &CStr| std::path::PathBuf::from(&*std::ffi::OsStr::from_bytes(c.to_bytes()));
        if let Some(file) = file {
            config.core.trust.add_pem_file(&path(file)).map_err(|_| Error::new(ErrorCode::X509_TRUST_STORE))?;
        }
        if let Some(dir) = dir {
            config.core.trust.add_pem_dir(&path(dir)).map_err(|_| Error::new(ErrorCode::X509_TRUST_STORE))?;
        }
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_add_pem_to_trust_store(config: *mut s2n_config, pem: *const c_char) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        let pem = unsafe { arg_cstr(pem) }?;
        config.core.trust.add_pem(pem.to_bytes())?;
        OK
    })
}

/// Forgets every trusted root, the system's included.
#[no_mangle]
pub extern "C" fn s2n_config_wipe_trust_store(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.trust.clear();
        OK
    })
}

/// Trusts the system's roots; fails if they are already trusted, as in s2n.
#[no_mangle]
pub extern "C" fn s2n_config_load_system_certs(config: *mut s2n_config) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        if config.core.trust.trusts_system() {
            return Err(Error::new(ErrorCode::X509_TRUST_STORE));
        }
        config.core.trust.trust_system();
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_verify_host_callback(
    config: *mut s2n_config,
    arg1: s2n_verify_host_fn,
    data: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.verify_host = arg1.map(|f| (f, data));
        OK
    })
}

/// Turns off all peer certificate validation (chain, time and host name).
#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_verification(config: *mut s2n_config) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.verify_peer = false;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_time_verification(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.check_time = false;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_max_cert_chain_depth(config: *mut s2n_config, max_depth: u16) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        if max_depth == 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        config.core.max_chain_depth = max_depth as usize;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_get_length(
    chain_and_key: *const s2n_cert_chain_and_key,
    cert_length: *mut u32,
) -> c_int {
    call(|| {
        let chain = unsafe { arg_ref(chain_and_key) }?;
        unsafe { arg_ref(cert_length) }?;
        if chain.certs.is_empty() {
            return Err(Error::new(ErrorCode::NO_CERT_FOUND));
        }
        unsafe { write_out(cert_length, chain.certs.len() as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_get_cert(
    chain_and_key: *const s2n_cert_chain_and_key,
    out_cert: *mut *mut s2n_cert,
    cert_idx: u32,
) -> c_int {
    call(|| {
        let chain = unsafe { arg_ref(chain_and_key) }?;
        unsafe { arg_ref(out_cert) }?;
        let cert = chain.certs.get(cert_idx as usize).ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
        unsafe { write_out(out_cert, cert as *const s2n_cert as *mut s2n_cert) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_der(
    cert: *const s2n_cert,
    out_cert_der: *mut *const u8,
    cert_length: *mut u32,
) -> c_int {
    call(|| {
        let cert = unsafe { arg_ref(cert) }?;
        unsafe { arg_ref(out_cert_der) }?;
        unsafe { arg_ref(cert_length) }?;
        unsafe { write_out(out_cert_der, cert.der.as_ptr()) }?;
        unsafe { write_out(cert_length, cert.der.len() as u32) }?;
        OK
    })
}

/// 1 when the handshake used client authentication and the client presented a certificate.
#[no_mangle]
pub extern "C" fn s2n_connection_client_cert_used(conn: *mut s2n_connection) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let s = &conn.core.common.summary;
        let used = s.client_auth
            && !s.no_client_cert
            && match conn.mode {
                s2n_mode::S2N_SERVER => !s.peer_chain.is_empty() || s.peer_chain_dropped,
                s2n_mode::S2N_CLIENT => s.our_scheme.is_some(),
            };
        Ok(used as c_int)
    })
}

/// Copies the peer's validated certificate chain into `cert_chain_and_key`, which must be
/// new (empty). Without validation there is no validated chain: `S2N_ERR_CERT_NOT_VALIDATED`.
#[no_mangle]
pub extern "C" fn s2n_connection_get_peer_cert_chain(
    conn: *const s2n_connection,
    cert_chain_and_key: *mut s2n_cert_chain_and_key,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let out = unsafe { arg_mut(cert_chain_and_key) }?;
        if !out.is_empty() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let chain = &conn.core.common.summary.peer_chain;
        if chain.is_empty() || !conn.config().core.verify_peer {
            return Err(Error::new(ErrorCode::CERT_NOT_VALIDATED));
        }
        out.set_chain(Arc::new(CertifiedKey::new(chain.clone(), None)));
        OK
    })
}

/// The chain object we presented (the server's choice, or the client's certificate).
#[no_mangle]
pub extern "C" fn s2n_connection_get_selected_cert(conn: *mut s2n_connection) -> *mut s2n_cert_chain_and_key {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        let config = conn.config();
        let index = match conn.mode {
            s2n_mode::S2N_SERVER => conn.core.common.summary.identity.map(usize::from),
            s2n_mode::S2N_CLIENT => conn.core.common.summary.our_scheme.map(|_| 0),
        };
        let chain = index.and_then(|i| config.chains.get(i)).copied();
        chain.ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))
    })
}

/// How the certificate the server chose relates to the client's server_name.
#[no_mangle]
pub extern "C" fn s2n_connection_get_certificate_match(
    conn: *mut s2n_connection,
    match_status: *mut s2n_cert_sni_match,
) -> c_int {
    call(|| {
        let conn = unsafe { conn.as_ref() }.ok_or_else(|| Error::new(ErrorCode::INVALID_ARGUMENT))?;
        if match_status.is_null() {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        if conn.mode != s2n_mode::S2N_SERVER {
            return Err(Error::new(ErrorCode::CLIENT_MODE));
        }
        let summary = &conn.core.common.summary;
        let identity = summary.identity.map(usize::from).ok_or_else(|| Error::new(ErrorCode::NO_CERT_FOUND))?;
        let status = match &summary.server_name {
            None => s2n_cert_sni_match::S2N_SNI_NONE,
            Some(name) => match conn.config().core.identities[identity].match_name(name) {
                NameMatch::Exact => s2n_cert_sni_match::S2N_SNI_EXACT_MATCH,
                NameMatch::Wildcard => s2n_cert_sni_match::S2N_SNI_WILDCARD_MATCH,
                NameMatch::None => s2n_cert_sni_match::S2N_SNI_NO_MATCH,
            },
        };
        unsafe { write_out(match_status, status) }?;
        OK
    })
}

/// Accept peer certificates whatever their extended key usage says.
#[no_mangle]
pub extern "C" fn s2n_config_disable_x509_intent_verification(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.check_intent = false;
        OK
    })
}

// ---- stubs ----

#[no_mangle]
pub extern "C" fn s2n_config_free_cert_chain_and_key(config: *mut s2n_config) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        // Only chains the library made (s2n_config_add_cert_chain_and_key) are ours to free; the
        // application frees its own.
        if config.ownership != CertOwnership::Library {
            return OK;
        }
        for chain in config.chains.drain(..) {
            // SAFETY: library-owned chains were created by us for this config alone.
            drop(unsafe { from_c(chain) });
        }
        config.core.identities.clear();
        config.core.default_identities.clear();
        config.core.superseded_names.clear();
        config.explicit_defaults = false;
        config.ownership = CertOwnership::None;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_get_private_key(
    cert_and_key: *mut s2n_cert_chain_and_key,
) -> *mut s2n_cert_private_key {
    call(|| {
        let chain = unsafe { arg_mut(cert_and_key) }?;
        if chain.certified()?.key.is_none() {
            return Err(Error::new(ErrorCode::NO_PRIVATE_KEY));
        }
        Ok(&mut chain.pkey as *mut s2n_cert_private_key)
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_ocsp_data(
    chain_and_key: *mut s2n_cert_chain_and_key,
    data: *const u8,
    length: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_ref(chain_and_key) }?;
        // As in s2n, no data clears the staple.
        let data = if data.is_null() { &[][..] } else { unsafe { arg_bytes(data, length as usize) }? };
        chain_and_key.certified()?.set_ocsp_response(data);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_chain_and_key_set_sct_list(
    chain_and_key: *mut s2n_cert_chain_and_key,
    data: *const u8,
    length: u32,
) -> c_int {
    call(|| {
        let chain_and_key = unsafe { arg_ref(chain_and_key) }?;
        // As in s2n, no data (or none of it) clears the list.
        let data = if data.is_null() { &[][..] } else { unsafe { arg_bytes(data, length as usize) }? };
        chain_and_key.certified()?.set_sct_list(data);
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_tiebreak_callback(
    config: *mut s2n_config,
    cert_tiebreak_cb: s2n_cert_tiebreak_callback,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.cert_tiebreak = cert_tiebreak_cb;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_check_stapled_ocsp_response(config: *mut s2n_config, check_ocsp: u8) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.check_ocsp_staple = check_ocsp != 0;
        OK
    })
}

/// Client: the OCSP response the server stapled (NULL and a length of 0 when none).
#[no_mangle]
pub extern "C" fn s2n_connection_get_ocsp_response(conn: *mut s2n_connection, length: *mut u32) -> *const u8 {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        unsafe { arg_ref(length) }?;
        let response = conn.core.common.summary.peer_ocsp().map(|ocsp| &ocsp.response[..]);
        unsafe { write_out(length, response.map_or(0, |r| r.len() as u32)) }?;
        Ok(response.map_or(std::ptr::null(), |r| r.as_ptr()))
    })
}

/// Client: the SCT list the server sent (NULL and a length of 0 when none). As in s2n, a
/// NULL `length` gives NULL without an error.
#[no_mangle]
pub extern "C" fn s2n_connection_get_sct_list(conn: *mut s2n_connection, length: *mut u32) -> *const u8 {
    call(|| {
        let conn = unsafe { arg_ref(conn) }?;
        if length.is_null() {
            return Ok(std::ptr::null());
        }
        let list = conn.core.common.summary.peer_sct_list();
        unsafe { write_out(length, list.map_or(0, |l| l.len() as u32)) }?;
        Ok(list.map_or(std::ptr::null(), |l| l.as_ptr()))
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_get_client_cert_chain(
    conn: *mut s2n_connection,
    der_cert_chain_out: *mut *mut u8,
    cert_chain_len: *mut u32,
) -> c_int {
    call(|| {
        let conn = unsafe { arg_mut(conn) }?;
        unsafe { arg_ref(der_cert_chain_out) }?;
        unsafe { arg_ref(cert_chain_len) }?;
        let chain = &conn.core.common.summary.peer_chain;
        let handed_out = conn.rare.as_ref().is_some_and(|rare| rare.client_cert_chain_c.is_some());
        // (Once handed out, the copy outlives free_handshake's dropping of the chain.)
        if conn.mode != s2n_mode::S2N_SERVER || (chain.is_empty() && !handed_out) {
            return Err(Error::new(ErrorCode::NULL));
        }
        // RFC 5246's Certificate list, whatever the version; kept for the connection's life.
        let encode = || {
            let mut out = Vec::new();
            for cert in chain {
                out.extend_from_slice(&(cert.len() as u32).to_be_bytes()[1..]);
                out.extend_from_slice(cert);
            }
            out.into_boxed_slice()
        };
        let rare = conn.rare.get_or_insert_with(Box::default);
        let raw = rare.client_cert_chain_c.get_or_insert_with(encode);
        unsafe { write_out(der_cert_chain_out, raw.as_mut_ptr()) }?;
        unsafe { write_out(cert_chain_len, raw.len() as u32) }?;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_connection_is_ocsp_stapled(conn: *mut s2n_connection) -> c_int {
    call(|| {
        // A server: whether it stapled a response; a client: whether it received one.
        let summary = &unsafe { arg_ref(conn) }?.core.common.summary;
        Ok((summary.ocsp_stapled || summary.peer_ocsp().is_some()) as c_int)
    })
}

/// The config's one default chain, which the deprecated `s2n_config_set_extension_data`
/// sets a staple or SCT list on (`S2N_ERR_UPDATING_EXTENSION` unless there is exactly one).
pub(crate) fn default_chain(config: &s2n_config) -> Result<&crate::pki::CertifiedKey> {
    let core = &config.core;
    let defaults: Vec<usize> = if core.default_identities.is_empty() {
        (0..core.identities.len()).collect()
    } else {
        core.default_identities.clone()
    };
    let [only] = defaults[..] else { return Err(Error::new(ErrorCode::UPDATING_EXTENSION)) };
    Ok(&core.identities[only])
}

/// The extension named by the NUL-terminated dotted `oid` ("1.3.187.25240.2"; s2n also
/// takes OpenSSL's names for OIDs, we take the numeric form only): its DER value and
/// critical flag.
fn find_extension(cert: *mut s2n_cert, oid: *const u8) -> Result<(Vec<u8>, bool)> {
    let cert = unsafe { arg_ref(cert) }?;
    let oid = unsafe { arg_cstr(oid.cast()) }?;
    let oid = oid.to_str().ok().and_then(crate::x509::parse_oid).ok_or_else(|| Error::new(ErrorCode::NULL))?;
    let fields = crate::x509::CertFields::parse(&cert.der)?;
    let (value, critical) =
        fields.extension(&oid).ok_or_else(|| Error::new(ErrorCode::X509_EXTENSION_VALUE_NOT_FOUND))?;
    Ok((value.to_vec(), critical))
}

/// Copies `data` to a caller buffer of `*len` bytes, then sets `*len` to its length.
fn copy_out(data: &[u8], out: *mut u8, len: *mut u32) -> Result<()> {
    let room = unsafe { arg_mut(len) }?;
    unsafe { arg_ref(out as *const u8) }?;
    if (*room as usize) < data.len() {
        return Err(Error::new(ErrorCode::INSUFFICIENT_MEM_SIZE));
    }
    // SAFETY: the caller passes `*room` >= data.len() writable bytes at `out`.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out, data.len()) };
    *room = data.len() as u32;
    Ok(())
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_x509_extension_value_length(
    cert: *mut s2n_cert,
    oid: *const u8,
    ext_value_len: *mut u32,
) -> c_int {
    call(|| {
        let out = unsafe { arg_mut(ext_value_len) }?;
        *out = find_extension(cert, oid)?.0.len() as u32;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_x509_extension_value(
    cert: *mut s2n_cert,
    oid: *const u8,
    ext_value: *mut u8,
    ext_value_len: *mut u32,
    critical: *mut bool,
) -> c_int {
    call(|| {
        unsafe { arg_ref(critical) }?;
        let (value, is_critical) = find_extension(cert, oid)?;
        copy_out(&value, ext_value, ext_value_len)?;
        unsafe { write_out(critical, is_critical) }?;
        OK
    })
}

/// The text of a DER UTF8String (such as a custom extension's value).
fn utf8_from_extension(data: *const u8, len: u32) -> Result<&'static [u8]> {
    if len == 0 {
        return Err(Error::new(ErrorCode::SAFETY));
    }
    let der = unsafe { arg_bytes(data, len as usize) }?;
    crate::x509::utf8_string(der).ok_or_else(|| Error::new(ErrorCode::INVALID_X509_EXTENSION_TYPE))
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_utf8_string_from_extension_data_length(
    extension_data: *const u8,
    extension_len: u32,
    utf8_str_len: *mut u32,
) -> c_int {
    call(|| {
        let out = unsafe { arg_mut(utf8_str_len) }?;
        *out = utf8_from_extension(extension_data, extension_len)?.len() as u32;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_cert_get_utf8_string_from_extension_data(
    extension_data: *const u8,
    extension_len: u32,
    out_data: *mut u8,
    out_len: *mut u32,
) -> c_int {
    call(|| {
        let text = utf8_from_extension(extension_data, extension_len)?;
        copy_out(text, out_data, out_len)?;
        OK
    })
}

/// Hands the handshake's private-key operations to the application (it may keep the
/// private key elsewhere, or sign on another thread).
#[no_mangle]
pub extern "C" fn s2n_config_set_async_pkey_callback(config: *mut s2n_config, fn_: s2n_async_pkey_fn) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.async_pkey_cb = fn_;
        config.core.offload_private_key = fn_.is_some();
        OK
    })
}

/// Strict: each signature the application returns is verified before it is used.
#[no_mangle]
pub extern "C" fn s2n_config_set_async_pkey_validation_mode(
    config: *mut s2n_config,
    mode: s2n_async_pkey_validation_mode_arg,
) -> c_int {
    call(|| {
        let config = unsafe { arg_mut(config) }?;
        config.core.verify_offloaded_signatures = s2n_async_pkey_validation_mode::from_raw(mode)?
            == s2n_async_pkey_validation_mode::S2N_ASYNC_PKEY_VALIDATION_STRICT;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_enable_cert_req_dss_legacy_compat(config: *mut s2n_config) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.core.cert_request_dss = true;
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_set_cert_validation_cb(
    config: *mut s2n_config,
    callback: s2n_cert_validation_callback,
    context: *mut c_void,
) -> c_int {
    call(|| {
        unsafe { arg_mut(config) }?.cert_validation_cb = callback.map(|f| (f, context));
        OK
    })
}

#[no_mangle]
pub extern "C" fn s2n_config_add_custom_x509_extension(
    config: *mut s2n_config,
    extension_oid: *mut u8,
    extension_oid_len: u32,
) -> c_int {
    unimplemented()
}
