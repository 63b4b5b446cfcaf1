//! Connections to upstreams, pooled per scheme and authority.
//!
//! hyper-util's pooled client cost about a fifth of the proxy's user-space instructions per
//! request (`bench/` and callgrind, in the issue notes): a SipHash of the pool key on every
//! checkout and return, a connect future built and dropped for every pooled request, and a
//! task spawned per HTTP/1.1 response to wait until its connection is idle again. This pool
//! does the same job for one route: an HTTP/1.1 connection is handed back when its response
//! body has been read to the end (the body carries it), so no task and no hashing is needed;
//! an HTTP/2 connection (ALPN `h2`, or `h2c://` with prior knowledge) is shared by every
//! request to its authority.
//!
//! A request is sent again on another connection when a kept-alive connection the upstream
//! closed fails it: always when hyper says it never left, as hyper-util does; and when it left
//! but nothing came back (the connection closed or was reset before any response byte), only
//! for an idempotent method without a body on a connection that had been idle for at least
//! [`RESEND_AFTER_IDLE`], once, on a new connection, as nginx does for its cached connections;
//! and when an HTTP/2 upstream refused it unprocessed (`REFUSED_STREAM`, `GOAWAY`), for any
//! method without a body, once, on a new connection. Nothing else is ever sent twice.

use std::future::poll_fn;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{Method, Request, Response, Uri};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::client::conn::{http1, http2};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::{Connection, HttpConnector};
use hyper_util::rt::TokioExecutor;
use tower_service::Service;

use crate::{BoxError, ProxyBody, Stats};

/// Where a connection goes: `http` or `https`, and `host:port`.
#[derive(Clone, Debug, Eq)]
pub(crate) struct Key {
    pub(crate) scheme: Scheme,
    pub(crate) authority: Authority,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        // A reverse proxy's key is one parsed authority, cloned (shared bytes) per request.
        let (a, b) = (self.authority.as_str(), other.authority.as_str());
        let same = std::ptr::eq(a, b) || self.authority == other.authority;
        same && self.scheme == other.scheme
    }
}

impl Key {
    /// The `Host` an HTTP/1.1 request gets when it has none: the authority without a default
    /// port.
    fn host(&self) -> Option<HeaderValue> {
        let default = if self.scheme == Scheme::HTTPS { 443 } else { 80 };
        let host = match self.authority.port_u16() {
            Some(p) if p != default => self.authority.as_str(),
            _ => self.authority.host(),
        };
        HeaderValue::from_str(host).ok()
    }
}

/// Idle HTTP/1.1 connections kept per authority, beyond which a returned one is closed.
const MAX_IDLE_PER_KEY: usize = 1024;
/// Authorities remembered (a forward proxy's) before the ones with nothing pooled are dropped.
const MAX_KEYS: usize = 256;

#[derive(Default)]
struct Entry {
    key: Option<Key>,
    /// Oldest first; a checkout takes the newest.
    h1: Vec<(http1::SendRequest<ProxyBody>, Instant)>,
    h2: Option<http2::SendRequest<ProxyBody>>,
}

impl Entry {
    fn is_empty(&self) -> bool {
        self.h1.is_empty() && self.h2.as_ref().is_none_or(|h2| h2.is_closed())
    }
}

#[derive(Default)]
struct Idle {
    entries: Vec<Entry>,
}

impl Idle {
    fn entry(&mut self, key: &Key) -> &mut Entry {
        if let Some(i) = self.entries.iter().position(|e| e.key.as_ref() == Some(key)) {
            return &mut self.entries[i];
        }
        if self.entries.len() >= MAX_KEYS {
            self.entries.retain(|e| !e.is_empty());
        }
        self.entries.push(Entry { key: Some(key.clone()), ..Entry::default() });
        self.entries.last_mut().expect("just pushed")
    }
}

/// A connection for one request.
enum Conn {
    /// With when it was last used, for a pooled one.
    H1(http1::SendRequest<ProxyBody>, Option<Instant>),
    H2(http2::SendRequest<ProxyBody>),
}

/// One route's connections to its upstream(s).
pub(crate) struct Pool {
    connector: HttpsConnector<HttpConnector>,
    /// `h2c://`: HTTP/2 with prior knowledge on every connection.
    h2_only: bool,
    idle_timeout: Duration,
    idle: Arc<Mutex<Idle>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool").field("h2_only", &self.h2_only).field("idle_timeout", &self.idle_timeout).finish()
    }
}

impl Pool {
    pub(crate) fn new(connector: HttpsConnector<HttpConnector>, h2_only: bool, idle_timeout: Duration) -> Pool {
        Pool { connector, h2_only, idle_timeout, idle: Arc::default() }
    }

    /// Sends `req` to `key`'s `pq`: origin-form over HTTP/1.1, absolute-form over HTTP/2. A new
    /// connection is counted in `stats`.
    pub(crate) async fn send(
        &self,
        stats: &Stats,
        key: &Key,
        pq: PathAndQuery,
        mut req: Request<ProxyBody>,
    ) -> Result<Response<UpstreamBody>, BoxError> {
        // What an idempotent request without a body needs to be sent again, kept only while
        // it travels on a kept-alive HTTP/1.1 connection (a failure on a new one is not
        // retried: the upstream is down, or the request is at fault).
        let mut again: Option<(Method, HeaderMap)> = None;
        // Whether it was sent again once already (on a new connection).
        let mut fresh = false;
        loop {
            let mut h2 = false;
            let checkout = if fresh { None } else { self.checkout(key) };
            let (conn, reused) = match checkout {
                Some(conn) => (conn, true),
                None => (self.connect(stats, key).await?, false),
            };
            let sent = match conn {
                Conn::H1(mut tx, since) => {
                    if tx.ready().await.is_err() {
                        if reused {
                            stats.upstream_retries.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                        return Err("the new connection closed before the request".into());
                    }
                    // Kept only after a pause: a connection in constant use is not the one an
                    // upstream closes for idleness (a copy of the headers costs about 3 % of a
                    // request's instructions).
                    let paused = since.is_some_and(|t| t.elapsed() >= RESEND_AFTER_IDLE);
                    if paused && again.is_none() && is_idempotent(req.method()) && req.body().is_end_stream() {
                        again = Some((req.method().clone(), req.headers().clone()));
                    }
                    *req.uri_mut() = Uri::from(pq.clone());
                    if !req.headers().contains_key(header::HOST)
                        && let Some(host) = key.host()
                    {
                        req.headers_mut().insert(header::HOST, host);
                    }
                    match tx.try_send_request(req).await {
                        Ok(rsp) => {
                            let back = Back {
                                tx,
                                idle: Arc::clone(&self.idle),
                                idle_timeout: self.idle_timeout,
                                key: key.clone(),
                            };
                            return Ok(rsp.map(|inner| UpstreamBody { inner, back: Some(back) }));
                        }
                        Err(e) => e,
                    }
                }
                Conn::H2(mut tx) => {
                    // A stream the upstream refuses (`REFUSED_STREAM`, or above a `GOAWAY`'s
                    // last stream) was not processed (RFC 9113 §8.7), whatever its method; one
                    // without a body can be sent again.
                    if !fresh && again.is_none() && req.method() != Method::CONNECT && req.body().is_end_stream() {
                        again = Some((req.method().clone(), req.headers().clone()));
                    }
                    h2 = true;
                    *req.uri_mut() = absolute(key, pq.clone());
                    match tx.try_send_request(req).await {
                        Ok(rsp) => return Ok(rsp.map(|inner| UpstreamBody { inner, back: None })),
                        Err(e) => e,
                    }
                }
            };
            let mut failed = sent;
            match (failed.take_message(), again.take()) {
                (Some(unsent), kept) if reused => {
                    req = unsent;
                    again = kept;
                }
                (None, Some((method, headers)))
                    if if h2 { refused(failed.error()) } else { reused && nothing_came_back(failed.error()) } =>
                {
                    tracing::debug!(error = %failed.error(), "The upstream did not process a request; sending it again on a new connection.");
                    req = Request::new(empty());
                    *req.method_mut() = method;
                    *req.headers_mut() = headers;
                    fresh = true;
                }
                _ => return Err(Box::new(failed.into_error())),
            }
            stats.upstream_retries.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The newest idle HTTP/1.1 connection that is ready, or the authority's HTTP/2 one.
    /// Closed and expired connections are dropped on the way.
    fn checkout(&self, key: &Key) -> Option<Conn> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        let entry = idle.entry(key);
        if let Some(h2) = &entry.h2 {
            if !h2.is_closed() {
                return Some(Conn::H2(h2.clone()));
            }
            entry.h2 = None;
        }
        // Newest first; closed ones are dropped on the way (expired ones when returning).
        while let Some(i) = entry.h1.iter().rposition(|(tx, _)| tx.is_ready() || tx.is_closed()) {
            let (tx, since) = entry.h1.remove(i);
            if !tx.is_closed() {
                return Some(Conn::H1(tx, Some(since)));
            }
        }
        None
    }

    async fn connect(&self, stats: &Stats, key: &Key) -> Result<Conn, BoxError> {
        let dst = absolute(key, PathAndQuery::from_static("/"));
        let mut connector = self.connector.clone();
        poll_fn(|cx| connector.poll_ready(cx)).await?;
        let io = connector.call(dst).await?;
        stats.upstream_connections.fetch_add(1, Ordering::Relaxed);
        if self.h2_only || io.connected().is_negotiated_h2() {
            let (tx, conn) = http2::Builder::new(TokioExecutor::new()).handshake(io).await?;
            tokio::spawn(async move {
                if let Err(e) = conn.await {
                    tracing::debug!(error = %e, "Upstream HTTP/2 connection ended with an error.");
                }
            });
            let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
            idle.entry(key).h2 = Some(tx.clone());
            Ok(Conn::H2(tx))
        } else {
            let (tx, conn) = http1::Builder::new().handshake(io).await?;
            tokio::spawn(async move {
                if let Err(e) = conn.with_upgrades().await {
                    tracing::debug!(error = %e, "Upstream connection ended with an error.");
                }
            });
            Ok(Conn::H1(tx, None))
        }
    }
}

/// How long a pooled HTTP/1.1 connection must have been idle for an idempotent request on it
/// to be sent again when the upstream closes it unanswered.
const RESEND_AFTER_IDLE: Duration = Duration::from_millis(1);

/// RFC 9110 §9.2.2: methods whose effect is the same sent once or twice.
fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE)
}

/// The upstream closed or reset the connection before the response head was complete.
fn nothing_came_back(e: &hyper::Error) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset};
    e.is_incomplete_message()
        || std::error::Error::source(e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .is_some_and(|io| matches!(io.kind(), ConnectionReset | ConnectionAborted | BrokenPipe))
}

/// An HTTP/2 upstream refused the stream or went away before processing it: the stream was
/// reset with `REFUSED_STREAM`, or was above the last stream of the upstream's `GOAWAY`, or was
/// opened after it. RFC 9113 §8.7: such a request may be sent again, whatever its method.
fn refused(e: &hyper::Error) -> bool {
    std::error::Error::source(e).and_then(|s| s.downcast_ref::<h2::Error>()).is_some_and(|h2| {
        h2.is_remote() && (h2.is_go_away() || (h2.is_reset() && h2.reason() == Some(h2::Reason::REFUSED_STREAM)))
    })
}

fn empty() -> ProxyBody {
    http_body_util::Empty::new().map_err(|e| match e {}).boxed()
}

fn absolute(key: &Key, pq: PathAndQuery) -> Uri {
    let mut parts = http::uri::Parts::default();
    parts.scheme = Some(key.scheme.clone());
    parts.authority = Some(key.authority.clone());
    parts.path_and_query = Some(pq);
    Uri::from_parts(parts).expect("scheme, authority and path make a URI")
}

/// An HTTP/1.1 connection on its way back to the pool.
struct Back {
    tx: http1::SendRequest<ProxyBody>,
    idle: Arc<Mutex<Idle>>,
    idle_timeout: Duration,
    key: Key,
}

impl Back {
    /// Pools the connection, and closes the ones idle for longer than `idle_timeout`.
    fn give_back(self) {
        let now = Instant::now();
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        let entry = idle.entry(&self.key);
        let expired = entry.h1.iter().take_while(|(_, since)| now.duration_since(*since) >= self.idle_timeout).count();
        entry.h1.drain(..expired);
        if entry.h1.len() < MAX_IDLE_PER_KEY {
            entry.h1.push((self.tx, now));
        }
    }
}

/// An upstream's response body. An HTTP/1.1 connection goes back to the pool once the body
/// has been read to its end; a body dropped before its end (the client went away) takes its
/// connection with it, since the rest of the body is still on the wire.
pub(crate) struct UpstreamBody {
    inner: Incoming,
    back: Option<Back>,
}

impl Body for UpstreamBody {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let frame = ready!(Pin::new(&mut self.inner).poll_frame(cx));
        match &frame {
            None => {
                if let Some(back) = self.back.take() {
                    back.give_back();
                }
            }
            Some(Err(_)) => self.back = None,
            Some(Ok(_)) => {}
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for UpstreamBody {
    fn drop(&mut self) {
        // An empty body (`HEAD`, 204, 304, `Content-Length: 0`) may never be polled.
        if let Some(back) = self.back.take()
            && self.inner.is_end_stream()
        {
            back.give_back();
        }
    }
}
