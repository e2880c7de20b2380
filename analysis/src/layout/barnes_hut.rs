//! The Barnes–Hut quadtree behind the repulsion of [`super::force_atlas2`].
//!
//! Every node repels every other; summing the n² pairs each iteration would make a layout of
//! 12,000 organizations cost 144 million interactions per step. The quadtree groups nodes
//! into nested squares and lets a far square act as one body at its centre of mass: a square
//! of side `s` at distance `d` from the node is taken whole when `s / d < θ`
//! (Barnes & Hut 1986). Each node then meets O(log n) squares.
//!
//! # Determinism
//! The tree is built by splitting an index array in place, stably, in node order; centres of
//! mass are summed children first in a fixed quadrant order; each node's force is summed
//! over a traversal whose order depends only on the tree. So a node's force is the same
//! sum, in the same order, on every run and whichever thread computes it.

use super::Point;

/// "No child" in [`Cell::children`].
const NONE: u32 = u32::MAX;

/// Deepest subdivision. Bodies still sharing a square at this depth (coincident or nearly so)
/// stay together in one leaf and meet each other exactly.
const MAX_DEPTH: u32 = 40;

/// A square of the tree: a leaf holds `bodies[start..end]`; an inner square holds up to
/// four children (south-west, south-east, north-west, north-east in y-down coordinates:
/// quadrant `(x ≥ mid) + 2 (y ≥ mid)`).
#[derive(Debug, Clone)]
struct Cell {
    x0: f64,
    y0: f64,
    size: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    start: u32,
    end: u32,
    children: [u32; 4],
}

impl Cell {
    fn is_leaf(&self) -> bool {
        self.children == [NONE; 4]
    }

    fn contains(&self, [x, y]: Point) -> bool {
        x >= self.x0 && x <= self.x0 + self.size && y >= self.y0 && y <= self.y0 + self.size
    }
}

/// The quadtree of one iteration's positions.
#[derive(Debug)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    bodies: Vec<u32>,
}

impl QuadTree {
    /// Builds the tree of `pos` with masses `mass`. O(n log n) for spread-out points (depth at
    /// most [`MAX_DEPTH`]), O(n) extra memory.
    pub(super) fn build(pos: &[Point], mass: &[f64]) -> Self {
        let n = pos.len();
        let mut tree = QuadTree {
            cells: Vec::with_capacity(2 * n + 1),
            bodies: (0..n as u32).collect(),
        };
        if n == 0 {
            return tree;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &[x, y] in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let size = (x1 - x0).max(y1 - y0);
        let mut scratch = vec![0u32; n];
        tree.make(0, n, [x0, y0], size, 0, pos, mass, &mut scratch);
        tree
    }

    /// Adds the square holding `bodies[start..end]` and its subtree; returns its index.
    #[allow(clippy::too_many_arguments)]
    fn make(
        &mut self,
        start: usize,
        end: usize,
        [x0, y0]: Point,
        size: f64,
        depth: u32,
        pos: &[Point],
        mass: &[f64],
        scratch: &mut [u32],
    ) -> u32 {
        let id = self.cells.len();
        self.cells.push(Cell {
            x0,
            y0,
            size,
            mass: 0.0,
            cx: 0.0,
            cy: 0.0,
            start: start as u32,
            end: end as u32,
            children: [NONE; 4],
        });
        let (mut m, mut mx, mut my) = (0.0, 0.0, 0.0);
        if end - start == 1 || depth == MAX_DEPTH || size <= 0.0 {
            for &b in &self.bodies[start..end] {
                let b = b as usize;
                m += mass[b];
                mx += mass[b] * pos[b][0];
                my += mass[b] * pos[b][1];
            }
        } else {
            let half = size / 2.0;
            let (midx, midy) = (x0 + half, y0 + half);
            let quadrant = |b: u32| {
                let [x, y] = pos[b as usize];
                usize::from(x >= midx) + 2 * usize::from(y >= midy)
            };
            // Stable counting sort of bodies[start..end] by quadrant.
            let mut count = [0usize; 4];
            for &b in &self.bodies[start..end] {
                count[quadrant(b)] += 1;
            }
            let mut next = [start, 0, 0, 0];
            for q in 1..4 {
                next[q] = next[q - 1] + count[q - 1];
            }
            let first = next;
            for &b in &self.bodies[start..end] {
                let q = quadrant(b);
                scratch[next[q]] = b;
                next[q] += 1;
            }
            self.bodies[start..end].copy_from_slice(&scratch[start..end]);
            for q in 0..4 {
                if count[q] == 0 {
                    continue;
                }
                let corner = [
                    if q & 1 == 1 { midx } else { x0 },
                    if q & 2 == 2 { midy } else { y0 },
                ];
                let lo = first[q];
                let child = self.make(
                    lo,
                    lo + count[q],
                    corner,
                    half,
                    depth + 1,
                    pos,
                    mass,
                    scratch,
                );
                let c = &self.cells[child as usize];
                m += c.mass;
                mx += c.mass * c.cx;
                my += c.mass * c.cy;
                self.cells[id].children[q] = child;
            }
        }
        let cell = &mut self.cells[id];
        cell.mass = m;
        if m > 0.0 {
            cell.cx = mx / m;
            cell.cy = my / m;
        }
        id as u32
    }

    /// The repulsion on body `i`: `Σ_j k_r m_i m_j (p_i − p_j) / |p_i − p_j|²` over every
    /// other body j, with a square of side `s` whose centre of mass is at distance `d` taken
    /// as one body when it does not contain `p_i` and `s² < θ² d²`. Two bodies at the same
    /// point push each other one unit apart along x (the lower index to the left), so they
    /// cannot stay stuck together. `stack` is scratch space, reused between calls.
    pub(super) fn repulsion(
        &self,
        i: usize,
        pos: &[Point],
        mass: &[f64],
        kr: f64,
        theta2: f64,
        stack: &mut Vec<u32>,
    ) -> Point {
        let p = pos[i];
        let k = kr * mass[i];
        let (mut fx, mut fy) = (0.0, 0.0);
        stack.clear();
        if !self.cells.is_empty() {
            stack.push(0);
        }
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            if cell.is_leaf() {
                for &j in &self.bodies[cell.start as usize..cell.end as usize] {
                    let j = j as usize;
                    if j == i {
                        continue;
                    }
                    let (dx, dy) = (p[0] - pos[j][0], p[1] - pos[j][1]);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 {
                        let f = k * mass[j] / d2;
                        fx += f * dx;
                        fy += f * dy;
                    } else {
                        fx += if i < j { -k * mass[j] } else { k * mass[j] };
                    }
                }
                continue;
            }
            let (dx, dy) = (p[0] - cell.cx, p[1] - cell.cy);
            let d2 = dx * dx + dy * dy;
            if !cell.contains(p) && cell.size * cell.size < theta2 * d2 {
                let f = k * cell.mass / d2;
                fx += f * dx;
                fy += f * dy;
            } else {
                stack.extend(cell.children.iter().copied().filter(|&ch| ch != NONE));
            }
        }
        [fx, fy]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repulsion by definition: every pair, no approximation.
    fn exact(i: usize, pos: &[Point], mass: &[f64], kr: f64) -> Point {
        let mut f = [0.0, 0.0];
        for j in 0..pos.len() {
            if j != i {
                let (dx, dy) = (pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
                let d2 = dx * dx + dy * dy;
                f[0] += kr * mass[i] * mass[j] * dx / d2;
                f[1] += kr * mass[i] * mass[j] * dy / d2;
            }
        }
        f
    }

    fn scattered(n: usize) -> (Vec<Point>, Vec<f64>) {
        // A deterministic scatter (Halton-like) with varied masses.
        let pos = (0..n)
            .map(|i| {
                let a = (i as f64 * 0.618_033_988_7).fract() * 100.0;
                let b = (i as f64 * 0.754_877_666_2).fract() * 60.0;
                [a, b]
            })
            .collect();
        let mass = (0..n).map(|i| 1.0 + (i % 5) as f64).collect();
        (pos, mass)
    }

    #[test]
    fn theta_zero_is_the_exact_sum() {
        let (pos, mass) = scattered(200);
        let tree = QuadTree::build(&pos, &mass);
        let mut stack = Vec::new();
        for i in [0, 17, 199] {
            let got = tree.repulsion(i, &pos, &mass, 2.0, 0.0, &mut stack);
            let want = exact(i, &pos, &mass, 2.0);
            for k in 0..2 {
                assert_close!(got[k], want[k], 1e-9 * want[k].abs().max(1.0));
            }
        }
    }

    #[test]
    fn theta_1_2_stays_near_the_exact_sum() {
        let (pos, mass) = scattered(2000);
        let tree = QuadTree::build(&pos, &mass);
        let mut stack = Vec::new();
        // Relative error of the force vector, averaged over nodes.
        let mut total = 0.0;
        for i in (0..2000).step_by(50) {
            let got = tree.repulsion(i, &pos, &mass, 1.0, 1.2 * 1.2, &mut stack);
            let want = exact(i, &pos, &mass, 1.0);
            let err = ((got[0] - want[0]).powi(2) + (got[1] - want[1]).powi(2)).sqrt();
            total += err / (want[0].powi(2) + want[1].powi(2)).sqrt();
        }
        let mean = total / 40.0;
        assert!(mean < 0.1, "mean relative error {mean}");
    }

    #[test]
    fn coincident_bodies_push_apart_and_the_tree_stays_finite() {
        let pos = vec![[1.0, 1.0]; 5];
        let mass = vec![1.0; 5];
        let tree = QuadTree::build(&pos, &mass);
        let mut stack = Vec::new();
        let f0 = tree.repulsion(0, &pos, &mass, 1.0, 1.44, &mut stack);
        let f4 = tree.repulsion(4, &pos, &mass, 1.0, 1.44, &mut stack);
        assert_eq!((f0, f4), ([-4.0, 0.0], [4.0, 0.0]));
        assert_eq!(tree.cells.len(), 1, "one leaf holds them all");
    }
}
