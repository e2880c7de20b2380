//! puentes-analysis gaps, communities and attribute statistics against NetworkX 3.4.2,
//! igraph 1.0.0 and SciPy 1.17.1 on real networks.
//!
//! The reference values come from `tests/reference/gaps.py`, which writes
//! `tests/reference/gaps-<name>.json`; this test parses the same datasets from
//! `shared/datasets` (beside the repository root) with its own tiny edge-list reader, builds
//! `Network::from_edges`, and compares.
//!
//! * structural holes (constraint, effective size; weighted and unweighted): within
//!   `1e-9 · max(1, |reference|)`, NaN (null in the JSON) for isolates on both sides (every
//!   node on Florentine and Knoke; every 8th node by id on ca-GrQc, where NetworkX is slow);
//! * articulation points and bridges: equal sets; what each would cut off is checked
//!   against a brute-force removal on every graph;
//! * modularity of igraph's partition: equal to NetworkX's within 1e-9; Louvain and Leiden
//!   modularity at least igraph's − 0.005 on ca-GrQc;
//! * Gould–Fernandez brokerage on Knoke's information network by Sector: equal counts;
//! * Pearson / Spearman: r within 1e-9, p-values within 1e-6 of SciPy; assortativity within
//!   1e-9 of NetworkX.
//!
//! Datasets (see each SOURCE.txt): Florentine marriage = PADGB.edgelist and business =
//! PADGM.edgelist (label swap), all 16 families (PUCCI isolated); Knoke information =
//! KNOKM.edgelist and money = KNOKI.edgelist (label swap, CRLF); ca-GrQc whole graph,
//! self-loops dropped, each undirected edge once.

use crate::grqc;
use puentes_analysis::attributes::{
    nominal_assortativity, numeric_assortativity, pearson, spearman,
};
use puentes_analysis::community::{leiden, louvain, modularity};
use puentes_analysis::gaps::{
    brokerage, constraint, cut_points, peripheral_organizations, structural_holes, PeripheryReason,
};
use puentes_analysis::network::Node;
use puentes_analysis::Network;
use puentes_e2e::{node_count, read_pairs};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, VecDeque};

const EXACT: f64 = 1e-9;

fn reference(name: &str) -> Value {
    puentes_e2e::reference(&format!("gaps-{name}"))
}

fn n32(i: u64) -> Node {
    Node::try_from(i).expect("small test graphs")
}

/// Graph over nodes 0..n where every input pair adds weight 1 to its undirected edge (so the
/// weight is the number of pairs joining it, as in gaps.py), arcs as given.
fn counted(n: usize, pairs: &[(u64, u64)]) -> Network {
    let edges: Vec<(Node, Node, f64)> = pairs.iter().map(|&(a, b)| (n32(a), n32(b), 1.0)).collect();
    Network::from_edges(n, &edges)
}

fn close(a: f64, b: &Value, tol: f64, what: &str) {
    match b.as_f64() {
        None => assert!(a.is_nan(), "{what}: got {a}, reference null (NaN)"),
        Some(b) => assert!(
            (a - b).abs() <= tol * b.abs().max(1.0),
            "{what}: got {a}, reference {b}"
        ),
    }
}

/// Compares per-node values with a `{id: value}` reference object (all nodes, or a sample
/// of them for ca-GrQc).
fn per_node(values: &[f64], reference: &Value, ids: &[u64], what: &str) {
    let obj = reference
        .as_object()
        .unwrap_or_else(|| panic!("{what}: not an object"));
    assert!(!obj.is_empty(), "{what}: empty reference");
    let index: HashMap<String, usize> = ids
        .iter()
        .enumerate()
        .map(|(v, id)| (id.to_string(), v))
        .collect();
    for (key, want) in obj {
        let v = *index
            .get(key)
            .unwrap_or_else(|| panic!("{what}: unknown node {key}"));
        close(values[v], want, EXACT, &format!("{what} node {key}"));
    }
}

/// Sizes of the pieces left in v's component after removing v, by BFS (largest first).
fn pieces_without(net: &Network, v: Node) -> Vec<usize> {
    let n = net.node_count();
    let mut seen = vec![false; n];
    seen[v as usize] = true;
    let mut sizes = Vec::new();
    for &s in net.neighbors(v) {
        if seen[s as usize] {
            continue;
        }
        seen[s as usize] = true;
        let mut q = VecDeque::from([s]);
        let mut size = 0;
        while let Some(x) = q.pop_front() {
            size += 1;
            for &u in net.neighbors(x) {
                if !seen[u as usize] {
                    seen[u as usize] = true;
                    q.push_back(u);
                }
            }
        }
        sizes.push(size);
    }
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

fn check_graph(net: &Network, ids: &[u64], r: &Value, name: &str) {
    let w = structural_holes(net, true);
    let u = structural_holes(net, false);
    per_node(
        &w.constraint,
        &r["constraint_weighted"],
        ids,
        &format!("{name} constraint w"),
    );
    per_node(
        &u.constraint,
        &r["constraint_unweighted"],
        ids,
        &format!("{name} constraint"),
    );
    per_node(
        &w.effective_size,
        &r["effective_size_weighted"],
        ids,
        &format!("{name} ES w"),
    );
    per_node(
        &u.effective_size,
        &r["effective_size_unweighted"],
        ids,
        &format!("{name} ES"),
    );
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(&constraint(net, true)),
        bits(&w.constraint),
        "{name}: constraint() = structural_holes()"
    );

    let cuts = cut_points(net, usize::MAX);
    let aps: BTreeSet<u64> = cuts
        .articulation_points
        .iter()
        .map(|a| ids[a.node as usize])
        .collect();
    let ref_aps: BTreeSet<u64> = r["articulation_points"]
        .as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("id"))
        .collect();
    assert_eq!(aps, ref_aps, "{name}: articulation points");
    let bridges: BTreeSet<(u64, u64)> = cuts
        .bridges
        .iter()
        .map(|b| {
            let (x, y) = (ids[b.u as usize], ids[b.v as usize]);
            (x.min(y), x.max(y))
        })
        .collect();
    let ref_bridges: BTreeSet<(u64, u64)> = r["bridges"]
        .as_array()
        .expect("array")
        .iter()
        .map(|e| (e[0].as_u64().expect("id"), e[1].as_u64().expect("id")))
        .collect();
    assert_eq!(bridges, ref_bridges, "{name}: bridges");
    // What each articulation point cuts off, against brute-force removal.
    for a in &cuts.articulation_points {
        let sizes = pieces_without(net, a.node);
        assert!(sizes.len() >= 2, "{name}: {} is no cut vertex", a.node);
        assert_eq!(a.remaining, sizes[0], "{name}: remaining after {}", a.node);
        assert_eq!(
            a.cut_off_sizes,
            sizes[1..].to_vec(),
            "{name}: pieces of {}",
            a.node
        );
        let listed: Vec<usize> = a.cut_off.iter().map(Vec::len).collect();
        assert_eq!(listed, a.cut_off_sizes, "{name}: full lists");
        assert_eq!(a.component_size, sizes.iter().sum::<usize>() + 1);
    }
    for b in &cuts.bridges {
        assert_eq!(b.smaller_side.len(), b.smaller_side_size);
        assert!(b.smaller_side_size <= b.larger_side_size);
        assert!(b.smaller_side.contains(&b.v) && !b.smaller_side.contains(&b.u));
    }
}

#[test]
fn florentine_structural_holes_and_cut_points() {
    let r = reference("florentine");
    let n = node_count("padgett-florentine/PADGM.nodes");
    assert_eq!(r["nodes"].as_u64(), Some(n as u64));
    let ids: Vec<u64> = (0..n as u64).collect();
    let marriage = read_pairs("padgett-florentine/PADGB.edgelist");
    let business = read_pairs("padgett-florentine/PADGM.edgelist");
    let both: Vec<(u64, u64)> = marriage.iter().chain(&business).copied().collect();
    assert_eq!(
        r["marriage"]["constraint_weighted"]
            .as_object()
            .map(|o| o.len()),
        Some(n)
    );
    check_graph(&counted(n, &marriage), &ids, &r["marriage"], "marriage");
    check_graph(&counted(n, &business), &ids, &r["business"], "business");
    let net = counted(n, &both);
    assert!(
        net.edges().any(|(_, _, w)| w == 2.0),
        "some pairs carry both relations"
    );
    check_graph(&net, &ids, &r["both"], "both");
}

/// Periphery on the Florentine marriage network against NetworkX: the rule documented on
/// `peripheral_organizations` (isolated: degree 0; pendant: degree 1; low coreness: core
/// number 1 with degree ≥ 2; low closeness: at most the ⌈n′/10⌉-th smallest closeness of the
/// n′ connected families and below their median), applied to NetworkX 3.4.2's `degree`,
/// `core_number` and `closeness_centrality` from `tests/reference/centrality-florentine.json`,
/// flags the same families for the same reasons; isolates come first.
#[test]
fn florentine_periphery_follows_networkx_core_numbers_and_closeness() {
    let doc = puentes_e2e::reference("centrality-florentine");
    let n = node_count("padgett-florentine/PADGM.nodes");
    let ids: Vec<&str> = doc["node_ids"]
        .as_array()
        .expect("node_ids")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let in_order: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    assert_eq!(ids, in_order, "node i is family i");
    let column = |m: &str| -> Vec<f64> {
        doc["metrics"][m]
            .as_array()
            .unwrap_or_else(|| panic!("metrics.{m}"))
            .iter()
            .map(|x| x.as_f64().unwrap_or_else(|| panic!("metrics.{m}: {x}")))
            .collect()
    };
    let (degree, core, close) = (column("degree"), column("core_number"), column("closeness"));
    let mut connected: Vec<f64> = (0..n)
        .filter(|&v| degree[v] > 0.0)
        .map(|v| close[v])
        .collect();
    connected.sort_by(f64::total_cmp);
    let threshold = connected[connected.len().div_ceil(10) - 1];
    let median = connected[(connected.len() - 1) / 2];
    let expected: Vec<(Node, Vec<&str>)> = (0..n)
        .map(|v| {
            let mut codes = Vec::new();
            if degree[v] == 0.0 {
                codes.push("isolated");
            } else {
                if degree[v] == 1.0 {
                    codes.push("pendant");
                }
                if core[v] == 1.0 && degree[v] >= 2.0 {
                    codes.push("low_coreness");
                }
                if close[v] <= threshold && close[v] < median {
                    codes.push("low_closeness");
                }
            }
            (n32(v as u64), codes)
        })
        .filter(|(_, codes)| !codes.is_empty())
        .collect();
    let net = counted(n, &read_pairs("padgett-florentine/PADGB.edgelist"));
    let flagged = peripheral_organizations(&net);
    let mut got: Vec<(Node, Vec<&str>)> = flagged
        .iter()
        .map(|p| {
            let codes = p
                .reasons
                .iter()
                .map(|r| match r {
                    PeripheryReason::Isolated => "isolated",
                    PeripheryReason::Pendant { .. } => "pendant",
                    PeripheryReason::LowCoreness { .. } => "low_coreness",
                    PeripheryReason::LowCloseness { .. } => "low_closeness",
                })
                .collect();
            (p.node, codes)
        })
        .collect();
    assert_eq!(
        flagged[0].reasons,
        vec![PeripheryReason::Isolated],
        "PUCCI first"
    );
    got.sort_by_key(|(v, _)| *v);
    assert_eq!(got, expected);
}

#[test]
fn knoke_structural_holes_and_cut_points() {
    let r = reference("knoke");
    let n = node_count("knoke-bureaucracies/KNOKM.nodes");
    let ids: Vec<u64> = (0..n as u64).collect();
    let info = read_pairs("knoke-bureaucracies/KNOKM.edgelist");
    let money = read_pairs("knoke-bureaucracies/KNOKI.edgelist");
    assert_eq!((info.len(), money.len()), (49, 22));
    check_graph(&counted(n, &info), &ids, &r["information"], "information");
    check_graph(&counted(n, &money), &ids, &r["money"], "money");
}

#[test]
fn knoke_brokerage_by_sector() {
    let r = reference("knoke");
    let n = node_count("knoke-bureaucracies/KNOKM.nodes");
    let info = read_pairs("knoke-bureaucracies/KNOKM.edgelist");
    let net = counted(n, &info);
    let codes: Vec<&str> = r["sector_codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code"))
        .collect();
    let groups: Vec<u32> = r["sector"]
        .as_array()
        .expect("sector")
        .iter()
        .map(|s| {
            let s = s.as_str().expect("sector");
            codes.iter().position(|&c| c == s).expect("known code") as u32
        })
        .collect();
    // Sectors (KNOKM.GraphML): GOV = COUN(0) EDUC(2) MAYR(4) WELF(8); PVT = INDU(3) NEWS(6);
    // VOL = COMM(1) WRO(5) UWAY(7) WEST(9).
    assert_eq!(groups, vec![0, 2, 0, 1, 0, 2, 1, 2, 0, 2]);
    let b = brokerage(&net, &groups);
    let reference = &r["brokerage_information"];
    for (role, got) in [
        (
            "coordinator",
            b.raw.iter().map(|x| x.coordinator).collect::<Vec<_>>(),
        ),
        ("itinerant", b.raw.iter().map(|x| x.itinerant).collect()),
        (
            "representative",
            b.raw.iter().map(|x| x.representative).collect(),
        ),
        ("gatekeeper", b.raw.iter().map(|x| x.gatekeeper).collect()),
        ("liaison", b.raw.iter().map(|x| x.liaison).collect()),
        ("total", b.raw.iter().map(|x| x.total).collect()),
    ] {
        let want: Vec<u64> = reference[role]
            .as_array()
            .expect("counts")
            .iter()
            .map(|x| x.as_u64().expect("count"))
            .collect();
        assert_eq!(got, want, "brokerage {role}");
    }
    // By hand, from KNOKM.edgelist.
    // WRO (5, VOL): in-arcs 2→5; out-arcs 5→2, 5→6, 5→8. Two-paths 2→5→6 (closed: 2→6
    // exists) and 2→5→8 (open: no 2→8). EDUC (GOV) → WRO (VOL) → WELF (GOV): itinerant.
    assert_eq!((b.raw[5].itinerant, b.raw[5].total), (1, 1));
    // INDU (3, PVT): in-arcs from 1, 2, 4, 6, 7; out-arcs to 0, 1, 4, 6. Every two-path
    // a→3→c is closed by an arc a→c except 2→3→0 (no 2→0) and 6→3→0 (no 6→0):
    // EDUC (GOV) → INDU (PVT) → COUN (GOV) is itinerant; NEWS (PVT) → INDU → COUN (GOV) is
    // representative (INDU carries its own sector's message out).
    let r3 = b.raw[3];
    assert_eq!(
        (
            r3.coordinator,
            r3.itinerant,
            r3.representative,
            r3.gatekeeper,
            r3.liaison,
            r3.total
        ),
        (0, 1, 1, 0, 0, 2)
    );
    // The expectations use the density of the directed view: 49 arcs / (10·9).
    assert!((b.density - 49.0 / 90.0).abs() < 1e-12);
}

#[test]
fn grqc_structural_holes_and_cut_points() {
    let r = reference("grqc");
    let (net, ids) = grqc();
    assert_eq!(r["nodes"].as_u64(), Some(net.node_count() as u64));
    assert_eq!(r["edges"].as_u64(), Some(net.edge_count() as u64));
    check_graph(&net, &ids, &r, "grqc");
}

#[test]
fn grqc_modularity_matches_networkx_and_beats_igraph() {
    let r = reference("grqc");
    let ig = &r["igraph"];
    let (net, ids) = grqc();
    let membership: Vec<u32> = ids
        .iter()
        .map(|id| {
            ig["multilevel_membership"][id.to_string()]
                .as_u64()
                .expect("membership") as u32
        })
        .collect();
    close(
        modularity(&net, &membership, 1.0),
        &ig["nx_modularity_of_multilevel"],
        EXACT,
        "modularity γ=1",
    );
    close(
        modularity(&net, &membership, 0.5),
        &ig["nx_modularity_of_multilevel_res05"],
        EXACT,
        "modularity γ=0.5",
    );
    let ig_louvain = ig["multilevel_modularity"].as_f64().expect("q");
    let ig_leiden = ig["leiden_n2_modularity"]
        .as_f64()
        .expect("q")
        .max(ig["leiden_n10_modularity"].as_f64().expect("q"));
    for seed in [1u64, 42, 2024] {
        let l = louvain(&net, 1.0, seed);
        let d = leiden(&net, 1.0, seed);
        println!(
            "seed {seed}: louvain Q = {:.6} ({} communities), leiden Q = {:.6} ({}); igraph \
             multilevel {ig_louvain:.6}, leiden {ig_leiden:.6}",
            l.modularity, l.count, d.modularity, d.count
        );
        assert!(
            l.modularity >= ig_louvain - 0.005,
            "louvain seed {seed}: {}",
            l.modularity
        );
        assert!(
            d.modularity >= ig_leiden - 0.005,
            "leiden seed {seed}: {}",
            d.modularity
        );
        assert!((l.modularity - modularity(&net, &l.membership, 1.0)).abs() < EXACT);
    }
}

#[test]
fn grqc_partitions_are_deterministic() {
    let (net, _) = grqc();
    let a = louvain(&net, 1.0, 7);
    let b = leiden(&net, 1.0, 7);
    // Same seed, same partition: again, and from other threads at the same time.
    let again = std::thread::scope(|s| {
        let h1 = s.spawn(|| louvain(&net, 1.0, 7));
        let h2 = s.spawn(|| leiden(&net, 1.0, 7));
        (h1.join().expect("louvain"), h2.join().expect("leiden"))
    });
    assert_eq!(a, again.0);
    assert_eq!(b, again.1);
    assert_eq!(a, louvain(&net, 1.0, 7));
    assert_eq!(b, leiden(&net, 1.0, 7));
}

fn opt_vec(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .expect("array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

#[test]
fn correlations_match_scipy() {
    let r = reference("florentine");
    let cases = r["correlations"].as_object().expect("cases");
    assert!(cases.len() >= 5);
    for (name, c) in cases {
        let (x, y) = (opt_vec(&c["x"]), opt_vec(&c["y"]));
        let p = pearson(&x, &y);
        let s = spearman(&x, &y);
        assert_eq!(Some(p.n as u64), c["n"].as_u64(), "{name}: n");
        close(p.r, &c["pearson_r"], EXACT, &format!("{name} pearson r"));
        close(s.r, &c["spearman_r"], EXACT, &format!("{name} spearman r"));
        let want_p = c["pearson_p"].as_f64().expect("p");
        let want_s = c["spearman_p"].as_f64().expect("p");
        assert!(
            (p.p_value - want_p).abs() < 1e-6,
            "{name}: pearson p {} vs {want_p}",
            p.p_value
        );
        assert!(
            (s.p_value - want_s).abs() < 1e-6,
            "{name}: spearman p {} vs {want_s}",
            s.p_value
        );
    }
}

#[test]
fn assortativity_matches_networkx() {
    let r = reference("florentine");
    let n = node_count("padgett-florentine/PADGM.nodes");
    let net = counted(n, &read_pairs("padgett-florentine/PADGB.edgelist"));
    let party: Vec<Option<u32>> = r["party"]
        .as_array()
        .expect("party")
        .iter()
        .map(|p| p.as_str().and_then(|s| s.bytes().next()).map(u32::from))
        .collect();
    // Made-up attribute stated in gaps.py: "abc"[v % 3].
    assert_eq!(party[4], Some(u32::from(b'b')));
    close(
        nominal_assortativity(&net, &party),
        &r["assortativity_party"],
        EXACT,
        "party assortativity",
    );
    close(
        numeric_assortativity(&net, &opt_vec(&r["wealth"])),
        &r["assortativity_wealth"],
        EXACT,
        "wealth assortativity",
    );
}
