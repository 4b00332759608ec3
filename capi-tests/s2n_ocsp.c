/* OCSP stapling through the s2n API, TLS 1.3 and TLS 1.2, over socketpairs: the server
 * staples what s2n_cert_chain_and_key_set_ocsp_data gave it only to clients that asked
 * (s2n_config_set_status_request_type); the client gets it from
 * s2n_connection_get_ocsp_response and checks it unless told not to
 * (s2n_config_set_check_stapled_ocsp_response): good, revoked, unknown, another CA's
 * signature, a delegated responder, garbage, and a response without nextUpdate as the
 * (application's) clock moves past the hour s2n gives it. Responses come from
 * make-certs.sh (openssl ocsp). */
#include <pthread.h>
#include <s2n.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

struct blob {
    char *data;
    size_t len;
};

static struct blob load(const char *name)
{
    struct blob b = {0};
    b.data = read_file(pems_dir(), name, &b.len);
    CHECK(b.data != NULL);
    return b;
}


/* The application's clock: real time plus an offset the test moves. */
static uint64_t clock_offset_ns;
static int test_clock(void *ctx, uint64_t *nanos)
{
    (void) ctx;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *nanos = (uint64_t) ts.tv_sec * 1000000000ull + ts.tv_nsec + clock_offset_ns;
    return 0;
}

/* The clock offset that makes the test clock read `when` (seconds since the epoch). */
static uint64_t offset_to(time_t when)
{
    return (uint64_t) ((int64_t) (when - time(NULL)) * 1000000000ll);
}

struct result {
    int ok;
    const char *client_err, *server_err;
    int client_stapled, server_stapled;
    uint32_t response_len;
    int response_matches;
};

/* One handshake: the server's chain `cert` staples `staple` (if any); the client asks for
 * a staple if `request`, checks it if `check`. */
static struct result run(const char *policy, const char *cert, const char *key, struct blob *staple, int request,
                         int check)
{
    char *cert_pem = read_file(pems_dir(), cert, NULL), *key_pem = read_file(pems_dir(), key, NULL);
    char *ca_pem = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    if (staple) CHECK(s2n_cert_chain_and_key_set_ocsp_data(chain, (uint8_t *) staple->data, staple->len) == 0);
    struct s2n_config *sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(sc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    struct s2n_config *cc = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(cc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_wall_clock(cc, test_clock, NULL) == S2N_SUCCESS);
    if (request) CHECK(s2n_config_set_status_request_type(cc, S2N_STATUS_REQUEST_OCSP) == S2N_SUCCESS);
    CHECK(s2n_config_set_check_stapled_ocsp_response(cc, check) == S2N_SUCCESS);

    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(sc, cc, fds, &server, &client);
    CHECK(s2n_set_server_name(client, "localhost") == 0);

    struct side s = {server, fds[0], 0, ""}, c = {client, fds[1], 0, ""};
    negotiate_both(&c, &s);

    struct result r = {0};
    r.ok = c.rc == 0 && s.rc == 0;
    r.client_err = c.err;
    r.server_err = s.err;
    if (!r.ok && getenv("OCSP_DEBUG")) fprintf(stderr, "  %s: client %s, server %s\n", policy, c.err, s.err);
    if (r.ok) {
        r.client_stapled = s2n_connection_is_ocsp_stapled(client);
        r.server_stapled = s2n_connection_is_ocsp_stapled(server);
        const uint8_t *resp = s2n_connection_get_ocsp_response(client, &r.response_len);
        r.response_matches = staple && resp != NULL && r.response_len == staple->len &&
                             memcmp(resp, staple->data, staple->len) == 0;
        CHECK(r.response_len == 0 || resp != NULL);
    }
    s2n_connection_free(client);
    s2n_connection_free(server);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    close(fds[0]);
    close(fds[1]);
    free(cert_pem);
    free(key_pem);
    free(ca_pem);
    return r;
}

static int failed_with(struct result r, const char *err)
{
    if (!r.ok && strcmp(r.client_err, err) == 0) return 1;
    fprintf(stderr, "  expected %s, got %s (server: %s)\n", err, r.ok ? "success" : r.client_err, r.server_err);
    return 0;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    struct blob good = load("ocsp_ecdsa_p256_good.der"), nonext = load("ocsp_ecdsa_p256_nonext.der"),
                delegated = load("ocsp_ecdsa_p256_delegated.der"), other = load("ocsp_ecdsa_p256_other_ca.der"),
                revoked = load("ocsp_rsa_revoked.der"), unknown = load("ocsp_ecdsa_p384_unknown.der");
    struct blob garbage = {"not an OCSP response", 20};
    char nonext_path[4096];
    snprintf(nonext_path, sizeof nonext_path, "%s/ocsp_ecdsa_p256_nonext.der", pems_dir());
    struct stat st;
    CHECK(stat(nonext_path, &st) == 0);
    time_t nonext_made = st.st_mtime;
    const char *ec_cert = "ecdsa_p256_pkcs1_cert.pem", *ec_key = "ecdsa_p256_pkcs1_key.pem";
    const char *policies[2] = {"default_tls13", "test_all_tls12"}; /* TLS 1.3; TLS 1.2 only */

    for (int p = 0; p < 2; p++) {
        const char *policy = policies[p];
        /* Asked and stapled: the client has exactly the server's bytes; both sides say so. */
        struct result r = run(policy, ec_cert, ec_key, &good, 1, 1);
        CHECK(r.ok && r.response_matches && r.client_stapled == 1 && r.server_stapled == 1);
        /* Not asked: nothing stapled. */
        r = run(policy, ec_cert, ec_key, &good, 0, 1);
        CHECK(r.ok && r.response_len == 0 && r.client_stapled == 0 && r.server_stapled == 0);
        /* Asked, nothing to staple: the handshake goes on without. */
        r = run(policy, ec_cert, ec_key, NULL, 1, 1);
        CHECK(r.ok && r.response_len == 0 && r.client_stapled == 0);
        /* A responder certificate the CA issued for OCSP signing. */
        CHECK(run(policy, ec_cert, ec_key, &delegated, 1, 1).ok);
        /* Failures, each unless checking is off. */
        CHECK(failed_with(run(policy, "rsa_2048_pkcs1_cert.pem", "rsa_2048_pkcs1_key.pem", &revoked, 1, 1),
                          "S2N_ERR_CERT_REVOKED"));
        r = run(policy, "rsa_2048_pkcs1_cert.pem", "rsa_2048_pkcs1_key.pem", &revoked, 1, 0);
        CHECK(r.ok && r.response_matches);
        CHECK(failed_with(run(policy, "ecdsa_p384_pkcs1_cert.pem", "ecdsa_p384_pkcs1_key.pem", &unknown, 1, 1),
                          "S2N_ERR_CERT_UNTRUSTED"));
        CHECK(failed_with(run(policy, ec_cert, ec_key, &other, 1, 1), "S2N_ERR_CERT_UNTRUSTED"));
        CHECK(run(policy, ec_cert, ec_key, &other, 1, 0).ok);
        CHECK(failed_with(run(policy, ec_cert, ec_key, &garbage, 1, 1), "S2N_ERR_INVALID_OCSP_RESPONSE"));
        /* A staple for another certificate does not vouch for this one. */
        CHECK(failed_with(run(policy, "ecdsa_p384_pkcs1_cert.pem", "ecdsa_p384_pkcs1_key.pem", &good, 1, 1),
                          "S2N_ERR_CERT_UNTRUSTED"));
        /* Without nextUpdate a response is good for an hour after thisUpdate, which is when
         * make-certs.sh wrote the file: the clock is set relative to that. */
        clock_offset_ns = offset_to(nonext_made + 50 * 60);
        CHECK(run(policy, ec_cert, ec_key, &nonext, 1, 1).ok);
        clock_offset_ns = offset_to(nonext_made + 61 * 60);
        CHECK(failed_with(run(policy, ec_cert, ec_key, &nonext, 1, 1), "S2N_ERR_CERT_EXPIRED"));
        CHECK(run(policy, ec_cert, ec_key, &good, 1, 1).ok);
        clock_offset_ns = 0;
    }

    /* The deprecated way: the staple of the config's only default chain. */
    struct s2n_config *config = s2n_config_new();
    CHECK(s2n_config_set_extension_data(config, S2N_EXTENSION_OCSP_STAPLING, (uint8_t *) good.data, good.len) != 0);
    s2n_config_free(config);

    free(good.data);
    free(nonext.data);
    free(delegated.data);
    free(other.data);
    free(revoked.data);
    free(unknown.data);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
