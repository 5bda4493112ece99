// Provenance as relationships (src/features/provenance): each statement to its document, and to every node that
// cites it. Writes keep them in step from now on; this links what was written before.
MATCH (s:Statement)
MATCH (d:Identity {id: s.documentId}) WHERE d:SourceDocument
MERGE (s)-[:IN_DOCUMENT]->(d);
MATCH (n:Identity) WHERE n.sourceRefs IS NOT NULL
UNWIND n.sourceRefs AS ref
MATCH (s:Statement {id: ref})
MERGE (s)-[:STATES]->(n);
