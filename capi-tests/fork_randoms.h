/* The check that a forked child never sends a hello random its parent also sends (or
 * sent): the library may keep random bytes ready per thread, and a child inherits them.
 * Shared by the s2n and libtls lifecycle tests, which supply how to get one ClientHello's
 * random. Needs check.h first. */
#pragma once
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Writes the 32-byte random of a new client's ClientHello, sent through `fd`, a
 * non-blocking socket: 1 on success. */
typedef int (*send_client_hello_fn)(void *config, int fd);

/* The random of the ClientHello `send` writes, read from the other end of a socketpair. */
static inline int client_hello_random(send_client_hello_fn send, void *config, unsigned char random[32])
{
    int fds[2];
    unsigned char hello[1024];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return 0;
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    int ok = send(config, fds[1]);
    /* record header (5), handshake header (4), legacy_version (2), then the random */
    ok = ok && read(fds[0], hello, sizeof hello) > 43 && hello[5] == 1;
    if (ok) memcpy(random, hello + 11, 32);
    close(fds[0]);
    close(fds[1]);
    return ok;
}

/* Two randoms before and after a fork, in the parent and in the child, all different.
 * `release` frees `config` in the child before it exits (valgrind checks that exit too). */
static inline void check_randoms_after_fork(send_client_hello_fn send, void *config, void (*release)(void *config))
{
    unsigned char before[32], parent[2][32], child[2][32];
    CHECK(client_hello_random(send, config, before));
    int pipe_fds[2];
    CHECK(pipe(pipe_fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int ok = client_hello_random(send, config, child[0]) && client_hello_random(send, config, child[1]);
        release(config);
        _exit(ok && write(pipe_fds[1], child, sizeof child) == (ssize_t) sizeof child ? 0 : 1);
    }
    close(pipe_fds[1]);
    CHECK(client_hello_random(send, config, parent[0]) && client_hello_random(send, config, parent[1]));
    CHECK(read(pipe_fds[0], child, sizeof child) == (ssize_t) sizeof child);
    int status = -1;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(pipe_fds[0]);
    for (int p = 0; p < 2; p++) {
        for (int c = 0; c < 2; c++) CHECK(memcmp(parent[p], child[c], 32) != 0);
        CHECK(memcmp(parent[p], before, 32) != 0);
    }
    CHECK(memcmp(parent[0], parent[1], 32) != 0 && memcmp(child[0], child[1], 32) != 0);
}
