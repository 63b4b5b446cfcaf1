//! End-to-end tests: the `mockdrift` binary and the crates working together.

mod contracts;
mod demo;
mod diff;
mod proxy;
mod regen;
mod support;
