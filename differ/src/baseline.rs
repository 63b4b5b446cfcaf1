//! Baselines: findings a team has accepted, matched by fingerprint (never by line or count,
//! so they survive edits). Expired entries stop suppressing.

use serde::{Deserialize, Serialize};

use mockdrift_contracts::Ts;

use crate::finding::{Report, Severity};

/// The baseline file (version 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Accepted findings.
    pub accepted: Vec<Accepted>,
}

/// One accepted finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accepted {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Its kind (for people reading the file).
    pub kind: String,
    /// Its mock file.
    pub file: String,
    /// Its JSON pointer.
    #[serde(default)]
    pub pointer: String,
    /// Why it is accepted.
    #[serde(default)]
    pub reason: String,
    /// When the acceptance ends (`2026-12-31` or RFC 3339); none: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// A baseline that cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    /// Not JSON or not a baseline.
    #[error("not a valid baseline (line {line}): {reason}")]
    Invalid {
        /// Line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// From a newer mockdrift.
    #[error("baseline version {0} is newer than this binary (1)")]
    TooNew(u32),
    /// An `expires` that is not a date.
    #[error("baseline entry {fingerprint}: expires {value:?} is not a date (2026-12-31) or an RFC 3339 time")]
    BadExpiry {
        /// The entry.
        fingerprint: String,
        /// The value.
        value: String,
    },
}

fn parse_expiry(s: &str) -> Option<Ts> {
    Ts::parse(s).ok().or_else(|| Ts::parse(&format!("{s}T00:00:00Z")).ok())
}

impl Baseline {
    /// Reads a baseline, checking its version and dates.
    pub fn from_json(text: &str) -> Result<Baseline, BaselineError> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| BaselineError::Invalid { line: e.line(), reason: e.to_string() })?;
        if b.version > 1 {
            return Err(BaselineError::TooNew(b.version));
        }
        for a in &b.accepted {
            if let Some(e) = &a.expires {
                parse_expiry(e)
                    .ok_or_else(|| BaselineError::BadExpiry { fingerprint: a.fingerprint.clone(), value: e.clone() })?;
            }
        }
        Ok(b)
    }

    /// A baseline accepting every warning and error of a report.
    pub fn from_report(r: &Report, reason: &str) -> Baseline {
        let mut accepted: Vec<Accepted> = r
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| Accepted {
                fingerprint: f.fingerprint.clone(),
                kind: f.kind.name().to_owned(),
                file: f.file.clone(),
                pointer: f.pointer.clone(),
                reason: reason.to_owned(),
                expires: None,
            })
            .collect();
        accepted.sort_by(|a, b| (&a.file, &a.pointer, &a.fingerprint).cmp(&(&b.file, &b.pointer, &b.fingerprint)));
        accepted.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline { version: 1, accepted }
    }

    /// Pretty JSON, newline-terminated.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baselines serialize");
        s.push('\n');
        s
    }

    /// Marks accepted, unexpired findings as suppressed; an expired entry fails again and says
    /// so in the message.
    pub fn apply(&self, r: &mut Report, now: Ts) {
        for f in &mut r.findings {
            let Some(a) = self.accepted.iter().find(|a| a.fingerprint == f.fingerprint) else { continue };
            match a.expires.as_deref().and_then(parse_expiry) {
                Some(until) if until <= now => {
                    f.message.push_str(&format!(" (baseline acceptance expired on {})", until.date()));
                }
                _ => f.suppressed = true,
            }
        }
        crate::finding::recount(r);
    }
}
