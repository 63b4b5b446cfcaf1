#!/usr/bin/env python3
"""Path templating on a second real service: a Django REST framework app behind `mockdrift proxy`.

    python3 bench/drf.py [--bin PATH] [--python PATH] [--requests 2000] [--seed 7] [--floor F] [--flush-interval 3600s] [-v]

`--python` is an interpreter with Django and djangorestframework (`pip install django
djangorestframework uritemplate inflection`). Serves bench/drf_app.py with Django's
own server on 127.0.0.1:0, records it through `mockdrift proxy`, sends a skewed mix of GET
requests, stops the proxy, and scores `contracts export --format openapi` against what DRF's
schema generator (`manage.py generateschema`) says the app serves, plus the API root `/api/`
that the generator leaves out (precision, recall and routing as in bench/templating.py).

What DRF brings that Datasette does not: every path ends in `/`; `@action` routes beside the
lookup (`/api/users/me/` beside `/api/users/{id}/`, `/api/projects/featured/` beside
`/api/projects/{slug}/`); slugs with dashes, underscores and dots; UUIDs; a vocabulary of eight
tags seen hundreds of times each; one pagination envelope for every list and one 404 body
(`{"detail": ...}`) for every endpoint; a PDF below an item. The values are drawn here, Zipf
over endpoints and Pareto over values (a few hot users and projects, a long tail), one request
in twenty for an item that does not exist. The proxy learns once, when it stops (unless
`--flush-interval` is short), so a run repeats exactly.
"""
import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from datasette import ROOT, cleanup, free_port, record, score, wait_port  # noqa: E402

APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drf_app.py")
WORDS = ["data", "web", "ml", "core", "infra", "auth", "billing", "search", "mobile", "docs", "edge", "queue"]
TAGS = ["bug", "feature", "docs", "ui", "backend", "security", "perf", "good-first-issue"]


def build(rng):
    """The app's data: users by number, projects by slug, orders by UUID, eight tags, tasks."""
    users = [{"id": i, "username": f"{rng.choice(WORDS)}{rng.choice(['', '_', '.'])}{rng.randrange(1, 999)}",
              "date_joined": f"2025-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}T10:00:00Z",
              "profile": {"bio": None if rng.random() < .4 else "hello", "avatar": f"/media/a/{i}.png"}}
             for i in range(1, 401)]
    slugs = set()
    while len(slugs) < 60:
        sep = rng.choice("-_.")
        slugs.add(sep.join(rng.sample(WORDS, rng.choice([1, 2, 2, 3]))) + rng.choice(["", "", f"{sep}v{rng.randrange(2, 5)}"]))
    projects = [{"slug": s, "name": s.replace("-", " ").title(), "stars": rng.randrange(0, 5000),
                 "members": rng.sample(range(1, 401), 3), "archived": rng.random() < .1} for s in sorted(slugs)]
    orders = [{"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "total": rng.randrange(100, 99999),
               "currency": rng.choice(["usd", "eur"]), "status": rng.choice(["paid", "open", "void"])}
              for _ in range(300)]
    tags = [{"name": t, "color": "#" + "".join(rng.choice("0123456789abcdef") for _ in range(6)), "count": rng.randrange(1, 99)}
            for t in TAGS]
    tasks = {p["slug"]: [{"id": i, "title": "".join(rng.choice(string.ascii_lowercase) for _ in range(8)),
                          "done": rng.random() < .5, "assignee": rng.choice([None, 1, 2])}
                         for i in range(1, rng.randrange(2, 40))] for p in projects}
    return {"users": users, "projects": projects, "orders": orders, "tags": tags, "tasks": tasks}


def plan(rng, n, data):
    """(true template, path) pairs: Zipf over the endpoints, Pareto over values, 1 in 20 missing."""
    def pick(items):
        return items[min(int(rng.paretovariate(1.0)) - 1, len(items) - 1)]

    def user():
        return str(pick(data["users"])["id"]) if rng.random() > .05 else str(rng.randrange(1000, 9999))

    def project():
        return pick(data["projects"])["slug"] if rng.random() > .05 else f"gone-{rng.randrange(1, 99)}"

    def task(slug):
        ts = data["tasks"].get(slug) or [{"id": 1}]
        return str(rng.choice(ts)["id"] if rng.random() > .05 else rng.randrange(100, 999))
    state = {}

    def slug():
        state["p"] = project()
        return state["p"]
    values = {"id": user, "slug": slug, "name": lambda: rng.choice(TAGS),
              "order": lambda: pick(data["orders"])["id"], "task": lambda: task(state["p"])}
    endpoints = ["/api/users/{id}/", "/api/projects/{slug}/", "/api/orders/{order}/", "/api/tags/{name}/",
                 "/api/users/me/", "/api/projects/{slug}/tasks/{task}/", "/api/projects/", "/api/users/",
                 "/api/projects/{slug}/tasks/", "/api/projects/{slug}/members/", "/api/health/",
                 "/api/users/{id}/followers/", "/api/projects/featured/", "/api/tags/", "/api/orders/",
                 "/api/orders/{order}/invoice/", "/api/projects/{slug}/stats/", "/api/"]
    weights = [1 / (i + 1) ** 0.8 for i in range(len(endpoints))]
    out = []
    for _ in range(n):
        t = rng.choices(endpoints, weights)[0]
        p = t
        for name in ("slug", "id", "order", "name", "task"):
            if "{" + name + "}" in p:
                p = p.replace("{" + name + "}", values[name]())
        if t.endswith("s/") and rng.random() < .5:
            p += f"?limit=20&offset={20 * rng.randrange(0, 5)}"
        out.append((t, p))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--python", default=sys.executable, help="a Python with django and djangorestframework")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--floor", type=float, default=0.0, help="fail when precision or recall is below")
    ap.add_argument("--flush-interval", default="3600s", help="the proxy's (it relearns at each flush): shorter "
                    "relearns while the traffic arrives, and a run no longer repeats exactly")
    ap.add_argument("-v", action="store_true", help="the requests' paths per template learned")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="mockdrift-drf-")
    procs = []
    try:
        data = build(rng)
        env = dict(os.environ, DRF_DATA=os.path.join(work, "data.json"))
        with open(env["DRF_DATA"], "w") as f:
            json.dump(data, f)
        schema = subprocess.run([a.python, APP, "generateschema", "--format", "openapi-json"], env=env,
                                capture_output=True, text=True)
        if schema.returncode != 0:
            raise SystemExit(f"drf bench: generateschema failed: {schema.stderr.strip()[-400:]}")
        truth = [*json.loads(schema.stdout)["paths"], "/api/"]
        app_port = free_port()
        app = subprocess.Popen([a.python, APP, "runserver", f"127.0.0.1:{app_port}", "--noreload"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(app)
        wait_port(app_port, app, "the DRF app")
        requests = plan(rng, a.requests, data)
        learned, statuses = record(a.bin, work, procs, "drf", app_port, [p for _, p in requests],
                                   a.flush_interval, "drf bench")
        # The app must have answered as a DRF app does: a broken upgrade answering 500s
        # would leave only paths to learn from.
        ok = sum(n for code, n in statuses.items() if 200 <= code < 300)
        if any(code >= 500 for code in statuses) or ok * 10 < len(requests) * 8:
            raise SystemExit(f"drf bench: the app answered {dict(sorted(statuses.items()))}")
    finally:
        cleanup(procs, work)
    precision, recall, routing, wrong, missed = score(learned, truth, requests)
    version = subprocess.run([a.python, "-c", "import django, rest_framework as r; print(django.get_version(), r.VERSION)"],
                             capture_output=True, text=True).stdout.split() + ["?", "?"]
    print(f"django {version[0]}, djangorestframework {version[1]}: {len(requests)} requests "
          f"(statuses {dict(sorted(statuses.items()))}), {len(learned)} templates learned, {len(truth)} true")
    print(f"precision {precision:.3f}, recall {recall:.3f}, routing {routing:.3f}")
    print("".join(f"    wrong   {t}\n" for t in wrong) + "".join(f"    missed  {t}\n" for t in missed), end="")
    if a.v:
        for t in sorted(learned):
            print(f"    learned {t}")
    return 1 if min(precision, recall) < a.floor else 0


if __name__ == "__main__":
    sys.exit(main())
