/** What `npm start` does before serving (migrate, then seed only an empty graph), and what it tells the person. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { seedIfEmpty } from '../../src/features/dataset/seed';
import { freePort } from '../../tools/neo4j/local-neo4j';
import { cypherRows } from '../support/graph';
import { testDatabase } from '../support/test-server';

const ROOT = path.join(__dirname, '..', '..');

describe('start-up on an empty database', () => {
  let db: Database;
  beforeAll(async () => {
    db = testDatabase();
    await cypherRows(db, 'MATCH (n) DETACH DELETE n');
  });
  afterAll(() => db.close());

  it('seeds the graph once and leaves a non-empty graph alone', async () => {
    await migrate(db);
    expect(await seedIfEmpty(db)).toBe(true);
    const counts = await readGraphCounts(db);
    expect(counts.nodesByKind.ORGANIZATION).toBeGreaterThan(0);

    await cypherRows(db, "MATCH (n:Entity {id: 'oei'}) DETACH DELETE n");
    expect(await seedIfEmpty(db)).toBe(false);
    expect((await readGraphCounts(db)).nodes).toBe(counts.nodes - 1);
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  const stdout: string[] = [];
  const stderr: string[] = [];

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints one plain line on stderr with the addresses to open, beside the JSON logs', async () => {
    // dist/ as `npm start` runs it (built only when a source changed since the last build).
    await promisify(execFile)('sh', [path.join(ROOT, 'tools', 'build-if-stale.sh')], { cwd: ROOT });
    const port = await freePort();
    child = spawn(process.execPath, [path.join('dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NEO4J_URI: process.env.NEO4J_URI ?? '',
        NEO4J_DATABASE: 'neo4j',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
    const ready = new Promise<string>((resolve, reject) => {
      child?.stderr?.on('data', (chunk: Buffer) => {
        stderr.push(chunk.toString('utf8'));
        const line = stderr
          .join('')
          .split('\n')
          .find((text) => text.startsWith('IECM relations graph ready'));
        if (line) resolve(line);
      });
      child?.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${stderr.join('')}`)));
    });
    const line = await ready;

    const url = `http://127.0.0.1:${port}`;
    expect(line).toBe(
      `IECM relations graph ready: GraphQL ${url}/graphql · IDE ${url}/ · explorer ${url}/explorer · ` +
        `workbench ${url}/curate · reconciliation ${url}/reconcile · metrics ${url}/metrics · health ${url}/readyz`,
    );
    // The addresses it names answer.
    for (const address of [`${url}/explorer`, `${url}/curate`, `${url}/readyz`]) {
      expect((await fetch(address)).status).toBe(200);
    }
    // stdout stays JSON lines for collectors: the plain line is not among them.
    const logLines = stdout.join('').split('\n').filter(Boolean);
    expect(logLines.length).toBeGreaterThan(0);
    for (const logLine of logLines) expect(() => JSON.parse(logLine) as unknown).not.toThrow();
    expect(logLines.some((logLine) => logLine.includes('IECM relations graph ready'))).toBe(false);
  }, 180_000);
});
