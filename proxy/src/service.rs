//! The service: one request forwarded upstream, its response streamed back, a copy handed to the tap.

use crate::capture::Capture;
use crate::pool::{Key, UpstreamBody};
use crate::tee::{Counted, Direction, Finish, TeeBody};
use http::header::{self, HeaderMap};
use http::uri::PathAndQuery;
use http::{Method, Request, Response, StatusCode, Version};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use mockdrift_contracts::Ts;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::headers::{strip_hop_by_hop, via, wants_upgrade, x_forwarded};
use crate::route::Route;
use crate::stable::{self, StableSampler};
use crate::tap::Pending;
use crate::tunnel::{switch_protocols, tunnel};
use crate::upstream::Target;
use crate::{ProxyBody, error_chain, plain};

/// Sends the request upstream; an upstream failure becomes the client's 502 or 504.
pub(crate) async fn forward(
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
            if let Some(held) = route.upstream_warnings.allow(Instant::now()) {
                tracing::warn!(route = %route.name, upstream = %authority, error = %reason, more_since_last = held, "Upstream request failed: answered 502.");
            }
            Err(plain(StatusCode::BAD_GATEWAY, format!("mockdrift: upstream {authority} failed: {reason}\n")))
        }
        Err(_) => {
            route.stats.upstream_errors.fetch_add(1, Ordering::Relaxed);
            if let Some(held) = route.upstream_warnings.allow(Instant::now()) {
                let after = route.response_timeout;
                tracing::warn!(route = %route.name, upstream = %authority, timeout = ?after, more_since_last = held, "Upstream did not answer in time: answered 504.");
            }
            Err(plain(StatusCode::GATEWAY_TIMEOUT, format!("mockdrift: upstream {authority} timed out\n")))
        }
    }
}

/// Forwards one request. Only what recording needs is kept, and only for recorded exchanges:
/// the header maps (reference-counted values) and the tee's capped body copies; strings and
/// buffers are made later on the recorder's thread.
pub(crate) async fn handle(
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
pub(crate) type Recorded = (HeaderMap, String, String, Method, stable::Admission);

/// The response passed on to the client, its body copied for the recorder as it streams;
/// the exchange goes to the tap when the body ends.
pub(crate) fn tee_response(
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
