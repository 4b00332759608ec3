/* Serialized connections (s2n_config_set_serialization_version, s2n_connection_serialize,
 * s2n_connection_deserialize), TLS 1.3 and TLS 1.2, over socketpairs: after a handshake
 * and some data each way, one side is serialized and a fresh connection restored from the
 * blob takes over its socket: it goes on talking with the peer (both directions, TLS 1.3
 * KeyUpdate included), while the serialized original can send nothing more. Then the
 * errors: no version on the config, handshake not done, unread data, a short buffer, a
 * damaged blob, a used connection. */
#include <s2n.h>
#include <s2n/unstable/renegotiate.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

static int refuse_renegotiation(struct s2n_connection *conn, void *ctx, s2n_renegotiate_response *response)
{
    (void) conn;
    (void) ctx;
    *response = S2N_RENEGOTIATE_REJECT;
    return 0;
}

static int err_is(const char *name)
{
    const char *got = s2n_strerror_name(s2n_errno);
    if (strcmp(got, name) == 0) return 1;
    fprintf(stderr, "  expected %s, got %s\n", name, got);
    return 0;
}

static void send_all(struct s2n_connection *conn, const char *text)
{
    s2n_blocked_status blocked;
    CHECK(s2n_send(conn, text, (ssize_t) strlen(text), &blocked) == (ssize_t) strlen(text));
}

/* Receives exactly strlen(text) bytes and checks they are `text`. */
static int recv_is(struct s2n_connection *conn, const char *text)
{
    char buf[256] = {0};
    size_t want = strlen(text), got = 0;
    s2n_blocked_status blocked;
    while (got < want) {
        ssize_t n = s2n_recv(conn, buf + got, want - got, &blocked);
        if (n <= 0) return 0;
        got += (size_t) n;
    }
    return memcmp(buf, text, want) == 0;
}

struct setup {
    struct s2n_config *sc, *cc;
    struct s2n_cert_chain_and_key *chain;
    int fds[2];
    struct s2n_connection *server, *client;
};

static void handshake(struct setup *s, const char *policy, int serializable)
{
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    s->chain = load_chain("ecdsa_p256_pkcs1");
    s->sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(s->sc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(s->sc, s->chain) == S2N_SUCCESS);
    s->cc = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(s->cc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(s->cc, ca) == S2N_SUCCESS);
    if (serializable) {
        CHECK(s2n_config_set_serialization_version(s->sc, S2N_SERIALIZED_CONN_V1) == S2N_SUCCESS);
        CHECK(s2n_config_set_serialization_version(s->cc, S2N_SERIALIZED_CONN_V1) == S2N_SUCCESS);
    }
    struct side cl, sv;
    CHECK(open_and_negotiate(s->sc, s->cc, s->fds, &s->server, &s->client, &cl, &sv));
    free(ca);
}

static void teardown(struct setup *s)
{
    close_pair(s->client, s->server, s->fds);
    s2n_config_free(s->sc);
    s2n_config_free(s->cc);
    s2n_cert_chain_and_key_free(s->chain);
}

/* Serializes one side (`move_server`) after data both ways, restores it into a new
 * connection on the same socket, and checks the conversation goes on. */
static void hand_over(const char *policy, int version, int move_server)
{
    struct setup s;
    handshake(&s, policy, 1);
    CHECK(s2n_connection_get_actual_protocol_version(s.client) == version);
    send_all(s.client, "hello");
    CHECK(recv_is(s.server, "hello"));
    send_all(s.server, "world!");
    CHECK(recv_is(s.client, "world!"));
    send_all(s.client, "twice");
    CHECK(recv_is(s.server, "twice"));

    struct s2n_connection *moving = move_server ? s.server : s.client;
    struct s2n_connection *staying = move_server ? s.client : s.server;
    int fd = move_server ? s.fds[0] : s.fds[1];
    const char *cipher = s2n_connection_get_cipher(moving);
    char cipher_name[64];
    snprintf(cipher_name, sizeof cipher_name, "%s", cipher);
    uint8_t exported[32] = {0}, exported_after[32] = {0};
    CHECK(s2n_connection_tls_exporter(moving, (const uint8_t *) "EXPORTER-test", 13, (const uint8_t *) "", 0,
                                      exported, sizeof exported) == S2N_SUCCESS);

    uint32_t len = 0;
    CHECK(s2n_connection_serialization_length(moving, &len) == S2N_SUCCESS);
    /* s2n's sizes: 30 fixed bytes, then three SHA-256 secrets (TLS 1.3) or the master
     * secret and both randoms (TLS 1.2). */
    CHECK(len == (version == 34 ? 30 + 3 * 32 : 30 + 48 + 64));
    uint8_t blob[512];
    CHECK(s2n_connection_serialize(moving, blob, len - 1) == S2N_FAILURE && err_is("S2N_ERR_INSUFFICIENT_MEM_SIZE"));
    CHECK(s2n_connection_serialize(moving, blob, sizeof blob) == S2N_SUCCESS);
    /* s2n's layout: format version 1, the protocol version, the suite, two sequence
     * numbers (the client sent two records, the server one, after TLS 1.2's Finished
     * under the same keys), the fragment limit. */
    static const uint8_t v1[8] = {0, 0, 0, 0, 0, 0, 0, 1};
    CHECK(memcmp(blob, v1, 8) == 0 && blob[8] == 3 && blob[9] == (version == 34 ? 4 : 3));
    CHECK(blob[19] == 2 + (version == 33) && blob[27] == 1 + (version == 33));

    /* The original is closed for good: nothing more goes out under its keys. */
    s2n_blocked_status blocked;
    CHECK(s2n_send(moving, "x", 1, &blocked) < 0 && err_is("S2N_ERR_CLOSED"));

    struct s2n_connection *moved = s2n_connection_new(move_server ? S2N_SERVER : S2N_CLIENT);
    CHECK(s2n_connection_set_fd(moved, fd) == S2N_SUCCESS);
    CHECK(s2n_connection_deserialize(moved, blob, len) == S2N_SUCCESS);
    CHECK(s2n_connection_get_actual_protocol_version(moved) == version);
    CHECK(strcmp(s2n_connection_get_cipher(moved), cipher_name) == 0);
    CHECK(s2n_negotiate(moved, &blocked) == S2N_SUCCESS); /* already established */
    send_all(staying, "again");
    CHECK(recv_is(moved, "again"));
    send_all(moved, "and back");
    CHECK(recv_is(staying, "and back"));
    if (version == 34) {
        /* A KeyUpdate from the restored side moves its traffic secret on; the peer follows. */
        CHECK(s2n_connection_request_key_update(moved, S2N_KEY_UPDATE_NOT_REQUESTED) == S2N_SUCCESS);
        send_all(moved, "new keys");
        CHECK(recv_is(staying, "new keys"));
        send_all(staying, "ok");
        CHECK(recv_is(moved, "ok"));
        /* The exporter secret is not in the blob. */
        CHECK(s2n_connection_tls_exporter(moved, (const uint8_t *) "EXPORTER-test", 13, (const uint8_t *) "", 0,
                                          exported_after, sizeof exported_after) == S2N_FAILURE);
    } else {
        /* TLS 1.2's exporter comes from the master secret and randoms, which are. */
        CHECK(s2n_connection_tls_exporter(moved, (const uint8_t *) "EXPORTER-test", 13, (const uint8_t *) "", 0,
                                          exported_after, sizeof exported_after) == S2N_SUCCESS);
        CHECK(memcmp(exported, exported_after, sizeof exported) == 0);
    }
    /* A restored connection cannot be restored again. */
    CHECK(s2n_connection_deserialize(moved, blob, len) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    s2n_connection_free(moved);
    teardown(&s);
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    const char *policies[2] = {"default_tls13", "test_all_tls12"};
    const int versions[2] = {34, 33};
    for (int p = 0; p < 2; p++) {
        hand_over(policies[p], versions[p], 1);
        hand_over(policies[p], versions[p], 0);
    }

    /* Errors. */
    struct setup s;
    handshake(&s, "default_tls13", 0);
    uint8_t blob[512];
    uint32_t len = 0;
    CHECK(s2n_connection_serialization_length(s.server, &len) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    CHECK(s2n_connection_serialize(s.server, blob, sizeof blob) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    teardown(&s);

    handshake(&s, "default_tls13", 1);
    /* Data received and not yet read stays with the connection: it cannot move. */
    send_all(s.server, "unread");
    char one;
    s2n_blocked_status blocked;
    CHECK(s2n_recv(s.client, &one, 1, &blocked) == 1);
    CHECK(s2n_connection_serialize(s.client, blob, sizeof blob) == S2N_FAILURE && err_is("S2N_ERR_INVALID_STATE"));
    CHECK(recv_is(s.client, "nread"));
    CHECK(s2n_connection_serialize(s.client, blob, sizeof blob) == S2N_SUCCESS);
    CHECK(s2n_connection_serialization_length(s.client, &len) == S2N_SUCCESS);
    /* Damage: another format version, an unknown suite, a cut blob. */
    struct s2n_connection *fresh = s2n_connection_new(S2N_CLIENT);
    uint8_t bad[512];
    memcpy(bad, blob, len);
    bad[7] = 2;
    CHECK(s2n_connection_deserialize(fresh, bad, len) == S2N_FAILURE && err_is("S2N_ERR_INVALID_SERIALIZED_CONNECTION"));
    memcpy(bad, blob, len);
    bad[11] = 0x77;
    CHECK(s2n_connection_deserialize(fresh, bad, len) == S2N_FAILURE && err_is("S2N_ERR_INVALID_SERIALIZED_CONNECTION"));
    CHECK(s2n_connection_deserialize(fresh, blob, len - 1) == S2N_FAILURE &&
          err_is("S2N_ERR_INVALID_SERIALIZED_CONNECTION"));
    CHECK(s2n_connection_deserialize(fresh, NULL, len) == S2N_FAILURE && err_is("S2N_ERR_NULL"));
    CHECK(s2n_connection_deserialize(fresh, blob, len) == S2N_SUCCESS);
    s2n_connection_free(fresh);
    teardown(&s);

    /* Before the handshake. */
    struct s2n_config *config = s2n_config_new();
    CHECK(s2n_config_set_serialization_version(config, S2N_SERIALIZED_CONN_NONE) == S2N_FAILURE);
    CHECK(s2n_config_set_serialization_version(config, S2N_SERIALIZED_CONN_V1) == S2N_SUCCESS);
    struct s2n_connection *conn = s2n_connection_new(S2N_SERVER);
    CHECK(s2n_connection_set_config(conn, config) == S2N_SUCCESS);
    CHECK(s2n_connection_serialize(conn, blob, sizeof blob) == S2N_FAILURE && err_is("S2N_ERR_HANDSHAKE_NOT_COMPLETE"));
    s2n_connection_free(conn);
    /* Serialization and renegotiation exclude each other, either way round (as in s2n). */
    CHECK(s2n_config_set_renegotiate_request_cb(config, refuse_renegotiation, NULL) == S2N_FAILURE &&
          err_is("S2N_ERR_INVALID_STATE"));
    s2n_config_free(config);
    config = s2n_config_new();
    CHECK(s2n_config_set_renegotiate_request_cb(config, refuse_renegotiation, NULL) == S2N_SUCCESS);
    CHECK(s2n_config_set_serialization_version(config, S2N_SERIALIZED_CONN_V1) == S2N_FAILURE &&
          err_is("S2N_ERR_INVALID_STATE"));
    s2n_config_free(config);

    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
