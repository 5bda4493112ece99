// Saved explorer maps: bookkeeping nodes outside the graph (never :Entity or :Identity), one per map id; listed
// most recently saved first.
CREATE CONSTRAINT explorer_map_id IF NOT EXISTS FOR (m:ExplorerMap) REQUIRE m.id IS UNIQUE;
CREATE INDEX explorer_map_updated_at IF NOT EXISTS FOR (m:ExplorerMap) ON (m.updatedAt);
