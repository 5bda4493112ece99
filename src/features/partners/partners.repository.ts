/**
 * Reading partnerships from the materialised PARTNERS relationships (partnerships.ts keeps them): a node's
 * partners are one expand, strongest first (most shared agreements and events, then the latest fact), a page at a
 * time with keyset cursors, and counted from the node's degree when nothing filters them.
 */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import type { NodeKind } from '../../model/graph-model';
import { LIMITS } from '../../shared/limits';
import { parsePartialDate } from '../../shared/partial-date';
import {
  nodeProjection,
  selectedProjection,
  toNode,
  toPeriod,
  toSelectedNode,
  type SelectedNode,
  type StoredNode,
} from '../nodes/node.mapper';
import type { Node } from '../nodes/node.types';
import type { PartnershipKind } from './partners.types';
import { lastDateOf } from './partnerships';

/** Where a page starts: just after the partnership with these sort values. */
export interface PartnerCursor {
  strength: number;
  lastDate: string;
  sortKey: string;
  id: string;
}

export interface PartnersKey {
  id: string;
  via: PartnershipKind[] | null;
  /** A partial date's first and last day: only entries whose period overlaps it. */
  activeFrom: string | null;
  activeTo: string | null;
  partnerKinds: NodeKind[] | null;
  first: number;
  after: PartnerCursor | null;
  /** How many evidence nodes to fetch with each partnership (0: none, the field was not asked for). */
  evidence: number;
  /** Whether each partnership's sources were asked for (else its statement ids are not read). */
  sources: boolean;
  /** The stored properties the query asks of each partner and each evidence node (see `propertiesFor`). */
  partnerProperties: string[];
  evidenceProperties: string[];
}

export const partnersKeyString = (key: PartnersKey): string =>
  JSON.stringify([
    key.id,
    key.via?.slice().sort() ?? null,
    key.activeFrom,
    key.activeTo,
    key.partnerKinds?.slice().sort() ?? null,
    key.first,
    key.after,
    key.evidence,
    key.sources,
    key.partnerProperties,
    key.evidenceProperties,
  ]);

export interface PartnershipRecord {
  partner: Node;
  kinds: PartnershipKind[];
  strength: number;
  evidenceIds: string[];
  /** The first evidence nodes, when asked for. */
  evidence: Node[] | null;
  period: ReturnType<typeof toPeriod>;
  sourceRefs: string[];
  cursor: PartnerCursor;
}

export interface PartnersPage {
  /** False when the asked node does not exist. */
  exists: boolean;
  totalCount: number;
  partnerships: PartnershipRecord[];
  hasNextPage: boolean;
}

interface Entry {
  evidence: string;
  way: PartnershipKind;
  start: string;
  end: string;
  refs: string[];
}

interface PartnershipRow {
  partner: SelectedNode;
  strength: number;
  lastDate: string;
  ways: PartnershipKind[];
  evidenceIds: string[];
  evidence: (SelectedNode | null)[] | null;
  periodStart: string | null;
  periodEnd: string | null;
  sourceRefs: string[];
  /** Set when filters kept only some entries: the envelope is then computed from them. */
  entries: Entry[] | null;
}

/**
 * Cypher: the indices of PARTNERS relationship `r`'s entries that pass the filters of map expression `filters`
 * (`via`, `activeFrom`, `activeTo`, each null when not given): all of them when none.
 */
export const keptEntries = (r: string, filters: string): string => `CASE
  WHEN ${filters}.via IS NULL AND ${filters}.activeFrom IS NULL THEN range(0, size(${r}.entryEvidence) - 1)
  ELSE [i IN range(0, size(${r}.entryEvidence) - 1)
        WHERE (${filters}.via IS NULL OR ${r}.entryWays[i] IN ${filters}.via)
          AND (${filters}.activeFrom IS NULL
               OR ((${r}.entryFrom[i] = '' OR date(${r}.entryFrom[i]) <= date(${filters}.activeTo))
                   AND (${r}.entryTo[i] = '' OR date(${r}.entryTo[i]) >= date(${filters}.activeFrom))))]
  END`;
const KEPT_ENTRIES = keptEntries('r', 'key');

/** Cypher: distinct items of list expression `list`, in order. */
const distinct = (list: string): string =>
  `reduce(acc = [], item IN ${list} | CASE WHEN item IN acc THEN acc ELSE acc + item END)`;

const PARTNERS = cypher<
  { keys: (PartnersKey & { key: string })[]; reach: number; related: number },
  { key: string; exists: boolean; totalCount: number; page: PartnershipRow[] }
>(
  'partners.page',
  `UNWIND $keys AS key
   OPTIONAL MATCH (x:Entity {id: key.id})
   WITH x, key, key.via IS NULL AND key.activeFrom IS NULL AND key.partnerKinds IS NULL AS unfiltered
   // A node with very many partners keeps them ranked (partnerships.ts): an unfiltered page within the ranking
   // reads only its own partners. Otherwise every partnership of the node is read and sorted.
   WITH x, key, unfiltered,
        CASE WHEN x IS NULL OR NOT unfiltered OR x.partnerRanking IS NULL THEN null
             WHEN key.after IS NULL THEN 0
             ELSE [i IN range(0, size(x.partnerRanking) - 1) WHERE x.partnerRanking[i] = key.after.id | i + 1][0]
        END AS start
   // The ranking serves a page (and the one more that tells whether another follows) it holds whole.
   WITH x, key, unfiltered,
        CASE WHEN start + key.first + 1 <= size(x.partnerRanking) THEN start END AS rankedFrom
   CALL (x, key, rankedFrom) {
     CALL (x, key, rankedFrom) {
       WITH x, rankedFrom WHERE rankedFrom IS NOT NULL
       UNWIND range(toInteger(rankedFrom), toInteger(rankedFrom + $reach) - 1) AS i
       WITH x, i WHERE i < size(x.partnerRanking)
       // The pair by its relationship's element id: no expand of the hub, nor of its (often dense) partner.
       OPTIONAL MATCH (x)-[seen:PARTNERS]-(partner:Entity)
         WHERE elementId(seen) = x.partnerRankingRels[i] AND partner.id = x.partnerRanking[i]
       CALL (x, i, seen, partner) {
         WITH seen, partner WHERE seen IS NOT NULL
         RETURN partner AS p, seen AS r
         UNION ALL
         // Not found by element id (a ranking from before the element ids were kept): the pair by its ends.
         WITH x, i, seen WHERE seen IS NULL
         MATCH (p:Entity {id: x.partnerRanking[i]})
         MATCH (x)-[r:PARTNERS]-(p)
         RETURN p, r
       }
       RETURN p, r
       UNION ALL
       WITH x, key, rankedFrom WHERE x IS NOT NULL AND rankedFrom IS NULL
       MATCH (x)-[r:PARTNERS]-(p:Entity)
       WHERE key.partnerKinds IS NULL OR p.kind IN key.partnerKinds
       RETURN p, r
     }
     // Unfiltered, every entry is kept: the entries are not read.
     WITH key, p, r, CASE WHEN key.via IS NULL AND key.activeFrom IS NULL THEN null ELSE ${KEPT_ENTRIES} END AS kept
     WHERE kept IS NULL OR size(kept) > 0
     WITH key, p, r, kept, CASE WHEN kept IS NULL THEN true ELSE size(kept) = size(r.entryEvidence) END AS whole
     WITH key, p, r, kept, whole,
          CASE WHEN whole THEN r.strength ELSE size(${distinct('[i IN kept | r.entryEvidence[i]]')}) END AS strength,
          CASE WHEN whole THEN ${lastDateOf('r')} ELSE
            reduce(last = date('0001-01-01'), i IN kept |
              CASE WHEN r.entryTo[i] <> '' AND date(r.entryTo[i]) > last THEN date(r.entryTo[i])
                   WHEN r.entryFrom[i] <> '' AND date(r.entryFrom[i]) > last THEN date(r.entryFrom[i]) ELSE last END)
          END AS lastDate
     WHERE key.after IS NULL
        OR strength < key.after.strength
        OR (strength = key.after.strength AND (lastDate < date(key.after.lastDate)
        OR (lastDate = date(key.after.lastDate) AND (p.sortKey > key.after.sortKey
        OR (p.sortKey = key.after.sortKey AND p.id > key.after.id)))))
     WITH key, p, r, kept, whole, strength, lastDate
     ORDER BY strength DESC, lastDate DESC, p.sortKey, p.id
     // LIMIT takes a parameter only: the batch's largest page (plus one, to know if more follow); cut per key below.
     LIMIT toInteger($reach)
     WITH key, p, r, kept, whole, strength, lastDate,
          CASE WHEN whole THEN r.evidence ELSE ${distinct('[i IN kept | r.entryEvidence[i]]')} END AS evidenceIds
     RETURN collect({
       partner: ${selectedProjection('p', 'key.partnerProperties')},
       strength: strength,
       lastDate: toString(lastDate),
       ways: CASE WHEN whole THEN r.ways ELSE ${distinct('[i IN kept | r.entryWays[i]]')} END,
       // Only what the evidence and sources fields can show (a hub's strongest pairs share hundreds of facts).
       evidenceIds: CASE WHEN key.evidence = 0 THEN [] ELSE evidenceIds[0..$related] END,
       evidence: CASE WHEN key.evidence = 0 THEN null ELSE
         [id IN evidenceIds[0..toInteger(key.evidence)] | head(COLLECT {
           MATCH (e:Entity {id: id}) RETURN ${selectedProjection('e', 'key.evidenceProperties')}
         })] END,
       periodStart: r.periodStart,
       periodEnd: r.periodEnd,
       sourceRefs: CASE WHEN key.sources THEN r.sourceRefs[0..$related] ELSE [] END,
       entries: CASE WHEN whole THEN null ELSE [i IN kept | {evidence: r.entryEvidence[i], way: r.entryWays[i],
         start: r.entryStarts[i], end: r.entryEnds[i],
         refs: [ref IN split(coalesce(r.entryRefs[i], ''), ' ') WHERE ref <> '']}] END
     }) AS page
   }
   CALL (x, key, unfiltered) {
     WITH x, key, unfiltered WHERE x IS NOT NULL
     // Unfiltered, the count is the node's degree: no relationship is read.
     RETURN CASE WHEN unfiltered THEN COUNT { (x)-[:PARTNERS]-() } ELSE COUNT {
       MATCH (x)-[r:PARTNERS]-(p:Entity)
       WHERE (key.partnerKinds IS NULL OR p.kind IN key.partnerKinds) AND size(${KEPT_ENTRIES}) > 0
     } END AS totalCount
   }
   RETURN key.key AS key, x IS NOT NULL AS exists, coalesce(totalCount, 0) AS totalCount,
          coalesce(page, [])[0..toInteger(key.first + 1)] AS page`,
);

/** The earliest start and latest end of filtered entries, by the days they cover (open when one is open). */
function envelope(entries: Entry[]): { start: string | null; end: string | null } {
  const pick = (values: string[], day: 'firstDay' | 'lastDay'): string | null => {
    let best: { value: string; day: string } | null = null;
    for (const value of values) {
      const parsed = parsePartialDate(value);
      if (!parsed) return null; // '' is an open end
      if (!best || (day === 'firstDay' ? parsed[day] < best.day : parsed[day] > best.day)) {
        best = { value, day: parsed[day] };
      }
    }
    return best?.value ?? null;
  };
  return {
    start: pick(
      entries.map((entry) => entry.start),
      'firstDay',
    ),
    end: pick(
      entries.map((entry) => entry.end),
      'lastDay',
    ),
  };
}

function toPartnership(row: PartnershipRow, key: PartnersKey): PartnershipRecord {
  const period = row.entries ? envelope(row.entries) : { start: row.periodStart, end: row.periodEnd };
  const partner = toSelectedNode(row.partner, key.partnerProperties);
  return {
    partner,
    kinds: row.ways,
    strength: row.strength,
    evidenceIds: row.evidenceIds,
    evidence: row.evidence
      ? row.evidence.flatMap((node) => (node ? [toSelectedNode(node, key.evidenceProperties)] : []))
      : null,
    period: toPeriod(period.start, period.end),
    // In order, as the stored sourceRefs are, so `sources(first:)` picks the same way filtered or not.
    sourceRefs: row.entries ? [...new Set(row.entries.flatMap((entry) => entry.refs))].sort() : row.sourceRefs,
    cursor: { strength: row.strength, lastDate: row.lastDate, sortKey: partner.sortKey ?? '', id: partner.id },
  };
}

/** A page of partnerships of each key's node, strongest first, with the total: one query for all keys. */
export async function findPartners(db: Database, keys: readonly PartnersKey[]): Promise<Map<string, PartnersPage>> {
  const rows = await db.query(PARTNERS, {
    keys: keys.map((key) => ({ ...key, key: partnersKeyString(key) })),
    reach: Math.max(0, ...keys.map((key) => key.first + 1)),
    related: LIMITS.maxRelatedItems,
  });
  const keyOf = new Map(keys.map((key) => [partnersKeyString(key), key]));
  return new Map(
    rows.flatMap((row) => {
      const key = keyOf.get(row.key);
      if (!key) return [];
      return [
        [
          row.key,
          {
            exists: row.exists,
            totalCount: row.totalCount,
            partnerships: row.page.slice(0, key.first).map((partnership) => toPartnership(partnership, key)),
            hasNextPage: row.page.length > key.first,
          },
        ],
      ];
    }),
  );
}

const COMMON_PARTNERS = cypher<{ ids: string[]; first: number }, { found: string[]; partners: StoredNode[] }>(
  'partners.common',
  `UNWIND $ids AS id
   OPTIONAL MATCH (n:Entity {id: id})
   WITH collect(n) AS nodes, collect(n.id) AS found
   CALL (nodes, found) {
     WITH nodes WHERE size(found) = size($ids)
     // Walk from the node with the fewest partners; check the others by an expand between two known nodes.
     WITH nodes, reduce(least = null, n IN nodes |
            CASE WHEN least IS NULL OR COUNT { (n)-[:PARTNERS]-() } < COUNT { (least)-[:PARTNERS]-() }
                 THEN n ELSE least END) AS start
     MATCH (start)-[r:PARTNERS]-(p:Entity)
     WHERE NOT p IN nodes AND all(other IN nodes WHERE other = start OR EXISTS { (other)-[:PARTNERS]-(p) })
     WITH p, r ORDER BY r.strength DESC, p.sortKey, p.id LIMIT toInteger($first)
     RETURN collect(${nodeProjection('p')}) AS partners
   }
   RETURN found, partners`,
);

/** The partners all `ids` share, the intersection of their materialised lists; which ids exist. */
export async function findCommonPartners(
  db: Database,
  ids: string[],
  first: number,
): Promise<{ missing: string[]; partners: Node[] }> {
  const row = await db.queryOne(COMMON_PARTNERS, { ids, first });
  const found = new Set(row?.found ?? []);
  return { missing: ids.filter((id) => !found.has(id)), partners: (row?.partners ?? []).map(toNode) };
}
