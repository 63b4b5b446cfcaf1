//! `mockdrift proxy`: listeners per route, the tap, and the recorder on a blocking thread.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context, bail};
use mockdrift_contracts::{Recorder, Store, StoreError};
use mockdrift_differ::plural;
use mockdrift_proxy::admin::{ADMIN_TOKEN_ENV, Admin, Health, serve_admin};
use mockdrift_proxy::tap::Tap;
use mockdrift_proxy::{RecordFilter, Route, Stats, Target, Upstream, tls};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::config::Config;
use crate::exit::Exit;
use clap::Args;

/// `payments@127.0.0.1:15001=http://10.0.0.5:8080` → (name, listen, upstream).
fn parse_route(spec: &str) -> anyhow::Result<(String, SocketAddr, Upstream)> {
    let (name, rest) =
        spec.split_once('@').with_context(|| format!("--route {spec:?}: expected NAME@LISTEN=UPSTREAM_URL"))?;
    let (listen, url) =
        rest.split_once('=').with_context(|| format!("--route {spec:?}: expected NAME@LISTEN=UPSTREAM_URL"))?;
    route_parts(name, listen, url).with_context(|| format!("--route {spec:?}"))
}

fn route_parts(name: &str, listen: &str, url: &str) -> anyhow::Result<(String, SocketAddr, Upstream)> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        bail!("the name {name:?} must be letters, digits, '-', '_' or '.'");
    }
    let listen = parse_addr(listen)?;
    let upstream = Upstream::parse(url)?;
    Ok((name.to_owned(), listen, upstream))
}

fn parse_addr(a: &str) -> anyhow::Result<SocketAddr> {
    a.parse().with_context(|| format!("{a:?} is not an address like 127.0.0.1:15001"))
}

/// The proxy's settings: flags, over the config file's `[proxy]` table, over defaults.
/// Resolving reads and checks every file named (TLS, token) but binds and opens nothing, so
/// `mockdrift config check` uses it too.
pub(crate) struct Settings {
    store: PathBuf,
    pub(crate) routes: Vec<(String, SocketAddr, Upstream)>,
    pub(crate) forward: Option<(SocketAddr, BTreeMap<String, String>)>,
    max_record_bytes: usize,
    queue_bytes: usize,
    flush_every: Duration,
    preserve_host: bool,
    add_x_forwarded: bool,
    add_via: bool,
    sample: f64,
    stable_sample: f64,
    stable_interval: Duration,
    filter: RecordFilter,
    upstream_tls: tls::UpstreamTls,
    tls_server: Option<Arc<mockdrift_proxy::rustls::ServerConfig>>,
    response_timeout: Duration,
    connect_timeout: Duration,
    header_timeout: Duration,
    idle_timeout: Duration,
    max_connections: usize,
    pub(crate) admin: Option<SocketAddr>,
    token: Option<String>,
    /// Serve the admin endpoints with TLS.
    admin_tls: Option<Arc<mockdrift_proxy::rustls::ServerConfig>>,
    /// Path templates from `--openapi`.
    templates: Vec<String>,
    /// This recorder's name in snapshots (`--source`).
    source: Option<String>,
    /// `--publish`.
    publish: Option<crate::fleet::PublishSettings>,
    /// `--notify-url`, `notify_url` and MOCKDRIFT_NOTIFY_URL: secrets, never shown.
    notify_urls: Vec<String>,
    /// `[changes]`.
    changes: mockdrift_contracts::changes::ChangeConfig,
}

/// The env var holding a webhook URL for contract changes (it carries a token).
pub(crate) const NOTIFY_URL_ENV: &str = "MOCKDRIFT_NOTIFY_URL";

/// The webhook URLs: the flags', else the config's, and the environment's. Each must be an
/// `http://` or `https://` URL; an error names it by position, never by its text (a webhook
/// URL is a token).
fn notify_urls(flags: Vec<String>, file: &[String]) -> anyhow::Result<Vec<String>> {
    let mut urls = if flags.is_empty() { file.to_vec() } else { flags };
    if let Ok(u) = std::env::var(NOTIFY_URL_ENV)
        && !u.trim().is_empty()
    {
        urls.push(u.trim().to_owned());
    }
    for (i, u) in urls.iter().enumerate() {
        if !mockdrift_proxy::client::HttpClient::valid_url(u) {
            bail!(
                "--notify-url #{} (flags, then notify_url, then {NOTIFY_URL_ENV}): not an http:// or https:// URL \
                 (it is not shown: a webhook URL carries a token)",
                i + 1
            );
        }
    }
    Ok(urls)
}

impl Settings {
    pub(crate) fn resolve(args: ProxyArgs, cfg: &Config) -> anyhow::Result<Settings> {
        let file = &cfg.proxy;
        let path =
            |flag: Option<PathBuf>, key: &Option<PathBuf>| flag.or_else(|| key.as_deref().map(|p| cfg.resolve(p)));
        let mut routes = Vec::new();
        for (i, spanned) in file.route.iter().enumerate() {
            let r = spanned.get_ref();
            let at = cfg.at(Some(spanned.span().start));
            routes.push(
                route_parts(&r.name, &r.listen, &r.upstream)
                    .with_context(|| format!("{at}: [[proxy.route]] #{} ({})", i + 1, r.name))?,
            );
        }
        for r in &args.routes {
            routes.push(parse_route(r)?);
        }
        let forward_listen = args.forward.or_else(|| file.forward.clone());
        if routes.is_empty() && forward_listen.is_none() {
            bail!(
                "nothing to proxy: give --route NAME@LISTEN=URL (or [[proxy.route]] in the config), or --forward LISTEN"
            );
        }
        let mut names = std::collections::HashSet::new();
        let mut listens = std::collections::HashSet::new();
        for (name, listen, _) in &routes {
            if !names.insert(name.as_str()) {
                bail!("route {name} is given twice");
            }
            if listen.port() != 0 && !listens.insert(*listen) {
                bail!("route {name}: {listen} is already another route's listener");
            }
        }
        let forward = match forward_listen {
            None => None,
            Some(l) => {
                let addr = parse_addr(&l).context("--forward")?;
                if addr.port() != 0 && listens.contains(&addr) {
                    bail!("--forward {addr} is already a route's listener");
                }
                let mut map = file.forward_names.clone();
                for m in &args.forward_names {
                    let (host, name) = m
                        .split_once('=')
                        .filter(|(h, n)| !h.is_empty() && !n.is_empty())
                        .with_context(|| format!("--forward-name {m:?}: expected HOST=NAME"))?;
                    map.insert(host.to_owned(), name.to_owned());
                }
                Some((addr, map))
            }
        };
        let record_only = if args.record_only.is_empty() { file.record_only.clone() } else { args.record_only };
        let record_skip = if args.record_skip.is_empty() { file.record_skip.clone() } else { args.record_skip };
        let filter = RecordFilter::parse(&record_only, &record_skip)
            .map_err(|e| anyhow::anyhow!("--record-only/--record-skip {e}"))?;
        let sample = args.sample.or(file.sample).unwrap_or(1.0);
        if !(0.0..=1.0).contains(&sample) {
            bail!("--sample {sample} must be between 0 and 1");
        }
        let stable_sample = args.stable_sample.or(file.stable_sample).unwrap_or(DEFAULT_STABLE_SAMPLE);
        if !(stable_sample > 0.0 && stable_sample <= 1.0) {
            bail!("--stable-sample {stable_sample} must be above 0 and at most 1 (1: record every exchange)");
        }
        let duration = |flag: Option<String>, key: &Option<String>, default: &str, name: &str| {
            let text = flag.or_else(|| key.clone()).unwrap_or_else(|| default.to_owned());
            crate::duration::parse(&text, Duration::from_secs(1)).with_context(|| format!("--{name}"))
        };
        // `0` or `off` turns the rule off.
        let duration_or_off = |flag: Option<String>, key: &Option<String>, default: &str, name: &str| match flag
            .or_else(|| key.clone())
            .as_deref()
        {
            Some("0" | "off") => Ok(Duration::ZERO),
            text => duration(text.map(str::to_owned), &None, default, name),
        };
        let upstream_tls = tls::UpstreamTls {
            ca_file: path(args.upstream_ca, &file.upstream_ca),
            insecure: args.insecure_upstream || file.insecure_upstream,
        };
        if upstream_tls.insecure && upstream_tls.ca_file.is_some() {
            bail!("--insecure-upstream and --upstream-ca contradict each other; give one");
        }
        if routes.iter().any(|(_, _, u)| u.tls) || forward.is_some() {
            // Loads and checks the CA file now, not at the first request.
            tls::client_config(&upstream_tls)?;
        }
        let tls_server = match (path(args.tls_cert, &file.tls_cert), path(args.tls_key, &file.tls_key)) {
            (Some(cert), Some(key)) => Some(tls::server_config(&cert, &key)?),
            (None, None) => None,
            _ => bail!("--tls-cert and --tls-key go together"),
        };
        let admin_tls =
            match (path(args.admin_tls_cert, &file.admin_tls_cert), path(args.admin_tls_key, &file.admin_tls_key)) {
                (Some(cert), Some(key)) => Some(tls::server_config(&cert, &key)?),
                (None, None) => None,
                _ => bail!("--admin-tls-cert and --admin-tls-key go together"),
            };
        let admin_allow_remote = args.admin_allow_remote || file.admin_allow_remote;
        let admin = match args.admin.or_else(|| file.admin.clone()).as_deref().unwrap_or("127.0.0.1:9477") {
            "off" => None,
            a => {
                let addr: SocketAddr = a
                    .parse()
                    .with_context(|| format!("--admin {a:?} is not an address like 127.0.0.1:9477 (or off)"))?;
                if !addr.ip().is_loopback() && !admin_allow_remote {
                    bail!(
                        "--admin {addr} is not a loopback address; add --admin-allow-remote (and set a token) to expose it"
                    );
                }
                Some(addr)
            }
        };
        let token = match path(args.admin_token_file, &file.admin_token_file) {
            Some(f) => {
                let t = std::fs::read_to_string(&f)
                    .with_context(|| format!("reading --admin-token-file {}", f.display()))?
                    .trim()
                    .to_owned();
                if t.is_empty() {
                    bail!(
                        "--admin-token-file {} is empty: write the token in it, or leave the option out",
                        f.display()
                    );
                }
                Some(t)
            }
            None => match std::env::var(ADMIN_TOKEN_ENV) {
                Ok(t) if t.trim().is_empty() => {
                    bail!("{ADMIN_TOKEN_ENV} is set but empty: set a token, or unset the variable")
                }
                Ok(t) => Some(t.trim().to_owned()),
                Err(_) => None,
            },
        };
        let admin_insecure_no_token = args.admin_insecure_no_token || file.admin_insecure_no_token;
        if let Some(addr) = admin
            && !addr.ip().is_loopback()
            && token.is_none()
            && !admin_insecure_no_token
        {
            bail!(
                "--admin {addr} is reachable from other machines and has no token: set one with \
                 --admin-token-file or {ADMIN_TOKEN_ENV} (or say --admin-insecure-no-token)"
            );
        }
        let templates = match path(args.openapi, &file.openapi) {
            Some(doc) => mockdrift_differ::openapi_routes(&doc)
                .with_context(|| format!("reading --openapi {}", doc.display()))?
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            None => Vec::new(),
        };
        let source = args.source.or_else(|| file.source.clone()).or_else(|| cfg.source.clone());
        let publish = match args.publish.or_else(|| file.publish.clone()) {
            None => None,
            Some(url) => {
                if !crate::fleet::is_object_url(&url) {
                    bail!("--publish {url:?}: not an object-store prefix (s3://, gs://, az://, file:///dir)");
                }
                // Writes nothing: the URL and the environment's settings are checked now.
                crate::fleet::check_url(&url).context("--publish")?;
                let interval = duration(args.publish_interval, &file.publish_interval, "60s", "publish-interval")?;
                if interval < Duration::from_millis(100) {
                    bail!("--publish-interval {}: at least 100ms", crate::duration::show(interval));
                }
                Some(crate::fleet::PublishSettings {
                    url,
                    interval,
                    source: source.clone().unwrap_or_else(crate::fleet::hostname),
                })
            }
        };
        let changes = cfg.changes.clone();
        if changes.settle_after == 0 || changes.evidence == 0 {
            bail!("[changes] settle_after and evidence must be at least 1");
        }
        Ok(Settings {
            notify_urls: notify_urls(args.notify_urls, &file.notify_url)?,
            changes,
            source,
            publish,
            templates,
            store: path(args.store, &file.store).unwrap_or_else(|| PathBuf::from(".mockdrift/store")),
            routes,
            forward,
            max_record_bytes: args.max_record_bytes.or(file.max_record_bytes).unwrap_or(1 << 20),
            queue_bytes: args.queue_bytes.or(file.queue_bytes).unwrap_or(32 << 20),
            flush_every: duration(args.flush_interval, &file.flush_interval, "5s", "flush-interval")?,
            preserve_host: args.preserve_host || file.preserve_host,
            add_x_forwarded: args.add_x_forwarded || file.add_x_forwarded,
            add_via: args.add_via || file.add_via,
            sample,
            stable_sample,
            stable_interval: duration_or_off(args.stable_interval, &file.stable_interval, "100ms", "stable-interval")?,
            filter,
            upstream_tls,
            tls_server,
            response_timeout: duration(args.response_timeout, &file.response_timeout, "60s", "response-timeout")?,
            connect_timeout: duration(args.connect_timeout, &file.connect_timeout, "5s", "connect-timeout")?,
            header_timeout: duration_or_off(args.header_timeout, &file.header_timeout, "10s", "header-timeout")?,
            idle_timeout: duration_or_off(args.idle_timeout, &file.idle_timeout, "60s", "idle-timeout")?,
            max_connections: match args.max_connections.or(file.max_connections) {
                Some(0) => bail!("--max-connections must be at least 1"),
                Some(n) => n,
                None => default_max_connections(),
            },
            admin,
            token,
            admin_tls,
        })
    }

    /// One line per listener, for `config check` and the start-up log.
    pub(crate) fn describe(&self) -> Vec<String> {
        let scheme = if self.tls_server.is_some() { "https" } else { "http" };
        let mut out: Vec<String> = self
            .routes
            .iter()
            .map(|(name, listen, up)| format!("route {name}: {scheme}://{listen} -> {}", up.url()))
            .collect();
        if let Some((listen, names)) = &self.forward {
            out.push(format!("forward proxy: {scheme}://{listen} ({} host names mapped)", names.len()));
        }
        if !self.templates.is_empty() {
            out.push(format!("{} path templates from --openapi", self.templates.len()));
        }
        let settled = mockdrift_proxy::stable::StableSampler::new(self.stable_sample, Duration::ZERO).rate();
        out.push(format!(
            "recording: {}; once an endpoint's contract stops changing, {}",
            if self.sample >= 1.0 { "every exchange".to_owned() } else { format!("{} of exchanges", self.sample) },
            if settled >= 1.0 {
                "still every exchange".to_owned()
            } else if self.stable_interval.is_zero() {
                format!("1 in {}", (1.0 / settled).round())
            } else {
                format!(
                    "1 in {}, or about one exchange per {} if busier",
                    (1.0 / settled).round(),
                    crate::duration::show(self.stable_interval)
                )
            }
        ));
        let limit = |d: Duration| if d.is_zero() { "none".to_owned() } else { crate::duration::show(d) };
        out.push(format!(
            "clients: at most {} connections; header timeout {}, idle timeout {}",
            self.max_connections,
            limit(self.header_timeout),
            limit(self.idle_timeout)
        ));
        if let Some(p) = &self.publish {
            out.push(format!(
                "publish: {} every {} as {}",
                p.url,
                crate::duration::show(p.interval),
                self.source.as_deref().unwrap_or(&p.source)
            ));
        }
        out.push(if self.changes.enabled {
            format!(
                "contract changes: an endpoint settles after {} recorded responses, a change is reported after {}; {}",
                self.changes.settle_after,
                self.changes.evidence,
                match self.notify_urls.len() {
                    0 => "no webhook".to_owned(),
                    n => format!("posted to {} (URLs not shown)", plural(n, "webhook")),
                }
            )
        } else {
            "contract changes: not watched ([changes] enabled = false)".to_owned()
        });
        out.push(match self.admin {
            Some(a) => format!(
                "admin: {}://{a}{}",
                if self.admin_tls.is_some() { "https" } else { "http" },
                if self.token.is_some() { " (bearer token)" } else { "" }
            ),
            None => "admin: off".to_owned(),
        });
        out
    }
}

/// Half the open-file limit, less 50 (each client connection may need one to the upstream,
/// and the store and listeners need some): past it, a flood of connections would leave
/// none for the store or the upstreams. 1,024 where the limit cannot be read.
fn default_max_connections() -> usize {
    #[cfg(target_os = "linux")]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        if let Some(n) = limit.current {
            return usize::try_from(n / 2).unwrap_or(usize::MAX).saturating_sub(50).max(16);
        }
    }
    1024
}

/// `--stable-sample`: a settled endpoint is recorded one exchange in 64.
const DEFAULT_STABLE_SAMPLE: f64 = 0.01;

pub(crate) fn run(args: ProxyArgs, cfg: &Config) -> anyhow::Result<Exit> {
    if args.check {
        // As `nginx -t`: every setting resolved and every file it names loaded, nothing bound.
        let set = Settings::resolve(args, cfg).context("proxy settings")?;
        out!("proxy settings: ok");
        for l in set.describe() {
            out!("  {l}");
        }
        return Ok(Exit::Ok);
    }
    run_until(args, cfg, wait_for_signal(), |_, _| {})?;
    Ok(Exit::Ok)
}

/// Runs the proxy until `stop` completes, then drains, flushes and returns. `ready` is told
/// each route's bound address (`"forward"` for the forward proxy, `"admin"` for the admin
/// listener) as it starts listening.
pub(crate) fn run_until(
    args: ProxyArgs,
    cfg: &Config,
    stop: impl Future<Output = ()> + Send + 'static,
    ready: impl Fn(&str, SocketAddr) + Send + 'static,
) -> anyhow::Result<()> {
    let from_file = !cfg.proxy.route.is_empty() || cfg.proxy.forward.is_some() || cfg.proxy.store.is_some();
    let set = Settings::resolve(args, cfg).with_context(|| {
        if from_file {
            format!("proxy settings (flags, and [proxy] in {})", cfg.at(None))
        } else {
            "proxy settings".to_owned()
        }
    })?;
    // One cap on client connections over every listener.
    let clients = mockdrift_proxy::guard::ClientLimits {
        header_timeout: set.header_timeout,
        idle_timeout: set.idle_timeout,
        connections: Some(Arc::new(tokio::sync::Semaphore::new(set.max_connections))),
    };
    let client_tls = if set.routes.iter().any(|(_, _, u)| u.tls) || set.forward.is_some() {
        tls::client_config(&set.upstream_tls)?
    } else {
        tls::no_upstream_tls()
    };
    if let Some(a) = set.admin
        && !a.ip().is_loopback()
        && set.token.is_none()
    {
        tracing::warn!(
            "--admin-insecure-no-token: the admin endpoints on {a} answer anyone who reaches them (contracts, metrics)."
        );
    }
    if set.upstream_tls.insecure {
        tracing::warn!("--insecure-upstream: upstream TLS certificates are not verified.");
    }
    // Fail-open: a store that cannot be opened (read-only, full, failing) leaves the proxy
    // forwarding and recording in memory, degraded, retrying; only a store another process
    // holds stops the start (two recorders would each lose the other's counts).
    let opened = std::fs::create_dir_all(&set.store)
        .with_context(|| format!("creating {}", set.store.display()))
        .and_then(|()| Store::open(&set.store).map_err(anyhow::Error::from));
    let (store, unopened) = match opened {
        Ok(store) => (Some(store), None),
        Err(e) if e.downcast_ref::<StoreError>().is_some_and(|e| matches!(e, StoreError::Locked { .. })) => {
            return Err(e);
        }
        Err(e) => {
            let reason = format!("the contract store cannot be opened: {e:#}");
            tracing::error!(error = %reason, "Recording in memory; the store is retried.");
            (None, Some(reason))
        }
    };
    let mut recording = cfg.recorder(&set.templates);
    recording.source = set.publish.as_ref().map(|p| p.source.clone()).or_else(|| set.source.clone());
    let (mut recorder, bad) = Recorder::new(recording, store).context("starting the recorder")?;
    if set.changes.enabled {
        recorder.watch_changes(set.changes.clone());
    }
    if unopened.is_some() {
        recorder.detach_store();
    }
    for e in bad {
        say!(warn: "mockdrift: warning: {}: {e} (left as is)", set.store.display());
    }
    let store_dir = set.store.clone();
    let flush_every = set.flush_every;
    let stable_interval = set.stable_interval;
    let health = Arc::new(Health::default());
    health.set_degraded(unopened.clone());
    let contracts = recorder.handle();
    // Fail-open: storage that cannot be reached leaves the proxy forwarding and recording;
    // the failure shows in /readyz and the metrics, and every interval tries again.
    let publisher = set.publish.as_ref().map(|p| crate::fleet::Publisher::new(p, Arc::clone(&health)));
    let publish_handle = contracts.clone();
    // One worker per CPU the process may use (affinity and cgroup quota count), at most 4: a
    // sidecar pinned to one core runs one worker instead of two fighting over it.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    // On one CPU, a current-thread runtime: no work stealing, no cross-thread wake-ups (about
    // 3 % more requests per second in `bench/proxy.sh`). The recorder's thread still waits on
    // the queue through the handle; the main thread drives the runtime until the end.
    let rt = if workers == 1 {
        tokio::runtime::Builder::new_current_thread().enable_all().build()?
    } else {
        tokio::runtime::Builder::new_multi_thread().worker_threads(workers).enable_all().build()?
    };
    rt.block_on(async move {
        let (tap, rx) = Tap::sampling(set.queue_bytes, set.stable_sample, set.stable_interval);
        let stable = tap.stable();
        let queue = tap.gauge();
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut servers = Vec::new();
        let mut route_stats = Vec::new();
        let mut targets: Vec<(String, SocketAddr, Target)> =
            set.routes.iter().map(|(n, l, u)| (n.clone(), *l, Target::Upstream(u.clone()))).collect();
        if let Some((listen, names)) = &set.forward {
            targets.push(("forward".to_owned(), *listen, Target::Forward(names.clone())));
        }
        for (name, listen, target) in targets {
            let listener =
                TcpListener::bind(listen).await.with_context(|| format!("{name}: cannot listen on {listen}"))?;
            let bound = listener.local_addr()?;
            ready(&name, bound);
            let scheme = if set.tls_server.is_some() { "https" } else { "http" };
            match &target {
                Target::Upstream(up) => {
                    say!("mockdrift proxy: route {name} listening on {scheme}://{bound}, forwarding to {}", up.url())
                }
                Target::Forward(_) => say!("mockdrift proxy: forward proxy listening on {scheme}://{bound}"),
            }
            let route = Route::builder(&name, target, tap.clone())
                .upstream_tls(client_tls.clone())
                .connect_timeout(set.connect_timeout)
                .tls_server(set.tls_server.clone())
                .max_record_bytes(set.max_record_bytes)
                .preserve_host(set.preserve_host)
                .add_x_forwarded(set.add_x_forwarded)
                .add_via(set.add_via)
                .response_timeout(set.response_timeout)
                .clients(clients.clone())
                .sample(set.sample)
                .filter(set.filter.clone())
                .build()?;
            route_stats.push((name.clone(), Arc::clone(route.stats())));
            let mut stop = stop_rx.clone();
            let shutdown = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            servers.push(tokio::spawn(mockdrift_proxy::serve(
                listener,
                Arc::new(route),
                shutdown,
                Duration::from_secs(10),
            )));
        }
        if let Some(addr) = set.admin {
            let listener = TcpListener::bind(addr).await.with_context(|| format!("admin: cannot listen on {addr}"))?;
            ready("admin", listener.local_addr()?);
            // The address last on the line, as scripts read it; TLS said before it.
            let tls = if set.admin_tls.is_some() { " (TLS)" } else { "" };
            say!("mockdrift proxy: admin{tls} listening on {}", listener.local_addr()?);
            let admin = Arc::new(Admin {
                routes: route_stats.clone(),
                queue,
                health: Arc::clone(&health),
                contracts,
                token: set.token.clone(),
            });
            let mut stop = stop_rx.clone();
            tokio::spawn(serve_admin(listener, admin, set.admin_tls.clone(), async move {
                let _ = stop.wait_for(|s| *s).await;
            }));
        }
        let notifier = (!set.notify_urls.is_empty()).then(|| {
            let (tx, rx) = tokio::sync::mpsc::channel(mockdrift_proxy::changes::QUEUE);
            health.changes.notify_to(tx);
            let urls = set.notify_urls.clone();
            let health = Arc::clone(&health);
            tokio::spawn(async move {
                let client = match mockdrift_proxy::client::HttpClient::new(
                    None,
                    "--notify-url",
                    mockdrift_proxy::changes::POST_TIMEOUT,
                ) {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::warn!(error = %e, "No system root certificates: https webhooks will fail.");
                        mockdrift_proxy::client::HttpClient::plain(mockdrift_proxy::changes::POST_TIMEOUT)
                    }
                };
                mockdrift_proxy::changes::deliver(urls, client, rx, &health.changes).await;
            })
        });
        let publishing = publisher.map(|p| {
            let interval = set.publish.as_ref().map_or(Duration::from_secs(60), |s| s.interval);
            tokio::spawn(p.run(publish_handle.clone(), interval, stop_rx.clone()))
        });
        // Only the routes hold the tap now: when they are gone, the recorder's channel closes.
        drop(tap);
        let handle = tokio::runtime::Handle::current();
        let (done_tx, done_rx) = tokio::sync::oneshot::channel();
        let schedule = mockdrift_proxy::recording::Schedule {
            flush_every,
            stable_interval,
            store_dir,
            store_missing: unopened.is_some(),
        };
        let recorder_health = Arc::clone(&health);
        let recorder_thread = move || {
            let _runtime = handle.enter();
            yield_to_forwarding();
            let done = mockdrift_proxy::recording::run(recorder, rx, stable, recorder_health, schedule, handle.clone());
            let _ = done_tx.send(done);
        };
        std::thread::Builder::new()
            .name(RECORDER_THREAD.to_owned())
            .spawn(recorder_thread)
            .context("starting the recorder's thread")?;
        stop.await;
        say!("mockdrift proxy: stopping: finishing in-flight requests, then flushing");
        let _ = stop_tx.send(true);
        for s in servers {
            let _ = s.await;
        }
        let stats = Stats::default();
        for (_, s) in &route_stats {
            stats.add(s);
        }
        let done = done_rx.await.context("the recorder stopped")?;
        // The changes found until the end go out, in 10 s at most.
        health.changes.close();
        if let Some(task) = notifier
            && tokio::time::timeout(mockdrift_proxy::changes::POST_TIMEOUT, task).await.is_err()
        {
            say!(warn: "mockdrift proxy: change notifications still queued at shutdown were dropped after 10s");
        }
        // Published even when the store failed: the bucket's copy is then all there is.
        if let Some(task) = publishing
            && let Ok(mut p) = task.await
        {
            // The contracts of the final flush, in 10 s at most whatever the number of
            // services (each write has 10 s of its own, four at once).
            let last = tokio::time::timeout(crate::fleet::ATTEMPT_TIMEOUT, p.publish(publish_handle.snapshot()));
            match last.await {
                Ok(Ok(n)) => say!("mockdrift proxy: published {} at shutdown", plural(n, "changed snapshot")),
                Ok(Err(_)) => say!(warn: "mockdrift proxy: the last publish failed (see the warning above)"),
                Err(_) => say!(warn: "mockdrift proxy: the last publish failed: gave up after 10s"),
            }
        }
        let endpoints = done.context("flushing contracts on shutdown")?;
        say!(
            "mockdrift proxy: stopped; {}, {} recorded, {} sampled down, {} dropped, {}, {}; {}",
            plural(stats.requests.load(Ordering::Relaxed) as usize, "request"),
            stats.recorded.load(Ordering::Relaxed),
            stats.sampled_down.load(Ordering::Relaxed),
            stats.dropped.load(Ordering::Relaxed),
            plural(stats.upstream_errors.load(Ordering::Relaxed) as usize, "upstream error"),
            plural(stats.tunnels.load(Ordering::Relaxed) as usize, "tunnel"),
            plural(endpoints, "endpoint contract") + " in the store",
        );
        Ok::<_, anyhow::Error>(())
    })
}

/// The recorder's thread, by name (`/proc/PID/task/*/comm`, `top -H`).
const RECORDER_THREAD: &str = "mockdrift-rec";

/// The niceness the recorder's thread runs at: the lowest priority. On a saturated core the
/// scheduler then runs it only when forwarding waits, and a recorded batch never delays a
/// request by more than a scheduler tick; the recording queue fills and drops copies
/// (counted) instead. With CPU to spare it makes no difference.
#[cfg(target_os = "linux")]
const RECORDER_NICE: i32 = 19;

/// Lowers the calling thread's priority to [`RECORDER_NICE`] (Linux: niceness is per thread).
/// Best-effort: a failure is logged and recording goes on at normal priority.
fn yield_to_forwarding() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), RECORDER_NICE) {
        tracing::warn!(error = %e, "Could not lower the recorder thread's priority; it competes with forwarding.");
    }
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

// Its arguments (the CLI's `Command` names them).

#[derive(Debug, Default, Args)]
#[command(after_help = "Every setting can also be given in the config file's [proxy] table (flags win). \
Stops on SIGINT/SIGTERM: stops accepting, lets in-flight requests finish (up to 10 s), \
flushes the store, exits 0. Recording is fail-open: a full queue drops copies (counted), never requests.")]
pub(crate) struct ProxyArgs {
    /// The contract store directory (sled) [default: .mockdrift/store].
    #[arg(long, value_name = "DIR")]
    pub(crate) store: Option<PathBuf>,
    /// A named upstream with its own listener (repeatable): NAME@LISTEN=UPSTREAM_URL, e.g.
    /// payments@127.0.0.1:15001=http://10.0.0.5:8080/api/v3. The URL is http://, https://
    /// or h2c:// (HTTP/2 with prior knowledge). Port 0 picks a free port. Added to the
    /// config file's [[proxy.route]] entries.
    #[arg(long = "route", value_name = "NAME@LISTEN=URL")]
    pub(crate) routes: Vec<String>,
    /// Also run a forward proxy on this address (for apps that set HTTP_PROXY): absolute-form
    /// requests are forwarded and recorded under their host's name; CONNECT tunnels are
    /// passed through opaque and counted, not recorded.
    #[arg(long, value_name = "LISTEN")]
    pub(crate) forward: Option<String>,
    /// Record a forward-proxied host under another service name (repeatable):
    /// --forward-name payments.internal=payments.
    #[arg(long = "forward-name", value_name = "HOST=NAME")]
    pub(crate) forward_names: Vec<String>,
    /// An OpenAPI 3 document (JSON or YAML) whose `paths` template what is recorded, winning
    /// over inference (as `contracts infer --openapi`).
    #[arg(long, value_name = "FILE")]
    pub(crate) openapi: Option<PathBuf>,
    /// Bytes of each request and response body copied for recording; larger bodies are
    /// forwarded whole and recorded as truncated [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_record_bytes: Option<usize>,
    /// Bytes of recorded bodies waiting for the recorder; beyond it copies are dropped
    /// [default: 33554432].
    #[arg(long, value_name = "BYTES")]
    pub(crate) queue_bytes: Option<usize>,
    /// How often recorded contracts are flushed to the store (also on shutdown) [default: 5s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) flush_interval: Option<String>,
    /// Keep the client's Host header instead of the upstream's authority.
    #[arg(long)]
    pub(crate) preserve_host: bool,
    /// Fraction of exchanges recorded, 0 to 1 (0: forward only) [default: 1].
    #[arg(long, value_name = "RATE")]
    pub(crate) sample: Option<f64>,
    /// Fraction an endpoint is recorded at once its contract has stopped changing, 0 to 1,
    /// rounded up to a power of two (1: record every exchange); its skipped exchanges still
    /// count. Any change in its contract brings it back to full recording [default: 0.01].
    #[arg(long, value_name = "RATE")]
    pub(crate) stable_sample: Option<f64>,
    /// A busy endpoint whose contract has stopped changing is sampled down further, to about
    /// one recorded exchange per this interval (0: only --stable-sample) [default: 100ms].
    #[arg(long, value_name = "DURATION")]
    pub(crate) stable_interval: Option<String>,
    /// Record only exchanges matching a path prefix, optionally after a method (repeatable):
    /// --record-only /v1/ --record-only 'POST /v2/charges'.
    #[arg(long, value_name = "[METHOD ]PREFIX")]
    pub(crate) record_only: Vec<String>,
    /// Never record exchanges matching a path prefix, optionally after a method (repeatable):
    /// --record-skip /health.
    #[arg(long, value_name = "[METHOD ]PREFIX")]
    pub(crate) record_skip: Vec<String>,
    /// Verify https:// upstreams against the CA certificates in this PEM file only, instead
    /// of the system's roots.
    #[arg(long, value_name = "FILE")]
    pub(crate) upstream_ca: Option<PathBuf>,
    /// Do not verify https:// upstream certificates (logged as a warning at start).
    #[arg(long, conflicts_with = "upstream_ca")]
    pub(crate) insecure_upstream: bool,
    /// Serve the route listeners with TLS: a PEM certificate chain (with --tls-key). HTTP/2
    /// and HTTP/1.1 are offered over ALPN.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub(crate) tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub(crate) tls_key: Option<PathBuf>,
    /// How long to wait for an upstream's response head before answering 504, and between two
    /// reads of its body before cutting the body short [default: 60s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) response_timeout: Option<String>,
    /// How long to wait for a TCP connection to an upstream before answering 502 [default: 5s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) connect_timeout: Option<String>,
    /// How long a client may take to send a request head, and a new connection to start one,
    /// before the proxy closes the connection; `0`: no limit [default: 10s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) header_timeout: Option<String>,
    /// How long a client connection may stay open with no request in flight (keep-alive);
    /// `0`: no limit [default: 60s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) idle_timeout: Option<String>,
    /// Client connections open at once over all listeners; at the cap new ones wait (a
    /// warning is logged) [default: half the open-file limit, less 50].
    #[arg(long, value_name = "N")]
    pub(crate) max_connections: Option<usize>,
    /// Admin endpoints (/healthz, /readyz, /metrics, /contracts): an address, or `off`
    /// [default: 127.0.0.1:9477].
    #[arg(long, value_name = "ADDR|off")]
    pub(crate) admin: Option<String>,
    /// Add X-Forwarded-For (the client's address appended), X-Forwarded-Proto and
    /// X-Forwarded-Host to forwarded requests. Off by default: the proxy adds no header.
    #[arg(long)]
    pub(crate) add_x_forwarded: bool,
    /// Add `Via: 1.1 mockdrift` to forwarded requests and responses.
    #[arg(long)]
    pub(crate) add_via: bool,
    /// Allow the admin endpoints on a non-loopback address (a token is then required).
    #[arg(long)]
    pub(crate) admin_allow_remote: bool,
    /// Serve remote admin endpoints without a token (anyone who reaches the port reads the
    /// contracts and metrics); a warning at startup.
    #[arg(long, requires = "admin_allow_remote")]
    pub(crate) admin_insecure_no_token: bool,
    /// A file holding the admin bearer token (or set MOCKDRIFT_ADMIN_TOKEN); never on argv.
    #[arg(long, value_name = "FILE")]
    pub(crate) admin_token_file: Option<PathBuf>,
    /// Serve the admin endpoints over TLS with this PEM certificate chain (with
    /// --admin-tls-key): the bearer token and the contracts then travel encrypted.
    #[arg(long, value_name = "FILE", requires = "admin_tls_key")]
    pub(crate) admin_tls_cert: Option<PathBuf>,
    /// The PEM private key of --admin-tls-cert.
    #[arg(long, value_name = "FILE", requires = "admin_tls_cert")]
    pub(crate) admin_tls_key: Option<PathBuf>,
    /// Publish the contracts to object storage, one object per service,
    /// `<URL>/<service>/<source>.json`, written whole every --publish-interval and once at
    /// shutdown: `s3://bucket/prefix` (credentials, region and endpoint from AWS_*),
    /// `gs://bucket/prefix` (GOOGLE_*), `az://container/prefix` (AZURE_*), `file:///dir`.
    /// CI merges what the fleet publishes with `diff --contracts URL`.
    #[arg(long, value_name = "URL")]
    pub(crate) publish: Option<String>,
    /// How often --publish writes the snapshots that changed; each attempt gives up after
    /// 10s and the next interval tries again [default: 60s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) publish_interval: Option<String>,
    /// This sidecar's name in snapshots and published object names [default: the config's
    /// `source`, else the host name, which is the pod's name on Kubernetes].
    #[arg(long, value_name = "NAME")]
    pub(crate) source: Option<String>,
    /// Post contract changes to this webhook (repeatable; a Slack or Mattermost incoming
    /// webhook works as is): one JSON document per batch, `{"text", "changes"}`, retried with
    /// backoff. The URL carries a token: it is never logged or shown. Also read from
    /// MOCKDRIFT_NOTIFY_URL.
    #[arg(long = "notify-url", value_name = "URL")]
    pub(crate) notify_urls: Vec<String>,
    /// Check the settings and exit (as `nginx -t`): flags and `[proxy]` resolved, every file
    /// they name (TLS, CA, token) loaded; nothing is bound or written.
    #[arg(long)]
    pub(crate) check: bool,
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
