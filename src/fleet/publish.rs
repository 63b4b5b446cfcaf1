//! `mockdrift proxy --publish URL`: the sidecar's snapshot, one object per service, written
//! whole at every interval and once at shutdown. Publishing reads the recorder's published
//! contracts and nothing else: it never touches traffic or recording.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context;
use mockdrift_contracts::{RecorderHandle, Snapshot, Ts, safe_file_stem};
use mockdrift_proxy::admin::Health;
use object_store::{ObjectStore, PutPayload};
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
    at: Location,
    source: String,
    health: Arc<Health>,
    /// A hash of each service's last written snapshot: an unchanged one is not written again.
    written: HashMap<String, u64>,
}

impl Publisher {
    /// Opens the store the URL names (nothing is written yet).
    pub(crate) fn new(settings: &PublishSettings, health: Arc<Health>) -> anyhow::Result<Publisher> {
        let at = Location::open(&settings.url, true).context("--publish")?;
        health.publishing.store(true, Ordering::Relaxed);
        Ok(Publisher { at, source: settings.source.clone(), health, written: HashMap::new() })
    }

    /// The object a service's snapshot from this sidecar goes to.
    fn object(&self, service: &str) -> object_store::path::Path {
        self.at.child(&[&safe_file_stem(service), &format!("{}.json", safe_file_stem(&self.source))])
    }

    /// Writes every service whose contracts changed since its last write, within
    /// [`ATTEMPT_TIMEOUT`]; the outcome is counted in the health the admin endpoints show.
    /// How many objects were written.
    pub(crate) async fn publish(&mut self, all: &Snapshot) -> anyhow::Result<usize> {
        let outcome = tokio::time::timeout(ATTEMPT_TIMEOUT, self.write_changed(all)).await;
        let result = match outcome {
            Ok(r) => r,
            Err(_) => Err(anyhow::anyhow!("gave up after {}s", ATTEMPT_TIMEOUT.as_secs())),
        };
        match &result {
            Ok(_) => self.health.published_to_storage(None, Ts::now().0.max(0) as u64),
            Err(e) => {
                let reason = format!("{}: {e:#}", self.at.url);
                tracing::warn!(error = %reason, "Publishing the contracts failed; the next interval tries again.");
                self.health.published_to_storage(Some(reason), 0);
            }
        }
        result
    }

    async fn write_changed(&mut self, all: &Snapshot) -> anyhow::Result<usize> {
        let mut by_service: BTreeMap<&str, Snapshot> = BTreeMap::new();
        for (k, c) in &all.contracts {
            let one = by_service
                .entry(k.service.as_str())
                .or_insert_with(|| Snapshot { sources: BTreeSet::from([self.source.clone()]), ..Snapshot::default() });
            one.contracts.insert(k.clone(), c.clone());
        }
        let mut written = 0;
        for (service, snap) in by_service {
            let text = snap.to_json();
            let mut h = DefaultHasher::new();
            text.hash(&mut h);
            let hash = h.finish();
            if self.written.get(service) == Some(&hash) {
                continue;
            }
            let object = self.object(service);
            self.at
                .store
                .put(&object, PutPayload::from(text))
                .await
                .map_err(super::store_error)
                .with_context(|| format!("writing {}", self.at.relative(&object)))?;
            self.written.insert(service.to_owned(), hash);
            written += 1;
        }
        Ok(written)
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
                    let now = contracts.snapshot();
                    tokio::select! {
                        _ = self.publish(&now) => false,
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
