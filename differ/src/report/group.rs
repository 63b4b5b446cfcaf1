//! Findings grouped for people to read: by file, and those that differ only by array index as one line with the count.

use crate::finding::{Finding, Kind, Report, Severity};

/// Findings of one file that differ only by array index (`/data/0/legacy`,
/// `/data/1/legacy`, ...) and say the same: one line in the text and Markdown reports, with
/// the count. (An all-digit object key reads as an index too.) The
/// JSON and SARIF reports keep one finding per pointer.
pub(crate) struct Group<'a> {
    pub(crate) first: &'a Finding,
    pub(crate) last: &'a Finding,
    pub(crate) count: usize,
}

impl Group<'_> {
    /// The pointer shown: array indexes as `*` when the group has several findings.
    pub(crate) fn pointer(&self) -> String {
        if self.count > 1 { index_free(&self.first.pointer) } else { self.first.pointer.clone() }
    }

    /// What the group stands for, when it is several findings.
    pub(crate) fn spread(&self) -> Option<String> {
        (self.count > 1).then(|| {
            format!(
                "at {} array indexes: {} (line {}) to {} (line {})",
                thousands(self.count as u64),
                self.first.pointer,
                self.first.line,
                self.last.pointer,
                self.last.line
            )
        })
    }
}

/// A pointer with its all-digit segments (array indexes) as `*`.
pub(crate) fn index_free(pointer: &str) -> String {
    pointer
        .split('/')
        .map(|seg| if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) { "*" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

/// `12,345`.
pub(crate) fn thousands(n: u64) -> String {
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
pub(crate) type GroupKey<'a> = (Kind, Severity, bool, Option<&'a str>, Option<&'a str>, Option<u16>, &'a str, String);

/// One file's findings (consecutive in the report), grouped; groups in the order of their
/// first finding. Linear in the findings.
pub(crate) fn groups(fs: &[Finding]) -> Vec<Group<'_>> {
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
pub(crate) fn by_file(r: &Report) -> impl Iterator<Item = &[Finding]> {
    r.findings.chunk_by(|a, b| a.file == b.file)
}
