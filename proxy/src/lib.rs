//! The mockdrift recording sidecar proxy.
//!
//! Each [`Route`] is a named upstream service with its own listener: the app points its base
//! URL at the listener, and [`serve`] forwards every request to the upstream, streaming both
//! bodies untouched (status, reason phrase, header values in order, body bytes), while a
//! [`tap::Tap`] hands a capped copy of each finished exchange to the recorder. Recording is
//! fail-open: a full queue drops the copy (counted), an upstream failure gives the client a
//! 502/504 with a short reason, and nothing waits for a whole body before forwarding.
//!
//! [`admin::serve_admin`] serves health, Prometheus metrics, the current contracts and the
//! contract changes found ([`changes`]).
//!
//! HTTP/1.1 and HTTP/2 to clients and upstreams, with TLS on either side ([`tls`]); a route
//! is a reverse proxy to one upstream or a forward proxy ([`Target`]). Upstream connections
//! are kept alive and pooled per route (`pool`).
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::print_stdout))]

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Response, StatusCode};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};

pub mod admin;
mod capture;
pub mod changes;
pub mod client;
pub mod guard;
mod headers;
mod pool;
pub mod recording;
mod route;
mod server;
mod service;
pub mod stable;
pub mod tap;
mod tee;
pub mod tls;
mod tunnel;
mod upstream;

pub use rustls;

pub use crate::route::{RecordFilter, RecordFilterError, Route, RouteBuilder};
pub use crate::server::serve;
pub use crate::tap::Stats;
pub use crate::upstream::{Target, Upstream, UpstreamError};

/// Errors inside the proxy's bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub(crate) type ProxyBody = BoxBody<Bytes, BoxError>;

/// A short plain-text answer of the proxy's own (a 400, 502 or 504 with its reason).
pub(crate) fn plain(status: StatusCode, text: String) -> Response<ProxyBody> {
    let mut rsp = Response::new(Full::new(Bytes::from(text)).map_err(|e| match e {}).boxed());
    *rsp.status_mut() = status;
    rsp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    rsp
}

/// An error and its causes, `: `-separated (a TLS failure is a cause of a connect error).
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
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

#[cfg(test)]
mod test_pki;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod wire_tests;
