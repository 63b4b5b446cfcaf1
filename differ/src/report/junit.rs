//! JUnit XML: one test case per mock, failed at or above the gate.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::finding::{Report, Severity};

pub(crate) fn xml(s: &str) -> String {
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
