#!/usr/bin/env python3
"""Files' names as values, through the proxy: a real icon theme behind a static server.

    python3 bench/staticfiles.py [--bin PATH] [--requests N] [--floor F]

Serves Debian's Adwaita icon theme (package adwaita-icon-theme: real file names, none written
for this check) with Python's `http.server` on 127.0.0.1:0, as `/icons/Adwaita/{size}/legacy/
{file}`, beside a content-addressed store of twelve of its icons named by their SHA-256
(`/blobs/{sha256}.png`, as CDNs and upload stores name files; sharded by the hash's first
digits, `/blobs/2d/{sha256}.png`, the shards stay literal: images answer no shape to join
them by, a limit this check leaves out). Sends N GETs (default 2,000;
seeded; the icons by Zipf over forty names present at every size, so that most are seen many
times and none is an open set's; the blobs uniformly, each seen a few dozen times) through
`mockdrift proxy`, stops it and scores `contracts export --format openapi` against the two
templates (precision and recall as in bench/templating.py). Exits 1 under --floor; exits 2
when the theme is not installed (CI installs it). What is real: the proxy, the recorder's
relearn, the theme's file names, the server; the layout of the blobs is this script's.
"""
import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasette as ds  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
THEME = "/usr/share/icons/Adwaita"
TRUTH = {"/icons/Adwaita/{}/legacy/{}", "/blobs/{}"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--floor", type=float)
    a = ap.parse_args()
    legacy = lambda s: os.path.join(THEME, s, "legacy")  # noqa: E731
    sizes = sorted(s for s in os.listdir(THEME) if re.fullmatch(r"\d+x\d+", s) and os.path.isdir(legacy(s))
                   and len(os.listdir(legacy(s))) >= 40) if os.path.isdir(THEME) else []
    if len(sizes) < 3:
        print(f"staticfiles: {THEME} holds {len(sizes)} sizes with a legacy directory; install adwaita-icon-theme",
              file=sys.stderr)
        return 2
    common = sorted(set.intersection(*(set(os.listdir(os.path.join(THEME, s, "legacy"))) for s in sizes)))
    rng = random.Random(7)
    names = rng.sample(common, min(40, len(common)))
    work = tempfile.mkdtemp(prefix="mockdrift-static-")
    root = os.path.join(work, "www")
    os.makedirs(os.path.join(root, "blobs"))
    os.symlink("/usr/share/icons", os.path.join(root, "icons"))
    blobs = []
    for n in names[:12]:
        path = os.path.join(THEME, sizes[0], "legacy", n)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        os.symlink(path, os.path.join(root, "blobs", digest + ".png"))
        blobs.append(digest + ".png")
    port = ds.free_port()
    srv = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", root],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = [srv]
    weights = [1 / (k + 1) for k in range(len(names))]
    try:
        ds.wait_port(port, srv, "http.server")
        paths = []
        for _ in range(a.requests):
            if rng.random() < 0.25:
                paths.append("/blobs/" + rng.choice(blobs))
            else:
                paths.append(f"/icons/Adwaita/{rng.choice(sizes)}/legacy/{rng.choices(names, weights)[0]}")
        learned, statuses = ds.record(a.bin, work, procs, "static", port, paths, what="staticfiles")
    finally:
        ds.cleanup(procs, work)
    print(f"staticfiles: {len(sizes)} sizes, {len(names)} icons, {len(blobs)} blobs, {a.requests} requests "
          f"(statuses {statuses}), {len(learned)} templates learned: {', '.join(sorted(learned)[:3])}")
    return ds.floor_check("staticfiles", learned, TRUTH, a.floor)


if __name__ == "__main__":
    sys.exit(main())
