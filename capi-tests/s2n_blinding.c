/* Self-service blinding on the application's monotonic clock (s2n_config_set_monotonic_clock):
 * after a failed handshake the connection reports its blinding delay, s2n_shutdown is
 * refused until the clock has moved past it, and the delay counts down with that clock, not
 * with real time. Over a socketpair; the client does not trust the server, so it fails. */
#include <s2n.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "s2n_pair.h"

static uint64_t fake_now = 1000000000ull; /* nanoseconds, moved by the test */
static int calls;

static int test_monotonic(void *ctx, uint64_t *nanos)
{
    (void) ctx;
    calls++;
    *nanos = fake_now;
    return 0;
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    char *cert = read_file(pems_dir(), "ecdsa_p256_pkcs1_cert.pem", NULL);
    char *key = read_file(pems_dir(), "ecdsa_p256_pkcs1_key.pem", NULL);
    CHECK(cert && key);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == 0);
    struct s2n_config *sc = s2n_config_new();
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == 0);
    struct s2n_config *cc = s2n_config_new_minimal(); /* trusts nothing */
    CHECK(s2n_config_set_monotonic_clock(cc, test_monotonic, NULL) == 0);

    int fds[2];
    struct s2n_connection *server, *client;
    open_pair(sc, cc, fds, &server, &client);
    CHECK(s2n_connection_get_delay(client) == 0);

    struct side c = {client, fds[1], 0, ""}, s = {server, fds[0], 0, ""};
    CHECK(!negotiate_both(&c, &s));
    CHECK(strcmp(c.err, "S2N_ERR_CERT_UNTRUSTED") == 0);

    /* s2n's default: 10 to 30 seconds, measured on our clock. */
    uint64_t delay = s2n_connection_get_delay(client);
    CHECK(delay >= 10000000000ull && delay <= 30000000000ull);
    CHECK(calls > 0);
    s2n_blocked_status blocked;
    CHECK(s2n_shutdown(client, &blocked) != 0 && strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_SHUTDOWN_PAUSED") == 0);
    /* Real time does not count; the application's clock does. */
    usleep(20 * 1000);
    CHECK(s2n_connection_get_delay(client) == delay);
    fake_now += 5000000000ull;
    CHECK(s2n_connection_get_delay(client) == delay - 5000000000ull);
    fake_now += 26000000000ull;
    CHECK(s2n_connection_get_delay(client) == 0);
    /* Now the shutdown may go (it fails only on the closed socket, not on the delay). */
    s2n_errno = 0;
    int rc = s2n_shutdown(client, &blocked);
    CHECK(rc == 0 || strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_SHUTDOWN_PAUSED") != 0);

    close_pair(client, server, fds);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free(cert);
    free(key);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
