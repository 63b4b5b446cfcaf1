//! Single-pass observation of one document into a shape.
//!
//! Recursion is bounded by `Limits::max_depth` (itself capped); deeper containers are skipped
//! iteratively and counted as cuts.

use std::collections::BTreeMap;

use super::{ArrayShape, BoolShape, Field, NumberShape, ObjectShape, Shape, StringShape, ValueEntry, Values};
use crate::config::Limits;
use crate::format;
use crate::json::{Event, ParseError, Parser};
use crate::redact::{self, Redactor};
use crate::ts::Ts;

pub(crate) struct Observer<'a> {
    t: Ts,
    limits: &'a Limits,
    redactor: &'a Redactor,
    stamp: u64,
}

fn unexpected(p: &Parser<'_>, reason: &'static str) -> ParseError {
    let (line, column) = crate::json::line_col(p.source().as_bytes(), p.offset());
    ParseError { offset: p.offset(), line, column, reason }
}

impl<'a> Observer<'a> {
    pub(crate) fn new(t: Ts, limits: &'a Limits, redactor: &'a Redactor) -> Self {
        Self { t, limits, redactor, stamp: 0 }
    }

    pub(crate) fn value<'s>(
        &mut self,
        p: &mut Parser<'s>,
        ev: Event<'s>,
        shape: &mut Shape,
        depth: usize,
        sensitive: bool,
    ) -> Result<(), ParseError> {
        match ev {
            Event::StartArray | Event::StartObject if depth >= self.limits.max_depth => {
                shape.cut += 1;
                skip(p)
            }
            Event::StartArray => self.array(p, shape, depth + 1, sensitive),
            Event::StartObject => self.object(p, shape, depth + 1, sensitive),
            Event::Key(_) | Event::EndArray | Event::EndObject => Err(unexpected(p, "expected a value")),
            scalar => {
                self.scalar(&scalar, shape, sensitive);
                Ok(())
            }
        }
    }

    fn scalar(&mut self, ev: &Event<'_>, shape: &mut Shape, sensitive: bool) {
        match ev {
            Event::Null => shape.null += 1,
            Event::Bool(b) => {
                let s = shape.boolean.get_or_insert_with(BoolShape::default);
                if *b { s.trues += 1 } else { s.falses += 1 }
            }
            Event::Number { text, integer } => {
                let v = super::number_value(text);
                let slot = if *integer { &mut shape.integer } else { &mut shape.number };
                match slot {
                    Some(n) => {
                        n.count += 1;
                        n.min = n.min.min(v);
                        n.max = n.max.max(v);
                    }
                    None => *slot = Some(NumberShape { count: 1, min: v, max: v }),
                }
            }
            Event::Str(s) => self.string(shape, s, sensitive),
            _ => {}
        }
    }

    fn string(&mut self, shape: &mut Shape, s: &str, sensitive: bool) {
        let st = shape.string.get_or_insert_with(|| {
            Box::new(StringShape {
                count: 0,
                min_len: u64::MAX,
                max_len: 0,
                formats: BTreeMap::new(),
                values: Values::Tracked(BTreeMap::new()),
                untracked: 0,
            })
        });
        let len = if s.is_ascii() { s.len() } else { s.chars().count() } as u64;
        st.count += 1;
        st.min_len = st.min_len.min(len);
        st.max_len = st.max_len.max(len);
        let formats = format::detect(s);
        for f in formats.iter() {
            *st.formats.entry(f).or_default() += 1;
        }
        // Counted whatever the value set's state, so the count does not depend on order.
        let secret = sensitive || redact::looks_secret(s).is_some();
        if secret {
            st.untracked += 1;
        }
        if s.len() > self.limits.max_enum_value_len {
            st.values = Values::Many;
        }
        if let Values::Tracked(vals) = &mut st.values {
            if !secret {
                let h = super::stable_hash(s.as_bytes());
                vals.entry(h).or_insert_with(|| ValueEntry { text: Some(s.to_owned()), exchanges: 1 });
                if vals.len() > self.limits.max_enum_values {
                    st.values = Values::Many;
                }
            }
        }
    }

    fn array<'s>(&mut self, p: &mut Parser<'s>, shape: &mut Shape, depth: usize, sensitive: bool) -> Result<(), ParseError> {
        let a = shape.array.get_or_insert_with(|| {
            Box::new(ArrayShape { count: 0, min_len: u64::MAX, max_len: 0, items: Shape::default(), positions: None })
        });
        let first = a.count == 0;
        a.count += 1;
        let mut len = 0u64;
        let mut positions: Option<Vec<Shape>> = Some(Vec::new());
        loop {
            let Some(ev) = p.next()? else { return Err(unexpected(p, "unexpected end of input")) };
            if ev == Event::EndArray {
                break;
            }
            len += 1;
            let scalar = !matches!(ev, Event::StartArray | Event::StartObject);
            match &mut positions {
                Some(v) if scalar && v.len() < self.limits.max_tuple => {
                    let mut s = Shape::default();
                    self.scalar(&ev, &mut s, sensitive);
                    v.push(s);
                }
                _ => positions = None,
            }
            self.value(p, ev, &mut a.items, depth, sensitive)?;
        }
        a.min_len = a.min_len.min(len);
        a.max_len = a.max_len.max(len);
        a.positions = if first {
            positions
        } else {
            match (a.positions.take(), positions) {
                (Some(mut x), Some(y)) if x.len() == y.len() => {
                    x.iter_mut().zip(&y).for_each(|(x, y)| x.merge(y, self.limits));
                    Some(x)
                }
                _ => None,
            }
        };
        Ok(())
    }

    fn object<'s>(&mut self, p: &mut Parser<'s>, shape: &mut Shape, depth: usize, sensitive: bool) -> Result<(), ParseError> {
        let t = self.t;
        self.stamp += 1;
        let stamp = self.stamp;
        let o = shape.object.get_or_insert_with(|| Box::new(ObjectShape::new(t)));
        let (prior, prior_last) = (o.count, o.last_seen);
        o.count += 1;
        let mut keys = 0u64;
        loop {
            let key = match p.next()? {
                Some(Event::EndObject) => break,
                Some(Event::Key(k)) => k,
                _ => return Err(unexpected(p, "expected a key")),
            };
            keys += 1;
            let Some(ev) = p.next()? else { return Err(unexpected(p, "unexpected end of input")) };
            if let Some(m) = &mut o.map {
                m.add_key(&key, 1);
                let sens = sensitive || self.redactor.is_sensitive_key(&key);
                self.value(p, ev, &mut m.values, depth, sens)?;
                continue;
            }
            if !o.fields.contains_key(&*key) {
                let sens = sensitive || self.redactor.is_sensitive_key(&key);
                let field = Field {
                    present: 0,
                    first_seen: t,
                    last_seen: t,
                    last_absent: (prior > 0).then_some(prior_last),
                    shape: Shape::default(),
                    stamp: 0,
                    sensitive: sens,
                };
                o.fields.insert(key.clone().into_owned(), field);
            }
            let f = o.fields.get_mut(&*key).expect("inserted above");
            if f.stamp != stamp {
                f.stamp = stamp;
                f.present += 1;
            }
            f.first_seen = f.first_seen.min(t);
            f.last_seen = f.last_seen.max(t);
            let sens = f.sensitive;
            self.value(p, ev, &mut f.shape, depth, sens)?;
            if o.fields.len() > self.limits.max_fields {
                o.collapse(self.limits);
            }
        }
        if o.map.is_none() {
            for f in o.fields.values_mut().filter(|f| f.stamp != stamp) {
                f.last_absent = f.last_absent.max(Some(t));
            }
        }
        o.min_keys = o.min_keys.min(keys);
        o.max_keys = o.max_keys.max(keys);
        o.first_seen = o.first_seen.min(t);
        o.last_seen = o.last_seen.max(t);
        Ok(())
    }
}

/// Skips the rest of a container whose start was just read, without recursion.
fn skip(p: &mut Parser<'_>) -> Result<(), ParseError> {
    let mut depth = 1usize;
    while depth > 0 {
        match p.next()? {
            Some(Event::StartArray | Event::StartObject) => depth += 1,
            Some(Event::EndArray | Event::EndObject) => depth -= 1,
            Some(_) => {}
            None => return Err(unexpected(p, "unexpected end of input")),
        }
    }
    Ok(())
}
