//! Structural holes (Burt): constraint, effective size, efficiency and hierarchy — whether an
//! organization's partners are tied to each other (redundant) or only through it.

use super::NONE;
use crate::network::{node, Network};
use rayon::prelude::*;
use serde::Serialize;

/// Burt's structural-hole measures for every organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructuralHoles {
    /// Constraint C_i (NaN for isolates).
    pub constraint: Vec<f64>,
    /// Effective size E_i (NaN for isolates).
    pub effective_size: Vec<f64>,
    /// Efficiency E_i / degree_i (NaN for isolates).
    pub efficiency: Vec<f64>,
    /// Hierarchy H_i (NaN for degree < 2).
    pub hierarchy: Vec<f64>,
}

/// Per-thread scratch for the structural-hole kernel.
struct HoleScratch {
    pos: Vec<u32>,
    indirect: Vec<f64>,
    redundancy: Vec<f64>,
}

impl HoleScratch {
    fn new(n: usize) -> Self {
        HoleScratch {
            pos: vec![NONE; n],
            indirect: Vec::new(),
            redundancy: Vec::new(),
        }
    }
}

/// Computes (constraint, effective size, hierarchy) of `v`; `want_es` skips effective size.
fn holes_of(
    net: &Network,
    strength: &[f64],
    max_w: &[f64],
    weighted: bool,
    v: usize,
    want_all: bool,
    s: &mut HoleScratch,
) -> (f64, f64, f64) {
    let vn = node(v);
    let ns = net.neighbors(vn);
    let k = ns.len();
    if k == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let wv = net.neighbor_weights(vn);
    let w_of = |w: f64| if weighted { w } else { 1.0 };
    for (i, &u) in ns.iter().enumerate() {
        s.pos[u as usize] = i as u32;
    }
    s.indirect.clear();
    s.indirect.resize(k, 0.0);
    s.redundancy.clear();
    s.redundancy.resize(k, 0.0);
    let sv = strength[v];
    for (qi, (&q, &wvq)) in ns.iter().zip(wv).enumerate() {
        let p_vq = w_of(wvq) / sv;
        let sq = strength[q as usize];
        let mut red = 0.0;
        for (&j, &wqj) in net.neighbors(q).iter().zip(net.neighbor_weights(q)) {
            let pj = s.pos[j as usize];
            if pj == NONE {
                continue;
            }
            let wqj = w_of(wqj);
            s.indirect[pj as usize] += p_vq * wqj / sq;
            if want_all {
                // Redundancy of q: Σ_j p_vj · m_qj with m_qj = w_qj / max_x w_qx.
                red += w_of(wv[pj as usize]) / sv * wqj;
            }
        }
        if want_all {
            s.redundancy[qi] = red / max_w[q as usize];
        }
    }
    let mut c_total = 0.0;
    for (j, &wvj) in wv.iter().enumerate() {
        let c = w_of(wvj) / sv + s.indirect[j];
        let c = c * c;
        s.indirect[j] = c; // now the local constraint c_vj
        c_total += c;
    }
    let mut es = f64::NAN;
    let mut hier = f64::NAN;
    if want_all {
        es = s.redundancy.iter().map(|r| 1.0 - r).sum();
        if k >= 2 {
            let kf = k as f64;
            let mean = c_total / kf;
            let sum: f64 = s
                .indirect
                .iter()
                .map(|&c| {
                    let r = c / mean;
                    if r > 0.0 {
                        r * r.ln()
                    } else {
                        0.0
                    }
                })
                .sum();
            hier = sum / (kf * kf.ln());
        }
    }
    for &u in ns {
        s.pos[u as usize] = NONE;
    }
    (c_total, es, hier)
}

fn strengths(net: &Network, weighted: bool) -> (Vec<f64>, Vec<f64>) {
    let n = net.node_count();
    let mut strength = vec![0.0; n];
    let mut max_w = vec![0.0f64; n];
    for v in 0..n {
        let ws = net.neighbor_weights(node(v));
        if weighted {
            strength[v] = ws.iter().sum();
            max_w[v] = ws.iter().copied().fold(0.0, f64::max);
        } else {
            strength[v] = ws.len() as f64;
            max_w[v] = if ws.is_empty() { 0.0 } else { 1.0 };
        }
    }
    (strength, max_w)
}

/// Burt's constraint of every organization.
///
/// C_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ i, j} p_iq · p_qj)², with
/// p_ij = w_ij / Σ_{k ∈ N(i)} w_ik the proportion of i's tie weight invested in j (w: collapsed
/// tie weight, or 1 for every tie when `weighted` is false; N(i): neighbours of i). High
/// constraint: i's contacts are few and tied to each other; low: i spans structural holes.
///
/// # Arguments
/// * `net` — the network.
/// * `weighted` — use collapsed tie weights (`true`) or treat every tie as weight 1.
///
/// # Returns
/// C_i per node; NaN for isolates (as NetworkX).
///
/// # Complexity
/// O(Σ_q deg(q)²) time (each neighbour's adjacency is scanned once per ego), run in parallel
/// over egos with per-thread scratch (results do not depend on the thread count);
/// O(n) extra memory per thread.
///
/// # Reference
/// R. S. Burt, *Structural Holes* (1992). Same convention as NetworkX
/// `constraint(G, weight="weight")` (or `weight=None` when `weighted` is false).
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::constraint;
/// use puentes_analysis::network::Network;
/// // Star with centre 0 and three leaves: the centre has p = 1/3 to each leaf → 3·(1/3)² = 1/3;
/// // a leaf invests everything in the centre → 1.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let c = constraint(&net, true);
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12);
/// assert!((c[1] - 1.0).abs() < 1e-12);
/// ```
pub fn constraint(net: &Network, weighted: bool) -> Vec<f64> {
    let n = net.node_count();
    let (strength, max_w) = strengths(net, weighted);
    (0..n)
        .into_par_iter()
        .map_init(
            || HoleScratch::new(n),
            |s, v| holes_of(net, &strength, &max_w, weighted, v, false, s).0,
        )
        .collect()
}

/// Burt's structural-hole measures: constraint, effective size, efficiency and hierarchy.
///
/// With N(i) the neighbours of i, k_i = |N(i)|, w_ij the tie weight (1 for every tie when
/// `weighted` is false), p_ij = w_ij / Σ_{k∈N(i)} w_ik and m_jq = w_jq / max_x w_jx:
/// * constraint C_i = Σ_{j∈N(i)} c_ij, c_ij = (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²
///   (see [`constraint`]);
/// * effective size E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq m_jq); without weights this
///   equals Borgatti's simplification k_i − 2t_i/k_i (t_i: ties among i's contacts), which is
///   what NetworkX uses for unweighted undirected graphs;
/// * efficiency = E_i / k_i;
/// * hierarchy (Burt 1992, p. 71; NetworkX has none)
///   H_i = Σ_{j∈N(i)} (r_ij ln r_ij) / (k_i ln k_i), r_ij = c_ij / (C_i / k_i): 0 when all
///   contacts constrain i equally, approaching 1 when one contact holds all the constraint.
///
/// Isolates get NaN for all four (NetworkX returns NaN for constraint and effective size of
/// isolates); hierarchy is also NaN for k_i = 1, where it is 0/0.
///
/// # Arguments
/// * `net` — the network.
/// * `weighted` — use collapsed tie weights or treat every tie as 1.
///
/// # Returns
/// A [`StructuralHoles`] with one value per node in each vector.
///
/// # Complexity
/// O(Σ_q deg(q)²) time, parallel over egos (deterministic); O(n) extra memory per thread.
///
/// # Reference
/// R. S. Burt, *Structural Holes* (1992); S. P. Borgatti, "Structural holes: unpacking Burt's
/// redundancy measures", Connections 20 (1997). Same conventions as NetworkX
/// `constraint(G, weight=...)` and `effective_size(G, weight=...)`.
///
/// # Examples
/// ```
/// use puentes_analysis::gaps::structural_holes;
/// use puentes_analysis::network::Network;
/// // Star with centre 0 and three unconnected leaves: effective size 3, efficiency 1,
/// // hierarchy 0 (all leaves constrain equally).
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let h = structural_holes(&net, false);
/// assert!((h.effective_size[0] - 3.0).abs() < 1e-12);
/// assert!((h.efficiency[0] - 1.0).abs() < 1e-12);
/// assert!(h.hierarchy[0].abs() < 1e-12);
/// assert!(h.hierarchy[1].is_nan());
/// ```
pub fn structural_holes(net: &Network, weighted: bool) -> StructuralHoles {
    let n = net.node_count();
    let (strength, max_w) = strengths(net, weighted);
    let all: Vec<(f64, f64, f64)> = (0..n)
        .into_par_iter()
        .map_init(
            || HoleScratch::new(n),
            |s, v| holes_of(net, &strength, &max_w, weighted, v, true, s),
        )
        .collect();
    let mut out = StructuralHoles {
        constraint: Vec::with_capacity(n),
        effective_size: Vec::with_capacity(n),
        efficiency: Vec::with_capacity(n),
        hierarchy: Vec::with_capacity(n),
    };
    for (v, (c, e, h)) in all.into_iter().enumerate() {
        out.constraint.push(c);
        out.effective_size.push(e);
        out.efficiency.push(e / net.degree(node(v)) as f64);
        out.hierarchy.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_holes_by_hand() {
        // Triangle 0-1-2 plus pendant 3 on 0, unweighted.
        // Node 0: N = {1,2,3}, p = 1/3 each. p_12 = 1/2 (1's ties: 0, 2), p_21 = 1/2.
        // c_01 = (1/3 + p_02 p_21)² = (1/3 + 1/6)² = 1/4; c_02 = 1/4; c_03 = (1/3)² = 1/9.
        // C_0 = 1/2 + 1/9 = 11/18.
        // ES_0 (Borgatti): 3 − 2·1/3 = 7/3. Efficiency 7/9.
        // Hierarchy: mean = 11/54; r = (27/22, 27/22, 6/11).
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
        let h = structural_holes(&net, false);
        assert_close!(h.constraint[0], 11.0 / 18.0, 1e-12);
        assert_close!(h.effective_size[0], 7.0 / 3.0, 1e-12);
        assert_close!(h.efficiency[0], 7.0 / 9.0, 1e-12);
        let r = [27.0f64 / 22.0, 27.0 / 22.0, 6.0 / 11.0];
        let expect: f64 = r.iter().map(|x| x * x.ln()).sum::<f64>() / (3.0 * 3.0f64.ln());
        assert_close!(h.hierarchy[0], expect, 1e-12);
        // Node 1: N = {0,2}, p = 1/2; p_02 = 1/3, p_20 = 1/2.
        // c_10 = (1/2 + 1/2·1/2)² = 9/16; c_12 = (1/2 + 1/2·1/3)² = 4/9.
        assert_close!(h.constraint[1], 9.0 / 16.0 + 4.0 / 9.0, 1e-12);
        // Pendant: C = 1, ES = 1, hierarchy undefined.
        assert_close!(h.constraint[3], 1.0, 1e-12);
        assert_close!(h.effective_size[3], 1.0, 1e-12);
        assert!(h.hierarchy[3].is_nan());
        assert_eq!(constraint(&net, false), h.constraint);
        // Isolates are NaN.
        let h = structural_holes(&Network::from_edges(2, &[]), true);
        assert!(h.constraint[0].is_nan() && h.effective_size[0].is_nan());
    }

    #[test]
    fn weighted_structural_holes_by_hand() {
        // Path 1 - 0 - 2 with w01 = 3, w02 = 1, plus 1-2 with weight 2.
        // s0 = 4, s1 = 5, s2 = 3. p01 = 3/4, p02 = 1/4, p12 = 2/5, p21 = 2/3.
        // c_01 = (3/4 + 1/4·2/3)² = (11/12)²; c_02 = (1/4 + 3/4·2/5)² = (11/20)².
        // ES_0 = Σ_j (1 − Σ_q p_0q m_jq): m_12 = 2/max(3,2) = 2/3, m_21 = 2/max(1,2) = 1.
        // j=1: 1 − p02·m12 = 1 − 1/6; j=2: 1 − p01·m21 = 1 − 3/4. ES_0 = 13/12.
        let net = Network::from_edges(3, &[(0, 1, 3.0), (0, 2, 1.0), (1, 2, 2.0)]);
        let h = structural_holes(&net, true);
        let c0 = (11.0f64 / 12.0).powi(2) + (11.0f64 / 20.0).powi(2);
        assert_close!(h.constraint[0], c0, 1e-12);
        assert_close!(h.effective_size[0], 13.0 / 12.0, 1e-12);
        assert_close!(h.efficiency[0], 13.0 / 24.0, 1e-12);
    }
}
