/** Hostile and malformed requests are refused with a code, never served at any cost. */
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
});

const aliasedSearches = (count: number): string =>
  `{ ${Array.from({ length: count }, (_, i) => `s${i}: search(query: "ine") { score }`).join(' ')} }`;

/** node -> partOf -> partOf ... `levels` deep. */
const deepQuery = (levels: number): string => {
  let selection = 'id';
  for (let i = 0; i < levels; i += 1) selection = `... on Organization { partOf { ${selection} } }`;
  return `{ node(id: "iecm") { ${selection} } }`;
};

async function post(server: TestServer, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('with the default limits', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('refuses 300 aliased searches', async () => {
    const response = await api.graphql(aliasedSearches(300));
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuses a query nested deeper than the maximum depth', async () => {
    const response = await api.graphql(deepQuery(15));
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
    expect((await api.graphql(deepQuery(3))).errors).toBeUndefined();
  });

  it('lets introspection through in development (the IDE needs it)', async () => {
    const response = await api.graphql('{ __schema { queryType { name } } }');
    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const response = await post(api, JSON.stringify({ query: '{ health { status } }' }), 'text/plain');
    expect(response.status).toBe(400);
  });

  it('answers CORS preflights so browser explorers on other origins can call it', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://explorer.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('the complexity limit on its own', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ GRAPHQL_MAX_ALIASES: '1000' });
  });
  afterAll(() => api.close());

  it('refuses 300 aliased searches even when aliases are allowed', async () => {
    const response = await api.graphql(aliasedSearches(300));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' });
    expect(response.errors?.[0]?.extensions?.complexity).toBeGreaterThan(5_000);
  });

  it('accepts a handful of searches', async () => {
    expect((await api.graphql(aliasedSearches(5))).errors).toBeUndefined();
  });
});

describe('in production', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(() => api.close());

  it('has introspection off and shows no stack traces or stats', async () => {
    const introspection = await api.graphql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const missing = await api.graphql('{ partners(of: "ghost") { totalCount } }');
    expect(missing.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', id: 'ghost' });
    expect(missing.extensions?.stats).toBeUndefined();
  });

  it('can turn introspection on by configuration', async () => {
    const open = await startTestServer({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    try {
      expect((await open.graphql('{ __schema { queryType { name } } }')).errors).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
