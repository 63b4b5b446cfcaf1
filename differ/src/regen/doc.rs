//! A mock file parsed again as a [`Node`] tree (lines and byte spans), and the decoded bodies kept in strings or base64, to splice edits into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mockdrift_contracts::json::LineIndex;

use crate::mock::PathToken;
use crate::tree::{Node, NodeKind};

/// Files read for regen, parsed with byte offsets.
#[derive(Default)]
pub(crate) struct Docs {
    pub(crate) docs: BTreeMap<PathBuf, Result<Doc, String>>,
}

pub(crate) struct Doc {
    pub(crate) text: String,
    /// Where its lines start, for indentation.
    pub(crate) lines: LineIndex,
    /// The parsed tree of a JSON file; YAML files are searched with their own parser.
    pub(crate) root: Option<Node>,
    pub(crate) path: PathBuf,
}

impl Doc {
    pub(crate) fn json(&self) -> Result<&Node, String> {
        self.root.as_ref().ok_or_else(|| format!("{}: not a JSON file", self.path.display()))
    }

    /// The span of the value at `path` (for YAML, of a one-line scalar).
    pub(crate) fn span(&self, path: &[PathToken]) -> Option<(usize, usize)> {
        match &self.root {
            Some(root) => find(root, path).map(|n| (n.start as usize, n.end as usize)),
            None => {
                crate::yaml::scalar_span(&self.text, path).ok().filter(|y| y.block.is_none()).map(|y| (y.start, y.end))
            }
        }
    }
}

impl Docs {
    pub(crate) fn load(&mut self, path: &Path) -> Result<&Doc, String> {
        self.docs
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let yaml =
                    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
                let root = match yaml {
                    true => None,
                    false => Some(
                        Node::parse(text.as_bytes(), 1)
                            .map_err(|e| format!("{}: not valid JSON: {e}", path.display()))?,
                    ),
                };
                Ok(Doc { lines: LineIndex::new(text.as_bytes()), text, root, path: path.to_path_buf() })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub(crate) fn get(&self, path: &Path) -> Option<&Doc> {
        self.docs.get(path).and_then(|d| d.as_ref().ok())
    }
}

/// The value at `path` below `root` (the last of duplicate keys, as readers take it).
pub(crate) fn find<'n>(root: &'n Node, path: &[PathToken]) -> Option<&'n Node> {
    let mut n = root;
    for t in path {
        n = match (&n.kind, t) {
            (NodeKind::Object(ms), PathToken::Key(k)) => &ms.iter().rev().find(|(mk, _)| **mk == **k)?.1,
            (NodeKind::Array(items), PathToken::Index(i)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(n)
}

/// Where an object member's key starts (its opening quote) and where its colon ends, found
/// back from the start of its `value` in `src` (the text the value was parsed from).
pub(crate) fn member_key(src: &str, value: &Node) -> (usize, usize) {
    let b = src.as_bytes();
    let back_over_space = |mut i: usize| {
        while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
            i -= 1;
        }
        i
    };
    let colon_end = back_over_space(value.start as usize);
    // Before the colon, past any space, the key's closing quote; its opening quote is the
    // first quote before that with an even run of backslashes in front of it.
    let mut i = back_over_space(colon_end - 1) - 1;
    loop {
        i -= 1;
        if b[i] == b'"' {
            let slashes = b[..i].iter().rev().take_while(|c| **c == b'\\').count();
            if slashes % 2 == 0 {
                return (i, colon_end);
            }
        }
    }
}
