/* TLS 1.3 through s2n's API, our client against our server:
 *  - the suites and key-exchange groups s2n's policies can agree on (the server's policy
 *    picks them), each with ECDSA P-256, ECDSA P-384, RSA and RSASSA-PSS certificates, over a socketpair
 *    and over TCP, with s2n's accessors and data both ways; HelloRetryRequest where the
 *    client's key share is not one the server takes;
 *  - certificate selection by SNI among several chains, and the tiebreak callback for
 *    chains of one key type sharing a name;
 *  - security policies' certificate rules, for peers' chains and our own.
 * TLS_CHACHA20_POLY1305_SHA256 comes after an AES-GCM suite in every s2n policy, so two s2n
 * peers never agree on it; tls_connect covers it on the same engine. */
#include <unistd.h>

#include <s2n/unstable/allow_ip_in_cn.h>
#include "check.h"
#include "s2n_pair.h"

static char *ca_pem;

static struct s2n_config *config_with(const char *policy)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    return config;
}

struct kx_case {
    const char *server_policy, *client_policy;
    const char *suite; /* s2n's name for it */
    const char *group;
    int hybrid;        /* a post-quantum hybrid group (s2n reports it as a KEM group) */
    int retry;         /* the client's key shares miss the server's choice: HelloRetryRequest */
    s2n_tls_hash_algorithm rsa_hash; /* the server's first RSA-PSS scheme */
    const char *refused; /* a certificate the policy has no signature scheme for, or NULL */
};

/* Our client, like s2n's, sends a key share for its policy's first group (and its first
 * classical one when that is a hybrid); the server takes the first of its own groups it has
 * a share for, or asks for one. */
static const struct kx_case cases[] = {
    { "default", "default", "TLS_AES_128_GCM_SHA256", "X25519MLKEM768", 1, 0, S2N_TLS_HASH_SHA256, NULL },
    { "20241106", "20241106", "TLS_AES_128_GCM_SHA256", "x25519", 0, 0, S2N_TLS_HASH_SHA256, NULL },
    { "default_tls13", "default_tls13", "TLS_AES_128_GCM_SHA256", "secp256r1", 0, 0, S2N_TLS_HASH_SHA256, NULL },
    /* A CNSA 2.0 policy: SHA-384 and P-384 only. */
    { "ELBSecurityPolicy-TLS13-1-3-CNSA2-INTEROP1-FIPS-PQ-2026-07", "test_all_tls13", "TLS_AES_256_GCM_SHA384",
      "secp384r1", 0, 1, S2N_TLS_HASH_SHA384, "ecdsa_p256_pkcs1" },
};

struct cert_case {
    const char *name;
    s2n_tls_signature_algorithm signature;
    s2n_tls_hash_algorithm hash;
};

/* TLS 1.3 ties ECDSA schemes to curves; RSA keys sign with RSA-PSS (hash: the policy's),
 * rsaEncryption keys with rsa_pss_rsae schemes, RSASSA-PSS keys with rsa_pss_pss ones (one
 * restricted to SHA-384 by its parameters, and issued by an RSASSA-PSS intermediate). */
static const struct cert_case certs[] = {
    { "ecdsa_p256_pkcs1", S2N_TLS_SIGNATURE_ECDSA, S2N_TLS_HASH_SHA256 },
    { "ecdsa_p384_pkcs1", S2N_TLS_SIGNATURE_ECDSA, S2N_TLS_HASH_SHA384 },
    { "rsa_2048_pkcs1", S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_TLS_HASH_NONE },
    { "rsa_pss_2048", S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_TLS_HASH_NONE },
    { "rsa_pss_sha384", S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_TLS_HASH_SHA384 },
};

static void kx_cell(const struct kx_case *kx, const struct cert_case *cert, int tcp)
{
    struct s2n_cert_chain_and_key *chain = load_chain(cert->name);
    struct s2n_config *sc = config_with(kx->server_policy), *cc = config_with(kx->client_policy);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair_over(tcp, sc, cc, fds, &server, &client);
    CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
    struct side cs, ss;
    int ok = negotiate_pair(client, server, fds, &cs, &ss);
    int refused = kx->refused && strcmp(kx->refused, cert->name) == 0;
    if (ok == refused) {
        fprintf(stderr, "%s/%s with %s over %s: client %s, server %s\n", kx->suite, kx->group, cert->name,
                tcp ? "TCP" : "socketpair", cs.err, ss.err);
    }
    CHECK(ok == !refused);
    if (refused) CHECK(str_is(ss.err, "S2N_ERR_NO_VALID_SIGNATURE_SCHEME"));
    s2n_tls_hash_algorithm expected_hash = cert->hash == S2N_TLS_HASH_NONE ? kx->rsa_hash : cert->hash;
    struct s2n_connection *both[] = { client, server };
    for (int i = 0; ok && i < 2; i++) {
        struct s2n_connection *conn = both[i];
        CHECK(s2n_connection_get_actual_protocol_version(conn) == S2N_TLS13);
        CHECK(str_is(s2n_connection_get_cipher(conn), kx->suite));
        const char *group = NULL;
        CHECK(s2n_connection_get_key_exchange_group(conn, &group) == 0 && group && str_is(group, kx->group));
        CHECK(str_is(s2n_connection_get_kem_group_name(conn), kx->hybrid ? kx->group : "NONE"));
        /* s2n names no curve for a hybrid group (its key share holds one all the same). */
        CHECK(str_is(s2n_connection_get_curve(conn), kx->hybrid ? "NONE" : kx->group));
        const char *type = s2n_connection_get_handshake_type_name(conn);
        CHECK(type && strstr(type, "FULL_HANDSHAKE") != NULL);
        CHECK(type && (strstr(type, "HELLO_RETRY_REQUEST") != NULL) == kx->retry);
        s2n_tls_signature_algorithm sig = S2N_TLS_SIGNATURE_ANONYMOUS;
        s2n_tls_hash_algorithm hash = S2N_TLS_HASH_NONE;
        CHECK(s2n_connection_get_selected_signature_algorithm(conn, &sig) == 0 && sig == cert->signature);
        CHECK(s2n_connection_get_selected_digest_algorithm(conn, &hash) == 0 && hash == expected_hash);
    }
    if (ok) data_both_ways(client, server);
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
}

static uint8_t accept_any_host(const char *name, size_t len, void *ctx)
{
    (void) name; (void) len; (void) ctx;
    return 1;
}

/* Two chains for two names: the client's SNI picks one (s2n_connection_get_selected_cert,
 * s2n_connection_get_certificate_match); an unknown name or none gets the default chain
 * (the first one added). */
static void certificate_selection_by_sni(void)
{
    struct s2n_cert_chain_and_key *localhost = load_chain("ecdsa_p256_pkcs1");
    struct s2n_cert_chain_and_key *example = load_chain("ecdsa_p384_example");
    struct s2n_config *sc = config_with("default_tls13"), *cc = config_with("default_tls13");
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, localhost) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, example) == S2N_SUCCESS);
    /* The unknown name cannot verify; only selection is under test there. */
    CHECK(s2n_config_set_verify_host_callback(cc, accept_any_host, NULL) == S2N_SUCCESS);
    struct {
        const char *sni;
        struct s2n_cert_chain_and_key *chain;
        s2n_cert_sni_match match;
    } sel[] = {
        { "www.example.org", example, S2N_SNI_EXACT_MATCH },
        { "localhost", localhost, S2N_SNI_EXACT_MATCH },
        { "unknown.test", localhost, S2N_SNI_NO_MATCH },
        { NULL, localhost, S2N_SNI_NONE },
    };
    for (size_t i = 0; i < sizeof sel / sizeof sel[0]; i++) {
        int fds[2];
        struct s2n_connection *server, *client;
        open_pair(sc, cc, fds, &server, &client);
        if (sel[i].sni) CHECK(s2n_set_server_name(client, sel[i].sni) == S2N_SUCCESS);
        struct side cs, ss;
        int ok = negotiate_pair(client, server, fds, &cs, &ss);
        if (!ok) fprintf(stderr, "SNI %s: client %s, server %s\n", sel[i].sni ? sel[i].sni : "-", cs.err, ss.err);
        CHECK(ok);
        CHECK(s2n_connection_get_selected_cert(server) == sel[i].chain);
        s2n_cert_sni_match match = 0;
        CHECK(s2n_connection_get_certificate_match(server, &match) == S2N_SUCCESS && match == sel[i].match);
        close_pair(client, server, fds);
    }
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(localhost);
    s2n_cert_chain_and_key_free(example);
}

/* s2n_config_set_cert_tiebreak_callback: two ECDSA chains (P-256 first, then P-384) both
 * for "localhost". s2n keeps one chain per name and key type: the first added, unless the
 * application's callback (called once, for the shared name) picks the other; NULL from it
 * keeps the first. */
static int tiebreak_calls;
static char tiebreak_name[64];

static struct s2n_cert_chain_and_key *prefer_newer(struct s2n_cert_chain_and_key *cert1,
                                                   struct s2n_cert_chain_and_key *cert2, uint8_t *name, uint32_t len)
{
    (void) cert1;
    tiebreak_calls++;
    snprintf(tiebreak_name, sizeof tiebreak_name, "%.*s", (int) len, (const char *) name);
    return cert2;
}

static struct s2n_cert_chain_and_key *no_preference(struct s2n_cert_chain_and_key *cert1,
                                                    struct s2n_cert_chain_and_key *cert2, uint8_t *name, uint32_t len)
{
    (void) cert1; (void) cert2; (void) name; (void) len;
    tiebreak_calls++;
    return NULL;
}

static void certificate_tiebreak(void)
{
    struct {
        s2n_cert_tiebreak_callback callback;
        int newer_wins;
    } cases[] = { { NULL, 0 }, { prefer_newer, 1 }, { no_preference, 0 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct s2n_cert_chain_and_key *older = load_chain("ecdsa_p256_pkcs1"), *newer = load_chain("ecdsa_p384_pkcs1");
        struct s2n_config *sc = config_with("default_tls13"), *cc = config_with("default_tls13");
        if (cases[i].callback) CHECK(s2n_config_set_cert_tiebreak_callback(sc, cases[i].callback) == S2N_SUCCESS);
        tiebreak_calls = 0;
        tiebreak_name[0] = 0;
        CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, older) == S2N_SUCCESS);
        CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, newer) == S2N_SUCCESS);
        CHECK(tiebreak_calls == (cases[i].callback ? 1 : 0));
        if (cases[i].callback == prefer_newer) CHECK(str_is(tiebreak_name, "localhost"));
        int fds[2];
        struct s2n_connection *server, *client;
        struct side cs, ss;
        int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
        CHECK(ok);
        CHECK(s2n_connection_get_selected_cert(server) == (cases[i].newer_wins ? newer : older));
        s2n_cert_sni_match match = 0;
        CHECK(s2n_connection_get_certificate_match(server, &match) == S2N_SUCCESS && match == S2N_SNI_EXACT_MATCH);
        close_pair(client, server, fds);
        s2n_config_free(sc);
        s2n_config_free(cc);
        s2n_cert_chain_and_key_free(older);
        s2n_cert_chain_and_key_free(newer);
    }
    CHECK(s2n_config_set_cert_tiebreak_callback(NULL, prefer_newer) == S2N_FAILURE);
}

/* Policies with certificate rules (RFC 9151 here: P-384 or RSA-3072+ keys, SHA-384
 * signatures): a client turns away a chain that breaks them, whether the policy is its
 * config's or its connection's; and as the rules bind our own chains too, a config refuses
 * such a chain next to such a policy, whichever comes second. The test CA is P-256 and signs
 * with SHA-256, so every test chain breaks them. */
static void policy_certificate_rules(void)
{
    struct s2n_cert_chain_and_key *p384 = load_chain("ecdsa_p384_pkcs1");
    struct s2n_config *strict = config_with("rfc9151");
    CHECK(s2n_config_add_cert_chain_and_key_to_store(strict, p384) == S2N_FAILURE);
    CHECK(str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_SECURITY_POLICY_INCOMPATIBLE_CERT"));
    struct s2n_config *sc = config_with("default");
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, p384) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(sc, "rfc9151") == S2N_FAILURE);
    CHECK(str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_SECURITY_POLICY_INCOMPATIBLE_CERT"));
    CHECK(s2n_config_set_cipher_preferences(sc, "cnsa_2") == S2N_FAILURE);
    CHECK(s2n_config_set_cipher_preferences(sc, "20241106") == S2N_SUCCESS);

    struct s2n_config *plain = config_with("default");
    for (int per_connection = 0; per_connection < 2; per_connection++) {
        int fds[2];
        struct s2n_connection *server, *client;
        open_pair(sc, per_connection ? plain : strict, fds, &server, &client);
        if (per_connection) CHECK(s2n_connection_set_cipher_preferences(client, "rfc9151") == S2N_SUCCESS);
        CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
        struct side cs, ss;
        CHECK(!negotiate_pair(client, server, fds, &cs, &ss));
        CHECK(str_is(cs.err, "S2N_ERR_SECURITY_POLICY_INCOMPATIBLE_CERT"));
        close_pair(client, server, fds);
    }
    s2n_config_free(strict);
    s2n_config_free(plain);
    s2n_config_free(sc);
    s2n_cert_chain_and_key_free(p384);
}

/* s2n_config_get_supported_groups: the policy's groups, post-quantum hybrids first, as the
 * client offers them in its ClientHello; too small an array is refused. */
static void supported_groups_of_policies(void)
{
    const char *policies[] = { "default", "default_tls13", "20240503", "test_all_tls13" };
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    for (size_t p = 0; p < sizeof policies / sizeof policies[0]; p++) {
        struct s2n_config *cc = config_with(policies[p]), *sc = config_with("test_all_tls13");
        CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
        uint16_t groups[16], count = 99;
        CHECK(s2n_config_get_supported_groups(cc, groups, 16, &count) == S2N_SUCCESS && count > 0);
        int seen_curve = 0, hybrid_after_curve = 0;
        for (uint16_t i = 0; i < count; i++) {
            int hybrid = groups[i] >= 0x0200; /* the ML-KEM hybrids' code points */
            if (hybrid && seen_curve) hybrid_after_curve = 1;
            seen_curve |= !hybrid;
        }
        CHECK(!hybrid_after_curve);
        if (strcmp(policies[p], "default") == 0) CHECK(groups[0] == 0x11ec); /* X25519MLKEM768 */
        uint16_t small = 99;
        CHECK(s2n_config_get_supported_groups(cc, groups, count - 1, &small) == S2N_FAILURE && small == 0);
        CHECK(str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_INSUFFICIENT_MEM_SIZE"));
        /* What the client's ClientHello carries, in the same order. */
        int fds[2];
        struct s2n_connection *server, *client;
        struct side cs, ss;
        CHECK(open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss));
        uint16_t offered[16], offered_count = 0;
        struct s2n_client_hello *hello = s2n_connection_get_client_hello(server);
        CHECK(hello && s2n_client_hello_get_supported_groups(hello, offered, 16, &offered_count) == S2N_SUCCESS);
        CHECK(offered_count == count && memcmp(offered, groups, count * sizeof groups[0]) == 0);
        close_pair(client, server, fds);
        s2n_config_free(cc);
        s2n_config_free(sc);
    }
    uint16_t groups[4], count = 7;
    CHECK(s2n_config_get_supported_groups(NULL, groups, 4, &count) == S2N_FAILURE && count == 0);
    s2n_cert_chain_and_key_free(chain);
}

/* s2n_config_set_verify_after_sign: every signature we make is verified before it goes out;
 * handshakes with each key type, both sides signing (client authentication), in both
 * versions, still succeed. */
static void verify_after_sign(void)
{
    const char *names[] = { "ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1", "rsa_2048_pkcs1" };
    const char *policies[] = { "default_tls13", "test_all_tls12" };
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        struct s2n_cert_chain_and_key *chain = load_chain(names[n]);
        for (size_t p = 0; p < 2; p++) {
            struct s2n_config *sc = config_with(policies[p]), *cc = config_with(policies[p]);
            CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
            CHECK(s2n_config_add_cert_chain_and_key_to_store(cc, chain) == S2N_SUCCESS);
            CHECK(s2n_config_set_client_auth_type(sc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);
            CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
            CHECK(s2n_config_set_verify_after_sign(sc, S2N_VERIFY_AFTER_SIGN_ENABLED) == S2N_SUCCESS);
            CHECK(s2n_config_set_verify_after_sign(cc, S2N_VERIFY_AFTER_SIGN_ENABLED) == S2N_SUCCESS);
            int fds[2];
            struct s2n_connection *server, *client;
            struct side cs, ss;
            int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
            if (!ok) fprintf(stderr, "verify after sign, %s %s: client %s, server %s\n", names[n], policies[p], cs.err, ss.err);
            CHECK(ok && s2n_connection_client_cert_used(server) == 1);
            close_pair(client, server, fds);
            s2n_config_free(sc);
            s2n_config_free(cc);
        }
        s2n_cert_chain_and_key_free(chain);
    }
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_verify_after_sign(config, S2N_VERIFY_AFTER_SIGN_DISABLED) == S2N_SUCCESS);
    CHECK(s2n_config_set_verify_after_sign(config, (s2n_verify_after_sign) 7) == S2N_FAILURE);
    CHECK(s2n_config_set_verify_after_sign(NULL, S2N_VERIFY_AFTER_SIGN_ENABLED) == S2N_FAILURE);
    s2n_config_free(config);
}

/* A certificate whose only name is an IP address in its commonName: refused by host-name
 * checks (RFC 6125 6.2.1) unless s2n_config_allow_ip_in_cn; then the address must match. */
static void ip_in_common_name(void)
{
    struct s2n_cert_chain_and_key *chain = load_chain("ip_in_cn");
    struct s2n_config *sc = config_with("default_tls13");
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    struct {
        int allow;
        const char *name;
        const char *error; /* the client's, or "" */
    } cases[] = {
        { 0, "127.0.0.1", "S2N_ERR_CERT_UNTRUSTED" },
        { 1, "127.0.0.1", "" },
        { 1, "127.0.0.2", "S2N_ERR_CERT_INVALID_HOSTNAME" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct s2n_config *cc = config_with("default_tls13");
        if (cases[i].allow) CHECK(s2n_config_allow_ip_in_cn(cc) == S2N_SUCCESS);
        int fds[2];
        struct s2n_connection *server, *client;
        open_pair(sc, cc, fds, &server, &client);
        CHECK(s2n_set_server_name(client, cases[i].name) == S2N_SUCCESS);
        struct side cs, ss;
        int ok = negotiate_pair(client, server, fds, &cs, &ss);
        CHECK(ok == (cases[i].error[0] == 0));
        CHECK(str_is(cs.err, cases[i].error));
        close_pair(client, server, fds);
        s2n_config_free(cc);
    }
    CHECK(s2n_config_allow_ip_in_cn(NULL) == S2N_FAILURE);
    s2n_config_free(sc);
    s2n_cert_chain_and_key_free(chain);
}

int main(void)
{
    ca_pem = read_file(pems_dir(), "ca_cert.pem", NULL);
    if (!ca_pem) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (size_t c = 0; c < sizeof certs / sizeof certs[0]; c++) {
            for (int tcp = 0; tcp < 2; tcp++) kx_cell(&cases[k], &certs[c], tcp);
        }
    }
    certificate_selection_by_sni();
    certificate_tiebreak();
    policy_certificate_rules();
    supported_groups_of_policies();
    verify_after_sign();
    ip_in_common_name();
    free(ca_pem);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
