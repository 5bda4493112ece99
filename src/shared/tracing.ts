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
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Starts tracing when an OTLP endpoint is configured; null (and @opentelemetry/api's no-op spans) otherwise. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): Tracing | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  // Only traces go through OpenTelemetry unless the operator asks for more.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'iecm-graph',
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the traces of real requests.
        ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? ''),
      }),
      new ExpressInstrumentation(),
      // Trivial field resolvers (property reads) would add a span per field: only resolvers with work of their own.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
