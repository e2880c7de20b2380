//! Small networks whose metrics can be worked out by hand, shared by the unit tests.

use crate::network::{node, Network, Node};

/// A network with unit weights on the given ties.
pub(crate) fn unit(n: usize, edges: &[(Node, Node)]) -> Network {
    let edges: Vec<_> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
    Network::from_edges(n, &edges)
}

/// The path `0 - 1 - … - (n − 1)`.
pub(crate) fn path(n: usize) -> Network {
    let edges: Vec<_> = (1..n).map(|i| (node(i - 1), node(i))).collect();
    unit(n, &edges)
}

/// The star with centre 0 and leaves `1..n`.
pub(crate) fn star(n: usize) -> Network {
    let edges: Vec<_> = (1..n).map(|i| (0, node(i))).collect();
    unit(n, &edges)
}

/// The complete graph `K_n`.
pub(crate) fn complete(n: usize) -> Network {
    let edges: Vec<_> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (node(a), node(b))))
        .collect();
    unit(n, &edges)
}

/// Triangles `{0, 1, 2}` and `{3, 4, 5}` joined by the bridge `2 - 3`.
pub(crate) const TWO_TRIANGLES: [(Node, Node); 7] =
    [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)];

/// [`TWO_TRIANGLES`] with unit weights, on nodes `0..6`.
pub(crate) fn two_triangles() -> Network {
    unit(6, &TWO_TRIANGLES)
}
