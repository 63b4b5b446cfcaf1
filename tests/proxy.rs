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
    let addr = first.split("listening on ").nth(1).and_then(|r| r.split(',').next()).expect(&first).to_owned();
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
    let addr = first.split("listening on ").nth(1).and_then(|r| r.split(',').next()).expect(&first).to_owned();
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
