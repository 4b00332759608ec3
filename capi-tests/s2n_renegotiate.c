/* TLS 1.2 client renegotiation through the s2n API (unstable/renegotiate.h), over
 * socketpairs: s2n_renegotiate_wipe refuses servers, TLS 1.3 connections, unread data and
 * connections that were not wiped for it; a wiped TLS 1.2 client's new ClientHello goes out
 * under the keys of the first handshake (our server, which like s2n's never renegotiates,
 * reads and refuses it: S2N_ERR_BAD_MESSAGE, not a decryption failure); the wiped
 * connection keeps its transport and still reads data under the old keys through
 * s2n_renegotiate, which hands it out blocked on S2N_BLOCKED_ON_APPLICATION_DATA. The full
 * renegotiation runs in the interop matrix against openssl s_server. */
#include <s2n.h>
#include <s2n/unstable/renegotiate.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

static int err_is(const char *name)
{
    return str_is(s2n_strerror_name(s2n_errno), name);
}

static struct s2n_config *sc, *cc;

static void negotiated_pair(const char *policy, int fds[2], struct s2n_connection **server,
                            struct s2n_connection **client)
{
    open_pair(sc, cc, fds, server, client);
    CHECK(s2n_connection_set_cipher_preferences(*client, policy) == S2N_SUCCESS);
    CHECK(s2n_set_server_name(*client, "localhost") == S2N_SUCCESS);
    struct side cs, ss;
    CHECK(negotiate_pair(*client, *server, fds, &cs, &ss));
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    sc = s2n_config_new();
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    cc = s2n_config_new_minimal();
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == S2N_SUCCESS);
    s2n_blocked_status blocked;
    uint8_t buf[64];
    ssize_t got = -1;

    /* Not for servers, nor TLS 1.3, nor before a wipe. */
    int fds[2];
    struct s2n_connection *server, *client;
    negotiated_pair("default_tls13", fds, &server, &client);
    CHECK(s2n_renegotiate_wipe(server) == S2N_FAILURE && err_is("S2N_ERR_NO_RENEGOTIATION"));
    CHECK(s2n_renegotiate_wipe(client) == S2N_FAILURE);
    CHECK(s2n_renegotiate(client, buf, sizeof buf, &got, &blocked) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    CHECK(s2n_renegotiate(server, buf, sizeof buf, &got, &blocked) == S2N_FAILURE &&
          err_is("S2N_ERR_NO_RENEGOTIATION"));
    close_pair(client, server, fds);

    /* TLS 1.2: unread data first must be read. */
    negotiated_pair("test_all_tls12", fds, &server, &client);
    CHECK(s2n_connection_get_actual_protocol_version(client) == S2N_TLS12);
    CHECK(s2n_send(server, "early", 5, &blocked) == 5);
    CHECK(s2n_recv(client, buf, 2, &blocked) == 2);
    CHECK(s2n_renegotiate_wipe(client) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    CHECK(s2n_recv(client, buf, sizeof buf, &blocked) == 3);
    CHECK(s2n_renegotiate_wipe(client) == S2N_SUCCESS);
    /* The wipe keeps the transport and the old keys: data the server still sends (before
     * it sees a new ClientHello) comes out of s2n_renegotiate. */
    CHECK(s2n_send(server, "still old keys", 14, &blocked) == 14);
    CHECK(s2n_connection_set_blinding(client, S2N_SELF_SERVICE_BLINDING) == S2N_SUCCESS);
    int rc = s2n_renegotiate(client, buf, sizeof buf, &got, &blocked);
    CHECK(rc == S2N_FAILURE && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED);
    CHECK(blocked == S2N_BLOCKED_ON_APPLICATION_DATA && got == 14 && memcmp(buf, "still old keys", 14) == 0);
    /* The new ClientHello went out under the old keys: our server opens it, and refuses to
     * renegotiate. */
    ssize_t n = s2n_recv(server, buf, sizeof buf, &blocked);
    CHECK(n < 0 && err_is("S2N_ERR_BAD_MESSAGE"));
    close_pair(client, server, fds);

    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(ca);
    s2n_cleanup();
    return checks_report();
}
