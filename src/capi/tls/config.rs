//! `struct tls_config`: everything tls_config_*(3) sets, checked as it is set.
//!
//! A config is shared: `tls_configure` keeps a reference, and `tls_config_free` only drops
//! the caller's, so the object lives on while a context uses it. C therefore holds an
//! `Arc<tls_config>` turned into a raw pointer, and everything mutable sits behind a mutex.

use std::os::raw::{c_char, c_int, c_uchar};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, CertificateRevocationListDer};
use zeroize::Zeroizing;

use super::abi::{PROTOCOLS_DEFAULT, TLS_MAX_SESSION_ID_LENGTH, TLS_TICKET_KEY_SIZE};
use super::engine::Built;
use super::files::{arg_path, is_encrypted_key, read_config_file};
use super::{arg_buf, arg_opt_str, call, call_static, lock, ErrorSlot, Handle, TlsError, TlsResult};
use crate::config::ClientAuth;
use crate::conn::Side;
use crate::error::{Error, ErrorCode};
use crate::kx::NamedGroup;
use crate::pki::{certificates_from_pem, check_key_matches, SigningKey};
use crate::suites::{Tls12Suite, Tls13Suite, TLS12_SUITES, TLS13_SUITES};
use crate::ticket::{Rotation, TicketKeys};

/// Session lifetimes libtls accepts, in seconds (0 turns session tickets off).
const MIN_SESSION_LIFETIME: c_int = 4;
pub(crate) const MAX_SESSION_LIFETIME: c_int = 24 * 60 * 60;
/// Ticket keys kept for decrypting older tickets; the newest one encrypts.
const MAX_TICKET_KEYS: usize = 4;
const DEFAULT_VERIFY_DEPTH: c_int = 6;

#[allow(non_camel_case_types)]
pub struct tls_config {
    errors: ErrorSlot,
    settings: Mutex<Settings>,
    /// The engine configurations last built from `settings` (client, server), each with
    /// the settings generation it was built from. Contexts share them, so configuring many
    /// contexts (and accepting many connections) with one config builds it once.
    built: Mutex<[Option<BuiltAt>; 2]>,
}

/// An engine configuration and the settings generation it was built from.
type BuiltAt = (u64, Arc<Built>);

impl Handle for tls_config {
    fn errors(&self) -> Option<&ErrorSlot> {
        Some(&self.errors)
    }
}

impl tls_config {
    fn new() -> tls_config {
        tls_config { errors: ErrorSlot::default(), settings: Mutex::new(Settings::default()), built: Mutex::default() }
    }

    /// The settings, for a change: what was built from them before is out of date.
    pub(crate) fn settings(&self) -> MutexGuard<'_, Settings> {
        let mut settings = lock(&self.settings);
        settings.generation += 1;
        settings
    }

    /// The settings, to look at only.
    pub(crate) fn current(&self) -> MutexGuard<'_, Settings> {
        lock(&self.settings)
    }

    /// The engine configuration for a context of `side`: the one built before if the
    /// settings have not changed since, else a new one.
    pub(crate) fn engine(&self, side: Side) -> TlsResult<Arc<Built>> {
        let settings = self.current();
        let slot = &mut lock(&self.built)[(side == Side::Server) as usize];
        if let Some((generation, built)) = slot {
            if *generation == settings.generation {
                return Ok(Arc::clone(built));
            }
        }
        let built = Arc::new(super::engine::build(&settings, side)?);
        *slot = Some((settings.generation, Arc::clone(&built)));
        Ok(built)
    }
}

/// A certificate chain with its private key and OCSP staple. Any part may be missing
/// while the application is still filling it in; `tls_configure` checks the whole.
#[derive(Default)]
pub(crate) struct Keypair {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: Option<PrivateKey>,
    /// A DER OCSP response, sent as is.
    pub ocsp_staple: Vec<u8>,
}

impl Keypair {
    /// Checks that the chain and key are both there and belong together.
    pub fn check_complete(&self) -> TlsResult<()> {
        if self.chain.is_empty() {
            return Err(TlsError::new("no certificate configured"));
        }
        let key = self.key.as_ref().ok_or_else(|| TlsError::new("no private key configured"))?;
        check_key_matches(&self.chain[0], &key.signing).map_err(|e| pki_error("certificate", e))
    }

    pub fn is_empty(&self) -> bool {
        self.chain.is_empty() && self.key.is_none()
    }
}

/// A private key, loaded, with the PEM it came from: every engine configuration built from
/// the config gets its own copy of the key, loaded again from that PEM.
pub(crate) struct PrivateKey {
    /// aws-lc wipes key material when it frees it, which dropping this does.
    pub signing: SigningKey,
    pem: Zeroizing<Vec<u8>>,
}

impl PrivateKey {
    /// A fresh copy of the key for the engine.
    pub fn load(&self) -> TlsResult<SigningKey> {
        SigningKey::from_pem(&self.pem).map_err(|e| pki_error("private key", e))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DheParams {
    None,
    Auto,
    Legacy,
}

pub(crate) struct Settings {
    /// `TLS_PROTOCOL_*` bits, kept as given: the handshake uses the ones it implements.
    pub protocols: u32,
    /// The cipher string, with libtls's keywords expanded.
    pub ciphers: String,
    pub prefer_server_ciphers: bool,
    pub dhe_params: DheParams,
    /// In preference order. Empty never: "default" expands to our groups.
    pub groups: Vec<NamedGroup>,
    /// ALPN protocol names in preference order.
    pub alpn: Vec<Vec<u8>>,
    /// The trusted roots; `None` means the system bundle (`tls_default_ca_cert_file`).
    pub ca: Option<Vec<CertificateDer<'static>>>,
    pub ca_path: Option<PathBuf>,
    pub crls: Vec<CertificateRevocationListDer<'static>>,
    /// The first keypair is the one the `set` functions change; `add` appends SNI
    /// alternatives.
    pub keypairs: Vec<Keypair>,
    pub verify_cert: bool,
    pub verify_name: bool,
    pub verify_time: bool,
    pub verify_depth: c_int,
    pub verify_client: ClientAuth,
    pub ocsp_require_stapling: bool,
    pub session_id: Vec<u8>,
    pub session_lifetime: c_int,
    pub session_fd: c_int,
    /// The session ticket keys, shared with every server context built from this config
    /// (libtls reads them live, so keys added after `tls_configure` are used too).
    pub ticket_keys: Arc<TicketKeys>,
    /// Counts the changes, so that what was built from an older state is not reused.
    pub generation: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        // A random session ID context keeps a single-process server's sessions its own;
        // multi-process servers set a shared one (tls_config_set_session_id(3)).
        let mut session_id = vec![0; TLS_MAX_SESSION_ID_LENGTH as usize];
        // A failure leaves zeros, which is merely a less unique context.
        let _ = aws_lc_rs::rand::fill(&mut session_id);
        Settings {
            protocols: PROTOCOLS_DEFAULT,
            ciphers: expand_ciphers(None).to_string(),
            prefer_server_ciphers: true,
            dhe_params: DheParams::None,
            groups: NamedGroup::ALL.to_vec(),
            alpn: Vec::new(),
            ca: None,
            ca_path: None,
            crls: Vec::new(),
            keypairs: vec![Keypair::default()],
            verify_cert: true,
            verify_name: true,
            verify_time: true,
            verify_depth: DEFAULT_VERIFY_DEPTH,
            verify_client: ClientAuth::None,
            ocsp_require_stapling: false,
            session_id,
            session_lifetime: 0,
            session_fd: -1,
            // Until a session lifetime is set, keys live as long as the longest allowed.
            ticket_keys: Arc::new(TicketKeys::new(
                Rotation::Newest { keep: MAX_TICKET_KEYS, generate: true },
                seconds_to_nanos(MAX_SESSION_LIFETIME),
                0,
            )),
            generation: 0,
        }
    }
}

impl Settings {
    fn primary(&mut self) -> &mut Keypair {
        &mut self.keypairs[0]
    }
}

/// Describes a certificate/key decoding failure from [`crate::pki`] for a libtls message.
fn pki_error(what: &str, err: Error) -> TlsError {
    let reason = match err.code {
        ErrorCode::NO_CERTIFICATE_IN_PEM => "no certificates found",
        ErrorCode::INVALID_PEM => "malformed PEM",
        ErrorCode::DECODE_CERTIFICATE => "invalid certificate",
        ErrorCode::DECODE_PRIVATE_KEY => "no usable private key found",
        ErrorCode::KEY_MISMATCH => return TlsError::new("private/public key mismatch"),
        other => other.message(),
    };
    TlsError::new(format!("failed to load {what}: {reason}"))
}

/// Where a setter's data came from, for messages: a file name or memory.
fn origin(path: Option<&std::path::Path>) -> String {
    path.map_or_else(String::new, |p| format!(" from '{}'", p.display()))
}

fn parse_chain(pem: &[u8], what: &str, from: &str) -> TlsResult<Vec<CertificateDer<'static>>> {
    certificates_from_pem(pem).map_err(|e| pki_error(&format!("{what}{from}"), e))
}

fn parse_key(pem: &[u8], from: &str) -> TlsResult<PrivateKey> {
    if is_encrypted_key(pem) {
        return Err(TlsError::new(format!("failed to load private key{from}: encrypted keys are not supported")));
    }
    let signing = SigningKey::from_pem(pem).map_err(|e| pki_error(&format!("private key{from}"), e))?;
    Ok(PrivateKey { signing, pem: Zeroizing::new(pem.to_vec()) })
}

fn parse_crls(pem: &[u8], from: &str) -> TlsResult<Vec<CertificateRevocationListDer<'static>>> {
    let fail = |reason: &str| TlsError::new(format!("failed to load CRL{from}: {reason}"));
    let crls = CertificateRevocationListDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| fail("malformed PEM"))?;
    if crls.is_empty() {
        return Err(fail("no CRLs found"));
    }
    for crl in &crls {
        webpki::BorrowedCertRevocationList::from_der(crl.as_ref()).map_err(|_| fail("invalid CRL"))?;
    }
    Ok(crls)
}

/// Which part of a keypair a setter provides. Data is `None` when the caller gave none
/// (a NULL staple), which leaves no staple.
struct KeypairParts<'a> {
    cert: &'a [u8],
    key: &'a [u8],
    staple: Option<&'a [u8]>,
    /// The files they came from, for messages.
    files: [Option<&'a std::path::Path>; 2],
}

impl KeypairParts<'_> {
    /// Decodes all parts and checks that they belong together, so that a failing call
    /// leaves the config as it was.
    fn build(&self) -> TlsResult<Keypair> {
        let chain = parse_chain(self.cert, "certificate", &origin(self.files[0]))?;
        let key = parse_key(self.key, &origin(self.files[1]))?;
        check_key_matches(&chain[0], &key.signing).map_err(|e| pki_error("certificate", e))?;
        Ok(Keypair { chain, key: Some(key), ocsp_staple: self.staple.unwrap_or_default().to_vec() })
    }
}

/// The file-based keypair setters: reads the files, then decodes like the memory ones.
fn keypair_from_files(cert: *const c_char, key: *const c_char, staple: *const c_char) -> TlsResult<Keypair> {
    let cert_path = arg_path("certificate file", cert)?;
    let key_path = arg_path("key file", key)?;
    let cert_pem = read_config_file("certificate", cert_path)?;
    let key_pem = read_config_file("key", key_path)?;
    let staple = if staple.is_null() { None } else { Some(read_config_file("ocsp", arg_path("ocsp file", staple)?)?) };
    KeypairParts {
        cert: &cert_pem,
        key: &key_pem,
        staple: staple.as_deref().map(|s| &s[..]),
        files: [Some(cert_path), Some(key_path)],
    }
    .build()
}

fn keypair_from_mem(
    cert: (*const u8, usize),
    key: (*const u8, usize),
    staple: (*const u8, usize),
) -> TlsResult<Keypair> {
    let staple = if staple.0.is_null() { None } else { Some(arg_buf("staple", staple.0, staple.1)?) };
    KeypairParts {
        cert: arg_buf("certificate", cert.0, cert.1)?,
        key: arg_buf("key", key.0, key.1)?,
        staple,
        files: [None, None],
    }
    .build()
}

/// Replaces the primary keypair. The old OCSP staple goes too: it vouched for the old
/// certificate.
fn set_keypair(config: &tls_config, keypair: TlsResult<Keypair>) -> TlsResult<c_int> {
    *config.settings().primary() = keypair?;
    Ok(0)
}

fn add_keypair(config: &tls_config, keypair: TlsResult<Keypair>) -> TlsResult<c_int> {
    config.settings().keypairs.push(keypair?);
    Ok(0)
}

/// The body of the `void` setters: once they have a config they cannot fail.
fn update(config: *mut tls_config, change: impl FnOnce(&mut Settings)) {
    call(config, |config| {
        change(&mut config.settings());
        Ok(())
    })
}

// ---- lifecycle and errors ----

#[no_mangle]
pub extern "C" fn tls_config_new() -> *mut tls_config {
    call_static(|| {
        // LibreSSL's tls_config_new runs tls_init for programs that never call it.
        crate::capi::watch_forks();
        Ok(Arc::into_raw(Arc::new(tls_config::new())).cast_mut())
    })
}

/// Drops the caller's reference; contexts configured with it keep theirs.
#[no_mangle]
pub extern "C" fn tls_config_free(config: *mut tls_config) {
    call_static(|| {
        if !config.is_null() {
            // SAFETY: a non-NULL config came from tls_config_new (Arc::into_raw), and C
            // gives up this reference here.
            drop(unsafe { Arc::from_raw(config.cast_const()) });
        }
        Ok(())
    })
}

/// Takes a new reference to a config C holds, for a context to keep.
///
/// # Safety
/// `config` came from `tls_config_new` and C still holds its reference.
pub(crate) unsafe fn retain(config: *const tls_config) -> Arc<tls_config> {
    Arc::increment_strong_count(config);
    Arc::from_raw(config)
}

#[no_mangle]
pub extern "C" fn tls_config_error(config: *mut tls_config) -> *const c_char {
    call(config, |config| Ok(config.errors.message()))
}

#[no_mangle]
pub extern "C" fn tls_config_error_code(config: *mut tls_config) -> c_int {
    call(config, |config| Ok(config.errors.code()))
}

// ---- trust: CAs, CRLs, verification ----

#[no_mangle]
pub extern "C" fn tls_config_set_ca_file(config: *mut tls_config, ca_file: *const c_char) -> c_int {
    call(config, |config| {
        let path = arg_path("CA file", ca_file)?;
        let roots = parse_chain(&read_config_file("CA", path)?, "CA certificates", &origin(Some(path)))?;
        config.settings().ca = Some(roots);
        Ok(0)
    })
}

/// Sets a directory of hashed CA files. Like libtls, this only records the name: the
/// directory is searched when a peer's certificate is verified.
#[no_mangle]
pub extern "C" fn tls_config_set_ca_path(config: *mut tls_config, ca_path: *const c_char) -> c_int {
    call(config, |config| {
        let path = if ca_path.is_null() { None } else { Some(arg_path("CA path", ca_path)?.to_path_buf()) };
        config.settings().ca_path = path;
        Ok(0)
    })
}

/// Sets the trusted roots from PEM; an empty buffer goes back to the system's roots.
#[no_mangle]
pub extern "C" fn tls_config_set_ca_mem(config: *mut tls_config, ca: *const u8, len: usize) -> c_int {
    call(config, |config| {
        let pem = arg_buf("CA", ca, len)?;
        let roots = if pem.is_empty() { None } else { Some(parse_chain(pem, "CA certificates", "")?) };
        config.settings().ca = roots;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_crl_file(config: *mut tls_config, crl_file: *const c_char) -> c_int {
    call(config, |config| {
        let path = arg_path("CRL file", crl_file)?;
        let crls = parse_crls(&read_config_file("CRL", path)?, &origin(Some(path)))?;
        config.settings().crls = crls;
        Ok(0)
    })
}

/// Sets the CRLs from PEM; an empty buffer removes them.
#[no_mangle]
pub extern "C" fn tls_config_set_crl_mem(config: *mut tls_config, crl: *const u8, len: usize) -> c_int {
    call(config, |config| {
        let pem = arg_buf("CRL", crl, len)?;
        let crls = if pem.is_empty() { Vec::new() } else { parse_crls(pem, "")? };
        config.settings().crls = crls;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_verify_depth(config: *mut tls_config, verify_depth: c_int) -> c_int {
    call(config, |config| {
        config.settings().verify_depth = verify_depth;
        Ok(0)
    })
}

/// Turns every check the `insecure` functions can switch off back on.
#[no_mangle]
pub extern "C" fn tls_config_verify(config: *mut tls_config) {
    update(config, |s| (s.verify_cert, s.verify_name, s.verify_time) = (true, true, true))
}

#[no_mangle]
pub extern "C" fn tls_config_insecure_noverifycert(config: *mut tls_config) {
    update(config, |s| s.verify_cert = false)
}

#[no_mangle]
pub extern "C" fn tls_config_insecure_noverifyname(config: *mut tls_config) {
    update(config, |s| s.verify_name = false)
}

#[no_mangle]
pub extern "C" fn tls_config_insecure_noverifytime(config: *mut tls_config) {
    update(config, |s| s.verify_time = false)
}

#[no_mangle]
pub extern "C" fn tls_config_verify_client(config: *mut tls_config) {
    update(config, |s| s.verify_client = ClientAuth::Required)
}

#[no_mangle]
pub extern "C" fn tls_config_verify_client_optional(config: *mut tls_config) {
    update(config, |s| s.verify_client = ClientAuth::Optional)
}

#[no_mangle]
pub extern "C" fn tls_config_ocsp_require_stapling(config: *mut tls_config) {
    update(config, |s| s.ocsp_require_stapling = true)
}

// ---- our certificates and keys ----

#[no_mangle]
pub extern "C" fn tls_config_set_cert_file(config: *mut tls_config, cert_file: *const c_char) -> c_int {
    call(config, |config| {
        let path = arg_path("certificate file", cert_file)?;
        let chain = parse_chain(&read_config_file("certificate", path)?, "certificate", &origin(Some(path)))?;
        config.settings().primary().chain = chain;
        Ok(0)
    })
}

/// Sets the certificate chain from PEM; an empty buffer removes it.
#[no_mangle]
pub extern "C" fn tls_config_set_cert_mem(config: *mut tls_config, cert: *const u8, len: usize) -> c_int {
    call(config, |config| {
        let pem = arg_buf("certificate", cert, len)?;
        let chain = if pem.is_empty() { Vec::new() } else { parse_chain(pem, "certificate", "")? };
        config.settings().primary().chain = chain;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_key_file(config: *mut tls_config, key_file: *const c_char) -> c_int {
    call(config, |config| {
        let path = arg_path("key file", key_file)?;
        let key = parse_key(&read_config_file("key", path)?, &origin(Some(path)))?;
        config.settings().primary().key = Some(key);
        Ok(0)
    })
}

/// Sets the private key from PEM; an empty buffer removes it.
#[no_mangle]
pub extern "C" fn tls_config_set_key_mem(config: *mut tls_config, key: *const u8, len: usize) -> c_int {
    call(config, |config| {
        let pem = arg_buf("key", key, len)?;
        let key = if pem.is_empty() { None } else { Some(parse_key(pem, "")?) };
        config.settings().primary().key = key;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_ocsp_staple_file(config: *mut tls_config, staple_file: *const c_char) -> c_int {
    call(config, |config| {
        let staple = read_config_file("ocsp", arg_path("ocsp staple file", staple_file)?)?;
        config.settings().primary().ocsp_staple = staple.to_vec();
        Ok(0)
    })
}

/// Sets the DER OCSP response to staple; an empty buffer removes it.
#[no_mangle]
pub extern "C" fn tls_config_set_ocsp_staple_mem(config: *mut tls_config, staple: *const u8, len: usize) -> c_int {
    call(config, |config| {
        let staple = arg_buf("staple", staple, len)?.to_vec();
        config.settings().primary().ocsp_staple = staple;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_keypair_file(
    config: *mut tls_config,
    cert_file: *const c_char,
    key_file: *const c_char,
) -> c_int {
    call(config, |config| set_keypair(config, keypair_from_files(cert_file, key_file, std::ptr::null())))
}

#[no_mangle]
pub extern "C" fn tls_config_set_keypair_mem(
    config: *mut tls_config,
    cert: *const u8,
    cert_len: usize,
    key: *const u8,
    key_len: usize,
) -> c_int {
    call(config, |config| {
        set_keypair(config, keypair_from_mem((cert, cert_len), (key, key_len), (std::ptr::null(), 0)))
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_keypair_ocsp_file(
    config: *mut tls_config,
    cert_file: *const c_char,
    key_file: *const c_char,
    staple_file: *const c_char,
) -> c_int {
    call(config, |config| set_keypair(config, keypair_from_files(cert_file, key_file, staple_file)))
}

#[no_mangle]
pub extern "C" fn tls_config_set_keypair_ocsp_mem(
    config: *mut tls_config,
    cert: *const u8,
    cert_len: usize,
    key: *const u8,
    key_len: usize,
    staple: *const u8,
    staple_len: usize,
) -> c_int {
    call(config, |config| set_keypair(config, keypair_from_mem((cert, cert_len), (key, key_len), (staple, staple_len))))
}

#[no_mangle]
pub extern "C" fn tls_config_add_keypair_file(
    config: *mut tls_config,
    cert_file: *const c_char,
    key_file: *const c_char,
) -> c_int {
    call(config, |config| add_keypair(config, keypair_from_files(cert_file, key_file, std::ptr::null())))
}

#[no_mangle]
pub extern "C" fn tls_config_add_keypair_mem(
    config: *mut tls_config,
    cert: *const u8,
    cert_len: usize,
    key: *const u8,
    key_len: usize,
) -> c_int {
    call(config, |config| {
        add_keypair(config, keypair_from_mem((cert, cert_len), (key, key_len), (std::ptr::null(), 0)))
    })
}

#[no_mangle]
pub extern "C" fn tls_config_add_keypair_ocsp_file(
    config: *mut tls_config,
    cert_file: *const c_char,
    key_file: *const c_char,
    ocsp_staple_file: *const c_char,
) -> c_int {
    call(config, |config| add_keypair(config, keypair_from_files(cert_file, key_file, ocsp_staple_file)))
}

#[no_mangle]
pub extern "C" fn tls_config_add_keypair_ocsp_mem(
    config: *mut tls_config,
    cert: *const u8,
    cert_len: usize,
    key: *const u8,
    key_len: usize,
    staple: *const u8,
    staple_len: usize,
) -> c_int {
    call(config, |config| add_keypair(config, keypair_from_mem((cert, cert_len), (key, key_len), (staple, staple_len))))
}

/// Forgets every private key (a server calls this once its contexts are configured, so
/// that a later compromise of the process cannot read them).
#[no_mangle]
pub extern "C" fn tls_config_clear_keys(config: *mut tls_config) {
    update(config, |s| s.keypairs.iter_mut().for_each(|keypair| keypair.key = None))
}

// ---- protocols, ciphers, key exchange, ALPN ----

#[no_mangle]
pub extern "C" fn tls_config_set_protocols(config: *mut tls_config, protocols: u32) -> c_int {
    call(config, |config| {
        config.settings().protocols = protocols;
        Ok(0)
    })
}

/// libtls's cipher keywords, expanded to the OpenSSL cipher strings they stand for.
fn expand_ciphers(ciphers: Option<&str>) -> &str {
    match ciphers {
        None => "TLSv1.3:TLSv1.2+AEAD+ECDHE:TLSv1.2+AEAD+DHE",
        Some(c) if c.eq_ignore_ascii_case("secure") || c.eq_ignore_ascii_case("default") => expand_ciphers(None),
        Some(c) if c.eq_ignore_ascii_case("compat") => "HIGH:!aNULL",
        Some(c) if c.eq_ignore_ascii_case("legacy") => "HIGH:MEDIUM:!aNULL",
        Some(c) if c.eq_ignore_ascii_case("insecure") || c.eq_ignore_ascii_case("all") => "ALL:!aNULL:!eNULL",
        Some(c) => c,
    }
}

/// The suites an OpenSSL cipher string selects from the ones we implement.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct SuiteSelection {
    pub tls13: Vec<&'static Tls13Suite>,
    pub tls12: Vec<&'static Tls12Suite>,
}

/// One of our suites, as a cipher string's words see it.
#[derive(Clone, Copy, PartialEq)]
enum AnySuite {
    Tls13(&'static Tls13Suite),
    Tls12(&'static Tls12Suite),
}

impl AnySuite {
    /// Whether an OpenSSL cipher-string word (an alias or a suite name) covers this suite.
    /// Words for things we do not implement (DHE, CBC, RSA key exchange, ...) cover none,
    /// which is what OpenSSL's list ends up with for them here too.
    fn matches(self, word: &str) -> bool {
        use crate::suites::Tls12Auth;
        let eq = |w: &str| word.eq_ignore_ascii_case(w);
        let (name, cipher) = match self {
            AnySuite::Tls13(s) => (s.name, s.name),
            AnySuite::Tls12(s) => (s.name, s.name),
        };
        match word {
            // Every suite we have is an AEAD suite of the HIGH class.
            "ALL" | "DEFAULT" | "HIGH" | "AEAD" => true,
            "TLSv1.3" => matches!(self, AnySuite::Tls13(_)),
            "TLSv1.2" | "ECDHE" | "EECDH" | "kECDHE" | "kEECDH" => matches!(self, AnySuite::Tls12(_)),
            "aECDSA" | "ECDSA" => matches!(self, AnySuite::Tls12(s) if s.auth == Tls12Auth::Ecdsa),
            "aRSA" | "RSA" => matches!(self, AnySuite::Tls12(s) if s.auth == Tls12Auth::Rsa),
            "AES" | "AESGCM" => cipher.contains("AES"),
            "AES128" => cipher.contains("AES128") || cipher.contains("AES_128"),
            "AES256" => cipher.contains("AES256") || cipher.contains("AES_256"),
            "CHACHA20" => cipher.contains("CHACHA20"),
            "SHA256" => name.ends_with("SHA256") || name.contains("CHACHA20"),
            "SHA384" => name.ends_with("SHA384"),
            _ => eq(name),
        }
    }
}

/// Evaluates an OpenSSL cipher string over our suites: entries separated by `:`, `,` or
/// blanks; `A+B` is the suites both words cover; a `-` entry removes suites (a later entry
/// may add them back), a `!` entry removes them for good; other entries add, in order, so
/// the selection keeps the string's preference. Unknown words select nothing, as OpenSSL
/// ignores them.
fn evaluate_cipher_string(ciphers: &str) -> SuiteSelection {
    let all: Vec<AnySuite> = TLS13_SUITES
        .iter()
        .map(|&s| AnySuite::Tls13(s))
        .chain(TLS12_SUITES.iter().map(|&s| AnySuite::Tls12(s)))
        .collect();
    let mut chosen: Vec<AnySuite> = Vec::new();
    let mut banned: Vec<AnySuite> = Vec::new();
    for entry in ciphers.split([':', ',', ' ']).filter(|e| !e.is_empty()) {
        let (op, words) = match entry.as_bytes()[0] {
            b'!' | b'-' | b'+' => (entry.as_bytes()[0], &entry[1..]),
            _ => (b'=', entry),
        };
        let covered = all.iter().copied().filter(|s| !words.is_empty() && words.split('+').all(|w| s.matches(w)));
        match op {
            b'!' => banned.extend(covered),
            b'-' => {
                let covered: Vec<_> = covered.collect();
                chosen.retain(|s| !covered.contains(s));
            }
            // `+` moves suites to the end in OpenSSL; the set stays the same.
            b'+' => {
                let covered: Vec<_> = covered.filter(|s| chosen.contains(s)).collect();
                chosen.retain(|s| !covered.contains(s));
                chosen.extend(covered);
            }
            _ => {
                for suite in covered {
                    if !chosen.contains(&suite) {
                        chosen.push(suite);
                    }
                }
            }
        }
    }
    chosen.retain(|s| !banned.contains(s));
    let mut selection = SuiteSelection::default();
    for suite in chosen {
        match suite {
            AnySuite::Tls13(s) => selection.tls13.push(s),
            AnySuite::Tls12(s) => selection.tls12.push(s),
        }
    }
    selection
}

/// The suites a configured cipher string allows. TLS 1.3 suites follow LibreSSL: a string
/// that names none of them gets all of them.
pub(crate) fn select_suites(ciphers: &str) -> SuiteSelection {
    let mut selection = evaluate_cipher_string(ciphers);
    if selection.tls13.is_empty() {
        selection.tls13 = TLS13_SUITES.to_vec();
    }
    selection
}

/// Whether a cipher string selects at least one suite: OpenSSL fails only when nothing is
/// left, and libtls reports exactly that failure.
fn selects_a_cipher(ciphers: &str) -> bool {
    let chosen = evaluate_cipher_string(ciphers);
    !chosen.tls13.is_empty() || !chosen.tls12.is_empty()
}

#[no_mangle]
pub extern "C" fn tls_config_set_ciphers(config: *mut tls_config, ciphers: *const c_char) -> c_int {
    call(config, |config| {
        let ciphers = expand_ciphers(arg_opt_str("ciphers", ciphers)?);
        if !selects_a_cipher(ciphers) {
            return Err(TlsError::new(format!("no ciphers for '{ciphers}'")));
        }
        config.settings().ciphers = ciphers.to_string();
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_prefer_ciphers_client(config: *mut tls_config) {
    update(config, |s| s.prefer_server_ciphers = false)
}

#[no_mangle]
pub extern "C" fn tls_config_prefer_ciphers_server(config: *mut tls_config) {
    update(config, |s| s.prefer_server_ciphers = true)
}

#[no_mangle]
pub extern "C" fn tls_config_set_dheparams(config: *mut tls_config, params: *const c_char) -> c_int {
    call(config, |config| {
        let dhe = match arg_opt_str("dhe params", params)? {
            None => DheParams::None,
            Some(p) if p.eq_ignore_ascii_case("none") => DheParams::None,
            Some(p) if p.eq_ignore_ascii_case("auto") => DheParams::Auto,
            Some(p) if p.eq_ignore_ascii_case("legacy") => DheParams::Legacy,
            Some(p) => return Err(TlsError::new(format!("invalid dhe param '{p}'"))),
        };
        config.settings().dhe_params = dhe;
        Ok(0)
    })
}

/// A curve name as OpenSSL knows it: the group we implement for it, or `None` for a real
/// curve we do not offer (skipped, so that configurations naming it keep working).
fn curve(name: &str) -> Option<Option<NamedGroup>> {
    const CURVES: &[(&str, Option<NamedGroup>)] = &[
        ("X25519MLKEM768", Some(NamedGroup::X25519MlKem768)),
        ("X25519", Some(NamedGroup::X25519)),
        ("P-256", Some(NamedGroup::Secp256r1)),
        ("prime256v1", Some(NamedGroup::Secp256r1)),
        ("secp256r1", Some(NamedGroup::Secp256r1)),
        ("P-384", Some(NamedGroup::Secp384r1)),
        ("secp384r1", Some(NamedGroup::Secp384r1)),
        ("P-521", None),
        ("secp521r1", None),
        ("P-224", None),
        ("secp224r1", None),
        ("X448", None),
    ];
    CURVES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, group)| group)
}

/// Parses a comma- or colon-separated curve list; "default" (or none) is ours.
fn parse_groups(curves: Option<&str>) -> TlsResult<Vec<NamedGroup>> {
    let Some(list) = curves.filter(|c| !c.eq_ignore_ascii_case("default")) else {
        return Ok(NamedGroup::ALL.to_vec());
    };
    let mut groups = Vec::new();
    for name in list.split([',', ':']).map(|n| n.trim_start_matches([' ', '\t'])) {
        match curve(name) {
            None => return Err(TlsError::new(format!("invalid ecdhe curve '{name}'"))),
            Some(Some(group)) if !groups.contains(&group) => groups.push(group),
            Some(_) => {}
        }
    }
    if groups.is_empty() {
        return Err(TlsError::new(format!("no supported ecdhe curves in '{list}'")));
    }
    Ok(groups)
}

#[no_mangle]
pub extern "C" fn tls_config_set_ecdhecurves(config: *mut tls_config, curves: *const c_char) -> c_int {
    call(config, |config| {
        let groups = parse_groups(arg_opt_str("curves", curves)?)?;
        config.settings().groups = groups;
        Ok(0)
    })
}

/// The deprecated one-curve form: "none" and "auto" also mean the default, and a list is
/// refused.
#[no_mangle]
pub extern "C" fn tls_config_set_ecdhecurve(config: *mut tls_config, curve: *const c_char) -> c_int {
    call(config, |config| {
        let curve =
            arg_opt_str("curve", curve)?.filter(|c| !c.eq_ignore_ascii_case("none") && !c.eq_ignore_ascii_case("auto"));
        if let Some(c) = curve.filter(|c| c.contains([',', ':'])) {
            return Err(TlsError::new(format!("invalid ecdhe curve '{c}'")));
        }
        config.settings().groups = parse_groups(curve)?;
        Ok(0)
    })
}

/// Parses a comma-separated ALPN list into protocol names (each 1 to 255 bytes).
fn parse_alpn(alpn: &str) -> TlsResult<Vec<Vec<u8>>> {
    // The wire form (length-prefixed names) must fit a 16-bit length.
    if alpn.len() + 1 > 65535 {
        return Err(TlsError::invalid("alpn too large"));
    }
    alpn.split(',')
        .map(|name| match name.len() {
            0 => Err(TlsError::invalid("alpn protocol with zero length")),
            1..=255 => Ok(name.as_bytes().to_vec()),
            _ => Err(TlsError::invalid("alpn protocol too long")),
        })
        .collect()
}

/// Sets the ALPN protocols; NULL clears them.
#[no_mangle]
pub extern "C" fn tls_config_set_alpn(config: *mut tls_config, alpn: *const c_char) -> c_int {
    call(config, |config| {
        let alpn = arg_opt_str("alpn", alpn)?.map(parse_alpn).transpose()?.unwrap_or_default();
        config.settings().alpn = alpn;
        Ok(0)
    })
}

// ---- sessions ----

#[no_mangle]
pub extern "C" fn tls_config_set_session_id(config: *mut tls_config, session_id: *const c_uchar, len: usize) -> c_int {
    call(config, |config| {
        if len > TLS_MAX_SESSION_ID_LENGTH as usize {
            return Err(TlsError::invalid("session ID too large"));
        }
        let id = arg_buf("session ID", session_id, len)?.to_vec();
        config.settings().session_id = id;
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_config_set_session_lifetime(config: *mut tls_config, lifetime: c_int) -> c_int {
    call(config, |config| {
        if lifetime > MAX_SESSION_LIFETIME {
            return Err(TlsError::invalid("session lifetime too large"));
        }
        if lifetime != 0 && lifetime < MIN_SESSION_LIFETIME {
            return Err(TlsError::invalid("session lifetime too small"));
        }
        let mut settings = config.settings();
        settings.session_lifetime = lifetime;
        // A libtls key encrypts and decrypts for one session lifetime from when it is added.
        if lifetime > 0 {
            settings.ticket_keys.set_lifetimes(Some(seconds_to_nanos(lifetime)), Some(0));
        }
        Ok(0)
    })
}

/// Sets the file a client keeps its session in (-1: none). Session data is as good as a
/// key, so the file must be a regular file only its owner, this user, can read or write.
#[no_mangle]
pub extern "C" fn tls_config_set_session_fd(config: *mut tls_config, session_fd: c_int) -> c_int {
    call(config, |config| {
        if session_fd != -1 {
            check_session_file(session_fd)?;
        }
        config.settings().session_fd = session_fd;
        Ok(0)
    })
}

fn check_session_file(fd: c_int) -> TlsResult<()> {
    // SAFETY: an all-zero `stat` is a valid value for fstat to overwrite.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable; fstat tolerates any fd value.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(TlsError::os("failed to stat session file", &std::io::Error::last_os_error()));
    }
    if st.st_mode & libc::S_IFMT != libc::S_IFREG {
        return Err(TlsError::new("session file is not a regular file"));
    }
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    if st.st_uid != uid {
        return Err(TlsError::new(format!("session file has incorrect owner (uid {} != {uid})", st.st_uid)));
    }
    let mode = st.st_mode & 0o777;
    if mode != 0o600 {
        return Err(TlsError::new(format!("session file has incorrect permissions ({mode:o} != 600)")));
    }
    Ok(())
}

/// Adds a session ticket key, named by its revision. The newest key encrypts new tickets;
/// a few older ones are kept to decrypt tickets issued before a rotation. Re-adding the
/// newest key unchanged is allowed (servers re-read their key file periodically); any
/// other reuse of a revision is an error, since two keys under one name would make
/// tickets ambiguous. Once the application adds keys, none are generated any more.
#[no_mangle]
pub extern "C" fn tls_config_add_ticket_key(
    config: *mut tls_config,
    keyrev: u32,
    key: *mut c_uchar,
    keylen: usize,
) -> c_int {
    call(config, |config| {
        if keylen != TLS_TICKET_KEY_SIZE as usize {
            return Err(TlsError::new("wrong amount of ticket key data"));
        }
        let material = arg_buf("ticket key", key, keylen)?;
        // The store is shared and locks itself; the settings only lend it.
        let keys = Arc::clone(&config.current().ticket_keys);
        let name = keyrev.to_be_bytes();
        match keys.newest_is(&name, material) {
            Some(true) => return Ok(0),
            Some(false) => return Err(TlsError::new("ticket key already present")),
            None => {}
        }
        // Whole seconds, as handshakes read the clock, so the key encrypts at once.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let now = now.saturating_mul(NANOS_PER_SEC);
        keys.stop_generating();
        keys.add(&name, material, now, now)
            .map_err(|e| TlsError::new(format!("failed to add ticket key: {}", e.code.message())))?;
        Ok(0)
    })
}

const NANOS_PER_SEC: u64 = 1_000_000_000;

fn seconds_to_nanos(seconds: c_int) -> u64 {
    u64::try_from(seconds).unwrap_or(0).saturating_mul(NANOS_PER_SEC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testdata(name: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(name)).unwrap()
    }

    #[test]
    fn cipher_keywords_and_strings() {
        assert!(selects_a_cipher(expand_ciphers(None)));
        for keyword in ["secure", "DEFAULT", "compat", "legacy", "insecure", "all"] {
            assert!(selects_a_cipher(expand_ciphers(Some(keyword))), "{keyword}");
        }
        assert!(selects_a_cipher("ECDHE-RSA-AES256-GCM-SHA384:bogus"));
        assert!(selects_a_cipher("TLS_AES_128_GCM_SHA256"));
        assert!(!selects_a_cipher("bogus"));
        assert!(!selects_a_cipher("!HIGH"));
        assert!(!selects_a_cipher(""));
    }

    #[test]
    fn cipher_strings_select_suites() {
        use crate::suites::*;
        let names = |ciphers: &str| {
            let chosen = select_suites(ciphers);
            (chosen.tls13.len(), chosen.tls12.iter().map(|s| s.name).collect::<Vec<_>>())
        };
        assert_eq!(names(expand_ciphers(None)), (3, TLS12_SUITES.iter().map(|s| s.name).collect()));
        assert_eq!(
            names("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256"),
            (3, vec!["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256"])
        );
        assert_eq!(names("ECDHE+aECDSA+AES128"), (3, vec!["ECDHE-ECDSA-AES128-GCM-SHA256"]));
        assert_eq!(
            names("HIGH:!CHACHA20:!aRSA").1,
            vec!["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384"]
        );
        assert_eq!(names("ALL:-AES:-CHACHA20:CHACHA20+ECDSA").1, vec!["ECDHE-ECDSA-CHACHA20-POLY1305"]);
        let only13 = select_suites("TLS_CHACHA20_POLY1305_SHA256");
        assert_eq!((only13.tls13, only13.tls12.len()), (vec![&TLS13_CHACHA20_POLY1305_SHA256], 0));
        assert_eq!(names("DHE-RSA-AES128-GCM-SHA256:AES128-SHA").1.len(), 0);
    }

    #[test]
    fn curve_lists() {
        use NamedGroup::*;
        assert_eq!(parse_groups(None).unwrap(), NamedGroup::ALL.to_vec());
        assert_eq!(parse_groups(Some("default")).unwrap(), NamedGroup::ALL.to_vec());
        assert_eq!(parse_groups(Some("secp384r1, prime256v1:x25519")).unwrap(), vec![Secp384r1, Secp256r1, X25519]);
        assert_eq!(parse_groups(Some("P-521,P-256")).unwrap(), vec![Secp256r1]);
        assert_eq!(parse_groups(Some("bogus")).unwrap_err().message, "invalid ecdhe curve 'bogus'");
        assert_eq!(parse_groups(Some("P-521")).unwrap_err().message, "no supported ecdhe curves in 'P-521'");
        assert!(parse_groups(Some("P-256,")).is_err());
    }

    #[test]
    fn alpn_lists() {
        assert_eq!(parse_alpn("h2,http/1.1").unwrap(), vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
        assert_eq!(parse_alpn("h2,,x").unwrap_err().message, "alpn protocol with zero length");
        assert_eq!(parse_alpn("").unwrap_err().message, "alpn protocol with zero length");
        assert_eq!(parse_alpn(&"x".repeat(256)).unwrap_err().message, "alpn protocol too long");
        assert_eq!(parse_alpn(&"x,".repeat(40000)).unwrap_err().message, "alpn too large");
    }

    #[test]
    fn keypairs_must_match() {
        let cert = testdata("ecdsa_p384_pkcs1_cert.pem");
        let key = testdata("ecdsa_p384_pkcs1_key.pem");
        let other_key = testdata("rsa_2048_pkcs1_key.pem");
        let parts = |key: &[u8]| {
            KeypairParts { cert: &cert, key, staple: None, files: [None, None] }
                .build()
                .map(|_| ())
                .map_err(|e| e.message)
        };
        assert_eq!(parts(&key), Ok(()));
        assert_eq!(parts(&other_key), Err("private/public key mismatch".to_string()));
        assert_eq!(parts(b"junk"), Err("failed to load private key: no usable private key found".to_string()));
    }

    #[test]
    fn ticket_keys_rotate_newest_first() {
        let config = tls_config_new();
        let mut key = [7u8; 48];
        assert_eq!(tls_config_add_ticket_key(config, 1, key.as_mut_ptr(), 48), 0);
        assert_eq!(tls_config_add_ticket_key(config, 1, key.as_mut_ptr(), 48), 0);
        key[0] = 8;
        assert_eq!(tls_config_add_ticket_key(config, 1, key.as_mut_ptr(), 48), -1);
        assert_eq!(tls_config_add_ticket_key(config, 1, key.as_mut_ptr(), 47), -1);
        for rev in 2..=6 {
            key[1] = rev as u8;
            assert_eq!(tls_config_add_ticket_key(config, rev, key.as_mut_ptr(), 48), 0);
        }
        // SAFETY: `config` is live until freed below.
        let keys = Arc::clone(&unsafe { &*config }.current().ticket_keys);
        assert_eq!(keys.len(), MAX_TICKET_KEYS);
        // Revision 6 is the newest and encrypts; 2 is gone and may be added again.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() * NANOS_PER_SEC;
        assert_eq!(keys.seal(b"s", b"", now).unwrap()[1..5], 6u32.to_be_bytes());
        assert_eq!(keys.newest_is(&2u32.to_be_bytes(), &key), None);
        key[1] = 5;
        assert_eq!(tls_config_add_ticket_key(config, 5, key.as_mut_ptr(), 48), -1, "5 is known and not the newest");
        tls_config_free(config);
    }

    #[test]
    fn session_lifetime_bounds() {
        let config = tls_config_new();
        assert_eq!(tls_config_set_session_lifetime(config, 0), 0);
        assert_eq!(tls_config_set_session_lifetime(config, 4), 0);
        assert_eq!(tls_config_set_session_lifetime(config, 3), -1);
        assert_eq!(tls_config_set_session_lifetime(config, -1), -1);
        assert_eq!(tls_config_set_session_lifetime(config, 86400), 0);
        assert_eq!(tls_config_set_session_lifetime(config, 86401), -1);
        tls_config_free(config);
    }
}
