/**
 * Import of dataset files in any format of import-formats.ts (dataset JSON, CSV nodes and edges files, GraphML,
 * GEXF), each by its extension or the format named, in two passes:
 *
 * 1. Read and validate everything first, streaming (bounded memory: only id indexes are kept), and check the ids
 *    against the graph: an import never changes what an existing node is (a document cannot take a university's
 *    id) and never reuses a deleted or merged id, in any section. Every problem names the file, the physical
 *    line (and column where known) and the field. A file with any problem writes nothing. The rows to write are
 *    spilled to a temporary folder meanwhile (dataset-rows.ts: the same rows the neo4j-admin fast path writes).
 * 2. Write. An import of at most `batchSize` records is one transaction: all or nothing. A larger one commits
 *    batches of `batchSize` records, each its own transaction that also advances its (:ImportRun) progress
 *    record, so running the same command again after a crash resumes after the last committed batch (upserts
 *    are idempotent, so a batch is never half there). Each committed transaction records one IMPORT change in
 *    the history (one per run for a small import, one per batch for a large one): every write leaves a change,
 *    which the export cache relies on.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { cypher, type Cypher } from '../../db/cypher';
import { isTransactionMemoryLimit, type Database } from '../../db/database';
import { isNodeKind, NodeKind } from '../../model/graph-model';
import { ErrorCode } from '../../shared/errors';
import { recordChange, type Actor } from '../history/history.repository';
import { ChangeAction } from '../history/change-action';
import { afterBulkLoad, afterImportBatch, deferredImportBatch } from './after-import';
import {
  DatasetValidator,
  NOT_A_NODE,
  NOT_A_STATEMENT,
  packWhere,
  unpackWhere,
  type RecordProblem,
  type Where,
} from './dataset-format';
import type { FileRecord } from './dataset-reader';
import { importFormatOf, readImportFile, type ImportFormat } from './import-formats';
import { documentRow, nodeRow, relationshipRow, statementRows } from './dataset-rows';
import {
  ConcurrentChangeError,
  DEFAULT_BATCH_SIZE,
  writeRows,
  type LoadResult,
  type WrittenChanges,
} from './dataset.repository';
import { findImportRun, recordBatchDone, startImportRun } from './import-run.repository';
import { Spill } from './import-spill';
import { secondsSince } from '../../shared/seconds';

export interface FileProblem {
  file: string;
  /** "line 7": the physical line of the file, as an editor numbers it (or "batch 3 of 9" for a write). */
  position: string;
  line?: number;
  column?: number;
  field: string;
  message: string;
}

/** Problems kept for the report: enough to fix a file, bounded for a file with millions of bad records. */
const MAX_PROBLEMS = 10_000;

/**
 * An import refused or stopped, with its problems by file, line and field. `code` is the API's error code for it:
 * BAD_USER_INPUT for files that did not pass the checks (nothing was written), CONFLICT for a write that met
 * another one or a database that is not empty; the command line prints it before the message.
 */
export class ImportError extends Error {
  override name = 'ImportError';

  /** The problems of a check, saying how many more there were beyond those listed. */
  static of({ problems, unlisted }: { problems: FileProblem[]; unlisted: number }): ImportError {
    const total = problems.length + unlisted;
    return new ImportError(
      problems,
      `${total} problem(s)${unlisted > 0 ? ` (the first ${problems.length} listed)` : ''}; nothing was imported`,
    );
  }

  constructor(
    readonly problems: FileProblem[],
    summary = `${problems.length} problem(s); nothing was imported`,
    readonly code: ErrorCode = ErrorCode.BAD_USER_INPUT,
  ) {
    super(
      `${summary}:\n` +
        problems
          .slice(0, 200)
          .map(
            (p) =>
              `  ${p.file}${p.position ? ` ${p.position}` : ''}${p.column !== undefined ? `, column ${p.column}` : ''}` +
              `${p.field ? `, ${p.field}` : ''}: ${p.message}`,
          )
          .join('\n') +
        (problems.length > 200 ? `\n  ... and ${problems.length - 200} more` : ''),
    );
  }
}

export interface ImportOptions {
  dryRun?: boolean;
  /** The format of every file (e.g. "gexf"); by default each file's extension names its own. */
  format?: string;
  /** Records per transaction (and per UNWIND statement). */
  batchSize?: number;
  /**
   * Leave the derived partnerships out of each batch and rebuild them all once at the end: for large loads, where
   * refreshing them around big events in every batch costs more than one rebuild. Until the end, readers see the
   * partnerships as they were (marked out of date, so that a crash has the next start rebuild them).
   */
  deferPartnerships?: boolean;
  /** Called after each committed batch with the records written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

export interface ImportReport extends LoadResult {
  dryRun: boolean;
  files: string[];
  /** Committed transactions of this run (0 for a dry run). */
  batches: number;
  /** Batches a previous, interrupted run of the same files had committed and this one skipped. */
  resumedBatches: number;
  /** Time spent reading and checking (pass 1) and writing (pass 2). */
  seconds: { check: number; write: number };
}

const GRAPH_IDENTITIES = cypher<{ ids: string[] }, { id: string; kind: string | null; live: boolean }>(
  'import.identitiesInGraph',
  'UNWIND $ids AS id MATCH (n:Identity {id: id}) RETURN n.id AS id, n.kind AS kind, n:Entity AS live',
);

const GRAPH_STATEMENTS = cypher<{ ids: string[] }, { id: string }>(
  'import.statementsInGraph',
  'UNWIND $ids AS id MATCH (s:Statement {id: id}) RETURN s.id AS id',
);

/** Ids per look-up query. */
const LOOKUP_CHUNK = 10_000;

async function lookUp<Row extends { id: string }>(
  db: Database,
  query: Cypher<{ ids: string[] }, Row>,
  ids: Iterable<string>,
  found: (row: Row) => void,
): Promise<void> {
  let chunk: string[] = [];
  const run = async (): Promise<void> => {
    for (const row of await db.query(query, { ids: chunk })) found(row);
    chunk = [];
  };
  for (const id of ids) {
    chunk.push(id);
    if (chunk.length === LOOKUP_CHUNK) await run();
  }
  if (chunk.length > 0) await run();
}

/** What pass 1 found. */
export interface Checked {
  problems: FileProblem[];
  /** sha256 over the files' digests: the same files give the same fingerprint. */
  fingerprint: string;
  /** Ids of the documents and nodes defined, at most a thousand (the history's "concerns" of a small import). */
  definedSample: string[];
  /** Valid records read. */
  counts: LoadResult;
  /** Problems found beyond those listed (a file with very many bad records). */
  unlisted: number;
}

/** Which CSV column a field of a record is in ("sources[0]" -> "sources", "properties.x" -> "x"). */
function columnOf(columns: string[] | undefined, field: string): number | undefined {
  if (!columns) return undefined;
  const name = (field.startsWith('properties.') ? field.slice('properties.'.length) : field).replace(/\[\d+\]$/, '');
  const index = columns.indexOf(name);
  return index === -1 ? undefined : index + 1;
}

/** The format of each file (import-formats.ts); an ImportError naming every file of no known format. */
export function formatsOf(files: string[], format?: string): { file: string; format: ImportFormat }[] {
  const formats: { file: string; format: ImportFormat }[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    try {
      formats.push({ file, format: importFormatOf(file, format) });
    } catch (error) {
      const name = path.basename(file);
      const message = (error instanceof Error ? error.message : String(error)).replace(`${name}: `, '');
      problems.push({ file: name, position: '', field: '', message });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
  return formats;
}

/**
 * Pass 1: reads and checks `files` (against the graph too), spilling the rows to write into `spill` while no
 * problem was found. Shared by the online import and the neo4j-admin fast path. `format` names the format of
 * every file; by default each file's extension names its own.
 */
export async function checkFiles(
  db: Database,
  files: string[],
  spill: Spill | undefined,
  format?: string,
): Promise<Checked> {
  const inputs = formatsOf(files, format);
  const names = files.map((file) => path.basename(file));
  const describe = (where: Where): string => {
    const { origin, at } = unpackWhere(where);
    return `${names[origin] ?? '?'} line ${at}`;
  };
  const validator = new DatasetValidator(describe, {}, MAX_PROBLEMS);
  const problems: FileProblem[] = [];
  const columnsOf: (string[] | undefined)[] = [];
  const digests: string[] = [];
  // Once anything is wrong nothing will be written: stop spilling, keep checking.
  const spilling = (): Spill | undefined => (validator.problemCount === 0 && problems.length === 0 ? spill : undefined);

  const counts: LoadResult = { statements: 0, nodes: 0, relationships: 0 };
  const take = (origin: number, record: FileRecord): void => {
    const where = packWhere(origin, record.line);
    if (record.section === 'sources') {
      const source = validator.source(record.raw, where);
      if (source) {
        counts.nodes += 1;
        counts.statements += source.statements.length;
      }
      const out = spilling();
      if (source && out) {
        out.add(1, documentRow(source));
        for (const row of statementRows(source)) out.add(0, row);
      }
    } else if (record.section === 'nodes') {
      const node = validator.node(record.raw, where);
      if (node) counts.nodes += 1;
      if (node) spilling()?.add(1, nodeRow(node));
    } else {
      const rel = validator.relationship(record.raw, where);
      if (rel) counts.relationships += 1;
      if (rel) spilling()?.add(2, relationshipRow(rel));
    }
  };

  for (const [origin, input] of inputs.entries()) {
    const { file } = input;
    const summary = await readImportFile(file, input.format, async (records) => {
      for (const record of records) take(origin, record);
      await spilling()?.flush();
    });
    columnsOf[origin] = summary.columns;
    digests.push(summary.digest);
    for (const issue of summary.issues) {
      problems.push({
        file: names[origin] ?? file,
        position: issue.line !== undefined ? `line ${issue.line}` : '',
        line: issue.line,
        column: issue.column,
        field: issue.field,
        message: issue.message,
      });
    }
  }

  const { defined, missingNodes, missingStatements } = validator.finish();
  const found: RecordProblem[] = [...validator.problems];
  if (problems.length === 0) {
    // Ids the files define: an existing node keeps its kind, and retired ids are never reused.
    await lookUp(db, GRAPH_IDENTITIES, defined.keys(), (row) => {
      const mine = defined.get(row.id);
      if (!mine) return;
      if (!row.live) {
        found.push({
          where: mine.where,
          field: 'id',
          message: `"${row.id}" belongs to a deleted or merged node; ids are never reused`,
        });
      } else if (row.kind !== mine.kind) {
        found.push({
          where: mine.where,
          field: mine.kind === NodeKind.SOURCE_DOCUMENT ? 'id' : 'kind',
          message: `"${row.id}" is already a ${row.kind ?? 'node of another kind'}; an import does not change what a node is`,
        });
      }
    });
    // Ids relationships cite without defining them: live nodes of the graph only.
    const seen = new Set<string>();
    const graphKinds = new Map<string, NodeKind>();
    await lookUp(db, GRAPH_IDENTITIES, missingNodes.keys(), (row) => {
      seen.add(row.id);
      if (row.live && row.kind && isNodeKind(row.kind)) graphKinds.set(row.id, row.kind);
      if (row.live) return;
      for (const { where, field } of missingNodes.get(row.id) ?? []) {
        found.push({ where, field, message: `"${row.id}" belongs to a deleted or merged node` });
      }
    });
    for (const [id, pending] of missingNodes) {
      if (seen.has(id)) continue;
      for (const { where, field } of pending) found.push({ where, field, message: NOT_A_NODE(id) });
    }
    // The kinds each relationship joins, now that the kinds of the graph's nodes it cites are known.
    found.push(...validator.endProblems((id) => graphKinds.get(id)));
    graphKinds.clear();
    seen.clear();
    await lookUp(db, GRAPH_STATEMENTS, missingStatements.keys(), (row) => seen.add(row.id));
    for (const [ref, pending] of missingStatements) {
      if (seen.has(ref)) continue;
      for (const { where, field } of pending) found.push({ where, field, message: NOT_A_STATEMENT(ref) });
    }
  }

  found.sort((a, b) => a.where - b.where);
  const unlisted = validator.problemCount - validator.problems.length + Math.max(0, found.length - MAX_PROBLEMS);
  for (const problem of found.slice(0, MAX_PROBLEMS)) {
    const { origin, at } = unpackWhere(problem.where);
    problems.push({
      file: names[origin] ?? '?',
      position: `line ${at}`,
      line: at,
      column: columnOf(columnsOf[origin], problem.field),
      field: problem.field,
      message: problem.message,
    });
  }
  const definedSample: string[] = [];
  for (const id of defined.keys()) {
    if (definedSample.length === 1_000) break;
    definedSample.push(id);
  }
  const fingerprint = createHash('sha256').update(digests.join('\n')).digest('hex');
  return { problems, unlisted, fingerprint, definedSample, counts };
}

/** Errors of a committed write, said in terms of the import (never a raw database message). */
function writeFailure(error: unknown, batch: number, batches: number, names: string[]): unknown {
  const where = batches > 1 ? `batch ${batch + 1} of ${batches}` : 'the import';
  const resumable =
    batches > 1
      ? `; batches before it are committed, and running the same command again resumes there`
      : '; nothing was written';
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const problem = (text: string, code?: ErrorCode): ImportError =>
    new ImportError(
      [{ file: names.join(', '), position: where, field: '', message: text }],
      `${where} failed${resumable}`,
      code,
    );
  if (error instanceof ConcurrentChangeError) return problem(error.message, ErrorCode.CONFLICT);
  if (
    isTransactionMemoryLimit(error) ||
    /memory/i.test(code) ||
    /dbms\.memory\.transaction|transaction memory/i.test(message)
  ) {
    return problem(
      'needs more memory than the database allows one transaction; run it with a smaller --batch-size ' +
        "(or raise Neo4j's transaction memory limit)",
    );
  }
  return error;
}

/** Reads (and parses) the next batch from disk while the current one is being written. */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      // A failure of the read-ahead surfaces when it is awaited, not as an unhandled rejection meanwhile.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await source.return(undefined);
  }
}

/** Transaction timeout of one batch: generous, a batch of 10,000 records takes about a second. */
const BATCH_TIMEOUT_MS = 10 * 60_000;

export async function importFiles(
  db: Database,
  actor: Actor,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const names = files.map((file) => path.basename(file));
  formatsOf(files, options.format); // files of no known format are refused before anything starts
  const spill = options.dryRun ? undefined : new Spill();
  const started = performance.now();
  try {
    const checked = await checkFiles(db, files, spill, options.format);
    const check = secondsSince(started);
    const writing = performance.now();
    if (checked.problems.length > 0) throw ImportError.of(checked);
    await spill?.close();
    const { counts } = checked;
    const { statements, nodes, relationships } = counts;
    const base = { files, batches: 0, resumedBatches: 0 };
    if (!spill) return { ...counts, ...base, dryRun: true, seconds: { check, write: 0 } };

    const total = statements + nodes + relationships;
    const batches = Math.ceil(total / batchSize);
    const fingerprint = createHash('sha256').update(`${checked.fingerprint}\nbatch ${batchSize}`).digest('hex');
    let run: { id: string; batchesDone: number } | undefined;
    if (batches > 1) {
      run = (await findImportRun(db, fingerprint)) ?? {
        id: await startImportRun(db, { fingerprint, files: names, actor: actor.name, batches }),
        batchesDone: 0,
      };
    }
    const resumedBatches = run?.batchesDone ?? 0;
    let index = resumedBatches;
    let written = resumedBatches * batchSize;
    for await (const rows of readAhead(spill.batches(batchSize, resumedBatches))) {
      try {
        await db.write(
          async (tx) => {
            const changes: WrittenChanges = { nodes: [], relationships: [] };
            const result = await writeRows(tx, rows, batchSize, changes);
            if (run) await recordBatchDone(tx, run.id, index);
            if (options.deferPartnerships) await deferredImportBatch(tx);
            else await afterImportBatch(tx, changes);
            const part = batches > 1 ? ` (batch ${index + 1} of ${batches})` : '';
            await recordChange(tx, actor, ChangeAction.IMPORT, {
              // The nodes this batch wrote (a thousand at most), not every end of its relationships.
              concerns: batches > 1 ? rows.nodes.slice(0, 1_000).map((row) => row.id) : checked.definedSample,
              summary: `imported ${names.join(', ')}${part}: ${result.nodes} nodes, ${result.relationships} relationships`,
              before: null,
              after: { files: names, ...result, ...(batches > 1 ? { batch: index + 1, batches } : {}) },
            });
          },
          { timeoutMs: BATCH_TIMEOUT_MS },
        );
      } catch (error) {
        throw writeFailure(error, index, batches, names);
      }
      index += 1;
      written = Math.min(total, written + batchSize);
      options.onProgress?.(written, total);
    }
    if (options.deferPartnerships) await afterBulkLoad(db);
    const seconds = { check, write: secondsSince(writing) };
    return { ...counts, ...base, dryRun: false, batches: index - resumedBatches, resumedBatches, seconds };
  } finally {
    spill?.remove();
  }
}
