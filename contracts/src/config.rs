//! Limits and redaction settings for inference, with their defaults.

use serde::{Deserialize, Serialize};

/// Bounds that keep inference safe on hostile or huge documents. What a bound cuts is
/// recorded (a depth cut, a truncated body), never silently lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Containers nested deeper than this are not descended; each is counted as a cut.
    pub max_depth: usize,
    /// Decoded bodies larger than this are not parsed and count as truncated.
    pub max_body_bytes: usize,
    /// An object position with more distinct keys than this becomes a map (key sketch + one
    /// value shape) so a million-key document cannot grow the contract without bound.
    pub max_fields: usize,
    /// Distinct string values tracked per position before the set becomes "too many".
    pub max_enum_values: usize,
    /// A string value is written to the store only once seen in this many distinct exchanges.
    pub enum_min_exchanges: u64,
    /// Strings longer than this are never enum candidates.
    pub max_enum_value_len: usize,
    /// Arrays of scalars up to this length keep per-position shapes (tuples).
    pub max_tuple: usize,
    /// Redacted example bodies kept per endpoint contract.
    pub max_examples: usize,
    /// Redacted concrete paths kept per endpoint contract.
    pub max_paths: usize,
    /// Distinct path templates kept per service; exchanges for further templates are counted
    /// under the overflow path `*`, so a high-cardinality literal cannot explode the store.
    pub max_endpoints_per_service: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 24,
            max_body_bytes: 64 << 20,
            max_fields: 1000,
            max_enum_values: 64,
            enum_min_exchanges: 3,
            max_enum_value_len: 128,
            max_tuple: 4,
            max_examples: 3,
            max_paths: 8,
            max_endpoints_per_service: 2000,
        }
    }
}

/// Invalid limits.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A limit is out of its range.
    #[error("{name} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The setting.
        name: &'static str,
        /// Smallest allowed.
        min: usize,
        /// Largest allowed.
        max: usize,
        /// What was given.
        value: usize,
    },
}

impl Limits {
    /// The deepest `max_depth` accepted. A contract nests about four JSON levels per level
    /// of body it describes (shape, object, fields, field), and every reader of stored records
    /// and snapshots stops at 128 levels (serde_json's recursion limit, which keeps hostile
    /// files from overflowing the stack): at 24 body levels whatever is written reads back.
    pub const MAX_DEPTH_CEILING: usize = 24;

    /// Checks the ranges.
    pub fn validate(self) -> Result<Self, ConfigError> {
        let check = |name, value: usize, min, max| {
            if (min..=max).contains(&value) { Ok(()) } else { Err(ConfigError::OutOfRange { name, min, max, value }) }
        };
        check("max_depth", self.max_depth, 1, Self::MAX_DEPTH_CEILING)?;
        check("max_fields", self.max_fields, 1, 1 << 20)?;
        check("max_enum_values", self.max_enum_values, 0, 4096)?;
        check("max_tuple", self.max_tuple, 0, 64)?;
        check("max_examples", self.max_examples, 0, 100)?;
        check("max_paths", self.max_paths, 0, 1000)?;
        check("max_endpoints_per_service", self.max_endpoints_per_service, 1, 1_000_000)?;
        Ok(self)
    }
}
