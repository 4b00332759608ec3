/* Real TLS 1.3 handshakes between our s2n client and server over socketpairs: blocking
 * (one thread per side) and non-blocking (one thread, poll), data both ways, shutdown,
 * accessors, client authentication, certificate failures and garbage input, and one
 * thread sending while another receives on the same connection. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <s2n.h>
#include <s2n/unstable/ktls.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

static char *cert_pem, *key_pem, *ca_pem, *client_cert_pem, *client_key_pem;

static struct s2n_config *server_config(s2n_cert_auth_type auth)
{
    struct s2n_config *config = s2n_config_new();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(config, auth) == S2N_SUCCESS);
    if (auth != S2N_CERT_AUTH_NONE) {
        CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    }
    const char *protocols[] = { "h2", "http/1.1" };
    CHECK(s2n_config_set_protocol_preferences(config, protocols, 2) == S2N_SUCCESS);
    s2n_config_set_ctx(config, chain);
    return config;
}

static void free_server_config(struct s2n_config *config)
{
    void *chain = NULL;
    s2n_config_get_ctx(config, &chain);
    s2n_config_free(config);
    s2n_cert_chain_and_key_free(chain);
}

static struct s2n_config *client_config(int trust)
{
    struct s2n_config *config = s2n_config_new_minimal();
    if (trust) CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    const char *protocols[] = { "http/1.1", "h2" };
    CHECK(s2n_config_set_protocol_preferences(config, protocols, 2) == S2N_SUCCESS);
    return config;
}

struct side {
    struct s2n_connection *conn;
    int rc;
    int err;
    int paused; /* s2n_shutdown calls refused while the blinding delay ran */
};

static void *negotiate_thread(void *arg)
{
    struct side *side = arg;
    s2n_blocked_status blocked;
    side->rc = s2n_negotiate(side->conn, &blocked);
    side->err = s2n_errno;
    if (side->rc != S2N_SUCCESS) {
        /* As in s2n, the alert goes out from s2n_shutdown, and with self-service blinding
         * only once the delay has passed (S2N_ERR_SHUTDOWN_PAUSED until then). */
        int rc;
        while ((rc = s2n_shutdown(side->conn, &blocked)) != S2N_SUCCESS
                && strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_SHUTDOWN_PAUSED") == 0) {
            side->paused++;
            usleep(20 * 1000);
        }
    }
    return NULL;
}

static struct s2n_connection *new_conn(s2n_mode mode, struct s2n_config *config, int fd)
{
    struct s2n_connection *conn = s2n_connection_new(mode);
    CHECK(s2n_connection_set_config(conn, config) == S2N_SUCCESS);
    CHECK(s2n_connection_set_fd(conn, fd) == S2N_SUCCESS);
    CHECK(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING) == S2N_SUCCESS);
    return conn;
}

/* s2n_shutdown calls the client side of the last handshake() had refused while its
 * blinding delay ran. */
static int client_paused;

/* Negotiates both sides concurrently; returns 1 if both succeeded. */
static int handshake(struct s2n_connection *client, struct s2n_connection *server, int *client_err, int *server_err)
{
    struct side s = { server, 0, 0, 0 }, c = { client, 0, 0, 0 };
    pthread_t st, ct;
    pthread_create(&st, NULL, negotiate_thread, &s);
    pthread_create(&ct, NULL, negotiate_thread, &c);
    pthread_join(st, NULL);
    pthread_join(ct, NULL);
    if (client_err) *client_err = c.err;
    if (server_err) *server_err = s.err;
    client_paused = c.paused;
    return c.rc == 0 && s.rc == 0;
}

static void *echo_thread(void *arg)
{
    struct s2n_connection *conn = arg;
    s2n_blocked_status blocked;
    char buf[4096];
    ssize_t n;
    while ((n = s2n_recv(conn, buf, sizeof buf, &blocked)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = s2n_send(conn, buf + off, n - off, &blocked);
            if (w < 0) return NULL;
            off += w;
        }
    }
    s2n_shutdown(conn, &blocked);
    return NULL;
}

/* A server without client authentication and a client that trusts it for "localhost", on a
 * blocking socketpair, not yet negotiated. */
struct pair {
    int fds[2];
    struct s2n_config *sc, *cc;
    struct s2n_connection *server, *client;
};

static void pair_open(struct pair *p)
{
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, p->fds) == 0);
    p->sc = server_config(S2N_CERT_AUTH_NONE);
    p->cc = client_config(1);
    p->server = new_conn(S2N_SERVER, p->sc, p->fds[0]);
    p->client = new_conn(S2N_CLIENT, p->cc, p->fds[1]);
    CHECK(s2n_set_server_name(p->client, "localhost") == S2N_SUCCESS);
}

static void pair_close(struct pair *p)
{
    s2n_connection_free(p->client);
    s2n_connection_free(p->server);
    free_server_config(p->sc);
    s2n_config_free(p->cc);
    close(p->fds[0]);
    close(p->fds[1]);
}

static void blocking_round_trip(void)
{
    struct pair p;
    pair_open(&p);
    struct s2n_connection *server = p.server, *client = p.client;
    CHECK(s2n_connection_get_actual_protocol_version(server) == S2N_UNKNOWN_PROTOCOL_VERSION);
    CHECK(strcmp(s2n_connection_get_handshake_type_name(client), "INITIAL") == 0);

    CHECK(handshake(client, server, NULL, NULL));
    CHECK(s2n_connection_get_actual_protocol_version(client) == S2N_TLS13);
    CHECK(s2n_connection_get_actual_protocol_version(server) == S2N_TLS13);
    CHECK(s2n_connection_get_client_protocol_version(server) == S2N_TLS13);
    CHECK(s2n_connection_get_server_protocol_version(client) == S2N_TLS13);
    CHECK(strcmp(s2n_connection_get_cipher(client), s2n_connection_get_cipher(server)) == 0);
    CHECK(strncmp(s2n_connection_get_cipher(client), "TLS_", 4) == 0);
    /* The default policy's hybrid group: s2n names it a KEM group and no curve. */
    CHECK(strcmp(s2n_connection_get_kem_group_name(server), "X25519MLKEM768") == 0);
    CHECK(strcmp(s2n_connection_get_curve(server), "NONE") == 0);
    CHECK(strcmp(s2n_get_application_protocol(client), "h2") == 0);
    CHECK(strcmp(s2n_get_application_protocol(server), "h2") == 0);
    CHECK(strcmp(s2n_get_server_name(server), "localhost") == 0);
    CHECK(strcmp(s2n_connection_get_handshake_type_name(client), "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT") == 0);
    CHECK(s2n_connection_handshake_complete(client) && s2n_connection_handshake_complete(server));
    uint8_t first = 0, second = 0;
    CHECK(s2n_connection_get_cipher_iana_value(client, &first, &second) == S2N_SUCCESS && first == 0x13);

    pthread_t echo;
    pthread_create(&echo, NULL, echo_thread, server);
    s2n_blocked_status blocked;
    static char out[100000], in[100000];
    for (size_t i = 0; i < sizeof out; i++) out[i] = (char) (i * 7);
    ssize_t sent = 0, got = 0;
    while (sent < (ssize_t) sizeof out) {
        ssize_t w = s2n_send(client, out + sent, sizeof out - sent, &blocked);
        CHECK(w > 0);
        if (w <= 0) break;
        sent += w;
        while (got < sent) {
            ssize_t r = s2n_recv(client, in + got, sizeof in - got, &blocked);
            CHECK(r > 0);
            if (r <= 0) break;
            got += r;
        }
    }
    CHECK(got == (ssize_t) sizeof out && memcmp(in, out, sizeof out) == 0);
    CHECK(s2n_connection_get_wire_bytes_out(client) > sizeof out);
    CHECK(s2n_connection_request_key_update(client, S2N_KEY_UPDATE_REQUESTED) == S2N_SUCCESS);
    CHECK(s2n_send(client, "after update", 12, &blocked) == 12);
    char small[32] = { 0 };
    CHECK(s2n_recv(client, small, sizeof small, &blocked) == 12 && memcmp(small, "after update", 12) == 0);
    uint8_t updates_sent = 0, updates_received = 0;
    CHECK(s2n_connection_get_key_update_counts(client, &updates_sent, &updates_received) == S2N_SUCCESS);
    CHECK(updates_sent == 1 && updates_received == 1); /* ours, and the server's answer before its data */
    CHECK(s2n_shutdown(client, &blocked) == S2N_SUCCESS);
    pthread_join(echo, NULL);
    CHECK(s2n_connection_free_handshake(client) == S2N_SUCCESS);
    CHECK(strcmp(s2n_get_application_protocol(client), "h2") == 0);
    pair_close(&p);
}

/* One direction of a full-duplex transfer: a thread that only sends or only receives. */
struct stream {
    struct s2n_connection *conn;
    size_t len;
    uint8_t seed;
    size_t done; /* bytes sent, or received intact */
};

static void *send_stream(void *arg)
{
    struct stream *st = arg;
    static __thread char buf[16384];
    s2n_blocked_status blocked;
    while (st->done < st->len) {
        size_t n = st->len - st->done < sizeof buf ? st->len - st->done : sizeof buf;
        for (size_t i = 0; i < n; i++) buf[i] = (char) (st->seed + st->done + i);
        ssize_t w = s2n_send(st->conn, buf, n, &blocked);
        if (w <= 0) break;
        st->done += w;
    }
    return NULL;
}

static void *recv_stream(void *arg)
{
    struct stream *st = arg;
    static __thread char buf[16384];
    s2n_blocked_status blocked;
    while (st->done < st->len) {
        ssize_t r = s2n_recv(st->conn, buf, sizeof buf, &blocked);
        if (r <= 0) break;
        for (ssize_t i = 0; i < r; i++) {
            if (buf[i] != (char) (st->seed + st->done + i)) return NULL;
        }
        st->done += r;
    }
    return NULL;
}

/* s2n lets one thread send while another receives on the same connection. Both peers do
 * that at once here, with more data in flight than the socket buffers hold, so neither
 * side can finish unless its reader and writer really run concurrently. */
static void full_duplex_threads(void)
{
    struct pair p;
    pair_open(&p);
    struct s2n_connection *server = p.server, *client = p.client;
    CHECK(handshake(client, server, NULL, NULL));

    const size_t len = 2 * 1024 * 1024;
    struct stream streams[4] = {
        { client, len, 1, 0 }, /* client sends */
        { server, len, 1, 0 }, /* server receives it */
        { server, len, 2, 0 }, /* server sends */
        { client, len, 2, 0 }, /* client receives it */
    };
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, i % 2 ? recv_stream : send_stream, &streams[i]);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    for (int i = 0; i < 4; i++) CHECK(streams[i].done == len);
    pair_close(&p);
}

static void non_blocking_round_trip(void)
{
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    struct s2n_config *sc = server_config(S2N_CERT_AUTH_NONE), *cc = client_config(1);
    struct s2n_connection *server = new_conn(S2N_SERVER, sc, fds[0]);
    struct s2n_connection *client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    int client_done = 0, server_done = 0, saw_blocked_read = 0, rounds = 0;
    while ((!client_done || !server_done) && rounds++ < 100) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        if (!client_done) {
            if (s2n_negotiate(client, &blocked) == S2N_SUCCESS) client_done = 1;
            else {
                CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED);
                saw_blocked_read |= blocked == S2N_BLOCKED_ON_READ;
            }
        }
        if (!server_done) {
            if (s2n_negotiate(server, &blocked) == S2N_SUCCESS) server_done = 1;
            else CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED);
        }
    }
    CHECK(client_done && server_done && saw_blocked_read);

    /* Reading with nothing to read blocks instead of failing. */
    s2n_blocked_status blocked = S2N_NOT_BLOCKED;
    char buf[64];
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == -1);
    CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED && blocked == S2N_BLOCKED_ON_READ);

    /* Fill the socket until s2n_send reports a partial write or blocks, then drain. */
    static char big[1 << 20];
    ssize_t w = s2n_send(client, big, sizeof big, &blocked);
    CHECK((w > 0 && w < (ssize_t) sizeof big) || (w < 0 && blocked == S2N_BLOCKED_ON_WRITE));
    ssize_t total_sent = w > 0 ? w : 0, total_read = 0;
    for (int i = 0; i < 100000 && total_read < (ssize_t) sizeof big; i++) {
        if (total_sent < (ssize_t) sizeof big) {
            w = s2n_send(client, big + total_sent, sizeof big - total_sent, &blocked);
            if (w > 0) total_sent += w;
            else CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED);
        }
        static char sink[1 << 16];
        ssize_t r = s2n_recv(server, sink, sizeof sink, &blocked);
        if (r > 0) total_read += r;
    }
    CHECK(total_sent == (ssize_t) sizeof big && total_read == (ssize_t) sizeof big);

    s2n_connection_free(client);
    s2n_connection_free(server);
    free_server_config(sc);
    s2n_config_free(cc);
    close(fds[0]);
    close(fds[1]);
}

static void client_auth_and_failures(void)
{
    /* Mutual authentication. */
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    struct s2n_config *sc = server_config(S2N_CERT_AUTH_REQUIRED), *cc = client_config(1);
    struct s2n_cert_chain_and_key *client_chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(client_chain, client_cert_pem, client_key_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(cc, client_chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
    struct s2n_connection *server = new_conn(S2N_SERVER, sc, fds[0]);
    struct s2n_connection *client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    CHECK(handshake(client, server, NULL, NULL));
    CHECK(s2n_connection_client_cert_used(server) == 1);
    CHECK(strstr(s2n_connection_get_handshake_type_name(server), "CLIENT_AUTH") != NULL);
    struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
    CHECK(s2n_connection_get_peer_cert_chain(server, peer) == S2N_SUCCESS);
    uint32_t len = 0;
    CHECK(s2n_cert_chain_get_length(peer, &len) == S2N_SUCCESS && len >= 1);
    /* X.509 extensions of the client's leaf (make-certs.sh gives it subjectAltName) and of
     * its CA (a critical basicConstraints). */
    struct s2n_cert *leaf = NULL, *ca = NULL;
    CHECK(s2n_cert_chain_get_cert(peer, &leaf, 0) == S2N_SUCCESS);
    uint32_t ext_len = 0;
    CHECK(s2n_cert_get_x509_extension_value_length(leaf, (const uint8_t *) "2.5.29.17", &ext_len) == S2N_SUCCESS);
    uint8_t ext[256];
    uint32_t room = sizeof ext;
    bool critical = true;
    CHECK(ext_len > 2 && s2n_cert_get_x509_extension_value(leaf, (const uint8_t *) "2.5.29.17", ext, &room, &critical) == S2N_SUCCESS);
    CHECK(room == ext_len && ext[0] == 0x30 && !critical); /* a SEQUENCE of GeneralNames */
    room = 1;
    CHECK(s2n_cert_get_x509_extension_value(leaf, (const uint8_t *) "2.5.29.17", ext, &room, &critical) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INSUFFICIENT_MEM_SIZE") == 0);
    CHECK(s2n_cert_get_x509_extension_value_length(leaf, (const uint8_t *) "1.2.3.4", &ext_len) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_X509_EXTENSION_VALUE_NOT_FOUND") == 0);
    if (len >= 2 && s2n_cert_chain_get_cert(peer, &ca, 1) == S2N_SUCCESS) {
        room = sizeof ext;
        CHECK(s2n_cert_get_x509_extension_value(ca, (const uint8_t *) "2.5.29.19", ext, &room, &critical) == S2N_SUCCESS);
        CHECK(critical);
    }
    /* UTF8String extension data, as custom extensions carry it. */
    const uint8_t utf8[] = { 0x0c, 0x05, 'h', 'e', 'l', 'l', 'o' }, octets[] = { 0x04, 0x01, 'x' };
    uint32_t text_len = 0;
    char text[8];
    CHECK(s2n_cert_get_utf8_string_from_extension_data_length(utf8, sizeof utf8, &text_len) == S2N_SUCCESS && text_len == 5);
    text_len = sizeof text;
    CHECK(s2n_cert_get_utf8_string_from_extension_data(utf8, sizeof utf8, (uint8_t *) text, &text_len) == S2N_SUCCESS);
    CHECK(text_len == 5 && memcmp(text, "hello", 5) == 0);
    CHECK(s2n_cert_get_utf8_string_from_extension_data_length(octets, sizeof octets, &text_len) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_X509_EXTENSION_TYPE") == 0);
    s2n_cert_chain_and_key_free(peer);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);

    /* Required but not provided: the server fails with MISSING_CLIENT_CERT. */
    struct s2n_config *bare = client_config(1);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    server = new_conn(S2N_SERVER, sc, fds[0]);
    client = new_conn(S2N_CLIENT, bare, fds[1]);
    s2n_set_server_name(client, "localhost");
    int cerr = 0, serr = 0;
    CHECK(!handshake(client, server, &cerr, &serr));
    CHECK(strcmp(s2n_strerror_name(serr), "S2N_ERR_MISSING_CLIENT_CERT") == 0);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);
    free_server_config(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(client_chain);

    /* Untrusted server and wrong host name. */
    struct s2n_config *untrusting = client_config(0);
    /* Keep the blinding delay the failing client must sit out short (1/3 s to 1 s). */
    CHECK(s2n_config_set_max_blinding_delay(untrusting, 1) == S2N_SUCCESS);
    CHECK(s2n_config_set_max_blinding_delay(bare, 1) == S2N_SUCCESS);
    sc = server_config(S2N_CERT_AUTH_NONE);
    const char *names[] = { "localhost", "example.com" };
    struct s2n_config *client_configs[] = { untrusting, bare };
    const char *expected[] = { "S2N_ERR_CERT_UNTRUSTED", "S2N_ERR_CERT_INVALID_HOSTNAME" };
    for (int i = 0; i < 2; i++) {
        CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
        server = new_conn(S2N_SERVER, sc, fds[0]);
        client = new_conn(S2N_CLIENT, client_configs[i], fds[1]);
        s2n_set_server_name(client, names[i]);
        CHECK(!handshake(client, server, &cerr, &serr));
        CHECK(strcmp(s2n_strerror_name(cerr), expected[i]) == 0);
        /* The server hears about it through the alert the client's s2n_shutdown sent. */
        CHECK(strcmp(s2n_strerror_name(serr), "S2N_ERR_ALERT") == 0);
        /* Self-service blinding: the delay was ours to honour before the alert could go. */
        CHECK(client_paused > 0);
        CHECK(s2n_connection_get_delay(client) == 0);
        s2n_connection_free(client);
        s2n_connection_free(server);
        close(fds[0]);
        close(fds[1]);
    }

    /* Garbage instead of a ServerHello: a clean protocol error, no crash. */
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    client = new_conn(S2N_CLIENT, bare, fds[1]);
    const char garbage[] = "\x16\x03\x03\x00\x05\x02\x00\x00\x01\x00"; /* a one-byte ServerHello */
    CHECK(write(fds[0], garbage, 10) == 10);
    s2n_blocked_status blocked;
    CHECK(s2n_negotiate(client, &blocked) == S2N_FAILURE);
    CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_PROTO);
    char alert[7] = { 0 };
    CHECK(read(fds[0], alert, sizeof alert) > 0); /* the ClientHello (the alert waits for s2n_shutdown) */
    s2n_connection_free(client);
    close(fds[0]);
    close(fds[1]);

    /* Peer hangs up mid-handshake: S2N_ERR_T_CLOSED. */
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    client = new_conn(S2N_CLIENT, bare, fds[1]);
    close(fds[0]);
    CHECK(s2n_negotiate(client, &blocked) == S2N_FAILURE);
    CHECK(s2n_error_get_type(s2n_errno) == S2N_ERR_T_IO || s2n_error_get_type(s2n_errno) == S2N_ERR_T_CLOSED);
    s2n_connection_free(client);
    close(fds[1]);

    free_server_config(sc);
    s2n_config_free(untrusting);
    s2n_config_free(bare);
}

struct ch_state {
    struct s2n_config *swap_to;
    int calls;
    char server_name[64];
    uint32_t cipher_suites_len;
};

static int client_hello_cb(struct s2n_connection *conn, void *ctx)
{
    struct ch_state *state = ctx;
    state->calls++;
    struct s2n_client_hello *ch = s2n_connection_get_client_hello(conn);
    uint16_t len = 0;
    if (ch && s2n_client_hello_get_server_name(ch, (uint8_t *) state->server_name, sizeof state->server_name - 1, &len) == 0) {
        state->server_name[len] = 0;
    }
    state->cipher_suites_len = ch ? (uint32_t) s2n_client_hello_get_cipher_suites_length(ch) : 0;
    if (state->swap_to) {
        s2n_connection_set_config(conn, state->swap_to);
        /* Where s2n allows it: the callback used the name to choose the config. */
        CHECK(s2n_connection_server_name_extension_used(conn) == S2N_SUCCESS);
    }
    return 0;
}

static void client_hello_callbacks(void)
{
    /* Blocking mode: the callback swaps in a config with ALPN "h2" only. */
    struct ch_state state = { 0 };
    struct s2n_config *first = s2n_config_new_minimal();
    struct s2n_config *second = server_config(S2N_CERT_AUTH_NONE);
    const char *h2[] = { "h2" };
    s2n_config_set_protocol_preferences(second, h2, 1);
    state.swap_to = second;
    CHECK(s2n_config_set_client_hello_cb(first, client_hello_cb, &state) == S2N_SUCCESS);
    struct s2n_config *cc = client_config(1);
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    struct s2n_connection *server = new_conn(S2N_SERVER, first, fds[0]);
    struct s2n_connection *client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    CHECK(handshake(client, server, NULL, NULL));
    CHECK(state.calls == 1);
    CHECK(strcmp(state.server_name, "localhost") == 0);
    CHECK(state.cipher_suites_len >= 2);
    CHECK(strcmp(s2n_get_application_protocol(client), "h2") == 0);
    struct s2n_client_hello *ch = s2n_connection_get_client_hello(server);
    uint8_t version = 0;
    CHECK(ch && s2n_client_hello_get_legacy_protocol_version(ch, &version) == 0 && version == S2N_TLS12);
    bool has_sni = false;
    CHECK(s2n_client_hello_has_extension(ch, 0, &has_sni) == 0 && has_sni);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);

    /* Non-blocking mode: negotiate reports S2N_BLOCKED_ON_APPLICATION_INPUT until done. */
    state = (struct ch_state){ 0 };
    CHECK(s2n_config_set_client_hello_cb(second, client_hello_cb, &state) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_hello_cb_mode(second, S2N_CLIENT_HELLO_CB_NONBLOCKING) == S2N_SUCCESS);
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    server = new_conn(S2N_SERVER, second, fds[0]);
    client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    s2n_blocked_status blocked;
    CHECK(s2n_negotiate(client, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_READ);
    CHECK(s2n_negotiate(server, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_APPLICATION_INPUT);
    CHECK(s2n_negotiate(server, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_APPLICATION_INPUT);
    CHECK(state.calls == 1);
    CHECK(s2n_client_hello_cb_done(server) == S2N_SUCCESS);
    int client_done = 0, server_done = 0;
    for (int i = 0; i < 20 && (!client_done || !server_done); i++) {
        if (!server_done) server_done = s2n_negotiate(server, &blocked) == S2N_SUCCESS;
        if (!client_done) client_done = s2n_negotiate(client, &blocked) == S2N_SUCCESS;
    }
    CHECK(client_done && server_done && state.calls == 1);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);
    s2n_config_free(first);
    free_server_config(second);
    s2n_config_free(cc);
}

/* recv buffering (read ahead) and multi-record receives: three records arrive together
 * and one s2n_recv returns all of them. */
static void buffered_multi_record(void)
{
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    struct s2n_config *sc = server_config(S2N_CERT_AUTH_NONE), *cc = client_config(1);
    CHECK(s2n_config_set_recv_multi_record(sc, true) == S2N_SUCCESS);
    struct s2n_connection *server = new_conn(S2N_SERVER, sc, fds[0]);
    struct s2n_connection *client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    CHECK(s2n_connection_set_recv_buffering(server, true) == S2N_SUCCESS);
    CHECK(handshake(client, server, NULL, NULL));
    s2n_blocked_status blocked;
    CHECK(s2n_send(client, "one,", 4, &blocked) == 4);
    CHECK(s2n_send(client, "two,", 4, &blocked) == 4);
    CHECK(s2n_send(client, "three", 5, &blocked) == 5);
    char buf[64] = { 0 };
    usleep(50000);
    ssize_t n = s2n_recv(server, buf, sizeof buf, &blocked);
    CHECK(n == 13 && memcmp(buf, "one,two,three", 13) == 0);
    s2n_connection_free(client);
    s2n_connection_free(server);
    free_server_config(sc);
    s2n_config_free(cc);
    close(fds[0]);
    close(fds[1]);
}

/* One handshake between a new client and server on `sc` and `cc`; returns 1 if both succeeded. */
static int handshake_with(struct s2n_config *sc, struct s2n_config *cc)
{
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    struct s2n_connection *server = new_conn(S2N_SERVER, sc, fds[0]);
    struct s2n_connection *client = new_conn(S2N_CLIENT, cc, fds[1]);
    s2n_set_server_name(client, "localhost");
    int ok = handshake(client, server, NULL, NULL);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);
    return ok;
}

/* s2n_config_free_cert_chain_and_key frees the chains the library made for a config
 * (s2n_config_add_cert_chain_and_key): the config has none left, and may then take the
 * application's. On the application's chains it does nothing. Valgrind checks that each
 * chain is freed once. */
static void library_owned_chains(void)
{
    struct s2n_config *sc = s2n_config_new_minimal(), *cc = client_config(1);
    CHECK(s2n_config_add_cert_chain_and_key(sc, cert_pem, key_pem) == S2N_SUCCESS);
    CHECK(handshake_with(sc, cc));
    CHECK(s2n_config_free_cert_chain_and_key(sc) == S2N_SUCCESS);
    CHECK(!handshake_with(sc, cc));
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    CHECK(handshake_with(sc, cc));
    CHECK(s2n_config_free_cert_chain_and_key(sc) == S2N_SUCCESS); /* not ours: kept */
    CHECK(handshake_with(sc, cc));
    CHECK(s2n_config_free_cert_chain_and_key(NULL) == S2N_FAILURE);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, &client_cert_pem, &client_key_pem)) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    blocking_round_trip();
    full_duplex_threads();
    non_blocking_round_trip();
    client_auth_and_failures();
    client_hello_callbacks();
    buffered_multi_record();
    library_owned_chains();
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    free_test_pems(cert_pem, key_pem, ca_pem, client_cert_pem, client_key_pem);
    return checks_report();
}
