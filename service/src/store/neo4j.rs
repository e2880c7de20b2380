//! [`Neo4jStore`]: the network kept in a Neo4j 5 database over Bolt (neo4rs).
//! (Implemented in the Neo4j issue; this placeholder keeps the module layout stable.)

/// Connection settings for [`Neo4jStore`].
#[derive(Debug, Clone)]
pub struct Neo4jConfig {
    /// Bolt URI, e.g. `bolt://127.0.0.1:7687`.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
}

/// The Neo4j-backed store.
#[derive(Debug)]
pub struct Neo4jStore {
    _config: Neo4jConfig,
}
