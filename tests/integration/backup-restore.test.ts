/**
 * npm run backup / restore on the managed local Neo4j: a seeded database with history, a soft-deleted node and
 * values of every stored type is dumped, a non-empty database refuses the restore, and the restore into a fresh
 * Neo4j gives the same full dump: every node (bookkeeping included), label, property (with its type) and
 * relationship. Uses its own homes and ports, not the suite's Neo4j.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backupManaged, restoreManaged, RestoreRefused, type ManagedNeo4j } from '../../src/cli/backup-restore';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { seed } from '../../src/features/dataset/seed';
import { freePort, QUICK_STOP_SETTINGS, start, stop } from '../../tools/neo4j/local-neo4j';
import { cypherRows } from '../support/graph';

// Each step starts or stops a JVM and runs the admin tool: minutes on a loaded 2-core machine.
jest.setTimeout(300_000);

const SETTINGS = { user: 'neo4j', password: '', database: 'neo4j' };

async function managed(home: string): Promise<ManagedNeo4j> {
  const boltPort = await freePort();
  return {
    home,
    settings: SETTINGS,
    start: async () =>
      (await start({ home, boltPort, heap: '256m', pageCache: '32m', settings: QUICK_STOP_SETTINGS })).uri,
  };
}

/** Plain, ordered data with integers (BigInt) told apart from floats. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return `${item}n`;
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
    }
    return item;
  });
}

/** Every node and relationship of the database, each node named by its labels and properties. */
async function fullDump(target: ManagedNeo4j): Promise<{ nodes: string[]; relationships: string[] }> {
  const db = Database.create({ ...SETTINGS, uri: await target.start(), losslessValues: true });
  try {
    const nodes = await cypherRows<{ key: string; labels: string[]; props: Record<string, unknown> }>(
      db,
      'MATCH (n) RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props',
    );
    const nameOf = new Map(
      nodes.map((node) => [node.key, canonical({ labels: node.labels.sort(), props: node.props })]),
    );
    const relationships = await cypherRows<{ from: string; to: string; type: string; props: Record<string, unknown> }>(
      db,
      'MATCH (a)-[r]->(b) RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props',
    );
    return {
      nodes: [...nameOf.values()].sort(),
      relationships: relationships
        .map((r) => canonical({ from: nameOf.get(r.from), type: r.type, to: nameOf.get(r.to), props: r.props }))
        .sort(),
    };
  } finally {
    await db.close();
  }
}

describe('backup and restore of the managed Neo4j', () => {
  let work: string;
  let source: ManagedNeo4j;
  let fresh: ManagedNeo4j;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-backup-test-'));
    source = await managed(path.join(work, 'source'));
    fresh = await managed(path.join(work, 'fresh'));
  });

  afterAll(async () => {
    await stop(source.home);
    await stop(fresh.home);
    rmSync(work, { recursive: true, force: true });
  });

  it('restores into a fresh Neo4j exactly what was backed up; a non-empty database only with --force', async () => {
    const db = Database.create({ ...SETTINGS, uri: await source.start() });
    try {
      await migrate(db);
      await seed(db);
      // Values of each stored type, on a node the API no longer shows.
      await cypherRows(
        db,
        `CREATE (:Identity:DeletedEntity {id: 'gone', count: 3, ratio: 0.5, flag: true, tags: ['a', 'b'],
                 years: [2001, 2002], at: datetime('2026-11-28T05:00:00Z'), on: date('2026-11-28')})`,
      );
    } finally {
      await db.close();
    }
    const before = await fullDump(source);
    expect(before.nodes.length).toBeGreaterThan(50);
    expect(before.relationships.length).toBeGreaterThan(50);
    expect(before.nodes.some((node) => node.includes('"Migration"'))).toBe(true);

    const file = path.join(work, 'graph.dump');
    expect(await backupManaged(source, file)).toBeGreaterThan(0);
    // The source was running: it runs again after the dump, unchanged.
    expect(await fullDump(source)).toEqual(before);

    await expect(restoreManaged(source, file, false)).rejects.toThrow(RestoreRefused);
    await expect(restoreManaged(fresh, path.join(work, 'missing.dump'), false)).rejects.toThrow(/No backup file/);

    expect(await restoreManaged(fresh, file, false)).toBe(before.nodes.length);
    expect(await fullDump(fresh)).toEqual(before);

    // --force replaces a changed, non-empty database with the backup.
    const changed = Database.create({ ...SETTINGS, uri: await fresh.start() });
    try {
      await cypherRows(changed, "MATCH (n:Entity {id: 'iecm'}) DETACH DELETE n");
    } finally {
      await changed.close();
    }
    expect(await fullDump(fresh)).not.toEqual(before);
    expect(await restoreManaged(fresh, file, true)).toBe(before.nodes.length);
    expect(await fullDump(fresh)).toEqual(before);
  });
});
