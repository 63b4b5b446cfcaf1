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
    /// A fixed delay before the mock answers, in milliseconds (WireMock
    /// `fixedDelayMilliseconds`, Hoverfly `fixedDelay` or `globalActions.delays`), and the line
    /// it is on.
    pub delay: Option<(f64, usize)>,
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
            delay: None,
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
