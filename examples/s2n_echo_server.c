/* A TLS echo server on the s2n API: accepts N connections on 127.0.0.1:PORT and echoes
 * what each sends until the client closes (or, with "once", after the first message).
 *   s2n_echo_server PORT CERT_PEM KEY_PEM [CONNECTIONS [once]]
 * With ECHO_SESSION_TICKETS=1 in the environment it issues and accepts session tickets;
 * ECHO_OCSP_FILE names a DER OCSP response it staples for clients that ask, ECHO_SCT_FILE
 * a Certificate Transparency SCT list (RFC 6962 §3.3) it sends them; with ECHO_NPN=1 it
 * offers its protocol (http/1.1) (or ECHO_PROTOCOL's) by TLS 1.2's NPN to clients that ask; ECHO_CLIENT_CA
 * names a CA file: it then asks clients for a certificate (optional), trusting only that
 * file, whose subjects its CertificateRequest lists as certificate authorities (and, with
 * ECHO_DSS_COMPAT=1, lists dss_sign among TLS 1.2's certificate types). With
 * ECHO_FINGERPRINT=1 it prints each client's JA4 fingerprint (hashed and raw) and JA3 string
 * after the handshake. With ECHO_EARLY_DATA=N its tickets allow N bytes of TLS 1.3 early data,
 * which it reads during the handshake (s2n_recv_early_data), reports and echoes first. With ECHO_HANDOVER="COMMAND [ARGS]" it serializes each connection
 * after echoing its first message (s2n_connection_serialize, to the file ECHO_HANDOVER_BLOB)
 * and execs COMMAND ARGS takeover FD BLOB, which the form
 *   s2n_echo_server takeover FD BLOB
 * answers: it restores the connection on FD (s2n_connection_deserialize), echoes one more
 * message and closes. */
#include "common.h"

#if __has_include(<s2n/unstable/fingerprint.h>)
#include <s2n/unstable/fingerprint.h>

static void print_fingerprints(struct s2n_connection *conn)
{
    struct s2n_client_hello *ch = s2n_connection_get_client_hello(conn);
    char ja4[64] = "", ja4_raw[2048] = "", ja3[2048] = "";
    uint32_t len = 0;
    struct s2n_fingerprint *fp = s2n_fingerprint_new(S2N_FINGERPRINT_JA4);
    if (fp && s2n_fingerprint_set_client_hello(fp, ch) == S2N_SUCCESS) {
        if (s2n_fingerprint_get_hash(fp, sizeof ja4 - 1, (uint8_t *) ja4, &len) == S2N_SUCCESS) ja4[len] = 0;
        if (s2n_fingerprint_get_raw(fp, sizeof ja4_raw - 1, (uint8_t *) ja4_raw, &len) == S2N_SUCCESS) ja4_raw[len] = 0;
    }
    s2n_fingerprint_free(&fp);
    if (s2n_client_hello_get_fingerprint_string(ch, S2N_FINGERPRINT_JA3, sizeof ja3 - 1, (uint8_t *) ja3, &len)
        == S2N_SUCCESS)
        ja3[len] = 0;
    printf("server: ja4=%s ja4_r=%s ja3_r=%s\n", ja4, ja4_raw, ja3);
    fflush(stdout);
}
#else
/* Built without the unstable headers (the real s2n-tls's crate does not export them). */
static void print_fingerprints(struct s2n_connection *conn)
{
    (void) conn;
    printf("server: fingerprints unavailable\n");
}
#endif

/* Gives `set` (the staple's or the SCT list's setter) the file the variable `env` names. */
static void set_from_file(struct s2n_cert_chain_and_key *chain, const char *env,
                          int (*set)(struct s2n_cert_chain_and_key *, const uint8_t *, uint32_t))
{
    const char *path = getenv(env);
    if (!path) return;
    size_t len = 0;
    char *data = slurp_len(path, &len);
    GUARD(set(chain, (const uint8_t *) data, (uint32_t) len));
    free(data);
}

/* Serializes `conn` to `blob_path` and replaces this process with `command` (split at
 * spaces) followed by "takeover FD BLOB", which inherits the socket. */
static void hand_over(struct s2n_connection *conn, int fd, const char *command, const char *blob_path)
{
    uint32_t len = 0;
    GUARD(s2n_connection_serialization_length(conn, &len));
    uint8_t *blob = malloc(len);
    GUARD(s2n_connection_serialize(conn, blob, len));
    FILE *f = fopen(blob_path, "wb");
    if (!f || fwrite(blob, 1, len, f) != len || fclose(f) != 0) { perror(blob_path); exit(1); }
    free(blob);
    printf("server: handing over (%u bytes)\n", len);
    fflush(stdout);
    char *words = strdup(command), *argv[16];
    int argc = 0;
    for (char *w = strtok(words, " "); w && argc < 12; w = strtok(NULL, " ")) argv[argc++] = w;
    char fd_text[16];
    snprintf(fd_text, sizeof fd_text, "%d", fd);
    argv[argc++] = "takeover";
    argv[argc++] = fd_text;
    argv[argc++] = (char *) blob_path;
    argv[argc] = NULL;
    execvp(argv[0], argv);
    perror(argv[0]);
    exit(1);
}

/* The other end of hand_over: restores the connection on `fd`, echoes one message and
 * closes. */
static int take_over(int fd, const char *blob_path)
{
    GUARD(s2n_init());
    size_t len = 0;
    char *blob = slurp_len(blob_path, &len);
    struct s2n_connection *conn = s2n_connection_new(S2N_SERVER);
    GUARD(s2n_connection_set_fd(conn, fd));
    GUARD(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING));
    GUARD(s2n_connection_deserialize(conn, (uint8_t *) blob, (uint32_t) len));
    free(blob);
    printf("server: took over version=%d cipher=%s\n", s2n_connection_get_actual_protocol_version(conn),
           s2n_connection_get_cipher(conn));
    fflush(stdout);
    char buf[16384];
    ssize_t n;
    s2n_blocked_status blocked;
    if ((n = s2n_recv(conn, buf, sizeof buf, &blocked)) > 0) GUARD(s2n_send(conn, buf, n, &blocked));
    s2n_shutdown(conn, &blocked);
    s2n_connection_free(conn);
    close(fd);
    s2n_cleanup_final();
    return n > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "takeover") == 0) return take_over(atoi(argv[2]), argv[3]);
    if (argc < 4) { fprintf(stderr, "usage: %s PORT CERT KEY [N]\n", argv[0]); return 2; }
    int count = argc > 4 ? atoi(argv[4]) : 1;
    int once = argc > 5 && strcmp(argv[5], "once") == 0;
    GUARD(s2n_init());
    struct s2n_config *config = s2n_config_new();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    char *cert = slurp(argv[2]), *key = slurp(argv[3]);
    GUARD(s2n_cert_chain_and_key_load_pem(chain, cert, key));
    GUARD(s2n_config_add_cert_chain_and_key_to_store(config, chain));
    set_from_file(chain, "ECHO_OCSP_FILE", s2n_cert_chain_and_key_set_ocsp_data);
    set_from_file(chain, "ECHO_SCT_FILE", s2n_cert_chain_and_key_set_sct_list);
    const char *client_ca = getenv("ECHO_CLIENT_CA");
    if (client_ca) {
        GUARD(s2n_config_wipe_trust_store(config));
        GUARD(s2n_config_set_verification_ca_location(config, client_ca, NULL));
        GUARD(s2n_config_set_client_auth_type(config, S2N_CERT_AUTH_OPTIONAL));
        GUARD(s2n_config_set_cert_authorities_from_trust_store(config));
        const char *dss = getenv("ECHO_DSS_COMPAT");
        if (dss && strcmp(dss, "1") == 0) GUARD(s2n_config_enable_cert_req_dss_legacy_compat(config));
    }
    set_protocol_from_env(config);
    set_npn_from_env(config);
    const char *handover = getenv("ECHO_HANDOVER"), *handover_blob = getenv("ECHO_HANDOVER_BLOB");
    if (handover) GUARD(s2n_config_set_serialization_version(config, S2N_SERIALIZED_CONN_V1));
    const char *early = getenv("ECHO_EARLY_DATA");
    if (early) GUARD(s2n_config_set_server_max_early_data_size(config, atoi(early)));
    const char *tickets = getenv("ECHO_SESSION_TICKETS");
    if (tickets && strcmp(tickets, "1") == 0) {
        uint8_t ticket_key[32] = "ferrotls echo test ticket key";
        GUARD(s2n_config_set_session_tickets_onoff(config, 1));
        GUARD(s2n_config_add_ticket_crypto_key(config, (const uint8_t *) "echo", 4, ticket_key, sizeof ticket_key, 0));
    }

    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) || listen(listener, 8)) { perror("listen"); return 1; }
    printf("listening on 127.0.0.1:%s\n", argv[1]);
    fflush(stdout);

    for (int i = 0; i < count; i++) {
        int fd = accept(listener, NULL, NULL);
        struct s2n_connection *conn = s2n_connection_new(S2N_SERVER);
        GUARD(s2n_connection_set_config(conn, config));
        GUARD(s2n_connection_set_fd(conn, fd));
        GUARD(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING));
        s2n_blocked_status blocked;
        /* With early data on, the handshake reads it first; it is echoed once done. */
        static char early_buf[16384];
        ssize_t early_len = 0;
        if (early && s2n_recv_early_data(conn, (uint8_t *) early_buf, sizeof early_buf, &early_len, &blocked) < 0) {
            fprintf(stderr, "server early data failed: %s (%s)\n", s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
            s2n_connection_free(conn);
            close(fd);
            continue;
        }
        if (s2n_negotiate(conn, &blocked) != S2N_SUCCESS) {
            fprintf(stderr, "server handshake failed: %s (%s)\n", s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
            s2n_connection_free(conn);
            close(fd);
            continue;
        }
        print_summary("server", conn);
        if (early) {
            printf("server early_data=%s early_bytes=%zd\n", early_data_status(conn), early_len);
            fflush(stdout);
            if (early_len > 0) s2n_send(conn, early_buf, early_len, &blocked);
        }
        const char *fingerprint = getenv("ECHO_FINGERPRINT");
        if (fingerprint && strcmp(fingerprint, "1") == 0) print_fingerprints(conn);
        char buf[16384];
        ssize_t n;
        while ((n = s2n_recv(conn, buf, sizeof buf, &blocked)) > 0) {
            for (ssize_t off = 0; off < n;) {
                ssize_t w = s2n_send(conn, buf + off, n - off, &blocked);
                if (w < 0) break;
                off += w;
            }
            if (once) break;
            if (handover && handover_blob) hand_over(conn, fd, handover, handover_blob);
        }
        if (n < 0 && s2n_error_get_type(s2n_errno) != S2N_ERR_T_CLOSED)
            printf("server: connection failed: %s (%s)\n", s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
        s2n_shutdown(conn, &blocked);
        s2n_connection_free(conn);
        close(fd);
    }
    close(listener);
    s2n_config_free(config);
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    s2n_cleanup_final();
    return 0;
}
