/** What `npm start` does to the database before serving: migrate, then seed only an empty graph. */
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { seedIfEmpty } from '../../src/features/dataset/seed';
import { cypherRows } from '../support/graph';
import { testDatabase } from '../support/test-server';

describe('start-up on an empty database', () => {
  let db: Database;
  beforeAll(async () => {
    db = testDatabase();
    await cypherRows(db, 'MATCH (n) DETACH DELETE n');
  });
  afterAll(() => db.close());

  it('seeds the graph once and leaves a non-empty graph alone', async () => {
    await migrate(db);
    expect(await seedIfEmpty(db)).toBe(true);
    const counts = await readGraphCounts(db);
    expect(counts.nodesByKind.ORGANIZATION).toBeGreaterThan(0);

    await cypherRows(db, "MATCH (n:Entity {id: 'oei'}) DETACH DELETE n");
    expect(await seedIfEmpty(db)).toBe(false);
    expect((await readGraphCounts(db)).nodes).toBe(counts.nodes - 1);
  });
});
