//! Connected components: the one implementation every analysis uses.
//!
//! [`components`] labels each organization with its component; the community view
//! ([`crate::community::connected_components`]), the summary (number of components, largest
//! component), the leaf folding of exact betweenness (component sizes) and the gap findings
//! all read this one labelling rather than running their own search.

use crate::network::{node, Network, Node};

/// The connected components of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// `label[v]` is the component of node `v`, in `0..count`. Components are numbered in
    /// order of their smallest node: component 0 holds node 0, component 1 the smallest node
    /// not in component 0, and so on.
    pub label: Vec<u32>,
    /// `sizes[c]` is the number of nodes in component `c`.
    pub sizes: Vec<usize>,
    /// Number of components, isolated nodes included (`sizes.len()`).
    pub count: usize,
}

impl Components {
    /// Number of nodes in the component of `v`.
    pub fn size_of(&self, v: Node) -> usize {
        self.sizes[self.label[v as usize] as usize]
    }

    /// The largest component: most nodes, and among equals the one holding the smallest node
    /// (as NetworkX `max(nx.connected_components(G), key=len)`, which lists components in node
    /// order). `None` for an empty network.
    pub fn largest(&self) -> Option<u32> {
        // `max_by_key` keeps the last maximum; scanning in reverse makes it the first.
        (0..self.count)
            .rev()
            .max_by_key(|&c| self.sizes[c])
            .map(node)
    }

    /// The nodes of component `c`, ascending. O(n).
    pub fn members(&self, c: u32) -> Vec<Node> {
        self.label
            .iter()
            .enumerate()
            .filter(|&(_, &l)| l == c)
            .map(|(v, _)| node(v))
            .collect()
    }
}

/// Connected components, numbered in order of their smallest node.
///
/// Two nodes `u` and `v` share a component when a path of ties joins them (the equivalence
/// classes of reachability in the undirected network; an isolated node is a component of
/// its own). Each node not yet labelled, taken in ascending order, starts a breadth-first
/// search that labels everything it reaches with the next free label.
///
/// # Arguments
/// * `net` — the network (weights ignored).
///
/// # Returns
/// A [`Components`]: each node's label (component 0 holds node 0), each component's size and
/// the number of components.
///
/// # Complexity
/// O(n + m) time (each node is queued once, each arc read once), O(n) extra memory (one
/// array serves as the queue of every search).
///
/// # Reference
/// J. Hopcroft and R. Tarjan, *Algorithm 447: efficient algorithms for graph manipulation*,
/// Comm. ACM 16(6), 1973. Same sets, in the same order, as NetworkX
/// `list(nx.connected_components(G))`; the count is NetworkX `number_connected_components(G)`
/// and petgraph `algo::connected_components` (a property test checks both against
/// petgraph's traversals on random graphs).
///
/// # Examples
/// ```
/// use puentes_analysis::components::components;
/// use puentes_analysis::Network;
/// // 0 - 1 - 2, an isolated 3, and 4 - 5.
/// let net = Network::from_edges(6, &[(0, 1, 1.0), (1, 2, 1.0), (4, 5, 1.0)]);
/// let c = components(&net);
/// assert_eq!(c.label, vec![0, 0, 0, 1, 2, 2]);
/// assert_eq!((c.sizes.as_slice(), c.count), (&[3, 1, 2][..], 3));
/// assert_eq!(c.largest(), Some(0));
/// ```
pub fn components(net: &Network) -> Components {
    const UNLABELLED: u32 = u32::MAX;
    let n = net.node_count();
    let mut label = vec![UNLABELLED; n];
    let mut sizes = Vec::new();
    // Every node enters `queue` once, so one array holds the queues of all searches.
    let mut queue: Vec<Node> = Vec::with_capacity(n);
    for start in 0..n {
        if label[start] != UNLABELLED {
            continue;
        }
        let c = node(sizes.len());
        let first = queue.len();
        label[start] = c;
        queue.push(node(start));
        let mut head = first;
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            for &u in net.neighbors(v) {
                if label[u as usize] == UNLABELLED {
                    label[u as usize] = c;
                    queue.push(u);
                }
            }
        }
        sizes.push(queue.len() - first);
    }
    Components {
        label,
        count: sizes.len(),
        sizes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_smallest_node() {
        // 4 - 5 and 1 - 3, isolated 0 and 2: components {0}, {1, 3}, {2}, {4, 5}.
        let net = Network::from_edges(6, &[(4, 5, 1.0), (1, 3, 1.0)]);
        let c = components(&net);
        assert_eq!(c.label, vec![0, 1, 2, 1, 3, 3]);
        assert_eq!(c.sizes, vec![1, 2, 1, 2]);
        assert_eq!(c.count, 4);
        assert_eq!(c.size_of(3), 2);
        assert_eq!(c.members(1), vec![1, 3]);
        // Sizes 1, 2, 1, 2: the first of the two largest.
        assert_eq!(c.largest(), Some(1));
    }

    #[test]
    fn empty_and_single_node() {
        let c = components(&Network::from_edges(0, &[]));
        assert_eq!((c.count, c.largest()), (0, None));
        let c = components(&Network::from_edges(1, &[]));
        assert_eq!((c.label, c.sizes, c.count), (vec![0], vec![1], 1));
    }
}
