/**
 * What one unit of work (an HTTP request, a command-line run) carries down to the database layer across awaits,
 * without threading it through every resolver: its Neo4j round-trip count, its bookmarks (so a read after a write
 * in the same request sees the write on a cluster), the operation name for transaction metadata, and a signal that
 * fires when nobody waits for the answer any more.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import neo4j, { type BookmarkManager } from 'neo4j-driver';
import { Semaphore } from '../shared/semaphore';

/**
 * Neo4j sessions one request may hold at once. Thirty aliases resolved in parallel wait for their turn here
 * instead of taking thirty of the pool's fifty connections from everyone else.
 */
export const SESSIONS_PER_REQUEST = 4;

export interface QueryStats {
  /** Cypher statements sent to Neo4j. */
  roundTrips: number;
}

export interface RequestScope {
  /** Names this request's transactions in their metadata, so they can be found and terminated. */
  id: string;
  stats: QueryStats;
  /** One per request: causal consistency within the request, none needed across requests. */
  bookmarks: BookmarkManager;
  /** The GraphQL operation name (or the tool's name), sent to Neo4j as transaction metadata. */
  operation: string | null;
  /** Aborted when the client goes away; running transactions are then cancelled. */
  signal: AbortSignal | null;
  /** The client's Idempotency-Key: a retried write with the same key returns the first answer. */
  idempotencyKey: string | null;
  /**
   * A digest of what the request asks (its operation and variables): a key is bound to it, so the same key with
   * another request is refused (CONFLICT) instead of answered with the first request's answer.
   */
  requestDigest: string | null;
  /** Writes made so far in this request, to tell apart several mutations under one key. */
  writes: number;
  /** This request's share of the connection pool (SESSIONS_PER_REQUEST sessions at once). */
  sessions: Semaphore;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function newScope(overrides: Partial<RequestScope> = {}): RequestScope {
  return {
    id: randomUUID(),
    stats: { roundTrips: 0 },
    bookmarks: neo4j.bookmarkManager(),
    operation: null,
    signal: null,
    idempotencyKey: null,
    requestDigest: null,
    writes: 0,
    sessions: new Semaphore(SESSIONS_PER_REQUEST),
    ...overrides,
  };
}

/** Runs `fn` with `scope` visible to every database call made from within it. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the work being done, if any. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
