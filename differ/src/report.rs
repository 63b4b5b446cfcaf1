//! The text report and mock file discovery.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::finding::{Report, Severity};

/// Mock files under the given paths: files as given; directories walked recursively, in
/// sorted order, taking `.json`, `.har`, `.yml` and `.yaml` files and skipping hidden
/// directories, `node_modules`, `target` and WireMock `__files` (bodies, read through their
/// mappings).
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !(name.starts_with('.') || matches!(name, "node_modules" | "target" | "__files")) {
                walk(&p, out);
            }
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "har" | "yml" | "yaml")) {
            out.push(p);
        }
    }
}

fn paint(s: &str, sev: Severity, color: bool) -> String {
    if !color {
        return s.to_owned();
    }
    let code = match sev {
        Severity::Error => "31;1",
        Severity::Warning => "33;1",
        Severity::Info => "36",
    };
    format!("\x1b[{code}m{s}\x1b[0m")
}

/// The human report: findings grouped by file, each with its evidence, and a summary line.
pub fn render_text(r: &Report, color: bool) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for f in &r.findings {
        if current != Some(f.file.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            let title = if f.file.is_empty() { "(production behaviour no mock covers)" } else { &f.file };
            let _ = writeln!(out, "{}", if color { format!("\x1b[1m{title}\x1b[0m") } else { title.to_owned() });
            current = Some(f.file.as_str());
        }
        let at = if f.line > 0 { format!("{}:", f.line) } else { String::new() };
        let sev = paint(&format!("{:<7}", f.severity.name()), f.severity, color);
        let endpoint = match (&f.method, &f.path, f.status) {
            (Some(m), Some(p), Some(s)) => format!(" [{m} {p} {s}]"),
            _ => String::new(),
        };
        let suppressed = if f.suppressed { " (suppressed by baseline)" } else { "" };
        let _ = writeln!(
            out,
            "  {at:<5} {sev} {}{}{endpoint}{suppressed}",
            f.kind.name(),
            if f.pointer.is_empty() { String::new() } else { format!(" {}", f.pointer) }
        );
        let _ = writeln!(out, "        {}", f.message);
        if let Some(ex) = f.production.as_ref().and_then(|p| p.example.as_ref()) {
            let mut shown = ex.to_string();
            if shown.len() > 120 {
                shown.truncate(117);
                shown.push_str("...");
            }
            let _ = writeln!(out, "        production example: {shown}");
        }
    }
    let count = |s: &str| r.summary.by_severity.get(s).copied().unwrap_or(0);
    if !r.findings.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} errors, {} warnings, {} info in {} files ({} mocks, {} matched to recorded endpoints, {} bodies compared)",
        count("error"),
        count("warning"),
        count("info"),
        r.summary.files,
        r.summary.mocks,
        r.summary.matched,
        r.summary.compared
    );
    out
}
