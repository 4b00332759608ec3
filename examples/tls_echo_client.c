/* A libtls client using only the public tls.h: connects with tls_connect_servername,
 * sends MESSAGE, prints what was negotiated and the reply (up to the first newline).
 *   tls_echo_client HOST PORT CA_FILE SERVERNAME MESSAGE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tls.h>

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
    struct tls *ctx = tls_client();
    if (ctx == NULL || tls_configure(ctx, config) != 0) fail(ctx, "tls_configure");
    if (tls_connect_servername(ctx, argv[1], argv[2], argv[4]) != 0) fail(ctx, "tls_connect_servername");
    if (tls_handshake(ctx) != 0) fail(ctx, "tls_handshake");
    printf("version=%s cipher=%s bits=%d servername=%s\n", tls_conn_version(ctx), tls_conn_cipher(ctx),
           tls_conn_cipher_strength(ctx), tls_conn_servername(ctx));
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
    return 0;
}
