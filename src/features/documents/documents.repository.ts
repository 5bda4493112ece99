/** Cypher of the document workflow: what the analysis reads, and what a commit adds beside the dataset writer. */
import { cypher, unionList } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import { FACT_RELATIONSHIPS, type NodeKind } from '../../model/graph-model';
import { isConstraintViolation } from '../../db/database';
import { conflict } from '../../shared/errors';
import type { KnownEntity } from './analysis';

const KNOWN_ENTITIES = cypher<Record<string, never>, { id: string; kind: NodeKind; name: string; aliases: string[] }>(
  'documents.knownEntities',
  `MATCH (n:Entity) WHERE NOT n:SourceDocument
   RETURN n.id AS id, n.kind AS kind, n.name AS name, coalesce(n.aliases, []) AS aliases`,
  { fullScan: 'the analysis matches a document against every name of the graph (a curated graph of thousands)' },
);

/** Every live node but documents, with its names, for the analysis. */
export async function readKnownEntities(db: Database): Promise<KnownEntity[]> {
  return db.query(KNOWN_ENTITIES, {});
}

export interface KnownStatement {
  id: string;
  documentId: string;
  position: number;
  text: string;
}

const STATEMENTS_WITH_TEXT = cypher<{ texts: string[] }, KnownStatement>(
  'documents.statementsWithText',
  `UNWIND $texts AS text
   MATCH (s:Statement {text: text})
   RETURN s.id AS id, s.documentId AS documentId, s.position AS position, s.text AS text
   ORDER BY s.documentId, s.position`,
);

/** The statements of any document whose sentence is one of `texts`, word for word. */
export function readStatementsWithText(db: Database | Tx, texts: string[]): Promise<KnownStatement[]> {
  return db.query(STATEMENTS_WITH_TEXT, { texts });
}

const DOCUMENT_WITH_URL = cypher<{ url: string }, { id: string; statements: string[] }>(
  'documents.documentWithUrl',
  `MATCH (d:SourceDocument {url: $url}) WHERE d:Entity
   OPTIONAL MATCH (s:Statement {documentId: d.id})
   WITH d, s ORDER BY s.position
   RETURN d.id AS id, collect(s.text) AS statements
   LIMIT 1`,
);

/** The live document published at `url`, with its sentences in order; undefined when there is none. */
export function readDocumentWithUrl(tx: Tx, url: string): Promise<{ id: string; statements: string[] } | undefined> {
  return tx.queryOne(DOCUMENT_WITH_URL, { url });
}

const CLAIM_URL = cypher<{ url: string; documentId: string }, { url: string }>(
  'documents.claimUrl',
  'CREATE (c:DocumentCommit {url: $url, documentId: $documentId}) RETURN c.url AS url',
);

/** Records that `url` is committed; a concurrent commit of the same URL waits on the constraint, then fails. */
export async function claimUrl(tx: Tx, url: string, documentId: string): Promise<void> {
  try {
    await tx.query(CLAIM_URL, { url, documentId });
  } catch (error) {
    if (isConstraintViolation(error)) throw conflict(`url: "${url}" is being committed by another request`);
    throw error;
  }
}

const CITE_NODES = cypher<{ rows: { id: string; refs: string[] }[] }, { id: string }>(
  'documents.citeNodes',
  `UNWIND $rows AS row
   MATCH (n:Entity {id: row.id})
   SET n.sourceRefs = ${unionList('n.sourceRefs', 'row.refs')}
   RETURN n.id AS id`,
);

/** Adds statements to the sources of existing nodes. */
export async function citeNodes(tx: Tx, rows: { id: string; refs: string[] }[]): Promise<void> {
  if (rows.length > 0) await tx.query(CITE_NODES, { rows });
}

export interface CountRow {
  id: string;
  /** The counts as properties, `{agreementCount: 125}`. */
  counts: Record<string, number>;
  /** Their `countSources` entries. */
  entries: string[];
}

const SET_COUNTS = cypher<{ rows: CountRow[] }, { id: string }>(
  'documents.setCounts',
  `UNWIND $rows AS row
   MATCH (n:Entity {id: row.id})
   SET n += row.counts,
       n.countSources = ${unionList('n.countSources', 'row.entries')}
   RETURN n.id AS id`,
);

/** Records stated counts as integer properties of their nodes, with the sentences that state them. */
export async function setCounts(tx: Tx, rows: CountRow[]): Promise<void> {
  if (rows.length > 0) await tx.query(SET_COUNTS, { rows });
}

export interface Corroboration {
  /** The statement of an earlier document. */
  old: string;
  /** The statement of the new document with the same sentence. */
  new: string;
}

const CORROBORATE_NODES = cypher<{ pairs: Corroboration[] }, { id: string }>(
  'documents.corroborateNodes',
  `UNWIND $pairs AS pair
   MATCH (n:Entity) WHERE pair.old IN n.sourceRefs OR any(e IN coalesce(n.countSources, []) WHERE e ENDS WITH ':' + pair.old)
   SET n.sourceRefs = CASE WHEN pair.old IN n.sourceRefs THEN ${unionList('n.sourceRefs', '[pair.new]')} ELSE n.sourceRefs END,
       n.countSources = ${unionList(
         'n.countSources',
         "[e IN coalesce(n.countSources, []) WHERE e ENDS WITH ':' + pair.old | left(e, size(e) - size(pair.old)) + pair.new]",
       )}
   RETURN n.id AS id`,
  {
    fullScan: 'statements are cited from list properties; a commit repeats at most a few sentences of another document',
  },
);

const CORROBORATE_RELATIONSHIPS = cypher<
  { pairs: Corroboration[] },
  { id: string; type: string; from: string; to: string }
>(
  'documents.corroborateRelationships',
  `UNWIND $pairs AS pair
   MATCH (a:Entity)-[r:${FACT_RELATIONSHIPS}]->(b:Entity) WHERE pair.old IN r.sourceRefs
   SET r.sourceRefs = ${unionList('r.sourceRefs', '[pair.new]')}
   RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to`,
  {
    fullScan: 'statements are cited from list properties; a commit repeats at most a few sentences of another document',
  },
);

/** Makes every fact that cites an earlier statement cite the new document's identical sentence too. */
export async function corroborate(tx: Tx, pairs: Corroboration[]): Promise<{ nodeIds: string[]; edgeIds: string[] }> {
  if (pairs.length === 0) return { nodeIds: [], edgeIds: [] };
  const nodes = await tx.query(CORROBORATE_NODES, { pairs });
  const edges = await tx.query(CORROBORATE_RELATIONSHIPS, { pairs });
  return { nodeIds: nodes.map((row) => row.id), edgeIds: edges.map((row) => row.id) };
}
