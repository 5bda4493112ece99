/**
 * Export of the live graph: JSON in the import format (export then import into an empty database gives
 * the same graph), CSV (nodes and edges, plus the sources as JSON) and GraphML for Gephi or yEd.
 */
import neo4j from 'neo4j-driver';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { FACT_RELATIONSHIPS, NodeKind, RELATION_TYPES, type RelationType } from '../../model/graph-model';
import type { StoredNode } from '../nodes/node.mapper';
import { edgesToCsv, nodesToCsv } from './csv-format';
import {
  DATASET_FORMAT,
  RESERVED_PROPERTIES,
  type Dataset,
  type DatasetNode,
  type DatasetRelationship,
  type DatasetSource,
  type PropertyValue,
} from './dataset-format';

const DOCUMENT_FIELDS = ['title', 'url', 'publishedOn', 'author', 'genre', 'publisher', 'language'] as const;

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const isPropertyValue = (value: unknown): value is PropertyValue =>
  isScalar(value) || (Array.isArray(value) && value.every(isScalar));

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

const EXPORT_DOCUMENTS = cypher<
  Record<string, never>,
  { document: StoredNode; statements: { n: number | null; text: string }[] }
>(
  'export.documents',
  `MATCH (d:SourceDocument:Entity)
   OPTIONAL MATCH (s:Statement {documentId: d.id})
   WITH d, s ORDER BY s.position
   WITH d, collect({n: s.position, text: s.text}) AS statements
   RETURN properties(d) AS document, statements
   ORDER BY d.id`,
  { fullScan: 'exports every document' },
);

const EXPORT_NODES = cypher<Record<string, never>, { node: StoredNode }>(
  'export.nodes',
  'MATCH (n:Entity) WHERE NOT n:SourceDocument RETURN properties(n) AS node ORDER BY n.id',
  { fullScan: 'exports every node' },
);

const EXPORT_RELATIONSHIPS = cypher<
  Record<string, never>,
  { from: string; type: RelationType; to: string; properties: Record<string, unknown> }
>(
  'export.relationships',
  `MATCH (a:Entity)-[r:${FACT_RELATIONSHIPS}]->(b:Entity)
   RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS properties ORDER BY r.id`,
  { fullScan: 'exports every relationship' },
);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Reads the whole live graph as a dataset, in three queries. */
export async function exportDataset(db: Database): Promise<Dataset> {
  const [documents, nodes, relationships] = await Promise.all([
    db.query(EXPORT_DOCUMENTS, {}),
    db.query(EXPORT_NODES, {}),
    db.query(EXPORT_RELATIONSHIPS, {}),
  ]);

  const sources: DatasetSource[] = documents.map(({ document: stored, statements }) => {
    const source: DatasetSource = {
      id: stored.id,
      title: text(stored.title) ?? stored.name,
      url: text(stored.url) ?? '',
      publishedOn: text(stored.publishedOn) ?? '',
      statements: statements.filter((statement): statement is { n: number; text: string } => statement.n !== null),
    };
    for (const field of DOCUMENT_FIELDS.slice(3)) {
      const value = text(stored[field]);
      if (value !== undefined) source[field] = value;
    }
    const aliases = texts(stored.aliases);
    if (aliases.length > 0) source.aliases = aliases;
    return source;
  });

  const datasetNodes: DatasetNode[] = nodes.map(({ node: stored }) => ({
    id: stored.id,
    kind: stored.kind,
    name: stored.name,
    aliases: texts(stored.aliases),
    sources: texts(stored.sourceRefs),
    properties: userProperties(stored, RESERVED_PROPERTIES),
  }));

  const skipOnRelationships = new Set([...RESERVED_PROPERTIES, 'periodStart', 'periodEnd']);
  const datasetRelationships: DatasetRelationship[] = relationships.map(({ from, type, to, properties: stored }) => {
    const relationship: DatasetRelationship = { from, type, to, sources: texts(stored.sourceRefs) };
    const periodStart = text(stored.periodStart);
    const periodEnd = text(stored.periodEnd);
    if (periodStart) relationship.periodStart = periodStart;
    if (periodEnd) relationship.periodEnd = periodEnd;
    const properties = userProperties(stored, skipOnRelationships);
    if (properties) relationship.properties = properties;
    return relationship;
  });

  return { format: DATASET_FORMAT, sources, nodes: datasetNodes, relationships: datasetRelationships };
}

export function toCsvFiles(dataset: Dataset): Record<'sources.json' | 'nodes.csv' | 'edges.csv', string> {
  return {
    'sources.json': `${JSON.stringify({ ...dataset, nodes: [], relationships: [] }, null, 2)}\n`,
    'nodes.csv': nodesToCsv(dataset.nodes),
    'edges.csv': edgesToCsv(dataset.relationships),
  };
}

const escapeXml = (value: string): string =>
  value.replace(
    /[<>&"']/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!,
  );

const data = (key: string, value: string | undefined): string =>
  value === undefined || value === '' ? '' : `<data key="${key}">${escapeXml(value)}</data>`;

/** GraphML with the node label, kind and aliases and the edge type, label and period as attributes. */
export function toGraphML(dataset: Dataset): string {
  const keys = [
    ['label', 'node', 'label'],
    ['kind', 'node', 'kind'],
    ['aliases', 'node', 'aliases'],
    ['url', 'node', 'url'],
    ['type', 'edge', 'type'],
    ['edgeLabel', 'edge', 'label'],
    ['periodStart', 'edge', 'periodStart'],
    ['periodEnd', 'edge', 'periodEnd'],
    ['sources', 'all', 'sources'],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, domain, name]) => `  <key id="${id}" for="${domain}" attr.name="${name}" attr.type="string"/>`),
    '  <graph id="iecm-graph" edgedefault="directed">',
  ];
  for (const source of dataset.sources) {
    lines.push(
      `    <node id="${escapeXml(source.id)}">${data('label', source.title)}${data('kind', NodeKind.SOURCE_DOCUMENT)}${data('url', source.url)}</node>`,
    );
  }
  for (const node of dataset.nodes) {
    lines.push(
      `    <node id="${escapeXml(node.id)}">${data('label', node.name)}${data('kind', node.kind)}${data('aliases', (node.aliases ?? []).join(' | '))}${data('sources', node.sources.join(' '))}</node>`,
    );
  }
  dataset.relationships.forEach((rel, i) => {
    lines.push(
      `    <edge id="e${i}" source="${escapeXml(rel.from)}" target="${escapeXml(rel.to)}">${data('type', rel.type)}${data('edgeLabel', RELATION_TYPES[rel.type]?.label)}${data('periodStart', rel.periodStart)}${data('periodEnd', rel.periodEnd)}${data('sources', rel.sources.join(' '))}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
