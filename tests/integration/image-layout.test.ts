/**
 * The Docker image, checked without Docker: the runtime stage's COPY lines are read from the Dockerfile, that exact
 * file layout is assembled in a temporary folder (dist/ from `npm run build`, node_modules holding only the
 * production dependency tree that `npm prune --omit=dev` keeps), and the server is started from it with
 * `node dist/src/main.js` against the test Neo4j. A file the server reads but the image lacks fails here.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { resetAndSeed } from '../support/graph';
import { spawnServer } from '../support/server-process';
import { testDatabase } from '../support/test-server';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

interface Copy {
  /** Source, relative to the build stage's WORKDIR. */
  from: string;
  /** Destination, relative to the runtime stage's WORKDIR. */
  to: string;
}

interface Stage {
  image: string;
  name?: string;
  workdir: string;
  copies: { from?: string; sources: string[]; dest: string }[];
}

/** The Dockerfile's stages with their base image, WORKDIR and COPY instructions (JSON form not used here). */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [instruction = '', ...rest] = line.split(/\s+/);
    const keyword = instruction.toUpperCase();
    if (keyword === 'FROM') {
      const [image = '', as, name] = rest;
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, workdir: '/', copies: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    if (keyword === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, rest.join(' '));
    if (keyword === 'COPY') {
      const flags = rest.filter((word) => word.startsWith('--'));
      const paths = rest.filter((word) => !word.startsWith('--'));
      const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
      const dest = paths.pop();
      if (!dest || paths.length === 0) throw new Error(`COPY without source or destination: ${line}`);
      stage.copies.push({ from, sources: paths, dest });
    }
  }
  return stages;
}

/** The runtime stage's copies out of the build stage, as project-relative paths. */
function runtimeCopies(stages: Stage[]): { build: Stage; runtime: Stage; copies: Copy[] } {
  const runtime = stages.at(-1);
  const build = stages.find((stage) => stage.name !== undefined && stage !== runtime);
  if (!runtime || !build) throw new Error('expected a build stage and a runtime stage');
  const copies: Copy[] = [];
  for (const copy of runtime.copies) {
    if (copy.from !== build.name) throw new Error(`runtime COPY not from the build stage: ${JSON.stringify(copy)}`);
    for (const source of copy.sources) {
      const from = path.posix.relative(build.workdir, path.posix.resolve(build.workdir, source));
      const destination = path.posix.resolve(runtime.workdir, copy.dest);
      const intoFolder = copy.dest.endsWith('/') || copy.dest === '.';
      const to = path.posix.relative(
        runtime.workdir,
        intoFolder ? path.posix.join(destination, path.posix.basename(from)) : destination,
      );
      copies.push({ from, to });
    }
  }
  return { build, runtime, copies };
}

/** What the build stage holds: its COPY destinations plus what its RUN lines produce (dist/, node_modules/). */
function buildStageHas(build: Stage, file: string): boolean {
  if (file === 'dist' || file.startsWith('dist/') || file === 'node_modules') return true;
  return build.copies.some((copy) =>
    copy.sources.some((source) => {
      const dest = path.posix.relative(build.workdir, path.posix.resolve(build.workdir, copy.dest));
      const placed = copy.dest.endsWith('/') || copy.dest === '.' ? path.posix.join(dest, source) : dest;
      return file === placed || file.startsWith(`${placed}/`);
    }),
  );
}

/** node_modules as `npm prune --omit=dev` leaves it: a link to each top-level package of the production tree. */
async function productionNodeModules(target: string): Promise<number> {
  const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const modules = path.join(ROOT, 'node_modules') + path.sep;
  const topLevel = new Set<string>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(modules)) continue;
    const parts = line.slice(modules.length).split(path.sep);
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name) topLevel.add(name);
  }
  mkdirSync(target, { recursive: true });
  for (const name of topLevel) {
    const link = path.join(target, name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(modules, name), link, 'dir');
  }
  return topLevel.size;
}

async function assembleLayout(dir: string, copies: Copy[]): Promise<void> {
  for (const { from, to } of copies) {
    const target = path.join(dir, to);
    if (from === 'node_modules') {
      await productionNodeModules(target);
      continue;
    }
    const source = path.join(ROOT, from);
    if (!existsSync(source)) throw new Error(`the Dockerfile copies ${from}, which does not exist`);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target, { recursive: true });
  }
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become ready within 90 s:\n${output()}`);
}

/** The URLs of a page's own scripts and stylesheets. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('the Docker image layout', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const stages = parseDockerfile(dockerfile);
  let dir = '';
  let child: ChildProcess | undefined;
  let url = '';
  const lines: string[] = [];
  const output = (): string => lines.slice(-60).join('\n');

  beforeAll(async () => {
    // dist/ as `npm run build` makes it (skipped when nothing changed since the last build).
    await run('sh', [path.join(ROOT, 'tools', 'build-if-stale.sh')], { cwd: ROOT });
    // The GraphQL check searches the seed: seeded here, not left over from whichever test file ran before.
    const db = testDatabase();
    try {
      await resetAndSeed(db);
    } finally {
      await db.close();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-image-layout-'));
    await assembleLayout(dir, runtimeCopies(stages).copies);
    const runtime = stages.at(-1);
    const server = await spawnServer({ cwd: dir, onLine: (line) => lines.push(line) });
    child = server.child;
    url = server.url;
    expect(runtime?.workdir).toBe('/app');
    await waitForReady(url, child, output);
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('pins both stages to one Node 24 LTS release', () => {
    const images = stages.map((stage) => stage.image);
    expect(images).toHaveLength(2);
    for (const image of images) expect(image).toMatch(/^node:24\.\d+\.\d+-bookworm-slim$/);
    expect(new Set(images).size).toBe(1);
  });

  it('copies into the runtime stage only what the build stage holds', () => {
    const { build, copies } = runtimeCopies(stages);
    expect(copies.filter((copy) => !buildStageHas(build, copy.from))).toEqual([]);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
  });

  it('starts, and answers /readyz, /explorer, /curate with their assets, and a GraphQL query', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    for (const page of ['/', '/explorer', '/curate']) {
      const response = await fetch(`${url}${page}`);
      expect({ page, status: response.status }).toEqual({ page, status: 200 });
      const assets = assetUrls(await response.text());
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        const status = (await fetch(`${url}${asset}`)).status;
        expect({ asset, status }).toEqual({ asset, status: 200 });
      }
    }
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ search(query: "instituto") { node { id name } } }' }),
    });
    const body = (await response.json()) as { data?: { search: { node: { id: string } }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.search.length).toBeGreaterThan(0);
    expect(output()).not.toMatch(/ENOENT|"level":(5|6)0/);
  });
});
