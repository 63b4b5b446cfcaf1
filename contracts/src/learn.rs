//! Learning path templates from a body of concrete paths: slugs (`/repos/{owner}/{repo}`)
//! that no value pattern reveals are found from how the values vary.
//!
//! The paths go into a trie (segments that look like ids are parameters already, see
//! [`param_reason`]). Bottom-up, the literal children of a node become one parameter on one
//! of three kinds of evidence (`Node::to_merge`; the rule and its counts go with the learned
//! template into `Contract::learned`, for `contracts show --explain`):
//! - **structure**: the same endpoints below each value. Subtrees are compared by how much
//!   of one another holds (a value seen less has seen fewer of them: `contained`, with a
//!   literal the other has merged matching that parameter, see `SkelTrie`), by how much of one
//!   the union of its siblings' holds (values each seen less than the endpoints below them), by
//!   the names right beneath them, or as one subtree under [`MIN_VARIETY`] siblings. The group
//!   must be most of the comparable siblings or carry most of the requests, so that an API's
//!   mirrored parts (`/orgs/{org}/...`, `/enterprises/{e}/...`) stay apart;
//! - **response shapes**: children answering 2xx with one body shape, theirs or their
//!   children's one segment below, unless the shape is generic (seen at several depths: an
//!   envelope, an error shape);
//! - **an open set**: at least [`MIN_VARIETY`] distinct values, most of them seen once.
//!
//! Merging unions the subtrees, which may reveal the next level's parameter (all owners'
//! repositories together are an open set). A child with evidence of an endpoint of its own
//! (far more requests, a subtree or a response shape of its own: `/users/me`, `/user/login`)
//! stays literal beside the parameter; one without joins it. A template resolves to the most
//! literal match. Merging is one-way: evidence can only turn literals into parameters, so
//! open sets are judged coarse to fine: the first pass only at nodes with a quarter of all the
//! paths, each next pass at nodes with a quarter of the previous pass's evidence, the last at
//! every node. Deep nodes in one owner's subtree see too little to judge on their own
//! (`/commits/feature-login/{check-runs,status}`, each seen once, looks like an open set);
//! after the owners above are merged they see the union. Owners that do not merge on their
//! own (each seen on under half of the endpoints below it) are learned as one on trial and
//! compared again through what the trial learned: on the last pass, and on an earlier one
//! where half or more of them have merged values of their own. Measured over a matrix of API
//! descriptions, value models, bodies and views by `bench/templating.py` (README, "Path
//! templating, measured").
//!
//! A sidecar relearns from sketches ([`View::Partial`]: each endpoint's few sample paths, on
//! what it has seen so far), where the passes cannot wait for evidence that has not arrived:
//! when half or more of a node's children recur under a sibling of it or of an ancestor (an
//! `Echo`), or under several values merged above, they are endpoint names, not an open set.

use std::collections::BTreeMap;

use crate::Limits;
use crate::contract::{Contract, EndpointKey};
use crate::shape::Shape;
use crate::template::{
    AFFIX, FILE_EXTENSIONS, FORMAT_EXTENSIONS, OVERFLOW_PATH, Route, SegKind, Templater, looks_like_version,
    name_params, param_parts, param_reason, split_extension,
};

mod affix;
mod merge;
mod node;
mod similar;

use self::node::{Cx, Echo, Ending, Node};
pub use self::node::{MAX_CHILDREN, MAX_SEGMENTS};
use self::similar::{SkelTrie, alike_leaves, alike_shapes, alike_subtrees, typical_count};

/// The fewest distinct values at a position that can make it a parameter by variety.
pub const MIN_VARIETY: usize = 4;

/// Among a position's values, the share seen only once that makes it an open set.
const OPEN_SHARE: f64 = 0.5;

/// Each learning pass merges at nodes with 1/LEARN_STEP of the paths the previous one needed.
const LEARN_STEP: usize = 4;

/// How much of two subtrees must be the same paths for their roots to be alike.
const ALIKE: f64 = 0.6;

/// How much of one subtree another must hold for their roots to be alike (either way).
const CONTAINED: f64 = 0.5;

/// How much of a subtree the union of its siblings' must hold for it to be one of theirs; and
/// how many of the names right beneath a child must be beneath its siblings too.
const UNION_CONTAINED: f64 = 0.8;

/// How many of a node's largest subtree shapes each shape is compared with.
const COMPARED: usize = 16;

/// The share of a node's children recurring under its siblings' (see [`Echo`]) from which
/// they are not an open set.
const RECUR_SHARE: f64 = 0.5;

/// Two bounds for names used elsewhere (on a partial view): a node of more literal children
/// than this holds many values, and names met there are not counted as used elsewhere
/// (`Node::names_elsewhere`), unless half or more of its children are found under other
/// parents too (GitHub's `/repos/{owner}/{repo}`, with 52 endpoint names below it: without
/// that exception `actions` and `dependabot` there were no evidence, and a sidecar merged
/// `/orgs/{org}/actions` and `/orgs/{org}/dependabot` as alike subtrees); and only at a node
/// of at most this many children do such names count as recurring (`Node::learn`).
pub(crate) const ELSEWHERE_CHILDREN: usize = 48;

/// How many recorded templates must hold a name as a value of their parameters for a
/// relearn to take it as a value wherever it is met literal (see `Node::learn`).
pub(crate) const KNOWN_VALUE_TEMPLATES: usize = 8;

/// The largest subtree (in nodes) whose children are learned as one on trial when they do not
/// merge otherwise (see `merge::Node::learn`): a bounded copy at each node.
const TRIAL_NODES: usize = 4096;

/// The fewest children an open set right below a parameter of ids has on a partial view
/// (see `merge::Node::learn`): fewer are an API's endpoints below an id, seen once each by a
/// thin sidecar (GitHub has 8 below `/pulls/{pull_number}`).
const OPEN_BELOW_IDS: usize = 12;

/// How many leaves named as files are at one place before they are values, however often
/// each is seen (see `Node::file_values`).
const FILE_VALUES: usize = 4;

/// How many values the text around them needs before it is fixed text, the endpoint's
/// (`binary-{arch}`), rather than chance (two names sharing a word are common; see
/// `affix`).
const AFFIX_VALUES: usize = 3;

/// File extensions of a server's scripts: a name ending in one is an endpoint
/// (`/cgi-bin/status.cgi`, `/admin/users.php`), never a stored file's (see
/// `Node::file_values`).
const SCRIPT_EXTENSIONS: [&str; 11] = ["php", "asp", "aspx", "jsp", "cgi", "pl", "do", "action", "svc", "asmx", "py"];

/// The fewest children with names below them among which some are an API's namespaces,
/// not values of the open set beside them (see `Node::namespaces`).
const NAMESPACE_SIBLINGS: usize = 20;

/// How many times the trie's size all trials together may copy and learn again.
const TRIAL_BUDGET: usize = 4;

/// The most literal children a node may have for them to be learned as one on trial: past
/// it, they are an API's endpoint names (52 under GitHub's `/repos/{owner}/{repo}`) or an open
/// set, judged without.
const TRIAL_CHILDREN: usize = 48;

/// The paths an endpoint's sample holds by default (`Limits::max_paths`): on a relearn's
/// evidence, a parameter with this many values or more may have many more.
const SAMPLE_PATHS: usize = 8;

/// The endpoint templates learned from `paths` (query strings are ignored), literal ones
/// included (so that `/users/me` keeps winning over the learned `/users/{user_id}`): give
/// them to [`Templater::new`](crate::template::Templater::new) as routes. Parameters are
/// named from the preceding literal segment, unique in the template.
pub fn learn<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<Route> {
    learn_with_bodies(paths.into_iter().map(|p| (p, None)))
}

/// Like [`learn`], with each path's response body signature ([`body_signature`]) where there
/// is one: siblings answering with one shape are one parameter even when few values are seen.
pub fn learn_with_bodies<'a>(paths: impl IntoIterator<Item = (&'a str, Option<u64>)>) -> Vec<Route> {
    learn_weighted(paths.into_iter().map(|(p, sig)| (p, sig, 1)))
}

/// What the paths given to learning are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Every path seen (`contracts infer` over a traffic file): the coarse-to-fine passes see
    /// all the evidence there is.
    Whole,
    /// Sketches of what was seen (each endpoint's few sample paths, in [`retemplate`]), by a
    /// proxy that has seen little so far or one sidecar of many: names that recur under a
    /// sibling are kept for endpoint names (see `Echo`).
    Partial,
}

/// Like [`learn_with_bodies`], each path standing for `weight` requests.
pub fn learn_weighted<'a>(paths: impl IntoIterator<Item = (&'a str, Option<u64>, usize)>) -> Vec<Route> {
    learn_view(paths, View::Whole)
}

/// Like [`learn_weighted`], from a [`View`].
pub fn learn_view<'a>(paths: impl IntoIterator<Item = (&'a str, Option<u64>, usize)>, view: View) -> Vec<Route> {
    let mut learner = PathLearner::default();
    for (p, sig, weight) in paths {
        learner.add(p, sig, weight);
    }
    learner.learn(view)
}

/// Paths to learn templates from, added one at a time (a stream of any length): the memory
/// is bounded by the API's endpoints, not by how many paths or distinct paths are added (see
/// [`MAX_CHILDREN`]), and each path costs the same.
#[derive(Debug)]
pub struct PathLearner {
    root: Node,
    /// The most literal children a node keeps now: [`MAX_CHILDREN`], halved while the trie
    /// is over [`MAX_NODES`].
    cap: usize,
    /// Paths added since the trie was last measured.
    since_check: usize,
    /// On a relearn's evidence, names that recorded endpoints hold as values of their
    /// parameters more often than as literals of their templates, with how many endpoints
    /// hold them so (see `learn_templates_of`).
    values: std::collections::HashMap<String, usize>,
}

impl Default for PathLearner {
    fn default() -> Self {
        Self { root: Node::default(), cap: MAX_CHILDREN, since_check: 0, values: Default::default() }
    }
}

/// The most trie nodes a learner holds (about 150 bytes each). Beyond it, traffic with more
/// distinct literal values than that (a million user names under many endpoints) has its
/// nodes with the most values folded into parameters, [`MAX_CHILDREN`] halved each time down
/// to `MIN_CAP` (8): memory stays bounded whatever is added, at the price of merging endpoint
/// names that each carry less than a twentieth of their parent's paths in such traffic.
pub const MAX_NODES: usize = 200_000;

/// The fewest literal children a node keeps however many nodes there are.
const MIN_CAP: usize = 2 * MIN_VARIETY;

/// How many paths are added between two measures of the trie (each costs a walk of it).
const CHECK_EVERY: usize = 1 << 16;

impl PathLearner {
    /// Adds a path (its query is ignored) seen `weight` times, with its response body
    /// signature ([`body_signature`]) where there is one.
    pub fn add(&mut self, path: &str, sig: Option<u64>, weight: usize) {
        self.add_answering(path, sig.as_slice(), weight);
    }

    /// Adds a path seen `weight` times that answered with any of `sigs` (an endpoint's
    /// recorded shape read whole, and read with its optional fields left out).
    pub fn add_answering(&mut self, path: &str, sigs: &[u64], weight: usize) {
        self.add_recorded(path, sigs, weight, None);
    }

    /// Like [`PathLearner::add_answering`], for a path recorded by an endpoint (`origin`, a
    /// hash of its template) whose shape `sigs` are, rather than the path's own answer.
    fn add_recorded(&mut self, path: &str, sigs: &[u64], weight: usize, origin: Option<u64>) {
        let p = path.split('?').next().unwrap_or(path);
        let mut segs: Vec<&str> = p.split('/').skip(1).take(MAX_SEGMENTS + 1).collect();
        if segs.len() > MAX_SEGMENTS {
            return;
        }
        // A format extension (`/Calls/CA12.json`) is how the path ends, kept with the node it
        // ends at: the value or name before it is judged alone, and the extension is no
        // structure (every `X.json` would have the same subtree).
        let mut ending = Ending::BARE;
        // (The markers of references are no request target's: such a path is left to the
        // value patterns.)
        if p.contains([REF_OPEN, REF_CLOSE, AFFIX]) {
            return;
        }
        let file = segs.last().is_some_and(|l| file_name(l));
        // A file's name for references: a known file extension (NuGet's `.nuspec`, Maven's
        // `.module`), not a host's name (`octocat.github.io`, a repository), not an
        // endpoint's format (`.json`: split off below).
        let named_file = segs.last().is_some_and(|l| {
            l.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && FILE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
                    && split_extension(l).is_none()
            })
        });
        if segs.len() > 1 && segs.last() == Some(&"") {
            // A trailing slash, likewise (`/api/0/projects/`).
            segs.pop();
            ending = Ending::SLASH;
        } else if let Some(last) = segs.last_mut()
            && let Some((stem, ext)) = split_extension(last)
        {
            *last = stem;
            ending = Ending::of(ext);
        } else if file {
            ending = Ending::DOTTED;
        }
        // A file name made of earlier segments' values (NuGet's
        // `/humanizer.core/3.4.14/humanizer.core.3.4.14.nupkg`): the same name under each.
        // Only a file's name: an endpoint's may hold a name before it
        // (`/v1/accounts/{account}/external_accounts`).
        let referenced: String;
        if let Some((last, before)) = segs.split_last()
            && let Some(r) = named_file.then(|| with_references(before, last)).flatten()
        {
            referenced = r;
            *segs.last_mut().expect("a last segment") = &referenced;
        }
        self.root.insert(&segs, sigs, weight.max(1), self.cap, origin, ending);
        self.since_check += 1;
        if self.since_check >= CHECK_EVERY {
            self.since_check = 0;
            self.bound();
        }
    }

    /// Folds the nodes with the most literal children while the trie is over [`MAX_NODES`].
    fn bound(&mut self) {
        while self.cap > MIN_CAP && self.root.size() > MAX_NODES {
            self.cap = (self.cap / 2).max(MIN_CAP);
            self.root.saturate_above(self.cap);
        }
    }

    /// Nodes in the trie (for tests and benchmarks of its bound).
    pub fn nodes(&self) -> usize {
        self.root.size()
    }

    /// The endpoint templates learned, literal ones included (see [`learn`]).
    pub fn learn(self, view: View) -> Vec<Route> {
        self.learn_explained(view).into_iter().map(|(r, _)| r).collect()
    }

    /// Like [`PathLearner::learn`], with why each parameter learned from values is one: the
    /// rule, with its counts, by parameter name (for `contracts show --explain`).
    pub fn learn_explained(self, view: View) -> crate::template::Explained {
        let mut root = self.root;
        let cx = Cx {
            view,
            generic: root.generic_sigs(),
            collections: root.collections(),
            elsewhere: if view == View::Partial {
                let mut names = root.names_elsewhere();
                names.retain(|k| !self.values.contains_key(k));
                names
            } else {
                Default::default()
            },
            values: self.values,
            debug: std::env::var_os("MOCKDRIFT_LEARN_DEBUG").is_some(),
            trial: std::cell::Cell::new(false),
            below_ids: std::cell::Cell::new(false),
            top: std::cell::Cell::new(false),
            trial_budget: std::cell::Cell::new(0),
            join_budget: std::cell::Cell::new(TRIAL_BUDGET * root.size()),
            affix_values: Default::default(),
            affix_keys: Default::default(),
        };
        // Coarse to fine: judge the nodes with the most evidence first. A node deep in one
        // owner's subtree sees a handful of paths (`/commits/feature-login/{check-runs,status}`
        // once each looks like an open set); once the owners above are merged, the union shows
        // those are endpoint names under a branch parameter. So each pass only merges at nodes
        // with at least a quarter of the previous pass's evidence, and the last at every node.
        let mut min_count = root.count / LEARN_STEP;
        // The trials before the last pass learn again at most four times the trie, all
        // together; those of the last pass as much again (a budget of their own, so that a
        // node tried and failed on every early pass does not use theirs up).
        cx.trial_budget.set(TRIAL_BUDGET * root.size());
        while min_count > 1 {
            cx.top.set(true);
            root.learn(min_count, &[], &cx, "");
            min_count /= LEARN_STEP;
        }
        cx.trial_budget.set(TRIAL_BUDGET * root.size());
        cx.top.set(true);
        root.learn(0, &[], &cx, "");
        let mut templates = Vec::new();
        // `/repos/{}/{}/pulls/{}` → `/repos/{owner}/{repo}/pulls/{pull_id}`.
        root.templates(&mut Vec::new(), &mut templates, &cx.values);
        templates.into_iter().filter_map(|(t, why)| Route::parse(&t).ok().map(|r| (r, why))).collect()
    }
}

/// An object of at most this many members is read as an envelope (`{"data": {...}, "meta":
/// {...}}`, `{"success", "errors", "messages", "result"}`): the members of its members that
/// hold objects are part of its shape, so that one envelope around every endpoint's resource
/// still tells the resources apart. Larger objects are resources themselves; their nested
/// objects (a `metadata` map of the user's own keys) would split one endpoint's shapes. (A
/// small resource holding such a map, `{"id", "name", "labels": {...}}`, does get a shape per
/// set of keys: its values then answer apart, and stay literal unless other evidence joins
/// them.)
pub const ENVELOPE_MEMBERS: usize = 5;

/// A member whose name is longer than this keeps its own members out of a body's shape: each
/// would carry a copy of the name (a hostile body of long names stays linear).
pub const MAX_PARENT_KEY: usize = 128;

/// Whether a body just recorded into an endpoint (`shape` holds it) answered apart from what
/// the endpoint answered before: it lacks a member every earlier body had and holds one none
/// had (`/customers/search`'s list, recorded into `/customers/{customer}` because it came
/// after the customers were learned). A body that only leaves out or adds optional members
/// answers as the endpoint does. Needs two earlier object bodies, with named members (not
/// keys that are data). Returns the body's top-level member names, sorted (at most
/// [`crate::contract::MAX_MEMBERS`] kept).
pub(crate) fn answered_apart(shape: &Shape, body: &[u8]) -> Option<Vec<String>> {
    use crate::json::{Event, Parser};
    let o = shape.object.as_deref()?;
    if o.count < 3 || o.is_map() {
        return None;
    }
    let mut p = Parser::new(body).ok()?;
    if !matches!(p.next(), Ok(Some(Event::StartObject))) {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    loop {
        match p.next() {
            Ok(Some(Event::Key(k))) if p.depth() == 1 => names.push(k.into_owned()),
            Ok(Some(Event::EndObject)) if p.depth() == 0 => break,
            Ok(Some(_)) => {}
            _ => return None,
        }
    }
    names.sort_unstable();
    names.dedup();
    let has = |k: &str| names.binary_search_by(|n| n.as_str().cmp(k)).is_ok();
    let new_member = names.iter().any(|n| o.fields.get(n).is_some_and(|f| f.present == 1));
    let lacks_constant = o.fields.iter().any(|(k, f)| f.present + 1 == o.count && !has(k));
    // Kept on disk: a name that looks like a secret is left out (a body keyed by tokens).
    names.retain(|n| !crate::redact::contains_secret(n));
    names.truncate(crate::contract::MAX_MEMBERS);
    (new_member && lacks_constant).then_some(names)
}

/// Whether a body of these top-level `members` (sorted; see [`answered_apart`]) still answers
/// apart from the endpoint's shape as it is now: it lacks a member half the bodies or more
/// have and holds one that at most half have (a literal as hot as all the values together is
/// still apart). A field renamed for every value (drift) is apart on the first body that has
/// it, and no longer once most bodies do.
fn still_apart(shape: &Shape, members: &[String]) -> bool {
    let Some(o) = shape.object.as_deref() else { return false };
    if members.is_empty() || o.count == 0 {
        return false;
    }
    let has = |k: &str| members.binary_search_by(|n| n.as_str().cmp(k)).is_ok();
    let lacks_common = o.fields.iter().any(|(k, f)| f.present * 2 >= o.count && !has(k));
    let holds_rare = members.iter().any(|m| o.fields.get(m).is_some_and(|f| f.present * 2 <= o.count));
    lacks_common && holds_rare
}

/// The shape of a JSON response body, for comparing siblings: the sorted member names and
/// value kinds of an object (of an array's first object), hashed. None for bodies too small to
/// tell endpoints apart (not JSON, scalars, objects with fewer than two members but a root
/// element: `{"user": {...}}`, `{"users": [...]}`).
///
/// Read with the pull parser, nothing built: the body is validated whole (a quick reading,
/// see [`crate::json::validate_str`]), then only the containers whose members count are
/// read, the others skipped.
pub fn body_signature(body: &[u8]) -> Option<u64> {
    use crate::json::{Event, Parser};
    use std::hash::{Hash, Hasher};
    let mut p = Parser::new_validated(crate::json::validate_str(body).ok()?);
    let array = match p.next().ok()?? {
        Event::StartObject => false,
        Event::StartArray => true,
        _ => return None,
    };
    // The object whose members count: the top one, or the array's first item.
    let at = if array {
        if p.next().ok()?? != Event::StartObject {
            return None;
        }
        2
    } else {
        1
    };
    let mut members: Vec<(String, char)> = Vec::new();
    let mut key: Option<String> = None;
    // A member holding a list of objects (`{"data": [{...}], "has_more": true}`, an API's
    // list envelope): its first item's member names count too, as `data.id`, so that two
    // resources' lists are told apart by their items, not taken for one envelope. So do
    // the members of a member holding an object, when the body is an envelope (see
    // [`ENVELOPE_MEMBERS`]): `{"data": {...}, "meta": {...}}`.
    let mut list: Option<String> = None;
    // The member whose object's members are being read, and the depth of those members.
    let mut item: Option<(String, usize)> = None;
    let mut item_key: Option<String> = None;
    // Each with the index of its member in `members`: of a repeated name, only the last
    // member's items count, as a map would hold them.
    let mut items: Vec<(usize, String, char)> = Vec::new();
    let mut nested: Vec<(usize, String, char)> = Vec::new();
    // The distinct names seen so far, up to one past an envelope's: past it, no member's
    // members are kept (bounded work on a large object).
    let mut distinct: Vec<String> = Vec::new();
    while let Some(ev) = p.next().ok()? {
        if p.depth() < at {
            break;
        }
        if let Some((_, d)) = &item
            && p.depth() < *d
        {
            // A list's first item ended: its other items are not read.
            let list_item = *d == at + 2;
            item = None;
            if list_item {
                p.skip_rest().ok()?;
                continue;
            }
        }
        if let Some(parent) = list.take()
            && ev == Event::StartObject
            && p.depth() == at + 2
        {
            item = Some((parent, at + 2));
            continue;
        }
        let kind = match ev {
            Event::Key(k) if p.depth() == at => {
                key = Some(k.into_owned());
                continue;
            }
            Event::Key(k) if item.as_ref().is_some_and(|(_, d)| p.depth() == *d) => {
                item_key = Some(k.into_owned());
                continue;
            }
            Event::StartObject => 'o',
            Event::StartArray => 'a',
            Event::Str(_) => 's',
            Event::Number { .. } => '0',
            Event::Bool(_) => 'b',
            Event::Null => 'n',
            _ => continue,
        };
        let inner = matches!(ev, Event::StartObject | Event::StartArray);
        if p.depth() == at + usize::from(inner)
            && let Some(k) = key.take()
        {
            if distinct.len() <= ENVELOPE_MEMBERS && !distinct.contains(&k) {
                distinct.push(k.clone());
            }
            // (A parent's name over `MAX_PARENT_KEY` bytes keeps its members out: each would
            // carry a copy of it.)
            if kind == 'a' && !array && k.len() <= MAX_PARENT_KEY {
                list = Some(k.clone());
            }
            if kind == 'o' && !array && k.len() <= MAX_PARENT_KEY && distinct.len() <= ENVELOPE_MEMBERS {
                item = Some((k.clone(), at + 1));
            }
            members.push((k, kind));
        } else if let Some((parent, d)) = &item
            && p.depth() == d + usize::from(inner)
            && let Some(k) = item_key.take()
        {
            let to = if *d == at + 1 { &mut nested } else { &mut items };
            to.push((members.len() - 1, format!("{parent}.{k}"), kind));
        }
        // A container whose members are not read (all but a list, its first item, and an
        // envelope's member objects) is skipped whole.
        if inner && list.is_none() && item.as_ref().is_none_or(|(_, d)| *d != p.depth()) {
            p.skip_rest().ok()?;
        }
    }
    // As a map would hold them: sorted, the last of a repeated name (at the top, and within
    // the one object whose members an entry of `items` is).
    let last: std::collections::HashMap<&str, usize> =
        members.iter().enumerate().map(|(i, (k, _))| (k.as_str(), i)).collect();
    let mut inner: Vec<(usize, String, char)> = items;
    if last.len() <= ENVELOPE_MEMBERS {
        inner.extend(nested);
    }
    inner.retain(|(i, _, _)| last.get(members[*i].0.as_str()) == Some(i));
    drop(last);
    inner.reverse();
    inner.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    inner.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    // The members of an object member (an envelope's) or of a list's first item, the last of
    // a repeated name, not null, named as fields are (see [`wraps_one_object`]).
    let wrapped = inner.iter().filter(|(i, k, kind)| *kind != 'n' && field_name(&k[members[*i].0.len() + 1..])).count();
    members.reverse();
    members.sort_by(|a, b| a.0.cmp(&b.0));
    members.dedup_by(|a, b| a.0 == b.0);
    // A null says nothing of a member's kind, and an optional member often comes as one
    // (`"description": null` in some bodies of an endpoint): null members are left out.
    members.retain(|(_, kind)| *kind != 'n');
    // The object's own members decide whether it tells endpoints apart; its lists' items
    // only add to a shape that does.
    if members.len() < 2 && !array && !wraps_one_object(members.len(), wrapped) {
        return None;
    }
    members.extend(inner.into_iter().filter(|(_, _, kind)| *kind != 'n').map(|(_, k, kind)| (k, kind)));
    members.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    array.hash(&mut h);
    for (k, kind) in &members {
        k.hash(&mut h);
        kind.hash(&mut h);
    }
    Some(h.finish())
}

/// Whether a body of one member (nulls left out) tells endpoints apart: when that member
/// holds an object, or a list whose first item is one, of two members or more, not null
/// (`wrapped`, members named as fields are, see [`field_name`]), as a root element does (`{"user": {"id": 7, "login": "dtolnay"}}`,
/// `{"users": [{...}]}`: crates.io, PagerDuty, Rails). Values of a parameter answer so
/// (crates.io's users, keywords, categories), and endpoints beside them with their own
/// element (`/crates/{name}/owners` beside `/crates/{name}/{version}`). A bare member
/// (`{"count": 3}`, `{"data": []}`) tells nothing.
/// Whether a member's name is a field's, not a key of a map by id (`{"items": {"123": {...}}}`,
/// whose names differ with every value): the members a root element is read by. A number,
/// or eight hex digits and dashes or more (a UUID, a hash), is an id; read in one pass, as
/// it runs for every body read.
fn field_name(k: &str) -> bool {
    let b = k.as_bytes();
    let number = !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    let hex = b.len() >= 8 && b.iter().all(|c| c.is_ascii_hexdigit() || *c == b'-');
    !number && !hex
}

fn wraps_one_object(members: usize, wrapped: usize) -> bool {
    members == 1 && wrapped >= 2
}

/// [`body_signature`] of a recorded response shape: its object's (or its array items'
/// object's) field names and kinds. With `required`, only the fields every object had: one
/// body of an endpoint shows its optional fields or not, and its shape read so is one of the
/// two readings of the whole endpoint's (a literal recorded once, beside a parameter whose
/// values merged into one contract, answers as it does).
fn shape_signature(shape: &Shape, required: bool) -> Option<(u64, usize)> {
    use std::hash::{Hash, Hasher};
    let (obj, array) = match (&shape.object, &shape.array) {
        (Some(o), _) => (o, false),
        (None, Some(a)) => (a.items.object.as_ref()?, true),
        _ => return None,
    };
    // As a body's reading leaves null members out: the first kind that is not null, and no
    // field that was only ever null.
    let kind = |f: &crate::shape::Field| f.shape.kinds().into_iter().map(|k| k.name()).find(|k| *k != "null");
    // The required reading is a body that had none of the optional members: nor a null
    // where some bodies had one (a body's reading leaves its null members out).
    let always = |o: &'_ crate::shape::ObjectShape, f: &crate::shape::Field| f.present >= o.count;
    let kept = |o: &'_ crate::shape::ObjectShape, f: &crate::shape::Field| {
        (!required || always(o, f) && f.shape.null == 0) && kind(f).is_some()
    };
    let own = obj.fields.values().filter(|f| kept(obj, f)).count();
    if own < 2 && !array {
        // (An envelope's object member's members, or a list's items' members, as below.)
        let had = if required { obj.fields.values().filter(|f| always(obj, f)).count() } else { obj.fields.len() };
        let wrapped = obj
            .fields
            .values()
            .filter(|f| kept(obj, f))
            .filter_map(|f| match kind(f) {
                Some("object") if had <= ENVELOPE_MEMBERS => f.shape.object.as_ref(),
                _ => {
                    f.shape.array.as_ref().filter(|a| a.items.kinds().len() == 1).and_then(|a| a.items.object.as_ref())
                }
            })
            .map(|o| o.fields.iter().filter(|(k, i)| kept(o, i) && field_name(k)).count())
            .sum::<usize>();
        if !wraps_one_object(own, wrapped) {
            return None;
        }
    }
    // As `body_signature` reads a body: the members, and the members of the items of a
    // member that holds a list of objects, sorted by name.
    let mut members: Vec<(String, Option<&str>)> = Vec::new();
    // An envelope by the members such a body had (its null ones too, as a body counts them).
    let had = if required { obj.fields.values().filter(|f| always(obj, f)).count() } else { obj.fields.len() };
    let envelope = !array && had <= ENVELOPE_MEMBERS;
    for (k, f) in obj.fields.iter().filter(|(_, f)| kept(obj, f)) {
        members.push((k.clone(), kind(f)));
        // An envelope's object members, as the body's own object showed them.
        if envelope
            && kind(f) == Some("object")
            && let Some(o) = f.shape.object.as_ref()
        {
            for (ik, i) in o.fields.iter().filter(|(_, i)| kept(o, i)) {
                members.push((format!("{k}.{ik}"), kind(i)));
            }
        }
        // Only a list of objects alone, as a body's first item would show it.
        if !array
            && let Some(items) =
                f.shape.array.as_ref().filter(|a| a.items.kinds().len() == 1).and_then(|a| a.items.object.as_ref())
        {
            for (ik, i) in items.fields.iter().filter(|(_, i)| kept(items, i)) {
                members.push((format!("{k}.{ik}"), kind(i)));
            }
        }
    }
    members.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    array.hash(&mut h);
    for (k, kind) in &members {
        k.hash(&mut h);
        kind.hash(&mut h);
    }
    Some((h.finish(), members.len()))
}

/// A template, and why each of its parameters learned from values is one, by name.
type Explained = (String, Vec<(String, String)>);

/// A sample path, its response shape's signatures (both readings, see `retemplate`), and how
/// many exchanges it stands for.
/// A path, what it answered, how many exchanges it stands for, and the endpoint whose shape
/// that is, when it is not the path's own answer ([`Node::origins`]).
type Evidence<'a> = (&'a str, Vec<u64>, usize, Option<u64>);

/// The paths (without their queries) that answered apart from their endpoint and still do
/// ([`crate::PathSample::sig`], [`still_apart`]), in its sample or beside it, with what they
/// answered: one answer a path, whatever its queries.
fn answers_apart(c: &Contract) -> BTreeMap<&str, u64> {
    let mut own = BTreeMap::new();
    for p in c.paths.iter().chain(&c.apart) {
        if let Some(sig) = p.sig.as_deref().and_then(|s| u64::from_str_radix(s, 16).ok())
            && still_apart(&c.response, &p.members)
        {
            own.entry(p.path.split('?').next().unwrap_or(&p.path)).or_insert(sig);
        }
    }
    own
}

/// Each of the endpoint's sampled paths (queries left off) with how many of its exchanges it
/// stands for: the exchanges of one distinct path (with its query), not a share of the
/// sample. Over the sample, a template seen with thousands of paths, most once, had each
/// sample look seen hundreds of times, and values seen once are what an open set is made of:
/// with more traffic, a sidecar merged less and less (12 % precision at 32 requests per
/// endpoint). A path sampled several times came with many queries (`/users/me?page=...`), and
/// stands for its share of the distinct paths: otherwise a literal with varied queries looks
/// seen a handful of times and joins the ids beside it.
fn sample_weights(c: &Contract, k: usize) -> Vec<(&str, Option<u64>, usize)> {
    let own = answers_apart(c);
    let mut sampled: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &c.paths {
        *sampled.entry(p.path.split('?').next().unwrap_or(&p.path)).or_default() += 1;
    }
    let distinct = c.distinct_paths(k).max(1.0);
    let per_path = c.count as f64 / distinct;
    let n = c.paths.len() as f64;
    sampled
        .into_iter()
        .map(|(p, times)| {
            let paths = if times == 1 { 1.0 } else { distinct * times as f64 / n };
            (p, own.get(p).copied(), (per_path * paths).round().max(1.0) as usize)
        })
        .collect()
}

/// Re-templates recorded endpoints with templates learned from all of them together, so that
/// what was recorded as separate literal endpoints (`/repos/octocat/hello`,
/// `/repos/torvalds/linux`, ... by a proxy that had seen too little, or by several sidecars
/// whose snapshots were merged) becomes one parameterised endpoint once the evidence shows
/// the parameter.
///
/// The evidence is each endpoint's sample paths (a bottom-k sample by hash, which merges
/// exactly across snapshots), each standing for the exchanges of one of the endpoint's
/// distinct paths ([`Contract::distinct_paths`]), and its response shape. Endpoints only merge, never split: an endpoint moves when all its
/// sample paths take one new template that matches its old one. The learned templates are set
/// on `templater` for what is recorded next. Returns the moves, old key to new key.
pub fn retemplate(
    contracts: &mut BTreeMap<EndpointKey, Contract>,
    templater: &mut Templater,
    limits: &Limits,
) -> Vec<(EndpointKey, EndpointKey)> {
    retemplate_services(contracts, templater, limits, None)
}

/// [`retemplate`] for the endpoints of `services` only (all with `None`): the others keep
/// their endpoints and their learned templates.
pub fn retemplate_services(
    contracts: &mut BTreeMap<EndpointKey, Contract>,
    templater: &mut Templater,
    limits: &Limits,
    services: Option<&std::collections::BTreeSet<String>>,
) -> Vec<(EndpointKey, EndpointKey)> {
    let wanted = |svc: &str| services.is_none_or(|s| s.contains(svc));
    learn_templates_of(contracts, templater, limits, &wanted);
    let mut moves = Vec::new();
    for (k, c) in contracts.iter() {
        if k.path == OVERFLOW_PATH || !wanted(&k.service) {
            continue;
        }
        // An endpoint recorded under a route the user gave moves only to one given now
        // (the user joined it into a wider route or renamed its parameters).
        if c.given {
            let mut news = c.paths.iter().map(|p| templater.user_route(p.path.split('?').next().unwrap_or("")));
            if let Some(Some(r)) = news.next()
                && r.as_str() != k.path
                && news.all(|n| n.is_some_and(|n| n.as_str() == r.as_str()))
                && r.matches(&k.path)
            {
                moves.push((k.clone(), EndpointKey { path: r.as_str().to_owned(), ..k.clone() }));
            }
            continue;
        }
        // Paths that answered apart, and still do, may have a literal of their own now: the
        // others say where the endpoint goes.
        let apart = answers_apart(c);
        let values: Vec<&crate::PathSample> =
            c.paths.iter().filter(|p| !apart.contains_key(p.path.split('?').next().unwrap_or(&p.path))).collect();
        let values = if values.is_empty() { c.paths.iter().collect() } else { values };
        let mut news =
            values.iter().map(|p| templater.template_for(&k.service, p.path.split('?').next().unwrap_or("")));
        let Some(new) = news.next() else { continue };
        if new == k.path || news.any(|n| n != new) {
            continue;
        }
        if Route::parse(&new).is_ok() && takes_in(&new, &k.path) {
            moves.push((k.clone(), EndpointKey { path: new, ..k.clone() }));
        }
    }
    for (old, new) in &moves {
        let Some(mut c) = contracts.remove(old) else { continue };
        if let Some(why) = templater.why(&new.service, &new.path) {
            c.learned = why.iter().cloned().collect();
        }
        // Moved onto a route the user gives: given from now on.
        c.given |= c.paths.first().is_some_and(|p| {
            templater.user_route(p.path.split('?').next().unwrap_or("")).is_some_and(|r| r.as_str() == new.path)
        });
        match contracts.get_mut(new) {
            Some(into) => into.merge(&c, limits),
            None => {
                contracts.insert(new.clone(), c);
            }
        }
    }
    moves
}

/// Whether the template `new` takes in an endpoint recorded as `old`: it matches `old`'s
/// text (a parameter of `new` against anything with its affixes, a literal against itself),
/// a parameter of `new` with text around it where `old` has a bare one, or a literal of `new`
/// that may be a version (`node::version_value`) stands where `old` has a parameter:
/// a version the value patterns made a parameter before the learner saw it take one value only (`/rest/api/{api_id}/...`
/// to `/rest/api/2/...`, see `Node::version_like`), which every sampled path has.
fn takes_in(new: &str, old: &str) -> bool {
    new.split('/').count() == old.split('/').count()
        && new.split('/').zip(old.split('/')).all(|(n, o)| match param_parts(n) {
            // (An old bare parameter took what the new one takes: a store learned before
            // extensions were, `/Calls/{call}` for `/Calls/{call_id}.json`.)
            Some((pre, _, suf)) => {
                o.len() > pre.len() + suf.len() && o.starts_with(pre) && o.ends_with(suf)
                    || param_parts(o).is_some_and(|(p, _, s)| p.is_empty() && s.is_empty())
            }
            None => n == o || param_parts(o).is_some() && node::version_value(n),
        })
}

/// The first half of [`retemplate`]: learns templates from every recorded endpoint and sets
/// them on `templater`, moving nothing. A recorder opening a store starts from them, so that
/// what was learned before a restart (a literal told apart from its parameter, `/search`)
/// holds from the first exchange, not from the next relearn.
pub fn learn_templates(contracts: &BTreeMap<EndpointKey, Contract>, templater: &mut Templater, limits: &Limits) {
    learn_templates_of(contracts, templater, limits, &|_| true);
}

/// The parameters of an endpoint, the deepest first, whose literal readings are looked up
/// for its sampled paths ([`learn_templates_of`]).
const REFINED_PARAMS: usize = 6;

/// An endpoint as the origin of what its sampled paths answer ([`PathLearner::add_recorded`]).
fn origin_of(template: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    template.hash(&mut h);
    h.finish()
}

/// The names that a service's endpoints hold as values of their parameters in two templates
/// or more, and in more than hold them as literals of their templates
/// (`held`: name, template, as a value; see `learn_templates_of`), each with how many
/// templates hold it as a value: an
/// owner met under `/repos/{owner}/...` everywhere is a value where a thin sidecar kept it
/// literal (`/user/starred/site-alpha/beta-omega`). Endpoint names are literals of many
/// templates (`secrets`, `members`).
fn known_values(held: &std::collections::HashSet<(&str, &str, bool)>) -> std::collections::HashMap<String, usize> {
    let mut tally: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    for &(name, _, value) in held {
        let e = tally.entry(name).or_default();
        if value { e.0 += 1 } else { e.1 += 1 }
    }
    tally
        .into_iter()
        .filter(|&(_, (value, literal))| value >= 2 && value > literal)
        .map(|(k, (value, _))| (k.to_owned(), value))
        .collect()
}

/// Whether a path's last segment reads as a file's name: an extension of one to five letters
/// and digits, a letter first, after its last dot (`README.md`, `go.mod`); not an email, an
/// address or a version (`x@y.com`, `192.0.2.0`, `2.31.0`).
fn file_name(seg: &str) -> bool {
    seg.rsplit_once('.').is_some_and(|(stem, ext)| {
        !seg.contains('@')
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|c| c.is_ascii_alphanumeric())
            && ext.as_bytes()[0].is_ascii_alphabetic()
            && !stem.bytes().all(|c| c.is_ascii_digit() || c == b'.')
    })
}

/// What opens and closes a reference to an earlier segment in a path's last segment (see
/// [`with_references`]): control characters, which no request target holds.
pub(super) const REF_OPEN: char = '\u{1}';
const REF_CLOSE: char = '\u{2}';

/// What separates the parts of a file name made of values (`{id}.{version}.nupkg`,
/// `{package}-{version}.tgz`, `{source}_{version}_{arch}.deb`).
const REF_DELIMS: &[u8] = b".-_+~";

/// A path's last segment with the values of earlier segments it holds marked as references
/// to their places: NuGet's `humanizer.core.3.4.14.nupkg` under `/humanizer.core/3.4.14/`
/// is `⟨1⟩.⟨2⟩.nupkg` (and `humanizer.core.nuspec` `⟨1⟩.nuspec`), one name under every
/// package and version, so that their subtrees are alike; the templates write the
/// references back ([`expand_references`]): as the parameter where the segment is one
/// (`{id}.{version}.nupkg`), as the value where it stayed literal. A value counts whole,
/// between separators ([`REF_DELIMS`]), of two bytes or more (the longest first, then the
/// nearest). None when the segment holds none, is one value whole (`/users/1/1`: the
/// value is the segment's own), or reads as an id ([`param_reason`]). Bounded: a segment of at most 256 bytes, values of at most
/// 128.
pub(super) fn with_references(before: &[&str], last: &str) -> Option<String> {
    // (A segment that reads as an id on its own is one: `ref_AAwdfVAqFSspQe` under
    // `/git/ref/` holds the name before it by chance.)
    if last.len() > 256
        || last.contains([REF_OPEN, REF_CLOSE])
        || before.is_empty()
        || param_reason(last).is_some_and(|r| r != "file named by an id")
    {
        return None;
    }
    // The nearest eight segments (bounded work on a deep path).
    let nearest = before.len().saturating_sub(8);
    let mut cands: Vec<(usize, &str)> = before
        .iter()
        .enumerate()
        .skip(nearest)
        .filter(|(_, v)| (2..=128).contains(&v.len()) && **v != last && !v.contains([REF_OPEN, REF_CLOSE]))
        .map(|(j, v)| (j, *v))
        .collect();
    if cands.is_empty() {
        return None;
    }
    cands.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(b.0.cmp(&a.0)));
    let b = last.as_bytes();
    let (mut out, mut from, mut i, mut refs) = (String::new(), 0, 0, 0);
    while i < b.len() {
        let boundary = i == 0 || REF_DELIMS.contains(&b[i - 1]);
        let hit = boundary
            .then(|| {
                cands.iter().find(|(_, v)| {
                    b[i..].starts_with(v.as_bytes()) && b.get(i + v.len()).is_none_or(|c| REF_DELIMS.contains(c))
                })
            })
            .flatten();
        match hit {
            Some((j, v)) => {
                out.push_str(&last[from..i]);
                out.push(REF_OPEN);
                out.push_str(&j.to_string());
                out.push(REF_CLOSE);
                refs += 1;
                i += v.len();
                from = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&last[from..]);
    // A version left in the name is a value no segment holds (npm's
    // `/lodash/-/lodash-4.17.21.tgz`, Debian's `{source}_{version}.dsc` under `{source}`):
    // the name would be one of many, and two packages at one version would share it.
    let left: Vec<u8> = {
        let mut b = Vec::new();
        let mut inside = false;
        for c in out.bytes() {
            match c {
                1 => inside = true,
                2 => inside = false,
                _ if !inside => b.push(c),
                _ => {}
            }
        }
        b
    };
    let version = left.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    (refs > 0 && !version).then_some(out)
}

/// A learned template with the references [`with_references`] marked written back: each as
/// the text of the segment it names (a parameter, `{id}`, or a literal).
pub(super) fn expand_references(template: &str) -> String {
    if !template.contains(REF_OPEN) {
        return template.to_owned();
    }
    let segs: Vec<&str> = template.split('/').collect();
    let mut out = String::new();
    for (n, seg) in segs.iter().enumerate() {
        if n > 0 {
            out.push('/');
        }
        let mut rest = *seg;
        while let Some((lit, tail)) = rest.split_once(REF_OPEN) {
            out.push_str(lit);
            let (j, tail) = tail.split_once(REF_CLOSE).unwrap_or((tail, ""));
            // (`segs[0]` is the empty text before the first `/`.)
            match j.parse::<usize>().ok().and_then(|j| segs.get(j + 1)) {
                Some(s) if !s.contains(REF_OPEN) => out.push_str(s),
                _ => out.push_str(j),
            }
            rest = tail;
        }
        out.push_str(rest);
    }
    out
}

/// A path's segment `i` as the learner keys it: the last one without its format extension
/// ([`PathLearner::add_recorded`]), so that the names [`learn_templates_of`] holds meet the
/// trie's children.
fn as_keyed<'s>(segs: &[&'s str], i: usize) -> &'s str {
    let seg = segs[i];
    if i + 1 == segs.len() { split_extension(seg).map_or(seg, |(stem, _)| stem) } else { seg }
}

/// [`learn_templates`] for the services `wanted` holds.
fn learn_templates_of(
    contracts: &BTreeMap<EndpointKey, Contract>,
    templater: &mut Templater,
    limits: &Limits,
    wanted: &dyn Fn(&str) -> bool,
) {
    // Routes the user gave when endpoints were recorded hold where they are no longer given.
    let mut remembered: BTreeMap<String, Vec<Route>> = BTreeMap::new();
    let mut seen: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for (k, _) in contracts.iter().filter(|(k, c)| c.given && k.path != OVERFLOW_PATH) {
        if seen.insert((&k.service, &k.path))
            && let Ok(r) = Route::parse(&k.path)
        {
            remembered.entry(k.service.clone()).or_default().push(r);
        }
    }
    templater.set_remembered(remembered);
    // Error answers are not the endpoint's resource (one 404 shape for every endpoint).
    // Both readings of the shape: a literal seen once shows its optional fields or not.
    // Only a few optional fields, though: where most are (the contract of endpoints merged
    // on thin evidence, `/search` among the ids), what every body had is a core that other
    // resources share (`id`, `name`), not this endpoint's shape.
    let sigs_of = |k: &EndpointKey, c: &Contract| {
        let mut sigs: Vec<u64> = Vec::new();
        if (200..300).contains(&k.status)
            && let Some((whole, members)) = shape_signature(&c.response, false)
        {
            sigs.push(whole);
            if let Some((core, kept)) = shape_signature(&c.response, true)
                && core != whole
                && kept * 4 >= members * 3
            {
                sigs.push(core);
            }
        }
        sigs
    };
    let all_sigs: Vec<Vec<u64>> = contracts
        .iter()
        .map(|(k, c)| if wanted(&k.service) && k.path != OVERFLOW_PATH { sigs_of(k, c) } else { Vec::new() })
        .collect();
    // A path sampled into an endpoint, where an endpoint refining it (its template with some
    // of its parameters read as the path's literals) answers 2xx with another shape
    // (`/user/codespaces/secrets` recorded into `{codespace}`, or
    // `/repos/{owner}/{repo}/codespaces/machines` into `{codespace}` there, before each was
    // learned apart): what it answered there is not its answer, it gives the refinement's.
    // Kept, the stale sample vouches for the literal as one of the parameter's values at
    // every later learn (a merge of four sidecars' snapshots joined `secrets` into the
    // codespaces). Answering alike, both are evidence (an owner's repositories recorded
    // under its literal name, then under `{owner}`). Keyed by the template with its
    // parameters unnamed (`/repos/{}/{}/codespaces/machines`); the origin is the first
    // endpoint of that key. `literals` holds each literal segment of those templates with
    // its place, so that a path whose values are no literal anywhere looks nothing up.
    let is_param = |s: &str| param_parts(s).is_some();
    // A template's segments with its parameters unnamed, their affixes kept: `{}` and
    // `{}.json` are two endpoints' answers (`/Calls/{call}` and `/Calls/{call}.json`).
    let unnamed_of = |path: &str| -> Vec<String> {
        path.split('/')
            .map(|s| match param_parts(s) {
                Some((pre, _, suf)) => format!("{pre}{{}}{suf}"),
                None => s.to_owned(),
            })
            .collect()
    };
    let mut answers: std::collections::HashMap<(&str, &str, String), (Vec<u64>, u64)> =
        std::collections::HashMap::new();
    let mut literals: std::collections::HashSet<(&str, &str, usize, usize, &str)> = std::collections::HashSet::new();
    for ((k, _), sigs) in contracts.iter().zip(&all_sigs) {
        if (200..300).contains(&k.status) && wanted(&k.service) && k.path != OVERFLOW_PATH {
            let unnamed = unnamed_of(&k.path);
            for (i, seg) in k.path.split('/').enumerate().filter(|(_, s)| !is_param(s)) {
                literals.insert((k.service.as_str(), k.method.as_str(), unnamed.len(), i, seg));
            }
            let at = (k.service.as_str(), k.method.as_str(), unnamed.join("/"));
            answers.entry(at).or_insert_with(|| (Vec::new(), origin_of(&k.path))).0.extend(sigs);
        }
    }
    // Names the recorded endpoints hold as values of their parameters (a sampled path's
    // segment where the template has a parameter) or as literals of their templates: each
    // (service, name, template, as a value) once, so that one template's methods and
    // statuses count once. A sample that answered apart, or gives a refinement's answer
    // (above), is not the endpoint's value (`/user/codespaces/secrets` recorded into
    // `{codespace}`). See `known_values`.
    let mut held: BTreeMap<&str, std::collections::HashSet<(&str, &str, bool)>> = BTreeMap::new();
    for (k, _) in contracts.iter().filter(|(k, _)| k.path != OVERFLOW_PATH && wanted(&k.service)) {
        let held = held.entry(k.service.as_str()).or_default();
        let segs: Vec<&str> = k.path.split('/').collect();
        for i in (0..segs.len()).filter(|&i| !segs[i].is_empty() && !is_param(segs[i])) {
            held.insert((as_keyed(&segs, i), k.path.as_str(), false));
        }
    }
    let mut evidence: BTreeMap<&str, Vec<Evidence<'_>>> = BTreeMap::new();
    for ((k, c), sigs) in contracts.iter().zip(&all_sigs) {
        if k.path == OVERFLOW_PATH || c.paths.is_empty() || !wanted(&k.service) {
            continue;
        }
        // What a sampled path answers at a refinement of this endpoint that answers apart
        // (see `answers` above), with that endpoint as its origin: the first found, the
        // deepest parameter read as a literal first, then the most literal. Only a
        // refinement, whichever endpoint a router would pick: a sidecar's own bad join
        // (`/v1/customers/{}/{}/cloud-rust`, a source's name read as an endpoint's) is no
        // evidence against the endpoint it matches (`/v1/customers/{}/sources/{}`). Looked
        // up, not searched: at most 2^REFINED_PARAMS lookups for a path, none unless one of
        // its values is a literal at its place in some template.
        let mine = unnamed_of(&k.path);
        let params: Vec<usize> = (1..mine.len()).filter(|&i| is_param(&mine[i])).rev().take(REFINED_PARAMS).collect();
        // Sets of those parameters (bit j: `params[j]`), those holding the deepest first,
        // then the larger first.
        let mut sets: Vec<u32> = (1..1u32 << params.len()).collect();
        sets.sort_by_key(|&m| (m.trailing_zeros(), std::cmp::Reverse(m.count_ones()), m));
        let elsewhere = |p: &str| -> Option<(Vec<u64>, u64)> {
            let segs: Vec<&str> = p.split('/').collect();
            if sigs.is_empty() || segs.len() != mine.len() {
                return None;
            }
            let hot = params.iter().enumerate().fold(0u32, |m, (j, &i)| {
                let at = (k.service.as_str(), k.method.as_str(), segs.len(), i, segs[i]);
                if literals.contains(&at) { m | 1 << j } else { m }
            });
            let mut cand: Vec<&str> = mine.iter().map(String::as_str).collect();
            for &set in sets.iter().filter(|&&set| set & !hot == 0) {
                for (j, &i) in params.iter().enumerate() {
                    cand[i] = if set & (1 << j) != 0 { segs[i] } else { &mine[i] };
                }
                if let Some((theirs, there)) = answers.get(&(k.service.as_str(), k.method.as_str(), cand.join("/"))) {
                    // (One that answered nothing JSON tells nothing.)
                    let apart = !theirs.is_empty() && !theirs.iter().any(|s| sigs.contains(s));
                    return apart.then(|| (theirs.clone(), *there));
                }
            }
            None
        };
        // A path that kept what it answered ([`crate::PathSample::sig`]) gives that: a
        // literal recorded into a parameter before it was told apart answers as itself.
        let origin = origin_of(&k.path);
        let e = evidence.entry(k.service.as_str()).or_default();
        let template: Vec<&str> = k.path.split('/').collect();
        for (p, own, w) in sample_weights(c, limits.max_paths) {
            e.push(match own {
                Some(own) if !sigs.is_empty() => (p, vec![own], w, None),
                _ => match elsewhere(p) {
                    Some((theirs, there)) => (p, theirs, w, Some(there)),
                    None => {
                        // The endpoint's own value (a path of its template's shape).
                        let segs: Vec<&str> = p.split('/').collect();
                        if own.is_none()
                            && segs.len() == template.len()
                            && segs.iter().zip(&template).all(|(s, t)| is_param(t) || s == t)
                        {
                            let held = held.entry(k.service.as_str()).or_default();
                            for i in (0..segs.len()).filter(|&i| is_param(template[i])) {
                                held.insert((as_keyed(&segs, i), k.path.as_str(), true));
                            }
                        }
                        (p, sigs.clone(), w, Some(origin))
                    }
                },
            });
        }
        // And those the sample did not take (an open set's thousands of values leave a
        // literal among them to chance), once each.
        if !sigs.is_empty() {
            let sampled: std::collections::HashSet<&str> =
                c.paths.iter().map(|p| p.path.split('?').next().unwrap_or(&p.path)).collect();
            e.extend(
                answers_apart(c)
                    .into_iter()
                    .filter(|(p, _)| !sampled.contains(p))
                    .map(|(p, own)| (p, vec![own], 1, None)),
            );
        }
    }
    let learned: Vec<(String, crate::template::Explained)> = evidence
        .into_iter()
        .map(|(svc, paths)| {
            let mut learner = PathLearner::default();
            for (p, sigs, weight, origin) in paths {
                learner.add_recorded(p, &sigs, weight, origin);
            }
            if let Some(held) = held.get(svc) {
                learner.values = known_values(held);
            }
            (svc.to_owned(), learner.learn_explained(View::Partial))
        })
        .collect();
    for (svc, routes) in learned {
        templater.set_learned_explained(&svc, routes);
    }
}

#[cfg(test)]
mod tests;
