//! The Cypher statements: constants only; values travel as parameters.

pub(super) const SCHEMA: [&str; 2] = [
    "CREATE CONSTRAINT puentes_organization_id IF NOT EXISTS \
     FOR (o:Organization) REQUIRE o.id IS UNIQUE",
    "CREATE CONSTRAINT puentes_meta_key IF NOT EXISTS \
     FOR (m:PuentesMeta) REQUIRE m.key IS UNIQUE",
];
pub(super) const ENSURE_META: &str =
    "MERGE (m:PuentesMeta {key: 'revision'}) ON CREATE SET m.value = 0 RETURN m.value AS value";
/// Writing a property takes the node's write lock until the transaction ends. The value
/// written must not depend on a read: a read in the same statement may happen before the lock
/// is granted (Neo4j's "lost update" pitfall), so the revision is read by a later statement.
pub(super) const LOCK_META: &str =
    "MERGE (m:PuentesMeta {key: 'revision'}) ON CREATE SET m.value = 0 \
     SET m.locked = true";
pub(super) const UNLOCK_META: &str = "MATCH (m:PuentesMeta {key: 'revision'}) REMOVE m.locked";
pub(super) const READ_REVISION: &str =
    "MATCH (m:PuentesMeta {key: 'revision'}) RETURN m.value AS value";
/// Runs under the lock, so `m.value` is the latest committed revision.
pub(super) const BUMP_REVISION: &str = "MATCH (m:PuentesMeta {key: 'revision'}) \
     SET m.value = m.value + 1 REMOVE m.locked RETURN m.value AS value";
pub(super) const COUNT: &str = "MATCH (o:Organization) WITH count(o) AS orgs \
     OPTIONAL MATCH (:Organization)-[t:COLLABORATES_WITH]->(:Organization) \
     RETURN orgs, count(t) AS ties";
pub(super) const READ_ORGS: &str =
    "MATCH (o:Organization) RETURN o {.id, .name, .country, .region, .city, \
     .corridor, .latitude, .longitude, .contact, .services, .populations, .population_served, \
     .salaried_staff, .annual_budget_usd, .founded_year, .partner, .agreement_review, \
     .feedback_to_population, .social_media_use, .donation_sources, .seq} AS o \
     ORDER BY o.seq, o.id";
pub(super) const READ_TIES: &str =
    "MATCH (a:Organization)-[t:COLLABORATES_WITH]->(b:Organization) \
     RETURN {source: a.id, target: b.id, kind: t.kind, strength: t.strength, since: t.since, \
     until: t.until, reported_by: t.reported_by, seq: t.seq} AS t \
     ORDER BY t.seq, t.source, t.target, t.kind";
pub(super) const DELETE_TIES: &str = "UNWIND $rows AS r \
     MATCH (:Organization {id: r.a})-[t:COLLABORATES_WITH {kind: r.kind}]-(:Organization {id: r.b}) \
     DELETE t RETURN count(*) AS n";
pub(super) const DELETE_ORGS: &str = "UNWIND $rows AS id MATCH (o:Organization {id: id}) \
     DETACH DELETE o RETURN count(*) AS n";
pub(super) const UPSERT_ORGS: &str = "UNWIND $rows AS r MERGE (o:Organization {id: r.id}) \
     SET o = r RETURN count(*) AS n";
pub(super) const CREATE_TIES: &str = "UNWIND $rows AS r \
     MATCH (a:Organization {id: r.source}) MATCH (b:Organization {id: r.target}) \
     CREATE (a)-[t:COLLABORATES_WITH]->(b) SET t = r.props RETURN count(*) AS n";
pub(super) const WRITE_METRICS: &str = "UNWIND $rows AS r MATCH (o:Organization {id: r.id}) \
     SET o += r.props, o.puentes_revision = $revision RETURN count(*) AS n";
