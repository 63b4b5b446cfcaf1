//! The CLI's standard output. A closed pipe (`mockdrift regen ... | head -1`) is no error and
//! no panic: from the first write that finds it closed, every later write is dropped quietly,
//! and the command ends with the exit code its run has (drift is still 1 in a pipeline).

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write found standard output closed.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output, locked, that swallows a closed pipe.
pub(crate) struct Stdout(std::io::StdoutLock<'static>);

/// Standard output for a command's report, diff or listing.
pub(crate) fn stdout() -> Stdout {
    Stdout(std::io::stdout().lock())
}

/// Whether a write found standard output closed.
pub(crate) fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if closed() {
            return Ok(buf.len());
        }
        match self.0.write(buf) {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                CLOSED.store(true, Ordering::Relaxed);
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if closed() {
            return Ok(());
        }
        match self.0.flush() {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                CLOSED.store(true, Ordering::Relaxed);
                Ok(())
            }
            other => other,
        }
    }
}

/// Set when logs are JSON (`--log-format json`): the CLI's own lines on stderr are then JSON
/// log events too.
static JSON: AtomicBool = AtomicBool::new(false);

/// The target of the CLI's own lines as log events; always shown (the filter lets it through
/// at INFO whatever `MOCKDRIFT_LOG` says).
pub(crate) const STATUS_TARGET: &str = "mockdrift::status";

/// Makes the CLI's own stderr lines JSON log events.
pub(crate) fn set_json(on: bool) {
    JSON.store(on, Ordering::Relaxed);
}

/// How much a line on stderr matters.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Level {
    Info,
    Warn,
    Error,
}

/// One of the CLI's own lines on stderr (`mockdrift proxy: route ... listening on ...`, a
/// warning, the final error): as is, or as a JSON log event under `--log-format json`.
pub(crate) fn status(level: Level, line: &str) {
    if !JSON.load(Ordering::Relaxed) {
        eprintln!("{line}");
        return;
    }
    match level {
        Level::Info => tracing::info!(target: STATUS_TARGET, "{line}"),
        Level::Warn => tracing::warn!(target: STATUS_TARGET, "{line}"),
        Level::Error => tracing::error!(target: STATUS_TARGET, "{line}"),
    }
}
