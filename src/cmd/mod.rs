//! One module per command: its arguments and its `run`.

pub(crate) mod contracts;
pub(crate) mod demo;
pub(crate) mod diff;
pub(crate) mod manual;
pub(crate) mod proxy;
pub(crate) mod regen;
pub(crate) mod regen_new;
pub(crate) mod show;
