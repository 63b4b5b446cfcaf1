//! `mockdrift contracts ...` end to end.

use std::path::Path;

use crate::support::{all_bytes, corpus, mockdrift, mockdrift_with, repo};

fn payments() -> String {
    repo().join("examples/traffic/payments.jsonl").display().to_string()
}

#[test]
fn infer_list_show_export_on_the_example_traffic() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let run = mockdrift(d, &["contracts", "infer", &payments()]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("recorded 80 exchanges from 1 file into 4 endpoint contracts"), "{}", run.stdout);
    assert!(d.join(".mockdrift/store").is_dir(), "the default store directory");

    let list = mockdrift(d, &["contracts", "list"]);
    assert_eq!(list.code, 0);
    assert_eq!(list.stdout.lines().count(), 5, "{}", list.stdout);
    assert!(list.stdout.contains("/v1/charges/{charge_id}"));
    assert!(list.stdout.contains("application/problem+json"));

    let show = mockdrift(d, &["contracts", "show", "GET", "/v1/charges/ch_777777", "--status", "200"]);
    assert_eq!(show.code, 0, "{show:?}");
    let line =
        |name: &str| show.stdout.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_default().to_owned();
    assert!(line("risk_score").contains("in every response since 2026-11-04"), "{}", show.stdout);
    assert!(line("status").contains("enum[failed, pending, succeeded]"), "{}", show.stdout);
    assert!(line("created_at").contains("date-time") && line("created_at").contains("required   60/60"));
    assert!(line("refunded_at").contains("null 12x"));

    let explained = mockdrift(d, &["contracts", "show", "GET", "/v1/charges/ch_1", "--status", "404", "--explain"]);
    assert!(
        explained.stdout.starts_with(
            "/v1/charges/{charge_id}: why each parameter is one\n  {charge_id}: prefixed id value (seen: ch_00"
        ),
        "{}",
        explained.stdout
    );

    let missing = mockdrift(d, &["contracts", "show", "GET", "/nope/1"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no recorded endpoint matches GET /nope/1"), "{}", missing.stderr);

    let export = mockdrift(d, &["contracts", "export"]);
    assert_eq!(export.code, 0);
    let snap = mockdrift_contracts::Snapshot::from_json(&export.stdout).expect("a valid snapshot");
    assert_eq!(snap.contracts.len(), 4);
    let again = mockdrift(d, &["contracts", "export"]);
    assert_eq!(export.stdout, again.stdout, "exports are deterministic");

    let store = all_bytes(&d.join(".mockdrift/store"));
    let hay = String::from_utf8_lossy(&store);
    assert!(hay.contains("risk_score"), "records are readable, so the next check means something");
    assert!(!hay.contains("sk_live_never_stored"), "a credential header reached the store");
    assert!(!hay.contains("user3@example.com"), "an email reached the store");
}

#[test]
fn bad_lines_are_named_and_the_rest_is_recorded() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let good = std::fs::read_to_string(payments()).expect("example traffic");
    let mut lines: Vec<&str> = good.lines().take(10).collect();
    lines.insert(3, "{\"service\": \"payments\", \"method\": \"GET\"");
    lines.insert(
        6,
        "{\"service\":\"payments\",\"method\":\"GET\",\"path\":\"/x\",\"status\":42,\"time\":\"2026-11-03T00:00:00Z\"}",
    );
    std::fs::write(d.join("t.jsonl"), lines.join("\n")).expect("write");
    let run = mockdrift(d, &["contracts", "infer", "--store", "st", "t.jsonl", "missing.jsonl"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("t.jsonl:4: EOF while parsing"), "{}", run.stderr);
    assert!(run.stderr.contains("t.jsonl:7: status 42 is not an HTTP status code"), "{}", run.stderr);
    assert!(run.stderr.contains("missing.jsonl: cannot read"), "{}", run.stderr);
    assert!(run.stdout.contains("recorded 10 exchanges"), "{}", run.stdout);
    let list = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(list.stdout.contains("/v1/charges/{charge_id}"));
}

#[test]
fn merged_snapshots_equal_one_store_that_saw_everything() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let text = std::fs::read_to_string(payments()).expect("example traffic");
    let (a, b): (Vec<_>, Vec<_>) = text.lines().enumerate().partition(|(i, _)| i % 2 == 0);
    let join = |v: Vec<(usize, &str)>| v.into_iter().map(|(_, l)| l).collect::<Vec<_>>().join("\n");
    std::fs::write(d.join("a.jsonl"), join(a)).expect("write");
    std::fs::write(d.join("b.jsonl"), join(b)).expect("write");
    for (store, files) in [("sa", vec!["a.jsonl"]), ("sb", vec!["b.jsonl"]), ("all", vec!["a.jsonl", "b.jsonl"])] {
        let mut args = vec!["contracts", "infer", "--store", store];
        args.extend(files);
        assert_eq!(mockdrift(d, &args).code, 0);
    }
    for (store, out) in [("sa", "a.json"), ("sb", "b.json"), ("all", "all.json")] {
        assert_eq!(mockdrift(d, &["contracts", "export", "--store", store, "-o", out]).code, 0);
    }
    let merge = mockdrift(d, &["contracts", "merge", "a.json", "b.json", "-o", "merged.json"]);
    assert_eq!(merge.code, 0, "{merge:?}");
    let read = |f: &str| {
        mockdrift_contracts::Snapshot::from_json(&std::fs::read_to_string(d.join(f)).expect("read")).expect("snapshot")
    };
    let (merged, all) = (read("merged.json"), read("all.json"));
    assert_eq!(merged.contracts.len(), all.contracts.len());
    // Values that recur in only one or two exchanges per half (customer ids, order numbers)
    // are kept as hashes on both sides, as documented; everything else must be identical.
    let strip = |s: &mockdrift_contracts::Snapshot| {
        let mut s = s.clone();
        for c in s.contracts.values_mut() {
            c.withhold_rare(u64::MAX);
        }
        s.to_json()
    };
    assert_same(&strip(&merged), &strip(&all));
    // Importing both halves into a fresh store gives the merged snapshot.
    assert_eq!(mockdrift(d, &["contracts", "import", "--store", "imp", "b.json", "a.json"]).code, 0);
    assert_eq!(mockdrift(d, &["contracts", "export", "--store", "imp", "-o", "imp.json"]).code, 0);
    assert_same(&read("imp.json").to_json(), &merged.to_json());
}

/// Equal texts, or a panic naming the first differing line (snapshots are too long to print).
fn assert_same(a: &str, b: &str) {
    if let Some((i, (x, y))) = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y) {
        panic!("differ at line {}: {x:?} vs {y:?}", i + 1);
    }
    assert_eq!(a.lines().count(), b.lines().count(), "different lengths");
}

#[test]
fn locked_stores_and_newer_snapshots_are_refused_clearly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let held = mockdrift_contracts::Store::open(&d.join("st")).expect("open");
    let run = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("locked by another process"), "{}", run.stderr);
    assert!(run.stderr.contains("contracts export --from"), "{}", run.stderr);
    drop(held);

    std::fs::write(d.join("new.json"), r#"{"format": "mockdrift-contracts", "version": 9, "contracts": []}"#)
        .expect("write");
    let run = mockdrift(d, &["contracts", "list", "--snapshot", "new.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("snapshot format v9 is newer than this binary (v1)"), "{}", run.stderr);

    let run = mockdrift(d, &["contracts", "list", "--store", "nothing-here"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no contract store at nothing-here"), "{}", run.stderr);
}

#[test]
fn every_corpus_har_is_read_or_rejected_with_a_reason() {
    let Some(corpus) = corpus() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for sub in ["har", "polly-har"] {
        for e in std::fs::read_dir(corpus.join(sub)).expect("corpus dir") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "har" || x == "json") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 20, "expected the corpus HAR files, found {}", files.len());
    let mut recorded = 0;
    for f in &files {
        let run = mockdrift(tmp.path(), &["contracts", "infer", "--store", "st", &f.display().to_string()]);
        assert!(run.code == 0 || run.code == 2, "{} crashed: {run:?}", f.display());
        for line in run.stderr.lines().filter(|l| !l.contains(" rejected (see above)")) {
            // file:line: reason
            let rest = line
                .strip_prefix(&format!("mockdrift: {}:", f.display()))
                .unwrap_or_else(|| panic!("unnamed error: {line}"));
            let (n, reason) = rest.split_once(": ").unwrap_or_else(|| panic!("no line or reason: {line}"));
            assert!(n.parse::<usize>().is_ok() && !reason.is_empty(), "{line}");
        }
        if run.code == 0 {
            recorded += 1;
        }
    }
    assert!(recorded >= 15, "only {recorded} corpus HAR files were read");
    let list = mockdrift(tmp.path(), &["contracts", "list", "--store", "st"]);
    assert!(list.stdout.lines().count() > 20, "{}", list.stdout);
}

#[test]
fn openapi_export_and_openapi_seeded_templates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", &payments()]).code, 0);
    let run = mockdrift(d, &["contracts", "export", "--store", "st", "--format", "openapi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["openapi"], "3.1.0");
    let op = &doc["paths"]["/v1/charges/{charge_id}"]["get"];
    assert_eq!(op["parameters"][0]["name"], "charge_id");
    assert_eq!(op["parameters"][0]["in"], "path");
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["properties"]["status"]["enum"], serde_json::json!(["failed", "pending", "succeeded"]));
    assert_eq!(op["responses"]["404"]["content"]["application/problem+json"]["x-mockdrift-count"], 10);
    assert_eq!(doc["paths"]["/v1/charges"]["get"]["parameters"][0]["in"], "query");
    let missing = mockdrift(d, &["contracts", "export", "--store", "st", "--format", "openapi", "--service", "nope"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no service \"nope\" was recorded (recorded: payments)"), "{}", missing.stderr);

    // An OpenAPI document's paths win over inference in `contracts infer`.
    let mut traffic = String::new();
    for (owner, repo) in [("rust-lang", "cargo"), ("tokio-rs", "tokio")] {
        traffic.push_str(
            &serde_json::json!({"service": "github", "method": "GET", "path": format!("/repos/{owner}/{repo}"),
            "status": 200, "time": "2026-11-05T10:00:00Z",
            "response": {"headers": [["content-type", "application/json"]], "body": "{\"id\": 1}"}})
            .to_string(),
        );
        traffic.push('\n');
    }
    std::fs::write(d.join("gh.jsonl"), traffic).expect("write");
    std::fs::write(
        d.join("api.yaml"),
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /repos/{owner}/{repo}:\n    get: {}\n",
    )
    .expect("write");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "gh", "--openapi", "api.yaml", "gh.jsonl"]).code, 0);
    let list = mockdrift(d, &["contracts", "list", "--store", "gh"]);
    assert_eq!(list.stdout.lines().count(), 2, "{}", list.stdout);
    assert!(list.stdout.contains("/repos/{owner}/{repo}"), "{}", list.stdout);
}

#[test]
fn infer_learns_slug_parameters_from_the_traffic_and_given_routes_win() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // Owners and repositories are plain words (no id pattern); pulls and the viewer's own
    // `/user` are literals.
    let mut traffic = String::new();
    let owners = ["rust-lang", "tokio-rs", "serde-rs", "hyperium", "octocat", "torvalds", "denoland", "nodejs"];
    let repos = ["cargo", "tokio", "serde", "hyper", "hello", "linux", "deno", "node"];
    for (i, owner) in owners.iter().enumerate() {
        for (j, repo) in repos.iter().enumerate().filter(|(j, _)| (i + j) % 3 != 0) {
            for (path, body) in [
                (format!("/repos/{owner}/{repo}"), format!(r#"{{"name":"{repo}","stars":{j}}}"#)),
                (format!("/repos/{owner}/{repo}/pulls"), r#"[{"number":1}]"#.to_owned()),
            ] {
                let x = serde_json::json!({"service": "github", "method": "GET", "path": path, "status": 200, "time": "2026-11-05T10:00:00Z",
                    "response": {"headers": [["content-type", "application/json"]], "body": body}});
                traffic.push_str(&format!("{x}\n"));
            }
        }
    }
    std::fs::write(d.join("t.jsonl"), &traffic).expect("write");
    let run = mockdrift(d, &["contracts", "infer", "--store", "st", "t.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert_eq!(list.stdout.lines().count(), 3, "two endpoints, not one per repository: {}", list.stdout);
    assert!(list.stdout.contains("/repos/{owner}/{repo}/pulls"), "{}", list.stdout);
    let explained = mockdrift(d, &["contracts", "show", "GET", "/repos/a/b", "--store", "st", "--explain"]);
    assert!(explained.stdout.contains("{repo}: learned from the values seen there"), "{}", explained.stdout);
    // With the rule that merged the values, and its counts (8 owners, 42 requests).
    assert!(
        explained.stdout.contains("{owner}: learned from the values seen there: alike subtrees"),
        "{}",
        explained.stdout
    );
    assert!(explained.stdout.contains("8 values merged"), "{}", explained.stdout);

    // A given route names the parameters and wins.
    let run = mockdrift(d, &["contracts", "infer", "--store", "st2", "--route", "/repos/{owner}/{repo}", "t.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = mockdrift(d, &["contracts", "list", "--store", "st2"]);
    assert!(list.stdout.contains("/repos/{owner}/{repo} ") && list.stdout.contains("/repos/{owner}/{repo}/pulls"));
}

/// `contracts infer` with an environment.
fn infer_with(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> crate::support::Run {
    let argv: Vec<&str> = ["contracts", "infer"].into_iter().chain(args.iter().copied()).collect();
    crate::support::mockdrift_with(dir, &argv, env)
}

#[test]
fn traffic_is_streamed_alike_from_memory_from_a_second_reading_and_from_a_pipe() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // The example traffic as a HAR file, cut inside its last entry, with one bad entry.
    let text = std::fs::read_to_string(payments()).expect("example traffic");
    let mut entries: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|x| {
            let body = x["response"]["body"].as_str().unwrap_or("");
            serde_json::to_string_pretty(&serde_json::json!({
                "startedDateTime": x["time"],
                "request": {"method": x["method"], "url": format!("https://payments{}", x["path"].as_str().unwrap_or("/"))},
                "response": {"status": x["status"], "headers": x["response"]["headers"].as_array().map(|hs| hs.iter()
                    .map(|h| serde_json::json!({"name": h[0], "value": h[1]})).collect::<Vec<_>>()),
                    "content": {"mimeType": "application/json", "text": body}},
            }))
            .expect("json")
        })
        .collect();
    let n = entries.len();
    entries.insert(2, "{\"request\": {\"method\": \"GET\"}, \"response\": {\"status\": 200}}".to_owned());
    let har = format!("{{\"log\": {{\"version\": \"1.2\", \"entries\": [\n{}\n]}}}}\n", entries.join(",\n"));
    let cut = &har[..har.len() - 60];
    std::fs::write(d.join("t.har"), cut).expect("write");
    let at = cut.find("{\"request\": {\"method\": \"GET\"},").expect("the bad entry");
    let line_of_bad = cut[..at].lines().count() + 1;
    let export = |store: &str| {
        let out = mockdrift(d, &["contracts", "export", "--store", store]);
        assert_eq!(out.code, 0, "{out:?}");
        out.stdout
    };

    let once = infer_with(d, &[], &["--store", "a", "--service", "payments", "t.har"]);
    assert_eq!(once.code, 2, "{once:?}");
    assert!(once.stderr.contains(&format!("t.har:{line_of_bad}: entry 3: request has no url")), "{}", once.stderr);
    assert!(once.stderr.contains("the file ends inside it (truncated)"), "{}", once.stderr);
    assert!(once.stdout.contains(&format!("recorded {} exchanges", n - 1)), "{}", once.stdout);

    let twice =
        infer_with(d, &[("MOCKDRIFT_INFER_KEEP_BYTES", "0")], &["--store", "b", "--service", "payments", "t.har"]);
    assert_eq!((twice.code, &twice.stderr), (once.code, &once.stderr));
    assert_eq!(twice.stdout.replace(" at b\n", " at a\n"), once.stdout);
    assert_eq!(export("a"), export("b"), "a second reading records what memory did");

    // A pipe cannot be read twice: it is read into memory, with the same result.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["contracts", "infer", "--store", "c", "--service", "payments", "/dev/stdin"])
        .current_dir(d)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let har_text = cut.to_owned();
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, har_text.as_bytes()));
    let out = child.wait_with_output().expect("runs");
    writer.join().expect("writer").expect("written");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("recorded {} exchanges", n - 1)), "{stdout}");
    assert_eq!(export("a"), export("c"));
}

#[test]
fn a_closed_pipe_on_stdout_drops_the_summary_not_the_work() {
    // `mockdrift contracts infer ... | head -0`: the reader is gone before the first line.
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let traffic = repo().join("examples/traffic/payments.jsonl").display().to_string();
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["contracts", "infer", "--store", "st", &traffic])
        .current_dir(d)
        .env_remove("MOCKDRIFT_LOG")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let list = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(list.stdout.contains("/v1/charges/{charge_id}"), "the store was written: {}", list.stdout);
}

/// Any service name is recorded as given; where it becomes a file name it is made safe, so a
/// service called `../../x` or `/abs` cannot write outside the directory asked for.
#[test]
fn hostile_service_names_are_recorded_and_never_escape_the_output_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let escape = format!("../../mockdrift-escape-{}", std::process::id());
    let absolute = d.join("abs-target").display().to_string();
    let mut traffic = String::new();
    for service in [escape.as_str(), absolute.as_str(), "plain"] {
        traffic.push_str(
            &serde_json::json!({"service": service, "method": "GET", "path": "/v1/things",
            "status": 200, "time": "2026-11-05T10:00:00Z",
            "response": {"headers": [["content-type", "application/json"]], "body": "{\"id\": 1}"}})
            .to_string(),
        );
        traffic.push('\n');
    }
    std::fs::write(d.join("t.jsonl"), traffic).expect("write");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", "t.jsonl"]).code, 0);
    let list = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(list.stdout.contains(&escape), "{}", list.stdout);

    std::fs::create_dir_all(d.join("out/deeper")).expect("mkdir");
    let run = mockdrift(d, &["contracts", "export", "--store", "st", "--format", "openapi", "-o", "out/deeper"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<String> = std::fs::read_dir(d.join("out/deeper"))
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    assert!(written.contains(&"plain.openapi.json".to_owned()), "{written:?}");
    assert!(!d.join(format!("{}.openapi.json", &escape[6..])).exists());
    assert!(!d.join("abs-target.openapi.json").exists() && !Path::new(&format!("{absolute}.openapi.json")).exists());
    let doc = std::fs::read_to_string(
        d.join("out/deeper").join(written.iter().find(|w| w.contains("escape")).expect("escape")),
    )
    .expect("read");
    assert!(doc.contains(&escape), "the document still names the service as recorded");
}

/// A rejected line is named by file and line with the reason alone: no parser position of
/// its own beside the line ("missing field `path`", not "... at line 1 column 73"), but the
/// column where it says where the syntax broke.
#[test]
fn a_rejected_traffic_line_names_file_line_and_reason() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = r#"{"service":"s","method":"GET","status":200,"time":"2026-11-05T10:00:00Z"}"#;
    std::fs::write(tmp.path().join("t.jsonl"), format!("{missing}\n{{\"service\": \"s\",, }}\n")).expect("write");
    let run = mockdrift(tmp.path(), &["contracts", "infer", "--store", "st", "t.jsonl"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("mockdrift: t.jsonl:1: missing field `path`\n"), "{}", run.stderr);
    assert!(run.stderr.contains("mockdrift: t.jsonl:2: key must be a string (column 17)"), "{}", run.stderr);
    assert!(run.stderr.contains("2 inputs rejected"), "{}", run.stderr);
}

/// One exchange of JSON Lines traffic answering `body`.
fn exchange(path: &str, body: &serde_json::Value, second: u32) -> String {
    serde_json::json!({
        "service": "shop", "method": "GET", "path": path, "status": 200,
        "time": format!("2026-11-03T10:00:{:02}.000Z", second % 60),
        "response": {"headers": [["content-type", "application/json"]], "body": body.to_string()},
    })
    .to_string()
}

#[test]
fn a_literal_kept_apart_by_one_sidecar_survives_the_fleet_merge_and_gets_its_endpoint_where_it_is_imported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let customer = |i: u32| serde_json::json!({"id": i, "name": "n", "email": "e", "balance": i * 10});
    let found = serde_json::json!({"object": "search_result", "data": [customer(1)], "has_more": false});
    let names = |side: &'static str| (0..40u32).map(move |i| (format!("/v1/customers/{side}-{i:02}x"), i));
    // Sidecar A learns its forty customers (relearning every 40 exchanges, as the proxy does
    // at its flushes), then sees `search`, which its template takes in; sidecar B sees only
    // customers.
    let mut a: Vec<String> = names("ada").map(|(p, i)| exchange(&p, &customer(i), i)).collect();
    a.extend((0..3).map(|t| exchange("/v1/customers/search", &found, 40 + t)));
    let b: Vec<String> = names("bob").map(|(p, i)| exchange(&p, &customer(i), i)).collect();
    std::fs::write(d.join("a.jsonl"), a.join("\n")).expect("write");
    std::fs::write(d.join("b.jsonl"), b.join("\n")).expect("write");
    let sidecar = [("MOCKDRIFT_INFER_AS_SIDECAR", "40")];
    for (store, file) in [("sa", "a.jsonl"), ("sb", "b.jsonl")] {
        let run = mockdrift_with(d, &["contracts", "infer", "--store", store, file], &sidecar);
        assert_eq!(run.code, 0, "{run:?}");
        let out = format!("{store}.json");
        assert_eq!(mockdrift(d, &["contracts", "export", "--store", store, "-o", &out]).code, 0);
    }
    let merge = mockdrift(d, &["contracts", "merge", "sa.json", "sb.json", "-o", "merged.json"]);
    assert_eq!(merge.code, 0, "{merge:?}");
    let merged = std::fs::read_to_string(d.join("merged.json")).expect("read");
    let snap = mockdrift_contracts::Snapshot::from_json(&merged).expect("snapshot");
    let paths = |s: &mockdrift_contracts::Snapshot| s.contracts.keys().map(|k| k.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&snap), ["/v1/customers/{customer}"], "search was recorded into the parameter");
    // Stripped of what `search` answered, the merged snapshot is what the fleet had before.
    let mut stripped: serde_json::Value = serde_json::from_str(&merged).expect("json");
    for e in stripped["contracts"].as_array_mut().expect("contracts") {
        e.as_object_mut().expect("entry").remove("apart");
        for p in e["paths"].as_array_mut().into_iter().flatten() {
            p.as_object_mut().expect("sample").retain(|k, _| k != "sig" && k != "members");
        }
    }
    std::fs::write(d.join("stripped.json"), stripped.to_string()).expect("write");
    assert_ne!(stripped.to_string(), serde_json::from_str::<serde_json::Value>(&merged).expect("json").to_string());
    // Where the merged snapshot is imported, the recorder starts from the templates its
    // endpoints teach: with what `search` answered, `search` is an endpoint of its own;
    // stripped of it, one more customer.
    std::fs::write(d.join("next.jsonl"), exchange("/v1/customers/search", &found, 50)).expect("write");
    for (snapshot, store, apart) in [("merged.json", "s1", true), ("stripped.json", "s2", false)] {
        assert_eq!(mockdrift(d, &["contracts", "import", "--store", store, snapshot]).code, 0);
        let sidecar = [("MOCKDRIFT_INFER_AS_SIDECAR", "1")];
        assert_eq!(mockdrift_with(d, &["contracts", "infer", "--store", store, "next.jsonl"], &sidecar).code, 0);
        let list = mockdrift(d, &["contracts", "list", "--store", store]);
        assert_eq!(list.stdout.contains("/v1/customers/search "), apart, "{snapshot}: {}", list.stdout);
    }
}

#[test]
fn traffic_added_to_a_store_joins_the_templates_it_holds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let customer = |i: u32| serde_json::json!({"id": i, "name": "n", "email": "e", "balance": i * 10});
    let first: Vec<String> =
        (0..40u32).map(|i| exchange(&format!("/v1/customers/ada-{i:02}x"), &customer(i), i)).collect();
    std::fs::write(d.join("monday.jsonl"), first.join("\n")).expect("write");
    // Tuesday's capture holds one customer: alone, it shows no parameter.
    std::fs::write(d.join("tuesday.jsonl"), exchange("/v1/customers/dee-77x", &customer(77), 50)).expect("write");
    for file in ["monday.jsonl", "tuesday.jsonl"] {
        let run = mockdrift(d, &["contracts", "infer", "--store", "st", file]);
        assert_eq!(run.code, 0, "{run:?}");
    }
    let list = mockdrift(d, &["contracts", "list", "--store", "st", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&list.stdout).expect("json");
    let paths: Vec<(&str, u64)> =
        rows.iter().map(|r| (r["path"].as_str().expect("path"), r["count"].as_u64().expect("count"))).collect();
    assert_eq!(paths, [("/v1/customers/{customer}", 41)]);
}

#[test]
fn routes_given_when_recorded_hold_where_they_are_no_longer_given() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let item = |i: u32| serde_json::json!({"id": i, "name": "n", "price": i * 10});
    // Twelve reports the user declared as endpoints of their own; the paths alone say one
    // parameter (twelve values, each with the same subtree).
    let lines: Vec<String> = (0..12u32)
        .flat_map(|r| (1..4u32).map(move |i| (r, i)))
        .map(|(r, i)| exchange(&format!("/team/res{r}/items/{i}"), &item(i), r + i))
        .collect();
    std::fs::write(d.join("monday.jsonl"), lines.join("\n")).expect("write");
    std::fs::write(d.join("tuesday.jsonl"), exchange("/team/res3/items/9", &item(9), 50)).expect("write");
    let routes: Vec<String> = (0..12).map(|r| format!("/team/res{r}/items/{{item}}")).collect();
    let paths = |store: &str| {
        let list = mockdrift(d, &["contracts", "list", "--store", store, "--format", "json"]);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&list.stdout).expect("json");
        rows.iter().map(|r| r["path"].as_str().expect("path").to_owned()).collect::<Vec<_>>()
    };
    // Without the routes, the paths are learned as one endpoint: the routes are what holds.
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "bare", "monday.jsonl"]).code, 0);
    assert_eq!(paths("bare"), ["/team/{team}/items/{item_id}"]);
    let mut args = vec!["contracts", "infer", "--store", "st"];
    for r in &routes {
        args.extend(["--route", r.as_str()]);
    }
    args.push("monday.jsonl");
    assert_eq!(mockdrift(d, &args).code, 0);
    let mut want = routes.clone();
    want.sort();
    assert_eq!(paths("st"), want);
    // Tuesday, without the routes: recorded under the stored one, and nothing joins.
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", "tuesday.jsonl"]).code, 0);
    assert_eq!(paths("st"), want);
    // Nor in a merge of its snapshot with another.
    assert_eq!(mockdrift(d, &["contracts", "export", "--store", "st", "-o", "st.json"]).code, 0);
    assert_eq!(mockdrift(d, &["contracts", "export", "--store", "bare", "-o", "bare.json"]).code, 0);
    assert_eq!(mockdrift(d, &["contracts", "merge", "st.json", "bare.json", "-o", "m.json"]).code, 0);
    let merged = mockdrift_contracts::Snapshot::from_json(&std::fs::read_to_string(d.join("m.json")).expect("read"))
        .expect("snapshot");
    let kept: Vec<&str> =
        merged.contracts.keys().map(|k| k.path.as_str()).filter(|p| p.starts_with("/team/res")).collect();
    assert_eq!(kept.len(), 12, "{kept:?}");
    assert!(merged.contracts.iter().filter(|(k, _)| k.path.starts_with("/team/res")).all(|(_, c)| c.given));
    // A route given now wins over those remembered: the user joins the reports.
    std::fs::write(d.join("mockdrift.toml"), "routes = [\"/team/{report}/items/{item}\"]\n").expect("write");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", "tuesday.jsonl"]).code, 0);
    assert_eq!(paths("st"), ["/team/{report}/items/{item}"]);
}

#[test]
fn a_single_tenants_name_stays_literal_and_names_no_parameter_in_the_export() {
    // One organisation's client: every path under `/repos/acme-corp`, a dozen repositories
    // with the same endpoints below each. The owner is a literal (one value), the
    // repositories a parameter named after their collection, not after the owner.
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let repos =
        ["spark", "atlas", "beacon", "comet", "delta", "ember", "flint", "grove", "harbor", "iris", "juniper", "kite"];
    let mut traffic = String::new();
    for round in 0..4 {
        for (i, repo) in repos.iter().enumerate() {
            for (tail, body) in [
                ("", serde_json::json!({"id": i, "name": repo, "private": false})),
                ("/pulls", serde_json::json!([{"number": round, "title": "t", "state": "open"}])),
                ("/issues", serde_json::json!([{"number": round, "title": "t", "labels": []}])),
            ] {
                traffic.push_str(
                    &serde_json::json!({"service": "github", "method": "GET",
                        "path": format!("/repos/acme-corp/{repo}{tail}"), "status": 200,
                        "time": "2026-11-05T10:00:00Z",
                        "response": {"headers": [["content-type", "application/json"]], "body": body.to_string()}})
                    .to_string(),
                );
                traffic.push('\n');
            }
        }
    }
    std::fs::write(d.join("acme.jsonl"), traffic).expect("write");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "st", "acme.jsonl"]).code, 0);
    let run = mockdrift(d, &["contracts", "export", "--store", "st", "--format", "openapi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    assert_eq!(paths, ["/repos/acme-corp/{repo}", "/repos/acme-corp/{repo}/issues", "/repos/acme-corp/{repo}/pulls"]);
    assert_eq!(doc["paths"]["/repos/acme-corp/{repo}/pulls"]["get"]["parameters"][0]["name"], "repo");
    for p in paths {
        let names: Vec<&serde_json::Value> =
            doc["paths"][p]["get"]["parameters"].as_array().expect("parameters").iter().map(|x| &x["name"]).collect();
        assert_eq!(names, [&serde_json::json!("repo")], "{p}: a parameter named after the value?");
    }
}

/// One JSON line of a GET exchange of service `gh`, answering 200 with `body`.
fn line(path: &str, body: serde_json::Value) -> String {
    serde_json::json!({"service": "gh", "method": "GET", "path": path, "status": 200,
        "time": "2026-11-05T10:00:00Z",
        "response": {"headers": [["content-type", "application/json"]], "body": body.to_string()}})
    .to_string()
        + "\n"
}

/// `traffic` inferred with `routes` given, exported to `out` as a sidecar that had learned
/// those templates writes it (not marked given).
fn snapshot_as_learned(d: &Path, routes: &[&str], traffic: &str, out: &str) {
    let store = format!("{out}.store");
    let run = mockdrift(d, &[&["contracts", "infer", "--store", &store][..], routes, &[traffic]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(mockdrift(d, &["contracts", "export", "--store", &store, "-o", out]).code, 0);
    let mut snap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join(out)).expect("read")).expect("json");
    for c in snap["contracts"].as_array_mut().expect("contracts") {
        assert!(c.as_object_mut().expect("contract").remove("given").is_some(), "recorded under a given route");
    }
    std::fs::write(d.join(out), snap.to_string()).expect("write");
}

/// The endpoints' paths of `snapshots` merged with `contracts merge`.
fn merged_paths(d: &Path, snapshots: &[&str]) -> std::collections::BTreeSet<String> {
    let args = [&["contracts", "merge"][..], snapshots, &["-o", "merged.json"]].concat();
    let merged = mockdrift(d, &args);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    let list = mockdrift(d, &["contracts", "list", "--from", "merged.json"]);
    list.stdout.lines().skip(1).filter_map(|l| l.split_whitespace().nth(2)).map(str::to_owned).collect()
}

#[test]
fn a_merge_keeps_apart_a_literal_one_snapshot_had_recorded_into_a_parameter() {
    // Sidecar A recorded its first `/user/codespaces/secrets` into `{codespace}` (a template
    // it had learned; here given with --route, then written as learned), sidecar B recorded
    // `secrets` as an endpoint of its own. The merge must not read A's stale sample as one
    // more codespace (the build before joined `secrets` and `secrets/public-key` into
    // `{codespace}`).
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let secrets = serde_json::json!({"total_count": 2, "secrets": [{"name": "a"}]});
    let mut a = line("/user/codespaces/secrets", secrets.clone());
    for (i, cs) in ["cloud-acme", "drift-world", "hello-linux", "nova-react", "rust-rust"].iter().enumerate() {
        a += &line(
            &format!("/user/codespaces/{cs}"),
            serde_json::json!({"id": i, "name": "c", "machine": {"cpus": 2}, "state": "Available"}),
        );
        a += &line(&format!("/user/codespaces/{cs}/machines"), serde_json::json!({"machines": [{"cpus": 2}]}));
    }
    let mut b = String::new();
    for _ in 0..3 {
        b += &line("/user/codespaces/secrets", secrets.clone());
        b += &line("/user/codespaces/secrets/public-key", serde_json::json!({"key_id": "k", "key": "v"}));
    }
    std::fs::write(d.join("a.jsonl"), a).expect("write");
    std::fs::write(d.join("b.jsonl"), b).expect("write");
    let routes = ["--route", "/user/codespaces/{codespace}", "--route", "/user/codespaces/{codespace}/machines"];
    snapshot_as_learned(d, &routes, "a.jsonl", "sa.json");
    assert_eq!(mockdrift(d, &["contracts", "infer", "--store", "sb", "b.jsonl"]).code, 0);
    assert_eq!(mockdrift(d, &["contracts", "export", "--store", "sb", "-o", "sb.json"]).code, 0);
    let paths = merged_paths(d, &["sa.json", "sb.json"]);
    let want = [
        "/user/codespaces/secrets",
        "/user/codespaces/secrets/public-key",
        "/user/codespaces/{codespace}",
        "/user/codespaces/{codespace}/machines",
    ];
    assert_eq!(paths, want.map(str::to_owned).into_iter().collect(), "{paths:?}");
}

#[test]
fn a_merge_reads_owners_a_thin_sidecar_kept_literal_as_values_the_other_snapshots_hold() {
    // Sidecar A recorded a client's repositories under `/repos/{owner}/{repo}/...` (templates
    // it had learned: given with --route here, then written as learned). Three thin sidecars
    // each saw two owners' starred repositories once and kept them literal
    // (`/user/starred/acme-corp/hyper`). The merge must read the owners as the values A holds
    // them as, not as endpoint names met under two parents: one starred endpoint (the build
    // before kept the six literals).
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let repo = serde_json::json!({"id": 1, "name": "x", "full_name": "o/x", "private": false});
    let owners = ["acme-corp", "beta-labs", "cloud-nine", "delta-io", "echo-dev", "fox-hq"];
    let mut a = String::new();
    for o in owners {
        for name in ["spark", "tools", "docs"] {
            a += &line(&format!("/repos/{o}/{name}"), repo.clone());
            a += &line(&format!("/repos/{o}/{name}/pulls"), serde_json::json!([{"number": 1, "state": "open"}]));
            a += &line(&format!("/repos/{o}/{name}/issues"), serde_json::json!([{"number": 2, "labels": []}]));
        }
    }
    std::fs::write(d.join("a.jsonl"), a).expect("write");
    let routes = [
        "--route",
        "/repos/{owner}/{repo}",
        "--route",
        "/repos/{owner}/{repo}/pulls",
        "--route",
        "/repos/{owner}/{repo}/issues",
    ];
    snapshot_as_learned(d, &routes, "a.jsonl", "sa.json");
    let starred = ["hyper", "tokio", "serde", "rayon", "clap", "regex"];
    let mut snapshots = vec!["sa.json".to_owned()];
    for (k, pair) in owners.iter().zip(starred).collect::<Vec<_>>().chunks(2).enumerate() {
        let mut b = String::new();
        for (o, s) in pair {
            b += &line(&format!("/user/starred/{o}/{s}"), repo.clone());
            b += &line("/user/starred", serde_json::json!([repo.clone()]));
        }
        let (file, store, out) = (format!("b{k}.jsonl"), format!("sb{k}"), format!("sb{k}.json"));
        std::fs::write(d.join(&file), b).expect("write");
        assert_eq!(mockdrift(d, &["contracts", "infer", "--store", &store, &file]).code, 0);
        let list = mockdrift(d, &["contracts", "list", "--store", &store]);
        assert!(list.stdout.contains(&format!("/user/starred/{}/{}", pair[0].0, pair[0].1)), "{}", list.stdout);
        assert_eq!(mockdrift(d, &["contracts", "export", "--store", &store, "-o", &out]).code, 0);
        snapshots.push(out);
    }
    let snapshots: Vec<&str> = snapshots.iter().map(String::as_str).collect();
    let paths = merged_paths(d, &snapshots);
    let want = [
        "/repos/{owner}/{repo}",
        "/repos/{owner}/{repo}/issues",
        "/repos/{owner}/{repo}/pulls",
        "/user/starred",
        "/user/starred/{owner}/{starred}",
    ];
    assert_eq!(paths, want.map(str::to_owned).into_iter().collect(), "{paths:?}");
}
