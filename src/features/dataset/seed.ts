/** The seed: every dataset file in cypher/seed/, validated and loaded in file-name order. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import type { Logger } from '../../shared/logger';
import { PROJECT_ROOT } from '../../shared/paths';
import { validateDataset, type Dataset, type ValidationProblem } from './dataset-format';
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

/** Reads and validates a dataset file that must stand on its own (no references into the database). */
export function readDatasetFile(file: string): Dataset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DatasetFileError(file, [{ path: '', message: `is not readable JSON: ${(error as Error).message}` }]);
  }
  const { dataset, problems } = validateDataset(parsed);
  if (!dataset) throw new DatasetFileError(file, problems);
  return dataset;
}

export function seedFiles(dir = SEED_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(dir, file));
}

export async function seed(db: Database, logger?: Logger): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const file of seedFiles()) {
    const result = await loadDataset(db, readDatasetFile(file));
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
