/* ClientHello fingerprints (s2n/unstable/fingerprint.h): JA4 of a hello with a published
 * fingerprint, both forms and their sizes; the API's argument and state errors; JA3's
 * string (its MD5 hash is not available: aws-lc-rs has no MD5); and the JA4 a server's
 * client-hello callback takes of a live hello, which must match the one taken again from
 * the raw message after the handshake. */
#include <s2n.h>
#include <s2n/unstable/fingerprint.h>
#include "check.h"
#include "s2n_pipes.h"

static int same(const char *got, const char *want)
{
    if (strcmp(got, want) == 0) return 1;
    fprintf(stderr, "  got  %s\n  want %s\n", got, want);
    return 0;
}

static int failed_with(int rc, const char *name)
{
    if (rc == S2N_FAILURE && strcmp(s2n_strerror_name(s2n_errno), name) == 0) return 1;
    fprintf(stderr, "  rc %d, error %s, want %s\n", rc, s2n_strerror_name(s2n_errno), name);
    return 0;
}

/* The lists of a published Opera 129 ClientHello (its JA4 is t13d1516h2_8daaf6152771_
 * d8a2da3f94cd), with a GREASE suite and extension added, which JA4 leaves out. */
static const uint16_t suites[] = { 0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
                                   0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035 };
static const uint16_t extensions[] = { 0x3a3a, 0xfe0d, 0x0033, 0xff01, 0x0017, 0x001b, 0x000a, 0x0000, 0x0010,
                                       0x0005, 0x002b, 0x002d, 0x0012, 0x000b, 0x44cd, 0x000d, 0x0023 };
static const uint16_t schemes[] = { 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601 };

static size_t put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v & 0xff;
    return 2;
}

/* The ClientHello message (with its handshake header) carrying those lists. */
static size_t browser_hello(uint8_t *m)
{
    size_t n = 4;
    n += put16(m + n, 0x0303);
    memset(m + n, 0, 32);
    n += 32;
    m[n++] = 0; /* session id */
    n += put16(m + n, sizeof suites);
    for (size_t i = 0; i < sizeof suites / 2; i++) n += put16(m + n, suites[i]);
    m[n++] = 1;
    m[n++] = 0;
    size_t ext_len_at = n;
    n += 2;
    for (size_t i = 0; i < sizeof extensions / 2; i++) {
        n += put16(m + n, extensions[i]);
        size_t len_at = n;
        n += 2;
        switch (extensions[i]) {
        case 0x0000: /* server_name: "example.com" */
            n += put16(m + n, 14);
            m[n++] = 0;
            n += put16(m + n, 11);
            memcpy(m + n, "example.com", 11);
            n += 11;
            break;
        case 0x0010: /* ALPN: h2, http/1.1 */
            n += put16(m + n, 12);
            memcpy(m + n, "\x02h2\x08http/1.1", 12);
            n += 12;
            break;
        case 0x002b: /* supported_versions: GREASE, 1.3, 1.2 */
            m[n++] = 6;
            n += put16(m + n, 0x5a5a);
            n += put16(m + n, 0x0304);
            n += put16(m + n, 0x0303);
            break;
        case 0x000d:
            n += put16(m + n, sizeof schemes);
            for (size_t j = 0; j < sizeof schemes / 2; j++) n += put16(m + n, schemes[j]);
            break;
        case 0x000a: /* supported_groups: GREASE, X25519MLKEM768, x25519, secp256r1 */
            n += put16(m + n, 8);
            n += put16(m + n, 0x6a6a);
            n += put16(m + n, 0x11ec);
            n += put16(m + n, 0x001d);
            n += put16(m + n, 0x0017);
            break;
        case 0x000b: /* ec_point_formats: uncompressed */
            m[n++] = 1;
            m[n++] = 0;
            break;
        }
        put16(m + len_at, n - len_at - 2);
    }
    put16(m + ext_len_at, n - ext_len_at - 2);
    m[0] = 1; /* client_hello */
    m[1] = 0;
    put16(m + 2, n - 4);
    return n;
}

static const char *browser_ja4 = "t13d1516h2_8daaf6152771_d8a2da3f94cd";
static const char *browser_ja4_raw =
    "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
    "0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_"
    "0403,0804,0401,0503,0805,0501,0806,0601";
static const char *browser_ja3 =
    "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
    "65037-51-65281-23-27-10-0-16-5-43-45-18-11-17613-13-35,4588-29-23,0";

static void known_answers(void)
{
    uint8_t message[512];
    size_t len = browser_hello(message);
    struct s2n_client_hello *ch = s2n_client_hello_parse_message(message, len);
    CHECK(ch != NULL);
    struct s2n_fingerprint *fp = s2n_fingerprint_new(S2N_FINGERPRINT_JA4);
    CHECK(fp != NULL);

    uint32_t size = 0;
    CHECK(s2n_fingerprint_get_hash_size(fp, &size) == S2N_SUCCESS && size == 36);
    char out[1024];
    uint32_t out_len = 99;
    /* Nothing to fingerprint yet, and no raw size before a fingerprint was taken. */
    CHECK(failed_with(s2n_fingerprint_get_hash(fp, sizeof out, (uint8_t *) out, &out_len), "S2N_ERR_INVALID_STATE"));
    CHECK(out_len == 0);
    CHECK(failed_with(s2n_fingerprint_get_raw_size(fp, &size), "S2N_ERR_INVALID_STATE"));

    CHECK(s2n_fingerprint_set_client_hello(fp, ch) == S2N_SUCCESS);
    CHECK(failed_with(s2n_fingerprint_get_hash(fp, 35, (uint8_t *) out, &out_len), "S2N_ERR_INSUFFICIENT_MEM_SIZE"));
    CHECK(s2n_fingerprint_get_hash(fp, sizeof out, (uint8_t *) out, &out_len) == S2N_SUCCESS);
    CHECK(out_len == 36);
    out[out_len] = 0;
    CHECK(same(out, browser_ja4));
    CHECK(s2n_fingerprint_get_raw_size(fp, &size) == S2N_SUCCESS && size == strlen(browser_ja4_raw));

    CHECK(failed_with(s2n_fingerprint_get_raw(fp, 20, (uint8_t *) out, &out_len), "S2N_ERR_INSUFFICIENT_MEM_SIZE"));
    CHECK(failed_with(s2n_fingerprint_get_raw(fp, 0, (uint8_t *) out, &out_len), "S2N_ERR_INSUFFICIENT_MEM_SIZE"));
    CHECK(s2n_fingerprint_get_raw(fp, sizeof out, (uint8_t *) out, &out_len) == S2N_SUCCESS);
    out[out_len] = 0;
    CHECK(same(out, browser_ja4_raw));

    /* Argument errors are s2n's. */
    CHECK(failed_with(s2n_fingerprint_get_hash(fp, sizeof out, NULL, &out_len), "S2N_ERR_INVALID_ARGUMENT"));
    CHECK(failed_with(s2n_fingerprint_get_raw(fp, sizeof out, (uint8_t *) out, NULL), "S2N_ERR_INVALID_ARGUMENT"));
    CHECK(failed_with(s2n_fingerprint_set_client_hello(fp, NULL), "S2N_ERR_INVALID_ARGUMENT"));
    CHECK(failed_with(s2n_fingerprint_get_hash_size(NULL, &size), "S2N_ERR_INVALID_ARGUMENT"));
    CHECK(s2n_fingerprint_new((s2n_fingerprint_type) 7) == NULL);
    CHECK(strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INVALID_ARGUMENT") == 0);

    /* Wiping forgets the hello and the raw size; the object is reused. */
    CHECK(s2n_fingerprint_wipe(fp) == S2N_SUCCESS);
    CHECK(failed_with(s2n_fingerprint_get_raw_size(fp, &size), "S2N_ERR_INVALID_STATE"));
    CHECK(failed_with(s2n_fingerprint_get_raw(fp, sizeof out, (uint8_t *) out, &out_len), "S2N_ERR_INVALID_STATE"));
    CHECK(s2n_fingerprint_set_client_hello(fp, ch) == S2N_SUCCESS);
    CHECK(s2n_fingerprint_get_hash(fp, sizeof out, (uint8_t *) out, &out_len) == S2N_SUCCESS);
    CHECK(out_len == 36 && memcmp(out, browser_ja4, 36) == 0);
    CHECK(s2n_fingerprint_free(&fp) == S2N_SUCCESS && fp == NULL);
    CHECK(s2n_fingerprint_free(&fp) == S2N_SUCCESS);
    CHECK(s2n_fingerprint_free(NULL) == S2N_SUCCESS);

    /* JA3: the string works through both calls; the MD5 hash is not available. */
    fp = s2n_fingerprint_new(S2N_FINGERPRINT_JA3);
    CHECK(fp != NULL);
    CHECK(s2n_fingerprint_get_hash_size(fp, &size) == S2N_SUCCESS && size == 32);
    CHECK(s2n_fingerprint_set_client_hello(fp, ch) == S2N_SUCCESS);
    CHECK(s2n_fingerprint_get_raw(fp, sizeof out, (uint8_t *) out, &out_len) == S2N_SUCCESS);
    out[out_len] = 0;
    CHECK(same(out, browser_ja3));
    CHECK(s2n_fingerprint_get_raw_size(fp, &size) == S2N_SUCCESS && size == strlen(browser_ja3));
    CHECK(failed_with(s2n_fingerprint_get_hash(fp, sizeof out, (uint8_t *) out, &out_len),
                      "S2N_ERR_FERROTLS_UNIMPLEMENTED"));
    s2n_fingerprint_free(&fp);
    memset(out, 0, sizeof out);
    CHECK(s2n_client_hello_get_fingerprint_string(ch, S2N_FINGERPRINT_JA3, sizeof out, (uint8_t *) out, &out_len)
          == S2N_SUCCESS);
    CHECK(same(out, browser_ja3) && out_len == strlen(browser_ja3));
    CHECK(failed_with(s2n_client_hello_get_fingerprint_string(ch, S2N_FINGERPRINT_JA4, sizeof out, (uint8_t *) out,
                                                               &out_len),
                      "S2N_ERR_INVALID_ARGUMENT"));
    uint32_t str_size = 0;
    CHECK(failed_with(s2n_client_hello_get_fingerprint_hash(ch, S2N_FINGERPRINT_JA3, sizeof out, (uint8_t *) out,
                                                             &out_len, &str_size),
                      "S2N_ERR_FERROTLS_UNIMPLEMENTED"));
    s2n_client_hello_free(&ch);
}

struct seen {
    int calls;
    char ja4[64], ja4_raw[1024];
};

/* The server's client-hello callback fingerprints the hello it is handed. */
static int fingerprint_hello(struct s2n_connection *conn, void *ctx)
{
    struct seen *seen = ctx;
    seen->calls++;
    struct s2n_fingerprint *fp = s2n_fingerprint_new(S2N_FINGERPRINT_JA4);
    uint32_t len = 0;
    if (fp && s2n_fingerprint_set_client_hello(fp, s2n_connection_get_client_hello(conn)) == S2N_SUCCESS
        && s2n_fingerprint_get_hash(fp, sizeof seen->ja4 - 1, (uint8_t *) seen->ja4, &len) == S2N_SUCCESS) {
        seen->ja4[len] = 0;
        if (s2n_fingerprint_get_raw(fp, sizeof seen->ja4_raw - 1, (uint8_t *) seen->ja4_raw, &len) == S2N_SUCCESS)
            seen->ja4_raw[len] = 0;
    }
    s2n_fingerprint_free(&fp);
    return 0;
}

static void live_hello(const char *policy, const char *want_prefix)
{
    char *cert, *key, *ca;
    CHECK(read_test_pems(&cert, &key, &ca, NULL, NULL));
    struct s2n_config *sc = config_owning_chain("test_all", ca, cert, key);
    struct s2n_config *cc = config_owning_chain(policy, ca, cert, key);
    const char *protocols[] = { "http/1.1" };
    CHECK(s2n_config_set_protocol_preferences(cc, protocols, 1) == S2N_SUCCESS);
    struct seen seen = { 0 };
    CHECK(s2n_config_set_client_hello_cb(sc, fingerprint_hello, &seen) == S2N_SUCCESS);
    struct pipe to_server = { 0 }, to_client = { 0 };
    struct s2n_connection *client = pipe_conn(S2N_CLIENT, cc, &to_client, &to_server);
    struct s2n_connection *server = pipe_conn(S2N_SERVER, sc, &to_server, &to_client);
    CHECK(negotiate_pipes(client, server));
    CHECK(seen.calls == 1);
    CHECK(strncmp(seen.ja4, want_prefix, strlen(want_prefix)) == 0);
    if (strncmp(seen.ja4, want_prefix, strlen(want_prefix)) != 0) fprintf(stderr, "  ja4 %s\n", seen.ja4);
    CHECK(strlen(seen.ja4) == 36 && strncmp(seen.ja4, seen.ja4_raw, 10) == 0);

    /* The same hello, taken from its raw bytes after the handshake, gives the same JA4. */
    struct s2n_client_hello *live = s2n_connection_get_client_hello(server);
    uint8_t message[4096];
    ssize_t body = s2n_client_hello_get_raw_message(live, message + 4, sizeof message - 4);
    CHECK(body > 0);
    message[0] = 1;
    message[1] = 0;
    put16(message + 2, (uint16_t) body);
    struct s2n_client_hello *parsed = s2n_client_hello_parse_message(message, body + 4);
    struct s2n_fingerprint *fp = s2n_fingerprint_new(S2N_FINGERPRINT_JA4);
    char again[64];
    uint32_t len = 0;
    CHECK(s2n_fingerprint_set_client_hello(fp, parsed) == S2N_SUCCESS);
    CHECK(s2n_fingerprint_get_hash(fp, sizeof again - 1, (uint8_t *) again, &len) == S2N_SUCCESS);
    again[len] = 0;
    CHECK(same(again, seen.ja4));
    s2n_fingerprint_free(&fp);
    s2n_client_hello_free(&parsed);
    free_pipe_case(client, server, sc, cc);
    free(cert);
    free(key);
    free(ca);
}

int main(void)
{
    CHECK(s2n_init() == S2N_SUCCESS);
    known_answers();
    /* Our client asks for "localhost" and offers ALPN http/1.1. */
    live_hello("default_tls13", "t13d");
    live_hello("test_all_tls12", "t12d");
    CHECK(s2n_cleanup_final() == S2N_SUCCESS);
    return checks_report();
}
