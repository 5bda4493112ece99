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

export class DocumentEntities {
  private readonly byName = new Map<string, DocumentEntity>();
  /** Entities by kind and first word: only these can be short or long forms of each other. */
  private readonly byHead = new Map<string, DocumentEntity[]>();
  /** Names, aliases and partial names of the document's entities, and acronyms it defines for known nodes. */
  readonly names = new NameIndex<Referent>();

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
    sameHead.push(entity);
    this.byHead.set(headKey, sameHead);
    this.remember(name, entity);
    if (kind === NodeKind.PERSON)
      for (const partial of partialNames(name)) this.names.add(partial, { candidate: entity }, 'all');
    return entity;
  }

  addAlias(entity: DocumentEntity, alias: string): void {
    if (normalizeText(alias) === normalizeText(entity.name)) return;
    entity.aliases.add(alias);
    this.remember(alias, entity);
  }

  /** An acronym the document gives a known node: "Instituto Nacional Electoral (INE)". */
  addKnownAlias(known: KnownName, alias: string): void {
    this.names.add(alias, { known }, 'first');
  }

  private remember(name: string, entity: DocumentEntity): void {
    this.byName.set(normalizeText(name), entity);
    this.names.add(name, { candidate: entity }, 'first');
  }
}
