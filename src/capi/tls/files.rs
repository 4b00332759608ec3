//! Files: `tls_load_file`/`tls_unload_file`, the default CA bundle, and the reader every
//! `tls_config_set_*_file` function uses.

use std::ffi::CStr;
use std::fs::File;
use std::io::{self, Read};
use std::os::raw::{c_char, c_int};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use zeroize::{Zeroize, Zeroizing};

use super::{call_static, TlsError, TlsResult};
use crate::pki::SigningKey;

/// Where Debian's ca-certificates keeps the system's trusted roots. (Debian's libretls
/// reports `/usr/lib/ssl/cert.pem`, a symlink to this file that only exists when OpenSSL's
/// configuration package is installed; LibreSSL's own default, `/etc/ssl/cert.pem`, does
/// not exist on Debian at all.)
const DEFAULT_CA_FILE: &CStr = c"/etc/ssl/certs/ca-certificates.crt";

/// A path argument. Paths are bytes on Unix, so no UTF-8 check here.
pub(crate) fn arg_path<'a>(what: &str, ptr: *const c_char) -> TlsResult<&'a Path> {
    // SAFETY: C passes NULL or a NUL-terminated string that outlives the call.
    let path = unsafe { super::super::arg_cstr(ptr) }.map_err(|_| TlsError::invalid(format!("{what} is NULL")))?;
    Ok(Path::new(std::ffi::OsStr::from_bytes(path.to_bytes())))
}

/// Reads a whole file for a configuration setter. `kind` names the file in messages the
/// way libtls does ("failed to open CA file '/x': No such file or directory"). The contents
/// may be a private key, so they are wiped when dropped.
pub(crate) fn read_config_file(kind: &str, path: &Path) -> TlsResult<Zeroizing<Vec<u8>>> {
    let shown = path.display();
    let mut file =
        File::open(path).map_err(|e| TlsError::os(format_args!("failed to open {kind} file '{shown}'"), &e))?;
    let mut data = Zeroizing::new(Vec::new());
    file.read_to_end(&mut data).map_err(|e| TlsError::os(format_args!("failed to read {kind} file '{shown}'"), &e))?;
    Ok(data)
}

/// Whether a PEM document holds an encrypted private key, in either the PKCS#8 form or
/// OpenSSL's traditional `Proc-Type: 4,ENCRYPTED` form.
pub(crate) fn is_encrypted_key(pem: &[u8]) -> bool {
    let contains = |needle: &[u8]| pem.windows(needle.len()).any(|w| w == needle);
    contains(b"-----BEGIN ENCRYPTED PRIVATE KEY-----") || contains(b"Proc-Type: 4,ENCRYPTED")
}

/// What `tls_load_file` returns: the file as it is, or, when a password is given, the
/// private key it holds, decrypted (as PEM, like libtls). PKCS#8 encrypted keys (PBES2, what
/// OpenSSL writes) are decrypted; OpenSSL's legacy `Proc-Type: 4,ENCRYPTED` keys are
/// refused (`ENOTSUP`) rather than handed back still encrypted.
fn load(path: &Path, password: Option<&CStr>) -> io::Result<Zeroizing<Vec<u8>>> {
    let mut data = Zeroizing::new(Vec::new());
    File::open(path)?.read_to_end(&mut data)?;
    let Some(password) = password else { return Ok(data) };
    if data.windows(9).any(|w| w == b"Proc-Type") && is_encrypted_key(&data) {
        return Err(io::Error::from_raw_os_error(libc::ENOTSUP));
    }
    if is_encrypted_key(&data) {
        let der = crate::pki::decrypt_pkcs8_pem(&data, password.to_bytes())
            .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        return Ok(Zeroizing::new(crate::pki::pem_encode("PRIVATE KEY", &der)));
    }
    // libtls reads a private key when given a password, so anything else is an error.
    SigningKey::from_pem(&data).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    Ok(data)
}

fn set_errno(err: &io::Error) {
    // SAFETY: __errno_location returns this thread's errno, always valid.
    unsafe { *libc::__errno_location() = err.raw_os_error().unwrap_or(libc::EIO) };
}

/// Loads a certificate, key or CRL file into memory for the `tls_config_set_*_mem`
/// functions. libtls has no object to put a message on here, so failures set `errno`.
#[no_mangle]
pub extern "C" fn tls_load_file(file: *const c_char, len: *mut usize, password: *mut c_char) -> *mut u8 {
    call_static(|| {
        let fail = |err: io::Error| {
            set_errno(&err);
            TlsError::os("tls_load_file", &err)
        };
        let einval = || fail(io::Error::from_raw_os_error(libc::EINVAL));
        if len.is_null() {
            return Err(einval());
        }
        let path = arg_path("file", file).map_err(|_| einval())?;
        // SAFETY: C passes NULL or a NUL-terminated password that outlives the call.
        let password = (!password.is_null()).then(|| unsafe { CStr::from_ptr(password) });
        let data = load(path, password).map_err(fail)?;
        // C owns the result and may release it with free(3) as well as tls_unload_file, so
        // it must come from malloc. malloc(0) may return NULL, hence the minimum of 1.
        // SAFETY: plain allocation; the result is checked before use.
        let buf = unsafe { libc::malloc(data.len().max(1)) }.cast::<u8>();
        if buf.is_null() {
            return Err(fail(io::Error::from_raw_os_error(libc::ENOMEM)));
        }
        // SAFETY: `buf` has room for `data.len()` bytes; `len` was checked non-NULL and C
        // passes a writable size_t.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len());
            len.write(data.len());
        }
        Ok(buf)
    })
}

/// Frees a buffer from `tls_load_file`, wiping it first: it may hold a private key.
#[no_mangle]
pub extern "C" fn tls_unload_file(buf: *mut u8, len: usize) {
    call_static(|| {
        if !buf.is_null() {
            // SAFETY: `buf` came from tls_load_file, which allocated at least `len` bytes
            // with malloc; zeroize's writes are volatile, so they are not optimised away.
            unsafe {
                std::slice::from_raw_parts_mut(buf, len).zeroize();
                libc::free(buf.cast());
            }
        }
        Ok(())
    })
}

#[no_mangle]
pub extern "C" fn tls_default_ca_cert_file() -> *const c_char {
    DEFAULT_CA_FILE.as_ptr()
}

/// `tls_init`: libtls's global setup, which is idempotent. aws-lc-rs initialises itself on
/// first use; doing it here just moves that cost to a predictable place.
#[no_mangle]
pub extern "C" fn tls_init() -> c_int {
    call_static(|| {
        aws_lc_rs::init();
        crate::capi::watch_forks();
        Ok(0)
    })
}

/// The longest session file worth reading: a session is about a hundred bytes plus the
/// ticket, which servers keep well under this.
const MAX_SESSION_FILE: u64 = 64 * 1024;

/// Reads the session a client saved in its session file (`tls_config_set_session_fd`).
/// An empty file, unreadable or oversized contents, or anything that does not decode as
/// a session mean "no session": the handshake is a full one, never a failure.
pub(crate) fn read_session_file(fd: c_int) -> Option<crate::session::ClientSession> {
    // SAFETY: an all-zero `stat` is a valid value for fstat to overwrite.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable; fstat tolerates any fd value.
    if unsafe { libc::fstat(fd, &mut st) } != 0 || st.st_size <= 0 || st.st_size as u64 > MAX_SESSION_FILE {
        return None;
    }
    let mut data = Zeroizing::new(vec![0u8; st.st_size as usize]);
    // SAFETY: `data` is writable for its length.
    let n = unsafe { libc::pread(fd, data.as_mut_ptr().cast(), data.len(), 0) };
    if n != data.len() as isize {
        return None;
    }
    crate::session::ClientSession::decode(&data).ok()
}

/// Replaces the session file's contents with `session` (or empties it), from offset 0
/// whatever the fd's position, as libtls does.
pub(crate) fn write_session_file(fd: c_int, session: Option<&crate::session::ClientSession>) -> io::Result<()> {
    let data: Zeroizing<Vec<u8>> = session.map(|s| s.encode()).unwrap_or_default();
    // SAFETY: plain syscalls on the application's fd; `data` is readable for its length.
    unsafe {
        if libc::ftruncate(fd, 0) != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut written = 0;
        while written < data.len() {
            let n = libc::pwrite(fd, data[written..].as_ptr().cast(), data.len() - written, written as libc::off_t);
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(err);
            }
            written += n as usize;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testdata(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(name)
    }

    fn c_path(path: &Path) -> std::ffi::CString {
        std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap()
    }

    fn errno() -> c_int {
        io::Error::last_os_error().raw_os_error().unwrap()
    }

    #[test]
    fn load_and_unload_round_trip() {
        let path = testdata("ecdsa_p384_pkcs1_cert.pem");
        let expected = std::fs::read(&path).unwrap();
        let mut len = 0usize;
        let buf = tls_load_file(c_path(&path).as_ptr(), &mut len, std::ptr::null_mut());
        assert!(!buf.is_null());
        // SAFETY: tls_load_file returned `len` bytes at `buf`.
        assert_eq!(unsafe { std::slice::from_raw_parts(buf, len) }, &expected[..]);
        tls_unload_file(buf, len);
        tls_unload_file(std::ptr::null_mut(), 0);
    }

    #[test]
    fn a_password_means_the_file_must_be_a_key() {
        let mut len = 0usize;
        let mut password = *b"secret\0";
        let key = c_path(&testdata("rsa_2048_pkcs1_key.pem"));
        let buf = tls_load_file(key.as_ptr(), &mut len, password.as_mut_ptr().cast());
        assert!(!buf.is_null() && len > 0);
        tls_unload_file(buf, len);

        let cert = c_path(&testdata("rsa_2048_pkcs1_cert.pem"));
        assert!(tls_load_file(cert.as_ptr(), &mut len, password.as_mut_ptr().cast()).is_null());
        assert_eq!(errno(), libc::EINVAL);
    }

    #[test]
    fn undecryptable_keys_are_refused_not_returned_encrypted() {
        let dir = std::env::temp_dir().join(format!("ferrotls-tls-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut password = *b"pw\0";
        let cases = [
            // A damaged PKCS#8 document: nothing to decrypt.
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n", libc::EINVAL),
            // OpenSSL's legacy encryption, which we do not decrypt.
            (
                "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nMAA=\n-----END EC PRIVATE KEY-----\n",
                libc::ENOTSUP,
            ),
        ];
        for (i, (text, expected)) in cases.into_iter().enumerate() {
            let path = dir.join(format!("enc{i}.pem"));
            std::fs::write(&path, text).unwrap();
            let mut len = 0usize;
            assert!(tls_load_file(c_path(&path).as_ptr(), &mut len, password.as_mut_ptr().cast()).is_null());
            assert_eq!(errno(), expected);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_files_set_errno() {
        let mut len = 7usize;
        assert!(tls_load_file(c"/nonexistent/ferrotls".as_ptr(), &mut len, std::ptr::null_mut()).is_null());
        assert_eq!(errno(), libc::ENOENT);
        assert_eq!(len, 7);
        assert!(tls_load_file(std::ptr::null(), &mut len, std::ptr::null_mut()).is_null());
        assert!(tls_load_file(c"/dev/null".as_ptr(), std::ptr::null_mut(), std::ptr::null_mut()).is_null());
    }

    #[test]
    fn config_files_report_path_and_os_error() {
        let err = read_config_file("CA", Path::new("/nonexistent/x")).unwrap_err();
        assert_eq!(err.message, "failed to open CA file '/nonexistent/x': No such file or directory");
        let err = read_config_file("key", Path::new("/")).unwrap_err();
        assert_eq!(err.message, "failed to read key file '/': Is a directory");
    }
}
