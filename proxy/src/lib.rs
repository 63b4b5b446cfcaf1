//! The mockdrift recording sidecar proxy.
//!
//! Each [`Route`] is a named upstream service with its own listener: the app points its base
//! URL at the listener, and [`serve`] forwards every request to the upstream, streaming both
//! bodies untouched (status, reason phrase, header values in order, body bytes), while a
//! [`tap::Tap`] hands a capped copy of each finished exchange to the recorder. Recording is
//! fail-open: a full queue drops the copy (counted), an upstream failure gives the client a
//! 502/504 with a short reason, and nothing waits for a whole body before forwarding.
//!
//! [`admin::serve_admin`] serves health, Prometheus metrics and the current contracts.
//!
//! HTTP/1.1 to clients and upstreams, with TLS on either side ([`tls`]). HTTP/2 and forward
//! mode come next.
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::print_stdout))]

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode, Uri};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use mockdrift_contracts::Ts;
use tokio::net::TcpListener;

pub mod admin;
pub mod tap;
mod tee;
pub mod tls;

use crate::tap::{Pending, Tap};
use crate::tee::{Capture, Finish, TeeBody};

/// Errors inside the proxy's bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
type ProxyBody = BoxBody<Bytes, BoxError>;

/// Where a route forwards to: `http[s]://host[:port][/base/path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// `https://`: connect with TLS, verifying the certificate for the host.
    pub tls: bool,
    /// `host:port`.
    pub authority: String,
    /// The authority as the URL gives it (the default port left out): the `Host` sent.
    pub host_header: String,
    /// Prefixed to every request path; empty or starting with `/`, no trailing `/`.
    pub base_path: String,
}

/// A bad `--route` or upstream URL.
#[derive(Debug, PartialEq, Eq)]
pub struct UpstreamError(pub String);

impl std::fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UpstreamError {}

impl Upstream {
    /// Parses `http://10.0.0.5:8080/api/v3` or `https://payments.internal:8443`.
    pub fn parse(url: &str) -> Result<Upstream, UpstreamError> {
        let (tls, rest, port) = if let Some(rest) = url.strip_prefix("http://") {
            (false, rest, 80)
        } else if let Some(rest) = url.strip_prefix("https://") {
            (true, rest, 443)
        } else {
            return Err(UpstreamError(format!("upstream {url:?}: must start with http:// or https://")));
        };
        let (authority, base) = rest.split_once('/').map_or((rest, ""), |(a, b)| (a, b));
        if authority.is_empty() || authority.starts_with(':') {
            return Err(UpstreamError(format!("upstream {url:?} has no host")));
        }
        if authority.contains('@') {
            return Err(UpstreamError(format!("upstream {url:?}: credentials in the URL are not supported")));
        }
        // A port is after the last `:` outside an IPv6 literal's brackets.
        let has_port = authority.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']'));
        let full = if has_port { authority.to_owned() } else { format!("{authority}:{port}") };
        let base = base.trim_end_matches('/');
        Ok(Upstream {
            tls,
            authority: full,
            host_header: authority.to_owned(),
            base_path: if base.is_empty() { String::new() } else { format!("/{base}") },
        })
    }
}

/// One named upstream service.
#[derive(Debug)]
pub struct Route {
    /// The service name recorded exchanges carry.
    pub name: String,
    /// Where requests go.
    pub upstream: Upstream,
    /// Keep the client's `Host` instead of the upstream's authority.
    pub preserve_host: bool,
    /// Bytes of each body copied for recording.
    pub max_record_bytes: usize,
    /// Time to wait for the upstream's response head.
    pub response_timeout: Duration,
    /// Fraction of exchanges recorded (0 to 1); the others are forwarded without a tee.
    pub sample: f64,
    /// Which exchanges may be recorded at all, by method and path prefix.
    pub filter: RecordFilter,
    /// Serve the listener with TLS (`--tls-cert`, `--tls-key`; see [`tls::server_config`]).
    pub tls_server: Option<Arc<rustls::ServerConfig>>,
    sampled: std::sync::atomic::AtomicU64,
    service: Arc<str>,
    client: Client<HttpsConnector<HttpConnector>, ProxyBody>,
    tap: Tap,
}

impl Route {
    /// A route with its own connection pool to the upstream; an `https://` upstream is
    /// verified against the system's roots.
    pub fn new(name: &str, upstream: Upstream, tap: Tap) -> Result<Route, tls::TlsError> {
        let config =
            if upstream.tls { tls::client_config(&tls::UpstreamTls::default())? } else { tls::no_upstream_tls() };
        Ok(Route::with_tls(name, upstream, tap, config))
    }

    /// A route whose upstream TLS connections use `tls` (see [`tls::client_config`]).
    pub fn with_tls(name: &str, upstream: Upstream, tap: Tap, tls: rustls::ClientConfig) -> Route {
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(Duration::from_secs(5)));
        http.set_nodelay(true);
        http.enforce_http(false);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(60)).build(connector);
        Route {
            name: name.to_owned(),
            upstream,
            preserve_host: false,
            max_record_bytes: 1 << 20,
            response_timeout: Duration::from_secs(60),
            sample: 1.0,
            filter: RecordFilter::default(),
            tls_server: None,
            sampled: std::sync::atomic::AtomicU64::new(0),
            service: Arc::from(name),
            client,
            tap,
        }
    }
}

/// Which exchanges are recorded (`--record-only`, `--record-skip`): each rule is a path
/// prefix, optionally after a method (`/health`, `GET /v1/`). An exchange is recorded when it
/// matches some `only` rule (or there is none) and no `skip` rule. Filtered exchanges are
/// forwarded exactly like the others.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordFilter {
    only: Vec<(Option<String>, String)>,
    skip: Vec<(Option<String>, String)>,
}

impl RecordFilter {
    /// Parses the rules; an error names the bad rule.
    pub fn parse(only: &[String], skip: &[String]) -> Result<RecordFilter, String> {
        let rule = |r: &String| -> Result<(Option<String>, String), String> {
            let (method, prefix) = match r.trim().split_once(' ') {
                Some((m, p)) => (Some(m.trim().to_ascii_uppercase()), p.trim()),
                None => (None, r.trim()),
            };
            if !prefix.starts_with('/') {
                return Err(format!("{r:?}: expected [METHOD ]/PATH_PREFIX, e.g. \"/health\" or \"GET /v1/\""));
            }
            if method.as_ref().is_some_and(|m| m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic())) {
                return Err(format!("{r:?}: the method must be letters, e.g. GET"));
            }
            Ok((method, prefix.to_owned()))
        };
        Ok(RecordFilter {
            only: only.iter().map(rule).collect::<Result<_, _>>()?,
            skip: skip.iter().map(rule).collect::<Result<_, _>>()?,
        })
    }

    /// Whether an exchange with this method and path may be recorded.
    pub fn allows(&self, method: &str, path: &str) -> bool {
        let hit = |rules: &[(Option<String>, String)]| {
            rules.iter().any(|(m, p)| m.as_deref().is_none_or(|m| m == method) && path.starts_with(p.as_str()))
        };
        (self.only.is_empty() || hit(&self.only)) && !hit(&self.skip)
    }
}

impl Route {
    /// Whether to record this exchange: the filter first, then sampling (deterministic,
    /// exactly `sample` of the eligible requests over time).
    fn record_this(&self, method: &str, path: &str) -> bool {
        if !self.filter.allows(method, path) {
            return false;
        }
        if self.sample >= 1.0 {
            return true;
        }
        if self.sample <= 0.0 {
            return false;
        }
        let n = self.sampled.fetch_add(1, Ordering::Relaxed) as f64;
        (n * self.sample).floor() != ((n + 1.0) * self.sample).floor()
    }
}

/// Hop-by-hop headers (RFC 9110 §7.6.1), plus any named in `Connection`.
fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|n| HeaderName::from_bytes(n.trim().as_bytes()).ok())
        .collect();
    for h in named {
        headers.remove(h);
    }
    for h in ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"] {
        headers.remove(h);
    }
}

fn plain(status: StatusCode, text: String) -> Response<ProxyBody> {
    let mut rsp = Response::new(Full::new(Bytes::from(text)).map_err(|e| match e {}).boxed());
    *rsp.status_mut() = status;
    rsp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    rsp
}

/// An error and its causes, `: `-separated (a TLS failure is a cause of a connect error).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cur = c.source();
    }
    out
}

/// Sends the request upstream; an upstream failure becomes the client's 502 or 504.
async fn forward(route: &Route, req: Request<ProxyBody>) -> Result<Response<Incoming>, Response<ProxyBody>> {
    match tokio::time::timeout(route.response_timeout, route.client.request(req)).await {
        Ok(Ok(rsp)) => Ok(rsp),
        Ok(Err(e)) => {
            route.tap.stats().upstream_errors.fetch_add(1, Ordering::Relaxed);
            let reason = error_chain(&e);
            tracing::debug!(upstream = %route.upstream.authority, error = %reason, "Upstream request failed.");
            Err(plain(
                StatusCode::BAD_GATEWAY,
                format!("mockdrift: upstream {} failed: {reason}\n", route.upstream.authority),
            ))
        }
        Err(_) => {
            route.tap.stats().upstream_errors.fetch_add(1, Ordering::Relaxed);
            Err(plain(
                StatusCode::GATEWAY_TIMEOUT,
                format!("mockdrift: upstream {} timed out\n", route.upstream.authority),
            ))
        }
    }
}

/// Forwards one request. Only what recording needs is kept, and only for recorded exchanges:
/// the header maps (reference-counted values) and the tee's capped body copies; strings and
/// buffers are made later on the recorder's thread.
async fn handle(route: Arc<Route>, req: Request<Incoming>) -> Result<Response<ProxyBody>, Infallible> {
    let started = Instant::now();
    route.tap.stats().requests.fetch_add(1, Ordering::Relaxed);
    let (mut parts, body) = req.into_parts();
    let (path, query) = (parts.uri.path(), parts.uri.query().unwrap_or(""));
    let target = format!(
        "{}://{}{}{}{}{}",
        if route.upstream.tls { "https" } else { "http" },
        route.upstream.authority,
        route.upstream.base_path,
        path,
        if query.is_empty() { "" } else { "?" },
        query
    );
    let Ok(uri) = target.parse::<Uri>() else {
        return Ok(plain(StatusCode::BAD_REQUEST, "mockdrift: cannot forward this request target\n".to_owned()));
    };
    // What the client sent, before the proxy touches the headers: only when recording.
    let record = route
        .record_this(parts.method.as_str(), path)
        .then(|| (parts.headers.clone(), path.to_owned(), query.to_owned(), parts.method.clone()));
    strip_hop_by_hop(&mut parts.headers);
    if !route.preserve_host
        && let Ok(v) = HeaderValue::from_str(&route.upstream.host_header)
    {
        parts.headers.insert(header::HOST, v);
    }
    parts.uri = uri;
    let Some((request_headers, path, query, method)) = record else {
        let rsp = match forward(&route, Request::from_parts(parts, body.map_err(BoxError::from).boxed())).await {
            Ok(rsp) => rsp,
            Err(failure) => return Ok(failure),
        };
        let (mut rp, rb) = rsp.into_parts();
        strip_hop_by_hop(&mut rp.headers);
        return Ok(Response::from_parts(rp, rb.map_err(BoxError::from).boxed()));
    };
    let time = Ts::now();
    let request_capture = Arc::new(Mutex::new(Capture::default()));
    let tee = TeeBody::new(body, route.max_record_bytes, Arc::clone(&request_capture), None);
    let rsp = match forward(&route, Request::from_parts(parts, tee.map_err(BoxError::from).boxed())).await {
        Ok(rsp) => rsp,
        Err(failure) => return Ok(failure),
    };
    let (mut rsp_parts, rsp_body) = rsp.into_parts();
    let pending = Pending {
        service: Arc::clone(&route.service),
        method,
        path,
        query,
        status: rsp_parts.status.as_u16(),
        time,
        duration: Duration::ZERO,
        request_headers,
        response_headers: rsp_parts.headers.clone(),
        request: Capture::default(),
        response: Capture::default(),
    };
    strip_hop_by_hop(&mut rsp_parts.headers);
    let finish = Finish { pending, request: request_capture, tap: route.tap.clone(), started };
    let tee = TeeBody::new(rsp_body, route.max_record_bytes, Arc::new(Mutex::new(Capture::default())), Some(finish));
    Ok(Response::from_parts(rsp_parts, tee.map_err(BoxError::from).boxed()))
}

/// How long a client has to finish the TLS handshake.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves a route on a bound listener until `shutdown` resolves, then stops accepting and
/// lets in-flight connections finish for up to `grace`.
pub async fn serve(listener: TcpListener, route: Arc<Route>, shutdown: impl Future<Output = ()>, grace: Duration) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let route = Arc::clone(&route);
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let service = {
                        let route = Arc::clone(&route);
                        hyper::service::service_fn(move |req| handle(Arc::clone(&route), req))
                    };
                    let http = hyper::server::conn::http1::Builder::new().preserve_header_case(true).clone();
                    let result = match &route.tls_server {
                        None => watcher.watch(http.serve_connection(TokioIo::new(stream), service)).await,
                        Some(config) => {
                            let acceptor = tokio_rustls::TlsAcceptor::from(Arc::clone(config));
                            let handshake = tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await;
                            let tls = match handshake {
                                Ok(Ok(tls)) => tls,
                                Ok(Err(e)) => {
                                    tracing::debug!(%peer, error = %e, "TLS handshake failed.");
                                    return;
                                }
                                Err(_) => {
                                    tracing::debug!(%peer, "TLS handshake timed out.");
                                    return;
                                }
                            };
                            watcher.watch(http.serve_connection(TokioIo::new(tls), service)).await
                        }
                    };
                    if let Err(e) = result {
                        tracing::debug!(%peer, error = %e, "Connection ended with an error.");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
}

#[cfg(test)]
mod tests;
