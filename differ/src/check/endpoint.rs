//! Endpoint-level checks, once a mock matched a recorded endpoint: the status, the media type,
//! the freshness of the evidence, whether the body can be compared, and how much evidence
//! there is. Decides `status_never_seen`, `content_type_mismatch`, `unverified`,
//! `body_not_compared` and the `--min-samples` demotion; then hands the body to [`super::body`].

use mockdrift_contracts::{Contract, EndpointKey, Ts};
use serde_json::Value;

use super::body::Cmp;
use super::{Differ, Endpoint, Site, evidence_of, fingerprint};
use crate::finding::{BodyDiff, Evidence, Kind, Severity};
use crate::mock::{Mock, MockBody};
use crate::tree::Node;

/// One contract of an endpoint: its key (status, media type) and what was learned.
type Answer<'a> = (&'a EndpointKey, &'a Contract);

impl Differ<'_> {
    pub(super) fn endpoint(&mut self, m: &Mock, ep: &Endpoint) {
        let index = self.index;
        let statuses: &[Answer<'_>] =
            index.contracts.get(&(ep.0.as_str(), ep.1.as_str(), ep.2.as_str())).map_or(&[], Vec::as_slice);
        let site = Site { mock: m, key: None };
        if let Some(msg) = status_never_seen(ep, statuses, m.status) {
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
        let (key, contract) = match content_type_mismatch(statuses, m.status, m.media_type.as_deref()) {
            Ok(chosen) => chosen,
            Err((key, msg)) => {
                self.push_mock_finding(
                    Kind::ContentTypeMismatch,
                    &Site { mock: m, key: Some(key) },
                    m.status_line,
                    msg,
                );
                return;
            }
        };
        self.covered.insert(key.clone());
        let site = Site { mock: m, key: Some(key) };
        if let Some(msg) = unverified(contract, self.opts.now, self.opts.stale_after) {
            let f = self.finding(Kind::Unverified, &site, &m.file, m.line, &[], msg, None, Some(evidence_of(contract)));
            self.findings.push(f);
            return;
        }
        if too_little_evidence(contract, self.opts.min_samples).is_none()
            && let Some(last) = self.mocks.last_mut()
        {
            last.evidenced = true;
        }
        if let Some((ms, line)) = m.delay
            && let Some(msg) = latency_drift(contract, ms, self.opts.min_samples)
        {
            let ev = Evidence {
                count: contract.latency.count,
                of: contract.latency.count,
                ratio: 1.0,
                ..evidence_of(contract)
            };
            let f = self.finding(Kind::LatencyDrift, &site, &m.file, line, &[], msg, Some(ms.into()), Some(ev));
            self.findings.push(f);
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
        if let Some(msg) = production_not_json(key, contract) {
            let ev = Some(evidence_of(contract));
            let f = self.finding(Kind::BodyNotCompared, &site, &m.body_file, m.line, &[], msg, None, ev);
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
        if let Some(why) = too_little_evidence(contract, self.opts.min_samples) {
            for f in &mut self.findings[before..] {
                f.severity = Severity::Info;
                f.message.push_str(&why);
            }
        }
    }

    /// Validates the mock body against the production JSON Schema and, when the mock drifted,
    /// keeps its body beside one built from production's shape.
    fn check_schema_and_show(&mut self, m: &Mock, key: &EndpointKey, contract: &Contract, body: &Node, drift: bool) {
        let validator = self.validators.entry(key.clone()).or_insert_with(|| {
            super::schema::Schema::new(mockdrift_contracts::schema::to_json_schema(&contract.response))
        });
        let schema_errors: Vec<String> = match validator {
            Some(v) if !m.templated && m.matchers.is_empty() => v.errors(body, 5),
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
        let (a, b) = (pretty(&body.to_value_within(SHOWN_ITEMS)), pretty(&production));
        let diff = similar::TextDiff::from_lines(&a, &b)
            .unified_diff()
            .context_radius(3)
            .header("mock", &format!("production ({} responses)", contract.count))
            .to_string();
        self.bodies.push(BodyDiff { file: self.rel(&m.body_file), name: m.name.clone(), diff, schema_errors });
    }
}

/// `latency_drift`: the mock's fixed delay (`ms`) is under a tenth of production's median
/// (tests never see the slowness production has), or over ten times its p99 (tests wait for
/// nothing, or exercise timeouts production never reaches). Needs `min_samples` timed
/// responses.
fn latency_drift(contract: &Contract, ms: f64, min_samples: u64) -> Option<String> {
    let l = &contract.latency;
    if l.count < min_samples.max(1) {
        return None;
    }
    let [p50, _, p99] = l.summary()?;
    let shown = |x: f64| if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x}") };
    if ms * 10.0 < p50 {
        Some(format!(
            "the mock answers after {} ms; production's median is {} ms ({} timed responses): under a tenth of it, tests never see the slowness production has",
            shown(ms),
            shown(p50),
            l.count
        ))
    } else if ms > p99 * 10.0 {
        Some(format!(
            "the mock waits {} ms; production's p99 is {} ms ({} timed responses): over ten times it, tests wait for nothing or reach timeouts production never does",
            shown(ms),
            shown(p99),
            l.count
        ))
    } else {
        None
    }
}

/// `status_never_seen`: the endpoint answered, but never with the mocked status.
fn status_never_seen(ep: &Endpoint, statuses: &[Answer<'_>], status: u16) -> Option<String> {
    if statuses.iter().any(|(k, _)| k.status == status) {
        return None;
    }
    let seen: Vec<String> = statuses.iter().map(|(k, c)| format!("{} ({}x)", k.status, c.count)).collect();
    Some(format!("production answered {} {} with {}, never {status}", ep.1, ep.2, seen.join(", ")))
}

/// `content_type_mismatch`: the contract a mock of this status is compared with: the one of
/// its media type, or production's most common one when the mock names none. When the mock
/// names a media type production never sent with this status, the finding's message and the
/// most common contract it names instead. `statuses` has the mocked status.
fn content_type_mismatch<'a>(
    statuses: &[Answer<'a>],
    status: u16,
    media_type: Option<&str>,
) -> Result<Answer<'a>, (&'a EndpointKey, String)> {
    let same_status = statuses.iter().filter(|(k, _)| k.status == status);
    let common = same_status.clone().max_by_key(|(_, c)| c.count).copied().expect("the status was seen");
    let Some(mt) = media_type else { return Ok(common) };
    if let Some(chosen) = same_status.clone().find(|(k, _)| k.media_type == mt) {
        return Ok(*chosen);
    }
    let (key, c) = common;
    let msg = format!(
        "the mock serves {mt}; production sends {} for {} ({} of {} responses)",
        if key.media_type.is_empty() { "no content type" } else { &key.media_type },
        key.status,
        c.count,
        same_status.map(|(_, c)| c.count).sum::<u64>()
    );
    Err((key, msg))
}

/// `unverified`: no production traffic for the endpoint within `stale_after` of `now`: the
/// contract is no evidence either way.
fn unverified(contract: &Contract, now: Ts, stale_after: std::time::Duration) -> Option<String> {
    let cutoff = Ts(now.0 - stale_after.as_millis() as i64);
    if contract.last_seen >= cutoff {
        return None;
    }
    let days = (now.0 - contract.last_seen.0) / 86_400_000;
    Some(format!(
        "no production traffic for this endpoint since {} ({days} days; --stale-after {}): no evidence either way",
        contract.last_seen.date(),
        flag_duration(stale_after)
    ))
}

/// A duration as the flags take it: `14d`, `36h`, `90m`, `45s`.
fn flag_duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match s {
        0 => "0s".to_owned(),
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// `body_not_compared`: production's responses here are not JSON, so a JSON mock body has
/// nothing to be compared with.
fn production_not_json(key: &EndpointKey, contract: &Contract) -> Option<String> {
    if contract.bodies.json > 0 && !contract.response.is_empty() {
        return None;
    }
    let media = if key.media_type.is_empty() { "no content type" } else { key.media_type.as_str() };
    Some(format!(
        "body not compared: production's responses here are not JSON ({media}, {} of {})",
        contract.bodies.not_json, contract.count
    ))
}

/// The `--min-samples` demotion: a contract seen fewer times than that turns its body
/// findings into info, with this said in their messages.
fn too_little_evidence(contract: &Contract, min_samples: u64) -> Option<String> {
    (contract.count < min_samples).then(|| {
        format!(
            " (only {} responses recorded, below --min-samples {min_samples}: too little evidence to call it drift)",
            contract.count
        )
    })
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{snapshot, t};
    use super::*;

    fn answers(snap: &mockdrift_contracts::Snapshot) -> Vec<Answer<'_>> {
        snap.contracts.iter().collect()
    }

    fn ep() -> Endpoint {
        ("shop".into(), "GET".into(), "/items/{id}".into())
    }

    #[test]
    fn a_status_the_endpoint_never_answered_is_named_with_the_ones_it_did() {
        let snap = snapshot("shop", &[("/items/1", 200, "{}"), ("/items/2", 200, "{}"), ("/items/x", 404, "{}")]);
        let a = answers(&snap);
        assert_eq!(status_never_seen(&ep(), &a, 200), None);
        assert_eq!(status_never_seen(&ep(), &a, 404), None);
        let msg = status_never_seen(&ep(), &a, 500).expect("500 was never answered");
        assert!(msg.starts_with("production answered GET /items/{id} with "), "{msg}");
        assert!(msg.contains("200 (2x)") && msg.contains("404 (1x)") && msg.ends_with(", never 500"), "{msg}");
    }

    #[test]
    fn the_media_type_picks_the_contract_or_is_the_finding() {
        let mut snap = snapshot("shop", &[("/a", 200, "{}"), ("/a", 200, "{}"), ("/a", 200, "{}")]);
        // One response of another media type: the less common one.
        let (k, c) = snap.contracts.iter().next().map(|(k, c)| (k.clone(), c.clone())).expect("one");
        let mut problem = k.clone();
        problem.media_type = "application/problem+json".into();
        let mut once = c.clone();
        once.count = 1;
        snap.contracts.insert(problem, once);
        let a = answers(&snap);
        let (k, _) = content_type_mismatch(&a, 200, None).expect("no media type: the common one");
        assert_eq!(k.media_type, "application/json");
        let (k, _) = content_type_mismatch(&a, 200, Some("application/problem+json")).expect("its own");
        assert_eq!(k.media_type, "application/problem+json", "the mock's media type, though rarer");
        let (k, msg) = content_type_mismatch(&a, 200, Some("text/html")).expect_err("never sent");
        assert_eq!(k.media_type, "application/json");
        assert!(msg.contains("the mock serves text/html; production sends application/json for 200 (3 of 4"), "{msg}");
    }

    #[test]
    fn an_endpoint_without_recent_traffic_is_unverified() {
        let snap = snapshot("shop", &[("/a", 200, "{}")]);
        let (_, c) = answers(&snap)[0];
        let day = std::time::Duration::from_secs(86_400);
        assert_eq!(unverified(c, t("2026-11-25T00:00:00Z"), 14 * day), None);
        // Exactly `stale_after` old is still evidence; a millisecond more is not.
        assert_eq!(unverified(c, t("2026-12-04T10:00:00Z"), 14 * day), None);
        assert!(unverified(c, t("2026-12-04T10:00:00.001Z"), 14 * day).is_some());
        let msg = unverified(c, t("2026-12-20T00:00:00Z"), 14 * day).expect("30 days old");
        assert!(msg.contains("since 2026-11-20 (29 days; --stale-after 14d)"), "{msg}");
        assert_eq!(flag_duration(36 * std::time::Duration::from_secs(3600)), "36h");
    }

    #[test]
    fn a_body_is_not_compared_with_production_that_is_not_json() {
        let json = snapshot("shop", &[("/a", 200, r#"{"id": 1}"#)]);
        let (k, c) = answers(&json)[0];
        assert_eq!(production_not_json(k, c), None);
        let html = snapshot("shop", &[("/a", 200, "<html>")]);
        let (k, c) = answers(&html)[0];
        let msg = production_not_json(k, c).expect("not JSON");
        assert!(
            msg.starts_with("body not compared: production's responses here are not JSON (application/json"),
            "{msg}"
        );
    }

    #[test]
    fn findings_on_little_evidence_are_demoted_with_the_reason() {
        let snap = snapshot("shop", &[("/a", 200, "{}"), ("/a", 200, "{}")]);
        let (_, c) = answers(&snap)[0];
        assert_eq!(too_little_evidence(c, 2), None);
        let why = too_little_evidence(c, 3).expect("2 < 3");
        assert!(why.contains("only 2 responses recorded, below --min-samples 3"), "{why}");
    }

    #[test]
    fn a_shown_body_keeps_three_items_of_an_array_and_counts_the_rest() {
        let v = serde_json::json!({"items": [1, 2, 3, 4, 5, 6], "few": [1, 2, 3, 4]});
        let s = shortened(&v);
        assert_eq!(s["items"], serde_json::json!([1, 2, 3, "... 3 more items"]));
        assert_eq!(s["few"], serde_json::json!([1, 2, 3, 4]));
    }

    #[test]
    fn a_fixed_delay_far_from_production_s_latency_is_drift() {
        let mut c = Contract::new(Ts(0));
        // 100 responses from 40 to 139 ms: median about 90, p99 about 138.
        for i in 0..100 {
            c.latency.add(40.0 + f64::from(i), 1);
        }
        let low = latency_drift(&c, 5.0, 20).expect("5 ms is under a tenth of the median");
        assert!(low.starts_with("the mock answers after 5 ms; production's median is 90.1 ms"), "{low}");
        assert!(low.contains("(100 timed responses)"), "{low}");
        let high = latency_drift(&c, 2000.0, 20).expect("2 s is over ten times the p99");
        assert!(high.starts_with("the mock waits 2000 ms; production's p99 is 140 ms"), "{high}");
        assert_eq!(latency_drift(&c, 9.5, 20), None, "a tenth of the median is fine");
        assert_eq!(latency_drift(&c, 1000.0, 20), None);
        // Too few timed responses: no verdict.
        assert_eq!(latency_drift(&c, 5.0, 101), None);
    }
}
