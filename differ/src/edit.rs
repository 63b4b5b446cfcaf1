//! A planned edit of a mock body, carried by the report from the diff to `regen`.

use mockdrift_contracts::EndpointKey;
use serde_json::Value;

use crate::mock::PathToken;

/// A body edit that would make a mock agree with production, planned with its finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub(crate) mock: usize,
    pub(crate) endpoint: EndpointKey,
    /// The finding it fixes (`regen::finding_key`).
    pub(crate) fingerprint: String,
    pub(crate) at: Vec<PathToken>,
    pub(crate) op: EditOp,
}

/// What an [`Edit`] does at its place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum EditOp {
    /// Drop the member.
    Remove,
    /// Set (add or replace) the value: one built from the shape alone, one from the examples.
    Set { synthetic: Value, example: Value },
}
