//! The learner's trie: one node per literal segment (parameters beside them), with the
//! counts, body signatures and subtrees the merge rules ([`super::merge`]) judge on, and the
//! bounds that keep it the size of the API rather than of its distinct paths.

use super::*;

/// The subtrees of a node's children laid over one another: how many of the children have
/// each path below them. A value seen once (`protection/enforce_admins` under the branch
/// `feature-login`) looks like one of an open set when its node is judged alone; if the
/// siblings (`master`, `main`) or an ancestor's siblings hold the same name at the same place,
/// it is an endpoint's name. That tells endpoint names from values on a partial view, before
/// the branch names above are merged (a sidecar's first relearns).
#[derive(Debug, Default)]
pub(super) struct Echo {
    /// How many of the children have this path.
    pub(super) count: usize,
    pub(super) lits: BTreeMap<String, Echo>,
    pub(super) param: Option<Box<Echo>>,
}

impl Cx {
    /// Whether to print the merges: asked for, and not on trial.
    pub(super) fn show(&self) -> bool {
        self.debug && !self.trial.get()
    }
}

impl Echo {
    /// Lays one child's subtree over the echo.
    pub(super) fn add(&mut self, n: &Node) {
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
pub(super) struct Cx {
    pub(super) view: View,
    pub(super) generic: std::collections::HashSet<u64>,
    /// Names heading a collection at the top and deeper (see [`Node::collections`]).
    pub(super) collections: std::collections::HashSet<String>,
    /// Literal names seen under two or more parents (see [`Node::names_elsewhere`]).
    pub(super) elsewhere: std::collections::HashSet<String>,
    /// On a relearn's evidence, names the recorded endpoints hold as values of their
    /// parameters more than as literals of their templates, with how many endpoints hold
    /// them so (see `learn_templates_of`).
    pub(super) values: std::collections::HashMap<String, usize>,
    /// Prints each merge (`MOCKDRIFT_LEARN_DEBUG`), for working on the rules.
    pub(super) debug: bool,
    /// Set while a node's children are learned as one on trial (see `Node::learn`): no trial
    /// inside a trial, and nothing printed.
    pub(super) trial: std::cell::Cell<bool>,
    /// Set by a node for its parameter child, when that is a parameter of ids on a partial
    /// view (see `Node::learn`); taken by the child.
    pub(super) below_ids: std::cell::Cell<bool>,
    /// Set for the root's learning only: the top of the API (see `Node::learn`); taken by it.
    pub(super) top: std::cell::Cell<bool>,
    /// Trie nodes the trials may still copy and learn again (see `Node::learn`).
    pub(super) trial_budget: std::cell::Cell<usize>,
    /// The same for the trials of literals left beside a parameter (`Node::join_on_trial`),
    /// apart: those must not use up what the children's trials need.
    pub(super) join_budget: std::cell::Cell<usize>,
    /// The values of names beside fixed text joined so far, anywhere in the API (see
    /// `Node::join_affixed`): `amd64` joined in `binary-amd64` under one component is a value
    /// where `debian-installer/binary-amd64` or `dep11/Components-amd64.yml` holds it.
    pub(super) affix_values: std::cell::RefCell<std::collections::HashSet<String>>,
    /// The literals joined so far (`binary-⟨⟩`, `hex-⟨⟩.ez`), anywhere in the API, each with
    /// the values it took.
    pub(super) affix_keys: std::cell::RefCell<std::collections::HashMap<String, std::collections::HashSet<String>>>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Node {
    /// Paths ending here.
    pub(super) ends: usize,
    /// Paths through or ending here.
    pub(super) count: usize,
    /// Literal children.
    pub(super) lits: Lits,
    /// The parameter child.
    pub(super) param: Option<Box<Node>>,
    /// Signatures of the response bodies of paths ending here ([`body_signature`]).
    pub(super) sigs: std::collections::BTreeSet<u64>,
    /// A parameter that took in literal values (names such as `octocat`), not only ids.
    pub(super) slug: bool,
    /// Of a parameter that took in literal values: half or more of them were met under the
    /// siblings of the node above too (endpoint names answering alike, not values).
    pub(super) recurred: bool,
    /// On a relearn's evidence ([`super::learn_templates`]), each response shape of the
    /// paths ending here with the recorded endpoint that answered it (a hash of its
    /// template; at most [`MAX_ORIGINS`] pairs): what a path answered is its endpoint's
    /// shape, so shapes agreeing are evidence only from several endpoints.
    pub(super) origins: Vec<(u64, u64)>,
    /// Of the values merged into a parameter above, how many had this node (0: none merged
    /// yet, one path). A name under several of them is an endpoint's, not a value of an open
    /// set (see `to_merge`).
    pub(super) spread: usize,
    /// Of a parameter: how many literal values were merged into it.
    pub(super) values: usize,
    /// Of a parameter learned from values, or of ids that names beside them joined: the rule
    /// that merged them, with its counts.
    pub(super) why: Option<String>,
    /// Of a parameter of prefixed ids (`acc_1Nv0FGQ9RKHgCVdK`) or of long ids of mixed case
    /// (`7X1cMBn4lhv0uM0Ac9uxZr`): the type prefixes and lengths seen (at most
    /// [`MAX_PREFIXES`], see [`prefix_form`]), so that a sibling of the same form whose random
    /// part the value patterns missed (`acc_QdotgAowmgybub`, `XTQKuuHNWswR6odOVAqvrg`) joins it.
    pub(super) prefixes: Vec<(String, usize)>,
    /// Of a parameter of ids: the one value it has taken, while it has taken one and that
    /// one may be a version ([`version_value`], see [`Node::version_like`]).
    pub(super) only: Option<Box<str>>,
    /// Of a parameter of ids: it has taken two values or more, or one that is no version.
    pub(super) varied: bool,
    /// How the paths ending here end: bare, or with which format extensions.
    pub(super) endings: Ending,
    /// Of a parameter that took literal values: what all of them begin and end with (see
    /// [`Node::affix`]).
    pub(super) common: Option<Box<super::affix::Common>>,
}

// (The endings' bits and the file names' bit stay apart.)
const _: () = assert!(Ending::SLASH.0 < Ending::FILES);

/// How paths end at a node: bare (`/Calls/CA12`) or with a format extension
/// (`/Calls/CA12.json`, see [`FORMAT_EXTENSIONS`]), one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ending(u8);

impl Ending {
    pub(crate) const BARE: Ending = Ending(1);
    /// Bare, with a dot in the last segment (`README.md`): the paths ending here are file
    /// names, and `package.json` among them is one more, no format extension.
    pub(crate) const DOTTED: Ending = Ending(1 | Ending::FILES);
    const FILES: u8 = 0x80;

    /// How the paths ending at a node are templated: a format extension where file names
    /// end there too is part of one ([`Ending::DOTTED`]).
    fn templated(self) -> Ending {
        if self.0 & Ending::FILES != 0 { Ending(self.0 & (Ending::BARE.0 | Ending::SLASH.0)) } else { self }
    }

    /// A trailing slash (Sentry's, Django REST framework's `/api/0/projects/`): how the path
    /// ends, not an empty segment below its last, which every path of such an API would have
    /// (the same child below every node: alike subtrees everywhere).
    pub(crate) const SLASH: Ending = Ending(1 << (FORMAT_EXTENSIONS.len() + 1));

    /// The ending of a path with the extension `ext` (one of [`FORMAT_EXTENSIONS`]).
    pub(crate) fn of(ext: &str) -> Ending {
        Ending(FORMAT_EXTENSIONS.iter().position(|e| *e == ext).map_or(1, |i| 2 << i))
    }

    /// The extensions the paths end with, `""` for bare ones and `/` for a trailing slash;
    /// bare alone when none is set.
    fn texts(self) -> impl Iterator<Item = &'static str> {
        let bits = if self.0 & !Ending::FILES == 0 { 1 } else { self.0 };
        std::iter::once("")
            .chain(FORMAT_EXTENSIONS)
            .chain(["/"])
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, e)| e)
    }
}

/// Whether an id-like segment may be an API's version: a number of up to four digits (`2`,
/// `1`) or a date (`2010-04-01`).
pub(crate) fn version_value(seg: &str) -> bool {
    match param_reason(seg) {
        Some("integer") => seg.len() <= 4,
        Some("date") => true,
        _ => false,
    }
}

/// Whether a name is coded as ids are, not written as a word: six letters and digits or
/// more, starting with a digit or with two runs of digits (Reddit's `1sg6ir`, `18pjgt1`).
/// An endpoint's name with digits ends with them (`oauth2`, `sha256`, `ipv6`).
pub(super) fn coded(seg: &str) -> bool {
    let b = seg.as_bytes();
    let runs = b.iter().zip(b.iter().skip(1)).filter(|(a, c)| !a.is_ascii_digit() && c.is_ascii_digit()).count()
        + usize::from(b.first().is_some_and(u8::is_ascii_digit));
    b.len() >= 6
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().any(u8::is_ascii_alphabetic)
        && (b[0].is_ascii_digit() || runs >= 2)
}

/// Whether a name is written as a value is, never as an endpoint's name: with punctuation
/// that endpoint names do not hold (`%` of a percent-encoded byte, parentheses, a comma, a
/// quote, `!`, `*`, `+`, `;`, `=`: `AC%2FDC`, `Python_(programming_language)`), or words
/// each with a capital first joined by
/// `_` (`Albert_Einstein`, `Main_Page`: a wiki's titles). Such a name seen far more often
/// than the values beside it is a hot value, not an endpoint (`/users/me`).
pub(super) fn value_form(seg: &str) -> bool {
    let b = seg.as_bytes();
    let titled = |w: &[u8]| w.first().is_some_and(u8::is_ascii_uppercase) && w.iter().any(u8::is_ascii_lowercase);
    b.iter().any(|c| matches!(c, b'%' | b'(' | b')' | b',' | b'\'' | b'!' | b'*' | b'+' | b';' | b'='))
        || b.contains(&b'_') && b.split(|&c| c == b'_').all(titled)
}

/// Whether a name is dotted as hosts and entity ids are (`matrix.org`, `kde.org`,
/// `camera.front_door`, `ip-10-0-1-7.ec2.internal`): two labels or more of letters,
/// digits, `-` and `_`, a letter among them, the last no file extension
/// ([`FILE_EXTENSIONS`]), not a version (`v1.2`: a version has no letter but its `v`).
/// Values are dotted (servers, domains, entities), and so are some endpoint names (Slack's
/// methods, Kubernetes' API groups): `Node::dotted_values` says when dotted names are
/// values.
pub(super) fn dotted_name(seg: &str) -> bool {
    let label = |l: &str| !l.is_empty() && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
    let mut labels = 0;
    let mut last = "";
    for l in seg.split('.') {
        if !label(l) {
            return false;
        }
        labels += 1;
        last = l;
    }
    let letters = seg.bytes().filter(u8::is_ascii_alphabetic).count();
    let version = seg.starts_with(['v', 'V']) && letters == 1;
    labels >= 2 && letters > 0 && !version && !FILE_EXTENSIONS.iter().any(|e| last.eq_ignore_ascii_case(e))
}

/// Whether a segment reads as a plural word (`repos`, `customers`): a collection's name.
pub(super) fn plural(w: &str) -> bool {
    w.len() > 3
        && w.bytes().all(|c| c.is_ascii_lowercase())
        && w.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| w.ends_with(end))
}

/// How many shapes with their recorded endpoints a node keeps ([`Node::origins`]).
const MAX_ORIGINS: usize = 8;

/// How many prefix forms a parameter keeps ([`Node::prefixes`]).
const MAX_PREFIXES: usize = 4;

/// The form of an id of random letters: its type prefix (`acc_`, for a prefixed id) and
/// length. Unprefixed, a long run of letters and digits, a sixth or more of its letters of
/// each case (Spotify's `XTQKuuHNWswR6odOVAqvrg`), and its prefix is empty. A name in camel
/// case with as many capitals (`getUserPlaylistsByName`) has that form too: it joins only ids
/// of its very length beside it. (Asking for two capitals in a row as well left Airtable's
/// `usrHtfHxdl4ouJdwj` literal.)
pub(super) fn prefix_form(seg: &str) -> Option<(String, usize)> {
    if let Some((prefix, rest)) = seg.split_once('_') {
        return ((2..=5).contains(&prefix.len())
            && prefix.bytes().all(|c| c.is_ascii_lowercase())
            && rest.len() >= 10
            && rest.bytes().all(|c| c.is_ascii_alphanumeric()))
        .then(|| (format!("{prefix}_"), seg.len()));
    }
    let b = seg.as_bytes();
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
    // Small letters and digits, 24 or more (Mattermost's 26): a sibling of that very length
    // with no digit (`jsknatubdztdtojwwecgyadbym`) is one more.
    if b.len() >= 24 && upper == 0 && lower > 0 && b.iter().all(u8::is_ascii_alphanumeric) {
        return Some((String::new(), seg.len()));
    }
    // Capitals and digits, 16 or more (Square's catalog ids, 24 of base32; ULIDs; PayPal's 17): a sibling
    // of that very length with fewer than two digits (`DECTKYJLQUDAQLQIODPZOJOV`) is one
    // more.
    if b.len() >= 16 && lower == 0 && upper > 0 && b.iter().all(u8::is_ascii_alphanumeric) {
        return Some((String::new(), seg.len()));
    }
    (b.len() >= 16
        && b.iter().all(u8::is_ascii_alphanumeric)
        && upper > 0
        && upper * 6 >= upper + lower
        && lower * 6 >= upper + lower)
        .then(|| (String::new(), seg.len()))
}

/// A node's literal children, sorted by name in one vector: a trie of many small nodes
/// costs what its entries take (a `BTreeMap` allocates room for eleven on its first).
#[derive(Clone, Debug, Default)]
pub(super) struct Lits(Vec<(String, Node)>);

impl Lits {
    pub(super) fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    pub(super) fn get(&self, k: &str) -> Option<&Node> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    pub(super) fn get_mut(&mut self, k: &str) -> Option<&mut Node> {
        self.find(k).ok().map(|i| &mut self.0[i].1)
    }

    pub(super) fn contains_key(&self, k: &str) -> bool {
        self.find(k).is_ok()
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn entry_or_default(&mut self, k: &str) -> &mut Node {
        let i = match self.find(k) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (k.to_owned(), Node::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub(super) fn remove(&mut self, k: &str) -> Option<Node> {
        self.find(k).ok().map(|i| self.0.remove(i).1)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.0.iter().map(|(k, n)| (k, n))
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &Node> {
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
pub(super) const MAX_SHAPE: usize = 1024;

/// The most body signatures kept at a node (the smallest): enough to see that two siblings
/// share one, where a nullable field gives an endpoint several.
pub(super) const MAX_SIGS: usize = 32;

/// The fewest paths through a parameter of one id-like value for it to read as a version
/// ([`Node::version_like`]).
pub(super) const VERSION_PATHS: usize = 8;

/// The deepest path learned from, in segments; deeper paths (never an API's, but a hostile
/// client's) are left to the value patterns.
pub const MAX_SEGMENTS: usize = 64;

impl Node {
    /// Adds a path seen `weight` times.
    pub(super) fn insert(
        &mut self,
        segs: &[&str],
        sigs: &[u64],
        weight: usize,
        cap: usize,
        origin: Option<u64>,
        ending: Ending,
    ) {
        let mut node = self;
        for first in segs {
            node.count += weight;
            // (A file name's references to earlier values are a name, see `with_references`.)
            let reason = if first.contains(super::REF_OPEN) { None } else { param_reason(first) };
            node = if let Some(reason) = reason {
                let param = node.param.get_or_insert_with(Box::default);
                param.took(first);
                if version_value(first) {
                    param.saw(first);
                } else {
                    param.varied = true;
                }
                if matches!(reason, "prefixed id" | "base62 id")
                    && param.prefixes.len() < MAX_PREFIXES
                    && let Some(form) = prefix_form(first)
                    && !param.prefixes.contains(&form)
                {
                    param.prefixes.push(form);
                }
                param
            } else if node.lits.contains_key(first) {
                node.lits.get_mut(first).expect("just seen")
            } else if node.lits.len() >= cap {
                node.saturate();
                let param = node.param.get_or_insert_with(Box::default);
                param.took(first);
                param
            } else {
                node.lits.entry_or_default(first)
            };
        }
        node.count += weight;
        node.ends += weight;
        node.endings.0 |= ending.0;
        if let Some(o) = origin {
            node.add_origins(sigs.iter().map(|&s| (s, o)));
        }
        node.add_sigs(sigs.iter().copied());
    }

    /// The response shapes seen at paths of several depths: an error shape or an envelope
    /// that many endpoints share, not one resource's. Sibling values answer at one depth.
    pub(super) fn generic_sigs(&self) -> std::collections::HashSet<u64> {
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
    pub(super) fn collections(&self) -> std::collections::HashSet<String> {
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

    /// The literal names found under two or more parents anywhere in the trie, and never
    /// among many values: `members` under `/orgs/{}` and under `/orgs/{}/teams/{}`. An API's
    /// endpoint names are used across it, each time beside a few other names; a value (an
    /// id, a user's name) may be met at several places too, but somewhere it is one of many
    /// values. Many children (more than [`ELSEWHERE_CHILDREN`](super::ELSEWHERE_CHILDREN)) are
    /// values unless half or more of them are found under other parents too: the 52 endpoint
    /// names under each of a client's repositories (`/repos/acme/spark/{actions,pulls,...}`)
    /// are, sixty user names under `/users` are not.
    pub(super) fn names_elsewhere(&self) -> std::collections::HashSet<String> {
        fn count<'a>(n: &'a Node, parents: &mut std::collections::HashMap<&'a str, usize>) {
            for (k, child) in &n.lits {
                *parents.entry(k.as_str()).or_default() += 1;
                count(child, parents);
            }
            if let Some(p) = &n.param {
                count(p, parents);
            }
        }
        fn values<'a>(
            n: &'a Node,
            parents: &std::collections::HashMap<&'a str, usize>,
            out: &mut std::collections::HashSet<&'a str>,
        ) {
            // A node folded to a parameter (`saturate`, before learning) had many values.
            let many = n.param.as_ref().is_some_and(|p| p.slug)
                || n.lits.len() > super::ELSEWHERE_CHILDREN
                    && 2 * n.lits.keys().filter(|k| parents.get(k.as_str()).is_some_and(|&c| c >= 2)).count()
                        < n.lits.len();
            for (k, child) in &n.lits {
                if many {
                    out.insert(k.as_str());
                }
                values(child, parents, out);
            }
            if let Some(p) = &n.param {
                values(p, parents, out);
            }
        }
        let mut parents = std::collections::HashMap::new();
        count(self, &mut parents);
        let mut among_values = std::collections::HashSet::new();
        values(self, &parents, &mut among_values);
        parents.iter().filter(|&(k, &n)| n >= 2 && !among_values.contains(k)).map(|(k, _)| (*k).to_owned()).collect()
    }

    /// Whether nothing lies more than one segment below this node.
    pub(super) fn shallow(&self) -> bool {
        self.lits.values().chain(self.param.as_deref()).all(|c| c.lits.len() == 0 && c.param.is_none())
    }

    /// Nodes in this subtree, if at most `limit` (counting stops past it).
    pub(super) fn size_within(&self, limit: usize) -> Option<usize> {
        fn count(n: &Node, left: &mut usize) -> bool {
            if *left == 0 {
                return false;
            }
            *left -= 1;
            n.lits.values().chain(n.param.as_deref()).all(|c| count(c, left))
        }
        let mut left = limit;
        count(self, &mut left).then(|| limit - left)
    }

    /// Nodes in this subtree.
    pub(super) fn size(&self) -> usize {
        1 + self.lits.values().map(Node::size).sum::<usize>() + self.param.as_ref().map_or(0, |p| p.size())
    }

    /// Saturates every node of this subtree with more than `cap` literal children.
    pub(super) fn saturate_above(&mut self, cap: usize) {
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

    /// Keeps the [`MAX_ORIGINS`] smallest pairs of a shape and its recorded endpoint: the
    /// same ones whatever the order of the evidence.
    pub(super) fn add_origins(&mut self, origins: impl IntoIterator<Item = (u64, u64)>) {
        for o in origins {
            if let Err(at) = self.origins.binary_search(&o)
                && at < MAX_ORIGINS
            {
                self.origins.insert(at, o);
                self.origins.truncate(MAX_ORIGINS);
            }
        }
    }

    /// Keeps the [`MAX_SIGS`] smallest signatures seen: the same ones whatever the order of
    /// the traffic.
    pub(super) fn add_sigs(&mut self, sigs: impl IntoIterator<Item = u64>) {
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
    pub(super) fn saturate(&mut self) {
        let count = self.count;
        // (Not a literal of values beside fixed text: `Node::join_affixed`.)
        let values: Vec<String> = self
            .lits
            .iter()
            .filter(|(k, n)| n.count * 20 < count && !k.contains(AFFIX))
            .map(|(k, _)| k.clone())
            .collect();
        let param = self.param.get_or_insert_with(Box::default);
        param.slug = true;
        for k in values {
            if let Some(n) = self.lits.remove(&k) {
                param.take_value(&k, n);
            }
        }
    }

    /// Notes a value taken by this parameter that may be a version ([`version_value`]).
    fn saw(&mut self, value: &str) {
        match &self.only {
            _ if self.varied => {}
            None => self.only = Some(value.into()),
            Some(v) if **v == *value => {}
            Some(_) => {
                self.varied = true;
                self.only = None;
            }
        }
    }

    /// The one value of a parameter of ids that reads as an API's version rather than an id
    /// (`/rest/api/2/issue/{key}`, `/2010-04-01/Accounts`, `/admin/api/2024-01/orders`): it
    /// took that value only, on [`VERSION_PATHS`] requests or more, heads two endpoints or
    /// more (one id seen with one endpoint below it, `/pet/1/uploadImage`, stays a
    /// parameter), and no collection's name comes before it (`after_collection`: a single
    /// tenant's id, `/orgs/42/...`, stays a parameter). The value patterns make any number
    /// or date a parameter; a version is the API's, the same on every path.
    pub(super) fn version_like(&self, after_collection: bool) -> Option<&str> {
        let only = self.only.as_deref()?;
        (!after_collection
            && !self.varied
            && !self.slug
            && self.values == 0
            && self.count >= VERSION_PATHS
            && self.endpoints_below(2) >= 2)
            .then_some(only)
    }

    /// How many endpoints (nodes paths end at) are below this one, counted up to `most`.
    fn endpoints_below(&self, most: usize) -> usize {
        let mut n = 0;
        for child in self.lits.values().chain(self.param.as_deref()) {
            if n >= most {
                break;
            }
            n += usize::from(child.ends > 0) + child.endpoints_below(most - n);
        }
        n.min(most)
    }

    /// Adds `other` into `self`.
    pub(super) fn absorb(&mut self, other: Node) {
        self.recurred |= other.recurred;
        self.spread = if self.count == 0 { other.spread.max(1) } else { self.spread.max(1) + other.spread.max(1) };
        self.ends += other.ends;
        self.count += other.count;
        self.values += other.values;
        self.slug |= other.slug;
        self.endings.0 |= other.endings.0;
        self.varied |= other.varied || self.only.is_some() && other.only.is_some() && self.only != other.only;
        if self.only.is_none() {
            self.only = other.only;
        }
        self.add_origins(other.origins);
        for form in other.prefixes {
            if self.prefixes.len() < MAX_PREFIXES && !self.prefixes.contains(&form) {
                self.prefixes.push(form);
            }
        }
        if self.why.is_none() {
            self.why = other.why;
        }
        match (&mut self.common, other.common) {
            (Some(mine), Some(theirs)) => mine.narrow(&theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
        self.add_sigs(other.sigs);
        for (k, v) in other.lits {
            if !self.lits.contains_key(&k) && self.lits.len() >= MAX_CHILDREN {
                self.saturate();
                self.param.get_or_insert_with(Box::default).take_value(&k, v);
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
    pub(super) fn skeletons(&self, prefix: &str, out: &mut Vec<String>) {
        if out.len() >= MAX_SHAPE {
            return;
        }
        // (Paths ending in a slash have it in their skeleton, as they had when the slash was
        // an empty segment: PyPI's `/project/{name}/` pages, HTML with no shape, are alike by
        // it. Their answers are the node's own now: Sentry's `/projects/` and `/teams/` are
        // told apart by them.)
        if self.ends > 0 && self.endings.0 & Ending::SLASH.0 != 0 {
            out.push(format!("{prefix}/"));
        }
        if self.ends > 0 && (self.endings.0 & !(Ending::SLASH.0 | Ending::FILES) != 0 || self.endings.0 == 0) {
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
    /// `values`: names known to be values ([`Cx::values`]), which name no parameter either.
    pub(super) fn templates<'a>(
        &'a self,
        prefix: &mut Vec<(String, SegKind, Option<&'a str>)>,
        out: &mut Vec<Explained>,
        values: &std::collections::HashMap<String, usize>,
    ) {
        if self.ends > 0 {
            let bare = name_params(prefix.iter().map(|(s, k, _)| (s.as_str(), *k)));
            let names = bare.split('/').filter_map(|s| param_parts(s).map(|(_, n, _)| n));
            // (A value kept literal names no parameter: `/repos/acme-corp/{repo}`.)
            let params = prefix.iter().filter(|(_, k, _)| !matches!(k, SegKind::Literal | SegKind::Value));
            let why: Vec<(String, String)> =
                names.zip(params).filter_map(|(n, (_, _, w))| w.map(|w| (n.to_owned(), w.to_owned()))).collect();
            // One template for each way the paths end here (`/Calls/{call}.json`).
            let bare = super::expand_references(&bare);
            for ext in self.endings.templated().texts() {
                out.push((format!("{bare}{ext}"), why.clone()));
            }
        }
        // Whether this node's own segment names a collection (a plural word).
        let collection = prefix.last().is_some_and(|(s, k, _)| *k == SegKind::Literal && plural(s));
        for (k, v) in &self.lits {
            if k.contains(AFFIX) {
                // (Values inside the segment, fixed text around them: see `Node::join_affixed`.)
                prefix.push((k.clone(), SegKind::Slug, v.why.as_deref()));
                v.templates(prefix, out, values);
                prefix.pop();
                continue;
            }
            let value =
                values.contains_key(k) && !plural(k) && !looks_like_version(k) || self.kept_value(k, v, collection);
            let kind = if value { SegKind::Value } else { SegKind::Literal };
            prefix.push((k.clone(), kind, None));
            v.templates(prefix, out, values);
            prefix.pop();
        }
        if let Some(p) = &self.param {
            // (`Accounts` too: Twilio's `/Accounts/{AccountSid}`.)
            let after_collection =
                prefix.last().is_some_and(|(s, k, _)| *k == SegKind::Literal && plural(&s.to_ascii_lowercase()));
            match p.version_like(after_collection) {
                Some(v) => prefix.push((v.to_owned(), SegKind::Literal, None)),
                None => {
                    let seg = p.affix().map_or_else(String::new, |(pre, suf)| format!("{pre}{AFFIX}{suf}"));
                    prefix.push((seg, if p.slug { SegKind::Slug } else { SegKind::Id }, p.why.as_deref()))
                }
            }
            p.templates(prefix, out, values);
            prefix.pop();
        }
    }

    /// Whether the literal child `k` (`v`) is a value kept literal rather than a collection's
    /// name, for naming the parameters below it ([`SegKind::Value`]): its paths are all the
    /// parameter's beside it (an owner left out of `/user/starred/{}` whose repositories are
    /// the others'), or it is the only child of a collection, with a parameter below it (a
    /// single tenant: `/repos/acme-corp/{repo}`, not `{acme_corp}`; `collection`: this
    /// node's own segment names one).
    fn kept_value(&self, k: &str, v: &Node, collection: bool) -> bool {
        if v.param.is_none() && v.lits.len() == 0 || looks_like_version(k) {
            return false;
        }
        if plural(k) {
            return false;
        }
        if let Some(p) = &self.param {
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            v.skeletons("", &mut mine);
            p.skeletons("", &mut theirs);
            let theirs = SkelTrie::new(&theirs);
            return !mine.is_empty() && mine.iter().all(|m| theirs.holds(m, false));
        }
        collection && self.lits.len() == 1 && v.param.is_some()
    }

    /// The response shapes this node and its literal children answer with, but generic ones:
    /// a child's marked with its name.
    pub(super) fn answers(&self, cx: &Cx) -> Vec<u64> {
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
    pub(super) fn shape(&self) -> Option<Vec<String>> {
        let mut s = Vec::new();
        self.skeletons("", &mut s);
        s.retain(|k| k.split('/').skip(1).any(|seg| seg != "{}"));
        s.sort_unstable();
        (!s.is_empty()).then_some(s)
    }
}
