/** From stored Neo4j properties to the GraphQL node objects. */
import neo4j from 'neo4j-driver';
import { NodeKind } from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { DatePrecisionEnum } from '../../graphql/enums';
import { NODE_TYPES, type Node, type PartialDate, type Period } from './node.types';

/** A node's properties as stored (what `nodeProjection` returns). */
export interface StoredNode {
  id: string;
  kind: NodeKind;
  name: string;
  aliases?: string[] | null;
  sourceRefs?: string[] | null;
  sortKey?: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  publishedOn?: string | null;
  [property: string]: unknown;
}

/**
 * The stored properties the GraphQL node types show, and `sortKey` for ordering: what every node query returns.
 * Never the derived search keys or date bounds. tests/unit/schema.test.ts checks that every field of every node
 * type is here or is resolved from elsewhere.
 */
export const NODE_PROPERTIES = [
  'id',
  'kind',
  'name',
  'aliases',
  'sourceRefs',
  'sortKey',
  'periodStart',
  'periodEnd',
  'title',
  'url',
  'publishedOn',
  'author',
  'genre',
  'publisher',
  'language',
  'status',
  'agreementType',
  'highlighted',
  'eventType',
  'eventCount',
  'tourCount',
  'cityCount',
  'participantCount',
  'edition',
  'purpose',
  'note',
  'unitType',
  'provisional',
  'legalInstrumentsSigned',
  'summary',
] as const;

/** Cypher map projection of a node variable, as read by `toNode`. */
export const nodeProjection = (variable: string): string =>
  `${variable} {${NODE_PROPERTIES.map((property) => `.${property}`).join(', ')}}`;

export function toPartialDate(value: unknown): PartialDate | null {
  if (typeof value !== 'string') return null;
  const parsed = parsePartialDate(value);
  if (!parsed) return null;
  return { ...parsed, precision: DatePrecisionEnum[parsed.precision] };
}

export function toPeriod(start: unknown, end: unknown): Period | null {
  if (start == null && end == null) return null;
  return { start: toPartialDate(start), end: toPartialDate(end) };
}

/** Neo4j temporal values become ISO strings; everything else is kept. */
export function plainProperties(stored: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    result[key] = neo4j.isDate(value) || neo4j.isDateTime(value) ? String(value) : value;
  }
  return result;
}

export function toNode(stored: StoredNode): Node {
  const Type = NODE_TYPES[stored.kind];
  if (!Type) throw new Error(`Node ${stored.id} has an unknown kind ${String(stored.kind)}`);
  const node = Object.assign(new Type(), plainProperties(stored), {
    aliases: stored.aliases ?? [],
    sourceRefs: stored.sourceRefs ?? [],
  });
  if ('periodStart' in stored || 'periodEnd' in stored) {
    Object.assign(node, { period: toPeriod(stored.periodStart, stored.periodEnd) });
  }
  if (stored.kind === NodeKind.SOURCE_DOCUMENT) Object.assign(node, { publishedOn: toPartialDate(stored.publishedOn) });
  return node;
}
