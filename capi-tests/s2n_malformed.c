/* Hostile input: our client and server connected through in-memory pipes (s2n I/O
 * callbacks) that the test can read, tamper with and inject into. Each case checks the
 * error the victim reports and the alert the peer receives, with no crash (valgrind). */
#include "check.h"
#include "s2n_pipes.h"

static struct pipe to_server, to_client;
static struct s2n_config *server_config, *client_config;
static struct s2n_cert_chain_and_key *chain;

static struct s2n_connection *conn_on(s2n_mode mode, struct pipe *in, struct pipe *out)
{
    return pipe_conn(mode, mode == S2N_SERVER ? server_config : client_config, in, out);
}

static void connect_pair(struct s2n_connection **client, struct s2n_connection **server)
{
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    *client = conn_on(S2N_CLIENT, &to_client, &to_server);
    *server = conn_on(S2N_SERVER, &to_server, &to_client);
    CHECK(negotiate_pipes(*client, *server));
}

static const char *err_name(void) { return s2n_strerror_name(s2n_errno); }

/* The client sends one record; `tamper` edits it in flight; returns s2n_recv's result. */
static ssize_t deliver_tampered(struct s2n_connection *client, struct s2n_connection *server,
                                void (*tamper)(struct pipe *))
{
    s2n_blocked_status blocked;
    CHECK(s2n_send(client, "hello", 5, &blocked) == 5);
    tamper(&to_server);
    char buf[64];
    return s2n_recv(server, buf, sizeof buf, &blocked);
}

static void flip_last_byte(struct pipe *p) { p->buf[p->end - 1] ^= 0x01; }
static void flip_header_type(struct pipe *p) { p->buf[p->start] = 22; /* handshake, unprotected */ }
static void oversize(struct pipe *p)
{
    p->buf[p->start + 3] = 0x48; /* length 0x48xx > 2^14 + 256 */
}
static void truncate_record(struct pipe *p) { p->end -= 3; }

/* As in s2n, a failed connection writes nothing until the application calls s2n_shutdown
 * (here with no blinding delay to sit out), which sends the alert. Returns whether the
 * failure itself wrote nothing. */
static int alert_waits_for_shutdown(struct s2n_connection *failed, struct pipe *out)
{
    int quiet = out->start == out->end;
    s2n_blocked_status blocked;
    CHECK(s2n_shutdown_send(failed, &blocked) == S2N_SUCCESS);
    return quiet;
}

/* After a failure, the client hears the server's alert (encrypted under its keys). */
static int client_got_alert(struct s2n_connection *client, int expected)
{
    s2n_blocked_status blocked;
    char buf[16];
    ssize_t r = s2n_recv(client, buf, sizeof buf, &blocked);
    return r < 0 && strcmp(err_name(), "S2N_ERR_ALERT") == 0 && s2n_connection_get_alert(client) == expected;
}

static void run_case(const char *name, void (*tamper)(struct pipe *), const char *error, int alert)
{
    struct s2n_connection *client, *server;
    connect_pair(&client, &server);
    ssize_t r = deliver_tampered(client, server, tamper);
    int ok = r < 0 && strcmp(err_name(), error) == 0;
    if (!ok) fprintf(stderr, "%s: recv=%zd error=%s\n", name, r, err_name());
    CHECK(ok);
    CHECK(alert_waits_for_shutdown(server, &to_client));
    if (alert >= 0) CHECK(client_got_alert(client, alert));
    /* The failure is final: later calls fail the same way and do not touch the pipes. */
    s2n_blocked_status blocked;
    char buf[8];
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) < 0);
    CHECK(s2n_send(server, "x", 1, &blocked) < 0);
    s2n_connection_free(client);
    s2n_connection_free(server);
}

static void plaintext_attacks(void)
{
    s2n_blocked_status blocked;
    /* Application data before any handshake: unexpected_message in clear. */
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    struct s2n_connection *server = conn_on(S2N_SERVER, &to_server, &to_client);
    const uint8_t app_data[] = { 23, 3, 3, 0, 3, 'a', 'b', 'c' };
    pipe_send(&to_server, app_data, sizeof app_data);
    CHECK(s2n_negotiate(server, &blocked) == S2N_FAILURE && s2n_error_get_type(s2n_errno) == S2N_ERR_T_PROTO);
    CHECK(alert_waits_for_shutdown(server, &to_client));
    const uint8_t expected_alert[] = { 21, 3, 3, 0, 2, 2, 10 };
    CHECK(to_client.end == sizeof expected_alert && memcmp(to_client.buf, expected_alert, sizeof expected_alert) == 0);
    s2n_connection_free(server);

    /* A ClientHello whose inner length overruns its record: decode_error. */
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    server = conn_on(S2N_SERVER, &to_server, &to_client);
    const uint8_t bad_hello[] = { 22, 3, 1, 0, 6, 1, 0, 0, 2, 3, 3 };
    pipe_send(&to_server, bad_hello, sizeof bad_hello);
    CHECK(s2n_negotiate(server, &blocked) == S2N_FAILURE);
    CHECK(strcmp(err_name(), "S2N_ERR_BAD_MESSAGE") == 0);
    CHECK(alert_waits_for_shutdown(server, &to_client));
    CHECK(to_client.end == 7 && to_client.buf[6] == 50); /* decode_error */
    s2n_connection_free(server);

    /* A record claiming to be larger than TLS allows: record_overflow, before reading it. */
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    server = conn_on(S2N_SERVER, &to_server, &to_client);
    const uint8_t huge[] = { 22, 3, 1, 0x48, 0x01 };
    pipe_send(&to_server, huge, sizeof huge);
    CHECK(s2n_negotiate(server, &blocked) == S2N_FAILURE);
    CHECK(strcmp(err_name(), "S2N_ERR_RECORD_LENGTH_TOO_LARGE") == 0);
    CHECK(alert_waits_for_shutdown(server, &to_client));
    CHECK(to_client.end == 7 && to_client.buf[6] == 22); /* record_overflow */
    s2n_connection_free(server);

    /* Random garbage of every length: never a crash, always a clean failure or a wait. */
    for (int len = 1; len < 64; len++) {
        memset(&to_server, 0, sizeof to_server);
        memset(&to_client, 0, sizeof to_client);
        server = conn_on(S2N_SERVER, &to_server, &to_client);
        uint8_t junk[64];
        for (int i = 0; i < len; i++) junk[i] = (uint8_t) (i * 37 + len);
        pipe_send(&to_server, junk, len);
        int rc = s2n_negotiate(server, &blocked);
        CHECK(rc == S2N_FAILURE);
        s2n_connection_free(server);
    }
}

int main(void)
{
    const char *dir = pems_dir();
    char *cert = read_file(dir, "ecdsa_p256_pkcs1_cert.pem", NULL), *key = read_file(dir, "ecdsa_p256_pkcs1_key.pem", NULL);
    char *ca = read_file(dir, "ca_cert.pem", NULL);
    if (!cert || !key || !ca) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    server_config = s2n_config_new_minimal();
    client_config = s2n_config_new_minimal();
    CHECK(s2n_config_set_max_blinding_delay(server_config, 0) == S2N_SUCCESS);
    chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(server_config, chain) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(client_config, ca) == S2N_SUCCESS);

    run_case("bad record MAC", flip_last_byte, "S2N_ERR_DECRYPT", 20);
    run_case("unprotected handshake record after the handshake", flip_header_type, "S2N_ERR_BAD_MESSAGE", 10);
    run_case("oversized record", oversize, "S2N_ERR_RECORD_LENGTH_TOO_LARGE", 22);
    plaintext_attacks();

    /* A truncated record is not an error by itself: the reader waits for the rest. */
    struct s2n_connection *client, *server;
    connect_pair(&client, &server);
    ssize_t r = deliver_tampered(client, server, truncate_record);
    CHECK(r < 0 && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED);
    s2n_connection_free(client);
    s2n_connection_free(server);

    s2n_config_free(server_config);
    s2n_config_free(client_config);
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    free(ca);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
