/**
 * 50 concurrent clients reading for 30 s (CHAOS_LOAD_SECONDS) from the real API process over keep-alive
 * connections: node, search, partners, neighborhood and the lists. No request may fail; the figures are the
 * throughput and the latency percentiles.
 */
import http from 'node:http';
import { resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { spawnApi, type ApiProcess } from './support/api-process';
import { Scenario, summarize } from './support/figures';
import { graphql } from './support/http';
import { Random } from './support/random';

const CLIENTS = 50;
const SECONDS = Number(process.env.CHAOS_LOAD_SECONDS ?? 30);
const IDS = ['iecm', 'ine', 'oei', 'unam', 'itam', 'uam', 'ciudad-de-mexico', 'chicago', 'mexico', 'ige'];
const PREFIXES = ['in', 'iec', 'uni', 'ciu', 'fisc', 'oei', 'mex', 'chi', 'com', 'red'];

const READS: ((r: Random) => { query: string; variables: Record<string, unknown> })[] = [
  (r) => ({
    query: 'query ($id: ID!) { node(id: $id) { id name kind aliases sources { statementId sentence } } }',
    variables: { id: r.pick(IDS) },
  }),
  (r) => ({
    query: 'query ($q: String!) { search(query: $q, first: 10) { score node { id name kind } } }',
    variables: { q: r.pick(PREFIXES) },
  }),
  (r) => ({
    query:
      'query ($of: ID!) { partners(of: $of, first: 20) { totalCount edges { node { kinds partner { id name } evidence { id name } } } } }',
    variables: { of: r.pick(IDS) },
  }),
  (r) => ({
    query:
      'query ($id: ID!, $depth: Int!) { neighborhood(id: $id, depth: $depth, limit: 200) { nodes { id name kind } edges { id source target type } } }',
    variables: { id: r.pick(IDS), depth: r.int(1, 2) },
  }),
  (r) => ({
    query: `{ ${r.pick(['organizations', 'universities', 'cities', 'events', 'agreements'])}(first: 20) { totalCount edges { cursor node { id name } } } }`,
    variables: {},
  }),
];

let api: ApiProcess;
beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
  api = await spawnApi();
});
afterAll(() => api.stop());

describe('load', () => {
  it(`${CLIENTS} clients reading for ${SECONDS} s: no errors`, async () => {
    const scenario = new Scenario(`load: ${CLIENTS} clients x ${SECONDS} s mixed reads`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const failures: string[] = [];
    let deadline = Infinity;
    const byRead: number[][] = [];
    const client = async (seed: number): Promise<void> => {
      const r = new Random(seed);
      while (Date.now() < deadline) {
        const read = r.int(0, READS.length - 1);
        const { query, variables } = (READS[read] ?? READS[0]!)(r);
        const result = await graphql(api.url, query, variables, { agent, timeoutMs: 10_000 });
        scenario.requests += 1;
        scenario.latencies.push(result.ms);
        (byRead[read] ??= []).push(result.ms);
        if (result.status !== 200 || !result.json?.data || result.json.errors) {
          scenario.errors += 1;
          if (failures.length < 5)
            failures.push(`${result.status || result.error} ${result.body.slice(0, 200)} for ${query.slice(0, 60)}`);
        }
      }
    };
    // One of each read first, so the figures are of a warm service (Neo4j plans each query once).
    const warm = new Random(0);
    for (const read of READS) {
      const { query, variables } = read(warm);
      await graphql(api.url, query, variables, { agent, timeoutMs: 30_000 });
    }
    const started = Date.now();
    deadline = started + SECONDS * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i + 1)));
    const seconds = (Date.now() - started) / 1000;
    agent.destroy();
    scenario.notes['requests/s'] = Math.round(scenario.requests / seconds);
    scenario.notes.seconds = Math.round(seconds * 10) / 10;
    const names = ['node', 'search', 'partners', 'neighborhood', 'list'];
    names.forEach((name, i) => {
      const summary = summarize(byRead[i] ?? []);
      if (summary) scenario.notes[`${name} p95/max`] = `${summary.p95}/${summary.max}`;
    });
    scenario.check('0 errors', scenario.errors === 0, `${scenario.errors} errors, e.g. ${failures.join(' | ')}`);
    scenario.check('the process is alive', api.exit === null, JSON.stringify(api.exit));
    expect(scenario.save().failures()).toEqual([]);
  });
});
