//! The recording tap: a bounded hand-off of finished exchanges to the recorder.
//!
//! Bounded in bytes (a semaphore of body bytes) and in count (the channel). A full tap drops
//! the copy and counts it; it never waits, so recording can never slow a request.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{HeaderMap, Method};
use mockdrift_contracts::{Exchange, Message, Ts};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

use crate::tee::Capture;

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

/// A finished exchange as the hot path leaves it: `http` header maps and the body copies.
/// Turning it into an [`Exchange`] (strings, one buffer per body) is the recorder thread's
/// work, not the request's.
#[derive(Debug)]
pub struct Pending {
    pub(crate) service: Arc<str>,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) status: u16,
    pub(crate) time: Ts,
    pub(crate) duration: std::time::Duration,
    pub(crate) request_headers: HeaderMap,
    pub(crate) response_headers: HeaderMap,
    pub(crate) request: Capture,
    pub(crate) response: Capture,
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers.iter().map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect()
}

impl Pending {
    fn into_exchange(self) -> Exchange {
        let request_truncated = self.request.truncated || !self.request.complete;
        let response_truncated = self.response.truncated || !self.response.complete;
        Exchange {
            service: self.service.to_string(),
            method: self.method.as_str().to_owned(),
            path: self.path,
            query: self.query,
            status: self.status,
            time: self.time,
            duration_ms: self.duration.as_secs_f64() * 1000.0,
            request: Message {
                headers: header_pairs(&self.request_headers),
                body: self.request.into_vec(),
                truncated: request_truncated,
            },
            response: Message {
                headers: header_pairs(&self.response_headers),
                body: self.response.into_vec(),
                truncated: response_truncated,
            },
        }
    }
}

/// An exchange on its way to the recorder; its queue bytes are released when dropped.
#[derive(Debug)]
pub struct Tapped {
    pending: Pending,
    _permit: OwnedSemaphorePermit,
}

impl Tapped {
    /// The exchange (call on the recorder's thread: this is where the copies are joined).
    pub fn into_exchange(self) -> Exchange {
        self.pending.into_exchange()
    }
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
    pub(crate) fn send(&self, pending: Pending) {
        let size = (pending.request.len() + pending.response.len() + 1024).min(self.queue_bytes);
        let Ok(permit) = Arc::clone(&self.budget).try_acquire_many_owned(size as u32) else {
            self.stats.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        };
        match self.tx.try_send(Tapped { pending, _permit: permit }) {
            Ok(()) => self.stats.recorded.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.stats.dropped.fetch_add(1, Ordering::Relaxed),
        };
    }
}
