//! The recorder's loop, on a thread of its own: it takes tapped exchanges from the queue in
//! batches, records them (templating, inference, merging), tells the stable sampler what
//! changed, flushes to the store every interval, relaxes busy slots that slowed down, and
//! reopens a store that failed. Everything about how much the proxy records and when lives
//! here and in [`crate::stable`]; the CLI only starts the thread (at a low priority) and
//! waits for its end.
//!
//! Best-effort by design: it takes at most half of one core (it sleeps as long as it
//! worked), so on a saturated core the queue fills and drops copies (counted) rather than
//! taking CPU from forwarding; and the proxy is fail-open about the store (see
//! [`run`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use mockdrift_contracts::{EndpointKey, Recorder, Store, StoreError, Ts};
use tokio::sync::mpsc;

use crate::admin::Health;
use crate::error_chain;
use crate::stable::{Slot, StableSampler};
use crate::tap::Tapped;

/// Exchanges the recorder takes from the queue at a time.
const RECORD_BATCH: usize = 256;

/// How long the recorder waits after a partial batch (bounds how late an exchange is recorded).
const RECORD_PAUSE: Duration = Duration::from_millis(5);

/// The most often `/contracts` makes the recorder flush early.
const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// The share of one core the recorder may take.
const RECORDER_SHARE: f64 = 0.5;

/// How the loop runs.
#[derive(Clone, Debug)]
pub struct Schedule {
    /// Flush to the store this often (`--flush-interval`).
    pub flush_every: Duration,
    /// `--stable-interval`: busy slots beyond the floor are relaxed about every two of these
    /// (zero: no relaxing).
    pub stable_interval: Duration,
    /// The store's directory, to reopen it.
    pub store_dir: PathBuf,
    /// The store could not be opened at start: try again from the first interval on.
    pub store_missing: bool,
}

/// Why the last flush on shutdown failed: what was recorded since the last good flush is
/// lost, and the proxy exits 2 saying so.
#[derive(Debug, thiserror::Error)]
pub enum FinalFlushError {
    /// The store could not be opened again.
    #[error("{0}")]
    Unavailable(String),
    /// Writing failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What woke the loop.
enum Woke {
    /// Exchanges are in the batch.
    Batch,
    /// The queue's senders are all gone.
    Closed,
    /// The wait ended: time to flush or relax.
    Idle,
    /// `/contracts` asked for a flush now.
    Refresh,
}

/// The endpoint each stable-sampling slot recorded last, per status.
type LastInSlot = HashMap<(Slot, u16), EndpointKey>;

/// Runs the loop until the queue's senders are all gone (the routes stopped), then flushes
/// one last time and returns the number of endpoint contracts. Blocks: run it on a thread of
/// its own, inside the runtime (`handle`) whose queue it reads.
///
/// A flush that fails leaves every contract in memory (and on `/contracts`), marks the proxy
/// degraded and lets go of the store: sled refuses every write after an I/O error, so it is
/// reopened after 100 ms, then twice as long each time up to 5 s, and everything kept is
/// written once a flush succeeds.
pub fn run(
    mut recorder: Recorder,
    mut rx: mpsc::Receiver<Tapped>,
    stable: Arc<StableSampler>,
    health: Arc<Health>,
    schedule: Schedule,
    handle: tokio::runtime::Handle,
) -> Result<usize, FinalFlushError> {
    let Schedule { flush_every, stable_interval, store_dir, store_missing } = schedule;
    health.recording.store(true, Ordering::Release);
    let mut next_flush = Instant::now() + flush_every;
    let mut last_flush = Instant::now().checked_sub(REFRESH_EVERY).unwrap_or_else(Instant::now);
    let mut processed_at_flush = 0;
    let mut batch = Vec::with_capacity(RECORD_BATCH);
    // The endpoint each stable-sampling slot recorded last with each status: a flush hands
    // it the exchanges of that slot and status skipped since, so flushed counts are whole.
    let mut last_in_slot: LastInSlot = HashMap::new();
    let count_skipped = |recorder: &mut Recorder, last: &LastInSlot| {
        for (&(slot, status), key) in last {
            recorder.count_skipped(key, stable.take_skipped(slot, status));
        }
    };
    // Busy slots that slowed down are relaxed about every two stable intervals.
    let relax_every = (!stable_interval.is_zero()).then(|| (stable_interval * 2).max(RECORD_PAUSE));
    let mut next_relax = Instant::now();
    // Reopening a store that failed (or could not be opened at start), with backoff.
    let mut store_retry = StoreRetry::new(store_missing);
    loop {
        if let Some(every) = relax_every
            && Instant::now() >= next_relax
        {
            stable.relax(Ts::now().0);
            next_relax = Instant::now() + every;
        }
        if store_retry.due() {
            match reopen(&mut recorder, &store_dir) {
                Ok(()) => {
                    tracing::warn!(
                        unflushed = recorder.unflushed(),
                        "The contract store is writable again; writing what was kept in memory."
                    );
                    // The backoff stays until a flush succeeds.
                    store_retry.at = None;
                    next_flush = Instant::now();
                }
                Err(reason) => store_retry.failed(&health, reason),
            }
        }
        let mut until = if relax_every.is_some() { next_flush.min(next_relax) } else { next_flush };
        if let Some(at) = store_retry.at {
            until = until.min(at);
        }
        let wait = until.saturating_duration_since(Instant::now());
        let woke = handle.block_on(async {
            tokio::select! {
                taken = tokio::time::timeout(wait, rx.recv_many(&mut batch, RECORD_BATCH)) => match taken {
                    Ok(0) => Woke::Closed,
                    Ok(_) => Woke::Batch,
                    Err(_) => Woke::Idle,
                },
                () = health.refresh.notified() => Woke::Refresh,
            }
        });
        if let Woke::Refresh = woke {
            // `/contracts` wants the contracts as of now: what is queued goes in, then a flush
            // (at most one such a second: a client polling cannot keep the recorder flushing).
            while let Ok(t) = rx.try_recv() {
                batch.push(t);
            }
            if batch.is_empty() && health.processed.load(Ordering::Relaxed) == processed_at_flush {
                // Nothing new since the last flush: what is published is as of now.
                health.after_flush();
            } else {
                next_flush = next_flush.min(last_flush + REFRESH_EVERY).max(Instant::now());
            }
        }
        match woke {
            Woke::Closed => break,
            Woke::Idle => {}
            Woke::Batch | Woke::Refresh => {
                let n = batch.len();
                let busy = Instant::now();
                for t in batch.drain(..) {
                    let (slot, weight) = (t.slot(), t.weight());
                    let exchange = t.into_exchange();
                    let mut recording = recorder.record_weighted(&exchange, weight);
                    if !recording.changes.is_empty() {
                        health.changes.push(std::mem::take(&mut recording.changes));
                    }
                    stable.observed(slot, exchange.status, recording.changed, exchange.time.0);
                    last_in_slot.insert((slot, exchange.status), recording.key);
                    health.processed.fetch_add(1, Ordering::Relaxed);
                }
                // At most RECORDER_SHARE of a core: recording is best-effort, and on a
                // saturated core the queue fills and drops copies (counted) rather than taking
                // CPU from forwarding. Partial batches also pause, so exchanges gather instead
                // of waking the recorder one by one.
                let rest = busy.elapsed().mul_f64(1.0 / RECORDER_SHARE - 1.0);
                if Instant::now() < next_flush {
                    std::thread::sleep(if n < RECORD_BATCH { rest.max(RECORD_PAUSE) } else { rest });
                }
            }
        }
        if Instant::now() >= next_flush {
            let started = Instant::now();
            last_flush = started;
            processed_at_flush = health.processed.load(Ordering::Relaxed);
            // New endpoints since the last flush: learn templates from all of them and merge
            // literal slugs (`/repos/octocat/hello`) into parameters.
            count_skipped(&mut recorder, &last_in_slot);
            let joined = recorder.relearn();
            if joined > 0 {
                tracing::info!(joined, "Endpoints merged under templates learned from the traffic.");
            }
            match recorder.flush() {
                Ok(_) if recorder.has_store() => {
                    health.flushes.fetch_add(1, Ordering::Relaxed);
                    health.set_degraded(None);
                    store_retry.succeeded();
                }
                // No store to write to: its reopening is retried above.
                Ok(_) => {}
                Err(e) => {
                    let e = error_chain(&e);
                    tracing::error!(error = %e, "Flushing contracts failed; will retry.");
                    health.flush_errors.fetch_add(1, Ordering::Relaxed);
                    recorder.detach_store();
                    let reason = format!("the contract store failed: {e}");
                    store_retry.logged = Some(reason.clone());
                    store_retry.failed(&health, reason);
                }
            }
            health.unflushed.store(recorder.unflushed() as u64, Ordering::Relaxed);
            health.last_flush_micros.store(started.elapsed().as_micros() as u64, Ordering::Relaxed);
            health.after_flush();
            next_flush = Instant::now() + flush_every;
        }
    }
    health.recording.store(false, Ordering::Release);
    count_skipped(&mut recorder, &last_in_slot);
    recorder.relearn_now();
    // One last try at a store that failed; what it cannot take is lost, and said.
    if !recorder.has_store()
        && let Err(e) = reopen(&mut recorder, &store_dir)
    {
        // Memory only: still publishes the final contracts to the read handles (the
        // shutdown publish to object storage reads them).
        let _ = recorder.flush();
        return Err(FinalFlushError::Unavailable(e));
    }
    recorder.flush()?;
    Ok(recorder.len())
}

/// Opens the store again and attaches it to the recorder (which then writes everything it
/// kept in memory at its next flush); why not, if it cannot.
fn reopen(recorder: &mut Recorder, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("the contract store cannot be opened: creating {}: {e}", dir.display()))?;
    let store = Store::open(dir).map_err(|e| format!("the contract store cannot be opened: {}", error_chain(&e)))?;
    let bad = recorder.attach_store(store).map_err(|e| {
        recorder.detach_store();
        format!("the contract store cannot be read: {}", error_chain(&e))
    })?;
    for e in bad {
        tracing::warn!(error = %e, "A stored contract could not be read; left as is.");
    }
    Ok(())
}

/// When to try the store again: after 100 ms, then twice as long each time, at most 5 s.
struct StoreRetry {
    at: Option<Instant>,
    backoff: Duration,
    /// The reason last logged at ERROR: a new one is logged, the same one again only at
    /// DEBUG (a store down for an hour would otherwise log every 5 s).
    logged: Option<String>,
}

impl StoreRetry {
    const FIRST: Duration = Duration::from_millis(100);
    const MAX: Duration = Duration::from_secs(5);

    fn new(now: bool) -> StoreRetry {
        let at = now.then(|| Instant::now() + Self::FIRST);
        StoreRetry { at, backoff: Self::FIRST, logged: None }
    }

    fn due(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    fn failed(&mut self, health: &Health, reason: String) {
        if self.logged.as_ref() != Some(&reason) {
            tracing::error!(error = %reason, retry_in = ?self.backoff, "The contract store is not writable; recording in memory.");
        } else {
            tracing::debug!(error = %reason, retry_in = ?self.backoff, "The contract store is still not writable.");
        }
        health.set_degraded(Some(reason.clone()));
        self.logged = Some(reason);
        self.at = Some(Instant::now() + self.backoff);
        self.backoff = (self.backoff * 2).min(Self::MAX);
    }

    fn succeeded(&mut self) {
        *self = StoreRetry::new(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::HttpClient;
    use crate::route::Route;
    use crate::tap::Tap;
    use crate::tests::{start, upstream};
    use crate::upstream::Upstream;
    use mockdrift_contracts::RecorderConfig;

    fn schedule(store_dir: PathBuf, store_missing: bool) -> Schedule {
        // No flush before the routes stop: what is stored comes from the last flush.
        Schedule { flush_every: Duration::from_secs(3600), stable_interval: Duration::ZERO, store_dir, store_missing }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_exchange_taken_from_the_queue_is_recorded_and_flushed_when_the_routes_stop() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store_dir = dir.path().join("store");
        let up = upstream(br#"{"id": 1, "amount": 100}"#.to_vec()).await;
        let (tap, rx) = Tap::new(1 << 20);
        let stable = tap.stable();
        let route =
            Route::new("payments", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route");
        let proxy = start(route).await;
        let client = HttpClient::plain(Duration::from_secs(10));
        for i in 0..5 {
            let answer = client.get(&format!("http://{}/v1/charges/{i}", proxy.addr), &[]).await.expect("forwarded");
            assert_eq!(answer.status, 201);
        }
        let store = Store::open(&store_dir).expect("store");
        let (recorder, _) = Recorder::new(RecorderConfig::default(), Some(store)).expect("recorder");
        let health = Arc::new(Health::default());
        let handle = tokio::runtime::Handle::current();
        let (h, d) = (Arc::clone(&health), store_dir.clone());
        let looped = tokio::task::spawn_blocking(move || run(recorder, rx, stable, h, schedule(d, false), handle));
        // The routes stop: the queue's senders go, and the loop ends with a last flush.
        drop(proxy);
        let endpoints = looped.await.expect("no panic").expect("the last flush");
        assert_eq!(endpoints, 1, "five charges are one endpoint");
        assert_eq!(health.processed.load(Ordering::Relaxed), 5);
        let (snapshot, bad) = Store::open(&store_dir).expect("store").snapshot().expect("readable");
        assert!(bad.is_empty());
        let counts: Vec<(String, u64)> = snapshot.contracts.iter().map(|(k, c)| (k.path.clone(), c.count)).collect();
        assert_eq!(counts, vec![("/v1/charges/{charge_id}".to_owned(), 5)]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_store_that_cannot_be_opened_fails_the_last_flush_with_the_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"not a directory").expect("write");
        let (tap, rx) = Tap::new(1 << 20);
        let stable = tap.stable();
        drop(tap);
        let (recorder, _) = Recorder::new(RecorderConfig::default(), None).expect("recorder");
        let health = Arc::new(Health::default());
        let handle = tokio::runtime::Handle::current();
        let sched = schedule(file.join("store"), true);
        let h = Arc::clone(&health);
        let ended = tokio::task::spawn_blocking(move || run(recorder, rx, stable, h, sched, handle)).await;
        match ended.expect("no panic") {
            Err(FinalFlushError::Unavailable(reason)) => {
                assert!(reason.contains("the contract store cannot be opened: creating"), "{reason}")
            }
            other => panic!("expected the store to be unavailable, got {other:?}"),
        }
    }

    #[test]
    fn a_failed_store_is_tried_again_after_twice_as_long_each_time_up_to_five_seconds() {
        let health = Health::default();
        let mut retry = StoreRetry::new(false);
        assert!(retry.at.is_none() && !retry.due());
        let mut waits = Vec::new();
        for _ in 0..8 {
            waits.push(retry.backoff.as_millis());
            retry.failed(&health, "the contract store failed: disk full".to_owned());
        }
        assert_eq!(waits, [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
        assert!(retry.at.is_some(), "a retry is scheduled");
        assert_eq!(health.degraded().as_deref(), Some("the contract store failed: disk full"));
        retry.succeeded();
        assert!(retry.at.is_none() && retry.backoff == StoreRetry::FIRST);
    }
}
