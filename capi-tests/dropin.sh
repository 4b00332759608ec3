#!/bin/bash
# Drop-in checks for libtls.so.26: (1) C tests compiled against Debian's own
# /usr/include/tls.h (libtls-dev), not ours, run against our library; (2) Debian's catgirl
# binary, unchanged, completes a TLS connection through our library (catgirl -o connects,
# prints the server's chain and exits) to a local openssl s_server. Ends with
# "dropin: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LIBDIR=$(cd "${LIBDIR:-$root/target/lib}" && pwd)
CC=${CC:-gcc}
out=$root/target/dropin
mkdir -p "$out"
export TEST_PEMS_DIR=${TEST_PEMS_DIR:-$root/target/test-certs}
"$here/make-certs.sh" "$TEST_PEMS_DIR" || exit 1
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

for name in tls_connect tls_session; do
  # No -I for include/: <tls.h> is Debian's.
  if $CC -O1 -g -Wall -Werror -I"$here" "$here/$name.c" -o "$out/$name-debian-header" -L"$LIBDIR" -ltls -lpthread \
     && LD_LIBRARY_PATH=$LIBDIR timeout 300 "$out/$name-debian-header" > "$out/$name.log" 2>&1; then
    pass "$name built with Debian's tls.h, run on our libtls.so.26 ($(tail -n 1 "$out/$name.log"))"
  else
    fail "$name built with Debian's tls.h"; tail -n 20 "$out/$name.log" 2>/dev/null
  fi
done

if command -v catgirl >/dev/null && command -v openssl >/dev/null; then
  certs=$TEST_PEMS_DIR
  port=$((20000 + RANDOM % 20000))
  openssl s_server -accept $port -cert "$certs/ecdsa_p256_pkcs1_leaf.pem" -key "$certs/ecdsa_p256_pkcs1_key.pem" \
    -naccept 1 -quiet >/dev/null 2>&1 &
  server=$!
  sleep 0.3
  # Which libtls catgirl really loads, to be sure the test is about ours.
  loaded=$(LD_LIBRARY_PATH=$LIBDIR ldd "$(command -v catgirl)" | awk '/libtls/ {print $3}')
  chain=$(LD_LIBRARY_PATH=$LIBDIR timeout 20 catgirl -o -h 127.0.0.1 -p $port 2>"$out/catgirl.err")
  rc=$?
  kill $server 2>/dev/null; wait $server 2>/dev/null
  leaf=$(openssl x509 -in "$certs/ecdsa_p256_pkcs1_leaf.pem" -outform DER | sha256sum)
  got=$(printf '%s\n' "$chain" | openssl x509 -outform DER 2>/dev/null | sha256sum)
  if [ $rc -eq 0 ] && [ "$loaded" = "$LIBDIR/libtls.so.26" ] && [ "$got" = "$leaf" ]; then
    pass "Debian's catgirl -o through our libtls.so.26 gets openssl s_server's certificate"
  else
    fail "catgirl (rc=$rc, loaded $loaded)"; cat "$out/catgirl.err"; printf '%s\n' "$chain" | head -5
  fi
else
  fail "catgirl or openssl is not installed (scripts/test-deps.sh installs them)"
fi

echo "dropin: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
