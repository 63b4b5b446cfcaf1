//! Client connections held to account: a header-read timeout, an idle keep-alive timeout and
//! a cap on how many are open at once.
//!
//! hyper has one timer for the first two (its HTTP/1 header read timeout also runs while a
//! kept-alive connection waits for its next request), so the proxy keeps its own: each
//! connection's reads go through `Watched`, which notes when bytes of a new request head
//! arrive; the service notes when a request starts and when its response body is done
//! (`Activity::begin`); a `watchdog` beside the connection closes it when
//!
//! - a request head has been arriving for longer than the header timeout (slow heads,
//!   `slowloris`), or a new connection has sent nothing for that long;
//! - no request has been in flight for longer than the idle timeout (HTTP/1 keep-alive
//!   between requests, an HTTP/2 connection without streams).
//!
//! A connection with a request in flight is never closed by these: the upstream's own
//! `--response-timeout` bounds that. A zero duration turns a timeout off.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;

/// How long clients may take, and how many may be connected.
#[derive(Clone, Debug)]
pub struct ClientLimits {
    /// Longest time a request head may take to arrive, and a new connection to start one
    /// (`--header-timeout`; zero: no limit).
    pub header_timeout: Duration,
    /// Longest time a connection may stay open with no request in flight (`--idle-timeout`;
    /// zero: no limit).
    pub idle_timeout: Duration,
    /// Client connections open at once, shared by every listener it is given to
    /// (`--max-connections`); at the cap, new connections wait in the listen backlog.
    pub connections: Option<Arc<tokio::sync::Semaphore>>,
}

impl Default for ClientLimits {
    fn default() -> Self {
        ClientLimits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            connections: None,
        }
    }
}

/// What a connection is doing, in milliseconds since it was accepted.
#[derive(Debug)]
pub(crate) struct Activity {
    start: Instant,
    in_flight: AtomicU32,
    /// Bytes read so far, and the count when the connection last became idle.
    read: AtomicU64,
    read_at_idle: AtomicU64,
    /// When the connection last became idle, and when the first byte after that came.
    idle_since: AtomicU64,
    head_since: AtomicU64,
    /// The client spoke HTTP/2 (its preface): no request heads to time between streams.
    h2: AtomicBool,
    /// Wakes the watchdog when a deadline may have moved earlier: a head started, or the last
    /// request in flight ended. No timer runs while nothing can be due.
    changed: tokio::sync::Notify,
}

impl Activity {
    pub(crate) fn new() -> Arc<Activity> {
        Arc::new(Activity {
            start: Instant::now(),
            in_flight: AtomicU32::new(0),
            read: AtomicU64::new(0),
            read_at_idle: AtomicU64::new(0),
            idle_since: AtomicU64::new(0),
            head_since: AtomicU64::new(0),
            h2: AtomicBool::new(false),
            changed: tokio::sync::Notify::new(),
        })
    }

    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// A request has started; it is in flight until the returned guard is dropped (with
    /// its response body).
    pub(crate) fn begin(self: &Arc<Self>) -> InFlight {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(Arc::clone(self))
    }

    /// The client speaks HTTP/2 (told by ALPN on TLS, where the preface is not seen here).
    pub(crate) fn speaks_h2(&self) {
        self.h2.store(true, Ordering::Relaxed);
    }

    fn bytes_read(&self, first: &[u8]) {
        if first.is_empty() {
            return;
        }
        let before = self.read.fetch_add(first.len() as u64, Ordering::AcqRel);
        if before == 0 && first.starts_with(b"PRI * HTTP/2.0") {
            self.h2.store(true, Ordering::Relaxed);
        }
        if before == self.read_at_idle.load(Ordering::Acquire) && self.in_flight.load(Ordering::Acquire) == 0 {
            self.head_since.store(self.now(), Ordering::Release);
            self.changed.notify_one();
        }
    }

    /// When the connection is due to be closed and why, as of now: `None` while a request is
    /// in flight.
    fn deadline(&self, limits: &ClientLimits) -> Option<(u64, &'static str)> {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return None;
        }
        let ms = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let (read, at_idle) = (self.read.load(Ordering::Acquire), self.read_at_idle.load(Ordering::Acquire));
        let (since, limit, why) = if self.h2.load(Ordering::Relaxed) {
            (self.idle_since.load(Ordering::Acquire), limits.idle_timeout, "idle")
        } else if read > at_idle {
            (self.head_since.load(Ordering::Acquire), limits.header_timeout, "request head not complete")
        } else if read == 0 {
            (0, limits.header_timeout, "no request")
        } else {
            (self.idle_since.load(Ordering::Acquire), limits.idle_timeout, "idle")
        };
        (!limit.is_zero()).then(|| (since.saturating_add(ms(limit)), why))
    }
}

/// A request in flight; dropped with its response body.
#[derive(Debug)]
pub(crate) struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let a = &self.0;
        if a.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
            a.idle_since.store(a.now(), Ordering::Release);
            a.read_at_idle.store(a.read.load(Ordering::Acquire), Ordering::Release);
            a.changed.notify_one();
        }
    }
}

/// Resolves, with the reason, when the connection should be closed.
pub(crate) async fn watchdog(a: Arc<Activity>, limits: ClientLimits) -> &'static str {
    loop {
        let now = a.now();
        match a.deadline(&limits) {
            Some((at, why)) if at <= now => return why,
            // Until the deadline, or until it may have moved (a head started meanwhile).
            Some((at, _)) => {
                tokio::select! {
                    () = tokio::time::sleep_until(a.start + Duration::from_millis(at)) => {}
                    () = a.changed.notified() => {}
                }
            }
            // A request in flight (or no limit): nothing is due until that changes.
            None => a.changed.notified().await,
        }
    }
}

/// A client connection's stream, noting what it reads in its [`Activity`].
#[derive(Debug)]
pub(crate) struct Watched<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S> Watched<S> {
    pub(crate) fn new(inner: S, activity: Arc<Activity>) -> Self {
        Watched { inner, activity }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let res = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = res {
            let activity = Arc::clone(&self.activity);
            activity.bytes_read(&buf.filled()[before..]);
        }
        res
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, data)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ClientLimits {
        ClientLimits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            connections: None,
        }
    }

    /// The clock is tokio's, paused: the deadlines follow the connection's story, not the
    /// machine's speed.
    #[tokio::test(start_paused = true)]
    async fn heads_are_timed_from_their_first_byte_and_idle_connections_from_their_last_response() {
        let a = Activity::new();
        assert_eq!(a.deadline(&limits()), Some((10_000, "no request")));
        tokio::time::advance(Duration::from_secs(3)).await;
        a.bytes_read(b"GET / HTTP/1.1\r\n");
        assert_eq!(a.deadline(&limits()), Some((13_000, "request head not complete")));
        let req = a.begin();
        assert_eq!(a.deadline(&limits()), None, "never while a request is in flight");
        tokio::time::advance(Duration::from_secs(100)).await;
        drop(req);
        assert_eq!(a.deadline(&limits()), Some((163_000, "idle")));
        tokio::time::advance(Duration::from_secs(5)).await;
        a.bytes_read(b"GET /next HT");
        assert_eq!(a.deadline(&limits()), Some((118_000, "request head not complete")));
        let off = ClientLimits { header_timeout: Duration::ZERO, ..limits() };
        assert_eq!(a.deadline(&off), None);

        let h2 = Activity::new();
        h2.bytes_read(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        assert_eq!(h2.deadline(&limits()), Some((60_000, "idle")));
    }

    #[tokio::test(start_paused = true)]
    async fn the_watchdog_fires_at_the_deadline_and_not_while_a_request_is_in_flight() {
        let a = Activity::new();
        a.bytes_read(b"GET / HTTP/1.1\r\n");
        let req = a.begin();
        let dog = tokio::spawn(watchdog(Arc::clone(&a), limits()));
        tokio::time::advance(Duration::from_secs(300)).await;
        tokio::task::yield_now().await;
        assert!(!dog.is_finished());
        drop(req);
        let started = Instant::now();
        assert_eq!(dog.await.expect("joined"), "idle");
        assert!(started.elapsed() >= Duration::from_secs(59), "{:?}", started.elapsed());
    }

    /// A head that starts arriving while the watchdog waits out an idle deadline gets the
    /// header timeout from its first byte, not the rest of the idle wait.
    #[tokio::test(start_paused = true)]
    async fn a_head_that_starts_during_an_idle_wait_is_held_to_the_header_timeout() {
        let a = Activity::new();
        a.bytes_read(b"GET / HTTP/1.1\r\n\r\n");
        drop(a.begin());
        let dog = tokio::spawn(watchdog(Arc::clone(&a), limits()));
        tokio::time::advance(Duration::from_secs(1)).await;
        a.bytes_read(b"GET /slow HT");
        let started = Instant::now();
        assert_eq!(dog.await.expect("joined"), "request head not complete");
        assert!(started.elapsed() <= Duration::from_secs(11), "{:?}", started.elapsed());
    }
}
