//! Snapshots: a deterministic, pretty, sorted JSON file of all contracts.
//!
//! Format v1 (see the README for the field list):
//!
//! ```json
//! {
//!   "format": "mockdrift-contracts",
//!   "version": 1,
//!   "sources": ["pod-a"],
//!   "window": {"first_seen": "...", "last_seen": "..."},
//!   "contracts": [{"service": "...", "method": "GET", "path": "/users/{user_id}", "status": 200,
//!                  "media_type": "application/json", "count": 12, ...}]
//! }
//! ```
//!
//! Readers accept every version up to their own and refuse newer ones; unknown fields are
//! ignored, so additions within a version stay readable by older binaries.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::contract::{Contract, EndpointKey};
use crate::ts::Ts;

/// The `format` marker of a snapshot file.
pub const SNAPSHOT_FORMAT: &str = "mockdrift-contracts";
/// The snapshot format version this binary writes and the newest it reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// All contracts at a point, from one or more sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Who recorded the contracts (sidecar or pod names, file names), sorted.
    pub sources: BTreeSet<String>,
    /// Contracts by endpoint.
    pub contracts: BTreeMap<EndpointKey, Contract>,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// Not JSON or not a snapshot's structure.
    #[error("not a valid snapshot (line {line}): {reason}")]
    Invalid {
        /// Line of the problem.
        line: usize,
        /// What was wrong.
        reason: String,
    },
    /// Another kind of file.
    #[error("not a mockdrift contracts snapshot (format is {0:?})")]
    WrongFormat(String),
    /// Written by a newer mockdrift.
    #[error("snapshot format v{found} is newer than this binary (v{supported}); upgrade mockdrift")]
    TooNew {
        /// The file's version.
        found: u32,
        /// The newest this binary reads.
        supported: u32,
    },
}

#[derive(Serialize, Deserialize)]
struct Window {
    first_seen: Ts,
    last_seen: Ts,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: EndpointKey,
    #[serde(flatten)]
    contract: Contract,
}

#[derive(Serialize, Deserialize)]
struct Repr {
    format: String,
    version: u32,
    #[serde(default)]
    sources: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    window: Option<Window>,
    #[serde(default)]
    contracts: Vec<Entry>,
}

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

impl Snapshot {
    /// The time window the contracts cover.
    pub fn window(&self) -> Option<(Ts, Ts)> {
        let first = self.contracts.values().map(|c| c.first_seen).min()?;
        let last = self.contracts.values().map(|c| c.last_seen).max()?;
        Some((first, last))
    }

    /// Joins another snapshot into this one.
    pub fn merge(&mut self, o: &Snapshot, limits: &Limits) {
        self.sources.extend(o.sources.iter().cloned());
        for (k, c) in &o.contracts {
            match self.contracts.get_mut(k) {
                Some(mine) => mine.merge(c, limits),
                None => {
                    self.contracts.insert(k.clone(), c.clone());
                }
            }
        }
    }

    /// [`Snapshot::merge`], moving what this one does not hold (a large snapshot read into an
    /// empty one is not copied).
    pub fn merge_owned(&mut self, o: Snapshot, limits: &Limits) {
        self.sources.extend(o.sources);
        for (k, c) in o.contracts {
            match self.contracts.get_mut(&k) {
                Some(mine) => mine.merge(&c, limits),
                None => {
                    self.contracts.insert(k, c);
                }
            }
        }
    }

    /// The contracts of one service.
    pub fn service(&self, name: &str) -> impl Iterator<Item = (&EndpointKey, &Contract)> {
        self.contracts.iter().filter(move |(k, _)| k.service == name)
    }

    /// Writes the snapshot: pretty, sorted, newline-terminated; the same contracts always
    /// give the same bytes.
    pub fn to_json(&self) -> String {
        let repr = Repr {
            format: SNAPSHOT_FORMAT.to_owned(),
            version: SNAPSHOT_VERSION,
            sources: self.sources.clone(),
            window: self.window().map(|(first_seen, last_seen)| Window { first_seen, last_seen }),
            contracts: self.contracts.iter().map(|(k, c)| Entry { key: k.clone(), contract: c.clone() }).collect(),
        };
        let mut s = serde_json::to_string_pretty(&repr).expect("snapshots always serialize");
        s.push('\n');
        s
    }

    /// Reads a snapshot, checking its format and version first.
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        let invalid = |e: serde_json::Error| SnapshotError::Invalid { line: e.line(), reason: e.to_string() };
        let header: Header = serde_json::from_str(text).map_err(invalid)?;
        if header.format != SNAPSHOT_FORMAT {
            return Err(SnapshotError::WrongFormat(header.format));
        }
        if header.version > SNAPSHOT_VERSION {
            return Err(SnapshotError::TooNew { found: header.version, supported: SNAPSHOT_VERSION });
        }
        let repr: Repr = serde_json::from_str(text).map_err(invalid)?;
        let mut snap = Snapshot { sources: repr.sources, contracts: BTreeMap::new() };
        for e in repr.contracts {
            if snap.contracts.insert(e.key.clone(), e.contract).is_some() {
                return Err(SnapshotError::Invalid { line: 0, reason: format!("duplicate contract for {}", e.key) });
            }
        }
        Ok(snap)
    }
}
