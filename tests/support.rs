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
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(args)
        .current_dir(dir)
        .env_remove("MOCKDRIFT_LOG")
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
