//! Live contract changes: what a settled endpoint does differently now.
//!
//! The recorder's contracts are cumulative: a field that stopped coming is still in them. The
//! [`Detector`] watches each contract move instead: after every recorded response it flattens
//! the contract's shape into counts per position (pointer) and takes the difference with the
//! counts before, which is what that one response added: which fields it had, which types,
//! formats and enum values. No second parse of the body; the walk is over the shape, as
//! [`Contract::fingerprint`]'s is.
//!
//! A contract is *settled* after [`ChangeConfig::settle_after`] recorded responses; what it
//! says then is the baseline. A change is reported once [`ChangeConfig::evidence`] recorded
//! responses in a row show it (a field of the baseline present in every object absent from
//! each; a new field present in each; a value of a type, or a string of a format, the
//! baseline never had, and none of the baseline's); a new enum value or a new status once
//! that many responses carried it; a common status gone once it has been missing from so many
//! responses in a row that its share before makes chance unlikely (one in a million); a new
//! endpoint of a service with a settled endpoint once it answered that many times. A fresh
//! store's first sight of an endpoint is no event, and neither is a request variant (the set
//! of query parameter names) first seen after settling: its responses are left out of the
//! field checks, so a burst of `?fields=id` is not a field gone.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::contract::{Contract, EndpointKey};
use crate::format::Format;
use crate::shape::{Shape, StringShape, Values, stable_hash};
use crate::ts::Ts;

/// When an endpoint is settled and how much evidence a change needs (`[changes]` in
/// `mockdrift.toml`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChangeConfig {
    /// Watch for changes at all (it costs about a quarter more per recorded exchange).
    pub enabled: bool,
    /// Recorded responses after which a contract (an endpoint and status) is settled.
    pub settle_after: u64,
    /// Recorded responses that must show a change before it is reported.
    pub evidence: u64,
}

impl Default for ChangeConfig {
    fn default() -> Self {
        ChangeConfig { enabled: true, settle_after: 100, evidence: 20 }
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A field present in every response is absent from the recent ones.
    FieldGone,
    /// A new field is now always present.
    FieldNew,
    /// A field's values are of a type the baseline never had.
    TypeChanged,
    /// A string field's values are of another format.
    FormatChanged,
    /// A new status.
    StatusNew,
    /// A common status stopped.
    StatusGone,
    /// A new value in an enum-like field.
    EnumValueNew,
    /// An endpoint appeared after the service's others settled.
    EndpointNew,
}

impl ChangeKind {
    /// Every kind.
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::FieldGone,
        ChangeKind::FieldNew,
        ChangeKind::TypeChanged,
        ChangeKind::FormatChanged,
        ChangeKind::StatusNew,
        ChangeKind::StatusGone,
        ChangeKind::EnumValueNew,
        ChangeKind::EndpointNew,
    ];

    /// The name in events and metrics (`field_gone`).
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::FieldGone => "field_gone",
            ChangeKind::FieldNew => "field_new",
            ChangeKind::TypeChanged => "type_changed",
            ChangeKind::FormatChanged => "format_changed",
            ChangeKind::StatusNew => "status_new",
            ChangeKind::StatusGone => "status_gone",
            ChangeKind::EnumValueNew => "enum_value_new",
            ChangeKind::EndpointNew => "endpoint_new",
        }
    }
}

/// The responses behind a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEvidence {
    /// Recorded responses that showed it.
    pub count: u64,
    /// Recorded responses looked at since it was first seen.
    pub of: u64,
    /// When it was first seen (RFC 3339).
    pub since: String,
}

/// One change of a settled endpoint's contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Increasing from 1 in a recorder's life.
    pub id: u64,
    /// When it was reported: the time of the response that completed the evidence.
    pub time: String,
    /// The service.
    pub service: String,
    /// The method.
    pub method: String,
    /// The endpoint's path template.
    pub path: String,
    /// The status whose responses changed (the new or gone one for status kinds).
    pub status: u16,
    /// What changed.
    pub kind: ChangeKind,
    /// Where in the body (RFC 6901; `*` stands for any array item or map value; empty for
    /// the whole response).
    pub pointer: String,
    /// Before: a type, a format or a status; null when there was none.
    pub before: Option<String>,
    /// After: a type, a format, a status or an enum value (redacted as the store keeps
    /// values); null when there is none.
    pub after: Option<String>,
    /// The responses behind it.
    pub evidence: ChangeEvidence,
    /// A redacted example: the value at the pointer in the response that completed the
    /// evidence (null when absent or unknown).
    pub example: serde_json::Value,
}

/// The Fx hash (rustc's): the state is looked up at every position of every recorded
/// response, keyed by short pointers we build ourselves, where SipHash's resistance to
/// chosen keys buys nothing and cost a tenth of recording.
#[derive(Clone, Copy, Debug, Default)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(c.try_into().expect("8 bytes"))).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Kinds in the order [`kinds_of`] counts them.
const KIND_NAMES: [&str; 7] = ["null", "boolean", "integer", "number", "string", "array", "object"];
const INTEGER: usize = 2;
const NUMBER: usize = 3;

/// What a shape has seen at one position, as counts.
#[derive(Clone, Debug, Default, PartialEq)]
struct Pos {
    /// A member of an object (not the root, an array item or a map value).
    field: bool,
    /// For a field: objects at its parent position, and how often it was among their members.
    parent: u64,
    present: u64,
    kinds: [u64; 7],
    strings: u64,
    formats: [u64; 10],
    /// Distinct exchanges per tracked string value (hash): read only where the baseline has
    /// an enum, and when settling.
    values: Option<Vec<(u64, u64)>>,
}

fn kinds_of(s: &Shape) -> [u64; 7] {
    [
        s.null,
        s.boolean.as_ref().map_or(0, |b| b.trues + b.falses),
        s.integer.as_ref().map_or(0, |n| n.count),
        s.number.as_ref().map_or(0, |n| n.count),
        s.string.as_ref().map_or(0, |x| x.count),
        s.array.as_ref().map_or(0, |a| a.count),
        s.object.as_ref().map_or(0, |o| o.count),
    ]
}

/// Visits every position of `shape` under `at` with its counts (values not read: see
/// [`values_of`]) and its string shape. Allocates nothing but the pointer it grows.
fn walk(
    shape: &Shape,
    at: &mut String,
    field: Option<(u64, u64)>,
    visit: &mut dyn FnMut(&str, Pos, Option<&StringShape>),
) {
    let mut pos = Pos { field: field.is_some(), kinds: kinds_of(shape), ..Pos::default() };
    if let Some((parent, present)) = field {
        (pos.parent, pos.present) = (parent, present);
    }
    if let Some(s) = &shape.string {
        pos.strings = s.count;
        for (f, n) in &s.formats {
            if let Some(i) = Format::ALL.iter().position(|x| x == f) {
                pos.formats[i] = *n;
            }
        }
    }
    visit(at, pos, shape.string.as_deref());
    let len = at.len();
    if let Some(a) = &shape.array {
        at.push_str("/*");
        walk(&a.items, at, None, visit);
        at.truncate(len);
    }
    if let Some(o) = &shape.object {
        match &o.map {
            Some(map) => {
                at.push_str("/*");
                walk(&map.values, at, None, visit);
                at.truncate(len);
            }
            None => {
                for (k, f) in &o.fields {
                    at.push('/');
                    if k.contains(['~', '/']) {
                        at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    } else {
                        at.push_str(k);
                    }
                    walk(&f.shape, at, Some((o.count, f.present)), visit);
                    at.truncate(len);
                }
            }
        }
    }
}

/// Distinct exchanges per tracked value (hash) of a string position.
fn values_of(strings: Option<&StringShape>) -> Option<Vec<(u64, u64)>> {
    match strings {
        Some(s) if s.untracked == 0 => match &s.values {
            Values::Tracked(vals) => Some(vals.iter().map(|(h, e)| (*h, e.exchanges)).collect()),
            Values::Many => None,
        },
        _ => None,
    }
}

/// The string shape at a pointer [`walk`] gave, to name a value by its hash.
fn text_at(shape: &Shape, pointer: &str, hash: u64) -> Option<String> {
    let mut at = shape;
    for seg in pointer.split('/').skip(1) {
        at = match (seg, &at.array, &at.object) {
            ("*", Some(a), _) => &a.items,
            ("*", None, Some(o)) => &o.map.as_ref()?.values,
            (key, _, Some(o)) => &o.fields.get(&key.replace("~1", "/").replace("~0", "~"))?.shape,
            _ => return None,
        };
    }
    match &at.string.as_ref()?.values {
        Values::Tracked(vals) => vals.get(&hash)?.text.clone(),
        Values::Many => None,
    }
}

/// The values of `key`'s path parameters in the contract's sampled paths, lowercased and
/// without the text around the parameter or an extension (`/shop/products/oak-ember-5.json`
/// under `/shop/products/{product}.json` or `/shop/products/{product}`: `oak-ember-5`).
fn path_values(key: &EndpointKey, c: &Contract) -> HashSet<String> {
    let template: Vec<&str> = key.path.split('/').collect();
    let mut out = HashSet::new();
    for p in &c.paths {
        let segs: Vec<&str> = p.path.split('?').next().unwrap_or("").split('/').collect();
        if segs.len() != template.len() {
            continue;
        }
        for (seg, t) in segs.iter().zip(&template) {
            if let Some((pre, _, suf)) = crate::template::param_parts(t)
                && let Some(seg) = seg.strip_prefix(pre).and_then(|s| s.strip_suffix(suf)).filter(|s| !s.is_empty())
            {
                let seg = seg.rsplit_once('.').map_or(seg, |(stem, _)| stem);
                out.insert(seg.to_ascii_lowercase());
            }
        }
    }
    out
}

/// The parent position of a pointer (`/a/b` → `/a`; `/a` → ``).
fn parent_of(p: &str) -> &str {
    p.rfind('/').map_or("", |i| &p[..i])
}

/// What a settled contract said at a position.
#[derive(Clone, Debug)]
struct Base {
    /// A field present in every object at its parent.
    always: bool,
    /// Kinds seen (bit per [`KIND_NAMES`] index).
    kinds: u8,
    /// The format every string had, as an index in [`Format::ALL`].
    format: Option<usize>,
    /// The values of an enum-like string position.
    values: Option<HashSet<u64>>,
}

fn kind_bits(kinds: &[u64; 7]) -> u8 {
    kinds.iter().enumerate().filter(|(_, n)| **n > 0).fold(0, |b, (i, _)| b | 1 << i)
}

fn kind_list(bits: u8) -> String {
    KIND_NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(" or ")
}

impl Base {
    /// The baseline at a position; enum values only with `strings` (when settling).
    fn of(pos: &Pos, strings: Option<&StringShape>, echoes: &HashSet<String>) -> Base {
        let format = (pos.strings > 0).then(|| pos.formats.iter().position(|n| *n == pos.strings)).flatten();
        // Enum-like: few values, each text kept, not a handful of ids, dates or addresses.
        let formatted =
            format.is_some_and(|f| !matches!(Format::ALL[f], Format::IntegerString | Format::DecimalString));
        let values = match (strings.map(|s| &s.values), &pos.values) {
            (Some(Values::Tracked(vals)), Some(v)) if !formatted && !v.is_empty() && v.len() <= 20 => {
                let texts: Option<Vec<&str>> = vals.values().map(|e| e.text.as_deref()).collect();
                let ids = |t: &[&str]| t.len() > 1 && t.iter().all(|t| crate::template::param_reason(t).is_some());
                // Nor values the request paths hold: a row's own key echoed in its body (a
                // shop's `sku`, its `name` in another case), however few rows were seen.
                let echoed = |t: &[&str]| t.iter().any(|t| echoes.contains(&t.to_ascii_lowercase()));
                texts.filter(|t| !ids(t) && !echoed(t)).map(|_| v.iter().map(|(h, _)| *h).collect())
            }
            _ => None,
        };
        Base {
            always: pos.field && pos.present >= pos.parent && pos.parent > 0,
            kinds: kind_bits(&pos.kinds),
            format,
            values,
        }
    }
}

impl Base {
    /// Widens the baseline by what responses merged in added to the counts at this
    /// position, from `before` to `now` (`strings`: the merged string shape there;
    /// [`Detector::rebase`]). An enum stays one only if the merged values still look like
    /// one: a literal path's watch taken by its template knew one row's values (one `sku`),
    /// and the rows merged with it bring ids, not an enumeration's values.
    fn widen(&mut self, before: &Pos, now: &Pos, strings: Option<&StringShape>, echoes: &HashSet<String>) {
        for i in 0..KIND_NAMES.len() {
            if now.kinds[i] > before.kinds[i] {
                self.kinds |= 1 << i;
            }
        }
        let added = |n: u64, b: u64| n.saturating_sub(b);
        if self.always && added(now.present, before.present) < added(now.parent, before.parent) {
            self.always = false;
        }
        if let Some(f) = self.format
            && added(now.strings, before.strings) > added(now.formats[f], before.formats[f])
        {
            self.format = None;
        }
        if self.values.is_some() && Base::of(now, strings, echoes).values.is_none() {
            self.values = None;
        }
        let Some(values) = &mut self.values else { return };
        match &now.values {
            Some(counts) => {
                let was = |h: u64| before.values.iter().flatten().find(|(x, _)| *x == h).map_or(0, |(_, n)| *n);
                values.extend(counts.iter().filter(|(h, n)| *n > was(*h)).map(|(h, _)| *h));
                if values.len() > 20 {
                    self.values = None;
                }
            }
            // Too many values to track now: an enum no more.
            None if now.strings > before.strings => self.values = None,
            None => {}
        }
    }
}

/// What is being counted toward a change at one position.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Probe {
    Gone,
    New,
    Type,
    Format,
    Value(u64),
}

/// Responses in a row (or in all, for values) that showed a change.
#[derive(Clone, Debug)]
struct Streak {
    count: u64,
    of: u64,
    since: Ts,
    /// For a status missing: the endpoint is recorded in full while the count goes on.
    armed: bool,
}

/// One contract being watched.
#[derive(Debug, Default)]
struct Watch {
    seen: u64,
    /// Once settled: the counts at each position after the last response, and the baseline
    /// there (none for positions that appeared since).
    state: FxMap<String, Slot>,
    settled: bool,
    /// Request variants (hashes of the query's parameter names) seen before settling.
    variants: HashSet<u64>,
    streaks: HashMap<(String, Probe), Streak>,
}

impl Watch {
    /// Settles on what `c` says now, at every position: the baseline.
    fn settle(&mut self, key: &EndpointKey, c: &Contract) {
        let state = &mut self.state;
        let echoes = path_values(key, c);
        walk(&c.response, &mut String::new(), None, &mut |p, mut pos, strings| {
            pos.values = values_of(strings);
            let base = Some(Base::of(&pos, strings, &echoes));
            state.insert(p.to_owned(), Slot { pos, base });
        });
        self.settled = true;
    }
}

/// One position of a settled contract.
#[derive(Debug)]
struct Slot {
    pos: Pos,
    base: Option<Base>,
}

/// One endpoint (service, method, path) being watched for its statuses.
#[derive(Debug, Default)]
struct EndpointWatch {
    seen: u64,
    statuses: BTreeMap<u16, u64>,
    /// Once settled: each status's share of the responses then. A status of a fifth or more
    /// is watched for its end.
    base: Option<BTreeMap<u16, f64>>,
    /// Each status's count in the recent responses: the bucket being filled and the one
    /// before it (each of [`RECENT`] responses or more, by the traffic each stands for).
    recent: [BTreeMap<u16, u64>; 2],
    /// Once settled: each status's share of the recent responses as of the last time it was
    /// seen, which sets how long a run without it is chance.
    last: BTreeMap<u16, f64>,
    /// Statuses missing in a row (common ones), or seen since first (new ones).
    streaks: HashMap<(u16, bool), Streak>,
    /// Appeared after its service settled: responses counted toward `endpoint_new`.
    new: Option<Streak>,
    /// Of a candidate `new`: the responses of its service before its first.
    first_at: u64,
}

/// The fewest responses a bucket of recent statuses holds ([`EndpointWatch::recent`]).
const RECENT: u64 = 128;

/// The least share a watched status's run is judged at: one seen once in a hundred or less
/// is gone after 1,375 responses without it.
const LEAST_SHARE: f64 = 0.01;

impl EndpointWatch {
    /// Counts `weight` responses of `status` into the recent ones, and, once settled, sets
    /// the status's share of them as of now. Counts, not a moving average: one response
    /// standing for many (a sampling proxy's weight, the skipped ones handed over at a
    /// flush) were spread over the time the others came in, not in a row.
    fn count_recent(&mut self, status: u16, weight: u64) {
        if self.recent[0].values().sum::<u64>() >= RECENT {
            self.recent.swap(0, 1);
            self.recent[0].clear();
        }
        *self.recent[0].entry(status).or_default() += weight.max(1);
        if self.base.is_some() {
            let total = self.recent.iter().flat_map(|b| b.values()).sum::<u64>();
            let mine = self.recent.iter().filter_map(|b| b.get(&status)).sum::<u64>();
            self.last.insert(status, mine as f64 / total.max(1) as f64);
        }
    }
}

/// The most request variants remembered per contract; beyond, every variant counts.
const MAX_VARIANTS: usize = 64;

/// Watches contracts for changes ([`crate::Recorder::watch_changes`]).
#[derive(Debug, Default)]
pub struct Detector {
    cfg: ChangeConfig,
    next_id: u64,
    contracts: FxMap<EndpointKey, Watch>,
    /// By [`endpoint_id`].
    endpoints: FxMap<u64, EndpointWatch>,
    /// Services with at least one settled endpoint.
    settled_services: HashSet<String>,
    /// Responses of each service watched so far (by the traffic each stands for).
    traffic: HashMap<String, u64>,
}

impl Detector {
    /// A detector; `known` are the endpoints already recorded (a store's), which are never
    /// new, each with the responses recorded for it: the traffic a new endpoint's first is
    /// judged after (see `observe_endpoint`) counts what the store saw before a restart.
    pub fn new(cfg: ChangeConfig, known: impl IntoIterator<Item = (EndpointKey, u64)>) -> Detector {
        let mut d = Detector { cfg, next_id: 1, ..Detector::default() };
        for (k, count) in known {
            *d.traffic.entry(k.service.clone()).or_default() += count;
            d.endpoints.entry(endpoint_id(&k)).or_default();
        }
        d
    }

    /// The configuration.
    pub fn config(&self) -> &ChangeConfig {
        &self.cfg
    }

    /// Whether a change of this contract's fields is being counted, or a common status of
    /// its endpoint has been missing for as long as the evidence: the proxy then records the
    /// endpoint in full, so sampling does not hold the evidence back. (New values and new
    /// statuses count over every response, not in a row; they do not keep it in full.)
    pub fn suspects(&self, key: &EndpointKey) -> bool {
        let fields = self
            .contracts
            .get(key)
            .is_some_and(|w| w.streaks.iter().any(|((_, probe), s)| !matches!(probe, Probe::Value(_)) && s.count > 0));
        fields || self.endpoints.get(&endpoint_id(key)).is_some_and(|e| e.streaks.values().any(|s| s.armed))
    }

    /// Endpoints merged under a template ([`crate::Recorder::relearn_now`]): the new one is
    /// known when an old one was, and a candidate for `endpoint_new` with the old ones'
    /// responses when they all were (new literal paths of a new resource). Watches go with
    /// the endpoints: a template that had none takes an old one whole (settled, with its
    /// baseline and what it is counting, where one is); a settled one keeps its own; an
    /// unsettled one counts the old ones' responses toward settling and knows their
    /// request variants. Statuses count toward the shares, and a status only an old one
    /// answered is known, not new. [`Detector::rebase`] then takes the merged contract.
    pub fn moved(&mut self, old: &EndpointKey, new: &EndpointKey) {
        if let Some(o) = self.contracts.remove(old) {
            match self.contracts.get_mut(new) {
                None => {
                    self.contracts.insert(new.clone(), o);
                }
                Some(w) if !w.settled && o.settled => {
                    let mine = std::mem::replace(w, o);
                    w.seen += mine.seen;
                }
                Some(w) => {
                    w.seen += o.seen;
                    // (A settled watch's variants are those seen before it settled: one of
                    // the old ones' is unknown to it, its responses not checked.)
                    if !w.settled {
                        for v in o.variants {
                            if w.variants.len() >= MAX_VARIANTS {
                                break;
                            }
                            w.variants.insert(v);
                        }
                    }
                }
            }
        }
        let Some(was) = self.endpoints.remove(&endpoint_id(old)) else {
            self.endpoints.entry(endpoint_id(new)).or_default();
            return;
        };
        let Some(e) = self.endpoints.get_mut(&endpoint_id(new)) else {
            // A fresh entry takes the old one whole: its standing (candidate or known), its
            // shares and what it is counting.
            self.endpoints.insert(endpoint_id(new), was);
            return;
        };
        e.seen += was.seen;
        for (status, n) in was.statuses {
            *e.statuses.entry(status).or_default() += n;
            if let Some(base) = &mut e.base {
                base.entry(status).or_insert(0.0);
            }
        }
        match (was.new, &mut e.new) {
            // Known stays known; one known old makes it known.
            (_, None) => {}
            (None, slot) => *slot = None,
            (Some(o), Some(n)) => {
                n.count += o.count;
                n.of += o.of;
                if o.since < n.since {
                    n.since = o.since;
                }
                e.first_at = e.first_at.min(was.first_at);
            }
        }
    }

    /// The contract `c` that endpoints were merged into under `key` ([`Detector::moved`]).
    /// A settled watch takes its counts as the state the next response is compared with
    /// (the merged responses are not one more response), keeps what it is counting, and
    /// widens its baseline by what the merged responses added (their types, formats, enum
    /// values, fields they lacked; positions only they had are baseline as they answered
    /// them): what another literal path of the template always answered is no change when
    /// its traffic comes under the template. A watch not settled whose responses, its own
    /// and the merged ones, reach the settling count settles now, on the merged contract: a
    /// template learned late from literal paths is watched from its first response on, not
    /// after as many again (a change that came with those would be its baseline).
    pub fn rebase(&mut self, key: &EndpointKey, c: &Contract) {
        let Some(w) = self.contracts.get_mut(key) else { return };
        if w.settled {
            let state = &mut w.state;
            let echoes = path_values(key, c);
            walk(&c.response, &mut String::new(), None, &mut |p, mut now, strings| match state.get_mut(p) {
                Some(slot) => {
                    if let Some(base) = &mut slot.base {
                        if base.values.is_some() {
                            now.values = values_of(strings);
                        }
                        base.widen(&slot.pos, &now, strings, &echoes);
                    }
                    slot.pos = now;
                }
                None => {
                    now.values = values_of(strings);
                    let base = Some(Base::of(&now, strings, &echoes));
                    state.insert(p.to_owned(), Slot { pos: now, base });
                }
            });
        } else if w.seen >= self.cfg.settle_after {
            w.settle(key, c);
            self.settled_services.insert(key.service.clone());
        }
    }

    /// Looks at the contract `c` of `key` after one more recorded response of it (at `time`,
    /// for a request with `query`); returns the changes it completed.
    /// An endpoint recorded before (a store attached late): known, never new; the watch of
    /// its contract starts over, as the contract takes the stored counts.
    pub fn know(&mut self, key: &EndpointKey) {
        self.contracts.remove(key);
        self.endpoints.entry(endpoint_id(key)).or_default().new = None;
    }

    /// Exchanges of `key` a sampling proxy skipped and no recorded exchange carried
    /// ([`crate::Recorder::count_skipped`]): they count toward the endpoint's status shares,
    /// and a status being counted as missing has not gone after all.
    pub fn skipped(&mut self, key: &EndpointKey, n: u64) {
        if n == 0 {
            return;
        }
        *self.traffic.entry(key.service.clone()).or_default() += n;
        if let Some(e) = self.endpoints.get_mut(&endpoint_id(key)) {
            *e.statuses.entry(key.status).or_default() += n;
            e.count_recent(key.status, n);
            e.streaks.remove(&(key.status, false));
        }
    }

    /// `weight` is how many exchanges the response stands for (a sampling proxy's, per status).
    pub fn observe(&mut self, key: &EndpointKey, c: &Contract, query: &str, weight: u64, time: Ts) -> Vec<Change> {
        let mut out = Vec::new();
        self.observe_endpoint(key, weight, time, &mut out);
        let cfg = &self.cfg;
        if !self.contracts.contains_key(key) {
            self.contracts.insert(key.clone(), Watch::default());
        }
        let w = self.contracts.get_mut(key).expect("inserted");
        w.seen += 1;
        let variant = variant_of(query);
        if !w.settled {
            if w.variants.len() < MAX_VARIANTS {
                w.variants.insert(variant);
            }
            if w.seen >= cfg.settle_after {
                w.settle(key, c);
                self.settled_services.insert(key.service.clone());
            }
        } else {
            // A request variant first seen after settling is no evidence either way.
            let check = w.variants.contains(&variant) || w.variants.len() >= MAX_VARIANTS;
            if check {
                for ((_, probe), s) in w.streaks.iter_mut() {
                    if let Probe::Value(_) = probe {
                        s.of += 1;
                    }
                }
            }
            let mut done = Vec::new();
            let (state, streaks) = (&mut w.state, &mut w.streaks);
            walk(&c.response, &mut String::new(), None, &mut |p, mut now, strings| {
                // The usual case: a position of the baseline, one lookup.
                if let Some(slot) = state.get_mut(p)
                    && let Some(base) = &slot.base
                {
                    if base.values.is_some() {
                        now.values = values_of(strings);
                    }
                    if check {
                        check_position(cfg, Some(base), false, p, &slot.pos, &now, streaks, time, &mut done);
                    }
                    slot.pos = now;
                    return;
                }
                // A position that appeared after settling.
                let parent = state.get(parent_of(p)).is_some_and(|s| s.base.is_some());
                let slot = state.entry(p.to_owned()).or_insert(Slot { pos: Pos::default(), base: None });
                if check {
                    check_position(cfg, None, parent, p, &slot.pos, &now, streaks, time, &mut done);
                }
                slot.pos = now;
            });
            for (kind, pointer, before, after, ev) in finish(state, streaks, &c.response, done) {
                out.push(self_change(key, key.status, kind, pointer, before, after, ev, time));
            }
        }
        for c in &mut out {
            c.id = self.next_id;
            self.next_id += 1;
        }
        out
    }

    fn observe_endpoint(&mut self, key: &EndpointKey, weight: u64, time: Ts, out: &mut Vec<Change>) {
        let cfg = &self.cfg;
        let id = endpoint_id(key);
        let fresh = !self.endpoints.contains_key(&id);
        // (Looked up first: the service's name is copied once, not per response.)
        let traffic = match self.traffic.get_mut(&key.service) {
            Some(t) => t,
            None => self.traffic.entry(key.service.clone()).or_default(),
        };
        *traffic += weight.max(1);
        let traffic = *traffic;
        let e = self.endpoints.entry(id).or_default();
        if fresh && self.settled_services.contains(&key.service) && key.path != crate::template::OVERFLOW_PATH {
            e.new = Some(Streak { count: 0, of: 0, since: time, armed: false });
            e.first_at = traffic - weight.max(1);
        }
        e.seen += 1;
        // Shares by the traffic each recorded response stands for: a sampling proxy's weights
        // are per status.
        *e.statuses.entry(key.status).or_default() += weight.max(1);
        if let Some(n) = &mut e.new {
            n.count += 1;
            // Of the service's responses since its first.
            n.of = traffic - e.first_at;
            if n.count >= cfg.evidence {
                let ev = n.clone();
                e.new = None;
                // New, or only rare and not met yet? Its share of the service's traffic since
                // it came makes missing it from all the traffic before by chance less than
                // one in a million, or it is no new endpoint: one in thirty-five of the
                // responses, first seen after 217 of them (an instance page of Datasette's,
                // seed 2), is one met late. (It stays known.)
                let share = e.statuses.values().sum::<u64>() as f64 / ev.of.max(1) as f64;
                let need = if share >= 1.0 { 0.0 } else { (1e-6f64).ln() / (1.0 - share).ln() };
                if e.first_at as f64 >= need {
                    out.push(self_change(
                        key,
                        key.status,
                        ChangeKind::EndpointNew,
                        String::new(),
                        None,
                        None,
                        ev,
                        time,
                    ));
                }
            }
        }
        e.count_recent(key.status, weight);
        match &mut e.base {
            None => {
                if e.seen >= cfg.settle_after {
                    let total = e.statuses.values().sum::<u64>() as f64;
                    e.base = Some(e.statuses.iter().map(|(s, n)| (*s, *n as f64 / total)).collect());
                    e.last = e.base.clone().unwrap_or_default();
                    self.settled_services.insert(key.service.clone());
                }
            }
            Some(base) => {
                let mut gone = Vec::new();
                for (&status, &share) in base.iter() {
                    if status == key.status || share < 0.2 {
                        continue;
                    }
                    // Missing this many in a row by chance: under one in a million, at the
                    // status's share of the recent traffic when it was last seen, not the
                    // share the endpoint settled on. Traffic whose 404s fall from three in
                    // ten to one in eight (a client that stopped retrying missing rows) has
                    // ordinary gaps between them that the first share makes a
                    // one-in-a-million chance; one fading out is gone when it has been
                    // missing long enough at its last share.
                    let share =
                        e.last.get(&status).copied().unwrap_or(share).clamp(LEAST_SHARE, share.max(LEAST_SHARE));
                    let need = ((1e-6f64).ln() / (1.0 - share).ln()).ceil().max(cfg.evidence as f64) as u64;
                    let s = e.streaks.entry((status, false)).or_insert(Streak {
                        count: 0,
                        of: 0,
                        since: time,
                        armed: false,
                    });
                    s.count += 1;
                    s.of += 1;
                    let arm = (cfg.evidence / 2).max(1);
                    if !s.armed && s.count >= arm {
                        // Missing for a while, as sampling may hide it: from now on the
                        // endpoint is recorded in full ([`Detector::suspects`]), and the
                        // count starts over on what is all of its traffic.
                        s.armed = true;
                        (s.count, s.of) = (0, 0);
                    } else if s.armed && s.count == 1 {
                        s.since = time;
                    }
                    if s.armed && s.count >= need {
                        gone.push(status);
                        out.push(self_change(
                            key,
                            status,
                            ChangeKind::StatusGone,
                            String::new(),
                            Some(status.to_string()),
                            None,
                            s.clone(),
                            time,
                        ));
                    }
                }
                for status in gone {
                    base.remove(&status);
                    e.streaks.remove(&(status, false));
                }
                e.streaks.remove(&(key.status, false));
                // Every response counts toward the `of` of each new status being watched.
                for ((_, new), s) in e.streaks.iter_mut() {
                    if *new {
                        s.of += 1;
                    }
                }
                if let std::collections::btree_map::Entry::Vacant(slot) = base.entry(key.status) {
                    let s = e.streaks.entry((key.status, true)).or_insert(Streak {
                        count: 0,
                        of: 1,
                        since: time,
                        armed: false,
                    });
                    s.count += 1;
                    if s.count >= cfg.evidence {
                        let ev = s.clone();
                        e.streaks.remove(&(key.status, true));
                        slot.insert(0.0);
                        out.push(self_change(
                            key,
                            key.status,
                            ChangeKind::StatusNew,
                            String::new(),
                            None,
                            Some(key.status.to_string()),
                            ev,
                            time,
                        ));
                    }
                }
            }
        }
    }
}

/// An endpoint's identity (service, method, path) as a number, whatever its status.
fn endpoint_id(k: &EndpointKey) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx::default();
    for part in [&k.service, &k.method, &k.path] {
        h.write(part.as_bytes());
        h.write_u8(0);
    }
    h.finish()
}

/// A hash of the request's query parameter names, sorted: its variant.
fn variant_of(query: &str) -> u64 {
    let mut names: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').map_or(p, |(n, _)| n)).collect();
    names.sort_unstable();
    names.dedup();
    stable_hash(names.join("&").as_bytes())
}

#[allow(clippy::too_many_arguments)]
fn self_change(
    key: &EndpointKey,
    status: u16,
    kind: ChangeKind,
    pointer: String,
    before: Option<String>,
    after: Option<String>,
    ev: Streak,
    time: Ts,
) -> Change {
    Change {
        id: 0,
        time: time.to_rfc3339(),
        service: key.service.clone(),
        method: key.method.clone(),
        path: key.path.clone(),
        status,
        kind,
        pointer,
        before,
        after,
        evidence: ChangeEvidence { count: ev.count, of: ev.of.max(ev.count), since: ev.since.to_rfc3339() },
        example: serde_json::Value::Null,
    }
}

type FieldChange = (ChangeKind, String, Option<String>, Option<String>, Streak);

/// Counts toward a change at `p`: a hit extends it, a miss ends it; the streak when it
/// reaches the evidence (once).
fn step(
    cfg: &ChangeConfig,
    streaks: &mut HashMap<(String, Probe), Streak>,
    time: Ts,
    p: &str,
    probe: Probe,
    hit: bool,
) -> Option<Streak> {
    if !hit && streaks.is_empty() {
        // The usual case: nothing counted, nothing to end.
        return None;
    }
    let key = (p.to_owned(), probe);
    if !hit {
        streaks.remove(&key);
        return None;
    }
    let s = streaks.entry(key).or_insert(Streak { count: 0, of: 0, since: time, armed: false });
    s.count += 1;
    s.of += 1;
    (s.count == cfg.evidence).then(|| s.clone())
}

/// A change counted to its evidence at a position, with what [`finish`] needs to name it:
/// the kinds or the format this response had there.
type Done = (String, Probe, Streak, u8, Option<usize>);

/// The checks at one position for one response (the counts `before` and `now`).
#[allow(clippy::too_many_arguments)]
fn check_position(
    cfg: &ChangeConfig,
    b: Option<&Base>,
    parent_based: bool,
    p: &str,
    before: &Pos,
    now: &Pos,
    streaks: &mut HashMap<(String, Probe), Streak>,
    time: Ts,
    done: &mut Vec<Done>,
) {
    let mut kinds_now = 0u8;
    for i in 0..KIND_NAMES.len() {
        if now.kinds[i] > before.kinds[i] {
            kinds_now |= 1 << i;
        }
    }
    let mut step = |probe: Probe, hit: bool, format: Option<usize>| {
        if let Some(ev) = step(cfg, streaks, time, p, probe.clone(), hit) {
            done.push((p.to_owned(), probe, ev, kinds_now, format));
        }
    };
    if now.field && now.parent > before.parent {
        let present = now.present > before.present;
        match b {
            Some(b) if b.always => step(Probe::Gone, !present, None),
            None if parent_based => step(Probe::New, present, None),
            _ => {}
        }
    }
    let Some(b) = b else { return };
    if kinds_now != 0 {
        // An integer where numbers were is a number.
        let mut known = b.kinds;
        if known & (1 << NUMBER) != 0 {
            known |= 1 << INTEGER;
        }
        step(Probe::Type, kinds_now & !known != 0 && kinds_now & known == 0, None);
    }
    if let Some(f) = b.format
        && now.strings > before.strings
    {
        let d = now.strings - before.strings;
        let after = (0..Format::ALL.len()).find(|&i| now.formats[i].saturating_sub(before.formats[i]) == d);
        step(Probe::Format, now.formats[f] == before.formats[f], after);
    }
    if let (Some(known), Some(vals)) = (&b.values, &now.values) {
        for (h, ex) in vals {
            let was = before.values.as_ref().and_then(|v| v.iter().find(|(x, _)| x == h)).map_or(0, |(_, e)| *e);
            if !known.contains(h) && *ex > was {
                // Counted over every response that carried it, not in a row.
                let s = streaks.entry((p.to_owned(), Probe::Value(*h))).or_insert(Streak {
                    count: 0,
                    of: 1,
                    since: time,
                    armed: false,
                });
                s.count += 1;
                if s.count == cfg.evidence {
                    done.push((p.to_owned(), Probe::Value(*h), s.clone(), kinds_now, None));
                }
            }
        }
    }
}

/// Names the changes counted to their evidence and takes them into the baseline, so each
/// is reported once.
fn finish(
    state: &mut FxMap<String, Slot>,
    streaks: &mut HashMap<(String, Probe), Streak>,
    shape: &Shape,
    done: Vec<Done>,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (p, probe, ev, kinds_now, format) in done {
        if let Probe::New = probe {
            // What is beneath the new field came with it.
            let under = format!("{p}/");
            for (_, slot) in state.iter_mut().filter(|(q, _)| q.starts_with(&under)) {
                if slot.base.is_none() {
                    slot.base = Some(Base::of(&slot.pos, None, &HashSet::new()));
                }
            }
        }
        let Some(slot) = state.get_mut(&p) else { continue };
        let pos = &slot.pos;
        let b = slot.base.get_or_insert_with(|| Base::of(pos, None, &HashSet::new()));
        let (kind, before, after) = match probe {
            Probe::Gone => {
                b.always = false;
                (ChangeKind::FieldGone, Some(kind_list(b.kinds)), None)
            }
            Probe::New => {
                b.always = false;
                (ChangeKind::FieldNew, None, Some(kind_list(kind_bits(&pos.kinds))))
            }
            Probe::Type => {
                let before = kind_list(b.kinds);
                b.kinds |= kinds_now;
                (ChangeKind::TypeChanged, Some(before), Some(kind_list(kinds_now)))
            }
            Probe::Format => {
                let before = b.format.map(|f| Format::ALL[f].name().to_owned());
                b.format = format;
                (ChangeKind::FormatChanged, before, format.map(|f| Format::ALL[f].name().to_owned()))
            }
            Probe::Value(h) => {
                if let Some(v) = &mut b.values {
                    v.insert(h);
                }
                (ChangeKind::EnumValueNew, None, text_at(shape, &p, h))
            }
        };
        streaks.retain(|(q, _), _| q != &p || matches!(probe, Probe::Value(_)));
        out.push((kind, p, before, after, ev));
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::exchange::{Exchange, Message};
    use crate::snapshot::Snapshot;
    use crate::template::Route;
    use crate::{Recorder, RecorderConfig};

    fn x(path: &str, query: &str, status: u16, body: &Value, t: i64) -> Exchange {
        Exchange {
            service: "shop".into(),
            method: "GET".into(),
            path: path.into(),
            query: query.into(),
            status,
            time: Ts(1_800_000_000_000 + t),
            duration_ms: 1.0,
            request: Message::default(),
            response: Message {
                headers: vec![("content-type".into(), "application/json".into())],
                body: serde_json::to_vec(body).expect("json"),
                truncated: false,
            },
        }
    }

    fn recorder() -> Recorder {
        let mut r =
            Recorder::new(RecorderConfig { routes: vec!["/items/{id}".into()], ..RecorderConfig::default() }, None)
                .expect("recorder")
                .0;
        r.watch_changes(ChangeConfig::default());
        r
    }

    fn item(i: i64) -> Value {
        let state = ["new", "paid"][(i % 2) as usize];
        json!({"id": i, "name": format!("n{i}"), "state": state,
               "created": "2026-11-03T10:00:00Z", "tags": [{"k": "a"}]})
    }

    /// Records `n` exchanges from `t`, returning every change they completed.
    fn run(r: &mut Recorder, n: i64, t: i64, make: impl Fn(i64) -> Exchange) -> Vec<Change> {
        (t..t + n).flat_map(|i| r.record_weighted(&make(i), 1).changes).collect()
    }

    fn settled() -> Recorder {
        let mut r = recorder();
        let quiet = run(&mut r, 150, 0, |i| x(&format!("/items/{i}"), "", 200, &item(i), i));
        assert_eq!(quiet, [], "steady traffic changes nothing");
        r
    }

    /// An item's row, or a 404 for it when `missing`.
    fn found_or_not(i: i64, missing: bool) -> Exchange {
        if missing {
            x(&format!("/items/{i}"), "", 404, &json!({"error": "not found"}), i)
        } else {
            x(&format!("/items/{i}"), "", 200, &item(i), i)
        }
    }

    fn kinds(changes: &[Change]) -> Vec<(&str, &str, Option<&str>, Option<&str>)> {
        changes.iter().map(|c| (c.kind.name(), c.pointer.as_str(), c.before.as_deref(), c.after.as_deref())).collect()
    }

    #[test]
    fn a_field_that_stops_coming_is_gone_after_twenty_in_a_row() {
        let mut r = settled();
        let without = |i: i64| {
            let mut b = item(i);
            b.as_object_mut().expect("object").remove("name");
            x(&format!("/items/{i}"), "", 200, &b, i)
        };
        // Nineteen are not enough; one with it starts the count again.
        assert_eq!(run(&mut r, 19, 150, without), []);
        assert_eq!(run(&mut r, 1, 169, |i| x(&format!("/items/{i}"), "", 200, &item(i), i)), []);
        assert_eq!(run(&mut r, 19, 170, without), []);
        let changes = run(&mut r, 30, 189, without);
        assert_eq!(kinds(&changes), [("field_gone", "/name", Some("string"), None)]);
        let c = &changes[0];
        assert_eq!((c.id, c.evidence.count, c.evidence.of), (1, 20, 20));
        assert_eq!(c.evidence.since, Ts(1_800_000_000_000 + 170).to_rfc3339());
        assert_eq!(
            (c.service.as_str(), c.method.as_str(), c.path.as_str(), c.status),
            ("shop", "GET", "/items/{id}", 200)
        );
        assert_eq!(c.example, Value::Null);
    }

    #[test]
    fn new_fields_types_formats_and_values_are_each_one_change() {
        let mut r = settled();
        let changed = |i: i64| {
            let mut b = item(i);
            b["id"] = json!(format!("item-{i}"));
            b["created"] = json!(1_762_164_000);
            b["risk"] = json!({"score": 0.5});
            b["state"] = json!("refunded");
            b["tags"] = json!([{"k": "a", "v": 1}]);
            x(&format!("/items/{i}"), "", 200, &b, i)
        };
        let changes = run(&mut r, 40, 150, changed);
        assert_eq!(
            kinds(&changes),
            [
                ("field_new", "/risk", None, Some("object")),
                ("field_new", "/tags/*/v", None, Some("integer")),
                ("type_changed", "/created", Some("string"), Some("integer")),
                ("type_changed", "/id", Some("integer"), Some("string")),
                ("enum_value_new", "/state", None, Some("refunded")),
            ]
        );
        let ids: Vec<u64> = changes.iter().map(|c| c.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        let id = changes.iter().find(|c| c.pointer == "/id").expect("id");
        assert_eq!(id.example, json!("item-169"));
        assert_eq!(changes.iter().find(|c| c.pointer == "/risk").expect("risk").example, json!({"score": 0.5}));
    }

    #[test]
    fn a_format_change_is_named() {
        let mut r = settled();
        let changes = run(&mut r, 20, 150, |i| {
            let mut b = item(i);
            b["created"] = json!("03/11/2026");
            x(&format!("/items/{i}"), "", 200, &b, i)
        });
        assert_eq!(kinds(&changes), [("format_changed", "/created", Some("date-time"), None)]);
    }

    #[test]
    fn statuses_and_endpoints_that_appear_or_stop() {
        let mut r = recorder();
        // Settled with 404 as a common answer (a third of the responses).
        let mixed = |i: i64| {
            if i % 3 == 0 {
                x(&format!("/items/{i}"), "", 404, &json!({"error": "not found"}), i)
            } else {
                x(&format!("/items/{i}"), "", 200, &item(i), i)
            }
        };
        assert_eq!(run(&mut r, 300, 0, mixed), []);
        // A new status, 500, from then on; 200 and 404 stop. 404 answered 34 of the first 100
        // (when the endpoint settled): missing 34 in a row is under a one-in-a-million
        // chance; 200 needs the evidence, 20 (never less). Each is counted once it has been
        // missing for half the evidence (10): from then on the endpoint is recorded in full.
        let broken = |i: i64| x(&format!("/items/{i}"), "", 500, &json!({"error": "boom"}), i);
        let changes = run(&mut r, 50, 300, broken);
        assert_eq!(
            changes
                .iter()
                .map(|c| (c.kind.name(), c.status, c.before.as_deref(), c.after.as_deref()))
                .collect::<Vec<_>>(),
            [
                ("status_new", 500, None, Some("500")),
                ("status_gone", 200, Some("200"), None),
                ("status_gone", 404, Some("404"), None)
            ]
        );
        assert_eq!(changes[0].example, json!({"error": "boom"}));
        assert_eq!((changes[1].evidence.count, changes[2].evidence.count), (20, 34));
        assert_eq!(changes[1].evidence.since, Ts(1_800_000_000_000 + 310).to_rfc3339(), "counted from the 11th");
        // A new endpoint of a settled service, once it answered twenty times.
        let changes = run(&mut r, 25, 400, |i| x("/search", "", 200, &json!({"hits": i}), i));
        assert_eq!(kinds(&changes), [("endpoint_new", "", None, None)]);
        assert_eq!(changes[0].path, "/search");
    }

    #[test]
    fn a_status_whose_share_falls_after_settling_is_judged_on_its_share_since() {
        let mut r = recorder();
        // The first hundred answer 404 three times in ten (a client retrying missing rows):
        // the endpoint settles on that share.
        assert_eq!(run(&mut r, 100, 0, |i| found_or_not(i, i % 10 < 3)), []);
        // Then one in eight for a thousand, and a gap of 60 without one: far longer than the
        // 39 in a row that a share of 0.3 makes a one-in-a-million chance, but ordinary at
        // the recent share (0.125, under the shares watched for their end).
        assert_eq!(run(&mut r, 1000, 100, |i| found_or_not(i, i % 8 == 0)), []);
        assert_eq!(run(&mut r, 60, 1100, |i| found_or_not(i, false)), [], "a gap between 404s is no change");
        // A status that stops at its recent share still does: 200, seven in eight.
        let changes = run(&mut r, 40, 1160, |i| found_or_not(i, true));
        assert_eq!(kinds(&changes), [("status_gone", "", Some("200"), None)]);
    }

    #[test]
    fn a_status_s_end_is_found_under_sampling_weights_and_skipped_counts() {
        let mut r = recorder();
        assert_eq!(run(&mut r, 100, 0, |i| found_or_not(i, i % 10 < 3)), []);
        // A sampling proxy, with 404 still three responses in ten: of each ten responses,
        // the three 404s recorded, one 200 recorded standing for two, and the other five
        // 200s skipped, handed over at each flush (every hundred responses) as fifty at once.
        let key = |r: &Recorder, status: u16| {
            r.snapshot().contracts.keys().find(|k| k.status == status).expect("recorded").clone()
        };
        let mut changes = Vec::new();
        for round in 0..40i64 {
            let t = 100 + round * 10;
            for i in t..t + 3 {
                changes.extend(r.record_weighted(&found_or_not(i, true), 1).changes);
            }
            changes.extend(r.record_weighted(&found_or_not(t + 3, false), 2).changes);
            if round % 10 == 9 {
                let ok = key(&r, 200);
                r.count_skipped(&ok, 50);
            }
        }
        assert_eq!(changes, [], "steady traffic under sampling changes nothing");
        // Then the 404s stop: found, at most as late as at the share the endpoint settled on
        // (0.3: 39 in a row, after the 10 that arm the count).
        let changes = run(&mut r, 60, 600, |i| found_or_not(i, false));
        assert_eq!(kinds(&changes), [("status_gone", "", Some("404"), None)]);
        assert!(changes[0].evidence.count <= 39, "{:?}", changes[0].evidence);
    }

    #[test]
    fn a_rare_endpoint_met_soon_after_settling_is_not_new_one_met_after_much_traffic_is() {
        let mut r = settled();
        // One response in thirty is `/health`, from the 180th of the service on: 20 of them
        // are no evidence that it is new, as missing one in thirty from the 179 before is
        // not unlikely.
        let with = |rare: &'static str| {
            move |i: i64| {
                if i % 30 == 29 {
                    x(rare, "", 200, &json!({"ok": true}), i)
                } else {
                    x(&format!("/items/{i}"), "", 200, &item(i), i)
                }
            }
        };
        assert_eq!(run(&mut r, 1050, 150, with("/health")), [], "a rare endpoint met late");
        // The same share from the 1,229th on is new: missing it from 1,228 by chance is less
        // than one in a million.
        let changes = run(&mut r, 630, 1200, with("/stats"));
        assert_eq!(kinds(&changes), [("endpoint_new", "", None, None)]);
        assert_eq!(changes[0].path, "/stats");
        assert_eq!((changes[0].evidence.count, changes[0].evidence.of), (20, 571));
    }

    #[test]
    fn a_new_resource_s_literal_paths_merged_under_a_template_are_one_new_endpoint() {
        let mut r = settled();
        // Slugs: literal until relearning merges them.
        let words = ["oak", "pine", "birch", "cedar", "maple", "stone"];
        let review = |i: i64| {
            let slug = format!("{}-{}-chair", words[(i % 6) as usize], words[(i / 6 % 6) as usize]);
            x(&format!("/reviews/{slug}"), "", 200, &json!({"slug": slug, "stars": 4}), i)
        };
        // Each literal path is a candidate that never reaches 20 responses on its own.
        assert_eq!(run(&mut r, 30, 1000, review), []);
        assert!(r.relearn_now() > 0, "the reviews merge under a template");
        let changes = run(&mut r, 5, 1030, review);
        assert_eq!(kinds(&changes), [("endpoint_new", "", None, None)]);
        assert!(changes[0].path.starts_with("/reviews/{"), "{:?}", changes[0].path);
        assert_eq!(changes[0].evidence.count, 31, "the literals' responses count: {:?}", changes[0].evidence);
    }

    #[test]
    fn a_template_learned_late_from_literal_paths_is_watched_from_its_first_response() {
        let mut r = recorder();
        let words = ["oak", "pine", "birch", "cedar", "maple", "stone"];
        let review = |i: i64, title: bool| {
            let slug = format!("{}-{}-chair", words[(i % 6) as usize], words[(i / 6 % 6) as usize]);
            let mut b = json!({"slug": slug, "stars": 4, "title": "fine"});
            if !title {
                b.as_object_mut().expect("object").remove("title");
            }
            x(&format!("/reviews/{slug}"), "", 200, &b, i)
        };
        // 150 responses over 36 literal paths: none settles on its own.
        assert_eq!(run(&mut r, 150, 0, |i| review(i, true)), []);
        assert!(r.relearn_now() > 0, "the reviews merge under a template");
        // The template's baseline is what the literal paths answered: a field that stops
        // coming is gone after the evidence, not after another 100 responses first.
        let changes = run(&mut r, 25, 150, |i| review(i, false));
        assert_eq!(kinds(&changes), [("field_gone", "/title", Some("string"), None)]);
        assert!(changes[0].path.starts_with("/reviews/{"), "{:?}", changes[0].path);
        assert_eq!((changes[0].evidence.count, changes[0].evidence.of), (20, 20));
    }

    #[test]
    fn a_settled_template_that_takes_in_literal_paths_keeps_its_baseline_and_what_it_counts() {
        let mut d = Detector::new(ChangeConfig::default(), std::iter::empty());
        let mut r = unwatched(&["/items/{id}"]);
        let without = |i: i64| {
            let mut b = item(i);
            b.as_object_mut().expect("object").remove("name");
            x(&format!("/items/{i}"), "", 200, &b, i)
        };
        let (template, quiet) =
            watched(&mut r, &mut d, (0..150).map(|i| x(&format!("/items/{i}"), "", 200, &item(i), i)));
        assert_eq!(quiet, []);
        // Half the evidence that `name` is gone...
        assert_eq!(watched(&mut r, &mut d, (150..160).map(without)).1, []);
        // ... when relearning merges a literal path, watched on its own so far, into the
        // template.
        let mut lit = unwatched(&[]);
        let (lit_key, _) = watched(&mut lit, &mut d, (0..5).map(|i| x("/items/special", "", 200, &item(i), i)));
        merge_into(&mut d, &lit, &lit_key, &mut r, &template);
        // The other half completes it: the baseline and the count went through the merge,
        // and the literal's responses were not taken for one more response of the template.
        let (_, changes) = watched(&mut r, &mut d, (160..170).map(without));
        assert_eq!(kinds(&changes), [("field_gone", "/name", Some("string"), None)]);
        assert_eq!((changes[0].evidence.count, changes[0].evidence.of), (20, 20));
        assert_eq!(changes[0].path, "/items/{id}");
    }

    /// Records `xs` into `r` (a recorder that does not watch) and hands the contract of
    /// each one's endpoint after it to `d` (which does); returns the last one's endpoint and
    /// the changes `d` reported.
    fn watched(
        r: &mut Recorder,
        d: &mut Detector,
        xs: impl IntoIterator<Item = Exchange>,
    ) -> (EndpointKey, Vec<Change>) {
        let mut key = None;
        let mut changes = Vec::new();
        for x in xs {
            r.record(&x);
            let snap = r.snapshot();
            let (k, c) = snap
                .contracts
                .iter()
                .find(|(k, _)| Route::parse(&k.path).is_ok_and(|t| t.matches(&x.path)))
                .expect("its endpoint");
            changes.extend(d.observe(k, c, "", 1, x.time));
            key = Some(k.clone());
        }
        (key.expect("an exchange"), changes)
    }

    fn unwatched(routes: &[&str]) -> Recorder {
        let routes = routes.iter().map(|r| r.to_string()).collect();
        Recorder::new(RecorderConfig { routes, ..RecorderConfig::default() }, None).expect("recorder").0
    }

    /// Merges the contract of `old` in `from` into `new` in `into`, as a relearn does, and
    /// tells `d`.
    fn merge_into(d: &mut Detector, from: &Recorder, old: &EndpointKey, into: &mut Recorder, new: &EndpointKey) {
        let c = from.snapshot().contracts[old].clone();
        into.import(&Snapshot { sources: Default::default(), contracts: [(new.clone(), c)].into() });
        d.moved(old, new);
        d.rebase(new, &into.snapshot().contracts[new]);
    }

    #[test]
    fn a_literal_merged_into_a_settled_template_widens_its_baseline() {
        let mut d = Detector::new(ChangeConfig::default(), std::iter::empty());
        let mut r = unwatched(&["/items/{id}"]);
        let (template, quiet) =
            watched(&mut r, &mut d, (0..150).map(|i| x(&format!("/items/{i}"), "", 200, &item(i), i)));
        assert_eq!(quiet, []);
        // A literal path recorded apart, which always answered with a state the template
        // never had, a field of its own, and without `created`.
        let special = |path: &str, i: i64| {
            let mut b = item(i);
            b["state"] = json!("archived");
            b["note"] = json!("kept");
            b.as_object_mut().expect("object").remove("created");
            x(path, "", 200, &b, i)
        };
        let mut lit = unwatched(&[]);
        let (special_key, _) = watched(&mut lit, &mut d, (150..160).map(|i| special("/items/special", i)));
        merge_into(&mut d, &lit, &special_key, &mut r, &template);
        // Its traffic now comes under the template: what it always answered is no change.
        let (_, changes) = watched(&mut r, &mut d, (160..200).map(|i| special("/items/special", i)));
        assert_eq!(kinds(&changes), []);
        // What it never answered still is.
        let (_, changes) = watched(
            &mut r,
            &mut d,
            (200..230).map(|i| {
                let mut b = item(i);
                b["state"] = json!("refunded");
                x(&format!("/items/{i}"), "", 200, &b, i)
            }),
        );
        assert_eq!(kinds(&changes), [("enum_value_new", "/state", None, Some("refunded"))]);
    }

    #[test]
    fn a_settled_literal_merged_into_a_new_template_keeps_what_it_was_counting() {
        let mut d = Detector::new(ChangeConfig::default(), std::iter::empty());
        // A busy literal path, settled, then ten responses without `name`...
        let mut lit = unwatched(&[]);
        let (hot, quiet) = watched(&mut lit, &mut d, (0..150).map(|i| x("/items/hot", "", 200, &item(i), i)));
        assert_eq!(quiet, []);
        let without = |path: &str, i: i64| {
            let mut b = item(i);
            b.as_object_mut().expect("object").remove("name");
            x(path, "", 200, &b, i)
        };
        assert_eq!(watched(&mut lit, &mut d, (150..160).map(|i| without("/items/hot", i))).1, []);
        // ... when a relearn merges it and a rare one into a new template.
        let mut rare = unwatched(&[]);
        let (rare_key, _) = watched(&mut rare, &mut d, (160..165).map(|i| x("/items/rare", "", 200, &item(i), i)));
        let mut r = unwatched(&["/items/{id}"]);
        let template = EndpointKey { path: "/items/{id}".into(), ..hot.clone() };
        merge_into(&mut d, &lit, &hot, &mut r, &template);
        merge_into(&mut d, &rare, &rare_key, &mut r, &template);
        // Ten more complete the evidence: the hot path's watch went with it.
        let (_, changes) = watched(&mut r, &mut d, (165..175).map(|i| without(&format!("/items/{i}"), i)));
        assert_eq!(kinds(&changes), [("field_gone", "/name", Some("string"), None)]);
        assert_eq!((changes[0].evidence.count, changes[0].evidence.of), (20, 20));
        assert_eq!(changes[0].path, "/items/{id}");
    }

    #[test]
    fn a_row_s_own_values_are_no_enumeration_once_its_path_joins_a_template() {
        let mut d = Detector::new(ChangeConfig::default(), std::iter::empty());
        let row = |sku: &str, i: i64| x(&format!("/rows/{sku}"), "", 200, &json!({"sku": sku, "stock": i}), i);
        // A hot row's literal path, settled: its one `sku` looks like an enumeration of one.
        let mut hot = unwatched(&[]);
        let (hot_key, quiet) = watched(&mut hot, &mut d, (0..150).map(|i| row("a1b2c3d4e5", i)));
        assert_eq!(quiet, []);
        let mut r = unwatched(&["/rows/{sku}"]);
        let template = EndpointKey { path: "/rows/{sku}".into(), ..hot_key.clone() };
        merge_into(&mut d, &hot, &hot_key, &mut r, &template);
        for (i, sku) in ["f6e5d4c3b2", "0a9b8c7d6e"].iter().enumerate() {
            let mut rare = unwatched(&[]);
            let (k, _) = watched(&mut rare, &mut d, (0..5).map(|j| row(sku, 200 + 10 * i as i64 + j)));
            merge_into(&mut d, &rare, &k, &mut r, &template);
        }
        // Merged, the rows' values are ids (and would be many, or their texts withheld as
        // rare): another row is no new value.
        let (_, changes) = watched(&mut r, &mut d, (300..330).map(|i| row("9f8e7d6c5b", i)));
        assert_eq!(kinds(&changes), []);
    }

    #[test]
    fn a_row_s_key_echoed_in_its_body_is_no_enumeration() {
        // Also inside a parameter's affixes (`/rows/{sku}.json`, `/rows/sku-{sku}`).
        for (pre, suf) in [("", ""), ("", ".json"), ("sku-", "")] {
            let route = format!("/rows/{pre}{{sku}}{suf}");
            let mut r = Recorder::new(RecorderConfig { routes: vec![route], ..RecorderConfig::default() }, None)
                .expect("recorder")
                .0;
            r.watch_changes(ChangeConfig::default());
            // A few rows, each often: their keys (and names, in another case) look like an
            // enumeration's values, but the request paths hold them.
            let skus = ["oak-ember", "pine-ash", "elm-fir"];
            let row = |sku: &str, i: i64| {
                let body = json!({"sku": sku, "name": sku.to_uppercase(), "stock": i});
                x(&format!("/rows/{pre}{sku}{suf}"), "", 200, &body, i)
            };
            assert_eq!(run(&mut r, 150, 0, |i| row(skus[(i % 3) as usize], i)), [], "{pre}{{sku}}{suf}");
            // Another row, often: no new value.
            assert_eq!(kinds(&run(&mut r, 30, 150, |i| row("birch-yew", i))), [], "{pre}{{sku}}{suf}");
        }
    }

    #[test]
    fn endpoints_of_a_store_attached_late_are_known_not_new() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A store that holds /search from an earlier run.
        let mut earlier =
            Recorder::new(RecorderConfig::default(), Some(crate::Store::open(dir.path()).expect("store")))
                .expect("recorder")
                .0;
        run(&mut earlier, 5, 0, |i| x("/search", "", 200, &json!({"hits": i}), i));
        earlier.flush().expect("flush");
        drop(earlier);
        // This run could not open it at start: it settles /items/{id}, then the store comes.
        let mut r = settled();
        r.attach_store(crate::Store::open(dir.path()).expect("store")).expect("attached");
        assert_eq!(run(&mut r, 30, 1000, |i| x("/search", "", 200, &json!({"hits": i}), i)), [], "not new");
    }

    #[test]
    fn no_change_from_a_fresh_store_a_new_request_variant_or_a_known_endpoint() {
        let mut r = recorder();
        // Everything is new to a fresh recorder: no event.
        assert_eq!(run(&mut r, 30, 0, |i| x("/a", "", 200, &json!({"v": i}), i)), []);
        let mut r = settled();
        // A burst of a variant first seen after settling lacks fields: not a field gone.
        let burst = run(&mut r, 60, 150, |i| x(&format!("/items/{i}"), "fields=id", 200, &json!({"id": i}), i));
        assert_eq!(burst, []);
        // Endpoints a store already held are not new after a restart.
        let snapshot_holder = settled();
        let known: Vec<EndpointKey> = snapshot_holder.snapshot().contracts.keys().cloned().collect();
        let mut d = Detector::new(ChangeConfig::default(), known.iter().map(|k| (k.clone(), 1000)));
        let c = snapshot_holder.snapshot().contracts[&known[0]].clone();
        d.settled_services.insert("shop".into());
        for i in 0..30 {
            assert_eq!(d.observe(&known[0], &c, "", 1, Ts(i)), []);
        }
        // What the store recorded before the restart counts as the traffic before a new
        // endpoint: one in thirty responses from the restart on is new (after 30 responses
        // of a fresh proxy it would be a rare endpoint met late).
        let stats = EndpointKey { path: "/stats".into(), ..known[0].clone() };
        let changes: Vec<Change> = (30..630)
            .flat_map(|i| d.observe(if i % 30 == 29 { &stats } else { &known[0] }, &c, "", 1, Ts(i)))
            .collect();
        assert_eq!(kinds(&changes), [("endpoint_new", "", None, None)]);
    }
}
