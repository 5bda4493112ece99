/**
 * Reconciliation of a real spreadsheet column: 20 sloppy names (tests/fixtures/reconciliation/sloppy-names.json)
 * against the seed graph, and a batch with bad cells in it, as OpenRefine sends them.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MAX_QUERY_LENGTH } from '../../src/features/reconcile/request';
import { resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';

interface Candidate {
  id: string;
  score: number;
  match: boolean;
}

const { names } = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'reconciliation', 'sloppy-names.json'), 'utf8'),
) as { names: { query: string; id: string }[] };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await resetAndSeed(server.db);
});
afterAll(() => server.close());

async function reconcile(queries: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/reconcile`, {
    method: 'POST',
    body: new URLSearchParams({ queries: JSON.stringify(queries) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('a column of sloppy names', () => {
  it('finds the meant node first for at least 80%, and claims match: true only when right', async () => {
    expect(names).toHaveLength(20);
    const batch = Object.fromEntries(names.map((name, i) => [`q${i}`, { query: name.query }]));
    const { status, body } = await reconcile(batch);
    expect(status).toBe(200);
    const answers = body as Record<string, { result: Candidate[] }>;
    const rows = names.map((name, i) => ({ ...name, result: answers[`q${i}`]?.result ?? [] }));
    const top1 = rows.filter((row) => row.result[0]?.id === row.id);
    const matched = rows.flatMap((row) =>
      row.result.filter((c) => c.match).map((c) => ({ query: row.query, want: row.id, got: c.id })),
    );
    const wrongMatches = matched.filter((m) => m.got !== m.want);
    const misses = rows
      .filter((row) => row.result[0]?.id !== row.id)
      .map((row) => `${row.query} → ${row.result[0]?.id ?? 'nothing'} (wanted ${row.id})`);
    // The figure, for bench/RESULTS.md and the report.
    console.log(
      `sloppy names: top-1 ${top1.length}/${rows.length}, match: true ${matched.length} (${wrongMatches.length} wrong); misses: ${misses.join('; ') || 'none'}`,
    );
    // Every name gets at least one candidate: the full-text fallback runs whenever nothing is exact.
    expect(rows.filter((row) => row.result.length === 0).map((row) => row.query)).toEqual([]);
    expect(top1.length / rows.length).toBeGreaterThanOrEqual(0.8);
    expect(wrongMatches).toEqual([]);
    expect(matched.length).toBeGreaterThan(0);
  });
});

describe('a batch with bad cells', () => {
  it('answers the good queries and gives a blank or overlong cell an empty result', async () => {
    const { status, body } = await reconcile({
      good: { query: 'Instituto Nacional Electoral' },
      blank: { query: '   ' },
      empty: { query: '' },
      long: { query: 'Instituto '.repeat(60).slice(0, MAX_QUERY_LENGTH + 1) },
      typo: { query: 'Tribunal Electoral CDMX' },
    });
    expect(status).toBe(200);
    const answers = body as Record<string, { result: Candidate[] }>;
    expect(answers.blank).toEqual({ result: [] });
    expect(answers.empty).toEqual({ result: [] });
    expect(answers.long).toEqual({ result: [] });
    expect(answers.good?.result[0]).toMatchObject({ id: 'ine', match: true });
    expect(answers.typo?.result[0]?.id).toBe('tecdmx');
  });

  it('still refuses a malformed batch whole (a client mistake, not a cell)', async () => {
    expect((await reconcile({ q0: { query: 12 } })).status).toBe(400);
    expect((await reconcile({ q0: { query: 'x', type: 'Planet' } })).status).toBe(400);
  });
});

describe('hostile reconciliation requests', () => {
  it('refuses deeply nested JSON with 400, in a form field or a JSON body', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const asField = await fetch(`${server.url}/reconcile`, {
      method: 'POST',
      body: new URLSearchParams({ queries: `{"q0":{"query":"iecm","properties":${deep}}}` }),
    });
    expect(asField.status).toBe(400);
    const asBody = await fetch(`${server.url}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"queries":{"q0":{"query":"iecm","properties":${'['.repeat(5_000)}${']'.repeat(5_000)}}}}`,
    });
    expect(asBody.status).toBe(400);
    expect(((await asBody.json()) as { code: string }).code).toBe('BAD_USER_INPUT');
  });

  it('answers a query keyed "__proto__", and an extension of the id "__proto__"', async () => {
    const { status, body } = await reconcile(
      JSON.parse('{"__proto__": {"query": "IECM"}, "q1": {"query": "INE"}}') as Record<string, unknown>,
    );
    expect(status).toBe(200);
    expect(Object.keys(body as object).sort()).toEqual(['__proto__', 'q1']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toHaveProperty('result');
    const extension = await fetch(`${server.url}/reconcile`, {
      method: 'POST',
      body: new URLSearchParams({ extend: JSON.stringify({ ids: ['__proto__', 'iecm'], properties: [] }) }),
    });
    expect(extension.status).toBe(200);
    const rows = ((await extension.json()) as { rows: object }).rows;
    expect(Object.keys(rows).sort()).toEqual(['__proto__', 'iecm']);
  });

  it('builds the manifest from a valid Host only', async () => {
    const manifest = async (host: string): Promise<{ status: number; text: string }> =>
      new Promise((resolve, reject) => {
        const url = new URL(`${server.url}/reconcile`);
        const req = http.request(
          { host: url.hostname, port: url.port, path: '/reconcile', headers: { host } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const good = await manifest('graph.example.org:8080');
    expect(good.status).toBe(200);
    expect(good.text).toContain('http://graph.example.org:8080/');
    for (const host of ['evil.org/<script>', 'a.org@evil.org', 'evil.org"onload=x', 'x y']) {
      const bad = await manifest(host);
      expect({ host, status: bad.status }).toEqual({ host, status: 400 });
      expect(bad.text).not.toContain('evil');
    }
  });
});
