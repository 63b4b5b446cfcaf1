#!/usr/bin/env bash
# A/B two mockdrift binaries against nginx, interleaved, loopback only, bounded in time.
#   bench/ab.sh BIN_A BIN_B [BODY: 1k|100k] [ROUNDS] [SECONDS]
# For changes too small for bench/proxy.sh's table (a runtime flavour, an allocator): both
# binaries record with their defaults, pinned to CPU 0 beside an nginx reverse proxy; wrk and
# the upstream (nginx serving static JSON) on CPU 1. Prints req/s and p99 per run, then the
# medians and each binary's RSS. Installs nginx and wrk from Debian packages if missing.
set -euo pipefail
a="$(realpath "$1")"; b="$(realpath "$2")"
body="${3:-1k}"; rounds="${4:-4}"; secs="${5:-4}"
up=18281; ng=18282; pa=18283; pb=18284
source "$(dirname "$0")/common.sh"
taskset -c 0 "$a" proxy --store "$work/sa" --admin off --route "a@127.0.0.1:$pa=http://127.0.0.1:$up" 2>/dev/null & pids+=($!); apid=$!
taskset -c 0 "$b" proxy --store "$work/sb" --admin off --route "b@127.0.0.1:$pb=http://127.0.0.1:$up" 2>/dev/null & pids+=($!); bpid=$!
sleep 1
for r in $(seq "$rounds"); do
  for c in 64 16; do
    for t in "nginx:$ng" "A:$pa" "B:$pb"; do
      out="$(taskset -c 1 wrk -t1 -c"$c" -d"${secs}s" --latency "http://127.0.0.1:${t##*:}/$body.json")"
      rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"; p99="$(awk '/ 99%/{print $2}' <<<"$out")"
      echo "round $r c=$c ${t%%:*} $rps req/s p99 $p99" | tee -a "$work/runs"
    done
  done
done
python3 - "$work/runs" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows.setdefault((f[2], f[3]), []).append(float(f[4]))
for c in ["c=64", "c=16"]:
    base = statistics.median(rows[(c, "nginx")])
    print(c, " ".join(f"{n} {statistics.median(rows[(c, n)]):.0f} ({statistics.median(rows[(c, n)]) / base:.2f}x)" for n in ["nginx", "A", "B"]))
PY
echo "RSS: A $(awk '/VmRSS/{print $2, $3}' /proc/$apid/status), B $(awk '/VmRSS/{print $2, $3}' /proc/$bpid/status)"
