/**
 * Who partnered with whom, kept as data: one (:Entity)-[:PARTNERS]->(:Entity) relationship per pair of partners,
 * so that reading a node's partners is one expand, ordered and counted from its degree.
 *
 * The definition, stated once here and used by every refresh:
 * - two actors partner directly when they are parties to the same agreement (SIGNED_AGREEMENT, or
 *   AGREEMENT_IN_NEGOTIATION, or AGREEMENT_STATUS_NOT_STATED when no source states its status), when one facilitated an agreement the other is party to (FACILITATED_AGREEMENT),
 *   when one organized an event held at the other (EVENT_VENUE), or took part in an event the other organized
 *   (EVENT_PARTICIPATION);
 * - a node acts together with its parts (what is PART_OF it, up to three levels): its partners are those of its
 *   parts and of itself, and whatever a partner is part of partners too. The relation is symmetric;
 * - a node is never the partner of its own part or parent.
 *
 * Each relationship holds one entry per (agreement or event, way of partnering) with the entry's period and
 * sources, so filters by way and by date work on it, plus the aggregates the default order needs: strength (how
 * many agreements and events the pair shares) and the date of its latest fact.
 *
 * Every write that changes facts calls a refresh in its own transaction, so the relationships are always exact:
 * `refreshPartnerships` with what changed (an import batch: the agreements and events whose status or name
 * changed, the facts created or changed, the nodes whose parts changed), or its shorthands `refreshEvidence`,
 * `refreshNewFacts` and `refreshNodes`. All of them end in `rewritePartnerships`, the one place that rewrites
 * the partnerships of a set of nodes (and keeps the rankings they change). `rebuildAllPartnerships` recomputes
 * everything.
 */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import { NodeKind, partnershipTypes, RelationType } from '../../model/graph-model';

/** The relationships that tie an actor to an agreement or event: those the graph model marks `partnership`. */
export const EVIDENCE_TYPES: ReadonlySet<RelationType> = new Set(partnershipTypes());
/** The kinds of the nodes through which actors partner: agreements and events. */
export const EVIDENCE_KINDS: ReadonlySet<NodeKind> = new Set([NodeKind.AGREEMENT, NodeKind.EVENT]);
/** What changes who acts together with whom. */
export const STRUCTURE_TYPES: ReadonlySet<RelationType> = new Set([RelationType.PART_OF]);

const EVIDENCE = [...EVIDENCE_TYPES].join('|');
/** Open ends of an entry's period while it is computed, as dates every day is after or before (never stored). */
const OPEN_START = "date('0001-01-01')";
const OPEN_END = "date('9999-12-31')";

/** Cypher: the latest date among the `entries` being written (their start or end), OPEN_START when none has one. */
const LAST_DATE = `reduce(last = ${OPEN_START}, e IN entries |
                     CASE WHEN e.to < ${OPEN_END} AND e.to > last THEN e.to
                          WHEN e.from > last THEN e.from ELSE last END)`;

/**
 * Cypher: a stored partnership's latest date for ordering, the earliest date when it has none (unknown sorts last
 * in "most recent first"). Every ordering of partners uses it: pages, rankings and the reconciliation extension.
 */
export const lastDateOf = (r: string): string => `coalesce(${r}.lastDate, ${OPEN_START})`;

/** Cypher: the way `a` and `b` partner through `ev` by their relationships `r1` and `r2`, or null when they don't. */
const WAY = `CASE
  WHEN ev:Agreement AND type(r1) = 'PARTY_TO' AND type(r2) = 'PARTY_TO'
    THEN CASE ev.status WHEN 'SIGNED' THEN 'SIGNED_AGREEMENT' WHEN 'NEGOTIATION' THEN 'AGREEMENT_IN_NEGOTIATION'
                        ELSE 'AGREEMENT_STATUS_NOT_STATED' END
  WHEN ev:Agreement AND [type(r1), type(r2)] IN [['FACILITATED', 'PARTY_TO'], ['PARTY_TO', 'FACILITATED']]
    THEN 'FACILITATED_AGREEMENT'
  WHEN ev:Event AND [type(r1), type(r2)] IN [['ORGANIZED', 'HELD_AT'], ['HELD_AT', 'ORGANIZED']]
    THEN 'EVENT_VENUE'
  WHEN ev:Event AND [type(r1), type(r2)] IN [['ORGANIZED', 'PARTICIPATED_IN'], ['PARTICIPATED_IN', 'ORGANIZED']]
    THEN 'EVENT_PARTICIPATION'
END`;

/** Cypher: the earlier (`<`) or later (`>`) of two partial-date strings by their dates; '' when either is open. */
const boundary = (field: 'periodStart' | 'periodEnd', dateField: string, pick: '<' | '>'): string =>
  `CASE WHEN r1.${field} IS NULL OR r2.${field} IS NULL THEN ''
        WHEN r1.${dateField} ${pick}= r2.${dateField} THEN r1.${field} ELSE r2.${field} END`;

/**
 * Which pairs a rewrite covers, in Cypher over the two ends `x` and `o` (lists as parameters): every pair of a node
 * of $around, and the pairs among the nodes of $among.
 */
const IN_SCOPE = (x: string, o: string): string =>
  `(${x}.id IN $around OR ${o}.id IN $around OR (${x}.id IN $among AND ${o}.id IN $among))`;
/**
 * Each pair in scope is handled once: by the end whose id sorts first when both ends are $expanded, else by the
 * end that is (a pair is the same seen from either end).
 */
const ONCE = (x: string, o: string): string => `(NOT ${o}.id IN $expanded OR ${x}.id < ${o}.id)`;

/**
 * Cypher: the partnerships of each node `x` of $ids with the partners `p` that `pairs` keeps, from the definition,
 * CREATEd: every caller computes each pair once, from one end, after forgetting it (MERGE would scan each end's new
 * relationships for every pair: an agreement of 200 parties is 19,900 pairs). Returns the ids of both ends.
 */
const computeText = (pairs: string): string =>
  `UNWIND $ids AS id
   MATCH (x:Entity {id: id})
   CALL (x) {
     MATCH (a:Entity)-[:PART_OF*0..3]->(x)
     // Only the pairs of relationship types that make a way (WAY), by type: a participant of a big event reaches
     // its organizers, not every other participant only to drop them.
     CALL (a) {
       MATCH (a)-[r1:PARTY_TO|FACILITATED]-(ev:Agreement:Entity)-[r2:PARTY_TO|FACILITATED]-(b:Entity)
       RETURN r1, ev, r2, b
       UNION ALL
       MATCH (a)-[r1:ORGANIZED|HELD_AT]-(ev:Event:Entity)-[r2:ORGANIZED|HELD_AT|PARTICIPATED_IN]-(b:Entity)
       RETURN r1, ev, r2, b
       UNION ALL
       MATCH (a)-[r1:PARTICIPATED_IN]-(ev:Event:Entity)-[r2:ORGANIZED]-(b:Entity)
       RETURN r1, ev, r2, b
     }
     WITH x, a, ev, r1, r2, b, ${WAY} AS way
     WHERE b <> a AND way IS NOT NULL
     MATCH (b)-[:PART_OF*0..3]->(p:Entity)
     WHERE p <> x
       AND ${pairs}
       AND NOT EXISTS { (p)-[:PART_OF*1..3]->(x) }
       AND NOT EXISTS { (x)-[:PART_OF*1..3]->(p) }
     WITH p, ev, way,
          CASE WHEN coalesce(r1.periodStartDate, ${OPEN_START}) >= coalesce(r2.periodStartDate, ${OPEN_START})
               THEN coalesce(r1.periodStartDate, ${OPEN_START}) ELSE coalesce(r2.periodStartDate, ${OPEN_START}) END AS from,
          CASE WHEN coalesce(r1.periodEndDate, ${OPEN_END}) <= coalesce(r2.periodEndDate, ${OPEN_END})
               THEN coalesce(r1.periodEndDate, ${OPEN_END}) ELSE coalesce(r2.periodEndDate, ${OPEN_END}) END AS to,
          ${boundary('periodStart', 'periodStartDate', '<')} AS start,
          ${boundary('periodEnd', 'periodEndDate', '>')} AS end,
          CASE WHEN r1.periodStartDate <= r2.periodStartDate THEN r1.periodStartDate ELSE r2.periodStartDate END
            AS startDate,
          CASE WHEN r1.periodEndDate >= r2.periodEndDate THEN r1.periodEndDate ELSE r2.periodEndDate END AS endDate,
          coalesce(r1.sourceRefs, []) + coalesce(r2.sourceRefs, []) AS refs
     // One entry per agreement or event and way; its period is where both relationships hold.
     WITH p, ev, way, collect({from: from, to: to, start: start, end: end, startDate: startDate, endDate: endDate,
                               refs: refs}) AS facts
     ORDER BY ev.sortKey, ev.id, way
     // The same pair can meet through one agreement several times (two parts of each): one entry, all its facts.
     WITH p, ev, way, facts,
          reduce(best = null, f IN facts | CASE WHEN best IS NULL OR f.from > best THEN f.from ELSE best END) AS from,
          reduce(best = null, f IN facts | CASE WHEN best IS NULL OR f.to < best THEN f.to ELSE best END) AS to,
          reduce(best = null, f IN facts | CASE WHEN best IS NULL OR (f.start <> '' AND best.start <> ''
                   AND f.startDate < best.startDate) OR f.start = '' THEN f ELSE best END) AS earliest,
          reduce(best = null, f IN facts | CASE WHEN best IS NULL OR (f.end <> '' AND best.end <> ''
                   AND f.endDate > best.endDate) OR f.end = '' THEN f ELSE best END) AS latest,
          // Sorted and distinct: which end was read first must not change what is stored.
          COLLECT { UNWIND facts AS f UNWIND f.refs AS ref WITH DISTINCT ref ORDER BY ref RETURN ref } AS refs
     RETURN p, collect({evidence: ev.id, way: way, from: from, to: to,
                        start: earliest.start, startDate: earliest.startDate,
                        end: latest.end, endDate: latest.endDate,
                        refs: refs}) AS entries
   }
   WITH x, p, entries
   CALL (x, p, entries) {
     WITH x, p, entries, CASE WHEN x.id < p.id THEN [x, p] ELSE [p, x] END AS ends
     WITH entries, ends[0] AS s, ends[1] AS t
     CREATE (s)-[r:PARTNERS]->(t)
     SET r.entryEvidence = [e IN entries | e.evidence],
         r.entryWays = [e IN entries | e.way],
         // Dates as text, '' for an open end (a list holds no nulls, and a made-up date would read as a fact).
         r.entryFrom = [e IN entries | CASE WHEN e.from = ${OPEN_START} THEN '' ELSE toString(e.from) END],
         r.entryTo = [e IN entries | CASE WHEN e.to = ${OPEN_END} THEN '' ELSE toString(e.to) END],
         r.entryStarts = [e IN entries | e.start],
         r.entryEnds = [e IN entries | e.end],
         // Each entry's statements, space-separated (a list holds no lists): what a filtered read of the pair cites.
         r.entryRefs = [e IN entries | reduce(s = '', ref IN e.refs | CASE WHEN s = '' THEN ref ELSE s + ' ' + ref END)],
         r.ways = reduce(all = [], e IN entries | CASE WHEN e.way IN all THEN all ELSE all + e.way END),
         r.evidence = reduce(all = [], e IN entries | CASE WHEN e.evidence IN all THEN all ELSE all + e.evidence END),
         // In order, so that the same facts always store the same list, however they were read.
         r.sourceRefs = COLLECT { UNWIND entries AS e UNWIND e.refs AS ref WITH DISTINCT ref ORDER BY ref RETURN ref },
         r.periodStart = CASE WHEN any(e IN entries WHERE e.start = '') THEN null ELSE
           reduce(best = null, e IN entries | CASE WHEN best IS NULL OR e.startDate < best.startDate THEN e ELSE best END).start
         END,
         r.periodEnd = CASE WHEN any(e IN entries WHERE e.end = '') THEN null ELSE
           reduce(best = null, e IN entries | CASE WHEN best IS NULL OR e.endDate > best.endDate THEN e ELSE best END).end
         END,
         // Absent when no entry has a date: unknown, not year 1.
         r.lastDate = CASE WHEN ${LAST_DATE} > ${OPEN_START} THEN ${LAST_DATE} END
     SET r.strength = size(r.evidence)
   }
   RETURN count(*) AS written, collect(DISTINCT x.id) + collect(p.id) AS ends`;
/** A rebuild: each pair from the end whose id sorts first, which sees every pair with a later id. */
const COMPUTE_LATER = cypher<{ ids: string[] }, { written: number; ends: string[] }>(
  'partnerships.computeLater',
  computeText('p.id > x.id'),
);

/**
 * Everything that changed, as the nodes whose pairs it can change (with what those are part of):
 * - `among`: the actors of agreements and events that changed whole ($evidence), of new or changed facts ($facts:
 *   a participant partners with the event's organizers only, so the other participants of a big event are left
 *   out; any other fact can change every pair of its agreement or event), and former actors ($former, with their
 *   lineage): the pairs among them are rewritten;
 * - `around`: nodes whose parts changed, or that were deleted, restored or merged ($nodes), with what they are part
 *   of and what is part of them: all their pairs are rewritten;
 * - `dense`: the node of `among` but not `around` with the most partners, when it has at least $minDegree. It is
 *   not expanded (a hub's facts are thousands of agreements): every pair of it in scope has its other end in scope,
 *   which reaches it.
 */
const SCOPE = cypher<
  {
    evidence: string[];
    facts: { actor: string; evidence: string; type: string }[];
    former: string[];
    nodes: string[];
    minDegree: number;
  },
  { among: string[]; around: string[]; dense: string | null }
>(
  'partnerships.scope',
  `CALL {
     UNWIND $evidence AS id
     MATCH (:Identity {id: id})-[:${EVIDENCE}]-(a:Identity)
     RETURN a
     UNION
     UNWIND $facts AS fact
     MATCH (ev:Identity {id: fact.evidence})-[r:${EVIDENCE}]-(a:Identity)
     WHERE fact.type <> 'PARTICIPATED_IN' OR type(r) <> 'PARTICIPATED_IN' OR a.id = fact.actor
     RETURN a
     UNION
     UNWIND $former AS id
     MATCH (:Identity {id: id})<-[:PART_OF*0..3]-(a:Identity)
     RETURN a
   }
   MATCH (a)-[:PART_OF*0..3]->(x:Identity)
   WITH collect(DISTINCT x.id) AS among
   CALL {
     UNWIND $nodes AS id
     MATCH (n:Identity {id: id})
     CALL (n) {
       MATCH (n)-[:PART_OF*0..3]->(up:Identity) RETURN up AS related
       UNION
       MATCH (down:Identity)-[:PART_OF*1..3]->(n) RETURN down AS related
     }
     RETURN collect(DISTINCT related.id) AS lineage
   }
   WITH among, COLLECT { UNWIND lineage + $nodes AS id RETURN DISTINCT id } AS around
   CALL (among, around) {
     UNWIND among AS id
     MATCH (x:Entity {id: id}) WHERE NOT id IN around
     WITH x, COUNT { (x)-[:PARTNERS]-() } AS degree WHERE degree >= $minDegree
     WITH x ORDER BY degree DESC, x.id
     RETURN head(collect(x.id)) AS dense
   }
   RETURN among, around, dense`,
);

/**
 * Forgets the stored partnerships in scope (IN_SCOPE), then writes them again from the definition, each pair once
 * (ONCE): one statement for a whole import batch. Returns the ends of every partnership forgotten or written.
 */
const REWRITE = cypher<
  { among: string[]; around: string[]; expanded: string[]; ids: string[] },
  { written: number; ends: string[] }
>(
  'partnerships.rewrite',
  `CALL {
     UNWIND $expanded AS id
     MATCH (x:Identity {id: id})-[old:PARTNERS]-(o)
     WHERE ${IN_SCOPE('x', 'o')} AND ${ONCE('x', 'o')}
     DELETE old
     RETURN collect(DISTINCT x.id) + collect(o.id) AS forgotten
   }
   CALL {
     ${computeText(`${IN_SCOPE('x', 'p')} AND ${ONCE('x', 'p')}`)}
   }
   RETURN written, forgotten + ends AS ends`,
);

/** A node with at least this many partners keeps its first RANKED_PARTNERS partners ranked. */
export const RANKING_MIN_DEGREE = 500;
export const RANKED_PARTNERS = 500;

/**
 * The order of "strongest first", kept on nodes with very many partners, so that a page of their partners reads
 * those partners only, not all of them to sort: `partnerRanking` holds the partner ids, `partnerRankingRels` the
 * element ids of the PARTNERS relationships to them, in the same order (a seek by element id reads the pair
 * without expanding either end: a hub's strongest partners are themselves dense). Dropped when a node has fewer.
 */
const RANK = cypher<{ ids: string[]; minDegree: number; keep: number }, { ranked: number }>(
  'partnerships.rank',
  `UNWIND $ids AS id
   MATCH (x:Entity {id: id})
   WITH x, COUNT { (x)-[:PARTNERS]-() } >= $minDegree AS dense
   WHERE dense OR x.partnerRanking IS NOT NULL
   CALL (x, dense) {
     WITH x WHERE dense
     MATCH (x)-[r:PARTNERS]-(p:Entity)
     WITH p, r ORDER BY r.strength DESC, ${lastDateOf('r')} DESC, p.sortKey, p.id LIMIT toInteger($keep)
     RETURN collect(p.id) AS ranking, collect(elementId(r)) AS rels
   }
   SET x.partnerRanking = CASE WHEN dense THEN ranking END,
       x.partnerRankingRels = CASE WHEN dense THEN rels END
   RETURN count(*) AS ranked`,
);

/** The partners of `ids` that keep a ranking: the only rankings a name (sort key) can re-order. */
const RANKED_PARTNERS_OF = cypher<{ ids: string[] }, { id: string }>(
  'partnerships.rankedPartnersOf',
  `UNWIND $ids AS id
   MATCH (:Identity {id: id})-[:PARTNERS]-(p:Entity)
   WHERE p.partnerRanking IS NOT NULL
   RETURN DISTINCT p.id AS id`,
);

/**
 * Keeps the rankings exact: re-ranks each node of `ids` that has (or had) enough partners. Every writer of
 * PARTNERS calls it in the same transaction, after its writes, with both ends of every partnership it created,
 * deleted or changed (strength, lastDate), and with the partners of a node whose sortKey changed.
 */
export async function rerankPartners(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query(RANK, { ids: [...ids], minDegree: RANKING_MIN_DEGREE, keep: RANKED_PARTNERS });
}

/** The partners of `ids` whose rankings a change of their names can re-order. */
async function rankedPartnersOf(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await tx.query(RANKED_PARTNERS_OF, { ids: [...ids] })).map((row) => row.id);
}

/** After a node's name changed: it may move in the rankings of its partners. */
export async function rerankAround(tx: Tx, id: string): Promise<void> {
  await rerankPartners(tx, await rankedPartnersOf(tx, [id]));
}

/** The pairs a rewrite covers: every pair of a node of `around`, and the pairs among the nodes of `among`. */
export interface PartnershipScope {
  among: readonly string[];
  around: readonly string[];
  /** A node of `among` (not of `around`) whose facts are not expanded: its pairs are reached from their other end. */
  dense?: string | null;
}

/**
 * THE place where stored partnerships get rewritten, for a set of nodes: forgets the pairs in `scope` and writes
 * them again from the definition, in one statement, then keeps the rankings of both ends of every partnership
 * forgotten or written up to date. Every refresh ends here; a structure derived from partnerships hooks in here.
 */
export async function rewritePartnerships(
  tx: Tx,
  { among, around, dense = null }: PartnershipScope,
  /** Nodes to re-rank as well, whatever is rewritten (the ranked partners of a renamed node). */
  alsoRerank: readonly string[] = [],
): Promise<void> {
  let ends: readonly string[] = [];
  if (among.length > 0 || around.length > 0) {
    const expanded = [...new Set([...around, ...among])].filter((id) => id !== dense);
    const row = await tx.queryOne(REWRITE, { among: [...among], around: [...around], expanded, ids: expanded });
    ends = row?.ends ?? [];
  }
  await rerankPartners(tx, [...new Set([...ends, ...alsoRerank])]);
}

/** What changed that partnerships depend on (see SCOPE). */
export interface PartnershipChanges {
  /** Agreements and events whose every pair may change: status or name changed, a party removed, deleted... */
  evidence?: readonly string[];
  /** Actor–evidence relationships created or changed (their period or sources). */
  facts?: readonly { actor: string; evidence: string; type: RelationType }[];
  /** Actors the change removed, which the graph no longer shows as such. */
  formerActors?: readonly string[];
  /** Nodes whose parts changed, or that were deleted, restored or merged (ids before and after the change). */
  nodes?: readonly string[];
  /** Actors whose name (sort key) changed: they may move in the rankings of their partners. */
  renamed?: readonly string[];
}

/** Rewrites the partnerships that `changes` can change, set-based: one scope query, one rewrite, one re-rank. */
export async function refreshPartnerships(tx: Tx, changes: PartnershipChanges): Promise<void> {
  const { evidence = [], facts = [], formerActors = [], nodes = [], renamed = [] } = changes;
  if (evidence.length + facts.length + formerActors.length + nodes.length + renamed.length === 0) return;
  const scope = await tx.queryOne(SCOPE, {
    evidence: [...evidence],
    facts: [...facts],
    former: [...formerActors],
    nodes: [...nodes],
    minDegree: RANKING_MIN_DEGREE,
  });
  await rewritePartnerships(tx, scope ?? { among: [], around: [] }, await rankedPartnersOf(tx, renamed));
}

/**
 * After a change to who takes part in the agreements or events `evidenceIds` (a party added, a facilitator removed,
 * an agreement deleted...): rewrites the pairs among their actors (and what those are part of). `formerActors`
 * are actors the change removed, which the graph no longer shows as such.
 */
export async function refreshEvidence(tx: Tx, evidenceIds: string[], formerActors: string[] = []): Promise<void> {
  await refreshPartnerships(tx, { evidence: evidenceIds, formerActors });
}

/** After facts were added to agreements or events: rewrites the pairs among the actors they can change. */
export async function refreshNewFacts(
  tx: Tx,
  facts: readonly { actor: string; evidence: string; type: RelationType }[],
): Promise<void> {
  await refreshPartnerships(tx, { facts });
}

/**
 * After a change to what nodes are (deleted, restored, merged) or are part of: rewrites every partnership of
 * them and of their lineage. Call it with the ids as they were before the change, and after when they differ.
 */
export async function refreshNodes(tx: Tx, ids: string[]): Promise<void> {
  await refreshPartnerships(tx, { nodes: ids });
}

/** Whether a relationship of this type between these nodes can change partnerships, and how to refresh them. */
export async function refreshAfterRelationship(tx: Tx, type: RelationType, from: string, to: string): Promise<void> {
  if (STRUCTURE_TYPES.has(type)) {
    await refreshNodes(tx, [from, to]);
  } else if (EVIDENCE_TYPES.has(type)) {
    // HELD_AT points from the event to its venue; the others from the actor to the agreement or event.
    const [actor, evidence] = type === RelationType.HELD_AT ? [to, from] : [from, to];
    await refreshEvidence(tx, [evidence], [actor]);
  }
}

const ALL_ACTORS = cypher<{ after: string; limit: number }, { id: string }>(
  'partnerships.allActors',
  `MATCH (n:Entity) WHERE n.id > $after
   RETURN n.id AS id ORDER BY n.id LIMIT toInteger($limit)`,
  { fullScan: 'rebuilding partnerships visits every node once, in id order' },
);

const FORGET_ALL = cypher<{ limit: number }, { forgotten: number }>(
  'partnerships.forgetAll',
  `MATCH ()-[r:PARTNERS]->() WITH r LIMIT toInteger($limit) DELETE r RETURN count(*) AS forgotten`,
);

/** Bump when the definition above changes: databases built with another version are rebuilt at start-up. */
// 2: open ends and unknown latest dates are stored absent or '', not as 0001-01-01 and 9999-12-31.
// 3: an agreement whose status no source states partners its parties as AGREEMENT_STATUS_NOT_STATED.
// 4: each entry keeps its statements (entryRefs), so a filtered read cites only the facts it kept.
export const PARTNERSHIPS_VERSION = 4;

const MARK_BUILT = cypher<{ version: number }, { version: number }>(
  'partnerships.markBuilt',
  `MERGE (d:Derived {name: 'partnerships'}) SET d.version = $version
   RETURN d.version AS version`,
);

const MARK_STALE = cypher<Record<string, never>, { version: number }>(
  'partnerships.markStale',
  `MERGE (d:Derived {name: 'partnerships'}) SET d.version = 0
   RETURN d.version AS version`,
);

/** Marks the partnerships built by this definition (after a load that brought them: the neo4j-admin fast path). */
export async function markPartnershipsBuilt(tx: Tx): Promise<void> {
  await tx.query(MARK_BUILT, { version: PARTNERSHIPS_VERSION });
}

const SET_LISTS = cypher<{ ids: string[] }, { set: number }>(
  'partnerships.setLists',
  `UNWIND $ids AS id
   MATCH (:Entity {id: id})-[r:PARTNERS]->()
   WHERE r.entryFrom IS NULL OR r.entryTo IS NULL OR r.entryStarts IS NULL OR r.entryEnds IS NULL
      OR r.entryRefs IS NULL OR r.sourceRefs IS NULL
   SET r.entryFrom = coalesce(r.entryFrom, ['']), r.entryTo = coalesce(r.entryTo, ['']),
       r.entryStarts = coalesce(r.entryStarts, ['']), r.entryEnds = coalesce(r.entryEnds, ['']),
       r.entryRefs = coalesce(r.entryRefs, ['']), r.sourceRefs = coalesce(r.sourceRefs, [])
   RETURN count(r) AS set`,
);

/**
 * Completes the partnerships starting at `ids` that neo4j-admin loaded: it cannot write the list of one empty
 * string nor an empty list (both are an empty cell to it), so those lists are absent. An entry list holds one item
 * per entry (never none): absent, it is ['']; sourceRefs absent is [].
 */
export async function setPartnershipLists(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query(SET_LISTS, { ids: [...ids] });
}

/** Marks the partnerships out of date: the next start rebuilds them, unless a rebuild marks them built first. */
export async function markPartnershipsStale(tx: Tx): Promise<void> {
  await tx.query(MARK_STALE, {});
}

const BUILT_VERSION = cypher<Record<string, never>, { version: number | null; facts: boolean }>(
  'partnerships.builtVersion',
  `OPTIONAL MATCH (d:Derived {name: 'partnerships'})
   RETURN d.version AS version, EXISTS { MATCH (:Entity)-[:${EVIDENCE}]->(:Entity) } AS facts`,
  { fullScan: 'stops at the first relationship that makes partners' },
);

/** At start-up: a graph whose partnerships were never built, or built by another definition, is rebuilt. */
export async function ensurePartnerships(db: Database, log?: (message: string) => void): Promise<boolean> {
  const built = await db.queryOne(BUILT_VERSION, {});
  if (built?.version === PARTNERSHIPS_VERSION || (!built?.facts && built?.version === null)) return false;
  log?.(`rebuilding partnerships (definition ${PARTNERSHIPS_VERSION}, found ${String(built?.version ?? 'none')})`);
  await rebuildAllPartnerships(db);
  return true;
}

/** Recomputes every partnership from the facts, in batches of `batchSize` nodes (npm run db:rebuild-partnerships). */
export async function rebuildAllPartnerships(
  db: Database,
  { batchSize = 500, onProgress }: { batchSize?: number; onProgress?: (nodes: number) => void } = {},
): Promise<number> {
  while ((await db.write((tx) => tx.queryOne(FORGET_ALL, { limit: 50_000 })))?.forgotten) {
    // Deleting in bounded transactions keeps memory flat on a large graph.
  }
  let after = '';
  let done = 0;
  for (;;) {
    const ids = (await db.query(ALL_ACTORS, { after, limit: batchSize })).map((row) => row.id);
    const last = ids.at(-1);
    if (last === undefined) {
      await db.write((tx) => tx.query(MARK_BUILT, { version: PARTNERSHIPS_VERSION }));
      return done;
    }
    // Pairs are written once each: by the node whose id sorts first, which sees every pair with a later id; after
    // the batch, its nodes have all their partnerships and can be ranked.
    await db.write(async (tx) => {
      await tx.query(COMPUTE_LATER, { ids });
      await rerankPartners(tx, ids);
    });
    done += ids.length;
    onProgress?.(done);
    after = last;
  }
}
