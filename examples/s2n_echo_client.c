/* A TLS client on the s2n API: connects to 127.0.0.1:PORT, verifies the server against
 * CA_PEM for NAME, sends MESSAGE, prints what comes back, closes.
 *   s2n_echo_client PORT CA_PEM NAME MESSAGE
 * ECHO_POLICY names a security policy; with ECHO_SESSION_FILE the client resumes the
 * session saved there (if any) and saves the connection's session there afterwards; with
 * ECHO_OCSP=1 it asks for (and checks) a stapled OCSP response, with ECHO_CT=1 for the
 * server's Certificate Transparency SCT list (and prints its size), with ECHO_NPN=1 it also
 * offers its protocol (http/1.1) (or ECHO_PROTOCOL's) by TLS 1.2's NPN; with ECHO_RENEGOTIATION
 * (ignore, reject or accept) it answers TLS 1.2 renegotiation requests that way, out loud
 * (accepting, it renegotiates once the read in progress returns: s2n_renegotiate_wipe,
 * then s2n_renegotiate, keeping what data arrives meanwhile); with
 * ECHO_EARLY_DATA=1 it sends MESSAGE as TLS 1.3 early data when the saved session allows it
 * (what the server refuses goes again after the handshake) and says how that went.          */
#include "common.h"
/* s2n-tls's own build (tools/s2n-peer) exports only s2n.h: the renegotiation knob needs the
 * unstable header, which ours installs. */
#if __has_include(<s2n/unstable/renegotiate.h>)
#include <s2n/unstable/renegotiate.h>
#define HAVE_RENEGOTIATE_CB 1

static int renegotiation_accepted; /* set by the callback; acted on after s2n_recv */

static int renegotiation_request(struct s2n_connection *conn, void *ctx, s2n_renegotiate_response *response)
{
    (void) conn;
    const char *answer = ctx;
    int reject = strcmp(answer, "reject") == 0, accept = strcmp(answer, "accept") == 0;
    printf("client: server asked to renegotiate; %s\n", reject ? "refusing" : accept ? "accepting" : "ignoring");
    *response = reject ? S2N_RENEGOTIATE_REJECT : accept ? S2N_RENEGOTIATE_ACCEPT : S2N_RENEGOTIATE_IGNORE;
    renegotiation_accepted |= accept;
    return S2N_SUCCESS;
}

/* The new handshake: the connection is wiped for it and set up again (its name, blinding);
 * application data arriving meanwhile goes to `buf`. Returns how much came. */
static size_t renegotiate(struct s2n_connection *conn, const char *name, char *buf, size_t room)
{
    GUARD(s2n_renegotiate_wipe(conn));
    GUARD(s2n_set_server_name(conn, name));
    GUARD(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING));
    size_t got = 0;
    s2n_blocked_status blocked;
    ssize_t n = 0;
    while (s2n_renegotiate(conn, (uint8_t *) buf + got, room - got, &n, &blocked) != S2N_SUCCESS) {
        if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) GUARD(-1);
        if (n > 0) printf("client: %zd bytes of data during the renegotiation\n", n);
        got += (size_t) n;
    }
    print_summary("client (renegotiated)", conn);
    return got;
}
#endif

int main(int argc, char **argv)
{
    if (argc < 5) { fprintf(stderr, "usage: %s PORT CA NAME MESSAGE\n", argv[0]); return 2; }
    GUARD(s2n_init());
    struct s2n_config *config = s2n_config_new_minimal();
    char *ca = slurp(argv[2]);
    GUARD(s2n_config_add_pem_to_trust_store(config, ca));
    set_protocol_from_env(config);
    const char *policy = getenv("ECHO_POLICY");
    if (policy) GUARD(s2n_config_set_cipher_preferences(config, policy));
    const char *session_file = getenv("ECHO_SESSION_FILE");
    if (session_file) GUARD(s2n_config_set_session_tickets_onoff(config, 1));
    const char *ocsp = getenv("ECHO_OCSP");
    if (ocsp && strcmp(ocsp, "1") == 0) GUARD(s2n_config_set_status_request_type(config, S2N_STATUS_REQUEST_OCSP));
    set_npn_from_env(config);
    const char *ct = getenv("ECHO_CT");
    if (ct && strcmp(ct, "1") == 0) GUARD(s2n_config_set_ct_support_level(config, S2N_CT_SUPPORT_REQUEST));
#ifdef HAVE_RENEGOTIATE_CB
    const char *renegotiation = getenv("ECHO_RENEGOTIATION");
    if (renegotiation) GUARD(s2n_config_set_renegotiate_request_cb(config, renegotiation_request, (void *) renegotiation));
#endif

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int tries = 0; connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0; tries++) {
        if (tries == 50) { perror("connect"); return 1; }
        usleep(100000);
        close(fd);
        fd = socket(AF_INET, SOCK_STREAM, 0);
    }
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    GUARD(s2n_connection_set_config(conn, config));
    GUARD(s2n_connection_set_fd(conn, fd));
    GUARD(s2n_set_server_name(conn, argv[3]));
    GUARD(s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING));
    static uint8_t session[8192];
    FILE *saved = session_file ? fopen(session_file, "rb") : NULL;
    if (saved) {
        size_t n = fread(session, 1, sizeof session, saved);
        fclose(saved);
        if (n > 0) GUARD(s2n_connection_set_session(conn, session, n));
    }
    s2n_blocked_status blocked;
    size_t len = strlen(argv[4]);
    ssize_t early_sent = 0;
    const char *early = getenv("ECHO_EARLY_DATA");
    if (early && strcmp(early, "1") == 0) {
        uint32_t max = 0;
        GUARD(s2n_connection_get_max_early_data_size(conn, &max));
        GUARD(s2n_send_early_data(conn, (const uint8_t *) argv[4], len, &early_sent, &blocked));
        printf("client early_max=%u early_sent=%zd\n", max, early_sent);
    }
    GUARD(s2n_negotiate(conn, &blocked));
    print_summary("client", conn);
    if (early && strcmp(early, "1") == 0) printf("client early_data=%s\n", early_data_status(conn));
    s2n_early_data_status_t early_status = S2N_EARLY_DATA_STATUS_NOT_REQUESTED;
    s2n_connection_get_early_data_status(conn, &early_status);
    if (early_status != S2N_EARLY_DATA_STATUS_END) early_sent = 0;
    uint32_t ocsp_len = 0;
    s2n_connection_get_ocsp_response(conn, &ocsp_len);
    printf("client ocsp_stapled=%d ocsp_bytes=%u\n", s2n_connection_is_ocsp_stapled(conn), ocsp_len);
    if (ct && strcmp(ct, "1") == 0) {
        uint32_t sct_len = 0;
        const uint8_t *sct = s2n_connection_get_sct_list(conn, &sct_len);
        printf("client sct_bytes=%u sct_head=", sct_len);
        for (uint32_t i = 0; sct && i < sct_len && i < 8; i++) printf("%02x", sct[i]);
        printf("\n");
    }

    if ((size_t) early_sent < len) GUARD(s2n_send(conn, argv[4] + early_sent, len - early_sent, &blocked));
    char buf[4096];
    size_t got = 0;
    while (got < len) {
        ssize_t n = s2n_recv(conn, buf + got, sizeof buf - 1 - got, &blocked);
        if (n <= 0) {
            if (n < 0) printf("client: connection failed: %s (%s)\n", s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
            break;
        }
        got += n;
#ifdef HAVE_RENEGOTIATE_CB
        if (renegotiation_accepted) {
            renegotiation_accepted = 0;
            got += renegotiate(conn, argv[3], buf + got, sizeof buf - 1 - got);
        }
#endif
    }
    buf[got] = 0;
    printf("client received: %s\n", buf);
    int session_len = session_file ? s2n_connection_get_session(conn, session, sizeof session) : 0;
    if (session_len > 0) {
        FILE *out = fopen(session_file, "wb");
        if (out) {
            fwrite(session, 1, (size_t) session_len, out);
            fclose(out);
        }
    }
    s2n_shutdown_send(conn, &blocked);
    s2n_connection_free(conn);
    close(fd);
    s2n_config_free(config);
    free(ca);
    s2n_cleanup_final();
    return got == len ? 0 : 1;
}
