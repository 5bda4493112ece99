/**
 * The document analysis: sentences, mentions of known nodes, new entity candidates, relations and stated
 * quantities, each tied to its sentence. Pure: no I/O; the known nodes are indexed once per analyzer.
 *
 * A document is read in three passes: (1) names in each sentence and the acronyms defined next to them;
 * (2) in order, what each remaining word refers to: acronyms defined anywhere in the document, new acronyms,
 * campuses, "la Comisión"-style references back, events; (3) relations and quantities.
 */
import { NodeKind, RelationType } from '../../../model/graph-model';
import { normalizeText } from '../../../shared/text';
import type {
  AnalysisContext,
  Analyzer,
  DocumentAnalysis,
  EntityCandidate,
  KnownEntity,
  Mention,
  SentenceAnalysis,
} from './analysis.types';
import { documentDay, sentenceDay } from './dates';
import { DocumentEntities } from './document-entities';
import { buildKnownIndex, type KnownName, type NameVia } from './known-index';
import {
  ANAPHOR_DETERMINERS,
  ARTICLES,
  ANAPHOR_HEADS,
  EVENT_NOUNS,
  isInstitutionHead,
  MONTHS,
  NAME_CONNECTORS,
  NON_ACRONYMS,
  WEEKDAYS,
} from './lexicon';
import type { NameIndex } from './name-index';
import { wordPositions } from './name-index';
import { capitalisedRun, findNames, type NameFind, type SentenceText } from './names';
import { placeIndex } from './places';
import { findQuantities } from './quantities';
import { kindOf, sameReferent, toCandidateRef, type Ref, type Referent, type RefVia } from './references';
import { findRelations, type FoundRelation } from './relations';
import { splitSentences } from './sentences';
import { isAcronym, isRomanNumeral, startsUpper, textBetween, tokenize, type Token } from './tokens';

const MENTION_CONFIDENCE: Record<RefVia, number> = {
  name: 0.95,
  alias: 0.9,
  'document alias': 0.8,
  'partial name': 0.7,
  anaphora: 0.6,
  'new name': 0.8,
  event: 0.5,
};
const VIA_ORDER: readonly NameVia[] = ['name', 'alias', 'partial name'];
const NEW_ACRONYM_CONFIDENCE = 0.5;
const CAMPUS_CONFIDENCE = 0.6;
const DEFINED_ACRONYM_BONUS = 0.1;

interface SentenceWork extends SentenceText {
  index: number;
  start: number;
  refs: Ref[];
  /** Tokens already part of a reference (or of an acronym's definition). */
  covered: boolean[];
  /** Relations read while finding references (a campus is part of its university). */
  relations: FoundRelation[];
}

export function createAnalyzer(known: readonly KnownEntity[]): Analyzer {
  const index = buildKnownIndex(known);
  const namesById = new Map(known.map((node) => [node.id, [node.name, ...node.aliases].map(normalizeText)]));
  // Parts by each of their names, for bare names the index did not take ("Consejo General" before "del X").
  const parts = new Map<string, KnownName[]>();
  for (const node of known)
    if (node.kind === NodeKind.UNIT || node.kind === NodeKind.COMMISSION)
      for (const name of [node.name, ...node.aliases]) {
        const key = normalizeText(name);
        parts.set(key, [...(parts.get(key) ?? []), { id: node.id, kind: node.kind, name: node.name, via: 'alias' }]);
      }
  placeIndex(); // built once, before the first document
  return { analyze: (text, context) => analyzeDocument(text, index, { namesById, parts }, context ?? {}) };
}

/** All names of a known node, folded. */
type NamesById = ReadonlyMap<string, readonly string[]>;
interface KnownLookups {
  namesById: NamesById;
  /** Known parts (units, commissions) by each folded name. */
  parts: ReadonlyMap<string, readonly KnownName[]>;
}

function analyzeDocument(
  text: string,
  known: NameIndex<KnownName>,
  lookups: KnownLookups,
  context: AnalysisContext,
): DocumentAnalysis {
  const entities = new DocumentEntities();
  const sentences: SentenceWork[] = splitSentences(text).map((sentence, index) => {
    const tokens = tokenize(sentence.text);
    return {
      ...sentence,
      index,
      tokens,
      words: wordPositions(tokens),
      refs: [],
      covered: tokens.map(() => false),
      relations: [],
    };
  });
  for (const sentence of sentences) readNames(sentence, known, entities, lookups);
  const firstByHead = new Map<string, Referent>();
  const events: NamedEvents = { last: undefined };
  for (const sentence of sentences) readReferences(sentence, entities, firstByHead, events);
  resolveShortForms(sentences, lookups.namesById);
  const principal = sentences
    .flatMap((sentence) => sentence.refs)
    .find((ref) => kindOf(ref.referent) === NodeKind.ORGANIZATION)?.referent;
  const universities = sentences
    .flatMap((sentence) => sentence.refs)
    .filter((ref) => kindOf(ref.referent) === NodeKind.UNIVERSITY);
  // "el rector" without a body is the rector of the document's university, when it names only one.
  const university = universities.every((ref) => sameReferent(ref.referent, universities[0]?.referent ?? ref.referent))
    ? universities[0]?.referent
    : undefined;
  const signers: Referent[] = [];
  const relations = sentences.map((sentence) => [
    ...sentence.relations,
    ...findRelations({
      text: sentence.text,
      tokens: sentence.tokens,
      refs: sentence.refs,
      principal,
      university,
      signers,
    }),
  ]);
  const day = documentDay(text, context.publishedAt);
  // Rendered last: relations may still settle a candidate's kind (a body with a faculty is a university).
  return {
    sentences: sentences.map((sentence, k): SentenceAnalysis => ({
      index: sentence.index,
      text: sentence.text,
      start: sentence.start,
      mentions: mentionsOf(sentence),
      candidates: candidatesOf(sentence),
      relations: (relations[k] ?? []).map((relation) => {
        const periodStart = sentenceDay(normalizeText(sentence.text), day);
        return {
          type: relation.type,
          source: toCandidateRef(relation.source),
          target: toCandidateRef(relation.target),
          cue: relation.cue,
          confidence: relation.confidence,
          ...(periodStart ? { periodStart } : {}),
        };
      }),
      quantities: findQuantities(sentence.text, sentence.tokens, insideNames(sentence)),
    })),
  };
}

const contentWords = (name: string): string[] =>
  normalizeText(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !ARTICLES.has(word) && !NAME_CONNECTORS.has(word));

/** Whether the words of `short` (two or more, same first word) appear in order in `long`. */
function shortens(short: readonly string[], long: readonly string[]): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let k = 0;
  for (const word of long) if (word === short[k]) k++;
  return k === short.length;
}

/**
 * "el Instituto Electoral" in a document about the Instituto Electoral de la Ciudad de México: a new name that
 * shortens the name of exactly one known node the document mentions is that node, not a new organization.
 */
function resolveShortForms(sentences: readonly SentenceWork[], namesById: NamesById): void {
  const mentioned = new Map<string, KnownName>();
  for (const sentence of sentences)
    for (const ref of sentence.refs) if (ref.referent.known) mentioned.set(ref.referent.known.id, ref.referent.known);
  const known = [...mentioned.values()].map((name) => ({
    name,
    words: (namesById.get(name.id) ?? [normalizeText(name.name)]).map(contentWords),
  }));
  for (const sentence of sentences)
    for (const ref of sentence.refs) {
      const candidate = ref.referent.candidate;
      if (!candidate || candidate.kind === NodeKind.PERSON) continue;
      const words = contentWords(candidate.name);
      const matches = known.filter((k) => k.words.some((long) => shortens(words, long)));
      const [only] = matches;
      if (only && matches.length === 1) {
        ref.referent = { known: { ...only.name, via: 'partial name' } };
        ref.via = 'anaphora';
        ref.confidence = MENTION_CONFIDENCE.anaphora;
      }
    }
}

/** Whether a token belongs to the name of a node or candidate (not of an event). */
function insideNames(sentence: SentenceWork): (i: number) => boolean {
  const inside = new Set<number>();
  for (const ref of sentence.refs) if (!ref.referent.event) for (let i = ref.first; i <= ref.last; i++) inside.add(i);
  return (i) => inside.has(i);
}

function cover(sentence: SentenceWork, first: number, last: number): void {
  for (let i = first; i <= last; i++) sentence.covered[i] = true;
}

function addRef(sentence: SentenceWork, ref: Ref): void {
  sentence.refs.push(ref);
  cover(sentence, ref.first, ref.last);
}

/** The node a known name stands for: the node named over one it is an alias of; ties lower the confidence. */
function pickKnown(names: readonly KnownName[]): { name: KnownName; confidence: number } | undefined {
  const ordered = [...names].sort((a, b) => VIA_ORDER.indexOf(a.via) - VIA_ORDER.indexOf(b.via));
  const [best] = ordered;
  if (!best) return undefined;
  const rivals = new Set(ordered.filter((n) => n.via === best.via).map((n) => n.id));
  const confidence = MENTION_CONFIDENCE[best.via] * (rivals.size > 1 ? 0.5 : 1);
  return { name: best, confidence };
}

/** Position of a token among the word tokens (which are sorted), or -1. */
function wordIndexOf(words: readonly number[], token: number): number {
  let [low, high] = [0, words.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((words[mid] ?? Infinity) < token) low = mid + 1;
    else high = mid;
  }
  return words[low] === token ? low : -1;
}

interface DefinedAcronym {
  text: string;
  /** Token index of the closing parenthesis. */
  close: number;
}

/**
 * An acronym in parentheses right after a name: "(IECM)", "(Indetec)", "(IEPC Jalisco)"; not "(Argentina)".
 */
function definedAcronym(sentence: SentenceWork, last: number, name: string): DefinedAcronym | undefined {
  const { tokens } = sentence;
  const [open, acronym] = [tokens[last + 1], tokens[last + 2]];
  if (open?.text !== '(' || !acronym || acronym.type !== 'word') return undefined;
  if (acronym.text.length > 12 || !startsUpper(acronym)) return undefined;
  // An acronym may carry a place: "(IEPC Jalisco)".
  const close =
    tokens[last + 3]?.text === ')'
      ? last + 3
      : startsUpper(tokens[last + 3]) && tokens[last + 4]?.text === ')'
        ? last + 4
        : undefined;
  if (close === undefined || (close === last + 4 && !isAcronym(acronym.text))) return undefined;
  const initialMatches = normalizeText(acronym.text).charAt(0) === normalizeText(name).charAt(0);
  if (!isAcronym(acronym.text) && !initialMatches) return undefined;
  if (placeIndex().longestAt(tokens, sentence.words, wordIndexOf(sentence.words, last + 2))) return undefined;
  return { text: textBetween(sentence.text, tokens, last + 2, close - 1), close };
}

/** The acronym in parentheses that gave a name away ("la Intercultural de Chiapas (Unich)"). */
function givenAcronym(sentence: SentenceWork, find: NameFind): DefinedAcronym | undefined {
  const acronym = sentence.tokens[find.last + 2];
  if (!find.definesAcronym || !acronym) return undefined;
  return { text: acronym.text, close: find.last + 3 };
}

/** Pass 1: names found in the sentence, and acronyms defined beside them. */
function readNames(
  sentence: SentenceWork,
  known: NameIndex<KnownName>,
  entities: DocumentEntities,
  { namesById, parts }: KnownLookups,
): void {
  const finds = findNames(sentence, known);
  const findStarts = new Set(finds.map((find) => find.first));
  const findAt = new Map(finds.map((find) => [find.first, find]));
  for (const found of finds) {
    // A new name that is the name of a known part ("Consejo General"): that part, unless another owner follows.
    const part = found.known ? undefined : parts.get(normalizeText(found.name ?? ''));
    const find: NameFind = part ? { ...found, source: 'known', known: [...part] } : found;
    if (find.known) {
      const picked = pickKnown(find.known);
      if (!picked) continue;
      const other = otherOwner(sentence, find, picked.name, findAt, namesById);
      if (other) {
        // "Consejo General del INE" is not the known "Consejo General (del IECM)": a body of its own.
        const entity = entities.add(other, picked.name.kind, MENTION_CONFIDENCE['new name']);
        addRef(sentence, {
          first: find.first,
          last: find.last,
          referent: { candidate: entity },
          via: 'new name',
          confidence: MENTION_CONFIDENCE['new name'],
        });
        continue;
      }
      addRef(sentence, {
        first: find.first,
        last: find.last,
        referent: { known: picked.name },
        via: picked.name.via,
        confidence: picked.confidence,
      });
      // "Instituto Nacional Electoral (INE)" where the graph lacks the acronym: it names the node from now on.
      const acronym = definedAcronym(sentence, find.last, picked.name.name);
      if (acronym && !findStarts.has(find.last + 2)) entities.addKnownAlias(picked.name, acronym.text);
      continue;
    }
    if (!find.name || !find.kind) continue;
    const acronym = definedAcronym(sentence, find.last, find.name) ?? givenAcronym(sentence, find);
    const confidence = find.confidence + (acronym ? DEFINED_ACRONYM_BONUS : 0);
    const entity = entities.add(find.name, find.kind, confidence);
    addRef(sentence, {
      first: find.first,
      last: find.last,
      referent: { candidate: entity },
      via: 'new name',
      confidence,
    });
    if (acronym) {
      entities.addAlias(entity, acronym.text);
      cover(sentence, find.last + 1, acronym.close);
    }
  }
}

/**
 * For a part known by a generic alias ("Consejo General") followed by "del/de la" and another body that is
 * not its owner ("… del INE" where the graph's is the IECM's): the full name of that other part.
 */
function otherOwner(
  sentence: SentenceWork,
  find: NameFind,
  name: KnownName,
  findAt: ReadonlyMap<number, NameFind>,
  namesById: NamesById,
): string | undefined {
  if (name.via !== 'alias' || (name.kind !== NodeKind.UNIT && name.kind !== NodeKind.COMMISSION)) return undefined;
  const { tokens } = sentence;
  const genitive = tokens[find.last + 1]?.norm ?? '';
  if (genitive !== 'de' && genitive !== 'del') return undefined;
  const ownerAt = ARTICLES_AFTER_DE.has(tokens[find.last + 2]?.norm ?? '') ? find.last + 3 : find.last + 2;
  const owner = findAt.get(ownerAt);
  if (!owner || owner.source === 'place' || owner.source === 'person') return undefined;
  const partNames = namesById.get(name.id) ?? [];
  const ownerNames = owner.known
    ? owner.known.flatMap((k) => namesById.get(k.id) ?? [])
    : [normalizeText(owner.name ?? '')];
  const inside = (whole: string, part: string): boolean => part.length > 0 && ` ${whole} `.includes(` ${part} `);
  if (ownerNames.some((o) => partNames.some((p) => inside(p, o)))) return undefined;
  return textBetween(sentence.text, tokens, find.first, owner.last);
}

const ARTICLES_AFTER_DE = new Set(['la', 'los', 'las']);

const headOf = (referent: Referent): string =>
  normalizeText(referent.known?.name ?? referent.candidate?.name ?? '').split(' ')[0] ?? '';

/** Pass 2, in document order: references not found by name alone. */
/** The last event the document called by a name ("el Foro Regional de …"), for "el foro" further on. */
interface NamedEvents {
  last: Referent | undefined;
}

function readReferences(
  sentence: SentenceWork,
  entities: DocumentEntities,
  firstByHead: Map<string, Referent>,
  events: NamedEvents,
): void {
  const { tokens, words } = sentence;
  // Names and acronyms of entities this document introduces, and acronyms it defines for known nodes.
  for (let at = 0; at < words.length; at++) {
    if (sentence.covered[words[at] ?? -1]) continue;
    const match = entities.names.longestAt(tokens, words, at);
    const [referent] = match?.values ?? [];
    if (!match || !referent || sentence.covered.slice(match.first, match.last + 1).some(Boolean)) continue;
    addRef(sentence, {
      first: match.first,
      last: match.last,
      referent,
      via: 'document alias',
      confidence: MENTION_CONFIDENCE['document alias'],
    });
  }
  readNewAcronyms(sentence, entities);
  readCampuses(sentence, entities);
  sentence.refs.sort((a, b) => a.first - b.first);
  // References back ("la Comisión", "del Instituto") to the first body of that kind the document named.
  const named = [...sentence.refs];
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    for (let ref = named[next]; ref && ref.first <= i; ref = named[++next]) {
      const head = headOf(ref.referent);
      if (head && !firstByHead.has(head)) firstByHead.set(head, ref.referent);
    }
    if (sentence.covered[i]) continue;
    const anaphor = anaphorAt(tokens, i);
    const referent = anaphor ? firstByHead.get(anaphor) : undefined;
    if (referent)
      addRef(sentence, { first: i, last: i, referent, via: 'anaphora', confidence: MENTION_CONFIDENCE.anaphora });
    else readEvent(sentence, i, events);
  }
  sentence.refs.sort((a, b) => a.first - b.first);
}

/** A bare head after a determiner, not followed by more of a name: "la Comisión,", "del Instituto en…". */
function anaphorAt(tokens: readonly Token[], i: number): string | undefined {
  const [before, token, after, afterNext] = [tokens[i - 1], tokens[i], tokens[i + 1], tokens[i + 2]];
  if (!token || !startsUpper(token) || !ANAPHOR_HEADS.has(token.norm) || !ANAPHOR_DETERMINERS.has(before?.norm ?? ''))
    return undefined;
  if (startsUpper(after) || (after && NAME_CONNECTORS.has(after.norm) && startsUpper(afterNext))) return undefined;
  return token.norm;
}

/** The capitalised run from `from`, cut before the first word another reference holds. */
function uncoveredRun(sentence: SentenceWork, from: number): number {
  const last = capitalisedRun(sentence.tokens, from) ?? from;
  let end = from;
  for (let k = from + 1; k <= last && !sentence.covered[k]; k++) if (startsUpper(sentence.tokens[k])) end = k;
  return end;
}

/** "stands", "giras", "Misiones de Acompañamiento": events a relation may start from. */
function readEvent(sentence: SentenceWork, i: number, events: NamedEvents): void {
  const token = sentence.tokens[i];
  if (!token || token.type !== 'word' || !EVENT_NOUNS.has(token.norm)) return;
  const titled = titledEvent(sentence, i);
  if (titled) {
    events.last = { event: titled.name };
    addRef(sentence, {
      first: i,
      last: titled.last,
      referent: events.last,
      via: 'event',
      confidence: MENTION_CONFIDENCE.event,
    });
    return;
  }
  const last = startsUpper(token) ? uncoveredRun(sentence, i) : i;
  // "El encuentro se realizó…" after "el Foro Regional de …": a bare event noun with a definite article
  // refers back to the last event the document named (a name of two words or more).
  if (last === i && events.last && BACK_REFERENCE_DETERMINERS.has(sentence.tokens[i - 1]?.norm ?? '')) {
    addRef(sentence, {
      first: i,
      last,
      referent: events.last,
      via: 'anaphora',
      confidence: MENTION_CONFIDENCE.anaphora,
    });
    return;
  }
  const name = textBetween(sentence.text, sentence.tokens, i, last);
  const referent: Referent = { event: name };
  if (last > i) events.last = referent;
  addRef(sentence, { first: i, last, referent, via: 'event', confidence: MENTION_CONFIDENCE.event });
}

/** Determiners that point back to something already named: "el foro", "dicho encuentro". */
const BACK_REFERENCE_DETERMINERS = new Set(['el', 'la', 'del', 'al', 'este', 'esta', 'dicho', 'dicha']);

/** "pláticas virtuales titulado “Nombre”": the event is called by the quoted title. */
function titledEvent(sentence: SentenceWork, i: number): { name: string; last: number } | undefined {
  const { tokens } = sentence;
  for (let k = i + 1; k <= i + 3; k++) {
    if (!/^(titulad|denominad|llamad)[oa]s?$/.test(tokens[k]?.norm ?? '')) continue;
    const open = tokens[k + 1];
    if (!open || !/^[“"«]$/.test(open.text)) return undefined;
    for (let close = k + 2; close < Math.min(tokens.length, k + 40); close++)
      if (/^[”"»]$/.test(tokens[close]?.text ?? '')) {
        const name = textBetween(sentence.text, tokens, k + 2, close - 1);
        return name ? { name, last: close } : undefined;
      }
    return undefined;
  }
  return undefined;
}

/** Acronyms no one defined: "la UNAM a través de…" names an organization the graph lacks. */
function readNewAcronyms(sentence: SentenceWork, entities: DocumentEntities): void {
  const letters = sentence.text.match(/\p{L}/gu)?.length ?? 0;
  const capitals = sentence.text.match(/\p{Lu}/gu)?.length ?? 0;
  if (capitals > letters / 2) return; // a headline in capitals is not a row of acronyms
  sentence.tokens.forEach((token, i) => {
    if (sentence.covered[i] || token.type !== 'word') return;
    const capitals = /^\p{Lu}{3,10}$/u.test(token.text);
    // "UdeC", "Unach": mixed case reads as an acronym only when it abbreviates a body the document names.
    const mixed = !capitals && /^\p{Lu}\p{Ll}{0,3}\p{Lu}\p{L}{0,4}$/u.test(token.text);
    if ((!capitals && !mixed) || isRomanNumeral(token.text) || NON_ACRONYMS.has(token.text)) return;
    if (MONTHS.has(token.norm) || WEEKDAYS.has(token.norm)) return;
    // An acronym no one defined that abbreviates a body the document names is that body ("IETAM").
    const abbreviated = entities.abbreviated(token.text);
    if (abbreviated) entities.addAlias(abbreviated, token.text);
    if (!abbreviated && !capitals) return;
    const entity = abbreviated ?? entities.add(token.text, NodeKind.ORGANIZATION, NEW_ACRONYM_CONFIDENCE);
    addRef(sentence, {
      first: i,
      last: i,
      referent: { candidate: entity },
      via: 'new name',
      confidence: NEW_ACRONYM_CONFIDENCE,
    });
  });
}

/** "la UAM Iztapalapa": a university followed by a place word names one of its campuses. */
function readCampuses(sentence: SentenceWork, entities: DocumentEntities): void {
  const replaced = new Set<Ref>();
  for (const ref of [...sentence.refs]) {
    const next = sentence.tokens[ref.last + 1];
    if (kindOf(ref.referent) !== NodeKind.UNIVERSITY || !next || sentence.covered[ref.last + 1]) continue;
    if (!startsUpper(next) || isAcronym(next.text) || isInstitutionHead(next.norm)) continue;
    const last = uncoveredRun(sentence, ref.last + 1);
    const name = textBetween(sentence.text, sentence.tokens, ref.first, last);
    const campus = entities.add(name, NodeKind.FACULTY, CAMPUS_CONFIDENCE);
    replaced.add(ref);
    addRef(sentence, {
      first: ref.first,
      last,
      referent: { candidate: campus },
      via: 'new name',
      confidence: CAMPUS_CONFIDENCE,
    });
    sentence.relations.push({
      type: RelationType.PART_OF,
      source: { candidate: campus },
      target: ref.referent,
      cue: name,
      confidence: CAMPUS_CONFIDENCE,
    });
  }
  if (replaced.size > 0) sentence.refs = sentence.refs.filter((ref) => !replaced.has(ref));
}

function mentionsOf(sentence: SentenceWork): Mention[] {
  return sentence.refs.flatMap((ref) => {
    const [first, last] = [sentence.tokens[ref.first], sentence.tokens[ref.last]];
    if (!ref.referent.known || !first || !last) return [];
    return [
      {
        text: sentence.text.slice(first.start, last.end),
        start: first.start,
        end: last.end,
        nodeId: ref.referent.known.id,
        confidence: ref.confidence,
      },
    ];
  });
}

function candidatesOf(sentence: SentenceWork): EntityCandidate[] {
  return sentence.refs.flatMap((ref) => {
    const entity = ref.referent.candidate;
    const [first, last] = [sentence.tokens[ref.first], sentence.tokens[ref.last]];
    if (!entity || ref.via === 'anaphora' || !first || !last) return [];
    return [
      {
        name: entity.name,
        kind: entity.kind,
        aliases: [...entity.aliases],
        start: first.start,
        end: last.end,
        confidence: ref.confidence,
      },
    ];
  });
}
