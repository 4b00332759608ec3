/* Lifecycle and error model of the libtls ABI: init, contexts and configs (including the
 * config's reference counting), error strings, tls_load_file, protocol parsing, and the
 * behaviour of connection functions before any connection. Built against include/tls.h
 * and also compiled against Debian's /usr/include/tls.h. Certificates come from
 * $TEST_PEMS_DIR. */
#include <errno.h>
#include <tls.h>

#include "check.h"
#include "fork_randoms.h"

static int str_is(const char *s, const char *expected) { return s != NULL && strcmp(s, expected) == 0; }

static void init_and_objects(void)
{
    CHECK(tls_init() == 0);
    CHECK(tls_init() == 0); /* idempotent */

    struct tls_config *config = tls_config_new();
    CHECK(config != NULL);
    CHECK(tls_config_error(config) == NULL);
    tls_config_free(config);
    tls_config_free(NULL);

    struct tls *client = tls_client(), *server = tls_server();
    CHECK(client != NULL && server != NULL && client != server);
    CHECK(tls_error(client) == NULL && tls_error(server) == NULL);
    tls_free(client);
    tls_free(server);
    tls_free(NULL);
    tls_reset(NULL);

    const char *ca = tls_default_ca_cert_file();
    CHECK(ca != NULL && ca[0] == '/');
}

/* tls_configure keeps its own reference: the config outlives tls_config_free, and the last
 * tls_free releases it (valgrind's leak check covers the second half). */
static void config_reference_counting(void)
{
    struct tls_config *config = tls_config_new();
    struct tls *a = tls_client(), *b = tls_client();
    CHECK(tls_configure(a, config) == 0);
    CHECK(tls_configure(b, config) == 0);
    tls_config_free(config);
    tls_free(a);
    /* b still holds the config; reconfiguring drops that reference and takes another. */
    struct tls_config *other = tls_config_new();
    CHECK(tls_configure(b, other) == 0);
    CHECK(tls_configure(b, other) == 0);
    tls_config_free(other);
    CHECK(tls_configure(b, NULL) == 0); /* NULL: a default configuration */
    CHECK(tls_error(b) == NULL);
    tls_free(b);
}

static void server_configuration(void)
{
    struct tls *server = tls_server();
    struct tls_config *config = tls_config_new();

    CHECK(tls_configure(server, config) == -1);
    CHECK(str_is(tls_error(server), "no certificate configured"));
#ifdef TLS_ERROR_UNKNOWN
    CHECK(tls_error_code(server) == TLS_ERROR_UNKNOWN);
#endif
    tls_reset(server);
    CHECK(tls_error(server) == NULL);

    CHECK(tls_config_set_cert_file(config, pem("ecdsa_p384_pkcs1_cert.pem")) == 0);
    CHECK(tls_configure(server, config) == -1);
    CHECK(str_is(tls_error(server), "no private key configured"));

    CHECK(tls_config_set_key_file(config, pem("rsa_2048_pkcs1_key.pem")) == 0);
    CHECK(tls_configure(server, config) == -1);
    CHECK(str_is(tls_error(server), "private/public key mismatch"));

    CHECK(tls_config_set_key_file(config, pem("ecdsa_p384_pkcs1_key.pem")) == 0);
    CHECK(tls_configure(server, config) == 0);

    /* Once keys are cleared, a new server context cannot be configured with them. */
    tls_config_clear_keys(config);
    CHECK(tls_config_error(config) == NULL);
    struct tls *second = tls_server();
    CHECK(tls_configure(second, config) == -1);
    CHECK(str_is(tls_error(second), "no private key configured"));

    /* A client with only half a keypair is refused too; with none it is fine. */
    struct tls *client = tls_client();
    CHECK(tls_configure(client, config) == -1);
    CHECK(str_is(tls_error(client), "no private key configured"));

    tls_config_free(config);
    tls_free(server);
    tls_free(second);
    tls_free(client);
}

/* Before any connection: I/O fails on an unconnected context, facts are absent (NULL / 0,
 * which is no error), and what is not built yet fails with a message naming the function
 * and never pretends to succeed. (tls_connect.c covers real connections.) */
static void before_connecting(void)
{
    struct tls_config *config = tls_config_new();
    struct tls *client = tls_client(), *server = tls_server();
    CHECK(tls_configure(client, config) == 0);

    CHECK(tls_handshake(client) == -1);
    CHECK(str_is(tls_error(client), "context not connected"));
    char buf[16];
    CHECK(tls_read(client, buf, sizeof buf) == -1);
    CHECK(tls_write(client, "x", 1) == -1);
    CHECK(tls_close(client) == 0);
    CHECK(tls_conn_version(client) == NULL);
    CHECK(tls_conn_cipher_strength(client) == 0);
    size_t len = 99;
    CHECK(tls_peer_cert_chain_pem(client, &len) == NULL && len == 99);
    CHECK(tls_error(client) == NULL);
    CHECK(tls_peer_cert_notafter(client) == -1); /* no connection: no certificate */
    CHECK(tls_error(client) == NULL);
    CHECK(tls_peer_ocsp_url(client) == NULL && tls_peer_ocsp_cert_status(client) == -1);
    CHECK(tls_peer_ocsp_result(client) == NULL && tls_peer_ocsp_this_update(client) == -1);
    CHECK(tls_error(client) == NULL);

    /* An unconfigured server cannot accept; the out-pointer is cleared, as libtls does. */
    struct tls *cctx = (struct tls *) &cctx;
    CHECK(tls_accept_socket(server, &cctx, 0) == -1);
    CHECK(cctx == NULL);
    CHECK(str_is(tls_error(server), "server context is not configured"));

    tls_config_free(config);
    tls_free(client);
    tls_free(server);
}

static void load_file(void)
{
    size_t expected_len = 0, len = 0;
    char *expected = read_file(pems_dir(), "rsa_2048_pkcs1_cert.pem", &expected_len);
    CHECK(expected != NULL);

    uint8_t *buf = tls_load_file(pem("rsa_2048_pkcs1_cert.pem"), &len, NULL);
    CHECK(buf != NULL && len == expected_len && memcmp(buf, expected, len) == 0);

    /* What tls_load_file returns is what the _mem setters take. */
    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_ca_mem(config, buf, len) == 0);
    CHECK(tls_config_set_cert_mem(config, buf, len) == 0);
    tls_unload_file(buf, len);
    tls_unload_file(NULL, 0);

    /* With a password the file must hold a private key. */
    char password[] = "secret";
    buf = tls_load_file(pem("rsa_2048_pkcs1_key.pem"), &len, password);
    CHECK(buf != NULL && len > 0);
    CHECK(tls_config_set_key_mem(config, buf, len) == 0);
    tls_unload_file(buf, len);
    errno = 0;
    CHECK(tls_load_file(pem("rsa_2048_pkcs1_cert.pem"), &len, password) == NULL);
    CHECK(errno != 0);

    errno = 0;
    CHECK(tls_load_file(pem("no_such_file.pem"), &len, NULL) == NULL);
    CHECK(errno == ENOENT);

    tls_config_free(config);
    free(expected);
}

static void parse_protocols(void)
{
    static const struct {
        const char *str;
        int rc;
        uint32_t protocols;
    } cases[] = {
        {"tlsv1.0", 0, TLS_PROTOCOL_TLSv1_0},
        {"tlsv1.1", 0, TLS_PROTOCOL_TLSv1_1},
        {"tlsv1.2", 0, TLS_PROTOCOL_TLSv1_2},
        {"tlsv1.3", 0, TLS_PROTOCOL_TLSv1_3},
        {"tlsv1", 0, TLS_PROTOCOL_TLSv1},
        {"all", 0, TLS_PROTOCOLS_ALL},
        {"legacy", 0, TLS_PROTOCOLS_ALL},
        {"secure", 0, TLS_PROTOCOLS_DEFAULT},
        {"default", 0, TLS_PROTOCOLS_DEFAULT},
        {"TLSv1.2:!tlsv1.3", 0, TLS_PROTOCOL_TLSv1_2},
        {"!tlsv1.0", 0, TLS_PROTOCOL_TLSv1_1 | TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3},
        {"SECURE,tlsv1.1", 0, TLS_PROTOCOLS_DEFAULT | TLS_PROTOCOL_TLSv1_1},
        {" tlsv1.2, tlsv1.3", 0, TLS_PROTOCOLS_DEFAULT},
        {"!all", 0, 0},
        {"", -1, 0},
        {"tlsv1.2,,tlsv1.3", -1, 0},
        {"tlsv1.4", -1, 0},
        {"!!tlsv1.2", -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t protocols = 0xdead;
        int rc = tls_config_parse_protocols(&protocols, cases[i].str);
        CHECK(rc == cases[i].rc);
        CHECK(protocols == (rc == 0 ? cases[i].protocols : 0xdead));
        if (rc != cases[i].rc) fprintf(stderr, "  for \"%s\"\n", cases[i].str);
    }
    uint32_t protocols = 0;
    CHECK(tls_config_parse_protocols(&protocols, NULL) == 0 && protocols == TLS_PROTOCOLS_DEFAULT);
    CHECK(tls_config_parse_protocols(NULL, "all") == -1);

    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_protocols(config, protocols) == 0);
    tls_config_free(config);
}

/* Sends a new client context's ClientHello through `fd` (see fork_randoms.h). */
static int tls_client_hello_out(void *config, int fd)
{
    struct tls *client = tls_client();
    int ok = client != NULL && tls_configure(client, config) == 0 && tls_connect_fds(client, fd, fd, "example.com") == 0
             && tls_handshake(client) == TLS_WANT_POLLIN;
    tls_free(client);
    return ok;
}

static void tls_config_release(void *config) { tls_config_free(config); }

static void randoms_after_fork(void)
{
    struct tls_config *config = tls_config_new();
    CHECK(config != NULL);
    tls_config_insecure_noverifycert(config);
    check_randoms_after_fork(tls_client_hello_out, config, tls_config_release);
    tls_config_free(config);
}

int main(void)
{
    init_and_objects();
    config_reference_counting();
    server_configuration();
    before_connecting();
    load_file();
    parse_protocols();
    randoms_after_fork();
    return checks_report();
}
