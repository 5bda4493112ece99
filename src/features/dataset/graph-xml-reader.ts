/**
 * Reads GraphML and GEXF back into dataset records, streaming (saxes: one element at a time, bounded memory),
 * each record with the physical line its element starts on. It reads what graph-xml.ts writes: nodes of kind
 * SOURCE_DOCUMENT are source documents (title as label, fields, statements as JSON text), other nodes are nodes
 * (name as label, kind, aliases, sources) and edges relationships (type, period, sources); every other attribute
 * is a stated property, typed by its declaration (long/integer, double/float, boolean; otherwise text, and the
 * list properties of csv-format.ts split on " | "). What the export does not write cannot come back: a list
 * property other than those, or a property whose values have several types (declared as text), returns as text.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { NodeKind } from '../../model/graph-model';
import { LIST_PROPERTIES } from './csv-format';
import type { FileIssue, FileRecord, ReadSummary, RecordSink } from './dataset-reader';
import type { PropertyValue } from './dataset-format';
import {
  DOCUMENT_TEXT_FIELDS,
  FIXED_EDGE,
  FIXED_NODE,
  GRAPHML_EDGE_LABEL,
  GRAPHML_NODE_LABEL,
  graphmlEdgeKey,
  graphmlNodeKey,
  XML_LIST_SEPARATOR,
} from './graph-xml';

export type GraphXmlDialect = 'graphml' | 'gexf';

interface Declared {
  name: string;
  type: string;
}

/** A node or edge element as read: its XML attributes and its values by attribute (key) id. */
interface Element {
  tag: 'node' | 'edge';
  attributes: Record<string, string>;
  values: Map<string, string>;
  line: number;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const splitList = (value: string | undefined, separator: string): string[] =>
  (value ?? '')
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);

function typed(name: string, type: string, text: string): PropertyValue {
  if (LIST_PROPERTIES.has(name)) return splitList(text, XML_LIST_SEPARATOR);
  switch (type) {
    case 'long':
    case 'integer':
    case 'int':
    case 'double':
    case 'float': {
      const number = Number(text);
      return text.trim() !== '' && Number.isFinite(number) ? number : text;
    }
    case 'boolean':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
    default:
      return text;
  }
}

const DOCUMENT_KIND: string = NodeKind.SOURCE_DOCUMENT;
const DOCUMENT_ONLY: ReadonlySet<string> = new Set([...DOCUMENT_TEXT_FIELDS, 'statements']);

type Role = { role: 'label' } | { role: 'fixed'; name: string } | { role: 'property'; name: string; type: string };

/**
 * What a value of `id` stands for. The export's own ids first (graph-xml.ts); then, for a file another tool saved
 * again with ids of its own (yEd's d0, d1, ...; Gephi's 0, 1, ...), the declared name.
 */
function roleOf(dialect: GraphXmlDialect, tag: 'node' | 'edge', id: string, declared: Declared | undefined): Role {
  const fixed: readonly string[] = tag === 'node' ? FIXED_NODE : FIXED_EDGE;
  const fixedKey = dialect === 'gexf' ? (name: string) => name : tag === 'node' ? graphmlNodeKey : graphmlEdgeKey;
  const labelKey = tag === 'node' ? GRAPHML_NODE_LABEL : GRAPHML_EDGE_LABEL;
  if (dialect === 'graphml' && id === labelKey) return { role: 'label' };
  const own = fixed.find((name) => fixedKey(name) === id);
  if (own !== undefined) return { role: 'fixed', name: own };
  const name = declared?.name ?? (dialect === 'graphml' ? id.replace(/^[ne]_/, '') : id);
  const ours = dialect === 'graphml' && /^[ne]_/.test(id);
  if (!ours && dialect === 'graphml' && name === 'label') return { role: 'label' };
  if (!ours && fixed.includes(name)) return { role: 'fixed', name };
  return { role: 'property', name, type: declared?.type ?? 'string' };
}

/** A record of the dataset format from one element (validated later, like every other record). */
function toRecord(
  element: Element,
  dialect: GraphXmlDialect,
  declared: { node: Map<string, Declared>; edge: Map<string, Declared> },
): FileRecord {
  const { tag, attributes, values, line } = element;
  const roles = [...values].map(([id, text]) => ({ text, ...roleOf(dialect, tag, id, declared[tag].get(id)) }));
  const isDocument =
    tag === 'node' &&
    roles.some((value) => value.role === 'fixed' && value.name === 'kind' && value.text === DOCUMENT_KIND);
  const named = new Map<string, string>();
  const properties: Record<string, PropertyValue> = {};
  let label = attributes.label;
  for (const value of roles) {
    if (value.role === 'label') label = value.text;
    // A document's own fields are stated properties on any other node (the export writes them under the same id).
    else if (value.role === 'fixed' && (isDocument || tag === 'edge' || !DOCUMENT_ONLY.has(value.name))) {
      named.set(value.name, value.text);
    } else if (value.role === 'fixed') properties[value.name] = value.text;
    else properties[value.name] = typed(value.name, value.type, value.text);
  }
  const stated = Object.keys(properties).length > 0 ? properties : undefined;
  const sources = splitList(named.get('sources'), ' ');
  if (tag === 'edge') {
    return {
      section: 'relationships',
      line,
      raw: {
        from: attributes.source,
        type: named.get('type') ?? (dialect === 'gexf' ? label : undefined),
        to: attributes.target,
        periodStart: named.get('periodStart'),
        periodEnd: named.get('periodEnd'),
        sources,
        properties: stated,
      },
    };
  }
  const aliases = splitList(named.get('aliases'), XML_LIST_SEPARATOR);
  if (isDocument) {
    let statements: unknown;
    try {
      statements = JSON.parse(named.get('statements') ?? '[]');
    } catch {
      statements = named.get('statements');
    }
    const source: Record<string, unknown> = { id: attributes.id, title: label, statements };
    for (const field of DOCUMENT_TEXT_FIELDS) {
      const value = named.get(field);
      if (value !== undefined) source[field] = value;
    }
    if (aliases.length > 0) source.aliases = aliases;
    return { section: 'sources', line, raw: source };
  }
  return {
    section: 'nodes',
    line,
    raw: { id: attributes.id, kind: named.get('kind'), name: label, aliases, sources, properties: stated },
  };
}

/** A document that is well-formed XML but not of the format: where its element starts. */
class ShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const POSITION_PREFIX = /^(?:[^:\n]*:)?\d+:\d+: /;

/** Streams the records of a GraphML or GEXF file of the export's shape into `sink`. */
export async function readGraphXml(file: string, sink: RecordSink, dialect: GraphXmlDialect): Promise<ReadSummary> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const declared = { node: new Map<string, Declared>(), edge: new Map<string, Declared>() };
  const issues: FileIssue[] = [];
  let pending: FileRecord[] = [];
  let root: string | undefined;
  let attributeClass: 'node' | 'edge' | undefined;
  let element: Element | undefined;
  let dataKey: string | undefined;
  let dataText = '';
  let tagLine = 1;

  // The line an element starts on (its start tag may span lines).
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes;
    if (root === undefined) {
      root = name;
      if (name !== dialect) {
        throw new ShapeError(`the root element is <${name}>, not <${dialect}>`, tagLine);
      }
    }
    if (name === 'key' && dialect === 'graphml') {
      const target = attributes.for === 'edge' ? 'edge' : 'node';
      if (attributes.id !== undefined) {
        declared[target].set(attributes.id, {
          name: attributes['attr.name'] ?? attributes.id,
          type: attributes['attr.type'] ?? 'string',
        });
      }
    } else if (name === 'attributes' && dialect === 'gexf') {
      attributeClass = attributes.class === 'edge' ? 'edge' : 'node';
    } else if (name === 'attribute' && dialect === 'gexf' && attributeClass && attributes.id !== undefined) {
      declared[attributeClass].set(attributes.id, {
        name: attributes.title ?? attributes.id,
        type: attributes.type ?? 'string',
      });
    } else if ((name === 'node' || name === 'edge') && element === undefined) {
      element = { tag: name, attributes: { ...attributes }, values: new Map(), line: tagLine };
    } else if (name === 'data' && element) {
      dataKey = attributes.key;
      dataText = '';
    } else if (name === 'attvalue' && element && attributes.for !== undefined) {
      element.values.set(attributes.for, attributes.value ?? '');
    }
  });
  const onText = (text: string): void => {
    if (dataKey !== undefined) dataText += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 'data' && element && dataKey !== undefined) {
      element.values.set(dataKey, dataText);
      dataKey = undefined;
    } else if (name === 'attributes') {
      attributeClass = undefined;
    } else if (element && name === element.tag) {
      pending.push(toRecord(element, dialect, declared));
      element = undefined;
    }
  });

  const failed = (error: unknown): ReadSummary => {
    const message = (error instanceof Error ? error.message : String(error)).replace(POSITION_PREFIX, '');
    const what = dialect === 'graphml' ? 'GraphML' : 'GEXF';
    const position = error instanceof ShapeError ? { line: error.line } : { line: parser.line, column: parser.column };
    return { issues: [{ ...position, field: '', message: `is not valid ${what}: ${message}` }], digest: '' };
  };

  let first = true;
  const input = createReadStream(file);
  try {
    for await (const data of input) {
      if (!Buffer.isBuffer(data)) continue;
      hash.update(data);
      let text = decoder.write(data);
      if (first && text.length > 0) {
        if (text.startsWith('\ufeff')) text = text.slice(1);
        first = false;
      }
      parser.write(text);
      const records = pending;
      pending = [];
      if (records.length > 0) await sink(records);
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    input.destroy();
    if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') throw error;
    return failed(error);
  }
  if (pending.length > 0) await sink(pending);
  if (root === undefined) return failed(new ShapeError('the file holds no element', 1));
  return { issues, digest: hash.digest('hex') };
}
