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
        return NodeKind::Number { text: s.trim_start_matches('+').to_owned(), integer: true };
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
        return NodeKind::Number { text: f.to_string(), integer: false };
    }
    NodeKind::String(s.to_owned())
}

fn is_binary(tag: &Option<Cow<'_, Tag>>) -> bool {
    tag.as_ref().is_some_and(|t| t.suffix == "binary")
}

/// Parses the first document. Errors give the line and the reason.
pub(crate) fn parse(text: &str) -> Result<Node, (usize, String)> {
    let mut parser = Parser::new_from_str(text.trim_start_matches('\u{feff}'));
    let mut stack: Vec<(Node, Option<String>, usize)> = Vec::new();
    let mut key: Option<String> = None;
    let mut anchors: HashMap<usize, Node> = HashMap::new();
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
                stack.push((Node { line, kind: NodeKind::Object(Vec::new()) }, k, anchor));
                continue;
            }
            Event::SequenceStart(anchor, _) => {
                let k = take_key(&mut stack, &mut key);
                stack.push((Node { line, kind: NodeKind::Array(Vec::new()) }, k, anchor));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (node, k, anchor) = stack.pop().expect("the parser balances collections");
                key = k;
                (node, anchor)
            }
            Event::Alias(id) => (anchors.get(&id).cloned().unwrap_or(Node { line, kind: NodeKind::Null }), 0),
            Event::Scalar(value, style, anchor, tag) => {
                // A scalar in key position of a mapping is its key.
                if matches!(stack.last(), Some((Node { kind: NodeKind::Object(_), .. }, _, _))) && key.is_none() {
                    key = Some(value.into_owned());
                    continue;
                }
                let kind = if is_binary(&tag) {
                    let b64: String = value.split_whitespace().collect();
                    NodeKind::Object(vec![(BINARY_KEY.to_owned(), Node { line, kind: NodeKind::String(b64) })])
                } else if matches!(style, ScalarStyle::Plain)
                    && tag.as_ref().is_none_or(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:")
                {
                    plain(&value)
                } else {
                    NodeKind::String(value.into_owned())
                };
                (Node { line, kind }, anchor)
            }
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => return Ok(node),
            Some((Node { kind: NodeKind::Object(fields), .. }, _, _)) => {
                let k = key.take().unwrap_or_default();
                fields.push((k, node));
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
}
