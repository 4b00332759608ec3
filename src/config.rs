//! What a connection is configured with: versions, algorithms, identities, trust. The ABI
//! layers build one of these per `s2n_config` / `tls_config`; connections read it on every
//! handshake step, so a change applies to the connections that use the config.

use std::sync::{Arc, Mutex};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};

use crate::error::{Error, ErrorCode, Result};
use crate::kx::NamedGroup;
use crate::msgs::{TLS12, TLS13};
use crate::pki::CertifiedKey;
use crate::sign::SignatureScheme;
use crate::suites::{Tls12Suite, Tls13Suite, TLS12_SUITES, TLS13_SUITES};

/// Whether a server asks for, and insists on, a client certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAuth {
    None,
    Optional,
    Required,
}

/// Certificates a connection trusts as roots: its own, plus (optionally) the system's.
#[derive(Default)]
pub struct TrustStore {
    anchors: Vec<TrustAnchor<'static>>,
    /// The system's roots, when trusted: shared by every config that trusts them.
    system: Option<Arc<[TrustAnchor<'static>]>>,
}

/// Where the system's roots are, as OpenSSL's default paths put it: `SSL_CERT_FILE` and
/// `SSL_CERT_DIR` when set, else the usual Linux bundles.
type SystemLocation = (Option<std::ffi::OsString>, Option<std::ffi::OsString>);

/// The system roots parsed so far, per location: a bundle is parsed once per process, yet a
/// config made after the environment changed sees the new location, as with OpenSSL.
static SYSTEM_ANCHORS: Mutex<Vec<(SystemLocation, Arc<[TrustAnchor<'static>]>)>> = Mutex::new(Vec::new());

fn system_anchors() -> Arc<[TrustAnchor<'static>]> {
    let location: SystemLocation = (std::env::var_os("SSL_CERT_FILE"), std::env::var_os("SSL_CERT_DIR"));
    let mut cache = SYSTEM_ANCHORS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, anchors)) = cache.iter().find(|(at, _)| *at == location) {
        return anchors.clone();
    }
    let mut store = TrustStore::default();
    let bundles = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ];
    let file = location.0.as_ref().map(std::path::PathBuf::from);
    let found = match &file {
        Some(path) => store.add_pem_file(path).is_ok(),
        None => bundles.iter().any(|path| store.add_pem_file(std::path::Path::new(path)).is_ok()),
    };
    match &location.1 {
        Some(dir) => {
            let _ = store.add_pem_dir(std::path::Path::new(dir));
        }
        None if !found && file.is_none() => {
            let _ = store.add_pem_dir(std::path::Path::new("/etc/ssl/certs"));
        }
        None => {}
    }
    let anchors: Arc<[TrustAnchor<'static>]> = store.anchors.into();
    cache.push((location, anchors.clone()));
    anchors
}

impl TrustStore {
    /// Our anchors' subjects as a certificate_authorities list (RFC 8446 §4.2.4, RFC 5246
    /// §7.4.4): each a DER DistinguishedName after its u16 length. `None` while the system's
    /// roots are trusted: a list that long helps no one choose (s2n refuses it too).
    pub fn authority_names(&self) -> Option<Vec<u8>> {
        use x509_cert::der::{Encode, Header, Tag};
        if self.system.is_some() {
            return None;
        }
        let mut out = Vec::new();
        for anchor in &self.anchors {
            // webpki keeps the Name's contents; the wire carries the whole SEQUENCE.
            let subject = anchor.subject.as_ref();
            let header = Header::new(Tag::Sequence, subject.len()).and_then(|h| h.to_der()).ok()?;
            let len = u16::try_from(header.len() + subject.len()).ok()?;
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(&header);
            out.extend_from_slice(subject);
        }
        Some(out)
    }

    /// The root sets to try, in order: ours, then the system's.
    pub fn root_sets(&self) -> impl Iterator<Item = &[TrustAnchor<'static>]> {
        let system = self.system.as_deref();
        std::iter::once(self.anchors.as_slice()).filter(|a| !a.is_empty()).chain(system)
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty() && self.system.is_none()
    }

    pub fn add_der(&mut self, der: &CertificateDer<'_>) -> Result<()> {
        let anchor =
            webpki::anchor_from_trusted_cert(der).map_err(|_| Error::new(ErrorCode::DECODE_CERTIFICATE))?.to_owned();
        self.anchors.push(anchor);
        Ok(())
    }

    /// Adds every certificate of a PEM document; at least one is required.
    pub fn add_pem(&mut self, pem: &[u8]) -> Result<usize> {
        let mut added = 0;
        for der in CertificateDer::pem_slice_iter(pem) {
            let der = der.map_err(|_| Error::new(ErrorCode::INVALID_PEM))?;
            // System bundles hold the odd certificate webpki cannot use as an anchor; skip
            // those rather than reject the whole store.
            if self.add_der(&der).is_ok() {
                added += 1;
            }
        }
        if added == 0 {
            return Err(Error::new(ErrorCode::NO_CERTIFICATE_IN_PEM));
        }
        Ok(added)
    }

    pub fn add_pem_file(&mut self, path: &std::path::Path) -> Result<usize> {
        let pem = std::fs::read(path).map_err(|_| Error::new(ErrorCode::IO))?;
        self.add_pem(&pem)
    }

    /// Adds every PEM file in a directory (such as /etc/ssl/certs); unreadable or non-PEM
    /// entries are skipped.
    pub fn add_pem_dir(&mut self, dir: &std::path::Path) -> Result<usize> {
        let entries = std::fs::read_dir(dir).map_err(|_| Error::new(ErrorCode::IO))?;
        let mut added = 0;
        for entry in entries.flatten() {
            if let Ok(pem) = std::fs::read(entry.path()) {
                added += self.add_pem(&pem).unwrap_or(0);
            }
        }
        Ok(added)
    }

    /// Forgets every root, the system's included.
    pub fn clear(&mut self) {
        self.anchors.clear();
        self.system = None;
    }

    /// Trusts the system's roots too, from where the environment says they are now.
    pub fn trust_system(&mut self) {
        self.system = Some(system_anchors());
    }

    pub fn trusts_system(&self) -> bool {
        self.system.is_some()
    }
}

/// A connection's configuration.
pub struct Config {
    pub min_version: u16,
    pub max_version: u16,
    pub tls13_suites: Vec<&'static Tls13Suite>,
    pub tls12_suites: Vec<&'static Tls12Suite>,
    pub groups: Vec<NamedGroup>,
    pub schemes: Vec<SignatureScheme>,
    /// Our certificate chains: a server picks among them, a client sends the first.
    pub identities: Vec<Arc<CertifiedKey>>,
    /// The identities a server may present when none matches the requested name (indexes
    /// into `identities`). Empty means all of them.
    pub default_identities: Vec<usize>,
    /// Server: the certificate_authorities list a CertificateRequest carries (encoded as
    /// [`TrustStore::authority_names`] makes it); empty sends none.
    pub cert_authorities: Vec<u8>,
    /// Names an identity no longer answers for: another chain of its key type has the
    /// same name and won it (s2n's certificate tiebreak). Identity index and the name as
    /// the certificate has it, lower-cased.
    pub superseded_names: Vec<(usize, String)>,
    pub trust: TrustStore,
    /// Whether peer certificates are validated at all (`s2n_config_disable_x509_verification`).
    pub verify_peer: bool,
    pub check_time: bool,
    /// Whether a certificate's extended key usage must allow its role
    /// (`s2n_config_disable_x509_intent_verification` turns this off).
    pub check_intent: bool,
    /// Whether a server name that is an IP address still goes out as SNI. RFC 6066 forbids
    /// it and libtls follows that; s2n sends whatever name the application set.
    pub sni_for_ip_literals: bool,
    pub max_chain_depth: usize,
    /// Certificate revocation lists. When there are any, every certificate of the peer's
    /// chain below the trust anchor must be covered by one (OpenSSL's CRL_CHECK_ALL, which
    /// libtls turns on with CRLs) and must not be revoked.
    pub crls: Vec<webpki::CertRevocationList<'static>>,
    pub alpn: Vec<Vec<u8>>,
    pub client_auth: ClientAuth,
    /// Server: a TLS 1.2 CertificateRequest also lists dss_sign among the certificate types,
    /// for legacy clients that want to see it (`s2n_config_enable_cert_req_dss_legacy_compat`;
    /// a DSA certificate still fails the handshake).
    pub cert_request_dss: bool,
    /// Server: pick the cipher suite by the client's order of preference rather than ours
    /// (`tls_config_prefer_ciphers_client`).
    pub prefer_client_suites: bool,
    /// Signatures are made by the application (`Hooks::private_key_operation`), not with
    /// the identities' keys (s2n's async private-key callback).
    pub offload_private_key: bool,
    /// Check each signature the application makes before using it (s2n's strict
    /// validation mode).
    pub verify_offloaded_signatures: bool,
    /// Every signature we make is checked against our certificate before it goes out
    /// (`s2n_config_set_verify_after_sign`: a fault in signing can leak the key).
    pub verify_after_sign: bool,
    /// Host-name checks may match an IP address in a commonName (`s2n_config_allow_ip_in_cn`).
    pub allow_ip_in_cn: bool,
    /// Client: ask the server for a stapled OCSP response (RFC 6066 status_request).
    pub request_ocsp_staple: bool,
    /// Client: check a stapled response when certificates are verified
    /// (`s2n_config_set_check_stapled_ocsp_response`, on by default as in s2n).
    pub check_ocsp_staple: bool,
    /// Client: fail a handshake without a staple (`tls_config_ocsp_require_stapling`).
    pub require_ocsp_staple: bool,
    /// Server: a client offering only ALPN protocols we lack fails the handshake
    /// (no_application_protocol, as libssl under libtls); otherwise, as in s2n, the
    /// handshake goes on without one.
    pub alpn_mismatch_fatal: bool,
    /// TLS 1.2: negotiate the application protocol with NPN when ALPN does not
    /// (`s2n_config_set_npn`), from the same protocol list.
    pub npn: bool,
    /// Client: ask the server for its Certificate Transparency SCT list (RFC 6962 §3.3.1,
    /// `s2n_config_set_ct_support_level`).
    pub request_sct_list: bool,
    /// Client: the RFC 6066 max_fragment_length code (1-4) to ask the server for.
    pub max_fragment_length_request: Option<u8>,
    /// Server: whether to honour a client's max_fragment_length request.
    pub accept_max_fragment_length: bool,
    /// Session tickets: a server issues them (when it has a key that may encrypt), a client
    /// keeps them.
    pub session_tickets: bool,
    /// TLS 1.2 stateful resumption through the application's cache (`Hooks::cache_*`);
    /// entries are sealed with the ticket keys.
    pub session_cache: bool,
    /// `s2n_config_require_ticket_forward_secrecy`: no TLS 1.2 tickets (they are not forward
    /// secret), either way.
    pub ticket_forward_secrecy: bool,
    /// Shared, not owned: libtls changes a config's keys while contexts built from it run.
    pub ticket_keys: Arc<crate::ticket::TicketKeys>,
    /// Bound into every ticket this server seals (libtls's session id context): servers
    /// with the same keys resume each other's sessions only if their contexts match too.
    pub ticket_context: Vec<u8>,
    /// Tickets a TLS 1.3 server sends after each handshake.
    pub initial_ticket_count: u8,
    /// How long a session may be resumed, in seconds (the ticket lifetime).
    pub session_lifetime: u32,
    /// TLS 1.3 server: the most early data (0-RTT) it takes, and promises in its tickets.
    /// 0 (the default): none.
    pub server_max_early_data: u32,
    /// What the security policy asks of certificates (peers', and ours when it says so).
    pub certificate_rules: crate::policy::CertificateRules,
    /// TLS 1.2 warning alerts (other than close_notify) are ignored rather than ending the
    /// connection (s2n's `S2N_ALERT_IGNORE_WARNINGS`; s2n's default is to fail on them).
    pub ignore_warning_alerts: bool,
    /// The last peer leaf certificate decoded by this config's connections (see
    /// [`crate::verify::PeerLeafCache`]).
    pub peer_leaf: crate::verify::PeerLeafCache,
}

/// The fragment length an RFC 6066 max_fragment_length code stands for.
pub fn max_fragment_length(code: u8) -> Option<usize> {
    match code {
        1 => Some(512),
        2 => Some(1024),
        3 => Some(2048),
        4 => Some(4096),
        _ => None,
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            min_version: TLS12,
            max_version: TLS13,
            tls13_suites: TLS13_SUITES.to_vec(),
            tls12_suites: TLS12_SUITES.to_vec(),
            groups: vec![NamedGroup::X25519, NamedGroup::Secp256r1, NamedGroup::Secp384r1],
            schemes: SignatureScheme::ALL.to_vec(),
            identities: Vec::new(),
            default_identities: Vec::new(),
            cert_authorities: Vec::new(),
            cert_request_dss: false,
            superseded_names: Vec::new(),
            trust: TrustStore::default(),
            verify_peer: true,
            check_time: true,
            check_intent: true,
            sni_for_ip_literals: false,
            max_chain_depth: 7,
            crls: Vec::new(),
            prefer_client_suites: false,
            offload_private_key: false,
            verify_offloaded_signatures: false,
            verify_after_sign: false,
            allow_ip_in_cn: false,
            request_ocsp_staple: false,
            check_ocsp_staple: true,
            require_ocsp_staple: false,
            request_sct_list: false,
            npn: false,
            alpn_mismatch_fatal: false,
            alpn: Vec::new(),
            client_auth: ClientAuth::None,
            max_fragment_length_request: None,
            accept_max_fragment_length: false,
            session_tickets: false,
            session_cache: false,
            ticket_forward_secrecy: false,
            ticket_keys: Arc::default(),
            ticket_context: Vec::new(),
            initial_ticket_count: 1,
            // s2n's default session state lifetime: 15 hours.
            session_lifetime: 15 * 3600,
            server_max_early_data: 0,
            ignore_warning_alerts: false,
            certificate_rules: crate::policy::CertificateRules::default(),
            peer_leaf: crate::verify::PeerLeafCache::default(),
        }
    }
}

impl Config {
    /// Configures versions, suites, groups, signature schemes and certificate rules from a
    /// security policy (the parts we implement).
    pub fn apply_policy(&mut self, policy: crate::policy::Implemented) {
        self.min_version = policy.min_version;
        self.max_version = policy.max_version;
        self.tls13_suites = policy.tls13_suites;
        self.tls12_suites = policy.tls12_suites;
        self.groups = policy.groups;
        self.schemes = policy.schemes;
        self.certificate_rules = policy.certificate_rules;
    }
}

static NO_OVERRIDES: Overrides = Overrides {
    external_psks: Vec::new(),
    versions: None,
    tls13_suites: None,
    tls12_suites: None,
    groups: None,
    schemes: None,
    alpn: None,
    client_auth: None,
    keying_material_lifetime: None,
    certificate_rules: None,
    server_max_early_data: None,
    early_data_context: None,
    quic_transport_parameters: None,
};

impl Overrides {
    /// No overrides: what a connection that never set any reads.
    pub fn none() -> &'static Overrides {
        &NO_OVERRIDES
    }

    /// [`Config::apply_policy`] for one connection.
    pub fn apply_policy(&mut self, policy: crate::policy::Implemented) {
        self.versions = Some((policy.min_version, policy.max_version));
        self.tls13_suites = Some(policy.tls13_suites);
        self.tls12_suites = Some(policy.tls12_suites);
        self.groups = Some(policy.groups);
        self.schemes = Some(policy.schemes);
        self.certificate_rules = Some(policy.certificate_rules);
    }
}

/// What the handshake asks of the application while it runs.
pub trait Hooks {
    /// The wall-clock time for certificate validity checks.
    fn now(&mut self) -> UnixTime {
        UnixTime::now()
    }

    /// Whether the peer certificate may be accepted for `name` (one of its DNS names).
    /// `None` means "no application check": the default host-name rules apply.
    fn verify_host(&mut self, name: &str) -> Option<bool> {
        let _ = name;
        None
    }

    /// A TLS 1.3 secret of a QUIC connection (s2n's secret callback), by its key log label
    /// (CLIENT_HANDSHAKE_TRAFFIC_SECRET, ...): QUIC protects packets with it. A failure
    /// ends the handshake.
    fn secret(&mut self, label: &str, secret: &[u8]) -> Result<()> {
        let _ = (label, secret);
        Ok(())
    }

    /// The peer's QUIC transport parameters (RFC 9001 §8.2), opaque to TLS.
    fn quic_transport_parameters(&mut self, parameters: &[u8]) {
        let _ = parameters;
    }

    /// An NSS key log line (`s2n_config_set_key_log_cb`).
    fn key_log(&mut self, line: &str) {
        let _ = line;
    }

    /// Whether `key_log` does anything (so that lines are only built for a listener).
    fn wants_key_log(&self) -> bool {
        false
    }

    /// A server received `client_hello` (the message body, sent in a record with
    /// `record_version`). The application may look at it and change the connection's
    /// configuration before the server answers.
    fn client_hello(&mut self, client_hello: &[u8], record_version: u16) -> ClientHelloAction {
        let _ = (client_hello, record_version);
        ClientHelloAction::Continue
    }

    /// A client offers early data the server could take (the PSK's terms hold and the
    /// application reads early data): the application's own check, given the PSK's early
    /// data context (s2n's early data callback, e.g. for replay protection).
    fn early_data(&mut self, context: &[u8]) -> Result<EarlyDataAction> {
        let _ = context;
        Ok(EarlyDataAction::Accept)
    }

    /// The peer's chain passed our checks (or they are off): the application's own check
    /// (s2n's cert validation callback). `Later`: it answers with
    /// [`crate::conn::Connection::set_peer_chain_verdict`] while the handshake waits.
    fn peer_chain_verdict(&mut self, chain: &[rustls_pki_types::CertificateDer<'static>]) -> Result<ChainVerdict> {
        let _ = chain;
        Ok(ChainVerdict::Accept)
    }

    /// CRLs for checking the peer's `chain`, from the application (s2n's CRL lookup
    /// callback, one lookup per certificate received), asked before the chain is validated.
    fn revocation_lists(&mut self, chain: &[CertificateDer<'static>]) -> Result<RevocationLists> {
        let _ = chain;
        Ok(RevocationLists::NotAsked)
    }

    /// Client: the chain to answer a CertificateRequest with, when the application picks it
    /// (s2n's cert request callback) from the certificate_authorities the server listed
    /// (`authorities`: each name after its u16 length). `None`: our usual choice.
    fn client_certificate(&mut self, authorities: &[u8]) -> Result<Option<Arc<CertifiedKey>>> {
        let _ = authorities;
        Ok(None)
    }

    /// Whether the application checks the peer's signatures itself (s2n's async offload).
    fn offloads_verification(&self) -> bool {
        false
    }

    /// Hands the application a check of the peer's signature (see
    /// [`crate::offload::verify_peer_signature`]); asked again, while it is pending, each
    /// time the handshake handles the message again.
    fn offload_verification(&mut self, job: crate::offload::VerifyJob) -> Result<crate::offload::VerifyOutcome> {
        Ok(crate::offload::VerifyOutcome::Done(job.run()))
    }

    /// A private-key operation for the application (only with
    /// `Config::offload_private_key`).
    fn private_key_operation(&mut self, request: PkeyRequest) -> Result<PkeyOutcome> {
        let _ = request;
        Err(crate::error::Error::new(crate::error::ErrorCode::NO_PRIVATE_KEY))
    }

    /// Server with external PSKs: which offered identity to use, when the application
    /// chooses (s2n's PSK selection callback). `None`: the default rule (the first offered
    /// one we know); `Some(None)`: none of them; `Some(Some(i))`: the i-th offered, which
    /// must be one of `known`.
    fn choose_psk(&mut self, offered: &[&[u8]], known: &[&[u8]]) -> Result<Option<Option<usize>>> {
        let _ = (offered, known);
        Ok(None)
    }

    /// Whether the application listens for TLS 1.2 renegotiation requests (a client
    /// otherwise ignores them, as s2n does by default).
    fn wants_renegotiation_requests(&self) -> bool {
        false
    }

    /// A TLS 1.2 server with secure renegotiation asked to renegotiate.
    fn renegotiation_requested(&mut self) -> Result<Renegotiation> {
        Ok(Renegotiation::Ignore)
    }

    /// TLS 1.2 server with a session cache: the entry stored under `session_id`.
    fn cache_retrieve(&mut self, session_id: &[u8]) -> CacheLookup {
        let _ = session_id;
        CacheLookup::Miss
    }

    /// TLS 1.2 server with a session cache: keep `entry` under `session_id` for `ttl_secs`.
    fn cache_store(&mut self, session_id: &[u8], ttl_secs: u64, entry: &[u8]) {
        let _ = (session_id, ttl_secs, entry);
    }
}

/// What a client does with a server's HelloRequest. We never renegotiate; `Accept` leaves
/// it to the application (s2n's `s2n_renegotiate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renegotiation {
    Ignore,
    Refuse,
    Accept,
}

/// A signature the application makes with its private key (s2n's async pkey operation):
/// the scheme, and the digest of the signed message under the scheme's hash.
pub struct PkeyRequest {
    pub scheme: crate::sign::SignatureScheme,
    pub digest: Vec<u8>,
}

/// How the application answered a [`PkeyRequest`].
pub enum PkeyOutcome {
    /// The signature, at once.
    Done(Vec<u8>),
    /// Later: the handshake pauses (`S2N_ERR_ASYNC_BLOCKED`) until
    /// `Connection::complete_private_key_operation`.
    Pending,
}

/// What a session cache lookup found.
#[derive(Debug, PartialEq, Eq)]
pub enum CacheLookup {
    Found(Vec<u8>),
    Miss,
    /// The application will answer later: the handshake pauses (`S2N_ERR_ASYNC_BLOCKED`)
    /// and asks again on the next call.
    Blocked,
}

/// The application's verdict on the peer's certificate chain, after ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainVerdict {
    Accept,
    Reject,
    /// Not decided yet: the handshake waits (`S2N_ERR_ASYNC_BLOCKED`).
    Later,
    /// Our own check waits for the application's CRLs ([`Hooks::revocation_lists`]
    /// answered `Later`); the application's verdict comes after it.
    AwaitingRevocationLists,
}

/// The CRLs the application gives for checking a peer's chain (s2n's CRL lookups).
pub enum RevocationLists {
    /// The application takes no part: only the config's own CRLs apply.
    NotAsked,
    /// Each certificate's lookup is answered: these CRLs (possibly none) decide, and a
    /// certificate none of them covers fails (`S2N_ERR_CRL_LOOKUP_FAILED`).
    Ready(Vec<Arc<webpki::CertRevocationList<'static>>>),
    /// Some lookups are still open: the handshake waits and asks again.
    Later,
}

/// What the server does after showing the application a ClientHello.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientHelloAction {
    /// Answer it now with the current configuration.
    Continue,
    /// Stop here (`S2N_ERR_ASYNC_BLOCKED`) and ask again on the next call: the application
    /// is still deciding, or it changed the configuration the answer must use.
    Pause,
    /// The application rejected the handshake.
    Reject,
}

/// The application's answer to a client's offer of early data (s2n's early data callback).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EarlyDataAction {
    Accept,
    Reject,
    /// Not decided yet: the handshake waits (`S2N_ERR_ASYNC_BLOCKED`) and asks again.
    Pause,
}

/// Hooks that leave every decision to the defaults.
pub struct NoHooks;
impl Hooks for NoHooks {}

/// Per-connection replacements for parts of the config (`s2n_connection_set_cipher_preferences`,
/// `_set_protocol_preferences`, `_set_client_auth_type`, ...). Empty by default.
#[derive(Default)]
pub struct Overrides {
    /// TLS 1.3 external PSKs (RFC 8446 §4.2.11, s2n's `s2n_connection_append_psk`): when
    /// there are any, the connection authenticates with one of them instead of certificates,
    /// and session tickets are neither offered nor accepted.
    pub external_psks: Vec<ExternalPsk>,
    pub versions: Option<(u16, u16)>,
    pub tls13_suites: Option<Vec<&'static Tls13Suite>>,
    pub tls12_suites: Option<Vec<&'static Tls12Suite>>,
    pub groups: Option<Vec<NamedGroup>>,
    pub schemes: Option<Vec<SignatureScheme>>,
    pub alpn: Option<Vec<Vec<u8>>>,
    pub client_auth: Option<ClientAuth>,
    /// `s2n_connection_set_server_keying_material_lifetime`.
    pub keying_material_lifetime: Option<u32>,
    pub certificate_rules: Option<crate::policy::CertificateRules>,
    /// `s2n_connection_set_server_max_early_data_size`.
    pub server_max_early_data: Option<u32>,
    /// `s2n_connection_set_server_early_data_context`: bound into the tickets this server
    /// issues, for its early data callback to see when they come back.
    pub early_data_context: Option<Box<[u8]>>,
    /// `s2n_connection_set_quic_transport_parameters`.
    pub quic_transport_parameters: Option<Box<[u8]>>,
}

/// A TLS 1.3 pre-shared key agreed out of band: its identity, the secret, and the hash it is
/// used with (which fixes the cipher suites it can go with).
pub struct ExternalPsk {
    pub identity: Vec<u8>,
    pub secret: zeroize::Zeroizing<Vec<u8>>,
    pub hash: crate::crypto::HashAlgorithm,
    pub early_data: crate::early_data::EarlyDataTerms,
}

/// How long TLS 1.3 keying material may be carried through chains of resumptions before a
/// full handshake (s2n's default: one week).
pub const DEFAULT_KEYING_MATERIAL_LIFETIME: u32 = 7 * 24 * 3600;

/// What one handshake runs with: the config with a connection's overrides applied. Built
/// per call from references, so applying overrides copies nothing.
pub struct Settings<'a> {
    pub config: &'a Config,
    pub external_psks: &'a [ExternalPsk],
    pub min_version: u16,
    pub max_version: u16,
    pub tls13_suites: &'a [&'static Tls13Suite],
    pub tls12_suites: &'a [&'static Tls12Suite],
    pub groups: &'a [NamedGroup],
    pub schemes: &'a [SignatureScheme],
    pub alpn: &'a [Vec<u8>],
    pub client_auth: ClientAuth,
    pub keying_material_lifetime: u32,
    pub certificate_rules: crate::policy::CertificateRules,
    pub server_max_early_data: u32,
    pub early_data_context: &'a [u8],
    pub quic_transport_parameters: &'a [u8],
}

impl<'a> Settings<'a> {
    pub fn new(config: &'a Config, overrides: &'a Overrides) -> Settings<'a> {
        let (min_version, max_version) = overrides.versions.unwrap_or((config.min_version, config.max_version));
        Settings {
            config,
            external_psks: &overrides.external_psks,
            min_version,
            max_version,
            tls13_suites: overrides.tls13_suites.as_deref().unwrap_or(&config.tls13_suites),
            tls12_suites: overrides.tls12_suites.as_deref().unwrap_or(&config.tls12_suites),
            groups: overrides.groups.as_deref().unwrap_or(&config.groups),
            schemes: overrides.schemes.as_deref().unwrap_or(&config.schemes),
            alpn: overrides.alpn.as_deref().unwrap_or(&config.alpn),
            client_auth: overrides.client_auth.unwrap_or(config.client_auth),
            keying_material_lifetime: overrides.keying_material_lifetime.unwrap_or(DEFAULT_KEYING_MATERIAL_LIFETIME),
            certificate_rules: overrides.certificate_rules.unwrap_or(config.certificate_rules),
            server_max_early_data: overrides.server_max_early_data.unwrap_or(config.server_max_early_data),
            early_data_context: overrides.early_data_context.as_deref().unwrap_or_default(),
            quic_transport_parameters: overrides.quic_transport_parameters.as_deref().unwrap_or_default(),
        }
    }
}

impl std::ops::Deref for Settings<'_> {
    type Target = Config;
    fn deref(&self) -> &Config {
        self.config
    }
}
