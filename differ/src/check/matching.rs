//! Matching a mock to recorded endpoints: by service (named, or the mock's host), method and
//! URL (a path, a template or a regex). Decides `endpoint_never_seen`, with the `--route` that
//! would make a mock of a slug the learner kept literal match, and `unsupported` URL patterns.

use std::collections::{BTreeMap, BTreeSet};

use mockdrift_contracts::template::{Route, RouteSet};
use mockdrift_contracts::{Contract, EndpointKey, Snapshot};

use super::{Differ, Endpoint, Site};
use crate::finding::{Kind, MockRef};
use crate::mock::{Item, Mock, UrlPattern};

/// An endpoint's key as borrowed strings: (service, method, template).
type EndpointRef<'a> = (&'a str, &'a str, &'a str);
/// The contracts of one endpoint, one per status and media type.
pub(super) type Statuses<'a> = Vec<(&'a EndpointKey, &'a Contract)>;

/// The snapshot indexed for matching many mocks: built once per run.
pub(super) struct Index<'a> {
    /// Route templates per (service, method), indexed by segment.
    pub(super) routes: BTreeMap<(&'a str, &'a str), RouteSet>,
    /// Contracts per endpoint (service, method, template).
    pub(super) contracts: BTreeMap<EndpointRef<'a>, Statuses<'a>>,
    /// Recorded services.
    pub(super) services: BTreeSet<&'a str>,
}

impl<'a> Index<'a> {
    pub(super) fn new(snap: &'a Snapshot) -> Self {
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
    snapshot: Snapshot,
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
        return snapshot;
    }
    let hints = RouteSet::new(hints);
    let Snapshot { sources, contracts } = snapshot;
    let mut out = Snapshot { sources, ..Snapshot::default() };
    for (mut key, c) in contracts {
        if !exact.contains(key.path.as_str())
            && let Some(r) = hints.best(&key.path)
        {
            key.path = r.as_str().to_owned();
        }
        match out.contracts.get_mut(&key) {
            Some(existing) => existing.merge(&c, limits),
            None => {
                out.contracts.insert(key, c);
            }
        }
    }
    out
}

impl Differ<'_> {
    pub(super) fn mock(&mut self, m: &Mock) {
        self.summary.mocks += 1;
        let services = self.index.services_of(m);
        let service = match (&m.service, services.as_slice()) {
            (Some(s), _) => Some(s.clone()),
            (None, [only]) => Some((*only).to_owned()),
            _ => None,
        };
        self.mocks.push(MockRef { file: self.rel(&m.file), name: m.name.clone(), service, evidenced: false });
        let site = Site { mock: m, key: None };
        let regex = match unsupported_url(&m.url) {
            Ok(regex) => regex,
            Err(reason) => {
                self.push_mock_finding(Kind::Unsupported, &site, m.line, reason);
                return;
            }
        };
        let mut endpoints = self.match_url(m, regex.as_ref(), &services);
        if let UrlPattern::Regex { .. } = m.url {
            self.keep_answering(&mut endpoints, m.status);
        }
        if endpoints.is_empty() {
            let widened = self.widened(m, &services);
            let msg = endpoint_never_seen(m, &services, widened.as_ref());
            let mut f = self.finding(Kind::EndpointNeverSeen, &site, &m.file, m.line, &[], msg, None, None);
            f.suggested_route = widened.map(|w| w.route);
            self.findings.push(f);
            return;
        }
        self.summary.matched += 1;
        if let (Some(last), Some(ep)) = (self.mocks.last_mut(), endpoints.first()) {
            last.service = Some(ep.0.clone());
        }
        for ep in endpoints {
            self.services.insert(ep.0.clone());
            self.mocked.insert(ep.clone());
            self.endpoint(m, &ep);
        }
    }

    /// A URL regex spans several recorded endpoints (`/users/[0-9]+\.json` over
    /// `/users/{user_id}.json` and a literal `/users/0.json` that only ever answered 404):
    /// the mock is about those that answered its status, when some did; else about all, and
    /// each is `status_never_seen`.
    fn keep_answering(&self, endpoints: &mut Vec<Endpoint>, status: u16) {
        let answers = |ep: &Endpoint| {
            let key = (ep.0.as_str(), ep.1.as_str(), ep.2.as_str());
            self.index.contracts.get(&key).is_some_and(|cs| cs.iter().any(|(k, _)| k.status == status))
        };
        if endpoints.iter().any(answers) {
            endpoints.retain(answers);
        }
    }

    /// For a mock whose concrete path no recorded endpoint matches: the recorded endpoint it
    /// would match with the fewest of the endpoint's literal segments read as parameters
    /// (a slug the learner kept literal: `/repos/acme-corp/spark/pulls/{pull_number}` for a
    /// mock of `/repos/test-org/test-repo/pulls/1`), then the most recorded exchanges.
    fn widened(&self, m: &Mock, services: &[&str]) -> Option<Widened> {
        let UrlPattern::Path(path) = &m.url else { return None };
        let mut best: Option<(usize, std::cmp::Reverse<u64>, Widened)> = None;
        for (&(service, method), routes) in &self.index.routes {
            if !services.contains(&service) || m.method.as_ref().is_some_and(|x| x != method) {
                continue;
            }
            for r in routes.routes() {
                let Some((route, segments)) = r.widened_to(path) else { continue };
                let count: u64 = self
                    .index
                    .contracts
                    .get(&(service, method, r.as_str()))
                    .map_or(0, |cs| cs.iter().map(|(_, c)| c.count).sum());
                let rank = (segments, std::cmp::Reverse(count));
                if best.as_ref().is_none_or(|b| (rank.0, rank.1, r.as_str()) < (b.0, b.1, b.2.template.as_str())) {
                    let template = r.as_str().to_owned();
                    best = Some((rank.0, rank.1, Widened { method: method.to_owned(), template, route, segments }));
                }
            }
        }
        best.map(|b| b.2)
    }

    /// The recorded endpoints (service, method, template) a mock's method and URL match
    /// (`regex`: the mock's URL regex, compiled).
    fn match_url(&self, m: &Mock, regex: Option<&regex::Regex>, services: &[&str]) -> Vec<Endpoint> {
        let mut out = Vec::new();
        for (&(service, method), routes) in &self.index.routes {
            if !services.contains(&service) || m.method.as_ref().is_some_and(|x| x != method) {
                continue;
            }
            let hit: Vec<&Route> = match (&m.url, regex) {
                (UrlPattern::Path(p), _) => routes.best(p).into_iter().collect(),
                (UrlPattern::Template(t), _) => Route::parse(t).map(|t| routes.same_endpoint(&t)).unwrap_or_default(),
                (UrlPattern::Regex { path_only, .. }, Some(re)) => routes
                    .routes()
                    .iter()
                    .filter(|r| {
                        let recorded = self.index.contracts.get(&(service, method, r.as_str())).into_iter().flatten();
                        recorded.into_iter().any(|(_, c)| {
                            c.paths.iter().any(|s| {
                                let p = if *path_only { s.path.split('?').next().unwrap_or(&s.path) } else { &s.path };
                                re.is_match(p)
                            })
                        })
                    })
                    .collect(),
                (UrlPattern::Regex { .. } | UrlPattern::Any, _) => Vec::new(),
            };
            out.extend(hit.into_iter().map(|r| (service.to_owned(), method.to_owned(), r.as_str().to_owned())));
        }
        out
    }
}

impl Index<'_> {
    /// The recorded services a mock may be about: the one it names; else those named like its
    /// host (`payments`, `payments.internal`); else all.
    fn services_of<'m>(&'m self, m: &'m Mock) -> Vec<&'m str> {
        match (&m.service, &m.host) {
            (Some(s), _) => vec![s.as_str()],
            (None, Some(host)) => {
                let first = host.split('.').next().unwrap_or(host);
                let named: Vec<&str> = self.services.iter().copied().filter(|s| *s == host || *s == first).collect();
                if named.is_empty() { self.services.iter().copied().collect() } else { named }
            }
            (None, None) => self.services.iter().copied().collect(),
        }
    }
}

/// A recorded endpoint a mock's path would match if some of the endpoint's literal
/// segments were parameters.
#[derive(Debug)]
struct Widened {
    method: String,
    /// The recorded template.
    template: String,
    /// The route that would join them (`--route`).
    route: String,
    /// How many literal segments it reads as parameters.
    segments: usize,
}

/// `unsupported`: a URL pattern that cannot be compared: one that matches any URL, or a
/// regex this engine cannot evaluate. Otherwise the compiled regex, if the URL is one.
fn unsupported_url(url: &UrlPattern) -> Result<Option<regex::Regex>, String> {
    match url {
        UrlPattern::Any => Err("this stub matches any URL: not compared".to_owned()),
        UrlPattern::Regex { pattern, .. } => regex::Regex::new(&format!("^(?:{pattern})$"))
            .map(Some)
            .map_err(|e| format!("URL pattern {pattern:?} cannot be evaluated here: {e}")),
        UrlPattern::Path(_) | UrlPattern::Template(_) => Ok(None),
    }
}

/// `endpoint_never_seen`: the message for a mock no recorded endpoint matches, naming the
/// services looked in and, when a kept-literal slug is the likely cause, the route to add.
fn endpoint_never_seen(m: &Mock, services: &[&str], widened: Option<&Widened>) -> String {
    let recorded = if services.is_empty() { "none".to_owned() } else { services.join(", ") };
    let mut msg = format!(
        "no recorded traffic matches {} {} (recorded services: {recorded})",
        m.method.as_deref().unwrap_or("ANY"),
        m.url.display()
    );
    if let Some(Widened { method, template, route, segments: n }) = widened {
        let one = *n == 1;
        msg.push_str(&format!(
            "; it would match the recorded {method} {template} with {n} literal segment{} read as \
             parameter{}: if {}, run with --route '{route}' or add it to routes = [...] in mockdrift.toml",
            if one { "" } else { "s" },
            if one { "" } else { "s" },
            if one { "it is one" } else { "they are" },
        ));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{snapshot, wiremock};
    use super::*;

    fn mock_of(items: &[Item]) -> &Mock {
        match &items[0] {
            Item::Mock(m) => m,
            other => panic!("not a mock: {other:?}"),
        }
    }

    #[test]
    fn a_stub_for_any_url_or_a_foreign_regex_is_unsupported() {
        assert!(unsupported_url(&UrlPattern::Any).expect_err("any URL").contains("matches any URL"));
        let lookaround = UrlPattern::Regex { pattern: "/a(?=b)".into(), path_only: true };
        assert!(unsupported_url(&lookaround).expect_err("no look-around").contains("cannot be evaluated here"));
        let fine = UrlPattern::Regex { pattern: r"/users/[0-9]+".into(), path_only: true };
        assert!(unsupported_url(&fine).expect("compiles").expect("a regex").is_match("/users/12"));
        assert!(unsupported_url(&UrlPattern::Path("/a".into())).expect("a path").is_none());
    }

    #[test]
    fn a_mock_of_another_slug_suggests_the_route_that_would_match_it() {
        let snap =
            snapshot("gh", &[("/repos/acme/spark/pulls/1", 200, "{}"), ("/repos/acme/spark/pulls/2", 200, "{}")]);
        let index = Index::new(&snap);
        let dir = tempfile::tempdir().expect("temp dir");
        let items = wiremock(
            dir.path(),
            "pr.json",
            r#"{"request": {"method": "GET", "url": "/repos/test-org/test-repo/pulls/1"}, "response": {"status": 200}}"#,
        );
        let m = mock_of(&items);
        let services = index.services_of(m);
        assert_eq!(services, vec!["gh"]);
        let opts = super::super::DiffOptions::default();
        let d = Differ::new(&snap, &index, &opts, 1);
        assert!(d.match_url(m, None, &services).is_empty());
        let w = d.widened(m, &services).expect("two literal segments away");
        assert_eq!(w.segments, 2);
        let msg = endpoint_never_seen(m, &services, Some(&w));
        assert!(
            msg.starts_with(
                "no recorded traffic matches GET /repos/test-org/test-repo/pulls/1 (recorded services: gh)"
            )
        );
        assert!(
            msg.contains(&format!(
                "with 2 literal segments read as parameters: if they are, run with --route '{}'",
                w.route
            )),
            "{msg}"
        );
        assert!(!endpoint_never_seen(m, &[], None).contains("--route"));
    }

    #[test]
    fn a_url_regex_is_about_the_endpoints_that_answered_its_status() {
        let mut snap = snapshot("users", &[("/users/12.json", 200, "{}"), ("/users/13.json", 200, "{}")]);
        let mut key = snap.contracts.keys().next().expect("one").clone();
        let mut missing = snap.contracts.values().next().expect("one").clone();
        key.path = "/users/0.json".into();
        key.status = 404;
        missing.paths.retain(|_| false);
        missing.paths.push(mockdrift_contracts::PathSample {
            hash: "0".into(),
            path: "/users/0.json".into(),
            ..Default::default()
        });
        snap.contracts.insert(key, missing);
        let dir = tempfile::tempdir().expect("temp dir");
        let items = wiremock(
            dir.path(),
            "u.json",
            r#"{"request": {"method": "GET", "urlPathPattern": "/users/[0-9]+\\.json"}, "response": {"status": 200}}"#,
        );
        let opts = super::super::DiffOptions { min_samples: 1, ..Default::default() };
        let report = super::super::diff(&snap, &items, 1, &opts);
        let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
        assert!(!kinds.contains(&Kind::StatusNeverSeen), "{:#?}", report.findings);
        assert_eq!(report.summary.matched, 1);
        // A 404 mock of the same pattern is about the literal 404 endpoint.
        let items = wiremock(
            dir.path(),
            "u404.json",
            r#"{"request": {"method": "GET", "urlPathPattern": "/users/[0-9]+\\.json"}, "response": {"status": 404}}"#,
        );
        let report = super::super::diff(&snap, &items, 1, &opts);
        assert!(!report.findings.iter().any(|f| f.kind == Kind::StatusNeverSeen), "{:#?}", report.findings);
    }

    #[test]
    fn a_mock_is_about_the_service_it_names_or_the_one_named_like_its_host() {
        let mut snap = snapshot("payments", &[("/a", 200, "{}")]);
        snap.contracts.extend(snapshot("users", &[("/b", 200, "{}")]).contracts);
        let index = Index::new(&snap);
        let dir = tempfile::tempdir().expect("temp dir");
        let plain = wiremock(dir.path(), "p.json", r#"{"request": {"url": "/a"}, "response": {"status": 200}}"#);
        assert_eq!(index.services_of(mock_of(&plain)), vec!["payments", "users"]);
        let mut hosted = mock_of(&plain).clone();
        hosted.host = Some("payments.internal".into());
        assert_eq!(index.services_of(&hosted), vec!["payments"]);
        hosted.host = Some("elsewhere.example".into());
        assert_eq!(index.services_of(&hosted), vec!["payments", "users"], "no service named so: all");
        hosted.service = Some("users".into());
        assert_eq!(index.services_of(&hosted), vec!["users"]);
    }
}
