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

/// The longest line or HAR entry read: beyond it the line or entry is reported and skipped,
/// so that one hostile record cannot take the memory of the process.
pub const MAX_RECORD: usize = 64 << 20;

/// Reads JSON Lines of exchanges as a stream, one line at a time. Blank lines and lines
/// starting with `#` are skipped; a bad line yields an error for that line and reading goes
/// on. Invalid UTF-8 is replaced (U+FFFD), a leading byte order mark skipped.
pub fn read_jsonl<R: BufRead>(r: R) -> JsonLines<R> {
    JsonLines { r, line: 0, buf: Vec::new(), done: false }
}

/// The iterator of [`read_jsonl`].
#[derive(Debug)]
pub struct JsonLines<R> {
    r: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Exchange, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let line_no = self.line;
            let too_long = match read_line_capped(&mut self.r, &mut self.buf, MAX_RECORD) {
                Ok(Some(too_long)) => too_long,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(LineError { line: line_no, reason: format!("cannot read: {e}") }));
                }
            };
            if too_long {
                let reason = format!("line longer than {} MiB (skipped)", MAX_RECORD >> 20);
                return Some(Err(LineError { line: line_no, reason }));
            }
            let mut bytes = self.buf.as_slice();
            if line_no == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let text = String::from_utf8_lossy(bytes);
            let t = text.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            return Some(
                serde_json::from_str::<Exchange>(t)
                    .map_err(|e| LineError { line: line_no, reason: without_position(&e) })
                    .and_then(|x| validate(x).map_err(|reason| LineError { line: line_no, reason })),
            );
        }
        None
    }
}

/// serde's message without its own "at line 1 column 73": the error names the file's line,
/// and the column within it only where it says something (a syntax error).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match (e.classify(), text.rfind(" at line ")) {
        (serde_json::error::Category::Data, Some(i)) => text[..i].to_owned(),
        (_, Some(i)) => format!("{} (column {})", &text[..i], e.column()),
        _ => text,
    }
}

/// Reads one line (without its line break) into `buf`. `None` at the end of input;
/// `Some(true)` when the line was longer than `cap` (the rest of it is skipped, `buf` holds
/// its start).
fn read_line_capped(r: &mut impl BufRead, buf: &mut Vec<u8>, cap: usize) -> std::io::Result<Option<bool>> {
    buf.clear();
    let (mut any, mut too_long) = (false, false);
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (part, used, end) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        if buf.len() + part.len() > cap {
            too_long = true;
        } else {
            buf.extend_from_slice(part);
        }
        r.consume(used);
        if end {
            return Ok(Some(too_long));
        }
    }
}

pub(crate) fn validate(mut x: Exchange) -> Result<Exchange, String> {
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

/// A service name as one safe file-name component or object-key segment: kept as is when it
/// is made of ASCII letters, digits, `.`, `_` and `-`, does not start with a dot and is at most
/// 100 bytes; otherwise every other character becomes `_`, leading dots are dropped, the rest
/// is cut to 64 bytes and a hash of the whole name is appended, so two names never meet in
/// one file. Any name is accepted as recorded; this is where it becomes a path.
pub fn safe_file_stem(service: &str) -> std::borrow::Cow<'_, str> {
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    if !service.is_empty() && service.len() <= 100 && !service.starts_with('.') && service.bytes().all(ok) {
        return std::borrow::Cow::Borrowed(service);
    }
    let mut stem: String = service.chars().map(|c| if c.is_ascii() && ok(c as u8) { c } else { '_' }).collect();
    stem = stem.trim_start_matches('.').chars().take(64).collect();
    let hash = crate::stable_hash(service.as_bytes());
    std::borrow::Cow::Owned(format!("{stem}-{:08x}", hash as u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::har::read_har_text;

    #[test]
    fn any_service_name_becomes_one_safe_file_name() {
        use super::safe_file_stem;
        assert_eq!(safe_file_stem("payments-v2.eu_west"), "payments-v2.eu_west");
        for hostile in ["../../x", "/etc/passwd", "..", ".", "", "a/b", "a\\b", "c:x", "nul\0", "é", &"x".repeat(300)]
        {
            let s = safe_file_stem(hostile);
            assert!(!s.is_empty() && !s.starts_with('.') && s.len() <= 73, "{hostile:?} -> {s:?}");
            assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)), "{hostile:?} -> {s:?}");
        }
        assert_ne!(safe_file_stem("a/b"), safe_file_stem("a_b"));
        assert_ne!(safe_file_stem("a/b"), safe_file_stem("a:b"));
    }

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
        let got = read_har_text(har, None).expect("a HAR");
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
