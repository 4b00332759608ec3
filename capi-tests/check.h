/* A tiny assertion harness shared by the C tests. Each CHECK counts as one test case; the
 * program ends with the line "N passed, M failed" and exits non-zero on any failure. */
#pragma once
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks_passed, checks_failed;

#define CHECK(cond)                                                               \
    do {                                                                          \
        if (cond) {                                                               \
            checks_passed++;                                                      \
        } else {                                                                  \
            checks_failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                         \
    } while (0)

static inline int checks_report(void)
{
    printf("%d passed, %d failed\n", checks_passed, checks_failed);
    return checks_failed ? 1 : 0;
}

/* Reads a whole file into a NUL-terminated heap buffer (NULL on error). */
static inline char *read_file(const char *dir, const char *name, size_t *len_out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(len + 1);
    if (buf && fread(buf, 1, len, f) != (size_t) len) { free(buf); buf = NULL; }
    fclose(f);
    if (buf) { buf[len] = 0; if (len_out) *len_out = len; }
    return buf;
}

static inline const char *pems_dir(void)
{
    const char *dir = getenv("TEST_PEMS_DIR");
    return dir ? dir : "target/test-certs";
}

/* Reads the PEM files the s2n handshake tests share, from $TEST_PEMS_DIR, into whichever
 * of the pointers are given (NULL skips one): the P-256 chain and key servers present, the
 * CA, and the RSA-2048 chain and key clients authenticate with. 1 if all asked for were read. */
static inline int read_test_pems(char **cert, char **key, char **ca, char **client_cert, char **client_key)
{
    const char *names[] = { "ecdsa_p256_pkcs1_cert.pem", "ecdsa_p256_pkcs1_key.pem", "ca_cert.pem",
                            "rsa_2048_pkcs1_cert.pem", "rsa_2048_pkcs1_key.pem" };
    char **out[] = { cert, key, ca, client_cert, client_key };
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        if (!out[i]) continue;
        *out[i] = read_file(pems_dir(), names[i], NULL);
        if (!*out[i]) {
            fprintf(stderr, "missing %s in %s\n", names[i], pems_dir());
            ok = 0;
        }
    }
    return ok;
}

static inline void free_test_pems(char *cert, char *key, char *ca, char *client_cert, char *client_key)
{
    free(cert);
    free(key);
    free(ca);
    free(client_cert);
    free(client_key);
}

/* The path of a file in $TEST_PEMS_DIR. Four results can be live at once (one call may
 * take a certificate, a key and a staple). */
static inline const char *pem(const char *name)
{
    static char paths[4][4096];
    static unsigned next;
    char *path = paths[next++ % 4];
    snprintf(path, sizeof paths[0], "%s/%s", pems_dir(), name);
    return path;
}
