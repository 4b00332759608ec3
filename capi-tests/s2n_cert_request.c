/* A client's certificate chosen by the server's certificate authorities
 * (unstable/cert_authorities.h), TLS 1.3 and 1.2:
 *  - a server with s2n_config_set_cert_authorities_from_trust_store lists its trust store's
 *    subjects; the client's cert request callback reads them (next, has_next, reread) and
 *    picks one of its two chains, which is the one the server receives;
 *  - a callback that picks nothing fails the handshake with S2N_ERR_NO_CERT_FOUND, one that
 *    fails with S2N_ERR_CANCELLED; without the server's list it sees an empty list; a client
 *    without chains is not asked;
 *  - a config trusting the system's roots cannot list them; NULL arguments. */
#include <string.h>

#include <s2n.h>
#include <s2n/unstable/cert_authorities.h>
#include "check.h"
#include "s2n_pair.h"

static char *ca_pem;

struct choice {
    struct s2n_cert_chain_and_key *pick; /* the chain to answer with, or NULL */
    int fail;                            /* the callback fails */
    int calls, names;
    uint8_t first[512];
    uint16_t first_len;
};

static int on_cert_request(struct s2n_connection *conn, void *ctx, struct s2n_certificate_request *request)
{
    struct choice *c = ctx;
    CHECK(conn != NULL);
    c->calls++;
    struct s2n_certificate_authority_list *list = s2n_certificate_request_get_ca_list(request);
    CHECK(list != NULL);
    c->names = 0;
    while (s2n_certificate_authority_list_has_next(list)) {
        uint8_t *name = NULL;
        uint16_t len = 0;
        CHECK(s2n_certificate_authority_list_next(list, &name, &len) == S2N_SUCCESS && name && len > 0);
        if (c->names == 0 && name && len <= sizeof c->first) {
            memcpy(c->first, name, len);
            c->first_len = len;
        }
        c->names++;
    }
    /* Past the end: an error, and the outputs cleared. */
    uint8_t *name = (uint8_t *) c;
    uint16_t len = 7;
    CHECK(s2n_certificate_authority_list_next(list, &name, &len) == S2N_FAILURE && name == NULL && len == 0);
    CHECK(s2n_certificate_authority_list_reread(list) == S2N_SUCCESS);
    CHECK(s2n_certificate_authority_list_has_next(list) == (c->names > 0));
    CHECK(s2n_certificate_request_set_certificate(request, NULL) == S2N_FAILURE);
    if (c->pick) CHECK(s2n_certificate_request_set_certificate(request, c->pick) == S2N_SUCCESS);
    return c->fail ? -1 : 0;
}

static struct s2n_config *server_config(const char *policy, struct s2n_cert_chain_and_key *chain, int list_cas,
                                        s2n_cert_auth_type auth)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chain) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(config, auth) == S2N_SUCCESS);
    if (list_cas) CHECK(s2n_config_set_cert_authorities_from_trust_store(config) == S2N_SUCCESS);
    return config;
}

static struct s2n_config *client_config(const char *policy, struct s2n_cert_chain_and_key **chains, int n,
                                        struct choice *choice)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(config, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
    for (int i = 0; i < n; i++) CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chains[i]) == S2N_SUCCESS);
    CHECK(s2n_config_set_cert_request_callback(config, on_cert_request, choice) == S2N_SUCCESS);
    return config;
}

/* Whether `needle` occurs in `hay` (memmem, which the reference build's forced includes
 * leave undeclared). */
static int contains(const uint8_t *hay, size_t hay_len, const void *needle, size_t len)
{
    for (size_t i = 0; hay && len <= hay_len && i <= hay_len - len; i++) {
        if (memcmp(hay + i, needle, len) == 0) return 1;
    }
    return 0;
}

/* The DER of a chain's leaf. */
static void leaf_der(struct s2n_cert_chain_and_key *chain, const uint8_t **der, uint32_t *len)
{
    struct s2n_cert *cert = NULL;
    CHECK(s2n_cert_chain_get_cert(chain, &cert, 0) == S2N_SUCCESS);
    CHECK(s2n_cert_get_der(cert, der, len) == S2N_SUCCESS);
}

static void in_version(const char *policy, int version)
{
    struct s2n_cert_chain_and_key *server_chain = load_chain("ecdsa_p256_pkcs1");
    struct s2n_cert_chain_and_key *mine[2] = { load_chain("ecdsa_p256_pkcs1"), load_chain("ecdsa_p384_pkcs1") };

    /* The list, read by the callback, which picks the second chain. */
    struct choice choice = { .pick = mine[1] };
    struct s2n_config *sc = server_config(policy, server_chain, 1, S2N_CERT_AUTH_REQUIRED);
    struct s2n_config *cc = client_config(policy, mine, 2, &choice);
    int fds[2];
    struct s2n_connection *server, *client;
    struct side cs, ss;
    int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
    if (!ok) fprintf(stderr, "%s: client %s, server %s\n", policy, cs.err, ss.err);
    CHECK(ok);
    CHECK(s2n_connection_get_actual_protocol_version(client) == version);
    CHECK(choice.calls == 1 && choice.names == 1);
    /* One DistinguishedName: the test CA's subject, a DER SEQUENCE. */
    CHECK(choice.first_len > 2 && choice.first[0] == 0x30 && choice.first[1] == choice.first_len - 2);
    CHECK(contains(choice.first, choice.first_len, "ferrotls test CA", 16));
    uint8_t *received = NULL;
    uint32_t received_len = 0;
    CHECK(s2n_connection_get_client_cert_chain(server, &received, &received_len) == S2N_SUCCESS);
    const uint8_t *picked = NULL, *other = NULL;
    uint32_t picked_len = 0, other_len = 0;
    leaf_der(mine[1], &picked, &picked_len);
    leaf_der(mine[0], &other, &other_len);
    CHECK(contains(received, received_len, picked, picked_len));
    CHECK(received && !contains(received, received_len, other, other_len));
    CHECK(s2n_connection_client_cert_used(client) == 1);
    if (ok) data_both_ways(client, server);
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);

    /* A callback that picks nothing, or fails; a server without the list; no chains. */
    struct {
        int pick, fail, list_cas, chains;
        s2n_cert_auth_type server_auth;
        const char *client_error; /* NULL: the handshake succeeds */
        int calls, names;
    } cases[] = {
        { 0, 0, 1, 2, S2N_CERT_AUTH_REQUIRED, "S2N_ERR_NO_CERT_FOUND", 1, 1 },
        { 1, 1, 1, 2, S2N_CERT_AUTH_REQUIRED, "S2N_ERR_CANCELLED", 1, 1 },
        { 1, 0, 0, 2, S2N_CERT_AUTH_REQUIRED, NULL, 1, 0 },
        { 0, 0, 1, 0, S2N_CERT_AUTH_OPTIONAL, NULL, 0, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct choice c = { .pick = cases[i].pick ? mine[0] : NULL, .fail = cases[i].fail };
        sc = server_config(policy, server_chain, cases[i].list_cas, cases[i].server_auth);
        cc = client_config(policy, mine, cases[i].chains, &c);
        ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
        if (cases[i].client_error) {
            CHECK(!ok && str_is(cs.err, cases[i].client_error));
            if (ok || !str_is(cs.err, cases[i].client_error)) fprintf(stderr, "case %zu: client %s\n", i, cs.err);
        } else {
            CHECK(ok);
        }
        CHECK(c.calls == cases[i].calls && c.names == cases[i].names);
        close_pair(client, server, fds);
        s2n_config_free(sc);
        s2n_config_free(cc);
    }
    s2n_cert_chain_and_key_free(server_chain);
    s2n_cert_chain_and_key_free(mine[0]);
    s2n_cert_chain_and_key_free(mine[1]);
}

int main(void)
{
    ca_pem = read_file(pems_dir(), "ca_cert.pem", NULL);
    if (!ca_pem) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    in_version("default_tls13", S2N_TLS13);
    in_version("test_all_tls12", S2N_TLS12);

    /* The system's roots are no list to send. */
    struct s2n_config *system = s2n_config_new();
    CHECK(system != NULL);
    CHECK(s2n_config_set_cert_authorities_from_trust_store(system) == S2N_FAILURE);
    CHECK(str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_STATE"));
    s2n_config_free(system);
    /* NULL arguments. */
    CHECK(s2n_config_set_cert_authorities_from_trust_store(NULL) == S2N_FAILURE);
    CHECK(s2n_config_set_cert_request_callback(NULL, on_cert_request, NULL) == S2N_FAILURE);
    CHECK(s2n_certificate_request_get_ca_list(NULL) == NULL);
    CHECK(!s2n_certificate_authority_list_has_next(NULL));
    uint8_t *name = NULL;
    uint16_t len = 0;
    CHECK(s2n_certificate_authority_list_next(NULL, &name, &len) == S2N_FAILURE);
    CHECK(s2n_certificate_authority_list_reread(NULL) == S2N_FAILURE);
    CHECK(s2n_certificate_request_set_certificate(NULL, NULL) == S2N_FAILURE);

    free(ca_pem);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
