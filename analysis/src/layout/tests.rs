use super::pack::distance;
use super::*;
use crate::small_graphs::{complete, path, star, two_triangles, unit};
use std::collections::BTreeMap;

/// A pseudo-random network of `n` nodes with about `k` ties per node and weights 1-5, built
/// without a random number generator (reproducible from the formula alone).
fn scrambled(n: u32, k: u32) -> Network {
    let mut e = Vec::new();
    for a in 0..n {
        for j in 1..=k {
            let b = (a * 7 + j * 13 + (a * j) % 11) % n;
            e.push((a, b, f64::from(1 + (a + j) % 5)));
        }
    }
    Network::from_edges(n as usize, &e)
}

fn bits(l: &Layout) -> Vec<[u64; 2]> {
    l.positions
        .iter()
        .map(|p| [p[0].to_bits(), p[1].to_bits()])
        .collect()
}

/// The real networks beside the repository (`../shared/datasets`, see its README).
fn dataset(path: &str) -> String {
    let full = format!(
        "{}/../../shared/datasets/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// A whitespace-separated edge list (`#` comments skipped; with `declared`, only the number
/// of edge lines the first line declares, as ca-HepPh's file needs), ids renumbered in
/// ascending order, self-loops dropped, unit weights.
fn edge_list(text: &str, declared: bool) -> Network {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let limit = if declared {
        let header = lines.next().unwrap_or_default();
        header
            .split_whitespace()
            .next()
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("header {header:?}"))
    } else {
        usize::MAX
    };
    let pairs: Vec<(u64, u64)> = lines
        .take(limit)
        .map(|l| {
            let mut it = l.split_whitespace().map(|x| x.parse::<u64>());
            match (it.next(), it.next()) {
                (Some(Ok(a)), Some(Ok(b))) => (a, b),
                _ => panic!("not an edge: {l:?}"),
            }
        })
        .collect();
    let mut ids = BTreeMap::new();
    for &(a, b) in &pairs {
        ids.insert(a, 0u32);
        ids.insert(b, 0u32);
    }
    for (i, v) in ids.values_mut().enumerate() {
        *v = node(i);
    }
    let edges: Vec<_> = pairs
        .iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (ids[a], ids[b], 1.0))
        .collect();
    Network::from_edges(ids.len(), &edges)
}

/// Mean distance between tied nodes and between all pairs of nodes of one component.
fn tied_and_all(net: &Network, l: &Layout) -> (f64, f64) {
    let p = &l.positions;
    let comps = components(net);
    let tied: Vec<f64> = net
        .edges()
        .map(|(u, v, _)| distance(p[u as usize], p[v as usize]))
        .collect();
    let mut all = Vec::new();
    for u in 0..net.node_count() {
        for v in u + 1..net.node_count() {
            if comps.label[u] == comps.label[v] {
                all.push(distance(p[u], p[v]));
            }
        }
    }
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
    (mean(&tied), mean(&all))
}

#[test]
fn same_network_and_seed_same_coordinates_bit_for_bit_on_any_thread_count() {
    // 600 nodes: above the parallel threshold, so forces are computed on the pool.
    let net = scrambled(600, 3);
    let opts = LayoutOptions {
        iterations: 60,
        ..LayoutOptions::default()
    };
    let radius = vec![0.2; 600];
    let one = crate::on_threads(1, || layout(&net, Some(&radius), &opts));
    let two = crate::on_threads(2, || layout(&net, Some(&radius), &opts));
    let again = crate::on_threads(2, || layout(&net, Some(&radius), &opts));
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(bits(&two), bits(&again));
    assert_eq!(
        (one.width.to_bits(), one.height.to_bits()),
        (two.width.to_bits(), two.height.to_bits())
    );
    // Another seed, another picture.
    let other = layout(&net, Some(&radius), &LayoutOptions { seed: 7, ..opts });
    assert_ne!(bits(&one), bits(&other));
}

#[test]
fn no_nan_on_awkward_networks() {
    let heavy = Network::from_edges(3, &[(0, 1, 1e6), (1, 2, 1e-6)]);
    let cases = [
        Network::from_edges(0, &[]),
        Network::from_edges(1, &[]),
        Network::from_edges(5, &[]),
        path(2),
        path(30),
        star(40),
        complete(12),
        two_triangles(),
        heavy,
        scrambled(300, 2),
    ];
    for (k, net) in cases.iter().enumerate() {
        for radius in [None, Some(vec![0.3; net.node_count()])] {
            let l = layout(net, radius.as_deref(), &LayoutOptions::default());
            assert_eq!(l.positions.len(), net.node_count());
            assert!(l.width.is_finite() && l.height.is_finite(), "case {k}");
            for p in &l.positions {
                assert!(p[0].is_finite() && p[1].is_finite(), "case {k}: {p:?}");
                assert!((-1e-9..=l.width + 1e-9).contains(&p[0]), "case {k}: {p:?}");
                assert!((-1e-9..=l.height + 1e-9).contains(&p[1]), "case {k}: {p:?}");
            }
        }
        let raw = force_atlas2(net, &LayoutOptions::default());
        assert!(raw.iter().flatten().all(|x| x.is_finite()), "case {k}");
    }
}

#[test]
fn each_component_has_mean_tie_length_one() {
    // Two triangles joined by a bridge, a path of 5 and a star of 6, in one network.
    let mut e: Vec<(Node, Node)> = crate::small_graphs::TWO_TRIANGLES.to_vec();
    e.extend((6..10).map(|i| (i, i + 1)));
    e.extend((12..17).map(|i| (11, i)));
    let net = unit(17, &e);
    let l = layout(&net, None, &LayoutOptions::default());
    let comps = components(&net);
    for c in 0..comps.count as u32 {
        let lengths: Vec<f64> = net
            .edges()
            .filter(|&(u, _, _)| comps.label[u as usize] == c)
            .map(|(u, v, _)| distance(l.positions[u as usize], l.positions[v as usize]))
            .collect();
        let mean = lengths.iter().sum::<f64>() / lengths.len() as f64;
        assert_close!(mean, 1.0, 1e-9);
    }
}

#[test]
fn isolated_organizations_sit_in_a_grid_beside_the_rest() {
    // A 40-node component and 60 isolated nodes, drawn as points: the isolated nodes fill
    // rows of a grid LayoutOptions::default().component_gap apart (only one, beside the component, has no grid
    // neighbour), and the picture is no larger than the component plus a grid of 60 cells.
    let mut e: Vec<(Node, Node)> = (0..39).map(|i| (i, i + 1)).collect();
    e.extend((0..35).map(|i| (i, i + 5)));
    let net = unit(100, &e);
    let l = layout(&net, None, &LayoutOptions::default());
    let p = &l.positions;
    let mut in_grid = 0;
    for v in 40..100 {
        let nearest = (0..100)
            .filter(|&u| u != v)
            .map(|u| distance(p[u], p[v]))
            .fold(f64::MAX, f64::min);
        assert!(
            nearest <= 2.0 * LayoutOptions::default().component_gap,
            "{v}: {nearest}"
        );
        in_grid += usize::from((nearest - LayoutOptions::default().component_gap).abs() < 1e-9);
    }
    assert_eq!(in_grid, 59);
    let alone = layout(&unit(40, &e), None, &LayoutOptions::default());
    assert!(
        l.width * l.height <= (alone.width + 1.0) * (alone.height + 1.0) + 2.0 * 60.0,
        "{} × {} against {} × {}",
        l.width,
        l.height,
        alone.width,
        alone.height
    );
}

#[test]
fn discs_do_not_overlap_after_separation() {
    let net = complete(20);
    let radius = vec![0.25; 20];
    let l = layout(&net, Some(&radius), &LayoutOptions::default());
    for u in 0..20 {
        for v in u + 1..20 {
            let d = distance(l.positions[u], l.positions[v]);
            assert!(d >= 0.5 - 1e-6, "{u} {v}: {d}");
        }
    }
}

#[test]
fn tied_families_sit_closer_than_families_at_large_on_florentine_marriages() {
    // Padgett's Florentine families, marriage ties (PADGB: see SOURCE.txt, the files' names
    // are swapped): 16 families, 20 ties, Pucci isolated.
    let net = edge_list(&dataset("padgett-florentine/PADGB.edgelist"), false);
    let net = if net.node_count() < 16 {
        // The edge list leaves out isolated Pucci; add it back.
        let e: Vec<_> = net.edges().collect();
        Network::from_edges(16, &e)
    } else {
        net
    };
    assert_eq!((net.node_count(), net.edge_count()), (16, 20));
    let l = layout(&net, None, &LayoutOptions::default());
    let (tied, all) = tied_and_all(&net, &l);
    assert_close!(tied, 1.0, 1e-9);
    assert!(tied < 0.6 * all, "tied {tied}, all pairs {all}");
}

#[test]
fn tied_pairs_sit_closer_than_pairs_at_large_on_knoke_and_email() {
    // SNAP's email-Eu-core: e-mail between members of a research institution (directions
    // dropped), dense and clustered by department.
    let net = edge_list(&dataset("email-Eu-core/email-Eu-core.txt"), false);
    let l = layout(&net, None, &LayoutOptions::default());
    let (tied, all) = tied_and_all(&net, &l);
    assert!(
        tied < 0.6 * all,
        "email-Eu-core: tied {tied}, all pairs {all}"
    );
    // Knoke's 10 bureaucracies exchange information densely (32 of 45 pairs are tied; the
    // file is KNOKM, see SOURCE.txt on the swapped names), so every pair is near; tied pairs
    // are still nearer.
    let net = edge_list(&dataset("knoke-bureaucracies/KNOKM.edgelist"), false);
    assert_eq!((net.node_count(), net.edge_count()), (10, 32));
    let l = layout(&net, None, &LayoutOptions::default());
    let (tied, all) = tied_and_all(&net, &l);
    assert!(tied < all, "Knoke: tied {tied}, all pairs {all}");
}

#[test]
fn community_network_sums_ties_between_communities() {
    // Two triangles and their bridge, split into the triangles: one edge of weight 1.
    let q = community_network(&two_triangles(), &[0, 0, 0, 1, 1, 1], 2);
    assert_eq!((q.node_count(), q.edge_count()), (2, 1));
    assert_eq!(q.weight(0, 1), Some(1.0));
    // One community: no edge at all.
    let q = community_network(&two_triangles(), &[0; 6], 1);
    assert_eq!((q.node_count(), q.edge_count()), (1, 0));
}

#[test]
fn ego_networks_keep_the_strongest_and_best_tied_first() {
    // Centre 0 tied to 1 (weight 1), 2 (weight 5) and 3 (weight 3); 4 is tied to 1 and 2,
    // 5 only to 3; 6 is three ties away.
    let net = Network::from_edges(
        7,
        &[
            (0, 1, 1.0),
            (0, 2, 5.0),
            (0, 3, 3.0),
            (1, 4, 1.0),
            (2, 4, 1.0),
            (3, 5, 1.0),
            (5, 6, 1.0),
        ],
    );
    let all = ego_network(&net, 0, 2, 100);
    assert_eq!(all.nodes, vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(all.distance, vec![0, 1, 1, 1, 2, 2]);
    assert_eq!(all.reachable, 6);
    // Cap 3: the centre, then 2 (weight 5) and 3 (weight 3).
    let capped = ego_network(&net, 0, 2, 3);
    assert_eq!((capped.nodes, capped.reachable), (vec![0, 2, 3], 6));
    // Cap 5: every neighbour, then 4 (tied to two of them) before 5 (tied to one).
    assert_eq!(ego_network(&net, 0, 2, 5).nodes, vec![0, 1, 2, 3, 4]);
    assert_eq!(ego_network(&net, 0, 1, 100).nodes, vec![0, 1, 2, 3]);
    assert_eq!(ego_network(&net, 6, 0, 100).nodes, vec![6]);
}

/// Time per network size (release build; prints a table row per network):
/// `cargo test --release -p puentes-analysis --lib layout::tests::timing -- --ignored --nocapture`
#[test]
#[ignore = "timing, run by hand in release"]
fn timing() {
    let fixture = {
        let root = format!("{}/../fixtures/hip", env!("CARGO_MANIFEST_DIR"));
        let orgs = std::fs::read_to_string(format!("{root}/organizations.csv")).expect("orgs");
        let ties = std::fs::read_to_string(format!("{root}/ties.csv")).expect("ties");
        let ids: BTreeMap<&str, u32> = orgs
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .enumerate()
            .map(|(i, id)| (id, node(i)))
            .collect();
        let edges: Vec<_> = ties
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some((*ids.get(f[0])?, *ids.get(f[1])?, f[3].parse::<f64>().ok()?))
            })
            .collect();
        Network::from_edges(ids.len(), &edges)
    };
    let nets = [
        ("fixture (fixtures/hip)", fixture),
        ("ca-GrQc", edge_list(&dataset("ca-GrQc/CA-GrQc.txt"), false)),
        (
            "ca-HepPh",
            edge_list(&dataset("ca-HepPh/CA-HepPh.txt"), true),
        ),
    ];
    // Median of three runs of `f`, in seconds.
    fn median<T>(mut f: impl FnMut() -> T) -> (f64, T) {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..3 {
            let t = std::time::Instant::now();
            last = Some(f());
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        (times[1], last.expect("ran"))
    }
    println!(
        "| network | nodes | ties | components | `layout` of the whole network (s) | \
         communities | community network + each community laid out (s) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, net) in &nets {
        let (whole, l) = median(|| layout(net, None, &LayoutOptions::default()));
        let mean_tie = net
            .edges()
            .map(|(u, v, _)| distance(l.positions[u as usize], l.positions[v as usize]))
            .sum::<f64>()
            / net.edge_count() as f64;
        assert_close!(mean_tie, 1.0, 1e-6);
        // What the map computes above its threshold: the community network and each
        // community on its own (the Louvain partition of the gap analysis, not timed).
        let p = crate::community::louvain(net, 1.0, crate::policy::DEFAULT_SEED);
        let (overview, ()) = median(|| {
            let q = community_network(net, &p.membership, p.count);
            layout(&q, None, &LayoutOptions::default());
            for members in p.communities() {
                layout(&induced(net, &members), None, &LayoutOptions::default());
            }
        });
        println!(
            "| {name} | {} | {} | {} | {whole:.3} | {} | {overview:.3} |",
            net.node_count(),
            net.edge_count(),
            components(net).count,
            p.count
        );
    }
}
