/**
 * The answers of the reconciliation service (API 0.2): candidates for a batch of queries, suggestions, proposed
 * properties and data extension. HTTP is reconcile.routes.ts; scoring rules are scoring.ts.
 */
import type { Database } from '../../db/database';
import { labelOf, NodeKind, SLUG_PATTERN } from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText } from '../../shared/text';
import { findNodesByIds } from '../nodes/node.repository';
import { searchNodes, toLuceneQuery } from '../search/search.repository';
import {
  findCandidates,
  findExtensionRows,
  relatedValues,
  textProbe,
  type EntityRef,
  type ExtensionRow,
  type Probe,
} from './reconcile.repository';
import {
  acronymKeys,
  appliesTo,
  isAcronym,
  PROPERTIES,
  PropertyId,
  TYPES,
  type ReconcileProperty,
  type ReconcileType,
} from './reconcile-model';
import type { ExtendQuery, ReconcileQuery } from './request';
import { scoreCandidates, type Feature, type Scored } from './scoring';

export interface TypeRef {
  id: string;
  name: string;
}

export interface Candidate {
  id: string;
  name: string;
  description: string;
  score: number;
  match: boolean;
  type: TypeRef[];
  features: Feature[];
}

export const typeRef = (kind: NodeKind): TypeRef => ({ id: kind, name: labelOf(kind) });

/** "Organization · IECM, Electoral Institute of Mexico City": the kind and a few other names, to tell namesakes apart. */
function describe(kind: NodeKind, aliases: readonly string[]): string {
  const others = aliases.slice(0, 3).join(', ');
  return others ? `${labelOf(kind)} · ${others}` : labelOf(kind);
}

/** The probes of one query: its text, or without one the values of its acronym and alias conditions. */
function probesOf(query: ReconcileQuery): Probe[] {
  // A node has one kind: "all" of several types is nobody. A blank or overlong cell finds nobody either.
  if (query.unanswerable !== undefined || (query.typeStrict === 'all' && query.kinds.length > 1)) return [];
  const related = (id: PropertyId): Probe['partners'] => {
    const values = query.conditions.filter((condition) => condition.property.id === id).flatMap((c) => c.values);
    return values.length > 0 ? relatedValues(values) : null;
  };
  const settings = {
    kinds: query.typeStrict !== 'should' && query.kinds.length > 0 ? query.kinds : null,
    // Exact names sort first among the names beginning with the query: the cap keeps every namesake.
    prefixCap: query.limit + 10,
    fill: Math.min(60, Math.max(20, 3 * query.limit)),
    places: query.conditions.some(
      (condition) => condition.property.id === PropertyId.CITY || condition.property.id === PropertyId.COUNTRY,
    ),
    partners: related(PropertyId.PARTNERS),
    agreements: related(PropertyId.AGREEMENTS),
    parties: related(PropertyId.PARTIES),
  };
  if (query.text !== null) return [textProbe(query.key, query.text, settings)];
  return query.conditions
    .filter((condition) => [PropertyId.ACRONYM, PropertyId.ALIASES].includes(condition.property.id))
    .flatMap((condition) => condition.values.map((value) => textProbe(query.key, value.key, settings)));
}

function toCandidate(scored: Scored, match: boolean): Candidate {
  const { facts } = scored;
  return {
    id: facts.id,
    name: facts.name,
    description: describe(facts.kind, facts.aliases),
    score: scored.score,
    match,
    type: [typeRef(facts.kind)],
    features: scored.features,
  };
}

/** Best first: score, then a contender before a namesake that is not one, then name and id for a stable order. */
function byRank(a: Scored, b: Scored): number {
  return (
    b.score - a.score ||
    Number(b.contender) - Number(a.contender) ||
    a.facts.nameKey.localeCompare(b.facts.nameKey) ||
    a.facts.id.localeCompare(b.facts.id)
  );
}

/** The reconciliation result batch: every query's best candidates, in one Cypher round trip for the whole batch. */
export async function reconcileBatch(
  db: Database,
  queries: ReconcileQuery[],
): Promise<Record<string, { result: Candidate[] }>> {
  const candidates = await findCandidates(db, queries.flatMap(probesOf));
  // Keys are the client's: a null prototype makes "__proto__" an ordinary key, answered like any other.
  const answer: Record<string, { result: Candidate[] }> = Object.create(null) as Record<
    string,
    { result: Candidate[] }
  >;
  for (const query of queries) {
    const scored = scoreCandidates(query, candidates.get(query.key) ?? []).sort(byRank);
    // Unambiguous: one candidate only is exactly what was asked for.
    const contenders = scored.filter((candidate) => candidate.contender);
    answer[query.key] = {
      result: scored
        .slice(0, query.limit)
        .map((candidate) => toCandidate(candidate, candidate.contender && contenders.length === 1)),
    };
  }
  return answer;
}

/** Suggestions of one page, from `cursor` on. */
export interface SuggestPage<T> {
  result: T[];
}

export const SUGGEST_PAGE = 10;
/** How far a client may page through suggestions. */
export const MAX_SUGGEST_CURSOR = 200;

const page = <T>(items: T[], cursor: number): SuggestPage<T> => ({
  result: items.slice(cursor, cursor + SUGGEST_PAGE),
});

export interface EntitySuggestion {
  id: string;
  name: string;
  description: string;
  notable: TypeRef[];
}

/** Entities by name, acronym or alias prefix, as the search ranks them (exact, prefix, then relevance); or by id. */
export async function suggestEntities(
  db: Database,
  prefix: string,
  kinds: NodeKind[],
  cursor: number,
): Promise<SuggestPage<EntitySuggestion>> {
  const lucene = toLuceneQuery(prefix);
  const hits = lucene
    ? await searchNodes(db, prefix, lucene, kinds.length > 0 ? kinds : null, cursor + SUGGEST_PAGE, ['name', 'aliases'])
    : [];
  const nodes = hits.map((hit) => hit.node);
  const id = prefix.trim();
  if (SLUG_PATTERN.test(id) && !nodes.some((node) => node.id === id)) {
    const byId = (await findNodesByIds(db, [id])).get(id);
    if (byId && (kinds.length === 0 || kinds.includes(byId.kind))) nodes.unshift(byId);
  }
  return page(
    nodes.map((node) => ({
      id: node.id,
      name: node.name,
      description: describe(node.kind, node.aliases),
      notable: [typeRef(node.kind)],
    })),
    cursor,
  );
}

/** Whether `prefix` begins the id, the name or a word of the name of a type or property. */
function begins(prefix: string, id: string, name: string): boolean {
  const key = normalizeText(prefix);
  if (key === '') return true;
  const names = [normalizeText(id), normalizeText(name), ...normalizeText(name).split(/[^\p{L}\p{N}]+/u)];
  return names.some((candidate) => candidate.startsWith(key));
}

export function suggestTypes(prefix: string, cursor: number): SuggestPage<ReconcileType> {
  return page(
    TYPES.filter((type) => begins(prefix, type.id, type.name)),
    cursor,
  );
}

export interface PropertySummary {
  id: string;
  name: string;
  description: string;
}

const summary = (property: ReconcileProperty): PropertySummary => ({
  id: property.id,
  name: property.name,
  description: property.description,
});

export function suggestProperties(prefix: string, kind: NodeKind | null, cursor: number): SuggestPage<PropertySummary> {
  return page(
    PROPERTIES.filter(
      (property) => (kind === null || appliesTo(property, kind)) && begins(prefix, property.id, property.name),
    ).map(summary),
    cursor,
  );
}

export interface PropertyProposal {
  type?: string;
  limit?: number;
  properties: PropertySummary[];
}

/** The properties data extension can fetch for a type (all of them without one). */
export function proposeProperties(kind: NodeKind | null, limit: number | null): PropertyProposal {
  const properties = PROPERTIES.filter((property) => kind === null || appliesTo(property, kind)).map(summary);
  return {
    ...(kind === null ? {} : { type: kind }),
    ...(limit === null ? {} : { limit }),
    properties: limit === null ? properties : properties.slice(0, limit),
  };
}

export type ExtensionValue = { id: string; name: string } | { str: string } | { date: string };

export interface ExtensionResponse {
  meta: { id: string; name: string; type?: TypeRef }[];
  rows: Record<string, Record<string, ExtensionValue[]>>;
}

const text = (value: string): ExtensionValue => ({ str: value });
const entity = (ref: EntityRef): ExtensionValue => ({ id: ref.id, name: ref.name });
/** A day as the date-time the specification's schema asks for. */
const day = (value: string): ExtensionValue => ({ date: `${value}T00:00:00Z` });
const stringOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function periodValues(row: ExtensionRow, which: PropertyId): ExtensionValue[] {
  const start = stringOf(row.node.periodStart);
  const end = stringOf(row.node.periodEnd);
  if (which === PropertyId.PERIOD) return start || end ? [text(`${start ?? '..'}/${end ?? '..'}`)] : [];
  const bound = which === PropertyId.PERIOD_START ? start : end;
  const parsed = bound === null ? undefined : parsePartialDate(bound);
  if (!parsed) return [];
  return [day(which === PropertyId.PERIOD_START ? parsed.firstDay : parsed.lastDay)];
}

function valuesOf(row: ExtensionRow, property: ReconcileProperty, limit: number): ExtensionValue[] {
  const { node } = row;
  const aliases = (node.aliases ?? []).filter((alias): alias is string => typeof alias === 'string');
  const all = ((): ExtensionValue[] => {
    switch (property.id) {
      case PropertyId.ACRONYM: {
        const keys = new Set(acronymKeys(node.name, aliases));
        return [node.name, ...aliases].filter((name) => isAcronym(name) && keys.has(normalizeText(name))).map(text);
      }
      case PropertyId.ALIASES:
        return aliases.map(text);
      case PropertyId.KIND:
        return [text(labelOf(node.kind))];
      case PropertyId.STATUS: {
        const status = stringOf(node.status);
        return status === null ? [] : [text(status)];
      }
      case PropertyId.CITY:
        return row.cities.map(entity);
      case PropertyId.COUNTRY:
        return row.countries.map(entity);
      case PropertyId.PARTNERS:
        return row.partners.map(entity);
      case PropertyId.AGREEMENTS:
        return row.agreements.map(entity);
      case PropertyId.PARTIES:
        return row.parties.map(entity);
      case PropertyId.PERIOD:
      case PropertyId.PERIOD_START:
      case PropertyId.PERIOD_END:
        return periodValues(row, property.id);
    }
  })();
  return all.slice(0, limit);
}

/** Data extension: the asked properties of the asked entities; an unknown id gets a row with no values. */
export async function extendEntities(db: Database, query: ExtendQuery): Promise<ExtensionResponse> {
  const most = (id: PropertyId): number =>
    Math.max(0, ...query.properties.filter((asked) => asked.property.id === id).map((asked) => asked.limit));
  const wanted = new Set(query.properties.map((asked) => asked.property.id));
  const rows =
    query.ids.length === 0 || query.properties.length === 0
      ? new Map<string, ExtensionRow>()
      : await findExtensionRows(db, query.ids, {
          places: wanted.has(PropertyId.CITY) || wanted.has(PropertyId.COUNTRY),
          partners: most(PropertyId.PARTNERS),
          agreements: most(PropertyId.AGREEMENTS),
          parties: most(PropertyId.PARTIES),
        });
  const answer: ExtensionResponse = {
    meta: query.properties.map(({ property }) => ({
      id: property.id,
      name: property.name,
      ...(property.entityType ? { type: typeRef(property.entityType) } : {}),
    })),
    // Ids are the client's: a null prototype makes "__proto__" an ordinary key.
    rows: Object.create(null) as ExtensionResponse['rows'],
  };
  for (const id of query.ids) {
    const row = rows.get(id);
    answer.rows[id] = Object.fromEntries(
      query.properties.map(({ property, limit }) => [property.id, row ? valuesOf(row, property, limit) : []]),
    );
  }
  return answer;
}
