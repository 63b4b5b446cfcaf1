//! Splicing edits into JSON text in the file's own style: members removed with their commas, appended in the object's indentation, values replaced in place.

use std::collections::BTreeMap;
use std::path::PathBuf;

use mockdrift_contracts::EndpointKey;
use mockdrift_contracts::json::LineIndex;
use serde_json::Value;

use crate::mock::PathToken;

use super::doc::{find, member_key};
use crate::tree::{Node, NodeKind};

/// A replacement of `start..end` of a file by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Splice {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
}

/// How a document is laid out: kept for everything regen writes into it.
pub(crate) struct Style {
    pub(crate) newline: &'static str,
    pub(crate) unit: String,
    /// After a key's colon (`" "` or `""`).
    pub(crate) colon: String,
    /// Between members on one line (`", "` or `","`).
    pub(crate) comma: String,
}

impl Style {
    pub(crate) fn of(src: &str, lines: &LineIndex, root: &Node) -> Style {
        let newline = if lines.crlf() { "\r\n" } else { "\n" };
        let mut colon = None;
        let mut comma = None;
        let mut unit = None;
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            match &n.kind {
                NodeKind::Object(ms) => {
                    if let Some((_, first)) = ms.first() {
                        let (key_start, colon_end) = member_key(src, first);
                        colon.get_or_insert_with(|| src[colon_end..first.start as usize].to_owned());
                        if unit.is_none() && src[n.start as usize..key_start].contains('\n') {
                            let own = line_indent(src, lines, n.start as usize);
                            let inner = line_indent(src, lines, key_start);
                            if let Some(u) = inner.strip_prefix(own.as_str()).filter(|u| !u.is_empty()) {
                                unit = Some(u.to_owned());
                            }
                        }
                    }
                    if let [(_, a), (_, b), ..] = ms.as_slice() {
                        let between = &src[a.end as usize..member_key(src, b).0];
                        if !between.contains('\n') {
                            comma.get_or_insert_with(|| between.to_owned());
                        }
                    }
                    stack.extend(ms.iter().map(|(_, v)| v));
                }
                NodeKind::Array(items) => stack.extend(items.iter()),
                _ => {}
            }
        }
        let colon = colon.unwrap_or_else(|| " ".to_owned());
        let comma = comma.unwrap_or_else(|| if colon.is_empty() { ",".to_owned() } else { ", ".to_owned() });
        Style { newline, unit: unit.unwrap_or_else(|| "  ".to_owned()), colon, comma }
    }

    /// `v` written at a place whose line is indented by `indent`: over several lines when
    /// `multiline`, else on one.
    pub(crate) fn value(&self, v: &Value, indent: &str, multiline: bool) -> String {
        let mut out = String::new();
        self.write(v, indent, multiline, &mut out);
        out
    }

    pub(crate) fn write(&self, v: &Value, indent: &str, multiline: bool, out: &mut String) {
        let inner = format!("{indent}{}", self.unit);
        let (open, close, empty) = match v {
            Value::Object(m) if !m.is_empty() => ("{", "}", false),
            Value::Array(a) if !a.is_empty() => ("[", "]", false),
            _ => ("", "", true),
        };
        if empty {
            out.push_str(&serde_json::to_string(v).expect("values serialize"));
            return;
        }
        out.push_str(open);
        let items: Vec<(Option<&String>, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, v)| (Some(k), v)).collect(),
            Value::Array(a) => a.iter().map(|v| (None, v)).collect(),
            _ => unreachable!("containers only"),
        };
        for (i, (k, item)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(if multiline { "," } else { &self.comma });
            }
            if multiline {
                out.push_str(self.newline);
                out.push_str(&inner);
            }
            if let Some(k) = k {
                out.push_str(&serde_json::to_string(k).expect("strings serialize"));
                out.push(':');
                out.push_str(&self.colon);
            }
            self.write(item, &inner, multiline, out);
        }
        if multiline {
            out.push_str(self.newline);
            out.push_str(indent);
        }
        out.push_str(close);
    }
}

/// The whitespace that starts the line holding `pos`.
pub(crate) fn line_indent(src: &str, lines: &LineIndex, pos: usize) -> String {
    let line_start = lines.line_start(lines.line(pos));
    src[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect()
}

/// The splices of `src` that apply edits (`None`: remove) to the JSON value `root` (a value
/// within `src`, paths relative to it); counts what it did into `p`.
pub(crate) fn edit_json(
    src: &str,
    lines: &LineIndex,
    root: &Node,
    edits: &[(&[PathToken], Option<&Value>)],
    p: &mut MockPlan,
) -> Result<Vec<Splice>, String> {
    let style = Style::of(src, lines, root);
    let mut splices: Vec<Splice> = Vec::new();
    // Object edits are grouped per object: removals and additions interact.
    // Per object: the keys removed, the members added.
    type ObjectEdits<'v> = (Vec<String>, Vec<(String, &'v Value)>);
    let mut per_object: BTreeMap<Vec<PathToken>, ObjectEdits> = BTreeMap::new();
    for (at, value) in edits {
        match (find(root, at), value) {
            (Some(n), Some(v)) => {
                let multiline = src[n.span()].contains('\n') || context_multiline(src, root, at);
                let text = style.value(v, &line_indent(src, lines, n.start as usize), multiline);
                splices.push(Splice { start: n.start as usize, end: n.end as usize, text });
                p.replaced += 1;
            }
            (found, _) => {
                let Some((PathToken::Key(k), parent)) = at.split_last() else {
                    return Err(format!("no member at {at:?} to edit"));
                };
                let entry = per_object.entry(parent.to_vec()).or_default();
                match value {
                    None if found.is_some() => entry.0.push(k.clone()),
                    Some(v) => entry.1.push((k.clone(), v)),
                    None => {}
                }
            }
        }
    }
    for (parent, (removed, added)) in per_object {
        let Some(obj) = find(root, &parent) else { return Err("the object to edit is gone".to_owned()) };
        let NodeKind::Object(ms) = &obj.kind else { return Err("the value to edit is not an object".to_owned()) };
        p.removed += removed.len();
        p.added += added.len();
        splices.extend(object_splices(src, lines, obj, ms, &removed, &added, &style));
    }
    splices.sort_by_key(|s| (s.start, s.end));
    if splices.windows(2).any(|w| w[0].end > w[1].start) {
        return Err("edits overlap; regen leaves this body alone".to_owned());
    }
    Ok(splices)
}

/// `src` with sorted, disjoint `splices` applied.
pub(crate) fn apply(src: &str, splices: &[Splice]) -> String {
    let mut out = src.to_owned();
    for s in splices.iter().rev() {
        out.replace_range(s.start..s.end, &s.text);
    }
    out
}

/// Whether the container holding the value at `at` is written over several lines.
pub(crate) fn context_multiline(src: &str, root: &Node, at: &[PathToken]) -> bool {
    at.split_last().and_then(|(_, parent)| find(root, parent)).is_some_and(|n| src[n.span()].contains('\n'))
}

/// Splices that drop `removed` members of an object and append `added` ones, in its layout.
pub(crate) fn object_splices(
    src: &str,
    lines: &LineIndex,
    obj: &Node,
    ms: &[(crate::tree::Key, Node)],
    removed: &[String],
    added: &[(String, &Value)],
    style: &Style,
) -> Vec<Splice> {
    let multiline = src[obj.span()].contains('\n');
    let gone: Vec<bool> = ms.iter().map(|(k, _)| removed.iter().any(|r| **r == **k)).collect();
    let kept = gone.iter().filter(|g| !**g).count();
    let obj_indent = line_indent(src, lines, obj.start as usize);
    let member_indent = match ms.first() {
        Some((_, first)) if multiline => line_indent(src, lines, member_key(src, first).0),
        _ => format!("{obj_indent}{}", style.unit),
    };
    let member = |k: &str, v: &Value| {
        format!(
            "{}:{}{}",
            serde_json::to_string(k).expect("strings serialize"),
            style.colon,
            style.value(v, &member_indent, multiline)
        )
    };
    if kept == 0 {
        // Nothing of the old object stays: write it anew in its layout.
        let fresh: serde_json::Map<String, Value> = added.iter().map(|(k, v)| (k.clone(), (*v).clone())).collect();
        let text = style.value(&Value::Object(fresh), &obj_indent, multiline);
        return vec![Splice { start: obj.start as usize, end: obj.end as usize, text }];
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < ms.len() {
        if !gone[i] {
            i += 1;
            continue;
        }
        let a = i;
        while i < ms.len() && gone[i] {
            i += 1;
        }
        let b = i - 1;
        if a > 0 {
            out.push(Splice { start: ms[a - 1].1.end as usize, end: ms[b].1.end as usize, text: String::new() });
        } else {
            // A leading run: drop up to the next member's key (it exists: something is kept).
            let (from, to) = (member_key(src, &ms[0].1).0, member_key(src, &ms[b + 1].1).0);
            out.push(Splice { start: from, end: to, text: String::new() });
        }
    }
    if !added.is_empty() {
        let last = &ms[ms.len() - 1].1;
        let mut text = String::new();
        for (k, v) in added {
            text.push_str(if multiline { "," } else { &style.comma });
            if multiline {
                text.push_str(style.newline);
                text.push_str(&member_indent);
            }
            text.push_str(&member(k, v));
        }
        out.push(Splice { start: last.end as usize, end: last.end as usize, text });
    }
    out
}

pub(crate) struct MockPlan {
    pub(crate) mock: usize,
    pub(crate) splices: BTreeMap<PathBuf, Vec<Splice>>,
    pub(crate) fingerprints: Vec<String>,
    /// Edits not made, with why (fingerprint, reason).
    pub(crate) skipped: Vec<(String, String)>,
    /// Where a null is written: (endpoint, pointer), which covers that endpoint's null.
    pub(crate) nulls: Vec<(EndpointKey, String)>,
    pub(crate) added: usize,
    pub(crate) removed: usize,
    pub(crate) replaced: usize,
}

impl MockPlan {
    pub(crate) fn new(mock: usize) -> Self {
        Self {
            mock,
            splices: BTreeMap::new(),
            fingerprints: Vec::new(),
            skipped: Vec::new(),
            nulls: Vec::new(),
            added: 0,
            removed: 0,
            replaced: 0,
        }
    }
}
