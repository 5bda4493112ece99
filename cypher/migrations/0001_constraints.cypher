// Every node of the graph is an :Entity with a stable, human-readable id (a slug such as `iecm`).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
// Supporting sentences, cited by id ("<document id>#<n>") from every node and relationship.
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
