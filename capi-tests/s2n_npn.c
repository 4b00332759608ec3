/* TLS 1.2's Next Protocol Negotiation through the s2n API (s2n_config_set_npn), over
 * socketpairs: used only where ALPN settles nothing, from the same protocol preferences;
 * the client takes the first of the server's protocols it has, else its own first, and
 * says so in its NextProtocol message; both sides then report the protocol and WITH_NPN.
 * Also s2n's ALPN rule that a client offering only protocols the server lacks gets no
 * protocol rather than a failed handshake. */
#include <s2n.h>
#include <s2n/unstable/npn.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

struct result {
    int ok;
    char client_proto[32], server_proto[32];
    int client_npn, server_npn;
};

static int has_npn(struct s2n_connection *conn)
{
    return strstr(s2n_connection_get_handshake_type_name(conn), "WITH_NPN") != NULL;
}

static void copy_proto(char *out, struct s2n_connection *conn)
{
    const char *p = s2n_get_application_protocol(conn);
    snprintf(out, 32, "%s", p ? p : "-");
}

/* One handshake under `policy`; each side's protocol list (comma-free, one or two names)
 * and NPN switch. With `tickets`, a second handshake resumes the first's session and the
 * result is that one's. */
static struct result run(const char *policy, const char *const *server_protos, int server_n, int server_npn,
                         const char *const *client_protos, int client_n, int client_npn, int tickets)
{
    char *ca = read_file(pems_dir(), "ca_cert.pem", NULL);
    struct s2n_cert_chain_and_key *chain = load_chain("ecdsa_p256_pkcs1");
    struct s2n_config *sc = s2n_config_new();
    CHECK(s2n_config_set_cipher_preferences(sc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    CHECK(s2n_config_set_protocol_preferences(sc, server_protos, server_n) == S2N_SUCCESS);
    CHECK(s2n_config_set_npn(sc, server_npn) == S2N_SUCCESS);
    struct s2n_config *cc = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(cc, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_protocol_preferences(cc, client_protos, client_n) == S2N_SUCCESS);
    CHECK(s2n_config_set_npn(cc, client_npn) == S2N_SUCCESS);
    if (tickets) {
        uint8_t ticket_key[32] = "s2n_npn test ticket key";
        CHECK(s2n_config_set_session_tickets_onoff(sc, 1) == S2N_SUCCESS);
        CHECK(s2n_config_add_ticket_crypto_key(sc, (const uint8_t *) "npn", 3, ticket_key, sizeof ticket_key, 0) ==
              S2N_SUCCESS);
        CHECK(s2n_config_set_session_tickets_onoff(cc, 1) == S2N_SUCCESS);
    }

    struct result r = {0};
    uint8_t session[4096];
    int session_len = 0;
    for (int round = 0; round < (tickets ? 2 : 1); round++) {
        int fds[2];
        struct s2n_connection *server, *client;
        open_pair(sc, cc, fds, &server, &client);
        CHECK(s2n_set_server_name(client, "localhost") == 0);
        if (session_len > 0) CHECK(s2n_connection_set_session(client, session, session_len) == S2N_SUCCESS);
        struct side c, s;
        r.ok = negotiate_pair(client, server, fds, &c, &s);
        if (r.ok) {
            copy_proto(r.client_proto, client);
            copy_proto(r.server_proto, server);
            r.client_npn = has_npn(client);
            r.server_npn = has_npn(server);
            session_len = s2n_connection_get_session(client, session, sizeof session);
            if (round == 1) CHECK(s2n_connection_is_session_resumed(client) == 1);
        }
        close_pair(client, server, fds);
    }
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(ca);
    return r;
}

static int is(struct result r, const char *client, const char *server, int npn)
{
    if (r.ok && strcmp(r.client_proto, client) == 0 && strcmp(r.server_proto, server) == 0 && r.client_npn == npn &&
        r.server_npn == npn)
        return 1;
    fprintf(stderr, "  got ok=%d client=%s server=%s npn=%d/%d\n", r.ok, r.client_proto, r.server_proto, r.client_npn,
            r.server_npn);
    return 0;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    const char *h2[] = {"h2"}, *http[] = {"http/1.1"}, *both[] = {"h2", "http/1.1"}, *spdy_http[] = {"spdy/3", "http/1.1"};
    const char *tls12 = "test_all_tls12";

    /* ALPN settles it when the lists meet: no NPN. */
    CHECK(is(run(tls12, both, 2, 1, http, 1, 1, 0), "http/1.1", "http/1.1", 0));
    /* They do not meet: s2n gives no protocol and no failure... */
    CHECK(is(run(tls12, h2, 1, 0, http, 1, 0, 0), "-", "-", 0));
    CHECK(is(run("default_tls13", h2, 1, 1, http, 1, 1, 0), "-", "-", 0)); /* no NPN in TLS 1.3 */
    /* ...unless both turned NPN on: the client takes its own first protocol when the
     * server's list has none of its, */
    CHECK(is(run(tls12, h2, 1, 1, http, 1, 1, 0), "http/1.1", "http/1.1", 1));
    CHECK(is(run(tls12, h2, 1, 1, spdy_http, 2, 1, 0), "spdy/3", "spdy/3", 1));
    /* NPN on one side only: nothing. */
    CHECK(is(run(tls12, h2, 1, 1, http, 1, 0, 0), "-", "-", 0));
    CHECK(is(run(tls12, h2, 1, 0, http, 1, 1, 0), "-", "-", 0));
    /* In a resumed handshake too (the client's NextProtocol follows the server's Finished). */
    CHECK(is(run(tls12, h2, 1, 1, http, 1, 1, 1), "http/1.1", "http/1.1", 1));

    CHECK(s2n_config_set_npn(NULL, 1) == S2N_FAILURE);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
