//! The storage conformance suite: the same checks against every [`GraphStore`] backend.
//!
//! Each check takes a store that starts empty (or is emptied by [`run_all`]) and asserts the
//! behaviour the rest of Puentes relies on. Backend test files call [`run_all`]; a failure
//! panics with the name of the check.

use super::{
    delete_organization, delete_tie, upsert_organization, upsert_tie, Batch, GraphStore, StoreError,
};
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Service, Tie, TieKind};

/// A small valid network: `a - b - c`, with `a` a partner in MX.
pub fn sample() -> NetworkData {
    let org = |id: &str, country: &str, partner: bool| Organization {
        country: country.into(),
        partner,
        name: format!("Org {id}"),
        services: vec![Service::Shelter],
        population_served: Some(100),
        latitude: Some(14.9),
        longitude: Some(-92.3),
        contact: Some(format!("{id}@example.org")),
        // Saved spellings (survey review decisions) are stored with the organization.
        aliases: if partner {
            vec![format!("Org {id}, A.C."), format!("Organización {id}")]
        } else {
            Vec::new()
        },
        ..Organization::bare(id)
    };
    let tie = |s: &str, t: &str, kind: TieKind| Tie {
        source: s.into(),
        target: t.into(),
        kind,
        strength: 3,
        since: Some(2019),
        until: None,
        reported_by: ReportedBy::Both,
        attributes: Default::default(),
    };
    NetworkData {
        organizations: vec![
            org("a", "MX", true),
            org("b", "US", false),
            org("c", "GT", true),
        ],
        ties: vec![
            // Per-tie survey answers are stored with the tie.
            Tie {
                attributes: [("trust".to_owned(), 3.5), ("value".to_owned(), 2.0)].into(),
                ..tie("a", "b", TieKind::Referral)
            },
            tie("b", "c", TieKind::Coalition),
        ],
    }
}

fn sorted(mut d: NetworkData) -> NetworkData {
    d.organizations.sort_by(|x, y| x.id.cmp(&y.id));
    d.ties
        .sort_by(|x, y| (&x.source, &x.target, x.kind).cmp(&(&y.source, &y.target, y.kind)));
    d
}

/// Runs every check in order, starting by replacing the store's content with nothing.
pub async fn run_all(store: &dyn GraphStore) {
    store.ping().await.expect("ping: the store answers");
    store
        .apply(Batch::replace(NetworkData::default()))
        .await
        .expect("clear the store");
    replace_then_snapshot_round_trips(store).await;
    revision_increases_on_every_change(store).await;
    invalid_batch_writes_nothing(store).await;
    merge_upserts_and_keeps_the_rest(store).await;
    deletes_cascade_and_report_missing(store).await;
    large_batch_round_trips(store).await;
}

/// Every field of every organization and tie survives a round trip.
pub async fn replace_then_snapshot_round_trips(store: &dyn GraphStore) {
    let rev = store
        .apply(Batch::replace(sample()))
        .await
        .expect("replace");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.revision, rev, "replace_then_snapshot: revision");
    assert_eq!(
        sorted((*snap.data).clone()),
        sorted(sample()),
        "replace_then_snapshot: content"
    );
}

/// The revision strictly increases on each applied change and `revision()` agrees with the snapshot.
pub async fn revision_increases_on_every_change(store: &dyn GraphStore) {
    let r0 = store.revision().await.expect("revision");
    let mut o = sample().organizations[0].clone();
    o.name = "Renamed".into();
    let r1 = upsert_organization(store, o).await.expect("upsert");
    assert!(r1 > r0, "revision_increases: {r1} > {r0}");
    assert_eq!(store.revision().await.expect("revision"), r1);
    assert_eq!(store.snapshot().await.expect("snapshot").revision, r1);
}

/// A batch breaking a rule (tie to an unknown organization) is refused and changes nothing.
pub async fn invalid_batch_writes_nothing(store: &dyn GraphStore) {
    let before = store.snapshot().await.expect("snapshot");
    let mut bad = sample();
    bad.organizations.push(Organization {
        country: "HN".into(),
        ..Organization::bare("d")
    });
    bad.ties.push(Tie {
        source: "d".into(),
        target: "nowhere".into(),
        ..sample().ties[0].clone()
    });
    let err = store
        .apply(Batch::merge(bad))
        .await
        .expect_err("invalid batch must fail");
    assert!(
        matches!(err, StoreError::Invalid(_)),
        "invalid_batch: got {err:?}"
    );
    let after = store.snapshot().await.expect("snapshot");
    assert_eq!(
        after.revision, before.revision,
        "invalid_batch: revision unchanged"
    );
    assert_eq!(
        sorted((*after.data).clone()),
        sorted((*before.data).clone()),
        "invalid_batch: content unchanged"
    );
}

/// Merge upserts by id and by (pair, kind) in either orientation and keeps other records.
pub async fn merge_upserts_and_keeps_the_rest(store: &dyn GraphStore) {
    store
        .apply(Batch::replace(sample()))
        .await
        .expect("replace");
    let mut t = sample().ties[0].clone();
    std::mem::swap(&mut t.source, &mut t.target); // b -> a, same pair and kind
    t.strength = 5;
    t.attributes = [("trust".to_owned(), 1.25)].into();
    upsert_tie(store, t).await.expect("upsert tie");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(
        snap.data.ties.len(),
        2,
        "merge: mirrored tie replaces, not adds"
    );
    let ab = snap
        .data
        .ties
        .iter()
        .find(|x| x.kind == TieKind::Referral)
        .expect("referral tie kept");
    assert_eq!(ab.strength, 5, "merge: tie updated");
    assert_eq!(
        ab.attributes,
        [("trust".to_owned(), 1.25)].into(),
        "merge: the tie's attributes replaced"
    );
    assert_eq!(
        snap.data.organizations.len(),
        3,
        "merge: organizations kept"
    );
}

/// Deleting an organization removes its ties; deleting what is not there is NotFound.
pub async fn deletes_cascade_and_report_missing(store: &dyn GraphStore) {
    store
        .apply(Batch::replace(sample()))
        .await
        .expect("replace");
    delete_organization(store, "b").await.expect("delete b");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.data.organizations.len(), 2, "delete: org removed");
    assert!(snap.data.ties.is_empty(), "delete: ties of b removed");
    let rev = snap.revision;
    let e = delete_organization(store, "b")
        .await
        .expect_err("second delete");
    assert!(
        matches!(e, StoreError::NotFound(_)),
        "delete: NotFound, got {e:?}"
    );
    let e = delete_tie(store, "a", "c", TieKind::Funding)
        .await
        .expect_err("missing tie");
    assert!(
        matches!(e, StoreError::NotFound(_)),
        "delete tie: NotFound, got {e:?}"
    );
    assert_eq!(
        store.revision().await.expect("revision"),
        rev,
        "failed deletes change nothing"
    );
}

/// A few thousand ties go in one batch and come back complete.
pub async fn large_batch_round_trips(store: &dyn GraphStore) {
    let n = 1500;
    let organizations: Vec<Organization> = (0..n)
        .map(|i| Organization {
            country: "MX".into(),
            ..Organization::bare(&format!("org-{i}"))
        })
        .collect();
    let ties: Vec<Tie> = (0..n)
        .flat_map(|i| {
            [1, 7].map(|step| Tie {
                source: format!("org-{i}"),
                target: format!("org-{}", (i + step) % n),
                kind: TieKind::Information,
                strength: 1 + (i % 5) as u8,
                since: Some(2015 + (i % 10) as i32),
                until: None,
                reported_by: ReportedBy::Source,
                attributes: Default::default(),
            })
        })
        .collect();
    let data = NetworkData {
        organizations,
        ties,
    };
    store
        .apply(Batch::replace(data.clone()))
        .await
        .expect("large replace");
    let snap = store.snapshot().await.expect("snapshot");
    assert_eq!(snap.data.organizations.len(), n, "large: organizations");
    assert_eq!(snap.data.ties.len(), 2 * n, "large: ties");
    assert_eq!(sorted((*snap.data).clone()), sorted(data), "large: content");
}
