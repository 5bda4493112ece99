/**
 * Scoring of a labelled corpus (<name>.txt + <name>.labels.json), a line-by-line port of the reference
 * scorer that ships with the development corpus, so that `npm run bench:analysis -- --corpus DIR` and that
 * script agree: micro precision and recall of entities, relations (typed and untyped) and quantities.
 * Names match when equal after folding accents and case, when one contains the other (5+ characters), or
 * when their words overlap by 60% (Jaccard, without articles and prepositions); acronyms count as their
 * full names. On top of the reference figures it lists the misses, to iterate on.
 */

export interface CorpusLabels {
  organizations: string[];
  acronyms?: Record<string, string>;
  people: { name: string; role?: string; of?: string | null }[];
  places?: string[];
  relations: { type: string; a: string; b: string; sentence?: string }[];
  quantities: { value: number; text?: string; what?: string }[];
}

/** The part of an analysed sentence the scorer reads (the GraphQL answer's shape). */
export interface ScoredSentence {
  mentions: { text: string; node: { id: string; name: string; aliases?: readonly string[] } }[];
  candidates: { name: string; aliases?: readonly string[] }[];
  relations: { type: string; source: { name: string }; target: { name: string } }[];
  quantities: { value: number }[];
}

export interface ArticleScore {
  file: string;
  entities: { want: number; found: number; proposed: number; right: number; missing: string[]; wrong: string[] };
  relations: {
    want: number;
    typed: number;
    untyped: number;
    proposed: number;
    right: number;
    missed: string[];
    wrong: string[];
  };
  quantities: { want: number; found: number; proposed: number; right: number; missed: number[]; wrong: number[] };
}

export interface Totals {
  entW: number;
  entGot: number;
  entProp: number;
  entRight: number;
  relW: number;
  relTyped: number;
  relEnds: number;
  relProp: number;
  relRight: number;
  qW: number;
  qGot: number;
  qProp: number;
  qRight: number;
}

const STOP = new Set(['de', 'la', 'del', 'los', 'las', 'y', 'el', 'en', 'e', 'a', 'al', 'para', 'por', 'con']);

export const fold = (s: string | null | undefined): string =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const toks = (s: string): string[] =>
  fold(s)
    .split(' ')
    .filter((t) => t && !STOP.has(t));

/** Whether two names name the same thing, by the reference scorer's rule. */
export function same(x: string, y: string): boolean {
  const a = fold(x);
  const b = fold(y);
  if (!a || !b) return false;
  if (a === b) return true;
  if (Math.min(a.length, b.length) >= 5 && (a.includes(b) || b.includes(a))) return true;
  const ta = new Set(toks(x));
  const tb = new Set(toks(y));
  if (ta.size === 0 || tb.size === 0) return false;
  const inter = [...ta].filter((t) => tb.has(t)).length;
  return inter / new Set([...ta, ...tb]).size >= 0.6;
}

/** Which proposed relation types satisfy a labelled type; null: any type. */
export const TYPES: Record<string, string[] | null> = {
  SIGNED_AGREEMENT: ['AGREEMENT_WITH', 'PARTY_TO'],
  NEGOTIATING_AGREEMENT: ['AGREEMENT_WITH', 'PARTY_TO', 'FACILITATED'],
  ORGANIZED_EVENT: ['ORGANIZED'],
  PARTICIPATED_IN: ['PARTICIPATED_IN'],
  CHAIRS: ['CHAIRS'],
  MEMBER_OF: ['MEMBER_OF'],
  PART_OF: ['PART_OF'],
  LOCATED_IN: ['LOCATED_IN', 'HELD_IN', 'HELD_AT'],
  OTHER: null,
};

/** One article's score, counted exactly as the reference scorer counts it. */
export function scoreArticle(file: string, labels: CorpusLabels, sentences: readonly ScoredSentence[]): ArticleScore {
  const acr = labels.acronyms ?? {};
  const names = (n: string): string[] => [
    n,
    ...Object.entries(acr)
      .filter(([, full]) => same(full, n))
      .map(([a]) => a),
  ];
  // What the analysis proposes as entities: known nodes it mentions (with their names and aliases) and new candidates.
  const proposed = new Map<string, string[]>();
  for (const s of sentences) {
    for (const m of s.mentions) proposed.set(`n:${m.node.id}`, [m.text, m.node.name, ...(m.node.aliases ?? [])]);
    for (const c of s.candidates) proposed.set(`c:${fold(c.name)}`, [c.name, ...(c.aliases ?? [])]);
  }
  const wantEnt = [...labels.organizations, ...labels.people.map((p) => p.name)];
  const valid = [
    ...wantEnt,
    ...(labels.places ?? []),
    ...labels.relations.flatMap((r) => [r.a, r.b]),
    ...Object.keys(acr),
  ];
  const proposedNames = [...proposed.values()];
  const found = wantEnt.filter((w) => proposedNames.some((ns) => ns.some((n) => names(w).some((x) => same(x, n)))));
  const isRight = (ns: string[]): boolean => ns.some((n) => valid.some((v) => names(v).some((x) => same(x, n))));
  const right = proposedNames.filter(isRight);
  // Relations: a labelled (a, b, type) is found when a proposed relation joins a and b (either way); typed when its type fits.
  const rels = sentences.flatMap((s) => s.relations.map((r) => ({ type: r.type, a: r.source.name, b: r.target.name })));
  type Rel = (typeof rels)[number];
  type Label = CorpusLabels['relations'][number];
  const ends = (r: Rel, l: Label): boolean =>
    (names(l.a).some((x) => same(x, r.a)) && names(l.b).some((x) => same(x, r.b))) ||
    (names(l.a).some((x) => same(x, r.b)) && names(l.b).some((x) => same(x, r.a)));
  const partyPair = (l: Label): boolean => {
    const p = rels.filter((r) => r.type === 'PARTY_TO');
    return p.some((r1) =>
      p.some(
        (r2) =>
          r1 !== r2 &&
          same(r1.b, r2.b) &&
          names(l.a).some((x) => same(x, r1.a)) &&
          names(l.b).some((x) => same(x, r2.a)),
      ),
    );
  };
  let typed = 0;
  let untyped = 0;
  const missed: string[] = [];
  for (const l of labels.relations) {
    const ok = rels.filter((r) => ends(r, l));
    if (ok.length) untyped += 1;
    const t = TYPES[l.type];
    if (
      ok.some((r) => t === null || (t !== undefined && t.includes(r.type))) ||
      (l.type.endsWith('AGREEMENT') && partyPair(l))
    )
      typed += 1;
    else
      missed.push(`${l.type} ${l.a} → ${l.b}${ok.length ? ` (proposed as ${ok.map((r) => r.type).join('/')})` : ''}`);
  }
  const relIsRight = (r: Rel): boolean =>
    labels.relations.some((l) => ends(r, l)) ||
    (r.type === 'PARTY_TO' &&
      labels.relations.some(
        (l) => l.type.endsWith('AGREEMENT') && [l.a, l.b].some((v) => names(v).some((x) => same(x, r.a))),
      ));
  const relRight = rels.filter(relIsRight).length;
  const qs = sentences.flatMap((s) => s.quantities.map((q) => q.value));
  const qWant = labels.quantities.map((q) => q.value);
  return {
    file,
    entities: {
      want: wantEnt.length,
      found: found.length,
      proposed: proposed.size,
      right: right.length,
      missing: wantEnt.filter((w) => !found.includes(w)),
      wrong: proposedNames.filter((ns) => !isRight(ns)).map((ns) => ns[0] ?? ''),
    },
    relations: {
      want: labels.relations.length,
      typed,
      untyped,
      proposed: rels.length,
      right: relRight,
      missed,
      wrong: rels.filter((r) => !relIsRight(r)).map((r) => `${r.type} ${r.a} → ${r.b}`),
    },
    quantities: {
      want: qWant.length,
      found: qWant.filter((v) => qs.includes(v)).length,
      proposed: qs.length,
      right: qs.filter((v) => qWant.includes(v)).length,
      missed: qWant.filter((v) => !qs.includes(v)),
      wrong: qs.filter((v) => !qWant.includes(v)),
    },
  };
}

export function emptyTotals(): Totals {
  return {
    entW: 0,
    entGot: 0,
    entProp: 0,
    entRight: 0,
    relW: 0,
    relTyped: 0,
    relEnds: 0,
    relProp: 0,
    relRight: 0,
    qW: 0,
    qGot: 0,
    qProp: 0,
    qRight: 0,
  };
}

export function addToTotals(tot: Totals, row: ArticleScore): Totals {
  return {
    entW: tot.entW + row.entities.want,
    entGot: tot.entGot + row.entities.found,
    entProp: tot.entProp + row.entities.proposed,
    entRight: tot.entRight + row.entities.right,
    relW: tot.relW + row.relations.want,
    relTyped: tot.relTyped + row.relations.typed,
    relEnds: tot.relEnds + row.relations.untyped,
    relProp: tot.relProp + row.relations.proposed,
    relRight: tot.relRight + row.relations.right,
    qW: tot.qW + row.quantities.want,
    qGot: tot.qGot + row.quantities.found,
    qProp: tot.qProp + row.quantities.proposed,
    qRight: tot.qRight + row.quantities.right,
  };
}

/** A ratio with two decimals, as the reference scorer prints it ('n/a' when nothing was counted). */
export const ratio = (a: number, b: number): string => (b ? (a / b).toFixed(2) : 'n/a');

export function summaryOf(tot: Totals): Record<string, string> {
  return {
    entityRecall: ratio(tot.entGot, tot.entW),
    entityPrecision: ratio(tot.entRight, tot.entProp),
    relationRecallTyped: ratio(tot.relTyped, tot.relW),
    relationRecallUntyped: ratio(tot.relEnds, tot.relW),
    relationPrecision: ratio(tot.relRight, tot.relProp),
    quantityRecall: ratio(tot.qGot, tot.qW),
    quantityPrecision: ratio(tot.qRight, tot.qProp),
  };
}

export interface CorpusDocument {
  title: string;
  url: string | undefined;
  publisher: string | undefined;
  publishedAt: string | null;
  text: string;
}

/** A corpus file: header lines (source:, url:, date:), a blank line, the title, a blank line, the body. */
export function parseCorpusFile(raw: string): CorpusDocument {
  const [head = '', ...rest] = raw.split(/\n\n/);
  const meta = Object.fromEntries(
    head.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
  const [title = '', ...body] = rest;
  const date = meta.date ?? '';
  return {
    title: title.trim(),
    url: meta.url,
    publisher: meta.source,
    publishedAt: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    text: body.join('\n\n').trim(),
  };
}
