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
//! - any change (a new field, type, value, status, header) drops it back to level 0;
//! - at that floor, a busy slot goes further down while its recorded exchanges come less
//!   than half the *interval* (`--stable-interval`) apart, and back up while they come more
//!   than twice it apart (never above the floor's rate), so a settled endpoint is recorded
//!   about once per interval however busy it is (down to one in 2^20). The recorder's CPU
//!   then stays with the number of busy endpoints, not with their traffic: at 100 KB bodies,
//!   recording one exchange in 64 at 12k requests per second took 8 % of the proxy's core
//!   and showed in its p99 (`bench/ab.sh`);
//! - when such a slot's next recorded exchange is overdue (its traffic slowed down), the
//!   recorder sets its level from the exchanges it skipped since ([`StableSampler::relax`]),
//!   so it records about once per interval at the new rate, or at the floor's, within
//!   seconds rather than after the thousands of exchanges its deep level would wait for.
//!
//! A slot also holds at most [`MAX_QUEUED`] exchanges in the recorder's queue at once: while the
//! recorder has not yet taken those, the slot's next exchanges are skipped the same way. A
//! burst on one endpoint before the recorder has judged it (every exchange is recorded until
//! then) would otherwise fill the queue with copies of one body that teach nothing new: at
//! 100 KB, 29 MiB of the 32 MiB queue a second after start, and that memory stays with the
//! process (measured with `/metrics` during `wrk -c64`). Not with `--stable-sample 1`, which
//! records every exchange.
//!
//! The exchanges a slot skips are counted, and the next one it records carries them as its
//! weight, so an endpoint's count stays whole while its shapes learn from the samples. Slot
//! collisions (two endpoints in one slot) only make sampling more cautious or attribute some
//! skipped counts to a sibling; nothing is ever skipped in a slot the recorder has not seen
//! settle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU8, AtomicU16, AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

/// Unchanged recorded exchanges that move a slot one level down in rate.
pub const STREAK: u16 = 16;

/// Exchanges of one slot waiting in the recorder's queue, beyond which the slot skips (and
/// counts) the next ones: the recorder judges the slot on these first.
pub const MAX_QUEUED: u16 = STREAK;

/// The deepest level: one exchange in 2^20.
const MAX_LEVEL: u8 = 20;

/// Slots in the table (a power of two).
const SLOTS: usize = 8192;

/// Cells the skipped counts are kept in, per slot and status (a power of two): a slot's
/// exchanges may answer several statuses (`/users/1.json` 200 and `/users/999.json` 404
/// share a slot), and each endpoint's count takes only its own.
const CELLS: usize = SLOTS * 4;

/// A status's bit in a slot's set of recorded statuses.
fn status_bit(status: u16) -> u64 {
    1 << ((u64::from(status).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 58)
}

/// Where an exchange's sampling state lives ([`StableSampler::slot`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Slot(u16);

/// The table of slots; shared by every route (through the tap) and the recorder.
#[derive(Debug)]
pub struct StableSampler {
    max_level: u8,
    /// Milliseconds a settled slot's recorded exchanges should be apart (0: no such rule).
    interval_ms: i64,
    /// The time (ms since the epoch) of each slot's last recorded exchange.
    last: Box<[AtomicI64]>,
    /// Exchanges each slot skipped since it last recorded one: its turn comes at `2^level`.
    /// Unlike `skipped`, a flush does not take it (an endpoint slower than `2^level` per flush
    /// interval would never see its turn). Plain loads and stores: a lost increment only delays
    /// a turn by one exchange, where `skipped` must count every one.
    turns: Box<[AtomicU32]>,
    /// Whether a slot may be beyond the floor: set when one goes there, cleared by a
    /// [`StableSampler::relax`] that finds none (which then has nothing to scan).
    beyond_floor: AtomicBool,
    levels: Box<[AtomicU8]>,
    /// Exchanges skipped since a recorded one took them, per cell ([`StableSampler::skip`]).
    skipped: Box<[AtomicU64]>,
    streak: Box<[AtomicU16]>,
    queued: Box<[AtomicU16]>,
    /// The statuses each slot has recorded, one bit per status (hashed into 64).
    statuses: Box<[AtomicU64]>,
}

/// An exchange a slot admitted for recording: how many exchanges it stands for. Until it is
/// dropped (the recorder took it, or it was never sent), it counts against its slot's
/// [`MAX_QUEUED`].
#[derive(Debug)]
pub struct Admission {
    /// Itself and the exchanges of its slot and status skipped before it: 1 until
    /// [`Admission::weigh`] takes them, once its status is known.
    pub weight: u64,
    slot: Slot,
    table: Arc<StableSampler>,
}

impl Admission {
    /// Its slot.
    pub fn slot(&self) -> Slot {
        self.slot
    }

    /// Once its response's status is known: takes the exchanges its slot skipped with that
    /// status into its weight, and returns the weight.
    pub fn weigh(&mut self, status: u16) -> u64 {
        self.weight += self.table.take_skipped(self.slot, status);
        self.weight
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.table.queued[usize::from(self.slot.0)].fetch_sub(1, Ordering::Relaxed);
    }
}

impl StableSampler {
    /// A table that samples settled endpoints down to `rate` (0 to 1), rounded up to a power
    /// of two (`0.01` records one exchange in 64), and busy settled endpoints further, to
    /// about one recorded exchange per `interval` (zero: no further). `1` turns stable
    /// sampling off.
    pub fn new(rate: f64, interval: Duration) -> StableSampler {
        let max_level = if rate.is_nan() || rate >= 1.0 {
            0
        } else {
            // floor(log2(1 / rate)), at most 1 in 2^20.
            (1.0 / rate.max(1e-6)).log2().floor().clamp(0.0, f64::from(MAX_LEVEL)) as u8
        };
        StableSampler {
            max_level,
            interval_ms: i64::try_from(interval.as_millis()).unwrap_or(i64::MAX),
            last: (0..SLOTS).map(|_| AtomicI64::new(i64::MIN)).collect(),
            turns: (0..SLOTS).map(|_| AtomicU32::new(0)).collect(),
            beyond_floor: AtomicBool::new(false),
            levels: (0..SLOTS).map(|_| AtomicU8::new(0)).collect(),
            skipped: (0..CELLS).map(|_| AtomicU64::new(0)).collect(),
            streak: (0..SLOTS).map(|_| AtomicU16::new(0)).collect(),
            queued: (0..SLOTS).map(|_| AtomicU16::new(0)).collect(),
            statuses: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
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

    /// On the hot path, before the request is forwarded: whether to record this exchange.
    /// An exchange not admitted is counted with [`StableSampler::skip`] once its status is
    /// known; an admitted one takes those counts with [`Admission::weigh`].
    pub fn admit(self: &Arc<Self>, slot: Slot) -> Option<Admission> {
        let i = usize::from(slot.0);
        if !self.turn(i) {
            return None;
        }
        self.queued[i].fetch_add(1, Ordering::Relaxed);
        Some(Admission { weight: 1, slot, table: Arc::clone(self) })
    }

    fn turn(&self, i: usize) -> bool {
        let level = self.levels[i].load(Ordering::Relaxed);
        if self.max_level > 0 && self.queued[i].load(Ordering::Relaxed) >= MAX_QUEUED {
            return false;
        }
        if level == 0 {
            return true;
        }
        let turn = self.turns[i].load(Ordering::Relaxed) + 1;
        if turn < 1 << level {
            self.turns[i].store(turn, Ordering::Relaxed);
            return false;
        }
        // Two requests may both see the turn come: both are recorded, each with what it
        // takes of the count.
        self.turns[i].store(0, Ordering::Relaxed);
        true
    }

    /// After the response of an exchange `slot` did not admit: admits it after all (to record
    /// its response) if the slot has never recorded `status`, so a status that appears on a
    /// settled endpoint is seen at once and counted to its own endpoint; otherwise `None`,
    /// and the caller counts it with [`StableSampler::skip`].
    pub fn admit_unseen(self: &Arc<Self>, slot: Slot, status: u16) -> Option<Admission> {
        let i = usize::from(slot.0);
        if self.statuses[i].load(Ordering::Relaxed) & status_bit(status) != 0
            || self.queued[i].load(Ordering::Relaxed) >= MAX_QUEUED
        {
            return None;
        }
        self.queued[i].fetch_add(1, Ordering::Relaxed);
        Some(Admission { weight: 1, slot, table: Arc::clone(self) })
    }

    /// The cell of a slot's exchanges answering `status`.
    fn cell(slot: Slot, status: u16) -> usize {
        let h = u32::from(slot.0).wrapping_mul(0x9e37_79b9) ^ u32::from(status).wrapping_mul(0x85eb_ca6b);
        (h.wrapping_mul(0xc2b2_ae35) >> 7) as usize & (CELLS - 1)
    }

    /// Returns `n` skipped exchanges of `slot` and `status` to their cell (their recorded
    /// exchange was dropped before the recorder took it).
    pub fn give_back(&self, slot: Slot, status: u16, n: u64) {
        if n > 0 {
            self.skipped[Self::cell(slot, status)].fetch_add(n, Ordering::Relaxed);
        }
    }

    /// Counts an exchange `slot` did not admit, once its response's status is known: the
    /// next recorded exchange of that slot and status carries it, or a flush hands it to the
    /// endpoint that slot and status recorded last.
    pub fn skip(&self, slot: Slot, status: u16) {
        self.skipped[Self::cell(slot, status)].fetch_add(1, Ordering::Relaxed);
    }

    /// On the recorder's thread, after an exchange of `slot` answering `status` was merged:
    /// `changed` says whether its contract changed beyond its counts; `at` is when the
    /// exchange happened (ms since the epoch).
    pub fn observed(&self, slot: Slot, status: u16, changed: bool, at: i64) {
        let i = usize::from(slot.0);
        self.statuses[i].fetch_or(status_bit(status), Ordering::Relaxed);
        let previous = self.last[i].swap(at, Ordering::Relaxed);
        if changed {
            // Back to level 0, where turns are not counted: the next level starts afresh.
            self.levels[i].store(0, Ordering::Relaxed);
            self.turns[i].store(0, Ordering::Relaxed);
            self.streak[i].store(0, Ordering::Relaxed);
            return;
        }
        let streak = self.streak[i].load(Ordering::Relaxed) + 1;
        let level = self.levels[i].load(Ordering::Relaxed);
        if level >= self.max_level && self.max_level > 0 && self.interval_ms > 0 && previous != i64::MIN {
            // At the floor or beyond: about one recorded exchange per interval. The band is
            // four times wide for a step of two, so a steady rate settles on one level.
            let gap = at.saturating_sub(previous).saturating_mul(2);
            if gap < self.interval_ms && level < MAX_LEVEL {
                self.levels[i].store(level + 1, Ordering::Relaxed);
                self.beyond_floor.store(true, Ordering::Relaxed);
            } else if gap > self.interval_ms.saturating_mul(4) && level > self.max_level {
                self.levels[i].store(level - 1, Ordering::Relaxed);
            }
        }
        if streak >= STREAK && level < self.max_level {
            self.levels[i].store(level + 1, Ordering::Relaxed);
            self.streak[i].store(0, Ordering::Relaxed);
        } else {
            self.streak[i].store(streak.min(STREAK), Ordering::Relaxed);
        }
    }

    /// On the recorder's thread, before a flush: the exchanges of `slot` answering `status`
    /// skipped since one was recorded, which no recorded exchange carries yet. The caller adds
    /// them to the endpoint that slot and status recorded last, so a flush leaves every count
    /// whole. The slot's turn still comes after `2^level` exchanges, taken or not.
    pub fn take_skipped(&self, slot: Slot, status: u16) -> u64 {
        let i = Self::cell(slot, status);
        match self.skipped[i].load(Ordering::Relaxed) {
            0 => 0,
            _ => self.skipped[i].swap(0, Ordering::Relaxed),
        }
    }

    /// On the recorder's thread, about every interval, at `now` (ms since the epoch): a slot
    /// that went beyond the floor while busy and whose next recorded exchange is overdue (its
    /// last one more than twice the interval ago) has slowed down. Stepping back up one level
    /// per recorded exchange would take as many exchanges as the level skips: after a burst
    /// at 10,000 a second (1 in 1,024), at one a second, a change would wait 17 minutes to be
    /// seen. Instead its level is set from the traffic it skipped since (about one exchange
    /// per interval at that rate), at least one level up and never above the floor's rate.
    pub fn relax(&self, now: i64) {
        if self.interval_ms == 0 || !self.beyond_floor.load(Ordering::Relaxed) {
            return;
        }
        let mut beyond = false;
        for i in 0..SLOTS {
            let level = self.levels[i].load(Ordering::Relaxed);
            if level > self.max_level {
                let fit = self.fit(i, level, now);
                if fit != level {
                    self.levels[i].store(fit, Ordering::Relaxed);
                }
                beyond |= fit > self.max_level;
            }
        }
        if !beyond {
            self.beyond_floor.store(false, Ordering::Relaxed);
        }
    }

    /// The level for slot `i`, beyond the floor at `level`, at `now`: the same unless its
    /// next recorded exchange is overdue.
    fn fit(&self, i: usize, level: u8, now: i64) -> u8 {
        let last = self.last[i].load(Ordering::Relaxed);
        let turns = u64::from(self.turns[i].load(Ordering::Relaxed));
        // Not overdue, or its turn came and a recorded exchange is on its way to the recorder.
        if now.saturating_sub(last) <= self.interval_ms.saturating_mul(2) || turns >= 1 << level {
            return level;
        }
        let elapsed = u64::try_from(now.saturating_sub(last)).unwrap_or(0).max(1);
        let per_interval = turns.saturating_mul(self.interval_ms.unsigned_abs()) / elapsed;
        let fit = per_interval.checked_ilog2().map_or(0, |l| l.min(u32::from(MAX_LEVEL)) as u8);
        fit.clamp(self.max_level, level - 1)
    }

    /// How many slots are sampled down now (for `/metrics`).
    pub fn settled_slots(&self) -> usize {
        self.levels.iter().filter(|l| l.load(Ordering::Relaxed) > 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One exchange answering `status`, as the proxy handles it: admitted (before it is
    /// forwarded, or after if its slot never recorded the status) and weighed, or counted as
    /// skipped.
    fn exchange(t: &Arc<StableSampler>, slot: Slot, status: u16) -> Option<Admission> {
        match t.admit(slot).or_else(|| t.admit_unseen(slot, status)) {
            Some(mut a) => {
                a.weigh(status);
                Some(a)
            }
            None => {
                t.skip(slot, status);
                None
            }
        }
    }

    /// `/users/1.json` (200) and `/users/999.json` (404) share a slot: each endpoint's count
    /// takes only the exchanges that answered its own status, whichever was recorded last.
    #[test]
    fn the_skipped_exchanges_of_a_slot_are_counted_to_their_own_status() {
        let t = Arc::new(StableSampler::new(0.125, Duration::ZERO));
        let slot = StableSampler::slot("api", "GET", "/users/1.json");
        assert_eq!(slot, StableSampler::slot("api", "GET", "/users/999.json"));
        let (mut ok, mut missing) = (0, 0);
        for k in 0..1_000u64 {
            let status = if k % 100 == 99 { 404 } else { 200 };
            if let Some(a) = exchange(&t, slot, status) {
                *if status == 200 { &mut ok } else { &mut missing } += a.weight;
                t.observed(slot, status, status == 404 && missing == 1, 0);
            }
        }
        ok += t.take_skipped(slot, 200);
        missing += t.take_skipped(slot, 404);
        assert_eq!((ok, missing), (990, 10));
        // The first 404 came on a settled slot (1 in 8 by then) and was recorded all the same.
        let t = Arc::new(StableSampler::new(0.125, Duration::ZERO));
        (0..200).for_each(|_| _ = exchange(&t, slot, 200).map(|_| t.observed(slot, 200, false, 0)));
        assert!(t.settled_slots() == 1 && t.admit(slot).is_none());
        assert!(t.admit_unseen(slot, 404).is_some(), "a status the slot never recorded");
        assert!(t.admit_unseen(slot, 200).is_none());
    }

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
        let t = Arc::new(StableSampler::new(0.25, Duration::ZERO));
        assert_eq!(t.rate(), 0.25);
        let slot = StableSampler::slot("api", "GET", "/users/1");
        let mut recorded = Vec::new();
        // The recorder sees nothing new: the slot goes 1 → 1/2 → 1/4 and stays there.
        for _ in 0..400 {
            if let Some(a) = exchange(&t, slot, 200) {
                recorded.push(a.weight);
                t.observed(slot, 200, false, 0);
            }
        }
        let trailing = t.take_skipped(slot, 200);
        assert_eq!(recorded.iter().sum::<u64>() + trailing, 400, "every exchange is counted once");
        assert_eq!(t.take_skipped(slot, 200), 0, "and taken once");
        let (first, last) = (&recorded[..16], &recorded[recorded.len() - 8..]);
        assert!(first.iter().all(|&w| w == 1), "{first:?}");
        assert!(last.iter().all(|&w| w == 4), "{last:?}");
        assert_eq!(recorded.len(), 16 + 16 + (400 - 16 - 32) / 4);
        assert_eq!(t.settled_slots(), 1);
        // A change drops the slot back: the next exchanges are all recorded.
        t.observed(slot, 200, true, 0);
        assert_eq!(t.settled_slots(), 0);
        assert!((0..10).all(|_| exchange(&t, slot, 200).map(|a| a.weight) == Some(1)));
    }

    #[test]
    fn rate_one_never_samples_down() {
        let t = Arc::new(StableSampler::new(1.0, Duration::from_millis(100)));
        let slot = StableSampler::slot("api", "GET", "/");
        let mut queued = Vec::new();
        for _ in 0..1000 {
            let a = exchange(&t, slot, 200).expect("every exchange is recorded, however many are queued");
            assert_eq!(a.weight, 1);
            queued.push(a);
            t.observed(slot, 200, false, 0);
        }
        assert_eq!(StableSampler::new(0.01, Duration::ZERO).rate(), 1.0 / 64.0);
    }

    #[test]
    fn a_slot_with_its_share_of_the_queue_skips_and_counts_until_the_recorder_takes_one() {
        let t = Arc::new(StableSampler::new(0.01, Duration::ZERO));
        let slot = StableSampler::slot("api", "GET", "/big");
        let other = StableSampler::slot("api", "GET", "/other");
        // The recorder is busy: nothing is taken off the queue, nothing judged.
        let queued: Vec<Admission> = (0..100).filter_map(|_| exchange(&t, slot, 200)).collect();
        assert_eq!(queued.len(), usize::from(MAX_QUEUED));
        assert!(queued.iter().all(|a| a.weight == 1));
        assert!(t.admit(other).is_some(), "other slots still record");
        // The recorder takes one: the next exchange is recorded, carrying the skipped ones.
        let mut queued = queued.into_iter();
        drop(queued.next());
        let next = exchange(&t, slot, 200).expect("room again");
        assert_eq!(next.weight, 100 - u64::from(MAX_QUEUED) + 1);
        assert!(exchange(&t, slot, 200).is_none());
        drop(queued);
        drop(next);
        assert_eq!(exchange(&t, slot, 200).map(|a| a.weight), Some(1 + 1), "the one skipped just before");
    }

    #[test]
    fn a_busy_settled_slot_is_recorded_about_once_per_interval_and_a_quiet_one_at_the_rate() {
        let t = Arc::new(StableSampler::new(0.25, Duration::from_millis(100)));
        let slot = StableSampler::slot("api", "GET", "/users/1");
        let mut recorded = Vec::new();
        // Whether the exchange at `at` was recorded.
        let admit = |recorded: &mut Vec<(i64, u64)>, at: i64, changed: bool| {
            let a = exchange(&t, slot, 200);
            if let Some(a) = &a {
                recorded.push((at, a.weight));
                t.observed(slot, 200, changed, at);
            }
            a.is_some()
        };
        // A thousand exchanges a second for a minute.
        (0..60_000).for_each(|ms| _ = admit(&mut recorded, ms, false));
        let late: Vec<i64> = recorded.windows(2).filter(|w| w[0].0 > 30_000).map(|w| w[1].0 - w[0].0).collect();
        assert!(late.iter().all(|gap| (50..=200).contains(gap)), "{late:?}");
        assert!(recorded.len() < 1_000, "not one in 4 (15,000): {}", recorded.len());
        // Then one a second: the slot comes back to the rate's floor, and not beyond.
        (0..200).for_each(|k| _ = admit(&mut recorded, 60_000 + k * 1_000, false));
        let last: Vec<u64> = recorded.iter().rev().take(10).map(|r| r.1).collect();
        assert_eq!(last, [4; 10]);
        // However deep it went, a change brings full recording back.
        (0..60_000).for_each(|ms| _ = admit(&mut recorded, 300_000 + ms, false));
        let caught = (400_000..).find(|&ms| admit(&mut recorded, ms, true)).expect("recorded at its turn");
        assert!(caught - 400_000 < 200, "the next recorded exchange, within the interval's band: {caught}");
        assert_eq!(t.settled_slots(), 0);
        assert!((0..10).all(|ms| admit(&mut recorded, caught + 1 + ms, false)), "every exchange is recorded again");
        let weights = recorded.iter().map(|r| r.1).sum::<u64>() + t.take_skipped(slot, 200);
        let exchanges = 60_000 + 200 + 60_000 + (caught - 400_000 + 1) + 10;
        assert_eq!(weights, exchanges as u64, "every exchange is counted once");
    }

    #[test]
    fn a_deep_slot_whose_traffic_slowed_is_relaxed_to_its_new_rate_within_seconds() {
        let t = Arc::new(StableSampler::new(0.25, Duration::from_millis(100)));
        let slot = StableSampler::slot("api", "GET", "/users/1");
        let mut recorded: Vec<(i64, u64)> = Vec::new();
        // The recorder relaxes every 200 ms, as the proxy's does.
        let step = |recorded: &mut Vec<(i64, u64)>, at: i64| {
            if at % 200 == 0 {
                t.relax(at);
            }
            if let Some(a) = exchange(&t, slot, 200) {
                recorded.push((at, a.weight));
                t.observed(slot, 200, false, at);
            }
        };
        // Busy: a thousand exchanges a second for half a minute. Relaxing leaves it deep.
        (0..30_000).for_each(|ms| step(&mut recorded, ms));
        let late: Vec<i64> = recorded.windows(2).filter(|w| w[0].0 > 15_000).map(|w| w[1].0 - w[0].0).collect();
        assert!(late.iter().all(|gap| (50..=200).contains(gap)), "{late:?}");
        let deep = t.levels[usize::from(slot.0)].load(Ordering::Relaxed);
        assert!(deep >= 6, "one in 64 or fewer: level {deep}");
        // Then one a second: within a few seconds it records at the floor's rate again (one
        // exchange in 2^level would take minutes), and it goes no higher.
        let before = recorded.len();
        for ms in 30_000..90_000 {
            if ms % 1_000 == 0 {
                step(&mut recorded, ms);
            } else if ms % 200 == 0 {
                t.relax(ms);
            }
        }
        let slow = &recorded[before..];
        assert!(slow.first().is_some_and(|r| r.0 < 36_000), "the first after the slowdown: {slow:?}");
        assert!(slow.len() >= 12, "{slow:?}");
        assert!(slow.iter().skip(2).all(|r| r.1 == 4), "one in 4, the floor: {slow:?}");
        let weights = recorded.iter().map(|r| r.1).sum::<u64>() + t.take_skipped(slot, 200);
        assert_eq!(weights, 30_000 + 60, "every exchange is counted once");
        // Without traffic, nothing is relaxed past the floor either.
        (0..100).for_each(|k| t.relax(90_000 + k * 200));
        assert_eq!(t.levels[usize::from(slot.0)].load(Ordering::Relaxed), 2);
        assert!(!t.beyond_floor.load(Ordering::Relaxed), "no slot beyond the floor: nothing left to scan");
    }

    #[test]
    fn a_flush_between_exchanges_takes_the_count_but_not_the_turn() {
        // One exchange per flush interval: each flush takes the skipped count, and the slot
        // still records one exchange in 4 (it used to record none: the turn was the count).
        let t = Arc::new(StableSampler::new(0.25, Duration::ZERO));
        let slot = StableSampler::slot("api", "GET", "/slow");
        let (mut weights, mut taken, mut recorded) = (0, 0, 0);
        for _ in 0..400 {
            if let Some(a) = exchange(&t, slot, 200) {
                recorded += 1;
                weights += a.weight;
                t.observed(slot, 200, false, 0);
            }
            taken += t.take_skipped(slot, 200);
        }
        assert_eq!(recorded, 16 + 16 + (400 - 16 - 32) / 4);
        assert_eq!(weights + taken, 400, "every exchange is counted once");
        assert!(taken > 200, "the flushes counted the skipped ones: {taken}");
    }
}
