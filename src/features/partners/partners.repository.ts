/**
 * Partnerships, computed from the graph: two nodes partner when they are parties to the same agreement,
 * when one facilitated an agreement of the other, or through events one organized and the other hosted
 * or joined. A node acts together with its units (whatever is PART_OF it, e.g. the IECM's commission).
 */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { nodeProjection, toNode, toPeriod, type StoredNode } from '../nodes/node.mapper';
import { parsePartialDate } from '../../shared/partial-date';
import type { Partnership, PartnershipKind } from './partners.types';

export interface PartnersKey {
  id: string;
  via: PartnershipKind[] | null;
  /** YYYY-MM-DD: only relationships whose period includes this day. */
  activeAt: string | null;
}

export const partnersKeyString = (key: PartnersKey): string =>
  `${key.id}|${key.via?.slice().sort().join(',') ?? '*'}|${key.activeAt ?? '*'}`;

interface Fact {
  start: string | null;
  end: string | null;
  refs: string[] | null;
}

interface PartnershipRow {
  partner: StoredNode;
  kinds: PartnershipKind[];
  evidence: StoredNode[];
  facts: Fact[];
}

const PARTNERSHIPS = cypher<
  { keys: (PartnersKey & { key: string })[] },
  { key: string; exists: boolean; partnerships: PartnershipRow[] }
>(
  'partners.of',
  `
UNWIND $keys AS key
OPTIONAL MATCH (x:Entity {id: key.id})
CALL (x, key) {
  WITH x WHERE x IS NOT NULL
  OPTIONAL MATCH (unit:Entity)-[:PART_OF*1..3]->(x)
  WITH x, key, collect(DISTINCT unit) AS units
  WITH key, [x] + units AS actors
  CALL (actors) {
    UNWIND actors AS a
    MATCH (a)-[r1:PARTY_TO]->(ev:Agreement)<-[r2:PARTY_TO]-(p:Entity)
    RETURN p, CASE ev.status WHEN 'SIGNED' THEN 'SIGNED_AGREEMENT' ELSE 'AGREEMENT_IN_NEGOTIATION' END AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)-[r1:FACILITATED]->(ev:Agreement)<-[r2:PARTY_TO]-(p:Entity)
    RETURN p, 'FACILITATED_AGREEMENT' AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)-[r1:PARTY_TO]->(ev:Agreement)<-[r2:FACILITATED]-(p:Entity)
    RETURN p, 'FACILITATED_AGREEMENT' AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)-[r1:ORGANIZED]->(ev:Event)-[r2:HELD_AT]->(p:Entity)
    RETURN p, 'EVENT_VENUE' AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)<-[r2:HELD_AT]-(ev:Event)<-[r1:ORGANIZED]-(p:Entity)
    RETURN p, 'EVENT_VENUE' AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)-[r1:ORGANIZED]->(ev:Event)<-[r2:PARTICIPATED_IN]-(p:Entity)
    RETURN p, 'EVENT_PARTICIPATION' AS kind, ev, [r1, r2] AS rels
    UNION ALL
    UNWIND actors AS a
    MATCH (a)-[r2:PARTICIPATED_IN]->(ev:Event)<-[r1:ORGANIZED]-(p:Entity)
    RETURN p, 'EVENT_PARTICIPATION' AS kind, ev, [r1, r2] AS rels
  }
  WITH key, actors, p, kind, ev, rels
  WHERE NOT p IN actors
    AND (key.via IS NULL OR kind IN key.via)
    AND (key.activeAt IS NULL OR all(r IN rels WHERE coalesce(r.periodStartDate <= date(key.activeAt), true)
                                                AND coalesce(r.periodEndDate >= date(key.activeAt), true)))
  WITH p, kind, ev, [r IN rels | {start: r.periodStart, end: r.periodEnd, refs: r.sourceRefs}] AS facts
  ORDER BY ev.sortKey
  WITH p, collect(DISTINCT kind) AS kinds, collect(DISTINCT ev) AS evidence, collect(facts) AS factLists
  ORDER BY size(evidence) DESC, p.sortKey
  RETURN collect({
    partner: ${nodeProjection('p')},
    kinds: kinds,
    evidence: [e IN evidence | ${nodeProjection('e')}],
    facts: reduce(all = [], facts IN factLists | all + facts)
  }) AS partnerships
}
RETURN key.key AS key, x IS NOT NULL AS exists, partnerships`,
);

/** The earliest or latest of partial dates by `day`; null when there are none or one is open (null). */
function extreme(values: (string | null)[], day: 'firstDay' | 'lastDay', later: boolean): string | null {
  let best: { value: string; day: string } | null = null;
  for (const value of values) {
    const parsed = value === null ? undefined : parsePartialDate(value);
    if (!parsed) return null;
    if (!best || (later ? parsed[day] > best.day : parsed[day] < best.day))
      best = { value: parsed.value, day: parsed[day] };
  }
  return best?.value ?? null;
}

/** The envelope of the facts' periods: earliest start, latest end (open if any fact is open). */
function envelope(facts: Fact[]): { start: string | null; end: string | null } {
  return {
    start: extreme(
      facts.map((fact) => fact.start),
      'firstDay',
      false,
    ),
    end: extreme(
      facts.map((fact) => fact.end),
      'lastDay',
      true,
    ),
  };
}

export interface PartnershipsResult {
  /** False when the asked node does not exist. */
  exists: boolean;
  partnerships: Partnership[];
}

/** All partnerships of each key's node, strongest first (most evidence), in one query. */
export async function findPartnerships(
  db: Database,
  keys: readonly PartnersKey[],
): Promise<Map<string, PartnershipsResult>> {
  const rows = await db.query(PARTNERSHIPS, { keys: keys.map((key) => ({ ...key, key: partnersKeyString(key) })) });
  return new Map(
    rows.map((row) => [
      row.key,
      {
        exists: row.exists,
        partnerships: row.partnerships.map(({ partner, kinds, evidence, facts }) => {
          const { start, end } = envelope(facts);
          return {
            partner: toNode(partner),
            kinds,
            evidence: evidence.map(toNode),
            period: toPeriod(start, end),
            sources: [],
            sourceRefs: [...new Set(facts.flatMap((fact) => fact.refs ?? []))],
          };
        }),
      },
    ]),
  );
}
