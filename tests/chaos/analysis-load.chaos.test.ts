/**
 * Hostile documents against the real API process: 1 MB of "A. " (sentence splitting was quadratic and ran on the
 * request thread: it froze the whole API for over 6 minutes) is refused or analysed within its budget while
 * /healthz keeps answering; then four 1 MB analyses at once. What must hold is asserted (a coded answer, never a
 * 500, /healthz answering throughout); how fast is recorded as a timing target, as the other attacks do.
 */
import { resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { AUTH_ENV, EDITOR_TOKEN, spawnApi, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { request, type HttpResult } from './support/http';

const BUDGET_MS = 10_000;
const PARALLEL = 4;
/** Just under the 1 MB a document may hold. */
const INITIALS = 'A. '.repeat(333_333);
const ORDINARY =
  'El Instituto Electoral de la Ciudad de México (IECM) y la UNAM firmaron un convenio de colaboración. '.repeat(9_700);

let api: ApiProcess | undefined;
beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
  api = await spawnApi({ ...AUTH_ENV, ANALYSIS_WORKERS: '2', ANALYSIS_TIMEOUT_MS: String(BUDGET_MS) });
}, 300_000);
afterAll(() => api?.stop());

const ANALYZE = 'mutation ($input: AnalyzeDocumentInput!) { analyzeDocument(input: $input) { sentences { index } } }';

const analyze = (text: string): Promise<HttpResult> =>
  request(`${api?.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_TOKEN}` },
    body: JSON.stringify({ query: ANALYZE, variables: { input: { title: 'Documento hostil', text } } }),
    timeoutMs: 120_000,
    // The whole answer: thousands of sentences, read as JSON.
    maxBodyBytes: 50_000_000,
  });

interface Answer {
  data?: { analyzeDocument: { sentences: { index: number }[] } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
const parsed = (result: HttpResult): Answer => {
  try {
    return JSON.parse(result.body) as Answer;
  } catch {
    return {};
  }
};
/** Analysed (sentences answered) or refused as too long to analyse: never a 500, never another failure. */
const analysedOrRefused = (result: HttpResult): boolean => {
  const body = parsed(result);
  if (result.status === 200) return (body.data?.analyzeDocument.sentences.length ?? 0) > 0;
  return result.status === 400 && body.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT';
};
const outcome = (result: HttpResult): string =>
  `HTTP ${result.status || result.error} in ${Math.round(result.ms)} ms: ${result.body.slice(0, 140)}`;

describe('hostile documents (analysis)', () => {
  const scenario = new Scenario('hostile documents: 1 MB analyses');
  afterAll(() => {
    scenario.save();
  });
  const verify = (name: string, ok: boolean, detail: string): void => {
    scenario.check(name, ok, detail);
    expect(`${name}: ${ok ? 'ok' : detail}`).toBe(`${name}: ok`);
  };

  /** Probes /healthz one request after another until `done()`; the latencies. */
  async function probeHealth(done: () => boolean): Promise<number[]> {
    const latencies: number[] = [];
    while (!done() && latencies.length < 100_000) {
      const result = await request(`${api?.url}/healthz`, { timeoutMs: 10_000 });
      scenario.requests += 1;
      scenario.latencies.push(result.ms);
      if (result.status !== 200) scenario.errors += 1;
      latencies.push(result.status === 200 ? result.ms : Number.POSITIVE_INFINITY);
    }
    return latencies;
  }

  it('1 MB of "A. " is analysed or refused within its budget while /healthz answers', async () => {
    await analyze('Calentamiento. El IECM firmó un convenio.'); // a worker started and the graph indexed
    const idle = await probeHealth(
      (
        (n) => () =>
          n++ >= 200
      )(0),
    );
    let done = false;
    const attack = analyze(INITIALS).finally(() => {
      done = true;
    });
    const health = await probeHealth(() => done);
    const result = await attack;
    scenario.requests += 1;
    const p99 = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.99)] ?? NaN;
    scenario.notes['1 MB "A. " answer'] = `HTTP ${result.status} in ${Math.round(result.ms)} ms`;
    scenario.notes['healthz p99 ms idle / during'] = `${p99(idle).toFixed(1)} / ${p99(health).toFixed(1)}`;
    scenario.notes['healthz max ms during'] = Math.round(Math.max(...health));
    verify('1 MB of "A. " analysed, or refused BAD_USER_INPUT', analysedOrRefused(result), outcome(result));
    verify(
      '/healthz answered throughout',
      health.length > 0 && health.every((ms) => Number.isFinite(ms)),
      `${health.length} probes, max ${Math.max(...health)}`,
    );
    scenario.target(
      `answered within the budget (${BUDGET_MS} ms + 2 s)`,
      result.ms < BUDGET_MS + 2_000,
      outcome(result),
    );
    scenario.target(
      '/healthz max < 200 ms during the analysis',
      Math.max(...health) < 200,
      `${Math.round(Math.max(...health))} ms`,
    );
  });

  it(`${PARALLEL} analyses of 1 MB at once: each analysed or refused, /healthz answering`, async () => {
    let running = PARALLEL;
    const attacks = Array.from({ length: PARALLEL }, (_, i) =>
      analyze(i % 2 === 0 ? ORDINARY : INITIALS).finally(() => {
        running -= 1;
      }),
    );
    const health = await probeHealth(() => running === 0);
    const results = await Promise.all(attacks);
    scenario.requests += results.length;
    scenario.notes[`${PARALLEL} x 1 MB answers`] = results.map((r) => `${r.status}/${Math.round(r.ms)} ms`).join(', ');
    scenario.notes[`healthz max ms during ${PARALLEL} analyses`] = Math.round(Math.max(...health));
    // Two workers and a queue of eight: none is refused for load; each is analysed or too long for its budget.
    verify(
      `${PARALLEL} analyses each analysed or refused BAD_USER_INPUT`,
      results.every(analysedOrRefused),
      results.map(outcome).join(' | '),
    );
    verify(
      '/healthz answered throughout',
      health.every((ms) => Number.isFinite(ms)),
      `${health.length} probes`,
    );
    scenario.target(
      `/healthz max < 200 ms during ${PARALLEL} analyses`,
      Math.max(...health) < 200,
      `${Math.round(Math.max(...health))} ms`,
    );
  });
});
