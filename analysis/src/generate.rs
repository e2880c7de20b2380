//! Seeded synthetic networks for measuring how cost grows with size.
//!
//! # Model: Holme–Kim power-law cluster graph
//! Start from `m + 1` nodes joined to each other (a clique, `m(m+1)/2` ties). Each later node
//! `v` makes `m` ties to distinct earlier nodes: the first by preferential attachment (an
//! earlier node chosen with probability proportional to its degree); each following one, with
//! probability `p`, closes a triangle (a random neighbour of the node just chosen, if one is
//! not yet taken) and otherwise is again preferential. The result has a power-law degree
//! distribution (exponent ≈ 3) like Barabási–Albert's, plus tunable clustering, and is one
//! connected component: the shape of collaboration networks at any size.
//!
//! Ties: `m(m+1)/2 + (n − m − 1)·m` exactly. Nodes are numbered `0..n` in order of arrival;
//! ties are listed in order of creation, each `(earlier, later)` reversed to `(new, old)`.
//!
//! Same `(n, m, p, seed)`, same list, on every machine (ChaCha8, no floating point in the
//! draws except the comparison with `p`).
//!
//! Time O(n·m) expected (a triangle step retries at most `m` times before falling back to
//! preferential attachment), memory O(n·m): the degree-weighted urn holds every tie's two
//! ends.
//!
//! Reference: P. Holme and B. J. Kim, "Growing scale-free networks with tunable clustering",
//! Phys. Rev. E 65, 026107 (2002); NetworkX `powerlaw_cluster_graph(n, m, p, seed)` is the
//! same model (its random streams differ, so its graphs do too).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Why a generator's parameters are refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GenerateError {
    /// `m` must be at least 1 and `n` larger than `m`.
    #[error("nodes = {n}, ties per node = {m}: need ties per node ≥ 1 and nodes > ties per node")]
    Sizes {
        /// Nodes asked for.
        n: usize,
        /// Ties per new node asked for.
        m: usize,
    },
    /// `p` must be a probability.
    #[error("triangle probability = {0}: expected a number from 0 to 1")]
    Probability(f64),
}

/// The ties of a Holme–Kim graph on `n` nodes with `m` ties per new node and triangle
/// probability `p`, drawn from `seed` (see the module documentation).
pub fn powerlaw_cluster(
    n: usize,
    m: usize,
    p: f64,
    seed: u64,
) -> Result<Vec<(u32, u32)>, GenerateError> {
    if m == 0 || n <= m || u32::try_from(n).is_err() {
        return Err(GenerateError::Sizes { n, m });
    }
    if !(0.0..=1.0).contains(&p) {
        return Err(GenerateError::Probability(p));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let total = m * (m + 1) / 2 + (n - m - 1) * m;
    let mut ties: Vec<(u32, u32)> = Vec::with_capacity(total);
    // Both ends of every tie: a uniform draw from it is a degree-proportional draw of a node.
    let mut urn: Vec<u32> = Vec::with_capacity(2 * total);
    // Neighbours of each node, for the triangle step.
    let mut adjacency: Vec<Vec<u32>> = vec![Vec::new(); n];
    let join =
        |a: u32, b: u32, ties: &mut Vec<(u32, u32)>, urn: &mut Vec<u32>, adj: &mut [Vec<u32>]| {
            ties.push((a, b));
            urn.extend([a, b]);
            adj[a as usize].push(b);
            adj[b as usize].push(a);
        };
    for b in 1..=m as u32 {
        for a in 0..b {
            join(b, a, &mut ties, &mut urn, &mut adjacency);
        }
    }
    let mut chosen: Vec<u32> = Vec::with_capacity(m);
    for v in (m + 1) as u32..n as u32 {
        chosen.clear();
        let preferential = |rng: &mut ChaCha8Rng, chosen: &[u32], urn: &[u32]| loop {
            let u = urn[rng.random_range(0..urn.len())];
            if !chosen.contains(&u) {
                return u;
            }
        };
        let mut last = preferential(&mut rng, &chosen, &urn);
        chosen.push(last);
        while chosen.len() < m {
            let next = if rng.random::<f64>() < p {
                let around = &adjacency[last as usize];
                (0..m)
                    .map(|_| around[rng.random_range(0..around.len())])
                    .find(|w| !chosen.contains(w))
            } else {
                None
            };
            last = match next {
                Some(w) => w,
                None => preferential(&mut rng, &chosen, &urn),
            };
            chosen.push(last);
        }
        for &u in &chosen {
            join(v, u, &mut ties, &mut urn, &mut adjacency);
        }
    }
    Ok(ties)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sizes_are_exact_and_ties_are_simple() {
        let ties = powerlaw_cluster(1000, 3, 0.5, 7).expect("valid");
        assert_eq!(ties.len(), 3 * 4 / 2 + (1000 - 4) * 3);
        let mut seen = HashSet::new();
        for &(a, b) in &ties {
            assert_ne!(a, b, "no loops");
            assert!(a < 1000 && b < 1000);
            assert!(seen.insert((a.min(b), a.max(b))), "no repeated tie {a}-{b}");
        }
        // Every node from m + 1 on has exactly m ties to earlier nodes.
        let mut to_earlier = vec![0usize; 1000];
        for &(a, b) in &ties {
            if a > b {
                to_earlier[a as usize] += 1;
            }
        }
        assert!(to_earlier[4..].iter().all(|&k| k == 3));
    }

    #[test]
    fn the_seed_decides_the_graph() {
        let a = powerlaw_cluster(500, 2, 0.3, 1).expect("valid");
        assert_eq!(a, powerlaw_cluster(500, 2, 0.3, 1).expect("valid"));
        assert_ne!(a, powerlaw_cluster(500, 2, 0.3, 2).expect("valid"));
    }

    #[test]
    fn triangles_follow_p() {
        // Holme–Kim: clustering grows with p (at p = 0 it is Barabási–Albert's, near 0).
        let clustering = |p: f64| {
            let ties = powerlaw_cluster(3000, 3, p, 11).expect("valid");
            let edges: Vec<_> = ties
                .iter()
                .map(|&(a, b)| {
                    (
                        crate::network::node(a as usize),
                        crate::network::node(b as usize),
                        1.0,
                    )
                })
                .collect();
            let net = crate::network::Network::from_edges(3000, &edges);
            let local = crate::centrality::clustering(&net);
            local.iter().sum::<f64>() / local.len() as f64
        };
        let (low, high) = (clustering(0.0), clustering(0.9));
        assert!(low < 0.05, "p = 0: {low}");
        assert!(high > 0.3, "p = 0.9: {high}");
    }

    #[test]
    fn bad_parameters_are_refused() {
        assert_eq!(
            powerlaw_cluster(3, 3, 0.5, 0),
            Err(GenerateError::Sizes { n: 3, m: 3 })
        );
        assert_eq!(
            powerlaw_cluster(10, 0, 0.5, 0),
            Err(GenerateError::Sizes { n: 10, m: 0 })
        );
        assert_eq!(
            powerlaw_cluster(10, 2, 1.5, 0),
            Err(GenerateError::Probability(1.5))
        );
    }
}
