/**
 * What the database layer reports about itself: a Prometheus histogram of query latency per declared query name
 * (a closed set: the names of src/db/cypher.ts's registry and of the migrations), errors per query, sessions in
 * use, and an OpenTelemetry client span per query. neo4j-driver 5 exposes no pool figures and there is no
 * maintained OpenTelemetry instrumentation for it, so both are counted here, where every query runs. Without a
 * tracing SDK (OTEL_EXPORTER_OTLP_ENDPOINT unset) the spans are @opentelemetry/api's no-ops.
 */
import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../shared/metrics';

const registers = [metricsRegistry];

const queryDuration = new Histogram({
  name: 'neo4j_query_duration_seconds',
  help: 'Time from sending a Cypher query to having all its rows, by declared query name',
  labelNames: ['query'],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

const queryErrors = new Counter({
  name: 'neo4j_query_errors_total',
  help: 'Cypher queries that failed (including those retried afterwards), by declared query name',
  labelNames: ['query'],
  registers,
});

const transactions = new Counter({
  name: 'neo4j_transactions_total',
  help: 'Units of work sent to Neo4j (one transaction, retried as a whole), by access mode and outcome',
  labelNames: ['mode', 'outcome'],
  registers,
});

const retries = new Counter({
  name: 'neo4j_transaction_retries_total',
  help: 'Transactions run again after a transient failure or while the database was unreachable',
  labelNames: ['mode'],
  registers,
});

const sessionsInUse = new Gauge({
  name: 'neo4j_sessions_in_use',
  help: 'Driver sessions this process has open; each holds at most one pooled connection while its work runs',
  registers,
});

const poolMaxSize = new Gauge({
  name: 'neo4j_connection_pool_max_size',
  help: 'Most connections the driver opens per server (configured); compare with neo4j_sessions_in_use',
  registers,
});

const unreachable = new Gauge({
  name: 'neo4j_unreachable',
  help: '1 while the database is known to be unreachable and requests are refused at once, else 0',
  registers,
});

const tracer = trace.getTracer('iecm-graph/neo4j');

export type AccessMode = 'READ' | 'WRITE';

/** Where the spans say the database is (OpenTelemetry's database conventions). */
export interface DatabaseTarget {
  database: string;
  uri: string;
}

function targetAttributes({ database, uri }: DatabaseTarget): Attributes {
  let host: string | undefined;
  let port: number | undefined;
  try {
    const url = new URL(uri);
    host = url.hostname;
    port = url.port ? Number(url.port) : 7687;
  } catch {
    // A URI the driver accepted but URL does not: the spans go without an address.
  }
  return {
    'db.system': 'neo4j',
    'db.system.name': 'neo4j',
    'db.namespace': database,
    ...(host ? { 'server.address': host, 'server.port': port } : {}),
  };
}

export class DatabaseInstruments {
  private readonly attributes: Attributes;

  constructor(target: DatabaseTarget, maxPoolSize: number) {
    this.attributes = targetAttributes(target);
    poolMaxSize.set(maxPoolSize);
    unreachable.set(0);
  }

  /** Runs one query under a client span, timing it and counting its failure. Its text is parameterised: no values. */
  async query<T>(name: string, text: string, run: () => Promise<T>): Promise<T> {
    const end = queryDuration.startTimer({ query: name });
    return tracer.startActiveSpan(
      name,
      {
        kind: SpanKind.CLIENT,
        attributes: { ...this.attributes, 'db.query.summary': name, 'db.query.text': text },
      },
      async (span) => {
        try {
          return await run();
        } catch (error) {
          queryErrors.inc({ query: name });
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: error instanceof Error ? error.message : String(error),
          });
          throw error;
        } finally {
          end();
          span.end();
        }
      },
    );
  }

  /** A streamed query's time until its last row was read (the reader's pace included) and its failure. */
  streamed(name: string): { failed(): void; done(): void } {
    const end = queryDuration.startTimer({ query: name });
    return { failed: () => queryErrors.inc({ query: name }), done: () => void end() };
  }

  sessionOpened(): void {
    sessionsInUse.inc();
  }

  sessionClosed(): void {
    sessionsInUse.dec();
  }

  transaction(mode: AccessMode, outcome: 'ok' | 'error'): void {
    transactions.inc({ mode: mode.toLowerCase(), outcome });
  }

  retried(mode: AccessMode): void {
    retries.inc({ mode: mode.toLowerCase() });
  }

  reachable(isReachable: boolean): void {
    unreachable.set(isReachable ? 0 : 1);
  }
}
