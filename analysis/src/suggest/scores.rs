//! The topological scores of one pair, by definition (sorted-list merges), and the local
//! formulas the candidate scan evaluates for every candidate at once.
//!
//! The engine ([`super::candidates`]) does not call the pair functions: it accumulates the
//! same sums for all candidates in one scan. These functions are the definitions it is tested
//! against, and what a caller uses to score one given pair.
//!
//! Notation: Γ(x) the partners of x, k_x = |Γ(x)| its degree, w_xy the collapsed tie weight
//! (sum of the strengths of the ties joining x and y, see [`crate::network`]) and
//! s_x = Σ_{y∈Γ(x)} w_xy its strength.

use crate::network::{Network, Node};

/// Visits the common neighbours z of u and v, ascending, with (w_uz, w_zv).
fn for_common(net: &Network, u: Node, v: Node, mut f: impl FnMut(Node, f64, f64)) {
    let (a, wa) = (net.neighbors(u), net.neighbor_weights(u));
    let (b, wb) = (net.neighbors(v), net.neighbor_weights(v));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i], wa[i], wb[j]);
                i += 1;
                j += 1;
            }
        }
    }
}

/// The common neighbours Γ(u) ∩ Γ(v), ascending.
///
/// # Complexity
/// O(k_u + k_v) (merge of two sorted lists), O(|Γ(u) ∩ Γ(v)|) output.
///
/// # Reference
/// Same set as NetworkX `common_neighbors(G, u, v)`; its size is the common-neighbours score
/// of D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social networks",
/// JASIST 58(7), 2007.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::common_neighbors;
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (3, 1, 1.0), (3, 2, 1.0)]);
/// assert_eq!(common_neighbors(&net, 0, 3), vec![1, 2]);
/// ```
pub fn common_neighbors(net: &Network, u: Node, v: Node) -> Vec<Node> {
    let mut out = Vec::new();
    for_common(net, u, v, |z, _, _| out.push(z));
    out
}

/// Jaccard coefficient |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|, 0 when both have no partners.
///
/// # Complexity
/// O(k_u + k_v).
///
/// # Reference
/// P. Jaccard (1901); Liben-Nowell & Kleinberg (2007). Same as NetworkX
/// `jaccard_coefficient(G, [(u, v)])`.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::jaccard;
/// // 0 and 3 share partners 1 and 2; 3 also has partner 4: 2 / |{1, 2, 4}|.
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (0, 2, 1.0), (3, 1, 1.0), (3, 2, 1.0),
///                                    (3, 4, 1.0)]);
/// assert!((jaccard(&net, 0, 3) - 2.0 / 3.0).abs() < 1e-15);
/// ```
pub fn jaccard(net: &Network, u: Node, v: Node) -> f64 {
    let common = common_neighbors(net, u, v).len();
    let union = net.degree(u) + net.degree(v) - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Adamic–Adar index Σ_{z ∈ Γ(u) ∩ Γ(v)} 1 / ln k_z: shared partners count more the fewer
/// partners they have.
///
/// # Complexity
/// O(k_u + k_v).
///
/// # Reference
/// L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social Networks 25(3),
/// 2003. Same as NetworkX `adamic_adar_index(G, [(u, v)])` (u ≠ v).
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::adamic_adar;
/// // 0 and 3 share 1 (degree 2) and 2 (degree 3).
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (0, 2, 1.0), (3, 1, 1.0), (3, 2, 1.0),
///                                    (2, 4, 1.0)]);
/// let expect = 1.0 / 2f64.ln() + 1.0 / 3f64.ln();
/// assert!((adamic_adar(&net, 0, 3) - expect).abs() < 1e-15);
/// ```
pub fn adamic_adar(net: &Network, u: Node, v: Node) -> f64 {
    let mut s = 0.0;
    for_common(net, u, v, |z, _, _| s += 1.0 / (net.degree(z) as f64).ln());
    s
}

/// Resource allocation index Σ_{z ∈ Γ(u) ∩ Γ(v)} 1 / k_z.
///
/// # Complexity
/// O(k_u + k_v).
///
/// # Reference
/// T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local information",
/// Eur. Phys. J. B 71, 2009. Same as NetworkX `resource_allocation_index(G, [(u, v)])`.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::resource_allocation;
/// let net = Network::from_edges(5, &[(0, 1, 1.0), (0, 2, 1.0), (3, 1, 1.0), (3, 2, 1.0),
///                                    (2, 4, 1.0)]);
/// assert!((resource_allocation(&net, 0, 3) - (1.0 / 2.0 + 1.0 / 3.0)).abs() < 1e-15);
/// ```
pub fn resource_allocation(net: &Network, u: Node, v: Node) -> f64 {
    let mut s = 0.0;
    for_common(net, u, v, |z, _, _| s += 1.0 / net.degree(z) as f64);
    s
}

/// Preferential attachment k_u · k_v.
///
/// # Complexity
/// O(1).
///
/// # Reference
/// A.-L. Barabási and R. Albert, "Emergence of scaling in random networks", Science 286,
/// 1999; as a link predictor, Liben-Nowell & Kleinberg (2007). Same as NetworkX
/// `preferential_attachment(G, [(u, v)])`.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::preferential_attachment;
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (3, 1, 1.0)]);
/// assert_eq!(preferential_attachment(&net, 0, 3), 2.0);
/// ```
pub fn preferential_attachment(net: &Network, u: Node, v: Node) -> f64 {
    (net.degree(u) * net.degree(v)) as f64
}

/// Tie-strength-weighted Adamic–Adar Σ_{z ∈ Γ(u) ∩ Γ(v)} √(w_uz · w_zv) / ln(1 + s_z): a
/// shared partner counts more when both its ties are strong (the geometric mean of the two
/// weights: a repeated collaboration on both sides counts more, and one strong tie only
/// partly makes up for an occasional one), and less the more tie weight z spreads over
/// others (s_z, its strength, in place of the degree). With every weight 1 it is
/// Σ_z 1 / ln(1 + k_z), which ranks pairs like Adamic–Adar does when all shared partners
/// have equal degree. On dated co-participation data read with one tie per shared project
/// ([`crate::network`] sums them), w_xy is the number of projects x and y shared.
///
/// # Complexity
/// O(k_u + k_v).
///
/// # Reference
/// The weighted Adamic–Adar family of T. Murata and S. Moriyasu, "Link prediction of social
/// networks based on weighted proximity measures", IEEE/WIC/ACM WI 2007, and L. Lü and
/// T. Zhou, "Link prediction in weighted networks: the role of weak ties", EPL 89, 2010
/// (they add the two weights, w_uz + w_zv). The geometric mean is our choice: in the
/// time-split backtest on CORDIS (weights = shared projects) it ranked new pairs better than
/// both the sum and the minimum (BENCHMARKS.md, "Partner suggestions"). No NetworkX
/// counterpart.
///
/// # Examples
/// ```
/// use puentes_analysis::network::Network;
/// use puentes_analysis::suggest::scores::weighted_adamic_adar;
/// // 0 - 1 (weight 4) and 1 - 2 (weight 1): s_1 = 5, √(4 · 1) = 2.
/// let net = Network::from_edges(3, &[(0, 1, 4.0), (1, 2, 1.0)]);
/// assert!((weighted_adamic_adar(&net, 0, 2) - 2.0 / 6f64.ln()).abs() < 1e-15);
/// ```
pub fn weighted_adamic_adar(net: &Network, u: Node, v: Node) -> f64 {
    let mut s = 0.0;
    for_common(net, u, v, |z, wuz, wzv| {
        let sz: f64 = net.neighbor_weights(z).iter().sum();
        s += (wuz * wzv).sqrt() / sz.ln_1p();
    });
    s
}

/// The shared partners of u and v with the weights of their two ties `(z, w_uz, w_zv)`,
/// ascending by z.
pub(crate) fn shared_with_weights(net: &Network, u: Node, v: Node) -> Vec<(Node, f64, f64)> {
    let mut out = Vec::new();
    for_common(net, u, v, |z, a, b| out.push((z, a, b)));
    out
}

/// The sums the scan accumulates for one candidate c of the asking organization v, over the
/// common neighbours z (see [`constraint_after`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ConstraintSums {
    /// D = Σ_z a_z w_zc, a_z = p_vz + Σ_{q∈Γ(v), q≠z} p_vq p_qz (the term of z in C_v,
    /// before squaring).
    pub d: f64,
    /// Q = Σ_z w_zc².
    pub q: f64,
    /// R = Σ_z p_vz w_zc / s_z.
    pub r: f64,
}

/// Burt's constraint of v after adding the tie {v, c} of weight w, from v's constraint
/// before and three sums over the common neighbours.
///
/// With p_xy = w_xy / s_x, adding {v, c} scales every p_vj by α = s_v / (s_v + w), gives
/// p′_vc = w / (s_v + w) and p′_cj = w_cj / (s_c + w); nothing else changes. So
///
/// C′_v = α² C_v + 2 α β D + β² Q + (p′_vc + α R)², β = p′_vc / (s_c + w),
///
/// where the middle terms add the new indirect path v → c → j to each j ∈ Γ(v) ∩ Γ(c)
/// (with a_j + … expanded: (α a_j + β w_cj)² − (α a_j)²), and the last is the new contact c
/// with its indirect paths v → q → c. For an isolated v (s_v = 0): C′_v = 1.
/// O(1) given the sums. Tested against recomputing [`crate::gaps::constraint`] with the tie
/// added.
pub(crate) fn constraint_after(c_v: f64, s_v: f64, s_c: f64, w: f64, sums: ConstraintSums) -> f64 {
    if s_v <= 0.0 {
        return 1.0;
    }
    let alpha = s_v / (s_v + w);
    let p_vc = w / (s_v + w);
    let beta = p_vc / (s_c + w);
    let last = p_vc + alpha * sums.r;
    alpha * alpha * c_v + 2.0 * alpha * beta * sums.d + beta * beta * sums.q + last * last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::two_triangles;

    #[test]
    fn pair_scores_by_hand() {
        // Two triangles {0,1,2}, {3,4,5} joined by 2-3. Pair (1, 3): common neighbour 2
        // (degree 3). Γ(1) = {0, 2}, Γ(3) = {2, 4, 5}: union {0, 2, 4, 5}.
        let net = two_triangles();
        assert_eq!(common_neighbors(&net, 1, 3), vec![2]);
        assert_close!(jaccard(&net, 1, 3), 0.25, 1e-15);
        assert_close!(adamic_adar(&net, 1, 3), 1.0 / 3f64.ln(), 1e-15);
        assert_close!(resource_allocation(&net, 1, 3), 1.0 / 3.0, 1e-15);
        assert_close!(preferential_attachment(&net, 1, 3), 6.0, 0.0);
        // Unit weights: min(1, 1) / ln(1 + 3).
        assert_close!(weighted_adamic_adar(&net, 1, 3), 1.0 / 4f64.ln(), 1e-15);
        // Distance 3: nothing shared.
        assert_eq!(common_neighbors(&net, 0, 4), Vec::<Node>::new());
        assert_eq!(adamic_adar(&net, 0, 4), 0.0);
        // Two isolates: Jaccard 0, as NetworkX.
        let empty = Network::from_edges(2, &[]);
        assert_eq!(jaccard(&empty, 0, 1), 0.0);
    }

    #[test]
    fn constraint_after_by_hand() {
        // Path 0 - 1 - 2, add {0, 2} (w = 1): a triangle, where everyone has constraint
        // 2 · (1/2 + 1/4)² = 9/8. Before: C_0 = 1 (pendant). Common neighbour 1:
        // a_1 = p_01 = 1 (no other contact of 0), w_12 = 1, s_1 = 2.
        // D = 1, Q = 1, R = p_01 · w_12 / s_1 = 1/2.
        let sums = ConstraintSums {
            d: 1.0,
            q: 1.0,
            r: 0.5,
        };
        assert_close!(constraint_after(1.0, 1.0, 1.0, 1.0, sums), 9.0 / 8.0, 1e-15);
        // An isolate's first tie: constraint 1.
        assert_close!(
            constraint_after(f64::NAN, 0.0, 3.0, 1.0, ConstraintSums::default()),
            1.0,
            0.0
        );
    }
}
