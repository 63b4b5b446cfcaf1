//! Body-level checks: the mock's JSON body walked beside production's shape. Decides
//! `type_mismatch`, `format_mismatch` (of values, and of the kinds of values Pact matchers
//! expect), `enum_value_unknown`, `unknown_field`, `missing_field`, and the candidates for
//! `uncovered_null` (reported by [`super::coverage`] when no mock of the endpoint has the
//! null). Each finding plans the edit that fixes it, for `regen`.

use mockdrift_contracts::format::{self, Format};
use mockdrift_contracts::{Contract, EndpointKey, Field, ObjectShape, Shape, StringShape, Ts};
use serde_json::Value;

use super::{Differ, Seg, Site, seg_pointer};
use crate::edit::{Edit, EditOp};
use crate::finding::{Evidence, Kind};
use crate::mock::{Matcher, PathToken};
use crate::tree::{Node, NodeKind};

fn types_of(s: &Shape) -> Vec<String> {
    s.kinds().into_iter().map(|k| k.name().to_owned()).collect()
}

fn formats_of(s: &Shape) -> Vec<String> {
    s.string.as_ref().and_then(|st| st.format()).map(|f| vec![f.name().to_owned()]).unwrap_or_default()
}

fn kind_ok(n: &Node, s: &Shape) -> bool {
    match &n.kind {
        NodeKind::Null => s.null > 0,
        NodeKind::Bool(_) => s.boolean.is_some(),
        NodeKind::Number { integer: true, .. } => s.integer.is_some() || s.number.is_some(),
        NodeKind::Number { text, .. } => {
            s.number.is_some() || (s.integer.is_some() && text.parse::<f64>().is_ok_and(|f| f.fract() == 0.0))
        }
        NodeKind::String(_) => s.string.is_some(),
        NodeKind::Array(_) => s.array.is_some(),
        NodeKind::Object(_) => s.object.is_some(),
    }
}

/// `type_mismatch`: the mock's value is of a kind production never sent here (an integral
/// number where production sends integers is fine, whatever its spelling).
fn type_mismatch(n: &Node, s: &Shape) -> Option<String> {
    if kind_ok(n, s) {
        return None;
    }
    let kinds = types_of(s).join(" or ");
    Some(format!("the mock has {} here; production sends {kinds} ({} values)", n.kind_name(), s.count()))
}

/// `format_mismatch`: production's strings here all have one format (uuid, date-time,
/// email, ...) and the mock's value does not.
fn format_mismatch(v: &str, st: &StringShape) -> Option<String> {
    let f = st.format()?;
    if format::detect(v).contains(f) {
        return None;
    }
    Some(format!(
        "production's values here are all {} ({} of {}); the mock's {v:?} is not",
        f.name(),
        st.count,
        st.count
    ))
}

/// `enum_value_unknown`: production's strings here are a small set of values and the mock's
/// is not one of them.
fn enum_value_unknown(v: &str, st: &StringShape) -> Option<String> {
    let values = st.enum_values()?;
    (st.has_value(v) == Some(false))
        .then(|| format!("production sent only {} here ({} values); never {v:?}", values.join(", "), st.count))
}

/// `format_mismatch` for a Pact matcher: the kind of value the consumer expects (a regex, a
/// substring, a date) does not fit a value production sent (`seen`: its enum values and an
/// example). The mock's own literal is only an example and is not judged.
fn matcher_mismatch(m: &Matcher, st: &StringShape, seen: &[String]) -> Option<String> {
    match (m.rule.as_str(), &m.pattern) {
        ("regex", Some(pattern)) => {
            let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok()?;
            let bad = seen.iter().find(|x| !re.is_match(x))?;
            Some(format!("the mock's regex matcher /{pattern}/ does not fit production's value {bad:?}"))
        }
        ("include", Some(part)) => {
            let bad = seen.iter().find(|x| !x.contains(part.as_str()))?;
            Some(format!("the mock's include matcher expects {part:?} in the value; production sent {bad:?}"))
        }
        ("date" | "time" | "timestamp" | "datetime", _) => {
            let dated = matches!(st.format(), Some(Format::Date | Format::DateTime | Format::Time));
            (!dated).then(|| {
                format!(
                    "the mock's {} matcher expects dates or times; production's values here are not all dates or times",
                    m.rule
                )
            })
        }
        _ => None,
    }
}

/// `unknown_field`: the mock has a field production never sent in this object (not a map,
/// whose keys are data).
fn unknown_field(k: &str, o: &ObjectShape) -> Option<String> {
    if o.fields.contains_key(k) || o.is_map() {
        return None;
    }
    Some(format!(
        "the mock has {k:?}, which production never sent ({} responses, {} to {})",
        o.count,
        o.first_seen.date(),
        o.last_seen.date()
    ))
}

/// `missing_field`, for a field the mock lacks: production sends it always, or in every
/// response since it first appeared (at least `min_samples` of them: a field a new release
/// added). The message and the count of responses it is judged on.
fn missing_field(k: &str, f: &Field, o: &ObjectShape, min_samples: u64) -> Option<(String, u64)> {
    let always = o.is_required(f);
    let since = !always && f.present_since_first_seen() && f.present >= min_samples;
    if !always && !since {
        return None;
    }
    let (how, of) = if always {
        (format!("present in {} of {} responses, last seen {}", f.present, o.count, f.last_seen.date()), o.count)
    } else {
        let how = format!(
            "present in all {} responses since it first appeared on {}, last seen {}",
            f.present,
            f.first_seen.date(),
            f.last_seen.date()
        );
        (how, f.present)
    };
    Some((format!("production always sends {k:?} ({how}); the mock lacks it"), of))
}

/// `uncovered_null` candidate: production sends null for this field; the finding stands if
/// no mock of the endpoint has null there ([`super::coverage`]).
fn uncovered_null(name: &str, nulls: u64, of: u64, f: &Field) -> String {
    format!(
        "production sends null for {name:?} ({nulls} of {of} responses, last seen {}) and no mock of this endpoint has null there: the consumer's null handling is untested",
        f.last_seen.date()
    )
}

pub(super) struct Cmp<'d, 'a, 's> {
    pub(super) d: &'d mut Differ<'a>,
    pub(super) site: &'s Site<'s>,
    pub(super) contract: &'a Contract,
    pub(super) segs: &'s mut Vec<Seg>,
}

impl Cmp<'_, '_, '_> {
    fn pointer(&self) -> String {
        seg_pointer(self.segs, false)
    }

    fn example(&self) -> Option<Value> {
        let ptr = self.pointer();
        self.contract.examples.iter().find_map(|e| e.body.pointer(&ptr)).cloned()
    }

    fn push(&mut self, kind: Kind, line: usize, message: String, mock: Option<Value>, production: Evidence) {
        let f = self.d.finding(
            kind,
            self.site,
            &self.site.mock.body_file,
            line,
            self.segs,
            message,
            mock,
            Some(production),
        );
        self.d.findings.push(f);
    }

    /// Plans the edit that fixes the finding just pushed: remove the value, or set it to one
    /// built from production's shape (synthetic, and from the recorded examples).
    fn plan(&mut self, shape: Option<&Shape>) {
        let Some(f) = self.d.findings.last() else { return };
        let op = match shape {
            None => EditOp::Remove,
            Some(s) => {
                let examples: Vec<&Value> =
                    self.contract.examples.iter().filter_map(|e| value_at(&e.body, self.segs)).collect();
                EditOp::Set {
                    synthetic: mockdrift_contracts::synth::synthetic(s, &examples),
                    example: mockdrift_contracts::synth::body(s, &examples),
                }
            }
        };
        let at = self
            .segs
            .iter()
            .map(|s| match s {
                Seg::Key(k) => PathToken::Key(k.to_string()),
                Seg::Index(i) => PathToken::Index(*i),
            })
            .collect();
        self.d.edits.push(Edit {
            mock: self.d.current,
            endpoint: self.endpoint_key(),
            fingerprint: crate::regen::finding_key(f),
            at,
            op,
        });
    }

    fn evidence(&self, s: &Shape, count: u64, of: u64, times: Option<(Ts, Ts)>) -> Evidence {
        Evidence {
            count,
            of,
            ratio: if of == 0 { 0.0 } else { count as f64 / of as f64 },
            first_seen: times.map(|t| t.0.to_rfc3339()),
            last_seen: times.map(|t| t.1.to_rfc3339()),
            types: types_of(s),
            formats: formats_of(s),
            example: self.example(),
        }
    }

    pub(super) fn node(&mut self, n: &Node, s: &Shape, times: Option<(Ts, Ts)>) {
        if s.count() == 0 {
            return; // cut at the depth limit, or never observed: nothing to say
        }
        let templated = self.site.mock.templated && matches!(&n.kind, NodeKind::String(v) if v.contains("{{"));
        if templated {
            return;
        }
        if let Some(msg) = type_mismatch(n, s) {
            let ev = self.evidence(s, s.count(), s.count(), times);
            self.push(Kind::TypeMismatch, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
            return;
        }
        match &n.kind {
            NodeKind::String(v) => self.string(n, v, s, times),
            NodeKind::Object(fields) => {
                let o = s.object.as_deref().expect("kind checked");
                self.object(n, fields, o);
            }
            NodeKind::Array(items) => {
                let a = s.array.as_deref().expect("kind checked");
                let tuple = a.is_tuple().then_some(a.positions.as_ref()).flatten();
                for (i, item) in items.iter().enumerate() {
                    self.segs.push(Seg::Index(i));
                    let shape = tuple.and_then(|p| p.get(i)).unwrap_or(&a.items);
                    self.node(item, shape, times);
                    self.segs.pop();
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, n: &Node, v: &str, s: &Shape, times: Option<(Ts, Ts)>) {
        if let Some(m) = self.site.mock.matchers.iter().rev().find(|m| covers(m, self.segs)) {
            self.matcher_meaning(m, n, s, times);
            return;
        }
        let st = s.string.as_deref().expect("kind checked");
        if let Some(msg) = format_mismatch(v, st) {
            let ev = self.evidence(s, st.count, st.count, times);
            self.push(Kind::FormatMismatch, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
            return;
        }
        if let Some(msg) = enum_value_unknown(v, st) {
            let ev = self.evidence(s, 0, st.count, times);
            self.push(Kind::EnumValueUnknown, n.line, msg, Some(n.to_value()), ev);
            self.plan(Some(s));
        }
    }

    /// A Pact matcher says what kind of value the consumer expects; check that production's
    /// values are of that kind (the mock's own literal is only an example).
    fn matcher_meaning(&mut self, m: &Matcher, n: &Node, s: &Shape, times: Option<(Ts, Ts)>) {
        let Some(st) = s.string.as_deref() else { return };
        let mut seen: Vec<String> =
            st.enum_values().map(|v| v.into_iter().map(str::to_owned).collect()).unwrap_or_default();
        if let Some(Value::String(ex)) = self.example() {
            seen.push(ex);
        }
        let problem = matcher_mismatch(m, st, &seen);
        if let Some(p) = problem {
            let ev = self.evidence(s, st.count, st.count, times);
            self.push(Kind::FormatMismatch, n.line, format!("{p} ({} values seen)", st.count), Some(n.to_value()), ev);
        }
    }

    fn object(&mut self, n: &Node, fields: &[(crate::tree::Key, Node)], o: &ObjectShape) {
        if let Some(m) = &o.map {
            for (k, v) in fields {
                self.segs.push(Seg::Key(k.clone()));
                self.node(v, &m.values, Some((o.first_seen, o.last_seen)));
                self.segs.pop();
            }
            return;
        }
        for (k, v) in fields {
            self.segs.push(Seg::Key(k.clone()));
            match o.fields.get(&**k) {
                Some(f) => {
                    if matches!(v.kind, NodeKind::Null) {
                        self.note_null();
                    }
                    self.node(v, &f.shape, Some((f.first_seen, f.last_seen)));
                }
                None => {
                    if let Some(msg) = unknown_field(k, o) {
                        let ev = Evidence {
                            count: 0,
                            of: o.count,
                            ratio: 0.0,
                            first_seen: Some(o.first_seen.to_rfc3339()),
                            last_seen: Some(o.last_seen.to_rfc3339()),
                            ..Evidence::default()
                        };
                        self.push(Kind::UnknownField, v.line, msg, Some(v.to_value()), ev);
                        self.plan(None);
                    }
                }
            }
            self.segs.pop();
        }
        if o.is_map() {
            return;
        }
        for (k, f) in &o.fields {
            let present_in_mock = fields.iter().any(|(mk, _)| **mk == **k);
            if !present_in_mock {
                if let Some((msg, of)) = missing_field(k, f, o, self.d.opts.min_samples) {
                    self.segs.push(Seg::Key(k.as_str().into()));
                    let ev = self.evidence(&f.shape, f.present, of, Some((f.first_seen, f.last_seen)));
                    self.push(Kind::MissingField, n.line, msg, None, ev);
                    self.plan(Some(&f.shape));
                    self.segs.pop();
                }
            } else if f.shape.null > 0 {
                self.segs.push(Seg::Key(k.as_str().into()));
                self.null_candidate(n, f.shape.null, o.count, f);
                self.segs.pop();
            }
        }
    }

    fn endpoint_key(&self) -> EndpointKey {
        self.site.key.cloned().expect("body comparison happens on a matched contract")
    }

    fn normalised_pointer(&self) -> String {
        seg_pointer(self.segs, true)
    }

    fn note_null(&mut self) {
        let key = (self.endpoint_key(), self.normalised_pointer());
        self.d.null_in_mock.insert(key);
    }

    fn null_candidate(&mut self, n: &Node, nulls: u64, of: u64, f: &Field) {
        let key = (self.endpoint_key(), self.normalised_pointer());
        if self.d.null_candidates.contains_key(&key) {
            return;
        }
        let name = match self.segs.last() {
            Some(Seg::Key(k)) => k.to_string(),
            _ => String::new(),
        };
        let msg = uncovered_null(&name, nulls, of, f);
        // What production sends here that no mock has: null itself.
        let ev = Evidence {
            example: Some(Value::Null),
            ..self.evidence(&f.shape, nulls, of, Some((f.first_seen, f.last_seen)))
        };
        let line = n.get(&name).map_or(n.line, |v| v.line);
        let finding = self.d.finding(
            Kind::UncoveredNull,
            self.site,
            &self.site.mock.body_file,
            line,
            self.segs,
            msg,
            n.get(&name).map(Node::to_value),
            Some(ev),
        );
        self.d.null_candidates.insert(key, finding);
    }
}

/// The value at a body position in a recorded example (an index past the example's array
/// falls back to its first item).
fn value_at<'v>(mut v: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    for s in segs {
        v = match s {
            Seg::Key(k) => v.get(&**k)?,
            Seg::Index(i) => v.get(*i).or_else(|| v.get(0))?,
        };
    }
    Some(v)
}

/// Whether a Pact matcher's path covers a body position (a prefix, with wildcards).
fn covers(m: &Matcher, at: &[Seg]) -> bool {
    m.path.len() <= at.len()
        && m.path.iter().zip(at).all(|(t, s)| match (t, s) {
            (PathToken::Any, _) => true,
            (PathToken::Key(a), Seg::Key(b)) => **a == **b,
            (PathToken::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{node, shape};
    use super::*;

    fn object(s: &Shape) -> &ObjectShape {
        s.object.as_deref().expect("an object")
    }

    fn strings(s: &Shape, key: &str) -> StringShape {
        object(s).fields[key].shape.string.as_deref().expect("strings").clone()
    }

    #[test]
    fn a_value_of_a_kind_production_never_sent_is_a_type_mismatch() {
        let s = shape(&["1", "2"]);
        assert_eq!(type_mismatch(&node("3"), &s), None);
        assert_eq!(type_mismatch(&node("3.0"), &s), None, "an integral number is an integer");
        let msg = type_mismatch(&node(r#""3""#), &s).expect("a string is not an integer");
        assert_eq!(msg, "the mock has string here; production sends integer (2 values)");
        assert!(type_mismatch(&node("null"), &s).is_some());
        assert_eq!(type_mismatch(&node("null"), &shape(&["1", "null"])), None);
    }

    #[test]
    fn a_value_without_production_s_one_format_is_a_format_mismatch() {
        let s = shape(&[
            r#"{"id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}"#,
            r#"{"id": "6fa459ea-ee8a-3ca4-894e-db77e160355e"}"#,
        ]);
        let st = strings(&s, "id");
        assert_eq!(format_mismatch("16fd2706-8baf-433b-82eb-8c7fada847da", &st), None);
        let msg = format_mismatch("42", &st).expect("not a uuid");
        assert!(msg.starts_with("production's values here are all uuid (2 of 2)"), "{msg}");
        let free = shape(&[r#"{"id": "a"}"#, r#"{"id": "b c"}"#]);
        assert_eq!(format_mismatch("42", &strings(&free, "id")), None, "no format: nothing to miss");
    }

    #[test]
    fn a_value_outside_a_small_set_is_an_unknown_enum_value() {
        let bodies: Vec<String> = (0..40).map(|i| format!(r#"{{"state": "{}"}}"#, ["open", "closed"][i % 2])).collect();
        let s = shape(&bodies.iter().map(String::as_str).collect::<Vec<_>>());
        let st = strings(&s, "state");
        assert_eq!(enum_value_unknown("open", &st), None);
        let msg = enum_value_unknown("merged", &st).expect("never sent");
        assert!(msg.contains("production sent only closed, open here (40 values); never \"merged\""), "{msg}");
    }

    #[test]
    fn a_pact_matcher_that_does_not_fit_production_s_values_is_a_format_mismatch() {
        let s = shape(&[r#"{"at": "2026-11-20"}"#, r#"{"at": "2026-11-21"}"#]);
        let st = strings(&s, "at");
        let matcher = |rule: &str, pattern: Option<&str>| Matcher {
            path: Vec::new(),
            rule: rule.to_owned(),
            pattern: pattern.map(str::to_owned),
        };
        let seen = vec!["2026-11-20".to_owned()];
        assert_eq!(matcher_mismatch(&matcher("regex", Some(r"\d{4}-\d{2}-\d{2}")), &st, &seen), None);
        let msg = matcher_mismatch(&matcher("regex", Some(r"\d+")), &st, &seen).expect("no fit");
        assert!(msg.contains(r#"does not fit production's value "2026-11-20""#), "{msg}");
        assert!(matcher_mismatch(&matcher("include", Some("T")), &st, &seen).is_some());
        assert_eq!(matcher_mismatch(&matcher("date", None), &st, &seen), None);
        let words = shape(&[r#"{"at": "soon"}"#, r#"{"at": "later on"}"#]);
        assert!(matcher_mismatch(&matcher("timestamp", None), &strings(&words, "at"), &seen).is_some());
        assert_eq!(matcher_mismatch(&matcher("type", None), &st, &seen), None, "type matchers say nothing here");
    }

    #[test]
    fn a_field_production_never_sent_is_unknown_unless_the_object_is_a_map() {
        let s = shape(&[r#"{"id": 1}"#, r#"{"id": 2}"#]);
        assert_eq!(unknown_field("id", object(&s)), None);
        let msg = unknown_field("name", object(&s)).expect("never sent");
        assert!(msg.starts_with("the mock has \"name\", which production never sent (2 responses"), "{msg}");
        let map_bodies: Vec<String> = (0..60).map(|i| format!(r#"{{"user{i}": {{"n": {i}}}}}"#)).collect();
        let map = shape(&map_bodies.iter().map(String::as_str).collect::<Vec<_>>());
        let o = object(&map);
        assert!(o.map.is_some() || o.is_map(), "sixty one-off keys are a map");
        assert_eq!(unknown_field("user999", o), None);
    }

    #[test]
    fn a_field_production_always_sends_is_missing_and_an_optional_one_is_not() {
        let s = shape(&[r#"{"id": 1, "note": "a"}"#, r#"{"id": 2}"#, r#"{"id": 3}"#]);
        let o = object(&s);
        let (msg, of) = missing_field("id", &o.fields["id"], o, 20).expect("always sent");
        assert!(msg.contains("present in 3 of 3 responses"), "{msg}");
        assert_eq!(of, 3);
        assert_eq!(missing_field("note", &o.fields["note"], o, 20), None, "sent once in three");
    }

    #[test]
    fn a_field_in_every_response_since_it_appeared_is_missing_once_there_is_enough_evidence() {
        let mut bodies: Vec<String> = (0..30).map(|i| format!(r#"{{"id": {i}}}"#)).collect();
        bodies.extend((0..25).map(|i| format!(r#"{{"id": {i}, "currency": "EUR"}}"#)));
        let s = shape(&bodies.iter().map(String::as_str).collect::<Vec<_>>());
        let o = object(&s);
        let f = &o.fields["currency"];
        let (msg, of) = missing_field("currency", f, o, 20).expect("25 in a row since it appeared");
        assert!(msg.contains("present in all 25 responses since it first appeared"), "{msg}");
        assert_eq!(of, 25);
        assert_eq!(missing_field("currency", f, o, 30), None, "25 is below --min-samples 30");
    }

    #[test]
    fn a_matcher_covers_the_positions_under_its_path() {
        let m =
            Matcher { path: vec![PathToken::Key("items".into()), PathToken::Any], rule: "type".into(), pattern: None };
        assert!(covers(&m, &[Seg::Key("items".into()), Seg::Index(3), Seg::Key("id".into())]));
        assert!(!covers(&m, &[Seg::Key("items".into())]));
        assert!(!covers(&m, &[Seg::Key("other".into()), Seg::Index(0)]));
    }
}
