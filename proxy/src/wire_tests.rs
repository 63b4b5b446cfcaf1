//! The proxy on the wire: raw HTTP/1.1 bytes on both sides (so framing, reason phrases,
//! header order and trailers are what the peers really sent), HTTP/2 both ways, protocol
//! switches, forward mode and `CONNECT`.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::io::Write as _;
use std::sync::atomic::Ordering;
use std::time::Duration;

use bytes::Bytes;
use http::header::HeaderValue;
use http::{Request, Response, StatusCode, Version};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use hyper_util::rt::TokioIo;
use proptest::prelude::*;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout;

use super::tests::{Proxy, start, upstream};
use super::*;
use crate::route::Route;
use crate::tap::Tap;
use crate::tap::Tapped;
use crate::upstream::{Target, Upstream};

type Fields = Vec<(String, String)>;

/// One HTTP/1.x message as read off the wire.
#[derive(Debug, Default)]
struct Wire {
    start_line: String,
    headers: Fields,
    body: Vec<u8>,
    trailers: Fields,
}

impl Wire {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

async fn read_fields<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Fields {
    let mut fields = Vec::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).await.expect("a header line");
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return fields;
        }
        let (n, v) = line.split_once(':').expect("name: value");
        fields.push((n.to_owned(), v.trim().to_owned()));
    }
}

/// Reads a message: `chunked`, `Content-Length`, or (a response) until the connection closes.
/// Reads a start line and the header fields.
async fn read_head<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Wire {
    let mut start_line = String::new();
    r.read_line(&mut start_line).await.expect("a start line");
    Wire { start_line: start_line.trim_end().to_owned(), headers: read_fields(r).await, ..Wire::default() }
}

async fn read_message<R: AsyncRead + Unpin>(r: &mut BufReader<R>, response: bool) -> Wire {
    let mut m = read_head(r).await;
    let bodiless = m.start_line.split(' ').nth(1).is_some_and(|s| s == "204" || s == "304" || s.starts_with('1'));
    if response && bodiless {
        return m;
    }
    if m.header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).await.expect("a chunk size");
            let size = usize::from_str_radix(size.trim().split(';').next().expect("size"), 16).expect("hex size");
            if size == 0 {
                m.trailers = read_fields(r).await;
                return m;
            }
            let mut chunk = vec![0; size + 2];
            r.read_exact(&mut chunk).await.expect("a chunk");
            m.body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = m.header("content-length") {
        m.body = vec![0; n.parse().expect("a length")];
        r.read_exact(&mut m.body).await.expect("the body");
    } else if response {
        r.read_to_end(&mut m.body).await.expect("the body");
    }
    m
}

/// How a body is framed on the wire.
#[derive(Clone, Debug)]
enum Framing {
    Length,
    /// Chunks of these sizes in turn, then trailers.
    Chunked(Vec<usize>, Fields),
    /// No length: the body ends when the connection closes (responses only).
    Close,
}

fn frame(head: &mut Vec<u8>, body: &[u8], framing: &Framing) {
    match framing {
        Framing::Length => {
            head.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
            head.extend_from_slice(body);
        }
        Framing::Chunked(sizes, trailers) => {
            head.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
            let (mut rest, mut i) = (body, 0);
            while !rest.is_empty() {
                let n = sizes[i % sizes.len()].min(rest.len());
                head.extend_from_slice(format!("{n:x}\r\n").as_bytes());
                head.extend_from_slice(&rest[..n]);
                head.extend_from_slice(b"\r\n");
                rest = &rest[n..];
                i += 1;
            }
            head.extend_from_slice(b"0\r\n");
            for (n, v) in trailers {
                head.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
            }
            head.extend_from_slice(b"\r\n");
        }
        Framing::Close => {
            head.extend_from_slice(b"\r\n");
            head.extend_from_slice(body);
        }
    }
}

/// One generated exchange.
#[derive(Clone, Debug)]
struct Case {
    status: u16,
    reason: String,
    headers: Fields,
    body: Vec<u8>,
    gzip: bool,
    framing: Framing,
    request_headers: Fields,
    request_body: Vec<u8>,
    request_chunks: Option<Vec<usize>>,
    cap: usize,
}

fn fields() -> impl Strategy<Value = Fields> {
    let name = prop::sample::select(vec!["x-a", "X-Mixed-Case", "set-cookie", "cache-control", "etag", "vary", "x-b"]);
    prop::collection::vec((name.prop_map(str::to_owned), "[!-~]{1,12}( [!-~]{1,8})?"), 0..7)
}

fn case() -> impl Strategy<Value = Case> {
    let statuses = prop::sample::select(vec![200u16, 201, 202, 203, 400, 404, 409, 418, 500, 502, 503]);
    let sizes = prop::collection::vec(1usize..700, 1..5);
    let trailers = prop::collection::vec(
        (prop::sample::select(vec!["x-checksum", "grpc-status", "x-t"]).prop_map(str::to_owned), "[a-z0-9]{1,10}"),
        0..3,
    );
    let framing = prop_oneof![
        Just(Framing::Length),
        (sizes.clone(), trailers).prop_map(|(s, t)| Framing::Chunked(s, t)),
        Just(Framing::Close),
    ];
    (
        (statuses, "[A-Za-z]{1,10}( [A-Za-z]{1,10}){0,2}", fields()),
        (prop::collection::vec(any::<u8>(), 0..5000), any::<bool>(), framing),
        (fields(), prop::collection::vec(any::<u8>(), 0..3000), prop::option::of(sizes), 0usize..6000),
    )
        .prop_map(|((status, reason, headers), (body, gzip, framing), (rh, rb, rc, cap))| Case {
            status,
            reason,
            headers,
            body,
            gzip,
            framing,
            request_headers: rh,
            request_body: rb,
            request_chunks: rc,
            cap,
        })
}

/// Header values per lower-cased name, in order, without the hop-by-hop ones.
fn by_name(fields: &Fields, skip: &[&str]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, v) in fields {
        let n = n.to_ascii_lowercase();
        if !["connection", "transfer-encoding", "keep-alive"].contains(&n.as_str()) && !skip.contains(&n.as_str()) {
            out.entry(n).or_default().push(v.clone());
        }
    }
    out
}

/// An upstream that answers one connection with the case's raw response, then closes; it
/// reports the request it read.
async fn raw_upstream(response: Vec<u8>) -> (std::net::SocketAddr, oneshot::Receiver<Wire>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("a connection");
        let mut r = BufReader::new(stream);
        let req = read_message(&mut r, false).await;
        let _ = tx.send(req);
        let mut stream = r.into_inner();
        stream.write_all(&response).await.expect("write");
        let _ = stream.shutdown().await;
    });
    (addr, rx)
}

async fn run_case(c: Case) -> Result<(), TestCaseError> {
    let body = if c.gzip {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&c.body).expect("gzip");
        e.finish().expect("gzip")
    } else {
        c.body.clone()
    };
    let mut response = format!("HTTP/1.1 {} {}\r\n", c.status, c.reason).into_bytes();
    for (n, v) in &c.headers {
        response.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    if c.gzip {
        response.extend_from_slice(b"Content-Encoding: gzip\r\n");
    }
    let declared = match &c.framing {
        // Trailers are declared up front (hyper sends HTTP/1.1 trailers only when declared).
        Framing::Chunked(_, t) if !t.is_empty() => {
            let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
            Some(names.join(", "))
        }
        _ => None,
    };
    if let Some(names) = &declared {
        response.extend_from_slice(format!("Trailer: {names}\r\n").as_bytes());
    }
    frame(&mut response, &body, &c.framing);
    let (up, seen) = raw_upstream(response).await;

    let (tap, mut rx): (Tap, mpsc::Receiver<Tapped>) = Tap::new(1 << 20);
    let mut route = Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route");
    route.max_record_bytes = c.cap;
    let proxy: Proxy = start(route).await;

    let mut request = b"POST /wire/1?q=2 HTTP/1.1\r\nhost: client.example\r\nconnection: close, x-hop\r\nx-hop: 1\r\nte: trailers\r\n".to_vec();
    for (n, v) in &c.request_headers {
        request.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    let request_framing = match &c.request_chunks {
        Some(sizes) => Framing::Chunked(sizes.clone(), Vec::new()),
        None => Framing::Length,
    };
    frame(&mut request, &c.request_body, &request_framing);
    let mut client = TcpStream::connect(proxy.addr).await.expect("connect");
    client.write_all(&request).await.expect("send");
    let got = timeout(Duration::from_secs(10), read_message(&mut BufReader::new(client), true)).await.expect("in time");

    // The upstream got the client's body and end-to-end headers, not the hop-by-hop ones.
    let sent = seen.await.expect("the upstream read a request");
    prop_assert_eq!(&sent.body, &c.request_body);
    prop_assert_eq!(sent.header("x-hop"), None);
    prop_assert_eq!(sent.header("te"), Some("trailers"));
    let theirs = by_name(&sent.headers, &["host", "content-length", "te"]);
    let ours = by_name(&c.request_headers, &[]);
    prop_assert_eq!(theirs, ours);

    // The client got the upstream's status, reason, headers, body and trailers.
    prop_assert_eq!(got.start_line, format!("HTTP/1.1 {} {}", c.status, c.reason));
    let skip: &[&str] = if matches!(c.framing, Framing::Length) { &[] } else { &["content-length"] };
    let mut expected = c.headers.clone();
    if c.gzip {
        expected.push(("content-encoding".into(), "gzip".into()));
    }
    if let Some(names) = declared {
        expected.push(("trailer".into(), names));
    }
    if matches!(c.framing, Framing::Length) {
        expected.push(("content-length".into(), body.len().to_string()));
    }
    prop_assert_eq!(by_name(&got.headers, skip), by_name(&expected, &[]), "no header of the proxy's own");
    prop_assert_eq!(&got.body, &body);
    if let Framing::Chunked(_, trailers) = &c.framing {
        prop_assert_eq!(by_name(&got.trailers, &[]), by_name(trailers, &[]));
    }

    // The recorded copy is the first `cap` bytes of each body, marked truncated beyond.
    let t = timeout(Duration::from_secs(5), rx.recv()).await.expect("recorded in time").expect("recorded");
    let x = t.into_exchange();
    prop_assert_eq!(x.status, c.status);
    prop_assert_eq!(&x.response.body[..], &body[..body.len().min(c.cap)]);
    prop_assert_eq!(x.response.truncated, body.len() > c.cap);
    prop_assert_eq!(&x.request.body[..], &c.request_body[..c.request_body.len().min(c.cap)]);
    prop_assert_eq!(x.request.truncated, c.request_body.len() > c.cap);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn forwards_byte_exact_over_random_bodies_framing_headers_and_compression(c in case()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(run_case(c))?;
    }
}

fn h2_client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new()).http2_only(true).build(HttpConnector::new())
}

#[tokio::test]
async fn http2_with_prior_knowledge_on_both_sides() {
    // An h2c client to an HTTP/1.1 upstream.
    let up = upstream(br#"{"id":1}"#.to_vec()).await;
    let (tap, mut rx) = Tap::new(1 << 20);
    let p = start(Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route")).await;
    let rsp = h2_client()
        .request(Request::get(format!("http://{}/v1/items/1", p.addr)).body(Full::default()).expect("request"))
        .await
        .expect("an h2 response");
    assert_eq!(rsp.version(), Version::HTTP_2);
    assert_eq!(rsp.status(), StatusCode::CREATED);
    assert_eq!(rsp.headers()["x-seen-host"], up.to_string().as_str(), "Host from the upstream, not :authority");
    assert_eq!(rsp.into_body().collect().await.expect("body").to_bytes(), &br#"{"id":1}"#[..]);
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert_eq!((x.method.as_str(), x.path.as_str(), x.status), ("GET", "/v1/items/1", 201));

    // An HTTP/1.1 client to an h2c:// upstream (HTTP/2 with prior knowledge).
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let h2_up = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let svc = hyper::service::service_fn(|req: Request<Incoming>| async move {
                let mut rsp = Response::new(Full::new(Bytes::from_static(b"{\"ok\":true}")));
                let seen = HeaderValue::from_str(&format!("{:?}", req.version())).expect("ascii");
                rsp.headers_mut().insert("x-seen-version", seen);
                rsp.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
                Ok::<_, Infallible>(rsp)
            });
            let http = hyper::server::conn::http2::Builder::new(TokioExecutor::new());
            tokio::spawn(http.serve_connection(TokioIo::new(stream), svc));
        }
    });
    let (tap, mut rx) = Tap::new(1 << 20);
    let p =
        start(Route::new("s", Upstream::parse(&format!("h2c://{h2_up}")).expect("valid"), tap).expect("route")).await;
    let client: Client<HttpConnector, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let rsp = client
        .request(Request::get(format!("http://{}/v2/ok", p.addr)).body(Full::default()).expect("request"))
        .await
        .expect("a response");
    assert_eq!(rsp.version(), Version::HTTP_11);
    assert_eq!(rsp.headers()["x-seen-version"], "HTTP/2.0");
    assert_eq!(rsp.into_body().collect().await.expect("body").to_bytes(), &b"{\"ok\":true}"[..]);
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert_eq!(x.path, "/v2/ok");
}

#[tokio::test]
async fn protocol_switches_pass_through_unrecorded() {
    // An upstream that switches to an echo protocol that upper-cases what it reads.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let up = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let svc = hyper::service::service_fn(|mut req: Request<Incoming>| async move {
                let on = hyper::upgrade::on(&mut req);
                tokio::spawn(async move {
                    let Ok(upgraded) = on.await else { return };
                    let mut io = TokioIo::new(upgraded);
                    let mut buf = [0u8; 5];
                    if io.read_exact(&mut buf).await.is_ok() {
                        let _ = io.write_all(&buf.to_ascii_uppercase()).await;
                    }
                });
                let mut rsp = Response::new(Full::<Bytes>::default());
                *rsp.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
                rsp.headers_mut().insert("upgrade", HeaderValue::from_static("shout"));
                rsp.headers_mut().insert("connection", HeaderValue::from_static("upgrade"));
                rsp.headers_mut().insert("sec-websocket-accept", HeaderValue::from_static("abc="));
                Ok::<_, Infallible>(rsp)
            });
            let http = hyper::server::conn::http1::Builder::new();
            tokio::spawn(http.serve_connection(TokioIo::new(stream), svc).with_upgrades());
        }
    });
    let (tap, mut rx) = Tap::new(1 << 20);
    let p = start(Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route")).await;
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client
        .write_all(
            b"GET /chat HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: shout\r\nsec-websocket-key: k\r\n\r\n",
        )
        .await
        .expect("send");
    let mut r = BufReader::new(client);
    let head = timeout(Duration::from_secs(5), read_message(&mut r, true)).await.expect("in time");
    assert!(head.start_line.starts_with("HTTP/1.1 101"), "{head:?}");
    assert_eq!(head.header("upgrade"), Some("shout"));
    assert_eq!(head.header("sec-websocket-accept"), Some("abc="));
    let mut client = r.into_inner();
    client.write_all(b"hello").await.expect("send");
    let mut echoed = [0u8; 5];
    timeout(Duration::from_secs(5), client.read_exact(&mut echoed)).await.expect("in time").expect("echo");
    assert_eq!(&echoed, b"HELLO");
    assert_eq!(p.stats.tunnels.load(Ordering::Relaxed), 1);
    assert_eq!(p.stats.unrecorded.load(Ordering::Relaxed), 1);
    assert!(rx.try_recv().is_err(), "a protocol switch is not recorded");
}

#[tokio::test]
async fn expect_100_continue_waits_for_the_proxy_then_forwards_the_body() {
    let up = upstream(b"{}".to_vec()).await;
    let (tap, mut rx) = Tap::new(1 << 20);
    let p = start(Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route")).await;
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client
        .write_all(b"PUT /v1/blob HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 5\r\nconnection: close\r\n\r\n")
        .await
        .expect("send");
    let mut r = BufReader::new(client);
    let mut interim = String::new();
    timeout(Duration::from_secs(5), r.read_line(&mut interim)).await.expect("in time").expect("a line");
    assert!(interim.starts_with("HTTP/1.1 100"), "{interim:?}");
    let mut blank = String::new();
    r.read_line(&mut blank).await.expect("end of the interim response");
    r.get_mut().write_all(b"12345").await.expect("the body");
    let rsp = timeout(Duration::from_secs(5), read_message(&mut r, true)).await.expect("in time");
    assert!(rsp.start_line.starts_with("HTTP/1.1 201"), "{rsp:?}");
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert_eq!(x.request.body, b"12345");
}

#[tokio::test]
async fn forward_mode_forwards_absolute_form_and_tunnels_connect() {
    let up = upstream(br#"{"id":7}"#.to_vec()).await;
    let (tap, mut rx) = Tap::new(1 << 20);
    let names = BTreeMap::from([("127.0.0.1".to_owned(), "payments".to_owned())]);
    let route = Route::with_tls("forward", Target::Forward(names), tap, tls::no_upstream_tls(), Duration::from_secs(2));
    let p = start(route).await;

    // Absolute form, as an app with HTTP_PROXY sends it: forwarded, recorded under the map's name.
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    let req = format!(
        "GET http://{up}/v1/charges/7 HTTP/1.1\r\nhost: {up}\r\nproxy-authorization: Basic c2VjcmV0\r\nconnection: close\r\n\r\n"
    );
    client.write_all(req.as_bytes()).await.expect("send");
    let rsp = timeout(Duration::from_secs(5), read_message(&mut BufReader::new(client), true)).await.expect("in time");
    assert!(rsp.start_line.starts_with("HTTP/1.1 201"), "{rsp:?}");
    assert_eq!(rsp.header("x-seen-path"), Some("/v1/charges/7"));
    assert_eq!(rsp.header("x-seen-host"), Some(up.to_string().as_str()));
    assert_eq!(rsp.body, br#"{"id":7}"#);
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert_eq!((x.service.as_str(), x.path.as_str()), ("payments", "/v1/charges/7"));
    assert_eq!(rsp.header("x-seen-hop"), Some("no"), "Proxy-Authorization is for the proxy, not the upstream");

    // Origin form is not a forward-proxy request.
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(b"GET /v1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").await.expect("send");
    let rsp = read_message(&mut BufReader::new(client), true).await;
    assert!(rsp.start_line.starts_with("HTTP/1.1 400"), "{rsp:?}");
    assert!(String::from_utf8_lossy(&rsp.body).contains("absolute-form"), "{rsp:?}");

    // CONNECT: a tunnel, opaque (here plain HTTP inside), counted and not recorded.
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(format!("CONNECT {up} HTTP/1.1\r\nhost: {up}\r\n\r\n").as_bytes()).await.expect("send");
    let mut r = BufReader::new(client);
    let established = timeout(Duration::from_secs(5), read_head(&mut r)).await.expect("in time");
    assert!(established.start_line.starts_with("HTTP/1.1 200"), "{established:?}");
    r.get_mut().write_all(b"GET /inside HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n").await.expect("send");
    let inner = timeout(Duration::from_secs(5), read_message(&mut r, true)).await.expect("in time");
    assert_eq!(inner.header("x-seen-path"), Some("/inside"));
    assert_eq!(p.stats.tunnels.load(Ordering::Relaxed), 1);
    assert!(rx.try_recv().is_err(), "tunnels are not recorded");

    // A CONNECT to a closed port is a 502 with the reason, counted.
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind").local_addr().expect("addr");
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(format!("CONNECT {closed} HTTP/1.1\r\nhost: {closed}\r\n\r\n").as_bytes()).await.expect("send");
    let failed =
        timeout(Duration::from_secs(5), read_message(&mut BufReader::new(client), true)).await.expect("in time");
    assert!(failed.start_line.starts_with("HTTP/1.1 502"), "{failed:?}");
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);
}

#[tokio::test]
async fn via_and_x_forwarded_only_when_configured() {
    for configured in [false, true] {
        let rsp = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec();
        let (up, seen) = raw_upstream(rsp).await;
        let (tap, _rx) = Tap::new(1 << 20);
        let mut route = Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route");
        route.add_via = configured;
        route.add_x_forwarded = configured;
        let p = start(route).await;
        let mut client = TcpStream::connect(p.addr).await.expect("connect");
        client
            .write_all(b"GET /a HTTP/1.1\r\nhost: app.local\r\nx-forwarded-for: 10.1.2.3\r\nconnection: close\r\n\r\n")
            .await
            .expect("send");
        let got =
            timeout(Duration::from_secs(5), read_message(&mut BufReader::new(client), true)).await.expect("in time");
        let sent = seen.await.expect("a request");
        if configured {
            assert_eq!(sent.header("x-forwarded-for"), Some("10.1.2.3, 127.0.0.1"));
            assert_eq!(sent.header("x-forwarded-proto"), Some("http"));
            assert_eq!(sent.header("x-forwarded-host"), Some("app.local"));
            assert_eq!(sent.header("via"), Some("1.1 mockdrift"));
            assert_eq!(got.header("via"), Some("1.1 mockdrift"));
        } else {
            assert_eq!(sent.header("x-forwarded-for"), Some("10.1.2.3"), "passed through untouched");
            assert_eq!((sent.header("x-forwarded-proto"), sent.header("via")), (None, None));
            assert_eq!(got.header("via"), None);
        }
    }
}

#[tokio::test]
async fn an_upstream_reset_mid_body_cuts_the_client_off_and_is_counted() {
    // The head and 100 of the 1000 promised bytes, then the upstream goes away.
    let mut rsp = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n".to_vec();
    rsp.extend_from_slice(&[b'x'; 100]);
    let (up, _seen) = raw_upstream(rsp).await;
    let (tap, mut rx) = Tap::new(1 << 20);
    let p = start(Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route")).await;
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(b"GET /big HTTP/1.1\r\nhost: x\r\n\r\n").await.expect("send");
    let mut got = Vec::new();
    // The client sees the head and what came, then the connection ends short of the length.
    let _ = timeout(Duration::from_secs(5), client.read_to_end(&mut got)).await.expect("the proxy closes");
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
    let body = got.len() - text.find("\r\n\r\n").expect("a head") - 4;
    assert!(body < 1000, "a cut body must not look complete ({body} bytes)");
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert!(x.response.truncated, "recorded as truncated");
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);
    // The proxy keeps serving: the next request gets its own answer (the upstream is gone
    // now, so a 502 naming it).
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(b"GET /again HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").await.expect("send");
    let next = timeout(Duration::from_secs(5), read_message(&mut BufReader::new(client), true)).await.expect("in time");
    assert!(next.start_line.starts_with("HTTP/1.1 502"), "{next:?}");
}

#[tokio::test]
async fn an_upstream_that_stalls_mid_body_is_timed_out_and_counted() {
    // The head and 100 of the 1000 promised bytes, then nothing, the connection held open.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let up = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut r = BufReader::new(stream);
        let _ = read_head(&mut r).await;
        let mut head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n".to_vec();
        head.extend_from_slice(&[b'x'; 100]);
        r.get_mut().write_all(&head).await.expect("write");
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let (tap, mut rx) = Tap::new(1 << 20);
    let mut route = Route::new("s", Upstream::parse(&format!("http://{up}")).expect("valid"), tap).expect("route");
    route.response_timeout = Duration::from_millis(300);
    let p = start(route).await;
    let mut client = TcpStream::connect(p.addr).await.expect("connect");
    client.write_all(b"GET /slow HTTP/1.1\r\nhost: x\r\n\r\n").await.expect("send");
    let mut got = Vec::new();
    let started = std::time::Instant::now();
    let _ = timeout(Duration::from_secs(5), client.read_to_end(&mut got)).await.expect("the proxy gives up");
    assert!(started.elapsed() >= Duration::from_millis(250), "not before the timeout: {:?}", started.elapsed());
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
    let body = got.len() - text.find("\r\n\r\n").expect("a head") - 4;
    assert_eq!(body, 100, "what came is forwarded, and the body ends short");
    let x = timeout(Duration::from_secs(5), rx.recv()).await.expect("in time").expect("recorded").into_exchange();
    assert!(x.response.truncated, "recorded as truncated");
    assert_eq!(p.stats.upstream_errors.load(Ordering::Relaxed), 1);
}
