//! Planning one mock's edits: which bodies change, how (`--values`), and the lengths that follow.

use std::collections::BTreeSet;

use mockdrift_contracts::EndpointKey;
use mockdrift_contracts::json::LineIndex;
use serde_json::Value;

use crate::edit::{Edit, EditOp};
use crate::mock::{BodyForm, BodySite, Mock, MockFormat, PathToken};

use super::doc::{Docs, find};
use super::splice::{MockPlan, Splice, apply, edit_json};
use crate::tree::Node;

/// Where new values come from (`--values`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Values {
    /// Built from the shape: its type, format, an enum value, a placeholder.
    #[default]
    Synthetic,
    /// Taken from the redacted recorded examples where they have a value there.
    Examples,
}

/// An RFC 6901 pointer.
pub(crate) fn pointer(at: &[PathToken]) -> String {
    let mut out = String::new();
    for t in at {
        out.push('/');
        match t {
            PathToken::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            PathToken::Index(i) => out.push_str(&i.to_string()),
            PathToken::Any => out.push('*'),
        }
    }
    out
}

pub(crate) fn plan_mock(
    m: &Mock,
    idx: usize,
    edits: &[&Edit],
    values: Values,
    docs: &mut Docs,
) -> Result<MockPlan, String> {
    let endpoints: BTreeSet<&EndpointKey> = edits.iter().map(|e| &e.endpoint).collect();
    if endpoints.len() > 1 {
        return Err(format!(
            "the mock matches {} recorded endpoints that disagree; narrow its URL matcher first",
            endpoints.len()
        ));
    }
    let Some(site) = &m.body_site else {
        return Err(match m.format {
            MockFormat::Vcr => "the cassette's body is not a text or base64 scalar".to_owned(),
            MockFormat::Pact => "the body embeds Ruby Pact terms; regen does not edit those".to_owned(),
            _ => "regen cannot edit where this body is written".to_owned(),
        });
    };
    let mut p = MockPlan::new(idx);
    let mut wanted: Vec<(&[PathToken], Option<&Value>)> = Vec::new();
    for e in edits {
        let value = match &e.op {
            EditOp::Remove => None,
            EditOp::Set { synthetic, example } => {
                Some(if values == Values::Examples && !example.is_null() { example } else { synthetic })
            }
        };
        if let Some(reason) = value.and_then(|v| breaks_matcher(m, &e.at, v)) {
            p.skipped.push((e.fingerprint.clone(), reason));
            continue;
        }
        wanted.push((&e.at, value));
        p.fingerprints.push(e.fingerprint.clone());
        if value.is_some_and(Value::is_null) {
            p.nulls.push((e.endpoint.clone(), pointer(&e.at)));
        }
    }
    if wanted.is_empty() {
        return Ok(p);
    }
    let doc = docs.load(&site.file)?;
    let moved = || format!("{}: the body moved since it was read", site.file.display());
    let (old_len, new_len) = match site.form {
        BodyForm::Json => {
            let node = find(doc.json()?, &site.path).ok_or_else(moved)?;
            // Edited in place in the file, so that indentation is read from the file's lines.
            let splices = edit_json(&doc.text, &doc.lines, node, &wanted, &mut p)?;
            let old = (node.end - node.start) as usize;
            let new = old + splices.iter().map(|s| s.text.len()).sum::<usize>()
                - splices.iter().map(|s| s.end - s.start).sum::<usize>();
            p.splices.entry(site.file.clone()).or_default().extend(splices);
            (old, new)
        }
        BodyForm::Text | BodyForm::Base64 | BodyForm::YamlText | BodyForm::YamlBase64 => {
            let yaml = matches!(site.form, BodyForm::YamlText | BodyForm::YamlBase64);
            let (start, end, written, base64, scalar) = if yaml {
                let y = crate::yaml::scalar_span(&doc.text, &site.path)?;
                let base64 = y.binary || site.form == BodyForm::YamlBase64;
                (y.start, y.end, y.value.clone(), base64, Some(y))
            } else {
                let node = find(doc.json()?, &site.path).ok_or_else(moved)?;
                let literal = &doc.text[node.span()];
                let s: String = serde_json::from_str(literal)
                    .map_err(|e| format!("{}: the body is not a JSON string ({e})", site.file.display()))?;
                (node.start as usize, node.end as usize, s, site.form == BodyForm::Base64, None)
            };
            // The bytes as sent, then the body they carry.
            let wire = if base64 { crate::formats::base64_bytes(&written)? } else { written.clone().into_bytes() };
            let body = if site.encoding.is_empty() {
                wire.clone()
            } else {
                mockdrift_contracts::decode::decode(&wire, &site.encoding, 64 << 20)
                    .map_err(|e| format!("the {} body cannot be decoded: {e}", site.encoding))?
                    .bytes
            };
            let inner = String::from_utf8(body).map_err(|_| "the body is not UTF-8 text".to_owned())?;
            let root = Node::parse(inner.as_bytes(), 1).map_err(|e| format!("the body is not JSON ({e})"))?;
            let lines = LineIndex::new(inner.as_bytes());
            let edited = apply(&inner, &edit_json(&inner, &lines, &root, &wanted, &mut p)?);
            let new_wire = if site.encoding.is_empty() {
                edited.clone().into_bytes()
            } else {
                mockdrift_contracts::decode::encode(edited.as_bytes(), &site.encoding, &wire).map_err(|e| match e {
                    mockdrift_contracts::decode::DecodeError::Unsupported(c) => {
                        format!("the body is {c}-encoded and regen writes only gzip and deflate")
                    }
                    e => format!("the body cannot be encoded again: {e}"),
                })?
            };
            let value = if base64 {
                base64_like(&written, &new_wire)
            } else {
                String::from_utf8(new_wire.clone()).map_err(|_| "the encoded body is not text".to_owned())?
            };
            let text = match &scalar {
                Some(y) => y.write(&value)?,
                // A JSON string literal is also a YAML double-quoted scalar.
                None => serde_json::to_string(&value).expect("strings serialize"),
            };
            p.splices.entry(site.file.clone()).or_default().push(Splice { start, end, text });
            (wire.len(), new_wire.len())
        }
    };
    // A body file is the whole file: Content-Length there counts the file.
    let (old_len, new_len) = if site.path.is_empty() && site.form == BodyForm::Json {
        (doc.text.len(), doc.text.len() + new_len - old_len)
    } else {
        (old_len, new_len)
    };
    if old_len != new_len {
        length_splices(m, site, old_len, new_len, docs, &mut p)?;
    }
    Ok(p)
}

/// Keeps `Content-Length` and HAR sizes true: each that stated the old length states the new.
pub(crate) fn length_splices(
    m: &Mock,
    site: &BodySite,
    old: usize,
    new: usize,
    docs: &mut Docs,
    p: &mut MockPlan,
) -> Result<(), String> {
    if site.lengths.is_empty() {
        return Ok(());
    }
    let doc = docs.load(&m.file)?;
    for at in &site.lengths {
        let Some((start, end)) = doc.span(at) else { continue };
        let text = &doc.text[start..end];
        let replacement = if text == old.to_string() {
            new.to_string()
        } else if text == format!("\"{old}\"") {
            format!("\"{new}\"")
        } else if text == format!("'{old}'") {
            format!("'{new}'")
        } else {
            continue; // a length of something else (the compressed size): not ours to change
        };
        p.splices.entry(m.file.clone()).or_default().push(Splice { start, end, text: replacement });
    }
    Ok(())
}

/// Why setting `v` at `at` would break a Pact regex matcher, if it would.
pub(crate) fn breaks_matcher(m: &Mock, at: &[PathToken], v: &Value) -> Option<String> {
    let rule = m.matchers.iter().rev().find(|r| {
        r.path.len() <= at.len() && r.path.iter().zip(at).all(|(a, b)| matches!(a, PathToken::Any) || a == b)
    })?;
    let (Some(pattern), Value::String(s)) = (&rule.pattern, v) else { return None };
    if rule.rule != "regex" {
        return None;
    }
    let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok()?;
    (!re.is_match(s)).then(|| {
        format!("the new value {s:?} would not satisfy the interaction's regex matcher /{pattern}/: change the consumer test")
    })
}

/// Base64 of `bytes`, wrapped like `old` was (at the length of its first line).
pub(crate) fn base64_like(old: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    let Some(width) = old.find('\n').filter(|w| *w > 0 && old.len() > *w + 1) else {
        // One line: kept one line, with its line break if it had one.
        return flat
            + if old.ends_with("\r\n") {
                "\r\n"
            } else if old.ends_with('\n') {
                "\n"
            } else {
                ""
            };
    };
    let nl = if old[..width].ends_with('\r') { "\r\n" } else { "\n" };
    let width = old[..width].trim_end_matches('\r').len();
    let mut out = String::new();
    for (i, chunk) in flat.as_bytes().chunks(width).enumerate() {
        if i > 0 {
            out.push_str(nl);
        }
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
    }
    if old.ends_with('\n') {
        out.push_str(nl);
    }
    out
}
