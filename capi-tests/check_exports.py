#!/usr/bin/env python3
"""Checks that a shared library exports exactly its ABI: the dynamic symbol table (nm -D)
must equal the names our ABI modules export, so no Rust, std or aws-lc symbol leaks.

    check_exports.py LIB.so SRC_DIR [EXTRA_SYMBOL ...]
"""
import subprocess, sys

lib, src, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
nm = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
exported = {line.split()[-1].split("@")[0] for line in nm.splitlines() if line.strip()}
expected = set(subprocess.run(["scripts/exports.sh", src] + extra, capture_output=True, text=True,
                              check=True).stdout.split())
leaks, missing = sorted(exported - expected), sorted(expected - exported)
for name in leaks:
    print("exported but not part of the ABI: " + name)
for name in missing:
    print("part of the ABI but not exported: " + name)
failed = len(leaks) + len(missing)
print("exports %s: %d passed, %d failed" % (lib, len(expected & exported), failed))
sys.exit(1 if failed else 0)
