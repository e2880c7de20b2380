//! (centrality: under construction)
