/**
 * 5,000 seeded fuzzed requests against the real API process: none may get an HTTP 5xx or INTERNAL_SERVER_ERROR,
 * none may go unanswered, the process must survive, and the graph must be as before apart from the acknowledged
 * namespace writes. CHAOS_SEED and CHAOS_FUZZ_REQUESTS replay or widen a run.
 */
import { SignJWT } from 'jose';
import type { Database } from '../../src/db/database';
import { cypherRows, dumpGraph, resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { AUTH_ENV, EDITOR_TOKEN, JWT_SECRET, spawnApi, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { generateFuzzRequests, NAMESPACE, type FuzzRequest } from './support/fuzz-requests';
import { rawRequest, request } from './support/http';

const SEED = Number(process.env.CHAOS_SEED ?? 20_251_209);
const COUNT = Number(process.env.CHAOS_FUZZ_REQUESTS ?? 5_000);
const CONCURRENCY = 8;

let db: Database;
let api: ApiProcess;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  api = await spawnApi(AUTH_ENV);
});
afterAll(async () => {
  await api.stop();
  await db.close();
});

async function jwt(
  claims: Record<string, unknown>,
  secret: string,
  expiresIn: string | number = '5m',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('fuzzer')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** Authorization headers the service must refuse, JWTs signed with the right secret among them. */
async function badAuthorizations(): Promise<string[]> {
  const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const past = Math.floor(Date.now() / 1000) - 3600;
  return [
    'Bearer not-a-real-token-at-all-0000',
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'Bearer a.b.c',
    `Bearer ${'x'.repeat(10_000)}`,
    `Bearer ${EDITOR_TOKEN.slice(0, -1)}`,
    `Bearer ${EDITOR_TOKEN}x`,
    EDITOR_TOKEN,
    `Bearer ${EDITOR_TOKEN} ${EDITOR_TOKEN}`,
    `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin' })}.`,
    `Bearer ${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin' })}.c2ln`,
    `Bearer ${await jwt({ role: 'admin' }, 'a-different-secret-of-at-least-32-chars!!')}`,
    `Bearer ${await jwt({ role: 'admin' }, JWT_SECRET, past)}`,
    `Bearer ${await new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setNotBefore('1h').setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET))}`,
    `Bearer ${await jwt({ role: 'viewer' }, JWT_SECRET)}`,
    `Bearer ${await jwt({ role: ['reader', 42, { admin: true }] }, JWT_SECRET)}`,
    `Bearer ${await jwt({ role: null }, JWT_SECRET)}`,
    `Bearer ${await jwt({}, JWT_SECRET)}`,
  ];
}

interface Outcome {
  index: number;
  request: FuzzRequest;
  status: number;
  body: string;
  ms: number;
  error?: string;
}

async function send(request_: FuzzRequest, index: number): Promise<Outcome> {
  if (request_.transport === 'raw') {
    const result = await rawRequest(api.port, request_.bytes, 15_000);
    return {
      index,
      request: request_,
      status: result.status,
      body: result.text.slice(0, 2_000),
      ms: result.ms,
      error: result.error,
    };
  }
  const result = await request(`${api.url}${request_.path}`, {
    method: request_.method,
    headers: request_.headers,
    body: request_.body,
    timeoutMs: 15_000,
  });
  return { index, request: request_, status: result.status, body: result.body, ms: result.ms, error: result.error };
}

/** Sends all requests, at most CONCURRENCY at a time, in order of the list. */
async function sendAll(requests: FuzzRequest[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < requests.length; i = next++) {
      const item = requests[i];
      if (item) outcomes[i] = await send(item, i);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

const describeRequest = (outcome: Outcome): string => {
  const { request: req } = outcome;
  const head =
    req.transport === 'raw'
      ? req.bytes.toString('latin1').slice(0, 160)
      : `${req.method} ${req.path.slice(0, 120)} ${JSON.stringify(req.headers).slice(0, 120)} ${String(req.body ?? '').slice(0, 200)}`;
  return `#${outcome.index} [${req.category}] ${JSON.stringify(head)} -> ${outcome.status || outcome.error} ${JSON.stringify(outcome.body.slice(0, 240))}`;
};

/** What kind of failure an outcome is: status, code and message with the specifics blanked. */
function signature(outcome: Outcome): string {
  let detail = outcome.body.replace(/<[^>]*>/g, ' ');
  try {
    const parsed = JSON.parse(outcome.body) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = parsed.errors?.[0];
    if (first) detail = `${first.extensions?.code ?? ''} ${first.message ?? ''}`;
  } catch {
    // not JSON: keep the text
  }
  const blanked = detail
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 48);
  return `${outcome.status || outcome.error} ${blanked}`;
}

/** Failures grouped by signature, most frequent first, each with a count and one request. */
function groupFailures(failures: Outcome[]): string[] {
  const groups = new Map<string, Outcome[]>();
  for (const outcome of failures) {
    const key = signature(outcome);
    groups.set(key, [...(groups.get(key) ?? []), outcome]);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key, list]) => `${list.length}x ${key}\n    e.g. ${list[0] ? describeRequest(list[0]) : ''}`);
}

interface Acknowledged {
  id: string;
  name: string;
}

/** The namespace writes the API acknowledged: data for the operation and no error. */
function acknowledgedWrites(outcomes: Outcome[]): { creates: Acknowledged[]; updates: Acknowledged[] } {
  const creates: Acknowledged[] = [];
  const updates: Acknowledged[] = [];
  for (const outcome of outcomes) {
    const write = outcome.request.transport === 'http' ? outcome.request.write : undefined;
    if (!write || outcome.status !== 200) continue;
    let parsed: { data?: Record<string, { id: string; name: string } | null> | null; errors?: unknown[] };
    try {
      parsed = JSON.parse(outcome.body) as typeof parsed;
    } catch {
      continue;
    }
    const result = parsed.data?.[write.op];
    if (!result || parsed.errors) continue;
    (write.op === 'createNode' ? creates : updates).push({ id: result.id, name: result.name });
  }
  return { creates, updates };
}

type Dump = Awaited<ReturnType<typeof dumpGraph>>;

/** A property of a plain object from the dump, if it has one. */
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Object.entries(value).find(([name]) => name === key)?.[1] : undefined;

/** The dump without the namespace's nodes and the relationships that touch them. */
function withoutNamespace(dump: Dump): Dump {
  const inNamespace = (id: unknown): boolean => typeof id === 'string' && id.startsWith(NAMESPACE);
  return {
    nodes: dump.nodes.filter((node) => !inNamespace(field(field(node, 'props'), 'id'))),
    relationships: dump.relationships.filter(
      (rel) => !inNamespace(field(rel, 'from')) && !inNamespace(field(rel, 'to')),
    ),
  };
}

/** The first difference between two dumps, for the failure message. */
function firstDifference(before: Dump, after: Dump): string {
  for (const key of ['nodes', 'relationships'] as const) {
    const a = before[key];
    const b = after[key];
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) {
        return `${key}[${i}]: before ${JSON.stringify(a[i])?.slice(0, 300)}, after ${JSON.stringify(b[i])?.slice(0, 300)}`;
      }
    }
  }
  return 'none';
}

describe('fuzzing', () => {
  it(`${COUNT} seeded hostile requests: no 5xx, no crash, no unacknowledged change`, async () => {
    const scenario = new Scenario(`fuzz: ${COUNT} seeded requests`);
    const requests = generateFuzzRequests(SEED, COUNT, {
      editorToken: EDITOR_TOKEN,
      badAuthorizations: await badAuthorizations(),
    });
    const before = await dumpGraph(db);
    const started = Date.now();
    const outcomes = await sendAll(requests);
    const seconds = (Date.now() - started) / 1000;

    const serverErrors = outcomes.filter((o) => o.status >= 500);
    const internal = outcomes.filter((o) => o.body.includes('INTERNAL_SERVER_ERROR'));
    const unanswered = outcomes.filter((o) => o.status === 0 && !o.error?.startsWith('CLIENT_REFUSED'));
    const failed = new Set([...serverErrors, ...internal, ...unanswered]);
    scenario.requests = outcomes.length;
    scenario.errors = failed.size;
    scenario.latencies.push(...outcomes.map((o) => o.ms));
    const byStatus: Record<string, number> = {};
    for (const o of outcomes) byStatus[o.status || o.error || '0'] = (byStatus[o.status || o.error || '0'] ?? 0) + 1;
    const failedCategories: Record<string, number> = {};
    for (const o of failed) failedCategories[o.request.category] = (failedCategories[o.request.category] ?? 0) + 1;
    scenario.notes.seed = SEED;
    scenario.notes['requests/s'] = Math.round(outcomes.length / seconds);
    scenario.notes.statuses = JSON.stringify(byStatus);
    if (failed.size > 0) {
      scenario.notes.failedByCategory = JSON.stringify(failedCategories);
      scenario.notes.failureKinds = groupFailures([...failed])
        .map((group) => group.split('\n')[0])
        .slice(0, 12)
        .join(' ; ');
    }
    const samples = (list: Outcome[]): string =>
      `${list.length}${list.length ? `; e.g. ${list.slice(0, 4).map(describeRequest).join(' | ')}` : ''}`;
    scenario.check('0 responses with HTTP 5xx', serverErrors.length === 0, samples(serverErrors));
    scenario.check('0 INTERNAL_SERVER_ERROR', internal.length === 0, samples(internal));
    scenario.check('every request answered', unanswered.length === 0, samples(unanswered));

    const alive = api.exit === null && (await request(`${api.url}/healthz`, { timeoutMs: 5_000 })).status === 200;
    scenario.check('the process never crashed', alive, `exit ${JSON.stringify(api.exit)}`);
    const logged = api.errorLines();
    scenario.notes.serverErrorLogLines = logged.length;

    const after = await dumpGraph(db);
    const sameOutside = JSON.stringify(withoutNamespace(after)) === JSON.stringify(before);
    scenario.check(
      'the graph outside the namespace is unchanged',
      sameOutside,
      sameOutside ? '' : firstDifference(before, withoutNamespace(after)),
    );

    const { creates, updates } = acknowledgedWrites(outcomes);
    const expected = new Map(creates.map((write) => [write.id, write.name]));
    for (const write of updates) expected.set(write.id, write.name);
    const stored = await cypherRows<{ id: string; name: string; creates: number; live: boolean }>(
      db,
      `MATCH (n:Identity) WHERE n.id STARTS WITH $prefix
       RETURN n.id AS id, n.name AS name, n:Entity AS live,
              COUNT { (c:Change {action: 'CREATE'})-[:CONCERNS]->(n) } AS creates`,
      { prefix: NAMESPACE },
    );
    scenario.notes.acknowledgedWrites = `${creates.length} creates, ${updates.length} updates`;
    const unexpected = stored.filter((node) => expected.get(node.id) !== node.name || !node.live);
    const missing = [...expected.keys()].filter((id) => !stored.some((node) => node.id === id));
    scenario.check(
      'the namespace holds exactly the acknowledged writes',
      unexpected.length === 0 && missing.length === 0 && creates.length > 0,
      `unexpected ${JSON.stringify(unexpected.slice(0, 5))}, missing ${JSON.stringify(missing.slice(0, 5))}`,
    );
    const wrongHistory = stored.filter((node) => node.creates !== 1);
    scenario.check(
      'one CREATE record per acknowledged create',
      wrongHistory.length === 0,
      JSON.stringify(wrongHistory.slice(0, 5)),
    );
    if (failed.size > 0 || logged.length > 0) {
      console.log(`fuzz failures by kind:\n${groupFailures([...failed]).join('\n')}`);
      const messages = new Map<string, number>();
      for (const line of logged) {
        const message = (/"message":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line).slice(0, 160);
        messages.set(message, (messages.get(message) ?? 0) + 1);
      }
      const distinct = [...messages.entries()].map(([message, count]) => `${count}x ${message}`);
      console.log(`server error log, distinct messages:\n${distinct.join('\n')}`);
    }
    expect(scenario.save().failures()).toEqual([]);
  });
});
