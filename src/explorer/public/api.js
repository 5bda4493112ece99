// @ts-check
/*
 * Talking to the GraphQL API: one POST per operation, the answer's data or an error with a code. Knows nothing of
 * the page, so any explorer module (or another page) can use it.
 */

/**
 * An operation with the types of its variables and of its data, so that every call is type-checked. `types` is
 * never set: it only carries the two types.
 * @template TVariables, TData
 * @typedef {{ readonly document: string, readonly types?: { variables: TVariables, data: TData } }} Operation
 */

/**
 * The codes of the failures the client itself finds; the API's own codes (BAD_USER_INPUT, NOT_FOUND, ...) come
 * through as it sends them.
 */
export const CLIENT_ERROR_CODES = Object.freeze({
  /** No answer: the network, the server or the Content-Security-Policy stopped the request. */
  UNREACHABLE: 'UNREACHABLE',
  /** An answer that is not a GraphQL response (a proxy's error page, a 502, ...). */
  BAD_RESPONSE: 'BAD_RESPONSE',
});

/** A failed operation: `code` is the API's code (`extensions.code`) or one of CLIENT_ERROR_CODES. */
export class GraphQLRequestError extends Error {
  /**
   * @param {string} message every message the API or the network gave
   * @param {string | undefined} code
   */
  constructor(message, code) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.code = code;
  }
}

/**
 * @typedef {object} ClientOptions
 * @property {(delta: 1 | -1) => void} [onPending] told when a request starts (+1) and when it ends (-1)
 */

/**
 * A `graphql(operation, variables)` function bound to an endpoint.
 * @param {string} endpoint a path such as `/graphql`, or a full URL
 * @param {ClientOptions} [options]
 */
export function createGraphqlClient(endpoint, options = {}) {
  const { onPending } = options;

  /**
   * Sends one operation; resolves to its data, rejects with a GraphQLRequestError.
   * @template TVariables, TData
   * @param {Operation<TVariables, TData>} operation
   * @param {NoInfer<TVariables>} variables
   * @param {Record<string, string>} [headers] e.g. the editor's `authorization` for a save
   * @param {AbortSignal} [signal] cancels the request (a type-ahead search overtaken by the next keystroke)
   * @returns {Promise<TData>}
   */
  async function graphql(operation, variables, headers = {}, signal = undefined) {
    onPending?.(1);
    try {
      return await send(endpoint, operation.document, variables, headers, signal);
    } finally {
      onPending?.(-1);
    }
  }
  return graphql;
}

/** @typedef {ReturnType<typeof createGraphqlClient>} Graphql */

/**
 * @template TData
 * @param {string} endpoint
 * @param {string} document
 * @param {unknown} variables
 * @param {Record<string, string>} headers
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<TData>}
 */
async function send(endpoint, document, variables, headers, signal) {
  let response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
      signal,
    });
  } catch (error) {
    // A cancelled request is not a failure of the API: the caller asked for it and drops it.
    if (signal?.aborted) throw error;
    throw new GraphQLRequestError(
      `the GraphQL API could not be reached (${error instanceof Error ? error.message : String(error)})`,
      CLIENT_ERROR_CODES.UNREACHABLE,
    );
  }
  /** @type {{ data?: TData | null, errors?: { message: string, extensions?: { code?: string } }[] } | null} */
  let body;
  try {
    body = /** @type {typeof body} */ (await response.json());
  } catch {
    throw new GraphQLRequestError(
      `the GraphQL API answered ${response.status} ${response.statusText} without JSON`,
      CLIENT_ERROR_CODES.BAD_RESPONSE,
    );
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  if (errors[0]) {
    const code = errors[0].extensions?.code;
    const messages = errors.map((error) => error.message).join('; ');
    throw new GraphQLRequestError(code ? `${messages} (${code})` : messages, code);
  }
  if (!response.ok || !body?.data) {
    throw new GraphQLRequestError(
      `the GraphQL API answered ${response.status} ${response.statusText}`,
      CLIENT_ERROR_CODES.BAD_RESPONSE,
    );
  }
  return body.data;
}
