#!/usr/bin/env python3
"""File names made of the path's values, through the proxy: a NuGet-style flat container.

    python3 bench/flatcontainer.py [--bin PATH] [--requests N] [--floor F]

Lays out the crates of this machine's Cargo cache (`~/.cargo/registry/cache`: real package
names and versions, none written for this check) as NuGet's flat container,
`/v3-flatcontainer/{id}/{version}/{id}.{version}.nupkg` (the crate itself) and
`{id}.nuspec`, serves the tree with Python's `http.server` on 127.0.0.1:0, sends N GETs
(default 2,000; seeded) through `mockdrift proxy`, stops it and scores `contracts export
--format openapi` against the two templates (precision and recall as in
bench/templating.py). Exits 1 under --floor; exits 0 with a message when the cache holds fewer
than 20 crates (nothing to lay out). The static server is not a registry's own service: what is
real here is the proxy, the recorder's relearn, the names and versions, and the server.
"""
import argparse
import glob
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasette as ds  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRUTH = {"/v3-flatcontainer/{}/{}/{}.{}.nupkg", "/v3-flatcontainer/{}/{}/{}.nuspec"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--floor", type=float)
    a = ap.parse_args()
    crates = []
    for p in sorted(glob.glob(os.path.expanduser("~/.cargo/registry/cache/*/*.crate"))):
        m = re.match(r"(.+)-(\d+\.\d+\.\d+[^/]*)\.crate$", os.path.basename(p))
        if m:
            crates.append((m.group(1), m.group(2), p))
    if len(crates) < 20:
        print(f"flatcontainer: {len(crates)} crates in the Cargo cache, too few to lay out; skipped")
        return 0
    work = tempfile.mkdtemp(prefix="mockdrift-flat-")
    root = os.path.join(work, "www")
    for name, ver, p in crates:
        d = os.path.join(root, "v3-flatcontainer", name, ver)
        os.makedirs(d, exist_ok=True)
        os.symlink(p, os.path.join(d, f"{name}.{ver}.nupkg"))
        with open(os.path.join(d, f"{name}.nuspec"), "w") as f:
            f.write(f"<package><metadata><id>{name}</id><version>{ver}</version></metadata></package>")
    port = ds.free_port()
    srv = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", root],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = [srv]
    try:
        ds.wait_port(port, srv, "http.server")
        rng = random.Random(7)
        paths = []
        for _ in range(a.requests):
            name, ver, _ = rng.choice(crates)
            leaf = f"{name}.{ver}.nupkg" if rng.random() < 0.6 else f"{name}.nuspec"
            paths.append(f"/v3-flatcontainer/{name}/{ver}/{leaf}")
        learned, statuses = ds.record(a.bin, work, procs, "flat", port, paths, what="flatcontainer")
    finally:
        ds.cleanup(procs, work)
    print(f"flatcontainer: {len(crates)} crates, {a.requests} requests (statuses {statuses}), "
          f"{len(learned)} templates learned: {', '.join(sorted(learned)[:2])}")
    return ds.floor_check("flatcontainer", learned, TRUTH, a.floor)


if __name__ == "__main__":
    sys.exit(main())
