// The history links each change to the identities it concerns, so a node's history is an index seek and an
// expand instead of a scan of every change's id list.
MATCH (c:Change) WHERE c.targetIds IS NOT NULL
CALL (c) {
  UNWIND c.targetIds AS id
  MATCH (target:Identity {id: id})
  MERGE (c)-[:CONCERNS]->(target)
}
REMOVE c.targetIds;
