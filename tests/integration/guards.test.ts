/** Hostile and malformed requests are refused with a code, never served at any cost. */
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
});

const aliasedSearches = (count: number, first = 10): string =>
  `{ ${Array.from({ length: count }, (_, i) => `s${i}: search(query: "ine", first: ${first}) { score node { id name } }`).join(' ')} }`;

/** node -> partOf -> partOf ... `levels` deep. */
const deepQuery = (levels: number): string => {
  let selection = 'id';
  for (let i = 0; i < levels; i += 1) selection = `... on Organization { partOf { ${selection} } }`;
  return `{ node(id: "iecm") { ${selection} } }`;
};

/** Clients that accept application/graphql-response+json get 4xx statuses for errors; application/json gets 200. */
const STRICT = { accept: 'application/graphql-response+json' };

async function post(server: TestServer, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('with the default limits', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('refuses 100 aliased searches', async () => {
    const response = await api.graphql(aliasedSearches(100));
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

  it('refuses 200 aliased searches of 50 hits even when aliases are allowed: each list priced by its size', async () => {
    const response = await api.graphql(aliasedSearches(200, 50));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' });
    // 200 × (10 for the search + 50 hits × (score + node { id name }))
    expect(response.errors?.[0]?.extensions?.complexity).toBe(200 * (10 + 50 * 4));
  });

  it('accepts a handful of searches', async () => {
    expect((await api.graphql(aliasedSearches(5))).errors).toBeUndefined();
  });
});

describe('in production, with introspection turned off', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' });
  });
  afterAll(() => api.close());

  it('suggests no field or enum names', async () => {
    const { status, body } = await api.request(
      '{ nod(id: "iecm") { id } search(query: "x", kinds: [ORGANIZATIO]) { score } }',
      {},
      STRICT,
    );
    expect(status).toBe(400);
    const messages = body.errors?.map((error) => error.message).join(' ') ?? '';
    expect(messages).not.toMatch(/Did you mean/);
    expect(messages).not.toMatch(/"node"|ORGANIZATION/);
  });

  it('has introspection off and shows no stack traces or stats', async () => {
    const introspection = await api.graphql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const missing = await api.graphql('{ partners(of: "ghost") { totalCount } }');
    expect(missing.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', id: 'ghost' });
    expect(missing.extensions?.stats).toBeUndefined();
  });

  it('has introspection off by default in production, on when GRAPHQL_INTROSPECTION=true', async () => {
    const closed = await startTestServer({ NODE_ENV: 'production' });
    const open = await startTestServer({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' });
    try {
      const refused = await closed.graphql('{ __schema { queryType { name } } }');
      expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await open.graphql('{ __schema { queryType { name } } }')).errors).toBeUndefined();
    } finally {
      await closed.close();
      await open.close();
    }
  });
});

describe('client errors are 4xx with their code under application/graphql-response+json, never 500', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ GRAPHQL_MAX_ALIASES: '1000' });
  });
  afterAll(() => api.close());

  it.each([
    ['a query over the complexity limit', aliasedSearches(200, 50), {}, 'BAD_USER_INPUT'],
    [
      'a variable of the wrong type',
      'query ($n: Int) { search(query: "ine", first: $n) { score } }',
      { n: 'ten' },
      'BAD_USER_INPUT',
    ],
    ['a missing variable', 'query ($q: String!) { search(query: $q) { score } }', {}, 'BAD_USER_INPUT'],
    [
      'too many ids',
      `{ nodes(ids: [${Array.from({ length: 150 }, (_, i) => `"n${i}"`).join(',')}]) { id } }`,
      {},
      'BAD_USER_INPUT',
    ],
    [
      'a neighbourhood over its limit',
      '{ neighborhood(id: "iecm", limit: 100000) { truncated } }',
      {},
      'BAD_USER_INPUT',
    ],
  ])('%s', async (_what, query, variables, code) => {
    const { status, body } = await api.request(query, variables, STRICT);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    // The same under application/json: 200, the error in the body (GraphQL over HTTP).
    const json = await api.request(query, variables);
    expect(json.status).toBe(200);
    expect(json.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('refuses a subscription while validating (the API has none)', async () => {
    const { status, body } = await api.request('subscription { search(query: "ine") { score } }', {}, STRICT);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a chain of 2,000 fragments while parsing', async () => {
    const fragments = Array.from(
      { length: 2_000 },
      (_, i) => `fragment F${i} on Query { ${i === 1_999 ? '__typename' : `...F${i + 1}`} }`,
    );
    const { status, body } = await api.request(`{ ...F0 } ${fragments.join(' ')}`, {}, STRICT);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a megabyte of directives while parsing, by its token count', async () => {
    const { status, body } = await api.request(`{ __typename ${'@x '.repeat(330_000)}}`, {}, STRICT);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/more th.. 5000 tokens/);
  });

  it('answers a not-found node with 404, and a bad Idempotency-Key header with 400', async () => {
    expect((await api.request('{ partners(of: "ghost") { totalCount } }', {}, STRICT)).status).toBe(404);
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'has spaces' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(400);
  });

  it('answers a malformed JSON body with 400 in the GraphQL error shape', async () => {
    const response = await post(api, '{"query": ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toHaveLength(1);
  });
});
