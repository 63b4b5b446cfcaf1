#!/usr/bin/env python3
"""File-level import circles inside a crate: which modules of DIR name each other (`crate::`,
`super::`, child `mod`s), comments and test modules left out. Prints the circles and exits 1
if there is one.

    python3 .ci/circles.py contracts/src proxy/src differ/src
"""
import os
import re
import sys


def modules(root):
    files = {}
    for dp, _, fn in os.walk(root):
        for f in fn:
            if f.endswith(".rs"):
                rel = os.path.relpath(os.path.join(dp, f), root)[:-3]
                mod = rel.replace("/mod", "").replace("/", "::")
                if mod in ("lib", "main") or mod.endswith("tests"):
                    continue
                text = open(os.path.join(dp, f)).read().split("#[cfg(test)]")[0]
                files[mod] = "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))
    return files


def edges(root, files):
    out = {m: set() for m in files}
    for m, t in files.items():
        for ref in re.findall(r"crate::([a-z_]+(?:::[a-z_]+)?)", t):
            cand = ref if ref in files else ref.split("::")[0]
            if cand in files and cand != m:
                out[m].add(cand)
        is_dir = os.path.exists(os.path.join(root, m.replace("::", "/"), "mod.rs"))
        parent = m.rsplit("::", 1)[0] if "::" in m else None
        for ref in re.findall(r"super::([a-z_]+)", t):
            tgt = f"{parent}::{ref}" if parent else ref
            if tgt in files and tgt != m:
                out[m].add(tgt)
        if is_dir:
            for ref in re.findall(r"\n\s*(?:pub(?:\(crate\))? )?mod ([a-z_]+);", t):
                if f"{m}::{ref}" in files:
                    out[m].add(f"{m}::{ref}")
    return out


def circles(g):
    index, low, stack, on, found, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10_000)
    for v in g:
        if v not in index:
            visit(v)
    return found


bad = 0
for root in sys.argv[1:]:
    found = circles(edges(root, modules(root)))
    print(f"{root}: " + ("; ".join(" <-> ".join(c) for c in found) if found else "no import circle"))
    bad += len(found)
sys.exit(1 if bad else 0)
