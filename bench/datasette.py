#!/usr/bin/env python3
"""Path templating on a real service: Datasette (PyPI) behind `mockdrift proxy`, on loopback.

    python3 bench/datasette.py [--bin PATH] [--datasette PATH] [--requests 1500] [--seed 7]

Builds a SQLite shop (products keyed by SKU slugs, customers by integers, orders by prefixed
ids), serves it with `datasette serve` on 127.0.0.1:0, records it through `mockdrift proxy`,
sends a skewed mix of requests (instance pages `/-/threads.json` and `/-/metadata.json` that
answer alike, table pages, row pages, rows that do not exist: Datasette's 404 shape), stops
the proxy, and scores `contracts export --format openapi` against the URL patterns Datasette
serves (precision, recall, routing as in bench/templating.py). Exits 1 under --floor. The
proxy learns once, when it stops (the flush interval is an hour), so a run repeats exactly.
The truth lists each table's page as an endpoint of its own (`/shop/products.json`): a mock
author's view. Datasette's own router has `/{database}/{table}.json`, which the learner finds
when the table pages answer one shape.
Needs `pip install datasette` (the path of its executable with --datasette).
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import templating  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ["oak", "pine", "birch", "cedar", "maple", "stone", "river", "cloud", "ember", "frost", "delta", "nova"]
TRUTH = ["/-/versions.json", "/-/plugins.json", "/-/threads.json", "/-/metadata.json", "/-/settings.json",
         "/-/databases.json", "/shop.json", "/shop/products.json", "/shop/customers.json", "/shop/orders.json",
         "/shop/products/{sku}.json", "/shop/customers/{id}.json", "/shop/orders/{id}.json"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cleanup(procs, work):
    """Kills what still runs of `procs` and removes the work directory."""
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
    shutil.rmtree(work, ignore_errors=True)


def wait_port(port, proc, what):
    # A deadline, not a count of tries: a busy machine starts Datasette slowly.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: {what} exited early ({proc.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"bench: {what} is not listening on {port}")


def record(binary, work, procs, service, upstream_port, paths, flush_interval="3600s", what="bench"):
    """Starts `mockdrift proxy` for `service` in front of 127.0.0.1:`upstream_port` (added to
    `procs` for `cleanup`), sends a GET for each of `paths` through it, stops it and exports
    what it learned: (the OpenAPI paths learned, {status: count})."""
    store = os.path.join(work, "store")
    px_port = free_port()
    while px_port == upstream_port:
        px_port = free_port()
    px = subprocess.Popen([binary, "proxy", "--store", store, "--admin", "off", "--flush-interval", flush_interval,
                           "--route", f"{service}@127.0.0.1:{px_port}=http://127.0.0.1:{upstream_port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(px)
    wait_port(px_port, px, "mockdrift proxy")
    statuses = {}
    for path in paths:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{px_port}{path}", timeout=10) as r:
                r.read()
                statuses[r.status] = statuses.get(r.status, 0) + 1
        except urllib.error.HTTPError as e:
            e.read()
            statuses[e.code] = statuses.get(e.code, 0) + 1
        except (urllib.error.URLError, OSError) as e:
            raise SystemExit(f"{what}: {path} through the proxy: {e}")
    px.send_signal(signal.SIGINT)
    if px.wait(timeout=60) != 0:
        raise SystemExit(f"{what}: the proxy exited with {px.returncode}")
    doc = os.path.join(work, "out.json")
    export = subprocess.run([binary, "contracts", "export", "--store", store, "--format", "openapi", "-o", doc],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if export.returncode != 0:
        raise SystemExit(f"{what}: contracts export exited {export.returncode}: {export.stderr.strip()}")
    with open(doc) as f:
        return list(json.load(f).get("paths", {})), statuses


def floor_check(what, learned, truth, floor):
    """Prints the precision and recall of the templates `learned` (parameter names ignored)
    against `truth`; 1 when either is below `floor` (None: no floor), else 0."""
    got = {re.sub(r"\{[^}]*\}", "{}", t) for t in learned}
    precision = len(got & truth) / max(len(got), 1)
    recall = len(got & truth) / len(truth)
    print(f"precision {precision:.3f}, recall {recall:.3f}")
    if floor is not None and (precision < floor or recall < floor):
        print(f"{what}: below the floor {floor}", file=sys.stderr)
        return 1
    return 0


def score(learned, truth, requests):
    """Templates learned against the true ones, parameter names ignored, and routing over the
    (true template, path) requests: (precision, recall, routing, wrong, missed)."""
    skel = {templating.skeleton(p) for p in learned}
    true = {templating.skeleton(t) for t in truth}
    good = skel & true
    resolve = templating.resolver(learned)
    routed = sum(1 for t, p in requests
                 if (r := resolve(p.split("?")[0])) is not None and templating.skeleton(r) == templating.skeleton(t))
    return (len(good) / max(len(skel), 1), len(good) / len(true), routed / len(requests), sorted(skel - true),
            sorted(true - skel))


def build_db(path, rng):
    db = sqlite3.connect(path)
    db.execute("create table products (sku text primary key, name text, price integer)")
    db.execute("create table customers (id integer primary key, name text, city text)")
    db.execute("create table orders (id text primary key, customer integer, total integer)")
    skus = [f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i}" for i in range(300)]
    db.executemany("insert into products values (?, ?, ?)", [(s, s.title(), rng.randint(1, 999)) for s in skus])
    db.executemany("insert into customers values (?, ?, ?)",
                   [(i, f"c{i}", rng.choice(WORDS)) for i in range(1, 301)])
    orders = ["ord_" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(14))
              for _ in range(300)]
    db.executemany("insert into orders values (?, ?, ?)", [(o, rng.randint(1, 300), rng.randint(1, 9999)) for o in orders])
    db.commit()
    db.close()
    return skus, orders


def plan(rng, n, skus, orders):
    """(true template, path) pairs: a few hot pages, rows on a long tail, some missing rows."""
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.25:
            t = rng.choice(TRUTH[:10])
            out.append((t, t))
        elif r < 0.55:
            s = skus[min(int(rng.paretovariate(1.1)) - 1, len(skus) - 1)]
            out.append(("/shop/products/{sku}.json", f"/shop/products/{s}.json"))
        elif r < 0.8:
            out.append(("/shop/customers/{id}.json", f"/shop/customers/{rng.randint(1, 300)}.json"))
        elif r < 0.95:
            out.append(("/shop/orders/{id}.json", f"/shop/orders/{rng.choice(orders)}.json"))
        else:
            out.append(("/shop/products/{sku}.json", f"/shop/products/missing-{rng.randint(1, 99)}.json"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--datasette", default=shutil.which("datasette") or "datasette")
    ap.add_argument("--requests", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--floor", type=float, default=0.0, help="fail when precision or recall is below")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="mockdrift-datasette-")
    procs = []
    try:
        db = os.path.join(work, "shop.db")
        skus, orders = build_db(db, rng)
        ds_port = free_port()
        ds = subprocess.Popen([a.datasette, "serve", db, "--host", "127.0.0.1", "--port", str(ds_port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(ds)
        wait_port(ds_port, ds, "datasette")
        requests = plan(rng, a.requests, skus, orders)
        learned, statuses = record(a.bin, work, procs, "datasette", ds_port, [p for _, p in requests],
                                   what="datasette bench")
    finally:
        cleanup(procs, work)
    # Datasette's row pages end in `.json`, learned as the path's ending (`{sku}.json`).
    precision, recall, routing, wrong, missed = score(learned, TRUTH, requests)
    print(f"datasette {subprocess.run([a.datasette, '--version'], capture_output=True, text=True).stdout.strip()}: "
          f"{len(requests)} requests (statuses {dict(sorted(statuses.items()))}), {len(learned)} templates learned")
    print(f"precision {precision:.3f}, recall {recall:.3f}, routing {routing:.3f}")
    print("".join(f"    wrong   {t}\n" for t in wrong) + "".join(f"    missed  {t}\n" for t in missed), end="")
    return 1 if min(precision, recall) < a.floor else 0


if __name__ == "__main__":
    sys.exit(main())
