//! Eigenvector centrality, and the adjacency product and fixed-order sums that it and
//! PageRank iterate with.

use super::*;
use crate::network::Network;
use rayon::prelude::*;

/// Eigenvector centrality: the leading eigenvector of the adjacency matrix, scaled to unit
/// Euclidean norm.
///
/// `x` solves `A x = λ₁ x` with `λ₁` the largest eigenvalue of `A`, `a_uv = 1` unweighted or
/// `w_uv` with [`Weighting::Weighted`], `x_v ≥ 0` and `Σ_v x_v² = 1` (Perron–Frobenius).
/// Both methods run the power iteration on `A + I` from `x⁰_v = 1 / n`: each step computes
/// `y_v = x_v + Σ_{u ∈ N(v)} a_uv x_u` and `x' = y / ‖y‖₂` (or `y` if `‖y‖₂ = 0`). Adding `I`
/// shifts every eigenvalue by one, which keeps the iteration from oscillating on bipartite
/// graphs without changing the eigenvectors.
///
/// * [`Convergence::Converged`] (default): with `δ_k = ‖x_k − x_{k−1}‖₂` and the observed
///   contraction `ρ = δ_k / δ_{k−1}`, the distance to the limit is about `δ_k ρ / (1 − ρ)`;
///   it stops when that estimate is at most `tol` (or `δ_k` is at rounding level,
///   `δ_k ≤ 4 ε √n`). The iteration converges like `((λ₂ + 1) / (λ₁ + 1))^k`.
/// * [`Convergence::PowerIteration`]: NetworkX's rule, `Σ_v |x'_v − x_v| < n · tol`.
///
/// [`Iterated::residual`] is `‖A x − λ x‖₂ / λ` with `λ = xᵀ A x` (the Rayleigh quotient): 0
/// for an exact eigenvector. Disconnected networks: as in NetworkX, nothing special is done —
/// the iteration converges towards the leading eigenvector of the whole adjacency matrix,
/// concentrated on the component with the largest leading eigenvalue; nodes of other
/// components decay towards 0.
///
/// # Arguments
/// * `net` — the network.
/// * `weighting` — unit capacities, or `w_uv`.
/// * `convergence` — when to stop ([`Convergence::default`]: residual-based, `tol = 1e-12`).
///
/// # Returns
/// `x_v ≥ 0` with `Σ x_v² = 1`, the iterations and the residual; or
/// [`AnalysisError::NonConvergence`] after `max_iter` iterations, or
/// [`AnalysisError::InvalidWeight`]. An empty network gives an empty vector (NetworkX raises
/// instead).
///
/// # Complexity
/// O(k · (n + m)) time for k iterations (each a parallel sparse product; sums in a fixed
/// order, so the result does not depend on the thread count), O(n) extra memory.
///
/// Reference: P. Bonacich, *Factoring and weighting approaches to status scores and clique
/// identification*, J. Math. Sociol. 2(1), 1972. [`Convergence::PowerIteration`]: same
/// iteration as NetworkX `eigenvector_centrality(G, max_iter=100, tol=1e-06, weight=None |
/// "weight")`. Converged: the same vector as igraph `eigenvector_centrality()` (ARPACK), which
/// scales it to maximum 1 instead of unit norm.
///
/// # Examples
/// ```
/// use puentes_analysis::centrality::{eigenvector, Convergence, Weighting};
/// use puentes_analysis::Network;
/// // In a triangle every node has 1/√3.
/// let k3 = Network::from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
/// let x = eigenvector(&k3, Weighting::Unweighted, Convergence::default())?;
/// assert!((x.values[0] - 1.0 / 3f64.sqrt()).abs() < 1e-12);
/// assert!(x.residual < 1e-12);
/// # Ok::<(), puentes_analysis::centrality::AnalysisError>(())
/// ```
pub fn eigenvector(
    net: &Network,
    weighting: Weighting,
    convergence: Convergence,
) -> Result<Iterated, AnalysisError> {
    let n = net.node_count();
    if n == 0 {
        return Ok(Iterated {
            values: Vec::new(),
            iterations: 0,
            residual: 0.0,
        });
    }
    let weighted = weighting == Weighting::Weighted;
    if weighted {
        check_weights(net, "eigenvector")?;
    }
    let max_iter = match convergence {
        Convergence::Converged { max_iter, .. } => max_iter,
        Convergence::PowerIteration(p) => p.max_iter,
    };
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut last_change = f64::INFINITY;
    for k in 1..=max_iter {
        // y = (A + I) x, each value summed from x_v on, then normalized.
        adjacency_product(net, weighted, true, &x, &mut next);
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        let norm = if norm == 0.0 { 1.0 } else { norm };
        let mut l1_change = 0.0;
        for (y, old) in next.iter_mut().zip(&x) {
            *y /= norm;
            l1_change += (*y - old).abs();
        }
        std::mem::swap(&mut x, &mut next);
        // `next` now holds the previous iterate.
        let done = match convergence {
            Convergence::PowerIteration(p) => l1_change < nf * p.tol,
            Convergence::Converged { tol, .. } => {
                let change = sum_by_chunks_pair(&x, &next, |a, b| (a - b) * (a - b)).sqrt();
                // The contraction is known from the second step on.
                let rho = (change / last_change).min(1.0);
                last_change = change;
                change <= 4.0 * f64::EPSILON * nf.sqrt()
                    || (k > 1 && rho < 1.0 && change * rho / (1.0 - rho) <= tol)
            }
        };
        if done {
            // Rayleigh quotient and residual ‖A x − λ x‖₂ / λ.
            adjacency_product(net, weighted, false, &x, &mut next);
            let lambda = sum_by_chunks_pair(&x, &next, |a, b| a * b);
            let residual = if lambda > 0.0 {
                sum_by_chunks_pair(&next, &x, |ax, xv| (ax - lambda * xv).powi(2)).sqrt() / lambda
            } else {
                0.0
            };
            return Ok(Iterated {
                values: x,
                iterations: k,
                residual,
            });
        }
    }
    Err(AnalysisError::NonConvergence {
        algorithm: "eigenvector",
        iterations: max_iter,
        tol: match convergence {
            Convergence::Converged { tol, .. } => tol,
            Convergence::PowerIteration(p) => p.tol,
        },
    })
}

/// `out_v = Σ_{u ∈ N(v)} a_uv x_u` for every node (`a_uv = w_uv` when `weighted`, else 1),
/// plus `x_v` when `diagonal` (the product with `A + I`, the sum starting from `x_v`), in
/// parallel over `v` (each value summed in neighbour order: deterministic).
pub(super) fn adjacency_product(
    net: &Network,
    weighted: bool,
    diagonal: bool,
    x: &[f64],
    out: &mut [f64],
) {
    out.par_iter_mut().enumerate().for_each(|(v, y)| {
        let mut acc = if diagonal { x[v] } else { 0.0 };
        let v = node_id(v);
        let nbrs = net.neighbors(v);
        if weighted {
            for (&u, &w) in nbrs.iter().zip(net.neighbor_weights(v)) {
                acc += x[u as usize] * w;
            }
        } else {
            for &u in nbrs {
                acc += x[u as usize];
            }
        }
        *y = acc;
    });
}

/// Elements per partial sum of [`sum_by_chunks`] (fixed, so sums do not depend on threads).
const SUM_CHUNK: usize = 4096;

/// `Σ_i f(a_i)`, as partial sums over fixed chunks added in order.
pub(super) fn sum_by_chunks(a: &[f64], f: impl Fn(f64) -> f64 + Sync) -> f64 {
    let partial: Vec<f64> = a
        .par_chunks(SUM_CHUNK)
        .map(|c| c.iter().map(|&x| f(x)).sum())
        .collect();
    partial.iter().sum()
}

/// `Σ_i f(a_i, b_i)`, as partial sums over fixed chunks added in order.
pub(super) fn sum_by_chunks_pair(a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64 + Sync) -> f64 {
    let partial: Vec<f64> = a
        .par_chunks(SUM_CHUNK)
        .zip(b.par_chunks(SUM_CHUNK))
        .map(|(x, y)| x.iter().zip(y).map(|(&p, &q)| f(p, q)).sum())
        .collect();
    partial.iter().sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use crate::centrality::tests::*;
    use crate::small_graphs::{path, star};

    #[test]
    fn eigenvector_by_hand() {
        // Star K1,3: leading eigenvector (√3, 1, 1, 1) / √6, eigenvalue √3.
        let s6 = 6f64.sqrt();
        let exact = [3f64.sqrt() / s6, 1.0 / s6, 1.0 / s6, 1.0 / s6];
        let x = eigenvector(&star(4), U, NX).unwrap().values;
        assert_all_close(&x, &exact, 1e-5);
        let c = eigenvector(&star(4), U, Convergence::default()).unwrap();
        assert_all_close(&c.values, &exact, 1e-12);
        assert!(c.residual < 1e-12, "residual {}", c.residual);
        let norm: f64 = c.values.iter().map(|v| v * v).sum();
        assert_close!(norm, 1.0, 1e-12);
        // Weighted complete graph with equal weights = unweighted.
        let k4w = Network::from_edges(
            4,
            &[
                (0, 1, 2.0),
                (0, 2, 2.0),
                (0, 3, 2.0),
                (1, 2, 2.0),
                (1, 3, 2.0),
                (2, 3, 2.0),
            ],
        );
        assert_all_close(&eigenvector(&k4w, W, NX).unwrap().values, &[0.5; 4], 1e-9);
        assert_all_close(
            &eigenvector(&k4w, W, Convergence::default()).unwrap().values,
            &[0.5; 4],
            1e-15,
        );
        let tight = PowerIteration {
            max_iter: 1,
            tol: 1e-15,
        };
        let err = eigenvector(&path(6), U, tight.into()).unwrap_err();
        assert_eq!(
            err,
            AnalysisError::NonConvergence {
                algorithm: "eigenvector",
                iterations: 1,
                tol: 1e-15
            }
        );
        assert!(eigenvector(&Network::from_edges(0, &[]), U, NX)
            .unwrap()
            .values
            .is_empty());
    }

    #[test]
    fn eigenvector_converges_where_networkx_rule_stops_early() {
        // Path of 6: eigenvalues 2cos(kπ/7); leading eigenvector x_i ∝ sin(iπ/7), i = 1..6.
        // A + I contracts by (1 + 2cos(2π/7)) / (1 + 2cos(π/7)) ≈ 0.81 per step.
        let raw: Vec<f64> = (1..=6)
            .map(|i| (f64::from(i) * std::f64::consts::PI / 7.0).sin())
            .collect();
        let norm = raw.iter().map(|v| v * v).sum::<f64>().sqrt();
        let exact: Vec<f64> = raw.iter().map(|v| v / norm).collect();
        let c = eigenvector(&path(6), U, Convergence::default()).unwrap();
        assert_all_close(&c.values, &exact, 1e-12);
        assert!(c.residual < 1e-12, "residual {}", c.residual);
        // NetworkX's rule (Σ|Δx| < 6e-6) stops with an error above 1e-7.
        let nx = eigenvector(&path(6), U, NX).unwrap();
        let off = nx
            .values
            .iter()
            .zip(&exact)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        assert!(off > 1e-7 && off < 1e-4, "NetworkX rule: {off}");
        assert!(nx.iterations < c.iterations);
    }
}
