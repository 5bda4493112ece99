/**
 * The GraphQL-over-HTTP spec, checked by a suite nobody here wrote: graphql-http's server audits (MUSTs, SHOULDs
 * and MAYs) against the real server, then the statuses a client sees for errors under each media type.
 */
import { serverAudits } from 'graphql-http';
import { responseMediaType } from '../../src/graphql/plugins';
import { resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
  await resetAndSeed(api.db);
});
afterAll(() => api.close());

/**
 * MAY audits that do not apply here, and why. Apollo's CSRF prevention (csrfPrevention: true) refuses a GET
 * without a header that forces a browser preflight (a non-simple content-type, apollo-require-preflight or
 * x-apollo-operation-name): a plain cross-site <img>/<script> GET must not run queries with a user's cookies or
 * time them. These audits send bare GETs, so they get 400; the same GETs with the header are answered (below).
 */
const NOT_APPLICABLE: Record<string, string> = {
  '5A70': 'bare GET refused by CSRF prevention',
  D6D5: 'bare GET refused by CSRF prevention',
  '6A70': 'bare GET refused by CSRF prevention',
};

describe("graphql-http's server audit", () => {
  it('passes every audit that applies (MUST, SHOULD and MAY): no error, no warning, no notice', async () => {
    const audits = serverAudits({ url: () => `${api.url}/graphql` });
    expect(audits.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    const skipped: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.id in NOT_APPLICABLE) skipped.push(`${audit.id} ${result.status}`);
      else if (result.status !== 'ok') failures.push(`${result.status} ${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    // The exceptions are still exceptions: were one to pass, it would belong in the checked set.
    expect(skipped.sort()).toEqual(
      Object.keys(NOT_APPLICABLE)
        .map((id) => `${id} notice`)
        .sort(),
    );
  }, 120_000);

  it('answers the GETs of those audits once they carry a preflight header, and refuses them bare', async () => {
    const url = new URL(`${api.url}/graphql`);
    url.searchParams.set('query', 'query Type($name: String!) { __type(name: $name) { name } }');
    url.searchParams.set('variables', JSON.stringify({ name: 'Node' }));
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/CSRF/);
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await fetch(url, { headers: { accept, 'apollo-require-preflight': 'true' } });
      expect({ accept, status: response.status }).toEqual({ accept, status: 200 });
      expect(await response.json()).toMatchObject({ data: { __type: { name: 'Node' } } });
    }
  });
});

describe('the status of an operation that produced no data', () => {
  const accepts = {
    json: 'application/json',
    graphqlResponse: 'application/graphql-response+json',
  };
  const send = async (
    query: string,
    accept: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; type: string | null; code: unknown }> => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      code: body.errors?.[0]?.extensions?.code,
    };
  };

  it.each([
    ['a node that does not exist', '{ partners(of: "ghost") { totalCount } }', undefined, 'NOT_FOUND', 404],
    ['a parse error', '{ node(id: ', undefined, 'GRAPHQL_PARSE_FAILED', 400],
    ['an unknown field', '{ nope }', undefined, 'GRAPHQL_VALIDATION_FAILED', 400],
    [
      'a variable of the wrong type',
      'query ($n: Int) { search(query: "ine", first: $n) { score } }',
      { n: 'x' },
      'BAD_USER_INPUT',
      400,
    ],
    ['a mutation without credentials', 'mutation { deleteNode(id: "iecm") }', undefined, 'UNAUTHENTICATED', 401],
  ])(
    '%s: 200 under application/json, its 4xx under application/graphql-response+json',
    async (_what, query, variables, code, status) => {
      const json = await send(query, accepts.json, variables);
      expect(json).toEqual({ status: 200, type: 'application/json; charset=utf-8', code });
      const strict = await send(query, accepts.graphqlResponse, variables);
      expect(strict).toEqual({ status, type: 'application/graphql-response+json; charset=utf-8', code });
    },
  );

  it('answers what is not a GraphQL request with 400 whatever the client accepts', async () => {
    for (const accept of Object.values(accepts)) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: '{"query": ',
      });
      expect({ accept, status: response.status }).toEqual({ accept, status: 400 });
    }
  });
});

describe('an operation name the document does not hold', () => {
  it('is answered with the "Unknown operation" error of graphql-js, never an internal error', async () => {
    for (const query of ['{ __typename }', 'query A { __typename } query B { __typename }']) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, operationName: 'chicago' }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      expect({ query, status: response.status < 500 }).toEqual({ query, status: true });
      expect(body.errors?.[0]?.message).toMatch(/Unknown operation named "chicago"/);
      expect(body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });
});

describe('media type negotiation', () => {
  it.each([
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/graphql-response+json', 'graphqlResponse'],
    ['application/graphql-response+json, application/json;q=0.9', 'graphqlResponse'],
    ['application/json, application/graphql-response+json', 'json'],
    ['application/graphql-response+json, application/json', 'graphqlResponse'],
    ['application/json;q=0.5, application/*', 'graphqlResponse'],
    ['application/json;charset=utf-8', 'json'],
    ['application/json;charset=latin1', null],
    ['text/html', null],
    ['application/json;q=0', null],
  ])('Accept %p → %p', (accept, expected) => {
    expect(responseMediaType(accept)).toBe(expected);
  });
});
