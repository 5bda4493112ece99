/** Writes a validated dataset with batched UNWIND ... MERGE, all in one transaction: all or nothing. */
import neo4j from 'neo4j-driver';
import { cypher, unionList, type Cypher } from '../../db/cypher';
import { toNeo4jProperties } from '../../db/values';
import type { Database, Tx } from '../../db/database';
import { FACT_RELATIONSHIPS, labelOf, NodeKind, relationshipId, statementId } from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText, searchKeys } from '../../shared/text';
import type { Dataset, DatasetRelationship, PropertyValue } from './dataset-format';

export const DEFAULT_BATCH_SIZE = 2_000;

type Rows<Row> = { rows: Row[] };
type Written = { written: number };

const UPSERT_NODES = cypher<Rows<ReturnType<typeof nodeRows>[number]>, Written>(
  'dataset.upsertNodes',
  `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label),
    n:Identity,
    n += row.properties,
    n.kind = row.kind,
    n.name = row.name,
    n.sortKey = row.sortKey,
    n.aliases = ${unionList('n.aliases', 'row.aliases')},
    n.sourceRefs = ${unionList('n.sourceRefs', 'row.sourceRefs')},
    n.searchKeys = ${unionList('n.searchKeys', 'row.searchKeys')},
    n.periodStartDate = date(row.periodStartDate),
    n.periodEndDate = date(row.periodEndDate)
RETURN count(n) AS written`,
);

const UPSERT_STATEMENTS = cypher<Rows<ReturnType<typeof statementRows>[number]>, Written>(
  'dataset.upsertStatements',
  `
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s.documentId = row.documentId, s.position = row.position, s.text = row.text
RETURN count(s) AS written`,
);

/**
 * A MERGE of the relationship would be simpler, but on an empty store (no statistics yet) Neo4j plans it
 * as a scan of all relationships, which is quadratic within one large import transaction (measured:
 * 10,000 relationships in 7.9 s, 100,000 not done after 5 minutes). A one-hop variable-length pattern
 * always plans as an expand between the two nodes. Writing to `a` first takes its lock, so concurrent
 * writers of the same relationship queue instead of creating it twice.
 */
const UPSERT_RELATIONSHIPS = cypher<Rows<ReturnType<typeof relationshipRows>[number]>, Written>(
  'dataset.upsertRelationships',
  `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
SET a.id = a.id
WITH a, b, row, [(a)-[xs*1..1]->(b) WHERE xs[0].id = row.id | xs[0]] AS found
CALL (a, b, row, found) {
  WITH a, b, row WHERE size(found) = 0
  CREATE (a)-[created:$(row.type) {id: row.id}]->(b)
  RETURN created AS r
  UNION ALL
  WITH found WHERE size(found) > 0
  RETURN found[0] AS r
}
SET r += row.properties,
    r.periodStart = row.periodStart,
    r.periodEnd = row.periodEnd,
    r.periodStartDate = date(row.periodStartDate),
    r.periodEndDate = date(row.periodEndDate),
    r.sourceRefs = ${unionList('r.sourceRefs', 'row.sourceRefs')}
RETURN count(r) AS written`,
);

interface PeriodBounds {
  periodStartDate: string | null;
  periodEndDate: string | null;
}

function periodBounds(start: unknown, end: unknown): PeriodBounds {
  return {
    periodStartDate: typeof start === 'string' ? (parsePartialDate(start)?.firstDay ?? null) : null,
    periodEndDate: typeof end === 'string' ? (parsePartialDate(end)?.lastDay ?? null) : null,
  };
}

function nodeRows(dataset: Dataset) {
  const documents = dataset.sources.map((source) => {
    const properties: Record<string, PropertyValue> = {
      title: source.title,
      url: source.url,
      publishedOn: source.publishedOn,
    };
    for (const field of ['author', 'genre', 'publisher', 'language'] as const) {
      if (source[field] !== undefined) properties[field] = source[field];
    }
    const first = Math.min(...source.statements.map((statement) => statement.n));
    return {
      id: source.id,
      kind: NodeKind.SOURCE_DOCUMENT,
      label: labelOf(NodeKind.SOURCE_DOCUMENT),
      name: source.title,
      aliases: source.aliases ?? [],
      // A document is its own source: its headline (statement 0) or first statement.
      sourceRefs: [statementId(source.id, first)],
      searchKeys: searchKeys(source.title, source.aliases),
      sortKey: normalizeText(source.title),
      properties,
      ...periodBounds(undefined, undefined),
    };
  });
  const nodes = dataset.nodes.map((node) => ({
    id: node.id,
    kind: node.kind,
    label: labelOf(node.kind),
    name: node.name,
    aliases: node.aliases ?? [],
    sourceRefs: node.sources,
    searchKeys: searchKeys(node.name, node.aliases),
    sortKey: normalizeText(node.name),
    properties: toNeo4jProperties(node.properties ?? {}),
    ...periodBounds(node.properties?.periodStart, node.properties?.periodEnd),
  }));
  return [...documents, ...nodes];
}

function statementRows(dataset: Dataset) {
  return dataset.sources.flatMap((source) =>
    source.statements.map((statement) => ({
      id: statementId(source.id, statement.n),
      documentId: source.id,
      position: neo4j.int(statement.n),
      text: statement.text,
    })),
  );
}

function relationshipRows(relationships: DatasetRelationship[]) {
  return relationships.map((rel) => ({
    id: relationshipId(rel),
    from: rel.from,
    to: rel.to,
    type: rel.type,
    properties: toNeo4jProperties(rel.properties ?? {}),
    periodStart: rel.periodStart ?? null,
    periodEnd: rel.periodEnd ?? null,
    sourceRefs: rel.sources,
    ...periodBounds(rel.periodStart, rel.periodEnd),
  }));
}

export interface LoadResult {
  nodes: number;
  statements: number;
  relationships: number;
}

export interface LoadOptions {
  batchSize?: number;
  /** Called after each batch with the records written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

async function runBatches<Row>(
  tx: Tx,
  query: Cypher<Rows<Row>, Written>,
  rows: Row[],
  batchSize: number,
  progress: (count: number) => void,
): Promise<number> {
  let written = 0;
  for (let offset = 0; offset < rows.length; offset += batchSize) {
    const batch = rows.slice(offset, offset + batchSize);
    const count = (await tx.queryOne(query, { rows: batch }))?.written ?? 0;
    if (count !== batch.length) {
      // An endpoint vanished between validation and writing: abort so the transaction rolls back.
      throw new Error(`Wrote ${count} of ${batch.length} records in a batch; nothing was saved.`);
    }
    written += count;
    progress(batch.length);
  }
  return written;
}

/** Writes `dataset` inside an open transaction (mutations add their history record to the same one). */
export async function writeDataset(tx: Tx, dataset: Dataset, options: LoadOptions = {}): Promise<LoadResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const nodes = nodeRows(dataset);
  const statements = statementRows(dataset);
  const relationships = relationshipRows(dataset.relationships);
  const total = nodes.length + statements.length + relationships.length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    options.onProgress?.(done, total);
  };
  return {
    statements: await runBatches(tx, UPSERT_STATEMENTS, statements, batchSize, progress),
    nodes: await runBatches(tx, UPSERT_NODES, nodes, batchSize, progress),
    relationships: await runBatches(tx, UPSERT_RELATIONSHIPS, relationships, batchSize, progress),
  };
}

/** Loads `dataset` in a single write transaction. Loading the same data again changes nothing. */
export function loadDataset(db: Database, dataset: Dataset, options: LoadOptions = {}): Promise<LoadResult> {
  return db.write((tx) => writeDataset(tx, dataset, options));
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
