/**
 * The three systems under test, each in a process of its own so each has its own event loop and can be profiled:
 * this API (`node dist/src/main.js`, production, silent, with the bench's probe preloaded), the peer
 * (@neo4j/graphql, bench/peer) and the minimal HTTP server (minimal-server.ts). Plus the hand-written Cypher sent
 * from this process through neo4j-driver.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { PROJECT_ROOT } from '../../src/shared/paths';
import { freePort } from '../../tools/neo4j/local-neo4j';
import { CAPTURE_PREFIX, type CapturedQuery } from './probe-protocol';
import { at, isRecord, list, text, type Json } from './json';
import type { Request } from './questions';

export type SystemName = 'graphql' | 'cypher' | 'peer';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Where it answers: the GraphQL endpoint, or the minimal server's base URL. */
  url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 180_000;

/** Stops a child with SIGTERM (SIGKILL after 15 s) and waits for it to exit. */
function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Spawns a program that prints {"ready": url} on a line of its own when it answers. */
async function spawnReady(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) {
        const match = /^\{"ready":"([^"]+)"\}$/.exec(line.trim());
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${String(code)} while starting:\n${output.slice(-3000)}`));
    });
  });
  return { name, process: child, url, stop: stopper(child) };
}

export interface ApiChild extends Child {
  /** The probe's control URL (api-probe.ts). */
  probeUrl: string;
}

/** This API as `npm start` runs it: production, silent logs, against `boltUri`; waits until /readyz answers. */
export async function startApi(boltUri: string): Promise<ApiChild> {
  const port = await freePort();
  const probePort = await freePort();
  const main = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');
  const probe = path.join(PROJECT_ROOT, 'dist', 'bench', 'scale', 'api-probe.js');
  const child = spawn(process.execPath, ['--require', probe, main], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: boltUri,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      BENCH_PROBE_PORT: String(probePort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-5000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-5000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} while starting:\n${output}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name: 'API',
    process: child,
    url: `${base}/graphql`,
    probeUrl: `http://127.0.0.1:${probePort}`,
    stop: stopper(child),
  };
}

export const PEER_SERVER = path.join(PROJECT_ROOT, 'bench', 'peer', 'dist', 'server.js');

export function startPeer(boltUri: string): Promise<Child> {
  if (!existsSync(PEER_SERVER)) {
    throw new Error(`${PEER_SERVER} is missing: run npm run bench:peer:install first`);
  }
  return spawnReady('peer', [PEER_SERVER, '--bolt', boltUri]);
}

export function startMinimal(boltUri: string): Promise<Child> {
  const program = path.join(PROJECT_ROOT, 'dist', 'bench', 'scale', 'minimal-server.js');
  return spawnReady('minimal HTTP server', [program, '--bolt', boltUri]);
}

/** A GraphQL request's `data`; GraphQL errors and HTTP errors are thrown. */
export async function askGraphQL(url: string, request: Request, operationName?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...request, ...(operationName ? { operationName } : {}) }),
  });
  const body: unknown = await response.json();
  if (isRecord(body) && body.errors) throw new Error(`GraphQL errors from ${url}: ${JSON.stringify(body.errors)}`);
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}: ${JSON.stringify(body)}`);
  return at(body, 'data');
}

/** The minimal server's rows for a question. */
export async function askMinimal(baseUrl: string, key: string, params: Record<string, Json>): Promise<unknown[]> {
  const response = await fetch(`${baseUrl}${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`HTTP ${response.status} from the minimal server: ${JSON.stringify(body)}`);
  return list(body);
}

export function connect(boltUri: string): Driver {
  return neo4j.driver(boltUri, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
}

/** The rows of a read query, as plain objects. */
export async function askCypher(driver: Driver, textOf: string, params: Record<string, Json> = {}): Promise<unknown[]> {
  const result = await driver.executeQuery(textOf, params, { database: 'neo4j', routing: neo4j.routing.READ });
  return result.records.map((record) => record.toObject());
}

/** Rewrites a GraphQL document so its operation name marks it for the probe's capture. */
export function captureRequest(request: Request, key: string): { request: Request; operationName: string } {
  const operationName = `${CAPTURE_PREFIX}_${key.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const query = request.query.replace(/^\s*query(\s+\w+)?/, `query ${operationName}`);
  return { request: { ...request, query }, operationName };
}

/** The Cypher the API sends for one GraphQL request (through its probe). */
export async function captureApiQueries(api: ApiChild, request: Request, key: string): Promise<CapturedQuery[]> {
  const marked = captureRequest(request, key);
  await fetch(`${api.probeUrl}/capture/start`, { method: 'POST' });
  await askGraphQL(api.url, marked.request, marked.operationName);
  const body: unknown = await (await fetch(`${api.probeUrl}/capture/stop`, { method: 'POST' })).json();
  return list(body).map((item) => ({
    operation: typeof at(item, 'operation') === 'string' ? text(at(item, 'operation')) : null,
    name: text(at(item, 'name')),
    text: text(at(item, 'text')),
    params: at(item, 'params'),
  }));
}

export async function startApiProfile(api: ApiChild): Promise<void> {
  const response = await fetch(`${api.probeUrl}/profile/start`, { method: 'POST' });
  if (!response.ok) throw new Error(`the probe could not start profiling: ${await response.text()}`);
}

/** The CPU profile since `startApiProfile`, as .cpuprofile JSON. */
export async function stopApiProfile(api: ApiChild): Promise<unknown> {
  const response = await fetch(`${api.probeUrl}/profile/stop`, { method: 'POST' });
  if (!response.ok) throw new Error(`the probe could not stop profiling: ${await response.text()}`);
  return response.json();
}
