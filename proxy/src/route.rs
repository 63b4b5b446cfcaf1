//! A route: one named upstream service and how its traffic is forwarded and recorded.

use crate::pool::{Key, Pool};
use http::StatusCode;
use http::header::{self, HeaderValue};
use http::uri::Scheme;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::tap::{Stats, Tap};
use crate::upstream::{Resolved, Target, Upstream, UpstreamParts, has_dot_segment, join_path};
use crate::{guard, tls};

/// One named upstream service (or, for a forward proxy, all the upstreams its clients use).
#[derive(Debug)]
pub struct Route {
    /// The service name recorded exchanges carry (a forward proxy's listener name).
    pub(crate) name: String,
    /// Where requests go (fixed at construction: the upstream's parts are parsed once).
    pub(crate) target: Target,
    /// Keep the client's `Host` instead of the upstream's authority.
    pub(crate) preserve_host: bool,
    /// Bytes of each body copied for recording.
    pub(crate) max_record_bytes: usize,
    /// Time to wait for the upstream's response head, and between two reads of its body.
    pub(crate) response_timeout: Duration,
    /// Time to wait for a TCP connection (the upstream pool's, and a `CONNECT` tunnel's).
    pub(crate) connect_timeout: Duration,
    /// Fraction of exchanges recorded (0 to 1); the others are forwarded without a tee.
    pub(crate) sample: f64,
    /// Which exchanges may be recorded at all, by method and path prefix.
    pub(crate) filter: RecordFilter,
    /// Serve the listener with TLS (`--tls-cert`, `--tls-key`; see [`tls::server_config`]).
    pub(crate) tls_server: Option<Arc<rustls::ServerConfig>>,
    /// Add `X-Forwarded-For`, `-Proto` and `-Host` to requests (off: the proxy adds no header).
    pub(crate) add_x_forwarded: bool,
    /// Add `Via` to requests and responses.
    pub(crate) add_via: bool,
    /// Header-read and idle timeouts for its clients, and the cap on their connections.
    pub(crate) clients: guard::ClientLimits,
    /// This route's counters.
    pub(crate) stats: Arc<Stats>,
    pub(crate) sampled: std::sync::atomic::AtomicU64,
    pub(crate) service: Arc<str>,
    pub(crate) upstream: Option<UpstreamParts>,
    pub(crate) pool: Pool,
    pub(crate) tap: Tap,
    /// Upstream failures are logged at WARN at most once per interval (with how many were not).
    pub(crate) upstream_warnings: WarnEvery,
}

/// Lets a warning through at most once per interval, counting the ones held back: a
/// refusing upstream at a thousand requests a second is one line every ten seconds, not a
/// thousand.
#[derive(Debug)]
pub(crate) struct WarnEvery {
    start: std::time::Instant,
    every: Duration,
    /// Milliseconds after `start` of the last warning let through (`u64::MAX`: none yet).
    last: std::sync::atomic::AtomicU64,
    held: std::sync::atomic::AtomicU64,
}

impl WarnEvery {
    pub(crate) fn new(every: Duration) -> WarnEvery {
        WarnEvery {
            start: std::time::Instant::now(),
            every,
            last: std::sync::atomic::AtomicU64::new(u64::MAX),
            held: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Whether to log a warning now (`at`: now); if so, how many were held back since the
    /// last one.
    pub(crate) fn allow(&self, at: std::time::Instant) -> Option<u64> {
        let now = at.saturating_duration_since(self.start).as_millis() as u64;
        let last = self.last.load(Ordering::Relaxed);
        let due = last == u64::MAX || now.saturating_sub(last) >= self.every.as_millis() as u64;
        if due && self.last.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
            return Some(self.held.swap(0, Ordering::Relaxed));
        }
        self.held.fetch_add(1, Ordering::Relaxed);
        None
    }
}

/// Builds a [`Route`]: its name, target and tap, then only the options that differ from
/// their defaults, each named.
///
/// ```
/// # use mockdrift_proxy::{Route, Target, Upstream, tap::Tap};
/// # let (tap, _exchanges) = Tap::new(1 << 16);
/// let route = Route::builder("payments", Target::Upstream(Upstream::parse("http://127.0.0.1:9")?), tap)
///     .sample(0.5)
///     .add_via(true)
///     .build()?;
/// assert_eq!(route.name(), "payments");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct RouteBuilder {
    name: String,
    target: Target,
    tap: Tap,
    upstream_tls: Option<rustls::ClientConfig>,
    connect_timeout: Duration,
    preserve_host: bool,
    max_record_bytes: usize,
    response_timeout: Duration,
    sample: f64,
    filter: RecordFilter,
    tls_server: Option<Arc<rustls::ServerConfig>>,
    add_x_forwarded: bool,
    add_via: bool,
    clients: guard::ClientLimits,
}

impl RouteBuilder {
    /// TLS to the upstream (see [`tls::client_config`]); by default an `https://` upstream is
    /// verified against the system's roots.
    pub fn upstream_tls(mut self, tls: rustls::ClientConfig) -> Self {
        self.upstream_tls = Some(tls);
        self
    }

    /// Time to wait for a TCP connection to the upstream (default 5 s).
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// Time to wait for the upstream's response head, and between two reads of its body
    /// (default 60 s).
    pub fn response_timeout(mut self, t: Duration) -> Self {
        self.response_timeout = t;
        self
    }

    /// Keep the client's `Host` instead of the upstream's authority (default off).
    pub fn preserve_host(mut self, on: bool) -> Self {
        self.preserve_host = on;
        self
    }

    /// Bytes of each body copied for recording (default 1 MiB).
    pub fn max_record_bytes(mut self, n: usize) -> Self {
        self.max_record_bytes = n;
        self
    }

    /// Fraction of exchanges recorded, 0 to 1 (default 1).
    pub fn sample(mut self, share: f64) -> Self {
        self.sample = share;
        self
    }

    /// Which exchanges may be recorded at all (default all).
    pub fn filter(mut self, filter: RecordFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Serve the listener with TLS (see [`tls::server_config`]; default plain HTTP).
    pub fn tls_server(mut self, config: Option<Arc<rustls::ServerConfig>>) -> Self {
        self.tls_server = config;
        self
    }

    /// Add `X-Forwarded-For`, `-Proto` and `-Host` to requests (default off).
    pub fn add_x_forwarded(mut self, on: bool) -> Self {
        self.add_x_forwarded = on;
        self
    }

    /// Add `Via` to requests and responses (default off).
    pub fn add_via(mut self, on: bool) -> Self {
        self.add_via = on;
        self
    }

    /// Header-read and idle timeouts for clients, and the cap on their connections.
    pub fn clients(mut self, limits: guard::ClientLimits) -> Self {
        self.clients = limits;
        self
    }

    /// The route, with its own connection pool to the upstream.
    pub fn build(self) -> Result<Route, tls::TlsError> {
        let tls = match self.upstream_tls {
            Some(tls) => tls,
            None if matches!(&self.target, Target::Upstream(u) if u.tls) => {
                tls::client_config(&tls::UpstreamTls::default())?
            }
            None => tls::no_upstream_tls(),
        };
        let h2c = matches!(&self.target, Target::Upstream(u) if u.h2c);
        let upstream = match &self.target {
            Target::Upstream(up) => UpstreamParts::new(up),
            Target::Forward(_) => None,
        };
        let connector = tls::https_connector(tls, self.connect_timeout);
        Ok(Route {
            service: Arc::from(self.name.as_str()),
            name: self.name,
            target: self.target,
            preserve_host: self.preserve_host,
            max_record_bytes: self.max_record_bytes,
            response_timeout: self.response_timeout,
            connect_timeout: self.connect_timeout,
            sample: self.sample,
            filter: self.filter,
            tls_server: self.tls_server,
            add_x_forwarded: self.add_x_forwarded,
            add_via: self.add_via,
            clients: self.clients,
            stats: Arc::default(),
            sampled: std::sync::atomic::AtomicU64::new(0),
            upstream,
            pool: Pool::new(connector, h2c, Duration::from_secs(60)),
            tap: self.tap,
            upstream_warnings: WarnEvery::new(Duration::from_secs(10)),
        })
    }
}

impl Route {
    /// Where requests go.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The service name recorded exchanges carry.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// This route's counters.
    pub fn stats(&self) -> &Arc<Stats> {
        &self.stats
    }

    /// A route to `upstream` with the default options; an `https://` upstream is verified
    /// against the system's roots.
    pub fn new(name: &str, upstream: Upstream, tap: Tap) -> Result<Route, tls::TlsError> {
        Route::builder(name, Target::Upstream(upstream), tap).build()
    }

    /// A route to build, with the defaults: see [`RouteBuilder`].
    pub fn builder(name: &str, target: Target, tap: Tap) -> RouteBuilder {
        RouteBuilder {
            name: name.to_owned(),
            target,
            tap,
            upstream_tls: None,
            connect_timeout: Duration::from_secs(5),
            preserve_host: false,
            max_record_bytes: 1 << 20,
            response_timeout: Duration::from_secs(60),
            sample: 1.0,
            filter: RecordFilter::default(),
            tls_server: None,
            add_x_forwarded: false,
            add_via: false,
            clients: guard::ClientLimits::default(),
        }
    }

    /// A route whose upstream TLS connections use `tls`, giving up on a TCP connection after
    /// `connect_timeout`. HTTP/2 is offered to TLS upstreams over ALPN; an `h2c://` upstream
    /// gets HTTP/2 only.
    #[cfg(test)]
    pub(crate) fn with_tls(
        name: &str,
        target: Target,
        tap: Tap,
        tls: rustls::ClientConfig,
        connect_timeout: Duration,
    ) -> Route {
        let built = Route::builder(name, target, tap).upstream_tls(tls).connect_timeout(connect_timeout).build();
        built.expect("no TLS to set up: it is given")
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

/// A record filter rule that does not parse, named with the reason.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RecordFilterError(pub String);

impl RecordFilter {
    /// Parses the rules; an error names the bad rule.
    pub fn parse(only: &[String], skip: &[String]) -> Result<RecordFilter, RecordFilterError> {
        let rule = |r: &String| -> Result<(Option<String>, String), RecordFilterError> {
            let (method, prefix) = match r.trim().split_once(' ') {
                Some((m, p)) => (Some(m.trim().to_ascii_uppercase()), p.trim()),
                None => (None, r.trim()),
            };
            if !prefix.starts_with('/') {
                return Err(RecordFilterError(format!(
                    "{r:?}: expected [METHOD ]/PATH_PREFIX, e.g. \"/health\" or \"GET /v1/\""
                )));
            }
            if method.as_ref().is_some_and(|m| m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic())) {
                return Err(RecordFilterError(format!("{r:?}: the method must be letters, e.g. GET")));
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
    pub(crate) fn record_this(&self, method: &str, path: &str) -> bool {
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

impl Route {
    pub(crate) fn resolve(&self, parts: &http::request::Parts) -> Result<Resolved, (StatusCode, String)> {
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

#[cfg(test)]
mod warn_tests {
    use super::*;

    #[test]
    fn warnings_pass_once_per_interval_and_count_the_ones_held_back() {
        let w = WarnEvery::new(Duration::from_secs(10));
        let t0 = w.start;
        assert_eq!(w.allow(t0), Some(0), "the first passes");
        assert_eq!(w.allow(t0 + Duration::from_secs(1)), None);
        assert_eq!(w.allow(t0 + Duration::from_secs(9)), None);
        assert_eq!(w.allow(t0 + Duration::from_secs(10)), Some(2), "two were held back");
        assert_eq!(w.allow(t0 + Duration::from_secs(11)), None);
        assert_eq!(w.allow(t0 + Duration::from_secs(25)), Some(1));
    }
}
