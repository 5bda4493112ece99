/** Test helpers over the real test database. */
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { seed } from '../../src/features/dataset/seed';

/** Empties the database (data and migration records; the schema stays) and applies the migrations. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
  await migrate(db);
}

export async function resetAndSeed(db: Database): Promise<void> {
  await resetDatabase(db);
  await seed(db);
}

/** The whole graph (without migration and history records) as sorted plain data, to compare two states. */
export async function dumpGraph(db: Database): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  const result = await db.query<{ nodes: unknown[]; relationships: unknown[] }>(
    `CALL { MATCH (n) WHERE NOT n:Migration AND NOT n:Change
            WITH n ORDER BY coalesce(n.id, '')
            RETURN collect({labels: labels(n), props: properties(n)}) AS nodes }
     CALL { MATCH (a)-[r]->(b)
            WITH a, r, b ORDER BY r.id
            RETURN collect({from: a.id, type: type(r), to: b.id, props: properties(r)}) AS relationships }
     RETURN nodes, relationships`,
  );
  const record = result.records[0]!;
  return JSON.parse(JSON.stringify({ nodes: record.get('nodes'), relationships: record.get('relationships') }));
}
