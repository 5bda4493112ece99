/**
 * Writes dataset rows (dataset-rows.ts) with batched UNWIND ... MERGE inside a transaction the caller owns: the
 * seed and curation write a whole dataset in one, the importer writes bounded batches, each its own transaction
 * with its progress record (import.ts). Upserts are idempotent: writing the same rows again changes nothing.
 */
import { GraphQLError } from 'graphql';
import { cypher, unionList, type Cypher } from '../../db/cypher';
import { ErrorCode } from '../../shared/errors';
import { toNeo4jProperties } from '../../db/values';
import type { Database, Tx } from '../../db/database';
import { FACT_RELATIONSHIPS, RelationType } from '../../model/graph-model';
import type { Dataset } from './dataset-format';
import {
  documentRow,
  nodeRow,
  relationshipRow,
  statementRows,
  type NodeRow,
  type RelationshipRow,
  type StatementRow,
} from './dataset-rows';
import { linkProvenance, linkStatements } from '../provenance/provenance';

/** Rows per UNWIND statement (and per committed transaction of a large import). */
export const DEFAULT_BATCH_SIZE = 10_000;

type Written = { written: number };

const UPSERT_STATEMENTS = cypher<{ rows: StatementRow[] }, Written>(
  'dataset.upsertStatements',
  `
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s.documentId = row.documentId, s.position = toInteger(row.position), s.text = row.text
RETURN count(s) AS written`,
);

/**
 * An import never changes what a node is. The MERGE is on :Identity, which live, deleted and merged nodes all
 * keep, under its uniqueness constraint: a node another writer created meanwhile is found (its creation is
 * waited for), and a row whose id belongs to a node of another kind, or to a retired one, is refused instead of
 * adding a second kind label. The caller fails the whole batch on any refusal.
 */
const UPSERT_NODES = cypher<{ rows: unknown[] }, Written & { refused: string[]; changed: string[] }>(
  'dataset.upsertNodes',
  `
UNWIND $rows AS row
MERGE (n:Identity {id: row.id})
  ON CREATE SET n:Entity, n.kind = row.kind
WITH n, row, (n:Entity AND n.kind = row.kind) AS fits, n.status AS oldStatus, n.sortKey AS oldSortKey
CALL (n, row, fits) {
  WITH n, row WHERE fits
  SET n:$(row.label),
      n += row.properties,
      n.name = row.name,
      n.sortKey = row.sortKey,
      n.aliases = ${unionList('n.aliases', 'row.aliases')},
      n.sourceRefs = ${unionList('n.sourceRefs', 'row.sourceRefs')},
      n.searchKeys = ${unionList('n.searchKeys', 'row.searchKeys')},
      n.periodStartDate = date(row.periodStartDate),
      n.periodEndDate = date(row.periodEndDate)
  SET n.aliasKeys = [key IN n.searchKeys WHERE key <> n.sortKey]
}
RETURN count(CASE WHEN fits THEN 1 END) AS written, collect(CASE WHEN fits THEN null ELSE row.id END) AS refused,
       // What partnerships read of an agreement or event, changed (null-safe: a status may be absent before or after).
       collect(CASE WHEN fits AND NOT (coalesce(oldStatus = n.status, oldStatus IS NULL AND n.status IS NULL)
                                       AND coalesce(oldSortKey = n.sortKey, false)) THEN row.id END) AS changed`,
);

/**
 * One query per relationship type: with a static type, MERGE between the two index-found end nodes plans as an
 * Expand(Into) under a LockingMerge (both end nodes locked, so concurrent writers of the same relationship
 * queue instead of creating it twice). With a dynamic type (`$(row.type)`) Neo4j 5.26 plans the MERGE as a
 * scan of every relationship, which is quadratic over an import.
 */
const upsertRelationships = (type: RelationType): Cypher<{ rows: unknown[] }, Written & { changed: string[] }> =>
  cypher(
    `dataset.upsertRelationships.${type}`,
    `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:${type} {id: row.id}]->(b)
// Every upsert stores sourceRefs: a relationship without them was just created.
WITH r, row, [r.sourceRefs IS NULL, r.periodStart, r.periodEnd, r.sourceRefs] AS old
SET r += row.properties,
    r.periodStart = row.periodStart,
    r.periodEnd = row.periodEnd,
    r.periodStartDate = date(row.periodStartDate),
    r.periodEndDate = date(row.periodEndDate),
    r.sourceRefs = ${unionList('r.sourceRefs', 'row.sourceRefs')}
// Created, or what partnerships read of it (its period and sources) changed.
RETURN count(r) AS written,
       collect(CASE WHEN old[0] OR NOT coalesce(old[1] = r.periodStart, old[1] IS NULL AND r.periodStart IS NULL)
                      OR NOT coalesce(old[2] = r.periodEnd, old[2] IS NULL AND r.periodEnd IS NULL)
                      OR old[3] <> r.sourceRefs THEN row.id END) AS changed`,
  );
const UPSERT_RELATIONSHIPS = new Map(
  Object.values(RelationType).map((type) => [type, upsertRelationships(type)] as const),
);

export interface LoadResult {
  nodes: number;
  statements: number;
  relationships: number;
}

/**
 * What a write changed that derived data reads (after-import.ts): filled by `writeRows` when given. A row written
 * again with what the graph already holds is not listed.
 */
export interface WrittenChanges {
  /** Nodes created, or whose status or sort key (name) changed. */
  nodes: { id: string; kind: NodeRow['kind'] }[];
  /** Relationships created, or whose period or sources changed. */
  relationships: { from: string; type: RelationType; to: string }[];
}

/** Rows of one transaction. */
export interface RowBatch {
  statements: StatementRow[];
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

/**
 * A batch could not be written as validated: another writer changed the graph meanwhile. Nothing of it is kept;
 * a client sees CONFLICT.
 */
export class ConcurrentChangeError extends GraphQLError {
  override name = 'ConcurrentChangeError';
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.CONFLICT } });
  }
}

const withNeo4jValues = <T extends { properties: Record<string, unknown> }>(row: T): T => ({
  ...row,
  properties: toNeo4jProperties(row.properties),
});

async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += size) await write(rows.slice(offset, offset + size));
}

/**
 * Writes one batch inside `tx`: statements, then nodes, then relationships (which need their end nodes), then the
 * provenance edges of its statements and nodes (features/provenance).
 */
export async function writeRows(
  tx: Tx,
  batch: RowBatch,
  chunkSize = DEFAULT_BATCH_SIZE,
  changes?: WrittenChanges,
): Promise<LoadResult> {
  const result: LoadResult = { statements: 0, nodes: 0, relationships: 0 };
  await inChunks(batch.statements, chunkSize, async (rows) => {
    result.statements += (await tx.queryOne(UPSERT_STATEMENTS, { rows }))?.written ?? 0;
  });
  await inChunks(batch.nodes, chunkSize, async (rows) => {
    const row = await tx.queryOne(UPSERT_NODES, { rows: rows.map(withNeo4jValues) });
    if (row && row.refused.length > 0) {
      throw new ConcurrentChangeError(
        `${row.refused.map((id) => `"${id}"`).join(', ')} became a node of another kind, or was deleted or merged, ` +
          'after the files were checked',
      );
    }
    result.nodes += row?.written ?? 0;
    if (changes && row && row.changed.length > 0) {
      const changed = new Set(row.changed);
      for (const node of rows) if (changed.has(node.id)) changes.nodes.push({ id: node.id, kind: node.kind });
    }
  });
  // Grouped by type (one plan each), and by start node within a type for locality.
  const byType = new Map<RelationType, RelationshipRow[]>();
  for (const rel of batch.relationships) {
    const list = byType.get(rel.type);
    if (list) list.push(rel);
    else byType.set(rel.type, [rel]);
  }
  for (const [type, rels] of byType) {
    rels.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    await inChunks(rels, chunkSize, async (rows) => {
      const query = UPSERT_RELATIONSHIPS.get(type);
      if (!query) throw new Error(`No upsert for relationship type ${type}`);
      const answer = await tx.queryOne(query, { rows: rows.map(withNeo4jValues) });
      const written = answer?.written;
      if (written !== rows.length) {
        throw new ConcurrentChangeError(
          `wrote ${written ?? 0} of ${rows.length} ${type} relationships: an end node was deleted or merged after the files were checked`,
        );
      }
      result.relationships += rows.length;
      if (changes && answer && answer.changed.length > 0) {
        const changed = new Set(answer.changed);
        for (const rel of rows)
          if (changed.has(rel.id)) changes.relationships.push({ from: rel.from, type: rel.type, to: rel.to });
      }
    });
  }
  await inChunks(batch.statements, chunkSize, (rows) =>
    linkStatements(
      tx,
      rows.map((row) => row.id),
    ),
  );
  await inChunks(batch.nodes, chunkSize, (rows) =>
    linkProvenance(
      tx,
      rows.map((row) => row.id),
    ),
  );
  return result;
}

/** The rows of an in-memory dataset (the seed, a curation write). */
export function datasetRows(dataset: Dataset): RowBatch {
  return {
    statements: dataset.sources.flatMap(statementRows),
    nodes: [...dataset.sources.map(documentRow), ...dataset.nodes.map(nodeRow)],
    relationships: dataset.relationships.map(relationshipRow),
  };
}

/** Writes `dataset` inside an open transaction (mutations add their history record to the same one). */
export function writeDataset(tx: Tx, dataset: Dataset): Promise<LoadResult> {
  return writeRows(tx, datasetRows(dataset));
}

/** Loads `dataset` in a single write transaction. Loading the same data again changes nothing. */
export function loadDataset(db: Database, dataset: Dataset): Promise<LoadResult> {
  return db.write((tx) => writeDataset(tx, dataset));
}

export interface GraphCounts {
  nodesByKind: Record<string, number>;
  relationshipsByType: Record<string, number>;
  statements: number;
  nodes: number;
  relationships: number;
}

type CountEntry = { key: string; count: number };

const GRAPH_COUNTS = cypher<Record<string, never>, { kinds: CountEntry[]; types: CountEntry[]; statements: number }>(
  'dataset.counts',
  `CALL { MATCH (n:Entity) WITH n.kind AS key, count(*) AS count RETURN collect({key: key, count: count}) AS kinds }
   CALL { MATCH (:Entity)-[r:${FACT_RELATIONSHIPS}]->(:Entity)
          WITH type(r) AS key, count(*) AS count RETURN collect({key: key, count: count}) AS types }
   CALL { MATCH (s:Statement) RETURN count(s) AS statements }
   RETURN kinds, types, statements`,
  { fullScan: 'counts every node and relationship of the graph' },
);

/** Node counts per kind and relationship counts per type, in one round trip. */
export async function readGraphCounts(db: Database): Promise<GraphCounts> {
  const row = await db.queryOne(GRAPH_COUNTS, {});
  const toMap = (entries: CountEntry[] = []): Record<string, number> =>
    Object.fromEntries(entries.map(({ key, count }) => [key, count] as const).sort(([a], [b]) => a.localeCompare(b)));
  const nodesByKind = toMap(row?.kinds);
  const relationshipsByType = toMap(row?.types);
  const sum = (map: Record<string, number>): number => Object.values(map).reduce((a, b) => a + b, 0);
  return {
    nodesByKind,
    relationshipsByType,
    statements: row?.statements ?? 0,
    nodes: sum(nodesByKind),
    relationships: sum(relationshipsByType),
  };
}
