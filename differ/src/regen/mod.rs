//! Regenerating mocks: the body edits [`crate::diff`] plans beside its findings, spliced into
//! each mock's own text.
//!
//! Nothing is re-serialised: each file is parsed again with byte offsets, and only the spans
//! that change are replaced (a member removed with its comma, a member appended in the
//! object's own indentation and separators, a value replaced in place). Bodies kept inside a
//! JSON string (WireMock `body`, HAR `text`) or in base64 are decoded, edited the same way and
//! encoded again. Length fields (`Content-Length`, HAR `size`/`bodySize`) that stated the old
//! body's length are updated.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mockdrift_contracts::EndpointKey;

pub use crate::edit::Edit;
use crate::finding::{Finding, Kind, Report, Severity};
use crate::mock::{Item, MockFormat};

mod doc;
mod mock_plan;
mod newmock;
mod splice;

use self::doc::Docs;
pub use self::mock_plan::Values;
use self::mock_plan::plan_mock;
pub use self::newmock::{NewMock, new_mock};
use self::splice::{MockPlan, Splice, apply};

/// A file regen would rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// The file.
    pub path: PathBuf,
    /// Its text now.
    pub before: String,
    /// Its text after the edits.
    pub after: String,
}

impl FileChange {
    /// A unified diff of the change, with `shown` as the file's name.
    pub fn unified_diff(&self, shown: &str) -> String {
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(&prefixed("a/", shown), &prefixed("b/", shown))
            .to_string()
    }
}

/// `a/path` as git shows it; absolute paths as they are.
fn prefixed(prefix: &str, shown: &str) -> String {
    if shown.starts_with('/') { shown.to_owned() } else { format!("{prefix}{shown}") }
}

/// A mock regen edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The mock file.
    pub file: PathBuf,
    /// The mock's name (for Pact, the interaction's description).
    pub name: String,
    /// Its format.
    pub format: MockFormat,
    /// How many fields are added, dropped and replaced.
    pub added: usize,
    /// Fields dropped.
    pub removed: usize,
    /// Values replaced.
    pub replaced: usize,
}

/// A finding regen does not fix, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Left {
    /// The finding.
    pub finding: Finding,
    /// Why regen leaves it.
    pub reason: String,
}

/// What regen would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Files to rewrite, in path order.
    pub changes: Vec<FileChange>,
    /// Mocks edited.
    pub fixed: Vec<Fixed>,
    /// Findings at warning or above that no edit fixes.
    pub left: Vec<Left>,
    /// Files regen would have edited but could not (each names the file and why).
    pub errors: Vec<String>,
}

/// Plans the edits for the findings of `report` (at warning or above, not suppressed) on the
/// mocks in `items` (the slice `report` was made from). Findings at warning or above that no
/// edit fixes are listed in [`Plan::left`] with the reason.
pub fn plan(report: &Report, items: &[Item], values: Values) -> Plan {
    let active: BTreeSet<String> =
        report.findings.iter().filter(|f| !f.suppressed && f.severity >= Severity::Warning).map(finding_key).collect();
    let mut per_mock: BTreeMap<usize, Vec<&Edit>> = BTreeMap::new();
    for e in &report.edits {
        if active.contains(&e.fingerprint) {
            per_mock.entry(e.mock).or_default().push(e);
        }
    }
    let mut docs = Docs::default();
    let mut why_not: BTreeMap<String, String> = BTreeMap::new();
    let mut plans: Vec<MockPlan> = Vec::new();
    for (idx, edits) in per_mock {
        let Some(Item::Mock(m)) = items.get(idx) else { continue };
        match plan_mock(m, idx, &edits, values, &mut docs) {
            Ok(p) => {
                for (fp, reason) in &p.skipped {
                    why_not.insert(fp.clone(), reason.clone());
                }
                plans.push(p);
            }
            Err(reason) => {
                for e in edits {
                    why_not.insert(e.fingerprint.clone(), reason.clone());
                }
            }
        }
    }
    // A body file several mocks share is edited only when they all want the same edit.
    let mut refs: BTreeMap<&Path, usize> = BTreeMap::new();
    for item in items {
        if let Item::Mock(m) = item
            && let Some(site) = &m.body_site
            && site.file != m.file
        {
            *refs.entry(site.file.as_path()).or_default() += 1;
        }
    }
    let mut shared_ok: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for (file, n) in &refs {
        if *n < 2 {
            continue;
        }
        let wanted: Vec<&Vec<Splice>> = plans.iter().filter_map(|p| p.splices.get(*file)).collect();
        let same = wanted.len() == *n && wanted.windows(2).all(|w| w[0] == w[1]);
        shared_ok.insert(file.to_path_buf(), same);
    }
    let mut by_file: BTreeMap<PathBuf, Vec<Splice>> = BTreeMap::new();
    let mut out = Plan::default();
    let mut fixed_fps: BTreeSet<String> = BTreeSet::new();
    let mut nulls: BTreeSet<(EndpointKey, String)> = BTreeSet::new();
    for p in plans {
        let Some(Item::Mock(m)) = items.get(p.mock) else { continue };
        if let Some((file, _)) = p.splices.iter().find(|(f, _)| shared_ok.get(*f) == Some(&false)) {
            let n = refs.get(file.as_path()).copied().unwrap_or(0);
            let reason = format!(
                "the body file {} is shared by {n} mocks that need different edits; left alone",
                file.display()
            );
            for fp in &p.fingerprints {
                why_not.insert(fp.clone(), reason.clone());
            }
            continue;
        }
        for (file, splices) in p.splices {
            let list = by_file.entry(file.clone()).or_default();
            if shared_ok.get(&file) == Some(&true) && !list.is_empty() {
                continue; // the same edits, already taken from another mock sharing the file
            }
            list.extend(splices);
        }
        fixed_fps.extend(p.fingerprints.iter().cloned());
        nulls.extend(p.nulls.iter().cloned());
        out.fixed.push(Fixed {
            file: m.file.clone(),
            name: m.name.clone(),
            format: m.format,
            added: p.added,
            removed: p.removed,
            replaced: p.replaced,
        });
    }
    for (path, mut splices) in by_file {
        let Some(doc) = docs.get(&path) else { continue };
        splices.sort_by_key(|s| (s.start, s.end));
        splices.dedup();
        if splices.windows(2).any(|w| w[0].end > w[1].start) {
            // Mocks' bodies do not overlap, so neither do their edits; if they ever did, the
            // file is left as it is rather than written broken.
            out.errors.push(format!("{}: edits of several mocks overlap; file left alone", path.display()));
            out.fixed.retain(|f| f.file != path);
            continue;
        }
        let after = apply(&doc.text, &splices);
        if after != doc.text {
            out.changes.push(FileChange { path, before: doc.text.clone(), after });
        }
    }
    for f in &report.findings {
        let key = finding_key(f);
        if f.suppressed || f.severity < Severity::Warning || fixed_fps.contains(&key) {
            continue;
        }
        let null_written = f.kind == Kind::UncoveredNull
            && nulls.iter().any(|(k, ptr)| {
                Some(&k.service) == f.service.as_ref()
                    && Some(&k.method) == f.method.as_ref()
                    && Some(&k.path) == f.path.as_ref()
                    && Some(k.status) == f.status
                    && *ptr == f.pointer
            });
        if null_written {
            continue; // a replaced value is now null: the null is covered
        }
        let reason = why_not.get(&key).cloned().unwrap_or_else(|| match f.kind {
            Kind::StatusNeverSeen | Kind::EndpointNeverSeen => {
                "the mock answers something production never did: delete it or change the request it matches".to_owned()
            }
            Kind::ContentTypeMismatch => "the media type differs: regen does not convert bodies".to_owned(),
            Kind::UncoveredNull => "add a mock that returns null here; regen does not add mocks to files".to_owned(),
            Kind::MockUnreadable => f.message.clone(),
            Kind::FormatMismatch => {
                "a Pact matcher expects something production does not send: change the consumer test".to_owned()
            }
            _ => "regen has no edit for this finding".to_owned(),
        });
        out.left.push(Left { finding: f.clone(), reason });
    }
    out
}

/// Which finding an edit fixes: its fingerprint and line (mocks of one endpoint in one file
/// share fingerprints, which leave lines out so that baselines survive edits).
pub(crate) fn finding_key(f: &Finding) -> String {
    format!("{}:{}", f.fingerprint, f.line)
}

#[cfg(test)]
mod tests;
