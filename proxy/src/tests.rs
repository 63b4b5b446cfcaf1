/// An upstream on 127.0.0.1:0 answering every request with `body`, echoing what it saw in
/// headers (`x-seen-host`, `x-seen-path`).
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::ext::ReasonPhrase;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use hyper_util::rt::TokioIo;
use mockdrift_contracts::Ts;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::*;
use crate::route::{RecordFilter, Route};
use crate::tap::Tap;
use crate::tap::Tapped;
use crate::test_pki::test_pki;
use crate::upstream::{Target, Upstream};

pub(super) async fn upstream(body: Vec<u8>) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let body = body.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let body = body.clone();
                    async move {
                        let host = req.headers().get(header::HOST).cloned();
                        let hop = ["x-hop", "keep-alive", "proxy-authorization"]
                            .iter()
                            .any(|h| req.headers().contains_key(*h));
                        let path = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_default();
                        let _ = req.into_body().collect().await;
                        let mut rsp = Response::new(Full::new(Bytes::from(body)));
                        *rsp.status_mut() = StatusCode::CREATED;
                        rsp.extensions_mut().insert(ReasonPhrase::from_static(b"Created Nicely"));
                        let h = rsp.headers_mut();
                        h.append("x-a", HeaderValue::from_static("1"));
                        h.append("content-type", HeaderValue::from_static("application/json"));
                        h.append("x-a", HeaderValue::from_static("3"));
                        if let Some(host) = host {
                            h.append("x-seen-host", host);
                        }
                        h.append("x-seen-path", HeaderValue::from_str(&path).expect("ascii"));
                        h.append("x-seen-hop", HeaderValue::from_static(if hop { "yes" } else { "no" }));
                        Ok::<_, Infallible>(rsp)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
            });
        }
    });
    addr
}

pub(super) struct Proxy {
    pub(super) addr: std::net::SocketAddr,
    pub(super) stats: Arc<tap::Stats>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn proxy(upstream: &str, cap: usize, queue_bytes: usize) -> (Proxy, mpsc::Receiver<Tapped>) {
    proxy_with(upstream, cap, queue_bytes, |_| {}).await
}

async fn proxy_with(
    upstream: &str,
    cap: usize,
    queue_bytes: usize,
    tweak: impl FnOnce(&mut Route),
) -> (Proxy, mpsc::Receiver<Tapped>) {
    let (tap, rx) = Tap::new(queue_bytes);
    let mut route = Route::new("payments", Upstream::parse(upstream).expect("valid"), tap).expect("route");
    route.max_record_bytes = cap;
    tweak(&mut route);
    (start(route).await, rx)
}

/// Serves `route` on 127.0.0.1:0 until the returned proxy is dropped.
pub(super) async fn start(route: Route) -> Proxy {
    let stats = Arc::clone(&route.stats);
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve(
        listener,
        Arc::new(route),
        async move {
            let _ = stopped.await;
        },
        Duration::from_secs(1),
    ));
    Proxy { addr, stats, _stop: stop }
}

async fn get(addr: std::net::SocketAddr, path: &str, body: &'static [u8]) -> Response<Incoming> {
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let req = Request::post(format!("http://{addr}{path}"))
        .header("connection", "x-hop")
        .header("x-hop", "1")
        .header("keep-alive", "timeout=5")
        .header("authorization", "Bearer secret")
        .body(Full::new(Bytes::from_static(body)))
        .expect("request");
    client.request(req).await.expect("a response")
}

#[tokio::test]
async fn forwards_byte_exact_and_records_a_copy() {
    let body = br#"{"id": "ch_1", "amount": 100}"#.to_vec();
    let up = upstream(body.clone()).await;
    let (p, mut rx) = proxy(&format!("http://{up}/api/v3"), 1 << 20, 1 << 20).await;
    let rsp = get(p.addr, "/v1/charges/ch_1?expand=customer", b"{\"q\": 1}").await;
    assert_eq!(rsp.status(), StatusCode::CREATED);
    assert_eq!(rsp.extensions().get::<ReasonPhrase>().map(|r| r.as_bytes()), Some(&b"Created Nicely"[..]));
    let xa: Vec<&str> = rsp.headers().get_all("x-a").iter().map(|v| v.to_str().expect("ascii")).collect();
    assert_eq!(xa, ["1", "3"], "repeated header values keep their order");
    assert_eq!(rsp.headers()["x-seen-host"], up.to_string().as_str(), "Host is the upstream's authority");
    assert_eq!(rsp.headers()["x-seen-path"], "/api/v3/v1/charges/ch_1?expand=customer", "base path prefixed");
    assert_eq!(
        rsp.headers()["x-seen-hop"],
        "no",
        "hop-by-hop headers (and those named in Connection) are not forwarded"
    );
    let got = rsp.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(got.as_ref(), body.as_slice());

    let t = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("open");
    let x = &t.into_exchange();
    assert_eq!(
        (x.service.as_str(), x.method.as_str(), x.path.as_str(), x.query.as_str(), x.status),
        ("payments", "POST", "/v1/charges/ch_1", "expand=customer", 201)
    );
    assert_eq!(x.response.body, body);
    assert_eq!(x.request.body, b"{\"q\": 1}");
    assert!(!x.response.truncated && !x.request.truncated);
    assert_eq!(x.response.header("content-type"), Some("application/json"));
    assert_eq!(p.stats.recorded.load(Ordering::Relaxed), 1);
}

#[tokio::test]
async fn large_bodies_stream_whole_and_record_truncated() {
    let big: Vec<u8> = (0..3 << 20).map(|i| b'a' + (i % 26) as u8).collect();
    let up = upstream(big.clone()).await;
    let (p, mut rx) = proxy(&format!("http://{up}"), 1024, 64 << 20).await;
    let rsp = get(p.addr, "/blob", b"").await;
    let got = rsp.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(got.len(), big.len());
    assert!(got.as_ref() == big.as_slice());
    let t = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("open");
    let x = t.into_exchange();
    assert_eq!(x.response.body.len(), 1024);
    assert!(x.response.truncated);
}

#[tokio::test]
async fn upstream_failures_are_502_and_recording_never_blocks() {
    // Nothing listens on the upstream port: a 502 with a reason, counted.
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind").local_addr().expect("addr");
    let (p, _rx) = proxy(&format!("http://{closed}"), 1024, 1 << 20).await;
    let rsp = get(p.addr, "/x", b"").await;
    assert_eq!(rsp.status(), StatusCode::BAD_GATEWAY);
    let text = rsp.into_body().collect().await.expect("body").to_bytes();
    assert!(String::from_utf8_lossy(&text).starts_with("mockdrift: upstream"), "{text:?}");
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);

    // A queue with room for one exchange and a recorder that never reads: the next copies
    // are dropped and counted, and every request still succeeds.
    let up = upstream(vec![b'x'; 1500]).await;
    let (p, _rx_never_read) = proxy(&format!("http://{up}"), 1 << 20, 2600).await;
    for _ in 0..5 {
        let rsp = get(p.addr, "/y", b"").await;
        assert_eq!(rsp.status(), StatusCode::CREATED);
        assert_eq!(rsp.into_body().collect().await.expect("body").to_bytes().len(), 1500);
    }
    // The tap hands each exchange over as its body ends: wait for all five, not the clock.
    for _ in 0..2000 {
        if p.stats.recorded.load(Ordering::Relaxed) + p.stats.dropped.load(Ordering::Relaxed) == 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(p.stats.recorded.load(Ordering::Relaxed), 1);
    assert_eq!(p.stats.dropped.load(Ordering::Relaxed), 4);
}

#[test]
fn upstream_urls() {
    let up = |tls, authority: &str, host: &str, base: &str| Upstream {
        tls,
        h2c: false,
        authority: authority.into(),
        host_header: host.into(),
        base_path: base.into(),
    };
    assert_eq!(
        Upstream::parse("http://10.0.0.5:8080/api/v3/").expect("valid"),
        up(false, "10.0.0.5:8080", "10.0.0.5:8080", "/api/v3")
    );
    assert_eq!(Upstream::parse("http://svc").expect("valid"), up(false, "svc:80", "svc", ""));
    assert_eq!(
        Upstream::parse("https://payments.internal").expect("valid"),
        up(true, "payments.internal:443", "payments.internal", "")
    );
    assert_eq!(Upstream::parse("https://[::1]:8443/v1").expect("valid"), up(true, "[::1]:8443", "[::1]:8443", "/v1"));
    assert_eq!(Upstream::parse("https://[::1]").expect("valid"), up(true, "[::1]:443", "[::1]", ""));
    let h2c = Upstream::parse("h2c://127.0.0.1:50051").expect("valid");
    assert!(h2c.h2c && !h2c.tls && h2c.authority == "127.0.0.1:50051", "{h2c:?}");
    assert_eq!(h2c.url(), "h2c://127.0.0.1:50051");
    assert!(Upstream::parse("ftp://x").is_err());
    assert!(Upstream::parse("http://").is_err());
    assert!(Upstream::parse("https://user:pw@x").is_err());
}

async fn admin_get(addr: std::net::SocketAddr, path: &str, token: Option<&str>) -> (StatusCode, String) {
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let mut req = Request::get(format!("http://{addr}{path}"));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let rsp = client.request(req.body(Full::new(Bytes::new())).expect("request")).await.expect("a response");
    let status = rsp.status();
    let body = rsp.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn admin_serves_health_metrics_and_contracts() {
    use mockdrift_contracts::{Exchange, Message, Recorder, RecorderConfig};
    let (mut rec, _) = Recorder::new(RecorderConfig::default(), None).expect("recorder");
    rec.record(&Exchange {
        service: "payments".into(),
        method: "GET".into(),
        path: "/v1/charges/1".into(),
        query: String::new(),
        status: 200,
        time: Ts::now(),
        duration_ms: 1.0,
        request: Message::default(),
        response: Message {
            headers: vec![("content-type".into(), "application/json".into())],
            body: b"{}".to_vec(),
            truncated: false,
        },
    });
    rec.flush().expect("flush");
    let (tap, _rx) = Tap::new(1 << 20);
    let (payments, search) = (Arc::new(Stats::default()), Arc::new(Stats::default()));
    payments.requests.fetch_add(7, Ordering::Relaxed);
    search.tunnels.fetch_add(2, Ordering::Relaxed);
    let health = Arc::new(admin::Health::default());
    let a = admin::Admin {
        routes: vec![("payments".into(), payments), ("search".into(), search)],
        queue: tap.gauge(),
        health: Arc::clone(&health),
        contracts: rec.handle(),
        token: Some("t0k".into()),
    };
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(admin::serve_admin(listener, Arc::new(a), None, std::future::pending()));

    assert_eq!(admin_get(addr, "/healthz", None).await, (StatusCode::OK, "ok\n".to_owned()));
    assert_eq!(admin_get(addr, "/metrics", None).await.0, StatusCode::UNAUTHORIZED);
    let (status, metrics) = admin_get(addr, "/metrics", Some("t0k")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(metrics.contains("mockdrift_requests_total{route=\"payments\"} 7\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_requests_total{route=\"search\"} 0\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_tunnels_total{route=\"search\"} 2\n"), "{metrics}");
    assert!(metrics.contains("# TYPE mockdrift_upstream_retries_total counter\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_upstream_retries_total{route=\"payments\"} 0\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_queue_capacity_bytes 1048576\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_degraded 0\n"), "{metrics}");
    assert!(metrics.contains("mockdrift_contracts{service=\"payments\"} 1\n"), "{metrics}");
    let (status, one) = admin_get(addr, "/contracts/payments", Some("t0k")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mockdrift_contracts::Snapshot::from_json(&one).expect("a snapshot").contracts.len(), 1);
    assert_eq!(admin_get(addr, "/contracts/nope", Some("t0k")).await.0, StatusCode::NOT_FOUND);
    health.set_degraded(Some("the contract store failed: disk full".into()));
    assert_eq!(admin_get(addr, "/healthz", None).await.1, "degraded: the contract store failed: disk full\n");
    assert!(admin_get(addr, "/metrics", Some("t0k")).await.1.contains("mockdrift_degraded 1\n"));
}

#[test]
fn sampling_records_the_given_fraction() {
    let (tap, _rx) = Tap::new(1024);
    let mut route = Route::new("s", Upstream::parse("http://127.0.0.1:1").expect("valid"), tap).expect("route");
    for (rate, expected) in [(0.0, 0), (0.25, 250), (1.0, 1000)] {
        route.sample = rate;
        let n = (0..1000).filter(|_| route.record_this("GET", "/x")).count();
        assert_eq!(n, expected, "rate {rate}");
    }
}

#[tokio::test]
async fn record_filters_choose_what_is_recorded_and_everything_is_forwarded() {
    let up = upstream(b"{}".to_vec()).await;
    let only = ["POST /v1/".to_owned(), "/v2/".to_owned()];
    let skip = ["/v1/charges/internal".to_owned()];
    let filter = RecordFilter::parse(&only, &skip).expect("valid");
    let (p, mut rx) = proxy_with(&format!("http://{up}"), 1 << 20, 1 << 20, |r| r.filter = filter).await;
    // `get` sends POST.
    for path in ["/health", "/v1/charges/1", "/v1/charges/internal/x", "/v2/refunds"] {
        assert_eq!(get(p.addr, path, b"").await.status(), StatusCode::CREATED, "{path} is forwarded");
    }
    let mut recorded = Vec::new();
    while let Ok(Some(t)) = timeout(Duration::from_millis(300), rx.recv()).await {
        recorded.push(t.into_exchange().path);
    }
    assert_eq!(recorded, ["/v1/charges/1", "/v2/refunds"]);
    assert_eq!(p.stats.requests.load(Ordering::Relaxed), 4);
    let f = RecordFilter::parse(&["GET /v1".to_owned()], &[]).expect("valid");
    assert!(f.allows("GET", "/v1/x") && !f.allows("POST", "/v1/x") && !f.allows("GET", "/v2"));
    assert!(RecordFilter::parse(&["v1/".to_owned()], &[]).is_err());
    assert!(RecordFilter::parse(&["G3T /v1".to_owned()], &[]).is_err());
}

#[tokio::test]
async fn silent_upstreams_give_504_and_preserve_host_keeps_the_clients_host() {
    // Accepts, never answers.
    let silent = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let silent_addr = silent.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = silent.accept().await {
            held.push(s);
        }
    });
    let (p, _rx) = proxy_with(&format!("http://{silent_addr}"), 1024, 1 << 20, |r| {
        r.response_timeout = Duration::from_millis(200)
    })
    .await;
    let rsp = get(p.addr, "/slow", b"").await;
    assert_eq!(rsp.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);

    let up = upstream(b"{}".to_vec()).await;
    let (p, _rx) = proxy_with(&format!("http://{up}"), 1024, 1 << 20, |r| r.preserve_host = true).await;
    let rsp = get(p.addr, "/x", b"").await;
    assert_eq!(rsp.headers()["x-seen-host"], p.addr.to_string().as_str());
}

/// An upstream like [`upstream`], over TLS with `cert`/`key`.
async fn tls_upstream(body: &'static [u8], cert: &std::path::Path, key: &std::path::Path) -> std::net::SocketAddr {
    let acceptor = tokio_rustls::TlsAcceptor::from(tls::server_config(cert, key).expect("server config"));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else { return };
                let svc = hyper::service::service_fn(move |req: Request<Incoming>| async move {
                    let host = req.headers().get(header::HOST).cloned();
                    let mut rsp = Response::new(Full::new(Bytes::from_static(body)));
                    rsp.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
                    if let Some(host) = host {
                        rsp.headers_mut().insert("x-seen-host", host);
                    }
                    let version = HeaderValue::from_str(&format!("{:?}", req.version())).expect("ascii");
                    rsp.headers_mut().insert("x-seen-version", version);
                    Ok::<_, Infallible>(rsp)
                });
                // ALPN offers h2 and http/1.1 (tls::server_config): serve whichever was chosen.
                let http = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                let _ = http.serve_connection(TokioIo::new(tls), svc).await;
            });
        }
    });
    addr
}

/// A proxy route to `upstream` with upstream TLS `config`.
async fn tls_proxy(
    upstream: &str,
    config: rustls::ClientConfig,
    server: Option<Arc<rustls::ServerConfig>>,
) -> (Proxy, mpsc::Receiver<Tapped>) {
    let (tap, rx) = Tap::new(1 << 20);
    let target = Target::Upstream(Upstream::parse(upstream).expect("valid"));
    let mut route = Route::with_tls("payments", target, tap, config, Duration::from_secs(5));
    route.tls_server = server;
    (start(route).await, rx)
}

#[tokio::test]
async fn https_upstreams_are_verified_against_the_given_ca_and_failures_are_502() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ca, cert, key) = test_pki(dir.path());
    let up = tls_upstream(br#"{"id":"ch_1"}"#, &cert, &key).await;
    let url = format!("https://localhost:{}", up.port());

    // Trusting the test CA: forwarded, the Host is the upstream's, and recorded.
    let trusted = tls::UpstreamTls { ca_file: Some(ca.clone()), insecure: false };
    let (p, mut rx) = tls_proxy(&url, tls::client_config(&trusted).expect("config"), None).await;
    let rsp = get(p.addr, "/v1/charges/ch_1", b"").await;
    assert_eq!(rsp.status(), StatusCode::OK);
    assert_eq!(rsp.headers()["x-seen-host"], format!("localhost:{}", up.port()).as_str());
    assert_eq!(rsp.headers()["x-seen-version"], "HTTP/2.0", "HTTP/2 to a TLS upstream that offers it over ALPN");
    assert_eq!(&rsp.into_body().collect().await.expect("body").to_bytes()[..], br#"{"id":"ch_1"}"#);
    let t = timeout(Duration::from_secs(5), rx.recv()).await.expect("recorded in time").expect("recorded");
    assert_eq!(t.into_exchange().response.body, br#"{"id":"ch_1"}"#);

    // Not trusting it (system roots): a 502 naming the certificate problem, counted.
    let (p, _rx) = tls_proxy(&url, tls::client_config(&tls::UpstreamTls::default()).expect("config"), None).await;
    let rsp = get(p.addr, "/v1/charges/ch_1", b"").await;
    assert_eq!(rsp.status(), StatusCode::BAD_GATEWAY);
    let text = String::from_utf8_lossy(&rsp.into_body().collect().await.expect("body").to_bytes()).into_owned();
    assert!(text.contains("certificate"), "{text}");
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);

    // A CA file for another CA fails the same way; --insecure-upstream gets through.
    let other = tempfile::tempdir().expect("tempdir");
    let (other_ca, _, _) = test_pki(other.path());
    let wrong = tls::UpstreamTls { ca_file: Some(other_ca), insecure: false };
    let (p, _rx) = tls_proxy(&url, tls::client_config(&wrong).expect("config"), None).await;
    assert_eq!(get(p.addr, "/", b"").await.status(), StatusCode::BAD_GATEWAY);
    let insecure = tls::UpstreamTls { ca_file: None, insecure: true };
    let (p, _rx) = tls_proxy(&url, tls::client_config(&insecure).expect("config"), None).await;
    assert_eq!(get(p.addr, "/", b"").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn tls_listeners_serve_with_the_given_certificate_and_bad_files_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ca, cert, key) = test_pki(dir.path());
    let up = upstream(b"{\"ok\":true}".to_vec()).await;
    let server = tls::server_config(&cert, &key).expect("server config");
    let (p, mut rx) = tls_proxy(&format!("http://{up}"), tls::no_upstream_tls(), Some(server)).await;

    // A client trusting the test CA speaks TLS to the listener.
    let mut roots = rustls::RootCertStore::empty();
    use rustls::pki_types::pem::PemObject as _;
    for c in rustls::pki_types::CertificateDer::pem_file_iter(&ca).expect("ca").flatten() {
        roots.add(c).expect("root");
    }
    let client_config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client_config));
    let request_over_tls = || async {
        let tcp = tokio::net::TcpStream::connect(p.addr).await.expect("connect");
        let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
        let tls = connector.connect(name, tcp).await.expect("handshake");
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls)).await.expect("http");
        tokio::spawn(conn);
        let req = Request::get("/v1/x").header("host", "localhost").body(Full::new(Bytes::new())).expect("request");
        let rsp = sender.send_request(req).await.expect("response");
        (rsp.status(), rsp.into_body().collect().await.expect("body").to_bytes())
    };
    let (status, body) = request_over_tls().await;
    assert_eq!((status, &body[..]), (StatusCode::CREATED, &b"{\"ok\":true}"[..]));
    assert!(timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").is_some(), "recorded");

    // Plain HTTP to the TLS listener gets no HTTP answer, and the listener goes on serving.
    let mut plain_tcp = tokio::net::TcpStream::connect(p.addr).await.expect("connect");
    tokio::io::AsyncWriteExt::write_all(&mut plain_tcp, b"GET / HTTP/1.1\r\nhost: x\r\n\r\n").await.expect("write");
    let mut buf = Vec::new();
    let _ = timeout(Duration::from_secs(5), tokio::io::AsyncReadExt::read_to_end(&mut plain_tcp, &mut buf)).await;
    assert!(!buf.starts_with(b"HTTP/"), "{}", String::from_utf8_lossy(&buf));
    assert_eq!(request_over_tls().await.0, StatusCode::CREATED);

    // Unusable files are named with the reason.
    let missing = dir.path().join("nope.pem");
    let e = tls::server_config(&missing, &key).expect_err("missing cert").to_string();
    assert!(e.contains("--tls-cert") && e.contains("nope.pem"), "{e}");
    let e = tls::server_config(&cert, &cert).expect_err("a cert is not a key").to_string();
    assert!(e.contains("--tls-key") && e.contains("cert.pem"), "{e}");
    std::fs::write(dir.path().join("empty.pem"), "not pem").expect("write");
    let e = tls::client_config(&tls::UpstreamTls { ca_file: Some(dir.path().join("empty.pem")), insecure: false })
        .expect_err("no certificate")
        .to_string();
    assert!(e.contains("--upstream-ca") && e.contains("empty.pem") && e.contains("no PEM certificate"), "{e}");
}

/// 1 KiB chunks of `s`, without a length (chunked on the wire).
struct Chunks(usize);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        const CHUNK: [u8; 1024] = [b's'; 1024];
        if self.0 == 0 {
            return std::task::Poll::Ready(None);
        }
        self.0 -= 1;
        std::task::Poll::Ready(Some(Ok(http_body::Frame::data(Bytes::from_static(&CHUNK)))))
    }
}

/// An upstream on 127.0.0.1:0 that counts the connections it accepts: `/empty` answers 204,
/// `/stream` 4 MiB in 1 KiB chunks, anything else 2 KiB; `keep_alive` off closes every
/// connection after its response. The counts: connections accepted, and ended.
async fn counting_upstream(keep_alive: bool) -> (std::net::SocketAddr, Arc<[std::sync::atomic::AtomicU64; 2]>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let counts = Arc::new([std::sync::atomic::AtomicU64::new(0), std::sync::atomic::AtomicU64::new(0)]);
    let count = Arc::clone(&counts);
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            count[0].fetch_add(1, Ordering::SeqCst);
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(|req: Request<Incoming>| async move {
                    let rsp = match req.uri().path() {
                        "/empty" => {
                            let mut rsp = Response::new(Full::new(Bytes::new()).boxed());
                            *rsp.status_mut() = StatusCode::NO_CONTENT;
                            rsp
                        }
                        "/stream" => Response::new(Chunks(4096).boxed()),
                        _ => Response::new(Full::new(Bytes::from(vec![b'x'; 2048])).boxed()),
                    };
                    Ok::<_, Infallible>(rsp)
                });
                let mut http = hyper::server::conn::http1::Builder::new();
                http.keep_alive(keep_alive);
                let _ = http.serve_connection(TokioIo::new(stream), svc).await;
                count[1].fetch_add(1, Ordering::SeqCst);
            });
        }
    });
    (addr, counts)
}

async fn fetch(client: &Client<HttpConnector, Full<Bytes>>, method: Method, url: &str) -> (StatusCode, usize) {
    let req = Request::builder().method(method).uri(url).body(Full::new(Bytes::new())).expect("request");
    let rsp = client.request(req).await.expect("a response");
    let status = rsp.status();
    (status, rsp.into_body().collect().await.expect("body").to_bytes().len())
}

#[tokio::test]
async fn upstream_connections_are_kept_alive_and_reused() {
    let (up, counts) = counting_upstream(true).await;
    let (p, _rx) = proxy(&format!("http://{up}"), 1024, 1 << 20).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let url = |path: &str| format!("http://{}{path}", p.addr);
    let opened = || p.stats.upstream_connections.load(Ordering::Relaxed);
    let accepted = &counts[0];
    let ended = || counts[1].load(Ordering::SeqCst);

    // One request after another, with bodies and without (204, HEAD): one connection.
    for i in 0..12 {
        let (method, path, want) = match i % 3 {
            0 => (Method::GET, "/x", (StatusCode::OK, 2048)),
            1 => (Method::GET, "/empty", (StatusCode::NO_CONTENT, 0)),
            _ => (Method::HEAD, "/x", (StatusCode::OK, 0)),
        };
        assert_eq!(fetch(&client, method, &url(path)).await, want, "request {i}");
    }
    assert_eq!((accepted.load(Ordering::SeqCst), opened()), (1, 1), "every response handed its connection back");

    // Eight at once: at most eight connections, all kept for the next eight.
    let x = url("/x");
    let burst = || futures_join(8, |_| fetch(&client, Method::GET, &x));
    assert!(burst().await.iter().all(|r| *r == (StatusCode::OK, 2048)));
    let after_burst = opened();
    assert!((1..=8).contains(&after_burst), "{after_burst} connections for 8 requests");
    assert!(burst().await.iter().all(|r| *r == (StatusCode::OK, 2048)));
    assert_eq!(opened(), after_burst, "the second burst reuses the first's connections");

    // A client that goes away mid-body takes its upstream connection with it (the rest of
    // the body is still on the wire); the next request gets a whole response on a new one.
    let req = Request::get(url("/stream")).body(Full::new(Bytes::new())).expect("request");
    let mut body = client.request(req).await.expect("a response").into_body();
    let first = body.frame().await.expect("a frame").expect("data");
    assert!(first.is_data());
    assert_eq!(ended(), 0);
    drop(body);
    for _ in 0..2000 {
        if ended() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(ended(), 1, "the cut connection was closed, the idle ones kept");
    for _ in 0..3 {
        assert_eq!(fetch(&client, Method::GET, &url("/stream")).await, (StatusCode::OK, 4 << 20));
    }
    assert_eq!(ended(), 1);
    assert_eq!(accepted.load(Ordering::SeqCst), opened(), "the upstream saw every connection counted");
}

#[tokio::test]
async fn an_upstream_that_closes_connections_after_each_response_is_reconnected() {
    let (up, counts) = counting_upstream(false).await;
    let (p, _rx) = proxy(&format!("http://{up}"), 1024, 1 << 20).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    for i in 0..5 {
        assert_eq!(fetch(&client, Method::GET, &format!("http://{}/x", p.addr)).await, (StatusCode::OK, 2048), "{i}");
    }
    assert_eq!(counts[0].load(Ordering::SeqCst), 5);
    assert_eq!(p.stats.upstream_connections.load(Ordering::Relaxed), 5);
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 0);
}

/// Runs `n` futures made by `f` concurrently on this task; their outputs in order.
async fn futures_join<F: Future>(n: usize, f: impl Fn(usize) -> F) -> Vec<F::Output> {
    let mut futures: Vec<_> = (0..n).map(|i| Box::pin(f(i))).collect();
    let mut out: Vec<Option<F::Output>> = (0..n).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (i, fut) in futures.iter_mut().enumerate() {
            if out[i].is_none()
                && let std::task::Poll::Ready(v) = fut.as_mut().poll(cx)
            {
                out[i] = Some(v);
            }
        }
        if out.iter().all(Option::is_some) { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    out.into_iter().map(|o| o.expect("all ready")).collect()
}

#[tokio::test]
async fn a_busy_recorder_holds_few_copies_of_one_endpoint_and_every_exchange_is_counted() {
    let up = upstream(vec![b'x'; 100 << 10]).await;
    // Stable sampling on; a recorder that has not read anything yet.
    let (tap, mut rx) = Tap::sampling(64 << 20, 0.01, Duration::ZERO);
    let route = Route::new("payments", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route");
    let p = start(route).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    for _ in 0..100 {
        assert_eq!(fetch(&client, Method::GET, &format!("http://{}/v1/blobs/1", p.addr)).await.1, 100 << 10);
    }
    let (recorded, sampled_down) =
        (p.stats.recorded.load(Ordering::Relaxed), p.stats.sampled_down.load(Ordering::Relaxed));
    assert_eq!((recorded, sampled_down), (u64::from(stable::MAX_QUEUED), 100 - u64::from(stable::MAX_QUEUED)));
    assert_eq!(p.stats.dropped.load(Ordering::Relaxed), 0);
    // The recorder takes what waits; the next exchange carries the skipped ones.
    let mut weights = 0;
    while let Ok(t) = rx.try_recv() {
        weights += t.weight();
        drop(t.into_exchange());
    }
    assert_eq!(weights, u64::from(stable::MAX_QUEUED));
    fetch(&client, Method::GET, &format!("http://{}/v1/blobs/2", p.addr)).await;
    let t = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("open");
    assert_eq!(t.weight(), 100 - u64::from(stable::MAX_QUEUED) + 1, "the skipped exchanges are carried");
}

#[tokio::test]
async fn an_upstream_that_silently_drops_kept_alive_connections_never_fails_a_request() {
    // Answers one request per connection with a keep-alive response (no `Connection: close`),
    // then closes: the proxy pools a connection that is dead or about to be, and must notice
    // (a closed connection) or send again (a request that never left).
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let up = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok").await;
            });
        }
    });
    let (p, _rx) = proxy(&format!("http://{up}"), 1024, 1 << 20).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    for i in 0..30 {
        assert_eq!(fetch(&client, Method::GET, &format!("http://{}/x", p.addr)).await, (StatusCode::OK, 2), "{i}");
        if i % 3 == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 0);
    assert_eq!(p.stats.upstream_connections.load(Ordering::Relaxed), 30, "one connection per request");
}

#[tokio::test]
async fn queued_exchanges_count_their_headers_against_the_queue_budget() {
    let up = upstream(b"{}".to_vec()).await;
    // 64 KiB of queue; nothing reads it. Each exchange carries 20 KB of request header.
    let (p, _rx) = proxy(&format!("http://{up}"), 1 << 20, 64 << 10).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let big = "a".repeat(20_000);
    for _ in 0..6 {
        let req = Request::get(format!("http://{}/big", p.addr))
            .header("x-big", big.as_str())
            .body(Full::new(Bytes::new()))
            .expect("request");
        let rsp = client.request(req).await.expect("a response");
        assert_eq!(rsp.status(), StatusCode::CREATED, "a full queue never fails a request");
        let _ = rsp.into_body().collect().await.expect("body");
    }
    let recorded = p.stats.recorded.load(Ordering::Relaxed);
    let dropped = p.stats.dropped.load(Ordering::Relaxed);
    // Counting bodies alone, all six would fit.
    assert_eq!((recorded, dropped), (3, 3));
}

/// Reads one HTTP/1.1 message head and its `Content-Length` body from a blocking socket; its
/// first line's first two words (`GET /a`, `HTTP/1.1 200`), or `None` at the end of the stream.
fn read_message(s: &mut std::net::TcpStream) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match s.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return None,
        }
    }
    let head = String::from_utf8(head).expect("ascii head");
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().expect("a length"))
        })
        .unwrap_or(0);
    s.read_exact(&mut vec![0u8; length]).ok()?;
    Some(head.split(' ').take(2).collect::<Vec<_>>().join(" "))
}

/// A raw upstream on its own threads. On each connection, before reading its `n`-th request,
/// `read(connection, n)` says whether to read it (or close the connection), and once it is
/// read, `answer(connection, n)` whether to answer it (`200`, `ok`, kept alive) or close the
/// connection unanswered. Each request read is logged as `connection:METHOD PATH`.
fn closing_upstream(
    read: impl Fn(usize, usize) -> bool + Send + Sync + 'static,
    answer: impl Fn(usize, usize) -> bool + Send + Sync + 'static,
) -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    use std::io::Write;
    thread_upstream(move |conn, mut s, seen| {
        for n in 0.. {
            if !read(conn, n) {
                return;
            }
            let Some(request) = read_message(&mut s) else { return };
            seen.lock().expect("log").push(format!("{conn}:{request}"));
            if !answer(conn, n) || s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok").is_err() {
                return;
            }
        }
    })
}

/// An upstream on its own threads: `serve(connection, stream, log)` runs on a thread of its
/// own for each connection accepted, numbered from 0. Returns the address and the log.
fn thread_upstream(
    serve: impl Fn(usize, std::net::TcpStream, &Mutex<Vec<String>>) + Send + Sync + 'static,
) -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let log = Arc::new(Mutex::new(Vec::new()));
    let (seen, serve) = (Arc::clone(&log), Arc::new(serve));
    std::thread::spawn(move || {
        for (conn, stream) in listener.incoming().enumerate() {
            let Ok(s) = stream else { return };
            let (seen, serve) = (Arc::clone(&seen), Arc::clone(&serve));
            std::thread::spawn(move || serve(conn, s, &seen));
        }
    });
    (addr, log)
}

#[tokio::test]
async fn an_idempotent_request_a_kept_alive_connection_closed_on_unanswered_is_sent_again_once() {
    // Each connection answers its first request and closes on its second, unanswered: the
    // race of an upstream closing an idle kept-alive connection (its keep-alive timeout, a
    // restart) just as the proxy reuses it.
    let (up, log) = closing_upstream(|_, _| true, |_, n| n == 0);
    let (p, _rx) = proxy(&format!("http://{up}"), 1024, 1 << 20).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let url = |path: &str| format!("http://{}{path}", p.addr);
    assert_eq!(fetch(&client, Method::GET, &url("/a")).await, (StatusCode::OK, 2));
    // Idle for a moment (a connection in constant use is not retried this way).
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(fetch(&client, Method::GET, &url("/b")).await, (StatusCode::OK, 2), "sent again on a new connection");
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(p.stats.upstream_retries.load(Ordering::Relaxed), 1);
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 0);
    // A POST that left is never sent twice: the upstream may have acted on it.
    let post = Request::post(url("/c")).body(Full::new(Bytes::from_static(b"x"))).expect("request");
    assert_eq!(client.request(post).await.expect("a response").status(), StatusCode::BAD_GATEWAY);
    // Nor is a GET that fails on a new connection (here: the upstream is gone).
    assert_eq!(p.stats.upstream_retries.load(Ordering::Relaxed), 1);
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);
    assert_eq!(*log.lock().expect("log"), ["0:GET /a", "0:GET /b", "1:GET /b", "1:POST /c"]);
}

#[test]
fn a_request_that_never_left_a_closed_kept_alive_connection_goes_on_another() {
    use std::io::Write;
    // The upstream answers the first connection's first request, then closes it when told.
    let (close_tx, close_rx) = std::sync::mpsc::channel::<()>();
    let (closed_tx, closed_rx) = std::sync::mpsc::channel::<()>();
    let close_rx = Mutex::new(close_rx);
    let (up, log) = closing_upstream(
        move |conn, n| {
            if (conn, n) != (0, 1) {
                return true;
            }
            let _ = close_rx.lock().expect("lock").recv();
            let _ = closed_tx.send(());
            false
        },
        |_, _| true,
    );
    // The proxy on a runtime of its own, which the test can hold still.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let handle = rt.handle().clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (end_tx, end_rx) = tokio::sync::oneshot::channel::<()>();
    let runtime = std::thread::spawn(move || {
        rt.block_on(async move {
            let (p, _rx) = proxy(&format!("http://{up}"), 1024, 1 << 20).await;
            ready_tx.send((p.addr, Arc::clone(&p.stats))).expect("send");
            let _ = end_rx.await;
        })
    });
    let (addr, stats) = ready_rx.recv().expect("the proxy started");
    let mut client = std::net::TcpStream::connect(addr).expect("connect");
    client.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    client.write_all(b"GET /one HTTP/1.1\r\nhost: x\r\n\r\n").expect("write");
    assert_eq!(read_message(&mut client).as_deref(), Some("HTTP/1.1 200"));
    std::thread::sleep(Duration::from_millis(50));
    // Hold the proxy's runtime; meanwhile the next request arrives, then the upstream closes
    // the pooled connection. Released, the proxy reads both in that order: it hands the
    // request to the pooled connection before that connection reads its end.
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    handle.spawn(async move {
        held_tx.send(()).expect("send");
        std::thread::sleep(Duration::from_millis(300));
    });
    held_rx.recv().expect("held");
    client.write_all(b"GET /two HTTP/1.1\r\nhost: x\r\n\r\n").expect("write");
    close_tx.send(()).expect("send");
    closed_rx.recv().expect("closed");
    assert_eq!(read_message(&mut client).as_deref(), Some("HTTP/1.1 200"));
    assert_eq!(stats.upstream_retries.load(Ordering::Relaxed), 1, "the request went on a new connection");
    assert_eq!(stats.upstream_connections.load(Ordering::Relaxed), 2);
    assert_eq!(stats.upstream_errors.load(Ordering::Relaxed), 0);
    assert_eq!(*log.lock().expect("log"), ["0:GET /one", "1:GET /two"], "it left once");
    let _ = end_tx.send(());
    runtime.join().expect("the proxy's runtime");
}

/// What the raw HTTP/2 upstream does with a request.
#[derive(Clone, Copy)]
enum H2Act {
    /// `200`, no body.
    Answer,
    /// `RST_STREAM` with `REFUSED_STREAM`.
    Refuse,
    /// `GOAWAY` with this last stream and `NO_ERROR`, then the connection closes.
    GoAway(u32),
}

/// A raw h2c upstream on its own threads: `act(connection, n)` says what to do with each
/// connection's `n`-th request. Each request is logged as `connection:stream`.
fn raw_h2_upstream(
    act: impl Fn(usize, usize) -> H2Act + Send + Sync + 'static,
) -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    fn frame(kind: u8, flags: u8, stream: u32, payload: &[u8]) -> Vec<u8> {
        let mut f = (payload.len() as u32).to_be_bytes()[1..].to_vec();
        f.extend([kind, flags]);
        f.extend(stream.to_be_bytes());
        f.extend(payload);
        f
    }
    thread_upstream(move |conn, mut s, seen| {
        let mut preface = [0u8; 24];
        if s.read_exact(&mut preface).is_err() || s.write_all(&frame(4, 0, 0, &[])).is_err() {
            return;
        }
        let mut n = 0;
        loop {
            let mut head = [0u8; 9];
            if s.read_exact(&mut head).is_err() {
                return;
            }
            let len = u32::from_be_bytes([0, head[0], head[1], head[2]]) as usize;
            let (kind, flags) = (head[3], head[4]);
            let id = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
            if s.read_exact(&mut vec![0u8; len]).is_err() {
                return;
            }
            let reply = match (kind, flags & 1) {
                // SETTINGS, not an ACK: acknowledged.
                (4, 0) => frame(4, 1, 0, &[]),
                // HEADERS: a request.
                (1, _) => {
                    seen.lock().expect("log").push(format!("{conn}:{id}"));
                    n += 1;
                    match act(conn, n - 1) {
                        // `:status: 200` (static table entry 8), END_STREAM | END_HEADERS.
                        H2Act::Answer => frame(1, 0x5, id, &[0x88]),
                        H2Act::Refuse => frame(3, 0, id, &7u32.to_be_bytes()),
                        H2Act::GoAway(last) => {
                            let _ = s.write_all(&frame(7, 0, 0, &[last.to_be_bytes(), [0; 4]].concat()));
                            return;
                        }
                    }
                }
                _ => continue,
            };
            if s.write_all(&reply).is_err() {
                return;
            }
        }
    })
}

#[tokio::test]
async fn a_request_an_http2_upstream_refused_unprocessed_is_sent_again_once_if_it_has_no_body() {
    use H2Act::{Answer, GoAway, Refuse};
    let (up, log) = raw_h2_upstream(|conn, n| match (conn, n) {
        (0, 0) => Refuse,
        (1, 1) => GoAway(1),
        (2, 1) | (2, 2) | (3, _) => Refuse,
        _ => Answer,
    });
    let (p, _rx) = proxy(&format!("h2c://{up}"), 1024, 1 << 20).await;
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let url = |path: &str| format!("http://{}{path}", p.addr);
    let count = |c: &std::sync::atomic::AtomicU64| c.load(Ordering::Relaxed);
    // REFUSED_STREAM: sent again on a new connection.
    assert_eq!(fetch(&client, Method::GET, &url("/a")).await, (StatusCode::OK, 0));
    assert_eq!((count(&p.stats.upstream_retries), count(&p.stats.upstream_connections)), (1, 2));
    // Above the GOAWAY's last stream: sent again on a new connection.
    assert_eq!(fetch(&client, Method::GET, &url("/b")).await, (StatusCode::OK, 0));
    assert_eq!((count(&p.stats.upstream_retries), count(&p.stats.upstream_connections)), (2, 3));
    // A body already streamed cannot be sent again.
    let post = Request::post(url("/c")).body(Full::new(Bytes::from_static(b"x"))).expect("request");
    assert_eq!(client.request(post).await.expect("a response").status(), StatusCode::BAD_GATEWAY);
    // Once only: refused again, the client gets the 502.
    assert_eq!(fetch(&client, Method::GET, &url("/d")).await.0, StatusCode::BAD_GATEWAY);
    assert_eq!((count(&p.stats.upstream_retries), count(&p.stats.upstream_errors)), (3, 2));
    // Unprocessed means safe for any method: a POST without a body is sent again.
    let post = Request::post(url("/e")).body(Full::new(Bytes::new())).expect("request");
    assert_eq!(client.request(post).await.expect("a response").status(), StatusCode::OK);
    assert_eq!((count(&p.stats.upstream_retries), count(&p.stats.upstream_connections)), (4, 5));
    assert_eq!(*log.lock().expect("log"), ["0:1", "1:1", "1:3", "2:1", "2:3", "2:5", "3:1", "3:3", "4:1"]);
}

/// `..` under an upstream base path would leave the part of the upstream the route exposes:
/// refused, plain or percent-encoded; without a base path the target is forwarded as sent.
#[tokio::test]
async fn dot_segments_do_not_leave_the_upstream_base_path() {
    let up = upstream(b"{}".to_vec()).await;
    let (based, _rx) = proxy(&format!("http://{up}/api/v3"), 1 << 20, 1 << 20).await;
    for path in ["/v1/../../admin", "/v1/%2E%2E/%2e%2e/admin", "/./x", "/v1/.%2e/x"] {
        let rsp = get(based.addr, path, b"").await;
        assert_eq!(rsp.status(), StatusCode::BAD_REQUEST, "{path}");
        let text = rsp.into_body().collect().await.expect("body").to_bytes();
        assert!(String::from_utf8_lossy(&text).contains("base path"), "{path}");
    }
    assert_eq!(get(based.addr, "/v1/..x/a.b", b"").await.status(), StatusCode::CREATED, "not dot segments");
    let (plain, _rx) = proxy(&format!("http://{up}"), 1 << 20, 1 << 20).await;
    let rsp = get(plain.addr, "/v1/../admin", b"").await;
    assert_eq!(rsp.headers()["x-seen-path"], "/v1/../admin");
}
