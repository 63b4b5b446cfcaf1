#!/usr/bin/env python3
"""Prints inference cost as a ratio of a plain serde_json::Value parse of the same bytes.

Run after `cargo bench -p mockdrift-contracts --bench infer`; reads criterion's estimates.
A ratio of 1.0 costs the same as the parse; the target is <= 1.5.
"""
import json, pathlib, sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion/infer")
def mean_ns(fn, body):
    p = root / fn / body / "new" / "estimates.json"
    return json.loads(p.read_text())["mean"]["point_estimate"] if p.exists() else None

print(f"{'body':<8} {'bytes':>9} {'serde_json µs':>14} {'infer µs':>10} {'observe µs':>11} {'infer/parse':>12} {'observe/parse':>14}")
for body in ["1KB", "100KB", "5MB", "deep", "wide", "arrays"]:
    base, inf, obs = (mean_ns(f, body) for f in ["serde_json_value", "shape_infer", "shape_observe"])
    if None in (base, inf, obs):
        continue
    b = root / "shape_infer" / body / "new" / "benchmark.json"
    size = json.loads(b.read_text()).get("throughput", {}).get("Bytes", 0) if b.exists() else 0
    print(f"{body:<8} {size:>9} {base/1e3:>14.1f} {inf/1e3:>10.1f} {obs/1e3:>11.1f} {inf/base:>12.2f} {obs/base:>14.2f}")
