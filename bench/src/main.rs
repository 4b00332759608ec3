//! `ferrotls-bench LABEL [s2n|others|all]`: handshakes per second (TLS 1.3 and 1.2, full
//! and resumed) and bulk throughput for the s2n C API (whichever libs2n this binary was
//! linked to, named LABEL), for rustls and for OpenSSL (the system's libssl), plus the crypto
//! floor timed with aws-lc-rs alone. Client and server live in this thread and talk through
//! in-memory pipes. Every cell uses the same ECDSA P-256 certificate, AES-128-GCM and
//! secp256r1. Prints `cell<TAB>library<TAB>value`; `ferrotls-bench - openssl-version` prints
//! the version of the libssl it runs with.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ffi::{c_int, c_void, CString};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use s2n_tls_sys::*;

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/");
/// At least 64 MiB per bulk measurement, however short the time budget.
const BULK_MIN_RECORDS: u32 = 4096;
const RECORD: usize = 16 << 10;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs `step` for about `budget`, at least `min` times; returns operations per second.
fn rate(budget: Duration, min: u32, mut step: impl FnMut()) -> f64 {
    step(); // warm up
    let start = Instant::now();
    let mut n = 0u32;
    while n < min || start.elapsed() < budget {
        step();
        n += 1;
    }
    f64::from(n) / start.elapsed().as_secs_f64()
}

// ---- the s2n C API ----

type Pipe = RefCell<VecDeque<u8>>;

unsafe extern "C" fn pipe_send(ctx: *mut c_void, buf: *const u8, len: u32) -> c_int {
    let pipe = &*(ctx as *const Pipe);
    pipe.borrow_mut().extend(std::slice::from_raw_parts(buf, len as usize));
    len as c_int
}

unsafe extern "C" fn pipe_recv(ctx: *mut c_void, buf: *mut u8, len: u32) -> c_int {
    let pipe = &*(ctx as *const Pipe);
    let mut q = pipe.borrow_mut();
    if q.is_empty() {
        *libc::__errno_location() = libc::EAGAIN;
        return -1;
    }
    let n = q.len().min(len as usize);
    let out = std::slice::from_raw_parts_mut(buf, n);
    let (front, back) = q.as_slices();
    let first = front.len().min(n);
    out[..first].copy_from_slice(&front[..first]);
    out[first..].copy_from_slice(&back[..n - first]);
    q.drain(..n);
    n as c_int
}

unsafe extern "C" fn accept_host(_: *const libc::c_char, _: usize, _: *mut c_void) -> u8 {
    1
}

fn check(rc: c_int, what: &str) {
    if rc < 0 {
        let name = unsafe { std::ffi::CStr::from_ptr(s2n_strerror_name(*s2n_errno_location())) };
        panic!("{what}: {}", name.to_string_lossy());
    }
}

struct S2n {
    server: *mut s2n_config,
    client: *mut s2n_config,
    to_server: Box<Pipe>,
    to_client: Box<Pipe>,
}

impl S2n {
    /// `client_policy` picks the version: the server's policy allows both.
    fn new(client_policy: &str, tickets: bool) -> S2n {
        unsafe {
            let cert = CString::new(read("ecdsa_p256_pkcs1_cert.pem")).unwrap();
            let key = CString::new(read("ecdsa_p256_pkcs1_key.pem")).unwrap();
            let ca = CString::new(read("ca_cert.pem")).unwrap();
            let chain = s2n_cert_chain_and_key_new();
            check(s2n_cert_chain_and_key_load_pem(chain, cert.as_ptr(), key.as_ptr()), "load pem");
            let server = s2n_config_new_minimal();
            check(s2n_config_add_cert_chain_and_key_to_store(server, chain), "add chain");
            let policy = CString::new("20240503").unwrap();
            check(s2n_config_set_cipher_preferences(server, policy.as_ptr()), "server policy");
            let client = s2n_config_new_minimal();
            check(s2n_config_add_pem_to_trust_store(client, ca.as_ptr()), "trust");
            check(s2n_config_set_verify_host_callback(client, Some(accept_host), std::ptr::null_mut()), "host");
            let policy = CString::new(client_policy).unwrap();
            check(s2n_config_set_cipher_preferences(client, policy.as_ptr()), "client policy");
            if tickets {
                let mut material = [7u8; 32];
                check(s2n_config_set_session_tickets_onoff(server, 1), "server tickets");
                check(
                    s2n_config_add_ticket_crypto_key(server, b"bench".as_ptr(), 5, material.as_mut_ptr(), 32, 0),
                    "key",
                );
                check(s2n_config_set_session_tickets_onoff(client, 1), "client tickets");
            }
            S2n { server, client, to_server: Box::default(), to_client: Box::default() }
        }
    }

    fn conn(&self, mode: s2n_mode::Type) -> *mut s2n_connection {
        unsafe {
            let conn = s2n_connection_new(mode);
            let (config, inbound, outbound) = if mode == s2n_mode::CLIENT {
                (self.client, &self.to_client, &self.to_server)
            } else {
                (self.server, &self.to_server, &self.to_client)
            };
            check(s2n_connection_set_config(conn, config), "set config");
            check(s2n_connection_set_recv_cb(conn, Some(pipe_recv)), "recv cb");
            check(s2n_connection_set_send_cb(conn, Some(pipe_send)), "send cb");
            check(s2n_connection_set_recv_ctx(conn, &**inbound as *const Pipe as *mut c_void), "recv ctx");
            check(s2n_connection_set_send_ctx(conn, &**outbound as *const Pipe as *mut c_void), "send ctx");
            check(s2n_connection_set_blinding(conn, s2n_blinding::SELF_SERVICE_BLINDING), "blinding");
            conn
        }
    }

    /// One handshake (resuming `session` if given); returns the pair and whether it resumed.
    fn handshake(&self, session: Option<&[u8]>) -> (*mut s2n_connection, *mut s2n_connection, bool) {
        unsafe {
            let client = self.conn(s2n_mode::CLIENT);
            let server = self.conn(s2n_mode::SERVER);
            if let Some(s) = session {
                check(s2n_connection_set_session(client, s.as_ptr(), s.len()), "set session");
            }
            let mut blocked = s2n_blocked_status::NOT_BLOCKED;
            let (mut c_done, mut s_done) = (false, false);
            for _ in 0..20 {
                if !c_done {
                    c_done = s2n_negotiate(client, &mut blocked) == 0;
                }
                if !s_done {
                    s_done = s2n_negotiate(server, &mut blocked) == 0;
                }
                if c_done && s_done {
                    break;
                }
            }
            assert!(c_done && s_done, "handshake did not finish");
            (client, server, s2n_connection_is_session_resumed(client) == 1)
        }
    }

    /// A session to resume: the server writes a byte so TLS 1.3 tickets reach the client.
    fn session(&self) -> Vec<u8> {
        unsafe {
            let (client, server, _) = self.handshake(None);
            let mut blocked = s2n_blocked_status::NOT_BLOCKED;
            s2n_send(server, b"x".as_ptr().cast(), 1, &mut blocked);
            let mut byte = [0u8; 1];
            s2n_recv(client, byte.as_mut_ptr().cast(), 1, &mut blocked);
            let len = s2n_connection_get_session_length(client);
            let mut session = vec![0u8; len as usize];
            check(s2n_connection_get_session(client, session.as_mut_ptr(), session.len()), "get session");
            self.free(client, server);
            session
        }
    }

    fn free(&self, client: *mut s2n_connection, server: *mut s2n_connection) {
        unsafe {
            s2n_connection_free(client);
            s2n_connection_free(server);
        }
        self.to_client.borrow_mut().clear();
        self.to_server.borrow_mut().clear();
    }

    fn bulk(&self, label: &str, budget: Duration) {
        let (client, server, _) = self.handshake(None);
        let data = vec![0x5au8; RECORD];
        let mut sink = vec![0u8; RECORD];
        let mut blocked = s2n_blocked_status::NOT_BLOCKED;
        unsafe { s2n_connection_prefer_throughput(client) };
        bulk_cell(label, budget, || unsafe {
            let n = s2n_send(client, data.as_ptr().cast(), data.len() as isize, &mut blocked);
            assert_eq!(n, RECORD as isize);
            let mut got = 0;
            while got < RECORD {
                let r = s2n_recv(server, sink.as_mut_ptr().cast(), sink.len() as isize, &mut blocked);
                assert!(r > 0);
                got += r as usize;
            }
        });
        self.free(client, server);
    }
}

/// The full and resumed handshake cells of one library and version. `handshake(session)`
/// runs one handshake, resuming `session` when given, and says whether it resumed, which
/// each iteration checks; `session()` makes the session to resume. Each cell alternates with
/// the same cell's floor (see `paired_rate`) and prints the library's rate and its ratio to
/// the floor measured alongside.
fn handshake_cells<S>(
    label: &str,
    version: &str,
    budget: Duration,
    session: impl FnOnce() -> S,
    mut handshake: impl FnMut(Option<&S>) -> bool,
) {
    let floor = floor::Floor::new();
    let print = |kind: &str, (rate, ratio): (f64, f64)| {
        println!("TLS {version} {kind} handshakes/s\t{label}\t{rate:.0}");
        println!("TLS {version} {kind} handshakes/s\t{label}/floor\t{ratio:.4}");
    };
    if wanted(&format!("TLS {version} full")) {
        let step = || assert!(!handshake(None), "{label} TLS {version}: resumed without a session");
        print("full", paired_rate(budget, 50, step, || floor.handshake(version, false)));
    }
    if wanted(&format!("TLS {version} resumed")) {
        let session = session();
        let step = || assert!(handshake(Some(&session)), "{label} TLS {version} session not resumed");
        print("resumed", paired_rate(budget, 50, step, || floor.handshake(version, true)));
    }
}

/// Slices per paired measurement. This machine's speed drifts by 10-20% from one second to
/// the next (a shared VM), so a library's rate means little beside a floor timed a minute
/// apart; alternating short slices lets both see the same machine.
const SLICES: u32 = 10;

/// Runs `step` and `floor` in alternating slices (a tenth of `budget` each, at least a tenth
/// of `min` steps); returns `step`'s median rate and the median of its per-slice ratios to
/// the floor's.
fn paired_rate(budget: Duration, min: u32, mut step: impl FnMut(), mut floor: impl FnMut()) -> (f64, f64) {
    let (slice, slice_min) = (budget / SLICES, min.div_ceil(SLICES));
    let (mut rates, mut ratios) = (Vec::new(), Vec::new());
    for _ in 0..SLICES {
        let steps = rate(slice, slice_min, &mut step);
        ratios.push(steps / rate(slice, slice_min, &mut floor));
        rates.push(steps);
    }
    (median(&mut rates), median(&mut ratios))
}

const BULK_CELL: &str = "bulk MB/s (16 KiB writes, TLS 1.3)";

/// The bulk cell of one library: `step` writes one 16 KiB record on one side and reads it on
/// the other; it alternates with the floor's record (see `paired_rate`). Prints MB/s and the
/// ratio to the floor measured alongside.
fn bulk_cell(label: &str, budget: Duration, step: impl FnMut()) {
    let mut floor = floor::BulkFloor::new();
    let (records_per_sec, ratio) = paired_rate(budget, BULK_MIN_RECORDS, step, || floor.record());
    println!("{BULK_CELL}\t{label}\t{:.0}", records_per_sec * RECORD as f64 / 1e6);
    println!("{BULK_CELL}\t{label}/floor\t{ratio:.4}");
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// BENCH_ONLY=text runs only the cells whose name contains it (for profiling one cell).
fn wanted(cell: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |only| cell.contains(&only))
}

/// Heap bytes in use (glibc's allocator; every library here allocates through it).
fn heap_in_use() -> usize {
    unsafe { libc::mallinfo2() }.uordblks
}

/// Empties the heap cells' in-memory pipes and gives their memory back, so that a heap
/// reading counts only the libraries'.
fn empty_pipes<P: std::ops::Deref<Target = Pipe>>(pipes: &[(P, P)]) {
    for (a, b) in pipes {
        for pipe in [a, b] {
            pipe.borrow_mut().clear();
            pipe.borrow_mut().shrink_to_fit();
        }
    }
}

/// Connection pairs held at once by the heap cells: 10,000 connections.
const PAIRS: usize = 5000;

/// Heap bytes per connection pair (client + server) at each stage of a connection's life,
/// over PAIRS pairs held at once; the in-memory pipes are emptied and shrunk before each
/// reading so only the libraries' memory counts.
fn s2n_memory(label: &str) {
    let lib = S2n::new("20240503", false);
    let pipes: Vec<(Box<Pipe>, Box<Pipe>)> = (0..PAIRS).map(|_| (Box::default(), Box::default())).collect();
    let start = heap_in_use();
    let per_pair = |label_stage: &str, lib_label: &str| {
        let used = heap_in_use().saturating_sub(start);
        println!("heap bytes per pair: {label_stage}\t{lib_label}\t{}", used / PAIRS);
    };
    let mut conns = Vec::with_capacity(PAIRS);
    for (to_server, to_client) in &pipes {
        unsafe {
            let mk = |mode, inbound: &Pipe, outbound: &Pipe| {
                let conn = s2n_connection_new(mode);
                let config = if mode == s2n_mode::CLIENT { lib.client } else { lib.server };
                check(s2n_connection_set_config(conn, config), "set config");
                check(s2n_connection_set_recv_cb(conn, Some(pipe_recv)), "recv cb");
                check(s2n_connection_set_send_cb(conn, Some(pipe_send)), "send cb");
                check(s2n_connection_set_recv_ctx(conn, inbound as *const Pipe as *mut c_void), "recv ctx");
                check(s2n_connection_set_send_ctx(conn, outbound as *const Pipe as *mut c_void), "send ctx");
                conn
            };
            conns.push((mk(s2n_mode::CLIENT, to_client, to_server), mk(s2n_mode::SERVER, to_server, to_client)));
        }
    }
    per_pair("after new", label);
    let mut blocked = s2n_blocked_status::NOT_BLOCKED;
    for &(c, s) in &conns {
        unsafe {
            let (mut c_done, mut s_done) = (false, false);
            for _ in 0..20 {
                c_done = c_done || s2n_negotiate(c, &mut blocked) == 0;
                s_done = s_done || s2n_negotiate(s, &mut blocked) == 0;
                if c_done && s_done {
                    break;
                }
            }
            assert!(c_done && s_done);
        }
    }
    empty_pipes(&pipes);
    per_pair("after handshake", label);
    let data = [0x5au8; 1024];
    let mut sink = [0u8; 1024];
    for &(c, s) in &conns {
        unsafe {
            for (from, to) in [(c, s), (s, c)] {
                assert_eq!(s2n_send(from, data.as_ptr().cast(), 1024, &mut blocked), 1024);
                let mut got = 0;
                while got < 1024 {
                    let r = s2n_recv(to, sink.as_mut_ptr().cast(), 1024, &mut blocked);
                    assert!(r > 0, "recv");
                    got += r as usize;
                }
            }
        }
    }
    empty_pipes(&pipes);
    per_pair("after 1 KiB each way", label);
    for &(c, s) in &conns {
        unsafe {
            check(s2n_connection_free_handshake(c), "free_handshake");
            check(s2n_connection_free_handshake(s), "free_handshake");
        }
    }
    per_pair("after free_handshake", label);
    for &(c, s) in &conns {
        unsafe {
            check(s2n_connection_release_buffers(c), "release_buffers");
            check(s2n_connection_release_buffers(s), "release_buffers");
        }
    }
    per_pair("after release_buffers (idle)", label);
    println!("heap MB: 10,000 idle connections\t{label}\t{:.1}", heap_in_use().saturating_sub(start) as f64 / 1e6);
    for (c, s) in conns {
        unsafe {
            s2n_connection_free(c);
            s2n_connection_free(s);
        }
    }
}

fn s2n_cells(label: &str, budget: Duration) {
    unsafe { check(s2n_init(), "init") };
    for (version, client_policy) in [("1.3", "20240503"), ("1.2", "test_all_tls12")] {
        let lib = S2n::new(client_policy, true);
        handshake_cells(
            label,
            version,
            budget,
            || lib.session(),
            |session| {
                let (c, s, resumed) = lib.handshake(session.map(Vec::as_slice));
                lib.free(c, s);
                resumed
            },
        );
    }
    let lib = S2n::new("20240503", false);
    if wanted("bulk") {
        lib.bulk(label, budget);
    }
    if wanted("heap") {
        s2n_memory(label);
    }
}

// ---- rustls ----

fn rustls_provider() -> Arc<rustls::crypto::CryptoProvider> {
    use rustls::crypto::aws_lc_rs as provider;
    Arc::new(rustls::crypto::CryptoProvider {
        cipher_suites: vec![
            provider::cipher_suite::TLS13_AES_128_GCM_SHA256,
            provider::cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ],
        kx_groups: vec![provider::kx_group::SECP256R1],
        ..provider::default_provider()
    })
}

fn rustls_pair(
    client: &Arc<rustls::ClientConfig>,
    server: &Arc<rustls::ServerConfig>,
) -> (rustls::ClientConnection, rustls::ServerConnection) {
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut c = rustls::ClientConnection::new(client.clone(), name).unwrap();
    let mut s = rustls::ServerConnection::new(server.clone()).unwrap();
    let mut buf = Vec::with_capacity(8192);
    while c.is_handshaking() || s.is_handshaking() || c.wants_write() || s.wants_write() {
        buf.clear();
        while c.wants_write() {
            c.write_tls(&mut buf).unwrap();
        }
        if !buf.is_empty() {
            s.read_tls(&mut &buf[..]).unwrap();
            s.process_new_packets().unwrap();
        }
        buf.clear();
        while s.wants_write() {
            s.write_tls(&mut buf).unwrap();
        }
        if !buf.is_empty() {
            c.read_tls(&mut &buf[..]).unwrap();
            c.process_new_packets().unwrap();
        }
    }
    (c, s)
}

fn rustls_cells(budget: Duration) {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let provider = rustls_provider();
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(&read("ecdsa_p256_pkcs1_cert.pem")).map(|c| c.unwrap()).collect();
    let key = PrivateKeyDer::from_pem_slice(&read("ecdsa_p256_pkcs1_key.pem")).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(&read("ca_cert.pem")).unwrap()).unwrap();
    for (version, versions) in [("1.3", &rustls::version::TLS13), ("1.2", &rustls::version::TLS12)] {
        let mut server = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[versions])
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain.clone(), key.clone_key())
            .unwrap();
        server.ticketer = rustls::crypto::aws_lc_rs::Ticketer::new().unwrap();
        let server = Arc::new(server);
        let client_config = |resumption: rustls::client::Resumption| {
            let mut config = rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_protocol_versions(&[versions])
                .unwrap()
                .with_root_certificates(roots.clone())
                .with_no_client_auth();
            config.resumption = resumption;
            Arc::new(config)
        };
        // Full handshakes from a client that keeps no sessions: nothing to resume.
        let no_resumption = client_config(rustls::client::Resumption::disabled());
        handshake_cells(
            "rustls",
            version,
            budget,
            || {
                let client = client_config(rustls::client::Resumption::default());
                rustls_pair(&client, &server);
                client
            },
            |client| {
                let (c, _) = rustls_pair(client.unwrap_or(&no_resumption), &server);
                c.handshake_kind() == Some(rustls::HandshakeKind::Resumed)
            },
        );
    }
    let server = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13])
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    );
    let client = Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );
    if wanted("heap") {
        rustls_memory(&client, &server);
    }
    if !wanted("bulk") {
        return;
    }
    let (mut c, mut s) = rustls_pair(&client, &server);
    let data = vec![0x5au8; RECORD];
    let mut sink = vec![0u8; RECORD];
    let mut wire = Vec::with_capacity(RECORD + 64);
    bulk_cell("rustls", budget, || {
        use std::io::{Read, Write};
        c.writer().write_all(&data).unwrap();
        wire.clear();
        while c.wants_write() {
            c.write_tls(&mut wire).unwrap();
        }
        let mut incoming = &wire[..];
        let mut got = 0;
        while !incoming.is_empty() {
            s.read_tls(&mut incoming).unwrap();
            s.process_new_packets().unwrap();
            while let Ok(n) = s.reader().read(&mut sink) {
                if n == 0 {
                    break;
                }
                got += n;
            }
        }
        assert_eq!(got, RECORD);
    });
}

/// rustls's bytes per pair at the stages it has (it frees handshake state itself and has
/// no buffer release call).
fn rustls_memory(client: &Arc<rustls::ClientConfig>, server: &Arc<rustls::ServerConfig>) {
    use std::io::{Read, Write};
    let start = heap_in_use();
    let per_pair = |stage: &str| {
        println!("heap bytes per pair: {stage}\trustls\t{}", heap_in_use().saturating_sub(start) / PAIRS);
    };
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut pairs: Vec<(rustls::ClientConnection, rustls::ServerConnection)> = (0..PAIRS)
        .map(|_| {
            (
                rustls::ClientConnection::new(client.clone(), name.clone()).unwrap(),
                rustls::ServerConnection::new(server.clone()).unwrap(),
            )
        })
        .collect();
    per_pair("after new");
    let mut buf = Vec::new();
    let mut shuttle = |c: &mut rustls::ClientConnection, s: &mut rustls::ServerConnection| {
        for _ in 0..10 {
            buf.clear();
            while c.wants_write() {
                c.write_tls(&mut buf).unwrap();
            }
            let mut rd = &buf[..];
            while !rd.is_empty() {
                s.read_tls(&mut rd).unwrap();
                s.process_new_packets().unwrap();
            }
            buf.clear();
            while s.wants_write() {
                s.write_tls(&mut buf).unwrap();
            }
            let mut rd = &buf[..];
            while !rd.is_empty() {
                c.read_tls(&mut rd).unwrap();
                c.process_new_packets().unwrap();
            }
        }
    };
    for (c, s) in pairs.iter_mut() {
        shuttle(c, s);
        assert!(!c.is_handshaking() && !s.is_handshaking());
    }
    per_pair("after handshake");
    let data = [0x5au8; 1024];
    let mut sink = [0u8; 1024];
    for (c, s) in pairs.iter_mut() {
        c.writer().write_all(&data).unwrap();
        s.writer().write_all(&data).unwrap();
        shuttle(c, s);
        let mut got = 0;
        while got < 1024 {
            got += s.reader().read(&mut sink).unwrap();
        }
        got = 0;
        while got < 1024 {
            got += c.reader().read(&mut sink).unwrap();
        }
    }
    per_pair("after 1 KiB each way");
    // rustls has no calls to shrink an idle connection: this is its idle state.
    println!("heap MB: 10,000 idle connections\trustls\t{:.1}", heap_in_use().saturating_sub(start) as f64 / 1e6);
    drop(pairs);
}

// ---- OpenSSL ----

type OsslStream = openssl::ssl::SslStream<Duplex>;

/// One side's end of a pair of in-memory pipes. An empty pipe reads as WouldBlock, which
/// OpenSSL reports as WANT_READ.
struct Duplex {
    inbound: Rc<Pipe>,
    outbound: Rc<Pipe>,
}

impl std::io::Read for Duplex {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut q = self.inbound.borrow_mut();
        if q.is_empty() {
            return Err(std::io::ErrorKind::WouldBlock.into());
        }
        std::io::Read::read(&mut *q, buf)
    }
}

impl std::io::Write for Duplex {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.outbound.borrow_mut().extend(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// True once a handshake step finished; false if it waits for the peer.
fn ossl_done(step: Result<(), openssl::ssl::Error>) -> bool {
    match step {
        Ok(()) => true,
        Err(e) if e.code() == openssl::ssl::ErrorCode::WANT_READ => false,
        Err(e) => panic!("openssl handshake: {e}"),
    }
}

fn ossl_handshake(c: &mut OsslStream, s: &mut OsslStream) {
    let (mut c_done, mut s_done) = (false, false);
    for _ in 0..20 {
        c_done = c_done || ossl_done(c.do_handshake());
        s_done = s_done || ossl_done(s.do_handshake());
        if c_done && s_done {
            break;
        }
    }
    assert!(c_done && s_done, "openssl handshake did not finish");
}

/// Reads exactly `buf.len()` bytes that are already in the pipe.
fn ossl_read_all(conn: &mut OsslStream, buf: &mut [u8]) {
    let mut got = 0;
    while got < buf.len() {
        got += conn.ssl_read(&mut buf[got..]).unwrap();
    }
}

struct Ossl {
    server: openssl::ssl::SslContext,
    client: openssl::ssl::SslContext,
    to_server: Rc<Pipe>,
    to_client: Rc<Pipe>,
}

impl Ossl {
    /// Both sides limited to `version`; the server keeps OpenSSL's defaults otherwise
    /// (stateless tickets with its own keys, and its session cache).
    fn new(version: openssl::ssl::SslVersion) -> Ossl {
        use openssl::ssl::{SslContext, SslContextBuilder, SslFiletype, SslMethod, SslVerifyMode};
        let limit = |b: &mut SslContextBuilder| {
            b.set_min_proto_version(Some(version)).unwrap();
            b.set_max_proto_version(Some(version)).unwrap();
            b.set_ciphersuites("TLS_AES_128_GCM_SHA256").unwrap();
            b.set_cipher_list("ECDHE-ECDSA-AES128-GCM-SHA256").unwrap();
            b.set_groups_list("P-256").unwrap();
        };
        let mut server = SslContext::builder(SslMethod::tls_server()).unwrap();
        limit(&mut server);
        server.set_certificate_chain_file(format!("{TESTDATA}ecdsa_p256_pkcs1_cert.pem")).unwrap();
        server.set_private_key_file(format!("{TESTDATA}ecdsa_p256_pkcs1_key.pem"), SslFiletype::PEM).unwrap();
        server.check_private_key().unwrap();
        let mut client = SslContext::builder(SslMethod::tls_client()).unwrap();
        limit(&mut client);
        client.cert_store_mut().add_cert(openssl::x509::X509::from_pem(&read("ca_cert.pem")).unwrap()).unwrap();
        // The chain is verified; the host name is not checked (as in the s2n cells).
        client.set_verify(SslVerifyMode::PEER);
        Ossl { server: server.build(), client: client.build(), to_server: Rc::default(), to_client: Rc::default() }
    }

    /// A client and a server over the given pipes, not yet handshaken.
    fn pair_over(
        &self,
        to_server: &Rc<Pipe>,
        to_client: &Rc<Pipe>,
        session: Option<&openssl::ssl::SslSessionRef>,
    ) -> (OsslStream, OsslStream) {
        use openssl::ssl::{Ssl, SslStream};
        let mut c = Ssl::new(&self.client).unwrap();
        c.set_connect_state();
        if let Some(session) = session {
            // Safe: the session comes from this client context.
            unsafe { c.set_session(session).unwrap() };
        }
        let mut s = Ssl::new(&self.server).unwrap();
        s.set_accept_state();
        (
            SslStream::new(c, Duplex { inbound: to_client.clone(), outbound: to_server.clone() }).unwrap(),
            SslStream::new(s, Duplex { inbound: to_server.clone(), outbound: to_client.clone() }).unwrap(),
        )
    }

    /// One handshake (resuming `session` if given); returns the pair and whether it resumed.
    fn handshake(&self, session: Option<&openssl::ssl::SslSessionRef>) -> (OsslStream, OsslStream, bool) {
        let (mut c, mut s) = self.pair_over(&self.to_server, &self.to_client, session);
        ossl_handshake(&mut c, &mut s);
        let resumed = c.ssl().session_reused();
        (c, s, resumed)
    }

    /// A session to resume: the server writes a byte so TLS 1.3 tickets reach the client.
    fn session(&self) -> openssl::ssl::SslSession {
        let (mut c, mut s, _) = self.handshake(None);
        assert_eq!(s.ssl_write(b"x").unwrap(), 1);
        ossl_read_all(&mut c, &mut [0u8; 1]);
        let session = c.ssl().session().expect("openssl session").to_owned();
        self.free(c, s);
        session
    }

    fn free(&self, mut client: OsslStream, mut server: OsslStream) {
        // As after a clean close: SSL_free without it marks the session not resumable.
        client.set_shutdown(openssl::ssl::ShutdownState::SENT | openssl::ssl::ShutdownState::RECEIVED);
        server.set_shutdown(openssl::ssl::ShutdownState::SENT | openssl::ssl::ShutdownState::RECEIVED);
        drop((client, server));
        self.to_client.borrow_mut().clear();
        self.to_server.borrow_mut().clear();
    }

    fn bulk(&self, budget: Duration) {
        let (mut c, mut s, _) = self.handshake(None);
        let data = vec![0x5au8; RECORD];
        let mut sink = vec![0u8; RECORD];
        bulk_cell("openssl", budget, || {
            assert_eq!(c.ssl_write(&data).unwrap(), RECORD);
            ossl_read_all(&mut s, &mut sink);
        });
        self.free(c, s);
    }
}

fn openssl_cells(budget: Duration) {
    use openssl::ssl::SslVersion;
    for (version, ssl_version) in [("1.3", SslVersion::TLS1_3), ("1.2", SslVersion::TLS1_2)] {
        let lib = Ossl::new(ssl_version);
        handshake_cells(
            "openssl",
            version,
            budget,
            || lib.session(),
            |session| {
                let (c, s, resumed) = lib.handshake(session.map(|s| &**s));
                lib.free(c, s);
                resumed
            },
        );
    }
    let lib = Ossl::new(SslVersion::TLS1_3);
    if wanted("bulk") {
        lib.bulk(budget);
    }
    if wanted("heap") {
        openssl_memory(&lib);
    }
}

/// OpenSSL's bytes per pair at the stages it has (it frees handshake state itself); idle is
/// SSL_MODE_RELEASE_BUFFERS turned on and one more byte each way, after which OpenSSL has
/// freed its record buffers.
fn openssl_memory(lib: &Ossl) {
    use foreign_types::ForeignTypeRef;
    let pipes: Vec<(Rc<Pipe>, Rc<Pipe>)> = (0..PAIRS).map(|_| (Rc::default(), Rc::default())).collect();
    let start = heap_in_use();
    let per_pair = |stage: &str| {
        println!("heap bytes per pair: {stage}\topenssl\t{}", heap_in_use().saturating_sub(start) / PAIRS);
    };
    let mut pairs: Vec<(OsslStream, OsslStream)> =
        pipes.iter().map(|(to_server, to_client)| lib.pair_over(to_server, to_client, None)).collect();
    per_pair("after new");
    for (c, s) in pairs.iter_mut() {
        ossl_handshake(c, s);
        // The client takes in its session tickets, as rustls's does in its handshake loop.
        let err = c.ssl_read(&mut [0u8; 1]).unwrap_err();
        assert_eq!(err.code(), openssl::ssl::ErrorCode::WANT_READ);
    }
    empty_pipes(&pipes);
    per_pair("after handshake");
    let data = [0x5au8; 1024];
    let mut sink = [0u8; 1024];
    for (c, s) in pairs.iter_mut() {
        assert_eq!(c.ssl_write(&data).unwrap(), 1024);
        ossl_read_all(s, &mut sink);
        assert_eq!(s.ssl_write(&data).unwrap(), 1024);
        ossl_read_all(c, &mut sink);
    }
    empty_pipes(&pipes);
    per_pair("after 1 KiB each way");
    for (c, s) in pairs.iter_mut() {
        for conn in [&*c, &*s] {
            // SSL_set_mode is a C macro over SSL_ctrl, with no wrapper in the openssl crate.
            let (ssl, mode) = (conn.ssl().as_ptr(), openssl_sys::SSL_MODE_RELEASE_BUFFERS);
            unsafe { openssl_sys::SSL_ctrl(ssl, openssl_sys::SSL_CTRL_MODE, mode, std::ptr::null_mut()) };
        }
        assert_eq!(c.ssl_write(b"x").unwrap(), 1);
        ossl_read_all(s, &mut sink[..1]);
        assert_eq!(s.ssl_write(b"x").unwrap(), 1);
        ossl_read_all(c, &mut sink[..1]);
    }
    empty_pipes(&pipes);
    per_pair("after release_buffers (idle)");
    println!("heap MB: 10,000 idle connections\topenssl\t{:.1}", heap_in_use().saturating_sub(start) as f64 / 1e6);
    drop(pairs);
}

// ---- the floor ----

/// The crypto each cell cannot avoid, timed with aws-lc-rs alone, for both sides together.
/// Public-key work: a full handshake (either version) makes two P-256 key generations, two
/// ECDH agreements, one ECDSA signature and two verifications (chain and CertificateVerify);
/// a resumed TLS 1.3 handshake only the ECDHE half; a resumed TLS 1.2 one none. Symmetric
/// work, per side: the transcript hash over the messages a minimal handshake sends, the key
/// schedule (TLS 1.3 HKDF or the TLS 1.2 PRF), the Finished MACs (and the PSK binder), one
/// AES-128-GCM key per direction and epoch; then one record per flight sealed and opened, and
/// for resumption the server opening its ticket. The session tickets the cells issue are not
/// counted, and constants (the empty hash, the zero early secret's "derived" secret) are
/// computed once: the floor is a little above what any library could reach.
mod floor {
    use std::hint::black_box;
    use std::time::Duration;

    use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_128_GCM};
    use aws_lc_rs::agreement::{agree_ephemeral, EphemeralPrivateKey, UnparsedPublicKey, ECDH_P256};
    use aws_lc_rs::digest::{self, SHA256};
    use aws_lc_rs::hkdf::{self, Prk, Salt, HKDF_SHA256};
    use aws_lc_rs::hmac::{self, HMAC_SHA256};
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{self, EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_ASN1, ECDSA_P256_SHA256_ASN1_SIGNING};
    use aws_lc_rs::tls_prf::{self, P_SHA256};

    /// Handshake message sizes (with their 4-byte headers) of a minimal handshake with this
    /// certificate (473 bytes of DER), one P-256 key share and a ~150-byte ticket.
    const TICKET: usize = 150;
    const TLS13_CLIENT_HELLO: usize = 200;
    const TLS13_PSK_EXTENSION: usize = TICKET + 45;
    /// The end of the PSK extension, which the binder does not cover.
    const TLS13_BINDERS: usize = 35;
    const TLS13_SERVER_HELLO: usize = 155;
    const TLS13_ENCRYPTED_EXTENSIONS: usize = 6;
    const TLS13_CERTIFICATE: usize = 486;
    const TLS13_CERTIFICATE_VERIFY: usize = 80;
    const TLS13_FINISHED: usize = 36;
    const TLS12_CLIENT_HELLO: usize = 150;
    const TLS12_SERVER_HELLO: usize = 80;
    const TLS12_CERTIFICATE: usize = 483;
    const TLS12_SERVER_KEY_EXCHANGE: usize = 149;
    const TLS12_SERVER_HELLO_DONE: usize = 4;
    const TLS12_CLIENT_KEY_EXCHANGE: usize = 70;
    const TLS12_FINISHED: usize = 16;

    struct Len(usize);

    impl hkdf::KeyType for Len {
        fn len(&self) -> usize {
            self.0
        }
    }

    fn expand_label(secret: &Prk, label: &str, context: &[u8], out: &mut [u8]) {
        let length = (out.len() as u16).to_be_bytes();
        let label_length = [(6 + label.len()) as u8];
        let context_length = [context.len() as u8];
        let info: [&[u8]; 6] = [&length, &label_length, b"tls13 ", label.as_bytes(), &context_length, context];
        secret.expand(&info, Len(out.len())).unwrap().fill(out).unwrap();
    }

    fn derive_secret(secret: &Prk, label: &str, context: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        expand_label(secret, label, context, &mut out);
        out
    }

    fn prk(secret: &[u8]) -> Prk {
        Prk::new_less_safe(HKDF_SHA256, secret)
    }

    fn hmac_sha256(key: &[u8], data: &[u8]) {
        black_box(hmac::sign(&hmac::Key::new(HMAC_SHA256, key), data));
    }

    struct TrafficKey {
        key: LessSafeKey,
        iv: [u8; 12],
    }

    impl TrafficKey {
        fn new(key: &[u8], iv: [u8; 12]) -> TrafficKey {
            TrafficKey { key: LessSafeKey::new(UnboundKey::new(&AES_128_GCM, key).unwrap()), iv }
        }

        fn tls13(secret: &[u8]) -> TrafficKey {
            let secret = prk(secret);
            let (mut key, mut iv) = ([0u8; 16], [0u8; 12]);
            expand_label(&secret, "key", &[], &mut key);
            expand_label(&secret, "iv", &[], &mut iv);
            TrafficKey::new(&key, iv)
        }
    }

    /// Stands in for the bytes of handshake messages (their contents do not change the cost).
    static MESSAGE_BYTES: [u8; 1024] = [0x5a; 1024];

    /// One record of `len` bytes (at most 1 KiB), sealed by one side and opened by the other.
    fn send(sealer: &TrafficKey, opener: &TrafficKey, len: usize) {
        let header = [0x17, 3, 3, 0, 0];
        let mut record = [0x16u8; 1024 + 16];
        let nonce = Nonce::assume_unique_for_key(sealer.iv);
        let tag = sealer.key.seal_in_place_separate_tag(nonce, Aad::from(header), &mut record[..len]).unwrap();
        record[len..len + 16].copy_from_slice(tag.as_ref());
        let nonce = Nonce::assume_unique_for_key(opener.iv);
        opener.key.open_in_place(nonce, Aad::from(header), &mut record[..len + 16]).unwrap();
    }

    /// Bulk data's floor: a 16 KiB record (plus its content type byte) sealed and opened.
    pub struct BulkFloor {
        key: TrafficKey,
        record: Vec<u8>,
    }

    impl BulkFloor {
        pub fn new() -> BulkFloor {
            BulkFloor { key: TrafficKey::new(&[5u8; 16], [6u8; 12]), record: vec![0x5a; super::RECORD + 1 + 16] }
        }

        pub fn record(&mut self) {
            let header = [0x17, 3, 3, 0x40, 0x11];
            let len = self.record.len() - 16;
            let nonce = Nonce::assume_unique_for_key(self.key.iv);
            let tag =
                self.key.key.seal_in_place_separate_tag(nonce, Aad::from(header), &mut self.record[..len]).unwrap();
            self.record[len..].copy_from_slice(tag.as_ref());
            let nonce = Nonce::assume_unique_for_key(self.key.iv);
            self.key.key.open_in_place(nonce, Aad::from(header), &mut self.record).unwrap();
        }
    }

    pub struct Floor {
        rng: SystemRandom,
        signer: EcdsaKeyPair,
        public: Vec<u8>,
        empty_hash: digest::Digest,
        /// HKDF-Extract(0, 0)'s "derived" secret: what a handshake without a PSK starts from.
        derived_from_zero: [u8; 32],
        ticket_key: TrafficKey,
        sealed_ticket: [u8; TICKET],
        psk: [u8; 32],
    }

    impl Floor {
        pub fn new() -> Floor {
            let rng = SystemRandom::new();
            let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
            let signer = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).unwrap();
            let public = signer.public_key().as_ref().to_vec();
            let empty_hash = digest::digest(&SHA256, b"");
            let early = Salt::new(HKDF_SHA256, &[0u8; 32]).extract(&[0u8; 32]);
            let derived_from_zero = derive_secret(&early, "derived", empty_hash.as_ref());
            let ticket_key = TrafficKey::new(&[9u8; 16], [3u8; 12]);
            let mut sealed_ticket = [0x5au8; TICKET];
            let nonce = Nonce::assume_unique_for_key(ticket_key.iv);
            let (state, tag) = sealed_ticket.split_at_mut(TICKET - 16);
            tag.copy_from_slice(
                ticket_key.key.seal_in_place_separate_tag(nonce, Aad::empty(), state).unwrap().as_ref(),
            );
            Floor { rng, signer, public, empty_hash, derived_from_zero, ticket_key, sealed_ticket, psk: [0x11; 32] }
        }

        /// Two key generations and two agreements; returns the shared secret.
        fn ecdhe(&self) -> Vec<u8> {
            let a = EphemeralPrivateKey::generate(&ECDH_P256, &self.rng).unwrap();
            let b = EphemeralPrivateKey::generate(&ECDH_P256, &self.rng).unwrap();
            let (pa, pb) = (a.compute_public_key().unwrap(), b.compute_public_key().unwrap());
            agree_ephemeral(a, &UnparsedPublicKey::new(&ECDH_P256, pb.as_ref()), (), |_| Ok(())).unwrap();
            agree_ephemeral(b, &UnparsedPublicKey::new(&ECDH_P256, pa.as_ref()), (), |s| Ok(s.to_vec())).unwrap()
        }

        /// One signature and two verifications.
        fn authenticate(&self) {
            let message = [0x42u8; 130];
            let sig = self.signer.sign(&self.rng, &message).unwrap();
            let verifier = signature::UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, &self.public);
            verifier.verify(&message, sig.as_ref()).unwrap();
            verifier.verify(&message, sig.as_ref()).unwrap();
        }

        /// The server opens the ticket it sealed earlier.
        fn open_ticket(&self) {
            let mut ticket = self.sealed_ticket;
            let nonce = Nonce::assume_unique_for_key(self.ticket_key.iv);
            self.ticket_key.key.open_in_place(nonce, Aad::empty(), &mut ticket).unwrap();
        }

        /// One side's TLS 1.3 key schedule, transcript and Finished MACs (with the binder
        /// when resuming); returns its client and server handshake and application keys.
        fn tls13_side(&self, shared: &[u8], resumed: bool) -> [TrafficKey; 4] {
            let empty_hash = self.empty_hash.as_ref();
            let mut transcript = digest::Context::new(&SHA256);
            let derived_early = if resumed {
                transcript.update(&MESSAGE_BYTES[..TLS13_CLIENT_HELLO + TLS13_PSK_EXTENSION - TLS13_BINDERS]);
                let early = Salt::new(HKDF_SHA256, &[0u8; 32]).extract(&self.psk);
                let binder_key = derive_secret(&early, "res binder", empty_hash);
                let binder_finished_key = derive_secret(&prk(&binder_key), "finished", &[]);
                hmac_sha256(&binder_finished_key, transcript.clone().finish().as_ref());
                transcript.update(&MESSAGE_BYTES[..TLS13_BINDERS]);
                derive_secret(&early, "derived", empty_hash)
            } else {
                transcript.update(&MESSAGE_BYTES[..TLS13_CLIENT_HELLO]);
                self.derived_from_zero
            };
            transcript.update(&MESSAGE_BYTES[..TLS13_SERVER_HELLO]);
            let handshake_secret = Salt::new(HKDF_SHA256, &derived_early).extract(shared);
            let hello_hash = transcript.clone().finish();
            let client_hs = derive_secret(&handshake_secret, "c hs traffic", hello_hash.as_ref());
            let server_hs = derive_secret(&handshake_secret, "s hs traffic", hello_hash.as_ref());
            transcript.update(&MESSAGE_BYTES[..TLS13_ENCRYPTED_EXTENSIONS]);
            if !resumed {
                transcript.update(&MESSAGE_BYTES[..TLS13_CERTIFICATE]);
                // What CertificateVerify signs covers the transcript up to the certificate.
                black_box(transcript.clone().finish());
                transcript.update(&MESSAGE_BYTES[..TLS13_CERTIFICATE_VERIFY]);
            }
            let server_finished_key = derive_secret(&prk(&server_hs), "finished", &[]);
            hmac_sha256(&server_finished_key, transcript.clone().finish().as_ref());
            transcript.update(&MESSAGE_BYTES[..TLS13_FINISHED]);
            let through_server_finished = transcript.clone().finish();
            let client_finished_key = derive_secret(&prk(&client_hs), "finished", &[]);
            hmac_sha256(&client_finished_key, through_server_finished.as_ref());
            let derived = derive_secret(&handshake_secret, "derived", empty_hash);
            let master = Salt::new(HKDF_SHA256, &derived).extract(&[0u8; 32]);
            let client_ap = derive_secret(&master, "c ap traffic", through_server_finished.as_ref());
            let server_ap = derive_secret(&master, "s ap traffic", through_server_finished.as_ref());
            [&client_hs, &server_hs, &client_ap, &server_ap].map(|secret| TrafficKey::tls13(secret))
        }

        fn tls13(&self, resumed: bool) {
            let shared = self.ecdhe();
            if resumed {
                self.open_ticket();
            } else {
                self.authenticate();
            }
            let client = self.tls13_side(&shared, resumed);
            let server = self.tls13_side(&shared, resumed);
            let server_flight = if resumed {
                TLS13_ENCRYPTED_EXTENSIONS + TLS13_FINISHED
            } else {
                TLS13_ENCRYPTED_EXTENSIONS + TLS13_CERTIFICATE + TLS13_CERTIFICATE_VERIFY + TLS13_FINISHED
            };
            send(&server[1], &client[1], server_flight + 1);
            send(&client[0], &server[0], TLS13_FINISHED + 1);
        }

        /// One side's TLS 1.2 transcript, PRF work and Finished values (extended master
        /// secret for a full handshake); returns its client and server write keys.
        fn tls12_side(&self, premaster: Option<&[u8]>) -> [TrafficKey; 2] {
            let mut transcript = digest::Context::new(&SHA256);
            let master: [u8; 48] = match premaster {
                Some(premaster) => {
                    for len in [
                        TLS12_CLIENT_HELLO,
                        TLS12_SERVER_HELLO,
                        TLS12_CERTIFICATE,
                        TLS12_SERVER_KEY_EXCHANGE,
                        TLS12_SERVER_HELLO_DONE,
                        TLS12_CLIENT_KEY_EXCHANGE,
                    ] {
                        transcript.update(&MESSAGE_BYTES[..len]);
                    }
                    let session_hash = transcript.clone().finish();
                    let secret = tls_prf::Secret::new(&P_SHA256, premaster).unwrap();
                    secret.derive(b"extended master secret", session_hash.as_ref(), 48).unwrap().try_into().unwrap()
                }
                None => {
                    transcript.update(&MESSAGE_BYTES[..TLS12_CLIENT_HELLO + TICKET]);
                    transcript.update(&MESSAGE_BYTES[..TLS12_SERVER_HELLO]);
                    [0x22; 48]
                }
            };
            let randoms = [0x33u8; 64];
            let secret = tls_prf::Secret::new(&P_SHA256, &master).unwrap();
            let block: [u8; 40] = secret.derive(b"key expansion", &randoms, 40).unwrap().try_into().unwrap();
            for label in [&b"client finished"[..], b"server finished"] {
                let hash = transcript.clone().finish();
                black_box(tls_prf::Secret::new(&P_SHA256, &master).unwrap().derive(label, hash.as_ref(), 12).unwrap());
                transcript.update(&MESSAGE_BYTES[..TLS12_FINISHED]);
            }
            let iv = |salt: &[u8]| {
                let mut iv = [0u8; 12];
                iv[..4].copy_from_slice(salt);
                iv
            };
            [TrafficKey::new(&block[..16], iv(&block[32..36])), TrafficKey::new(&block[16..32], iv(&block[36..40]))]
        }

        /// One handshake's floor for TLS `version` ("1.3" or "1.2").
        pub fn handshake(&self, version: &str, resumed: bool) {
            match version {
                "1.3" => self.tls13(resumed),
                _ => self.tls12(resumed),
            }
        }

        fn tls12(&self, resumed: bool) {
            let premaster = if resumed {
                self.open_ticket();
                None
            } else {
                let shared = self.ecdhe();
                self.authenticate();
                Some(shared)
            };
            let client = self.tls12_side(premaster.as_deref());
            let server = self.tls12_side(premaster.as_deref());
            send(&client[0], &server[0], TLS12_FINISHED + 8);
            send(&server[1], &client[1], TLS12_FINISHED + 8);
        }
    }

    pub fn cells(budget: Duration) {
        let floor = Floor::new();
        for (version, resumed) in [("1.3", false), ("1.3", true), ("1.2", false), ("1.2", true)] {
            let kind = if resumed { "resumed" } else { "full" };
            let rate = super::rate(budget, 50, || floor.handshake(version, resumed));
            println!("TLS {version} {kind} handshakes/s\tfloor\t{rate:.0}");
        }
        let mut bulk = BulkFloor::new();
        let records_per_sec = super::rate(budget, super::BULK_MIN_RECORDS, || bulk.record());
        println!("{}\tfloor\t{:.0}", super::BULK_CELL, records_per_sec * super::RECORD as f64 / 1e6);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let label = args.get(1).map(String::as_str).unwrap_or("s2n-api");
    let what = args.get(2).map(String::as_str).unwrap_or("all");
    if what == "openssl-version" {
        println!("{}", openssl::version::version());
        return;
    }
    let budget = Duration::from_millis(std::env::var("BENCH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000));
    if what == "s2n" || what == "all" {
        s2n_cells(label, budget);
    }
    if what == "others" || what == "all" {
        rustls_cells(budget);
        openssl_cells(budget);
        floor::cells(budget);
    }
}
