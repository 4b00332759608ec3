/* Lifecycle and error model of the s2n ABI: init ordering, errno and error strings,
 * configs, connections and certificate chains. Built against include/s2n.h and also
 * compiled against s2n-tls's own header. */
#include <pthread.h>
#include <s2n.h>

#include "check.h"
#include "fork_randoms.h"

static const char *last_error_name(void) { return s2n_strerror_name(s2n_errno); }
static int failed_with(int rc, const char *name) { return rc == S2N_FAILURE && strcmp(last_error_name(), name) == 0; }

static void before_init(void)
{
    s2n_errno = 0;
    CHECK(s2n_config_new() == NULL);
    CHECK(strcmp(last_error_name(), "S2N_ERR_NOT_INITIALIZED") == 0);
    CHECK(s2n_connection_new(S2N_CLIENT) == NULL);
    CHECK(s2n_cert_chain_and_key_new() == NULL);
    CHECK(failed_with(s2n_cleanup_final(), "S2N_ERR_NOT_INITIALIZED"));

    s2n_fips_mode mode = S2N_FIPS_MODE_ENABLED;
    CHECK(failed_with(s2n_get_fips_mode(&mode), "S2N_ERR_NOT_INITIALIZED"));
    CHECK(mode == S2N_FIPS_MODE_DISABLED); /* written even when failing, as s2n does */

    CHECK(s2n_mem_set_callbacks(NULL, NULL, NULL, NULL) == S2N_FAILURE);
    CHECK(s2n_disable_atexit() == S2N_SUCCESS);
    CHECK(s2n_crypto_disable_init() == S2N_SUCCESS);
}

static void init_rules(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    CHECK(failed_with(s2n_init(), "S2N_ERR_INITIALIZED"));
    CHECK(failed_with(s2n_disable_atexit(), "S2N_ERR_INITIALIZED"));
    CHECK(failed_with(s2n_crypto_disable_init(), "S2N_ERR_INITIALIZED"));
    CHECK(s2n_cleanup() == S2N_SUCCESS);
    s2n_fips_mode mode = S2N_FIPS_MODE_ENABLED;
    CHECK(s2n_get_fips_mode(&mode) == S2N_SUCCESS && mode == S2N_FIPS_MODE_DISABLED);
    CHECK(s2n_get_openssl_version() != 0);
}

static void errors(void)
{
    CHECK(s2n_errno_location() == &s2n_errno);

    /* A NULL argument: S2N_ERR_NULL, an internal-type error with strings. */
    CHECK(failed_with(s2n_config_set_ctx(NULL, NULL), "S2N_ERR_NULL"));
    int err = s2n_errno;
    CHECK(s2n_error_get_type(err) == S2N_ERR_T_INTERNAL);
    CHECK(strlen(s2n_strerror(err, "EN")) > 0);
    CHECK(strcmp(s2n_strerror(err, NULL), s2n_strerror(err, "en")) == 0);
    CHECK(strcmp(s2n_strerror(err, "FR"), s2n_strerror(err, "EN")) != 0);
    CHECK(strstr(s2n_strerror_debug(err, "EN"), "Error encountered in ") != NULL);
    CHECK(strstr(s2n_strerror_source(err), ".rs:") != NULL);
    CHECK(strcmp(s2n_strerror(0, "EN"), s2n_strerror_debug(0, "EN")) == 0);
    CHECK(strcmp(s2n_strerror_name(123456), s2n_strerror(123456, "EN")) == 0);

    uint8_t alert = 0;
    CHECK(s2n_error_get_alert(err, &alert) == S2N_SUCCESS && alert == 80); /* internal_error */
    CHECK(s2n_error_get_alert(err, NULL) == S2N_FAILURE);

    /* Functions not built fail as usage errors named UNIMPLEMENTED (DHE needs finite-field
     * Diffie-Hellman, which aws-lc-rs does not offer). */
    struct s2n_config *config = s2n_config_new();
    CHECK(s2n_config_add_dhparams(config, "-----BEGIN DH PARAMETERS-----") == S2N_FAILURE);
    CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_USAGE);
    CHECK(strstr(last_error_name(), "UNIMPLEMENTED") != NULL);
    CHECK(s2n_error_get_alert(s2n_errno, &alert) == S2N_FAILURE);
    CHECK(strcmp(last_error_name(), "S2N_ERR_NO_ALERT") == 0);
    s2n_config_free(config);

    /* Stack traces behave as in an s2n build without backtrace support. */
    CHECK(s2n_stack_traces_enabled_set(true) == S2N_SUCCESS && s2n_stack_traces_enabled());
    CHECK(s2n_calculate_stacktrace() == S2N_FAILURE);
    CHECK(s2n_stack_traces_enabled_set(false) == S2N_SUCCESS && !s2n_stack_traces_enabled());
    CHECK(s2n_calculate_stacktrace() == S2N_SUCCESS);
    CHECK(s2n_print_stacktrace(stderr) == S2N_SUCCESS);
}

static void *fail_in_thread(void *arg)
{
    (void) arg;
    s2n_errno = 0;
    s2n_connection_set_ctx(NULL, NULL);
    return (void *) (long) s2n_errno;
}

static void errno_is_thread_local(void)
{
    s2n_errno = 0;
    pthread_t thread;
    void *thread_errno = NULL;
    CHECK(pthread_create(&thread, NULL, fail_in_thread, NULL) == 0);
    CHECK(pthread_join(thread, &thread_errno) == 0);
    CHECK(thread_errno != NULL);
    CHECK(s2n_errno == 0);
}

static void configs_and_connections(void)
{
    int token = 7;
    struct s2n_config *config = s2n_config_new();
    struct s2n_config *minimal = s2n_config_new_minimal();
    CHECK(config != NULL && minimal != NULL);
    void *ctx = NULL;
    CHECK(s2n_config_set_ctx(config, &token) == S2N_SUCCESS);
    CHECK(s2n_config_get_ctx(config, &ctx) == S2N_SUCCESS && ctx == &token);
    CHECK(s2n_config_get_ctx(config, NULL) == S2N_FAILURE);

    struct s2n_connection *client = s2n_connection_new(S2N_CLIENT);
    struct s2n_connection *server = s2n_connection_new(S2N_SERVER);
    CHECK(client && server);
    CHECK(s2n_connection_get_mode(client) == S2N_CLIENT);
    CHECK(s2n_connection_get_mode(server) == S2N_SERVER);
    CHECK(s2n_connection_get_mode(NULL) == S2N_SERVER);
    CHECK(s2n_connection_new((s2n_mode) 7) == NULL);

    struct s2n_config *got = NULL;
    CHECK(failed_with(s2n_connection_get_config(client, &got), "S2N_ERR_NULL")); /* default config */
    CHECK(s2n_connection_set_config(client, config) == S2N_SUCCESS);
    CHECK(s2n_connection_get_config(client, &got) == S2N_SUCCESS && got == config);
    CHECK(s2n_connection_set_config(client, minimal) == S2N_SUCCESS);
    CHECK(s2n_connection_get_config(client, &got) == S2N_SUCCESS && got == minimal);
    CHECK(failed_with(s2n_connection_set_config(client, NULL), "S2N_ERR_NULL"));

    CHECK(s2n_connection_get_ctx(client) == NULL);
    CHECK(s2n_connection_set_ctx(client, &token) == S2N_SUCCESS && s2n_connection_get_ctx(client) == &token);
    CHECK(s2n_connection_get_ctx(NULL) == NULL);

    CHECK(s2n_connection_free(client) == S2N_SUCCESS);
    CHECK(s2n_connection_free(server) == S2N_SUCCESS);
    CHECK(failed_with(s2n_connection_free(NULL), "S2N_ERR_NULL"));
    CHECK(s2n_config_free(config) == S2N_SUCCESS);
    CHECK(s2n_config_free(minimal) == S2N_SUCCESS);
    CHECK(s2n_config_free(NULL) == S2N_SUCCESS);
}

static int load_pair(const char *cert_name, const char *key_name, const char *expect_error)
{
    char *cert = read_file(pems_dir(), cert_name, NULL);
    char *key = read_file(pems_dir(), key_name, NULL);
    CHECK(cert && key);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    int rc = s2n_cert_chain_and_key_load_pem(chain, cert, key);
    int ok = expect_error ? failed_with(rc, expect_error) : rc == S2N_SUCCESS;
    if (!ok) fprintf(stderr, "  %s + %s: rc=%d %s\n", cert_name, key_name, rc, last_error_name());
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    return ok;
}

static void certificate_chains(void)
{
    CHECK(load_pair("ecdsa_p256_pkcs1_cert.pem", "ecdsa_p256_pkcs1_key.pem", NULL));
    CHECK(load_pair("ecdsa_p384_pkcs1_cert.pem", "ecdsa_p384_pkcs1_key.pem", NULL));
    CHECK(load_pair("rsa_2048_pkcs1_cert.pem", "rsa_2048_pkcs1_key.pem", NULL));
    CHECK(load_pair("rsa_2048_pkcs8_cert.pem", "rsa_2048_pkcs8_key.pem", NULL));
    CHECK(load_pair("ed25519_cert.pem", "ed25519_key.pem", NULL));
    CHECK(load_pair("ecdsa_p256_pkcs1_cert.pem", "ecdsa_p384_pkcs1_key.pem", "S2N_ERR_KEY_MISMATCH"));
    CHECK(load_pair("rsa_2048_pkcs1_cert.pem", "rsa_2048_pkcs8_key.pem", "S2N_ERR_KEY_MISMATCH"));
    CHECK(load_pair("ecdsa_p256_pkcs1_key.pem", "ecdsa_p256_pkcs1_key.pem", "S2N_ERR_NO_CERTIFICATE_IN_PEM"));
    CHECK(load_pair("ecdsa_p256_pkcs1_cert.pem", "ecdsa_p256_pkcs1_cert.pem", "S2N_ERR_DECODE_PRIVATE_KEY"));

    size_t cert_len = 0, key_len = 0;
    char *cert = read_file(pems_dir(), "ecdsa_p256_pkcs1_cert.pem", &cert_len);
    char *key = read_file(pems_dir(), "ecdsa_p256_pkcs1_key.pem", &key_len);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem_bytes(chain, (uint8_t *) cert, cert_len, (uint8_t *) key, key_len) == S2N_SUCCESS);
    CHECK(s2n_cert_chain_and_key_load_pem_bytes(chain, (uint8_t *) cert, cert_len, (uint8_t *) key, key_len) == S2N_FAILURE);
    int token = 1;
    CHECK(s2n_cert_chain_and_key_set_ctx(chain, &token) == S2N_SUCCESS);
    CHECK(s2n_cert_chain_and_key_get_ctx(chain) == &token);
    CHECK(s2n_cert_chain_and_key_free(chain) == S2N_SUCCESS);

    struct s2n_cert_chain_and_key *public_only = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_public_pem_bytes(public_only, (uint8_t *) cert, cert_len) == S2N_SUCCESS);
    CHECK(s2n_cert_chain_and_key_free(public_only) == S2N_SUCCESS);

    struct s2n_cert_chain_and_key *truncated = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem_bytes(truncated, (uint8_t *) cert, cert_len / 2, (uint8_t *) key, key_len) == S2N_FAILURE);
    CHECK(s2n_cert_chain_and_key_load_pem(truncated, NULL, key) == S2N_FAILURE);
    CHECK(strcmp(last_error_name(), "S2N_ERR_NULL") == 0);
    CHECK(s2n_cert_chain_and_key_free(truncated) == S2N_SUCCESS);
    CHECK(s2n_cert_chain_and_key_free(NULL) == S2N_SUCCESS);
    free(cert);
    free(key);
}

/* Sends a new client connection's ClientHello through `fd` (see fork_randoms.h). */
static int s2n_client_hello_out(void *config, int fd)
{
    s2n_blocked_status blocked;
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    int ok = conn && s2n_connection_set_config(conn, config) == 0 && s2n_connection_set_fd(conn, fd) == 0
             && s2n_negotiate(conn, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_READ;
    s2n_connection_free(conn);
    return ok;
}

static void s2n_config_release(void *config) { s2n_config_free(config); }

static void randoms_after_fork(void)
{
    struct s2n_config *config = s2n_config_new();
    CHECK(config != NULL);
    check_randoms_after_fork(s2n_client_hello_out, config, s2n_config_release);
    s2n_config_free(config);
}

static void cleanup_and_reinit(void)
{
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    CHECK(failed_with(s2n_cleanup_final(), "S2N_ERR_NOT_INITIALIZED"));
    CHECK(s2n_config_new() == NULL);
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_config *config = s2n_config_new();
    CHECK(config != NULL);
    s2n_config_free(config);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
}

int main(void)
{
    before_init();
    init_rules();
    errors();
    errno_is_thread_local();
    configs_and_connections();
    certificate_chains();
    randoms_after_fork();
    cleanup_and_reinit();
    return checks_report();
}
