/* Connection memory: what s2n_connection_free_handshake, s2n_connection_release_buffers and
 * s2n_connection_wipe give up, keep and bring back. Every negotiated fact reads the same after
 * free_handshake; released buffers come back on the next send or receive, and cannot be
 * released while data waits in them; wiped connections handshake again; and an idle
 * connection (both calls made) holds at most 1 KiB of heap, struct included. */
#include <malloc.h>
#include <s2n.h>
#include <s2n/unstable/ktls.h>
#include "check.h"
#include "s2n_pipes.h"

static char *cert_pem, *key_pem, *ca_pem, *client_cert_pem, *client_key_pem;
static struct pipe to_server, to_client;

/* The library's own heap, through s2n_mem_set_callbacks (aws-lc's is not in it). */
static long outstanding_bytes;

static int mem_init(void) { return 0; }
static int mem_cleanup(void) { return 0; }

static int mem_malloc(void **ptr, uint32_t requested, uint32_t *allocated)
{
    *ptr = malloc(requested);
    if (!*ptr) return -1;
    *allocated = requested;
    outstanding_bytes += requested;
    return 0;
}

static int mem_free(void *ptr, uint32_t size)
{
    outstanding_bytes -= size;
    free(ptr);
    return 0;
}

static uint8_t accept_any_host(const char *name, size_t len, void *ctx)
{
    (void) name, (void) len, (void) ctx;
    return 1;
}

static struct s2n_config *server_config(const char *policy, s2n_cert_auth_type auth)
{
    struct s2n_config *config = s2n_config_new_minimal();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(config, auth) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    const char *protocols[] = { "h2", "http/1.1" };
    CHECK(s2n_config_set_protocol_preferences(config, protocols, 2) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(config, 1) == S2N_SUCCESS);
    uint8_t key[32] = { 1, 2, 3 };
    CHECK(s2n_config_add_ticket_crypto_key(config, (const uint8_t *) "idle", 4, key, sizeof key, 0) == S2N_SUCCESS);
    s2n_config_set_ctx(config, chain);
    return config;
}

static struct s2n_config *client_config(const char *policy, int with_cert)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_verify_host_callback(config, accept_any_host, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    const char *protocols[] = { "http/1.1", "h2" };
    CHECK(s2n_config_set_protocol_preferences(config, protocols, 2) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(config, 1) == S2N_SUCCESS);
    struct s2n_cert_chain_and_key *chain = NULL;
    if (with_cert) {
        chain = s2n_cert_chain_and_key_new();
        CHECK(s2n_cert_chain_and_key_load_pem(chain, client_cert_pem, client_key_pem) == S2N_SUCCESS);
        CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chain) == S2N_SUCCESS);
        CHECK(s2n_config_set_client_auth_type(config, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
    }
    s2n_config_set_ctx(config, chain);
    return config;
}

static void free_config(struct s2n_config *config)
{
    void *chain = NULL;
    s2n_config_get_ctx(config, &chain);
    s2n_config_free(config);
    if (chain) s2n_cert_chain_and_key_free(chain);
}

static void reset_pipes(void)
{
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
}

/* Sends `len` bytes from one side and reads them all on the other, over the pipes. */
static int transfer(struct s2n_connection *from, struct s2n_connection *to, size_t len)
{
    static char out[40000], in[40000];
    s2n_blocked_status blocked;
    for (size_t i = 0; i < len; i++) out[i] = (char) (i * 7 + len);
    if (s2n_send(from, out, len, &blocked) != (ssize_t) len) return 0;
    size_t got = 0;
    while (got < len) {
        ssize_t n = s2n_recv(to, in + got, len - got, &blocked);
        if (n <= 0) return 0;
        got += n;
    }
    return memcmp(out, in, len) == 0;
}

/* Everything an application may ask a connection about its TLS session. */
struct facts {
    int version, client_version, server_version, hello_version, resumed, cert_used, iana_ok;
    uint8_t iana[2];
    char cipher[64], curve[64], kem_group[64], handshake[160], last_message[64], alpn[32], server_name[64];
    s2n_tls_signature_algorithm sig;
    s2n_tls_hash_algorithm hash;
    int export_rc;
    uint8_t exported[32];
};

static void copy_str(char *out, size_t size, const char *s)
{
    snprintf(out, size, "%s", s ? s : "(null)");
}

static void read_facts(struct s2n_connection *conn, struct facts *f)
{
    memset(f, 0, sizeof *f);
    f->version = s2n_connection_get_actual_protocol_version(conn);
    f->client_version = s2n_connection_get_client_protocol_version(conn);
    f->server_version = s2n_connection_get_server_protocol_version(conn);
    f->hello_version = s2n_connection_get_client_hello_version(conn);
    f->resumed = s2n_connection_is_session_resumed(conn);
    f->cert_used = s2n_connection_client_cert_used(conn);
    f->iana_ok = s2n_connection_get_cipher_iana_value(conn, &f->iana[0], &f->iana[1]);
    copy_str(f->cipher, sizeof f->cipher, s2n_connection_get_cipher(conn));
    copy_str(f->curve, sizeof f->curve, s2n_connection_get_curve(conn));
    copy_str(f->kem_group, sizeof f->kem_group, s2n_connection_get_kem_group_name(conn));
    copy_str(f->handshake, sizeof f->handshake, s2n_connection_get_handshake_type_name(conn));
    copy_str(f->last_message, sizeof f->last_message, s2n_connection_get_last_message_name(conn));
    copy_str(f->alpn, sizeof f->alpn, s2n_get_application_protocol(conn));
    copy_str(f->server_name, sizeof f->server_name, s2n_get_server_name(conn));
    s2n_connection_get_selected_signature_algorithm(conn, &f->sig);
    s2n_connection_get_selected_digest_algorithm(conn, &f->hash);
    f->export_rc = s2n_connection_tls_exporter(conn, (const uint8_t *) "EXPORTER-idle", 13, (const uint8_t *) "ctx", 3,
                                               f->exported, sizeof f->exported);
}

static int same_facts(const struct facts *a, const struct facts *b, const char *what)
{
    if (memcmp(a, b, sizeof *a) == 0) return 1;
    fprintf(stderr, "  %s changed: version %d/%d cipher %s/%s curve %s/%s handshake %s/%s alpn %s/%s name %s/%s\n", what,
            a->version, b->version, a->cipher, b->cipher, a->curve, b->curve, a->handshake, b->handshake, a->alpn, b->alpn,
            a->server_name, b->server_name);
    return 0;
}

/* The client's current session blob (tickets arrive with data, so read some first). */
static int session_of(struct s2n_connection *client, uint8_t *out, size_t size)
{
    int len = s2n_connection_get_session_length(client);
    if (len <= 0 || (size_t) len > size) return 0;
    return s2n_connection_get_session(client, out, size) == len ? len : 0;
}

/* free_handshake and release_buffers on a negotiated pair: every fact reads the same after
 * each; data, KeyUpdate and new tickets still work; the peer's chain and the ClientHello
 * are gone unless taken before. `tls13` picks the version. */
static void accessors_survive(int tls13)
{
    const char *policy = tls13 ? "default_tls13" : "test_all_tls12";
    struct s2n_config *sc = server_config(policy, S2N_CERT_AUTH_REQUIRED), *cc = client_config(policy, 1);
    reset_pipes();
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(negotiate_pipes(client, server));
    CHECK(transfer(client, server, 100) && transfer(server, client, 100));
    CHECK(s2n_connection_get_actual_protocol_version(client) == (tls13 ? S2N_TLS13 : S2N_TLS12));

    struct facts before[2], after[2];
    read_facts(client, &before[0]);
    read_facts(server, &before[1]);
    CHECK(before[0].export_rc == S2N_SUCCESS && memcmp(before[0].exported, before[1].exported, 32) == 0);
    CHECK(before[1].cert_used == 1 && strcmp(before[1].alpn, "h2") == 0 && strcmp(before[1].server_name, "localhost") == 0);
    uint8_t session_before[4096], session_after[4096];
    int session_len = session_of(client, session_before, sizeof session_before);
    CHECK(session_len > 0);

    /* Taken before free_handshake: the server's view of the client's chain (a pointer
     * into the connection), and the ClientHello object. */
    uint8_t *client_chain = NULL;
    uint32_t client_chain_len = 0;
    CHECK(s2n_connection_get_client_cert_chain(server, &client_chain, &client_chain_len) == S2N_SUCCESS);
    CHECK(client_chain_len > 100);
    uint8_t chain_copy[8192];
    if (client_chain_len <= sizeof chain_copy) memcpy(chain_copy, client_chain, client_chain_len);
    struct s2n_client_hello *hello = s2n_connection_get_client_hello(server);
    CHECK(hello && s2n_client_hello_get_raw_message_length(hello) > 0);
    struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
    CHECK(s2n_connection_get_peer_cert_chain(client, peer) == S2N_SUCCESS);
    s2n_cert_chain_and_key_free(peer);

    CHECK(s2n_connection_free_handshake(client) == S2N_SUCCESS && s2n_connection_free_handshake(server) == S2N_SUCCESS);
    CHECK(s2n_connection_free_handshake(client) == S2N_SUCCESS); /* twice is harmless */
    read_facts(client, &after[0]);
    read_facts(server, &after[1]);
    CHECK(same_facts(&before[0], &after[0], "client after free_handshake"));
    CHECK(same_facts(&before[1], &after[1], "server after free_handshake"));
    CHECK(session_of(client, session_after, sizeof session_after) == session_len);
    CHECK(memcmp(session_before, session_after, session_len) == 0);
    /* The handed-out chain pointer stays valid and is handed out again; the peer's chain
     * as a new copy is gone (the application had to take it before), as is the
     * ClientHello's content (as in s2n). */
    uint8_t *again = NULL;
    uint32_t again_len = 0;
    CHECK(s2n_connection_get_client_cert_chain(server, &again, &again_len) == S2N_SUCCESS);
    CHECK(again == client_chain && again_len == client_chain_len && memcmp(again, chain_copy, again_len) == 0);
    peer = s2n_cert_chain_and_key_new();
    CHECK(s2n_connection_get_peer_cert_chain(client, peer) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CERT_NOT_VALIDATED") == 0);
    s2n_cert_chain_and_key_free(peer);
    CHECK(s2n_connection_get_client_hello(server) == hello && s2n_client_hello_get_raw_message_length(hello) == 0);
    CHECK(s2n_client_hello_get_cipher_suites_length(hello) == S2N_FAILURE);

    /* Idle: buffers and expanded keys released; the facts still read the same. */
    CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);
    read_facts(client, &after[0]);
    read_facts(server, &after[1]);
    CHECK(same_facts(&before[0], &after[0], "client when idle"));
    CHECK(same_facts(&before[1], &after[1], "server when idle"));

    /* And the connection carries on: data both ways (several records), a KeyUpdate in
     * TLS 1.3, a new ticket the server sends on demand, more data. */
    CHECK(transfer(client, server, 40000) && transfer(server, client, 3));
    if (tls13) {
        CHECK(s2n_connection_request_key_update(client, S2N_KEY_UPDATE_REQUESTED) == S2N_SUCCESS);
        CHECK(transfer(client, server, 10) && transfer(server, client, 10));
        uint8_t sent = 0, received = 0;
        CHECK(s2n_connection_get_key_update_counts(client, &sent, &received) == S2N_SUCCESS && sent == 1 && received == 1);
        uint16_t tickets = 0;
        CHECK(s2n_connection_get_tickets_sent(server, &tickets) == S2N_SUCCESS);
        CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);
        CHECK(s2n_connection_add_new_tickets_to_send(server, 1) == S2N_SUCCESS);
        CHECK(transfer(server, client, 5));
        uint16_t tickets_now = 0;
        CHECK(s2n_connection_get_tickets_sent(server, &tickets_now) == S2N_SUCCESS && tickets_now == tickets + 1);
        CHECK(session_of(client, session_after, sizeof session_after) > 0);
        CHECK(memcmp(session_before, session_after, session_len) != 0); /* the newer ticket */
    }
    for (int round = 0; round < 20; round++) {
        CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);
        CHECK(transfer(round % 2 ? client : server, round % 2 ? server : client, 1 + round * 500));
    }

    /* The session still resumes on a new pair. */
    int len = session_of(client, session_after, sizeof session_after);
    s2n_connection_free(client);
    s2n_connection_free(server);
    reset_pipes();
    client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(len > 0 && s2n_connection_set_session(client, session_after, len) == S2N_SUCCESS);
    CHECK(negotiate_pipes(client, server));
    /* (s2n resumes no TLS 1.2 session that used client authentication: the client's
     * certificate is not in the session state.) */
    CHECK(s2n_connection_is_session_resumed(client) == tls13 && s2n_connection_is_session_resumed(server) == tls13);
    s2n_connection_free(client);
    s2n_connection_free(server);
    free_config(sc);
    free_config(cc);
}

/* release_buffers refuses while data waits (S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA): plaintext
 * received and not read yet, a record not processed yet, or records not written yet. */
static void release_refused_while_data_waits(void)
{
    struct s2n_config *sc = server_config("default_tls13", S2N_CERT_AUTH_NONE), *cc = client_config("default_tls13", 0);
    reset_pipes();
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(negotiate_pipes(client, server));
    s2n_blocked_status blocked;
    char buf[64];

    /* Plaintext half read. */
    CHECK(s2n_send(client, "0123456789", 10, &blocked) == 10);
    CHECK(s2n_recv(server, buf, 4, &blocked) == 4);
    CHECK(s2n_connection_release_buffers(server) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA") == 0);
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 6 && memcmp(buf, "456789", 6) == 0);
    CHECK(s2n_connection_release_buffers(server) == S2N_SUCCESS);

    /* Two records arrived in one read: the second waits, unprocessed. */
    CHECK(s2n_send(client, "first", 5, &blocked) == 5 && s2n_send(client, "second", 6, &blocked) == 6);
    CHECK(s2n_recv(server, buf, 5, &blocked) == 5 && memcmp(buf, "first", 5) == 0);
    if (s2n_peek_buffered(server) > 0) {
        CHECK(s2n_connection_release_buffers(server) == S2N_FAILURE);
        CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA") == 0);
    }
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 6 && memcmp(buf, "second", 6) == 0);
    CHECK(s2n_connection_release_buffers(server) == S2N_SUCCESS);

    /* A write the transport refused: the record waits in the output buffer. */
    to_server.end = sizeof to_server.buf - 10; /* (nearly) full */
    to_server.start = to_server.end;
    static char big[20000];
    memset(big, 'b', sizeof big);
    ssize_t sent = s2n_send(client, big, sizeof big, &blocked);
    CHECK(sent < (ssize_t) sizeof big && blocked == S2N_BLOCKED_ON_WRITE);
    CHECK(s2n_connection_release_buffers(client) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA") == 0);
    /* The transport drains; s2n_send is called again with the rest (s2n's rule). */
    size_t done = sent > 0 ? (size_t) sent : 0;
    to_server.start = to_server.end = 0;
    char got[20000];
    size_t have = 0;
    while (done < sizeof big || have < sizeof big) {
        if (done < sizeof big) {
            ssize_t n = s2n_send(client, big + done, sizeof big - done, &blocked);
            if (n > 0) done += n;
        }
        ssize_t r = s2n_recv(server, got + have, sizeof got - have, &blocked);
        if (r > 0) have += r;
        if (r == 0) break;
    }
    CHECK(done == sizeof big && have == sizeof big && memcmp(big, got, sizeof big) == 0);
    CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);

    /* Before and during the handshake there is nothing to keep: released, and the
     * handshake still completes. */
    s2n_connection_free(client);
    s2n_connection_free(server);
    reset_pipes();
    client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS);
    CHECK(s2n_connection_free_handshake(client) == S2N_FAILURE); /* not negotiated yet */
    CHECK(s2n_negotiate(client, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_READ);
    CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS); /* the ClientHello went out */
    CHECK(negotiate_pipes(client, server));
    CHECK(transfer(client, server, 1000) && transfer(server, client, 1000));
    s2n_connection_free(client);
    s2n_connection_free(server);
    free_config(sc);
    free_config(cc);
}

/* s2n_connection_wipe after free_handshake and release_buffers: the connections handshake
 * again (full, then resuming), rounds after rounds, nothing accumulating (valgrind checks
 * that nothing leaks). */
static void wipe_after_idle(void)
{
    struct s2n_config *sc = server_config("default_tls13", S2N_CERT_AUTH_NONE), *cc = client_config("default_tls13", 0);
    reset_pipes();
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    uint8_t session[4096];
    int session_len = 0;
    long held[6];
    for (int round = 0; round < 6; round++) {
        if (session_len > 0) CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
        CHECK(negotiate_pipes(client, server));
        CHECK(s2n_connection_is_session_resumed(client) == (round > 0));
        CHECK(transfer(client, server, 2000) && transfer(server, client, 2000));
        session_len = session_of(client, session, sizeof session);
        CHECK(session_len > 0);
        CHECK(s2n_connection_free_handshake(client) == S2N_SUCCESS && s2n_connection_free_handshake(server) == S2N_SUCCESS);
        CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);
        CHECK(s2n_connection_wipe(client) == S2N_SUCCESS && s2n_connection_wipe(server) == S2N_SUCCESS);
        /* A wiped connection is new: nothing negotiated, set up again. */
        CHECK(s2n_get_application_protocol(client) == NULL && s2n_connection_is_session_resumed(client) == 0);
        pipe_attach(client, cc, &to_client, &to_server);
        pipe_attach(server, sc, &to_server, &to_client);
        s2n_set_server_name(client, "localhost");
        reset_pipes();
        held[round] = outstanding_bytes;
    }
    /* The rounds after the first hold the same (resumed) state: no growth. */
    CHECK(held[5] <= held[2]);
    if (held[5] > held[2]) fprintf(stderr, "  held %ld then %ld bytes\n", held[2], held[5]);
    s2n_connection_free(client);
    s2n_connection_free(server);
    free_config(sc);
    free_config(cc);
}

#define PAIRS 200

/* The figure: an idle connection (free_handshake + release_buffers) holds at most
 * 1 KiB of heap, struct included, in the benchmark's setting (no server name, ALPN or
 * ticket). With all three (`typical`) it holds those too: checked against 1.25 KiB.
 * Counted two ways: the library's heap through the memory callbacks, and (outside
 * valgrind, which replaces malloc) everything malloc holds, aws-lc's allocations included. */
static void idle_connection_size(int typical)
{
    struct s2n_config *sc, *cc;
    if (typical) {
        sc = server_config("default_tls13", S2N_CERT_AUTH_NONE);
        cc = client_config("default_tls13", 0);
    } else {
        sc = s2n_config_new_minimal();
        struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
        CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
        CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
        CHECK(s2n_config_set_cipher_preferences(sc, "default_tls13") == S2N_SUCCESS);
        s2n_config_set_ctx(sc, chain);
        cc = s2n_config_new_minimal();
        CHECK(s2n_config_add_pem_to_trust_store(cc, ca_pem) == S2N_SUCCESS);
        CHECK(s2n_config_set_verify_host_callback(cc, accept_any_host, NULL) == S2N_SUCCESS);
        CHECK(s2n_config_set_cipher_preferences(cc, "default_tls13") == S2N_SUCCESS);
    }
    static struct pipe pipes[PAIRS][2];
    static struct s2n_connection *conns[PAIRS][2];
    memset(pipes, 0, sizeof pipes);
    long lib_before = outstanding_bytes;
    size_t heap_before = mallinfo2().uordblks;
    for (int i = 0; i < PAIRS; i++) {
        struct s2n_connection *client = typical ? pipe_conn(S2N_CLIENT, cc, &pipes[i][1], &pipes[i][0])
                                                : pipe_conn_unnamed(S2N_CLIENT, cc, &pipes[i][1], &pipes[i][0]);
        struct s2n_connection *server = pipe_conn_unnamed(S2N_SERVER, sc, &pipes[i][0], &pipes[i][1]);
        CHECK(negotiate_pipes(client, server));
        s2n_blocked_status blocked;
        char buf[1024] = { 0 };
        for (int dir = 0; dir < 2; dir++) {
            struct s2n_connection *from = dir ? server : client, *to = dir ? client : server;
            CHECK(s2n_send(from, buf, sizeof buf, &blocked) == (ssize_t) sizeof buf);
            ssize_t got = 0;
            while (got < (ssize_t) sizeof buf) {
                ssize_t n = s2n_recv(to, buf, sizeof buf - got, &blocked);
                if (n <= 0) break;
                got += n;
            }
            CHECK(got == (ssize_t) sizeof buf);
        }
        if (typical) CHECK(s2n_connection_get_session_length(client) > 0);
        CHECK(s2n_connection_free_handshake(client) == S2N_SUCCESS && s2n_connection_free_handshake(server) == S2N_SUCCESS);
        CHECK(s2n_connection_release_buffers(client) == S2N_SUCCESS && s2n_connection_release_buffers(server) == S2N_SUCCESS);
        pipes[i][0].start = pipes[i][0].end = pipes[i][1].start = pipes[i][1].end = 0;
        conns[i][0] = client;
        conns[i][1] = server;
    }
    long lib_per_conn = (outstanding_bytes - lib_before) / (2 * PAIRS);
    long heap_per_conn = ((long) mallinfo2().uordblks - (long) heap_before) / (2 * PAIRS);
    long limit = typical ? 1280 : 1024;
    printf("idle connection (%s): %ld bytes of library heap, %ld bytes of malloc'd heap\n",
           typical ? "server name, ALPN, ticket" : "as in the benchmark", lib_per_conn, heap_per_conn);
    CHECK(lib_per_conn > 200 && lib_per_conn <= limit);
    int under_valgrind = getenv("LD_PRELOAD") && strstr(getenv("LD_PRELOAD"), "vgpreload");
    if (!under_valgrind) CHECK(heap_per_conn > 200 && heap_per_conn <= limit);
    /* Idle connections wake up: data both ways on every one. */
    int all_ok = 1;
    for (int i = 0; i < PAIRS; i++) {
        s2n_blocked_status blocked;
        char buf[8];
        all_ok &= s2n_send(conns[i][0], "wake", 4, &blocked) == 4 && s2n_recv(conns[i][1], buf, 8, &blocked) == 4;
        all_ok &= s2n_send(conns[i][1], "up", 2, &blocked) == 2 && s2n_recv(conns[i][0], buf, 8, &blocked) == 2;
        s2n_connection_free(conns[i][0]);
        s2n_connection_free(conns[i][1]);
    }
    CHECK(all_ok);
    free_config(sc);
    free_config(cc);
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, &client_cert_pem, &client_key_pem)) return 1;
    CHECK(s2n_mem_set_callbacks(mem_init, mem_cleanup, mem_malloc, mem_free) == S2N_SUCCESS);
    CHECK(s2n_init() == S2N_SUCCESS);

    accessors_survive(1);
    accessors_survive(0);
    release_refused_while_data_waits();
    wipe_after_idle();
    idle_connection_size(0);
    idle_connection_size(1);

    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    free_test_pems(cert_pem, key_pem, ca_pem, client_cert_pem, client_key_pem);
    return checks_report();
}
