//! A body that forwards every frame untouched and keeps a capped copy for recording.
//!
//! The copy is a real copy into one buffer per body. Keeping `Bytes` slices of the frames
//! would avoid the memcpy, but a slice can keep a larger buffer of hyper's alive, and then
//! the queue's byte budget would no longer bound what the queue holds. (Measured both ways
//! with `bench/proxy.sh`: throughput and RSS were within run-to-run noise of each other.)

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

use crate::BoxError;
use crate::capture::Capture;
use crate::tap::{Pending, Stats, Tap};

/// What to do when the response body ends: complete the pending exchange and hand it over.
pub(crate) struct Finish {
    pub(crate) pending: Pending,
    pub(crate) request: Arc<Mutex<Capture>>,
    pub(crate) tap: Tap,
    pub(crate) started: Instant,
}

/// Forwards `inner` frame by frame; keeps up to `cap` bytes of it in `capture`.
pub(crate) struct TeeBody<B: Body> {
    inner: B,
    cap: usize,
    capture: Arc<Mutex<Capture>>,
    finish: Option<Finish>,
}

impl<B: Body> TeeBody<B> {
    pub(crate) fn new(inner: B, cap: usize, capture: Arc<Mutex<Capture>>, finish: Option<Finish>) -> Self {
        Self { inner, cap, capture, finish }
    }

    fn done(&mut self, complete: bool) {
        if let Ok(mut c) = self.capture.lock() {
            c.complete = c.complete || complete;
        }
        let Some(f) = self.finish.take() else { return };
        let mut pending = f.pending;
        if let Ok(mut c) = self.capture.lock() {
            pending.response = std::mem::take(&mut *c);
        }
        if let Ok(mut r) = f.request.lock() {
            pending.request = std::mem::take(&mut *r);
        }
        pending.duration = f.started.elapsed();
        f.tap.send(pending);
    }
}

impl<B: Body> Drop for TeeBody<B> {
    fn drop(&mut self) {
        // An empty body may never be polled: it is complete if the inner body says so. A body
        // the client abandoned is incomplete and recorded as truncated.
        let complete = self.inner.is_end_stream();
        if let Ok(mut c) = self.capture.lock() {
            c.complete = c.complete || complete;
        }
        if self.finish.is_some() {
            self.done(complete);
        }
    }
}

impl<B> Body for TeeBody<B>
where
    B: Body<Data = Bytes> + Unpin,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref()
                    && let Ok(mut c) = this.capture.lock()
                {
                    c.push(data, this.inner.size_hint().lower(), this.cap);
                }
                if frame.is_trailers() {
                    // Trailers are the last frame: the body is complete even if its reader
                    // stops polling here (hyper's HTTP/1.1 server does).
                    this.done(true);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(None) => {
                this.done(true);
                Poll::Ready(None)
            }
            other => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Which way a [`Counted`] body flows.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Direction {
    Request,
    Response,
}

/// Forwards `inner` untouched, adding each data frame's length to the route's byte counter.
pub(crate) struct Counted<B> {
    inner: B,
    stats: Arc<Stats>,
    direction: Direction,
    idle: Option<Idle>,
}

/// A read timeout between two frames of a body (nginx's `proxy_read_timeout`).
struct Idle {
    after: std::time::Duration,
    /// Allocated the first time the body has nothing to give.
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Whether `sleep`'s deadline counts from the latest frame.
    armed: bool,
}

impl<B> Counted<B> {
    pub(crate) fn new(inner: B, stats: Arc<Stats>, direction: Direction) -> Self {
        Self { inner, stats, direction, idle: None }
    }

    /// Fails the body (counted as an upstream error) when no frame comes for `after`.
    pub(crate) fn idle_timeout(mut self, after: std::time::Duration) -> Self {
        self.idle = Some(Idle { after, sleep: None, armed: false });
        self
    }
}

impl<B> Body for Counted<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(idle) = &mut this.idle {
                    idle.armed = false;
                }
                if let Some(data) = frame.data_ref() {
                    let counter = match this.direction {
                        Direction::Request => &this.stats.request_bytes,
                        Direction::Response => &this.stats.response_bytes,
                    };
                    counter.fetch_add(data.len() as u64, Ordering::Relaxed);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => {
                // After the head, an upstream failure can only cut the body short (the client
                // sees the connection end early); it is counted like the 502s.
                if let Direction::Response = this.direction {
                    this.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
                }
                Poll::Ready(Some(Err(e.into())))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                let Some(idle) = &mut this.idle else { return Poll::Pending };
                let deadline = tokio::time::Instant::now() + idle.after;
                let sleep = idle.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                if !idle.armed {
                    sleep.as_mut().reset(deadline);
                    idle.armed = true;
                }
                if sleep.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                // The client's connection ends short of the body (never a body that looks
                // complete), the exchange is recorded as truncated, and it counts like a 504.
                this.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
                let reason = format!("the upstream sent nothing for {:?} in the middle of the body", idle.after);
                tracing::debug!(%reason, "Upstream read timed out.");
                Poll::Ready(Some(Err(reason.into())))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
