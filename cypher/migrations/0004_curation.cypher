// Ids are never reused: every node keeps the :Identity label even when it is soft-deleted
// (:DeletedEntity) or merged into another node (:MergedEntity), and ids are unique across them.
CREATE CONSTRAINT identity_id IF NOT EXISTS FOR (n:Identity) REQUIRE n.id IS UNIQUE;
// The history of writes: who, when, what.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
