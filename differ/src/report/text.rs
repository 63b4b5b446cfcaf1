//! The text report (the default): grouped by mock file, each finding with its evidence and a redacted body diff.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::finding::{BodyDiff, Report, Severity};

use super::group::{by_file, groups};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const INFO: Style = AnsiColor::Cyan.on_default();
const REMOVED: Style = AnsiColor::Red.on_default();
const ADDED: Style = AnsiColor::Green.on_default();
const HUNK: Style = AnsiColor::Cyan.on_default();
const TITLE: Style = Style::new().bold();

/// `n` and the word, in the plural unless `n` is 1 (`1 file`, `2 files`, `3 bodies`).
pub fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// `s` in `style` when `color` is on.
fn styled(s: &str, style: Style, color: bool) -> String {
    if color { format!("{style}{s}{style:#}") } else { s.to_owned() }
}

pub(crate) fn paint(s: &str, sev: Severity, color: bool) -> String {
    let style = match sev {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    };
    styled(s, style, color)
}

/// One line of a unified diff, coloured as `git diff` does when `color` is on: removed
/// lines red, added ones green, hunk heads cyan.
pub fn paint_diff_line(line: &str, color: bool) -> String {
    let style = match line.as_bytes().first() {
        Some(b'-') if !line.starts_with("---") => REMOVED,
        Some(b'+') if !line.starts_with("+++") => ADDED,
        Some(b'@') => HUNK,
        _ => Style::new(),
    };
    styled(line, style, color)
}

pub(crate) fn bodies_of(out: &mut String, bodies: &[&BodyDiff], color: bool) {
    for b in bodies {
        let _ = writeln!(out, "        body of {:?}, beside one built from production's shape:", b.name);
        for line in b.diff.lines() {
            let painted = paint_diff_line(line, color);
            let _ = writeln!(out, "          {painted}");
        }
        if !b.schema_errors.is_empty() {
            let _ = writeln!(out, "        production's JSON Schema rejects this body: {}", b.schema_errors.join("; "));
        }
    }
}

/// The human report: findings grouped by file, each with its evidence, and a summary line.
pub fn render_text(r: &Report, color: bool) -> String {
    let mut out = String::new();
    let mut bodies: BTreeMap<&str, Vec<&BodyDiff>> = BTreeMap::new();
    for b in &r.bodies {
        bodies.entry(b.file.as_str()).or_default().push(b);
    }
    for (i, fs) in by_file(r).enumerate() {
        let file = fs[0].file.as_str();
        if i > 0 {
            out.push('\n');
        }
        let title = if file.is_empty() { "(production behaviour no mock covers)" } else { file };
        let _ = writeln!(out, "{}", styled(title, TITLE, color));
        for g in groups(fs) {
            let f = g.first;
            let at = if f.line > 0 { format!("{}:", f.line) } else { String::new() };
            let sev = paint(&format!("{:<7}", f.severity.name()), f.severity, color);
            let endpoint = match (&f.method, &f.path, f.status) {
                (Some(m), Some(p), Some(s)) => format!(" [{m} {p} {s}]"),
                _ => String::new(),
            };
            let suppressed = if f.suppressed { " (suppressed by baseline)" } else { "" };
            let pointer = g.pointer();
            let _ = writeln!(
                out,
                "  {at:<5} {sev} {}{}{endpoint}{suppressed}",
                f.kind.name(),
                if pointer.is_empty() { String::new() } else { format!(" {pointer}") }
            );
            let _ = writeln!(out, "        {}", f.message);
            if let Some(spread) = g.spread() {
                let _ = writeln!(out, "        {spread}");
            }
            if let Some(ex) = f.production.as_ref().and_then(|p| p.example.as_ref()) {
                let mut shown = ex.to_string();
                if shown.len() > 120 {
                    let cut = (0..=117).rev().find(|&i| shown.is_char_boundary(i)).unwrap_or(0);
                    shown.truncate(cut);
                    shown.push_str("...");
                }
                let _ = writeln!(out, "        production example: {shown}");
            }
        }
        bodies_of(&mut out, bodies.get(file).map_or(&[][..], Vec::as_slice), color);
    }
    let count = |s: &str| r.summary.by_severity.get(s).copied().unwrap_or(0);
    if !r.findings.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}, {}, {} info in {} ({}, {} matched to recorded endpoints, {} compared)",
        plural(count("error"), "error"),
        plural(count("warning"), "warning"),
        count("info"),
        plural(r.summary.files, "file"),
        plural(r.summary.mocks, "mock"),
        r.summary.matched,
        plural(r.summary.compared, "body"),
    );
    out.push_str(&fidelity_block(r));
    out
}

/// The text report's fidelity block: overall, then one line per service.
fn fidelity_block(r: &Report) -> String {
    let f = &r.summary.fidelity;
    let mut out = format!("mock fidelity {}\n", super::fidelity::line(&f.overall));
    let width = f.by_service.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    for (service, c) in &f.by_service {
        let _ = writeln!(out, "  {service:width$}  {}", super::fidelity::line(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_the_singular_for_one() {
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(3, "body"), "3 bodies");
        assert_eq!(plural(1, "body"), "1 body");
    }

    #[test]
    fn diff_lines_are_coloured_as_git_colours_them_and_only_when_asked() {
        assert_eq!(paint_diff_line("-  \"amount\": 1", true), "\u{1b}[31m-  \"amount\": 1\u{1b}[0m");
        assert_eq!(paint_diff_line("+  \"risk\": 2", true), "\u{1b}[32m+  \"risk\": 2\u{1b}[0m");
        assert_eq!(paint_diff_line("@@ -1,3 +1,3 @@", true), "\u{1b}[36m@@ -1,3 +1,3 @@\u{1b}[0m");
        assert_eq!(paint_diff_line("--- mock", true), "--- mock");
        assert_eq!(paint_diff_line("   same", true), "   same");
        assert_eq!(paint_diff_line("-  \"amount\": 1", false), "-  \"amount\": 1");
        assert_eq!(paint("error", Severity::Error, true), "\u{1b}[1m\u{1b}[31merror\u{1b}[0m");
        assert_eq!(paint("error", Severity::Error, false), "error");
    }
}
