//! `mockdrift contracts ...`: wiring between files, the recorder and the store.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use mockdrift_contracts::exchange::{self, LineError};
use mockdrift_contracts::learn::{PathLearner, View, retemplate};
use mockdrift_contracts::template::{Route, Templater};
use mockdrift_contracts::{Exchange, Recorded, Recorder, Snapshot, Ts, openapi};

use crate::config::Config;
use crate::exit::Exit;
use clap::{Args, Subcommand};
use mockdrift_differ::plural;

pub(crate) fn run(cmd: ContractsCommand, cfg: &Config) -> anyhow::Result<Exit> {
    match cmd {
        ContractsCommand::Infer(args) => infer(args, cfg),
        ContractsCommand::List { source, service, format } => list(&load(&source, cfg)?, service.as_deref(), format),
        ContractsCommand::Show { source, service, status, method, path, explain, format } => {
            let snap = load(&source, cfg)?;
            let json = format == ListFormat::Json;
            crate::cmd::show::show(&snap, service.as_deref(), status, &method, &path, explain, json)
        }
        ContractsCommand::Export { store, from, max_age, output, source, format, service } => {
            let how = crate::sources::gather_opts(max_age.as_deref(), Ts::now(), &cfg.limits)?;
            let (mut snap, unreadable) = match &from {
                Some(url) => crate::sources::load_counted(url, &how)?,
                None => crate::sources::read_store_counted(&store.store)?,
            };
            snap.sources.extend(source.or_else(|| cfg.source.clone()));
            match format {
                ExportFormat::Snapshot => write_output(output.as_deref(), &snap.to_json())?,
                ExportFormat::Openapi => export_openapi(&snap, service.as_deref(), output.as_deref())?,
            }
            // Every readable contract is written; the exit code says some were not.
            if unreadable > 0 {
                let what = if from.is_some() { "objects" } else { "stored contracts" };
                say!(error:
                    "mockdrift: error: {unreadable} {what} could not be read (named above); exported the other {}",
                    plural(snap.contracts.len(), "contract")
                );
                return Ok(Exit::Error);
            }
            Ok(Exit::Ok)
        }
        ContractsCommand::Import { store, snapshots } => import(&store.store, &snapshots, cfg),
        ContractsCommand::Compact { from, to, max_age } => compact(&from, &to, max_age.as_deref(), cfg),
        ContractsCommand::Merge { inputs, output, max_age } => {
            let how = crate::sources::gather_opts(max_age.as_deref(), Ts::now(), &cfg.limits)?;
            let mut merged = Snapshot::default();
            for p in &inputs {
                let snap = if crate::fleet::is_object_url(p) {
                    crate::sources::load(p, &how)?
                } else {
                    crate::sources::read_snapshot(Path::new(p))?
                };
                merged.merge(&snap, &cfg.limits);
            }
            // What each sidecar saw too little of to template (literal slugs), all of them
            // together may show: learn from every input's endpoints and merge.
            let routes = cfg.routes.iter().map(|r| Route::parse(r)).collect::<Result<Vec<_>, _>>()?;
            let moves = retemplate(&mut merged.contracts, &mut Templater::new(routes), &cfg.limits);
            write_output(Some(&output), &merged.to_json())?;
            say!(
                "merged {} snapshots: {} contracts into {} ({} endpoints joined by templates learned from all inputs)",
                inputs.len(),
                merged.contracts.len(),
                output.display(),
                moves.len()
            );
            Ok(Exit::Ok)
        }
    }
}

fn export_openapi(snap: &Snapshot, service: Option<&str>, output: Option<&Path>) -> anyhow::Result<()> {
    let all = openapi::services(snap);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).expect("documents serialize") + "\n";
    let chosen: Vec<&str> = match service {
        Some(s) if all.contains(&s) => vec![s],
        Some(s) => bail!("no service {s:?} was recorded (recorded: {})", all.join(", ")),
        None => all.clone(),
    };
    match (chosen.as_slice(), output) {
        ([], _) => bail!("nothing recorded: no OpenAPI document to write"),
        ([one], out) if out.is_none_or(|p| !p.is_dir()) => write_output(out, &pretty(&openapi::to_openapi(snap, one)))?,
        (many, Some(dir)) if dir.is_dir() => {
            for s in many {
                let file = dir.join(format!("{}.openapi.json", mockdrift_contracts::safe_file_stem(s)));
                write_output(Some(&file), &pretty(&openapi::to_openapi(snap, s)))?;
                say!("wrote {}", file.display());
            }
        }
        (many, _) => bail!(
            "{} services were recorded ({}); pick one with --service, or give -o an existing directory",
            many.len(),
            many.join(", ")
        ),
    }
    Ok(())
}

fn compact(from: &str, to: &str, max_age: Option<&str>, cfg: &Config) -> anyhow::Result<Exit> {
    for url in [from, to] {
        if !crate::fleet::is_object_url(url) {
            bail!("{url:?} is not an object-store prefix (s3://, gs://, az://, file://)");
        }
    }
    let how = crate::sources::gather_opts(max_age, Ts::now(), &cfg.limits)?;
    let done = crate::fleet::compact(from, to, &how)?;
    for e in &done.unreadable {
        say!(warn: "mockdrift: warning: {from}: {e} (skipped)");
    }
    for (service, n) in &done.written {
        say!("compacted {service}: {}", mockdrift_differ::plural(*n, "snapshot"));
    }
    if done.too_old > 0 {
        say!("left out {} by --max-age", mockdrift_differ::plural(done.too_old, "snapshot"));
    }
    Ok(if done.unreadable.is_empty() { Exit::Ok } else { Exit::Error })
}

fn load(source: &SourceArg, cfg: &Config) -> anyhow::Result<Snapshot> {
    match (&source.snapshot, &source.from) {
        (Some(p), _) => crate::sources::read_snapshot(p),
        (None, Some(url)) => {
            let how = crate::sources::gather_opts(source.max_age.as_deref(), Ts::now(), &cfg.limits)?;
            crate::sources::load(url, &how)
        }
        (None, None) => crate::sources::read_store(&source.store.store),
    }
}

/// Writes to stdout, or atomically to a file (a temp file beside it, then a rename).
fn write_output(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match path {
        None => {
            let mut out = crate::output::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(p) => crate::files::write_atomic(p, text).with_context(|| format!("writing {}", p.display()))?,
    }
    Ok(())
}

/// The most bytes of exchanges `contracts infer` keeps from its learning pass to record them
/// without reading the files again; beyond it the files are read a second time.
const KEEP_BYTES: usize = 64 << 20;

/// About what an exchange takes in memory.
fn exchange_bytes(x: &Exchange) -> usize {
    let headers =
        |m: &mockdrift_contracts::Message| m.headers.iter().map(|(n, v)| n.len() + v.len() + 48).sum::<usize>();
    256 + x.path.len()
        + x.query.len()
        + x.request.body.len()
        + x.response.body.len()
        + headers(&x.request)
        + headers(&x.response)
}

/// How a traffic file is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TrafficFormat {
    Har,
    JsonLines,
}

/// The read buffer of a traffic file: large reads, whatever the file's size.
const READ_BUFFER: usize = 256 << 10;

/// One traffic file, read as a stream of exchanges, as often as wanted (learning, then
/// recording): from the file itself, or from memory for what cannot be read twice (a pipe).
struct Traffic {
    path: PathBuf,
    format: TrafficFormat,
    in_memory: Option<Vec<u8>>,
}

type Exchanges<'a> = Box<dyn Iterator<Item = Result<Exchange, LineError>> + 'a>;

impl Traffic {
    fn open(path: &Path) -> std::io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let regular = file.metadata()?.is_file();
        let mut r = std::io::BufReader::with_capacity(READ_BUFFER, file);
        let in_memory = if regular {
            None
        } else {
            let mut all = Vec::new();
            std::io::Read::read_to_end(&mut r, &mut all)?;
            Some(all)
        };
        let format = match &in_memory {
            Some(bytes) => traffic_format(path, &mut &bytes[..])?,
            None => traffic_format(path, &mut r)?,
        };
        Ok(Self { path: path.to_owned(), format, in_memory })
    }

    /// The size of the input in bytes (0 when it cannot be told).
    fn size(&self) -> u64 {
        match &self.in_memory {
            Some(bytes) => bytes.len() as u64,
            None => std::fs::metadata(&self.path).map_or(0, |m| m.len()),
        }
    }

    fn exchanges(&self, service: Option<&str>) -> std::io::Result<Exchanges<'_>> {
        let r: Box<dyn std::io::BufRead + '_> = match &self.in_memory {
            Some(bytes) => Box::new(&bytes[..]),
            None => Box::new(std::io::BufReader::with_capacity(READ_BUFFER, std::fs::File::open(&self.path)?)),
        };
        Ok(match self.format {
            TrafficFormat::Har => Box::new(mockdrift_contracts::read_har(r, service)),
            TrafficFormat::JsonLines => Box::new(exchange::read_jsonl(r)),
        })
    }
}

/// Exchanges handed from the reading thread at a time, or fewer when they hold this many
/// bytes: with the channel's four batches, what is read ahead stays bounded however large the
/// bodies.
const READ_AHEAD_BATCH: usize = 256;
const READ_AHEAD_BYTES: usize = 4 << 20;

/// Calls `f` with each exchange of `traffic`, in order, while a second thread reads and parses
/// the ones after it (a few batches ahead, so memory stays bounded): on a multi-core machine,
/// reading a HAR file and what is done with its exchanges overlap. An error opening the file
/// is returned before `f` is called.
fn each_exchange(
    traffic: &Traffic,
    service: Option<&str>,
    mut f: impl FnMut(Result<Exchange, LineError>),
) -> std::io::Result<()> {
    type Batch = Vec<Result<Exchange, LineError>>;
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Batch>>(4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let exchanges = match traffic.exchanges(service) {
                Ok(x) => x,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            };
            let mut batch = Vec::with_capacity(READ_AHEAD_BATCH);
            let mut bytes = 0;
            for x in exchanges {
                bytes += x.as_ref().map_or(256, exchange_bytes);
                batch.push(x);
                if batch.len() == READ_AHEAD_BATCH || bytes >= READ_AHEAD_BYTES {
                    bytes = 0;
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(READ_AHEAD_BATCH));
                    if tx.send(Ok(full)).is_err() {
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Ok(batch));
            }
        });
        for batch in rx {
            batch?.into_iter().for_each(&mut f);
        }
        Ok(())
    })
}

/// How much of a line format detection reads.
const DETECT_BYTES: u64 = 4 << 20;

/// HAR by its extension or by a first line that is not a JSON object on its own (a document
/// over several lines, or one HAR object on one line); JSON Lines otherwise. Reads the first
/// two lines that hold something.
fn traffic_format(path: &Path, r: &mut impl std::io::BufRead) -> std::io::Result<TrafficFormat> {
    use std::io::{BufRead as _, Read as _};
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("har")) {
        return Ok(TrafficFormat::Har);
    }
    let mut seen = 0;
    let mut first_is_object = false;
    let mut line = Vec::new();
    while seen < 2 {
        line.clear();
        let n = (&mut *r).take(DETECT_BYTES).read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let t = text.trim().trim_start_matches('\u{feff}');
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        seen += 1;
        if seen == 1 && !t.starts_with('{') {
            return Ok(TrafficFormat::JsonLines);
        }
        if !line.ends_with(b"\n") && n as u64 == DETECT_BYTES {
            // A first line longer than what detection reads: one HAR document on one line, or
            // a long exchange.
            let start = t.trim_start_matches(['{', ' ', '\t']);
            return Ok(if start.starts_with("\"log\"") { TrafficFormat::Har } else { TrafficFormat::JsonLines });
        }
        match serde_json::from_str::<serde_json::Value>(t) {
            Ok(v) if v.get("log").is_some() => return Ok(TrafficFormat::Har),
            Ok(v) if v.is_object() => return Ok(TrafficFormat::JsonLines),
            _ if seen == 1 => first_is_object = t.ends_with('}'),
            _ => {}
        }
    }
    // A first line that looked like an object but did not parse, and no second to tell:
    // a bad line of JSON Lines.
    Ok(if first_is_object || seen == 0 { TrafficFormat::JsonLines } else { TrafficFormat::Har })
}

#[derive(Default)]
struct Tally {
    exchanges: u64,
    json: u64,
    not_json: u64,
    empty: u64,
    truncated: u64,
    bad_bodies: u64,
    rejected: u64,
}

/// Exchanges recorded together ([`Recorder::record_all`]), or fewer when they hold this many
/// bytes (read a second time, they are held for their batch only).
const RECORD_BATCH: usize = 4096;
const RECORD_BATCH_BYTES: usize = 16 << 20;

/// Counts what recording did to an exchange's body.
fn tally(t: &mut Tally, outcome: &Recorded, traffic: &Traffic, x: &Exchange) {
    match outcome {
        Recorded::Json => t.json += 1,
        Recorded::NotJson => t.not_json += 1,
        Recorded::Empty => t.empty += 1,
        Recorded::Truncated => t.truncated += 1,
        Recorded::ParseError(e) | Recorded::DecodeError(e) => {
            tracing::debug!(file = %traffic.path.display(), path = %x.path, "Body not parsed: {e}.");
            t.bad_bodies += 1;
        }
        _ => {}
    }
}

fn infer(args: InferArgs, cfg: &Config) -> anyhow::Result<Exit> {
    let store = crate::sources::open_store(&args.store.store, true)?;
    let mut routes = args.routes.clone();
    if let Some(p) = &args.openapi {
        let from_doc = mockdrift_differ::openapi_routes(p).context("reading --openapi")?;
        routes.extend(from_doc.iter().map(|r| r.as_str().to_owned()));
    }
    let mut t = Tally::default();
    let mut inputs: Vec<Traffic> = Vec::new();
    for file in &args.files {
        match Traffic::open(file) {
            Ok(traffic) => inputs.push(traffic),
            Err(e) => {
                say!(error: "mockdrift: {}: cannot read: {e}", file.display());
                t.rejected += 1;
            }
        }
    }
    let (mut rec, bad) = Recorder::new(cfg.recorder(&routes), Some(store)).context("starting the recorder")?;
    // Traffic added to a service the store holds: the first pass learns from it alone, so
    // what it shows too little of (one new value of a learned parameter) is joined at the
    // end, from everything the service has.
    let held = rec.services();
    let mut added: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for e in bad {
        say!(warn: "mockdrift: warning: {}: {e} (left as is)", args.store.store.display());
    }
    // Templates are learned from every path of a service before any exchange is recorded: a
    // first pass learns, keeping the exchanges while they fit in KEEP_BYTES; a second records
    // them, from memory, or by reading the files again (a bounded batch in memory at a time:
    // RECORD_BATCH_BYTES, and READ_AHEAD_BYTES a batch read ahead).
    let mut learners: std::collections::BTreeMap<String, PathLearner> = std::collections::BTreeMap::new();
    let mut kept: Option<Vec<(usize, Result<Exchange, LineError>)>> = Some(Vec::new());
    let mut kept_bytes = 0usize;
    // The tests set a smaller budget to walk the second reading.
    let keep_limit =
        std::env::var("MOCKDRIFT_INFER_KEEP_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(KEEP_BYTES);
    // The evaluation of templating (bench/templating.py) replays traffic as one sidecar sees
    // it: recorded in arrival order, templates relearned as the proxy relearns at each flush
    // (here every N exchanges), no first pass over everything.
    let as_sidecar: Option<u64> = match std::env::var("MOCKDRIFT_INFER_AS_SIDECAR") {
        Ok(v) => match v.parse() {
            Ok(n) if n > 0 => Some(n),
            _ => bail!("MOCKDRIFT_INFER_AS_SIDECAR={v:?}: expected a number of exchanges between relearns, 1 or more"),
        },
        Err(_) => None,
    };
    // Files larger than the budget are read twice from the start: exchanges kept and then
    // dropped part way would leave their memory with the reading thread's allocator, unused
    // by the contracts that come after (about the budget again in peak RSS). The file's size
    // is not what its exchanges take in memory (escapes, headers): one under the budget may
    // still outgrow it part way, and is then read again as before.
    let input_bytes: u64 = inputs.iter().map(Traffic::size).sum();
    if as_sidecar.is_some() || input_bytes > keep_limit as u64 {
        kept = None;
    }
    for (i, traffic) in inputs.iter().enumerate() {
        if as_sidecar.is_some() {
            break;
        }
        let read = each_exchange(traffic, args.service.as_deref(), |x| {
            if let Ok(x) = &x {
                let service = args.service.as_deref().unwrap_or(&x.service);
                let encoding = x.response.header("content-encoding").unwrap_or("");
                // Error answers are not the endpoint's resource (one 404 shape for every one).
                let body = (200..300)
                    .contains(&x.status)
                    .then(|| mockdrift_contracts::decode::decode(&x.response.body, encoding, 1 << 20).ok())
                    .flatten();
                let sig = body.filter(|b| !b.truncated).and_then(|b| {
                    mockdrift_contracts::learn::body_signature(mockdrift_contracts::media::without_xssi_guard(&b.bytes))
                });
                match learners.get_mut(service) {
                    Some(l) => l.add(&x.path, sig, 1),
                    None => learners.entry(service.to_owned()).or_default().add(&x.path, sig, 1),
                }
            }
            if let Some(k) = &mut kept {
                kept_bytes += x.as_ref().map_or(256, exchange_bytes);
                if kept_bytes > keep_limit {
                    kept = None;
                } else {
                    k.push((i, x));
                }
            }
        });
        if read.is_err() {
            kept = None;
        }
    }
    for (service, learner) in learners {
        rec.set_learned_explained(&service, learner.learn_explained(View::Whole));
    }
    // Taken in (the service set, counted); None for an input rejected (said, counted).
    let mut take = |t: &mut Tally, traffic: &Traffic, x: Result<Exchange, LineError>| match x {
        Ok(mut x) => {
            if let Some(s) = &args.service {
                x.service.clone_from(s);
            }
            t.exchanges += 1;
            if held.contains(&x.service) && !added.contains(&x.service) {
                added.insert(x.service.clone());
            }
            Some(x)
        }
        Err(e) => {
            let reason = if traffic.format == TrafficFormat::Har && e.reason.starts_with("not a HAR file") {
                "a JSON document, but not HAR (no log.entries) nor JSON Lines of exchanges".to_owned()
            } else {
                e.reason
            };
            say!(error: "mockdrift: {}:{}: {}", traffic.path.display(), e.line, reason);
            t.rejected += 1;
            None
        }
    };
    // Recorded in batches, each endpoint's exchanges observed on one of the cores; one at a
    // time as a sidecar, which relearns between exchanges.
    let mut batch: Vec<(usize, Exchange)> = Vec::with_capacity(RECORD_BATCH);
    let mut batch_bytes = 0usize;
    let record_batch = |rec: &mut Recorder, t: &mut Tally, batch: &mut Vec<(usize, Exchange)>| {
        let xs: Vec<&Exchange> = batch.iter().map(|(_, x)| x).collect();
        for ((i, x), outcome) in batch.iter().zip(rec.record_all(&xs)) {
            tally(t, &outcome, &inputs[*i], x);
        }
        batch.clear();
    };
    // Whether the batch is full, counting in one more exchange.
    let mut full = |x: &Exchange, len: usize| {
        batch_bytes += exchange_bytes(x);
        let full = len == RECORD_BATCH || batch_bytes >= RECORD_BATCH_BYTES;
        if full {
            batch_bytes = 0;
        }
        full
    };
    match kept {
        Some(kept) => {
            for (i, x) in kept {
                if let Some(x) = take(&mut t, &inputs[i], x) {
                    let flush = full(&x, batch.len() + 1);
                    batch.push((i, x));
                    if flush {
                        record_batch(&mut rec, &mut t, &mut batch);
                    }
                }
            }
        }
        None => {
            for (i, traffic) in inputs.iter().enumerate() {
                let read = each_exchange(traffic, args.service.as_deref(), |x| {
                    let Some(x) = take(&mut t, traffic, x) else { return };
                    if let Some(n) = as_sidecar {
                        if t.exchanges % n == 0 {
                            rec.relearn();
                        }
                        let outcome = rec.record(&x);
                        tally(&mut t, &outcome, traffic, &x);
                    } else {
                        let flush = full(&x, batch.len() + 1);
                        batch.push((i, x));
                        if flush {
                            record_batch(&mut rec, &mut t, &mut batch);
                        }
                    }
                });
                if let Err(e) = read {
                    take(&mut t, traffic, Err(LineError { line: 1, reason: format!("cannot read: {e}") }));
                }
            }
        }
    }
    record_batch(&mut rec, &mut t, &mut batch);
    if as_sidecar.is_some() {
        rec.relearn_now();
    } else if !added.is_empty() {
        rec.relearn_services(Some(&added));
    }
    rec.flush().context("writing contracts to the store")?;
    out!(
        "recorded {} from {} into {} at {}",
        mockdrift_differ::plural(t.exchanges as usize, "exchange"),
        mockdrift_differ::plural(args.files.len(), "file"),
        mockdrift_differ::plural(rec.len(), "endpoint contract"),
        args.store.store.display()
    );
    out!(
        "  bodies: {} json, {} not json (not compared), {} empty, {} truncated, {} unparseable (counted, not inferred)",
        t.json,
        t.not_json,
        t.empty,
        t.truncated,
        t.bad_bodies
    );
    if t.rejected > 0 {
        say!(
            error: "mockdrift: {} rejected (see above); everything else was recorded",
            mockdrift_differ::plural(t.rejected as usize, "input")
        );
        return Ok(Exit::Error);
    }
    Ok(Exit::Ok)
}

fn list(snap: &Snapshot, service: Option<&str>, format: ListFormat) -> anyhow::Result<Exit> {
    let mut out = crate::output::stdout();
    let listed = snap.contracts.iter().filter(|(k, _)| service.is_none_or(|s| k.service == s));
    if format == ListFormat::Json {
        let rows: Vec<serde_json::Value> = listed
            .map(|(k, c)| {
                serde_json::json!({
                    "service": k.service, "method": k.method, "path": k.path, "status": k.status,
                    "media_type": k.media_type, "count": c.count,
                    "first_seen": c.first_seen.to_rfc3339(), "last_seen": c.last_seen.to_rfc3339(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
        return Ok(Exit::Ok);
    }
    writeln!(
        out,
        "{:<14} {:<7} {:<40} {:>6} {:<24} {:>8}  LAST SEEN",
        "SERVICE", "METHOD", "PATH", "STATUS", "MEDIA TYPE", "COUNT"
    )?;
    for (k, c) in listed {
        let media = if k.media_type.is_empty() { "-" } else { &k.media_type };
        writeln!(
            out,
            "{:<14} {:<7} {:<40} {:>6} {:<24} {:>8}  {}",
            k.service, k.method, k.path, k.status, media, c.count, c.last_seen
        )?;
    }
    Ok(Exit::Ok)
}

fn import(dir: &Path, snapshots: &[PathBuf], cfg: &Config) -> anyhow::Result<Exit> {
    let store = crate::sources::open_store(dir, true)?;
    let (mut rec, bad) = Recorder::new(cfg.recorder(&[]), Some(store)).context("starting the recorder")?;
    for e in bad {
        say!(warn: "mockdrift: warning: {}: {e} (left as is)", dir.display());
    }
    let mut failed = 0;
    for p in snapshots {
        match crate::sources::read_snapshot(p) {
            Ok(s) => {
                rec.import(&s);
                out!("imported {} contracts from {}", s.contracts.len(), p.display());
            }
            Err(e) => {
                say!(error: "mockdrift: {e:#}");
                failed += 1;
            }
        }
    }
    let joined = rec.relearn_now();
    if joined > 0 {
        out!("{joined} endpoints joined by templates learned from everything in the store");
    }
    rec.flush().context("writing contracts to the store")?;
    Ok(if failed > 0 { Exit::Error } else { Exit::Ok })
}

// Its arguments (the CLI's `Command` names them).

/// Where contracts are stored.
#[derive(Debug, Args)]
pub(crate) struct StoreArg {
    /// The contract store directory (sled).
    #[arg(long, value_name = "DIR", default_value = ".mockdrift/store")]
    pub(crate) store: PathBuf,
}

/// Where contracts are read from: the store, a snapshot file, or a running proxy.
#[derive(Debug, Args)]
pub(crate) struct SourceArg {
    #[command(flatten)]
    pub(crate) store: StoreArg,
    /// Read this snapshot file instead of the store.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["store", "from"])]
    pub(crate) snapshot: Option<PathBuf>,
    /// Read a running proxy's contracts from its admin URL (http:// or https://; token from
    /// MOCKDRIFT_ADMIN_TOKEN) instead of the store, which the proxy holds locked; or every
    /// sidecar's newest snapshot under an object-store prefix (s3://, gs://, az://, file://),
    /// merged.
    #[arg(long, value_name = "URL", conflicts_with = "store")]
    pub(crate) from: Option<String>,
    /// With an object-store prefix: leave out snapshots whose traffic ended longer ago than
    /// this (pods long gone): `7d`, `36h`, or a number of days.
    #[arg(long, value_name = "DURATION", requires = "from")]
    pub(crate) max_age: Option<String>,
}

/// How `contracts list` and `show` print.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ListFormat {
    /// A table (list) or a tree (show), for reading.
    #[default]
    Text,
    /// JSON: an array of endpoints (list), or a snapshot of the endpoint's contracts (show).
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContractsCommand {
    /// Learn contracts from traffic files: HAR, or JSON Lines of exchanges.
    ///
    /// Example: mockdrift contracts infer --service payments traffic.jsonl capture.har
    Infer(InferArgs),
    /// List the recorded endpoints.
    ///
    /// Example: mockdrift contracts list --store .mockdrift/store --service payments
    List {
        #[command(flatten)]
        source: SourceArg,
        /// Only this service.
        #[arg(long)]
        service: Option<String>,
        /// text (a table) or json (an array of endpoints).
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Show one endpoint's contract as a tree: fields, types, formats, presence, counts.
    ///
    /// Example: mockdrift contracts show GET /v1/charges/ch_123 --status 200
    Show {
        #[command(flatten)]
        source: SourceArg,
        /// Only this service (needed when several record the same path).
        #[arg(long)]
        service: Option<String>,
        /// Only this status (default: every status recorded).
        #[arg(long)]
        status: Option<u16>,
        /// Say why each path segment is a parameter.
        #[arg(long)]
        explain: bool,
        /// text (a tree) or json (a snapshot of the endpoint's contracts).
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// Request method.
        method: String,
        /// A concrete path (`/users/42`) or a template (`/users/{user_id}`).
        path: String,
    },
    /// Write the snapshot (deterministic JSON of all contracts); stdout without -o.
    ///
    /// Example: mockdrift contracts export --from http://127.0.0.1:9477 -o contracts.json
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Pull the snapshot from a running proxy's admin URL instead of a store (the store is
        /// locked while the proxy holds it; token from MOCKDRIFT_ADMIN_TOKEN), or merge every
        /// sidecar's newest snapshot under an object-store prefix (s3://, gs://, az://, file://).
        #[arg(long, value_name = "URL", conflicts_with = "store")]
        from: Option<String>,
        /// With an object-store prefix: leave out snapshots whose traffic ended longer ago than
        /// this: `7d`, `36h`, or a number of days.
        #[arg(long, value_name = "DURATION", requires = "from")]
        max_age: Option<String>,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Name this store's contracts carry as their source in the snapshot.
        #[arg(long)]
        source: Option<String>,
        /// `snapshot` (the mergeable contracts file) or `openapi` (an OpenAPI 3.1 document of
        /// one service; with several services, pick one with --service or give -o a directory
        /// for one file per service).
        #[arg(long, value_enum, default_value = "snapshot")]
        format: ExportFormat,
        /// Only this service (openapi).
        #[arg(long)]
        service: Option<String>,
    },
    /// Merge snapshots into the store.
    ///
    /// Example: mockdrift contracts import --store .mockdrift/store staging.json
    Import {
        #[command(flatten)]
        store: StoreArg,
        /// Snapshot files.
        #[arg(required = true, value_name = "SNAPSHOT")]
        snapshots: Vec<PathBuf>,
    },
    /// Merge snapshot files, and every sidecar's newest snapshot under object-store
    /// prefixes, into one (no store involved).
    ///
    /// Example: mockdrift contracts merge pod-a.json pod-b.json s3://contracts/fleet -o merged.json
    Merge {
        /// Snapshot files, or object-store prefixes (s3://, gs://, az://, file://).
        #[arg(required = true, num_args = 1.., value_name = "SNAPSHOT")]
        inputs: Vec<String>,
        /// Output file.
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
        /// Leave out snapshots under a prefix whose traffic ended longer ago than this: `7d`,
        /// `36h`, or a number of days.
        #[arg(long, value_name = "DURATION")]
        max_age: Option<String>,
    },
    /// Gather the snapshots sidecars publish under a prefix into one object per service
    /// (`<TO>/<service>.compacted.json`), so that readers fetch a few objects instead of one
    /// per sidecar. Each source's newest snapshot is kept as it is, side by side; readers
    /// take each source's newest wherever they find it, so compacting is safe while sidecars
    /// keep publishing.
    ///
    /// Example: mockdrift contracts compact s3://contracts/fleet --to s3://contracts/compacted
    Compact {
        /// The prefix sidecars publish to.
        #[arg(value_name = "URL")]
        from: String,
        /// The prefix the compacted objects go to (may be the same).
        #[arg(long, value_name = "URL")]
        to: String,
        /// Leave out snapshots whose traffic ended longer ago than this: `7d`, `36h`, or a
        /// number of days.
        #[arg(long, value_name = "DURATION")]
        max_age: Option<String>,
    },
}

/// What `contracts export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// The snapshot (format v1).
    Snapshot,
    /// OpenAPI 3.1, one document per service.
    Openapi,
}

#[derive(Debug, Args)]
pub(crate) struct InferArgs {
    #[command(flatten)]
    pub(crate) store: StoreArg,
    /// The service the traffic belongs to (default: from each exchange, or the HAR host).
    #[arg(long)]
    pub(crate) service: Option<String>,
    /// A route template that wins over inference (repeatable): --route '/repos/{owner}/{repo}'.
    #[arg(long = "route", value_name = "TEMPLATE")]
    pub(crate) routes: Vec<String>,
    /// An OpenAPI 3 document (JSON or YAML) whose `paths` win over inference.
    #[arg(long, value_name = "FILE")]
    pub(crate) openapi: Option<PathBuf>,
    /// Traffic files: `.har`, or JSON Lines of exchanges (any other name).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
}
