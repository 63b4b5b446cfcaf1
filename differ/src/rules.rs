//! Team rules from `mockdrift.toml`: severities per finding kind, and ignore rules for
//! volatile fields.

use std::collections::BTreeMap;

use crate::finding::{Kind, Report, Severity};

/// One ignore rule: a finding matching every given field is left out of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreRule {
    /// Recorded service.
    pub service: Option<String>,
    /// Endpoint path template, as recorded (`/v1/charges/{charge_id}`).
    pub path: Option<String>,
    /// JSON pointer; a `*` segment matches any key or index (`/items/*/updated_at`).
    pub pointer: Option<String>,
    /// Finding kind (`format_mismatch`).
    pub kind: Option<Kind>,
}

/// Severity overrides and ignore rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Severity per kind, replacing the defaults.
    pub severities: BTreeMap<Kind, Severity>,
    /// Ignore rules.
    pub ignore: Vec<IgnoreRule>,
}

/// The kind with this report name (`missing_field`).
pub fn kind_from_name(name: &str) -> Option<Kind> {
    Kind::from_name(name)
}

/// The severity with this name (`error`, `warning`, `info`).
pub fn severity_from_name(name: &str) -> Option<Severity> {
    match name {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

fn pointer_matches(pattern: &str, pointer: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').collect();
    let q: Vec<&str> = pointer.split('/').collect();
    p.len() == q.len() && p.iter().zip(&q).all(|(a, b)| *a == "*" || a == b)
}

impl IgnoreRule {
    fn matches(&self, f: &crate::Finding) -> bool {
        self.service.as_ref().is_none_or(|s| f.service.as_ref() == Some(s))
            && self.path.as_ref().is_none_or(|p| f.path.as_ref() == Some(p))
            && self.pointer.as_ref().is_none_or(|p| pointer_matches(p, &f.pointer))
            && self.kind.is_none_or(|k| f.kind == k)
    }
}

impl Rules {
    /// Applies the severities (only where the finding still has its kind's default, so the
    /// `--min-samples` downgrade to info stands), then drops ignored findings, counting them.
    pub fn apply(&self, r: &mut Report) {
        for f in &mut r.findings {
            if let Some(s) = self.severities.get(&f.kind)
                && f.severity == f.kind.default_severity()
            {
                f.severity = *s;
            }
        }
        let before = r.findings.len();
        r.findings.retain(|f| !self.ignore.iter().any(|rule| rule.matches(f)));
        r.summary.ignored += before - r.findings.len();
        crate::finding::recount(r);
    }
}
