//! Bodies built from shapes: a plausible production body for a contract, for showing beside a
//! mock (and, later, for regenerating mocks). Values come from the redacted examples where one
//! has a value of the right kind at the same place, else from the shape (an enum value, a
//! placeholder in the right format, the smallest number seen).

use serde_json::{Map, Value, json};

use crate::format::Format;
use crate::shape::{Kind, Shape};

/// A body for `shape`; `examples` are redacted recorded bodies of the same contract.
pub fn body(shape: &Shape, examples: &[&Value]) -> Value {
    build(shape, examples, 0)
}

fn at<'a>(examples: &[&'a Value], key: &str) -> Vec<&'a Value> {
    examples.iter().filter_map(|e| e.get(key)).collect()
}

fn first_of_kind<'a>(examples: &[&'a Value], kind: Kind) -> Option<&'a Value> {
    examples.iter().copied().find(|v| match kind {
        Kind::Null => v.is_null(),
        Kind::Boolean => v.is_boolean(),
        Kind::Integer => v.is_i64() || v.is_u64(),
        Kind::Number => v.is_number(),
        Kind::String => v.is_string(),
        Kind::Array => v.is_array(),
        Kind::Object => v.is_object(),
    })
}

fn placeholder(f: Format) -> &'static str {
    match f {
        Format::DateTime => "2026-01-01T00:00:00Z",
        Format::Date => "2026-01-01",
        Format::Time => "00:00:00",
        Format::Uuid => "00000000-0000-4000-8000-000000000000",
        Format::Email => "user@example.com",
        Format::Uri => "https://example.com/",
        Format::Ipv4 => "192.0.2.1",
        Format::Ipv6 => "2001:db8::1",
        Format::IntegerString => "1",
        Format::DecimalString => "1.0",
    }
}

/// The kind to show: the most frequent non-null one (null only if nothing else was seen).
fn main_kind(s: &Shape) -> Option<Kind> {
    let mut best: Option<(u64, Kind)> = None;
    let mut consider = |n: u64, k: Kind| {
        if n > 0 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, k));
        }
    };
    consider(s.object.as_ref().map_or(0, |o| o.count), Kind::Object);
    consider(s.array.as_ref().map_or(0, |a| a.count), Kind::Array);
    consider(s.string.as_ref().map_or(0, |x| x.count), Kind::String);
    consider(
        s.number.map_or(0, |n| n.count) + s.integer.map_or(0, |n| n.count),
        if s.number.is_some() { Kind::Number } else { Kind::Integer },
    );
    consider(s.boolean.map_or(0, |b| b.trues + b.falses), Kind::Boolean);
    best.map(|(_, k)| k).or((s.null > 0).then_some(Kind::Null))
}

fn build(s: &Shape, examples: &[&Value], depth: usize) -> Value {
    let Some(kind) = main_kind(s) else { return Value::Null };
    if depth > 64 {
        return Value::Null;
    }
    if !matches!(kind, Kind::Object | Kind::Array)
        && let Some(v) = first_of_kind(examples, kind)
    {
        return v.clone();
    }
    match kind {
        Kind::Null => Value::Null,
        Kind::Boolean => Value::Bool(s.boolean.is_some_and(|b| b.trues >= b.falses)),
        Kind::Integer => s.integer.map_or(json!(0), |n| json!(n.min as i64)),
        Kind::Number => {
            let n = s.number.or(s.integer).map_or(0.0, |n| n.min);
            json!(n)
        }
        Kind::String => {
            let st = s.string.as_ref().expect("main kind is string");
            if let Some(v) = st.enum_values().and_then(|v| v.first().map(|x| (*x).to_owned())) {
                return Value::String(v);
            }
            Value::String(st.format().map_or("string", placeholder).to_owned())
        }
        Kind::Array => {
            let a = s.array.as_ref().expect("main kind is array");
            let items: Vec<&Value> = examples.iter().filter_map(|e| e.as_array()).flatten().collect();
            if a.is_tuple() {
                let positions = a.positions.as_ref().expect("tuples have positions");
                return Value::Array(
                    positions
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let ex: Vec<&Value> = examples.iter().filter_map(|e| e.get(i)).collect();
                            build(p, &ex, depth + 1)
                        })
                        .collect(),
                );
            }
            if a.items.is_empty() {
                Value::Array(Vec::new())
            } else {
                Value::Array(vec![build(&a.items, &items, depth + 1)])
            }
        }
        Kind::Object => {
            let o = s.object.as_ref().expect("main kind is object");
            if let Some(m) = &o.map {
                let values: Vec<&Value> =
                    examples.iter().filter_map(|e| e.as_object()).flat_map(|m| m.values()).collect();
                let mut out = Map::new();
                out.insert("key".to_owned(), build(&m.values, &values, depth + 1));
                return Value::Object(out);
            }
            let mut out = Map::new();
            for (k, f) in &o.fields {
                let usual = o.is_required(f) || f.present_since_first_seen() || f.present * 2 >= o.count;
                if usual {
                    out.insert(k.clone(), build(&f.shape, &at(examples, k), depth + 1));
                }
            }
            Value::Object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Limits, Redactor, Ts};

    #[test]
    fn builds_a_plausible_body_from_shape_and_examples() {
        let l = Limits::default();
        let mut s = Shape::default();
        for (i, status) in ["paid", "open", "paid", "open"].iter().enumerate() {
            let mut v =
                json!({"id": i, "status": status, "at": format!("2026-11-0{}T10:00:00Z", i + 1), "tags": ["a"]});
            if i == 0 {
                v["rare"] = json!(true);
            }
            let b = serde_json::to_vec(&v).expect("json");
            s.observe(&b, Ts(i as i64), &l, &Redactor::default()).expect("valid");
        }
        let built = body(&s, &[]);
        assert_eq!(built["status"], "open");
        assert_eq!(built["at"], "2026-01-01T00:00:00Z");
        assert_eq!(built["tags"], json!(["a"]), "a value seen in every exchange is an enum value");
        assert_eq!(built["id"], 0);
        assert!(built.get("rare").is_none(), "a field in 1 of 4 objects is not part of the usual body");
        let example = json!({"id": 7, "status": "paid", "at": "2026-11-05T00:00:00Z", "tags": ["x"]});
        let built = body(&s, &[&example]);
        assert_eq!(
            (built["id"].as_i64(), built["at"].as_str(), built["tags"][0].as_str()),
            (Some(7), Some("2026-11-05T00:00:00Z"), Some("x"))
        );
    }
}
