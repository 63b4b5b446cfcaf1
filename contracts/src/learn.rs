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
//! after the owners above are merged they see the union. Measured over a matrix of API
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
use crate::template::{OVERFLOW_PATH, Route, SegKind, Templater, name_params, param_reason};

mod similar;

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

/// The subtrees of a node's children laid over one another: how many of the children have
/// each path below them. A value seen once (`protection/enforce_admins` under the branch
/// `feature-login`) looks like one of an open set when its node is judged alone; if the
/// siblings (`master`, `main`) or an ancestor's siblings hold the same name at the same place,
/// it is an endpoint's name. That tells endpoint names from values on a partial view, before
/// the branch names above are merged (a sidecar's first relearns).
#[derive(Debug, Default)]
struct Echo {
    /// How many of the children have this path.
    count: usize,
    lits: BTreeMap<String, Echo>,
    param: Option<Box<Echo>>,
}

impl Echo {
    /// Lays one child's subtree over the echo.
    fn add(&mut self, n: &Node) {
        for (k, v) in &n.lits {
            let e = self.lits.entry(k.clone()).or_default();
            e.count += 1;
            e.add(v);
        }
        if let Some(p) = &n.param {
            let e = self.param.get_or_insert_with(Box::default);
            e.count += 1;
            e.add(p);
        }
    }
}

/// What learning needs besides a node: the view, and the response shapes that say nothing
/// about which endpoint answered (see [`Node::generic_sigs`]).
struct Cx {
    view: View,
    generic: std::collections::HashSet<u64>,
    /// Names heading a collection at the top and deeper (see [`Node::collections`]).
    collections: std::collections::HashSet<String>,
    /// Prints each merge (`MOCKDRIFT_LEARN_DEBUG`), for working on the rules.
    debug: bool,
}

#[derive(Debug, Default)]
struct Node {
    /// Paths ending here.
    ends: usize,
    /// Paths through or ending here.
    count: usize,
    /// Literal children.
    lits: Lits,
    /// The parameter child.
    param: Option<Box<Node>>,
    /// Signatures of the response bodies of paths ending here ([`body_signature`]).
    sigs: std::collections::BTreeSet<u64>,
    /// A parameter that took in literal values (names such as `octocat`), not only ids.
    slug: bool,
    /// Of the values merged into a parameter above, how many had this node (0: none merged
    /// yet, one path). A name under several of them is an endpoint's, not a value of an open
    /// set (see `to_merge`).
    spread: usize,
    /// Of a parameter: how many literal values were merged into it.
    values: usize,
    /// Of a parameter learned from values: the rule that merged them, with its counts.
    why: Option<String>,
}

/// A node's literal children, sorted by name in one vector: a trie of many small nodes
/// costs what its entries take (a `BTreeMap` allocates room for eleven on its first).
#[derive(Debug, Default)]
struct Lits(Vec<(String, Node)>);

impl Lits {
    fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    fn get(&self, k: &str) -> Option<&Node> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    fn get_mut(&mut self, k: &str) -> Option<&mut Node> {
        self.find(k).ok().map(|i| &mut self.0[i].1)
    }

    fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_ok()
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn entry_or_default(&mut self, k: &str) -> &mut Node {
        let i = match self.find(k) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (k.to_owned(), Node::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    fn remove(&mut self, k: &str) -> Option<Node> {
        self.find(k).ok().map(|i| self.0.remove(i).1)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.0.iter().map(|(k, n)| (k, n))
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    fn values(&self) -> impl Iterator<Item = &Node> {
        self.0.iter().map(|(_, n)| n)
    }
}

impl<'a> IntoIterator for &'a Lits {
    type Item = (&'a String, &'a Node);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, Node)>, fn(&'a (String, Node)) -> (&'a String, &'a Node)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, n)| (k, n))
    }
}

impl<'a> IntoIterator for &'a mut Lits {
    type Item = (&'a String, &'a mut Node);
    type IntoIter = std::iter::Map<
        std::slice::IterMut<'a, (String, Node)>,
        fn(&'a mut (String, Node)) -> (&'a String, &'a mut Node),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut().map(|(k, n)| (&*k, n))
    }
}

impl IntoIterator for Lits {
    type Item = (String, Node);
    type IntoIter = std::vec::IntoIter<(String, Node)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The most literal children a node keeps. A position with more distinct values than this
/// is an open set whatever else is seen: the values seen so far, but for the few that carry a
/// large share of the node's paths (endpoint names such as `/users/me`), go into the
/// parameter, and so do the values seen after. This bounds the trie by the API's endpoints,
/// not by its distinct paths (a million user names under `/users/` are one node).
pub const MAX_CHILDREN: usize = 512;

/// The most skeletons of a subtree compared with its siblings' (see `Node::skeletons`).
const MAX_SHAPE: usize = 1024;

/// The most body signatures kept at a node (the smallest): enough to see that two siblings
/// share one, where a nullable field gives an endpoint several.
const MAX_SIGS: usize = 32;

/// The deepest path learned from, in segments; deeper paths (never an API's, but a hostile
/// client's) are left to the value patterns.
pub const MAX_SEGMENTS: usize = 64;

impl Node {
    /// Adds a path seen `weight` times.
    fn insert(&mut self, segs: &[&str], sig: Option<u64>, weight: usize, cap: usize) {
        let mut node = self;
        for first in segs {
            node.count += weight;
            node = if param_reason(first).is_some() {
                node.param.get_or_insert_with(Box::default)
            } else if node.lits.contains_key(first) {
                node.lits.get_mut(first).expect("just seen")
            } else if node.lits.len() >= cap {
                node.saturate();
                node.param.get_or_insert_with(Box::default)
            } else {
                node.lits.entry_or_default(first)
            };
        }
        node.count += weight;
        node.ends += weight;
        node.add_sigs(sig);
    }

    /// The response shapes seen at paths of several depths: an error shape or an envelope
    /// that many endpoints share, not one resource's. Sibling values answer at one depth.
    fn generic_sigs(&self) -> std::collections::HashSet<u64> {
        fn walk(n: &Node, depth: usize, at: &mut std::collections::HashMap<u64, u64>) {
            for s in &n.sigs {
                *at.entry(*s).or_default() |= 1 << depth.min(63);
            }
            for child in n.lits.values().chain(n.param.as_deref()) {
                walk(child, depth + 1, at);
            }
        }
        let mut at = std::collections::HashMap::new();
        walk(self, 0, &mut at);
        at.into_iter().filter(|(_, depths)| depths.count_ones() > 1).map(|(s, _)| s).collect()
    }

    /// The names that head a collection (a node with a parameter or [`MIN_VARIETY`] literal
    /// children below it) at the top of the API and deeper: `enterprises` in `/enterprises/{e}`
    /// and in `/scim/v2/enterprises/{e}`. Such a name is an endpoint's, even where a sibling has the
    /// same subtree (`/scim/v2/organizations/{org}`): an API mirrors its parts.
    fn collections(&self) -> std::collections::HashSet<String> {
        fn walk(n: &Node, depth: usize, at: &mut std::collections::HashMap<String, u64>) {
            for (k, child) in &n.lits {
                if child.param.is_some() || child.lits.len() >= MIN_VARIETY {
                    *at.entry(k.clone()).or_default() |= 1 << depth.min(63);
                }
                walk(child, depth + 1, at);
            }
            if let Some(p) = &n.param {
                walk(p, depth + 1, at);
            }
        }
        let mut at = std::collections::HashMap::new();
        walk(self, 0, &mut at);
        // At the top (depth 0: a resource of the API's own) and somewhere else: a value of a
        // parameter (an owner's name heading its repositories) is seldom a top-level name.
        at.into_iter().filter(|(_, depths)| depths & 1 == 1 && depths.count_ones() > 1).map(|(k, _)| k).collect()
    }

    /// Nodes in this subtree.
    fn size(&self) -> usize {
        1 + self.lits.values().map(Node::size).sum::<usize>() + self.param.as_ref().map_or(0, |p| p.size())
    }

    /// Saturates every node of this subtree with more than `cap` literal children.
    fn saturate_above(&mut self, cap: usize) {
        if self.lits.len() > cap {
            self.saturate();
        }
        for (_, child) in &mut self.lits {
            child.saturate_above(cap);
        }
        if let Some(p) = &mut self.param {
            p.saturate_above(cap);
        }
    }

    /// Keeps the [`MAX_SIGS`] smallest signatures seen: the same ones whatever the order of
    /// the traffic.
    fn add_sigs(&mut self, sigs: impl IntoIterator<Item = u64>) {
        for sig in sigs {
            self.sigs.insert(sig);
            if self.sigs.len() > MAX_SIGS {
                self.sigs.pop_last();
            }
        }
    }

    /// Folds the literal children into the parameter, but for those with a twentieth or more
    /// of the paths through this node (at most twenty): the node has more distinct values than
    /// [`MAX_CHILDREN`].
    fn saturate(&mut self) {
        let count = self.count;
        let values: Vec<String> =
            self.lits.iter().filter(|(_, n)| n.count * 20 < count).map(|(k, _)| k.clone()).collect();
        let param = self.param.get_or_insert_with(Box::default);
        param.slug = true;
        for k in values {
            if let Some(n) = self.lits.remove(&k) {
                param.absorb(n);
            }
        }
    }

    /// Adds `other` into `self`.
    fn absorb(&mut self, other: Node) {
        self.spread = if self.count == 0 { other.spread.max(1) } else { self.spread.max(1) + other.spread.max(1) };
        self.ends += other.ends;
        self.count += other.count;
        self.values += other.values;
        self.slug |= other.slug;
        if self.why.is_none() {
            self.why = other.why;
        }
        self.add_sigs(other.sigs);
        for (k, v) in other.lits {
            if !self.lits.contains_key(&k) && self.lits.len() >= MAX_CHILDREN {
                self.saturate();
                self.param.get_or_insert_with(Box::default).absorb(v);
            } else {
                self.lits.entry_or_default(&k).absorb(v);
            }
        }
        if let Some(p) = other.param {
            self.param.get_or_insert_with(Box::default).absorb(*p);
        }
    }

    /// The skeletons of the paths below (`x/{}/y`), for comparing subtrees.
    /// At most [`MAX_SHAPE`] of them, the first in the trie's order: siblings of one
    /// structure give the same ones, and a subtree of many unmerged values (a million user
    /// names before they are judged) costs no more than that to compare.
    fn skeletons(&self, prefix: &str, out: &mut Vec<String>) {
        if out.len() >= MAX_SHAPE {
            return;
        }
        if self.ends > 0 {
            out.push(prefix.to_owned());
        }
        for (k, v) in &self.lits {
            if out.len() >= MAX_SHAPE {
                return;
            }
            v.skeletons(&format!("{prefix}/{k}"), out);
        }
        if let Some(p) = &self.param {
            p.skeletons(&format!("{prefix}/{{}}"), out);
        }
    }

    /// The templates below, parameters named by [`name_params`] from their kind.
    /// With each template, why each of its parameters learned from values is one (by name).
    fn templates<'a>(&'a self, prefix: &mut Vec<(String, SegKind, Option<&'a str>)>, out: &mut Vec<Explained>) {
        if self.ends > 0 {
            let t = name_params(prefix.iter().map(|(s, k, _)| (s.as_str(), *k)));
            let names = t.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')));
            let params = prefix.iter().filter(|(_, k, _)| *k != SegKind::Literal);
            let why = names.zip(params).filter_map(|(n, (_, _, w))| w.map(|w| (n.to_owned(), w.to_owned()))).collect();
            out.push((t, why));
        }
        for (k, v) in &self.lits {
            prefix.push((k.clone(), SegKind::Literal, None));
            v.templates(prefix, out);
            prefix.pop();
        }
        if let Some(p) = &self.param {
            prefix.push((String::new(), if p.slug { SegKind::Slug } else { SegKind::Id }, p.why.as_deref()));
            p.templates(prefix, out);
            prefix.pop();
        }
    }

    /// Learns this subtree, children first; judges open sets only at nodes with at least
    /// `min_count` paths through them (structure and response shapes at every node). `echoes` are this node's place in each ancestor's [`Echo`]; on a
    /// [`View::Whole`] there are none.
    fn learn(&mut self, min_count: usize, echoes: &[&Echo], cx: &Cx, at: &str) {
        let mut echo = Echo::default();
        if cx.view == View::Partial {
            for child in self.lits.values().chain(self.param.as_deref()) {
                echo.add(child);
            }
        }
        for (k, child) in &mut self.lits {
            let inner: Vec<&Echo> = echoes.iter().filter_map(|e| e.lits.get(k)).chain([&echo]).collect();
            let below = if cx.debug { format!("{at}/{k}") } else { String::new() };
            child.learn(min_count, &inner, cx, &below);
        }
        if let Some(p) = &mut self.param {
            let inner: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).chain([&echo]).collect();
            let below = if cx.debug { format!("{at}/{{}}") } else { String::new() };
            p.learn(min_count, &inner, cx, &below);
        }
        // Below the pass's evidence, only structure and response shapes merge: an open set
        // judged on a few paths is what the passes wait for (see `PathLearner::learn`).
        let open = self.count >= min_count;
        // Children that a sibling of this node, or of one of its ancestors, also has at the
        // same place: endpoint names, not values (`protection/enforce_admins` under the
        // branches `main` and `feature-login`, `status` under `commits/{sha}` and
        // `commits/main`). The price: a small set of values shared by sibling endpoints stays
        // literal on thin evidence (`/tarball/main` and `/zipball/main`).
        // On a partial view, so are children that several values merged above had.
        let recurs = |k: &String, n: &Node| {
            echoes.iter().any(|e| e.lits.get(k).is_some_and(|x| x.count >= 2))
                || (cx.view == View::Partial && n.spread >= 2)
        };
        let recurring = self.lits.iter().filter(|(k, n)| recurs(k, n)).count();
        let (merge, why) = self.to_merge(recurring, open, cx);
        if merge.is_empty() {
            // Values merged in an earlier pass: literals left beside them are judged again
            // (a rare value whose subtree the parameter's has come to hold since).
            if let Some(mut param) = self.param.take() {
                if param.values > 0 && self.lits.len() > 0 {
                    let typical = (4 * param.ends / param.values).max(MIN_VARIETY);
                    let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
                    self.join_leftovers(&mut param, typical, min_count, &above, cx, at);
                }
                self.param = Some(param);
            }
            return;
        }
        if cx.debug {
            eprintln!("learn: {at}/{{}} <- {merge:?}: {why} (min {min_count}, open {open}, recurring {recurring})");
        }
        let mut param = self.param.take().map_or_else(Node::default, |p| *p);
        param.slug = true;
        let mut value_ends: Vec<usize> = Vec::new();
        for k in merge {
            if let Some(n) = self.lits.remove(&k) {
                if n.ends > 0 {
                    value_ends.push(n.ends);
                }
                param.values += 1;
                param.absorb(n);
            }
        }
        // Counts only: the values are raw path segments, and this text is stored with the
        // contract (redacted samples are the contract's `paths`).
        param.why = Some(format!("{why}: {} values merged, {} requests", param.values, param.count));
        // The union may hold a parameter the parts did not show. Its values' subtrees are one
        // now, so only the ancestors' echoes are passed down. On a partial view, a name under
        // two or more of the merged values still counts as recurring (`spread`): that keeps a
        // sidecar's `protection/{enforce_admins,restrictions}` under two branches apart, at
        // the price of a repository name forked under two owners (`/repos/a/linux`,
        // `/repos/b/linux`) counting as an endpoint's name there.
        let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
        param.learn(min_count, &above, cx, &format!("{at}/{{}}"));
        // A literal left beside the parameter stays one only with evidence of an endpoint of
        // its own: a subtree of its own, a response shape of its own, or far more requests
        // than a value gets (`/customers/search`, `/users/me`). Without any (a rare value
        // seen at the parameter's own paths only: `/repos/acme/spark-9`), it is one more
        // value; so is one whose subtree is the parameter's, however often it is seen.
        value_ends.sort_unstable();
        let typical = value_ends.get(value_ends.len() / 2).map_or(MIN_VARIETY, |m| (m * 4).max(MIN_VARIETY));
        self.join_leftovers(&mut param, typical, min_count, &above, cx, at);
        self.param = Some(Box::new(param));
    }

    /// Moves into `param` the literal children without evidence of an endpoint of their own
    /// (ends at most `typical`, paths and response shapes the parameter's), or whose subtree
    /// is the parameter's, and learns the parameter again if any joined.
    fn join_leftovers(
        &mut self,
        param: &mut Node,
        typical: usize,
        min_count: usize,
        above: &[&Echo],
        cx: &Cx,
        at: &str,
    ) {
        let mut param_skeletons = Vec::new();
        param.skeletons("", &mut param_skeletons);
        let param_skeletons = SkelTrie::new(&param_skeletons);
        let param_shape = param.shape();
        let values: Vec<String> = self
            .lits
            .iter()
            .filter(|(_, n)| {
                param_shape.as_ref().is_some_and(|s| n.shape().is_some_and(|ns| alike_shapes(&ns, s)))
                    || (n.ends <= typical && n.has_no_own_evidence(param, &param_skeletons, cx))
            })
            .map(|(k, _)| k.clone())
            .collect();
        if !values.is_empty() {
            if cx.debug {
                eprintln!("learn: {at}/{{}} <- {values:?} (left without evidence of their own)");
            }
            let joined = values.len();
            for k in values {
                if let Some(n) = self.lits.remove(&k) {
                    param.values += 1;
                    param.absorb(n);
                }
            }
            if let Some(w) = &mut param.why {
                w.push_str(&format!("; {joined} more without evidence of an endpoint of their own"));
            }
            param.learn(min_count, above, cx, &format!("{at}/{{}}"));
        }
    }

    /// Whether nothing tells this literal child from the values of the `param` beside it:
    /// its paths are among the parameter's (`skeletons`) and its response shapes are the
    /// parameter's or generic.
    fn has_no_own_evidence(&self, param: &Node, skeletons: &SkelTrie, cx: &Cx) -> bool {
        let mut mine = Vec::new();
        self.skeletons("", &mut mine);
        mine.iter().all(|k| skeletons.holds(k, false))
            && self.sigs.iter().all(|s| cx.generic.contains(s) || param.sigs.contains(s))
    }

    /// The literal children that are values of one parameter, if they are. `recurring` of
    /// them recur under siblings (see [`Echo`]); an open set is judged only when `open`.
    fn to_merge(&self, recurring: usize, open: bool, cx: &Cx) -> (Vec<String>, &'static str) {
        let d = self.lits.len() + usize::from(self.param.is_some());
        if d < 2 {
            return (Vec::new(), "");
        }
        let once = self.lits.values().filter(|n| n.count == 1).count();
        // An open set: many values, most seen once. A value seen far more often than the
        // others, and often overall, stays literal (`/users/me`), unless its subtree is like
        // the others' (see `learn`).
        // Values merged already (by structure) count toward the variety.
        let merged = self.param.as_ref().map_or(0, |p| p.values);
        if open
            && self.lits.len() + merged >= MIN_VARIETY
            && once as f64 >= OPEN_SHARE * self.lits.len() as f64
            && (recurring as f64) < RECUR_SHARE * self.lits.len() as f64
        {
            let typical = typical_count(self);
            // A child answering with a response shape that no sibling gives is an endpoint of
            // its own (`/user/login` beside user names, however few times it was seen).
            let mut sig_count: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
            for n in self.lits.values().chain(self.param.as_deref()) {
                for s in n.sigs.iter().filter(|s| !cx.generic.contains(s)) {
                    *sig_count.entry(*s).or_default() += 1;
                }
            }
            let own_shape = |n: &Node| {
                let mut specific = n.sigs.iter().filter(|s| !cx.generic.contains(s)).peekable();
                specific.peek().is_some() && specific.all(|s| sig_count.get(s) == Some(&1))
            };
            // (Values merged already stand for several children.)
            let shared = sig_count.values().any(|&c| c >= 2)
                || self.param.as_ref().is_some_and(|p| p.values >= 2 && p.sigs.iter().any(|s| !cx.generic.contains(s)));
            let open_set = self
                .lits
                .iter()
                .filter(|(_, n)| (n.count <= typical || n.count * 20 < self.count) && !(shared && own_shape(n)))
                .map(|(k, _)| k.clone())
                .collect();
            return (open_set, "an open set: many values, most seen once");
        }
        // Structure: children whose subtrees are the same endpoints are values of one
        // parameter (`pulls`, `issues/{}`, `branches/{}/protection` under every repository).
        // A value seen less has seen fewer of them: its subtree is compared by how much of it
        // the other's holds (see `alike_subtrees`), so a hot value and a rare one are alike.
        // Siblings are compared by their distinct shapes, so that many values of one shape
        // (the common case: a slug's subtree) cost one comparison each, not one per pair.
        let mut kinds: Vec<Option<Vec<String>>> = Vec::new();
        let mut of_kind: std::collections::HashMap<Option<Vec<String>>, usize> = std::collections::HashMap::new();
        // The parameter child (no name) is compared too: a literal alike with it is a value.
        let children: Vec<(Option<&String>, &Node, usize)> = self
            .lits
            .iter()
            .map(|(k, n)| (Some(k), n))
            .chain(self.param.as_deref().map(|p| (None, p)))
            .map(|(k, n)| {
                let shape = n.shape();
                let next = kinds.len();
                let kind = *of_kind.entry(shape.clone()).or_insert(next);
                if kind == next {
                    kinds.push(shape);
                }
                (k, n, kind)
            })
            .collect();
        let mut members = vec![0usize; kinds.len()];
        for (_, _, kind) in &children {
            members[*kind] += 1;
        }
        let tries: Vec<Option<SkelTrie>> = kinds.iter().map(|k| k.as_ref().map(SkelTrie::new)).collect();
        // Whether the members of a shape each answer with a specific response shape of their
        // own (two or more members, no shape shared).
        let mut shapes_of: Vec<(std::collections::BTreeSet<u64>, usize)> = vec![Default::default(); kinds.len()];
        for (_, n, kind) in &children {
            let specific: Vec<u64> = n.sigs.iter().copied().filter(|s| !cx.generic.contains(s)).collect();
            if !specific.is_empty() {
                shapes_of[*kind].0.extend(specific);
                shapes_of[*kind].1 += 1;
            }
        }
        let own_shapes: Vec<bool> = shapes_of.iter().map(|(s, n)| *n >= 2 && s.len() >= *n).collect();
        // Each shape is compared with itself and with the largest ones (a rare value's with a
        // hot value's): bounded work however many values a node has.
        let mut largest: Vec<usize> = (0..kinds.len()).filter(|&i| kinds[i].is_some()).collect();
        largest.sort_by_key(|&i| (std::cmp::Reverse(kinds[i].as_ref().map_or(0, Vec::len)), i));
        largest.truncate(COMPARED);
        // Shapes linked when alike; the largest group of linked members is the parameter's.
        // One more group member stands for the union of all subtrees: a value seen less than
        // there are endpoints below it sees a few of them, but all of them are seen under
        // other values (a client's fourteen organizations, fifty requests each).
        let union = kinds.len();
        let mut group: Vec<usize> = (0..=union).collect();
        fn root(group: &mut [usize], mut i: usize) -> usize {
            while group[i] != i {
                group[i] = group[group[i]];
                i = group[i];
            }
            i
        }
        let mut linked = vec![false; kinds.len()];
        let mut leaf_alike = vec![false; kinds.len()];
        for (i, a) in kinds.iter().enumerate() {
            let (Some(a), Some(ta)) = (a, &tries[i]) else { continue };
            for &j in largest.iter().chain([&i]) {
                let (Some(b), Some(tb)) = (&kinds[j], &tries[j]) else { continue };
                if i == j && members[i] < 2 {
                    continue;
                }
                // The same subtree under many siblings is one parameter's however shallow
                // (`/{dataset}/{version}/fields` for four versions), unless they answer with
                // shapes of their own (`/prices/search`, `/products/search`, ...).
                if alike_subtrees(a, ta, b, tb) || i == j && members[i] >= MIN_VARIETY && !own_shapes[i] {
                    linked[i] = true;
                    linked[j] = true;
                    let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                    group[ri] = rj;
                }
                if alike_leaves(a, b) {
                    leaf_alike[i] = true;
                    leaf_alike[j] = true;
                }
            }
        }
        if kinds.len() > 2 {
            let all = SkelTrie::weighted(
                kinds
                    .iter()
                    .zip(&members)
                    .filter_map(|(k, &m)| k.as_ref().map(|k| (k, m)))
                    .flat_map(|(k, m)| k.iter().map(move |s| (s, m))),
            );
            for (i, a) in kinds.iter().enumerate() {
                let Some(a) = a else { continue };
                let held: Vec<&String> = a.iter().filter(|k| all.holds_other(k, members[i])).collect();
                if held.len() >= 2
                    && held.iter().any(|k| k.matches('/').count() >= 2)
                    && held.len() as f64 >= UNION_CONTAINED * a.len() as f64
                {
                    linked[i] = true;
                    let (ri, ru) = (root(&mut group, i), root(&mut group, union));
                    group[ri] = ru;
                }
            }
        }
        // The same children beneath each, seen whole only across them: three or more names
        // below a child, most of them below other children too (`hooks`, `members`, `teams`
        // under each organization, whatever values lie deeper).
        let mut below: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (_, n, _) in &children {
            for k in n.lits.keys() {
                *below.entry(k.as_str()).or_default() += 1;
            }
        }
        for (k, n, kind) in &children {
            if k.is_none() || n.lits.len() < 3 || children.len() < 3 {
                continue;
            }
            let held: Vec<&Node> =
                n.lits.iter().filter(|(k, _)| below.get(k.as_str()).is_some_and(|&c| c >= 2)).map(|(_, c)| c).collect();
            // Endpoint names with endpoints below them, not an enumeration's values shared as
            // leaves (`main`, `develop` under `/git/ref`, `/git/refs`, `/git/matching-refs`).
            let inner = held.iter().filter(|c| c.lits.len() > 0 || c.param.is_some()).count();
            if inner >= 2 && held.len() as f64 >= UNION_CONTAINED * n.lits.len() as f64 {
                linked[*kind] = true;
                let (ri, ru) = (root(&mut group, *kind), root(&mut group, union));
                group[ri] = ru;
            }
        }
        let mut size: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (i, &m) in members.iter().enumerate() {
            if linked[i] {
                *size.entry(root(&mut group, i)).or_default() += m;
            }
        }
        // The paths through each group's members.
        let mut weight: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (_, n, k) in &children {
            if linked[*k] {
                *weight.entry(root(&mut group, *k)).or_default() += n.count;
            }
        }
        // Values are most of a node's children, or carry most of its paths (a hot value and
        // rare ones), and all alike; endpoint names alike in pairs (an API's mirrored parts:
        // `/orgs/{}/audit-log`, `/enterprises/{}/audit-log`) are a few among many different
        // ones. So the group must be half or more of the children with enough below them to
        // compare (two paths or more), or be three or more carrying half or more of the paths.
        let comparable = children.iter().filter(|(_, _, k)| kinds[*k].as_ref().is_some_and(|s| s.len() >= 2)).count();
        let best = size
            .into_iter()
            .filter(|&(r, n)| {
                n >= 2 && n * 2 >= comparable || n >= 3 && weight.get(&r).is_some_and(|&w| w * 2 >= self.count)
            })
            .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
            .map(|(r, _)| r);
        let in_best: Vec<Option<&String>> = match best {
            Some(r) => children
                .iter()
                .filter(|(_, _, k)| linked[*k] && root(&mut group, *k) == r)
                .map(|(k, _, _)| *k)
                .collect(),
            None => Vec::new(),
        };
        // With the parameter in the group, one literal alike with it is enough.
        let with_param = usize::from(in_best.contains(&None));
        let mut alike: Vec<&String> = in_best.into_iter().flatten().collect();
        // A few alike names of which one heads a collection elsewhere too are an API's
        // mirrored parts, not values.
        if with_param == 0 && alike.len() < MIN_VARIETY && alike.iter().any(|k| cx.collections.contains(*k)) {
            alike.clear();
        }
        // Bodies: children answering with one shape are values of one parameter (`/pet/{id}`
        // beside `/pet/findByStatus`), unless the shape is generic: seen at several depths,
        // it is an envelope or an error shape, and says nothing about the endpoint.
        let structural = !alike.is_empty() || with_param == 1;
        // The shapes of the endpoints one segment below count too (`/tickets/{id}/qr`).
        let mut by_sig: std::collections::BTreeMap<u64, Vec<&String>> = std::collections::BTreeMap::new();
        for (k, n, _) in &children {
            let Some(k) = k else { continue };
            for s in n.answers(cx) {
                by_sig.entry(s).or_default().push(k);
            }
        }
        let informative = |ks: &Vec<&String>| ks.len() >= 2;
        if !alike.is_empty() {
            // Children answering as the structure's values do join them (a rare value seen
            // at the parameter's own path only).
            let sigs: std::collections::BTreeSet<u64> =
                alike.iter().filter_map(|k| self.lits.get(k)).flat_map(|n| n.answers(cx)).collect();
            for (sig, ks) in &by_sig {
                if sigs.contains(sig) && informative(ks) {
                    alike.extend(ks.iter().copied());
                }
            }
        } else {
            let mut classes: Vec<&Vec<&String>> = by_sig.values().filter(|ks| informative(ks)).collect();
            classes.sort_unstable();
            classes.dedup();
            classes.sort_by_key(|ks| std::cmp::Reverse(ks.len()));
            // The largest class, when no other is as large (`findByStatus` and `findByTags`
            // answer with one list shape, as two values do with an item).
            if let Some(first) = classes.first()
                && classes.get(1).is_none_or(|second| second.len() < first.len())
            {
                alike.extend(first.iter().copied());
            }
        }
        alike.sort_unstable();
        alike.dedup();
        if alike.len() + with_param >= 2 {
            let why = if structural { "alike subtrees" } else { "one response shape" };
            return (alike.into_iter().cloned().collect(), why);
        }
        let leaves_alike: Vec<String> =
            children.iter().filter(|(_, _, k)| leaf_alike[*k]).filter_map(|(k, _, _)| k.cloned()).collect();
        if leaves_alike.len() >= MIN_VARIETY { (leaves_alike, "the same endpoints below") } else { (Vec::new(), "") }
    }

    /// The response shapes this node and its literal children answer with, but generic ones:
    /// a child's marked with its name.
    fn answers(&self, cx: &Cx) -> Vec<u64> {
        use std::hash::{Hash, Hasher};
        let mut out: Vec<u64> = self.sigs.iter().copied().filter(|s| !cx.generic.contains(s)).collect();
        for (k, child) in &self.lits {
            for s in child.sigs.iter().filter(|s| !cx.generic.contains(s)) {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (k, s).hash(&mut h);
                out.push(h.finish());
            }
        }
        out
    }

    /// The skeletons below this node that hold a literal segment, sorted; None for a leaf or
    /// a subtree of parameters only (`/{}`: a collection's item, which every collection has).
    fn shape(&self) -> Option<Vec<String>> {
        let mut s = Vec::new();
        self.skeletons("", &mut s);
        s.retain(|k| k.split('/').skip(1).any(|seg| seg != "{}"));
        s.sort_unstable();
        (!s.is_empty()).then_some(s)
    }
}

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
}

impl Default for PathLearner {
    fn default() -> Self {
        Self { root: Node::default(), cap: MAX_CHILDREN, since_check: 0 }
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
        let p = path.split('?').next().unwrap_or(path);
        let segs: Vec<&str> = p.split('/').skip(1).take(MAX_SEGMENTS + 1).collect();
        if segs.len() > MAX_SEGMENTS {
            return;
        }
        self.root.insert(&segs, sig, weight.max(1), self.cap);
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
            debug: std::env::var_os("MOCKDRIFT_LEARN_DEBUG").is_some(),
        };
        // Coarse to fine: judge the nodes with the most evidence first. A node deep in one
        // owner's subtree sees a handful of paths (`/commits/feature-login/{check-runs,status}`
        // once each looks like an open set); once the owners above are merged, the union shows
        // those are endpoint names under a branch parameter. So each pass only merges at nodes
        // with at least a quarter of the previous pass's evidence, and the last at every node.
        let mut min_count = root.count / LEARN_STEP;
        while min_count > 1 {
            root.learn(min_count, &[], &cx, "");
            min_count /= LEARN_STEP;
        }
        root.learn(0, &[], &cx, "");
        let mut templates = Vec::new();
        // `/repos/{}/{}/pulls/{}` → `/repos/{owner}/{repo}/pulls/{pull_id}`.
        root.templates(&mut Vec::new(), &mut templates);
        templates.into_iter().filter_map(|(t, why)| Route::parse(&t).ok().map(|r| (r, why))).collect()
    }
}

/// The shape of a JSON response body, for comparing siblings: the sorted member names and
/// value kinds of an object (of an array's first object), hashed. None for bodies too small to
/// tell endpoints apart (not JSON, scalars, objects with fewer than two members).
///
/// Read with the pull parser, nothing built: the body is validated whole, but only the
/// members of the one object are kept.
pub fn body_signature(body: &[u8]) -> Option<u64> {
    use crate::json::{Event, Parser};
    use std::hash::{Hash, Hasher};
    let mut p = Parser::new(body).ok()?;
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
    while let Some(ev) = p.next().ok()? {
        if p.depth() < at {
            break;
        }
        let kind = match ev {
            Event::Key(k) if p.depth() == at => {
                key = Some(k.into_owned());
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
            members.push((k, kind));
        }
    }
    // The rest of the document must be valid too.
    while p.next().ok()?.is_some() {}
    // As a map would hold them: sorted, the last of a repeated name.
    members.reverse();
    members.sort_by(|a, b| a.0.cmp(&b.0));
    members.dedup_by(|a, b| a.0 == b.0);
    if members.len() < 2 && !array {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    array.hash(&mut h);
    for (k, kind) in &members {
        k.hash(&mut h);
        kind.hash(&mut h);
    }
    Some(h.finish())
}

/// [`body_signature`] of a recorded response shape: its object's (or its array items'
/// object's) field names and kinds.
fn shape_signature(shape: &Shape) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let (obj, array) = match (&shape.object, &shape.array) {
        (Some(o), _) => (o, false),
        (None, Some(a)) => (a.items.object.as_ref()?, true),
        _ => return None,
    };
    if obj.fields.len() < 2 && !array {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    array.hash(&mut h);
    for (k, f) in &obj.fields {
        k.hash(&mut h);
        f.shape.kinds().first().map(|k| k.name()).hash(&mut h);
    }
    Some(h.finish())
}

/// A template, and why each of its parameters learned from values is one, by name.
type Explained = (String, Vec<(String, String)>);

/// A sample path, its response shape's signature, and how many exchanges it stands for.
type Evidence<'a> = (&'a str, Option<u64>, usize);

/// Each of the endpoint's sampled paths (queries left off) with how many of its exchanges it
/// stands for: the exchanges of one distinct path (with its query), not a share of the
/// sample. Over the sample, a template seen with thousands of paths, most once, had each
/// sample look seen hundreds of times, and values seen once are what an open set is made of:
/// with more traffic, a sidecar merged less and less (12 % precision at 32 requests per
/// endpoint). A path sampled several times came with many queries (`/users/me?page=...`), and
/// stands for its share of the distinct paths: otherwise a literal with varied queries looks
/// seen a handful of times and joins the ids beside it.
fn sample_weights(c: &Contract, k: usize) -> Vec<(&str, usize)> {
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
            (p, (per_path * paths).round().max(1.0) as usize)
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
    let mut evidence: BTreeMap<&str, Vec<Evidence<'_>>> = BTreeMap::new();
    for (k, c) in contracts.iter() {
        if k.path == OVERFLOW_PATH || c.paths.is_empty() {
            continue;
        }
        // Error answers are not the endpoint's resource (one 404 shape for every endpoint).
        let sig = if (200..300).contains(&k.status) { shape_signature(&c.response) } else { None };
        let e = evidence.entry(k.service.as_str()).or_default();
        e.extend(sample_weights(c, limits.max_paths).into_iter().map(|(p, w)| (p, sig, w)));
    }
    let learned: Vec<(String, crate::template::Explained)> = evidence
        .into_iter()
        .map(|(svc, paths)| {
            let mut learner = PathLearner::default();
            for (p, sig, weight) in paths {
                learner.add(p, sig, weight);
            }
            (svc.to_owned(), learner.learn_explained(View::Partial))
        })
        .collect();
    for (svc, routes) in learned {
        templater.set_learned_explained(&svc, routes);
    }
    let mut moves = Vec::new();
    for (k, c) in contracts.iter() {
        if k.path == OVERFLOW_PATH {
            continue;
        }
        let mut news =
            c.paths.iter().map(|p| templater.template_for(&k.service, p.path.split('?').next().unwrap_or("")));
        let Some(new) = news.next() else { continue };
        if new == k.path || news.any(|n| n != new) {
            continue;
        }
        if Route::parse(&new).is_ok_and(|r| r.matches(&k.path)) {
            moves.push((k.clone(), EndpointKey { path: new, ..k.clone() }));
        }
    }
    for (old, new) in &moves {
        let Some(mut c) = contracts.remove(old) else { continue };
        if let Some(why) = templater.why(&new.service, &new.path) {
            c.learned = why.iter().cloned().collect();
        }
        match contracts.get_mut(new) {
            Some(into) => into.merge(&c, limits),
            None => {
                contracts.insert(new.clone(), c);
            }
        }
    }
    moves
}

#[cfg(test)]
mod tests;
