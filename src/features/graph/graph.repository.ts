/** Graph algorithms in Cypher: shortest path and neighbourhood, and relationships by id. */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import { LIMITS } from '../../shared/limits';
import { FACT_RELATIONSHIPS, NodeKind, parseRelationshipId, RelationType } from '../../model/graph-model';
import {
  NODE_PROPERTIES,
  nodeProjection,
  selectedProjection,
  toNode,
  toRelationship,
  toSelectedNode,
  type RelationshipRecord,
  type SelectedNode,
  type StoredNode,
} from '../nodes/node.mapper';
import type { Node, Relationship } from '../nodes/node.types';

/** The longest path `shortestPath` ever explores; `maxHops` is checked against the path found. */
export const PATH_SEARCH_BOUND = LIMITS.maxPathHops;

const edgeProjection = (rel: string): string =>
  `${rel} {.id, .periodStart, .periodEnd, .sourceRefs, .participantCount, .note, type: type(${rel}), source: startNode(${rel}).id, target: endNode(${rel}).id}`;

/** A relationship as `edgeProjection` projects it. */
export type EdgeRecord = RelationshipRecord;

/** A relationship read on its own (a path's, a subgraph's, a mutation's). */
export const toEdge = (record: EdgeRecord): Relationship => toRelationship(record);

/**
 * A relationship by id. Its id names its ends and type, so it is found by an expand from the start node's
 * unique index entry, never by scanning relationships.
 */
const EDGE_BY_ID = cypher<{ id: string; from: string; type: RelationType; to: string }, { edge: EdgeRecord }>(
  'graph.edgeById',
  `MATCH (:Entity {id: $from})-[r:$($type) {id: $id}]->(:Entity {id: $to}) RETURN ${edgeProjection('r')} AS edge`,
);

/** The relationship with this id, inside a transaction (null for an id that is not one of ours). */
export async function readEdge(tx: Tx, id: string): Promise<Relationship | null> {
  const key = parseRelationshipId(id);
  if (!key) return null;
  const row = await tx.queryOne(EDGE_BY_ID, { id, from: key.from, type: key.type, to: key.to });
  return row ? toEdge(row.edge) : null;
}

export function findEdge(db: Database, id: string): Promise<Relationship | null> {
  return db.read((tx) => readEdge(tx, id));
}

export interface PathResult {
  fromExists: boolean;
  toExists: boolean;
  path: { nodes: Node[]; edges: Relationship[] } | null;
}

const SHORTEST_PATH = cypher<
  { from: string; to: string; types: RelationType[] },
  { fromExists: boolean; toExists: boolean; nodes: StoredNode[] | null; edges: EdgeRecord[] | null }
>(
  'graph.shortestPath',
  `OPTIONAL MATCH (a:Entity {id: $from})
   OPTIONAL MATCH (b:Entity {id: $to})
   OPTIONAL MATCH p = shortestPath((a)-[:${FACT_RELATIONSHIPS}*..${PATH_SEARCH_BOUND}]-(b))
   WHERE a <> b AND all(r IN relationships(p) WHERE type(r) IN $types) AND all(n IN nodes(p) WHERE n:Entity)
   RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists,
          CASE WHEN a = b THEN [${nodeProjection('a')}] ELSE [n IN nodes(p) | ${nodeProjection('n')}] END AS nodes,
          [r IN relationships(p) | ${edgeProjection('r')}] AS edges`,
);

export async function findShortestPath(
  db: Database,
  from: string,
  to: string,
  types: RelationType[],
): Promise<PathResult> {
  const row = await db.queryOne(SHORTEST_PATH, { from, to, types });
  const nodes = row?.nodes ?? [];
  return {
    fromExists: row?.fromExists ?? false,
    toExists: row?.toExists ?? false,
    path: nodes.length > 0 ? { nodes: nodes.map(toNode), edges: (row?.edges ?? []).map(toEdge) } : null,
  };
}

type NeighborhoodQuery = ReturnType<typeof neighborhoodQuery>;

/*
 * THE NEIGHBOURHOOD, defined once (the API's query below and the benchmark's hand-written Cypher in
 * bench/scale/questions.ts implement exactly this; tests/integration/neighbourhood-definition.test.ts checks both
 * against it on a graph of ties). For centre c, `depth` D, `limit` L, relationship types T (default: every fact
 * type, never PARTNERS) and kinds K (default: any):
 *
 * 1. kept = [c]; layer 0 = [c].
 * 2. For d = 1..D, while kept has fewer than L nodes: the candidates are the nodes m not in kept, of a kind in K,
 *    joined to a node of layer d-1 by a relationship of a type in T (either direction). The strength of m is the
 *    number of such relationships between m and the nodes of layer d-1 (every relationship counts, so two facts
 *    with one node count twice). The candidates are ranked by strength descending, then by sortKey ascending
 *    (a missing sortKey last), then by id ascending: ids are unique, so the order is total and ties never depend
 *    on the plan. Layer d is the first L - size(kept) of them; they are appended to kept in that order.
 * 3. truncated: at some step d ≤ D a candidate was left out, either cut by the limit or because kept was already
 *    full when layer d-1 still had candidates.
 * 4. nodes: kept in order (the centre, then each layer in rank order); edges: every relationship of a type in T
 *    whose two ends are kept, each once.
 */

/**
 * Cypher: one breadth-first step of the definition above. `layer` is the step's nodes; `cut` whether nodes in
 * reach were left out for lack of room. With no room left, the step does not expand: it only checks whether
 * anything was left out.
 */
const step = (frontier: string, kept: string, layer: string, cut: string): string => `
CALL (${frontier}, ${kept}) {
  WITH ${frontier}, ${kept} WHERE size(${kept}) < $limit
  UNWIND ${frontier} AS f
  MATCH (f)-[r:${FACT_RELATIONSHIPS}]-(m:Entity)
  WHERE NOT m IN ${kept}
    AND ($types IS NULL OR type(r) IN $types)
    AND ($kinds IS NULL OR m.kind IN $kinds)
  WITH m, count(r) AS strength
  ORDER BY strength DESC, m.sortKey, m.id
  WITH collect(m) AS reached
  RETURN reached[0..toInteger($limit - size(${kept}))] AS ${layer},
         size(reached) > $limit - size(${kept}) AS ${cut}
}
WITH *, ${cut} OR (size(${kept}) >= $limit AND any(f IN ${frontier} WHERE EXISTS {
  MATCH (f)-[r:${FACT_RELATIONSHIPS}]-(m:Entity)
  WHERE NOT m IN ${kept} AND ($types IS NULL OR type(r) IN $types) AND ($kinds IS NULL OR m.kind IN $kinds)
})) AS ${cut}`;

/** What a neighbourhood's edges are read as: id, type and ends, and the stored properties asked for. */
type LeanEdge = { id: string; type: RelationType; source: string; target: string; values: unknown[] };

/**
 * The Cypher of the neighbourhood (see the definition above) of `depth` hops (1 to 3). It reads only what the
 * selection asks of nodes and edges (`$properties`, `$edgeProperties`): projecting every property of 200 nodes
 * and their edges cost more than the expansion itself.
 */
function neighborhoodQuery(depth: number) {
  const steps = Array.from({ length: depth }, (_, i) => {
    const frontier = `layer${i}`;
    return `${step(frontier, 'kept', `layer${i + 1}`, `cut${i + 1}`)}
     WITH c, kept + layer${i + 1} AS kept, layer${i + 1}, ${Array.from({ length: i + 1 }, (_, k) => `cut${k + 1}`).join(', ')}`;
  }).join('\n');
  return cypher<
    {
      id: string;
      types: RelationType[] | null;
      kinds: NodeKind[] | null;
      limit: number;
      properties: string[];
      edgeProperties: string[];
    },
    { nodes: SelectedNode[]; edges: LeanEdge[]; truncated: boolean }
  >(
    `graph.neighborhood.depth${depth}`,
    `MATCH (c:Entity {id: $id})
     WITH c, [c] AS kept, [c] AS layer0
     ${steps}
     CALL (kept) {
       UNWIND kept AS a
       MATCH (a)-[r:${FACT_RELATIONSHIPS}]->(b)
       WHERE b IN kept AND ($types IS NULL OR type(r) IN $types)
       // Found from its start node only: each relationship once, no DISTINCT needed.
       RETURN collect({id: r.id, type: type(r), source: a.id, target: b.id,
                       values: [property IN $edgeProperties | r[property]]}) AS edges
     }
     RETURN [n IN kept | ${selectedProjection('n', '$properties')}] AS nodes, edges,
            ${Array.from({ length: depth }, (_, k) => `cut${k + 1}`).join(' OR ')} AS truncated`,
  );
}

const NEIGHBORHOOD_QUERIES = new Map<number, NeighborhoodQuery>(
  Array.from({ length: LIMITS.maxNeighborhoodDepth }, (_, i) => [i + 1, neighborhoodQuery(i + 1)]),
);

/** The stored relationship properties behind each field of Relationship (the rest need none, or only the ends). */
const EDGE_FIELD_PROPERTIES: Record<string, (keyof EdgeRecord)[]> = {
  period: ['periodStart', 'periodEnd'],
  sources: ['sourceRefs'],
  sourceRefs: ['sourceRefs'],
  participantCount: ['participantCount'],
  note: ['note'],
};

/** The stored properties of a relationship that `fields` (of Relationship) need. */
export const edgePropertiesFor = (fields: Iterable<string>): string[] => [
  ...new Set([...fields].flatMap((field) => EDGE_FIELD_PROPERTIES[field] ?? [])),
];

const ALL_EDGE_PROPERTIES = edgePropertiesFor(Object.keys(EDGE_FIELD_PROPERTIES));

const toLeanEdge = ({ values, ...edge }: LeanEdge, properties: readonly string[]): Relationship =>
  toEdge({ ...edge, ...Object.fromEntries(properties.map((property, i) => [property, values[i] ?? null])) });

export async function findNeighborhood(
  db: Database,
  id: string,
  depth: number,
  types: RelationType[] | null,
  kinds: NodeKind[] | null,
  limit: number,
  /** The stored properties asked of each node (see `propertiesFor`) and of each edge (see `edgePropertiesFor`). */
  properties: string[] = [...NODE_PROPERTIES],
  edgeProperties: string[] = ALL_EDGE_PROPERTIES,
): Promise<{ nodes: Node[]; edges: Relationship[]; truncated: boolean } | null> {
  const query = NEIGHBORHOOD_QUERIES.get(depth);
  if (!query) throw new Error(`depth ${depth} is outside 1..${LIMITS.maxNeighborhoodDepth}`);
  const row = await db.queryOne(query, { id, types, kinds, limit, properties, edgeProperties });
  if (!row) return null;
  return {
    nodes: row.nodes.map((node) => toSelectedNode(node, properties)),
    edges: row.edges.map((edge) => toLeanEdge(edge, edgeProperties)),
    truncated: row.truncated,
  };
}

const EDGES_AMONG = cypher<{ ids: string[] }, { nodes: StoredNode[]; edges: EdgeRecord[] }>(
  'graph.edgesAmong',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   WITH collect(DISTINCT n) AS kept
   CALL (kept) {
     UNWIND kept AS a
     MATCH (a)-[r:${FACT_RELATIONSHIPS}]->(b)
     WHERE b IN kept
     RETURN collect(DISTINCT ${edgeProjection('r')}) AS edges
   }
   RETURN [n IN kept | ${nodeProjection('n')}] AS nodes, edges`,
);

/** The live nodes among `ids` (in the order asked) and every relationship between two of them. */
export async function findSubgraph(db: Database, ids: string[]): Promise<{ nodes: Node[]; edges: Relationship[] }> {
  const row = await db.queryOne(EDGES_AMONG, { ids: [...new Set(ids)] });
  if (!row) return { nodes: [], edges: [] };
  const order = new Map(ids.map((id, i) => [id, i]));
  const nodes = row.nodes.map(toNode).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { nodes, edges: row.edges.map(toEdge) };
}
