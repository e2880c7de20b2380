//! Hand-derived values on tiny networks.

use super::*;
use crate::gaps;
use crate::model::{NetworkData, Organization, ReportedBy, Service, Tie, TieKind};
use crate::network::Network;
use crate::small_graphs::two_triangles;

fn raw(set: &CandidateSet, c: Node) -> [f64; COMPONENTS] {
    set.candidates
        .iter()
        .find(|x| x.node == c)
        .map(|x| x.raw)
        .unwrap_or_else(|| panic!("{c} is not a candidate"))
}

#[test]
fn two_triangles_by_hand() {
    // Triangles {0,1,2} and {3,4,5} joined by 2 - 3. For 1 the only candidate is 3 (via 2,
    // degree 3). Γ(1) ∪ Γ(3) = {0, 2, 4, 5}.
    let net = two_triangles();
    let opts = IndexOptions {
        membership: Some(vec![0, 0, 0, 1, 1, 1]),
        ..IndexOptions::default()
    };
    let index = SuggestIndex::new(&net, opts).expect("valid index");
    let set = candidates(&net, &index, 1, &SuggestOptions::default()).expect("valid request");
    assert_eq!(set.candidates.len(), 1);
    assert!(!set.capped);
    let r = raw(&set, 3);
    use Component::*;
    assert_eq!(r[CommonNeighbors.index()], 1.0);
    assert_close!(r[Jaccard.index()], 0.25, 1e-15);
    assert_close!(r[AdamicAdar.index()], 1.0 / 3f64.ln(), 1e-15);
    assert_close!(r[ResourceAllocation.index()], 1.0 / 3.0, 1e-15);
    assert_eq!(r[PreferentialAttachment.index()], 6.0);
    assert_close!(r[WeightedAdamicAdar.index()], 1.0 / 4f64.ln(), 1e-15);
    // No years: recency equals Adamic–Adar.
    assert_close!(r[Recency.index()], 1.0 / 3f64.ln(), 1e-15);
    assert_eq!(r[Complementarity.index()], 0.0);
    assert_eq!(r[Proximity.index()], 0.0);
    assert_eq!(r[CommunityBridge.index()], 1.0);
    // Constraint of 1 before: contacts 0 and 2 (p = 1/2); p_02 = 1/2, p_20 = 1/3:
    // (1/2 + 1/2·1/3)² + (1/2 + 1/2·1/2)² = 4/9 + 9/16 = 145/144.
    // After 1 - 3: p = 1/3 to each of 0, 2, 3; p_20 = p_23 = 1/3, p_02 = 1/2, p_32 = 1/4:
    // c_10 = (1/3 + 1/9)², c_12 = (1/3 + 1/6 + 1/12)², c_13 = (1/3 + 1/9)²
    //      = 32/81 + 49/144.
    let before = 145.0 / 144.0;
    let after = 32.0 / 81.0 + 49.0 / 144.0;
    assert_close!(set.constraint.expect("1 has ties"), before, 1e-15);
    assert_close!(set.candidates[0].constraint_after, after, 1e-15);
    assert_close!(r[ConstraintDrop.index()], before - after, 1e-15);
    // The same as recomputing gaps::constraint with the tie added.
    let mut e: Vec<(Node, Node, f64)> = net.edges().collect();
    e.push((1, 3, 1.0));
    let c = gaps::constraint(&Network::from_edges(6, &e), true);
    assert_close!(c[1], after, 1e-15);
}

fn org(id: &str, country: &str, corridor: Option<&str>, services: &[Service]) -> Organization {
    let mut o = Organization::bare(id);
    o.country = country.into();
    o.corridor = corridor.map(str::to_owned);
    o.services = services.to_vec();
    o
}

fn tie(s: &str, t: &str, strength: u8, since: Option<i32>) -> Tie {
    Tie {
        source: s.into(),
        target: t.into(),
        kind: TieKind::Referral,
        strength,
        since,
        until: None,
        reported_by: ReportedBy::Both,
        attributes: Default::default(),
    }
}

/// An isolated `v` in MX / c1; `a` (MX, c1, legal, largest population), `b` (GT, legal, no
/// population), `c` (MX, c1, shelter, 10 people) tied to `d` (US).
fn services_network() -> NetworkData {
    let mut a = org("a", "MX", Some("c1"), &[Service::LegalAccompaniment]);
    a.population_served = Some(1000);
    let b = org("b", "GT", Some("c2"), &[Service::LegalAccompaniment]);
    let mut c = org("c", "MX", Some("c1"), &[Service::Shelter]);
    c.population_served = Some(10);
    NetworkData {
        organizations: vec![
            org("v", "MX", Some("c1"), &[]),
            a,
            b,
            c,
            org("d", "US", None, &[]),
        ],
        ties: vec![tie("c", "d", 2, Some(2020))],
    }
}

#[test]
fn isolated_organizations_get_service_candidates_nearby_first() {
    let data = services_network();
    let net = Network::new(&data);
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    assert_eq!(
        index.lacking_services(0),
        vec![Service::LegalAccompaniment, Service::Shelter]
    );
    let set = candidates(&net, &index, 0, &SuggestOptions::default()).expect("valid request");
    let mut nodes: Vec<Node> = set.candidates.iter().map(|c| c.node).collect();
    nodes.sort_unstable();
    assert_eq!(nodes, vec![1, 2, 3]);
    assert_eq!(set.counts.service, 3);
    assert_eq!(set.counts.proximity, 0); // the best-tied of MX / c1 are already candidates
    assert_eq!(set.constraint, None);
    use Component::*;
    // Two services lacking. a fills one with π = 1: 1/2 · (1 + 1)/2; b with π = 0: 1/2 · 1/2;
    // c fills shelter with π = ln 11 / ln 1001.
    let pi_c = 11f64.ln() / 1001f64.ln();
    assert_close!(raw(&set, 1)[Complementarity.index()], 0.5, 1e-15);
    assert_close!(raw(&set, 2)[Complementarity.index()], 0.25, 1e-15);
    assert_close!(
        raw(&set, 3)[Complementarity.index()],
        0.5 * (1.0 + pi_c) / 2.0,
        1e-15
    );
    assert_eq!(raw(&set, 1)[Proximity.index()], 1.0);
    assert_eq!(raw(&set, 2)[Proximity.index()], 0.0);
    // Services goal: 0.6 complementarity + 0.3 proximity + 0.1 Adamic–Adar (all 0).
    let opts = SuggestOptions {
        goal: Goal::Services,
        ..SuggestOptions::default()
    };
    let out = suggest(&net, &index, 0, &opts).expect("valid request");
    let order: Vec<Node> = out.suggestions.iter().map(|s| s.node).collect();
    assert_eq!(order, vec![1, 3, 2]);
    assert_close!(out.suggestions[0].score, 0.9, 1e-15);
    assert_close!(
        out.suggestions[1].score,
        0.6 * (1.0 + pi_c) / 2.0 + 0.3,
        1e-15
    );
    assert_close!(out.suggestions[2].score, 0.3, 1e-15);
    let e = &out.suggestions[0].explanation;
    assert_eq!(e.services_gained, vec![Service::LegalAccompaniment]);
    assert!(e.same_country && e.same_corridor);
    assert_eq!(e.distance, Distance::Unreachable);
    assert_eq!(e.constraint_before, None);
    assert_eq!(e.constraint_after, 1.0);
    assert_eq!(
        out.lacking_services,
        vec![Service::LegalAccompaniment, Service::Shelter]
    );
    // Strengthening has nothing to build on for an isolate: no suggestion.
    let strengthen = SuggestOptions {
        goal: Goal::Strengthen,
        ..SuggestOptions::default()
    };
    let out = suggest(&net, &index, 0, &strengthen).expect("valid request");
    assert!(out.suggestions.is_empty());
    assert_eq!(out.counts.total, 3);
}

#[test]
fn proximity_candidates_fill_in_without_services() {
    // No services: the isolate 0 (MX) gets the best-tied MX organizations, most ties first.
    let mut orgs: Vec<Organization> = (0..6)
        .map(|i| org(&format!("o{i}"), if i < 4 { "MX" } else { "GT" }, None, &[]))
        .collect();
    orgs[5].country = String::new();
    let data = NetworkData {
        organizations: orgs,
        ties: vec![
            tie("o1", "o2", 1, None),
            tie("o2", "o4", 1, None),
            tie("o2", "o5", 1, None),
            tie("o3", "o4", 1, None),
        ],
    };
    let net = Network::new(&data);
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    let opts = SuggestOptions {
        proximity_candidates: 2,
        ..SuggestOptions::default()
    };
    let set = candidates(&net, &index, 0, &opts).expect("valid request");
    let nodes: Vec<Node> = set.candidates.iter().map(|c| c.node).collect();
    // MX hubs by degree: o2 (3), then o1 and o3 (1 each; o1 first by index).
    assert_eq!(nodes, vec![2, 1]);
    assert_eq!(set.counts.proximity, 2);
    assert_eq!(raw(&set, 2)[Component::Proximity.index()], 0.5);
}

#[test]
fn recency_halves_every_half_life() {
    // 0 - 1 in 2024, 1 - 2 in 2018; reference 2024, half-life 3: r = 1 and 2^(−2).
    let net = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
    let years = TieYears::from_edges(&net, &[(0, 1, 2024), (2, 1, 2018)]);
    assert_eq!(years.year(&net, 1, 2), Some(2018));
    let index = SuggestIndex::new(
        &net,
        IndexOptions {
            years: Some(years),
            ..IndexOptions::default()
        },
    )
    .expect("valid index");
    assert_eq!(index.reference_year(), Some(2024));
    let set = candidates(&net, &index, 0, &SuggestOptions::default()).expect("valid request");
    assert_close!(
        raw(&set, 2)[Component::Recency.index()],
        0.25 / 2f64.ln(),
        1e-15
    );
}

#[test]
fn scan_budget_skips_the_best_tied_partners_first() {
    // 0's partners: 1 (degree 2, partner 3) and 2 (degree 4, partners 4, 5, 6).
    let net = Network::from_edges(
        7,
        &[
            (0, 1, 1.0),
            (1, 3, 1.0),
            (0, 2, 1.0),
            (2, 4, 1.0),
            (2, 5, 1.0),
            (2, 6, 1.0),
        ],
    );
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    let opts = SuggestOptions {
        max_scan: 3,
        ..SuggestOptions::default()
    };
    let set = candidates(&net, &index, 0, &opts).expect("valid request");
    assert!(set.capped);
    assert_eq!(set.counts.partners_skipped, 1);
    assert_eq!(set.counts.paths_scanned, 2);
    let nodes: Vec<Node> = set.candidates.iter().map(|c| c.node).collect();
    assert_eq!(nodes, vec![3]);
    let full = candidates(&net, &index, 0, &SuggestOptions::default()).expect("valid request");
    assert!(!full.capped);
    assert_eq!(full.counts.two_hop, 4);
}

#[test]
fn introducers_rank_by_the_weaker_tie_then_the_sum() {
    // 0 and 5 share 1 (ties 3 and 1), 2 (2 and 2) and 3 (2 and 3).
    let net = Network::from_edges(
        6,
        &[
            (0, 1, 3.0),
            (1, 5, 1.0),
            (0, 2, 2.0),
            (2, 5, 2.0),
            (0, 3, 2.0),
            (3, 5, 3.0),
        ],
    );
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    let out = suggest(&net, &index, 0, &SuggestOptions::default()).expect("valid request");
    let s = &out.suggestions[0];
    assert_eq!(s.node, 5);
    let e = &s.explanation;
    assert_eq!(e.shared_partners, vec![1, 2, 3]);
    assert_eq!(e.shared_partner_count, 3);
    let order: Vec<(Node, f64, f64)> = e
        .introducers
        .iter()
        .map(|i| (i.node, i.weakest, i.total))
        .collect();
    assert_eq!(order, vec![(3, 2.0, 5.0), (2, 2.0, 4.0), (1, 1.0, 4.0)]);
    assert_eq!(e.distance, Distance::Two);
    // Weighted Adamic–Adar: geometric means √3, 2, √6; s_1 = 4, s_2 = 4, s_3 = 5.
    let waa = 3f64.sqrt() / 5f64.ln() + 2.0 / 5f64.ln() + 6f64.sqrt() / 6f64.ln();
    let c = s.components[Component::WeightedAdamicAdar.index()];
    assert_close!(c.raw, waa, 1e-14);
    assert_close!(c.raw, scores::weighted_adamic_adar(&net, 0, 5), 1e-14);
}

#[test]
fn errors_name_what_is_wrong() {
    let net = two_triangles();
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    assert_eq!(
        suggest(&net, &index, 6, &SuggestOptions::default()),
        Err(SuggestError::UnknownNode { node: 6, nodes: 6 })
    );
    let other = Network::from_edges(6, &[(0, 1, 1.0)]);
    assert!(matches!(
        suggest(&other, &index, 0, &SuggestOptions::default()),
        Err(SuggestError::IndexMismatch { .. })
    ));
    let bad = SuggestOptions {
        new_tie_weight: -1.0,
        ..SuggestOptions::default()
    };
    assert!(matches!(
        suggest(&net, &index, 0, &bad),
        Err(SuggestError::InvalidOption {
            field: "new_tie_weight",
            ..
        })
    ));
    let short = IndexOptions {
        membership: Some(vec![0; 5]),
        ..IndexOptions::default()
    };
    assert_eq!(
        SuggestIndex::new(&net, short).err(),
        Some(SuggestError::WrongLength {
            field: "membership",
            got: 5,
            expected: 6
        })
    );
}

#[test]
fn many_at_once_equals_one_by_one_on_any_thread_count() {
    let mut e = Vec::new();
    for a in 0..120u32 {
        for k in 1..4u32 {
            e.push((a, (a * 7 + k * 13) % 120, f64::from(1 + (a + k) % 4)));
        }
    }
    let net = Network::from_edges(120, &e);
    let membership: Vec<u32> = (0..120).map(|v| v % 3).collect();
    let index = SuggestIndex::new(
        &net,
        IndexOptions {
            membership: Some(membership),
            ..IndexOptions::default()
        },
    )
    .expect("valid index");
    let nodes: Vec<Node> = (0..120).collect();
    let opts = SuggestOptions {
        goal: Goal::Bridge,
        ..SuggestOptions::default()
    };
    let one: Vec<Suggestions> = nodes
        .iter()
        .map(|&v| suggest(&net, &index, v, &opts).expect("valid request"))
        .collect();
    for threads in [1, 2, 3] {
        let many = crate::on_threads(threads, || suggest_many(&net, &index, &nodes, &opts));
        assert_eq!(many.as_ref(), Ok(&one));
    }
}

#[test]
fn spread_caps_how_often_one_organization_is_suggested() {
    // 0 has partners 1, 2, 3, 4 and the hub 5 (also tied to 6 and 7). By preferential
    // attachment each leaf ranks 5 first (k = 3), then the other leaves (k = 1) by index.
    let net = Network::from_edges(
        8,
        &[
            (0, 1, 1.0),
            (0, 2, 1.0),
            (0, 3, 1.0),
            (0, 4, 1.0),
            (0, 5, 1.0),
            (5, 6, 1.0),
            (5, 7, 1.0),
        ],
    );
    let index = SuggestIndex::new(&net, IndexOptions::default()).expect("valid index");
    let pa = Goal::Custom(Weights::parse("preferential_attachment=1").expect("valid weights"));
    let opts = SuggestOptions {
        goal: pa,
        limit: 1,
        ..SuggestOptions::default()
    };
    let leaves = [1, 2, 3, 4];
    let picked = |cap| {
        let out = suggest_spread(&net, &index, &leaves, &opts, cap).expect("valid cap");
        out.iter()
            .map(|s| (s.node, s.suggestions[0].node, s.passed_over))
            .collect::<Vec<_>>()
    };
    // Without the rule every leaf gets 5.
    let plain = suggest_many(&net, &index, &leaves, &opts).expect("valid request");
    assert!(plain.iter().all(|s| s.suggestions[0].node == 5));
    // Cap 1: 1 → 5; 2 → 1 (5 taken); 3 → 2 (5 and 1 taken); 4 → 3.
    assert_eq!(picked(1), vec![(1, 5, 0), (2, 1, 1), (3, 2, 2), (4, 3, 3)]);
    // Cap 2: 5 twice, then 1 twice.
    assert_eq!(picked(2), vec![(1, 5, 0), (2, 5, 0), (3, 1, 1), (4, 1, 1)]);
    // A cap as large as the list changes nothing.
    assert!(picked(4).iter().all(|&(_, c, p)| c == 5 && p == 0));
    assert!(matches!(
        suggest_spread(&net, &index, &leaves, &opts, 0),
        Err(SuggestError::InvalidOption { field: "cap", .. })
    ));
}

#[test]
fn what_if_on_a_path_with_an_isolate() {
    // a - b - c and an isolated d offering shelter; proposing c - d joins everything.
    let mut d = Organization::bare("d");
    d.services = vec![Service::Shelter];
    let data = NetworkData {
        organizations: vec![
            Organization::bare("a"),
            Organization::bare("b"),
            Organization::bare("c"),
            d,
        ],
        ties: vec![tie("a", "b", 1, None), tie("b", "c", 1, None)],
    };
    let w = what_if::what_if(
        &data,
        &[what_if::ProposedTie {
            source: 2,
            target: 3,
            strength: 1,
        }],
    )
    .expect("valid ties");
    assert_eq!((w.new_pairs, w.strengthened_pairs), (1, 0));
    assert_eq!((w.isolated.before, w.isolated.after), (1, 0));
    assert_eq!((w.components.before, w.components.after), (2, 1));
    // Path of 3 → path of 4: articulation points {b} → {b, c}; bridges 2 → 3.
    assert_eq!(
        (w.articulation_points.before, w.articulation_points.after),
        (1, 2)
    );
    assert_eq!((w.bridges.before, w.bridges.after), (2, 3));
    // Largest component: path of 3 (mean distance 4/3) → path of 4 (10/6).
    assert_close!(
        w.average_distance.before.unwrap_or(f64::NAN),
        4.0 / 3.0,
        1e-12
    );
    assert_close!(
        w.average_distance.after.unwrap_or(f64::NAN),
        10.0 / 6.0,
        1e-12
    );
    // Efficiency: before 2·(1 + 1 + 1/2) / 12; after 2·(3 + 2/2 + 1/3) / 12.
    assert_close!(w.global_efficiency.before, 5.0 / 12.0, 1e-12);
    assert_close!(
        w.global_efficiency.after,
        2.0 * (3.0 + 1.0 + 1.0 / 3.0) / 12.0,
        1e-12
    );
    // Constraint of c: 1 (pendant) → contacts b, d, p = 1/2 each, no ties between them: 1/2.
    assert_eq!(w.constraint.before[2], Some(1.0));
    assert_close!(w.constraint_delta[2].unwrap_or(f64::NAN), -0.5, 1e-12);
    assert_eq!(w.constraint_delta[3], None); // d had no ties
                                             // Shelter: only d offers it; a, b, c lack it within two ties → after, only a does.
    assert_eq!(w.services.len(), 1);
    assert_eq!((w.services[0].before, w.services[0].after), (3, 1));
    assert_eq!(
        (w.unreachable_services.before, w.unreachable_services.after),
        (3, 1)
    );
    // Everyone stays peripheral: pendants a, c (isolated d) and low-coreness b before;
    // pendants a, d and low-coreness b, c after.
    assert_eq!((w.peripheral.before, w.peripheral.after), (4, 4));
    // Bad input.
    let bad = what_if::ProposedTie {
        source: 1,
        target: 1,
        strength: 1,
    };
    assert!(matches!(
        what_if::what_if(&data, &[bad]),
        Err(SuggestError::InvalidOption {
            field: "target",
            ..
        })
    ));
}

#[test]
fn backtest_on_a_tiny_history() {
    // 2019: a - b, b - c, c - d. 2020: d - e. 2021 (test): a - c (distance 2) and a - e
    // (distance ≥ 3). f (founded 2010) has no ties: present and isolated; g (founded 2022) is
    // not present. Tuning split 2020: train 2019, test d - e (distance 2 from c? no: e is
    // new in 2020, not present at 2020).
    let mut orgs: Vec<Organization> = ["a", "b", "c", "d", "e", "f", "g"]
        .map(Organization::bare)
        .to_vec();
    orgs[5].founded_year = Some(2010);
    orgs[6].founded_year = Some(2022);
    let data = NetworkData {
        organizations: orgs,
        ties: vec![
            tie("a", "b", 1, Some(2019)),
            tie("b", "c", 1, Some(2019)),
            tie("c", "d", 1, Some(2019)),
            tie("d", "e", 1, Some(2020)),
            tie("a", "c", 1, Some(2021)),
            tie("a", "e", 1, Some(2021)),
            tie("f", "g", 1, Some(2021)),
            tie("e", "f", 1, None),
        ],
    };
    let mut opts = backtest::BacktestOptions::new(2021, 0);
    opts.k = 1;
    let out = backtest::backtest(&data, &opts).expect("valid options");
    assert_eq!(out.split.present, 6);
    assert_eq!(out.split.present_isolated, 1);
    assert_eq!(out.split.test_pairs, 2);
    assert_eq!(out.split.test_pairs_distance_2, 1);
    assert_eq!(out.split.pairs_with_new_organizations, 1); // f - g
    assert_eq!(out.split.evaluated, 3); // a, c, e
    assert_eq!(out.undated_ties, 1);
    let aa = out
        .rows
        .iter()
        .find(|r| r.scorer == backtest::Scorer::Component(Component::AdamicAdar))
        .expect("an Adamic–Adar row");
    // a: candidates c (via b); its positives c (rank 1) and e (unlisted): P@1 = 1, AP = 1/2.
    // c: candidates a (via b) and e (via d), AA 1/ln 2 each → a first by index: hit.
    // e: candidate c (via d): not a positive (a is): 0.
    assert_close!(aa.all.precision_at_k, 2.0 / 3.0, 1e-12);
    assert_close!(aa.all.aupr, (0.5 + 1.0 + 0.0) / 3.0, 1e-12);
    assert_eq!(aa.distance_2.organizations, 2); // a and c
    assert_eq!(aa.distance_3_plus.organizations, 2); // a and e
                                                     // f is present but isolated and no service or country: nothing to suggest.
    assert_close!(aa.coverage, 5.0 / 6.0, 1e-12);
    assert!(out.inactive.contains(&Component::Complementarity));
    assert!(out.learned.is_some());
}

#[test]
fn backtest_training_drops_ties_that_ended_before_the_split_year() {
    // a - b from 2018 until 2019, renewed in 2021; b - c, c - d from 2018 (current);
    // a - c in 2021. Split 2021: a - b ended before 2021, so training is b - c, c - d
    // (2 ties, not 3), a is present (it had a tie) but isolated, and a - b is a test pair
    // (renewed) next to a - c. Were the ended tie kept, c would be a's candidate via b and
    // a hit.
    let mut ended = tie("a", "b", 1, Some(2018));
    ended.until = Some(2019);
    let data = NetworkData {
        organizations: ["a", "b", "c", "d"].map(Organization::bare).to_vec(),
        ties: vec![
            ended,
            tie("a", "b", 1, Some(2021)),
            tie("b", "c", 1, Some(2018)),
            tie("c", "d", 1, Some(2018)),
            tie("a", "c", 1, Some(2021)),
        ],
    };
    let mut opts = backtest::BacktestOptions::new(2021, 0);
    opts.k = 1;
    opts.tune = false;
    let out = backtest::backtest(&data, &opts).expect("valid options");
    assert_eq!(out.split.training_ties, 2);
    assert_eq!(out.split.present, 4);
    assert_eq!(out.split.present_isolated, 1); // a
    assert_eq!(out.split.test_pairs, 2); // a - b (renewed), a - c
    assert_eq!(out.split.test_pairs_distance_2, 0);
    assert_eq!(out.split.evaluated, 3); // a, b, c
    let aa = out
        .rows
        .iter()
        .find(|r| r.scorer == backtest::Scorer::Component(Component::AdamicAdar))
        .expect("an Adamic–Adar row");
    // a has no partner, so no candidate; b's only candidate is d (via c), not a positive;
    // c has no candidate at distance 2.
    assert_eq!(aa.all.precision_at_k, 0.0);
    assert_eq!(aa.all.organizations, 3);
    // Coverage: of the 4 present organizations only b and d have a candidate (each other).
    assert_close!(aa.coverage, 0.5, 1e-12);
}

#[test]
fn backtest_does_not_depend_on_the_thread_count() {
    // 300 organizations in three countries, ties spread over 2015-2022.
    let organizations: Vec<Organization> = (0..300)
        .map(|i| {
            let mut o = Organization::bare(&format!("o{i}"));
            o.country = ["MX", "GT", "US"][i % 3].into();
            o.founded_year = Some(2010 + (i % 9) as i32);
            o
        })
        .collect();
    let mut ties = Vec::new();
    for a in 0..300usize {
        for k in 1..5usize {
            let b = (a * 7 + k * 31) % 300;
            if a != b {
                let year = 2015 + ((a + 3 * k) % 8) as i32;
                ties.push(tie(&format!("o{a}"), &format!("o{b}"), 1, Some(year)));
            }
        }
    }
    let data = NetworkData {
        organizations,
        ties,
    };
    let opts = backtest::BacktestOptions::new(2021, 1);
    let run = |threads| crate::on_threads(threads, || backtest::backtest(&data, &opts));
    let one = run(1).expect("valid options");
    assert!(one.split.evaluated > 100, "{:?}", one.split);
    assert_eq!(run(2), Ok(one.clone()));
    assert_eq!(run(3), Ok(one));
}
