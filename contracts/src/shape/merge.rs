//! The joins of the component shapes: strings, arrays, objects, fields and maps.

use std::collections::BTreeMap;

use super::*;

pub(super) fn merge_num(a: &mut Option<NumberShape>, b: Option<NumberShape>) {
    match (a.as_mut(), b) {
        (Some(a), Some(b)) => {
            a.count += b.count;
            a.min = a.min.min(b.min);
            a.max = a.max.max(b.max);
        }
        (None, Some(b)) => *a = Some(b),
        _ => {}
    }
}

// === impl StringShape ===

impl StringShape {
    /// The format every string here matched, most specific first.
    pub fn format(&self) -> Option<Format> {
        Format::ALL.into_iter().find(|f| self.formats.get(f) == Some(&self.count))
    }

    /// The enum values, when this position looks like an enum: few values, each seen in
    /// enough distinct exchanges that its text was kept, and nothing sensitive.
    pub fn enum_values(&self) -> Option<Vec<&str>> {
        match &self.values {
            Values::Tracked(vals) if self.untracked == 0 && !vals.is_empty() => {
                let mut out: Vec<&str> = vals.values().map(|e| e.text.as_deref()).collect::<Option<_>>()?;
                // A handful of ids (`cus_000123`, UUIDs, numbers) is a small sample, not an enum.
                if out.len() > 1 && out.iter().all(|v| crate::template::param_reason(v).is_some()) {
                    return None;
                }
                out.sort_unstable();
                Some(out)
            }
            _ => None,
        }
    }

    /// Whether `s` is one of the values seen (by hash, so withheld values count too).
    /// `None` when the values are not tracked.
    pub fn has_value(&self, s: &str) -> Option<bool> {
        match &self.values {
            Values::Tracked(vals) => Some(vals.contains_key(&stable_hash(s.as_bytes()))),
            Values::Many => None,
        }
    }

    pub(crate) fn merge(&mut self, o: &StringShape, limits: &Limits) {
        self.count += o.count;
        self.min_len = self.min_len.min(o.min_len);
        self.max_len = self.max_len.max(o.max_len);
        self.untracked += o.untracked;
        for (f, c) in &o.formats {
            *self.formats.entry(*f).or_default() += c;
        }
        match (&mut self.values, &o.values) {
            (Values::Tracked(a), Values::Tracked(b)) => {
                for (h, e) in b {
                    let mine = a.entry(*h).or_insert(ValueEntry { text: None, exchanges: 0, stamp: 0, checked: false });
                    mine.exchanges += e.exchanges;
                    if mine.text.is_none() {
                        mine.text.clone_from(&e.text);
                    }
                }
                if a.len() > limits.max_enum_values {
                    self.values = Values::Many;
                }
            }
            (_, Values::Many) => self.values = Values::Many,
            (Values::Many, _) => {}
        }
    }
}

// === impl ArrayShape ===

impl ArrayShape {
    /// Whether the arrays here read as tuples (`[lat, lon]`, `[name, count]`): always the
    /// same length of two or more, with positions of different kinds or all numeric.
    pub fn is_tuple(&self) -> bool {
        let Some(p) = &self.positions else { return false };
        if p.len() < 2 || self.min_len != self.max_len {
            return false;
        }
        let kinds: Vec<Vec<Kind>> = p.iter().map(Shape::kinds).collect();
        let mixed = kinds.windows(2).any(|w| w[0] != w[1]);
        let numeric = kinds.iter().all(|k| k.iter().all(|k| matches!(k, Kind::Integer | Kind::Number)));
        mixed || numeric
    }

    pub(crate) fn merge(&mut self, o: &ArrayShape, limits: &Limits) {
        self.count += o.count;
        self.min_len = self.min_len.min(o.min_len);
        self.max_len = self.max_len.max(o.max_len);
        self.items.merge(&o.items, limits);
        self.positions = match (self.positions.take(), &o.positions) {
            (Some(mut a), Some(b)) if a.len() == b.len() => {
                a.iter_mut().zip(b).for_each(|(a, b)| a.merge(b, limits));
                Some(a)
            }
            _ => None,
        };
    }
}

// === impl ObjectShape ===

impl ObjectShape {
    pub(crate) fn new(t: Ts) -> Self {
        Self {
            count: 0,
            first_seen: t,
            last_seen: t,
            min_keys: u64::MAX,
            max_keys: 0,
            fields: BTreeMap::new(),
            map: None,
        }
    }

    /// Whether the field was in every object seen here.
    pub fn is_required(&self, f: &Field) -> bool {
        f.present >= self.count
    }

    /// Whether this position reads as a map (keys are data), either because it passed
    /// `max_fields`, or because its keys look like ids, dates or locale codes and are each
    /// present in few of the objects while the values share one kind (JXPLAIN's key-space
    /// entropy and value homogeneity, in a cheap form).
    pub fn is_map(&self) -> bool {
        if self.map.is_some() {
            return true;
        }
        let n = self.fields.len();
        if n < 4 {
            return false;
        }
        let data_keys = self.fields.keys().filter(|k| is_data_key(k)).count();
        let kinds: Vec<Vec<Kind>> = self.fields.values().map(|f| f.shape.kinds()).collect();
        let homogeneous = kinds.windows(2).all(|w| w[0] == w[1]);
        let avg_presence =
            self.fields.values().map(|f| f.present as f64).sum::<f64>() / (n as f64 * self.count.max(1) as f64);
        homogeneous && (data_keys * 10 >= n * 9 || (n >= 32 && avg_presence < 0.2))
    }

    /// Collapses the fields into a map: the join of all field shapes and a sketch of the keys.
    pub(crate) fn collapse(&mut self, limits: &Limits) {
        let mut m = self.map.take().unwrap_or_default();
        for (k, f) in std::mem::take(&mut self.fields) {
            m.add_key(&k, f.present);
            m.values.merge(&f.shape, limits);
        }
        m.values.saturate_values();
        self.map = Some(m);
    }

    pub(crate) fn merge(&mut self, o: &ObjectShape, limits: &Limits) {
        self.count += o.count;
        self.min_keys = self.min_keys.min(o.min_keys);
        self.max_keys = self.max_keys.max(o.max_keys);
        let (my_last, their_last) = (self.last_seen, o.last_seen);
        self.first_seen = self.first_seen.min(o.first_seen);
        self.last_seen = self.last_seen.max(o.last_seen);
        if self.map.is_some() || o.map.is_some() {
            self.collapse(limits);
            let m = self.map.as_mut().expect("collapsed above");
            if let Some(om) = &o.map {
                m.merge(om, limits);
            }
            for (k, f) in &o.fields {
                m.add_key(k, f.present);
                m.values.merge(&f.shape, limits);
            }
            m.values.saturate_values();
            return;
        }
        for f in self.fields.iter_mut().filter(|(k, _)| !o.fields.contains_key(*k)).map(|(_, f)| f) {
            // Every object on the other side lacked this field.
            f.last_absent = f.last_absent.max(Some(their_last));
        }
        for (k, of) in &o.fields {
            match self.fields.get_mut(k) {
                Some(f) => {
                    f.present += of.present;
                    f.first_seen = f.first_seen.min(of.first_seen);
                    f.last_seen = f.last_seen.max(of.last_seen);
                    f.last_absent = f.last_absent.max(of.last_absent);
                    f.shape.merge(&of.shape, limits);
                }
                None => {
                    let mut f = of.clone();
                    f.last_absent = f.last_absent.max(Some(my_last));
                    self.fields.insert(k.clone(), f);
                }
            }
        }
        if self.fields.len() > limits.max_fields {
            self.collapse(limits);
        }
    }
}

/// Keys that are data rather than names: numbers, UUIDs, long hex ids, dates, locale codes.
pub fn is_data_key(k: &str) -> bool {
    let f = format::detect(k);
    if f.contains(Format::IntegerString)
        || f.contains(Format::Uuid)
        || f.contains(Format::Date)
        || f.contains(Format::DateTime)
    {
        return true;
    }
    let b = k.as_bytes();
    let hex = b.len() >= 8 && b.iter().all(u8::is_ascii_hexdigit) && b.iter().any(u8::is_ascii_digit);
    let locale = match b {
        [a, b2] => a.is_ascii_lowercase() && b2.is_ascii_lowercase(),
        [a, b2, sep, c, d] => {
            a.is_ascii_lowercase()
                && b2.is_ascii_lowercase()
                && matches!(sep, b'-' | b'_')
                && c.is_ascii_alphabetic()
                && d.is_ascii_alphabetic()
        }
        _ => false,
    };
    hex || locale
}

impl Field {
    /// Whether the field was in every object since it first appeared.
    pub fn present_since_first_seen(&self) -> bool {
        self.last_absent.is_none_or(|a| a < self.first_seen)
    }
}

// === impl MapShape ===

impl MapShape {
    /// Size of the key sketch.
    pub const SKETCH: usize = 64;

    pub(crate) fn add_key(&mut self, k: &str, occurrences: u64) {
        self.entries += occurrences;
        for f in format::detect(k).iter() {
            *self.key_formats.entry(f).or_default() += occurrences;
        }
        let h = stable_hash(k.as_bytes());
        if let Err(i) = self.key_sketch.binary_search(&h) {
            self.key_sketch.insert(i, h);
            self.key_sketch.truncate(Self::SKETCH);
        }
    }

    pub(crate) fn merge(&mut self, o: &MapShape, limits: &Limits) {
        self.entries += o.entries;
        for (f, c) in &o.key_formats {
            *self.key_formats.entry(*f).or_default() += c;
        }
        self.key_sketch.extend(&o.key_sketch);
        self.key_sketch.sort_unstable();
        self.key_sketch.dedup();
        self.key_sketch.truncate(Self::SKETCH);
        self.values.merge(&o.values, limits);
    }

    /// Estimated number of distinct keys (exact below the sketch size).
    pub fn distinct_keys(&self) -> u64 {
        if self.key_sketch.len() < Self::SKETCH {
            return self.key_sketch.len() as u64;
        }
        let kth = *self.key_sketch.last().expect("sketch is full") as f64 / u64::MAX as f64;
        ((Self::SKETCH - 1) as f64 / kth.max(f64::MIN_POSITIVE)) as u64
    }
}

// === serde for values and sketches ===
