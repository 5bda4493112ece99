/** Cypher access for the network metrics: the partnership subgraph a query asks for, as weighted pairs of ids. */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import type { NodeKind } from '../../model/graph-model';
import { keptEntries } from '../partners/partners.repository';
import type { PartnershipKind } from '../partners/partners.types';
import type { WeightedRelationship } from './network-analysis';

export interface SubgraphFilter {
  /** Only partnerships between nodes of these kinds (null: all). */
  kinds: NodeKind[] | null;
  /** Only entries of these ways of partnering (null: all). */
  via: PartnershipKind[] | null;
  /** A partial date's first and last day: only entries whose period overlaps it. */
  activeFrom: string | null;
  activeTo: string | null;
}

/**
 * Each PARTNERS relationship once, with the number of agreements and events it keeps under the filters as its
 * weight (the partnership's strength). At most `limit` rows: the caller asks one more than it accepts, to know.
 */
const SUBGRAPH = cypher<SubgraphFilter & { limit: number }, WeightedRelationship>(
  'network.subgraph',
  `MATCH (a:Entity)-[r:PARTNERS]->(b:Entity)
   WHERE $kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds)
   WITH a, b, r, {via: $via, activeFrom: $activeFrom, activeTo: $activeTo} AS filters
   WITH a, b, r, ${keptEntries('r', 'filters')} AS kept
   WHERE size(kept) > 0
   WITH a, b, r, kept LIMIT toInteger($limit)
   RETURN a.id AS source, b.id AS target,
          CASE WHEN size(kept) = size(r.entryEvidence) THEN r.strength
               ELSE size(reduce(acc = [], i IN kept |
                 CASE WHEN r.entryEvidence[i] IN acc THEN acc ELSE acc + r.entryEvidence[i] END))
          END AS weight`,
  { fullScan: 'metrics read the whole partnership network, bounded by METRICS_MAX_RELATIONSHIPS' },
);

/** The subgraph's relationships, or `null` when it has more than `max` of them. */
export async function readSubgraph(
  db: Database,
  filter: SubgraphFilter,
  max: number,
): Promise<WeightedRelationship[] | null> {
  const rows = await db.query(SUBGRAPH, { ...filter, limit: max + 1 });
  return rows.length > max ? null : rows;
}
