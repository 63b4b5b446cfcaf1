//! `regen --new DIR`: new mocks for recorded endpoints and statuses no mock covers.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context;
use mockdrift_contracts::Snapshot;
use mockdrift_differ::regen::new_mock;
use mockdrift_differ::{Kind, MockFormat, Report};

/// New mocks: one per uncovered endpoint and status, in `dir`.
pub(crate) struct NewMocks {
    /// A line per file (to be written or written, or why not), with the entries a fixture
    /// needs in `mockdrift.toml`.
    pub(crate) lines: Vec<String>,
    /// How many files are (or would be) written.
    pub(crate) files: usize,
}

/// Plans one mock per uncovered endpoint and status into `dir`, and writes them when
/// `write` (`--write`; without it, as for the edits of existing mocks, nothing is touched).
pub(crate) fn write(
    snapshot: &Snapshot,
    report: &Report,
    dir: &Path,
    format: NewFormat,
    write: bool,
) -> anyhow::Result<NewMocks> {
    let format = match format {
        NewFormat::Wiremock => MockFormat::WireMock,
        NewFormat::Pact => MockFormat::Pact,
        NewFormat::Hoverfly => MockFormat::Hoverfly,
        NewFormat::Har => MockFormat::Har,
        NewFormat::Vcr => MockFormat::Vcr,
        NewFormat::Fixture => MockFormat::Fixture,
    };
    // (service, method, template, status): the status is None for a wholly uncovered endpoint.
    let mut wanted: BTreeSet<(&str, &str, &str, Option<u16>)> = BTreeSet::new();
    for f in &report.findings {
        if !matches!(f.kind, Kind::UncoveredEndpoint | Kind::UncoveredStatus) {
            continue;
        }
        if let (Some(s), Some(m), Some(p)) = (&f.service, &f.method, &f.path) {
            wanted.insert((s, m, p, if f.kind == Kind::UncoveredStatus { f.status } else { None }));
        }
    }
    let mut lines = Vec::new();
    let mut files = 0;
    if wanted.is_empty() {
        return Ok(NewMocks { lines, files });
    }
    if write {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut done: BTreeSet<(String, String, String, u16)> = BTreeSet::new();
    for (service, method, path, status) in wanted {
        // The most frequent media type of each matching status.
        let mut best: Vec<(&mockdrift_contracts::EndpointKey, &mockdrift_contracts::Contract)> = Vec::new();
        for (k, c) in &snapshot.contracts {
            if k.service == service && k.method == method && k.path == path && status.is_none_or(|s| s == k.status) {
                match best.iter_mut().find(|(b, _)| b.status == k.status) {
                    Some(slot) if slot.1.count < c.count => *slot = (k, c),
                    Some(_) => {}
                    None => best.push((k, c)),
                }
            }
        }
        for (k, c) in best {
            if !done.insert((k.service.clone(), k.method.clone(), k.path.clone(), k.status)) {
                continue;
            }
            if format == MockFormat::Fixture && (c.bodies.json == 0 || c.response.is_empty()) {
                let media = if k.media_type.is_empty() { "no content type" } else { k.media_type.as_str() };
                lines.push(format!(
                    "{} {} {}: production's bodies are not JSON ({media}); fixtures hold JSON bodies: use another --new-format",
                    k.method, k.path, k.status
                ));
                continue;
            }
            let m = new_mock(k, c, format);
            let file = dir.join(&m.file_name);
            if file.exists() {
                lines.push(format!("{} exists: left alone", file.display()));
                continue;
            }
            if write {
                crate::files::write_atomic(&file, &m.text).with_context(|| format!("writing {}", file.display()))?;
            }
            files += 1;
            lines.push(format!(
                "{}{} ({} {} {}, {} responses recorded)",
                if write { "" } else { "would write " },
                file.display(),
                k.method,
                k.path,
                k.status,
                c.count
            ));
            if let Some(entry) = m.fixture_entry {
                let shown = file.display().to_string().replace('\\', "/");
                lines.push(format!(
                    "add to mockdrift.toml (the file's path is relative to the working directory; make it relative to mockdrift.toml if that lives elsewhere):\n{}",
                    entry.replace("FILE", &shown)
                ));
            }
        }
    }
    Ok(NewMocks { lines, files })
}

// Its arguments (the CLI's `Command` names them).

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
