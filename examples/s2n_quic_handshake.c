/* A TLS 1.3 handshake the way a QUIC stack runs it on the s2n API (s2n_quic_support.h):
 * bare handshake messages over a TCP connection on 127.0.0.1:PORT (standing in for QUIC's
 * CRYPTO frames), transport parameters both ways, and every secret printed as the secret
 * callback gets it, so two implementations can be checked against each other.
 *   s2n_quic_handshake server PORT CERT_PEM KEY_PEM
 *   s2n_quic_handshake client PORT CA_PEM NAME
 * The server issues a ticket, which the client reads with s2n_recv_quic_post_handshake_message. */
#include "common.h"

#ifdef FERROTLS_S2N_PEER
/* s2n-tls declares its QUIC API in tls/s2n_quic_support.h, outside the s2n.h it exports. */
typedef enum {
    S2N_CLIENT_EARLY_TRAFFIC_SECRET = 0,
    S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
    S2N_SERVER_HANDSHAKE_TRAFFIC_SECRET,
    S2N_CLIENT_APPLICATION_TRAFFIC_SECRET,
    S2N_SERVER_APPLICATION_TRAFFIC_SECRET,
    S2N_EXPORTER_SECRET,
} s2n_secret_type_t;
typedef int (*s2n_secret_cb)(void *context, struct s2n_connection *conn, s2n_secret_type_t secret_type,
                             uint8_t *secret, uint8_t secret_size);
int s2n_config_enable_quic(struct s2n_config *config);
int s2n_connection_enable_quic(struct s2n_connection *conn);
int s2n_connection_set_quic_transport_parameters(struct s2n_connection *conn, const uint8_t *data_buffer,
                                                 uint16_t data_len);
int s2n_connection_get_quic_transport_parameters(struct s2n_connection *conn, const uint8_t **data_buffer,
                                                 uint16_t *data_len);
int s2n_connection_set_secret_callback(struct s2n_connection *conn, s2n_secret_cb cb_func, void *ctx);
int s2n_recv_quic_post_handshake_message(struct s2n_connection *conn, s2n_blocked_status *blocked);
#endif

static int print_secret(void *ctx, struct s2n_connection *conn, s2n_secret_type_t type, uint8_t *secret, uint8_t size)
{
    (void) conn;
    printf("%s secret %d ", (const char *) ctx, (int) type);
    for (uint8_t i = 0; i < size; i++) printf("%02x", secret[i]);
    printf("\n");
    return S2N_SUCCESS;
}

static int tickets;
static int count_ticket(struct s2n_connection *conn, void *ctx, struct s2n_session_ticket *ticket)
{
    (void) conn, (void) ctx, (void) ticket;
    tickets++;
    return S2N_SUCCESS;
}

int main(int argc, char **argv)
{
    if (argc < 5) { fprintf(stderr, "usage: %s server|client PORT ...\n", argv[0]); return 2; }
    int server = strcmp(argv[1], "server") == 0;
    const char *who = server ? "server" : "client";
    GUARD(s2n_init());
    struct s2n_config *config = server ? s2n_config_new() : s2n_config_new_minimal();
    GUARD(s2n_config_set_cipher_preferences(config, "default_tls13"));
    GUARD(s2n_config_set_session_tickets_onoff(config, 1));
    struct s2n_cert_chain_and_key *chain = NULL;
    char *pem1 = slurp(argv[3]), *pem2 = NULL;
    if (server) {
        pem2 = slurp(argv[4]);
        chain = s2n_cert_chain_and_key_new();
        GUARD(s2n_cert_chain_and_key_load_pem(chain, pem1, pem2));
        GUARD(s2n_config_add_cert_chain_and_key_to_store(config, chain));
        uint8_t ticket_key[32] = "ferrotls quic test ticket key";
        GUARD(s2n_config_add_ticket_crypto_key(config, (const uint8_t *) "quic", 4, ticket_key, sizeof ticket_key, 0));
        GUARD(s2n_config_enable_quic(config));
    } else {
        GUARD(s2n_config_add_pem_to_trust_store(config, pem1));
        GUARD(s2n_config_set_session_ticket_cb(config, count_ticket, NULL));
    }

    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd;
    if (server) {
        int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(listener, (struct sockaddr *) &addr, sizeof addr) || listen(listener, 1)) { perror("listen"); return 1; }
        fd = accept(listener, NULL, NULL);
        close(listener);
    } else {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        for (int tries = 0; connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0; tries++) {
            if (tries == 50) { perror("connect"); return 1; }
            usleep(100000);
            close(fd);
            fd = socket(AF_INET, SOCK_STREAM, 0);
        }
    }
    struct s2n_connection *conn = s2n_connection_new(server ? S2N_SERVER : S2N_CLIENT);
    GUARD(s2n_connection_set_config(conn, config));
    if (!server) {
        GUARD(s2n_connection_enable_quic(conn));
        GUARD(s2n_set_server_name(conn, argv[4]));
    }
    GUARD(s2n_connection_set_fd(conn, fd));
    GUARD(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING));
    char params[32];
    snprintf(params, sizeof params, "%s transport parameters", who);
    GUARD(s2n_connection_set_quic_transport_parameters(conn, (const uint8_t *) params, strlen(params)));
    GUARD(s2n_connection_set_secret_callback(conn, print_secret, (void *) who));
    s2n_blocked_status blocked;
    GUARD(s2n_negotiate(conn, &blocked));
    print_summary(who, conn);
    const uint8_t *peer = NULL;
    uint16_t peer_len = 0;
    GUARD(s2n_connection_get_quic_transport_parameters(conn, &peer, &peer_len));
    printf("%s peer parameters: %.*s\n", who, (int) peer_len, peer ? (const char *) peer : "");
    if (!server) {
        GUARD(s2n_recv_quic_post_handshake_message(conn, &blocked));
        printf("client tickets=%d\n", tickets);
    } else {
        /* Let the client read the ticket before the connection goes. */
        char byte;
        while (read(fd, &byte, 1) > 0) {}
    }
    fflush(stdout);
    s2n_connection_free(conn);
    close(fd);
    s2n_config_free(config);
    if (chain) s2n_cert_chain_and_key_free(chain);
    free(pem1);
    free(pem2);
    s2n_cleanup_final();
    return 0;
}
