//! Mocks as read from files: one model for every format.

use std::path::{Path, PathBuf};

use crate::tree::Node;

/// A mock format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MockFormat {
    /// WireMock JSON stub mappings.
    WireMock,
    /// Pact contract files (v1 to v4, HTTP interactions).
    Pact,
    /// Hoverfly simulations.
    Hoverfly,
    /// HAR files and Polly.js recordings.
    Har,
    /// VCR cassettes (Ruby VCR, Python vcrpy).
    Vcr,
    /// Plain JSON fixtures tied to endpoints by `mockdrift.toml`.
    Fixture,
}

impl MockFormat {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            MockFormat::WireMock => "wiremock",
            MockFormat::Pact => "pact",
            MockFormat::Hoverfly => "hoverfly",
            MockFormat::Har => "har",
            MockFormat::Vcr => "vcr",
            MockFormat::Fixture => "fixture",
        }
    }
}

/// Which request URLs a mock answers.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlPattern {
    /// Any URL (a WireMock stub without a URL matcher).
    Any,
    /// One concrete path (query removed).
    Path(String),
    /// A route template, `/contacts/{id}`.
    Template(String),
    /// A regular expression on the path (`path_only`) or on path and query.
    Regex {
        /// The pattern as written (Java dialect for WireMock).
        pattern: String,
        /// Whether it applies to the path only.
        path_only: bool,
    },
}

impl UrlPattern {
    /// How the pattern reads in reports.
    pub fn display(&self) -> String {
        match self {
            UrlPattern::Any => "(any URL)".to_owned(),
            UrlPattern::Path(p) | UrlPattern::Template(p) => p.clone(),
            UrlPattern::Regex { pattern, .. } => format!("~{pattern}"),
        }
    }
}

/// The response body a mock serves.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum MockBody {
    /// No body.
    None,
    /// A JSON body, with the lines of the file that holds it.
    Json(Node),
    /// A body that is not compared, and why (not JSON, templated, binary).
    NotCompared(String),
}

/// A path in a JSON document, as a Pact matching rule writes it (`$.items[*].id`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathToken {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
    /// `*` or `[*]`: any key or index.
    Any,
}

/// A Pact matching rule on the response body: values under it are compared by the rule's
/// meaning (`type`: same type), not as literals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matcher {
    /// Where it applies (it also covers everything below, as Pact's type matching does).
    pub path: Vec<PathToken>,
    /// The rule: `type`, `regex`, `date`, `include`, `integer`, ...
    pub rule: String,
    /// The pattern of a `regex` rule.
    pub pattern: Option<String>,
}

/// How a body is written where it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyForm {
    /// As a JSON value (WireMock `jsonBody`, a Pact body, a body file, a fixture).
    Json,
    /// As a JSON string holding the body text (WireMock `body`, Hoverfly `body`, HAR `text`).
    Text,
    /// As a JSON string holding the body in base64.
    Base64,
    /// As a YAML scalar holding the body text (VCR YAML cassettes): one line, or a literal
    /// block; a `!binary` scalar holds it in base64.
    YamlText,
    /// As a YAML scalar holding the body in base64 (Ruby VCR's `base64_string`).
    YamlBase64,
}

/// Where a mock's JSON body is written, so that `regen` can edit it in place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodySite {
    /// The file holding the body: the mock file, or a body file beside it.
    pub file: PathBuf,
    /// The path from the root of `file` to the body (empty: the whole file).
    pub path: Vec<PathToken>,
    /// How the body is written there.
    pub form: BodyForm,
    /// Values in the mock file that state the body's length in bytes (`Content-Length`
    /// headers, HAR `content.size` and `bodySize`), kept true by `regen`.
    pub lengths: Vec<Vec<PathToken>>,
    /// The `Content-Encoding` the written bytes carry (`gzip`, ...; empty: none): `regen`
    /// decodes, edits and encodes again, so that the body keeps its encoding.
    pub encoding: String,
}

/// One mocked exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Mock {
    /// The file that defines the mock.
    pub file: PathBuf,
    /// Its format.
    pub format: MockFormat,
    /// A readable name: WireMock `name`/`id`, Pact interaction description.
    pub name: String,
    /// The line the mock starts on.
    pub line: usize,
    /// The recorded service it is for, when the mock says (Pact provider) or the user did.
    pub service: Option<String>,
    /// The host the mock answers for (Hoverfly destination, cassette or HAR URL host), used to
    /// find the service when none is given: a recorded service named like the host or its
    /// first label.
    pub host: Option<String>,
    /// Request method, uppercase; `None` for any.
    pub method: Option<String>,
    /// Request URL.
    pub url: UrlPattern,
    /// Response status.
    pub status: u16,
    /// The line of the status (or of the response).
    pub status_line: usize,
    /// The response media type (normalised), from the mock's headers.
    pub media_type: Option<String>,
    /// The response headers as the mock gives them, in order (one entry per value).
    pub headers: Vec<(String, String)>,
    /// The response body.
    pub body: MockBody,
    /// The file holding the body (a WireMock `bodyFileName` lives in `__files/`).
    pub body_file: PathBuf,
    /// Response templating is on: templated values are not compared as literals.
    pub templated: bool,
    /// Pact matching rules on the body.
    pub matchers: Vec<Matcher>,
    /// Where the body is written, when `regen` can edit it there.
    pub body_site: Option<BodySite>,
}

impl Mock {
    /// A mock with the given identity and defaults elsewhere (no body, any method, status line
    /// = the mock's line, body in the same file); readers fill in the rest.
    pub(crate) fn new(
        file: &Path,
        format: MockFormat,
        name: String,
        line: usize,
        url: UrlPattern,
        status: u16,
    ) -> Mock {
        Mock {
            file: file.to_path_buf(),
            format,
            name,
            line,
            service: None,
            host: None,
            method: None,
            url,
            status,
            status_line: line,
            media_type: None,
            headers: Vec::new(),
            body: MockBody::None,
            body_file: file.to_path_buf(),
            templated: false,
            matchers: Vec::new(),
            body_site: None,
        }
    }
}

/// A file, or part of one, that yields no mock, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The file.
    pub file: PathBuf,
    /// The line.
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// What reading a file gives.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// A mock.
    Mock(Box<Mock>),
    /// Not an HTTP mock, or a format not read yet: reported as info.
    Skipped(Note),
    /// A mock file that could not be read: reported as an error.
    Unreadable(Note),
}

/// Reads one mock file. The format is detected from the content; `service` (from
/// `--mocks SERVICE=PATH`) overrides what the file says.
pub fn read_file(path: &Path, service: Option<&str>) -> Vec<Item> {
    if path.is_dir() {
        // Listed by the walk because it could not be read.
        let reason = match std::fs::read_dir(path) {
            Err(e) => format!("cannot read this directory: {e}"),
            Ok(_) => "a directory, not a mock file".to_owned(),
        };
        return vec![unreadable(path, 1, reason)];
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) => {
            let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            return vec![unreadable(path, 1, format!("a symbolic link to {target:?}, which cannot be read: {e}"))];
        }
        Err(e) => return vec![unreadable(path, 1, format!("cannot read: {e}"))],
    };
    read_bytes(path, &bytes, service)
}

/// The mocks in a file's bytes, read as if from `path` (its extension picks YAML; WireMock's
/// `bodyFileName` resolves beside it). Never panics, whatever the bytes (fuzzed in
/// `tests/fuzz.rs`): what cannot be read is an [`Item::Unreadable`] with its line.
pub fn read_bytes(path: &Path, bytes: &[u8], service: Option<&str>) -> Vec<Item> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "yml" | "yaml") {
        let text = String::from_utf8_lossy(bytes);
        if text.trim().is_empty() {
            return vec![skipped(path, 1, "empty file")];
        }
        let root = match crate::yaml::parse(&text) {
            Ok(n) => n,
            Err((line, reason)) => return vec![unreadable(path, line, format!("not valid YAML: {reason}"))],
        };
        let is_cassette = root.get("http_interactions").is_some()
            || matches!(root.get("interactions").map(|i| &i.kind), Some(crate::tree::NodeKind::Array(_)));
        let vcr1 = matches!(&root.kind, crate::tree::NodeKind::Array(items) if items.first().is_some_and(|i| i.get("request").is_some()));
        let mut items = if is_cassette {
            crate::vcr::read(path, &root)
        } else if vcr1 {
            vec![skipped(path, root.line, "VCR 1.x cassettes (before http_interactions) are not read")]
        } else {
            vec![skipped(path, root.line, "YAML file that is not a VCR cassette")]
        };
        set_service(&mut items, service);
        return items;
    }
    let root = match Node::parse(bytes, 1) {
        Ok(n) => n,
        Err(e) if ext == "json" || ext == "har" => {
            return vec![unreadable(path, e.line, format!("not valid JSON: {e}"))];
        }
        Err(_) => return vec![skipped(path, 1, "not a JSON mock file")],
    };
    let mut items = match detect(&root) {
        Detected::WireMock => crate::wiremock::read(path, &root),
        Detected::Pact => crate::pact::read(path, &root),
        Detected::Hoverfly => crate::hoverfly::read(path, &root),
        Detected::Har => crate::har::read(path, &root),
        Detected::Vcr => crate::vcr::read(path, &root),
        Detected::Unsupported(what) => vec![skipped(path, root.line, what)],
    };
    set_service(&mut items, service);
    items
}

fn set_service(items: &mut [Item], service: Option<&str>) {
    if let Some(s) = service {
        for item in items {
            if let Item::Mock(m) = item {
                m.service = Some(s.to_owned());
            }
        }
    }
}

enum Detected {
    WireMock,
    Pact,
    Hoverfly,
    Har,
    Vcr,
    Unsupported(&'static str),
}

fn detect(root: &Node) -> Detected {
    use crate::tree::NodeKind;
    let has = |k| root.get(k).is_some();
    let first_item = |n: Option<&Node>| match n.map(|n| &n.kind) {
        Some(NodeKind::Array(items)) => items.first().cloned(),
        _ => None,
    };
    if let NodeKind::Array(items) = &root.kind {
        let first = items.first();
        let has_in = |k| first.is_some_and(|f| f.get(k).is_some());
        return if has_in("scope") && has_in("status") {
            Detected::Unsupported("nock recordings are not supported")
        } else if has_in("httpRequest") {
            Detected::Unsupported("MockServer expectations are not supported")
        } else if has_in("Request") || has_in("Guid") {
            Detected::Unsupported("WireMock.Net mappings are not read yet")
        } else if has_in("request") && has_in("response") {
            Detected::Unsupported(
                "a top-level array of mappings (WireMock.Net style) is not read yet; use {\"mappings\": [...]}",
            )
        } else {
            Detected::Unsupported("not a recognised mock format")
        };
    }
    let legacy_hoverfly = first_item(root.get("data")).is_some_and(|p| p.get("response").is_some());
    if (has("interactions") || has("messages")) && (has("consumer") || has("provider")) {
        Detected::Pact
    } else if has("http_interactions")
        || matches!(root.get("interactions").map(|i| &i.kind), Some(crate::tree::NodeKind::Array(_)))
    {
        Detected::Vcr
    } else if has("mappings") || (has("request") && has("response")) {
        Detected::WireMock
    } else if has("trigger") || has("actions") && !has("request") {
        Detected::Unsupported("WireMock message stub mapping (not HTTP)")
    } else if has("Request") && has("Response") || has("Guid") {
        Detected::Unsupported("WireMock.Net mappings are not read yet")
    } else if root.get("data").is_some_and(|d| d.get("pairs").is_some()) || legacy_hoverfly {
        Detected::Hoverfly
    } else if has("routes") && (has("lastMigration") || has("uuid")) {
        Detected::Unsupported("Mockoon environments are not supported")
    } else if root.get("entries").is_some_and(|e| matches!(e.kind, NodeKind::Object(_))) && has("created_at") {
        Detected::Unsupported("the old Polly.js recording format (before HAR) is not supported")
    } else if root.get("data").is_some_and(|d| d.get("globalActions").is_some()) {
        Detected::Unsupported("Hoverfly delay settings, not a simulation")
    } else if root.get("log").is_some_and(|l| l.get("entries").is_some()) {
        Detected::Har
    } else if has("imposters") || has("stubs") && has("port") {
        Detected::Unsupported("Mountebank imposters are not supported")
    } else if has("httpRequest") {
        Detected::Unsupported("MockServer expectations are not supported")
    } else if root.get("info").is_some_and(|i| i.get("_postman_id").is_some() || i.get("schema").is_some())
        || has("item") && has("info")
    {
        Detected::Unsupported("Postman collections are not supported")
    } else {
        Detected::Unsupported("not a recognised mock format")
    }
}

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
                        out.extend(vs.iter().filter_map(|x| x.as_str()).map(|x| (k.clone(), x.to_owned())))
                    }
                    _ => {
                        if let Some(x) = v.as_str() {
                            out.push((k.clone(), x.to_owned()));
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
                    let key = PathToken::Key(k.clone());
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
    let jsonish =
        media.is_some_and(mockdrift_contracts::media::is_json) || mockdrift_contracts::media::sniff_json(&bytes);
    Ok(match Node::parse(&bytes, 1) {
        Ok(n) => MockBody::Json(n),
        Err(e) if jsonish => MockBody::NotCompared(format!("body file is not valid JSON ({e})")),
        Err(_) => MockBody::NotCompared("body file is not JSON".to_owned()),
    })
}

/// A body given as text: JSON is parsed (every node on `line`), anything else is not compared.
pub(crate) fn text_body(text: &str, line: usize, media: Option<&str>) -> MockBody {
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

/// A plain JSON fixture tied to an endpoint by configuration (`[[fixture]]` in
/// `mockdrift.toml`): the file is the response body.
pub fn read_fixture(file: &Path, service: Option<&str>, method: &str, url: &str, status: u16) -> Item {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return unreadable(file, 1, format!("fixture: cannot read: {e}")),
    };
    let body = match Node::parse(&bytes, 1) {
        Ok(n) => MockBody::Json(n),
        Err(e) => return unreadable(file, e.line, format!("fixture is not valid JSON: {e}")),
    };
    let url = if url.contains('{') || url.contains("/:") {
        UrlPattern::Template(url.to_owned())
    } else {
        UrlPattern::Path(url.to_owned())
    };
    let name = format!("{} {} {status}", method.to_ascii_uppercase(), url.display());
    Item::Mock(Box::new(Mock {
        service: service.map(str::to_owned),
        method: Some(method.to_ascii_uppercase()),
        // A fixture is a JSON body of no stated media type: it stands for the endpoint's
        // usual one (`application/json`, `application/problem+json`, ...).
        media_type: None,
        body,
        body_site: Some(BodySite {
            file: file.to_path_buf(),
            path: Vec::new(),
            form: BodyForm::Json,
            lengths: Vec::new(),
            encoding: String::new(),
        }),
        ..Mock::new(file, MockFormat::Fixture, name, 1, url, status)
    }))
}
