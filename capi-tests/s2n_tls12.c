/* TLS 1.2 through s2n's API, our client against our server:
 *  - every TLS 1.2 suite s2n's policies can negotiate, with each certificate of its kind,
 *    over a socketpair and over TCP, with s2n's accessors and data both ways;
 *  - version negotiation in the four client/server combinations (and a 1.3-only client
 *    against a 1.2-only server), with every protocol-version accessor on both sides;
 *  - client authentication, SNI, ALPN, the key log and exporters in TLS 1.2;
 *  - RSASSA-PSS certificates (rsa_pss_pss signatures) for server and client;
 *  - a downgrade forced by a man in the middle, which the client must refuse;
 *  - malformed ServerKeyExchange and Finished messages, each a clean failure with s2n's
 *    error and RFC 8446/5246's alert (sent when the application shuts the connection down;
 *    s2n itself would send close_notify for most of these, to say less to an attacker).
 * ECDHE-ECDSA-CHACHA20-POLY1305 comes after an AES-GCM ECDSA suite in every s2n policy that
 * has it, so two s2n peers never agree on it; tls_connect covers it on the same engine. */
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"
#include "s2n_pipes.h"

static char *ca_pem;

static struct s2n_config *server_config(const char *policy, struct s2n_cert_chain_and_key *chain)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    /* Failed connections may then be shut down at once (their alert is what we check). */
    CHECK(s2n_config_set_max_blinding_delay(config, 0) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(config, chain) == S2N_SUCCESS);
    return config;
}

static struct s2n_config *client_config(const char *policy)
{
    struct s2n_config *config = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(config, policy) == S2N_SUCCESS);
    CHECK(s2n_config_set_max_blinding_delay(config, 0) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(config, ca_pem) == S2N_SUCCESS);
    return config;
}

struct suite_case {
    const char *server_policy; /* one whose first suite for the certificate is `cipher` */
    const char *cipher;
    uint8_t iana[2];
    int rsa;
    /* The server's first scheme (in its policy's order) that the client accepts. */
    s2n_tls_signature_algorithm signature;
};

static const struct suite_case suites[] = {
    { "default", "ECDHE-ECDSA-AES128-GCM-SHA256", { 0xc0, 0x2b }, 0, S2N_TLS_SIGNATURE_ECDSA },
    { "TLS12_20261021_1", "ECDHE-ECDSA-AES256-GCM-SHA384", { 0xc0, 0x2c }, 0, S2N_TLS_SIGNATURE_ECDSA },
    { "default", "ECDHE-RSA-AES128-GCM-SHA256", { 0xc0, 0x2f }, 1, S2N_TLS_SIGNATURE_RSA_PSS_RSAE },
    { "ELBSecurityPolicy-TLS13-1-2-CNSA2-INTEROP2-FIPS-PQ-2026-07", "ECDHE-RSA-AES256-GCM-SHA384", { 0xc0, 0x30 }, 1, S2N_TLS_SIGNATURE_RSA_PSS_RSAE },
    { "20190122", "ECDHE-RSA-CHACHA20-POLY1305", { 0xcc, 0xa8 }, 1, S2N_TLS_SIGNATURE_RSA },
};

static const char *ecdsa_certs[] = { "ecdsa_p256_pkcs1", "ecdsa_p384_pkcs1" };
static const char *rsa_certs[] = { "rsa_2048_pkcs1", "rsa_2048_pkcs8" };

static void suite_cell(const struct suite_case *sc_case, const char *cert, int tcp)
{
    struct s2n_cert_chain_and_key *chain = load_chain(cert);
    struct s2n_config *sc = server_config(sc_case->server_policy, chain), *cc = client_config("test_all_tls12");
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair_over(tcp, sc, cc, fds, &server, &client);
    CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
    struct side cs, ss;
    int ok = negotiate_pair(client, server, fds, &cs, &ss);
    if (!ok) fprintf(stderr, "%s with %s over %s: client %s, server %s\n", sc_case->cipher, cert, tcp ? "TCP" : "socketpair", cs.err, ss.err);
    CHECK(ok);
    struct s2n_connection *both[] = { client, server };
    for (int i = 0; ok && i < 2; i++) {
        struct s2n_connection *conn = both[i];
        CHECK(s2n_connection_get_actual_protocol_version(conn) == S2N_TLS12);
        CHECK(str_is(s2n_connection_get_cipher(conn), sc_case->cipher));
        uint8_t first = 0, second = 0;
        CHECK(s2n_connection_get_cipher_iana_value(conn, &first, &second) == 0 && first == sc_case->iana[0] && second == sc_case->iana[1]);
        const char *group = NULL;
        CHECK(s2n_connection_get_key_exchange_group(conn, &group) == 0 && group && str_is(s2n_connection_get_curve(conn), group));
        CHECK(str_is(s2n_connection_get_kem_name(conn), "NONE"));
        CHECK(str_is(s2n_connection_get_kem_group_name(conn), "NONE"));
        CHECK(str_is(s2n_connection_get_handshake_type_name(conn), "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY"));
        CHECK(str_is(s2n_connection_get_last_message_name(conn), "APPLICATION_DATA"));
        s2n_tls_signature_algorithm sig = S2N_TLS_SIGNATURE_ANONYMOUS;
        s2n_tls_hash_algorithm hash = S2N_TLS_HASH_NONE;
        CHECK(s2n_connection_get_selected_signature_algorithm(conn, &sig) == 0);
        CHECK(sig == sc_case->signature);
        /* TLS 1.2's ECDSA schemes name no curve: s2n reports their legacy names. */
        const char *scheme_name = NULL;
        CHECK(s2n_connection_get_signature_scheme(conn, &scheme_name) == 0 && scheme_name);
        if (sig == S2N_TLS_SIGNATURE_ECDSA) CHECK(scheme_name && strncmp(scheme_name, "legacy_ecdsa_sha", 16) == 0);
        CHECK(s2n_connection_get_selected_digest_algorithm(conn, &hash) == 0);
        CHECK(hash == S2N_TLS_HASH_SHA256 || hash == S2N_TLS_HASH_SHA384);
        CHECK(s2n_connection_get_selected_client_cert_signature_algorithm(conn, &sig) == 0 && sig == S2N_TLS_SIGNATURE_ANONYMOUS);
    }
    if (ok) data_both_ways(client, server);
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
}

static void every_suite_and_certificate(void)
{
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        const char **certs = suites[i].rsa ? rsa_certs : ecdsa_certs;
        for (int c = 0; c < 2; c++) {
            for (int tcp = 0; tcp < 2; tcp++) suite_cell(&suites[i], certs[c], tcp);
        }
    }
}

/* S2N_TLS12 = 33, S2N_TLS13 = 34. As s2n defines them: a server knows its own highest
 * version and the client's (from supported_versions when the server can do TLS 1.3, else
 * from the legacy version); a client knows its own and the version the server answered
 * with; both report the ClientHello's legacy version. */
static void version_negotiation(struct s2n_cert_chain_and_key *chain)
{
    struct { const char *client_policy, *server_policy; int client_max, server_max; } cases[] = {
        { "default", "default", S2N_TLS13, S2N_TLS13 },
        { "default", "test_all_tls12", S2N_TLS13, S2N_TLS12 },
        { "test_all_tls12", "default", S2N_TLS12, S2N_TLS13 },
        { "test_all_tls12", "test_all_tls12", S2N_TLS12, S2N_TLS12 },
    };
    for (int i = 0; i < 4; i++) {
        struct s2n_config *sc = server_config(cases[i].server_policy, chain), *cc = client_config(cases[i].client_policy);
        int fds[2];
        struct s2n_connection *server, *client;
        struct side cs, ss;
        int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
        CHECK(ok);
        int expected = cases[i].client_max < cases[i].server_max ? cases[i].client_max : cases[i].server_max;
        CHECK(s2n_connection_get_actual_protocol_version(client) == expected);
        CHECK(s2n_connection_get_actual_protocol_version(server) == expected);
        CHECK(s2n_connection_get_server_protocol_version(server) == cases[i].server_max);
        CHECK(s2n_connection_get_client_protocol_version(server) == (cases[i].server_max == S2N_TLS13 ? cases[i].client_max : S2N_TLS12));
        CHECK(s2n_connection_get_client_protocol_version(client) == cases[i].client_max);
        CHECK(s2n_connection_get_server_protocol_version(client) == expected);
        CHECK(s2n_connection_get_client_hello_version(client) == S2N_TLS12);
        CHECK(s2n_connection_get_client_hello_version(server) == S2N_TLS12);
        uint8_t legacy = 0;
        struct s2n_client_hello *hello = s2n_connection_get_client_hello(server);
        CHECK(hello && s2n_client_hello_get_legacy_protocol_version(hello, &legacy) == 0 && legacy == S2N_TLS12);
        if (ok) data_both_ways(client, server);
        close_pair(client, server, fds);
        s2n_config_free(sc);
        s2n_config_free(cc);
    }

    /* A client with only TLS 1.3 suites against a TLS 1.2-only server. Its policy's lowest
     * version is SSLv3, so, as s2n, it offers TLS 1.2 too; the server settles on TLS 1.2 and
     * finds no suite in common. */
    struct s2n_config *sc = server_config("test_all_tls12", chain), *cc = client_config("test_all_tls13");
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(sc, cc, fds, &server, &client);
    struct side cs, ss;
    CHECK(!negotiate_pair(client, server, fds, &cs, &ss));
    CHECK(str_is(ss.err, "S2N_ERR_CIPHER_NOT_SUPPORTED"));
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
}

/* Client authentication, SNI, ALPN, the key log and RFC 5705 exporters work in TLS 1.2 as
 * in TLS 1.3 (s2n's exporter is TLS 1.3-only; ours also serves TLS 1.2). */
struct key_log {
    char lines[2][256];
    int count;
};

static int log_key(void *ctx, struct s2n_connection *conn, uint8_t *line, size_t len)
{
    (void) conn;
    struct key_log *log = ctx;
    if (log->count < 2 && len < sizeof log->lines[0]) {
        memcpy(log->lines[log->count], line, len);
        log->lines[log->count][len] = 0;
    }
    log->count++;
    return S2N_SUCCESS;
}

static void features_in_tls12(struct s2n_cert_chain_and_key *chain)
{
    struct s2n_config *sc = server_config("default", chain), *cc = client_config("test_all_tls12");
    struct s2n_cert_chain_and_key *client_chain = load_chain("ecdsa_p384_pkcs1");
    struct key_log server_log = { 0 }, client_log = { 0 };
    CHECK(s2n_config_set_client_auth_type(sc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(sc, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(cc, client_chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
    const char *server_protocols[] = { "h2", "http/1.1" }, *client_protocols[] = { "http/1.1" };
    CHECK(s2n_config_set_protocol_preferences(sc, server_protocols, 2) == S2N_SUCCESS);
    CHECK(s2n_config_set_protocol_preferences(cc, client_protocols, 1) == S2N_SUCCESS);
    CHECK(s2n_config_set_key_log_cb(sc, log_key, &server_log) == S2N_SUCCESS);
    CHECK(s2n_config_set_key_log_cb(cc, log_key, &client_log) == S2N_SUCCESS);

    int fds[2];
    struct s2n_connection *server, *client;
    struct side cs, ss;
    int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
    if (!ok) fprintf(stderr, "TLS 1.2 features: client %s, server %s\n", cs.err, ss.err);
    CHECK(ok);
    CHECK(s2n_connection_get_actual_protocol_version(server) == S2N_TLS12);
    CHECK(str_is(s2n_connection_get_handshake_type_name(server), "NEGOTIATED|FULL_HANDSHAKE|CLIENT_AUTH|TLS12_PERFECT_FORWARD_SECRECY"));
    CHECK(s2n_connection_client_cert_used(server) == 1 && s2n_connection_client_cert_used(client) == 1);
    uint8_t *der = NULL;
    uint32_t der_len = 0;
    CHECK(s2n_connection_get_client_cert_chain(server, &der, &der_len) == S2N_SUCCESS && der_len > 100);
    s2n_tls_signature_algorithm sig = S2N_TLS_SIGNATURE_ANONYMOUS;
    CHECK(s2n_connection_get_selected_client_cert_signature_algorithm(server, &sig) == 0 && sig == S2N_TLS_SIGNATURE_ECDSA);
    CHECK(str_is(s2n_get_server_name(server), "localhost"));
    /* Only a server's client-hello callback may say it used the name (s2n's rule). */
    CHECK(s2n_connection_server_name_extension_used(server) == S2N_FAILURE);
    CHECK(s2n_connection_server_name_extension_used(client) == S2N_FAILURE);
    CHECK(str_is(s2n_get_application_protocol(server), "http/1.1"));
    CHECK(str_is(s2n_get_application_protocol(client), "http/1.1"));
    /* One CLIENT_RANDOM line per side, the same line. */
    CHECK(server_log.count == 1 && client_log.count == 1);
    CHECK(strncmp(server_log.lines[0], "CLIENT_RANDOM ", 14) == 0 && strlen(server_log.lines[0]) == 14 + 64 + 1 + 96);
    CHECK(strcmp(server_log.lines[0], client_log.lines[0]) == 0);
    uint8_t a[32], b[32], c[32];
    const uint8_t *label = (const uint8_t *) "EXPORTER-ferrotls-test", *other = (const uint8_t *) "EXPORTER-ferrotls-other";
    CHECK(s2n_connection_tls_exporter(client, label, 22, (const uint8_t *) "ctx", 3, a, sizeof a) == S2N_SUCCESS);
    CHECK(s2n_connection_tls_exporter(server, label, 22, (const uint8_t *) "ctx", 3, b, sizeof b) == S2N_SUCCESS);
    CHECK(s2n_connection_tls_exporter(server, other, 23, (const uint8_t *) "ctx", 3, c, sizeof c) == S2N_SUCCESS);
    CHECK(memcmp(a, b, sizeof a) == 0 && memcmp(a, c, sizeof a) != 0);
    if (ok) data_both_ways(client, server);
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(client_chain);
}

/* RSASSA-PSS certificates (id-RSASSA-PSS keys) with ECDHE_RSA suites, as server and as
 * client certificate: rsa_pss_pss signatures (RFC 8446 §4.2.3 applies them to TLS 1.2),
 * with the hash the key's parameters allow; rsa_pss_sha384's issuer is itself an
 * RSASSA-PSS intermediate. */
static void rsassa_pss_certificates(void)
{
    struct { const char *name; s2n_tls_hash_algorithm hash; } cases[] = {
        { "rsa_pss_2048", S2N_TLS_HASH_SHA256 },
        { "rsa_pss_sha384", S2N_TLS_HASH_SHA384 },
    };
    for (int i = 0; i < 2; i++) {
        struct s2n_cert_chain_and_key *chain = load_chain(cases[i].name);
        struct s2n_config *sc = server_config("default", chain), *cc = client_config("test_all_tls12");
        CHECK(s2n_config_set_client_auth_type(sc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);
        CHECK(s2n_config_add_pem_to_trust_store(sc, ca_pem) == S2N_SUCCESS);
        CHECK(s2n_config_add_cert_chain_and_key_to_store(cc, chain) == S2N_SUCCESS);
        CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
        int fds[2];
        struct s2n_connection *server, *client;
        struct side cs, ss;
        int ok = open_and_negotiate(sc, cc, fds, &server, &client, &cs, &ss);
        if (!ok) fprintf(stderr, "RSASSA-PSS %s: client %s, server %s\n", cases[i].name, cs.err, ss.err);
        CHECK(ok);
        struct s2n_connection *both[] = { client, server };
        for (int j = 0; ok && j < 2; j++) {
            struct s2n_connection *conn = both[j];
            CHECK(s2n_connection_get_actual_protocol_version(conn) == S2N_TLS12);
            CHECK(str_is(s2n_connection_get_cipher(conn), "ECDHE-RSA-AES128-GCM-SHA256"));
            s2n_tls_signature_algorithm sig = S2N_TLS_SIGNATURE_ANONYMOUS;
            s2n_tls_hash_algorithm hash = S2N_TLS_HASH_NONE;
            CHECK(s2n_connection_get_selected_signature_algorithm(conn, &sig) == 0 && sig == S2N_TLS_SIGNATURE_RSA_PSS_PSS);
            CHECK(s2n_connection_get_selected_digest_algorithm(conn, &hash) == 0 && hash == cases[i].hash);
            CHECK(s2n_connection_get_selected_client_cert_signature_algorithm(conn, &sig) == 0 && sig == S2N_TLS_SIGNATURE_RSA_PSS_PSS);
            CHECK(s2n_connection_get_selected_client_cert_digest_algorithm(conn, &hash) == 0 && hash == cases[i].hash);
            const char *scheme = NULL;
            CHECK(s2n_connection_get_signature_scheme(conn, &scheme) == 0 && scheme);
            CHECK(str_is(scheme, cases[i].hash == S2N_TLS_HASH_SHA256 ? "rsa_pss_pss_sha256" : "rsa_pss_pss_sha384"));
            CHECK(s2n_connection_client_cert_used(conn) == 1);
        }
        uint32_t length = 0;
        struct s2n_cert_chain_and_key *peer = s2n_cert_chain_and_key_new();
        CHECK(peer && s2n_connection_get_peer_cert_chain(client, peer) == S2N_SUCCESS);
        CHECK(s2n_cert_chain_get_length(peer, &length) == S2N_SUCCESS && length == (i == 0 ? 2 : 3));
        s2n_cert_chain_and_key_free(peer);
        if (ok) data_both_ways(client, server);
        close_pair(client, server, fds);
        s2n_config_free(sc);
        s2n_config_free(cc);
        s2n_cert_chain_and_key_free(chain);
    }
}

/* ---- A man in the middle: our client and server on in-memory pipes, one flight at a time. */

static struct pipe to_server, to_client;

static void pipes_reset(void)
{
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
}

/* One s2n_negotiate call; returns 0 when it needs the peer's next flight, 1 when done, -1
 * on failure. */
static int step(struct s2n_connection *conn)
{
    s2n_blocked_status blocked;
    if (s2n_negotiate(conn, &blocked) == S2N_SUCCESS) return 1;
    return s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED ? 0 : -1;
}

/* The handshake message of `type` in the plaintext records of `p` (whose records hold
 * whole messages, as ours do): its body and length, or NULL. */
static uint8_t *find_message(struct pipe *p, uint8_t type, size_t *len)
{
    for (size_t rec = p->start; rec + 5 <= p->end;) {
        size_t rec_len = (size_t) p->buf[rec + 3] << 8 | p->buf[rec + 4];
        if (p->buf[rec] == 22) {
            for (size_t m = rec + 5; m + 4 <= rec + 5 + rec_len;) {
                size_t m_len = (size_t) p->buf[m + 1] << 16 | (size_t) p->buf[m + 2] << 8 | p->buf[m + 3];
                if (p->buf[m] == type) { *len = m_len; return p->buf + m + 4; }
                m += 4 + m_len;
            }
        }
        rec += 5 + rec_len;
    }
    return NULL;
}

/* The ClientHello's extension of `type`: where its type field is, or NULL. */
static uint8_t *find_extension(uint8_t *hello, size_t len, uint16_t type)
{
    size_t at = 2 + 32;
    at += 1 + hello[at];                              /* session id */
    at += 2 + ((size_t) hello[at] << 8 | hello[at + 1]); /* cipher suites */
    at += 1 + hello[at];                              /* compression methods */
    size_t end = at + 2 + ((size_t) hello[at] << 8 | hello[at + 1]);
    for (at += 2; at + 4 <= end && end <= len;) {
        if (((uint16_t) hello[at] << 8 | hello[at + 1]) == type) return hello + at;
        at += 4 + ((size_t) hello[at + 2] << 8 | hello[at + 3]);
    }
    return NULL;
}

/* The last alert record the failed side sends when the application shuts it down. */
static int alert_sent_on_shutdown(struct s2n_connection *failed, struct pipe *out, int level, int description)
{
    size_t before = out->end;
    s2n_blocked_status blocked;
    CHECK(s2n_shutdown_send(failed, &blocked) == S2N_SUCCESS);
    if (out->end - before == 7 && out->buf[before] == 21 && out->buf[before + 5] == level &&
        out->buf[before + 6] == description)
        return 1;
    fprintf(stderr, "  shutdown wrote %zu bytes:", out->end - before);
    for (size_t i = before; i < out->end && i < before + 12; i++) fprintf(stderr, " %02x", out->buf[i]);
    fprintf(stderr, "\n");
    return 0;
}

/* The attacker renames the client's supported_versions extension (to a GREASE value the
 * server ignores), so the server, able to do TLS 1.3, sees a TLS 1.2 client: it answers in
 * TLS 1.2 with RFC 8446's sentinel at the end of its random, and the client, which offered
 * TLS 1.3, refuses. */
static void forced_downgrade(struct s2n_cert_chain_and_key *chain)
{
    struct s2n_config *sc = server_config("default", chain), *cc = client_config("default");
    pipes_reset();
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(step(client) == 0);
    size_t len = 0;
    uint8_t *hello = find_message(&to_server, 1, &len);
    uint8_t *versions = hello ? find_extension(hello, len, 43) : NULL;
    CHECK(versions != NULL);
    if (versions) versions[0] = versions[1] = 0xfa;
    CHECK(step(server) == 0);
    CHECK(s2n_connection_get_actual_protocol_version(server) == S2N_TLS12);
    uint8_t *server_hello = find_message(&to_client, 2, &len);
    CHECK(server_hello && len >= 34 && memcmp(server_hello + 2 + 24, "DOWNGRD\x01", 8) == 0);
    CHECK(step(client) == -1);
    CHECK(str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED"));
    /* RFC 8446 §4.1.3: illegal_parameter. */
    CHECK(alert_sent_on_shutdown(client, &to_server, 2, 47));
    s2n_connection_free(client);
    s2n_connection_free(server);

    /* Without the attacker the same pair agrees on TLS 1.3. */
    pipes_reset();
    client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    int c = 0, s = 0;
    for (int i = 0; i < 6 && (c != 1 || s != 1); i++) {
        if (c != 1) c = step(client);
        if (s != 1) s = step(server);
    }
    CHECK(c == 1 && s == 1 && s2n_connection_get_actual_protocol_version(client) == S2N_TLS13);
    s2n_connection_free(client);
    s2n_connection_free(server);
    s2n_config_free(sc);
    s2n_config_free(cc);
}

/* A TLS 1.2 handshake in which `tamper` edits the server's first flight (ServerHello ..
 * ServerHelloDone) before the client reads it. */
static void tampered_server_key_exchange(struct s2n_cert_chain_and_key *chain, const char *name,
                                         void (*tamper)(uint8_t *ske, size_t len), const char *error, int level,
                                         int alert)
{
    struct s2n_config *sc = server_config("default", chain), *cc = client_config("test_all_tls12");
    pipes_reset();
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(step(client) == 0 && step(server) == 0);
    size_t len = 0;
    uint8_t *ske = find_message(&to_client, 12, &len);
    CHECK(ske != NULL);
    if (ske) tamper(ske, len);
    int rc = step(client);
    const char *got = s2n_strerror_name(s2n_errno);
    if (rc != -1 || strcmp(got, error) != 0) fprintf(stderr, "%s: rc=%d error=%s\n", name, rc, got);
    CHECK(rc == -1 && strcmp(got, error) == 0);
    CHECK(alert_sent_on_shutdown(client, &to_server, level, alert));
    s2n_connection_free(client);
    s2n_connection_free(server);
    s2n_config_free(sc);
    s2n_config_free(cc);
}

/* ServerKeyExchange for ECDHE: curve_type(1) named_curve(2) point_len(1) point
 * signature_scheme(2) signature_len(2) signature. */
static void flip_signature(uint8_t *ske, size_t len) { ske[len - 1] ^= 0x40; }
static void flip_point(uint8_t *ske, size_t len) { (void) len; ske[4 + 1] ^= 0x01; }
static void unoffered_curve(uint8_t *ske, size_t len) { (void) len; ske[1] = 0x00; ske[2] = 0x19; /* secp521r1 */ }
static void explicit_curve(uint8_t *ske, size_t len) { (void) len; ske[0] = 1; }
static void point_overruns(uint8_t *ske, size_t len) { (void) len; ske[3] = 0xff; }
static void signature_overruns(uint8_t *ske, size_t len)
{
    size_t sig_len_at = 4 + ske[3] + 2;
    ske[sig_len_at] = 0x7f;
    (void) len;
}
static void unoffered_scheme(uint8_t *ske, size_t len)
{
    (void) len;
    size_t scheme_at = 4 + ske[3];
    ske[scheme_at] = 0x08; ske[scheme_at + 1] = 0x07; /* ed25519, not what this key signs with */
}

/* The Finished messages travel encrypted: an attacker can only damage them, which the
 * record layer catches; dropping the ChangeCipherSpec before one makes it arrive where a
 * plaintext message is expected. */
static void tampered_finished(struct s2n_cert_chain_and_key *chain)
{
    struct s2n_config *sc = server_config("default", chain), *cc = client_config("test_all_tls12");
    for (int which = 0; which < 3; which++) {
        pipes_reset();
        struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
        struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
        CHECK(step(client) == 0 && step(server) == 0 && step(client) == 0);
        /* to_server: ClientKeyExchange, ChangeCipherSpec, Finished (last record). */
        if (which == 0) {
            to_server.buf[to_server.end - 1] ^= 0x01;
            CHECK(step(server) == -1 && str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_DECRYPT"));
            CHECK(alert_sent_on_shutdown(server, &to_client, 2, 20)); /* bad_record_mac */
        } else if (which == 1) {
            size_t at = to_server.start;
            while (at < to_server.end && to_server.buf[at] != 20) at += 5 + ((size_t) to_server.buf[at + 3] << 8 | to_server.buf[at + 4]);
            CHECK(at + 6 <= to_server.end);
            memmove(to_server.buf + at, to_server.buf + at + 6, to_server.end - at - 6);
            to_server.end -= 6;
            CHECK(step(server) == -1);
            const char *err = s2n_strerror_name(s2n_errno);
            CHECK(str_is(err, "S2N_ERR_BAD_MESSAGE") || str_is(err, "S2N_ERR_DECRYPT"));
            s2n_blocked_status blocked;
            CHECK(s2n_shutdown_send(server, &blocked) == S2N_SUCCESS);
        } else {
            /* The server's Finished damaged on its way to the client. */
            CHECK(step(server) == 1);
            to_client.buf[to_client.end - 1] ^= 0x01;
            CHECK(step(client) == -1 && str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_DECRYPT"));
            /* The client already writes under its new keys: an encrypted alert record. */
            size_t before = to_server.end;
            s2n_blocked_status blocked;
            CHECK(s2n_shutdown_send(client, &blocked) == S2N_SUCCESS);
            CHECK(to_server.end - before > 7 && to_server.buf[before] == 21);
        }
        s2n_connection_free(client);
        s2n_connection_free(server);
    }
    s2n_config_free(sc);
    s2n_config_free(cc);
}

int main(void)
{
    ca_pem = read_file(pems_dir(), "ca_cert.pem", NULL);
    if (!ca_pem) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");

    every_suite_and_certificate();
    version_negotiation(chain);
    features_in_tls12(chain);
    rsassa_pss_certificates();
    forced_downgrade(chain);
    tampered_server_key_exchange(chain, "signature", flip_signature, "S2N_ERR_VERIFY_SIGNATURE", 2, 51);
    tampered_server_key_exchange(chain, "public key", flip_point, "S2N_ERR_VERIFY_SIGNATURE", 2, 51);
    tampered_server_key_exchange(chain, "curve", unoffered_curve, "S2N_ERR_ECDHE_UNSUPPORTED_CURVE", 2, 47);
    tampered_server_key_exchange(chain, "explicit curve", explicit_curve, "S2N_ERR_BAD_MESSAGE", 2, 47);
    tampered_server_key_exchange(chain, "point length", point_overruns, "S2N_ERR_BAD_MESSAGE", 2, 50);
    tampered_server_key_exchange(chain, "signature length", signature_overruns, "S2N_ERR_BAD_MESSAGE", 2, 50);
    tampered_server_key_exchange(chain, "scheme", unoffered_scheme, "S2N_ERR_INVALID_SIGNATURE_SCHEME", 2, 47);
    tampered_finished(chain);

    s2n_cert_chain_and_key_free(chain);
    free(ca_pem);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
