//! `mockdrift diff`: contracts and mocks in, report and exit code out.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use mockdrift_contracts::{Snapshot, Ts};
use mockdrift_differ::{
    Baseline, DiffOptions, Item, Report, Severity, apply_route_hints, collect_files, diff_hinted, openapi_routes,
    read_file, read_fixture, render_badge, render_github, render_junit, render_markdown, render_sarif, render_text,
};

use crate::config::Config;
use crate::exit::Exit;
use clap::Args;

/// Contracts and mocks read and compared, rules and baseline applied: what `diff` reports and
/// `regen` fixes.
pub(crate) struct Compared {
    pub(crate) report: Report,
    pub(crate) items: Vec<Item>,
    /// The contracts compared with (route hints applied).
    pub(crate) snapshot: Snapshot,
}

pub(crate) fn compare(args: &CompareArgs, cfg: &Config, write_baseline: Option<&Path>) -> anyhow::Result<Compared> {
    let now = match &args.now {
        Some(t) => Ts::parse(t).with_context(|| format!("--now {t:?} is not an RFC 3339 time"))?,
        None => Ts::now(),
    };
    let stale_after =
        crate::duration::parse(&args.stale_after, Duration::from_secs(86_400)).context("--stale-after")?;
    let mut snapshot = Snapshot::default();
    if args.contracts.is_empty() {
        if !Path::new(DEFAULT_STORE).exists() {
            bail!(
                "no --contracts given and no contract store at {DEFAULT_STORE}: record one with `mockdrift contracts infer` \
                 or `mockdrift proxy`, or name a snapshot, store or admin URL with --contracts"
            );
        }
        snapshot = crate::sources::read_store(Path::new(DEFAULT_STORE))?;
    }
    let how = crate::sources::gather_opts(args.max_age.as_deref(), now, &cfg.limits)?;
    for source in &args.contracts {
        let s = crate::sources::load(source, &how)?;
        snapshot.merge_owned(s, &cfg.limits);
    }
    let mut jobs: Vec<(PathBuf, Option<&str>)> = Vec::new();
    for spec in &args.mocks {
        let (service, path) = split_mocks_arg(spec);
        if !path.exists() {
            bail!("--mocks {spec}: {} does not exist", path.display());
        }
        jobs.extend(collect_files(&[path]).into_iter().map(|f| (f, service)));
    }
    for m in &cfg.mocks {
        let path = cfg.resolve(&m.path);
        if !path.exists() {
            bail!("[[mocks]] {}: does not exist", path.display());
        }
        jobs.extend(collect_files(&[path]).into_iter().map(|f| (f, m.service.as_deref())));
    }
    if args.mocks.is_empty() && cfg.mocks.is_empty() && cfg.fixture.is_empty() {
        bail!("no mocks given: pass --mocks [SERVICE=]PATH, or [[mocks]] / [[fixture]] in mockdrift.toml");
    }
    let mut files = jobs.len();
    let mut items = read_all(&jobs);
    for f in &cfg.fixture {
        files += 1;
        items.push(read_fixture(&cfg.resolve(&f.file), f.service.as_deref(), &f.method, &f.path, f.status));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut routes = match &args.openapi {
        Some(p) => openapi_routes(p).context("reading --openapi")?,
        None => Vec::new(),
    };
    for r in cfg.routes.iter().chain(&args.routes) {
        routes.push(
            mockdrift_contracts::template::Route::parse(r).context("reading the routes (--route, routes = [...])")?,
        );
    }
    let opts = DiffOptions { min_samples: args.min_samples, stale_after, now, cwd, routes };
    // The endpoints findings name are those of the snapshot with the route hints applied.
    let snapshot = apply_route_hints(snapshot, &items, &opts.routes, &mockdrift_contracts::Limits::default());
    let mut report = diff_hinted(&snapshot, &items, files, &opts);
    cfg.rules()?.apply(&mut report);
    if let Some(path) = write_baseline {
        let b = Baseline::from_report(&report, &format!("accepted with --write-baseline on {}", now.date()));
        std::fs::write(path, b.to_json()).with_context(|| format!("writing the baseline {}", path.display()))?;
        say!("wrote {} accepted findings to {}", b.accepted.len(), path.display());
    } else if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading the baseline {}", path.display()))?;
        let b = Baseline::from_json(&text).with_context(|| format!("reading the baseline {}", path.display()))?;
        b.apply(&mut report, now);
    }
    Ok(Compared { report, items, snapshot })
}

/// The `--fail-on` gate as a severity (`None`: never fail).
pub(crate) fn gate(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    }
}

pub(crate) fn run(args: DiffArgs, cfg: &Config) -> anyhow::Result<Exit> {
    let min_fidelity = args.min_fidelity.as_deref().map(parse_ratio).transpose().context("--min-fidelity")?;
    let Compared { report, .. } = compare(&args.input, cfg, args.write_baseline.as_deref())?;
    if args.write_baseline.is_some() {
        return Ok(Exit::Ok);
    }
    let gate = gate(args.input.fail_on);
    let text = match args.format {
        ReportFormat::Json => report.to_json(),
        ReportFormat::Badge => render_badge(&report),
        ReportFormat::Sarif => render_sarif(&report, env!("CARGO_PKG_VERSION")),
        ReportFormat::Junit => render_junit(&report, gate),
        ReportFormat::Markdown => render_markdown(&report),
        ReportFormat::Github => {
            // Annotations are capped per step, so the full report goes to the step summary.
            if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                let mut f =
                    std::fs::OpenOptions::new().create(true).append(true).open(&summary).with_context(|| {
                        format!("appending to GITHUB_STEP_SUMMARY {}", PathBuf::from(&summary).display())
                    })?;
                f.write_all(render_markdown(&report).as_bytes())?;
            }
            render_github(&report)
        }
        ReportFormat::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    args.output.is_none() && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            render_text(&report, color)
        }
    };
    match &args.output {
        Some(p) => std::fs::write(p, &text).with_context(|| format!("writing the report to {}", p.display()))?,
        None => {
            let mut out = crate::output::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    let overall = &report.summary.fidelity.overall;
    let below = min_fidelity.filter(|&min| overall.fidelity < min);
    if let Some(min) = below {
        say!(
            "mock fidelity {} is below --min-fidelity {min}: {} of {} production confirms",
            overall.fidelity,
            overall.confirmed,
            mockdrift_differ::plural(overall.mocks, "mock"),
        );
    }
    Ok(if report.fails(gate) || below.is_some() { Exit::Drift } else { Exit::Ok })
}

/// A ratio from 0 to 1 (`0.8`), or a percentage (`80%`).
fn parse_ratio(text: &str) -> anyhow::Result<f64> {
    let value = match text.trim().strip_suffix('%') {
        Some(pct) => pct.trim().parse::<f64>().map(|p| p / 100.0),
        None => text.trim().parse::<f64>(),
    };
    match value {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => bail!("{text:?} is not a ratio from 0 to 1 (0.8) or a percentage (80%)"),
    }
}

/// Reads mock files on every core, keeping their order.
fn read_all(jobs: &[(PathBuf, Option<&str>)]) -> Vec<Item> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = jobs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().flat_map(|(f, s)| read_file(f, *s)).collect::<Vec<Item>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("mock readers do not panic")).collect()
    })
}

/// `payments=mocks/` → (Some("payments"), "mocks/"); a plain path has no service.
fn split_mocks_arg(spec: &str) -> (Option<&str>, PathBuf) {
    if let Some((service, path)) = spec.split_once('=') {
        let named =
            !service.is_empty() && service.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if named && !Path::new(spec).exists() {
            return (Some(service), PathBuf::from(path));
        }
    }
    (None, PathBuf::from(spec))
}

// Its arguments (the CLI's `Command` names them).

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
    /// A shields.io endpoint badge of the mock fidelity (JSON), to publish beside the README.
    Badge,
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
    /// Fail the run (exit 1) when the share of mocks production confirms is below this:
    /// `0.8` or `80%` (summary.fidelity.fidelity in the JSON report).
    #[arg(long, value_name = "RATIO")]
    pub(crate) min_fidelity: Option<String>,
}

/// Where contracts are read without `--contracts` (where `contracts infer` and `proxy` write).
const DEFAULT_STORE: &str = ".mockdrift/store";

/// What `diff` and `regen` compare, and how.
#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// Recorded contracts: a snapshot file, a store directory, a running proxy's admin URL
    /// (`http://127.0.0.1:9477`; token from MOCKDRIFT_ADMIN_TOKEN), or an object-store
    /// prefix sidecars publish to (`s3://bucket/prefix`, `gs://`, `az://`, `file://`; every
    /// sidecar's newest snapshot). Repeatable; merged [default: .mockdrift/store, as the
    /// other commands].
    #[arg(long = "contracts", value_name = "SNAPSHOT|DIR|URL")]
    pub(crate) contracts: Vec<String>,
    /// With an object-store prefix in --contracts: leave out snapshots whose traffic ended
    /// longer ago than this (pods long gone): `7d`, `36h`, or a number of days.
    #[arg(long, value_name = "DURATION")]
    pub(crate) max_age: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mocks_args_and_durations() {
        assert_eq!(split_mocks_arg("payments=test/mocks"), (Some("payments"), PathBuf::from("test/mocks")));
        assert_eq!(split_mocks_arg("test/mocks"), (None, PathBuf::from("test/mocks")));
        assert_eq!(split_mocks_arg("a/b=c"), (None, PathBuf::from("a/b=c")));
        assert_eq!(parse_ratio("0.8").ok(), Some(0.8));
        assert_eq!(parse_ratio("80%").ok(), Some(0.8));
        assert_eq!(parse_ratio("1").ok(), Some(1.0));
        assert!(parse_ratio("1.5").is_err() && parse_ratio("-0.1").is_err() && parse_ratio("high").is_err());
    }
}
