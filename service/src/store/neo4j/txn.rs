//! Driver errors, time limits and explicit transactions.

use super::*;

/// Maps a driver error to the store's error, in words a user can act on.
pub(super) fn driver_error(e: neo4rs::Error) -> StoreError {
    use neo4rs::Error as E;
    match e {
        E::IOError { .. }
        | E::ConnectionError
        | E::ConnectionTimedOut
        | E::IncompleteBoltExchange
        | E::ServerUnavailableError(_)
        | E::RequestIgnoredError
        | E::Ignored(_) => StoreError::Unavailable(format!("Neo4j cannot be reached: {e}")),
        E::AuthenticationError(_) => {
            StoreError::Backend(format!("Neo4j refused the credentials: {e}"))
        }
        E::Neo4j(ref n) => {
            let code = n.code().to_owned();
            match n.kind() {
                Neo4jErrorKind::Transient if code.ends_with("MemoryPoolOutOfMemoryError") => {
                    StoreError::Unavailable(format!(
                        "Neo4j ran out of transaction memory ({code}); give the server more \
                         heap or raise db.memory.transaction.total.max"
                    ))
                }
                Neo4jErrorKind::Transient if code.ends_with(DEADLOCK) => StoreError::Unavailable(
                    format!("Neo4j ended a transaction to break a deadlock ({code})"),
                ),
                Neo4jErrorKind::Transient => {
                    StoreError::Unavailable(format!("Neo4j is busy or shutting down ({code})"))
                }
                Neo4jErrorKind::Client(neo4rs::Neo4jClientErrorKind::TransactionTerminated) => {
                    StoreError::Unavailable(format!("Neo4j ended the transaction ({code})"))
                }
                Neo4jErrorKind::Client(neo4rs::Neo4jClientErrorKind::Security(_)) => {
                    StoreError::Backend(format!("Neo4j refused access ({code}): {}", n.message()))
                }
                _ if code == "Neo.ClientError.Schema.ConstraintValidationFailed" => {
                    tracing::warn!(message = %n.message(), "Neo4j constraint violated");
                    StoreError::Conflict(Refusal::Changed)
                }
                _ if code.starts_with("Neo.TransientError.") => {
                    StoreError::Unavailable(format!("Neo4j is busy or shutting down ({code})"))
                }
                _ => StoreError::Backend(format!("Neo4j error {code}: {}", n.message())),
            }
        }
        other => StoreError::Backend(format!("Neo4j driver: {other}")),
    }
}

/// The end of Neo4j's status code for a transaction ended to break a deadlock.
const DEADLOCK: &str = "DeadlockDetected";

/// Whether `e` is a deadlock Neo4j broke by rolling our transaction back (retrying may work).
pub(super) fn is_deadlock(e: &StoreError) -> bool {
    matches!(e, StoreError::Unavailable(m) if m.contains(DEADLOCK))
}

/// Runs `fut` for at most `limit`; elapsing is [`StoreError::Unavailable`].
pub(super) async fn within<T>(
    limit: Duration,
    what: &str,
    fut: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r,
        Err(_) => Err(StoreError::Unavailable(format!(
            "Neo4j did not complete {what} within {} s",
            limit.as_secs_f64()
        ))),
    }
}

/// Runs `work` inside `txn`, then commits (when `commit`) or rolls back. On error the
/// transaction is rolled back before the error is returned, so it holds no lock afterwards.
pub(super) async fn in_txn<T, F>(mut txn: Txn, commit: bool, work: F) -> Result<T, StoreError>
where
    F: for<'t> FnOnce(
        &'t mut Txn,
    )
        -> std::pin::Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 't>>,
{
    match work(&mut txn).await {
        Ok(v) => {
            if commit {
                txn.commit().await.map_err(driver_error)?;
            } else {
                txn.rollback().await.map_err(driver_error)?;
            }
            Ok(v)
        }
        Err(e) => {
            rollback(txn).await;
            Err(e)
        }
    }
}

/// Commits `txn` when `work` succeeded, else rolls it back; returns `work`'s result (or the
/// commit's error).
pub(super) async fn finish<T>(txn: Txn, work: Result<T, StoreError>) -> Result<T, StoreError> {
    match work {
        Ok(v) => {
            txn.commit().await.map_err(driver_error)?;
            Ok(v)
        }
        Err(e) => {
            rollback(txn).await;
            Err(e)
        }
    }
}

/// Rolls back, best effort: a broken connection cannot roll back, and the server discards the
/// transaction when the connection closes.
pub(super) async fn rollback(txn: Txn) {
    let _ = tokio::time::timeout(Duration::from_secs(5), txn.rollback()).await;
}

/// Runs a statement in `txn` and returns every row (the stream is consumed fully).
pub(super) async fn rows(txn: &mut Txn, q: Query) -> Result<Vec<Row>, StoreError> {
    let mut stream = txn.execute(q).await.map_err(driver_error)?;
    let mut out = Vec::new();
    while let Some(row) = stream.next(txn.handle()).await.map_err(driver_error)? {
        out.push(row);
    }
    Ok(out)
}

/// Runs a statement returning one row and reads column `key` as an integer.
pub(super) async fn single_int(
    txn: &mut Txn,
    q: Query,
    key: &str,
) -> Result<Option<i64>, StoreError> {
    let rows = rows(txn, q).await?;
    match rows.as_slice() {
        [] => Ok(None),
        [row] => row
            .get::<Option<i64>>(key)
            .map_err(|e| StoreError::Backend(format!("Neo4j returned a non-integer {key}: {e}"))),
        _ => Err(StoreError::Backend(format!(
            "Neo4j returned {} rows where one was expected",
            rows.len()
        ))),
    }
}

/// The revision node: the revision readers see and the generation that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Current {
    pub(super) revision: u64,
    pub(super) generation: i64,
}

/// Reads the revision node (without taking its lock).
pub(super) async fn read_current(txn: &mut Txn) -> Result<Current, StoreError> {
    let found = rows(txn, query(READ_REVISION)).await?;
    let Some(row) = found.first() else {
        return Ok(Current {
            revision: 0,
            generation: 0,
        });
    };
    let int = |key: &str| {
        row.get::<Option<i64>>(key)
            .map_err(|e| StoreError::Backend(format!("Neo4j returned a non-integer {key}: {e}")))
    };
    Ok(Current {
        revision: to_revision(int("value")?)?,
        generation: int("generation")?.unwrap_or(0),
    })
}

/// Takes the meta node's write lock, then reads the revision and generation (fresh, because
/// no Puentes writer can be committing while we hold the lock).
pub(super) async fn lock_and_read_current(txn: &mut Txn) -> Result<Current, StoreError> {
    rows(txn, query(LOCK_META)).await?;
    read_current(txn).await
}

pub(super) fn to_revision(v: Option<i64>) -> Result<u64, StoreError> {
    let v = v.unwrap_or(0);
    u64::try_from(v).map_err(|_| StoreError::Backend(format!("stored revision {v} is negative")))
}

/// Writes `rows` with `statement` (which names `$generation`) in chunks of [`CHUNK_ROWS`] and
/// checks that each chunk touched every row.
pub(super) async fn write_chunks(
    txn: &mut Txn,
    statement: &'static str,
    generation: i64,
    what: &str,
    rows: Vec<BoltType>,
) -> Result<(), StoreError> {
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(CHUNK_ROWS));
        let chunk = std::mem::replace(&mut rows, rest);
        write_chunk(txn, statement, generation, what, chunk).await?;
    }
    Ok(())
}

/// Writes one chunk of rows with `statement` and checks that it touched every row.
pub(super) async fn write_chunk(
    txn: &mut Txn,
    statement: &'static str,
    generation: i64,
    what: &str,
    chunk: Vec<BoltType>,
) -> Result<(), StoreError> {
    let expected = chunk.len();
    let q = query(statement)
        .param("rows", BoltType::from_iter(chunk))
        .param("generation", generation);
    let n = single_int(txn, q, "n").await?.unwrap_or(0);
    if usize::try_from(n).ok() != Some(expected) {
        return Err(StoreError::Backend(format!(
            "{what}: Neo4j touched {n} records for {expected} rows; the database was changed \
             outside Puentes (nothing was written)"
        )));
    }
    Ok(())
}
