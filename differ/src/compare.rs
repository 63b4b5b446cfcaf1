//! Matching mocks to endpoint contracts, and comparing their bodies with production shapes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mockdrift_contracts::format::{self, Format};
use mockdrift_contracts::template::{Route, RouteSet};
use mockdrift_contracts::{Contract, EndpointKey, ObjectShape, Shape, Snapshot, Ts, stable_hash};
use serde_json::Value;

use crate::edit::{Edit, EditOp};
use crate::finding::{BodyDiff, Evidence, Finding, Kind, MockRef, Report, Severity, Summary, pointer};
use crate::mock::{Item, Matcher, Mock, MockBody, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

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
    Key(String),
    Index(usize),
}

type Endpoint = (String, String, String);

/// An endpoint's key as borrowed strings: (service, method, template).
type EndpointRef<'a> = (&'a str, &'a str, &'a str);
/// The contracts of one endpoint, one per status and media type.
type Statuses<'a> = Vec<(&'a EndpointKey, &'a Contract)>;

/// The snapshot indexed for matching many mocks: built once per run.
struct Index<'a> {
    /// Route templates per (service, method), indexed by segment.
    routes: BTreeMap<(&'a str, &'a str), RouteSet>,
    /// Contracts per endpoint (service, method, template).
    contracts: BTreeMap<EndpointRef<'a>, Statuses<'a>>,
    /// Recorded services.
    services: BTreeSet<&'a str>,
}

impl<'a> Index<'a> {
    fn new(snap: &'a Snapshot) -> Self {
        let mut routes: BTreeMap<(&str, &str), Vec<Route>> = BTreeMap::new();
        let mut contracts: BTreeMap<EndpointRef<'a>, Statuses<'a>> = BTreeMap::new();
        for (k, c) in &snap.contracts {
            let e = contracts.entry((k.service.as_str(), k.method.as_str(), k.path.as_str())).or_default();
            if e.is_empty()
                && let Ok(r) = Route::parse(&k.path)
            {
                routes.entry((k.service.as_str(), k.method.as_str())).or_default().push(r);
            }
            e.push((k, c));
        }
        let routes = routes.into_iter().map(|(k, v)| (k, RouteSet::new(v))).collect();
        let services = snap.contracts.keys().map(|k| k.service.as_str()).collect();
        Self { routes, contracts, services }
    }
}

/// Route templates the mocks carry (WireMock `urlPathTemplate`, fixture paths) are hints to
/// path templating: a recorded endpoint whose path fits a hint (a literal path that templating
/// could not parameterise, such as `/repos/rust-lang/cargo`, or the same template under other
/// parameter names) is joined into the hint's endpoint. A recorded path that some mock names
/// exactly keeps its own endpoint (`/users/me` beside `/users/{id}`).
pub fn apply_route_hints(
    snapshot: &Snapshot,
    items: &[Item],
    extra: &[Route],
    limits: &mockdrift_contracts::Limits,
) -> Snapshot {
    let mut hints: Vec<Route> = extra.to_vec();
    let mut hinted: std::collections::HashSet<String> = hints.iter().map(|h| h.as_str().to_owned()).collect();
    let mut exact: BTreeSet<&str> = BTreeSet::new();
    for item in items {
        if let Item::Mock(m) = item {
            match &m.url {
                UrlPattern::Template(t) => {
                    if let Ok(r) = Route::parse(t)
                        && hinted.insert(r.as_str().to_owned())
                    {
                        hints.push(r);
                    }
                }
                UrlPattern::Path(p) => {
                    exact.insert(p.as_str());
                }
                _ => {}
            }
        }
    }
    if hints.is_empty() {
        return snapshot.clone();
    }
    let hints = RouteSet::new(hints);
    let mut out = Snapshot { sources: snapshot.sources.clone(), ..Snapshot::default() };
    for (k, c) in &snapshot.contracts {
        let mut key = k.clone();
        if !exact.contains(k.path.as_str())
            && let Some(r) = hints.best(&k.path)
        {
            key.path = r.as_str().to_owned();
        }
        match out.contracts.get_mut(&key) {
            Some(existing) => existing.merge(c, limits),
            None => {
                out.contracts.insert(key, c.clone());
            }
        }
    }
    out
}

/// Compares mocks with contracts and returns the report.
pub fn diff(snapshot: &Snapshot, items: &[Item], files: usize, opts: &DiffOptions) -> Report {
    let hinted = apply_route_hints(snapshot, items, &opts.routes, &mockdrift_contracts::Limits::default());
    let snapshot = &hinted;
    let index = Index::new(snapshot);
    let mut d = Differ {
        snap: snapshot,
        index: &index,
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
    };
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
    validators: BTreeMap<EndpointKey, Option<jsonschema::Validator>>,
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
            suggested_route: None,
        }
    }

    fn push_note(&mut self, kind: Kind, file: &Path, line: usize, reason: String) {
        let file = self.rel(file);
        let message = match kind {
            Kind::MockUnreadable => format!("cannot read this mock: {reason}"),
            _ => format!("skipped: {reason}"),
        };
        self.findings.push(bare(kind, file, line, message, &format!("{line}")));
    }

    fn mock(&mut self, m: &Mock) {
        self.summary.mocks += 1;
        self.mocks.push(MockRef { file: self.rel(&m.file), name: m.name.clone() });
        let services: Vec<&str> = match (&m.service, &m.host) {
            (Some(s), _) => vec![s.as_str()],
            (None, Some(host)) => {
                // A recorded service named like the host (`payments`, `payments.internal`).
                let first = host.split('.').next().unwrap_or(host);
                let named: Vec<&str> =
                    self.index.services.iter().copied().filter(|s| *s == host || *s == first).collect();
                if named.is_empty() { self.index.services.iter().copied().collect() } else { named }
            }
            (None, None) => self.index.services.iter().copied().collect(),
        };
        let site = Site { mock: m, key: None };
        if let UrlPattern::Any = m.url {
            let f = self.finding(
                Kind::Unsupported,
                &site,
                &m.file,
                m.line,
                &[],
                "this stub matches any URL: not compared".to_owned(),
                None,
                None,
            );
            self.findings.push(f);
            return;
        }
        let endpoints = match self.match_url(m, &services) {
            Ok(e) => e,
            Err(reason) => {
                let f = self.finding(Kind::Unsupported, &site, &m.file, m.line, &[], reason, None, None);
                self.findings.push(f);
                return;
            }
        };
        if endpoints.is_empty() {
            let recorded = if services.is_empty() { "none".to_owned() } else { services.join(", ") };
            let mut msg = format!(
                "no recorded traffic matches {} {} (recorded services: {recorded})",
                m.method.as_deref().unwrap_or("ANY"),
                m.url.display()
            );
            let widened = self.widened(m, &services);
            if let Some((method, template, route, n)) = &widened {
                msg.push_str(&format!(
                    "; it would match the recorded {method} {template} with {n} literal segment{} read as \
                     parameter{}: if {}, run with --route '{route}' or add it to routes = [...] in mockdrift.toml",
                    if *n == 1 { "" } else { "s" },
                    if *n == 1 { "" } else { "s" },
                    if *n == 1 { "it is one" } else { "they are" },
                ));
            }
            let mut f = self.finding(Kind::EndpointNeverSeen, &site, &m.file, m.line, &[], msg, None, None);
            f.suggested_route = widened.map(|(_, _, route, _)| route);
            self.findings.push(f);
            return;
        }
        self.summary.matched += 1;
        for ep in endpoints {
            self.services.insert(ep.0.clone());
            self.mocked.insert(ep.clone());
            self.endpoint(m, &ep);
        }
    }

    /// For a mock whose concrete path no recorded endpoint matches: the recorded endpoint it
    /// would match with the fewest of the endpoint's literal segments read as parameters
    /// (a slug the learner kept literal: `/repos/acme-corp/spark/pulls/{pull_number}` for a
    /// mock of `/repos/test-org/test-repo/pulls/1`), then the most recorded exchanges:
    /// (method, recorded template, widened route, segments widened).
    fn widened(&self, m: &Mock, services: &[&str]) -> Option<(String, String, String, usize)> {
        let UrlPattern::Path(path) = &m.url else { return None };
        let mut best: Option<(usize, std::cmp::Reverse<u64>, String, String, String)> = None;
        for (&(service, method), routes) in &self.index.routes {
            if !services.contains(&service) || m.method.as_ref().is_some_and(|x| x != method) {
                continue;
            }
            for r in routes.routes() {
                let Some((route, n)) = r.widened_to(path) else { continue };
                let count: u64 = self
                    .index
                    .contracts
                    .get(&(service, method, r.as_str()))
                    .map_or(0, |cs| cs.iter().map(|(_, c)| c.count).sum());
                let key = (n, std::cmp::Reverse(count), r.as_str().to_owned(), method.to_owned(), route);
                if best.as_ref().is_none_or(|b| (key.0, key.1, &key.2) < (b.0, b.1, &b.2)) {
                    best = Some(key);
                }
            }
        }
        best.map(|(n, _, template, method, route)| (method, template, route, n))
    }

    /// The recorded endpoints (service, method, template) a mock's method and URL match.
    fn match_url(&self, m: &Mock, services: &[&str]) -> Result<Vec<Endpoint>, String> {
        let regex = match &m.url {
            UrlPattern::Regex { pattern, .. } => Some(
                regex::Regex::new(&format!("^(?:{pattern})$"))
                    .map_err(|e| format!("URL pattern {pattern:?} cannot be evaluated here: {e}"))?,
            ),
            _ => None,
        };
        let mut out = Vec::new();
        for (&(service, method), routes) in &self.index.routes {
            if !services.contains(&service) || m.method.as_ref().is_some_and(|x| x != method) {
                continue;
            }
            let hit: Vec<&Route> = match &m.url {
                UrlPattern::Path(p) => routes.best(p).into_iter().collect(),
                UrlPattern::Template(t) => Route::parse(t).map(|t| routes.same_endpoint(&t)).unwrap_or_default(),
                UrlPattern::Regex { path_only, .. } => {
                    let re = regex.as_ref().expect("compiled above");
                    routes
                        .routes()
                        .iter()
                        .filter(|r| {
                            self.index.contracts.get(&(service, method, r.as_str())).into_iter().flatten().any(
                                |(_, c)| {
                                    c.paths.iter().any(|s| {
                                        let p = if *path_only {
                                            s.path.split('?').next().unwrap_or(&s.path)
                                        } else {
                                            &s.path
                                        };
                                        re.is_match(p)
                                    })
                                },
                            )
                        })
                        .collect()
                }
                UrlPattern::Any => routes.routes().iter().collect(),
            };
            out.extend(hit.into_iter().map(|r| (service.to_owned(), method.to_owned(), r.as_str().to_owned())));
        }
        Ok(out)
    }

    fn endpoint(&mut self, m: &Mock, ep: &Endpoint) {
        let index = self.index;
        let statuses: &[(&EndpointKey, &Contract)] =
            index.contracts.get(&(ep.0.as_str(), ep.1.as_str(), ep.2.as_str())).map_or(&[], Vec::as_slice);
        let same_status: Vec<&(&EndpointKey, &Contract)> =
            statuses.iter().filter(|(k, _)| k.status == m.status).collect();
        let site = Site { mock: m, key: None };
        if same_status.is_empty() {
            let seen: Vec<String> = statuses.iter().map(|(k, c)| format!("{} ({}x)", k.status, c.count)).collect();
            let msg = format!("production answered {} {} with {}, never {}", ep.1, ep.2, seen.join(", "), m.status);
            let mut f = self.finding(Kind::StatusNeverSeen, &site, &m.file, m.status_line, &[], msg, None, None);
            f.service = Some(ep.0.clone());
            f.method = Some(ep.1.clone());
            f.path = Some(ep.2.clone());
            f.fingerprint = fingerprint(
                f.kind,
                f.service.as_deref(),
                f.method.as_deref(),
                f.path.as_deref(),
                f.status,
                &f.file,
                "",
            );
            self.findings.push(f);
            return;
        }
        let chosen = match &m.media_type {
            Some(mt) => same_status.iter().find(|(k, _)| k.media_type == *mt).copied(),
            None => same_status.iter().max_by_key(|(_, c)| c.count).copied(),
        };
        let Some(&(key, contract)) = chosen else {
            let (key, c) = *same_status.iter().max_by_key(|(_, c)| c.count).copied().expect("not empty");
            let site = Site { mock: m, key: Some(key) };
            let msg = format!(
                "the mock serves {}; production sends {} for {} ({} of {} responses)",
                m.media_type.as_deref().unwrap_or("no content type"),
                if key.media_type.is_empty() { "no content type" } else { &key.media_type },
                key.status,
                c.count,
                same_status.iter().map(|(_, c)| c.count).sum::<u64>()
            );
            let f = self.finding(Kind::ContentTypeMismatch, &site, &m.file, m.status_line, &[], msg, None, None);
            self.findings.push(f);
            return;
        };
        self.covered.insert(key.clone());
        let site = Site { mock: m, key: Some(key) };
        let stale_cutoff = Ts(self.opts.now.0 - self.opts.stale_after.as_millis() as i64);
        if contract.last_seen < stale_cutoff {
            let days = (self.opts.now.0 - contract.last_seen.0) / 86_400_000;
            let msg = format!(
                "no production traffic for this endpoint since {} ({days} days; --stale-after {:.1} days): no evidence either way",
                contract.last_seen.date(),
                self.opts.stale_after.as_secs_f64() / 86_400.0
            );
            let f = self.finding(Kind::Unverified, &site, &m.file, m.line, &[], msg, None, Some(evidence_of(contract)));
            self.findings.push(f);
            return;
        }
        let body = match &m.body {
            MockBody::Json(body) => body,
            MockBody::NotCompared(reason) => {
                let msg = format!("body not compared ({reason}); matched by status and media type only");
                let f = self.finding(Kind::BodyNotCompared, &site, &m.body_file, m.line, &[], msg, None, None);
                self.findings.push(f);
                return;
            }
            MockBody::None => return,
        };
        if contract.bodies.json == 0 || contract.response.is_empty() {
            let media = if key.media_type.is_empty() { "no content type" } else { key.media_type.as_str() };
            let msg = format!(
                "body not compared: production's responses here are not JSON ({media}, {} of {})",
                contract.bodies.not_json, contract.count
            );
            let f = self.finding(
                Kind::BodyNotCompared,
                &site,
                &m.body_file,
                m.line,
                &[],
                msg,
                None,
                Some(evidence_of(contract)),
            );
            self.findings.push(f);
            return;
        }
        self.summary.compared += 1;
        let before = self.findings.len();
        let mut segs = Vec::new();
        let mut cmp = Cmp { d: self, site: &site, contract, segs: &mut segs };
        cmp.node(body, &contract.response, None);
        let drift = self.findings[before..].iter().any(|f| f.severity >= Severity::Warning);
        self.check_schema_and_show(m, key, contract, body, drift);
        if contract.count < self.opts.min_samples {
            for f in &mut self.findings[before..] {
                f.severity = Severity::Info;
                f.message.push_str(&format!(
                    " (only {} responses recorded, below --min-samples {}: too little evidence to call it drift)",
                    contract.count, self.opts.min_samples
                ));
            }
        }
    }

    /// Validates the mock body against the production JSON Schema and, when the mock drifted,
    /// keeps its body beside one built from production's shape.
    fn check_schema_and_show(&mut self, m: &Mock, key: &EndpointKey, contract: &Contract, body: &Node, drift: bool) {
        let value = body.to_value();
        let validator = self.validators.entry(key.clone()).or_insert_with(|| {
            jsonschema::draft202012::new(&mockdrift_contracts::schema::to_json_schema(&contract.response)).ok()
        });
        let schema_errors: Vec<String> = match validator {
            Some(v) if !m.templated && m.matchers.is_empty() => v
                .iter_errors(&value)
                .take(5)
                .map(|e| {
                    format!("{}: {e}", if e.instance_path.as_str().is_empty() { "/" } else { e.instance_path.as_str() })
                })
                .collect(),
            _ => Vec::new(),
        };
        if !schema_errors.is_empty() {
            self.summary.schema_invalid += 1;
        }
        if !drift {
            return;
        }
        let examples: Vec<&Value> = contract.examples.iter().map(|e| &e.body).collect();
        let production = mockdrift_contracts::synth::body(&contract.response, &examples);
        let pretty = |v: &Value| serde_json::to_string_pretty(&shortened(v)).expect("values serialize") + "\n";
        let (a, b) = (pretty(&value), pretty(&production));
        let diff = similar::TextDiff::from_lines(&a, &b)
            .unified_diff()
            .context_radius(3)
            .header("mock", &format!("production ({} responses)", contract.count))
            .to_string();
        self.bodies.push(BodyDiff { file: self.rel(&m.body_file), name: m.name.clone(), diff, schema_errors });
    }

    /// Production behaviour no mock covers, for the services the mocks are about.
    fn coverage(&mut self) {
        let mut endpoints: BTreeMap<Endpoint, Vec<(&EndpointKey, &Contract)>> = BTreeMap::new();
        for (k, c) in &self.snap.contracts {
            if self.services.contains(&k.service) {
                endpoints.entry((k.service.clone(), k.method.clone(), k.path.clone())).or_default().push((k, c));
            }
        }
        // The statuses mocks cover, whatever their media type.
        let covered_keys = std::mem::take(&mut self.covered);
        let covered: std::collections::HashSet<(&str, &str, &str, u16)> =
            covered_keys.iter().map(|x| (x.service.as_str(), x.method.as_str(), x.path.as_str(), x.status)).collect();
        for (ep, contracts) in endpoints {
            let total: u64 = contracts.iter().map(|(_, c)| c.count).sum();
            let last = contracts.iter().map(|(_, c)| c.last_seen).max().expect("not empty");
            if !self.mocked.contains(&ep) {
                let statuses: Vec<String> =
                    contracts.iter().map(|(k, c)| format!("{} ({}x)", k.status, c.count)).collect();
                let msg = format!(
                    "production serves {} {} ({}; last {}) and no mock covers it",
                    ep.1,
                    ep.2,
                    statuses.join(", "),
                    last.date()
                );
                self.coverage_finding(Kind::UncoveredEndpoint, &ep, None, msg, total);
                continue;
            }
            for (k, c) in contracts {
                let mocked_status =
                    covered.contains(&(k.service.as_str(), k.method.as_str(), k.path.as_str(), k.status));
                if !mocked_status {
                    let msg = format!(
                        "production answered {} {} with {} {} times (last {}) and no mock covers it",
                        ep.1,
                        ep.2,
                        k.status,
                        c.count,
                        c.last_seen.date()
                    );
                    self.coverage_finding(Kind::UncoveredStatus, &ep, Some(k.status), msg, c.count);
                }
            }
        }
        let candidates = std::mem::take(&mut self.null_candidates);
        for ((key, ptr), f) in candidates {
            if !self.null_in_mock.contains(&(key, ptr)) {
                self.findings.push(f);
            }
        }
    }

    fn coverage_finding(&mut self, kind: Kind, ep: &Endpoint, status: Option<u16>, message: String, count: u64) {
        let mut f = bare(kind, String::new(), 0, message, "");
        f.service = Some(ep.0.clone());
        f.method = Some(ep.1.clone());
        f.path = Some(ep.2.clone());
        f.status = status;
        f.fingerprint = fingerprint(kind, Some(&ep.0), Some(&ep.1), Some(&ep.2), status, "", "");
        f.production = Some(Evidence { count, of: count, ratio: 1.0, ..Evidence::default() });
        self.findings.push(f);
    }

    fn finish(mut self) -> Report {
        self.findings.sort_by(|a, b| (&a.file, a.line, a.kind, &a.pointer).cmp(&(&b.file, b.line, b.kind, &b.pointer)));
        self.findings.dedup_by(|a, b| a.fingerprint == b.fingerprint && a.line == b.line);
        if self.summary.matched == 0 {
            let message = if self.summary.mocks == 0 {
                "no mock was read from the given paths: nothing was checked".to_owned()
            } else {
                let services: BTreeSet<&str> = self.snap.contracts.keys().map(|k| k.service.as_str()).collect();
                format!(
                    "none of the {} mocks matched a recorded endpoint (recorded services: {}); check `--mocks SERVICE=PATH` and the contracts source",
                    self.summary.mocks,
                    if services.is_empty() {
                        "none".to_owned()
                    } else {
                        services.into_iter().collect::<Vec<_>>().join(", ")
                    }
                )
            };
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

/// The most items of one array shown in a body beside production's: the findings name every
/// item; the picture needs a few, and a diff of whole large bodies costs the square of their
/// size.
const SHOWN_ITEMS: usize = 3;

/// A copy of `v` with each array cut to its first [`SHOWN_ITEMS`] items and a last string
/// saying how many more there were. Only what is kept is copied.
fn shortened(v: &Value) -> Value {
    match v {
        Value::Array(items) if items.len() > SHOWN_ITEMS + 1 => {
            let mut kept: Vec<Value> = items[..SHOWN_ITEMS].iter().map(shortened).collect();
            kept.push(Value::String(format!("... {} more items", items.len() - SHOWN_ITEMS)));
            Value::Array(kept)
        }
        Value::Array(items) => Value::Array(items.iter().map(shortened).collect()),
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), shortened(v))).collect()),
        v => v.clone(),
    }
}

/// RFC 6901 pointer of body segments; with `any_index`, array indices become `*` (a place in
/// the endpoint's shape rather than in one body).
fn seg_pointer(segs: &[Seg], any_index: bool) -> String {
    let parts: Vec<String> = segs
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.clone(),
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

fn types_of(s: &Shape) -> Vec<String> {
    s.kinds().into_iter().map(|k| k.name().to_owned()).collect()
}

fn formats_of(s: &Shape) -> Vec<String> {
    s.string.as_ref().and_then(|st| st.format()).map(|f| vec![f.name().to_owned()]).unwrap_or_default()
}

fn kind_ok(n: &Node, s: &Shape) -> bool {
    match &n.kind {
        NodeKind::Null => s.null > 0,
        NodeKind::Bool(_) => s.boolean.is_some(),
        NodeKind::Number { integer: true, .. } => s.integer.is_some() || s.number.is_some(),
        NodeKind::Number { text, .. } => {
            s.number.is_some() || (s.integer.is_some() && text.parse::<f64>().is_ok_and(|f| f.fract() == 0.0))
        }
        NodeKind::String(_) => s.string.is_some(),
        NodeKind::Array(_) => s.array.is_some(),
        NodeKind::Object(_) => s.object.is_some(),
    }
}

struct Cmp<'d, 'a, 's> {
    d: &'d mut Differ<'a>,
    site: &'s Site<'s>,
    contract: &'a Contract,
    segs: &'s mut Vec<Seg>,
}

impl Cmp<'_, '_, '_> {
    fn pointer(&self) -> String {
        seg_pointer(self.segs, false)
    }

    fn example(&self) -> Option<Value> {
        let ptr = self.pointer();
        self.contract.examples.iter().find_map(|e| e.body.pointer(&ptr)).cloned()
    }

    fn push(&mut self, kind: Kind, line: usize, message: String, mock: Option<Value>, production: Evidence) {
        let f = self.d.finding(
            kind,
            self.site,
            &self.site.mock.body_file,
            line,
            self.segs,
            message,
            mock,
            Some(production),
        );
        self.d.findings.push(f);
    }

    /// Plans the edit that fixes the finding just pushed: remove the value, or set it to one
    /// built from production's shape (synthetic, and from the recorded examples).
    fn plan(&mut self, shape: Option<&Shape>) {
        let Some(f) = self.d.findings.last() else { return };
        let op = match shape {
            None => EditOp::Remove,
            Some(s) => {
                let examples: Vec<&Value> =
                    self.contract.examples.iter().filter_map(|e| value_at(&e.body, self.segs)).collect();
                EditOp::Set {
                    synthetic: mockdrift_contracts::synth::synthetic(s, &examples),
                    example: mockdrift_contracts::synth::body(s, &examples),
                }
            }
        };
        let at = self
            .segs
            .iter()
            .map(|s| match s {
                Seg::Key(k) => PathToken::Key(k.clone()),
                Seg::Index(i) => PathToken::Index(*i),
            })
            .collect();
        self.d.edits.push(Edit {
            mock: self.d.current,
            endpoint: self.endpoint_key(),
            fingerprint: crate::regen::finding_key(f),
            at,
            op,
        });
    }

    fn evidence(&self, s: &Shape, count: u64, of: u64, times: Option<(Ts, Ts)>) -> Evidence {
        Evidence {
            count,
            of,
            ratio: if of == 0 { 0.0 } else { count as f64 / of as f64 },
            first_seen: times.map(|t| t.0.to_rfc3339()),
            last_seen: times.map(|t| t.1.to_rfc3339()),
            types: types_of(s),
            formats: formats_of(s),
            example: self.example(),
        }
    }

    fn node(&mut self, n: &Node, s: &Shape, times: Option<(Ts, Ts)>) {
        if s.count() == 0 {
            return; // cut at the depth limit, or never observed: nothing to say
        }
        let templated = self.site.mock.templated && matches!(&n.kind, NodeKind::String(v) if v.contains("{{"));
        if templated {
            return;
        }
        if !kind_ok(n, s) {
            let kinds = types_of(s).join(" or ");
            let msg = format!("the mock has {} here; production sends {kinds} ({} values)", n.kind_name(), s.count());
            let ev = self.evidence(s, s.count(), s.count(), times);
            self.push(Kind::TypeMismatch, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
            return;
        }
        match &n.kind {
            NodeKind::String(v) => self.string(n, v, s, times),
            NodeKind::Object(fields) => {
                let o = s.object.as_deref().expect("kind checked");
                self.object(n, fields, o);
            }
            NodeKind::Array(items) => {
                let a = s.array.as_deref().expect("kind checked");
                let tuple = a.is_tuple().then_some(a.positions.as_ref()).flatten();
                for (i, item) in items.iter().enumerate() {
                    self.segs.push(Seg::Index(i));
                    let shape = tuple.and_then(|p| p.get(i)).unwrap_or(&a.items);
                    self.node(item, shape, times);
                    self.segs.pop();
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, n: &Node, v: &str, s: &Shape, times: Option<(Ts, Ts)>) {
        if let Some(m) = self.site.mock.matchers.iter().rev().find(|m| covers(m, self.segs)) {
            self.matcher_meaning(m, n, s, times);
            return;
        }
        let st = s.string.as_deref().expect("kind checked");
        if let Some(f) = st.format()
            && !format::detect(v).contains(f)
        {
            let msg = format!(
                "production's values here are all {} ({} of {}); the mock's {v:?} is not",
                f.name(),
                st.count,
                st.count
            );
            let ev = self.evidence(s, st.count, st.count, times);
            self.push(Kind::FormatMismatch, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
            return;
        }
        if let Some(values) = st.enum_values()
            && st.has_value(v) == Some(false)
        {
            let msg = format!("production sent only {} here ({} values); never {v:?}", values.join(", "), st.count);
            let ev = self.evidence(s, 0, st.count, times);
            self.push(Kind::EnumValueUnknown, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
        }
    }

    /// A Pact matcher says what kind of value the consumer expects; check that production's
    /// values are of that kind (the mock's own literal is only an example).
    fn matcher_meaning(&mut self, m: &Matcher, n: &Node, s: &Shape, times: Option<(Ts, Ts)>) {
        let Some(st) = s.string.as_deref() else { return };
        let mut seen: Vec<String> =
            st.enum_values().map(|v| v.into_iter().map(str::to_owned).collect()).unwrap_or_default();
        if let Some(Value::String(ex)) = self.example() {
            seen.push(ex);
        }
        let problem = match (m.rule.as_str(), &m.pattern) {
            ("regex", Some(pattern)) => match regex::Regex::new(&format!("^(?:{pattern})$")) {
                Ok(re) => seen
                    .iter()
                    .find(|x| !re.is_match(x))
                    .map(|bad| format!("the mock's regex matcher /{pattern}/ does not fit production's value {bad:?}")),
                Err(_) => None,
            },
            ("include", Some(part)) => seen.iter().find(|x| !x.contains(part.as_str())).map(|bad| {
                format!("the mock's include matcher expects {part:?} in the value; production sent {bad:?}")
            }),
            ("date" | "time" | "timestamp" | "datetime", _) => {
                let dated = matches!(st.format(), Some(Format::Date | Format::DateTime | Format::Time));
                (!dated).then(|| format!("the mock's {} matcher expects dates or times; production's values here are not all dates or times", m.rule))
            }
            _ => None,
        };
        if let Some(p) = problem {
            let ev = self.evidence(s, st.count, st.count, times);
            self.push(Kind::FormatMismatch, n.line, format!("{p} ({} values seen)", st.count), Some(n.to_value()), ev);
        }
    }

    fn object(&mut self, n: &Node, fields: &[(String, Node)], o: &ObjectShape) {
        if let Some(m) = &o.map {
            for (k, v) in fields {
                self.segs.push(Seg::Key(k.clone()));
                self.node(v, &m.values, Some((o.first_seen, o.last_seen)));
                self.segs.pop();
            }
            return;
        }
        let is_map = o.is_map();
        for (k, v) in fields {
            self.segs.push(Seg::Key(k.clone()));
            match o.fields.get(k) {
                Some(f) => {
                    if matches!(v.kind, NodeKind::Null) {
                        self.note_null();
                    }
                    self.node(v, &f.shape, Some((f.first_seen, f.last_seen)));
                }
                None if is_map => {}
                None => {
                    let msg = format!(
                        "the mock has {k:?}, which production never sent ({} responses, {} to {})",
                        o.count,
                        o.first_seen.date(),
                        o.last_seen.date()
                    );
                    let ev = Evidence {
                        count: 0,
                        of: o.count,
                        ratio: 0.0,
                        first_seen: Some(o.first_seen.to_rfc3339()),
                        last_seen: Some(o.last_seen.to_rfc3339()),
                        ..Evidence::default()
                    };
                    self.push(Kind::UnknownField, v.line, msg, Some(v.to_value()), ev);
                    self.plan(None);
                }
            }
            self.segs.pop();
        }
        if is_map {
            return;
        }
        for (k, f) in &o.fields {
            let present_in_mock = fields.iter().any(|(mk, _)| mk == k);
            let always = o.is_required(f);
            let since = !always && f.present_since_first_seen() && f.present >= self.d.opts.min_samples;
            if !present_in_mock && (always || since) {
                self.segs.push(Seg::Key(k.clone()));
                let how = if always {
                    format!("present in {} of {} responses, last seen {}", f.present, o.count, f.last_seen.date())
                } else {
                    format!(
                        "present in all {} responses since it first appeared on {}, last seen {}",
                        f.present,
                        f.first_seen.date(),
                        f.last_seen.date()
                    )
                };
                let msg = format!("production always sends {k:?} ({how}); the mock lacks it");
                let ev = self.evidence(
                    &f.shape,
                    f.present,
                    if always { o.count } else { f.present },
                    Some((f.first_seen, f.last_seen)),
                );
                self.push(Kind::MissingField, n.line, msg, None, ev);
                self.plan(Some(&f.shape));
                self.segs.pop();
            } else if present_in_mock && f.shape.null > 0 {
                self.segs.push(Seg::Key(k.clone()));
                self.null_candidate(n, f.shape.null, o.count, f);
                self.segs.pop();
            }
        }
    }

    fn endpoint_key(&self) -> EndpointKey {
        self.site.key.cloned().expect("body comparison happens on a matched contract")
    }

    fn normalised_pointer(&self) -> String {
        seg_pointer(self.segs, true)
    }

    fn note_null(&mut self) {
        let key = (self.endpoint_key(), self.normalised_pointer());
        self.d.null_in_mock.insert(key);
    }

    fn null_candidate(&mut self, n: &Node, nulls: u64, of: u64, f: &mockdrift_contracts::Field) {
        let key = (self.endpoint_key(), self.normalised_pointer());
        if self.d.null_candidates.contains_key(&key) {
            return;
        }
        let name = match self.segs.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        let msg = format!(
            "production sends null for {name:?} ({nulls} of {of} responses, last seen {}) and no mock of this endpoint has null there: the consumer's null handling is untested",
            f.last_seen.date()
        );
        let ev = self.evidence(&f.shape, nulls, of, Some((f.first_seen, f.last_seen)));
        let line = n.get(&name).map_or(n.line, |v| v.line);
        let finding = self.d.finding(
            Kind::UncoveredNull,
            self.site,
            &self.site.mock.body_file,
            line,
            self.segs,
            msg,
            n.get(&name).map(Node::to_value),
            Some(ev),
        );
        self.d.null_candidates.insert(key, finding);
    }
}

/// The value at a body position in a recorded example (an index past the example's array
/// falls back to its first item).
fn value_at<'v>(mut v: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    for s in segs {
        v = match s {
            Seg::Key(k) => v.get(k)?,
            Seg::Index(i) => v.get(*i).or_else(|| v.get(0))?,
        };
    }
    Some(v)
}

/// Whether a Pact matcher's path covers a body position (a prefix, with wildcards).
fn covers(m: &Matcher, at: &[Seg]) -> bool {
    m.path.len() <= at.len()
        && m.path.iter().zip(at).all(|(t, s)| match (t, s) {
            (PathToken::Any, _) => true,
            (PathToken::Key(a), Seg::Key(b)) => a == b,
            (PathToken::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        })
}
