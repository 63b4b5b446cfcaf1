//! Endpoint contracts: what one endpoint (service, method, template, status, media type)
//! was seen to return, and how often.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::shape::Shape;
use crate::ts::Ts;

/// What identifies an endpoint contract.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EndpointKey {
    /// The upstream service's name.
    pub service: String,
    /// Request method, uppercase.
    pub method: String,
    /// Path template, `/users/{user_id}`.
    pub path: String,
    /// Response status.
    pub status: u16,
    /// Normalised response media type; empty when none was sent.
    pub media_type: String,
}

impl EndpointKey {
    /// The storage key: fields joined by NUL, so keys sort by service, method, path, status.
    pub fn encode(&self) -> Vec<u8> {
        format!("{}\0{}\0{}\0{:03}\0{}", self.service, self.method, self.path, self.status, self.media_type)
            .into_bytes()
    }
}

impl std::fmt::Display for EndpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {} {}", self.service, self.method, self.path, self.status)?;
        if !self.media_type.is_empty() {
            write!(f, " {}", self.media_type)?;
        }
        Ok(())
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// How the response bodies of a contract went through inference. A body counts in exactly
/// one of these; cuts and truncations count toward the endpoint's responses, not toward field
/// presence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyStats {
    /// Parsed as JSON and merged into the shape.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub json: u64,
    /// No body.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub empty: u64,
    /// Not JSON: recorded by status and media type only, "not compared".
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_json: u64,
    /// JSON media type but not valid JSON.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub parse_errors: u64,
    /// Cut by the recording cap or `max_body_bytes`: not parsed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub truncated: u64,
    /// Content-encoding could not be undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub decode_errors: u64,
    /// One parse or decode error message (the smallest, so merges stay deterministic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_example: Option<String>,
}

/// A redacted example body, chosen by the bottom-k of its hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// Hash of the body as received (hex), which orders examples.
    pub hash: String,
    /// The redacted concrete path it was served for.
    pub path: String,
    /// The redacted body.
    pub body: serde_json::Value,
}

/// How many paths answering apart from their endpoint a contract keeps beyond its sample
/// ([`Contract::apart`]).
pub(crate) const MAX_APART: usize = 4;

/// A redacted concrete path seen for the endpoint (bottom-k by hash).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PathSample {
    /// Hash of the path (hex).
    pub hash: String,
    /// The redacted path, with its redacted query when there was one.
    pub path: String,
    /// Kept when the path's 2xx JSON body answered apart from the endpoint's bodies so far
    /// (a member every one had missing, one none had present): that body's response shape
    /// signature ([`crate::learn::body_signature`]: member names and kinds, with those of a
    /// list's first item or an envelope's members; hex). A literal recorded into a parameter
    /// it is not a value of (`/customers/search` arriving after `/customers/{customer}` was
    /// learned) so answers as itself at the next relearn, not as the endpoint's whole shape.
    /// Absent otherwise, and in stores written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sig: Option<String>,
    /// With `sig`: that body's top-level member names (sorted, at most 64),
    /// checked again at each relearn against the endpoint's shape as it is then: a field
    /// renamed for every value (drift) looks apart on the first body that has it, and is
    /// not once most bodies do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// The most member names a [`PathSample`] keeps.
pub(crate) const MAX_MEMBERS: usize = 64;

impl PathSample {
    fn key(&self) -> (&str, &str) {
        (&self.hash, &self.path)
    }

    /// Takes in what `o` kept of the path's answer: the smaller signature, so that merging
    /// snapshots gives the same whatever the order.
    fn adopt(&mut self, o: PathSample) {
        if o.sig.is_some() && (self.sig.is_none() || o.sig < self.sig) {
            self.sig = o.sig;
            self.members = o.members;
        }
    }

    /// The sample of a redacted path (with its query), without a body signature.
    pub fn of(path: &str) -> PathSample {
        PathSample {
            hash: format!("{:016x}", crate::shape::stable_hash(path.as_bytes())),
            path: path.to_owned(),
            sig: None,
            members: Vec::new(),
        }
    }
}

/// What an endpoint was seen to return.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// Exchanges seen.
    pub count: u64,
    /// Of those, exchanges only counted: a proxy samples an endpoint down once its contract
    /// stops changing, and counts what it skipped. Bodies, headers and queries were inferred
    /// from the other `count - sampled_out` ([`Contract::observed`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sampled_out: u64,
    /// First exchange.
    pub first_seen: Ts,
    /// Last exchange.
    pub last_seen: Ts,
    /// How the response bodies went.
    #[serde(default)]
    pub bodies: BodyStats,
    /// The response body shape (JSON bodies only).
    #[serde(default, skip_serializing_if = "Shape::is_empty")]
    pub response: Shape,
    /// The request body shape (JSON bodies only).
    #[serde(default, skip_serializing_if = "Shape::is_empty")]
    pub request: Shape,
    /// Query parameters: an object shape of their names, values as strings.
    #[serde(default, skip_serializing_if = "Shape::is_empty")]
    pub query: Shape,
    /// Response header names and how often each was sent (values are not kept).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub response_headers: BTreeMap<String, u64>,
    /// Redacted example bodies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Redacted concrete paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<PathSample>,
    /// Redacted concrete paths whose answer was apart from the endpoint's (see
    /// [`PathSample::sig`]) and that the bottom-k sample in `paths` did not take: at most
    /// four, the smallest hashes, each with its signature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apart: Vec<PathSample>,
    /// Why each parameter of the template that was learned from values is one: the rule
    /// that merged the values, with its counts, by parameter name (`contracts show --explain`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub learned: BTreeMap<String, String>,
    /// The template is a route the user gave (`--route`, `--openapi`, `routes = [...]`) when
    /// it was recorded. Relearning never moves the endpoint, and keeps its template for the
    /// paths it matches, also where the route is no longer given (a restart, `contracts
    /// import`, `merge`, a later `infer`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub given: bool,
    /// How long the responses took (a mergeable sketch; traffic without timings adds none).
    #[serde(default, skip_serializing_if = "crate::latency::Latency::is_empty")]
    pub latency: crate::latency::Latency,
}

impl Contract {
    /// An empty contract first seen at `t`.
    pub fn new(t: Ts) -> Self {
        Self {
            count: 0,
            sampled_out: 0,
            first_seen: t,
            last_seen: t,
            bodies: BodyStats::default(),
            response: Shape::default(),
            request: Shape::default(),
            query: Shape::default(),
            response_headers: BTreeMap::new(),
            examples: Vec::new(),
            paths: Vec::new(),
            apart: Vec::new(),
            learned: BTreeMap::new(),
            given: false,
            latency: crate::latency::Latency::default(),
        }
    }

    /// Joins `o` into `self`: counts add, times widen, shapes merge, samples keep the bottom-k.
    pub fn merge(&mut self, o: &Contract, limits: &Limits) {
        self.count += o.count;
        self.given |= o.given;
        self.sampled_out += o.sampled_out;
        // The smaller text of each name, so that merging is commutative.
        for (k, v) in &o.learned {
            match self.learned.get_mut(k) {
                Some(mine) if *mine <= *v => {}
                Some(mine) => mine.clone_from(v),
                None => {
                    self.learned.insert(k.clone(), v.clone());
                }
            }
        }
        self.first_seen = self.first_seen.min(o.first_seen);
        self.last_seen = self.last_seen.max(o.last_seen);
        let b = &mut self.bodies;
        b.json += o.bodies.json;
        b.empty += o.bodies.empty;
        b.not_json += o.bodies.not_json;
        b.parse_errors += o.bodies.parse_errors;
        b.truncated += o.bodies.truncated;
        b.decode_errors += o.bodies.decode_errors;
        b.error_example = match (b.error_example.take(), &o.bodies.error_example) {
            (Some(a), Some(c)) => Some(a.min(c.clone())),
            (a, c) => a.or_else(|| c.clone()),
        };
        self.response.merge(&o.response, limits);
        self.request.merge(&o.request, limits);
        self.query.merge(&o.query, limits);
        for (h, n) in &o.response_headers {
            *self.response_headers.entry(h.clone()).or_default() += n;
        }
        for e in &o.examples {
            self.add_example(e.clone(), limits.max_examples);
        }
        for p in &o.paths {
            self.add_path(p.clone(), limits.max_paths);
        }
        for p in &o.apart {
            self.add_apart(p.clone());
        }
        self.latency.merge(&o.latency);
    }

    /// Exchanges whose bodies, headers and query went through inference: the denominator
    /// of every presence ratio below `count`.
    pub fn observed(&self) -> u64 {
        self.count.saturating_sub(self.sampled_out)
    }

    /// [`Shape::fingerprint`] of the whole contract: its shapes, which response headers and
    /// which kinds of bodies were seen. Unchanged while new exchanges only add counts.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        for s in [&self.response, &self.request, &self.query] {
            h.write_u64(s.fingerprint());
        }
        self.response_headers.keys().for_each(|k| k.hash(&mut h));
        let b = &self.bodies;
        let kinds = [b.json, b.empty, b.not_json, b.parse_errors, b.truncated, b.decode_errors];
        h.write_u8(kinds.iter().fold(0, |acc, &n| acc << 1 | u8::from(n > 0)));
        h.finish()
    }

    /// Whether an example with this hash and path would change the kept examples (so the
    /// caller can skip redacting a body that would be dropped). The same rule as
    /// [`Contract::add_example`]: the `k` smallest hashes, and on a tie the smaller path.
    pub fn wants_example(&self, hash: &str, path: &str, k: usize) -> bool {
        if let Some(e) = self.examples.iter().find(|e| e.hash == hash) {
            return path < e.path.as_str();
        }
        k > 0 && (self.examples.len() < k || self.examples.last().is_some_and(|l| hash < l.hash.as_str()))
    }

    /// Adds an example, keeping the `k` smallest hashes (ties on hash keep the smaller path).
    pub fn add_example(&mut self, e: Example, k: usize) {
        match self.examples.binary_search_by(|x| x.hash.as_str().cmp(&e.hash)) {
            Ok(i) => {
                if e.path < self.examples[i].path {
                    self.examples[i] = e;
                }
            }
            Err(i) => self.examples.insert(i, e),
        }
        self.examples.truncate(k);
    }

    /// Adds a concrete path sample, keeping the `k` smallest hashes.
    /// What a path's sample entry kept of its answer (`sig`) stays with the path: taken in
    /// from a merged snapshot's entry, moved from [`Contract::apart`] when the path enters
    /// the sample, and moved there when the path leaves it.
    pub fn add_path(&mut self, mut p: PathSample, k: usize) {
        match self.paths.binary_search_by(|x| x.key().cmp(&p.key())) {
            Ok(i) => self.paths[i].adopt(p),
            Err(i) => {
                if let Ok(j) = self.apart.binary_search_by(|x| x.key().cmp(&p.key())) {
                    p.adopt(self.apart.remove(j));
                }
                self.paths.insert(i, p);
                while self.paths.len() > k {
                    let out = self.paths.pop().expect("longer than k");
                    if out.sig.is_some() {
                        self.add_apart(out);
                    }
                }
            }
        }
    }

    /// Keeps a path whose answer was apart from the endpoint's (`p.sig` set): on its sample
    /// entry when the sample holds it, else in [`Contract::apart`] (the smallest hashes).
    pub fn add_apart(&mut self, p: PathSample) {
        if let Ok(i) = self.paths.binary_search_by(|x| x.key().cmp(&p.key())) {
            self.paths[i].adopt(p);
            return;
        }
        match self.apart.binary_search_by(|x| x.key().cmp(&p.key())) {
            Ok(i) => self.apart[i].adopt(p),
            Err(i) => {
                self.apart.insert(i, p);
                self.apart.truncate(MAX_APART);
            }
        }
    }

    /// How many distinct paths (with their queries) the endpoint was seen with, estimated
    /// from its bottom-k sample: exact while the sample holds fewer than `k`, else the
    /// k-minimum-values estimate `(k - 1) / h_k` (`h_k`, the sample's largest hash, as a
    /// fraction of the hash space). Unlike `count`, it tells an endpoint seen 1,000 times
    /// with one path from one seen once each with 1,000.
    pub fn distinct_paths(&self, k: usize) -> f64 {
        let n = self.paths.len();
        if n < k.max(2) {
            return n as f64;
        }
        let Some(h) = self.paths.last().and_then(|p| u64::from_str_radix(&p.hash, 16).ok()) else {
            return n as f64;
        };
        let frac = (h as f64 + 1.0) / (u64::MAX as f64 + 1.0);
        ((n - 1) as f64 / frac).max(n as f64)
    }

    /// Makes the contract safe to persist: rare string values lose their text.
    pub fn withhold_rare(&mut self, min_exchanges: u64) {
        self.response.withhold_rare(min_exchanges);
        self.request.withhold_rare(min_exchanges);
        self.query.withhold_rare(min_exchanges);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(c: &mut Contract, path: &str) {
        c.count += 1;
        c.add_path(PathSample::of(path), 8);
    }

    #[test]
    fn distinct_paths_are_counted_exactly_below_k_and_estimated_above() {
        let mut one = Contract::new(Ts(0));
        for _ in 0..1000 {
            seen(&mut one, "/users/me");
        }
        assert_eq!(one.distinct_paths(8), 1.0);
        let mut few = Contract::new(Ts(0));
        for i in 0..300 {
            seen(&mut few, &format!("/users/{}", i % 5));
        }
        assert_eq!(few.distinct_paths(8), 5.0);
        // k = 8 minimum values: about a third of relative error; bounds well outside it.
        for n in [100, 1_000, 10_000] {
            let mut many = Contract::new(Ts(0));
            for i in 0..n {
                seen(&mut many, &format!("/users/{i}"));
            }
            let d = many.distinct_paths(8);
            assert!(d > n as f64 / 3.0 && d < n as f64 * 3.0, "{n} paths estimated at {d}");
        }
    }

    #[test]
    fn a_path_answering_apart_is_kept_on_its_sample_entry_or_beside_the_sample() {
        let apart = |p: &str| PathSample { sig: Some("00000000000000ff".into()), ..PathSample::of(p) };
        let mut c = Contract::new(Ts(0));
        let mut paths: Vec<PathSample> = (0..10).map(|i| PathSample::of(&format!("/p/{i}"))).collect();
        paths.sort();
        for p in &paths[..3] {
            c.add_path(p.clone(), 3);
        }
        c.add_path(paths[0].clone(), 3);
        assert_eq!(c.paths, paths[..3], "one entry a path");
        // In the sample: the signature goes on its entry, and a merge without it keeps it.
        c.add_apart(apart(&paths[1].path));
        c.add_path(paths[1].clone(), 3);
        assert_eq!(c.paths[1].sig.as_deref(), Some("00000000000000ff"));
        assert!(c.apart.is_empty());
        // Not in it: beside it, the smallest hashes up to MAX_APART.
        for p in &paths[3..] {
            c.add_apart(apart(&p.path));
        }
        assert_eq!(
            c.apart.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            paths[3..3 + MAX_APART].iter().map(|p| p.path.as_str()).collect::<Vec<_>>()
        );
        assert_eq!(c.paths.len(), 3, "the sample, and so the distinct-path estimate, untouched");
    }

    #[test]
    fn what_a_path_answered_follows_it_in_and_out_of_the_sample_and_merges_either_way() {
        let with = |p: &PathSample, sig: &str| PathSample { sig: Some(sig.into()), ..p.clone() };
        let mut paths: Vec<PathSample> = (0..6).map(|i| PathSample::of(&format!("/p/{i}"))).collect();
        paths.sort();
        // The largest of three, kept apart, then pushed out by a smaller one: it moves.
        let mut c = Contract::new(Ts(0));
        for p in &paths[1..4] {
            c.add_path(p.clone(), 3);
        }
        c.add_apart(with(&paths[3], "0b"));
        c.add_path(paths[0].clone(), 3);
        assert_eq!(c.paths, paths[..3]);
        assert_eq!(c.apart, [with(&paths[3], "0b")]);
        // Two snapshots, one holding a path apart, the other in its sample without an answer,
        // and each with its own signature for another: the same merge whichever way.
        let mut a = Contract::new(Ts(0));
        a.add_path(paths[4].clone(), 8);
        a.add_apart(with(&paths[4], "0c"));
        a.add_apart(with(&paths[5], "0a"));
        let mut b = Contract::new(Ts(0));
        b.add_path(paths[5].clone(), 8);
        b.add_apart(with(&paths[4], "0d"));
        let (mut ab, mut ba) = (a.clone(), b.clone());
        ab.merge(&b, &Limits::default());
        ba.merge(&a, &Limits::default());
        assert_eq!(ab.paths, ba.paths);
        assert_eq!(ab.apart, ba.apart);
        assert_eq!(ab.paths, [with(&paths[4], "0c"), with(&paths[5], "0a")]);
        assert!(ab.apart.is_empty());
    }
}
