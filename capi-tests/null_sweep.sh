#!/bin/sh
# Calls every exported pointer-taking function with NULL arguments (see null_sweep.py),
# for both libraries, under valgrind when available: no crash, no memory error, no leak.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LIBDIR=$(cd "${LIBDIR:-$root/target/lib}" && pwd)
CC=${CC:-gcc}
out=$root/target/capi-tests
mkdir -p "$out"
valgrind=""
command -v valgrind >/dev/null 2>&1 && valgrind="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-possibly-lost=no"
status=0
for abi in s2n tls; do
  python3 "$here/null_sweep.py" $abi "$root/include" > "$out/null_sweep_$abi.c" || { status=1; continue; }
  $CC -w -I"$root/include" "$out/null_sweep_$abi.c" -o "$out/null_sweep_$abi" -L"$LIBDIR" -l$abi || { status=1; continue; }
  LD_LIBRARY_PATH=$LIBDIR $valgrind "$out/null_sweep_$abi" || { echo "null sweep $abi FAILED (exit $?)"; status=1; }
done
exit $status
