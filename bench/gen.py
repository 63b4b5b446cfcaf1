#!/usr/bin/env python3
"""Deterministic inputs for bench/scale.sh: traffic (HAR or JSON Lines) and mocks at any size.

    gen.py traffic {har,jsonl} EXCHANGES ENDPOINTS OUT
        a shop API: ENDPOINTS endpoint templates (products, orders, customers, carts, ...
        with numeric ids, UUIDs, prefixed ids and slugs), bodies of 0.3-3 KB.
    gen.py mocks COUNT ENDPOINTS DIR
        COUNT WireMock mapping files over the first ENDPOINTS endpoints of the same API.
    gen.py bigmock {items,har} SIZE_MB OUT
        one WireMock mapping whose body is one array of items, or one HAR of entries, of
        about SIZE_MB megabytes.

Values vary as a real client's do: a few hot ids seen often, a long tail seen once.
"""
import json
import os
import random
import sys

RESOURCES = ["products", "orders", "customers", "carts", "invoices", "shipments", "reviews",
             "coupons", "warehouses", "suppliers", "categories", "payments", "refunds", "returns"]
SUBS = ["items", "events", "notes", "history", "lines", "tags"]
WORDS = ["red", "blue", "linen", "oak", "steel", "classic", "slim", "cotton", "mini", "pro",
         "max", "eco", "soft", "urban", "alpine", "coastal", "vintage", "modern"]
CITIES = ["Berlin", "Paris", "Lisbon", "Oslo", "Porto", "Turin"]


def ident(kind, rng):
    # A long tail: most values fresh, some hot ones repeated.
    n = rng.randrange(20) if rng.random() < 0.3 else rng.randrange(1_000_000)
    if kind == 0:
        return str(10_000 + n)
    if kind == 1:
        r = random.Random(n)
        return "%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
                                                r.getrandbits(12), r.getrandbits(48))
    if kind == 2:
        r = random.Random(n)
        return "pr_" + "".join(r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(14))
    r = random.Random(n)
    return "-".join(r.choice(WORDS) for _ in range(3)) + "-" + str(n % 97)


def endpoint(e):
    """The e-th endpoint: (method, template parts, id kind)."""
    res = RESOURCES[(e // 3) % len(RESOURCES)]
    version = e // (len(RESOURCES) * 3)
    shape = e % 3
    base = f"/api/v{version + 1}/{res}"
    kind = e % 4
    if shape == 0:
        return base, None, kind
    if shape == 1:
        return base + "/{id}", None, kind
    return base + "/{id}/" + SUBS[e % len(SUBS)], None, kind


def item(e, i, rng):
    res = RESOURCES[(e // 3) % len(RESOURCES)]
    it = {
        "id": 10_000 + i, "object": res[:-1], "name": " ".join(rng.choice(WORDS) for _ in range(3)),
        "status": ["active", "archived", "draft"][i % 3], "created_at": "2026-11-20T10:00:00Z",
        "price": {"amount": rng.randrange(100, 100_000), "currency": ["EUR", "USD", "GBP"][i % 3]},
        "address": {"line1": f"{rng.randrange(1, 200)} Main St", "city": rng.choice(CITIES), "postal_code": "10115"},
        "tags": [rng.choice(WORDS) for _ in range(rng.randrange(0, 4))],
        "email": f"user{i % 97}@example.com", f"{res[:-1]}_ref": f"{res[:2]}_{i}", f"extra_{e}": True,
    }
    if i % 5 == 0:
        it["discount"] = {"percent": 10, "until": "2026-12-31"}
    return it


def body(e, i, rng):
    it = item(e, i, rng)
    if e % 3 == 0:
        return {"data": [dict(it, id=10_000 + i + k) for k in range(rng.randrange(1, 4))], "has_more": i % 2 == 0}
    return it


def exchanges(n, endpoints, seed=7):
    rng = random.Random(seed)
    for i in range(n):
        e = rng.randrange(endpoints)
        template, _, kind = endpoint(e)
        path = template.replace("{id}", ident(kind, rng))
        status = 200 if rng.random() < 0.95 else 404
        b = body(e, i, rng) if status == 200 else {"error": {"code": "not_found", "message": "No such object"}}
        yield e, path, status, json.dumps(b), i


def traffic(fmt, n, endpoints, out):
    with open(out, "w") as f:
        if fmt == "har":
            f.write('{"log": {"version": "1.2", "creator": {"name": "gen.py", "version": "1"}, "entries": [\n')
        for e, path, status, text, i in exchanges(n, endpoints):
            t = "2026-11-20T10:%02d:%02d.000Z" % (i // 60 % 60, i % 60)
            if fmt == "har":
                entry = {
                    "startedDateTime": t, "time": 12.5,
                    "request": {"method": "GET", "url": "https://shop.example.com" + path + "?expand=all",
                                "httpVersion": "HTTP/1.1",
                                "headers": [{"name": "Accept", "value": "application/json"},
                                            {"name": "User-Agent", "value": "shop-client/2.1"}],
                                "queryString": [{"name": "expand", "value": "all"}], "cookies": [],
                                "headersSize": -1, "bodySize": 0},
                    "response": {"status": status, "statusText": "OK" if status == 200 else "Not Found",
                                 "httpVersion": "HTTP/1.1",
                                 "headers": [{"name": "Content-Type", "value": "application/json"},
                                             {"name": "Cache-Control", "value": "no-store"}],
                                 "cookies": [], "content": {"size": len(text), "mimeType": "application/json",
                                                            "text": text},
                                 "redirectURL": "", "headersSize": -1, "bodySize": len(text)},
                    "cache": {}, "timings": {"send": 0.1, "wait": 12.0, "receive": 0.4},
                }
                f.write(("" if i == 0 else ",\n") + json.dumps(entry, indent=1))
            else:
                f.write(json.dumps({
                    "service": "shop", "method": "GET", "path": path, "query": "expand=all", "status": status,
                    "time": t, "duration_ms": 12.5,
                    "request": {"headers": [["accept", "application/json"]]},
                    "response": {"headers": [["content-type", "application/json"]], "body": text}}) + "\n")
        if fmt == "har":
            f.write("\n]}}\n")


def mocks(count, endpoints, out):
    rng = random.Random(11)
    os.makedirs(os.path.join(out, "mappings"), exist_ok=True)
    for m in range(count):
        e = m % endpoints
        template, _, kind = endpoint(e)
        b = body(e, m, rng)
        if m % 5 == 0:
            b = dict(b, legacy_code="x") if isinstance(b, dict) else b
        stub = {"name": f"stub {m}", "request": {"method": "GET", "url": template.replace("{id}", ident(kind, rng))},
                "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "jsonBody": b}}
        with open(os.path.join(out, "mappings", f"stub-{m:06d}.json"), "w") as f:
            json.dump(stub, f, indent=2)


def bigmock(kind, mb, out):
    target = mb * 1_000_000
    rng = random.Random(5)
    with open(out, "w") as f:
        if kind == "items":
            f.write('{"request": {"method": "GET", "url": "/api/v1/products"},\n "response": {"status": 200,'
                    ' "headers": {"Content-Type": "application/json"},\n  "jsonBody": {"has_more": false, "data": [\n')
            i = 0
            while f.tell() < target:
                it = item(0, i, rng)
                if i % 50 == 7:
                    it["legacy_code"] = "x"  # drift: a field production never sends
                f.write(("" if i == 0 else ",\n") + "   " + json.dumps(it))
                i += 1
            f.write("\n  ]}}}\n")
            return i
        else:
            f.write('{"log": {"version": "1.2", "entries": [\n')
            for e, path, status, text, i in exchanges(10**9, 10):
                if f.tell() >= target:
                    break
                entry = {"request": {"method": "GET", "url": "https://shop.example.com" + path},
                         "response": {"status": status, "headers": [{"name": "Content-Type", "value": "application/json"}],
                                      "content": {"mimeType": "application/json", "text": text}}}
                f.write(("" if i == 0 else ",\n") + json.dumps(entry, indent=1))
                n = i + 1
            f.write("\n]}}\n")
            return n


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "traffic":
        traffic(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif cmd == "mocks":
        mocks(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif cmd == "bigmock":
        bigmock(sys.argv[2], float(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
