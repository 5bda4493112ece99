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

/** Cypher: the relationships of `n` that `spec` (types, direction, kinds) asks for, as rows (`r`, `o`). */
const MATCHING = (
  n: string,
  spec: string,
  r = 'r',
  o = 'o',
): string => `MATCH (${n})-[${r}:${FACT_RELATIONSHIPS}]-(${o}:Entity)
  WHERE type(${r}) IN ${spec}.types
    AND (${spec}.direction = 'BOTH' OR (${spec}.direction = 'OUT') = (startNode(${r}) = ${n}))
    AND (${spec}.kinds IS NULL OR ${o}.kind IN ${spec}.kinds)`;

/**
 * Cypher: the slice of `spec`'s relationships of `n`, in order, as RelatedEntryRow maps. LIMIT must be a
 * parameter, not a per-key value: the sort stops at `reach` (the furthest slice end of the batch) and each key's
 * slice is cut from that. `level` names the variables apart, so a slice can hold its neighbours' own slices
 * (`nested`: a Cypher expression of the neighbour `o<level>`, see PAGE_LEVELS).
 */
const ENTRIES_OF = (n: string, spec: string, reach = '$reach', level = 1, nested?: (o: string) => string): string => {
  const [r, o] = [`r${level}`, `o${level}`];
  return `COLLECT {
  ${MATCHING(n, spec, r, o)}
  WITH ${r}, ${o}
  ORDER BY CASE WHEN ${spec}.byType THEN type(${r}) END,
           CASE WHEN ${spec}.byType THEN coalesce(${r}.periodStartDate, date('0001-01-01')) END DESC,
           ${o}.sortKey, ${o}.id, ${r}.id
  LIMIT toInteger(${reach})
  RETURN {rel: ${r} {.*, type: type(${r}), out: startNode(${r}) = ${n}}, node: ${nodeProjection(o)}${nested ? `, related: ${nested(o)}` : ''}}
}[toInteger(${spec}.offset)..toInteger(${spec}.offset + ${spec}.limit)]`;
};

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

/** A node's relationship slice as a page fetched it, with the slices asked of each neighbour in turn. */
export interface PrefetchedEntry extends RelatedEntry {
  /** The entries of each of the spec's `nested` slices of this neighbour, in their order. */
  related: RelatedEntry[][];
}

export interface ListPage {
  /** Null when it was not asked for (counting reads the kind's size; a filtered count reads every match). */
  totalCount: number | null;
  hasNextPage: boolean;
  nodes: Node[];
  /** For each node, the entries of each prefetched relationship spec, in the order of `prefetch`. */
  related: PrefetchedEntry[][][];
}

/** A slice of a node's relationships that a query asks for: a RelatedKey without the node. */
export type SliceSpec = Omit<RelatedKey, 'id'>;

/**
 * A relationship field a list fetches for each of its nodes, with the relationship fields asked of the neighbours
 * it reaches (`nested`, one level down: the page's query holds two levels of bounded subqueries; a deeper field
 * goes through the loader, one batch per level).
 */
export interface RelatedSpec extends SliceSpec {
  nested: SliceSpec[];
}

/** How a page counts its total: not at all, from the label's count store, or by reading every match. */
type CountMode = 'NONE' | 'KIND' | 'FILTERED';

type ListParams = {
  /** How far the first level of slices reaches (see ENTRIES_OF), and the second. */
  reach: number;
  nestedReach: number;
  /** The stored properties asked of each node (see `propertiesFor`). */
  properties: string[];
  filter: { [K in keyof ListFilter]-?: Exclude<ListFilter[K], undefined> };
  offset: number;
  limit: number;
  prefetch: RelatedSpec[];
  count: CountMode;
};

/** Cypher: the list filters, each true when not given. */
const LIST_FILTERS = `($filter.nameContains IS NULL OR any(key IN n.searchKeys WHERE key CONTAINS $filter.nameContains))
     AND ($filter.status IS NULL OR coalesce(n.status, 'NOT_STATED') = $filter.status)
     AND ($filter.eventType IS NULL OR n.eventType = $filter.eventType)
     AND ($filter.locatedIn IS NULL OR EXISTS { (n)-[:LOCATED_IN*1..2]->(:Entity {id: $filter.locatedIn}) })
     AND ($filter.partOf IS NULL OR EXISTS { (n)-[:PART_OF]->(:Entity {id: $filter.partOf}) })
     AND ($filter.relatedTo IS NULL OR EXISTS { (n)-[:${FACT_RELATIONSHIPS}]-(:Entity {id: $filter.relatedTo}) })`;

type PrefetchedEntryRow = RelatedEntryRow & { related: RelatedEntryRow[][] };
type PageRow = { node: SelectedNode; related: PrefetchedEntryRow[][] };

/** Cypher: the relationship slices of `n` that `$prefetch` asks for, each entry with its neighbour's own slices. */
const PREFETCHED = (n: string): string =>
  `[spec IN $prefetch | ${ENTRIES_OF(n, 'spec', '$reach', 1, (o) => `[sub IN spec.nested | ${ENTRIES_OF(o, 'sub', '$nestedReach', 2)}]`)}]`;

/**
 * Cypher: the page's total, as `$count` asks. Unfiltered, a kind's size comes from the count store of its label
 * (no node is read); CASE evaluates only the branch taken.
 */
const PAGE_TOTAL = `CASE $count
       WHEN 'FILTERED' THEN COUNT { MATCH (n:Entity) WHERE n.kind = $filter.kind AND ${LIST_FILTERS} }
       WHEN 'KIND' THEN CASE $filter.kind
         ${Object.values(NodeKind)
           .map((kind) => `WHEN '${kind}' THEN COUNT { (:${labelOf(kind)}) }`)
           .join('\n         ')}
       END
     END`;

/**
 * One page of a kind in the order of an index on (kind, sort property), with its total and the relationship
 * fields asked of its nodes (two levels deep), in ONE query: the page compiler's output (docs/architecture.md).
 * Unfiltered, the scan goes in index order and stops at the page's end (the ORDER BY names `n.kind`, the index's
 * first property, or the planner sorts the whole kind); the optional filters (each `$x IS NULL
 * OR ...`) make the planner read the whole kind and keep the top of it, so a page without filters has its own
 * query. The ORDER BY must be literal for the index order, so each order is its own query too; what the selection
 * asks for travels as parameters (`$prefetch`), so the set of queries stays closed (every one EXPLAINed by the
 * plan test) however the page is asked.
 */
const listQuery = (field: NodeSortField, direction: SortDirection, filtered: boolean) =>
  cypher<ListParams, { rows: PageRow[]; totalCount: number | null }>(
    `nodes.list.${field}.${direction}${filtered ? '.filtered' : ''}`,
    `CALL () {
       MATCH (n:Entity)
       WHERE n.kind = $filter.kind AND n.${field === NodeSortField.ID ? 'id' : 'sortKey'} IS NOT NULL
         ${filtered ? `AND ${LIST_FILTERS}` : ''}
       WITH n ORDER BY n.kind ${direction}, n.${field === NodeSortField.ID ? 'id' : 'sortKey'} ${direction}, n.id ${direction}
       SKIP toInteger($offset) LIMIT toInteger($limit)
       RETURN collect({node: ${selectedProjection('n', '$properties')}, related: ${PREFETCHED('n')}}) AS rows
     }
     RETURN rows, ${PAGE_TOTAL} AS totalCount`,
  );

const LIST_QUERIES = new Map(
  Object.values(NodeSortField).flatMap((field) =>
    Object.values(SortDirection).flatMap((direction) =>
      [false, true].map(
        (filtered) => [`${field}.${direction}.${filtered}`, listQuery(field, direction, filtered)] as const,
      ),
    ),
  ),
);

const toPrefetched = (entry: PrefetchedEntryRow): PrefetchedEntry => ({
  ...toEntry(entry),
  related: entry.related.map((entries) => entries.map(toEntry)),
});

/**
 * One page of nodes of a kind, filtered and sorted, with the relationship fields asked for on each (and on their
 * neighbours), and the total when `count` is asked: one query, one round trip.
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
  const params: Omit<ListParams, 'count'> = {
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
    // One more than the page tells whether another page follows, without counting.
    limit: limit + 1,
    prefetch,
    reach: reachOf(prefetch),
    nestedReach: reachOf(prefetch.flatMap((spec) => spec.nested)),
    properties,
  };
  const filtered = Object.entries(params.filter).some(([key, value]) => key !== 'kind' && value !== null);
  const page = LIST_QUERIES.get(`${sort.field}.${sort.direction}.${filtered}`);
  if (!page) throw new Error(`no list query for ${sort.field} ${sort.direction}`);
  const row = await db.queryOne(page, { ...params, count: !count ? 'NONE' : filtered ? 'FILTERED' : 'KIND' });
  const rows = row?.rows ?? [];
  const kept = rows.slice(0, limit);
  return {
    totalCount: row?.totalCount ?? null,
    hasNextPage: rows.length > limit,
    nodes: kept.map((pageRow) => toSelectedNode(pageRow.node, properties)),
    related: kept.map((pageRow) => pageRow.related.map((entries) => entries.map(toPrefetched))),
  };
}
