/* s2n's socket-level I/O options over real TCP: s2n_connection_use_corked_io (TCP_CORK
 * around each handshake flight, only on sockets the library writes itself, a socket the
 * application corked left as it is). */
#include <netinet/tcp.h>

#include "check.h"
#include "s2n_pair.h"

static char *cert_pem, *key_pem, *ca_pem;

static int corked(int fd)
{
    int value = 0;
    socklen_t len = sizeof value;
    CHECK(getsockopt(fd, IPPROTO_TCP, TCP_CORK, &value, &len) == 0);
    return value;
}

static int noop_send(void *ctx, const uint8_t *buf, uint32_t len) { (void) ctx; (void) buf; return (int) len; }

static void corked_io(struct s2n_config *sc, struct s2n_config *cc)
{
    /* Not on connections without a socket of their own. */
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_use_corked_io(conn) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CORK_SET_ON_UNMANAGED") == 0);
    CHECK(s2n_connection_set_send_cb(conn, noop_send) == S2N_SUCCESS);
    CHECK(s2n_connection_use_corked_io(conn) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CORK_SET_ON_UNMANAGED") == 0);
    s2n_connection_free(conn);

    /* Over TCP, both sides corked while writing flights; the handshake completes, data
     * flows, and the sockets end uncorked. A server socket the application corked itself
     * stays corked. */
    for (int app_corked = 0; app_corked < 2; app_corked++) {
        int fds[2];
        struct s2n_connection *server, *client;
        tcp_fds(fds);
        if (app_corked) {
            int on = 1;
            CHECK(setsockopt(fds[0], IPPROTO_TCP, TCP_CORK, &on, sizeof on) == 0);
        }
        pair_on_fds(sc, cc, fds, &server, &client);
        CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
        CHECK(s2n_connection_use_corked_io(server) == S2N_SUCCESS);
        CHECK(s2n_connection_use_corked_io(client) == S2N_SUCCESS);
        struct side cs = { client, fds[1], -1, NULL }, ss = { server, fds[0], -1, NULL };
        CHECK(negotiate_both(&cs, &ss));
        CHECK(corked(fds[1]) == 0);
        CHECK(corked(fds[0]) == app_corked);
        s2n_blocked_status blocked;
        char buf[8];
        CHECK(s2n_send(client, "ping", 4, &blocked) == 4);
        CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 4 && memcmp(buf, "ping", 4) == 0);
        s2n_connection_free(client);
        s2n_connection_free(server);
        close(fds[0]);
        close(fds[1]);
    }
}

int main(void)
{
    const char *dir = pems_dir();
    cert_pem = read_file(dir, "ecdsa_p256_pkcs1_cert.pem", NULL);
    key_pem = read_file(dir, "ecdsa_p256_pkcs1_key.pem", NULL);
    ca_pem = read_file(dir, "ca_cert.pem", NULL);
    if (!cert_pem || !key_pem || !ca_pem) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    struct s2n_config *sc = s2n_config_new_minimal(), *cc = s2n_config_new_minimal();
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca_pem) == S2N_SUCCESS);

    corked_io(sc, cc);

    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(cert_pem);
    free(key_pem);
    free(ca_pem);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
