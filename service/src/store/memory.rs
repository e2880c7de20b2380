//! [`MemoryStore`]: the embedded default store.
//!
//! The network lives in memory as an immutable [`Snapshot`] behind a lock; readers clone an
//! `Arc`. Every change is validated, written to `<data-dir>/network.json` by
//! write-then-rename (write `network.json.tmp`, fsync it, rename it over the old file, fsync
//! the directory), and only then published. A crash at any moment therefore leaves either the
//! complete old file or the complete new one, never a torn file: rename is atomic on POSIX
//! file systems. Writers are serialized; each write rewrites the whole file (O(n + m)), which
//! keeps the format trivially inspectable and is fast enough for networks of a few million ties.
//!
//! # One owner per data directory
//!
//! Each write rewrites the whole file from the writer's memory, so two writers on one
//! directory would silently undo each other. [`MemoryStore::open`] therefore takes an
//! exclusive OS lock on `<data-dir>/puentes.lock` (`flock`), writes its process id into it,
//! and holds the lock for the store's life; the OS releases it when the process ends, even
//! by `kill -9`, so a crash never leaves the directory locked. A second opener, in this
//! process or another, is refused with [`StoreError::Conflict`] naming that process id and
//! what to do instead.
//!
//! Readers that never write ([`MemoryStore::open_read_only`], used by the CLI's analysis
//! commands) take no lock: rename is atomic, so reading `network.json` while the owner
//! writes sees the complete old or the complete new network. They also do not create the
//! directory or discard a temp file, which could break a write in flight. (A shared lock
//! would not help: `flock` refuses it while the owner holds the exclusive one, so reading
//! next to a running server would become impossible for no gain.)
//!
//! # What is on disk
//!
//! `network.json` and its temp file are created with mode 0600 (owner only): they hold
//! restricted fields (exact coordinates, contacts). `survey.json` (the last survey import's
//! files and the decisions taken on its names, [`KeptSurvey`]) is written the same way, by
//! write-then-rename, 0600: it holds the partners' answers. The data directory is created 0700.
//! The file is checked when it is loaded: an unknown `format` or a record that breaks the
//! data model's rules ([`super::violations`]) is refused with the file, record, field and
//! value named, and the file is left as it is; a store never starts empty in its place.
//!
//! A write that the disk refuses (read-only file system, no space, no permission) is
//! [`StoreError::Unavailable`] ("the data directory ... is not writable"), so clients get
//! 503 with `Retry-After` while reads go on; the temp file is removed and nothing changes.

use super::{merged, Batch, GraphStore, KeptSurvey, Snapshot, StoreError};
use crate::i18n::{Expected, Refusal};
use async_trait::async_trait;
use puentes_analysis::model::{NetworkData, RecordRef, Violation};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The file name of the persisted network inside the data directory.
pub const FILE_NAME: &str = "network.json";

/// The file name of the kept survey ([`KeptSurvey`]) inside the data directory.
pub const SURVEY_FILE: &str = "survey.json";

/// The lock file inside the data directory; holds the owner's process id.
pub const LOCK_FILE: &str = "puentes.lock";

/// The `format` of `network.json` this version reads and writes.
pub const FORMAT: u32 = 1;

/// How many of a bad file's problems an error lists.
const PROBLEMS_SHOWN: usize = 5;

#[derive(Serialize, Deserialize)]
struct Persisted {
    format: u32,
    revision: u64,
    #[serde(flatten)]
    data: NetworkData,
}

/// What a store does with its data directory.
#[derive(Debug)]
enum Disk {
    /// Nothing on disk (tests, one-shot analysis).
    None,
    /// The owner: writes `dir`, and holds the exclusive lock on its lock file.
    Owner { dir: PathBuf, _lock: File },
    /// Read `dir` once at open; never writes.
    Reader { dir: PathBuf },
}

/// The embedded store. See the module docs for the durability and ownership rules.
#[derive(Debug)]
pub struct MemoryStore {
    disk: Disk,
    current: RwLock<Snapshot>,
    kept: RwLock<Option<KeptSurvey>>,
    writer: tokio::sync::Mutex<()>,
}

impl MemoryStore {
    /// A store that keeps nothing on disk (tests, one-shot CLI analysis).
    pub fn ephemeral() -> Self {
        Self::with(Disk::None, 0, NetworkData::default(), None)
    }

    /// Opens (creating if needed) the data directory as its only writer and loads the
    /// network saved there.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] when another store (in any process) owns the directory;
    /// [`StoreError::Invalid`] when `network.json` has an unknown format or breaks the data
    /// model's rules (the file is left as it is); [`StoreError::Unavailable`] when the
    /// directory is not writable.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        private_dir(&dir).map_err(|e| write_err(&dir, &dir, &e))?;
        let lock = lock(&dir)?;
        for name in [FILE_NAME, SURVEY_FILE] {
            let tmp = dir.join(format!("{name}.tmp"));
            match fs::remove_file(&tmp) {
                // A write that never reached its rename: the old file is still the truth.
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(write_err(&dir, &tmp, &e)),
            }
            let path = dir.join(name);
            make_private(&path).map_err(|e| write_err(&dir, &path, &e))?;
        }
        let (revision, data) = load(&dir.join(FILE_NAME))?;
        let kept = load_kept(&dir.join(SURVEY_FILE))?;
        Ok(Self::with(
            Disk::Owner { dir, _lock: lock },
            revision,
            data,
            kept,
        ))
    }

    /// Loads the network saved in `dir` without owning the directory: takes no lock and
    /// writes nothing, so it works while a server owns `dir` (see the module docs). A
    /// directory without `network.json` (or no directory) is an empty network. Every
    /// [`GraphStore::apply`] is refused.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] as for [`MemoryStore::open`].
    pub fn open_read_only(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        let (revision, data) = load(&dir.join(FILE_NAME))?;
        let kept = load_kept(&dir.join(SURVEY_FILE))?;
        Ok(Self::with(Disk::Reader { dir }, revision, data, kept))
    }

    fn with(disk: Disk, revision: u64, data: NetworkData, kept: Option<KeptSurvey>) -> Self {
        MemoryStore {
            disk,
            current: RwLock::new(Snapshot {
                revision,
                data: Arc::new(data),
            }),
            kept: RwLock::new(kept),
            writer: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether nothing has ever been stored (revision 0).
    pub fn is_empty(&self) -> bool {
        self.current_snapshot().revision == 0
    }

    /// Where a write goes: the data directory (`None` for an ephemeral store); a reader's
    /// writes are refused.
    fn write_dir(&self) -> Result<Option<PathBuf>, StoreError> {
        match &self.disk {
            Disk::None => Ok(None),
            Disk::Owner { dir, .. } => Ok(Some(dir.clone())),
            Disk::Reader { dir } => Err(StoreError::Conflict(Refusal::ReadOnlyOpen {
                dir: dir.display().to_string(),
            })),
        }
    }

    fn current_snapshot(&self) -> Snapshot {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Creates `dir` (and missing parents) readable by its owner only; an existing directory
/// is left as it is.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` for writing, truncated, creating it readable by its owner only.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Takes away group and other permissions from an existing `path` (a `network.json` written
/// by an older version); a missing file is fine.
fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match fs::metadata(path) {
            Ok(m) => m.permissions().mode(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Takes the exclusive lock on `dir/puentes.lock` and writes this process's id into it.
fn lock(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| write_err(dir, &path, &e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut owner = String::new();
            // Best effort: the owner may not have written its id yet.
            let _ = file.read_to_string(&mut owner);
            return Err(StoreError::Conflict(Refusal::DirectoryInUse {
                dir: dir.display().to_string(),
                pid: owner.trim().parse::<u32>().ok(),
            }));
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(StoreError::Backend(format!(
                "cannot lock {} (the file system may not support locks): {e}",
                path.display()
            )))
        }
    }
    file.set_len(0)
        .and_then(|()| writeln!(file, "{}", std::process::id()))
        .map_err(|e| write_err(dir, &path, &e))?;
    Ok(file)
}

/// Reads and checks `path` (a `network.json`); a missing file is an empty network.
fn load(path: &Path) -> Result<(u64, NetworkData), StoreError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((0, NetworkData::default())),
        Err(e) => return Err(StoreError::Backend(format!("{}: {e}", path.display()))),
    };
    let persisted: Persisted = match serde_json::from_reader(BufReader::new(file)) {
        Ok(p) => p,
        Err(e) => {
            return Err(StoreError::Invalid(match format_of(path) {
                Some(format) if format != u64::from(FORMAT) => unknown_format(path, format),
                _ => Refusal::NotANetworkFile {
                    path: path.display().to_string(),
                    format: FORMAT,
                    detail: e.to_string(),
                },
            }))
        }
    };
    if persisted.format != FORMAT {
        return Err(StoreError::Invalid(unknown_format(
            path,
            u64::from(persisted.format),
        )));
    }
    let problems = super::violations(&persisted.data);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(Refusal::FileBreaksModel {
            path: path.display().to_string(),
            count: problems.len(),
            shown: problems
                .iter()
                .take(PROBLEMS_SHOWN)
                .map(|v| describe(&persisted.data, v))
                .collect(),
        }));
    }
    Ok((persisted.revision, persisted.data))
}

/// Reads `path` (a `survey.json`); a missing file is no kept survey.
fn load_kept(path: &Path) -> Result<Option<KeptSurvey>, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => KeptSurvey::from_json(&text, &path.display().to_string()).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::Backend(format!("{}: {e}", path.display()))),
    }
}

/// The `format` field of a file that did not parse as a whole, if it has one.
fn format_of(path: &Path) -> Option<u64> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<u64>,
    }
    let file = File::open(path).ok()?;
    serde_json::from_reader::<_, Header>(BufReader::new(file))
        .ok()?
        .format
}

fn unknown_format(path: &Path, format: u64) -> Refusal {
    Refusal::UnknownFileFormat {
        path: path.display().to_string(),
        found: format,
        reads: FORMAT,
    }
}

/// The record (`organization "id" (organizations[3])`), field, value and rule of `v`.
fn describe(data: &NetworkData, v: &Violation) -> (String, String, String, Expected) {
    let record = match v.record {
        RecordRef::Organization(i) => match data.organizations.get(i) {
            Some(o) => format!("organization {:?} (organizations[{i}])", o.id),
            None => format!("organizations[{i}]"),
        },
        RecordRef::Tie(i) => match data.ties.get(i) {
            Some(t) => format!("tie {:?} - {:?} (ties[{i}])", t.source, t.target),
            None => format!("ties[{i}]"),
        },
    };
    (
        record,
        v.field.to_owned(),
        v.value.clone(),
        v.expected.clone().into(),
    )
}

/// A failed write under `dir`. The disk refusing it (read-only, full, no permission) is
/// [`StoreError::Unavailable`]: nothing was written, reads go on, a later write may work.
fn write_err(dir: &Path, path: &Path, e: &io::Error) -> StoreError {
    use io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem | K::StorageFull | K::QuotaExceeded => {
            StoreError::Unavailable(format!(
                "the data directory {} is not writable: {}: {e}",
                dir.display(),
                path.display()
            ))
        }
        _ => StoreError::Backend(format!("{}: {e}", path.display())),
    }
}

/// Writes `data` at `revision` to `dir/network.json` atomically (see module docs). On
/// failure the temp file is removed and `network.json` is untouched.
fn persist(dir: &Path, revision: u64, data: NetworkData) -> Result<NetworkData, StoreError> {
    let p = Persisted {
        format: FORMAT,
        revision,
        data,
    };
    replace_file(dir, FILE_NAME, &p)?;
    Ok(p.data)
}

/// Writes `value` as JSON to `dir/name` atomically: a temp file written and fsynced, renamed
/// over `name`, the directory fsynced. On failure the temp file is removed and `name` is
/// untouched.
fn replace_file(dir: &Path, name: &str, value: &impl Serialize) -> Result<(), StoreError> {
    let tmp = dir.join(format!("{name}.tmp"));
    let path = dir.join(name);
    let written = write_synced(&tmp, value);
    if let Err(e) = written {
        // Best effort: the next write truncates it anyway, and the next open removes it.
        let _ = fs::remove_file(&tmp);
        return Err(write_err(dir, &tmp, &e));
    }
    if let Err(e) = fs::rename(&tmp, &path) {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(dir, &path, &e));
    }
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| write_err(dir, dir, &e))
}

/// Writes `p` to a new private file at `tmp` and fsyncs it.
fn write_synced(tmp: &Path, p: &impl Serialize) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 20, private_file(tmp)?);
    serde_json::to_writer(&mut w, p)?;
    w.flush()?;
    let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
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
        let dir = self.write_dir()?;
        let _guard = self.writer.lock().await;
        let current = self.current_snapshot();
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

    async fn kept_survey(&self) -> Result<Option<KeptSurvey>, StoreError> {
        Ok(self
            .kept
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone())
    }

    async fn keep_survey(&self, survey: KeptSurvey) -> Result<(), StoreError> {
        let dir = self.write_dir()?;
        let _guard = self.writer.lock().await;
        let survey = match dir {
            Some(dir) => tokio::task::spawn_blocking(move || {
                replace_file(&dir, SURVEY_FILE, &survey).map(|()| survey)
            })
            .await
            .map_err(|e| StoreError::Backend(format!("write task failed: {e}")))??,
            None => survey,
        };
        *self
            .kept
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(survey);
        Ok(())
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
        let kept = store.kept_survey().await.expect("kept survey");
        assert!(kept.is_some(), "the conformance suite keeps a survey");
        drop(store);
        let again = MemoryStore::open(dir.path()).expect("reopen");
        let after = again.snapshot().await.expect("snapshot");
        assert_eq!(after.revision, before.revision);
        assert_eq!(*after.data, *before.data);
        assert_eq!(again.kept_survey().await.expect("kept survey"), kept);
        let reader = MemoryStore::open_read_only(dir.path()).expect("read");
        assert_eq!(reader.kept_survey().await.expect("kept survey"), kept);
    }

    /// The owner of `dir`, with the conformance sample (3 organizations) saved at revision 1.
    async fn saved_sample(dir: &Path) -> MemoryStore {
        let store = MemoryStore::open(dir).expect("open");
        store
            .apply(Batch::replace(conformance::sample()))
            .await
            .expect("apply");
        store
    }

    #[tokio::test]
    async fn leftover_temp_file_is_discarded() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(saved_sample(dir.path()).await);
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

    #[tokio::test]
    async fn a_reader_takes_no_lock_and_leaves_a_write_in_flight_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let owner = saved_sample(dir.path()).await;
        // The owner is in the middle of its next write.
        let tmp = dir.path().join("network.json.tmp");
        fs::write(&tmp, b"{\"half").expect("write");
        let reader = MemoryStore::open_read_only(dir.path()).expect("read next to the owner");
        let seen = reader.snapshot().await.expect("snapshot");
        assert_eq!(seen.revision, 1);
        assert_eq!(seen.data.organizations.len(), 3);
        assert!(
            tmp.exists(),
            "a reader must not discard the owner's temp file"
        );
        let refused = reader.apply(Batch::replace(conformance::sample())).await;
        assert!(
            matches!(refused, Err(StoreError::Conflict(_))),
            "{refused:?}"
        );
        assert_eq!(owner.revision().await.expect("revision"), 1);
    }

    #[test]
    fn a_reader_of_a_missing_directory_sees_an_empty_network_and_creates_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nowhere");
        let reader = MemoryStore::open_read_only(&missing).expect("open");
        assert!(reader.is_empty());
        assert!(!missing.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_temp_file_and_an_old_world_readable_network_json_are_made_private() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("tempdir");
        let tmp = dir.path().join("network.json.tmp");
        drop(private_file(&tmp).expect("create"));
        assert_eq!(mode(&tmp), 0o600);

        let data = dir.path().join("data");
        drop(MemoryStore::open(&data).expect("open"));
        assert_eq!(mode(&data), 0o700);
        let file = data.join(FILE_NAME);
        fs::write(
            &file,
            r#"{"format": 1, "revision": 0, "organizations": [], "ties": []}"#,
        )
        .expect("write");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod");
        drop(MemoryStore::open(&data).expect("open"));
        assert_eq!(mode(&file), 0o600);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_disk_that_refuses_writes_is_unavailable_not_a_backend_failure() {
        let dir = Path::new("/srv/puentes");
        let file = dir.join("network.json.tmp");
        // EACCES, ENOSPC, EROFS, EDQUOT on Linux.
        for errno in [13, 28, 30, 122] {
            let e = io::Error::from_raw_os_error(errno);
            match write_err(dir, &file, &e) {
                StoreError::Unavailable(m) => assert!(
                    m.starts_with("the data directory /srv/puentes is not writable: "),
                    "{m}"
                ),
                other => panic!("errno {errno}: {other:?}"),
            }
        }
        // EISDIR is not about the disk refusing writes.
        let e = io::Error::from_raw_os_error(21);
        assert!(matches!(write_err(dir, &file, &e), StoreError::Backend(_)));
    }
}
