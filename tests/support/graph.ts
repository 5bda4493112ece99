/** Test helpers over the real test database. */
import { adHoc } from '../../src/db/cypher';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { seed } from '../../src/features/dataset/seed';

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
  await cypherRows(db, 'MATCH (n) DETACH DELETE n');
  await migrate(db);
}

export async function resetAndSeed(db: Database): Promise<void> {
  await resetDatabase(db);
  await seed(db);
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
