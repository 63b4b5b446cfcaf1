//! The sled-backed contract store. The only module that names sled.
//!
//! Layout: tree `meta` holds `format_version` (u32, big endian), written on create and checked
//! on open; tree `contracts` maps [`EndpointKey::encode`] to a JSON record of key and contract.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::contract::{Contract, EndpointKey};
use crate::snapshot::Snapshot;

/// The store format this binary writes and the newest it opens.
pub const STORE_FORMAT_VERSION: u32 = 1;

const FORMAT_KEY: &[u8] = b"format_version";
const CACHE_BYTES: u64 = 4 << 20;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// sled could not open the directory.
    #[error("cannot open contract store at {}", path.display())]
    Open {
        /// The directory.
        path: PathBuf,
        /// sled's error.
        #[source]
        source: sled::Error,
    },
    /// Another process (usually a running `mockdrift proxy`) holds the store.
    #[error(
        "contract store at {} is locked by another process (a running `mockdrift proxy`?); \
         read it through the proxy's admin endpoint with `mockdrift contracts export --from http://ADMIN`",
        path.display()
    )]
    Locked {
        /// The directory.
        path: PathBuf,
    },
    /// Written by a newer mockdrift.
    #[error("store format v{found} is newer than this binary (v{supported}); upgrade mockdrift")]
    TooNew {
        /// The store's version.
        found: u32,
        /// The newest this binary opens.
        supported: u32,
    },
    /// A record could not be decoded; the rest of the store is still readable.
    #[error("corrupt record {key:?} in the contract store: {reason}")]
    Corrupt {
        /// The record's key, lossily decoded.
        key: String,
        /// What was wrong.
        reason: String,
    },
    /// A read or write failed.
    #[error("contract store i/o failed")]
    Io(#[source] sled::Error),
}

#[derive(Serialize, Deserialize)]
struct Record {
    key: EndpointKey,
    contract: Contract,
}

/// A [`Record`] to write, borrowed (the same JSON).
#[derive(Serialize)]
struct RecordRef<'a> {
    key: &'a EndpointKey,
    contract: &'a Contract,
}

/// Contracts read from the store, and the records that could not be decoded.
pub type Loaded = (Vec<(EndpointKey, Contract)>, Vec<StoreError>);

/// The contract store.
#[derive(Clone, Debug)]
pub struct Store {
    db: sled::Db,
    contracts: sled::Tree,
    path: PathBuf,
}

/// Whether another process holds sled's lock on `dir`. sled reports a held lock only as a
/// generic I/O error, so we probe the same `flock` first and name the problem.
fn locked_by_other(dir: &Path) -> bool {
    let Ok(f) = std::fs::OpenOptions::new().read(true).write(true).open(dir.join("db")) else {
        return false;
    };
    matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

impl Store {
    /// Opens or creates the store in `dir`.
    ///
    /// A lock held by another process is waited for up to half a second (a restarting sidecar
    /// whose predecessor is still exiting), then reported as [`StoreError::Locked`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.to_path_buf();
        for _ in 0..50 {
            if !locked_by_other(dir) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        if locked_by_other(dir) {
            return Err(StoreError::Locked { path });
        }
        // No background flusher: the recorder flushes in batches itself, and a flusher thread
        // would keep the lock for a while after the store is dropped.
        let cfg = sled::Config::new().path(dir).cache_capacity(CACHE_BYTES).flush_every_ms(None);
        let db = cfg.open().map_err(|source| {
            if locked_by_other(dir) {
                StoreError::Locked { path: path.clone() }
            } else {
                StoreError::Open { path: path.clone(), source }
            }
        })?;
        let meta = db.open_tree("meta").map_err(StoreError::Io)?;
        match meta.get(FORMAT_KEY).map_err(StoreError::Io)? {
            Some(v) => {
                let found = <[u8; 4]>::try_from(v.as_ref()).map(u32::from_be_bytes).map_err(|_| {
                    StoreError::Corrupt { key: "format_version".to_owned(), reason: "not a 4-byte version".to_owned() }
                })?;
                if found > STORE_FORMAT_VERSION {
                    return Err(StoreError::TooNew { found, supported: STORE_FORMAT_VERSION });
                }
            }
            None => {
                meta.insert(FORMAT_KEY, &STORE_FORMAT_VERSION.to_be_bytes()).map_err(StoreError::Io)?;
            }
        }
        let contracts = db.open_tree("contracts").map_err(StoreError::Io)?;
        Ok(Store { db, contracts, path })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Contracts stored.
    pub fn len(&self) -> usize {
        self.contracts.len()
    }

    /// Whether no contract is stored.
    pub fn is_empty(&self) -> bool {
        self.contracts.is_empty()
    }

    /// One contract.
    pub fn get(&self, key: &EndpointKey) -> Result<Option<Contract>, StoreError> {
        match self.contracts.get(key.encode()).map_err(StoreError::Io)? {
            Some(v) => decode(key.encode().as_slice(), &v).map(|(_, c)| Some(c)),
            None => Ok(None),
        }
    }

    /// Every contract, in key order. Corrupt records are returned as errors beside the good
    /// ones, so one bad record never hides the rest.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for item in self.contracts.iter() {
            let (k, v) = item.map_err(StoreError::Io)?;
            match decode(&k, &v) {
                Ok(kc) => good.push(kc),
                Err(e) => bad.push(e),
            }
        }
        Ok((good, bad))
    }

    /// Writes contracts in one atomic batch (replacing what is stored under their keys).
    pub fn put_batch<'a>(
        &self,
        items: impl IntoIterator<Item = (&'a EndpointKey, &'a Contract)>,
    ) -> Result<usize, StoreError> {
        self.replace_batch(items, [])
    }

    /// Writes contracts and removes others in one atomic batch: endpoints merged into another
    /// vanish in the same step as the merged contract appears, so a crash cannot count their
    /// exchanges twice.
    pub fn replace_batch<'a>(
        &self,
        items: impl IntoIterator<Item = (&'a EndpointKey, &'a Contract)>,
        removed: impl IntoIterator<Item = &'a EndpointKey>,
    ) -> Result<usize, StoreError> {
        let mut batch = sled::Batch::default();
        for key in removed {
            batch.remove(key.encode());
        }
        let mut n = 0;
        for (key, contract) in items {
            let bytes = serde_json::to_vec(&RecordRef { key, contract }).expect("contracts always serialize");
            batch.insert(key.encode(), bytes);
            n += 1;
        }
        self.contracts.apply_batch(batch).map_err(StoreError::Io)?;
        Ok(n)
    }

    /// Removes a contract.
    pub fn remove(&self, key: &EndpointKey) -> Result<bool, StoreError> {
        self.contracts.remove(key.encode()).map(|o| o.is_some()).map_err(StoreError::Io)
    }

    /// Makes every write so far durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(StoreError::Io)
    }

    /// Everything as a snapshot (corrupt records skipped and returned).
    pub fn snapshot(&self) -> Result<(Snapshot, Vec<StoreError>), StoreError> {
        let (good, bad) = self.load()?;
        let mut snap = Snapshot::default();
        snap.contracts.extend(good);
        Ok((snap, bad))
    }
}

/// Decodes one stored record (also the fuzz target for stored bytes).
pub fn decode(key: &[u8], value: &[u8]) -> Result<(EndpointKey, Contract), StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt { key: String::from_utf8_lossy(key).replace('\0', " "), reason };
    let rec: Record = serde_json::from_slice(value).map_err(|e| corrupt(e.to_string()))?;
    if rec.key.encode() != key {
        return Err(corrupt("record key does not match its storage key".to_owned()));
    }
    Ok((rec.key, rec.contract))
}

#[cfg(test)]
mod tests;
