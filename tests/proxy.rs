//! `mockdrift proxy` as a real child process: traffic through it, SIGTERM, contracts flushed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{mockdrift, stopped};

/// A one-response-per-connection HTTP/1.1 upstream on 127.0.0.1:0, in a thread.
fn upstream() -> std::net::SocketAddr {
    upstream_changing_at(usize::MAX)
}

/// An upstream whose response gains a `refund` field from the `change`-th connection on.
fn upstream_changing_at(change: usize) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let mut r = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
            }
            let refund = if i >= change { ", \"refund\": null" } else { "" };
            let body = format!("{{\"id\": {i}, \"status\": \"{}\"{refund}}}", ["open", "closed"][i % 2]);
            let rsp = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(rsp.as_bytes());
        }
    });
    addr
}

/// Kills a child process when dropped (a failing test must not leave a proxy running).
pub(crate) struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-KILL", &self.0.to_string()]).stderr(Stdio::null()).status();
    }
}

/// The address in the proxy's "route NAME listening on http[s]://ADDR, forwarding to ..." line.
pub(crate) fn listen_addr(line: &str) -> String {
    let url = line.split("listening on ").nth(1).and_then(|r| r.split(',').next()).expect(line);
    url.split("://").nth(1).expect(line).to_owned()
}

/// The path of an HTTP/1.1 request line (`GET /v1/x HTTP/1.1`), for an upstream's answer.
fn request_path(line: &str) -> &str {
    line.split(' ').nth(1).unwrap_or("/")
}

/// An HTTP/1.1 upstream on 127.0.0.1:0, one response per connection: `answer` gives the
/// status line's code and reason and a JSON body for the request line.
pub(crate) fn upstream_serving(
    answer: impl Fn(&str) -> (&'static str, String) + Send + 'static,
) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut r = BufReader::new(stream.try_clone().expect("clone"));
            let (mut first, mut line) = (String::new(), String::new());
            let _ = r.read_line(&mut first);
            while r.read_line(&mut line).unwrap_or(0) > 0 && !line.trim().is_empty() {
                line.clear();
            }
            let (status, body) = answer(&first);
            let rsp = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(rsp.as_bytes());
        }
    });
    addr
}

/// An upstream answering every request 200 with `body`.
fn upstream_answering(body: String) -> std::net::SocketAddr {
    upstream_serving(move |_| ("200 OK", body.clone()))
}

/// An upstream answering `/users/999` 404 and every other path 200.
fn upstream_users() -> std::net::SocketAddr {
    upstream_serving(|first| match first.contains("/users/999 ") {
        true => ("404 Not Found", "{\"error\": \"not found\"}".to_owned()),
        false => ("200 OK", "{\"id\": 1, \"name\": \"ada\"}".to_owned()),
    })
}

/// An upstream whose every answer carries secrets in free text and values.
fn upstream_leaky() -> std::net::SocketAddr {
    upstream_serving(|_| {
        let body = serde_json::json!({
            "id": 1,
            "note": "call me at planted.person@corp.example please",
            "key": "AKIAPLANTED1234567",
            "temp": "ASIAPLANTEDXYZ123456",
            "value": PLANTED_JWT,
            "link": format!("https://app.example/reset/{PLANTED_TOKEN}/confirm"),
            "kind": "plain",
        });
        ("200 OK", body.to_string())
    })
}

pub(crate) fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect to the proxy");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: app\r\nAuthorization: Bearer s3cret-token\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

#[test]
fn proxies_records_and_flushes_on_sigterm() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let up = upstream();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}")])
        .args(["--flush-interval", "300ms", "--admin", "127.0.0.1:0"])
        .current_dir(tmp.path())
        .env("MOCKDRIFT_ADMIN_TOKEN", "adm1n")
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    // Never leave a proxy running if an assertion fails.
    let guard = KillOnDrop(pid);
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(20)).expect("the proxy starts");
    let addr = listen_addr(&first);
    let second = rx.recv_timeout(Duration::from_secs(20)).expect("the admin starts");
    let admin = second.split("admin listening on ").nth(1).expect(&second).trim().to_owned();
    for i in 0..25 {
        let rsp = get(&addr, &format!("/orders/{i}"));
        assert!(rsp.starts_with("HTTP/1.1 200 OK"), "{rsp}");
        assert!(rsp.ends_with('}'), "{rsp}");
    }
    // Slugs no value pattern reveals: literal endpoints at first, one learned template once the
    // proxy has seen enough of them (at a flush when the endpoints have doubled, and on stop).
    for owner in ["rust-lang", "tokio-rs", "serde-rs", "hyperium", "octocat", "torvalds"] {
        assert!(get(&addr, &format!("/repos/{owner}/tools")).starts_with("HTTP/1.1 200 OK"));
    }
    // While the proxy holds the store, CI pulls the contracts through the admin endpoint.
    let locked = mockdrift(tmp.path(), &["contracts", "list", "--store", "st"]);
    assert!(locked.stderr.contains("locked by another process"), "{}", locked.stderr);
    let mut pulled = String::new();
    for _ in 0..300 {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_mockdrift"))
            .args(["contracts", "export", "--from", &format!("http://{admin}")])
            .env("MOCKDRIFT_ADMIN_TOKEN", "adm1n")
            .output()
            .expect("runs");
        pulled = String::from_utf8_lossy(&run.stdout).into_owned();
        if pulled.contains("/orders/{order_id}") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(pulled.contains("\"count\": 25"), "{pulled}");
    let unauthorized = mockdrift(tmp.path(), &["contracts", "export", "--from", &format!("http://{admin}")]);
    assert_eq!(unauthorized.code, 2);
    assert!(unauthorized.stderr.contains("wants a token"), "{}", unauthorized.stderr);
    let metrics = get(&admin, "/healthz");
    assert!(metrics.ends_with("ok\n"), "{metrics}");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("wait");
    std::mem::forget(guard);
    assert_eq!(exit.code(), Some(0));
    let mut rest = Vec::new();
    while let Ok(l) = rx.recv_timeout(Duration::from_secs(5)) {
        rest.push(l);
    }
    let log = rest.join("\n");
    // Settled endpoints are sampled down; what a slot skipped still counts (the 25 above).
    assert_eq!(stopped(&log, "requests"), 31, "{log}");
    assert_eq!(stopped(&log, "recorded") + stopped(&log, "sampled down"), 31, "{log}");
    assert_eq!(stopped(&log, "dropped"), 0, "{log}");

    // The flush on shutdown wrote the contracts; no credential reached the store.
    let list = mockdrift(tmp.path(), &["contracts", "list", "--store", "st"]);
    assert!(
        list.stdout.contains("orders") && list.stdout.contains("/orders/{order_id}") && list.stdout.contains("25"),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("/repos/{repo}/tools"), "{}", list.stdout);
    assert!(!list.stdout.contains("/repos/octocat"), "{}", list.stdout);
    let store = crate::support::all_bytes(&tmp.path().join("st"));
    assert!(!String::from_utf8_lossy(&store).contains("s3cret-token"));
}

#[test]
fn kill_9_loses_at_most_the_last_interval_and_the_store_reopens() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let up = upstream();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}")])
        .args(["--flush-interval", "200ms", "--admin", "127.0.0.1:0"])
        .current_dir(tmp.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let guard = KillOnDrop(child.id());
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let addr = listen_addr(&first);
    let admin = lines.next().expect("a line").expect("utf-8").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..10 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    // A flush after the recorder took all ten (waiting for the counters, not the clock), then
    // more traffic, then SIGKILL mid-interval.
    judged(&admin, "orders", 10);
    let flushes = |m: &str| metric(m, "mockdrift_flushes_total");
    let before = flushes(&get(&admin, "/metrics"));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while flushes(&get(&admin, "/metrics")) < before + 1 {
        assert!(std::time::Instant::now() < deadline, "no flush");
        std::thread::sleep(Duration::from_millis(5));
    }
    for i in 10..13 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    let status = Command::new("kill").args(["-KILL", &child.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let _ = child.wait();
    std::mem::forget(guard);
    let export = mockdrift(tmp.path(), &["contracts", "export", "--store", "st"]);
    assert_eq!(export.code, 0, "the store reopens cleanly: {}", export.stderr);
    let snap = mockdrift_contracts::Snapshot::from_json(&export.stdout).expect("a snapshot");
    let count: u64 = snap.contracts.values().map(|c| c.count).sum();
    // The first ten were flushed long before the kill; the last three may be lost.
    assert!((10..=13).contains(&count), "{count} exchanges survived");
}

/// A running `mockdrift proxy` child: its bound route address and its stderr lines.
pub(crate) struct Child {
    child: std::process::Child,
    _guard: KillOnDrop,
    lines: std::sync::mpsc::Receiver<String>,
}

fn spawn_proxy(dir: &std::path::Path, args: &[&str]) -> (Child, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.arg("proxy").args(args).args(["--admin", "off", "--flush-interval", "200ms"]);
    let p = spawn(dir, cmd);
    let first = p.lines.recv_timeout(Duration::from_secs(20)).expect("the proxy starts");
    assert!(first.contains("listening on https://"), "{first}");
    let addr = listen_addr(&first);
    (p, addr)
}

/// A proxy recording every exchange of route `name` to `up` into the store `st` in `dir`,
/// flushing every `flush`, with an admin port: the child, the route's address, the admin's.
fn recording_proxy(
    dir: &std::path::Path,
    name: &str,
    up: std::net::SocketAddr,
    flush: &str,
) -> (Child, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("{name}@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", flush, "--stable-sample", "1"]);
    let p = spawn(dir, cmd);
    let addr = listen_addr(&p.line(&format!("route {name} listening on")));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    (p, addr, admin)
}

/// GETs a path through the proxy at `addr`, expecting 200; how many were sent so far.
fn counting_get(addr: &str) -> impl FnMut(&str) -> u64 + '_ {
    let mut sent = 0;
    move |path| {
        assert!(get(addr, path).starts_with("HTTP/1.1 200"), "{path}");
        sent += 1;
        sent
    }
}

/// The endpoints' paths a recording proxy (`recording_proxy`, flushing on demand) holds once
/// it took all `sent` exchanges (none dropped: a relearn counts them), after a flush and the
/// relearn it asks for; asked again if `/contracts` answered before a flush did (it waits for
/// one a few seconds at most).
fn flushed_paths(dir: &std::path::Path, admin: &str, route: &str, sent: u64) -> Vec<String> {
    judged(admin, route, sent);
    let flushes = || metric(&get(admin, "/metrics"), "mockdrift_flushes_total");
    assert_eq!(metric(&get(admin, "/metrics"), &format!("mockdrift_dropped_total{{route=\"{route}\"}}")), 0);
    let url = format!("http://{admin}");
    for _ in 0..10 {
        let before = flushes();
        let list = mockdrift(dir, &["contracts", "list", "--from", &url, "--format", "json"]);
        assert_eq!(list.code, 0, "{}", list.stderr);
        if flushes() == before {
            continue;
        }
        let rows: serde_json::Value = serde_json::from_str(&list.stdout).expect("a JSON array");
        let rows = rows.as_array().expect("rows");
        return rows.iter().map(|r| r["path"].as_str().expect("a path").to_owned()).collect();
    }
    panic!("no flush answered /contracts ten times");
}

/// Starts `cmd` in `dir` with its stderr read line by line.
pub(crate) fn spawn(dir: &std::path::Path, mut cmd: Command) -> Child {
    let mut child = cmd.current_dir(dir).env_remove("MOCKDRIFT_LOG").stderr(Stdio::piped()).spawn().expect("spawn");
    let guard = KillOnDrop(child.id());
    let (tx, lines) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Child { child, _guard: guard, lines }
}

impl Child {
    /// The next stderr line containing `what`.
    pub(crate) fn line(&self, what: &str) -> String {
        loop {
            let l =
                self.lines.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("no line with {what:?}"));
            if l.contains(what) {
                return l;
            }
        }
    }

    /// SIGTERM, then the exit code and the rest of stderr.
    pub(crate) fn stop(mut self) -> (Option<i32>, String) {
        assert!(Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill").success());
        let code = self.child.wait().expect("wait").code();
        let rest: Vec<String> = std::iter::from_fn(|| self.lines.recv_timeout(Duration::from_secs(5)).ok()).collect();
        (code, rest.join("\n"))
    }
}

/// The value of the series `name` (with its labels) in a `/metrics` answer.
pub(crate) fn metric(metrics: &str, name: &str) -> u64 {
    let value = metrics.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(' '));
    value.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no {name} in {metrics}"))
}

/// Waits until the recorder has judged every one of the first `sent` requests of `route`:
/// each was either sampled down or recorded and merged (`mockdrift_recorder_processed_total`).
/// Sampling then follows the count of exchanges, not how fast this machine records them.
pub(crate) fn judged(admin: &str, route: &str, sent: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let m = get(admin, "/metrics");
        let sampled = metric(&m, &format!("mockdrift_sampled_down_total{{route=\"{route}\"}}"));
        let dropped = metric(&m, &format!("mockdrift_dropped_total{{route=\"{route}\"}}"));
        if metric(&m, "mockdrift_recorder_processed_total") + sampled + dropped >= sent {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "the recorder did not take {sent} requests: {m}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// `GET path` until the answer contains `what` (at most 30 s); the last answer.
fn get_until(addr: &str, path: &str, what: &str) -> String {
    let mut last = String::new();
    for _ in 0..600 {
        last = get(addr, path);
        if last.contains(what) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    last
}

fn curl(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("curl runs (apt package curl)");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn config_file_routes_forward_mode_and_http2_through_the_binary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream();
    let config = format!(
        r#"[proxy]
store = "st"
admin = "off"
flush_interval = "200ms"
forward = "127.0.0.1:0"
openapi = "inventory.yaml"

[proxy.forward_names]
"127.0.0.1" = "inventory"

[[proxy.route]]
name = "orders"
listen = "127.0.0.1:0"
upstream = "http://{up}"
"#
    );
    std::fs::write(d.join("mockdrift.toml"), &config).expect("write");
    let doc = "openapi: 3.0.3\ninfo: {title: inventory, version: '1'}\npaths:\n  /items/{sku}:\n    get:\n      responses:\n        '200': {description: ok}\n";
    std::fs::write(d.join("inventory.yaml"), doc).expect("write");
    let check = mockdrift(d, &["config", "check", "--config", "mockdrift.toml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(&format!("route orders: http://127.0.0.1:0 -> http://{up}")), "{}", check.stdout);
    assert!(check.stdout.contains("forward proxy: http://127.0.0.1:0 (1 host names mapped)"), "{}", check.stdout);
    assert!(check.stdout.contains("admin: off"), "{}", check.stdout);
    assert!(check.stdout.contains("1 path templates from --openapi"), "{}", check.stdout);

    // A bad route is named with its position and reason; nothing starts.
    std::fs::write(d.join("bad.toml"), config.replace(&format!("http://{up}"), "ftp://x")).expect("write");
    let bad = mockdrift(d, &["config", "check", "--config", "bad.toml"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("bad.toml:11: [[proxy.route]] #1 (orders)") && bad.stderr.contains("ftp://x"),
        "{}",
        bad.stderr
    );
    std::fs::write(d.join("bad.toml"), config.replace("flush_interval", "flush_interval_typo")).expect("write");
    let bad = mockdrift(d, &["config", "check", "--config", "bad.toml"]);
    assert!(bad.code == 2 && bad.stderr.contains("flush_interval_typo"), "{}", bad.stderr);
    // A bad value is named by its key (the flag's name) and the file it came from.
    std::fs::write(d.join("bad.toml"), config.replace("admin = \"off\"", "admin = \"off\"\nstable_sample = 0"))
        .expect("write");
    let bad = mockdrift(d, &["config", "check", "--config", "bad.toml"]);
    assert!(
        bad.code == 2
            && bad.stderr.contains("bad.toml: [proxy]")
            && bad.stderr.contains("--stable-sample 0 must be above 0"),
        "{}",
        bad.stderr
    );
    std::fs::write(
        d.join("bad.toml"),
        config.replace("admin = \"off\"", "admin = \"off\"\nstable_interval = \"soon\""),
    )
    .expect("write");
    let bad = mockdrift(d, &["config", "check", "--config", "bad.toml"]);
    assert!(bad.code == 2 && bad.stderr.contains("--stable-interval"), "{}", bad.stderr);
    assert!(bad.stderr.contains("\"soon\" is not a duration like 500ms"), "{}", bad.stderr);

    // `mockdrift proxy` with only the config file.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--config", "mockdrift.toml"]);
    let p = spawn(d, cmd);
    let orders = listen_addr(&p.line("route orders listening on"));
    let forward = p.line("forward proxy listening on").rsplit("://").next().expect("addr").trim().to_owned();

    // HTTP/2 with prior knowledge from the client; the upstream speaks HTTP/1.1.
    let (ok, out) =
        curl(d, &["--http2-prior-knowledge", "-w", "\n%{http_version}", &format!("http://{orders}/orders/1")]);
    assert!(ok && out.contains("\"id\": ") && out.ends_with("\n2"), "{out}");
    // Forward proxy: absolute form, then a CONNECT tunnel (curl -p).
    let (ok, out) = curl(d, &["-x", &format!("http://{forward}"), &format!("http://{up}/items/1")]);
    assert!(ok && out.contains("\"id\": "), "{out}");
    let (ok, out) = curl(d, &["-p", "-x", &format!("http://{forward}"), &format!("http://{up}/items/2")]);
    assert!(ok && out.contains("\"id\": "), "{out}");

    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("3 requests, 2 recorded, 0 sampled down, 0 dropped, 0 upstream errors, 1 tunnel;"), "{log}");
    let list = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(list.stdout.contains("orders") && list.stdout.contains("inventory"), "{}", list.stdout);
    assert!(list.stdout.contains("/items/{sku}"), "the OpenAPI document's template: {}", list.stdout);

    // Neither routes nor a forward proxy: a clear error.
    let empty = d.join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let none = mockdrift(&empty, &["proxy", "--store", "x", "--admin", "off"]);
    assert!(none.code == 2 && none.stderr.contains("nothing to proxy"), "{}", none.stderr);
}

/// A store that cannot be written (here: a file size limit of 512 bytes, with SIGXFSZ
/// ignored so writes fail with EFBIG, as on a full disk) degrades health; traffic flows and
/// the recorded contracts stay readable on the admin endpoint.
#[cfg(target_os = "linux")]
#[test]
fn a_failing_store_degrades_health_while_traffic_flows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream();
    let mut cmd = Command::new("sh");
    let script = format!(
        "trap '' XFSZ; ulimit -f 1; exec '{}' proxy --store st --route orders@127.0.0.1:0=http://{up} \
         --admin 127.0.0.1:0 --flush-interval 100ms",
        env!("CARGO_BIN_EXE_mockdrift")
    );
    cmd.args(["-c", &script]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..20 {
        let rsp = get(&addr, &format!("/orders/{i}"));
        assert!(rsp.starts_with("HTTP/1.1 200 OK"), "{rsp}");
    }
    let health = get_until(&admin, "/healthz", "degraded");
    assert!(health.starts_with("HTTP/1.1 200") && health.contains("degraded: the contract store"), "{health}");
    assert!(health.contains("File too large"), "the cause is named: {health}");
    let err = p.line("Flushing contracts failed");
    assert!(err.contains("ERROR") && !err.contains('\u{1b}'), "plain text, no colour codes in a pipe: {err}");
    // Forwarding goes on; the contracts are still served to CI from memory.
    assert!(get(&addr, "/orders/99").starts_with("HTTP/1.1 200 OK"));
    let contracts = get_until(&admin, "/contracts", "\"count\": 21,");
    assert!(contracts.contains("/orders/{order_id}") && contracts.contains("\"count\": 21,"), "{contracts}");
    let metrics = get(&admin, "/metrics");
    assert!(metrics.contains("mockdrift_degraded 1"), "{metrics}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(2), "a final flush that fails is a failed exit: {log}");
    assert!(log.contains("flushing contracts on shutdown"), "{log}");
}

#[test]
fn tls_on_both_sides_through_the_binary_with_curl_as_the_client() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // A test CA and a certificate it signed for localhost, made here.
    crate::test_pki::test_pki(d);

    // curl -(TLS)-> front proxy -(TLS, verified with --upstream-ca)-> back proxy -> upstream.
    let up = upstream();
    let tls = ["--tls-cert", "cert.pem", "--tls-key", "key.pem"];
    let back_route = format!("back@127.0.0.1:0=http://{up}");
    let (back, back_addr) = spawn_proxy(d, &[&["--store", "back", "--route", &back_route][..], &tls].concat());
    let port = back_addr.rsplit(':').next().expect("port");
    let front_route = format!("orders@127.0.0.1:0=https://localhost:{port}");
    let (front, front_addr) =
        spawn_proxy(d, &[&["--store", "front", "--route", &front_route, "--upstream-ca", "ca.pem"][..], &tls].concat());
    let front_port = front_addr.rsplit(':').next().expect("port");
    let curl = |url: &str, extra: &[&str]| {
        Command::new("curl")
            .args(["-sS", "--max-time", "10", "--cacert", "ca.pem"])
            .args(extra)
            .arg(url)
            .current_dir(d)
            .output()
            .expect("curl runs (apt package curl)")
    };
    for i in 0..3 {
        let out = curl(&format!("https://localhost:{front_port}/orders/{i}"), &[]);
        let body = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && body.contains("\"id\": ") && body.contains("status"), "{body}{:?}", out);
    }
    // HTTP/2 over ALPN to the TLS listener (and from the front proxy to the back one).
    let out = curl(&format!("https://localhost:{front_port}/orders/3"), &["--http2", "-w", "\n%{http_version}"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.ends_with("\n2") && text.contains("status"), "{text}{out:?}");
    // curl without the CA refuses the listener's certificate: it is the one given.
    let out = Command::new("curl")
        .args(["-sS", "--max-time", "10", &format!("https://localhost:{front_port}/orders/9")])
        .output()
        .expect("curl");
    assert!(!out.status.success(), "untrusted certificate accepted");

    // Both record; the front's contract is the upstream's shape.
    for mut p in [front, back] {
        assert!(Command::new("kill").args(["-TERM", &p.child.id().to_string()]).status().expect("kill").success());
        assert_eq!(p.child.wait().expect("wait").code(), Some(0));
        let rest: Vec<String> = std::iter::from_fn(|| p.lines.recv_timeout(Duration::from_secs(5)).ok()).collect();
        assert!(rest.iter().any(|l| l.contains("4 requests, 4 recorded")), "{rest:#?}");
    }
    let list = mockdrift(d, &["contracts", "list", "--store", "front"]);
    assert!(list.stdout.contains("orders") && list.stdout.contains("/orders/{order_id}"), "{}", list.stdout);

    // Unusable TLS settings stop the proxy before it listens, naming the file.
    let run = mockdrift(d, &["proxy", "--store", "x", "--route", &front_route, "--tls-cert", "cert.pem"]);
    assert_eq!(run.code, 2, "--tls-cert needs --tls-key: {}", run.stderr);
    let run = mockdrift(
        d,
        &["proxy", "--store", "x", "--route", &front_route, "--upstream-ca", "missing.pem", "--admin", "off"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--upstream-ca") && run.stderr.contains("missing.pem"), "{}", run.stderr);
}

/// An endpoint whose contract stops changing is sampled down, every exchange still counts,
/// and a change in its responses is caught and recorded even while it is sampled down.
#[test]
fn settled_endpoints_are_sampled_down_counted_whole_and_wake_on_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_changing_at(600);
    // Pinned to one CPU, as a sidecar often is: the proxy runs a current-thread runtime then.
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", "0", env!("CARGO_BIN_EXE_mockdrift")]);
    cmd.args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms", "--stable-sample", "0.125"]);
    // This test is the rate's rule (by count); the interval's rule has its own tests.
    cmd.args(["--stable-interval", "0"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    // Each request waits for the recorder's verdict on the one before: the first (a new
    // endpoint: a change), 16 unchanged at each of 1, 1/2 and 1/4 (112 exchanges), then 1 in
    // 8, however busy the machine is.
    for i in 0..600 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
        judged(&admin, "orders", i + 1);
    }
    let metrics = get(&admin, "/metrics");
    assert!(metrics.contains("mockdrift_settled_slots 1"), "{metrics}");
    let sampled = metric(&metrics, "mockdrift_sampled_down_total{route=\"orders\"}");
    assert_eq!(sampled, 600 - 1 - 48 - (600 - 113u64).div_ceil(8), "{metrics}");
    // The upstream changes: the sampled-down endpoint notices at its next recorded exchange.
    for i in 600..800 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
        judged(&admin, "orders", i + 1);
    }
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(stopped(&log, "recorded") + stopped(&log, "sampled down"), 800, "{log}");
    let export = mockdrift(d, &["contracts", "export", "--store", "st"]);
    let snap: serde_json::Value = serde_json::from_str(&export.stdout).expect("a snapshot");
    let c = &snap["contracts"][0];
    assert_eq!(c["path"], "/orders/{order_id}", "{c}");
    assert_eq!(c["count"], 800, "every exchange counted: {c}");
    let observed = 800 - c["sampled_out"].as_u64().expect("sampled_out");
    assert_eq!(c["response"]["object"]["count"], observed, "{c}");
    assert_eq!(c["bodies"]["json"], observed, "{c}");
    let refund = &c["response"]["object"]["fields"]["refund"];
    // Had the slot stayed at 1 in 8, at most 25 of the last 200 would have been recorded; the
    // change sent it back to recording every exchange (16 at each level on the way down).
    assert!(refund["present"].as_u64().is_some_and(|n| n >= 48), "the slot woke up: {c}");
    let shown = mockdrift(d, &["contracts", "show", "GET", "/orders/1", "--store", "st"]);
    let line = format!("{observed} of them inferred, {} only counted", 800 - observed);
    assert!(shown.stdout.contains(&line), "{}", shown.stdout);
}

/// `--stable-interval`, through the binary: a burst on one settled endpoint is recorded far
/// more sparsely than the rate alone would (the recorder reads the exchanges' own times),
/// and every exchange is still counted.
#[test]
fn a_busy_settled_endpoint_is_recorded_by_time_not_by_traffic() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_changing_at(usize::MAX);
    let run = |interval: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
        cmd.args([
            "proxy",
            "--store",
            &format!("st-{interval}"),
            "--route",
            &format!("orders@127.0.0.1:0=http://{up}"),
        ]);
        cmd.args(["--admin", "127.0.0.1:0", "--stable-sample", "0.125", "--stable-interval", interval]);
        let p = spawn(d, cmd);
        let addr = listen_addr(&p.line("route orders listening on"));
        let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
        for i in 0..800 {
            assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
            judged(&admin, "orders", i + 1);
        }
        let (code, log) = p.stop();
        assert_eq!(code, Some(0), "{log}");
        assert_eq!(stopped(&log, "recorded") + stopped(&log, "sampled down"), 800, "{log}");
        stopped(&log, "recorded")
    };
    // By rate alone: the first (a change), 16 at each of 1, 1/2 and 1/4, then 1 in 8.
    let by_rate = run("0");
    assert_eq!(by_rate, 1 + 48 + (800 - 113u64).div_ceil(8));
    // An hour's interval: however slow this machine, 800 requests come faster than one
    // recorded exchange per half hour, so past the rate's floor every recorded exchange takes
    // the slot one level deeper (1 in 16, 32, ... 512).
    let by_time = run("3600s");
    assert!(by_time <= 1 + 48 + 7, "{by_time} against {by_rate}");
}

/// `--stable-interval`, through the binary: an endpoint sampled deep during a burst that then
/// slows down is recorded at the floor's rate again within seconds, so a change is seen.
#[test]
fn a_busy_endpoint_that_slows_down_is_soon_recorded_again_and_its_change_seen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let burst: u64 = 1_500;
    let up = upstream_changing_at(burst as usize);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms"]);
    // A one-second interval: the burst goes beyond the floor as long as this machine serves
    // more than about 20 requests a second.
    cmd.args(["--stable-sample", "0.125", "--stable-interval", "1s"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..burst {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    // By the rate alone (1 in 8) the burst would record about 220 exchanges: fewer means the
    // slot went deeper, which is what this test is about.
    let metrics = get(&admin, "/metrics");
    let burst_recorded = metric(&metrics, "mockdrift_recorded_total{route=\"orders\"}");
    assert!(burst_recorded < 150, "the burst did not take the slot beyond the floor: {burst_recorded} recorded");
    // Then ten a second (the traffic's pace, not a wait for the proxy), and the upstream has
    // changed. Stepping back up one level per recorded exchange, the slot would take
    // hundreds of them to record one; relaxed every two intervals, it records within seconds.
    let seen = (1..=300u64).find(|k| {
        assert!(get(&addr, &format!("/orders/{}", burst + k)).starts_with("HTTP/1.1 200 OK"));
        std::thread::sleep(Duration::from_millis(100));
        get(&admin, "/contracts").contains("refund")
    });
    eprintln!("the change was seen after {seen:?} slow requests");
    assert!(seen.is_some(), "the change was not seen within 300 slow requests (30 s)");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let counted = stopped(&log, "recorded") + stopped(&log, "sampled down");
    assert_eq!(counted, burst + seen.expect("seen"), "{log}");
}

/// `(thread name, niceness)` of every thread of process `pid`, from `/proc`.
#[cfg(target_os = "linux")]
fn thread_niceness(pid: u32) -> Vec<(String, i32)> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("/proc/PID/task");
    let mut threads = Vec::new();
    for task in tasks {
        let dir = task.expect("task").path();
        let (Ok(comm), Ok(stat)) =
            (std::fs::read_to_string(dir.join("comm")), std::fs::read_to_string(dir.join("stat")))
        else {
            continue; // the thread ended meanwhile
        };
        // After the `(comm)` field come state (field 3) onwards; niceness is field 19.
        let after = stat.rsplit_once(')').expect("stat has (comm)").1;
        let nice = after.split_whitespace().nth(16).expect("field 19").parse().expect("niceness");
        threads.push((comm.trim().to_owned(), nice));
    }
    threads
}

#[cfg(target_os = "linux")]
#[test]
fn the_recorder_runs_at_the_lowest_priority_and_forwarding_at_normal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let up = upstream();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--admin", "off", "--flush-interval", "100ms"]);
    cmd.args(["--route", &format!("orders@127.0.0.1:0=http://{up}")]);
    let p = spawn(tmp.path(), cmd);
    let addr = listen_addr(&p.line("listening on"));
    for i in 0..5 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    // The recorder's thread starts after the listeners and lowers its own priority: wait for
    // that (on a busy machine it comes late), not for a fixed time.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let threads = loop {
        let threads = thread_niceness(p.child.id());
        if threads.iter().any(|(name, nice)| name == "mockdrift-rec" && *nice == 19)
            || std::time::Instant::now() > deadline
        {
            break threads;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let recorder: Vec<_> = threads.iter().filter(|(name, _)| name == "mockdrift-rec").collect();
    assert_eq!(recorder.len(), 1, "{threads:?}");
    assert_eq!(recorder[0].1, 19, "{threads:?}");
    // The threads that forward (the main thread drives the runtime on one CPU; workers on more).
    let forwarding: Vec<_> =
        threads.iter().filter(|(name, _)| name == "mockdrift" || name.starts_with("tokio-")).collect();
    assert!(!forwarding.is_empty(), "{threads:?}");
    assert!(forwarding.iter().all(|(_, nice)| *nice == 0), "{threads:?}");
    // And it still records at that priority.
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(stopped(&log, "recorded") + stopped(&log, "sampled down"), 5, "{log}");
    assert!(stopped(&log, "recorded") >= 1, "{log}");
}

/// Admin endpoints reachable from other machines need a token: none is a startup error unless
/// `--admin-insecure-no-token` says so (then a warning); an empty token file or variable is a
/// startup error, never "no auth".
#[test]
fn remote_admin_without_a_token_is_refused_and_an_empty_token_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let base = ["proxy", "--store", "st", "--route", "a@127.0.0.1:0=http://127.0.0.1:9", "--admin-allow-remote"];
    let run = |extra: &[&str], env: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
        cmd.args(base).args(extra).current_dir(d).env_remove("MOCKDRIFT_LOG").env_remove("MOCKDRIFT_ADMIN_TOKEN");
        if let Some(t) = env {
            cmd.env("MOCKDRIFT_ADMIN_TOKEN", t);
        }
        let out = cmd.output().expect("runs");
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = run(&["--admin", "0.0.0.0:0"], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("has no token") && err.contains("--admin-insecure-no-token"), "{err}");
    let (code, err) = run(&["--admin", "0.0.0.0:0"], Some("  "));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("MOCKDRIFT_ADMIN_TOKEN is set but empty"), "{err}");
    std::fs::write(d.join("token"), "\n").expect("write");
    let (code, err) = run(&["--admin", "127.0.0.1:0", "--admin-token-file", "token"], None);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("token is empty"), "{err}");

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(base).args(["--admin", "0.0.0.0:0", "--admin-insecure-no-token"]).env_remove("MOCKDRIFT_ADMIN_TOKEN");
    let p = spawn(d, cmd);
    let warning = p.line("admin-insecure-no-token");
    assert!(warning.contains("answer anyone"), "{warning}");
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").replace("0.0.0.0", "127.0.0.1");
    assert!(get(&admin, "/metrics").contains("mockdrift_requests_total"));
}

/// A 40-level body sent through the proxy (any client of the service can): forwarded whole,
/// recorded cut at the depth limit, and readable everywhere afterwards (`/contracts`, the
/// store). A record that still cannot be read (written here beyond the limit, as an older
/// build did) is named, the rest exported, and the exit code says so.
#[test]
fn a_deep_body_is_recorded_cut_and_everything_stored_reads_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let deep = format!("{}{{\"id\": 1}}{}", "{\"k\": ".repeat(40), "}".repeat(40));
    let up = upstream_answering(deep.clone());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("deep@127.0.0.1:0=http://{up}")])
        .args(["--flush-interval", "100ms", "--admin", "127.0.0.1:0"])
        .env_remove("MOCKDRIFT_ADMIN_TOKEN");
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route deep listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for _ in 0..3 {
        let rsp = get(&addr, "/tree");
        assert!(rsp.starts_with("HTTP/1.1 200 OK") && rsp.ends_with(&deep), "{rsp}");
    }
    let contracts = get_until(&admin, "/contracts", "\"count\": 3,");
    assert!(contracts.contains("\"count\": 3,") && contracts.contains("\"cut\""), "{contracts}");
    let pulled = mockdrift(d, &["contracts", "export", "--from", &format!("http://{admin}")]);
    assert_eq!(pulled.code, 0, "{}", pulled.stderr);
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let exported = mockdrift(d, &["contracts", "export", "--store", "st"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    assert!(exported.stdout.contains("\"path\": \"/tree\""), "{}", exported.stdout);

    // A record beyond what any reader accepts, beside the good one.
    {
        use mockdrift_contracts::{Contract, EndpointKey, Limits, Redactor, Store, Ts};
        let store = Store::open(&d.join("st")).expect("open");
        let mut c = Contract::new(Ts(0));
        c.count = 1;
        let limits = Limits { max_depth: 60, ..Limits::default() };
        c.response.observe(deep.as_bytes(), Ts(0), &limits, &Redactor::new(&Default::default())).expect("observe");
        let key = EndpointKey {
            service: "deep".into(),
            method: "GET".into(),
            path: "/older".into(),
            status: 200,
            media_type: "application/json".into(),
        };
        store.put_batch([(&key, &c)]).expect("put");
        store.flush().expect("flush");
    }
    let partial = mockdrift(d, &["contracts", "export", "--store", "st"]);
    assert_eq!(partial.code, 2, "{}", partial.stderr);
    assert!(
        partial.stderr.contains("deep GET /older 200") && partial.stderr.contains("recursion limit"),
        "{}",
        partial.stderr
    );
    assert!(partial.stderr.contains("1 stored contracts could not be read"), "{}", partial.stderr);
    assert!(partial.stdout.contains("\"path\": \"/tree\""), "the readable rest is written: {}", partial.stdout);
}

/// `/users/1` and `/users/999` share a sampling slot (the proxy folds segments with digits);
/// once the slot is sampled down, the exchanges it skips are still counted to their own
/// endpoint (the 404 one was credited the 200s' count), and a 404 the settled slot never
/// recorded is recorded at once. Counts are exact whatever the machine's speed.
#[test]
fn counts_stay_with_their_own_status_in_a_shared_sampling_slot() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_users();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("users@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms", "--stable-sample", "0.125"]);
    cmd.args(["--stable-interval", "0"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route users listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..300 {
        let path = if i % 100 == 50 { "/users/999".to_owned() } else { format!("/users/{i}") };
        assert!(get(&addr, &path).starts_with("HTTP/1.1"));
        if i == 40 {
            // Settled (1 in 8) before the first 404, whatever this machine's speed.
            judged(&admin, "users", i + 1);
            assert!(get(&admin, "/metrics").contains("mockdrift_settled_slots 1"));
        }
    }
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let export = mockdrift(d, &["contracts", "export", "--store", "st"]);
    let snap: serde_json::Value = serde_json::from_str(&export.stdout).expect("a snapshot");
    let count = |status: u64| -> u64 {
        let all = snap["contracts"].as_array().expect("contracts");
        all.iter().filter(|c| c["status"] == status).map(|c| c["count"].as_u64().expect("count")).sum()
    };
    assert_eq!((count(200), count(404)), (297, 3), "{}", export.stdout);
}

/// One HTTP/1.1 response read off a kept-alive connection: its head and body (by length).
fn read_response(s: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).expect("read"), 1, "closed mid-head: {}", String::from_utf8_lossy(&head));
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).expect("utf-8");
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().expect("a length"))
        })
        .expect("content-length");
    let mut body = vec![0; len];
    s.read_exact(&mut body).expect("body");
    head + &String::from_utf8_lossy(&body)
}

/// Whether the peer closed `s` (EOF or reset) within 30 s.
fn closed(s: &mut TcpStream) -> bool {
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut buf = [0u8; 64];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

/// A client that sends half a request head is closed after `--header-timeout`; a kept-alive
/// connection survives longer pauses between requests, up to `--idle-timeout`; at
/// `--max-connections` the proxy says so and new connections wait for a free place.
#[test]
fn slow_heads_and_idle_clients_are_closed_and_the_connection_cap_holds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}"), "--admin", "off"]);
    cmd.args(["--header-timeout", "1s", "--idle-timeout", "8s"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));

    let mut slow = TcpStream::connect(&addr).expect("connect");
    slow.write_all(b"GET /orders/1 HTTP/1.1\r\nHost: app\r\n").expect("write");
    let mut silent = TcpStream::connect(&addr).expect("connect");
    let mut kept = TcpStream::connect(&addr).expect("connect");
    kept.write_all(b"GET /orders/2 HTTP/1.1\r\nHost: app\r\n\r\n").expect("write");
    assert!(read_response(&mut kept).starts_with("HTTP/1.1 200 OK"));
    assert!(closed(&mut slow), "half a head, closed after the header timeout");
    assert!(closed(&mut silent), "nothing sent, closed after the header timeout");
    // Longer than the header timeout between two requests (this pause is the client's idle
    // time, not a wait for the proxy; 6 s of margin below the idle timeout): still open.
    std::thread::sleep(Duration::from_millis(2_000));
    kept.write_all(b"GET /orders/3 HTTP/1.1\r\nHost: app\r\n\r\n").expect("write");
    assert!(read_response(&mut kept).starts_with("HTTP/1.1 200 OK"), "still open between requests");
    assert!(closed(&mut kept), "closed after the idle timeout");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st2", "--route", &format!("orders@127.0.0.1:0=http://{up}"), "--admin", "off"]);
    cmd.args(["--header-timeout", "0", "--idle-timeout", "0", "--max-connections", "2"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));
    let first = TcpStream::connect(&addr).expect("connect");
    let _second = TcpStream::connect(&addr).expect("connect");
    let mut third = TcpStream::connect(&addr).expect("connected: it waits in the backlog");
    third.write_all(b"GET /orders/4 HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n").expect("write");
    let warning = p.line("connection limit reached");
    assert!(warning.contains("WARN"), "{warning}");
    drop(first);
    third.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    assert!(read_response(&mut third).starts_with("HTTP/1.1 200 OK"), "served once a place is free");
}

/// The disk fills (a soft file size limit stands in for it), then has room again (the limit
/// is lifted from outside with `prlimit`): the store is reopened with backoff, what was recorded
/// meanwhile is written, health is ok again, and nothing recorded is lost.
#[cfg(target_os = "linux")]
#[test]
fn a_store_that_failed_recovers_when_the_disk_has_room_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream();
    let mut cmd = Command::new("sh");
    let script = format!(
        "trap '' XFSZ; ulimit -S -f 1; exec '{}' proxy --store st --route orders@127.0.0.1:0=http://{up} \
         --admin 127.0.0.1:0 --flush-interval 100ms",
        env!("CARGO_BIN_EXE_mockdrift")
    );
    cmd.args(["-c", &script]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route orders listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..20 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    let health = get_until(&admin, "/healthz", "degraded");
    assert!(health.contains("File too large"), "{health}");
    let ready = get(&admin, "/readyz");
    assert!(ready.starts_with("HTTP/1.1 200") && ready.contains("ready; degraded: the contract store"), "{ready}");
    let metrics = get(&admin, "/metrics");
    assert!(metric(&metrics, "mockdrift_unflushed_contracts") >= 1, "{metrics}");
    let pid = p.child.id().to_string();
    let lifted = Command::new("prlimit").args(["--pid", &pid, "--fsize=unlimited:"]).status().expect("prlimit");
    assert!(lifted.success());
    for i in 20..25 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    let health = get_until(&admin, "/healthz", "ok\n");
    assert!(health.ends_with("\r\n\r\nok\n"), "recovered: {health}");
    assert_eq!(metric(&get(&admin, "/metrics"), "mockdrift_unflushed_contracts"), 0);
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let export = mockdrift(d, &["contracts", "export", "--store", "st"]);
    assert!(export.stdout.contains("\"count\": 25,"), "every exchange, before and after: {}", export.stdout);
}

/// A store that cannot be opened at start (here its parent is a file, which fails for root
/// too, unlike a read-only mode): the proxy starts and forwards, says why in its log, on
/// `/healthz` and `/readyz`, keeps the contracts in memory and writes them once the store can
/// be opened. A store another mockdrift holds is still a startup error.
#[test]
fn a_proxy_whose_store_cannot_be_opened_starts_forwards_and_writes_it_later() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream();
    std::fs::write(d.join("volume"), "not a directory").expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "volume/st", "--route", &format!("orders@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms"]);
    let p = spawn(d, cmd);
    let err = p.line("Recording in memory");
    assert!(err.contains("ERROR") && err.contains("cannot be opened"), "{err}");
    let addr = listen_addr(&p.line("route orders listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..7 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    let health = get(&admin, "/healthz");
    assert!(
        health.starts_with("HTTP/1.1 200") && health.contains("degraded: the contract store cannot be opened"),
        "{health}"
    );
    assert!(get(&admin, "/readyz").contains("ready; degraded"));
    assert!(get_until(&admin, "/contracts", "\"count\": 7,").contains("\"count\": 7,"), "served from memory");
    // The volume appears.
    std::fs::remove_file(d.join("volume")).expect("rm");
    std::fs::create_dir(d.join("volume")).expect("mkdir");
    let health = get_until(&admin, "/healthz", "ok\n");
    assert!(health.ends_with("\r\n\r\nok\n"), "{health}");
    // Held by this proxy now: a second one on the same store does not start.
    let second = mockdrift(
        d,
        &["proxy", "--store", "volume/st", "--route", "x@127.0.0.1:0=http://127.0.0.1:9", "--admin", "off"],
    );
    assert_eq!(second.code, 2);
    assert!(second.stderr.contains("locked by another process"), "{}", second.stderr);
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let export = mockdrift(d, &["contracts", "export", "--store", "volume/st"]);
    assert!(export.stdout.contains("\"count\": 7,"), "{}", export.stdout);
}

const PLANTED_JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlUGxhbnRlZDEyMw";
const PLANTED_TOKEN: &str = "Zk3pQ9xLmN2vB7rT5yW8aC1dE4fG6hJ0";
const PLANTED_BOT: &str = "6510451795:AA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ";
const PLANTED: [&str; 8] = [
    PLANTED_JWT,
    PLANTED_TOKEN,
    "planted.person",
    "AKIAPLANTED1234567",
    "ASIAPLANTEDXYZ123456",
    "c2lnbmF0dXJl",
    PLANTED_BOT,
    // (Its secret part alone.)
    "AA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ",
];

/// Secrets planted in paths and bodies go through the proxy; none of them reaches the sled
/// directory's bytes, `/contracts`, a snapshot or OpenAPI export, regenerated mocks or the
/// names of the files `regen --new` writes.
#[test]
fn planted_secrets_reach_no_store_export_report_or_file_name() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let (p, addr, admin) = recording_proxy(d, "app", upstream_leaky(), "100ms");
    let paths = [
        format!("/v1/sessions/{PLANTED_JWT}/profile"),
        "/users/planted.person@corp.example/settings".to_owned(),
        format!("/reset/{PLANTED_TOKEN}/confirm"),
        "/keys/AKIAPLANTED1234567".to_owned(),
        "/keys/ASIAPLANTEDXYZ123456/rotate".to_owned(),
        "/orders/1".to_owned(),
        // Telegram's bot API: the token in the first segment, as sent and percent-encoded;
        // an email percent-encoded.
        format!("/bot{PLANTED_BOT}/getMe"),
        format!("/bot{}/getUpdates", PLANTED_BOT.replace(':', "%3A")),
        "/people/planted.person%40corp.example/settings".to_owned(),
        // A token inside a query value among other words (a link back after login).
        format!("/login?next=https%3A%2F%2Fapp.example%2Freset%2F{PLANTED_TOKEN}%2Fconfirm&lang=en"),
    ];
    for _ in 0..4 {
        for path in &paths {
            assert!(get(&addr, path).starts_with("HTTP/1.1 200 OK"), "{path}");
        }
    }
    let live = get_until(&admin, "/contracts", "\"count\": 4,");
    assert!(live.contains("/reset/"), "{live}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");

    let snapshot = mockdrift(d, &["contracts", "export", "--store", "st"]);
    let openapi = mockdrift(d, &["contracts", "export", "--store", "st", "--format", "openapi"]);
    assert!(snapshot.stdout.contains("/reset/{") && openapi.stdout.contains("\"openapi\""), "{}", snapshot.stdout);
    std::fs::create_dir(d.join("m")).expect("mkdir");
    std::fs::write(
        d.join("m/order.json"),
        r#"{"request": {"method": "GET", "url": "/orders/1"}, "response": {"status": 200, "jsonBody": {"id": 1}}}"#,
    )
    .expect("write");
    let mut written = String::new();
    for format in ["wiremock", "fixture", "har"] {
        let dir = format!("new-{format}");
        let run = mockdrift(
            d,
            &[
                "regen",
                "--contracts",
                "st",
                "--mocks",
                "app=m",
                "--new",
                &dir,
                "--new-format",
                format,
                "--values",
                "examples",
                "--write",
            ],
        );
        assert!(run.code <= 1, "{}{}", run.stdout, run.stderr);
        written.push_str(&run.stdout);
        for e in std::fs::read_dir(d.join(&dir)).unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr)) {
            let e = e.expect("entry");
            written.push_str(&e.file_name().to_string_lossy());
            written.push_str(&std::fs::read_to_string(e.path()).expect("read"));
        }
    }
    assert!(written.contains("reset"), "the new mocks were written: {written}");
    let store = String::from_utf8_lossy(&crate::support::all_bytes(&d.join("st"))).into_owned();
    for (what, text) in [
        ("snapshot", &snapshot.stdout),
        ("/contracts", &live),
        ("openapi", &openapi.stdout),
        ("regen", &written),
        ("store", &store),
    ] {
        for secret in PLANTED {
            assert!(
                !text.contains(secret),
                "{secret} in the {what}: {}",
                &text[text.find(secret).unwrap_or(0).saturating_sub(300)..][..400.min(text.len())]
            );
        }
    }
}

/// A refused upstream is a warning at the default log level (once per interval, not once per
/// request), and under `--log-format json` every line on stderr is a JSON log event, the
/// proxy's own status lines included.
#[test]
fn upstream_failures_are_warnings_and_json_logs_are_json_throughout() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let refused = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr")
    };
    for json in [false, true] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
        if json {
            cmd.args(["--log-format", "json"]);
        }
        cmd.args(["proxy", "--store", "st", "--route", &format!("app@127.0.0.1:0=http://{refused}")]);
        cmd.args(["--admin", "off"]);
        let p = spawn(tmp.path(), cmd);
        let listening = p.line("route app listening on");
        let addr = listen_addr(&listening);
        for _ in 0..3 {
            assert!(get(&addr, "/v1/orders/1").starts_with("HTTP/1.1 502"), "a refused upstream is a 502");
        }
        let warning = p.line("Upstream request failed");
        let (code, rest) = p.stop();
        assert_eq!(code, Some(0), "{rest}");
        assert_eq!(rest.matches("Upstream request failed").count(), 0, "one warning per interval: {rest}");
        if json {
            for line in std::iter::once(listening.as_str()).chain([warning.as_str()]).chain(rest.lines()) {
                let event: serde_json::Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
                assert!(event["level"].is_string() && event["fields"]["message"].is_string(), "{line}");
            }
            let w: serde_json::Value = serde_json::from_str(&warning).expect("json");
            assert_eq!(w["level"], "WARN");
            assert_eq!(w["fields"]["upstream"], refused.to_string());
            assert!(rest.contains("3 requests") && rest.contains("3 upstream errors"), "{rest}");
        } else {
            assert!(warning.contains("WARN") && warning.contains(&refused.to_string()), "{warning}");
            assert!(rest.contains("mockdrift proxy: stopped; 3 requests"), "{rest}");
        }
    }
}

/// `contracts list` and `show` read a running proxy (`--from URL`), and its `/contracts` is
/// as of now, not as of the last flush: right after traffic, with an hour to the next flush,
/// every exchange is there and a `diff` against the URL matches its mocks.
#[test]
fn a_running_proxy_s_contracts_are_read_as_of_now_by_list_show_and_diff() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_serving(|line| {
        let id: u64 =
            line.split('/').nth(3).and_then(|s| s.split(' ').next()).and_then(|s| s.parse().ok()).unwrap_or(0);
        ("200 OK", format!(r#"{{"id": {id}, "total": 10}}"#))
    });
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("shop@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "1h", "--stable-sample", "1"]);
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route shop listening on"));
    let admin = p.line("admin listening on").rsplit(' ').next().expect("addr").to_owned();
    for i in 0..7 {
        assert!(get(&addr, &format!("/orders/{}", 100 + i)).starts_with("HTTP/1.1 200"));
    }
    let url = format!("http://{admin}");
    let list = mockdrift(d, &["contracts", "list", "--from", &url, "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let rows: serde_json::Value = serde_json::from_str(&list.stdout).expect("a JSON array");
    assert_eq!(rows[0]["service"], "shop");
    assert_eq!(rows[0]["count"], 7, "every exchange, an hour before the next flush: {rows:#}");
    let show = mockdrift(d, &["contracts", "show", "GET", "/orders/5", "--from", &url, "--format", "json"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let one: serde_json::Value = serde_json::from_str(&show.stdout).expect("a snapshot");
    let contracts = one["contracts"].as_array().expect("contracts");
    assert_eq!(contracts.len(), 1, "{one:#}");
    let text = mockdrift(d, &["contracts", "show", "GET", "/orders/5", "--from", &url]);
    assert!(text.stdout.contains("7 responses"), "{}", text.stdout);
    std::fs::create_dir_all(d.join("mocks")).expect("mkdir");
    std::fs::write(
        d.join("mocks/order.json"),
        r#"{"request": {"method": "GET", "url": "/orders/1"}, "response": {"status": 200, "jsonBody": {"id": 1, "total": 10}}}"#,
    )
    .expect("write");
    let diff = mockdrift(d, &["diff", "--contracts", &url, "--mocks", "shop=mocks", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&diff.stdout).expect("a report");
    assert_eq!(report["summary"]["matched"], 1, "{report:#}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
}

/// The traffic rule through a real proxy: a slug recorded as a literal before any template was
/// learned stays one while the endpoints stop growing, and joins its parameter at the first
/// flush after the exchanges have doubled since the last relearn (read through `/contracts`,
/// which flushes on demand; flushes by time are an hour apart).
#[test]
fn a_literal_recorded_before_its_parameter_joins_it_once_the_proxy_s_traffic_has_doubled() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // A third of the categories have a discount; `cotton-oak-3` answers as category 1 (none).
    let up = upstream_serving(|line| {
        let path = request_path(line);
        let segs: Vec<&str> = path.trim_start_matches("/api/v1/").split('/').collect();
        let item = |i: i64| {
            let discount = if i % 3 == 0 { r#", "discount": {"percent": 10}"# } else { "" };
            format!(
                r#"{{"id": {i}, "name": "n", "category_ref": "c", "position": {i}, "price": 3, "currency": "EUR"{discount}}}"#
            )
        };
        let body = match segs.as_slice() {
            ["categories", _, "notes"] => r#"{"notes": ["a"], "category_id": 1, "count": 1}"#.to_owned(),
            ["categories", "cotton-oak-3"] => item(1),
            ["categories", v] => match v.parse::<i64>() {
                Ok(n) => item(n - 1000),
                Err(_) => item(v.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(1)),
            },
            [res] => format!(r#"{{"data": [], "{res}": true}}"#),
            _ => "{}".to_owned(),
        };
        ("200 OK", body)
    });
    let (p, addr, admin) = recording_proxy(d, "shop", up, "1h");
    let mut sent = 0;
    let mut send = |path: String| {
        assert!(get(&addr, &path).starts_with("HTTP/1.1 200"), "{path}");
        sent += 1;
        sent
    };
    let paths = |sent: u64| flushed_paths(d, &admin, "shop", sent);
    let slug = "/api/v1/categories/cotton-oak-3".to_owned();
    send(slug.clone());
    for i in 0..4 {
        send(format!("/api/v1/categories/{}", 1000 + i));
        send(format!("/api/v1/categories/{}/notes", 2000 + i));
    }
    let mut n = 0;
    for res in ["products", "orders", "carts", "coupons", "refunds", "returns"] {
        n = send(format!("/api/v1/{res}"));
    }
    // Nine endpoints at the first flush: the first relearn, with nothing yet showing the slug
    // is a value.
    let first = paths(n);
    assert!(first.contains(&slug), "{first:?}");
    assert!(first.iter().any(|p| p.starts_with("/api/v1/categories/{")), "{first:?}");
    // The same endpoints again, other slugs among them (they take the learned template): the
    // endpoints do not grow, the traffic does.
    let mut pair = |i: i64| {
        send(format!("/api/v1/categories/{}", 1000 + i));
        send(format!("/api/v1/categories/slim-red-{i}"))
    };
    for i in 10..15 {
        n = pair(i);
    }
    let before = paths(n);
    assert_eq!(n, 25);
    assert!(before.contains(&slug), "not yet twice the traffic of the last relearn: {before:?}");
    assert_eq!(before.len(), first.len(), "{before:?}");
    for i in 15..17 {
        n = pair(i);
    }
    let just_before = paths(n);
    assert_eq!(n, 29);
    assert!(just_before.contains(&slug), "one exchange short of twice the traffic: {just_before:?}");
    // Thirty exchanges: twice the fifteen of the first relearn.
    n = send("/api/v1/categories/1017".to_owned());
    let after = paths(n);
    assert!(!after.contains(&slug), "{after:?}");
    assert_eq!(after.len(), first.len() - 1, "{after:?}");
    // What the flush wrote is what the store holds after the proxy stopped.
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let stored = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(!stored.stdout.contains("cotton-oak-3"), "{}", stored.stdout);
}

/// A literal first seen after its parameter was learned (`/v1/customers/search` after forty
/// customers made `/v1/customers/{customer}`) is recorded into the parameter; what it answered
/// is kept with its path, and the next relearn (when the traffic has doubled) makes it an
/// endpoint of its own, where the searches after it are recorded.
#[test]
fn a_literal_recorded_into_a_learned_parameter_gets_its_own_endpoint_at_the_next_relearn() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_serving(|line| {
        let path = request_path(line);
        let body = if path == "/v1/customers/search" {
            r#"{"object": "search_result", "data": [{"id": 1, "name": "n"}], "has_more": false}"#.to_owned()
        } else {
            format!(r#"{{"id": {}, "name": "n", "email": "e", "balance": 3}}"#, path.len())
        };
        ("200 OK", body)
    });
    let (p, addr, admin) = recording_proxy(d, "shop", up, "1h");
    let mut send = counting_get(&addr);
    let first = ["ada", "alan", "grace", "edsger", "barbara"];
    let last = ["lovelace", "turing", "hopper", "liskov", "knuth", "ritchie", "hoare", "backus"];
    let mut n = 0;
    for (f, l) in first.iter().flat_map(|f| last.iter().map(move |l| (f, l))) {
        n = send(&format!("/v1/customers/{f}-{l}"));
    }
    assert_eq!(flushed_paths(d, &admin, "shop", n), ["/v1/customers/{customer}"]);
    let search = "/v1/customers/search";
    for _ in 0..3 {
        n = send(search);
    }
    assert_eq!(flushed_paths(d, &admin, "shop", n), ["/v1/customers/{customer}"], "taken in by the template");
    // Twice the forty exchanges of the first relearn: the next one.
    while n < 80 {
        n = send(&format!("/v1/customers/{}-{}", first[n as usize % 5], last[n as usize % 8]));
    }
    flushed_paths(d, &admin, "shop", n);
    n = send(search);
    assert_eq!(flushed_paths(d, &admin, "shop", n), [search, "/v1/customers/{customer}"]);
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
}

/// A client's owners, held as `{owner}` by the repositories' endpoints the proxy learned,
/// and then met literal under `/user/starred` (each owner's starred repository seen once):
/// at the relearn after them they are values there too (the build before kept the six starred
/// repositories literal, the owners being names met under two parents).
#[test]
fn owners_held_as_values_by_learned_endpoints_are_values_where_they_come_literal_later() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_serving(|line| {
        let path = request_path(line);
        let body = if path == "/user/starred" {
            r#"[{"id": 1, "name": "x", "full_name": "o/x", "private": false}]"#.to_owned()
        } else if path.ends_with("/pulls") {
            r#"[{"number": 1, "title": "t", "state": "open"}]"#.to_owned()
        } else if path.ends_with("/issues") {
            r#"[{"number": 2, "title": "t", "labels": []}]"#.to_owned()
        } else {
            format!(r#"{{"id": {}, "name": "x", "full_name": "o/x", "private": false}}"#, path.len())
        };
        ("200 OK", body)
    });
    let (p, addr, admin) = recording_proxy(d, "gh", up, "1h");
    let mut send = counting_get(&addr);
    let owners = ["acme-corp", "beta-labs", "cloud-nine", "delta-io", "echo-dev", "fox-hq"];
    let mut repos: Vec<String> = Vec::new();
    for o in owners {
        for r in ["spark", "tools", "docs"] {
            repos.extend(["", "/pulls", "/issues"].map(|b| format!("/repos/{o}/{r}{b}")));
        }
    }
    let mut n = 0;
    for r in &repos {
        n = send(r);
    }
    let learned = flushed_paths(d, &admin, "gh", n);
    assert!(learned.iter().any(|p| p == "/repos/{owner}/{repo}/pulls"), "{learned:?}");
    for (o, s) in owners.iter().zip(["hyper", "tokio", "serde", "rayon", "clap", "regex"]) {
        send(&format!("/user/starred/{o}/{s}"));
        n = send("/user/starred");
    }
    // Recorded literal (no learned template holds them), then the relearn of new endpoints.
    let paths = flushed_paths(d, &admin, "gh", n);
    assert!(paths.iter().any(|p| p == "/user/starred/{owner}/{starred}"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("acme-corp")), "{paths:?}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
}

/// An archive's index through the proxy (Debian's layout, on a real upstream): names made of
/// fixed text and a value (`binary-amd64/`, `Contents-amd64.gz`, `Contents-udeb-amd64.gz`,
/// `Translation-de.bz2`) are learned by the recorder's relearns as templates with the text
/// kept (`binary-{binary}`), every answer one generic shape.
#[test]
fn an_archive_s_names_beside_fixed_text_are_learned_by_the_proxy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let up = upstream_serving(|line| ("200 OK", format!(r#"{{"bytes": {}}}"#, request_path(line).len())));
    let (p, addr, admin) = recording_proxy(d, "apt", up, "1h");
    let mut send = counting_get(&addr);
    let mut n = 0;
    for suite in ["bookworm", "trixie", "sid"] {
        for comp in ["main", "contrib", "non-free"] {
            let at = format!("/debian/dists/{suite}/{comp}");
            for a in ["amd64", "arm64", "i386", "armhf"] {
                send(&format!("{at}/binary-{a}/Packages.xz"));
                send(&format!("{at}/binary-{a}/Release"));
                send(&format!("{at}/Contents-{a}.gz"));
                n = send(&format!("{at}/Contents-udeb-{a}.gz"));
            }
            for lang in ["en", "de", "fr", "ja", "pt_BR", "zh_CN", "es"] {
                n = send(&format!("{at}/i18n/Translation-{lang}.bz2"));
            }
        }
    }
    let bare = |t: &str| {
        let mut out = String::new();
        for part in t.split('{') {
            out.push_str(part.split_once('}').map_or(part, |(_, rest)| rest));
            out.push_str("{}");
        }
        out.truncate(out.len() - 2);
        out
    };
    let got: Vec<String> = flushed_paths(d, &admin, "apt", n).iter().map(|t| bare(t)).collect();
    for want in [
        "/debian/dists/{}/{}/binary-{}/Packages.xz",
        "/debian/dists/{}/{}/binary-{}/Release",
        "/debian/dists/{}/{}/Contents-{}.gz",
        "/debian/dists/{}/{}/Contents-udeb-{}.gz",
        "/debian/dists/{}/{}/i18n/Translation-{}.bz2",
    ] {
        assert!(got.iter().any(|g| g == want), "{want} not in {got:?}");
    }
    assert_eq!(got.len(), 5, "{got:?}");
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
    let stored = mockdrift(d, &["contracts", "list", "--store", "st"]);
    assert!(stored.stdout.contains("binary-{binary}"), "{}", stored.stdout);
}

/// The admin endpoints over TLS (`--admin-tls-cert`, `--admin-tls-key`): CI pulls the
/// contracts from `https://` with the token, verified against `--contracts-ca` (or
/// `MOCKDRIFT_CA_FILE`); an unknown CA is refused before the token is sent.
#[test]
fn the_admin_port_serves_tls_and_https_sources_are_verified() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let (ca, cert, key) = crate::test_pki::test_pki(d);
    let up = upstream_serving(|_| ("200 OK", r#"{"id": 1}"#.to_owned()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["proxy", "--store", "st", "--route", &format!("shop@127.0.0.1:0=http://{up}"), "--admin", "127.0.0.1:0"]);
    cmd.args(["--admin-tls-cert", &cert.display().to_string(), "--admin-tls-key", &key.display().to_string()]);
    cmd.env("MOCKDRIFT_ADMIN_TOKEN", "t0ken-for-ci");
    let p = spawn(d, cmd);
    let addr = listen_addr(&p.line("route shop listening on"));
    let admin = p.line("admin (TLS) listening on").rsplit(' ').next().expect("addr").to_owned();
    assert!(get(&addr, "/items/1").starts_with("HTTP/1.1 200"));
    let url = format!("https://localhost:{}", admin.rsplit(':').next().expect("port"));
    let pull = |extra: &[&str], ca_env: Option<&std::path::Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
        c.args(extra).args(["contracts", "export", "--from", &url]).current_dir(d);
        c.env("MOCKDRIFT_ADMIN_TOKEN", "t0ken-for-ci").env_remove("MOCKDRIFT_CA_FILE");
        if let Some(ca) = ca_env {
            c.env("MOCKDRIFT_CA_FILE", ca);
        }
        c.output().expect("runs")
    };
    let ca_flag = ca.display().to_string();
    for (how, out) in [("--contracts-ca", pull(&["--contracts-ca", &ca_flag], None)), ("env", pull(&[], Some(&ca)))] {
        assert_eq!(out.status.code(), Some(0), "{how}: {}", String::from_utf8_lossy(&out.stderr));
        let snap: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a snapshot");
        assert_eq!(snap["contracts"][0]["service"], "shop", "{how}");
    }
    let unknown = pull(&[], None);
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert_eq!(unknown.status.code(), Some(2), "{stderr}");
    assert!(stderr.to_lowercase().contains("certificate"), "{stderr}");
    assert!(!stderr.contains("t0ken-for-ci"), "{stderr}");
    // Plain HTTP to the TLS port gets no contracts.
    let plain = mockdrift(d, &["contracts", "export", "--from", &format!("http://{admin}")]);
    assert_eq!(plain.code, 2, "{}", plain.stdout);
    let (code, log) = p.stop();
    assert_eq!(code, Some(0), "{log}");
}

/// A webhook receiver on 127.0.0.1:0: each POST's body, in order, on the channel.
fn webhook_receiver() -> (std::net::SocketAddr, std::sync::mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut r = BufReader::new(stream.try_clone().expect("clone"));
            let (mut line, mut length) = (String::new(), 0usize);
            while r.read_line(&mut line).unwrap_or(0) > 0 && !line.trim().is_empty() {
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                line.clear();
            }
            let mut body = vec![0; length];
            if r.read_exact(&mut body).is_err() {
                continue;
            }
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
            let _ = tx.send(String::from_utf8_lossy(&body).into_owned());
        }
    });
    (addr, rx)
}

/// Live contract changes, through the binary: a real upstream drops a field mid-run; the
/// change arrives at `/changes` (behind the admin token), in `/metrics`, in the JSON log and
/// at a webhook, within the bound the docs state for sampling by count (one sampling period,
/// then 19 more responses); an endpoint that did not change gives none.
#[test]
fn a_field_the_upstream_stops_sending_is_a_change_at_changes_metrics_the_log_and_a_webhook() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    let changed = std::sync::Arc::new(AtomicBool::new(false));
    let upstream_changed = std::sync::Arc::clone(&changed);
    let up = upstream_serving(move |first| {
        let n: u64 =
            first.split('/').nth(2).and_then(|s| s.split(' ').next()).and_then(|s| s.parse().ok()).unwrap_or(0);
        let status = ["open", "closed"][(n % 2) as usize];
        let body = if first.contains("/users/") {
            serde_json::json!({"id": n, "name": format!("user {n}")})
        } else if upstream_changed.load(Ordering::SeqCst) {
            serde_json::json!({"id": n, "status": status})
        } else {
            serde_json::json!({"id": n, "status": status, "total": n * 100})
        };
        ("200 OK", body.to_string())
    });
    let (hook, posts) = webhook_receiver();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mockdrift"));
    cmd.args(["--log-format", "json", "proxy", "--store", "st", "--route", &format!("shop@127.0.0.1:0=http://{up}")]);
    cmd.args(["--admin", "127.0.0.1:0", "--flush-interval", "100ms", "--stable-sample", "0.125"]);
    // Sampling by count (one in 8 once settled), so the bound below is a count.
    cmd.args(["--stable-interval", "0"]);
    cmd.env("MOCKDRIFT_ADMIN_TOKEN", "s3cret-token");
    cmd.env("MOCKDRIFT_NOTIFY_URL", format!("http://{hook}/hooks/T000/B000/PLANTEDHOOKSECRET"));
    let p = spawn(d, cmd);
    let listening = p.line("route shop listening on");
    let event: serde_json::Value = serde_json::from_str(&listening).expect("json");
    let addr = listen_addr(event["fields"]["message"].as_str().expect("message"));
    let admin_line = p.line("admin listening on");
    let admin = admin_line.split("listening on ").nth(1).and_then(|r| r.split('"').next()).expect("admin").to_owned();
    let mut sent = 0;
    let mut send = |path: String| {
        assert!(get(&addr, &path).starts_with("HTTP/1.1 200 OK"));
        sent += 1;
        judged(&admin, "shop", sent);
    };
    // Both endpoints settle: 100 recorded responses each (16 at each of 1, 1/2, 1/4, then 1 in 8).
    for i in 0..600 {
        send(format!("/orders/{i}"));
        send(format!("/users/{i}"));
    }
    let none = get(&admin, "/changes?since=0");
    assert!(none.ends_with("{\"changes\":[],\"next\":0}\n"), "{none}");
    // The upstream stops sending `total`.
    changed.store(true, Ordering::SeqCst);
    let mut after = 0;
    let found = loop {
        send(format!("/orders/{}", 600 + after));
        send(format!("/users/{}", 600 + after));
        after += 1;
        let answer = get(&admin, "/changes?since=0");
        if answer.contains("field_gone") {
            break answer;
        }
        assert!(after < 27, "no change after {after} changed responses: {answer}");
    };
    // At most one in 8 goes by before the first is recorded; then every one is, to 20.
    assert!((20..=27).contains(&after), "found after {after}");
    let body = found.split("\r\n\r\n").nth(1).expect("a body");
    let list: serde_json::Value = serde_json::from_str(body).expect("JSON");
    let changes = list["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "the users endpoint did not change: {list:#}");
    let c = &changes[0];
    assert_eq!((c["id"].as_u64(), list["next"].as_u64()), (Some(1), Some(1)));
    assert_eq!(
        (&c["service"], &c["method"], &c["path"], &c["status"]),
        (&"shop".into(), &"GET".into(), &"/orders/{order_id}".into(), &200.into()),
        "{c}"
    );
    assert_eq!(
        (&c["kind"], &c["pointer"], &c["before"], &c["after"]),
        (&"field_gone".into(), &"/total".into(), &"integer".into(), &serde_json::Value::Null),
        "{c}"
    );
    assert_eq!((c["evidence"]["count"].as_u64(), c["evidence"]["of"].as_u64()), (Some(20), Some(20)), "{c}");
    assert!(get(&admin, "/changes?since=1").ends_with("{\"changes\":[],\"next\":1}\n"));
    assert!(get(&admin, "/changes?since=x").starts_with("HTTP/1.1 400"));
    // The same token as /contracts.
    let mut s = TcpStream::connect(&admin).expect("connect");
    write!(s, "GET /changes HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").expect("write");
    let mut anonymous = String::new();
    s.read_to_string(&mut anonymous).expect("read");
    assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");
    let metrics = get(&admin, "/metrics");
    assert_eq!(metric(&metrics, "mockdrift_contract_changes_total{service=\"shop\",kind=\"field_gone\"}"), 1);
    assert!(!metrics.contains("kind=\"field_new\""), "{metrics}");
    // The webhook: one POST with a Slack-style text and the change.
    let post: serde_json::Value =
        serde_json::from_str(&posts.recv_timeout(Duration::from_secs(30)).expect("a notification")).expect("JSON");
    assert!(
        post["text"].as_str().expect("text").contains("shop GET /orders/{order_id} 200: field_gone /total"),
        "{post}"
    );
    assert_eq!(post["changes"][0]["id"], 1);
    assert_eq!(metric(&get(&admin, "/metrics"), "mockdrift_change_notifications_total"), 1);
    // One JSON log event.
    let event: serde_json::Value = serde_json::from_str(&p.line("contract changed")).expect("a JSON log line");
    assert_eq!(
        (&event["level"], &event["fields"]["kind"], &event["fields"]["pointer"]),
        (&"WARN".into(), &"field_gone".into(), &"/total".into())
    );
    let (code, rest) = p.stop();
    assert_eq!(code, Some(0), "{rest}");
    assert!(!rest.contains("PLANTEDHOOKSECRET") && !listening.contains("PLANTEDHOOKSECRET"), "{rest}");
    assert!(
        !crate::support::all_bytes(d).windows(17).any(|w| w == b"PLANTEDHOOKSECRET"),
        "the webhook URL reached disk"
    );
}

/// A webhook URL is a secret: `proxy --check` counts webhooks (config string or list, flag,
/// environment) and never shows one, and a URL that is not one is named by position only.
#[test]
fn webhook_urls_are_counted_never_shown() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    std::fs::write(
        d.join("one.toml"),
        "[proxy]\nroute = [{name = \"a\", listen = \"127.0.0.1:0\", upstream = \"http://127.0.0.1:9\"}]\nnotify_url = \"https://hooks.example/T0/PLANTEDSECRET1\"\n",
    )
    .expect("write");
    let run = crate::support::mockdrift_with(
        d,
        &["--config", "one.toml", "proxy", "--check"],
        &[("MOCKDRIFT_NOTIFY_URL", "https://hooks.example/T0/PLANTEDSECRET2")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("posted to 2 webhooks (URLs not shown)"), "{}", run.stdout);
    let bad = mockdrift(d, &["--config", "one.toml", "proxy", "--check", "--notify-url", "ftp://x/PLANTEDSECRET3"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("--notify-url #1"), "{}", bad.stderr);
    for out in [&run.stdout, &run.stderr, &bad.stdout, &bad.stderr] {
        assert!(!out.contains("PLANTEDSECRET"), "{out}");
    }
}
