use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::ts::Ts;

fn key(i: u8) -> EndpointKey {
    EndpointKey {
        service: format!("svc{}", i % 3),
        method: if i.is_multiple_of(2) { "GET".into() } else { "POST".into() },
        path: format!("/items/{{item_id}}/{i}"),
        status: 200 + u16::from(i % 4),
        media_type: "application/json".into(),
    }
}

fn contract(v: u8) -> Contract {
    let mut c = Contract::new(Ts(i64::from(v) * 1000));
    c.count = u64::from(v) + 1;
    c.response_headers.insert(format!("x-h{v}"), 1);
    c
}

#[derive(Clone, Debug)]
enum Op {
    Put(u8, u8),
    PutBatch(Vec<(u8, u8)>),
    Remove(u8),
    Flush,
    Reopen,
}

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..12, any::<u8>()).prop_map(|(k, v)| Op::Put(k, v)),
        2 => prop::collection::vec((0u8..12, any::<u8>()), 0..5).prop_map(Op::PutBatch),
        2 => (0u8..12).prop_map(Op::Remove),
        1 => Just(Op::Flush),
        1 => Just(Op::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn store_matches_a_btreemap_model(ops in prop::collection::vec(arb_op(), 1..40)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path()).expect("open");
        let mut model: BTreeMap<EndpointKey, Contract> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Put(k, v) => {
                    store.put_batch([(&key(k), &contract(v))]).expect("put");
                    model.insert(key(k), contract(v));
                }
                Op::PutBatch(items) => {
                    let items: Vec<_> = items.into_iter().map(|(k, v)| (key(k), contract(v))).collect();
                    store.put_batch(items.iter().map(|(k, c)| (k, c))).expect("batch");
                    model.extend(items);
                }
                Op::Remove(k) => {
                    prop_assert_eq!(store.remove(&key(k)).expect("remove"), model.remove(&key(k)).is_some());
                }
                Op::Flush => store.flush().expect("flush"),
                Op::Reopen => {
                    drop(store);
                    store = Store::open(dir.path()).expect("reopen");
                }
            }
            let (got, bad) = store.load().expect("load");
            prop_assert!(bad.is_empty());
            prop_assert_eq!(got, model.clone().into_iter().collect::<Vec<_>>());
            for (k, c) in &model {
                let got = store.get(k).expect("get");
                prop_assert_eq!(got.as_ref(), Some(c));
            }
        }
    }
}

#[test]
fn a_second_open_is_named_as_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _held = Store::open(dir.path()).expect("open");
    let err = Store::open(dir.path()).expect_err("locked");
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("locked by another process"));
}

#[test]
fn newer_formats_are_refused_and_corrupt_records_are_isolated() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        store.put_batch([(&key(1), &contract(1))]).expect("put");
        store.contracts.insert(b"garbage\0key", b"{not json".as_slice()).expect("raw insert");
        let (good, bad) = store.load().expect("load");
        assert_eq!(good.len(), 1);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].to_string().contains("garbage key"), "{}", bad[0]);
        store.db.open_tree("meta").expect("meta").insert(FORMAT_KEY, &2u32.to_be_bytes()).expect("raw insert");
        store.flush().expect("flush");
    }
    let err = Store::open(dir.path()).expect_err("too new");
    assert!(matches!(err, StoreError::TooNew { found: 2, supported: 1 }), "{err:?}");
}

proptest! {
    #[test]
    fn record_decoder_never_panics(key in prop::collection::vec(any::<u8>(), 0..40), value in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&key, &value);
    }
}
