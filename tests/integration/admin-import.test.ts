/**
 * The empty-database fast path (neo4j-admin) against its own local Neo4j (own home and port, not the suite's):
 * the same files give exactly the graph of the online import, property by property; a database holding data
 * is refused. The same instance, run with a tiny transaction memory limit, shows that an import too big for
 * one transaction is reported with advice, never with Neo4j's raw memory message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminImport } from '../../src/cli/admin-import';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { prepareAdminImport } from '../../src/features/dataset/admin-import';
import { ImportError, importFiles } from '../../src/features/dataset/import';
import { freePort, QUICK_STOP_SETTINGS, start, stop } from '../../tools/neo4j/local-neo4j';
import { EXTRA, TRICKY } from '../support/datasets';
import { cypherRows, dumpGraph, FIRST_SEED_FILE, resetDatabase } from '../support/graph';
import { testDatabase } from '../support/test-server';

const ACTOR = { name: 'test-admin-import', role: 'admin' as const };

/** A graph dump with each node's labels sorted: the order labels(n) gives depends on how they were added. */
async function dump(db: Database): Promise<Awaited<ReturnType<typeof dumpGraph>>> {
  const graph = await dumpGraph(db);
  const sortLabels = (node: unknown): unknown =>
    typeof node === 'object' && node !== null && 'labels' in node && Array.isArray(node.labels)
      ? { ...node, labels: [...(node.labels as string[])].sort() }
      : node;
  return { ...graph, nodes: graph.nodes.map(sortLabels) };
}
const SETTINGS = { user: 'neo4j', password: '', database: 'neo4j' };
/** Each test starts (and restarts) a Neo4j of its own and runs neo4j-admin: minutes on a busy machine. */
const SLOW_TEST_MS = 300_000;

describe('import into an empty database with neo4j-admin', () => {
  let work: string;
  let home: string;
  let files: string[];

  /** Starts the fast path's own server (with extra neo4j.conf settings) and connects to it. */
  const startOwn = async (settings: Record<string, string> = {}): Promise<{ uri: string; db: Database }> => {
    const instance = await start({
      home,
      boltPort: await freePort(),
      heap: '384m',
      pageCache: '32m',
      settings: { ...QUICK_STOP_SETTINGS, ...settings },
    });
    const db = Database.create({ ...SETTINGS, uri: instance.uri });
    await db.waitUntilReachable(60_000);
    return { uri: instance.uri, db };
  };

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'iecm-admin-import-test-'));
    home = path.join(work, 'home');
    const write = (name: string, content: unknown): string => {
      const file = path.join(work, name);
      writeFileSync(file, JSON.stringify(content));
      return file;
    };
    // TRICKY cites the document EXTRA brings.
    // The first seed file only: the second (the documents added through the workflow) cites nodes of the first
    // by defining them again, which one import of several files refuses (an id is defined once per import).
    files = [FIRST_SEED_FILE, write('extra.json', EXTRA), write('tricky.json', { ...TRICKY, sources: [] })];
  });

  afterAll(async () => {
    await stop(home);
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'gives the graph of the online import, every property of every node and relationship',
    async () => {
      const suite = testDatabase();
      let online: Awaited<ReturnType<typeof dumpGraph>>;
      try {
        await resetDatabase(suite);
        await importFiles(suite, ACTOR, files);
        online = await dump(suite);
      } finally {
        await suite.close();
      }

      const { db } = await startOwn();
      await migrate(db);
      const result = await adminImport(db, {
        files,
        actor: ACTOR,
        home,
        restart: async () => (await startOwn()).uri,
        settings: SETTINGS,
      });
      try {
        expect(result.counts.relationships).toBeGreaterThan(50);
        expect(await dump(result.db)).toEqual(online);
        // The schema came with the migrations, and the history has the import.
        const [schema] = await cypherRows<{ constraints: number }>(
          result.db,
          "SHOW CONSTRAINTS YIELD name WHERE name IN ['entity_id', 'identity_id'] RETURN count(*) AS constraints",
        );
        expect(schema).toEqual({ constraints: 2 });
        expect(await cypherRows(result.db, "MATCH (c:Change {action: 'IMPORT'}) RETURN c.actor AS actor")).toEqual([
          { actor: 'test-admin-import' },
        ]);

        // The database now holds data: the fast path refuses it, and writes no CSV for it.
        const refusal = await prepareAdminImport(result.db, files, work).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(ImportError);
        expect((refusal as Error).message).toMatch(/EMPTY database only/);
      } finally {
        await result.db.close();
        await stop(home);
      }
    },
    SLOW_TEST_MS,
  );

  it(
    'reports an import too big for one transaction with advice, not the raw memory message',
    async () => {
      const { db } = await startOwn({ 'db.memory.transaction.max': '10m' });
      const big = path.join(work, 'big.json');
      const long = 'x'.repeat(1_500);
      writeFileSync(
        big,
        JSON.stringify({
          format: 'iecm-graph/1',
          sources: [
            {
              id: 'doc',
              title: 'Doc',
              url: 'https://example.org/doc',
              publishedOn: '2025',
              statements: [{ n: 0, text: 'Doc' }],
            },
          ],
          nodes: Array.from({ length: 5_000 }, (_, i) => ({
            id: `org-${i}`,
            kind: 'ORGANIZATION',
            name: `Org ${i}`,
            sources: ['doc#0'],
            properties: { note: long },
          })),
          relationships: [],
        }),
      );
      try {
        await cypherRows(db, 'MATCH (n) DETACH DELETE n');
        await migrate(db);
        const error = await importFiles(db, ACTOR, [big]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportError);
        const message = (error as Error).message;
        expect(message).toMatch(/needs more memory than the database allows one transaction.*smaller --batch-size/);
        expect(message).not.toMatch(/dbms\.memory|db\.memory|Neo\./);
        expect(await cypherRows(db, 'MATCH (n:Entity) RETURN n.id AS id LIMIT 1')).toEqual([]);
      } finally {
        await db.close();
        await stop(home);
      }
    },
    SLOW_TEST_MS,
  );
});
