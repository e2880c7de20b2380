//! The Cypher statements: constants only; values travel as parameters.
//!
//! Every statement on organizations names the generation (`$generation`): nodes of other
//! generations are staged or abandoned imports and are never read or changed here, except by
//! the clean-up statements that delete them.

/// Run in order at connect. The unique `(generation, id)` pair replaces the former unique
/// `id` (two generations hold the same ids while an import is staged); its index also serves
/// every lookup by generation (`generation = $g AND id IS NOT NULL` is an index seek).
pub(super) const SCHEMA: [&str; 3] = [
    "DROP CONSTRAINT puentes_organization_id IF EXISTS",
    "CREATE CONSTRAINT puentes_organization_generation_id IF NOT EXISTS \
     FOR (o:Organization) REQUIRE (o.generation, o.id) IS UNIQUE",
    "CREATE CONSTRAINT puentes_meta_key IF NOT EXISTS \
     FOR (m:PuentesMeta) REQUIRE m.key IS UNIQUE",
];
/// Creates the revision node, and gives a database written before generations existed the
/// generation 0.
pub(super) const ENSURE_META: &str = "MERGE (m:PuentesMeta {key: 'revision'}) \
     ON CREATE SET m.value = 0, m.generation = 0 \
     WITH m WHERE m.generation IS NULL SET m.generation = 0 RETURN m.value AS value";
/// Puts organizations written before generations existed into the current generation.
pub(super) const ADOPT_LEGACY: &str = "MATCH (o:Organization) WHERE o.generation IS NULL \
     WITH o LIMIT $limit SET o.generation = $generation RETURN count(*) AS n";
/// Writing a property takes the node's write lock until the transaction ends. The value
/// written must not depend on a read: a read in the same statement may happen before the lock
/// is granted (Neo4j's "lost update" pitfall), so the revision is read by a later statement.
pub(super) const LOCK_META: &str =
    "MERGE (m:PuentesMeta {key: 'revision'}) ON CREATE SET m.value = 0, m.generation = 0 \
     SET m.locked = true";
pub(super) const UNLOCK_META: &str = "MATCH (m:PuentesMeta {key: 'revision'}) REMOVE m.locked";
pub(super) const READ_REVISION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) \
     RETURN m.value AS value, coalesce(m.generation, 0) AS generation";
/// Runs under the lock, so `m.value` is the latest committed revision.
pub(super) const BUMP_REVISION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) \
     SET m.value = m.value + 1 REMOVE m.locked RETURN m.value AS value";
/// Runs under both locks, after the staged generation was checked complete: the one write
/// that makes a bulk import visible.
pub(super) const SWITCH_GENERATION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) \
     SET m.value = m.value + 1, m.generation = $generation REMOVE m.locked \
     RETURN m.value AS value";

// ---- the import lease: one staged generation at a time --------------------------------------

/// The lease node's write lock; taken first by every statement sequence that reads or
/// changes the lease (same pitfall as [`LOCK_META`]).
pub(super) const LOCK_LEASE: &str = "MERGE (i:PuentesMeta {key: 'import'}) SET i.locked = true";
pub(super) const READ_LEASE: &str = "MATCH (i:PuentesMeta {key: 'import'}) \
     RETURN i.generation AS generation, i.owner AS owner, \
     coalesce(i.until < timestamp(), true) AS expired, coalesce(i.next, 1) AS next";
pub(super) const TAKE_LEASE: &str = "MATCH (i:PuentesMeta {key: 'import'}) \
     SET i.generation = $generation, i.next = $generation + 1, i.owner = $owner, \
     i.until = timestamp() + $lease_ms REMOVE i.locked";
/// Returns 1 when the lease is still `$generation`'s, and extends it.
pub(super) const RENEW_LEASE: &str = "MATCH (i:PuentesMeta {key: 'import'}) \
     WHERE i.generation = $generation \
     SET i.until = timestamp() + $lease_ms REMOVE i.locked RETURN count(*) AS n";
pub(super) const UNLOCK_LEASE: &str = "MATCH (i:PuentesMeta {key: 'import'}) REMOVE i.locked";
pub(super) const CLEAR_LEASE: &str = "MATCH (i:PuentesMeta {key: 'import'}) \
     REMOVE i.generation, i.owner, i.until, i.locked";

// ---- reading ---------------------------------------------------------------------------------

pub(super) const COUNT: &str = "MATCH (o:Organization) \
     WHERE o.generation = $generation AND o.id IS NOT NULL \
     RETURN count(o) AS orgs, \
     sum(COUNT { (o)-[:COLLABORATES_WITH]->(b:Organization) WHERE b.generation = $generation }) \
     AS ties";
/// Every organization and every tie, whatever the generation; read from Neo4j's counts store
/// in constant time. When they equal what a read of one generation received, that read is
/// complete (it cannot have received more than that generation holds).
pub(super) const COUNT_ALL: &str = "MATCH (o:Organization) WITH count(o) AS orgs \
     MATCH ()-[t:COLLABORATES_WITH]->() RETURN orgs, count(t) AS ties";
/// One part (`$part` of `$parts`, by `seq`) of a generation: one row per organization, its
/// fields as two positional lists (no map keys to send and decode for each of 82k rows), and
/// its outgoing ties as lists `[target id, kind, strength, since, until, reported_by, seq,
/// attribute names, attribute values]`.
pub(super) const READ_PART: &str = "MATCH (o:Organization) \
     WHERE o.generation = $generation AND o.id IS NOT NULL \
     AND abs(coalesce(o.seq, 0)) % $parts = $part \
     RETURN [o.id, o.name, o.country, o.region, o.city, o.corridor, o.latitude, o.longitude, \
     o.contact, o.services, o.populations, o.aliases] AS a, \
     [o.population_served, o.salaried_staff, o.annual_budget_usd, o.founded_year, o.partner, \
     o.agreement_review, o.feedback_to_population, o.social_media_use, o.donation_sources, \
     o.seq] AS b, \
     [(o)-[t:COLLABORATES_WITH]->(x:Organization) WHERE x.generation = $generation | \
     [x.id, t.kind, t.strength, t.since, t.until, t.reported_by, t.seq, t.attr_names, \
     t.attr_values]] AS out";

// ---- writing in the current generation (one transaction) -------------------------------------

pub(super) const DELETE_TIES: &str = "UNWIND $rows AS r \
     MATCH (:Organization {generation: $generation, id: r.a}) \
     -[t:COLLABORATES_WITH {kind: r.kind}]- \
     (:Organization {generation: $generation, id: r.b}) \
     DELETE t RETURN count(*) AS n";
pub(super) const DELETE_ORGS: &str = "UNWIND $rows AS id \
     MATCH (o:Organization {generation: $generation, id: id}) \
     DETACH DELETE o RETURN count(*) AS n";
/// Each row is the whole property map, `generation` included.
pub(super) const UPSERT_ORGS: &str = "UNWIND $rows AS r \
     MERGE (o:Organization {generation: $generation, id: r.id}) SET o = r RETURN count(*) AS n";
/// Each row is `[source, target, kind, strength, since, until, reported_by, seq, attribute
/// names, attribute values]` (the tie's attributes as two lists); a null value sets no
/// property.
pub(super) const CREATE_TIES: &str = "UNWIND $rows AS r \
     MATCH (a:Organization {generation: $generation, id: r[0]}) \
     MATCH (b:Organization {generation: $generation, id: r[1]}) \
     CREATE (a)-[t:COLLABORATES_WITH]->(b) \
     SET t.kind = r[2], t.strength = r[3], t.since = r[4], t.until = r[5], \
     t.reported_by = r[6], t.seq = r[7], t.attr_names = r[8], t.attr_values = r[9] \
     RETURN count(*) AS n";
pub(super) const WRITE_METRICS: &str = "UNWIND $rows AS r \
     MATCH (o:Organization {generation: $generation, id: r.id}) \
     SET o += r.props, o.puentes_revision = $revision RETURN count(*) AS n";
pub(super) const FIRST_MISSING: &str = "UNWIND $ids AS id \
     OPTIONAL MATCH (o:Organization {generation: $generation, id: id}) \
     WITH id, o WHERE o IS NULL RETURN id LIMIT 1";

// ---- writing a new generation (bulk) ----------------------------------------------------------

/// Each row is the whole property map, `generation` (the staged one) included. Returns
/// `[id, elementId]` of each node created, for [`CREATE_STAGED_TIES`].
pub(super) const CREATE_ORGS: &str = "UNWIND $rows AS r CREATE (o:Organization) SET o = r \
     RETURN collect([o.id, elementId(o)]) AS created";
/// [`CREATE_TIES`] with the ends given by element id (returned by [`CREATE_ORGS`] in the same
/// import): a seek by element id costs a fifth of an index seek by `(generation, id)`. The
/// generation is checked too, so a reused element id cannot attach a tie elsewhere.
pub(super) const CREATE_STAGED_TIES: &str = "UNWIND $rows AS r \
     MATCH (a:Organization) WHERE elementId(a) = r[0] AND a.generation = $generation \
     MATCH (b:Organization) WHERE elementId(b) = r[1] AND b.generation = $generation \
     CREATE (a)-[t:COLLABORATES_WITH]->(b) \
     SET t.kind = r[2], t.strength = r[3], t.since = r[4], t.until = r[5], \
     t.reported_by = r[6], t.seq = r[7], t.attr_names = r[8], t.attr_values = r[9] \
     RETURN count(*) AS n";
/// Generations other than `$current` and `$staged` (null when no import is staged).
pub(super) const GARBAGE_GENERATIONS: &str = "MATCH (o:Organization) \
     WHERE o.generation <> $current AND ($staged IS NULL OR o.generation <> $staged) \
     RETURN DISTINCT o.generation AS generation";
/// Deletes up to `$limit` organizations of a dead generation, with their ties.
pub(super) const DELETE_GENERATION: &str = "MATCH (o:Organization) \
     WHERE o.generation = $generation AND o.id IS NOT NULL \
     WITH o LIMIT $limit DETACH DELETE o RETURN count(*) AS n";
