#!/usr/bin/env python3
"""Path templating scored against the truth over a matrix of traffic (issue 19).

    python3 bench/templating.py [--bin PATH] [--corpus DIR] [--only NAME]
        [--models open,vocab,zipf,...] [--bodies distinct,envelope,errors] [--volumes 2,8,32,z8]
        [--views infer,sidecar,merged4] [--quick] [--floors FILE] [--write-floors FILE] [--show CELL]
        [--salt TEXT]

For every OpenAPI description in the corpus (`MOCKDRIFT_CORPUS`/openapi, GET paths) and every
cell of the matrix it generates JSON Lines traffic, runs mockdrift on it the way the cell's
view says, exports the learned templates (`contracts export --format openapi`) and compares
them with the description's paths (parameter names ignored):

- precision: learned templates equal to a true one / learned templates;
- recall: true templates learned / true templates;
- a parameter that took one value only in the cell's traffic (over every true template
  with the same path up to it) may be learned as that literal (the truth cannot be learned
  from traffic there): either form counts as the true template, but only one per template;
  the summary says how many were right only as such a literal;
- routing: share of requests whose template, resolved among the learned ones as mockdrift
  resolves a path (most literal segments, then literals first from the left), is the true one.

The matrix:
- values, how every path parameter takes its values (per parameter *name*, so that every path
  naming `owner` sees the same owners):
  `open` (a fresh value almost every request: numbers, slugs with dots, dashes, underscores),
  `vocab` (2 to 15 values, uniform, each seen many times: a client's handful of owners),
  `zipf` (2 to 15 values, Zipf-skewed), `prefixed` (Stripe-like ids, the random part with
  or without digits: `re_gZIAZvcPWEXmNt`, `acct_1Nv0FGQ9RKHgCVdK`), `mixed` (by parameter:
  dates, enumerations of 3 to 6 words, slugs, UUIDs, numbers, prefixed ids), `single` (one
  value: a literal is the right answer, reported, not scored);
- bodies: `distinct` (a shape per resource), `envelope` (one `{data, meta}` envelope for every
  endpoint), `errors` (distinct, but a quarter of the requests answer 404 or 403 with one
  error shape shared by every endpoint);
- volume: 2, 8 or 32 requests per template, or `z8` (8 per template on average, Zipf over the
  endpoints: a few hot, a long tail seen once or twice);
- view: `infer` (`contracts infer` over everything), `sidecar` (one sidecar: exchanges
  recorded in arrival order, templates relearned as the proxy relearns at a flush, every 500
  exchanges), `merged4` (four sidecars, each a quarter of the traffic, their snapshots
  merged with `contracts merge`).

Cells with 8 or 32 requests per template and values other than `single` are the scored ones
(the issue's targets: precision and recall >= 0.95). `--floors FILE` fails when a scored cell
falls more than 0.01 below the figures recorded there (`--write-floors FILE` records the
current ones: a ratchet, so that learning cannot get worse unnoticed). CI runs `--quick`.
`--salt TEXT` draws other traffic of the same kinds (every cell's seed salted): whether a rule
holds beyond the requests it was measured on.
A new value model is a function in VALUES; a new body model one in BODIES.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ["acme", "spark", "hello", "world", "data", "cloud", "rust", "mock", "drift", "linux", "react", "docs",
         "infra", "mobile", "core", "lab", "tools", "site", "alpha", "beta", "gamma", "delta", "omega", "nova"]
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ENUMS = [["usd", "eur", "gbp", "jpy", "chf"], ["open", "closed", "all"], ["daily", "weekly", "monthly", "yearly"],
         ["card_payments", "transfers", "tax_reporting", "treasury"], ["small", "medium", "large", "x-large"]]


def load(path):
    text = open(path, encoding="utf-8").read()
    if path.endswith(".json"):
        return json.loads(text)
    import yaml
    return yaml.safe_load(text)


def get_paths(doc):
    """The description's GET path templates (server base paths left out)."""
    out = []
    for p, item in (doc.get("paths") or {}).items():
        if isinstance(item, dict) and "get" in item and p.startswith("/"):
            out.append(p)
    return sorted(set(out))


def skeleton(t):
    """A template with its parameters unnamed: `/a/{}/{}.json`."""
    return "/".join("{}" if s.startswith("{") and s.endswith("}") else AFFIXED.sub("{}", s) for s in t.split("/"))


# A parameter with text around it in its segment (`{sid}.json`, `v{major}`).
AFFIXED = re.compile(r"\{[^{}]*\}")


def prefix_of(name):
    base = name.lower().removesuffix("_id").removesuffix("id").strip("_") or "obj"
    return base[:3] if len(base) > 3 else base


def stable(name):
    return zlib.crc32(name.encode())


def few(name, rng, state, zipf):
    values = state.setdefault(name, [f"{rng.choice(WORDS)}-{rng.choice(WORDS)}" for _ in range(rng.randint(2, 15))])
    if zipf:
        return values[min(int(rng.paretovariate(1.2)) - 1, len(values) - 1)]
    return rng.choice(values)


def prefixed(name, rng):
    alphabet = LETTERS if rng.random() < 0.5 else ALNUM
    return prefix_of(name) + "_" + "".join(rng.choice(alphabet) for _ in range(14))


def open_value(name, rng):
    lname = name.lower()
    if lname.endswith("id") or "number" in lname or lname in ("code", "year"):
        return str(rng.randint(1, 9_999_999))
    sep = rng.choice(["-", "_", "", "."])
    return f"{rng.choice(WORDS)}{sep}{rng.choice(WORDS)}{rng.randint(0, 999) if rng.random() < 0.3 else ''}"


def mixed(name, rng, state):
    kind = stable(name) % 6
    if kind == 0:
        return f"20{rng.randint(10, 26)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
    if kind == 1:
        return rng.choice(ENUMS[stable(name + "e") % len(ENUMS)])
    if kind == 2:
        return f"{rng.choice(WORDS)}.{rng.choice(WORDS)}_{rng.choice(WORDS)}-{rng.randint(1, 99)}"
    if kind == 3:
        return "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                                 rng.getrandbits(12), rng.getrandbits(48))
    if kind == 4:
        return str(rng.randint(1, 99_999))
    return prefixed(name, rng)


VALUES = {
    "open": lambda name, rng, state: open_value(name, rng),
    "vocab": lambda name, rng, state: few(name, rng, state, zipf=False),
    "zipf": lambda name, rng, state: few(name, rng, state, zipf=True),
    "prefixed": lambda name, rng, state: prefixed(name, rng),
    "mixed": mixed,
    "single": lambda name, rng, state: "the-" + name.lower().replace("_", "-"),
}


# The member that tells each resource's shape apart, per skeleton of the description being
# run: a number from the skeleton's name, the next free one where two would share it.
FIELDS = {}


def fields(paths):
    FIELDS.clear()
    taken = set()
    for k in sorted({skeleton(t) for t in paths}):
        f = stable(k) % 100000
        while f in taken:
            f = (f + 1) % 100000
        taken.add(f)
        FIELDS[k] = f


def distinct_body(template, n):
    k = skeleton(template)
    return 200, {"id": n, "kind": k, f"f_{FIELDS[k]}": True, "name": "x"}


def envelope_body(template, n):
    status, inner = distinct_body(template, n)
    return status, {"data": inner, "meta": {"request_id": f"r{n}", "version": 2}}


def errors_body(template, n, rng):
    r = rng.random()
    if r < 0.2:
        return 404, {"message": "Not Found", "documentation_url": "https://docs.example.com/rest"}
    if r < 0.25:
        return 403, {"message": "Forbidden", "documentation_url": "https://docs.example.com/rest"}
    return distinct_body(template, n)


BODIES = {
    "distinct": lambda t, n, rng: distinct_body(t, n),
    "envelope": lambda t, n, rng: envelope_body(t, n),
    "errors": errors_body,
}


def requests_per_template(paths, volume, rng):
    if volume.startswith("z"):
        mean = int(volume[1:])
        order = list(paths)
        rng.shuffle(order)
        weights = [1.0 / (i + 1) for i in range(len(order))]
        total = mean * len(order)
        scale = (total - len(order)) / sum(weights)
        return {t: 1 + int(w * scale) for t, w in zip(order, weights)}
    return {t: int(volume) for t in paths}


def traffic(paths, model, bodies, volume, seed):
    """Requests in a random order: (true template, path, JSON line)."""
    rng = random.Random(seed)
    state = {}
    fields(paths)
    counts = requests_per_template(paths, volume, rng)
    plan = [t for t in paths for _ in range(counts[t])]
    rng.shuffle(plan)
    out = []
    for n, t in enumerate(plan):
        segs = [VALUES[model](s[1:-1], rng, state) if s.startswith("{") and s.endswith("}") else s
                for s in t.split("/")]
        path = "/".join(segs)
        status, body = BODIES[bodies](t, n, rng)
        line = json.dumps({"service": "api", "method": "GET", "path": path, "status": status,
                           "time": "2026-11-20T10:00:00Z",
                           "response": {"headers": [["content-type", "application/json"]],
                                        "body": json.dumps(body)}})
        out.append((t, path, line))
    return out


def run(cmd, env=None):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)


def learned_templates(binary, work, requests, view):
    """The templates mockdrift learns from the requests, as the view runs it."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    doc = os.path.join(work, "out.json")
    sidecar = dict(os.environ, MOCKDRIFT_INFER_AS_SIDECAR="500")
    if view in ("infer", "sidecar"):
        src = os.path.join(work, "t.jsonl")
        with open(src, "w") as f:
            f.writelines(line + "\n" for _, _, line in requests)
        store = os.path.join(work, "store")
        run([binary, "contracts", "infer", "--store", store, src], env=sidecar if view == "sidecar" else None)
        run([binary, "contracts", "export", "--store", store, "--format", "openapi", "-o", doc])
    elif view == "merged4":
        snaps = []
        for i in range(4):
            src = os.path.join(work, f"t{i}.jsonl")
            with open(src, "w") as f:
                f.writelines(line + "\n" for _, _, line in requests[i::4])
            store = os.path.join(work, f"store{i}")
            run([binary, "contracts", "infer", "--store", store, src], env=sidecar)
            snap = os.path.join(work, f"s{i}.json")
            run([binary, "contracts", "export", "--store", store, "-o", snap])
            snaps.append(snap)
        merged = os.path.join(work, "merged.json")
        subprocess.run([binary, "contracts", "merge", *snaps, "-o", merged], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run([binary, "contracts", "export", "--from", merged, "--format", "openapi", "-o", doc])
    else:
        raise SystemExit(f"templating: unknown view {view}")
    return list(json.load(open(doc)).get("paths", {}))


def resolver(templates):
    """Resolves a concrete path among templates as mockdrift does: the most literal segments,
    then literals first from the left, then the smallest text."""
    literal = 1 << 62
    trie = {}
    for t in templates:
        node = trie
        for s in t.split("/")[1:]:
            affixed = None if s.startswith("{") and s.endswith("}") else AFFIXED.search(s)
            if s.startswith("{") and s.endswith("}"):
                key = "{}"
            elif affixed:
                key = ("~", s[:affixed.start()], s[affixed.end():])
            else:
                key = "=" + s
            node = node.setdefault(key, {})
        node.setdefault("$", []).append(t)

    def resolve(path):
        segs = path.split("/")[1:]
        best = None

        # Ranks as mockdrift's: a literal over a parameter with text around it (by the length
        # of that text) over a bare one; first by how many literals.
        def walk(node, i, ranks):
            nonlocal best
            if i == len(segs):
                for t in node.get("$", []):
                    key = (sum(r == literal for r in ranks), ranks, [-ord(c) for c in t])
                    if best is None or key > best[0]:
                        best = (key, t)
                return
            if "=" + segs[i] in node:
                walk(node["=" + segs[i]], i + 1, ranks + [literal])
            for k, child in node.items():
                if isinstance(k, tuple) and len(segs[i]) > len(k[1]) + len(k[2]) \
                        and segs[i].startswith(k[1]) and segs[i].endswith(k[2]):
                    walk(child, i + 1, ranks + [1 + len(k[1]) + len(k[2])])
            if "{}" in node and segs[i]:
                walk(node["{}"], i + 1, ranks + [0])

        walk(trie, 0, [])
        return best[1] if best else None

    return resolve


def score(binary, work, paths, model, bodies, volume, view, seed):
    requests = traffic(paths, model, bodies, volume, seed)
    learned = learned_templates(binary, work, requests, view)
    skel = {skeleton(p) for p in learned}
    # Where a parameter took one value only in the traffic, the literal is right as well: the
    # truth cannot be learned from traffic there (the exception; `single` is all such).
    # Judged as the learner sees the position: over every request of every true template
    # whose path up to it has the same skeleton (`/pets/{}` counts the values of
    # `/pets/{petId}` and of `/pets/{petId}/photos` together).
    seen = {}
    for t, path, _ in requests:
        segs = path.split("?")[0].split("/")
        k = skeleton(t).split("/")
        for i, seg in enumerate(k):
            if seg == "{}" and i < len(segs):
                seen.setdefault("/".join(k[:i + 1]), set()).add(segs[i])
    forms = {}
    for t in paths:
        k = skeleton(t).split("/")
        lit = list(k)
        for i, seg in enumerate(k):
            values = seen.get("/".join(k[:i + 1]), set())
            if seg == "{}" and len(values) == 1:
                lit[i] = next(iter(values))
        forms["/".join(k)] = ["/".join(k), "/".join(lit)]
    # A learned template is right when it is one form of a true template, and only one form
    # of each counts: the literal beside the template it belongs to is one too many.
    accepted = {f: k for k, fs in forms.items() for f in fs}
    good, found, literal_only = set(), set(), 0
    for s_ in sorted(skel, key=lambda x: x not in forms):
        k = accepted.get(s_)
        if k is not None and k not in found:
            good.add(s_)
            found.add(k)
            literal_only += s_ not in forms
    true = set(forms)
    precision = len(good) / len(skel) if skel else 0.0
    recall = len(found) / len(true) if true else 0.0
    resolve = resolver(learned)
    routed = 0
    for t, path, _ in requests:
        r = resolve(path.split("?")[0])
        routed += r is not None and skeleton(r) in forms[skeleton(t)]
    return {"precision": precision, "recall": recall, "routing": routed / len(requests), "learned": len(skel),
            "wrong": sorted(skel - good), "missed": sorted(true - found), "literal": literal_only}


def scored(row):
    return row["model"] != "single" and not row["volume"].startswith("z") and int(row["volume"]) >= 8


def cell_key(row):
    return f"{row['name']} {row['model']} {row['bodies']} {row['volume']} {row['view']}"


# How far under its recorded figure a cell may fall before `--floors` fails (the traffic is
# seeded, so a run repeats exactly; the slack absorbs a Python whose random differs).
SLACK = 0.01

QUICK = dict(models="open,zipf,prefixed,mixed", bodies="distinct,envelope", volumes="8", views="infer,merged4")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--corpus", default=os.environ.get("MOCKDRIFT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")))
    ap.add_argument("--only", default="", help="descriptions whose file name holds this")
    ap.add_argument("--models", default=",".join(VALUES))
    ap.add_argument("--bodies", default=",".join(BODIES))
    ap.add_argument("--volumes", default="2,8,32,z8")
    ap.add_argument("--views", default="infer,sidecar,merged4")
    ap.add_argument("--quick", action="store_true", help="the reduced matrix CI runs: " + json.dumps(QUICK))
    ap.add_argument("--floors", help="fail when a scored cell falls below the floors in this file")
    ap.add_argument("--write-floors", help="write the scored cells' figures to this file")
    ap.add_argument("--show", default="", help="print the wrong and missed templates of cells holding this")
    ap.add_argument("--salt", default="", help="other traffic of the same kinds: a salt for every cell's seed")
    a = ap.parse_args()
    if a.quick:
        for k, v in QUICK.items():
            setattr(a, k, v)
    binary = os.path.abspath(a.bin)
    docs = sorted(f for f in os.listdir(os.path.join(a.corpus, "openapi")) if a.only in f)
    work = tempfile.mkdtemp(prefix="mockdrift-templating-")
    rows = []
    try:
        for name in docs:
            try:
                paths = get_paths(load(os.path.join(a.corpus, "openapi", name)))
            except Exception as e:  # a description we cannot read is named, the rest goes on
                print(f"templating: {name}: cannot read: {e}", file=sys.stderr)
                continue
            if len(paths) < 2 or not any("{" in p for p in paths):
                continue
            for model in a.models.split(","):
                for bodies in a.bodies.split(","):
                    for volume in a.volumes.split(","):
                        for view in a.views.split(","):
                            seed = stable(f"{name} {model} {bodies} {volume}{a.salt}")
                            r = score(binary, os.path.join(work, "cell"), paths, model, bodies, volume, view, seed)
                            r.update(doc=name[:40], name=name, paths=len(paths), model=model, bodies=bodies,
                                     volume=volume, view=view)
                            rows.append(r)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'description':<40} {'paths':>5} {'values':<8} {'bodies':<8} {'vol':>3} {'view':<7} "
          f"{'precision':>9} {'recall':>6} {'routing':>7} {'learned':>7}")
    for r in rows:
        print(f"{r['doc']:<40} {r['paths']:>5} {r['model']:<8} {r['bodies']:<8} {r['volume']:>3} {r['view']:<7} "
              f"{r['precision']:>9.3f} {r['recall']:>6.3f} {r['routing']:>7.3f} {r['learned']:>7}"
              f"{'' if scored(r) else '  (not scored)'}")
        if a.show and a.show in cell_key(r):
            for t in r["wrong"]:
                print(f"    wrong   {t}")
            for t in r["missed"]:
                print(f"    missed  {t}")
    gated = [r for r in rows if scored(r)]
    if gated:
        mean = lambda k: sum(r[k] for r in gated) / len(gated)
        ok = sum(1 for r in gated if r["precision"] >= 0.95 and r["recall"] >= 0.95)
        worst = min(gated, key=lambda r: min(r["precision"], r["recall"]))
        print(f"\nscored cells (8 or 32 requests a template, values not single): {len(gated)}; "
              f"at 0.95 or more in both: {ok}; mean precision {mean('precision'):.3f}, recall {mean('recall'):.3f}, "
              f"routing {mean('routing'):.3f}; worst: {cell_key(worst)} "
              f"({worst['precision']:.3f} / {worst['recall']:.3f}); templates right only as the literal "
              f"of a parameter that took one value: {sum(r['literal'] for r in gated)}")
        for view in sorted({r["view"] for r in gated}):
            v = [r for r in gated if r["view"] == view]
            print(f"  {view:<8} {len(v):>4} cells: mean precision {sum(r['precision'] for r in v) / len(v):.3f}, "
                  f"recall {sum(r['recall'] for r in v) / len(v):.3f}, routing {sum(r['routing'] for r in v) / len(v):.3f}")
    if a.write_floors:
        floors = {cell_key(r): [round(r["precision"], 3), round(r["recall"], 3)] for r in gated}
        with open(a.write_floors, "w") as f:
            json.dump(floors, f, indent=1, sort_keys=True)
            f.write("\n")
    if a.floors:
        floors = json.load(open(a.floors))
        failed = []
        for r in gated:
            floor = floors.get(cell_key(r))
            if floor and (r["precision"] < floor[0] - SLACK or r["recall"] < floor[1] - SLACK):
                failed.append(f"{cell_key(r)}: precision {r['precision']:.3f} (floor {floor[0]}), "
                              f"recall {r['recall']:.3f} (floor {floor[1]})")
        missing = [k for k in floors if k not in {cell_key(r) for r in gated}]
        for f in failed:
            print(f"templating: below its floor: {f}", file=sys.stderr)
        if missing:
            print(f"templating: {len(missing)} floor cells were not run (e.g. {missing[0]})", file=sys.stderr)
        if failed or missing:
            return 1
        print(f"templating: all {len(gated)} scored cells at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
