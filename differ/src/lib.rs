//! The mockdrift differ (not built yet).
//!
//! It will read a repository's mock files (WireMock, Pact, Hoverfly, VCR, HAR, fixtures) with
//! source positions, match each mock to an endpoint contract from a
//! `mockdrift_contracts::Snapshot`, and report drift findings (text, JSON, SARIF, JUnit,
//! Markdown, GitHub annotations) with exit codes for CI. The position-aware JSON reader it
//! needs is `mockdrift_contracts::json`. See the issue "Differ" and `DESIGN.md`.
#![warn(missing_docs)]
