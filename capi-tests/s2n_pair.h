/* Negotiating an s2n client and server on two threads, for the C tests that look at one
 * handshake at a time. A side that fails hangs up its socket, so the other is not left
 * waiting (alerts wait for s2n_shutdown under self-service blinding). */
#pragma once
#include <pthread.h>
#include <s2n.h>
#include <sys/socket.h>

struct side {
    struct s2n_connection *conn;
    int fd;
    int rc;
    const char *err; /* s2n's error name, "" on success */
};

static void *negotiate_side(void *arg)
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
static void pair_on_fds(struct s2n_config *sc, struct s2n_config *cc, const int fds[2], struct s2n_connection **server,
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
static void open_pair(struct s2n_config *sc, struct s2n_config *cc, int fds[2], struct s2n_connection **server,
                      struct s2n_connection **client)
{
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    pair_on_fds(sc, cc, fds, server, client);
}

/* Runs both handshakes to their end; returns 1 if both succeeded. */
static int negotiate_both(struct side *client, struct side *server)
{
    pthread_t ct, st;
    pthread_create(&st, NULL, negotiate_side, server);
    pthread_create(&ct, NULL, negotiate_side, client);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    return client->rc == 0 && server->rc == 0;
}
