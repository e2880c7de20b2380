//! Attribute analytics: do similar organizations tie to each other, do groups look inward,
//! and does network position go with size, budget or practices?
//!
//! * [`nominal_assortativity`] and [`numeric_assortativity`]: homophily over ties, as
//!   NetworkX `attribute_assortativity_coefficient` / `numeric_assortativity_coefficient`;
//! * [`ei_index`]: Krackhardt & Stern's E-I index at network, group and node level, with a
//!   seeded permutation test;
//! * [`pearson`] and [`spearman`]: correlations between any metric and any attribute, with
//!   two-sided p-values, skipping missing values pairwise.
//!
//! Missing values are `None` (and NaN counts as missing in correlations): a tie with a missing
//! endpoint value is left out of assortativity and E-I, and a pair with a missing value is
//! left out of a correlation, whose result reports the `n` actually used.

use crate::network::{node, Network};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Nominal (categorical) assortativity coefficient over the ties.
///
/// r = (Σ_i e_ii − Σ_i a_i b_i) / (1 − Σ_i a_i b_i), where e_ij is the fraction of tie ends
/// (each undirected tie counted in both directions) joining category i to category j, and
/// a_i = Σ_j e_ij, b_j = Σ_i e_ij. r = 1: ties only within categories; 0: as random;
/// negative: ties prefer other categories.
///
/// # Arguments
/// * `net` — the network (unweighted: a tie is a tie).
/// * `values` — category per node (any `u32` code, e.g. a country index), `None` = missing;
///   ties with a missing end are skipped.
///
/// # Returns
/// r, or NaN when no tie has both ends known or when all known ends share one category.
///
/// # Panics
/// If `values.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m · log k) time and O(k) memory for k categories (only the diagonal and the
/// marginals of the mixing matrix are needed).
///
/// # Reference
/// M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67 (2003) 026126. Same value
/// as NetworkX `attribute_assortativity_coefficient(G, attr)` (on the subgraph of nodes with
/// a known value).
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::nominal_assortativity;
/// use puentes_analysis::network::Network;
/// // Two triangles of different colours joined by one tie: 12 of 14 tie ends are within a
/// // colour; a = b = (1/2, 1/2): r = (12/14 − 1/2) / (1 − 1/2) = 5/7.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let r = nominal_assortativity(&net, &[Some(0), Some(0), Some(0), Some(1), Some(1), Some(1)]);
/// assert!((r - 5.0 / 7.0).abs() < 1e-12);
/// ```
pub fn nominal_assortativity(net: &Network, values: &[Option<u32>]) -> f64 {
    assert_eq!(values.len(), net.node_count(), "one value per node");
    let mut diag: BTreeMap<u32, f64> = BTreeMap::new();
    let mut marg: BTreeMap<u32, f64> = BTreeMap::new();
    let mut total = 0.0;
    for (u, v, _) in net.edges() {
        let (Some(a), Some(b)) = (values[u as usize], values[v as usize]) else {
            continue;
        };
        total += 2.0;
        *marg.entry(a).or_insert(0.0) += 1.0;
        *marg.entry(b).or_insert(0.0) += 1.0;
        if a == b {
            *diag.entry(a).or_insert(0.0) += 2.0;
        }
    }
    if total == 0.0 {
        return f64::NAN;
    }
    let trace: f64 = diag.values().sum::<f64>() / total;
    // Symmetric mixing: a_i = b_i.
    let ab: f64 = marg.values().map(|m| (m / total) * (m / total)).sum();
    if (1.0 - ab).abs() < 1e-15 {
        return f64::NAN;
    }
    (trace - ab) / (1.0 - ab)
}

/// Numeric assortativity coefficient over the ties: the Pearson correlation of the values at
/// the two ends of each tie, every undirected tie counted in both directions.
///
/// r = Σ_{(u,v)} (x_u − x̄)(x_v − x̄) / Σ_{(u,v)} (x_u − x̄)², sums over ordered tie ends
/// (u, v) and (v, u), x̄ the mean over those ends.
///
/// # Arguments
/// * `net` — the network (unweighted).
/// * `values` — numeric value per node, `None` = missing (ties with a missing end skipped).
///
/// # Returns
/// r in [−1, 1], or NaN without usable ties or when the values at tie ends are constant.
///
/// # Panics
/// If `values.len() != net.node_count()`.
///
/// # Complexity
/// O(n + m) time, O(1) extra memory.
///
/// # Reference
/// M. E. J. Newman, "Mixing patterns in networks" (2003). Same value as NetworkX
/// `numeric_assortativity_coefficient(G, attr)` (on the nodes with a known value).
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::numeric_assortativity;
/// use puentes_analysis::network::Network;
/// // A star: the centre (value 10) only meets leaves (value 1): perfectly disassortative.
/// let net = Network::from_edges(4, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let r = numeric_assortativity(&net, &[Some(10.0), Some(1.0), Some(1.0), Some(1.0)]);
/// assert!((r + 1.0).abs() < 1e-12);
/// ```
pub fn numeric_assortativity(net: &Network, values: &[Option<f64>]) -> f64 {
    assert_eq!(values.len(), net.node_count(), "one value per node");
    let pairs: Vec<(f64, f64)> = net
        .edges()
        .filter_map(|(u, v, _)| match (values[u as usize], values[v as usize]) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((a, b)),
            _ => None,
        })
        .collect();
    if pairs.is_empty() {
        return f64::NAN;
    }
    let cnt = 2.0 * pairs.len() as f64;
    let mean = pairs.iter().map(|(a, b)| a + b).sum::<f64>() / cnt;
    let mut num = 0.0;
    let mut den = 0.0;
    for &(a, b) in &pairs {
        let (da, db) = (a - mean, b - mean);
        num += 2.0 * da * db;
        den += da * da + db * db;
    }
    if den == 0.0 {
        f64::NAN
    } else {
        num / den
    }
}

/// E-I index of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupEi {
    /// The group code.
    pub group: u32,
    /// Members.
    pub size: usize,
    /// Ties with both ends in the group.
    pub internal: u64,
    /// Ties with exactly one end in the group (other end with a known, different group).
    pub external: u64,
    /// (E − I)/(E + I); NaN without ties.
    pub ei: f64,
}

/// Result of the E-I permutation test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EiPermutationTest {
    /// Number of permutations.
    pub permutations: usize,
    /// Mean network E-I over the permutations (the expectation under no group effect).
    pub mean: f64,
    /// P(E-I ≥ observed): small when groups look outward more than chance.
    pub p_greater: f64,
    /// P(E-I ≤ observed): small when groups look inward more than chance (homophily).
    pub p_less: f64,
    /// Two-sided p-value: min(1, 2·min(p_greater, p_less)).
    pub p_two_sided: f64,
}

/// Krackhardt–Stern E-I index at network, group and node level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EiIndex {
    /// Ties between different groups (both ends known).
    pub external: u64,
    /// Ties within a group.
    pub internal: u64,
    /// Network E-I = (E − I)/(E + I); NaN without ties.
    pub network: f64,
    /// Per group, ascending group code.
    pub groups: Vec<GroupEi>,
    /// Per node: (E_v − I_v)/(E_v + I_v) over its ties to nodes with a known group; NaN for
    /// nodes without a group or without such ties.
    pub nodes: Vec<f64>,
    /// The permutation test (`None` when 0 permutations were asked for).
    pub test: Option<EiPermutationTest>,
}

fn ei(e: u64, i: u64) -> f64 {
    if e + i == 0 {
        f64::NAN
    } else {
        (e as f64 - i as f64) / (e + i) as f64
    }
}

/// Network-level (external, internal) counts.
fn ei_counts(net: &Network, groups: &[Option<u32>]) -> (u64, u64) {
    let (mut e, mut i) = (0, 0);
    for (u, v, _) in net.edges() {
        if let (Some(a), Some(b)) = (groups[u as usize], groups[v as usize]) {
            if a == b {
                i += 1;
            } else {
                e += 1;
            }
        }
    }
    (e, i)
}

/// Krackhardt & Stern's E-I index at network, group and node level, with a seeded
/// permutation test.
///
/// EI = (E − I)/(E + I), where E counts ties joining different groups and I ties inside a
/// group: −1 = all ties inside groups (homophily), +1 = all ties across groups. For a group
/// g, I_g counts ties with both ends in g and E_g ties with exactly one end in g; for a node
/// v, E_v and I_v count its ties to members of other groups and of its own group. Ties with
/// an end of unknown group are left out.
///
/// The permutation test shuffles the known group labels among the organizations that have
/// one (`permutations` times, with a [`ChaCha8Rng`] seeded by `seed`), recomputing the network
/// EI each time; p-values use the (1 + count)/(1 + permutations) estimator, so they are never
/// 0.
///
/// # Arguments
/// * `net` — the network (unweighted: ties are counted).
/// * `groups` — group code per node, `None` = unknown.
/// * `permutations` — number of label shuffles (0 skips the test; 1000 or more is usual).
/// * `seed` — seed of the shuffles.
///
/// # Returns
/// An [`EiIndex`].
///
/// # Panics
/// If `groups.len() != net.node_count()`.
///
/// # Complexity
/// O((n + m) · (1 + permutations)) time, O(n + k) memory for k groups.
///
/// # Reference
/// D. Krackhardt, R. N. Stern, "Informal networks and organizational crises: an
/// experimental simulation", Social Psychology Quarterly 51 (1988) 123–140; permutation test
/// as in UCINET's E-I index routine; p-value estimator: B. Phipson, G. K. Smyth (2010).
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::ei_index;
/// use puentes_analysis::network::Network;
/// // Two triangles (groups 0 and 1) joined by one tie: E = 1, I = 6, EI = −5/7.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0),
///                                    (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0)]);
/// let g = [Some(0), Some(0), Some(0), Some(1), Some(1), Some(1)];
/// let r = ei_index(&net, &g, 200, 1);
/// assert!((r.network + 5.0 / 7.0).abs() < 1e-12);
/// assert!((r.nodes[2] - (1.0 - 2.0) / 3.0).abs() < 1e-12);
/// ```
pub fn ei_index(net: &Network, groups: &[Option<u32>], permutations: usize, seed: u64) -> EiIndex {
    let n = net.node_count();
    assert_eq!(groups.len(), n, "one group per node");
    let (external, internal) = ei_counts(net, groups);
    let mut per: BTreeMap<u32, (usize, u64, u64)> = BTreeMap::new();
    for g in groups.iter().flatten() {
        per.entry(*g).or_insert((0, 0, 0)).0 += 1;
    }
    for (u, v, _) in net.edges() {
        if let (Some(a), Some(b)) = (groups[u as usize], groups[v as usize]) {
            if a == b {
                if let Some(x) = per.get_mut(&a) {
                    x.1 += 1;
                }
            } else {
                for g in [a, b] {
                    if let Some(x) = per.get_mut(&g) {
                        x.2 += 1;
                    }
                }
            }
        }
    }
    let group_list = per
        .into_iter()
        .map(|(group, (size, i, e))| GroupEi {
            group,
            size,
            internal: i,
            external: e,
            ei: ei(e, i),
        })
        .collect();
    let nodes = (0..n)
        .map(|v| {
            let Some(g) = groups[v] else {
                return f64::NAN;
            };
            let (mut e, mut i) = (0, 0);
            for &u in net.neighbors(node(v)) {
                match groups[u as usize] {
                    Some(h) if h == g => i += 1,
                    Some(_) => e += 1,
                    None => {}
                }
            }
            ei(e, i)
        })
        .collect();
    let observed = ei(external, internal);
    let test = (permutations > 0 && observed.is_finite())
        .then(|| permutation_test(net, groups, permutations, seed, observed));
    EiIndex {
        external,
        internal,
        network: observed,
        groups: group_list,
        nodes,
        test,
    }
}

/// Permutations whose tie counts are taken in parallel at a time (their labels are drawn
/// one after another from the one generator, as without batching).
const PERMUTATION_BATCH: usize = 32;

/// The E-I permutation test of [`ei_index`]: the known labels shuffled `permutations` times
/// in a row with one ChaCha8 generator, the network E-I of each shuffle compared with
/// `observed`.
///
/// The ties with both ends known are listed once as pairs of positions among the labelled
/// nodes, so a shuffle's internal ties are one pass over those pairs (the external ones are
/// the rest). The shuffles are drawn in sequence, as before, and counted in parallel in
/// batches of [`PERMUTATION_BATCH`]; the counts are integers and the E-I values are added in
/// permutation order, so the result does not depend on the thread count.
fn permutation_test(
    net: &Network,
    groups: &[Option<u32>],
    permutations: usize,
    seed: u64,
    observed: f64,
) -> EiPermutationTest {
    let n = net.node_count();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let known: Vec<usize> = (0..n).filter(|&v| groups[v].is_some()).collect();
    let mut labels: Vec<u32> = known.iter().filter_map(|&v| groups[v]).collect();
    let mut position = vec![u32::MAX; n];
    for (i, &v) in known.iter().enumerate() {
        position[v] = node(i);
    }
    let pairs: Vec<(u32, u32)> = net
        .edges()
        .filter_map(|(u, v, _)| {
            let (a, b) = (position[u as usize], position[v as usize]);
            (a != u32::MAX && b != u32::MAX).then_some((a, b))
        })
        .collect();
    let ties = pairs.len() as u64;
    let tol = 1e-12;
    let (mut ge, mut le, mut sum) = (0usize, 0usize, 0.0);
    let mut batch: Vec<Vec<u32>> = Vec::with_capacity(PERMUTATION_BATCH);
    let mut done = 0;
    while done < permutations {
        let size = PERMUTATION_BATCH.min(permutations - done);
        batch.resize_with(size, Vec::new);
        for shuffled in batch.iter_mut() {
            labels.shuffle(&mut rng);
            shuffled.clone_from(&labels);
        }
        let internal: Vec<u64> = batch
            .par_iter()
            .map(|l| {
                pairs
                    .iter()
                    .map(|&(a, b)| u64::from(l[a as usize] == l[b as usize]))
                    .sum()
            })
            .collect();
        for i in internal {
            let x = ei(ties - i, i);
            sum += x;
            if x >= observed - tol {
                ge += 1;
            }
            if x <= observed + tol {
                le += 1;
            }
        }
        done += size;
    }
    let denom = (permutations + 1) as f64;
    let p_greater = (ge + 1) as f64 / denom;
    let p_less = (le + 1) as f64 / denom;
    EiPermutationTest {
        permutations,
        mean: sum / permutations as f64,
        p_greater,
        p_less,
        p_two_sided: (2.0 * p_greater.min(p_less)).min(1.0),
    }
}

/// A correlation coefficient with its two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Correlation {
    /// The coefficient; NaN when n < 2 or a variable is constant.
    pub r: f64,
    /// Two-sided p-value of r = 0 (t test with n − 2 degrees of freedom); NaN when r is NaN.
    pub p_value: f64,
    /// Number of pairs with both values present.
    pub n: usize,
}

/// The pairs with both values present and finite.
fn complete_pairs(x: &[Option<f64>], y: &[Option<f64>]) -> (Vec<f64>, Vec<f64>) {
    x.iter()
        .zip(y)
        .filter_map(|(a, b)| match (a, b) {
            (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((*a, *b)),
            _ => None,
        })
        .unzip()
}

fn pearson_r(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (da, db) = (a - mx, b - my);
        sxy += da * db;
        sxx += da * da;
        syy += db * db;
    }
    if sxx == 0.0 || syy == 0.0 {
        return f64::NAN;
    }
    (sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0)
}

/// Two-sided p-value of a correlation r from n pairs: P(|T| ≥ |t|) for Student's t with
/// ν = n − 2, t = r·√(ν / (1 − r²)), computed as I_{1−r²}(ν/2, 1/2).
fn correlation_p(r: f64, n: usize) -> f64 {
    if r.is_nan() {
        return f64::NAN;
    }
    if n <= 2 {
        return 1.0;
    }
    let nu = (n - 2) as f64;
    let x = (1.0 - r * r).max(0.0);
    if x == 0.0 {
        return 0.0;
    }
    regularized_incomplete_beta(nu / 2.0, 0.5, x)
}

fn correlation(r: f64, n: usize) -> Correlation {
    Correlation {
        r,
        p_value: correlation_p(r, n),
        n,
    }
}

/// Pearson correlation with a two-sided p-value, skipping missing values pairwise.
///
/// r = Σ (x_i − x̄)(y_i − ȳ) / √(Σ (x_i − x̄)² · Σ (y_i − ȳ)²) over the n pairs where both
/// values are present (NaN counts as missing). p = P(|T_ν| ≥ |t|), t = r √(ν/(1 − r²)),
/// ν = n − 2 (Student's t), evaluated as the regularized incomplete beta I_{1−r²}(ν/2, 1/2).
///
/// # Arguments
/// * `x`, `y` — two vectors of the same length (e.g. a metric per node and an attribute per
///   node), `None` = missing.
///
/// # Returns
/// A [`Correlation`] with r, p and n. r is NaN when n < 2 or either variable is constant;
/// p = 1 when n = 2 (as SciPy).
///
/// # Panics
/// If the lengths differ.
///
/// # Complexity
/// O(n) time and memory.
///
/// # Reference
/// Same values as SciPy `scipy.stats.pearsonr(x, y)` (its exact beta distribution of r is
/// the same t test).
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::pearson;
/// let x = [Some(1.0), Some(2.0), Some(3.0), None, Some(4.0)];
/// let y = [Some(2.0), Some(4.0), Some(6.5), Some(1.0), Some(8.0)];
/// let c = pearson(&x, &y);
/// assert_eq!(c.n, 4);
/// assert!(c.r > 0.99 && c.p_value < 0.01);
/// ```
pub fn pearson(x: &[Option<f64>], y: &[Option<f64>]) -> Correlation {
    assert_eq!(x.len(), y.len(), "vectors of the same length");
    let (a, b) = complete_pairs(x, y);
    let n = a.len();
    if n < 2 {
        return correlation(f64::NAN, n);
    }
    correlation(pearson_r(&a, &b), n)
}

/// Ranks 1..n with ties given the average of the ranks they span.
fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let r = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            ranks[k] = r;
        }
        i = j + 1;
    }
    ranks
}

/// Spearman rank correlation with a two-sided p-value, skipping missing values pairwise.
///
/// ρ = Pearson correlation of the ranks of x and of y among the n complete pairs, tied values
/// getting the average of the ranks they span; p from Student's t with n − 2 degrees of
/// freedom as in [`pearson`].
///
/// # Arguments
/// * `x`, `y` — two vectors of the same length, `None` (or NaN) = missing.
///
/// # Returns
/// A [`Correlation`] (ρ NaN when n < 2 or a variable is constant).
///
/// # Panics
/// If the lengths differ.
///
/// # Complexity
/// O(n log n) time, O(n) memory.
///
/// # Reference
/// C. Spearman (1904). Same values as SciPy `scipy.stats.spearmanr(x, y)`.
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::spearman;
/// // Monotone but not linear: ρ = 1.
/// let x = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
/// let y = [Some(1.0), Some(10.0), Some(100.0), Some(1000.0)];
/// let c = spearman(&x, &y);
/// assert!((c.r - 1.0).abs() < 1e-12);
/// assert!(c.p_value < 1e-12);
/// ```
pub fn spearman(x: &[Option<f64>], y: &[Option<f64>]) -> Correlation {
    assert_eq!(x.len(), y.len(), "vectors of the same length");
    let (a, b) = complete_pairs(x, y);
    let n = a.len();
    if n < 2 {
        return correlation(f64::NAN, n);
    }
    correlation(pearson_r(&average_ranks(&a), &average_ranks(&b)), n)
}

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; relative error ≈ 1e-15).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, &c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// One modified-Lentz update with partial numerator `aa`: returns the factor C·D that
/// multiplies the running value.
#[inline]
fn lentz_step(aa: f64, c: &mut f64, d: &mut f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |x: f64| if x.abs() < TINY { TINY } else { x };
    *d = 1.0 / guard(1.0 + aa * *d);
    *c = guard(1.0 + aa / *c);
    *c * *d
}

/// Continued fraction for the incomplete beta (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        // Even step, then odd step of the continued fraction.
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        h *= lentz_step(even, &mut c, &mut d);
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        let del = lentz_step(odd, &mut c, &mut d);
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// Regularized incomplete beta function I_x(a, b).
///
/// I_x(a, b) = B(x; a, b) / B(a, b) = (1/B(a, b)) ∫₀ˣ t^{a−1} (1 − t)^{b−1} dt, evaluated by
/// its continued fraction (modified Lentz) on the side where it converges fast, using the
/// symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
///
/// # Arguments
/// * `a`, `b` — shape parameters, > 0.
/// * `x` — the upper limit, in [0, 1].
///
/// # Returns
/// I_x(a, b) in [0, 1]; NaN for parameters out of range.
///
/// # Complexity
/// O(√max(a, b)) continued-fraction terms in practice; O(1) memory.
///
/// # Reference
/// W. H. Press et al., *Numerical Recipes*, 3rd ed., §6.4; checked against SciPy
/// `scipy.special.betainc` in the tests.
///
/// # Examples
/// ```
/// use puentes_analysis::attributes::regularized_incomplete_beta;
/// // I_x(1, 1) = x; I_{1/2}(a, a) = 1/2.
/// assert!((regularized_incomplete_beta(1.0, 1.0, 0.3) - 0.3).abs() < 1e-14);
/// assert!((regularized_incomplete_beta(4.5, 4.5, 0.5) - 0.5).abs() < 1e-14);
/// ```
pub fn regularized_incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && (0.0..=1.0).contains(&x)) {
        return f64::NAN;
    }
    if x == 0.0 || x == 1.0 {
        return x;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        (front * beta_cf(a, b, x) / a).clamp(0.0, 1.0)
    } else {
        (1.0 - front * beta_cf(b, a, 1.0 - x) / b).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::small_graphs::two_triangles;

    fn some<T: Copy>(v: &[T]) -> Vec<Option<T>> {
        v.iter().map(|&x| Some(x)).collect()
    }

    #[test]
    fn ln_gamma_known_values() {
        assert_close!(ln_gamma(1.0), 0.0, 1e-14);
        assert_close!(ln_gamma(5.0), 24.0f64.ln(), 1e-13);
        assert_close!(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-14);
        assert_close!(ln_gamma(0.1), 2.252_712_651_734_206, 1e-13);
    }

    #[test]
    fn incomplete_beta_known_values() {
        // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
        assert_close!(regularized_incomplete_beta(3.0, 1.0, 0.4), 0.064, 1e-14);
        assert_close!(
            regularized_incomplete_beta(1.0, 4.0, 0.2),
            1.0 - 0.8f64.powi(4),
            1e-14
        );
        // t distribution with 1 d.o.f. (Cauchy): P(|T| ≥ 1) = 1/2 = I_{1/2}(1/2, 1/2).
        assert_close!(regularized_incomplete_beta(0.5, 0.5, 0.5), 0.5, 1e-14);
        // P(|T| ≥ t) for ν = 2: 1 − t/√(t²+2); t = 2 → x = ν/(ν+t²) = 1/3.
        assert_close!(
            regularized_incomplete_beta(1.0, 0.5, 1.0 / 3.0),
            1.0 - 2.0 / 6.0f64.sqrt(),
            1e-14
        );
        assert!(regularized_incomplete_beta(-1.0, 1.0, 0.5).is_nan());
    }

    #[test]
    fn pearson_by_hand() {
        // x = 1..5, y = (2, 1, 4, 3, 5): Sxy = 8, Sxx = Syy = 10 → r = 0.8.
        let x = some(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        let y = some(&[2.0, 1.0, 4.0, 3.0, 5.0]);
        let c = pearson(&x, &y);
        assert_close!(c.r, 0.8, 1e-12);
        // ν = 3, t = 0.8·√(3/0.36) = 2.3094; p = I_{0.36}(1.5, 0.5) = 0.10408803866182779
        // (SciPy 1.17.1 pearsonr gives 0.10408803866182782).
        assert_close!(c.p_value, 0.104_088_038_661_827_8, 1e-12);
        assert_eq!(c.n, 5);
        // Missing values and NaN are skipped pairwise.
        let x2 = vec![
            Some(1.0),
            None,
            Some(2.0),
            Some(3.0),
            Some(f64::NAN),
            Some(4.0),
            Some(5.0),
        ];
        let y2 = vec![
            Some(2.0),
            Some(9.0),
            Some(1.0),
            Some(4.0),
            Some(7.0),
            Some(3.0),
            Some(5.0),
        ];
        assert_eq!(pearson(&x2, &y2), c);
        // Constant input and too few pairs.
        assert!(pearson(&some(&[1.0, 1.0, 1.0]), &some(&[1.0, 2.0, 3.0]))
            .r
            .is_nan());
        let two = pearson(&some(&[1.0, 2.0]), &some(&[3.0, 1.0]));
        assert_close!(two.r, -1.0, 1e-12);
        assert_close!(two.p_value, 1.0, 1e-12);
    }

    #[test]
    fn spearman_average_ranks() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 30.0]),
            vec![1.5, 3.0, 1.5, 4.0]
        );
        // x ranks (1.5, 1.5, 3, 4), y ranks (1, 2, 3, 4): ρ = Pearson of ranks.
        let c = spearman(&some(&[1.0, 1.0, 2.0, 3.0]), &some(&[5.0, 6.0, 7.0, 8.0]));
        // Ranks x: mean 2.5, deviations (−1, −1, .5, 1.5): Sxx = 4.5; y: (−1.5, −.5, .5, 1.5):
        // Syy = 5; Sxy = 1.5 + .5 + .25 + 2.25 = 4.5 → ρ = 4.5/√22.5.
        assert_close!(c.r, 4.5 / 22.5f64.sqrt(), 1e-12);
    }

    #[test]
    fn assortativity_by_hand() {
        // Path 0-1-2-3 with colours A A B B: tie ends (both directions): AA ×2, AB ×2, BB ×2
        // over 6 → trace = 4/6, a = b = (1/2, 1/2) → r = (2/3 − 1/2)/(1/2) = 1/3.
        let net = Network::from_edges(4, &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        assert_close!(
            nominal_assortativity(&net, &some(&[0, 0, 1, 1])),
            1.0 / 3.0,
            1e-12
        );
        // Missing value on node 3 drops the tie 2-3: ends AA ×2, AB ×2 → a = (3/4, 1/4):
        // Σab = 10/16, trace = 1/2 → r = (1/2 − 5/8)/(3/8) = −1/3.
        let vals = vec![Some(0), Some(0), Some(1), None];
        assert_close!(nominal_assortativity(&net, &vals), -1.0 / 3.0, 1e-12);
        // Numeric on the path with values 1, 2, 3, 4: pairs (1,2),(2,3),(3,4) both ways.
        // mean 2.5; num = 2[(−1.5)(−.5) + (−.5)(.5) + (.5)(1.5)] = 2.5;
        // den = 2.25 + .25 + .25 + .25 + .25 + 2.25 = 5.5 → r = 5/11.
        let r = numeric_assortativity(&net, &some(&[1.0, 2.0, 3.0, 4.0]));
        assert_close!(r, 5.0 / 11.0, 1e-12);
        assert!(nominal_assortativity(&net, &some(&[1, 1, 1, 1])).is_nan());
    }

    #[test]
    fn ei_levels_and_permutations() {
        // Two triangles + a bridge, groups by triangle, node 5 unknown.
        let net = two_triangles();
        let g = vec![Some(0), Some(0), Some(0), Some(1), Some(1), None];
        let r = ei_index(&net, &g, 0, 1);
        // Known-end ties: 0-1, 1-2, 0-2, 3-4 internal (I = 4), 2-3 external (E = 1).
        assert_eq!((r.external, r.internal), (1, 4));
        assert_close!(r.network, -3.0 / 5.0, 1e-12);
        assert_eq!(r.groups[0].internal, 3);
        assert_eq!(r.groups[1].external, 1);
        assert_close!(r.groups[1].ei, 0.0, 1e-12);
        assert!(r.nodes[5].is_nan());
        // Node 3: ties to 2 (other group), 4 (same), 5 (unknown, skipped) → 0.
        assert_close!(r.nodes[3], 0.0, 1e-12);
        assert!(r.test.is_none());
        // Strong homophily on two 5-cliques joined by one tie: p_less small, same seed
        // same result.
        let mut e = vec![(0, 5, 1.0)];
        for a in 0..5 {
            for b in a + 1..5 {
                e.push((a, b, 1.0));
                e.push((a + 5, b + 5, 1.0));
            }
        }
        let net = Network::from_edges(10, &e);
        let g: Vec<Option<u32>> = (0..10).map(|v| Some(v / 5)).collect();
        let a = ei_index(&net, &g, 500, 9);
        let b = ei_index(&net, &g, 500, 9);
        assert_eq!(a, b);
        let t = a.test.expect("test requested");
        // Only 2 of the C(10,5) = 252 labelings are this inward (the planted one and its
        // mirror): p_less ≈ (1 + 500·2/252)/501.
        assert!(t.p_less < 0.03, "{t:?}");
        assert!(t.p_greater > 0.9);
        assert!(t.mean > a.network);
    }

    /// The permutation test as first written: every shuffle written back into a copy of the
    /// groups and the whole network recounted.
    fn permutation_test_by_definition(
        net: &Network,
        groups: &[Option<u32>],
        permutations: usize,
        seed: u64,
    ) -> EiPermutationTest {
        let observed = {
            let (e, i) = ei_counts(net, groups);
            ei(e, i)
        };
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let known: Vec<usize> = (0..groups.len()).filter(|&v| groups[v].is_some()).collect();
        let mut labels: Vec<u32> = known.iter().filter_map(|&v| groups[v]).collect();
        let mut shuffled = groups.to_vec();
        let (mut ge, mut le, mut sum) = (0usize, 0usize, 0.0);
        for _ in 0..permutations {
            labels.shuffle(&mut rng);
            for (&v, &l) in known.iter().zip(&labels) {
                shuffled[v] = Some(l);
            }
            let (e, i) = ei_counts(net, &shuffled);
            let x = ei(e, i);
            sum += x;
            ge += usize::from(x >= observed - 1e-12);
            le += usize::from(x <= observed + 1e-12);
        }
        let denom = (permutations + 1) as f64;
        let (p_greater, p_less) = ((ge + 1) as f64 / denom, (le + 1) as f64 / denom);
        EiPermutationTest {
            permutations,
            mean: sum / permutations as f64,
            p_greater,
            p_less,
            p_two_sided: (2.0 * p_greater.min(p_less)).min(1.0),
        }
    }

    #[test]
    fn batched_permutations_equal_the_sequential_definition() {
        // 300 nodes, ties by a fixed rule, 4 groups and every seventh node unknown; 999
        // permutations span 31 full batches and a partial one.
        let e: Vec<(u32, u32, f64)> = (0..300u32)
            .flat_map(|v| [(v, (v * 7 + 3) % 300, 1.0), (v, (v * 13 + 5) % 300, 1.0)])
            .collect();
        let net = Network::from_edges(300, &e);
        let g: Vec<Option<u32>> = (0..300u32).map(|v| (v % 7 != 0).then_some(v % 4)).collect();
        let want = permutation_test_by_definition(&net, &g, 999, 42);
        let got = crate::on_threads(2, || ei_index(&net, &g, 999, 42).test);
        assert_eq!(got, Some(want.clone()));
        assert_eq!(
            crate::on_threads(1, || ei_index(&net, &g, 999, 42).test),
            Some(want)
        );
    }
}
