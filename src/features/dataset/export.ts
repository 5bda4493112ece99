/**
 * Export of the live graph, streamed: every file is written record by record from a cursor (src/db/stream.ts),
 * so memory stays constant in the API and in Neo4j whatever the size of the graph, and each file reads only
 * what it needs (sources.json: documents and statements; nodes.csv: nodes; edges.csv: relationships). Orders
 * follow the id index (no sort of the whole graph in Neo4j's heap).
 *
 * Files: graph.json (the import format: export then import into an empty database gives the same graph),
 * sources.json + nodes.csv + edges.csv (the CSV form), graph.graphml (yEd, Gephi) and graph.gexf (Gephi).
 */
import neo4j from 'neo4j-driver';
import { stringify } from 'csv-stringify/sync';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { streamQuery } from '../../db/stream';
import { RelationType } from '../../model/graph-model';
import type { StoredNode } from '../nodes/node.mapper';
import { EDGE_COLUMNS, escapeCell, joinList, NODE_COLUMNS } from './csv-format';
import {
  DATASET_FORMAT,
  RESERVED_PROPERTIES,
  type Dataset,
  type DatasetNode,
  type DatasetRelationship,
  type DatasetSource,
  type PropertyValue,
} from './dataset-format';
import { gexfDocument, graphmlDocument, type GexfVersion, type GraphAttribute, type XmlGraph } from './graph-xml';

/** An export of a large graph takes minutes; Neo4j ends it after this long. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;
const RELATION_TYPE_NAMES: string[] = Object.values(RelationType);
const DOCUMENT_FIELDS = ['author', 'genre', 'publisher', 'language'] as const;

const EXPORT_DOCUMENTS = cypher<
  Record<string, never>,
  { document: StoredNode; statements: { n: number; text: string }[] }
>(
  'export.documents',
  `MATCH (d:SourceDocument:Entity)
   WITH d ORDER BY d.id
   CALL (d) {
     OPTIONAL MATCH (s:Statement {documentId: d.id})
     WITH s ORDER BY s.position
     RETURN collect(CASE WHEN s IS NOT NULL THEN {n: s.position, text: s.text} END) AS statements
   }
   RETURN properties(d) AS document, statements`,
  { fullScan: 'exports every document (a few thousand at most, sorted by id)' },
);

const EXPORT_NODES = cypher<Record<string, never>, { node: StoredNode }>(
  'export.nodes',
  `MATCH (n:Entity) WHERE n.id IS NOT NULL AND NOT n:SourceDocument
   RETURN properties(n) AS node ORDER BY n.id`,
  { fullScan: 'exports every node, in the order of the id index' },
);

/** Relationships grouped by start node in id order; a node's own relationships sorted (small) by id. */
const EXPORT_RELATIONSHIPS = cypher<
  { types: string[] },
  { from: string; type: RelationType; to: string; properties: Record<string, unknown> }
>(
  'export.relationships',
  `MATCH (a:Entity) WHERE a.id IS NOT NULL
   WITH a ORDER BY a.id
   CALL (a) {
     MATCH (a)-[r]->(b:Entity) WHERE type(r) IN $types
     RETURN r, b ORDER BY r.id
   }
   RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties`,
  { fullScan: 'exports every relationship, by start node in the order of the id index' },
);

type PropertyTypes = { key: string; types: string[] }[];

const NODE_PROPERTY_TYPES = cypher<Record<string, never>, { key: string; types: string[] }>(
  'export.nodePropertyTypes',
  `MATCH (n:Entity) WHERE NOT n:SourceDocument
   UNWIND keys(n) AS key
   RETURN key, collect(DISTINCT valueType(n[key])) AS types`,
  { fullScan: 'the property columns of a nodes export: one pass, only the distinct keys are kept' },
);

const RELATIONSHIP_PROPERTY_TYPES = cypher<{ types: string[] }, { key: string; types: string[] }>(
  'export.relationshipPropertyTypes',
  `MATCH (:Entity)-[r]->(:Entity) WHERE type(r) IN $types
   UNWIND keys(r) AS key
   RETURN key, collect(DISTINCT valueType(r[key])) AS types`,
  { fullScan: 'the property columns of an edges export: one pass, only the distinct keys are kept' },
);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const isPropertyValue = (value: unknown): value is PropertyValue =>
  isScalar(value) || (Array.isArray(value) && value.every(isScalar));
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The properties a user gave (not those the loader derives), sorted by name; temporals are derived. */
function userProperties(
  stored: Record<string, unknown>,
  skip: ReadonlySet<string>,
): Record<string, PropertyValue> | undefined {
  const entries = Object.entries(stored).filter(
    (entry): entry is [string, PropertyValue] =>
      !skip.has(entry[0]) && !neo4j.isDate(entry[1]) && isPropertyValue(entry[1]),
  );
  return entries.length > 0 ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) : undefined;
}

const SKIP_ON_RELATIONSHIPS: ReadonlySet<string> = new Set([...RESERVED_PROPERTIES, 'periodStart', 'periodEnd']);
const DOCUMENT_PROPERTIES: ReadonlySet<string> = new Set([
  ...RESERVED_PROPERTIES,
  'title',
  'url',
  'publishedOn',
  ...DOCUMENT_FIELDS,
]);

function toSource(stored: StoredNode, statements: { n: number; text: string }[]): DatasetSource {
  const publishedOn = text(stored.publishedOn);
  const source: DatasetSource = {
    id: stored.id,
    title: text(stored.title) ?? stored.name,
    url: text(stored.url) ?? '',
    ...(publishedOn === undefined ? {} : { publishedOn }),
    statements,
  };
  for (const field of DOCUMENT_FIELDS) {
    const value = text(stored[field]);
    if (value !== undefined) source[field] = value;
  }
  const aliases = texts(stored.aliases);
  if (aliases.length > 0) source.aliases = aliases;
  return source;
}

function toNode(stored: StoredNode): DatasetNode {
  return {
    id: stored.id,
    kind: stored.kind,
    name: stored.name,
    aliases: texts(stored.aliases),
    sources: texts(stored.sourceRefs),
    properties: userProperties(stored, RESERVED_PROPERTIES),
  };
}

function toRelationship(row: {
  from: string;
  type: RelationType;
  to: string;
  properties: Record<string, unknown>;
}): DatasetRelationship {
  const relationship: DatasetRelationship = {
    from: row.from,
    type: row.type,
    to: row.to,
    sources: texts(row.properties.sourceRefs),
  };
  const periodStart = text(row.properties.periodStart);
  const periodEnd = text(row.properties.periodEnd);
  if (periodStart) relationship.periodStart = periodStart;
  if (periodEnd) relationship.periodEnd = periodEnd;
  const properties = userProperties(row.properties, SKIP_ON_RELATIONSHIPS);
  if (properties) relationship.properties = properties;
  return relationship;
}

/** The graph's records, each read lazily by its own query when iterated. */
export interface GraphRecords {
  sources(): AsyncIterable<DatasetSource>;
  nodes(): AsyncIterable<DatasetNode>;
  relationships(): AsyncIterable<DatasetRelationship>;
  nodePropertyTypes(): Promise<PropertyTypes>;
  relationshipPropertyTypes(): Promise<PropertyTypes>;
}

export function graphRecords(db: Database): GraphRecords {
  const options = { timeoutMs: EXPORT_TIMEOUT_MS };
  const types = { types: RELATION_TYPE_NAMES };
  return {
    async *sources() {
      for await (const row of streamQuery(db, EXPORT_DOCUMENTS, {}, options)) {
        yield toSource(row.document, row.statements);
      }
    },
    async *nodes() {
      for await (const row of streamQuery(db, EXPORT_NODES, {}, options)) yield toNode(row.node);
    },
    async *relationships() {
      for await (const row of streamQuery(db, EXPORT_RELATIONSHIPS, types, options)) yield toRelationship(row);
    },
    nodePropertyTypes: () => db.query(NODE_PROPERTY_TYPES, {}),
    relationshipPropertyTypes: () => db.query(RELATIONSHIP_PROPERTY_TYPES, types),
  };
}

/** A JSON list written one element per line. */
async function* jsonList<T>(name: string, items: AsyncIterable<T>, last: boolean): AsyncGenerator<string> {
  yield `"${name}":[`;
  let first = true;
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield `]${last ? '' : ',\n'}`;
}

async function* empty<T>(): AsyncGenerator<T> {}

/** The import format, one record per line. */
async function* graphJson(graph: GraphRecords, part: 'all' | 'sources'): AsyncGenerator<string> {
  yield `{"format":${JSON.stringify(DATASET_FORMAT)},\n`;
  yield* jsonList('sources', graph.sources(), false);
  yield* jsonList('nodes', part === 'all' ? graph.nodes() : empty(), false);
  yield* jsonList('relationships', part === 'all' ? graph.relationships() : empty(), true);
  yield '}\n';
}

/** User property columns of a CSV export, sorted by name. */
function propertyColumns(types: PropertyTypes, skip: ReadonlySet<string>): string[] {
  return types
    .map(({ key }) => key)
    .filter((key) => !skip.has(key))
    .sort((a, b) => a.localeCompare(b));
}

const csvLine = (cells: string[]): string => stringify([cells.map(escapeCell)]);
const cell = (value: PropertyValue | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? joinList(value.map(String)) : String(value);

async function* nodesCsv(graph: GraphRecords): AsyncGenerator<string> {
  const extra = propertyColumns(await graph.nodePropertyTypes(), RESERVED_PROPERTIES);
  yield csvLine([...NODE_COLUMNS, ...extra]);
  for await (const node of graph.nodes()) {
    yield csvLine([
      node.id,
      node.kind,
      node.name,
      joinList(node.aliases ?? []),
      joinList(node.sources),
      ...extra.map((column) => cell(node.properties?.[column])),
    ]);
  }
}

async function* edgesCsv(graph: GraphRecords): AsyncGenerator<string> {
  const extra = propertyColumns(await graph.relationshipPropertyTypes(), SKIP_ON_RELATIONSHIPS);
  yield csvLine([...EDGE_COLUMNS, ...extra]);
  for await (const rel of graph.relationships()) {
    yield csvLine([
      rel.from,
      rel.type,
      rel.to,
      rel.periodStart ?? '',
      rel.periodEnd ?? '',
      joinList(rel.sources),
      ...extra.map((column) => cell(rel.properties?.[column])),
    ]);
  }
}

/** Attributes of the XML formats: every user property, typed when all its values share one type. */
function attributes(types: PropertyTypes, skip: ReadonlySet<string>): GraphAttribute[] {
  const typeOf = (valueTypes: string[]): GraphAttribute['type'] => {
    const kinds = new Set(valueTypes.map((type) => type.replace(/ NOT NULL$/, '')));
    if (kinds.size !== 1) return 'string';
    const [only] = kinds;
    return only === 'INTEGER' ? 'integer' : only === 'FLOAT' ? 'double' : only === 'BOOLEAN' ? 'boolean' : 'string';
  };
  return types
    .filter(({ key }) => !skip.has(key))
    .map(({ key, types: valueTypes }) => ({ key, type: typeOf(valueTypes) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function* graphXml(graph: GraphRecords, format: 'graphml' | GexfVersion): AsyncGenerator<string> {
  const nodeAttributes = attributes(await graph.nodePropertyTypes(), DOCUMENT_PROPERTIES);
  const edgeAttributes = attributes(await graph.relationshipPropertyTypes(), SKIP_ON_RELATIONSHIPS);
  const xml: XmlGraph = {
    nodeAttributes,
    edgeAttributes,
    sources: graph.sources(),
    nodes: graph.nodes(),
    relationships: graph.relationships(),
  };
  yield* format === 'graphml' ? graphmlDocument(xml) : gexfDocument(xml, format);
}

export interface ExportFile {
  contentType: string;
  render(graph: GraphRecords): AsyncIterable<string>;
}

/** The files an export offers, by name (a Map: no inherited names such as "__proto__" or "constructor"). */
export const EXPORT_FILES: ReadonlyMap<string, ExportFile> = new Map([
  ['graph.json', { contentType: 'application/json', render: (graph: GraphRecords) => graphJson(graph, 'all') }],
  ['sources.json', { contentType: 'application/json', render: (graph: GraphRecords) => graphJson(graph, 'sources') }],
  ['nodes.csv', { contentType: 'text/csv', render: nodesCsv }],
  ['edges.csv', { contentType: 'text/csv', render: edgesCsv }],
  [
    'graph.graphml',
    { contentType: 'application/graphml+xml', render: (graph: GraphRecords) => graphXml(graph, 'graphml') },
  ],
  ['graph.gexf', { contentType: 'application/gexf+xml', render: (graph: GraphRecords) => graphXml(graph, '1.2draft') }],
]);

/** GEXF 1.3, for readers that want it: GET /export/graph.gexf?version=1.3 (cached under this name). */
export const GEXF_1_3_FILE = 'graph-1.3.gexf';
export const GEXF_1_3: ExportFile = {
  contentType: 'application/gexf+xml',
  render: (graph: GraphRecords) => graphXml(graph, '1.3'),
};

/** Groups the many small strings of a render into chunks of about `size` characters, for fewer writes. */
export async function* chunked(parts: AsyncIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let buffer: string[] = [];
  let length = 0;
  for await (const part of parts) {
    buffer.push(part);
    length += part.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join('');
}

/** A whole export file as one string: for small graphs and tests. */
export async function exportText(db: Database, name: string): Promise<string> {
  const file = name === GEXF_1_3_FILE ? GEXF_1_3 : EXPORT_FILES.get(name);
  if (!file) throw new Error(`No export named ${name}`);
  let out = '';
  for await (const chunk of chunked(file.render(graphRecords(db)))) out += chunk;
  return out;
}

/** The whole live graph as a dataset in memory: for small graphs and tests (exports stream instead). */
export async function exportDataset(db: Database): Promise<Dataset> {
  const graph = graphRecords(db);
  const dataset: Dataset = { format: DATASET_FORMAT, sources: [], nodes: [], relationships: [] };
  for await (const source of graph.sources()) dataset.sources.push(source);
  for await (const node of graph.nodes()) dataset.nodes.push(node);
  for await (const rel of graph.relationships()) dataset.relationships.push(rel);
  return dataset;
}
