//! Checking mocks against endpoint contracts: where every drift kind is decided.
//!
//! [`diff`] walks the mocks in order and builds one [`Report`]. The decisions live in four
//! places, one named function per kind, each with its unit tests beside it:
//!
//! | module | kinds |
//! |---|---|
//! | [`matching`] | `endpoint_never_seen` (and the `--route` it suggests), `unsupported` URL patterns |
//! | [`endpoint`] | `status_never_seen`, `content_type_mismatch`, `unverified`, `body_not_compared`, the `--min-samples` demotion |
//! | [`body`] | `type_mismatch`, `format_mismatch` (values and Pact matchers), `enum_value_unknown`, `unknown_field`, `missing_field`, `uncovered_null` candidates |
//! | [`coverage`] | `uncovered_endpoint`, `uncovered_status`, `uncovered_null`, `no_mocks_matched` |
//!
//! `mock_unreadable` and `unsupported` files come from the readers ([`crate::formats`]) as
//! notes and are only turned into findings here.

mod body;
mod coverage;
mod endpoint;
mod matching;
mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mockdrift_contracts::template::Route;
use mockdrift_contracts::{Contract, EndpointKey, Snapshot, Ts, stable_hash};
use serde_json::Value;

use crate::edit::Edit;
use crate::finding::{BodyDiff, Evidence, Finding, Kind, MockRef, Report, Summary, pointer};
use crate::mock::{Item, Mock};

use self::matching::Index;
pub use self::matching::apply_route_hints;

/// How to compare.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Contracts seen fewer times than this give info findings, not errors (`--min-samples`).
    pub min_samples: u64,
    /// Endpoints without traffic for this long are `unverified` (`--stale-after`).
    pub stale_after: std::time::Duration,
    /// The clock (`--now`), for reproducible reports.
    pub now: Ts,
    /// File paths in reports are relative to this directory.
    pub cwd: PathBuf,
    /// Route templates from an OpenAPI document (`--openapi`), used as hints like the
    /// templates mocks carry.
    pub routes: Vec<Route>,
}

impl Default for DiffOptions {
    fn default() -> Self {
        Self {
            min_samples: 20,
            stale_after: std::time::Duration::from_secs(14 * 86_400),
            now: Ts::now(),
            cwd: PathBuf::from("."),
            routes: Vec::new(),
        }
    }
}

/// One path segment in a body: a key or an index.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(crate::tree::Key),
    Index(usize),
}

/// A recorded endpoint: (service, method, template).
type Endpoint = (String, String, String);

/// Compares mocks with contracts and returns the report.
pub fn diff(snapshot: &Snapshot, items: &[Item], files: usize, opts: &DiffOptions) -> Report {
    let hinted = apply_route_hints(snapshot.clone(), items, &opts.routes, &mockdrift_contracts::Limits::default());
    diff_hinted(&hinted, items, files, opts)
}

/// [`diff`] on a snapshot that [`apply_route_hints`] gave (with `opts.routes`): a large
/// snapshot is not copied.
pub fn diff_hinted(snapshot: &Snapshot, items: &[Item], files: usize, opts: &DiffOptions) -> Report {
    let index = Index::new(snapshot);
    let mut d = Differ::new(snapshot, &index, opts, files);
    for (i, item) in items.iter().enumerate() {
        d.current = i;
        match item {
            Item::Mock(m) => d.mock(m),
            Item::Unreadable(n) => d.push_note(Kind::MockUnreadable, &n.file, n.line, n.reason.clone()),
            Item::Skipped(n) => d.push_note(Kind::Unsupported, &n.file, n.line, n.reason.clone()),
        }
    }
    d.coverage();
    d.finish()
}

/// One run of [`diff`]: the indexed snapshot, the findings so far, and what the mocks
/// covered (for the coverage kinds at the end).
struct Differ<'a> {
    snap: &'a Snapshot,
    index: &'a Index<'a>,
    opts: &'a DiffOptions,
    findings: Vec<Finding>,
    summary: Summary,
    mocked: BTreeSet<Endpoint>,
    covered: BTreeSet<EndpointKey>,
    services: BTreeSet<String>,
    null_in_mock: BTreeSet<(EndpointKey, String)>,
    null_candidates: BTreeMap<(EndpointKey, String), Finding>,
    mocks: Vec<MockRef>,
    bodies: Vec<BodyDiff>,
    /// One compiled validator of the production schema per contract (None: did not compile).
    validators: BTreeMap<EndpointKey, Option<schema::Schema>>,
    /// The index of the item being compared.
    current: usize,
    /// Body edits that would fix the findings, for regen.
    edits: Vec<Edit>,
}

/// The mock-specific parts of a finding.
struct Site<'m> {
    mock: &'m Mock,
    key: Option<&'m EndpointKey>,
}

impl<'a> Differ<'a> {
    fn new(snap: &'a Snapshot, index: &'a Index<'a>, opts: &'a DiffOptions, files: usize) -> Differ<'a> {
        Differ {
            snap,
            index,
            opts,
            findings: Vec::new(),
            summary: Summary { files, ..Summary::default() },
            mocked: BTreeSet::new(),
            covered: BTreeSet::new(),
            services: BTreeSet::new(),
            null_in_mock: BTreeSet::new(),
            null_candidates: BTreeMap::new(),
            mocks: Vec::new(),
            bodies: Vec::new(),
            validators: BTreeMap::new(),
            current: 0,
            edits: Vec::new(),
        }
    }

    fn rel(&self, p: &Path) -> String {
        let shown = p.strip_prefix(&self.opts.cwd).unwrap_or(p);
        let s = shown.to_string_lossy().replace('\\', "/");
        s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        kind: Kind,
        site: &Site<'_>,
        file: &Path,
        line: usize,
        segs: &[Seg],
        message: String,
        mock: Option<Value>,
        production: Option<Evidence>,
    ) -> Finding {
        let m = site.mock;
        let service = site.key.map(|k| k.service.clone()).or_else(|| m.service.clone());
        let method = site.key.map(|k| k.method.clone()).or_else(|| m.method.clone());
        let path = site.key.map(|k| k.path.clone()).unwrap_or_else(|| m.url.display());
        let file = self.rel(file);
        let ptr = seg_pointer(segs, false);
        Finding {
            kind,
            severity: kind.default_severity(),
            fingerprint: fingerprint(
                kind,
                service.as_deref(),
                method.as_deref(),
                Some(&path),
                Some(m.status),
                &file,
                &ptr,
            ),
            service,
            method,
            path: Some(path),
            status: Some(m.status),
            file,
            line,
            pointer: ptr,
            message,
            mock_present: mock.is_some(),
            mock: mock.unwrap_or(Value::Null),
            production,
            suppressed: false,
            mock_name: Some(m.name.clone()),
            mock_index: self.mocks.len().checked_sub(1),
            suggested_route: None,
        }
    }

    /// A finding about the mock as a whole (no body position, no production evidence).
    fn push_mock_finding(&mut self, kind: Kind, site: &Site<'_>, line: usize, message: String) {
        let f = self.finding(kind, site, &site.mock.file, line, &[], message, None, None);
        self.findings.push(f);
    }

    fn push_note(&mut self, kind: Kind, file: &Path, line: usize, reason: String) {
        let file = self.rel(file);
        let message = match kind {
            Kind::MockUnreadable => format!("cannot read this mock: {reason}"),
            _ => format!("skipped: {reason}"),
        };
        self.findings.push(bare(kind, file, line, message, &format!("{line}")));
    }

    fn finish(mut self) -> Report {
        self.findings.sort_by(|a, b| (&a.file, a.line, a.kind, &a.pointer).cmp(&(&b.file, b.line, b.kind, &b.pointer)));
        self.findings.dedup_by(|a, b| a.fingerprint == b.fingerprint && a.line == b.line);
        if let Some(message) = coverage::no_mocks_matched(&self.summary, self.snap) {
            self.findings.insert(0, bare(Kind::NoMocksMatched, String::new(), 0, message, ""));
        }
        let mut r = Report {
            version: 1,
            findings: self.findings,
            summary: self.summary,
            mocks: self.mocks,
            bodies: self.bodies,
            edits: self.edits,
        };
        crate::finding::recount(&mut r);
        r
    }
}

/// RFC 6901 pointer of body segments; with `any_index`, array indices become `*` (a place in
/// the endpoint's shape rather than in one body).
fn seg_pointer(segs: &[Seg], any_index: bool) -> String {
    let parts: Vec<String> = segs
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.to_string(),
            Seg::Index(_) if any_index => "*".to_owned(),
            Seg::Index(i) => i.to_string(),
        })
        .collect();
    pointer(&parts)
}

/// A finding about a file or about production as a whole, not about one mock's endpoint.
fn bare(kind: Kind, file: String, line: usize, message: String, fingerprint_at: &str) -> Finding {
    Finding {
        kind,
        severity: kind.default_severity(),
        service: None,
        method: None,
        path: None,
        status: None,
        fingerprint: fingerprint(kind, None, None, None, None, &file, fingerprint_at),
        file,
        line,
        pointer: String::new(),
        message,
        mock: Value::Null,
        mock_present: false,
        production: None,
        suppressed: false,
        mock_name: None,
        mock_index: None,
        suggested_route: None,
    }
}

fn fingerprint(
    kind: Kind,
    service: Option<&str>,
    method: Option<&str>,
    template: Option<&str>,
    status: Option<u16>,
    file: &str,
    ptr: &str,
) -> String {
    let text = format!(
        "{}\0{}\0{}\0{}\0{}\0{}\0{}",
        kind.name(),
        service.unwrap_or(""),
        method.unwrap_or(""),
        template.unwrap_or(""),
        status.map(|s| s.to_string()).unwrap_or_default(),
        file,
        ptr
    );
    format!("{:016x}", stable_hash(text.as_bytes()))
}

fn evidence_of(c: &Contract) -> Evidence {
    Evidence {
        count: c.count,
        of: c.count,
        ratio: 1.0,
        first_seen: Some(c.first_seen.to_rfc3339()),
        last_seen: Some(c.last_seen.to_rfc3339()),
        ..Evidence::default()
    }
}

/// Test helpers shared by the checkers' unit tests: contracts learned from real bodies
/// through the recorder, mocks and nodes parsed from text.
#[cfg(test)]
mod fixtures {
    use mockdrift_contracts::{Exchange, Limits, Message, Recorder, RecorderConfig, Redactor, Shape, Snapshot, Ts};

    use crate::tree::Node;

    pub(super) fn t(s: &str) -> Ts {
        Ts::parse(s).expect("valid time")
    }

    /// The shape learned from these bodies, one a second from 2026-11-20T10:00:00Z.
    pub(super) fn shape(bodies: &[&str]) -> Shape {
        let mut s = Shape::default();
        let start = t("2026-11-20T10:00:00Z");
        for (i, b) in bodies.iter().enumerate() {
            let at = Ts(start.0 + 1000 * i as i64);
            s.observe(b.as_bytes(), at, &Limits::default(), &Redactor::default()).expect("valid JSON");
        }
        s
    }

    pub(super) fn node(text: &str) -> Node {
        Node::parse(text.as_bytes(), 1).expect("valid JSON")
    }

    /// A snapshot of `GET path` answered with these (status, body) pairs.
    pub(super) fn snapshot(service: &str, answers: &[(&str, u16, &str)]) -> Snapshot {
        let (mut rec, _) = Recorder::new(RecorderConfig::default(), None).expect("in memory");
        for (path, status, body) in answers {
            rec.record(&Exchange {
                service: service.into(),
                method: "GET".into(),
                path: (*path).into(),
                query: String::new(),
                status: *status,
                time: t("2026-11-20T10:00:00Z"),
                duration_ms: 1.0,
                request: Message::default(),
                response: Message {
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: body.as_bytes().to_vec(),
                    truncated: false,
                },
            });
        }
        rec.snapshot()
    }

    /// The mocks of one WireMock mapping text.
    pub(super) fn wiremock(dir: &std::path::Path, name: &str, text: &str) -> Vec<crate::mock::Item> {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("temp dir writable");
        crate::formats::read_file(&file, None)
    }
}
