//! Coverage, once every mock was compared: production behaviour of the mocked services that
//! no mock covers. Decides `uncovered_endpoint`, `uncovered_status`, `uncovered_null` (from
//! the candidates [`super::body`] gathered) and `no_mocks_matched`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use mockdrift_contracts::{Contract, EndpointKey, Snapshot};

use super::{Differ, Endpoint, bare, fingerprint};
use crate::finding::{Evidence, Kind, Summary};

impl Differ<'_> {
    /// Production behaviour no mock covers, for the services the mocks are about.
    pub(super) fn coverage(&mut self) {
        let mut endpoints: BTreeMap<Endpoint, Vec<(&EndpointKey, &Contract)>> = BTreeMap::new();
        // Coverage counts the traffic of every recorded service a mock is about, matched or
        // not; the coverage findings are for the services some mock matched.
        let named: BTreeSet<&str> = self.mocks.iter().filter_map(|m| m.service.as_deref()).collect();
        for (k, c) in &self.snap.contracts {
            if named.contains(k.service.as_str()) && !self.services.contains(&k.service) {
                let counts = self.summary.fidelity.by_service.entry(k.service.clone()).or_default();
                counts.requests += c.count;
            }
            if self.services.contains(&k.service) {
                endpoints.entry((k.service.clone(), k.method.clone(), k.path.clone())).or_default().push((k, c));
            }
        }
        // The statuses mocks cover, whatever their media type.
        let covered_keys = std::mem::take(&mut self.covered);
        let covered: HashSet<(&str, &str, &str, u16)> =
            covered_keys.iter().map(|x| (x.service.as_str(), x.method.as_str(), x.path.as_str(), x.status)).collect();
        for (ep, contracts) in &endpoints {
            let requests: u64 = contracts.iter().map(|(_, c)| c.count).sum();
            let counts = self.summary.fidelity.by_service.entry(ep.0.clone()).or_default();
            counts.requests += requests;
            if self.mocked.contains(ep) {
                counts.covered_requests += requests;
            }
        }
        for (ep, contracts) in endpoints {
            if let Some(msg) = uncovered_endpoint(&ep, &contracts, &self.mocked) {
                let total = contracts.iter().map(|(_, c)| c.count).sum();
                self.coverage_finding(Kind::UncoveredEndpoint, &ep, None, msg, total);
                continue;
            }
            for (k, c) in contracts {
                if let Some(msg) = uncovered_status(&ep, k, c, &covered) {
                    self.coverage_finding(Kind::UncoveredStatus, &ep, Some(k.status), msg, c.count);
                }
            }
        }
        let candidates = std::mem::take(&mut self.null_candidates);
        self.findings.extend(uncovered_nulls(candidates, &self.null_in_mock));
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
}

/// `uncovered_endpoint`: a recorded endpoint of a mocked service that no mock matched.
fn uncovered_endpoint(
    ep: &Endpoint,
    contracts: &[(&EndpointKey, &Contract)],
    mocked: &BTreeSet<Endpoint>,
) -> Option<String> {
    if mocked.contains(ep) {
        return None;
    }
    let last = contracts.iter().map(|(_, c)| c.last_seen).max()?;
    let statuses: Vec<String> = contracts.iter().map(|(k, c)| format!("{} ({}x)", k.status, c.count)).collect();
    Some(format!(
        "production serves {} {} ({}; last {}) and no mock covers it",
        ep.1,
        ep.2,
        statuses.join(", "),
        last.date()
    ))
}

/// `uncovered_status`: a status a mocked endpoint answered with that no mock of it serves
/// (whatever the media type).
fn uncovered_status(
    ep: &Endpoint,
    k: &EndpointKey,
    c: &Contract,
    covered: &HashSet<(&str, &str, &str, u16)>,
) -> Option<String> {
    if covered.contains(&(k.service.as_str(), k.method.as_str(), k.path.as_str(), k.status)) {
        return None;
    }
    Some(format!(
        "production answered {} {} with {} {} times (last {}) and no mock covers it",
        ep.1,
        ep.2,
        k.status,
        c.count,
        c.last_seen.date()
    ))
}

/// `uncovered_null`: the candidates (one per endpoint and field, from the first mock that
/// lacked the null) whose place no mock of the endpoint has a null in.
fn uncovered_nulls(
    candidates: BTreeMap<(EndpointKey, String), crate::finding::Finding>,
    null_in_mock: &BTreeSet<(EndpointKey, String)>,
) -> Vec<crate::finding::Finding> {
    // About every mock of the endpoint, none in particular: no mock is stale for it.
    candidates
        .into_iter()
        .filter(|(place, _)| !null_in_mock.contains(place))
        .map(|(_, mut f)| {
            f.mock_index = None;
            f
        })
        .collect()
}

/// `no_mocks_matched`: no mock was read, or none matched a recorded endpoint: nothing was
/// checked, which must not pass as a clean report.
pub(super) fn no_mocks_matched(summary: &Summary, snap: &Snapshot) -> Option<String> {
    if summary.matched > 0 {
        return None;
    }
    if summary.mocks == 0 {
        return Some("no mock was read from the given paths: nothing was checked".to_owned());
    }
    let services: BTreeSet<&str> = snap.contracts.keys().map(|k| k.service.as_str()).collect();
    Some(format!(
        "none of the {} mocks matched a recorded endpoint (recorded services: {}); check `--mocks SERVICE=PATH` and the contracts source",
        summary.mocks,
        if services.is_empty() { "none".to_owned() } else { services.into_iter().collect::<Vec<_>>().join(", ") }
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{snapshot, wiremock};
    use super::super::{DiffOptions, diff};
    use super::*;

    fn opts() -> DiffOptions {
        DiffOptions {
            min_samples: 1,
            now: mockdrift_contracts::Ts::parse("2026-11-21T00:00:00Z").expect("valid"),
            ..DiffOptions::default()
        }
    }

    #[test]
    fn an_endpoint_or_status_no_mock_covers_is_reported_for_mocked_services_only() {
        let shop = snapshot(
            "shop",
            &[("/items/1", 200, r#"{"id": 1}"#), ("/items/2", 404, r#"{"error": "no"}"#), ("/cart", 200, "{}")],
        );
        let keys: Vec<(&EndpointKey, &Contract)> = shop.contracts.iter().collect();
        let cart: Endpoint = ("shop".into(), "GET".into(), "/cart".into());
        let cart_contracts: Vec<_> = keys.iter().copied().filter(|(k, _)| k.path == "/cart").collect();
        let mut mocked = BTreeSet::new();
        let msg = uncovered_endpoint(&cart, &cart_contracts, &mocked).expect("no mock of /cart");
        assert!(msg.starts_with("production serves GET /cart (200 (1x); last 2026-11-20)"), "{msg}");
        mocked.insert(cart.clone());
        assert_eq!(uncovered_endpoint(&cart, &cart_contracts, &mocked), None);

        let (k, c) = keys.iter().copied().find(|(k, _)| k.status == 404).expect("a 404");
        let ep: Endpoint = (k.service.clone(), k.method.clone(), k.path.clone());
        let mut covered = HashSet::new();
        let msg = uncovered_status(&ep, k, c, &covered).expect("no mock of the 404");
        assert!(msg.contains("with 404 1 times"), "{msg}");
        covered.insert((k.service.as_str(), k.method.as_str(), k.path.as_str(), 404));
        assert_eq!(uncovered_status(&ep, k, c, &covered), None);
    }

    #[test]
    fn a_null_production_sends_is_uncovered_until_one_mock_of_the_endpoint_has_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let snap = snapshot(
            "shop",
            &[
                ("/items/1", 200, r#"{"id": 1, "note": "a"}"#),
                ("/items/2", 200, r#"{"id": 2, "note": "b"}"#),
                ("/items/3", 200, r#"{"id": 6, "note": null}"#),
            ],
        );
        // The recorded examples hold a text note: an example taken from them would not be null.
        let examples = &snap.contracts.values().next().expect("one").examples;
        assert!(examples.first().is_some_and(|e| !e.body["note"].is_null()), "{examples:?}");
        let mock = |name: &str, note: &str| {
            wiremock(
                dir.path(),
                name,
                &format!(
                    r#"{{"request": {{"method": "GET", "url": "/items/1"}},
                        "response": {{"status": 200, "jsonBody": {{"id": 1, "note": {note}}}}}}}"#
                ),
            )
        };
        let uncovered = |items: &[crate::mock::Item]| {
            diff(&snap, items, 1, &opts()).findings.iter().filter(|f| f.kind == Kind::UncoveredNull).count()
        };
        let text = mock("text.json", r#""hello""#);
        assert_eq!(uncovered(&text), 1);
        let report = diff(&snap, &text, 1, &opts());
        let f = report.findings.iter().find(|f| f.kind == Kind::UncoveredNull).expect("one");
        let example = f.production.as_ref().and_then(|p| p.example.clone());
        assert_eq!(example, Some(serde_json::Value::Null), "the example is the null no mock has");
        let mut both = text.clone();
        both.extend(mock("null.json", "null"));
        assert_eq!(uncovered(&both), 0, "the second mock has the null");
    }

    #[test]
    fn only_the_services_the_mocks_are_about_are_reported_uncovered() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut snap = snapshot("shop", &[("/items/1", 200, r#"{"id": 1}"#), ("/cart", 200, "{}")]);
        snap.contracts.extend(snapshot("billing", &[("/invoices/1", 200, "{}")]).contracts);
        let items = wiremock(
            dir.path(),
            "item.json",
            r#"{"request": {"method": "GET", "url": "/items/1"}, "response": {"status": 200, "jsonBody": {"id": 1}}}"#,
        );
        let report = diff(&snap, &items, 1, &opts());
        let uncovered: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.kind == Kind::UncoveredEndpoint)
            .filter_map(|f| f.path.as_deref())
            .collect();
        assert_eq!(uncovered, vec!["/cart"], "billing has no mock at all: not its coverage to report");
    }

    #[test]
    fn nothing_read_or_nothing_matched_is_not_a_pass() {
        let snap = snapshot("shop", &[("/items/1", 200, "{}")]);
        let none = Summary::default();
        assert!(no_mocks_matched(&none, &snap).expect("nothing read").contains("no mock was read"));
        let unmatched = Summary { mocks: 2, ..Summary::default() };
        let msg = no_mocks_matched(&unmatched, &snap).expect("nothing matched");
        assert!(msg.contains("none of the 2 mocks matched a recorded endpoint (recorded services: shop)"), "{msg}");
        assert_eq!(no_mocks_matched(&Summary { mocks: 2, matched: 1, ..Summary::default() }, &snap), None);
    }
}
