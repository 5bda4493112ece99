/**
 * The partnerships of a whole graph computed in memory from its nodes and relationships, for the neo4j-admin fast
 * path: the same relationships `rebuildAllPartnerships` writes (partnerships.ts states the definition and
 * `computeText` is its Cypher), property by property, so that neo4j-admin can load them with the facts.
 *
 * Pure: no database. The graph is kept compact (ints and shared strings, lists by node in flat arrays) because
 * the fast path runs it on millions of relationships under a capped heap; partnerships are produced one node at a
 * time, each pair by its end whose id sorts first (as the rebuild does), so only one node's partners are in memory.
 *
 * Where the Cypher leaves an order open (two facts of one entry whose periods start or end on the same day with a
 * different text, "2020" and "2020-01"), the first fact met is kept, as the Cypher's `reduce` keeps the first row.
 */
import { NodeKind, RelationType } from '../../model/graph-model';

/** Open ends of a period while it is computed (never stored), as in partnerships.ts. */
const OPEN_START = '0001-01-01';
const OPEN_END = '9999-12-31';

const TYPE_CODES: ReadonlyMap<string, number> = new Map([
  [RelationType.PARTY_TO, 0],
  [RelationType.FACILITATED, 1],
  [RelationType.ORGANIZED, 2],
  [RelationType.HELD_AT, 3],
  [RelationType.PARTICIPATED_IN, 4],
]);
const TYPES = 5;
const [PARTY_TO, FACILITATED, ORGANIZED, HELD_AT, PARTICIPATED_IN] = [0, 1, 2, 3, 4] as const;

/** Ways, by code; `way` in a key is the code. */
const WAYS = [
  'SIGNED_AGREEMENT',
  'AGREEMENT_IN_NEGOTIATION',
  'AGREEMENT_STATUS_NOT_STATED',
  'FACILITATED_AGREEMENT',
  'EVENT_VENUE',
  'EVENT_PARTICIPATION',
] as const;
const [SIGNED, NEGOTIATION, NOT_STATED, FACILITATED_WAY, VENUE, PARTICIPATION] = [0, 1, 2, 3, 4, 5] as const;

/** Node kinds that matter here: agreements and events (through which actors partner), and the rest. */
const OTHER = 0;
const AGREEMENT = 1;
const EVENT = 2;

export interface PartnershipNodeInput {
  id: string;
  kind: NodeKind;
  sortKey: string;
  /** An agreement's status as the graph holds it (absent: not stated). */
  status?: string | null;
}

export interface PartnershipFactInput {
  from: string;
  to: string;
  type: RelationType;
  periodStart: string | null;
  periodEnd: string | null;
  /** ISO dates, as stored (null when the fact has no such end). */
  periodStartDate: string | null;
  periodEndDate: string | null;
  sourceRefs: readonly string[];
}

/** One PARTNERS relationship with every property the rebuild stores (dates as ISO text, lastDate a date). */
export interface ComputedPartnership {
  start: string;
  end: string;
  entryEvidence: string[];
  entryWays: string[];
  entryFrom: string[];
  entryTo: string[];
  entryStarts: string[];
  entryEnds: string[];
  entryRefs: string[];
  ways: string[];
  evidence: string[];
  sourceRefs: string[];
  periodStart: string | null;
  periodEnd: string | null;
  lastDate: string | null;
  strength: number;
}

/** Cypher's comparison of two dates, where a null makes the comparison null (false in a CASE). */
const le = (a: string | null, b: string | null): boolean => a !== null && b !== null && a <= b;
const ge = (a: string | null, b: string | null): boolean => a !== null && b !== null && a >= b;
const lt = (a: string | null, b: string | null): boolean => a !== null && b !== null && a < b;
const gt = (a: string | null, b: string | null): boolean => a !== null && b !== null && a > b;

/** Cypher's ORDER BY of strings (UTF-16 code units), which is also JavaScript's `<`. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Fact {
  from: string;
  to: string;
  start: string;
  end: string;
  startDate: string | null;
  endDate: string | null;
  r1: number;
  r2: number;
}

interface Entry {
  ev: number;
  way: number;
  from: string;
  to: string;
  start: string;
  startDate: string | null;
  end: string;
  endDate: string | null;
  refs: string[];
}

/** Flat lists by node (compressed sparse rows), built once all edges are known. */
class Lists {
  readonly offsets: Int32Array;
  readonly items: Int32Array;

  constructor(nodes: number, owners: readonly number[], values: readonly number[]) {
    this.offsets = new Int32Array(nodes + 1);
    for (const owner of owners) this.offsets[owner + 1]! += 1;
    for (let i = 0; i < nodes; i += 1) this.offsets[i + 1]! += this.offsets[i]!;
    const next = this.offsets.slice(0, nodes);
    this.items = new Int32Array(owners.length);
    owners.forEach((owner, i) => {
      this.items[next[owner]!++] = values[i]!;
    });
  }
}

export class PartnershipGraph {
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly kinds: number[] = [];
  /** Sort keys of agreements and events (the order of entries); undefined for other nodes. */
  private readonly sortKeys: (string | undefined)[] = [];
  /** The way two parties of an agreement partner, by its status. */
  private readonly partyWays: number[] = [];
  private readonly partChild: number[] = [];
  private readonly partParent: number[] = [];
  private readonly relFrom: number[] = [];
  private readonly relTo: number[] = [];
  private readonly relType: number[] = [];
  private readonly relStart: (string | null)[] = [];
  private readonly relEnd: (string | null)[] = [];
  private readonly relStartDate: (string | null)[] = [];
  private readonly relEndDate: (string | null)[] = [];
  private readonly relRefs: (readonly string[])[] = [];
  /** Dates, period texts and statement ids repeat: one string each. */
  private readonly strings = new Map<string, string>();

  private intern(text: string): string;
  private intern(text: string | null): string | null;
  private intern(text: string | null): string | null {
    if (text === null) return null;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  private node(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.kinds.push(OTHER);
      this.sortKeys.push(undefined);
      this.partyWays.push(NOT_STATED);
    }
    return i;
  }

  addNode({ id, kind, sortKey, status }: PartnershipNodeInput): void {
    const i = this.node(id);
    const code = kind === NodeKind.AGREEMENT ? AGREEMENT : kind === NodeKind.EVENT ? EVENT : OTHER;
    this.kinds[i] = code;
    if (code !== OTHER) this.sortKeys[i] = sortKey;
    this.partyWays[i] = status === 'SIGNED' ? SIGNED : status === 'NEGOTIATION' ? NEGOTIATION : NOT_STATED;
  }

  /** Keeps what partnerships are made of (PART_OF and the evidence types); ignores the rest. */
  addRelationship(fact: PartnershipFactInput): void {
    if (fact.from === fact.to) return;
    if (fact.type === RelationType.PART_OF) {
      this.partChild.push(this.node(fact.from));
      this.partParent.push(this.node(fact.to));
      return;
    }
    const type = TYPE_CODES.get(fact.type);
    if (type === undefined) return;
    this.relFrom.push(this.node(fact.from));
    this.relTo.push(this.node(fact.to));
    this.relType.push(type);
    this.relStart.push(this.intern(fact.periodStart));
    this.relEnd.push(this.intern(fact.periodEnd));
    this.relStartDate.push(this.intern(fact.periodStartDate));
    this.relEndDate.push(this.intern(fact.periodEndDate));
    this.relRefs.push(fact.sourceRefs.map((ref) => this.intern(ref)));
  }

  /** Partners by node, counted while `partnerships()` runs. */
  private degrees = new Int32Array(0);

  /**
   * Every partnership, each once, from the end whose id sorts first (`start`), each node's pairs together.
   */
  *partnerships(): Generator<ComputedPartnership> {
    const n = this.ids.length;
    this.degrees = new Int32Array(n);
    const parents = new Lists(n, this.partChild, this.partParent);
    const children = new Lists(n, this.partParent, this.partChild);
    // Each evidence relationship in the lists of both its ends, by type (an agreement's parties apart from its
    // facilitators), so that the other end of a fact is found among the types it partners with only.
    const owners: number[] = [];
    const rels: number[] = [];
    for (let r = 0; r < this.relFrom.length; r += 1) {
      owners.push(this.relFrom[r]! * TYPES + this.relType[r]!, this.relTo[r]! * TYPES + this.relType[r]!);
      rels.push(r, r);
    }
    const incident = new Lists(n * TYPES, owners, rels);
    owners.length = 0;
    rels.length = 0;

    const ids = this.ids;
    const within3 = (from: number, lists: Lists, into: Set<number>): Set<number> => {
      let frontier = [from];
      for (let depth = 0; depth < 3 && frontier.length > 0; depth += 1) {
        const next: number[] = [];
        for (const node of frontier) {
          for (let k = lists.offsets[node]!; k < lists.offsets[node + 1]!; k += 1) {
            const up = lists.items[k]!;
            if (!into.has(up)) {
              into.add(up);
              next.push(up);
            }
          }
        }
        frontier = next;
      }
      return into;
    };

    for (let x = 0; x < n; x += 1) {
      const xId = ids[x]!;
      const actors = within3(x, children, new Set([x]));
      const related = within3(x, parents, new Set());
      for (const down of within3(x, children, new Set())) related.add(down);
      // p -> (ev * 8 + way) -> facts
      const found = new Map<number, Map<number, Fact[]>>();
      for (const a of actors) {
        for (let t1 = 0; t1 < TYPES; t1 += 1) {
          const ownA = a * TYPES + t1;
          for (let i = incident.offsets[ownA]!; i < incident.offsets[ownA + 1]!; i += 1) {
            const r1 = incident.items[i]!;
            const ev = this.relFrom[r1] === a ? this.relTo[r1]! : this.relFrom[r1]!;
            const kind = this.kinds[ev]!;
            if (kind === OTHER) continue;
            for (let t2 = 0; t2 < TYPES; t2 += 1) {
              const way = this.wayOf(kind, ev, t1, t2);
              if (way === undefined) continue;
              const ownEv = ev * TYPES + t2;
              for (let j = incident.offsets[ownEv]!; j < incident.offsets[ownEv + 1]!; j += 1) {
                const r2 = incident.items[j]!;
                if (r2 === r1) continue;
                const b = this.relFrom[r2] === ev ? this.relTo[r2]! : this.relFrom[r2]!;
                if (b === a) continue;
                for (const p of parents.offsets[b] === parents.offsets[b + 1]
                  ? [b]
                  : within3(b, parents, new Set([b]))) {
                  if (p === x || !(ids[p]! > xId) || related.has(p)) continue;
                  let byEntry = found.get(p);
                  if (!byEntry) found.set(p, (byEntry = new Map<number, Fact[]>()));
                  const key = ev * 8 + way;
                  let facts = byEntry.get(key);
                  if (!facts) byEntry.set(key, (facts = []));
                  facts.push(this.fact(r1, r2));
                }
              }
            }
          }
        }
      }
      for (const [p, byEntry] of found) {
        this.degrees[x]! += 1;
        this.degrees[p]! += 1;
        yield this.partnership(xId, ids[p]!, byEntry);
      }
    }
  }

  /** Once `partnerships()` has run: the ids of the nodes with at least `min` partners. */
  nodesWithPartners(min: number): string[] {
    return this.ids.filter((_, i) => (this.degrees[i] ?? 0) >= min);
  }

  /** The WAY of partnerships.ts: how the actors of `t1` and `t2` relationships to `ev` partner, if they do. */
  private wayOf(kind: number, ev: number, t1: number, t2: number): number | undefined {
    if (kind === AGREEMENT) {
      if (t1 === PARTY_TO && t2 === PARTY_TO) return this.partyWays[ev];
      if ((t1 === PARTY_TO && t2 === FACILITATED) || (t1 === FACILITATED && t2 === PARTY_TO)) return FACILITATED_WAY;
      return undefined;
    }
    if ((t1 === ORGANIZED && t2 === HELD_AT) || (t1 === HELD_AT && t2 === ORGANIZED)) return VENUE;
    if ((t1 === ORGANIZED && t2 === PARTICIPATED_IN) || (t1 === PARTICIPATED_IN && t2 === ORGANIZED)) {
      return PARTICIPATION;
    }
    return undefined;
  }

  /** One row of the Cypher's facts: the relationship of x's side (r1) and of the partner's (r2). */
  private fact(r1: number, r2: number): Fact {
    const [s1, s2, e1, e2] = [
      this.relStartDate[r1]!,
      this.relStartDate[r2]!,
      this.relEndDate[r1]!,
      this.relEndDate[r2]!,
    ];
    const [from1, from2, to1, to2] = [s1 ?? OPEN_START, s2 ?? OPEN_START, e1 ?? OPEN_END, e2 ?? OPEN_END];
    const [p1, p2, q1, q2] = [this.relStart[r1]!, this.relStart[r2]!, this.relEnd[r1]!, this.relEnd[r2]!];
    return {
      from: from1 >= from2 ? from1 : from2,
      to: to1 <= to2 ? to1 : to2,
      start: p1 === null || p2 === null ? '' : le(s1, s2) ? p1 : p2,
      end: q1 === null || q2 === null ? '' : ge(e1, e2) ? q1 : q2,
      startDate: le(s1, s2) ? s1 : s2,
      endDate: ge(e1, e2) ? e1 : e2,
      r1,
      r2,
    };
  }

  private entry(key: number, facts: readonly Fact[]): Entry {
    let from: string | undefined;
    let to: string | undefined;
    let earliest: Fact | undefined;
    let latest: Fact | undefined;
    const refs = new Set<string>();
    for (const f of facts) {
      if (from === undefined || f.from > from) from = f.from;
      if (to === undefined || f.to < to) to = f.to;
      if (
        !earliest ||
        (f.start !== '' && earliest.start !== '' && lt(f.startDate, earliest.startDate)) ||
        f.start === ''
      ) {
        earliest = f;
      }
      if (!latest || (f.end !== '' && latest.end !== '' && gt(f.endDate, latest.endDate)) || f.end === '') latest = f;
      for (const ref of this.relRefs[f.r1]!) refs.add(ref);
      for (const ref of this.relRefs[f.r2]!) refs.add(ref);
    }
    return {
      ev: Math.floor(key / 8),
      way: key % 8,
      from: from ?? OPEN_START,
      to: to ?? OPEN_END,
      start: earliest?.start ?? '',
      startDate: earliest?.startDate ?? null,
      end: latest?.end ?? '',
      endDate: latest?.endDate ?? null,
      refs: [...refs].sort(compare),
    };
  }

  private partnership(start: string, end: string, byEntry: Map<number, Fact[]>): ComputedPartnership {
    const ids = this.ids;
    const entries = [...byEntry].map(([key, facts]) => this.entry(key, facts));
    entries.sort(
      (e, f) =>
        compare(this.sortKeys[e.ev] ?? '', this.sortKeys[f.ev] ?? '') ||
        compare(ids[e.ev]!, ids[f.ev]!) ||
        compare(WAYS[e.way]!, WAYS[f.way]!),
    );
    let earliest: Entry | undefined;
    let latest: Entry | undefined;
    let last = OPEN_START;
    for (const e of entries) {
      if (!earliest || lt(e.startDate, earliest.startDate)) earliest = e;
      if (!latest || gt(e.endDate, latest.endDate)) latest = e;
      if (e.to < OPEN_END && e.to > last) last = e.to;
      else if (e.from > last) last = e.from;
    }
    const evidence = [...new Set(entries.map((e) => ids[e.ev]!))];
    return {
      start,
      end,
      entryEvidence: entries.map((e) => ids[e.ev]!),
      entryWays: entries.map((e) => WAYS[e.way]!),
      entryFrom: entries.map((e) => (e.from === OPEN_START ? '' : e.from)),
      entryTo: entries.map((e) => (e.to === OPEN_END ? '' : e.to)),
      entryStarts: entries.map((e) => e.start),
      entryEnds: entries.map((e) => e.end),
      entryRefs: entries.map((e) => e.refs.join(' ')),
      ways: [...new Set(entries.map((e) => WAYS[e.way]!))],
      evidence,
      sourceRefs: [...new Set(entries.flatMap((e) => e.refs))].sort(compare),
      periodStart: entries.some((e) => e.start === '') ? null : (earliest?.start ?? null),
      periodEnd: entries.some((e) => e.end === '') ? null : (latest?.end ?? null),
      lastDate: last > OPEN_START ? last : null,
      strength: evidence.length,
    };
  }
}
