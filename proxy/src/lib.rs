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
//! HTTP/1.1 and HTTP/2 to clients and upstreams, with TLS on either side ([`tls`]); a route
//! is a reverse proxy to one upstream or a forward proxy ([`Target`]). Upstream connections
//! are kept alive and pooled per route (`pool`).
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::print_stdout))]

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::uri::{PathAndQuery, Scheme};
use http::{Method, Request, Response, StatusCode, Uri, Version};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use mockdrift_contracts::Ts;
use tokio::net::{TcpListener, TcpStream};

pub mod admin;
mod capture;
pub mod guard;
mod pool;
pub mod recording;
pub mod stable;
pub mod tap;
mod tee;
pub mod tls;

pub use rustls;

use crate::capture::Capture;
use crate::pool::{Key, Pool, UpstreamBody};
use crate::stable::StableSampler;
pub use crate::tap::Stats;
use crate::tap::{Pending, Tap};
use crate::tee::{Counted, Direction, Finish, TeeBody};

/// Errors inside the proxy's bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
type ProxyBody = BoxBody<Bytes, BoxError>;

/// Where a route forwards to: `http[s]://host[:port][/base/path]`, or `h2c://…` for a plain
/// upstream that speaks HTTP/2 with prior knowledge (as Traefik spells it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// `https://`: connect with TLS, verifying the certificate for the host.
    pub tls: bool,
    /// `h2c://`: plain HTTP/2 with prior knowledge, no HTTP/1.1.
    pub h2c: bool,
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
    /// Parses `http://10.0.0.5:8080/api/v3`, `https://payments.internal:8443` or
    /// `h2c://10.0.0.5:50051`.
    pub fn parse(url: &str) -> Result<Upstream, UpstreamError> {
        let (tls, h2c, rest, port) = if let Some(rest) = url.strip_prefix("http://") {
            (false, false, rest, 80)
        } else if let Some(rest) = url.strip_prefix("https://") {
            (true, false, rest, 443)
        } else if let Some(rest) = url.strip_prefix("h2c://") {
            (false, true, rest, 80)
        } else {
            return Err(UpstreamError(format!("upstream {url:?}: must start with http://, https:// or h2c://")));
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
            h2c,
            authority: full,
            host_header: authority.to_owned(),
            base_path: if base.is_empty() { String::new() } else { format!("/{base}") },
        })
    }

    /// The URL as given, for logs.
    pub fn url(&self) -> String {
        let scheme = match (self.tls, self.h2c) {
            (true, _) => "https",
            (false, true) => "h2c",
            (false, false) => "http",
        };
        format!("{scheme}://{}{}", self.host_header, self.base_path)
    }
}

/// Where a route's requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A reverse proxy to one upstream: the app points its base URL at the listener.
    Upstream(Upstream),
    /// A forward proxy (`HTTP_PROXY`): each request names its upstream in absolute form, and
    /// the upstream's host names the service unless this map renames it. `CONNECT` tunnels
    /// are passed through opaque and counted, not recorded.
    Forward(BTreeMap<String, String>),
}

/// One named upstream service (or, for a forward proxy, all the upstreams its clients use).
#[derive(Debug)]
pub struct Route {
    /// The service name recorded exchanges carry (a forward proxy's listener name).
    pub name: String,
    /// Where requests go (fixed at construction: the upstream's parts are parsed once).
    target: Target,
    /// Keep the client's `Host` instead of the upstream's authority.
    pub preserve_host: bool,
    /// Bytes of each body copied for recording.
    pub max_record_bytes: usize,
    /// Time to wait for the upstream's response head, and between two reads of its body.
    pub response_timeout: Duration,
    /// Time to wait for a TCP connection (the upstream pool's, and a `CONNECT` tunnel's).
    connect_timeout: Duration,
    /// Fraction of exchanges recorded (0 to 1); the others are forwarded without a tee.
    pub sample: f64,
    /// Which exchanges may be recorded at all, by method and path prefix.
    pub filter: RecordFilter,
    /// Serve the listener with TLS (`--tls-cert`, `--tls-key`; see [`tls::server_config`]).
    pub tls_server: Option<Arc<rustls::ServerConfig>>,
    /// Add `X-Forwarded-For`, `-Proto` and `-Host` to requests (off: the proxy adds no header).
    pub add_x_forwarded: bool,
    /// Add `Via` to requests and responses.
    pub add_via: bool,
    /// Header-read and idle timeouts for its clients, and the cap on their connections.
    pub clients: guard::ClientLimits,
    /// This route's counters.
    pub stats: Arc<Stats>,
    sampled: std::sync::atomic::AtomicU64,
    service: Arc<str>,
    upstream: Option<UpstreamParts>,
    pool: Pool,
    tap: Tap,
}

impl Route {
    /// Where requests go.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// A route with its own connection pool to the upstream; an `https://` upstream is
    /// verified against the system's roots.
    pub fn new(name: &str, upstream: Upstream, tap: Tap) -> Result<Route, tls::TlsError> {
        let config =
            if upstream.tls { tls::client_config(&tls::UpstreamTls::default())? } else { tls::no_upstream_tls() };
        Ok(Route::with_tls(name, Target::Upstream(upstream), tap, config, Duration::from_secs(5)))
    }

    /// A route whose upstream TLS connections use `tls` (see [`tls::client_config`]), giving
    /// up on a TCP connection after `connect_timeout`. HTTP/2 is offered to TLS upstreams over
    /// ALPN; an `h2c://` upstream gets HTTP/2 only.
    pub fn with_tls(
        name: &str,
        target: Target,
        tap: Tap,
        tls: rustls::ClientConfig,
        connect_timeout: Duration,
    ) -> Route {
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        http.enforce_http(false);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(http);
        let h2c = matches!(&target, Target::Upstream(u) if u.h2c);
        let upstream = match &target {
            Target::Upstream(up) => UpstreamParts::new(up),
            Target::Forward(_) => None,
        };
        let pool = Pool::new(connector, h2c, Duration::from_secs(60));
        Route {
            name: name.to_owned(),
            target,
            preserve_host: false,
            max_record_bytes: 1 << 20,
            response_timeout: Duration::from_secs(60),
            connect_timeout,
            sample: 1.0,
            filter: RecordFilter::default(),
            tls_server: None,
            add_x_forwarded: false,
            add_via: false,
            clients: guard::ClientLimits::default(),
            stats: Arc::default(),
            sampled: std::sync::atomic::AtomicU64::new(0),
            service: Arc::from(name),
            upstream,
            pool,
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

/// `Keep-Alive` and `Proxy-Connection`, which `http` has no constants for.
const KEEP_ALIVE: HeaderName = HeaderName::from_static("keep-alive");
const PROXY_CONNECTION: HeaderName = HeaderName::from_static("proxy-connection");

/// The headers that are hop-by-hop whatever `Connection` says (RFC 9110 §7.6.1), lowercase.
/// `Trailer` is end to end (§6.6.2): it declares the trailers that follow.
const HOP_BY_HOP: [&str; 6] = ["connection", "keep-alive", "proxy-connection", "te", "transfer-encoding", "upgrade"];

/// Which of [`HOP_BY_HOP`] a name (any case) is.
fn hop_by_hop(name: &str) -> Option<usize> {
    HOP_BY_HOP.iter().position(|h| h.eq_ignore_ascii_case(name))
}

/// Hop-by-hop headers (RFC 9110 §7.6.1), plus any named in `Connection`. `TE: trailers` is
/// kept on requests (end to end in meaning: gRPC needs it, and HTTP/1.1 servers only send
/// trailers to clients that ask), and so are `Connection: upgrade` and `Upgrade` when the
/// request asks to switch protocols.
///
/// On the hot path: most messages carry none of these, or only `Connection: keep-alive`, so
/// one pass over the names finds the ones present, only those are removed, and no name is
/// parsed unless `Connection` lists one of its own.
fn strip_hop_by_hop(headers: &mut HeaderMap, keep_upgrade: bool) {
    let mut present = [false; HOP_BY_HOP.len()];
    for name in headers.keys() {
        if let Some(i) = hop_by_hop(name.as_str()) {
            present[i] = true;
        }
    }
    let [connection, keep_alive, proxy_connection, te, transfer_encoding, upgrade] = present;
    if !present.contains(&true) {
        return;
    }
    let te_trailers = te
        && headers
            .get_all(header::TE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case("trailers"));
    let upgrades =
        (keep_upgrade && upgrade).then(|| headers.get_all(header::UPGRADE).iter().cloned().collect::<Vec<_>>());
    if connection {
        let named: Vec<HeaderName> = headers
            .get_all(header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|n| !n.is_empty() && hop_by_hop(n).is_none())
            .filter_map(|n| HeaderName::from_bytes(n.as_bytes()).ok())
            .collect();
        for h in named {
            headers.remove(h);
        }
        headers.remove(header::CONNECTION);
    }
    let fixed = [
        (keep_alive, KEEP_ALIVE),
        (proxy_connection, PROXY_CONNECTION),
        (te, header::TE),
        (transfer_encoding, header::TRANSFER_ENCODING),
        (upgrade, header::UPGRADE),
    ];
    for (_, h) in fixed.into_iter().filter(|(present, _)| *present) {
        headers.remove(h);
    }
    if te_trailers {
        headers.insert(header::TE, HeaderValue::from_static("trailers"));
    }
    if let Some(values) = upgrades.filter(|v| !v.is_empty()) {
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        for v in values {
            headers.append(header::UPGRADE, v);
        }
    }
}

/// `Via: 1.1 mockdrift` (RFC 9110 §7.6.3), naming the protocol the message was received with.
fn via(version: Version) -> HeaderValue {
    HeaderValue::from_static(match version {
        Version::HTTP_2 => "2 mockdrift",
        Version::HTTP_10 => "1.0 mockdrift",
        _ => "1.1 mockdrift",
    })
}

/// `X-Forwarded-For` (the client's address appended), `-Proto` and `-Host` (set when absent),
/// as nginx's `$proxy_add_x_forwarded_for` and friends give them.
fn x_forwarded(parts: &mut http::request::Parts, peer: SocketAddr, tls: bool) {
    let ip = peer.ip().to_string();
    let chain = match parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(prev) if !prev.trim().is_empty() => format!("{prev}, {ip}"),
        _ => ip,
    };
    if let Ok(v) = HeaderValue::from_str(&chain) {
        parts.headers.insert("x-forwarded-for", v);
    }
    if !parts.headers.contains_key("x-forwarded-proto") {
        let proto = HeaderValue::from_static(if tls { "https" } else { "http" });
        parts.headers.insert("x-forwarded-proto", proto);
    }
    let host = parts
        .headers
        .get(header::HOST)
        .cloned()
        .or_else(|| parts.uri.authority().and_then(|a| HeaderValue::from_str(a.as_str()).ok()));
    if let Some(host) = host.filter(|_| !parts.headers.contains_key("x-forwarded-host")) {
        parts.headers.insert("x-forwarded-host", host);
    }
}

/// An HTTP/1.1 request asking to switch protocols (`Connection: upgrade` with `Upgrade`).
fn wants_upgrade<B>(req: &Request<B>) -> bool {
    req.version() == Version::HTTP_11
        && req.headers().contains_key(header::UPGRADE)
        && req
            .headers()
            .get_all(header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case("upgrade"))
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

/// Where one request goes: the upstream and path, the service it is recorded under, and the
/// `Host` to send (`None`: the client's).
struct Resolved {
    key: Key,
    pq: PathAndQuery,
    service: Arc<str>,
    host: Option<HeaderValue>,
}

/// An upstream's scheme, authority and `Host`, parsed once for every request.
#[derive(Debug)]
struct UpstreamParts {
    key: Key,
    host: Option<HeaderValue>,
}

impl UpstreamParts {
    fn new(up: &Upstream) -> Option<UpstreamParts> {
        Some(UpstreamParts {
            key: Key {
                scheme: if up.tls { Scheme::HTTPS } else { Scheme::HTTP },
                authority: up.authority.parse().ok()?,
            },
            host: HeaderValue::from_str(&up.host_header).ok(),
        })
    }
}

/// `base` then the request's path and query. Without a base path, the request's own (already
/// parsed, reference-counted) path and query is reused.
/// Whether a path has a `.` or `..` segment, percent-encoded or not.
fn has_dot_segment(path: &str) -> bool {
    path.split('/').any(|seg| {
        let lower = seg.to_ascii_lowercase();
        let decoded = lower.replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

fn join_path(base: &str, uri: &Uri) -> Option<PathAndQuery> {
    match uri.path_and_query() {
        Some(pq) if base.is_empty() && pq.as_str().starts_with('/') => Some(pq.clone()),
        _ => {
            let path = uri.path();
            if !path.starts_with('/') {
                return None;
            }
            let joined = match uri.query() {
                Some(q) => format!("{base}{path}?{q}"),
                None => format!("{base}{path}"),
            };
            PathAndQuery::try_from(joined).ok()
        }
    }
}

impl Route {
    fn resolve(&self, parts: &http::request::Parts) -> Result<Resolved, (StatusCode, String)> {
        let bad_target = || (StatusCode::BAD_REQUEST, "mockdrift: cannot forward this request target\n".to_owned());
        match &self.target {
            Target::Upstream(up) => {
                let to = self.upstream.as_ref().ok_or_else(bad_target)?;
                if !up.base_path.is_empty() && has_dot_segment(parts.uri.path()) {
                    // `/api/v3/../../admin` would leave the base path the route confines
                    // clients to.
                    return Err((
                        StatusCode::BAD_REQUEST,
                        "mockdrift: a path with `.` or `..` segments is not forwarded under the upstream's base path\n"
                            .to_owned(),
                    ));
                }
                let pq = join_path(&up.base_path, &parts.uri).ok_or_else(bad_target)?;
                let host = if !self.preserve_host {
                    to.host.clone()
                } else if parts.headers.contains_key(header::HOST) {
                    None
                } else {
                    // An HTTP/2 client names the host in `:authority`, not `Host`.
                    parts.uri.authority().and_then(|a| HeaderValue::from_str(a.as_str()).ok())
                };
                Ok(Resolved { key: to.key.clone(), pq, service: Arc::clone(&self.service), host })
            }
            Target::Forward(names) => {
                let (Some(scheme), Some(authority)) = (parts.uri.scheme(), parts.uri.authority()) else {
                    return Err((
                        StatusCode::BAD_REQUEST,
                        "mockdrift: a forward proxy needs absolute-form requests (http://host/path); set HTTP_PROXY\n"
                            .to_owned(),
                    ));
                };
                if *scheme != Scheme::HTTP && *scheme != Scheme::HTTPS {
                    return Err(bad_target());
                }
                let pq = join_path("", &parts.uri).ok_or_else(bad_target)?;
                let host = authority.host();
                let service = names.get(host).or_else(|| names.get(authority.as_str())).map_or(host, String::as_str);
                let key = Key { scheme: scheme.clone(), authority: authority.clone() };
                Ok(Resolved { key, pq, service: Arc::from(service), host: None })
            }
        }
    }
}

/// Sends the request upstream; an upstream failure becomes the client's 502 or 504.
async fn forward(
    route: &Route,
    key: &Key,
    pq: PathAndQuery,
    req: Request<ProxyBody>,
) -> Result<Response<UpstreamBody>, Response<ProxyBody>> {
    let authority = &key.authority;
    match tokio::time::timeout(route.response_timeout, route.pool.send(&route.stats, key, pq, req)).await {
        Ok(Ok(rsp)) => Ok(rsp),
        Ok(Err(e)) => {
            route.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
            let reason = error_chain(&*e);
            tracing::debug!(upstream = %authority, error = %reason, "Upstream request failed.");
            Err(plain(StatusCode::BAD_GATEWAY, format!("mockdrift: upstream {authority} failed: {reason}\n")))
        }
        Err(_) => {
            route.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
            Err(plain(StatusCode::GATEWAY_TIMEOUT, format!("mockdrift: upstream {authority} timed out\n")))
        }
    }
}

/// A forward proxy's `CONNECT host:port`: connect, answer 200, then copy bytes both ways
/// until either side closes. The tunnel is opaque (TLS inside it is not ours to read), so it
/// is counted, never recorded.
async fn tunnel(route: &Route, req: Request<Incoming>) -> Response<ProxyBody> {
    let Some(authority) = req.uri().authority().map(|a| a.to_string()) else {
        return plain(StatusCode::BAD_REQUEST, "mockdrift: CONNECT needs host:port\n".to_owned());
    };
    let upstream = match tokio::time::timeout(route.connect_timeout, TcpStream::connect(&authority)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            route.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
            return plain(StatusCode::BAD_GATEWAY, format!("mockdrift: CONNECT {authority} failed: {e}\n"));
        }
        Err(_) => {
            route.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
            return plain(StatusCode::GATEWAY_TIMEOUT, format!("mockdrift: CONNECT {authority} timed out\n"));
        }
    };
    let _ = upstream.set_nodelay(true);
    route.stats.tunnels.fetch_add(1, Ordering::Relaxed);
    tokio::spawn(splice(hyper::upgrade::on(req), upstream));
    Response::new(Empty::new().map_err(|e| match e {}).boxed())
}

/// Copies bytes both ways between an upgraded client connection and `upstream`.
async fn splice<U>(client: hyper::upgrade::OnUpgrade, mut upstream: U)
where
    U: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    match client.await {
        Ok(upgraded) => {
            let mut client = TokioIo::new(upgraded);
            if let Err(e) = tokio::io::copy_bidirectional(&mut client, &mut upstream).await {
                tracing::debug!(error = %e, "Tunnel ended with an error.");
            }
        }
        Err(e) => tracing::debug!(error = %e, "The client's connection did not upgrade."),
    }
}

/// A `101 Switching Protocols` from the upstream: both connections are handed over and
/// joined byte for byte (WebSocket and the like pass through untouched, unrecorded).
fn switch_protocols(
    route: &Route,
    client: hyper::upgrade::OnUpgrade,
    mut rsp: Response<UpstreamBody>,
) -> Response<ProxyBody> {
    route.stats.tunnels.fetch_add(1, Ordering::Relaxed);
    let upstream = hyper::upgrade::on(&mut rsp);
    tokio::spawn(async move {
        match upstream.await {
            Ok(up) => splice(client, TokioIo::new(up)).await,
            Err(e) => tracing::debug!(error = %e, "The upstream's connection did not upgrade."),
        }
    });
    let (parts, _) = rsp.into_parts();
    Response::from_parts(parts, Empty::new().map_err(|e| match e {}).boxed())
}

/// Forwards one request. Only what recording needs is kept, and only for recorded exchanges:
/// the header maps (reference-counted values) and the tee's capped body copies; strings and
/// buffers are made later on the recorder's thread.
async fn handle(
    route: Arc<Route>,
    peer: SocketAddr,
    mut req: Request<Incoming>,
) -> Result<Response<ProxyBody>, Infallible> {
    let started = Instant::now();
    let stats = &route.stats;
    stats.requests.fetch_add(1, Ordering::Relaxed);
    if req.method() == Method::CONNECT {
        return Ok(match route.target {
            Target::Forward(_) => tunnel(&route, req).await,
            Target::Upstream(_) => plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "mockdrift: CONNECT needs a forward proxy (--forward)\n".to_owned(),
            ),
        });
    }
    let upgrade = wants_upgrade(&req).then(|| hyper::upgrade::on(&mut req));
    let (mut parts, body) = req.into_parts();
    let to = match route.resolve(&parts) {
        Ok(to) => to,
        Err((status, reason)) => return Ok(plain(status, reason)),
    };
    // What the client sent, before the proxy touches the headers: only when recording. A
    // protocol switch is passed through, not recorded.
    let (method, path) = (parts.method.as_str(), parts.uri.path());
    // A sampled-down exchange: counted once its status is known, or recorded after all (its
    // response only) if its slot has never recorded that status.
    let mut sampled = None;
    let admitted = if upgrade.is_none() && route.record_this(method, path) {
        let slot = StableSampler::slot(&to.service, method, path);
        let admission = route.tap.stable.admit(slot);
        if admission.is_none() {
            let query = parts.uri.query().unwrap_or("").to_owned();
            sampled = Some((slot, parts.method.clone(), path.to_owned(), query));
        }
        admission
    } else {
        stats.unrecorded.fetch_add(1, Ordering::Relaxed);
        None
    };
    let record = admitted.map(|admission| {
        let query = parts.uri.query().unwrap_or("").to_owned();
        (parts.headers.clone(), parts.uri.path().to_owned(), query, parts.method.clone(), admission)
    });
    strip_hop_by_hop(&mut parts.headers, upgrade.is_some());
    if matches!(route.target, Target::Forward(_)) {
        // Credentials for this proxy, never for the upstream.
        parts.headers.remove(header::PROXY_AUTHORIZATION);
    }
    if route.add_x_forwarded {
        x_forwarded(&mut parts, peer, route.tls_server.is_some());
    }
    if route.add_via {
        parts.headers.append(header::VIA, via(parts.version));
    }
    if let Some(host) = to.host {
        parts.headers.insert(header::HOST, host);
    }
    // The upstream connection's protocol (HTTP/1.1 or HTTP/2) is the pool's choice.
    parts.version = Version::HTTP_11;
    let request_bytes = Arc::clone(stats);
    let body = Counted::new(body, request_bytes, Direction::Request);
    let Some((request_headers, path, query, method, admission)) = record else {
        let rsp = match forward(&route, &to.key, to.pq, Request::from_parts(parts, body.boxed())).await {
            Ok(rsp) => rsp,
            Err(failure) => return Ok(failure),
        };
        if let Some((slot, method, path, query)) = sampled {
            let status = rsp.status().as_u16();
            match route.tap.stable.admit_unseen(slot, status) {
                None => {
                    stats.sampled_down.fetch_add(1, Ordering::Relaxed);
                    route.tap.stable.skip(slot, status);
                }
                Some(admission) => {
                    let (service, request) = (to.service, Arc::new(Mutex::new(Capture::default())));
                    let recorded = (HeaderMap::new(), path, query, method, admission);
                    return Ok(tee_response(&route, service, recorded, request, rsp, Ts::now(), started));
                }
            }
        }
        if let Some(client) = upgrade
            && rsp.status() == StatusCode::SWITCHING_PROTOCOLS
        {
            return Ok(switch_protocols(&route, client, rsp));
        }
        let (mut rp, rb) = rsp.into_parts();
        strip_hop_by_hop(&mut rp.headers, false);
        if route.add_via {
            rp.headers.append(header::VIA, via(rp.version));
        }
        let rb = Counted::new(rb, Arc::clone(stats), Direction::Response).idle_timeout(route.response_timeout);
        return Ok(Response::from_parts(rp, rb.boxed()));
    };
    let time = Ts::now();
    let request_capture = Arc::new(Mutex::new(Capture::default()));
    let tee = TeeBody::new(body, route.max_record_bytes, Arc::clone(&request_capture), None);
    let rsp = match forward(&route, &to.key, to.pq, Request::from_parts(parts, tee.boxed())).await {
        Ok(rsp) => rsp,
        Err(failure) => return Ok(failure),
    };
    Ok(tee_response(
        &route,
        to.service,
        (request_headers, path, query, method, admission),
        request_capture,
        rsp,
        time,
        started,
    ))
}

/// What is kept of a request to record its exchange: headers, path, query, method, admission.
type Recorded = (HeaderMap, String, String, Method, stable::Admission);

/// The response passed on to the client, its body copied for the recorder as it streams;
/// the exchange goes to the tap when the body ends.
fn tee_response(
    route: &Route,
    service: Arc<str>,
    (request_headers, path, query, method, admission): Recorded,
    request: Arc<Mutex<Capture>>,
    rsp: Response<UpstreamBody>,
    time: Ts,
    started: Instant,
) -> Response<ProxyBody> {
    let stats = &route.stats;
    let (mut rsp_parts, rsp_body) = rsp.into_parts();
    let pending = Pending {
        service,
        stats: Arc::clone(stats),
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
        admission,
    };
    strip_hop_by_hop(&mut rsp_parts.headers, false);
    if route.add_via {
        rsp_parts.headers.append(header::VIA, via(rsp_parts.version));
    }
    let finish = Finish { pending, request, tap: route.tap.clone(), started };
    let rsp_body = Counted::new(rsp_body, Arc::clone(stats), Direction::Response).idle_timeout(route.response_timeout);
    let tee = TeeBody::new(rsp_body, route.max_record_bytes, Arc::new(Mutex::new(Capture::default())), Some(finish));
    Response::from_parts(rsp_parts, tee.boxed())
}

/// How long a client has to finish the TLS handshake.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves a route on a bound listener until `shutdown` resolves, then stops accepting and
/// lets in-flight connections finish for up to `grace`.
pub async fn serve(listener: TcpListener, route: Arc<Route>, shutdown: impl Future<Output = ()>, grace: Duration) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    let mut at_cap = false;
    loop {
        // At the cap on client connections, stop accepting (new ones wait in the backlog).
        let permit = match &route.clients.connections {
            None => None,
            Some(cap) => match Arc::clone(cap).try_acquire_owned() {
                Ok(p) => {
                    at_cap = false;
                    Some(p)
                }
                Err(_) => {
                    if !at_cap {
                        at_cap = true;
                        tracing::warn!(
                            route = %route.name,
                            "Client connection limit reached (--max-connections); new connections wait until one closes."
                        );
                    }
                    tokio::select! {
                        p = Arc::clone(cap).acquire_owned() => p.ok(),
                        () = &mut shutdown => break,
                    }
                }
            },
        };
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let route = Arc::clone(&route);
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let _permit = permit;
                    let activity = guard::Activity::new();
                    let stream = guard::Watched::new(stream, Arc::clone(&activity));
                    let dog = guard::watchdog(Arc::clone(&activity), route.clients.clone());
                    let service = {
                        let route = Arc::clone(&route);
                        hyper::service::service_fn(move |req| {
                            let in_flight = activity.begin();
                            let rsp = handle(Arc::clone(&route), peer, req);
                            async move {
                                let rsp = rsp.await?;
                                Ok::<_, Infallible>(rsp.map(|b| InFlightBody { inner: b, _in_flight: in_flight }.boxed()))
                            }
                        })
                    };
                    // HTTP/1.1 or HTTP/2 (prior knowledge, or ALPN `h2` on TLS), told apart by
                    // the connection preface; protocol switches are passed through.
                    let mut http = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                    // No `Date` of the proxy's own: the client gets the upstream's headers.
                    http.http1().preserve_header_case(true).auto_date_header(false);
                    http.http2().auto_date_header(false);
                    let conn = async {
                        match &route.tls_server {
                            None => watcher.watch(http.serve_connection_with_upgrades(TokioIo::new(stream), service)).await,
                            Some(config) => {
                                let acceptor = tokio_rustls::TlsAcceptor::from(Arc::clone(config));
                                let handshake = tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await;
                                let tls = match handshake {
                                    Ok(Ok(tls)) => tls,
                                    Ok(Err(e)) => {
                                        tracing::debug!(%peer, error = %e, "TLS handshake failed.");
                                        return Ok(());
                                    }
                                    Err(_) => {
                                        tracing::debug!(%peer, "TLS handshake timed out.");
                                        return Ok(());
                                    }
                                };
                                watcher.watch(http.serve_connection_with_upgrades(TokioIo::new(tls), service)).await
                            }
                        }
                    };
                    tokio::select! {
                        result = conn => if let Err(e) = result {
                            tracing::debug!(%peer, error = %e, "Connection ended with an error.");
                        },
                        why = dog => tracing::debug!(%peer, reason = why, "Client connection closed by its timeout."),
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
}

/// A response body that keeps its request in flight (for the client timeouts) until it is
/// done or dropped.
struct InFlightBody {
    inner: ProxyBody,
    _in_flight: guard::InFlight,
}

impl hyper::body::Body for InFlightBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, BoxError>>> {
        std::pin::Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod test_pki;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wire_tests;
