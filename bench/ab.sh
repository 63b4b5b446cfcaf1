#!/usr/bin/env bash
# A/B two mockdrift binaries against nginx, interleaved, loopback only, bounded in time.
#   bench/ab.sh BIN_A BIN_B [BODY: 1k|100k] [ROUNDS] [SECONDS] [-- PROXY FLAGS...]
# e.g. bench/ab.sh old new 1k 6 4 -- --stable-sample 1   (both record every exchange)
# For changes too small for bench/proxy.sh's table (a runtime flavour, an allocator): both
# binaries record with their defaults (plus FLAGS), pinned to CPU 0 beside an nginx reverse
# proxy; wrk and the upstream (nginx serving static JSON) on CPU 1. Prints req/s and p99 per
# run, then the medians, each binary's RSS, and what each recorded, sampled down and dropped.
# Installs nginx and wrk from Debian packages if missing.
set -euo pipefail
a="$(realpath "$1")"; b="$(realpath "$2")"
body="${3:-1k}"; rounds="${4:-4}"; secs="${5:-4}"
shift $(($# < 5 ? $# : 5)); [ "${1:-}" = "--" ] && shift
up=18281; ng=18282; pa=18283; pb=18284
source "$(dirname "$0")/common.sh"
taskset -c 0 "$a" proxy --store "$work/sa" --admin off "$@" --route "a@127.0.0.1:$pa=http://127.0.0.1:$up" 2>"$work/a.log" & pids+=($!); apid=$!
taskset -c 0 "$b" proxy --store "$work/sb" --admin off "$@" --route "b@127.0.0.1:$pb=http://127.0.0.1:$up" 2>"$work/b.log" & pids+=($!); bpid=$!
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
    ms = float(f[7][:-2]) if f[7].endswith("ms") else float(f[7][:-2]) / 1000 if f[7].endswith("us") else float(f[7][:-1]) * 1000
    rows.setdefault((f[2], f[3]), []).append((float(f[4]), ms))
med = lambda c, n, i: statistics.median(r[i] for r in rows[(c, n)])
for c in ["c=64", "c=16"]:
    rps, p99 = med(c, "nginx", 0), med(c, "nginx", 1)
    print(c, "req/s", " ".join(f"{n} {med(c, n, 0):.0f} ({med(c, n, 0) / rps:.2f}x)" for n in ["nginx", "A", "B"]))
    print(c, "p99  ", " ".join(f"{n} {med(c, n, 1):.2f}ms ({med(c, n, 1) / p99:.2f}x)" for n in ["nginx", "A", "B"]))
PY
echo "RSS: A $(awk '/VmRSS/{print $2, $3}' /proc/$apid/status), B $(awk '/VmRSS/{print $2, $3}' /proc/$bpid/status)"
kill -TERM "$apid" "$bpid"; wait "$apid" "$bpid" || true
for x in a b; do echo "${x^^}: $(grep -o 'stopped; .*' "$work/$x.log")"; done
