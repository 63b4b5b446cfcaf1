//! Delivering contract changes ([`mockdrift_contracts::changes`]) as they are found: kept
//! for `GET /changes?since=ID`, counted in `mockdrift_contract_changes_total{service,kind}`,
//! logged (one event each; one JSON line under `--log-format json`), and posted to webhooks
//! (`--notify-url`) from a bounded queue that never blocks recording or traffic.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use mockdrift_contracts::changes::{Change, ChangeKind};
use tokio::sync::mpsc;

use crate::client::HttpClient;

/// Changes kept for `/changes` (the oldest go first).
pub const KEEP: usize = 1000;

/// Changes waiting for the webhooks; more are dropped (counted).
pub const QUEUE: usize = 256;

/// The most changes in one notification.
const BATCH: usize = 100;

/// Attempts per notification and webhook, and the wait before the first retry (doubling).
const ATTEMPTS: u32 = 4;
const FIRST_RETRY: Duration = Duration::from_millis(500);

/// How long one POST may take.
pub const POST_TIMEOUT: Duration = Duration::from_secs(10);

/// The changes found so far and where they go.
#[derive(Debug, Default)]
pub struct ChangeLog {
    inner: Mutex<Inner>,
    notify: Mutex<Option<mpsc::Sender<Change>>>,
    /// Notifications delivered (one per batch and webhook).
    pub notifications: AtomicU64,
    /// Notifications that failed after every retry.
    pub notification_errors: AtomicU64,
    /// Changes not notified because the queue was full.
    pub notification_dropped: AtomicU64,
}

#[derive(Debug, Default)]
struct Inner {
    kept: VecDeque<Change>,
    counts: BTreeMap<(String, ChangeKind), u64>,
}

impl ChangeLog {
    /// Sends every change from now on to `tx` too (the webhooks' queue).
    pub fn notify_to(&self, tx: mpsc::Sender<Change>) {
        if let Ok(mut n) = self.notify.lock() {
            *n = Some(tx);
        }
    }

    /// Stops sending to the webhooks' queue: the notifier delivers what is queued and ends.
    pub fn close(&self) {
        if let Ok(mut n) = self.notify.lock() {
            *n = None;
        }
    }

    /// Takes changes the recorder found: logs, counts and keeps each, and queues it for the
    /// webhooks (dropping it, counted, when the queue is full).
    pub fn push(&self, changes: Vec<Change>) {
        for c in &changes {
            tracing::warn!(
                change_id = c.id,
                service = %c.service,
                method = %c.method,
                path = %c.path,
                status = c.status,
                kind = c.kind.name(),
                pointer = %c.pointer,
                before = c.before.as_deref().unwrap_or(""),
                after = c.after.as_deref().unwrap_or(""),
                count = c.evidence.count,
                since = %c.evidence.since,
                "An endpoint's contract changed: {}",
                line(c)
            );
        }
        let tx = self.notify.lock().ok().and_then(|n| n.clone());
        if let Ok(mut inner) = self.inner.lock() {
            for c in &changes {
                *inner.counts.entry((c.service.clone(), c.kind)).or_default() += 1;
            }
            for c in changes {
                if let Some(tx) = &tx
                    && tx.try_send(c.clone()).is_err()
                {
                    self.notification_dropped.fetch_add(1, Ordering::Relaxed);
                }
                if inner.kept.len() == KEEP {
                    inner.kept.pop_front();
                }
                inner.kept.push_back(c);
            }
        }
    }

    /// The kept changes after `since`, and the last ID returned (`since` when none). A
    /// `since` beyond every ID handed out is from before a restart (IDs start at 1 again):
    /// every kept change is returned, so a poller misses none.
    pub fn since(&self, since: u64) -> (Vec<Change>, u64) {
        let Ok(inner) = self.inner.lock() else { return (Vec::new(), since) };
        let last = inner.kept.back().map_or(0, |c| c.id);
        let since = if since > last { 0 } else { since };
        let out: Vec<Change> = inner.kept.iter().filter(|c| c.id > since).cloned().collect();
        let next = out.last().map_or(since, |c| c.id);
        (out, next)
    }

    /// Changes found per service and kind.
    pub fn counts(&self) -> BTreeMap<(String, ChangeKind), u64> {
        self.inner.lock().map(|i| i.counts.clone()).unwrap_or_default()
    }
}

/// One change in words: `shop GET /items/{id} 200: field_gone /name (string → none)`.
pub fn line(c: &Change) -> String {
    let what = match (c.before.as_deref(), c.after.as_deref()) {
        (None, None) => String::new(),
        (b, a) => format!(" ({} → {})", b.unwrap_or("none"), a.unwrap_or("none")),
    };
    let at = if c.pointer.is_empty() { String::new() } else { format!(" {}", c.pointer) };
    format!("{} {} {} {}: {}{at}{what}", c.service, c.method, c.path, c.status, c.kind.name())
}

/// The text of a notification: a line per change (at most ten, then how many more), which
/// Slack and Mattermost incoming webhooks show.
pub fn text(batch: &[Change]) -> String {
    let mut out = format!(
        "mockdrift: {} in production",
        if batch.len() == 1 { "1 contract change".to_owned() } else { format!("{} contract changes", batch.len()) }
    );
    for c in batch.iter().take(10) {
        out.push_str("\n• ");
        out.push_str(&line(c));
    }
    if batch.len() > 10 {
        out.push_str(&format!("\n… and {} more", batch.len() - 10));
    }
    out
}

/// Posts what the queue brings to every webhook, one JSON document per batch
/// (`{"text", "changes"}`), each retried with backoff; ends when the queue is closed and
/// empty. Never names a URL (it carries a token) in a log line.
pub async fn deliver(urls: Vec<String>, client: HttpClient, mut rx: mpsc::Receiver<Change>, log: &ChangeLog) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(c) => batch.push(c),
                Err(_) => break,
            }
        }
        let body = serde_json::to_vec(&serde_json::json!({"text": text(&batch), "changes": batch}))
            .expect("changes serialize");
        for (i, url) in urls.iter().enumerate() {
            match post(&client, url, &body).await {
                Ok(()) => {
                    log.notifications.fetch_add(1, Ordering::Relaxed);
                }
                Err(reason) => {
                    log.notification_errors.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        webhook = i + 1,
                        changes = batch.len(),
                        error = %reason,
                        "A change notification could not be delivered after {ATTEMPTS} attempts; dropped."
                    );
                }
            }
        }
    }
}

async fn post(client: &HttpClient, url: &str, body: &[u8]) -> Result<(), String> {
    let mut wait = FIRST_RETRY;
    let mut last = String::new();
    for attempt in 1..=ATTEMPTS {
        match client.post(url, &[("content-type", "application/json")], body.to_vec()).await {
            Ok(a) if (200..300).contains(&a.status) => return Ok(()),
            Ok(a) => last = format!("the webhook answered {}", a.status),
            Err(e) => last = e.to_string(),
        }
        if attempt < ATTEMPTS {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use mockdrift_contracts::changes::ChangeEvidence;

    use super::*;

    fn change(id: u64, kind: ChangeKind) -> Change {
        Change {
            id,
            time: "2026-12-04T10:00:00Z".into(),
            service: "shop".into(),
            method: "GET".into(),
            path: "/items/{id}".into(),
            status: 200,
            kind,
            pointer: "/name".into(),
            before: Some("string".into()),
            after: None,
            evidence: ChangeEvidence { count: 20, of: 20, since: "2026-12-04T09:59:00Z".into() },
            example: serde_json::Value::Null,
        }
    }

    #[test]
    fn kept_changes_are_listed_after_an_id_and_counted() {
        let log = ChangeLog::default();
        log.push((1..=3).map(|i| change(i, ChangeKind::FieldGone)).collect());
        let (all, next) = log.since(0);
        assert_eq!((all.len(), next), (3, 3));
        let (after, next) = log.since(2);
        assert_eq!((after.iter().map(|c| c.id).collect::<Vec<_>>(), next), (vec![3], 3));
        assert_eq!(log.since(3), (Vec::new(), 3));
        // A poller from before a restart (higher IDs) gets every kept change.
        assert_eq!(log.since(40).0.len(), 3);
        assert_eq!(log.counts()[&("shop".to_owned(), ChangeKind::FieldGone)], 3);
        // The oldest go once more than KEEP are kept.
        log.push((4..=(KEEP as u64 + 10)).map(|i| change(i, ChangeKind::FieldNew)).collect());
        let (all, _) = log.since(0);
        assert_eq!((all.len(), all[0].id), (KEEP, 11));
    }

    #[test]
    fn a_full_queue_drops_notifications_not_changes() {
        let log = ChangeLog::default();
        let (tx, _rx) = mpsc::channel(2);
        log.notify_to(tx);
        log.push((1..=5).map(|i| change(i, ChangeKind::FieldGone)).collect());
        assert_eq!(log.notification_dropped.load(Ordering::Relaxed), 3);
        assert_eq!(log.since(0).0.len(), 5);
    }

    #[test]
    fn the_text_says_each_change_and_caps_the_list() {
        assert_eq!(
            line(&change(1, ChangeKind::FieldGone)),
            "shop GET /items/{id} 200: field_gone /name (string → none)"
        );
        let batch: Vec<Change> = (1..=12).map(|i| change(i, ChangeKind::FieldGone)).collect();
        let t = text(&batch);
        assert!(t.starts_with("mockdrift: 12 contract changes in production\n• shop GET"), "{t}");
        assert!(t.ends_with("\n… and 2 more"), "{t}");
    }
}
