//! The text report and mock file discovery.

use std::fmt::Write as _;

use serde_json::{Value, json};

use std::collections::BTreeMap;

use crate::finding::{BodyDiff, Finding, Kind, Report, Severity};
use crate::kind::ALL_KINDS;

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

fn bodies_of(out: &mut String, bodies: &[&BodyDiff], color: bool) {
    for b in bodies {
        let _ = writeln!(out, "        body of {:?}, beside one built from production's shape:", b.name);
        for line in b.diff.lines() {
            let painted = match line.chars().next() {
                Some('-') if color && !line.starts_with("---") => format!("\x1b[31m{line}\x1b[0m"),
                Some('+') if color && !line.starts_with("+++") => format!("\x1b[32m{line}\x1b[0m"),
                _ => line.to_owned(),
            };
            let _ = writeln!(out, "          {painted}");
        }
        if !b.schema_errors.is_empty() {
            let _ = writeln!(out, "        production's JSON Schema rejects this body: {}", b.schema_errors.join("; "));
        }
    }
}

/// Findings of one file that differ only by array index (`/data/0/legacy`,
/// `/data/1/legacy`, ...) and say the same: one line in the text and Markdown reports, with
/// the count. (An all-digit object key reads as an index too.) The
/// JSON and SARIF reports keep one finding per pointer.
struct Group<'a> {
    first: &'a Finding,
    last: &'a Finding,
    count: usize,
}

impl Group<'_> {
    /// The pointer shown: array indexes as `*` when the group has several findings.
    fn pointer(&self) -> String {
        if self.count > 1 { index_free(&self.first.pointer) } else { self.first.pointer.clone() }
    }

    /// What the group stands for, when it is several findings.
    fn spread(&self) -> Option<String> {
        (self.count > 1).then(|| {
            format!(
                "at {} array indexes: {} (line {}) to {} (line {})",
                thousands(self.count),
                self.first.pointer,
                self.first.line,
                self.last.pointer,
                self.last.line
            )
        })
    }
}

/// A pointer with its all-digit segments (array indexes) as `*`.
fn index_free(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|seg| if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) { "*" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What findings of one group share: all but the array indexes of their pointer.
type GroupKey<'a> = (Kind, Severity, bool, Option<&'a str>, Option<&'a str>, Option<u16>, &'a str, String);

/// One file's findings (consecutive in the report), grouped; groups in the order of their
/// first finding. Linear in the findings.
fn groups(fs: &[Finding]) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    let mut at: std::collections::HashMap<GroupKey<'_>, usize> = std::collections::HashMap::new();
    for f in fs {
        let general = index_free(&f.pointer);
        if general == f.pointer {
            out.push(Group { first: f, last: f, count: 1 });
            continue;
        }
        let key = (
            f.kind,
            f.severity,
            f.suppressed,
            f.method.as_deref(),
            f.path.as_deref(),
            f.status,
            f.message.as_str(),
            general,
        );
        match at.get(&key) {
            Some(&i) => {
                out[i].last = f;
                out[i].count += 1;
            }
            None => {
                at.insert(key, out.len());
                out.push(Group { first: f, last: f, count: 1 });
            }
        }
    }
    out
}

/// The findings of each file, in report order (findings are sorted by file).
fn by_file(r: &Report) -> impl Iterator<Item = &[Finding]> {
    r.findings.chunk_by(|a, b| a.file == b.file)
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
        let _ = writeln!(out, "{}", if color { format!("\x1b[1m{title}\x1b[0m") } else { title.to_owned() });
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

fn pascal(kind: Kind) -> String {
    kind.name().split('_').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
}

/// SARIF 2.1.0: one rule per finding kind, results with line locations and
/// `partialFingerprints`; baselined findings carry an external suppression.
pub fn render_sarif(r: &Report, version: &str) -> String {
    let rules: Vec<Value> = ALL_KINDS
        .iter()
        .map(|k| {
            json!({
                "id": k.name(),
                "name": pascal(*k),
                "shortDescription": {"text": k.meaning()},
                "defaultConfiguration": {"level": sarif_level(k.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let mut res = json!({
                "ruleId": f.kind.name(),
                "ruleIndex": ALL_KINDS.iter().position(|k| *k == f.kind).unwrap_or(0),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "partialFingerprints": {"mockdriftFingerprint/v1": f.fingerprint},
                "properties": {
                    "service": f.service, "method": f.method, "path": f.path, "status": f.status,
                    "pointer": f.pointer, "mock": f.mock, "production": f.production,
                },
            });
            if !f.file.is_empty() {
                let mut loc =
                    json!({"physicalLocation": {"artifactLocation": {"uri": f.file, "uriBaseId": "%SRCROOT%"}}});
                if f.line > 0 {
                    loc["physicalLocation"]["region"] = json!({"startLine": f.line});
                }
                res["locations"] = json!([loc]);
            }
            if f.suppressed {
                res["suppressions"] =
                    json!([{"kind": "external", "justification": "accepted in the mockdrift baseline"}]);
            }
            res
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mockdrift",
                "version": version,
                "informationUri": "https://github.com/mockdrift/mockdrift",
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// JUnit XML: one test case per mock (and one per file that yields no mock); a case fails
/// on findings at or above the gate.
pub fn render_junit(r: &Report, gate: Option<Severity>) -> String {
    let mut cases: BTreeMap<(String, String), Vec<&crate::Finding>> = BTreeMap::new();
    for m in &r.mocks {
        cases.entry((m.file.clone(), m.name.clone())).or_default();
    }
    for f in &r.findings {
        let name = f
            .mock_name
            .clone()
            .unwrap_or_else(|| if f.file.is_empty() { "production coverage".to_owned() } else { "file".to_owned() });
        let file = if f.file.is_empty() { "(production)".to_owned() } else { f.file.clone() };
        cases.entry((file, name)).or_default().push(f);
    }
    let failing =
        |fs: &[&crate::Finding]| fs.iter().filter(|f| !f.suppressed && gate.is_some_and(|g| f.severity >= g)).count();
    let failures: usize = cases.values().filter(|fs| failing(fs) > 0).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"mockdrift\" tests=\"{}\" failures=\"{failures}\">", cases.len());
    let _ = writeln!(out, "  <testsuite name=\"mockdrift diff\" tests=\"{}\" failures=\"{failures}\">", cases.len());
    for ((file, name), fs) in &cases {
        let _ = write!(out, "    <testcase classname=\"{}\" name=\"{}\"", xml(file), xml(name));
        if fs.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let bad: Vec<&&crate::Finding> =
            fs.iter().filter(|f| !f.suppressed && gate.is_some_and(|g| f.severity >= g)).collect();
        if let Some(first) = bad.first() {
            let body: Vec<String> = bad
                .iter()
                .map(|f| format!("{}:{} {} {} {}", f.file, f.line, f.kind.name(), f.pointer, f.message))
                .collect();
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                first.kind.name(),
                xml(&first.message),
                xml(&body.join("\n"))
            );
        }
        let others: Vec<String> = fs
            .iter()
            .filter(|f| f.suppressed || gate.is_none_or(|g| f.severity < g))
            .map(|f| format!("{} {} {} {}", f.severity.name(), f.kind.name(), f.pointer, f.message))
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml(&others.join("\n")));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn md(s: &str) -> String {
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

fn gh_escape(s: &str, property: bool) -> String {
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
