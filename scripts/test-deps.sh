#!/bin/sh
# Installs the Debian packages the tests use when running as root on Debian; otherwise
# names what is missing. Safe to run repeatedly.
need=""
command -v gcc >/dev/null 2>&1 || need="$need gcc"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
command -v openssl >/dev/null 2>&1 || need="$need openssl"
command -v gnutls-cli >/dev/null 2>&1 || need="$need gnutls-bin"
command -v python3 >/dev/null 2>&1 || need="$need python3"
[ -f /usr/include/tls.h ] || need="$need libtls-dev"
[ -f /usr/include/openssl/ssl.h ] || need="$need libssl-dev"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v catgirl >/dev/null 2>&1 || need="$need catgirl"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing test packages:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null || { echo "apt-get install failed"; exit 1; }
else
  echo "missing test dependencies (install them with your package manager):$need"
  exit 1
fi
