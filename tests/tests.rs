//! End-to-end tests: the `mockdrift` binary and the crates working together.

mod contracts;
mod demo;
mod diff;
mod docs;
mod examples;
mod fleet;
mod fuzz;
mod proxy;
mod regen;
mod support;
mod templating;
#[path = "../proxy/src/test_pki.rs"]
mod test_pki;
