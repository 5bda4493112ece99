/**
 * The seed: every dataset file in cypher/seed/, read through the import formats (import-formats.ts), validated
 * and loaded in file-name order.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import type { Logger } from '../../shared/logger';
import { PROJECT_ROOT } from '../../shared/paths';
import { DATASET_FORMAT, validateDataset, type Dataset, type ValidationProblem } from './dataset-format';
import type { FileRecord } from './dataset-reader';
import {
  IMPORT_FORMAT_NAMES,
  IMPORT_FORMATS,
  importFormatOf,
  readImportFile,
  type ImportFormat,
} from './import-formats';
import { rebuildAllPartnerships } from '../partners/partnerships';
import { loadDataset, type LoadResult } from './dataset.repository';

export const SEED_DIR = path.join(PROJECT_ROOT, 'cypher', 'seed');

export class DatasetFileError extends Error {
  override name = 'DatasetFileError';
  constructor(
    readonly file: string,
    readonly problems: ValidationProblem[],
  ) {
    super(
      `${file} has ${problems.length} problem(s):\n` +
        problems.map((problem) => `  ${problem.path || '(file)'}: ${problem.message}`).join('\n'),
    );
  }
}

/**
 * Reads and validates a dataset file that must stand on its own (no references into the database), in any
 * import format (by its extension unless `format` is given), as one dataset in memory: for the seed and tests.
 */
export async function readSeedFile(file: string, format: ImportFormat = importFormatOf(file)): Promise<Dataset> {
  const records: Record<FileRecord['section'], unknown[]> = { sources: [], nodes: [], relationships: [] };
  const summary = await readImportFile(file, format, async (batch) => {
    for (const record of batch) records[record.section].push(record.raw);
  });
  if (summary.issues.length > 0) {
    throw new DatasetFileError(
      file,
      summary.issues.map((issue) => ({
        path: [issue.line === undefined ? '' : `line ${issue.line}`, issue.field].filter(Boolean).join(' '),
        message: issue.message,
      })),
    );
  }
  const { dataset, problems } = validateDataset({ format: DATASET_FORMAT, ...records });
  if (!dataset) throw new DatasetFileError(file, problems);
  return dataset;
}

/** The seed's files: those of a format an import reads, in name order. */
export function seedFiles(dir = SEED_DIR): string[] {
  const extensions = IMPORT_FORMAT_NAMES.flatMap((name) => IMPORT_FORMATS[name].extensions);
  return readdirSync(dir)
    .filter((file) => extensions.includes(path.extname(file).toLowerCase()))
    .sort()
    .map((file) => path.join(dir, file));
}

export async function seed(db: Database, logger?: Logger): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const file of seedFiles()) {
    const result = await loadDataset(db, await readSeedFile(file));
    logger?.info({ file: path.basename(file), ...result }, 'seed loaded');
    results.push(result);
  }
  await rebuildAllPartnerships(db);
  return results;
}

const GRAPH_IS_EMPTY = cypher<Record<string, never>, { empty: boolean }>(
  'seed.graphIsEmpty',
  'RETURN NOT EXISTS { MATCH (:Entity) } AS empty',
  { fullScan: 'stops at the first node' },
);

/** First start on an empty database: load the seed. A graph with any entity is left as it is. */
export async function seedIfEmpty(db: Database, logger?: Logger): Promise<boolean> {
  const row = await db.queryOne(GRAPH_IS_EMPTY, {});
  if (!row?.empty) return false;
  await seed(db, logger);
  return true;
}
