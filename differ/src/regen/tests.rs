use mockdrift_contracts::json::LineIndex;
use serde_json::Value;

use super::mock_plan::base64_like;
use super::splice::{MockPlan, apply, edit_json};
use crate::mock::PathToken;
use crate::tree::Node;
use serde_json::json;

fn edit(src: &str, edits: &[(&[PathToken], Option<&Value>)]) -> String {
    let root = Node::parse(src.as_bytes(), 1).expect("valid");
    let mut p = MockPlan::new(0);
    apply(src, &edit_json(src, &LineIndex::new(src.as_bytes()), &root, edits, &mut p).expect("edits apply"))
}

fn k(s: &str) -> PathToken {
    PathToken::Key(s.to_owned())
}

#[test]
fn edits_keep_layout_order_and_everything_else() {
    let src = "{\n    \"id\": 1,\n    \"amount_cents\": 100,\n    \"status\": \"paid\"\n}\n";
    let cur = json!("EUR");
    let amount = json!(100);
    let out =
        edit(src, &[(&[k("amount_cents")], None), (&[k("amount")], Some(&amount)), (&[k("currency")], Some(&cur))]);
    assert_eq!(
        out,
        "{\n    \"id\": 1,\n    \"status\": \"paid\",\n    \"amount\": 100,\n    \"currency\": \"EUR\"\n}\n"
    );
    // A leading member, a trailing one, CRLF, tabs.
    let src = "{\r\n\t\"a\": 1,\r\n\t\"b\": {\"x\": 1},\r\n\t\"c\": 3\r\n}";
    let nested = json!({"y": [1, 2]});
    let out = edit(src, &[(&[k("a")], None), (&[k("c")], None), (&[k("d")], Some(&nested))]);
    assert_eq!(
        out,
        "{\r\n\t\"b\": {\"x\": 1},\r\n\t\"d\": {\r\n\t\t\"y\": [\r\n\t\t\t1,\r\n\t\t\t2\r\n\t\t]\r\n\t}\r\n}"
    );
}

#[test]
fn compact_bodies_stay_compact() {
    let src = r#"{"id":1,"kind":"card","extra":true}"#;
    let v = json!("bank");
    let out = edit(src, &[(&[k("extra")], None), (&[k("kind")], Some(&v)), (&[k("new")], Some(&json!({"a": 1})))]);
    assert_eq!(out, r#"{"id":1,"kind":"bank","new":{"a":1}}"#);
    let src = r#"{"a": 1, "b": 2}"#;
    assert_eq!(edit(src, &[(&[k("a")], None), (&[k("b")], None)]), "{}");
    assert_eq!(edit(src, &[(&[k("a")], None), (&[k("b")], None), (&[k("c")], Some(&json!(3)))]), r#"{"c": 3}"#);
    assert_eq!(edit("{}", &[(&[k("c")], Some(&json!(3)))]), r#"{"c": 3}"#);
}

#[test]
fn edits_inside_arrays_and_whole_bodies() {
    let src = "[\n  {\"id\": \"1\"},\n  {\"id\": \"2\"}\n]";
    let one = json!(1);
    let two = json!(2);
    let out =
        edit(src, &[(&[PathToken::Index(0), k("id")], Some(&one)), (&[PathToken::Index(1), k("id")], Some(&two))]);
    assert_eq!(out, "[\n  {\"id\": 1},\n  {\"id\": 2}\n]");
    let whole = json!({"a": 1});
    assert_eq!(edit("[1, 2]", &[(&[], Some(&whole))]), r#"{"a": 1}"#);
}

#[test]
fn base64_keeps_its_wrapping() {
    let wrapped = "eyJh\nIjox\nfQ==\n";
    let out = base64_like(wrapped, br#"{"a":2}"#);
    assert!(out.lines().all(|l| l.len() <= 4), "{out}");
    assert!(out.ends_with('\n'));
    assert_eq!(crate::formats::base64_bytes(&out).expect("valid"), br#"{"a":2}"#);
    assert_eq!(base64_like("eyJhIjoxfQ==", b"{}"), "e30=");
}

#[test]
fn a_member_s_key_is_found_back_from_its_value_whatever_the_key_holds() {
    use super::doc::member_key;
    use crate::tree::NodeKind;
    let src = "{\"a\":1, \"say \\\"hi\\\"\" :\n  2,\t\"ends\\\\\"\t:\t[3], \"\": {}}";
    let root = Node::parse(src.as_bytes(), 1).expect("valid");
    let NodeKind::Object(ms) = &root.kind else { panic!("an object") };
    let keys: Vec<&str> = ms.iter().map(|(_, v)| member_key(src, v)).map(|(k, c)| &src[k..c]).collect();
    assert_eq!(keys, ["\"a\":", "\"say \\\"hi\\\"\" :", "\"ends\\\\\"\t:", "\"\":"]);
    let spans: Vec<&str> = ms.iter().map(|(_, v)| &src[v.span()]).collect();
    assert_eq!(spans, ["1", "2", "[3]", "{}"]);
}
