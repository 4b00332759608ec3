#!/bin/bash
# `make bench`: builds bench/ twice (linked to our libs2n, and to the real s2n-tls that
# s2n-tls-sys vendors), runs each ROUNDS times (default 5) and writes the medians, with
# ratios, to docs/benchmarks.md. BENCH_MS sets each cell's time budget (default 1000 ms).
# The OpenSSL cells link the system's libssl (libssl-dev; scripts/test-deps.sh installs it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-5}
out=$root/target/bench-results
mkdir -p "$out"
rm -f "$out"/*.tsv
(cd "$root/bench" && S2N_TLS_LIB_DIR=$root/target/lib CARGO_TARGET_DIR=$root/target/bench-ours cargo build --release -q)
(cd "$root/bench" && env -u S2N_TLS_LIB_DIR CARGO_TARGET_DIR=$root/target/bench-real cargo build --release -q)
for i in $(seq "$rounds"); do
  echo "round $i/$rounds" >&2
  LD_LIBRARY_PATH=$root/target/lib "$root/target/bench-ours/release/ferrotls-bench" ferrotls s2n >>"$out/ours.tsv"
  # s2n-tls mlock()s every connection's memory by default; its benchmarks turn that off.
  S2N_DONT_MLOCK=1 "$root/target/bench-real/release/ferrotls-bench" s2n-tls s2n >>"$out/real.tsv"
  "$root/target/bench-real/release/ferrotls-bench" - others >>"$out/others.tsv"
done
openssl_version=$("$root/target/bench-real/release/ferrotls-bench" - openssl-version)
python3 - "$out" "$root/docs/benchmarks.md" "$rounds" "$openssl_version" <<'PY'
import collections, statistics, subprocess, sys, platform
out, doc, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
openssl_version = " ".join(sys.argv[4].split()[:2])  # "OpenSSL 3.0.19", without the date
values = collections.defaultdict(list)
cells = []
for name in ["ours.tsv", "real.tsv", "others.tsv"]:
    for line in open(f"{out}/{name}"):
        cell, lib, value = line.rstrip("\n").split("\t")
        values[(cell, lib)].append(float(value))
        if cell not in cells:
            cells.append(cell)
libs = ["ferrotls", "s2n-tls", "rustls", "openssl", "floor"]
short = {"s2n-tls": "s2n"}
med = {k: statistics.median(v) for k, v in values.items()}
def fmt(x): return "-" if x is None else (f"{x:,.1f}" if x < 1000 and x != int(x) else f"{x:,.0f}")
def ratio(a, b): return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}"
def ours_over(cell, lib, m):
    # Handshake cells: each library's rate over the floor timed alongside it (LIB/floor
    # lines), so the machine's drift between runs cancels; other cells: medians' ratio.
    paired = [med.get((cell, f"{name}/floor")) for name in ("ferrotls", lib)]
    if lib == "floor":
        paired[1] = 1.0
    if None not in paired:
        return ratio(*paired)
    return ratio(m[0], m[libs.index(lib)])
header = " | ".join(f"ours/{short.get(lib, lib)}" for lib in libs[1:])
rows = [f"| cell | {' | '.join(libs)} | {header} |", "|" + "---|" * (2 * len(libs))]
for cell in cells:
    m = [med.get((cell, lib)) for lib in libs]
    rows.append(f"| {cell} | " + " | ".join(fmt(x) for x in m) + " | " + " | ".join(ours_over(cell, lib, m) for lib in libs[1:]) + " |")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
with open(doc, "w") as f:
    f.write(f"""# Benchmarks

Produced by `make bench` (`bench/run.sh`): medians of {rounds} runs; each cell runs for about one
second (handshake and bulk cells one more for the floor timed beside them). One process, one
thread, client and server talking through in-memory pipes; every cell uses the same ECDSA P-256
certificate (testdata/), AES-128-GCM and secp256r1. "ferrotls" and
"s2n-tls" are the same program (bench/src/main.rs) driving the s2n C API, linked once to our
libs2n and once to the real s2n-tls 1.x that the `s2n-tls-sys` 0.3.47 crate vendors (with its
aws-lc). "rustls" is rustls 0.23 with its aws-lc-rs provider restricted to the same suite and
group. "openssl" is the system's {openssl_version} (libssl, through the `openssl` 0.10
crate), restricted the same way, with its default session tickets and the chain verified (not
the host name, as in the s2n cells). "floor" is the crypto a handshake cannot avoid, timed
with aws-lc-rs alone (bench/src/main.rs, `mod floor`): the public-key work (full handshakes:
two P-256 key generations, two ECDH agreements, one ECDSA signature, two verifications;
resumed TLS 1.3: the ECDHE half; resumed TLS 1.2: none) and, on both sides, the transcript
hash, the key schedule (HKDF or the TLS 1.2 PRF), the Finished MACs and PSK binder, one
AES-128-GCM key per direction and epoch, one record per flight sealed and opened, and the
server opening the ticket when resuming (tickets issued are not counted); for bulk data, one
16 KiB record sealed and opened. Resumption is
checked on every iteration. This machine's speed drifts by 10-20% between runs, so each
library's handshake and bulk cells alternate in ten slices with the same cell's floor, and the
ratio columns of those rows compare the floor-relative rates (ours/floor is our rate over
the floor timed alongside it; ours/rustls is that over rustls's); the rates shown are medians
as they came. s2n-tls runs with `S2N_DONT_MLOCK=1` (by default it mlock()s each
connection's memory, which costs it about half its handshake rate here).

Machine: {cpu}, {platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores; {rustc}.

{chr(10).join(rows)}

Heap rows: bytes in use (glibc mallinfo2) per client+server pair, over 5,000 pairs (10,000
connections) held at once, after each stage; "idle" is after free_handshake and
release_buffers, and the MB row is those 10,000 idle connections in total. rustls has no such
calls (it frees handshake state by itself; its idle state is after the data), and its rows
include its client session cache. OpenSSL also frees handshake state by itself; its idle state
is after turning on SSL_MODE_RELEASE_BUFFERS and one more byte each way, after which it has
freed its record buffers. Its rows include each client's session and about 0.8 KB per pair
for the `openssl` crate's I/O wrapper (a BIO and a BIO_METHOD per connection).
""")
print("\n".join(rows))
PY
