//! YAML to the same line-carrying [`Node`] tree as JSON, from saphyr-parser's events.
//!
//! Plain scalars are typed as in the YAML 1.2 core schema; quoted and block scalars are
//! strings. Unknown tags (`!ruby/struct:...`, `!!python/...`) are tolerated and ignored;
//! `!binary` / `!!binary` scalars become `{"$binary": "<base64>"}` for the reader to decode.
//! Only the first document is read.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use crate::tree::{MAX_DEPTH, Node, NodeKind};

/// The key `!binary` scalars are wrapped under.
pub(crate) const BINARY_KEY: &str = "$binary";

fn plain(s: &str) -> NodeKind {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return NodeKind::Number { text: s.trim_start_matches('+').into(), integer: true };
    }
    let float = body.split_once(['e', 'E']).map_or(body, |(m, _)| m);
    let exp_ok = body.split_once(['e', 'E']).is_none_or(|(_, e)| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    if exp_ok
        && float.contains('.')
        && float.bytes().filter(|b| *b == b'.').count() == 1
        && float.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && float.len() > 1
        && let Ok(f) = s.parse::<f64>()
        && f.is_finite()
    {
        return NodeKind::Number { text: f.to_string().into(), integer: false };
    }
    NodeKind::String(s.into())
}

fn is_binary(tag: &Option<Cow<'_, Tag>>) -> bool {
    tag.as_ref().is_some_and(|t| t.suffix == "binary")
}

/// What aliases may add to a document beyond its own text, in [`weight`] units (a node, or
/// a byte of a string or key): a YAML file's text bounds the tree it can build, plus this.
/// Nested aliases grow geometrically ("billion laughs"), so without a bound a 600-byte file
/// builds a tree of gigabytes.
const ALIAS_BUDGET: usize = 1 << 20;

/// What a node costs to hold (one per node, plus the bytes of its strings and keys) and how
/// deep it nests. Nodes are never deeper than `MAX_DEPTH` (aliases included), so the
/// recursion is bounded.
fn measure(node: &Node) -> (usize, usize) {
    let (mut weight, mut height) = (1, 0);
    match &node.kind {
        NodeKind::Object(fields) => {
            for (k, v) in fields {
                let (w, h) = measure(v);
                weight += k.len() + w;
                height = height.max(h + 1);
            }
        }
        NodeKind::Array(items) => {
            for v in items {
                let (w, h) = measure(v);
                weight += w;
                height = height.max(h + 1);
            }
        }
        NodeKind::String(s) => weight += s.len(),
        NodeKind::Number { text, .. } => weight += text.len(),
        _ => {}
    }
    (weight, height)
}

impl Node {
    /// Parses the first document of a YAML text into the same tree as JSON (lines kept).
    /// Errors give the line and the reason.
    pub fn parse_yaml(text: &str) -> Result<Node, (usize, String)> {
        parse(text)
    }
}

/// Parses the first document. Errors give the line and the reason.
pub(crate) fn parse(text: &str) -> Result<Node, (usize, String)> {
    let mut parser = Parser::new_from_str(text.trim_start_matches('\u{feff}'));
    let mut stack: Vec<(Node, Option<String>, usize)> = Vec::new();
    let mut key: Option<String> = None;
    // Each anchored node (a copy, counted in the budget) with its weight and height, and what
    // anchors and aliases have added so far.
    let mut anchors: HashMap<usize, (Node, usize, usize)> = HashMap::new();
    let mut expanded = 0usize;
    let budget = ALIAS_BUDGET + text.len();
    loop {
        let (ev, span) = match parser.next_event() {
            Some(Ok(x)) => x,
            Some(Err(e)) => return Err((e.marker().line(), e.info().to_owned())),
            None => return Err((1, "empty document".to_owned())),
        };
        let line = span.start.line();
        let (node, anchor) = match ev {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => continue,
            Event::StreamEnd | Event::DocumentEnd => return Err((line, "empty document".to_owned())),
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) if stack.len() >= MAX_DEPTH => {
                let _ = anchor;
                return Err((line, "nested deeper than 512 levels".to_owned()));
            }
            Event::MappingStart(anchor, _) => {
                let k = take_key(&mut stack, &mut key);
                stack.push((Node::at_line(line, NodeKind::Object(Vec::new())), k, anchor));
                continue;
            }
            Event::SequenceStart(anchor, _) => {
                let k = take_key(&mut stack, &mut key);
                stack.push((Node::at_line(line, NodeKind::Array(Vec::new())), k, anchor));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (node, k, anchor) = stack.pop().expect("the parser balances collections");
                key = k;
                (node, anchor)
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((node, w, h)) => {
                    if stack.len() + h >= MAX_DEPTH {
                        return Err((line, "aliases nest deeper than 512 levels".to_owned()));
                    }
                    expanded = expanded.saturating_add(*w);
                    if expanded > budget {
                        return Err((
                            line,
                            format!("aliases expand to more than {budget} nodes and bytes (an alias bomb?)"),
                        ));
                    }
                    (node.clone(), 0)
                }
                None => (Node::at_line(line, NodeKind::Null), 0),
            },
            Event::Scalar(value, style, anchor, tag) => {
                // A scalar in key position of a mapping is its key.
                if matches!(stack.last(), Some((Node { kind: NodeKind::Object(_), .. }, _, _))) && key.is_none() {
                    key = Some(value.into_owned());
                    continue;
                }
                let kind = if is_binary(&tag) {
                    let b64: String = value.split_whitespace().collect();
                    NodeKind::Object(vec![(BINARY_KEY.into(), Node::at_line(line, NodeKind::String(b64.into())))])
                } else if matches!(style, ScalarStyle::Plain)
                    && tag.as_ref().is_none_or(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:")
                {
                    plain(&value)
                } else {
                    NodeKind::String(value.into())
                };
                (Node::at_line(line, kind), anchor)
            }
        };
        if anchor != 0 {
            let (w, h) = measure(&node);
            expanded = expanded.saturating_add(w);
            if expanded > budget {
                return Err((
                    line,
                    format!("anchors and aliases hold more than {budget} nodes and bytes (an alias bomb?)"),
                ));
            }
            anchors.insert(anchor, (node.clone(), w, h));
        }
        match stack.last_mut() {
            None => return Ok(node),
            Some((Node { kind: NodeKind::Object(fields), .. }, _, _)) => {
                let k = key.take().unwrap_or_default();
                fields.push((k.into(), node));
            }
            Some((Node { kind: NodeKind::Array(items), .. }, _, _)) => items.push(node),
            Some(_) => unreachable!("only collections are stacked"),
        }
    }
}

/// The pending key when a collection starts inside a mapping (complex keys become "").
fn take_key(stack: &mut [(Node, Option<String>, usize)], key: &mut Option<String>) -> Option<String> {
    match stack.last() {
        Some((Node { kind: NodeKind::Object(_), .. }, _, _)) => Some(key.take().unwrap_or_default()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_nodes_have_lines_types_and_tolerate_tags() {
        let text = "---\nhttp_interactions:\n- request:\n    method: :get\n    uri: https://api.example.com/x?y=1\n  response:\n    status:\n      code: 200\n      message: 'OK '\n    body:\n      encoding: ASCII-8BIT\n      string: !binary |-\n        eyJhIjoxfQ==\n    ratio: 0.5\n    none: ~\n    obj: !ruby/struct:VCR::Response\n      a: true\n";
        let n = parse(text).expect("valid");
        let i = &n.get("http_interactions").expect("list");
        let NodeKind::Array(items) = &i.kind else { panic!("array") };
        let rsp = items[0].get("response").expect("response");
        assert_eq!(rsp.get("status").and_then(|s| s.get("code")).and_then(Node::as_u64), Some(200));
        assert_eq!(rsp.get("status").and_then(|s| s.get("message")).and_then(Node::as_str), Some("OK "));
        let body = rsp.get("body").and_then(|b| b.get("string")).expect("string");
        assert_eq!(body.get(BINARY_KEY).and_then(Node::as_str), Some("eyJhIjoxfQ=="));
        assert_eq!(body.line, 12);
        assert_eq!(rsp.get("ratio").map(Node::kind_name), Some("number"));
        assert_eq!(rsp.get("none").map(Node::kind_name), Some("null"));
        assert_eq!(rsp.get("obj").and_then(|o| o.get("a")).map(Node::kind_name), Some("boolean"));
        assert_eq!(items[0].get("request").and_then(|r| r.get("method")).and_then(Node::as_str), Some(":get"));
        assert!(parse("a: [1, 2\n").is_err());
    }

    /// Nine levels of ten aliases each: 10^9 nodes if expanded, refused at the line whose
    /// alias crosses the budget; deep chains of anchors, refused past 512 levels; ordinary
    /// reuse of an anchor still reads.
    #[test]
    fn alias_bombs_are_refused_and_ordinary_aliases_read() {
        let mut text =
            String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let (line, reason) = parse(&text).expect_err("a bomb");
        assert!(reason.contains("alias bomb"), "{reason}");
        assert!((4..=9).contains(&line), "{line}");

        // Each anchor 100 levels deep with the previous one at the bottom: 1,000 levels built
        // from a few kilobytes if aliases were not held to the depth limit.
        let mut chain = String::new();
        for i in 0..10 {
            let inner = if i == 0 { "1".to_owned() } else { format!("*c{}", i - 1) };
            chain.push_str(&format!("c{i}: &c{i} {}{inner}{}\n", "[".repeat(100), "]".repeat(100)));
        }
        let (_, reason) = parse(&chain).expect_err("too deep");
        assert!(reason.contains("deeper than 512"), "{reason}");
        let n = parse("base: &b {status: 200, body: ok}\nfirst: *b\nsecond: *b\n").expect("valid");
        assert_eq!(n.get("second").and_then(|s| s.get("status")).and_then(Node::as_u64), Some(200));
    }
}

/// A scalar found in a YAML text, to be replaced by another.
#[derive(Debug)]
pub(crate) struct YamlScalar {
    /// The bytes to replace: the whole scalar written on one line, or a literal block's
    /// content lines (its header `|` line is kept).
    pub start: usize,
    pub end: usize,
    /// Its value (for `!binary`, the base64 text with its line breaks).
    pub value: String,
    /// Tagged `!binary` / `!!binary`.
    pub binary: bool,
    /// For a literal block: the indentation of its lines, and whether it strips the final
    /// line break (`|-`).
    pub block: Option<(String, bool)>,
    /// For a quoted scalar folded over several lines: the width its lines reach and the
    /// indentation of its continuation lines, to fold the new one alike.
    pub fold: Option<(usize, String)>,
    /// The column (in characters) the scalar starts at.
    pub column: usize,
    /// The file's line break.
    pub newline: &'static str,
}

impl YamlScalar {
    /// `value` written in place of this scalar: a double-quoted scalar (a JSON string literal
    /// is one) on one line, or the lines of the same literal block.
    pub(crate) fn write(&self, value: &str) -> Result<String, String> {
        let Some((indent, strip)) = &self.block else {
            let quoted = serde_json::to_string(value).expect("strings serialize");
            return Ok(match &self.fold {
                Some((width, indent)) => self.fold_quoted(&quoted, *width, indent),
                None => quoted,
            });
        };
        let body = if *strip { Some(value) } else { value.strip_suffix('\n') };
        let Some(body) = body.filter(|b| !b.ends_with('\n') && !b.starts_with([' ', '\t'])) else {
            return Err("the new body cannot be written in the same block scalar".to_owned());
        };
        let mut out = String::new();
        for line in body.split('\n') {
            if !line.is_empty() {
                out.push_str(indent);
                out.push_str(line);
            }
            out.push_str(self.newline);
        }
        Ok(out)
    }
}

impl YamlScalar {
    /// A double-quoted scalar folded at `width` columns: a line break stands for one space, so
    /// only a single space between two other characters is turned into one (JSON escapes hold
    /// no spaces). The first line starts where the old scalar did.
    fn fold_quoted(&self, quoted: &str, width: usize, indent: &str) -> String {
        let chars: Vec<char> = quoted.chars().collect();
        let mut out = String::with_capacity(quoted.len() + quoted.len() / 8);
        let mut col = self.column;
        for (i, &c) in chars.iter().enumerate() {
            let lone_space = c == ' '
                && i > 0
                && chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
                && !chars[i - 1].is_whitespace();
            if lone_space && col >= width {
                out.push_str(self.newline);
                out.push_str(indent);
                col = indent.chars().count();
                continue;
            }
            out.push(c);
            col += 1;
        }
        out
    }
}

/// The scalar at `path` in a YAML text, where it can be replaced: plain on one line, single-
/// or double-quoted (on one line or folded over several, as Ruby's Psych and PyYAML write long
/// bodies), or a literal block scalar (`|`, `|-`) under a mapping key. Folded blocks (`>`),
/// `|+`, explicit indentation and plain scalars over several lines give an error naming why.
pub(crate) fn scalar_span(text: &str, path: &[crate::mock::PathToken]) -> Result<YamlScalar, String> {
    use crate::mock::PathToken;
    // Containers open: for a mapping, the key of the value being read (None: a key comes
    // next); for a sequence, the index of the next item.
    enum Open {
        Map(Option<String>),
        Seq(usize),
    }
    let mut parser = Parser::new_from_str(text);
    let mut open: Vec<Open> = Vec::new();
    let mut at: Vec<PathToken> = Vec::new();
    let mut key_end = 0;
    let byte = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(b, _)| b);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    while let Some(next) = parser.next_event() {
        let (ev, span) = next.map_err(|e| format!("line {}: {}", e.marker().line(), e.info()))?;
        // Where a value starting here sits, and whether it is a mapping key.
        let is_key = matches!(open.last(), Some(Open::Map(None)));
        let here = match open.last() {
            Some(Open::Map(Some(k))) => Some(PathToken::Key(k.clone())),
            Some(Open::Seq(i)) => Some(PathToken::Index(*i)),
            _ => None,
        };
        let value_done = |open: &mut Vec<Open>| match open.last_mut() {
            Some(Open::Map(k)) => *k = None,
            Some(Open::Seq(i)) => *i += 1,
            None => {}
        };
        match ev {
            Event::Scalar(v, ..) if is_key => {
                if let Some(Open::Map(k)) = open.last_mut() {
                    *k = Some(v.into_owned());
                }
                key_end = byte(span.end.index());
            }
            Event::Scalar(v, style, _, tag) => {
                let mut full = at.clone();
                full.extend(here.clone());
                if full == path {
                    let binary = is_binary(&tag);
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        if !matches!(here, Some(PathToken::Key(_))) {
                            return Err("the body is a block scalar in a sequence".to_owned());
                        }
                        let (start, end, indent, strip) = literal_block(text, key_end)?;
                        let block = Some((indent, strip));
                        let value = v.into_owned();
                        return Ok(YamlScalar { start, end, value, binary, block, fold: None, column: 0, newline });
                    }
                    let (start, end) = (byte(span.start.index()), byte(span.end.index()));
                    let written = &text[start..end];
                    let whole = match style {
                        ScalarStyle::Plain => written == v || written.contains('\n'),
                        ScalarStyle::SingleQuoted => {
                            written.len() >= 2 && written.starts_with('\'') && written.ends_with('\'')
                        }
                        ScalarStyle::DoubleQuoted => {
                            written.len() >= 2 && written.starts_with('"') && written.ends_with('"')
                        }
                        _ => false,
                    };
                    if !whole || tag.is_some() {
                        return Err("the body is a scalar regen cannot rewrite in place".to_owned());
                    }
                    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                    let column = text[line_start..start].chars().count();
                    // Folded over several lines: as wide as its widest line, continuation
                    // lines indented as its second.
                    let fold = written.contains('\n').then(|| {
                        let lines: Vec<&str> = text[line_start..end].lines().collect();
                        let width = lines.iter().map(|l| l.trim_end().chars().count()).max().unwrap_or(80);
                        let indent = match lines.iter().skip(1).find(|l| !l.trim().is_empty()) {
                            Some(l) => l[..l.len() - l.trim_start().len()].to_owned(),
                            None => " ".repeat(column),
                        };
                        (width, indent)
                    });
                    if fold.is_some() && style == ScalarStyle::Plain {
                        return Err("the body is a plain scalar written over several lines".to_owned());
                    }
                    let value = v.into_owned();
                    return Ok(YamlScalar { start, end, value, binary, block: None, fold, column, newline });
                }
                value_done(&mut open);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(h) = here {
                    at.push(h);
                }
                open.push(if matches!(ev, Event::MappingStart(..)) { Open::Map(None) } else { Open::Seq(0) });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
                if !open.is_empty() {
                    at.pop();
                }
                value_done(&mut open);
            }
            Event::Alias(_) => value_done(&mut open),
            Event::DocumentEnd => break,
            _ => {}
        }
    }
    Err("no such value in the YAML document".to_owned())
}

/// The content lines of the block scalar whose key ends at `key_end`: their byte span (from
/// the first line's start to the last non-empty line's end, line break included), their
/// indentation, and whether the block strips its final line break. saphyr's spans of block
/// scalars start at the tag, the indicator or the content depending on the tag, so the
/// header is read here.
fn literal_block(text: &str, key_end: usize) -> Result<(usize, usize, String, bool), String> {
    let header_end = text[key_end..].find('\n').map_or(text.len(), |i| key_end + i);
    let header = text[key_end..header_end].trim_end_matches('\r');
    let header = header.split(" #").next().unwrap_or(header);
    let indicator = header
        .trim_start_matches([':', ' ', '\t'])
        .split_whitespace()
        .find(|t| !t.starts_with('!'))
        .ok_or("the block scalar's header cannot be read")?;
    let strip = match indicator {
        "|" => false,
        "|-" => true,
        i if i.starts_with('>') => return Err("the body is a folded block scalar (`>`)".to_owned()),
        _ => return Err(format!("the body's block scalar header `{indicator}` is not `|` or `|-`")),
    };
    let start = (header_end + 1).min(text.len());
    let (mut pos, mut end, mut indent) = (start, start, None::<String>);
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            let lead = &line[..line.len() - line.trim_start_matches(' ').len()];
            match &indent {
                None => indent = Some(lead.to_owned()),
                Some(i) if !line.starts_with(i.as_str()) => break,
                Some(_) => {}
            }
            end = line_end;
        }
        pos = line_end;
    }
    match indent {
        Some(i) if !i.is_empty() => Ok((start, end, i, strip)),
        _ => Err("the block scalar has no indented content".to_owned()),
    }
}

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::mock::PathToken;

    #[test]
    fn finds_one_line_scalars_by_path() {
        let text = "a:\n- x: 1\n  body:\n    string: '{\"x\": 1, ''q'': 2}'\n- y: \"dq\"\n  z: |\n    {\"k\": 1}\n";
        let k = |s: &str| PathToken::Key(s.to_owned());
        let path = [k("a"), PathToken::Index(0), k("body"), k("string")];
        let y = scalar_span(text, &path).expect("found");
        assert_eq!((&text[y.start..y.end], y.value.as_str()), ("'{\"x\": 1, ''q'': 2}'", "{\"x\": 1, 'q': 2}"));
        let y = scalar_span(text, &[k("a"), PathToken::Index(1), k("y")]).expect("found");
        assert_eq!(&text[y.start..y.end], "\"dq\"");
        let z = scalar_span(text, &[k("a"), PathToken::Index(1), k("z")]).expect("literal block");
        assert_eq!((&text[z.start..z.end], z.value.as_str()), ("    {\"k\": 1}\n", "{\"k\": 1}\n"));
        assert_eq!(z.write("{\"k\": 2,\n \"j\": 3}\n").expect("same block"), "    {\"k\": 2,\n     \"j\": 3}\n");
        assert!(scalar_span(text, &[k("nope")]).is_err());
    }

    #[test]
    fn finds_literal_and_binary_blocks_and_names_what_it_cannot_edit() {
        let text = "a:\n  body:\n    string: !!binary |\n      H4sI\n      AAAA\n\n  headers: x\n  b: |- # c\n    {\"k\": 1,\n\n     \"j\": 2}\n  c: >\n    x\n    y\nz: 1\n";
        let k = |s: &str| PathToken::Key(s.to_owned());
        let bin = scalar_span(text, &[k("a"), k("body"), k("string")]).expect("binary block");
        assert!(bin.binary);
        assert_eq!(&text[bin.start..bin.end], "      H4sI\n      AAAA\n", "the blank line after stays");
        assert_eq!(bin.write("QUJD\nREVG\n").expect("writes"), "      QUJD\n      REVG\n");
        let b = scalar_span(text, &[k("a"), k("b")]).expect("strip block");
        assert_eq!(b.value, "{\"k\": 1,\n\n \"j\": 2}");
        assert_eq!(&text[b.start..b.end], "    {\"k\": 1,\n\n     \"j\": 2}\n");
        assert_eq!(b.write("{}").expect("writes"), "    {}\n");
        assert!(b.write("{}\n").is_err(), "|- cannot end in a line break");
        let c = scalar_span(text, &[k("a"), k("c")]).expect_err("folded");
        assert!(c.contains("folded"), "{c}");
    }

    #[test]
    fn quoted_scalars_over_several_lines_are_folded_alike() {
        // As Psych writes a long body: double-quoted, folded at spaces near 80 columns.
        let text = "i:\n- body:\n    string: \"{\\\"id\\\": 1, \\\"name\\\": \\\"a  b\\\",\n      \\\"tags\\\": [\\\"x\\\"]}\"\n  next: 1\n";
        let k = |s: &str| PathToken::Key(s.to_owned());
        let path = [k("i"), PathToken::Index(0), k("body"), k("string")];
        let y = scalar_span(text, &path).expect("folded quoted");
        assert_eq!(y.value, r#"{"id": 1, "name": "a  b", "tags": ["x"]}"#);
        assert_eq!((y.column, y.fold.as_ref().map(|f| f.1.as_str())), (12, Some("      ")));
        let new = r#"{"id": 1, "name": "a  b", "tags": ["x"], "more": "words and words and words and more words"}"#;
        let written = y.write(new).expect("writes");
        assert!(written.lines().count() > 1, "folded: {written}");
        let edited = format!("{}{}{}", &text[..y.start], written, &text[y.end..]);
        let back = parse(&edited).expect("still YAML");
        let got = back.get("i").and_then(|i| match &i.kind {
            NodeKind::Array(items) => items[0].get("body")?.get("string")?.as_str().map(str::to_owned),
            _ => None,
        });
        assert_eq!(got.as_deref(), Some(new), "{edited}");
    }
}
