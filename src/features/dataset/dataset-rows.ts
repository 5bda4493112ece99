/**
 * What a dataset record becomes in the graph: the one place that derives the stored properties (search keys,
 * sort key, period dates, a document's own source reference). The online loader (dataset.repository.ts) sends
 * these rows to Neo4j and the neo4j-admin CSV writer (admin-csv.ts) writes the same rows as CSV, so both ways
 * of loading give the same graph. Rows are plain JSON (they are spilled to disk between validation and writing).
 */
import { labelOf, NodeKind, relationshipId, statementId, type RelationType } from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText, searchKeys } from '../../shared/text';
import type { DatasetNode, DatasetRelationship, DatasetSource, PropertyValue } from './dataset-format';

export interface NodeRow {
  id: string;
  kind: NodeKind;
  /** The kind's label, set beside :Entity and :Identity. */
  label: string;
  name: string;
  aliases: string[];
  sourceRefs: string[];
  searchKeys: string[];
  /** The folded aliases alone (search keys but the name), for whole-alias and alias-prefix search. */
  aliasKeys: string[];
  sortKey: string;
  properties: Record<string, PropertyValue>;
  /** ISO dates (first and last day of a partial date) stored as Neo4j dates; null when there is no period. */
  periodStartDate: string | null;
  periodEndDate: string | null;
}

export interface StatementRow {
  id: string;
  documentId: string;
  position: number;
  text: string;
}

export interface RelationshipRow {
  id: string;
  from: string;
  to: string;
  type: RelationType;
  properties: Record<string, PropertyValue>;
  periodStart: string | null;
  periodEnd: string | null;
  sourceRefs: string[];
  periodStartDate: string | null;
  periodEndDate: string | null;
}

/** A row of any of the three kinds, tagged, as the spill files and batches carry them. */
export type Row =
  | { kind: 'statement'; row: StatementRow }
  | { kind: 'node'; row: NodeRow }
  | { kind: 'relationship'; row: RelationshipRow };

function periodBounds(start: unknown, end: unknown): Pick<NodeRow, 'periodStartDate' | 'periodEndDate'> {
  return {
    periodStartDate: typeof start === 'string' ? (parsePartialDate(start)?.firstDay ?? null) : null,
    periodEndDate: typeof end === 'string' ? (parsePartialDate(end)?.lastDay ?? null) : null,
  };
}

const DOCUMENT_OPTIONAL_FIELDS = ['publishedOn', 'author', 'genre', 'publisher', 'language'] as const;

/** A source document as a node; it is its own source (its headline, statement 0, or its first statement). */
export function documentRow(source: DatasetSource): NodeRow {
  const properties: Record<string, PropertyValue> = { title: source.title, url: source.url };
  for (const field of DOCUMENT_OPTIONAL_FIELDS) {
    const value = source[field];
    if (value !== undefined) properties[field] = value;
  }
  const first = source.statements.reduce((min, statement) => Math.min(min, statement.n), Number.POSITIVE_INFINITY);
  return {
    id: source.id,
    kind: NodeKind.SOURCE_DOCUMENT,
    label: labelOf(NodeKind.SOURCE_DOCUMENT),
    name: source.title,
    aliases: source.aliases ?? [],
    sourceRefs: [statementId(source.id, first)],
    ...keysOf(source.title, source.aliases),
    properties,
    ...periodBounds(undefined, undefined),
  };
}

export function statementRows(source: DatasetSource): StatementRow[] {
  return source.statements.map((statement) => ({
    id: statementId(source.id, statement.n),
    documentId: source.id,
    position: statement.n,
    text: statement.text,
  }));
}

/** The search and sort keys of a name and its aliases. */
function keysOf(name: string, aliases: readonly string[] = []): Pick<NodeRow, 'searchKeys' | 'aliasKeys' | 'sortKey'> {
  const sortKey = normalizeText(name);
  const keys = searchKeys(name, aliases);
  return { searchKeys: keys, aliasKeys: keys.filter((key) => key !== sortKey), sortKey };
}

export function nodeRow(node: DatasetNode): NodeRow {
  return {
    id: node.id,
    kind: node.kind,
    label: labelOf(node.kind),
    name: node.name,
    aliases: node.aliases ?? [],
    sourceRefs: node.sources,
    ...keysOf(node.name, node.aliases),
    properties: node.properties ?? {},
    ...periodBounds(node.properties?.periodStart, node.properties?.periodEnd),
  };
}

export function relationshipRow(rel: DatasetRelationship): RelationshipRow {
  return {
    id: relationshipId(rel),
    from: rel.from,
    to: rel.to,
    type: rel.type,
    properties: rel.properties ?? {},
    periodStart: rel.periodStart ?? null,
    periodEnd: rel.periodEnd ?? null,
    sourceRefs: rel.sources,
    ...periodBounds(rel.periodStart, rel.periodEnd),
  };
}
