#!/usr/bin/env python3
"""Path templating scored against the truth over a matrix of traffic (issue 19, first slice).

    python3 bench/templating.py [--bin PATH] [--corpus DIR] [--per 2,8,32] [--only NAME]

For every OpenAPI description in the corpus (`MOCKDRIFT_CORPUS`/openapi) and every cell of
the matrix (how path parameters take their values x requests per template), it generates
JSON Lines traffic over the description's GET paths, runs `contracts infer` and
`contracts export --format openapi`, and compares the exported paths with the description's:

- precision: learned templates equal to a true one (parameter names ignored) / learned;
- recall: true templates learned / true templates;
- routable: share of requests whose true template was learned (an upper bound on the share
  recorded under their true template; the exact routing figure needs the store's per-path
  samples and is not built yet).

Value models (one per cell, for every parameter of every path):
- `open`: a fresh value almost every request (numbers, slugs, prefixed ids by name);
- `vocab`: 2 to 15 values per parameter name (shared by every path naming it: a client with
  a handful of owners and repositories), Zipf-skewed, each seen many times;
- `prefixed`: Stripe-like prefixed ids whose random part may hold no digit;
- `single`: one value per parameter (a single tenant): a literal is right, not scored.

Bodies are distinct per resource (a field named after the template). The sidecar views, the
shared envelope and error bodies, Zipf over endpoints and the CI floors are not built yet.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ["acme", "spark", "hello", "world", "data", "cloud", "rust", "mock", "drift", "linux", "react", "docs",
         "infra", "mobile", "core", "lab", "tools", "site", "alpha", "beta", "gamma", "delta", "omega", "nova"]
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MODELS = ["open", "vocab", "prefixed", "single"]


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
    return "/".join("{}" if s.startswith("{") and s.endswith("}") else s for s in t.split("/"))


def prefix_of(name):
    base = name.lower().removesuffix("_id").removesuffix("id").strip("_") or "obj"
    return base[:3] if len(base) > 3 else base


def value(model, name, template, rng, vocab):
    if model == "single":
        return "the-" + name.lower().replace("_", "-")
    if model == "vocab":
        values = vocab.setdefault(name, [f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
                                                      for _ in range(rng.randint(2, 15))])
        # Zipf-skewed: the first values far more often.
        i = min(int(rng.paretovariate(1.2)) - 1, len(values) - 1)
        return values[i]
    if model == "prefixed":
        alphabet = LETTERS if rng.random() < 0.5 else ALNUM
        return prefix_of(name) + "_" + "".join(rng.choice(alphabet) for _ in range(14))
    # open
    lname = name.lower()
    if lname.endswith("id") or "number" in lname or lname in ("code", "year"):
        return str(rng.randint(1, 9_999_999))
    sep = rng.choice(["-", "_", "", "."])
    return f"{rng.choice(WORDS)}{sep}{rng.choice(WORDS)}{rng.randint(0, 999) if rng.random() < 0.3 else ''}"


def traffic(paths, model, per, out, seed):
    rng = random.Random(seed)
    vocab = {}
    truth = []
    with open(out, "w") as f:
        for n in range(per):
            for t in paths:
                segs = []
                for s in t.split("/"):
                    if s.startswith("{") and s.endswith("}"):
                        segs.append(value(model, s[1:-1], t, rng, vocab))
                    else:
                        segs.append(s)
                path = "/".join(segs)
                body = {"id": n, "kind": skeleton(t), f"f_{abs(hash(skeleton(t))) % 100000}": True, "name": "x"}
                f.write(json.dumps({"service": "api", "method": "GET", "path": path, "status": 200,
                                    "time": "2026-11-20T10:00:00Z",
                                    "response": {"headers": [["content-type", "application/json"]],
                                                 "body": json.dumps(body)}}) + "\n")
                truth.append((t, path))
    return truth


def score(binary, work, paths, model, per, seed):
    src = os.path.join(work, "t.jsonl")
    truth = traffic(paths, model, per, src, seed)
    store = os.path.join(work, "store")
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run([binary, "contracts", "infer", "--store", store, src], check=True, stdout=subprocess.DEVNULL)
    doc = os.path.join(work, "out.json")
    subprocess.run([binary, "contracts", "export", "--store", store, "--format", "openapi", "-o", doc], check=True)
    learned = {skeleton(p) for p in json.load(open(doc)).get("paths", {})}
    true = {skeleton(p) for p in paths}
    good = learned & true
    precision = len(good) / len(learned) if learned else 0.0
    recall = len(good) / len(true) if true else 0.0
    # Routable: requests whose true template was learned.
    routed = sum(1 for t, _ in truth if skeleton(t) in learned)
    return precision, recall, routed / len(truth), len(learned), len(true)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--corpus", default=os.environ.get("MOCKDRIFT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")))
    ap.add_argument("--per", default="2,8,32")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    per_values = [int(x) for x in a.per.split(",")]
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
            if len(paths) < 2:
                continue
            for model in MODELS:
                for per in per_values:
                    p, r, routing, n_learned, n_true = score(binary, work, paths, model, per, seed=per * 31 + len(paths))
                    rows.append((name[:48], len(paths), model, per, p, r, routing, n_learned))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'description':<48} {'paths':>5} {'values':<9} {'per':>3} {'precision':>9} {'recall':>7} {'routable':>8} {'learned':>7}")
    for name, n, model, per, p, r, routing, n_learned in rows:
        print(f"{name:<48} {n:>5} {model:<9} {per:>3} {p:>9.3f} {r:>7.3f} {routing:>8.3f} {n_learned:>7}")
    scored = [row for row in rows if row[2] != "single" and row[3] >= 8]
    if scored:
        worst = min(scored, key=lambda row: min(row[4], row[5]))
        print(f"\ncells with 8+ requests a template, values not single: {len(scored)}; "
              f"mean precision {sum(r[4] for r in scored) / len(scored):.3f}, "
              f"mean recall {sum(r[5] for r in scored) / len(scored):.3f}; "
              f"worst: {worst[0]} {worst[2]} {worst[3]} ({worst[4]:.3f} / {worst[5]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
