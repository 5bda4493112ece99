/**
 * Loaded into the API's process by the scale benchmark (`node -r dist/bench/scale/api-probe.js dist/src/main.js`),
 * to see inside it without changing what it does. It listens on BENCH_PROBE_PORT (loopback) for:
 *
 * - `POST /capture/start`, `POST /capture/stop`: the Cypher (name, text, parameters) of every request whose
 *   GraphQL operation name starts with "Capture", sent between the two; the stop answers them as JSON;
 * - `POST /profile/start`, `POST /profile/stop`: a V8 CPU profile of the process in between (the stop answers
 *   the .cpuprofile JSON).
 *
 * Until asked, the profiler is off and the only cost is one boolean test per query.
 */
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import type { Cypher } from '../../src/db/cypher';
import { Tx } from '../../src/db/database';
import { currentScope } from '../../src/db/request-scope';
import { CAPTURE_PREFIX, type CapturedQuery } from './probe-protocol';

let capturing = false;
const captured: CapturedQuery[] = [];

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the transaction as `this`
const query = Tx.prototype.query;
Tx.prototype.query = function capturedQuery<Params extends object, Row extends object>(
  this: Tx,
  cypher: Cypher<Params, Row>,
  params: Params,
): Promise<Row[]> {
  if (capturing) {
    const operation = currentScope()?.operation ?? null;
    if (operation?.startsWith(CAPTURE_PREFIX)) {
      captured.push({ operation, name: cypher.name, text: cypher.text, params: JSON.parse(JSON.stringify(params)) });
    }
  }
  return query.call<Tx, [Cypher<Params, Row>, Params], Promise<Row[]>>(this, cypher, params);
};

let session: Session | null = null;

async function handle(url: string): Promise<unknown> {
  switch (url) {
    case '/capture/start':
      captured.length = 0;
      capturing = true;
      return { capturing };
    case '/capture/stop':
      capturing = false;
      return captured.splice(0);
    case '/profile/start':
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return { profiling: true };
    case '/profile/stop': {
      if (!session) throw new Error('no profile was started');
      const { profile } = await session.post('Profiler.stop');
      await session.post('Profiler.disable');
      session.disconnect();
      session = null;
      return profile;
    }
    default:
      throw new Error(`unknown probe command ${url}`);
  }
}

const port = Number(process.env.BENCH_PROBE_PORT ?? 0);
if (port > 0) {
  const server = http.createServer((req, res) => {
    handle(req.url ?? '').then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      },
    );
  });
  server.listen(port, '127.0.0.1');
  // The probe must never keep the API alive after main.ts decided to exit.
  server.unref();
}
