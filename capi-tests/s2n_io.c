/* s2n's I/O shaping options:
 *  - s2n_connection_use_corked_io over real TCP (TCP_CORK around each handshake flight,
 *    only on sockets the library writes itself; a socket the application corked is left
 *    as it is);
 *  - s2n_connection_set_dynamic_record_threshold (small records first, again after idling),
 *    s2n_config_set_send_buffer_size (records gathered into fewer writes) and
 *    s2n_connection_set_dynamic_buffers (buffers freed when empty), watched through
 *    in-memory pipes and the heap. */
#include <malloc.h>
#include <netinet/tcp.h>

#include "check.h"
#include "s2n_pair.h"
#include "s2n_pipes.h"

static char *cert_pem, *key_pem, *ca_pem;

static int corked(int fd)
{
    int value = 0;
    socklen_t len = sizeof value;
    CHECK(getsockopt(fd, IPPROTO_TCP, TCP_CORK, &value, &len) == 0);
    return value;
}

static int noop_send(void *ctx, const uint8_t *buf, uint32_t len) { (void) ctx; (void) buf; return (int) len; }

static void corked_io(struct s2n_config *sc, struct s2n_config *cc)
{
    /* Not on connections without a socket of their own. */
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    CHECK(s2n_connection_use_corked_io(conn) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CORK_SET_ON_UNMANAGED") == 0);
    CHECK(s2n_connection_set_send_cb(conn, noop_send) == S2N_SUCCESS);
    CHECK(s2n_connection_use_corked_io(conn) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_CORK_SET_ON_UNMANAGED") == 0);
    s2n_connection_free(conn);

    /* Over TCP, both sides corked while writing flights; the handshake completes, data
     * flows, and the sockets end uncorked. A server socket the application corked itself
     * stays corked. */
    for (int app_corked = 0; app_corked < 2; app_corked++) {
        int fds[2];
        struct s2n_connection *server, *client;
        tcp_fds(fds);
        if (app_corked) {
            int on = 1;
            CHECK(setsockopt(fds[0], IPPROTO_TCP, TCP_CORK, &on, sizeof on) == 0);
        }
        pair_on_fds(sc, cc, fds, &server, &client);
        CHECK(s2n_set_server_name(client, "localhost") == S2N_SUCCESS);
        CHECK(s2n_connection_use_corked_io(server) == S2N_SUCCESS);
        CHECK(s2n_connection_use_corked_io(client) == S2N_SUCCESS);
        struct side cs, ss;
        CHECK(negotiate_pair(client, server, fds, &cs, &ss));
        CHECK(corked(fds[1]) == 0);
        CHECK(corked(fds[0]) == app_corked);
        s2n_blocked_status blocked;
        char buf[8];
        CHECK(s2n_send(client, "ping", 4, &blocked) == 4);
        CHECK(s2n_recv(server, buf, sizeof buf, &blocked) == 4 && memcmp(buf, "ping", 4) == 0);
        close_pair(client, server, fds);
    }
}

/* ---- pipes: record sizes and write calls as the peer sees them ---- */

static struct pipe to_server, to_client;
static int writes; /* send callback calls */

static int counting_send(void *ctx, const uint8_t *data, uint32_t len)
{
    writes++;
    return pipe_send(ctx, data, len);
}

static uint64_t fake_now;
static int fake_clock(void *ctx, uint64_t *now) { (void) ctx; *now = fake_now; return 0; }

static void pipe_pair(struct s2n_config *sc, struct s2n_config *cc, struct s2n_connection **client,
                      struct s2n_connection **server)
{
    memset(&to_server, 0, sizeof to_server);
    memset(&to_client, 0, sizeof to_client);
    *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    s2n_connection_set_send_cb(*client, counting_send);
    CHECK(negotiate_pipes(*client, *server));
    to_server.start = to_server.end = 0;
}

/* The payload sizes of the records waiting in `p` (TLS 1.3 AES-GCM: 17 bytes of overhead). */
static int record_payloads(struct pipe *p, int *sizes, int max)
{
    int n = 0;
    for (size_t at = p->start; at + 5 <= p->end && n < max; n++) {
        int len = p->buf[at + 3] << 8 | p->buf[at + 4];
        sizes[n] = len - 17;
        at += 5 + len;
    }
    return n;
}

/* Reads everything the client sent, checking it is `len` bytes of `fill` (any bytes if 0). */
static void drain_server(struct s2n_connection *server, size_t len, char fill)
{
    static char buf[1 << 16];
    s2n_blocked_status blocked;
    size_t got = 0;
    int intact = 1;
    while (got < len) {
        ssize_t n = s2n_recv(server, buf, sizeof buf, &blocked);
        if (n <= 0) break;
        for (ssize_t i = 0; fill && i < n; i++) intact &= buf[i] == fill;
        got += n;
    }
    CHECK(got == len && intact);
    to_server.start = to_server.end = 0;
}

static void dynamic_records(struct s2n_config *sc, struct s2n_config *cc)
{
    struct s2n_connection *client, *server;
    CHECK(s2n_config_set_monotonic_clock(cc, fake_clock, NULL) == S2N_SUCCESS);
    pipe_pair(sc, cc, &client, &server);
    CHECK(s2n_connection_set_dynamic_record_threshold(client, (8 << 20) + 1, 1) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_DYNAMIC_THRESHOLD") == 0);
    CHECK(s2n_connection_prefer_throughput(client) == S2N_SUCCESS);
    CHECK(s2n_connection_set_dynamic_record_threshold(client, 4000, 1) == S2N_SUCCESS);
    static char data[20000];
    memset(data, 'd', sizeof data);
    s2n_blocked_status blocked;
    int sizes[32], n;

    /* Segment-sized records (a 1500-byte MTU less IPv6, TCP, options, record header and
     * the record's own 17 bytes: 1378) until 4000 bytes are out, then full records. */
    fake_now = 1000000000ull;
    CHECK(s2n_send(client, data, sizeof data, &blocked) == (ssize_t) sizeof data);
    n = record_payloads(&to_server, sizes, 32);
    CHECK(n == 4 && sizes[0] == 1378 && sizes[1] == 1378 && sizes[2] == 1378 && sizes[3] == 20000 - 3 * 1378);
    drain_server(server, sizeof data, 'd');
    /* Still busy: full records. */
    fake_now += 500000000ull;
    CHECK(s2n_send(client, data, sizeof data, &blocked) == (ssize_t) sizeof data);
    n = record_payloads(&to_server, sizes, 32);
    CHECK(n == 2 && sizes[0] == 16384 && sizes[1] == 20000 - 16384);
    drain_server(server, sizeof data, 'd');
    /* Idle past the timeout: small records again. */
    fake_now += 1500000000ull;
    CHECK(s2n_send(client, data, 3000, &blocked) == 3000);
    n = record_payloads(&to_server, sizes, 32);
    CHECK(n == 3 && sizes[0] == 1378 && sizes[1] == 1378 && sizes[2] == 3000 - 2 * 1378);
    drain_server(server, 3000, 'd');
    s2n_connection_free(client);
    s2n_connection_free(server);
}

static void send_buffer(struct s2n_config *sc, struct s2n_config *cc)
{
    CHECK(s2n_config_set_send_buffer_size(cc, 1033) == S2N_FAILURE);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_ARGUMENT") == 0);
    static char data[4 * 16384];
    memset(data, 'b', sizeof data);
    s2n_blocked_status blocked;
    int writes_without = 0;
    for (int buffered = 0; buffered < 2; buffered++) {
        /* Room for two full records per write. */
        if (buffered) CHECK(s2n_config_set_send_buffer_size(cc, 40000) == S2N_SUCCESS);
        struct s2n_connection *client, *server;
        pipe_pair(sc, cc, &client, &server);
        CHECK(s2n_connection_prefer_throughput(client) == S2N_SUCCESS);
        writes = 0;
        CHECK(s2n_send(client, data, sizeof data, &blocked) == (ssize_t) sizeof data);
        int sizes[8];
        CHECK(record_payloads(&to_server, sizes, 8) == 4);
        if (!buffered) {
            writes_without = writes;
            CHECK(writes == 4);
        } else {
            CHECK(writes == 2 && writes < writes_without);
        }
        drain_server(server, sizeof data, 'b');
        s2n_connection_free(client);
        s2n_connection_free(server);
    }
}

/* Heap held by a pair after 16 KiB went each way, with or without dynamic buffers. */
static size_t heap_after_exchange(struct s2n_config *sc, struct s2n_config *cc, int dynamic)
{
    size_t before = mallinfo2().uordblks;
    struct s2n_connection *client, *server;
    pipe_pair(sc, cc, &client, &server);
    if (dynamic) {
        CHECK(s2n_connection_set_dynamic_buffers(client, true) == S2N_SUCCESS);
        CHECK(s2n_connection_set_dynamic_buffers(server, true) == S2N_SUCCESS);
    }
    CHECK(s2n_connection_prefer_throughput(client) == S2N_SUCCESS);
    CHECK(s2n_connection_prefer_throughput(server) == S2N_SUCCESS);
    static char data[16384];
    memset(data, 'h', sizeof data);
    s2n_blocked_status blocked;
    CHECK(s2n_send(client, data, sizeof data, &blocked) == (ssize_t) sizeof data);
    drain_server(server, sizeof data, 'h');
    CHECK(s2n_send(server, data, sizeof data, &blocked) == (ssize_t) sizeof data);
    static char buf[16384];
    size_t got = 0;
    while (got < sizeof data) {
        ssize_t n = s2n_recv(client, buf, sizeof buf, &blocked);
        if (n <= 0) break;
        got += n;
    }
    CHECK(got == sizeof data);
    size_t held = mallinfo2().uordblks - before;
    /* Buffers come back as needed. */
    CHECK(s2n_send(client, "again", 5, &blocked) == 5);
    drain_server(server, 5, 0);
    s2n_connection_free(client);
    s2n_connection_free(server);
    return held;
}

static void dynamic_buffers(struct s2n_config *sc, struct s2n_config *cc)
{
    /* Under valgrind, whose allocator glibc's statistics do not see, only run the code. */
    void *probe = malloc(4096);
    int heap_visible = mallinfo2().uordblks >= 4096;
    free(probe);
    if (!heap_visible) {
        heap_after_exchange(sc, cc, 1);
        return;
    }
    size_t fixed = heap_after_exchange(sc, cc, 0), dynamic = heap_after_exchange(sc, cc, 1);
    /* Each side's input and output buffers held a 16 KiB record. */
    if (getenv("VERBOSE") || !(fixed > dynamic + 2 * 16384)) fprintf(stderr, "heap per pair: %zu fixed, %zu dynamic\n", fixed, dynamic);
    CHECK(fixed > dynamic + 2 * 16384);
}

int main(void)
{
    if (!read_test_pems(&cert_pem, &key_pem, &ca_pem, NULL, NULL)) return 1;
    CHECK(s2n_init() == S2N_SUCCESS);
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    CHECK(s2n_cert_chain_and_key_load_pem(chain, cert_pem, key_pem) == S2N_SUCCESS);
    struct s2n_config *sc = s2n_config_new_minimal(), *cc = s2n_config_new_minimal();
    CHECK(s2n_config_add_cert_chain_and_key_to_store(sc, chain) == S2N_SUCCESS);
    CHECK(s2n_config_add_pem_to_trust_store(cc, ca_pem) == S2N_SUCCESS);

    corked_io(sc, cc);
    dynamic_records(sc, cc);
    send_buffer(sc, cc);
    dynamic_buffers(sc, cc);

    s2n_config_free(sc);
    s2n_config_free(cc);
    s2n_cert_chain_and_key_free(chain);
    free_test_pems(cert_pem, key_pem, ca_pem, NULL, NULL);
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
