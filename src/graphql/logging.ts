/**
 * One structured log line per GraphQL operation (failed ones at info, the others at debug); request headers at debug
 * level, credentials redacted.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { redactHeaders, type Logger } from '../shared/logger';
import type { Context } from './context';

export function requestLoggingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      if (logger.isLevelEnabled('debug') && request.http) {
        logger.debug({ headers: redactHeaders(request.http.headers) }, 'graphql request received');
      }
      return {
        async willSendResponse({ contextValue, errors, operationName }) {
          // A line per successful request costs CPU on the hot path: at debug; failures at info.
          const level = errors?.length ? 'info' : 'debug';
          if (!logger.isLevelEnabled(level)) return;
          logger[level](
            {
              operation: operationName ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              roundTrips: contextValue.stats?.roundTrips,
              user: contextValue.auth?.principal?.name ?? null,
              errors: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
