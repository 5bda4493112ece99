/**
 * The process's Prometheus metrics: one registry, served at /metrics (features/metrics). Each layer declares its
 * own instruments against it (db/instrumentation.ts, graphql/metrics.ts); prom-client keeps them in memory and
 * renders them on each scrape. Label values come from closed sets (query names, error codes) or are capped.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export const metricsRegistry = new Registry();

let processMetricsStarted = false;

/**
 * Node's own figures (CPU, memory, heap, event-loop lag, GC, handles) as prom-client names them. Started once, by
 * the server only: the command-line tools never pay for the event-loop monitor.
 */
export function collectProcessMetrics(): void {
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry });
  // prom-client names three gauges *_total, a suffix Prometheus keeps for counters (promtool check metrics flags
  // them). Their by-type siblings stay: sum(nodejs_active_handles) is the same figure.
  for (const name of LINT_FAILING_DEFAULTS) metricsRegistry.removeSingleMetric(name);
}

/** prom-client's default gauges whose names end in _total. */
export const LINT_FAILING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Label values from an open set (operation names chosen by clients): the first `max` distinct values are kept,
 * later ones and implausible ones share `overflow`, so a client cannot grow the number of series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly overflow = 'other',
    private readonly maxLength = 64,
  ) {}

  /** `candidate`, kept if there is room: its own label from now on; else `overflow`. */
  value(candidate: string): string {
    if (this.seen.has(candidate)) return candidate;
    if (candidate.length > this.maxLength || this.seen.size >= this.max) return this.overflow;
    this.seen.add(candidate);
    return candidate;
  }

  /** `candidate` if it was kept already (by `value`), else `overflow`: looks, never adds. */
  known(candidate: string): string {
    return this.seen.has(candidate) ? candidate : this.overflow;
  }
}
