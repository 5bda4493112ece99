/**
 * The HTTP side: Express 5 with the GraphQL endpoint, /healthz and /readyz. Started by main.ts and by
 * the integration tests (on a free port), so both exercise the same server.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Database } from './db/database';
import { currentScope, newScope, runInScope } from './db/request-scope';
import type { Context } from './graphql/context';
import { complexityLimitPlugin, validationRules } from './graphql/guards';
import { LoaderRegistry } from './graphql/loaders';
import { requestLoggingPlugin } from './graphql/logging';
import { createSchema } from './schema';
import { exportRouter } from './features/dataset/export.routes';
import { explorerRouter } from './explorer/explorer';
import { ideRouter } from './ide/ide';
import { Authenticator } from './shared/auth';
import type { Config } from './shared/config';
import { ErrorCode } from './shared/errors';
import type { Logger } from './shared/logger';

export interface RunningServer {
  url: string;
  httpServer: http.Server;
  /** Stops taking requests, lets in-flight ones finish, then resolves. Does not close the database. */
  stop(): Promise<void>;
}

export interface ServerDependencies {
  config: Pick<Config, 'http' | 'nodeEnv' | 'introspection' | 'graphqlLimits' | 'corsOrigins' | 'auth' | 'exports'>;
  db: Database;
  logger: Logger;
}

/** Errors we did not raise on purpose are logged in full and shown to clients without internals. */
function formatErrorFor(nodeEnv: Config['nodeEnv'], logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === undefined) {
      logger.error({ err: error }, 'unexpected error in a GraphQL operation');
      if (nodeEnv === 'production') {
        return {
          message: 'Internal server error',
          path: formatted.path,
          extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
        };
      }
    }
    return formatted;
  };
}

/** Outside production, each response says how many Neo4j round trips it took (`extensions.stats`). */
const statsExtensionPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            stats: { roundTrips: contextValue.stats.roundTrips },
          };
        }
      },
    };
  },
};

/** Names the request's transactions after its GraphQL operation (Neo4j shows it in SHOW TRANSACTIONS). */
const operationNamePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const scope = currentScope();
        if (scope) scope.operation = operationName ?? operation?.operation ?? null;
      },
    };
  },
};

export async function startServer({ config, db, logger }: ServerDependencies): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await createSchema();
  const authenticator = new Authenticator(config.auth);

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    // Compact JSON: Apollo pretty-prints by default, which costs time and bytes on every response.
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts owns SIGINT/SIGTERM: drain HTTP, then close the driver.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    formatError: formatErrorFor(config.nodeEnv, logger),
    validationRules: validationRules(config.graphqlLimits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      complexityLimitPlugin(schema, config.graphqlLimits.maxComplexity),
      operationNamePlugin,
      requestLoggingPlugin(logger),
      ...(config.nodeEnv === 'production' ? [] : [statsExtensionPlugin]),
    ],
  });
  await apollo.start();

  // The browser IDE at / (GraphiQL, served from node_modules: works offline).
  app.use(ideRouter({ graphqlPath: '/graphql' }));
  // The relationship explorer at /explorer, built on the public GraphQL API only.
  app.use(explorerRouter({ graphqlPath: '/graphql' }));
  // Downloads of the whole graph as JSON (the import format), CSV, GraphML or GEXF: streamed, cached, bounded.
  app.use(exportRouter(db, { ...config.exports, authenticator, logger }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.driver.verifyConnectivity({ database: db.name });
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  });
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins === '*' ? '*' : config.corsOrigins }),
    express.json({ limit: '1mb' }),
    // Everything the operation sends to Neo4j is counted in this request's stats, under its bookmarks.
    (_req, _res, next) => runInScope(newScope(), next),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        db,
        logger,
        loaders: new LoaderRegistry(db),
        stats: currentScope()?.stats ?? { roundTrips: 0 },
        auth: await authenticator.authenticate(req.headers.authorization),
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return { url: `http://${host}:${port}`, httpServer, stop: () => apollo.stop() };
}
