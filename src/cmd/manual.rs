//! `mockdrift man` (the man pages, from the clap definitions, by clap_mangen) and the hidden
//! `mockdrift reference` (the book's command reference, `docs/src/reference/commands.md`,
//! from the same definitions: a test fails when the committed page differs).

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::bail;
use clap::{Arg, ArgAction, Command};

use crate::exit::Exit;

/// Prints the man page of `mockdrift` or of one of its commands (`mockdrift man contracts
/// infer` is mockdrift-contracts-infer(1)).
pub(crate) fn man(root: Command, path: &[String], version: &'static str) -> anyhow::Result<Exit> {
    let mut cmd = root;
    let mut name = "mockdrift".to_owned();
    for word in path {
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            bail!("no command `{name} {word}`; see `mockdrift --help`");
        };
        name = format!("{name}-{word}");
        cmd = sub.display_name(name.clone()).bin_name(name.replace('-', " "));
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.version(version)).render(&mut page)?;
    crate::output::stdout().write_all(&page)?;
    Ok(Exit::Ok)
}

/// Prints the command reference as Markdown.
pub(crate) fn reference(mut root: Command) -> anyhow::Result<Exit> {
    root.build();
    let mut out = String::from(
        "# Commands and flags\n\n\
         Generated from the command-line definitions (`mockdrift reference`); a test fails when\n\
         this page and the binary disagree. `mockdrift man [COMMAND]...` prints the same as man\n\
         pages; every command's `--help` says it too.\n",
    );
    section(&mut out, &root, "mockdrift");
    crate::output::stdout().write_all(out.as_bytes())?;
    Ok(Exit::Ok)
}

fn section(out: &mut String, cmd: &Command, path: &str) {
    if cmd.is_hide_set() {
        return;
    }
    let _ = writeln!(out, "\n## `{path}`\n");
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        for line in about.to_string().trim().lines() {
            match line.strip_prefix("Example: ") {
                Some(example) => {
                    let _ = writeln!(out, "Example: `{example}`");
                }
                None => {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        out.push('\n');
    }
    let subs: Vec<&Command> = cmd.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help").collect();
    let args: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !matches!(a.get_id().as_str(), "help" | "version"))
        .filter(|a| path == "mockdrift" || !a.is_global_set())
        .collect();
    if !args.is_empty() {
        out.push_str("| argument | meaning |\n|---|---|\n");
        for a in args {
            let _ = writeln!(out, "| {} | {} |", usage(a), help(a));
        }
        out.push('\n');
    }
    if !subs.is_empty() {
        let names: Vec<String> = subs.iter().map(|s| format!("`{}`", s.get_name())).collect();
        let _ = writeln!(out, "Commands: {}.", names.join(", "));
    }
    for s in subs {
        section(out, s, &format!("{path} {}", s.get_name()));
    }
}

/// `--flag VALUE`, `-o, --output FILE`, `<PATH>...`.
fn usage(a: &Arg) -> String {
    let value = a
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| v.to_string())
        .unwrap_or_else(|| a.get_id().as_str().to_ascii_uppercase());
    let takes = matches!(a.get_action(), ArgAction::Set | ArgAction::Append);
    let many = matches!(a.get_action(), ArgAction::Append);
    let text = match (a.get_short(), a.get_long()) {
        (_, None) => {
            format!("<{value}>{}", if a.get_num_args().is_some_and(|n| n.max_values() > 1) { "..." } else { "" })
        }
        (short, Some(long)) => {
            let short = short.map(|s| format!("-{s}, ")).unwrap_or_default();
            let v = if takes { format!(" {value}") } else { String::new() };
            format!("{short}--{long}{v}{}", if many { " (repeatable)" } else { "" })
        }
    };
    format!("`{}`", text.replace('|', "\\|"))
}

fn help(a: &Arg) -> String {
    let mut text = a.get_long_help().or(a.get_help()).map(|h| h.to_string()).unwrap_or_default();
    let text_ends = text.trim_end().ends_with(['.', ')', ']']);
    if !text.is_empty() && !text_ends {
        text.push('.');
    }
    let possible: Vec<String> =
        a.get_possible_values().iter().filter(|p| !p.is_hide_set()).map(|p| format!("`{}`", p.get_name())).collect();
    if !possible.is_empty() && a.get_action().takes_values() {
        let _ = write!(text, " One of: {}.", possible.join(", "));
    }
    let defaults: Vec<String> = a.get_default_values().iter().map(|d| d.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() {
        let _ = write!(text, " Default: `{}`.", defaults.join(","));
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}
