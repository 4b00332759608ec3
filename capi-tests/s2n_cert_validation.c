/* s2n_config_set_cert_validation_cb: the application's own check of the peer's chain, after
 * ours, on clients (the server's chain) and servers (the client's), in TLS 1.3 and 1.2.
 * Decided in the callback (accept, reject), or later: the handshake then reports
 * S2N_BLOCKED_ON_APPLICATION_INPUT until s2n_cert_validation_accept/reject is called. */
#include <s2n.h>
#include <s2n/unstable/crl.h>
#include "check.h"
#include "s2n_pipes.h"

static char *cert_pem, *key_pem, *ca_pem, *client_cert_pem, *client_key_pem;
static struct pipe to_server, to_client;

enum decision { ACCEPT, REJECT, LATER, FAIL };

struct validation {
    enum decision decision;
    int calls;
    uint32_t chain_length;             /* of the peer's chain, as the callback saw it */
    struct s2n_cert_validation_info *info; /* kept for a later verdict */
};

static int validate(struct s2n_connection *conn, struct s2n_cert_validation_info *info, void *ctx)
{
    struct validation *v = ctx;
    v->calls++;
    v->info = info;
    /* The chain is there to look at. */
    struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
    if (s2n_connection_get_peer_cert_chain(conn, peer) == S2N_SUCCESS) s2n_cert_chain_get_length(peer, &v->chain_length);
    s2n_cert_chain_and_key_free(peer);
    switch (v->decision) {
    case ACCEPT: return s2n_cert_validation_accept(info);
    case REJECT: return s2n_cert_validation_reject(info);
    case LATER: return S2N_SUCCESS;
    case FAIL: return S2N_FAILURE;
    }
    return S2N_FAILURE;
}

/* Negotiates on pipes until both sides finish, one fails, or `validator` has a verdict
 * pending (then gives it: `later` decides). Returns the client's and server's results. */
static void run(struct s2n_connection *client, struct s2n_connection *server, struct validation *v, enum decision later,
                const char **client_err, const char **server_err)
{
    s2n_blocked_status blocked;
    int c = -1, s = -1, paused = 0;
    *client_err = *server_err = "";
    for (int i = 0; i < 20 && (c || s); i++) {
        if (c) {
            c = s2n_negotiate(client, &blocked);
            if (c) {
                *client_err = s2n_strerror_name(s2n_errno);
                if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) break;
                if (blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) paused++;
            }
        }
        if (s) {
            s = s2n_negotiate(server, &blocked);
            if (s) {
                *server_err = s2n_strerror_name(s2n_errno);
                if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) break;
                if (blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) paused++;
            }
        }
        /* The verdict comes after the handshake reported the wait a few times. */
        if (v->decision == LATER && paused >= 3 && v->info) {
            CHECK((later == ACCEPT ? s2n_cert_validation_accept(v->info) : s2n_cert_validation_reject(v->info))
                  == S2N_SUCCESS);
            CHECK(s2n_cert_validation_accept(v->info) == S2N_FAILURE); /* decided once */
            CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_STATE") == 0);
            v->decision = later;
        }
    }
    if (c == 0) *client_err = "";
    if (s == 0) *server_err = "";
}

static int is(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) == 0) return 1;
    fprintf(stderr, "  %s: got %s, want %s\n", what, got, want[0] ? want : "success");
    return 0;
}

/* One handshake whose client (or, with client authentication, server) checks the peer's
 * chain with the callback deciding `first` (and `later` for a verdict given later). */
static void case_(const char *policy, int server_checks, enum decision first, enum decision later)
{
    struct s2n_config *sc = config_owning_chain(policy, ca_pem, cert_pem, key_pem);
    struct s2n_config *cc = config_owning_chain(policy, ca_pem, client_cert_pem, client_key_pem);
    struct validation v = { first, 0, 0, NULL };
    CHECK(s2n_config_set_cert_validation_cb(chain_checker(sc, cc, server_checks), validate, &v) == S2N_SUCCESS);
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    const char *client_err, *server_err;
    run(client, server, &v, later, &client_err, &server_err);
    enum decision verdict = first == LATER ? later : first;
    const char *checker_err = server_checks ? server_err : client_err;
    const char *want = verdict == ACCEPT ? "" : verdict == REJECT ? "S2N_ERR_CERT_REJECTED" : "S2N_ERR_CANCELLED";
    char what[96];
    snprintf(what, sizeof what, "%s, %s checks, decision %d then %d", policy, server_checks ? "server" : "client", first, later);
    CHECK(is(checker_err, want, what));
    CHECK(v.calls == 1);
    CHECK(v.chain_length == 2); /* leaf and CA, as sent */
    if (verdict == ACCEPT) {
        CHECK(is(server_checks ? client_err : server_err, "", what));
        CHECK(server_checks ? s2n_connection_client_cert_used(server) == 1 : 1);
        ping_over_pipes(client, server);
    }
    free_pipe_case(client, server, sc, cc);
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, &client_cert_pem, &client_key_pem)) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    const char *policies[] = { "default_tls13", "test_all_tls12" };
    for (int p = 0; p < 2; p++) {
        for (int server_checks = 0; server_checks < 2; server_checks++) {
            case_(policies[p], server_checks, ACCEPT, ACCEPT);
            case_(policies[p], server_checks, REJECT, REJECT);
            case_(policies[p], server_checks, FAIL, FAIL);
            case_(policies[p], server_checks, LATER, ACCEPT);
            case_(policies[p], server_checks, LATER, REJECT);
        }
    }
    CHECK(s2n_cert_validation_accept(NULL) == S2N_FAILURE && s2n_cert_validation_reject(NULL) == S2N_FAILURE);
    CHECK(s2n_config_set_cert_validation_cb(NULL, validate, NULL) == S2N_FAILURE);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    free_test_pems(cert_pem, key_pem, ca_pem, client_cert_pem, client_key_pem);
    return checks_report();
}
