#!/usr/bin/env python3
"""Live contract changes on a real service: Datasette (PyPI) behind `mockdrift proxy`.

    python3 bench/changes_datasette.py [--bin PATH] [--datasette PATH] [--requests 3000] [--seed 7]

The shop of bench/datasette.py, served by `datasette serve` on loopback behind the proxy
(with `--flush-interval 1h` and `--stable-sample 1`: the proxy flushes and relearns templates
only when the bench asks `/contracts`, every 100 requests, and records every exchange, as
what the stable sampler skips depends on how fast the recorder drains its queue; so what it
learns and reports is the same on a busy machine as on an idle one; admin on 127.0.0.1:0). Phase 1 sends a skewed mix of requests to a
service that does not change (instance pages such as `/-/threads.json` whose content varies,
table pages, row pages as objects with `?_shape=objects`, missing rows): every change the
proxy reports then is a false alarm. Phase 2 restarts Datasette on the same port over the
same database after a migration (`products` gains `discount`, loses `price`; a new table
`reviews` is served) and sends the same mix plus the new table's pages: the changes expected
are `field_new /rows/*/discount` and `field_gone /rows/*/price` on the product row pages and
table page, and `endpoint_new` for the reviews pages. Prints what `/changes` said after each
phase, with the requests it took. Exits 1 on a false alarm (any change in phase 1, one not
listed above in phase 2) or a missed change.
Needs `pip install datasette`.
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from datasette import ROOT, build_db, cleanup, free_port, wait_port  # noqa: E402


def plan(rng, n, skus, reviews):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.2:
            out.append(rng.choice(["/-/versions.json", "/-/threads.json", "/-/metadata.json", "/-/databases.json",
                                   "/shop.json", "/shop/products.json?_shape=objects",
                                   "/shop/customers.json?_shape=objects"]))
        elif r < 0.55:
            s = skus[min(int(rng.paretovariate(1.1)) - 1, len(skus) - 1)]
            out.append(f"/shop/products/{s}.json?_shape=objects")
        elif r < 0.85:
            out.append(f"/shop/customers/{rng.randint(1, 300)}.json?_shape=objects")
        elif r < 0.95 and reviews:
            out.append(f"/shop/reviews/{rng.randint(1, 200)}.json?_shape=objects")
        else:
            out.append(f"/shop/products/missing-{rng.randint(1, 99)}.json?_shape=objects")
    return out


def get(url):
    req = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def changes(admin):
    status, body = get(f"http://{admin}/changes?since=0")
    assert status == 200, (status, body)
    return json.loads(body)["changes"]


def migrate(db_path, rng):
    db = sqlite3.connect(db_path)
    db.execute("alter table products add column discount integer")
    db.execute("update products set discount = abs(random()) % 30")
    db.execute("alter table products drop column price")
    db.execute("create table reviews (id integer primary key, sku text, stars integer)")
    db.executemany("insert into reviews values (?, ?, ?)", [(i, f"r{i}", rng.randint(1, 5)) for i in range(1, 201)])
    db.commit()
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--datasette", default=shutil.which("datasette") or "datasette")
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="mockdrift-changes-")
    procs = []
    try:
        db = os.path.join(work, "shop.db")
        skus, _ = build_db(db, rng)
        ds_port, px_port, admin_port = free_port(), free_port(), free_port()

        def serve():
            ds = subprocess.Popen([a.datasette, "serve", db, "--host", "127.0.0.1", "--port", str(ds_port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(ds)
            wait_port(ds_port, ds, "datasette")
            return ds

        ds = serve()
        px = subprocess.Popen([a.bin, "proxy", "--store", os.path.join(work, "store"),
                               "--admin", f"127.0.0.1:{admin_port}",
                               # Relearning (at each flush) and recording as of the exchanges
                               # sent, not of the clock: a flush only when /contracts asks,
                               # every exchange recorded.
                               "--flush-interval", "1h", "--stable-sample", "1",
                               "--route", f"datasette@127.0.0.1:{px_port}=http://127.0.0.1:{ds_port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(px)
        wait_port(px_port, px, "mockdrift proxy")
        wait_port(admin_port, px, "the admin port")
        admin = f"127.0.0.1:{admin_port}"
        statuses = {}
        for i, path in enumerate(plan(rng, a.requests, skus, reviews=False), 1):
            s, _ = get(f"http://127.0.0.1:{px_port}{path}")
            statuses[s] = statuses.get(s, 0) + 1
            if i % 100 == 0:
                # Relearning as traffic comes (at each flush): no false alarm either.
                get(f"http://{admin}/contracts")
        # /contracts makes the recorder take everything queued before it answers.
        get(f"http://{admin}/contracts")
        before = changes(admin)
        print(f"phase 1: {a.requests} requests to an unchanging Datasette (statuses {dict(sorted(statuses.items()))}): "
              f"{len(before)} changes reported (false alarms)")
        for c in before:
            print(f"    {c['kind']} {c['method']} {c['path']} {c['status']} {c['pointer']} ({c['before']} -> {c['after']})")
        ds.terminate()
        ds.wait()
        migrate(db, rng)
        serve()
        sent, found, all_at = 0, [], None
        expected = {("field_new", "/rows/*/discount"), ("field_gone", "/rows/*/price"), ("endpoint_new", "")}
        # True too: the table's `columns` list names the new column.
        true = expected | {("enum_value_new", "/columns/*")}
        for path in plan(rng, a.requests, skus, reviews=True):
            get(f"http://127.0.0.1:{px_port}{path}")
            sent += 1
            if sent % 100 == 0 and all_at is None:
                get(f"http://{admin}/contracts")
                found = changes(admin)[len(before):]
                if expected <= {(c["kind"], c["pointer"]) for c in found}:
                    all_at = sent
        get(f"http://{admin}/contracts")
        found = changes(admin)[len(before):]
        print(f"phase 2: after a migration (products: +discount, -price; a new reviews table), {sent} requests: "
              f"{len(found)} changes, the expected ones all in by request {all_at} (checked every 100):")
        for c in found:
            print(f"    {c['kind']} {c['method']} {c['path']} {c['status']} {c['pointer']} ({c['before']} -> {c['after']}), "
                  f"evidence {c['evidence']['count']} of {c['evidence']['of']}")
        missed = expected - {(c["kind"], c["pointer"]) for c in found}
        false = [c for c in found if (c["kind"], c["pointer"]) not in true]
        for m in sorted(missed):
            print(f"    missed {m}")
        print(f"    false alarms: {len(false)}")
    finally:
        cleanup(procs, work)
    return 1 if before or missed or false else 0


if __name__ == "__main__":
    sys.exit(main())
