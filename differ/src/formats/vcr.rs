//! VCR cassettes: Ruby VCR (`http_interactions`, YAML or JSON), Python vcrpy and go-vcr
//! (`interactions`). Bodies may be plain, base64 (`base64_string`, `!binary`) and
//! content-encoded (gzip, deflate, br, zstd), as recorded.

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, Mock, MockBody, MockFormat, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

use super::common;
use crate::yaml::BINARY_KEY;

pub(crate) fn read(path: &Path, root: &Node) -> Vec<Item> {
    let key = if root.get("http_interactions").is_some() { "http_interactions" } else { "interactions" };
    let Some(NodeKind::Array(items)) = root.get(key).map(|l| &l.kind) else {
        return vec![common::unreadable(path, root.line, "no interactions list".to_owned())];
    };
    // YAML cassettes are edited only where the body text is one scalar (`string:`).
    let json = !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let mut item = interaction(path, it, i);
            if let Item::Mock(m) = &mut item
                && let Some(site) = &mut m.body_site
            {
                site.path.splice(0..0, [PathToken::Key(key.to_owned()), PathToken::Index(i)]);
                for l in &mut site.lengths {
                    l.splice(0..0, [PathToken::Key(key.to_owned()), PathToken::Index(i)]);
                }
                site.form = match (json, site.form) {
                    (false, BodyForm::Text) => BodyForm::YamlText,
                    (false, BodyForm::Base64) => BodyForm::YamlBase64,
                    (_, form) => form,
                };
            }
            item
        })
        .collect()
}

/// Where the body is written, below the interaction; `!binary` scalars are read as text
/// and found to be base64 where they are spliced.
fn body_site(path: &Path, rsp: &Node) -> Option<BodySite> {
    let headers = rsp.get("headers");
    let Some(b) = rsp.get("body") else {
        // vcrpy's old httpx format: the decoded text under `content`.
        let _ = rsp.get("content")?.as_str()?;
        return Some(BodySite {
            file: path.to_path_buf(),
            path: common::keys(&["response", "content"]),
            form: BodyForm::Text,
            lengths: common::length_paths(headers, &common::keys(&["response", "headers"])),
            encoding: String::new(),
        });
    };
    let text = |n: &Node| n.as_str().is_some() || n.get(BINARY_KEY).is_some();
    let (at, form) = if b.get("base64_string").is_some() {
        (common::keys(&["response", "body", "base64_string"]), BodyForm::Base64)
    } else if b.get("string").is_some_and(text) {
        (common::keys(&["response", "body", "string"]), BodyForm::Text)
    } else if text(b) {
        (common::keys(&["response", "body"]), BodyForm::Text)
    } else {
        return None;
    };
    Some(BodySite {
        file: path.to_path_buf(),
        path: at,
        form,
        lengths: common::length_paths(headers, &common::keys(&["response", "headers"])),
        encoding: header(headers, "content-encoding").unwrap_or("").trim().to_ascii_lowercase(),
    })
}

/// A header's first value; headers are `{Name: [values]}` or `{Name: value}`.
fn header<'n>(headers: Option<&'n Node>, name: &str) -> Option<&'n str> {
    let NodeKind::Object(fields) = &headers?.kind else { return None };
    let (_, v) = fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name))?;
    match &v.kind {
        NodeKind::Array(vs) => vs.first()?.as_str(),
        _ => v.as_str(),
    }
}

/// The body bytes and the line they are on: `body: {string | base64_string}` (Ruby, vcrpy),
/// or a plain string (go-vcr), possibly `!binary`.
fn body_bytes(body: Option<&Node>) -> Result<Option<(Vec<u8>, usize)>, String> {
    let Some(b) = body else { return Ok(None) };
    let decode = common::base64_bytes;
    let scalar = |n: &Node| -> Result<Option<Vec<u8>>, String> {
        if let Some(b64) = n.get(BINARY_KEY).and_then(Node::as_str) {
            return decode(b64).map(Some);
        }
        Ok(n.as_str().map(|s| s.as_bytes().to_vec()))
    };
    if let Some(b64) = b.get("base64_string").and_then(Node::as_str) {
        return decode(b64).map(|v| Some((v, b.get("base64_string").map_or(b.line, |n| n.line))));
    }
    if let Some(s) = b.get("string") {
        return scalar(s).map(|v| v.map(|v| (v, s.line)));
    }
    scalar(b).map(|v| v.map(|v| (v, b.line)))
}

fn interaction(path: &Path, it: &Node, index: usize) -> Item {
    let (Some(req), Some(rsp)) = (it.get("request"), it.get("response")) else {
        return common::unreadable(path, it.line, format!("interaction {} has no request or response", index + 1));
    };
    let Some(url) = req.get("uri").or_else(|| req.get("url")).and_then(Node::as_str) else {
        return common::unreadable(path, req.line, format!("interaction {}: request has no uri", index + 1));
    };
    let parts = mockdrift_contracts::exchange::split_url(url);
    let method = req.get("method").and_then(Node::as_str).map(|m| m.trim_start_matches(':').to_ascii_uppercase());
    let status_node = rsp
        .get("status")
        .and_then(|s| s.get("code").or(Some(s)))
        .filter(|s| s.as_u64().is_some())
        .or_else(|| rsp.get("code"))
        .or_else(|| rsp.get("status_code"));
    let status = match status_node.and_then(Node::as_u64) {
        Some(s) if (100..=999).contains(&s) => s as u16,
        _ => return common::unreadable(path, rsp.line, format!("interaction {}: no valid response status", index + 1)),
    };
    let headers = rsp.get("headers");
    let media_type = header(headers, "content-type").map(mockdrift_contracts::media::normalise);
    let body = if let Some(content) = rsp.get("content").filter(|_| rsp.get("body").is_none()) {
        // vcrpy's old httpx format keeps the body already decoded under `content`.
        match content.as_str() {
            Some(text) => common::text_body(text, content.line, media_type.as_deref()),
            None => MockBody::NotCompared("content is not a string".to_owned()),
        }
    } else {
        match body_bytes(rsp.get("body")) {
            Err(reason) => return common::unreadable(path, rsp.line, format!("interaction {}: {reason}", index + 1)),
            Ok(None) => MockBody::None,
            Ok(Some((bytes, line))) => common::encoded_body(
                &bytes,
                header(headers, "content-encoding").unwrap_or(""),
                line,
                media_type.as_deref(),
            ),
        }
    };
    let name = format!("{} {url}", method.as_deref().unwrap_or("GET"));
    Item::Mock(Box::new(Mock {
        host: parts.authority.split(':').next().filter(|h| !h.is_empty()).map(str::to_owned),
        method,
        status_line: status_node.map_or(rsp.line, |s| s.line),
        media_type,
        headers: common::headers(headers),
        body_site: matches!(body, MockBody::Json(_)).then(|| body_site(path, rsp)).flatten(),
        body,
        ..Mock::new(path, MockFormat::Vcr, name, it.line, UrlPattern::Path(parts.path.to_owned()), status)
    }))
}
