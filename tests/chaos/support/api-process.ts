/**
 * The real API as a separate process (`node dist/src/main.js`, built by the chaos global set-up), so a scenario
 * can see it crash, signal it, and measure it without sharing an event loop with the load it receives.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnServer } from '../../support/server-process';
import { until } from './barrier';
import { request } from './http';

const PROJECT_ROOT = path.join(__dirname, '..', '..', '..');
export const MAIN_JS = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');

export const EDITOR_TOKEN = 'chaos-editor-token-0123456789abcdef';
export const ADMIN_TOKEN = 'chaos-admin-token-0123456789abcdef';
export const JWT_SECRET = 'chaos-jwt-secret-of-at-least-32-characters';
export const AUTH_ENV = {
  AUTH_TOKENS: `chaos-editor:editor:${EDITOR_TOKEN},chaos-admin:admin:${ADMIN_TOKEN}`,
  JWT_SECRET,
};

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When it exited (Date.now()). */
  at: number;
}

export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Set once the process has exited. */
  exit: ProcessExit | null;
  exited: Promise<ProcessExit>;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Lines the service logged at level error or above (pino level >= 50). */
  errorLines(): string[];
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

const MAX_OUTPUT_LINES = 400;

/** Processes not yet seen to exit: a failing test must not leave an API running. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Stops every API process this test file started and has not yet seen exit (for afterAll). */
export async function stopAllApis(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Starts the API on a free port against NEO4J_URI (the suite's Neo4j unless `env` says otherwise). */
export async function spawnApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: the chaos global set-up builds it (npm run build)`);
  const lines: string[] = [];
  const errors: string[] = [];
  const { url, port, child } = await spawnServer({
    cwd: PROJECT_ROOT,
    env,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > MAX_OUTPUT_LINES) lines.shift();
      const level = /"level":(\d+)/.exec(line)?.[1];
      if ((level !== undefined && Number(level) >= 50) || /^\S*Error\b|Unhandled|uncaught/i.test(line)) {
        if (errors.length < 200) errors.push(line.slice(0, 2_000));
      }
    },
  });

  const api: ApiProcess = {
    url,
    port,
    child,
    exit: null,
    exited: new Promise((resolve) => {
      running.add(child);
      child.once('exit', (code, signal) => {
        running.delete(child);
        api.exit = { code, signal, at: Date.now() };
        resolve(api.exit);
      });
    }),
    output: () => lines.join('\n'),
    errorLines: () => [...errors],
    async stop(graceMs = 20_000) {
      if (api.exit) return api.exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await api.exited;
      clearTimeout(timer);
      return exit;
    },
  };

  try {
    // main.ts listens only after migrating and seeding: the first 200 from /healthz means ready.
    await until(
      'the API process answers /healthz',
      async () => {
        if (api.exit) throw new Error(`the API process exited (${JSON.stringify(api.exit)}):\n${api.output()}`);
        return (await request(`${api.url}/healthz`, { timeoutMs: 1_000 })).status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return api;
}
