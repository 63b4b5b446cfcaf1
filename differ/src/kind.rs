//! Finding kinds: one registry of every kind's name, default severity and meaning, and
//! the severities a finding can have.

use serde::Serialize;

/// What kind of drift (or coverage fact) a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Production always sends a field the mock lacks.
    MissingField,
    /// The mock has a field production never sent.
    UnknownField,
    /// The mock's value has a type production never sent here.
    TypeMismatch,
    /// The mock's media type differs from production's for this status.
    ContentTypeMismatch,
    /// Production strings here all have a format the mock's value lacks.
    FormatMismatch,
    /// A value production never produced for an enum-like field.
    EnumValueUnknown,
    /// The endpoint never returned the mocked status.
    StatusNeverSeen,
    /// No recorded traffic matches the mock.
    EndpointNeverSeen,
    /// A recorded endpoint no mock covers.
    UncoveredEndpoint,
    /// A recorded status of a mocked endpoint that no mock covers.
    UncoveredStatus,
    /// The endpoint has had no traffic for `--stale-after`: no evidence either way.
    Unverified,
    /// Production sends null where no mock has null.
    UncoveredNull,
    /// A mock file that could not be read.
    MockUnreadable,
    /// A file in a format not read (yet), or a non-HTTP mock.
    Unsupported,
    /// No mock was read, or none matched a contract: not a pass.
    NoMocksMatched,
    /// The mock's body is not comparable (not JSON, templated, binary): matched by status and
    /// media type only.
    BodyNotCompared,
    /// The mock's fixed delay is far from production's latency.
    LatencyDrift,
}

/// Every finding kind in report order, with its name in reports, its default severity and
/// what it means in one line (the SARIF rule's description, the docs' table): the one place
/// a kind is described.
const REGISTRY: [(Kind, &str, Severity, &str); 17] = [
    (Kind::MissingField, "missing_field", Severity::Error, "Production always sends a field the mock lacks"),
    (Kind::UnknownField, "unknown_field", Severity::Error, "The mock has a field production never sent"),
    (Kind::TypeMismatch, "type_mismatch", Severity::Error, "The mock's value has a type production never sent there"),
    (
        Kind::ContentTypeMismatch,
        "content_type_mismatch",
        Severity::Error,
        "The mock's media type differs from production's",
    ),
    (
        Kind::FormatMismatch,
        "format_mismatch",
        Severity::Warning,
        "Production's strings have a format the mock's value lacks",
    ),
    (
        Kind::EnumValueUnknown,
        "enum_value_unknown",
        Severity::Warning,
        "A value production never produced for an enum-like field",
    ),
    (Kind::StatusNeverSeen, "status_never_seen", Severity::Warning, "The endpoint never returned the mocked status"),
    (Kind::EndpointNeverSeen, "endpoint_never_seen", Severity::Warning, "No recorded traffic matches the mock"),
    (Kind::UncoveredEndpoint, "uncovered_endpoint", Severity::Info, "A recorded endpoint no mock covers"),
    (Kind::UncoveredStatus, "uncovered_status", Severity::Info, "A recorded status no mock covers"),
    (Kind::Unverified, "unverified", Severity::Info, "No recent production traffic: no evidence either way"),
    (Kind::UncoveredNull, "uncovered_null", Severity::Warning, "Production sends null where no mock has null"),
    (Kind::MockUnreadable, "mock_unreadable", Severity::Error, "A mock file that cannot be read"),
    (Kind::Unsupported, "unsupported", Severity::Info, "A file or mock not compared"),
    (Kind::NoMocksMatched, "no_mocks_matched", Severity::Error, "No mock was read or matched: nothing was checked"),
    (
        Kind::BodyNotCompared,
        "body_not_compared",
        Severity::Info,
        "The mock's body is not comparable; matched by status and media type only",
    ),
    (
        Kind::LatencyDrift,
        "latency_drift",
        Severity::Warning,
        "The mock's fixed delay is under a tenth of production's median or over ten times its p99",
    ),
];

/// Every finding kind, in report order.
pub const ALL_KINDS: [Kind; 17] = {
    let mut out = [Kind::MissingField; 17];
    let mut i = 0;
    while i < REGISTRY.len() {
        out[i] = REGISTRY[i].0;
        i += 1;
    }
    out
};

impl Kind {
    fn entry(self) -> &'static (Kind, &'static str, Severity, &'static str) {
        REGISTRY.iter().find(|e| e.0 == self).expect("every kind is in the registry")
    }

    /// The snake_case name used in reports.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// The default severity.
    pub fn default_severity(self) -> Severity {
        self.entry().2
    }

    /// What it means, in one line (SARIF rules, the docs).
    pub fn meaning(self) -> &'static str {
        self.entry().3
    }

    /// The kind with this report name (`missing_field`).
    pub fn from_name(name: &str) -> Option<Kind> {
        REGISTRY.iter().find(|e| e.1 == name).map(|e| e.0)
    }
}

/// How much a finding matters; the CI gate compares against `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For information.
    Info,
    /// Probably stale.
    Warning,
    /// Stale: the mock contradicts production.
    Error,
}

impl Severity {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once_under_its_serde_name() {
        for (i, k) in ALL_KINDS.iter().enumerate() {
            assert_eq!(ALL_KINDS.iter().position(|o| o == k), Some(i), "{k:?} twice");
            let serde_name = serde_json::to_value(k).expect("serializes");
            assert_eq!(serde_name, k.name(), "{k:?}");
            assert_eq!(Kind::from_name(k.name()), Some(*k));
            assert!(!k.meaning().is_empty());
        }
        assert_eq!(Kind::from_name("nope"), None);
    }
}
