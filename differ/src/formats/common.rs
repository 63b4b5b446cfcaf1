//! What the mock readers share: notes for files that are skipped or unreadable, headers,
//! bodies in every encoding a mock format uses, and where a response's fields sit.

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, MockBody, Note, PathToken};
use crate::tree::Node;

pub(crate) fn unreadable(path: &Path, line: usize, reason: String) -> Item {
    Item::Unreadable(Note { file: path.to_path_buf(), line, reason })
}

pub(crate) fn skipped(path: &Path, line: usize, reason: &str) -> Item {
    Item::Skipped(Note { file: path.to_path_buf(), line, reason: reason.to_owned() })
}

/// Response headers given as an object (`{"Name": "v"}` or `{"Name": ["v1", "v2"]}`) or as a
/// HAR list (`[{"name", "value"}]`), in order.
pub(crate) fn headers(node: Option<&Node>) -> Vec<(String, String)> {
    use crate::tree::NodeKind;
    let mut out = Vec::new();
    match node.map(|n| &n.kind) {
        Some(NodeKind::Object(fields)) => {
            for (k, v) in fields {
                match &v.kind {
                    NodeKind::Array(vs) => {
                        out.extend(vs.iter().filter_map(|x| x.as_str()).map(|x| (k.to_string(), x.to_owned())))
                    }
                    _ => {
                        if let Some(x) = v.as_str() {
                            out.push((k.to_string(), x.to_owned()));
                        }
                    }
                }
            }
        }
        Some(NodeKind::Array(items)) => {
            for h in items {
                if let (Some(n), Some(v)) =
                    (h.get("name").and_then(Node::as_str), h.get("value").and_then(Node::as_str))
                {
                    out.push((n.to_owned(), v.to_owned()));
                }
            }
        }
        _ => {}
    }
    out
}

/// Paths (below `base`, the path of the headers node) of the `Content-Length` values among
/// headers given in any form [`headers`] reads.
pub(crate) fn length_paths(node: Option<&Node>, base: &[PathToken]) -> Vec<Vec<PathToken>> {
    use crate::tree::NodeKind;
    let at = |rest: &[PathToken]| base.iter().cloned().chain(rest.iter().cloned()).collect::<Vec<_>>();
    let mut out = Vec::new();
    match node.map(|n| &n.kind) {
        Some(NodeKind::Object(fields)) => {
            for (k, v) in fields {
                if k.eq_ignore_ascii_case("content-length") {
                    let key = PathToken::Key(k.to_string());
                    match &v.kind {
                        NodeKind::Array(vs) if vs.len() == 1 => out.push(at(&[key, PathToken::Index(0)])),
                        NodeKind::String(_) | NodeKind::Number { .. } => out.push(at(&[key])),
                        _ => {}
                    }
                }
            }
        }
        Some(NodeKind::Array(items)) => {
            for (i, h) in items.iter().enumerate() {
                if h.get("name").and_then(Node::as_str).is_some_and(|n| n.eq_ignore_ascii_case("content-length")) {
                    out.push(at(&[PathToken::Index(i), PathToken::Key("value".to_owned())]));
                }
            }
        }
        _ => {}
    }
    out
}

/// Where a body below a response object (at `rsp_at` in the mock file) is written: under
/// `key` of the response, or (`None`) as the whole of `file`. Length fields are the
/// response's `Content-Length` headers.
pub(crate) fn response_site(
    rsp: &Node,
    rsp_at: &[PathToken],
    file: &Path,
    key: Option<&str>,
    form: BodyForm,
) -> BodySite {
    BodySite {
        file: file.to_path_buf(),
        path: key.map(|k| rsp_at.iter().cloned().chain(keys(&[k])).collect()).unwrap_or_default(),
        form,
        lengths: length_paths(rsp.get("headers"), &[rsp_at, &keys(&["headers"])].concat()),
        encoding: String::new(),
    }
}

/// A path of object keys.
pub(crate) fn keys(ks: &[&str]) -> Vec<PathToken> {
    ks.iter().map(|k| PathToken::Key((*k).to_owned())).collect()
}

/// The normalised media type among headers (first `Content-Type`, any case).
pub(crate) fn media_of(headers: &[(String, String)]) -> Option<String> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| mockdrift_contracts::media::normalise(v))
}

/// The media type among response headers given in any form [`headers`] reads.
pub(crate) fn content_type(node: Option<&Node>) -> Option<String> {
    media_of(&headers(node))
}

/// Decodes base64 text, ignoring whitespace (cassettes wrap it at 60 columns).
pub(crate) fn base64_bytes(b64: &str) -> Result<Vec<u8>, String> {
    use base64::Engine as _;
    let compact: String = b64.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD.decode(compact).map_err(|e| format!("body is not valid base64: {e}"))
}

/// A body given as base64 text: decoded, then read as [`text_body`].
pub(crate) fn base64_body(b64: &str, line: usize, media: Option<&str>) -> Result<MockBody, String> {
    let bytes = base64_bytes(b64)?;
    Ok(text_body(&String::from_utf8_lossy(&bytes), line, media))
}

/// A body recorded as it was sent: `bytes` carrying `Content-Encoding` `encoding` (decoded
/// here, up to 64 MiB).
pub(crate) fn encoded_body(bytes: &[u8], encoding: &str, line: usize, media: Option<&str>) -> MockBody {
    match mockdrift_contracts::decode::decode(bytes, encoding, 64 << 20) {
        Ok(d) if d.truncated => MockBody::NotCompared("body larger than 64 MiB".to_owned()),
        Ok(d) => text_body(&String::from_utf8_lossy(&d.bytes), line, media),
        Err(e) => MockBody::NotCompared(format!("body could not be decoded: {e}")),
    }
}

/// The `Content-Encoding` among response headers (empty: none, or `identity`).
pub(crate) fn content_encoding(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-encoding"))
        .map(|(_, v)| v.trim().to_ascii_lowercase())
        .filter(|v| v != "identity")
        .unwrap_or_default()
}

/// The body file a mock names (`what`: `bodyFileName x.json`): its body, or the mock as
/// unreadable at `line` of `mock_file`, naming the body file and why.
pub(crate) fn named_body_file(
    mock_file: &Path,
    line: usize,
    what: &str,
    file: &Path,
    media: Option<&str>,
) -> Result<MockBody, Item> {
    file_body(file, media)
        .map_err(|e| unreadable(mock_file, line, format!("{what}: cannot read {}: {e}", file.display())))
}

/// A body kept in a file of its own (WireMock `__files/`, Hoverfly `bodyFile`): JSON with that
/// file's own lines, or not compared with the reason.
pub(crate) fn file_body(file: &Path, media: Option<&str>) -> std::io::Result<MockBody> {
    let bytes = std::fs::read(file)?;
    // (A recorded Gerrit answer keeps its `)]}'` line: the JSON starts on the next one.)
    let json = mockdrift_contracts::media::without_xssi_guard(&bytes);
    let first_line = 1 + bytes[..bytes.len() - json.len()].iter().filter(|&&b| b == b'\n').count();
    let jsonish =
        media.is_some_and(mockdrift_contracts::media::is_json) || mockdrift_contracts::media::sniff_json(json);
    Ok(match Node::parse(json, first_line) {
        Ok(n) => MockBody::Json(n),
        Err(mut e) if jsonish => {
            // (The position in the file, not in the JSON after the guard.)
            e.line += first_line - 1;
            e.offset += bytes.len() - json.len();
            MockBody::NotCompared(format!("body file is not valid JSON ({e})"))
        }
        Err(_) => MockBody::NotCompared("body file is not JSON".to_owned()),
    })
}

/// A body given as text: JSON is parsed (every node on `line`), anything else is not compared.
pub(crate) fn text_body(text: &str, line: usize, media: Option<&str>) -> MockBody {
    // (An ASCII guard left out leaves UTF-8.)
    let text = std::str::from_utf8(mockdrift_contracts::media::without_xssi_guard(text.as_bytes())).unwrap_or(text);
    if text.is_empty() {
        return MockBody::None;
    }
    let jsonish = media.is_some_and(mockdrift_contracts::media::is_json)
        || mockdrift_contracts::media::sniff_json(text.as_bytes());
    match json_in_string(text, line) {
        Some(n) => MockBody::Json(n),
        None if text.contains("{{") => MockBody::NotCompared("templated body".to_owned()),
        None if jsonish => MockBody::NotCompared("body is not valid JSON".to_owned()),
        None => MockBody::NotCompared("body is not JSON".to_owned()),
    }
}

/// Parses a body given as a JSON string; every node gets the string's line (escaped JSON
/// sits on one line of the file).
pub(crate) fn json_in_string(text: &str, line: usize) -> Option<Node> {
    let mut n = Node::parse(text.trim_start_matches('\u{feff}').as_bytes(), line).ok()?;
    let mut stack = vec![&mut n];
    while let Some(node) = stack.pop() {
        node.line = line;
        match &mut node.kind {
            crate::tree::NodeKind::Array(items) => stack.extend(items.iter_mut()),
            crate::tree::NodeKind::Object(fields) => stack.extend(fields.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
    Some(n)
}

/// Whether any string in the body carries a template expression (`{{...}}`).
pub(crate) fn has_template(n: &Node) -> bool {
    let mut stack = vec![n];
    while let Some(node) = stack.pop() {
        match &node.kind {
            crate::tree::NodeKind::String(s) if s.contains("{{") => return true,
            crate::tree::NodeKind::Array(items) => stack.extend(items.iter()),
            crate::tree::NodeKind::Object(fields) => stack.extend(fields.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    false
}

/// A fixed delay in milliseconds and its line, from a number (or a numeric string); none
/// for zero, which is no delay.
pub(crate) fn delay(n: Option<&Node>) -> Option<(f64, usize)> {
    let n = n?;
    let ms = match &n.kind {
        crate::tree::NodeKind::Number { text, .. } => text.parse::<f64>().ok()?,
        crate::tree::NodeKind::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (ms.is_finite() && ms > 0.0).then_some((ms, n.line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mock_body_behind_an_xssi_guard_is_compared_as_json() {
        assert!(matches!(text_body(")]}'\n{\"_number\": 1}", 7, Some("application/json")), MockBody::Json(_)));
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("change.json");
        std::fs::write(&file, ")]}'\n{\n  \"_number\": 1\n}\n").expect("write");
        let MockBody::Json(n) = file_body(&file, None).expect("read") else { panic!("not read as JSON") };
        // Lines are the file's: the body starts on line 2, and an error is where it is.
        assert_eq!(n.line, 2);
        std::fs::write(&file, ")]}'\n{\n  \"_number\": \n}\n").expect("write");
        let MockBody::NotCompared(why) = file_body(&file, None).expect("read") else { panic!("read as JSON") };
        assert!(why.contains("line 4"), "{why}");
        assert!(matches!(text_body(")]}'\n", 7, None), MockBody::None));
    }
}
