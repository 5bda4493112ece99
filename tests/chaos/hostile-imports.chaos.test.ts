/**
 * Hostile files through the import path (issue 20), the way an operator runs it: `node dist/src/cli/import.js`
 * (npm run import) against the suite's Neo4j, beside the production-mode API for the HTTP side:
 *  - CSV round trip: aliases holding "|" and the escape character, created over GraphQL, downloaded as
 *    /export/nodes.csv and imported back into a fresh graph, each stay one alias, unchanged;
 *  - the API's own /export/graph.json, after names with spaces and combining accents (and a refused blank one),
 *    imports back (the importer accepted nothing less than the API stores);
 *  - a Latin-1 CSV: refused, BAD_USER_INPUT naming the file and line, nothing written;
 *  - a header-only edges.csv: an empty import (exit 0), nothing written;
 *  - hostile names and texts in JSON, CSV, GraphML and GEXF (control characters, bidi overrides, zero-width-only,
 *    blank, lone surrogates): one import of the four files is refused, BAD_USER_INPUT naming every record by file,
 *    line and field, and nothing is written (the valid records of the same files included);
 *  - names in NFD (combining accents) in the four formats: stored in NFC.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/db/database';
import type { DatasetNode } from '../../src/features/dataset/dataset-format';
import { EXPORT_FILES, type GraphRecords } from '../../src/features/dataset/export';
import { PROJECT_ROOT } from '../../src/shared/paths';
import { cypherRows, resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { testProcessEnv } from '../support/server-process';
import { AUTH_ENV, EDITOR_TOKEN, spawnApi, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { graphql, request } from './support/http';

const DOC = 'nota-iecm-alianzas-2024-09-25';
const SOURCE = `${DOC}#5`;
const IMPORT_JS = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'import.js');

let api: ApiProcess;
let db: Database;
let dir: string;

beforeAll(async () => {
  db = testDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-hostile-imports-'));
  await resetAndSeed(db);
  api = await spawnApi(AUTH_ENV);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await resetAndSeed(db);
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm run import -- <files>` as a process of its own, against the suite's Neo4j. */
function runImport(files: string[]): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [IMPORT_JS, ...files],
      {
        cwd: dir,
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...testProcessEnv(), LOG_LEVEL: 'warn' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

const write = (name: string, content: string | Buffer): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** What a refused import must leave as it was: every node, relationship and change. */
async function graphState(): Promise<string> {
  const [row] = await cypherRows<{ nodes: number; relationships: number; changes: number }>(
    db,
    `CALL { MATCH (n) RETURN count(n) AS nodes }
     CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL { MATCH (c:Change) RETURN count(c) AS changes }
     RETURN nodes, relationships, changes`,
  );
  return JSON.stringify(row);
}

const stored = async (ids: string[]): Promise<{ id: string; name: string; aliases: string[] }[]> =>
  cypherRows(
    db,
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases ORDER BY id',
    { ids },
  );

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A file in the format the API exports (graph.graphml, graph.gexf), of these nodes citing the seed's statements. */
async function exportedAs(name: 'graph.graphml' | 'graph.gexf', nodes: DatasetNode[]): Promise<string> {
  const records: GraphRecords = {
    sources: async function* () {},
    nodes: async function* () {
      yield* nodes;
    },
    relationships: async function* () {},
    nodePropertyTypes: async () => [],
    relationshipPropertyTypes: async () => [],
  };
  const file = EXPORT_FILES.get(name);
  if (!file) throw new Error(`no export ${name}`);
  let text = '';
  for await (const part of file.render(records)) text += part;
  return text;
}

describe('hostile imports', () => {
  it('CSV round trip: aliases holding "|" and the escape character come back as the same aliases', async () => {
    const scenario = new Scenario('CSV round trip: "|" and "\\" in aliases (GraphQL → /export/nodes.csv → import)');
    const aliases = ['Alpha|Beta', 'C:\\dir\\', '\\|', '|lead', 'trail|', 'a\\\\|b', '=1|2', "'=quoted|x", 'Ω|√'];
    const created = await graphql(
      api.url,
      'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id } }',
      {
        input: {
          id: 'csv-pipes',
          kind: 'ORGANIZATION',
          name: 'Foro | Barra',
          aliases,
          sources: [{ statementId: SOURCE }],
        },
      },
      { headers: { authorization: `Bearer ${EDITOR_TOKEN}`, accept: 'application/graphql-response+json' } },
    );
    const before = (await stored(['csv-pipes']))[0];
    const csv = await request(`${api.url}/export/nodes.csv`, { maxBodyBytes: 16 * 1024 * 1024 });
    const file = write('nodes.csv', csv.body);
    // A fresh graph (the seed only): what comes back is what the file says.
    await resetAndSeed(db);
    const gone = (await stored(['csv-pipes'])).length === 0;
    const run = await runImport([file]);
    const after = (await stored(['csv-pipes']))[0];
    scenario.requests = 3;
    scenario.latencies.push(csv.ms, run.ms);
    scenario.notes['aliases'] = aliases.length;
    scenario.notes['stored after the round trip'] = JSON.stringify(after?.aliases ?? null);
    scenario.check('the node was created', created.status === 200 && !created.json?.errors, `${created.code}`);
    scenario.check(
      'the API stored the aliases as given',
      JSON.stringify(before?.aliases) === JSON.stringify(aliases),
      JSON.stringify(before?.aliases),
    );
    scenario.check('nodes.csv downloaded', csv.status === 200 && csv.body.includes('csv-pipes'), `${csv.status}`);
    scenario.check('the fresh graph lacked the node', gone, '');
    scenario.check('the import succeeded', run.code === 0, run.stderr.slice(0, 500));
    scenario.check(
      'every alias came back as one alias, unchanged, with the name',
      JSON.stringify(after) === JSON.stringify(before),
      `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it("the API's own /export/graph.json imports back after names with spaces, accents and marks were written", async () => {
    const scenario = new Scenario('graph.json of the API imports back (names with spaces, NFD, blank refused)');
    const create = (id: string, name: string) =>
      graphql(
        api.url,
        'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id } }',
        { input: { id, kind: 'ORGANIZATION', name, aliases: [` ${name} `], sources: [{ statementId: SOURCE }] } },
        { headers: { authorization: `Bearer ${EDITOR_TOKEN}`, accept: 'application/graphql-response+json' } },
      );
    const blank = await create('names-blank', '   ');
    const spaced = await create('names-spaced', '  Instituto  con espacios  ');
    const decomposed = await create('names-nfd', 'Fiscali\u0301a Cafe\u0301');
    const graph = await request(`${api.url}/export/graph.json`, { maxBodyBytes: 64 * 1024 * 1024 });
    const run = await runImport(['--dry-run', write('graph.json', graph.body)]);
    scenario.requests = 5;
    scenario.latencies.push(graph.ms, run.ms);
    scenario.notes['blank name'] = `${blank.status} ${blank.code ?? 'ok'}`;
    scenario.notes['import --dry-run'] = (run.stdout.trim() || run.stderr.trim()).slice(0, 160);
    scenario.check('a blank name is refused (BAD_USER_INPUT)', blank.code === 'BAD_USER_INPUT', `${blank.code}`);
    scenario.check(
      'names with spaces and combining accents are accepted',
      !spaced.json?.errors && !decomposed.json?.errors,
      `${spaced.code} ${decomposed.code}`,
    );
    scenario.check(
      'graph.json downloaded whole',
      graph.status === 200 && graph.bytes === Number(graph.headers['content-length']),
      `${graph.status}`,
    );
    scenario.check(
      'the importer accepts it (dry run: valid)',
      run.code === 0 && /^valid/.test(run.stdout),
      `${run.code} ${run.stderr.slice(0, 500)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it('refuses a Latin-1 CSV with BAD_USER_INPUT naming the file and line, and writes nothing', async () => {
    const scenario = new Scenario('Latin-1 CSV import');
    const file = write(
      'latin1-nodes.csv',
      Buffer.concat([
        Buffer.from(`id,kind,name,aliases,sources\nlatin-ok,EVENT,Foro bien,,${SOURCE}\nlatin-bad,EVENT,Foro de Bogot`),
        Buffer.from([0xe1]), // "á" in ISO-8859-1: not UTF-8
        Buffer.from(`,,${SOURCE}\n`),
      ]),
    );
    const before = await graphState();
    const run = await runImport([file]);
    const after = await graphState();
    scenario.requests = 1;
    scenario.latencies.push(run.ms);
    scenario.notes['exit code'] = run.code;
    scenario.notes['message'] = run.stderr.trim().split('\n').slice(0, 2).join(' / ').slice(0, 200);
    scenario.check('the import failed (exit 1)', run.code === 1, `${run.code}`);
    scenario.check('the error is BAD_USER_INPUT', run.stderr.startsWith('BAD_USER_INPUT: '), run.stderr.slice(0, 200));
    scenario.check(
      'it names the file and line 3, as not UTF-8',
      /latin1-nodes\.csv line 3\b.*not UTF-8/.test(run.stderr),
      run.stderr.slice(0, 500),
    );
    scenario.check(
      'nothing was written',
      after === before && (await stored(['latin-ok', 'latin-bad'])).length === 0,
      `${before} → ${after}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it('imports a header-only edges.csv as an empty import', async () => {
    const scenario = new Scenario('header-only edges.csv import');
    const file = write('edges.csv', 'from,type,to,periodStart,periodEnd,sources\n');
    const before = await graphState();
    const run = await runImport([file]);
    const after = await graphState();
    scenario.requests = 1;
    scenario.latencies.push(run.ms);
    scenario.notes['output'] = run.stdout.trim().slice(0, 160);
    scenario.check(
      'accepted (exit 0, no error)',
      run.code === 0 && run.stderr.trim() === '',
      `${run.code} ${run.stderr.slice(0, 300)}`,
    );
    scenario.check(
      'reported as empty',
      /imported: 0 nodes, 0 statements, 0 relationships/.test(run.stdout),
      run.stdout.slice(0, 300),
    );
    scenario.check('nothing was written', after === before, `${before} → ${after}`);
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it('refuses hostile names in JSON, CSV, GraphML and GEXF by file, line and field, and writes nothing', async () => {
    const scenario = new Scenario('hostile names through the import: JSON, CSV, GraphML, GEXF');
    // Every text XML can carry; control characters other than C1 cannot be written in XML 1.0 at all.
    const xmlHostile: Record<string, string> = {
      c1: 'Alpha\u0085',
      rlo: 'Alpha\u202eateB',
      isolate: 'Alpha\u2066Beta\u2069',
      zw: '\u200b\u200c\u200d',
      bom: '\ufeff',
      blank: '\u2003 \u00a0',
    };
    const textHostile: Record<string, string> = { ...xmlHostile, nul: 'Alpha\u0000Beta', esc: 'Alpha\u001bBeta' };
    const jsonHostile: Record<string, string> = { ...textHostile, hi: 'Alpha\ud800', lo: '\udc00Beta' };
    const node = (id: string, name: string, extra: Partial<DatasetNode> = {}): DatasetNode =>
      ({ id, kind: 'ORGANIZATION', name, aliases: [], sources: [SOURCE], ...extra }) as DatasetNode;
    /** Each hostile record, with the file, line and field its problem must name. */
    const expected: { file: string; line: number; field: string }[] = [];
    const goodIds: string[] = [];
    const hostileIds: string[] = [];

    // JSON: one record per line.
    const jsonNodes = [
      node('hj-good', 'Bueno'),
      ...Object.entries(jsonHostile).map(([what, name]) => node(`hj-${what}`, name)),
      node('hj-alias', 'Alias', { aliases: ['ok', 'x\u202ey'] }),
      node('hj-prop', 'Propiedad', { properties: { note: 'a\u2067b' } }),
    ];
    const json = `{"format":"iecm-graph/1","sources":[],"relationships":[],"nodes":[\n${jsonNodes.map((n) => JSON.stringify(n)).join(',\n')}\n]}\n`;
    jsonNodes.forEach((n, i) => {
      if (n.id === 'hj-good') return;
      const field = n.id === 'hj-alias' ? 'aliases[1]' : n.id === 'hj-prop' ? 'properties.note' : 'name';
      expected.push({ file: 'hostile.json', line: i + 2, field });
    });

    // CSV: a row each.
    const csvRows = [
      ['hc-good', 'Bueno', '', ''],
      ...Object.entries(textHostile).map(([what, name]) => [`hc-${what}`, name, '', '']),
      ['hc-alias', 'Alias', 'ok|x\u202ey', ''],
      ['hc-prop', 'Propiedad', '', 'a\u2067b'],
    ];
    const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
    const csv = [
      'id,kind,name,aliases,sources,note',
      ...csvRows.map(([id, name, aliasCell, note]) =>
        [id, 'ORGANIZATION', quote(name ?? ''), quote(aliasCell ?? ''), SOURCE, quote(note ?? '')].join(','),
      ),
      '',
    ].join('\n');
    csvRows.forEach(([id], i) => {
      if (id === 'hc-good') return;
      const field = id === 'hc-alias' ? 'aliases[1]' : id === 'hc-prop' ? 'properties.note' : 'name';
      expected.push({ file: 'hostile.csv', line: i + 2, field });
    });

    // GraphML and GEXF, written by the API's own exporter.
    const xml: Record<string, string> = {};
    for (const [name, prefix, out] of [
      ['graph.graphml', 'hg', 'hostile.graphml'],
      ['graph.gexf', 'hx', 'hostile.gexf'],
    ] as const) {
      const nodes = [
        node(`${prefix}-good`, 'Bueno'),
        ...Object.entries(xmlHostile).map(([what, text]) => node(`${prefix}-${what}`, text)),
        node(`${prefix}-alias`, 'Alias', { aliases: ['ok', 'x\u202ey'] }),
      ];
      const text = await exportedAs(name, nodes);
      xml[out] = text;
      for (const n of nodes.slice(1)) {
        expected.push({
          file: out,
          line: lineOf(text, `id="${n.id}"`),
          field: n.aliases?.length ? 'aliases[1]' : 'name',
        });
      }
      goodIds.push(`${prefix}-good`);
      hostileIds.push(...nodes.slice(1).map((n) => n.id));
    }
    goodIds.push('hj-good', 'hc-good');
    hostileIds.push(...jsonNodes.slice(1).map((n) => n.id), ...csvRows.slice(1).map(([id]) => id ?? ''));

    const files = [
      write('hostile.json', json),
      write('hostile.csv', csv),
      write('hostile.graphml', xml['hostile.graphml'] ?? ''),
      write('hostile.gexf', xml['hostile.gexf'] ?? ''),
    ];
    const before = await graphState();
    const run = await runImport(files);
    const after = await graphState();
    const problemLines = run.stderr.split('\n').filter((line) => line.startsWith('  '));
    const unnamed = expected.filter(
      ({ file, line, field }) =>
        !new RegExp(
          `^  ${escapeRegExp(file)} line ${line}(, column \\d+)?, ${escapeRegExp(field)}: (holds|is blank|must be)`,
          'm',
        ).test(run.stderr),
    );
    const written = await stored([...goodIds, ...hostileIds]);
    scenario.requests = 1;
    scenario.latencies.push(run.ms);
    scenario.notes['hostile records'] = expected.length;
    scenario.notes['problems listed'] = problemLines.length;
    scenario.notes['first problem'] = (problemLines[0] ?? '').trim().slice(0, 160);
    scenario.check('the import failed (exit 1)', run.code === 1, `${run.code} ${run.stdout.slice(0, 200)}`);
    scenario.check('the error is BAD_USER_INPUT', run.stderr.startsWith('BAD_USER_INPUT: '), run.stderr.slice(0, 300));
    scenario.check(
      'every hostile record is named by file, line and field',
      unnamed.length === 0,
      `${unnamed.map((u) => `${u.file}:${u.line}:${u.field}`).join(', ')} in ${run.stderr.slice(0, 1_500)}`,
    );
    scenario.check(
      'no other problem was reported',
      problemLines.length === expected.length,
      problemLines.join(' | ').slice(0, 1_500),
    );
    scenario.check(
      'nothing was written, valid records included',
      after === before && written.length === 0,
      `${before} → ${after}; ${JSON.stringify(written)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it('stores names read in NFD in NFC, in every format', async () => {
    const scenario = new Scenario('NFD names through the import: stored NFC (JSON, CSV, GraphML, GEXF)');
    const decomposed = 'Fiscali\u0301a de Bogota\u0301 ';
    const nfc = decomposed.normalize('NFC').trim();
    const node = (id: string): DatasetNode =>
      ({ id, kind: 'ORGANIZATION', name: decomposed, aliases: [decomposed], sources: [SOURCE] }) as DatasetNode;
    const files = [
      write(
        'nfd.json',
        JSON.stringify({ format: 'iecm-graph/1', sources: [], nodes: [node('nfd-json')], relationships: [] }),
      ),
      write(
        'nfd.csv',
        `id,kind,name,aliases,sources\nnfd-csv,ORGANIZATION,"${decomposed}","${decomposed}",${SOURCE}\n`,
      ),
      write('nfd.graphml', await exportedAs('graph.graphml', [node('nfd-graphml')])),
      write('nfd.gexf', await exportedAs('graph.gexf', [node('nfd-gexf')])),
    ];
    const run = await runImport(files);
    const rows = await stored(['nfd-csv', 'nfd-gexf', 'nfd-graphml', 'nfd-json']);
    const notNfc = rows.filter((row) => row.name !== nfc || JSON.stringify(row.aliases) !== JSON.stringify([nfc]));
    scenario.requests = 1;
    scenario.latencies.push(run.ms);
    scenario.notes['stored'] = `${rows.length - notNfc.length}/4 in NFC`;
    scenario.check('the import succeeded', run.code === 0, run.stderr.slice(0, 500));
    scenario.check('four nodes stored', rows.length === 4, JSON.stringify(rows.map((row) => row.id)));
    scenario.check('names and aliases in NFC, trimmed', notNfc.length === 0, JSON.stringify(notNfc));
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);
});
