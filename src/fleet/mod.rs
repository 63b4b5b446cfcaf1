//! A fleet of sidecars on object storage: each publishes its snapshot per service under a
//! prefix (`s3://`, `gs://`, `az://`, `file://`), and readers merge what they find there.
//!
//! The layout under a prefix:
//!
//! - `<prefix>/<service>/<source>.json`: one sidecar's snapshot of one service (a snapshot
//!   file, format v1), written whole by one PUT at every publish;
//! - `<prefix>/<service>.compacted.json`: what `contracts compact` gathered, each source's
//!   newest snapshot side by side (format `mockdrift-contracts-compacted`).
//!
//! A snapshot is cumulative, so a reader takes each source's newest snapshot once, wherever
//! it finds it (the object, or its compacted copy, whichever was written later), and merges
//! those: the join of every sidecar's traffic, no source counted twice.

mod gather;
mod publish;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use object_store::ObjectStore;
use object_store::path::Path as ObjectPath;

pub(crate) use gather::{Gather, compact, gather};
pub(crate) use publish::{PublishSettings, Publisher};

/// How long one write of a snapshot may take before it is given up.
pub(crate) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// The suffix of a compacted object's name.
pub(crate) const COMPACTED_SUFFIX: &str = ".compacted.json";

/// Whether `s` names an object-store prefix rather than a file, a directory or an admin URL.
pub(crate) fn is_object_url(s: &str) -> bool {
    ["s3://", "s3a://", "gs://", "az://", "abfs://", "abfss://", "file://"].iter().any(|p| s.starts_with(p))
}

/// Checks a URL as [`Location::open`] would read it, creating and writing nothing.
pub(crate) fn check_url(url: &str) -> anyhow::Result<()> {
    match url.strip_prefix("file://") {
        Some(dir) if !dir.starts_with('/') => {
            bail!("{url:?}: a file URL needs an absolute path (file:///var/lib/mockdrift/snapshots)")
        }
        Some(_) => Ok(()),
        None => Location::open(url, false).map(|_| ()),
    }
}

/// An object store and the prefix in it that a URL names.
#[derive(Clone, Debug)]
pub(crate) struct Location {
    pub(crate) store: Arc<dyn ObjectStore>,
    pub(crate) prefix: ObjectPath,
    /// The URL as given, for messages (it carries no credentials: those come from the
    /// environment).
    pub(crate) url: String,
    /// What names the store an object's name is within: `s3://bucket`, or `file://`.
    pub(crate) root: String,
}

impl Location {
    /// Opens the store a URL names: `s3://bucket/prefix` (credentials, region and endpoint
    /// from `AWS_*`), `gs://bucket/prefix` (`GOOGLE_*`), `az://container/prefix` (`AZURE_*`),
    /// `file:///directory` (created if `create`).
    pub(crate) fn open(url: &str, create: bool) -> anyhow::Result<Location> {
        let (scheme, rest) = url.split_once("://").with_context(|| format!("{url:?} is not a URL"))?;
        let fail = |e: object_store::Error| anyhow::anyhow!("{url}: {e}");
        if scheme == "file" {
            let dir = rest.trim_end_matches('/');
            if !dir.starts_with('/') {
                bail!("{url:?}: a file URL needs an absolute path (file:///var/lib/mockdrift/snapshots)");
            }
            if create {
                std::fs::create_dir_all(dir).with_context(|| format!("{url}: creating {dir}"))?;
            } else if !std::path::Path::new(dir).is_dir() {
                bail!("{url}: no such directory");
            }
            // Rooted at `/`, so that an object's name is its whole path wherever it is read
            // from (`srv/fleet/payments/pod-a.json`), as an S3 key is within its bucket.
            let store = object_store::local::LocalFileSystem::new();
            let prefix =
                ObjectPath::parse(dir.trim_start_matches('/')).with_context(|| format!("{url:?}: the path"))?;
            return Ok(Location { store: Arc::new(store), prefix, url: url.to_owned(), root: "file://".to_owned() });
        }
        let (bucket, path) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            bail!("{url:?}: no bucket or container");
        }
        let root = format!("{scheme}://{bucket}");
        // A compacted object may take minutes over a slow link: a request may last an hour
        // (the publisher bounds each write itself); connecting and retrying are bounded. Set
        // as configuration keys, over what the environment says (AWS_ALLOW_HTTP and the like).
        use object_store::ClientConfigKey::{ConnectTimeout, Timeout};
        let retry =
            object_store::RetryConfig { max_retries: 3, retry_timeout: Duration::from_secs(30), ..Default::default() };
        // One builder per cloud, each configured alike.
        macro_rules! cloud {
            ($builder:ty, $key:path) => {
                Arc::new(
                    <$builder>::from_env()
                        .with_url(&root)
                        .with_config($key(Timeout), "1h")
                        .with_config($key(ConnectTimeout), "5s")
                        .with_retry(retry)
                        .build()
                        .map_err(fail)?,
                )
            };
        }
        let store: Arc<dyn ObjectStore> = match scheme {
            "s3" | "s3a" => cloud!(object_store::aws::AmazonS3Builder, object_store::aws::AmazonS3ConfigKey::Client),
            "gs" => cloud!(object_store::gcp::GoogleCloudStorageBuilder, object_store::gcp::GoogleConfigKey::Client),
            "az" | "abfs" | "abfss" => {
                cloud!(object_store::azure::MicrosoftAzureBuilder, object_store::azure::AzureConfigKey::Client)
            }
            _ => bail!("{url:?}: not an object store URL (s3://, gs://, az://, file://)"),
        };
        let prefix = ObjectPath::parse(path.trim_matches('/')).with_context(|| format!("{url:?}: the prefix"))?;
        Ok(Location { store, prefix, url: url.to_owned(), root })
    }

    /// The object `parts` names under the prefix.
    pub(crate) fn child(&self, parts: &[&str]) -> ObjectPath {
        let mut p = self.prefix.clone();
        for part in parts {
            p = p.child(*part);
        }
        p
    }

    /// An object's name relative to the prefix, `/`-separated (`payments/pod-a.json`).
    pub(crate) fn relative(&self, path: &ObjectPath) -> String {
        match path.prefix_match(&self.prefix) {
            Some(parts) => parts.map(|p| p.as_ref().to_owned()).collect::<Vec<_>>().join("/"),
            None => path.to_string(),
        }
    }
}

/// An object store's error in one line: its own message, which already names its causes,
/// without the document an error answer carries (an S3 or Azure XML error, an HTML page:
/// a signed request's details may be in it); an XML error's code and message are kept.
pub(crate) fn store_error(e: object_store::Error) -> anyhow::Error {
    let text = e.to_string();
    let Some(at) = text.find(": <").or_else(|| text.find(": \u{feff}<")) else { return anyhow::anyhow!(text) };
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let from = text.find(&open)? + open.len();
        text[from..].find(&format!("</{name}>")).map(|len| text[from..from + len].to_owned())
    };
    match (tag("Code"), tag("Message")) {
        (Some(code), Some(msg)) => anyhow::anyhow!("{}: {code}: {msg}", &text[..at]),
        _ => anyhow::anyhow!(text[..at].to_owned()),
    }
}

/// A runtime for the commands that read or write object storage outside the proxy.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the I/O runtime")
}

/// This machine's name (the pod's name on Kubernetes): the default `--source`.
pub(crate) fn hostname() -> String {
    #[cfg(target_os = "linux")]
    {
        let uname = rustix::system::uname();
        if let Ok(name) = uname.nodename().to_str()
            && !name.is_empty()
        {
            return name.to_owned();
        }
    }
    std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| "mockdrift".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_urls_and_their_prefixes() {
        assert!(is_object_url("s3://bucket/contracts"));
        assert!(is_object_url("file:///tmp/x"));
        assert!(!is_object_url("http://127.0.0.1:9477"));
        assert!(!is_object_url("contracts.json"));
        let dir = tempfile::tempdir().unwrap();
        let url = format!("file://{}", dir.path().join("fleet").display());
        assert!(Location::open(&url, false).unwrap_err().to_string().contains("no such directory"));
        let loc = Location::open(&url, true).unwrap();
        assert_eq!(loc.relative(&loc.child(&["payments", "pod-a.json"])), "payments/pod-a.json");
        assert!(Location::open("file://relative/dir", true).is_err());
        assert!(Location::open("s3:///x", false).is_err());
        assert!(Location::open("ftp://x/y", false).is_err());
        // An S3 prefix is the URL's path, without its slashes at either end.
        let s3 = Location::open("s3://bucket/fleet/eu/", false).unwrap();
        assert_eq!(s3.prefix.as_ref(), "fleet/eu");
        assert_eq!(s3.child(&["payments", "a.json"]).as_ref(), "fleet/eu/payments/a.json");
    }
}
