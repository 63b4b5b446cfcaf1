//! The synchronous `Recorder`: exchanges in, contracts merged, flushed to the store on demand.
//!
//! Recording one exchange builds that exchange's own contract and joins it into the endpoint's,
//! so recording is exactly a fold of the contract join: recording A then B equals merging the
//! snapshots of A and B (see the README for the one, documented, exception about rare values).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::contract::{Contract, EndpointKey, Example, PathSample};
use crate::decode;
use crate::exchange::Exchange;
use crate::media;
use crate::redact::{RedactConfig, Redactor};
use crate::shape::stable_hash;
use crate::snapshot::Snapshot;
use crate::store::{Store, StoreError};
use crate::template::{Route, Templater};

/// What to record and how (the recording part of `mockdrift.toml`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecorderConfig {
    /// Inference limits.
    pub limits: Limits,
    /// Redaction.
    pub redact: RedactConfig,
    /// Route templates that override inference (`/repos/{owner}/{repo}`).
    pub routes: Vec<String>,
    /// This recorder's name in snapshots (a pod or sidecar name).
    pub source: Option<String>,
}

/// What happened to one exchange's response body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Recorded {
    /// Parsed and merged.
    Json,
    /// No body.
    Empty,
    /// Not JSON: counted by status and media type only.
    NotJson,
    /// Truncated by a cap: counted, not parsed.
    Truncated,
    /// JSON that did not parse; the reason.
    ParseError(String),
    /// The content-encoding could not be undone; the reason.
    DecodeError(String),
}

/// What recording one exchange did ([`Recorder::record_weighted`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recording {
    /// What happened to the response body.
    pub outcome: Recorded,
    /// Whether the endpoint's contract changed beyond its counts (a new endpoint, field,
    /// type, value, header...): [`Contract::fingerprint`] before and after.
    pub changed: bool,
    /// The endpoint it was recorded under.
    pub key: EndpointKey,
    /// Changes of settled endpoints this exchange completed ([`Recorder::watch_changes`]).
    pub changes: Vec<crate::changes::Change>,
}

/// A cheap, cloneable read handle on the contracts as of the last flush.
#[derive(Clone, Debug)]
pub struct RecorderHandle {
    published: Arc<RwLock<Arc<Snapshot>>>,
}

impl RecorderHandle {
    /// The contracts as of the last flush (or open).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.published.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

/// Drives inference and the store.
#[derive(Debug)]
pub struct Recorder {
    limits: Limits,
    redactor: Redactor,
    templater: Templater,
    source: Option<String>,
    contracts: BTreeMap<EndpointKey, Contract>,
    dirty: BTreeSet<EndpointKey>,
    store: Option<Store>,
    published: Arc<RwLock<Arc<Snapshot>>>,
    /// Path templates per service, for the endpoint cap.
    templates: BTreeMap<String, BTreeSet<String>>,
    /// Endpoints merged into others by [`Recorder::relearn`], to delete from the store.
    removed: BTreeSet<EndpointKey>,
    /// Whether an endpoint was added since the last [`Recorder::relearn`].
    grew: bool,
    /// Endpoints there were at the last relearn.
    learned_at: usize,
    /// Exchanges recorded and loaded (counts, sampled-out ones included), and how many there
    /// were when the current window of [`Recorder::relearn`]'s traffic rule began.
    recorded: u64,
    recorded_at: u64,
    /// Endpoints there were when that window began.
    window_at: usize,
    /// Each endpoint's [`Contract::fingerprint`] after its last recorded exchange.
    fingerprints: std::collections::HashMap<EndpointKey, u64>,
    /// Without a store, whether one is awaited ([`Recorder::detach_store`]): flushes then
    /// keep every change pending for it instead of dropping them.
    awaits_store: bool,
    /// Whether the contracts in memory include what the store held (it was loaded, or the
    /// recorder was detached from it), so attaching it again must not count them twice.
    holds_stored: bool,
    /// Watches settled endpoints for changes, when asked to ([`Recorder::watch_changes`]).
    changes: Option<crate::changes::Detector>,
}

pub use crate::template::OVERFLOW_PATH;

/// A recorder that could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecorderError {
    /// A route template is malformed.
    #[error(transparent)]
    Route(#[from] crate::template::RouteError),
    /// A limit is out of range.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Recorder {
    /// A recorder over `store` (or in memory only). Contracts already in the store are
    /// loaded; corrupt records are returned beside the recorder and left untouched.
    pub fn new(cfg: RecorderConfig, store: Option<Store>) -> Result<(Recorder, Vec<StoreError>), RecorderError> {
        let limits = cfg.limits.validate()?;
        let routes = cfg.routes.iter().map(|r| Route::parse(r)).collect::<Result<Vec<_>, _>>()?;
        let (loaded, bad) = match &store {
            Some(s) => s.load()?,
            None => (Vec::new(), Vec::new()),
        };
        let holds_stored = store.is_some();
        let mut r = Recorder {
            limits,
            redactor: Redactor::new(&cfg.redact),
            templater: Templater::new(routes),
            source: cfg.source,
            contracts: loaded.into_iter().collect(),
            dirty: BTreeSet::new(),
            store,
            published: Arc::new(RwLock::new(Arc::new(Snapshot::default()))),
            templates: BTreeMap::new(),
            removed: BTreeSet::new(),
            grew: true,
            learned_at: 0,
            recorded: 0,
            recorded_at: 0,
            window_at: 0,
            fingerprints: std::collections::HashMap::new(),
            awaits_store: false,
            holds_stored,
            changes: None,
        };
        for (k, c) in &r.contracts {
            r.templates.entry(k.service.clone()).or_default().insert(k.path.clone());
            // What the store holds counts as traffic seen: a restarted proxy waits for as
            // much again before relearning on traffic, not for a handful of exchanges.
            r.recorded = r.recorded.saturating_add(c.count);
        }
        // What was learned before the restart holds from the first exchange, not from the
        // first relearn: a new value of a learned parameter goes to its endpoint, not to one
        // of its own, and a literal told apart from the parameter stays apart.
        if !r.contracts.is_empty() {
            crate::learn::learn_templates(&r.contracts, &mut r.templater, &r.limits);
        }
        r.publish();
        Ok((r, bad))
    }

    /// A read handle for the admin server and the CLI. Nothing is published while no handle
    /// exists (`contracts infer` keeps no second copy of every contract); the first handle
    /// publishes the contracts as they are, later flushes as usual.
    pub fn handle(&self) -> RecorderHandle {
        if Arc::strong_count(&self.published) == 1 {
            self.publish_now();
        }
        RecorderHandle { published: Arc::clone(&self.published) }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The services with endpoints recorded.
    pub fn services(&self) -> BTreeSet<String> {
        self.templates.iter().filter(|(_, paths)| !paths.is_empty()).map(|(s, _)| s.clone()).collect()
    }

    /// Endpoints known.
    pub fn len(&self) -> usize {
        self.contracts.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.contracts.is_empty()
    }

    /// Contracts changed since the last flush.
    pub fn pending(&self) -> usize {
        self.dirty.len()
    }

    /// Templates for `service`'s paths learned from a body of its traffic
    /// ([`crate::learn::learn`]); given routes still win. Endpoints recorded before under
    /// other templates stay as they are.
    pub fn set_learned(&mut self, service: &str, routes: Vec<Route>) {
        self.templater.set_learned(service, routes);
    }

    /// Like [`Recorder::set_learned`], with why each learned parameter is one: contracts
    /// recorded under those templates carry it ([`Contract::learned`]).
    pub fn set_learned_explained(&mut self, service: &str, routes: crate::template::Explained) {
        self.templater.set_learned_explained(service, routes);
    }

    /// [`Recorder::relearn_now`] once the endpoints have doubled since the last time (8 at
    /// first), or the exchanges recorded have: the proxy calls it at every flush. Merging is
    /// final, so it waits for evidence: relearning after every few new endpoints merges on a
    /// partial view of the API (measured on GitHub's: every 500 requests, recall 81 % against
    /// 95 % for one pass at the end). Once the endpoints stop growing, the traffic still
    /// does: a value recorded as a literal before its parameter was learned (a slug beside
    /// numeric ids) joins it when the evidence has doubled, not never.
    pub fn relearn(&mut self) -> usize {
        if self.contracts.len() >= (2 * self.learned_at).max(8) {
            return self.relearn_now();
        }
        // The traffic rule, over windows in which the exchanges double: at the end of one,
        // relearn if the endpoints grew by an eighth or less in it, else start the next
        // window from here (endpoints that grew 100 -> 130 and stopped are settled in the
        // next window, not never).
        if self.recorded_at == 0 || self.recorded < self.recorded_at.saturating_mul(2) {
            return 0;
        }
        if self.contracts.len() * 8 <= self.window_at * 9 {
            return self.relearn_now();
        }
        self.recorded_at = self.recorded;
        self.window_at = self.contracts.len();
        0
    }

    /// Learns templates from every endpoint recorded so far and merges the endpoints they
    /// join ([`crate::learn::retemplate`]); what is recorded next uses them too. Runs after
    /// `contracts import` and when the proxy stops. Returns how many endpoints merged away.
    pub fn relearn_now(&mut self) -> usize {
        self.relearn_services(None)
    }

    /// [`Recorder::relearn_now`] for the endpoints of `services` only (all with `None`):
    /// `contracts infer` into a store relearns what it added to, not the store's other
    /// services.
    pub fn relearn_services(&mut self, services: Option<&BTreeSet<String>>) -> usize {
        // Nothing new to learn from: no new endpoint, no exchange since the last time.
        if !self.grew && self.recorded == self.recorded_at {
            return 0;
        }
        self.grew = false;
        self.recorded_at = self.recorded;
        let moves = crate::learn::retemplate_services(&mut self.contracts, &mut self.templater, &self.limits, services);
        for (old, new) in &moves {
            if let Some(d) = &mut self.changes {
                d.moved(old, new);
            }
            self.dirty.remove(old);
            self.removed.insert(old.clone());
            self.dirty.insert(new.clone());
        }
        if let Some(d) = &mut self.changes {
            let merged: BTreeSet<&EndpointKey> = moves.iter().map(|(_, new)| new).collect();
            for key in merged {
                if let Some(c) = self.contracts.get(key) {
                    d.rebase(key, c);
                }
            }
        }
        self.learned_at = self.contracts.len();
        self.window_at = self.learned_at;
        if !moves.is_empty() {
            self.fingerprints.clear();
            self.templates.clear();
            for k in self.contracts.keys() {
                self.templates.entry(k.service.clone()).or_default().insert(k.path.clone());
            }
        }
        moves.len()
    }

    /// Records one exchange: the endpoint's contract is updated in place, which equals
    /// joining the exchange's own contract into it (the shape laws guarantee it).
    pub fn record(&mut self, x: &Exchange) -> Recorded {
        self.record_inner(x, 1, false).0
    }

    /// Records one exchange that stands for `weight` exchanges of its endpoint (a sampling
    /// proxy counted the others without recording them): the count grows by `weight`, the
    /// shapes, headers and bodies learn from this one exchange, and `sampled_out` keeps the
    /// difference. Says whether the contract changed beyond its counts, which is how the
    /// proxy knows an endpoint has stopped changing.
    pub fn record_weighted(&mut self, x: &Exchange, weight: u64) -> Recording {
        let (outcome, changed, key) = self.record_inner(x, weight, true);
        let mut changes = Vec::new();
        let mut suspects = false;
        if let (Some(d), Some(c)) = (&mut self.changes, self.contracts.get(&key)) {
            changes = d.observe(&key, c, &x.query, weight, x.time);
            suspects = d.suspects(&key);
            for change in &mut changes {
                change.example = example_at(x, &change.pointer, change.kind, &self.limits, &self.redactor);
            }
        }
        // While a change is being counted the endpoint is not "unchanged": the proxy records
        // it in full again, so sampling does not hold the evidence back.
        Recording { outcome, changed: changed || suspects, key, changes }
    }

    /// Watches settled endpoints for changes from now on ([`crate::changes`]): the
    /// endpoints recorded so far (a store's) are known, never new. [`Recorder::record_weighted`]
    /// returns what each exchange completed.
    pub fn watch_changes(&mut self, cfg: crate::changes::ChangeConfig) {
        self.changes =
            Some(crate::changes::Detector::new(cfg, self.contracts.iter().map(|(k, c)| (k.clone(), c.count))));
    }

    /// Records; with `fingerprint`, also says whether the contract changed beyond its counts
    /// (batch inference has no use for it and skips the walk over the shape).
    fn record_inner(&mut self, x: &Exchange, weight: u64, fingerprint: bool) -> (Recorded, bool, EndpointKey) {
        let key = self.endpoint_of(x, weight);
        let c = self.contracts.get_mut(&key).expect("endpoint_of made it");
        let outcome = observe_exchange(c, x, weight, &key.media_type, &self.limits, &self.redactor);
        let changed = fingerprint && {
            let fingerprint = c.fingerprint();
            self.fingerprints.insert(key.clone(), fingerprint) != Some(fingerprint)
        };
        self.dirty.insert(key.clone());
        (outcome, changed, key)
    }

    /// Records exchanges as [`Recorder::record`] does one at a time, with the same result: the
    /// endpoints are found in order, then each endpoint's exchanges are observed, in order,
    /// the endpoints shared among the machine's cores (an endpoint's contract depends only on
    /// its own exchanges). Returns what happened to each body.
    pub fn record_all(&mut self, xs: &[&Exchange]) -> Vec<Recorded> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        self.record_all_on(xs, threads)
    }

    /// [`Recorder::record_all`] on `threads` threads (the calling one among them).
    fn record_all_on(&mut self, xs: &[&Exchange], threads: usize) -> Vec<Recorded> {
        let keys: Vec<EndpointKey> = xs.iter().map(|x| self.endpoint_of(x, 1)).collect();
        let mut of: BTreeMap<&EndpointKey, Vec<usize>> = BTreeMap::new();
        for (i, k) in keys.iter().enumerate() {
            of.entry(k).or_default().push(i);
        }
        // The contracts concerned, each with its exchanges, shared out by body bytes.
        let threads = threads.max(1);
        type Share<'a> = Vec<(&'a mut Contract, &'a EndpointKey, Vec<usize>)>;
        let mut work: Vec<(u64, Share<'_>)> = (0..threads).map(|_| (0, Vec::new())).collect();
        // (The store's other contracts are passed over; the walk stops at the last one wanted.)
        let mut jobs: Vec<(u64, &mut Contract, &EndpointKey, Vec<usize>)> = Vec::with_capacity(of.len());
        for (k, c) in self.contracts.iter_mut() {
            if of.is_empty() {
                break;
            }
            if let Some(at) = of.remove(k) {
                let bytes = at.iter().map(|&i| 256 + xs[i].response.body.len() as u64).sum();
                jobs.push((bytes, c, k, at));
            }
        }
        jobs.sort_by_key(|j| std::cmp::Reverse(j.0));
        for (bytes, c, k, at) in jobs {
            let least = work.iter_mut().min_by_key(|w| w.0).expect("one thread or more");
            least.0 += bytes;
            least.1.push((c, k, at));
        }
        let (limits, redactor) = (&self.limits, &self.redactor);
        let observe = |share: Share<'_>| {
            let mut done = Vec::new();
            for (c, k, at) in share {
                for i in at {
                    done.push((i, observe_exchange(c, xs[i], 1, &k.media_type, limits, redactor)));
                }
            }
            done
        };
        let mut outcomes: Vec<Option<Recorded>> = vec![None; xs.len()];
        let mut shares = work.into_iter().map(|w| w.1).filter(|s| !s.is_empty());
        let first = shares.next();
        std::thread::scope(|scope| {
            let others: Vec<_> = shares.map(|share| scope.spawn(move || observe(share))).collect();
            for (i, o) in first.map(observe).unwrap_or_default() {
                outcomes[i] = Some(o);
            }
            for t in others {
                for (i, o) in t.join().expect("observing exchanges does not panic") {
                    outcomes[i] = Some(o);
                }
            }
        });
        self.dirty.extend(keys);
        outcomes.into_iter().map(|o| o.expect("every exchange observed")).collect()
    }

    /// The endpoint an exchange is recorded under, its contract made when new: what recording
    /// it changes beyond the endpoint's own contract, in order.
    fn endpoint_of(&mut self, x: &Exchange, weight: u64) -> EndpointKey {
        self.recorded = self.recorded.saturating_add(weight);
        let media = media::normalise(x.response.header("content-type").unwrap_or(""));
        let mut path = self.templater.template_for(&x.service, &x.path);
        let known = self.templates.entry(x.service.clone()).or_default();
        if !known.contains(&path) {
            if known.len() >= self.limits.max_endpoints_per_service {
                path = OVERFLOW_PATH.to_owned();
            }
            known.insert(path.clone());
            self.grew = true;
        }
        let key = EndpointKey {
            service: x.service.clone(),
            method: x.method.to_ascii_uppercase(),
            path,
            status: x.status,
            media_type: media,
        };
        let c = match self.contracts.get_mut(&key) {
            Some(c) => c,
            None => {
                let mut c = Contract::new(x.time);
                if let Some(why) = self.templater.why(&key.service, &key.path) {
                    c.learned = why.iter().cloned().collect();
                }
                self.contracts.entry(key.clone()).or_insert(c)
            }
        };
        // Under a route the user gives, or gave: an endpoint recorded before the route was
        // given (or by an older build) is marked too.
        if !c.given && key.path != OVERFLOW_PATH && self.templater.given(&x.service, &x.path) {
            c.given = true;
        }
        key
    }

    /// Counts `n` more exchanges of an endpoint that a sampling proxy skipped and no recorded
    /// exchange carried (they join `sampled_out`). An endpoint merged away by a relearn since
    /// is found under its new template. Returns whether the endpoint was found.
    pub fn count_skipped(&mut self, key: &EndpointKey, n: u64) -> bool {
        if n == 0 {
            return true;
        }
        let moved;
        let key = if self.contracts.contains_key(key) {
            key
        } else {
            moved = EndpointKey { path: self.templater.template_for(&key.service, &key.path), ..key.clone() };
            &moved
        };
        let Some(c) = self.contracts.get_mut(key) else { return false };
        c.count += n;
        c.sampled_out += n;
        if let Some(d) = &mut self.changes {
            d.skipped(key, n);
        }
        self.dirty.insert(key.clone());
        true
    }

    /// Joins a whole snapshot in (`contracts import`).
    pub fn import(&mut self, snap: &Snapshot) {
        for (k, c) in &snap.contracts {
            match self.contracts.get_mut(k) {
                Some(mine) => mine.merge(c, &self.limits),
                None => {
                    self.contracts.insert(k.clone(), c.clone());
                    self.templates.entry(k.service.clone()).or_default().insert(k.path.clone());
                    self.grew = true;
                }
            }
            self.recorded = self.recorded.saturating_add(c.count);
            self.dirty.insert(k.clone());
        }
    }

    /// Writes changed contracts to the store in one batch, makes them durable, and publishes
    /// the new state to read handles. Returns how many contracts were written. On a store
    /// error the changes stay pending, so a later flush retries them.
    pub fn flush(&mut self) -> Result<usize, StoreError> {
        self.publish();
        let Some(store) = &self.store else {
            // Memory only (`contracts infer` without a store), or waiting for a store to
            // attach, which then takes every pending change.
            if !self.awaits_store {
                self.dirty.clear();
            }
            return Ok(0);
        };
        let persisted: Vec<(EndpointKey, Contract)> =
            self.dirty.iter().filter_map(|k| self.contracts.get(k).map(|c| (k.clone(), self.persistable(c)))).collect();
        // Merged-away endpoints vanish in the batch that writes what they merged into.
        let removed = self.removed.iter().filter(|k| !self.contracts.contains_key(*k));
        let n = store.replace_batch(persisted.iter().map(|(k, c)| (k, c)), removed)?;
        store.flush()?;
        self.dirty.clear();
        self.removed.clear();
        Ok(n)
    }

    /// Lets go of the store (after its writes failed: sled refuses every write after an I/O
    /// error until it is opened again, and its lock must be released first), keeping every
    /// contract in memory and every change pending for the store attached next
    /// ([`Recorder::attach_store`]). Also how a recorder that could not open its store at
    /// start says that one is awaited. Returns the store's directory, if there was one.
    pub fn detach_store(&mut self) -> Option<std::path::PathBuf> {
        self.awaits_store = true;
        let dir = self.store.take().map(|s| s.path().to_path_buf());
        // Whatever the store holds is rewritten whole: a failed batch may have left part of it.
        self.dirty.extend(self.contracts.keys().cloned());
        dir
    }

    /// Attaches a store (re)opened after [`Recorder::detach_store`]. When the recorder never
    /// loaded it (it could not be opened at start), the contracts stored there are merged
    /// into those recorded since (a join, as merging snapshots); otherwise memory already
    /// holds them. Every contract is written at the next flush. Returns the records that
    /// could not be read (left as they are).
    pub fn attach_store(&mut self, store: Store) -> Result<Vec<StoreError>, StoreError> {
        let mut bad = Vec::new();
        if !self.holds_stored {
            let (loaded, unreadable) = store.load()?;
            bad = unreadable;
            for (k, c) in loaded {
                self.recorded = self.recorded.saturating_add(c.count);
                self.templates.entry(k.service.clone()).or_default().insert(k.path.clone());
                if let Some(d) = &mut self.changes {
                    // Stored endpoints are known, never new; a watch whose contract takes the
                    // stored counts starts over.
                    d.know(&k);
                }
                match self.contracts.get_mut(&k) {
                    Some(mine) => mine.merge(&c, &self.limits),
                    None => {
                        self.contracts.insert(k, c);
                    }
                }
            }
            self.holds_stored = true;
            self.grew = true;
            // As when a recorder opens a store ([`Recorder::new`]).
            crate::learn::learn_templates(&self.contracts, &mut self.templater, &self.limits);
        }
        self.dirty.extend(self.contracts.keys().cloned());
        self.store = Some(store);
        self.awaits_store = false;
        Ok(bad)
    }

    /// Whether a store is attached.
    pub fn has_store(&self) -> bool {
        self.store.is_some()
    }

    /// Changes not yet written to a store: contracts to write, endpoints to delete.
    pub fn unflushed(&self) -> usize {
        self.dirty.len() + self.removed.len()
    }

    /// The current contracts, as they would be persisted.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            sources: self.source.iter().cloned().collect(),
            contracts: self.contracts.iter().map(|(k, c)| (k.clone(), self.persistable(c))).collect(),
        }
    }

    fn persistable(&self, c: &Contract) -> Contract {
        let mut c = c.clone();
        c.withhold_rare(self.limits.enum_min_exchanges);
        c
    }

    fn publish(&self) {
        // Nobody holds a handle (`contracts infer`): no copy of every contract to keep; the
        // first handle publishes.
        if Arc::strong_count(&self.published) == 1 {
            return;
        }
        self.publish_now();
    }

    fn publish_now(&self) {
        let snap = Arc::new(self.snapshot());
        match self.published.write() {
            Ok(mut g) => *g = snap,
            Err(poisoned) => *poisoned.into_inner() = snap,
        }
    }
}

/// What one exchange (standing for `weight`) adds to its endpoint's contract: counts, latency,
/// headers, the path sample, the query, request and response bodies.
fn observe_exchange(
    c: &mut Contract,
    x: &Exchange,
    weight: u64,
    media: &str,
    limits: &Limits,
    redactor: &Redactor,
) -> Recorded {
    let rsp = &x.response;
    let weight = weight.max(1);
    c.count += weight;
    c.sampled_out += weight - 1;
    c.first_seen = c.first_seen.min(x.time);
    c.last_seen = c.last_seen.max(x.time);
    c.latency.add(x.duration_ms, weight);
    let mut seen_headers: Vec<String> = Vec::with_capacity(rsp.headers.len());
    for (name, _) in &rsp.headers {
        let name = name.to_ascii_lowercase();
        if !redactor.is_dropped_header(&name) && !seen_headers.contains(&name) {
            *c.response_headers.entry(name.clone()).or_default() += 1;
            seen_headers.push(name);
        }
    }
    let mut path = redactor.redact_path(&x.path);
    if !x.query.is_empty() {
        path.push('?');
        path.push_str(&redactor.redact_query(&x.query));
    }
    c.add_path(PathSample::of(&path), limits.max_paths);
    if let Some(q) = query_json(&x.query) {
        let _ = c.query.observe(q.as_bytes(), x.time, limits, redactor);
    }
    if let Some(body) = json_body(&x.request, limits) {
        let _ = c.request.observe(&body, x.time, limits, redactor);
    }
    let outcome = response_body(x, media, &path, c, limits, redactor);
    let b = &mut c.bodies;
    let error = match &outcome {
        Recorded::Json => {
            b.json += 1;
            None
        }
        Recorded::Empty => {
            b.empty += 1;
            None
        }
        Recorded::NotJson => {
            b.not_json += 1;
            None
        }
        Recorded::Truncated => {
            b.truncated += 1;
            None
        }
        Recorded::ParseError(e) => {
            b.parse_errors += 1;
            Some(e)
        }
        Recorded::DecodeError(e) => {
            b.decode_errors += 1;
            Some(e)
        }
    };
    if let Some(e) = error
        && b.error_example.as_ref().is_none_or(|cur| e < cur)
    {
        b.error_example = Some(e.clone());
    }
    outcome
}

fn response_body(
    x: &Exchange,
    media: &str,
    path: &str,
    c: &mut Contract,
    limits: &Limits,
    redactor: &Redactor,
) -> Recorded {
    let rsp = &x.response;
    if rsp.truncated {
        return Recorded::Truncated;
    }
    if rsp.body.is_empty() {
        return Recorded::Empty;
    }
    let decoded = match decode::decode(&rsp.body, rsp.header("content-encoding").unwrap_or(""), limits.max_body_bytes) {
        Ok(d) if d.truncated => return Recorded::Truncated,
        Ok(d) => d.bytes,
        Err(e) => return Recorded::DecodeError(format!("{e}")),
    };
    let decoded = media::without_xssi_guard(&decoded);
    if !(media::is_json(media) || media.is_empty() && media::sniff_json(decoded)) {
        return Recorded::NotJson;
    }
    let members = c.response.object.as_ref().map_or(0, |o| o.fields.len());
    if let Err(e) = c.response.observe(decoded, x.time, limits, redactor) {
        return Recorded::ParseError(e.to_string());
    }
    // A member new at the top: whether the body answered apart from the endpoint's earlier
    // ones, and if so what it answered, kept with its path (see `PathSample::sig`). Two more
    // parses, only for a body that brought a new member.
    if (200..300).contains(&x.status)
        && c.response.object.as_ref().is_some_and(|o| o.fields.len() > members)
        && let Some(members) = crate::learn::answered_apart(&c.response, decoded)
        && let Some(sig) = crate::learn::body_signature(decoded)
    {
        c.add_apart(PathSample { sig: Some(format!("{sig:016x}")), members, ..PathSample::of(path) });
    }
    let hash = format!("{:016x}", stable_hash(decoded));
    if c.wants_example(&hash, path, limits.max_examples) {
        // A body nested deeper than the shape's limit gives no example: stored inside a record,
        // it could not be read back (serde_json stops at depth 128, as every reader does).
        if let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(decoded)
            && nesting(&body) <= limits.max_depth
        {
            redactor.redact_value(&mut body);
            c.add_example(Example { hash, path: path.to_owned(), body }, limits.max_examples);
        }
    }
    Recorded::Json
}

/// The redacted value at a change's pointer in the exchange's response body (`*` takes the
/// first item or value), or the whole body for a status or endpoint change when it is small;
/// null when there is none.
fn example_at(
    x: &Exchange,
    pointer: &str,
    kind: crate::changes::ChangeKind,
    limits: &Limits,
    redactor: &Redactor,
) -> serde_json::Value {
    use crate::changes::ChangeKind;
    use serde_json::Value;
    /// The largest example, serialized (a body given whole, or the value at the pointer).
    const WHOLE: usize = 4096;
    let rsp = &x.response;
    if rsp.truncated || rsp.body.is_empty() || kind == ChangeKind::FieldGone {
        return Value::Null;
    }
    let Ok(d) = decode::decode(&rsp.body, rsp.header("content-encoding").unwrap_or(""), limits.max_body_bytes) else {
        return Value::Null;
    };
    if d.truncated || pointer.is_empty() && d.bytes.len() > WHOLE {
        return Value::Null;
    }
    let Ok(mut body) = serde_json::from_slice::<Value>(media::without_xssi_guard(&d.bytes)) else { return Value::Null };
    if nesting(&body) > limits.max_depth {
        return Value::Null;
    }
    redactor.redact_value(&mut body);
    let mut at = &body;
    let example = |v: &Value| {
        // A large value is no example: a change event stays small.
        let shown = serde_json::to_string(v).map_or(usize::MAX, |t| t.len());
        if shown <= WHOLE { v.clone() } else { Value::Null }
    };
    for seg in pointer.split('/').skip(1) {
        let next = match (at, seg) {
            (Value::Array(items), "*") => items.first(),
            (Value::Object(fields), "*") => fields.values().next(),
            (Value::Object(fields), key) => fields.get(&key.replace("~1", "/").replace("~0", "~")),
            _ => None,
        };
        match next {
            Some(v) => at = v,
            None => return Value::Null,
        }
    }
    example(at)
}

/// How deep arrays and objects nest in `v` (a scalar is 0).
fn nesting(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        serde_json::Value::Object(fields) => 1 + fields.values().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

fn json_body(m: &crate::exchange::Message, limits: &Limits) -> Option<Vec<u8>> {
    if m.body.is_empty() || m.truncated {
        return None;
    }
    let media = media::normalise(m.header("content-type").unwrap_or(""));
    let d = decode::decode(&m.body, m.header("content-encoding").unwrap_or(""), limits.max_body_bytes).ok()?;
    (!d.truncated && (media::is_json(&media) || media.is_empty() && media::sniff_json(&d.bytes))).then_some(d.bytes)
}

/// The query parameters as a JSON object of strings (repeated names stay repeated keys,
/// which the shape counts once per exchange).
fn query_json(query: &str) -> Option<String> {
    if query.is_empty() {
        return None;
    }
    let mut obj = String::from("{");
    for (i, pair) in query.split('&').filter(|p| !p.is_empty()).enumerate() {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if i > 0 {
            obj.push(',');
        }
        obj.push_str(&serde_json::to_string(&crate::redact::percent_decode(k)).expect("strings serialize"));
        obj.push(':');
        obj.push_str(&serde_json::to_string(&crate::redact::percent_decode(v)).expect("strings serialize"));
    }
    obj.push('}');
    Some(obj)
}

#[cfg(test)]
mod tests;
