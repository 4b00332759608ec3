/* A libtls client using only the public tls.h: connects with tls_connect_servername,
 * sends MESSAGE, prints what was negotiated and the reply (up to the first newline).
 *   tls_echo_client HOST PORT CA_FILE SERVERNAME MESSAGE
 * Environment (optional): ECHO_PROTOCOLS (a tls_config_parse_protocols string),
 * ECHO_SESSION_FILE (a file kept with tls_config_set_session_fd, created mode 0600). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tls.h>
#include <unistd.h>

static void fail(struct tls *ctx, const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, tls_error(ctx));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s HOST PORT CA_FILE SERVERNAME MESSAGE\n", argv[0]);
        return 2;
    }
    if (tls_init() != 0) return 1;
    struct tls_config *config = tls_config_new();
    if (config == NULL || tls_config_set_ca_file(config, argv[3]) != 0) {
        fprintf(stderr, "config: %s\n", config ? tls_config_error(config) : "out of memory");
        return 1;
    }
    const char *protocols = getenv("ECHO_PROTOCOLS");
    uint32_t bits;
    if (protocols != NULL && (tls_config_parse_protocols(&bits, protocols) != 0 ||
                              tls_config_set_protocols(config, bits) != 0)) {
        fprintf(stderr, "bad ECHO_PROTOCOLS '%s'\n", protocols);
        return 1;
    }
    const char *session_path = getenv("ECHO_SESSION_FILE");
    int session_fd = -1;
    if (session_path != NULL) {
        session_fd = open(session_path, O_RDWR | O_CREAT, 0600);
        if (session_fd < 0 || tls_config_set_session_fd(config, session_fd) != 0) {
            fprintf(stderr, "session file: %s\n", session_fd < 0 ? "cannot open" : tls_config_error(config));
            return 1;
        }
    }
    struct tls *ctx = tls_client();
    if (ctx == NULL || tls_configure(ctx, config) != 0) fail(ctx, "tls_configure");
    if (tls_connect_servername(ctx, argv[1], argv[2], argv[4]) != 0) fail(ctx, "tls_connect_servername");
    if (tls_handshake(ctx) != 0) fail(ctx, "tls_handshake");
    printf("version=%s cipher=%s bits=%d servername=%s resumed=%d ocsp=%s\n", tls_conn_version(ctx),
           tls_conn_cipher(ctx), tls_conn_cipher_strength(ctx), tls_conn_servername(ctx), tls_conn_session_resumed(ctx),
           tls_peer_ocsp_result(ctx) ? tls_peer_ocsp_result(ctx) : "none");
    const char *msg = argv[5];
    size_t len = strlen(msg), off = 0;
    while (off < len) {
        ssize_t n = tls_write(ctx, msg + off, len - off);
        if (n == TLS_WANT_POLLIN || n == TLS_WANT_POLLOUT) continue;
        if (n < 0) fail(ctx, "tls_write");
        off += n;
    }
    char reply[4096];
    size_t got = 0;
    while (got < sizeof reply - 1 && memchr(reply, '\n', got) == NULL) {
        ssize_t n = tls_read(ctx, reply + got, sizeof reply - 1 - got);
        if (n == TLS_WANT_POLLIN || n == TLS_WANT_POLLOUT) continue;
        if (n < 0) fail(ctx, "tls_read");
        if (n == 0) break;
        got += n;
    }
    reply[got] = 0;
    printf("client received: %s", reply);
    if (got == 0 || reply[got - 1] != '\n') printf("\n");
    int rc;
    while ((rc = tls_close(ctx)) == TLS_WANT_POLLIN || rc == TLS_WANT_POLLOUT) {}
    tls_free(ctx);
    tls_config_free(config);
    if (session_fd >= 0) close(session_fd);
    return 0;
}
