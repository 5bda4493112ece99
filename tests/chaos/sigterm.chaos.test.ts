/**
 * SIGTERM to the real API process (node dist/src/main.js) with 20 mutations genuinely in flight: they wait on a
 * lock our own transaction holds on the nodes they update (SHOW TRANSACTIONS is the barrier). After the signal
 * new connections must be refused and idle keep-alive connections closed; once we release the lock all 20 must
 * complete and the process exit 0. A second process shows the drain is bounded by SHUTDOWN_TIMEOUT_MS.
 */
import http from 'node:http';
import net from 'node:net';
import type { Database } from '../../src/db/database';
import { cypherRows, resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { AUTH_ENV, EDITOR_TOKEN, spawnApi, stopAllApis } from './support/api-process';
import { blockedTransactions, holdLock, until, within } from './support/barrier';
import { Scenario } from './support/figures';
import { connectionRefused, graphql, type GraphQLResult } from './support/http';

const IN_FLIGHT = 20;
const DOC = 'nota-iecm-alianzas-2024-09-25';
const SHUTDOWN_TIMEOUT_MS = 1_500;
/** What the process may take beyond SHUTDOWN_TIMEOUT_MS to close the driver and exit. */
const EXIT_SLACK_MS = 2_000;
const LOCK = 'MATCH (n:Entity) WHERE n.id IN $ids SET n.lockedByChaos = true';
const UPDATE = 'mutation ($id: ID!, $input: UpdateNodeInput!) { updateNode(id: $id, input: $input) { id name } }';

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
});
afterAll(async () => {
  await stopAllApis();
  await db.close();
});

/** A keep-alive connection that made one request and now sits idle; `closedAt` is set when the server closes it. */
async function idleKeepAlive(port: number): Promise<{ closedAt: number | null }> {
  const state: { closedAt: number | null } = { closedAt: null };
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('close', () => {
    state.closedAt = Date.now();
  });
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  socket.write('GET /healthz HTTP/1.1\r\nHost: chaos\r\nConnection: keep-alive\r\n\r\n');
  await until('the keep-alive request is answered', () => received.includes('"status"'), { timeoutMs: 10_000 });
  return state;
}

const update = (url: string, id: string, agent: http.Agent): Promise<GraphQLResult<{ updateNode: { id: string } }>> =>
  graphql(
    url,
    UPDATE,
    { id, input: { name: `${id} (drained)`, sources: [{ statementId: `${DOC}#5` }] } },
    { agent, timeoutMs: 60_000, headers: { authorization: `Bearer ${EDITOR_TOKEN}` } },
  );

describe('SIGTERM', () => {
  it(`drains ${IN_FLIGHT} requests in flight, refuses new connections, exits 0`, async () => {
    const scenario = new Scenario(`sigterm: ${IN_FLIGHT} requests in flight`);
    const api = await spawnApi({ ...AUTH_ENV, SHUTDOWN_TIMEOUT_MS: '30000' });
    const ids = (
      await cypherRows<{ id: string }>(
        db,
        'MATCH (n:Entity) WHERE NOT n:SourceDocument RETURN n.id AS id ORDER BY n.id LIMIT toInteger($n)',
        { n: IN_FLIGHT },
      )
    ).map((row) => row.id);
    const idle = await idleKeepAlive(api.port);
    const lock = await holdLock(db, LOCK, { ids });
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    try {
      let settled = 0;
      const requests = ids.map((id) =>
        update(api.url, id, agent).finally(() => {
          settled += 1;
        }),
      );
      await until(`${IN_FLIGHT} mutations wait on our lock`, async () => (await blockedTransactions(db)) >= IN_FLIGHT, {
        timeoutMs: 30_000,
        intervalMs: 50,
      });

      const signalAt = Date.now();
      api.child.kill('SIGTERM');
      const refused = await within(10_000, () => connectionRefused(api.port), 10);
      const refusedAfter = Date.now() - signalAt;
      const idleClosed = await within(5_000, () => idle.closedAt !== null, 10);
      const stillInFlight = IN_FLIGHT - settled;
      const aliveWhileDraining = api.exit === null;

      await lock.release();
      const responses = await Promise.all(requests);
      const exit = await Promise.race([
        api.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000).unref()),
      ]);
      const ok = responses.filter((r) => r.status === 200 && r.json?.data?.updateNode.id && !r.json.errors);
      scenario.requests = responses.length;
      scenario.errors = responses.length - ok.length;
      scenario.latencies.push(...responses.map((r) => r.ms));
      scenario.notes['refused after ms'] = refused ? refusedAfter : 'never';
      scenario.notes['idle keep-alive closed after ms'] = idle.closedAt ? idle.closedAt - signalAt : 'never';
      scenario.notes['SIGTERM to exit ms'] = exit ? exit.at - signalAt : 'no exit in 30 s';
      scenario.check(
        'the 20 were in flight when the signal came',
        stillInFlight === IN_FLIGHT && aliveWhileDraining,
        `${stillInFlight} in flight`,
      );
      scenario.check('new connections refused after SIGTERM', refused, `still accepted after ${refusedAfter} ms`);
      scenario.check(
        'the idle keep-alive connection closed during the drain',
        idleClosed,
        'still open 5 s after SIGTERM',
      );
      const failed = responses.filter((r) => !ok.includes(r));
      scenario.check(
        `all ${IN_FLIGHT} complete successfully`,
        ok.length === IN_FLIGHT,
        failed
          .slice(0, 3)
          .map((r) => `${r.status || r.error} ${r.body.slice(0, 150)}`)
          .join(' | '),
      );
      scenario.check('the process exits 0', exit?.code === 0, JSON.stringify(exit));
      expect(scenario.save().failures()).toEqual([]);
    } finally {
      await lock.release();
      agent.destroy();
      await api.stop(5_000);
    }
  });

  it(`bounds the drain by SHUTDOWN_TIMEOUT_MS (${SHUTDOWN_TIMEOUT_MS} ms)`, async () => {
    const scenario = new Scenario(`sigterm: drain bounded by SHUTDOWN_TIMEOUT_MS=${SHUTDOWN_TIMEOUT_MS}`);
    const api = await spawnApi({ ...AUTH_ENV, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
    const lock = await holdLock(db, LOCK, { ids: ['iecm'] });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const stuck = update(api.url, 'iecm', agent);
      await until('the mutation waits on our lock', async () => (await blockedTransactions(db)) >= 1, {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      const signalAt = Date.now();
      api.child.kill('SIGTERM');
      // Never released before the exit: only the timeout can end this drain.
      const exit = await Promise.race([
        api.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000).unref()),
      ]);
      const drainMs = exit ? exit.at - signalAt : Infinity;
      const answer = await stuck;
      scenario.requests = 1;
      scenario.latencies.push(answer.ms);
      scenario.notes['SIGTERM to exit ms'] = exit ? drainMs : 'no exit in 30 s';
      scenario.notes['exit'] = JSON.stringify(exit ? { code: exit.code, signal: exit.signal } : null);
      scenario.notes['stuck request answer'] = `${answer.status || answer.error} ${answer.code ?? ''}`;
      scenario.check(
        `exits within SHUTDOWN_TIMEOUT_MS + ${EXIT_SLACK_MS} ms`,
        drainMs <= SHUTDOWN_TIMEOUT_MS + EXIT_SLACK_MS,
        exit ? `exited after ${drainMs} ms` : 'still running 30 s after SIGTERM',
      );
      expect(scenario.save().failures()).toEqual([]);
    } finally {
      await lock.release();
      agent.destroy();
      await api.stop(5_000);
    }
  });
});
