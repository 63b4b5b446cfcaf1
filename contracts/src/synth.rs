//! Bodies built from shapes: a plausible production body for a contract, for showing beside a
//! mock (and, later, for regenerating mocks). Values come from the redacted examples where one
//! has a value of the right kind at the same place, else from the shape (an enum value, a
//! placeholder in the right format, the smallest number seen).

use serde_json::{Map, Value, json};

use crate::format::Format;
use crate::shape::{Kind, Shape};

/// A body for `shape`; `examples` are redacted recorded bodies of the same contract.
pub fn body(shape: &Shape, examples: &[&Value]) -> Value {
    build(shape, examples, Mode::Examples, 0)
}

/// A synthetic body for `shape`: no recorded value is used, but a string with no format or
/// enum takes the form of the recorded ones at its place, so that an id looks like an id
/// (`ch_3NqY8k` gives `ch_0AaA0a`: the prefix kept, digits, lower and upper case letters
/// replaced by `0`, `a`, `A`) and satisfies the patterns the real ones do.
pub fn synthetic(shape: &Shape, examples: &[&Value]) -> Value {
    build(shape, examples, Mode::Synthetic, 0)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Recorded values are used where they fit.
    Examples,
    /// Only the form of recorded strings is used.
    Synthetic,
}

/// The form of an id-like string (no whitespace, at most 64 characters, not a redaction
/// marker): its alphabetic prefix up to a `_`, `-` or `:` kept, the rest masked by class.
fn id_like(s: &str) -> Option<String> {
    if s.is_empty() || s.chars().count() > 64 || s.contains(char::is_whitespace) || s.contains('<') {
        return None;
    }
    let prefix = s
        .char_indices()
        .find(|(_, c)| matches!(c, '_' | '-' | ':'))
        .filter(|(i, _)| s[..*i].chars().all(|c| c.is_ascii_alphabetic()))
        .map_or(0, |(i, _)| i + 1);
    let masked = s[prefix..].chars().map(|c| match c {
        '0'..='9' => '0',
        'a'..='z' => 'a',
        'A'..='Z' => 'A',
        c => c,
    });
    Some(s[..prefix].chars().chain(masked).collect())
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

fn build(s: &Shape, examples: &[&Value], mode: Mode, depth: usize) -> Value {
    let Some(kind) = main_kind(s) else { return Value::Null };
    if depth > 64 {
        return Value::Null;
    }
    if !matches!(kind, Kind::Object | Kind::Array)
        && mode == Mode::Examples
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
            if let Some(f) = st.format() {
                return Value::String(placeholder(f).to_owned());
            }
            let form = examples.iter().filter_map(|e| e.as_str()).find_map(id_like);
            Value::String(form.unwrap_or_else(|| "string".to_owned()))
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
                            build(p, &ex, mode, depth + 1)
                        })
                        .collect(),
                );
            }
            if a.items.is_empty() {
                Value::Array(Vec::new())
            } else {
                Value::Array(vec![build(&a.items, &items, mode, depth + 1)])
            }
        }
        Kind::Object => {
            let o = s.object.as_ref().expect("main kind is object");
            if let Some(m) = &o.map {
                let values: Vec<&Value> =
                    examples.iter().filter_map(|e| e.as_object()).flat_map(|m| m.values()).collect();
                let mut out = Map::new();
                out.insert("key".to_owned(), build(&m.values, &values, mode, depth + 1));
                return Value::Object(out);
            }
            let mut out = Map::new();
            for (k, f) in &o.fields {
                let usual = o.is_required(f) || f.present_since_first_seen() || f.present * 2 >= o.count;
                if usual {
                    out.insert(k.clone(), build(&f.shape, &at(examples, k), mode, depth + 1));
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
        let synthetic = synthetic(&s, &[&example]);
        assert_eq!((synthetic["id"].as_i64(), synthetic["at"].as_str()), (Some(0), Some("2026-01-01T00:00:00Z")));
    }

    #[test]
    fn synthetic_ids_take_the_form_of_recorded_ones() {
        let l = Limits::default();
        let mut s = Shape::default();
        let bodies: Vec<Value> = (0..80)
            .map(|i| json!({"id": format!("ch_3NqY8k{i:02}"), "ref": format!("ord-{i}x"), "note": format!("free text {i}")}))
            .collect();
        for (i, b) in bodies.iter().enumerate() {
            s.observe(&serde_json::to_vec(b).expect("json"), Ts(i as i64), &l, &Redactor::default()).expect("valid");
        }
        let examples: Vec<&Value> = bodies.iter().take(2).collect();
        let built = synthetic(&s, &examples);
        assert_eq!(built["id"], "ch_0AaA0a00");
        assert_eq!(built["ref"], "ord-0a");
        assert_eq!(built["note"], "string", "free text is not an id");
        assert_eq!(synthetic(&s, &[])["id"], "string", "no recorded form: a placeholder");
        assert_eq!(id_like("<redacted>"), None);
        assert_eq!(id_like("9f1c2e"), Some("0a0a0a".to_owned()));
    }
}
