/** Prometheus scrapes /metrics: a few operations later, the request, error and Neo4j figures have moved. */
import { startTestServer, type TestServer } from '../support/test-server';

/** The samples of one scrape, keyed by `name{labels}` exactly as printed. */
async function scrape(url: string): Promise<{ contentType: string | null; samples: Map<string, number> }> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (match?.[1] && match[2]) samples.set(match[1], Number(match[2]));
  }
  return { contentType: response.headers.get('content-type'), samples };
}

/** Sum of the samples named `name` whose labels include every `label="value"` given. */
function total(samples: Map<string, number>, name: string, labels: string[] = []): number {
  let sum = 0;
  for (const [key, value] of samples) {
    const [sampleName, rest = ''] = key.split('{');
    if (sampleName === name && labels.every((label) => rest.includes(label))) sum += value;
  }
  return sum;
}

describe('/metrics', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('counts operations by name, errors by code and Neo4j queries, with the process defaults', async () => {
    const before = (await scrape(api.url)).samples;

    for (let i = 0; i < 3; i += 1) {
      const response = await api.graphql('query NodeById { node(id: "no-such-node") { id } }');
      expect(response.errors).toBeUndefined();
    }
    const invalid = await api.graphql('query BadSlug { node(id: "Not a slug!") { id } }');
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { contentType, samples: after } = await scrape(api.url);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const moved = (name: string, labels: string[] = []) => total(after, name, labels) - total(before, name, labels);

    expect(moved('graphql_requests_total', ['operation="NodeById"', 'outcome="ok"'])).toBe(3);
    expect(moved('graphql_request_duration_seconds_count', ['operation="NodeById"', 'outcome="ok"'])).toBe(3);
    expect(moved('graphql_request_duration_seconds_sum', ['operation="NodeById"'])).toBeGreaterThan(0);
    // A name that never succeeded gets no label of its own: "other".
    expect(moved('graphql_requests_total', ['operation="BadSlug"'])).toBe(0);
    expect(moved('graphql_requests_total', ['operation="other"', 'outcome="error"'])).toBe(1);
    expect(moved('graphql_errors_total', ['operation="other"', 'code="BAD_USER_INPUT"'])).toBe(1);
    // Each lookup reaches Neo4j at least once, through a declared (named) query.
    expect(moved('neo4j_query_duration_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(moved('neo4j_transactions_total', ['mode="read"', 'outcome="ok"'])).toBeGreaterThanOrEqual(3);
    // Every session was given back, and the pool's ceiling is reported next to it.
    expect(total(after, 'neo4j_sessions_in_use')).toBe(0);
    expect(total(after, 'neo4j_connection_pool_max_size')).toBe(50);
    expect(total(after, 'neo4j_unreachable')).toBe(0);
    // Node's own figures, as prom-client's defaults name them.
    expect(after.has('process_cpu_user_seconds_total')).toBe(true);
    expect(after.has('nodejs_heap_size_used_bytes')).toBe(true);
    expect([...after.keys()].some((key) => key.startsWith('nodejs_eventloop_lag_seconds'))).toBe(true);
  });

  it('labels only operation names that succeeded: junk names that fail cannot push real operations out', async () => {
    // 300 failing junk names (more than the 200 labels), then a real operation seen for the first time.
    for (let i = 0; i < 300; i += 1) await api.graphql(`query Junk${i} { node(id: "Not a slug!") { id } }`);
    expect((await api.graphql('query RealAfterJunk { node(id: "iecm") { id } }')).errors).toBeUndefined();
    const { samples } = await scrape(api.url);
    expect(total(samples, 'graphql_requests_total', ['operation="RealAfterJunk"', 'outcome="ok"'])).toBe(1);
    expect([...samples.keys()].some((key) => key.includes('operation="Junk'))).toBe(false);
  });
});
