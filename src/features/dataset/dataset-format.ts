/**
 * The dataset file format ("iecm-graph/1"): source documents with their numbered statements, nodes and
 * relationships, each citing statements as "<document id>#<n>". The seed in cypher/seed/ is one such file;
 * import and export use the same format.
 */
import {
  MAX_SLUG_LENGTH,
  NODE_KINDS,
  NodeKind,
  relationshipId,
  RELATION_TYPES,
  RelationType,
  SLUG_PATTERN,
  statementId,
} from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';

export const DATASET_FORMAT = 'iecm-graph/1';

export type Scalar = string | number | boolean;
export type PropertyValue = Scalar | Scalar[];

export interface DatasetStatement {
  /** Position of the sentence in the document; 0 is the headline. */
  n: number;
  text: string;
}

export interface DatasetSource {
  id: string;
  title: string;
  url: string;
  /** Partial ISO date: "2024", "2024-09" or "2024-09-25". */
  publishedOn: string;
  author?: string;
  genre?: string;
  publisher?: string;
  language?: string;
  aliases?: string[];
  statements: DatasetStatement[];
}

export interface DatasetNode {
  id: string;
  kind: NodeKind;
  name: string;
  aliases?: string[];
  /** Statement references, "<document id>#<n>". At least one. */
  sources: string[];
  properties?: Record<string, PropertyValue>;
}

export interface DatasetRelationship {
  from: string;
  type: RelationType;
  to: string;
  sources: string[];
  periodStart?: string;
  periodEnd?: string;
  properties?: Record<string, PropertyValue>;
}

export interface Dataset {
  format: typeof DATASET_FORMAT;
  sources: DatasetSource[];
  nodes: DatasetNode[];
  relationships: DatasetRelationship[];
}

export interface ValidationProblem {
  /** Where in the file, e.g. "nodes[3].kind". */
  path: string;
  message: string;
}

/** Ids and statement references already in the database, which a file may refer to without defining. */
export interface KnownIds {
  nodeIds?: ReadonlySet<string>;
  statementIds?: ReadonlySet<string>;
}

/** Properties the loader manages itself; a file may not set them through `properties`. */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'name',
  'aliases',
  'sourceRefs',
  'searchKeys',
  'aliasKeys',
  'sortKey',
  'periodStartDate',
  'periodEndDate',
  'deletedAt',
  'mergedInto',
  'mergedAt',
]);
const PROPERTY_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
const MAX_TEXT = 2_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** Collects problems with their position instead of stopping at the first one. */
class Checker {
  readonly problems: ValidationProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  text(path: string, value: unknown, { required = true, max = 300 } = {}): value is string {
    if (value === undefined && !required) return true;
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'must be a non-empty string');
      return false;
    }
    if (value.length > max) {
      this.add(path, `must be at most ${max} characters`);
      return false;
    }
    return true;
  }

  slug(path: string, value: unknown): value is string {
    if (typeof value !== 'string' || !SLUG_PATTERN.test(value) || value.length > MAX_SLUG_LENGTH) {
      this.add(
        path,
        `must be a slug of lower-case letters, digits and single hyphens (e.g. "iecm"), got ${JSON.stringify(value)}`,
      );
      return false;
    }
    return true;
  }

  partialDate(path: string, value: unknown): boolean {
    if (value === undefined) return true;
    if (typeof value !== 'string' || !parsePartialDate(value)) {
      this.add(path, `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  }

  period(path: string, start: unknown, end: unknown): void {
    if (!this.partialDate(`${path}.periodStart`, start) || !this.partialDate(`${path}.periodEnd`, end)) return;
    if (typeof start === 'string' && typeof end === 'string') {
      if (parsePartialDate(start)!.firstDay > parsePartialDate(end)!.lastDay) {
        this.add(`${path}.periodEnd`, `must not be before periodStart (${start})`);
      }
    }
  }

  stringList(path: string, value: unknown, { required = false } = {}): void {
    if (value === undefined && !required) return;
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list of strings');
      return;
    }
    value.forEach((item, i) => this.text(`${path}[${i}]`, item));
  }

  sourceRefs(path: string, value: unknown, statements: ReadonlySet<string>, known?: ReadonlySet<string>): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.add(path, 'must cite at least one statement as "<document id>#<n>": no unsourced facts');
      return;
    }
    value.forEach((ref, i) => {
      if (typeof ref !== 'string' || !(statements.has(ref) || known?.has(ref))) {
        this.add(`${path}[${i}]`, `${JSON.stringify(ref)} is not a statement of any source document`);
      }
    });
  }

  properties(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.add(path, 'must be an object of scalar values');
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!PROPERTY_NAME.test(key) || RESERVED_PROPERTIES.has(key)) {
        this.add(`${path}.${key}`, 'is not an allowed property name');
      } else if (Array.isArray(item) ? !item.every(isScalar) : !isScalar(item)) {
        this.add(`${path}.${key}`, 'must be a string, number, boolean or a list of them');
      } else if (typeof item === 'string' && item.length > MAX_TEXT) {
        this.add(`${path}.${key}`, `must be at most ${MAX_TEXT} characters`);
      }
    }
    if (isObject(value)) this.period(path, value.periodStart, value.periodEnd);
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): value is T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.add(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  }
}

const NODE_KINDS_IN_NODES = (Object.keys(NODE_KINDS) as NodeKind[]).filter((k) => k !== NodeKind.SOURCE_DOCUMENT);
const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];

function validUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks a parsed file against the format and reports every problem by position. References may point at
 * ids defined in the file or listed in `known` (what the database already holds).
 */
export function validateDataset(
  input: unknown,
  known: KnownIds = {},
): { dataset?: Dataset; problems: ValidationProblem[] } {
  const check = new Checker();
  if (!isObject(input)) return { problems: [{ path: '', message: 'must be a JSON object' }] };
  if (input.format !== DATASET_FORMAT) check.add('format', `must be "${DATASET_FORMAT}"`);
  for (const section of ['sources', 'nodes', 'relationships'] as const) {
    if (!Array.isArray(input[section])) check.add(section, 'must be a list');
  }
  if (check.problems.length > 0) return { problems: check.problems };

  const sources = input.sources as unknown[];
  const nodes = input.nodes as unknown[];
  const relationships = input.relationships as unknown[];
  const ids = new Map<string, string>();
  const statements = new Set<string>();
  const claimId = (path: string, id: string): void => {
    const previous = ids.get(id);
    if (previous) check.add(path, `duplicates the id "${id}" of ${previous}`);
    else ids.set(id, path);
  };

  sources.forEach((raw, i) => {
    const path = `sources[${i}]`;
    if (!isObject(raw)) return check.add(path, 'must be an object');
    if (check.slug(`${path}.id`, raw.id)) claimId(`${path}.id`, raw.id);
    check.text(`${path}.title`, raw.title, { max: 500 });
    if (!validUrl(raw.url)) check.add(`${path}.url`, 'must be an http(s) URL');
    if (raw.publishedOn === undefined) check.add(`${path}.publishedOn`, 'is required');
    else check.partialDate(`${path}.publishedOn`, raw.publishedOn);
    for (const field of ['author', 'genre', 'publisher', 'language'] as const) {
      check.text(`${path}.${field}`, raw[field], { required: false });
    }
    check.stringList(`${path}.aliases`, raw.aliases);
    if (!Array.isArray(raw.statements) || raw.statements.length === 0) {
      return check.add(`${path}.statements`, 'must list the numbered sentences the facts cite');
    }
    raw.statements.forEach((statement: unknown, j: number) => {
      const spath = `${path}.statements[${j}]`;
      if (!isObject(statement) || !Number.isInteger(statement.n) || (statement.n as number) < 0) {
        return check.add(`${spath}.n`, 'must be a non-negative integer');
      }
      check.text(`${spath}.text`, statement.text, { max: MAX_TEXT });
      if (typeof raw.id === 'string') {
        const ref = statementId(raw.id, statement.n as number);
        if (statements.has(ref)) check.add(`${spath}.n`, `repeats statement ${String(statement.n)}`);
        statements.add(ref);
      }
    });
  });

  nodes.forEach((raw, i) => {
    const path = `nodes[${i}]`;
    if (!isObject(raw)) return check.add(path, 'must be an object');
    if (check.slug(`${path}.id`, raw.id)) claimId(`${path}.id`, raw.id);
    check.oneOf(`${path}.kind`, raw.kind, NODE_KINDS_IN_NODES);
    check.text(`${path}.name`, raw.name);
    check.stringList(`${path}.aliases`, raw.aliases);
    check.sourceRefs(`${path}.sources`, raw.sources, statements, known.statementIds);
    check.properties(`${path}.properties`, raw.properties);
  });

  const relationshipIds = new Set<string>();
  relationships.forEach((raw, i) => {
    const path = `relationships[${i}]`;
    if (!isObject(raw)) return check.add(path, 'must be an object');
    for (const end of ['from', 'to'] as const) {
      const id = raw[end];
      if (check.slug(`${path}.${end}`, id) && !ids.has(id) && !known.nodeIds?.has(id)) {
        check.add(`${path}.${end}`, `"${id}" is neither defined in this file nor in the graph`);
      }
    }
    check.oneOf(`${path}.type`, raw.type, RELATION_TYPE_NAMES);
    check.sourceRefs(`${path}.sources`, raw.sources, statements, known.statementIds);
    check.period(path, raw.periodStart, raw.periodEnd);
    check.properties(`${path}.properties`, raw.properties);
    const key = relationshipId(raw as unknown as DatasetRelationship);
    if (relationshipIds.has(key)) check.add(path, `repeats the relationship ${key}`);
    relationshipIds.add(key);
  });

  if (check.problems.length > 0) return { problems: check.problems };
  return { dataset: input as unknown as Dataset, problems: [] };
}
