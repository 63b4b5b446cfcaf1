#!/usr/bin/env python3
"""Path templating on clients outside the corpus matrix: a regression guard.

    python3 bench/heldout.py [--bin PATH] [--views infer,sidecar,merged4] [-v] [--floor F] [--only CLIENTS]
        [--floors FILE] [--write-floors FILE]

Despite the name, neither client is held out any more: issue 19's fifth-round rules (a child
without answers, shapes below items, both readings of a shape, null members) came from their
failures. Held-out checks are `bench/templating.py --salt TEXT` and the real Datasette
(`bench/datasette.py`).

`bench/templating.py` scores a matrix over the corpus's API descriptions; this scores
clients of other shapes, each at several sizes and in each view (as bench/templating.py runs
them: `contracts infer` over everything, one sidecar relearning every 500 exchanges, four
sidecars on a quarter each merged with `contracts merge`), templates from `contracts export
--format openapi` against the generator's own (parameter names ignored):

- `shop`: bench/gen.py's shop API (fourteen resources under up to 24 versions, ids by number,
  UUID, prefixed id and slug, a few hot ids shared by every resource, one request in twenty
  a 404);
- `gitlab`: a GitLab-like client (44 GET endpoints, a client's nine projects by number and
  by URL-encoded path, a few groups, branches with encoded slashes, tags, SHAs, Zipf over the
  endpoints, a nullable member in a third of the answers, 7 % 404s);
- `twilio`, `kubernetes`, `jira` (session 29, written from the public shapes of those APIs
  before any rule for them; each failed: Jira 0.278 and Twilio 0.000 in precision and
  recall, until a version read as an id stayed literal and `{Sid}.json` was learned), and
  `shopify` (written after those rules, not tuned for: 0.667 on the session-28 build):
  dated and numbered versions, `.json` after ids, pods and nodes by generated and dotted
  names, issue keys; at 600 and 2,000 requests.

- thirteen clients of real public APIs (`bench/clients.py`: Zendesk, Reddit, Slack, the Docker
  Registry, Spotify, Discord, PyPI, npm, Azure, Mastodon, Mailchimp, Bitbucket, a one-organization
  GitHub client), written in session 30 by a helper that knew nothing of the learner's rules, and
  twelve more (`bench/clients2.py`: Salesforce, Cloudflare, Elasticsearch, Jenkins, Sentry,
  Airtable, CouchDB, Microsoft Graph, DigitalOcean, Prometheus, Okta, Notion) written after the
  first batch's rules, and thirteen more (`bench/clients3.py`: Vault, Keycloak, crates.io, Open
  Library, Hacker News, Wikipedia, WordPress, NuGet, MusicBrainz, Grafana, the Docker Engine,
  Twitch, PagerDuty) written in session 31 after the second batch's rules, and twelve more
  (`bench/clients4.py`: Gitea, Confluence, HubSpot, Contentful, Harbor, Home Assistant, Consul,
  Matrix, Discourse, Trello, Auth0, Google Calendar) written in session 31 after the third
  batch's rules, and twelve more (`bench/clients5.py`: Zoom, Asana, RabbitMQ, Nomad, Gerrit,
  OpenStack Nova, Netlify, Etsy, Jellyfin, Kong, Terraform Cloud, Zulip) written in session 32
  after the fourth batch's rules, held out (no learner rule came from them; the reading of
  JSON behind Gerrit's XSSI guard did, after they were measured), and twelve more
  (`bench/clients6.py`: Maven Central, the Debian archive, Mattermost, Proxmox VE, Strava,
  PeerTube, Algolia, Mailgun, QuickBooks Online, Redmine, WooCommerce, Argo CD) written in
  session 33 after the fifth batch's rules and held out from session 33's file-name rule
  (32 of 72 runs at 0.95 on session 32's build, 36 with the rule; two fixes came from them
  after), and twelve more (`bench/clients7.py`: Hugging Face, Box, X, Google Cloud Storage,
  RubyGems, Nextcloud, TMDB, PokéAPI, Mapbox, Square, Ghost, Sonarr) written in session 34,
  held out from its rule for files named by ids (21 of 72 on session 33's build and with it;
  the files-in-one-place rule and a form for ids in capitals came from them after: 28), and
  twelve more (`bench/clients8.py`: PayPal, Packagist, Quay, CircleCI, Datadog, Telegram's bot
  API, OpenStreetMap, Plex, Philips Hue, Socrata, OpenAlex, Cloudinary) written in session 35,
  held out from its rules for values beside fixed text in a segment (18 of 72 on session 34's
  build and with them; PayPal's 17-capital ids and Telegram's bot tokens came from them after:
  21); at 600 and 2,000 requests.

Prints precision and recall per run (with -v, the wrong and missed templates). The shop's
truth is the templates its traffic requested; GitLab's is all 44, so one never requested
counts as missed. `--floor 0.95` (in CI) fails when a run falls below it in precision or
recall, but for GitLab at 400 requests (9 a template on average, several templates never
requested or requested with one value), and for the runs `bench/heldout-floors.json` holds
(below 0.95 when recorded with `--write-floors`): each may not fall more than 0.01 below its
recorded figure.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
import clients2  # noqa: E402
import clients3  # noqa: E402
import clients4  # noqa: E402
import clients5  # noqa: E402
import clients6  # noqa: E402
import clients7  # noqa: E402
import clients8  # noqa: E402
import clients9  # noqa: E402

# The batches of clients of real APIs, in the order they were written.
BATCHES = (clients, clients2, clients3, clients4, clients5, clients6, clients7, clients8, clients9)
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

GITLAB = [
    "/api/v4/projects", "/api/v4/projects/{id}", "/api/v4/projects/{id}/merge_requests",
    "/api/v4/projects/{id}/merge_requests/{iid}", "/api/v4/projects/{id}/merge_requests/{iid}/notes",
    "/api/v4/projects/{id}/merge_requests/{iid}/changes", "/api/v4/projects/{id}/merge_requests/{iid}/approvals",
    "/api/v4/projects/{id}/issues", "/api/v4/projects/{id}/issues/{iid}", "/api/v4/projects/{id}/issues/{iid}/notes",
    "/api/v4/projects/{id}/pipelines", "/api/v4/projects/{id}/pipelines/{pipeline_id}",
    "/api/v4/projects/{id}/pipelines/{pipeline_id}/jobs", "/api/v4/projects/{id}/jobs/{job_id}",
    "/api/v4/projects/{id}/jobs/{job_id}/trace", "/api/v4/projects/{id}/repository/branches",
    "/api/v4/projects/{id}/repository/branches/{branch}", "/api/v4/projects/{id}/repository/tags",
    "/api/v4/projects/{id}/repository/tags/{tag_name}", "/api/v4/projects/{id}/repository/commits",
    "/api/v4/projects/{id}/repository/commits/{sha}", "/api/v4/projects/{id}/repository/commits/{sha}/diff",
    "/api/v4/projects/{id}/repository/files/{file_path}", "/api/v4/projects/{id}/members",
    "/api/v4/projects/{id}/members/{user_id}", "/api/v4/projects/{id}/labels", "/api/v4/projects/{id}/environments",
    "/api/v4/projects/{id}/environments/{environment_id}", "/api/v4/projects/{id}/releases/{tag_name}",
    "/api/v4/groups", "/api/v4/groups/{group}", "/api/v4/groups/{group}/projects", "/api/v4/groups/{group}/members",
    "/api/v4/groups/{group}/subgroups", "/api/v4/users", "/api/v4/users/{user_id}", "/api/v4/users/{user_id}/projects",
    "/api/v4/user", "/api/v4/user/keys", "/api/v4/version", "/api/v4/projects/{id}/search", "/api/v4/search",
    "/api/v4/namespaces", "/api/v4/namespaces/{namespace}",
]


def gitlab(n, seed, out):
    rng = random.Random(seed)
    projects = [str(rng.randrange(100, 99999)) for _ in range(6)] + ["acme%2Fbilling", "acme%2Fweb-app",
                                                                      "platform%2Fcore-api"]
    groups = ["acme", "platform", "data-eng", "acme%2Finfra"]
    choices = {
        "id": projects, "branch": ["main", "develop", "feature%2Flogin-page", "release%2F2.4", "fix%2Foom-kill"],
        "tag_name": ["v1.2.3", "v1.3.0", "v2.0.0-rc1", "v2.0.0"], "group": groups,
        "file_path": ["README.md", "src%2Fmain.rs", "docs%2Findex.md", ".gitlab-ci.yml"],
        "namespace": groups + ["jdoe", "asmith"],
    }

    def value(name):
        if name in choices:
            return rng.choice(choices[name])
        if name == "iid":
            return str(rng.randrange(1, 400))
        if name == "user_id":
            return str(rng.choice([rng.randrange(1, 5000), rng.choice([17, 23, 42])]))
        if name == "sha":
            return "%040x" % rng.getrandbits(160) if rng.random() < .7 else "%08x" % rng.getrandbits(32)
        return str(rng.randrange(10**5, 10**7))

    weights = [1 / (i + 1) ** 0.8 for i in range(len(GITLAB))]
    rng.shuffle(weights)
    with open(out, "w") as f:
        for i in range(n):
            t = rng.choices(GITLAB, weights)[0]
            path = "/".join(value(s[1:-1]) if s.startswith("{") else s for s in t.split("/"))
            status = 200 if rng.random() < 0.93 else 404
            if status == 200:
                item = {"id": i, "created_at": "2026-01-01T00:00:00Z", "web_url": "https://gitlab.example.com/x",
                        re.sub(r"[{}/]", "_", t): True}
                if rng.random() < .3:
                    item["description"] = None
                single = t.endswith("}") or t.endswith(("/user", "/version", "trace", "diff", "changes", "approvals"))
                body = item if single else [item, dict(item)]
            else:
                body = {"message": "404 Not found"}
            f.write(json.dumps({"service": "gitlab", "method": "GET", "path": path, "status": status,
                                "time": "2026-11-20T10:00:00Z",
                                "response": {"headers": [["content-type", "application/json"]],
                                             "body": json.dumps(body)}}) + "\n")
    return set(GITLAB)


# Three more clients, written in session 29 from the public shapes of their APIs and not
# tuned for: each failed before the rules they brought (Jira's `/rest/api/2` and Twilio's
# `/2010-04-01` taken for ids, Twilio's `{Sid}.json`).
TWILIO = [
    "/2010-04-01/Accounts.json", "/2010-04-01/Accounts/{AccountSid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages.json", "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls.json", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json",
    "/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json", "/2010-04-01/Accounts/{AccountSid}/Balance.json",
]
KUBERNETES = [
    "/api/v1/namespaces", "/api/v1/namespaces/{name}", "/api/v1/namespaces/{namespace}/pods",
    "/api/v1/namespaces/{namespace}/pods/{pod}", "/api/v1/namespaces/{namespace}/pods/{pod}/log",
    "/api/v1/namespaces/{namespace}/pods/{pod}/status", "/api/v1/namespaces/{namespace}/services",
    "/api/v1/namespaces/{namespace}/services/{service}", "/api/v1/namespaces/{namespace}/configmaps",
    "/api/v1/namespaces/{namespace}/configmaps/{configmap}", "/api/v1/nodes", "/api/v1/nodes/{node}",
    "/apis/apps/v1/namespaces/{namespace}/deployments", "/apis/apps/v1/namespaces/{namespace}/deployments/{deployment}",
    "/apis/apps/v1/namespaces/{namespace}/deployments/{deployment}/scale", "/version", "/healthz",
]
SHOPIFY = [
    "/admin/api/2024-01/products.json", "/admin/api/2024-01/products/{product_id}.json",
    "/admin/api/2024-01/products/count.json", "/admin/api/2024-01/products/{product_id}/variants.json",
    "/admin/api/2024-01/variants/{variant_id}.json", "/admin/api/2024-01/orders.json",
    "/admin/api/2024-01/orders/{order_id}.json", "/admin/api/2024-01/orders/{order_id}/fulfillments.json",
    "/admin/api/2024-01/orders/count.json", "/admin/api/2024-01/customers/{customer_id}.json",
    "/admin/api/2024-01/customers/search.json", "/admin/api/2024-01/shop.json",
]
JIRA = [
    "/rest/api/2/issue/{issueIdOrKey}", "/rest/api/2/issue/{issueIdOrKey}/comment",
    "/rest/api/2/issue/{issueIdOrKey}/comment/{id}", "/rest/api/2/issue/{issueIdOrKey}/transitions",
    "/rest/api/2/issue/{issueIdOrKey}/worklog", "/rest/api/2/project", "/rest/api/2/project/{projectIdOrKey}",
    "/rest/api/2/project/{projectIdOrKey}/versions", "/rest/api/2/project/{projectIdOrKey}/components",
    "/rest/api/2/search", "/rest/api/2/myself", "/rest/api/2/field", "/rest/api/2/priority",
    "/rest/agile/1.0/board", "/rest/agile/1.0/board/{boardId}", "/rest/agile/1.0/board/{boardId}/sprint",
    "/rest/agile/1.0/sprint/{sprintId}", "/rest/agile/1.0/sprint/{sprintId}/issue",
]


def other(client, n, seed, out):
    """Twilio (`.json` after ids, a dated version, one to three accounts), Shopify (`.json`
    after 13-digit ids, `count` and `search` beside them, a version `2024-01`), Kubernetes (a few
    namespaces, pods by generated name, nodes by DNS name with dots) or Jira (issue keys,
    four projects, a numbered version) traffic: Zipf over the endpoints, one request in ten a
    404 with a shared error shape, a member of its own in each endpoint's answer."""
    rng = random.Random(seed)
    hexs = lambda k: "%0*x" % (k, rng.getrandbits(4 * k))  # noqa: E731
    if client == "twilio":
        templates, accounts = TWILIO, ["AC" + hexs(32) for _ in range(rng.choice([1, 2, 3]))]
        values = {"AccountSid": lambda: rng.choice(accounts),
                  "Sid": lambda: rng.choice(["SM", "CA", "RE", "PN"]) + hexs(32),
                  "MessageSid": lambda: "SM" + hexs(32), "CallSid": lambda: "CA" + hexs(32)}
    elif client == "kubernetes":
        templates = KUBERNETES
        spaces = ["default", "kube-system", "payments", "web-frontend", "monitoring"]
        apps = ["web", "api-gateway", "redis-cache", "worker", "billing-svc"]
        values = {"name": lambda: rng.choice(spaces), "namespace": lambda: rng.choice(spaces),
                  "pod": lambda: f"{rng.choice(apps)}-{hexs(9)}-{hexs(5)}", "service": lambda: rng.choice(apps),
                  "configmap": lambda: rng.choice(apps) + rng.choice(["-config", "-env"]),
                  "node": lambda: f"ip-10-0-{rng.randrange(1, 4)}-{rng.randrange(2, 250)}.ec2.internal",
                  "deployment": lambda: rng.choice(apps)}
    elif client == "shopify":
        templates, big = SHOPIFY, lambda: str(rng.randrange(10**12, 10**13))
        values = {"product_id": big, "variant_id": big, "order_id": big, "customer_id": big}
    else:
        templates, projects = JIRA, ["PROJ", "OPS", "WEB", "DATA"]
        values = {"issueIdOrKey": lambda: f"{rng.choice(projects)}-{rng.randrange(1, 3000)}",
                  "id": lambda: str(rng.randrange(10000, 99999)), "projectIdOrKey": lambda: rng.choice(projects),
                  "boardId": lambda: str(rng.choice([1, 2, 7, 12])), "sprintId": lambda: str(rng.randrange(100, 400))}
    weights = [1 / (i + 1) ** 0.8 for i in range(len(templates))]
    rng.shuffle(weights)
    used = set()
    with open(out, "w") as f:
        for i in range(n):
            t = rng.choices(templates, weights)[0]
            used.add(t)
            path = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)](), t)
            status = 200 if rng.random() < 0.9 else 404
            if status == 200:
                item = {"id": i, "created": "2026-01-01T00:00:00Z", re.sub(r"\W", "_", t): True}
                one = re.search(r"(\}|\}\.json|log|status|scale|myself|version|healthz|Balance\.json)$", t)
                body = item if one else {"items": [item, dict(item)], "total": 2}
            else:
                body = {"message": "not found", "code": 404}
            f.write(json.dumps({"service": client, "method": "GET", "path": path, "status": status,
                                "time": "2026-11-20T10:00:00Z",
                                "response": {"headers": [["content-type", "application/json"]],
                                             "body": json.dumps(body)}}) + "\n")
    return used


def shop(n, endpoints, out):
    gen.traffic("jsonl", n, endpoints, out)
    return {gen.endpoint(e)[0] for e, *_ in gen.exchanges(n, endpoints)}


def run(cmd, env=None):
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit(f"heldout: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr}")


def learned(binary, work, src, view):
    work = os.path.join(work, view)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    sidecar = dict(os.environ, MOCKDRIFT_INFER_AS_SIDECAR="500")
    doc = os.path.join(work, "out.json")
    if view in ("infer", "sidecar"):
        store = os.path.join(work, f"store-{view}")
        run([binary, "contracts", "infer", "--store", store, src], env=sidecar if view == "sidecar" else None)
        run([binary, "contracts", "export", "--store", store, "--format", "openapi", "-o", doc])
    elif view == "merged4":
        lines = open(src).readlines()
        snaps = []
        for i in range(4):
            part, store, snap = (os.path.join(work, f"{x}{i}") for x in ("part", "store", "snap"))
            open(part, "w").writelines(lines[i::4])
            run([binary, "contracts", "infer", "--store", store, part], env=sidecar)
            run([binary, "contracts", "export", "--store", store, "-o", snap])
            snaps.append(snap)
        merged = os.path.join(work, "merged.json")
        run([binary, "contracts", "merge", *snaps, "-o", merged])
        run([binary, "contracts", "export", "--from", merged, "--format", "openapi", "-o", doc])
    else:
        raise SystemExit(f"heldout: unknown view {view!r} (infer, sidecar, merged4)")
    return set(json.load(open(doc)).get("paths", {}))


def read_floors(path):
    """The runs held at their recorded figures: {"client n seed view": [precision, recall]}. A
    file that is not that says where and why, and nothing runs."""
    try:
        with open(path) as f:
            held = json.load(f)
    except json.JSONDecodeError as e:
        raise SystemExit(f"heldout: {path}:{e.lineno}: {e.msg}")
    if not isinstance(held, dict):
        raise SystemExit(f"heldout: {path}: expected an object of \"client n seed view\": [precision, recall]")
    for k, v in held.items():
        if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) for x in v)):
            raise SystemExit(f"heldout: {path}: {k!r}: expected [precision, recall], not {v!r}")
    return held


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "mockdrift"))
    ap.add_argument("--views", default="infer,sidecar,merged4")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--floors", default=os.path.join(ROOT, "bench", "heldout-floors.json"),
                    help="runs held at their recorded figures instead of --floor (a ratchet)")
    ap.add_argument("--write-floors", help="record the runs below 0.95 in this file")
    ap.add_argument("--only", default="", help="these clients only (comma-separated: shop, gitlab, twilio, ..., "
                    + ", ".join(c for b in BATCHES for c in b.CLIENTS)
                    + ")")
    ap.add_argument("--floor", type=float, help="exit 1 when a run with 8 or more requests a template on "
                    "average (all but GitLab at 400) falls below this precision or recall")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    skeleton = lambda p: re.sub(r"\{[^}]*\}", "{}", p)  # noqa: E731
    runs = [("shop", n, e) for n, e in [(2000, 50), (20000, 100), (5000, 300), (20000, 300), (60000, 1000)]]
    runs += [("gitlab", n, seed) for n in (400, 1500) for seed in (1, 3, 4, 9)]
    runs += [(c, n, seed) for c in ("twilio", "shopify", "kubernetes", "jira") for n, seed in ((600, 1), (2000, 2))]
    runs += [(c, n, n) for b in BATCHES for c in b.CLIENTS for n in (600, 2000)]
    runs = [r for r in runs if not a.only or r[0] in a.only.split(",")]
    work = tempfile.mkdtemp(prefix="mockdrift-heldout-")
    below = []
    # Runs below 0.95 when recorded, held at that (a ratchet: they may not fall by more than
    # 0.01); the causes are on the templating page.
    held = read_floors(a.floors) if a.floors and os.path.exists(a.floors) else {}
    recorded = {}
    try:
        print(f"{'client':<10} {'exchanges':>9} {'size':>5} {'view':<8} {'precision':>9} {'recall':>6} {'learned':>7} {'true':>5}")
        for client, n, x in runs:
            src = os.path.join(work, "traffic.jsonl")
            batch = next((b for b in BATCHES if client in b.CLIENTS), None)
            if batch:
                truth = set(batch.traffic(client, n, x, src))
            else:
                truth = shop(n, x, src) if client == "shop" else gitlab(n, x, src) if client == "gitlab" else other(
                    client, n, x, src)
            truth = {skeleton(t) for t in truth}
            for view in a.views.split(","):
                got = {skeleton(t) for t in learned(binary, work, src, view)}
                good = got & truth
                print(f"{client:<10} {n:>9} {x:>5} {view:<8} {len(good) / max(len(got), 1):>9.3f} "
                      f"{len(good) / len(truth):>6.3f} {len(got):>7} {len(truth):>5}")
                p, r = len(good) / max(len(got), 1), len(good) / len(truth)
                key = f"{client} {n} {x} {view}"
                if min(p, r) < 0.95:
                    recorded[key] = [round(p, 3), round(r, 3)]
                known = held.get(key)
                floor = (known[0] - 0.01, known[1] - 0.01) if known else (a.floor, a.floor)
                if known and (p > known[0] + 0.01 or r > known[1] + 0.01):
                    print(f"    (better than its recorded {known[0]} / {known[1]}: record it, --write-floors)")
                if a.floor is not None and not (client == "gitlab" and n < 1000) and (p < floor[0] or r < floor[1]):
                    below.append(f"{client} {n} {x} {view}: {p:.3f} / {r:.3f}")
                if a.v:
                    for t in sorted(got - truth):
                        print(f"    wrong   {t}")
                    for t in sorted(truth - got):
                        print(f"    missed  {t}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.write_floors:
        # (Runs not run this time, `--only`, keep what was recorded for them.)
        ran = {f"{c} {n} {x} {v}" for c, n, x in runs for v in a.views.split(",")}
        recorded.update({k: v for k, v in held.items() if k not in ran})
        with open(a.write_floors, "w") as f:
            json.dump(recorded, f, indent=1, sort_keys=True)
            f.write("\n")
    print(f"heldout: {len(recorded)} runs below 0.95 ({len(held)} held at their recorded figures)")
    if below:
        print(f"heldout: below the floor {a.floor}: " + "; ".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
