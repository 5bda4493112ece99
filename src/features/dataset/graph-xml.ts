/**
 * The graph as XML for network tools, written record by record: GraphML (yEd, Gephi, NetworkX) and GEXF (Gephi,
 * NetworkX, graphology), 1.2draft by default — the version every reader knows (NetworkX before 3.6, Debian's
 * python3-networkx among them, refuses 1.3) — or 1.3 on request; this document is the same in both. Nodes carry their name as label, their kind, aliases, sources and every stated property (periods,
 * counts such as participantCount) as typed attributes; edges carry their type as label and as attribute, their
 * period, sources and stated properties. Source documents are nodes of kind SOURCE_DOCUMENT with their title as
 * label, their fields and their numbered statements (JSON text), so that the file imports back on its own
 * (graph-xml-reader.ts reads both formats back into dataset records).
 */
import { NodeKind, RELATION_TYPES } from '../../model/graph-model';
import type { DatasetNode, DatasetRelationship, DatasetSource, PropertyValue } from './dataset-format';

export interface GraphAttribute {
  key: string;
  type: 'string' | 'integer' | 'double' | 'boolean';
}

export interface XmlGraph {
  nodeAttributes: GraphAttribute[];
  edgeAttributes: GraphAttribute[];
  sources: AsyncIterable<DatasetSource>;
  nodes: AsyncIterable<DatasetNode>;
  relationships: AsyncIterable<DatasetRelationship>;
}

const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
/** Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks). */
// eslint-disable-next-line no-control-regex -- these are exactly what must go
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export const escapeXml = (value: string): string =>
  value.replace(NOT_XML, '').replace(/[<>&"']/g, (char) => ESCAPES[char] ?? char);

const valueText = (value: PropertyValue): string =>
  Array.isArray(value) ? value.join(XML_LIST_SEPARATOR) : String(value);

/** A list of text in one attribute value (aliases, list properties). */
export const XML_LIST_SEPARATOR = ' | ';

/** The fields of a source document beside its title (the label) and statements. */
export const DOCUMENT_TEXT_FIELDS = ['url', 'publishedOn', 'author', 'genre', 'publisher', 'language'] as const;

/** Fixed attributes (beside the stated properties); all but kind, aliases and sources are a document's only. */
export const FIXED_NODE = ['kind', 'aliases', 'sources', ...DOCUMENT_TEXT_FIELDS, 'statements'] as const;
export const FIXED_EDGE = ['type', 'periodStart', 'periodEnd', 'sources'] as const;

/** GraphML key ids: stated properties are prefixed, so "type" of an edge property never clashes with the fixed one. */
export const GRAPHML_NODE_LABEL = 'label';
export const GRAPHML_EDGE_LABEL = 'edgeLabel';
export const graphmlNodeKey = (key: string): string =>
  (FIXED_NODE as readonly string[]).includes(key) ? key : `n_${key}`;
export const graphmlEdgeKey = (key: string): string =>
  (FIXED_EDGE as readonly string[]).includes(key) ? `e${key}` : `e_${key}`;

function nodeValues(node: DatasetNode): [string, string][] {
  return [
    ['kind', node.kind],
    ['aliases', (node.aliases ?? []).join(XML_LIST_SEPARATOR)],
    ['sources', node.sources.join(' ')],
  ];
}

function documentValues(source: DatasetSource): [string, string][] {
  return [
    ['kind', NodeKind.SOURCE_DOCUMENT],
    ['aliases', (source.aliases ?? []).join(XML_LIST_SEPARATOR)],
    ...DOCUMENT_TEXT_FIELDS.map((field): [string, string] => [field, source[field] ?? '']),
    ['statements', JSON.stringify(source.statements.map(({ n, text }) => ({ n, text })))],
  ];
}

function edgeValues(rel: DatasetRelationship): [string, string][] {
  return [
    ['type', rel.type],
    ['periodStart', rel.periodStart ?? ''],
    ['periodEnd', rel.periodEnd ?? ''],
    ['sources', rel.sources.join(' ')],
  ];
}

const stated = (properties: Record<string, PropertyValue> | undefined): [string, string][] =>
  Object.entries(properties ?? {}).map(([key, value]) => [key, valueText(value)]);

/** Stated properties that share a fixed attribute's name are written under the fixed (text) one. */
const typedOnly = (attributes: GraphAttribute[], fixed: readonly string[]): GraphAttribute[] =>
  attributes.filter(({ key }) => !fixed.includes(key));

const GRAPHML_TYPES: Record<GraphAttribute['type'], string> = {
  string: 'string',
  integer: 'long',
  double: 'double',
  boolean: 'boolean',
};

export async function* graphmlDocument(graph: XmlGraph): AsyncGenerator<string> {
  const nodeKey = graphmlNodeKey;
  const edgeKey = graphmlEdgeKey;
  const data = (values: [string, string][], key: (name: string) => string): string =>
    values
      .filter(([, value]) => value !== '')
      .map(([name, value]) => `<data key="${escapeXml(key(name))}">${escapeXml(value)}</data>`)
      .join('');
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <key id="${GRAPHML_NODE_LABEL}" for="node" attr.name="label" attr.type="string"/>`,
    ...FIXED_NODE.map((key) => `  <key id="${key}" for="node" attr.name="${key}" attr.type="string"/>`),
    `  <key id="${GRAPHML_EDGE_LABEL}" for="edge" attr.name="label" attr.type="string"/>`,
    ...FIXED_EDGE.map((key) => `  <key id="e${key}" for="edge" attr.name="${key}" attr.type="string"/>`),
    ...typedOnly(graph.nodeAttributes, FIXED_NODE).map(
      ({ key, type }) =>
        `  <key id="${escapeXml(nodeKey(key))}" for="node" attr.name="${escapeXml(key)}" attr.type="${GRAPHML_TYPES[type]}"/>`,
    ),
    ...typedOnly(graph.edgeAttributes, FIXED_EDGE).map(
      ({ key, type }) =>
        `  <key id="${escapeXml(edgeKey(key))}" for="edge" attr.name="${escapeXml(key)}" attr.type="${GRAPHML_TYPES[type]}"/>`,
    ),
    '  <graph id="iecm-graph" edgedefault="directed">',
    '',
  ].join('\n');
  for await (const source of graph.sources) {
    yield `    <node id="${escapeXml(source.id)}"><data key="${GRAPHML_NODE_LABEL}">${escapeXml(source.title)}</data>${data(documentValues(source), nodeKey)}</node>\n`;
  }
  for await (const node of graph.nodes) {
    yield `    <node id="${escapeXml(node.id)}"><data key="${GRAPHML_NODE_LABEL}">${escapeXml(node.name)}</data>${data([...nodeValues(node), ...stated(node.properties)], nodeKey)}</node>\n`;
  }
  let i = 0;
  for await (const rel of graph.relationships) {
    const label = RELATION_TYPES[rel.type].label;
    yield `    <edge id="e${i}" source="${escapeXml(rel.from)}" target="${escapeXml(rel.to)}"><data key="${GRAPHML_EDGE_LABEL}">${escapeXml(label)}</data>${data([...edgeValues(rel), ...stated(rel.properties)], edgeKey)}</edge>\n`;
    i += 1;
  }
  yield '  </graph>\n</graphml>\n';
}

export type GexfVersion = '1.2draft' | '1.3';

/** The root element's namespace and schema: 1.2draft lives under www.gexf.net, 1.3 under gexf.net. */
const GEXF_ROOT: Record<GexfVersion, string[]> = {
  '1.2draft': [
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
  ],
  '1.3': [
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
  ],
};

/** GEXF: attributes are declared per class with ids; values refer to them with `for`. */
export async function* gexfDocument(graph: XmlGraph, version: GexfVersion = '1.2draft'): AsyncGenerator<string> {
  const declare = (fixed: readonly string[], typed: GraphAttribute[]): string =>
    [
      ...fixed.map((key) => `      <attribute id="${key}" title="${key}" type="string"/>`),
      ...typedOnly(typed, fixed).map(
        ({ key, type }) => `      <attribute id="${escapeXml(key)}" title="${escapeXml(key)}" type="${type}"/>`,
      ),
    ].join('\n');
  const values = (entries: [string, string][]): string => {
    const present = entries.filter(([, value]) => value !== '');
    if (present.length === 0) return '';
    return `<attvalues>${present
      .map(([key, value]) => `<attvalue for="${escapeXml(key)}" value="${escapeXml(value)}"/>`)
      .join('')}</attvalues>`;
  };
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...GEXF_ROOT[version],
    '  <meta><creator>iecm-graph</creator><description>IECM institutional relationships</description></meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    declare(FIXED_NODE, graph.nodeAttributes),
    '    </attributes>',
    '    <attributes class="edge">',
    declare(FIXED_EDGE, graph.edgeAttributes),
    '    </attributes>',
    '    <nodes>',
    '',
  ].join('\n');
  for await (const source of graph.sources) {
    yield `      <node id="${escapeXml(source.id)}" label="${escapeXml(source.title)}">${values(documentValues(source))}</node>\n`;
  }
  for await (const node of graph.nodes) {
    yield `      <node id="${escapeXml(node.id)}" label="${escapeXml(node.name)}">${values([...nodeValues(node), ...stated(node.properties)])}</node>\n`;
  }
  yield '    </nodes>\n    <edges>\n';
  let i = 0;
  for await (const rel of graph.relationships) {
    yield `      <edge id="e${i}" source="${escapeXml(rel.from)}" target="${escapeXml(rel.to)}" label="${rel.type}">${values([...edgeValues(rel), ...stated(rel.properties)])}</edge>\n`;
    i += 1;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
