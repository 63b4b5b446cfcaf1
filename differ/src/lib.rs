//! The mockdrift differ: reads a repository's mocks, matches each to a recorded endpoint
//! contract, and reports where they no longer match production.
//!
//! Readers ([`read_file`], one module per format, detected from the content) turn mock files
//! into [`Mock`]s with source lines ([`tree::Node`], built on the contracts crate's positional
//! JSON parser). [`diff`] matches each mock to endpoint contracts of a
//! [`mockdrift_contracts::Snapshot`] by service, method, path and status, compares the mock's
//! body with the production [`mockdrift_contracts::Shape`], and returns a [`Report`] of
//! [`Finding`]s. Formats read today: WireMock JSON mappings and Pact v1 to v4 (HTTP
//! interactions); other formats are reported per file as unsupported.
//!
//! ```
//! use mockdrift_contracts::{Recorder, RecorderConfig, Exchange, Message, Ts};
//! use mockdrift_differ::{DiffOptions, Kind, diff, read_file};
//!
//! let (mut rec, _) = Recorder::new(RecorderConfig::default(), None)?;
//! rec.record(&Exchange {
//!     service: "payments".into(), method: "GET".into(), path: "/v1/charges/7".into(),
//!     query: String::new(), status: 200, time: Ts::parse("2026-11-20T10:00:00Z")?, duration_ms: 1.0,
//!     request: Message::default(),
//!     response: Message { headers: vec![("content-type".into(), "application/json".into())],
//!                         body: br#"{"id": 7, "amount": 100}"#.to_vec(), truncated: false },
//! });
//! let dir = tempfile::tempdir()?;
//! let mock = dir.path().join("charge.json");
//! std::fs::write(&mock, r#"{"request": {"method": "GET", "url": "/v1/charges/1"},
//!   "response": {"status": 200, "jsonBody": {"id": 1, "amount_cents": 100}}}"#)?;
//! let opts = DiffOptions { min_samples: 1, now: Ts::parse("2026-11-21T00:00:00Z")?, ..DiffOptions::default() };
//! let report = diff(&rec.snapshot(), &read_file(&mock, None), 1, &opts);
//! let kinds: Vec<Kind> = report.findings.iter().map(|f| f.kind).collect();
//! assert!(kinds.contains(&Kind::UnknownField) && kinds.contains(&Kind::MissingField));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::print_stdout))]

mod baseline;
mod check;
mod edit;
mod finding;
mod formats;
mod kind;
mod mock;
mod openapi;
pub mod regen;
mod report;
mod rules;
pub mod tree;
mod yaml;

pub use self::baseline::{Accepted, Baseline, BaselineError};
pub use self::check::{DiffOptions, apply_route_hints, diff, diff_hinted};
pub use self::finding::{
    BodyDiff, Evidence, Fidelity, FidelityCounts, Finding, Kind, MockRef, Report, Severity, Summary, UNKNOWN_SERVICE,
};
pub use self::formats::{collect_files, read_bytes, read_file, read_fixture};
pub use self::kind::ALL_KINDS;
pub use self::mock::{BodyForm, BodySite, Item, Matcher, Mock, MockBody, MockFormat, Note, PathToken, UrlPattern};
pub use self::openapi::{OpenApiError, openapi_routes};
pub use self::report::{
    paint_diff_line, plural, render_badge, render_github, render_junit, render_markdown, render_sarif, render_text,
};
pub use self::rules::{IgnoreRule, Rules, kind_from_name, severity_from_name};
