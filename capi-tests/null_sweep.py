#!/usr/bin/env python3
"""Writes a C program that calls every exported function taking a pointer with all-zero
(NULL) arguments and checks that it fails cleanly: no crash, the ABI's failure value, and
for s2n an error code in s2n_errno. Functions that s2n or libtls document as accepting NULL
(free functions, error-string lookups) are listed in NULL_OK and must merely not crash.

    null_sweep.py s2n|tls INCLUDE_DIR > sweep.c
"""
import os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_abi import ABIS, prototypes  # noqa: E402

NULL_OK = {
    # s2n: documented or long-standing NULL-tolerant functions
    "s2n_config_free", "s2n_cert_chain_and_key_free", "s2n_connection_get_mode", "s2n_strerror",
    "s2n_strerror_debug", "s2n_rand_set_callbacks", "s2n_print_stacktrace",
    # s2n: freeing through a NULL pointer-to-pointer succeeds
    "s2n_psk_free", "s2n_offered_psk_free", "s2n_crl_free", "s2n_fingerprint_free",
    # s2n answers 0 (no session / not resumed) for NULL instead of failing
    "s2n_connection_get_session_length", "s2n_connection_is_session_resumed",
    # libtls: frees accept NULL; error getters return NULL for "no message"
    "tls_free", "tls_config_free", "tls_unload_file", "tls_reset",
}
# Not called: they change process-wide state the rest of the sweep relies on.
SKIP = {"s2n_init", "s2n_cleanup_final", "s2n_cleanup", "s2n_cleanup_thread", "tls_init"}


def main():
    abi, inc = sys.argv[1], sys.argv[2]
    headers, _, prefixes = ABIS[abi]
    with tempfile.TemporaryDirectory() as tmp:
        protos = prototypes(headers, [inc], prefixes, tmp, "ours")
    out = ["#include <stdio.h>", "#include <string.h>"] + ['#include "%s"' % h for h in headers]
    out.append("static int passed, failed;")
    out.append("static void result(const char *fn, int ok) { if (ok) passed++; else { failed++; printf(\"FAILED: %s\\n\", fn); } }")
    out.append("int main(void) {")
    out.append("  s2n_init();" if abi == "s2n" else "  tls_init();")
    for name, proto in sorted(protos.items()):
        ret, params = proto.split(" " + name + "(", 1)
        params = params[:-1]
        plist = [] if params in ("", "void") else [p.strip() for p in params.split(",")]
        if name in SKIP or not any("*" in p for p in plist):
            continue
        args = ", ".join("(%s)0" % p for p in plist)
        call = "%s(%s)" % (name, args)
        if abi == "s2n":
            out.append("  s2n_errno = 0;")
        if ret == "void":
            out.append("  %s; result(\"%s\", 1);" % (call, name))
            continue
        out.append("  { %s r = %s;" % (ret, call))
        if name in NULL_OK:
            out.append("    (void) r; result(\"%s\", 1); }" % name)
            continue
        if "*" in ret:
            failure = "r == NULL"
        elif ret in ("int", "ssize_t", "long", "time_t"):
            failure = "r < 0"
        elif ret.startswith(("s2n_", "enum")):
            failure = "1"  # enum results carry no failure value
        else:
            failure = "r == 0"  # bool and unsigned results fail as false / 0
        errno_check = " && s2n_errno != 0" if abi == "s2n" and ret in ("int", "ssize_t") else ""
        out.append("    result(\"%s\", (%s)%s); }" % (name, failure, errno_check))
    if abi == "s2n":
        out.append("  s2n_cleanup_final();")
    out.append('  printf("null-sweep %s: %%d passed, %%d failed\\n", passed, failed);' % abi)
    out.append("  return failed != 0;\n}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
