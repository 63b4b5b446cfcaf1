//! Helpers for the e2e tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The result of running the binary.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `mockdrift` with `args` in `dir`.
pub(crate) fn mockdrift(dir: &Path, args: &[&str]) -> Run {
    mockdrift_with::<&str, &str>(dir, args, &[])
}

/// Runs `mockdrift` with `args` in `dir`, with `env` added to its environment.
pub(crate) fn mockdrift_with<K: AsRef<std::ffi::OsStr>, V: AsRef<std::ffi::OsStr>>(
    dir: &Path,
    args: &[&str],
    env: &[(K, V)],
) -> Run {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(args)
        .current_dir(dir)
        .env_remove("MOCKDRIFT_LOG")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("the binary runs");
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus: `MOCKDRIFT_CORPUS`, else `../shared/corpus` beside the checkout.
/// Missing: a failure under CI (`CI` set), a skip (None) elsewhere.
pub(crate) fn corpus() -> Option<PathBuf> {
    let p = std::env::var_os("MOCKDRIFT_CORPUS").map(PathBuf::from).unwrap_or_else(|| repo().join("../shared/corpus"));
    if p.is_dir() {
        return Some(p);
    }
    assert!(std::env::var_os("CI").is_none(), "CI is set but the corpus is missing at {}", p.display());
    eprintln!("corpus not found at {}; skipping", p.display());
    None
}

/// Every byte of every file under `dir`.
pub(crate) fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(all_bytes(&p));
        } else {
            out.extend(std::fs::read(&p).expect("read"));
        }
    }
    out
}

/// A number from the proxy's stop line, by what follows it: `stopped(log, "recorded")` reads
/// "…, 30 recorded, …".
pub(crate) fn stopped(log: &str, what: &str) -> u64 {
    let line = log.lines().find(|l| l.contains("mockdrift proxy: stopped;")).unwrap_or_else(|| panic!("{log}"));
    let before = line.split(&format!(" {what}")).next().unwrap_or_else(|| panic!("{what}: {line}"));
    let n = before.rsplit([' ', ';']).next().unwrap_or_default();
    n.parse().unwrap_or_else(|_| panic!("{what}: {line}"))
}

/// Runs `mockdrift` with `args` in `dir`, its standard output a pipe already closed (as
/// `| head -0` leaves it): the exit code and standard error.
pub(crate) fn mockdrift_into_closed_pipe(dir: &Path, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let Output { status, stderr, .. } = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(args)
        .current_dir(dir)
        .env_remove("MOCKDRIFT_LOG")
        .stdout(writer)
        .output()
        .expect("the binary runs");
    (status.code().expect("exited, not killed"), String::from_utf8_lossy(&stderr).into_owned())
}

/// A real S3 API on loopback: moto's server (`moto[server]` from PyPI), killed when dropped.
pub(crate) struct S3 {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`.
    pub(crate) endpoint: String,
}

impl S3 {
    /// Starts moto's server on 127.0.0.1 (`port` 0: any free port).
    pub(crate) fn start(port: u16) -> S3 {
        use std::io::BufRead as _;
        let mut child = Command::new(moto_server())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("moto_server starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://127.0.0.1:") {
                    let _ = tx.send(line[at..].split_whitespace().next().unwrap_or_default().to_owned());
                }
            }
        });
        let endpoint = rx.recv_timeout(std::time::Duration::from_secs(60)).expect("moto_server says where it listens");
        S3 { child, endpoint }
    }

    /// The port it listens on.
    pub(crate) fn port(&self) -> u16 {
        self.endpoint.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port")
    }

    /// Creates a bucket (moto takes any credentials).
    pub(crate) fn bucket(&self, name: &str) {
        use std::io::{Read as _, Write as _};
        let mut s = std::net::TcpStream::connect(self.endpoint.trim_start_matches("http://")).expect("connect to moto");
        write!(s, "PUT /{name} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        assert!(out.starts_with("HTTP/1.1 200"), "creating bucket {name}: {out}");
    }

    /// The environment `mockdrift` reads its S3 settings from.
    pub(crate) fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID", "testing".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "planted-secret-key".to_owned()),
            ("AWS_REGION", "us-east-1".to_owned()),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
        ]
    }

    /// Stops the server (its buckets and objects are gone with it).
    pub(crate) fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `moto_server`: `MOCKDRIFT_MOTO_SERVER`, else the one in `target/moto-venv` (`.ci/run`
/// installs it), else installed there now from PyPI (once per test run).
fn moto_server() -> PathBuf {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    if let Some(p) = std::env::var_os("MOCKDRIFT_MOTO_SERVER") {
        return PathBuf::from(p);
    }
    let target = repo().join("target");
    let _one = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    let venv = target.join("moto-venv");
    let bin = venv.join("bin/moto_server");
    if !bin.is_file() {
        let ok = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "moto[server]>=5,<6"])
                .status()
                .is_ok_and(|s| s.success());
        assert!(ok && bin.is_file(), "installing moto[server] from PyPI into {} failed", venv.display());
    }
    bin
}
