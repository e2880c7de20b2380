//! Property tests of the suggestion engine on random organization networks (services,
//! countries, corridors, populations, dated weighted ties, Louvain communities).

use proptest::prelude::*;
use puentes_analysis::community::louvain;
use puentes_analysis::gaps::constraint;
use puentes_analysis::model::{NetworkData, Organization, ReportedBy, Service, Tie, TieKind};
use puentes_analysis::network::{BuildOptions, Network, Node};
use puentes_analysis::suggest::{
    candidates, scores, suggest, Component, Goal, IndexOptions, SuggestIndex, SuggestOptions,
    TieYears, Weights, COMPONENTS,
};
use std::collections::BTreeSet;

const SERVICES: [Service; 4] = [
    Service::LegalAccompaniment,
    Service::Shelter,
    Service::Health,
    Service::Education,
];

/// A random organization network: n organizations, each with a subset of four services,
/// a country (MX, GT or unknown), a corridor (two or none) and maybe a population; ties
/// between random pairs with strengths 1-5 and years 2015-2024 (self-ties dropped, repeated
/// pairs kept: they collapse into heavier ties).
fn network() -> impl Strategy<Value = NetworkData> {
    (1usize..24).prop_flat_map(|n| {
        let org = (0u8..16, 0u8..3, 0u8..3, proptest::option::of(1u64..5000));
        let tie = (0..n, 0..n, 1u8..=5, 2015i32..=2024);
        (
            proptest::collection::vec(org, n),
            proptest::collection::vec(tie, 0..3 * n),
        )
            .prop_map(|(orgs, ties)| {
                let organizations = orgs
                    .iter()
                    .enumerate()
                    .map(|(i, &(svc, country, corridor, pop))| {
                        let mut o = Organization::bare(&format!("o{i}"));
                        o.services = SERVICES
                            .iter()
                            .enumerate()
                            .filter(|(b, _)| svc & (1 << b) != 0)
                            .map(|(_, &s)| s)
                            .collect();
                        o.country = ["MX", "GT", ""][country as usize].into();
                        o.corridor =
                            [Some("c1"), Some("c2"), None][corridor as usize].map(Into::into);
                        o.population_served = pop;
                        o
                    })
                    .collect();
                let kinds = TieKind::ALL;
                let ties = ties
                    .iter()
                    .enumerate()
                    .filter(|(_, (a, b, _, _))| a != b)
                    .map(|(i, &(a, b, strength, year))| Tie {
                        source: format!("o{a}"),
                        target: format!("o{b}"),
                        kind: kinds[i % kinds.len()],
                        strength,
                        since: Some(year),
                        until: None,
                        reported_by: ReportedBy::Both,
                        attributes: Default::default(),
                    })
                    .collect();
                NetworkData {
                    organizations,
                    ties,
                }
            })
    })
}

fn goal() -> impl Strategy<Value = Goal> {
    prop_oneof![
        Just(Goal::Strengthen),
        Just(Goal::Bridge),
        Just(Goal::Services),
        Just(Goal::Balanced),
        proptest::collection::vec(0.0f64..3.0, COMPONENTS).prop_map(|w| {
            let pairs: Vec<(Component, f64)> = Component::ALL.into_iter().zip(w).collect();
            Goal::Custom(Weights::new(&pairs).expect("finite weights ≥ 0"))
        }),
    ]
}

/// The network, its index (Louvain communities with `seed`, tie years) and the options.
fn build(data: &NetworkData, seed: u64) -> (Network, SuggestIndex) {
    let net = Network::new(data);
    let membership = louvain(&net, 1.0, seed).membership;
    let years = TieYears::from_data(&net, data, BuildOptions::default());
    let index = SuggestIndex::new(
        &net,
        IndexOptions {
            membership: Some(membership),
            years: Some(years),
            ..IndexOptions::default()
        },
    )
    .expect("valid index");
    (net, index)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_itself_nor_a_partner_and_contributions_add_up(data in network(), goal in goal()) {
        let (net, index) = build(&data, 7);
        let opts = SuggestOptions { goal, limit: usize::MAX, ..SuggestOptions::default() };
        for v in 0..net.node_count() as Node {
            let out = suggest(&net, &index, v, &opts).expect("valid request");
            let mut seen = BTreeSet::new();
            for s in &out.suggestions {
                prop_assert_ne!(s.node, v);
                prop_assert!(!net.has_edge(v, s.node), "{} is already a partner of {}", s.node, v);
                prop_assert!(seen.insert(s.node), "{} suggested twice", s.node);
                prop_assert!(s.score > 0.0);
                let total: f64 = s.components.iter().map(|c| c.contribution).sum();
                prop_assert!((total - s.score).abs() <= 1e-12 * s.score.max(1.0),
                    "contributions {} vs score {}", total, s.score);
                for c in &s.components {
                    prop_assert!((0.0..=1.0).contains(&c.normalized));
                    prop_assert!((c.contribution - c.weight * c.normalized).abs() <= 1e-15);
                }
            }
            // Best first, ties by node index.
            for w in out.suggestions.windows(2) {
                prop_assert!(w[0].score > w[1].score
                    || (w[0].score == w[1].score && w[0].node < w[1].node));
            }
        }
    }

    #[test]
    fn same_input_and_seed_give_the_same_ranking(data in network(), goal in goal(),
                                                 seed in 0u64..1000) {
        let (net_a, index_a) = build(&data, seed);
        let (net_b, index_b) = build(&data, seed);
        let opts = SuggestOptions { goal, ..SuggestOptions::default() };
        for v in 0..net_a.node_count() as Node {
            let a = suggest(&net_a, &index_a, v, &opts).expect("valid request");
            let b = suggest(&net_b, &index_b, v, &opts).expect("valid request");
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn every_isolate_lacking_an_offered_service_gets_a_suggestion(data in network()) {
        let (net, index) = build(&data, 3);
        for v in (0..net.node_count() as Node).filter(|&v| net.degree(v) == 0) {
            let own: BTreeSet<Service> =
                net.organization(v).services.iter().copied().collect();
            let offered_elsewhere = (0..net.node_count() as Node)
                .filter(|&u| u != v)
                .any(|u| net.organization(u).services.iter().any(|s| !own.contains(s)));
            for goal in [Goal::Services, Goal::Balanced, Goal::Bridge] {
                let opts = SuggestOptions { goal, ..SuggestOptions::default() };
                let out = suggest(&net, &index, v, &opts).expect("valid request");
                if offered_elsewhere {
                    prop_assert!(!out.suggestions.is_empty(),
                        "isolate {} got nothing under {:?}", v, goal);
                    let e = &out.suggestions[0].explanation;
                    prop_assert!(goal != Goal::Services || !e.services_gained.is_empty());
                }
            }
        }
    }

    #[test]
    fn the_scan_equals_the_definitions(data in network()) {
        let (net, index) = build(&data, 1);
        let opts = SuggestOptions { max_scan: usize::MAX, ..SuggestOptions::default() };
        for v in 0..net.node_count() as Node {
            let set = candidates(&net, &index, v, &opts).expect("valid request");
            prop_assert!(!set.capped);
            // Distance-2 candidates are exactly the nodes two steps away.
            let mut two: BTreeSet<Node> = BTreeSet::new();
            for &z in net.neighbors(v) {
                two.extend(net.neighbors(z).iter().filter(|&&c| c != v && !net.has_edge(v, c)));
            }
            let scanned: BTreeSet<Node> = set.candidates.iter()
                .filter(|c| c.sources.two_hop).map(|c| c.node).collect();
            prop_assert_eq!(&scanned, &two);
            let c_v = constraint(&net, true)[v as usize];
            match set.constraint {
                Some(c) => prop_assert!((c - c_v).abs() <= 1e-12, "{} vs {}", c, c_v),
                None => prop_assert!(c_v.is_nan()),
            }
            for c in &set.candidates {
                prop_assert!(c.node != v && !net.has_edge(v, c.node));
                let u = c.node;
                let expect = [
                    (Component::CommonNeighbors, scores::common_neighbors(&net, v, u).len() as f64),
                    (Component::Jaccard, scores::jaccard(&net, v, u)),
                    (Component::AdamicAdar, scores::adamic_adar(&net, v, u)),
                    (Component::ResourceAllocation, scores::resource_allocation(&net, v, u)),
                    (Component::PreferentialAttachment, scores::preferential_attachment(&net, v, u)),
                    (Component::WeightedAdamicAdar, scores::weighted_adamic_adar(&net, v, u)),
                ];
                for (comp, x) in expect {
                    prop_assert!((c.raw(comp) - x).abs() <= 1e-12, "{} of ({}, {}): {} vs {}",
                        comp, v, u, c.raw(comp), x);
                }
                // Constraint after the tie = recomputing it with the tie added (weight 1).
                let mut edges: Vec<(Node, Node, f64)> = net.edges().collect();
                edges.push((v, u, 1.0));
                let after = constraint(&Network::from_edges(net.node_count(), &edges), true);
                prop_assert!((c.constraint_after - after[v as usize]).abs() <= 1e-12,
                    "constraint of {} with ({}, {}): {} vs {}", v, v, u, c.constraint_after,
                    after[v as usize]);
                let drop = set.constraint.map_or(0.0, |b| (b - after[v as usize]).max(0.0));
                prop_assert!((c.raw(Component::ConstraintDrop) - drop).abs() <= 1e-12);
                for comp in Component::ALL {
                    prop_assert!(c.raw(comp).is_finite() && c.raw(comp) >= 0.0);
                }
                prop_assert!(c.raw(Component::Complementarity) <= 1.0);
                prop_assert!(c.raw(Component::Proximity) <= 1.0);
            }
        }
    }
}
