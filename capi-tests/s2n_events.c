/* Handshake events (s2n/unstable/events.h): a config's subscriber hears once of each
 * handshake, when it completes or fails (never for a call that only blocked), with the
 * version, cipher, group, policy, timing and error. */
#include <s2n.h>
#include <s2n/unstable/events.h>
#include "check.h"
#include "s2n_pipes.h"

static char *cert_pem, *key_pem, *ca_pem;
static struct pipe to_server, to_client;

struct heard {
    int events;
    struct s2n_event_handshake last;
    char cipher[64], group[64], policy[64];
    struct s2n_connection *conn;
};

static int same(const char *got, const char *want)
{
    if (strcmp(got, want) == 0) return 1;
    fprintf(stderr, "  got %s, want %s\n", got, want);
    return 0;
}

static void on_handshake(struct s2n_connection *conn, void *subscriber, struct s2n_event_handshake *event)
{
    struct heard *h = subscriber;
    h->events++;
    h->conn = conn;
    h->last = *event;
    snprintf(h->cipher, sizeof h->cipher, "%s", event->cipher ? event->cipher : "(null)");
    snprintf(h->group, sizeof h->group, "%s", event->group ? event->group : "(null)");
    snprintf(h->policy, sizeof h->policy, "%s", event->security_policy_label ? event->security_policy_label : "(null)");
    s2n_errno = 0; /* the library keeps its own error */
}

static struct s2n_config *server_config(void)
{
    struct s2n_config *c = s2n_config_new_minimal();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(c, chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(c, "test_all") == S2N_SUCCESS);
    s2n_config_set_ctx(c, chain);
    return c;
}

/* A client config reporting to `heard` (none if NULL), trusting the CA if `trust`. */
static struct s2n_config *client_config(const char *policy, struct heard *heard, int trust)
{
    struct s2n_config *c = s2n_config_new_minimal();
    if (trust) CHECK(s2n_config_add_pem_to_trust_store(c, ca_pem) == S2N_SUCCESS);
    CHECK(s2n_config_set_cipher_preferences(c, policy) == S2N_SUCCESS);
    CHECK(s2n_config_set_handshake_event(c, on_handshake) == S2N_SUCCESS);
    if (heard) CHECK(s2n_config_set_subscriber(c, heard) == S2N_SUCCESS);
    return c;
}

/* Negotiates a fresh pair, counting the client's blocked calls; returns the client's
 * result. The client side calls s2n_negotiate twice more at the end. */
static int negotiate(struct s2n_config *sc, struct s2n_config *cc, const char *conn_policy, struct heard *h,
                     int *events_while_blocked)
{
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    if (conn_policy) CHECK(s2n_connection_set_cipher_preferences(client, conn_policy) == S2N_SUCCESS);
    s2n_blocked_status blocked;
    int c = -1, s = -1, blocked_calls = 0;
    *events_while_blocked = 0;
    for (int i = 0; i < 10 && (c || s); i++) {
        if (c) {
            c = s2n_negotiate(client, &blocked);
            if (c && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED) {
                blocked_calls++;
                if (h) *events_while_blocked += h->events;
            } else if (c) {
                break;
            }
        }
        if (s) s = s2n_negotiate(server, &blocked);
    }
    CHECK(blocked_calls > 0);
    int result = c == 0 ? 0 : s2n_errno;
    s2n_negotiate(client, &blocked); /* again: no second event */
    s2n_negotiate(client, &blocked);
    if (h && h->events) CHECK(h->conn == client);
    s2n_connection_free(client);
    s2n_connection_free(server);
    return result;
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, NULL, NULL)) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_config *sc = server_config();
    int during;

    /* TLS 1.3, then 1.2 by the config's policy, then 1.2 by the connection's. */
    struct {
        const char *config_policy, *conn_policy;
        int version;
        const char *cipher, *policy;
    } ok[] = {
        { "default_tls13", NULL, S2N_TLS13, "TLS_AES_128_GCM_SHA256", "default_tls13" },
        { "test_all_tls12", NULL, S2N_TLS12, "ECDHE-ECDSA-AES128-GCM-SHA256", "test_all_tls12" },
        { "default_tls13", "test_all_tls12", S2N_TLS12, "ECDHE-ECDSA-AES128-GCM-SHA256", "test_all_tls12" },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct heard h = { 0 };
        struct s2n_config *cc = client_config(ok[i].config_policy, &h, 1);
        CHECK(negotiate(sc, cc, ok[i].conn_policy, &h, &during) == 0);
        CHECK(during == 0 && h.events == 1);
        CHECK(h.last.protocol_version == ok[i].version && h.last.error_code == 0);
        CHECK(same(h.cipher, ok[i].cipher) && same(h.policy, ok[i].policy));
        CHECK(strcmp(h.group, "(null)") != 0);
        CHECK(h.last.handshake_time_ns > 0 && h.last.handshake_end_ns > h.last.handshake_start_ns);
        CHECK(h.last.handshake_end_ns - h.last.handshake_start_ns >= h.last.handshake_time_ns);
        CHECK(h.last.handshake_start_ns != HANDSHAKE_EVENT_SENT);
        s2n_config_free(cc);
    }

    /* A failed handshake is reported once too, with its error. */
    struct heard h = { 0 };
    struct s2n_config *untrusting = client_config("default_tls13", &h, 0);
    int err = negotiate(sc, untrusting, NULL, &h, &during);
    CHECK(err != 0 && during == 0 && h.events == 1);
    CHECK(h.last.error_code == err && strcmp(s2n_strerror_name(h.last.error_code), "S2N_ERR_CERT_UNTRUSTED") == 0);
    s2n_config_free(untrusting);

    /* No subscriber, no event: the callback alone is not enough (called, it would
     * dereference the NULL subscriber). */
    struct s2n_config *silent = client_config("default_tls13", NULL, 1);
    CHECK(negotiate(sc, silent, NULL, NULL, &during) == 0);
    s2n_config_free(silent);

    CHECK(s2n_config_set_subscriber(NULL, &h) == S2N_FAILURE);
    CHECK(s2n_config_set_handshake_event(NULL, on_handshake) == S2N_FAILURE);
    void *chain = NULL;
    s2n_config_get_ctx(sc, &chain);
    s2n_config_free(sc);
    s2n_cert_chain_and_key_free(chain);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    free_test_pems(cert_pem, key_pem, ca_pem, NULL, NULL);
    return checks_report();
}
