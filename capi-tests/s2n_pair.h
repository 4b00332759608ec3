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
