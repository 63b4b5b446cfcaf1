#!/usr/bin/env python3
"""The fleet on a real service: Datasette (PyPI) behind two publishing sidecars and one
control sidecar that sees all the traffic, on loopback. The two sidecars publish to a
`file://` prefix (only at shutdown: the interval is an hour); the prefix, merged by
`contracts export --from` and by `contracts merge` (which learns templates again over
everything), is compared with the control's store.

    python3 bench/fleet_datasette.py [--bin target/release/mockdrift] [--datasette PATH] [--requests 1500]

Prints the exchanges counted on each side and, per endpoint, where they differ.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasette as ds  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOLATILE = {"first_seen", "last_seen", "latency", "examples", "example", "window", "sources", "learned"}


def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in VOLATILE}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def contracts(text):
    return {(c["method"], c["path"], c["status"]): strip(c) for c in json.loads(text)["contracts"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--datasette", default=shutil.which("datasette") or "datasette")
    ap.add_argument("--requests", type=int, default=1500)
    a = ap.parse_args()
    rng = random.Random(7)
    work = tempfile.mkdtemp(prefix="mockdrift-fleet-datasette-")
    procs = []
    try:
        db = os.path.join(work, "shop.db")
        skus, orders = ds.build_db(db, rng)
        ds_port = ds.free_port()
        server = subprocess.Popen([a.datasette, "serve", db, "--host", "127.0.0.1", "--port", str(ds_port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(server)
        ds.wait_port(ds_port, server, "datasette")
        fleet = os.path.join(work, "fleet")
        proxies = {}
        for name in ["pod-a", "pod-b", "all"]:
            port = ds.free_port()
            cmd = [a.bin, "proxy", "--store", os.path.join(work, name), "--admin", "off",
                   "--stable-sample", "1", "--route", f"datasette@127.0.0.1:{port}=http://127.0.0.1:{ds_port}"]
            if name != "all":
                cmd += ["--publish", f"file://{fleet}", "--publish-interval", "1h", "--source", name]
            p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(p)
            ds.wait_port(port, p, "mockdrift proxy")
            proxies[name] = (p, port)

        def get(port, path):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                    r.read()
            except urllib.error.HTTPError as e:
                e.read()

        requests = ds.plan(rng, a.requests, skus, orders)
        for i, (_, path) in enumerate(requests):
            get(proxies["pod-a" if i % 3 else "pod-b"][1], path)
            get(proxies["all"][1], path)
        for p, _ in proxies.values():
            p.send_signal(signal.SIGINT)
            if p.wait(timeout=60) != 0:
                raise SystemExit(f"a proxy exited with {p.returncode}")
        run = lambda *args: subprocess.run([a.bin, *args], check=True, capture_output=True, text=True)  # noqa: E731
        control = contracts(run("contracts", "export", "--store", os.path.join(work, "all")).stdout)
        merged = run("contracts", "export", "--from", f"file://{fleet}")
        print(merged.stderr.strip())
        by_export = contracts(merged.stdout)
        run("contracts", "merge", f"file://{fleet}", "-o", os.path.join(work, "m.json"))
        by_merge = contracts(open(os.path.join(work, "m.json")).read())
        total = lambda cs: sum(c["count"] for c in cs.values())  # noqa: E731
        print(f"datasette, {len(requests)} requests, 2 sidecars publishing, 1 seeing everything")
        print(f"  control store: {len(control)} contracts, {total(control)} exchanges")
        for label, got in [("export --from the prefix", by_export), ("contracts merge of the prefix", by_merge)]:
            same = sum(1 for k in got if control.get(k) == got[k])
            print(f"  {label}: {len(got)} contracts, {total(got)} exchanges; {same} equal to the control's")
            for k in sorted(set(got) & set(control)):
                if got[k] != control[k]:
                    fields = sorted(f for f in set(got[k]) | set(control[k]) if got[k].get(f) != control[k].get(f))
                    print(f"    differs {' '.join(map(str, k))}: {', '.join(fields)}")
                    if os.environ.get("FLEET_DIFF"):
                        def walk(x, y, at=""):
                            if isinstance(x, dict) and isinstance(y, dict):
                                for f in sorted(set(x) | set(y)):
                                    walk(x.get(f), y.get(f), f"{at}/{f}")
                            elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
                                for i, (xi, yi) in enumerate(zip(x, y)):
                                    walk(xi, yi, f"{at}/{i}")
                            elif x != y:
                                print(f"      {at}: merged {json.dumps(x)[:150]} / control {json.dumps(y)[:150]}")
                        walk(got[k], control[k])
            for k in sorted(set(got) ^ set(control)):
                print(f"    {'only merged ' if k in got else 'only control'} {' '.join(map(str, k))}")
    finally:
        ds.cleanup(procs, work)


if __name__ == "__main__":
    main()
