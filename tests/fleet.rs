//! A fleet on a real S3 API (moto's server on loopback): sidecars publish, CI merges.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::proxy::{Child, get, judged, listen_addr, metric, spawn, upstream_serving};
use crate::support::S3;

/// The payments upstream: `GET /v1/charges/ch_N` answers a charge.
fn payments() -> std::net::SocketAddr {
    upstream_serving(|first| {
        let id = first.split("/v1/charges/").nth(1).and_then(|r| r.split(' ').next()).unwrap_or("ch_0").to_owned();
        let n: u64 = id.trim_start_matches("ch_").parse().unwrap_or(0);
        ("200 OK", format!(r#"{{"id": "{id}", "amount": {}, "currency": "usd", "paid": true}}"#, n * 100))
    })
}

/// `mockdrift` with the S3 server's environment.
fn run(dir: &Path, s3: &S3, args: &[&str]) -> crate::support::Run {
    crate::support::mockdrift_with(dir, args, &s3.env())
}

/// A recording proxy in front of `up` (every exchange recorded, flushed every 100 ms), with
/// its admin listener; publishing with `publish` (extra flags) when given. Its route and
/// admin addresses.
fn sidecar(dir: &Path, s3: &S3, store: &str, up: std::net::SocketAddr, publish: &[&str]) -> (Child, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", store, "--route", &format!("payments@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms", "--stable-sample", "1"]);
    cmd.args(publish).envs(s3.env());
    let p = spawn(dir, cmd);
    let addr = listen_addr(&p.line("route payments listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    (p, addr, admin)
}

/// The snapshot's contracts without what depends on when and how fast each proxy saw the
/// traffic (times, latencies, examples, the note on when a template was learned), for
/// comparing two recordings of the same exchanges.
fn shapes(snapshot: &str) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for k in ["first_seen", "last_seen", "latency", "examples", "example", "window", "sources", "learned"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(snapshot).expect("a snapshot");
    strip(&mut v);
    v["contracts"].clone()
}

/// A working directory, an S3 server with the bucket `fleet`, and the payments upstream.
fn fleet() -> (tempfile::TempDir, S3, std::net::SocketAddr) {
    let s3 = S3::start(0);
    s3.bucket("fleet");
    (tempfile::tempdir().expect("tempdir"), s3, payments())
}

#[test]
fn sidecars_publish_to_s3_and_diff_regen_and_merge_read_the_prefix() {
    let (tmp, s3, up) = fleet();
    let d = tmp.path();
    // An hour between publishes: only the publish at shutdown writes, so what is read below
    // is what it wrote after the final flush.
    let publish = |source: &'static str| {
        ["--publish", "s3://fleet/contracts", "--publish-interval", "1h", "--source", source].to_vec()
    };
    let (a, a_addr, a_admin) = sidecar(d, &s3, "st-a", up, &publish("pod-a"));
    let (b, b_addr, b_admin) = sidecar(d, &s3, "st-b", up, &publish("pod-b"));
    // The control: one store that sees all the traffic the two sidecars share between them.
    let (all, all_addr, all_admin) = sidecar(d, &s3, "st-all", up, &[]);
    let (mut to_a, mut to_b) = (0, 0);
    for i in 0..45u64 {
        let (addr, admin, sent) =
            if i % 3 == 0 { (&b_addr, &b_admin, &mut to_b) } else { (&a_addr, &a_admin, &mut to_a) };
        assert!(get(addr, &format!("/v1/charges/ch_{i}")).starts_with("HTTP/1.1 200 OK"));
        *sent += 1;
        judged(admin, "payments", *sent);
        assert!(get(&all_addr, &format!("/v1/charges/ch_{i}")).starts_with("HTTP/1.1 200 OK"));
        judged(&all_admin, "payments", i + 1);
    }
    let mut logs = String::new();
    for p in [a, b, all] {
        let (code, log) = p.stop();
        assert_eq!(code, Some(0), "{log}");
        logs.push_str(&log);
    }
    assert_eq!(logs.matches("mockdrift proxy: published 1 changed snapshot at shutdown").count(), 2, "{logs}");

    // The prefix, merged: the join of both sidecars, equal to the store that saw everything.
    let merged = run(d, &s3, &["contracts", "export", "--from", "s3://fleet/contracts"]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert!(merged.stderr.contains("merged 2 snapshots from 2 sources"), "{}", merged.stderr);
    let control = crate::support::mockdrift(d, &["contracts", "export", "--store", "st-all"]);
    assert_eq!(shapes(&merged.stdout), shapes(&control.stdout));
    let snap: Value = serde_json::from_str(&merged.stdout).expect("a snapshot");
    assert_eq!(snap["sources"], serde_json::json!(["pod-a", "pod-b"]));
    assert_eq!(snap["contracts"][0]["path"], "/v1/charges/{charge}");
    assert_eq!(snap["contracts"][0]["count"], 45);

    // diff and regen read the prefix as they read a store.
    let mocks = d.join("mocks/mappings");
    std::fs::create_dir_all(&mocks).expect("mkdir");
    std::fs::write(
        mocks.join("charge.json"),
        r#"{"request": {"method": "GET", "url": "/v1/charges/ch_1"},
 "response": {"status": 200, "jsonBody": {"id": "ch_1", "amount": 100, "paid": true}}}
"#,
    )
    .expect("write mock");
    let diff =
        run(d, &s3, &["diff", "--contracts", "s3://fleet/contracts", "--mocks", "payments=mocks", "--format", "json"]);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    let report: Value = serde_json::from_str(&diff.stdout).expect("a report");
    let kinds: Vec<&str> =
        report["findings"].as_array().expect("findings").iter().filter_map(|f| f["kind"].as_str()).collect();
    assert!(kinds.contains(&"missing_field"), "{kinds:?}");
    assert!(!kinds.contains(&"endpoint_never_seen"), "{kinds:?}");
    let regen = run(d, &s3, &["regen", "--contracts", "s3://fleet/contracts", "--mocks", "payments=mocks"]);
    assert!(regen.stdout.contains("+") && regen.stdout.contains("currency"), "{}\n{}", regen.stdout, regen.stderr);

    // Compacted into one object per service, then read from there: the same contracts.
    let compact = run(d, &s3, &["contracts", "compact", "s3://fleet/contracts", "--to", "s3://fleet/compacted"]);
    assert_eq!(compact.code, 0, "{}", compact.stderr);
    assert!(compact.stderr.contains("compacted payments: 2 snapshots"), "{}", compact.stderr);
    let again = run(d, &s3, &["contracts", "export", "--from", "s3://fleet/compacted"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(shapes(&again.stdout), shapes(&merged.stdout));
    // `contracts merge` takes prefixes as snapshot arguments; given the fleet's prefix and its
    // compacted copy, each source counts once.
    let out = d.join("merged.json");
    let m = run(
        d,
        &s3,
        &["contracts", "merge", "s3://fleet/contracts", "s3://fleet/compacted", "-o", out.to_str().expect("utf-8")],
    );
    assert_eq!(m.code, 0, "{}", m.stderr);
    assert_eq!(shapes(&std::fs::read_to_string(&out).expect("merged")), shapes(&merged.stdout));
    // Compacted into another bucket, and read with the fleet's prefix: each source once.
    s3.bucket("elsewhere");
    let far = run(d, &s3, &["contracts", "compact", "s3://fleet/contracts", "--to", "s3://elsewhere/fleet"]);
    assert_eq!(far.code, 0, "{}", far.stderr);
    let m = run(
        d,
        &s3,
        &["contracts", "merge", "s3://elsewhere/fleet", "s3://fleet/contracts", "-o", out.to_str().expect("utf-8")],
    );
    assert_eq!(m.code, 0, "{}", m.stderr);
    assert_eq!(shapes(&std::fs::read_to_string(&out).expect("merged")), shapes(&merged.stdout));
    // Compacted in place, beside the objects it gathers: still each source once.
    let inplace = run(d, &s3, &["contracts", "compact", "s3://fleet/contracts", "--to", "s3://fleet/contracts"]);
    assert_eq!(inplace.code, 0, "{}", inplace.stderr);
    let again = run(d, &s3, &["contracts", "export", "--from", "s3://fleet/contracts"]);
    assert!(again.stderr.contains("merged 2 snapshots from 2 sources"), "{}", again.stderr);
    assert_eq!(shapes(&again.stdout), shapes(&merged.stdout));

    // The secret key of the environment reaches no log, report or output.
    for text in [&logs, &merged.stderr, &diff.stdout, &diff.stderr, &regen.stderr, &compact.stderr] {
        assert!(!text.contains("planted-secret-key"), "{text}");
    }
}

#[test]
fn a_failing_publish_is_counted_while_traffic_flows_and_recovers() {
    let (tmp, s3, up) = fleet();
    let d = tmp.path();
    let port = s3.port();
    let args = ["--publish", "s3://fleet/p", "--publish-interval", "100ms", "--source", "pod-a"];
    let (p, addr, admin) = sidecar(d, &s3, "st", up, &args);
    let until = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let m = get(&admin, "/metrics");
            if ok(&m) {
                return m;
            }
            assert!(Instant::now() < deadline, "{what}: {m}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    assert!(get(&addr, "/v1/charges/ch_1").starts_with("HTTP/1.1 200 OK"));
    judged(&admin, "payments", 1);
    until("a first publish", &|m| metric(m, "mockdrift_publishes_total") >= 1);

    // The S3 server goes away: traffic goes on, the failure is counted and shown.
    s3.stop();
    for i in 2..12 {
        assert!(get(&addr, &format!("/v1/charges/ch_{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    judged(&admin, "payments", 11);
    let m = until("a failed publish", &|m| metric(m, "mockdrift_publish_errors_total") >= 1);
    let published = metric(&m, "mockdrift_publishes_total");
    let ready = get(&admin, "/readyz");
    assert!(ready.starts_with("HTTP/1.1 200 OK") && ready.contains("publishing fails"), "{ready}");

    // It comes back (empty, as moto starts): the next interval writes what changed (the
    // failed write's snapshot was never marked written).
    let s3 = S3::start(port);
    s3.bucket("fleet");
    until("a publish after the server came back", &|m| metric(m, "mockdrift_publishes_total") > published);
    let ready = get(&admin, "/readyz");
    assert!(ready.ends_with("\r\n\r\nready\n"), "{ready}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    assert!(!log.contains("planted-secret-key"), "{log}");
    let export = run(d, &s3, &["contracts", "export", "--from", "s3://fleet/p"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let snap: Value = serde_json::from_str(&export.stdout).expect("a snapshot");
    assert_eq!(snap["contracts"][0]["count"], 11, "nothing recorded was lost");
}

#[test]
fn a_publish_to_storage_that_never_answers_gives_up_after_ten_seconds_and_traffic_flows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // An "S3 endpoint" that takes connections and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let endpoint = format!("http://{}", silent.local_addr().expect("addr"));
    std::thread::spawn(move || {
        let held: Vec<_> = silent.incoming().map_while(Result::ok).collect();
        drop(held);
    });
    let up = payments();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("payments@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms"]);
    cmd.args(["--publish", "s3://fleet/p", "--publish-interval", "100ms", "--source", "pod-a"]);
    cmd.envs([
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "planted-secret-key"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", &endpoint),
        ("AWS_ALLOW_HTTP", "true"),
    ]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route payments listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    let started = Instant::now();
    assert!(get(&addr, "/v1/charges/ch_1").starts_with("HTTP/1.1 200 OK"));
    judged(&admin, "payments", 1);
    let deadline = Instant::now() + Duration::from_secs(60);
    while metric(&get(&admin, "/metrics"), "mockdrift_publish_errors_total") == 0 {
        // Requests are answered all along, while the publish waits on the silent server.
        assert!(get(&addr, "/v1/charges/ch_2").starts_with("HTTP/1.1 200 OK"));
        assert!(Instant::now() < deadline, "the publish never gave up");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(started.elapsed() >= Duration::from_secs(10), "gave up after {:?}", started.elapsed());
    let ready = get(&admin, "/readyz");
    assert!(ready.contains("publishing fails") && !ready.contains("127.0.0.1"), "{ready}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("gave up after 10s"), "{log}");
    assert!(log.contains("the last publish failed"), "the shutdown publish is bounded too: {log}");
    assert!(!log.contains("planted-secret-key"), "{log}");
}

#[test]
fn a_broken_object_under_a_prefix_is_named_with_its_line_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let lines: String = (0..30)
        .map(|i| {
            let body = format!(r#"{{"id": "ch_{i}", "amount": {i}, "currency": "usd"}}"#);
            serde_json::json!({"service": "payments", "method": "GET", "path": format!("/v1/charges/ch_{i}"),
                "status": 200, "time": "2026-11-20T10:00:00Z",
                "response": {"headers": [["content-type", "application/json"]], "body": body}})
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(d.join("t.jsonl"), lines).expect("write");
    let infer = crate::support::mockdrift(d, &["contracts", "infer", "--store", "st", "t.jsonl"]);
    assert_eq!(infer.code, 0, "{}", infer.stderr);
    let snap = crate::support::mockdrift(d, &["contracts", "export", "--store", "st", "--source", "pod-a"]);
    let dir = d.join("fleet/payments");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("pod-a.json"), &snap.stdout).expect("write");
    // Another pod's object, cut short in its third line.
    let cut: String = snap.stdout.lines().take(3).collect::<Vec<_>>().join("\n");
    std::fs::write(dir.join("pod-b.json"), cut).expect("write");
    let prefix = format!("file://{}", d.join("fleet").display());
    let export = crate::support::mockdrift(d, &["contracts", "export", "--from", &prefix]);
    assert_eq!(export.code, 2, "an object could not be read: {}", export.stderr);
    assert!(
        export.stderr.contains("pod-b.json: not a valid snapshot (line 3)") && export.stderr.contains("(skipped)"),
        "{}",
        export.stderr
    );
    assert!(export.stderr.contains("merged 1 snapshot from 1 source (1 unreadable)"), "{}", export.stderr);
    let got = mockdrift_contracts::Snapshot::from_json(&export.stdout).expect("the readable rest is written");
    assert_eq!(got.contracts.values().map(|c| c.count).sum::<u64>(), 30);
}
