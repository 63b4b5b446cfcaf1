//! A body that forwards every frame untouched and keeps a capped copy for recording.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use mockdrift_contracts::Exchange;

use crate::tap::Tap;

/// A capped copy of a body.
#[derive(Debug, Default)]
pub(crate) struct Capture {
    pub(crate) bytes: Vec<u8>,
    pub(crate) truncated: bool,
    pub(crate) complete: bool,
}

impl Capture {
    fn push(&mut self, data: &[u8], cap: usize) {
        let room = cap.saturating_sub(self.bytes.len());
        if data.len() > room {
            self.truncated = true;
        }
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
    }
}

/// What to do when the response body ends: assemble and send the exchange.
pub(crate) struct Finish {
    pub(crate) exchange: Exchange,
    pub(crate) request: Arc<Mutex<Capture>>,
    pub(crate) tap: Tap,
    pub(crate) started: Instant,
}

/// Forwards `inner` frame by frame; copies data into `capture` up to `cap`.
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
        let mut x = f.exchange;
        if let Ok(mut c) = self.capture.lock() {
            x.response.body = std::mem::take(&mut c.bytes);
            // A body the client stopped reading is recorded as truncated.
            x.response.truncated = c.truncated || !complete;
        }
        if let Ok(mut r) = f.request.lock() {
            x.request.body = std::mem::take(&mut r.bytes);
            x.request.truncated = r.truncated || !r.complete;
        }
        x.duration_ms = f.started.elapsed().as_secs_f64() * 1000.0;
        f.tap.send(x);
    }
}

impl<B: Body> Drop for TeeBody<B> {
    fn drop(&mut self) {
        // An empty body may never be polled: it is complete if the inner body says so.
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
                    c.push(data, this.cap);
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
