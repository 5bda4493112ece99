/**
 * Provenance as relationships a Neo4j user can walk, kept in step with the properties that state it:
 *
 *   (:Statement)-[:IN_DOCUMENT]->(:SourceDocument)   each sentence to its document (by `documentId`)
 *   (:Statement)-[:STATES]->(node)                   each sentence to every node that cites it (`sourceRefs`)
 *
 * Relationship facts cannot be the end of a relationship: they keep their statement ids in `sourceRefs` only.
 * The properties stay the source of truth (exports, GraphQL and the import format read them); these edges are
 * derived from them by `linkProvenance`, which every write path calls in its own transaction for the nodes it
 * wrote (the history's `mutate` for GraphQL writes, `writeRows` for imports and committed documents), and by
 * migration 0017 for databases written before.
 */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';

/**
 * Links the nodes `ids` to the statements they cite (dropping edges of statements no longer cited); for a source
 * document, its statements to it.
 */
const LINK = cypher<{ ids: string[] }, { linked: number }>(
  'provenance.link',
  `UNWIND $ids AS id
   MATCH (n:Identity {id: id})
   CALL (n) {
     WITH n WHERE n:SourceDocument
     MATCH (s:Statement {documentId: n.id})
     MERGE (s)-[:IN_DOCUMENT]->(n)
   }
   CALL (n) {
     MATCH (s:Statement)-[old:STATES]->(n)
     WHERE NOT s.id IN coalesce(n.sourceRefs, [])
     DELETE old
   }
   CALL (n) {
     UNWIND coalesce(n.sourceRefs, []) AS ref
     MATCH (s:Statement {id: ref})
     MERGE (s)-[:STATES]->(n)
   }
   RETURN count(n) AS linked`,
);

/** Links the statements `ids` to their documents (a statement written before, or apart from, its document's node). */
const LINK_STATEMENTS = cypher<{ ids: string[] }, { linked: number }>(
  'provenance.linkStatements',
  `UNWIND $ids AS id
   MATCH (s:Statement {id: id})
   MATCH (d:Identity {id: s.documentId}) WHERE d:SourceDocument
   MERGE (s)-[:IN_DOCUMENT]->(d)
   RETURN count(s) AS linked`,
);

/** Brings the provenance edges of the nodes `ids` (any kind, source documents included) up to date. */
export async function linkProvenance(tx: Tx, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > 0) await tx.query(LINK, { ids: unique });
}

/** The same for the statements `ids`: each to its document. */
export async function linkStatements(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query(LINK_STATEMENTS, { ids: [...ids] });
}

const ALL_IDS = cypher<{ after: string; limit: number }, { id: string }>(
  'provenance.allIds',
  `MATCH (n:Identity) WHERE n.id > $after
   WITH n ORDER BY n.id LIMIT toInteger($limit)
   RETURN n.id AS id`,
);

/** Every node's provenance edges, in batches of their own transactions (after a bulk load). */
export async function linkAllProvenance(db: Database, batch = 5_000): Promise<void> {
  let after = '';
  for (;;) {
    const ids = (await db.query(ALL_IDS, { after, limit: batch })).map((row) => row.id);
    if (ids.length === 0) return;
    await db.write((tx) => linkProvenance(tx, ids));
    after = ids.at(-1) ?? after;
  }
}
