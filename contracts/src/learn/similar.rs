//! How alike two subtrees of the path trie are: by their skeletons (`SkelTrie`), by the
//! share of literal paths they have in common, by their leaves.

use super::*;

/// Whether two subtrees are the same endpoints: mostly the same literal paths, one of them at
/// least two segments deep (`protection/restrictions`: a shared leaf like `main` may be an
/// enumeration's value under two different literals).
pub(super) fn alike_shapes(a: &[String], b: &[String]) -> bool {
    let deep = a.iter().any(|k| k.matches('/').count() >= 2 && b.binary_search(k).is_ok());
    deep && jaccard(a, b) >= ALIKE
}

/// A subtree's skeletons in a trie, to match another subtree's paths into: a literal
/// segment matches the same literal or a parameter (`/docs-data/pulls` is held by
/// `/{}/pulls`), a parameter only a parameter.
#[derive(Debug, Default)]
pub(super) struct SkelTrie {
    /// Literal children, parameter child, how many subtrees have a skeleton ending here.
    nodes: Vec<(std::collections::HashMap<String, usize>, Option<usize>, usize)>,
    /// Every literal segment: a name the subtree uses for an endpoint is not one of its
    /// parameters' values (`/{}/events` is not held by `/{}/{}` beside `/{}/{}/events`).
    names: std::collections::HashSet<String>,
}

impl SkelTrie {
    pub(super) fn new<'a>(skeletons: impl IntoIterator<Item = &'a String>) -> Self {
        Self::weighted(skeletons.into_iter().map(|k| (k, 1)))
    }

    /// The skeletons of several subtrees, each standing for `n` of them.
    pub(super) fn weighted<'a>(skeletons: impl IntoIterator<Item = (&'a String, usize)>) -> Self {
        let mut t = Self { nodes: vec![Default::default()], names: Default::default() };
        for (k, weight) in skeletons {
            let mut at = 0;
            for seg in k.split('/').skip(1) {
                let next = if seg == "{}" { t.nodes[at].1 } else { t.nodes[at].0.get(seg).copied() };
                at = match next {
                    Some(n) => n,
                    None => {
                        t.nodes.push(Default::default());
                        let n = t.nodes.len() - 1;
                        if seg == "{}" {
                            t.nodes[at].1 = Some(n);
                        } else {
                            t.nodes[at].0.insert(seg.to_owned(), n);
                            t.names.insert(seg.to_owned());
                        }
                        n
                    }
                };
            }
            t.nodes[at].2 += weight;
        }
        t
    }

    /// Whether `skeleton` matches one of the trie's; with `literal`, one of its literal
    /// segments must match a literal (a bare value under a bare parameter proves nothing).
    pub(super) fn holds(&self, skeleton: &str, literal: bool) -> bool {
        self.held(skeleton, literal, 1)
    }

    /// Like [`SkelTrie::holds`], by a subtree other than the `own` ones `skeleton` comes
    /// from, when the trie holds several ([`SkelTrie::weighted`]): matched literally, by more
    /// than `own`.
    pub(super) fn holds_other(&self, skeleton: &str, own: usize) -> bool {
        self.held(skeleton, true, own + 1)
    }

    pub(super) fn held(&self, skeleton: &str, literal: bool, exact_min: usize) -> bool {
        let segs: Vec<&str> = skeleton.split('/').skip(1).collect();
        // (node, segment, a literal matched a literal, a literal matched a parameter)
        let mut stack = vec![(0usize, 0usize, false, false)];
        while let Some((at, i, lit, wild)) = stack.pop() {
            if i == segs.len() {
                let n = self.nodes[at].2;
                if n >= if wild { 1 } else { exact_min } && (lit || !literal) {
                    return true;
                }
                continue;
            }
            if segs[i] != "{}"
                && let Some(&n) = self.nodes[at].0.get(segs[i])
            {
                stack.push((n, i + 1, true, wild));
            }
            if let Some(n) = self.nodes[at].1
                && (segs[i] == "{}" || !self.names.contains(segs[i]))
            {
                stack.push((n, i + 1, lit, wild || segs[i] != "{}"));
            }
        }
        false
    }
}

/// Whether `small`'s paths are mostly held by `large` (a value seen less has seen fewer of
/// the endpoints below it, some under values the other has merged): two or more, one of them
/// two segments deep or more, and at least [`CONTAINED`] of them.
fn contained(small: &[String], large: &SkelTrie) -> bool {
    let held: Vec<&String> = small.iter().filter(|k| large.holds(k, true)).collect();
    held.len() >= 2
        && held.iter().any(|k| k.matches('/').count() >= 2)
        && held.len() as f64 >= CONTAINED * small.len() as f64
}

/// Whether two subtrees are one parameter's: [`alike_shapes`], or one [`contained`] in the
/// other.
pub(super) fn alike_subtrees(a: &[String], ta: &SkelTrie, b: &[String], tb: &SkelTrie) -> bool {
    alike_shapes(a, b) || contained(a, tb) || contained(b, ta)
}

/// Whether two subtrees one segment deep hold mostly the same three or more endpoints
/// (`/main/{check-runs,status,statuses}`, `/dev/{check-runs,status,statuses}`). Weaker than
/// [`alike_shapes`]: literals can share an enumeration's values as leaves
/// (`/git/ref/main`, `/git/refs/main`), so it takes [`MIN_VARIETY`] such siblings.
pub(super) fn alike_leaves(a: &[String], b: &[String]) -> bool {
    let shared = a.iter().filter(|k| b.binary_search(k).is_ok()).count();
    shared >= 3 && jaccard(a, b) >= ALIKE
}

/// The count above which a child of an open set is taken for a literal endpoint of its own:
/// well above what the values typically get (4× their median, at least 4).
pub(super) fn typical_count(n: &Node) -> usize {
    let mut counts: Vec<usize> = n.lits.values().map(|c| c.count).collect();
    counts.sort_unstable();
    let mut median = counts.get(counts.len() / 2).copied().unwrap_or(1);
    // Values merged already are the typical ones (with one or two literals left, their
    // median is no value's: `/users/dave` once beside `/users/me` a thousand times).
    if let Some(p) = n.param.as_ref().filter(|p| p.values > 0) {
        median = median.min((p.count / p.values).max(1));
    }
    (median * 4).max(4)
}

/// Shared paths over all paths of two sorted lists.
fn jaccard(a: &[String], b: &[String]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let all = a.len() + b.len() - both;
    if all == 0 { 0.0 } else { both as f64 / all as f64 }
}
