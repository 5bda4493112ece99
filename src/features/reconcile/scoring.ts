/**
 * How well a candidate fits a reconciliation query, on a 0–100 scale, and when it is a match. The rules, once:
 *
 * - Name: the query, folded like every search key (accents and case), against the candidate's name, aliases
 *   (acronyms, Spanish and English names) and id: 100 for the name or the id, 95 for an alias; otherwise the best
 *   of a prefix score (60–85 by how much of the name is typed) and the share of words in common (up to 85;
 *   "Ciudad de México" counts as the one word "CDMX").
 * - Score: 90% of the name score plus up to 10 for property conditions (their share that matches; all 10 when
 *   there are none), minus 25 for each condition the candidate contradicts (its city is another one), minus 30
 *   when the query asks its types only as a preference (`type_strict: "should"`) and the candidate has another.
 *   A query of conditions only scores by the share of conditions matched.
 * - Match: a candidate whose name, alias or id is exactly the query (or, without a query, an acronym or alias
 *   condition), that contradicts no condition and has an asked type, when no other candidate is all of that.
 */
import type { NodeKind } from '../../model/graph-model';
import { normalizeText } from '../../shared/text';
import { acronymKeys, kindOf, PropertyId } from './reconcile-model';
import type { Condition, ReconcileQuery } from './request';

/** What scoring needs of a candidate node; relations are read only for the conditions of its query. */
export interface CandidateFacts {
  id: string;
  name: string;
  kind: NodeKind;
  aliases: string[];
  /** The folded name (`sortKey`) and aliases (`aliasKeys`). */
  nameKey: string;
  aliasKeys: string[];
  status: string | null;
  /** The node's cities and countries, each as its id and folded names. */
  cities: string[][];
  countries: string[][];
  /** How many values of each relationship condition (partners, agreements, parties) the node has among its own. */
  related: Partial<Record<PropertyId, number>>;
}

export interface Feature {
  id: string;
  value: number | boolean;
}

export interface Scored {
  facts: CandidateFacts;
  score: number;
  /** Exact on a name, an alias or the id, contradicting nothing and of an asked type: a match if it is alone. */
  contender: boolean;
  features: Feature[];
}

const NAME_EXACT = 100;
const ALIAS_EXACT = 95;
const PREFIX_BASE = 60;
const PREFIX_RANGE = 25;
const WORDS_MAX = 85;
const NAME_WEIGHT = 0.9;
const CONDITIONS_WEIGHT = 10;
const CONTRADICTION = 25;
const OTHER_TYPE = 30;

/** Words that tell nothing apart ("Instituto de la ..."), in Spanish and English. */
const FILLER = new Set(['de', 'del', 'la', 'las', 'el', 'los', 'y', 'e', 'en', 'a', 'al', 'con', 'para', 'por']);
['the', 'of', 'and', 'for', 'in', 'at'].forEach((word) => FILLER.add(word));

/**
 * Abbreviations a spreadsheet writes for words a name spells out ("Tribunal Electoral CDMX" for the Tribunal
 * Electoral de la Ciudad de México): the spelt-out words count as the one abbreviation, on both sides.
 */
const ABBREVIATIONS: { words: [string, string]; as: string }[] = [
  { words: ['ciudad', 'mexico'], as: 'cdmx' },
  { words: ['estado', 'mexico'], as: 'edomex' },
];

function abbreviate(all: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const next = all[i + 1];
    const rule = ABBREVIATIONS.find(({ words: [first, second] }) => all[i] === first && next === second);
    // "Ciudad de México": the filler between the two words is dropped first.
    if (rule) {
      out.push(rule.as);
      i += 1;
    } else out.push(all[i] ?? '');
  }
  return out;
}

function words(key: string): string[] {
  const all = key.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const telling = all.filter((word) => !FILLER.has(word));
  return abbreviate(telling.length > 0 ? telling : all);
}

/** The share of words the two keys have in common (Dice), a typed word counting when a word begins with it. */
function wordOverlap(query: string[], candidate: string[]): number {
  if (query.length === 0 || candidate.length === 0) return 0;
  const left = [...candidate];
  let common = 0;
  for (const word of query) {
    let at = left.indexOf(word);
    let weight = 1;
    if (at < 0 && word.length >= 3) {
      at = left.findIndex((other) => other.startsWith(word));
      weight = 0.8;
    }
    if (at >= 0) {
      common += weight;
      left.splice(at, 1);
    }
  }
  return (2 * common) / (query.length + candidate.length);
}

/** 0–100: how close a folded query is to one folded name. */
export function keySimilarity(query: string, key: string): number {
  if (query === key) return NAME_EXACT;
  const prefix = key.startsWith(query) ? PREFIX_BASE + (PREFIX_RANGE * query.length) / key.length : 0;
  return Math.max(prefix, WORDS_MAX * wordOverlap(words(query), words(key)));
}

interface NameMatch {
  score: number;
  exact: boolean;
}

function nameMatch(text: string, facts: CandidateFacts): NameMatch {
  const query = normalizeText(text);
  if (query === facts.nameKey || text.trim() === facts.id) return { score: NAME_EXACT, exact: true };
  if (facts.aliasKeys.includes(query)) return { score: ALIAS_EXACT, exact: true };
  const best = Math.max(
    keySimilarity(query, facts.nameKey),
    ...facts.aliasKeys.map((key) => keySimilarity(query, key) * (ALIAS_EXACT / NAME_EXACT)),
  );
  return { score: best, exact: false };
}

type Outcome = 'matches' | 'contradicts' | 'unknown';

/** Whether the candidate has one of the condition's values, has others only, or has none known. */
function conditionOutcome(condition: Condition, facts: CandidateFacts): Outcome {
  const keys = new Set(condition.values.map((value) => value.key));
  const ids = new Set(condition.values.flatMap((value) => (value.id === null ? [] : [value.id])));
  const among = (candidates: string[]): Outcome =>
    candidates.length === 0 ? 'unknown' : candidates.some((key) => keys.has(key)) ? 'matches' : 'contradicts';
  const places = (known: string[][]): Outcome =>
    known.length === 0
      ? 'unknown'
      : known.some(([id, ...names]) => (id !== undefined && ids.has(id)) || names.some((name) => keys.has(name)))
        ? 'matches'
        : 'contradicts';
  switch (condition.property.id) {
    case PropertyId.ACRONYM:
      return among(acronymKeys(facts.name, facts.aliases));
    case PropertyId.ALIASES:
      return among([facts.nameKey, ...facts.aliasKeys]);
    case PropertyId.KIND:
      return condition.values.some((value) => kindOf(value.key) === facts.kind) ? 'matches' : 'contradicts';
    case PropertyId.STATUS:
      return among(facts.status === null ? [] : [normalizeText(facts.status)]);
    case PropertyId.CITY:
      return places(facts.cities);
    case PropertyId.COUNTRY:
      return places(facts.countries);
    default:
      return (facts.related[condition.property.id] ?? 0) > 0 ? 'matches' : 'unknown';
  }
}

/** Scores every candidate of one query (unsorted). */
export function scoreCandidates(query: ReconcileQuery, candidates: CandidateFacts[]): Scored[] {
  const identifying = query.conditions.filter(
    (condition) => condition.property.id === PropertyId.ACRONYM || condition.property.id === PropertyId.ALIASES,
  );
  return candidates.map((facts) => {
    const outcomes = query.conditions.map((condition) => conditionOutcome(condition, facts));
    const matched = outcomes.filter((outcome) => outcome === 'matches').length;
    const contradicted = outcomes.filter((outcome) => outcome === 'contradicts').length;
    const share = query.conditions.length === 0 ? 1 : matched / query.conditions.length;
    const typeMatch = query.kinds.length === 0 || query.kinds.includes(facts.kind);
    const name = query.text === null ? null : nameMatch(query.text, facts);
    const exact = name?.exact ?? identifying.some((condition) => conditionOutcome(condition, facts) === 'matches');
    const base = name === null ? 100 * share : NAME_WEIGHT * name.score + CONDITIONS_WEIGHT * share;
    const score = base - CONTRADICTION * contradicted - (typeMatch ? 0 : OTHER_TYPE);
    const features: Feature[] = [
      { id: 'name_exact', value: name?.exact ?? false },
      { id: 'name_similarity', value: round(name?.score ?? 0) },
      { id: 'properties_matched', value: round(share) },
      { id: 'properties_contradicted', value: contradicted },
      { id: 'type_match', value: typeMatch },
    ];
    return {
      facts,
      score: round(Math.min(100, Math.max(0, score))),
      contender: exact && contradicted === 0 && typeMatch,
      features,
    };
  });
}

const round = (value: number): number => Math.round(value * 100) / 100;
