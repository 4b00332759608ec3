/* A libtls server using only the public tls.h: accepts TCP connections on 127.0.0.1 (one,
 * or ECHO_ACCEPT of them, one after the other), echoes what each sends until the first
 * newline (or EOF), then closes it.
 *   tls_echo_server PORT CERT_FILE KEY_FILE
 * Environment (optional): ECHO_PROTOCOLS (a tls_config_parse_protocols string),
 * ECHO_SESSION_LIFETIME (seconds; turns session tickets on), ECHO_ACCEPT, ECHO_OCSP_FILE
 * (a DER OCSP response to staple). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <tls.h>
#include <unistd.h>

static void fail(struct tls *ctx, const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, tls_error(ctx));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s PORT CERT_FILE KEY_FILE\n", argv[0]);
        return 2;
    }
    if (tls_init() != 0) return 1;
    struct tls_config *config = tls_config_new();
    if (config == NULL || tls_config_set_keypair_file(config, argv[2], argv[3]) != 0) {
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
    const char *lifetime = getenv("ECHO_SESSION_LIFETIME");
    if (lifetime != NULL && tls_config_set_session_lifetime(config, atoi(lifetime)) != 0) {
        fprintf(stderr, "config: %s\n", tls_config_error(config));
        return 1;
    }
    const char *ocsp = getenv("ECHO_OCSP_FILE");
    if (ocsp != NULL && tls_config_set_ocsp_staple_file(config, ocsp) != 0) {
        fprintf(stderr, "config: %s\n", tls_config_error(config));
        return 1;
    }
    int connections = getenv("ECHO_ACCEPT") ? atoi(getenv("ECHO_ACCEPT")) : 1;
    struct tls *server = tls_server();
    if (server == NULL || tls_configure(server, config) != 0) fail(server, "tls_configure");

    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(listener, 1) != 0) {
        perror("bind/listen");
        return 1;
    }
    for (int i = 0; i < connections; i++) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            perror("accept");
            return 1;
        }
        struct tls *conn = NULL;
        if (tls_accept_socket(server, &conn, fd) != 0) fail(server, "tls_accept_socket");
        if (tls_handshake(conn) != 0) fail(conn, "tls_handshake");
        printf("version=%s cipher=%s servername=%s resumed=%d\n", tls_conn_version(conn), tls_conn_cipher(conn),
               tls_conn_servername(conn) ? tls_conn_servername(conn) : "(none)", tls_conn_session_resumed(conn));
        fflush(stdout);
        char buf[4096];
        for (;;) {
            ssize_t n = tls_read(conn, buf, sizeof buf);
            if (n == TLS_WANT_POLLIN || n == TLS_WANT_POLLOUT) continue;
            if (n < 0) fail(conn, "tls_read");
            if (n == 0) break;
            for (ssize_t off = 0; off < n;) {
                ssize_t w = tls_write(conn, buf + off, n - off);
                if (w == TLS_WANT_POLLIN || w == TLS_WANT_POLLOUT) continue;
                if (w < 0) fail(conn, "tls_write");
                off += w;
            }
            if (memchr(buf, '\n', n) != NULL) break;
        }
        int rc;
        while ((rc = tls_close(conn)) == TLS_WANT_POLLIN || rc == TLS_WANT_POLLOUT) {}
        tls_free(conn);
        close(fd);
    }
    close(listener);
    tls_free(server);
    tls_config_free(config);
    return 0;
}
