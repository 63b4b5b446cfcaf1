//! Exit codes: part of the interface CI scripts depend on (diff-style).

use std::process::ExitCode;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Success: no finding at or above the gate.
    Ok = 0,
    /// Drift found (the `diff` and `regen` commands).
    #[allow(dead_code)]
    Drift = 1,
    /// An error: bad flags or config, unreadable input or store, a newer format. For
    /// `contracts infer`/`import`, also: some input was rejected (the rest was recorded).
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}
