//! End-to-end and reference tests, one binary (each file a module): Puentes against NetworkX and
//! igraph values on real networks, and the API over a real Neo4j server.

mod neo4j_api;
mod reference_centrality;
mod reference_gaps;
mod reference_names;
mod reference_suggest;
mod reference_time;
