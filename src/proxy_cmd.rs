//! `mockdrift proxy`: listeners per route, the tap, and the recorder on a blocking thread.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, bail};
use mockdrift_contracts::{Recorder, Store};
use mockdrift_proxy::admin::{ADMIN_TOKEN_ENV, Admin, Health, serve_admin};
use mockdrift_proxy::tap::Tap;
use mockdrift_proxy::{Route, Upstream, tls};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::cli::ProxyArgs;
use crate::config::Config;
use crate::exit::Exit;

/// `payments@127.0.0.1:15001=http://10.0.0.5:8080` → (name, listen, upstream).
fn parse_route(spec: &str) -> anyhow::Result<(String, SocketAddr, Upstream)> {
    let (name, rest) =
        spec.split_once('@').with_context(|| format!("--route {spec:?}: expected NAME@LISTEN=UPSTREAM_URL"))?;
    let (listen, url) =
        rest.split_once('=').with_context(|| format!("--route {spec:?}: expected NAME@LISTEN=UPSTREAM_URL"))?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        bail!("--route {spec:?}: the name must be letters, digits, '-', '_' or '.'");
    }
    let listen: SocketAddr = listen
        .parse()
        .with_context(|| format!("--route {spec:?}: {listen:?} is not an address like 127.0.0.1:15001"))?;
    let upstream = Upstream::parse(url).with_context(|| format!("--route {spec:?}"))?;
    Ok((name.to_owned(), listen, upstream))
}

pub(crate) fn run(args: ProxyArgs, cfg: &Config) -> anyhow::Result<Exit> {
    run_until(args, cfg, wait_for_signal(), |_, _| {})?;
    Ok(Exit::Ok)
}

/// Runs the proxy until `stop` completes, then drains, flushes and returns. `ready` is told
/// each route's bound address (`"admin"` for the admin listener) as it starts listening.
pub(crate) fn run_until(
    args: ProxyArgs,
    cfg: &Config,
    stop: impl Future<Output = ()> + Send + 'static,
    ready: impl Fn(&str, SocketAddr) + Send + 'static,
) -> anyhow::Result<()> {
    let routes = args.routes.iter().map(|r| parse_route(r)).collect::<anyhow::Result<Vec<_>>>()?;
    let filter = mockdrift_proxy::RecordFilter::parse(&args.record_only, &args.record_skip)
        .map_err(|e| anyhow::anyhow!("--record-only/--record-skip {e}"))?;
    if !(0.0..=1.0).contains(&args.sample) {
        bail!("--sample {} must be between 0 and 1", args.sample);
    }
    let flush_every =
        crate::duration::parse(&args.flush_interval, Duration::from_secs(1)).context("--flush-interval")?;
    let response_timeout =
        crate::duration::parse(&args.response_timeout, Duration::from_secs(1)).context("--response-timeout")?;
    let upstream_tls = tls::UpstreamTls { ca_file: args.upstream_ca.clone(), insecure: args.insecure_upstream };
    let client_tls =
        if routes.iter().any(|(_, _, u)| u.tls) { tls::client_config(&upstream_tls)? } else { tls::no_upstream_tls() };
    if args.insecure_upstream {
        tracing::warn!("--insecure-upstream: upstream TLS certificates are not verified.");
    }
    let tls_server = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(tls::server_config(cert, key)?),
        _ => None,
    };
    std::fs::create_dir_all(&args.store.store).with_context(|| format!("creating {}", args.store.store.display()))?;
    let store = Store::open(&args.store.store)?;
    let (mut recorder, bad) = Recorder::new(cfg.recorder(&[]), Some(store)).context("starting the recorder")?;
    for e in bad {
        eprintln!("mockdrift: warning: {}: {e} (left as is)", args.store.store.display());
    }
    let admin_addr: Option<SocketAddr> = match args.admin.as_str() {
        "off" => None,
        a => {
            let addr: SocketAddr =
                a.parse().with_context(|| format!("--admin {a:?} is not an address like 127.0.0.1:9901 (or off)"))?;
            if !addr.ip().is_loopback() && !args.admin_allow_remote {
                bail!(
                    "--admin {addr} is not a loopback address; add --admin-allow-remote (and set a token) to expose it"
                );
            }
            Some(addr)
        }
    };
    let token = match &args.admin_token_file {
        Some(f) => Some(
            std::fs::read_to_string(f)
                .with_context(|| format!("reading --admin-token-file {}", f.display()))?
                .trim()
                .to_owned(),
        ),
        None => std::env::var(ADMIN_TOKEN_ENV).ok().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
    };
    let health = Arc::new(Health::default());
    let contracts = recorder.handle();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async move {
        let (tap, mut rx) = Tap::new(args.queue_bytes);
        let stats = Arc::clone(tap.stats());
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut servers = Vec::new();
        for (name, listen, upstream) in routes {
            let listener = TcpListener::bind(listen).await.with_context(|| format!("route {name}: cannot listen on {listen}"))?;
            let bound = listener.local_addr()?;
            ready(&name, bound);
            eprintln!(
                "mockdrift proxy: route {name} listening on {}://{bound}, forwarding to {}://{}{}",
                if tls_server.is_some() { "https" } else { "http" },
                if upstream.tls { "https" } else { "http" },
                upstream.host_header,
                upstream.base_path
            );
            let mut route = Route::with_tls(&name, upstream, tap.clone(), client_tls.clone());
            route.tls_server = tls_server.clone();
            route.max_record_bytes = args.max_record_bytes;
            route.preserve_host = args.preserve_host;
            route.response_timeout = response_timeout;
            route.sample = args.sample;
            route.filter = filter.clone();
            let mut stop = stop_rx.clone();
            let shutdown = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            servers.push(tokio::spawn(mockdrift_proxy::serve(listener, Arc::new(route), shutdown, Duration::from_secs(10))));
        }
        if let Some(addr) = admin_addr {
            let listener = TcpListener::bind(addr).await.with_context(|| format!("admin: cannot listen on {addr}"))?;
            ready("admin", listener.local_addr()?);
            eprintln!("mockdrift proxy: admin listening on {}", listener.local_addr()?);
            let admin = Arc::new(Admin { stats: Arc::clone(&stats), health: Arc::clone(&health), contracts, token });
            let mut stop = stop_rx.clone();
            tokio::spawn(serve_admin(listener, admin, async move {
                let _ = stop.wait_for(|s| *s).await;
            }));
        }
        // Only the routes hold the tap now: when they are gone, the recorder's channel closes.
        drop(tap);
        let flush_health = Arc::clone(&health);
        let handle = tokio::runtime::Handle::current();
        let recorder_task = tokio::task::spawn_blocking(move || {
            let mut next_flush = std::time::Instant::now() + flush_every;
            loop {
                let wait = next_flush.saturating_duration_since(std::time::Instant::now());
                match handle.block_on(tokio::time::timeout(wait, rx.recv())) {
                    Ok(Some(t)) => {
                        recorder.record(&t.into_exchange());
                    }
                    Ok(None) => break,
                    Err(_) => {}
                }
                if std::time::Instant::now() >= next_flush {
                    let started = std::time::Instant::now();
                    match recorder.flush() {
                        Ok(_) => {
                            flush_health.flushes.fetch_add(1, Ordering::Relaxed);
                            flush_health.set_degraded(None);
                        }
                        Err(e) => {
                            // Once per interval, not per request; the proxy keeps forwarding.
                            tracing::error!(error = %e, "Flushing contracts failed; will retry.");
                            flush_health.flush_errors.fetch_add(1, Ordering::Relaxed);
                            flush_health.set_degraded(Some(format!("the contract store failed: {e}")));
                        }
                    }
                    flush_health.last_flush_micros.store(started.elapsed().as_micros() as u64, Ordering::Relaxed);
                    next_flush = std::time::Instant::now() + flush_every;
                }
            }
            recorder.flush().map(|_| recorder.len())
        });
        stop.await;
        eprintln!("mockdrift proxy: stopping: finishing in-flight requests, then flushing");
        let _ = stop_tx.send(true);
        for s in servers {
            let _ = s.await;
        }
        let endpoints = recorder_task.await.context("the recorder stopped")?.context("flushing contracts on shutdown")?;
        eprintln!(
            "mockdrift proxy: stopped; {} requests, {} recorded, {} dropped, {} upstream errors; {endpoints} endpoint contracts in the store",
            stats.requests.load(Ordering::Relaxed),
            stats.recorded.load(Ordering::Relaxed),
            stats.dropped.load(Ordering::Relaxed),
            stats.upstream_errors.load(Ordering::Relaxed),
        );
        Ok::<_, anyhow::Error>(())
    })
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let (name, listen, up) = parse_route("payments@127.0.0.1:15001=http://10.0.0.5:8080/api/v3").expect("valid");
        assert_eq!(
            (name.as_str(), listen.to_string().as_str(), up.base_path.as_str()),
            ("payments", "127.0.0.1:15001", "/api/v3")
        );
        assert!(parse_route("payments=http://x").is_err());
        assert!(parse_route("pay ments@127.0.0.1:1=http://x").is_err());
        assert!(parse_route("p@nowhere=http://x").is_err());
    }
}
