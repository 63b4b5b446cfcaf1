//! A JSON tree with line numbers, built from the contracts crate's pull parser.

use mockdrift_contracts::json::{Event, LineIndex, ParseError, Parser};
use serde_json::Value;

/// One JSON value, the line it starts on and the bytes it spans: the one tree the readers,
/// the checks and regen's splicing share.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// 1-based line in the file the node was read from.
    pub line: usize,
    /// Byte offset of the value's first byte in the text [`Node::parse`] was given (texts
    /// over 4 GiB are refused, so 32 bits hold it; [`Node::span`] gives the range): an offset
    /// into a file only for a tree parsed from the whole file (regen reparses files so); a
    /// body decoded from a string has offsets into that string, and YAML nodes have 0.
    pub start: u32,
    /// Byte offset just past the value's last byte (0 for YAML nodes).
    pub end: u32,
    /// The value.
    pub kind: NodeKind,
}

/// The value of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number as written.
    Number {
        /// The text.
        text: Text,
        /// No fraction or exponent.
        integer: bool,
    },
    /// A string.
    String(Text),
    /// An array.
    Array(Vec<Node>),
    /// An object, keys in file order (duplicates kept).
    Object(Vec<(Key, Node)>),
}

/// A string or a number's text in a [`Node`]: up to 22 bytes held in place (most values of
/// a body: ids, names, enums, dates), longer ones on the heap.
#[derive(Clone)]
pub struct Text(Repr);

/// Built only from whole strings ([`Text`]'s `From`), so the bytes are always UTF-8.
#[derive(Clone)]
enum Repr {
    /// Short: the bytes and their length.
    Inline(u8, [u8; INLINE]),
    /// Longer.
    Heap(Box<str>),
}

/// Bytes a [`Text`] holds in place.
const INLINE: usize = 22;

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).expect("only whole strings are held")
            }
            Repr::Heap(s) => s,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Text(Repr::Inline(s.len() as u8, bytes))
        } else {
            Text(Repr::Heap(s.into()))
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        if s.len() <= INLINE { Text::from(s.as_str()) } else { Text(Repr::Heap(s.into_boxed_str())) }
    }
}

impl From<std::borrow::Cow<'_, str>> for Text {
    fn from(s: std::borrow::Cow<'_, str>) -> Text {
        match s {
            std::borrow::Cow::Borrowed(s) => Text::from(s),
            std::borrow::Cow::Owned(s) => Text::from(s),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// An object's key. Shared: the objects of a large array mostly repeat the same keys, and a
/// tree holds each once ([`Node::parse`] interns them, per thread).
pub type Key = std::sync::Arc<str>;

/// Distinct keys a thread interns at most: objects keyed by data (ids, dates) would
/// otherwise grow the table with every one.
const MAX_INTERNED: usize = 4096;

thread_local! {
    /// The keys met so far on this thread, shared by every tree it parses (the bodies of a
    /// HAR's entries, the files of a mock directory).
    static KEYS: std::cell::RefCell<std::collections::HashSet<Key>> = Default::default();
}

/// Longest key interned: a long one is rarely repeated, and the table outlives the trees.
const MAX_INTERNED_LEN: usize = 64;

/// `k` as a shared key.
fn intern(k: &str) -> Key {
    if k.len() > MAX_INTERNED_LEN {
        return Key::from(k);
    }
    KEYS.with_borrow_mut(|keys| match keys.get(k) {
        Some(shared) => Key::clone(shared),
        None => {
            let new = Key::from(k);
            if keys.len() < MAX_INTERNED {
                keys.insert(Key::clone(&new));
            }
            new
        }
    })
}

/// Deepest nesting accepted in a mock body. Deeper trees would make recursive drops and
/// comparisons unsafe, and no real mock is that deep.
pub const MAX_DEPTH: usize = 512;

impl Node {
    /// A node read from a source without byte spans (YAML).
    pub fn at_line(line: usize, kind: NodeKind) -> Node {
        Node { line, start: 0, end: 0, kind }
    }

    /// Parses a document. Lines are shifted so that line 1 of `bytes` is `first_line`.
    pub fn parse(bytes: &[u8], first_line: usize) -> Result<Node, ParseError> {
        if u32::try_from(bytes.len()).is_err() {
            return Err(ParseError { offset: 0, line: 1, column: 1, reason: "larger than 4 GiB" });
        }
        let mut p = Parser::new(bytes)?;
        let src = bytes;
        // Open containers: the node being built and, for objects, the pending key.
        let mut stack: Vec<(Node, Option<Key>)> = Vec::new();
        let mut key: Option<Key> = None;
        let lines = LineIndex::new(src);
        // The line of the current offset: offsets only grow.
        let mut at = 1;
        loop {
            let Some(ev) = p.next()? else {
                return Err(ParseError { offset: src.len(), line: 1, column: 1, reason: "empty document" });
            };
            let start = p.offset() as u32;
            at = lines.line_from(at, p.offset());
            let line = at + first_line - 1;
            let node = match ev {
                Event::Key(k) => {
                    key = Some(intern(&k));
                    continue;
                }
                Event::StartObject | Event::StartArray if stack.len() >= MAX_DEPTH => {
                    let (line, column) = lines.line_col(p.offset());
                    return Err(ParseError {
                        offset: p.offset(),
                        line,
                        column,
                        reason: "nested deeper than 512 levels",
                    });
                }
                Event::StartObject => {
                    stack.push((Node { line, start, end: start, kind: NodeKind::Object(Vec::new()) }, key.take()));
                    continue;
                }
                Event::StartArray => {
                    stack.push((Node { line, start, end: start, kind: NodeKind::Array(Vec::new()) }, key.take()));
                    continue;
                }
                Event::EndObject | Event::EndArray => {
                    let (mut node, k) = stack.pop().expect("the parser balances containers");
                    node.end = p.end() as u32;
                    // A large body is held as its tree: no room left over from growing.
                    match &mut node.kind {
                        NodeKind::Object(f) => f.shrink_to_fit(),
                        NodeKind::Array(a) => a.shrink_to_fit(),
                        _ => {}
                    }
                    key = k;
                    node
                }
                Event::Null => Node { line, start, end: p.end() as u32, kind: NodeKind::Null },
                Event::Bool(b) => Node { line, start, end: p.end() as u32, kind: NodeKind::Bool(b) },
                Event::Number { text, integer } => {
                    Node { line, start, end: p.end() as u32, kind: NodeKind::Number { text: text.into(), integer } }
                }
                Event::Str(s) => Node { line, start, end: p.end() as u32, kind: NodeKind::String(s.into()) },
            };
            match stack.last_mut() {
                None => {
                    // The document is complete; the parser checks nothing trails it.
                    p.next()?;
                    return Ok(node);
                }
                Some((Node { kind: NodeKind::Object(fields), .. }, _)) => {
                    fields.push((key.take().expect("objects have keys"), node));
                }
                Some((Node { kind: NodeKind::Array(items), .. }, _)) => items.push(node),
                Some(_) => unreachable!("only containers are stacked"),
            }
        }
    }

    /// The bytes the value spans, as a range to index the text it was parsed from.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The member of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Object(f) => f.iter().rev().find(|(k, _)| &**k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member of an object, to change (the last one of that name, as [`Node::get`]).
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match &mut self.kind {
            NodeKind::Object(f) => f.iter_mut().rev().find(|(k, _)| &**k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Moves the value out, leaving a `null` with the same line and span: a reader keeps a
    /// large body without copying it and still finds where it was.
    pub fn take(&mut self) -> Node {
        let placeholder = Node { line: self.line, start: self.start, end: self.end, kind: NodeKind::Null };
        std::mem::replace(self, placeholder)
    }

    /// The string value, if a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as an integer, if a number or a numeric string.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.kind {
            NodeKind::Number { text, .. } => text.parse().ok(),
            NodeKind::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The JSON kind name, as in JSON Schema (`integer` for integral numbers).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Number { integer: true, .. } => "integer",
            NodeKind::Number { .. } => "number",
            NodeKind::String(_) => "string",
            NodeKind::Array(_) => "array",
            NodeKind::Object(_) => "object",
        }
    }

    /// Converts to a `serde_json::Value` (iteratively).
    pub fn to_value(&self) -> Value {
        self.to_value_within(usize::MAX)
    }

    /// Converts to a `serde_json::Value` for showing: an array of more than `items + 1`
    /// items keeps its first `items` and a string saying how many more there are, so a
    /// large body is never copied whole to be shown.
    pub fn to_value_within(&self, items: usize) -> Value {
        fn kept(all: &[Node], items: usize) -> &[Node] {
            if all.len() > items.saturating_add(1) { &all[..items] } else { all }
        }
        fn scalar(n: &Node) -> Value {
            match &n.kind {
                NodeKind::Null => Value::Null,
                NodeKind::Bool(b) => Value::Bool(*b),
                NodeKind::Number { text, .. } => serde_json::from_str(text).unwrap_or(Value::Null),
                NodeKind::String(s) => Value::String(s.to_string()),
                NodeKind::Array(_) => Value::Array(Vec::new()),
                NodeKind::Object(_) => Value::Object(serde_json::Map::new()),
            }
        }
        // Post-order over an explicit stack: children first, then their container.
        enum Step<'a> {
            Enter(&'a Node),
            Build(&'a Node),
        }
        let mut steps = vec![Step::Enter(self)];
        let mut out: Vec<Value> = Vec::new();
        while let Some(step) = steps.pop() {
            match step {
                Step::Enter(n) => match &n.kind {
                    NodeKind::Array(all) => {
                        steps.push(Step::Build(n));
                        steps.extend(kept(all, items).iter().rev().map(Step::Enter));
                    }
                    NodeKind::Object(fields) => {
                        steps.push(Step::Build(n));
                        steps.extend(fields.iter().rev().map(|(_, v)| Step::Enter(v)));
                    }
                    _ => out.push(scalar(n)),
                },
                Step::Build(n) => match &n.kind {
                    NodeKind::Array(all) => {
                        let mut vals = out.split_off(out.len() - kept(all, items).len());
                        if vals.len() < all.len() {
                            vals.push(Value::String(format!("... {} more items", all.len() - vals.len())));
                        }
                        out.push(Value::Array(vals));
                    }
                    NodeKind::Object(fields) => {
                        let vals = out.split_off(out.len() - fields.len());
                        out.push(Value::Object(fields.iter().map(|(k, _)| k.to_string()).zip(vals).collect()));
                    }
                    _ => {}
                },
            }
        }
        out.pop().unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_held_in_place_and_nodes_stay_small() {
        for s in ["", "EUR", "2026-11-20T10:00:00Z", "é".repeat(11).as_str(), "x".repeat(23).as_str()] {
            let t = Text::from(s);
            assert_eq!(&*t, s);
            assert_eq!(matches!(t.0, Repr::Inline(..)), s.len() <= INLINE, "{s}");
            assert_eq!(Text::from(s.to_owned()), t);
        }
        // A large body is mostly nodes: one more word each is an eighth more memory.
        assert!(std::mem::size_of::<Node>() <= 48, "{}", std::mem::size_of::<Node>());
    }

    #[test]
    fn keys_are_shared_across_trees_but_long_or_data_keys_do_not_fill_the_table() {
        let keys = |n: &Node| match &n.kind {
            NodeKind::Object(f) => f.iter().map(|(k, _)| Key::clone(k)).collect::<Vec<_>>(),
            _ => panic!("an object"),
        };
        let long = "k".repeat(MAX_INTERNED_LEN + 1);
        let text = format!(r#"{{"id": 1, "n\u0061me": 2, "{long}": 3}}"#);
        let (a, b) = (Node::parse(text.as_bytes(), 1).expect("valid"), Node::parse(text.as_bytes(), 1).expect("valid"));
        let (ka, kb) = (keys(&a), keys(&b));
        assert_eq!(&*ka[1], "name", "escapes are decoded before interning");
        assert!(Key::ptr_eq(&ka[0], &kb[0]) && Key::ptr_eq(&ka[1], &kb[1]), "one allocation for both trees");
        assert!(!Key::ptr_eq(&ka[2], &kb[2]), "a long key is not kept");
        assert_eq!(&*ka[2], long);
        // Objects keyed by data: the table stops growing, the keys are still right.
        let many: String = (0..MAX_INTERNED + 100).map(|i| format!(r#""d{i}": {i}"#)).collect::<Vec<_>>().join(",");
        let n = Node::parse(format!("{{{many}}}").as_bytes(), 1).expect("valid");
        assert_eq!(n.get(&format!("d{}", MAX_INTERNED + 99)).and_then(Node::as_u64), Some(MAX_INTERNED as u64 + 99));
        assert!(KEYS.with_borrow(|k| k.len()) <= MAX_INTERNED);
    }

    #[test]
    fn nodes_carry_lines_and_convert_back() {
        let text = "{\n  \"a\": [1, 2.5,\n    {\"b\": null}],\n  \"c\": \"x\"\n}";
        let n = Node::parse(text.as_bytes(), 10).expect("valid");
        assert_eq!(n.line, 10);
        let a = n.get("a").expect("a");
        assert_eq!(a.line, 11);
        let NodeKind::Array(items) = &a.kind else { panic!("array") };
        assert_eq!(items[2].line, 12);
        assert_eq!(items[1].kind_name(), "number");
        assert_eq!(n.get("c").expect("c").line, 13);
        assert_eq!(n.to_value(), serde_json::json!({"a": [1, 2.5, {"b": null}], "c": "x"}));
        assert_eq!(n.to_value_within(1), serde_json::json!({"a": [1, "... 2 more items"], "c": "x"}));
        assert_eq!(n.to_value_within(2), serde_json::json!({"a": [1, 2.5, {"b": null}], "c": "x"}));
        assert!(Node::parse(b"{\"a\": }", 1).is_err());
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = Node::parse(deep.as_bytes(), 1).expect_err("too deep");
        assert_eq!(err.reason, "nested deeper than 512 levels");
    }
}
