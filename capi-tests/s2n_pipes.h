/* In-memory transports for s2n connections: each direction is a pipe the test can read,
 * tamper with and inject into between s2n calls (s2n's send/recv callbacks). An empty
 * pipe reads as EAGAIN, so the connections run as non-blocking ones. Needs check.h first. */
#pragma once
#include <errno.h>
#include <s2n.h>

struct pipe {
    uint8_t buf[1 << 17];
    size_t start, end;
};

static inline int pipe_send(void *ctx, const uint8_t *data, uint32_t len)
{
    struct pipe *p = ctx;
    if (p->end + len > sizeof p->buf) { errno = EAGAIN; return -1; }
    memcpy(p->buf + p->end, data, len);
    p->end += len;
    return (int) len;
}

static inline int pipe_recv(void *ctx, uint8_t *data, uint32_t len)
{
    struct pipe *p = ctx;
    if (p->start == p->end) { errno = EAGAIN; return -1; }
    uint32_t n = p->end - p->start < len ? (uint32_t) (p->end - p->start) : len;
    memcpy(data, p->buf + p->start, n);
    p->start += n;
    return (int) n;
}

/* Sets `conn` up on `config`, reading `in` and writing `out`, with self-service blinding
 * (again after s2n_connection_wipe, which forgets all of it). */
static inline void pipe_attach(struct s2n_connection *conn, struct s2n_config *config, struct pipe *in, struct pipe *out)
{
    CHECK(s2n_connection_set_config(conn, config) == S2N_SUCCESS);
    s2n_connection_set_recv_cb(conn, pipe_recv);
    s2n_connection_set_send_cb(conn, pipe_send);
    s2n_connection_set_recv_ctx(conn, in);
    s2n_connection_set_send_ctx(conn, out);
    s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING);
}

/* A new connection, as pipe_attach sets it up; no server name asked for. */
static inline struct s2n_connection *pipe_conn_unnamed(s2n_mode mode, struct s2n_config *config, struct pipe *in,
                                                       struct pipe *out)
{
    struct s2n_connection *conn = s2n_connection_new(mode);
    pipe_attach(conn, config, in, out);
    return conn;
}

/* pipe_conn_unnamed; clients ask for "localhost". */
static inline struct s2n_connection *pipe_conn(s2n_mode mode, struct s2n_config *config, struct pipe *in, struct pipe *out)
{
    struct s2n_connection *conn = pipe_conn_unnamed(mode, config, in, out);
    if (mode == S2N_CLIENT) s2n_set_server_name(conn, "localhost");
    return conn;
}

/* Negotiates a client and a server on pipes, taking turns; returns 1 if both finished. */
static inline int negotiate_pipes(struct s2n_connection *client, struct s2n_connection *server)
{
    s2n_blocked_status blocked;
    int c = -1, s = -1;
    for (int i = 0; i < 10 && (c || s); i++) {
        if (c) c = s2n_negotiate(client, &blocked);
        if (s) s = s2n_negotiate(server, &blocked);
    }
    return c == 0 && s == 0;
}

/* A config on `policy` trusting `ca`, with the chain `cert`/`key` it owns (kept in the
 * config's context): free it with free_config_owning_chain. */
static inline struct s2n_config *config_owning_chain(const char *policy, const char *ca, const char *cert, const char *key)
{
    struct s2n_config *c = s2n_config_new_minimal();
    CHECK(s2n_config_set_cipher_preferences(c, policy) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(c, ca) == S2N_SUCCESS);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(c, chain) == S2N_SUCCESS);
    s2n_config_set_ctx(c, chain);
    return c;
}

static inline void free_config_owning_chain(struct s2n_config *c)
{
    void *chain = NULL;
    s2n_config_get_ctx(c, &chain);
    s2n_config_free(c);
    s2n_cert_chain_and_key_free(chain);
}

/* The config of the side that checks its peer's chain: the server's, which then requires a
 * client certificate (and the client offers its own), or the client's. */
static inline struct s2n_config *chain_checker(struct s2n_config *sc, struct s2n_config *cc, int server_checks)
{
    if (!server_checks) return cc;
    CHECK(s2n_config_set_client_auth_type(sc, S2N_CERT_AUTH_REQUIRED) == S2N_SUCCESS);
    CHECK(s2n_config_set_client_auth_type(cc, S2N_CERT_AUTH_OPTIONAL) == S2N_SUCCESS);
    return sc;
}

/* Application data one way ("ok", client to server) over a negotiated pair. */
static inline void ping_over_pipes(struct s2n_connection *client, struct s2n_connection *server)
{
    s2n_blocked_status blocked;
    char buf[8];
    CHECK(s2n_send(client, "ok", 2, &blocked) == 2 && s2n_recv(server, buf, sizeof buf, &blocked) == 2);
}

/* Frees a pair and the two configs (made with config_owning_chain) it ran on. */
static inline void free_pipe_case(struct s2n_connection *client, struct s2n_connection *server, struct s2n_config *sc,
                                  struct s2n_config *cc)
{
    s2n_connection_free(client);
    s2n_connection_free(server);
    free_config_owning_chain(sc);
    free_config_owning_chain(cc);
}
