/** Import and export against the real Neo4j: validation by position, all or nothing, idempotence, round trips. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import {
  ConcurrentChangeError,
  datasetRows,
  readGraphCounts,
  writeRows,
} from '../../src/features/dataset/dataset.repository';
import { exportText } from '../../src/features/dataset/export';
import { ImportError, importFiles, type FileProblem } from '../../src/features/dataset/import';
import { NodeKind } from '../../src/model/graph-model';
import { EXTRA, TRICKY } from '../support/datasets';
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
    const error = await importFiles(db, ACTOR, [nodes, edges], { batchSize: 2 }).catch((e: unknown) => e);
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
      /broken.json line 1, column 4: is not valid JSON/,
    );
    await expect(importFiles(db, ACTOR, [write('other.csv', 'a,b\n1,2')])).rejects.toThrow(/needs the columns/);
  });

  it('reads "|" escaped inside a list cell as part of the item: the alias Alpha|Beta stays one alias', async () => {
    const nodes = write(
      'nodes.csv',
      ['id,kind,name,aliases,sources', `foro-barra,EVENT,Foro barra,Alpha\\|Beta|C:\\\\dir|Gamma,${DOC}#1`].join('\n'),
    );
    await importFiles(db, ACTOR, [nodes]);
    const [row] = await cypherRows<{ aliases: string[] }>(
      db,
      "MATCH (n:Entity {id: 'foro-barra'}) RETURN n.aliases AS aliases",
    );
    expect(row?.aliases).toEqual(['Alpha|Beta', 'C:\\dir', 'Gamma']);
    const csv = await exportText(db, 'nodes.csv');
    expect(csv).toContain('Alpha\\|Beta|C:\\\\dir|Gamma');
  });

  it('names the line of a CSV that is not UTF-8 (Latin-1), and imports nothing', async () => {
    const before = await dumpGraph(db);
    const file = path.join(dir, 'latin1.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`id,kind,name,aliases,sources\nforo-a,EVENT,Foro a,,${DOC}#1\nforo-b,EVENT,Foro de Bogot`),
        Buffer.from([0xe1]), // "á" in Latin-1: not UTF-8
        Buffer.from(`,,${DOC}#1\n`),
      ]),
    );
    await expect(importFiles(db, ACTOR, [file])).rejects.toThrow(/latin1\.csv.*line 3.*not UTF-8/);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('refuses names with control, bidi, zero-width-only or blank text by file, line and field, and writes nothing', async () => {
    const before = await dumpGraph(db);
    const file = write(
      'hostile-names.csv',
      [
        'id,kind,name,aliases,sources',
        `foro-bueno,EVENT,Foro bueno,,${DOC}#1`,
        `foro-nul,EVENT,Foro\u0000nulo,,${DOC}#1`,
        `foro-rlo,EVENT,Foro \u202eoverride,,${DOC}#1`,
        `foro-zw,EVENT,\u200b\u200d,,${DOC}#1`,
        `foro-alias,EVENT,Foro alias,Bien|Mal\u2066,${DOC}#1`,
        '',
      ].join('\n'),
    );
    const error = await importFiles(db, ACTOR, [file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('BAD_USER_INPUT');
    expect((error as ImportError).problems.map((p) => `${where(p)} ${p.column ?? '-'}`)).toEqual([
      'hostile-names.csv line 3 name 3',
      'hostile-names.csv line 4 name 3',
      'hostile-names.csv line 5 name 3',
      'hostile-names.csv line 6 aliases[1] 4',
    ]);
    expect((error as ImportError).message).toMatch(/line 4, column 3, name: holds a bidirectional control character/);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('stores names read in NFD (combining accents) in NFC, with search keys that find them', async () => {
    const decomposed = 'Fiscali\u0301a de Bogota\u0301';
    const file = write(
      'nfd.csv',
      `id,kind,name,aliases,sources\nforo-nfd,EVENT, ${decomposed} ,${decomposed},${DOC}#1\n`,
    );
    await importFiles(db, ACTOR, [file]);
    const [row] = await cypherRows<{ name: string; aliases: string[] }>(
      db,
      "MATCH (n:Entity {id: 'foro-nfd'}) RETURN n.name AS name, n.aliases AS aliases",
    );
    expect(row).toEqual({ name: decomposed.normalize('NFC'), aliases: [decomposed.normalize('NFC')] });
  });

  it('imports a header-only edges.csv as empty, not as an error', async () => {
    const edges = write('edges.csv', 'from,type,to,periodStart,periodEnd,sources\n');
    await expect(importFiles(db, ACTOR, [edges])).resolves.toMatchObject({ relationships: 0, nodes: 0 });
  });
});

const problemsOf = async (files: string[]): Promise<FileProblem[]> => {
  const error = await importFiles(db, ACTOR, files).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).problems;
};
const where = (p: FileProblem): string => `${p.file} ${p.position} ${p.field}`;

/** A one-document dataset (as formatted JSON, one field per line) defining `nodes` and `relationships`. */
const dataset = (extra: { sources?: unknown[]; nodes?: unknown[]; relationships?: unknown[] }): string =>
  JSON.stringify(
    {
      format: 'iecm-graph/1',
      sources: [...(extra.sources ?? []), ...EXTRA.sources],
      nodes: extra.nodes ?? [],
      relationships: extra.relationships ?? [],
    },
    null,
    2,
  );
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('import never changes what a node is (issue 10.2)', () => {
  beforeEach(() => resetAndSeed(db));

  it('refuses a document whose id is an existing node of another kind, and writes nothing', async () => {
    const before = await dumpGraph(db);
    const text = dataset({
      sources: [
        {
          id: 'unam',
          title: 'Not a university',
          url: 'https://example.org/unam',
          publishedOn: '2025',
          statements: [{ n: 0, text: 'Headline' }],
        },
      ],
    });
    const problems = await problemsOf([write('doc-over-node.json', text)]);
    expect(problems.map(where)).toEqual([`doc-over-node.json line ${lineOf(text, '"id": "unam"') - 1} id`]);
    expect(problems[0]!.message).toMatch(/"unam" is already a UNIVERSITY/);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('refuses retired (deleted or merged) ids in every section, relationship ends included', async () => {
    await cypherRows(db, "MATCH (n:Entity {id: 'ine'}) REMOVE n:Entity SET n:DeletedEntity");
    await cypherRows(db, "MATCH (n:Entity {id: 'unam'}) REMOVE n:Entity SET n:MergedEntity, n.mergedInto = 'iecm'");
    await cypherRows(db, "MATCH (n:Entity {id: 'dallas'}) REMOVE n:Entity SET n:DeletedEntity");
    const before = await dumpGraph(db);
    const text = dataset({
      sources: [
        { id: 'ine', title: 'T', url: 'https://example.org/t', publishedOn: '2025', statements: [{ n: 0, text: 'T' }] },
      ],
      nodes: [{ id: 'unam', kind: 'UNIVERSITY', name: 'UNAM', sources: ['nota-ejemplo#1'] }],
      relationships: [{ from: 'iecm', type: 'LOCATED_IN', to: 'dallas', sources: ['nota-ejemplo#1'] }],
    });
    const problems = await problemsOf([write('retired.json', text)]);
    expect(problems.map(where)).toEqual([
      `retired.json line ${lineOf(text, '"id": "ine"') - 1} id`,
      `retired.json line ${lineOf(text, '"id": "unam"') - 1} id`,
      `retired.json line ${lineOf(text, '"from": "iecm"') - 1} to`,
    ]);
    for (const problem of problems) expect(problem.message).toMatch(/deleted or merged/);
    expect(problems.map((p) => p.message).join('\n')).not.toMatch(/Neo\.|constraint/i);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('refuses relationships between kinds their type does not join, for ends in the file and in the graph', async () => {
    const before = await dumpGraph(db);
    const text = dataset({
      nodes: [{ id: 'una-ciudad', kind: 'CITY', name: 'Una ciudad', sources: ['nota-ejemplo#1'] }],
      relationships: [
        { from: 'una-ciudad', type: 'CHAIRS', to: 'iecm', sources: ['nota-ejemplo#1'] },
        { from: 'iecm', type: 'LOCATED_IN', to: 'dallas', sources: ['nota-ejemplo#1'] },
        { from: 'dallas', type: 'PARTY_TO', to: 'unam', sources: ['nota-ejemplo#1'] },
      ],
    });
    const problems = await problemsOf([write('bad-pairs.json', text)]);
    expect(problems.map(where)).toEqual([
      `bad-pairs.json line ${lineOf(text, '"from": "una-ciudad"') - 1} type`,
      `bad-pairs.json line ${lineOf(text, '"from": "dallas"') - 1} type`,
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'CHAIRS joins PERSON → COMMISSION, GROUP, UNIT; got CITY → ORGANIZATION',
      expect.stringMatching(/^PARTY_TO joins ORGANIZATION, .* → AGREEMENT; got CITY → UNIVERSITY$/),
    ]);
    expect(await dumpGraph(db)).toEqual(before);
  });

  it('fails the whole batch when another writer created the id with another kind meanwhile', async () => {
    // Validation saw no "paris"; the other writer's transaction holds it until it commits.
    const session = db.driver.session({ database: db.name });
    const other = session.beginTransaction();
    await other.run("CREATE (:Entity:Identity:City {id: 'paris', kind: 'CITY', name: 'París'})");
    const rows = datasetRows({
      format: 'iecm-graph/1',
      sources: [],
      nodes: [
        { id: 'nuevo-nodo', kind: NodeKind.ORGANIZATION, name: 'Nuevo', sources: [`${DOC}#1`] },
        { id: 'paris', kind: NodeKind.UNIVERSITY, name: 'Universidad París', sources: [`${DOC}#1`] },
      ],
      relationships: [],
    });
    const importing = db.write((tx) => writeRows(tx, rows));
    await other.commit();
    await session.close();
    await expect(importing).rejects.toThrow(ConcurrentChangeError);
    const [paris] = await cypherRows<{ labels: string[] }>(db, "MATCH (n {id: 'paris'}) RETURN labels(n) AS labels");
    expect(paris!.labels.sort()).toEqual(['City', 'Entity', 'Identity']);
    expect(await cypherRows(db, "MATCH (n {id: 'nuevo-nodo'}) RETURN n")).toEqual([]);
  });
});

describe('import problems name the file, the physical line and the field (issue 10.13)', () => {
  beforeEach(() => resetAndSeed(db));

  it('counts CSV lines as an editor does: blank lines and quoted line breaks included', async () => {
    const nodes = write(
      'physical.csv',
      [
        'id,kind,name,aliases,sources', // 1
        `foro-uno,EVENT,Foro uno,,${DOC}#1`, // 2
        '', // 3
        `foro-dos,EVENT,"Foro`, // 4
        `dos",,${DOC}#1`, // 5
        `foro-tres,PLANET,Foro tres,,${DOC}#1`, // 6
      ].join('\n'),
    );
    const problems = await problemsOf([nodes]);
    expect(problems.map(where)).toEqual(['physical.csv line 6 kind']);
    expect(problems[0]!.column).toBe(2);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const text = '{\n  "format": "iecm-graph/1",\n  "nodes": [ } ]\n}';
    const problems = await problemsOf([write('syntax.json', text)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'syntax.json', line: 3, column: 14 });
    expect(problems[0]!.message).toMatch(/is not valid JSON/);
  });

  it('accepts a UTF-8 byte order mark in JSON and CSV files', async () => {
    const json = write('bom.json', `\ufeff${JSON.stringify(EXTRA)}`);
    const csv = write('bom.csv', `\ufeffid,kind,name,aliases,sources\nforo-bom,EVENT,Foro BOM,,nota-ejemplo#1\n`);
    const report = await importFiles(db, ACTOR, [json, csv]);
    expect(report).toMatchObject({ nodes: 3, relationships: 3 });
    expect(await cypherRows(db, "MATCH (n:Event {id: 'foro-bom'}) RETURN n.name AS name")).toEqual([
      { name: 'Foro BOM' },
    ]);
  });

  it('names both files and lines of an id defined twice', async () => {
    const text = dataset({
      nodes: [{ id: 'foro-doble', kind: 'EVENT', name: 'Foro', sources: ['nota-ejemplo#1'] }],
    });
    const json = write('first.json', text);
    const csv = write('second.csv', 'id,kind,name,aliases,sources\nforo-doble,EVENT,Foro,,nota-ejemplo#1\n');
    const problems = await problemsOf([json, csv]);
    expect(problems.map(where)).toEqual(['second.csv line 2 id']);
    expect(problems[0]!.message).toContain(`first.json line ${lineOf(text, '"id": "foro-doble"') - 1}`);
  });
});

describe('large imports commit in batches and resume (issue 11.4)', () => {
  beforeEach(() => resetAndSeed(db));

  it('resumes after a crash where it stopped, with the same graph as one uninterrupted import', async () => {
    const file = write('resume.json', JSON.stringify(EXTRA));
    // 2 statements + 2 nodes + 3 relationships = 7 records: 4 batches of 2.
    const crash = new Error('simulated crash after the second batch');
    let committed = 0;
    const failed = await importFiles(db, ACTOR, [file], {
      batchSize: 2,
      onProgress: () => {
        committed += 1;
        if (committed === 2) throw crash;
      },
    }).catch((e: unknown) => e);
    expect(failed).toBe(crash);
    const runs = await cypherRows<{ done: number; status: string }>(
      db,
      'MATCH (r:ImportRun) RETURN r.batchesDone AS done, r.status AS status',
    );
    expect(runs).toEqual([{ done: 2, status: 'running' }]);

    const resumed = await importFiles(db, ACTOR, [file], { batchSize: 2 });
    expect(resumed).toMatchObject({ batches: 2, resumedBatches: 2 });
    const afterResume = await dumpGraph(db);
    const history = await cypherRows<{ n: number }>(db, "MATCH (c:Change {action: 'IMPORT'}) RETURN count(c) AS n");
    expect(history).toEqual([{ n: 4 }]);

    await resetAndSeed(db);
    await importFiles(db, ACTOR, [file]);
    const strip = (graph: Awaited<ReturnType<typeof dumpGraph>>) => ({
      ...graph,
      nodes: graph.nodes.filter((node) => !JSON.stringify(node).includes('ImportRun')),
    });
    expect(strip(afterResume)).toEqual(strip(await dumpGraph(db)));
  });
});

describe('export', () => {
  beforeEach(async () => {
    await resetAndSeed(db);
    await importFiles(db, ACTOR, [write('tricky.json', JSON.stringify(TRICKY))]);
  });

  it('JSON export imported into an empty database gives an identical graph', async () => {
    await importFiles(db, ACTOR, [write('extra.json', JSON.stringify(EXTRA))]);
    const original = await dumpGraph(db);
    const file = write('export.json', await exportText(db, 'graph.json'));

    await resetDatabase(db);
    await importFiles(db, ACTOR, [file]);
    expect(await dumpGraph(db)).toEqual(original);
  });

  it('CSV export neutralises formulas and imports back into an identical graph', async () => {
    const original = await dumpGraph(db);
    const files = await Promise.all(
      ['sources.json', 'nodes.csv', 'edges.csv'].map(async (name) => write(name, await exportText(db, name))),
    );
    const nodesCsv = await exportText(db, 'nodes.csv');
    expect(nodesCsv).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    expect(nodesCsv).toContain("'+52 55|'=ya escapado");
    expect(nodesCsv).toContain("'@SUM(A1)");
    expect(nodesCsv).toContain("'-5");
    for (const row of parseCsv<Record<string, string>>(nodesCsv, { columns: true })) {
      for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }

    await resetDatabase(db);
    await importFiles(db, ACTOR, files);
    expect(await dumpGraph(db)).toEqual(original);
  });

  it.each(['graph.graphml', 'graph.gexf', 'graph-1.3.gexf'])(
    '%s export imported into an empty database gives an identical graph (provenance, properties, statements)',
    async (name) => {
      await importFiles(db, ACTOR, [write('extra.json', JSON.stringify(EXTRA))]);
      const original = await dumpGraph(db);
      const file = write(`export-${name}`, await exportText(db, name));

      await resetDatabase(db);
      const report = await importFiles(db, ACTOR, [file]);
      expect(report.relationships).toBeGreaterThan(0);
      expect(await dumpGraph(db)).toEqual(original);
    },
  );

  it('reads a file of any name in the format --format names, and refuses a name of no known format', async () => {
    const original = await dumpGraph(db);
    const gexf = write('graph-as.xml', await exportText(db, 'graph.gexf'));
    await expect(importFiles(db, ACTOR, [gexf])).rejects.toThrow(
      /graph-as\.xml: the extension "\.xml" names no import format .*known formats: json \(\.json\), csv \(\.csv\), graphml \(\.graphml\), gexf \(\.gexf\)/,
    );
    await expect(importFiles(db, ACTOR, [gexf], { format: 'graphml' })).rejects.toThrow(
      /graph-as\.xml line 2: is not valid GraphML: the root element is <gexf>, not <graphml>/,
    );
    await expect(importFiles(db, ACTOR, [gexf], { format: 'yaml' })).rejects.toThrow(
      /"yaml" is not an import format; known formats: json/,
    );

    await resetDatabase(db);
    await importFiles(db, ACTOR, [gexf], { format: 'GEXF' });
    expect(await dumpGraph(db)).toEqual(original);
  });

  it("every export reads back with third-party parsers with the graph's counts and attributes", async () => {
    const counts = await readGraphCounts(db);
    const documents = counts.nodesByKind.SOURCE_DOCUMENT ?? 0;

    const nodes = parseCsv<Record<string, string>>(await exportText(db, 'nodes.csv'), { columns: true });
    const edges = parseCsv<Record<string, string>>(await exportText(db, 'edges.csv'), { columns: true });
    expect(nodes).toHaveLength(counts.nodes - documents);
    expect(edges).toHaveLength(counts.relationships);
    expect(nodes.find((row) => row.id === 'foro-formulas')).toMatchObject({ kind: 'EVENT', balance: "'-5" });
    expect(edges.find((row) => row.to === 'foro-formulas')).toMatchObject({ participantCount: '120' });

    const json = JSON.parse(await exportText(db, 'graph.json')) as { sources: unknown[]; nodes: unknown[] };
    expect(json.sources.length + json.nodes.length).toBe(counts.nodes);

    const gexf = parseGexf(Graph, await exportText(db, 'graph.gexf'));
    const graphml = parseGraphml(Graph, await exportText(db, 'graph.graphml'));
    for (const graph of [gexf, graphml]) {
      expect(graph.order).toBe(counts.nodes);
      expect(graph.size).toBe(counts.relationships);
      expect(graph.getNodeAttributes('iecm')).toMatchObject({
        label: 'Instituto Electoral de la Ciudad de México',
        kind: 'ORGANIZATION',
      });
      expect(graph.getNodeAttributes('foro-formulas')).toMatchObject({
        kind: 'EVENT',
        periodStart: '2025-02',
        balance: -5,
      });
      const edge = graph.edges('iecm', 'foro-formulas')[0]!;
      expect(graph.getEdgeAttributes(edge)).toMatchObject({
        type: 'PARTICIPATED_IN',
        periodStart: '2025',
        participantCount: 120,
      });
    }
    const gexfEdge = gexf.edges('iecm', 'foro-formulas')[0]!;
    expect(gexf.getEdgeAttributes(gexfEdge).label).toBe('PARTICIPATED_IN');
    const types = new Map<string, number>();
    gexf.forEachEdge((_edge, attributes) => {
      const type = String(attributes.label);
      types.set(type, (types.get(type) ?? 0) + 1);
    });
    expect(Object.fromEntries(types)).toEqual(counts.relationshipsByType);
  });

  it('is downloadable over HTTP, cached until the next write; unknown names are 404 at once', async () => {
    const api = await startTestServer();
    try {
      const json = await fetch(`${api.url}/export/graph.json`);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-disposition')).toContain('iecm-graph.json');
      expect(await json.json()).toEqual(JSON.parse(await exportText(db, 'graph.json')));
      for (const name of ['graph.graphml', 'graph.gexf', 'nodes.csv', 'edges.csv', 'sources.json']) {
        const response = await fetch(`${api.url}/export/${name}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(await exportText(db, name));
      }
      expect((await fetch(`${api.url}/export/graph.gexf`)).headers.get('content-type')).toContain('gexf');
      for (const name of ['secrets.txt', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        expect((await fetch(`${api.url}/export/${name}`)).status).toBe(404);
      }

      // A change that records no history and keeps the counts is not seen: the cached file is served.
      await cypherRows(db, "MATCH (n:Entity {id: 'iecm'}) SET n.name = 'Nombre sin historial'");
      expect(await (await fetch(`${api.url}/export/nodes.csv`)).text()).not.toContain('Nombre sin historial');
      // A write (it records a change) makes the next export read the graph again.
      await importFiles(db, ACTOR, [write('extra.json', JSON.stringify(EXTRA))]);
      const fresh = await (await fetch(`${api.url}/export/nodes.csv`)).text();
      expect(fresh).toContain('Nombre sin historial');
      expect(fresh).toContain('foro-iecm-ine-2025');
    } finally {
      await api.close();
    }
  });

  it('with EXPORT_ACCESS=editor, needs an editor token (401 without or with a bad one)', async () => {
    const token = 'export-editor-token-0123456789';
    const api = await startTestServer({ EXPORT_ACCESS: 'editor', AUTH_TOKENS: `ed:editor:${token}` });
    try {
      expect((await fetch(`${api.url}/export/graph.json`)).status).toBe(401);
      const bad = await fetch(`${api.url}/export/graph.json`, { headers: { authorization: 'Bearer nope-nope-nope' } });
      expect(bad.status).toBe(401);
      const good = await fetch(`${api.url}/export/graph.json`, { headers: { authorization: `Bearer ${token}` } });
      expect(good.status).toBe(200);
      expect((await good.json()) as unknown).toMatchObject({ format: 'iecm-graph/1' });
    } finally {
      await api.close();
    }
  });
});
