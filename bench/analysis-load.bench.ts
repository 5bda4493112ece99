/**
 * npm run bench:analysis:load [-- --workers 2 --parallel 4 --timeout 10000]
 * Document analysis under load, on the analysis pool's worker threads (src/features/documents/analysis-pool.ts),
 * against the seed's known nodes:
 * - the time to analyse 1 MB of ordinary text (the three labelled articles repeated) and 1 MB of "A. ";
 * - how an HTTP endpoint of the same process (a /healthz stand-in: the thread that answers it is the one that
 *   answers every request) answers while `parallel` analyses of 1 MB run, beside the same with none running:
 *   p50, p99 and max latency, and the event loop's p99 delay.
 * Neo4j is not involved: this times the analysis and the responsiveness of the main thread.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AnalysisPool } from '../src/features/documents/analysis-pool';
import type { KnownEntity } from '../src/features/documents/analysis';
import { validateDataset } from '../src/features/dataset/dataset-format';
import { PROJECT_ROOT } from '../src/shared/paths';

const { values } = parseArgs({
  options: { workers: { type: 'string' }, parallel: { type: 'string' }, timeout: { type: 'string' } },
});
const workers = Number(values.workers ?? 2);
const parallel = Number(values.parallel ?? 4);
const timeoutMs = Number(values.timeout ?? 10_000);
const MB = 999_999;

function seedNodes(): KnownEntity[] {
  const file = path.join(PROJECT_ROOT, 'cypher', 'seed', 'iecm-alianzas-2024-09-25.json');
  const { dataset } = validateDataset(JSON.parse(readFileSync(file, 'utf8')));
  return (dataset?.nodes ?? []).map((n) => ({ id: n.id, kind: n.kind, name: n.name, aliases: n.aliases ?? [] }));
}

function ordinaryText(bytes: number): string {
  const dir = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis');
  const article = [
    'nota-iecm-alianzas-2024-09-25',
    'cronica-2025-iecm-125-convenios',
    'cronica-2025-12-09-iecm-instala-covin',
  ]
    .flatMap(
      (id) =>
        (JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8')) as { sentences: { text: string }[] }).sentences,
    )
    .map((s) => s.text)
    .join('\n');
  let text = '';
  while (Buffer.byteLength(text) + Buffer.byteLength(article) + 2 < bytes) text += `${article}\n\n`;
  return text;
}

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Probes `url` one request after another until `done()`; latencies in ms. */
async function probe(url: string, done: () => boolean, atLeast = 50): Promise<number[]> {
  const latencies: number[] = [];
  while (!done() || latencies.length < atLeast) {
    const started = performance.now();
    await (await fetch(url)).text();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function main(): Promise<void> {
  const known = seedNodes();
  const pool = new AnalysisPool({ workers, timeoutMs, queueLimit: parallel * 2 });
  const server = http.createServer((_req, res) => res.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  const load = async (): Promise<KnownEntity[]> => known;
  const timed = async (text: string): Promise<{ ms: number; outcome: string }> => {
    const started = performance.now();
    try {
      const analysis = await pool.analyze(text, 'seed', load);
      return { ms: performance.now() - started, outcome: `${analysis.sentences.length} sentences` };
    } catch (error) {
      return { ms: performance.now() - started, outcome: `refused: ${(error as Error).message}` };
    }
  };
  try {
    const ordinary = ordinaryText(MB);
    const initials = 'A. '.repeat(Math.floor(MB / 3));
    await timed('Calentamiento. El IECM firmó.'); // starts a worker and indexes the known nodes
    const single = [
      { text: `1 MB ordinary text (${Buffer.byteLength(ordinary)} bytes)`, ...(await timed(ordinary)) },
      { text: `1 MB of "A. " (${Buffer.byteLength(initials)} bytes)`, ...(await timed(initials)) },
    ];
    console.log(`One analysis at a time (${workers} workers, budget ${timeoutMs} ms, Node ${process.version})`);
    console.table(single.map((row) => ({ document: row.text, ms: Math.round(row.ms), outcome: row.outcome })));

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const idle = await probe(url, () => true, 400);
    const idleLoopP99 = delay.percentile(99) / 1e6;
    delay.reset();
    let running = parallel;
    const analyses = Array.from({ length: parallel }, (_, i) =>
      timed(i % 2 === 0 ? ordinary : initials).finally(() => {
        running -= 1;
      }),
    );
    const busy = await probe(url, () => running === 0);
    const busyLoopP99 = delay.percentile(99) / 1e6;
    delay.disable();
    const results = await Promise.all(analyses);
    console.log(`/healthz stand-in, idle and while ${parallel} analyses of 1 MB run`);
    console.table([
      {
        while: 'idle',
        probes: idle.length,
        p50: round(percentile(idle, 50)),
        p99: round(percentile(idle, 99)),
        max: round(Math.max(...idle)),
        loopP99: round(idleLoopP99),
      },
      {
        while: `${parallel} analyses`,
        probes: busy.length,
        p50: round(percentile(busy, 50)),
        p99: round(percentile(busy, 99)),
        max: round(Math.max(...busy)),
        loopP99: round(busyLoopP99),
      },
    ]);
    console.table(
      results.map((row, i) => ({ analysis: i, ms: Math.round(row.ms), outcome: row.outcome.slice(0, 80) })),
    );
  } finally {
    server.close();
    await pool.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
