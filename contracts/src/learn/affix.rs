//! Values inside a segment, beside fixed text: Debian's `binary-amd64`, `binary-arm64`,
//! `binary-i386` under each component are its `binary-{arch}` (learned as `binary-{binary}`),
//! and `Contents-amd64.gz` beside them `Contents-{arch}.gz`; Telegram's
//! `/bot6510451795:AA…/getMe` is `/bot{token}/getMe` (learned as `/bot{id}/getMe`); a tile
//! server's `5241@2x` is `{y}@2x`. The values are what varies; the text around them
//! is the endpoint's, the same for every value.
//!
//! Two ways in:
//! - a parameter keeps the text all its values begin or end with ([`Node::affix`]) where
//!   that reads as fixed: a word of small letters glued to ids (a digit right after it in
//!   each, two different values or more), or a scale after [`AFFIX_VALUES`] or more literal values
//!   (`@2x`);
//! - literal siblings named by words and a value (`binary-amd64`, `Contents-amd64.gz`,
//!   `Contents-udeb-amd64.gz`), [`AFFIX_VALUES`] or more with the same words and extensions,
//!   whose values come again beside another word in another kind of name at the same place,
//!   or were joined so elsewhere, or read as locales, sizes, handles after their sigil
//!   (`@brewster`) or versions of one name (`hex-2.1.0.ez`), are one literal keyed
//!   `binary-⟨⟩` ([`AFFIX`] stands for the value), written `binary-{binary}` in the
//!   templates ([`Node::join_affixed`]). They stay literals of their own place, beside the
//!   other names there (`binary-{binary}` beside `Contents-{content}.gz` and `i18n`), which
//!   one parameter per node could not hold.
//!
//! What the data showed (`bench/heldout.py`, session 35): one word before every value of a
//! parameter is most often a user's naming habit, not the API's text (Azure's resource
//! groups `rg-…`, Algolia's indexes `prod_…`, buckets `acme-…`, Consul's services `api-…`),
//! and so are words before a few values each (Vault's secrets `search-dev`, `orders-dev`)
//! and one name in several formats (Cloudinary's `sku_1234.jpg`, `.png`): those stay values
//! whole. So no common prefix of a parameter's values is kept but a word glued to ids, and
//! literal siblings join only with the partner that Debian's index shows.
//!
//! Session 36, on a real archive's layout (`bench/aptindex.py`): the value is after the
//! last word (`Contents-udeb-` + `amd64`, not `Contents-` + `udeb-amd64`); a directory and
//! a file are two kinds of names as two extensions are (`binary-amd64/` and
//! `Contents-amd64`); values joined at one place are values at another (`amd64` under
//! `debian-installer/`, `en` in `Translation-en.xz` beside `Translation-⟨⟩.bz2`); a
//! parameter merged from such names before their partner was seen joins them; and locales
//! (ISO 639-1 codes, six or more, English or one with a region among them, or ten) and sizes (`64x64`) are values
//! after any word, with no partner (`Translation-de`, `icons-64x64`). From the ninth batch
//! of clients: handles after their sigil (the Internet Archive's `/details/@{screenname}`)
//! and versions of the one name in a place (Hex's `/installs/{elixir}/hex-{version}.ez`).
//! A review's guards: values joined for their kind spread nowhere (`edge-de` beside
//! languages elsewhere), countries' codes are languages' too (`zone-de`, `zone-fr`, ...),
//! a directory and a file by three environments are a user's (`search-dev/`, `orders-dev`). Holding back such names from merging until
//! the last pass was tried and dropped: a vocabulary of owners named alike (`site-alpha`,
//! `site-beta`) merged late, GitHub's cells with two requests a template fell to 0.44.

use super::*;

/// What every value a parameter took begins and ends with (see [`Node::affix`]): at most
/// [`AFFIX_TEXT`] bytes of each end, the rest of a value is never fixed text; and the values
/// themselves while they are few and short (see [`Node::join_affixed`]).
#[derive(Clone, Debug)]
pub(super) struct Common {
    /// The longest text all the values begin with.
    pre: Box<str>,
    /// The longest text all the values end with.
    suf: Box<str>,
    /// The shortest value's length: the fixed text is shorter.
    shortest: usize,
    /// A hash of the first value, and whether a different one was taken since.
    first: u64,
    two: bool,
    /// Every value began with small letters and a digit right after them (`bot6510451795:AA…`).
    glued: bool,
    /// How many values were taken (with repeats).
    values: usize,
    /// The values taken, while they are at most [`AFFIX_NAMES`] of at most [`AFFIX_TEXT`]
    /// bytes each (a parameter of `binary-amd64`, `binary-arm64`, ... merged before their
    /// partner was seen, see [`Node::join_affixed`]); none after.
    names: Option<Vec<Box<str>>>,
}

/// How many values [`Common`] names.
const AFFIX_NAMES: usize = 16;

/// How much of each end of a value [`Common`] keeps.
const AFFIX_TEXT: usize = 32;

impl Common {
    fn of(k: &str) -> Common {
        let mut p = k.len().min(AFFIX_TEXT);
        while !k.is_char_boundary(p) {
            p -= 1;
        }
        let mut s = k.len() - k.len().min(AFFIX_TEXT);
        while !k.is_char_boundary(s) {
            s += 1;
        }
        Common {
            pre: k[..p].into(),
            suf: k[s..].into(),
            shortest: k.len(),
            first: hash(k),
            two: false,
            glued: glued(k),
            values: 1,
            names: (k.len() <= AFFIX_TEXT).then(|| vec![k.into()]),
        }
    }

    /// Adds `k` to the names, or forgets them past [`AFFIX_NAMES`].
    fn name(&mut self, k: &str) {
        if let Some(names) = &mut self.names
            && !names.iter().any(|n| &**n == k)
        {
            if names.len() >= AFFIX_NAMES || k.len() > AFFIX_TEXT {
                self.names = None;
            } else {
                names.push(k.into());
            }
        }
    }

    /// Keeps of `self`'s ends what `pre` begins and `suf` ends with. Allocates only when
    /// they shrink.
    fn meet(&mut self, pre: &str, suf: &str) {
        let p = common_prefix(&self.pre, pre);
        if p < self.pre.len() {
            self.pre = self.pre[..p].into();
        }
        let s = common_suffix(&self.suf, suf);
        if s < self.suf.len() {
            self.suf = self.suf[self.suf.len() - s..].into();
        }
    }

    /// Takes the value `k` too.
    fn narrow_to(&mut self, k: &str) {
        self.meet(k, k);
        self.shortest = self.shortest.min(k.len());
        self.two |= hash(k) != self.first;
        self.glued &= glued(k);
        self.values = self.values.saturating_add(1);
        self.name(k);
    }

    /// What `self` and `other` hold in common.
    pub(super) fn narrow(&mut self, other: &Common) {
        self.meet(&other.pre, &other.suf);
        self.shortest = self.shortest.min(other.shortest);
        self.two |= other.two || other.first != self.first;
        self.glued &= other.glued;
        self.values = self.values.saturating_add(other.values);
        match &other.names {
            Some(names) => names.iter().for_each(|n| self.name(n)),
            None => self.names = None,
        }
    }
}

fn hash(k: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    h.finish()
}

/// Whether `k` begins with small letters and a digit right after them (`bot6510451795:AA…`).
fn glued(k: &str) -> bool {
    let w = k.bytes().take_while(u8::is_ascii_lowercase).count();
    w > 0 && k.as_bytes().get(w).is_some_and(u8::is_ascii_digit)
}

/// The length of the longest common prefix of `a` and `b`, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The length of the longest common suffix of `a` and `b`, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(a.len() - n) {
        n -= 1;
    }
    n
}

/// Whether `s` is a scale (`@2x`, `@1.5x`): an image's resolution after its name.
fn scale(s: &str) -> bool {
    s.strip_prefix('@').and_then(|s| s.strip_suffix('x')).is_some_and(|n| {
        let (a, b) = n.split_once('.').unwrap_or((n, "0"));
        !a.is_empty() && !b.is_empty() && (a.bytes().chain(b.bytes())).all(|c| c.is_ascii_digit())
    })
}

/// Whether `s` is file extensions only (`.xz`, `.yml.gz`, `.tar.gz`, `.7z`), each with a
/// letter (`.6.ez` is a version's end and an extension).
fn extensions_only(s: &str) -> bool {
    s.strip_prefix('.').is_some_and(|s| {
        s.split('.').all(|e| {
            (1..=5).contains(&e.len())
                && e.bytes().any(|c| c.is_ascii_alphabetic())
                && e.bytes().all(|c| c.is_ascii_alphanumeric())
        })
    })
}

/// A literal's fixed words, value and extensions (`Translation-`, `de`, `.xz`;
/// `Contents-udeb-`, `amd64`, `.gz`), if it is named so: words of letters, the first of two
/// or more, each followed by `-`, the value after the last of them; or, with no such word, a
/// word and `_` (`sku_`). Not a dotted namespace (`camera.`, `mapbox.`: entity and tileset
/// ids are such values whole). The extensions after the value are fixed text too; without
/// them the value runs to the end.
fn affixed(k: &str) -> Option<(&str, &str, &str)> {
    if k.len() > AFFIXED_LEN || k.contains([REF_OPEN, REF_CLOSE, AFFIX]) {
        return None;
    }
    // A handle after its sigil (`@brewster`: a user's page beside the items' ids).
    if let Some(handle) = k.strip_prefix('@') {
        let name = |c: u8| c.is_ascii_alphanumeric() || b"_.-".contains(&c);
        return (!handle.is_empty() && handle.bytes().all(name)).then_some(("@", handle, ""));
    }
    let b = k.as_bytes();
    let word = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let first = word(0);
    if first < 2 {
        return None;
    }
    let (mut i, mut cut) = (0, None);
    loop {
        let w = word(i);
        if w == 0 || b.get(i + w) != Some(&b'-') {
            break;
        }
        i += w + 1;
        if i < b.len() {
            cut = Some(i);
        }
    }
    let cut = cut.or_else(|| (b.get(first) == Some(&b'_')).then_some(first + 1))?;
    let (pre, rest) = k.split_at(cut);
    // The extensions: from the last dot back while each piece is one (linear in the name).
    let mut j = rest.len();
    while let Some(d) = rest[..j].rfind('.') {
        if !extensions_only(&rest[d..j]) {
            break;
        }
        j = d;
    }
    let (mid, suf) = rest.split_at(j);
    (!mid.is_empty()).then_some((pre, mid, suf))
}

/// The longest name [`affixed`] reads; longer ones are values whole.
const AFFIXED_LEN: usize = 256;

/// Whether `v` reads as a locale: a language's ISO 639-1 code (`de`), a region of two
/// capitals after it or not (`pt_BR`, `zh_CN`). Codes, not any two letters: short ids of
/// two letters are as many.
fn locale(v: &str) -> bool {
    let (lang, region) = v.split_once('_').unwrap_or((v, ""));
    lang.len() == 2
        && ISO_639_1.split(' ').any(|c| c == lang)
        && (region.is_empty() || region.len() == 2 && region.bytes().all(|c| c.is_ascii_uppercase()))
}

/// The languages' two-letter codes (ISO 639-1).
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv \
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig \
    ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn \
    mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk \
    sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za \
    zh zu";

/// Whether `v` reads as an image's size: width `x` height, a scale after it or not
/// (`64x64`, `128x128@2`).
fn dimensions(v: &str) -> bool {
    let (size, scale) = v.split_once('@').unwrap_or((v, "1"));
    size.split_once('x').is_some_and(|(w, h)| {
        [w, h, scale.trim_end_matches('x')]
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 5 && !n.starts_with('0') && n.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// Whether `v` reads as a release's version: numbers joined by dots, two to four
/// (`2.1.0`, `1.15`).
fn semver(v: &str) -> bool {
    let parts = v.split('.').count();
    (2..=4).contains(&parts)
        && v.split('.').all(|p| (1..=6).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
}

/// How many different locales one word and one ending must name to be read as values
/// beside fixed text on their own (see [`Node::join_affixed`]): a few two-letter names
/// after a word are as often a user's regions or environments (`acme-eu`, `acme-us`).
const LOCALE_VALUES: usize = 6;

impl Node {
    /// Notes a value `k` this parameter takes, literal or an id (see [`Node::affix`]).
    pub(super) fn took(&mut self, k: &str) {
        match &mut self.common {
            Some(mine) => mine.narrow_to(k),
            None => self.common = Some(Box::new(Common::of(k))),
        }
    }

    /// Takes the literal child `k` (`n`) into this parameter.
    pub(super) fn take_value(&mut self, k: &str, n: Node) {
        self.took(k);
        self.absorb(n);
    }

    /// The fixed text before and after this parameter's values, where there is some: a word
    /// of small letters all of them begin with, a digit right after it in each, two different
    /// values or more, the values ids (Telegram's `bot{id}`, `bot6510451795:AA…`; not a hex word,
    /// `cafe`, nor a type prefix with its `_`, `cus_`, part of the id); or, where every value
    /// was a literal taken as one, [`AFFIX_VALUES`] or more, a scale all of them end with
    /// (`{y}@2x`). Never the whole of a value.
    pub(super) fn affix(&self) -> Option<(&str, &str)> {
        let c = self.common.as_deref()?;
        if !self.prefixes.is_empty() || self.only.is_some() {
            return None;
        }
        let w = c.pre.bytes().take_while(u8::is_ascii_lowercase).count();
        let word = &c.pre[..w];
        if c.glued && self.varied && c.two && (3..=8).contains(&w) && !word.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some((word, ""));
        }
        if c.values < AFFIX_VALUES || self.varied || !c.two {
            return None;
        }
        let suf = c.suf.rfind('@').map_or("", |i| &c.suf[i..]);
        (scale(suf) && suf.len() < c.shortest).then_some(("", suf))
    }

    /// Joins literal children named by words and a value (`binary-amd64`,
    /// `binary-arm64`, ...; `Contents-udeb-amd64.gz`; `@brewster`; see [`affixed`]) into one
    /// literal keyed `binary-⟨⟩`: [`AFFIX_VALUES`] or more with the same words and
    /// extensions, no value an API's version (`v2`), none answering with a response shape no
    /// sibling gives, all leaves or all with a name below in common, and
    /// - two or more of their values (with letters) named here beside another word with
    ///   other extensions (`Contents-amd64.gz` beside `binary-amd64/`), or more than
    ///   [`AFFIX_VALUES`] beside another word in files where these are directories
    ///   (`Contents-amd64`); directories with such a partner need no name in common below;
    /// - or most of their values, two or more, joined beside such a partner elsewhere in the
    ///   API in this learn (`debian-installer/binary-amd64`, `dep11/Components-amd64.yml`);
    /// - or values of a kind no word chooses: [`LOCALE_VALUES`] or more locales, English or
    ///   one with a region among them, or ten (`Translation-de.bz2`), sizes (`icons-64x64.tar.gz`), and, all leaves,
    ///   handles after their sigil (`/details/@brewster`) or versions of the one name every
    ///   literal here has (`hex-2.1.0.ez`).
    ///
    /// Fewer join a literal joined before here, or one of the same words with another ending
    /// joined here whose values they are (`Translation-en.xz` beside `Translation-⟨⟩.bz2`),
    /// or, versions and leaves, the same name joined elsewhere (`hex-⟨⟩.ez` under another
    /// release); a parameter whose values ([`AFFIX_NAMES`] at most) all are such names, merged
    /// where their partner was not seen, joins too. Values joined for their kind or as met
    /// elsewhere are no evidence elsewhere. Not at the top of the API (its collections).
    pub(super) fn join_affixed(&mut self, top: bool, cx: &Cx, at: &str) {
        if top || self.lits.len() + usize::from(self.param.is_some()) == 0 {
            return;
        }
        let mut groups: std::collections::BTreeMap<(&str, &str), Vec<(&String, &str)>> = Default::default();
        for k in self.lits.keys() {
            if let Some((pre, mid, suf)) = affixed(k) {
                groups.entry((pre, suf)).or_default().push((k, mid));
            }
        }
        let named = |p: &Node| p.common.as_deref().is_some_and(|c| c.names.is_some());
        if groups.is_empty() && !self.param.as_deref().is_some_and(named) {
            return;
        }
        let sig_count = self.specific_sigs(cx);
        let leaf = |n: &Node| n.lits.len() == 0 && n.param.is_none();
        // Each join with its reason, and whether its values are evidence elsewhere (a
        // partner's only: values joined for their kind, or as met elsewhere, spread no
        // further).
        let mut joins: Vec<(String, Vec<String>, &str, bool)> = Vec::new();
        for ((pre, suf), members) in &groups {
            let key = format!("{pre}{AFFIX}{suf}");
            let nodes: Vec<&Node> = members.iter().filter_map(|(k, _)| self.lits.get(k)).collect();
            let leaves = nodes.iter().all(|n| leaf(n));
            let distinct: std::collections::HashSet<&str> = members.iter().map(|(_, m)| *m).collect();
            let versions = distinct.iter().all(|m| semver(m));
            // Joined before here, or the same word with another ending joined here and these
            // values joined so (`Translation-en.xz` beside `Translation-⟨⟩.bz2`, `en` one of
            // its values); or versions of one name joined so elsewhere, all leaves
            // (`hex-⟨⟩.ez` under one release of Elixir, `hex-2.1.0.ez` alone under another).
            let joined_before = self.lits.contains_key(&key) || {
                let keys = cx.affix_keys.borrow();
                leaves && versions && keys.contains_key(&key)
                    || self
                        .lits
                        .keys()
                        .filter(|k| k.strip_prefix(*pre).is_some_and(|r| r.starts_with(AFFIX)))
                        .any(|k| keys.get(k).is_some_and(|theirs| members.iter().all(|(_, m)| theirs.contains(*m))))
            };
            let enough = members.len() >= AFFIX_VALUES || joined_before && !members.is_empty();
            let values = members.iter().all(|(_, m)| !looks_like_version(m));
            // The same values beside other fixed text here, two or more, another word in
            // another kind of name (`amd64` in the directory `binary-amd64` and the file
            // `Contents-amd64.gz`, an archive's index of each architecture): one word before
            // values is a naming habit (`rg-`, `prod_`, `acme-`: a user's resource groups,
            // indexes, buckets), so are words before a few values each (`search-dev`,
            // `orders-dev`: a user's secrets by service and environment), and one name in
            // several formats (`sku_1234.jpg`, `sku_1234.png`: a user's images). Directories
            // and files with one ending are two kinds too, on more values
            // ([`AFFIX_VALUES`] and one: `binary-amd64/` and `Contents-amd64`; a user's
            // `search-dev/` and `orders-dev` by three environments are not).
            let kind = |of: &[(&String, &str)]| of.iter().all(|(k, _)| self.lits.get(k).is_some_and(leaf));
            let shared = |theirs: &[(&String, &str)]| {
                theirs
                    .iter()
                    .filter(|(_, m)| m.bytes().any(|c| c.is_ascii_alphabetic()) && members.iter().any(|(_, x)| x == m))
                    .count()
            };
            let partner = groups.iter().any(|(other, theirs)| {
                other.0 != *pre
                    && (other.1 != *suf && shared(theirs) >= 2
                        || kind(theirs) != kind(members) && shared(theirs) > AFFIX_VALUES)
            });
            // Or most of the values (two or more, with letters) joined so beside a partner
            // elsewhere in the API (`binary-amd64` under `debian-installer/`,
            // `Components-amd64.yml` under `dep11/`).
            let met = {
                let joined = cx.affix_values.borrow();
                let met = members
                    .iter()
                    .filter(|(_, m)| m.bytes().any(|c| c.is_ascii_alphabetic()) && joined.contains(*m))
                    .count();
                met >= 2 && met * 2 > members.len()
            };
            // Or values of a kind no word chooses: locales (`Translation-de`, ...; English
            // or one with a region among them, or ten: European countries' codes are
            // languages' too, `edge-de`, `edge-fr`, and no country is `en`), sizes (`icons-64x64`, ...); or, all leaves, handles after their
            // sigil (`@brewster`, ...), or versions after the one word every name here has
            // (`hex-2.1.0.ez`: a fixed name, versioned).
            let kinded = if distinct.len() >= LOCALE_VALUES
                && distinct.iter().all(|m| locale(m))
                && (distinct.len() >= 10 || distinct.iter().any(|m| m.contains('_') || m.starts_with("en")))
            {
                Some("locales")
            } else if distinct.len() < AFFIX_VALUES {
                None
            } else if distinct.iter().all(|m| dimensions(m)) {
                Some("sizes")
            } else if leaves && *pre == "@" {
                Some("handles after their sigil")
            } else if leaves && members.len() == self.lits.len() && versions {
                Some("versions of the one name here")
            } else {
                None
            };
            // Directories with a partner need no name in common below them: a sidecar sees
            // `binary-amd64/Packages` and `binary-arm64/Release`.
            let alike = leaves || {
                let mut names = nodes.iter().map(|n| n.lits.keys().collect::<std::collections::HashSet<_>>());
                let first = names.next().unwrap_or_default();
                let all_params = nodes.iter().all(|n| n.param.is_some());
                all_params
                    || (partner || met) && !nodes.iter().any(|n| leaf(n))
                    || names.fold(first, |a, b| &a & &b).iter().next().is_some()
            };
            let why = if partner {
                "the values met beside another word too"
            } else if met {
                "the values joined so elsewhere"
            } else {
                kinded.unwrap_or("beside the same name joined")
            };
            let alike = alike && (partner || met || kinded.is_some() || joined_before);
            if enough && values && alike && !nodes.iter().any(|n| n.answers_alone(&sig_count, cx)) {
                joins.push((key, members.iter().map(|(k, _)| (*k).clone()).collect(), why, partner));
            }
        }
        // A parameter whose values all were such names, merged where their partner was not
        // seen (a component with the architectures' directories alone), joins the literal
        // they make.
        let param_key = self.param.as_deref().and_then(|p| p.common.as_deref()).and_then(|c| {
            let names = c.names.as_ref()?;
            let mut keys = names.iter().map(|n| affixed(n).map(|(pre, _, suf)| format!("{pre}{AFFIX}{suf}")));
            let first = keys.next()??;
            (names.len() >= 2 && keys.all(|k| k.as_deref() == Some(first.as_str()))).then_some(first)
        });
        let param_key = param_key.filter(|key| self.lits.contains_key(key) || joins.iter().any(|(k, ..)| k == key));
        for (key, members, why, partnered) in joins {
            if !cx.trial.get() && partnered {
                let mut joined = cx.affix_values.borrow_mut();
                joined.extend(members.iter().filter_map(|k| affixed(k)).map(|(_, m, _)| m.to_owned()));
            }
            if !cx.trial.get() {
                let mut keys = cx.affix_keys.borrow_mut();
                let values = keys.entry(key.clone()).or_default();
                // (Bounded as the children are.)
                for (_, m, _) in members.iter().filter_map(|k| affixed(k)) {
                    if values.len() < MAX_CHILDREN {
                        values.insert(m.to_owned());
                    }
                }
            }
            if cx.show() {
                eprintln!("learn: {at}/{} <- {members:?}: names beside fixed text", key.replace(AFFIX, "{}"));
            }
            let mut union = self.lits.remove(&key).unwrap_or_default();
            for k in &members {
                if let Some(n) = self.lits.remove(k) {
                    union.values += 1;
                    union.absorb(n);
                }
            }
            // Counts only, as for the parameters (see `Node::learn`).
            union.why = Some(format!(
                "names beside fixed text: one word and a value, {why}: {} values merged, {} requests",
                union.values, union.count
            ));
            *self.lits.entry_or_default(&key) = union;
        }
        if let Some(key) = param_key
            && let Some(p) = self.param.take()
        {
            if cx.show() {
                eprintln!("learn: {at}/{} <- {{}}: a parameter of names beside fixed text", key.replace(AFFIX, "{}"));
            }
            let union = self.lits.entry_or_default(&key);
            union.values += p.values;
            union.absorb(*p);
        }
    }
}
