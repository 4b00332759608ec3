/* libtls connections end to end: a libtls server and client over socketpairs and TCP
 * loopback (a thread per side), blocking and non-blocking (poll(2)), the callback
 * transports, SNI keypair selection, client certificates (required and optional),
 * verification failures and their messages, connection facts, and tls_close/EOF.
 * Built against include/tls.h and also compiled against Debian's /usr/include/tls.h.
 * Certificates come from $TEST_PEMS_DIR. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <tls.h>
#include <unistd.h>

#include "check.h"

static int str_is(const char *s, const char *expected) { return s != NULL && strcmp(s, expected) == 0; }
static int starts_with(const char *s, const char *prefix) { return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0; }
static int is_want(ssize_t r) { return r == TLS_WANT_POLLIN || r == TLS_WANT_POLLOUT; }

/* ---- configurations ---- */

static struct tls_config *server_config(const char *type)
{
    char cert[64], key[64];
    snprintf(cert, sizeof cert, "%s_cert.pem", type);
    snprintf(key, sizeof key, "%s_key.pem", type);
    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_keypair_file(config, pem(cert), pem(key)) == 0);
    return config;
}

static struct tls_config *client_config(void)
{
    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_ca_file(config, pem("ca_cert.pem")) == 0);
    return config;
}

static struct tls *configured(struct tls *ctx, struct tls_config *config)
{
    if (tls_configure(ctx, config) != 0) {
        fprintf(stderr, "tls_configure: %s\n", tls_error(ctx));
        CHECK(0);
    }
    return ctx;
}

/* ---- a server thread: accepts one connection on a socket and runs a script ---- */

enum script { ECHO, HANDSHAKE_ONLY, READ_TO_EOF };

struct server {
    struct tls *ctx;
    int fd;
    enum script script;
    /* results */
    int accept_rc, handshake_rc, close_rc;
    ssize_t eof_rc;
    char error[256], close_error[256], servername[256], version[32];
    int peer_cert, peer_has_localhost;
};

static void copy_error(char *dst, size_t size, const char *s) { snprintf(dst, size, "%s", s ? s : "(null)"); }

static void *server_main(void *arg)
{
    struct server *s = arg;
    struct tls *conn = NULL;
    s->accept_rc = tls_accept_socket(s->ctx, &conn, s->fd);
    if (s->accept_rc != 0) {
        copy_error(s->error, sizeof s->error, tls_error(s->ctx));
        return NULL;
    }
    s->handshake_rc = tls_handshake(conn);
    if (s->handshake_rc != 0) {
        copy_error(s->error, sizeof s->error, tls_error(conn));
        tls_close(conn);
        tls_free(conn);
        return NULL;
    }
    copy_error(s->servername, sizeof s->servername, tls_conn_servername(conn));
    copy_error(s->version, sizeof s->version, tls_conn_version(conn));
    s->peer_cert = tls_peer_cert_provided(conn);
    s->peer_has_localhost = tls_peer_cert_contains_name(conn, "localhost");
    char buf[4096];
    if (s->script == ECHO) {
        ssize_t n = tls_read(conn, buf, sizeof buf);
        if (n > 0) tls_write(conn, buf, n);
    }
    if (s->script == ECHO || s->script == READ_TO_EOF) {
        ssize_t n;
        while ((n = tls_read(conn, buf, sizeof buf)) > 0) {}
        s->eof_rc = n;
        if (n < 0) copy_error(s->error, sizeof s->error, tls_error(conn));
    }
    s->close_rc = tls_close(conn);
    copy_error(s->close_error, sizeof s->close_error, tls_error(conn));
    tls_free(conn);
    return NULL;
}

static void start_server(pthread_t *thread, struct server *s, struct tls *ctx, int fd, enum script script)
{
    memset(s, 0, sizeof *s);
    s->ctx = ctx;
    s->fd = fd;
    s->script = script;
    s->accept_rc = s->handshake_rc = s->close_rc = -7;
    CHECK(pthread_create(thread, NULL, server_main, s) == 0);
}

/* A connected pair of blocking sockets: sv[0] for the client, sv[1] for the server. */
static void pair(int sv[2]) { CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0); }

/* ---- blocking, over a socketpair: the whole life of a connection ---- */

static void blocking_socketpair(void)
{
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    CHECK(tls_config_set_alpn(sconf, "h2,http/1.1") == 0);
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();
    CHECK(tls_config_set_alpn(cconf, "http/1.1") == 0);
    struct tls *client = configured(tls_client(), cconf);

    int sv[2];
    pair(sv);
    pthread_t thread;
    struct server s;
    start_server(&thread, &s, server, sv[1], ECHO);

    CHECK(tls_conn_version(client) == NULL); /* nothing negotiated yet */
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    /* No explicit handshake: the first write runs it. */
    CHECK(tls_write(client, "hello", 5) == 5);
    CHECK(tls_handshake(client) == -1);
    CHECK(str_is(tls_error(client), "handshake already completed"));
    char buf[64] = {0};
    CHECK(tls_read(client, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(tls_error(client) == NULL); /* each I/O call starts with a clean error */

    CHECK(str_is(tls_conn_version(client), "TLSv1.3"));
    const char *cipher = tls_conn_cipher(client);
    CHECK(str_is(cipher, "TLS_AES_128_GCM_SHA256") || str_is(cipher, "TLS_AES_256_GCM_SHA384") ||
          str_is(cipher, "TLS_CHACHA20_POLY1305_SHA256"));
    int strength = tls_conn_cipher_strength(client);
    CHECK(strength == (str_is(cipher, "TLS_AES_128_GCM_SHA256") ? 128 : 256));
    CHECK(str_is(tls_conn_alpn_selected(client), "http/1.1"));
    CHECK(str_is(tls_conn_servername(client), "localhost"));
    CHECK(tls_conn_session_resumed(client) == 0);
    CHECK(tls_peer_cert_provided(client) == 1);
    CHECK(tls_peer_cert_contains_name(client, "localhost") == 1);
    CHECK(tls_peer_cert_contains_name(client, "127.0.0.1") == 1);
    CHECK(tls_peer_cert_contains_name(client, "example.com") == 0);
    const char *hash = tls_peer_cert_hash(client);
    CHECK(starts_with(hash, "SHA256:") && strlen(hash) == 7 + 64);
    for (const char *h = hash ? hash + 7 : ""; *h; h++) CHECK((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f'));
    /* Names as OpenSSL's one-line form, validity as time_t (make-certs.sh's certificates). */
    CHECK(str_is(tls_peer_cert_subject(client), "/CN=localhost"));
    CHECK(str_is(tls_peer_cert_issuer(client), "/CN=ferrotls test CA"));
    time_t now = time(NULL), not_before = tls_peer_cert_notbefore(client), not_after = tls_peer_cert_notafter(client);
    CHECK(not_before > 1700000000 && not_before <= now && now < not_after);
    size_t len = 0, expected_len = 0;
    const uint8_t *chain = tls_peer_cert_chain_pem(client, &len);
    char *expected = read_file(pems_dir(), "ecdsa_p256_pkcs1_cert.pem", &expected_len);
    CHECK(chain != NULL && expected != NULL && len == expected_len && memcmp(chain, expected, len) == 0);
    free(expected);

    CHECK(tls_close(client) == 0);
    CHECK(tls_error(client) == NULL);
    pthread_join(thread, NULL);
    CHECK(s.accept_rc == 0 && s.handshake_rc == 0);
    CHECK(str_is(s.servername, "localhost"));
    CHECK(str_is(s.version, "TLSv1.3"));
    CHECK(s.peer_cert == 0 && s.peer_has_localhost == 0); /* the client sent no certificate */
    CHECK(s.eof_rc == 0);                                  /* close_notify reads as EOF */
    CHECK(s.close_rc == 0);

    /* After close, the connection facts are still there. */
    CHECK(str_is(tls_conn_version(client), "TLSv1.3"));
    close(sv[0]);
    close(sv[1]);
    tls_free(client);
    tls_free(server);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* A blocking read waits for data; it never answers TLS_WANT_POLLIN. */
struct late_writer { struct tls *ctx; };
static void *late_write(void *arg)
{
    struct late_writer *w = arg;
    usleep(200 * 1000);
    CHECK(tls_write(w->ctx, "late", 4) == 4);
    return NULL;
}

/* EOF semantics: close_notify is a clean EOF; a transport closed without it is an EOF
 * that tls_close reports. */
static void eof_and_close(void)
{
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();
    struct tls *client = configured(tls_client(), cconf);

    int sv[2];
    pair(sv);
    pthread_t thread;
    struct server s;
    start_server(&thread, &s, server, sv[1], READ_TO_EOF);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    CHECK(tls_handshake(client) == 0);
    /* Drop the transport without close_notify. */
    shutdown(sv[0], SHUT_RDWR);
    pthread_join(thread, NULL);
    CHECK(s.handshake_rc == 0);
    CHECK(s.eof_rc == 0);
    CHECK(s.close_rc == -1);
    CHECK(str_is(s.close_error, "EOF without close notify"));
    tls_free(client);
    close(sv[0]);
    close(sv[1]);

    /* A blocking read waits rather than reporting TLS_WANT_POLLIN. */
    client = configured(tls_client(), cconf);
    pair(sv);
    struct tls *conn = NULL;
    CHECK(tls_accept_socket(server, &conn, sv[1]) == 0);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    struct late_writer w = {client};
    pthread_t writer;
    CHECK(pthread_create(&writer, NULL, late_write, &w) == 0);
    char buf[16];
    ssize_t n = tls_read(conn, buf, sizeof buf); /* runs the server's handshake, then waits */
    CHECK(n == 4 && memcmp(buf, "late", 4) == 0);
    pthread_join(writer, NULL);
    CHECK(tls_close(client) == 0);
    CHECK(tls_read(conn, buf, sizeof buf) == 0);
    CHECK(tls_read(conn, buf, sizeof buf) == 0); /* EOF stays EOF */
    CHECK(tls_close(conn) == 0);
    tls_free(conn);
    tls_free(client);
    close(sv[0]);
    close(sv[1]);

    tls_free(server);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* ---- non-blocking sockets with poll(2), one thread per side ---- */

#define BIG (1 << 20)

static int wait_for(int fd, ssize_t want)
{
    struct pollfd p = {fd, want == TLS_WANT_POLLIN ? POLLIN : POLLOUT, 0};
    return poll(&p, 1, 10000);
}

struct nb_side {
    struct tls *ctx; /* client, or the server's listening context */
    int fd, is_server;
    int wants_in, wants_out, handshake_rc, partial_writes;
    size_t moved;
    int intact, close_rc;
};

static void count_want(struct nb_side *n, ssize_t r) { if (r == TLS_WANT_POLLIN) n->wants_in++; else n->wants_out++; }

static void *nb_main(void *arg)
{
    struct nb_side *n = arg;
    struct tls *t = n->ctx, *conn = NULL;
    if (n->is_server) {
        if (tls_accept_socket(n->ctx, &conn, n->fd) != 0) return NULL;
        t = conn;
    }
    int r;
    while (is_want(r = tls_handshake(t))) {
        count_want(n, r);
        if (wait_for(n->fd, r) <= 0) break;
    }
    n->handshake_rc = r;
    if (r != 0) {
        fprintf(stderr, "non-blocking handshake: %s\n", tls_error(t));
        goto out;
    }
    static unsigned char data[BIG];
    if (!n->is_server) {
        for (size_t i = 0; i < BIG; i++) data[i] = (unsigned char) (i * 7 + i / 251);
        size_t off = 0;
        while (off < BIG) {
            ssize_t w = tls_write(t, data + off, BIG - off);
            if (is_want(w)) {
                count_want(n, w);
                if (wait_for(n->fd, w) <= 0) break;
                continue;
            }
            if (w <= 0) break;
            if ((size_t) w < BIG - off) n->partial_writes++;
            off += w;
        }
        n->moved = off;
        /* The server answers once it has everything. */
        char ok[2];
        ssize_t got;
        while (is_want(got = tls_read(t, ok, sizeof ok))) {
            count_want(n, got);
            if (wait_for(n->fd, got) <= 0) break;
        }
        n->intact = got == 2 && memcmp(ok, "ok", 2) == 0;
    } else {
        /* Let the client fill the socket before reading, so that it must see
         * TLS_WANT_POLLOUT or a partial write however the threads are scheduled. */
        usleep(200 * 1000);
        static unsigned char in[65536];
        size_t off = 0;
        int intact = 1;
        while (off < BIG) {
            ssize_t got = tls_read(t, in, sizeof in);
            if (is_want(got)) {
                count_want(n, got);
                if (wait_for(n->fd, got) <= 0) break;
                continue;
            }
            if (got <= 0) break;
            for (ssize_t i = 0; i < got; i++)
                if (in[i] != (unsigned char) ((off + i) * 7 + (off + i) / 251)) intact = 0;
            off += got;
        }
        n->moved = off;
        n->intact = intact;
        ssize_t w;
        while (is_want(w = tls_write(t, "ok", 2))) wait_for(n->fd, w);
    }
    while (is_want(r = tls_close(t))) wait_for(n->fd, r);
    n->close_rc = r;
out:
    if (conn) tls_free(conn);
    return NULL;
}

static void nonblocking_poll(void)
{
    struct tls_config *sconf = server_config("rsa_2048_pkcs1");
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();
    struct tls *client = configured(tls_client(), cconf);
    int sv[2];
    pair(sv);
    for (int i = 0; i < 2; i++) CHECK(fcntl(sv[i], F_SETFL, O_NONBLOCK) == 0);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);

    struct nb_side c = {.ctx = client, .fd = sv[0]}, s = {.ctx = server, .fd = sv[1], .is_server = 1};
    c.handshake_rc = s.handshake_rc = -7;
    pthread_t ct, st;
    CHECK(pthread_create(&st, NULL, nb_main, &s) == 0);
    CHECK(pthread_create(&ct, NULL, nb_main, &c) == 0);
    pthread_join(ct, NULL);
    pthread_join(st, NULL);
    CHECK(c.handshake_rc == 0 && s.handshake_rc == 0);
    CHECK(c.wants_in > 0 && s.wants_in > 0); /* each side waited for the other */
    CHECK(c.moved == BIG && s.moved == BIG);
    CHECK(c.intact && s.intact);
    CHECK(c.wants_out > 0 || c.partial_writes > 0); /* 1 MiB does not fit a socketpair */
    CHECK(c.close_rc == 0 && s.close_rc == 0);

    tls_free(client);
    tls_free(server);
    close(sv[0]);
    close(sv[1]);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* ---- callback transports, both sides in one thread ---- */

struct pipe {
    unsigned char buf[1 << 16];
    size_t len;
};
struct link {
    struct pipe *in, *out;
    struct tls *seen; /* the context the callbacks were given */
    int reads, writes;
};

static ssize_t cb_read(struct tls *ctx, void *buf, size_t buflen, void *arg)
{
    struct link *l = arg;
    l->seen = ctx;
    l->reads++;
    if (l->in->len == 0) return TLS_WANT_POLLIN;
    size_t n = buflen < l->in->len ? buflen : l->in->len;
    memcpy(buf, l->in->buf, n);
    memmove(l->in->buf, l->in->buf + n, l->in->len - n);
    l->in->len -= n;
    return n;
}

static ssize_t cb_write(struct tls *ctx, const void *buf, size_t buflen, void *arg)
{
    struct link *l = arg;
    l->seen = ctx;
    l->writes++;
    size_t room = sizeof l->out->buf - l->out->len;
    if (room == 0) return TLS_WANT_POLLOUT;
    size_t n = buflen < room ? buflen : room;
    if (n > 1000) n = 1000; /* short writes too */
    memcpy(l->out->buf + l->out->len, buf, n);
    l->out->len += n;
    return n;
}

static void callbacks(void)
{
    static struct pipe c2s, s2c;
    c2s.len = s2c.len = 0;
    struct link cl = {&s2c, &c2s, NULL, 0, 0}, sl = {&c2s, &s2c, NULL, 0, 0};
    struct tls_config *sconf = server_config("ecdsa_p384_pkcs1");
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();
    struct tls *client = configured(tls_client(), cconf);
    struct tls *conn = NULL;

    CHECK(tls_connect_cbs(client, NULL, cb_write, &cl, "localhost") == -1);
    CHECK(str_is(tls_error(client), "no callbacks provided"));
    CHECK(tls_accept_cbs(server, &conn, cb_read, NULL, &sl) == -1);
    CHECK(conn == NULL);
    CHECK(str_is(tls_error(server), "no callbacks provided"));

    CHECK(tls_connect_cbs(client, cb_read, cb_write, &cl, "localhost") == 0);
    CHECK(tls_accept_cbs(server, &conn, cb_read, cb_write, &sl) == 0 && conn != NULL);
    int cdone = 0, sdone = 0, rounds = 0, wants = 0;
    while ((!cdone || !sdone) && rounds++ < 100) {
        if (!cdone) {
            int r = tls_handshake(client);
            if (r == 0) cdone = 1; else if (is_want(r)) wants++; else break;
        }
        if (!sdone) {
            int r = tls_handshake(conn);
            if (r == 0) sdone = 1; else if (is_want(r)) wants++; else break;
        }
    }
    CHECK(cdone && sdone);
    CHECK(wants > 0);
    CHECK(cl.seen == client && sl.seen == conn); /* callbacks get the connection's context */
    CHECK(str_is(tls_conn_version(conn), "TLSv1.3"));

    char buf[32];
    CHECK(tls_read(conn, buf, sizeof buf) == TLS_WANT_POLLIN);
    CHECK(tls_error(conn) == NULL);
    CHECK(tls_write(client, "ping", 4) == 4);
    CHECK(tls_read(conn, buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0);

    /* A write bigger than the pipe holds: partial progress, then TLS_WANT_POLLOUT. */
    static unsigned char big[200000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char) i;
    size_t sent = 0, got = 0;
    int wanted_out = 0, ok = 1;
    static unsigned char in[200000];
    for (int i = 0; i < 10000 && got < sizeof big; i++) {
        /* Two writes per read: the second finds the pipe full. */
        for (int j = 0; j < 2 && sent < sizeof big; j++) {
            ssize_t w = tls_write(client, big + sent, sizeof big - sent);
            if (w == TLS_WANT_POLLOUT) wanted_out = 1;
            else if (w > 0) sent += w;
            else if (w != TLS_WANT_POLLIN) { ok = 0; break; }
        }
        ssize_t r = tls_read(conn, in + got, sizeof in - got);
        if (r > 0) got += r;
        else if (!is_want(r)) { ok = 0; break; }
    }
    CHECK(ok && wanted_out);
    CHECK(sent == sizeof big && got == sizeof big && memcmp(in, big, sizeof big) == 0);

    CHECK(tls_close(client) == 0);
    CHECK(tls_read(conn, buf, sizeof buf) == 0);
    CHECK(tls_close(conn) == 0);
    tls_free(conn);
    tls_free(client);
    tls_free(server);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* ---- TCP loopback with tls_connect ---- */

struct tcp_server {
    int listener;
    struct tls *ctx;
    int rounds;
    struct server result;
};

static void *tcp_server_main(void *arg)
{
    struct tcp_server *t = arg;
    for (int i = 0; i < t->rounds; i++) {
        int fd = accept(t->listener, NULL, NULL);
        if (fd < 0) return NULL;
        memset(&t->result, 0, sizeof t->result);
        t->result.ctx = t->ctx;
        t->result.fd = fd;
        t->result.script = ECHO;
        server_main(&t->result);
        close(fd);
    }
    return NULL;
}

static void tcp_loopback(void)
{
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof addr;
    CHECK(bind(listener, (struct sockaddr *) &addr, sizeof addr) == 0);
    CHECK(listen(listener, 4) == 0);
    CHECK(getsockname(listener, (struct sockaddr *) &addr, &alen) == 0);
    char port[16], hostport[64];
    snprintf(port, sizeof port, "%d", ntohs(addr.sin_port));
    snprintf(hostport, sizeof hostport, "localhost:%s", port);

    struct tcp_server t = {listener, server, 2, {0}};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, tcp_server_main, &t) == 0);

    /* By address: the certificate's IP address is what gets verified; no SNI is sent. */
    struct tls *client = configured(tls_client(), cconf);
    CHECK(tls_connect(client, "127.0.0.1", port) == 0);
    CHECK(tls_write(client, "tcp1", 4) == 4);
    char buf[16];
    CHECK(tls_read(client, buf, sizeof buf) == 4 && memcmp(buf, "tcp1", 4) == 0);
    CHECK(str_is(tls_conn_servername(client), "127.0.0.1"));
    CHECK(tls_close(client) == 0);
    tls_free(client);

    /* "host:port" with a NULL port, by name. */
    client = configured(tls_client(), cconf);
    CHECK(tls_connect(client, hostport, NULL) == 0);
    CHECK(tls_write(client, "tcp2", 4) == 4);
    CHECK(tls_read(client, buf, sizeof buf) == 4 && memcmp(buf, "tcp2", 4) == 0);
    CHECK(str_is(tls_conn_servername(client), "localhost"));
    CHECK(tls_close(client) == 0);
    CHECK(tls_close(client) == 0); /* again: nothing left to do */
    tls_free(client);
    pthread_join(thread, NULL);
    CHECK(t.result.handshake_rc == 0 && str_is(t.result.servername, "localhost"));

    /* Failures before any TLS. */
    client = configured(tls_client(), cconf);
    CHECK(tls_connect(client, "localhost", NULL) == -1);
    CHECK(str_is(tls_error(client), "no port provided"));
    CHECK(tls_connect(client, NULL, "443") == -1);
    CHECK(str_is(tls_error(client), "host not specified"));
    CHECK(tls_connect(client, "127.0.0.1", "1") == -1); /* nothing listens on port 1 */
    CHECK(starts_with(tls_error(client), "connect: "));
    tls_free(client);

    close(listener);
    tls_free(server);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* ---- SNI: keypairs added with add_keypair are chosen by name ---- */

static int chain_is(struct tls *ctx, const char *file)
{
    size_t len = 0, expected_len = 0;
    const uint8_t *chain = tls_peer_cert_chain_pem(ctx, &len);
    char *expected = read_file(pems_dir(), file, &expected_len);
    int same = chain != NULL && expected != NULL && len == expected_len && memcmp(chain, expected, len) == 0;
    free(expected);
    return same;
}

static void sni_keypairs(void)
{
    struct tls_config *sconf = server_config("rsa_2048_pkcs1");
    CHECK(tls_config_add_keypair_file(sconf, pem("ecdsa_p256_pkcs1_cert.pem"), pem("ecdsa_p256_pkcs1_key.pem")) == 0);
    struct tls *server = configured(tls_server(), sconf);
    /* Configured servers keep their keys after the config forgets them. */
    tls_config_clear_keys(sconf);
    struct tls_config *cconf = client_config();

    const char *names[2] = {"localhost", "127.0.0.1"};
    const char *expected[2] = {"ecdsa_p256_pkcs1_cert.pem", "rsa_2048_pkcs1_cert.pem"};
    for (int i = 0; i < 2; i++) {
        struct tls *client = configured(tls_client(), cconf);
        int sv[2];
        pair(sv);
        pthread_t thread;
        struct server s;
        start_server(&thread, &s, server, sv[1], HANDSHAKE_ONLY);
        CHECK(tls_connect_socket(client, sv[0], names[i]) == 0);
        CHECK(tls_handshake(client) == 0);
        CHECK(chain_is(client, expected[i]));
        pthread_join(thread, NULL);
        CHECK(s.handshake_rc == 0);
        /* An IP address is no server name: the server saw none. */
        CHECK(str_is(s.servername, i == 0 ? "localhost" : "(null)"));
        tls_close(client);
        tls_free(client);
        close(sv[0]);
        close(sv[1]);
    }
    /* A context configured after clear_keys has no key to use. */
    struct tls *late = tls_server();
    CHECK(tls_configure(late, sconf) == -1);
    CHECK(str_is(tls_error(late), "no private key configured"));
    tls_free(late);
    tls_free(server);
    tls_config_free(sconf);
    tls_config_free(cconf);
}

/* ---- client certificates ---- */

/* Runs one handshake over a socketpair; fills the client's result and error. */
static int handshake_pair(struct tls *server, struct tls_config *cconf, const char *name, struct server *s,
                          char *cerr, size_t cerr_size)
{
    struct tls *client = configured(tls_client(), cconf);
    int sv[2];
    pair(sv);
    pthread_t thread;
    start_server(&thread, s, server, sv[1], READ_TO_EOF);
    int rc = tls_connect_socket(client, sv[0], name);
    if (rc == 0) rc = tls_handshake(client);
    if (rc == 0) {
        /* In TLS 1.3 a server's verdict on the client's certificate arrives after the
         * client's handshake; a read sees it. */
        char buf[8];
        if (tls_write(client, "x", 1) != 1) rc = -1;
        else if (tls_close(client) != 0) rc = -1;
        (void) buf;
    }
    copy_error(cerr, cerr_size, tls_error(client));
    if (rc != 0) shutdown(sv[0], SHUT_RDWR);
    pthread_join(thread, NULL);
    tls_free(client);
    close(sv[0]);
    close(sv[1]);
    return rc;
}

static void client_certificates(void)
{
    char cerr[256];
    struct server s;
    struct tls_config *with_cert = client_config();
    CHECK(tls_config_set_keypair_file(with_cert, pem("ecdsa_p256_pkcs1_cert.pem"), pem("ecdsa_p256_pkcs1_key.pem")) == 0);
    struct tls_config *without = client_config();

    /* Required. */
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    CHECK(tls_config_set_ca_file(sconf, pem("ca_cert.pem")) == 0);
    tls_config_verify_client(sconf);
    struct tls *server = configured(tls_server(), sconf);
    CHECK(handshake_pair(server, with_cert, "localhost", &s, cerr, sizeof cerr) == 0);
    CHECK(s.handshake_rc == 0 && s.peer_cert == 1 && s.peer_has_localhost == 1);
    CHECK(s.eof_rc == 0);

    handshake_pair(server, without, "localhost", &s, cerr, sizeof cerr);
    CHECK(s.handshake_rc == -1);
    CHECK(str_is(s.error, "handshake failed: peer did not return a certificate"));
    tls_free(server);

    /* Optional: with or without. */
    tls_config_verify_client_optional(sconf);
    server = configured(tls_server(), sconf);
    CHECK(handshake_pair(server, without, "localhost", &s, cerr, sizeof cerr) == 0);
    CHECK(s.handshake_rc == 0 && s.peer_cert == 0);
    CHECK(handshake_pair(server, with_cert, "localhost", &s, cerr, sizeof cerr) == 0);
    CHECK(s.handshake_rc == 0 && s.peer_cert == 1);
    tls_free(server);

    /* A client certificate from a CA the server does not trust. */
    CHECK(tls_config_set_ca_file(sconf, pem("rsa_2048_pkcs1_leaf.pem")) == 0);
    tls_config_verify_client(sconf);
    server = configured(tls_server(), sconf);
    handshake_pair(server, with_cert, "localhost", &s, cerr, sizeof cerr);
    CHECK(s.handshake_rc == -1);
    CHECK(str_is(s.error, "certificate verification failed: unable to get local issuer certificate"));
    tls_free(server);

    tls_config_free(sconf);
    tls_config_free(with_cert);
    tls_config_free(without);
}

/* ---- verification failures and the insecure switches ---- */

static void verify_failures(void)
{
    char cerr[256];
    struct server s;
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    struct tls *server = configured(tls_server(), sconf);

    /* Untrusted: the client trusts some other certificate only. */
    struct tls_config *cconf = tls_config_new();
    CHECK(tls_config_set_ca_file(cconf, pem("rsa_2048_pkcs1_leaf.pem")) == 0);
    CHECK(handshake_pair(server, cconf, "localhost", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "certificate verification failed: unable to get local issuer certificate"));
    CHECK(s.handshake_rc == -1 && starts_with(s.error, "handshake failed: "));
    /* ... unless certificate verification is off. */
    tls_config_insecure_noverifycert(cconf);
    CHECK(handshake_pair(server, cconf, "localhost", &s, cerr, sizeof cerr) == 0);
    CHECK(s.handshake_rc == 0);
    /* libtls still checks the name then. */
    CHECK(handshake_pair(server, cconf, "example.com", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "name `example.com' not present in server certificate"));
    tls_config_free(cconf);

    /* The wrong name. */
    cconf = client_config();
    CHECK(handshake_pair(server, cconf, "example.com", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "name `example.com' not present in server certificate"));
    CHECK(handshake_pair(server, cconf, "example.com.", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "name `example.com' not present in server certificate"));
    CHECK(handshake_pair(server, cconf, "localhost.", &s, cerr, sizeof cerr) == 0);
    tls_config_insecure_noverifyname(cconf);
    CHECK(handshake_pair(server, cconf, "example.com", &s, cerr, sizeof cerr) == 0);
    tls_config_verify(cconf);
    CHECK(handshake_pair(server, cconf, "example.com", &s, cerr, sizeof cerr) == -1);

    /* A name is needed when names are verified. */
    struct tls *client = configured(tls_client(), cconf);
    CHECK(tls_connect_socket(client, 0, NULL) == -1);
    CHECK(str_is(tls_error(client), "server name not specified"));
    CHECK(tls_connect_fds(client, -1, 1, "localhost") == -1);
    CHECK(str_is(tls_error(client), "invalid file descriptors"));
    tls_free(client);
    tls_config_free(cconf);

    /* Versions older than TLS 1.2 are not negotiated: a config allowing only those fails
     * clearly at the handshake. */
    cconf = client_config();
    CHECK(tls_config_set_protocols(cconf, TLS_PROTOCOL_TLSv1_1) == 0);
    client = configured(tls_client(), cconf);
    int sv[2];
    pair(sv);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    CHECK(tls_handshake(client) == -1);
    CHECK(starts_with(tls_error(client), "handshake failed: no supported protocol version"));
    tls_free(client);
    close(sv[0]);
    close(sv[1]);
    tls_config_free(cconf);

    tls_free(server);
    tls_config_free(sconf);
}

/* ---- revocation: CRLs cover every certificate below the root, as libtls asks OpenSSL ---- */

static void crl_checks(void)
{
    char cerr[256];
    struct server s;
    struct tls_config *rsa_conf = server_config("rsa_2048_pkcs1");
    struct tls_config *ec_conf = server_config("ecdsa_p256_pkcs1");
    struct tls *rsa = configured(tls_server(), rsa_conf);
    struct tls *ec = configured(tls_server(), ec_conf);

    struct tls_config *cconf = client_config();
    CHECK(tls_config_set_crl_file(cconf, pem("crl_none.pem")) == 0);
    CHECK(handshake_pair(rsa, cconf, "localhost", &s, cerr, sizeof cerr) == 0);

    /* The RSA leaf is revoked; the ECDSA one is not. */
    CHECK(tls_config_set_crl_file(cconf, pem("crl_rsa_revoked.pem")) == 0);
    CHECK(handshake_pair(rsa, cconf, "localhost", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "certificate verification failed: certificate revoked"));
    CHECK(s.handshake_rc == -1);
    CHECK(handshake_pair(ec, cconf, "localhost", &s, cerr, sizeof cerr) == 0);
    /* Without verification nothing is checked, revocation included. */
    tls_config_insecure_noverifycert(cconf);
    CHECK(handshake_pair(rsa, cconf, "localhost", &s, cerr, sizeof cerr) == 0);
    tls_config_free(cconf);

    /* An expired CRL fails verification, unless time checks are off. */
    cconf = client_config();
    CHECK(tls_config_set_crl_file(cconf, pem("crl_expired.pem")) == 0);
    CHECK(handshake_pair(ec, cconf, "localhost", &s, cerr, sizeof cerr) == -1);
    CHECK(str_is(cerr, "certificate verification failed: CRL has expired"));
    tls_config_insecure_noverifytime(cconf);
    CHECK(handshake_pair(ec, cconf, "localhost", &s, cerr, sizeof cerr) == 0);
    tls_config_free(cconf);

    /* A CRL from another issuer leaves the leaf's status unknown: refused. */
    size_t len = 0;
    char *other = read_file(pems_dir(), "crl_other_issuer.pem", &len);
    CHECK(other != NULL);
    if (other != NULL) {
        cconf = client_config();
        CHECK(tls_config_set_crl_mem(cconf, (const uint8_t *) other, len) == 0);
        CHECK(handshake_pair(ec, cconf, "localhost", &s, cerr, sizeof cerr) == -1);
        CHECK(str_is(cerr, "certificate verification failed: unable to get certificate CRL"));
        tls_config_free(cconf);
        free(other);
    }

    /* A server checks client certificates against its CRLs too. */
    struct tls_config *strict = server_config("ecdsa_p256_pkcs1");
    CHECK(tls_config_set_ca_file(strict, pem("ca_cert.pem")) == 0);
    CHECK(tls_config_set_crl_file(strict, pem("crl_rsa_revoked.pem")) == 0);
    tls_config_verify_client(strict);
    struct tls *server = configured(tls_server(), strict);
    struct tls_config *revoked_client = client_config();
    CHECK(tls_config_set_keypair_file(revoked_client, pem("rsa_2048_pkcs1_cert.pem"), pem("rsa_2048_pkcs1_key.pem")) == 0);
    handshake_pair(server, revoked_client, "localhost", &s, cerr, sizeof cerr);
    CHECK(s.handshake_rc == -1 && str_is(s.error, "certificate verification failed: certificate revoked"));
    struct tls_config *good_client = client_config();
    CHECK(tls_config_set_keypair_file(good_client, pem("ecdsa_p384_pkcs1_cert.pem"), pem("ecdsa_p384_pkcs1_key.pem")) == 0);
    CHECK(handshake_pair(server, good_client, "localhost", &s, cerr, sizeof cerr) == 0);
    CHECK(s.handshake_rc == 0 && s.peer_cert == 1);
    tls_config_free(good_client);
    tls_config_free(revoked_client);
    tls_free(server);
    tls_config_free(strict);

    tls_free(rsa);
    tls_free(ec);
    tls_config_free(rsa_conf);
    tls_config_free(ec_conf);
}

/* ---- OCSP stapling: the server staples its keypair's response, the client reports it ---- */

struct ocsp_seen {
    int rc, response_status, cert_status, crl_reason;
    time_t this_update, next_update, revocation_time;
    char result[32], url[128], error[256];
};

/* A TLS 1.3 or 1.2 handshake with a server stapling `staple` (NULL: none) for `type`'s
 * keypair; returns what the client saw. */
static struct ocsp_seen ocsp_handshake(const char *type, const char *staple, uint32_t protocols, int require)
{
    char cert[64], key[64];
    snprintf(cert, sizeof cert, "%s_cert.pem", type);
    snprintf(key, sizeof key, "%s_key.pem", type);
    struct tls_config *sconf = tls_config_new();
    CHECK(tls_config_set_keypair_ocsp_file(sconf, pem(cert), pem(key), staple ? pem(staple) : NULL) == 0);
    struct tls *server = configured(tls_server(), sconf);
    struct tls_config *cconf = client_config();
    CHECK(tls_config_set_protocols(cconf, protocols) == 0);
    if (require) tls_config_ocsp_require_stapling(cconf);
    struct tls *client = configured(tls_client(), cconf);
    int sv[2];
    pair(sv);
    struct server s;
    pthread_t thread;
    start_server(&thread, &s, server, sv[1], READ_TO_EOF);
    struct ocsp_seen seen;
    memset(&seen, 0, sizeof seen);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    seen.rc = tls_handshake(client);
    copy_error(seen.error, sizeof seen.error, tls_error(client));
    seen.response_status = tls_peer_ocsp_response_status(client);
    seen.cert_status = tls_peer_ocsp_cert_status(client);
    seen.crl_reason = tls_peer_ocsp_crl_reason(client);
    seen.this_update = tls_peer_ocsp_this_update(client);
    seen.next_update = tls_peer_ocsp_next_update(client);
    seen.revocation_time = tls_peer_ocsp_revocation_time(client);
    copy_error(seen.result, sizeof seen.result, tls_peer_ocsp_result(client));
    copy_error(seen.url, sizeof seen.url, tls_peer_ocsp_url(client));
    if (seen.rc == 0) {
        /* A response fetched by the application is checked the same way. */
        size_t len = 0;
        char *good = read_file(pems_dir(), "ocsp_ecdsa_p256_good.der", &len);
        CHECK(good != NULL);
        int processed = tls_ocsp_process_response(client, (unsigned char *) good, len);
        CHECK(processed == (strcmp(type, "ecdsa_p256_pkcs1") == 0 ? 0 : -1));
        free(good);
        tls_close(client);
    } else {
        shutdown(sv[0], SHUT_RDWR);
    }
    pthread_join(thread, NULL);
    tls_free(client);
    tls_free(server);
    tls_config_free(cconf);
    tls_config_free(sconf);
    close(sv[0]);
    close(sv[1]);
    return seen;
}

static void ocsp_stapling(void)
{
    const uint32_t versions[2] = {TLS_PROTOCOL_TLSv1_3, TLS_PROTOCOL_TLSv1_2};
    time_t now = time(NULL);
    for (int v = 0; v < 2; v++) {
        struct ocsp_seen seen = ocsp_handshake("ecdsa_p256_pkcs1", "ocsp_ecdsa_p256_good.der", versions[v], 1);
        CHECK(seen.rc == 0);
        CHECK(seen.response_status == TLS_OCSP_RESPONSE_SUCCESSFUL && seen.cert_status == TLS_OCSP_CERT_GOOD);
        CHECK(str_is(seen.result, "good") && seen.crl_reason == -1 && seen.revocation_time == -1);
        CHECK(seen.this_update > now - 86400 && seen.this_update <= now + 5);
        CHECK(seen.next_update > now + 365 * 86400);
        CHECK(str_is(seen.url, "http://ocsp.ferrotls.test/"));

        /* A delegated responder's response is as good. */
        seen = ocsp_handshake("ecdsa_p256_pkcs1", "ocsp_ecdsa_p256_delegated.der", versions[v], 1);
        CHECK(seen.rc == 0 && seen.cert_status == TLS_OCSP_CERT_GOOD);

        /* No staple: nothing to report, and a client that requires one fails. */
        seen = ocsp_handshake("ecdsa_p256_pkcs1", NULL, versions[v], 0);
        CHECK(seen.rc == 0 && seen.cert_status == -1 && seen.response_status == -1 && str_is(seen.result, "(null)"));
        CHECK(str_is(seen.url, "http://ocsp.ferrotls.test/"));
        seen = ocsp_handshake("ecdsa_p256_pkcs1", NULL, versions[v], 1);
        CHECK(seen.rc == -1 && str_is(seen.error, "no stapled OCSP response provided"));

        /* A revoked certificate's staple fails the handshake. */
        seen = ocsp_handshake("rsa_2048_pkcs1", "ocsp_rsa_revoked.der", versions[v], 0);
        CHECK(seen.rc == -1 && str_is(seen.error, "certificate verification failed: certificate revoked"));
        /* A staple signed by another CA, or for another certificate, vouches for nothing. */
        seen = ocsp_handshake("ecdsa_p256_pkcs1", "ocsp_ecdsa_p256_other_ca.der", versions[v], 0);
        CHECK(seen.rc == -1);
        seen = ocsp_handshake("ecdsa_p384_pkcs1", "ocsp_ecdsa_p256_good.der", versions[v], 0);
        CHECK(seen.rc == -1);
    }
}

/* ---- versions and suites: every client/server protocol combination, each TLS 1.2 suite ---- */

/* One client connection against `server` with the client's protocols and ciphers; returns
 * the handshake result and fills the version and cipher both sides report. */
static int negotiate(struct tls *server, uint32_t protocols, const char *ciphers, struct server *s, char *cversion,
                     char *ccipher, int *strength)
{
    struct tls_config *cconf = client_config();
    CHECK(tls_config_set_protocols(cconf, protocols) == 0);
    if (ciphers != NULL) CHECK(tls_config_set_ciphers(cconf, ciphers) == 0);
    struct tls *client = configured(tls_client(), cconf);
    int sv[2];
    pair(sv);
    pthread_t thread;
    start_server(&thread, s, server, sv[1], ECHO);
    int rc = tls_connect_socket(client, sv[0], "localhost");
    if (rc == 0) rc = tls_handshake(client);
    cversion[0] = ccipher[0] = 0;
    if (rc == 0) {
        copy_error(cversion, 32, tls_conn_version(client));
        copy_error(ccipher, 64, tls_conn_cipher(client));
        *strength = tls_conn_cipher_strength(client);
        char buf[16];
        CHECK(tls_write(client, "ping", 4) == 4);
        CHECK(tls_read(client, buf, sizeof buf) == 4 && memcmp(buf, "ping", 4) == 0);
        CHECK(tls_close(client) == 0);
    } else {
        shutdown(sv[0], SHUT_RDWR);
    }
    pthread_join(thread, NULL);
    tls_free(client);
    close(sv[0]);
    close(sv[1]);
    tls_config_free(cconf);
    return rc;
}

static void versions_and_suites(void)
{
    const uint32_t choices[3] = {TLS_PROTOCOL_TLSv1_2, TLS_PROTOCOL_TLSv1_3,
                                 TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3};
    char cversion[32], ccipher[64];
    int strength = 0;
    struct server s;
    for (int si = 0; si < 3; si++) {
        struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
        CHECK(tls_config_set_protocols(sconf, choices[si]) == 0);
        struct tls *server = configured(tls_server(), sconf);
        for (int ci = 0; ci < 3; ci++) {
            uint32_t common = choices[si] & choices[ci];
            int rc = negotiate(server, choices[ci], NULL, &s, cversion, ccipher, &strength);
            if (common == 0) {
                CHECK(rc == -1 && s.handshake_rc == -1);
                continue;
            }
            const char *expected = (common & TLS_PROTOCOL_TLSv1_3) ? "TLSv1.3" : "TLSv1.2";
            CHECK(rc == 0 && s.handshake_rc == 0);
            CHECK(str_is(cversion, expected) && str_is(s.version, expected));
            if (!str_is(cversion, expected)) fprintf(stderr, "  server %d client %d: %s\n", si, ci, cversion);
        }
        tls_free(server);
        tls_config_free(sconf);
    }

    /* Every TLS 1.2 suite, with the certificate type it needs, chosen by the client's
     * cipher string; the default strings pick AES-128-GCM first. */
    static const struct {
        const char *cert, *cipher;
        int bits;
    } suites[] = {
        {"ecdsa_p256_pkcs1", "ECDHE-ECDSA-AES128-GCM-SHA256", 128},
        {"ecdsa_p256_pkcs1", "ECDHE-ECDSA-AES256-GCM-SHA384", 256},
        {"ecdsa_p384_pkcs1", "ECDHE-ECDSA-CHACHA20-POLY1305", 256},
        {"rsa_2048_pkcs1", "ECDHE-RSA-AES128-GCM-SHA256", 128},
        {"rsa_2048_pkcs1", "ECDHE-RSA-AES256-GCM-SHA384", 256},
        {"rsa_2048_pkcs8", "ECDHE-RSA-CHACHA20-POLY1305", 256},
        /* RSASSA-PSS keys (rsa_pss_pss signatures) serve the RSA suites too. */
        {"rsa_pss_2048", "ECDHE-RSA-AES128-GCM-SHA256", 128},
        {"rsa_pss_sha384", "ECDHE-RSA-AES256-GCM-SHA384", 256},
    };
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        struct tls_config *sconf = server_config(suites[i].cert);
        struct tls *server = configured(tls_server(), sconf);
        CHECK(negotiate(server, TLS_PROTOCOL_TLSv1_2, suites[i].cipher, &s, cversion, ccipher, &strength) == 0);
        CHECK(str_is(cversion, "TLSv1.2") && str_is(ccipher, suites[i].cipher) && strength == suites[i].bits);
        if (!str_is(ccipher, suites[i].cipher)) fprintf(stderr, "  %s: got %s\n", suites[i].cipher, ccipher);
        /* An ECDSA-only client cannot use an RSA server and the other way round. */
        const char *other = suites[i].cert[0] == 'r' ? "ECDHE+aECDSA" : "ECDHE+aRSA";
        CHECK(negotiate(server, TLS_PROTOCOL_TLSv1_2, other, &s, cversion, ccipher, &strength) == -1);
        tls_free(server);
        tls_config_free(sconf);
    }
    /* And TLS 1.3 with RSASSA-PSS keypairs. */
    const char *pss_certs[] = {"rsa_pss_2048", "rsa_pss_sha384"};
    for (int i = 0; i < 2; i++) {
        struct tls_config *pss_conf = server_config(pss_certs[i]);
        struct tls *pss_server = configured(tls_server(), pss_conf);
        CHECK(negotiate(pss_server, TLS_PROTOCOL_TLSv1_3, NULL, &s, cversion, ccipher, &strength) == 0);
        CHECK(str_is(cversion, "TLSv1.3") && str_is(s.version, "TLSv1.3"));
        tls_free(pss_server);
        tls_config_free(pss_conf);
    }
    /* Whose preference counts: the server's by default, the client's on request. */
    const char *client_order = "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256";
    for (int client_first = 0; client_first < 2; client_first++) {
        struct tls_config *ec_conf = server_config("ecdsa_p256_pkcs1");
        if (client_first) tls_config_prefer_ciphers_client(ec_conf);
        struct tls *ec_server = configured(tls_server(), ec_conf);
        CHECK(negotiate(ec_server, TLS_PROTOCOL_TLSv1_2, client_order, &s, cversion, ccipher, &strength) == 0);
        CHECK(str_is(ccipher, client_first ? "ECDHE-ECDSA-CHACHA20-POLY1305" : "ECDHE-ECDSA-AES128-GCM-SHA256"));
        CHECK(negotiate(ec_server, TLS_PROTOCOL_TLSv1_3, "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256", &s,
                        cversion, ccipher, &strength) == 0);
        CHECK(str_is(ccipher, client_first ? "TLS_CHACHA20_POLY1305_SHA256" : "TLS_AES_128_GCM_SHA256"));
        tls_free(ec_server);
        tls_config_free(ec_conf);
    }

    /* A server restricted to one suite gets it from a client offering all. */
    struct tls_config *sconf = server_config("rsa_2048_pkcs1");
    CHECK(tls_config_set_ciphers(sconf, "ECDHE-RSA-CHACHA20-POLY1305") == 0);
    struct tls *server = configured(tls_server(), sconf);
    CHECK(negotiate(server, TLS_PROTOCOL_TLSv1_2, "secure", &s, cversion, ccipher, &strength) == 0);
    CHECK(str_is(ccipher, "ECDHE-RSA-CHACHA20-POLY1305"));
    tls_free(server);
    tls_config_free(sconf);
}

/* ---- contexts used for the wrong thing ---- */

static void wrong_contexts(void)
{
    struct tls_config *sconf = server_config("ecdsa_p256_pkcs1");
    struct tls *server = configured(tls_server(), sconf);
    struct tls *client = configured(tls_client(), NULL);
    struct tls *conn = (struct tls *) &conn;
    char buf[4];

    CHECK(tls_accept_socket(client, &conn, 0) == -1);
    CHECK(conn == NULL);
    CHECK(str_is(tls_error(client), "not a server context"));
    CHECK(tls_connect_socket(server, 0, "localhost") == -1);
    CHECK(str_is(tls_error(server), "not a client context"));
    CHECK(tls_handshake(server) == -1);
    CHECK(str_is(tls_error(server), "invalid operation for context"));
    CHECK(tls_close(server) == -1);
    CHECK(tls_read(client, buf, sizeof buf) == -1);
    CHECK(str_is(tls_error(client), "context not connected"));
    CHECK(tls_close(client) == 0); /* never connected: nothing to close */
    CHECK(tls_conn_cipher(client) == NULL && tls_peer_cert_provided(client) == 0);
    CHECK(tls_conn_cipher_strength(client) == 0 && tls_peer_cert_hash(client) == NULL);
    CHECK(tls_peer_cert_subject(client) == NULL && tls_peer_cert_issuer(client) == NULL);
    CHECK(tls_peer_cert_notbefore(client) == -1 && tls_peer_cert_notafter(client) == -1);
    size_t len = 5;
    CHECK(tls_peer_cert_chain_pem(client, &len) == NULL && len == 5);
    CHECK(tls_error(client) == NULL); /* "nothing yet" is not an error */

    /* An accepted connection lives on its own after its server is freed. */
    int sv[2];
    pair(sv);
    CHECK(tls_accept_socket(server, &conn, sv[1]) == 0 && conn != NULL && conn != server);
    tls_free(server);
    tls_config_free(sconf);
    struct tls_config *cconf = client_config();
    CHECK(tls_configure(client, cconf) == 0);
    CHECK(tls_connect_socket(client, sv[0], "localhost") == 0);
    pthread_t thread;
    struct late_writer w = {client};
    CHECK(pthread_create(&thread, NULL, late_write, &w) == 0);
    CHECK(tls_read(conn, buf, sizeof buf) == 4 && memcmp(buf, "late", 4) == 0);
    pthread_join(thread, NULL);
    /* tls_reset makes the client reusable; the old connection is gone with it. */
    tls_reset(client);
    CHECK(tls_conn_version(client) == NULL);
    tls_free(conn);
    tls_free(client);
    tls_config_free(cconf);
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    CHECK(tls_init() == 0);
    blocking_socketpair();
    eof_and_close();
    nonblocking_poll();
    callbacks();
    tcp_loopback();
    sni_keypairs();
    client_certificates();
    verify_failures();
    crl_checks();
    ocsp_stapling();
    versions_and_suites();
    wrong_contexts();
    return checks_report();
}
