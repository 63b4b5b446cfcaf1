//! The recording tap: a bounded hand-off of finished exchanges to the recorder.
//!
//! Bounded in bytes (a semaphore of body bytes) and in count (the channel). A full tap drops
//! the copy and counts it; it never waits, so recording can never slow a request.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use mockdrift_contracts::Exchange;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

/// Counters, shared by all routes.
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests proxied.
    pub requests: AtomicU64,
    /// Exchanges handed to the recorder.
    pub recorded: AtomicU64,
    /// Exchanges dropped because the queue was full.
    pub dropped: AtomicU64,
    /// Upstream failures answered with 502/504.
    pub upstream_errors: AtomicU64,
}

/// An exchange on its way to the recorder; its queue bytes are released when dropped.
#[derive(Debug)]
pub struct Tapped {
    /// The exchange.
    pub exchange: Exchange,
    _permit: OwnedSemaphorePermit,
}

/// The sending side, cloned into every route.
#[derive(Clone, Debug)]
pub struct Tap {
    tx: mpsc::Sender<Tapped>,
    budget: Arc<Semaphore>,
    queue_bytes: usize,
    stats: Arc<Stats>,
}

impl Tap {
    /// A tap holding at most `queue_bytes` of bodies (and 65,536 exchanges), and its receiver.
    pub fn new(queue_bytes: usize) -> (Tap, mpsc::Receiver<Tapped>) {
        let (tx, rx) = mpsc::channel(65_536);
        let queue_bytes = queue_bytes.clamp(1, Semaphore::MAX_PERMITS);
        let tap = Tap { tx, budget: Arc::new(Semaphore::new(queue_bytes)), queue_bytes, stats: Arc::default() };
        (tap, rx)
    }

    /// The shared counters.
    pub fn stats(&self) -> &Arc<Stats> {
        &self.stats
    }

    /// Hands an exchange over, or drops it (counted) if the queue is full. Never waits.
    pub fn send(&self, exchange: Exchange) {
        let size = (exchange.request.body.len() + exchange.response.body.len() + 1024).min(self.queue_bytes);
        let Ok(permit) = Arc::clone(&self.budget).try_acquire_many_owned(size as u32) else {
            self.stats.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        };
        match self.tx.try_send(Tapped { exchange, _permit: permit }) {
            Ok(()) => self.stats.recorded.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.stats.dropped.fetch_add(1, Ordering::Relaxed),
        };
    }
}
