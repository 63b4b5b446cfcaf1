//! HAR 1.2 import as a stream: the entries of `log.entries` are read one at a time, so a
//! capture of any size is imported in the memory of its largest entry.
//!
//! A byte scanner walks the document's skeleton (strings, nesting, line breaks) without
//! building it; each element of `log.entries` is cut out whole and deserialized on its own
//! into typed fields. Lines are counted as the scanner goes, so each entry knows its line
//! and an error inside it is reported at the file's line, not the entry's.

use std::io::BufRead;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::exchange::{Exchange, LineError, MAX_RECORD, Message, split_url, validate};
use crate::ts::Ts;

/// Reads the entries of a HAR 1.2 document from `r`, one at a time. `service` names the
/// upstream; without it the request URL's host does. A bad entry yields an error (with the
/// entry's line) and reading goes on; a document with no `log.entries` array yields one
/// error, at line 1. A document cut short ends with an error for the entry it cut.
pub fn read_har<R: BufRead>(r: R, service: Option<&str>) -> HarEntries<R> {
    HarEntries {
        r,
        service: service.map(str::to_owned),
        scan: Scan::default(),
        entry: Vec::new(),
        max_entry: MAX_RECORD,
        done: false,
    }
}

/// Like [`read_har`] over a document in memory, all entries at once; `Err` when it is not a
/// HAR document.
pub fn read_har_text(text: &str, service: Option<&str>) -> Result<Vec<Result<Exchange, LineError>>, LineError> {
    let mut out = Vec::new();
    let mut entries = read_har(text.as_bytes(), service);
    while let Some(x) = entries.next() {
        match x {
            Err(e) if !entries.scan.found => return Err(e),
            x => out.push(x),
        }
    }
    Ok(out)
}

/// The iterator of [`read_har`].
#[derive(Debug)]
pub struct HarEntries<R> {
    r: R,
    service: Option<String>,
    scan: Scan,
    /// The bytes of the entry being cut out.
    entry: Vec<u8>,
    /// The largest entry read ([`MAX_RECORD`]).
    max_entry: usize,
    done: bool,
}

/// What a container near the top of the document is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Role {
    #[default]
    Other,
    Root,
    Log,
    Entries,
}

/// The scanner's state, kept between chunks of input.
#[derive(Debug)]
struct Scan {
    /// 1-based line of the next byte.
    line: usize,
    /// Nesting depth at the next byte.
    depth: usize,
    /// The roles of the containers at depths 1 to 3.
    roles: [Role; 3],
    in_str: bool,
    escaped: bool,
    /// The last string read at depth 1 or 2 (a candidate key), and whether a `:` followed it.
    last_str: Vec<u8>,
    key: Option<Vec<u8>>,
    /// Inside an entry: its depth, its first line, and whether it outgrew [`MAX_RECORD`].
    in_entry: bool,
    entry_depth: usize,
    entry_line: usize,
    entry_too_long: bool,
    /// Entries started so far.
    entries: usize,
    /// Whether `log.entries` was found, and whether it has ended.
    found: bool,
    ended: bool,
    /// Whether the first bytes were looked at (byte order mark).
    started: bool,
}

impl Default for Scan {
    fn default() -> Self {
        Self {
            line: 1,
            depth: 0,
            roles: [Role::Other; 3],
            in_str: false,
            escaped: false,
            last_str: Vec::new(),
            key: None,
            in_entry: false,
            entry_depth: 0,
            entry_line: 0,
            entry_too_long: false,
            entries: 0,
            found: false,
            ended: false,
            started: false,
        }
    }
}

/// What scanning a chunk came to.
enum Step {
    /// The chunk was used up to here; more input is needed.
    More(usize),
    /// An entry ended before this offset.
    Entry(usize),
    /// `log.entries` closed at this offset: nothing more to read.
    End(usize),
}

impl Scan {
    fn role(&self, depth: usize) -> Role {
        if (1..=3).contains(&depth) { self.roles[depth - 1] } else { Role::Other }
    }

    /// Scans `chunk`, appending an entry's bytes to `entry`.
    fn scan(&mut self, chunk: &[u8], entry: &mut Vec<u8>, max: usize) -> Step {
        let mut i = 0;
        if !self.started && !chunk.is_empty() {
            self.started = true;
            if chunk.starts_with(b"\xef\xbb\xbf") {
                i = 3;
            }
        }
        if self.in_entry {
            let (used, ended) = self.in_entry_bytes(&chunk[i..]);
            self.keep(entry, &chunk[i..i + used], max);
            if ended {
                return Step::Entry(i + used);
            }
            return Step::More(chunk.len());
        }
        while i < chunk.len() {
            let b = chunk[i];
            if self.in_str {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_str = false;
                } else if self.depth <= 2 && self.last_str.len() < 64 {
                    self.last_str.push(b);
                }
                if b == b'\n' {
                    self.line += 1;
                }
                i += 1;
                continue;
            }
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                b',' => self.key = None,
                _ if b != b']' && b != b'}' && self.role(self.depth) == Role::Entries => {
                    // An entry starts.
                    self.in_entry = true;
                    self.entries += 1;
                    self.entry_depth = 0;
                    self.entry_line = self.line;
                    self.entry_too_long = false;
                    entry.clear();
                    let (used, ended) = self.in_entry_bytes(&chunk[i..]);
                    self.keep(entry, &chunk[i..i + used], max);
                    return if ended { Step::Entry(i + used) } else { Step::More(chunk.len()) };
                }
                b'"' => {
                    self.in_str = true;
                    self.last_str.clear();
                }
                b':' => self.key = Some(std::mem::take(&mut self.last_str)),
                b'{' | b'[' => {
                    let parent = self.role(self.depth);
                    let key = self.key.take();
                    let role = match (parent, b, key.as_deref()) {
                        _ if self.depth == 0 && b == b'{' => Role::Root,
                        (Role::Root, b'{', Some(b"log")) => Role::Log,
                        (Role::Log, b'[', Some(b"entries")) if !self.found => Role::Entries,
                        _ => Role::Other,
                    };
                    self.found |= role == Role::Entries;
                    self.depth += 1;
                    if self.depth <= 3 {
                        self.roles[self.depth - 1] = role;
                    }
                }
                b'}' | b']' => {
                    let closing = self.role(self.depth);
                    self.depth = self.depth.saturating_sub(1);
                    self.key = None;
                    if closing == Role::Entries {
                        self.ended = true;
                        return Step::End(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Step::More(chunk.len())
    }

    /// Scans bytes inside an entry: how many belong to it, and whether it ended there.
    fn in_entry_bytes(&mut self, bytes: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_str {
                if self.escaped {
                    self.escaped = false;
                    self.line += usize::from(bytes[i] == b'\n');
                    i += 1;
                    continue;
                }
                // Most of an entry is inside strings (bodies): jump to what ends or escapes.
                let Some(j) = memchr::memchr3(b'"', b'\\', b'\n', &bytes[i..]) else {
                    return (bytes.len(), false);
                };
                i += j;
                match bytes[i] {
                    // The escaped byte is jumped over here when the chunk holds it.
                    b'\\' if i + 1 < bytes.len() => {
                        self.line += usize::from(bytes[i + 1] == b'\n');
                        i += 1;
                    }
                    b'\\' => self.escaped = true,
                    b'\n' => self.line += 1,
                    _ => {
                        self.in_str = false;
                        if self.entry_depth == 0 {
                            self.in_entry = false;
                            return (i + 1, true);
                        }
                    }
                }
                i += 1;
                continue;
            }
            let b = bytes[i];
            i += 1;
            match b {
                b'\n' => self.line += 1,
                b'"' => self.in_str = true,
                b'{' | b'[' => self.entry_depth += 1,
                b'}' | b']' | b',' if self.entry_depth == 0 => {
                    // A scalar entry ended by the array's end or the next entry: leave the
                    // byte to the scan.
                    self.in_entry = false;
                    return (i - 1, true);
                }
                b'}' | b']' => {
                    self.entry_depth -= 1;
                    if self.entry_depth == 0 {
                        self.in_entry = false;
                        return (i, true);
                    }
                }
                _ => {}
            }
        }
        (bytes.len(), false)
    }

    fn keep(&mut self, entry: &mut Vec<u8>, bytes: &[u8], max: usize) {
        if entry.len() + bytes.len() > max {
            self.entry_too_long = true;
        } else if !self.entry_too_long {
            entry.extend_from_slice(bytes);
        }
    }
}

impl<R: BufRead> HarEntries<R> {
    /// The entry cut out last, deserialized.
    fn entry(&mut self) -> Result<Exchange, LineError> {
        let line = self.scan.entry_line;
        let n = self.scan.entries;
        if self.scan.entry_too_long {
            let reason = format!("entry {n}: larger than {} MiB (skipped)", self.max_entry >> 20);
            return Err(LineError { line, reason });
        }
        let e: Entry = serde_json::from_slice(&self.entry).map_err(|e| LineError {
            line: line + e.line().saturating_sub(1),
            reason: format!("entry {n}: {}", e.to_string().split(" at line ").next().unwrap_or_default()),
        })?;
        har_entry(e, self.service.as_deref())
            .map_err(|reason| LineError { line, reason: format!("entry {n}: {reason}") })
    }
}

impl<R: BufRead> Iterator for HarEntries<R> {
    type Item = Result<Exchange, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let chunk = match self.r.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(LineError { line: self.scan.line, reason: format!("cannot read: {e}") }));
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if self.scan.in_entry {
                    let reason = format!("entry {}: the file ends inside it (truncated)", self.scan.entries);
                    return Some(Err(LineError { line: self.scan.entry_line, reason }));
                }
                if !self.scan.found {
                    let reason = "not a HAR file: no log.entries array".to_owned();
                    return Some(Err(LineError { line: 1, reason }));
                }
                if !self.scan.ended {
                    let reason =
                        format!("the file ends before log.entries does (truncated after entry {})", self.scan.entries);
                    return Some(Err(LineError { line: self.scan.line, reason }));
                }
                return None;
            }
            match self.scan.scan(chunk, &mut self.entry, self.max_entry) {
                Step::More(used) => self.r.consume(used),
                Step::End(used) => {
                    self.r.consume(used);
                    self.done = true;
                }
                Step::Entry(used) => {
                    self.r.consume(used);
                    return Some(self.entry());
                }
            }
        }
        None
    }
}

/// A JSON value where HAR wants a scalar: strings and numbers kept, anything else skipped
/// (a wrong type is a missing field, as a lenient reader of captures from many tools must;
/// [`Obj`] and [`List`] do the same for objects and lists).
#[derive(Debug, Default)]
enum Scalar {
    Str(String),
    Num(f64),
    #[default]
    Other,
}

impl Scalar {
    fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    fn into_string(self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Num(n) => Some(*n),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Num(v))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The scalar `visit_*` methods of a visitor for a HAR object or list: a scalar where one of
/// those is wanted counts as missing (`$missing`).
macro_rules! scalars_are_missing {
    ($missing:expr) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($missing)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($missing)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($missing)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($missing)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($missing)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($missing)
        }
    };
}

/// A HAR list where a list is wanted; anything else is an empty list.
#[derive(Debug)]
struct List<T>(Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<List<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element()? {
                    out.push(x);
                }
                Ok(List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<List<T>, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List(Vec::new()))
            }
            scalars_are_missing!(List(Vec::new()));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A HAR object where an object is wanted; anything else is taken as missing.
#[derive(Debug)]
struct Obj<T>(Option<T>);

impl<T> Default for Obj<T> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(a)).map(|t| Obj(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Obj<T>, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Obj(None))
            }
            scalars_are_missing!(Obj(None));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// One element of `log.entries`: the fields import reads, the rest skipped.
#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(rename = "startedDateTime", default)]
    started: Scalar,
    #[serde(default)]
    time: Scalar,
    #[serde(default)]
    request: Obj<Request>,
    #[serde(default)]
    response: Obj<Response>,
}

#[derive(Debug, Deserialize)]
struct Request {
    #[serde(default)]
    method: Scalar,
    #[serde(default)]
    url: Scalar,
    #[serde(default)]
    headers: List<Obj<Header>>,
    #[serde(rename = "postData", default)]
    post_data: Obj<PostData>,
}

#[derive(Debug, Default, Deserialize)]
struct PostData {
    #[serde(default)]
    text: Scalar,
}

#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    status: Scalar,
    #[serde(default)]
    headers: List<Obj<Header>>,
    #[serde(default)]
    content: Obj<Content>,
}

#[derive(Debug, Default, Deserialize)]
struct Content {
    #[serde(rename = "mimeType", default)]
    mime_type: Scalar,
    #[serde(default)]
    text: Scalar,
    #[serde(default)]
    encoding: Scalar,
}

#[derive(Debug, Deserialize)]
struct Header {
    #[serde(default)]
    name: Scalar,
    #[serde(default)]
    value: Scalar,
}

fn headers(hs: List<Obj<Header>>) -> Vec<(String, String)> {
    hs.0.into_iter()
        .filter_map(|h| h.0)
        .filter_map(|h| Some((h.name.into_string()?, h.value.into_string()?)))
        .filter(|(n, _)| !n.starts_with(':'))
        .collect()
}

fn har_entry(e: Entry, service: Option<&str>) -> Result<Exchange, String> {
    let req = e.request.0.ok_or("no request")?;
    let rsp = e.response.0.ok_or("no response")?;
    let method = req.method.as_str().ok_or("request has no method")?;
    let url = req.url.as_str().ok_or("request has no url")?;
    let status = rsp.status.as_f64().filter(|s| s.fract() == 0.0 && *s >= 0.0).ok_or("response has no status")?;
    if status == 0.0 {
        return Err("response status 0 (the request never completed)".to_owned());
    }
    let parts = split_url(url);
    let host = parts.authority.split(':').next().unwrap_or("");
    let service = service
        .map(str::to_owned)
        .or_else(|| (!host.is_empty()).then(|| host.to_owned()))
        .ok_or("no service: give --service")?;
    let time = match e.started.as_str() {
        Some(t) => Ts::parse(t).map_err(|err| format!("startedDateTime {t:?}: {err}"))?,
        None => Ts(0),
    };
    let mut response = Message { headers: headers(rsp.headers), ..Message::default() };
    // HAR bodies are stored decoded: the content-encoding header no longer applies.
    response.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-encoding"));
    let content = rsp.content.0.unwrap_or_default();
    if let Some(text) = content.text.into_string() {
        response.body = if content.encoding.as_str() == Some("base64") {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| format!("response body is not valid base64: {e}"))?
        } else {
            text.into_bytes()
        };
    }
    if response.header("content-type").is_none()
        && let Some(mime) = content.mime_type.as_str().filter(|m| !m.is_empty())
    {
        response.headers.push(("content-type".to_owned(), mime.to_owned()));
    }
    let mut request = Message { headers: headers(req.headers), ..Message::default() };
    request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-encoding"));
    if let Some(text) = req.post_data.0.and_then(|p| p.text.into_string()) {
        request.body = text.into_bytes();
    }
    validate(Exchange {
        service,
        method: method.to_owned(),
        path: parts.path.to_owned(),
        query: parts.query.to_owned(),
        status: status as u16,
        time,
        duration_ms: e.time.as_f64().unwrap_or(0.0),
        request,
        response,
    })
}

#[cfg(test)]
mod tests;
