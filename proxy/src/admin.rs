//! The admin endpoints: `/healthz`, `/readyz`, `/metrics` (Prometheus text), `/contracts`
//! and `/contracts/{service}` (the current snapshot, as `mockdrift contracts export` writes
//! it), through an injected read handle on the recorder, and `/changes?since=ID` (the
//! contract changes found, [`crate::changes`]). Optional bearer token.

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use mockdrift_contracts::{RecorderHandle, Snapshot};
use tokio::net::TcpListener;

use crate::tap::{QueueGauge, Stats};

/// The env var holding the admin bearer token (never given on the command line).
pub const ADMIN_TOKEN_ENV: &str = "MOCKDRIFT_ADMIN_TOKEN";

/// How long an admin client has for its TLS handshake.
const ADMIN_HANDSHAKE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long `/contracts` waits for the recorder's early flush before it answers with the
/// contracts of the last one.
const REFRESH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Recorder health, set by whoever drives the recorder.
#[derive(Debug, Default)]
pub struct Health {
    degraded: Mutex<Option<String>>,
    /// Successful flushes.
    pub flushes: AtomicU64,
    /// Failed flushes.
    pub flush_errors: AtomicU64,
    /// Duration of the last flush, in microseconds.
    pub last_flush_micros: AtomicU64,
    /// Exchanges the recorder has merged into contracts (and told the sampler about).
    pub processed: AtomicU64,
    /// Changes held in memory that no store has taken yet (as of the last flush attempt).
    pub unflushed: AtomicU64,
    /// Flush attempts so far: each one publishes the contracts to read handles.
    pub published: AtomicU64,
    /// Rung by `/contracts` for contracts as of now: the recorder flushes early.
    pub refresh: tokio::sync::Notify,
    /// Rung by the recorder after each flush attempt.
    pub flushed: tokio::sync::Notify,
    /// Whether a recorder loop runs (and so answers `refresh`).
    pub recording: std::sync::atomic::AtomicBool,
    /// Whether the contracts are published to object storage (`--publish`).
    pub publishing: std::sync::atomic::AtomicBool,
    /// Publish attempts that wrote every changed snapshot.
    pub publishes: AtomicU64,
    /// Publish attempts that failed or ran out of time.
    pub publish_errors: AtomicU64,
    /// When the last publish succeeded (Unix milliseconds; 0 before the first).
    pub last_publish_millis: AtomicU64,
    /// Why the last publish attempt failed, while the failure lasts.
    publish_failure: Mutex<Option<String>>,
    /// Contract changes the recorder found.
    pub changes: crate::changes::ChangeLog,
}

impl Health {
    /// Marks the recorder degraded (the store failed), with the reason; `None` clears it.
    pub fn set_degraded(&self, reason: Option<String>) {
        if let Ok(mut d) = self.degraded.lock() {
            *d = reason;
        }
    }

    /// The reason the recorder is degraded, if it is.
    pub fn degraded(&self) -> Option<String> {
        self.degraded.lock().ok().and_then(|d| d.clone())
    }

    /// Records a publish attempt: `None` when it succeeded, else why it failed.
    pub fn published_to_storage(&self, failure: Option<String>, now_millis: u64) {
        // The failure is set before the counters move: whoever sees a count sees its state.
        let failed = failure.is_some();
        if let Ok(mut f) = self.publish_failure.lock() {
            *f = failure;
        }
        if failed {
            self.publish_errors.fetch_add(1, Ordering::Relaxed);
        } else {
            self.last_publish_millis.store(now_millis, Ordering::Relaxed);
            self.publishes.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Why publishing fails, while it does.
    pub fn publish_failure(&self) -> Option<String> {
        self.publish_failure.lock().ok().and_then(|f| f.clone())
    }

    /// What `/readyz` says after `ready`: the degraded store, and whether publishing fails
    /// (without the object store's words, which name the bucket: `/readyz` needs no token;
    /// the reason is in the log).
    fn troubles(&self) -> String {
        let mut s = String::new();
        if let Some(reason) = self.degraded() {
            s.push_str(&format!("; degraded: {reason}"));
        }
        if self.publish_failure().is_some() {
            s.push_str("; publishing fails (the reason is in the log)");
        }
        s
    }

    /// Asks the recorder for a flush now (so that reads see every exchange it has taken) and
    /// waits for one, at most `wait`; whether one happened.
    pub async fn refreshed(&self, wait: std::time::Duration) -> bool {
        if !self.recording.load(Ordering::Acquire) {
            return false;
        }
        let before = self.published.load(Ordering::Acquire);
        let flushed = self.flushed.notified();
        tokio::pin!(flushed);
        flushed.as_mut().enable();
        self.refresh.notify_one();
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if self.published.load(Ordering::Acquire) != before {
                return true;
            }
            if tokio::time::timeout_at(deadline, flushed.as_mut()).await.is_err() {
                return false;
            }
            flushed.set(self.flushed.notified());
            flushed.as_mut().enable();
        }
    }

    /// Said by the recorder after each flush attempt (the contracts are published).
    pub fn after_flush(&self) {
        self.published.fetch_add(1, Ordering::Release);
        self.flushed.notify_waiters();
    }
}

/// What the admin server reads.
#[derive(Clone, Debug)]
pub struct Admin {
    /// Each route's name and counters.
    pub routes: Vec<(String, Arc<Stats>)>,
    /// What waits for the recorder.
    pub queue: QueueGauge,
    /// Recorder health.
    pub health: Arc<Health>,
    /// The recorder's read handle (contracts as of the last flush).
    pub contracts: RecorderHandle,
    /// Bearer token required on every endpoint but `/healthz` and `/readyz`, if set.
    pub token: Option<String>,
}

fn text(status: StatusCode, content_type: &'static str, body: String) -> Response<Full<Bytes>> {
    let mut rsp = Response::new(Full::new(Bytes::from(body)));
    *rsp.status_mut() = status;
    rsp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    rsp
}

/// Prometheus label value escaping (backslash, quote, newline).
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// One of a route's counters.
type Field = fn(&Stats) -> &AtomicU64;

fn metrics(a: &Admin) -> String {
    use std::fmt::Write as _;
    let h = &a.health;
    let snap = a.contracts.snapshot();
    let mut out = String::new();
    let per_route: [(&str, &str, Field); 11] = [
        ("mockdrift_requests_total", "Requests proxied.", |s| &s.requests),
        ("mockdrift_request_bytes_total", "Request body bytes forwarded upstream.", |s| &s.request_bytes),
        ("mockdrift_response_bytes_total", "Response body bytes forwarded to clients.", |s| &s.response_bytes),
        ("mockdrift_recorded_total", "Exchanges handed to the recorder.", |s| &s.recorded),
        ("mockdrift_dropped_total", "Exchange copies dropped because the recording queue was full.", |s| &s.dropped),
        (
            "mockdrift_unrecorded_total",
            "Exchanges not recorded by choice (record filters, sampling, protocol switches).",
            |s| &s.unrecorded,
        ),
        (
            "mockdrift_sampled_down_total",
            "Exchanges only counted because their endpoint's contract had stopped changing.",
            |s| &s.sampled_down,
        ),
        ("mockdrift_upstream_errors_total", "Upstream failures answered with 502 or 504.", |s| &s.upstream_errors),
        ("mockdrift_tunnels_total", "CONNECT tunnels and protocol switches passed through.", |s| &s.tunnels),
        (
            "mockdrift_upstream_connections_total",
            "Connections opened to upstreams (kept alive and pooled between requests).",
            |s| &s.upstream_connections,
        ),
        (
            "mockdrift_upstream_retries_total",
            "Requests sent again on another connection: the upstream closed or refused them unprocessed.",
            |s| &s.upstream_retries,
        ),
    ];
    for (name, help, field) in per_route {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
        for (route, stats) in &a.routes {
            let _ = writeln!(out, "{name}{{route=\"{}\"}} {}", label(route), field(stats).load(Ordering::Relaxed));
        }
    }
    let mut counter = |name: &str, help: &str, v: u64| counter_line(&mut out, name, help, v);
    counter(
        "mockdrift_recorder_processed_total",
        "Exchanges the recorder has merged into contracts (the rest of mockdrift_recorded_total waits in the queue).",
        h.processed.load(Ordering::Relaxed),
    );
    counter("mockdrift_flushes_total", "Successful flushes to the store.", h.flushes.load(Ordering::Relaxed));
    counter("mockdrift_flush_errors_total", "Failed flushes to the store.", h.flush_errors.load(Ordering::Relaxed));
    let mut gauge = |name: &str, help: &str, v: String| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
    };
    gauge(
        "mockdrift_last_flush_seconds",
        "Duration of the last flush.",
        (h.last_flush_micros.load(Ordering::Relaxed) as f64 / 1e6).to_string(),
    );
    gauge(
        "mockdrift_queue_bytes",
        "Bytes of recorded exchanges waiting for the recorder.",
        a.queue.queued_bytes().to_string(),
    );
    gauge("mockdrift_queue_capacity_bytes", "The recording queue's byte budget.", a.queue.capacity().to_string());
    gauge(
        "mockdrift_settled_slots",
        "Endpoint slots sampled down because their contracts stopped changing.",
        a.queue.settled_slots().to_string(),
    );
    gauge("mockdrift_degraded", "1 while the contract store is failing.", u8::from(h.degraded().is_some()).to_string());
    gauge(
        "mockdrift_unflushed_contracts",
        "Contract changes held in memory that the store has not taken (it failed, or could not be opened).",
        h.unflushed.load(Ordering::Relaxed).to_string(),
    );
    if h.publishing.load(Ordering::Relaxed) {
        counter_line(
            &mut out,
            "mockdrift_publishes_total",
            "Publishes to object storage that wrote every changed snapshot.",
            h.publishes.load(Ordering::Relaxed),
        );
        counter_line(
            &mut out,
            "mockdrift_publish_errors_total",
            "Publishes to object storage that failed or ran out of time (the next interval tries again).",
            h.publish_errors.load(Ordering::Relaxed),
        );
        let _ = writeln!(
            out,
            "# HELP mockdrift_last_publish_timestamp_seconds When the last publish succeeded (0: none yet).\n\
             # TYPE mockdrift_last_publish_timestamp_seconds gauge\nmockdrift_last_publish_timestamp_seconds {}",
            h.last_publish_millis.load(Ordering::Relaxed) as f64 / 1e3
        );
    }
    out.push_str(
        "# HELP mockdrift_contract_changes_total Changes of settled endpoints' contracts found in the traffic.\n\
         # TYPE mockdrift_contract_changes_total counter\n",
    );
    for ((service, kind), n) in h.changes.counts() {
        let _ = writeln!(
            out,
            "mockdrift_contract_changes_total{{service=\"{}\",kind=\"{}\"}} {n}",
            label(&service),
            kind.name()
        );
    }
    for (name, help, v) in [
        (
            "mockdrift_change_notifications_total",
            "Change notifications delivered (one per batch and webhook).",
            &h.changes.notifications,
        ),
        (
            "mockdrift_change_notification_errors_total",
            "Change notifications that failed after every retry.",
            &h.changes.notification_errors,
        ),
        (
            "mockdrift_change_notifications_dropped_total",
            "Changes not notified because the webhook queue was full.",
            &h.changes.notification_dropped,
        ),
    ] {
        counter_line(&mut out, name, help, v.load(Ordering::Relaxed));
    }
    out.push_str(
        "# HELP mockdrift_contracts Endpoint contracts as of the last flush.\n# TYPE mockdrift_contracts gauge\n",
    );
    let mut per_service: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for k in snap.contracts.keys() {
        *per_service.entry(k.service.as_str()).or_default() += 1;
    }
    for (svc, n) in per_service {
        let _ = writeln!(out, "mockdrift_contracts{{service=\"{}\"}} {n}", label(svc));
    }
    out
}

fn counter_line(out: &mut String, name: &str, help: &str, v: u64) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}");
}

/// The `since` of `/changes?since=ID` (0 without one).
fn since(query: &str) -> Result<u64, String> {
    for pair in query.split('&') {
        if let Some(v) = pair.strip_prefix("since=") {
            return v.parse().map_err(|_| format!("since={v}: not a change ID (a number; 0 for every change kept)"));
        }
    }
    Ok(0)
}

fn authorized(a: &Admin, req: &Request<Incoming>) -> bool {
    let Some(token) = &a.token else { return true };
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| t.trim() == token)
}

async fn handle(a: Arc<Admin>, req: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = req.uri().path().to_owned();
    if req.method() != http::Method::GET {
        return Ok(text(StatusCode::METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "GET only\n".to_owned()));
    }
    let rsp = match path.as_str() {
        "/healthz" => match a.health.degraded() {
            None => text(StatusCode::OK, "text/plain; charset=utf-8", "ok\n".to_owned()),
            // Degraded still answers 200: traffic flows, only recording is affected.
            Some(reason) => text(StatusCode::OK, "text/plain; charset=utf-8", format!("degraded: {reason}\n")),
        },
        // Ready to forward, whatever the store or the object storage: the proxy is fail-open.
        "/readyz" => text(StatusCode::OK, "text/plain; charset=utf-8", format!("ready{}\n", a.health.troubles())),
        _ if !authorized(&a, &req) => {
            let mut r =
                text(StatusCode::UNAUTHORIZED, "text/plain; charset=utf-8", "a bearer token is required\n".to_owned());
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            r
        }
        "/metrics" => text(StatusCode::OK, "text/plain; version=0.0.4", metrics(&a)),
        "/changes" => match since(req.uri().query().unwrap_or("")) {
            Ok(id) => {
                let (changes, next) = a.health.changes.since(id);
                let body = serde_json::json!({"changes": changes, "next": next});
                text(StatusCode::OK, "application/json", body.to_string() + "\n")
            }
            Err(reason) => text(StatusCode::BAD_REQUEST, "text/plain; charset=utf-8", format!("{reason}\n")),
        },
        "/contracts" => {
            // As of now, not as of the last flush: a diff right after traffic sees it.
            a.health.refreshed(REFRESH_WAIT).await;
            text(StatusCode::OK, "application/json", a.contracts.snapshot().to_json())
        }
        p if p.starts_with("/contracts/") => {
            a.health.refreshed(REFRESH_WAIT).await;
            let service = &p["/contracts/".len()..];
            let all = a.contracts.snapshot();
            let one = Snapshot {
                sources: all.sources.clone(),
                contracts: all
                    .contracts
                    .iter()
                    .filter(|(k, _)| k.service == service)
                    .map(|(k, c)| (k.clone(), c.clone()))
                    .collect(),
            };
            if one.contracts.is_empty() {
                text(
                    StatusCode::NOT_FOUND,
                    "text/plain; charset=utf-8",
                    format!("no contracts recorded for {service}\n"),
                )
            } else {
                text(StatusCode::OK, "application/json", one.to_json())
            }
        }
        _ => text(StatusCode::NOT_FOUND, "text/plain; charset=utf-8", "not found\n".to_owned()),
    };
    Ok(rsp)
}

/// Serves the admin endpoints until `shutdown` resolves: plain HTTP, or TLS with `tls`
/// (`--admin-tls-cert`, `--admin-tls-key`); HTTP/1.1 or HTTP/2.
pub async fn serve_admin(
    listener: TcpListener,
    admin: Arc<Admin>,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: impl Future<Output = ()>,
) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else { continue };
                let admin = Arc::clone(&admin);
                let tls = tls.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| handle(Arc::clone(&admin), req));
                    let http = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
                    let _ = match tls {
                        None => http.serve_connection(TokioIo::new(stream), svc).await,
                        Some(config) => {
                            let acceptor = tokio_rustls::TlsAcceptor::from(config);
                            match tokio::time::timeout(ADMIN_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                                Ok(Ok(tls)) => http.serve_connection(TokioIo::new(tls), svc).await,
                                Ok(Err(e)) => {
                                    tracing::debug!(%peer, error = %e, "Admin TLS handshake failed.");
                                    return;
                                }
                                Err(_) => return,
                            }
                        }
                    };
                });
            }
            () = &mut shutdown => break,
        }
    }
}
