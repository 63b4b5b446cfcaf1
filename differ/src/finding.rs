//! Findings: what the differ reports, and the JSON report (version 1).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

pub use crate::kind::{Kind, Severity};

/// What production did at the finding's place.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// How often production had it (e.g. objects with the field).
    pub count: u64,
    /// Out of how many.
    pub of: u64,
    /// `count / of`.
    pub ratio: f64,
    /// First seen (RFC 3339).
    pub first_seen: Option<String>,
    /// Last seen (RFC 3339).
    pub last_seen: Option<String>,
    /// JSON types production sent here.
    pub types: Vec<String>,
    /// String formats production's values all had.
    pub formats: Vec<String>,
    /// A redacted production value from a recorded example.
    pub example: Option<Value>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Kind.
    pub kind: Kind,
    /// Severity.
    pub severity: Severity,
    /// Recorded service, when known.
    pub service: Option<String>,
    /// Request method, when known.
    pub method: Option<String>,
    /// The endpoint's path template (or the mock's URL when unmatched).
    pub path: Option<String>,
    /// Response status, when known.
    pub status: Option<u16>,
    /// The mock file, relative to the working directory with `/` separators ("" for coverage
    /// findings about production behaviour no mock has).
    pub file: String,
    /// Line of the offending value (0 when there is no file).
    pub line: usize,
    /// RFC 6901 pointer into the response body ("" for the whole exchange).
    pub pointer: String,
    /// One sentence: what the mock says, what production says, how often.
    pub message: String,
    /// The mock's value at the pointer, or null.
    pub mock: Value,
    /// Whether the mock has a value at the pointer.
    pub mock_present: bool,
    /// Production's evidence, when there is some.
    pub production: Option<Evidence>,
    /// Stable identity for baselines: kind, service, method, template, status, file, pointer.
    pub fingerprint: String,
    /// Accepted in a baseline.
    pub suppressed: bool,
    /// The mock's name (WireMock name/id, Pact description).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mock_name: Option<String>,
    /// The mock it is about: its index in [`Report::mocks`] (none for coverage findings and
    /// files that could not be read).
    #[serde(skip)]
    pub mock_index: Option<usize>,
    /// For `endpoint_never_seen`: a route template that would join the mock's path to a
    /// recorded endpoint (give it with `--route`, or in `routes = [...]` in mockdrift.toml).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_route: Option<String>,
}

/// The report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Report format version.
    pub version: u32,
    /// Findings sorted by file, line, kind, pointer.
    pub findings: Vec<Finding>,
    /// Totals.
    pub summary: Summary,
    /// Every mock read (for per-mock reports such as JUnit).
    #[serde(skip)]
    pub mocks: Vec<MockRef>,
    /// For each compared mock with drift: its body beside one built from production's shape.
    #[serde(skip)]
    pub bodies: Vec<BodyDiff>,
    /// Body edits that would fix the body findings, for [`crate::regen::plan`].
    #[serde(skip)]
    pub edits: Vec<crate::edit::Edit>,
}

/// A mock body beside a body built from production's shape, with the JSON Schema verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyDiff {
    /// The file holding the body, as in findings.
    pub file: String,
    /// The mock's name.
    pub name: String,
    /// Unified diff, mock (`-`) to production (`+`).
    pub diff: String,
    /// What the production JSON Schema says of the mock body (empty: valid).
    pub schema_errors: Vec<String>,
}

/// A mock that was read: where and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockRef {
    /// The file, as in findings.
    pub file: String,
    /// The mock's name.
    pub name: String,
    /// The recorded service it is about: the one it matched, else the one it names.
    pub service: Option<String>,
    /// It matched an endpoint with traffic within `--stale-after` and at least
    /// `--min-samples` responses: production can confirm it (when no finding says otherwise).
    pub evidenced: bool,
}

/// Mock fidelity (`summary.fidelity`): the share of mocks production confirms, and the
/// share of production requests whose endpoint some mock covers; overall and per service.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fidelity {
    /// Over every service.
    #[serde(flatten)]
    pub overall: FidelityCounts,
    /// Per recorded service the mocks are about (mocks naming no known service under
    /// `(unknown)`).
    pub by_service: BTreeMap<String, FidelityCounts>,
}

/// The counts behind one fidelity figure.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FidelityCounts {
    /// Mocks read.
    pub mocks: usize,
    /// Matched an endpoint with traffic within `--stale-after` and enough samples, and have
    /// no error or warning finding (suppressed ones count: a baseline accepts drift, it
    /// does not make the mock true).
    pub confirmed: usize,
    /// Have an error or warning finding.
    pub stale: usize,
    /// Neither: no traffic, too little, or no matching endpoint with a verdict.
    pub unverified: usize,
    /// confirmed / mocks (0 without mocks).
    pub fidelity: f64,
    /// Production requests whose endpoint has at least one mock, over all production
    /// requests of the service (0 without requests).
    pub coverage: f64,
    /// Production requests recorded.
    #[serde(skip)]
    pub requests: u64,
    /// Of those, requests to an endpoint some mock matched.
    #[serde(skip)]
    pub covered_requests: u64,
}

impl FidelityCounts {
    fn ratios(&mut self) {
        let ratio = |a: f64, b: f64| if b > 0.0 { ((a / b) * 10_000.0).round() / 10_000.0 } else { 0.0 };
        self.fidelity = ratio(self.confirmed as f64, self.mocks as f64);
        self.coverage = ratio(self.covered_requests as f64, self.requests as f64);
    }
}

/// The service name mocks about no known service are counted under.
pub const UNKNOWN_SERVICE: &str = "(unknown)";

/// Totals of a report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Mock files read.
    pub files: usize,
    /// Mocks read.
    pub mocks: usize,
    /// Mocks matched to a recorded endpoint.
    pub matched: usize,
    /// Mocks whose body was compared.
    pub compared: usize,
    /// Findings left out by ignore rules.
    pub ignored: usize,
    /// Compared mock bodies that the production JSON Schema rejects.
    pub schema_invalid: usize,
    /// Findings per kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Findings per severity (suppressed ones excluded).
    pub by_severity: BTreeMap<String, usize>,
    /// Mock fidelity and coverage.
    pub fidelity: Fidelity,
}

impl Report {
    /// Whether any unsuppressed finding is at or above `gate`.
    pub fn fails(&self, gate: Option<Severity>) -> bool {
        gate.is_some_and(|g| self.findings.iter().any(|f| !f.suppressed && f.severity >= g))
    }

    /// The JSON report (version 1), pretty and newline-terminated.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("reports serialize");
        s.push('\n');
        s
    }
}

/// RFC 6901 pointer from path segments.
pub(crate) fn pointer(segments: &[String]) -> String {
    segments.iter().map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1"))).collect()
}

/// Recomputes the summary's counts from the findings (suppressed ones are not counted by
/// severity).
pub(crate) fn recount(r: &mut Report) {
    r.summary.by_kind.clear();
    r.summary.by_severity.clear();
    let mut stale = vec![false; r.mocks.len()];
    for f in &r.findings {
        *r.summary.by_kind.entry(f.kind.name().to_owned()).or_default() += 1;
        if !f.suppressed {
            *r.summary.by_severity.entry(f.severity.name().to_owned()).or_default() += 1;
        }
        if let Some(i) = f.mock_index
            && f.severity >= Severity::Warning
            && let Some(s) = stale.get_mut(i)
        {
            *s = true;
        }
    }
    let fidelity = &mut r.summary.fidelity;
    for c in fidelity.by_service.values_mut() {
        (c.mocks, c.confirmed, c.stale, c.unverified) = (0, 0, 0, 0);
    }
    for (m, stale) in r.mocks.iter().zip(stale) {
        let service = m.service.as_deref().unwrap_or(UNKNOWN_SERVICE);
        let c = fidelity.by_service.entry(service.to_owned()).or_default();
        c.mocks += 1;
        match (stale, m.evidenced) {
            (true, _) => c.stale += 1,
            (false, true) => c.confirmed += 1,
            (false, false) => c.unverified += 1,
        }
    }
    let mut overall = FidelityCounts::default();
    for c in fidelity.by_service.values_mut() {
        c.ratios();
        overall.mocks += c.mocks;
        overall.confirmed += c.confirmed;
        overall.stale += c.stale;
        overall.unverified += c.unverified;
        overall.requests += c.requests;
        overall.covered_requests += c.covered_requests;
    }
    overall.ratios();
    fidelity.overall = overall;
}
