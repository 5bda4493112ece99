// Lists filter and sort by kind and name.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
// Statements are looked up by document when a source is shown.
CREATE INDEX statement_document IF NOT EXISTS FOR (s:Statement) ON (s.documentId);
// Agreements by status and events by type are common filters.
CREATE INDEX agreement_status IF NOT EXISTS FOR (a:Agreement) ON (a.status);
CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.eventType);
