//! `mockdrift proxy --publish URL`: the sidecar's snapshot, one object per service, written
//! whole at every interval and once at shutdown. Publishing reads the recorder's published
//! contracts and nothing else: it never touches traffic or recording.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use futures::StreamExt;
use mockdrift_contracts::{RecorderHandle, Snapshot, Ts, safe_file_stem};
use mockdrift_proxy::admin::Health;
use object_store::PutPayload;
use tokio::sync::watch;

use super::{ATTEMPT_TIMEOUT, Location};

/// `--publish`, `--publish-interval`, `--source`.
#[derive(Clone, Debug)]
pub(crate) struct PublishSettings {
    /// Where: `s3://bucket/prefix`, `gs://`, `az://`, `file:///dir`.
    pub(crate) url: String,
    /// How often (and once more at shutdown).
    pub(crate) interval: Duration,
    /// This sidecar's name: the objects' names and the snapshots' `sources`.
    pub(crate) source: String,
}

/// Writes a sidecar's snapshots under a prefix.
pub(crate) struct Publisher {
    settings: PublishSettings,
    /// Opened at the first attempt (and again after a failure to open).
    at: Option<Location>,
    health: Arc<Health>,
    /// A hash of each service's last written snapshot, and when it was written: an unchanged
    /// one is written again only after [`REWRITE_EVERY`] (an object a bucket's lifecycle rule
    /// or a reset removed comes back).
    written: HashMap<String, (u64, tokio::time::Instant)>,
}

/// How often an unchanged snapshot is written again.
const REWRITE_EVERY: Duration = Duration::from_secs(3600);

/// How many services' snapshots are written at once.
const CONCURRENT_PUTS: usize = 4;

/// Each service's snapshot as this sidecar publishes it: (service, text, hash of the text).
fn per_service(all: &Snapshot, source: &str) -> Vec<(String, String, u64)> {
    let mut by_service: BTreeMap<&str, Snapshot> = BTreeMap::new();
    for (k, c) in &all.contracts {
        let one = by_service
            .entry(k.service.as_str())
            .or_insert_with(|| Snapshot { sources: BTreeSet::from([source.to_owned()]), ..Snapshot::default() });
        one.contracts.insert(k.clone(), c.clone());
    }
    by_service
        .into_iter()
        .map(|(service, snap)| {
            let text = snap.to_json();
            let mut h = DefaultHasher::new();
            text.hash(&mut h);
            (service.to_owned(), text, h.finish())
        })
        .collect()
}

impl Publisher {
    /// A publisher for `settings`; the store is opened at the first attempt.
    pub(crate) fn new(settings: &PublishSettings, health: Arc<Health>) -> Publisher {
        health.publishing.store(true, Ordering::Relaxed);
        Publisher { settings: settings.clone(), at: None, health, written: HashMap::new() }
    }

    /// Writes every service whose contracts changed since its last write (each PUT given
    /// [`ATTEMPT_TIMEOUT`], a few at once; one that fails does not stop the others); the
    /// outcome is counted in the health the admin endpoints show. How many objects were
    /// written. The snapshots are serialized off the runtime's threads, which forward traffic.
    pub(crate) async fn publish(&mut self, all: Arc<Snapshot>) -> anyhow::Result<usize> {
        let result = self.write_changed(all).await;
        match &result {
            Ok(_) => self.health.published_to_storage(None, Ts::now().0.max(0) as u64),
            Err(e) => {
                let reason = format!("{}: {e:#}", self.settings.url);
                tracing::warn!(error = %reason, "Publishing the contracts failed; the next interval tries again.");
                self.health.published_to_storage(Some(reason), 0);
            }
        }
        result
    }

    async fn write_changed(&mut self, all: Arc<Snapshot>) -> anyhow::Result<usize> {
        let at = match &self.at {
            Some(at) => at.clone(),
            None => {
                let at = Location::open(&self.settings.url, true)?;
                self.at = Some(at.clone());
                at
            }
        };
        let source = self.settings.source.clone();
        let texts = tokio::task::spawn_blocking(move || per_service(&all, &source)).await?;
        let now = tokio::time::Instant::now();
        let due: Vec<(String, String, u64)> = texts
            .into_iter()
            .filter(|(service, _, hash)| {
                self.written.get(service).is_none_or(|(h, when)| h != hash || now - *when >= REWRITE_EVERY)
            })
            .collect();
        let stem = format!("{}.json", safe_file_stem(&self.settings.source));
        let results: Vec<(String, u64, anyhow::Result<()>)> = futures::stream::iter(due)
            .map(|(service, text, hash)| {
                let object = at.child(&[&safe_file_stem(&service), &stem]);
                let at = at.clone();
                async move {
                    let put =
                        tokio::time::timeout(ATTEMPT_TIMEOUT, at.store.put(&object, PutPayload::from(text))).await;
                    let r = match put {
                        Ok(Ok(_)) => Ok(()),
                        Ok(Err(e)) => {
                            Err(super::store_error(e)).with_context(|| format!("writing {}", at.relative(&object)))
                        }
                        Err(_) => Err(anyhow::anyhow!(
                            "writing {}: gave up after {}s",
                            at.relative(&object),
                            ATTEMPT_TIMEOUT.as_secs()
                        )),
                    };
                    (service, hash, r)
                }
            })
            .buffer_unordered(CONCURRENT_PUTS)
            .collect()
            .await;
        let mut failed = Vec::new();
        let mut written = 0;
        for (service, hash, r) in results {
            match r {
                Ok(()) => {
                    self.written.insert(service, (hash, now));
                    written += 1;
                }
                Err(e) => failed.push(format!("{e:#}")),
            }
        }
        match failed.len() {
            0 => Ok(written),
            n => anyhow::bail!("{n} of {} snapshots not written: {}", n + written, failed.join("; ")),
        }
    }

    /// Publishes every `interval` until `stop` turns true (an attempt under way is then
    /// dropped, so that shutdown waits for one bounded attempt, not two); then gives the
    /// publisher back for the last publish after the recorder's final flush.
    pub(crate) async fn run(
        mut self,
        contracts: RecorderHandle,
        interval: Duration,
        mut stop: watch::Receiver<bool>,
    ) -> Publisher {
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let stopping = tokio::select! {
                _ = tick.tick() => {
                    tokio::select! {
                        _ = self.publish(contracts.snapshot()) => false,
                        () = stopped(&mut stop) => true,
                    }
                }
                () = stopped(&mut stop) => true,
            };
            if stopping {
                return self;
            }
        }
    }
}

/// Resolves once `stop` is true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        if stop.changed().await.is_err() {
            return;
        }
    }
}
