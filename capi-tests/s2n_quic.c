/* QUIC support through the s2n API (tls/s2n_quic_support.h), over socketpairs: with QUIC
 * on (by config for the server, by connection for the client) the handshake travels as bare
 * handshake messages; both sides get the same secrets through their secret callbacks, each
 * gets the other's transport parameters, no middlebox compatibility is used, the client
 * takes the server's ticket with s2n_recv_quic_post_handshake_message, and application data,
 * key updates and receive buffering are refused. A QUIC connection needs TLS 1.3 and the
 * peer's transport parameters. */
#include <s2n.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

#define SECRET_TYPES 6

struct secrets {
    uint8_t bytes[SECRET_TYPES][64];
    uint8_t len[SECRET_TYPES];
    int calls;
};

static int secret_cb(void *ctx, struct s2n_connection *conn, s2n_secret_type_t type, uint8_t *secret, uint8_t size)
{
    (void) conn;
    struct secrets *s = ctx;
    s->calls++;
    if ((int) type < 0 || type >= SECRET_TYPES || size > 64) return -1;
    memcpy(s->bytes[type], secret, size);
    s->len[type] = size;
    return S2N_SUCCESS;
}

static int tickets;
static int ticket_cb(struct s2n_connection *conn, void *ctx, struct s2n_session_ticket *ticket)
{
    (void) conn, (void) ctx, (void) ticket;
    tickets++;
    return S2N_SUCCESS;
}

static int peer_parameters_are(struct s2n_connection *conn, const char *want)
{
    const uint8_t *data = NULL;
    uint16_t len = 0;
    CHECK(s2n_connection_get_quic_transport_parameters(conn, &data, &len) == S2N_SUCCESS);
    return len == strlen(want) && (len == 0 || (data && memcmp(data, want, len) == 0));
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    struct s2n_config *sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(sc, "default_tls13") == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    uint8_t ticket_key[32] = "s2n_quic test ticket key";
    CHECK(s2n_config_set_session_tickets_onoff(sc, 1) == S2N_SUCCESS);
    CHECK(s2n_config_add_ticket_crypto_key(sc, (const uint8_t *) "quic", 4, ticket_key, sizeof ticket_key, 0) ==
          S2N_SUCCESS);
    CHECK(s2n_config_enable_quic(sc) == S2N_SUCCESS);
    struct s2n_config *cc = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(cc, "default_tls13") == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(cc, 1) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_ticket_cb(cc, ticket_cb, NULL) == S2N_SUCCESS);

    /* A full QUIC handshake. */
    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(sc, cc, fds, &server, &client);
    CHECK(s2n_connection_is_quic_enabled(server) && !s2n_connection_is_quic_enabled(client));
    CHECK(s2n_connection_enable_quic(client) == S2N_SUCCESS && s2n_connection_is_quic_enabled(client));
    CHECK(s2n_connection_set_recv_buffering(client, true) == S2N_FAILURE);
    CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
    struct secrets client_secrets = {0}, server_secrets = {0};
    CHECK(s2n_connection_set_secret_callback(client, secret_cb, &client_secrets) == S2N_SUCCESS);
    CHECK(s2n_connection_set_secret_callback(server, secret_cb, &server_secrets) == S2N_SUCCESS);
    CHECK(s2n_connection_set_secret_callback(server, NULL, NULL) == S2N_FAILURE);
    CHECK(s2n_connection_set_quic_transport_parameters(client, (const uint8_t *) "client params", 13) == S2N_SUCCESS);
    CHECK(s2n_connection_set_quic_transport_parameters(server, (const uint8_t *) "server params", 13) == S2N_SUCCESS);
    struct side cs, ss;
    CHECK(negotiate_pair(client, server, fds, &cs, &ss));
    CHECK(s2n_connection_get_actual_protocol_version(client) == S2N_TLS13);
    CHECK(peer_parameters_are(client, "server params") && peer_parameters_are(server, "client params"));
    /* Handshake, application and exporter secrets (no early data), the same on both sides. */
    CHECK(client_secrets.calls == 5 && server_secrets.calls == 5);
    for (int t = S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET; t <= S2N_EXPORTER_SECRET; t++) {
        CHECK(client_secrets.len[t] == 32 && server_secrets.len[t] == 32);
        CHECK(memcmp(client_secrets.bytes[t], server_secrets.bytes[t], 32) == 0);
    }
    CHECK(memcmp(client_secrets.bytes[S2N_CLIENT_HANDSHAKE_TRAFFIC_SECRET],
                 client_secrets.bytes[S2N_SERVER_HANDSHAKE_TRAFFIC_SECRET], 32) != 0);
    CHECK(str_is(s2n_connection_get_handshake_type_name(client), "NEGOTIATED|FULL_HANDSHAKE"));
    /* The server's ticket came bare after the handshake. */
    s2n_blocked_status blocked;
    CHECK(s2n_recv_quic_post_handshake_message(client, &blocked) == S2N_SUCCESS && tickets == 1);
    uint8_t session[4096];
    int session_len = s2n_connection_get_session(client, session, sizeof session);
    CHECK(session_len > 0);
    /* No application data, no key updates: QUIC does those. */
    CHECK(s2n_send(client, "x", 1, &blocked) < 0 && str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_UNSUPPORTED_WITH_QUIC"));
    char buf[4];
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) < 0 &&
          str_is(s2n_strerror_name(s2n_errno), "S2N_ERR_UNSUPPORTED_WITH_QUIC"));
    CHECK(s2n_connection_request_key_update(client, S2N_KEY_UPDATE_NOT_REQUESTED) == S2N_FAILURE);
    close_pair(client, server, fds);

    /* Resumed, over QUIC too. */
    open_pair(sc, cc, fds, &server, &client);
    CHECK(s2n_connection_enable_quic(client) == S2N_SUCCESS);
    CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
    CHECK(s2n_connection_set_quic_transport_parameters(client, (const uint8_t *) "again", 5) == S2N_SUCCESS);
    CHECK(negotiate_pair(client, server, fds, &cs, &ss));
    CHECK(s2n_connection_is_session_resumed(client) && s2n_connection_is_session_resumed(server));
    CHECK(peer_parameters_are(server, "again") && peer_parameters_are(client, ""));
    close_pair(client, server, fds);

    /* A QUIC server and a client that is not: the server reads no ClientHello in a record. */
    open_pair(sc, cc, fds, &server, &client);
    CHECK(!negotiate_pair(client, server, fds, &cs, &ss));
    close_pair(client, server, fds);

    /* QUIC needs TLS 1.3. */
    struct s2n_connection *tls12 = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_set_config(tls12, cc) == S2N_SUCCESS);
    CHECK(s2n_connection_set_cipher_preferences(tls12, "test_all_tls12") == S2N_SUCCESS);
    CHECK(s2n_connection_enable_quic(tls12) == S2N_FAILURE);
    s2n_connection_free(tls12);

    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(ca);
    s2n_cleanup();
    return checks_report();
}
