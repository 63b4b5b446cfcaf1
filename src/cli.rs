//! Flags and subcommands.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

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

#[derive(Debug, Default, Args)]
#[command(after_help = "Every setting can also be given in the config file's [proxy] table (flags win). \
Stops on SIGINT/SIGTERM: stops accepting, lets in-flight requests finish (up to 10 s), \
flushes the store, exits 0. Recording is fail-open: a full queue drops copies (counted), never requests.")]
pub(crate) struct ProxyArgs {
    /// The contract store directory (sled) [default: .mockdrift/store].
    #[arg(long, value_name = "DIR")]
    pub(crate) store: Option<PathBuf>,
    /// A named upstream with its own listener (repeatable): NAME@LISTEN=UPSTREAM_URL, e.g.
    /// payments@127.0.0.1:15001=http://10.0.0.5:8080/api/v3. The URL is http://, https://
    /// or h2c:// (HTTP/2 with prior knowledge). Port 0 picks a free port. Added to the
    /// config file's [[proxy.route]] entries.
    #[arg(long = "route", value_name = "NAME@LISTEN=URL")]
    pub(crate) routes: Vec<String>,
    /// Also run a forward proxy on this address (for apps that set HTTP_PROXY): absolute-form
    /// requests are forwarded and recorded under their host's name; CONNECT tunnels are
    /// passed through opaque and counted, not recorded.
    #[arg(long, value_name = "LISTEN")]
    pub(crate) forward: Option<String>,
    /// Record a forward-proxied host under another service name (repeatable):
    /// --forward-name payments.internal=payments.
    #[arg(long = "forward-name", value_name = "HOST=NAME")]
    pub(crate) forward_names: Vec<String>,
    /// An OpenAPI 3 document (JSON or YAML) whose `paths` template what is recorded, winning
    /// over inference (as `contracts infer --openapi`).
    #[arg(long, value_name = "FILE")]
    pub(crate) openapi: Option<PathBuf>,
    /// Bytes of each request and response body copied for recording; larger bodies are
    /// forwarded whole and recorded as truncated [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub(crate) max_record_bytes: Option<usize>,
    /// Bytes of recorded bodies waiting for the recorder; beyond it copies are dropped
    /// [default: 33554432].
    #[arg(long, value_name = "BYTES")]
    pub(crate) queue_bytes: Option<usize>,
    /// How often recorded contracts are flushed to the store (also on shutdown) [default: 5s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) flush_interval: Option<String>,
    /// Keep the client's Host header instead of the upstream's authority.
    #[arg(long)]
    pub(crate) preserve_host: bool,
    /// Fraction of exchanges recorded, 0 to 1 (0: forward only) [default: 1].
    #[arg(long, value_name = "RATE")]
    pub(crate) sample: Option<f64>,
    /// Fraction an endpoint is recorded at once its contract has stopped changing, 0 to 1,
    /// rounded up to a power of two (1: record every exchange); its skipped exchanges still
    /// count. Any change in its contract brings it back to full recording [default: 0.01].
    #[arg(long, value_name = "RATE")]
    pub(crate) stable_sample: Option<f64>,
    /// A busy endpoint whose contract has stopped changing is sampled down further, to about
    /// one recorded exchange per this interval (0: only --stable-sample) [default: 100ms].
    #[arg(long, value_name = "DURATION")]
    pub(crate) stable_interval: Option<String>,
    /// Record only exchanges matching a path prefix, optionally after a method (repeatable):
    /// --record-only /v1/ --record-only 'POST /v2/charges'.
    #[arg(long, value_name = "[METHOD ]PREFIX")]
    pub(crate) record_only: Vec<String>,
    /// Never record exchanges matching a path prefix, optionally after a method (repeatable):
    /// --record-skip /health.
    #[arg(long, value_name = "[METHOD ]PREFIX")]
    pub(crate) record_skip: Vec<String>,
    /// Verify https:// upstreams against the CA certificates in this PEM file only, instead
    /// of the system's roots.
    #[arg(long, value_name = "FILE")]
    pub(crate) upstream_ca: Option<PathBuf>,
    /// Do not verify https:// upstream certificates (logged as a warning at start).
    #[arg(long, conflicts_with = "upstream_ca")]
    pub(crate) insecure_upstream: bool,
    /// Serve the route listeners with TLS: a PEM certificate chain (with --tls-key). HTTP/2
    /// and HTTP/1.1 are offered over ALPN.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub(crate) tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub(crate) tls_key: Option<PathBuf>,
    /// How long to wait for an upstream's response head before answering 504, and between two
    /// reads of its body before cutting the body short [default: 60s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) response_timeout: Option<String>,
    /// How long to wait for a TCP connection to an upstream before answering 502 [default: 5s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) connect_timeout: Option<String>,
    /// How long a client may take to send a request head, and a new connection to start one,
    /// before the proxy closes the connection; `0`: no limit [default: 10s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) header_timeout: Option<String>,
    /// How long a client connection may stay open with no request in flight (keep-alive);
    /// `0`: no limit [default: 60s].
    #[arg(long, value_name = "DURATION")]
    pub(crate) idle_timeout: Option<String>,
    /// Client connections open at once over all listeners; at the cap new ones wait (a
    /// warning is logged) [default: half the open-file limit, less 50].
    #[arg(long, value_name = "N")]
    pub(crate) max_connections: Option<usize>,
    /// Admin endpoints (/healthz, /readyz, /metrics, /contracts): an address, or `off`
    /// [default: 127.0.0.1:9901].
    #[arg(long, value_name = "ADDR|off")]
    pub(crate) admin: Option<String>,
    /// Add X-Forwarded-For (the client's address appended), X-Forwarded-Proto and
    /// X-Forwarded-Host to forwarded requests. Off by default: the proxy adds no header.
    #[arg(long)]
    pub(crate) add_x_forwarded: bool,
    /// Add `Via: 1.1 mockdrift` to forwarded requests and responses.
    #[arg(long)]
    pub(crate) add_via: bool,
    /// Allow the admin endpoints on a non-loopback address (a token is then required).
    #[arg(long)]
    pub(crate) admin_allow_remote: bool,
    /// Serve remote admin endpoints without a token (anyone who reaches the port reads the
    /// contracts and metrics); a warning at startup.
    #[arg(long, requires = "admin_allow_remote")]
    pub(crate) admin_insecure_no_token: bool,
    /// A file holding the admin bearer token (or set MOCKDRIFT_ADMIN_TOKEN); never on argv.
    #[arg(long, value_name = "FILE")]
    pub(crate) admin_token_file: Option<PathBuf>,
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

/// Report formats of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// Grouped by file, for people.
    Text,
    /// The versioned JSON report, for CI and tools.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, one test case per mock.
    Junit,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// GitHub Actions annotations; also appends the Markdown summary to $GITHUB_STEP_SUMMARY.
    Github,
}

/// The `--fail-on` gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FailOn {
    /// Exit 1 on any error finding.
    Error,
    /// Exit 1 on any warning or error finding.
    Warning,
    /// Always exit 0 when a report was made.
    Never,
}

/// When to colour the text report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, Args)]
#[command(after_help = "Exit codes: 0 no finding at or above --fail-on; 1 drift found; 2 no report could be made \
(bad flags, contracts unreadable or of a newer format).\n\
A run that reads no mock, or matches none to a recorded endpoint, is not a pass: it reports a \
no_mocks_matched error.")]
pub(crate) struct DiffArgs {
    #[command(flatten)]
    pub(crate) input: CompareArgs,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: ReportFormat,
    /// Write the report to a file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Colour the text report.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: Color,
    /// Write a baseline accepting every current warning and error, then exit 0.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
}

/// What `diff` and `regen` compare, and how.
#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// Recorded contracts: a snapshot file, a store directory, or a running proxy's admin URL
    /// (`http://127.0.0.1:9901`; token from MOCKDRIFT_ADMIN_TOKEN). Repeatable; merged.
    #[arg(long = "contracts", required = true, value_name = "SNAPSHOT|DIR|URL")]
    pub(crate) contracts: Vec<String>,
    /// Mock files or directories (walked recursively), optionally tied to a recorded service
    /// with `SERVICE=PATH` (repeatable; or `[[mocks]]` in mockdrift.toml).
    #[arg(long = "mocks", value_name = "[SERVICE=]PATH")]
    pub(crate) mocks: Vec<String>,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value = "error")]
    pub(crate) fail_on: FailOn,
    /// Contracts seen fewer times give info findings only: too little evidence.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub(crate) min_samples: u64,
    /// Endpoints without production traffic for this long are reported `unverified` instead
    /// of compared: `14d`, `36h` or a number of days.
    #[arg(long, default_value = "14d", value_name = "DURATION")]
    pub(crate) stale_after: String,
    /// The current time (RFC 3339), for reproducible reports.
    #[arg(long, value_name = "TIME")]
    pub(crate) now: Option<String>,
    /// Accepted findings: those listed (and not expired) are reported as suppressed and do
    /// not fail the run.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// An OpenAPI 3 document (JSON or YAML) whose `paths` are hints to path templating, as
    /// the route templates mocks carry are.
    #[arg(long, value_name = "FILE")]
    pub(crate) openapi: Option<PathBuf>,
    /// A route template that joins recorded endpoints, as a mock's would (repeatable), with
    /// the config's `routes`: --route '/repos/{owner}/{repo}/pulls/{pull_number}'.
    #[arg(long = "route", value_name = "TEMPLATE")]
    pub(crate) routes: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Exit codes: without --write, 0 when no edit is needed and 1 when one would be made; \
with --write, 0 when everything regen can fix was fixed and 1 when findings at or above --fail-on remain \
that it cannot fix (named in the summary); 2 on errors, as in diff.")]
pub(crate) struct RegenArgs {
    #[command(flatten)]
    pub(crate) input: CompareArgs,
    /// Rewrite the mock files in place (atomically); without it, print the diffs only.
    #[arg(long)]
    pub(crate) write: bool,
    /// Where new values come from: built from the shape, or taken from the redacted recorded
    /// examples.
    #[arg(long, value_enum, default_value = "synthetic")]
    pub(crate) values: ValuesArg,
    /// Write new mocks for recorded endpoints and statuses no mock covers into this directory
    /// (one file per endpoint and status).
    #[arg(long, value_name = "DIR")]
    pub(crate) new: Option<PathBuf>,
    /// The format of the mocks written with --new.
    #[arg(long, value_enum, default_value = "wiremock", requires = "new")]
    pub(crate) new_format: NewFormat,
    /// Colour the diffs.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: Color,
}

/// `regen --values`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ValuesArg {
    /// Built from the shape: its type, format, an enum value, a placeholder.
    Synthetic,
    /// From the redacted recorded examples.
    Examples,
}

/// `regen --new-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum NewFormat {
    /// A WireMock stub mapping.
    Wiremock,
    /// A Pact file with one interaction.
    Pact,
    /// A Hoverfly simulation.
    Hoverfly,
    /// A HAR file with one entry.
    Har,
    /// A VCR cassette (JSON).
    Vcr,
    /// A plain JSON body; the mockdrift.toml `[[fixture]]` entry is printed.
    Fixture,
}

/// Where contracts are stored.
#[derive(Debug, Args)]
pub(crate) struct StoreArg {
    /// The contract store directory (sled).
    #[arg(long, value_name = "DIR", default_value = ".mockdrift/store")]
    pub(crate) store: PathBuf,
}

/// Where contracts are read from: the store, or a snapshot file.
#[derive(Debug, Args)]
pub(crate) struct SourceArg {
    #[command(flatten)]
    pub(crate) store: StoreArg,
    /// Read this snapshot file instead of the store.
    #[arg(long, value_name = "FILE", conflicts_with = "store")]
    pub(crate) snapshot: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContractsCommand {
    /// Learn contracts from traffic files: HAR, or JSON Lines of exchanges.
    ///
    /// Example: mockdrift contracts infer --service payments traffic.jsonl capture.har
    Infer(InferArgs),
    /// List the recorded endpoints.
    ///
    /// Example: mockdrift contracts list --store .mockdrift/store --service payments
    List {
        #[command(flatten)]
        source: SourceArg,
        /// Only this service.
        #[arg(long)]
        service: Option<String>,
    },
    /// Show one endpoint's contract as a tree: fields, types, formats, presence, counts.
    ///
    /// Example: mockdrift contracts show GET /v1/charges/ch_123 --status 200
    Show {
        #[command(flatten)]
        source: SourceArg,
        /// Only this service (needed when several record the same path).
        #[arg(long)]
        service: Option<String>,
        /// Only this status (default: every status recorded).
        #[arg(long)]
        status: Option<u16>,
        /// Say why each path segment is a parameter.
        #[arg(long)]
        explain: bool,
        /// Request method.
        method: String,
        /// A concrete path (`/users/42`) or a template (`/users/{user_id}`).
        path: String,
    },
    /// Write the snapshot (deterministic JSON of all contracts); stdout without -o.
    ///
    /// Example: mockdrift contracts export --from http://127.0.0.1:9901 -o contracts.json
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Pull the snapshot from a running proxy's admin URL instead of a store (the store is
        /// locked while the proxy holds it). Token from MOCKDRIFT_ADMIN_TOKEN.
        #[arg(long, value_name = "URL", conflicts_with = "store")]
        from: Option<String>,
        /// Output file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Name this store's contracts carry as their source in the snapshot.
        #[arg(long)]
        source: Option<String>,
        /// `snapshot` (the mergeable contracts file) or `openapi` (an OpenAPI 3.1 document of
        /// one service; with several services, pick one with --service or give -o a directory
        /// for one file per service).
        #[arg(long, value_enum, default_value = "snapshot")]
        format: ExportFormat,
        /// Only this service (openapi).
        #[arg(long)]
        service: Option<String>,
    },
    /// Merge snapshots into the store.
    ///
    /// Example: mockdrift contracts import --store .mockdrift/store staging.json
    Import {
        #[command(flatten)]
        store: StoreArg,
        /// Snapshot files.
        #[arg(required = true, value_name = "SNAPSHOT")]
        snapshots: Vec<PathBuf>,
    },
    /// Merge snapshot files into one (no store involved).
    ///
    /// Example: mockdrift contracts merge pod-a.json pod-b.json -o merged.json
    Merge {
        /// Snapshot files.
        #[arg(required = true, num_args = 2.., value_name = "SNAPSHOT")]
        inputs: Vec<PathBuf>,
        /// Output file.
        #[arg(short, long, value_name = "FILE", required = true)]
        output: PathBuf,
    },
}

/// What `contracts export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// The snapshot (format v1).
    Snapshot,
    /// OpenAPI 3.1, one document per service.
    Openapi,
}

#[derive(Debug, Args)]
pub(crate) struct InferArgs {
    #[command(flatten)]
    pub(crate) store: StoreArg,
    /// The service the traffic belongs to (default: from each exchange, or the HAR host).
    #[arg(long)]
    pub(crate) service: Option<String>,
    /// A route template that wins over inference (repeatable): --route '/repos/{owner}/{repo}'.
    #[arg(long = "route", value_name = "TEMPLATE")]
    pub(crate) routes: Vec<String>,
    /// An OpenAPI 3 document (JSON or YAML) whose `paths` win over inference.
    #[arg(long, value_name = "FILE")]
    pub(crate) openapi: Option<PathBuf>,
    /// Traffic files: `.har`, or JSON Lines of exchanges (any other name).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
}

pub(crate) fn run(cli: Cli) -> anyhow::Result<Exit> {
    let cfg = crate::config::Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Contracts(c) => crate::contracts_cmd::run(c, &cfg),
        Command::Demo => crate::demo::run(&cfg),
        Command::Completions { shell } => {
            use clap::CommandFactory as _;
            clap_complete::generate(shell, &mut Cli::command(), "mockdrift", &mut std::io::stdout());
            Ok(Exit::Ok)
        }
        Command::Diff(args) => crate::diff_cmd::run(args, &cfg),
        Command::Regen(args) => crate::regen_cmd::run(args, &cfg),
        Command::Proxy(args) => crate::proxy_cmd::run(*args, &cfg),
        Command::Config(ConfigCommand::Check) => {
            let shown = cli
                .config
                .as_deref()
                .map_or_else(|| crate::config::DEFAULT_CONFIG.to_owned(), |p| p.display().to_string());
            // A `[proxy]` table is checked the way `mockdrift proxy` reads it: routes, addresses,
            // durations, filters, and every file it names (TLS, token) are loaded.
            let proxy = &cfg.proxy;
            let lines = if proxy.route.is_empty() && proxy.forward.is_none() {
                Vec::new()
            } else {
                crate::proxy_cmd::Settings::resolve(ProxyArgs::default(), &cfg)
                    .with_context(|| format!("invalid config {shown}: [proxy]"))?
                    .describe()
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
        for args in ok {
            assert!(Cli::try_parse_from(&args).is_ok(), "{args:?}");
        }
        let bad = [
            vec!["mockdrift", "contracts", "infer"],
            vec!["mockdrift", "contracts", "merge", "a.json", "-o", "m.json"],
            vec!["mockdrift", "contracts", "merge", "a.json", "b.json"],
            vec!["mockdrift", "contracts", "show", "GET"],
            vec!["mockdrift", "contracts", "list", "--snapshot", "a", "--store", "b"],
            vec!["mockdrift", "diff", "--mocks", "m"],
            vec!["mockdrift", "diff"],
            vec!["mockdrift", "diff", "--contracts", "c", "--mocks", "m", "--format", "yaml"],
            vec!["mockdrift", "diff", "--contracts", "c", "--mocks", "m", "--fail-on", "sometimes"],
        ];
        for args in bad {
            assert!(Cli::try_parse_from(&args).is_err(), "{args:?}");
        }
    }
}
