use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

fn limits() -> Limits {
    Limits::default()
}

/// Tiny limits, so the caps (map collapse, "many" values, tuples) are exercised by the laws.
fn tiny() -> Limits {
    Limits { max_fields: 3, max_enum_values: 2, max_tuple: 2, max_depth: 3, ..Limits::default() }
}

fn infer_at(v: &Value, t: i64, l: &Limits) -> Shape {
    let body = serde_json::to_vec(v).expect("serializable");
    Shape::infer(&body, Ts(t), l, &Redactor::default()).expect("valid JSON")
}

fn merged(samples: &[(Value, i64)], l: &Limits) -> Shape {
    let mut acc = Shape::default();
    for (v, t) in samples {
        acc.merge(&infer_at(v, *t, l), l);
    }
    acc
}

fn arb_json(depth: u32) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..1000).prop_map(Value::from),
        (-10.0f64..10.0).prop_map(|f| json!(f)),
        prop::sample::select(vec![
            "a",
            "b",
            "2026-11-03",
            "ana@example.com",
            "9f1c2e4a-0b6d-4c3e-8f2a-1b2c3d4e5f60",
            "42"
        ])
        .prop_map(Value::from),
        "[a-z]{0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(depth, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["id", "name", "tags", "x", "y", "password", "12"]),
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn arb_samples() -> impl Strategy<Value = Vec<(Value, i64)>> {
    prop::collection::vec((arb_json(4), 0i64..5), 1..6)
}

proptest! {
    #[test]
    fn infer_accepts_its_sample(v in arb_json(5)) {
        prop_assert!(infer_at(&v, 0, &limits()).accepts(&v));
        prop_assert!(infer_at(&v, 0, &tiny()).accepts(&v));
    }

    #[test]
    fn merged_shape_accepts_every_sample(samples in arb_samples()) {
        for l in [limits(), tiny()] {
            let s = merged(&samples, &l);
            for (v, _) in &samples {
                prop_assert!(s.accepts(v), "rejects {v}");
            }
        }
    }

    #[test]
    fn merge_is_commutative(a in arb_samples(), b in arb_samples()) {
        for l in [limits(), tiny()] {
            let (sa, sb) = (merged(&a, &l), merged(&b, &l));
            let mut ab = sa.clone();
            ab.merge(&sb, &l);
            let mut ba = sb.clone();
            ba.merge(&sa, &l);
            prop_assert_eq!(ab, ba);
        }
    }

    #[test]
    fn merge_is_associative(a in arb_samples(), b in arb_samples(), c in arb_samples()) {
        for l in [limits(), tiny()] {
            let (sa, sb, sc) = (merged(&a, &l), merged(&b, &l), merged(&c, &l));
            let mut left = sa.clone();
            left.merge(&sb, &l);
            left.merge(&sc, &l);
            let mut bc = sb.clone();
            bc.merge(&sc, &l);
            let mut right = sa.clone();
            right.merge(&bc, &l);
            prop_assert_eq!(left, right);
        }
    }

    /// Also: seeing again what was already seen never changes the fingerprint (a merge that
    /// only adds counts is no news, so a recorder may sample such an endpoint down).
    #[test]
    fn merge_is_idempotent_without_counts(a in arb_samples()) {
        for l in [limits(), tiny()] {
            let sa = merged(&a, &l);
            let mut twice = sa.clone();
            twice.merge(&sa, &l);
            prop_assert_eq!(sa.fingerprint(), twice.fingerprint());
            let mut once = sa;
            once.erase_counts();
            twice.erase_counts();
            prop_assert_eq!(once, twice);
        }
    }

    #[test]
    fn order_and_duplication_do_not_matter(samples in arb_samples(), seed in any::<u64>()) {
        for l in [limits(), tiny()] {
            let forward = merged(&samples, &l);
            let mut shuffled = samples.clone();
            // A deterministic shuffle from the seed.
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(&forward, &merged(&shuffled, &l));
            // Split in two groups, merged separately, then together.
            let mid = samples.len() / 2;
            let mut grouped = merged(&samples[..mid], &l);
            grouped.merge(&merged(&samples[mid..], &l), &l);
            prop_assert_eq!(&forward, &grouped);
        }
    }

    #[test]
    fn one_document_equals_its_items_merged(samples in prop::collection::vec(arb_json(3), 1..6)) {
        // Observing an array in one pass equals merging each item's shape (up to counts of
        // distinct exchanges, which one document counts once).
        let l = limits();
        let whole = infer_at(&Value::Array(samples.clone()), 7, &l);
        let mut items = merged(&samples.iter().map(|v| (v.clone(), 7)).collect::<Vec<_>>(), &l);
        let mut got = whole.array.expect("an array").items;
        got.erase_counts();
        items.erase_counts();
        prop_assert_eq!(got, items);
    }

    #[test]
    fn observing_in_place_equals_merging_fresh_shapes(samples in arb_samples()) {
        for l in [limits(), tiny()] {
            let mut in_place = Shape::default();
            for (v, t) in &samples {
                let body = serde_json::to_vec(v).expect("serializable");
                in_place.observe(&body, Ts(*t), &l, &Redactor::default()).expect("valid");
            }
            prop_assert_eq!(&in_place, &merged(&samples, &l));
            // An invalid document leaves the shape untouched.
            let before = in_place.clone();
            let invalid = in_place.observe(br#"{"id": 1, "name": [1, 2"#, Ts(9), &l, &Redactor::default());
            prop_assert!(invalid.is_err());
            prop_assert_eq!(&in_place, &before);
        }
    }

    #[test]
    fn snapshot_roundtrip_preserves_shape(samples in arb_samples()) {
        let s = merged(&samples, &limits());
        let text = serde_json::to_string(&s).expect("serializable");
        let back: Shape = serde_json::from_str(&text).expect("readable");
        prop_assert_eq!(s, back);
    }
}

fn obj(s: &Shape) -> &ObjectShape {
    s.object.as_deref().expect("an object")
}

#[test]
fn presence_counts_and_late_fields() {
    let l = limits();
    let samples = vec![
        (json!({"id": 1, "name": "a"}), 1),
        (json!({"id": 2}), 2),
        (json!({"id": 3, "name": "c", "currency": "EUR"}), 3),
        (json!({"id": 4, "name": "d", "currency": "EUR"}), 4),
        (json!({"id": 5, "name": "e", "currency": "EUR", "late": true}), 5),
    ];
    let s = merged(&samples, &l);
    let o = obj(&s);
    assert_eq!(o.count, 5);
    let f = |k: &str| o.fields.get(k).expect("field");
    assert!(o.is_required(f("id")));
    assert_eq!(f("name").present, 4);
    assert!(!o.is_required(f("name")) && !f("name").present_since_first_seen());
    // Added to the API at t=3 and in every response since.
    assert!(!o.is_required(f("currency")));
    assert!(f("currency").present_since_first_seen());
    assert_eq!(f("currency").first_seen, Ts(3));
    // First seen in the last sample: optional, not required.
    assert!(!o.is_required(f("late")));
    assert_eq!(f("late").present, 1);
}

#[test]
fn same_instant_absence_is_not_presence_since() {
    let l = limits();
    let s = infer_at(&json!([{"a": 1}, {"a": 1, "b": 2}]), 9, &l);
    let items = &s.array.as_ref().expect("array").items;
    let b = obj(items).fields.get("b").expect("b");
    assert!(!b.present_since_first_seen());
}

#[test]
fn enums_keep_only_frequent_values_and_saturate() {
    const STATUSES: [&str; 3] = ["active", "closed", "pending"];
    let l = limits();
    let mut samples: Vec<(Value, i64)> = (0..9).map(|i| (json!({"status": STATUSES[i % 3]}), i as i64)).collect();
    samples.push((json!({"status": "rare"}), 10));
    let mut s = merged(&samples, &l);
    s.withhold_rare(l.enum_min_exchanges);
    let st = obj(&s).fields["status"].shape.string.clone().expect("string");
    // "rare" was seen once: kept as a hash only, so the set is not a closed enum...
    assert_eq!(st.enum_values(), None);
    // ...but the differ can still tell a known value from an unknown one.
    assert_eq!(st.has_value("rare"), Some(true));
    assert_eq!(st.has_value("archived"), Some(false));
    let text = serde_json::to_string(&st).expect("json");
    assert!(!text.contains("rare") && text.contains("pending"));

    // Without the rare value, the three frequent values form an enum.
    let mut s = merged(&samples[..9], &l);
    s.withhold_rare(l.enum_min_exchanges);
    let st = obj(&s).fields["status"].shape.string.clone().expect("string");
    assert_eq!(st.enum_values(), Some(vec!["active", "closed", "pending"]));

    // 400 cities seen 10,000 times, or 10,000 ids: not enums.
    let cities: Vec<(Value, i64)> = (0..10_000).map(|i| (json!({"city": format!("city-{}", i % 400)}), 0)).collect();
    let s = merged(&cities, &l);
    assert!(matches!(obj(&s).fields["city"].shape.string.as_ref().expect("string").values, Values::Many));
}

#[test]
fn secrets_are_never_tracked_as_values() {
    let l = limits();
    let samples: Vec<(Value, i64)> =
        (0..5).map(|i| (json!({"password": "hunter2", "note": "Bearer abc.def", "kind": "x"}), i)).collect();
    let s = merged(&samples, &l);
    let text = serde_json::to_string(&s).expect("json");
    assert!(!text.contains("hunter2") && !text.contains("abc.def"), "{text}");
    assert!(text.contains("\"x\""));
}

#[test]
fn tuples_and_lists() {
    let l = limits();
    let s = merged(
        &[
            (json!({"loc": [52.5, 13.4], "pair": ["apples", 3], "tags": ["a", "b"]}), 0),
            (json!({"loc": [48.1, 11.6], "pair": ["pears", 5], "tags": ["c", "d"]}), 1),
        ],
        &l,
    );
    let f = |k: &str| obj(&s).fields[k].shape.array.clone().expect("array");
    assert!(f("loc").is_tuple());
    assert!(f("pair").is_tuple());
    assert!(!f("tags").is_tuple());
    assert!(!s.accepts(&json!({"pair": [3, "apples"], "loc": [1.0, 2.0], "tags": []})));
    let varied = merged(&[(json!([1, "a"]), 0), (json!([1, "a", 2]), 1)], &l);
    assert!(!varied.array.expect("array").is_tuple());
}

#[test]
fn data_keyed_objects_read_as_maps() {
    let l = limits();
    let s = infer_at(
        &json!({"2026-11-01": {"n": 1}, "2026-11-02": {"n": 2}, "2026-11-03": {"n": 3}, "2026-11-04": {"n": 4}}),
        0,
        &l,
    );
    assert!(obj(&s).is_map());
    let labels = infer_at(&json!({"id": 1, "name": "x", "email": "a@b.co", "active": true}), 0, &l);
    assert!(!obj(&labels).is_map());
    let locales =
        infer_at(&json!({"en": "Hello", "de": "Hallo", "fr": "Bonjour", "es": "Hola", "pt-BR": "Olá"}), 0, &l);
    assert!(obj(&locales).is_map());
}

#[test]
fn a_million_fields_collapse_to_a_bounded_map() {
    let l = limits();
    let mut doc = String::from("{");
    for i in 0..1_000_000 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!("\"k{i}\":{i}"));
    }
    doc.push('}');
    let s = Shape::infer(doc.as_bytes(), Ts(0), &l, &Redactor::default()).expect("valid");
    let o = obj(&s);
    assert!(o.fields.is_empty());
    let m = o.map.as_ref().expect("collapsed to a map");
    assert_eq!(m.entries, 1_000_000);
    assert_eq!(o.max_keys, 1_000_000);
    assert_eq!(m.key_sketch.len(), MapShape::SKETCH);
    let est = m.distinct_keys();
    assert!((700_000..1_400_000).contains(&est), "estimate {est}");
    assert!(serde_json::to_string(&s).expect("json").len() < 10_000);
}

#[test]
fn depth_ten_thousand_is_cut_not_overflowed() {
    let l = limits();
    let depth = 10_000;
    let doc = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let s = Shape::infer(doc.as_bytes(), Ts(0), &l, &Redactor::default()).expect("valid");
    let mut cur = &s;
    let mut levels = 0;
    while let Some(a) = &cur.array {
        cur = &a.items;
        levels += 1;
    }
    assert_eq!(levels, l.max_depth);
    assert_eq!(cur.cut, 1);
    let objs = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    assert!(Shape::infer(objs.as_bytes(), Ts(0), &l, &Redactor::default()).is_ok());
}

#[test]
fn parse_errors_are_values_not_panics() {
    let l = limits();
    let err = Shape::infer(b"{\"a\": [1, 2,, 3]}", Ts(0), &l, &Redactor::default()).expect_err("invalid");
    assert_eq!((err.line, err.column), (1, 13));
    assert!(Shape::infer(b"", Ts(0), &l, &Redactor::default()).is_err());
    assert!(Shape::infer(b"[1] x", Ts(0), &l, &Redactor::default()).is_err());
}

#[test]
fn integers_merge_into_numbers_and_formats_are_counted() {
    let l = limits();
    let s = merged(
        &[(json!({"v": 1, "at": "2026-11-03T10:00:00Z"}), 0), (json!({"v": 1.5, "at": "2026-11-04T10:00:00Z"}), 1)],
        &l,
    );
    let o = obj(&s);
    assert_eq!(o.fields["v"].shape.kinds(), vec![Kind::Number]);
    assert_eq!(o.fields["at"].shape.string.as_ref().expect("string").format(), Some(Format::DateTime));
}

proptest! {
    /// The fuzz target `body bytes → Shape::infer`, run as a property: arbitrary bytes and
    /// mutated JSON never panic, and an error leaves nothing half-observed.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Shape::infer(&bytes, Ts(0), &limits(), &Redactor::default());
    }

    #[test]
    fn mutated_json_never_panics(v in arb_json(4), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut body = serde_json::to_vec(&v).expect("serializable");
        let i = at.index(body.len());
        body[i] = byte;
        let ours = Shape::infer(&body, Ts(0), &limits(), &Redactor::default());
        let theirs = serde_json::from_slice::<Value>(&body);
        // Everything serde_json accepts, we accept. We accept more only where the JSON grammar
        // does and serde_json sets a limit: numbers beyond f64, lone surrogate escapes.
        match (&ours, &theirs) {
            (Err(e), Ok(_)) => prop_assert!(false, "{e}: {}", String::from_utf8_lossy(&body)),
            (Ok(_), Err(e)) => {
                let m = e.to_string();
                prop_assert!(m.contains("out of range") || m.contains("surrogate"), "{m}: {}", String::from_utf8_lossy(&body));
            }
            _ => {}
        }
    }
}

#[test]
fn fingerprint_changes_with_what_a_differ_sees() {
    let l = limits();
    let base = merged(&[(json!({"id": 1, "status": "paid", "at": "2026-11-20T10:00:00Z"}), 1)], &l);
    let fp = base.fingerprint();
    let with = |v: Value| {
        let mut s = base.clone();
        s.merge(&infer_at(&v, 2, &l), &l);
        s.fingerprint()
    };
    // Other numbers, a known enum value, another timestamp: no news.
    assert_eq!(with(json!({"id": 7, "status": "paid", "at": "2026-11-21T11:00:00Z"})), fp);
    // A new field, a field gone missing (now optional), a new type, a new value, a format broken.
    assert_ne!(with(json!({"id": 7, "status": "paid", "at": "2026-11-21T11:00:00Z", "new": true})), fp);
    assert_ne!(with(json!({"id": 7, "status": "paid"})), fp);
    assert_ne!(with(json!({"id": "7", "status": "paid", "at": "2026-11-21T11:00:00Z"})), fp);
    assert_ne!(with(json!({"id": 7, "status": "refunded", "at": "2026-11-21T11:00:00Z"})), fp);
    assert_ne!(with(json!({"id": 7, "status": "paid", "at": "yesterday"})), fp);
    // Past the value cap a string position is "many" for good: new values are no news again.
    let tiny = tiny();
    let many = merged(&[(json!({"s": "a"}), 1), (json!({"s": "b"}), 1), (json!({"s": "c"}), 1)], &tiny);
    let mut more = many.clone();
    more.merge(&infer_at(&json!({"s": "d"}), 2, &tiny), &tiny);
    assert_eq!(many.fingerprint(), more.fingerprint());
}

#[test]
fn a_value_read_from_a_store_is_checked_for_secrets_again() {
    // A value set read back from a store (an older build's rules let the token through, kept
    // as its hash only): the token is still judged secret when it comes again, counted as
    // untracked and never given a text, however often it is seen.
    let l = limits();
    let r = Redactor::default();
    let token = "npm_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c";
    assert!(crate::redact::contains_secret(token));
    let mut stored = Shape::infer(br#"{"plan": "free"}"#, Ts(0), &l, &r).expect("valid");
    let mut repr = serde_json::to_value(&stored).expect("serializes");
    let values = repr.pointer_mut("/object/fields/plan/shape/string/values").expect("a tracked value set");
    values
        .as_array_mut()
        .expect("tracked")
        .push(json!({"hash": format!("{:016x}", stable_hash(token.as_bytes())), "exchanges": 1}));
    stored = serde_json::from_value(repr).expect("reads back");
    for t in 1..4 {
        for body in [format!(r#"{{"plan": "{token}"}}"#), r#"{"plan": "free"}"#.to_owned()] {
            stored.observe(body.as_bytes(), Ts(t), &l, &r).expect("valid");
        }
    }
    let plan = &stored.object.as_ref().expect("object").fields["plan"].shape;
    let s = plan.string.as_ref().expect("strings");
    assert_eq!(s.untracked, 3);
    let Values::Tracked(vals) = &s.values else { panic!("tracked") };
    assert!(vals.values().all(|e| e.text.as_deref() != Some(token)), "{vals:?}");
    assert!(!serde_json::to_string(&stored).expect("serializes").contains(token));
}
