/** Graph algorithms in Cypher: shortest path and neighbourhood. */
import type { Database } from '../../db/database';
import { LIMITS } from '../../shared/limits';
import { NodeKind, RELATION_TYPES, RelationType } from '../../model/graph-model';
import { nodeProjection, toNode, toPeriod } from '../nodes/node.mapper';
import type { Node } from '../nodes/node.types';
import type { GraphEdge } from './graph.types';

/** The longest path `shortestPath` ever explores; `maxHops` is checked against the path found. */
export const PATH_SEARCH_BOUND = LIMITS.maxPathHops;

const edgeProjection = (rel: string): string =>
  `${rel} {.id, .periodStart, .periodEnd, .sourceRefs, type: type(${rel}), source: startNode(${rel}).id, target: endNode(${rel}).id}`;

export interface EdgeRecord {
  id: string;
  type: RelationType;
  source: string;
  target: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  sourceRefs?: string[] | null;
}

export function toEdge(record: EdgeRecord): GraphEdge {
  return {
    id: record.id,
    source: record.source,
    target: record.target,
    type: record.type,
    label: RELATION_TYPES[record.type]?.label ?? record.type,
    period: toPeriod(record.periodStart, record.periodEnd),
    sources: [],
    sourceRefs: record.sourceRefs ?? [],
  };
}

export async function findEdge(db: Database, id: string): Promise<EdgeRecord | null> {
  const result = await db.query(`MATCH (:Entity)-[r {id: $id}]->(:Entity) RETURN ${edgeProjection('r')} AS edge`, {
    id,
  });
  return (result.records[0]?.get('edge') as EdgeRecord | undefined) ?? null;
}

export interface PathResult {
  fromExists: boolean;
  toExists: boolean;
  path: { nodes: Node[]; edges: GraphEdge[] } | null;
}

export async function findShortestPath(
  db: Database,
  from: string,
  to: string,
  types: RelationType[],
): Promise<PathResult> {
  const result = await db.query(
    `OPTIONAL MATCH (a:Entity {id: $from})
     OPTIONAL MATCH (b:Entity {id: $to})
     OPTIONAL MATCH p = shortestPath((a)-[*..${PATH_SEARCH_BOUND}]-(b))
     WHERE a <> b AND all(r IN relationships(p) WHERE type(r) IN $types) AND all(n IN nodes(p) WHERE n:Entity)
     RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists,
            CASE WHEN a = b THEN [${nodeProjection('a')}] ELSE [n IN nodes(p) | ${nodeProjection('n')}] END AS nodes,
            [r IN relationships(p) | ${edgeProjection('r')}] AS edges`,
    { from, to, types },
  );
  const record = result.records[0]!;
  const nodes = (record.get('nodes') as Record<string, unknown>[] | null) ?? [];
  return {
    fromExists: record.get('fromExists'),
    toExists: record.get('toExists'),
    path:
      nodes.length > 0
        ? { nodes: nodes.map(toNode), edges: ((record.get('edges') ?? []) as EdgeRecord[]).map(toEdge) }
        : null,
  };
}

/** The Cypher of a neighbourhood of `depth` hops (1 to 3); the bound of a variable-length pattern must be literal. */
function neighborhoodQuery(depth: number): string {
  return `
MATCH (c:Entity {id: $id})
OPTIONAL MATCH p = (c)-[rels*1..${depth}]-(m:Entity)
WHERE m <> c
  AND ($types IS NULL OR all(r IN rels WHERE type(r) IN $types))
  AND all(n IN nodes(p) WHERE n:Entity)
  AND ($kinds IS NULL OR all(n IN nodes(p)[1..] WHERE n.kind IN $kinds))
WITH c, m, min(length(p)) AS distance
ORDER BY distance, m.sortKey
WITH c, collect(m) AS reached
WITH [c] + reached[0..toInteger($limit - 1)] AS kept, size(reached) > $limit - 1 AS truncated
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE b IN kept AND ($types IS NULL OR type(r) IN $types)
  RETURN collect(DISTINCT ${edgeProjection('r')}) AS edges
}
RETURN [n IN kept | ${nodeProjection('n')}] AS nodes, edges, truncated`;
}

const NEIGHBORHOOD_QUERIES = new Map([1, 2, 3].map((depth) => [depth, neighborhoodQuery(depth)]));

export async function findNeighborhood(
  db: Database,
  id: string,
  depth: number,
  types: RelationType[] | null,
  kinds: NodeKind[] | null,
  limit: number,
): Promise<{ nodes: Node[]; edges: GraphEdge[]; truncated: boolean } | null> {
  const cypher = NEIGHBORHOOD_QUERIES.get(depth);
  if (!cypher) throw new Error(`depth ${depth} is outside 1..3`);
  const result = await db.query(cypher, { id, types, kinds, limit });
  const record = result.records[0];
  if (!record) return null;
  return {
    nodes: (record.get('nodes') as Record<string, unknown>[]).map(toNode),
    edges: (record.get('edges') as EdgeRecord[]).map(toEdge),
    truncated: record.get('truncated'),
  };
}
