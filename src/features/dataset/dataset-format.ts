/**
 * The dataset file format ("iecm-graph/1"): source documents with their numbered statements, nodes and
 * relationships, each citing statements as "<document id>#<n>". The seed in cypher/seed/ is one such file;
 * import and export use the same format.
 */
import {
  AGREEMENT_STATUSES,
  checkEnds,
  MAX_SLUG_LENGTH,
  NODE_KINDS,
  NodeKind,
  parseRelationshipId,
  relationshipId,
  RELATION_TYPES,
  RelationType,
  SLUG_PATTERN,
  statementId,
} from '../../model/graph-model';
import { parsePartialDate } from '../../shared/partial-date';
import { storedText, textProblem } from '../../shared/text';

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
  /** Partial ISO date: "2024", "2024-09" or "2024-09-25"; left out when the document does not say. */
  publishedOn?: string;
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
  /** The kinds of known nodes, for checking the kinds relationships join (checkEnds); unchecked when absent. */
  nodeKinds?: ReadonlyMap<string, NodeKind>;
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
  'partnerRanking',
  'partnerRankingRels',
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

/**
 * Where a record is, packed into one number so that maps over millions of records stay compact: an origin
 * (a file, or a section of an in-memory dataset) times 2^32 plus a line (or index). See `packWhere`.
 */
export type Where = number;
const ORIGIN_FACTOR = 2 ** 32;
export const packWhere = (origin: number, at: number): Where => origin * ORIGIN_FACTOR + at;
export const unpackWhere = (where: Where): { origin: number; at: number } => ({
  origin: Math.floor(where / ORIGIN_FACTOR),
  at: where % ORIGIN_FACTOR,
});

/** A problem of one record: where it is and which field (relative to the record, e.g. "sources[0]"). */
export interface RecordProblem {
  where: Where;
  field: string;
  message: string;
}

/** Collects the problems of one record, by field, instead of stopping at the first one. */
class Checker {
  constructor(
    private readonly where: Where,
    private readonly report: (problem: RecordProblem) => void,
  ) {}

  count = 0;

  add(field: string, message: string): void {
    this.report({ where: this.where, field, message });
    this.count += 1;
  }

  /**
   * A text that must say something: a non-empty string passing the checks every input passes (src/shared/text.ts,
   * as the GraphQL inputs do): no lone surrogate, control character or bidirectional override, and not blank
   * (spaces or zero-width characters only).
   */
  text(path: string, value: unknown, { required = true, max = 300 } = {}): value is string {
    if (value === undefined && !required) return true;
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, 'must be a non-empty string');
      return false;
    }
    const problem = textProblem(value, { name: true });
    if (problem) {
      this.add(path, problem);
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

  period(prefix: string, start: unknown, end: unknown): void {
    if (!this.partialDate(`${prefix}periodStart`, start) || !this.partialDate(`${prefix}periodEnd`, end)) return;
    if (typeof start === 'string' && typeof end === 'string') {
      const first = parsePartialDate(start);
      const last = parsePartialDate(end);
      if (first && last && first.firstDay > last.lastDay) {
        this.add(`${prefix}periodEnd`, `must not be before periodStart (${start})`);
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
      } else {
        (Array.isArray(item) ? item : [item]).forEach((scalar, i) => {
          const problem = typeof scalar === 'string' ? textProblem(scalar) : null;
          if (problem) this.add(Array.isArray(item) ? `${path}.${key}[${i}]` : `${path}.${key}`, problem);
        });
      }
    }
    this.period(`${path}.`, value.periodStart, value.periodEnd);
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): value is T {
    if (typeof value !== 'string' || !allowed.some((item) => item === value)) {
      this.add(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  }
}

const NODE_KINDS_IN_NODES = (Object.keys(NODE_KINDS) as NodeKind[]).filter((k) => k !== NodeKind.SOURCE_DOCUMENT);
const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];
const AGREEMENT_STATUS_NAMES = Object.keys(AGREEMENT_STATUSES);

function validUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A record (or file) with no problems is of the type its checks describe. */
const passed = <T>(record: Record<string, unknown>, problems: number): record is Record<string, unknown> & T =>
  problems === 0 && typeof record === 'object';

/** Fields of a record that are names (shown as labels): trimmed when stored, as the GraphQL inputs' names are. */
const NAME_FIELDS: ReadonlySet<string> = new Set(['name', 'title', 'aliases']);

/** A value's strings as stored (src/shared/text.ts storedText: Unicode NFC, names trimmed), lists and objects within. */
function stored(value: unknown, name: boolean): unknown {
  if (typeof value === 'string') return storedText(value, { name });
  if (Array.isArray(value)) return value.map((item) => stored(item, name));
  if (isObject(value)) {
    for (const key of Object.keys(value)) value[key] = stored(value[key], false);
  }
  return value;
}

/**
 * Stores the text of a record that passed its checks as the GraphQL inputs store theirs, in place (the record is
 * the reader's own): a name typed with combining accents is the precomposed one, in the graph and its search keys.
 */
function storeTexts(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) record[key] = stored(record[key], NAME_FIELDS.has(key));
}

/** References that neither the records so far nor `known` define: checked when all records are read. */
interface Pending {
  where: Where;
  field: string;
}
/** Positions kept per unresolved id: enough to point at the problem without holding every citation. */
const MAX_PENDING_POSITIONS = 5;

function addPending(map: Map<string, Pending[]>, id: string, pending: Pending): void {
  const list = map.get(id);
  if (!list) map.set(id, [pending]);
  else if (list.length < MAX_PENDING_POSITIONS) list.push(pending);
}

/** What a validator knows once every record was read: ids defined and references still to be found. */
export interface ValidationSummary {
  /** Every id the records define (documents and nodes), with its kind and where it is defined. */
  defined: ReadonlyMap<string, { kind: NodeKind; where: Where }>;
  /** Node ids that relationships refer to without any record defining them, with where they are cited. */
  missingNodes: ReadonlyMap<string, readonly Pending[]>;
  /** Statement references that no document of the records defines. */
  missingStatements: ReadonlyMap<string, readonly Pending[]>;
}

/**
 * Checks records one at a time, in any order and from any number of files, keeping only compact indexes
 * (defined ids, statement ids, relationship ids): a file of millions of records is validated as it streams.
 * References to ids that are not defined yet are kept and settled by `finish()`; those still missing then are
 * for the caller to look up in the graph (or to report, as `validateDataset` does).
 */
export class DatasetValidator {
  /** The first `maxProblems` problems found (a file of a million bad records would not fit otherwise). */
  readonly problems: RecordProblem[] = [];
  /** All problems found, listed or not. */
  problemCount = 0;
  private readonly defined = new Map<string, { kind: NodeKind; where: Where }>();
  /** Ids of nodes whose kind is missing or wrong: their relationships' ends are not checked. */
  private readonly untyped = new Set<string>();
  private readonly statements = new Set<string>();
  private readonly relationshipIds = new Map<string, Where>();
  private readonly pendingNodes = new Map<string, Pending[]>();
  private readonly pendingStatements = new Map<string, Pending[]>();

  /** `describe` names a position in messages that point at another record (a duplicate). */
  constructor(
    private readonly describe: (where: Where) => string,
    private readonly known: KnownIds = {},
    private readonly maxProblems = 10_000,
  ) {}

  private readonly report = (problem: RecordProblem): void => {
    this.problemCount += 1;
    if (this.problems.length < this.maxProblems) this.problems.push(problem);
  };

  private claimId(check: Checker, field: string, id: string, kind: NodeKind, where: Where): void {
    const previous = this.defined.get(id);
    if (previous) check.add(field, `duplicates the id "${id}" defined at ${this.describe(previous.where)}`);
    else this.defined.set(id, { kind, where });
  }

  private sourceRefs(check: Checker, value: unknown, where: Where): void {
    if (!Array.isArray(value) || value.length === 0) {
      check.add('sources', 'must cite at least one statement as "<document id>#<n>": no unsourced facts');
      return;
    }
    value.forEach((ref: unknown, i) => {
      if (typeof ref !== 'string') {
        check.add(`sources[${i}]`, `${JSON.stringify(ref)} is not a statement of any source document`);
      } else if (!this.statements.has(ref) && !this.known.statementIds?.has(ref)) {
        addPending(this.pendingStatements, ref, { where, field: `sources[${i}]` });
      }
    });
  }

  /** A source document with its statements; the typed record when it is valid. */
  source(raw: unknown, where: Where): DatasetSource | undefined {
    const check = new Checker(where, this.report);
    if (!isObject(raw)) return void check.add('', 'must be an object');
    if (check.slug('id', raw.id)) this.claimId(check, 'id', raw.id, NodeKind.SOURCE_DOCUMENT, where);
    check.text('title', raw.title, { max: 500 });
    const urlProblem = typeof raw.url === 'string' ? textProblem(raw.url) : null;
    if (!validUrl(raw.url)) check.add('url', 'must be an http(s) URL');
    else if (urlProblem) check.add('url', urlProblem);
    check.partialDate('publishedOn', raw.publishedOn);
    for (const field of ['author', 'genre', 'publisher', 'language'] as const) {
      check.text(field, raw[field], { required: false });
    }
    check.stringList('aliases', raw.aliases);
    if (!Array.isArray(raw.statements) || raw.statements.length === 0) {
      check.add('statements', 'must list the numbered sentences the facts cite');
      return undefined;
    }
    raw.statements.forEach((statement: unknown, j: number) => {
      const path = `statements[${j}]`;
      if (!isObject(statement) || !Number.isInteger(statement.n) || Number(statement.n) < 0) {
        return check.add(`${path}.n`, 'must be a non-negative integer');
      }
      check.text(`${path}.text`, statement.text, { max: MAX_TEXT });
      if (typeof raw.id === 'string') {
        const ref = statementId(raw.id, Number(statement.n));
        if (this.statements.has(ref)) check.add(`${path}.n`, `repeats statement ${String(statement.n)}`);
        this.statements.add(ref);
      }
    });
    if (!passed<DatasetSource>(raw, check.count)) return undefined;
    storeTexts(raw);
    return raw;
  }

  node(raw: unknown, where: Where): DatasetNode | undefined {
    const check = new Checker(where, this.report);
    if (!isObject(raw)) return void check.add('', 'must be an object');
    const idOk = check.slug('id', raw.id);
    const kind = check.oneOf('kind', raw.kind, NODE_KINDS_IN_NODES) ? raw.kind : undefined;
    if (idOk && typeof raw.id === 'string') this.claimId(check, 'id', raw.id, kind ?? NodeKind.ORGANIZATION, where);
    if (!kind && typeof raw.id === 'string') this.untyped.add(raw.id);
    check.text('name', raw.name);
    check.stringList('aliases', raw.aliases);
    this.sourceRefs(check, raw.sources, where);
    check.properties('properties', raw.properties);
    // The API serves an agreement's status as an enum: a value outside it would be lost, so it is refused here.
    if (kind === NodeKind.AGREEMENT && isObject(raw.properties) && raw.properties.status !== undefined) {
      check.oneOf('properties.status', raw.properties.status, AGREEMENT_STATUS_NAMES);
    }
    if (!passed<DatasetNode>(raw, check.count)) return undefined;
    storeTexts(raw);
    return raw;
  }

  relationship(raw: unknown, where: Where): DatasetRelationship | undefined {
    const check = new Checker(where, this.report);
    if (!isObject(raw)) return void check.add('', 'must be an object');
    for (const end of ['from', 'to'] as const) {
      const id = raw[end];
      if (check.slug(end, id) && !this.defined.has(id) && !this.known.nodeIds?.has(id)) {
        addPending(this.pendingNodes, id, { where, field: end });
      }
    }
    check.oneOf('type', raw.type, RELATION_TYPE_NAMES);
    this.sourceRefs(check, raw.sources, where);
    check.period('', raw.periodStart, raw.periodEnd);
    check.properties('properties', raw.properties);
    if (typeof raw.from === 'string' && typeof raw.to === 'string' && typeof raw.type === 'string') {
      const key = relationshipId({
        from: raw.from,
        to: raw.to,
        type: raw.type as RelationType,
        periodStart: typeof raw.periodStart === 'string' ? raw.periodStart : undefined,
      });
      const previous = this.relationshipIds.get(key);
      if (previous !== undefined) check.add('', `repeats the relationship ${key} of ${this.describe(previous)}`);
      else this.relationshipIds.set(key, where);
    }
    if (!passed<DatasetRelationship>(raw, check.count)) return undefined;
    storeTexts(raw);
    return raw;
  }

  /**
   * The relationships whose ends are of kinds their type does not join (the graph model's `checkEnds`), once every
   * record was read. `kindOf` gives the kind of an id no record defines (a node of the graph); an end whose kind
   * is unknown is left to the checks of missing nodes.
   */
  endProblems(kindOf: (id: string) => NodeKind | undefined = () => undefined): RecordProblem[] {
    const kindOfEnd = (id: string): NodeKind | undefined =>
      this.untyped.has(id) ? undefined : (this.defined.get(id)?.kind ?? kindOf(id));
    const problems: RecordProblem[] = [];
    for (const [key, where] of this.relationshipIds) {
      const relationship = parseRelationshipId(key);
      if (!relationship) continue;
      const fromKind = kindOfEnd(relationship.from);
      const toKind = kindOfEnd(relationship.to);
      const problem = fromKind && toKind ? checkEnds(relationship.type, fromKind, toKind) : null;
      if (problem) problems.push({ where, field: 'type', message: problem });
    }
    return problems;
  }

  /** Settles the references that later records defined; what is still missing is for the graph to hold. */
  finish(): ValidationSummary {
    const unresolved = (pending: Map<string, Pending[]>, isDefined: (id: string) => boolean) =>
      new Map([...pending].filter(([id]) => !isDefined(id)));
    return {
      defined: this.defined,
      missingNodes: unresolved(this.pendingNodes, (id) => this.defined.has(id)),
      missingStatements: unresolved(this.pendingStatements, (ref) => this.statements.has(ref)),
    };
  }
}

export const NOT_A_NODE = (id: string): string => `"${id}" is neither defined in this file nor in the graph`;
export const NOT_A_STATEMENT = (ref: string): string =>
  `${JSON.stringify(ref)} is not a statement of any source document`;

const SECTIONS = ['sources', 'nodes', 'relationships'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Checks a parsed file against the format and reports every problem by position. References may point at
 * ids defined in the file or listed in `known` (what the database already holds). The text of valid records is
 * made what the graph stores (NFC, names trimmed) in place, as the streaming import does.
 */
export function validateDataset(
  input: unknown,
  known: KnownIds = {},
): { dataset?: Dataset; problems: ValidationProblem[] } {
  if (!isObject(input)) return { problems: [{ path: '', message: 'must be a JSON object' }] };
  const problems: ValidationProblem[] = [];
  if (input.format !== DATASET_FORMAT) problems.push({ path: 'format', message: `must be "${DATASET_FORMAT}"` });
  for (const section of SECTIONS) {
    if (!Array.isArray(input[section])) problems.push({ path: section, message: 'must be a list' });
  }
  if (problems.length > 0) return { problems };

  const pathOf = (where: Where): string => {
    const { origin, at } = unpackWhere(where);
    return `${SECTIONS[origin] ?? '?'}[${at}]`;
  };
  const validator = new DatasetValidator(pathOf, known);
  const records = (section: Section): unknown[] => (Array.isArray(input[section]) ? input[section] : []);
  records('sources').forEach((raw, i) => validator.source(raw, packWhere(0, i)));
  records('nodes').forEach((raw, i) => validator.node(raw, packWhere(1, i)));
  records('relationships').forEach((raw, i) => validator.relationship(raw, packWhere(2, i)));
  const { missingNodes, missingStatements } = validator.finish();
  const found: RecordProblem[] = [...validator.problems, ...validator.endProblems((id) => known.nodeKinds?.get(id))];
  for (const [id, pending] of missingNodes) {
    for (const { where, field } of pending) found.push({ where, field, message: NOT_A_NODE(id) });
  }
  for (const [ref, pending] of missingStatements) {
    for (const { where, field } of pending) found.push({ where, field, message: NOT_A_STATEMENT(ref) });
  }
  // Report in file order; a record's problems keep the order they were found in.
  const ordered = found
    .map((problem, i) => ({ problem, i }))
    .sort((a, b) => a.problem.where - b.problem.where || a.i - b.i);
  for (const { problem } of ordered) {
    const base = pathOf(problem.where);
    problems.push({ path: problem.field ? `${base}.${problem.field}` : base, message: problem.message });
  }
  if (problems.length > 0) return { problems };
  return passed<Dataset>(input, problems.length) ? { dataset: input, problems: [] } : { problems };
}
