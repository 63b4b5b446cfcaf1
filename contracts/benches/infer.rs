//! Inference and merge throughput beside a plain `serde_json::Value` parse of the same bytes.
//!
//! `cargo bench -p mockdrift-contracts --bench infer`, then `python3 bench/infer-ratios.py`.
//! The target: inference at most 1.5x the cost of the plain parse. `shape_infer` builds a
//! fresh shape; `shape_observe` is what the recorder does per body (validate, then update the
//! endpoint's shape in place). Bodies are generated deterministically.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mockdrift_contracts::{Limits, Redactor, Shape, Ts};
use serde_json::{Value, json};

const CURRENCIES: [&str; 3] = ["eur", "usd", "gbp"];
const STATUSES: [&str; 3] = ["succeeded", "pending", "failed"];
const CITIES: [&str; 3] = ["Berlin", "Paris", "Lisbon"];

fn charge(i: usize) -> Value {
    json!({
        "id": format!("ch_{:08}", i),
        "object": "charge",
        "amount": 1000 + i * 7,
        "amount_refunded": 0,
        "currency": CURRENCIES[i % 3],
        "status": STATUSES[i % 3],
        "created": "2026-11-03T10:00:00Z",
        "captured": i.is_multiple_of(2),
        "description": format!("Order {} for customer {}", 5000 + i, i % 97),
        "receipt_url": format!("https://pay.example.com/receipts/{i}"),
        "customer": {"id": format!("cus_{:06}", i % 97), "email": format!("user{}@example.com", i % 97), "name": "Ana Lopez",
                     "address": {"line1": "1 Main St", "city": CITIES[i % 3], "postal_code": "10115", "country": "DE"}},
        "payment_method": {"type": "card", "card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}},
        "metadata": {"order_id": format!("{}", 5000 + i), "channel": "web"},
        "refunds": [],
        "risk_score": (i % 100) as f64 / 100.0,
        "tags": ["a", "b"],
        "geo": [52.52, 13.40]
    })
}

fn bodies() -> Vec<(&'static str, Vec<u8>)> {
    let one = serde_json::to_vec(&charge(1)).expect("json");
    let list = |n: usize| {
        serde_json::to_vec(&json!({"data": (0..n).map(charge).collect::<Vec<_>>(), "has_more": true})).expect("json")
    };
    let mut deep = json!({"leaf": 1});
    for i in 0..60 {
        deep = json!({"level": i, "name": "node", "child": deep, "siblings": [1, 2, 3]});
    }
    let deep = serde_json::to_vec(&(0..40).map(|_| deep.clone()).collect::<Vec<_>>()).expect("json");
    let wide: serde_json::Map<String, Value> =
        (0..900).map(|i| (format!("field_{i}"), json!(format!("value {i}")))).collect();
    let wide = serde_json::to_vec(&(0..4).map(|_| Value::Object(wide.clone())).collect::<Vec<_>>()).expect("json");
    let arrays = serde_json::to_vec(
        &(0..2000).map(|i| json!([i, i * 2, i as f64 / 3.0, [1, 2, 3, 4, 5, 6, 7, 8]])).collect::<Vec<_>>(),
    )
    .expect("json");
    vec![("1KB", one), ("100KB", list(100)), ("5MB", list(5000)), ("deep", deep), ("wide", wide), ("arrays", arrays)]
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let redactor = Redactor::default();
    let mut g = c.benchmark_group("infer");
    for (name, body) in bodies() {
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_with_input(BenchmarkId::new("serde_json_value", name), &body, |b, body| {
            b.iter(|| black_box(serde_json::from_slice::<Value>(body).expect("valid")))
        });
        g.bench_with_input(BenchmarkId::new("shape_infer", name), &body, |b, body| {
            b.iter(|| black_box(Shape::infer(body, Ts(0), &limits, &redactor).expect("valid")))
        });
        // The recorder's path: validate, then observe into the endpoint's accumulated shape.
        let mut acc = Shape::infer(&body, Ts(0), &limits, &redactor).expect("valid");
        g.bench_with_input(BenchmarkId::new("shape_observe", name), &body, |b, body| {
            b.iter(|| acc.observe(body, Ts(1), &limits, &redactor).expect("valid"))
        });
    }
    g.finish();
}

/// The proxy's recorder per exchange (1 KB charges on one settled endpoint), without and
/// with the change detector ([`Recorder::watch_changes`]): what watching for changes costs.
fn record(c: &mut Criterion) {
    use mockdrift_contracts::changes::ChangeConfig;
    use mockdrift_contracts::{Exchange, Message, Recorder, RecorderConfig};
    let exchanges: Vec<Exchange> = (0..64)
        .map(|i| Exchange {
            service: "payments".into(),
            method: "GET".into(),
            path: "/v1/charges/latest".into(),
            query: String::new(),
            status: 200,
            time: Ts(1_800_000_000_000 + i as i64),
            duration_ms: 1.0,
            request: Message::default(),
            response: Message {
                headers: vec![("content-type".into(), "application/json".into())],
                body: serde_json::to_vec(&charge(i)).expect("json"),
                truncated: false,
            },
        })
        .collect();
    let mut g = c.benchmark_group("record");
    for watch in [false, true] {
        let mut r = Recorder::new(RecorderConfig::default(), None).expect("recorder").0;
        if watch {
            r.watch_changes(ChangeConfig::default());
        }
        // Settled first: the detector compares every response after that.
        for e in exchanges.iter().cycle().take(200) {
            r.record_weighted(e, 1);
        }
        let mut i = 0;
        g.bench_function(if watch { "watching_changes" } else { "plain" }, |b| {
            b.iter(|| {
                i += 1;
                black_box(r.record_weighted(&exchanges[i % exchanges.len()], 1))
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2)).sample_size(20);
    targets = bench, record
}
criterion_main!(benches);
