//! The Markdown report, for a pull request comment.

use std::fmt::Write as _;

use crate::finding::{FidelityCounts, Report};

use super::group::{by_file, groups};

pub(crate) fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown for a pull-request comment: a summary table, then the details folded per file.
pub fn render_markdown(r: &Report) -> String {
    let count = |s: &str| r.summary.by_severity.get(s).copied().unwrap_or(0);
    let mut out = String::from("## mockdrift: mocks vs production\n\n");
    let verdict = if count("error") > 0 {
        "Some mocks contradict what production returns."
    } else if count("warning") > 0 {
        "Some mocks may be stale."
    } else {
        "No drift found."
    };
    let _ = writeln!(out, "{verdict}\n");
    out.push_str("| errors | warnings | info | mock files | mocks | matched | compared |\n|---:|---:|---:|---:|---:|---:|---:|\n");
    let s = &r.summary;
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        count("error"),
        count("warning"),
        count("info"),
        s.files,
        s.mocks,
        s.matched,
        s.compared
    );
    out.push_str(&fidelity_table(r));
    if !s.by_kind.is_empty() {
        out.push_str("| finding | count |\n|---|---:|\n");
        for (k, n) in &s.by_kind {
            let _ = writeln!(out, "| `{k}` | {n} |");
        }
        out.push('\n');
    }
    for fs in by_file(r) {
        let file = fs[0].file.as_str();
        let title =
            if file.is_empty() { "production behaviour no mock covers".to_owned() } else { format!("`{file}`") };
        let _ = writeln!(out, "<details><summary>{title} ({} findings)</summary>\n", fs.len());
        out.push_str("| line | severity | finding | where | what |\n|---:|---|---|---|---|\n");
        for g in groups(fs) {
            let f = g.first;
            let place = match (&f.method, &f.path, f.status) {
                (Some(m), Some(p), Some(st)) => format!("`{m} {p} {st}` `{}`", g.pointer()),
                _ => String::new(),
            };
            let sup = if f.suppressed { " (baselined)" } else { "" };
            let what = match g.spread() {
                Some(spread) => format!("{} ({spread})", f.message),
                None => f.message.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | {}{sup} | `{}` | {} | {} |",
                f.line,
                f.severity.name(),
                f.kind.name(),
                md(&place),
                md(&what)
            );
        }
        out.push_str("\n</details>\n\n");
    }
    out
}

/// The Markdown report's fidelity table.
fn fidelity_table(r: &Report) -> String {
    let f = &r.summary.fidelity;
    let mut out = String::from(
        "| mock fidelity | confirmed | stale | unverified | mocks | coverage of production requests |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    let row = |name: &str, c: &FidelityCounts| {
        format!(
            "| {name} | {} ({}) | {} | {} | {} | {} of {} |\n",
            c.confirmed,
            super::fidelity::percent(c.confirmed as u64, c.mocks as u64),
            c.stale,
            c.unverified,
            c.mocks,
            super::fidelity::percent(c.covered_requests, c.requests),
            super::group::thousands(c.requests)
        )
    };
    for (service, c) in &f.by_service {
        out.push_str(&row(&format!("`{}`", md(service)), c));
    }
    out.push_str(&row("**all**", &f.overall));
    out.push('\n');
    out
}
