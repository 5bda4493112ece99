/**
 * The neo4j-admin CSV form of checked import rows (dataset-rows.ts, the rows the online loader writes), for the
 * empty-database fast path: `database import full` reads these files at a rate no transaction can match.
 *
 * Nodes: `id:ID`, `:LABEL` (Entity;Identity;<Kind>), kind, name, aliases, sourceRefs, searchKeys (string[]),
 * sortKey, periodStartDate/periodEndDate (date), then the stated properties with their types. Statements are
 * nodes (:Statement). Relationships: `:START_ID`, `:END_ID`, `:TYPE`, id, periods, sourceRefs and stated
 * properties. neo4j-admin types a column once per file, so records are grouped by the types of their stated
 * properties, each group its own header and data file. An empty list cannot be written (an empty cell means "no
 * property"), so those are listed as fix-ups, applied once the server runs again (nodes without aliases or alias
 * keys get theirs in one sweep).
 *
 * What the data migrations would write on the loaded store is written here too (MIGRATIONS_IN_CSV): an agreement's
 * status (0016), the alias keys (0012), and the provenance edges (0017) as relationship rows
 * (:Statement)-[:IN_DOCUMENT]->(:SourceDocument) and (:Statement)-[:STATES]->(node).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { labelOf, NodeKind } from '../../model/graph-model';
import { PartnershipGraph } from '../partners/partnerships-compute';
import { RANKING_MIN_DEGREE } from '../partners/partnerships';
import type { PropertyValue } from './dataset-format';
import type { NodeRow, RelationshipRow, StatementRow } from './dataset-rows';
import { spilledRows, type Spill } from './import-spill';

/** Separates list items and labels in the CSV: a control character no text of the format contains. */
export const ADMIN_ARRAY_DELIMITER = '\u001f';
/** How neo4j-admin is told about it. */
export const ADMIN_ARRAY_DELIMITER_OPTION = '--array-delimiter=U+001F';
/** Groups of stated-property types beyond which the fast path refuses (each group is a pair of files). */
const MAX_GROUPS = 500;

/**
 * The data migrations whose result these files hold: recorded as applied on the loaded store, not run on it
 * (migrate's `satisfied`; the schema migrations run). A data migration not listed here runs on the loaded store.
 */
export const MIGRATIONS_IN_CSV: ReadonlySet<string> = new Set([
  // Every node is written with :Identity.
  '0005_identity_labels',
  // A store written by neo4j-admin holds no change; the import's own is recorded after, with its links.
  '0006_history_concerns',
  // The aliasKeys column (computed as the migration does, dataset-rows.ts); an empty list by the aliases' sweep.
  '0012_alias_keys',
  // An agreement without a status: status and statusSources columns (statusAfterMigrations).
  '0016_agreement_status_not_stated',
  // IN_DOCUMENT and STATES rows.
  '0017_provenance_relationships',
  // No change nor explorer map is loaded.
  '0018_namespaced_principals',
  // Rankings are written after the load, their relationships' element ids with them (rerankPartners).
  '0019_partner_ranking_relationships',
]);

type ScalarType = 'string' | 'long' | 'double' | 'boolean';
type ColumnType = ScalarType | `${ScalarType}[]`;
const LIST_OF: Record<ScalarType, ColumnType> = {
  string: 'string[]',
  long: 'long[]',
  double: 'double[]',
  boolean: 'boolean[]',
};

function scalarType(value: string | number | boolean): ScalarType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return Number.isInteger(value) ? 'long' : 'double';
}

/** The column type of a stated property, or undefined for an empty list (a fix-up). */
function typeOf(value: PropertyValue): ColumnType | undefined {
  if (!Array.isArray(value)) return scalarType(value);
  if (value.length === 0) return undefined;
  const types = new Set(value.map(scalarType));
  const [only] = types;
  if (types.size === 1 && only) return LIST_OF[only];
  return types.has('string') || types.has('boolean') ? 'string[]' : 'double[]';
}

/** Booleans as "true"/"false" (csv-stringify would write 1 and an empty cell). */
const cellOf = (value: PropertyValue | null | undefined): string | number | null =>
  value === null || value === undefined
    ? null
    : Array.isArray(value)
      ? value.map(String).join(ADMIN_ARRAY_DELIMITER)
      : typeof value === 'boolean'
        ? String(value)
        : value;

/** Strings are always quoted (an empty string stays a property); absent values are empty, unquoted. */
const line = (cells: (string | number | null)[]): string => stringify([cells], { quoted_string: true });

const NODE_FIXED = [
  'id:ID',
  ':LABEL',
  'kind',
  'name',
  'aliases:string[]',
  'sourceRefs:string[]',
  'searchKeys:string[]',
  'aliasKeys:string[]',
  'sortKey',
  'periodStartDate:date',
  'periodEndDate:date',
];
const RELATIONSHIP_FIXED = [
  ':START_ID',
  ':END_ID',
  ':TYPE',
  'id',
  'periodStart',
  'periodEnd',
  'periodStartDate:date',
  'periodEndDate:date',
  'sourceRefs:string[]',
];

/** A property set to an empty list, by node or relationship id: set once the server runs again. */
export interface EmptyListFixup {
  target: 'node' | 'relationship';
  id: string;
  key: string;
  /** The node the fix-up is found from: the node itself, or the relationship's start node. */
  from: string;
}

/** One header file and one data file per set of stated-property types. */
class Groups {
  private readonly groups = new Map<string, { header: string; data: string; stream: WriteStream; keys: string[] }>();

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly fixed: string[],
  ) {}

  async write(properties: Record<string, PropertyValue>, fixedCells: (string | number | null)[]): Promise<void> {
    const keys = Object.keys(properties).sort();
    const typed = keys.map((key) => {
      const value = properties[key];
      return value === undefined ? undefined : typeOf(value);
    });
    const columns = keys.flatMap((key, i) => (typed[i] ? [`${key}:${typed[i]}`] : []));
    const signature = columns.join(',');
    let group = this.groups.get(signature);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) {
        throw new Error(
          `more than ${MAX_GROUPS} combinations of stated property types; use the online import for these files`,
        );
      }
      const n = this.groups.size;
      const header = path.join(this.dir, `${this.prefix}-${n}-header.csv`);
      const data = path.join(this.dir, `${this.prefix}-${n}.csv`);
      const headerStream = createWriteStream(header);
      headerStream.end(line([...this.fixed, ...columns]));
      await once(headerStream, 'close');
      group = { header, data, stream: createWriteStream(data), keys: keys.filter((_, i) => typed[i]) };
      this.groups.set(signature, group);
    }
    const text = line([...fixedCells, ...group.keys.map((key) => cellOf(properties[key]))]);
    if (!group.stream.write(text)) await once(group.stream, 'drain');
  }

  /** `--nodes`/`--relationships` arguments: "header.csv,data.csv" per group. */
  async close(): Promise<string[]> {
    const files: string[] = [];
    for (const group of this.groups.values()) {
      group.stream.end();
      await once(group.stream, 'close');
      files.push(`${group.header},${group.data}`);
    }
    return files;
  }
}

/** What the partnerships loaded with the facts need once the server runs: fix-ups, and the nodes to rank. */
export interface AdminPartnerships {
  written: number;
  /**
   * Start nodes of partnerships with a list neo4j-admin cannot write: the one item '' (an entry with open ends
   * or no statements) or an empty sourceRefs, both an empty cell to it, so absent after the load
   * (setPartnershipLists). In batches of about FIX_BATCH such partnerships, one transaction each: most
   * partnerships need it (an undated fact's entry has open ends), and a hub has thousands.
   */
  fixBatches: string[][];
  /** Nodes with enough partners to keep a ranking (its relationships' element ids exist only after the load). */
  dense: string[];
}

export interface AdminCsv {
  nodes: string[];
  relationships: string[];
  fixups: EmptyListFixup[];
  partnerships: AdminPartnerships;
}

/** Partnerships completed per transaction after the load (a batch ends with its last start node's). */
const FIX_BATCH = 5_000;

const PARTNERS_LISTS = [
  'entryEvidence',
  'entryWays',
  'entryFrom',
  'entryTo',
  'entryStarts',
  'entryEnds',
  'entryRefs',
  'ways',
  'evidence',
  'sourceRefs',
] as const;
const PARTNERS_COLUMNS = [
  ':START_ID',
  ':END_ID',
  ':TYPE',
  ...PARTNERS_LISTS.map((key) => `${key}:string[]`),
  'periodStart',
  'periodEnd',
  'lastDate:date',
  'strength:long',
];

/**
 * An agreement's status as the graph will hold it once the migrations ran on the loaded store: migration 0016
 * gives one without a status NOT_STATED, or SIGNED when it is one of the Crónica article's 125 (its sentence 2
 * loaded too). The ways its parties partner follow that status.
 */
const CONSOLIDATED = 'cronica-2025-iecm-125-convenios#';
function propertiesAfterMigrations(row: NodeRow, consolidatedLoaded: boolean): Record<string, PropertyValue> {
  if (row.kind !== NodeKind.AGREEMENT || row.properties.status !== undefined) return row.properties;
  const own = row.sourceRefs.filter((ref) => ref.startsWith(CONSOLIDATED));
  // The migration sets statusSources to null (absent) unless it signs the agreement.
  const properties = { ...row.properties };
  delete properties.statusSources;
  return consolidatedLoaded && own.length > 0
    ? { ...properties, status: 'SIGNED', statusSources: [`${CONSOLIDATED}2`, ...own] }
    : { ...properties, status: 'NOT_STATED' };
}

/** Writes the computed partnerships as PARTNERS rows; lists neo4j-admin cannot write become fix-ups. */
async function writePartnerships(graph: PartnershipGraph, dir: string): Promise<AdminPartnerships & { file: string }> {
  const partners = new Groups(dir, 'partners', PARTNERS_COLUMNS);
  const fixBatches: string[][] = [];
  let batch: string[] = [];
  let inBatch = 0;
  let written = 0;
  // partnerships() gives each start node's pairs together.
  for (const p of graph.partnerships()) {
    if (PARTNERS_LISTS.some((key) => p[key].length === 0 || (p[key].length === 1 && p[key][0] === ''))) {
      if (batch.at(-1) !== p.start) {
        if (inBatch >= FIX_BATCH) {
          fixBatches.push(batch);
          batch = [];
          inBatch = 0;
        }
        batch.push(p.start);
      }
      inBatch += 1;
    }
    await partners.write({}, [
      p.start,
      p.end,
      'PARTNERS',
      ...PARTNERS_LISTS.map((key) => cellOf(p[key])),
      p.periodStart,
      p.periodEnd,
      p.lastDate,
      p.strength,
    ]);
    written += 1;
  }
  if (batch.length > 0) fixBatches.push(batch);
  const [file = ''] = await partners.close();
  return { written, fixBatches, dense: graph.nodesWithPartners(RANKING_MIN_DEGREE), file };
}

const labelsOf = (kind: NodeKind): string => ['Entity', 'Identity', labelOf(kind)].join(ADMIN_ARRAY_DELIMITER);

/** Writes the neo4j-admin CSV files of the spilled rows into `dir`. */
export async function writeAdminCsv(spill: Spill, dir: string): Promise<AdminCsv> {
  const fixups: EmptyListFixup[] = [];
  const emptyLists = (
    target: EmptyListFixup['target'],
    id: string,
    from: string,
    properties: Record<string, PropertyValue>,
  ): void => {
    for (const [key, value] of Object.entries(properties)) {
      if (Array.isArray(value) && value.length === 0) fixups.push({ target, id, key, from });
    }
  };
  const [statementFile = '', nodeFile = '', relationshipFile = ''] = spill.files;
  const provenance = new Groups(dir, 'provenance', [':START_ID', ':END_ID', ':TYPE']);
  // Each statement's document: which ids are statements (STATES), and IN_DOCUMENT once the documents are known.
  const documentOf = new Map<string, string>();
  const sourceDocuments = new Set<string>();

  // The partnerships are derived from the same rows, in memory, and loaded with them.
  const graph = new PartnershipGraph();
  let consolidatedLoaded = false;
  const statements = new Groups(dir, 'statements', ['id:ID', ':LABEL', 'documentId', 'position:long', 'text']);
  for await (const row of spilledRows<StatementRow>(statementFile)) {
    if (row.id === `${CONSOLIDATED}2`) consolidatedLoaded = true;
    documentOf.set(row.id, row.documentId);
    await statements.write({}, [row.id, 'Statement', row.documentId, row.position, row.text]);
  }
  const nodes = new Groups(dir, 'nodes', NODE_FIXED);
  for await (const row of spilledRows<NodeRow>(nodeFile)) {
    const properties = propertiesAfterMigrations(row, consolidatedLoaded);
    emptyLists('node', row.id, row.id, properties);
    const status = properties.status;
    graph.addNode({ ...row, status: typeof status === 'string' ? status : null });
    if (row.kind === NodeKind.SOURCE_DOCUMENT) sourceDocuments.add(row.id);
    for (const ref of new Set(row.sourceRefs)) {
      if (documentOf.has(ref)) await provenance.write({}, [ref, row.id, 'STATES']);
    }
    await nodes.write(properties, [
      row.id,
      labelsOf(row.kind),
      row.kind,
      row.name,
      cellOf(row.aliases.length > 0 ? row.aliases : null),
      cellOf(row.sourceRefs),
      cellOf(row.searchKeys),
      cellOf(row.aliasKeys.length > 0 ? row.aliasKeys : null),
      row.sortKey,
      row.periodStartDate,
      row.periodEndDate,
    ]);
  }
  const relationships = new Groups(dir, 'relationships', RELATIONSHIP_FIXED);
  for await (const row of spilledRows<RelationshipRow>(relationshipFile)) {
    emptyLists('relationship', row.id, row.from, row.properties);
    graph.addRelationship(row);
    await relationships.write(row.properties, [
      row.from,
      row.to,
      row.type,
      row.id,
      row.periodStart,
      row.periodEnd,
      row.periodStartDate,
      row.periodEndDate,
      cellOf(row.sourceRefs),
    ]);
  }
  for (const [statement, document] of documentOf) {
    if (sourceDocuments.has(document)) await provenance.write({}, [statement, document, 'IN_DOCUMENT']);
  }
  documentOf.clear();
  const { file, ...partnerships } = await writePartnerships(graph, dir);
  return {
    nodes: [...(await statements.close()), ...(await nodes.close())],
    relationships: [...(await relationships.close()), ...(await provenance.close()), ...(file ? [file] : [])],
    fixups,
    partnerships,
  };
}
