//! Serving a route's listener: connections accepted within the cap, HTTP/1.1 or HTTP/2, TLS, graceful shutdown.

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

use tracing::Instrument as _;

use crate::route::Route;
use crate::service::handle;
use crate::{BoxError, ProxyBody, guard};

/// How long a client has to finish the TLS handshake.
pub(crate) const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves a route on a bound listener until `shutdown` resolves, then stops accepting and
/// lets in-flight connections finish for up to `grace`.
pub async fn serve(listener: TcpListener, route: Arc<Route>, shutdown: impl Future<Output = ()>, grace: Duration) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    let mut at_cap = false;
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors, say: wait a little instead of spinning on accept.
                    tracing::warn!(route = %route.name, error = %e, "Accepting a connection failed.");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // At the cap on client connections, this one waits (unserved) for a place, and the
        // listener accepts no other meanwhile (the rest wait in the backlog).
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
        let _ = stream.set_nodelay(true);
        let route = Arc::clone(&route);
        let watcher = graceful.watcher();
        let span = tracing::debug_span!("connection", route = %route.name, %peer);
        tokio::spawn(
            async move {
                let _permit = permit;
                let activity = guard::Activity::new();
                let stream = guard::Watched::new(stream, Arc::clone(&activity));
                let dog = guard::watchdog(Arc::clone(&activity), route.clients.clone());
                let service = {
                    let route = Arc::clone(&route);
                    let activity = Arc::clone(&activity);
                    hyper::service::service_fn(move |mut req: http::Request<hyper::body::Incoming>| {
                        let in_flight = activity.begin();
                        if req.method() == http::Method::CONNECT {
                            req.extensions_mut().insert(Arc::new(activity.begin()));
                        }
                        let span = tracing::debug_span!("request", method = %req.method());
                        let rsp = handle(Arc::clone(&route), peer, req).instrument(span);
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
                            if tls.get_ref().1.alpn_protocol() == Some(b"h2") {
                                activity.speaks_h2();
                            }
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
            }
            .instrument(span),
        );
    }
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
}

/// A response body that keeps its request in flight (for the client timeouts) until it is
/// done or dropped.
pub(crate) struct InFlightBody {
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
