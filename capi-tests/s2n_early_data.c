/* TLS 1.3 early data (0-RTT) through the s2n API, over socketpairs: a ticket from a server
 * that allows early data carries its limit (s2n_connection_get_max_early_data_size on a
 * client holding the session); s2n_send_early_data / s2n_recv_early_data move it during a
 * resumed handshake, which both sides then report (status END, WITH_EARLY_DATA); a server
 * that does not read early data, or whose callback refuses it (at once or later, through
 * the s2n_offered_early_data it kept), skips it and the handshake carries on (status
 * REJECTED); the client cannot send more than the limit; an external PSK configured for
 * early data carries it too; a client that sends early data without waiting for the
 * server (non-blocking socket) gets it through. */
#include <errno.h>
#include <fcntl.h>
#include <s2n.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

#define MAX_EARLY 1024

static struct s2n_config *server_config, *client_config;
static uint8_t session[4096];
static int session_len;

/* The early data callback's behaviour: accept, reject, or keep the offer for later. */
enum { CB_ACCEPT, CB_REJECT, CB_LATER } cb_mode;
static struct s2n_offered_early_data *kept_offer;
static int cb_calls;
static char cb_context[64];

static int early_data_cb(struct s2n_connection *conn, struct s2n_offered_early_data *offer)
{
    (void) conn;
    cb_calls++;
    uint16_t len = 0;
    CHECK(s2n_offered_early_data_get_context_length(offer, &len) == S2N_SUCCESS && len < sizeof cb_context);
    memset(cb_context, 0, sizeof cb_context);
    CHECK(s2n_offered_early_data_get_context(offer, (uint8_t *) cb_context, sizeof cb_context) == S2N_SUCCESS);
    switch (cb_mode) {
    case CB_ACCEPT: return s2n_offered_early_data_accept(offer);
    case CB_REJECT: return s2n_offered_early_data_reject(offer);
    default: kept_offer = offer; return S2N_SUCCESS;
    }
}

struct early_side {
    struct s2n_connection *conn;
    int fd;
    const char *data; /* client: what to send as early data */
    char got[4096];   /* server: the early data received */
    ssize_t got_len;
    int read_early;   /* server: read early data (else plain s2n_negotiate) */
    int rc;
    const char *err;
};

/* A thread's end: its result, and on failure the error's name and a hung-up socket (so the
 * other side is not left waiting). */
static void *finish(struct early_side *side, int ok)
{
    side->rc = ok ? 0 : -1;
    side->err = ok ? "" : s2n_strerror_name(s2n_errno);
    if (!ok) shutdown(side->fd, SHUT_RDWR);
    return NULL;
}

static void *client_thread(void *arg)
{
    struct early_side *c = arg;
    s2n_blocked_status blocked;
    ssize_t sent = 0;
    size_t len = strlen(c->data);
    /* As an application would: offer the data, then finish the handshake. */
    while (s2n_send_early_data(c->conn, (const uint8_t *) c->data, len, &sent, &blocked) < 0) {
        if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) return finish(c, 0);
        if (sent > 0) break;
    }
    c->got_len = sent;
    return finish(c, s2n_negotiate(c->conn, &blocked) == S2N_SUCCESS);
}

static void *server_thread(void *arg)
{
    struct early_side *s = arg;
    s2n_blocked_status blocked;
    if (s->read_early) {
        for (;;) {
            ssize_t n = 0;
            int rc = s2n_recv_early_data(s->conn, (uint8_t *) s->got + s->got_len, sizeof s->got - s->got_len, &n,
                                         &blocked);
            s->got_len += n;
            if (rc == S2N_SUCCESS) break;
            if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) return finish(s, 0);
            if (blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) {
                /* The callback kept the offer: decide now, as a later event would. */
                CHECK(kept_offer != NULL);
                if (kept_offer) CHECK(s2n_offered_early_data_accept(kept_offer) == S2N_SUCCESS);
            }
        }
    }
    return finish(s, s2n_negotiate(s->conn, &blocked) == S2N_SUCCESS);
}

static s2n_early_data_status_t status_of(struct s2n_connection *conn)
{
    s2n_early_data_status_t status = -1;
    CHECK(s2n_connection_get_early_data_status(conn, &status) == S2N_SUCCESS);
    return status;
}

static int type_has(struct s2n_connection *conn, const char *flag)
{
    return strstr(s2n_connection_get_handshake_type_name(conn), flag) != NULL;
}

/* A full handshake whose ticket the client keeps in `session` (the server's early data
 * context is `context`). */
static void full_handshake(const char *context)
{
    int fds[2];
    struct s2n_connection *server, *client;
    struct side cs, ss;
    open_pair(server_config, client_config, fds, &server, &client);
    CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
    CHECK(s2n_connection_set_server_early_data_context(server, (const uint8_t *) context, strlen(context)) ==
          S2N_SUCCESS);
    uint32_t max = 0;
    CHECK(s2n_connection_get_max_early_data_size(server, &max) == S2N_SUCCESS && max == MAX_EARLY);
    CHECK(negotiate_pair(client, server, fds, &cs, &ss));
    CHECK(status_of(client) == S2N_EARLY_DATA_STATUS_NOT_REQUESTED);
    CHECK(status_of(server) == S2N_EARLY_DATA_STATUS_NOT_REQUESTED);
    s2n_blocked_status blocked;
    char buf[8];
    CHECK(s2n_send(server, "hi", 2, &blocked) == 2);
    CHECK(s2n_recv(client, buf, sizeof buf, &blocked) == 2);
    session_len = s2n_connection_get_session(client, session, sizeof session);
    CHECK(session_len > 0);
    close_pair(client, server, fds);
}

/* A resumed handshake in which the client sends `data` as early data and the server reads
 * early data if `read_early`; fills in both sides. */
static void resume_with_early_data(const char *data, int read_early, struct early_side *c, struct early_side *s,
                                   struct s2n_connection **client, struct s2n_connection **server, int fds[2])
{
    open_pair(server_config, client_config, fds, server, client);
    CHECK(s2n_set_server_name(*client, "localhost") == S2N_SUCCESS);
    CHECK(s2n_connection_set_session(*client, session, session_len) == S2N_SUCCESS);
    uint32_t max = 0;
    CHECK(s2n_connection_get_max_early_data_size(*client, &max) == S2N_SUCCESS && max == MAX_EARLY);
    *c = (struct early_side) { .conn = *client, .fd = fds[1], .data = data };
    *s = (struct early_side) { .conn = *server, .fd = fds[0], .read_early = read_early };
    pthread_t ct, st;
    pthread_create(&st, NULL, server_thread, s);
    pthread_create(&ct, NULL, client_thread, c);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    if (c->rc || s->rc) fprintf(stderr, "  client %s, server %s\n", c->err, s->err);
}

static void accepted(void)
{
    struct early_side c, s;
    struct s2n_connection *client, *server;
    int fds[2];
    cb_mode = CB_ACCEPT;
    cb_calls = 0;
    resume_with_early_data("early hello", 1, &c, &s, &client, &server, fds);
    CHECK(c.rc == 0 && s.rc == 0);
    CHECK(c.got_len == 11);
    CHECK(s.got_len == 11 && memcmp(s.got, "early hello", 11) == 0);
    CHECK(cb_calls == 1 && str_is(cb_context, "context-one"));
    CHECK(s2n_connection_is_session_resumed(client) == 1 && s2n_connection_is_session_resumed(server) == 1);
    CHECK(status_of(client) == S2N_EARLY_DATA_STATUS_END && status_of(server) == S2N_EARLY_DATA_STATUS_END);
    CHECK(type_has(client, "WITH_EARLY_DATA") && type_has(server, "WITH_EARLY_DATA"));
    CHECK(type_has(client, "EARLY_CLIENT_CCS") && type_has(server, "EARLY_CLIENT_CCS"));
    uint32_t remaining = 1;
    CHECK(s2n_connection_get_remaining_early_data_size(client, &remaining) == S2N_SUCCESS && remaining == 0);
    data_both_ways(client, server);
    close_pair(client, server, fds);
}

/* The server refuses: by not reading early data, or through its callback. */
static void rejected(int read_early, int mode)
{
    struct early_side c, s;
    struct s2n_connection *client, *server;
    int fds[2];
    cb_mode = mode;
    cb_calls = 0;
    resume_with_early_data("unwanted early data", read_early, &c, &s, &client, &server, fds);
    CHECK(c.rc == 0 && s.rc == 0);
    CHECK(s.got_len == 0);
    CHECK(cb_calls == (read_early ? 1 : 0));
    CHECK(s2n_connection_is_session_resumed(server) == 1);
    CHECK(status_of(client) == S2N_EARLY_DATA_STATUS_REJECTED && status_of(server) == S2N_EARLY_DATA_STATUS_REJECTED);
    CHECK(!type_has(client, "WITH_EARLY_DATA") && !type_has(server, "WITH_EARLY_DATA"));
    data_both_ways(client, server);
    close_pair(client, server, fds);
}

/* The callback keeps the offer; the server's s2n_recv_early_data waits for the decision. */
static void decided_later(void)
{
    struct early_side c, s;
    struct s2n_connection *client, *server;
    int fds[2];
    cb_mode = CB_LATER;
    cb_calls = 0;
    kept_offer = NULL;
    resume_with_early_data("later", 1, &c, &s, &client, &server, fds);
    CHECK(c.rc == 0 && s.rc == 0);
    CHECK(cb_calls == 1 && kept_offer != NULL);
    CHECK(s.got_len == 5 && memcmp(s.got, "later", 5) == 0);
    CHECK(status_of(server) == S2N_EARLY_DATA_STATUS_END);
    close_pair(client, server, fds);
}

/* More than the limit: s2n_send_early_data sends what is allowed. */
static void over_the_limit(void)
{
    static char big[MAX_EARLY + 500 + 1];
    memset(big, 'b', sizeof big - 1);
    struct early_side c, s;
    struct s2n_connection *client, *server;
    int fds[2];
    cb_mode = CB_ACCEPT;
    resume_with_early_data(big, 1, &c, &s, &client, &server, fds);
    CHECK(c.rc == 0 && s.rc == 0);
    CHECK(c.got_len == MAX_EARLY && s.got_len == MAX_EARLY);
    close_pair(client, server, fds);

    /* s2n_send during early data refuses a payload larger than what is left. */
    open_pair(server_config, client_config, fds, &server, &client);
    CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
    CHECK(fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
    s2n_blocked_status blocked;
    ssize_t sent = -1;
    int rc = s2n_send_early_data(client, (const uint8_t *) "x", 1, &sent, &blocked);
    CHECK(rc == S2N_FAILURE && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED && blocked == S2N_BLOCKED_ON_READ);
    CHECK(sent == 1);
    uint32_t remaining = 0;
    CHECK(s2n_connection_get_remaining_early_data_size(client, &remaining) == S2N_SUCCESS &&
          remaining == MAX_EARLY - 1);
    rc = s2n_send_early_data(client, (const uint8_t *) big, MAX_EARLY, &sent, &blocked);
    /* Nothing more can follow, so the wait for the server is not reported. */
    CHECK(rc == S2N_SUCCESS && sent == MAX_EARLY - 1);
    CHECK(s2n_connection_get_remaining_early_data_size(client, &remaining) == S2N_SUCCESS && remaining == 0);
    /* Outside s2n_send_early_data, s2n_send during the handshake sends nothing. */
    CHECK(s2n_send(client, "y", 1, &blocked) < 0);
    close_pair(client, server, fds);
}

/* An external PSK allowed early data: both sides configure it the same way. */
static struct s2n_psk *early_psk(void)
{
    struct s2n_psk *psk = s2n_external_psk_new();
    uint8_t secret[32];
    memset(secret, 0x42, sizeof secret);
    CHECK(s2n_psk_set_identity(psk, (const uint8_t *) "early-psk", 9) == S2N_SUCCESS);
    CHECK(s2n_psk_set_secret(psk, secret, sizeof secret) == S2N_SUCCESS);
    CHECK(s2n_psk_set_hmac(psk, S2N_PSK_HMAC_SHA256) == S2N_SUCCESS);
    /* TLS_AES_256_GCM_SHA384 does not go with a SHA-256 PSK. */
    CHECK(s2n_psk_configure_early_data(psk, 300, 0x13, 0x02) == S2N_FAILURE);
    CHECK(s2n_psk_configure_early_data(psk, 300, 0x13, 0x01) == S2N_SUCCESS);
    CHECK(s2n_psk_set_early_data_context(psk, (const uint8_t *) "psk-context", 11) == S2N_SUCCESS);
    CHECK(s2n_psk_set_application_protocol(psk, NULL, 0) == S2N_SUCCESS);
    return psk;
}

static void external_psk(void)
{
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(server_config, client_config, fds, &server, &client);
    struct s2n_psk *psk = early_psk();
    CHECK(s2n_connection_append_psk(client, psk) == S2N_SUCCESS);
    CHECK(s2n_connection_append_psk(server, psk) == S2N_SUCCESS);
    s2n_psk_free(&psk);
    uint32_t max = 0;
    CHECK(s2n_connection_get_max_early_data_size(client, &max) == S2N_SUCCESS && max == 300);
    struct early_side c = { .conn = client, .fd = fds[1], .data = "psk early data" };
    struct early_side s = { .conn = server, .fd = fds[0], .read_early = 1 };
    cb_mode = CB_ACCEPT;
    pthread_t ct, st;
    pthread_create(&st, NULL, server_thread, &s);
    pthread_create(&ct, NULL, client_thread, &c);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    CHECK(c.rc == 0 && s.rc == 0);
    CHECK(s.got_len == 14 && memcmp(s.got, "psk early data", 14) == 0);
    CHECK(str_is(cb_context, "psk-context"));
    CHECK(status_of(client) == S2N_EARLY_DATA_STATUS_END && status_of(server) == S2N_EARLY_DATA_STATUS_END);
    close_pair(client, server, fds);
}

/* True 0-RTT: the client's early data leaves with its ClientHello, before the server has
 * said anything; the server reads it all before the handshake ends. */
static void zero_rtt(void)
{
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(server_config, client_config, fds, &server, &client);
    CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
    CHECK(fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0);
    s2n_blocked_status blocked;
    ssize_t sent = 0;
    CHECK(s2n_send_early_data(client, (const uint8_t *) "first", 5, &sent, &blocked) == S2N_FAILURE);
    CHECK(sent == 5 && blocked == S2N_BLOCKED_ON_READ);
    CHECK(s2n_send_early_data(client, (const uint8_t *) "second", 6, &sent, &blocked) == S2N_FAILURE);
    CHECK(sent == 6);
    /* The server, alone now: everything it needs is on the wire. */
    char got[64];
    ssize_t got_len = 0, n = 0;
    cb_mode = CB_ACCEPT;
    CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
    int rc = s2n_recv_early_data(server, (uint8_t *) got, sizeof got, &n, &blocked);
    got_len += n;
    CHECK(rc == S2N_FAILURE && blocked == S2N_BLOCKED_ON_READ);
    CHECK(got_len == 11 && memcmp(got, "firstsecond", 11) == 0);
    CHECK(status_of(server) == S2N_EARLY_DATA_STATUS_OK);
    /* The client finishes; then the server. */
    CHECK(s2n_negotiate(client, &blocked) == S2N_SUCCESS);
    CHECK(status_of(client) == S2N_EARLY_DATA_STATUS_END);
    CHECK(s2n_recv_early_data(server, (uint8_t *) got, sizeof got, &n, &blocked) == S2N_SUCCESS && n == 0);
    CHECK(s2n_negotiate(server, &blocked) == S2N_SUCCESS);
    CHECK(status_of(server) == S2N_EARLY_DATA_STATUS_END);
    close_pair(client, server, fds);
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    server_config = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(server_config, "default_tls13") == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(server_config, chain) == S2N_SUCCESS);
    uint8_t ticket_key[32] = "s2n_early_data test ticket key";
    CHECK(s2n_config_set_session_tickets_onoff(server_config, 1) == S2N_SUCCESS);
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "early", 5, ticket_key, sizeof ticket_key,
                                           0) == S2N_SUCCESS);
    CHECK(s2n_config_set_server_max_early_data_size(server_config, MAX_EARLY) == S2N_SUCCESS);
    CHECK(s2n_config_set_early_data_cb(server_config, early_data_cb) == S2N_SUCCESS);
    client_config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(client_config, "default_tls13") == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(client_config, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(client_config, 1) == S2N_SUCCESS);

    full_handshake("context-one");
    accepted();
    rejected(0, CB_ACCEPT);
    rejected(1, CB_REJECT);
    decided_later();
    over_the_limit();
    zero_rtt();
    external_psk();

    s2n_config_free(server_config);
    s2n_config_free(client_config);
    s2n_cert_chain_and_key_free(chain);
    free(ca);
    s2n_cleanup();
    return checks_report();
}
