//! `CONNECT` tunnels and protocol switches (`Upgrade`), passed through opaque.

use crate::pool::UpstreamBody;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::sync::atomic::Ordering;
use tokio::net::TcpStream;

use crate::route::Route;
use crate::{ProxyBody, plain};

/// A forward proxy's `CONNECT host:port`: connect, answer 200, then copy bytes both ways
/// until either side closes. The tunnel is opaque (TLS inside it is not ours to read), so it
/// is counted, never recorded.
pub(crate) async fn tunnel(route: &Route, mut req: Request<Incoming>) -> Response<ProxyBody> {
    // The tunnel keeps its connection busy for the client timeouts (`crate::guard`) as long as
    // it lasts: an HTTP/2 CONNECT stream outlives its response.
    let hold = req.extensions_mut().remove::<std::sync::Arc<crate::guard::InFlight>>();
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
    let client = hyper::upgrade::on(req);
    tokio::spawn(async move {
        let _hold = hold;
        splice(client, upstream).await;
    });
    Response::new(Empty::new().map_err(|e| match e {}).boxed())
}

/// Copies bytes both ways between an upgraded client connection and `upstream`.
pub(crate) async fn splice<U>(client: hyper::upgrade::OnUpgrade, mut upstream: U)
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
pub(crate) fn switch_protocols(
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
