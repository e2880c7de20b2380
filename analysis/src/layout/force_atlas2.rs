//! The ForceAtlas2 iteration on one graph (see [`super::force_atlas2`] for the formulas).

use super::barnes_hut::QuadTree;
use super::{LayoutOptions, Point};
use crate::network::Network;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Graphs with at least this many nodes compute their forces on rayon's pool; smaller ones
/// on the calling thread (the result is the same either way: each node's force is one
/// sequential sum).
const PARALLEL_MIN_NODES: usize = 512;

/// Local speed constant k_s of the paper (section "Adaptive local speed").
const K_S: f64 = 0.1;
/// Largest displacement of a node in one step, k_smax of the paper.
const K_SMAX: f64 = 10.0;
/// Largest rise of the global speed from one step to the next (the paper: 50 %).
const MAX_RISE: f64 = 1.5;

/// A graph to lay out: local node indices `0..n`, CSR adjacency with the attraction
/// coefficient `w^δ` of each arc, and each node's mass `deg + 1`.
#[derive(Debug)]
pub(super) struct Graph {
    offsets: Vec<usize>,
    targets: Vec<u32>,
    coef: Vec<f64>,
    mass: Vec<f64>,
}

impl Graph {
    /// The graph of `net`, with attraction coefficients `w^δ / mean(w^δ)` (the mean over
    /// the arcs, so relative to the network's typical tie).
    pub(super) fn new(net: &Network, delta: f64) -> Self {
        let (offsets, targets, weights) = net.csr();
        let mass = offsets
            .windows(2)
            .map(|w| (w[1] - w[0] + 1) as f64)
            .collect();
        let mut coef: Vec<f64> = weights.iter().map(|&w| influence(w, delta)).collect();
        let mean = coef.iter().sum::<f64>() / coef.len().max(1) as f64;
        if mean > 0.0 && mean.is_finite() {
            for c in &mut coef {
                *c /= mean;
            }
        }
        Graph {
            offsets: offsets.to_vec(),
            targets: targets.to_vec(),
            coef,
            mass,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.mass.len()
    }

    /// Every edge once, as local `(u, v)` with `u < v`.
    pub(super) fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.len()).flat_map(move |u| {
            self.targets[self.offsets[u]..self.offsets[u + 1]]
                .iter()
                .map(move |&v| (u, v as usize))
                .filter(|&(u, v)| u < v)
        })
    }
}

/// `w^δ`, without calling `powf` for the usual δ = 1 and δ = 0.
fn influence(w: f64, delta: f64) -> f64 {
    if delta == 1.0 {
        w
    } else if delta == 0.0 {
        1.0
    } else {
        w.powf(delta)
    }
}

/// Seeded starting positions: uniform in a square of side `10 √n` centred on the origin,
/// drawn from ChaCha8 stream `stream` of `seed` (so each component has its own stream and a
/// component's picture does not depend on the others).
pub(super) fn start(n: usize, seed: u64, stream: u64) -> Vec<Point> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let side = 10.0 * (n as f64).sqrt();
    (0..n)
        .map(|_| {
            let x = (rng.random::<f64>() - 0.5) * side;
            let y = (rng.random::<f64>() - 0.5) * side;
            [x, y]
        })
        .collect()
}

/// Runs `opts.iterations` ForceAtlas2 steps from `pos` and returns the positions.
pub(super) fn run(g: &Graph, mut pos: Vec<Point>, opts: &LayoutOptions) -> Vec<Point> {
    let n = g.len();
    if n < 2 {
        return pos;
    }
    let theta2 = opts.theta * opts.theta;
    let mut force = vec![[0.0; 2]; n];
    let mut old = vec![[0.0; 2]; n];
    let mut swing = vec![0.0; n];
    let mut speed = 1.0;
    for step in 0..opts.iterations {
        let tree = QuadTree::build(&pos, &g.mass);
        let one = |stack: &mut Vec<u32>, v: usize| -> Point {
            let [mut fx, mut fy] = tree.repulsion(v, &pos, &g.mass, opts.repulsion, theta2, stack);
            let [x, y] = pos[v];
            let d = (x * x + y * y).sqrt();
            if d > 0.0 {
                let k = opts.gravity * g.mass[v] / d;
                fx -= k * x;
                fy -= k * y;
            }
            for e in g.offsets[v]..g.offsets[v + 1] {
                let [ux, uy] = pos[g.targets[e] as usize];
                fx -= g.coef[e] * (x - ux);
                fy -= g.coef[e] * (y - uy);
            }
            [fx, fy]
        };
        if n >= PARALLEL_MIN_NODES {
            force
                .par_iter_mut()
                .enumerate()
                .for_each_init(Vec::new, |stack, (v, f)| *f = one(stack, v));
        } else {
            let mut stack = Vec::new();
            for (v, f) in force.iter_mut().enumerate() {
                *f = one(&mut stack, v);
            }
        }
        // Swinging (how much a node's force turned or changed) and traction (how much of it
        // kept its direction), summed mass-weighted in node order.
        let (mut swinging, mut traction) = (0.0, 0.0);
        for v in 0..n {
            let ([fx, fy], [ox, oy]) = (force[v], old[v]);
            swing[v] = ((fx - ox).powi(2) + (fy - oy).powi(2)).sqrt();
            swinging += g.mass[v] * swing[v];
            traction += g.mass[v] * ((fx + ox).powi(2) + (fy + oy).powi(2)).sqrt() / 2.0;
        }
        if swinging > 0.0 {
            let target = opts.jitter_tolerance * traction / swinging;
            speed = if step == 0 {
                target
            } else {
                target.min(MAX_RISE * speed)
            };
        }
        for v in 0..n {
            let [fx, fy] = force[v];
            let norm = (fx * fx + fy * fy).sqrt();
            let mut s = K_S * speed / (1.0 + speed * swing[v].sqrt());
            if norm > 0.0 {
                s = s.min(K_SMAX / norm);
            }
            pos[v][0] += s * fx;
            pos[v][1] += s * fy;
        }
        std::mem::swap(&mut force, &mut old);
    }
    pos
}
