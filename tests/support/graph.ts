/** Test helpers over the real test database. */
import path from 'node:path';
import { adHoc } from '../../src/db/cypher';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { loadDataset } from '../../src/features/dataset/dataset.repository';
import { readSeedFile, seed, SEED_DIR } from '../../src/features/dataset/seed';
import { rebuildAllPartnerships } from '../../src/features/partners/partnerships';

/** Runs a test's own Cypher (not one of the service's declared queries) in a write transaction. */
export function cypherRows<Row extends object = Record<string, unknown>>(
  db: Database,
  text: string,
  params: Record<string, unknown> = {},
): Promise<Row[]> {
  return db.write((tx) => tx.query(adHoc<Record<string, unknown>, Row>(text, 'test'), params));
}

/** The first row of a test's own Cypher, which must return one. */
export async function cypherRow<Row extends object = Record<string, unknown>>(
  db: Database,
  text: string,
  params: Record<string, unknown> = {},
): Promise<Row> {
  const [row] = await cypherRows<Row>(db, text, params);
  if (!row) throw new Error(`no row from: ${text}`);
  return row;
}

/** Empties the database (data and migration records; the schema stays) and applies the migrations. */
export async function resetDatabase(db: Database): Promise<void> {
  // In bounded transactions, relationships first (a hub holds thousands): a generated graph of 100,000
  // relationships does not fit one transaction of a 512 MiB Neo4j.
  const deleteSome = async (text: string): Promise<number> => (await cypherRow<{ deleted: number }>(db, text)).deleted;
  while ((await deleteSome('MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS deleted')) > 0);
  while ((await deleteSome('MATCH (n) WITH n LIMIT 10000 DELETE n RETURN count(*) AS deleted')) > 0);
  await migrate(db);
}

export async function resetAndSeed(db: Database): Promise<void> {
  await resetDatabase(db);
  await seed(db);
}

/** The first seed file: the 2024-09-25 note, before the documents added through the workflow. */
export const FIRST_SEED_FILE = path.join(SEED_DIR, 'iecm-alianzas-2024-09-25.json');

/** The graph of the first seed file alone (tests written from the 2024-09-25 note, and the workflow's starting point). */
export async function resetAndSeedFirstDocument(db: Database): Promise<void> {
  await resetDatabase(db);
  await loadDataset(db, await readSeedFile(FIRST_SEED_FILE));
  await rebuildAllPartnerships(db);
}

/** The whole graph (without its bookkeeping: migrations, history, import runs, derived-data markers) as sorted plain data. */
export async function dumpGraph(db: Database): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  const row = await cypherRow<{ nodes: unknown[]; relationships: unknown[] }>(
    db,
    `CALL { MATCH (n) WHERE NOT n:Migration AND NOT n:Change AND NOT n:Derived AND NOT n:ImportRun AND NOT n:ExplorerMap
            WITH n ORDER BY coalesce(n.id, '')
            RETURN collect({labels: labels(n), props: properties(n)}) AS nodes }
     CALL { MATCH (a)-[r]->(b) WHERE NOT a:Change
            WITH a, r, b ORDER BY r.id, type(r), a.id, b.id
            RETURN collect({from: a.id, type: type(r), to: b.id, props: properties(r)}) AS relationships }
     RETURN nodes, relationships`,
  );
  return JSON.parse(JSON.stringify(row)) as { nodes: unknown[]; relationships: unknown[] };
}
