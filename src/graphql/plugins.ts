/**
 * The small Apollo plugins and the error formatting every operation goes through: client errors answered with a
 * 4xx status and their code, unexpected ones logged in full and shown without internals, the operation's name on
 * its Neo4j transactions, and (outside production) its round-trip count.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { currentScope } from '../db/request-scope';
import { ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Context } from './context';

/** The HTTP status of a failed operation by the code of its first error (GraphQL and the REST routes alike). */
export const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.DB_UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

/**
 * An operation that produced no data answers with the status of its error (400 for bad input, 409 for a
 * conflict...), so nothing a client sends yields a 500. One with partial data keeps 200, as GraphQL clients expect.
 */
export const httpStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, errors }) {
        if (response.body.kind !== 'single' || !errors?.length) return;
        if (response.body.singleResult.data != null) return;
        const code = errors[0]?.extensions?.code;
        const status = typeof code === 'string' ? STATUS_OF_CODE[code] : undefined;
        if (status) response.http.status = status;
        const retryAfter = errors[0]?.extensions?.retryAfter;
        if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
      },
    };
  },
};

/** Names the request's transactions after its GraphQL operation (Neo4j shows it in SHOW TRANSACTIONS). */
export const operationNamePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const scope = currentScope();
        if (scope) scope.operation = operationName ?? operation?.operation ?? null;
      },
    };
  },
};

/** Outside production, each response says how many Neo4j round trips it took (`extensions.stats`). */
export const statsExtensionPlugin: ApolloServerPlugin<Context> = {
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

/**
 * Errors we did not raise on purpose are logged in full (with their stack) and shown without internals. In
 * development (`revealMessages`) the client also sees the error's own message, so the IDE says what went wrong;
 * the stack trace stays in the log.
 */
export function formatError(logger: Logger, { revealMessages = false }: { revealMessages?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== undefined) return formatted;
    logger.error({ err: error }, 'unexpected error in a GraphQL operation');
    return {
      message: revealMessages
        ? `Internal server error: ${formatted.message} (stack trace in the server log)`
        : 'Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
