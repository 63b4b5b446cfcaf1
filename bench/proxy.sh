#!/usr/bin/env bash
# Proxy throughput and latency against named baselines, loopback only, bounded in time.
#   bench/proxy.sh [SECONDS] [ROUNDS]
# (a) direct to the upstream, (b) nginx as a plain reverse proxy (1 worker, keepalive to the
# upstream), (c) mockdrift recording 100 %, (d) mockdrift with recording off (--sample 0).
# The proxy under test is pinned to CPU 0; wrk and the upstream (nginx serving static JSON)
# to CPU 1. Bodies: 1 KB and 100 KB JSON; concurrency 16 and 64; medians over the rounds.
# Installs nginx and wrk from Debian packages if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-5}"
rounds="${2:-3}"
cargo build --release -q
up=18081; ng=18082; md=18083; mo=18084
source bench/common.sh
taskset -c 0 target/release/mockdrift proxy --store "$work/store" --admin off \
    --route "bench@127.0.0.1:$md=http://127.0.0.1:$up" 2>"$work/md.log" & pids+=($!); mdpid=$!
taskset -c 0 target/release/mockdrift proxy --store "$work/store-off" --admin off --sample 0 \
    --route "bench@127.0.0.1:$mo=http://127.0.0.1:$up" 2>"$work/mo.log" & pids+=($!); mopid=$!
sleep 1
curl -sf "http://127.0.0.1:$up/1k.json" >/dev/null || { echo "the upstream does not serve the bodies" >&2; exit 1; }
ngpid="$(pgrep -P "$(cat "$work/ng.pid")" | head -1)"

python3 - "$work" "$secs" "$rounds" "$up" "$ng" "$md" "$mo" "$ngpid" "$mdpid" "$mopid" <<'PY'
import os, re, statistics, subprocess, sys
w, secs, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
up, ng, md, mo = sys.argv[4:8]
pids = {"nginx": int(sys.argv[8]), "mockdrift-record": int(sys.argv[9]), "mockdrift-off": int(sys.argv[10])}
targets = {"direct": up, "nginx": ng, "mockdrift-record": md, "mockdrift-off": mo}
tick = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
def rss(pid):
    for l in open(f"/proc/{pid}/status"):
        if l.startswith("VmRSS"): return int(l.split()[1]) / 1024
def lat_ms(s):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", s)
    if not m:
        return float("nan")
    v, u = m.groups()
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]
results = {}
for r in range(rounds):
    for body in ["1k.json", "100k.json"]:
        for c in [16, 64]:
            for name, port in targets.items():
                pid = pids.get(name)
                c0 = cpu(pid) if pid else 0
                out = subprocess.run(["taskset", "-c", "1", "wrk", f"-t1", f"-c{c}", f"-d{secs}s", "--latency",
                                      f"http://127.0.0.1:{port}/{body}"], capture_output=True, text=True).stdout
                rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                p50 = lat_ms(re.search(r"50%\s+(\S+)", out).group(1))
                p99 = lat_ms(re.search(r"99%\s+(\S+)", out).group(1))
                reqs = int(re.search(r"(\d+) requests in", out).group(1))
                errs = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                cpu_us = (cpu(pid) - c0) * 1e6 / max(reqs, 1) if pid else 0
                results.setdefault((body, c, name), []).append((rps, p50, p99, cpu_us, rss(pid) if pid else 0, int(errs.group(1)) if errs else 0))
print(f"{'body':<10}{'c':>4} {'target':<18}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU us/req':>12}{'RSS MiB':>9}{'vs nginx':>10}{'p99 vs nginx':>13}")
for (body, c, name), rows in sorted(results.items(), key=lambda kv: (kv[0][0], kv[0][1], list(targets).index(kv[0][2]))):
    # A latency wrk printed in a form lat_ms cannot read is nan: left out of the median.
    med = [statistics.median([v for v in x if v == v] or [float("nan")]) for x in zip(*rows)]
    base = [statistics.median([v for v in x if v == v] or [float("nan")]) for x in zip(*results[(body, c, "nginx")])]
    print(f"{body:<10}{c:>4} {name:<18}{med[0]:>10.0f}{med[1]:>9.2f}{med[2]:>9.2f}{med[3]:>12.1f}{med[4]:>9.1f}{med[0]/base[0]:>10.2f}{med[2]/base[2]:>13.2f}" + (f"  ({int(med[5])} non-2xx)" if med[5] else ""))
PY
kill -TERM "$mdpid" "$mopid" 2>/dev/null || true
sleep 2
echo "mockdrift (recording): $(tail -1 "$work/md.log")"
