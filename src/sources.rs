//! Where contracts come from: a store directory, a snapshot file, or a running proxy's
//! admin URL. Every command that reads contracts goes through here.

use std::path::Path;

use anyhow::{Context, bail};
use mockdrift_contracts::{Snapshot, Store};

/// Contracts from a source as the commands take it: an admin URL of a running proxy
/// (`http://`, `https://`; token from `MOCKDRIFT_ADMIN_TOKEN`), a store directory, or a
/// snapshot file.
pub(crate) fn load(source: &str) -> anyhow::Result<Snapshot> {
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
