#!/bin/sh
# Builds and runs every C test in capi-tests/ (s2n_*.c against libs2n, tls_*.c against libtls).
# Each test is first compiled against the reference header (s2n-tls's, or Debian's libtls
# tls.h) to prove our API is a source-level drop-in, then built against include/ and run,
# under valgrind when it is installed. The s2n lifecycle test also runs linked statically.
# Environment: LIBDIR (built libraries), S2N_REF (s2n-tls-sys lib/ dir), CC, CFLAGS.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LIBDIR=$(cd "${LIBDIR:-$root/target/lib}" && pwd)
CC=${CC:-gcc}
CFLAGS=${CFLAGS:--O1 -g -Wall -Wextra -Werror}
out=$root/target/capi-tests
mkdir -p "$out"
export TEST_PEMS_DIR=${TEST_PEMS_DIR:-$root/target/test-certs}
"$here/make-certs.sh" "$TEST_PEMS_DIR" || { echo "could not make test certificates"; exit 1; }

# s2n installs its unstable headers as <s2n/unstable/X.h>; lay the reference out the same way.
refdir=$out/s2n-ref
if [ -n "${S2N_REF:-}" ]; then
  mkdir -p "$refdir/s2n" && ln -sfn "$S2N_REF/api/unstable" "$refdir/s2n/unstable"
fi

valgrind=""
if command -v valgrind >/dev/null 2>&1; then
  valgrind="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-possibly-lost=no"
fi

passed=0; failed=0
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }
for src in "$here"/s2n_*.c "$here"/tls_*.c; do
  [ -e "$src" ] || continue
  name=$(basename "$src" .c)
  case $name in
    s2n_*) lib=s2n
           refflags="-I$S2N_REF/api -I$refdir -I$S2N_REF -include $S2N_REF/tls/s2n_internal.h -include $S2N_REF/tls/s2n_quic_support.h" ;;
    tls_*) lib=tls; refflags="" ;; # Debian's /usr/include/tls.h is found by default
  esac
  if ! $CC $CFLAGS -fsyntax-only $refflags -I"$here" "$src"; then
    fail "$name does not compile against the reference $lib header"; continue
  fi
  if ! $CC $CFLAGS -I"$root/include" -I"$here" "$src" -o "$out/$name" -L"$LIBDIR" -l$lib -lpthread; then
    fail "$name does not build against include/"; continue
  fi
  if LD_LIBRARY_PATH=$LIBDIR $valgrind "$out/$name" > "$out/$name.log" 2>&1; then
    passed=$((passed + 1)); tail -n 1 "$out/$name.log" | sed "s/^/$name: /"
  else
    fail "$name"; sed 's/^/    /' "$out/$name.log" | tail -n 30
  fi
  if [ "$lib" = s2n ] && [ "$name" = s2n_lifecycle ]; then
    if $CC $CFLAGS -I"$root/include" -I"$here" "$src" -o "$out/$name-static" "$LIBDIR/libs2n.a" \
         -lpthread -lm -ldl -lrt -lutil -lgcc_s && "$out/$name-static" > "$out/$name-static.log" 2>&1; then
      passed=$((passed + 1)); echo "$name (static libs2n.a): $(tail -n 1 "$out/$name-static.log")"
    else
      fail "$name linked with libs2n.a"; tail -n 30 "$out/$name-static.log" 2>/dev/null
    fi
  fi
done
echo "c-tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
