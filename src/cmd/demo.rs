//! `mockdrift demo`: the whole job in one command. An embedded sample `payments` API (the
//! recorded example traffic, replayed by a small HTTP server on loopback) has moved on from
//! the quickstart mocks; the real recording proxy sits in front of it with a temporary store,
//! sample traffic goes through, then the drift report and the `regen` fix are printed.

use std::collections::{BTreeMap, VecDeque};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use anyhow::{Context, bail};
use mockdrift_contracts::{Exchange, Store};
use mockdrift_differ::regen::{self, Values};
use mockdrift_differ::render_text;

use crate::cmd::diff::{CompareArgs, FailOn};
use crate::cmd::proxy::ProxyArgs;
use crate::config::Config;
use crate::exit::Exit;

const TRAFFIC: &str = include_str!("../../examples/traffic/payments.jsonl");
const MOCKS: [(&str, &str); 4] = [
    (
        "wiremock/mappings/get-charge.json",
        include_str!("../../examples/quickstart/mocks/wiremock/mappings/get-charge.json"),
    ),
    (
        "wiremock/mappings/charge-not-found.json",
        include_str!("../../examples/quickstart/mocks/wiremock/mappings/charge-not-found.json"),
    ),
    (
        "wiremock/__files/charge-not-found.json",
        include_str!("../../examples/quickstart/mocks/wiremock/__files/charge-not-found.json"),
    ),
    ("pact/shop-payments.json", include_str!("../../examples/quickstart/mocks/pact/shop-payments.json")),
];

/// A temporary directory removed on drop (also when the demo fails half-way).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn run(cfg: &Config) -> anyhow::Result<Exit> {
    let exchanges: Vec<Exchange> = mockdrift_contracts::exchange::read_jsonl(TRAFFIC.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("the embedded traffic: {e}"))?;
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let tmp = TempDir(std::env::temp_dir().join(format!("mockdrift-demo-{}-{nanos}", std::process::id())));
    let mocks = tmp.0.join("mocks");
    for (path, text) in MOCKS {
        let file = mocks.join(path);
        std::fs::create_dir_all(file.parent().expect("mock paths have parents"))?;
        std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
    }
    out!(
        "mockdrift demo: a sample \"payments\" API has moved on from the mocks its consumers test against\n\
         (a renamed field, a new field, changed types and formats, a status and a media type the mocks get wrong).\n\
         Working in {} (removed at the end).\n",
        tmp.0.display()
    );

    // The sample API and the app's client share one small runtime; the proxy has its own.
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    let upstream = start_upstream(&rt, &exchanges)?;
    let store = tmp.0.join("store");
    let args = ProxyArgs {
        store: Some(store.clone()),
        routes: vec![format!("payments@127.0.0.1:0=http://{upstream}")],
        flush_interval: Some("1s".to_owned()),
        response_timeout: Some("10s".to_owned()),
        admin: Some("off".to_owned()),
        // 80 exchanges are too few to sample: record each, so every run reports the same.
        stable_sample: Some(1.0),
        ..ProxyArgs::default()
    };
    let (ready_tx, ready_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let proxy_cfg = Config::default();
    let proxy = std::thread::spawn(move || {
        crate::cmd::proxy::run_until(
            args,
            &proxy_cfg,
            async move {
                let _ = stop_rx.await;
            },
            move |_, addr| {
                let _ = ready_tx.send(addr);
            },
        )
    });
    let listen: SocketAddr = match ready_rx.recv_timeout(Duration::from_secs(10)) {
        Ok(a) => a,
        Err(_) => {
            let _ = stop_tx.send(());
            return match proxy.join() {
                Ok(Err(e)) => Err(e.context("starting the proxy")),
                _ => bail!("the proxy did not start listening"),
            };
        }
    };
    out!("1. Recording: the app's traffic goes through `mockdrift proxy` ({listen}) to the API ({upstream}).");
    let drive = drive(&rt, listen, &exchanges);
    rt.shutdown_background();
    let _ = stop_tx.send(());
    let proxied = proxy.join().map_err(|_| anyhow::anyhow!("the proxy thread panicked"))?;
    let sent = drive?;
    proxied.context("the proxy")?;
    let snapshot = Store::open(&store)?.snapshot()?.0;
    out!(
        "   {sent} requests forwarded byte for byte and recorded: {} endpoint contracts in the store.\n",
        snapshot.contracts.len()
    );

    out!("2. Checking the mocks: `mockdrift diff --contracts STORE --mocks payments=mocks`\n");
    // Paths in the report read relative to the demo directory.
    let cwd = std::env::current_dir().ok();
    std::env::set_current_dir(&tmp.0)?;
    let compared = crate::cmd::diff::compare(
        &CompareArgs {
            contracts: vec![store.display().to_string()],
            max_age: None,
            mocks: vec!["payments=mocks".to_owned()],
            fail_on: FailOn::Error,
            min_samples: 20,
            stale_after: "14d".to_owned(),
            now: None,
            baseline: None,
            openapi: None,
            routes: Vec::new(),
        },
        cfg,
        None,
    );
    let result = compared.map(|c| {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        let text = render_text(&c.report, color);
        let plan = regen::plan(&c.report, &c.items, Values::Examples);
        let diffs: String = plan.changes.iter().map(|ch| ch.unified_diff(&shown(&ch.path, &tmp.0))).collect();
        (text, plan, diffs, c.report.fails(Some(mockdrift_differ::Severity::Error)))
    });
    if let Some(cwd) = cwd {
        let _ = std::env::set_current_dir(cwd);
    }
    let (text, plan, diffs, drift) = result?;
    for line in text.lines() {
        out!("   {line}");
    }
    out!(
        "\n3. The fix: `mockdrift regen --contracts STORE --mocks payments=mocks --values examples` (add --write to apply)\n"
    );
    for line in diffs.lines() {
        out!("   {line}");
    }
    for f in &plan.fixed {
        out!(
            "   fixed  {} {:?}: {} added, {} dropped, {} replaced",
            shown(&f.file, &tmp.0),
            f.name,
            f.added,
            f.removed,
            f.replaced
        );
    }
    for l in &plan.left {
        out!(
            "   left   {}:{} {} {}: {}",
            l.finding.file,
            l.finding.line,
            l.finding.severity.name(),
            l.finding.kind.name(),
            l.reason
        );
    }
    out!(
        "\nDo the same with your own service:\n\
         \x20 1. record: mockdrift proxy --store /var/lib/mockdrift --route payments@127.0.0.1:15001=http://payments.internal:8080\n\
         \x20    (point the app's payments base URL at http://127.0.0.1:15001; admin on 127.0.0.1:9477)\n\
         \x20 2. gate CI: mockdrift diff --contracts http://127.0.0.1:9477 --mocks payments=test/mocks --format sarif -o drift.sarif\n\
         \x20    (or a snapshot: mockdrift contracts export --from http://127.0.0.1:9477 -o contracts.json)\n\
         \x20 3. fix:     mockdrift regen --contracts contracts.json --mocks payments=test/mocks --write"
    );
    if !drift {
        bail!("the demo found no drift: the embedded API and mocks no longer disagree");
    }
    Ok(Exit::Ok)
}

fn shown(p: &Path, base: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).display().to_string()
}

/// One recorded response: status, headers, body.
type Recorded = (u16, Vec<(String, String)>, Vec<u8>);

/// Serves the recorded responses, in recorded order per request line, on 127.0.0.1:0 (a
/// hyper server on `rt`).
fn start_upstream(rt: &tokio::runtime::Runtime, exchanges: &[Exchange]) -> anyhow::Result<SocketAddr> {
    let mut by_request: BTreeMap<String, VecDeque<Recorded>> = BTreeMap::new();
    for e in exchanges {
        by_request.entry(target(e)).or_default().push_back((
            e.status,
            e.response.headers.clone(),
            e.response.body.clone(),
        ));
    }
    let by_request = Arc::new(Mutex::new(by_request));
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).context("starting the sample API")?;
    let addr = listener.local_addr()?;
    rt.spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let by_request = Arc::clone(&by_request);
            let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let key = format!(
                    "{} {}",
                    req.method(),
                    req.uri().path_and_query().map_or("/", hyper::http::uri::PathAndQuery::as_str)
                );
                let recorded = by_request.lock().ok().and_then(|mut m| m.get_mut(&key).and_then(VecDeque::pop_front));
                let (status, headers, body) = recorded.unwrap_or((
                    404,
                    vec![("content-type".to_owned(), "application/problem+json".to_owned())],
                    br#"{"type": "about:blank", "title": "Not Found", "status": 404}"#.to_vec(),
                ));
                let mut rsp = hyper::Response::builder().status(status);
                for (k, v) in headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("content-length")) {
                    rsp = rsp.header(k, v);
                }
                std::future::ready(rsp.body(http_body_util::Full::new(hyper::body::Bytes::from(body))))
            });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(tcp), service),
            );
        }
    });
    Ok(addr)
}

fn target(e: &Exchange) -> String {
    if e.query.is_empty() { format!("{} {}", e.method, e.path) } else { format!("{} {}?{}", e.method, e.path, e.query) }
}

/// Sends each exchange's request through the proxy (on `rt`), with a progress bar; returns
/// how many got the recorded status back.
fn drive(rt: &tokio::runtime::Runtime, proxy: SocketAddr, exchanges: &[Exchange]) -> anyhow::Result<usize> {
    let tty = std::io::stderr().is_terminal();
    let client = mockdrift_proxy::client::HttpClient::plain(Duration::from_secs(10));
    let mut ok = 0;
    for (i, e) in exchanges.iter().enumerate() {
        // Recorded times are the proxy's clock: a pause keeps them apart and in order, so that
        // a field the API gained part-way ("present since it first appeared") reads as such.
        std::thread::sleep(Duration::from_millis(3));
        let path = target(e);
        let path = path.split_once(' ').map_or("/", |(_, p)| p);
        let method = hyper::Method::from_bytes(e.method.as_bytes()).context("a recorded method")?;
        let headers = [("host", "payments"), ("accept", "application/json")];
        let answer = rt
            .block_on(client.send(method, &format!("http://{proxy}{path}"), &headers, Default::default()))
            .context("a request through the proxy")?;
        if answer.status == e.status {
            ok += 1;
        }
        let done = i + 1;
        if tty || done == exchanges.len() {
            let width = 30;
            let filled = done * width / exchanges.len();
            eprint!(
                "\r   [{}{}] {done}/{} exchanges{}",
                "#".repeat(filled),
                ".".repeat(width - filled),
                exchanges.len(),
                if done == exchanges.len() { "\n" } else { "" }
            );
        }
    }
    if ok != exchanges.len() {
        bail!(
            "{} of {} responses through the proxy had another status than the API sent",
            exchanges.len() - ok,
            exchanges.len()
        );
    }
    Ok(ok)
}
