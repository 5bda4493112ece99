/**
 * Reading what clients send: a reconciliation query batch and a data extension query, as the 0.2 specification
 * shapes them (JSON in a `queries` or `extend` parameter, or a JSON body). Every problem is reported at once, with
 * where it is, so a client fixes its batch in one go; nothing is guessed.
 */
import type { NodeKind } from '../../model/graph-model';
import { badInput } from '../../shared/errors';
import { normalizeText } from '../../shared/text';
import { kindOf, propertyOf, PropertyId, PROPERTIES, type ReconcileProperty } from './reconcile-model';

/** The manifest's `batchSize`: larger batches are answered 413. */
export const MAX_BATCH = 100;
export const DEFAULT_LIMIT = 10;
/** Larger limits are lowered to this: a client asking for more candidates than anyone reads costs everybody. */
export const MAX_LIMIT = 50;
export const MAX_QUERY_LENGTH = 500;
const MAX_CONDITIONS = 20;
const MAX_VALUES = 20;
/** Entities and properties of one data extension query. */
export const MAX_EXTEND_IDS = 500;
const MAX_EXTEND_PROPERTIES = 20;

export type TypeStrict = 'any' | 'all' | 'should';
const TYPE_STRICT: readonly TypeStrict[] = ['any', 'all', 'should'];

/** A value a condition compares: folded text (a name, an acronym, a kind) and, for an entity reference, its id. */
export interface ConditionValue {
  key: string;
  id: string | null;
}

export interface Condition {
  property: ReconcileProperty;
  values: ConditionValue[];
}

export interface ReconcileQuery {
  /** The query's key in the batch ("q0"). */
  key: string;
  /** The name looked for, as sent; null when only conditions are given. */
  text: string | null;
  /**
   * Why this query cannot be answered (a cell of only spaces, or over MAX_QUERY_LENGTH characters): it gets an
   * empty result, and the rest of the batch its answers, as a spreadsheet with one bad cell expects.
   */
  unanswerable?: string;
  kinds: NodeKind[];
  typeStrict: TypeStrict;
  limit: number;
  conditions: Condition[];
}

export interface Problem {
  /** Where, as a dotted path into the JSON sent ("q0.properties.1.pid"). */
  path: string;
  message: string;
}

const QUERY_FIELDS = new Set(['query', 'type', 'limit', 'properties', 'type_strict']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A parameter's JSON: parsed when it came as text (a form field or query string), as it is from a JSON body. */
export function jsonParameter(value: unknown, name: string): unknown {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch (error) {
      // A RangeError (too deep for the parser's stack) is the client's too.
      throw badInput(`"${name}" is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (depthOver(parsed, MAX_JSON_DEPTH)) {
    throw badInput(`"${name}" nests deeper than ${MAX_JSON_DEPTH} levels; no reconciliation request does.`);
  }
  return parsed;
}

/** No query or extension nests deeper than a handful of levels: deeper is refused before anything walks it. */
export const MAX_JSON_DEPTH = 16;

/** Whether `value` nests arrays and objects deeper than `limit`: iterative, so any depth is safe to ask about. */
function depthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function refused(what: string, problems: Problem[]): never {
  const first = problems[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  throw badInput(`Invalid ${what}: ${summary}${more}`, { details: problems.slice(0, 100) });
}

function parseValue(value: unknown, path: string, problems: Problem[]): ConditionValue | null {
  if (typeof value === 'string') return { key: normalizeText(value), id: null };
  if (typeof value === 'number' || typeof value === 'boolean') return { key: String(value), id: null };
  if (isRecord(value) && typeof value.id === 'string') {
    const name = typeof value.name === 'string' ? value.name : value.id;
    return { key: normalizeText(name), id: value.id };
  }
  problems.push({ path, message: 'a value is a string, number, boolean or an entity {"id": ..., "name": ...}' });
  return null;
}

function parseCondition(item: unknown, path: string, problems: Problem[]): Condition | null {
  if (!isRecord(item)) {
    problems.push({ path, message: 'a property condition is an object {"pid": ..., "v": ...}' });
    return null;
  }
  if (typeof item.pid !== 'string') {
    problems.push({ path: `${path}.pid`, message: 'pid (the property id) is required, as a string' });
    return null;
  }
  const property = propertyOf(item.pid);
  if (!property || property.condition === null) {
    const usable = PROPERTIES.filter((candidate) => candidate.condition !== null).map((candidate) => candidate.id);
    problems.push({
      path: `${path}.pid`,
      message: `"${item.pid}" is not a property queries can use; use one of ${usable.join(', ')}`,
    });
    return null;
  }
  if (!('v' in item)) {
    problems.push({ path: `${path}.v`, message: 'v (the value or values) is required' });
    return null;
  }
  const raw = Array.isArray(item.v) ? item.v : [item.v];
  if (raw.length === 0 || raw.length > MAX_VALUES) {
    problems.push({ path: `${path}.v`, message: `give 1 to ${MAX_VALUES} values` });
    return null;
  }
  const values: ConditionValue[] = [];
  raw.forEach((value: unknown, i) => {
    const at = Array.isArray(item.v) ? `${path}.v.${i}` : `${path}.v`;
    const parsed = parseValue(value, at, problems);
    if (parsed && property.id === PropertyId.KIND && !kindOf(parsed.key)) {
      problems.push({ path: at, message: `unknown kind ${JSON.stringify(value)}; the types are the kinds` });
    } else if (parsed) values.push(parsed);
  });
  return values.length === raw.length ? { property, values } : null;
}

function parseKinds(type: unknown, path: string, problems: Problem[]): NodeKind[] {
  const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type : null;
  if (names === null) {
    problems.push({ path, message: 'type is a type id or an array of type ids' });
    return [];
  }
  const kinds: NodeKind[] = [];
  names.forEach((name: unknown, i) => {
    const kind = typeof name === 'string' ? kindOf(name) : undefined;
    if (kind) kinds.push(kind);
    else
      problems.push({
        path: typeof type === 'string' ? path : `${path}.${i}`,
        message: `unknown type ${JSON.stringify(name)}`,
      });
  });
  return [...new Set(kinds)];
}

function parseQuery(key: string, query: unknown, problems: Problem[]): ReconcileQuery | null {
  if (!isRecord(query)) {
    problems.push({ path: key, message: 'a reconciliation query is an object' });
    return null;
  }
  const before = problems.length;
  for (const field of Object.keys(query)) {
    if (!QUERY_FIELDS.has(field)) {
      problems.push({
        path: `${key}.${field}`,
        message: `unknown field; a query has only ${[...QUERY_FIELDS].join(', ')}`,
      });
    }
  }
  let text: string | null = null;
  let unanswerable: string | undefined;
  if ('query' in query) {
    if (typeof query.query !== 'string') {
      problems.push({ path: `${key}.query`, message: 'query is a non-empty string' });
    } else if (query.query.trim() === '') unanswerable = 'query is blank';
    else if (query.query.length > MAX_QUERY_LENGTH) unanswerable = `query is over ${MAX_QUERY_LENGTH} characters`;
    else text = query.query;
  }
  const kinds = 'type' in query ? parseKinds(query.type, `${key}.type`, problems) : [];
  let limit = DEFAULT_LIMIT;
  if ('limit' in query) {
    if (typeof query.limit !== 'number' || !Number.isInteger(query.limit) || query.limit < 1) {
      problems.push({ path: `${key}.limit`, message: 'limit is a positive whole number' });
    } else limit = Math.min(query.limit, MAX_LIMIT);
  }
  let typeStrict: TypeStrict = 'any';
  if ('type_strict' in query) {
    const strict = TYPE_STRICT.find((candidate) => candidate === query.type_strict);
    if (strict) typeStrict = strict;
    else problems.push({ path: `${key}.type_strict`, message: `type_strict is one of ${TYPE_STRICT.join(', ')}` });
  }
  const conditions: Condition[] = [];
  if ('properties' in query) {
    if (!Array.isArray(query.properties) || query.properties.length > MAX_CONDITIONS) {
      problems.push({ path: `${key}.properties`, message: `properties is an array of at most ${MAX_CONDITIONS}` });
    } else {
      query.properties.forEach((item: unknown, i) => {
        const condition = parseCondition(item, `${key}.properties.${i}`, problems);
        if (condition) conditions.push(condition);
      });
    }
  }
  if (!('query' in query) && conditions.length === 0 && problems.length === before) {
    problems.push({ path: key, message: 'a query needs "query" or a non-empty "properties"' });
  }
  if (problems.length > before) return null;
  return unanswerable
    ? { key, text, kinds, typeStrict, limit, conditions, unanswerable }
    : { key, text, kinds, typeStrict, limit, conditions };
}

/**
 * The queries of a batch, in the batch's order. A malformed batch (a client's mistake) is refused whole (400), or 413
 * if too large; a bad cell of data (blank or too long) only makes its own query unanswerable.
 */
export function parseQueryBatch(batch: unknown): ReconcileQuery[] {
  if (!isRecord(batch)) refused('query batch', [{ path: '', message: 'a batch is an object of queries by key' }]);
  const entries = Object.entries(batch);
  if (entries.length > MAX_BATCH) {
    throw badInput(
      `A batch holds at most ${MAX_BATCH} queries (the manifest's batchSize); this one has ${entries.length}.`,
      {
        httpStatus: 413,
      },
    );
  }
  const problems: Problem[] = [];
  const queries = entries.flatMap(([key, query]) => parseQuery(key, query, problems) ?? []);
  if (problems.length > 0) refused('query batch', problems);
  return queries;
}

export interface ExtendQuery {
  ids: string[];
  properties: { property: ReconcileProperty; limit: number }[];
}

/** A property's `limit` setting: 0 (the default) is every value, up to this many. */
export const MAX_EXTEND_VALUES = 1_000;

export function parseExtendQuery(query: unknown): ExtendQuery {
  const problems: Problem[] = [];
  if (!isRecord(query))
    refused('data extension query', [{ path: '', message: 'it is an object {"ids", "properties"}' }]);
  const ids: string[] = [];
  if (!Array.isArray(query.ids) || query.ids.length > MAX_EXTEND_IDS) {
    problems.push({ path: 'ids', message: `ids is an array of at most ${MAX_EXTEND_IDS} entity ids` });
  } else {
    query.ids.forEach((id: unknown, i) => {
      if (typeof id === 'string' && id !== '') ids.push(id);
      else problems.push({ path: `ids.${i}`, message: 'an entity id is a non-empty string' });
    });
  }
  const properties: ExtendQuery['properties'] = [];
  if (!Array.isArray(query.properties) || query.properties.length > MAX_EXTEND_PROPERTIES) {
    problems.push({ path: 'properties', message: `properties is an array of at most ${MAX_EXTEND_PROPERTIES}` });
  } else {
    query.properties.forEach((item: unknown, i) => {
      const path = `properties.${i}`;
      const property = isRecord(item) && typeof item.id === 'string' ? propertyOf(item.id) : undefined;
      if (!isRecord(item) || !property) {
        problems.push({
          path: `${path}.id`,
          message: `a property is {"id": ...} with an id among ${PROPERTIES.map((known) => known.id).join(', ')}`,
        });
        return;
      }
      let limit = MAX_EXTEND_VALUES;
      if ('settings' in item) {
        const settings = item.settings;
        if (!isRecord(settings)) problems.push({ path: `${path}.settings`, message: 'settings is an object' });
        else if ('limit' in settings) {
          const value = typeof settings.limit === 'string' ? Number(settings.limit) : settings.limit;
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
            problems.push({ path: `${path}.settings.limit`, message: 'limit is a whole number, 0 for all values' });
          } else if (value > 0) limit = Math.min(value, MAX_EXTEND_VALUES);
        }
      }
      if (properties.some((asked) => asked.property.id === property.id)) {
        problems.push({ path: `${path}.id`, message: `"${property.id}" is asked for twice` });
        return;
      }
      properties.push({ property, limit });
    });
  }
  if (problems.length > 0) refused('data extension query', problems);
  return { ids: [...new Set(ids)], properties };
}
