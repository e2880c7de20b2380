//! [`MemoryStore`]: the embedded default store.
//!
//! The network lives in memory as an immutable [`Snapshot`] behind a lock; readers clone an
//! `Arc`. Every change is validated, written to `<data-dir>/network.json` by
//! write-then-rename (write `network.json.tmp`, fsync it, rename it over the old file, fsync
//! the directory), and only then published. A crash at any moment therefore leaves either the
//! complete old file or the complete new one, never a torn file: rename is atomic on POSIX
//! file systems. Writers are serialized; each write rewrites the whole file (O(n + m)), which
//! keeps the format trivially inspectable and is fast enough for networks of a few million ties.

use super::{merged, Batch, GraphStore, Snapshot, StoreError};
use async_trait::async_trait;
use puentes_analysis::model::NetworkData;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The file name of the persisted network inside the data directory.
pub const FILE_NAME: &str = "network.json";

#[derive(Serialize, Deserialize)]
struct Persisted {
    format: u32,
    revision: u64,
    #[serde(flatten)]
    data: NetworkData,
}

/// The embedded store. See the module docs for the durability rule.
#[derive(Debug)]
pub struct MemoryStore {
    dir: Option<PathBuf>,
    current: RwLock<Snapshot>,
    writer: tokio::sync::Mutex<()>,
}

impl MemoryStore {
    /// A store that keeps nothing on disk (tests, one-shot CLI analysis).
    pub fn ephemeral() -> Self {
        Self::with(None, 0, NetworkData::default())
    }

    /// Opens (creating if needed) the data directory and loads the network saved there.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|e| io_err(&dir, &e))?;
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        if tmp.exists() {
            // A write that never reached its rename: the old file is still the truth.
            fs::remove_file(&tmp).map_err(|e| io_err(&tmp, &e))?;
        }
        let path = dir.join(FILE_NAME);
        let (revision, data) = if path.exists() {
            let file = File::open(&path).map_err(|e| io_err(&path, &e))?;
            let p: Persisted = serde_json::from_reader(BufReader::new(file)).map_err(|e| {
                StoreError::Backend(format!(
                    "{} is not a Puentes network file: {e}",
                    path.display()
                ))
            })?;
            (p.revision, p.data)
        } else {
            (0, NetworkData::default())
        };
        Ok(Self::with(Some(dir), revision, data))
    }

    fn with(dir: Option<PathBuf>, revision: u64, data: NetworkData) -> Self {
        MemoryStore {
            dir,
            current: RwLock::new(Snapshot {
                revision,
                data: Arc::new(data),
            }),
            writer: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether nothing has ever been stored (revision 0).
    pub fn is_empty(&self) -> bool {
        self.current_snapshot().revision == 0
    }

    fn current_snapshot(&self) -> Snapshot {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

fn io_err(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Backend(format!("{}: {e}", path.display()))
}

/// Writes `data` at `revision` to `dir/network.json` atomically (see module docs).
fn persist(dir: &Path, revision: u64, data: NetworkData) -> Result<NetworkData, StoreError> {
    let tmp = dir.join(format!("{FILE_NAME}.tmp"));
    let path = dir.join(FILE_NAME);
    let p = Persisted {
        format: 1,
        revision,
        data,
    };
    let file = File::create(&tmp).map_err(|e| io_err(&tmp, &e))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer(&mut w, &p).map_err(|e| StoreError::Backend(e.to_string()))?;
    w.flush().map_err(|e| io_err(&tmp, &e))?;
    let file = w.into_inner().map_err(|e| io_err(&tmp, e.error()))?;
    file.sync_all().map_err(|e| io_err(&tmp, &e))?;
    drop(file);
    fs::rename(&tmp, &path).map_err(|e| io_err(&path, &e))?;
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io_err(dir, &e))?;
    Ok(p.data)
}

#[async_trait]
impl GraphStore for MemoryStore {
    async fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(self.current_snapshot())
    }

    async fn revision(&self) -> Result<u64, StoreError> {
        Ok(self.current_snapshot().revision)
    }

    async fn apply(&self, batch: Batch) -> Result<u64, StoreError> {
        let _guard = self.writer.lock().await;
        let current = self.current_snapshot();
        let dir = self.dir.clone();
        let (revision, data) = tokio::task::spawn_blocking(move || {
            let data = merged(&current.data, batch)?;
            let revision = current.revision + 1;
            let data = match dir {
                Some(dir) => persist(&dir, revision, data)?,
                None => data,
            };
            Ok::<_, StoreError>((revision, data))
        })
        .await
        .map_err(|e| StoreError::Backend(format!("write task failed: {e}")))??;
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Snapshot {
            revision,
            data: Arc::new(data),
        };
        Ok(revision)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "memory"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::conformance;

    #[tokio::test]
    async fn conformance_ephemeral() {
        conformance::run_all(&MemoryStore::ephemeral()).await;
    }

    #[tokio::test]
    async fn conformance_on_disk_and_reload() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MemoryStore::open(dir.path()).expect("open");
        conformance::run_all(&store).await;
        let before = store.snapshot().await.expect("snapshot");
        drop(store);
        let again = MemoryStore::open(dir.path()).expect("reopen");
        let after = again.snapshot().await.expect("snapshot");
        assert_eq!(after.revision, before.revision);
        assert_eq!(*after.data, *before.data);
    }

    #[tokio::test]
    async fn leftover_temp_file_is_discarded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MemoryStore::open(dir.path()).expect("open");
        store
            .apply(Batch::replace(conformance::sample()))
            .await
            .expect("apply");
        drop(store);
        fs::write(dir.path().join("network.json.tmp"), b"{\"torn").expect("write");
        let again = MemoryStore::open(dir.path()).expect("reopen");
        assert_eq!(
            again
                .snapshot()
                .await
                .expect("snapshot")
                .data
                .organizations
                .len(),
            3
        );
        assert!(!dir.path().join("network.json.tmp").exists());
    }
}
