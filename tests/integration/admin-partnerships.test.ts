/**
 * The partnerships the neo4j-admin fast path loads with the facts (computed from the rows, admin-csv.ts) are the
 * ones the Cypher rebuild writes: the seed and a generated graph (parts up to a university's faculties, events
 * with organizers, venues and participants, facilitators, parts of one node meeting through one agreement, dated
 * and undated facts, a hub with many partners) are loaded by the fast path into a Neo4j of this test's own, every
 * PARTNERS relationship is read with every property and its type, then `rebuildAllPartnerships` runs on the same
 * database and they are read again: same relationships, same properties; same rankings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminImport } from '../../src/cli/admin-import';
import { Database } from '../../src/db/database';
import { NodeKind } from '../../src/model/graph-model';
import { migrate } from '../../src/db/migrations';
import { PARTNERSHIPS_VERSION, rebuildAllPartnerships } from '../../src/features/partners/partnerships';
import { freePort, QUICK_STOP_SETTINGS, start, stop } from '../../tools/neo4j/local-neo4j';
import { generateScaleDataset } from '../../bench/scale/generate';
import { EXTRA, TRICKY } from '../support/datasets';
import { cypherRows, FIRST_SEED_FILE } from '../support/graph';

const ACTOR = { name: 'test-admin-partnerships', role: 'admin' as const };
// Reading every partnership in one transaction, on a loaded machine, outlasts the default 30 s.
const SETTINGS = { user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: 600_000 };
/** Starts (and restarts) a Neo4j of its own, runs neo4j-admin and a full rebuild: minutes on a busy machine. */
const SLOW_TEST_MS = 600_000;

interface Stored {
  s: string;
  t: string;
  properties: Record<string, unknown>;
  types: string[];
}

/** Every PARTNERS relationship, with every property (lastDate as text) and each property's type. */
const readPartnerships = (db: Database): Promise<Stored[]> =>
  cypherRows<Stored>(
    db,
    `MATCH (s:Entity)-[r:PARTNERS]->(t:Entity)
     RETURN s.id AS s, t.id AS t, r {.*, lastDate: toString(r.lastDate)} AS properties,
            COLLECT { UNWIND keys(r) AS key WITH key ORDER BY key RETURN key + ': ' + valueType(r[key]) } AS types
     ORDER BY s, t`,
  );

/** Each ranked node's ranking, with the partner each ranked relationship leads to (element ids change). */
const readRankings = (db: Database) =>
  cypherRows<{ id: string; ranking: string[]; rels: string[] }>(
    db,
    `MATCH (x:Entity) WHERE x.partnerRanking IS NOT NULL OR x.partnerRankingRels IS NOT NULL
     RETURN x.id AS id, x.partnerRanking AS ranking,
            [e IN x.partnerRankingRels | COLLECT { MATCH (x)-[r:PARTNERS]-(p) WHERE elementId(r) = e RETURN p.id }[0]]
              AS rels
     ORDER BY id`,
  );

describe('partnerships loaded by the neo4j-admin fast path', () => {
  let work: string;
  let home: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'iecm-admin-partnerships-test-'));
    home = path.join(work, 'home');
  });

  afterAll(async () => {
    await stop(home);
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'are, relationship by relationship and property by property, those of the Cypher rebuild',
    async () => {
      const write = (name: string, content: unknown): string => {
        const file = path.join(work, name);
        writeFileSync(file, JSON.stringify(content));
        return file;
      };
      // The generated graph names some countries as the seed does: those nodes are the seed's.
      const seedNodes = (JSON.parse(readFileSync(FIRST_SEED_FILE, 'utf8')) as { nodes: { id: string }[] }).nodes;
      const taken = new Set([...seedNodes, ...EXTRA.nodes, ...TRICKY.nodes].map((node) => node.id));
      const dataset = generateScaleDataset({ relationships: 40_000, seed: 7 });
      const generated = write('generated.json', {
        ...dataset,
        // Some agreements state no status (migration 0016 makes it NOT_STATED on the loaded store).
        nodes: dataset.nodes
          .filter((node) => !taken.has(node.id))
          .map((node, i) => {
            if (node.kind !== NodeKind.AGREEMENT || i % 5 !== 0) return node;
            const properties = { ...node.properties };
            delete properties.status;
            return { ...node, properties };
          }),
      });
      const files = [
        FIRST_SEED_FILE,
        write('extra.json', EXTRA),
        write('tricky.json', { ...TRICKY, sources: [] }),
        generated,
      ];
      const startOwn = async (): Promise<string> =>
        (
          await start({
            home,
            boltPort: await freePort(),
            heap: '512m',
            pageCache: '64m',
            settings: QUICK_STOP_SETTINGS,
          })
        ).uri;
      const db = Database.create({ ...SETTINGS, uri: await startOwn() });
      await db.waitUntilReachable(60_000);
      await migrate(db);
      const result = await adminImport(db, { files, actor: ACTOR, home, restart: startOwn, settings: SETTINGS });
      try {
        const loaded = await readPartnerships(result.db);
        const loadedRankings = await readRankings(result.db);
        expect(result.partnerships).toBe(loaded.length);
        // What the comparison covers: enough pairs, both kinds of ends, entries of several facts and ways.
        expect(loaded.length).toBeGreaterThan(1_000);
        const ways = new Set(loaded.flatMap((row) => row.properties.ways as string[]));
        expect([...ways].sort()).toEqual([
          'AGREEMENT_IN_NEGOTIATION',
          'AGREEMENT_STATUS_NOT_STATED',
          'EVENT_PARTICIPATION',
          'EVENT_VENUE',
          'FACILITATED_AGREEMENT',
          'SIGNED_AGREEMENT',
        ]);
        expect(loaded.some((row) => row.properties.lastDate === null)).toBe(true);
        expect(loaded.some((row) => row.properties.periodStart !== null)).toBe(true);
        expect(loaded.some((row) => (row.properties.entryFrom as string[]).includes(''))).toBe(true);
        expect(loadedRankings.length).toBeGreaterThan(0);
        expect(
          (await cypherRows(result.db, "MATCH (d:Derived {name: 'partnerships'}) RETURN d.version AS version")).map(
            (row) => row.version,
          ),
        ).toEqual([PARTNERSHIPS_VERSION]);

        await rebuildAllPartnerships(result.db);
        const rebuilt = await readPartnerships(result.db);
        expect(rebuilt.length).toBe(loaded.length);
        // Pair by pair, so that a difference names its pair.
        for (const [i, row] of loaded.entries()) expect(row).toEqual(rebuilt[i]);
        expect(loadedRankings).toEqual(await readRankings(result.db));
        for (const { ranking, rels } of loadedRankings) expect(rels).toEqual(ranking);
      } finally {
        await result.db.close();
        await stop(home);
      }
    },
    SLOW_TEST_MS,
  );
});
