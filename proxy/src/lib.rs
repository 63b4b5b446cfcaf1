//! The mockdrift recording sidecar proxy (not built yet).
//!
//! It will forward traffic byte-exact between a service and its downstream services (hyper,
//! tokio, rustls), tee a capped copy of each exchange into a bounded channel of
//! `mockdrift_contracts::Exchange`s, and never let recording slow or fail a request. The CLI
//! connects that channel to a `mockdrift_contracts::Recorder` on a blocking thread. See the
//! issue "Recording sidecar proxy" and `DESIGN.md`.
#![warn(missing_docs)]
