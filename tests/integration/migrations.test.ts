import type { Database } from '../../src/db/database';
import { migrate, readMigrations, splitStatements } from '../../src/db/migrations';
import { cypherRow, cypherRows, resetDatabase } from '../support/graph';
import { testDatabase } from '../support/test-server';

describe('migrations', () => {
  let db: Database;
  beforeAll(() => {
    db = testDatabase();
  });
  afterAll(() => db.close());

  it('splits a file into statements and drops comment lines', () => {
    expect(
      splitStatements('// note\nCREATE INDEX a IF NOT EXISTS\nFOR (n:X) ON (n.y);\n\nMATCH (n) RETURN n;\n'),
    ).toEqual(['CREATE INDEX a IF NOT EXISTS\nFOR (n:X) ON (n.y)', 'MATCH (n) RETURN n']);
  });

  it('applies each migration once, records it, and creates the search index', async () => {
    await cypherRows(db, 'MATCH (m:Migration) DETACH DELETE m');
    const first = await migrate(db);
    expect(first.applied).toEqual(readMigrations().map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`));
    const second = await migrate(db);
    expect(second).toEqual({ applied: [], recorded: [], alreadyApplied: first.applied.length });

    const recorded = await cypherRows<{ version: number }>(
      db,
      'MATCH (m:Migration) RETURN m.version AS version ORDER BY version',
    );
    expect(recorded.map((row) => row.version)).toEqual(readMigrations().map((m) => m.version));
    const index = await cypherRow<{ type: string }>(
      db,
      "SHOW INDEXES YIELD name, type WHERE name = 'entity_search' RETURN type",
    );
    expect(index.type).toBe('FULLTEXT');
    const constraints = await cypherRows(db, "SHOW CONSTRAINTS YIELD name WHERE name = 'entity_id' RETURN name");
    expect(constraints).toHaveLength(1);
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    await resetDatabase(db);
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, undefined, changed)).rejects.toThrow(/0001_constraints was changed after it was applied/);
  });

  it('runs a data migration and its record in one transaction: a failure leaves neither', async () => {
    await resetDatabase(db);
    const broken = {
      version: 9001,
      name: 'broken',
      checksum: 'x',
      schema: false,
      statements: ["CREATE (:Entity {id: 'half-written'})", 'RETURN 1/0'],
    };
    await expect(migrate(db, undefined, [broken])).rejects.toThrow(/by zero/);
    const left = await cypherRow(
      db,
      "RETURN EXISTS { MATCH (:Entity {id: 'half-written'}) } AS node, EXISTS { MATCH (:Migration {version: 9001}) } AS record",
    );
    expect(left).toEqual({ node: false, record: false });
  });

  it('records a satisfied data migration without running it, and refuses to skip a schema one', async () => {
    await resetDatabase(db);
    const data = {
      version: 9002,
      name: 'loaded_elsewhere',
      checksum: 'y',
      schema: false,
      statements: ["CREATE (:Entity {id: 'written-by-the-migration'})"],
    };
    const result = await migrate(db, undefined, [data], {}, new Set(['9002_loaded_elsewhere']));
    expect(result).toEqual({ applied: [], recorded: ['9002_loaded_elsewhere'], alreadyApplied: 0 });
    expect(
      await cypherRow(
        db,
        "RETURN EXISTS { MATCH (:Entity {id: 'written-by-the-migration'}) } AS node, EXISTS { MATCH (:Migration {version: 9002, checksum: 'y'}) } AS record",
      ),
    ).toEqual({ node: false, record: true });

    const schema = {
      ...data,
      version: 9003,
      name: 'an_index',
      schema: true,
      statements: ['CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y)'],
    };
    await expect(migrate(db, undefined, [schema], {}, new Set(['9003_an_index']))).rejects.toThrow(/must run/);
    await cypherRows(db, 'MATCH (m:Migration) WHERE m.version >= 9000 DETACH DELETE m');
  });
});
