#!/bin/sh
# Prints the directory holding a reference header set:
#   s2n  -> s2n-tls-sys's vendored lib/ (api/s2n.h, api/unstable/*.h, tls/s2n_internal.h, ...)
#   tls  -> /usr/include (Debian's libtls-dev)
set -e
case "$1" in
  s2n)
    here=$(cd "$(dirname "$0")/.." && pwd)
    cargo metadata --format-version 1 --manifest-path "$here/tools/reference/Cargo.toml" 2>/dev/null \
      | python3 -c 'import json,sys,os; d=json.load(sys.stdin); print(next(os.path.dirname(p["manifest_path"]) for p in d["packages"] if p["name"]=="s2n-tls-sys") + "/lib")'
    ;;
  tls) echo /usr/include ;;
  *) echo "usage: $0 s2n|tls" >&2; exit 2 ;;
esac
