/** The known nodes, indexed once by name, aliases and (for people) first name plus first surname. */
import { NodeKind } from '../../../model/graph-model';
import type { KnownEntity } from './analysis.types';
import { ARTICLES, NAME_CONNECTORS } from './lexicon';
import { NameIndex, type CapitalRule } from './name-index';
import { isAcronym, tokenize } from './tokens';

export type NameVia = 'name' | 'alias' | 'partial name';

export interface KnownName {
  id: string;
  kind: NodeKind;
  /** The node's name (not the alias that matched). */
  name: string;
  via: NameVia;
}

/** Descriptive names ("Eventos institucionales") only name the node when written as a name. */
const DESCRIPTIVE_KINDS = new Set([NodeKind.EVENT, NodeKind.GROUP, NodeKind.REPORT, NodeKind.AGREEMENT]);

function capitalRule(kind: NodeKind, name: string): CapitalRule {
  if (kind === NodeKind.PERSON) return 'all';
  if (DESCRIPTIVE_KINDS.has(kind) || !/\s/.test(name.trim())) return 'first';
  return 'none';
}

/** A lone article or connector is never a name, whatever a node's aliases say; an acronym ("LA") may be. */
function isUsableName(name: string): boolean {
  const words = tokenize(name).filter((token) => token.type !== 'punct');
  const [only] = words;
  if (!only) return false;
  if (words.length > 1 || isAcronym(only.text)) return true;
  return !ARTICLES.has(only.norm) && !NAME_CONNECTORS.has(only.norm);
}

/**
 * "Sonia Pérez Pérez" -> "Sonia Pérez"; "Cecilia Aída Hernández Cruz" -> "Cecilia Hernández",
 * "Cecilia Aída Hernández", "Cecilia Hernández Cruz". Only for plain names of three or four words.
 */
export function partialNames(fullName: string): string[] {
  const parts = fullName.trim().split(/\s+/);
  if (parts.some((part) => !/^\p{Lu}/u.test(part))) return [];
  const [given, second, third, fourth] = parts;
  if (!given || !second || !third) return [];
  if (parts.length === 3) return [`${given} ${second}`];
  if (parts.length === 4 && fourth)
    return [`${given} ${third}`, `${given} ${second} ${third}`, `${given} ${third} ${fourth}`];
  return [];
}

export function buildKnownIndex(known: readonly KnownEntity[]): NameIndex<KnownName> {
  const index = new NameIndex<KnownName>();
  // A partial name shared by two people names neither.
  const partialOwners = new Map<string, Set<string>>();
  const partials: { text: string; name: KnownName }[] = [];
  for (const entity of known) {
    const base = { id: entity.id, kind: entity.kind, name: entity.name };
    const seen = new Set<string>();
    const add = (text: string, via: NameVia): void => {
      const key = text.trim().toLowerCase();
      if (seen.has(key) || !isUsableName(text)) return;
      seen.add(key);
      index.add(text, { ...base, via }, capitalRule(entity.kind, text));
    };
    add(entity.name, 'name');
    for (const alias of entity.aliases) add(alias, 'alias');
    if (entity.kind !== NodeKind.PERSON) continue;
    for (const text of [entity.name, ...entity.aliases].flatMap(partialNames)) {
      const owners = partialOwners.get(text.toLowerCase()) ?? new Set<string>();
      partialOwners.set(text.toLowerCase(), owners.add(entity.id));
      partials.push({ text, name: { ...base, via: 'partial name' } });
    }
  }
  for (const { text, name } of partials)
    if ((partialOwners.get(text.toLowerCase())?.size ?? 0) === 1) index.add(text, name, 'all');
  return index;
}
