//! Where a route forwards to: upstream URLs, forward-proxy targets, and joining a request's path under an upstream's base path.

use crate::pool::Key;
use http::Uri;
use http::header::HeaderValue;
use http::uri::{PathAndQuery, Scheme};
use std::collections::BTreeMap;
use std::sync::Arc;

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
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UpstreamError(pub String);

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

/// Where one request goes: the upstream and path, the service it is recorded under, and the
/// `Host` to send (`None`: the client's).
pub(crate) struct Resolved {
    pub(crate) key: Key,
    pub(crate) pq: PathAndQuery,
    pub(crate) service: Arc<str>,
    pub(crate) host: Option<HeaderValue>,
}

/// An upstream's scheme, authority and `Host`, parsed once for every request.
#[derive(Debug)]
pub(crate) struct UpstreamParts {
    pub(crate) key: Key,
    pub(crate) host: Option<HeaderValue>,
}

impl UpstreamParts {
    pub(crate) fn new(up: &Upstream) -> Option<UpstreamParts> {
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
pub(crate) fn has_dot_segment(path: &str) -> bool {
    path.split('/').any(|seg| {
        let lower = seg.to_ascii_lowercase();
        let decoded = lower.replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

pub(crate) fn join_path(base: &str, uri: &Uri) -> Option<PathAndQuery> {
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
