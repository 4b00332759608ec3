/* Certificate Transparency SCT lists through the s2n API, TLS 1.3 and TLS 1.2, over
 * socketpairs: a server sends what s2n_cert_chain_and_key_set_sct_list (or the deprecated
 * s2n_config_set_extension_data) gave its chain only to a client that asked
 * (s2n_config_set_ct_support_level); the client reads it with s2n_connection_get_sct_list,
 * byte for byte. TLS 1.2 carries it in the ServerHello, TLS 1.3 with the leaf in the
 * Certificate message, there beside an OCSP staple. */
#include <s2n.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

/* A SignedCertificateTimestampList (RFC 6962 §3.3) holding one version-1 SCT: log id,
 * timestamp, no extensions, an ECDSA-SHA256 "signature" of 8 bytes. */
static const uint8_t sct_list[] = {
    0x00, 0x39,                                     /* list length: 57 */
    0x00, 0x37,                                     /* SCT length: 55 */
    0x00,                                           /* v1 */
    0xa4, 0xb9, 0x09, 0x90, 0xb4, 0x18, 0x58, 0x14, /* log id */
    0x87, 0xbb, 0x13, 0xa2, 0xcc, 0x67, 0x70, 0x0a, 0x3c, 0x35, 0x98, 0x04, 0xf9, 0x1b, 0xdf, 0xb8,
    0xe3, 0x77, 0xcd, 0x0e, 0xc8, 0x0d, 0xdc, 0x10,
    0x00, 0x00, 0x01, 0x8c, 0x2a, 0x3b, 0x4c, 0x5d, /* timestamp (ms) */
    0x00, 0x00,                                     /* no extensions */
    0x04, 0x03,                                     /* sha256, ecdsa */
    0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8,             /* signature */
};

struct result {
    int ok;
    const char *client_err;
    uint32_t client_len, server_len;
    int client_matches;
    uint32_t ocsp_len;
};

enum source { NONE, CHAIN, CHAIN_CLEARED, CONFIG_EXTENSION };

/* One handshake; the server's chain gets the SCT list from `source`, the client asks for
 * SCTs if `request` and for an OCSP staple (which the chain has) if `ocsp`. */
static struct result run(const char *policy, enum source source, int request, int ocsp)
{
    char *ca_pem = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    static const uint8_t staple[] = "a staple the client does not check";
    CHECK(s2n_cert_chain_and_key_set_ocsp_data(chain, staple, sizeof staple) == S2N_SUCCESS);
    if (source == CHAIN || source == CHAIN_CLEARED)
        CHECK(s2n_cert_chain_and_key_set_sct_list(chain, sct_list, sizeof sct_list) == S2N_SUCCESS);
    if (source == CHAIN_CLEARED) CHECK(s2n_cert_chain_and_key_set_sct_list(chain, NULL, 0) == S2N_SUCCESS);
    struct s2n_config *sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(sc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    if (source == CONFIG_EXTENSION)
        CHECK(s2n_config_set_extension_data(sc, S2N_EXTENSION_CERTIFICATE_TRANSPARENCY, sct_list, sizeof sct_list) ==
              S2N_SUCCESS);
    struct s2n_config *cc = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(cc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_ct_support_level(cc, request ? S2N_CT_SUPPORT_REQUEST : S2N_CT_SUPPORT_NONE) == S2N_SUCCESS);
    if (ocsp) {
        CHECK(s2n_config_set_status_request_type(cc, S2N_STATUS_REQUEST_OCSP) == S2N_SUCCESS);
        CHECK(s2n_config_set_check_stapled_ocsp_response(cc, 0) == S2N_SUCCESS);
    }

    int fds[2];
    struct s2n_connection *server, *client;
    struct side c, s;
    struct result r = {0};
    r.ok = open_and_negotiate(sc, cc, fds, &server, &client, &c, &s);
    r.client_err = c.err;
    if (r.ok) {
        r.client_len = 12345;
        const uint8_t *got = s2n_connection_get_sct_list(client, &r.client_len);
        r.client_matches = got != NULL && r.client_len == sizeof sct_list && memcmp(got, sct_list, sizeof sct_list) == 0;
        CHECK((got == NULL) == (r.client_len == 0));
        r.server_len = 12345;
        CHECK(s2n_connection_get_sct_list(server, &r.server_len) == NULL);
        s2n_connection_get_ocsp_response(client, &r.ocsp_len);
    }
    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(ca_pem);
    return r;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    const char *policies[2] = {"default_tls13", "test_all_tls12"}; /* TLS 1.3; TLS 1.2 only */
    for (int p = 0; p < 2; p++) {
        const char *policy = policies[p];
        /* Asked, and the chain has a list: the client has the server's bytes exactly. */
        struct result r = run(policy, CHAIN, 1, 0);
        CHECK(r.ok && r.client_matches && r.server_len == 0);
        /* Not asked: none sent. */
        r = run(policy, CHAIN, 0, 0);
        CHECK(r.ok && r.client_len == 0);
        /* Asked, but the chain has none, or had one and it was cleared. */
        r = run(policy, NONE, 1, 0);
        CHECK(r.ok && r.client_len == 0);
        r = run(policy, CHAIN_CLEARED, 1, 0);
        CHECK(r.ok && r.client_len == 0);
        /* The deprecated config-level setter reaches the config's only chain. */
        r = run(policy, CONFIG_EXTENSION, 1, 0);
        CHECK(r.ok && r.client_matches);
        /* Beside an OCSP staple (in TLS 1.3 both ride on the leaf's certificate entry). */
        r = run(policy, CHAIN, 1, 1);
        CHECK(r.ok && r.client_matches && r.ocsp_len > 0);
        r = run(policy, CHAIN, 0, 1);
        CHECK(r.ok && r.client_len == 0 && r.ocsp_len > 0);
    }

    /* Argument checks, as s2n makes them. */
    uint32_t len = 7;
    CHECK(s2n_connection_get_sct_list(NULL, &len) == NULL);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_NULL") == 0);
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    s2n_errno = 0;
    CHECK(s2n_connection_get_sct_list(conn, NULL) == NULL); /* no length: NULL, not an error */
    CHECK(s2n_errno == 0);
    CHECK(s2n_connection_get_sct_list(conn, &len) == NULL && len == 0);
    s2n_connection_free(conn);
    CHECK(s2n_cert_chain_and_key_set_sct_list(NULL, sct_list, sizeof sct_list) == S2N_FAILURE);
    CHECK(s2n_config_set_ct_support_level(NULL, S2N_CT_SUPPORT_REQUEST) == S2N_FAILURE);
    /* No chain, or more than one default: the deprecated setter has nowhere to put it. */
    struct s2n_config *config = s2n_config_new();
    CHECK(s2n_config_set_extension_data(config, S2N_EXTENSION_CERTIFICATE_TRANSPARENCY, sct_list, sizeof sct_list) ==
          S2N_FAILURE);
    s2n_config_free(config);

    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
