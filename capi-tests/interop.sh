#!/bin/bash
# Interop matrix: our s2n client and server (the example programs, linked to libs2n.so)
# against the openssl and gnutls command-line tools and the real s2n-tls, TLS 1.3 and 1.2,
# handshake plus data both ways, and session resumption both ways. Each cell is one test; ends with "interop: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
LIBDIR=$(cd "${LIBDIR:-$root/target/lib}" && pwd)
bin=$root/target/examples
certs=$root/target/test-certs
"$here/make-certs.sh" "$certs"
make -s -C "$root/examples" LIBDIR="$LIBDIR" INCLUDE="$root/include" all >/dev/null || exit 1
export LD_LIBRARY_PATH=$LIBDIR
leaf=$certs/ecdsa_p256_pkcs1_leaf.pem key=$certs/ecdsa_p256_pkcs1_key.pem ca=$certs/ca_cert.pem
port=$((20000 + RANDOM % 20000))
passed=0 failed=0
cell() { # name, command...
  local name=$1; shift
  local out; out=$(timeout 20 bash -c "$*" 2>&1)
  if [ $? -eq 0 ]; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; echo "$out" | tail -n 8 | sed 's/^/    /'; fi
}
next_port() { port=$((port + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Our client against the tools' servers (openssl -rev answers each line reversed), and
# the tools' clients against our server, in TLS 1.3 and TLS 1.2 (the tools are pinned to a
# version; ours negotiate). version=34 is S2N_TLS13, 33 S2N_TLS12.
for v in 1.3 1.2; do
  s2nv=$([ $v = 1.3 ] && echo 34 || echo 33)
  ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
  gnutls_prio="NORMAL:-VERS-ALL:+VERS-TLS$v"
  if command -v openssl >/dev/null; then
    next_port
    cell "ferrotls client -> openssl s_server (TLS $v)" "
      openssl s_server -accept $port -cert $leaf -key $key $ossl -rev -naccept 1 -quiet >/dev/null 2>&1 &
      out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); wait
      echo \"\$out\"; echo \"\$out\" | grep -q 'client received: gnip' && echo \"\$out\" | grep -q 'version=$s2nv'"
    next_port
    cell "openssl s_client -> ferrotls server (TLS $v)" "
      $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -quiet -ign_eof 2>&1); wait
      echo \"\$out\"; echo \"\$out\" | grep -qx 'ping'"
  fi
  if command -v gnutls-serv >/dev/null; then
    next_port
    cell "ferrotls client -> gnutls-serv (TLS $v)" "
      gnutls-serv --echo -p $port --x509certfile $leaf --x509keyfile $key --priority $gnutls_prio >/dev/null 2>&1 & srv=\$!
      out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; kill \$srv; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'client received: ping' && echo \"\$out\" | grep -q 'version=$s2nv'"
    next_port
    cell "gnutls-cli -> ferrotls server (TLS $v)" "
      $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | gnutls-cli --x509cafile $ca -p $port localhost --priority $gnutls_prio 2>&1); wait
      echo \"\$out\"; echo \"\$out\" | grep -q 'TLS$v' && echo \"\$out\" | grep -qx 'ping'"
  fi
done

# RSASSA-PSS certificates (id-RSASSA-PSS keys, rsa_pss_pss signatures) both ways with
# openssl and gnutls, TLS 1.3 and 1.2: rsa_pss_sha384 (key restricted to SHA-384, issued
# by an RSASSA-PSS intermediate) where the tool serves, rsa_pss_2048 where we serve (our
# server's summary line names the scheme it signed with).
pss_leaf=$certs/rsa_pss_sha384_leaf.pem pss_inter=$certs/rsa_pss_ca_cert.pem pss_key=$certs/rsa_pss_sha384_key.pem
for v in 1.3 1.2; do
  s2nv=$([ $v = 1.3 ] && echo 34 || echo 33)
  ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
  gnutls_prio="NORMAL:-VERS-ALL:+VERS-TLS$v"
  if command -v openssl >/dev/null; then
    next_port
    cell "ferrotls client -> openssl s_server, RSASSA-PSS certificate (TLS $v)" "
      openssl s_server -accept $port -cert $pss_leaf -cert_chain $pss_inter -key $pss_key $ossl -rev -naccept 1 -quiet >/dev/null 2>&1 &
      out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); wait
      echo \"\$out\"; echo \"\$out\" | grep -q 'client received: gnip' && echo \"\$out\" | grep -q 'version=$s2nv .*sig=rsa_pss_pss_sha384'"
    next_port
    cell "openssl s_client -> ferrotls server, RSASSA-PSS certificate (TLS $v)" "
      $bin/s2n_echo_server $port $certs/rsa_pss_2048_cert.pem $certs/rsa_pss_2048_key.pem 1 once > $tmp/pss-ossl-$v &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -ign_eof 2>&1); wait
      echo \"\$out\" | tail -n 5; cat $tmp/pss-ossl-$v
      echo \"\$out\" | grep -qx 'ping' && echo \"\$out\" | grep -q 'Peer signature type: RSA-PSS' && grep -q 'version=$s2nv .*sig=rsa_pss_pss_sha256' $tmp/pss-ossl-$v"
  fi
  if command -v gnutls-serv >/dev/null; then
    next_port
    cell "ferrotls client -> gnutls-serv, RSASSA-PSS certificate (TLS $v)" "
      gnutls-serv --echo -p $port --x509certfile $certs/rsa_pss_sha384_cert.pem --x509keyfile $pss_key --priority $gnutls_prio >/dev/null 2>&1 & srv=\$!
      sleep 0.3
      out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; kill \$srv; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'client received: ping' && echo \"\$out\" | grep -q 'version=$s2nv .*sig=rsa_pss_pss_sha384'"
    next_port
    cell "gnutls-cli -> ferrotls server, RSASSA-PSS certificate (TLS $v)" "
      $bin/s2n_echo_server $port $certs/rsa_pss_2048_cert.pem $certs/rsa_pss_2048_key.pem 1 once > $tmp/pss-gnutls-$v &
      sleep 0.3
      out=\$(printf 'ping\n' | gnutls-cli --x509cafile $ca -p $port localhost --priority $gnutls_prio 2>&1); wait
      echo \"\$out\" | tail -n 5; cat $tmp/pss-gnutls-$v
      echo \"\$out\" | grep -q '(TLS$v-X.509).*(RSA-PSS-SHA256)' && echo \"\$out\" | grep -qx 'ping' && grep -q 'sig=rsa_pss_pss_sha256' $tmp/pss-gnutls-$v"
  fi
done

# Our server's CertificateRequest lists its trust store's subjects
# (s2n_config_set_cert_authorities_from_trust_store): openssl s_client prints them.
if command -v openssl >/dev/null; then
  for v in 1.3 1.2; do
    ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
    next_port
    cell "openssl s_client sees the ferrotls server's certificate authorities (TLS $v)" "
      ECHO_CLIENT_CA=$ca $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -ign_eof 2>&1); wait
      echo \"\$out\" | grep -A2 'Acceptable client certificate CA names'
      echo \"\$out\" | grep -A1 'Acceptable client certificate CA names' | grep -q 'CN *= *ferrotls test CA' && echo \"\$out\" | grep -qx 'ping'"
  done
  # s2n_config_enable_cert_req_dss_legacy_compat: dss_sign among TLS 1.2's certificate types.
  next_port
  cell "openssl s_client sees dss_sign in the ferrotls server's certificate types (TLS 1.2)" "
    ECHO_CLIENT_CA=$ca ECHO_DSS_COMPAT=1 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
    sleep 0.3
    out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error -tls1_2 -ign_eof 2>&1); wait
    echo \"\$out\" | grep 'Client Certificate Types'
    echo \"\$out\" | grep -q 'Client Certificate Types: RSA sign, DSA sign, ECDSA sign' && echo \"\$out\" | grep -qx 'ping'"
fi

# Session resumption (tickets) both ways, TLS 1.2 (RFC 5077) and TLS 1.3: the second
# connection must resume the first one's session.
for v in 1.2 1.3; do
  s2nv=$([ $v = 1.3 ] && echo 34 || echo 33)
  ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
  policy=$([ $v = 1.3 ] && echo default_tls13 || echo test_all_tls12)
  if command -v openssl >/dev/null; then
    next_port
    cell "ferrotls client resumes with openssl s_server (TLS $v)" "
      rm -f $tmp/s2n-$v
      openssl s_server -accept $port -cert $leaf -key $key $ossl -rev -naccept 2 -quiet >/dev/null 2>&1 &
      first=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$tmp/s2n-$v $bin/s2n_echo_client $port $ca localhost \$'ping\n')
      second=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$tmp/s2n-$v $bin/s2n_echo_client $port $ca localhost \$'ping\n'); wait
      echo \"\$first\"; echo \"\$second\"
      echo \"\$first\" | grep -q 'version=$s2nv .*resumed=0' && echo \"\$second\" | grep -q 'version=$s2nv .*resumed=1' && echo \"\$second\" | grep -q 'client received: gnip'"
    next_port
    cell "openssl s_client resumes with ferrotls server (TLS $v)" "
      rm -f $tmp/ossl-$v
      ECHO_SESSION_TICKETS=1 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 2 once >/dev/null &
      sleep 0.3
      first=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -sess_out $tmp/ossl-$v -ign_eof 2>&1)
      second=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -sess_in $tmp/ossl-$v -ign_eof 2>&1); wait
      echo \"\$second\" | tail -n 30
      echo \"\$first\" | grep -q '^New,' && echo \"\$second\" | grep -q '^Reused,' && echo \"\$second\" | grep -qx 'ping'"
  fi
done

# The real s2n-tls: the same example programs, compiled against s2n-tls's headers and
# linked with its library (tools/s2n-peer, built from the s2n-tls-sys crate's sources).
peer=$root/target/s2n-peer/release/ferrotls-s2n-peer
# The vendored sources' unstable headers (for the fingerprint API), where the examples look
# for them: s2n-tls-sys exports only s2n.h.
unstable=$root/target/s2n-peer/unstable-include
mkdir -p "$unstable/s2n" && ln -sfn "$("$root/scripts/reference-headers.sh" s2n)/api/unstable" "$unstable/s2n/unstable"
if command -v cargo >/dev/null && (cd "$root/tools/s2n-peer" && FERROTLS_S2N_UNSTABLE_INCLUDE=$unstable CARGO_TARGET_DIR=$root/target/s2n-peer cargo build --release -q) >/dev/null 2>&1; then
  have_peer=1
  next_port
  cell "ferrotls client -> real s2n-tls server (TLS 1.3)" "
    $peer server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
    out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'version=34' && echo \"\$out\" | grep -q 'client received: ping'"
  next_port
  cell "real s2n-tls client -> ferrotls server (TLS 1.3)" "
    $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
    out=\$($peer client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'version=34' && echo \"\$out\" | grep -q 'client received: ping'"
  # (s2n-tls cannot load a key whose RSASSA-PSS parameters restrict it, S2N_ERR_PKEY_CTX_INIT,
  # so both directions use the unrestricted one.)
  next_port
  cell "ferrotls client -> real s2n-tls server, RSASSA-PSS certificate (TLS 1.3)" "
    $peer server $port $certs/rsa_pss_2048_cert.pem $certs/rsa_pss_2048_key.pem 1 >/dev/null &
    out=\$($bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'version=34 .*sig=rsa_pss_pss_sha256' && echo \"\$out\" | grep -q 'client received: ping'"
  next_port
  cell "real s2n-tls client -> ferrotls server, RSASSA-PSS certificate (TLS 1.3)" "
    $bin/s2n_echo_server $port $certs/rsa_pss_2048_cert.pem $certs/rsa_pss_2048_key.pem 1 >/dev/null &
    out=\$($peer client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'version=34 .*sig=rsa_pss_pss_sha256' && echo \"\$out\" | grep -q 'client received: ping'"
  # NAME VERSION SERVER FIRST_CLIENT SECOND_CLIENT: s2n example programs (ours or the real
  # s2n-tls's); the server takes two connections, both clients keep their session in one
  # file, the first handshake is full and the second must resume.
  resume_cell() {
    local name=$1 v=$2 server=$3 first_client=$4 second_client=$5
    local s2nv policy file
    s2nv=$([ "$v" = 1.3 ] && echo 34 || echo 33)
    policy=$([ "$v" = 1.3 ] && echo default_tls13 || echo test_all_tls12)
    next_port
    file=$tmp/session-$port
    cell "$name (TLS $v)" "
      ECHO_SESSION_TICKETS=1 $server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 2 >/dev/null &
      first=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $first_client $port $ca localhost \$'ping\n')
      second=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $second_client $port $ca localhost \$'ping\n'); wait
      echo \"\$first\"; echo \"\$second\"
      echo \"\$first\" | grep -q 'version=$s2nv .*resumed=0' && echo \"\$second\" | grep -q 'version=$s2nv .*resumed=1'"
  }
  # NAME VERSION FIRST_SERVER SECOND_SERVER: each server takes one connection; our client
  # gets a ticket from the first and must resume with it at the second.
  shared_key_cell() {
    local name=$1 v=$2 first_server=$3 second_server=$4
    local s2nv policy file port1 port2
    s2nv=$([ "$v" = 1.3 ] && echo 34 || echo 33)
    policy=$([ "$v" = 1.3 ] && echo default_tls13 || echo test_all_tls12)
    next_port; port1=$port; next_port; port2=$port
    file=$tmp/session-$port
    cell "$name (TLS $v)" "
      ECHO_SESSION_TICKETS=1 $first_server $port1 $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
      ECHO_SESSION_TICKETS=1 $second_server $port2 $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
      first=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $bin/s2n_echo_client $port1 $ca localhost \$'ping\n')
      second=\$(ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $bin/s2n_echo_client $port2 $ca localhost \$'ping\n'); wait
      echo \"\$first\"; echo \"\$second\"
      echo \"\$first\" | grep -q 'version=$s2nv .*resumed=0' && echo \"\$second\" | grep -q 'version=$s2nv .*resumed=1'"
  }
  # NAME CLIENT: the same client (a command with @PORT@ for the port) connects to our server
  # and to the real s2n-tls server, each printing the hello's fingerprints
  # (s2n/unstable/fingerprint.h): JA4 hashed and raw, and JA3's string must be the same.
  # Handshake type names and signature scheme names as both sides report them, for a full
  # handshake with a ticket and the resumption after it: ours (server and client) must
  # print what the real s2n-tls prints.
  cat > "$tmp/names.sh" <<'EOS'
server=$1 client=$2 port=$3 policy=$4 cert=$5 key=$6 ca=$7 file=$8
ECHO_SESSION_TICKETS=1 $server $port $cert $key 2 > $file.server &
ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $client $port $ca localhost 'ping' > $file.c1
ECHO_POLICY=$policy ECHO_SESSION_FILE=$file $client $port $ca localhost 'ping' > $file.c2
wait
cat $file.c1 $file.c2 $file.server | grep -o 'handshake=[^ ]*\|sig=[^ ]*'
EOS
  for v in 1.3 1.2; do
    policy=$([ $v = 1.3 ] && echo default_tls13 || echo test_all_tls12)
    next_port; real_port=$port; next_port
    cell "handshake and signature scheme names are the real s2n-tls's (TLS $v, full then resumed)" "
      real=\$(bash $tmp/names.sh '$peer server' '$peer client' $real_port $policy $certs/ecdsa_p256_pkcs1_cert.pem $key $ca $tmp/names-real-$v)
      ours=\$(bash $tmp/names.sh $bin/s2n_echo_server $bin/s2n_echo_client $port $policy $certs/ecdsa_p256_pkcs1_cert.pem $key $ca $tmp/names-ours-$v)
      echo real: \$real; echo ours: \$ours; [ -n \"\$real\" ] && [ \"\$real\" = \"\$ours\" ]"
  done
  fingerprint_cell() {
    local name=$1 client=$2 port1 port2
    next_port; port1=$port; next_port; port2=$port
    cell "$name" "
      ECHO_FINGERPRINT=1 $bin/s2n_echo_server $port1 $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once > $tmp/fp-ours-$port1 &
      ECHO_FINGERPRINT=1 $peer server $port2 $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once > $tmp/fp-real-$port2 &
      sleep 0.3
      printf 'ping\n' | ${client//@PORT@/$port1} >/dev/null 2>&1
      printf 'ping\n' | ${client//@PORT@/$port2} >/dev/null 2>&1; wait
      ours=\$(grep -o 'ja4=.*' $tmp/fp-ours-$port1); real=\$(grep -o 'ja4=.*' $tmp/fp-real-$port2)
      echo \"ours: \$ours\"; echo \"real: \$real\"
      [ -n \"\$ours\" ] && [ \"\$ours\" = \"\$real\" ] && echo \"\$ours\" | grep -q 'ja4=t1[23][di][0-9]'"
  }
  if command -v openssl >/dev/null; then
    for v in 1.3 1.2; do
      ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
      fingerprint_cell "openssl s_client's hello: same fingerprints from ferrotls and the real s2n-tls (TLS $v)" \
        "openssl s_client -connect 127.0.0.1:@PORT@ -CAfile $ca -servername localhost $ossl -quiet -ign_eof"
    done
  fi
  if command -v gnutls-cli >/dev/null; then
    fingerprint_cell "gnutls-cli's hello: same fingerprints from ferrotls and the real s2n-tls" \
      "gnutls-cli --x509cafile $ca -p @PORT@ localhost"
  fi
  fingerprint_cell "ferrotls client's hello: same fingerprints from ferrotls and the real s2n-tls" \
    "$bin/s2n_echo_client @PORT@ $ca localhost ping"
  fingerprint_cell "real s2n-tls client's hello: same fingerprints from ferrotls and the real s2n-tls" \
    "$peer client @PORT@ $ca localhost ping"
  for v in 1.2 1.3; do
    resume_cell "ferrotls client resumes with real s2n-tls server" $v "$peer server" "$bin/s2n_echo_client" "$bin/s2n_echo_client"
    resume_cell "real s2n-tls client resumes with ferrotls server" $v "$bin/s2n_echo_server" "$peer client" "$peer client"
    # The session blob is s2n's own layout: one library's saved session resumes in the other.
    resume_cell "real s2n-tls session blob resumes in the ferrotls client" $v "$bin/s2n_echo_server" "$peer client" "$bin/s2n_echo_client"
    resume_cell "ferrotls session blob resumes in the real s2n-tls client" $v "$peer server" "$bin/s2n_echo_client" "$peer client"
    # Tickets are s2n's own format: a ticket one server issued resumes at the other when
    # both hold the same ticket key.
    shared_key_cell "ticket from the real s2n-tls server resumes at the ferrotls server" $v "$peer server" "$bin/s2n_echo_server"
    shared_key_cell "ticket from the ferrotls server resumes at the real s2n-tls server" $v "$bin/s2n_echo_server" "$peer server"
  done
else
  failed=$((failed + 1)); echo "FAIL could not build the real s2n-tls peer (tools/s2n-peer)"
fi

# Our libtls client and server (examples/tls_echo_*.c, linked to libtls.so) against
# openssl, TLS 1.3 and 1.2: handshake and data both ways, then resumption both ways (our
# client through its session file, tls_config_set_session_fd; openssl's client through
# -sess_out/-sess_in against our server with a session lifetime).
if command -v openssl >/dev/null; then
  for v in 1.3 1.2; do
    ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
    next_port
    cell "ferrotls libtls client -> openssl s_server (TLS $v)" "
      openssl s_server -accept $port -cert $leaf -key $key $ossl -rev -naccept 1 -quiet >/dev/null 2>&1 &
      sleep 0.3
      out=\$($bin/tls_echo_client 127.0.0.1 $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'client received: gnip' && echo \"\$out\" | grep -q 'version=TLSv$v '"
    next_port
    cell "openssl s_client -> ferrotls libtls server (TLS $v)" "
      ECHO_PROTOCOLS=tlsv$v $bin/tls_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key > $tmp/libtls-server-$v &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -quiet -ign_eof 2>&1); wait
      echo \"\$out\"; cat $tmp/libtls-server-$v; echo \"\$out\" | grep -qx 'ping' && grep -q 'version=TLSv$v ' $tmp/libtls-server-$v"
    next_port
    cell "ferrotls libtls client resumes with openssl s_server via its session file (TLS $v)" "
      rm -f $tmp/libtls-session-$v
      openssl s_server -accept $port -cert $leaf -key $key $ossl -rev -naccept 2 -quiet >/dev/null 2>&1 &
      sleep 0.3
      first=\$(ECHO_SESSION_FILE=$tmp/libtls-session-$v $bin/tls_echo_client 127.0.0.1 $port $ca localhost \$'ping\n')
      second=\$(ECHO_SESSION_FILE=$tmp/libtls-session-$v $bin/tls_echo_client 127.0.0.1 $port $ca localhost \$'ping\n'); wait
      echo \"\$first\"; echo \"\$second\"
      echo \"\$first\" | grep -q 'version=TLSv$v .*resumed=0' && echo \"\$second\" | grep -q 'version=TLSv$v .*resumed=1' && echo \"\$second\" | grep -q 'client received: gnip'"
    next_port
    cell "openssl s_client resumes with ferrotls libtls server (TLS $v)" "
      rm -f $tmp/ossl-libtls-$v
      ECHO_SESSION_LIFETIME=300 ECHO_ACCEPT=2 $bin/tls_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key > $tmp/libtls-resume-$v &
      sleep 0.3
      first=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -sess_out $tmp/ossl-libtls-$v -ign_eof 2>&1)
      second=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -sess_in $tmp/ossl-libtls-$v -ign_eof 2>&1); wait
      cat $tmp/libtls-resume-$v
      echo \"\$first\" | grep -q '^New,' && echo \"\$second\" | grep -q '^Reused,' && echo \"\$second\" | grep -qx 'ping' && grep -q 'resumed=1' $tmp/libtls-resume-$v"
  done
fi

# TLS 1.2 renegotiation, which we never do (as s2n): openssl s_server sends a HelloRequest
# once it has the client's line (its stdin command "r"), then a line of its own; our client
# ignores the request by default or refuses it with a no_renegotiation warning (its
# renegotiate-request callback), and gets the line either way. openssl s_client starting a
# renegotiation (its command "R") is refused by our server with S2N_ERR_BAD_MESSAGE.
if command -v openssl >/dev/null; then
  for answer in default ignore reject; do
    next_port
    env=$([ $answer = default ] && echo "" || echo "ECHO_RENEGOTIATION=$answer")
    cell "openssl s_server asks the ferrotls client to renegotiate (TLS 1.2, $answer)" "
      log=$tmp/reneg-$answer.log fifo=$tmp/reneg-$answer.fifo; rm -f \$fifo; mkfifo \$fifo; : > \$log
      openssl s_server -accept $port -cert $leaf -key $key -tls1_2 -naccept 1 < \$fifo > \$log 2>&1 &
      ( exec 3> \$fifo
        for i in \$(seq 100); do grep -qx ping \$log && break; sleep 0.1; done
        printf 'r\\n' >&3; sleep 0.3; printf 'pong\\n' >&3; sleep 1 ) &
      out=\$($env $bin/s2n_echo_client $port $ca localhost \$'ping\\n'); rc=\$?; wait
      echo \"\$out\"; cat \$log
      [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'client received: pong' && grep -q 'SSL_do_handshake -> 1' \$log &&
      case $answer in
        default) ! echo \"\$out\" | grep -q 'asked to renegotiate' ;;
        ignore) echo \"\$out\" | grep -q 'asked to renegotiate; ignoring' && ! grep -q 'no renegotiation' \$log ;;
        reject) echo \"\$out\" | grep -q 'asked to renegotiate; refusing' && grep -q 'no renegotiation' \$log ;;
      esac"
  done
  # Accepting: the client renegotiates (s2n_renegotiate_wipe, s2n_renegotiate) once its read
  # returns; the server's lines before and after the new handshake all arrive (the one
  # after under the new keys), and s_server counts the renegotiation.
  next_port
  cell "openssl s_server asks the ferrotls client to renegotiate, and it does (TLS 1.2)" "
    log=$tmp/reneg-accept.log fifo=$tmp/reneg-accept.fifo; rm -f \$fifo; mkfifo \$fifo; : > \$log
    openssl s_server -accept $port -cert $leaf -key $key -tls1_2 -naccept 1 < \$fifo > \$log 2>&1 &
    ( exec 3> \$fifo
      for i in \$(seq 100); do grep -q ping \$log && break; sleep 0.1; done
      printf 'r\\n' >&3; sleep 0.3; printf 'pong\\n' >&3; sleep 0.02; printf 'extra\\n' >&3; sleep 1; printf 'after\\n' >&3; sleep 1 ) &
    out=\$(ECHO_RENEGOTIATION=accept $bin/s2n_echo_client $port $ca localhost \$'ping\\n0123456789ab'); rc=\$?; wait
    echo \"\$out\"; grep -E 'SSL_do_handshake|renegotiates' \$log
    [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'asked to renegotiate; accepting' &&
      echo \"\$out\" | grep -q 'client (renegotiated): version=33' &&
      echo \"\$out\" | grep -q 'client received: pong' && echo \"\$out\" | grep -qx extra && echo \"\$out\" | grep -qx after"
  next_port
  cell "openssl s_client renegotiating with the ferrotls server is refused (TLS 1.2)" "
    $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 > $tmp/reneg-server.log &
    sleep 0.3
    out=\$( (printf 'ping\\n'; sleep 0.5; printf 'R\\n'; sleep 0.5) | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -tls1_2 2>&1); wait
    echo \"\$out\" | tail -n 5; cat $tmp/reneg-server.log
    echo \"\$out\" | grep -qx ping && echo \"\$out\" | grep -q RENEGOTIATING && grep -q 'connection failed: .*S2N_ERR_BAD_MESSAGE' $tmp/reneg-server.log"
fi

# OCSP stapling both ways, TLS 1.3 and 1.2: openssl s_client -status against our s2n and
# libtls servers stapling a response; our s2n and libtls clients against s_server
# -status_file (the staple is checked against the CA).
good_ocsp=$certs/ocsp_ecdsa_p256_good.der
if command -v openssl >/dev/null; then
  for v in 1.3 1.2; do
    ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
    policy=$([ $v = 1.3 ] && echo default_tls13 || echo test_all_tls12)
    next_port
    cell "openssl s_client -status gets the ferrotls s2n server's staple (TLS $v)" "
      ECHO_OCSP_FILE=$good_ocsp $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -status -ign_eof 2>&1); wait
      echo \"\$out\" | grep -A3 'OCSP response'; echo \"\$out\" | grep -q 'OCSP Response Status: successful' && echo \"\$out\" | grep -q 'Cert Status: good'"
    next_port
    cell "openssl s_client -status gets the ferrotls libtls server's staple (TLS $v)" "
      ECHO_OCSP_FILE=$good_ocsp $bin/tls_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -status -ign_eof 2>&1); wait
      echo \"\$out\" | grep -A3 'OCSP response'; echo \"\$out\" | grep -q 'OCSP Response Status: successful' && echo \"\$out\" | grep -q 'Cert Status: good'"
    next_port
    cell "ferrotls s2n client checks openssl s_server's staple (TLS $v)" "
      openssl s_server -accept $port -cert $leaf -key $key -CAfile $ca $ossl -status_file $good_ocsp -rev -naccept 1 -quiet >/dev/null 2>&1 &
      out=\$(ECHO_POLICY=$policy ECHO_OCSP=1 $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'ocsp_stapled=1 ocsp_bytes=[1-9]'"
    next_port
    cell "ferrotls libtls client checks openssl s_server's staple (TLS $v)" "
      openssl s_server -accept $port -cert $leaf -key $key -CAfile $ca $ossl -status_file $good_ocsp -rev -naccept 1 -quiet >/dev/null 2>&1 &
      sleep 0.3
      out=\$($bin/tls_echo_client 127.0.0.1 $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'version=TLSv$v .*ocsp=good'"
  done
fi

# Certificate Transparency SCT lists both ways, TLS 1.3 (with the leaf in Certificate) and
# 1.2 (in ServerHello): openssl s_client -ct parses the list our server sends (the log is
# unknown to it, which it reports and tolerates); our client gets the list from openssl
# s_server -serverinfo, and the real s2n-tls's in both directions. The list holds one
# well-formed version-1 SCT.
sct=$tmp/sct.bin
printf '\000\071\000\067\000' > "$sct"
printf '\244\271\011\220\264\030\130\024\207\273\023\242\314\147\160\012\074\065\230\004\371\033\337\270\343\167\315\016\310\015\334\020' >> "$sct"
printf '\000\000\001\214\052\073\114\135\000\000\004\003\000\010\001\002\003\004\005\006\007\010' >> "$sct"
sct_head=0039003700a4b909
if command -v openssl >/dev/null; then
  # s_client -ct wants a log list; one made-up log does.
  openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/ctlog.key" 2>/dev/null
  printf 'enabled_logs = test\n[test]\ndescription = ferrotls interop\nkey = %s\n' \
    "$(openssl ec -in "$tmp/ctlog.key" -pubout -outform DER 2>/dev/null | base64 -w0)" > "$tmp/ctlog.cnf"
  # s_server's serverinfo, version 2: contexts ClientHello | TLS 1.2 ServerHello | TLS 1.3
  # Certificate (0x1180), extension 18, the list.
  { printf '\000\000\021\200\000\022\000\073'; cat "$sct"; } > "$tmp/serverinfo.bin"
  { echo '-----BEGIN SERVERINFOV2 FOR CT-----'; base64 "$tmp/serverinfo.bin"; echo '-----END SERVERINFOV2 FOR CT-----'; } > "$tmp/serverinfo.pem"
  for v in 1.3 1.2; do
    ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
    policy=$([ $v = 1.3 ] && echo default_tls13 || echo test_all_tls12)
    next_port
    cell "openssl s_client -ct reads the ferrotls s2n server's SCT list (TLS $v)" "
      ECHO_SCT_FILE=$sct $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once >/dev/null &
      sleep 0.3
      out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -ct -ctlogfile $tmp/ctlog.cnf -ign_eof 2>&1); wait
      echo \"\$out\" | grep -A6 'SCTs present'; echo \"\$out\" | grep -q 'SCTs present (1)' && echo \"\$out\" | grep -q 'Log ID    : A4:B9:09:90'"
    next_port
    cell "ferrotls s2n client gets openssl s_server's SCT list (TLS $v)" "
      openssl s_server -accept $port -cert $leaf -key $key -CAfile $ca $ossl -serverinfo $tmp/serverinfo.pem -rev -naccept 1 -quiet >/dev/null 2>&1 &
      out=\$(ECHO_POLICY=$policy ECHO_CT=1 $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'sct_bytes=59 sct_head=$sct_head'"
    if [ -n "${have_peer:-}" ]; then
      next_port
      cell "real s2n-tls client gets the ferrotls server's SCT list (TLS $v)" "
        ECHO_SCT_FILE=$sct $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
        out=\$(ECHO_POLICY=$policy ECHO_CT=1 $peer client $port $ca localhost \$'ping\n'); rc=\$?; wait
        echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'sct_bytes=59 sct_head=$sct_head'"
      next_port
      cell "ferrotls client gets the real s2n-tls server's SCT list (TLS $v)" "
        ECHO_SCT_FILE=$sct $peer server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 >/dev/null &
        out=\$(ECHO_POLICY=$policy ECHO_CT=1 $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
        echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'sct_bytes=59 sct_head=$sct_head'"
    fi
  done
fi

# Serialized connections, TLS 1.3 and 1.2: an s2n echo server echoes openssl s_client's
# first line, serializes the connection (s2n_connection_serialize) and execs a server that
# restores it on the inherited socket (s2n_connection_deserialize) and echoes the second
# line. Ours to ours, and across to and from the real s2n-tls (the blob is s2n's layout).
if command -v openssl >/dev/null; then
  handover_cell() {
    local name=$1 v=$2 first=$3 next=$4 ossl
    ossl=$([ $v = 1.3 ] && echo -tls1_3 || echo -tls1_2)
    next_port
    cell "$name (TLS $v)" "
      ECHO_HANDOVER='$next' ECHO_HANDOVER_BLOB=$tmp/blob-$port $first $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 > $tmp/handover-$port.log 2>&1 &
      sleep 0.3
      out=\$( (printf 'one\n'; sleep 0.7; printf 'two\n'; sleep 0.7) | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error $ossl -quiet 2>&1); wait
      echo \"\$out\" | tail -n 2; cat $tmp/handover-$port.log
      echo \"\$out\" | grep -qx one && echo \"\$out\" | grep -qx two && grep -q 'server: took over' $tmp/handover-$port.log"
  }
  for v in 1.3 1.2; do
    handover_cell "ferrotls server hands a serialized connection to another ferrotls server" $v "$bin/s2n_echo_server" "$bin/s2n_echo_server"
    if [ -n "${have_peer:-}" ]; then
      handover_cell "ferrotls server hands a serialized connection to the real s2n-tls" $v "$bin/s2n_echo_server" "$peer server"
      handover_cell "real s2n-tls hands a serialized connection to the ferrotls server" $v "$peer server" "$bin/s2n_echo_server"
    fi
  done
fi

# NPN (TLS 1.2): openssl s_client -nextprotoneg against our server, our client against
# s_server -nextprotoneg (neither side's ALPN settles it), and the real s2n-tls both ways,
# where the servers' ALPN list (h2) misses the clients' (http/1.1) so NPN decides: the
# client's own first protocol, WITH_NPN on both sides.
if command -v openssl >/dev/null; then
  next_port
  cell "openssl s_client -nextprotoneg with the ferrotls s2n server (TLS 1.2)" "
    ECHO_NPN=1 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 once > $tmp/npn-$port.log &
    sleep 0.3
    out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error -tls1_2 -nextprotoneg http/1.1 -ign_eof 2>&1); wait
    echo \"\$out\" | grep 'Next protocol'; cat $tmp/npn-$port.log
    echo \"\$out\" | grep -q 'Next protocol: (1) http/1.1' && grep -q 'WITH_NPN alpn=http/1.1' $tmp/npn-$port.log"
  next_port
  cell "ferrotls s2n client negotiates by NPN with openssl s_server (TLS 1.2)" "
    openssl s_server -accept $port -cert $leaf -key $key -CAfile $ca -tls1_2 -nextprotoneg http/1.1 -rev -naccept 1 -quiet >/dev/null 2>&1 &
    out=\$(ECHO_POLICY=test_all_tls12 ECHO_NPN=1 $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"; [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'WITH_NPN alpn=http/1.1'"
  if [ -n "${have_peer:-}" ]; then
    next_port
    cell "real s2n-tls client negotiates by NPN with the ferrotls server (TLS 1.2)" "
      ECHO_NPN=1 ECHO_PROTOCOL=h2 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 > $tmp/npn-$port.log &
      out=\$(ECHO_POLICY=test_all_tls12 ECHO_NPN=1 $peer client $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; cat $tmp/npn-$port.log
      [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'WITH_NPN alpn=http/1.1' && grep -q 'WITH_NPN alpn=http/1.1' $tmp/npn-$port.log"
    next_port
    cell "ferrotls client negotiates by NPN with the real s2n-tls server (TLS 1.2)" "
      ECHO_NPN=1 ECHO_PROTOCOL=h2 $peer server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 1 > $tmp/npn-$port.log &
      out=\$(ECHO_POLICY=test_all_tls12 ECHO_NPN=1 $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
      echo \"\$out\"; cat $tmp/npn-$port.log
      [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'WITH_NPN alpn=http/1.1' && grep -q 'WITH_NPN alpn=http/1.1' $tmp/npn-$port.log"
  fi
fi

# TLS 1.3 early data (0-RTT): a second connection resumes the first's session and sends its
# message as early data. openssl s_client -early_data against our server (which reads it
# with s2n_recv_early_data and echoes it), our client against s_server -early_data (which
# prints what it got; its stdin feeds our client's reply), the real s2n-tls both ways, and
# a server whose tickets allow early data but which does not read it (s_server
# -max_early_data without -early_data): it skips the early data, and our client sends the
# message again after the handshake. ALPN is off with the real s2n-tls, whose own early data check
# miscounts a ticket's protocol name by one byte.
if command -v openssl >/dev/null; then
  next_port
  cell "openssl s_client sends early data to the ferrotls server (TLS 1.3)" "
    rm -f $tmp/ed-sess; printf 'early ping\n' > $tmp/ed-data
    ECHO_SESSION_TICKETS=1 ECHO_EARLY_DATA=4096 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 2 once > $tmp/ed-$port.log &
    sleep 0.3
    printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error -tls1_3 -sess_out $tmp/ed-sess -ign_eof >/dev/null 2>&1
    out=\$(printf 'ping\n' | openssl s_client -connect 127.0.0.1:$port -CAfile $ca -servername localhost -verify_return_error -tls1_3 -sess_in $tmp/ed-sess -early_data $tmp/ed-data -ign_eof 2>&1); wait
    echo \"\$out\" | grep -E 'Reused|Early|ping'; cat $tmp/ed-$port.log
    echo \"\$out\" | grep -q 'Early data was accepted' && echo \"\$out\" | grep -qx 'early ping' && grep -q 'WITH_EARLY_DATA' $tmp/ed-$port.log && grep -q 'early_data=end early_bytes=11' $tmp/ed-$port.log"
  next_port
  cell "ferrotls client sends early data to openssl s_server -early_data (TLS 1.3)" "
    rm -f $tmp/ed-s2n
    (for i in \$(seq 50); do echo pong; sleep 0.2; done) | openssl s_server -accept $port -cert $leaf -key $key -tls1_3 -early_data -naccept 2 > $tmp/ed-ossl-$port.log 2>&1 &
    ECHO_POLICY=default_tls13 ECHO_SESSION_FILE=$tmp/ed-s2n $bin/s2n_echo_client $port $ca localhost \$'ping\n' >/dev/null
    out=\$(ECHO_POLICY=default_tls13 ECHO_EARLY_DATA=1 ECHO_SESSION_FILE=$tmp/ed-s2n $bin/s2n_echo_client $port $ca localhost \$'early ping\n'); wait
    echo \"\$out\"; grep -i 'early' $tmp/ed-ossl-$port.log
    echo \"\$out\" | grep -q 'early_sent=11' && echo \"\$out\" | grep -q 'client early_data=end' && grep -q 'Early data received' $tmp/ed-ossl-$port.log && grep -qx 'early ping' $tmp/ed-ossl-$port.log"
  next_port
  cell "ferrotls client's early data refused by openssl s_server is sent again (TLS 1.3)" "
    rm -f $tmp/ed-s2n-no
    openssl s_server -accept $port -cert $leaf -key $key -tls1_3 -max_early_data 4096 -rev -naccept 2 -quiet >/dev/null 2>&1 &
    ECHO_POLICY=default_tls13 ECHO_SESSION_FILE=$tmp/ed-s2n-no $bin/s2n_echo_client $port $ca localhost \$'ping\n' >/dev/null
    out=\$(ECHO_POLICY=default_tls13 ECHO_EARLY_DATA=1 ECHO_SESSION_FILE=$tmp/ed-s2n-no $bin/s2n_echo_client $port $ca localhost \$'ping\n'); rc=\$?; wait
    echo \"\$out\"
    [ \$rc -eq 0 ] && echo \"\$out\" | grep -q 'early_max=4096' && echo \"\$out\" | grep -q 'resumed=1' && echo \"\$out\" | grep -q 'client early_data=rejected' && echo \"\$out\" | grep -q 'client received: gnip'"
fi
if [ -n "${have_peer:-}" ]; then
  next_port
  cell "real s2n-tls client sends early data to the ferrotls server (TLS 1.3)" "
    rm -f $tmp/ed-peer
    ECHO_PROTOCOL= ECHO_SESSION_TICKETS=1 ECHO_EARLY_DATA=4096 $bin/s2n_echo_server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 2 > $tmp/ed-$port.log &
    ECHO_PROTOCOL= ECHO_SESSION_FILE=$tmp/ed-peer $peer client $port $ca localhost first >/dev/null
    out=\$(ECHO_PROTOCOL= ECHO_EARLY_DATA=1 ECHO_SESSION_FILE=$tmp/ed-peer $peer client $port $ca localhost 'early hello'); wait
    echo \"\$out\"; cat $tmp/ed-$port.log
    echo \"\$out\" | grep -q 'early_sent=11' && echo \"\$out\" | grep -q 'client early_data=end' && echo \"\$out\" | grep -q 'client received: early hello' && grep -q 'early_data=end early_bytes=11' $tmp/ed-$port.log"
  next_port
  cell "ferrotls client sends early data to the real s2n-tls server (TLS 1.3)" "
    rm -f $tmp/ed-ours
    ECHO_PROTOCOL= ECHO_SESSION_TICKETS=1 ECHO_EARLY_DATA=4096 $peer server $port $certs/ecdsa_p256_pkcs1_cert.pem $key 2 > $tmp/ed-$port.log &
    ECHO_PROTOCOL= ECHO_SESSION_FILE=$tmp/ed-ours $bin/s2n_echo_client $port $ca localhost first >/dev/null
    out=\$(ECHO_PROTOCOL= ECHO_EARLY_DATA=1 ECHO_SESSION_FILE=$tmp/ed-ours $bin/s2n_echo_client $port $ca localhost 'early hello'); wait
    echo \"\$out\"; cat $tmp/ed-$port.log
    echo \"\$out\" | grep -q 'early_sent=11' && echo \"\$out\" | grep -q 'client early_data=end' && echo \"\$out\" | grep -q 'client received: early hello' && grep -q 'early_data=end early_bytes=11' $tmp/ed-$port.log"
fi

# QUIC (s2n_quic_support.h): the handshake as a QUIC stack runs it, bare handshake messages
# over TCP, with the real s2n-tls both ways (and ours with ours). Both sides must print the
# same five secrets from their secret callbacks and each the other's transport parameters;
# the client reads the server's ticket with s2n_recv_quic_post_handshake_message.
quic_cell() { # name, server command, client command
  next_port
  cell "$1" "
    $2 server $port $certs/ecdsa_p256_pkcs1_cert.pem $key > $tmp/quic-s-$port.log 2>&1 &
    $3 client $port $ca localhost > $tmp/quic-c-$port.log 2>&1; rc=\$?; wait
    cat $tmp/quic-s-$port.log $tmp/quic-c-$port.log | cut -c1-120
    server=\$(grep '^server secret' $tmp/quic-s-$port.log | cut -d' ' -f2-)
    client=\$(grep '^client secret' $tmp/quic-c-$port.log | cut -d' ' -f2-)
    [ \$rc -eq 0 ] && [ \$(echo \"\$client\" | wc -l) -eq 5 ] && [ \"\$server\" = \"\$client\" ] &&
      grep -q 'server peer parameters: client transport parameters' $tmp/quic-s-$port.log &&
      grep -q 'client peer parameters: server transport parameters' $tmp/quic-c-$port.log &&
      grep -q 'client tickets=1' $tmp/quic-c-$port.log"
}
quic_cell "QUIC handshake, ferrotls client and server" "$bin/s2n_quic_handshake" "$bin/s2n_quic_handshake"
if [ -n "${have_peer:-}" ]; then
  quic_cell "QUIC handshake, ferrotls client -> real s2n-tls server" "$peer quic" "$bin/s2n_quic_handshake"
  quic_cell "QUIC handshake, real s2n-tls client -> ferrotls server" "$bin/s2n_quic_handshake" "$peer quic"
fi

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
