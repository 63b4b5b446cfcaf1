//! Fuzzing every parser we own, seeded from the corpus's real files: the JSON pull parser
//! and shape inference, the YAML reader, every mock format (and the diff over what they
//! read), HAR, JSON Lines, snapshots and stored records. Each case takes a real file and
//! mutates it (flipped bytes, cuts, inserted tokens, duplicated and deleted spans, deep
//! nesting, and values of a JSON seed replaced by ones of another kind, so the readers'
//! semantics are reached, not only their syntax errors); the parser must return (an error
//! is fine) and never panic. proptest shrinks a failure to a small input, which then becomes
//! a regression test beside the parser's own (none so far: 60,000 cases per target found
//! nothing; the alias bomb and the deep body were found by hand and have their tests).
//!
//! `MOCKDRIFT_FUZZ_CASES` sets the cases per target (default 64; `.ci/run` runs more, outside
//! `cargo test`). Without the corpus only the built-in seeds are used.

use std::path::{Path, PathBuf};

use mockdrift_contracts::{Limits, Redactor, Shape, Snapshot, Ts};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::support::{corpus, repo};

/// One mutation of a seed.
#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, &'static str),
    Duplicate(usize, usize),
    Delete(usize, usize),
    Nest(usize, u16),
    /// Replaces the `n`-th value of a JSON seed (in document order) with another of a
    /// different kind, keeping the rest valid: the readers' semantics, not only the syntax.
    Value(usize, u8),
}

/// Tokens that matter to the parsers: structure, escapes, YAML anchors and aliases, numbers
/// at the edges, byte order marks, invalid UTF-8 halves.
const TOKENS: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    "&a ",
    "*a",
    "<<: *a",
    "\n- ",
    ": ",
    "1e999999",
    "-0",
    "null",
    "\"$binary\"",
    "!!binary ",
    "\r\n",
    "\u{0}",
    "\u{10ffff}",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, x)| Edit::Flip(at, x)),
        1 => any::<usize>().prop_map(Edit::Cut),
        1 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, TOKENS[t])),
        1 => (any::<usize>(), 1..4096usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        1 => (any::<usize>(), 1..256usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<usize>(), 1..2000u16).prop_map(|(at, n)| Edit::Nest(at, n)),
        4 => (any::<usize>(), any::<u8>()).prop_map(|(n, k)| Edit::Value(n, k)),
    ]
}

/// A value of another kind for [`Edit::Value`].
fn other_value(kind: u8, old: &serde_json::Value) -> serde_json::Value {
    use serde_json::json;
    match kind % 12 {
        0 => json!(null),
        1 => json!(-1),
        2 => json!(1e308),
        3 => json!(""),
        4 => json!("\u{0}/{x}/../%2e%2e/*?[]()"),
        5 => json!([]),
        6 => json!({}),
        7 => json!([old, old]),
        8 => json!({"equalTo": old, "matches": "(((", "$binary": "!!"}),
        9 => json!(u64::MAX),
        10 => json!(true),
        _ => json!("x".repeat(70_000)),
    }
}

/// Replaces the `n`-th value (pre-order, modulo the count) of `v`.
fn replace_nth(v: &mut serde_json::Value, n: usize, kind: u8) {
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn visit(v: &mut serde_json::Value, n: &mut usize, kind: u8) -> bool {
        if *n == 0 {
            *v = other_value(kind, v);
            return true;
        }
        *n -= 1;
        match v {
            serde_json::Value::Array(a) => a.iter_mut().any(|c| visit(c, n, kind)),
            serde_json::Value::Object(o) => o.values_mut().any(|c| visit(c, n, kind)),
            _ => false,
        }
    }
    let mut n = n % count(v);
    visit(v, &mut n, kind);
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    let values: Vec<(usize, u8)> =
        edits.iter().filter_map(|e| if let Edit::Value(n, k) = e { Some((*n, *k)) } else { None }).collect();
    if !values.is_empty()
        && let Ok(mut v) = serde_json::from_slice::<serde_json::Value>(&b)
    {
        for (n, k) in values {
            replace_nth(&mut v, n, k);
        }
        b = serde_json::to_vec_pretty(&v).expect("values serialize");
    }
    for e in edits {
        let at = |i: usize| if b.is_empty() { 0 } else { i % (b.len() + 1) };
        match *e {
            Edit::Flip(i, x) if !b.is_empty() => {
                let i = i % b.len();
                b[i] ^= x.max(1);
            }
            Edit::Flip(..) => {}
            Edit::Cut(i) => b.truncate(at(i)),
            Edit::Insert(i, t) => {
                let i = at(i);
                b.splice(i..i, t.bytes());
            }
            Edit::Duplicate(i, n) => {
                let i = at(i);
                let span: Vec<u8> = b[i..(i + n).min(b.len())].to_vec();
                b.splice(i..i, span);
            }
            Edit::Delete(i, n) => {
                let i = at(i);
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
            Edit::Value(..) => {}
            Edit::Nest(i, n) => {
                let i = at(i);
                let open = if i % 2 == 0 { "[" } else { "{\"k\": " };
                b.splice(i..i, open.repeat(usize::from(n)).into_bytes());
            }
        }
    }
    b
}

fn cases() -> u32 {
    std::env::var("MOCKDRIFT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}

/// Files under the corpus (and the repository's examples) ending in one of `exts`, at most
/// 256 KiB each, plus `extra` built-in seeds.
fn seeds(exts: &[&str], extra: &[&str]) -> Vec<Vec<u8>> {
    fn walk(dir: &Path, exts: &[&str], out: &mut Vec<Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, exts, out);
            } else if p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
                && p.metadata().is_ok_and(|m| m.len() <= 256 << 10)
                && let Ok(b) = std::fs::read(&p)
            {
                out.push(b);
            }
        }
    }
    let mut out: Vec<Vec<u8>> = extra.iter().map(|s| s.as_bytes().to_vec()).collect();
    walk(&repo().join("examples"), exts, &mut out);
    if let Some(c) = corpus() {
        walk(&c, exts, &mut out);
    }
    out
}

/// Runs `target` on mutated seeds; a panic is a failure, shrunk and reported.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    assert!(!seeds.is_empty(), "{name}: no seeds");
    let config = Config { cases: cases(), failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let strategy = (0..seeds.len(), prop::collection::vec(edit(), 0..6));
    let result = runner.run(&strategy, |(i, edits)| {
        let input = apply(&seeds[i], &edits);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&input)))
            .map_err(|_| TestCaseError::fail(format!("{name} panicked on {:?}", String::from_utf8_lossy(&input))))
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    eprintln!("{name}: {} cases over {} seeds", cases(), seeds.len());
}

/// The contracts of the example traffic, for the diff over fuzzed mocks.
fn example_snapshot() -> Snapshot {
    let text = std::fs::read_to_string(repo().join("examples/traffic/payments.jsonl")).expect("examples");
    let (mut r, _) =
        mockdrift_contracts::Recorder::new(mockdrift_contracts::RecorderConfig::default(), None).expect("recorder");
    for x in mockdrift_contracts::exchange::read_jsonl(text.as_bytes()).flatten() {
        r.record(&x);
    }
    r.snapshot()
}

#[test]
fn fuzz_the_json_pull_parser_and_shape_inference() {
    let seeds = seeds(&["json"], &["{\"a\": [1, 2.5e3, \"\\u00e9\", null, true, {}]}", "[]", "\"\""]);
    fuzz("json", seeds, |b| {
        if mockdrift_contracts::json::validate(b).is_ok() {
            let mut p = mockdrift_contracts::json::Parser::new(b).expect("valid");
            while let Ok(Some(_)) = p.next() {}
        }
        let _ = Shape::infer(b, Ts(0), &Limits::default(), &Redactor::default());
    });
}

#[test]
fn fuzz_every_json_mock_format_and_the_diff_over_it() {
    let snap = example_snapshot();
    let opts = mockdrift_differ::DiffOptions {
        min_samples: 1,
        stale_after: std::time::Duration::from_secs(86_400),
        now: Ts(0),
        cwd: PathBuf::from("/"),
        routes: Vec::new(),
    };
    let seeds = seeds(&["json", "har"], &[]);
    fuzz("mock", seeds, |b| {
        let items = mockdrift_differ::read_bytes(Path::new("/nonexistent/m.json"), b, None);
        let _ = mockdrift_differ::diff(&snap, &items, 1, &opts);
    });
}

#[test]
fn fuzz_the_yaml_reader_and_cassettes() {
    let seeds = seeds(&["yml", "yaml"], &["a: &a [1, 2]\nb: *a\nc: !binary |\n  eyJhIjoxfQ==\n"]);
    fuzz("yaml", seeds, |b| {
        let _ = mockdrift_differ::read_bytes(Path::new("/nonexistent/c.yml"), b, Some("svc"));
    });
}

#[test]
fn fuzz_har_and_json_lines_traffic() {
    let seeds = seeds(&["har", "jsonl"], &[]);
    fuzz("traffic", seeds, |b| {
        mockdrift_contracts::read_har(b, None).for_each(drop);
        let _ = mockdrift_contracts::read_har_text(&String::from_utf8_lossy(b), Some("svc"));
        mockdrift_contracts::exchange::read_jsonl(b).for_each(drop);
    });
}

#[test]
fn fuzz_snapshots_and_stored_records() {
    let snap = example_snapshot();
    let mut seeds = vec![snap.to_json().into_bytes()];
    for (k, c) in snap.contracts.iter().take(3) {
        seeds.push(serde_json::json!({"key": k, "contract": c}).to_string().into_bytes());
    }
    let key = snap.contracts.keys().next().expect("a contract").encode();
    fuzz("snapshot", seeds, |b| {
        let _ = Snapshot::from_json(&String::from_utf8_lossy(b));
        let _ = mockdrift_contracts::decode_record(&key, b);
    });
}
