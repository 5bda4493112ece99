/**
 * HTTP clients for the chaos suite. They never throw and never wait forever: every answer, a network error or a
 * timeout comes back as a result with its latency, so a scenario can count them.
 */
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface HttpResult {
  /** 0 when no HTTP answer came (see `error`). */
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's full length in bytes (`body` keeps only the first maxBodyBytes). */
  bytes: number;
  ms: number;
  /** A network error code (ECONNREFUSED, ECONNRESET...), TIMEOUT, or CLIENT_REFUSED for a request Node would not send. */
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: http.Agent;
  timeoutMs?: number;
  /** Only the first bytes of the body are kept (exports can be large). */
  maxBodyBytes?: number;
}

/** The error's code; not by `instanceof Error`, which fails for Node's errors inside jest's sandbox. */
const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : String(error);

export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
  const { method = 'GET', headers = {}, body, agent, timeoutMs = 10_000, maxBodyBytes = 64 * 1024 } = options;
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<HttpResult, 'ms'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...result, ms: performance.now() - started });
    };
    let req: http.ClientRequest;
    try {
      req = http.request(url, { method, headers, agent: agent ?? false });
    } catch (error) {
      finish({ status: 0, headers: {}, body: '', bytes: 0, error: `CLIENT_REFUSED ${errorCode(error)}` });
      return;
    }
    const timer = setTimeout(() => {
      finish({ status: 0, headers: {}, body: '', bytes: 0, error: 'TIMEOUT' });
      req.destroy();
    }, timeoutMs);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < maxBodyBytes) chunks.push(chunk);
        kept += chunk.length;
      });
      res.once('end', () => {
        clearTimeout(timer);
        finish({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          bytes: kept,
        });
      });
      res.once('error', (error) => {
        clearTimeout(timer);
        finish({ status: res.statusCode ?? 0, headers: res.headers, body: '', bytes: kept, error: errorCode(error) });
      });
    });
    req.once('error', (error) => {
      clearTimeout(timer);
      finish({ status: 0, headers: {}, body: '', bytes: 0, error: errorCode(error) });
    });
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export interface GraphQLError {
  message?: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface GraphQLResult<T = Record<string, unknown>> extends HttpResult {
  json: { data?: T | null; errors?: GraphQLError[] } | null;
  /** The first error's code, if any. */
  code: string | undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** POSTs a GraphQL operation; the JSON answer (if any) is parsed. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: Omit<RequestOptions, 'body' | 'method'> = {},
): Promise<GraphQLResult<T>> {
  const result = await request(`${baseUrl}/graphql`, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  const parsed = parseJson(result.body);
  const json = typeof parsed === 'object' && parsed !== null ? (parsed as GraphQLResult<T>['json']) : null;
  return { ...result, json, code: json?.errors?.[0]?.extensions?.code };
}

export interface RawResult {
  /** Status of the first response line, 0 when none came. */
  status: number;
  text: string;
  ms: number;
  error?: string;
}

/**
 * Writes bytes to a fresh TCP connection and reads until the server closes it or `timeoutMs` passes: for requests
 * Node's HTTP client refuses to send (unknown methods, bad header bytes, broken framing).
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 10_000): Promise<RawResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text, ms: performance.now() - started, error });
    };
    // A server that answered but keeps the connection open has still answered: stop at the first full response.
    const timer = setTimeout(() => finish(chunks.length > 0 ? undefined : 'TIMEOUT'), timeoutMs);
    socket.once('connect', () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('close', () => finish());
    socket.once('error', (error) => finish(chunks.length > 0 ? undefined : errorCode(error)));
  });
}

/** Whether a TCP connection to the port is refused right now. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error) => resolve(errorCode(error) === 'ECONNREFUSED'));
  });
}
