// Lists of a kind go in name or id order and stop at the page: composite indexes give that order. Search finds
// names by prefix in name order.
CREATE INDEX entity_kind_sort_key IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.sortKey);
CREATE INDEX entity_kind_id IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.id);
CREATE INDEX entity_sort_key IF NOT EXISTS FOR (n:Entity) ON (n.sortKey);
