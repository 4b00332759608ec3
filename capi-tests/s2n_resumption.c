/* TLS 1.3 and TLS 1.2 session resumption through the s2n API (tickets, and TLS 1.2 session
 * ids through a session cache made of s2n's three callbacks): ticket keys, tickets delivered to the
 * client's callback during s2n_recv, s2n_connection_get_session / set_session, resumed
 * handshakes without certificates (no signature, no chain verification: counted), extra tickets on demand, damaged and foreign sessions
 * falling back to full handshakes, and a controllable clock for key lifetimes. */
#include <fcntl.h>
#include <pthread.h>
#include <s2n.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

static uint64_t fake_now_ns;
static int clock_cb(void *ctx, uint64_t *now) { (void) ctx; *now = fake_now_ns; return 0; }

static uint8_t saved[4096];
static size_t saved_len;
static int tickets_seen;
static uint32_t last_lifetime;

static int ticket_cb(struct s2n_connection *conn, void *ctx, struct s2n_session_ticket *ticket)
{
    (void) conn; (void) ctx;
    size_t len = 0;
    if (s2n_session_ticket_get_data_len(ticket, &len) != 0 || len > sizeof saved) return -1;
    if (s2n_session_ticket_get_data(ticket, sizeof saved, saved) != 0) return -1;
    s2n_session_ticket_get_lifetime(ticket, &last_lifetime);
    saved_len = len;
    tickets_seen++;
    return 0;
}

/* The certificate work each handshake does: the server signs through the async pkey
 * callback (performed at once), the client's host-name check runs once the server's chain
 * verified. A resumed handshake does neither. */
static struct s2n_cert_chain_and_key *server_chain;
static int signatures, verifications;

static int sign_now(struct s2n_connection *conn, struct s2n_async_pkey_op *op)
{
    signatures++;
    int ok = s2n_async_pkey_op_perform(op, s2n_cert_chain_and_key_get_private_key(server_chain)) == 0 &&
             s2n_async_pkey_op_apply(op, conn) == 0;
    s2n_async_pkey_op_free(op);
    return ok ? S2N_SUCCESS : S2N_FAILURE;
}

static uint8_t verify_host(const char *name, size_t len, void *ctx)
{
    (void) ctx;
    verifications++;
    return len == 9 && memcmp(name, "localhost", 9) == 0;
}

static int app_blocks; /* s2n_negotiate calls that returned S2N_BLOCKED_ON_APPLICATION_INPUT */
struct side { struct s2n_connection *conn; int rc; const char *err; };
static void *negotiate_thread(void *arg)
{
    struct side *s = arg;
    s2n_blocked_status blocked;
    s->rc = s2n_negotiate(s->conn, &blocked);
    /* A blocked session-cache lookup pauses the handshake until the next call. */
    while (s->rc != S2N_SUCCESS && blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) {
        app_blocks++;
        s->rc = s2n_negotiate(s->conn, &blocked);
    }
    if (s->rc != S2N_SUCCESS) {
        s->err = s2n_strerror_name(s2n_errno);
        /* The alert goes out from s2n_shutdown (no blinding delay: self-service). */
        s2n_shutdown(s->conn, &blocked);
    }
    return NULL;
}

static struct s2n_config *server_config, *client_config;
static int last_version; /* the protocol version of connect_once's last handshake */
static uint32_t keying_lifetime; /* if set, connect_once's server caps its keying material */
static uint8_t last_session[4096]; /* the client's s2n_connection_get_session after it */
static int last_session_len;
static uint8_t last_session_id[32];
static int last_session_id_len;

/* A session cache for the server, through s2n's three callbacks. */
#define CACHE_SLOTS 8
static struct { uint8_t key[32], value[1024]; uint64_t key_len, value_len; int used; } cache[CACHE_SLOTS];
static int cache_stores, cache_hits, cache_deletes, cache_block_next;

static int cache_store(struct s2n_connection *conn, void *ctx, uint64_t ttl, const void *key, uint64_t key_len,
                       const void *value, uint64_t value_len)
{
    (void) conn; (void) ctx;
    if (ttl != 6 * 3600 || key_len > 32 || value_len > 1024) return -1;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].used) continue;
        memcpy(cache[i].key, key, key_len);
        memcpy(cache[i].value, value, value_len);
        cache[i].key_len = key_len;
        cache[i].value_len = value_len;
        cache[i].used = 1;
        cache_stores++;
        return 0;
    }
    return -1;
}

static int cache_retrieve(struct s2n_connection *conn, void *ctx, const void *key, uint64_t key_len, void *value,
                          uint64_t *value_len)
{
    (void) conn; (void) ctx;
    if (cache_block_next) {
        cache_block_next = 0;
        return S2N_CALLBACK_BLOCKED;
    }
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (!cache[i].used || cache[i].key_len != key_len || memcmp(cache[i].key, key, key_len)) continue;
        if (*value_len < cache[i].value_len) return -1;
        memcpy(value, cache[i].value, cache[i].value_len);
        *value_len = cache[i].value_len;
        cache_hits++;
        return 0;
    }
    return -1;
}

static int cache_delete(struct s2n_connection *conn, void *ctx, const void *key, uint64_t key_len)
{
    (void) conn; (void) ctx;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].used && cache[i].key_len == key_len && !memcmp(cache[i].key, key, key_len)) {
            cache[i].used = 0;
            cache_deletes++;
        }
    }
    return 0;
}

static int cache_entries(void)
{
    int n = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) n += cache[i].used;
    return n;
}

/* A client and a server on a socketpair (fds[1] the client's), the client offering
 * `session` if given, negotiated one thread per side; returns whether both succeeded. */
static int handshake_pair(struct s2n_connection **client_out, struct s2n_connection **server_out, int fds[2],
                          const uint8_t *session, size_t session_len)
{
    socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
    struct s2n_connection *server = s2n_connection_new(S2N_SERVER), *client = s2n_connection_new(S2N_CLIENT);
    s2n_connection_set_config(server, server_config);
    s2n_connection_set_config(client, client_config);
    s2n_connection_set_fd(server, fds[0]);
    s2n_connection_set_fd(client, fds[1]);
    s2n_connection_set_blinding(server, S2N_SELF_SERVICE_BLINDING);
    s2n_connection_set_blinding(client, S2N_SELF_SERVICE_BLINDING);
    s2n_set_server_name(client, "localhost");
    if (session) CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
    if (keying_lifetime) CHECK(s2n_connection_set_server_keying_material_lifetime(server, keying_lifetime) == S2N_SUCCESS);
    struct side s = { server, 0, NULL }, c = { client, 0, NULL };
    pthread_t st, ct;
    pthread_create(&st, NULL, negotiate_thread, &s);
    pthread_create(&ct, NULL, negotiate_thread, &c);
    pthread_join(st, NULL);
    pthread_join(ct, NULL);
    *client_out = client;
    *server_out = server;
    int ok = s.rc == 0 && c.rc == 0;
    if (!ok) fprintf(stderr, "handshake failed: client %s, server %s\n", c.err ? c.err : "-", s.err ? s.err : "-");
    return ok;
}

/* One connection: handshake, one message each way (which carries the tickets), close. */
static int connect_once(const uint8_t *session, size_t session_len, int extra_tickets, int *client_resumed, int *server_resumed)
{
    int fds[2];
    struct s2n_connection *client, *server;
    int signatures_before = signatures, verifications_before = verifications;
    int ok = handshake_pair(&client, &server, fds, session, session_len);
    if (ok) {
        int resumed = s2n_connection_is_session_resumed(server);
        CHECK(signatures - signatures_before == (resumed ? 0 : 1));
        CHECK(resumed ? verifications == verifications_before : verifications > verifications_before);
        s2n_blocked_status blocked;
        if (extra_tickets) CHECK(s2n_connection_add_new_tickets_to_send(server, extra_tickets) == S2N_SUCCESS);
        CHECK(s2n_send(server, "hi", 2, &blocked) == 2);
        char buf[8];
        CHECK(s2n_recv(client, buf, sizeof buf, &blocked) == 2);
        last_version = s2n_connection_get_actual_protocol_version(client);
        last_session_len = s2n_connection_get_session(client, last_session, sizeof last_session);
        last_session_id_len = s2n_connection_get_session_id(server, last_session_id, sizeof last_session_id);
        *client_resumed = s2n_connection_is_session_resumed(client);
        *server_resumed = s2n_connection_is_session_resumed(server);
        if (*server_resumed) {
            CHECK(strstr(s2n_connection_get_handshake_type_name(server), "FULL_HANDSHAKE") == NULL);
            struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
            CHECK(s2n_connection_get_peer_cert_chain(client, peer) == S2N_FAILURE);
            s2n_cert_chain_and_key_free(peer);
        }
        uint16_t sent = 0;
        CHECK(s2n_connection_get_tickets_sent(server, &sent) == S2N_SUCCESS);
        CHECK(s2n_connection_get_tickets_sent(client, &sent) == S2N_FAILURE);
    }
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);
    return ok;
}

/* Resumes `session`, then ends the connection the way `how` says, and lets the server read
 * that end: 0 the client's close_notify, 1 the client vanishing without one, 2 garbage. */
static void resume_then_end(const uint8_t *session, size_t session_len, int how)
{
    int fds[2];
    struct s2n_connection *client, *server;
    CHECK(handshake_pair(&client, &server, fds, session, session_len) && s2n_connection_is_session_resumed(server));
    s2n_blocked_status blocked;
    if (how == 0) CHECK(s2n_shutdown_send(client, &blocked) == S2N_SUCCESS);
    if (how == 2) CHECK(write(fds[1], "\x17\x03\x03\x00\x05junk!", 10) == 10);
    close(fds[1]);
    char buf[8];
    ssize_t r = s2n_recv(server, buf, sizeof buf, &blocked);
    CHECK(how == 2 ? r < 0 : r == 0);
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
}

int main(void)
{
    const char *dir = pems_dir();
    char *cert = read_file(dir, "ecdsa_p256_pkcs1_cert.pem", NULL), *key = read_file(dir, "ecdsa_p256_pkcs1_key.pem", NULL);
    char *ca = read_file(dir, "ca_cert.pem", NULL);
    if (!cert || !key || !ca) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    fake_now_ns = 1800000000ull * 1000000000ull;

    server_config = s2n_config_new_minimal();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(server_config, chain) == S2N_SUCCESS);
    server_chain = chain;
    CHECK(s2n_config_set_async_pkey_callback(server_config, sign_now) == S2N_SUCCESS);
    CHECK(s2n_config_set_wall_clock(server_config, clock_cb, NULL) == S2N_SUCCESS);
    uint8_t key_material[32] = { 1, 2, 3 };
    /* With tickets off, adding a key is accepted and ignored, as in s2n. */
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "ignored", 7, key_material, 32, 0) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(server_config, 1) == S2N_SUCCESS);
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "key-1", 5, key_material, 32, 0) == S2N_SUCCESS);
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "key-1", 5, key_material, 32, 0) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_TICKET_KEY_NOT_UNIQUE") == 0);

    client_config = s2n_config_new_minimal();
    CHECK(s2n_config_add_pem_to_trust_store(client_config, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(client_config, 1) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_ticket_cb(client_config, ticket_cb, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_wall_clock(client_config, clock_cb, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_verify_host_callback(client_config, verify_host, NULL) == S2N_SUCCESS);
    /* A failed handshake's alert goes out at once from s2n_shutdown (see negotiate_thread). */
    CHECK(s2n_config_set_max_blinding_delay(server_config, 0) == S2N_SUCCESS);
    CHECK(s2n_config_set_max_blinding_delay(client_config, 0) == S2N_SUCCESS);

    int cr = -1, sr = -1;
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(tickets_seen == 1 && saved_len > 0 && last_lifetime == 15 * 3600);

    uint8_t session[4096];
    size_t session_len = saved_len;
    memcpy(session, saved, saved_len);
    CHECK(connect_once(session, session_len, 2, &cr, &sr) && cr == 1 && sr == 1);
    CHECK(tickets_seen == 1 + 1 + 2); /* the initial ticket plus two more on demand */

    /* A damaged session blob is refused when set; a damaged ticket inside a well-formed
     * blob gives a full handshake. */
    uint8_t bad[4096];
    memcpy(bad, session, session_len);
    struct s2n_connection *probe = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_set_session(probe, bad, session_len / 2) == S2N_FAILURE);
    s2n_connection_free(probe);
    bad[3 + 40] ^= 1; /* inside the ticket, which s2n's blob layout puts first */
    CHECK(connect_once(bad, session_len, 0, &cr, &sr) && cr == 0 && sr == 0);

    /* Past the key's encrypt-decrypt lifetime (2h) no tickets are issued; past its decrypt
     * lifetime (2h + 13h) old tickets no longer resume. */
    memcpy(session, saved, saved_len);
    session_len = saved_len;
    fake_now_ns += 2ull * 3600 * 1000000000ull;
    int before = tickets_seen;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && sr == 1);
    CHECK(tickets_seen == before);
    fake_now_ns += 13ull * 3600 * 1000000000ull;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && sr == 0);

    /* TLS 1.3 keying material: s2n_connection_set_server_keying_material_lifetime caps how
     * long a chain of resumptions may go on; each ticket's lifetime is what is left of it,
     * and at the deadline the chain ends in a full handshake. */
    fake_now_ns = 1850000000ull * 1000000000ull;
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "key-km", 6, key_material, 32, 0) == S2N_SUCCESS);
    keying_lifetime = 3600;
    before = tickets_seen;
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(last_version == S2N_TLS13 && tickets_seen == before + 1 && last_lifetime == 3600);
    memcpy(session, saved, saved_len);
    session_len = saved_len;
    fake_now_ns += 1800ull * 1000000000ull;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 1 && sr == 1);
    CHECK(tickets_seen == before + 2 && last_lifetime == 1800); /* the chain's deadline, inherited */
    memcpy(session, saved, saved_len);
    session_len = saved_len;
    fake_now_ns += 1799ull * 1000000000ull;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 1 && sr == 1 && last_lifetime == 1);
    memcpy(session, saved, saved_len);
    session_len = saved_len;
    fake_now_ns += 1ull * 1000000000ull;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 0 && sr == 0);
    keying_lifetime = 0;

    /* TLS 1.2 (RFC 5077): with a policy that stops at TLS 1.2 the client offers an empty
     * session_ticket, the server answers with a NewSessionTicket before its Finished, and
     * the next handshake is abbreviated: no certificates, the server finishes first. */
    fake_now_ns = 1900000000ull * 1000000000ull;
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "key-12", 6, key_material, 32, 0) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(client_config, "test_all_tls12") == S2N_SUCCESS);
    before = tickets_seen;
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(last_version == S2N_TLS12);
    CHECK(tickets_seen == before + 1 && saved_len > 0 && last_lifetime == 15 * 3600);
    memcpy(session, saved, saved_len);
    session_len = saved_len;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 1 && sr == 1);
    CHECK(last_version == S2N_TLS12);
    /* A resumed TLS 1.2 handshake issues no new ticket. */
    CHECK(tickets_seen == before + 1);
    /* A damaged TLS 1.2 ticket means a full handshake. */
    memcpy(bad, session, session_len);
    bad[3 + 40] ^= 1; /* inside the ticket, which s2n's blob layout puts first */
    CHECK(connect_once(bad, session_len, 0, &cr, &sr) && cr == 0 && sr == 0);
    /* Requiring forward-secret tickets rules out TLS 1.2 tickets: none issued, none taken. */
    CHECK(s2n_config_require_ticket_forward_secrecy(server_config, 1) == S2N_SUCCESS);
    before = tickets_seen;
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0 && last_version == S2N_TLS12);
    CHECK(tickets_seen == before);
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && sr == 0);
    CHECK(s2n_config_require_ticket_forward_secrecy(server_config, 0) == S2N_SUCCESS);

    /* TLS 1.2 session ids through the application's session cache (stateful resumption):
     * tickets off on both sides, so only the cache can resume. */
    struct s2n_config *ticket_server = server_config, *ticket_client = client_config;
    server_config = s2n_config_new_minimal();
    CHECK(s2n_config_add_cert_chain_and_key_to_store(server_config, chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_async_pkey_callback(server_config, sign_now) == S2N_SUCCESS);
    CHECK(s2n_config_set_wall_clock(server_config, clock_cb, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_max_blinding_delay(server_config, 0) == S2N_SUCCESS);
    /* Caching needs all three callbacks first. */
    CHECK(s2n_config_set_cache_store_callback(server_config, cache_store, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_cache_onoff(server_config, 1) == S2N_SUCCESS);
    CHECK(s2n_config_set_cache_retrieve_callback(server_config, cache_retrieve, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_cache_delete_callback(server_config, cache_delete, NULL) == S2N_SUCCESS);
    client_config = s2n_config_new_minimal();
    CHECK(s2n_config_add_pem_to_trust_store(client_config, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(client_config, "test_all_tls12") == S2N_SUCCESS);
    CHECK(s2n_config_set_wall_clock(client_config, clock_cb, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_verify_host_callback(client_config, verify_host, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_max_blinding_delay(client_config, 0) == S2N_SUCCESS);
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(cache_stores == 0); /* the cache was not on: its onoff came before two callbacks */
    CHECK(s2n_config_set_session_cache_onoff(server_config, 1) == S2N_SUCCESS);
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(cache_stores == 0); /* ...and without a ticket key there is nothing to seal entries with */
    CHECK(s2n_config_add_ticket_crypto_key(server_config, (const uint8_t *) "cache", 5, key_material, 32, 0) == S2N_SUCCESS);
    CHECK(connect_once(NULL, 0, 0, &cr, &sr) && cr == 0 && sr == 0);
    CHECK(last_version == S2N_TLS12 && cache_stores == 1 && cache_entries() == 1 && last_session_id_len == 32);
    CHECK(last_session_len > 0);
    memcpy(session, last_session, last_session_len);
    session_len = last_session_len;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 1 && sr == 1 && cache_hits == 1);
    CHECK(last_version == S2N_TLS12 && last_session_id_len == 32);
    /* A lookup the application cannot answer yet pauses the handshake; asked again, it resumes. */
    cache_block_next = 1;
    app_blocks = 0;
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 1 && sr == 1);
    CHECK(app_blocks == 1 && cache_hits == 2);
    /* A graceful close keeps the entry; a peer that vanishes without close_notify, or an
     * error, removes it (RFC 5077 §5.1, as s2n does). */
    resume_then_end(session, session_len, 0);
    CHECK(cache_entries() == 1 && cache_deletes == 0);
    resume_then_end(session, session_len, 1);
    CHECK(cache_entries() == 0 && cache_deletes == 1);
    CHECK(connect_once(session, session_len, 0, &cr, &sr) && cr == 0 && sr == 0); /* gone: full handshake */
    CHECK(cache_entries() == 1 && last_session_len > 0);
    memcpy(session, last_session, last_session_len);
    session_len = last_session_len;
    resume_then_end(session, session_len, 2);
    CHECK(cache_entries() == 0 && cache_deletes == 2);
    s2n_config_free(server_config);
    s2n_config_free(client_config);
    server_config = ticket_server;
    client_config = ticket_client;

    s2n_config_free(server_config);
    s2n_config_free(client_config);
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    free(ca);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
