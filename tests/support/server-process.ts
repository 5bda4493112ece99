/**
 * The server as a process of its own, started from a directory as the image's CMD starts it
 * (`node dist/src/main.js`): on a free port of 127.0.0.1, in production mode, against the tests' Neo4j
 * (NEO4J_URI, set by the global set-up). Used by the image-layout test (from the image's assembled layout) and by
 * the chaos suite and the start-up test (from the project). Readiness is the caller's: each waits for the endpoint it cares about.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../tools/neo4j/local-neo4j';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
}

/** What a process of the project needs to reach the tests' Neo4j: the path, the home and the database's address. */
export function testProcessEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEO4J_URI: process.env.NEO4J_URI ?? '',
    NEO4J_DATABASE: 'neo4j',
  };
}

export async function spawnServer(options: {
  /** The directory holding dist/ (and node_modules/). */
  cwd: string;
  /** Settings added to (or replacing) the production ones. */
  env?: Record<string, string>;
  /** Each non-empty line the process writes, whole, with the stream it came on (JSON logs: stdout). */
  onLine: (line: string, stream: 'stdout' | 'stderr') => void;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join('dist', 'src', 'main.js')], {
    cwd: options.cwd,
    env: {
      ...testProcessEnv(),
      // The image's ENV line, with the port and host of the test.
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whole lines: a chunk may end in the middle of one.
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (source) createInterface({ input: source }).on('line', (line) => line && options.onLine(line, stream));
  }
  return { url: `http://127.0.0.1:${port}`, port, child };
}
