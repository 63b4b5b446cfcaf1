//! Sampling an endpoint down once its contract has stopped changing.
//!
//! Recording costs far more than forwarding (a body copy on the hot path, then decoding,
//! parsing and merging on the recorder's thread), and most of a busy service's traffic is the
//! same few endpoints returning what they returned a thousand times before. So the hot path
//! keeps a small table of *slots*: a slot is a hash of the service, the method and the path
//! with every segment that holds a digit (ids, dates, `v2`) folded into `*`, which is what the
//! proxy can know about an endpoint without templating. The recorder tells the table, after
//! each exchange, whether the endpoint's contract changed beyond its counts
//! ([`mockdrift_contracts::Contract::fingerprint`]):
//!
//! - a slot starts at level 0: every exchange is recorded;
//! - after [`STREAK`] recorded exchanges in a row that changed nothing, it moves up a level,
//!   and at level `n` records one exchange in `2^n`, up to the level `--stable-sample` allows;
//! - any change (a new field, type, value, status, header) drops it back to level 0.
//!
//! The exchanges a slot skips are counted, and the next one it records carries them as its
//! weight, so an endpoint's count stays whole while its shapes learn from the samples. Slot
//! collisions (two endpoints in one slot) only make sampling more cautious or attribute some
//! skipped counts to a sibling; nothing is ever skipped in a slot the recorder has not seen
//! settle.

use std::sync::atomic::{AtomicU8, AtomicU16, AtomicU64, Ordering};

/// Unchanged recorded exchanges that move a slot one level down in rate.
pub const STREAK: u16 = 16;

/// Slots in the table (a power of two).
const SLOTS: usize = 8192;

/// Where an exchange's sampling state lives ([`StableSampler::slot`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Slot(u16);

/// The table of slots; shared by every route (through the tap) and the recorder.
#[derive(Debug)]
pub struct StableSampler {
    max_level: u8,
    levels: Box<[AtomicU8]>,
    skipped: Box<[AtomicU64]>,
    streak: Box<[AtomicU16]>,
}

impl StableSampler {
    /// A table that samples settled endpoints down to `rate` (0 to 1), rounded up to a power
    /// of two (`0.01` records one exchange in 64). `1` turns stable sampling off.
    pub fn new(rate: f64) -> StableSampler {
        let max_level = if rate.is_nan() || rate >= 1.0 {
            0
        } else {
            // floor(log2(1 / rate)), at most 1 in 2^20.
            (1.0 / rate.max(1e-6)).log2().floor().clamp(0.0, 20.0) as u8
        };
        StableSampler {
            max_level,
            levels: (0..SLOTS).map(|_| AtomicU8::new(0)).collect(),
            skipped: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            streak: (0..SLOTS).map(|_| AtomicU16::new(0)).collect(),
        }
    }

    /// The fraction a settled endpoint is recorded at (1: stable sampling is off).
    pub fn rate(&self) -> f64 {
        1.0 / f64::from(1u32 << self.max_level)
    }

    /// The slot of a request: FNV-1a over the service, the method and the path, each path
    /// segment holding a digit (or longer than 32 bytes) hashed as `*`.
    pub fn slot(service: &str, method: &str, path: &str) -> Slot {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        eat(service.as_bytes());
        eat(b" ");
        eat(method.as_bytes());
        for segment in path.split('/') {
            eat(b"/");
            if segment.len() > 32 || segment.bytes().any(|b| b.is_ascii_digit()) {
                eat(b"*");
            } else {
                eat(segment.as_bytes());
            }
        }
        // The high bits of an FNV product are the well-mixed ones.
        Slot((h >> 48) as u16 & (SLOTS as u16 - 1))
    }

    /// On the hot path: whether to record this exchange, and if so how many exchanges it
    /// stands for (itself and those its slot skipped since the last one it recorded).
    pub fn admit(&self, slot: Slot) -> Option<u64> {
        let i = usize::from(slot.0);
        let level = self.levels[i].load(Ordering::Relaxed);
        if level == 0 {
            // A slot that fell back to level 0 hands its skipped count to the next exchange.
            return Some(match self.skipped[i].load(Ordering::Relaxed) {
                0 => 1,
                _ => self.skipped[i].swap(0, Ordering::Relaxed) + 1,
            });
        }
        let n = self.skipped[i].fetch_add(1, Ordering::Relaxed) + 1;
        // Two requests may both see the turn come: one takes the count, the other records
        // too, standing for itself.
        (n >= 1 << level).then(|| self.skipped[i].swap(0, Ordering::Relaxed).max(1))
    }

    /// On the recorder's thread, after an exchange of `slot` was merged: `changed` says
    /// whether its contract changed beyond its counts.
    pub fn observed(&self, slot: Slot, changed: bool) {
        let i = usize::from(slot.0);
        if changed {
            self.levels[i].store(0, Ordering::Relaxed);
            self.streak[i].store(0, Ordering::Relaxed);
            return;
        }
        let streak = self.streak[i].load(Ordering::Relaxed) + 1;
        let level = self.levels[i].load(Ordering::Relaxed);
        if streak >= STREAK && level < self.max_level {
            self.levels[i].store(level + 1, Ordering::Relaxed);
            self.streak[i].store(0, Ordering::Relaxed);
        } else {
            self.streak[i].store(streak.min(STREAK), Ordering::Relaxed);
        }
    }

    /// On the recorder's thread, before a flush: the exchanges `slot` skipped since it last
    /// recorded one, which no recorded exchange carries yet. The caller adds them to the
    /// endpoint the slot last recorded, so a flush leaves every count whole.
    pub fn take_skipped(&self, slot: Slot) -> u64 {
        let i = usize::from(slot.0);
        match self.skipped[i].load(Ordering::Relaxed) {
            0 => 0,
            _ => self.skipped[i].swap(0, Ordering::Relaxed),
        }
    }

    /// How many slots are sampled down now (for `/metrics`).
    pub fn settled_slots(&self) -> usize {
        self.levels.iter().filter(|l| l.load(Ordering::Relaxed) > 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_share_a_slot_literals_do_not() {
        let s = |p| StableSampler::slot("api", "GET", p);
        assert_eq!(s("/users/42/orders/9f1c2e"), s("/users/7/orders/00aa11"));
        assert_eq!(s("/v1/charges"), s("/v2/charges"));
        assert_ne!(s("/users/42"), s("/users/me"));
        assert_ne!(s("/users/42"), StableSampler::slot("api", "POST", "/users/42"));
        assert_ne!(s("/users/42"), StableSampler::slot("billing", "GET", "/users/42"));
    }

    #[test]
    fn a_settled_slot_samples_down_counts_what_it_skips_and_wakes_on_change() {
        let t = StableSampler::new(0.25);
        assert_eq!(t.rate(), 0.25);
        let slot = StableSampler::slot("api", "GET", "/users/1");
        let mut recorded = Vec::new();
        // The recorder sees nothing new: the slot goes 1 → 1/2 → 1/4 and stays there.
        for _ in 0..400 {
            if let Some(w) = t.admit(slot) {
                recorded.push(w);
                t.observed(slot, false);
            }
        }
        let trailing = t.take_skipped(slot);
        assert_eq!(recorded.iter().sum::<u64>() + trailing, 400, "every exchange is counted once");
        assert_eq!(t.take_skipped(slot), 0, "and taken once");
        let (first, last) = (&recorded[..16], &recorded[recorded.len() - 8..]);
        assert!(first.iter().all(|&w| w == 1), "{first:?}");
        assert!(last.iter().all(|&w| w == 4), "{last:?}");
        assert_eq!(recorded.len(), 16 + 16 + (400 - 16 - 32) / 4);
        assert_eq!(t.settled_slots(), 1);
        // A change drops the slot back: the next exchanges are all recorded.
        t.observed(slot, true);
        assert_eq!(t.settled_slots(), 0);
        assert!((0..10).all(|_| t.admit(slot) == Some(1)));
    }

    #[test]
    fn rate_one_never_samples_down() {
        let t = StableSampler::new(1.0);
        let slot = StableSampler::slot("api", "GET", "/");
        for _ in 0..1000 {
            assert_eq!(t.admit(slot), Some(1));
            t.observed(slot, false);
        }
        assert_eq!(StableSampler::new(0.01).rate(), 1.0 / 64.0);
    }
}
