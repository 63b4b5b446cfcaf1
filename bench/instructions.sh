#!/usr/bin/env bash
# User-space instructions per forwarded request, under callgrind: repeatable to about 0.1 %
# for one binary (req/s on this machine moves 10 to 20 % between runs), for changes on the
# proxy's hot path.
#   bench/instructions.sh BIN [CONCURRENCY] [1k|100k] [-- PROXY FLAGS...]
# e.g. bench/instructions.sh target/release/mockdrift 16 1k -- --sample 0
# The proxy runs under valgrind (about 50x slower); wrk warms it up for 3 s, the counters are
# zeroed, wrk drives it for 6 s, and the total is divided by the requests wrk completed.
# Leaves the profile in target/callgrind.mockdrift.out for callgrind_annotate --inclusive=yes.
set -euo pipefail
bin="$(realpath "$1")"; c="${2:-16}"; body="${3:-1k}"
shift $(($# < 3 ? $# : 3)); [ "${1:-}" = "--" ] && shift
command -v valgrind >/dev/null || apt-get install -y -q valgrind >/dev/null
up=18681; ng=18682; pa=18683
source "$(dirname "$0")/common.sh"
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" proxy --store "$work/store" --admin off "$@" \
    --route "bench@127.0.0.1:$pa=http://127.0.0.1:$up" 2>"$work/log" & pids+=($!); vpid=$!
sleep 4
taskset -c 1 wrk -t1 -c"$c" -d3s "http://127.0.0.1:$pa/$body.json" >/dev/null
callgrind_control -z "$vpid" >/dev/null 2>&1
n=$(taskset -c 1 wrk -t1 -c"$c" -d6s "http://127.0.0.1:$pa/$body.json" | awk '/requests in/{print $1}')
callgrind_control -d "$vpid" >/dev/null 2>&1
kill -TERM "$vpid"; wait "$vpid" || true
dump=$(ls -t "$work"/cg.out.* | head -1)
mkdir -p target && cp "$dump" target/callgrind.mockdrift.out
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",", "", $1); print $1; exit}')
echo "$(basename "$bin"): $n requests, $((total / n)) instructions per request (c=$c, $body, flags: ${*:-none})"
