/* The demo: what a program linked to ferrotls's libs2n sees today. The TLS handshake and
 * echo over loopback arrive with the TLS 1.3 issue; until then it shows the library
 * starting, building a config and a connection, and reporting errors the s2n way. */
#include <s2n.h>
#include <stdio.h>

int main(void)
{
    if (s2n_init() != S2N_SUCCESS) {
        fprintf(stderr, "s2n_init: %s\n", s2n_strerror(s2n_errno, "EN"));
        return 1;
    }
    struct s2n_config *config = s2n_config_new();
    struct s2n_connection *conn = s2n_connection_new(S2N_SERVER);
    s2n_connection_set_config(conn, config);
    printf("ferrotls libs2n: initialised, config and %s connection created\n",
           s2n_connection_get_mode(conn) == S2N_SERVER ? "server" : "client");

    s2n_blocked_status blocked = S2N_NOT_BLOCKED;
    if (s2n_negotiate(conn, &blocked) != S2N_SUCCESS) {
        printf("s2n_negotiate: %s (%s)\n", s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
        printf("handshakes arrive in the TLS 1.3 issue\n");
    }
    s2n_connection_free(conn);
    s2n_config_free(config);
    s2n_cleanup_final();
    return 0;
}
