/**
 * The partnerships the neo4j-admin fast path loads with the facts (computed from the rows, admin-csv.ts) are the
 * ones the Cypher rebuild writes: the seed and a generated graph (parts up to a university's faculties, events
 * with organizers, venues and participants, facilitators, parts of one node meeting through one agreement, dated
 * and undated facts, a hub with many partners) are loaded by the fast path into a Neo4j of this test's own, every
 * PARTNERS relationship is read with every property and its type, then `rebuildAllPartnerships` runs on the same
 * database and they are read again: same relationships, same properties; same rankings.
 *
 * What the data migrations would write on the loaded store comes with the load too (MIGRATIONS_IN_CSV): the
 * provenance edges, alias keys and agreements' status are read, taken away, written again by those migrations'
 * own statements, and read again: the same, edge by edge and node by node.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminImport } from '../../src/cli/admin-import';
import { Database } from '../../src/db/database';
import { NodeKind } from '../../src/model/graph-model';
import { migrate, readMigrations } from '../../src/db/migrations';
import { MIGRATIONS_IN_CSV } from '../../src/features/dataset/admin-csv';
import { PARTNERSHIPS_VERSION, rebuildAllPartnerships } from '../../src/features/partners/partnerships';
import { freePort, QUICK_STOP_SETTINGS, start, stop } from '../../tools/neo4j/local-neo4j';
import { generateScaleDataset } from '../../bench/scale/generate';
import { EXTRA, TRICKY } from '../support/datasets';
import { cypherRow, cypherRows, FIRST_SEED_FILE } from '../support/graph';

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

interface Migrated {
  edges: string[];
  aliasKeys: { id: string; keys: string[] | null }[];
  agreements: { id: string; status: string | null; statusSources: string[] | null }[];
}

/** What the data migrations the fast path writes as CSV produce: provenance edges, alias keys, agreement status. */
const readMigrated = (db: Database): Promise<Migrated> =>
  cypherRow<Migrated>(
    db,
    `CALL { MATCH (s:Statement)-[r:IN_DOCUMENT|STATES]->(n)
            WITH s.id + ' ' + type(r) + ' ' + n.id AS edge ORDER BY edge RETURN collect(edge) AS edges }
     CALL { MATCH (n:Entity) WITH n ORDER BY n.id RETURN collect({id: n.id, keys: n.aliasKeys}) AS aliasKeys }
     CALL { MATCH (a:Agreement) WITH a ORDER BY a.id
            RETURN collect({id: a.id, status: a.status, statusSources: a.statusSources}) AS agreements }
     RETURN edges, aliasKeys, agreements`,
  );

/** Takes away what those migrations write (the agreements `unstated` had no status in the files), then runs them. */
async function migrateAgain(db: Database, unstated: string[]): Promise<void> {
  const deleteSome = async (text: string): Promise<number> => (await cypherRow<{ deleted: number }>(db, text)).deleted;
  while (
    (await deleteSome(
      'MATCH (:Statement)-[r:IN_DOCUMENT|STATES]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS deleted',
    )) > 0
  );
  await cypherRows(db, 'MATCH (n:Entity) REMOVE n.aliasKeys');
  await cypherRows(db, 'UNWIND $ids AS id MATCH (a:Agreement {id: id}) REMOVE a.status, a.statusSources', {
    ids: unstated,
  });
  const label = (m: { version: number; name: string }): string => `${String(m.version).padStart(4, '0')}_${m.name}`;
  const written = readMigrations().filter((m) => MIGRATIONS_IN_CSV.has(label(m)));
  expect(written.map(label).sort()).toEqual([...MIGRATIONS_IN_CSV].sort());
  for (const migration of written) {
    expect(migration.schema).toBe(false);
    for (const statement of migration.statements) await cypherRows(db, statement);
  }
}

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
      // The Crónica article's sentence 2 signs its agreements without a status (migration 0016).
      const cronica = 'cronica-2025-iecm-125-convenios';
      const signedByCronica = {
        id: 'convenio-sin-estatus-cronica',
        kind: NodeKind.AGREEMENT,
        name: 'Convenio sin estatus citado por la Crónica',
        aliases: [],
        sources: [`${cronica}#1`, `${cronica}#0`],
      };
      const generated = write('generated.json', {
        ...dataset,
        sources: [
          ...dataset.sources,
          {
            id: cronica,
            title: 'Crónica',
            url: 'https://example.org/cronica',
            publishedOn: '2025',
            statements: [0, 1, 2].map((n) => ({ n, text: `Oración ${n}` })),
          },
        ],
        // Some agreements state no status (migration 0016 makes it NOT_STATED on the loaded store).
        nodes: dataset.nodes
          .filter((node) => !taken.has(node.id))
          .map((node, i) => {
            if (node.kind !== NodeKind.AGREEMENT || i % 5 !== 0) return node;
            const properties = { ...node.properties };
            delete properties.status;
            return { ...node, properties };
          })
          .concat([signedByCronica]),
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

        // The data migrations were recorded, not run; what they write is there, the same as they write it.
        expect(
          (await cypherRows<{ version: number }>(result.db, 'MATCH (m:Migration) RETURN m.version AS version')).length,
        ).toBe(readMigrations().length);
        const migrated = await readMigrated(result.db);
        expect(migrated.edges.some((edge) => edge.includes(' IN_DOCUMENT '))).toBe(true);
        expect(migrated.edges.filter((edge) => edge.includes(' STATES ')).length).toBeGreaterThan(1_000);
        expect(migrated.aliasKeys.some((node) => node.keys?.length === 0)).toBe(true);
        expect(migrated.agreements).toContainEqual({
          id: signedByCronica.id,
          status: 'SIGNED',
          statusSources: [`${cronica}#2`, `${cronica}#1`, `${cronica}#0`],
        });
        expect(migrated.agreements.some((a) => a.status === 'NOT_STATED' && a.statusSources === null)).toBe(true);
        const inputs = files.map(
          (file) =>
            JSON.parse(readFileSync(file, 'utf8')) as {
              nodes: { id: string; kind: NodeKind; properties?: { status?: string } }[];
            },
        );
        const unstated = inputs.flatMap((input) =>
          input.nodes
            .filter((node) => node.kind === NodeKind.AGREEMENT && node.properties?.status === undefined)
            .map((node) => node.id),
        );
        await migrateAgain(result.db, unstated);
        const again = await readMigrated(result.db);
        expect(again.edges.length).toBe(migrated.edges.length);
        for (const [i, edge] of migrated.edges.entries()) expect(edge).toBe(again.edges[i]);
        for (const [i, node] of migrated.aliasKeys.entries()) expect(node).toEqual(again.aliasKeys[i]);
        expect(migrated.agreements).toEqual(again.agreements);

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
