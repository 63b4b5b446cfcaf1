#!/usr/bin/env python3
"""How inference and diff cost grows with their input, on a release build.

    python3 bench/scale.py [--bin PATH] [--quick] [--genson [--python VENV/bin/python]] [--genson-only]
    python3 bench/scale.py --guard [--bin PATH]

The table: `contracts infer` at 1k, 4k, 16k, 64k exchanges (HAR and JSON Lines; 10 and 1,000
endpoints of a generated shop API, bench/gen.py), `diff` at 1k, 10k, 100k mock files (against
10,000 endpoint contracts) and at 1, 10, 50 MB mock files (one body of many array items, one
HAR of many entries). Each size runs three times; the best time is kept. It prints the time
per item and the growth of the time per 4x of input (1.0x per item is linear, 4.0x is
quadratic), and the peak RSS.

--quick leaves out the largest sizes. --genson also times genson (pip install genson; --python
names the interpreter that has it) on the 20,000-exchange shop HAR beside `contracts infer` on
the same file, in the same run, and the floors under both: the file read by Python's json
(genson's script without genson) and by serde_json (`contracts/examples/har_parse.rs`: entries
borrowed, every body parsed into a Value, on one thread; `cargo build --release -p
mockdrift-contracts --example har_parse`). --genson-only runs that comparison alone.

--guard is what CI runs (.ci/run): infer on HAR and on JSON Lines at 2,000 and 16,000
exchanges, diff of one mock file at 0.5 and 4 MB, and diff of 500 and 4,000 mock files against
as many contracts: 8x the input must cost under 12x the time, best of 3 runs of each size (a busy core slows single runs, not the best of three).
Quadratic code costs 64x. And the diff's peak RSS may grow by under 6 MiB a MB of the mock
(from 0.5 to 4 MB; 3.9 in session 21, 6.8 before), and `contracts infer` on 262 MB of
130 KB bodies must peak under 128 MiB (59 in session 25; 229 without batches bounded in
bytes). Exits 1 when a ratio or a bound is over.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# The guard's bound on the peak RSS one more MB of a mock body costs `diff`.
MIB_PER_MOCK_MB = 6
# The guard's bound on `contracts infer`'s peak RSS over 262 MB of large bodies.
BIG_BODIES_MIB = 128

TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run(cmd, quiet=True):
    """Wall seconds and peak RSS (MiB, 0 when unknown) of one run of `cmd`. The RSS comes from
    /usr/bin/time: a child forked from this process would count this process's own memory."""
    start = time.perf_counter()
    full = [TIME, "-f", "maxrss %M", *cmd] if TIME else cmd
    p = subprocess.Popen(full, stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.PIPE)
    err = p.stderr.read().decode(errors="replace")
    code = p.wait()
    wall = time.perf_counter() - start
    p.stderr.close()
    if code not in (0, 1):
        sys.exit(f"scale: {' '.join(cmd)} exited {code}:\n{err}")
    rss = [int(line.split()[1]) for line in err.splitlines() if line.startswith("maxrss ")]
    return wall, (rss[-1] / 1024 if rss else 0)


def best(cmd, rounds=3, before=None):
    runs = []
    for _ in range(rounds):
        if before:
            before()
        runs.append(run(cmd))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def flat_traffic(path, endpoints, per):
    """Exchanges over `endpoints` endpoints, 1,000 a service (the default
    `max_endpoints_per_service` is 2,000), distinct response shapes."""
    with open(path, "w") as f:
        for e in range(endpoints):
            for i in range(per):
                body = {"id": i, "name": f"item {i}", "status": ["open", "closed"][i % 2],
                        "created_at": "2026-11-20T10:00:00Z", "price": {"amount": i * 10, "currency": "EUR"},
                        f"f{e}": True}
                f.write(json.dumps({"service": f"shop{e // 1000}", "method": "GET", "path": flat_path(e, i), "status": 200,
                                    "time": "2026-11-20T10:00:00Z",
                                    "response": {"headers": [["content-type", "application/json"]],
                                                 "body": json.dumps(body)}}) + "\n")


def flat_path(e, i):
    return f"/team{e // 500}/res{e % 500}/items/{i + 1}"


def letters(n):
    out = ""
    while True:
        out += "abcdefghijklmnopqrstuvwxyz"[n % 26]
        n //= 26
        if n == 0:
            return out


def paths_traffic(path, n, endpoints):
    """`n` exchanges over `endpoints` endpoint templates, each path distinct (a slug of letters,
    which no value pattern takes for an id, or a number), empty bodies: the path learner's
    cost alone."""
    with open(path, "w") as f:
        for k in range(n):
            e = k % endpoints
            value = letters(k) if e % 2 else str(k)
            p = f"/svc{e % 50}/{gen.RESOURCES[e // 50 % 14]}{e // 700}/{value}/{gen.SUBS[e % 6]}"
            f.write('{"service":"shop","method":"GET","path":"%s","status":204,"time":"2026-11-20T10:00:00Z"}\n' % p)


def flat_mocks(directory, count, endpoints):
    os.makedirs(os.path.join(directory, "mappings"), exist_ok=True)
    for m in range(count):
        e = m % endpoints
        body = {"id": 1, "name": "item", "status": "open" if m % 3 else "archived",
                "created_at": "2026-11-20T10:00:00Z", "price": {"amount": 10, "currency": "EUR"}, f"f{e}": True}
        if m % 5 == 0:
            body["legacy_code"] = "x"
        stub = {"name": f"stub {m}", "request": {"method": "GET", "url": flat_path(e, m % 20)},
                "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "jsonBody": body}}
        with open(os.path.join(directory, "mappings", f"stub-{m:06d}.json"), "w") as f:
            json.dump(stub, f, indent=2)


def table(title, unit, rows):
    """rows: (label, size, items, seconds, rss). Growth per 4x of items."""
    print(f"\n{title}")
    print(f"  {'input':<28} {'size':>9} {'best of 3':>10} {'per ' + unit:>14} {'per 4x':>8} {'peak RSS':>9}")
    prev = None
    for label, size, items, secs, rss in rows:
        per = secs / items * 1e6
        growth = ""
        if prev and prev[0] != items:
            # The time's growth scaled to a 4x step of input.
            growth = f"{(secs / prev[1]) ** (math.log(4) / math.log(items / prev[0])):.2f}x"
        print(f"  {label:<28} {size:>9} {secs:>9.2f}s {per:>11.1f} µs {growth:>8} {rss:>6.0f} MiB")
        prev = (items, secs)


def human(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def infer_rows(binary, work, fmt, endpoints, sizes):
    rows = []
    for n in sizes:
        src = os.path.join(work, f"t-{endpoints}-{n}.{fmt}")
        gen.traffic(fmt, n, endpoints, src)
        store = os.path.join(work, "store")
        secs, rss = best([binary, "contracts", "infer", "--store", store, src],
                         before=lambda: shutil.rmtree(store, ignore_errors=True))
        rows.append((f"infer {fmt} {endpoints} endpoints", human(os.path.getsize(src)), n, secs, rss))
        os.remove(src)
    return rows


def contracts_of(binary, work, endpoints, per=3):
    """A snapshot of `endpoints` endpoint contracts: generated traffic over that many routes,
    given as an OpenAPI document (endpoints of one structure would be learned as one)."""
    traffic = os.path.join(work, f"flat-{endpoints}.jsonl")
    flat_traffic(traffic, endpoints, per)
    doc = os.path.join(work, "routes.openapi.json")
    with open(doc, "w") as f:
        json.dump({"openapi": "3.0.3", "info": {"title": "shop", "version": "1"},
                   "paths": {flat_path(e, 0).rsplit("/", 1)[0] + "/{item}": {} for e in range(endpoints)}}, f)
    store = os.path.join(work, f"flat-store-{endpoints}")
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run([binary, "contracts", "infer", "--store", store, "--openapi", doc, traffic], check=True,
                   stdout=subprocess.DEVNULL)
    out = os.path.join(work, f"contracts-{endpoints}.json")
    subprocess.run([binary, "contracts", "export", "--store", store, "-o", out], check=True)
    n = sum(1 for c in json.load(open(out))["contracts"] if c["status"] == 200)
    return out, n


def diff_cmd(binary, contracts, mocks, report):
    return [binary, "diff", "--contracts", contracts, "--mocks", mocks, "--format", "json", "-o", report,
            "--fail-on", "never", "--now", "2026-11-21T00:00:00Z"]


def big_mock_rows(binary, work, contracts, kind, sizes):
    rows = []
    for mb in sizes:
        d = os.path.join(work, f"big-{kind}-{mb}")
        os.makedirs(d, exist_ok=True)
        f = os.path.join(d, "mock.har" if kind == "har" else "mock.json")
        items = gen.bigmock(kind, mb, f)
        secs, rss = best(diff_cmd(binary, contracts, d, os.path.join(work, "report.json")))
        rows.append((f"diff one {'body of items' if kind == 'items' else 'HAR of entries'}", human(os.path.getsize(f)),
                     items, secs, rss))
        shutil.rmtree(d)
    return rows


def shop_contracts(binary, work):
    """A snapshot of the shop API's contracts, from 2,000 exchanges over its 10 endpoints."""
    out = os.path.join(work, "shop-contracts.json")
    src = os.path.join(work, "shop.jsonl")
    gen.traffic("jsonl", 2_000, 10, src)
    store = os.path.join(work, "shop-store")
    subprocess.run([binary, "contracts", "infer", "--store", store, src], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "contracts", "export", "--store", store, "-o", out], check=True)
    return out


def big_bodies(path, n=2_000, items=1_100):
    """`n` exchanges of about 130 KB each (a list of `items` small objects), over 50 paths of
    one endpoint: 262 MB of JSON Lines, more than `contracts infer` keeps in memory, so it is
    read twice and recorded in batches bounded by bytes, not only by count."""
    listing = [{"id": i, "name": f"item {i}", "price": {"amount": i * 10, "currency": "EUR"}, "tags": ["a", "b"]}
               for i in range(items)]
    with open(path, "w") as f:
        for k in range(n):
            body = json.dumps({"data": listing, "page": k, "has_more": True})
            f.write(json.dumps({"service": "shop", "method": "GET", "path": f"/api/lists/{k % 50}", "status": 200,
                                "time": "2026-11-20T10:00:00Z",
                                "response": {"headers": [["content-type", "application/json"]], "body": body}})
                    + "\n")


def guard(binary, work):
    failed = False
    # Memory, which a busy core does not change, on exchanges of large bodies: read ahead and
    # recorded in batches bounded in bytes, the peak stays far under the file (59 MiB in
    # session 25; 229 MiB with batches bounded by count alone, which this bound fails).
    src = os.path.join(work, "big-bodies.jsonl")
    big_bodies(src)
    store = os.path.join(work, "store")
    shutil.rmtree(store, ignore_errors=True)
    _, rss = run([binary, "contracts", "infer", "--store", store, src])
    size = os.path.getsize(src)
    os.remove(src)
    if not rss:
        sys.exit("scale guard: no peak RSS measured (install /usr/bin/time, Debian's `time`)")
    ok = rss < BIG_BODIES_MIB
    failed |= not ok
    print(f"scale guard: infer 2,000 exchanges of 130 KB bodies ({human(size)}): {rss:.0f} MiB peak RSS "
          f"{'ok' if ok else f'OVER {BIG_BODIES_MIB}'}")
    checks = []
    for fmt in ("har", "jsonl"):
        rows = infer_rows(binary, work, fmt, 10, [2_000, 16_000])
        checks.append((f"infer {fmt}", rows))
    contracts = shop_contracts(binary, work)
    big = big_mock_rows(binary, work, contracts, "items", [0.5, 4])
    checks.append(("diff one large mock", big))
    # Mocks and contracts grown together: a scan of every contract per mock costs 64x.
    rows = []
    for n in (500, 4_000):
        contracts, _ = contracts_of(binary, work, n)
        d = os.path.join(work, f"mocks-{n}")
        flat_mocks(d, n, n)
        secs, rss = best(diff_cmd(binary, contracts, d, os.path.join(work, "report.json")))
        rows.append(("diff mocks and contracts", f"{n:,}", n, secs, rss))
        shutil.rmtree(d)
    checks.append(("diff as many mocks as contracts", rows))
    for name, rows in checks:
        (_, _, n1, t1, _), (_, _, n2, t2, _) = rows
        ratio = t2 / t1
        ok = ratio < 12
        failed |= not ok
        print(f"scale guard: {name}: {n1:,} -> {n2:,} items ({n2 / n1:.1f}x input): "
              f"{t1:.3f}s -> {t2:.3f}s = {ratio:.1f}x time {'ok' if ok else 'OVER 12x'}")
    # Memory, which a busy core does not change: what 3.5 MB more of one mock body costs.
    # The session-20 build held 6.8 MiB a MB (a copy of each body's tree); this one 3.9.
    (_, _, _, _, r1), (_, _, _, _, r2) = big
    if not (r1 and r2):
        sys.exit("scale guard: no peak RSS measured (install /usr/bin/time, Debian's `time`)")
    per_mb = (r2 - r1) / 3.5
    ok = per_mb < MIB_PER_MOCK_MB
    failed |= not ok
    print(f"scale guard: diff one large mock: {r1:.0f} -> {r2:.0f} MiB peak RSS for 0.5 -> 4 MB = "
          f"{per_mb:.1f} MiB a MB {'ok' if ok else f'OVER {MIB_PER_MOCK_MB}'}")
    return 1 if failed else 0


def genson(a, binary, work):
    """contracts infer against genson and the floors under both, on the 20,000-exchange shop HAR."""
    if subprocess.run([a.python, "-c", "import genson"], capture_output=True).returncode != 0:
        sys.exit(f"scale: {a.python} cannot import genson: pip install genson, or give --python")
    har = os.path.join(work, "shop-20k.har")
    gen.traffic("har", 20_000, 10, har)
    store = os.path.join(work, "genson-store")
    ours, ours_rss = best([binary, "contracts", "infer", "--store", store, har],
                          before=lambda: shutil.rmtree(store, ignore_errors=True))
    script = ("import json,sys\nfrom genson import SchemaBuilder\nb=SchemaBuilder()\n"
              "for e in json.load(open(sys.argv[1]))['log']['entries']:\n"
              "    t=e['response']['content'].get('text')\n"
              "    if t: b.add_object(json.loads(t))\n"
              "print(len(json.dumps(b.to_schema())))\n")
    theirs, theirs_rss = best([a.python, "-c", script, har])
    print(f"\n20,000-exchange shop HAR ({human(os.path.getsize(har))}): contracts infer {ours:.2f}s "
          f"({ours_rss:.0f} MiB), genson {theirs:.2f}s ({theirs_rss:.0f} MiB): {theirs / ours:.1f}x faster")
    # The floors: what reading the same file costs before any learning, in Python (genson's
    # own parse, its script without genson) and with serde_json (one thread, entries
    # borrowed, every body parsed into a Value).
    parse = ("import json,sys\nn=0\nfor e in json.load(open(sys.argv[1]))['log']['entries']:\n"
             "    t=e['response']['content'].get('text')\n"
             "    if t: n+=len(json.loads(t))\nprint(n)\n")
    py, _ = best([a.python, "-c", parse, har])
    print(f"  parsing alone: Python's json {py:.2f}s (genson's learning is the other {theirs - py:.2f}s)", end="")
    if os.path.exists(a.floor_bin):
        rs, rs_rss = best([a.floor_bin, har])
        print(f", serde_json {rs:.2f}s ({rs_rss:.0f} MiB): contracts infer costs {ours / rs:.1f}x serde_json's parse")
    else:
        print(f"; no {a.floor_bin}: cargo build --release -p mockdrift-contracts --example har_parse")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--guard", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--genson", action="store_true")
    ap.add_argument("--genson-only", action="store_true")
    ap.add_argument("--python", default=sys.executable,
                    help="the Python that has genson (a virtualenv's bin/python)")
    ap.add_argument("--floor-bin", default=os.path.join(ROOT, "target", "release", "examples", "har_parse"),
                    help="with --genson: the serde_json floor (contracts/examples/har_parse.rs)")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    work = tempfile.mkdtemp(prefix="mockdrift-scale-")
    try:
        if a.guard:
            return guard(binary, work)
        if a.genson_only:
            genson(a, binary, work)
            return 0
        sizes = [1_000, 4_000, 16_000] if a.quick else [1_000, 4_000, 16_000, 64_000]
        rows = []
        for endpoints in (10, 1_000):
            for fmt in ("har", "jsonl"):
                rows += infer_rows(binary, work, fmt, endpoints, sizes)
        table("contracts infer (generated shop traffic, bench/gen.py)", "exchange", rows)

        rows = []
        for n in ([250_000] if a.quick else [250_000, 1_000_000]):
            src = os.path.join(work, f"paths-{n}.jsonl")
            paths_traffic(src, n, 5_000)
            store = os.path.join(work, "store")
            secs, rss = best([binary, "contracts", "infer", "--store", store, src],
                             before=lambda: shutil.rmtree(store, ignore_errors=True))
            rows.append(("infer distinct paths", human(os.path.getsize(src)), n, secs, rss))
            os.remove(src)
        table("contracts infer: every path distinct, 5,000 endpoint templates, empty bodies", "path", rows)

        contracts, n = contracts_of(binary, work, 10_000)
        rows = []
        for count in ([1_000, 10_000] if a.quick else [1_000, 10_000, 100_000]):
            d = os.path.join(work, f"mocks-{count}")
            flat_mocks(d, count, 10_000)
            secs, rss = best(diff_cmd(binary, contracts, d, os.path.join(work, "report.json")))
            rows.append((f"diff mocks vs {n:,} contracts", f"{count:,} files", count, secs, rss))
            shutil.rmtree(d)
        table("diff: many mock files", "mock", rows)

        contracts = shop_contracts(binary, work)
        sizes = [1, 10] if a.quick else [1, 10, 50]
        rows = big_mock_rows(binary, work, contracts, "items", sizes)
        rows += big_mock_rows(binary, work, contracts, "har", sizes)
        table("diff: one large mock file", "item", rows)

        if a.genson:
            genson(a, binary, work)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
