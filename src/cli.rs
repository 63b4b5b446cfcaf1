//! Flags and subcommands.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::cmd::contracts::ContractsCommand;
use crate::cmd::diff::DiffArgs;
use crate::cmd::proxy::ProxyArgs;
use crate::cmd::regen::RegenArgs;
use crate::exit::Exit;

/// The version with the git revision it was built from.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("MOCKDRIFT_GIT_REV"), ")");

/// Catch stale HTTP mocks before merge: learn real response contracts from traffic, then
/// check the repository's mocks against them.
#[derive(Debug, Parser)]
#[command(name = "mockdrift", version = VERSION, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success / no drift, 1 drift found, 2 error.\nLogs: set MOCKDRIFT_LOG (e.g. MOCKDRIFT_LOG=debug)."
)]
pub(crate) struct Cli {
    /// Configuration file (default: mockdrift.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// CA certificates (PEM) trusted beside the system's roots for https:// contract sources
    /// (a proxy's admin endpoint behind a private CA); also MOCKDRIFT_CA_FILE.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) contracts_ca: Option<PathBuf>,
    /// How logs are written to stderr: text, or one JSON object per line.
    #[arg(long, global = true, value_enum, default_value = "text")]
    pub(crate) log_format: LogFormat,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// See the whole job in seconds: a sample API that moved on from its mocks, the recording
    /// proxy in front of it, the drift report, and the regen fix. Leaves nothing behind.
    ///
    /// Example: mockdrift demo
    Demo,
    /// Print a shell completion script.
    ///
    /// Example: mockdrift completions bash > /etc/bash_completion.d/mockdrift
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of mockdrift, or of one of its commands.
    ///
    /// Example: mockdrift man contracts infer | man -l -
    Man {
        /// The command (`diff`, `contracts infer`); none for mockdrift(1).
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Print the command reference as Markdown (docs/src/reference/commands.md).
    #[command(hide = true)]
    Reference,
    /// Learn, inspect, export and merge endpoint contracts.
    #[command(subcommand)]
    Contracts(ContractsCommand),
    /// Check mocks against recorded contracts; exit 1 when drift is found.
    ///
    /// Example: mockdrift diff --contracts contracts.json --mocks payments=test/mocks --format json
    Diff(DiffArgs),
    /// Rewrite stale mocks from the recorded contracts: minimal edits in each mock's own
    /// format, shown as diffs (or written with --write).
    ///
    /// Example: mockdrift regen --contracts .mockdrift/store --mocks payments=test/mocks --write
    Regen(RegenArgs),
    /// Check the configuration file without running anything.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Run the recording sidecar proxy: forward each route to its upstream, record contracts.
    ///
    /// Example: mockdrift proxy --store /var/lib/mockdrift --route payments@127.0.0.1:15001=http://payments:8080
    Proxy(Box<ProxyArgs>),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Validate the configuration: syntax, unknown keys, limits, routes, rules.
    ///
    /// Example: mockdrift config check --config mockdrift.toml
    Check,
}

/// `--log-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line (timestamp, level, fields, target).
    Json,
}

pub(crate) fn run(cli: Cli) -> anyhow::Result<Exit> {
    crate::admin_client::set_ca_file(cli.contracts_ca.clone());
    let cfg = crate::config::Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Contracts(c) => crate::cmd::contracts::run(c, &cfg),
        Command::Demo => crate::cmd::demo::run(&cfg),
        Command::Completions { shell } => {
            use clap::CommandFactory as _;
            clap_complete::generate(shell, &mut Cli::command(), "mockdrift", &mut crate::output::stdout());
            Ok(Exit::Ok)
        }
        Command::Man { command } => {
            use clap::CommandFactory as _;
            crate::cmd::manual::man(Cli::command(), &command, VERSION)
        }
        Command::Reference => {
            use clap::CommandFactory as _;
            crate::cmd::manual::reference(Cli::command())
        }
        Command::Diff(args) => crate::cmd::diff::run(args, &cfg),
        Command::Regen(args) => crate::cmd::regen::run(args, &cfg),
        Command::Proxy(args) => crate::cmd::proxy::run(*args, &cfg),
        Command::Config(ConfigCommand::Check) => {
            let Some(path) = cfg.file() else {
                out!("no {} here and no --config: nothing to check; the defaults apply", crate::config::DEFAULT_CONFIG);
                return Ok(Exit::Ok);
            };
            let shown = path.display().to_string();
            // A `[proxy]` table is checked the way `mockdrift proxy` reads it: routes, addresses,
            // durations, sampling, filters, and every file it names (TLS, token) are loaded.
            // Without a route of its own, a placeholder stands in for the one the flags give.
            let proxy = &cfg.proxy;
            let lines = if !cfg.has_proxy_table() {
                Vec::new()
            } else {
                let routed = !proxy.route.is_empty() || proxy.forward.is_some();
                let args = ProxyArgs {
                    routes: if routed { Vec::new() } else { vec!["check@127.0.0.1:0=http://127.0.0.1:9".to_owned()] },
                    ..ProxyArgs::default()
                };
                let set = crate::cmd::proxy::Settings::resolve(args, &cfg)
                    .with_context(|| format!("invalid config {shown}: [proxy]"))?;
                if routed { set.describe() } else { Vec::new() }
            };
            out!("{shown}: ok");
            for l in lines {
                out!("  proxy {l}");
            }
            Ok(Exit::Ok)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_the_documented_forms() {
        let ok = [
            vec!["mockdrift", "contracts", "infer", "--store", "s", "--service", "pay", "a.jsonl", "b.har"],
            vec!["mockdrift", "contracts", "list"],
            vec!["mockdrift", "contracts", "show", "--service", "pay", "GET", "/users/1", "--status", "200"],
            vec!["mockdrift", "contracts", "export", "-o", "out.json"],
            vec!["mockdrift", "contracts", "import", "a.json", "b.json"],
            vec!["mockdrift", "contracts", "merge", "a.json", "b.json", "-o", "m.json"],
            vec!["mockdrift", "contracts", "list", "--snapshot", "a.json"],
            vec!["mockdrift", "contracts", "export", "--format", "openapi", "--service", "payments"],
            vec!["mockdrift", "contracts", "infer", "--openapi", "api.yaml", "t.jsonl"],
            vec![
                "mockdrift",
                "diff",
                "--contracts",
                "c.json",
                "--mocks",
                "payments=mocks",
                "--format",
                "json",
                "--fail-on",
                "warning",
            ],
            vec![
                "mockdrift",
                "diff",
                "--contracts",
                "a.json",
                "--contracts",
                "st",
                "--mocks",
                "m",
                "--mocks",
                "n",
                "--now",
                "2026-11-22T00:00:00Z",
            ],
        ];
        let fleet = [
            vec!["mockdrift", "contracts", "merge", "s3://b/fleet", "-o", "m.json", "--max-age", "7d"],
            vec!["mockdrift", "contracts", "compact", "s3://b/fleet", "--to", "s3://b/compacted"],
            vec!["mockdrift", "contracts", "list", "--from", "gs://b/fleet", "--max-age", "36h"],
            vec!["mockdrift", "diff", "--contracts", "s3://b/fleet", "--mocks", "m", "--max-age", "7d"],
            vec!["mockdrift", "proxy", "--forward", "127.0.0.1:0", "--publish", "s3://b/fleet", "--source", "pod-a"],
        ];
        for args in ok.into_iter().chain(fleet) {
            assert!(Cli::try_parse_from(&args).is_ok(), "{args:?}");
        }
        let bad = [
            vec!["mockdrift", "contracts", "infer"],
            vec!["mockdrift", "contracts", "merge", "-o", "m.json"],
            vec!["mockdrift", "contracts", "merge", "a.json", "b.json"],
            vec!["mockdrift", "contracts", "compact", "s3://b/fleet"],
            vec!["mockdrift", "contracts", "list", "--max-age", "7d"],
            vec!["mockdrift", "contracts", "show", "GET"],
            vec!["mockdrift", "contracts", "list", "--snapshot", "a", "--store", "b"],
            vec!["mockdrift", "contracts", "list", "--snapshot", "a", "--from", "http://h"],
            vec!["mockdrift", "diff", "--contracts", "c", "--mocks", "m", "--format", "yaml"],
            vec!["mockdrift", "diff", "--contracts", "c", "--mocks", "m", "--fail-on", "sometimes"],
        ];
        for args in bad {
            assert!(Cli::try_parse_from(&args).is_err(), "{args:?}");
        }
    }
}
