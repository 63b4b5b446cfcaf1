use serde_json::json;

use super::*;
use crate::exchange::Message;
use crate::ts::Ts;

fn x(service: &str, path: &str, status: u16, body: serde_json::Value, t: i64) -> Exchange {
    Exchange {
        service: service.into(),
        method: "GET".into(),
        path: path.into(),
        query: String::new(),
        status,
        time: Ts(t),
        duration_ms: 1.0,
        request: Message::default(),
        response: Message {
            headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into())],
            body: serde_json::to_vec(&body).expect("json"),
            truncated: false,
        },
    }
}

/// Traffic in which every string value recurs in at least three exchanges per half, so the
/// rare-value rule cannot make the two sides differ (see `values_rare_on_both_sides_stay_hashed`).
fn traffic() -> Vec<Exchange> {
    let mut out = Vec::new();
    for i in 0..24i64 {
        let status = ["active", "closed"][(i % 2) as usize];
        let mut body = json!({"id": i, "status": status, "total": {"amount": i * 10, "currency": "EUR"}});
        if i >= 12 {
            body["risk"] = json!(0.5);
        }
        if i % 6 == 0 {
            body["note"] = serde_json::Value::Null;
        }
        out.push(x("payments", &format!("/v1/charges/{i}"), 200, body, 1_000 * i));
        if i % 4 == 0 {
            out.push(x("payments", &format!("/v1/charges/{i}"), 404, json!({"error": "not_found"}), 1_000 * i + 1));
        }
        out.push(x(
            "users",
            &format!("/users/{}", i % 5),
            200,
            json!({"name": "n", "tags": ["a", "b"]}),
            1_000 * i + 2,
        ));
    }
    out
}

fn recorder(dir: &std::path::Path) -> Recorder {
    Recorder::new(RecorderConfig::default(), Some(Store::open(dir).expect("open"))).expect("recorder").0
}

#[test]
fn merging_snapshots_equals_recording_both_traffics() {
    let all = traffic();
    // Interleave the halves so both sides see every endpoint.
    let (a, b): (Vec<_>, Vec<_>) = all.iter().enumerate().partition(|(i, _)| (i / 3) % 2 == 0);
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().expect("tempdir")).collect();
    let mut ra = recorder(dirs[0].path());
    let mut rb = recorder(dirs[1].path());
    let mut rall = recorder(dirs[2].path());
    a.iter().for_each(|(_, x)| drop(ra.record(x)));
    b.iter().for_each(|(_, x)| drop(rb.record(x)));
    all.iter().for_each(|x| drop(rall.record(x)));
    for r in [&mut ra, &mut rb, &mut rall] {
        r.flush().expect("flush");
    }
    let read = |r: &Recorder| Snapshot::from_json(&r.snapshot().to_json()).expect("roundtrip");
    let mut merged = read(&ra);
    merged.merge(&read(&rb), &Limits::default());
    let whole = read(&rall);
    assert_eq!(merged.to_json(), whole.to_json());
    // And the other way round, through a store import.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut imported = recorder(dir.path());
    imported.import(&read(&rb));
    imported.import(&read(&ra));
    assert_eq!(imported.snapshot().to_json(), whole.to_json());
}

#[test]
fn values_rare_on_both_sides_stay_hashed() {
    // The documented exception: a value seen twice on each side reaches the threshold only in
    // the merge. No side may store its text, so the merge keeps the hash (still a known value).
    let mk = |t| x("s", "/a", 200, json!({"kind": "gold"}), t);
    let mut a = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut b = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    for t in 0..2 {
        a.record(&mk(t));
        b.record(&mk(t + 10));
    }
    let mut merged = a.snapshot();
    merged.merge(&b.snapshot(), &Limits::default());
    let c = merged.contracts.values().next().expect("one contract");
    let kind = &c.response.object.as_ref().expect("object").fields["kind"].shape;
    let strings = kind.string.as_ref().expect("string");
    assert!(!serde_json::to_string(&strings.values).expect("json").contains("gold"));
    assert_eq!(strings.has_value("gold"), Some(true));
    assert_eq!(strings.enum_values(), None);
}

#[test]
fn a_reopened_store_records_as_its_endpoints_teach_from_the_first_exchange() {
    let dir = tempfile::tempdir().expect("tempdir");
    let customer = |i: i64| json!({"id": i, "name": "n", "email": "e", "balance": i * 10});
    let found = json!({"object": "search_result", "data": [customer(1)], "has_more": false});
    {
        let mut r = recorder(dir.path());
        for i in 0..40 {
            r.record(&x(
                "shop",
                &format!("/v1/customers/c{}-{}x", ["ada", "bob"][i % 2], i),
                200,
                customer(i as i64),
                i as i64,
            ));
        }
        r.relearn_now();
        for t in 0..3 {
            r.record(&x("shop", "/v1/customers/search", 200, found.clone(), 100 + t));
        }
        r.flush().expect("flush");
    }
    // Reopened (a restarted proxy), with no relearn yet: a new value goes to the template
    // the store holds, not to an endpoint of its own; `search`, which answered apart, does.
    let mut r = recorder(dir.path());
    r.record(&x("shop", "/v1/customers/dee-77x", 200, customer(77), 200));
    r.record(&x("shop", "/v1/customers/search", 200, found, 201));
    let keys: Vec<String> = r.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    assert_eq!(keys, ["/v1/customers/search", "/v1/customers/{customer}"]);
    assert_eq!(r.snapshot().contracts.values().map(|c| c.count).sum::<u64>(), 45);
}

#[test]
fn relearning_some_services_leaves_the_others_as_they_are() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let customer = |i: i64| json!({"id": i, "name": "n", "balance": i * 10});
    for i in 0..40 {
        r.record(&x(
            "shop",
            &format!("/v1/customers/c{}-{i}x", ["ada", "bob"][i % 2]),
            200,
            customer(i as i64),
            i as i64,
        ));
        r.record(&x("blog", &format!("/posts/p{}-{i}x", ["ann", "ben"][i % 2]), 200, customer(i as i64), i as i64));
    }
    let count = |r: &Recorder, svc: &str| r.snapshot().contracts.keys().filter(|k| k.service == svc).count();
    assert_eq!((count(&r, "shop"), count(&r, "blog")), (40, 40), "no relearn yet: literals");
    r.relearn_services(Some(&BTreeSet::from(["blog".to_owned()])));
    assert_eq!((count(&r, "shop"), count(&r, "blog")), (40, 1));
    r.record(&x("shop", "/v1/customers/dee-77x", 200, customer(77), 100));
    r.relearn_now();
    assert_eq!((count(&r, "shop"), count(&r, "blog")), (1, 1));
}

#[test]
fn a_merge_that_moves_equals_one_that_copies() {
    let mut a = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut b = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    for t in 0..6 {
        a.record(&x("s", "/a", 200, json!({"n": t, "kind": "gold"}), t));
        b.record(&x("s", if t % 2 == 0 { "/a" } else { "/b" }, 200, json!({"n": "x", "more": t}), t + 10));
    }
    let (sa, sb) = (a.snapshot(), b.snapshot());
    let mut copied = sa.clone();
    copied.merge(&sb, &Limits::default());
    let mut moved = sa;
    moved.merge_owned(sb, &Limits::default());
    assert_eq!(moved.contracts.len(), 2);
    assert_eq!(moved.to_json(), copied.to_json());
}

#[test]
fn contracts_survive_reopen_and_handles_see_flushes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expected = {
        let mut r = recorder(dir.path());
        let h = r.handle();
        for e in traffic() {
            r.record(&e);
        }
        assert!(h.snapshot().contracts.is_empty(), "nothing published before a flush");
        r.flush().expect("flush");
        assert_eq!(h.snapshot().contracts.len(), r.len());
        r.snapshot().to_json()
    };
    let r = recorder(dir.path());
    assert_eq!(r.snapshot().to_json(), expected);
    let key = r.snapshot().contracts.keys().find(|k| k.status == 404).cloned().expect("a 404");
    assert_eq!(key.path, "/v1/charges/{charge_id}");
    assert_eq!(key.media_type, "application/json");
}

#[test]
fn late_and_optional_fields_are_facts_in_the_contract() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    for e in traffic() {
        r.record(&e);
    }
    let snap = r.snapshot();
    let c = snap
        .contracts
        .iter()
        .find(|(k, _)| k.service == "payments" && k.status == 200)
        .map(|(_, c)| c)
        .expect("contract");
    let o = c.response.object.as_ref().expect("object");
    let risk = &o.fields["risk"];
    assert_eq!((risk.present, o.count), (12, 24));
    assert!(risk.present_since_first_seen());
    assert_eq!(risk.first_seen, Ts(12_000));
    assert!(o.is_required(&o.fields["total"]));
    let status = o.fields["status"].shape.string.as_ref().expect("string");
    assert_eq!(status.enum_values(), Some(vec!["active", "closed"]));
    assert_eq!(o.fields["note"].shape.null, 4);
    assert_eq!(c.examples.len(), 3);
}

#[test]
fn truncated_and_non_json_bodies_count_toward_status_only() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut big = x("s", "/a", 200, json!({"a": 1}), 0);
    big.response.truncated = true;
    assert_eq!(r.record(&big), Recorded::Truncated);
    assert_eq!(r.record(&x("s", "/a", 200, json!({"a": 1}), 1)), Recorded::Json);
    let mut html = x("s", "/a", 200, json!(null), 2);
    html.response.headers = vec![("content-type".into(), "text/html".into())];
    html.response.body = b"<html></html>".to_vec();
    assert_eq!(r.record(&html), Recorded::NotJson);
    let mut broken = x("s", "/a", 200, json!(null), 3);
    broken.response.body = b"{\"a\": }".to_vec();
    assert!(matches!(r.record(&broken), Recorded::ParseError(e) if e.contains("line 1 column 7")));
    let snap = r.snapshot();
    let (json_key, c) = snap.contracts.iter().find(|(k, _)| k.media_type == "application/json").expect("json contract");
    assert_eq!(json_key.status, 200);
    assert_eq!(c.count, 3);
    assert_eq!((c.bodies.json, c.bodies.truncated, c.bodies.parse_errors), (1, 1, 1));
    // The truncated body did not make "a" optional.
    let o = c.response.object.as_ref().expect("object");
    assert!(o.is_required(&o.fields["a"]));
    let html_key = snap.contracts.keys().find(|k| k.media_type == "text/html").expect("html contract");
    assert_eq!(snap.contracts[html_key].bodies.not_json, 1);
}

#[test]
fn a_hundred_megabyte_body_is_counted_as_truncated_not_parsed() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut big = x("s", "/blob", 200, json!(null), 0);
    let mut body = Vec::with_capacity(100 << 20);
    body.extend_from_slice(b"[");
    while body.len() < (100 << 20) {
        body.extend_from_slice(b"{\"a\":1},");
    }
    body.extend_from_slice(b"{}]");
    big.response.body = body;
    assert_eq!(r.record(&big), Recorded::Truncated);
    let snap = r.snapshot();
    let c = snap.contracts.values().next().expect("a contract");
    assert_eq!((c.count, c.bodies.truncated, c.bodies.json), (1, 1, 0));
    assert!(c.response.is_empty());
}

fn walk_files(dir: &std::path::Path, out: &mut Vec<u8>) {
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            walk_files(&p, out);
        } else {
            out.extend(std::fs::read(&p).expect("read"));
        }
    }
}

#[test]
fn planted_secrets_never_reach_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secrets = [
        "hunter2-pass",
        "sk_live_51Habcdefghij",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl",
        "ana.secret@example.org",
        "4111111111111111",
        "tok-in-query-99",
        "cookie-v4lue",
        "auth-h3ader",
    ];
    {
        let mut r = recorder(dir.path());
        for t in 0..5 {
            let mut e = x(
                "s",
                "/users/ana.secret@example.org",
                200,
                json!({
                    "password": secrets[0], "api": {"key": secrets[1]}, "session": secrets[2],
                    "contact": secrets[3], "card": {"number": secrets[4]}, "plain": "visible"
                }),
                t,
            );
            e.query = format!("access_token={}&page=2", secrets[5]);
            e.request.headers =
                vec![("Cookie".into(), secrets[6].into()), ("Authorization".into(), format!("Bearer {}", secrets[7]))];
            e.response.headers.push(("Set-Cookie".into(), format!("sid={}", secrets[6])));
            r.record(&e);
        }
        r.flush().expect("flush");
        let text = r.snapshot().to_json();
        assert!(text.contains("visible"), "the store has the non-secret value");
        for s in secrets {
            assert!(!text.contains(s), "{s} in the snapshot");
        }
    }
    let mut bytes = Vec::new();
    walk_files(dir.path(), &mut bytes);
    let hay = String::from_utf8_lossy(&bytes);
    assert!(hay.contains("visible"), "sled keeps records readable, so the grep below is meaningful");
    for s in secrets {
        assert!(!hay.contains(s), "{s} reached the sled directory");
    }
}

#[test]
fn exported_schema_is_valid_2020_12_and_accepts_the_samples() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let traffic = traffic();
    for e in &traffic {
        r.record(e);
    }
    let snap = r.snapshot();
    let meta = jsonschema::draft202012::meta::validate;
    for (key, c) in &snap.contracts {
        let schema = crate::schema::to_json_schema(&c.response);
        meta(&schema).unwrap_or_else(|e| panic!("{key}: {e}"));
        let validator = jsonschema::draft202012::new(&schema).expect("compiles");
        for e in traffic.iter().filter(|e| e.status == key.status && e.service == key.service) {
            let body: serde_json::Value = serde_json::from_slice(&e.response.body).expect("json");
            assert!(validator.is_valid(&body), "{key}: schema rejects {body}");
        }
        if key.service == "payments" && key.status == 200 {
            assert_eq!(schema["properties"]["status"]["enum"], json!(["active", "closed"]));
            assert_eq!(schema["required"], json!(["id", "status", "total"]));
            assert_eq!(schema["properties"]["risk"]["x-mockdrift-present-since-first-seen"], json!(true));
            assert!(!validator.is_valid(&json!({"id": 1, "status": "active"})), "total is required");
        }
    }
}

#[test]
fn endpoints_beyond_the_cap_are_counted_under_overflow() {
    let cfg = RecorderConfig {
        limits: Limits { max_endpoints_per_service: 3, ..Limits::default() },
        ..RecorderConfig::default()
    };
    let mut r = Recorder::new(cfg, None).expect("recorder").0;
    for i in 0..50 {
        // A high-cardinality literal segment (a file name) defeats templating.
        r.record(&x("files", &format!("/files/report-{i}.pdf"), 200, json!({"size": i}), i));
    }
    let snap = r.snapshot();
    assert_eq!(
        snap.contracts.len(),
        4,
        "three templates and the overflow: {:?}",
        snap.contracts.keys().collect::<Vec<_>>()
    );
    let overflow = snap.contracts.iter().find(|(k, _)| k.path == OVERFLOW_PATH).map(|(_, c)| c).expect("overflow");
    assert_eq!(overflow.count, 47);
    // Other services have their own budget.
    r.record(&x("other", "/a", 200, json!({}), 0));
    assert!(r.snapshot().contracts.keys().any(|k| k.service == "other" && k.path == "/a"));
}

#[test]
fn relearning_merges_literal_slugs_in_the_store_and_templates_what_comes_next() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut r = recorder(dir.path());
    // Repository names no value pattern reveals: each is a literal endpoint at first.
    let owners = ["rust-lang", "tokio-rs", "serde-rs", "hyperium", "octocat", "torvalds"];
    for (i, owner) in owners.iter().enumerate() {
        let body = json!({"name": "r", "owner": {"login": owner}, "stars": i});
        r.record(&x("github", &format!("/repos/{owner}/project-{i}"), 200, body, i as i64));
    }
    r.record(&x("github", "/users/me", 200, json!({"login": "me", "id": 1}), 10));
    r.flush().expect("flush");
    assert_eq!(r.len(), 7);

    assert_eq!(r.relearn(), 0, "seven endpoints: too few to learn from at a flush");
    assert_eq!(r.relearn_now(), 6, "six literal endpoints join one");
    assert_eq!(r.relearn_now(), 0, "nothing new since");
    let snap = r.snapshot();
    let repo = snap.contracts.iter().find(|(k, _)| k.path.starts_with("/repos/")).expect("a repo endpoint");
    assert_eq!(repo.0.path, "/repos/{owner}/{repo}");
    assert_eq!(repo.1.count, 6);
    assert!(snap.contracts.keys().any(|k| k.path == "/users/me"));
    // What comes next takes the learned template.
    r.record(&x("github", "/repos/zed/zed-editor", 200, json!({"name": "z", "owner": {"login": "zed"}}), 20));
    assert_eq!(r.snapshot().contracts.len(), 2);
    r.flush().expect("flush");
    drop(r);
    // The store holds the merged endpoint only: the literal ones went in the same batch.
    let reopened = recorder(dir.path());
    let paths: Vec<String> = reopened.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    assert_eq!(paths, ["/repos/{owner}/{repo}", "/users/me"]);
    assert_eq!(reopened.snapshot().contracts.values().map(|c| c.count).sum::<u64>(), 8);
}

#[test]
fn a_literal_recorded_before_its_parameter_joins_it_once_the_traffic_has_doubled() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    // A third of the categories have a discount: the slug below was recorded without one,
    // so it answers as the parameter's contract read without its optional fields.
    let item = |i: i64| {
        let mut c = json!({"id": i, "name": "n", "category_ref": "c", "position": i, "price": 3, "currency": "EUR"});
        if i % 3 == 0 {
            c["discount"] = json!({"percent": 10});
        }
        c
    };
    let notes = |i: i64| json!({"notes": ["a"], "category_id": i, "count": 1});
    // Categories by numeric id (a parameter by their form), their notes, and one slug seen
    // before anything was learned: nothing shows it is a value yet.
    let mut t = 0;
    let mut tick = || {
        t += 1;
        t
    };
    r.record(&x("shop", "/api/v1/categories/cotton-oak-3", 200, item(1), tick()));
    for i in 0..4 {
        r.record(&x("shop", &format!("/api/v1/categories/{}", 1000 + i), 200, item(i), tick()));
        r.record(&x("shop", &format!("/api/v1/categories/{}/notes", 2000 + i), 200, notes(i), tick()));
    }
    for res in ["products", "orders", "carts", "coupons", "refunds", "returns"] {
        r.record(&x("shop", &format!("/api/v1/{res}"), 200, json!({"data": [], res: true}), tick()));
    }
    r.relearn();
    assert_eq!(r.learned_at, 9, "eight endpoints and more: the first relearn");
    let paths = |r: &Recorder| -> Vec<String> { r.snapshot().contracts.keys().map(|k| k.path.clone()).collect() };
    assert!(paths(&r).contains(&"/api/v1/categories/cotton-oak-3".to_owned()), "{:?}", paths(&r));
    // The six collections, each seen once with a shape of its own, are not an open set.
    assert!(paths(&r).contains(&"/api/v1/products".to_owned()), "{:?}", paths(&r));
    // More of the same endpoints, among them other slugs that take the template: the
    // endpoints do not grow, the traffic does.
    let before = r.len();
    let mut i = 10;
    while r.relearn() == 0 {
        r.record(&x("shop", &format!("/api/v1/categories/{}", 1000 + i), 200, item(i), tick()));
        r.record(&x("shop", &format!("/api/v1/categories/slim-red-{i}"), 200, item(i), tick()));
        i += 1;
        assert!(i < 100, "no relearn once the traffic doubled: {:?}", paths(&r));
    }
    // Fifteen exchanges at the first relearn, two more each round: thirty-one at i = 18.
    assert_eq!(i, 18, "relearned when the exchanges had doubled, not before");
    assert!(!paths(&r).contains(&"/api/v1/categories/cotton-oak-3".to_owned()), "{:?}", paths(&r));
    assert_eq!(r.len(), before - 1);
}

#[test]
fn the_traffic_rule_waits_for_a_window_in_which_the_endpoints_settled() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let names = ["users", "orders", "carts", "coupons", "refunds", "returns", "invoices", "payments", "teams", "notes"];
    let hit = |r: &mut Recorder, i: usize, t: i64| {
        let name = names[i];
        r.record(&x("shop", &format!("/{name}"), 200, json!({ name: true, "n": t }), t))
    };
    // Each seen twice: names with shapes of their own, no open set.
    let mut t = 0;
    for i in (0..8).chain(0..8) {
        t += 1;
        hit(&mut r, i, t);
    }
    r.relearn();
    assert_eq!((r.learned_at, r.recorded_at), (8, 16), "the first relearn, at eight endpoints");
    // The exchanges double while the endpoints grow by a quarter: not settled, so the next
    // window starts here, and nothing is learned.
    for i in [8, 9, 8, 9].into_iter().chain(0..8).chain(0..4) {
        t += 1;
        hit(&mut r, i, t);
    }
    assert_eq!(r.relearn(), 0);
    assert_eq!((r.learned_at, r.recorded_at, r.window_at), (8, 32, 10), "the window moved on");
    // In the next window they stay: once the exchanges double again, a relearn.
    for k in 0..31 {
        t += 1;
        hit(&mut r, k % 10, t);
        r.relearn();
        assert_eq!(r.recorded_at, 32, "no relearn before the exchanges doubled ({} recorded)", r.recorded);
    }
    t += 1;
    hit(&mut r, 0, t);
    r.relearn();
    assert_eq!((r.learned_at, r.recorded_at), (10, 64), "relearned in a settled window");
}

#[test]
fn weighted_recording_counts_all_and_infers_from_one_and_says_when_the_contract_changed() {
    let mut rec = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let paid = |i: i64| x("payments", &format!("/v1/charges/{i}"), 200, json!({"id": i, "status": "paid"}), i);
    assert!(rec.record_weighted(&paid(1), 1).changed, "a new endpoint is news");
    assert!(!rec.record_weighted(&paid(2), 1).changed, "the same shape again is not");
    let r = rec.record_weighted(&paid(3), 10);
    assert_eq!((r.outcome, r.changed), (Recorded::Json, false));
    let late = x("payments", "/v1/charges/4", 200, json!({"id": 4, "status": "paid", "refund": null}), 4);
    assert!(rec.record_weighted(&late, 1).changed, "a new field is news");
    let snap = rec.snapshot();
    let (_, c) = snap.contracts.iter().next().expect("one endpoint");
    assert_eq!((c.count, c.sampled_out, c.observed()), (13, 9, 4));
    assert_eq!(c.bodies.json, 4, "bodies count what was inferred");
    assert_eq!(c.response_headers["content-type"], 4);
    let o = c.response.object.as_ref().expect("object");
    assert_eq!(o.count, c.observed(), "presence ratios stay within what was inferred");
    // Merging keeps the split, and the OpenAPI export still calls `id` required.
    let mut twice = c.clone();
    twice.merge(c, rec.limits());
    assert_eq!((twice.count, twice.sampled_out), (26, 18));
    let doc = crate::openapi::to_openapi(&snap, "payments");
    let schema =
        &doc["paths"]["/v1/charges/{charge_id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(schema["required"].as_array().is_some_and(|r| r.contains(&json!("id"))), "{schema}");
}

#[test]
fn endpoints_under_older_parameter_names_join_the_learned_template() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    for (i, owner) in ["rust-lang", "tokio-rs", "serde-rs", "hyperium", "octocat", "torvalds"].iter().enumerate() {
        r.record(&x("github", &format!("/repos/{owner}/project-{i}"), 200, json!({"name": "r"}), i as i64));
    }
    r.relearn_now();
    let mut snap = r.snapshot();
    assert_eq!(snap.contracts.keys().map(|k| k.path.as_str()).collect::<Vec<_>>(), ["/repos/{owner}/{repo}"]);
    // As an earlier version named it.
    let (mut k, c) = snap.contracts.pop_first().expect("one");
    k.path = "/repos/{repo_id}/{id}".to_owned();
    snap.contracts.insert(k, c);
    let mut fresh = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    fresh.import(&snap);
    fresh.record(&x("github", "/repos/zed/zed-editor", 200, json!({"name": "z"}), 9));
    fresh.relearn_now();
    let after = fresh.snapshot();
    let keys: Vec<&str> = after.contracts.keys().map(|k| k.path.as_str()).collect();
    assert_eq!(keys, ["/repos/{owner}/{repo}"]);
    assert_eq!(after.contracts.values().map(|c| c.count).sum::<u64>(), 7);
}

#[test]
fn a_literal_seen_with_many_queries_keeps_its_weight_beside_an_open_set() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    // `/users/me`, 2,000 times, each with its own query: its sample is eight `/users/me?...`.
    for i in 0..2000i64 {
        let mut me = x("shop", "/users/me", 200, json!({"login": "me", "id": 1}), i);
        me.query = format!("page={i}");
        r.record(&me);
    }
    // Beside it, 1,000 user names that no value pattern reveals, each seen once.
    let syl = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ba"];
    for i in 0..1000i64 {
        let name = format!("{}{}{}", syl[(i / 100) as usize], syl[(i / 10 % 10) as usize], syl[(i % 10) as usize]);
        r.record(&x("shop", &format!("/users/{name}"), 200, json!({"login": "u", "id": 2}), i));
    }
    r.relearn_now();
    let keys: Vec<String> = r.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    assert!(keys.iter().any(|k| k == "/users/me"), "the literal stays: {keys:?}");
    assert!(keys.iter().any(|k| k.starts_with("/users/{")), "the names join: {keys:?}");
    assert_eq!(keys.len(), 2, "{keys:?}");
}

/// Whatever the recorder stores it can read back: bodies nested at and beyond `max_depth` (in
/// objects, arrays, maps and both) are cut at the limit, the cut is counted, and the record,
/// the snapshot and its example all read back. (Found by sending a 40-level body through the
/// proxy: the contract was stored, then dropped as corrupt on reading.)
#[test]
fn bodies_of_any_depth_are_cut_on_write_and_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    // At the deepest limit a configuration may set.
    let max = Limits::MAX_DEPTH_CEILING;
    let config =
        || RecorderConfig { limits: Limits { max_depth: max, ..Limits::default() }, ..RecorderConfig::default() };
    let mut r = Recorder::new(config(), Some(Store::open(dir.path()).expect("open"))).expect("recorder").0;
    let kinds =
        [("o", "{\"k\": ", "}"), ("a", "[", "]"), ("m", "{\"2024-01-01\": {\"k\": ", "}}"), ("x", "{\"k\": [", "]}")];
    for (name, open, close) in kinds {
        for depth in [max - 1, max, max + 1, 40, 125, 300] {
            let levels = if open.len() > 6 { depth / 2 } else { depth };
            for i in 0..3 {
                let leaf = format!("{{\"status\": \"paid\", \"id\": {i}, \"t\": [1, \"a\", null, {{\"z\": true}}]}}");
                let body = format!("{}{leaf}{}", open.repeat(levels), close.repeat(levels));
                let mut e = x(&format!("{name}{depth}"), "/deep", 200, json!(null), 1_000 + i64::from(i));
                e.response.body = body.into_bytes();
                assert!(matches!(r.record(&e), Recorded::Json), "{name} {depth}");
            }
        }
    }
    r.flush().expect("flush");
    let wrote = r.snapshot();
    drop(r);
    let (store, bad) = Recorder::new(config(), Some(Store::open(dir.path()).expect("open"))).expect("reopen");
    assert!(bad.is_empty(), "every record reads back: {bad:?}");
    let read = store.snapshot();
    assert_eq!(read.contracts.len(), 24);
    assert_eq!(read, wrote);
    let text = wrote.to_json();
    assert_eq!(Snapshot::from_json(&text).expect("the snapshot reads back"), wrote);
    let deep = read.contracts.iter().find(|(k, _)| k.service == "o300").expect("deep").1;
    assert!(text.contains("\"cut\""), "the depth cut is recorded");
    assert!(deep.examples.is_empty() || serde_json::to_string(&deep.examples).is_ok());
}

/// A recorder that could not open its store at start records in memory, keeps every change
/// pending, and merges what the store held when it attaches later; one detached after a
/// failed write rewrites everything to the reopened store without counting twice.
#[test]
fn a_store_attached_late_or_again_gets_everything_counted_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let all = traffic();
    let (first, second) = all.split_at(all.len() / 2);
    {
        let mut r = recorder(dir.path());
        first.iter().for_each(|x| _ = r.record(x));
        r.flush().expect("flush");
    }
    // Started without its store (say the volume was read-only): memory only, changes pending.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    r.detach_store();
    second.iter().for_each(|x| _ = r.record(x));
    assert_eq!(r.flush().expect("nothing to write to"), 0);
    assert!(r.unflushed() > 0, "kept for the store");
    let bad = r.attach_store(Store::open(dir.path()).expect("open")).expect("attach");
    assert!(bad.is_empty());
    r.flush().expect("flush");
    let total = |snap: &Snapshot| snap.contracts.values().map(|c| c.count).sum::<u64>();
    assert_eq!(total(&r.snapshot()), all.len() as u64);
    // A failed write: detached, more traffic, the same store reopened.
    let path = r.detach_store().expect("had a store");
    second.iter().take(5).for_each(|x| _ = r.record(x));
    r.attach_store(Store::open(&path).expect("reopen")).expect("attach");
    r.flush().expect("flush");
    assert_eq!(r.unflushed(), 0);
    drop(r);
    let (reopened, bad) =
        Recorder::new(RecorderConfig::default(), Some(Store::open(dir.path()).expect("open"))).expect("recorder");
    assert!(bad.is_empty());
    assert_eq!(total(&reopened.snapshot()), all.len() as u64 + 5, "every exchange once");
}

#[test]
fn a_literal_recorded_into_a_learned_parameter_is_told_apart_by_what_it_answered() {
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let customer = |i: i64| json!({"id": i, "name": "n", "email": "e", "balance": i * 10});
    // Forty customers by name, each seen once: an open set, more than the sample of eight
    // paths a contract keeps.
    let (first, last) = (
        ["ada", "alan", "grace", "edsger", "barbara"],
        ["lovelace", "turing", "hopper", "liskov", "knuth", "ritchie", "hoare", "backus"],
    );
    for (i, (f, l)) in first.iter().flat_map(|f| last.iter().map(move |l| (f, l))).enumerate() {
        r.record(&x("shop", &format!("/v1/customers/{f}-{l}"), 200, customer(i as i64), i as i64));
    }
    r.relearn_now();
    let keys = |r: &Recorder| r.snapshot().contracts.keys().map(|k| k.path.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&r), ["/v1/customers/{customer}"]);
    // `search` comes after the customers were learned: the template takes it in, and the
    // contract's shape now holds both answers.
    let found = json!({"object": "search_result", "data": [customer(1)], "has_more": false});
    for t in 0..3 {
        r.record(&x("shop", "/v1/customers/search", 200, found.clone(), 100 + t));
    }
    assert_eq!(keys(&r), ["/v1/customers/{customer}"]);
    // Its path is kept with what it answered, beside the sample (which left it out).
    let snap = r.snapshot();
    let c = snap.contracts.values().next().expect("one");
    assert!(c.paths.iter().all(|p| p.path != "/v1/customers/search"), "{:?}", c.paths);
    assert_eq!(c.apart.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["/v1/customers/search"]);
    // The next relearn leaves it a literal of its own, and what comes next is recorded there.
    r.relearn_now();
    r.record(&x("shop", "/v1/customers/search", 200, found.clone(), 200));
    r.record(&x("shop", "/v1/customers/mary-shelley", 200, customer(9), 201));
    assert_eq!(keys(&r), ["/v1/customers/search", "/v1/customers/{customer}"]);
    let c = &r.snapshot().contracts;
    assert_eq!(c.values().map(|c| c.count).sum::<u64>(), 45, "every exchange counted once");
}

#[test]
fn recording_in_a_batch_equals_recording_one_at_a_time() {
    // Many endpoints over two services, a cap that sends some to the overflow, bodies that
    // do not parse, literals recorded into a learned parameter (apart samples), headers.
    let mut xs = traffic();
    let customer = |i: i64| json!({"id": i, "name": "n", "balance": i * 10});
    for i in 0..40i64 {
        xs.push(x("shop", &format!("/v1/customers/c{i}x"), 200, customer(i), 5_000 + i));
        xs.push(x("files", &format!("/files/report-{}.pdf", i % 9), 200, json!({"size": i}), 6_000 + i));
        let mut bad = x("shop", &format!("/v1/orders/o{}", i % 3), 200, json!({}), 7_000 + i);
        bad.response.body = b"{\"id\": ".to_vec();
        bad.response.headers.push(("X-Request-Id".into(), format!("r{i}")));
        xs.push(bad);
    }
    xs.push(x("shop", "/v1/customers/search", 200, json!({"object": "search_result", "data": [customer(1)]}), 9_000));
    let cfg = || RecorderConfig {
        limits: Limits { max_endpoints_per_service: 6, ..Limits::default() },
        ..RecorderConfig::default()
    };
    let learned = |r: &mut Recorder| {
        r.set_learned("shop", vec![crate::template::Route::parse("/v1/customers/{customer}").expect("route")])
    };
    let mut one = Recorder::new(cfg(), None).expect("recorder").0;
    learned(&mut one);
    let outcomes: Vec<Recorded> = xs.iter().map(|x| one.record(x)).collect();
    let mut batch = Recorder::new(cfg(), None).expect("recorder").0;
    learned(&mut batch);
    // On three threads, whatever the machine has.
    let (head, tail) = xs.split_at(70);
    let mut batched = batch.record_all_on(&head.iter().collect::<Vec<_>>(), 3);
    batched.extend(batch.record_all_on(&tail.iter().collect::<Vec<_>>(), 3));
    assert_eq!(batched, outcomes);
    assert!(outcomes.iter().any(|o| matches!(o, Recorded::ParseError(_))));
    let (a, b) = (one.snapshot(), batch.snapshot());
    assert!(a.contracts.keys().any(|k| k.path == OVERFLOW_PATH), "the cap was reached");
    assert!(a.contracts.values().any(|c| !c.apart.is_empty()), "a literal was kept apart");
    let json = |s: &Snapshot| serde_json::to_value(s.contracts.iter().collect::<Vec<_>>()).expect("json");
    assert_eq!(json(&a), json(&b));
    assert_eq!(batch.pending(), one.pending());
}

#[test]
fn paths_of_an_endpoint_that_joined_its_siblings_do_not_vouch_for_the_join() {
    // Four kinds of git object recorded into one endpoint that joined them (a sidecar's early
    // relearn on thin evidence): every path of it answers as that one endpoint does, which
    // says nothing about whether blobs and trees answer alike.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    r.set_learned("gh", vec![crate::template::Route::parse("/repos/{owner}/{repo}/git/{kind}/{sha}").expect("route")]);
    let kinds = ["blobs", "commits", "trees", "tags"];
    let mut t = 0;
    for round in 0..6u64 {
        for (i, kind) in kinds.iter().enumerate() {
            let mut body = json!({"sha": "x", "url": "u"});
            body[format!("{kind}_field")] = json!(i);
            let path = format!("/repos/acme/spark/git/{kind}/{:040x}", round * 16 + i as u64 + 1);
            r.record(&x("gh", &path, 200, body, t));
            t += 1;
        }
    }
    assert_eq!(r.len(), 1, "one endpoint joined them");
    r.relearn_now();
    let key = |r: &mut Recorder, kind: &str| {
        r.record(&x("gh", &format!("/repos/acme/spark/git/{kind}/{:040x}", 999), 200, json!({"sha": "y"}), 1_000));
        r.snapshot()
            .contracts
            .keys()
            .map(|k| k.path.clone())
            .find(|p| p.contains(&format!("/{kind}/")))
            .unwrap_or_default()
    };
    for kind in kinds {
        assert!(key(&mut r, kind).contains(&format!("/git/{kind}/")), "{kind} stays a literal");
    }
}

#[test]
fn a_databases_tables_answering_one_row_envelope_stay_apart_through_relearns() {
    // Nine tables of forty rows each, every row page one generic envelope (Datasette's): a
    // relearn reads each table's rows from its contract's sample of eight paths, which must
    // not make them look like owners with a few items each.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let tables =
        ["invoices", "suppliers", "shipments", "refunds", "coupons", "carts", "reviews", "payouts", "disputes"];
    let row = |t: &str| json!({"database": "db", "table": t, "rows": [[1, "a"]], "columns": ["id", "name"]});
    let mut t = 0;
    for round in 0..2 {
        for table in tables {
            for i in 0..40 {
                // Names, not numbers: rows by a slug.
                let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
                let path = format!("/db/{table}/{}{}-{}", letter(i), letter(i / 26), letter(i * 7 + round));
                r.record(&x("db", &path, 200, row(table), t));
                t += 1;
            }
        }
        r.relearn_now();
    }
    let mut paths: Vec<String> = r.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    paths.dedup();
    assert_eq!(paths.len(), tables.len(), "{paths:?}");
    assert!(paths.iter().all(|p| tables.iter().any(|t| p.starts_with(&format!("/db/{t}/{{")))), "{paths:?}");
}

#[test]
fn a_literal_sampled_into_a_parameter_before_it_was_learned_apart_answers_as_its_own_endpoint() {
    // A sidecar records `/user/codespaces/secrets` into `{codespace}` (its first exchange
    // there, so nothing yet tells it apart), learns it apart later and records it as its own
    // endpoint. The stale sample must not vouch for `secrets` as one of the codespaces when
    // the templates are learned again from the contracts (a merge of snapshots).
    let route = |s: &str| crate::template::Route::parse(s).expect("route");
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    r.set_learned("gh", vec![route("/user/codespaces/{codespace}"), route("/user/codespaces/{codespace}/machines")]);
    let secrets = || json!({"total_count": 2, "secrets": [{"name": "a"}]});
    let codespace = |i: i64| json!({"id": i, "name": "c", "machine": {"cpus": 2}, "state": "Available"});
    let mut t = 0;
    let mut rec = |r: &mut Recorder, path: &str, body: serde_json::Value| {
        r.record(&x("gh", path, 200, body, t));
        t += 1;
    };
    rec(&mut r, "/user/codespaces/secrets", secrets());
    for (i, cs) in ["cloud-acme", "drift-world", "hello-linux", "nova-react", "rust-rust"].iter().enumerate() {
        rec(&mut r, &format!("/user/codespaces/{cs}"), codespace(i as i64));
        rec(&mut r, &format!("/user/codespaces/{cs}/machines"), json!({"machines": [{"cpus": 2}]}));
    }
    r.set_learned(
        "gh",
        vec![
            route("/user/codespaces/secrets"),
            route("/user/codespaces/secrets/public-key"),
            route("/user/codespaces/{codespace}"),
            route("/user/codespaces/{codespace}/machines"),
        ],
    );
    for _ in 0..3 {
        rec(&mut r, "/user/codespaces/secrets", secrets());
        rec(&mut r, "/user/codespaces/secrets/public-key", json!({"key_id": "k", "key": "v"}));
    }
    let mut contracts = r.snapshot().contracts;
    let stale = contracts.iter().find(|(k, _)| k.path == "/user/codespaces/{codespace}").expect("the parameter");
    assert!(stale.1.paths.iter().any(|p| p.path == "/user/codespaces/secrets"), "the stale sample is there");
    let mut templater = crate::template::Templater::new(Vec::new());
    crate::learn::retemplate(&mut contracts, &mut templater, &Limits::default());
    assert_eq!(templater.template_for("gh", "/user/codespaces/secrets"), "/user/codespaces/secrets");
    assert_eq!(
        templater.template_for("gh", "/user/codespaces/rust-rust/machines"),
        "/user/codespaces/{codespace}/machines"
    );
    assert!(
        contracts.keys().any(|k| k.path == "/user/codespaces/secrets"),
        "{:?}",
        contracts.keys().collect::<Vec<_>>()
    );
}

/// A recorder that learned `/repos/{owner}/{repo}` and the endpoints `below` it, and recorded
/// three repositories of each of `owners` at each (the owners held as values by all of them).
fn recorder_holding_owners(owners: &[&str], below: &[&str]) -> Recorder {
    let route = |s: &str| crate::template::Route::parse(s).expect("route");
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut routes = vec![route("/repos/{owner}/{repo}")];
    routes.extend(below.iter().map(|b| route(&format!("/repos/{{owner}}/{{repo}}/{b}"))));
    r.set_learned("gh", routes);
    let mut t = 0;
    for o in owners {
        for name in ["spark", "tools", "docs"] {
            r.record(&x("gh", &format!("/repos/{o}/{name}"), 200, json!({"id": 1, "full_name": "o/x"}), t));
            for (i, b) in below.iter().enumerate() {
                let body = json!([{"number": i, "title": "t", "kind": b}]);
                r.record(&x("gh", &format!("/repos/{o}/{name}/{b}"), 200, body, t));
            }
            t += 1;
        }
    }
    r
}

/// The endpoint templates after learning again from the contracts, as a merge does.
fn relearned(r: &Recorder) -> Vec<String> {
    let mut contracts = r.snapshot().contracts;
    let mut templater = crate::template::Templater::new(Vec::new());
    crate::learn::retemplate(&mut contracts, &mut templater, &Limits::default());
    let mut paths: Vec<String> = contracts.keys().map(|k| k.path.clone()).collect();
    paths.dedup();
    paths
}

#[test]
fn owners_kept_literal_by_a_thin_sidecar_are_values_where_the_endpoints_hold_them_as_values() {
    // Endpoints recorded under `/repos/{owner}/{repo}/...` hold six owners as values; a thin
    // sidecar recorded each owner's starred repository once, as literal endpoints
    // (`/user/starred/acme-corp/hyper`). Learning again from the contracts (a merge), the
    // owners met under `/repos` and `/user/starred` are values, not endpoint names recurring
    // under two parents: the starred repositories are one endpoint (the build before kept
    // the six literals).
    let owners = ["acme-corp", "beta-labs", "cloud-nine", "delta-io", "echo-dev", "fox-hq"];
    let mut r = recorder_holding_owners(&owners, &["pulls", "issues"]);
    let repo = || json!({"id": 1, "name": "x", "full_name": "o/x", "private": false});
    for (o, s) in owners.iter().zip(["hyper", "tokio", "serde", "rayon", "clap", "regex"]) {
        r.record(&x("gh", &format!("/user/starred/{o}/{s}"), 200, repo(), 9));
        r.record(&x("gh", "/user/starred", 200, json!([repo()]), 9));
    }
    assert!(r.snapshot().contracts.keys().any(|k| k.path == "/user/starred/acme-corp/hyper"), "recorded literal");
    assert_eq!(
        relearned(&r),
        [
            "/repos/{owner}/{repo}",
            "/repos/{owner}/{repo}/issues",
            "/repos/{owner}/{repo}/pulls",
            "/user/starred",
            "/user/starred/{owner}/{starred}"
        ]
    );
}

#[test]
fn a_few_hot_owners_kept_literal_are_values_where_many_endpoints_hold_them_as_values() {
    // Two owners only, each seen often with the same two starred repositories: no variety
    // and no third sibling to compare, so a thin sidecar learned each owner's repositories
    // apart (`/user/starred/cloud-mobile/{}`). Held as `{owner}` by eight recorded templates
    // or more, they are values there too; held by fewer (a sidecar's bad join holds
    // endpoint names so), they are not merged on that alone, but name no parameter.
    let below = ["pulls", "issues", "branches", "tags", "releases", "forks", "stargazers"];
    let starred = |r: &mut Recorder| {
        for o in ["cloud-mobile", "linux-rust"] {
            for s in ["delta-linux", "infra-world"] {
                for t in 0..4 {
                    let body = json!({"id": t, "name": s, "full_name": "o/x", "private": false});
                    r.record(&x("gh", &format!("/user/starred/{o}/{s}"), 200, body, 9));
                }
            }
        }
    };
    let mut r = recorder_holding_owners(&["cloud-mobile", "linux-rust"], &below);
    starred(&mut r);
    let learned = relearned(&r);
    assert!(learned.iter().any(|p| p == "/user/starred/{owner}/{starred}"), "{learned:?}");
    assert!(!learned.iter().any(|p| p.contains("cloud-mobile")), "{learned:?}");
    // Held by five templates only: left to the other rules (each owner's repositories),
    // the parameter named after the collection, not after the owner it is under.
    let mut r = recorder_holding_owners(&["cloud-mobile", "linux-rust"], &below[..4]);
    starred(&mut r);
    let learned = relearned(&r);
    assert!(!learned.iter().any(|p| p == "/user/starred/{owner}/{starred}"), "{learned:?}");
    assert!(learned.iter().any(|p| p == "/user/starred/cloud-mobile/{starred}"), "{learned:?}");
}

#[test]
fn a_name_held_as_a_value_below_stays_an_endpoint_where_it_answers_a_shape_of_its_own() {
    // `me` is a value of `{user}` in nine recorded templates (`/users/me/repos`, ...), but
    // `/users/me` is an endpoint of its own, answering the signed-in user's private profile:
    // learning again from the contracts keeps it apart from `/users/{user}`.
    let route = |s: &str| crate::template::Route::parse(s).expect("route");
    let below = ["repos", "orgs", "gists", "followers", "following", "starred", "events", "keys", "subscriptions"];
    let mut routes = vec![route("/users/me"), route("/users/{user}")];
    routes.extend(below.iter().map(|b| route(&format!("/users/{{user}}/{b}"))));
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    r.set_learned("gh", routes);
    for (t, u) in ["alice", "bob", "carol", "dave", "erin", "me"].into_iter().enumerate() {
        let t = t as i64;
        r.record(&x("gh", &format!("/users/{u}"), 200, json!({"login": u, "id": t, "public_repos": 3}), t));
        for b in below {
            r.record(&x("gh", &format!("/users/{u}/{b}"), 200, json!([{"id": t, "kind": b}]), t));
        }
    }
    let me = json!({"login": "me", "id": 9, "plan": {"name": "pro"}, "two_factor_authentication": true});
    r.record(&x("gh", "/users/me", 200, me, 9));
    let learned = relearned(&r);
    assert!(learned.iter().any(|p| p == "/users/me"), "{learned:?}");
    assert!(learned.iter().any(|p| p == "/users/{user}"), "{learned:?}");
}

#[test]
fn a_sidecar_moves_endpoints_recorded_under_a_version_read_as_an_id_to_the_literal_version() {
    // Before it has learned anything, the value patterns record Jira's `/rest/api/2/...` as
    // `/rest/api/{api_id}/...`, each issue key a literal. Relearning finds the version one
    // value on every path: the endpoints recorded so far move under it, and what comes next
    // is recorded there.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let issue = |i: i64| json!({"id": i, "key": format!("PROJ-{i}"), "fields": {"summary": "s"}});
    for i in 0..30 {
        r.record(&x("jira", &format!("/rest/api/2/issue/PROJ-{i}"), 200, issue(i), i));
        r.record(&x(
            "jira",
            &format!("/rest/api/2/issue/PROJ-{i}/comment"),
            200,
            json!({"comments": [], "total": 0}),
            i,
        ));
        r.record(&x("jira", "/rest/api/2/myself", 200, json!({"accountId": "a", "active": true}), i));
    }
    assert!(r.snapshot().contracts.keys().all(|k| k.path.starts_with("/rest/api/{api_id}/")));
    r.relearn_now();
    r.record(&x("jira", "/rest/api/2/issue/PROJ-99", 200, issue(99), 99));
    let paths: BTreeSet<String> = r.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    let want = ["/rest/api/2/issue/{issue}", "/rest/api/2/issue/{issue}/comment", "/rest/api/2/myself"];
    assert_eq!(paths, want.iter().map(|p| p.to_string()).collect());
    let counts: Vec<u64> = r.snapshot().contracts.values().map(|c| c.count).collect();
    assert_eq!(counts.iter().sum::<u64>(), 91, "nothing recorded is lost in the move");
}

#[test]
fn names_held_as_values_before_a_format_extension_are_values_where_a_thin_sidecar_kept_them_literal() {
    // Nine endpoints hold six names as the value of their last segment, before `.json`
    // (`/members/{name}.json`); a thin sidecar recorded two of them under
    // `/user/following/...json` (answered 204, no body: no shape to merge them by), as
    // literal endpoints. Learning again from the contracts (a merge), the names are the
    // values they are everywhere else: the learner keys a last segment without its
    // extension, and so must the names it is told are values (they were held as
    // `acme-corp.json`, which no child of the trie is).
    let route = |s: &str| crate::template::Route::parse(s).expect("route");
    let names = ["acme-corp", "beta-labs", "cloud-nine", "delta-io", "echo-dev", "fox-hq"];
    let kinds = ["users", "orgs", "members", "owners", "admins", "authors", "reviewers", "maintainers", "people"];
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    r.set_learned("gh", kinds.iter().map(|k| route(&format!("/{k}/{{name}}.json"))).collect());
    for (i, k) in kinds.iter().enumerate() {
        for n in names {
            let mut body = json!({"id": i, "login": n});
            body[format!("{k}_url")] = json!("u");
            r.record(&x("gh", &format!("/{k}/{n}.json"), 200, body, 1));
        }
    }
    for n in &names[..2] {
        for _ in 0..3 {
            let mut e = x("gh", &format!("/user/following/{n}.json"), 204, json!(null), 9);
            e.response.body.clear();
            r.record(&e);
            r.record(&x("gh", "/user/following.json", 200, json!([{"id": 1, "login": "x"}]), 9));
        }
    }
    assert!(r.snapshot().contracts.keys().any(|k| k.path == "/user/following/acme-corp.json"), "recorded literal");
    let paths = relearned(&r);
    assert!(paths.iter().any(|p| p.starts_with("/user/following/{") && p.ends_with("}.json")), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("acme-corp")), "{paths:?}");
    assert!(paths.contains(&"/user/following.json".to_owned()), "{paths:?}");
}

#[test]
fn a_token_redacted_in_the_sampled_paths_is_still_a_value_when_they_are_learned_again() {
    // Azure's disks are named after their machine with a long hex token (`vm-web-01_OsDisk_1_
    // 9f3c...`): a secret to the redaction, so each sampled path keeps `redacted-token` in its
    // place. Learned again (a relearn, a merge), that one placeholder was a literal, and the
    // resource groups recorded literal before it (`/resourceGroups/rg-dev/.../disks/{disk_id}`)
    // did not move onto `{resource_group}`: one template a group.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let groups = ["rg-prod-eastus", "rg-dev", "NetworkWatcherRG", "rg-data-platform", "DefaultResourceGroup-EUS"];
    let mut t = 0;
    for (g, group) in groups.iter().enumerate() {
        for vm in ["vm-web-01", "vm-api-02", "vm-batch-03"] {
            let token =
                format!("{:032x}", (g as u128 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) ^ t as u128);
            let base = format!("/subscriptions/21b6469f-323f-4d9f-9fb4-acf03a3d2635/resourceGroups/{group}");
            let disk = format!("{base}/providers/Microsoft.Compute/disks/{vm}_OsDisk_1_{token}");
            r.record(&x("az", &disk, 200, json!({"id": "d", "name": vm, "properties": {"diskSizeGB": 30}}), t));
            let vms = format!("{base}/providers/Microsoft.Compute/virtualMachines");
            r.record(&x("az", &vms, 200, json!({"value": [{"id": "v", "name": vm}]}), t));
            t += 1;
        }
    }
    let recorded: Vec<String> = r.snapshot().contracts.keys().map(|k| k.path.clone()).collect();
    assert!(recorded.iter().any(|p| p.contains("/resourceGroups/rg-dev/")), "recorded literal: {recorded:?}");
    let sampled = r.snapshot().contracts.values().flat_map(|c| c.paths.clone()).map(|p| p.path).collect::<Vec<_>>();
    assert!(sampled.iter().any(|p| p.ends_with("/disks/redacted-token")), "{sampled:?}");
    let paths = relearned(&r);
    assert_eq!(
        paths,
        [
            "/subscriptions/{subscription_id}/resourceGroups/{resourcegroup}/providers/Microsoft.Compute/disks/{disk_id}",
            "/subscriptions/{subscription_id}/resourceGroups/{resourcegroup}/providers/Microsoft.Compute/virtualMachines",
        ]
    );
}

#[test]
fn a_json_body_behind_an_xssi_guard_is_read_as_json() {
    // Gerrit answers `)]}'` and a line break before every JSON body.
    let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
    let mut guarded = x("gerrit", "/a/changes/1", 200, json!(null), 0);
    guarded.response.body =
        b")]}'\n{\"id\": \"myProject~master~I8473b95934b5732ac55d26311a706c9c2bde9940\", \"_number\": 1}".to_vec();
    assert_eq!(r.record(&guarded), Recorded::Json);
    let snap = r.snapshot();
    let c = snap.contracts.values().next().expect("contract");
    assert_eq!(c.bodies.json, 1);
    let o = c.response.object.as_ref().expect("object");
    assert!(o.fields.contains_key("_number"), "{:?}", o.fields.keys().collect::<Vec<_>>());
}
