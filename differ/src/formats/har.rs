//! HAR files (and Polly.js recordings, which are HAR) read as mocks: each entry is one mocked
//! exchange.

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, Mock, MockBody, MockFormat, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

use super::common;

pub(crate) fn read(path: &Path, root: &mut Node) -> Vec<Item> {
    let line = root.line;
    let Some(NodeKind::Array(entries)) = root.get_mut("log").and_then(|l| l.get_mut("entries")).map(|e| &mut e.kind)
    else {
        return vec![common::unreadable(path, line, "log.entries is not an array".to_owned())];
    };
    entries
        .iter_mut()
        .enumerate()
        .map(|(i, e)| {
            let item = entry(path, e, i);
            // The body is its tree now: its text goes, so a large HAR is not held twice.
            if let Some(text) = e.get_mut("response").and_then(|r| r.get_mut("content")).and_then(|c| c.get_mut("text"))
            {
                text.take();
            }
            item
        })
        .collect()
}

fn entry(path: &Path, e: &Node, index: usize) -> Item {
    let Some(req) = e.get("request") else {
        return common::unreadable(path, e.line, format!("entry {} has no request", index + 1));
    };
    let Some(rsp) = e.get("response") else {
        return common::skipped(
            path,
            e.line,
            &format!("entry {} has a request only (no response to compare)", index + 1),
        );
    };
    let Some(url) = req.get("url").and_then(Node::as_str) else {
        return common::unreadable(path, req.line, format!("entry {}: request has no url", index + 1));
    };
    let parts = mockdrift_contracts::exchange::split_url(url);
    let status_node = rsp.get("status");
    let status = match status_node.and_then(Node::as_u64) {
        Some(s) if (100..=999).contains(&s) => s as u16,
        Some(0) => {
            return common::skipped(
                path,
                e.line,
                &format!("entry {}: status 0 (the request never completed)", index + 1),
            );
        }
        _ => return common::unreadable(path, rsp.line, format!("entry {}: no valid response status", index + 1)),
    };
    let content = rsp.get("content");
    let mime = content.and_then(|c| c.get("mimeType")).and_then(Node::as_str).filter(|m| !m.is_empty());
    let media_type =
        common::content_type(rsp.get("headers")).or_else(|| mime.map(mockdrift_contracts::media::normalise));
    let base64 = content.and_then(|c| c.get("encoding")).and_then(Node::as_str) == Some("base64");
    let rsp_at = vec![
        PathToken::Key("log".to_owned()),
        PathToken::Key("entries".to_owned()),
        PathToken::Index(index),
        PathToken::Key("response".to_owned()),
    ];
    let under = |ks: &[&str]| [rsp_at.clone(), common::keys(ks)].concat();
    let mut lengths = common::length_paths(rsp.get("headers"), &under(&["headers"]));
    if content.and_then(|c| c.get("size")).is_some() {
        lengths.push(under(&["content", "size"]));
    }
    if rsp.get("bodySize").is_some() {
        lengths.push(under(&["bodySize"]));
    }
    let body_site = content.and_then(|c| c.get("text")).map(|_| BodySite {
        file: path.to_path_buf(),
        path: under(&["content", "text"]),
        form: if base64 { BodyForm::Base64 } else { BodyForm::Text },
        lengths,
        // HAR keeps `text` decoded (a `Content-Encoding` header tells how it was sent).
        encoding: String::new(),
    });
    let body = match content.and_then(|c| c.get("text")) {
        Some(t) => match t.as_str() {
            Some("") | None => MockBody::None,
            Some(text) if base64 => match common::base64_body(text, t.line, media_type.as_deref()) {
                Ok(body) => body,
                Err(reason) => return common::unreadable(path, t.line, format!("entry {}: {reason}", index + 1)),
            },
            Some(text) => common::text_body(text, t.line, media_type.as_deref()),
        },
        None => MockBody::None,
    };
    let method = req.get("method").and_then(Node::as_str).map(str::to_ascii_uppercase);
    let host = parts.authority.split(':').next().filter(|h| !h.is_empty()).map(str::to_owned);
    let name = format!("{} {url}", method.as_deref().unwrap_or("GET"));
    Item::Mock(Box::new(Mock {
        host,
        method,
        status_line: status_node.map_or(rsp.line, |s| s.line),
        media_type,
        headers: common::headers(rsp.get("headers")),
        body,
        body_site,
        ..Mock::new(path, MockFormat::Har, name, e.line, UrlPattern::Path(parts.path.to_owned()), status)
    }))
}
