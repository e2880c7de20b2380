//! Tidying one component's positions and packing the components side by side.

use super::Point;

/// Scales `pos` about its centroid so the mean length of `edges` is 1, moves the centroid to
/// the origin and turns the principal axis horizontal (the widest direction along x, which
/// suits landscape pages). Returns the positions unchanged in scale when the edges have no
/// length (a lone node, or nodes that all coincide).
pub(super) fn normalize(pos: &mut [Point], edges: impl Iterator<Item = (usize, usize)>) {
    let n = pos.len() as f64;
    if pos.is_empty() {
        return;
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for &[x, y] in pos.iter() {
        cx += x;
        cy += y;
    }
    cx /= n;
    cy /= n;
    let (mut total, mut m) = (0.0, 0usize);
    for (u, v) in edges {
        total += distance(pos[u], pos[v]);
        m += 1;
    }
    let scale = if m > 0 && total > 0.0 {
        m as f64 / total
    } else {
        1.0
    };
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for p in pos.iter_mut() {
        *p = [(p[0] - cx) * scale, (p[1] - cy) * scale];
        sxx += p[0] * p[0];
        syy += p[1] * p[1];
        sxy += p[0] * p[1];
    }
    if sxy != 0.0 || sxx < syy {
        // The principal axis is at angle a = ½ atan2(2 sxy, sxx − syy); turn by −a.
        let a = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let (sin, cos) = a.sin_cos();
        for p in pos.iter_mut() {
            *p = [p[0] * cos + p[1] * sin, -p[0] * sin + p[1] * cos];
        }
    }
}

pub(super) fn distance(a: Point, b: Point) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Pushes overlapping discs apart: discs `i` and `j` closer than `r_i + r_j + gap` each move
/// half the overlap away from the other, all moves of a pass applied together; at most
/// `passes` passes, fewer when nothing overlaps. Candidate pairs come from a sweep over the
/// discs sorted by left edge (ties by index), so a pass costs O(n log n + pairs whose
/// x-ranges meet). Coincident discs separate along x, the lower index to the left.
pub(super) fn separate(pos: &mut [Point], radius: &[f64], gap: f64, passes: usize) {
    let n = pos.len();
    if n < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let mut shift = vec![[0.0; 2]; n];
    for _ in 0..passes {
        order.sort_by(|&a, &b| {
            (pos[a][0] - radius[a])
                .total_cmp(&(pos[b][0] - radius[b]))
                .then(a.cmp(&b))
        });
        let mut moved = false;
        for (k, &i) in order.iter().enumerate() {
            let right = pos[i][0] + radius[i] + gap;
            for &j in &order[k + 1..] {
                if pos[j][0] - radius[j] > right {
                    break;
                }
                let need = radius[i] + radius[j] + gap;
                let (dx, dy) = (pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]);
                let d = (dx * dx + dy * dy).sqrt();
                if d >= need {
                    continue;
                }
                let (ux, uy) = if d > 0.0 {
                    (dx / d, dy / d)
                } else if i < j {
                    (1.0, 0.0)
                } else {
                    (-1.0, 0.0)
                };
                let half = (need - d) / 2.0;
                shift[i][0] -= ux * half;
                shift[i][1] -= uy * half;
                shift[j][0] += ux * half;
                shift[j][1] += uy * half;
                moved = true;
            }
        }
        if !moved {
            break;
        }
        for (p, s) in pos.iter_mut().zip(shift.iter_mut()) {
            p[0] += s[0];
            p[1] += s[1];
            *s = [0.0, 0.0];
        }
    }
}

/// The bounding box `(min, max)` of discs at `pos` with radii `radius`.
pub(super) fn bounds(pos: &[Point], radius: &[f64]) -> (Point, Point) {
    let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
    for (p, &r) in pos.iter().zip(radius) {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k] - r);
            hi[k] = hi[k].max(p[k] + r);
        }
    }
    (lo, hi)
}

/// Shelf packing: places boxes of sizes `boxes` (in the given order) left to right in rows
/// no wider than `max(widest box, √(aspect · Σ padded areas))`, `gap` apart, each row below the
/// previous one. Returns each box's top-left corner and the packed width and height.
pub(super) fn shelves(boxes: &[Point], gap: f64, aspect: f64) -> (Vec<Point>, f64, f64) {
    let widest = boxes.iter().map(|b| b[0]).fold(0.0, f64::max);
    let area: f64 = boxes.iter().map(|b| (b[0] + gap) * (b[1] + gap)).sum();
    let row_width = widest.max((aspect * area).sqrt());
    let (mut x, mut y, mut row, mut width) = (0.0, 0.0, 0.0_f64, 0.0_f64);
    let mut corners = Vec::with_capacity(boxes.len());
    for b in boxes {
        if x > 0.0 && x + b[0] > row_width {
            y += row + gap;
            x = 0.0;
            row = 0.0;
        }
        corners.push([x, y]);
        width = width.max(x + b[0]);
        row = row.max(b[1]);
        x += b[0] + gap;
    }
    (corners, width, y + row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_gives_unit_mean_edge_length_and_a_horizontal_axis() {
        // A vertical path of three nodes, 4 apart: becomes horizontal, 1 apart, centred.
        let mut pos = vec![[5.0, 0.0], [5.0, 4.0], [5.0, 8.0]];
        normalize(&mut pos, [(0, 1), (1, 2)].into_iter());
        for (p, want) in pos.iter().zip([-1.0f64, 0.0, 1.0]) {
            assert_close!(p[0].abs(), want.abs(), 1e-12);
            assert_close!(p[1], 0.0, 1e-12);
        }
        assert_close!(distance(pos[0], pos[1]), 1.0, 1e-12);
    }

    #[test]
    fn separate_pushes_overlapping_discs_to_touching() {
        let mut pos = vec![[0.0, 0.0], [0.5, 0.0], [0.5, 0.0]];
        separate(&mut pos, &[0.5, 0.5, 0.5], 0.0, 200);
        for i in 0..3 {
            for j in i + 1..3 {
                assert!(distance(pos[i], pos[j]) >= 1.0 - 1e-6, "{pos:?}");
            }
        }
    }

    #[test]
    fn shelves_fill_rows_left_to_right() {
        // One 4×2 box then four unit boxes, gap 1, aspect 1: rows at most
        // max(4, √(5·3 + 4·4)) = √31 ≈ 5.57 wide.
        let boxes = [[4.0, 2.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]];
        let (corners, w, h) = shelves(&boxes, 1.0, 1.0);
        assert_eq!(
            corners,
            vec![[0.0, 0.0], [0.0, 3.0], [2.0, 3.0], [4.0, 3.0], [0.0, 5.0]]
        );
        assert_eq!((w, h), (5.0, 6.0));
    }
}
