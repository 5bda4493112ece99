/**
 * Progress of a large import: one (:ImportRun) per run of a set of files, its `batchesDone` advanced in the
 * transaction of each batch, so it is exactly what was committed. A run whose files (by content) and batch size
 * match an unfinished run resumes it.
 */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';

const FIND_RUN = cypher<{ fingerprint: string }, { id: string; batchesDone: number }>(
  'importRun.find',
  `MATCH (r:ImportRun {fingerprint: $fingerprint}) WHERE r.status = 'running'
   RETURN r.id AS id, r.batchesDone AS batchesDone ORDER BY r.startedAt DESC LIMIT 1`,
);

const START_RUN = cypher<{ fingerprint: string; files: string[]; actor: string; batches: number }, { id: string }>(
  'importRun.start',
  `CREATE (r:ImportRun {id: randomUUID(), fingerprint: $fingerprint, files: $files, actor: $actor,
                        startedAt: datetime(), batches: $batches, batchesDone: 0, status: 'running'})
   RETURN r.id AS id`,
);

/** Guarded by the expected count: two runs resuming the same import cannot both commit the same batch. */
const BATCH_DONE = cypher<{ id: string; done: number }, { batchesDone: number }>(
  'importRun.batchDone',
  `MATCH (r:ImportRun {id: $id}) WHERE r.batchesDone = $done
   SET r.batchesDone = $done + 1, r.updatedAt = datetime(),
       r.status = CASE WHEN $done + 1 >= r.batches THEN 'done' ELSE 'running' END
   RETURN r.batchesDone AS batchesDone`,
);

export async function findImportRun(
  db: Database,
  fingerprint: string,
): Promise<{ id: string; batchesDone: number } | undefined> {
  return db.queryOne(FIND_RUN, { fingerprint });
}

export async function startImportRun(
  db: Database,
  run: { fingerprint: string; files: string[]; actor: string; batches: number },
): Promise<string> {
  const row = await db.write((tx) => tx.queryOne(START_RUN, run));
  if (!row) throw new Error('Could not record the import run');
  return row.id;
}

/** Marks batch `index` (0-based) committed, in the batch's own transaction. */
export async function recordBatchDone(tx: Tx, id: string, index: number): Promise<void> {
  const row = await tx.queryOne(BATCH_DONE, { id, done: index });
  if (!row) throw new Error(`Batch ${index + 1} of this import was committed by another run meanwhile`);
}
