/**
 * npm run bench:reconcile: a batch of 100 reconciliation queries (names, acronyms, English names, folded and
 * partial names, some with a type and a city condition), POSTed to /reconcile as OpenRefine sends it, on the
 * seed. Reports p50/p95/max per batch against the target (200 ms). Uses NEO4J_URI when set (its database is wiped
 * and seeded), else a throwaway local Neo4j.
 *
 * Options: --iterations N (default 50), --warmup N (default 10), --json FILE.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { startServer } from '../src/app';
import { adHoc } from '../src/db/cypher';
import { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { seed } from '../src/features/dataset/seed';
import { loadConfig } from '../src/shared/config';
import { createLogger } from '../src/shared/logger';
import { PROJECT_ROOT } from '../src/shared/paths';
import { freePort, start, stop } from '../tools/neo4j/local-neo4j';

const BATCH = 100;
const TARGET_MS = 200;

interface SeedNode {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

/** The batch: node after node, each named in the next of the ways a spreadsheet might, until there are 100. */
function batchOf(nodes: SeedNode[]): Record<string, unknown> {
  const ways: ((node: SeedNode) => Record<string, unknown>)[] = [
    (node) => ({ query: node.name }),
    (node) => ({ query: node.aliases[0] ?? node.name, type: node.kind }),
    (node) => ({ query: node.name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '') }),
    (node) => ({ query: node.name.split(' ').slice(0, 2).join(' '), limit: 5 }),
    (node) => ({ query: node.aliases.at(-1) ?? node.name, properties: [{ pid: 'city', v: 'Ciudad de México' }] }),
  ];
  const queries: Record<string, unknown> = {};
  for (let i = 0; i < BATCH; i += 1) {
    const node = nodes[i % nodes.length];
    const way = ways[i % ways.length];
    if (node && way) queries[`q${i}`] = way(node);
  }
  return queries;
}

/** The committed batch of 20 sloppy names, each with the node it means (also a test: reconcile-sloppy). */
const SLOPPY_NAMES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'reconciliation', 'sloppy-names.json');

/** Top-1 accuracy and the precision of `match: true` on the sloppy names. */
async function sloppyFigures(url: string): Promise<{ top1: number; matchPrecision: number; matches: number }> {
  const { names } = JSON.parse(readFileSync(SLOPPY_NAMES, 'utf8')) as { names: { query: string; id: string }[] };
  const queries = Object.fromEntries(names.map((name, i) => [`q${i}`, { query: name.query }]));
  const response = await fetch(`${url}/reconcile`, {
    method: 'POST',
    body: new URLSearchParams({ queries: JSON.stringify(queries) }),
  });
  const answer = (await response.json()) as Record<string, { result: { id: string; match: boolean }[] }>;
  let top1 = 0;
  let matches = 0;
  let rightMatches = 0;
  names.forEach((name, i) => {
    const result = answer[`q${i}`]?.result ?? [];
    if (result[0]?.id === name.id) top1 += 1;
    for (const candidate of result.filter((c) => c.match)) {
      matches += 1;
      if (candidate.id === name.id) rightMatches += 1;
    }
  });
  return {
    top1: round(top1 / names.length),
    matchPrecision: matches === 0 ? 1 : round(rightMatches / matches),
    matches,
  };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const round = (value: number): number => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { iterations: { type: 'string' }, warmup: { type: 'string' }, json: { type: 'string' } },
  });
  const iterations = Number(values.iterations ?? 50);
  const warmup = Number(values.warmup ?? 10);

  let home: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    home = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-bench-'));
    uri = (await start({ home, boltPort: await freePort(), heap: '512m' })).uri;
  }
  const config = loadConfig({ ...process.env, NEO4J_URI: uri, PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const db = Database.create({ ...config.neo4j, uri });
  const server = await startServer({ config, db, logger: createLogger('silent') });
  try {
    await db.write((tx) => tx.query(adHoc('MATCH (n) DETACH DELETE n'), {}));
    await migrate(db);
    await seed(db);
    const nodes = await db.query(
      adHoc<Record<string, never>, SeedNode>(
        'MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.kind AS kind, coalesce(n.aliases, []) AS aliases ORDER BY n.id',
        'bench',
      ),
      {},
    );
    const body = new URLSearchParams({ queries: JSON.stringify(batchOf(nodes)) }).toString();
    let matched = 0;
    const ask = async (): Promise<void> => {
      const response = await fetch(`${server.url}/reconcile`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
      const answer = (await response.json()) as Record<string, { result: { match: boolean }[] }>;
      matched = Object.values(answer).filter((query) => query.result[0]?.match).length;
    };
    for (let i = 0; i < warmup; i += 1) await ask();
    const times: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      const started = performance.now();
      await ask();
      times.push(performance.now() - started);
    }
    const result = {
      batch: BATCH,
      iterations,
      warmup,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      max: round(Math.max(...times)),
      matchedQueries: matched,
      targetMs: TARGET_MS,
      sloppyNames: await sloppyFigures(server.url),
    };
    console.log(
      `\nA batch of ${BATCH} queries, ${iterations} runs after ${warmup} warm-up runs: p50 ${result.p50} ms, ` +
        `p95 ${result.p95} ms, max ${result.max} ms (target: ${TARGET_MS} ms); ${matched} queries matched. ` +
        `20 sloppy names: top-1 ${result.sloppyNames.top1}, match: true precision ${result.sloppyNames.matchPrecision}.\n`,
    );
    console.log(JSON.stringify(result, null, 2));
    if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
    if (result.p95 > TARGET_MS) process.exitCode = 1;
  } finally {
    await server.stop();
    await db.close();
    if (home) {
      await stop(home);
      rmSync(home, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
