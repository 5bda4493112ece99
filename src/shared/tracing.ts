/**
 * Optional OpenTelemetry tracing: when OTEL_EXPORTER_OTLP_ENDPOINT is set, spans of incoming HTTP requests, Express
 * routes and GraphQL operations (resolvers included), and the client span of each Cypher query
 * (db/instrumentation.ts), go to that OTLP collector. The SDK reads the standard OTEL_* variables itself
 * (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER...), which is why this reads the environment
 * directly rather than through config.ts: it must start before http, express and graphql are loaded, so that
 * their instrumentations can patch them. Metrics stay with Prometheus (/metrics), logs with pino.
 */
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK, type tracing } from '@opentelemetry/sdk-node';

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing when an OTLP endpoint is configured; null (and @opentelemetry/api's no-op spans) otherwise.
 * `exporter` replaces the OTLP one (the tests keep spans in memory: the OTLP exporter loads its HTTP client with a
 * dynamic import, which jest's module sandbox refuses).
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env, exporter?: tracing.SpanExporter): Tracing | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  const instrumentations = [
    new HttpInstrumentation({
      // Probes and scrapes every few seconds would drown the traces of real requests.
      ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? ''),
    }),
    new ExpressInstrumentation(),
    // Trivial field resolvers (property reads) would add a span per field: only resolvers with work of their own.
    new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
  ];
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'iecm-graph',
    ...(exporter ? { traceExporter: exporter } : {}),
    instrumentations,
    // Only traces: metrics are Prometheus's (/metrics), logs pino's.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    shutdown: async () => {
      await sdk.shutdown();
      // The patched modules (http above all) stay patched otherwise, for whoever loads them next.
      for (const instrumentation of instrumentations) instrumentation.disable();
    },
  };
}
