/** From Neo4j records to the GraphQL node objects. */
import neo4j from 'neo4j-driver';
import { NodeKind } from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { NODE_TYPES, type Node, type PartialDate, type Period } from './node.types';
import { DatePrecisionEnum } from '../../graphql/enums';

/** Cypher map projection of a node variable, as read by `toNode`. */
export const nodeProjection = (variable: string): string => `${variable} {.*}`;

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
function plain(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    result[key] = neo4j.isDate(value) || neo4j.isDateTime(value) ? String(value) : value;
  }
  return result;
}

export function toNode(record: Record<string, unknown>): Node {
  const kind = record.kind as NodeKind;
  const Type = NODE_TYPES[kind];
  if (!Type) throw new Error(`Node ${String(record.id)} has an unknown kind ${String(kind)}`);
  const node = Object.assign(new Type(), plain(record), {
    aliases: (record.aliases as string[] | undefined) ?? [],
    sourceRefs: (record.sourceRefs as string[] | undefined) ?? [],
  });
  if ('periodStart' in record || 'periodEnd' in record) {
    Object.assign(node, { period: toPeriod(record.periodStart, record.periodEnd) });
  }
  if (kind === NodeKind.SOURCE_DOCUMENT) Object.assign(node, { publishedOn: toPartialDate(record.publishedOn) });
  return node;
}
