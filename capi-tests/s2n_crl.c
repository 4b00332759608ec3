/* s2n's CRL API (unstable/crl.h): CRL objects (load, issuer hash as OpenSSL's
 * X509_NAME_hash, date checks) and the lookup callback, in TLS 1.3 and 1.2, on a client
 * checking the server's chain and on a server checking the client's. Every certificate
 * received gets a lookup; the CRLs given decide: a revoked certificate fails with
 * S2N_ERR_CERT_REVOKED, one no CRL covers with S2N_ERR_CRL_LOOKUP_FAILED, a failing
 * callback with S2N_ERR_CANCELLED; a CRL past its nextUpdate still counts (as in s2n);
 * lookups answered later hold the handshake at S2N_BLOCKED_ON_APPLICATION_INPUT.
 * The server's certificate (ecdsa_p256_pkcs1) is not revoked; the client's (rsa_2048_pkcs1)
 * is, in crl_rsa_revoked.pem. */
#include <s2n.h>
#include <s2n/unstable/crl.h>
#include "check.h"
#include "s2n_pipes.h"

static char *cert_pem, *key_pem, *ca_pem, *client_cert_pem, *client_key_pem;
static struct pipe to_server, to_client;
static uint64_t ca_hash;

enum answer { NONE_REVOKED, RSA_REVOKED, EXPIRED, OTHER_ISSUER, IGNORE, FAIL, LATER };

static struct s2n_crl *crls[4]; /* by answer, for the first four */

struct lookups {
    enum answer answer;
    int calls, hashes_ok;
    struct s2n_crl_lookup *kept[4];
};

static int lookup_cb(struct s2n_crl_lookup *lookup, void *ctx)
{
    struct lookups *l = ctx;
    uint64_t hash = 0;
    if (s2n_crl_lookup_get_cert_issuer_hash(lookup, &hash) == S2N_SUCCESS && hash == ca_hash) l->hashes_ok++;
    if (l->calls < 4) l->kept[l->calls] = lookup;
    l->calls++;
    switch (l->answer) {
    case NONE_REVOKED: case RSA_REVOKED: case EXPIRED: case OTHER_ISSUER:
        return s2n_crl_lookup_set(lookup, crls[l->answer]);
    case IGNORE: return s2n_crl_lookup_ignore(lookup);
    case FAIL: return S2N_FAILURE;
    case LATER: return S2N_SUCCESS;
    }
    return S2N_FAILURE;
}

/* Negotiates on pipes until both finish or one fails; lookups left open are answered
 * (with the CA's CRL revoking nothing) once the handshake has reported the wait. */
static void run(struct s2n_connection *client, struct s2n_connection *server, struct lookups *l,
                const char **client_err, const char **server_err, int *paused)
{
    s2n_blocked_status blocked;
    int c = -1, s = -1;
    *client_err = *server_err = "";
    *paused = 0;
    for (int i = 0; i < 20 && (c || s); i++) {
        struct s2n_connection *conns[2] = { client, server };
        int *rc[2] = { &c, &s };
        const char **err[2] = { client_err, server_err };
        for (int k = 0; k < 2; k++) {
            if (!*rc[k]) continue;
            *rc[k] = s2n_negotiate(conns[k], &blocked);
            if (*rc[k]) {
                *err[k] = s2n_strerror_name(s2n_errno);
                if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) return;
                if (blocked == S2N_BLOCKED_ON_APPLICATION_INPUT) (*paused)++;
            } else {
                *err[k] = "";
            }
        }
        if (l->answer == LATER && *paused >= 3) {
            for (int k = 0; k < l->calls && k < 4; k++) CHECK(s2n_crl_lookup_set(l->kept[k], crls[NONE_REVOKED]) == S2N_SUCCESS);
            l->answer = NONE_REVOKED;
        }
    }
}

static void case_(const char *policy, int server_checks, enum answer answer, const char *want)
{
    struct s2n_config *sc = config_owning_chain(policy, ca_pem, cert_pem, key_pem);
    struct s2n_config *cc = config_owning_chain(policy, ca_pem, client_cert_pem, client_key_pem);
    struct lookups l = { .answer = answer };
    CHECK(s2n_config_set_crl_lookup_cb(chain_checker(sc, cc, server_checks), lookup_cb, &l) == S2N_SUCCESS);
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    const char *client_err, *server_err;
    int paused = 0;
    run(client, server, &l, &client_err, &server_err, &paused);
    const char *checker_err = server_checks ? server_err : client_err;
    if (strcmp(checker_err, want) != 0) {
        fprintf(stderr, "  %s, %s checks, answer %d: got %s, want %s\n", policy, server_checks ? "server" : "client",
                answer, checker_err, want[0] ? want : "success");
    }
    CHECK(strcmp(checker_err, want) == 0);
    /* One lookup per certificate received (leaf and CA), each for a certificate the CA issued
     * (the CA's own is self-issued), so each with the CA's name hash. */
    CHECK(l.calls == (answer == FAIL ? 1 : 2) && l.hashes_ok == l.calls);
    CHECK((answer == LATER) == (paused >= 3));
    if (!want[0]) ping_over_pipes(client, server);
    free_pipe_case(client, server, sc, cc);
}

static struct s2n_crl *load_crl(const char *name)
{
    size_t len = 0;
    char *pem = read_file(pems_dir(), name, &len);
    CHECK(pem != NULL);
    struct s2n_crl *crl = s2n_crl_new();
    CHECK(crl != NULL);
    if (pem) CHECK(s2n_crl_load_pem(crl, (uint8_t *) pem, len) == S2N_SUCCESS);
    free(pem);
    return crl;
}

static void crl_objects(void)
{
    uint64_t hash = 0;
    CHECK(s2n_crl_get_issuer_hash(crls[NONE_REVOKED], &hash) == S2N_SUCCESS && hash == ca_hash);
    CHECK(s2n_crl_get_issuer_hash(crls[RSA_REVOKED], &hash) == S2N_SUCCESS && hash == ca_hash);
    CHECK(s2n_crl_get_issuer_hash(crls[OTHER_ISSUER], &hash) == S2N_SUCCESS && hash != ca_hash);
    CHECK(s2n_crl_validate_active(crls[NONE_REVOKED]) == S2N_SUCCESS);
    CHECK(s2n_crl_validate_not_expired(crls[NONE_REVOKED]) == S2N_SUCCESS);
    CHECK(s2n_crl_validate_active(crls[EXPIRED]) == S2N_SUCCESS);
    CHECK(s2n_crl_validate_not_expired(crls[EXPIRED]) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CRL_EXPIRED") == 0);

    /* A CRL object loads once; what is not a CRL is S2N_ERR_INVALID_PEM. */
    size_t len = 0;
    char *pem = read_file(pems_dir(), "crl_none.pem", &len);
    CHECK(s2n_crl_load_pem(crls[NONE_REVOKED], (uint8_t *) pem, len) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_ARGUMENT") == 0);
    free(pem);
    struct s2n_crl *crl = s2n_crl_new();
    CHECK(s2n_crl_load_pem(crl, (uint8_t *) ca_pem, strlen(ca_pem)) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_PEM") == 0);
    /* Not loaded: no hash, no dates. */
    CHECK(s2n_crl_get_issuer_hash(crl, &hash) == S2N_FAILURE);
    CHECK(s2n_crl_validate_active(crl) == S2N_FAILURE && s2n_crl_validate_not_expired(crl) == S2N_FAILURE);
    CHECK(s2n_crl_free(&crl) == S2N_SUCCESS && crl == NULL);
    CHECK(s2n_crl_free(&crl) == S2N_SUCCESS && s2n_crl_free(NULL) == S2N_SUCCESS);
    CHECK(s2n_crl_load_pem(NULL, (uint8_t *) ca_pem, 1) == S2N_FAILURE);
    CHECK(s2n_crl_get_issuer_hash(crls[NONE_REVOKED], NULL) == S2N_FAILURE);
    CHECK(s2n_crl_lookup_set(NULL, crls[NONE_REVOKED]) == S2N_FAILURE && s2n_crl_lookup_ignore(NULL) == S2N_FAILURE);
    CHECK(s2n_crl_lookup_get_cert_issuer_hash(NULL, &hash) == S2N_FAILURE);
    CHECK(s2n_config_set_crl_lookup_cb(NULL, lookup_cb, NULL) == S2N_FAILURE);
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, &client_cert_pem, &client_key_pem)) return 1;
    char *hash_text = read_file(pems_dir(), "ca_name_hash.txt", NULL);
    CHECK(hash_text != NULL);
    if (!hash_text) return 1;
    ca_hash = strtoull(hash_text, NULL, 16);
    free(hash_text);
    CHECK(s2n_init() == S2N_SUCCESS);
    crls[NONE_REVOKED] = load_crl("crl_none.pem");
    crls[RSA_REVOKED] = load_crl("crl_rsa_revoked.pem");
    crls[EXPIRED] = load_crl("crl_expired.pem");
    crls[OTHER_ISSUER] = load_crl("crl_other_issuer.pem");
    crl_objects();

    const char *policies[] = { "default_tls13", "test_all_tls12" };
    for (int p = 0; p < 2; p++) {
        for (int server_checks = 0; server_checks < 2; server_checks++) {
            case_(policies[p], server_checks, NONE_REVOKED, "");
            case_(policies[p], server_checks, RSA_REVOKED, server_checks ? "S2N_ERR_CERT_REVOKED" : "");
            case_(policies[p], server_checks, EXPIRED, "");
            case_(policies[p], server_checks, OTHER_ISSUER, "S2N_ERR_CRL_LOOKUP_FAILED");
            case_(policies[p], server_checks, IGNORE, "S2N_ERR_CRL_LOOKUP_FAILED");
            case_(policies[p], server_checks, FAIL, "S2N_ERR_CANCELLED");
            case_(policies[p], server_checks, LATER, "");
        }
    }
    for (int i = 0; i < 4; i++) CHECK(s2n_crl_free(&crls[i]) == S2N_SUCCESS);
    free(cert_pem);
    free(key_pem);
    free(ca_pem);
    free(client_cert_pem);
    free(client_key_pem);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
