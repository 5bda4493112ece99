/**
 * One neo4j-driver per process. Reads go through executeRead and writes through executeWrite, so the
 * same code works against a single server and a `neo4j://` cluster with routing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, { type Driver, type ManagedTransaction, type RecordShape, type QueryResult } from 'neo4j-driver';
import { appError, ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { enableTcpNoDelayForClientSockets } from './tcp-no-delay';

export interface DatabaseSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** How long executeRead/executeWrite retry transient failures (leader switch, lost connection). */
  maxTransactionRetryTimeMs?: number;
}

/** Driver errors that mean "the database cannot be reached", as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code !== undefined && UNAVAILABLE_CODES.has(code);
}

/** Per-request counters: how many Cypher statements a GraphQL operation sent to Neo4j. */
export interface QueryStats {
  roundTrips: number;
}

const statsStorage = new AsyncLocalStorage<QueryStats>();

/** Runs `fn` with `stats` counting every statement sent from within it (across awaits). */
export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return statsStorage.run(stats, fn);
}

/** The stats of the request being served (a throwaway counter outside one). */
export function currentStats(): QueryStats {
  return statsStorage.getStore() ?? { roundTrips: 0 };
}

function counting(tx: ManagedTransaction): ManagedTransaction {
  const stats = statsStorage.getStore();
  if (!stats) return tx;
  return {
    run: ((query: string, parameters?: Record<string, unknown>) => {
      stats.roundTrips += 1;
      return tx.run(query, parameters);
    }) as ManagedTransaction['run'],
  } as ManagedTransaction;
}

export class Database {
  private constructor(
    readonly driver: Driver,
    readonly name: string,
  ) {}

  static create(settings: DatabaseSettings): Database {
    enableTcpNoDelayForClientSockets();
    const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
    const driver = neo4j.driver(settings.uri, auth, {
      // Our integers (counts, years) fit in a JS number; this keeps results plain.
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: 10_000,
      maxTransactionRetryTime: settings.maxTransactionRetryTimeMs ?? 5_000,
      maxConnectionPoolSize: 50,
      logging: { level: 'error', logger: () => {} },
    });
    return new Database(driver, settings.database);
  }

  /** Waits until the database answers, retrying with exponential backoff up to `timeoutMs`. */
  async waitUntilReachable(timeoutMs: number, logger?: Logger): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1, delay = 250; ; attempt += 1, delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.driver.verifyConnectivity({ database: this.name });
        return;
      } catch (error) {
        if (Date.now() + delay > deadline) {
          throw new Error(`Neo4j is not reachable after ${attempt} attempts: ${(error as Error).message}`);
        }
        logger?.warn({ attempt, retryInMs: delay, err: (error as Error).message }, 'Neo4j not reachable yet');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', work);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', work);
  }

  /** One read query in its own transaction: the common case for resolvers' data access. */
  query<R extends RecordShape = RecordShape>(
    cypher: string,
    parameters: Record<string, unknown> = {},
  ): Promise<QueryResult<R>> {
    return this.read((tx) => tx.run<R>(cypher, parameters));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      const counted = (tx: ManagedTransaction): Promise<T> => work(counting(tx));
      return mode === 'READ' ? await session.executeRead(counted) : await session.executeWrite(counted);
    } catch (error) {
      if (isUnavailable(error)) {
        throw appError(ErrorCode.DB_UNAVAILABLE, 'The graph database is not reachable right now; try again shortly.');
      }
      throw error;
    } finally {
      await session.close();
    }
  }
}
