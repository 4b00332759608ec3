#define _GNU_SOURCE /* memmem */
/* The tls_config_* setters: what they accept, what they refuse, and the messages
 * tls_config_error reports (file errors as libtls words them: "failed to open CA file
 * '<path>': No such file or directory"). Certificates come from $TEST_PEMS_DIR. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <tls.h>
#include <unistd.h>

#include "check.h"

static struct tls_config *config;
/* The last error on `config` is exactly `expected`. */
static int error_is(const char *expected)
{
    const char *e = tls_config_error(config);
    if (e != NULL && strcmp(e, expected) == 0) return 1;
    fprintf(stderr, "  error is \"%s\", expected \"%s\"\n", e ? e : "(null)", expected);
    return 0;
}

static int error_contains(const char *part)
{
    const char *e = tls_config_error(config);
    if (e != NULL && strstr(e, part) != NULL) return 1;
    fprintf(stderr, "  error is \"%s\", expected it to contain \"%s\"\n", e ? e : "(null)", part);
    return 0;
}

static int failed_with(int rc, const char *expected) { return rc == -1 && error_is(expected); }

static void file_errors(void)
{
    char expected[4200];
    const char *missing = pem("no_such_file.pem");
    static const struct {
        int (*set)(struct tls_config *, const char *);
        const char *kind;
    } setters[] = {
        {tls_config_set_ca_file, "CA"},
        {tls_config_set_cert_file, "certificate"},
        {tls_config_set_key_file, "key"},
        {tls_config_set_ocsp_staple_file, "ocsp"},
        {tls_config_set_crl_file, "CRL"},
    };
    for (size_t i = 0; i < sizeof setters / sizeof setters[0]; i++) {
        snprintf(expected, sizeof expected, "failed to open %s file '%s': No such file or directory",
                 setters[i].kind, missing);
        CHECK(failed_with(setters[i].set(config, missing), expected));
    }
    snprintf(expected, sizeof expected, "failed to open key file '%s': No such file or directory", missing);
    CHECK(failed_with(tls_config_set_keypair_file(config, pem("rsa_2048_pkcs1_cert.pem"), missing), expected));
    CHECK(failed_with(tls_config_add_keypair_file(config, pem("rsa_2048_pkcs1_cert.pem"), missing), expected));
    snprintf(expected, sizeof expected, "failed to read CA file '%s': Is a directory", pems_dir());
    CHECK(failed_with(tls_config_set_ca_file(config, pems_dir()), expected));
}

static void trust(void)
{
    CHECK(tls_config_set_ca_file(config, pem("ecdsa_p256_pkcs1_cert.pem")) == 0);
    CHECK(tls_config_set_ca_file(config, pem("ecdsa_p256_pkcs1_key.pem")) == -1);
    CHECK(error_contains("no certificates found"));
    CHECK(tls_config_set_ca_path(config, pems_dir()) == 0);
    CHECK(tls_config_set_ca_path(config, NULL) == 0);

    size_t len = 0;
    char *ca = read_file(pems_dir(), "rsa_2048_pkcs1_cert.pem", &len);
    CHECK(ca != NULL);
    CHECK(tls_config_set_ca_mem(config, (const uint8_t *) ca, len) == 0);
    CHECK(failed_with(tls_config_set_ca_mem(config, (const uint8_t *) "junk", 4),
                      "failed to load CA certificates: no certificates found"));
    CHECK(tls_config_set_ca_mem(config, NULL, 0) == 0); /* back to the system roots */

    /* A certificate is not a CRL. */
    CHECK(tls_config_set_crl_mem(config, (const uint8_t *) ca, len) == -1);
    CHECK(error_is("failed to load CRL: no CRLs found"));
    CHECK(tls_config_set_crl_file(config, pem("rsa_2048_pkcs1_cert.pem")) == -1);
    CHECK(error_contains("no CRLs found"));
    CHECK(tls_config_set_crl_mem(config, NULL, 0) == 0);
    free(ca);
    /* s2n's test PEMs include real CRLs; make-certs.sh's do not. */
    char *crl = read_file(pems_dir(), "crl/intermediate_crl.pem", &len);
    if (crl != NULL) {
        CHECK(tls_config_set_crl_mem(config, (const uint8_t *) crl, len) == 0);
        CHECK(tls_config_set_crl_file(config, pem("crl/intermediate_crl.pem")) == 0);
        free(crl);
    }

    CHECK(tls_config_set_verify_depth(config, 3) == 0);
    tls_config_insecure_noverifycert(config);
    tls_config_insecure_noverifyname(config);
    tls_config_insecure_noverifytime(config);
    tls_config_verify(config);
    tls_config_verify_client(config);
    tls_config_verify_client_optional(config);
    tls_config_ocsp_require_stapling(config);
}

static void keypairs(void)
{
    const char *types[] = {"ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1", "rsa_2048_pkcs1", "rsa_2048_pkcs8"};
    char cert_name[128], key_name[128], cert_file[4096], key_file[4096];
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        snprintf(cert_name, sizeof cert_name, "%s_cert.pem", types[i]);
        snprintf(key_name, sizeof key_name, "%s_key.pem", types[i]);
        snprintf(cert_file, sizeof cert_file, "%s", pem(cert_name));
        snprintf(key_file, sizeof key_file, "%s", pem(key_name));
        CHECK(tls_config_set_keypair_file(config, cert_file, key_file) == 0);
        CHECK(tls_config_add_keypair_file(config, cert_file, key_file) == 0);
        CHECK(tls_config_set_cert_file(config, cert_file) == 0);
        CHECK(tls_config_set_key_file(config, key_file) == 0);

        size_t cert_len = 0, key_len = 0;
        uint8_t *cert = tls_load_file(cert_file, &cert_len, NULL);
        uint8_t *key = tls_load_file(key_file, &key_len, NULL);
        CHECK(cert != NULL && key != NULL);
        CHECK(tls_config_set_keypair_mem(config, cert, cert_len, key, key_len) == 0);
        CHECK(tls_config_add_keypair_mem(config, cert, cert_len, key, key_len) == 0);
        CHECK(tls_config_set_cert_mem(config, cert, cert_len) == 0);
        CHECK(tls_config_set_key_mem(config, key, key_len) == 0);
        /* A key is not a certificate, and a certificate is not a key. */
        CHECK(tls_config_set_cert_mem(config, key, key_len) == -1);
        CHECK(error_is("failed to load certificate: no certificates found"));
        CHECK(tls_config_set_key_mem(config, cert, cert_len) == -1);
        CHECK(error_is("failed to load private key: no usable private key found"));
        tls_unload_file(cert, cert_len);
        tls_unload_file(key, key_len);
    }

    /* Mismatched halves are refused, and the config keeps its previous keypair. */
    CHECK(failed_with(tls_config_set_keypair_file(config, pem("ecdsa_p384_pkcs1_cert.pem"),
                                                  pem("rsa_2048_pkcs1_key.pem")),
                      "private/public key mismatch"));
    CHECK(failed_with(tls_config_add_keypair_file(config, pem("rsa_2048_pkcs1_cert.pem"),
                                                  pem("ecdsa_p256_pkcs1_key.pem")),
                      "private/public key mismatch"));
    char expected[4200];
    snprintf(expected, sizeof expected, "failed to load private key from '%s': no usable private key found",
             pem("rsa_2048_pkcs1_cert.pem"));
    CHECK(failed_with(tls_config_set_key_file(config, pem("rsa_2048_pkcs1_cert.pem")), expected));
    CHECK(failed_with(tls_config_set_key_mem(config, (const uint8_t *) "junk", 4),
                      "failed to load private key: no usable private key found"));
    const char encrypted[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n";
    CHECK(tls_config_set_key_mem(config, (const uint8_t *) encrypted, sizeof encrypted - 1) == -1);
    CHECK(error_contains("encrypted keys are not supported"));

    /* tls_load_file with a password decrypts PKCS#8 keys (PBES2, either AES and PRF) into a
     * PEM key the config takes; a wrong password is EINVAL, OpenSSL's legacy encrypted PEM
     * is ENOTSUP. */
    const char *pairs[2][2] = {{"ecdsa_p256_encrypted_key.pem", "ecdsa_p256_pkcs1_cert.pem"},
                               {"rsa_2048_encrypted_key.pem", "rsa_2048_pkcs1_cert.pem"}};
    for (int i = 0; i < 2; i++) {
        size_t dec_len = 0, enc_len = 0;
        char password[] = "ferrotls", wrong[] = "ferrotlz";
        uint8_t *decrypted = tls_load_file(pem(pairs[i][0]), &dec_len, password);
        CHECK(decrypted != NULL && dec_len > 0);
        CHECK(decrypted && memmem(decrypted, dec_len, "-----BEGIN PRIVATE KEY-----", 27) != NULL);
        CHECK(tls_config_set_cert_file(config, pem(pairs[i][1])) == 0);
        CHECK(decrypted && tls_config_set_key_mem(config, decrypted, dec_len) == 0);
        CHECK(tls_config_set_keypair_mem(config, (const uint8_t *) "", 0, decrypted, dec_len) == -1);
        tls_unload_file(decrypted, dec_len);
        errno = 0;
        CHECK(tls_load_file(pem(pairs[i][0]), &enc_len, wrong) == NULL && errno == EINVAL);
        uint8_t *raw = tls_load_file(pem(pairs[i][0]), &enc_len, NULL); /* no password: as is */
        CHECK(raw != NULL && memmem(raw, enc_len, "ENCRYPTED PRIVATE KEY", 21) != NULL);
        tls_unload_file(raw, enc_len);
    }
    size_t legacy_len = 0;
    char legacy_password[] = "ferrotls";
    errno = 0;
    CHECK(tls_load_file(pem("ecdsa_p256_legacy_encrypted_key.pem"), &legacy_len, legacy_password) == NULL);
    CHECK(errno == ENOTSUP);

    /* OCSP staples are DER blobs, stored as given. */
    const uint8_t staple[] = {0x30, 0x03, 0x0a, 0x01, 0x00};
    size_t cert_len = 0, key_len = 0;
    uint8_t *cert = tls_load_file(pem("ecdsa_p384_pkcs1_cert.pem"), &cert_len, NULL);
    uint8_t *key = tls_load_file(pem("ecdsa_p384_pkcs1_key.pem"), &key_len, NULL);
    CHECK(tls_config_set_keypair_ocsp_mem(config, cert, cert_len, key, key_len, staple, sizeof staple) == 0);
    CHECK(tls_config_add_keypair_ocsp_mem(config, cert, cert_len, key, key_len, staple, sizeof staple) == 0);
    CHECK(tls_config_add_keypair_ocsp_mem(config, cert, cert_len, key, key_len, NULL, 0) == 0);
    CHECK(tls_config_set_ocsp_staple_mem(config, staple, sizeof staple) == 0);
    CHECK(tls_config_set_ocsp_staple_mem(config, NULL, 0) == 0);
    tls_unload_file(cert, cert_len);
    tls_unload_file(key, key_len);

    char staple_file[] = "/tmp/ferrotls-staple-XXXXXX";
    int fd = mkstemp(staple_file);
    CHECK(fd >= 0 && write(fd, staple, sizeof staple) == (ssize_t) sizeof staple);
    close(fd);
    CHECK(tls_config_set_ocsp_staple_file(config, staple_file) == 0);
    CHECK(tls_config_set_keypair_ocsp_file(config, pem("ecdsa_p384_pkcs1_cert.pem"), pem("ecdsa_p384_pkcs1_key.pem"),
                                           staple_file) == 0);
    CHECK(tls_config_add_keypair_ocsp_file(config, pem("ecdsa_p384_pkcs1_cert.pem"), pem("ecdsa_p384_pkcs1_key.pem"),
                                           staple_file) == 0);
    unlink(staple_file);

    tls_config_clear_keys(config);
}

static void protocols_and_ciphers(void)
{
    CHECK(tls_config_set_protocols(config, TLS_PROTOCOLS_DEFAULT) == 0);
    CHECK(tls_config_set_protocols(config, TLS_PROTOCOL_TLSv1_3) == 0);

    const char *keywords[] = {"secure", "default", "compat", "legacy", "insecure", "all", NULL};
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        CHECK(tls_config_set_ciphers(config, keywords[i]) == 0);
    CHECK(tls_config_set_ciphers(config, "ECDHE-ECDSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256") == 0);
    CHECK(failed_with(tls_config_set_ciphers(config, "bogus"), "no ciphers for 'bogus'"));
    tls_config_prefer_ciphers_client(config);
    tls_config_prefer_ciphers_server(config);

    CHECK(tls_config_set_dheparams(config, "auto") == 0);
    CHECK(tls_config_set_dheparams(config, "legacy") == 0);
    CHECK(tls_config_set_dheparams(config, "none") == 0);
    CHECK(tls_config_set_dheparams(config, NULL) == 0);
    CHECK(failed_with(tls_config_set_dheparams(config, "bogus"), "invalid dhe param 'bogus'"));

    CHECK(tls_config_set_ecdhecurves(config, "default") == 0);
    CHECK(tls_config_set_ecdhecurves(config, NULL) == 0);
    CHECK(tls_config_set_ecdhecurves(config, "X25519,P-256:secp384r1") == 0);
    CHECK(tls_config_set_ecdhecurves(config, "P-521, P-256") == 0); /* P-521 is skipped */
    CHECK(failed_with(tls_config_set_ecdhecurves(config, "X25519,bogus"), "invalid ecdhe curve 'bogus'"));
    CHECK(tls_config_set_ecdhecurve(config, "P-384") == 0);
    CHECK(tls_config_set_ecdhecurve(config, "auto") == 0);
    CHECK(failed_with(tls_config_set_ecdhecurve(config, "X25519,P-256"), "invalid ecdhe curve 'X25519,P-256'"));

    CHECK(tls_config_set_alpn(config, "h2,http/1.1") == 0);
    CHECK(failed_with(tls_config_set_alpn(config, "h2,,x"), "alpn protocol with zero length"));
}

static void sessions(void)
{
    unsigned char id[TLS_MAX_SESSION_ID_LENGTH + 1] = {1, 2, 3};
    CHECK(tls_config_set_session_id(config, id, TLS_MAX_SESSION_ID_LENGTH) == 0);
    CHECK(tls_config_set_session_id(config, NULL, 0) == 0);
    CHECK(failed_with(tls_config_set_session_id(config, id, sizeof id), "session ID too large"));

    CHECK(tls_config_set_session_lifetime(config, 0) == 0);
    CHECK(tls_config_set_session_lifetime(config, 7200) == 0);
    CHECK(failed_with(tls_config_set_session_lifetime(config, 3), "session lifetime too small"));
    CHECK(failed_with(tls_config_set_session_lifetime(config, 86401), "session lifetime too large"));

    CHECK(tls_config_set_session_fd(config, -1) == 0);
    char session_file[] = "/tmp/ferrotls-session-XXXXXX";
    int fd = mkstemp(session_file); /* mode 0600, owned by us: acceptable */
    CHECK(fd >= 0);
    CHECK(tls_config_set_session_fd(config, fd) == 0);
    CHECK(fchmod(fd, 0644) == 0);
    CHECK(failed_with(tls_config_set_session_fd(config, fd), "session file has incorrect permissions (644 != 600)"));
    CHECK(tls_config_set_session_fd(config, -1) == 0);
    close(fd);
    unlink(session_file);
    int pipe_fds[2];
    CHECK(pipe(pipe_fds) == 0);
    CHECK(failed_with(tls_config_set_session_fd(config, pipe_fds[0]), "session file is not a regular file"));
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    CHECK(tls_config_set_session_fd(config, 12345) == -1);
    CHECK(error_is("failed to stat session file: Bad file descriptor"));

    unsigned char key[TLS_TICKET_KEY_SIZE];
    memset(key, 7, sizeof key);
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == 0);
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == 0); /* re-adding the newest key */
    CHECK(tls_config_add_ticket_key(config, 2, key, sizeof key) == 0);
    CHECK(failed_with(tls_config_add_ticket_key(config, 1, key, sizeof key), "ticket key already present"));
    CHECK(failed_with(tls_config_add_ticket_key(config, 3, key, 16), "wrong amount of ticket key data"));
}

static void error_codes(void)
{
#ifdef TLS_ERROR_INVALID_ARGUMENT
    CHECK(tls_config_set_session_lifetime(config, 3) == -1);
    CHECK(tls_config_error_code(config) == TLS_ERROR_INVALID_ARGUMENT);
    CHECK(tls_config_set_dheparams(config, "bogus") == -1);
    CHECK(tls_config_error_code(config) == TLS_ERROR_UNKNOWN);
#endif
    /* A fresh config has no error. */
    struct tls_config *fresh = tls_config_new();
    CHECK(tls_config_error(fresh) == NULL);
#ifdef TLS_ERROR_UNKNOWN
    CHECK(tls_config_error_code(fresh) == TLS_ERROR_UNKNOWN);
#endif
    tls_config_free(fresh);
}

int main(void)
{
    config = tls_config_new();
    CHECK(config != NULL);
    file_errors();
    trust();
    keypairs();
    protocols_and_ciphers();
    sessions();
    error_codes();
    tls_config_free(config);
    return checks_report();
}
