/**
 * /metrics as Prometheus's own linter sees it: `promtool check metrics` (Debian's prometheus package; .ci/run
 * installs it) must print nothing and exit 0 on a scrape taken after some traffic, errors included.
 */
import { spawn } from 'node:child_process';
import { LINT_FAILING_DEFAULTS } from '../../src/shared/metrics';
import { startTestServer, type TestServer } from '../support/test-server';

const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

/** Runs promtool with `input` on stdin: its exit code and everything it printed. */
function promtool(args: string[], input: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${PROMTOOL} is not installed: apt-get install -y prometheus (Debian; .ci/run does), or set PROMTOOL.`,
            )
          : error,
      ),
    );
    child.once('close', (code) => resolve({ code, output: output.trim() }));
    child.stdin.end(input);
  });
}

describe('/metrics under promtool', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('lints clean after traffic: requests, errors, Neo4j queries and the process defaults', async () => {
    await api.graphql('query Health { health { status } }');
    await api.graphql('query Missing { partners(of: "ghost") { totalCount } }');
    await api.graphql('{ nope }');
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toMatch(/^graphql_requests_total\{/m);
    expect(text).toMatch(/^nodejs_active_handles\{/m);
    for (const name of LINT_FAILING_DEFAULTS) expect(text).not.toContain(`${name} `);
    expect(await promtool(['check', 'metrics'], text)).toEqual({ code: 0, output: '' });
  });

  it('is a linter that fails: a gauge named *_total is reported', async () => {
    const bad = '# HELP x_total A gauge.\n# TYPE x_total gauge\nx_total 1\n';
    const result = await promtool(['check', 'metrics'], bad);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/non-counter metrics should not have "_total" suffix/);
  });
});
