/**
 * The HTTP side: Express 5 with the GraphQL endpoint, the IDE, the explorer, exports and health. Started by main.ts
 * and by the integration tests (on a free port), so both exercise the same server.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express from 'express';
import type { Database } from './db/database';
import { currentScope, newScope, runInScope } from './db/request-scope';
import { exportRouter } from './features/dataset/export.routes';
import { healthRouter } from './features/health/health.routes';
import { curateRouter } from './curate/curate';
import { metricsRouter } from './features/metrics/metrics.routes';
import { RECONCILE_PATH, reconcileRouter } from './features/reconcile/reconcile.routes';
import { EXPLORER_NODE_PATH, explorerRouter } from './explorer/explorer';
import type { Context } from './graphql/context';
import { compiledExecution } from './graphql/executor';
import { complexityLimitPlugin, validationRules } from './graphql/guards';
import { LoaderRegistry } from './graphql/loaders';
import { ServerResources } from './graphql/resources';
import { requestLoggingPlugin } from './graphql/logging';
import { metricsPlugin } from './graphql/metrics';
import { graphqlHandler } from './graphql/http';
import { formatError, httpStatusPlugin, operationNamePlugin, statsExtensionPlugin } from './graphql/plugins';
import { retryAfterPlugin } from './graphql/retry-after';
import { ideRouter } from './ide/ide';
import { createSchema } from './schema';
import { Authenticator } from './shared/auth';
import type { Config } from './shared/config';
import { ErrorCode } from './shared/errors';
import type { Logger } from './shared/logger';

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  /**
   * Stops taking connections, lets the requests in flight finish (up to SHUTDOWN_TIMEOUT_MS), closes keep-alive
   * connections once idle, then resolves. Does not close the database.
   */
  stop(): Promise<void>;
}

/**
 * The one plain line `npm start` prints (on stderr, beside the JSON logs on stdout) to say which addresses to open.
 * tests/integration/startup.test.ts starts the built server and looks for it.
 */
export function readyLine(url: string): string {
  return (
    `IECM relations graph ready: GraphQL ${url}/graphql · IDE ${url}/ · explorer ${url}/explorer · ` +
    `workbench ${url}/curate · reconciliation ${url}/reconcile · metrics ${url}/metrics · health ${url}/readyz`
  );
}

export interface ServerDependencies {
  config: Pick<
    Config,
    | 'http'
    | 'nodeEnv'
    | 'introspection'
    | 'graphqlLimits'
    | 'corsOrigins'
    | 'auth'
    | 'shutdownTimeoutMs'
    | 'exports'
    | 'publicUrl'
    | 'embedFrameAncestors'
    | 'metrics'
    | 'analysis'
  >;
  db: Database;
  logger: Logger;
  /**
   * OpenTelemetry tracing is on (main.ts): operations then run on graphql-js, whose `execute` the GraphQL
   * instrumentation patches, instead of compiled (graphql/executor.ts).
   */
  tracing?: boolean;
}

/** An Idempotency-Key is an opaque token from the client: printable, short. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** JSON with object keys sorted: the same variables in another key order are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a GraphQL request asks, as a digest: its document, operation name and variables. An Idempotency-Key is
 * bound to it (features/history/mutate.ts).
 */
function digestOfRequest(body: unknown): string {
  const { query, operationName, variables } = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  return createHash('sha256')
    .update(canonicalJson([query ?? null, operationName ?? null, variables ?? null]))
    .digest('base64url');
}

/** The status an error outside GraphQL asks for (body-parser sets 400, 413...), else 500. */
function httpStatusOf(error: unknown): number {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500;
  return status >= 400 && status < 600 ? status : 500;
}

/** A request refused before GraphQL sees it, answered in GraphQL's error shape. */
function sendClientError(res: express.Response, status: number, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
}

export async function startServer({ config, db, logger, tracing = false }: ServerDependencies): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await createSchema();
  const authenticator = new Authenticator(config.auth);
  // Long-lived helpers of features (the documents' analysis worker threads), closed when the server stops.
  const resources = new ServerResources(config);
  let stopping = false;

  // Queries run compiled (graphql-jit), plugged in as Apollo's gateway; Apollo still parses, validates and caches.
  const execution = compiledExecution(schema, { compile: !tracing });
  const apollo = new ApolloServer<Context>({
    gateway: execution.gateway,
    introspection: config.introspection,
    // Without introspection, "Did you mean ...?" must not reveal the schema either.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    csrfPrevention: true,
    // No automatic persisted queries: clients send their documents (one less way to reach an error path).
    persistedQueries: false,
    // A document with too many tokens is refused while parsing, before it can cost anything.
    parseOptions: { maxTokens: config.graphqlLimits.maxTokens },
    // Compact JSON: Apollo pretty-prints by default, which costs time and bytes on every response.
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts owns SIGINT/SIGTERM: drain HTTP, then close the driver.
    stopOnTerminationSignals: false,
    // Stack traces go to the log (formatError), never to clients; in development the message is shown.
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger, { revealMessages: config.nodeEnv === 'development' }),
    validationRules: validationRules(config.graphqlLimits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      // No field has a cache hint: its per-field hook would wrap every resolver for nothing (httpStatusPlugin
      // still answers `cache-control: no-store`, as it did).
      ApolloServerPluginCacheControlDisabled(),
      complexityLimitPlugin(schema, config.graphqlLimits.maxComplexity),
      operationNamePlugin,
      httpStatusPlugin,
      retryAfterPlugin,
      requestLoggingPlugin(logger),
      metricsPlugin(),
      ...(config.nodeEnv === 'production' ? [] : [statsExtensionPlugin]),
    ],
  });
  await apollo.start();

  // While stopping, every answer closes its connection: keep-alive clients reconnect elsewhere.
  app.use((_req, res, next) => {
    if (stopping) res.set('Connection', 'close');
    next();
  });
  // GraphQL first: the busiest route does not walk the page routers before it.
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins }),
    express.json({ limit: '1mb' }),
    // Everything the operation sends to Neo4j is counted in this request's stats, under its bookmarks.
    (req, res, next) => {
      const key = req.get('idempotency-key') ?? null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
        sendClientError(res, 400, 'The Idempotency-Key header must be 1 to 200 printable ASCII characters.');
        return;
      }
      // A client that goes away before its answer cancels the request's Neo4j transactions.
      const abandoned = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abandoned.abort();
      });
      const requestDigest = key === null ? null : digestOfRequest(req.body);
      runInScope(newScope({ idempotencyKey: key, requestDigest, signal: abandoned.signal }), next);
    },
    graphqlHandler(apollo, async (req): Promise<Context> => ({
      db,
      logger,
      loaders: new LoaderRegistry(db),
      stats: currentScope()?.stats ?? { roundTrips: 0 },
      auth: await authenticator.authenticate(req.headers.authorization),
      metrics: config.metrics,
      resources,
    })),
  );

  // The browser IDE at / (GraphiQL, served from node_modules: works offline).
  app.use(ideRouter({ graphqlPath: '/graphql' }));
  // The relationship explorer at /explorer, built on the public GraphQL API only.
  app.use(explorerRouter({ graphqlPath: '/graphql', embedFrameAncestors: config.embedFrameAncestors }));
  // The curation workbench at /curate, on the same public API.
  app.use(curateRouter({ graphqlPath: '/graphql' }));
  // Downloads of the whole graph as JSON (the import format), CSV, GraphML or GEXF: streamed, cached, bounded.
  app.use(exportRouter(db, { ...config.exports, authenticator, logger }));
  app.use(healthRouter(db, logger));
  // The W3C Reconciliation Service API (OpenRefine and other clients match names to nodes), linking to the explorer.
  app.use(
    RECONCILE_PATH,
    reconcileRouter(db, { publicUrl: config.publicUrl, entityPagePath: EXPLORER_NODE_PATH, logger }),
  );
  // Prometheus scrapes request, Neo4j and process figures here.
  app.use(metricsRouter());
  // Errors outside GraphQL (a malformed or oversized body...): the client's are 4xx, ours are logged, never shown.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) logger.error({ err: error }, 'unexpected error outside GraphQL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (status < 500) sendClientError(res, status, error instanceof Error ? error.message : 'Bad request');
    else
      res
        .status(500)
        .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${config.http.port} on ${config.http.host} is already in use: set PORT to a free port (e.g. PORT=4001 npm start).`,
            )
          : error,
      ),
    );
    httpServer.listen(config.http.port, config.http.host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return {
    url: `http://${host}:${port}`,
    httpServer,
    stop: async () => {
      stopping = true;
      await apollo.stop();
      await resources.close();
    },
  };
}
