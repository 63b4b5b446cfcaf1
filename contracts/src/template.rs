//! Path templating: concrete paths to endpoint templates (`/users/42` → `/users/{user_id}`).
//!
//! This is the pattern-based templater: a segment is a parameter when its value looks like an
//! id (integer, UUID, long hex, date, email, long mixed base62). User-given route templates
//! override it. Learning templates from value variety and response shapes is the next step
//! (issue "Path templating from traffic").

use crate::format::{self, Format};

/// A route template given by the user or a mock: `/users/{id}` (also `:id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    segs: Vec<Seg>,
    text: String,
    /// The whole template as text and names, kept only when a name comes twice (a file name
    /// made of the path's values, `/{id}/{version}/{id}.{version}.nupkg`): the values it
    /// takes must agree.
    repeats: Option<Box<[Piece]>>,
}

/// A piece of a template whose names repeat: text, or a parameter's name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(Box<str>),
    Name(Box<str>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Lit(String),
    /// A parameter, with the literal text around it in its segment: `{sid}.json` is
    /// `("", ".json")`, a whole segment `("", "")`.
    Param(Affix),
}

/// The literal text before and after a parameter in its segment (`v{major}`, `{sid}.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Affix {
    pre: Box<str>,
    suf: Box<str>,
}

impl Affix {
    /// Whether a path segment is a value of the parameter: the affixes around some text.
    fn takes(&self, seg: &str) -> bool {
        seg.len() > self.pre.len() + self.suf.len() && seg.starts_with(&*self.pre) && seg.ends_with(&*self.suf)
    }

    /// How specific: a bare parameter 0, then by the length of the text around it.
    fn rank(&self) -> usize {
        if self.pre.is_empty() && self.suf.is_empty() { 0 } else { 1 + self.pre.len() + self.suf.len() }
    }
}

/// A template segment's parameter: the text before it, its name and the text after it
/// (`{sid}.json`: `("", "sid", ".json")`; `:id` is `("", "id", "")`). Several in one
/// segment are one, from the first brace to the last (GitHub's `{base}...{head}` is named
/// `base}...{head`). None for a literal segment, or one whose braces make no parameter.
pub fn param_parts(seg: &str) -> Option<(&str, &str, &str)> {
    if let Some(name) = seg.strip_prefix(':') {
        return Some(("", name, ""));
    }
    let open = seg.find('{')?;
    let close = seg.rfind('}').filter(|&c| c > open)?;
    let (pre, name, suf) = (&seg[..open], &seg[open + 1..close], &seg[close + 1..]);
    (!pre.contains('}') && !suf.contains('{')).then_some((pre, name, suf))
}

/// The names of a template segment's parameters, in order: `{id}.{version}.nupkg` has two,
/// `:id` one, a literal none.
pub fn param_names(seg: &str) -> Vec<&str> {
    if let Some(name) = seg.strip_prefix(':') {
        return vec![name];
    }
    let mut out = Vec::new();
    let mut rest = seg;
    while let Some((_, tail)) = rest.split_once('{') {
        let Some((name, after)) = tail.split_once('}') else { break };
        out.push(name);
        rest = after;
    }
    out
}

/// The format extensions an API may add to a path's last segment (`/Calls/{sid}.json`:
/// Twilio, Shopify, Zendesk, Rails, Datasette): learned as how the path ends, not as part of
/// its last value or name.
pub(crate) const FORMAT_EXTENSIONS: [&str; 2] = [".json", ".xml"];

/// File extensions: a dotted name ending in one is a file's name (`openapi.json`,
/// `robots.txt`, `report.pdf`), which an API may serve as an endpoint of its own.
pub(crate) const FILE_EXTENSIONS: [&str; 103] = [
    "json", "xml", "yaml", "yml", "txt", "html", "htm", "csv", "tsv", "md", "pdf", "png", "jpg", "jpeg", "gif", "svg",
    "ico", "webp", "js", "mjs", "css", "map", "zip", "gz", "tgz", "tar", "bz2", "xz", "whl", "jar", "nupkg", "gem",
    "deb", "rpm", "wasm", "atom", "rss", "ics", "db", "sqlite", "php", "asp", "aspx", "jsp", "cgi", "do", "action",
    "svc", "asmx", "pl", "nuspec", "pom", "module", "asc", "sha1", "sha256", "sha512", "md5", "dsc", "crate", "mp4",
    "m4s", "m4a", "m3u8", "mpd", "ts", "webm", "mp3", "ogg", "wav", "flac", "avif", "bmp", "tif", "tiff", "heic",
    "woff", "woff2", "ttf", "vtt", "srt", "7z", "zst", "sig", "apk", "msi", "dmg", "iso", "exe", "docx", "xlsx",
    "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "rtf", "epub", "vcf", "pbf", "mvt",
];

/// A path's last segment split at a format extension ([`FORMAT_EXTENSIONS`]): (`CA12`,
/// `.json`) for `CA12.json`; None without one, or with nothing before it.
pub(crate) fn split_extension(seg: &str) -> Option<(&str, &'static str)> {
    FORMAT_EXTENSIONS.iter().find_map(|e| seg.strip_suffix(e).filter(|stem| !stem.is_empty()).map(|stem| (stem, *e)))
}

/// Whether the letters of `b` (12 or more) are of random case: a third or more of them of
/// each case, and the case changing between at least 2 in 5 pairs of neighbouring letters
/// (three in four random ids of 22 letters and digits; `listAPIKeysForUser` reaches 6 in 17).
fn random_letters(b: &[u8]) -> bool {
    // (Counted as it goes: no copy of the letters, on the recorder's path.)
    let (mut n, mut upper, mut changes, mut last) = (0usize, 0usize, 0usize, None);
    for c in b.iter().filter(|c| c.is_ascii_alphabetic()) {
        let up = c.is_ascii_uppercase();
        n += 1;
        upper += usize::from(up);
        changes += usize::from(last.is_some_and(|l| l != up));
        last = Some(up);
    }
    n >= 12 && upper * 3 >= n && (n - upper) * 3 >= n && changes * 5 >= (n - 1) * 2
}

/// Whether a segment is words joined by `-` or `_`, each a word in small letters (a capital
/// first or not) with a number of at most three digits after it, or a number of at most four
/// (`registration5-gz-semver2`, NuGet's registration hive; `release-2024-v12`): a name,
/// however long and however many digits. Random parts are no such words: digits among the
/// letters (`9yxdr3u36kg4`), capitals inside (`ESxpw7EpqAGpU`), long numbers.
fn joined_words(b: &[u8]) -> bool {
    let mut parts = 0;
    for part in b.split(|c| matches!(c, b'-' | b'_')) {
        parts += 1;
        let letters = part.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let (word, number) = part.split_at(letters);
        let word = match word.split_first() {
            None => (1..=4).contains(&number.len()),
            Some((_, rest)) => rest.iter().all(u8::is_ascii_lowercase) && number.len() <= 3,
        };
        if !word || !number.iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    parts >= 2
}

/// The most pieces (text and names) of a template whose repeated names are checked.
const MAX_PIECES: usize = 64;

/// A template's text and names, in order (`/{id}/{id}.nuspec`: `/`, id, `/`, id, `.nuspec`).
fn pieces(text: &str) -> Box<[Piece]> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((before, tail)) = rest.split_once('{') {
        let Some((name, after)) = tail.split_once('}') else { break };
        if !before.is_empty() {
            out.push(Piece::Text(before.into()));
        }
        out.push(Piece::Name(name.into()));
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.into()));
    }
    out.into_boxed_slice()
}

/// Whether `pieces` take all of `s`, a name taking the same value wherever it comes and
/// never a `/`; `budget` bounds the values tried (a name's first value is tried at every
/// length, as routers with such templates do).
fn bind<'p, 's>(pieces: &'p [Piece], s: &'s str, bound: &mut Vec<(&'p str, &'s str)>, budget: &mut usize) -> bool {
    let Some((first, rest)) = pieces.split_first() else { return s.is_empty() };
    match first {
        Piece::Text(t) => s.strip_prefix(&**t).is_some_and(|s| bind(rest, s, bound, budget)),
        Piece::Name(n) => {
            if let Some(&(_, v)) = bound.iter().find(|(m, _)| *m == &**n) {
                return s.strip_prefix(v).is_some_and(|s| bind(rest, s, bound, budget));
            }
            let end = s.find('/').unwrap_or(s.len());
            for i in (1..=end).filter(|&i| s.is_char_boundary(i)) {
                // (Each position examined counts: the text after it is compared there.)
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                // Only where the text after the name begins, or at the end.
                let fits = match rest.first() {
                    None => i == s.len(),
                    Some(Piece::Text(t)) => s[i..].starts_with(&**t),
                    Some(Piece::Name(_)) => true,
                };
                if !fits {
                    continue;
                }
                bound.push((n, &s[..i]));
                if bind(rest, &s[i..], bound, budget) {
                    return true;
                }
                bound.pop();
            }
            false
        }
    }
}

/// A malformed route template.
#[derive(Debug, thiserror::Error)]
#[error("invalid route template {template:?}: {reason}")]
pub struct RouteError {
    /// The template.
    pub template: String,
    /// What is wrong.
    pub reason: &'static str,
}

impl Route {
    /// Parses `/a/{b}/c` or `/a/:b/c`.
    pub fn parse(template: &str) -> Result<Self, RouteError> {
        if !template.starts_with('/') {
            return Err(RouteError { template: template.to_owned(), reason: "must start with '/'" });
        }
        let mut segs = Vec::new();
        let mut text = String::new();
        // The names of whole segments, every name, and whether one comes twice.
        let mut bare_names = std::collections::HashSet::new();
        let mut all_names = std::collections::HashSet::new();
        let mut repeated = false;
        for seg in template.split('/').skip(1) {
            text.push('/');
            match param_parts(seg) {
                Some((_, n, _)) if n.is_empty() || param_names(seg).contains(&"") => {
                    return Err(RouteError { template: template.to_owned(), reason: "empty parameter name" });
                }
                Some((pre, n, suf)) => {
                    // A name may come again in a segment with text around it: a file name
                    // made of the path's values (`/{id}/{version}/{id}.nuspec`), not as a
                    // whole segment twice (`/{id}/x/{id}`).
                    let list = if seg.starts_with(':') { vec![n] } else { param_names(seg) };
                    let bare = pre.is_empty() && suf.is_empty() && list.len() == 1;
                    if bare && !bare_names.insert(list[0]) {
                        return Err(RouteError { template: template.to_owned(), reason: "duplicate parameter name" });
                    }
                    for name in list {
                        repeated |= !all_names.insert(name);
                    }
                    text.push_str(&format!("{pre}{{{n}}}{suf}"));
                    segs.push(Seg::Param(Affix { pre: pre.into(), suf: suf.into() }));
                }
                None if seg.contains(['{', '}']) => {
                    return Err(RouteError { template: template.to_owned(), reason: "unbalanced braces" });
                }
                None => {
                    text.push_str(seg);
                    segs.push(Seg::Lit(seg.to_owned()));
                }
            }
        }
        // (Not for a template of hundreds of names: the search recurses once a piece.)
        let repeats = repeated.then(|| pieces(&text)).filter(|p| p.len() <= MAX_PIECES);
        Ok(Self { segs, text, repeats })
    }

    /// The template, in `{name}` form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether a concrete path matches.
    pub fn matches(&self, path: &str) -> bool {
        let mut parts = path.split('/').skip(1);
        for seg in &self.segs {
            let Some(p) = parts.next() else { return false };
            let ok = match seg {
                Seg::Lit(l) => l == p,
                Seg::Param(a) => a.takes(p),
            };
            if !ok {
                return false;
            }
        }
        parts.next().is_none() && self.agrees(path)
    }

    /// Whether the values of each name given more than once are equal in `path` (a path the
    /// segments match): `/{id}/{version}/{id}.nuspec` takes `/serilog/2.0.1/serilog.nuspec`,
    /// not `/serilog/2.0.1/x.nuspec`. True when no name repeats, and when the search does
    /// not decide within its bound (4,096 positions examined: names side by side without
    /// text between them, `{a}{b}`, or a long segment of the separators between names).
    fn agrees(&self, path: &str) -> bool {
        let Some(pieces) = &self.repeats else { return true };
        let mut bound = Vec::new();
        let mut budget = 4_096usize;
        let path = path.split('?').next().unwrap_or(path);
        bind(pieces, path, &mut bound, &mut budget) || budget == 0
    }

    /// The route that matches `path` once some of this route's literal segments are read as
    /// parameters, and how many: `/repos/acme/spark/pulls/{pull_number}` widened to
    /// `/repos/test-org/test-repo/pulls/1` is `/repos/{owner}/{repo}/pulls/{pull_number}`, 2.
    /// None when `path` matches already, has another number of segments, or shares fewer
    /// literal segments with the route than it would turn into parameters (`/a/b` is no
    /// evidence for `/{x}/{y}`). New parameters are named as learned ones are; the route's
    /// own keep their names.
    pub fn widened_to(&self, path: &str) -> Option<(String, usize)> {
        if !path.starts_with('/') {
            return None;
        }
        let parts: Vec<&str> = path.split('?').next().unwrap_or(path).split('/').skip(1).collect();
        if parts.len() != self.segs.len()
            || parts.iter().any(|p| p.is_empty())
            || self.segs.iter().zip(&parts).any(|(s, p)| matches!(s, Seg::Param(a) if !a.takes(p)))
        {
            return None;
        }
        let widened: Vec<bool> =
            self.segs.iter().zip(&parts).map(|(s, p)| matches!(s, Seg::Lit(l) if l != p)).collect();
        let n = widened.iter().filter(|w| **w).count();
        let kept = self.segs.iter().zip(&widened).filter(|(s, w)| matches!(s, Seg::Lit(_)) && !**w).count();
        if n == 0 || kept < n {
            return None;
        }
        let texts: Vec<&str> = self.text.split('/').skip(1).collect();
        let kinds = self.segs.iter().zip(&widened).zip(&texts).map(|((s, w), t)| match s {
            Seg::Lit(_) if !*w => (*t, SegKind::Literal),
            _ => ("", SegKind::Slug),
        });
        let named = name_params(kinds);
        // The route's own parameters keep their names; a new one whose name is taken is
        // numbered.
        let mut used: Vec<String> =
            texts.iter().filter_map(|t| param_parts(t)).map(|(_, n, _)| format!("{{{n}}}")).collect();
        let mut out = String::new();
        for ((seg, w), (t, n)) in self.segs.iter().zip(&widened).zip(texts.iter().zip(named.split('/').skip(1))) {
            out.push('/');
            match seg {
                Seg::Param(_) => out.push_str(t),
                Seg::Lit(_) if *w => {
                    let mut name = n.to_owned();
                    let mut i = 2;
                    while used.contains(&name) {
                        name = format!("{}{i}}}", n.trim_end_matches('}'));
                        i += 1;
                    }
                    out.push_str(&name);
                    used.push(name);
                }
                Seg::Lit(_) => out.push_str(t),
            }
        }
        Route::parse(&out).ok().map(|_| (out, n))
    }

    /// How many segments are literal (more literal = more specific).
    pub fn literals(&self) -> usize {
        self.segs.iter().filter(|s| matches!(s, Seg::Lit(_))).count()
    }

    /// Orders routes matching one path, most specific last: more literal segments, then, as
    /// routers match segment by segment, a literal at the first position where they differ
    /// (`/a/b/{y}` over `/a/{x}/c`). Parameter names never decide.
    /// A parameter with text around it in its segment (`{sid}.json`) is over a bare one, by
    /// the length of that text.
    fn specificity(&self, other: &Route) -> std::cmp::Ordering {
        let ranks = |r: &Route| r.segs.iter().map(Seg::rank).collect::<Vec<usize>>();
        self.literals().cmp(&other.literals()).then_with(|| ranks(self).cmp(&ranks(other)))
    }
}

impl Seg {
    /// How specific a segment is: a literal over any parameter, one with text around it
    /// over a bare one.
    fn rank(&self) -> usize {
        match self {
            Seg::Lit(_) => usize::MAX,
            Seg::Param(a) => a.rank(),
        }
    }
}

/// Of the given templates, the one a concrete path matches, preferring the most literal
/// segments (`/users/me` over `/users/{user_id}`), then literals first from the left
/// (`/a/b/{y}` over `/a/{x}/c`), then the smallest text for determinism.
pub fn resolve<'a>(templates: impl IntoIterator<Item = &'a str>, path: &str) -> Option<&'a str> {
    templates
        .into_iter()
        .filter_map(|t| Route::parse(t).ok().filter(|r| r.matches(path)).map(|r| (r, t)))
        .max_by(|a, b| a.0.specificity(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, t)| t)
}

/// Like [`resolve`] over routes parsed once (for matching many paths).
pub fn best_match<'a>(routes: &'a [Route], path: &str) -> Option<&'a Route> {
    routes.iter().filter(|r| r.matches(path)).max_by(|a, b| a.specificity(b).then(b.as_str().cmp(a.as_str())))
}

/// Routes indexed by segment (a trie), for matching many paths against many routes: each
/// lookup walks the path's segments, not the routes. Picks what [`best_match`] picks.
#[derive(Clone, Debug, Default)]
pub struct RouteSet {
    routes: Vec<Route>,
    nodes: Vec<RouteNode>,
}

#[derive(Clone, Debug, Default)]
struct RouteNode {
    lits: std::collections::HashMap<String, usize>,
    /// Parameters, each with its affixes: the least specific first ([`Seg::rank`]).
    params: Vec<(Affix, usize)>,
    /// Routes ending here, smallest text first.
    ends: Vec<usize>,
}

impl RouteSet {
    /// Indexes `routes`.
    pub fn new(routes: Vec<Route>) -> Self {
        let mut nodes = vec![RouteNode::default()];
        for (i, r) in routes.iter().enumerate() {
            let mut at = 0;
            for seg in &r.segs {
                let next = match seg {
                    Seg::Lit(l) => nodes[at].lits.get(l).copied(),
                    Seg::Param(a) => nodes[at].params.iter().find(|(x, _)| x == a).map(|(_, n)| *n),
                };
                at = match next {
                    Some(n) => n,
                    None => {
                        nodes.push(RouteNode::default());
                        let n = nodes.len() - 1;
                        match seg {
                            Seg::Lit(l) => {
                                nodes[at].lits.insert(l.clone(), n);
                            }
                            Seg::Param(a) => {
                                let params = &mut nodes[at].params;
                                params.push((a.clone(), n));
                                params.sort_by_key(|(a, _)| a.rank());
                            }
                        }
                        n
                    }
                };
            }
            nodes[at].ends.push(i);
        }
        for n in &mut nodes {
            n.ends.sort_by(|&a, &b| routes[a].text.cmp(&routes[b].text));
        }
        Self { routes, nodes }
    }

    /// The routes, as given.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// Whether there are no routes.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// The route a concrete path matches, as [`best_match`] picks it: the most literal
    /// segments, then literals first from the left, then the smallest text. Literal children
    /// are tried first; branches that cannot have as many literals as the best so far are
    /// not walked, and a match with as many is compared with it as [`best_match`] compares
    /// (two parameters with text around them may both take a segment: `a{x}` and `{x}b`).
    pub fn best(&self, path: &str) -> Option<&Route> {
        if self.routes.is_empty() {
            return None;
        }
        let segs: Vec<&str> = path.split('/').skip(1).collect();
        let mut best: Option<(usize, usize)> = None;
        // (node, depth, literals so far)
        let mut stack: Vec<(usize, usize, usize)> = vec![(0, 0, 0)];
        while let Some((at, depth, lits)) = stack.pop() {
            if best.is_some_and(|(l, _)| lits + (segs.len() - depth) < l) {
                continue;
            }
            let node = &self.nodes[at];
            let Some(seg) = segs.get(depth) else {
                // (Routes ending at one node differ only in their parameters' names.)
                if let Some(&r) = node.ends.iter().find(|&&r| self.routes[r].agrees(path)) {
                    let better = best.is_none_or(|(l, b)| {
                        let (new, old) = (&self.routes[r], &self.routes[b]);
                        lits > l
                            || lits == l
                                && new.specificity(old).then(old.text.cmp(&new.text)) == std::cmp::Ordering::Greater
                    });
                    if better {
                        best = Some((lits, r));
                    }
                }
                continue;
            };
            // Pushed params first, the least specific first, so that the literal child is
            // walked first.
            for (a, p) in &node.params {
                if a.takes(seg) {
                    stack.push((*p, depth + 1, lits));
                }
            }
            if let Some(&l) = node.lits.get(*seg) {
                stack.push((l, depth + 1, lits + 1));
            }
        }
        best.map(|(_, r)| &self.routes[r])
    }

    /// The routes naming the same endpoint as `template`, in the order given: same segment
    /// count, equal literals, and a parameter of the route wherever the template has a
    /// parameter or a literal the route's parameter takes.
    pub fn same_endpoint(&self, template: &Route) -> Vec<&Route> {
        if self.routes.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<usize> = Vec::new();
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        while let Some((at, depth)) = stack.pop() {
            let node = &self.nodes[at];
            let Some(seg) = template.segs.get(depth) else {
                out.extend(node.ends.iter().copied());
                continue;
            };
            for (a, p) in &node.params {
                // A parameter of the route takes the template's parameter with the same
                // affixes, a bare one any, and a literal it matches.
                let takes = match seg {
                    Seg::Lit(l) => a.takes(l),
                    Seg::Param(b) => a == b || a.rank() == 0,
                };
                if takes {
                    stack.push((*p, depth + 1));
                }
            }
            if let Seg::Lit(l) = seg
                && let Some(&n) = node.lits.get(l)
            {
                stack.push((n, depth + 1));
            }
        }
        // In the order the routes were given.
        out.sort_unstable();
        out.into_iter().map(|r| &self.routes[r]).collect()
    }
}

/// Why each parameter of `template` is one, from concrete paths recorded for it: the value
/// patterns seen there, or a route given by the user, an OpenAPI document or a mock when the
/// values have no pattern.
pub fn explain(template: &str, samples: &[&str]) -> Vec<(String, String)> {
    let segs: Vec<&str> = template.split('/').collect();
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, seg) in segs.iter().enumerate() {
        let Some((pre, name, suf)) = param_parts(seg) else { continue };
        // A file name made of the values before it (`{id}.{version}.nupkg`): named by its
        // segment, explained by them.
        let names = param_names(seg);
        if !(pre.is_empty() && suf.is_empty()) && names.iter().all(|n| seen.contains(n)) {
            let list: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
            out.push((
                (*seg).to_owned(),
                format!("a file name made of the values of {} before it", list.join(" and ")),
            ));
            continue;
        }
        seen.extend(names);
        let values: Vec<&str> = samples
            .iter()
            .filter_map(|p| p.split('?').next().and_then(|p| p.split('/').nth(i)))
            .filter_map(|v| v.strip_prefix(pre).and_then(|v| v.strip_suffix(suf)))
            .collect();
        let mut reasons: Vec<&str> = values.iter().filter_map(|v| param_reason(v)).collect();
        reasons.sort_unstable();
        reasons.dedup();
        let shown: Vec<&str> = values.iter().take(3).copied().collect();
        let why = if reasons.is_empty() {
            "not learned in this store: a route template given (--route, routes = [...], --openapi, a mock's \
             urlPathTemplate), or one a merged snapshot learned"
                .to_owned()
        } else {
            format!("{} value{}", reasons.join(" or "), if reasons.len() > 1 { "s" } else { "" })
        };
        let eg = if shown.is_empty() { String::new() } else { format!(" (seen: {})", shown.join(", ")) };
        out.push((name.to_owned(), format!("{why}{eg}")));
    }
    out
}

/// Why a segment is a parameter, for `--explain`.
pub fn param_reason(seg: &str) -> Option<&'static str> {
    if seg.is_empty() {
        return None;
    }
    let b = seg.as_bytes();
    let f = format::detect(seg);
    if b.iter().all(u8::is_ascii_digit) {
        return Some("integer");
    }
    // A number with its check character: an ISBN-10 or ISSN whose check digit is ten
    // (`080442957X`).
    if let Some((b'X' | b'x', number)) = b.split_last()
        && number.len() >= 7
        && number.iter().all(u8::is_ascii_digit)
    {
        return Some("number with a check character");
    }
    if f.contains(Format::Uuid) {
        return Some("uuid");
    }
    if f.contains(Format::Date) || f.contains(Format::DateTime) {
        return Some("date");
    }
    if f.contains(Format::Email) {
        return Some("email");
    }
    if file_named_by_id(seg) {
        return Some("file named by an id");
    }
    // Never a literal of a template (stored, exported, a file name): a JWT, an API key, an
    // opaque token, an email.
    if let Some(secret) = crate::redact::looks_secret(seg)
        && !matches!(secret, crate::redact::Secret::Card)
    {
        return Some("secret");
    }
    // Percent-encoded too (`bot6510451795%3AAA…`, `jdoe%40acme.com`): the path is kept
    // redacted so, and a literal would keep it whole.
    if seg.contains('%')
        && crate::redact::looks_secret(&crate::redact::decode_path(seg))
            .is_some_and(|s| !matches!(s, crate::redact::Secret::Card))
    {
        return Some("secret");
    }
    // What such a value was replaced with in a path a store keeps (a sampled path, an
    // example): one placeholder for every token, which learned again would be a literal.
    if crate::redact::is_placeholder(seg) {
        return Some("secret");
    }
    if b.len() >= 8 && b.iter().all(u8::is_ascii_hexdigit) && b.iter().any(u8::is_ascii_digit) {
        return Some("hex id");
    }
    let alnum = b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'));
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let letters = b.iter().filter(|c| c.is_ascii_alphabetic()).count();
    if alnum && b.len() >= 16 && digits >= 2 && letters >= 2 && !joined_words(b) {
        return Some("base62 id");
    }
    // Longer, one digit is enough where no word is read: 26 small letters and digits are
    // Mattermost's ids, and some hold a single digit (`ymffobiisioigwtcckjdx7qfst`), with
    // five letters or digits and no vowel in a row somewhere, which names joined without a
    // break seldom have (`oauth2authorizationserver`).
    if b.len() >= 24
        && digits >= 1
        && letters >= 2
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && {
            let mut run = 0;
            b.iter().any(|c| {
                run = if c.is_ascii_digit() || b"aeiouy".contains(c) { 0 } else { run + 1 };
                run >= 5
            })
        }
    {
        return Some("base62 id");
    }
    // A long run of letters of random case, a digit or none (Spotify's
    // `iKGvTfPInvWIsJPcq6tsGU`): a third or more of the letters of each case, and the case
    // changing between two in five neighbouring letters or more, which words in camel case
    // (`listAPIKeysForUser`, `NetworkWatcherRG`) do not reach.
    // Base64url too, `-` and `_` among them (an Elasticsearch node's `ESxpw7EpqAGpU-f_ilUjbc`).
    if b.len() >= 16 && alnum && random_letters(b) {
        return Some("base62 id");
    }
    // `ord_8Kq2`, `cus_9x8y7z`: a short type prefix then an id with digits; or a random part
    // of mixed case, digits or not (`re_gZIAZvcPWEXmNt`, `acct_1Nv0FGQ9RKHgCVdK`).
    if let Some((prefix, rest)) = seg.split_once('_')
        && (2..=5).contains(&prefix.len())
        && rest.bytes().all(|c| c.is_ascii_alphanumeric())
    {
        let digits = rest.bytes().any(|c| c.is_ascii_digit());
        // Random case, not camel-case words (`get_UserProfileData`): two or more upper and
        // lower case letters, and somewhere two capitals in a row, a lone small letter between
        // capitals or four consonants in a row (`gZIAZvcPWEXmNt`, `wlJmovOgavEgfT`), which
        // words seldom have.
        let b = rest.as_bytes();
        let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
        let lower = b.iter().filter(|c| c.is_ascii_lowercase()).count();
        let up = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_lowercase());
        let consonant = |c: &u8| c.is_ascii_alphabetic() && !b"aeiouAEIOU".contains(c);
        let capitals = b.windows(2).any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
            || (0..b.len()).any(|i| b[i].is_ascii_lowercase() && (i == 0 || up(i - 1)) && up(i + 1));
        // Four consonants in a row also join two words (`BranchCreated`: "nchC"), so they
        // count only with three capitals or more.
        let odd = capitals || upper >= 3 && b.windows(4).any(|w| w.iter().all(consonant));
        let random = prefix.bytes().all(|c| c.is_ascii_lowercase()) && upper >= 2 && lower >= 2 && odd;
        if rest.len() >= 6 && digits || rest.len() >= 10 && random {
            return Some("prefixed id");
        }
    }
    None
}

/// Whether a segment is a file named by an id: an id, or a UUID or a hex digest of 32 digits
/// or more and a `-` or `_` with text after it, then one to three known file extensions
/// ([`FILE_EXTENSIONS`]): PeerTube's avatars and thumbnails (`05fb8c61-….png`), its HLS
/// fragments (`926a2fb0-…-1080-fragmented.mp4`), `12345.jpg`, `…9f3b.tar.gz`. A file
/// named by words (`README.md`), or by a version (`1.2.3.tar.gz`: `2` and `3` are no
/// extensions), is not, nor one of a site's icons (`android-chrome-192x192.png`).
fn file_named_by_id(seg: &str) -> bool {
    let Some((stem, exts)) = seg.split_once('.') else { return false };
    let known = |e: &str| FILE_EXTENSIONS.iter().any(|k| e.eq_ignore_ascii_case(k));
    if stem.is_empty() || exts.split('.').count() > 3 || !exts.split('.').all(known) {
        return false;
    }
    let headed = |head: usize| {
        stem.len() > head + 1
            && stem.is_char_boundary(head)
            && matches!(stem.as_bytes()[head], b'-' | b'_')
            && matches!(param_reason(&stem[..head]), Some("uuid" | "hex id"))
    };
    // (Not the long alphanumeric reading with dashes: `android-chrome-192x192.png`,
    // `apple-touch-icon-180x180.png` are a site's fixed icons.)
    param_reason(stem).is_some_and(|r| r != "secret" && (r != "base62 id" || !stem.contains(['-', '_'])))
        || headed(36)
        || stem.bytes().take_while(u8::is_ascii_hexdigit).count() >= 32
            && headed(stem.bytes().take_while(u8::is_ascii_hexdigit).count())
}

fn singular(word: &str) -> String {
    let w: String =
        word.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if let Some(stem) = w.strip_suffix("tuses") {
        // `statuses`
        format!("{stem}tus")
    } else if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.ends_with("sses") || w.ends_with("xes") || w.ends_with("ches") || w.ends_with("shes") {
        w[..w.len() - 2].to_owned()
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_owned()
    } else {
        w
    }
}

/// Whether a path segment names an API version: `v1`, `v2`, `v10`, `v1beta1`, `v2alpha`.
/// Not a release (`v1.2.3`, `v2.0`): those are a tag's values.
pub(crate) fn looks_like_version(seg: &str) -> bool {
    let Some(rest) = seg.strip_prefix('v').or_else(|| seg.strip_prefix('V')) else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (number, tail) = rest.split_at(digits);
    (1..=3).contains(&number.len())
        && (tail.is_empty()
            || ["alpha", "beta", "rc"]
                .iter()
                .any(|t| tail.strip_prefix(t).is_some_and(|d| d.len() <= 3 && d.bytes().all(|c| c.is_ascii_digit()))))
}

/// What stands for the value in a learned segment of fixed text around one (Debian's
/// `binary-amd64`, `binary-arm64`, ... learned as `binary-⟨⟩`), written as the parameter in
/// the template ([`name_params`]): a control character, which no request target holds.
pub(crate) const AFFIX: char = '\u{3}';

/// What a path segment is, for naming ([`name_params`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SegKind {
    /// Kept as is.
    Literal,
    /// A parameter whose values look like ids (numbers, UUIDs, hex, prefixed ids, dates).
    Id,
    /// A parameter whose values are names (learned from variety: `octocat`, `main`).
    Slug,
    /// Kept as is, but a value, not a collection's name: what the learner kept literal where
    /// a parameter's values stand (a single tenant's owner, `/repos/acme-corp/{repo}`). It
    /// names no parameter; the parameters after it are named from the literal before it.
    Value,
}

/// A template from its segments: each parameter named from the literal segment before its
/// run of parameters, unique in the template. The last parameter of a run is what the literal
/// names, `{user_id}` for ids and `{user}` for names after `users`; the ones before it scope
/// it: `{owner}` for names, `{parent_id}` for ids (`/repos/{owner}/{repo}`). Without a
/// literal before the run, or with a version before it: `{id}`, `{name}`.
pub(crate) fn name_params<'a>(segs: impl Iterator<Item = (&'a str, SegKind)>) -> String {
    let segs: Vec<(&str, SegKind)> = segs.collect();
    // A parameter after fixed text (`binary-{}`) is named by it and names what follows, as a
    // literal does: the word before it.
    let word = |seg: &'a str| {
        seg.split_once(AFFIX).and_then(|(pre, _)| pre.strip_suffix(['-', '_'])).filter(|w| !w.is_empty())
    };
    let fixed = |(seg, kind): &(&'a str, SegKind)| *kind == SegKind::Literal || word(seg).is_some();
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    for (i, &(seg, kind)) in segs.iter().enumerate() {
        out.push('/');
        if matches!(kind, SegKind::Literal | SegKind::Value) {
            out.push_str(seg);
            continue;
        }
        // (A parameter's segment is empty, or the fixed text around it: `binary-⟨⟩`.)
        let (pre, suf) = seg.split_once(AFFIX).unwrap_or(("", ""));
        let run_start = segs[..i].iter().rposition(fixed).map_or(0, |l| l + 1);
        // An API's version names no collection (`/api/v1/{name}`, not `{v1}`; nor one kept
        // literal that reads as an id: `/rest/api/2/{name}`).
        let literal = run_start
            .checked_sub(1)
            .map(|l| word(segs[l].0).unwrap_or(segs[l].0))
            .filter(|l| !l.is_empty() && !looks_like_version(l) && param_reason(l).is_none());
        let last_of_run = segs[i + 1..].iter().find(|(_, k)| *k != SegKind::Value).is_none_or(fixed);
        // A scope taken by an earlier run is named after this run's collection
        // (`/repos/{owner}/{repo}/actions/artifacts/{artifact_owner}/{artifact}`), not numbered.
        let scoped = |scope: &str, l: &str| {
            if names.iter().any(|n| n == scope) { format!("{}_{scope}", singular(l)) } else { scope.to_owned() }
        };
        let base = match (last_of_run, literal, kind) {
            _ if word(seg).is_some() => singular(&word(seg).unwrap_or_default().to_ascii_lowercase()),
            (true, Some(l), SegKind::Slug) => singular(l),
            (true, Some(l), _) => format!("{}_id", singular(l)),
            (false, Some(l), SegKind::Slug) => scoped("owner", l),
            (false, Some(l), _) => scoped("parent_id", l),
            (_, None, SegKind::Slug) => "name".to_owned(),
            (_, None, _) => "id".to_owned(),
        };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        out.push_str(pre);
        out.push('{');
        out.push_str(&name);
        out.push('}');
        out.push_str(suf);
        names.push(name);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The path under which exchanges beyond `max_endpoints_per_service` are counted. Not a
/// route template, so no mock or route ever matches it.
pub const OVERFLOW_PATH: &str = "*";

/// Learned routes, each with why each of its parameters learned from values is one: the
/// rule and its counts, by parameter name.
pub type Explained = Vec<(Route, Vec<(String, String)>)>;

/// Turns concrete paths into templates: user routes first, then templates learned from a
/// service's traffic ([`crate::learn`]), then value patterns.
#[derive(Clone, Debug, Default)]
pub struct Templater {
    routes: RouteSet,
    /// Per service, routes given when its endpoints were recorded, no longer given now.
    remembered: std::collections::BTreeMap<String, RouteSet>,
    learned: std::collections::BTreeMap<String, RouteSet>,
    /// Why each learned parameter is one, per service and template.
    why: std::collections::BTreeMap<String, std::collections::HashMap<String, Vec<(String, String)>>>,
}

impl Templater {
    /// A templater with user-given route templates, which win over inference.
    pub fn new(routes: Vec<Route>) -> Self {
        Self {
            routes: RouteSet::new(routes),
            remembered: Default::default(),
            learned: Default::default(),
            why: Default::default(),
        }
    }

    /// Sets the templates learned from `service`'s traffic (they apply to that service only).
    pub fn set_learned(&mut self, service: &str, routes: Vec<Route>) {
        self.learned.insert(service.to_owned(), RouteSet::new(routes));
        self.why.remove(service);
    }

    /// Like [`Templater::set_learned`], with why each learned parameter is one
    /// ([`crate::learn::PathLearner::learn_explained`]).
    pub fn set_learned_explained(&mut self, service: &str, routes: Explained) {
        let why =
            routes.iter().filter(|(_, w)| !w.is_empty()).map(|(r, w)| (r.as_str().to_owned(), w.clone())).collect();
        self.learned.insert(service.to_owned(), RouteSet::new(routes.into_iter().map(|(r, _)| r).collect()));
        self.why.insert(service.to_owned(), why);
    }

    /// Whether a route the user gives, or gave when an endpoint of `service` was recorded
    /// ([`Templater::set_remembered`]), templates `path`.
    pub fn given(&self, service: &str, path: &str) -> bool {
        self.routes.best(path).is_some() || self.remembered.get(service).is_some_and(|r| r.best(path).is_some())
    }

    /// The route the user gives now for `path`, if any.
    pub fn user_route(&self, path: &str) -> Option<&Route> {
        self.routes.best(path)
    }

    /// Sets, per service, the routes given when its endpoints were recorded
    /// ([`crate::Contract::given`]): below the routes given now, above what is learned.
    pub fn set_remembered(&mut self, remembered: std::collections::BTreeMap<String, Vec<Route>>) {
        self.remembered = remembered.into_iter().map(|(svc, routes)| (svc, RouteSet::new(routes))).collect();
    }

    /// Why the parameters of a learned `template` of `service` are ones, by name.
    pub fn why(&self, service: &str, template: &str) -> Option<&[(String, String)]> {
        self.why.get(service).and_then(|w| w.get(template)).map(Vec::as_slice)
    }

    /// The template of a concrete path of `service`.
    pub fn template_for(&self, service: &str, path: &str) -> String {
        if self.routes.best(path).is_none()
            && let Some(r) = [&self.remembered, &self.learned].iter().find_map(|m| m.get(service)?.best(path))
        {
            return r.as_str().to_owned();
        }
        self.template(path)
    }

    /// The template of a concrete path.
    pub fn template(&self, path: &str) -> String {
        if let Some(r) = self.routes.best(path) {
            return r.as_str().to_owned();
        }
        // A format extension stays on the path's last segment, the value before it judged
        // alone (`/Calls/CA12…34.json` is `/Calls/{call_id}.json`).
        let mut segs: Vec<&str> = path.split('/').skip(1).collect();
        let ext = segs.last_mut().and_then(|last| {
            let (stem, ext) = split_extension(last)?;
            param_reason(stem).is_some().then(|| {
                *last = stem;
                ext
            })
        });
        let mut t = name_params(
            // (A parameter's text is not passed: only the learner writes fixed text around one.)
            segs.into_iter()
                .map(|seg| if param_reason(seg).is_some() { ("", SegKind::Id) } else { (seg, SegKind::Literal) }),
        );
        t.push_str(ext.unwrap_or(""));
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_kept_literal_names_no_parameter() {
        use SegKind::*;
        assert_eq!(
            name_params([("repos", Literal), ("acme-corp", Value), ("x", Slug)].into_iter()),
            "/repos/acme-corp/{repo}"
        );
        assert_eq!(
            name_params(
                [("repos", Literal), ("acme-corp", Value), ("x", Slug), ("pulls", Literal), ("1", Id)].into_iter()
            ),
            "/repos/acme-corp/{repo}/pulls/{pull_id}"
        );
        assert_eq!(
            name_params([("repos", Literal), ("x", Slug), ("acme", Value), ("y", Slug)].into_iter()),
            "/repos/{owner}/acme/{repo}"
        );
        assert_eq!(name_params([("acme-corp", Value), ("x", Slug)].into_iter()), "/acme-corp/{name}");
    }

    #[test]
    fn a_version_names_no_parameter() {
        use SegKind::*;
        assert_eq!(name_params([("api", Literal), ("v1", Literal), ("x", Slug)].into_iter()), "/api/v1/{name}");
        assert_eq!(name_params([("v2beta1", Literal), ("1", Id)].into_iter()), "/v2beta1/{id}");
        assert_eq!(
            name_params([("v1", Literal), ("customers", Literal), ("1", Id)].into_iter()),
            "/v1/customers/{customer_id}"
        );
    }

    #[test]
    fn the_route_index_picks_what_a_scan_picks() {
        let texts = [
            "/users/me",
            "/users/{user_id}",
            "/users/{id}",
            "/users/{user_id}/repos",
            "/a/b/{y}",
            "/a/{x}/c",
            "/a/{x}/{y}/{z}",
            "/{w}/b/c/d",
            "/a/{x}/c/d",
            "/",
            "/{any}",
            "/repos/{owner}/{repo}",
            "/repos/acme/{repo}",
            "/repos/{owner}/spark",
            "/files/{name}",
            "/files/{name}.json",
            "/files/v{n}.json",
            "/files/index.json",
            "/f/{x}b",
            "/f/a{x}",
            "/a{x}/{y}.json",
            "/{x}b/{y}",
        ];
        let routes: Vec<Route> = texts.iter().map(|t| Route::parse(t).expect("route")).collect();
        let set = RouteSet::new(routes.clone());
        assert!(RouteSet::default().best("/users/me").is_none());
        let paths = [
            "/users/me",
            "/users/7",
            "/users/",
            "/users/7/repos",
            "/a/b/c",
            "/a/b/c/d",
            "/a/q/c/d",
            "/x/b/c/d",
            "/a/b/q",
            "/",
            "/health",
            "/repos/acme/spark",
            "/repos/acme/x",
            "/repos/o/spark",
            "/repos/o/x",
            "",
            "/a//c",
            "/users/me/repos",
            "/files/a.json",
            "/files/v1.json",
            "/files/index.json",
            "/files/x",
            "/files/.json",
            "/f/axb",
            "/axb/q.json",
        ];
        for p in paths {
            assert_eq!(set.best(p).map(Route::as_str), best_match(&routes, p).map(Route::as_str), "{p}");
        }
        let same = |t: &str| {
            let mut v: Vec<&str> =
                set.same_endpoint(&Route::parse(t).expect("route")).iter().map(|r| r.as_str()).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(same("/users/{id}"), ["/users/{id}", "/users/{user_id}"]);
        assert_eq!(same("/repos/acme/{r}"), ["/repos/acme/{repo}", "/repos/{owner}/{repo}"]);
    }

    #[test]
    fn templates_ids_with_readable_unique_names() {
        let t = Templater::default();
        assert_eq!(
            t.template("/users/42/orders/9f1c2e4a-0b6d-4c3e-8f2a-1b2c3d4e5f60"),
            "/users/{user_id}/orders/{order_id}"
        );
        assert_eq!(t.template("/users/me"), "/users/me");
        assert_eq!(t.template("/v2/health"), "/v2/health");
        assert_eq!(t.template("/categories/7/boxes/8"), "/categories/{category_id}/boxes/{box_id}");
        assert_eq!(t.template("/a/1/2"), "/a/{parent_id}/{a_id}");
        assert_eq!(t.template("/a/1/2/b/3/4"), "/a/{parent_id}/{a_id}/b/{b_parent_id}/{b_id}");
        assert_eq!(t.template("/1/2"), "/{id}/{id2}");
        assert_eq!(t.template("/reports/2026-11-03"), "/reports/{report_id}");
        assert_eq!(t.template("/charges/ch_3Kq8x9Lz"), "/charges/{charge_id}");
        // Prefixed ids whatever their random part holds; snake-case names stay.
        assert_eq!(t.template("/v1/refunds/re_gZIAZvcPWEXmNt"), "/v1/refunds/{refund_id}");
        assert_eq!(t.template("/v1/accounts/acct_1Nv0FGQ9RKHgCVdK"), "/v1/accounts/{account_id}");
        assert_eq!(t.template("/repos/enforce_admins"), "/repos/enforce_admins");
        assert_eq!(t.template("/x/tax_registrations"), "/x/tax_registrations");
        assert_eq!(t.template("/x/get_UserProfile"), "/x/get_UserProfile");
        assert_eq!(t.template("/x/get_UserProfileData"), "/x/get_UserProfileData");
        assert_eq!(t.template("/x/on_PaymentSucceeded"), "/x/on_PaymentSucceeded");
        assert_eq!(t.template("/x/v2_abc123"), "/x/{x_id}", "ids with digits as before");
        assert_eq!(t.template("/orders/ord_wlJmovOgavEgfT"), "/orders/{order_id}");
        // Two capitals or two small letters are enough in fourteen random letters.
        assert_eq!(t.template("/orders/ord_pfafwVrvvwlmEe"), "/orders/{order_id}");
        assert_eq!(t.template("/tickets/tic_VJZqrBKFOJJDVX"), "/tickets/{ticket_id}");
        assert_eq!(t.template("/pets/pet_jErxeyxFztocun"), "/pets/{pet_id}");
        assert_eq!(t.template("/x/on_PaymentSucceededNow"), "/x/on_PaymentSucceededNow");
        assert_eq!(t.template("/x/get_someValueHere"), "/x/get_someValueHere");
        assert_eq!(t.template("/x/on_BranchCreated"), "/x/on_BranchCreated");
        assert_eq!(t.template("/x/get_SearchResults"), "/x/get_SearchResults");
        assert_eq!(t.template("/x/get_MatchScores"), "/x/get_MatchScores");
        assert_eq!(t.template("/statuses/42"), "/statuses/{status_id}");
        // Long ids of random case, one digit or none (Spotify); camel-case names stay.
        assert_eq!(t.template("/v1/playlists/iKGvTfPInvWIsJPcq6tsGU"), "/v1/playlists/{playlist_id}");
        assert_eq!(t.template("/v1/tracks/AuVzTSfqwsnnQiBtRlXkPm"), "/v1/tracks/{track_id}");
        for name in [
            "listAPIKeysForUser",
            "NetworkWatcherRG",
            "getAccountInformation",
            "DOMContentLoaded",
            "oauth2authorizationserver",
        ] {
            assert_eq!(t.template(&format!("/x/{name}")), format!("/x/{name}"));
        }
        // Words with short numbers, joined, are a name however long (NuGet's registration
        // hive); random parts with dashes are ids still (an Elasticsearch node's).
        // An ISBN-10 whose check digit is ten is a number still.
        assert_eq!(t.template("/isbn/080442957X"), t.template("/isbn/0804429573"));
        assert_eq!(t.template("/x/1234X"), "/x/1234X");
        for name in ["registration5-gz-semver2", "release-2024-v12-final", "Sha256-digest_v2-x"] {
            assert_eq!(t.template(&format!("/v3/{name}")), format!("/v3/{name}"));
        }
        for id in [
            "tamjV7tx-er4XFhpqnGb-f",
            "ESxpw7EpqAGpU-f_ilUjbc",
            "nightly-9yxdr3u36kg4awfrsizlgq",
            "x0rjn34q5b85hw3n1ix0by",
            "abc-defgh-12345678",
            // Mattermost's: 26 small letters and digits, a single digit in some.
            "ymffobiisioigwtcckjdx7qfst",
        ] {
            assert_ne!(t.template(&format!("/v3/{id}")), format!("/v3/{id}"), "{id}");
        }
        // A token redacted in a kept path is a value still (a sampled path learned again).
        assert_eq!(t.template("/reset/redacted-token/confirm"), "/reset/{reset_id}/confirm");
        assert_eq!(t.template("/"), "/");
        assert_eq!(t.template("/items/"), "/items/");
    }

    #[test]
    fn a_route_widens_to_a_path_its_literals_would_match_as_parameters() {
        let r = Route::parse("/repos/acme-corp/spark/pulls/{pull_number}").unwrap();
        assert_eq!(
            r.widened_to("/repos/test-org/test-repo/pulls/1"),
            Some(("/repos/{owner}/{repo}/pulls/{pull_number}".to_owned(), 2))
        );
        assert_eq!(r.widened_to("/repos/acme-corp/spark/pulls/1"), None, "it matches already");
        assert_eq!(r.widened_to("/repos/test-org/test-repo/pulls"), None, "another length");
        assert_eq!(Route::parse("/a/b").unwrap().widened_to("/x/y"), None, "nothing shared");
        let r = Route::parse("/users/octocat/repos/{repo}").unwrap();
        assert_eq!(r.widened_to("/users/ana/repos/x"), Some(("/users/{user}/repos/{repo}".to_owned(), 1)));
        // New names never collide with the route's own or with each other.
        let r = Route::parse("/p/l1/l2/q/l3/l4/z/{owner}/k").unwrap();
        let (wide, n) = r.widened_to("/p/a/b/q/c/d/z/v/k").expect("widens");
        assert_eq!(n, 4);
        assert!(Route::parse(&wide).is_ok(), "{wide}");
        assert_eq!(r.widened_to("p/a/b/q/c/d/z/v/k"), None, "not a path");
        let r = Route::parse("/v1/customers/cus_a/tax_ids/{user}").unwrap();
        assert_eq!(
            r.widened_to("/v1/customers/bob/tax_ids/t"),
            Some(("/v1/customers/{customer}/tax_ids/{user}".to_owned(), 1))
        );
    }

    #[test]
    fn a_secret_percent_encoded_is_a_parameter() {
        // Never a literal of an endpoint's key, as sent or encoded: a bot's token, an email.
        for seg in ["bot6510451795%3AAA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ", "jdoe%40acme.com"] {
            assert_eq!(param_reason(seg), Some("secret"), "{seg}");
        }
        let t = Templater::new(Vec::new());
        assert_eq!(t.template("/users/jdoe%40acme.com/calendar"), "/users/{user_id}/calendar");
        // Not an encoded name: `caf%C3%A9`, `a%20b`.
        assert_eq!(param_reason("caf%C3%A9"), None);
        assert_eq!(param_reason("new%20york"), None);
    }

    #[test]
    fn explains_each_parameter() {
        let why = explain("/users/{user_id}/repos/{owner}", &["/users/42/repos/rust-lang?x=1", "/users/7/repos/tokio"]);
        assert_eq!(why[0], ("user_id".to_owned(), "integer value (seen: 42, 7)".to_owned()));
        assert!(why[1].1.starts_with("not learned in this store: a route template given"), "{why:?}");
    }

    #[test]
    fn routes_override_and_resolve_prefers_literals() {
        let t = Templater::new(vec![Route::parse("/repos/{owner}/{repo}").expect("valid")]);
        assert_eq!(t.template("/repos/rust-lang/cargo"), "/repos/{owner}/{repo}");
        assert_eq!(resolve(["/users/{user_id}", "/users/me"], "/users/me"), Some("/users/me"));
        assert_eq!(resolve(["/users/{user_id}", "/users/me"], "/users/7"), Some("/users/{user_id}"));
        assert_eq!(resolve(["/users/{user_id}"], "/users/7/x"), None);
        assert!(Route::parse("/a/{x}/{x}").is_err());
        assert_eq!(Route::parse("/c/{base}...{head}").expect("valid").as_str(), "/c/{base}...{head}");
        assert!(Route::parse("/a/{x").is_err());
        assert!(Route::parse("/a/x}").is_err());
        assert_eq!(Route::parse("/a/:id").expect("valid").as_str(), "/a/{id}");
    }

    #[test]
    fn a_name_given_twice_takes_one_value() {
        // A name may come again in a file name, before or after its own segment, whether the
        // file name holds one name or several; never as a whole segment twice.
        for ok in ["/{id}/{version}/{id}.{version}.nupkg", "/a/{id}.{v}.x/{id}", "/a/{id}.x/{id}", "/{a}/{a}-{a}.x"] {
            assert!(Route::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["/{id}/{id}.{v}.x/{id}", "/{a}.{b}.x/{a}/{a}", "/:a/{a}", "/a/{x}.{}.y"] {
            assert!(Route::parse(bad).is_err(), "{bad}");
        }
        let r = Route::parse("/v3/{id}/{version}/{id}.{version}.nupkg").expect("valid");
        assert!(r.matches("/v3/serilog/2.0.1/serilog.2.0.1.nupkg"));
        assert!(r.matches("/v3/a.b/1.0/a.b.1.0.nupkg"), "dots inside the values");
        assert!(!r.matches("/v3/serilog/2.0.1/x.nupkg"));
        assert!(!r.matches("/v3/serilog/2.0.1/serilog.2.0.2.nupkg"));
        let spec = Route::parse("/v3/{id}/{version}/{id}.nuspec").expect("valid");
        assert!(spec.matches("/v3/serilog/2.0.1/serilog.nuspec"));
        assert!(!spec.matches("/v3/serilog/2.0.1/newtonsoft.nuspec"));
        // The route set picks the same way: a file name of other values is not the route's.
        let set = RouteSet::new(vec![spec.clone(), Route::parse("/v3/{id}/{version}/{file}").expect("valid")]);
        assert_eq!(set.best("/v3/serilog/2.0.1/serilog.nuspec").map(Route::as_str), Some(spec.as_str()));
        assert_eq!(set.best("/v3/serilog/2.0.1/other.nuspec").map(Route::as_str), Some("/v3/{id}/{version}/{file}"));
        // Bounded on a template too ambiguous to decide: names side by side, a long
        // segment of the separators between names. Past the bound it matches as the
        // segments do; within it, values that disagree do not.
        let wide = Route::parse("/{a}/{a}{b}{c}{d}{e}{f}{g}.x").expect("valid");
        assert!(wide.matches(&format!("/{}/{}.x", "q".repeat(200), "q".repeat(400))));
        assert!(wide.matches(&format!("/q/q{}.x", "z".repeat(40_000))));
        assert!(!wide.matches("/qq/zzzzzzzzz.x"), "within the bound");
        let dashes = Route::parse("/{id}/{a}-{b}/{id}.x").expect("valid");
        assert!(dashes.matches(&format!("/z/{}/z.x", "-".repeat(40_000))), "past the bound");
        assert!(!dashes.matches("/z/a-b/q.x"));
        // A template of hundreds of names is matched by its segments (no deep search).
        let many: String = (0..200).map(|i| format!("{{n{i}}}-")).collect();
        let long = Route::parse(&format!("/{{n0}}/{many}x")).expect("valid");
        assert!(long.repeats.is_none());
        // Routes ending at one trie node differ in their names; the set picks as
        // `best_match` does, the first whose values agree.
        let pair = vec![
            Route::parse("/v3/{a}/{b}/{a}.nuspec").expect("valid"),
            Route::parse("/v3/{x}/{y}/{z}.nuspec").expect("valid"),
        ];
        let set = RouteSet::new(pair.clone());
        for path in ["/v3/p/1/q.nuspec", "/v3/p/1/p.nuspec"] {
            assert_eq!(set.best(path), best_match(&pair, path), "{path}");
        }
        assert_eq!(set.best("/v3/p/1/q.nuspec").map(Route::as_str), Some("/v3/{x}/{y}/{z}.nuspec"));
        assert_eq!(set.best("/v3/p/1/p.nuspec").map(Route::as_str), Some("/v3/{a}/{b}/{a}.nuspec"));
        // A brace inside a name does not hide a bare name given twice.
        assert!(Route::parse("/{a}}/{a}}").is_err());
        // `--explain` names a file name by the values before it, not a bare segment.
        let why = explain("/a/{id}.x/{id}", &["/a/7.x/7"]);
        assert!(why[1].1.contains("integer"), "{why:?}");
    }

    #[test]
    fn a_parameter_may_have_text_around_it_in_its_segment() {
        let r = Route::parse("/2010-04-01/Accounts/{sid}.json").expect("valid");
        assert_eq!(r.as_str(), "/2010-04-01/Accounts/{sid}.json");
        assert!(r.matches("/2010-04-01/Accounts/AC1.json"));
        assert!(!r.matches("/2010-04-01/Accounts/.json"), "the parameter takes some text");
        assert!(!r.matches("/2010-04-01/Accounts/AC1"));
        assert!(Route::parse("/v{major}/x").expect("valid").matches("/v2/x"));
        // More specific than a bare parameter, less than a literal.
        let files = ["/files/{name}", "/files/{name}.json", "/files/index.json"];
        assert_eq!(resolve(files, "/files/a.json"), Some("/files/{name}.json"));
        assert_eq!(resolve(files, "/files/a"), Some("/files/{name}"));
        assert_eq!(resolve(files, "/files/index.json"), Some("/files/index.json"));
        // The value patterns judge the value before a format extension, and keep it.
        let t = Templater::new(Vec::new());
        let sid = format!("CA{:032x}", 7);
        assert_eq!(t.template(&format!("/Accounts/AC1/Calls/{sid}.json")), "/Accounts/AC1/Calls/{call_id}.json");
        assert_eq!(t.template("/openapi.json"), "/openapi.json");
        assert_eq!(t.template("/users/42.xml"), "/users/{user_id}.xml");
        let why = explain("/users/{user_id}.json", &["/users/42.json"]);
        assert_eq!(why[0], ("user_id".to_owned(), "integer value (seen: 42)".to_owned()));
        // A mock's path widens to a route with one.
        let (widened, n) = Route::parse("/Accounts/AC1/Calls/{sid}.json")
            .expect("valid")
            .widened_to("/Accounts/AC2/Calls/CA9.json")
            .expect("widens");
        assert_eq!((widened.as_str(), n), ("/Accounts/{account}/Calls/{sid}.json", 1));
    }
}
