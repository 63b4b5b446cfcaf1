//! Single-pass observation of one document into a shape.
//!
//! Recursion is bounded by `Limits::max_depth` (itself capped); deeper containers are skipped
//! iteratively and counted as cuts.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::{ArrayShape, BoolShape, Field, NumberShape, ObjectShape, Shape, StringShape, ValueEntry, Values};
use crate::config::Limits;
use crate::format;
use crate::json::{Event, ParseError, Parser};
use crate::redact::{self, Redactor};
use crate::ts::Ts;

/// What the enclosing positions say about a value.
#[derive(Clone, Copy, Default)]
pub(crate) struct Ctx {
    /// Under a sensitive key: values are never tracked.
    pub(crate) sensitive: bool,
    /// Under a collapsed map's values: values are never tracked (see `saturate_values`).
    pub(crate) in_map: bool,
}

pub(crate) struct Observer<'a> {
    t: Ts,
    limits: &'a Limits,
    redactor: &'a Redactor,
    /// This observation's stamp for values (counted once per exchange).
    exchange: u64,
    /// Object stamps: `next..end` are reserved for this observer.
    next: u64,
    end: u64,
}

/// Stamps are unique in the process, so a stamp left on a field or value by an earlier
/// observation can never be mistaken for the current one. Reserved in blocks.
static STAMPS: AtomicU64 = AtomicU64::new(1);
const BLOCK: u64 = 1024;

fn unexpected(p: &Parser<'_>, reason: &'static str) -> ParseError {
    let (line, column) = crate::json::line_col(p.source().as_bytes(), p.offset());
    ParseError { offset: p.offset(), line, column, reason }
}

impl<'a> Observer<'a> {
    pub(crate) fn new(t: Ts, limits: &'a Limits, redactor: &'a Redactor) -> Self {
        let exchange = STAMPS.fetch_add(BLOCK, Ordering::Relaxed);
        Self { t, limits, redactor, exchange, next: exchange + 1, end: exchange + BLOCK }
    }

    fn stamp(&mut self) -> u64 {
        if self.next == self.end {
            self.next = STAMPS.fetch_add(BLOCK, Ordering::Relaxed);
            self.end = self.next + BLOCK;
        }
        self.next += 1;
        self.next - 1
    }

    pub(crate) fn value<'s>(
        &mut self,
        p: &mut Parser<'s>,
        ev: Event<'s>,
        shape: &mut Shape,
        depth: usize,
        ctx: Ctx,
    ) -> Result<(), ParseError> {
        match ev {
            Event::StartArray | Event::StartObject if depth >= self.limits.max_depth => {
                shape.cut += 1;
                skip(p)
            }
            Event::StartArray => self.array(p, shape, depth + 1, ctx),
            Event::StartObject => self.object(p, shape, depth + 1, ctx),
            Event::Key(_) | Event::EndArray | Event::EndObject => Err(unexpected(p, "expected a value")),
            scalar => {
                self.scalar(&scalar, shape, ctx);
                Ok(())
            }
        }
    }

    fn scalar(&mut self, ev: &Event<'_>, shape: &mut Shape, ctx: Ctx) {
        match ev {
            Event::Null => shape.null += 1,
            Event::Bool(b) => {
                let s = shape.boolean.get_or_insert_with(BoolShape::default);
                if *b { s.trues += 1 } else { s.falses += 1 }
            }
            Event::Number { text, integer } => {
                let v = super::number_value(text, *integer);
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
            Event::Str(s) => self.string(shape, s, ctx),
            _ => {}
        }
    }

    fn string(&mut self, shape: &mut Shape, s: &str, ctx: Ctx) {
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
        // Counted whatever the value set's state, so the count does not depend on order. A
        // value this process has tracked and found not secret, the same text, is not checked
        // again (one read from a store is: older rules may have let a secret through).
        let h = super::stable_hash(s.as_bytes());
        let known = matches!(&st.values, Values::Tracked(vals)
            if vals.get(&h).is_some_and(|e| e.checked && e.text.as_deref() == Some(s)));
        let secret = ctx.sensitive || !known && redact::contains_secret(s);
        if secret {
            st.untracked += 1;
        }
        if ctx.in_map || s.len() > self.limits.max_enum_value_len {
            st.values = Values::Many;
        }
        if let Values::Tracked(vals) = &mut st.values
            && !secret
        {
            let exchange = self.exchange;
            match vals.get_mut(&h) {
                Some(e) => {
                    if e.stamp != exchange {
                        e.stamp = exchange;
                        e.exchanges += 1;
                    }
                    if e.text.is_none() {
                        e.text = Some(s.to_owned());
                    }
                    // (Not for another text of the same hash: that one was not checked.)
                    e.checked |= e.text.as_deref() == Some(s);
                }
                None => {
                    vals.insert(
                        h,
                        ValueEntry { text: Some(s.to_owned()), exchanges: 1, stamp: exchange, checked: true },
                    );
                }
            }
            if vals.len() > self.limits.max_enum_values {
                st.values = Values::Many;
            }
        }
    }

    fn array<'s>(&mut self, p: &mut Parser<'s>, shape: &mut Shape, depth: usize, ctx: Ctx) -> Result<(), ParseError> {
        let a = shape.array.get_or_insert_with(|| {
            Box::new(ArrayShape { count: 0, min_len: u64::MAX, max_len: 0, items: Shape::default(), positions: None })
        });
        let first = a.count == 0;
        a.count += 1;
        if first {
            a.positions = Some(Vec::new());
        }
        // Per-position shapes are observed in place: any mismatch (a longer or shorter array,
        // a container item) drops them for good, so partial updates never survive.
        let mut tuple_ok = a.positions.is_some();
        let mut len = 0usize;
        loop {
            let Some(ev) = p.next()? else { return Err(unexpected(p, "unexpected end of input")) };
            if ev == Event::EndArray {
                break;
            }
            if tuple_ok {
                let scalar = !matches!(ev, Event::StartArray | Event::StartObject);
                let positions = a.positions.as_mut().expect("tuple_ok implies positions");
                if !scalar || len >= self.limits.max_tuple {
                    tuple_ok = false;
                } else if first {
                    let mut s = Shape::default();
                    self.scalar(&ev, &mut s, ctx);
                    positions.push(s);
                } else if let Some(s) = positions.get_mut(len) {
                    self.scalar(&ev, s, ctx);
                } else {
                    tuple_ok = false;
                }
            }
            len += 1;
            self.value(p, ev, &mut a.items, depth, ctx)?;
        }
        if !tuple_ok || a.positions.as_ref().is_some_and(|p| p.len() != len) {
            a.positions = None;
        }
        a.min_len = a.min_len.min(len as u64);
        a.max_len = a.max_len.max(len as u64);
        Ok(())
    }

    fn object<'s>(&mut self, p: &mut Parser<'s>, shape: &mut Shape, depth: usize, ctx: Ctx) -> Result<(), ParseError> {
        let t = self.t;
        let stamp = self.stamp();
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
                let sensitive = ctx.sensitive || self.redactor.is_sensitive_key(&key);
                self.value(p, ev, &mut m.values, depth, Ctx { sensitive, in_map: true })?;
                continue;
            }
            // One lookup for a known member (the common case), a second only to insert.
            let f = match o.fields.get_mut(&*key) {
                Some(f) => f,
                None => o.fields.entry(key.clone().into_owned()).or_insert(Field {
                    present: 0,
                    first_seen: t,
                    last_seen: t,
                    last_absent: (prior > 0).then_some(prior_last),
                    shape: Shape::default(),
                    stamp: 0,
                    sensitive: 0,
                }),
            };
            if f.stamp != stamp {
                f.stamp = stamp;
                f.present += 1;
            }
            if f.sensitive == 0 {
                f.sensitive = if self.redactor.is_sensitive_key(&key) { 2 } else { 1 };
            }
            f.first_seen = f.first_seen.min(t);
            f.last_seen = f.last_seen.max(t);
            let sensitive = ctx.sensitive || f.sensitive == 2;
            self.value(p, ev, &mut f.shape, depth, Ctx { sensitive, ..ctx })?;
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
