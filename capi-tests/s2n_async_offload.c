/* Offloaded checks of the peer's signatures (unstable/async_offload.h), over socketpairs,
 * TLS 1.3 and 1.2 with client authentication: each side's callback gets every signature
 * check (the server's CertificateVerify or ServerKeyExchange on the client, the client's
 * CertificateVerify on the server); performed inside the callback the handshake goes on at
 * once, performed later on another thread s2n_negotiate reports
 * S2N_BLOCKED_ON_APPLICATION_INPUT until then. An operation is performed once; a callback
 * not allowing PKEY_VERIFY is never called; a failing callback fails the handshake. */
#include <pthread.h>
#include <s2n.h>
#include <s2n/unstable/async_offload.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

enum mode { PERFORM_NOW, PERFORM_LATER, FAIL };

struct offload_side {
    struct s2n_connection *conn;
    int fd;
    enum mode mode;
    int calls, waits;
    struct s2n_async_offload_op *op; /* kept for later */
    int rc;
    const char *err;
};

static int offload_cb(struct s2n_connection *conn, struct s2n_async_offload_op *op, void *ctx)
{
    (void) ctx;
    struct offload_side *side = s2n_connection_get_ctx(conn);
    side->calls++;
    switch (side->mode) {
    case PERFORM_NOW: return s2n_async_offload_op_perform(op);
    case PERFORM_LATER: side->op = op; return S2N_SUCCESS;
    default: return S2N_FAILURE;
    }
}

static void *perform_thread(void *op)
{
    CHECK(s2n_async_offload_op_perform(op) == S2N_SUCCESS);
    /* Once only. */
    CHECK(s2n_async_offload_op_perform(op) == S2N_FAILURE);
    return NULL;
}

static void *negotiate_thread(void *arg)
{
    struct offload_side *side = arg;
    s2n_blocked_status blocked;
    for (;;) {
        side->rc = s2n_negotiate(side->conn, &blocked);
        if (side->rc == S2N_SUCCESS) break;
        if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED || blocked != S2N_BLOCKED_ON_APPLICATION_INPUT ||
            !side->op) {
            side->err = s2n_strerror_name(s2n_errno);
            shutdown(side->fd, SHUT_RDWR);
            return NULL;
        }
        /* Still waiting: the check runs on a thread of its own. */
        side->waits++;
        CHECK(s2n_negotiate(side->conn, &blocked) == S2N_FAILURE && blocked == S2N_BLOCKED_ON_APPLICATION_INPUT);
        pthread_t t;
        pthread_create(&t, NULL, perform_thread, side->op);
        pthread_join(t, NULL);
        side->op = NULL;
    }
    side->err = "";
    return NULL;
}

static struct s2n_config *sc, *cc;

static int run(const char *policy, enum mode client_mode, enum mode server_mode, struct offload_side *c,
               struct offload_side *s)
{
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(sc, cc, fds, &server, &client);
    CHECK(s2n_connection_set_cipher_preferences(client, policy) == S2N_SUCCESS);
    CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
    *c = (struct offload_side) { .conn = client, .fd = fds[1], .mode = client_mode };
    *s = (struct offload_side) { .conn = server, .fd = fds[0], .mode = server_mode };
    CHECK(s2n_connection_set_ctx(client, c) == S2N_SUCCESS && s2n_connection_set_ctx(server, s) == S2N_SUCCESS);
    pthread_t ct, st;
    pthread_create(&st, NULL, negotiate_thread, s);
    pthread_create(&ct, NULL, negotiate_thread, c);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    int ok = c->rc == 0 && s->rc == 0;
    if (ok) data_both_ways(client, server);
    close_pair(client, server, fds);
    return ok;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *server_chain = load_chain("ecdsa_p256_pkcs1");
    struct s2n_cert_chain_and_key *client_chain = load_chain("rsa_2048_pkcs1");
    sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(sc, "test_all") == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, server_chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(sc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(sc, ca) == S2N_SUCCESS);
    cc = s2n_config_new_minimal();
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(cc, client_chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);

    CHECK(s2n_config_set_async_offload_callback(sc, 0, offload_cb, NULL) == S2N_FAILURE);
    CHECK(s2n_config_set_async_offload_callback(sc, S2N_ASYNC_OFFLOAD_PKEY_VERIFY, NULL, NULL) == S2N_FAILURE);
    CHECK(s2n_config_set_async_offload_callback(sc, S2N_ASYNC_OFFLOAD_PKEY_VERIFY, offload_cb, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_async_offload_callback(cc, S2N_ASYNC_OFFLOAD_ALLOW_ALL, offload_cb, NULL) == S2N_SUCCESS);

    struct offload_side c, s;
    const char *policies[] = { "default_tls13", "test_all_tls12" };
    for (int i = 0; i < 2; i++) {
        /* One check per side: the server's signature on the client, the client's on the server. */
        CHECK(run(policies[i], PERFORM_NOW, PERFORM_NOW, &c, &s));
        CHECK(c.calls == 1 && s.calls == 1 && c.waits == 0 && s.waits == 0);
        CHECK(run(policies[i], PERFORM_LATER, PERFORM_LATER, &c, &s));
        CHECK(c.calls == 1 && s.calls == 1 && c.waits == 1 && s.waits == 1);
        /* A failing callback ends the handshake. */
        CHECK(!run(policies[i], FAIL, PERFORM_NOW, &c, &s));
        CHECK(str_is(c.err, "S2N_ERR_CANCELLED"));
    }

    /* An allow list without PKEY_VERIFY: the checks stay inline. */
    CHECK(s2n_config_set_async_offload_callback(cc, 0x2, offload_cb, NULL) == S2N_SUCCESS);
    CHECK(run("default_tls13", FAIL, PERFORM_NOW, &c, &s));
    CHECK(c.calls == 0 && s.calls == 1);

    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(server_chain);
    s2n_cert_chain_and_key_free(client_chain);
    free(ca);
    s2n_cleanup();
    return checks_report();
}
