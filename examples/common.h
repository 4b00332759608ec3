/* Shared bits of the example programs: error reporting, PEM loading, TCP setup. */
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <s2n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define GUARD(x)                                                                                       \
    do {                                                                                               \
        if ((x) < 0) {                                                                                 \
            fprintf(stderr, "%s failed: %s (%s)\n", #x, s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno)); \
            exit(1);                                                                                   \
        }                                                                                              \
    } while (0)

/* A whole file, NUL-terminated; its length in *len_out. */
static inline char *slurp_len(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = calloc(1, len + 1);
    if (fread(buf, 1, len, f) != (size_t) len) { perror(path); exit(1); }
    fclose(f);
    *len_out = (size_t) len;
    return buf;
}

static inline char *slurp(const char *path)
{
    size_t len;
    return slurp_len(path, &len);
}

/* ECHO_NPN=1: the protocol may also be settled by TLS 1.2's NPN (s2n_config_set_npn, in
 * an unstable header, used where the build provides it). */
#if __has_include(<s2n/unstable/npn.h>)
#include <s2n/unstable/npn.h>
#endif
static inline void set_npn_from_env(struct s2n_config *config)
{
    const char *npn = getenv("ECHO_NPN");
    if (!npn || strcmp(npn, "1") != 0) return;
#if __has_include(<s2n/unstable/npn.h>)
    GUARD(s2n_config_set_npn(config, 1));
#else
    fprintf(stderr, "ECHO_NPN: built without <s2n/unstable/npn.h>\n");
#endif
}

/* The one ALPN protocol offered: http/1.1, or ECHO_PROTOCOL's (empty: no ALPN at all). */
static inline void set_protocol_from_env(struct s2n_config *config)
{
    const char *protocols[] = { getenv("ECHO_PROTOCOL") ? getenv("ECHO_PROTOCOL") : "http/1.1" };
    if (*protocols[0]) GUARD(s2n_config_set_protocol_preferences(config, protocols, 1));
}

static inline void print_summary(const char *who, struct s2n_connection *conn)
{
    const char *alpn = s2n_get_application_protocol(conn);
    const char *scheme = NULL;
    if (s2n_connection_get_signature_scheme(conn, &scheme) < 0) scheme = NULL;
    printf("%s: version=%d cipher=%s group=%s handshake=%s alpn=%s resumed=%d sig=%s\n", who,
           s2n_connection_get_actual_protocol_version(conn), s2n_connection_get_cipher(conn),
           s2n_connection_get_curve(conn), s2n_connection_get_handshake_type_name(conn), alpn ? alpn : "-",
           s2n_connection_is_session_resumed(conn), scheme ? scheme : "-");
    fflush(stdout);
}

/* How early data went on `conn`, in s2n's terms. */
static inline const char *early_data_status(struct s2n_connection *conn)
{
    s2n_early_data_status_t status;
    if (s2n_connection_get_early_data_status(conn, &status) < 0) return "?";
    switch (status) {
    case S2N_EARLY_DATA_STATUS_OK: return "ok";
    case S2N_EARLY_DATA_STATUS_NOT_REQUESTED: return "not-requested";
    case S2N_EARLY_DATA_STATUS_REJECTED: return "rejected";
    case S2N_EARLY_DATA_STATUS_END: return "end";
    }
    return "?";
}
