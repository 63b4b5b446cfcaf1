//! The inferred type lattice over JSON, with counts.
//!
//! A [`Shape`] is a product of per-kind summaries (null, bool, integer, number, string, array,
//! object), so a position where types really mix is simply a shape with several kinds present.
//! [`Shape::merge`] is a join: commutative and associative including counts, idempotent on
//! everything but counts; inferring samples one by one and merging per-sample shapes in any
//! order or grouping gives the same shape. The proptests in `shape/tests.rs` check these laws.
//!
//! Every bound that could cut information is monotone in the join (a value set that grows past
//! its cap becomes "many" for good, an object with too many keys becomes a map for good), which
//! is what keeps the laws true under the limits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::format::{self, Format};
use crate::json::{ParseError, Parser};
use crate::redact::Redactor;
use crate::ts::Ts;

mod merge;
mod observe;
mod repr;
pub use self::merge::is_data_key;
use self::merge::merge_num;
#[cfg(test)]
mod tests;

pub(crate) use observe::{Ctx, Observer};

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The shape of the values seen at one position of a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    /// Nulls seen.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub null: u64,
    /// Booleans seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boolean: Option<BoolShape>,
    /// Integers seen (no fraction, no exponent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer: Option<NumberShape>,
    /// Non-integer numbers seen. Where both are present the position is a `number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<NumberShape>,
    /// Strings seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string: Option<Box<StringShape>>,
    /// Arrays seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub array: Option<Box<ArrayShape>>,
    /// Objects seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Box<ObjectShape>>,
    /// Containers not descended because they were nested deeper than `max_depth`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cut: u64,
}

/// Booleans by value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoolShape {
    /// `true` seen.
    #[serde(default)]
    pub trues: u64,
    /// `false` seen.
    #[serde(default)]
    pub falses: u64,
}

/// Numbers: count and observed range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberShape {
    /// Values seen.
    pub count: u64,
    /// Smallest finite value.
    pub min: f64,
    /// Largest finite value.
    pub max: f64,
}

/// Strings: lengths, formats and, while few, the values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StringShape {
    /// Strings seen.
    pub count: u64,
    /// Shortest, in characters.
    pub min_len: u64,
    /// Longest, in characters.
    pub max_len: u64,
    /// How many strings matched each format.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub formats: BTreeMap<Format, u64>,
    /// The distinct values, while they are few.
    #[serde(default)]
    pub values: Values,
    /// Strings not tracked as values because they are sensitive (key or look).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub untracked: u64,
}

/// The distinct values of a string position.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Values {
    /// Up to `max_enum_values` values, keyed by a stable hash of the value.
    Tracked(BTreeMap<u64, ValueEntry>),
    /// More distinct values were seen than the cap: absorbing.
    #[default]
    Many,
}

/// One tracked value.
#[derive(Clone, Debug)]
pub struct ValueEntry {
    /// The value; withheld (hash only) in the store until seen in `enum_min_exchanges`
    /// distinct exchanges, so a rare value never reaches disk.
    pub text: Option<String>,
    /// Distinct exchanges the value was seen in.
    pub exchanges: u64,
    /// The last exchange that counted it (in memory only).
    pub(crate) stamp: u64,
    /// Whether this process found the text not secret (in memory only): values read from a
    /// store or merged in are checked again, as the secret rules may have grown since.
    pub(crate) checked: bool,
}

impl PartialEq for ValueEntry {
    fn eq(&self, o: &Self) -> bool {
        self.text == o.text && self.exchanges == o.exchanges
    }
}

/// Arrays: lengths, the merged item shape, and per-position shapes for short scalar arrays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArrayShape {
    /// Arrays seen.
    pub count: u64,
    /// Shortest.
    pub min_len: u64,
    /// Longest.
    pub max_len: u64,
    /// All items of all arrays, merged.
    pub items: Shape,
    /// Per-position shapes while every array seen had the same length (at most `max_tuple`)
    /// and only scalar items; `None` once that stopped being true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positions: Option<Vec<Shape>>,
}

/// Objects: fields with presence, or (for data-keyed objects past `max_fields`) a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectShape {
    /// Objects seen.
    pub count: u64,
    /// When the first object here was seen.
    pub first_seen: Ts,
    /// When the last object here was seen.
    pub last_seen: Ts,
    /// Fewest keys in one object.
    pub min_keys: u64,
    /// Most keys in one object.
    pub max_keys: u64,
    /// Fields by name. Empty once the object became a map.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, Field>,
    /// Set when this position holds more distinct keys than `max_fields`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapShape>,
}

/// One object field.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Field {
    /// Objects that had this field.
    pub present: u64,
    /// First seen.
    pub first_seen: Ts,
    /// Last seen.
    pub last_seen: Ts,
    /// The latest time an object here lacked the field; `None` if none ever did. The field
    /// has been in every object since it first appeared iff this is before `first_seen`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_absent: Option<Ts>,
    /// The field's values.
    pub shape: Shape,
    /// Observation stamp (in memory only): counts a duplicate key once per object.
    #[serde(skip)]
    pub(crate) stamp: u64,
    /// Whether the key is sensitive (in memory only): 0 not yet known, 1 no, 2 yes.
    #[serde(skip)]
    pub(crate) sensitive: u8,
}

impl PartialEq for Field {
    fn eq(&self, o: &Self) -> bool {
        self.present == o.present
            && self.first_seen == o.first_seen
            && self.last_seen == o.last_seen
            && self.last_absent == o.last_absent
            && self.shape == o.shape
    }
}

/// An object whose keys are data: a sketch of its keys and one shape for all values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapShape {
    /// Key occurrences seen.
    pub entries: u64,
    /// How many keys matched each format.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub key_formats: BTreeMap<Format, u64>,
    /// Bottom-k sketch of key hashes (sorted, at most [`MapShape::SKETCH`]), for a distinct
    /// key estimate that merges exactly.
    #[serde(with = "repr::hex_hashes")]
    pub key_sketch: Vec<u64>,
    /// The values of all keys, merged.
    pub values: Shape,
}

/// How a string position reads to a person or a differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// JSON null.
    Null,
    /// true/false.
    Boolean,
    /// Integer.
    Integer,
    /// Any number.
    Number,
    /// String.
    String,
    /// Array.
    Array,
    /// Object.
    Object,
}

impl Kind {
    /// The JSON Schema type name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// A stable 64-bit hash for value and key identity across versions and machines: FNV-1a,
/// then the murmur3 finaliser so the high bits are uniform enough for bottom-k sketches.
/// Part of the snapshot format: changing it needs a new format version.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

// === impl Shape ===

impl Shape {
    /// Infers the shape of one JSON document (one exchange), seen at time `t`.
    pub fn infer(body: &[u8], t: Ts, limits: &Limits, redactor: &Redactor) -> Result<Shape, ParseError> {
        let mut shape = Shape::default();
        shape.observe(body, t, limits, redactor)?;
        Ok(shape)
    }

    /// Observes one JSON document (one exchange) seen at time `t` into this shape, in place.
    ///
    /// Equal to `self.merge(&Shape::infer(body, ..))` (a proptested law), but allocation-free
    /// once the shape has seen the document's fields. The document is validated first, so an
    /// invalid one leaves the shape untouched.
    pub fn observe(&mut self, body: &[u8], t: Ts, limits: &Limits, redactor: &Redactor) -> Result<(), ParseError> {
        let mut parser = Parser::new_validated(crate::json::validate_str(body)?);
        let mut obs = Observer::new(t, limits, redactor);
        let first = parser.next()?.expect("validated: a document has a value");
        obs.value(&mut parser, first, self, 0, Ctx::default())
    }

    /// Values seen here (not counting cuts).
    pub fn count(&self) -> u64 {
        self.null
            + self.boolean.map_or(0, |b| b.trues + b.falses)
            + self.integer.map_or(0, |n| n.count)
            + self.number.map_or(0, |n| n.count)
            + self.string.as_ref().map_or(0, |s| s.count)
            + self.array.as_ref().map_or(0, |a| a.count)
            + self.object.as_ref().map_or(0, |o| o.count)
    }

    /// Whether nothing was seen.
    pub fn is_empty(&self) -> bool {
        self.count() == 0 && self.cut == 0
    }

    /// The kinds present, integer folded into number where both were seen.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut k = Vec::new();
        if self.null > 0 {
            k.push(Kind::Null);
        }
        if self.boolean.is_some() {
            k.push(Kind::Boolean);
        }
        match (self.integer.is_some(), self.number.is_some()) {
            (_, true) => k.push(Kind::Number),
            (true, false) => k.push(Kind::Integer),
            _ => {}
        }
        if self.string.is_some() {
            k.push(Kind::String);
        }
        if self.array.is_some() {
            k.push(Kind::Array);
        }
        if self.object.is_some() {
            k.push(Kind::Object);
        }
        k
    }

    /// A hash of what this shape says about the documents, without its counts: the kinds,
    /// field names and which are required, string formats and tracked values, tuple and map
    /// readings. It changes exactly when new evidence changes the contract a differ or a
    /// regenerated mock sees, so a recorder can tell an endpoint whose shape has stopped
    /// changing (and sample it down) from one still being learned. In memory only.
    pub fn fingerprint(&self) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        self.fingerprint_into(&mut h);
        std::hash::Hasher::finish(&h)
    }

    fn fingerprint_into(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        let kinds = [
            self.null > 0,
            self.boolean.is_some(),
            self.integer.is_some(),
            self.number.is_some(),
            self.string.is_some(),
            self.array.is_some(),
            self.object.is_some(),
            self.cut > 0,
        ];
        h.write_u8(kinds.iter().fold(0, |acc, &k| acc << 1 | u8::from(k)));
        if let Some(s) = &self.string {
            let format = s.format();
            format.hash(h);
            h.write_u8(u8::from(s.untracked > 0));
            match &s.values {
                // Dates, UUIDs, emails are never enums: their values are no news.
                Values::Tracked(_) if format.is_some() => {}
                Values::Tracked(vals) => {
                    h.write_usize(vals.len());
                    vals.keys().for_each(|k| h.write_u64(*k));
                }
                Values::Many => h.write_usize(usize::MAX),
            }
        }
        if let Some(a) = &self.array {
            h.write_u8(u8::from(a.is_tuple()));
            a.items.fingerprint_into(h);
            if let Some(p) = &a.positions {
                h.write_usize(p.len());
                p.iter().for_each(|s| s.fingerprint_into(h));
            }
        }
        if let Some(o) = &self.object {
            for (name, f) in &o.fields {
                h.write(name.as_bytes());
                h.write_u8(u8::from(o.is_required(f)));
                f.shape.fingerprint_into(h);
            }
            if let Some(m) = &o.map {
                h.write_usize(usize::MAX);
                m.key_formats.keys().for_each(|f| f.hash(h));
                m.values.fingerprint_into(h);
            }
        }
    }

    /// Whether null was seen here.
    pub fn nullable(&self) -> bool {
        self.null > 0
    }

    /// Joins `other` into `self`.
    pub fn merge(&mut self, other: &Shape, limits: &Limits) {
        self.null += other.null;
        self.cut += other.cut;
        if let Some(b) = other.boolean {
            let mine = self.boolean.get_or_insert_with(BoolShape::default);
            mine.trues += b.trues;
            mine.falses += b.falses;
        }
        merge_num(&mut self.integer, other.integer);
        merge_num(&mut self.number, other.number);
        match (&mut self.string, &other.string) {
            (Some(a), Some(b)) => a.merge(b, limits),
            (None, Some(b)) => self.string = Some(b.clone()),
            _ => {}
        }
        match (&mut self.array, &other.array) {
            (Some(a), Some(b)) => a.merge(b, limits),
            (None, Some(b)) => self.array = Some(b.clone()),
            _ => {}
        }
        match (&mut self.object, &other.object) {
            (Some(a), Some(b)) => a.merge(b, limits),
            (None, Some(b)) => self.object = Some(b.clone()),
            _ => {}
        }
    }

    /// Whether the shape admits `v`: every kind, field and item in `v` was seen here.
    /// (Presence is not checked: an optional field's absence is admitted.)
    pub fn accepts(&self, v: &serde_json::Value) -> bool {
        use serde_json::Value as V;
        match v {
            V::Null => self.null > 0,
            V::Bool(_) => self.boolean.is_some(),
            V::Number(n) if n.is_i64() || n.is_u64() => self.integer.is_some() || self.number.is_some(),
            V::Number(_) => self.number.is_some(),
            V::String(_) => self.string.is_some(),
            V::Array(items) => match &self.array {
                Some(a) => {
                    let positional = match (&a.positions, a.is_tuple()) {
                        (Some(p), true) => p.len() == items.len() && p.iter().zip(items).all(|(s, v)| s.accepts(v)),
                        _ => true,
                    };
                    positional && items.iter().all(|i| a.items.accepts(i))
                }
                None => self.cut > 0,
            },
            V::Object(map) => match &self.object {
                Some(o) => match &o.map {
                    Some(m) => map.values().all(|v| m.values.accepts(v)),
                    None => map.iter().all(|(k, v)| o.fields.get(k).is_some_and(|f| f.shape.accepts(v))),
                },
                None => self.cut > 0,
            },
        }
    }

    /// Marks every string position in this shape as "many values". Applied to the values of
    /// a collapsed map: values arriving there from different keys of one exchange cannot be
    /// counted per distinct exchange in a way that is independent of when the collapse
    /// happened, so they are not tracked at all (which keeps the join exact).
    pub(crate) fn saturate_values(&mut self) {
        self.for_each_string(|st| st.values = Values::Many);
    }

    /// Calls `f` on every string position in the shape. Iterative, so deep shapes are safe.
    fn for_each_string(&mut self, mut f: impl FnMut(&mut StringShape)) {
        let mut stack = vec![self];
        while let Some(s) = stack.pop() {
            if let Some(st) = &mut s.string {
                f(st);
            }
            if let Some(a) = &mut s.array {
                let a = &mut **a;
                stack.push(&mut a.items);
                stack.extend(a.positions.iter_mut().flatten());
            }
            if let Some(o) = &mut s.object {
                let o = &mut **o;
                stack.extend(o.fields.values_mut().map(|f| &mut f.shape));
                if let Some(m) = &mut o.map {
                    stack.push(&mut m.values);
                }
            }
        }
    }

    /// Sets every count to zero (for comparing shapes regardless of how often they were seen).
    pub fn erase_counts(&mut self) {
        self.null = u64::from(self.null > 0);
        self.cut = u64::from(self.cut > 0);
        if let Some(b) = &mut self.boolean {
            b.trues = u64::from(b.trues > 0);
            b.falses = u64::from(b.falses > 0);
        }
        for n in [&mut self.integer, &mut self.number].into_iter().flatten() {
            n.count = 1;
        }
        if let Some(s) = &mut self.string {
            s.count = 1;
            s.untracked = u64::from(s.untracked > 0);
            s.formats.values_mut().for_each(|c| *c = 1);
            if let Values::Tracked(vals) = &mut s.values {
                vals.values_mut().for_each(|e| {
                    e.exchanges = 1;
                    e.text = None;
                });
            }
        }
        if let Some(a) = &mut self.array {
            a.count = 1;
            a.items.erase_counts();
            a.positions.iter_mut().flatten().for_each(Shape::erase_counts);
        }
        if let Some(o) = &mut self.object {
            o.count = 1;
            for f in o.fields.values_mut() {
                f.present = 1;
                f.shape.erase_counts();
            }
            if let Some(m) = &mut o.map {
                m.entries = 1;
                m.key_formats.values_mut().for_each(|c| *c = 1);
                m.values.erase_counts();
            }
        }
    }

    /// Drops the text of values seen in fewer than `min_exchanges` exchanges, everywhere in
    /// the shape: what is left is safe to persist.
    pub fn withhold_rare(&mut self, min_exchanges: u64) {
        self.for_each_string(|st| {
            if let Values::Tracked(vals) = &mut st.values {
                vals.values_mut().filter(|e| e.exchanges < min_exchanges).for_each(|e| e.text = None);
            }
        });
    }
}

/// The value of a number token for min/max; non-finite values count as 0.
pub(crate) fn number_value(text: &str, integer: bool) -> f64 {
    let b = text.as_bytes();
    if integer && b.len() <= 18 {
        // Short integers: exact in i64, and much cheaper than a float parse.
        let (neg, digits) = match b.first() {
            Some(b'-') => (true, &b[1..]),
            _ => (false, b),
        };
        let n = digits.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
        return if neg { -n as f64 } else { n as f64 };
    }
    text.parse::<f64>().ok().filter(|f| f.is_finite()).unwrap_or(0.0)
}
