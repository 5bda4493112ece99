/**
 * CSV form of a dataset: a nodes file and an edges file. Lists (aliases, sources) are separated by "|" (a "|"
 * inside an item is escaped with a backslash, see joinList);
 * columns beyond the fixed ones are properties (numbers and true/false are typed; periods stay text).
 *
 *   nodes.csv: id,kind,name,aliases,sources[,property...]
 *   edges.csv: from,type,to,periodStart,periodEnd,sources[,property...]
 *
 * Sources (documents and their statements) come from a JSON dataset file or are already in the graph.
 */
import { STATUS_SOURCES_PROPERTY, type NodeKind, type RelationType } from '../../model/graph-model';
import { COUNT_SOURCES_PROPERTY } from '../../model/stated-counts';
import type { DatasetNode, DatasetRelationship, PropertyValue } from './dataset-format';

export const NODE_COLUMNS = ['id', 'kind', 'name', 'aliases', 'sources'] as const;
export const EDGE_COLUMNS = ['from', 'type', 'to', 'periodStart', 'periodEnd', 'sources'] as const;
export const LIST_SEPARATOR = '|';
/** Properties that are dates with precision: always text, never numbers. */
const TEXT_PROPERTIES = new Set(['periodStart', 'periodEnd', 'publishedOn']);
/** Properties that are lists of text, "|"-separated like aliases (a one-item list must stay a list). */
export const LIST_PROPERTIES: ReadonlySet<string> = new Set([COUNT_SOURCES_PROPERTY, STATUS_SOURCES_PROPERTY]);

export type CsvKind = 'nodes' | 'edges';

/**
 * A list as one cell: items joined by "|", a "|" inside an item written as backslash-bar and a backslash doubled, so the
 * alias "Alpha|Beta" stays one alias. `splitList` reads it back; a backslash before any other character is kept.
 */
export const joinList = (items: readonly string[]): string =>
  items.map((item) => item.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).join(LIST_SEPARATOR);

export function splitList(cell: string | undefined): string[] {
  const items: string[] = [];
  let current = '';
  const text = cell ?? '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const next = text[i + 1];
    if (char === '\\' && (next === '\\' || next === LIST_SEPARATOR)) {
      current += next;
      i += 1;
    } else if (char === LIST_SEPARATOR) {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter(Boolean);
}

function typed(column: string, cell: string): PropertyValue {
  if (TEXT_PROPERTIES.has(column)) return cell;
  if (LIST_PROPERTIES.has(column)) return splitList(cell);
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

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @ tab or carriage return
 * is prefixed with an apostrophe on export, so a spreadsheet shows it as text. A cell that already starts with an
 * apostrophe followed by one of those (or by another apostrophe) gets one too, so that `unescapeCell` undoes
 * exactly what `escapeCell` did and an export imports back to the same values.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPED = /^'[=+\-@\t\r']/;

export const escapeCell = (cell: string): string =>
  FORMULA_START.test(cell) || ESCAPED.test(cell) ? `'${cell}` : cell;

export const unescapeCell = (cell: string): string => (ESCAPED.test(cell) ? cell.slice(1) : cell);

/** A CSV row (cells by column name, as read) as the record of the JSON format it stands for. */
export function csvRecord(kind: CsvKind, row: Record<string, string>): DatasetNode | DatasetRelationship {
  const cells: Record<string, string> = {};
  for (const [column, value] of Object.entries(row)) cells[column] = unescapeCell(value);
  if (kind === 'nodes') {
    return {
      id: cells.id ?? '',
      kind: (cells.kind ?? '') as NodeKind,
      name: cells.name ?? '',
      aliases: splitList(cells.aliases),
      sources: splitList(cells.sources),
      properties: extraProperties(cells, NODE_COLUMNS),
    };
  }
  return {
    from: cells.from ?? '',
    type: (cells.type ?? '') as RelationType,
    to: cells.to ?? '',
    periodStart: cells.periodStart || undefined,
    periodEnd: cells.periodEnd || undefined,
    sources: splitList(cells.sources),
    properties: extraProperties(cells, EDGE_COLUMNS),
  };
}
