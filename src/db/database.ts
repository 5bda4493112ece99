/**
 * One neo4j-driver per process, and the only place that talks to it. Reads go through executeRead and writes
 * through executeWrite, so the same code works against a single server and a `neo4j://` cluster with routing;
 * each request's bookmarks make a read after a write in that request see the write. Every transaction has a
 * timeout and carries the operation name as metadata (visible in `SHOW TRANSACTIONS` and the query log), as
 * neo4j/graphql's Executor does. Driver errors become coded errors here and nowhere else.
 */
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { appError, ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Cypher } from './cypher';
import { currentScope, type QueryStats } from './request-scope';
import { enableTcpNoDelayForClientSockets } from './tcp-no-delay';

export interface DatabaseSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** How long executeRead/executeWrite retry transient failures (leader switch, lost connection). */
  maxTransactionRetryTimeMs?: number;
  /** Neo4j terminates a transaction that runs longer than this. */
  transactionTimeoutMs?: number;
}

export interface TransactionOptions {
  /** Overrides the default timeout, e.g. for one batch of a large import. */
  timeoutMs?: number;
}

/** Driver errors that mean "the database cannot be reached", as opposed to a bad query. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);
const TIMED_OUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);
const CONSTRAINT_CODE = 'Neo.ClientError.Schema.ConstraintValidationFailed';

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** A uniqueness constraint refused a write: another transaction holds the value. */
export function isConstraintViolation(error: unknown): boolean {
  return codeOf(error) === CONSTRAINT_CODE;
}

export function isUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && UNAVAILABLE_CODES.has(code);
}

/** The coded error a client sees for a driver failure, or the error itself when it is not the driver's. */
function toAppError(error: unknown): unknown {
  const code = codeOf(error);
  if (code === undefined) return error;
  if (UNAVAILABLE_CODES.has(code)) {
    return appError(ErrorCode.DB_UNAVAILABLE, 'The graph database is not reachable right now; try again shortly.');
  }
  if (TIMED_OUT_CODES.has(code)) {
    return appError(ErrorCode.DB_UNAVAILABLE, 'The graph database took too long to answer; ask for less or retry.');
  }
  if (code === CONSTRAINT_CODE) {
    // A uniqueness constraint caught a concurrent write that the transaction's own checks could not see.
    return appError(ErrorCode.CONFLICT, 'This conflicts with a write made at the same time; read again and retry.');
  }
  return error;
}

/** A transaction as the repositories see it: typed rows from declared queries, each send counted. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly stats: QueryStats | undefined,
  ) {}

  /** All rows of `query`, typed by its declaration. */
  async query<Params extends object, Row extends object>(query: Cypher<Params, Row>, params: Params): Promise<Row[]> {
    if (this.stats) this.stats.roundTrips += 1;
    const result = await this.tx.run(query.text, params);
    // The one place where Neo4j's untyped records meet the declared row type.
    return result.records.map((record) => record.toObject() as Row);
  }

  /** The first row of `query`, or undefined when it returns none. */
  async queryOne<Params extends object, Row extends object>(
    query: Cypher<Params, Row>,
    params: Params,
  ): Promise<Row | undefined> {
    return (await this.query(query, params))[0];
  }
}

export class Database {
  /** Bookmarks of work done outside any request (start-up, command-line tools): one causal chain. */
  private readonly processBookmarks = neo4j.bookmarkManager();

  private constructor(
    readonly driver: Driver,
    readonly name: string,
    private readonly transactionTimeoutMs: number,
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
    return new Database(driver, settings.database, settings.transactionTimeoutMs ?? 30_000);
  }

  /** Waits until the database answers, retrying with exponential backoff up to `timeoutMs`. */
  async waitUntilReachable(timeoutMs: number, logger?: Logger): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1, delay = 250; ; attempt += 1, delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.driver.verifyConnectivity({ database: this.name });
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (Date.now() + delay > deadline) {
          throw new Error(`Neo4j is not reachable after ${attempt} attempts: ${message}`);
        }
        logger?.warn({ attempt, retryInMs: delay, err: message }, 'Neo4j not reachable yet');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  read<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.transaction('READ', work, options);
  }

  write<T>(work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.transaction('WRITE', work, options);
  }

  /** One read query in its own transaction: the common case of the repositories. */
  query<Params extends object, Row extends object>(query: Cypher<Params, Row>, params: Params): Promise<Row[]> {
    return this.read((tx) => tx.query(query, params));
  }

  /** The first row of one read query, or undefined. */
  queryOne<Params extends object, Row extends object>(
    query: Cypher<Params, Row>,
    params: Params,
  ): Promise<Row | undefined> {
    return this.read((tx) => tx.queryOne(query, params));
  }

  /**
   * Runs a trivial query on the configured database, without the driver's retries, failing after `timeoutMs`:
   * whether the database answers queries right now.
   */
  async ping(timeoutMs: number): Promise<void> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([session.run('RETURN 1', {}, { timeout: timeoutMs }), timeout]);
    } finally {
      clearTimeout(timer);
      void session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private bookmarks(): BookmarkManager {
    return currentScope()?.bookmarks ?? this.processBookmarks;
  }

  private async transaction<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: Tx) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    const scope = currentScope();
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks(),
    });
    const config = {
      timeout: options.timeoutMs ?? this.transactionTimeoutMs,
      metadata: { app: 'iecm-graph', operation: scope?.operation ?? null },
    };
    try {
      const wrapped = (tx: ManagedTransaction): Promise<T> => work(new Tx(tx, scope?.stats));
      return mode === 'READ' ? await session.executeRead(wrapped, config) : await session.executeWrite(wrapped, config);
    } catch (error) {
      throw toAppError(error);
    } finally {
      await session.close();
    }
  }
}
