//! Secrets never reach freed memory. This test binary's allocator looks through every block
//! the program frees (and every block a reallocation leaves behind) for the secrets of the
//! connections it runs: the traffic and master secrets (learned from the key log), the
//! ticket key material and an external PSK. A hit means some copy of a secret was released
//! without being wiped. (aws-lc's own allocations are C's and wiped by aws-lc itself.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ferrotls::config::{Config, ExternalPsk, Hooks};
use ferrotls::conn::{Connection, Side};
use ferrotls::pki::CertifiedKey;

// ---- the scanning allocator ----

const MAX_SECRETS: usize = 64;
const MAX_SECRET_LEN: usize = 128;

/// Secrets to look for, in a static table (registering one must not allocate).
struct Needles {
    bytes: [[u8; MAX_SECRET_LEN]; MAX_SECRETS],
    lens: [usize; MAX_SECRETS],
    count: usize,
}

static NEEDLES: Mutex<Needles> =
    Mutex::new(Needles { bytes: [[0; MAX_SECRET_LEN]; MAX_SECRETS], lens: [0; MAX_SECRETS], count: 0 });
static SCANNING: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);
/// The index of the first secret found, for the failure message.
static FIRST_FOUND: AtomicUsize = AtomicUsize::new(usize::MAX);
static TRACE: AtomicBool = AtomicBool::new(false);

fn register(secret: &[u8]) {
    if secret.len() < 16 || secret.len() > MAX_SECRET_LEN || secret.iter().all(|&b| b == secret[0]) {
        return;
    }
    let mut needles = NEEDLES.lock().unwrap();
    let n = needles.count;
    if n == MAX_SECRETS || (0..n).any(|i| &needles.bytes[i][..needles.lens[i]] == secret) {
        return;
    }
    needles.bytes[n][..secret.len()].copy_from_slice(secret);
    needles.lens[n] = secret.len();
    needles.count += 1;
}

/// Looks for every registered secret in a block about to be released.
fn scan(block: &[u8]) {
    if !SCANNING.load(Ordering::Relaxed) {
        return;
    }
    // A block freed while the table is being updated is skipped rather than waited for.
    let Ok(needles) = NEEDLES.try_lock() else { return };
    for i in 0..needles.count {
        let needle = &needles.bytes[i][..needles.lens[i]];
        if block.len() >= needle.len() && block.windows(needle.len()).any(|w| w == needle) {
            FOUND.fetch_add(1, Ordering::Relaxed);
            let _ = FIRST_FOUND.compare_exchange(usize::MAX, i, Ordering::Relaxed, Ordering::Relaxed);
            if TRACE.load(Ordering::Relaxed) {
                // ZEROIZE_TRACE=1: where the block was freed (scanning paused meanwhile).
                SCANNING.store(false, Ordering::Relaxed);
                eprintln!(
                    "secret #{i} in a freed block of {} bytes at:\n{}",
                    block.len(),
                    std::backtrace::Backtrace::force_capture()
                );
                SCANNING.store(true, Ordering::Relaxed);
            }
        }
    }
}

struct ScanningAllocator;

unsafe impl GlobalAlloc for ScanningAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        scan(std::slice::from_raw_parts(ptr, layout.size()));
        System.dealloc(ptr, layout)
    }

    /// A move to a new block leaves the old one behind: scanned like any freed block.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let new = System.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: ScanningAllocator = ScanningAllocator;

// ---- connections ----

fn testdata(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn identity(name: &str) -> Arc<CertifiedKey> {
    Arc::new(
        CertifiedKey::from_pem(&testdata(&format!("{name}_cert.pem")), &testdata(&format!("{name}_key.pem"))).unwrap(),
    )
}

/// Learns every secret the key log reports (raw, and as the hex the line carries).
struct KeyLogHooks;

impl Hooks for KeyLogHooks {
    fn wants_key_log(&self) -> bool {
        true
    }

    fn key_log(&mut self, line: &str) {
        let Some(hex) = line.split(' ').nth(2) else { return };
        // Decoded on the stack: the test's own copies must not be what it finds.
        let mut raw = [0u8; MAX_SECRET_LEN];
        let len = (hex.len() / 2).min(MAX_SECRET_LEN);
        for (i, byte) in raw.iter_mut().enumerate().take(len) {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0);
        }
        register(&raw[..len]);
        register(hex.as_bytes());
    }
}

fn pump(client: &mut Connection, cc: &Config, server: &mut Connection, sc: &Config) {
    for _ in 0..20 {
        client.process(cc, &mut KeyLogHooks).unwrap();
        let to_server = client.outgoing().to_vec();
        client.consume_outgoing(to_server.len());
        server.read_tls(&to_server);
        server.process(sc, &mut KeyLogHooks).unwrap();
        let to_client = server.outgoing().to_vec();
        server.consume_outgoing(to_client.len());
        client.read_tls(&to_client);
        if to_server.is_empty() && to_client.is_empty() {
            break;
        }
    }
}

/// A handshake (resuming `session` if given), a message each way; returns the client's
/// newest session.
fn connect(
    cc: &Config,
    sc: &Config,
    session: Option<ferrotls::session::ClientSession>,
) -> Option<ferrotls::session::ClientSession> {
    let mut client = Connection::new(Side::Client);
    client.server_name = Some("localhost".into());
    client.resume = session.map(Box::new);
    let mut server = Connection::new(Side::Server);
    pump(&mut client, cc, &mut server, sc);
    client.write_plaintext(b"ping").unwrap();
    server.write_plaintext(b"pong").unwrap();
    pump(&mut client, cc, &mut server, sc);
    assert_eq!(server.plaintext(), b"ping");
    assert_eq!(client.plaintext(), b"pong");
    // Idle and back: handshake state and buffers freed, record keys dropped and derived
    // again from the kept secrets (copies of which must not outlive their use), a KeyUpdate.
    client.consume_plaintext(4);
    server.consume_plaintext(4);
    let session = client.common.received_sessions.pop();
    for conn in [&mut client, &mut server] {
        conn.free_handshake();
        conn.release_buffers().unwrap();
    }
    if client.common.app_secrets.is_some() {
        client.send_key_update(true).unwrap();
    }
    server.write_plaintext(b"again").unwrap();
    pump(&mut client, cc, &mut server, sc);
    assert_eq!(client.plaintext(), b"again");
    session
        .or_else(|| client.common.received_sessions.pop())
        .or_else(|| client.common.current_session.take().map(|s| *s))
}

const MORE_TICKET_KEYS: [[u8; 32]; 6] = {
    let mut keys = [[0u8; 32]; 6];
    let mut k = 0;
    while k < 6 {
        let mut i = 0;
        while i < 32 {
            keys[k][i] = (k * 37 + i * 11 + 1) as u8;
            i += 1;
        }
        k += 1;
    }
    keys
};

/// What the server keeps of ticket key material: s2n's HKDF-SHA256 of it (empty salt and
/// info), 32 bytes of key and 12 of implicit additional data.
fn register_derived_ticket_key(material: &[u8]) {
    use aws_lc_rs::hkdf;
    struct Len(usize);
    impl hkdf::KeyType for Len {
        fn len(&self) -> usize {
            self.0
        }
    }
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &[]).extract(material);
    let mut okm = [0u8; 44];
    prk.expand(&[], Len(44)).unwrap().fill(&mut okm).unwrap();
    register(&okm[..32]);
}

#[test]
fn secrets_are_wiped_before_memory_is_freed() {
    const TICKET_KEY: [u8; 32] = *b"ticket key material: 32 bytes!!!";
    const PSK: [u8; 32] = *b"an external psk of thirty-two b.";
    register(&TICKET_KEY);
    register(&PSK);
    for material in std::iter::once(&TICKET_KEY).chain(MORE_TICKET_KEYS.iter()) {
        register(material);
        register_derived_ticket_key(material);
    }
    TRACE.store(std::env::var_os("ZEROIZE_TRACE").is_some(), Ordering::Relaxed);
    SCANNING.store(true, Ordering::Relaxed);
    {
        // Whole seconds, as the handshake's clock reads them.
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() * 1_000_000_000;
        for max_version in [ferrotls::msgs::TLS13, ferrotls::msgs::TLS12] {
            let sc =
                Config { identities: vec![identity("ecdsa_p256_pkcs1")], session_tickets: true, ..Config::default() };
            // More keys than the ring first has room for: growing it moves keys around.
            for (i, material) in MORE_TICKET_KEYS.iter().enumerate() {
                let name = [b'k', b'0' + i as u8];
                sc.ticket_keys.add(&name, material, now - 10 + i as u64, now).unwrap();
            }
            sc.ticket_keys.add(b"zeroize", &TICKET_KEY, now - 1, now).unwrap();
            let mut cc = Config { session_tickets: true, max_version, ..Config::default() };
            cc.trust.add_pem(&testdata("ca_cert.pem")).unwrap();
            // Full, then resumed: tickets are sealed, opened and kept in session blobs.
            let session = connect(&cc, &sc, None).expect("a session");
            let blob = session.encode();
            let session = ferrotls::session::ClientSession::decode(&blob).unwrap();
            drop(blob);
            connect(&cc, &sc, Some(session));
        }
        // An external PSK on both sides.
        // It allows early data, which the last handshake below sends.
        let psk = || {
            let mut o = ferrotls::config::Overrides::default();
            o.external_psks.push(ExternalPsk {
                identity: b"zeroize-psk".to_vec(),
                secret: zeroize::Zeroizing::new(PSK.to_vec()),
                hash: ferrotls::crypto::HashAlgorithm::Sha256,
                early_data: ferrotls::early_data::EarlyDataTerms {
                    max_size: 100,
                    suite: Some(&ferrotls::suites::TLS13_AES_128_GCM_SHA256),
                    ..Default::default()
                },
            });
            o
        };
        let sc = Config { identities: vec![identity("ecdsa_p256_pkcs1")], ..Config::default() };
        let cc = Config::default();
        let mut client = Connection::new(Side::Client);
        *client.overrides_mut() = psk();
        let mut server = Connection::new(Side::Server);
        *server.overrides_mut() = psk();
        pump(&mut client, &cc, &mut server, &sc);
        assert!(!client.is_handshaking() && !server.is_handshaking(), "PSK handshake");
        drop((client, server));
        // Early data: the client_early_traffic_secret (in the key log) must go too.
        let mut client = Connection::new(Side::Client);
        *client.overrides_mut() = psk();
        let mut server = Connection::new(Side::Server);
        *server.overrides_mut() = psk();
        client.set_early_data_expected(true);
        server.set_early_data_expected(true);
        client.process(&cc, &mut KeyLogHooks).unwrap();
        client.write_plaintext(b"early").unwrap();
        client.set_early_data_expected(false);
        server.read_tls(client.outgoing());
        client.consume_outgoing(client.outgoing().len());
        let waiting = server.process(&sc, &mut KeyLogHooks).unwrap_err();
        assert_eq!(waiting.code, ferrotls::error::ErrorCode::EARLY_DATA_BLOCKED);
        assert_eq!(server.plaintext(), b"early");
        server.consume_plaintext(5);
        server.set_early_data_expected(false);
        pump(&mut client, &cc, &mut server, &sc);
        assert!(!client.is_handshaking() && !server.is_handshaking(), "early data handshake");
    }
    SCANNING.store(false, Ordering::Relaxed);
    let registered = NEEDLES.lock().unwrap().count;
    assert!(registered > 10, "the key log reported secrets ({registered})");
    let found = FOUND.load(Ordering::Relaxed);
    assert_eq!(found, 0, "{found} freed blocks held a secret (first: secret #{})", FIRST_FOUND.load(Ordering::Relaxed));
}
