/**
 * CSV form of a dataset: a nodes file and an edges file. Lists (aliases, sources) are separated by "|";
 * columns beyond the fixed ones are properties (numbers and true/false are typed; periods stay text).
 *
 *   nodes.csv: id,kind,name,aliases,sources[,property...]
 *   edges.csv: from,type,to,periodStart,periodEnd,sources[,property...]
 *
 * Sources (documents and their statements) come from a JSON dataset file or are already in the graph.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { NodeKind, RelationType } from '../../model/graph-model';
import type { DatasetNode, DatasetRelationship, PropertyValue, ValidationProblem } from './dataset-format';

export const NODE_COLUMNS = ['id', 'kind', 'name', 'aliases', 'sources'] as const;
export const EDGE_COLUMNS = ['from', 'type', 'to', 'periodStart', 'periodEnd', 'sources'] as const;
const LIST_SEPARATOR = '|';
/** Properties that are dates with precision: always text, never numbers. */
const TEXT_PROPERTIES = new Set(['periodStart', 'periodEnd', 'publishedOn']);

export type CsvKind = 'nodes' | 'edges';

const splitList = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter(Boolean);

function typed(column: string, cell: string): PropertyValue {
  if (TEXT_PROPERTIES.has(column)) return cell;
  if (/^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  if (cell === 'true' || cell === 'false') return cell === 'true';
  return cell;
}

function extraProperties(
  row: Record<string, string>,
  fixed: readonly string[],
): Record<string, PropertyValue> | undefined {
  const entries = Object.entries(row)
    .filter(([column, cell]) => !fixed.includes(column) && cell !== '')
    .map(([column, cell]) => [column, typed(column, cell)] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Which file a CSV is, from its header. */
export function csvKindOf(header: string[]): CsvKind | undefined {
  if (NODE_COLUMNS.every((column) => header.includes(column))) return 'nodes';
  if (EDGE_COLUMNS.every((column) => header.includes(column))) return 'edges';
  return undefined;
}

export interface ParsedCsv {
  kind: CsvKind;
  nodes: DatasetNode[];
  relationships: DatasetRelationship[];
  /** Line number in the file of each record (the header is line 1). */
  lines: number[];
}

export function parseCsv(text: string, file: string): { parsed?: ParsedCsv; problems: ValidationProblem[] } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return { problems: [{ path: file, message: `is not valid CSV: ${(error as Error).message}` }] };
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : (parse(text, { to_line: 1, bom: true })[0] ?? []);
  const kind = csvKindOf(header);
  if (!kind) {
    return {
      problems: [
        {
          path: file,
          message: `needs the columns ${NODE_COLUMNS.join(',')} (nodes) or ${EDGE_COLUMNS.join(',')} (edges)`,
        },
      ],
    };
  }
  const lines = rows.map((_, i) => i + 2);
  if (kind === 'nodes') {
    const nodes = rows.map((row): DatasetNode => ({
      id: row.id!,
      kind: row.kind as NodeKind,
      name: row.name!,
      aliases: splitList(row.aliases),
      sources: splitList(row.sources),
      properties: extraProperties(row, NODE_COLUMNS),
    }));
    return { parsed: { kind, nodes, relationships: [], lines }, problems: [] };
  }
  const relationships = rows.map((row): DatasetRelationship => ({
    from: row.from!,
    type: row.type as RelationType,
    to: row.to!,
    periodStart: row.periodStart || undefined,
    periodEnd: row.periodEnd || undefined,
    sources: splitList(row.sources),
    properties: extraProperties(row, EDGE_COLUMNS),
  }));
  return { parsed: { kind, nodes: [], relationships, lines }, problems: [] };
}

/** Columns for the properties that occur in any record, in first-seen order. */
function propertyColumns(records: { properties?: Record<string, PropertyValue> }[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const key of Object.keys(record.properties ?? {})) columns.add(key);
  return [...columns];
}

const cell = (value: PropertyValue | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);

export function nodesToCsv(nodes: DatasetNode[]): string {
  const extra = propertyColumns(nodes);
  return stringify([
    [...NODE_COLUMNS, ...extra],
    ...nodes.map((node) => [
      node.id,
      node.kind,
      node.name,
      (node.aliases ?? []).join(LIST_SEPARATOR),
      node.sources.join(LIST_SEPARATOR),
      ...extra.map((column) => cell(node.properties?.[column])),
    ]),
  ]);
}

export function edgesToCsv(relationships: DatasetRelationship[]): string {
  const extra = propertyColumns(relationships);
  return stringify([
    [...EDGE_COLUMNS, ...extra],
    ...relationships.map((rel) => [
      rel.from,
      rel.type,
      rel.to,
      rel.periodStart ?? '',
      rel.periodEnd ?? '',
      rel.sources.join(LIST_SEPARATOR),
      ...extra.map((column) => cell(rel.properties?.[column])),
    ]),
  ]);
}
