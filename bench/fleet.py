#!/usr/bin/env python3
"""The fleet at scale: N sidecar snapshots of one service (ENDPOINTS endpoints each) on a real
S3 API (moto's server on loopback), merged by `contracts export --from s3://...`, compacted by
`contracts compact`, and read back from the compacted object. Prints wall time and peak RSS
of each step (one run each; `/usr/bin/time`).

    python3 bench/fleet.py [--snapshots 1000] [--endpoints 100] [--binary target/release/mockdrift]
                           [--moto target/moto-venv/bin/moto_server]

The snapshots come from ten different traffic files of bench/scale.py's flat API (ENDPOINTS
endpoints with distinct response shapes, 20 to 47 exchanges each), given to the pods in turn
under their own source names, as replicas of one deployment that each saw part of the traffic.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, env):
    """Wall seconds and peak RSS (MiB) of one run; fails loudly."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0 or "unreadable" in out.stderr:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr}")
    secs, kib = out.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kib) / 1024, out.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshots", type=int, default=1000)
    ap.add_argument("--endpoints", type=int, default=100)
    ap.add_argument("--binary", default=os.path.join(REPO, "target/release/mockdrift"))
    ap.add_argument("--moto", default=os.path.join(REPO, "target/moto-venv/bin/moto_server"))
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="mockdrift-fleet-")
    bases = []
    doc = os.path.join(work, "routes.openapi.json")
    with open(doc, "w") as f:
        json.dump({"openapi": "3.0.3", "info": {"title": "shop", "version": "1"},
                   "paths": {scale.flat_path(e, 0).rsplit("/", 1)[0] + "/{item}": {} for e in range(a.endpoints)}}, f)
    for b in range(10):
        traffic = os.path.join(work, f"t{b}.jsonl")
        scale.flat_traffic(traffic, a.endpoints, 20 + 3 * b)
        store = os.path.join(work, f"st{b}")
        subprocess.run([a.binary, "contracts", "infer", "--store", store, "--openapi", doc, traffic], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = subprocess.run([a.binary, "contracts", "export", "--store", store], check=True,
                              capture_output=True, text=True).stdout
        bases.append(json.loads(text))
    per_snapshot = len(bases[0]["contracts"])

    moto = subprocess.Popen([a.moto, "-H", "127.0.0.1", "-p", "0"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        endpoint = None
        for line in moto.stderr:
            m = re.search(r"http://127\.0\.0\.1:\d+", line)
            if m:
                endpoint = m.group(0)
                break
        # Its request log goes on: drained, or the server stops when the pipe is full.
        threading.Thread(target=lambda: [None for _ in moto.stderr], daemon=True).start()

        def put(path, data):
            req = urllib.request.Request(f"{endpoint}/{path}", data=data, method="PUT",
                                         headers={"Content-Type": "application/octet-stream"})
            urllib.request.urlopen(req).read()

        put("bench", b"")
        started = time.time()
        size = 0
        expected = 0
        for i in range(a.snapshots):
            snap = bases[i % len(bases)]
            snap["sources"] = [f"shop-7d9f8c-{i:05d}"]
            data = json.dumps(snap).encode()
            size += len(data)
            expected += sum(c["count"] for c in snap["contracts"])
            put(f"bench/fleet/shop0/shop-7d9f8c-{i:05d}.json", data)
        print(f"uploaded {a.snapshots} snapshots of {per_snapshot} endpoint contracts "
              f"({size / 1e6:.0f} MB) in {time.time() - started:.1f} s")

        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="us-east-1", AWS_ENDPOINT_URL=endpoint, AWS_ALLOW_HTTP="true")
        merged = os.path.join(work, "merged.json")
        secs, rss, log = timed([a.binary, "contracts", "export", "--from", "s3://bench/fleet", "-o", merged], env)
        print(log.strip().splitlines()[0])
        got = json.load(open(merged))
        total = sum(c["count"] for c in got["contracts"])
        assert total == expected, f"merged counts {total}, expected {expected}"
        assert len(got["sources"]) == a.snapshots, len(got["sources"])
        print(f"merge from {a.snapshots} objects: {secs:.2f} s, {rss:.0f} MiB peak RSS "
              f"({len(got['contracts'])} contracts, {total:,} exchanges counted once)")
        secs, rss, _ = timed([a.binary, "contracts", "compact", "s3://bench/fleet", "--to", "s3://bench/compacted"], env)
        print(f"compact into one object per service: {secs:.2f} s, {rss:.0f} MiB peak RSS")
        again = os.path.join(work, "again.json")
        secs, rss, _ = timed([a.binary, "contracts", "export", "--from", "s3://bench/compacted", "-o", again], env)
        total = sum(c["count"] for c in json.load(open(again))["contracts"])
        assert total == expected, f"compacted counts {total}, expected {expected}"
        print(f"merge from the compacted object: {secs:.2f} s, {rss:.0f} MiB peak RSS")
    finally:
        moto.kill()


if __name__ == "__main__":
    main()
