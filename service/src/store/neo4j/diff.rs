//! Stored order and the difference a batch writes.

use super::*;

/// The network as stored, with each record's stored position (`seq`).
pub(super) struct Stored {
    pub(super) data: NetworkData,
    pub(super) org_seq: Vec<Option<i64>>,
    pub(super) tie_seq: Vec<Option<i64>>,
}

/// A tie's identity: unordered pair and kind.
pub(super) fn tie_key(t: &Tie) -> (String, String, TieKind) {
    if t.source <= t.target {
        (t.source.clone(), t.target.clone(), t.kind)
    } else {
        (t.target.clone(), t.source.clone(), t.kind)
    }
}

/// Positions for `keys` (the new order) given the stored positions of existing keys.
///
/// Kept records keep their stored position when that preserves the new order and every new
/// record comes after them (always the case for a merge: [`merged`] keeps the order and
/// appends); new records then get positions after the largest stored one. Otherwise (a
/// replace that reorders) every record is renumbered `0..n`.
pub(super) fn positions<K: Hash + Eq>(keys: &[K], stored: &HashMap<&K, Option<i64>>) -> Vec<i64> {
    let mut last: Option<i64> = None;
    let mut seen_new = false;
    let mut keep = true;
    for k in keys {
        match stored.get(k) {
            Some(Some(p)) if !seen_new && last.is_none_or(|l| *p > l) => last = Some(*p),
            Some(_) => {
                keep = false;
                break;
            }
            None => seen_new = true,
        }
    }
    if !keep {
        return (0..keys.len()).map(|i| i as i64).collect();
    }
    let mut next = stored
        .values()
        .filter_map(|p| *p)
        .max()
        .map_or(0, |m| m + 1);
    keys.iter()
        .map(|k| match stored.get(k) {
            Some(Some(p)) => *p,
            _ => {
                next += 1;
                next - 1
            }
        })
        .collect()
}

/// What one apply writes: the difference between the stored network and the merged one.
#[derive(Default)]
pub(super) struct Diff {
    pub(super) delete_ties: Vec<BoltType>,
    pub(super) delete_orgs: Vec<BoltType>,
    pub(super) upsert_orgs: Vec<BoltType>,
    pub(super) create_ties: Vec<BoltType>,
}

pub(super) fn diff(
    current: &Stored,
    next: &NetworkData,
    generation: i64,
) -> Result<Diff, StoreError> {
    let mut d = Diff::default();

    let org_ids: Vec<&str> = next.organizations.iter().map(|o| o.id.as_str()).collect();
    let stored_orgs: HashMap<&str, (&Organization, Option<i64>)> = current
        .data
        .organizations
        .iter()
        .zip(&current.org_seq)
        .map(|(o, s)| (o.id.as_str(), (o, *s)))
        .collect();
    let seq_of: HashMap<&&str, Option<i64>> =
        stored_orgs.iter().map(|(k, (_, s))| (k, *s)).collect();
    let org_pos = positions(&org_ids, &seq_of);
    let next_ids: HashSet<&str> = org_ids.iter().copied().collect();
    for o in &current.data.organizations {
        if !next_ids.contains(o.id.as_str()) {
            d.delete_orgs.push(o.id.as_str().into());
        }
    }
    for (o, &pos) in next.organizations.iter().zip(&org_pos) {
        let same = stored_orgs
            .get(o.id.as_str())
            .is_some_and(|(old, seq)| *old == o && *seq == Some(pos));
        if !same {
            d.upsert_orgs.push(org_props(o, pos, generation)?);
        }
    }

    let tie_keys: Vec<(String, String, TieKind)> = next.ties.iter().map(tie_key).collect();
    let stored_keys: Vec<(String, String, TieKind)> =
        current.data.ties.iter().map(tie_key).collect();
    let stored_ties: HashMap<&(String, String, TieKind), (&Tie, Option<i64>)> = stored_keys
        .iter()
        .zip(current.data.ties.iter().zip(&current.tie_seq))
        .map(|(k, (t, s))| (k, (t, *s)))
        .collect();
    let seq_of: HashMap<&(String, String, TieKind), Option<i64>> =
        stored_ties.iter().map(|(k, (_, s))| (*k, *s)).collect();
    let tie_pos = positions(&tie_keys, &seq_of);
    let next_ties: HashMap<&(String, String, TieKind), (&Tie, i64)> = tie_keys
        .iter()
        .zip(next.ties.iter().zip(tie_pos.iter().copied()))
        .collect();
    for (key, (old, old_seq)) in &stored_ties {
        let keep = next_ties
            .get(key)
            .is_some_and(|(t, p)| *t == *old && *old_seq == Some(*p));
        if !keep {
            let row: HashMap<&str, BoltType> = HashMap::from([
                ("a", key.0.as_str().into()),
                ("b", key.1.as_str().into()),
                ("kind", key.2.as_str().into()),
            ]);
            d.delete_ties.push(row.into());
        }
    }
    for (key, (t, p)) in next_ties.iter().map(|(k, v)| (*k, *v)) {
        let keep = stored_ties
            .get(key)
            .is_some_and(|(old, old_seq)| *old == t && *old_seq == Some(p));
        if !keep {
            d.create_ties.push(tie_row(t, p));
        }
    }
    Ok(d)
}

/// Neo4j's ascending order puts nulls last.
fn seq_key(s: Option<i64>) -> (bool, i64) {
    (s.is_none(), s.unwrap_or(0))
}

impl Stored {
    /// Puts records read in any order into their stored order: by `seq`, then by id (by
    /// source, target and kind for ties), records without `seq` last.
    pub(super) fn in_stored_order(
        mut orgs: Vec<(Option<i64>, Organization)>,
        mut ties: Vec<(Option<i64>, Tie)>,
    ) -> Stored {
        orgs.sort_unstable_by(|(s, a), (z, b)| (seq_key(*s), &a.id).cmp(&(seq_key(*z), &b.id)));
        ties.sort_unstable_by(|(s, a), (z, b)| {
            (seq_key(*s), &a.source, &a.target, a.kind.as_str()).cmp(&(
                seq_key(*z),
                &b.source,
                &b.target,
                b.kind.as_str(),
            ))
        });
        let (org_seq, organizations) = orgs.into_iter().unzip();
        let (tie_seq, ties) = ties.into_iter().unzip();
        Stored {
            data: NetworkData {
                organizations,
                ties,
            },
            org_seq,
            tie_seq,
        }
    }
}
