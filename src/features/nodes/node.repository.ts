/** Cypher access for nodes: by id, their relationships (batched), their statements, and filtered lists. */
import type { Database } from '../../db/database';
import { NodeKind, RelationType } from '../../model/graph-model';
import { Direction, SortDirection } from '../../graphql/enums';
import { nodeProjection, toNode } from './node.mapper';
import type { Node } from './node.types';

/** Cypher: `found` is the node with the id in `id`, or the survivor a node with that id was merged into. */
const RESOLVE_ID = `
OPTIONAL MATCH (n:Entity {id: id})
OPTIONAL MATCH (m:MergedEntity {id: id})
OPTIONAL MATCH (survivor:Entity {id: m.mergedInto})
WITH id, coalesce(n, survivor) AS found WHERE found IS NOT NULL`;

/** Nodes by id; the id of a node merged into another resolves to the survivor. */
export async function findNodesByIds(db: Database, ids: readonly string[]): Promise<Map<string, Node>> {
  const result = await db.query(`UNWIND $ids AS id ${RESOLVE_ID} RETURN id, ${nodeProjection('found')} AS node`, {
    ids,
  });
  return new Map(result.records.map((record) => [record.get('id') as string, toNode(record.get('node'))]));
}

/** One node with its supporting statements and their documents, in one query (for `node(id) { sources }`). */
export async function findNodeWithSources(
  db: Database,
  id: string,
): Promise<{ node: Node | null; statements: StatementRecord[] }> {
  const result = await db.query(
    `WITH $id AS id ${RESOLVE_ID}
     RETURN ${nodeProjection('found')} AS node,
            COLLECT {
              MATCH (s:Statement) WHERE s.id IN found.sourceRefs
              OPTIONAL MATCH (d:SourceDocument:Entity {id: s.documentId})
              RETURN {statement: s {.id, .documentId, .position, .text}, document: ${nodeProjection('d')}}
            } AS statements`,
    { id },
  );
  const record = result.records[0];
  if (!record) return { node: null, statements: [] };
  return {
    node: toNode(record.get('node')),
    statements: (record.get('statements') as RawStatement[]).map(toStatement),
  };
}

export interface RelatedKey {
  id: string;
  types: RelationType[];
  direction: Direction;
}

export interface RelatedEntry {
  rel: Record<string, unknown> & { id: string; type: RelationType; out: boolean };
  node: Node;
}

export const relatedKeyString = (key: RelatedKey): string => `${key.id}|${key.types.join(',')}|${key.direction}`;

/** The neighbours of many nodes along given relationship types, in one query (DataLoader batch). */
export async function findRelated(db: Database, keys: readonly RelatedKey[]): Promise<Map<string, RelatedEntry[]>> {
  const result = await db.query(
    `UNWIND $keys AS key
     MATCH (n:Entity {id: key.id})
     CALL (n, key) {
       MATCH (n)-[r]-(m:Entity)
       WHERE type(r) IN key.types
         AND (key.direction = 'BOTH' OR (key.direction = 'OUT') = (startNode(r) = n))
       RETURN r, m ORDER BY m.sortKey, m.id
     }
     RETURN key.key AS key, collect({rel: r {.*, type: type(r), out: startNode(r) = n}, node: ${nodeProjection('m')}}) AS entries`,
    { keys: keys.map((key) => ({ ...key, key: relatedKeyString(key) })) },
  );
  return new Map(
    result.records.map((record) => [record.get('key') as string, (record.get('entries') as RawEntry[]).map(toEntry)]),
  );
}

interface RawEntry {
  rel: RelatedEntry['rel'];
  node: Record<string, unknown>;
}

const toEntry = (entry: RawEntry): RelatedEntry => ({ rel: entry.rel, node: toNode(entry.node) });

/** Cypher: the entries of `spec` for node `n`, as findRelated returns them (sorted afterwards). */
const ENTRIES_OF = (n: string, spec: string): string =>
  `[(${n})-[r]-(o:Entity) WHERE type(r) IN ${spec}.types
      AND (${spec}.direction = 'BOTH' OR (${spec}.direction = 'OUT') = (startNode(r) = ${n}))
    | {rel: r {.*, type: type(r), out: startNode(r) = ${n}}, node: ${nodeProjection('o')}}]`;

/** findRelated's order: by the neighbour's sort key, then id. */
function byNeighbour(a: RelatedEntry, b: RelatedEntry): number {
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const sortKey = (node: Node): string => String((node as Node & { sortKey?: string }).sortKey ?? '');
  return compare(sortKey(a.node), sortKey(b.node)) || compare(a.node.id, b.node.id);
}

export interface StatementRecord {
  id: string;
  documentId: string;
  position: number;
  text: string;
  /** The statement's document, fetched in the same query: sources almost always show it. */
  document: Node | null;
}

interface RawStatement {
  statement: Omit<StatementRecord, 'document'>;
  document: Record<string, unknown> | null;
}

const toStatement = ({ statement, document }: RawStatement): StatementRecord => ({
  ...statement,
  document: document ? toNode(document) : null,
});

export async function findStatements(db: Database, ids: readonly string[]): Promise<Map<string, StatementRecord>> {
  const result = await db.query(
    `MATCH (s:Statement) WHERE s.id IN $ids
     OPTIONAL MATCH (d:SourceDocument {id: s.documentId})
     RETURN s {.id, .documentId, .position, .text} AS statement, ${nodeProjection('d')} AS document`,
    { ids },
  );
  const statements = result.records.map((record) => toStatement(record.toObject() as unknown as RawStatement));
  return new Map(statements.map((statement) => [statement.id, statement]));
}

export enum NodeSortField {
  NAME = 'NAME',
  ID = 'ID',
}

export interface ListFilter {
  kind: NodeKind;
  /** Normalized text that the name or an alias must contain. */
  nameContains?: string;
  /** Only nodes LOCATED_IN (directly or through their city) this id. */
  locatedIn?: string;
  /** Only nodes PART_OF this id. */
  partOf?: string;
  /** Only nodes related to this id in any way. */
  relatedTo?: string;
  status?: string;
  eventType?: string;
}

export interface ListPage {
  totalCount: number;
  nodes: Node[];
  /** For each node, the entries of each prefetched relationship spec, in the order of `prefetch`. */
  related: RelatedEntry[][][];
}

/** One page of nodes of a kind, filtered and sorted, with the total count: one query. */
export async function listNodes(
  db: Database,
  filter: ListFilter,
  sort: { field: NodeSortField; direction: SortDirection },
  offset: number,
  limit: number,
  /** Relationship fields the query asks for on each node, fetched in the same query. */
  prefetch: Pick<RelatedKey, 'types' | 'direction'>[] = [],
): Promise<ListPage> {
  const result = await db.query<{ totalCount: number; page: Record<string, unknown>[] }>(
    `MATCH (n:Entity {kind: $filter.kind})
     WHERE ($filter.nameContains IS NULL OR any(key IN n.searchKeys WHERE key CONTAINS $filter.nameContains))
       AND ($filter.status IS NULL OR n.status = $filter.status)
       AND ($filter.eventType IS NULL OR n.eventType = $filter.eventType)
       AND ($filter.locatedIn IS NULL OR EXISTS { (n)-[:LOCATED_IN*1..2]->(:Entity {id: $filter.locatedIn}) })
       AND ($filter.partOf IS NULL OR EXISTS { (n)-[:PART_OF]->(:Entity {id: $filter.partOf}) })
       AND ($filter.relatedTo IS NULL OR EXISTS { (n)--(:Entity {id: $filter.relatedTo}) })
     WITH n, CASE $sort.field WHEN 'ID' THEN n.id ELSE n.sortKey END AS sortKey
     ORDER BY CASE WHEN $sort.direction = 'DESC' THEN sortKey END DESC,
              CASE WHEN $sort.direction = 'ASC' THEN sortKey END ASC, n.id
     WITH collect(n) AS matched
     RETURN size(matched) AS totalCount,
            [m IN matched[toInteger($offset)..toInteger($offset + $limit)] |
              {node: ${nodeProjection('m')}, related: [spec IN $prefetch | ${ENTRIES_OF('m', 'spec')}]}] AS page`,
    {
      filter: {
        nameContains: null,
        status: null,
        eventType: null,
        locatedIn: null,
        partOf: null,
        relatedTo: null,
        ...filter,
      },
      sort,
      offset,
      limit,
      prefetch,
    },
  );
  const record = result.records[0];
  const page = (record?.get('page') ?? []) as { node: Record<string, unknown>; related: RawEntry[][] }[];
  return {
    totalCount: record?.get('totalCount') ?? 0,
    nodes: page.map((item) => toNode(item.node)),
    related: page.map((item) => item.related.map((entries) => entries.map(toEntry).sort(byNeighbour))),
  };
}
