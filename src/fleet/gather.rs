//! Reading a prefix: list the snapshots under it, take each source's newest once, merge them
//! as the join; and `contracts compact`, which gathers them into one object per service.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use anyhow::{Context, bail};
use futures::{StreamExt, TryStreamExt};
use mockdrift_contracts::{Limits, Snapshot, Ts, safe_file_stem};
use object_store::ObjectMeta;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{COMPACTED_SUFFIX, Location};

/// The `format` marker of a compacted object.
pub(crate) const COMPACTED_FORMAT: &str = "mockdrift-contracts-compacted";
/// Its version.
const COMPACTED_VERSION: u32 = 1;

/// The largest snapshot object, or line of a compacted object, that is read: a sidecar's
/// snapshot of one service is a few MB at most (bounded by `max_endpoints_per_service`).
const MAX_SNAPSHOT_BYTES: u64 = 256 << 20;

/// How many objects are read at once.
const CONCURRENT_READS: usize = 16;

/// How a prefix is read.
#[derive(Debug)]
pub(crate) struct Gather {
    /// Leave out snapshots whose traffic ended longer ago than this (pods long gone).
    pub(crate) max_age: Option<Duration>,
    /// The time `max_age` counts back from.
    pub(crate) now: Ts,
    /// Limits the merge keeps to.
    pub(crate) limits: Limits,
    /// The snapshot objects taken so far (store and name), over every prefix read with this
    /// `Gather`: a command given two prefixes that hold one source (the fleet's and its
    /// compacted copy) takes it once, from the first.
    pub(crate) taken: std::sync::Mutex<HashSet<String>>,
}

impl Gather {
    fn too_old(&self, snap: &Snapshot) -> bool {
        match (self.max_age, snap.window()) {
            (Some(age), Some((_, last))) => {
                self.now.0.saturating_sub(last.0) > i64::try_from(age.as_millis()).unwrap_or(i64::MAX)
            }
            _ => false,
        }
    }
}

/// What a prefix held.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    /// The join of the snapshots taken.
    pub(crate) snapshot: Snapshot,
    /// Snapshots merged.
    pub(crate) merged: usize,
    /// Snapshots left out by `--max-age`.
    pub(crate) too_old: usize,
    /// Objects that could not be read or were not snapshots: name and reason.
    pub(crate) unreadable: Vec<String>,
}

impl Gathered {
    /// `merged 12 snapshots from 6 sources (2 left out: ...)`.
    pub(crate) fn summary(&self) -> String {
        use mockdrift_differ::plural;
        if self.merged == 0 && self.too_old == 0 && self.unreadable.is_empty() {
            return "nothing new: each source here was read from an earlier argument".to_owned();
        }
        let mut s = format!(
            "merged {} from {}",
            plural(self.merged, "snapshot"),
            plural(self.snapshot.sources.len(), "source")
        );
        if self.too_old > 0 {
            s.push_str(&format!(" ({} left out by --max-age)", self.too_old));
        }
        if !self.unreadable.is_empty() {
            s.push_str(&format!(" ({} unreadable)", self.unreadable.len()));
        }
        s
    }
}

/// A compacted object is JSON Lines: a header line, then one line per snapshot, so that
/// it is written and read as a stream, one snapshot in memory at a time, however many
/// sidecars it gathers.
#[derive(Deserialize)]
struct CompactedHeader {
    format: String,
    version: u32,
}

/// One snapshot in a compacted object.
#[derive(Deserialize)]
struct CompactedEntry<'a> {
    /// The store the snapshot's own object is in (`s3://bucket`, `file://`); older lines
    /// have none and mean the store the compacted object is in.
    #[serde(default)]
    root: Option<String>,
    /// The snapshot's own object: its full name in the store (`fleet/payments/pod-a.json`).
    key: String,
    /// When that object was written (the object store's clock).
    published: Ts,
    #[serde(borrow)]
    snapshot: &'a RawValue,
}

/// A snapshot found under a prefix: its object's full name in the store, when that object
/// was written, and its text.
struct Found {
    /// The store the object is in, when not the one being read.
    root: Option<String>,
    key: String,
    published: Ts,
    text: String,
}

/// The objects under a prefix: compacted ones (newest first) and snapshots by full name.
struct Listing {
    compacted: Vec<ObjectMeta>,
    snapshots: BTreeMap<String, ObjectMeta>,
}

fn published(meta: &ObjectMeta) -> Ts {
    Ts(meta.last_modified.timestamp_millis())
}

/// The service a snapshot object belongs to: the folder it is in (`<service>/<source>.json`).
fn service_of(key: &str) -> Option<&str> {
    let mut parts = key.rsplit('/');
    parts.next();
    parts.next()
}

/// The service a compacted object holds: its name without the suffix.
fn compacted_service(key: &str) -> &str {
    let file = key.rsplit('/').next().unwrap_or(key);
    file.strip_suffix(COMPACTED_SUFFIX).unwrap_or(file)
}

async fn list(at: &Location) -> anyhow::Result<Listing> {
    let metas: Vec<ObjectMeta> = at
        .store
        .list(Some(&at.prefix))
        .try_collect()
        .await
        .map_err(super::store_error)
        .with_context(|| format!("listing {}", at.url))?;
    let mut compacted = Vec::new();
    let mut snapshots = BTreeMap::new();
    // Only what the layout puts there: `<service>/<source>.json` and
    // `<service>.compacted.json` right under the prefix.
    for m in metas {
        let relative = at.relative(&m.location);
        let parts: Vec<&str> = relative.split('/').collect();
        let file = parts.last().copied().unwrap_or_default();
        if file.starts_with('.') || !file.ends_with(".json") {
            continue;
        }
        match parts.len() {
            1 if file.ends_with(COMPACTED_SUFFIX) => compacted.push(m),
            2 if !file.ends_with(COMPACTED_SUFFIX) => {
                snapshots.insert(m.location.to_string(), m);
            }
            _ => {}
        }
    }
    compacted.sort_by_key(|m| std::cmp::Reverse(published(m)));
    Ok(Listing { compacted, snapshots })
}

async fn read_text(at: &Location, meta: &ObjectMeta) -> anyhow::Result<String> {
    if meta.size > MAX_SNAPSHOT_BYTES {
        bail!("{} bytes: larger than a snapshot can be ({MAX_SNAPSHOT_BYTES} bytes)", meta.size);
    }
    let bytes = async { at.store.get(&meta.location).await?.bytes().await }.await.map_err(super::store_error)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| anyhow::anyhow!("not UTF-8 text"))
}

/// Reads a compacted object line by line: each snapshot in it goes to `each` as soon as
/// its line is complete.
async fn read_compacted(at: &Location, meta: &ObjectMeta, mut each: impl FnMut(Found)) -> anyhow::Result<()> {
    let mut stream = at.store.get(&meta.location).await.map_err(super::store_error)?.into_stream();
    let mut pending: Vec<u8> = Vec::new();
    let mut line_no = 0usize;
    let mut header = false;
    let mut line = |bytes: &[u8], line_no: usize| -> anyhow::Result<()> {
        let text = std::str::from_utf8(bytes).map_err(|_| anyhow::anyhow!("line {line_no}: not UTF-8 text"))?;
        if text.trim().is_empty() {
            return Ok(());
        }
        if !header {
            header = true;
            let h: CompactedHeader = serde_json::from_str(text)
                .map_err(|e| anyhow::anyhow!("line {line_no}: not a compacted object's header: {e}"))?;
            if h.format != COMPACTED_FORMAT {
                bail!("not a compacted snapshot object (format is {:?})", h.format);
            }
            if h.version > COMPACTED_VERSION {
                bail!(
                    "compacted format v{} is newer than this binary (v{COMPACTED_VERSION}); upgrade mockdrift",
                    h.version
                );
            }
            return Ok(());
        }
        let e: CompactedEntry<'_> = serde_json::from_str(text).map_err(|e| anyhow::anyhow!("line {line_no}: {e}"))?;
        each(Found { root: e.root, key: e.key, published: e.published, text: e.snapshot.get().to_owned() });
        Ok(())
    };
    while let Some(chunk) = stream.next().await {
        let scanned = pending.len();
        pending.extend_from_slice(&chunk.map_err(super::store_error)?);
        let (mut start, mut from) = (0, scanned);
        while let Some(nl) = memchr_newline(&pending[from..]) {
            line_no += 1;
            line(&pending[start..from + nl], line_no)?;
            start = from + nl + 1;
            from = start;
        }
        pending.drain(..start);
        if pending.len() as u64 > MAX_SNAPSHOT_BYTES {
            bail!("line {}: longer than a snapshot can be ({MAX_SNAPSHOT_BYTES} bytes)", line_no + 1);
        }
    }
    line_no += 1;
    line(&pending, line_no)?;
    if !header {
        bail!("empty: no header line");
    }
    Ok(())
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// Walks the prefix (one service's snapshots, or all): every snapshot taken (each object
/// once, its newest write, wherever it is: its own object or a compacted copy) goes to
/// `take`, in a fixed order; objects that could not be read are returned with the reason.
async fn walk(
    at: &Location,
    listing: &Listing,
    service: Option<&str>,
    taken: &mut HashSet<String>,
    mut take: impl FnMut(Found) -> bool,
) -> Vec<String> {
    let in_service = |key: &str| service.is_none_or(|s| service_of(key) == Some(s));
    let id = |key: &str| format!("{}/{key}", at.root);
    let mut unreadable = Vec::new();
    for meta in &listing.compacted {
        let name = meta.location.to_string();
        if service.is_some_and(|s| compacted_service(&name) != s) {
            continue;
        }
        let read = read_compacted(at, meta, |e| {
            // A copy of an object in another store is that store's object, not one here.
            let here = e.root.as_deref().is_none_or(|r| r == at.root);
            let key = match &e.root {
                Some(r) => format!("{r}/{}", e.key),
                None => id(&e.key),
            };
            let newer = here && listing.snapshots.get(&e.key).is_some_and(|m| published(m) > e.published);
            if !newer && in_service(&e.key) && !taken.contains(&key) {
                // A copy that does not parse leaves its source to its own object.
                if take(e) {
                    taken.insert(key);
                }
            }
        })
        .await;
        if let Err(e) = read {
            // What it held before the bad line was taken; the rest of it is not.
            unreadable.push(format!("{name}: {e:#}"));
        }
    }
    let rest: Vec<(&String, &ObjectMeta)> =
        listing.snapshots.iter().filter(|(k, _)| in_service(k) && !taken.contains(&id(k))).collect();
    let mut reads = futures::stream::iter(rest)
        .map(|(key, meta)| async move { (key, meta, read_text(at, meta).await) })
        .buffered(CONCURRENT_READS);
    while let Some((key, meta, text)) = reads.next().await {
        match text {
            Ok(text) => {
                if take(Found { root: None, key: key.clone(), published: published(meta), text }) {
                    taken.insert(id(key));
                }
            }
            Err(e) => unreadable.push(format!("{key}: {e:#}")),
        }
    }
    unreadable
}

/// Reads every snapshot under the prefix `url` and merges each source's newest.
pub(crate) fn gather(url: &str, how: &Gather) -> anyhow::Result<Gathered> {
    let at = Location::open(url, false)?;
    super::runtime()?.block_on(async {
        let listing = list(&at).await?;
        if listing.snapshots.is_empty() && listing.compacted.is_empty() {
            bail!("no snapshots under {url} (sidecars write them with `mockdrift proxy --publish URL`)");
        }
        let mut out = Gathered::default();
        let mut bad = Vec::new();
        let lock = || how.taken.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut taken = std::mem::take(&mut *lock());
        let earlier = !taken.is_empty();
        let unreadable = walk(&at, &listing, None, &mut taken, |f| match Snapshot::from_json(&f.text) {
            Ok(s) if how.too_old(&s) => {
                out.too_old += 1;
                true
            }
            Ok(s) => {
                out.snapshot.merge(&s, &how.limits);
                out.merged += 1;
                true
            }
            Err(e) => {
                bad.push(format!("{}: {e}", f.key));
                false
            }
        })
        .await;
        *lock() = taken;
        out.unreadable = unreadable;
        out.unreadable.extend(bad);
        // Everything here was taken from a prefix read before (the fleet's, then its
        // compacted copy): nothing to add, and nothing wrong.
        if out.merged == 0 && earlier {
            return Ok(out);
        }
        if out.merged == 0 {
            let first: Vec<&str> = out.unreadable.iter().take(3).map(String::as_str).collect();
            bail!(
                "no snapshot under {url} could be used: {}{}",
                out.summary(),
                match first.is_empty() {
                    true => String::new(),
                    false => format!("; {}", first.join("; ")),
                }
            );
        }
        Ok(out)
    })
}

/// What `contracts compact` did.
#[derive(Debug, Default)]
pub(crate) struct Compaction {
    /// Compacted objects written: the service and how many snapshots it holds.
    pub(crate) written: Vec<(String, usize)>,
    /// Snapshots left out by `--max-age`.
    pub(crate) too_old: usize,
    /// What could not be read.
    pub(crate) unreadable: Vec<String>,
}

/// Gathers the snapshots under `from` into one object per service under `to`
/// (`<to>/<service>.compacted.json`): each source's newest snapshot, side by side.
pub(crate) fn compact(from: &str, to: &str, how: &Gather) -> anyhow::Result<Compaction> {
    let src = Location::open(from, false)?;
    let dst = Location::open(to, true)?;
    super::runtime()?.block_on(async {
        let listing = list(&src).await?;
        let mut services: Vec<String> = listing
            .snapshots
            .keys()
            .filter_map(|k| service_of(k).map(str::to_owned))
            .chain(listing.compacted.iter().map(|m| compacted_service(m.location.as_ref()).to_owned()))
            .collect();
        services.sort();
        services.dedup();
        let mut out = Compaction::default();
        for service in services {
            let object = dst.child(&[&format!("{}{COMPACTED_SUFFIX}", safe_file_stem(&service))]);
            // Written as it is read, in parts: one snapshot in memory at a time.
            let upload = dst.store.put_multipart(&object).await.map_err(super::store_error)?;
            let mut w = object_store::WriteMultipart::new(upload);
            w.write(format!("{{\"format\":\"{COMPACTED_FORMAT}\",\"version\":{COMPACTED_VERSION}}}\n").as_bytes());
            let mut taken = 0;
            let mut bad = Vec::new();
            let mut seen = HashSet::new();
            let unreadable = walk(&src, &listing, Some(&service), &mut seen, |f| match Snapshot::from_json(&f.text) {
                Ok(s) if how.too_old(&s) => {
                    out.too_old += 1;
                    true
                }
                Ok(_) => {
                    w.write(compacted_line(&src.root, &f).as_bytes());
                    taken += 1;
                    true
                }
                Err(e) => {
                    bad.push(format!("{}: {e}", f.key));
                    false
                }
            })
            .await;
            out.unreadable.extend(unreadable.into_iter().chain(bad));
            if taken == 0 {
                let _ = w.abort().await;
                continue;
            }
            w.finish()
                .await
                .map_err(super::store_error)
                .with_context(|| format!("writing {}", dst.relative(&object)))?;
            out.written.push((service, taken));
        }
        if out.written.is_empty() {
            let first: Vec<&str> = out.unreadable.iter().take(3).map(String::as_str).collect();
            bail!(
                "nothing to compact under {from}{}",
                match first.is_empty() {
                    true => String::new(),
                    false => format!(": {}", first.join("; ")),
                }
            );
        }
        Ok(out)
    })
}

/// One line of a compacted object: the snapshot as it was written, without the whitespace
/// between its tokens.
fn compacted_line(root: &str, f: &Found) -> String {
    format!(
        "{{\"root\":{},\"key\":{},\"published\":\"{}\",\"snapshot\":{}}}\n",
        serde_json::to_string(f.root.as_deref().unwrap_or(root)).expect("strings serialize"),
        serde_json::to_string(&f.key).expect("strings serialize"),
        f.published.to_rfc3339(),
        minified(&f.text)
    )
}

/// JSON text without whitespace outside its strings.
fn minified(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use mockdrift_contracts::{Exchange, Message, Recorder, RecorderConfig};

    use super::*;

    /// A snapshot of `n` exchanges of `GET /v1/charges/ch_N` from `source`, the last at `last_ms`.
    fn snapshot(source: &str, n: u64, last_ms: i64) -> Snapshot {
        let (mut rec, _) = Recorder::new(RecorderConfig::default(), None).unwrap();
        for i in 0..n {
            let body = format!(r#"{{"id": "ch_{i}", "amount": {i}, "source": "{source}"}}"#);
            rec.record(&Exchange {
                service: "payments".into(),
                method: "GET".into(),
                path: format!("/v1/charges/ch_{i}"),
                query: String::new(),
                status: 200,
                time: Ts(last_ms - (n - 1 - i) as i64),
                duration_ms: 1.0,
                request: Message::default(),
                response: Message {
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: body.into_bytes(),
                    truncated: false,
                },
            });
        }
        rec.flush().unwrap();
        let mut snap = (*rec.handle().snapshot()).clone();
        snap.sources = BTreeSet::from([source.to_owned()]);
        snap
    }

    fn write(dir: &std::path::Path, key: &str, snap: &Snapshot) {
        let p = dir.join(key);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, snap.to_json()).unwrap();
    }

    fn how(now_ms: i64, max_age: Option<Duration>) -> Gather {
        Gather { max_age, now: Ts(now_ms), limits: Limits::default(), taken: Default::default() }
    }

    fn total(s: &Snapshot) -> u64 {
        s.contracts.values().map(|c| c.count).sum()
    }

    const T: i64 = 1_790_000_000_000;

    #[test]
    fn each_source_is_taken_once_wherever_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("file://{}", dir.path().display());
        let (a, b) = (snapshot("pod-a", 30, T), snapshot("pod-b", 20, T));
        write(dir.path(), "payments/pod-a.json", &a);
        write(dir.path(), "payments/pod-b.json", &b);
        let mut both = a.clone();
        both.merge(&b, &Limits::default());

        let got = gather(&url, &how(T, None)).unwrap();
        assert_eq!((got.merged, total(&got.snapshot)), (2, 50));
        assert_eq!(got.snapshot.contracts, both.contracts, "the join of the two");
        assert_eq!(got.summary(), "merged 2 snapshots from 2 sources");

        // Compacted beside the snapshots: still each source once.
        let done = compact(&url, &url, &how(T, None)).unwrap();
        assert_eq!(done.written, vec![("payments".to_owned(), 2)]);
        assert!(dir.path().join("payments.compacted.json").is_file());
        let got = gather(&url, &how(T, None)).unwrap();
        assert_eq!((got.merged, total(&got.snapshot)), (2, 50));
        assert_eq!(got.snapshot.contracts, both.contracts);

        // Compacted elsewhere, and read from there alone.
        let elsewhere = tempfile::tempdir().unwrap();
        let to = format!("file://{}", elsewhere.path().display());
        compact(&url, &to, &how(T, None)).unwrap();
        let got = gather(&to, &how(T, None)).unwrap();
        assert_eq!((got.merged, total(&got.snapshot)), (2, 50));
        // Both prefixes read with one `Gather` (two --contracts): each source once, from the first.
        let both = how(T, None);
        assert_eq!(gather(&url, &both).unwrap().merged, 2);
        let second = gather(&to, &both).unwrap();
        assert_eq!(second.merged, 0);
        assert!(second.summary().starts_with("nothing new"), "{}", second.summary());

        // pod-a publishes again after the compaction: its new snapshot replaces the copy.
        let a2 = snapshot("pod-a", 45, T + 60_000);
        write(dir.path(), "payments/pod-a.json", &a2);
        let later = std::time::SystemTime::now() + Duration::from_secs(120);
        std::fs::File::options()
            .write(true)
            .open(dir.path().join("payments/pod-a.json"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let got = gather(&url, &how(T, None)).unwrap();
        assert_eq!((got.merged, total(&got.snapshot)), (2, 65), "45 from pod-a's newest, 20 from pod-b");
    }

    #[test]
    fn minified_json_keeps_every_string_as_it_was() {
        let text = "{\n  \"a b\": \"x \\\" y\\\\\",\n  \"n\": [1, 2.5e3, null]\n}\n";
        let m = minified(text);
        assert_eq!(m, r#"{"a b":"x \" y\\","n":[1,2.5e3,null]}"#);
        let (a, b): (serde_json::Value, serde_json::Value) =
            (serde_json::from_str(text).unwrap(), serde_json::from_str(&m).unwrap());
        assert_eq!(a, b);
    }

    #[test]
    fn a_compacted_object_cut_short_keeps_what_it_held_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("file://{}", dir.path().display());
        write(dir.path(), "fleet/payments/pod-a.json", &snapshot("pod-a", 10, T));
        write(dir.path(), "fleet/payments/pod-b.json", &snapshot("pod-b", 5, T));
        let to = format!("{url}/compacted");
        compact(&format!("{url}/fleet"), &to, &how(T, None)).unwrap();
        let object = dir.path().join("compacted/payments.compacted.json");
        let text = std::fs::read_to_string(&object).unwrap();
        assert_eq!(text.lines().count(), 3, "a header and a line per snapshot");
        // Cut in the middle of the second snapshot's line.
        let cut = text.len() - text.lines().last().unwrap().len() / 2;
        std::fs::write(&object, &text[..cut]).unwrap();
        let got = gather(&to, &how(T, None)).unwrap();
        assert_eq!((got.merged, total(&got.snapshot)), (1, 10));
        assert!(got.unreadable[0].contains("payments.compacted.json: line 3"), "{:?}", got.unreadable);
        // A first line that is not the header (here: blank, then a snapshot) is refused whole.
        let entry = text.lines().nth(1).unwrap();
        std::fs::write(&object, format!("\n{entry}\n")).unwrap();
        let err = gather(&to, &how(T, None)).unwrap_err();
        assert!(format!("{err:#}").contains("line 2: not a compacted object's header"), "{err:#}");
    }

    #[test]
    fn old_and_unreadable_snapshots_are_left_out_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("file://{}", dir.path().display());
        write(dir.path(), "payments/pod-a.json", &snapshot("pod-a", 10, T));
        write(dir.path(), "payments/gone.json", &snapshot("gone", 10, T - 30 * 86_400_000));
        std::fs::write(dir.path().join("payments/broken.json"), "{\"format\": \"mockdrift-contracts\", ").unwrap();
        std::fs::write(dir.path().join("payments/notes.txt"), "not a snapshot").unwrap();
        // A huge object (sparse: no disk, no memory) is named, not read.
        std::fs::File::create(dir.path().join("payments/huge.json")).unwrap().set_len(MAX_SNAPSHOT_BYTES + 1).unwrap();

        let got = gather(&url, &how(T, Some(Duration::from_secs(7 * 86_400)))).unwrap();
        assert_eq!((got.merged, got.too_old, total(&got.snapshot)), (1, 1, 10));
        assert_eq!(got.unreadable.len(), 2, "{:?}", got.unreadable);
        assert!(got.unreadable.iter().any(|u| u.contains("broken.json") && u.contains("line")), "{:?}", got.unreadable);
        assert!(
            got.unreadable.iter().any(|u| u.contains("huge.json") && u.contains("larger than")),
            "{:?}",
            got.unreadable
        );
        assert_eq!(got.summary(), "merged 1 snapshot from 1 source (1 left out by --max-age) (2 unreadable)");
        // Without --max-age the old pod counts.
        assert_eq!(gather(&url, &how(T, None)).unwrap().merged, 2);

        let empty = tempfile::tempdir().unwrap();
        let err = gather(&format!("file://{}", empty.path().display()), &how(T, None)).unwrap_err();
        assert!(err.to_string().contains("no snapshots under"), "{err}");
    }
}
