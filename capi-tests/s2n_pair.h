/* Negotiating an s2n client and server on two threads, for the C tests that look at one
 * handshake at a time. A side that fails hangs up its socket, so the other is not left
 * waiting (alerts wait for s2n_shutdown under self-service blinding). */
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <s2n.h>
#include <sys/socket.h>
#include <unistd.h>

struct side {
    struct s2n_connection *conn;
    int fd;
    int rc;
    const char *err; /* s2n's error name, "" on success */
};

static inline void *negotiate_side(void *arg)
{
    struct side *side = arg;
    s2n_blocked_status blocked;
    side->rc = s2n_negotiate(side->conn, &blocked);
    side->err = side->rc == 0 ? "" : s2n_strerror_name(s2n_errno);
    if (side->rc != 0) shutdown(side->fd, SHUT_RDWR);
    return NULL;
}

/* A server and a client connection on two connected sockets (the server on fds[0]), with
 * self-service blinding, not yet negotiated. Needs check.h first. */
static inline void pair_on_fds(struct s2n_config *sc, struct s2n_config *cc, const int fds[2], struct s2n_connection **server,
                        struct s2n_connection **client)
{
    *server = s2n_connection_new(S2N_SERVER);
    *client = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_set_config(*server, sc) == 0 && s2n_connection_set_fd(*server, fds[0]) == 0);
    CHECK(s2n_connection_set_config(*client, cc) == 0 && s2n_connection_set_fd(*client, fds[1]) == 0);
    CHECK(s2n_connection_set_blinding(*server, S2N_SELF_SERVICE_BLINDING) == 0);
    CHECK(s2n_connection_set_blinding(*client, S2N_SELF_SERVICE_BLINDING) == 0);
}

/* pair_on_fds over a new socketpair. */
static inline void open_pair(struct s2n_config *sc, struct s2n_config *cc, int fds[2], struct s2n_connection **server,
                      struct s2n_connection **client)
{
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    pair_on_fds(sc, cc, fds, server, client);
}

/* Two ends of a TCP connection over loopback: fds[0] accepted, fds[1] connecting. */
static inline void tcp_fds(int fds[2])
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof addr;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(bind(listener, (struct sockaddr *) &addr, sizeof addr) == 0 && listen(listener, 1) == 0);
    CHECK(getsockname(listener, (struct sockaddr *) &addr, &len) == 0);
    fds[1] = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(connect(fds[1], (struct sockaddr *) &addr, sizeof addr) == 0);
    fds[0] = accept(listener, NULL, NULL);
    CHECK(fds[0] >= 0);
    close(listener);
}

/* open_pair over a socketpair, or over TCP on loopback when `tcp`. */
static inline void open_pair_over(int tcp, struct s2n_config *sc, struct s2n_config *cc, int fds[2],
                                  struct s2n_connection **server, struct s2n_connection **client)
{
    if (tcp) {
        tcp_fds(fds);
        pair_on_fds(sc, cc, fds, server, client);
    } else {
        open_pair(sc, cc, fds, server, client);
    }
}

/* Runs both handshakes to their end; returns 1 if both succeeded. */
static inline int negotiate_both(struct side *client, struct side *server)
{
    pthread_t ct, st;
    pthread_create(&st, NULL, negotiate_side, server);
    pthread_create(&ct, NULL, negotiate_side, client);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    return client->rc == 0 && server->rc == 0;
}

/* Frees both connections and closes the pair's sockets. */
static inline void close_pair(struct s2n_connection *client, struct s2n_connection *server, const int fds[2])
{
    s2n_connection_free(client);
    s2n_connection_free(server);
    close(fds[0]);
    close(fds[1]);
}

/* The chain and key $TEST_PEMS_DIR/NAME_cert.pem and NAME_key.pem. */
static inline struct s2n_cert_chain_and_key *load_chain(const char *name)
{
    char cert_name[64], key_name[64];
    snprintf(cert_name, sizeof cert_name, "%s_cert.pem", name);
    snprintf(key_name, sizeof key_name, "%s_key.pem", name);
    char *cert = read_file(pems_dir(), cert_name, NULL), *key = read_file(pems_dir(), key_name, NULL);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(cert && key && s2n_cert_chain_and_key_load_pem(chain, cert, key) == S2N_SUCCESS);
    free(cert);
    free(key);
    return chain;
}

/* Whether `got` is `want`, saying what it was if not. */
static inline int str_is(const char *got, const char *want)
{
    if (got && strcmp(got, want) == 0) return 1;
    fprintf(stderr, "  got \"%s\", want \"%s\"\n", got ? got : "(null)", want);
    return 0;
}

/* Over a negotiated blocking pair: the client sends a line, the server 20,000 bytes
 * (several records); both arrive whole. */
static inline void data_both_ways(struct s2n_connection *client, struct s2n_connection *server)
{
    s2n_blocked_status blocked;
    static char big[20000], got[20000];
    memset(big, 'z', sizeof big);
    CHECK(s2n_send(client, "ping", 4, &blocked) == 4);
    char line[8];
    CHECK(s2n_recv(server, line, sizeof line, &blocked) == 4 && memcmp(line, "ping", 4) == 0);
    CHECK(s2n_send(server, big, sizeof big, &blocked) == (ssize_t) sizeof big);
    size_t have = 0;
    while (have < sizeof got) {
        ssize_t n = s2n_recv(client, got + have, sizeof got - have, &blocked);
        if (n <= 0) break;
        have += n;
    }
    CHECK(have == sizeof got && memcmp(big, got, sizeof got) == 0);
}

/* negotiate_both for a pair from open_pair/pair_on_fds: fills in each side (the client on
 * fds[1]) for the caller to inspect. */
static inline int negotiate_pair(struct s2n_connection *client, struct s2n_connection *server, const int fds[2],
                                 struct side *cs, struct side *ss)
{
    *cs = (struct side) { client, fds[1], -1, NULL };
    *ss = (struct side) { server, fds[0], -1, NULL };
    return negotiate_both(cs, ss);
}

/* open_pair with the client asking for "localhost", then negotiate_pair. */
static inline int open_and_negotiate(struct s2n_config *sc, struct s2n_config *cc, int fds[2],
                                     struct s2n_connection **server, struct s2n_connection **client, struct side *cs,
                                     struct side *ss)
{
    open_pair(sc, cc, fds, server, client);
    CHECK(s2n_set_server_name(*client, "localhost") == S2N_SUCCESS);
    return negotiate_pair(*client, *server, fds, cs, ss);
}
