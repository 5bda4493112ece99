/** Import and export against the real Neo4j: validation by position, all or nothing, idempotence, round trips. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { exportDataset, toCsvFiles, toGraphML } from '../../src/features/dataset/export';
import { ImportError, importFiles } from '../../src/features/dataset/import';
import { cypherRows, dumpGraph, resetAndSeed, resetDatabase } from '../support/graph';
import { startTestServer, testDatabase } from '../support/test-server';

const ACTOR = { name: 'test-import', role: 'admin' as const };
const DOC = 'nota-iecm-alianzas-2024-09-25';
let db: Database;
let dir: string;

beforeAll(() => {
  db = testDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-import-test-'));
});
afterAll(() => db.close());

const write = (name: string, content: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** A second document adding a node and relationships to the seeded graph. */
const EXTRA = {
  format: 'iecm-graph/1',
  sources: [
    {
      id: 'nota-ejemplo',
      title: 'Otra nota',
      url: 'https://example.org/otra',
      publishedOn: '2025',
      statements: [
        { n: 0, text: 'Otra nota' },
        { n: 1, text: 'El IECM y el INE realizaron un foro en la UNAM.' },
      ],
    },
  ],
  nodes: [
    {
      id: 'foro-iecm-ine-2025',
      kind: 'EVENT',
      name: 'Foro IECM-INE',
      aliases: ['Foro'],
      sources: ['nota-ejemplo#1'],
      properties: { eventType: 'FORUM', periodStart: '2025' },
    },
  ],
  relationships: [
    {
      from: 'iecm',
      type: 'ORGANIZED',
      to: 'foro-iecm-ine-2025',
      sources: ['nota-ejemplo#1'],
      periodStart: '2025',
      periodEnd: '2025',
    },
    {
      from: 'ine',
      type: 'ORGANIZED',
      to: 'foro-iecm-ine-2025',
      sources: ['nota-ejemplo#1'],
      periodStart: '2025',
      periodEnd: '2025',
    },
    {
      from: 'foro-iecm-ine-2025',
      type: 'HELD_AT',
      to: 'unam',
      sources: ['nota-ejemplo#1'],
      properties: { note: 'auditorio' },
    },
  ],
};

describe('import', () => {
  beforeEach(() => resetAndSeed(db));

  it('adds a file that refers to nodes already in the graph, and importing it again changes nothing', async () => {
    const file = write('extra.json', JSON.stringify(EXTRA));
    const report = await importFiles(db, ACTOR, [file]);
    expect(report).toMatchObject({ nodes: 2, statements: 2, relationships: 3, dryRun: false });
    const once = await dumpGraph(db);
    const counts = await readGraphCounts(db);
    await importFiles(db, ACTOR, [file]);
    expect(await dumpGraph(db)).toEqual(once);
    expect(await readGraphCounts(db)).toEqual(counts);
    const history = await cypherRows<{ actor: string }>(
      db,
      "MATCH (c:Change {action: 'IMPORT'}) RETURN c.actor AS actor, c.summary AS summary",
    );
    expect(history.map((row) => row.actor)).toEqual(['test-import', 'test-import']);
  });

  it('with --dry-run validates and writes nothing', async () => {
    const before = await dumpGraph(db);
    const report = await importFiles(db, ACTOR, [write('extra.json', JSON.stringify(EXTRA))], { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, relationships: 3 });
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('reports every bad record by file, position and field, and imports nothing', async () => {
    const before = await dumpGraph(db);
    const nodes = write(
      'nodes.csv',
      [
        'id,kind,name,aliases,sources,eventCount',
        `foro-bueno,EVENT,Foro bueno,,${DOC}#1,3`,
        `Foro Malo,PLANET,,,${DOC}#1,`,
        `foro-sin-fuente,EVENT,Foro sin fuente,,,`,
        `iecm,CITY,IECM como ciudad,,${DOC}#1,`,
      ].join('\n'),
    );
    const edges = write(
      'edges.csv',
      [
        'from,type,to,periodStart,periodEnd,sources',
        `iecm,ORGANIZED,foro-bueno,2024-09,2024-13,${DOC}#1`,
        `iecm,ADMIRES,nadie,,,${DOC}#77`,
      ].join('\n'),
    );
    const error = await importFiles(db, ACTOR, [nodes, edges]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const problems = (error as ImportError).problems.map((p) => `${p.file} ${p.position} ${p.field}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'nodes.csv line 3 id',
        'nodes.csv line 3 kind',
        'nodes.csv line 3 name',
        'nodes.csv line 4 sources',
        'nodes.csv line 5 kind',
        'edges.csv line 2 periodEnd',
        'edges.csv line 3 to',
        'edges.csv line 3 type',
        'edges.csv line 3 sources[0]',
      ]),
    );
    expect(problems.some((p) => p.startsWith('nodes.csv line 2'))).toBe(false);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('refuses a file that is not JSON or CSV of the format', async () => {
    await expect(importFiles(db, ACTOR, [write('broken.json', '{ nope')])).rejects.toThrow(
      /broken.json : is not valid JSON/,
    );
    await expect(importFiles(db, ACTOR, [write('other.csv', 'a,b\n1,2')])).rejects.toThrow(/needs the columns/);
  });
});

describe('export', () => {
  it('JSON export imported into an empty database gives an identical graph', async () => {
    await resetAndSeed(db);
    await importFiles(db, ACTOR, [write('extra.json', JSON.stringify(EXTRA))]);
    const original = await dumpGraph(db);
    const file = write('export.json', JSON.stringify(await exportDataset(db)));

    await resetDatabase(db);
    await importFiles(db, ACTOR, [file]);
    expect(await dumpGraph(db)).toEqual(original);
  });

  it('CSV export (with its sources.json) imported into an empty database gives an identical graph', async () => {
    await resetAndSeed(db);
    const original = await dumpGraph(db);
    const files = Object.entries(toCsvFiles(await exportDataset(db))).map(([name, content]) => write(name, content));

    await resetDatabase(db);
    await importFiles(db, ACTOR, files);
    expect(await dumpGraph(db)).toEqual(original);
  });

  it('GraphML has every node and edge with its attributes, escaped', async () => {
    await resetAndSeed(db);
    const dataset = await exportDataset(db);
    const graphml = toGraphML(dataset);
    expect(graphml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml xmlns="http:\/\/graphml.graphdrawing.org\/xmlns"/,
    );
    expect(graphml.match(/<node id=/g)).toHaveLength(dataset.nodes.length + dataset.sources.length);
    expect(graphml.match(/<edge id=/g)).toHaveLength(dataset.relationships.length);
    expect(graphml).toContain('<node id="iecm"><data key="label">Instituto Electoral de la Ciudad de México</data>');
    expect(graphml).toContain('Cámara Nacional de Comercio, Servicios y Turismo de la Ciudad de México');
    expect(graphml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('is downloadable over HTTP', async () => {
    await resetAndSeed(db);
    const api = await startTestServer();
    try {
      const json = await fetch(`${api.url}/export/graph.json`);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-disposition')).toContain('iecm-graph.json');
      expect(await json.json()).toEqual(JSON.parse(JSON.stringify(await exportDataset(db))));
      const graphml = await fetch(`${api.url}/export/graph.graphml`);
      expect(graphml.headers.get('content-type')).toContain('application/graphml+xml');
      expect((await fetch(`${api.url}/export/secrets.txt`)).status).toBe(404);
    } finally {
      await api.close();
    }
  });
});
