//! `mockdrift`: the command line. Flags, wiring, printing and exit codes only; the work is
//! in the member crates.

use std::process::ExitCode;

use clap::Parser;

/// `println!` for the CLI's own lines, through [`output::stdout`]: a closed pipe
/// (`mockdrift contracts infer ... | head -1`) drops the line and the work goes on (the store
/// is still written); another write error is said once per line on stderr.
/// `eprintln!` for the CLI's own lines on stderr ([`output::status`]): plain, or JSON log
/// events under `--log-format json`. `say!(warn: ...)` and `say!(error: ...)` for the others.
macro_rules! say {
    (warn: $($arg:tt)*) => { crate::output::status(crate::output::Level::Warn, &format!($($arg)*)) };
    (error: $($arg:tt)*) => { crate::output::status(crate::output::Level::Error, &format!($($arg)*)) };
    ($($arg:tt)*) => { crate::output::status(crate::output::Level::Info, &format!($($arg)*)) };
}

macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(crate::output::stdout(), $($arg)*) {
            eprintln!("mockdrift: writing to stdout: {e}");
        }
    }};
}

mod admin_client;
mod cli;
mod cmd;
mod config;
mod duration;
mod exit;
mod files;
mod fleet;
mod output;
mod sources;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let status = format!("{}=info", output::STATUS_TARGET).parse().expect("a valid directive");
    let filter = tracing_subscriber::EnvFilter::try_from_env("MOCKDRIFT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"))
        .add_directive(status);
    // Colours only for a person at a terminal, never into a log file or a pipe.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    match cli.log_format {
        cli::LogFormat::Text => logs.init(),
        cli::LogFormat::Json => {
            output::set_json(true);
            logs.json().init()
        }
    }
    match cli::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            // A closed pipe (`mockdrift contracts export | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return exit::Exit::Ok.into();
            }
            say!(error: "mockdrift: error: {err:#}");
            exit::Exit::Error.into()
        }
    }
}
