//! `mockdrift regen`: the edits that make stale mocks agree with the recorded contracts, shown
//! as diffs or written in place.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use mockdrift_differ::regen::{self, Plan, Values};
use mockdrift_differ::{MockFormat, plural};

use clap::Args;

use crate::cmd::diff::{Color, CompareArgs};
use crate::cmd::diff::{Compared, compare, gate};
use crate::cmd::regen_new::NewFormat;
use crate::config::Config;
use crate::exit::Exit;

pub(crate) fn run(args: RegenArgs, cfg: &Config) -> anyhow::Result<Exit> {
    let Compared { report, items, snapshot, .. } = compare(&args.input, cfg, None)?;
    let values = match args.values {
        ValuesArg::Synthetic => Values::Synthetic,
        ValuesArg::Examples => Values::Examples,
    };
    let gate = gate(args.input.fail_on);
    let plan = regen::plan(&report, &items, values);
    let cwd = std::env::current_dir().unwrap_or_default();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = crate::output::stdout();
    if args.write {
        for c in &plan.changes {
            crate::files::write_atomic(&c.path, &c.after).with_context(|| format!("writing {}", c.path.display()))?;
        }
    } else {
        for c in &plan.changes {
            out.write_all(paint(&c.unified_diff(&shown(&c.path, &cwd)), color).as_bytes())?;
        }
    }
    let mut written_new = 0;
    if let Some(dir) = &args.new {
        let new = crate::cmd::regen_new::write(&snapshot, &report, dir, args.new_format, args.write)?;
        for line in &new.lines {
            writeln!(out, "new    {line}")?;
        }
        written_new = new.files;
    }
    out.write_all(summary(&plan, &cwd, args.write, written_new).as_bytes())?;
    out.flush()?;
    let remaining = gate.is_some_and(|g| plan.left.iter().any(|l| l.finding.severity >= g)) || !plan.errors.is_empty();
    Ok(match (args.write, plan.changes.is_empty()) {
        (false, false) => Exit::Drift,
        (false, true) => Exit::Ok,
        (true, _) if remaining => Exit::Drift,
        (true, _) => Exit::Ok,
    })
}

/// The path as diffs show it: relative to the working directory when under it.
fn shown(p: &Path, cwd: &Path) -> String {
    let s = p.strip_prefix(cwd).unwrap_or(p).to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

fn paint(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_owned();
    }
    diff.lines().map(|l| mockdrift_differ::paint_diff_line(l, color) + "\n").collect()
}

fn summary(plan: &Plan, cwd: &Path, written: bool, new: usize) -> String {
    let mut s = String::new();
    let (mut added, mut removed, mut replaced) = (0, 0, 0);
    for f in &plan.fixed {
        added += f.added;
        removed += f.removed;
        replaced += f.replaced;
        let what = [(f.added, "added"), (f.removed, "dropped"), (f.replaced, "replaced")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect::<Vec<_>>()
            .join(", ");
        s.push_str(&format!("fixed  {} {:?}: {what}\n", shown(&f.file, cwd), f.name));
        if f.format == MockFormat::Pact {
            s.push_str(&format!(
                "       pact interaction {:?} is written by a consumer test: update that test too, or the next run overwrites this fix\n",
                f.name
            ));
        }
    }
    for l in &plan.left {
        let at = if l.finding.file.is_empty() {
            format!(
                "{} {} {}",
                l.finding.method.as_deref().unwrap_or(""),
                l.finding.path.as_deref().unwrap_or(""),
                l.finding.status.map(|s| s.to_string()).unwrap_or_default()
            )
        } else {
            format!("{}:{}", l.finding.file, l.finding.line)
        };
        s.push_str(&format!(
            "left   {at} {} {}{}: {}\n",
            l.finding.severity.name(),
            l.finding.kind.name(),
            ptr(&l.finding.pointer),
            l.reason
        ));
    }
    for e in &plan.errors {
        s.push_str(&format!("error  {e}\n"));
    }
    let verb = if written { "rewrote" } else { "would rewrite" };
    s.push_str(&format!(
        "regen: {verb} {} ({}: {added} fields added, {removed} dropped, {replaced} values replaced); {} left{}\n",
        plural(plan.changes.len(), "file"),
        plural(plan.fixed.len(), "mock"),
        plural(plan.left.len(), "finding"),
        match (new, written) {
            (0, _) => String::new(),
            (n, true) => format!("; {} written", plural(n, "new mock")),
            (n, false) => format!("; {} to write", plural(n, "new mock")),
        }
    ));
    if !written && (!plan.changes.is_empty() || new > 0) {
        s.push_str("run again with --write to apply\n");
    }
    s
}

fn ptr(p: &str) -> String {
    if p.is_empty() { String::new() } else { format!(" {p}") }
}

// Its arguments (the CLI's `Command` names them).

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
