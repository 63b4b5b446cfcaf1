//! Where contracts come from: a store directory, a snapshot file, a running proxy's admin
//! URL, or an object-store prefix that sidecars publish to. Every command that reads
//! contracts goes through here.

use std::path::Path;

use anyhow::{Context, bail};
use mockdrift_contracts::{Snapshot, Store};

/// Contracts from a source as the commands take it: an admin URL of a running proxy
/// (`http://`, `https://`; token from `MOCKDRIFT_ADMIN_TOKEN`), an object-store prefix
/// (`s3://`, `gs://`, `az://`, `file://`: every sidecar's newest snapshot, merged, as `how`
/// says), a store directory, or a snapshot file.
pub(crate) fn load(source: &str, how: &crate::fleet::Gather) -> anyhow::Result<Snapshot> {
    Ok(load_counted(source, how)?.0)
}

/// As [`load`], with how many objects of a prefix could not be read (each named on stderr).
pub(crate) fn load_counted(source: &str, how: &crate::fleet::Gather) -> anyhow::Result<(Snapshot, usize)> {
    if crate::fleet::is_object_url(source) {
        let got = crate::fleet::gather(source, how).with_context(|| format!("reading contracts from {source}"))?;
        for e in &got.unreadable {
            say!(warn: "mockdrift: warning: {source}: {e} (skipped)");
        }
        say!("mockdrift: {source}: {}", got.summary());
        return Ok((got.snapshot, got.unreadable.len()));
    }
    load_one(source).map(|s| (s, 0))
}

fn load_one(source: &str) -> anyhow::Result<Snapshot> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let text =
            crate::admin_client::get_contracts(source).with_context(|| format!("reading contracts from {source}"))?;
        return Snapshot::from_json(&text).with_context(|| format!("reading contracts from {source}"));
    }
    let p = Path::new(source);
    if p.is_dir() {
        let store = Store::open(p).with_context(|| format!("reading contracts from {source}"))?;
        let (snap, bad) = store.snapshot().with_context(|| format!("reading contracts from {source}"))?;
        for e in bad {
            say!(warn: "mockdrift: warning: {source}: {e} (skipped)");
        }
        return Ok(snap);
    }
    let text = std::fs::read_to_string(p).with_context(|| format!("reading contracts from {source}"))?;
    Snapshot::from_json(&text).with_context(|| format!("reading contracts from {source}"))
}

/// The store in `dir`, created if asked; a missing one is a clear error otherwise.
pub(crate) fn open_store(dir: &Path, create: bool) -> anyhow::Result<Store> {
    if create {
        std::fs::create_dir_all(dir).with_context(|| format!("creating contract store directory {}", dir.display()))?;
    } else if !dir.exists() {
        bail!(
            "no contract store at {} (record one with `mockdrift contracts infer` or `mockdrift proxy`, or pass --store/--snapshot)",
            dir.display()
        );
    }
    Ok(Store::open(dir)?)
}

/// The store's readable contracts (each unreadable record named on stderr).
pub(crate) fn read_store(dir: &Path) -> anyhow::Result<Snapshot> {
    Ok(read_store_counted(dir)?.0)
}

/// The store's readable contracts, each unreadable record named on stderr, and their count.
pub(crate) fn read_store_counted(dir: &Path) -> anyhow::Result<(Snapshot, usize)> {
    let store = open_store(dir, false)?;
    let (snap, bad) = store.snapshot()?;
    for e in &bad {
        say!(warn: "mockdrift: warning: {}: {e} (skipped)", dir.display());
    }
    Ok((snap, bad.len()))
}

/// A snapshot file.
pub(crate) fn read_snapshot(path: &Path) -> anyhow::Result<Snapshot> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading snapshot {}", path.display()))?;
    Snapshot::from_json(&text).with_context(|| format!("reading snapshot {}", path.display()))
}

/// How an object-store prefix is read: `--max-age` (a duration; snapshots whose traffic ended
/// longer ago are left out), counted back from `now`, merged within `limits`.
pub(crate) fn gather_opts(
    max_age: Option<&str>,
    now: mockdrift_contracts::Ts,
    limits: &mockdrift_contracts::Limits,
) -> anyhow::Result<crate::fleet::Gather> {
    let max_age = match max_age {
        Some(a) => Some(crate::duration::parse(a, std::time::Duration::from_secs(86_400)).context("--max-age")?),
        None => None,
    };
    Ok(crate::fleet::Gather { max_age, now, limits: limits.clone(), taken: Default::default() })
}
