/**
 * npm run bench:import:scale [-- --relationships 1000000 --more 100000 --heap 2g --page-cache 2g --skip-online]
 *
 * Loading at speed, on the seeded domain-shaped graph of bench/scale/generate.ts:
 *   1. online import of N relationships into an empty database (importFiles, batches of 10,000, resumable);
 *   2. online import of M more (another seed) into that graph;
 *   3. the empty-database fast path (same checks, then neo4j-admin) of the N file into a fresh database.
 * Each runs against a throwaway local Neo4j whose heap and page cache are SETTINGS of this run (flags, or
 * NEO4J_LOCAL_HEAP / NEO4J_LOCAL_PAGECACHE), never changed defaults. Prints rates, the process's peak RSS (the
 * npm script caps the heap at 768 MB: the files stream) and the machine load (`uptime`) as a Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminImport } from '../src/cli/admin-import';
import { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { readGraphCounts } from '../src/features/dataset/dataset.repository';
import { importFiles } from '../src/features/dataset/import';
import { freePort, QUICK_STOP_SETTINGS, start, stop } from '../tools/neo4j/local-neo4j';
import { writeScaleDataset } from './scale/generate';

const { values } = parseArgs({
  options: {
    relationships: { type: 'string', default: '1000000' },
    more: { type: 'string', default: '100000' },
    heap: { type: 'string' },
    'page-cache': { type: 'string' },
    'skip-online': { type: 'boolean', default: false },
    'skip-fast-path': { type: 'boolean', default: false },
  },
});
const relationships = Number(values.relationships);
const more = Number(values.more);
const heap = values.heap ?? process.env.NEO4J_LOCAL_HEAP ?? '2g';
const pageCache = values['page-cache'] ?? process.env.NEO4J_LOCAL_PAGECACHE ?? '2g';
const SETTINGS = { user: 'neo4j', password: '', database: 'neo4j' };
const ACTOR = { name: 'bench', role: 'admin' as const };

const load = (): string =>
  execFileSync('uptime', { encoding: 'utf8' })
    .trim()
    .replace(/^.*load average: /, '');

/** Samples the process's RSS while `work` runs. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

async function file(count: number, seed: number, dir: string): Promise<string> {
  const out = path.join(dir, `scale-${count}-seed${seed}.json`);
  if (!existsSync(out)) await writeScaleDataset(out, { relationships: count, seed });
  return out;
}

interface Row {
  run: string;
  relationships: number;
  seconds: number;
  perSecond: number;
  detail: string;
  peakRssMb: number;
  loadBefore: string;
  loadAfter: string;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'iecm-import-scale-'));
  const data = process.env.BENCH_DATA_DIR ?? os.tmpdir();
  const rows: Row[] = [];
  const big = await file(relationships, 1, data);
  const extra = await file(more, 2, data);
  console.log(`files: ${big} (${(statSync(big).size / 1e6).toFixed(0)} MB), ${extra}`);

  const startHome = async (home: string) =>
    (await start({ home, boltPort: await freePort(), heap, pageCache, settings: QUICK_STOP_SETTINGS })).uri;

  try {
    if (!values['skip-online']) {
      const home = path.join(work, 'online');
      const db = Database.create({ ...SETTINGS, uri: await startHome(home) });
      try {
        await migrate(db);
        for (const [run, input] of [
          [`online, empty database`, big],
          [`online, ${more} more into that graph`, extra],
        ] as const) {
          const loadBefore = load();
          const { result, seconds, peakRssMb } = await measured(() => importFiles(db, ACTOR, [input]));
          rows.push({
            run,
            relationships: result.relationships,
            seconds: Math.round(seconds * 10) / 10,
            perSecond: Math.round(result.relationships / seconds),
            detail: `check ${result.seconds.check} s, write ${result.seconds.write} s (${Math.round(result.relationships / result.seconds.write)}/s), ${result.batches} transactions`,
            peakRssMb,
            loadBefore,
            loadAfter: load(),
          });
          console.log(rows.at(-1));
        }
        console.log(JSON.stringify(await readGraphCounts(db)));
      } finally {
        await db.close();
        await stop(home);
      }
    }
    if (!values['skip-fast-path']) {
      const home = path.join(work, 'admin');
      const db = Database.create({ ...SETTINGS, uri: await startHome(home) });
      await migrate(db);
      const loadBefore = load();
      const { result, seconds, peakRssMb } = await measured(() =>
        adminImport(db, { files: [big], actor: ACTOR, home, restart: () => startHome(home), settings: SETTINGS }),
      ).catch(async (error: unknown) => {
        // The restarted server is ours: a failed run must not leave it (and this process) running.
        await stop(home);
        throw error;
      });
      try {
        const counts = await readGraphCounts(result.db);
        const { prepared, admin, restart, steps } = result.seconds;
        rows.push({
          run: 'neo4j-admin fast path, empty database',
          relationships: counts.relationships,
          seconds: Math.round(seconds * 10) / 10,
          perSecond: Math.round(counts.relationships / seconds),
          detail:
            `check ${prepared.check} s, CSV+partnerships ${prepared.csv} s (${result.partnerships} PARTNERS), ` +
            `neo4j-admin ${admin} s (${Math.round(counts.relationships / admin)}/s), restart ${restart} s, ` +
            `migrations ${steps.migrations} s, fix-ups ${steps.fixups} s, partnership lists ${steps.partnershipLists} s, ` +
            `rankings ${steps.rankings} s, provenance ${steps.provenance} s`,
          peakRssMb,
          loadBefore,
          loadAfter: load(),
        });
        console.log(rows.at(-1));
      } finally {
        await result.db.close();
        await stop(home);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nNeo4j heap ${heap}, page cache ${pageCache}; ${os.cpus().length} cores\n`);
  console.log('| run | relationships | s | relationships/s | detail | peak RSS MB | load before | load after |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: | --- | --- |');
  for (const row of rows) {
    console.log(
      `| ${row.run} | ${row.relationships} | ${row.seconds} | ${row.perSecond} | ${row.detail} | ${row.peakRssMb} | ${row.loadBefore} | ${row.loadAfter} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
