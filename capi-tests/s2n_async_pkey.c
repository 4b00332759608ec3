/* Asynchronous private-key operations through the s2n API, TLS 1.3 and TLS 1.2: a server
 * whose config holds only the public chain signs through s2n_config_set_async_pkey_callback,
 * either inside the callback or later (s2n_negotiate reports S2N_BLOCKED_ON_APPLICATION_INPUT
 * until the operation is applied); the operation's rules (wrong connection, not performed,
 * applied or performed twice); a failing callback; and the validation modes against a bad
 * signature. Both sides run in one thread on a non-blocking socketpair. */
#include <fcntl.h>
#include <s2n.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

static struct s2n_cert_chain_and_key *keyed; /* the same chain, with its private key */
static struct s2n_async_pkey_op *held;       /* an operation the test answers later */
enum mode { SIGN_NOW, SIGN_LATER, FAIL, GARBAGE };
static enum mode mode;
static int calls;

static const char *err_name(void) { return s2n_strerror_name(s2n_errno); }

static int pkey_cb(struct s2n_connection *conn, struct s2n_async_pkey_op *op)
{
    calls++;
    s2n_async_pkey_op_type type = -1;
    CHECK(s2n_async_pkey_op_get_op_type(op, &type) == 0 && type == S2N_ASYNC_SIGN);
    uint32_t size = 0;
    CHECK(s2n_async_pkey_op_get_input_size(op, &size) == 0 && (size == 32 || size == 48));
    /* The scheme is known while the application signs. */
    s2n_tls_signature_algorithm sig = 0;
    CHECK(s2n_connection_get_selected_signature_algorithm(conn, &sig) == 0 && sig == S2N_TLS_SIGNATURE_ECDSA);
    switch (mode) {
    case SIGN_NOW:
        CHECK(s2n_async_pkey_op_perform(op, s2n_cert_chain_and_key_get_private_key(keyed)) == 0);
        CHECK(s2n_async_pkey_op_perform(op, s2n_cert_chain_and_key_get_private_key(keyed)) != 0);
        CHECK(strcmp(err_name(), "S2N_ERR_ASYNC_ALREADY_PERFORMED") == 0);
        CHECK(s2n_async_pkey_op_apply(op, conn) == 0);
        CHECK(s2n_async_pkey_op_apply(op, conn) != 0);
        CHECK(strcmp(err_name(), "S2N_ERR_ASYNC_ALREADY_APPLIED") == 0);
        CHECK(s2n_async_pkey_op_free(op) == 0);
        return 0;
    case SIGN_LATER:
        held = op;
        return 0;
    case FAIL:
        CHECK(s2n_async_pkey_op_free(op) == 0);
        return -1;
    case GARBAGE: {
        uint8_t junk[72];
        memset(junk, 0x30, sizeof junk);
        CHECK(s2n_async_pkey_op_set_output(op, junk, sizeof junk) == 0);
        CHECK(s2n_async_pkey_op_apply(op, conn) == 0);
        CHECK(s2n_async_pkey_op_free(op) == 0);
        return 0;
    }
    }
    return -1;
}

struct pair {
    int fds[2];
    struct s2n_connection *client, *server;
};

static void pair_open(struct pair *p, struct s2n_config *sc, struct s2n_config *cc)
{
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, p->fds) == 0);
    for (int i = 0; i < 2; i++) fcntl(p->fds[i], F_SETFL, O_NONBLOCK);
    p->server = s2n_connection_new(S2N_SERVER);
    p->client = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_set_config(p->server, sc) == 0 && s2n_connection_set_fd(p->server, p->fds[0]) == 0);
    CHECK(s2n_connection_set_config(p->client, cc) == 0 && s2n_connection_set_fd(p->client, p->fds[1]) == 0);
    CHECK(s2n_connection_set_blinding(p->server, S2N_SELF_SERVICE_BLINDING) == 0);
    CHECK(s2n_connection_set_blinding(p->client, S2N_SELF_SERVICE_BLINDING) == 0);
    CHECK(s2n_set_server_name(p->client, "localhost") == 0);
}

static void pair_close(struct pair *p)
{
    s2n_connection_free(p->client);
    s2n_connection_free(p->server);
    close(p->fds[0]);
    close(p->fds[1]);
}

/* Steps both sides until both finish, one fails, or the server waits on the application.
 * Returns 1 when both are done; *server_blocked tells why the server stopped. */
static int drive(struct pair *p, s2n_blocked_status *server_blocked, const char **server_err, const char **client_err)
{
    int cdone = 0, sdone = 0;
    *server_err = *client_err = "";
    for (int round = 0; round < 200 && !(cdone && sdone); round++) {
        s2n_blocked_status b;
        if (!cdone) {
            if (s2n_negotiate(p->client, &b) == 0) cdone = 1;
            else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) { *client_err = err_name(); return 0; }
        }
        if (!sdone) {
            if (s2n_negotiate(p->server, server_blocked) == 0) sdone = 1;
            else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) { *server_err = err_name(); return 0; }
            else if (*server_blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) {
                *server_err = err_name();
                return 0;
            }
        }
    }
    return cdone && sdone;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *cert = read_file(pems_dir(), "ecdsa_p256_pkcs1_cert.pem", NULL);
    char *key = read_file(pems_dir(), "ecdsa_p256_pkcs1_key.pem", NULL);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    CHECK(cert && key && ca);
    keyed = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(keyed, cert, key) == 0);
    struct s2n_cert_chain_and_key *public_only = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_public_pem_bytes(public_only, (uint8_t *) cert, strlen(cert)) == 0);
    CHECK(s2n_cert_chain_and_key_get_private_key(public_only) == NULL);

    const char *policies[2] = {"default_tls13", "test_all_tls12"};
    for (int v = 0; v < 2; v++) {
        struct s2n_config *sc = s2n_config_new();
        CHECK(s2n_config_set_cipher_preferences(sc, policies[v]) == 0);
        CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, public_only) == 0);
        struct s2n_config *cc = s2n_config_new_minimal();
        CHECK(s2n_config_set_cipher_preferences(cc, policies[v]) == 0);
        CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == 0);
        struct pair p;
        s2n_blocked_status sb;
        const char *serr, *cerr;

        /* Without a callback a public-only chain cannot sign: no usable certificate. */
        pair_open(&p, sc, cc);
        CHECK(!drive(&p, &sb, &serr, &cerr));
        pair_close(&p);

        CHECK(s2n_config_set_async_pkey_callback(sc, pkey_cb) == 0);

        /* Signed inside the callback: the handshake never stops. */
        mode = SIGN_NOW;
        calls = 0;
        pair_open(&p, sc, cc);
        CHECK(drive(&p, &sb, &serr, &cerr) && calls == 1);
        pair_close(&p);

        /* Signed later: the server waits on the application until the result is applied. */
        mode = SIGN_LATER;
        calls = 0;
        held = NULL;
        pair_open(&p, sc, cc);
        CHECK(!drive(&p, &sb, &serr, &cerr));
        CHECK(sb == S2N_BLOCKED_ON_APPLICATION_INPUT && strcmp(serr, "S2N_ERR_ASYNC_BLOCKED") == 0 && held != NULL);
        /* Calling again before the answer: still waiting, and the callback is not repeated. */
        CHECK(s2n_negotiate(p.server, &sb) != 0 && sb == S2N_BLOCKED_ON_APPLICATION_INPUT && calls == 1);
        CHECK(s2n_async_pkey_op_apply(held, p.server) != 0);
        CHECK(strcmp(err_name(), "S2N_ERR_ASYNC_NOT_PERFORMED") == 0);
        CHECK(s2n_async_pkey_op_perform(held, s2n_cert_chain_and_key_get_private_key(keyed)) == 0);
        CHECK(s2n_async_pkey_op_apply(held, p.client) != 0);
        CHECK(strcmp(err_name(), "S2N_ERR_ASYNC_WRONG_CONNECTION") == 0);
        CHECK(s2n_async_pkey_op_apply(held, p.server) == 0);
        CHECK(s2n_async_pkey_op_free(held) == 0);
        CHECK(drive(&p, &sb, &serr, &cerr) && calls == 1);
        pair_close(&p);

        /* A failing callback fails the handshake. */
        mode = FAIL;
        pair_open(&p, sc, cc);
        CHECK(!drive(&p, &sb, &serr, &cerr) && strcmp(serr, "S2N_ERR_ASYNC_CALLBACK_FAILED") == 0);
        pair_close(&p);

        /* A bad signature: the client rejects it; in strict mode the server does first. */
        mode = GARBAGE;
        pair_open(&p, sc, cc);
        CHECK(!drive(&p, &sb, &serr, &cerr));
        CHECK(strcmp(cerr, "S2N_ERR_VERIFY_SIGNATURE") == 0 && strcmp(serr, "") == 0);
        if (strcmp(cerr, "S2N_ERR_VERIFY_SIGNATURE") != 0) fprintf(stderr, "  garbage: client %s server %s\n", cerr, serr);
        pair_close(&p);
        CHECK(s2n_config_set_async_pkey_validation_mode(sc, S2N_ASYNC_PKEY_VALIDATION_STRICT) == 0);
        pair_open(&p, sc, cc);
        CHECK(!drive(&p, &sb, &serr, &cerr) && strcmp(serr, "S2N_ERR_VERIFY_SIGNATURE") == 0);
        pair_close(&p);
        /* Strict mode accepts good signatures. */
        mode = SIGN_NOW;
        pair_open(&p, sc, cc);
        CHECK(drive(&p, &sb, &serr, &cerr));
        pair_close(&p);

        s2n_config_free(sc);
        s2n_config_free(cc);
    }
    s2n_cert_chain_and_key_free(public_only);
    s2n_cert_chain_and_key_free(keyed);
    free(cert);
    free(key);
    free(ca);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
