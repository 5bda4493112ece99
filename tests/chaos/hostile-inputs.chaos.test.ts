/**
 * Fast regression checks of hostile inputs against the real API process: each must be refused quickly with a
 * client error and its code, never a 500, and must not stall the event loop for other callers.
 */
import { resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { spawnApi, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { request, type HttpResult } from './support/http';

const DIRECTIVES = 330_000;
/** These refusals are 4xx for clients that accept application/graphql-response+json (200 under application/json). */
const ACCEPT = 'application/graphql-response+json';
const PARALLEL = 8;

let api: ApiProcess;
beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
  api = await spawnApi();
});
afterAll(() => api.stop());

const post = (body: string, timeoutMs = 30_000): Promise<HttpResult> =>
  request(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT },
    body,
    timeoutMs,
  });

const codeOf = (result: HttpResult): string | undefined => {
  try {
    return (JSON.parse(result.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
};

const answer = (result: HttpResult): string =>
  `HTTP ${result.status || result.error} ${codeOf(result) ?? ''} in ${Math.round(result.ms)} ms: ${result.body.replace(/\s+/g, ' ').slice(0, 160)}`;

/** About 1 MB of `@x` directives on one field. */
const directiveFlood = JSON.stringify({ query: `{ health${' @x'.repeat(DIRECTIVES)} { status } }` });

describe('hostile inputs', () => {
  const scenario = new Scenario('hostile inputs (regressions)');
  afterAll(() => {
    scenario.save();
  });
  const record = (result: HttpResult): HttpResult => {
    scenario.requests += 1;
    scenario.latencies.push(result.ms);
    if (result.status === 0 || result.status >= 500) scenario.errors += 1;
    return result;
  };
  /** Records the check in the figures and asserts it. */
  const verify = (name: string, ok: boolean, detail: string): void => {
    scenario.check(name, ok, detail);
    expect(`${name}: ${ok ? 'ok' : detail}`).toBe(`${name}: ok`);
  };

  it(`refuses ~1 MB of @x directives (${DIRECTIVES}) in milliseconds`, async () => {
    await post(JSON.stringify({ query: '{ __typename }' })); // a warm process, so the figure is the refusal's
    const result = record(await post(directiveFlood));
    scenario.notes['1 MB @x refusal ms'] = Math.round(result.ms);
    scenario.notes['1 MB @x answer bytes'] = result.bytes;
    verify(
      '1 MB of @x directives refused with 400 in < 250 ms',
      result.status === 400 && result.ms < 250,
      answer(result),
    );
  });

  it(`answers /healthz in < 200 ms while ${PARALLEL} such floods run`, async () => {
    let running = PARALLEL;
    const floods = Array.from({ length: PARALLEL }, () =>
      post(directiveFlood, 60_000).then((result) => {
        running -= 1;
        return record(result);
      }),
    );
    const health: number[] = [];
    // Bounded: the floods end (each has a 60 s timeout), and so does this loop.
    while (running > 0 && health.length < 10_000) {
      health.push(record(await request(`${api.url}/healthz`, { timeoutMs: 10_000 })).ms);
    }
    const results = await Promise.all(floods);
    const worst = Math.max(...health);
    scenario.notes['healthz max ms under floods'] = Math.round(worst);
    scenario.notes['flood max ms (8 parallel)'] = Math.round(Math.max(...results.map((r) => r.ms)));
    verify(
      `/healthz < 200 ms during ${PARALLEL} floods`,
      worst < 200,
      `worst ${Math.round(worst)} ms over ${health.length} probes; floods: ${results.map(answer).slice(0, 2).join(' | ')}`,
    );
  });

  it('refuses a chain of 2,000 fragments with 400 and a code', async () => {
    const fragments = Array.from({ length: 2_000 }, (_, i) =>
      i < 1_999 ? `fragment F${i} on Query { ...F${i + 1} }` : `fragment F${i} on Query { __typename }`,
    );
    const result = record(await post(JSON.stringify({ query: `query { ...F0 } ${fragments.join(' ')}` })));
    scenario.notes['2,000 fragments ms'] = Math.round(result.ms);
    verify(
      '2,000 chained fragments: 400 with a client code',
      result.status === 400 &&
        ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'].includes(codeOf(result) ?? ''),
      answer(result),
    );
  });

  it('refuses a query over the complexity limit with 400 QUERY_TOO_COMPLEX', async () => {
    const query = `{ organizations(first: 100) { edges { node { partners(first: 100) { edges { node { evidence { id }
                     partner { id } } } } } } } }`;
    const result = record(await post(JSON.stringify({ query })));
    verify(
      'over the complexity limit: 400 BAD_USER_INPUT',
      result.status === 400 && codeOf(result) === 'BAD_USER_INPUT' && result.body.includes('QUERY_TOO_COMPLEX'),
      answer(result),
    );
  });

  it('refuses a variable of the wrong type with 400 BAD_USER_INPUT', async () => {
    const result = record(
      await post(
        JSON.stringify({
          query: 'query ($first: Int!) { search(query: "ine", first: $first) { score } }',
          variables: { first: 'ten' },
        }),
      ),
    );
    verify(
      'wrong variable type: 400 BAD_USER_INPUT',
      result.status === 400 && codeOf(result) === 'BAD_USER_INPUT',
      answer(result),
    );
  });

  it('refuses a missing variable with 400 BAD_USER_INPUT', async () => {
    const result = record(
      await post(JSON.stringify({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: {} })),
    );
    verify(
      'missing variable: 400 BAD_USER_INPUT',
      result.status === 400 && codeOf(result) === 'BAD_USER_INPUT',
      answer(result),
    );
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers GET /export/%s with a fast 404',
    async (name) => {
      const result = record(await request(`${api.url}/export/${name}`, { timeoutMs: 30_000 }));
      scenario.notes[`/export/${name} ms`] = Math.round(result.ms);
      verify(`GET /export/${name}: 404 in < 200 ms`, result.status === 404 && result.ms < 200, answer(result));
    },
  );
});
