//! A mock file parsed again with byte spans (`SNode`), and the decoded bodies kept in strings or base64, to splice edits into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mockdrift_contracts::json::{Event, LineIndex, Parser};

use crate::mock::PathToken;

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
    pub(crate) root: Option<SNode>,
    pub(crate) path: PathBuf,
}

impl Doc {
    pub(crate) fn json(&self) -> Result<&SNode, String> {
        self.root.as_ref().ok_or_else(|| format!("{}: not a JSON file", self.path.display()))
    }

    /// The span of the value at `path` (for YAML, of a one-line scalar).
    pub(crate) fn span(&self, path: &[PathToken]) -> Option<(usize, usize)> {
        match &self.root {
            Some(root) => root.find(path).map(|n| (n.start, n.end)),
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
                    false => Some(SNode::parse(&text).map_err(|e| format!("{}: not valid JSON: {e}", path.display()))?),
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

/// A JSON value with the byte span it has in its text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SNode {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: SKind,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SKind {
    Scalar,
    Array(Vec<SNode>),
    /// Members: key, where the key's quote starts, where the value starts after the colon,
    /// and the value.
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Member {
    pub(crate) key: String,
    pub(crate) key_start: usize,
    pub(crate) colon_end: usize,
    pub(crate) value: SNode,
}

impl SNode {
    pub(crate) fn parse(text: &str) -> Result<SNode, mockdrift_contracts::json::ParseError> {
        let mut p = Parser::new(text.as_bytes())?;
        // A pending key: the key, where its quote starts, where its colon ends.
        type Key = Option<(String, usize, usize)>;
        let mut stack: Vec<(SNode, Key)> = Vec::new();
        let mut key: Key = None;
        loop {
            let Some(ev) = p.next()? else { unreachable!("the parser ends only after a complete document") };
            let node = match ev {
                Event::Key(k) => {
                    key = Some((k.into_owned(), p.offset(), p.end()));
                    continue;
                }
                Event::StartObject => {
                    stack.push((SNode { start: p.offset(), end: 0, kind: SKind::Object(Vec::new()) }, key.take()));
                    continue;
                }
                Event::StartArray => {
                    stack.push((SNode { start: p.offset(), end: 0, kind: SKind::Array(Vec::new()) }, key.take()));
                    continue;
                }
                Event::EndObject | Event::EndArray => {
                    let (mut node, k) = stack.pop().expect("the parser balances containers");
                    node.end = p.end();
                    key = k;
                    node
                }
                _ => SNode { start: p.offset(), end: p.end(), kind: SKind::Scalar },
            };
            match stack.last_mut() {
                None => {
                    p.next()?;
                    return Ok(node);
                }
                Some((SNode { kind: SKind::Object(members), .. }, _)) => {
                    let (key, key_start, colon_end) = key.take().expect("objects have keys");
                    members.push(Member { key, key_start, colon_end, value: node });
                }
                Some((SNode { kind: SKind::Array(items), .. }, _)) => items.push(node),
                Some(_) => unreachable!("only containers are stacked"),
            }
        }
    }

    pub(crate) fn find(&self, path: &[PathToken]) -> Option<&SNode> {
        let mut n = self;
        for t in path {
            n = match (&n.kind, t) {
                (SKind::Object(ms), PathToken::Key(k)) => &ms.iter().rev().find(|m| &m.key == k)?.value,
                (SKind::Array(items), PathToken::Index(i)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(n)
    }
}
