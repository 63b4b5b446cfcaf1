#!/usr/bin/env bash
# The differ at scale: 10,000 WireMock mock files against 1,000 endpoint contracts.
# Target: under 2 s wall time on 2 cores, under 500 MiB max RSS.
#   bench/diff-scale.sh [ENDPOINTS] [MOCKS]
set -euo pipefail
cd "$(dirname "$0")/.."
endpoints="${1:-1000}"
mocks="${2:-10000}"
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] && echo "keeping $work" || trap 'rm -rf "$work"' EXIT
cargo build --release -q
bin=target/release/mockdrift

python3 - "$work" "$endpoints" "$mocks" <<'PY'
import json, os, sys
work, n_ep, n_mocks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(os.path.join(work, "traffic.jsonl"), "w") as t:
    for e in range(n_ep):
        for i in range(25):  # 25 exchanges per endpoint: above --min-samples
            body = {"id": i, "name": f"item {i}", "status": ["open", "closed"][i % 2],
                    "created_at": "2026-11-20T10:00:00Z", "price": {"amount": i * 10, "currency": "EUR"},
                    "tags": ["a", "b"], f"extra_{e % 7}": True}
            t.write(json.dumps({"service": "shop", "method": "GET", "path": f"/resource{e}/items/{i + 1}",
                                "status": 200, "time": "2026-11-20T10:00:00Z",
                                "response": {"headers": [["content-type", "application/json"]], "body": json.dumps(body)}}) + "\n")
os.makedirs(os.path.join(work, "mocks", "mappings"))
for m in range(n_mocks):
    e = m % n_ep
    body = {"id": 1, "name": "item", "status": "open" if m % 3 else "archived",
            "created_at": "2026-11-20T10:00:00Z", "price": {"amount": 10, "currency": "EUR"}, "tags": ["a"]}
    if m % 5 == 0:
        body["legacy_code"] = "x"
    stub = {"name": f"stub {m}", "request": {"method": "GET", "url": f"/resource{e}/items/{m % 20 + 1}"},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "jsonBody": body}}
    with open(os.path.join(work, "mocks", "mappings", f"stub-{m:05d}.json"), "w") as f:
        json.dump(stub, f, indent=2)
PY

$bin contracts infer --store "$work/store" "$work/traffic.jsonl" >/dev/null
$bin contracts export --store "$work/store" -o "$work/contracts.json"
echo "contracts: $(grep -c '"service": "shop"' "$work/contracts.json") endpoints, snapshot $(du -h "$work/contracts.json" | cut -f1)"
echo "mocks: $(ls "$work/mocks/mappings" | wc -l) files"
for round in 1 2 3; do
    /usr/bin/time -f "round $round: %e s wall, %M KiB max RSS, %P CPU" \
        $bin diff --contracts "$work/contracts.json" --mocks "$work/mocks" --format json --now 2026-11-21T00:00:00Z \
        -o "$work/report.json" --fail-on never
done
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('findings:', len(r['findings']), r['summary']['by_kind'])" "$work/report.json"
