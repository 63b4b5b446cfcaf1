//! The `Exchange` record: one request and its response. Also the JSON Lines traffic format
//! (one `Exchange` per line) and HAR import.
//!
//! JSON Lines, one object per line (frozen, version 1; unknown fields are ignored so later
//! writers stay readable):
//!
//! ```json
//! {"service":"payments","method":"GET","path":"/v1/charges/42","query":"expand=customer",
//!  "status":200,"time":"2026-11-03T10:00:00.000Z","duration_ms":12.5,
//!  "request":{"headers":[["accept","application/json"]]},
//!  "response":{"headers":[["content-type","application/json"]],"body":"{\"id\":42}","truncated":false}}
//! ```
//!
//! A body is `"body"` (UTF-8 text) or `"body_base64"` (anything else), exactly as on the wire
//! (still content-encoded when a `content-encoding` header says so).

use std::io::BufRead;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::redact::Redactor;
use crate::ts::Ts;

/// One request/response pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// The upstream service's name.
    pub service: String,
    /// Request method, uppercase.
    pub method: String,
    /// The concrete path, without the query.
    pub path: String,
    /// The raw query string, without `?`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub query: String,
    /// Response status code.
    pub status: u16,
    /// When the request started.
    pub time: Ts,
    /// Time to the end of the response, in milliseconds.
    #[serde(default)]
    pub duration_ms: f64,
    /// The request.
    #[serde(default)]
    pub request: Message,
    /// The response.
    #[serde(default)]
    pub response: Message,
}

/// Headers and (possibly truncated) body of a request or response.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Message {
    /// Headers in order, names as received.
    pub headers: Vec<(String, String)>,
    /// Body bytes as on the wire, at most the recording cap.
    pub body: Vec<u8>,
    /// Whether the body was longer than what was kept.
    pub truncated: bool,
}

#[derive(Serialize, Deserialize, Default)]
struct MessageRepr {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
}

impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (body, body_base64) = match std::str::from_utf8(&self.body) {
            _ if self.body.is_empty() => (None, None),
            Ok(t) => (Some(t.to_owned()), None),
            Err(_) => (None, Some(base64::engine::general_purpose::STANDARD.encode(&self.body))),
        };
        MessageRepr { headers: self.headers.clone(), body, body_base64, truncated: self.truncated }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = MessageRepr::deserialize(d)?;
        let body = match (r.body, r.body_base64) {
            (Some(_), Some(_)) => return Err(serde::de::Error::custom("both body and body_base64 given")),
            (Some(t), None) => t.into_bytes(),
            (None, Some(b)) => base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .map_err(|e| serde::de::Error::custom(format!("invalid body_base64: {e}")))?,
            (None, None) => Vec::new(),
        };
        Ok(Message { headers: r.headers, body, truncated: r.truncated })
    }
}

impl Message {
    /// The first value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Drops headers that must never be stored (credentials and configured extras).
    pub fn scrub_headers(&mut self, redactor: &Redactor) {
        self.headers.retain(|(n, _)| !redactor.is_dropped_header(n));
    }
}

impl Exchange {
    /// Drops credential headers from both messages: call before writing an exchange anywhere.
    pub fn scrub(&mut self, redactor: &Redactor) {
        self.request.scrub_headers(redactor);
        self.response.scrub_headers(redactor);
    }
}

/// A traffic file problem, with where it is.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct LineError {
    /// 1-based line (for HAR, the line of the entry).
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// Reads JSON Lines of exchanges. Blank lines and lines starting with `#` are skipped; a bad
/// line yields an error for that line and reading goes on.
pub fn read_jsonl(r: impl BufRead) -> impl Iterator<Item = Result<Exchange, LineError>> {
    r.lines().enumerate().filter_map(|(i, line)| {
        let line_no = i + 1;
        match line {
            Err(e) => Some(Err(LineError { line: line_no, reason: format!("cannot read: {e}") })),
            Ok(l) if l.trim().is_empty() || l.trim_start().starts_with('#') => None,
            Ok(l) => Some(
                serde_json::from_str::<Exchange>(&l)
                    .map_err(|e| LineError { line: line_no, reason: e.to_string() })
                    .and_then(|x| validate(x).map_err(|reason| LineError { line: line_no, reason })),
            ),
        }
    })
}

fn validate(mut x: Exchange) -> Result<Exchange, String> {
    if !(100..=999).contains(&x.status) {
        return Err(format!("status {} is not an HTTP status code", x.status));
    }
    if x.method.is_empty() || !x.method.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return Err(format!("method {:?} is not an HTTP method", x.method));
    }
    x.method.make_ascii_uppercase();
    if !x.path.starts_with('/') && x.path != "*" {
        return Err(format!("path {:?} must start with '/'", x.path));
    }
    if x.service.is_empty() {
        return Err("service is empty".to_owned());
    }
    Ok(x)
}

/// The parts of an absolute or origin-form URL.
#[derive(Debug, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// `host[:port]`, empty for origin-form.
    pub authority: &'a str,
    /// Path, `/` at least.
    pub path: &'a str,
    /// Query without `?`.
    pub query: &'a str,
}

/// Splits a URL without a full URL parser: what HAR and mocks need.
pub fn split_url(url: &str) -> UrlParts<'_> {
    let url = url.split('#').next().unwrap_or("");
    let rest = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => {
            let (path, query) = url.split_once('?').unwrap_or((url, ""));
            let path = if path.is_empty() { "/" } else { path };
            return UrlParts { authority: "", path, query };
        }
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = rest[..end].rsplit('@').next().unwrap_or("");
    let rest = &rest[end..];
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    UrlParts { authority, path: if path.is_empty() { "/" } else { path }, query }
}

/// Imports the entries of a HAR 1.2 document. `service` names the upstream; without it the
/// request URL's host does. Bad entries yield errors (with the entry's line) and the rest goes on.
pub fn read_har(text: &str, service: Option<&str>) -> Result<Vec<Result<Exchange, LineError>>, LineError> {
    let doc: serde_json::Value =
        serde_json::from_str(text).map_err(|e| LineError { line: e.line(), reason: format!("not valid JSON: {e}") })?;
    let entries = doc
        .get("log")
        .and_then(|l| l.get("entries"))
        .and_then(|e| e.as_array())
        .ok_or_else(|| LineError { line: 1, reason: "not a HAR file: no log.entries array".to_owned() })?;
    let lines = entry_lines(text);
    Ok(entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let line = lines.get(i).copied().unwrap_or(1);
            har_entry(e, service).map_err(|reason| LineError { line, reason: format!("entry {}: {reason}", i + 1) })
        })
        .collect())
}

/// The line of each element of `log.entries`, from a position-aware pass.
fn entry_lines(text: &str) -> Vec<usize> {
    use crate::json::{Event, Parser};
    let mut out = Vec::new();
    let Ok(mut p) = Parser::new(text.as_bytes()) else { return out };
    // The key of each open container: [root, "log", "entries"] holds the entries.
    let mut path: Vec<Option<String>> = Vec::new();
    let mut pending_key: Option<String> = None;
    while let Ok(Some(ev)) = p.next() {
        match ev {
            Event::Key(k) => pending_key = Some(k.into_owned()),
            Event::StartArray | Event::StartObject => {
                if path.len() == 3 && path[1].as_deref() == Some("log") && path[2].as_deref() == Some("entries") {
                    out.push(crate::json::line_col(text.as_bytes(), p.offset()).0);
                }
                path.push(pending_key.take());
            }
            Event::EndArray | Event::EndObject => {
                path.pop();
            }
            _ => pending_key = None,
        }
    }
    out
}

fn har_headers(v: &serde_json::Value) -> Vec<(String, String)> {
    v.as_array()
        .map(|hs| {
            hs.iter()
                .filter_map(|h| Some((h.get("name")?.as_str()?.to_owned(), h.get("value")?.as_str()?.to_owned())))
                .filter(|(n, _)| !n.starts_with(':'))
                .collect()
        })
        .unwrap_or_default()
}

fn har_entry(e: &serde_json::Value, service: Option<&str>) -> Result<Exchange, String> {
    let req = e.get("request").ok_or("no request")?;
    let rsp = e.get("response").ok_or("no response")?;
    let method = req.get("method").and_then(|m| m.as_str()).ok_or("request has no method")?;
    let url = req.get("url").and_then(|m| m.as_str()).ok_or("request has no url")?;
    let status = rsp.get("status").and_then(serde_json::Value::as_u64).ok_or("response has no status")?;
    if status == 0 {
        return Err("response status 0 (the request never completed)".to_owned());
    }
    let parts = split_url(url);
    let host = parts.authority.split(':').next().unwrap_or("");
    let service = service
        .map(str::to_owned)
        .or_else(|| (!host.is_empty()).then(|| host.to_owned()))
        .ok_or("no service: give --service")?;
    let time = match e.get("startedDateTime").and_then(|t| t.as_str()) {
        Some(t) => Ts::parse(t).map_err(|err| format!("startedDateTime {t:?}: {err}"))?,
        None => Ts(0),
    };
    let mut response = Message { headers: har_headers(&rsp["headers"]), ..Message::default() };
    // HAR bodies are stored decoded: the content-encoding header no longer applies.
    response.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-encoding"));
    let content = &rsp["content"];
    if let Some(text) = content.get("text").and_then(|t| t.as_str()) {
        response.body = if content.get("encoding").and_then(|e| e.as_str()) == Some("base64") {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| format!("response body is not valid base64: {e}"))?
        } else {
            text.as_bytes().to_vec()
        };
    }
    if response.header("content-type").is_none()
        && let Some(mime) = content.get("mimeType").and_then(|m| m.as_str()).filter(|m| !m.is_empty())
    {
        response.headers.push(("content-type".to_owned(), mime.to_owned()));
    }
    let mut request = Message { headers: har_headers(&req["headers"]), ..Message::default() };
    request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-encoding"));
    if let Some(text) = req.get("postData").and_then(|p| p.get("text")).and_then(|t| t.as_str()) {
        request.body = text.as_bytes().to_vec();
    }
    validate(Exchange {
        service,
        method: method.to_owned(),
        path: parts.path.to_owned(),
        query: parts.query.to_owned(),
        status: status as u16,
        time,
        duration_ms: e.get("time").and_then(serde_json::Value::as_f64).unwrap_or(0.0),
        request,
        response,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_roundtrips_text_and_binary_bodies() {
        let x = Exchange {
            service: "pay".into(),
            method: "GET".into(),
            path: "/v1/a".into(),
            query: "x=1".into(),
            status: 200,
            time: Ts(1_700_000_000_000),
            duration_ms: 1.5,
            request: Message::default(),
            response: Message {
                headers: vec![("content-encoding".into(), "gzip".into())],
                body: vec![0x1f, 0x8b, 0xff],
                truncated: true,
            },
        };
        let line = serde_json::to_string(&x).expect("json");
        assert!(line.contains("\"body_base64\":\"H4v/\""), "{line}");
        assert!(line.contains("\"headers\":[[\"content-encoding\",\"gzip\"]]"), "{line}");
        let back: Vec<_> = read_jsonl(format!("# comment\n\n{line}\n").as_bytes()).collect();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].as_ref().expect("valid"), &x);
    }

    #[test]
    fn bad_lines_name_their_line_and_reading_goes_on() {
        let text = "{\"service\":\"s\",\"method\":\"get\",\"path\":\"/a\",\"status\":200,\"time\":\"2026-11-03T00:00:00Z\"}\nnot json\n{\"service\":\"s\",\"method\":\"GET\",\"path\":\"/a\",\"status\":20,\"time\":\"2026-11-03T00:00:00Z\"}\n";
        let got: Vec<_> = read_jsonl(text.as_bytes()).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].as_ref().expect("valid").method, "GET");
        assert_eq!(got[1].as_ref().expect_err("bad").line, 2);
        let e = got[2].as_ref().expect_err("bad");
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("status 20"), "{}", e.reason);
    }

    #[test]
    fn splits_urls() {
        assert_eq!(
            split_url("https://u:p@api.example.com:8443/v1/x?a=1#f"),
            UrlParts { authority: "api.example.com:8443", path: "/v1/x", query: "a=1" }
        );
        assert_eq!(split_url("http://h?q"), UrlParts { authority: "h", path: "/", query: "q" });
        assert_eq!(split_url("/a/b?c=d"), UrlParts { authority: "", path: "/a/b", query: "c=d" });
    }

    #[test]
    fn har_entries_import_with_lines() {
        let har = r#"{"log": {"version": "1.2", "entries": [
  {"startedDateTime": "2026-11-03T10:00:00Z", "time": 5,
   "request": {"method": "GET", "url": "https://api.example.com/users/1?x=1", "headers": [{"name": "Authorization", "value": "Bearer x"}]},
   "response": {"status": 200, "headers": [{"name": "Content-Encoding", "value": "gzip"}],
                "content": {"mimeType": "application/json", "text": "eyJpZCI6MX0=", "encoding": "base64"}}},
  {"request": {"method": "GET"}, "response": {"status": 200}}
]}}"#;
        let got = read_har(har, None).expect("a HAR");
        let x = got[0].as_ref().expect("valid");
        assert_eq!((x.service.as_str(), x.path.as_str(), x.query.as_str()), ("api.example.com", "/users/1", "x=1"));
        assert_eq!(x.response.body, br#"{"id":1}"#);
        assert_eq!(x.response.header("content-type"), Some("application/json"));
        assert_eq!(x.response.header("content-encoding"), None);
        let e = got[1].as_ref().expect_err("no url");
        assert_eq!(e.line, 6);
        assert!(e.reason.contains("entry 2"));
    }
}
