/** Cypher of the document workflow: what the analysis reads, and what a commit adds beside the dataset writer. */
import { cypher, unionList } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import { FACT_RELATIONSHIPS, isRelationType, type NodeKind, type RelationType } from '../../model/graph-model';
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

const DOCUMENT_WITH_URL = cypher<{ urls: string[] }, { id: string; statements: string[] }>(
  'documents.documentWithUrl',
  `UNWIND $urls AS url
   MATCH (d:SourceDocument {url: url}) WHERE d:Entity
   OPTIONAL MATCH (s:Statement {documentId: d.id})
   WITH d, s ORDER BY s.position
   RETURN d.id AS id, collect(s.text) AS statements
   LIMIT 1`,
);

/** The live document published at any of `urls` (spellings of one URL), with its sentences in order. */
export function readDocumentWithUrl(tx: Tx, urls: string[]): Promise<{ id: string; statements: string[] } | undefined> {
  return tx.queryOne(DOCUMENT_WITH_URL, { urls });
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
export async function corroborate(
  tx: Tx,
  pairs: Corroboration[],
): Promise<{ nodeIds: string[]; edges: { id: string; type: RelationType; from: string; to: string }[] }> {
  if (pairs.length === 0) return { nodeIds: [], edges: [] };
  const nodes = await tx.query(CORROBORATE_NODES, { pairs });
  const edges = await tx.query(CORROBORATE_RELATIONSHIPS, { pairs });
  return {
    nodeIds: [...new Set(nodes.map((row) => row.id))],
    edges: [
      ...new Map(edges.filter((row) => isRelationType(row.type)).map((row) => [row.id, row] as const)).values(),
    ].map((row) => ({ ...row, type: row.type as RelationType })),
  };
}

const CLAIM_IDS = cypher<{ rows: { id: string; kind: NodeKind }[] }, { claimed: number }>(
  'documents.claimIds',
  `UNWIND $rows AS row
   CREATE (n:Identity:Entity {id: row.id, kind: row.kind})
   RETURN count(n) AS claimed`,
);

/**
 * Claims the ids of the nodes the commit creates, at once (checked free by the caller); the unique :Identity(id)
 * constraint makes a concurrent claim of the same id wait, then fail with CONFLICT.
 */
export async function claimIds(tx: Tx, rows: { id: string; kind: NodeKind }[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await tx.query(CLAIM_IDS, { rows });
  } catch (error) {
    if (isConstraintViolation(error)) {
      throw conflict(`id: one of ${rows.map((row) => `"${row.id}"`).join(', ')} was taken by a concurrent write`);
    }
    throw error;
  }
}

export interface StoredFact {
  id: string;
  periodEnd: string | null;
  sourceRefs: string[];
}

const RELATIONSHIPS_BY_ID = cypher<{ rows: { id: string; from: string; to: string }[] }, StoredFact>(
  'documents.relationshipsById',
  `UNWIND $rows AS row
   MATCH (a:Entity {id: row.from})-[r:${FACT_RELATIONSHIPS}]->(b:Entity {id: row.to})
   WHERE r.id = row.id
   RETURN r.id AS id, r.periodEnd AS periodEnd, coalesce(r.sourceRefs, []) AS sourceRefs`,
);

/** The stored relationships among `rows` (by id, found from their end nodes); absent ones are not returned. */
export async function readFacts(tx: Tx, rows: { id: string; from: string; to: string }[]): Promise<StoredFact[]> {
  return rows.length === 0 ? [] : tx.query(RELATIONSHIPS_BY_ID, { rows });
}

const RELATIONSHIPS_BETWEEN = cypher<
  { rows: { key: string; from: string; type: string; to: string }[] },
  { key: string; id: string; periodStart: string | null }
>(
  'documents.relationshipsBetween',
  `UNWIND $rows AS row
   MATCH (a:Entity {id: row.from})-[r:${FACT_RELATIONSHIPS}]->(b:Entity {id: row.to})
   WHERE type(r) = row.type
   RETURN row.key AS key, r.id AS id, r.periodStart AS periodStart`,
);

/** The stored relationships of each row's ends and type, whatever their period (`key` is the row's own id). */
export async function readFactsBetween(
  tx: Tx,
  rows: { id: string; from: string; type: string; to: string }[],
): Promise<{ key: string; id: string; periodStart: string | null }[]> {
  if (rows.length === 0) return [];
  return tx.query(RELATIONSHIPS_BETWEEN, { rows: rows.map(({ id, from, type, to }) => ({ key: id, from, type, to })) });
}

export interface AliasRow {
  id: string;
  aliases: string[];
  searchKeys: string[];
  refs: string[];
}

const ADD_ALIASES = cypher<{ rows: AliasRow[] }, { id: string }>(
  'documents.addAliases',
  `UNWIND $rows AS row
   MATCH (n:Entity {id: row.id})
   SET n.aliases = ${unionList('n.aliases', 'row.aliases')},
       n.searchKeys = ${unionList('n.searchKeys', 'row.searchKeys')},
       n.sourceRefs = ${unionList('n.sourceRefs', 'row.refs')}
   SET n.aliasKeys = [key IN n.searchKeys WHERE key <> n.sortKey]
   RETURN n.id AS id`,
);

/** Gives existing nodes (proposals linked by `sameAs`) new aliases, their search keys and the proposals' sources. */
export async function addAliases(tx: Tx, rows: AliasRow[]): Promise<void> {
  if (rows.length > 0) await tx.query(ADD_ALIASES, { rows });
}
