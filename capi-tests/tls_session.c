/* libtls sessions: the client's session file (tls_config_set_session_fd: its rules, resumption
 * through it in TLS 1.2 and 1.3, corrupt contents), the server's session lifetime and ticket
 * keys (generated automatically, or added by the application with the re-add rules), keys
 * added to a config its contexts already use, and servers in separate processes that share
 * keys and a session id resuming each other's sessions. Certificates come from
 * $TEST_PEMS_DIR. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tls.h>
#include <unistd.h>

#include "check.h"

static int str_is(const char *s, const char *expected) { return s != NULL && strcmp(s, expected) == 0; }

static const char *both_versions[] = {"TLSv1.2", "TLSv1.3"};
static uint32_t protocol_bit(int v) { return v == 0 ? TLS_PROTOCOL_TLSv1_2 : TLS_PROTOCOL_TLSv1_3; }

/* A fresh session file: a temporary regular file, mode 0600, already unlinked. */
static int session_file(void)
{
    char path[] = "/tmp/ferrotls-session-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    unlink(path);
    CHECK(fchmod(fd, 0600) == 0);
    return fd;
}

static off_t file_size(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_size : -1;
}

/* ---- the server side: a config, and one connection served by a thread or a process ---- */

static struct tls_config *server_config(uint32_t protocols, int lifetime)
{
    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_keypair_file(config, pem("ecdsa_p256_pkcs1_cert.pem"), pem("ecdsa_p256_pkcs1_key.pem")) == 0);
    CHECK(tls_config_set_protocols(config, protocols) == 0);
    CHECK(tls_config_set_session_lifetime(config, lifetime) == 0);
    return config;
}

struct served {
    struct tls *server;
    int fd;
    int handshake_rc, resumed;
};

/* Accepts one connection, echoes one message, reads to EOF. */
static void serve(struct served *s)
{
    struct tls *conn = NULL;
    s->handshake_rc = -1;
    s->resumed = -1;
    if (tls_accept_socket(s->server, &conn, s->fd) != 0) return;
    s->handshake_rc = tls_handshake(conn);
    if (s->handshake_rc == 0) {
        s->resumed = tls_conn_session_resumed(conn);
        char buf[256];
        ssize_t n = tls_read(conn, buf, sizeof buf);
        if (n > 0) tls_write(conn, buf, n);
        while (tls_read(conn, buf, sizeof buf) > 0) {}
    }
    tls_close(conn);
    tls_free(conn);
}

static void *serve_thread(void *arg)
{
    serve(arg);
    return NULL;
}

/* ---- the client side ---- */

struct client_result {
    int handshake_rc, resumed;
    off_t size_after_handshake, size_after_read;
    char error[256];
};

/* One client connection with `session_fd` (or -1) to whatever serves sv[1]. */
static void client_once(int fd, uint32_t protocols, int session_fd, struct client_result *r)
{
    struct tls_config *config = tls_config_new();
    CHECK(tls_config_set_ca_file(config, pem("ca_cert.pem")) == 0);
    CHECK(tls_config_set_protocols(config, protocols) == 0);
    if (session_fd != -1) CHECK(tls_config_set_session_fd(config, session_fd) == 0);
    struct tls *client = tls_client();
    CHECK(tls_configure(client, config) == 0);
    memset(r, 0, sizeof *r);
    r->resumed = -1;
    CHECK(tls_connect_socket(client, fd, "localhost") == 0);
    r->handshake_rc = tls_handshake(client);
    snprintf(r->error, sizeof r->error, "%s", tls_error(client) ? tls_error(client) : "");
    if (r->handshake_rc == 0) {
        r->resumed = tls_conn_session_resumed(client);
        r->size_after_handshake = session_fd != -1 ? file_size(session_fd) : 0;
        char buf[16];
        CHECK(tls_write(client, "ping", 4) == 4);
        CHECK(tls_read(client, buf, sizeof buf) == 4);
        r->size_after_read = session_fd != -1 ? file_size(session_fd) : 0;
        CHECK(tls_close(client) == 0);
    }
    tls_free(client);
    tls_config_free(config);
}

/* A client connection to `server` served by a thread of this process. */
static void connect_in_process(struct tls *server, uint32_t protocols, int session_fd, struct client_result *r,
                               int *server_resumed)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    struct served s = {.server = server, .fd = sv[1]};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, serve_thread, &s) == 0);
    client_once(sv[0], protocols, session_fd, r);
    shutdown(sv[0], SHUT_RDWR);
    pthread_join(thread, NULL);
    close(sv[0]);
    close(sv[1]);
    *server_resumed = s.resumed;
}

/* ---- the session file's rules ---- */

static void session_file_rules(void)
{
    struct tls_config *config = tls_config_new();
    int fd = session_file();
    CHECK(tls_config_set_session_fd(config, fd) == 0);
    CHECK(tls_config_set_session_fd(config, -1) == 0);

    CHECK(fchmod(fd, 0644) == 0);
    CHECK(tls_config_set_session_fd(config, fd) == -1);
    CHECK(str_is(tls_config_error(config), "session file has incorrect permissions (644 != 600)"));
    CHECK(fchmod(fd, 0400) == 0);
    CHECK(tls_config_set_session_fd(config, fd) == -1);
    CHECK(fchmod(fd, 0600) == 0);
    if (geteuid() == 0) {
        /* Only root can give a file away; the check is about the owner, not the caller. */
        CHECK(fchown(fd, 65534, (gid_t) -1) == 0);
        CHECK(tls_config_set_session_fd(config, fd) == -1);
        CHECK(str_is(tls_config_error(config), "session file has incorrect owner (uid 65534 != 0)"));
        CHECK(fchown(fd, 0, (gid_t) -1) == 0);
    }
    close(fd);

    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(tls_config_set_session_fd(config, p[0]) == -1);
    CHECK(str_is(tls_config_error(config), "session file is not a regular file"));
    close(p[0]);
    close(p[1]);
    CHECK(tls_config_set_session_fd(config, 1000) == -1); /* not open */
    tls_config_free(config);
}

/* ---- resumption through the session file, one process, generated ticket keys ---- */

static void resume_through_file(void)
{
    for (int v = 0; v < 2; v++) {
        uint32_t bit = protocol_bit(v);
        struct tls_config *sconf = server_config(TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3, 3600);
        struct tls *server = tls_server();
        CHECK(tls_configure(server, sconf) == 0);
        int fd = session_file();
        struct client_result r;
        int server_resumed;

        /* First: a full handshake; the session lands in the file (TLS 1.2: with the
         * handshake; TLS 1.3: with the ticket that follows it, read by tls_read). */
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && server_resumed == 0);
        if (v == 0) CHECK(r.size_after_handshake > 0);
        if (v == 1) CHECK(r.size_after_handshake == 0);
        CHECK(r.size_after_read > 0);

        /* Second and third: resumed, both sides say so. */
        for (int i = 0; i < 2; i++) {
            connect_in_process(server, bit, fd, &r, &server_resumed);
            CHECK(r.handshake_rc == 0 && r.resumed == 1 && server_resumed == 1);
            if (r.resumed != 1) fprintf(stderr, "  %s: round %d not resumed (%s)\n", both_versions[v], i, r.error);
            CHECK(file_size(fd) > 0);
        }

        /* Corrupt contents: a full handshake, not a failure, and the file is good again. */
        CHECK(pwrite(fd, "garbage!", 8, 0) == 8);
        CHECK(ftruncate(fd, 8) == 0);
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && server_resumed == 0);
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 1);

        /* A truncated session is as good as none. */
        off_t size = file_size(fd);
        CHECK(ftruncate(fd, size / 2) == 0);
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0);

        /* No session file: never resumed. */
        connect_in_process(server, bit, -1, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && server_resumed == 0);

        /* A session from another server (its own generated keys) is not resumed there. */
        struct tls_config *other_conf = server_config(TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3, 3600);
        struct tls *other = tls_server();
        CHECK(tls_configure(other, other_conf) == 0);
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(file_size(fd) > 0);
        connect_in_process(other, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && server_resumed == 0);
        tls_free(other);
        tls_config_free(other_conf);

        /* A server without a session lifetime issues no tickets. */
        struct tls_config *plain_conf = server_config(TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3, 0);
        struct tls *plain = tls_server();
        CHECK(tls_configure(plain, plain_conf) == 0);
        int fresh = session_file();
        connect_in_process(plain, bit, fresh, &r, &server_resumed);
        connect_in_process(plain, bit, fresh, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && server_resumed == 0);
        close(fresh);
        tls_free(plain);
        tls_config_free(plain_conf);

        close(fd);
        tls_free(server);
        tls_config_free(sconf);
    }
}

/* ---- ticket keys from the application ---- */

static void ticket_key_rules(void)
{
    struct tls_config *config = tls_config_new();
    unsigned char key[TLS_TICKET_KEY_SIZE];
    memset(key, 1, sizeof key);
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key - 1) == -1);
    CHECK(str_is(tls_config_error(config), "wrong amount of ticket key data"));
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == 0);
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == 0); /* the newest again: fine */
    key[0] = 2;
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == -1);
    CHECK(str_is(tls_config_error(config), "ticket key already present"));
    CHECK(tls_config_add_ticket_key(config, 2, key, sizeof key) == 0);
    key[0] = 1;
    CHECK(tls_config_add_ticket_key(config, 1, key, sizeof key) == -1); /* known, not the newest */
    tls_config_free(config);
}

static void fill_key(unsigned char *key, unsigned char seed)
{
    for (int i = 0; i < TLS_TICKET_KEY_SIZE; i++) key[i] = (unsigned char) (seed * 31 + i);
}

/* A server process: its own config (keys `revs`/`seeds`, session id `sid`), one connection.
 * Exits with 10 + resumed, or 1 if the handshake failed. */
static void server_process(int fd, uint32_t protocols, const char *sid, int nkeys, const uint32_t *revs,
                           const unsigned char *seeds)
{
    struct tls_config *config = server_config(protocols, 3600);
    CHECK(tls_config_set_session_id(config, (const unsigned char *) sid, strlen(sid)) == 0);
    unsigned char key[TLS_TICKET_KEY_SIZE];
    for (int i = 0; i < nkeys; i++) {
        fill_key(key, seeds[i]);
        CHECK(tls_config_add_ticket_key(config, revs[i], key, sizeof key) == 0);
    }
    struct tls *server = tls_server();
    CHECK(tls_configure(server, config) == 0);
    struct served s = {.server = server, .fd = fd};
    serve(&s);
    tls_free(server);
    tls_config_free(config);
    _exit(s.handshake_rc != 0 ? 1 : 10 + s.resumed);
}

/* Runs a client connection against a new server process; returns the process's verdict. */
static int connect_to_process(uint32_t protocols, const char *sid, int nkeys, const uint32_t *revs,
                              const unsigned char *seeds, int session_fd, struct client_result *r)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    fflush(NULL);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(sv[0]);
        server_process(sv[1], protocols, sid, nkeys, revs, seeds);
    }
    close(sv[1]);
    client_once(sv[0], protocols, session_fd, r);
    shutdown(sv[0], SHUT_RDWR);
    close(sv[0]);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void shared_keys_across_processes(void)
{
    const uint32_t revs[2] = {7, 8};
    const unsigned char seeds[2] = {7, 8}, other_seed[1] = {9};
    for (int v = 0; v < 2; v++) {
        uint32_t bit = protocol_bit(v);
        int fd = session_file();
        struct client_result r;
        /* Process A issues the session; process B, with the same key and session id, resumes. */
        CHECK(connect_to_process(bit, "shared", 1, revs, seeds, fd, &r) == 10);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && file_size(fd) > 0);
        int verdict = connect_to_process(bit, "shared", 1, revs, seeds, fd, &r);
        CHECK(verdict == 11 && r.resumed == 1);
        if (verdict != 11) fprintf(stderr, "  %s: process B verdict %d (%s)\n", both_versions[v], verdict, r.error);

        /* Same key, another session id: the session belongs to another context. */
        CHECK(connect_to_process(bit, "shared", 1, revs, seeds, fd, &r) == 11);
        CHECK(connect_to_process(bit, "elsewhere", 1, revs, seeds, fd, &r) == 10);
        CHECK(r.handshake_rc == 0 && r.resumed == 0);

        /* Same session id, another key: not resumed either. (The file holds the session
         * the "elsewhere" server just made; the first connection replaces it with one of
         * this context.) */
        CHECK(connect_to_process(bit, "shared", 1, revs, seeds, fd, &r) == 10);
        CHECK(connect_to_process(bit, "shared", 1, revs, other_seed, fd, &r) == 10);
        CHECK(r.resumed == 0);

        /* Rotation: a server whose newest key is 8, with 7 still there, seals new sessions
         * with 8, which a server holding only key 8 resumes; and it still resumes sessions
         * sealed with 7. (A fresh file each time: a resumed TLS 1.2 session keeps its
         * ticket, so only full handshakes show which key seals.) */
        int with7 = session_file(), with8 = session_file();
        CHECK(connect_to_process(bit, "shared", 1, revs, seeds, with7, &r) == 10);
        CHECK(connect_to_process(bit, "shared", 2, revs, seeds, with8, &r) == 10);
        CHECK(connect_to_process(bit, "shared", 1, revs + 1, seeds + 1, with8, &r) == 11);
        CHECK(connect_to_process(bit, "shared", 2, revs, seeds, with7, &r) == 11);
        close(with7);
        close(with8);
        close(fd);
    }
}

/* Keys added to a config after tls_configure are used by the server context at once. */
static void keys_added_after_configure(void)
{
    for (int v = 0; v < 2; v++) {
        uint32_t bit = protocol_bit(v);
        struct tls_config *sconf = server_config(bit, 3600);
        CHECK(tls_config_set_session_id(sconf, (const unsigned char *) "shared", 6) == 0);
        unsigned char key[TLS_TICKET_KEY_SIZE];
        fill_key(key, 7);
        CHECK(tls_config_add_ticket_key(sconf, 7, key, sizeof key) == 0);
        struct tls *server = tls_server();
        CHECK(tls_configure(server, sconf) == 0);
        int fd = session_file();
        struct client_result r;
        int server_resumed;
        connect_in_process(server, bit, fd, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.size_after_read > 0);
        int old_session = session_file();
        char buf[4096];
        ssize_t n = pread(fd, buf, sizeof buf, 0);
        CHECK(n > 0 && pwrite(old_session, buf, n, 0) == n);

        /* Key 8 arrives; the configured context now seals new sessions with it. */
        fill_key(key, 8);
        CHECK(tls_config_add_ticket_key(sconf, 8, key, sizeof key) == 0);
        int fresh = session_file();
        connect_in_process(server, bit, fresh, &r, &server_resumed);
        CHECK(r.handshake_rc == 0 && r.resumed == 0 && r.size_after_read > 0);
        const uint32_t rev8 = 8;
        const unsigned char seed8 = 8;
        CHECK(connect_to_process(bit, "shared", 1, &rev8, &seed8, fresh, &r) == 11);
        close(fresh);
        /* The session sealed with key 7 before the rotation still resumes here. */
        connect_in_process(server, bit, old_session, &r, &server_resumed);
        CHECK(r.resumed == 1 && server_resumed == 1);
        close(old_session);
        close(fd);
        tls_free(server);
        tls_config_free(sconf);
    }
}

int main(void)
{
    CHECK(tls_init() == 0);
    session_file_rules();
    resume_through_file();
    ticket_key_rules();
    shared_keys_across_processes();
    keys_added_after_configure();
    return checks_report();
}
