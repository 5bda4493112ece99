/** What `npm start` does before serving (migrate, then seed only an empty graph), and what it tells the person. */
import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { seedIfEmpty } from '../../src/features/dataset/seed';
import { cypherRows } from '../support/graph';
import { spawnServer } from '../support/server-process';
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
    let announce: (line: string) => void = () => undefined;
    const ready = new Promise<string>((resolve) => (announce = resolve));
    const server = await spawnServer({
      cwd: ROOT,
      env: { LOG_LEVEL: 'info' },
      onLine: (text, stream) => {
        (stream === 'stdout' ? stdout : stderr).push(text);
        if (stream === 'stderr' && text.startsWith('IECM relations graph ready')) announce(text);
      },
    });
    child = server.child;
    const exited = new Promise<never>((_, reject) =>
      server.child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${stderr.join('\n')}`))),
    );
    const line = await Promise.race([ready, exited]);

    const { url } = server;
    expect(line).toBe(
      `IECM relations graph ready: GraphQL ${url}/graphql · IDE ${url}/ · explorer ${url}/explorer · ` +
        `workbench ${url}/curate · reconciliation ${url}/reconcile · metrics ${url}/metrics · health ${url}/readyz`,
    );
    // The addresses it names answer.
    for (const address of [`${url}/explorer`, `${url}/curate`, `${url}/readyz`]) {
      expect((await fetch(address)).status).toBe(200);
    }
    // stdout stays JSON lines for collectors: the plain line is not among them.
    const logLines = stdout;
    expect(logLines.length).toBeGreaterThan(0);
    for (const logLine of logLines) expect(() => JSON.parse(logLine) as unknown).not.toThrow();
    expect(logLines.some((logLine) => logLine.includes('IECM relations graph ready'))).toBe(false);
  }, 180_000);
});
