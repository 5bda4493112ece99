/**
 * The W3C Reconciliation Service API 0.2 at /reconcile, over HTTP against the seeded real Neo4j. Every answer is
 * validated against the project's own schemas (tests/fixtures/reconciliation/schemas); the example batches there
 * are sent as they are: the valid ones are answered, the invalid ones refused with 400 and where the problem is.
 */
import type { Database } from '../../src/db/database';
import { exampleBatches, schemaErrors, type SchemaRef } from '../support/reconciliation';
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  const db: Database = testDatabase();
  try {
    await resetAndSeed(db);
  } finally {
    await db.close();
  }
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function get(path: string, params: Record<string, string> = {}): Promise<Answer> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(`${server.url}/reconcile${path}${query ? `?${query}` : ''}`);
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, body: json ? (JSON.parse(text) as unknown) : text, headers: response.headers };
}

/** As OpenRefine sends batches: a form field holding the JSON. */
async function postForm(fields: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${server.url}/reconcile`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

/** The answer's body after checking its status and its schema. */
function valid(answer: Answer, ref: SchemaRef, status = 200): unknown {
  expect({ status: answer.status, errors: schemaErrors(ref, answer.body) }).toEqual({ status, errors: [] });
  return answer.body;
}

interface Candidate {
  id: string;
  score: number;
  match: boolean;
  type: { id: string }[];
}

async function reconcile(queries: Record<string, unknown>): Promise<Record<string, Candidate[]>> {
  const body = valid(await postForm({ queries: JSON.stringify(queries) }), 'result-batch.json');
  return Object.fromEntries(
    Object.entries(body as Record<string, { result: Candidate[] }>).map(([key, value]) => [key, value.result]),
  );
}

const one = async (query: Record<string, unknown>): Promise<Candidate[]> => (await reconcile({ q: query })).q ?? [];

describe('manifest', () => {
  it('announces API 0.2, the identifier and schema spaces, the explorer as view, preview, suggest and extend', async () => {
    const manifest = valid(await get('/'), 'manifest.json') as Record<string, { url?: string }>;
    expect(manifest.view?.url).toBe(`${server.url}/explorer?focus={{id}}`);
    expect(manifest.preview?.url).toBe(`${server.url}/reconcile/preview?id={{id}}`);
    expect(manifest.defaultTypes).toEqual(expect.arrayContaining([{ id: 'ORGANIZATION', name: 'Organization' }]));
  });

  it('builds its links on PUBLIC_URL when set (behind a proxy)', async () => {
    const proxied = await startTestServer({ PUBLIC_URL: 'https://graph.example.org/iecm/' });
    try {
      const manifest = (await (await fetch(`${proxied.url}/reconcile`)).json()) as Record<string, unknown>;
      expect(schemaErrors('manifest.json', manifest)).toEqual([]);
      expect(manifest).toMatchObject({
        identifierSpace: 'https://graph.example.org/iecm/explorer?focus=',
        view: { url: 'https://graph.example.org/iecm/explorer?focus={{id}}' },
        suggest: {
          entity: { service_url: 'https://graph.example.org/iecm', service_path: '/reconcile/suggest/entity' },
        },
      });
    } finally {
      await proxied.close();
    }
  });

  it('answers JSONP and allows any origin', async () => {
    const answer = await get('', { callback: 'cb' });
    expect(answer.status).toBe(200);
    expect(String(answer.body)).toMatch(/cb\(\{.*"versions":\["0\.2"\]/s);
    const cors = await fetch(`${server.url}/reconcile`, { headers: { origin: 'https://openrefine.example' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('query batches', () => {
  it.each(exampleBatches('valid'))('answers the valid example %s', async (_file, batch) => {
    expect(schemaErrors('query-batch.json', batch)).toEqual([]);
    const body = valid(await postForm({ queries: JSON.stringify(batch) }), 'result-batch.json');
    expect(Object.keys(body as object).sort()).toEqual(Object.keys(batch as object).sort());
    // The same batch by GET and as a JSON body gives the same answer.
    expect((await get('', { queries: JSON.stringify(batch) })).body).toEqual(body);
    const json = await fetch(`${server.url}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: batch }),
    });
    expect(await json.json()).toEqual(body);
  });

  it.each(exampleBatches('invalid'))('refuses the invalid example %s with 400 and where', async (_file, batch) => {
    expect(schemaErrors('query-batch.json', batch)).not.toEqual([]);
    const body = valid(await postForm({ queries: JSON.stringify(batch) }), 'error.json', 400) as { code: string };
    expect(body.code).toBe('BAD_USER_INPUT');
  });

  it('refuses text that is not JSON, unknown types and properties, and batches over batchSize', async () => {
    valid(await postForm({ queries: '{"q0": ' }), 'error.json', 400);
    const unknownType = valid(await postForm({ queries: '{"q0":{"query":"x","type":"Planet"}}' }), 'error.json', 400);
    expect(unknownType).toMatchObject({ details: [{ path: 'q0.type' }] });
    const unknownPid = await postForm({ queries: '{"q0":{"query":"x","properties":[{"pid":"colour","v":"red"}]}}' });
    expect(valid(unknownPid, 'error.json', 400)).toMatchObject({ details: [{ path: 'q0.properties.0.pid' }] });
    const batch = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { query: 'IECM' }]));
    valid(await postForm({ queries: JSON.stringify(batch) }), 'error.json', 413);
  });

  it('matches acronyms, Spanish and English names and aliases, accents and case aside', async () => {
    const answers = await reconcile({
      acronym: { query: 'IECM' },
      folded: { query: 'instituto electoral de la ciudad de mexico' },
      english: { query: 'Mexico City Government' },
      spanishAlias: { query: 'Fiscalía capitalina' },
      id: { query: 'uam-iztapalapa' },
    });
    const best = (key: string): Candidate | undefined => answers[key]?.[0];
    expect(best('acronym')).toMatchObject({ id: 'iecm', match: true, type: [{ id: 'ORGANIZATION' }] });
    expect(best('folded')).toMatchObject({ id: 'iecm', match: true, score: 100 });
    expect(best('english')).toMatchObject({ id: 'gobierno-cdmx', match: true });
    expect(best('spanishAlias')).toMatchObject({ id: 'fgj-cdmx', match: true });
    expect(best('id')).toMatchObject({ id: 'uam-iztapalapa', match: true });
  });

  it('claims no match for a partial or shared name, and ranks best first', async () => {
    const candidates = await one({ query: 'Universidad Autónoma', limit: 5 });
    expect(candidates.length).toBeGreaterThan(1);
    expect(candidates.every((candidate) => !candidate.match)).toBe(true);
    const scores = candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await one({ query: 'Instituto Electoral' })).some((candidate) => candidate.match)).toBe(false);
  });

  it('keeps to the asked types and limit', async () => {
    expect((await one({ query: 'UNAM', type: 'FACULTY' })).map((c) => c.id)).not.toContain('unam');
    const limited = await one({ query: 'Convenio', type: 'AGREEMENT', limit: 2 });
    expect(limited).toHaveLength(2);
    expect(limited.every((candidate) => candidate.type[0]?.id === 'AGREEMENT')).toBe(true);
    // "should" only prefers: another kind is still found, scored lower, and not a match.
    const should = await one({ query: 'UNAM', type: 'FACULTY', type_strict: 'should' });
    expect(should.find((candidate) => candidate.id === 'unam')).toMatchObject({ match: false });
  });

  it('raises the score of a candidate whose city or acronym agrees, and lowers it when they contradict', async () => {
    const scoreOf = async (properties: unknown[]): Promise<Candidate | undefined> =>
      (await one({ query: 'Instituto de Gestión Electoral', properties })).find((c) => c.id === 'ige');
    const plain = await scoreOf([]);
    const right = await scoreOf([{ pid: 'city', v: 'Buenos Aires' }]);
    const wrong = await scoreOf([{ pid: 'city', v: { id: 'ciudad-de-mexico', name: 'Ciudad de México' } }]);
    const wrongAcronym = await scoreOf([{ pid: 'acronym', v: 'INE' }]);
    expect(right?.score).toBeGreaterThan(wrong?.score ?? 100);
    expect(right?.match).toBe(true);
    expect(wrong?.match).toBe(false);
    expect(wrongAcronym?.match).toBe(false);
    expect(wrongAcronym?.score).toBeLessThan(plain?.score ?? 0);
    // A city condition tells namesakes apart: "Instituto Electoral" plus the city is the IECM's.
    const [best] = await one({ query: 'Instituto Electoral', properties: [{ pid: 'city', v: 'CDMX' }] });
    expect(best?.id).toBe('iecm');
  });

  it('finds by conditions alone', async () => {
    const [best] = await one({ properties: [{ pid: 'acronym', v: 'FCPyS' }] });
    expect(best).toMatchObject({ id: 'fcpys-unam', match: true });
  });
});

describe('suggest', () => {
  it('suggests entities by prefix, acronym or alias, within a type', async () => {
    const entities = valid(await get('/suggest/entity', { prefix: 'fisc' }), 'suggest-entities.json') as {
      result: { id: string }[];
    };
    expect(entities.result.map((entity) => entity.id)).toContain('fgj-cdmx');
    const typed = valid(await get('/suggest/entity', { prefix: 'UNAM', type: 'FACULTY' }), 'suggest-entities.json');
    expect((typed as { result: { id: string }[] }).result.map((entity) => entity.id)).not.toContain('unam');
    valid(await get('/suggest/entity', { prefix: 'x', type: 'Planet' }), 'error.json', 400);
    valid(await get('/suggest/entity', { prefix: 'IECM', cursor: '-1' }), 'error.json', 400);
  });

  it('suggests types and properties', async () => {
    const types = valid(await get('/suggest/type', { prefix: 'univ' }), 'types.json');
    expect(types).toEqual({ result: [expect.objectContaining({ id: 'UNIVERSITY', name: 'University' })] });
    const properties = valid(
      await get('/suggest/property', { prefix: 'c', type: 'ORGANIZATION' }),
      'properties.json#/$defs/suggestions',
    ) as { result: { id: string }[] };
    expect(properties.result.map((property) => property.id)).toEqual(expect.arrayContaining(['city', 'country']));
  });
});

describe('data extension', () => {
  it('proposes the properties of a type', async () => {
    const proposal = valid(await get('/properties', { type: 'AGREEMENT' }), 'properties.json#/$defs/proposal') as {
      properties: { id: string }[];
    };
    expect(proposal.properties.map((property) => property.id)).toEqual(
      expect.arrayContaining(['parties', 'status', 'period']),
    );
    expect(proposal.properties.map((property) => property.id)).not.toContain('partners');
  });

  it('returns partners, agreements, city and period; an unknown id gets empty values', async () => {
    const extend = {
      ids: ['ige', 'convenio-iecm-ige', 'nobody'],
      properties: [
        { id: 'partners' },
        { id: 'agreements' },
        { id: 'city' },
        { id: 'period' },
        { id: 'period_start' },
        { id: 'acronym', settings: { limit: '1' } },
      ],
    };
    const body = valid(await postForm({ extend: JSON.stringify(extend) }), 'extension.json') as {
      rows: Record<string, Record<string, unknown[]>>;
    };
    expect(body.rows.ige).toMatchObject({
      partners: [{ id: 'iecm', name: 'Instituto Electoral de la Ciudad de México' }],
      agreements: [{ id: 'convenio-iecm-ige' }],
      city: [{ id: 'buenos-aires', name: 'Buenos Aires' }],
      acronym: [{ str: 'IGE' }],
    });
    expect(body.rows['convenio-iecm-ige']).toMatchObject({
      period: [{ str: '2023-09/2024-09' }],
      period_start: [{ date: '2023-09-01T00:00:00Z' }],
    });
    expect(Object.values(body.rows.nobody ?? {}).flat()).toEqual([]);
  });

  it('refuses unknown properties and malformed queries', async () => {
    valid(
      await postForm({ extend: JSON.stringify({ ids: ['iecm'], properties: [{ id: 'colour' }] }) }),
      'error.json',
      400,
    );
    valid(await postForm({ extend: JSON.stringify({ ids: 'iecm', properties: [] }) }), 'error.json', 400);
  });
});

describe('preview', () => {
  it('shows an entity as a small page that links to the explorer, and 404 for an unknown id', async () => {
    const answer = await get('/preview', { id: 'iecm' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/text\/html/);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(String(answer.body)).toContain('Instituto Electoral de la Ciudad de México');
    expect(String(answer.body)).toContain('/explorer?focus=iecm');
    expect((await get('/preview', { id: 'nobody' })).status).toBe(404);
  });

  it('answers unknown endpoints with 404', async () => {
    valid(await get('/nowhere'), 'error.json', 404);
  });
});
