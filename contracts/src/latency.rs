//! Response latency per contract: a mergeable sketch (DDSketch's log buckets, without
//! collapsing). A duration `d` (milliseconds) counts in bucket `ceil(ln d / ln γ)` with
//! γ = (1 + α) / (1 − α), α = 2 %: every quantile is within 2 % of a true sample's value.
//! Counts add, so merging is commutative, associative and has the empty sketch as identity,
//! as the contract's other counts, and recording then merging equals merging then
//! recording. Durations are clamped to 1 µs .. 1 h, which bounds the buckets (about 550).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Relative accuracy of the quantiles.
pub const ALPHA: f64 = 0.02;

const MIN_MS: f64 = 0.001;
const MAX_MS: f64 = 3_600_000.0;

fn gamma() -> f64 {
    (1.0 + ALPHA) / (1.0 - ALPHA)
}

/// The bucket of a duration (clamped to 1 µs .. 1 h).
fn index(ms: f64) -> i32 {
    (ms.clamp(MIN_MS, MAX_MS).ln() / gamma().ln()).ceil() as i32
}

/// How long responses took.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Raw")]
pub struct Latency {
    /// Responses timed (those with a positive duration; traffic files without timings add
    /// nothing).
    pub count: u64,
    /// Responses per bucket: bucket `i` holds durations in (γ^(i−1), γ^i] ms. Written as
    /// `[[i, count], ...]` (JSON object keys would be strings, which not every reader turns
    /// back into numbers).
    #[serde(with = "pairs")]
    pub buckets: BTreeMap<i32, u64>,
}

/// A sketch as read: its buckets brought back into the range durations can reach and its
/// count made theirs, so a hostile snapshot can neither grow a sketch without bound nor
/// give quantiles outside 1 µs .. 1 h.
#[derive(Deserialize)]
struct Raw {
    #[serde(with = "pairs", default)]
    buckets: BTreeMap<i32, u64>,
}

impl From<Raw> for Latency {
    fn from(raw: Raw) -> Latency {
        let (lo, hi) = (index(MIN_MS), index(MAX_MS));
        let mut l = Latency::default();
        for (i, n) in raw.buckets {
            if n > 0 {
                let e = l.buckets.entry(i.clamp(lo, hi)).or_default();
                *e = e.saturating_add(n);
                l.count = l.count.saturating_add(n);
            }
        }
        l
    }
}

mod pairs {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(m: &BTreeMap<i32, u64>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.iter())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<i32, u64>, D::Error> {
        let pairs = Vec::<(i32, u64)>::deserialize(d)?;
        let mut m = BTreeMap::new();
        for (i, n) in pairs {
            *m.entry(i).or_default() += n;
        }
        Ok(m)
    }
}

impl Latency {
    /// Whether nothing was timed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Counts a response that took `ms` milliseconds, `weight` times (a sampled exchange
    /// stands for the skipped ones). Zero, negative and non-finite durations are not
    /// timings and count nothing.
    pub fn add(&mut self, ms: f64, weight: u64) {
        if !(ms.is_finite() && ms > 0.0) || weight == 0 {
            return;
        }
        let e = self.buckets.entry(index(ms)).or_default();
        *e = e.saturating_add(weight);
        self.count = self.count.saturating_add(weight);
    }

    /// Joins `o` in: counts add.
    pub fn merge(&mut self, o: &Latency) {
        for (i, n) in &o.buckets {
            let e = self.buckets.entry(*i).or_default();
            *e = e.saturating_add(*n);
        }
        self.count = self.count.saturating_add(o.count);
    }

    /// The `q`-quantile (0 to 1) in milliseconds, within [`ALPHA`] of a true sample's value;
    /// `None` when nothing was timed.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = (q.clamp(0.0, 1.0) * (self.count - 1) as f64).floor() as u64;
        let mut seen = 0;
        for (i, n) in &self.buckets {
            seen += n;
            if seen > rank {
                let g = gamma();
                return Some(2.0 * g.powi(*i) / (g + 1.0));
            }
        }
        None
    }

    /// p50, p90 and p99 in milliseconds, rounded to three significant digits.
    pub fn summary(&self) -> Option<[f64; 3]> {
        let round = |x: f64| {
            if !(x.is_finite() && x > 0.0) {
                return x;
            }
            let digits = 3 - 1 - x.log10().floor() as i32;
            let f = 10f64.powi(digits);
            (x * f).round() / f
        };
        Some([round(self.quantile(0.5)?), round(self.quantile(0.9)?), round(self.quantile(0.99)?)])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn quantiles_are_within_the_relative_accuracy() {
        let mut l = Latency::default();
        let samples: Vec<f64> = (1..=1000).map(|i| i as f64 * 0.37).collect();
        for s in &samples {
            l.add(*s, 1);
        }
        for q in [0.5, 0.9, 0.99] {
            let truth = samples[(q * 999.0) as usize];
            let got = l.quantile(q).expect("timed");
            assert!((got - truth).abs() <= truth * ALPHA * 1.01, "q{q}: {got} against {truth}");
        }
        assert_eq!(l.count, 1000);
        let mut untimed = Latency::default();
        untimed.add(0.0, 1);
        untimed.add(-1.0, 1);
        untimed.add(f64::NAN, 1);
        assert!(untimed.is_empty() && untimed.quantile(0.5).is_none());
        let mut one = Latency::default();
        one.add(10.0, 1);
        let [p50, p90, p99] = one.summary().expect("timed");
        assert!((p50 - 10.0).abs() <= 0.2 && p50 == p90 && p90 == p99, "{p50} {p90} {p99}");
        assert!(((p50 * 100.0).round() - p50 * 100.0).abs() < 1e-9, "three significant digits: {p50}");
    }

    #[test]
    fn a_sketch_reads_back_through_a_json_value() {
        let mut l = Latency::default();
        l.add(3.0, 2);
        l.add(250.0, 1);
        let text = serde_json::to_string(&l).expect("serializes");
        assert!(text.starts_with("{\"count\":3,\"buckets\":[["), "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(serde_json::from_value::<Latency>(value).expect("reads back"), l);
    }

    #[test]
    fn a_hostile_sketch_is_brought_back_into_range() {
        let text = r#"{"count": 99999, "buckets": [[-2147483648, 5], [2147483647, 7], [10, 0], [10, 3]]}"#;
        let l: Latency = serde_json::from_str(text).expect("reads");
        assert_eq!(l.count, 15, "the count is the buckets'");
        assert_eq!(l.buckets.len(), 3);
        let [p50, _, p99] = l.summary().expect("timed");
        assert!(p50 >= 0.0009 && p99 <= 3_700_000.0, "{p50} {p99}");
    }

    #[test]
    fn weights_count_as_that_many_responses() {
        let (mut a, mut b) = (Latency::default(), Latency::default());
        a.add(12.0, 3);
        for _ in 0..3 {
            b.add(12.0, 1);
        }
        assert_eq!(a, b);
    }

    proptest! {
        #[test]
        fn merging_is_a_commutative_associative_sum(
            xs in prop::collection::vec(0.0f64..5_000.0, 0..40),
            ys in prop::collection::vec(0.0f64..5_000.0, 0..40),
            zs in prop::collection::vec(0.0f64..5_000.0, 0..40),
        ) {
            let of = |v: &[f64]| { let mut l = Latency::default(); for x in v { l.add(*x, 1); } l };
            let (a, b, c) = (of(&xs), of(&ys), of(&zs));
            let mut ab = a.clone(); ab.merge(&b);
            let mut ba = b.clone(); ba.merge(&a);
            prop_assert_eq!(&ab, &ba);
            let mut ab_c = ab.clone(); ab_c.merge(&c);
            let mut bc = b.clone(); bc.merge(&c);
            let mut a_bc = a.clone(); a_bc.merge(&bc);
            prop_assert_eq!(&ab_c, &a_bc);
            // Recording everything in one equals merging the parts.
            let all: Vec<f64> = xs.iter().chain(&ys).chain(&zs).copied().collect();
            prop_assert_eq!(of(&all), ab_c);
            let mut with_empty = a.clone(); with_empty.merge(&Latency::default());
            prop_assert_eq!(with_empty, a);
        }
    }
}
