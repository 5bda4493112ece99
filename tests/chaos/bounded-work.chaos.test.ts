/**
 * Bounded work per request and per process (issue 20), against the real API process and the suite's Neo4j:
 *  - 8 parallel `networkMetrics` asking betweenness of 8 different networks (a generated partnership network of
 *    about twice as many relationships as NETWORK_NODES, one cache key each): the fixed worker pool computes them while /healthz keeps
 *    answering; its p99 is recorded (before: one worker per alias stalled /healthz for 6–24 s);
 *  - 30 aliases of `networkMetrics` are refused by complexity, and requests of 29 aliases that each open a
 *    Neo4j session, sent in parallel, cannot take the pool: bystanders' reads meanwhile get no internal error
 *    (an exhausted pool answers DB_UNAVAILABLE with 503 and Retry-After).
 */
import http from 'node:http';
import type { Database } from '../../src/db/database';
import { cypherRows } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { spawnApi, stopAllApis, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { graphql, request, type GraphQLResult } from './support/http';

const NETWORK_NODES = 2_000;

const PARALLEL_METRICS = 8;
const ATTACKERS = 8;
const BYSTANDERS = 10;
const ATTACK_MS = 15_000;
/** /healthz p99 target while the workers compute (a timing target, recorded). */
const HEALTH_P99_MS = 250;

let api: ApiProcess;
let db: Database;

beforeAll(async () => {
  db = testDatabase();
  // A partnership network among generated organizations, every entry active 2000–2030: activeAt 2001…2008 are
  // the same network under 8 different cache keys.
  await cypherRows(
    db,
    `UNWIND range(0, $n - 1) AS i
     CREATE (:Entity {id: 'chaosnet-' + i, kind: 'ORGANIZATION', name: 'Red ' + i})`,
    { n: NETWORK_NODES },
  );
  await cypherRows(
    db,
    `UNWIND range(2, $n - 1) AS i
     UNWIND [toInteger(i * 0.37) % i, toInteger(i * 0.71 + 1) % i] AS j
     WITH DISTINCT i, j
     MATCH (a:Entity {id: 'chaosnet-' + i}), (b:Entity {id: 'chaosnet-' + j})
     CREATE (a)-[:PARTNERS {strength: 1, entryEvidence: ['chaos'], entryWays: ['SIGNED_AGREEMENT'],
                            entryFrom: [date('2000-01-01')], entryTo: [date('2030-12-31')]}]->(b)`,
    { n: NETWORK_NODES },
  );
  api = await spawnApi();
}, 180_000);

afterAll(async () => {
  await stopAllApis();
  await cypherRows(db, `MATCH (n:Entity) WHERE n.id STARTS WITH 'chaosnet-' DETACH DELETE n`);
  await db.close();
}, 60_000);

const ok = (result: GraphQLResult): boolean => result.status === 200 && !!result.json?.data && !result.json.errors;

/** Polls /healthz until `done()`, one probe at a time; the latencies. */
async function probeHealth(done: () => boolean): Promise<{ ms: number[]; failures: number }> {
  const ms: number[] = [];
  let failures = 0;
  while (!done()) {
    const result = await request(`${api.url}/healthz`, { timeoutMs: 30_000 });
    ms.push(result.ms);
    if (result.status !== 200) failures += 1;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { ms, failures };
}

describe('bounded work', () => {
  it(`${PARALLEL_METRICS} parallel networkMetrics with betweenness: /healthz keeps answering`, async () => {
    const scenario = new Scenario(`bounded: ${PARALLEL_METRICS} parallel networkMetrics (betweenness), /healthz p99`);
    let finished = false;
    const health = probeHealth(() => finished);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: PARALLEL_METRICS }, (_, i) =>
        graphql<{ networkMetrics: { nodeCount: number; nodes: { id: string }[] } }>(
          api.url,
          `{ networkMetrics(activeAt: "${2001 + i}") { nodeCount nodes(orderBy: BETWEENNESS, first: 3) { id betweenness } } }`,
          {},
          { timeoutMs: 110_000 },
        ),
      ),
    );
    const elapsed = Date.now() - started;
    finished = true;
    const probes = await health;
    scenario.requests = results.length + probes.ms.length;
    scenario.errors = results.filter((r) => !ok(r)).length + probes.failures;
    scenario.latencies.push(...probes.ms);
    const codes = results.map((r) => (ok(r) ? 'ok' : (r.code ?? `HTTP ${r.status} ${r.error ?? ''}`)));
    const sorted = [...probes.ms].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? NaN;
    scenario.notes['network nodes'] = results[0]?.json?.data?.networkMetrics.nodeCount ?? 'n/a';
    scenario.notes['all 8 answered in ms'] = elapsed;
    scenario.notes['/healthz probes'] = probes.ms.length;
    scenario.notes['/healthz p99 ms'] = Math.round(p99);
    scenario.notes['answers'] = JSON.stringify(codes);
    const internal = results.filter((r) => r.code === 'INTERNAL_SERVER_ERROR' || r.status >= 500);
    const refusedBusy = results.filter((r) => r.code === 'DB_UNAVAILABLE');
    scenario.check('0 internal errors', internal.length === 0, JSON.stringify(codes));
    scenario.check(
      'every request answered with metrics, or told to retry (DB_UNAVAILABLE)',
      results.every((r) => ok(r) || r.code === 'DB_UNAVAILABLE'),
      JSON.stringify(codes),
    );
    scenario.check('most computed (at most 1 told to retry)', refusedBusy.length <= 1, JSON.stringify(codes));
    scenario.check('/healthz answered every probe 200', probes.failures === 0, `${probes.failures} failed`);
    scenario.check(
      '/healthz never stalled 5 s',
      (sorted.at(-1) ?? 0) < 5_000,
      `max ${Math.round(sorted.at(-1) ?? 0)} ms`,
    );
    scenario.target(`/healthz p99 under ${HEALTH_P99_MS} ms`, p99 < HEALTH_P99_MS, `p99 ${Math.round(p99)} ms`);
    expect(scenario.save().failures()).toEqual([]);
  }, 150_000);

  it(`30 aliases refused; ${ATTACKERS} clients of 29-alias requests cannot starve ${BYSTANDERS} bystanders`, async () => {
    const scenario = new Scenario(`bounded: 29/30-alias requests x${ATTACKERS} vs ${BYSTANDERS} bystanders`);
    const thirty = await graphql(
      api.url,
      `{ ${Array.from({ length: 30 }, (_, i) => `m${i}: networkMetrics { nodeCount }`).join(' ')} }`,
      {},
      // The GraphQL-over-HTTP media type: a request error answers 4xx (application/json answers 200).
      { headers: { accept: 'application/graphql-response+json' } },
    );
    scenario.check(
      '30 aliases of networkMetrics refused (BAD_USER_INPUT, 400)',
      thirty.status === 400 && thirty.code === 'BAD_USER_INPUT',
      `HTTP ${thirty.status} ${thirty.code}`,
    );
    // 29 aliases that each read partners of another node of the generated network: one Neo4j session each.
    const ids = Array.from({ length: 29 }, (_, i) => `chaosnet-${2 + i * 37}`);
    const heavy = `{ ${Array.from(
      { length: 29 },
      (_, i) => `p${i}: partners(of: "${ids[i % ids.length]}", first: ${1 + i}) { totalCount }`,
    ).join(' ')} }`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: ATTACKERS + BYSTANDERS });
    const attack: GraphQLResult[] = [];
    const bystanders: GraphQLResult[] = [];
    const stopAt = Date.now() + ATTACK_MS;
    const attacker = async (): Promise<void> => {
      while (Date.now() < stopAt) attack.push(await graphql(api.url, heavy, {}, { agent, timeoutMs: 30_000 }));
    };
    const bystander = async (i: number): Promise<void> => {
      while (Date.now() < stopAt) {
        bystanders.push(
          await graphql(
            api.url,
            'query ($id: ID!) { node(id: $id) { id name } }',
            { id: ids[i % ids.length] },
            {
              agent,
              timeoutMs: 30_000,
            },
          ),
        );
      }
    };
    await Promise.all([
      ...Array.from({ length: ATTACKERS }, () => attacker()),
      ...Array.from({ length: BYSTANDERS }, (_, i) => bystander(i)),
    ]);
    agent.destroy();
    const all = [...attack, ...bystanders];
    const internal = all.filter((r) => r.code === 'INTERNAL_SERVER_ERROR' || r.status === 500);
    const unavailable = all.filter((r) => r.code === 'DB_UNAVAILABLE');
    const withoutRetryAfter = unavailable.filter((r) => r.status !== 503 || !r.headers['retry-after']);
    const codes: Record<string, number> = {};
    for (const r of all)
      codes[ok(r) ? 'ok' : (r.code ?? `HTTP ${r.status}`)] =
        (codes[ok(r) ? 'ok' : (r.code ?? `HTTP ${r.status}`)] ?? 0) + 1;
    scenario.requests = all.length;
    scenario.errors = all.filter((r) => !ok(r)).length;
    for (const r of bystanders) scenario.latencies.push(r.ms);
    scenario.notes['attack requests'] = attack.length;
    scenario.notes['bystander requests (latency columns)'] = bystanders.length;
    scenario.notes['bystanders ok'] = bystanders.filter(ok).length;
    scenario.notes['answers'] = JSON.stringify(codes);
    scenario.check('0 internal errors', internal.length === 0, `${internal.length}: ${JSON.stringify(codes)}`);
    scenario.check(
      'DB_UNAVAILABLE answers are 503 with Retry-After',
      withoutRetryAfter.length === 0,
      `${withoutRetryAfter.length} of ${unavailable.length}`,
    );
    scenario.check(
      'every attack request answered with data, or DB_UNAVAILABLE',
      attack.every((r) => ok(r) || r.code === 'DB_UNAVAILABLE'),
      JSON.stringify(codes),
    );
    scenario.check(
      'every bystander answered (data, or DB_UNAVAILABLE)',
      bystanders.every((r) => ok(r) || r.code === 'DB_UNAVAILABLE'),
      JSON.stringify(codes),
    );
    scenario.check('the API process survived', api.exit === null, JSON.stringify(api.exit));
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);
});
