//! Driving a connection: negotiate, send, receive, flush and shut down, with s2n's blocking
//! model. I/O goes through file descriptors or the application's callbacks; a call that
//! would block fails with `S2N_ERR_IO_BLOCKED` (an `S2N_ERR_T_BLOCKED` error) and reports
//! which direction in `*blocked`, and the application calls again when it can.

use std::ffi::CString;
use std::os::raw::{c_int, c_void};
use std::time::Duration;

use libc::iovec;
use rustls_pki_types::{CertificateDer, UnixTime};

use super::abi::*;
use super::connection::{ClientHelloCallback, IoEnd, VerifyHostFn};
use super::{call, OK};
use crate::capi::{arg_mut, arg_ref};
use crate::config::{CacheLookup, ChainVerdict, ClientHelloAction, Hooks, PkeyOutcome, PkeyRequest, Renegotiation};
use crate::conn::Connection;
use crate::error::{Error, ErrorCode, ErrorKind, Result};

/// The application callbacks the handshake may call, with the connection pointer s2n
/// passes to them.
struct CallbackHooks<'a> {
    config: &'a s2n_config,
    conn: *mut s2n_connection,
    verify_host: Option<(VerifyHostFn, *mut c_void)>,
}

/// Whether a handshake step may hand the connection pointer to the application, which may
/// then call back into us with it: any callback below that a hook passes `conn` to. Only
/// then does `process_locked` move the core out while it runs; otherwise the core runs in
/// place, and the hooks reach the connection's other fields only by field (never through a
/// reference to the whole connection, which would alias the running core). A callback
/// added to the hooks must be added here.
fn hooks_may_call_back(config: &s2n_config, c: &s2n_connection) -> bool {
    config.client_hello_cb.is_some()
        || config.cert_validation_cb.is_some()
        || config.crl_lookup.is_some()
        || config.cert_request.is_some()
        || config.cache.retrieve.is_some()
        || config.cache.store.is_some()
        || config.psk_selection_cb.is_some()
        || config.early_data_cb.is_some()
        || config.async_offload.is_some()
        || config.renegotiate_request.is_some()
        || config.key_log.is_some()
        || c.core.common.quic
        || c.rare.as_ref().is_some_and(|rare| rare.secret_cb.is_some())
}

impl Hooks for CallbackHooks<'_> {
    /// The operation goes to the application's callback after the core returns (see
    /// `async_pkey::issue`), when the connection can be queried again.
    fn private_key_operation(&mut self, _request: PkeyRequest) -> Result<PkeyOutcome> {
        Ok(PkeyOutcome::Pending)
    }

    fn choose_psk(&mut self, offered: &[&[u8]], known: &[&[u8]]) -> Result<Option<Option<usize>>> {
        super::psk::run_selection_callback(self.conn, self.config, offered, known)
    }

    fn now(&mut self) -> UnixTime {
        if let Some((clock, ctx)) = self.config.wall_clock {
            let mut nanos = 0u64;
            // SAFETY: the application registered this clock with its context.
            if unsafe { clock(ctx, &mut nanos) } == 0 {
                return UnixTime::since_unix_epoch(Duration::from_nanos(nanos));
            }
        }
        UnixTime::now()
    }

    /// Runs the application's cert validation callback. The core is out of the connection
    /// while it runs, so the connection shows the callback a copy of the chain (for
    /// `s2n_connection_get_peer_cert_chain` and `_get_client_cert_chain`).
    fn peer_chain_verdict(&mut self, chain: &[CertificateDer<'static>]) -> Result<ChainVerdict> {
        let Some((callback, ctx)) = self.config.cert_validation_cb else { return Ok(ChainVerdict::Accept) };
        // SAFETY: the connection outlives this call; the core is not in it.
        let c = unsafe { &mut *self.conn };
        c.cert_validation = Default::default();
        c.core.common.summary.peer_chain = chain.to_vec();
        let info: *mut s2n_cert_validation_info = &mut c.cert_validation;
        // SAFETY: the application registered this callback with `ctx`.
        let rc = unsafe { callback(self.conn, info, ctx) };
        // SAFETY: as above, re-derived after the callback.
        let c = unsafe { &mut *self.conn };
        c.core.common.summary.peer_chain = Vec::new();
        if rc != 0 {
            return Err(Error::new(ErrorCode::CANCELLED));
        }
        Ok(match (c.cert_validation.finished, c.cert_validation.accepted) {
            (false, _) => ChainVerdict::Later,
            (true, true) => ChainVerdict::Accept,
            (true, false) => ChainVerdict::Reject,
        })
    }

    fn revocation_lists(&mut self, chain: &[CertificateDer<'static>]) -> Result<crate::config::RevocationLists> {
        super::crl::revocation_lists(self.config, self.conn, chain)
    }

    fn client_certificate(&mut self, authorities: &[u8]) -> Result<Option<std::sync::Arc<crate::pki::CertifiedKey>>> {
        super::cert_authorities::ask_application(self.config, self.conn, authorities)
    }

    fn verify_host(&mut self, name: &str) -> Option<bool> {
        let (verify, data) = self.verify_host.or(self.config.verify_host)?;
        let c_name = CString::new(name).ok()?;
        // SAFETY: the application registered this callback with `data`.
        Some(unsafe { verify(c_name.as_ptr(), name.len(), data) } != 0)
    }

    /// Runs the application's client-hello callback once per handshake. After it ran the
    /// handshake pauses, so that the negotiate loop re-reads the connection's config (the
    /// callback may have swapped it) before answering.
    fn client_hello(&mut self, raw: &[u8], record_version: u16) -> ClientHelloAction {
        // SAFETY: the connection outlives this call. Its fields are reached one by one, as
        // the core may be running in place (see `hooks_may_call_back`).
        let (stored, state) = unsafe {
            (
                &mut *std::ptr::addr_of_mut!((*self.conn).client_hello),
                &mut *std::ptr::addr_of_mut!((*self.conn).client_hello_cb),
            )
        };
        if stored.is_none() {
            let Ok(ch) = s2n_client_hello::new(raw, record_version) else { return ClientHelloAction::Continue };
            *stored = Some(Box::new(ch));
        }
        match *state {
            ClientHelloCallback::Done => return ClientHelloAction::Continue,
            ClientHelloCallback::Waiting => return ClientHelloAction::Pause,
            ClientHelloCallback::NotCalled => {}
        }
        let Some((callback, ctx)) = self.config.client_hello_cb else {
            *state = ClientHelloCallback::Done;
            return ClientHelloAction::Continue;
        };
        let blocking = self.config.client_hello_cb_mode == s2n_client_hello_cb_mode::S2N_CLIENT_HELLO_CB_BLOCKING;
        *state = ClientHelloCallback::Waiting;
        // SAFETY: the application registered this callback with `ctx`; the core is out of
        // the connection (a callback is set), so the application may use all of it.
        let rc = unsafe { callback(self.conn, ctx) };
        if rc < 0 {
            return ClientHelloAction::Reject;
        }
        if blocking {
            // SAFETY: as above, re-derived after the callback.
            unsafe { (*self.conn).client_hello_cb = ClientHelloCallback::Done };
        }
        ClientHelloAction::Pause
    }

    fn cache_retrieve(&mut self, session_id: &[u8]) -> CacheLookup {
        let Some((retrieve, ctx)) = self.config.cache.retrieve else { return CacheLookup::Miss };
        // Our sealed sessions are about 110 bytes; this leaves the application room to spare.
        let mut entry = vec![0u8; 1024];
        let mut len = entry.len() as u64;
        // SAFETY: the application registered this callback with `ctx`; both buffers live
        // through the call and `len` says how much `entry` holds.
        let rc = unsafe {
            retrieve(
                self.conn,
                ctx,
                session_id.as_ptr().cast(),
                session_id.len() as u64,
                entry.as_mut_ptr().cast(),
                &mut len,
            )
        };
        match rc {
            S2N_CALLBACK_BLOCKED => {
                // SAFETY: the connection outlives this call; the core does not hold this field.
                unsafe { (*self.conn).cache_blocked = true };
                CacheLookup::Blocked
            }
            rc if rc < 0 || len as usize > entry.len() => CacheLookup::Miss,
            _ => {
                entry.truncate(len as usize);
                CacheLookup::Found(entry)
            }
        }
    }

    fn cache_store(&mut self, session_id: &[u8], ttl_secs: u64, entry: &[u8]) {
        if let Some((store, ctx)) = self.config.cache.store {
            // SAFETY: the application registered this callback with `ctx`; the buffers outlive
            // the call. A failed store only means no resumption later.
            unsafe {
                store(
                    self.conn,
                    ctx,
                    ttl_secs,
                    session_id.as_ptr().cast(),
                    session_id.len() as u64,
                    entry.as_ptr().cast(),
                    entry.len() as u64,
                )
            };
        }
    }

    fn secret(&mut self, label: &str, secret: &[u8]) -> Result<()> {
        super::quic::deliver_secret(self.conn, label, secret)
    }

    fn quic_transport_parameters(&mut self, parameters: &[u8]) {
        super::quic::keep_peer_parameters(self.conn, parameters);
    }

    fn offloads_verification(&self) -> bool {
        super::async_offload::offloads_verification(self.config)
    }

    fn offload_verification(&mut self, job: crate::offload::VerifyJob) -> Result<crate::offload::VerifyOutcome> {
        super::async_offload::offload(self.conn, self.config, job)
    }

    fn early_data(&mut self, context: &[u8]) -> Result<crate::config::EarlyDataAction> {
        super::early_data::run_callback(self.conn, self.config, context)
    }

    fn wants_renegotiation_requests(&self) -> bool {
        self.config.renegotiate_request.is_some()
    }

    fn renegotiation_requested(&mut self) -> Result<Renegotiation> {
        let Some((callback, ctx)) = self.config.renegotiate_request else { return Ok(Renegotiation::Ignore) };
        let mut response = s2n_renegotiate_response::S2N_RENEGOTIATE_REJECT as c_int;
        // SAFETY: the application registered this callback with `ctx`; it writes one enum
        // value, read back as an int so that an out-of-range one is caught.
        let rc = unsafe { callback(self.conn, ctx, (&mut response as *mut c_int).cast()) };
        if rc != 0 {
            return Err(Error::new(ErrorCode::CANCELLED));
        }
        Ok(match response {
            r if r == s2n_renegotiate_response::S2N_RENEGOTIATE_IGNORE as c_int => Renegotiation::Ignore,
            r if r == s2n_renegotiate_response::S2N_RENEGOTIATE_ACCEPT as c_int => Renegotiation::Accept,
            _ => Renegotiation::Refuse,
        })
    }

    fn wants_key_log(&self) -> bool {
        self.config.key_log.is_some()
    }

    fn key_log(&mut self, line: &str) {
        if let Some((log, ctx)) = self.config.key_log {
            // A copy the callback may write to, wiped after (the line holds a secret).
            let mut bytes = zeroize::Zeroizing::new(line.as_bytes().to_vec());
            // SAFETY: the application registered this callback with `ctx`.
            unsafe { log(ctx, self.conn, bytes.as_mut_ptr(), bytes.len()) };
        }
    }
}

/// Holds the connection's engine lock. s2n allows one thread in `s2n_send` while another is
/// in `s2n_recv`: each touches `core` only with this held, and moves bytes over the transport
/// without it, on memory the other side leaves alone (the writer owns the records it took out
/// of the engine; the reader the free space at the end of the engine's input buffer).
fn lock_engine<'a>(conn: *mut s2n_connection) -> std::sync::MutexGuard<'a, ()> {
    // SAFETY: `conn` was checked non-NULL by io_call and outlives the call; only the lock
    // field is borrowed, so the guard does not alias the rest of the connection.
    let lock = unsafe { &*std::ptr::addr_of!((*conn).engine_lock) };
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs the core engine on what has been received.
pub(crate) fn process(conn: *mut s2n_connection) -> Result<()> {
    let _engine = lock_engine(conn);
    process_locked(conn)
}

/// [`process`] for a caller that holds the engine lock.
fn process_locked(conn: *mut s2n_connection) -> Result<()> {
    // SAFETY: `conn` was checked non-NULL by the caller and stays valid for this call.
    let c = unsafe { &mut *conn };
    let verify_host = c.verify_host();
    // A verdict the cert validation callback left for later may have come.
    if c.core.awaits_chain_verdict() && c.cert_validation.finished {
        c.core.set_peer_chain_verdict(c.cert_validation.accepted);
    } else if c.core.is_idle() {
        // Nothing to do: spare the engine's run (half the calls in a handshake).
        return Ok(());
    }
    let result = run_engine(conn, verify_host, |core, config, hooks| core.process(config, hooks));
    super::session::deliver_new_sessions(conn);
    result
}

/// Runs `step` on the connection's core, with the hooks that call the application. When a
/// callback may get the connection pointer (see [`hooks_may_call_back`]) the core is moved
/// out of the connection while `step` runs, so that the application may use the connection
/// from the callback; otherwise it runs in place, sparing the two copies of it and the
/// placeholder. The caller holds the engine lock.
fn run_engine(
    conn: *mut s2n_connection,
    verify_host: Option<(VerifyHostFn, *mut c_void)>,
    step: impl FnOnce(&mut Connection, &crate::config::Config, &mut CallbackHooks<'_>) -> Result<()>,
) -> Result<()> {
    // SAFETY: `conn` was checked non-NULL by the caller and stays valid for this call.
    let c = unsafe { &mut *conn };
    let config: *const s2n_config = c.config();
    // SAFETY: configs outlive the connections using them (s2n's rule).
    let config = unsafe { &*config };
    let mut hooks = CallbackHooks { config, conn, verify_host };
    if hooks_may_call_back(config, c) {
        let side = c.core.side();
        let mut core = std::mem::replace(&mut c.core, Connection::new(side));
        let result = step(&mut core, &config.core, &mut hooks);
        // SAFETY: as above; re-derived after the callbacks ran.
        unsafe { (*conn).core = core };
        result
    } else {
        // SAFETY: only the core field is borrowed (`c` is not used again); the hooks reach
        // other fields through `conn` field by field.
        let core = unsafe { &mut *std::ptr::addr_of_mut!((*conn).core) };
        step(core, &config.core, &mut hooks)
    }
}

/// Server: sends tickets the application asked for with `s2n_connection_add_new_tickets_to_send`.
fn send_requested_tickets(conn: *mut s2n_connection) -> Result<()> {
    let _engine = lock_engine(conn);
    // SAFETY: `conn` was checked non-NULL by the caller.
    let c = unsafe { &mut *conn };
    if c.tickets_to_send == 0 || c.core.is_handshaking() {
        return Ok(());
    }
    let count = std::mem::take(&mut c.tickets_to_send);
    run_engine(conn, None, |core, config, hooks| core.issue_tickets(config, hooks, count))
}

fn last_os_error() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn would_block(errno: c_int) -> bool {
    errno == libc::EAGAIN || errno == libc::EWOULDBLOCK
}

/// Sends queued TLS bytes until none are left or the transport would block.
fn flush(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status) -> Result<()> {
    loop {
        let (out, write, send_ctx) = {
            let _engine = lock_engine(conn);
            // SAFETY: checked non-NULL by the caller.
            let c = unsafe { &mut *conn };
            if c.core.outgoing().is_empty() {
                return Ok(());
            }
            (c.core.take_outgoing(), c.write, c.send_ctx)
        };
        let mut sent = 0;
        let mut failure = None;
        while sent < out.len() {
            let rest = &out[sent..];
            let len = rest.len().min(u32::MAX as usize);
            // (bytes written or -1, whether there is a transport at all)
            let (written, transport) = match write {
                IoEnd::Fd(fd) => (
                    loop {
                        // MSG_NOSIGNAL: a peer that went away is an error to report, not SIGPIPE.
                        let mut n = unsafe { libc::send(fd, rest.as_ptr().cast(), len, libc::MSG_NOSIGNAL) };
                        if n < 0 && last_os_error() == libc::ENOTSOCK {
                            n = unsafe { libc::write(fd, rest.as_ptr().cast(), len) };
                        }
                        if n >= 0 || last_os_error() != libc::EINTR {
                            break n;
                        }
                    },
                    true,
                ),
                // SAFETY: the application registered this callback with `send_ctx`.
                IoEnd::Callback(send) => ((unsafe { send(send_ctx, rest.as_ptr(), len as u32) }) as isize, true),
                IoEnd::None => (-1, false),
            };
            if written < 0 {
                failure = Some(if transport && would_block(last_os_error()) {
                    *blocked = s2n_blocked_status::S2N_BLOCKED_ON_WRITE;
                    ErrorCode::IO_BLOCKED
                } else {
                    ErrorCode::IO
                });
                break;
            }
            sent += (written as usize).min(rest.len());
        }
        let _engine = lock_engine(conn);
        let c = unsafe { &mut *conn };
        c.core.restore_outgoing(out, sent);
        c.wire_bytes_out += sent as u64;
        if let Some(code) = failure {
            return Err(Error::new(code));
        }
    }
}

/// Reads the bytes the engine needs next (the rest of one record, never more, so data
/// after the TLS stream stays in the socket). End of stream is `S2N_ERR_CLOSED`. A record
/// header read on its own is followed by a read for its body, as the engine has nothing to
/// do with the header alone.
fn read_more(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status) -> Result<()> {
    read_once(conn, blocked)?;
    let body_next = {
        let _engine = lock_engine(conn);
        // SAFETY: checked non-NULL by the caller.
        unsafe { &*conn }.core.wants_record_body()
    };
    if body_next {
        read_once(conn, blocked)?;
    }
    Ok(())
}

/// One read of what the engine wants next (see [`read_more`]).
pub(crate) fn read_once(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status) -> Result<()> {
    let (space, want, read, recv_ctx) = {
        let _engine = lock_engine(conn);
        // SAFETY: checked non-NULL by the caller.
        let c = unsafe { &mut *conn };
        // With recv buffering, take up to a full record's worth whatever the stream holds.
        let want = if c.recv_buffering {
            c.core.wanted_bytes().max(crate::record::HEADER_LEN + crate::record::MAX_CIPHERTEXT)
        } else {
            c.core.wanted_bytes()
        };
        (c.core.read_buffer(want).as_mut_ptr(), want, c.read, c.recv_ctx)
    };
    // SAFETY: `space` is `want` bytes at the end of the engine's input buffer. Only the
    // receiving side resizes that buffer, and it is here, so the space stays put until
    // `commit_read` below.
    let got = match read {
        IoEnd::Fd(fd) => loop {
            let n = unsafe { libc::read(fd, space.cast(), want) };
            if n >= 0 || last_os_error() != libc::EINTR {
                break n;
            }
        },
        IoEnd::Callback(recv) => (unsafe { recv(recv_ctx, space, want as u32) }) as isize,
        IoEnd::None => {
            let _engine = lock_engine(conn);
            unsafe { &mut *conn }.core.commit_read(want, 0);
            return Err(Error::new(ErrorCode::IO));
        }
    };
    let errno = last_os_error();
    let _engine = lock_engine(conn);
    let c = unsafe { &mut *conn };
    c.core.commit_read(want, got.max(0) as usize);
    match got {
        0 => Err(Error::new(ErrorCode::CLOSED)),
        n if n < 0 && would_block(errno) => {
            *blocked = s2n_blocked_status::S2N_BLOCKED_ON_READ;
            Err(Error::new(ErrorCode::IO_BLOCKED))
        }
        n if n < 0 => Err(Error::new(ErrorCode::IO)),
        n => {
            c.wire_bytes_in += n as u64;
            Ok(())
        }
    }
}

/// After a failure, s2n "kills" the connection: errors that could leak secrets through
/// timing get a random 10-30 s delay (or a third to all of the configured maximum), slept
/// here with built-in blinding or left to the application with self-service blinding.
fn apply_blinding(conn: *mut s2n_connection, result: &Result<c_int>) {
    let Err(err) = result else { return };
    if err.kind() == ErrorKind::Blocked {
        return;
    }
    let exempt = matches!(
        err.code,
        ErrorCode::CLOSED
            | ErrorCode::CANCELLED
            | ErrorCode::CIPHER_NOT_SUPPORTED
            | ErrorCode::PROTOCOL_VERSION_UNSUPPORTED
            | ErrorCode::MISSING_CLIENT_CERT
    );
    // SAFETY: checked non-NULL by the caller.
    let c = unsafe { &mut *conn };
    if exempt || c.rare.as_ref().is_some_and(|rare| rare.delay.is_some()) {
        return;
    }
    let max = c.config().max_blinding.unwrap_or(Duration::from_secs(30));
    let min = if c.config().max_blinding.is_some() { max / 3 } else { Duration::from_secs(10) };
    if max.is_zero() {
        return;
    }
    // Without randomness the delay is the minimum, which still hides the failure's timing.
    let random = crate::crypto::random_array::<8>().unwrap_or_default();
    let span = (max - min).as_nanos() as u64;
    let delay = min + Duration::from_nanos(if span == 0 { 0 } else { u64::from_ne_bytes(random) % span });
    c.rare_mut().delay = Some((super::config::monotonic_nanos(c.config()), delay));
    if c.blinding == s2n_blinding::S2N_BUILT_IN_BLINDING {
        std::thread::sleep(delay);
    }
}

/// Runs `body` as an s2n I/O call: checks the pointers, sets `*blocked`, applies blinding.
pub(crate) fn io_call<T>(
    conn: *mut s2n_connection,
    blocked: *mut s2n_blocked_status,
    body: impl FnOnce(*mut s2n_connection, &mut s2n_blocked_status) -> Result<T>,
) -> Result<T>
where
    T: Copy + Into<i64>,
{
    unsafe { arg_ref(conn) }?;
    let blocked = unsafe { arg_mut(blocked) }?;
    *blocked = s2n_blocked_status::S2N_NOT_BLOCKED;
    let result = body(conn, blocked);
    if result.is_ok() {
        *blocked = s2n_blocked_status::S2N_NOT_BLOCKED;
    }
    if let Err(err) = &result {
        if err.kind() != ErrorKind::Blocked {
            super::session::evict_from_cache(conn);
        }
    }
    apply_blinding(conn, &result.as_ref().map(|_| 0).map_err(|e| *e));
    result
}

/// Whether TCP_CORK is on for `fd` (false for sockets that are not TCP).
pub(crate) fn is_corked(fd: c_int) -> bool {
    let mut value: c_int = 0;
    let mut len = std::mem::size_of::<c_int>() as libc::socklen_t;
    // SAFETY: `value` and `len` describe a writable int, as getsockopt expects.
    let rc =
        unsafe { libc::getsockopt(fd, libc::IPPROTO_TCP, libc::TCP_CORK, (&mut value as *mut c_int).cast(), &mut len) };
    rc == 0 && value != 0
}

/// With `s2n_connection_use_corked_io`: corks or uncorks the connection's socket. Failures
/// are ignored, as s2n ignores them (the cork only shapes packets).
fn set_cork(c: &mut s2n_connection, on: bool) {
    if c.cork_on == on {
        return;
    }
    if let (true, IoEnd::Fd(fd)) = (c.corked_io, c.write) {
        c.cork_on = on;
        let value = c_int::from(on);
        // SAFETY: `value` is a readable int of the size passed.
        unsafe {
            libc::setsockopt(
                fd,
                libc::IPPROTO_TCP,
                libc::TCP_CORK,
                (&value as *const c_int).cast(),
                std::mem::size_of::<c_int>() as libc::socklen_t,
            )
        };
    }
}

pub(crate) fn negotiate(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status) -> Result<c_int> {
    loop {
        // A flight to write: cork, so it leaves in full packets.
        // SAFETY: checked non-NULL by io_call.
        let c = unsafe { &mut *conn };
        if c.corked_io && c.core.is_handshaking() && !c.core.outgoing().is_empty() {
            set_cork(c, true);
        }
        flush(conn, blocked)?;
        // SAFETY: checked non-NULL by io_call.
        let c = unsafe { &mut *conn };
        if !c.core.is_handshaking() {
            set_cork(c, false);
            shed_idle_outgoing(conn);
            shed_idle_incoming(conn);
            return OK;
        }
        match process(conn) {
            Ok(()) => {}
            // The client-hello callback ran: go again with the (possibly new) config, or
            // report that the application still has to finish it.
            Err(err) if err.code == ErrorCode::ASYNC_BLOCKED => {
                // The handshake waits for a signature: the application gets the operation
                // now that the connection is whole again; if it answered at once, go on.
                if super::async_pkey::issue(conn)? {
                    continue;
                }
                let c = unsafe { &mut *conn };
                if c.core.pending_private_key_operation().is_some()
                    || c.core.awaits_chain_verdict()
                    || c.core.awaits_revocation_lists()
                    || super::early_data::decision_pending(c)
                    || super::async_offload::pending(c)
                {
                    *blocked = s2n_blocked_status::S2N_BLOCKED_ON_APPLICATION_INPUT;
                    return Err(err);
                }
                // The session cache answered "blocked": ask it again on the next call.
                let cache_blocked = std::mem::take(&mut c.cache_blocked);
                if c.client_hello_cb == ClientHelloCallback::Done && !cache_blocked {
                    continue;
                }
                *blocked = s2n_blocked_status::S2N_BLOCKED_ON_APPLICATION_INPUT;
                return Err(err);
            }
            // Early data to read (server), or our EndOfEarlyData held back (client); a
            // renegotiating client's application data (the same blocked status).
            Err(err) if err.code == ErrorCode::EARLY_DATA_BLOCKED || err.code == ErrorCode::APP_DATA_BLOCKED => {
                flush(conn, blocked)?;
                *blocked = s2n_blocked_status::S2N_BLOCKED_ON_EARLY_DATA;
                return Err(err);
            }
            Err(err) => {
                // Get the fatal alert out if the transport lets us; the error is what matters.
                let _ = flush(conn, &mut s2n_blocked_status::S2N_NOT_BLOCKED);
                set_cork(unsafe { &mut *conn }, false);
                return Err(err);
            }
        }
        let c = unsafe { &mut *conn };
        if !c.core.outgoing().is_empty() || !c.core.is_handshaking() {
            continue;
        }
        if c.core.peer_closed() {
            return Err(Error::new(ErrorCode::CLOSED));
        }
        // The flight is out: uncork it before waiting for the peer's answer.
        set_cork(c, false);
        read_more(conn, blocked)?;
    }
}

#[no_mangle]
pub extern "C" fn s2n_negotiate(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    let start = super::events::negotiate_started(conn);
    let rc = call(|| io_call(conn, blocked, negotiate));
    super::events::negotiate_returned(conn, start, rc);
    rc
}

/// Internal API: sends whatever is queued.
#[no_mangle]
pub extern "C" fn s2n_flush(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    call(|| io_call(conn, blocked, |conn, blocked| flush(conn, blocked).map(|_| 0)))
}

/// The shared body of `s2n_send`/`s2n_sendv*`: `data` is the caller's whole payload as
/// slices. Follows s2n's partial-write contract: bytes encrypted by an earlier call that
/// blocked are not taken again; if this call blocks after some data reached the wire it
/// returns that count, otherwise it fails with a blocked error.
pub(crate) fn send(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status, data: &[&[u8]]) -> Result<isize> {
    let total: usize = data.iter().map(|d| d.len()).sum();
    send_requested_tickets(conn)?;
    flush(conn, blocked)?;
    // `send_consumed` is the writer's own field; it is read and written through the raw
    // pointer each time, because flush() and the engine lock re-borrow the connection.
    // SAFETY (all derefs below): `conn` was checked non-NULL by io_call.
    let consumed = |conn: *mut s2n_connection| unsafe { (*conn).send_consumed };
    if consumed(conn) > total {
        return Err(Error::new(ErrorCode::SEND_SIZE));
    }
    let mut sent = consumed(conn);
    let (max_record, segment_record) = {
        let _engine = lock_engine(conn);
        let c = unsafe { &*conn };
        let core = &c.core;
        // Early data: the whole payload must fit what is left (s2n checks before sending).
        core.check_early_data_send(&c.config().core, total - consumed(conn))?;
        let segment = super::connection::SEGMENT_RECORD_BYTES.saturating_sub(core.record_overhead());
        (core.common.max_fragment, segment.min(core.common.max_fragment))
    };
    // SAFETY: as above; the writer's fields.
    let c = unsafe { &mut *conn };
    let send_buffer = c.config().send_buffer_size.map_or(0, |size| size as usize);
    let now = if c.dynamic_records.is_some() { super::config::monotonic_nanos(c.config()) } else { 0 };
    if let Some(dynamic) = c.dynamic_records.as_deref_mut() {
        // Idle for longer than the timeout: start again with small records.
        let idle = now.saturating_sub(dynamic.last_write_nanos);
        if dynamic.timeout_secs > 0 && idle > u64::from(dynamic.timeout_secs) * 1_000_000_000 {
            dynamic.sent = 0;
        }
        dynamic.last_write_nanos = now;
    }
    let mut record = Vec::new();
    while consumed(conn) < total {
        // SAFETY: as above.
        let c = unsafe { &mut *conn };
        let small = c.dynamic_records.as_deref().is_some_and(|d| d.sent < u64::from(d.resize_threshold));
        let chunk = gather(data, consumed(conn), if small { segment_record } else { max_record }, &mut record);
        let n = chunk.len();
        let buffered = {
            let _engine = lock_engine(conn);
            let core = &mut unsafe { &mut *conn }.core;
            core.write_plaintext(chunk)?;
            core.outgoing().len()
        };
        unsafe { (*conn).send_consumed += n };
        if let Some(dynamic) = unsafe { (*conn).dynamic_records.as_deref_mut() } {
            dynamic.sent += n as u64;
        }
        // With a send buffer, records gather until the next might not fit.
        let more = consumed(conn) < total;
        if more && buffered + crate::record::HEADER_LEN + max_record + 256 <= send_buffer {
            continue;
        }
        if let Err(err) = flush(conn, blocked) {
            if err.code == ErrorCode::IO_BLOCKED && sent > 0 {
                unsafe { (*conn).send_consumed -= sent };
                return Ok(sent as isize);
            }
            return Err(err);
        }
        sent = consumed(conn);
    }
    unsafe { (*conn).send_consumed = 0 };
    shed_idle_outgoing(conn);
    Ok(total as isize)
}

/// With dynamic buffers: the writer frees the output buffer once it is flushed. (The flag
/// is the application's setting, read without the lock so that the usual case costs none.)
fn shed_idle_outgoing(conn: *mut s2n_connection) {
    // SAFETY: `conn` was checked non-NULL by io_call.
    if unsafe { (*conn).dynamic_buffers } {
        let _engine = lock_engine(conn);
        unsafe { &mut *conn }.core.shed_idle_outgoing();
    }
}

/// With dynamic buffers: the reader frees the input buffer once nothing in it is unread.
fn shed_idle_incoming(conn: *mut s2n_connection) {
    // SAFETY: as above.
    if unsafe { (*conn).dynamic_buffers } {
        let _engine = lock_engine(conn);
        unsafe { &mut *conn }.core.shed_idle_incoming();
    }
}

/// Up to `max` bytes of the payload starting at `offset`: a slice of the caller's buffer
/// when it lies within one, else copied into `scratch`.
fn gather<'a>(data: &'a [&'a [u8]], mut offset: usize, max: usize, scratch: &'a mut Vec<u8>) -> &'a [u8] {
    let mut parts = data.iter();
    for part in parts.by_ref() {
        if offset < part.len() {
            let here = &part[offset..];
            if here.len() >= max || data.len() == 1 {
                return &here[..here.len().min(max)];
            }
            scratch.clear();
            scratch.extend_from_slice(here);
            for more in parts {
                let take = (max - scratch.len()).min(more.len());
                scratch.extend_from_slice(&more[..take]);
                if scratch.len() == max {
                    break;
                }
            }
            return scratch;
        }
        offset -= part.len();
    }
    &[]
}

#[no_mangle]
pub extern "C" fn s2n_send(
    conn: *mut s2n_connection,
    buf: *const c_void,
    size: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    call(|| {
        if size < 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        let data = unsafe { crate::capi::arg_bytes(buf.cast(), size as usize) }?;
        io_call(conn, blocked, |conn, blocked| send(conn, blocked, &[data]).map(|n| n as i64)).map(|n| n as isize)
    })
}

/// The caller's iovecs as slices, skipping the first `offs` bytes.
fn iovecs<'a>(bufs: *const iovec, count: libc::ssize_t, offs: libc::ssize_t) -> Result<Vec<&'a [u8]>> {
    if count < 0 || offs < 0 {
        return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
    }
    if count > 0 {
        unsafe { arg_ref(bufs) }?;
    }
    // SAFETY: the caller passes `count` iovecs describing readable memory.
    let vecs = if count == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(bufs, count as usize) } };
    let mut skip = offs as usize;
    let mut out = Vec::with_capacity(vecs.len());
    for v in vecs {
        let part = unsafe { crate::capi::arg_bytes(v.iov_base as *const u8, v.iov_len) }?;
        if skip >= part.len() {
            skip -= part.len();
            continue;
        }
        out.push(&part[skip..]);
        skip = 0;
    }
    if skip > 0 {
        return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
    }
    Ok(out)
}

#[no_mangle]
pub extern "C" fn s2n_sendv(
    conn: *mut s2n_connection,
    bufs: *const iovec,
    count: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    s2n_sendv_with_offset(conn, bufs, count, 0, blocked)
}

#[no_mangle]
pub extern "C" fn s2n_sendv_with_offset(
    conn: *mut s2n_connection,
    bufs: *const iovec,
    count: libc::ssize_t,
    offs: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    call(|| {
        let data = iovecs(bufs, count, offs)?;
        io_call(conn, blocked, |conn, blocked| send(conn, blocked, &data).map(|n| n as i64)).map(|n| n as isize)
    })
}

/// Reads decrypted data; 0 means the peer closed the connection. As in s2n, receiving
/// never writes (a requested KeyUpdate is answered by the next `s2n_send`), so that one
/// thread may receive while another sends.
pub(crate) fn recv(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status, out: &mut [u8]) -> Result<isize> {
    // SAFETY: checked non-NULL by io_call; QUIC moves application data itself.
    if unsafe { &*conn }.core.common.quic {
        return Err(Error::new(ErrorCode::UNSUPPORTED_WITH_QUIC));
    }
    loop {
        {
            let _engine = lock_engine(conn);
            // SAFETY: checked non-NULL by io_call.
            let c = unsafe { &mut *conn };
            let available = c.core.plaintext();
            // Data comes from plaintext already opened, or straight from the next record
            // when it is application data that fits (no copy out of the input buffer).
            let first = if !available.is_empty() {
                let n = available.len().min(out.len());
                out[..n].copy_from_slice(&available[..n]);
                c.core.consume_plaintext(n);
                Some(n)
            } else if c.core.peer_closed() {
                return Ok(0);
            } else if c.core.has_complete_record() {
                match c.core.read_app_data_into(out) {
                    // An empty record: nothing to hand out, read on.
                    Some(0) => continue,
                    Some(n) => Some(n),
                    None => {
                        early_data_ready(process_locked(conn))?;
                        continue;
                    }
                }
            } else {
                None
            };
            if let Some(n) = first {
                let total = fill_from_received(conn, out, n)?;
                let c = unsafe { &mut *conn };
                if c.dynamic_buffers {
                    c.core.shed_idle_incoming();
                }
                return Ok(total as isize);
            }
        }
        match read_more(conn, blocked) {
            Err(err) if err.code == ErrorCode::CLOSED => {
                // The peer went away without close_notify: its session may be truncated.
                super::session::evict_from_cache(conn);
                return Ok(0);
            }
            other => other?,
        }
        // A whole record is taken at the top of the loop, straight into `out` if it can be.
        let whole_record = {
            let _engine = lock_engine(conn);
            unsafe { &*conn }.core.has_complete_record()
        };
        if !whole_record {
            early_data_ready(process(conn))?;
        }
    }
}

/// Multi-record mode (`s2n_config_set_recv_multi_record`): after the first `total` bytes,
/// keeps filling `out` from records already received, never blocking. Returns the total.
/// The caller holds the engine lock.
fn fill_from_received(conn: *mut s2n_connection, out: &mut [u8], mut total: usize) -> Result<usize> {
    loop {
        // SAFETY: checked non-NULL by io_call; re-derived after the engine ran callbacks.
        let c = unsafe { &mut *conn };
        if !c.config().recv_multi_record || total == out.len() || !c.core.has_complete_record() {
            return Ok(total);
        }
        if let Some(n) = c.core.read_app_data_into(&mut out[total..]) {
            total += n;
            continue;
        }
        process_locked(conn)?;
        let c = unsafe { &mut *conn };
        let more = c.core.plaintext();
        let m = more.len().min(out.len() - total);
        if m == 0 {
            return Ok(total);
        }
        out[total..total + m].copy_from_slice(&more[..m]);
        c.core.consume_plaintext(m);
        total += m;
    }
}

/// For a reader, early data (or a renegotiation's application data) the engine stopped at
/// is data to hand out, not a wait.
fn early_data_ready(result: Result<()>) -> Result<()> {
    match result {
        Err(err) if err.code == ErrorCode::EARLY_DATA_BLOCKED || err.code == ErrorCode::APP_DATA_BLOCKED => Ok(()),
        other => other,
    }
}

#[no_mangle]
pub extern "C" fn s2n_recv(
    conn: *mut s2n_connection,
    buf: *mut c_void,
    size: libc::ssize_t,
    blocked: *mut s2n_blocked_status,
) -> libc::ssize_t {
    call(|| {
        if size < 0 {
            return Err(Error::new(ErrorCode::INVALID_ARGUMENT));
        }
        if size > 0 {
            unsafe { arg_ref(buf as *const u8) }?;
        }
        // SAFETY: the caller passes `size` writable bytes.
        let out =
            if size == 0 { &mut [][..] } else { unsafe { std::slice::from_raw_parts_mut(buf.cast(), size as usize) } };
        io_call(conn, blocked, |conn, blocked| recv(conn, blocked, out).map(|n| n as i64)).map(|n| n as isize)
    })
}

/// Decrypted bytes ready to be read without touching the transport.
#[no_mangle]
pub extern "C" fn s2n_peek(conn: *mut s2n_connection) -> u32 {
    call(|| {
        unsafe { arg_ref(conn) }?;
        let _engine = lock_engine(conn);
        Ok(unsafe { &*conn }.core.plaintext().len() as u32)
    })
}

/// Received TLS bytes not yet decrypted.
#[no_mangle]
pub extern "C" fn s2n_peek_buffered(conn: *mut s2n_connection) -> u32 {
    call(|| {
        unsafe { arg_ref(conn) }?;
        let _engine = lock_engine(conn);
        Ok(unsafe { &*conn }.core.buffered_tls() as u32)
    })
}

/// Sends close_notify (or the alert a failure left) and, after a completed handshake, waits
/// for the peer's close_notify, discarding data that arrives meanwhile. As in s2n, nothing is
/// awaited from a peer when the handshake never finished or the connection failed.
#[no_mangle]
pub extern "C" fn s2n_shutdown(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    call(|| {
        io_call(conn, blocked, |conn, blocked| {
            shutdown_send(conn, blocked)?;
            let c = unsafe { &mut *conn };
            if c.core.status() != crate::conn::Status::Open {
                return OK;
            }
            loop {
                {
                    let _engine = lock_engine(conn);
                    let c = unsafe { &mut *conn };
                    if c.core.peer_closed() {
                        return OK;
                    }
                    let pending = c.core.plaintext().len();
                    c.core.consume_plaintext(pending);
                    if c.core.has_complete_record() {
                        process_locked(conn)?;
                        continue;
                    }
                }
                read_more(conn, blocked)?;
                process(conn)?;
            }
        })
    })
}

fn shutdown_send(conn: *mut s2n_connection, blocked: &mut s2n_blocked_status) -> Result<c_int> {
    let c = unsafe { &mut *conn };
    // Self-service blinding: no alert may reveal the failure before the delay has passed.
    if !c.blinding_left().is_zero() {
        return Err(Error::new(ErrorCode::SHUTDOWN_PAUSED));
    }
    {
        let _engine = lock_engine(conn);
        unsafe { &mut *conn }.core.send_close_notify();
    }
    flush(conn, blocked)?;
    OK
}

/// Sends close_notify without waiting for the peer's.
#[no_mangle]
pub extern "C" fn s2n_shutdown_send(conn: *mut s2n_connection, blocked: *mut s2n_blocked_status) -> c_int {
    call(|| io_call(conn, blocked, shutdown_send))
}
