/** Warm latency (interleaved runs, percentiles) and throughput (autocannon) of the systems under test. */
import autocannon from 'autocannon';

/** Nearest-rank percentile of `samples` (ms). */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? null;
}

export const round = (value: number | null, digits = 2): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export interface Asker<Name extends string> {
  system: Name;
  ask(): Promise<unknown>;
}

export interface LatencyOptions {
  runs: number;
  warmup: number;
  /** Stop early once this much time has gone into the timed runs (ms)... */
  budgetMs: number;
  /** ...but never before this many runs. */
  minRuns: number;
}

export interface Latency<Name extends string> {
  runs: number;
  samples: Map<Name, number[]>;
}

/**
 * Asks every system the same question in turn, `runs` times, rotating which goes first so drift, caches and
 * garbage collection hit all alike; stops early when the time budget is spent (slow peers).
 */
export async function measureLatency<Name extends string>(
  askers: readonly Asker<Name>[],
  options: LatencyOptions,
): Promise<Latency<Name>> {
  const samples = new Map<Name, number[]>(askers.map((asker) => [asker.system, []]));
  const warmupStarted = performance.now();
  for (let i = 0; i < options.warmup && performance.now() - warmupStarted < options.budgetMs / 4; i += 1) {
    for (const asker of askers) await asker.ask();
  }
  const started = performance.now();
  let runs = 0;
  while (runs < options.runs && (runs < options.minRuns || performance.now() - started < options.budgetMs)) {
    for (let k = 0; k < askers.length; k += 1) {
      const asker = askers[(runs + k) % askers.length];
      if (!asker) continue;
      const before = performance.now();
      await asker.ask();
      samples.get(asker.system)?.push(performance.now() - before);
    }
    runs += 1;
  }
  return { runs, samples };
}

export interface Throughput {
  requestsPerSecond: number;
  /** Requests that failed: connection errors, timeouts and non-2xx answers. */
  failed: number;
  latencyP50: number;
  latencyP99: number;
}

export interface LoadTarget {
  url: string;
  body: string;
}

/** Requests per second that `connections` concurrent keep-alive clients get from `target` in `seconds`. */
export async function measureThroughput(target: LoadTarget, connections: number, seconds: number): Promise<Throughput> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
    connections,
    duration: seconds,
    timeout: 30,
  });
  return {
    // Completed answers over the run's length: per-second averages hide a run that starved for whole seconds.
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    failed: result.errors + result.timeouts + result.non2xx,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  };
}
