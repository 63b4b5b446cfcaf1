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

/// The byte span of the scalar at `path` in a YAML text, when it is written on one line
/// (plain, single- or double-quoted), so that it can be replaced by another scalar; with its
/// value. Block scalars and quoted scalars folded over several lines give an error.
pub(crate) fn scalar_span(text: &str, path: &[crate::mock::PathToken]) -> Result<(usize, usize, String), String> {
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
    let byte = |chars: usize| text.char_indices().nth(chars).map_or(text.len(), |(b, _)| b);
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
            Event::Scalar(v, style, ..) if is_key => {
                if let Some(Open::Map(k)) = open.last_mut() {
                    *k = Some(v.into_owned());
                }
                let _ = style;
            }
            Event::Scalar(v, style, ..) => {
                let mut full = at.clone();
                full.extend(here);
                if full == path {
                    let (start, end) = (byte(span.start.index()), byte(span.end.index()));
                    let written = &text[start..end];
                    let one_line = !written.contains('\n');
                    let whole = match style {
                        ScalarStyle::Plain => written == v,
                        ScalarStyle::SingleQuoted => {
                            written.len() >= 2 && written.starts_with('\'') && written.ends_with('\'')
                        }
                        ScalarStyle::DoubleQuoted => {
                            written.len() >= 2 && written.starts_with('"') && written.ends_with('"')
                        }
                        _ => false,
                    };
                    return if one_line && whole {
                        Ok((start, end, v.into_owned()))
                    } else {
                        Err("the body is a block scalar or spans several lines".to_owned())
                    };
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

#[cfg(test)]
mod span_tests {
    use super::*;
    use crate::mock::PathToken;

    #[test]
    fn finds_one_line_scalars_by_path() {
        let text = "a:\n- x: 1\n  body:\n    string: '{\"x\": 1, ''q'': 2}'\n- y: \"dq\"\n  z: |\n    {\"k\": 1}\n";
        let k = |s: &str| PathToken::Key(s.to_owned());
        let path = [k("a"), PathToken::Index(0), k("body"), k("string")];
        let (s, e, v) = scalar_span(text, &path).expect("found");
        assert_eq!((&text[s..e], v.as_str()), ("'{\"x\": 1, ''q'': 2}'", "{\"x\": 1, 'q': 2}"));
        let (s, e, _) = scalar_span(text, &[k("a"), PathToken::Index(1), k("y")]).expect("found");
        assert_eq!(&text[s..e], "\"dq\"");
        assert!(scalar_span(text, &[k("a"), PathToken::Index(1), k("z")]).is_err(), "block scalars are not spliced");
        assert!(scalar_span(text, &[k("nope")]).is_err());
    }
}
