//! Everything that needs a TLS connection: connecting, accepting, the handshake, I/O and
//! what the peer presented, on the sans-I/O engine.
//!
//! libtls's I/O model: a call that cannot go on without the transport returns
//! `TLS_WANT_POLLIN` / `TLS_WANT_POLLOUT`, which happens only when the transport would block
//! (a non-blocking socket answering EAGAIN, or a callback returning one of those values);
//! on a blocking socket every call runs to completion. The handshake runs implicitly on the
//! first read or write. A connection's facts (`tls_conn_*`, `tls_peer_*`) are gathered once,
//! when the handshake completes, and live as long as the connection.

use std::ffi::CString;
use std::io;
use std::os::raw::{c_char, c_int, c_uchar, c_void};
use std::sync::{Arc, MutexGuard, TryLockError};

use rustls_pki_types::{CertificateDer, ServerName};

use super::abi::{tls, tls_read_cb, tls_write_cb, TLS_ERROR_INVALID_CONTEXT, TLS_WANT_POLLIN, TLS_WANT_POLLOUT};
use super::context::Role;
use super::engine::{describe, version_name, Built};
use super::files::{read_session_file, write_session_file};
use super::{arg_opt_str, arg_str, call, lock, TlsError, TlsResult};
use crate::capi::into_c;
use crate::config::Hooks;
use crate::conn::{Connection, Side, Status};

/// The application's read and write callbacks, as `tls_connect_cbs`/`tls_accept_cbs` take them.
type ReadFn = unsafe extern "C" fn(*mut tls, *mut c_void, usize, *mut c_void) -> libc::ssize_t;
type WriteFn = unsafe extern "C" fn(*mut tls, *const c_void, usize, *mut c_void) -> libc::ssize_t;

/// Where a connection's TLS bytes come from and go to.
enum Io {
    Fds { read: c_int, write: c_int },
    Callbacks { read: ReadFn, write: WriteFn, arg: *mut c_void },
}

/// Why an operation stopped short: the transport would block (and which way), or a failure.
enum Stop {
    Want(c_int),
    Fail(TlsError),
}

impl From<TlsError> for Stop {
    fn from(err: TlsError) -> Stop {
        Stop::Fail(err)
    }
}

type Step<T> = Result<T, Stop>;

/// What the handshake negotiated, as C strings that stay put for the connection's life.
struct Info {
    version: CString,
    cipher: CString,
    strength: c_int,
    /// The handshake resumed an earlier session.
    resumed: bool,
    alpn: Option<CString>,
    servername: Option<CString>,
    /// The peer's chain, leaf first (empty if it sent none).
    chain: Vec<CertificateDer<'static>>,
    hash: Option<CString>,
    chain_pem: Vec<u8>,
    /// The leaf's fields, when it decodes.
    leaf: Option<LeafInfo>,
    /// The OCSP responder the leaf names (authorityInfoAccess).
    ocsp_url: Option<CString>,
    /// What a stapled OCSP response (or one given to tls_ocsp_process_response) said.
    ocsp: Option<OcspInfo>,
}

/// A checked OCSP response, as the tls_peer_ocsp_* functions report it.
struct OcspInfo {
    status: crate::ocsp::OcspStatus,
    /// OpenSSL's word for the leaf's status ("good", "revoked", "unknown").
    result: CString,
}

impl OcspInfo {
    fn new(status: crate::ocsp::OcspStatus) -> OcspInfo {
        use crate::ocsp::LeafStatus;
        let word = match status.cert_status {
            LeafStatus::Good => c"good",
            LeafStatus::Revoked => c"revoked",
            LeafStatus::Unknown => c"unknown",
        };
        OcspInfo { status, result: word.to_owned() }
    }
}

/// The peer certificate fields libtls reports as text and times.
struct LeafInfo {
    /// OpenSSL's one-line names ("/C=US/O=Example/CN=host"), as libtls returns them.
    issuer: CString,
    subject: CString,
    common_name: Option<CString>,
    not_before: libc::time_t,
    not_after: libc::time_t,
}

/// The hooks the engine calls during a libtls handshake.
struct LibtlsHooks {
    verify_name: bool,
}

impl Hooks for LibtlsHooks {
    /// With `tls_config_insecure_noverifyname` any name is accepted; otherwise the engine's
    /// default rules compare the certificate with the server name.
    fn verify_host(&mut self, _name: &str) -> Option<bool> {
        (!self.verify_name).then_some(true)
    }
}

/// One connection: the engine, its transport, and libtls's view of its state.
pub(crate) struct Session {
    core: Connection,
    engine: Arc<Built>,
    io: Io,
    /// The context C knows the connection by, handed to the callbacks.
    ctx: *mut tls,
    /// The socket `tls_connect` made, which `tls_close` (or freeing the context) closes.
    socket: c_int,
    /// Client: the name to verify and send. Server: the name the client asked for.
    servername: Option<String>,
    complete: bool,
    needs_shutdown: bool,
    /// The peer closed the transport without close_notify after the handshake.
    eof_no_close_notify: bool,
    /// Bytes of the caller's `tls_write` buffer already encrypted but not yet all sent.
    write_pending: usize,
    info: Option<Info>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.socket >= 0 {
            // SAFETY: the socket is ours (tls_connect made it) and nothing else closes it.
            unsafe { libc::close(self.socket) };
        }
    }
}

fn last_os_error() -> io::Error {
    io::Error::last_os_error()
}

fn would_block(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::WouldBlock
}

impl Session {
    fn new(core: Connection, engine: Arc<Built>, io: Io, ctx: *mut tls, servername: Option<String>) -> Session {
        Session {
            core,
            engine,
            io,
            ctx,
            socket: -1,
            servername,
            complete: false,
            needs_shutdown: false,
            eof_no_close_notify: false,
            write_pending: 0,
            info: None,
        }
    }

    /// Sends queued TLS bytes until none are left or the transport would block.
    fn flush(&mut self, op: &str) -> Step<()> {
        while !self.core.outgoing().is_empty() {
            let out = self.core.outgoing();
            let written = match self.io {
                Io::Fds { write, .. } => loop {
                    // MSG_NOSIGNAL: a peer that went away is an error to report, not SIGPIPE.
                    // SAFETY: `out` is readable for its length; the fd is the application's.
                    let mut n = unsafe { libc::send(write, out.as_ptr().cast(), out.len(), libc::MSG_NOSIGNAL) };
                    if n < 0 && last_os_error().raw_os_error() == Some(libc::ENOTSOCK) {
                        // SAFETY: as above.
                        n = unsafe { libc::write(write, out.as_ptr().cast(), out.len()) };
                    }
                    if n >= 0 {
                        break n;
                    }
                    let err = last_os_error();
                    if err.kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    if would_block(&err) {
                        return Err(Stop::Want(TLS_WANT_POLLOUT));
                    }
                    return Err(Stop::Fail(TlsError::os(format_args!("{op} failed"), &err)));
                },
                Io::Callbacks { write, arg, .. } => {
                    // SAFETY: the application registered this callback with `arg`.
                    let n = unsafe { write(self.ctx, out.as_ptr().cast(), out.len(), arg) };
                    match n as c_int {
                        _ if n >= 0 => n,
                        TLS_WANT_POLLIN | TLS_WANT_POLLOUT => return Err(Stop::Want(n as c_int)),
                        _ => return Err(Stop::Fail(TlsError::new(format!("{op} failed: write callback failed")))),
                    }
                }
            };
            self.core.consume_outgoing((written as usize).min(self.core.outgoing().len()));
        }
        Ok(())
    }

    /// Reads the bytes the engine needs next (the rest of one record, never more, so data
    /// after the TLS stream stays in the transport). Returns how many arrived; 0 is EOF.
    fn read_more(&mut self, op: &str) -> Step<usize> {
        let want = self.core.wanted_bytes();
        let (io_read, ctx) = (&self.io, self.ctx);
        let buf = self.core.read_buffer(want);
        let result = match *io_read {
            Io::Fds { read, .. } => loop {
                // SAFETY: `buf` is writable for `want` bytes.
                let n = unsafe { libc::read(read, buf.as_mut_ptr().cast(), want) };
                if n >= 0 {
                    break Ok(n as usize);
                }
                let err = last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                break Err(if would_block(&err) {
                    Stop::Want(TLS_WANT_POLLIN)
                } else {
                    Stop::Fail(TlsError::os(format_args!("{op} failed"), &err))
                });
            },
            Io::Callbacks { read, arg, .. } => {
                // SAFETY: the application registered this callback with `arg`; `buf` is
                // writable for `want` bytes.
                let n = unsafe { read(ctx, buf.as_mut_ptr().cast(), want, arg) };
                match n as c_int {
                    _ if n >= 0 => Ok((n as usize).min(want)),
                    TLS_WANT_POLLIN | TLS_WANT_POLLOUT => Err(Stop::Want(n as c_int)),
                    _ => Err(Stop::Fail(TlsError::new(format!("{op} failed: read callback failed")))),
                }
            }
        };
        self.core.commit_read(want, *result.as_ref().unwrap_or(&0));
        result
    }

    /// Runs the engine on what has arrived. A failure has queued a fatal alert, which goes
    /// out if the transport takes it; the failure is what is reported.
    fn process(&mut self, op: &str) -> Step<()> {
        let mut hooks = LibtlsHooks { verify_name: self.engine.verify_name };
        match self.core.process(&self.engine.core, &mut hooks) {
            Ok(()) => {
                if self.complete && !self.core.common.received_sessions.is_empty() {
                    // A TLS 1.3 ticket after the handshake. The file is only a cache: if it
                    // cannot be written the next handshake is a full one, which is no
                    // reason to fail this read.
                    let _ = self.save_session();
                }
                Ok(())
            }
            Err(err) => {
                let _ = self.flush(op);
                Err(Stop::Fail(self.describe(err, op)))
            }
        }
    }

    fn describe(&self, err: crate::error::Error, op: &str) -> TlsError {
        describe(err, op, self.core.common.summary.peer_alert, self.servername.as_deref())
    }

    fn handshake(&mut self) -> Step<()> {
        if let Some(reason) = &self.engine.unusable {
            return Err(Stop::Fail(TlsError::new(format!("handshake failed: {reason}"))));
        }
        self.needs_shutdown = true;
        loop {
            self.flush("handshake")?;
            if let Status::Failed(err) = self.core.status() {
                return Err(Stop::Fail(self.describe(err, "handshake")));
            }
            if !self.core.is_handshaking() {
                break;
            }
            self.process("handshake")?;
            if !self.core.outgoing().is_empty() || !self.core.is_handshaking() {
                continue;
            }
            if self.core.peer_closed() {
                return Err(Stop::Fail(TlsError::new("handshake failed: peer closed the connection")));
            }
            if self.read_more("handshake")? == 0 {
                return Err(Stop::Fail(TlsError::new("handshake failed: unexpected EOF")));
            }
        }
        self.check_name()?;
        self.complete = true;
        // libtls rewrites the session file after every client handshake. A TLS 1.3 session
        // is single-use, so until the server's next ticket arrives the file is empty.
        self.save_session().map_err(|e| Stop::Fail(TlsError::os("failed to write session file", &e)))?;
        self.info = Some(self.gather_info());
        Ok(())
    }

    /// Client with a session file: writes the newest session (a ticket just received, else
    /// the session this handshake established or resumed) to it.
    fn save_session(&mut self) -> io::Result<()> {
        let fd = self.engine.session_fd;
        if fd == -1 || self.core.side() != Side::Client {
            return Ok(());
        }
        let received = std::mem::take(&mut self.core.common.received_sessions);
        let session = received.last().or(self.core.common.current_session.as_deref());
        write_session_file(fd, session)
    }

    /// libtls checks the server's name even when `tls_config_insecure_noverifycert` turned
    /// certificate verification off; the engine checked it already otherwise.
    fn check_name(&mut self) -> Step<()> {
        if self.core.side() != Side::Client || self.engine.verify_cert || !self.engine.verify_name {
            return Ok(());
        }
        let Some(leaf) = self.core.common.summary.peer_chain.first() else {
            return Err(Stop::Fail(TlsError::new("no server certificate")));
        };
        let mut hooks = LibtlsHooks { verify_name: true };
        crate::verify::verify_host(&mut hooks, leaf, self.servername.as_deref(), false).map_err(|_| {
            TlsError::new(format!(
                "name `{}' not present in server certificate",
                self.servername.as_deref().unwrap_or_default()
            ))
        })?;
        Ok(())
    }

    fn gather_info(&mut self) -> Info {
        let summary = &self.core.common.summary;
        if self.core.side() == Side::Server {
            // Like libtls, ignore an IP literal sent as server name (RFC 6066 forbids them).
            self.servername = summary
                .server_name
                .as_deref()
                .map(str::to_owned)
                .filter(|name| name.parse::<std::net::IpAddr>().is_err());
        }
        let cstring = |s: &str| CString::new(s.replace('\0', "")).unwrap_or_default();
        let (cipher, strength) = match (summary.suite, summary.tls12_suite) {
            (Some(suite), _) => (suite.name, (suite.key_len() * 8) as c_int),
            (None, Some(suite)) => (suite.name, (suite.key_len() * 8) as c_int),
            (None, None) => ("unknown", 0),
        };
        let chain = summary.peer_chain.clone();
        let hash = chain.first().map(|leaf| {
            let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, leaf.as_ref());
            let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
            cstring(&format!("SHA256:{hex}"))
        });
        let chain_pem = chain.iter().flat_map(|cert| crate::pki::pem_encode("CERTIFICATE", cert.as_ref())).collect();
        let fields = chain.first().and_then(|leaf| crate::x509::CertFields::parse(leaf).ok());
        let ocsp_url = fields.as_ref().and_then(|f| f.ocsp_url()).map(|url| cstring(&url));
        // A staple the engine checked; or, with certificate checks off, one read as is.
        let peer_ocsp = summary.peer_ocsp();
        let ocsp = peer_ocsp.and_then(|ocsp| ocsp.status.clone()).or_else(|| {
            let response = &peer_ocsp?.response[..];
            let anchors: Vec<&[rustls_pki_types::TrustAnchor<'_>]> = self.engine.core.trust.root_sets().collect();
            crate::ocsp::validate(response, &chain, &anchors, rustls_pki_types::UnixTime::now()).ok()
        });
        let leaf = fields.map(|fields| LeafInfo {
            issuer: cstring(&fields.issuer_line()),
            subject: cstring(&fields.subject_line()),
            common_name: fields.common_name().map(|cn| cstring(&cn)),
            not_before: fields.not_before() as libc::time_t,
            not_after: fields.not_after() as libc::time_t,
        });
        Info {
            version: cstring(version_name(summary.version.unwrap_or(0))),
            cipher: cstring(cipher),
            strength,
            resumed: summary.resumed,
            alpn: summary.alpn.as_ref().map(|p| cstring(&String::from_utf8_lossy(p))),
            servername: self.servername.as_deref().map(cstring),
            chain,
            hash,
            chain_pem,
            leaf,
            ocsp_url,
            ocsp: ocsp.map(OcspInfo::new),
        }
    }

    fn read(&mut self, out: &mut [u8]) -> Step<usize> {
        if !self.complete {
            self.handshake()?;
        }
        // Bytes a blocked write left queued go out when they can; a read does not wait for them.
        self.flush_opportunistically("read")?;
        loop {
            let available = self.core.plaintext();
            if !available.is_empty() {
                let n = available.len().min(out.len());
                out[..n].copy_from_slice(&available[..n]);
                self.core.consume_plaintext(n);
                return Ok(n);
            }
            if self.core.peer_closed() || self.eof_no_close_notify {
                return Ok(0);
            }
            if let Status::Failed(err) = self.core.status() {
                return Err(Stop::Fail(self.describe(err, "read")));
            }
            if !self.core.has_complete_record() {
                if self.read_more("read")? == 0 {
                    self.eof_no_close_notify = true;
                    return Ok(0);
                }
                // A whole record is taken at the top of the loop, straight into `out` if it can be.
                if !self.core.has_complete_record() {
                    self.process("read")?;
                }
                continue;
            }
            // Application data that fits is opened straight into `out` (an empty record
            // yields nothing: read on); anything else goes through the engine.
            match self.core.read_app_data_into(out) {
                Some(0) => continue,
                Some(n) => return Ok(n),
                None => self.process("read")?,
            }
        }
    }

    /// Sends what is queued unless the transport would block; only failures count.
    fn flush_opportunistically(&mut self, op: &str) -> Step<()> {
        match self.flush(op) {
            Err(Stop::Want(_)) => Ok(()),
            other => other,
        }
    }

    /// Writes like OpenSSL in libtls's partial-write mode: record by record, returning what
    /// was sent once the transport blocks. A caller told to wait calls again with the same
    /// data; what was encrypted for it then is not encrypted again.
    fn write(&mut self, data: &[u8]) -> Step<usize> {
        if !self.complete {
            self.handshake()?;
        }
        if let Status::Failed(err) = self.core.status() {
            return Err(Stop::Fail(self.describe(err, "write")));
        }
        if self.write_pending > data.len() {
            return Err(Stop::Fail(TlsError::new("write failed: bad write retry")));
        }
        if self.write_pending == 0 {
            self.flush("write")?;
        }
        let mut done = 0;
        loop {
            if self.write_pending > 0 {
                match self.flush("write") {
                    Ok(()) => {
                        done += self.write_pending;
                        self.write_pending = 0;
                    }
                    Err(Stop::Want(_)) if done > 0 => return Ok(done),
                    Err(stop) => return Err(stop),
                }
            }
            if done == data.len() {
                return Ok(done);
            }
            let n = (data.len() - done).min(self.core.common.max_fragment);
            self.core.write_plaintext(&data[done..done + n]).map_err(|e| Stop::Fail(self.describe(e, "write")))?;
            self.write_pending = n;
        }
    }

    /// Sends close_notify (without waiting for the peer's), then closes the socket
    /// `tls_connect` made.
    fn close(&mut self) -> Step<()> {
        // As in libtls, a failure to send close_notify does not keep the socket open, and
        // an earlier EOF without close_notify is what gets reported.
        let mut result = Ok(());
        if self.needs_shutdown {
            if self.complete && !matches!(self.core.status(), Status::Failed(_)) {
                self.core.send_close_notify();
                match self.flush("shutdown") {
                    Err(Stop::Want(want)) => return Err(Stop::Want(want)),
                    other => result = other,
                }
            }
            self.needs_shutdown = false;
        }
        if self.socket >= 0 {
            // SAFETY: the socket is ours; shutdown and close tolerate any state.
            if unsafe { libc::shutdown(self.socket, libc::SHUT_RDWR) } != 0 {
                let err = last_os_error();
                if !matches!(err.raw_os_error(), Some(libc::ENOTCONN) | Some(libc::ECONNRESET)) && result.is_ok() {
                    result = Err(Stop::Fail(TlsError::os("shutdown", &err)));
                }
            }
            // SAFETY: as above; the socket is forgotten right after.
            if unsafe { libc::close(self.socket) } != 0 && result.is_ok() {
                result = Err(Stop::Fail(TlsError::os("close", &last_os_error())));
            }
            self.socket = -1;
        }
        if self.eof_no_close_notify {
            return Err(Stop::Fail(TlsError::new("EOF without close notify")));
        }
        result
    }
}

/// Locks a context's connection. A callback that calls back into the context it serves
/// gets an error rather than a deadlock.
fn session_of(ctx: &tls) -> TlsResult<MutexGuard<'_, Option<Box<Session>>>> {
    match ctx.session.try_lock() {
        Ok(guard) => Ok(guard),
        Err(TryLockError::Poisoned(poisoned)) => Ok(poisoned.into_inner()),
        Err(TryLockError::WouldBlock) => {
            Err(TlsError::new("context is busy (called from one of its own I/O callbacks)"))
        }
    }
}

/// libtls clears errno on the way out of its I/O functions, so that callers don't
/// mistake a stale value for this call's error.
fn clear_errno() {
    // SAFETY: __errno_location returns this thread's errno, always valid.
    unsafe { *libc::__errno_location() = 0 };
}

/// Runs one of the I/O functions on a context's connection: clears the context's error,
/// turns "would block" into the WANT_POLL values, and clears errno.
fn io_call<T: Want>(ctx: *mut tls, body: impl FnOnce(&mut Session) -> Step<T>) -> T {
    let result = call(ctx, |ctx| {
        ctx.errors.clear();
        if ctx.role == Role::Server {
            return Err(TlsError { code: TLS_ERROR_INVALID_CONTEXT, message: "invalid operation for context".into() });
        }
        let mut session = session_of(ctx)?;
        let Some(session) = session.as_mut() else {
            return Err(TlsError::new("context not connected"));
        };
        match body(session) {
            Ok(value) => Ok(value),
            Err(Stop::Want(want)) => Ok(T::want(want)),
            Err(Stop::Fail(err)) => Err(err),
        }
    });
    clear_errno();
    result
}

/// The return types of the I/O functions, which carry TLS_WANT_POLLIN/POLLOUT.
trait Want: crate::capi::FailureValue {
    fn want(value: c_int) -> Self;
}

impl Want for c_int {
    fn want(value: c_int) -> c_int {
        value
    }
}

impl Want for isize {
    fn want(value: c_int) -> isize {
        value as isize
    }
}

/// Gets a configured client ready to connect: its engine config and server name.
fn connect_common(ctx: &tls, servername: Option<&str>) -> TlsResult<(Arc<Built>, Option<String>)> {
    if ctx.role != Role::Client {
        return Err(TlsError { code: TLS_ERROR_INVALID_CONTEXT, message: "not a client context".into() });
    }
    // An FQDN's trailing dot is not part of the name sent or checked (RFC 6066 §3).
    let servername = servername.map(|name| name.strip_suffix('.').unwrap_or(name).to_string());
    let engine = ctx.config()?.engine(Side::Client)?;
    if engine.verify_name && servername.is_none() {
        return Err(TlsError::new("server name not specified"));
    }
    Ok((engine, servername))
}

/// Starts a client connection over `io` on `ptr` (the context C holds).
fn connect(ptr: *mut tls, ctx: &tls, io: Io, servername: Option<&str>) -> TlsResult<()> {
    let (engine, servername) = connect_common(ctx, servername)?;
    let mut core = Connection::new(Side::Client);
    core.server_name = servername.as_deref().map(Box::from);
    if engine.session_fd != -1 {
        core.resume = read_session_file(engine.session_fd).map(Box::new);
    }
    *session_of(ctx)? = Some(Box::new(Session::new(core, engine, io, ptr, servername)));
    Ok(())
}

fn callbacks(read_cb: tls_read_cb, write_cb: tls_write_cb, arg: *mut c_void) -> TlsResult<Io> {
    match (read_cb, write_cb) {
        (Some(read), Some(write)) => Ok(Io::Callbacks { read, write, arg }),
        _ => Err(TlsError::new("no callbacks provided")),
    }
}

/// Creates the context of one accepted connection and hands it to C through `cctx`.
fn accept(ctx: &tls, cctx: *mut *mut tls, io: TlsResult<Io>) -> TlsResult<c_int> {
    if cctx.is_null() {
        return Err(TlsError::invalid("cctx is NULL"));
    }
    // SAFETY: C passes a writable `struct tls *` location; libtls clears it on failure.
    unsafe { cctx.write(std::ptr::null_mut()) };
    if ctx.role != Role::Server {
        return Err(TlsError { code: TLS_ERROR_INVALID_CONTEXT, message: "not a server context".into() });
    }
    let io = io?;
    let engine = lock(&ctx.engine).clone().ok_or_else(|| TlsError::new("server context is not configured"))?;
    let conn = tls::new(Role::ServerConn);
    *lock(&conn.config) = lock(&ctx.config).clone();
    *lock(&conn.engine) = Some(Arc::clone(&engine));
    let ptr = into_c(conn);
    // SAFETY: `ptr` was just made and is not shared yet.
    let conn = unsafe { &*ptr };
    *lock(&conn.session) = Some(Box::new(Session::new(Connection::new(Side::Server), engine, io, ptr, None)));
    // SAFETY: as above.
    unsafe { cctx.write(ptr) };
    Ok(0)
}

fn check_fds(read: c_int, write: c_int) -> TlsResult<Io> {
    if read < 0 || write < 0 {
        return Err(TlsError::new("invalid file descriptors"));
    }
    Ok(Io::Fds { read, write })
}

// ---- Accepting connections (server) ----

#[no_mangle]
pub extern "C" fn tls_accept_fds(ctx: *mut tls, cctx: *mut *mut tls, fd_read: c_int, fd_write: c_int) -> c_int {
    call(ctx, |ctx| accept(ctx, cctx, check_fds(fd_read, fd_write)))
}

#[no_mangle]
pub extern "C" fn tls_accept_socket(ctx: *mut tls, cctx: *mut *mut tls, socket: c_int) -> c_int {
    tls_accept_fds(ctx, cctx, socket, socket)
}

#[no_mangle]
pub extern "C" fn tls_accept_cbs(
    ctx: *mut tls,
    cctx: *mut *mut tls,
    read_cb: tls_read_cb,
    write_cb: tls_write_cb,
    cb_arg: *mut c_void,
) -> c_int {
    call(ctx, |ctx| accept(ctx, cctx, callbacks(read_cb, write_cb, cb_arg)))
}

// ---- Connecting (client) ----

#[no_mangle]
pub extern "C" fn tls_connect(ctx: *mut tls, host: *const c_char, port: *const c_char) -> c_int {
    tls_connect_servername(ctx, host, port, std::ptr::null())
}

#[no_mangle]
pub extern "C" fn tls_connect_fds(ctx: *mut tls, fd_read: c_int, fd_write: c_int, servername: *const c_char) -> c_int {
    call(ctx, |c| {
        let io = check_fds(fd_read, fd_write)?;
        connect(ctx, c, io, arg_opt_str("server name", servername)?)?;
        Ok(0)
    })
}

/// Splits "host:port" (or "[v6 address]:port") as libtls does; `None` if there is no
/// single port separator.
fn host_port(hostport: &str) -> Option<(&str, &str)> {
    let (host, rest) = match hostport.strip_prefix('[') {
        Some(inner) => {
            let end = inner.find(']')?;
            (&inner[..end], &inner[end + 1..])
        }
        None => {
            let sep = hostport.find(':')?;
            (&hostport[..sep], &hostport[sep..])
        }
    };
    let port = rest.strip_prefix(':')?;
    if port.contains(':') {
        return None;
    }
    Some((host, port))
}

/// Resolves `host`/`port` and connects a TCP socket to the first address that answers,
/// trying numeric IPv4 and IPv6 first as libtls does (so loopback works without
/// AI_ADDRCONFIG's configured-interface rule).
fn tcp_connect(host: &str, port: &str) -> TlsResult<c_int> {
    let c_host = CString::new(host).map_err(|_| TlsError::invalid("host contains NUL"))?;
    let c_port = CString::new(port).map_err(|_| TlsError::invalid("port contains NUL"))?;
    let attempts = [
        (libc::AF_INET, libc::AI_NUMERICHOST),
        (libc::AF_INET6, libc::AI_NUMERICHOST),
        (libc::AF_UNSPEC, libc::AI_ADDRCONFIG),
    ];
    let mut res0: *mut libc::addrinfo = std::ptr::null_mut();
    let mut rc = 0;
    for (family, flags) in attempts {
        // SAFETY: an all-zero addrinfo is a valid "no hints" value.
        let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_family = family;
        hints.ai_flags = flags;
        hints.ai_socktype = libc::SOCK_STREAM;
        // SAFETY: valid C strings and hints; res0 receives a list freed below.
        rc = unsafe { libc::getaddrinfo(c_host.as_ptr(), c_port.as_ptr(), &hints, &mut res0) };
        if rc == 0 {
            break;
        }
    }
    if rc != 0 {
        // SAFETY: gai_strerror returns a static string for any code.
        let text = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(rc)) };
        return Err(TlsError::new(text.to_string_lossy().into_owned()));
    }
    let mut err = TlsError::new("connect: no addresses");
    let mut res = res0;
    let mut socket = -1;
    while !res.is_null() {
        // SAFETY: `res` walks the list getaddrinfo returned.
        let ai = unsafe { &*res };
        res = ai.ai_next;
        // SAFETY: plain system calls on values from getaddrinfo.
        let s = unsafe { libc::socket(ai.ai_family, ai.ai_socktype | libc::SOCK_CLOEXEC, ai.ai_protocol) };
        if s < 0 {
            err = TlsError::os("socket", &last_os_error());
            continue;
        }
        let connected = loop {
            // SAFETY: as above.
            if unsafe { libc::connect(s, ai.ai_addr, ai.ai_addrlen) } == 0 {
                break Ok(());
            }
            let e = last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                break Err(e);
            }
        };
        match connected {
            Ok(()) => {
                socket = s;
                break;
            }
            Err(e) => {
                err = TlsError::os("connect", &e);
                // SAFETY: `s` is ours.
                unsafe { libc::close(s) };
            }
        }
    }
    // SAFETY: res0 came from a successful getaddrinfo.
    unsafe { libc::freeaddrinfo(res0) };
    if socket < 0 {
        return Err(err);
    }
    Ok(socket)
}

#[no_mangle]
pub extern "C" fn tls_connect_servername(
    ctx: *mut tls,
    host: *const c_char,
    port: *const c_char,
    servername: *const c_char,
) -> c_int {
    call(ctx, |c| {
        if c.role != Role::Client {
            return Err(TlsError { code: TLS_ERROR_INVALID_CONTEXT, message: "not a client context".into() });
        }
        if host.is_null() {
            return Err(TlsError::new("host not specified"));
        }
        let host = arg_str("host", host)?;
        let (h, p) = match arg_opt_str("port", port)? {
            Some(port) => (host, port),
            None => host_port(host).ok_or_else(|| TlsError::new("no port provided"))?,
        };
        let servername = arg_opt_str("server name", servername)?.unwrap_or(h);
        // Check the configuration before making a connection it could not use.
        connect_common(c, Some(servername))?;
        let socket = tcp_connect(h, p)?;
        if let Err(err) = connect(ctx, c, Io::Fds { read: socket, write: socket }, Some(servername)) {
            // SAFETY: the socket is ours and unused.
            unsafe { libc::close(socket) };
            return Err(err);
        }
        if let Some(session) = session_of(c)?.as_mut() {
            session.socket = socket;
        }
        Ok(0)
    })
}

#[no_mangle]
pub extern "C" fn tls_connect_socket(ctx: *mut tls, s: c_int, servername: *const c_char) -> c_int {
    tls_connect_fds(ctx, s, s, servername)
}

#[no_mangle]
pub extern "C" fn tls_connect_cbs(
    ctx: *mut tls,
    read_cb: tls_read_cb,
    write_cb: tls_write_cb,
    cb_arg: *mut c_void,
    servername: *const c_char,
) -> c_int {
    call(ctx, |c| {
        let servername = arg_opt_str("server name", servername)?;
        connect_common(c, servername)?;
        connect(ctx, c, callbacks(read_cb, write_cb, cb_arg)?, servername)?;
        Ok(0)
    })
}

// ---- Handshake and I/O ----

#[no_mangle]
pub extern "C" fn tls_handshake(ctx: *mut tls) -> c_int {
    io_call(ctx, |session| {
        if session.complete {
            return Err(Stop::Fail(TlsError::new("handshake already completed")));
        }
        session.handshake().map(|()| 0)
    })
}

#[no_mangle]
pub extern "C" fn tls_read(ctx: *mut tls, buf: *mut c_void, buflen: usize) -> libc::ssize_t {
    io_call(ctx, |session| {
        if buflen > c_int::MAX as usize {
            return Err(Stop::Fail(TlsError::invalid("buflen too long")));
        }
        if buf.is_null() && buflen > 0 {
            return Err(Stop::Fail(TlsError::invalid("buf is NULL")));
        }
        // SAFETY: C passes `buflen` writable bytes at `buf`.
        let out = if buflen == 0 { &mut [][..] } else { unsafe { std::slice::from_raw_parts_mut(buf.cast(), buflen) } };
        session.read(out).map(|n| n as isize)
    })
}

#[no_mangle]
pub extern "C" fn tls_write(ctx: *mut tls, buf: *const c_void, buflen: usize) -> libc::ssize_t {
    io_call(ctx, |session| {
        if buflen > c_int::MAX as usize {
            return Err(Stop::Fail(TlsError::invalid("buflen too long")));
        }
        let data = super::arg_buf("buf", buf.cast(), buflen)?;
        session.write(data).map(|n| n as isize)
    })
}

#[no_mangle]
pub extern "C" fn tls_close(ctx: *mut tls) -> c_int {
    let result = call(ctx, |c| {
        c.errors.clear();
        if c.role == Role::Server {
            return Err(TlsError { code: TLS_ERROR_INVALID_CONTEXT, message: "invalid operation for context".into() });
        }
        match session_of(c)?.as_mut().map(|session| session.close()) {
            None | Some(Ok(())) => Ok(0),
            Some(Err(Stop::Want(want))) => Ok(want),
            Some(Err(Stop::Fail(err))) => Err(err),
        }
    });
    clear_errno();
    result
}

// ---- What the handshake negotiated and what the peer presented ----

/// Answers from the connection's facts; `none` when there are none (no completed
/// handshake), which is not an error.
fn info<T>(ctx: *mut tls, none: T, answer: impl FnOnce(&Info) -> TlsResult<T>) -> T
where
    T: crate::capi::FailureValue,
{
    call(ctx, |c| match session_of(c)?.as_ref().and_then(|s| s.info.as_ref()) {
        Some(info) => answer(info),
        None => Ok(none),
    })
}

fn c_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr())
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_provided(ctx: *mut tls) -> c_int {
    info(ctx, 0, |info| Ok(!info.chain.is_empty() as c_int))
}

/// Whether the peer's certificate is valid for `name`: a DNS name (wildcards included) or
/// an IP address among its subject alternative names.
#[no_mangle]
pub extern "C" fn tls_peer_cert_contains_name(ctx: *mut tls, name: *const c_char) -> c_int {
    info(ctx, 0, |info| {
        let name = arg_str("name", name)?;
        let Some(leaf) = info.chain.first() else { return Ok(0) };
        let (Ok(cert), Ok(name)) = (webpki::EndEntityCert::try_from(leaf), ServerName::try_from(name)) else {
            return Ok(0);
        };
        Ok(cert.verify_is_valid_for_subject_name(&name).is_ok() as c_int)
    })
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_hash(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(c_ptr(&info.hash)))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_issuer(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(info.leaf.as_ref().map_or(std::ptr::null(), |l| l.issuer.as_ptr())))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_subject(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(info.leaf.as_ref().map_or(std::ptr::null(), |l| l.subject.as_ptr())))
}

/// The subject's (last) commonName; NULL when the certificate has none.
#[no_mangle]
pub extern "C" fn tls_peer_cert_common_name(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(info.leaf.as_ref().map_or(std::ptr::null(), |l| c_ptr(&l.common_name))))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_notbefore(ctx: *mut tls) -> libc::time_t {
    info(ctx, -1, |info| Ok(info.leaf.as_ref().map_or(-1, |l| l.not_before)))
}

#[no_mangle]
pub extern "C" fn tls_peer_cert_notafter(ctx: *mut tls) -> libc::time_t {
    info(ctx, -1, |info| Ok(info.leaf.as_ref().map_or(-1, |l| l.not_after)))
}

/// The peer's chain as PEM, leaf first; NULL when it sent none.
#[no_mangle]
pub extern "C" fn tls_peer_cert_chain_pem(ctx: *mut tls, len: *mut usize) -> *const u8 {
    info(ctx, std::ptr::null(), |info| {
        if info.chain.is_empty() {
            return Ok(std::ptr::null());
        }
        // SAFETY: C passes NULL or a writable size_t.
        unsafe { crate::capi::write_out(len, info.chain_pem.len()) }.map_err(|_| TlsError::invalid("size is NULL"))?;
        Ok(info.chain_pem.as_ptr())
    })
}

#[no_mangle]
pub extern "C" fn tls_conn_alpn_selected(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(c_ptr(&info.alpn)))
}

#[no_mangle]
pub extern "C" fn tls_conn_cipher(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(info.cipher.as_ptr()))
}

#[no_mangle]
pub extern "C" fn tls_conn_cipher_strength(ctx: *mut tls) -> c_int {
    info(ctx, 0, |info| Ok(info.strength))
}

#[no_mangle]
pub extern "C" fn tls_conn_servername(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(c_ptr(&info.servername)))
}

/// Whether the handshake resumed a session (from a session file, or a ticket the server
/// issued); 0 before the handshake.
#[no_mangle]
pub extern "C" fn tls_conn_session_resumed(ctx: *mut tls) -> c_int {
    info(ctx, 0, |info| Ok(info.resumed as c_int))
}

#[no_mangle]
pub extern "C" fn tls_conn_version(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(info.version.as_ptr()))
}

// ---- OCSP ----

/// Client: checks an OCSP response the application fetched itself (from the URL of
/// `tls_peer_ocsp_url`) against the peer's chain; the tls_peer_ocsp_* functions then
/// report it. A revoked certificate is a failure, as in libtls.
#[no_mangle]
pub extern "C" fn tls_ocsp_process_response(ctx: *mut tls, response: *const c_uchar, size: usize) -> c_int {
    call(ctx, |c| {
        let response = super::arg_buf("OCSP response", response, size)?;
        let mut guard = session_of(c)?;
        let session = guard.as_mut().ok_or_else(|| TlsError::new("context not connected"))?;
        let anchors: Vec<&[rustls_pki_types::TrustAnchor<'_>]> = session.engine.core.trust.root_sets().collect();
        let Some(info) = session.info.as_mut() else { return Err(TlsError::new("handshake not completed")) };
        let status = crate::ocsp::check(response, &info.chain, &anchors, rustls_pki_types::UnixTime::now())
            .map_err(|e| TlsError::new(format!("ocsp verify failed: {}", e.code.message())));
        // The response's facts are kept even when they fail the check (a revocation).
        if let Ok(found) = crate::ocsp::validate(response, &info.chain, &anchors, rustls_pki_types::UnixTime::now()) {
            info.ocsp = Some(OcspInfo::new(found));
        }
        status.map(|_| 0)
    })
}

/// The OCSP facts, or `none` when there are none.
fn ocsp_info<T: crate::capi::FailureValue + Copy>(ctx: *mut tls, none: T, answer: impl FnOnce(&OcspInfo) -> T) -> T {
    info(ctx, none, |info| Ok(info.ocsp.as_ref().map_or(none, answer)))
}

fn time_or_none(time: Option<u64>) -> libc::time_t {
    time.map_or(-1, |t| t as libc::time_t)
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_cert_status(ctx: *mut tls) -> c_int {
    ocsp_info(ctx, -1, |o| o.status.cert_status as c_int)
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_crl_reason(ctx: *mut tls) -> c_int {
    ocsp_info(ctx, -1, |o| o.status.crl_reason)
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_next_update(ctx: *mut tls) -> libc::time_t {
    ocsp_info(ctx, -1, |o| time_or_none(o.status.next_update))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_response_status(ctx: *mut tls) -> c_int {
    ocsp_info(ctx, -1, |o| c_int::from(o.status.response_status))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_result(ctx: *mut tls) -> *const c_char {
    ocsp_info(ctx, std::ptr::null(), |o| o.result.as_ptr())
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_revocation_time(ctx: *mut tls) -> libc::time_t {
    ocsp_info(ctx, -1, |o| time_or_none(o.status.revocation_time))
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_this_update(ctx: *mut tls) -> libc::time_t {
    ocsp_info(ctx, -1, |o| o.status.this_update as libc::time_t)
}

#[no_mangle]
pub extern "C" fn tls_peer_ocsp_url(ctx: *mut tls) -> *const c_char {
    info(ctx, std::ptr::null(), |info| Ok(c_ptr(&info.ocsp_url)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::pem_encode;

    #[test]
    fn host_port_splitting() {
        assert_eq!(host_port("example.com:443"), Some(("example.com", "443")));
        assert_eq!(host_port("[::1]:8443"), Some(("::1", "8443")));
        assert_eq!(host_port("example.com"), None);
        assert_eq!(host_port("::1"), None);
        assert_eq!(host_port("[::1]"), None);
        assert_eq!(host_port("a:b:c"), None);
    }

    #[test]
    fn pem_matches_openssl_layout() {
        let der: Vec<u8> = (0..100u8).collect();
        let pem = String::from_utf8(pem_encode("CERTIFICATE", &der)).unwrap();
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!(lines[1].len(), 64);
        assert!(lines[3].ends_with("==") && lines[3].len() == 8);
        assert_eq!(*lines.last().unwrap(), "-----END CERTIFICATE-----");
        use rustls_pki_types::pem::PemObject;
        assert_eq!(CertificateDer::from_pem_slice(pem.as_bytes()).unwrap().as_ref(), &der[..]);
        assert_eq!(pem_encode("X", b"ab"), b"-----BEGIN X-----\nYWI=\n-----END X-----\n");
    }
}
