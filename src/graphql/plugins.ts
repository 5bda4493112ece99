/**
 * The small Apollo plugins and the error formatting every operation goes through: client errors answered with
 * their code (and a 4xx status for clients that accept application/graphql-response+json), unexpected ones logged
 * in full and shown without internals, the operation's name on its Neo4j transactions, and (outside production)
 * its round-trip count.
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

/** The two media types of a GraphQL-over-HTTP response. */
export const MEDIA_TYPES = {
  json: 'application/json; charset=utf-8',
  graphqlResponse: 'application/graphql-response+json; charset=utf-8',
} as const;
export type ResponseMediaType = keyof typeof MEDIA_TYPES;

interface AcceptedRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
  order: number;
}

function parseAccept(accept: string): AcceptedRange[] {
  return accept.split(',').flatMap((part, order) => {
    const [range = '', ...rawParams] = part.split(';');
    const [type, subtype] = range.trim().toLowerCase().split('/');
    if (!type || !subtype) return [];
    const params = new Map<string, string>();
    let q = 1;
    for (const raw of rawParams) {
      const [key = '', value = ''] = raw.split('=').map((s) => s.trim().toLowerCase());
      if (key === 'q') q = Number(value);
      else if (key) params.set(key, value.replace(/^"|"$/g, ''));
    }
    return Number.isFinite(q) && q > 0 && q <= 1 ? [{ type, subtype, params, q, order }] : [];
  });
}

/**
 * Which media type to answer with, negotiated as Apollo does (quality, then specificity, then the Accept header's
 * order, then application/json first); null when the header accepts neither (Apollo then answers 406).
 */
export function responseMediaType(accept: string | undefined | null): ResponseMediaType | null {
  if (!accept) return 'json';
  // Clients send the same few Accept headers over and over: negotiate each once.
  const known = negotiated.get(accept);
  if (known !== undefined) return known;
  const chosen = negotiate(accept);
  if (negotiated.size >= NEGOTIATED_HEADERS) negotiated.clear();
  negotiated.set(accept, chosen);
  return chosen;
}

/** Accept headers whose negotiation is remembered (any client may send any header: bounded). */
const NEGOTIATED_HEADERS = 100;
const negotiated = new Map<string, ResponseMediaType | null>();

function negotiate(accept: string): ResponseMediaType | null {
  const ranges = parseAccept(accept);
  const candidates = (['json', 'graphqlResponse'] as const).flatMap((name, index) => {
    const [type = '', subtype = ''] = MEDIA_TYPES[name].split(';')[0]!.split('/');
    let best: { q: number; s: number; order: number } | undefined;
    for (const range of ranges) {
      const s = range.type === type ? (range.subtype === subtype ? 2 : range.subtype === '*' ? 1 : -1) : -1;
      const matches = range.type === '*' && range.subtype === '*' ? 0 : s;
      if (matches < 0) continue;
      if ([...range.params].some(([key, value]) => key !== 'charset' || value !== 'utf-8')) continue;
      const candidate = { q: range.q, s: matches * 10 + range.params.size, order: range.order };
      if (!best || candidate.s > best.s || (candidate.s === best.s && candidate.q > best.q)) best = candidate;
    }
    return best ? [{ name, index, ...best }] : [];
  });
  candidates.sort((a, b) => b.q - a.q || b.s - a.s || a.order - b.order || a.index - b.index);
  return candidates[0]?.name ?? null;
}

/**
 * The status of a response, as the GraphQL-over-HTTP spec asks:
 * - `application/json` (what most clients accept): 200 for every well-formed GraphQL request, errors and
 *   `data: null` included (Apollo Client and others read the errors from the body and lose them on a 4xx). A fault
 *   of the server or of Neo4j keeps its 5xx, and a method the operation does not allow keeps 405.
 * - `application/graphql-response+json`: a request error (parse, validation, variables) is 400, and an operation
 *   that produced no data answers with the status of its first error's code (400 bad input, 401, 403, 404, 409,
 *   503), the house rule of "a 4xx where HTTP applies"; with data (even partial) it is 200.
 * Requests that are not GraphQL (malformed JSON, no query, a CSRF-suspect content type) are 400 either way.
 */
export const httpStatusPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response, errors }) {
        // No answer of this API may be cached (no field carries a cache hint).
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind !== 'single') return;
        const mediaType = responseMediaType(request.http?.headers.get('accept'));
        if (mediaType === null) return;
        response.http.headers.set('content-type', MEDIA_TYPES[mediaType]);
        if (!errors?.length || response.body.singleResult.data != null) return;
        const code = errors[0]?.extensions?.code;
        // An error may ask for its own status (CONFLICT of a reused Idempotency-Key is 422, not 409).
        const own = errors[0]?.extensions?.httpStatus;
        const byCode = typeof own === 'number' ? own : typeof code === 'string' ? STATUS_OF_CODE[code] : undefined;
        const retryAfter = errors[0]?.extensions?.retryAfter;
        if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
        if (mediaType === 'graphqlResponse') {
          if (byCode) response.http.status = byCode;
          return;
        }
        // A body that is no GraphQL request (no query, a query that is not a string) keeps Apollo's 400, a method
        // the operation does not allow its 405; an error Apollo could not classify keeps its 500. Back-pressure
        // (429 with Retry-After) and server faults keep their status: they say when to retry, not what was wrong;
        // so does a reused Idempotency-Key (422): a retrying client must never take it for the first answer.
        const status = response.http.status;
        if (byCode !== undefined && (byCode >= 500 || byCode === 429 || byCode === 422)) response.http.status = byCode;
        else if (code === 'BAD_REQUEST' || status === 405) return;
        else if (byCode !== undefined || status === undefined || (status >= 400 && status < 500))
          response.http.status = 200;
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
