/** Cypher access for nodes: by id, their relationships (batched), their statements, and filtered lists. */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { FACT_RELATIONSHIPS, labelOf, NodeKind, RelationType, type AgreementStatus } from '../../model/graph-model';
import { Direction, SortDirection } from '../../graphql/enums';
import {
  NODE_PROPERTIES,
  nodeProjection,
  selectedProjection,
  toNode,
  toSelectedNode,
  type SelectedNode,
  type StoredNode,
} from './node.mapper';
import type { Node } from './node.types';

/**
 * Cypher: `found` is the live node with the id in `id`, or the survivor a node with that id was merged into.
 * Both look-ups go through the unique :Identity(id) index that every id ever used keeps.
 */
const RESOLVE_ID = `
OPTIONAL MATCH (known:Identity {id: id})
WITH id, known, CASE WHEN known:MergedEntity THEN known.mergedInto END AS survivorId
OPTIONAL MATCH (survivor:Entity {id: survivorId})
WITH id, CASE WHEN known:Entity THEN known ELSE survivor END AS found
WHERE found IS NOT NULL`;

const NODES_BY_IDS = cypher<{ ids: readonly string[] }, { id: string; node: StoredNode }>(
  'nodes.byIds',
  `UNWIND $ids AS id ${RESOLVE_ID} RETURN id, ${nodeProjection('found')} AS node`,
);

/** Nodes by id; the id of a node merged into another resolves to the survivor. */
export async function findNodesByIds(db: Database, ids: readonly string[]): Promise<Map<string, Node>> {
  const rows = await db.query(NODES_BY_IDS, { ids });
  return new Map(rows.map((row) => [row.id, toNode(row.node)]));
}

export interface StatementRecord {
  id: string;
  documentId: string;
  position: number;
  text: string;
  /** The statement's document, fetched in the same query: sources almost always show it. */
  document: Node | null;
}

interface StatementRow {
  statement: Omit<StatementRecord, 'document'>;
  document: StoredNode | null;
}

const toStatement = ({ statement, document }: StatementRow): StatementRecord => ({
  ...statement,
  document: document ? toNode(document) : null,
});

/** Cypher: the statement `s` and its document `d`, as the two parts of a StatementRow. */
const STATEMENT_DOCUMENT = (s: string): string =>
  `OPTIONAL MATCH (d:Entity {id: ${s}.documentId}) WHERE d:SourceDocument`;
const STATEMENT_PROJECTION = (s: string): string => `${s} {.id, .documentId, .position, .text}`;

const NODE_WITH_SOURCES = cypher<{ id: string }, { node: StoredNode; statements: StatementRow[] }>(
  'nodes.withSources',
  `WITH $id AS id ${RESOLVE_ID}
   RETURN ${nodeProjection('found')} AS node,
          COLLECT {
            UNWIND coalesce(found.sourceRefs, []) AS ref
            MATCH (s:Statement {id: ref})
            ${STATEMENT_DOCUMENT('s')}
            RETURN {statement: ${STATEMENT_PROJECTION('s')}, document: ${nodeProjection('d')}}
          } AS statements`,
);

/** One node with its supporting statements and their documents, in one query (for `node(id) { sources }`). */
export async function findNodeWithSources(
  db: Database,
  id: string,
): Promise<{ node: Node | null; statements: StatementRecord[] }> {
  const row = await db.queryOne(NODE_WITH_SOURCES, { id });
  if (!row) return { node: null, statements: [] };
  return { node: toNode(row.node), statements: row.statements.map(toStatement) };
}

const STATEMENTS_BY_IDS = cypher<{ ids: readonly string[] }, StatementRow>(
  'statements.byIds',
  `UNWIND $ids AS id
   MATCH (s:Statement {id: id})
   ${STATEMENT_DOCUMENT('s')}
   RETURN ${STATEMENT_PROJECTION('s')} AS statement, ${nodeProjection('d')} AS document`,
);

export async function findStatements(db: Database, ids: readonly string[]): Promise<Map<string, StatementRecord>> {
  const statements = (await db.query(STATEMENTS_BY_IDS, { ids })).map(toStatement);
  return new Map(statements.map((statement) => [statement.id, statement]));
}

/** What to fetch of a node's relationships: which types, which way, to which kinds, which slice, in which order. */
export interface RelatedKey {
  id: string;
  types: RelationType[];
  direction: Direction;
  /** Only neighbours of these kinds (null: any). */
  kinds: NodeKind[] | null;
  offset: number;
  limit: number;
  /** Grouped by type and newest first within a type (the `relationships` page), else by the neighbour's name. */
  byType: boolean;
}

export interface StoredRelationshipView {
  id: string;
  type: RelationType;
  /** True when the relationship points away from the node it was asked for. */
  out: boolean;
  periodStart?: string | null;
  periodEnd?: string | null;
  sourceRefs?: string[] | null;
  participantCount?: number | null;
  note?: string | null;
  [property: string]: unknown;
}

export interface RelatedEntry {
  rel: StoredRelationshipView;
  node: Node;
}

export interface RelatedSlice {
  entries: RelatedEntry[];
  /** How many relationships match the key, over all slices. */
  totalCount: number;
}

interface RelatedEntryRow {
  rel: StoredRelationshipView;
  node: StoredNode;
}

export const relatedKeyString = (key: RelatedKey): string =>
  JSON.stringify([key.id, key.types, key.direction, key.kinds, key.offset, key.limit, key.byType]);

/** Cypher: the relationships of `n` that `spec` (types, direction, kinds) asks for, as rows (r, o). */
const MATCHING = (n: string, spec: string): string => `MATCH (${n})-[r:${FACT_RELATIONSHIPS}]-(o:Entity)
  WHERE type(r) IN ${spec}.types
    AND (${spec}.direction = 'BOTH' OR (${spec}.direction = 'OUT') = (startNode(r) = ${n}))
    AND (${spec}.kinds IS NULL OR o.kind IN ${spec}.kinds)`;

/**
 * Cypher: the slice of `spec`'s relationships of `n`, in order, as RelatedEntryRow maps. LIMIT must be a
 * parameter, not a per-key value: the sort stops at `$reach` (the furthest slice end of the batch) and each key's
 * slice is cut from that.
 */
const ENTRIES_OF = (n: string, spec: string): string => `COLLECT {
  ${MATCHING(n, spec)}
  WITH r, o
  ORDER BY CASE WHEN ${spec}.byType THEN type(r) END,
           CASE WHEN ${spec}.byType THEN coalesce(r.periodStartDate, date('0001-01-01')) END DESC,
           o.sortKey, o.id, r.id
  LIMIT toInteger($reach)
  RETURN {rel: r {.*, type: type(r), out: startNode(r) = ${n}}, node: ${nodeProjection('o')}}
}[toInteger(${spec}.offset)..toInteger(${spec}.offset + ${spec}.limit)]`;

/** How far into each ordered list a batch of slices reaches. */
const reachOf = (specs: readonly Pick<RelatedKey, 'offset' | 'limit'>[]): number =>
  Math.max(0, ...specs.map((spec) => spec.offset + spec.limit));

const RELATED = cypher<
  { keys: (RelatedKey & { key: string })[]; reach: number },
  { key: string; entries: RelatedEntryRow[]; totalCount: number }
>(
  'nodes.related',
  `UNWIND $keys AS key
   MATCH (n:Entity {id: key.id})
   RETURN key.key AS key, ${ENTRIES_OF('n', 'key')} AS entries,
          COUNT { ${MATCHING('n', 'key')} RETURN r } AS totalCount`,
);

const toEntry = (entry: RelatedEntryRow): RelatedEntry => ({ rel: entry.rel, node: toNode(entry.node) });

/** Slices of the relationships of many nodes, each with its total, in one query (DataLoader batch). */
export async function findRelated(db: Database, keys: readonly RelatedKey[]): Promise<Map<string, RelatedSlice>> {
  const rows = await db.query(RELATED, {
    keys: keys.map((key) => ({ ...key, key: relatedKeyString(key) })),
    reach: reachOf(keys),
  });
  return new Map(rows.map((row) => [row.key, { entries: row.entries.map(toEntry), totalCount: row.totalCount }]));
}

export enum NodeSortField {
  NAME = 'NAME',
  ID = 'ID',
}

export interface ListFilter {
  kind: NodeKind;
  /** Normalized text that the name or an alias must contain. */
  nameContains?: string | null;
  /** Only nodes LOCATED_IN (directly or through their city) this id. */
  locatedIn?: string | null;
  /** Only nodes PART_OF this id. */
  partOf?: string | null;
  /** Only nodes related to this id in any way. */
  relatedTo?: string | null;
  status?: AgreementStatus | null;
  eventType?: string | null;
}

export interface ListPage {
  /** Null when it was not asked for (counting reads the kind's size; a filtered count reads every match). */
  totalCount: number | null;
  hasNextPage: boolean;
  nodes: Node[];
  /** For each node, the entries of each prefetched relationship spec, in the order of `prefetch`. */
  related: RelatedEntry[][][];
}

/** A relationship field a list fetches for each of its nodes: a RelatedKey without the node. */
export type RelatedSpec = Omit<RelatedKey, 'id'>;

type ListParams = {
  reach: number;
  /** The stored properties asked of each node (see `propertiesFor`). */
  properties: string[];
  filter: { [K in keyof ListFilter]-?: Exclude<ListFilter[K], undefined> };
  offset: number;
  limit: number;
  prefetch: RelatedSpec[];
};

/** Cypher: the list filters, each true when not given. */
const LIST_FILTERS = `($filter.nameContains IS NULL OR any(key IN n.searchKeys WHERE key CONTAINS $filter.nameContains))
     AND ($filter.status IS NULL OR coalesce(n.status, 'NOT_STATED') = $filter.status)
     AND ($filter.eventType IS NULL OR n.eventType = $filter.eventType)
     AND ($filter.locatedIn IS NULL OR EXISTS { (n)-[:LOCATED_IN*1..2]->(:Entity {id: $filter.locatedIn}) })
     AND ($filter.partOf IS NULL OR EXISTS { (n)-[:PART_OF]->(:Entity {id: $filter.partOf}) })
     AND ($filter.relatedTo IS NULL OR EXISTS { (n)-[:${FACT_RELATIONSHIPS}]-(:Entity {id: $filter.relatedTo}) })`;

type PageRow = { node: SelectedNode; related: RelatedEntryRow[][] };

/**
 * One page of a kind in the order of an index on (kind, sort property): the scan goes in index order through the
 * filters and stops at the page's end. The ORDER BY must be literal for that, so each order is its own query.
 */
const listQuery = (field: NodeSortField, direction: SortDirection) =>
  cypher<ListParams, PageRow>(
    `nodes.list.${field}.${direction}`,
    `MATCH (n:Entity)
     WHERE n.kind = $filter.kind AND n.${field === NodeSortField.ID ? 'id' : 'sortKey'} IS NOT NULL
       AND ${LIST_FILTERS}
     WITH n ORDER BY n.${field === NodeSortField.ID ? 'id' : 'sortKey'} ${direction}, n.id ${direction}
     SKIP toInteger($offset) LIMIT toInteger($limit)
     RETURN ${selectedProjection('n', '$properties')} AS node, [spec IN $prefetch | ${ENTRIES_OF('n', 'spec')}] AS related`,
  );

const LIST_QUERIES = new Map(
  Object.values(NodeSortField).flatMap((field) =>
    Object.values(SortDirection).map((direction) => [`${field}.${direction}`, listQuery(field, direction)] as const),
  ),
);

/** Unfiltered, a kind's size comes from the count store of its label: no node is read. */
const COUNT_BY_KIND = new Map(
  Object.values(NodeKind).map((kind) => [
    kind,
    cypher<Pick<ListParams, 'filter'>, { count: number }>(
      `nodes.count.${kind}`,
      `MATCH (n:${labelOf(kind)}) RETURN count(n) AS count`,
    ),
  ]),
);

const COUNT_FILTERED = cypher<Pick<ListParams, 'filter'>, { count: number }>(
  'nodes.count.filtered',
  `MATCH (n:Entity) WHERE n.kind = $filter.kind AND ${LIST_FILTERS} RETURN count(n) AS count`,
);

/**
 * One page of nodes of a kind, filtered and sorted, with the relationship fields asked for on each; and, when
 * `count` is asked, the total: both in one transaction, sent together.
 */
export async function listNodes(
  db: Database,
  filter: ListFilter,
  sort: { field: NodeSortField; direction: SortDirection },
  offset: number,
  limit: number,
  /** Relationship fields the query asks for on each node, fetched in the same query. */
  prefetch: RelatedSpec[] = [],
  count = true,
  properties: string[] = [...NODE_PROPERTIES],
): Promise<ListPage> {
  const params: ListParams = {
    filter: {
      kind: filter.kind,
      nameContains: filter.nameContains ?? null,
      status: filter.status ?? null,
      eventType: filter.eventType ?? null,
      locatedIn: filter.locatedIn ?? null,
      partOf: filter.partOf ?? null,
      relatedTo: filter.relatedTo ?? null,
    },
    offset,
    limit,
    prefetch,
    reach: reachOf(prefetch),
    properties,
  };
  const page = LIST_QUERIES.get(`${sort.field}.${sort.direction}`);
  if (!page) throw new Error(`no list query for ${sort.field} ${sort.direction}`);
  const filtered = Object.entries(params.filter).some(([key, value]) => key !== 'kind' && value !== null);
  const countQuery = filtered ? COUNT_FILTERED : COUNT_BY_KIND.get(filter.kind);
  const [rows, total] = await db.read((tx) =>
    Promise.all([
      // One more than the page tells whether another page follows, without counting.
      tx.query(page, { ...params, limit: limit + 1 }),
      count && countQuery ? tx.queryOne(countQuery, { filter: params.filter }) : Promise.resolve(undefined),
    ]),
  );
  const kept = rows.slice(0, limit);
  return {
    totalCount: total?.count ?? null,
    hasNextPage: rows.length > limit,
    nodes: kept.map((row) => toSelectedNode(row.node, properties)),
    related: kept.map((row) => row.related.map((entries) => entries.map(toEntry))),
  };
}
