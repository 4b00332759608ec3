/* TLS 1.3 external PSKs through the s2n API over socketpairs: a handshake on a shared PSK
 * (no certificates anywhere), the negotiated identity on both sides, the suite following the
 * PSK's hash, the server picking the first offered identity it knows, a wrong secret failing
 * on the binder, a server without a matching PSK falling back to its certificate, and the
 * API's rules (empty or all-zero inputs, duplicates, modes, buffer sizes). */
#include <pthread.h>
#include <s2n.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

static const char *err_name(void) { return s2n_strerror_name(s2n_errno); }

/* A selection callback: how it behaves, and what it saw. */
enum pick { PICK_LAST, PICK_NONE, PICK_FAIL };
static int seen;

static int pick_psk(struct s2n_connection *conn, void *ctx, struct s2n_offered_psk_list *list)
{
    (void) conn;
    enum pick how = *(enum pick *) ctx;
    if (how == PICK_FAIL) return -1;
    struct s2n_offered_psk *psk = s2n_offered_psk_new(), *last = s2n_offered_psk_new();
    seen = 0;
    while (s2n_offered_psk_list_has_next(list)) {
        CHECK(s2n_offered_psk_list_next(list, psk) == 0);
        uint8_t *identity = NULL;
        uint16_t size = 0;
        CHECK(s2n_offered_psk_get_identity(psk, &identity, &size) == 0 && size > 0 && identity != NULL);
        seen++;
    }
    CHECK(s2n_offered_psk_list_next(list, psk) != 0); /* the end */
    /* Read again and keep the last one. */
    CHECK(s2n_offered_psk_list_reread(list) == 0);
    while (s2n_offered_psk_list_has_next(list)) CHECK(s2n_offered_psk_list_next(list, last) == 0);
    int rc = s2n_offered_psk_list_choose_psk(list, how == PICK_NONE ? NULL : last);
    s2n_offered_psk_free(&psk);
    s2n_offered_psk_free(&last);
    return rc;
}

static struct s2n_psk *make_psk(const char *identity, const char *secret, s2n_psk_hmac hmac)
{
    struct s2n_psk *psk = s2n_external_psk_new();
    CHECK(psk != NULL);
    CHECK(s2n_psk_set_identity(psk, (const uint8_t *) identity, strlen(identity)) == 0);
    CHECK(s2n_psk_set_secret(psk, (const uint8_t *) secret, strlen(secret)) == 0);
    CHECK(s2n_psk_set_hmac(psk, hmac) == 0);
    return psk;
}

struct pair {
    int fds[2];
    struct s2n_connection *client, *server;
    struct side c, s;
};

static void pair_open(struct pair *p, struct s2n_config *sc, struct s2n_config *cc)
{
    open_pair(sc, cc, p->fds, &p->server, &p->client);
}

static int pair_negotiate(struct pair *p)
{
    p->c = (struct side){p->client, p->fds[1], 0, ""};
    p->s = (struct side){p->server, p->fds[0], 0, ""};
    return negotiate_both(&p->c, &p->s);
}

static void pair_close(struct pair *p)
{
    s2n_connection_free(p->client);
    s2n_connection_free(p->server);
    close(p->fds[0]);
    close(p->fds[1]);
}

static int identity_is(struct s2n_connection *conn, const char *expected)
{
    uint16_t len = 99;
    uint8_t buf[64] = {0};
    if (s2n_connection_get_negotiated_psk_identity_length(conn, &len) != 0) return 0;
    if (len != strlen(expected)) return 0;
    if (len == 0) return 1;
    if (s2n_connection_get_negotiated_psk_identity(conn, buf, sizeof buf) != 0) return 0;
    return memcmp(buf, expected, len) == 0;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_config *plain = s2n_config_new_minimal(); /* no certificates, no trust */
    CHECK(s2n_config_set_cipher_preferences(plain, "default_tls13") == 0);
    const char *secret = "contrary to popular belief, the moon is yogurt";
    struct s2n_psk *alice384 = make_psk("alice", secret, S2N_PSK_HMAC_SHA384);
    struct s2n_psk *bob256 = make_psk("bob", "another shared secret, at least 16 bytes", S2N_PSK_HMAC_SHA256);
    struct pair p;

    /* One shared PSK: both sides agree on it, and on a SHA-384 suite for it. */
    pair_open(&p, plain, plain);
    CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.server, alice384) == 0);
    CHECK(pair_negotiate(&p));
    CHECK(identity_is(p.client, "alice") && identity_is(p.server, "alice"));
    CHECK(strcmp(s2n_connection_get_cipher(p.client), "TLS_AES_256_GCM_SHA384") == 0);
    CHECK(s2n_connection_get_actual_protocol_version(p.client) == S2N_TLS13);
    uint8_t small[3];
    CHECK(s2n_connection_get_negotiated_psk_identity(p.server, small, sizeof small) != 0);
    CHECK(strcmp(err_name(), "S2N_ERR_INSUFFICIENT_MEM_SIZE") == 0);
    /* Data flows on the PSK's keys. */
    s2n_blocked_status blocked;
    char buf[8];
    CHECK(s2n_send(p.client, "psk!", 4, &blocked) == 4);
    CHECK(s2n_recv(p.server, buf, sizeof buf, &blocked) == 4 && memcmp(buf, "psk!", 4) == 0);
    pair_close(&p);

    /* The client offers two; the server knows only the second: that one is used. */
    pair_open(&p, plain, plain);
    CHECK(s2n_connection_append_psk(p.client, bob256) == 0);
    CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.server, alice384) == 0);
    CHECK(pair_negotiate(&p));
    CHECK(identity_is(p.client, "alice") && identity_is(p.server, "alice"));
    pair_close(&p);
    pair_open(&p, plain, plain);
    CHECK(s2n_connection_append_psk(p.client, bob256) == 0);
    CHECK(s2n_connection_append_psk(p.server, bob256) == 0);
    CHECK(pair_negotiate(&p));
    CHECK(identity_is(p.server, "bob") && strcmp(s2n_connection_get_cipher(p.server), "TLS_AES_128_GCM_SHA256") == 0);
    pair_close(&p);

    /* The server's own selection callback: it sees every offered identity and picks the
     * last one, where the default rule would have picked the first. */
    struct s2n_config *picking = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(picking, "default_tls13") == 0);
    enum pick how = PICK_LAST;
    CHECK(s2n_config_set_psk_selection_callback(picking, pick_psk, &how) == 0);
    pair_open(&p, picking, plain);
    CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.client, bob256) == 0);
    CHECK(s2n_connection_append_psk(p.server, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.server, bob256) == 0);
    CHECK(pair_negotiate(&p));
    CHECK(seen == 2 && identity_is(p.server, "bob") && identity_is(p.client, "bob"));
    pair_close(&p);
    /* Choosing none leaves a certificate-less server nothing to authenticate with; a
     * failing callback fails the handshake. */
    for (how = PICK_NONE; how <= PICK_FAIL; how++) {
        pair_open(&p, picking, plain);
        CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
        CHECK(s2n_connection_append_psk(p.server, alice384) == 0);
        CHECK(!pair_negotiate(&p));
        if (how == PICK_FAIL) CHECK(strcmp(p.s.err, "S2N_ERR_CANCELLED") == 0);
        pair_close(&p);
    }
    s2n_config_free(picking);

    /* Same identity, another secret: the binder gives it away and the handshake fails. */
    struct s2n_psk *impostor = make_psk("alice", "not the secret the client holds!", S2N_PSK_HMAC_SHA384);
    pair_open(&p, plain, plain);
    CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.server, impostor) == 0);
    CHECK(!pair_negotiate(&p));
    CHECK(strcmp(p.s.err, "S2N_ERR_BAD_PSK_BINDER") == 0);
    pair_close(&p);

    /* No PSK in common: a server with a certificate falls back to it. */
    char *cert = read_file(pems_dir(), "ecdsa_p256_pkcs1_cert.pem", NULL);
    char *key = read_file(pems_dir(), "ecdsa_p256_pkcs1_key.pem", NULL);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == 0);
    struct s2n_config *with_cert = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(with_cert, "default_tls13") == 0);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(with_cert, chain) == 0);
    struct s2n_config *trusting = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(trusting, "default_tls13") == 0);
    CHECK(s2n_config_add_pem_to_trust_store(trusting, ca) == 0);
    pair_open(&p, with_cert, trusting);
    CHECK(s2n_set_server_name(p.client, "localhost") == 0);
    CHECK(s2n_connection_append_psk(p.client, alice384) == 0);
    CHECK(s2n_connection_append_psk(p.server, bob256) == 0);
    CHECK(pair_negotiate(&p));
    CHECK(identity_is(p.client, "") && identity_is(p.server, ""));
    uint32_t chain_len = 0;
    struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
    CHECK(s2n_connection_get_peer_cert_chain(p.client, peer) == 0 && s2n_cert_chain_get_length(peer, &chain_len) == 0);
    CHECK(chain_len == 2);
    s2n_cert_chain_and_key_free(peer);
    pair_close(&p);

    /* The rules. */
    struct s2n_psk *psk = s2n_external_psk_new();
    uint8_t zeros[16] = {0};
    CHECK(s2n_psk_set_identity(psk, (const uint8_t *) "x", 0) != 0);
    CHECK(s2n_psk_set_secret(psk, zeros, sizeof zeros) != 0 && strcmp(err_name(), "S2N_ERR_INVALID_ARGUMENT") == 0);
    CHECK(s2n_psk_set_hmac(psk, (s2n_psk_hmac) 7) != 0);
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_append_psk(conn, psk) != 0); /* no identity or secret yet */
    CHECK(s2n_connection_append_psk(conn, alice384) == 0);
    CHECK(s2n_connection_append_psk(conn, alice384) != 0);
    CHECK(strcmp(err_name(), "S2N_ERR_DUPLICATE_PSK_IDENTITIES") == 0);
    CHECK(s2n_connection_set_psk_mode(conn, S2N_PSK_MODE_RESUMPTION) != 0);
    CHECK(strcmp(err_name(), "S2N_ERR_PSK_MODE") == 0);
    CHECK(s2n_connection_set_psk_mode(conn, S2N_PSK_MODE_EXTERNAL) == 0);
    s2n_connection_free(conn);
    conn = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_set_psk_mode(conn, S2N_PSK_MODE_RESUMPTION) == 0);
    CHECK(s2n_connection_append_psk(conn, alice384) != 0 && strcmp(err_name(), "S2N_ERR_PSK_MODE") == 0);
    s2n_connection_free(conn);
    CHECK(s2n_psk_free(&psk) == 0 && psk == NULL);
    CHECK(s2n_psk_free(&psk) == 0);

    s2n_psk_free(&alice384);
    s2n_psk_free(&bob256);
    s2n_psk_free(&impostor);
    s2n_config_free(plain);
    s2n_config_free(with_cert);
    s2n_config_free(trusting);
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    free(ca);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
