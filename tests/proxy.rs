//! `mockdrift proxy` as a real child process: traffic through it, SIGTERM, contracts flushed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::mockdrift;

/// A one-response-per-connection HTTP/1.1 upstream on 127.0.0.1:0, in a thread.
fn upstream() -> std::net::SocketAddr {
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
            let body = format!("{{\"id\": {i}, \"status\": \"{}\"}}", ["open", "closed"][i % 2]);
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
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-KILL", &self.0.to_string()]).status();
    }
}

/// The address in the proxy's "route NAME listening on http[s]://ADDR, forwarding to ..." line.
fn listen_addr(line: &str) -> String {
    let url = line.split("listening on ").nth(1).and_then(|r| r.split(',').next()).expect(line);
    url.split("://").nth(1).expect(line).to_owned()
}

fn get(addr: &str, path: &str) -> String {
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
    // While the proxy holds the store, CI pulls the contracts through the admin endpoint.
    let locked = mockdrift(tmp.path(), &["contracts", "list", "--store", "st"]);
    assert!(locked.stderr.contains("locked by another process"), "{}", locked.stderr);
    let mut pulled = String::new();
    for _ in 0..50 {
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
    assert!(log.contains("25 requests, 25 recorded, 0 dropped"), "{log}");

    // The flush on shutdown wrote the contracts; no credential reached the store.
    let list = mockdrift(tmp.path(), &["contracts", "list", "--store", "st"]);
    assert!(
        list.stdout.contains("orders") && list.stdout.contains("/orders/{order_id}") && list.stdout.contains("25"),
        "{}",
        list.stdout
    );
    let store = crate::support::all_bytes(&tmp.path().join("st"));
    assert!(!String::from_utf8_lossy(&store).contains("s3cret-token"));
}

#[test]
fn kill_9_loses_at_most_the_last_interval_and_the_store_reopens() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let up = upstream();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["proxy", "--store", "st", "--route", &format!("orders@127.0.0.1:0=http://{up}")])
        .args(["--flush-interval", "200ms", "--admin", "off"])
        .current_dir(tmp.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let guard = KillOnDrop(child.id());
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let addr = listen_addr(&first);
    for i in 0..10 {
        assert!(get(&addr, &format!("/orders/{i}")).starts_with("HTTP/1.1 200 OK"));
    }
    // Several flush intervals pass, then more traffic, then SIGKILL mid-interval.
    std::thread::sleep(Duration::from_millis(1000));
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
struct Child {
    child: std::process::Child,
    _guard: KillOnDrop,
    lines: std::sync::mpsc::Receiver<String>,
}

fn spawn_proxy(dir: &std::path::Path, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .arg("proxy")
        .args(args)
        .args(["--admin", "off", "--flush-interval", "200ms"])
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let guard = KillOnDrop(child.id());
    let (tx, lines) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = lines.recv_timeout(Duration::from_secs(20)).expect("the proxy starts");
    assert!(first.contains("listening on https://"), "{first}");
    let addr = listen_addr(&first);
    (Child { child, _guard: guard, lines }, addr)
}

#[test]
fn tls_on_both_sides_through_the_binary_with_curl_as_the_client() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    // A test CA and a certificate it signed for localhost, made here.
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    // Distinct names: OpenSSL takes a leaf named like its issuer for a self-signed one.
    ca_params.distinguished_name.push(rcgen::DnType::CommonName, "mockdrift test CA");
    let ca = ca_params.self_signed(&ca_key).expect("ca");
    let key = rcgen::KeyPair::generate().expect("key");
    let mut leaf = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
    leaf.distinguished_name.push(rcgen::DnType::CommonName, "localhost");
    let cert = leaf.signed_by(&key, &ca, &ca_key).expect("leaf");
    std::fs::write(d.join("ca.pem"), ca.pem()).expect("write");
    std::fs::write(d.join("cert.pem"), cert.pem()).expect("write");
    std::fs::write(d.join("key.pem"), key.serialize_pem()).expect("write");

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
        assert!(rest.iter().any(|l| l.contains("3 requests, 3 recorded")), "{rest:#?}");
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
