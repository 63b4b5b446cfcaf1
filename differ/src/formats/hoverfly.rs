//! Hoverfly simulations: v5 (matcher lists), v2–v4 (matcher objects), v1 (plain strings) and
//! the legacy 2016 format (`data` is an array).

use std::path::Path;

use crate::mock::{BodyForm, BodySite, Item, Mock, MockBody, MockFormat, PathToken, UrlPattern};
use crate::tree::{Node, NodeKind};

use super::common;

pub(crate) fn read(path: &Path, root: &Node) -> Vec<Item> {
    let data = root.get("data");
    let legacy = data.is_some_and(|d| d.get("pairs").is_none());
    let pairs = match data.map(|d| d.get("pairs").map(|p| &p.kind).unwrap_or(&d.kind)) {
        Some(NodeKind::Array(pairs)) => pairs,
        _ => return vec![common::unreadable(path, root.line, "no data.pairs array".to_owned())],
    };
    let mut items: Vec<Item> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut at = common::keys(if legacy { &["data"] } else { &["data", "pairs"] });
            at.push(PathToken::Index(i));
            pair(path, p, i, at)
        })
        .collect();
    global_delays(path, data.and_then(|d| d.get("globalActions")).and_then(|g| g.get("delays")), &mut items);
    items
}

/// `globalActions.delays` (`[{"urlPattern", "delay", "httpMethod"}]`): a pair without a
/// `fixedDelay` of its own takes the first delay whose pattern matches its destination and
/// path (as Hoverfly matches them) and whose method is its own or empty. A delay that cannot
/// be used (no `urlPattern`, a pattern that is not a regular expression, no positive `delay`)
/// is a note naming its line and why, and the others apply.
fn global_delays(path: &Path, delays: Option<&Node>, items: &mut Vec<Item>) {
    let Some(NodeKind::Array(delays)) = delays.map(|d| &d.kind) else { return };
    let mut rules: Vec<(regex::Regex, Option<String>, (f64, usize))> = Vec::new();
    let mut notes = Vec::new();
    for (i, d) in delays.iter().enumerate() {
        let rule = (|| {
            let pattern = d.get("urlPattern").and_then(Node::as_str).ok_or("no urlPattern string")?;
            let pattern = regex::RegexBuilder::new(pattern)
                .size_limit(1 << 20)
                .build()
                .map_err(|_| "its urlPattern is not a regular expression mockdrift can read")?;
            let delay = common::delay(d.get("delay")).ok_or("no positive delay in milliseconds")?;
            let method =
                d.get("httpMethod").and_then(Node::as_str).filter(|m| !m.is_empty()).map(str::to_ascii_uppercase);
            Ok::<_, &str>((pattern, method, delay))
        })();
        match rule {
            Ok(rule) => rules.push(rule),
            Err(why) => notes.push(common::skipped(
                path,
                d.line,
                &format!("globalActions.delays[{i}]: {why}; this delay is not compared with production's latency"),
            )),
        }
    }
    for item in items.iter_mut() {
        let Item::Mock(m) = item else { continue };
        if m.delay.is_some() {
            continue;
        }
        let url = format!("{}{}", m.host.as_deref().unwrap_or(""), m.url.display());
        m.delay = rules
            .iter()
            .find(|(re, method, _)| re.is_match(&url) && method.as_ref().is_none_or(|x| m.method.as_ref() == Some(x)))
            .map(|(_, _, delay)| *delay);
    }
    items.extend(notes);
}

/// The value a request field must have, and how: `(value, is_regex)`. Exact and glob
/// matchers give a value (globs as a regex); others cannot be compared.
fn field(n: Option<&Node>) -> Option<(String, bool)> {
    let n = n?;
    if let Some(s) = n.as_str() {
        return Some((s.to_owned(), false));
    }
    let from_matcher = |kind: &str, value: &str| -> Option<(String, bool)> {
        match kind.to_ascii_lowercase().as_str() {
            "exact" | "exactmatch" => Some((value.to_owned(), false)),
            "glob" | "globmatch" => Some((glob_to_regex(value), true)),
            "regex" | "regexmatch" => Some((value.to_owned(), true)),
            _ => None,
        }
    };
    match &n.kind {
        // v5: [{"matcher": "exact", "value": "/x"}, ...] (AND-ed; the first usable one wins)
        NodeKind::Array(ms) => {
            ms.iter().find_map(|m| from_matcher(m.get("matcher")?.as_str()?, m.get("value")?.as_str()?))
        }
        // v2–v4: {"exactMatch": "/x"} or {"globMatch": "..."}
        NodeKind::Object(fields) => fields.iter().find_map(|(k, v)| from_matcher(k, v.as_str()?)),
        _ => None,
    }
}

fn glob_to_regex(glob: &str) -> String {
    let mut out = String::new();
    for c in glob.chars() {
        match c {
            '*' => out.push_str(".*"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

fn pair(path: &Path, p: &Node, index: usize, at: Vec<PathToken>) -> Item {
    let (Some(req), Some(rsp)) = (p.get("request").or_else(|| p.get("requestTemplate")), p.get("response")) else {
        return common::unreadable(path, p.line, format!("pair {} has no request or response", index + 1));
    };
    let method = field(req.get("method")).and_then(|(m, re)| (!re).then(|| m.to_ascii_uppercase()));
    let url = match field(req.get("path")) {
        Some((v, false)) => UrlPattern::Path(v),
        Some((v, true)) => UrlPattern::Regex { pattern: v, path_only: true },
        None if req.get("path").is_none() => UrlPattern::Any,
        None => {
            return common::skipped(path, req.line, &format!("pair {}: path matcher cannot be evaluated", index + 1));
        }
    };
    let host = field(req.get("destination")).and_then(|(d, re)| (!re).then_some(d));
    let status_node = rsp.get("status");
    let status = match status_node.and_then(Node::as_u64) {
        Some(s) if (100..=999).contains(&s) => s as u16,
        _ => return common::unreadable(path, rsp.line, format!("pair {}: no valid response status", index + 1)),
    };
    let media_type = common::content_type(rsp.get("headers"));
    let encoded = matches!(rsp.get("encodedBody").map(|e| &e.kind), Some(NodeKind::Bool(true)));
    let mut body_file = path.to_path_buf();
    let rsp_at: Vec<PathToken> = at.into_iter().chain(common::keys(&["response"])).collect();
    let site = |file: &Path, key: Option<&str>, form| common::response_site(rsp, &rsp_at, file, key, form);
    let mut body_site = None;
    let body = if let Some(file) = rsp.get("bodyFile").and_then(Node::as_str).filter(|f| !f.is_empty()) {
        let full = path.parent().unwrap_or(Path::new(".")).join(file);
        match common::named_body_file(path, rsp.line, &format!("bodyFile {file}"), &full, media_type.as_deref()) {
            Ok(body) => {
                body_site = Some(site(&full, None, BodyForm::Json));
                body_file = full;
                body
            }
            Err(unreadable) => return unreadable,
        }
    } else {
        // An encoded body is the bytes as sent, so in the response's Content-Encoding.
        let encoding =
            if encoded { common::content_encoding(&common::headers(rsp.get("headers"))) } else { String::new() };
        if rsp.get("body").is_some() {
            let form = if encoded { BodyForm::Base64 } else { BodyForm::Text };
            body_site = Some(BodySite { encoding: encoding.clone(), ..site(path, Some("body"), form) });
        }
        match rsp.get("body") {
            Some(b) => match b.as_str() {
                Some("") => MockBody::None,
                Some(text) if encoded => match common::base64_bytes(text) {
                    Ok(bytes) => common::encoded_body(&bytes, &encoding, b.line, media_type.as_deref()),
                    Err(reason) => return common::unreadable(path, b.line, format!("encodedBody: {reason}")),
                },
                Some(text) => common::text_body(text, b.line, media_type.as_deref()),
                None => MockBody::NotCompared("body is not a string".to_owned()),
            },
            None => MockBody::None,
        }
    };
    let templated = matches!(rsp.get("templated").map(|t| &t.kind), Some(NodeKind::Bool(true)))
        || matches!(&body, MockBody::Json(n) if common::has_template(n));
    let name = match (&method, &url) {
        (Some(m), u) => format!("{m} {}", u.display()),
        (None, u) => u.display(),
    };
    Item::Mock(Box::new(Mock {
        host,
        method,
        status_line: status_node.map_or(rsp.line, |s| s.line),
        media_type,
        headers: common::headers(rsp.get("headers")),
        body,
        body_file,
        templated,
        body_site,
        delay: common::delay(rsp.get("fixedDelay")),
        ..Mock::new(path, MockFormat::Hoverfly, name, p.line, url, status)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delays(text: &str) -> Vec<Option<f64>> {
        super::super::read_bytes(Path::new("sim.json"), text.as_bytes(), None)
            .into_iter()
            .map(|i| match i {
                Item::Mock(m) => m.delay.map(|(ms, _)| ms),
                other => panic!("not a mock: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn fixed_and_global_delays_are_read() {
        let pair = |p: &str, extra: &str| {
            format!(
                r#"{{"request": {{"path": [{{"matcher": "exact", "value": "{p}"}}], "method": [{{"matcher": "exact", "value": "GET"}}],
                 "destination": [{{"matcher": "exact", "value": "api.example"}}]}},
                 "response": {{"status": 200, "body": "{{}}"{extra}}}}}"#
            )
        };
        let sim = format!(
            r#"{{"data": {{"pairs": [{}, {}, {}],
              "globalActions": {{"delays": [{{"urlPattern": "api\\.example/slow", "delay": 2000, "httpMethod": "GET"}},
                                              {{"urlPattern": "api\\.example/slow", "delay": 9, "httpMethod": "POST"}}]}}}},
              "meta": {{"schemaVersion": "v5"}}}}"#,
            pair("/slow/1", ""),
            pair("/slow/2", r#", "fixedDelay": 150"#),
            pair("/fast", ""),
        );
        assert_eq!(delays(&sim), [Some(2000.0), Some(150.0), None]);
    }

    #[test]
    fn a_global_delay_that_cannot_be_used_is_a_note_with_its_line_and_the_others_apply() {
        let sim = r#"{"data": {"pairs": [
  {"request": {"path": [{"matcher": "exact", "value": "/slow"}]}, "response": {"status": 200, "body": "{}"}}],
  "globalActions": {"delays": [
    {"urlPattern": "(unclosed", "delay": 100},
    {"delay": 50},
    {"urlPattern": "/slow", "delay": "soon"},
    {"urlPattern": "/slow", "delay": 2000}]}},
  "meta": {"schemaVersion": "v5"}}"#;
        let items = super::super::read_bytes(Path::new("sim.json"), sim.as_bytes(), None);
        let notes: Vec<(usize, String)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(n) => Some((n.line, n.reason.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(notes[0].0, 4);
        assert!(
            notes[0].1.starts_with("globalActions.delays[0]: its urlPattern is not a regular expression"),
            "{notes:?}"
        );
        assert_eq!((notes[1].0, notes[1].1.contains("no urlPattern")), (5, true), "{notes:?}");
        assert_eq!((notes[2].0, notes[2].1.contains("no positive delay")), (6, true), "{notes:?}");
        let delay = items.iter().find_map(|i| match i {
            Item::Mock(m) => Some(m.delay.map(|(ms, _)| ms)),
            _ => None,
        });
        assert_eq!(delay, Some(Some(2000.0)), "the usable delay still applies");
    }
}
