//! WireMock JSON stub mappings: a single mapping, or `{"mappings": [...]}`.

use std::path::{Path, PathBuf};

use crate::mock::{BodyForm, Item, Mock, MockBody, MockFormat, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

use super::common;

/// Reads the mappings in `root`; their `jsonBody` values are moved out of it, not copied.
pub(crate) fn read(path: &Path, root: &mut Node) -> Vec<Item> {
    let line = root.line;
    match root.get_mut("mappings").map(|m| &mut m.kind) {
        Some(NodeKind::Array(items)) => items
            .iter_mut()
            .enumerate()
            .map(|(i, stub)| stub_item(path, stub, i, vec![PathToken::Key("mappings".to_owned()), PathToken::Index(i)]))
            .collect(),
        Some(_) => vec![common::unreadable(path, line, "\"mappings\" is not an array".to_owned())],
        None => vec![stub_item(path, root, 0, Vec::new())],
    }
}

fn stub_item(path: &Path, stub: &mut Node, index: usize, at: Vec<PathToken>) -> Item {
    let json_body = stub.get_mut("response").and_then(|r| r.get_mut("jsonBody")).map(Node::take);
    let stub = &*stub;
    let (Some(req), Some(rsp)) = (stub.get("request"), stub.get("response")) else {
        return common::unreadable(path, stub.line, format!("mapping {} has no request or response", index + 1));
    };
    let name = stub
        .get("name")
        .or_else(|| stub.get("id"))
        .or_else(|| stub.get("uuid"))
        .and_then(Node::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("mapping {}", index + 1));
    let method = req.get("method").and_then(Node::as_str).map(str::to_ascii_uppercase).filter(|m| m != "ANY");
    let url = if let Some(u) = req.get("url").and_then(Node::as_str) {
        UrlPattern::Path(u.split('?').next().unwrap_or(u).to_owned())
    } else if let Some(u) = req.get("urlPath").and_then(Node::as_str) {
        UrlPattern::Path(u.to_owned())
    } else if let Some(u) = req.get("urlPathTemplate").and_then(Node::as_str) {
        UrlPattern::Template(u.to_owned())
    } else if let Some(u) = req.get("urlPattern").and_then(Node::as_str) {
        UrlPattern::Regex { pattern: u.to_owned(), path_only: false }
    } else if let Some(u) = req.get("urlPathPattern").and_then(Node::as_str) {
        UrlPattern::Regex { pattern: u.to_owned(), path_only: true }
    } else {
        UrlPattern::Any
    };
    let status_node = rsp.get("status");
    let status = match status_node.map(|s| s.as_u64()) {
        None => 200,
        Some(Some(s)) if (100..=999).contains(&s) => s as u16,
        Some(_) => {
            return common::unreadable(
                path,
                status_node.map_or(rsp.line, |s| s.line),
                "status is not an HTTP status code".to_owned(),
            );
        }
    };
    let transformers = rsp.get("transformers").is_some_and(
        |t| matches!(&t.kind, NodeKind::Array(a) if a.iter().any(|x| x.as_str() == Some("response-template"))),
    );
    let mut media_type = common::content_type(rsp.get("headers"));
    let mut body_file = path.to_path_buf();
    let rsp_at: Vec<PathToken> = at.iter().cloned().chain(common::keys(&["response"])).collect();
    let site = |file: &Path, key: Option<&str>, form| common::response_site(rsp, &rsp_at, file, key, form);
    let mut body_site = None;
    let body = if let Some(b) = json_body {
        media_type.get_or_insert_with(|| "application/json".to_owned());
        body_site = Some(site(path, Some("jsonBody"), BodyForm::Json));
        MockBody::Json(b)
    } else if let Some(b) = rsp.get("body") {
        body_site = Some(site(path, Some("body"), BodyForm::Text));
        match b.as_str() {
            Some(text) => common::text_body(text, b.line, media_type.as_deref()),
            None => MockBody::NotCompared("\"body\" is not a string".to_owned()),
        }
    } else if let Some(b) = rsp.get("base64Body") {
        body_site = Some(site(path, Some("base64Body"), BodyForm::Base64));
        match b.as_str().map(|t| common::base64_body(t, b.line, media_type.as_deref())) {
            Some(Ok(body)) => body,
            Some(Err(reason)) => return common::unreadable(path, b.line, format!("base64Body: {reason}")),
            None => MockBody::NotCompared("\"base64Body\" is not a string".to_owned()),
        }
    } else if let Some(name) = rsp.get("bodyFileName").and_then(Node::as_str) {
        if name.contains("{{") {
            MockBody::NotCompared("bodyFileName is templated".to_owned())
        } else {
            let Some(file) = files_dir(path).map(|d| d.join(name)) else {
                return common::unreadable(
                    path,
                    rsp.line,
                    format!("bodyFileName {name}: no __files directory above the mapping"),
                );
            };
            let what = format!("bodyFileName {name}");
            match common::named_body_file(path, rsp.line, &what, &file, media_type.as_deref()) {
                Ok(body) => {
                    body_site = Some(site(&file, None, BodyForm::Json));
                    body_file = file;
                    body
                }
                Err(unreadable) => return unreadable,
            }
        }
    } else {
        MockBody::None
    };
    let templated = transformers || matches!(&body, MockBody::Json(n) if common::has_template(n));
    Item::Mock(Box::new(Mock {
        method,
        status_line: status_node.map_or(rsp.line, |s| s.line),
        media_type,
        headers: common::headers(rsp.get("headers")),
        body,
        body_file,
        templated,
        body_site,
        delay: common::delay(rsp.get("fixedDelayMilliseconds")),
        ..Mock::new(path, MockFormat::WireMock, name, stub.line, url, status)
    }))
}

/// The `__files` directory for a mapping: beside the nearest `mappings` ancestor, or beside
/// the file itself.
fn files_dir(mapping: &Path) -> Option<PathBuf> {
    let mut dir = mapping.parent();
    while let Some(d) = dir {
        let candidate = d.join("__files");
        if candidate.is_dir() {
            return Some(candidate);
        }
        if d.file_name().is_some_and(|n| n == "mappings") {
            return d.parent().map(|p| p.join("__files"));
        }
        dir = d.parent();
    }
    None
}
