//! Pact files, specification v1 to v4: HTTP interactions; message interactions are skipped.

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, Matcher, Mock, MockBody, MockFormat, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

use super::common;

pub(crate) fn read(path: &Path, root: &Node) -> Vec<Item> {
    let provider = root.get("provider").and_then(|p| p.get("name")).and_then(Node::as_str).map(str::to_owned);
    let mut out = Vec::new();
    if let Some(NodeKind::Array(msgs)) = root.get("messages").map(|m| &m.kind) {
        for m in msgs {
            out.push(common::skipped(path, m.line, "Pact message interaction (not HTTP)"));
        }
    }
    match root.get("interactions").map(|i| &i.kind) {
        Some(NodeKind::Array(items)) => {
            for (i, it) in items.iter().enumerate() {
                out.push(interaction(path, it, i, provider.as_deref()));
                if let Some(Item::Mock(m)) = out.last_mut()
                    && let Some(site) = &mut m.body_site
                {
                    site.path.splice(0..0, [PathToken::Key("interactions".to_owned()), PathToken::Index(i)]);
                    for l in &mut site.lengths {
                        l.splice(0..0, [PathToken::Key("interactions".to_owned()), PathToken::Index(i)]);
                    }
                }
            }
        }
        Some(_) => out.push(common::unreadable(path, root.line, "\"interactions\" is not an array".to_owned())),
        None => {}
    }
    out
}

fn interaction(path: &Path, it: &Node, index: usize, provider: Option<&str>) -> Item {
    let name = it
        .get("description")
        .and_then(Node::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("interaction {}", index + 1));
    if let Some(t) = it.get("type").and_then(Node::as_str)
        && t != "Synchronous/HTTP"
    {
        return common::skipped(path, it.line, &format!("Pact {t} interaction {name:?} (not HTTP)"));
    }
    let (Some(req), Some(rsp)) = (it.get("request"), it.get("response")) else {
        return common::skipped(path, it.line, &format!("Pact interaction {name:?} has no HTTP request and response"));
    };
    let method = req.get("method").and_then(Node::as_str).map(str::to_ascii_uppercase);
    let url = match req.get("path") {
        Some(p) => match (p.as_str(), term_generate(p)) {
            (Some(s), _) => UrlPattern::Path(s.to_owned()),
            (None, Some(g)) => UrlPattern::Path(g.to_owned()),
            _ => return common::unreadable(path, p.line, format!("interaction {name:?}: path is not a string")),
        },
        None => UrlPattern::Path("/".to_owned()),
    };
    // A regex matcher on the request path (v2 `$.path`, v3/v4 `path` category) widens the
    // example path to every path the regex admits.
    let req_rules = req.get("matchingRules").or_else(|| it.get("requestMatchingRules"));
    let path_rule = req_rules.and_then(|r| r.get("path").or_else(|| r.get("$.path")));
    let url = match path_rule.filter(|r| rule_name(r) == "regex").and_then(rule_pattern) {
        Some(pattern) => UrlPattern::Regex { pattern, path_only: true },
        None => url,
    };
    let status_node = rsp.get("status");
    let status = match status_node.and_then(Node::as_u64) {
        Some(s) if (100..=999).contains(&s) => s as u16,
        _ => {
            return common::unreadable(
                path,
                status_node.map_or(rsp.line, |s| s.line),
                format!("interaction {name:?}: no valid response status"),
            );
        }
    };
    let mut media_type = common::content_type(rsp.get("headers"));
    let mut matchers = Vec::new();
    // v2: flat rules keyed `$.body...` on the response (or `responseMatchingRules`);
    // v3/v4: `matchingRules.body` keyed `$...`.
    let rules = rsp.get("matchingRules").or_else(|| it.get("responseMatchingRules"));
    if let Some(NodeKind::Object(fields)) = rules.map(|r| &r.kind) {
        for (k, v) in fields {
            if &**k == "body" {
                if let NodeKind::Object(body_rules) = &v.kind {
                    for (bk, bv) in body_rules {
                        if let Some(p) = parse_path(bk) {
                            matchers.push(Matcher { path: p, rule: rule_name(bv), pattern: rule_pattern(bv) });
                        }
                    }
                }
            } else if let Some(rest) = k.strip_prefix("$.body")
                && let Some(p) = parse_path(&format!("${rest}"))
            {
                matchers.push(Matcher { path: p, rule: rule_name(v), pattern: rule_pattern(v) });
            }
        }
    }
    // Paths below the interaction; `read` prefixes the interaction's own.
    let site = |path_in: &[&str], form| BodySite {
        file: path.to_path_buf(),
        path: common::keys(path_in),
        form,
        lengths: common::length_paths(rsp.get("headers"), &common::keys(&["response", "headers"])),
        encoding: String::new(),
    };
    let mut body_site = None;
    let body = match rsp.get("body") {
        None => MockBody::None,
        Some(b) => match v4_body(b) {
            Some(Ok((content, ct))) => {
                if media_type.is_none() {
                    media_type = ct.map(|c| mockdrift_contracts::media::normalise(&c));
                }
                let encoded = b.get("encoded").is_some_and(|e| e.as_str() == Some("base64"));
                let form = match b.get("content").map(|c| &c.kind) {
                    Some(NodeKind::String(_)) if encoded => BodyForm::Base64,
                    Some(NodeKind::String(_)) => BodyForm::Text,
                    _ => BodyForm::Json,
                };
                body_site = Some(site(&["response", "body", "content"], form));
                content
            }
            Some(Err(reason)) => return common::unreadable(path, b.line, format!("interaction {name:?}: {reason}")),
            None => match b.as_str() {
                Some(text) => match common::json_in_string(text, b.line) {
                    Some(n) => {
                        body_site = Some(site(&["response", "body"], BodyForm::Text));
                        MockBody::Json(n)
                    }
                    None => MockBody::NotCompared("body is not JSON".to_owned()),
                },
                None => {
                    let mut n = b.clone();
                    let before = matchers.len();
                    unwrap_ruby_terms(&mut n, &mut Vec::new(), &mut matchers);
                    if matchers.len() == before {
                        // Ruby terms change the tree's shape: no place to splice edits into.
                        body_site = Some(site(&["response", "body"], BodyForm::Json));
                    }
                    media_type.get_or_insert_with(|| "application/json".to_owned());
                    MockBody::Json(n)
                }
            },
        },
    };
    Item::Mock(Box::new(Mock {
        service: provider.map(str::to_owned),
        method,
        status_line: status_node.map_or(rsp.line, |s| s.line),
        media_type,
        headers: common::headers(rsp.get("headers")),
        body,
        matchers,
        body_site,
        ..Mock::new(path, MockFormat::Pact, name, it.line, url, status)
    }))
}

/// A v4 body wrapper `{"content", "contentType", "encoded"}`; `None` when not one.
#[allow(clippy::type_complexity)]
fn v4_body(b: &Node) -> Option<Result<(MockBody, Option<String>), String>> {
    let content = b.get("content")?;
    b.get("contentType").or_else(|| b.get("encoded"))?;
    let ct = b.get("contentType").and_then(Node::as_str).map(str::to_owned);
    let encoded = b.get("encoded").and_then(|e| e.as_str().map(str::to_ascii_lowercase));
    let body = match (encoded.as_deref(), content.as_str()) {
        (Some("base64"), Some(s)) => match common::base64_body(s, content.line, ct.as_deref()) {
            Ok(body) => body,
            Err(reason) => return Some(Err(reason)),
        },
        (_, Some(s)) => common::text_body(s, content.line, ct.as_deref()),
        (_, None) => MockBody::Json(content.clone()),
    };
    Some(Ok((body, ct)))
}

fn rule_name(v: &Node) -> String {
    // v3: {"matchers": [{"match": "type"}, ...]}; v2: {"match": "type"}; hand-written: {"regex": "..."}.
    let first = match v.get("matchers").map(|m| &m.kind) {
        Some(NodeKind::Array(ms)) if !ms.is_empty() => &ms[0],
        _ => v,
    };
    if let Some(m) = first.get("match").and_then(Node::as_str) {
        return m.to_owned();
    }
    for implicit in ["regex", "date", "time", "timestamp", "datetime", "min", "max", "include"] {
        if first.get(implicit).is_some() {
            return if matches!(implicit, "min" | "max") { "type".to_owned() } else { implicit.to_owned() };
        }
    }
    "type".to_owned()
}

/// The argument of a rule: a regex's pattern (`{"match": "regex", "regex": "..."}`), an
/// include's value (`{"match": "include", "value": "..."}`); v3 matcher lists too.
fn rule_pattern(v: &Node) -> Option<String> {
    let first = match v.get("matchers").map(|m| &m.kind) {
        Some(NodeKind::Array(ms)) if !ms.is_empty() => &ms[0],
        _ => v,
    };
    first.get("regex").or_else(|| first.get("value")).and_then(Node::as_str).map(str::to_owned)
}

/// Parses `$.a.b[*].c`, `$['a-b'][0]`, `$.*`.
pub(crate) fn parse_path(s: &str) -> Option<Vec<PathToken>> {
    let mut rest = s.strip_prefix('$')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(".*") {
            out.push(PathToken::Any);
            rest = r;
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            out.push(PathToken::Key(r[..end].to_owned()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix("[*]") {
            out.push(PathToken::Any);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            out.push(PathToken::Key(r[..end].to_owned()));
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(PathToken::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// `{"json_class": "Pact::Term", "data": {"generate": ...}}`: the example value.
fn term_generate(n: &Node) -> Option<&str> {
    (n.get("json_class")?.as_str()? == "Pact::Term").then_some(())?;
    n.get("data")?.get("generate")?.as_str()
}

/// Ruby pact v1 embeds matchers in example values (`Pact::Term`, `Pact::SomethingLike`):
/// replace each by its example and record a matcher at its path.
fn unwrap_ruby_terms(n: &mut Node, at: &mut Vec<PathToken>, matchers: &mut Vec<Matcher>) {
    let class = n.get("json_class").and_then(Node::as_str).map(str::to_owned);
    match class.as_deref() {
        Some("Pact::Term") => {
            if let Some(g) = n.get("data").and_then(|d| d.get("generate")).cloned() {
                *n = g;
                let pattern = n
                    .get("data")
                    .and_then(|d| d.get("matcher"))
                    .and_then(|m| m.get("s"))
                    .and_then(Node::as_str)
                    .map(str::to_owned);
                matchers.push(Matcher { path: at.clone(), rule: "regex".to_owned(), pattern });
                return;
            }
        }
        Some("Pact::SomethingLike") => {
            if let Some(c) = n.get("contents").cloned() {
                *n = c;
                matchers.push(Matcher { path: at.clone(), rule: "type".to_owned(), pattern: None });
                return;
            }
        }
        _ => {}
    }
    if at.len() > crate::tree::MAX_DEPTH {
        return;
    }
    match &mut n.kind {
        NodeKind::Object(fields) => {
            for (k, v) in fields.iter_mut() {
                at.push(PathToken::Key(k.to_string()));
                unwrap_ruby_terms(v, at, matchers);
                at.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                at.push(PathToken::Index(i));
                unwrap_ruby_terms(v, at, matchers);
                at.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_matcher_paths() {
        assert_eq!(
            parse_path("$.items[*].id").expect("valid"),
            vec![PathToken::Key("items".into()), PathToken::Any, PathToken::Key("id".into())]
        );
        assert_eq!(parse_path("$['a-b'][0]").expect("valid"), vec![PathToken::Key("a-b".into()), PathToken::Index(0)]);
        assert_eq!(parse_path("$").expect("valid"), vec![]);
        assert!(parse_path("items").is_none());
    }
}
