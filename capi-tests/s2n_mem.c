/* s2n_mem_set_callbacks: once set before s2n_init, the library's heap comes from the
 * application's malloc and goes back to its free (init at s2n_init, cleanup at
 * s2n_cleanup_final), so the application can account for it: every byte handed out while
 * connections and configs live is given back when they are freed. */
#include "check.h"
#include "s2n_pipes.h"

static long outstanding_bytes, live_blocks, mallocs, frees, inits, cleanups;
static int fail_init;

static int mem_init(void) { inits++; return fail_init ? -1 : 0; }
static int mem_cleanup(void) { cleanups++; return 0; }

static int mem_malloc(void **ptr, uint32_t requested, uint32_t *allocated)
{
    *ptr = malloc(requested);
    if (!*ptr) return -1;
    *allocated = requested;
    mallocs++;
    live_blocks++;
    outstanding_bytes += requested;
    return 0;
}

static int mem_free(void *ptr, uint32_t size)
{
    frees++;
    live_blocks--;
    outstanding_bytes -= size;
    free(ptr);
    return 0;
}

static struct pipe to_server, to_client;

int main(void)
{
    const char *dir = pems_dir();
    char *cert = read_file(dir, "ecdsa_p256_pkcs1_cert.pem", NULL), *key = read_file(dir, "ecdsa_p256_pkcs1_key.pem", NULL);
    char *ca = read_file(dir, "ca_cert.pem", NULL);
    if (!cert || !key || !ca) return 1;

    CHECK(s2n_mem_set_callbacks(NULL, mem_cleanup, mem_malloc, mem_free) == S2N_FAILURE);
    CHECK(s2n_mem_set_callbacks(mem_init, mem_cleanup, mem_malloc, mem_free) == S2N_SUCCESS);
    /* A failing init callback fails s2n_init. */
    fail_init = 1;
    CHECK(s2n_init() == S2N_FAILURE && inits == 1);
    fail_init = 0;
    CHECK(s2n_init() == S2N_SUCCESS && inits == 2);
    CHECK(s2n_mem_set_callbacks(mem_init, mem_cleanup, mem_malloc, mem_free) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INITIALIZED") == 0);

    long before = outstanding_bytes, blocks_before = live_blocks;
    struct s2n_config *sc = s2n_config_new_minimal(), *cc = s2n_config_new_minimal();
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert, key) == S2N_SUCCESS);
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca) == S2N_SUCCESS);
    CHECK(s2n_config_set_session_tickets_onoff(sc, 1) == S2N_SUCCESS);
    uint8_t ticket_key[32] = { 7, 7, 7 };
    CHECK(s2n_config_add_ticket_crypto_key(sc, (const uint8_t *) "k", 1, ticket_key, 32, 0) == S2N_SUCCESS);
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    long mallocs_first = mallocs;
    CHECK(negotiate_pipes(client, server));
    s2n_blocked_status blocked;
    char buf[16];
    CHECK(s2n_send(client, "ping", 4, &blocked) == 4);
    CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 4);
    mallocs_first = mallocs - mallocs_first;
    /* The connections and configs live on the application's heap. */
    long during = outstanding_bytes;
    if (during - before < 4096) fprintf(stderr, "only %ld bytes through the callbacks\n", during - before);
    CHECK(during - before >= 4096 && mallocs > 20);

    /* Wiped connections handshake again, and again: the buffers they keep are not
     * allocated anew, and nothing accumulates from one round to the next. */
    long held_after_round[4];
    for (int round = 0; round < 4; round++) {
        memset(&to_server, 0, sizeof to_server);
        memset(&to_client, 0, sizeof to_client);
        CHECK(s2n_connection_wipe(client) == S2N_SUCCESS && s2n_connection_wipe(server) == S2N_SUCCESS);
        /* A wipe keeps the connection's settings to be made again: its I/O and blinding. */
        pipe_attach(client, cc, &to_client, &to_server);
        pipe_attach(server, sc, &to_server, &to_client);
        s2n_set_server_name(client, "localhost");
        long mallocs_round = mallocs;
        CHECK(negotiate_pipes(client, server));
        CHECK(s2n_send(client, "ping", 4, &blocked) == 4);
        CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 4);
        mallocs_round = mallocs - mallocs_round;
        /* The four kept buffers, and the growth of each, are ~14 allocations. */
        if (getenv("VERBOSE") || mallocs_round > mallocs_first - 8)
            fprintf(stderr, "round %d: %ld mallocs, first %ld\n", round, mallocs_round, mallocs_first);
        CHECK(mallocs_round <= mallocs_first - 8);
        held_after_round[round] = outstanding_bytes;
    }
    CHECK(held_after_round[3] <= held_after_round[1]);

    /* Everything freed gives every byte back. */
    s2n_connection_free(client);
    s2n_connection_free(server);
    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    if (outstanding_bytes != before) fprintf(stderr, "%ld bytes in %ld blocks not given back\n", outstanding_bytes - before, live_blocks - blocks_before);
    CHECK(outstanding_bytes == before && live_blocks == blocks_before);
    CHECK(frees > 20);

    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    CHECK(cleanups == 1);
    free(cert);
    free(key);
    free(ca);
    return checks_report();
}
