#!/usr/bin/env python3
"""Writes payments.jsonl: the sample traffic `contracts infer` learns from in the README.

Deterministic (no randomness, fixed times), so the committed file is reproducible:
    python3 examples/traffic/make_payments.py > examples/traffic/payments.jsonl
"""
import base64, gzip, json

STATUSES = ["succeeded", "pending", "failed"]
lines = []
for i in range(60):
    t = f"2026-11-{3 + i // 20:02d}T{10 + (i % 20) // 2:02d}:{(i % 2) * 30:02d}:00.000Z"
    charge = {
        "id": f"ch_{1000 + i:06d}",
        "amount": {"value": 1000 + 25 * i, "currency": "EUR"},
        "status": STATUSES[i % 3],
        "created_at": t,
        "customer": {"id": f"cus_{i % 7:06d}", "email": f"user{i % 7}@example.com"},
        "metadata": {"order": str(5000 + i)},
    }
    if i >= 30:  # the API gained a field halfway through recording
        charge["risk_score"] = round((i % 10) / 10, 1)
    if i % 5 == 0:
        charge["refunded_at"] = None
    body = json.dumps(charge, separators=(",", ":"))
    rsp = {"headers": [["content-type", "application/json"]], "body": body}
    if i % 4 == 0:  # some responses come gzip'd
        rsp = {"headers": [["content-type", "application/json"], ["content-encoding", "gzip"]],
               "body_base64": base64.b64encode(gzip.compress(body.encode(), mtime=0)).decode()}
    lines.append({"service": "payments", "method": "GET", "path": f"/v1/charges/{charge['id']}",
                  "status": 200, "time": t, "duration_ms": 12.5,
                  "request": {"headers": [["accept", "application/json"], ["authorization", "Bearer sk_live_never_stored"]]},
                  "response": rsp})
    if i % 6 == 0:
        lines.append({"service": "payments", "method": "GET", "path": f"/v1/charges/ch_{9000 + i:06d}",
                      "status": 404, "time": t, "response": {"headers": [["content-type", "application/problem+json"]],
                      "body": json.dumps({"type": "about:blank", "title": "Not Found", "status": 404})}})
    if i % 10 == 0:
        lines.append({"service": "payments", "method": "GET", "path": "/v1/charges", "query": f"limit=2&starting_after=ch_{1000 + i:06d}",
                      "status": 200, "time": t, "response": {"headers": [["content-type", "application/json"]],
                      "body": json.dumps({"data": [{"id": f"ch_{1000 + i:06d}", "status": "succeeded"}], "has_more": i < 50})}})
    if i % 15 == 0:
        lines.append({"service": "payments", "method": "GET", "path": "/health", "status": 200, "time": t,
                      "response": {"headers": [["content-type", "text/plain"]], "body": "ok"}})
for l in lines:
    print(json.dumps(l, separators=(",", ":")))
