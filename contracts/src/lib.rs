//! The mockdrift contract model: what real services return, learned from traffic.
//!
//! An [`Exchange`] (one request and response; also the JSON Lines traffic format) goes into a
//! [`Recorder`], which templates the path ([`template`]), decodes the body ([`decode`]),
//! infers its [`Shape`] and joins it into the endpoint's [`Contract`], keyed by
//! [`EndpointKey`] (service, method, path template, status, media type). [`Recorder::flush`]
//! writes changed contracts to the sled [`Store`] in one batch, after [`redact`]ion of
//! everything persisted. A [`Snapshot`] is the deterministic JSON of all contracts: it is
//! exported, imported and merged, and merging snapshots equals recording all their traffic in
//! one store, because [`Shape::merge`] and [`Contract::merge`] are joins.
//!
//! This crate is synchronous and has no network dependencies: the proxy and the differ both
//! build on it, and never on each other.
//!
//! ```
//! use mockdrift_contracts::{Exchange, Message, Recorder, RecorderConfig, Snapshot, Ts};
//!
//! let (mut recorder, _) = Recorder::new(RecorderConfig::default(), None)?;
//! for (i, body) in [r#"{"id": 1, "status": "paid"}"#, r#"{"id": 2, "status": "paid", "risk": 0.1}"#].iter().enumerate() {
//!     recorder.record(&Exchange {
//!         service: "payments".into(),
//!         method: "GET".into(),
//!         path: format!("/v1/charges/{}", i + 1),
//!         query: String::new(),
//!         status: 200,
//!         time: Ts::parse("2026-11-03T10:00:00Z")?,
//!         duration_ms: 3.0,
//!         request: Message::default(),
//!         response: Message {
//!             headers: vec![("content-type".into(), "application/json".into())],
//!             body: body.as_bytes().to_vec(),
//!             truncated: false,
//!         },
//!     });
//! }
//! let snapshot: Snapshot = recorder.snapshot();
//! let (key, contract) = snapshot.contracts.iter().next().expect("one endpoint");
//! assert_eq!(key.path, "/v1/charges/{charge_id}");
//! let body = contract.response.object.as_ref().expect("an object");
//! assert!(body.is_required(&body.fields["id"]));
//! assert!(!body.is_required(&body.fields["risk"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::print_stdout))]

pub mod config;
pub mod format;
pub mod json;
pub mod redact;
mod shape;
mod ts;

pub use self::config::{ConfigError, Limits};
pub use self::redact::{RedactConfig, Redactor};
pub use self::shape::{
    ArrayShape, BoolShape, Field, Kind, MapShape, NumberShape, ObjectShape, Shape, StringShape, ValueEntry, Values,
    is_data_key, stable_hash,
};
pub use self::ts::Ts;
pub mod decode;
pub mod exchange;
mod har;
pub use self::har::{HarEntries, read_har, read_har_text};
pub mod media;
pub use self::exchange::{Exchange, Message, safe_file_stem};
mod contract;
pub mod learn;
mod snapshot;
pub mod template;
pub use self::contract::{BodyStats, Contract, EndpointKey, Example, PathSample};
pub use self::snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot, SnapshotError};
pub mod changes;
pub mod latency;
mod recorder;
mod store;
pub use self::recorder::{OVERFLOW_PATH, Recorded, Recorder, RecorderConfig, RecorderError, RecorderHandle, Recording};
pub use self::store::{Loaded, STORE_FORMAT_VERSION, Store, StoreError, decode as decode_record};
pub mod openapi;
pub mod schema;
pub mod synth;
