/** From stored Neo4j properties to the GraphQL node objects. */
import neo4j from 'neo4j-driver';
import {
  AgreementStatus,
  isAgreementStatus,
  NodeKind,
  RELATION_TYPES,
  RelationType,
  STATUS_SOURCES_PROPERTY,
} from '../../model/graph-model';
import { COUNT_PROPERTIES, COUNT_SOURCES_PROPERTY, countSourcesOf, STATED_COUNTS } from '../../model/stated-counts';
import { parsePartialDate } from '../../shared/partial-date';
import { DatePrecisionEnum, Direction } from '../../graphql/enums';
import {
  NODE_TYPES,
  type Node,
  type PartialDate,
  type Period,
  type Relationship,
  type StatedCount,
} from './node.types';

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
  STATUS_SOURCES_PROPERTY,
  'agreementType',
  'highlighted',
  'eventType',
  'edition',
  'purpose',
  'note',
  'unitType',
  'provisional',
  'summary',
  // The stated counts (model/stated-counts.ts) and their sentences.
  ...COUNT_PROPERTIES,
  COUNT_SOURCES_PROPERTY,
] as const;

/** Cypher map projection of a node variable, as read by `toNode`. */
export const nodeProjection = (variable: string): string =>
  `${variable} {${NODE_PROPERTIES.map((property) => `.${property}`).join(', ')}}`;

/** Fields computed from stored properties of another name; fields not listed are read from their own property. */
const FIELD_PROPERTIES: Record<string, readonly string[]> = {
  period: ['periodStart', 'periodEnd'],
  sources: ['sourceRefs'],
  statusSources: ['status', STATUS_SOURCES_PROPERTY, 'sourceRefs'],
  counts: [...COUNT_PROPERTIES, COUNT_SOURCES_PROPERTY, 'sourceRefs'],
};
const STORED = new Set<string>(NODE_PROPERTIES);

/**
 * The stored properties a selection of node fields needs (`id`, `kind` and `sortKey` are always read): what a
 * query projects when it knows what the client asked for. Relationship fields need nothing beyond the id.
 */
export function propertiesFor(fields: Iterable<string>): string[] {
  const needed = new Set<string>();
  for (const field of fields) {
    for (const property of FIELD_PROPERTIES[field] ?? [field]) if (STORED.has(property)) needed.add(property);
  }
  for (const always of ['id', 'kind', 'sortKey']) needed.delete(always);
  return [...needed];
}

/** The values of a selected projection: id, kind, sort key and the asked properties in the order of `$param`. */
export type SelectedNode = [id: string, kind: NodeKind, sortKey: string | null, values: unknown[]];

/**
 * Cypher projection of a node variable reading only the properties that list expression `properties` names (see
 * `propertiesFor`), as read by `toSelectedNode`: small to send and to decode.
 */
export const selectedProjection = (variable: string, properties: string): string =>
  `[${variable}.id, ${variable}.kind, ${variable}.sortKey, [property IN ${properties} | ${variable}[property]]]`;

export function toSelectedNode([id, kind, sortKey, values]: SelectedNode, properties: readonly string[]): Node {
  const stored: StoredNode = { id, kind, name: '', sortKey: sortKey ?? undefined };
  properties.forEach((property, i) => {
    stored[property] = values[i] ?? null;
  });
  return toNode(stored);
}

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

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The counts stored on a node, totals before their parts, each citing its own sentences or else the node's. */
function statedCounts(stored: StoredNode): StatedCount[] {
  const entries = strings(stored[COUNT_SOURCES_PROPERTY]);
  const nodeRefs = strings(stored.sourceRefs);
  const counts = COUNT_PROPERTIES.flatMap((property): StatedCount[] => {
    const value = stored[property];
    if (typeof value !== 'number' || !Number.isInteger(value)) return [];
    const { label, partOf } = STATED_COUNTS[property];
    const own = countSourcesOf(entries, property);
    return [{ property, label, value, partOf: partOf ?? null, sourceRefs: own.length > 0 ? own : nodeRefs }];
  });
  return counts.sort((a, b) => Number(a.partOf !== null) - Number(b.partOf !== null));
}

export function toNode(stored: StoredNode): Node {
  const Type = NODE_TYPES[stored.kind];
  if (!Type) throw new Error(`Node ${stored.id} has an unknown kind ${String(stored.kind)}`);
  const node = Object.assign(new Type(), plainProperties(stored), {
    aliases: stored.aliases ?? [],
    sourceRefs: stored.sourceRefs ?? [],
    counts: statedCounts(stored),
  });
  if ('periodStart' in stored || 'periodEnd' in stored) {
    Object.assign(node, { period: toPeriod(stored.periodStart, stored.periodEnd) });
  }
  if (stored.kind === NodeKind.SOURCE_DOCUMENT) Object.assign(node, { publishedOn: toPartialDate(stored.publishedOn) });
  // Loaders check statuses; one stored before they did is shown as unknown rather than failing the whole answer.
  // An agreement without a status was written before NOT_STATED existed: no source stated one.
  if (stored.kind === NodeKind.AGREEMENT && 'status' in stored) {
    const status = stored.status == null ? AgreementStatus.NOT_STATED : stored.status;
    Object.assign(node, { status: isAgreementStatus(status) ? status : null });
  }
  if (stored.kind === NodeKind.AGREEMENT) {
    const own = strings(stored[STATUS_SOURCES_PROPERTY]);
    const stated = stored.status === AgreementStatus.SIGNED || stored.status === AgreementStatus.NEGOTIATION;
    Object.assign(node, { statusSourceRefs: !stated ? [] : own.length > 0 ? own : strings(stored.sourceRefs) });
  }
  return node;
}

/** A relationship as Cypher projects it: its ends' ids and its stored properties. */
export interface RelationshipRecord {
  id: string;
  type: RelationType;
  source: string;
  target: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  sourceRefs?: string[] | null;
  participantCount?: number | null;
  note?: string | null;
}

/**
 * The one mapper of a relationship to the API's `Relationship`; `seenFrom` when it was read from one of its ends
 * (the id of that node and the node at the other end), which gives `direction` and `node`.
 */
export function toRelationship(record: RelationshipRecord, seenFrom?: { id: string; other: Node }): Relationship {
  return {
    id: record.id,
    type: record.type,
    label: RELATION_TYPES[record.type]?.label ?? record.type,
    source: record.source,
    target: record.target,
    direction: seenFrom ? (record.source === seenFrom.id ? Direction.OUT : Direction.IN) : null,
    node: seenFrom?.other ?? null,
    period: toPeriod(record.periodStart, record.periodEnd),
    sources: [],
    participantCount: record.participantCount ?? null,
    note: record.note ?? null,
    sourceRefs: record.sourceRefs ?? [],
  };
}
