//! The mockdrift contract model.
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
pub mod media;
pub use self::exchange::{Exchange, Message};
pub mod template;
mod contract;
mod snapshot;
pub use self::contract::{BodyStats, Contract, EndpointKey, Example, PathSample};
pub use self::snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot, SnapshotError};
mod recorder;
mod store;
pub use self::recorder::{Recorded, Recorder, RecorderConfig, RecorderError, RecorderHandle};
pub use self::store::{STORE_FORMAT_VERSION, Store, StoreError, decode as decode_record};
pub mod schema;
