//! The recording tap: a bounded hand-off of finished exchanges to the recorder.
//!
//! Bounded in bytes (a semaphore of the bytes each exchange holds) and in count (the channel). A full tap drops
//! the copy and counts it; it never waits, so recording can never slow a request.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use http::{HeaderMap, Method};
use mockdrift_contracts::{Exchange, Message, Ts};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};

use crate::capture::Capture;
use crate::stable::{Admission, Slot, StableSampler};

/// Counters of one route (the admin's `/metrics` labels them with the route's name).
#[derive(Debug, Default)]
pub struct Stats {
    /// Requests proxied.
    pub requests: AtomicU64,
    /// Request body bytes forwarded to upstreams.
    pub request_bytes: AtomicU64,
    /// Response body bytes forwarded to clients.
    pub response_bytes: AtomicU64,
    /// Exchanges handed to the recorder.
    pub recorded: AtomicU64,
    /// Exchanges dropped because the queue was full.
    pub dropped: AtomicU64,
    /// Exchanges not recorded by choice: record filters, sampling, protocol switches.
    pub unrecorded: AtomicU64,
    /// Exchanges only counted because their endpoint's contract had stopped changing
    /// ([`crate::stable`]); their count reaches the contract with the next recorded one.
    pub sampled_down: AtomicU64,
    /// Upstream failures answered with 502/504.
    pub upstream_errors: AtomicU64,
    /// `CONNECT` tunnels and protocol switches (WebSocket) passed through.
    pub tunnels: AtomicU64,
    /// Connections opened to upstreams (TCP, and TLS where the upstream is `https://`).
    pub upstream_connections: AtomicU64,
    /// Requests sent on another connection because the upstream did not process them: the
    /// pooled connection closed before they left or before any answer (idempotent, bodyless),
    /// or an HTTP/2 upstream refused the stream (bodyless); see `pool`.
    pub upstream_retries: AtomicU64,
}

impl Stats {
    /// Adds `other`'s counts to these (for totals over routes).
    pub fn add(&self, other: &Stats) {
        let pairs = [
            (&self.requests, &other.requests),
            (&self.request_bytes, &other.request_bytes),
            (&self.response_bytes, &other.response_bytes),
            (&self.recorded, &other.recorded),
            (&self.dropped, &other.dropped),
            (&self.unrecorded, &other.unrecorded),
            (&self.sampled_down, &other.sampled_down),
            (&self.upstream_errors, &other.upstream_errors),
            (&self.tunnels, &other.tunnels),
            (&self.upstream_connections, &other.upstream_connections),
            (&self.upstream_retries, &other.upstream_retries),
        ];
        for (a, b) in pairs {
            a.fetch_add(b.load(Ordering::Relaxed), Ordering::Relaxed);
        }
    }
}

/// A finished exchange as the hot path leaves it: `http` header maps and the body copies.
/// It becomes an [`Exchange`] only if the queue takes it (`Tap::send`).
#[derive(Debug)]
pub struct Pending {
    pub(crate) service: Arc<str>,
    pub(crate) stats: Arc<Stats>,
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
    /// The stable-sampling slot, and how many exchanges this one stands for; it holds a
    /// place in the slot's share of the queue until the recorder takes the exchange.
    pub(crate) admission: Admission,
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers.iter().map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect()
}

/// What an exchange holds besides its bodies and headers' bytes (the structs, the vectors,
/// the allocator's bookkeeping), counted against the queue's budget.
const EXCHANGE_OVERHEAD: usize = 1024;

impl Pending {
    /// The bytes the exchange will hold in the queue, about.
    fn queue_size(&self) -> usize {
        let headers = |h: &HeaderMap| h.iter().map(|(n, v)| n.as_str().len() + v.len() + 48).sum::<usize>();
        self.request.capacity()
            + self.response.capacity()
            + headers(&self.request_headers)
            + headers(&self.response_headers)
            + self.path.len()
            + self.query.len()
            + EXCHANGE_OVERHEAD
    }

    /// The exchange, owning every byte it holds. Header values parsed by hyper are slices of
    /// its connection's read buffer: kept as they are, each queued exchange would keep a
    /// whole buffer alive (tens of KiB, uncounted; 340 MiB of RSS behind a 32 MiB queue).
    fn into_exchange(self) -> (Exchange, Admission) {
        let request_truncated = self.request.truncated || !self.request.complete;
        let response_truncated = self.response.truncated || !self.response.complete;
        let exchange = Exchange {
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
        };
        (exchange, self.admission)
    }
}

/// An exchange on its way to the recorder; its queue bytes are released when dropped.
#[derive(Debug)]
pub struct Tapped {
    exchange: Exchange,
    admission: Admission,
    _permit: OwnedSemaphorePermit,
}

impl Tapped {
    /// Its stable-sampling slot: tell [`StableSampler::observed`] whether it changed the
    /// endpoint's contract.
    pub fn slot(&self) -> Slot {
        self.admission.slot()
    }

    /// How many exchanges it stands for: itself and those its slot skipped before it
    /// ([`mockdrift_contracts::Recorder::record_weighted`]).
    pub fn weight(&self) -> u64 {
        self.admission.weight
    }

    /// The exchange; its slot's place in the queue is free again.
    pub fn into_exchange(self) -> Exchange {
        self.exchange
    }
}

/// The sending side, cloned into every route.
#[derive(Clone, Debug)]
pub struct Tap {
    tx: mpsc::Sender<Tapped>,
    budget: Arc<Semaphore>,
    queue_bytes: usize,
    pub(crate) stable: Arc<StableSampler>,
}

impl Tap {
    /// A tap holding at most `queue_bytes` of bodies (and 65,536 exchanges), and its receiver.
    /// Every exchange is recorded (no stable sampling).
    pub fn new(queue_bytes: usize) -> (Tap, mpsc::Receiver<Tapped>) {
        Tap::sampling(queue_bytes, 1.0, std::time::Duration::ZERO)
    }

    /// Like [`Tap::new`], sampling endpoints whose contracts have stopped changing down to
    /// `stable_rate` (`--stable-sample`), and busy ones to about one recorded exchange per
    /// `interval` (`--stable-interval`; see [`crate::stable`]).
    pub fn sampling(
        queue_bytes: usize,
        stable_rate: f64,
        interval: std::time::Duration,
    ) -> (Tap, mpsc::Receiver<Tapped>) {
        let (tx, rx) = mpsc::channel(65_536);
        let queue_bytes = queue_bytes.clamp(1, Semaphore::MAX_PERMITS);
        let stable = Arc::new(StableSampler::new(stable_rate, interval));
        let tap = Tap { tx, budget: Arc::new(Semaphore::new(queue_bytes)), queue_bytes, stable };
        (tap, rx)
    }

    /// The stable-sampling table, for the recorder's feedback.
    pub fn stable(&self) -> Arc<StableSampler> {
        Arc::clone(&self.stable)
    }

    /// A gauge of what waits in the queue (holds no sender: the channel still closes when
    /// the routes are gone).
    pub fn gauge(&self) -> QueueGauge {
        QueueGauge { budget: Arc::clone(&self.budget), queue_bytes: self.queue_bytes, stable: Arc::clone(&self.stable) }
    }

    /// Hands an exchange over, or drops it (counted) if the queue is full. Never waits.
    pub(crate) fn send(&self, pending: Pending) {
        let size = pending.queue_size().min(self.queue_bytes);
        let Ok(permit) = Arc::clone(&self.budget).try_acquire_many_owned(size as u32) else {
            pending.stats.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        };
        let stats = Arc::clone(&pending.stats);
        let (exchange, mut admission) = pending.into_exchange();
        admission.weigh(exchange.status);
        match self.tx.try_send(Tapped { exchange, admission, _permit: permit }) {
            Ok(()) => {
                stats.recorded.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                // Dropped: the exchanges its weight took stay counted for the next one.
                let t = e.into_inner();
                self.stable.give_back(t.admission.slot(), t.exchange.status, t.admission.weight - 1);
                stats.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// Bytes of recorded bodies waiting for the recorder.
#[derive(Clone, Debug)]
pub struct QueueGauge {
    budget: Arc<Semaphore>,
    queue_bytes: usize,
    stable: Arc<StableSampler>,
}

impl QueueGauge {
    /// Bytes queued now (each exchange counts its bodies plus 1 KiB).
    pub fn queued_bytes(&self) -> usize {
        self.queue_bytes.saturating_sub(self.budget.available_permits())
    }

    /// The queue's byte budget (`--queue-bytes`).
    pub fn capacity(&self) -> usize {
        self.queue_bytes
    }

    /// Stable-sampling slots sampled down now ([`StableSampler::settled_slots`]).
    pub fn settled_slots(&self) -> usize {
        self.stable.settled_slots()
    }
}
