#!/usr/bin/env python3
"""Path templating on a real Debian archive's layout: the index files this machine's apt
lists name (`/var/lib/apt/lists/*_InRelease`: every `Packages`, `Contents-*`, `Translation-*`,
`dep11` and `debian-installer` file of each suite, for every architecture the archive
carries), requested as a mirror serving many clients sees them (Zipf over the files), learned
with `contracts infer` in three views (`bench/heldout.py`'s), and scored against the
templates the Debian repository format gives them: a suite, a component, an architecture
(`binary-$ARCH`, `Contents-$ARCH.gz`, `Components-$ARCH.yml.gz`), a language
(`Translation-$LANG`) and an icon size (`icons-$SIZE.tar.gz`) are values, the rest of each
name is the format's (https://wiki.debian.org/DebianRepository/Format). The names are the
archive's, not written for the learner; the truth is the format's variables, read off each
name by those rules, not by the learner's.

    python3 bench/aptindex.py --bin target/release/mockdrift [--requests 2000] [--lists DIR] [--floor F]

Prints precision and recall per view (with -v, the wrong and missed templates); with
--floor, exits 1 when a view falls below it. Exits 0 when no InRelease is there (nothing to
measure: says so); an unreadable one is named and skipped."""

import argparse
import glob
import json
import os
import random
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout  # noqa: E402


def index(path):
    """(suite, architectures, [component/file, ...]) of an InRelease file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"aptindex: {path}: {e.strerror}; skipped", file=sys.stderr)
        return "", [], []
    field = lambda k: (re.search(rf"^{k}: *(.*)$", text, re.M) or [None, ""])[1].split()  # noqa: E731
    suite = (field("Codename") or field("Suite") or [""])[0]
    # `deb.debian.org_debian-security_dists_bookworm-security_InRelease`: the suite after `dists`.
    name = os.path.basename(path)
    suite = name.split("_dists_")[1].rsplit("_InRelease", 1)[0].replace("_", "/") if "_dists_" in name else suite
    files, inside = [], False
    for line in text.splitlines():
        if line.startswith("SHA256:"):
            inside = True
        elif inside and line.startswith(" "):
            parts = line.split()
            if len(parts) == 3 and "/" in parts[2]:
                files.append(parts[2])
        elif inside:
            inside = False
    return suite, field("Architectures"), files


def truth(root, file, arches):
    """The repository format's template of `dists/{suite}/<file>`."""
    comp, rest = file.split("/", 1)
    for a in sorted(arches, key=len, reverse=True):
        rest = re.sub(rf"(?<=[-/]){re.escape(a)}(?=$|[./])", "{arch}", rest)
    rest = re.sub(r"Translation-[A-Za-z_]+", "Translation-{lang}", rest)
    rest = re.sub(r"icons-[0-9]+x[0-9]+(@[0-9])?", "icons-{size}", rest)
    return f"/{root}/dists/{{suite}}/{{component}}/{rest}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(heldout.ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--lists", default="/var/lib/apt/lists")
    ap.add_argument("--views", default="infer,sidecar,merged4")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--floor", type=float, help="exit 1 when a view's precision or recall is below this")
    ap.add_argument("--write-traffic", metavar="FILE", help="write the requests as JSON Lines to FILE and stop")
    a = ap.parse_args()
    found = sorted(glob.glob(os.path.join(a.lists, "*_InRelease")))
    # One mirror serving every suite under one root (`debian-security`'s beside `debian`'s
    # suites); an architecture is any the archives name (the security suite lists files of
    # architectures its own field leaves out).
    indexes = [index(f) for f in found]
    arches = {x for _, archs, _ in indexes for x in archs}
    files = [(f"/debian/dists/{suite}/{x}", truth("debian", x, arches)) for suite, _, listed in indexes for x in listed]
    if not files:
        print(f"aptindex: no InRelease with an index under {a.lists}: nothing measured")
        return
    rng = random.Random(35)
    weights = [1 / (i + 1) ** 0.7 for i in range(len(files))]
    rng.shuffle(weights)
    work = tempfile.mkdtemp(prefix="mockdrift-aptindex-")
    src = os.path.join(work, "traffic.jsonl")
    asked = set()
    with open(src, "w") as out:
        for path, t in rng.choices(files, weights, k=a.requests):
            asked.add(t)
            out.write(json.dumps({"service": "apt", "method": "GET", "path": path, "status": 200,
                                  "time": "2026-12-07T10:00:00Z",
                                  "response": {"headers": [["content-type", "application/octet-stream"]],
                                               "body": ""}}) + "\n")
    if a.write_traffic:
        shutil.copyfile(src, a.write_traffic)
        shutil.rmtree(work, ignore_errors=True)
        return
    skeleton = lambda p: re.sub(r"\{[^}]*\}", "{}", p)  # noqa: E731
    want = {skeleton(t) for t in asked}
    print(f"aptindex: {len(found)} InRelease files, {len(files)} index files, {a.requests} requests, "
          f"{len(want)} true templates requested")
    below = []
    try:
        for view in a.views.split(","):
            got = {skeleton(t) for t in heldout.learned(os.path.abspath(a.bin), work, src, view)}
            good = got & want
            precision, recall = len(good) / max(len(got), 1), len(good) / len(want)
            print(f"{view:<8} precision {precision:.3f} recall {recall:.3f} learned {len(got)} true {len(want)}")
            if a.floor is not None and min(precision, recall) < a.floor:
                below.append(f"{view} {precision:.3f} / {recall:.3f}")
            if a.v:
                for t in sorted(got - want):
                    print("    wrong  ", t)
                for t in sorted(want - got):
                    print("    missed ", t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if below:
        raise SystemExit(f"aptindex: below the floor {a.floor}: " + "; ".join(below))


if __name__ == "__main__":
    main()
