//! GitHub Actions workflow commands: one annotation per finding.

use std::fmt::Write as _;

use crate::finding::{Report, Severity};

pub(crate) fn gh_escape(s: &str, property: bool) -> String {
    let s = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property { s.replace(':', "%3A").replace(',', "%2C") } else { s }
}

/// GitHub Actions workflow commands: `::error file=...,line=...::message` per finding
/// (suppressed ones left out).
pub fn render_github(r: &Report) -> String {
    let mut out = String::new();
    for f in r.findings.iter().filter(|f| !f.suppressed) {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("title={}", gh_escape(&format!("mockdrift {}", f.kind.name()), true))];
        if !f.file.is_empty() {
            props.insert(0, format!("file={}", gh_escape(&f.file, true)));
            if f.line > 0 {
                props.insert(1, format!("line={}", f.line));
            }
        }
        let at = if f.pointer.is_empty() { String::new() } else { format!("{}: ", f.pointer) };
        let _ = writeln!(out, "::{cmd} {}::{}", props.join(","), gh_escape(&format!("{at}{}", f.message), false));
    }
    out
}
