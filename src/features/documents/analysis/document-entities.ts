/**
 * The entities one document introduces, shared by all its sentences: a short form ("Comisión de Vinculación
 * Institucional" in the headline) joins the full name given later, and an acronym defined anywhere
 * ("… (COVIN)") names its entity in every sentence, the headline included.
 */
import { NodeKind } from '../../../model/graph-model';
import { normalizeText } from '../../../shared/text';
import { partialNames, type KnownName } from './known-index';
import { ARTICLES, NAME_CONNECTORS } from './lexicon';
import { NameIndex } from './name-index';
import type { DocumentEntity, Referent } from './references';

const contentWords = (name: string): string[] =>
  normalizeText(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !ARTICLES.has(word) && !NAME_CONNECTORS.has(word));

/** Whether the words of `short` appear in `long` in order, and `short` says enough to be that name. */
function isShortFormOf(short: string[], long: string[]): boolean {
  if (short.length < 3 || short.length >= long.length || short[0] !== long[0]) return false;
  let k = 0;
  for (const word of long) if (word === short[k]) k++;
  return k === short.length;
}

/**
 * Whether an acronym nobody defined abbreviates a name: each letter starts a word of the name in order, or
 * goes on the letters of the word it started ("IETAM" Instituto Electoral de TAMaulipas, "UdeC" Universidad
 * de Colima). Connectors may be skipped anywhere, and two words at the end ("IEPAC … de Yucatán").
 */
export function abbreviates(acronym: string, name: string): boolean {
  const letters = normalizeText(acronym).replace(/[^\p{L}]/gu, '');
  const words = normalizeText(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (letters.length < 2 || words.length < 2) return false;
  const skippable = (w: number): boolean => {
    const word = words[w] ?? '';
    return ARTICLES.has(word) || NAME_CONNECTORS.has(word);
  };
  // at: next letter; w: next word; c: position in the current word (0 when none has started).
  const match = (at: number, w: number, c: number): boolean => {
    // A place may close the name unabbreviated: "de Yucatán".
    if (at === letters.length) return words.length - w <= 2;
    const letter = letters[at];
    const current = words[w - 1] ?? '';
    // Not in the first word: "UNAM" does not abbreviate "UNiversidad Autónoma Metropolitana".
    if (c > 0 && w > 1 && current[c] === letter && match(at + 1, w, c + 1)) return true;
    for (let k = w; k < words.length; k++) {
      if (words[k]?.[0] === letter && match(at + 1, k + 1, 1)) return true;
      if (!skippable(k)) return false;
    }
    return false;
  };
  return words[0]?.[0] === letters[0] && match(1, 1, 1);
}

export class DocumentEntities {
  private readonly byName = new Map<string, DocumentEntity>();
  private readonly all: DocumentEntity[] = [];
  /** Entities by kind and first word: only these can be short or long forms of each other. */
  private readonly byHead = new Map<string, DocumentEntity[]>();
  /** Names, aliases and partial names of the document's entities, and acronyms it defines for known nodes. */
  readonly names = new NameIndex<Referent>();
  /** Names already in `names`, with the entity they were indexed for. */
  private readonly indexed = new Set<string>();
  private readonly knownAliases = new Set<string>();

  /** The entity with this name, a short or long form of it, or a new one. */
  add(name: string, kind: NodeKind, confidence: number): DocumentEntity {
    const key = normalizeText(name);
    const existing = this.byName.get(key);
    if (existing) {
      existing.confidence = Math.max(existing.confidence, confidence);
      return existing;
    }
    const words = contentWords(name);
    const headKey = `${kind} ${words[0] ?? ''}`;
    const sameHead = this.byHead.get(headKey) ?? [];
    const related = sameHead.filter(
      (entity) => isShortFormOf(words, contentWords(entity.name)) || isShortFormOf(contentWords(entity.name), words),
    );
    const [same] = related;
    if (same && related.length === 1) {
      if (words.length > contentWords(same.name).length) {
        same.aliases.add(same.name);
        same.name = name;
      } else same.aliases.add(name);
      this.remember(name, same);
      return same;
    }
    const entity: DocumentEntity = { name, kind, aliases: new Set(), confidence };
    this.all.push(entity);
    sameHead.push(entity);
    this.byHead.set(headKey, sameHead);
    this.remember(name, entity);
    if (kind === NodeKind.PERSON)
      for (const partial of partialNames(name)) this.names.add(partial, { candidate: entity }, 'all');
    return entity;
  }

  /** The one body of the document that an undefined acronym abbreviates, if exactly one. */
  abbreviated(acronym: string): DocumentEntity | undefined {
    const found = this.all.filter((entity) => entity.kind !== NodeKind.PERSON && abbreviates(acronym, entity.name));
    return found.length === 1 ? found[0] : undefined;
  }

  addAlias(entity: DocumentEntity, alias: string): void {
    if (normalizeText(alias) === normalizeText(entity.name)) return;
    entity.aliases.add(alias);
    this.remember(alias, entity);
  }

  /** An acronym the document gives a known node: "Instituto Nacional Electoral (INE)". */
  addKnownAlias(known: KnownName, alias: string): void {
    const key = `${known.id} ${alias}`;
    if (this.knownAliases.has(key)) return;
    this.knownAliases.add(key);
    this.names.add(alias, { known }, 'first');
  }

  // A long document repeats its names: each is indexed once, or the index's buckets grow (and re-sort) with the text.
  private remember(name: string, entity: DocumentEntity): void {
    const key = normalizeText(name);
    if (this.byName.get(key) === entity && this.indexed.has(`${key} ${name}`)) return;
    this.byName.set(key, entity);
    this.indexed.add(`${key} ${name}`);
    this.names.add(name, { candidate: entity }, 'first');
  }
}
