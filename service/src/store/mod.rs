//! Storage: the small [`GraphStore`] trait, its error type, and the two backends.
//!
//! The trait is deliberately small (object_store style): read a snapshot, read the revision,
//! apply a batch atomically, and answer a readiness ping. Conveniences such as upserting one
//! organization are free functions over the trait ([`upsert_organization`] etc.), so a backend
//! only implements what really differs between backends.

pub mod memory;
pub mod neo4j;

use crate::i18n::{Lang, Refusal};
use async_trait::async_trait;
use puentes_analysis::model::{NetworkData, Organization, Tie, TieKind};
use std::sync::Arc;

pub use memory::MemoryStore;
pub use neo4j::{Neo4jConfig, Neo4jStore};

/// Errors of every store. Each backend maps its own failures into these.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The named organization or tie does not exist.
    #[error("not found: {}", .0.render(Lang::En))]
    NotFound(Refusal),
    /// The change conflicts with the current state (e.g. a stale revision).
    #[error("conflict: {}", .0.render(Lang::En))]
    Conflict(Refusal),
    /// The change breaks a rule of the data model (e.g. a tie to an unknown organization).
    #[error("invalid: {}", .0.render(Lang::En))]
    Invalid(Refusal),
    /// The backend cannot be reached now; retrying later may work.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// Any other backend failure. The text is for logs, never for HTTP clients.
    #[error("store backend error: {0}")]
    Backend(String),
}

/// A consistent view of the whole network at one revision.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Increases on every change; identifies this content.
    pub revision: u64,
    /// The organizations and ties.
    pub data: Arc<NetworkData>,
}

/// How a [`Batch`] combines with what is stored.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ApplyMode {
    /// Upsert the batch's organizations and ties (by id / by source, target, kind), apply its
    /// deletions, keep everything else.
    #[default]
    Merge,
    /// Replace the whole network with the batch's organizations and ties.
    Replace,
}

/// One atomic change: all of it is applied, or none of it.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Merge or replace.
    pub mode: ApplyMode,
    /// Organizations to insert or update (by id).
    pub upsert_organizations: Vec<Organization>,
    /// Ties to insert or update (by source, target, kind; either orientation).
    pub upsert_ties: Vec<Tie>,
    /// Ids of organizations to delete, with every tie that touches them.
    pub delete_organizations: Vec<String>,
    /// Ties to delete, by (source, target, kind) in either orientation.
    pub delete_ties: Vec<(String, String, TieKind)>,
}

impl Batch {
    /// A batch that replaces the whole network with `data`.
    pub fn replace(data: NetworkData) -> Self {
        Batch {
            mode: ApplyMode::Replace,
            upsert_organizations: data.organizations,
            upsert_ties: data.ties,
            ..Batch::default()
        }
    }

    /// A batch that merges `data` into the stored network.
    pub fn merge(data: NetworkData) -> Self {
        Batch {
            upsert_organizations: data.organizations,
            upsert_ties: data.ties,
            ..Batch::default()
        }
    }
}

/// Where Puentes keeps its network. Implemented by [`MemoryStore`] and [`Neo4jStore`]; both
/// pass the same conformance suite (`store::conformance`, compiled for tests and with the
/// `conformance` feature only, so it is not in the release binary).
#[async_trait]
pub trait GraphStore: Send + Sync + std::fmt::Debug {
    /// The whole network at the current revision.
    async fn snapshot(&self) -> Result<Snapshot, StoreError>;

    /// The current revision, cheaply (used to validate caches).
    async fn revision(&self) -> Result<u64, StoreError>;

    /// Applies `batch` atomically and returns the new revision. The result must satisfy the
    /// data model's rules ([`NetworkData::check`]); otherwise nothing is written and
    /// [`StoreError::Invalid`] is returned.
    async fn apply(&self, batch: Batch) -> Result<u64, StoreError>;

    /// Whether the backend answers now (readiness).
    async fn ping(&self) -> Result<(), StoreError>;

    /// A short name for logs and `/ready` (`"memory"`, `"neo4j"`).
    fn backend(&self) -> &'static str;

    /// The files of the last survey import and the decisions taken on its names since
    /// ([`KeptSurvey`]), or `None` when no survey was ever imported into this store.
    async fn kept_survey(&self) -> Result<Option<KeptSurvey>, StoreError>;

    /// Keeps `survey` in place of the one kept before. It is not part of the network: the
    /// revision does not change, and a snapshot does not carry it.
    async fn keep_survey(&self, survey: KeptSurvey) -> Result<(), StoreError>;
}

/// The last survey import as it was sent, kept by the store beside the network so that the
/// names it left in review can be decided later (on the page) and applied by running that
/// import again with the decisions, exactly as `puentes import --aliases` does. The review
/// list itself is not stored: it is what that import leaves in review against the current
/// network, so it never goes stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptSurvey {
    /// The export's file name.
    pub responses_file: String,
    /// The export as sent (CSV or XLSX).
    #[serde(with = "base64_bytes")]
    pub responses: Vec<u8>,
    /// The questionnaire's file name.
    pub survey_file: String,
    /// SURVEY.toml as sent.
    pub survey: String,
    /// The sheet of an XLSX export, when one was named.
    pub sheet: Option<String>,
    /// Decisions so far, in order: (the name as typed, an organization id, `new` or `skip`).
    pub decisions: Vec<(String, String)>,
}

impl KeptSurvey {
    /// The record as one JSON text (how both backends write it).
    pub fn to_json(&self) -> String {
        // A struct of strings and byte vectors always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The record from [`KeptSurvey::to_json`]'s text; `what` names where it was read, for the
    /// log.
    pub fn from_json(text: &str, what: &str) -> Result<Self, StoreError> {
        serde_json::from_str(text)
            .map_err(|e| StoreError::Backend(format!("{what}: not a kept survey: {e}")))
    }
}

/// Bytes as base64 text in JSON (a survey export is a few megabytes at most).
mod base64_bytes {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

/// Inserts or updates one organization.
pub async fn upsert_organization(
    store: &dyn GraphStore,
    org: Organization,
) -> Result<u64, StoreError> {
    store
        .apply(Batch {
            upsert_organizations: vec![org],
            ..Batch::default()
        })
        .await
}

/// Deletes one organization and its ties.
pub async fn delete_organization(store: &dyn GraphStore, id: &str) -> Result<u64, StoreError> {
    store
        .apply(Batch {
            delete_organizations: vec![id.to_owned()],
            ..Batch::default()
        })
        .await
}

/// Inserts or updates one tie.
pub async fn upsert_tie(store: &dyn GraphStore, tie: Tie) -> Result<u64, StoreError> {
    store
        .apply(Batch {
            upsert_ties: vec![tie],
            ..Batch::default()
        })
        .await
}

/// Deletes one tie.
pub async fn delete_tie(
    store: &dyn GraphStore,
    source: &str,
    target: &str,
    kind: TieKind,
) -> Result<u64, StoreError> {
    store
        .apply(Batch {
            delete_ties: vec![(source.to_owned(), target.to_owned(), kind)],
            ..Batch::default()
        })
        .await
}

/// The key that identifies a tie: its unordered pair of ends and its kind.
fn tie_key<'a>(source: &'a str, target: &'a str, kind: TieKind) -> (&'a str, &'a str, TieKind) {
    if source <= target {
        (source, target, kind)
    } else {
        (target, source, kind)
    }
}

/// Where each upserted record goes: `Some(i)` overwrites record `i`, `None` appends. Keys are
/// borrowed, so no id is copied; a key repeated in the batch overwrites its earlier copy.
fn placements<K: std::hash::Hash + Eq>(
    existing: impl Iterator<Item = K>,
    upserts: impl Iterator<Item = K>,
) -> Vec<Option<usize>> {
    let mut at = std::collections::HashMap::new();
    let mut next = 0;
    for k in existing {
        at.insert(k, next);
        next += 1;
    }
    upserts
        .map(|k| match at.get(&k) {
            Some(&i) => Some(i),
            None => {
                at.insert(k, next);
                next += 1;
                None
            }
        })
        .collect()
}

/// The data model's rules as every store applies them, to a whole network: slug ids when
/// every organization has a country (project data), loose ids otherwise (edge lists).
pub fn violations(data: &NetworkData) -> Vec<puentes_analysis::model::Violation> {
    let strict = !data.organizations.iter().any(|o| o.country.is_empty());
    data.check(strict, &std::collections::HashSet::new())
}

/// Computes the network a batch produces from `current`, validating it with the data
/// model's rules. Shared by backends so every store merges and validates the same way.
///
/// The batch is taken by value so that its records move into the result (a replace import of
/// half a million ties is not copied once more).
pub fn merged(current: &NetworkData, batch: Batch) -> Result<NetworkData, StoreError> {
    use std::collections::HashSet;
    let (mut orgs, mut ties) = match batch.mode {
        ApplyMode::Replace => (Vec::new(), Vec::new()),
        ApplyMode::Merge => (current.organizations.clone(), current.ties.clone()),
    };
    let deleted: HashSet<&str> = batch
        .delete_organizations
        .iter()
        .map(String::as_str)
        .collect();
    for id in &deleted {
        if !orgs.iter().any(|o| o.id == *id) {
            return Err(StoreError::NotFound(Refusal::NoOrganization {
                id: (*id).to_owned(),
            }));
        }
    }
    orgs.retain(|o| !deleted.contains(o.id.as_str()));
    ties.retain(|t| !deleted.contains(t.source.as_str()) && !deleted.contains(t.target.as_str()));
    for (s, t, k) in &batch.delete_ties {
        let key = tie_key(s, t, *k);
        let before = ties.len();
        ties.retain(|x| tie_key(&x.source, &x.target, x.kind) != key);
        if ties.len() == before {
            return Err(StoreError::NotFound(Refusal::NoTie {
                kind: k.to_string(),
                source: s.clone(),
                target: t.clone(),
            }));
        }
    }
    let org_places = placements(
        orgs.iter().map(|o| o.id.as_str()),
        batch.upsert_organizations.iter().map(|o| o.id.as_str()),
    );
    let tie_places = placements(
        ties.iter().map(|t| tie_key(&t.source, &t.target, t.kind)),
        batch
            .upsert_ties
            .iter()
            .map(|t| tie_key(&t.source, &t.target, t.kind)),
    );
    for (o, place) in batch.upsert_organizations.into_iter().zip(org_places) {
        match place {
            Some(i) => orgs[i] = o,
            None => orgs.push(o),
        }
    }
    for (t, place) in batch.upsert_ties.into_iter().zip(tie_places) {
        match place {
            Some(i) => ties[i] = t,
            None => ties.push(t),
        }
    }
    let data = NetworkData {
        organizations: orgs,
        ties,
    };
    let problems = violations(&data);
    if let Some(p) = problems.first() {
        return Err(StoreError::Invalid(Refusal::StoredDataInvalid {
            problems: problems.len(),
            field: p.field.to_owned(),
            value: p.value.clone(),
            expected: p.expected.clone().into(),
        }));
    }
    Ok(data)
}

#[cfg(any(test, feature = "conformance"))]
pub mod conformance;
