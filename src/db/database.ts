/**
 * One neo4j-driver per process, and the only place that talks to it. Reads go through executeRead and writes
 * through executeWrite, so the same code works against a single server and a `neo4j://` cluster with routing;
 * each request's bookmarks make a read after a write in that request see the write. Every transaction has a
 * timeout and carries the operation name as metadata (visible in `SHOW TRANSACTIONS` and the query log), as
 * neo4j/graphql's Executor does. Driver errors become coded errors here and nowhere else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { appError, ErrorCode } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { Cypher } from './cypher';
import { DatabaseInstruments, type AccessMode } from './instrumentation';
import { currentScope, type QueryStats, type RequestScope } from './request-scope';
import { boltAnswers } from './bolt-probe';
import { enableTcpNoDelayForClientSockets } from './tcp-no-delay';

export interface DatabaseSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  /**
   * How long a transaction is retried after a transient failure (a deadlock, a leader switch). While the database
   * is unreachable, retries stop after at most a second: callers get DB_UNAVAILABLE quickly, and retry themselves.
   */
  maxTransactionRetryTimeMs?: number;
  /** How long opening a connection may take; a restarting server accepts connections before it answers. */
  connectionTimeoutMs?: number;
  /** Neo4j terminates a transaction that runs longer than this. */
  transactionTimeoutMs?: number;
  /**
   * Integers as BigInt, floats as numbers, so that a whole-database comparison (the backup test) tells them
   * apart; the service itself reads integers as plain numbers.
   */
  losslessValues?: boolean;
}

/** Connections the driver opens at most per server. */
const MAX_CONNECTION_POOL_SIZE = 50;

export interface TransactionOptions {
  /** Overrides the default timeout, e.g. for one batch of a large import. */
  timeoutMs?: number;
}

/** Requests let through at once while a database that answers again is still cold (see `Database.recovery`). */
const RECOVERY_TRIALS = 2;
const RECOVERY_TRIAL_MS = 750;

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
/** The transaction needed more memory than Neo4j grants one (dbms.memory.transaction.total.max): too large. */
const MEMORY_LIMIT_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
]);

/**
 * A hung Neo4j (stopped, not dead: SIGSTOP, a frozen VM) keeps its sockets open and never answers, and the
 * transaction timeout is enforced by the server itself. So a call unanswered after HANG_SUSPECT_MS makes the
 * process ask whether the server answers at all (a Bolt handshake on a fresh connection, bolt-probe.ts); no answer
 * within HANG_PROBE_MS opens the breaker and fails every call in flight with DB_UNAVAILABLE: under 2 s from the
 * hang to the answer.
 */
const HANG_SUSPECT_MS = 700;
const HANG_PROBE_MS = 1_100;
/** Past its transaction timeout, a call gets this long for the server's own timeout before it is given up. */
const DEADLINE_GRACE_MS = 2_000;
/**
 * The calls in flight are checked by one shared timer at this period, instead of two timers per call: a call is
 * suspected once unanswered HANG_SUSPECT_MS - DEADLINE_TICK_MS, so between that and HANG_SUSPECT_MS (never later).
 */
const DEADLINE_TICK_MS = 100;

/** A call under its deadline (see `withDeadline`). */
interface Watched {
  deadlineAt: number;
  /** When it is suspected of meeting a hung database (Infinity: never, or already). */
  suspectAt: number;
  /** A client waits for it (see `withDeadline`): a hang found by `suspectHang` fails it. */
  watchHang: boolean;
  fail: (error: unknown) => void;
}

/** The pool had no connection to give within the acquisition timeout: busy, not broken (driver code N/A). */
const isPoolExhausted = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('Connection acquisition timed out');

/** Set while a call holds a session: its nested calls do not wait for a second place of the request's share. */
const insideSession = new AsyncLocalStorage<true>();

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

const TRANSACTION_MEMORY_LIMIT = 'TRANSACTION_MEMORY_LIMIT';

/** The transaction ran out of the memory Neo4j grants one, as the driver reports it or as mapped for clients. */
export function isTransactionMemoryLimit(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && MEMORY_LIMIT_CODES.has(code)) return true;
  return error instanceof GraphQLError && error.extensions.reason === TRANSACTION_MEMORY_LIMIT;
}

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
  if (isPoolExhausted(error)) {
    return appError(ErrorCode.DB_UNAVAILABLE, 'The graph database is busy with other requests; retry shortly.');
  }
  const code = codeOf(error);
  if (code === undefined) return error;
  if (UNAVAILABLE_CODES.has(code)) {
    return appError(ErrorCode.DB_UNAVAILABLE, 'The graph database is not reachable right now; try again shortly.');
  }
  if (TIMED_OUT_CODES.has(code)) {
    // Not DB_UNAVAILABLE: the database answers, this work is too large for the time limit; retrying as is
    // would time out again.
    return appError(
      ErrorCode.TIMEOUT,
      'The work took longer than the transaction time limit and was stopped; nothing was written. Ask for less ' +
        '(a smaller page, a shorter document, fewer facts per commit) or retry later.',
    );
  }
  if (MEMORY_LIMIT_CODES.has(code)) {
    // Transient to the driver, but the same work fails the same way again: the request is too large.
    return appError(
      ErrorCode.BAD_USER_INPUT,
      'The work needs more memory than one transaction may use; nothing was written. Send less at once.',
      { reason: TRANSACTION_MEMORY_LIMIT },
    );
  }
  if (code === CONSTRAINT_CODE) {
    // A uniqueness constraint caught a concurrent write that the transaction's own checks could not see.
    return appError(ErrorCode.CONFLICT, 'This conflicts with a write made at the same time; read again and retry.');
  }
  return error;
}

/** The database holds a call past its deadline, or does not answer a probe: unreachable, for the breaker. */
class HungDatabase extends Error {
  readonly code = 'ServiceUnavailable';
}

/** The work outlasted its transaction timeout and the grace after it, on a server that answers: TIMEOUT. */
const overTime = (): Error =>
  Object.assign(new Error('the transaction outlasted its timeout'), {
    code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  });

/** The client went away: its work is abandoned, and not retried (the driver retries only its own errors). */
const clientGone = () =>
  appError(ErrorCode.CLIENT_CLOSED_REQUEST, 'The client closed the request before it was answered.');

/**
 * neo4j-driver captures a stack trace for every Result it makes (`new Error().stack`, in result.js), only to put
 * the caller's frames on an error that may come later: 5.6% of the API's CPU under load, on every query. The errors
 * are turned into coded ones here (toAppError) and the unexpected ones logged with the driver's own message, so
 * Results are made with no frames to capture (the limit is restored before anything else runs).
 */
function withoutStackCapture<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A transaction as the repositories see it: typed rows from declared queries, each send counted and timed. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly stats: QueryStats | undefined,
    private readonly instruments: DatabaseInstruments,
  ) {}

  /** All rows of `query`, typed by its declaration. */
  async query<Params extends object, Row extends object>(query: Cypher<Params, Row>, params: Params): Promise<Row[]> {
    if (this.stats) this.stats.roundTrips += 1;
    const result = await this.instruments.query(query.name, query.text, () =>
      withoutStackCapture(() => this.tx.run(query.text, params)),
    );
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
  /**
   * Set while the database is known to be unreachable: requests are answered DB_UNAVAILABLE at once instead of
   * each waiting on a connection (a restarting Neo4j accepts TCP connections well before it answers Bolt), and a
   * probe lets them through again as soon as a query succeeds.
   */
  private unreachable: Promise<void> | null = null;
  /**
   * Requests let through since the database answered again, until one succeeds (a half-open breaker): a Neo4j
   * just restarted plans every query cold, and twenty requests planning at once on a cold JVM take seconds each;
   * a few at a time get the first answer out in a fraction of that, and the rest are told DB_UNAVAILABLE meanwhile.
   */
  private recovery: { inFlight: number } | null = null;
  private closed = false;
  /** Successful write transactions of this process: what caches of derived results (network metrics) key on. */
  private writeCount = 0;
  /** The calls in flight under a deadline: `suspectHang` fails them all; `checkDeadlines` watches them. */
  private readonly inFlight = new Set<Watched>();
  /** The one timer that checks the calls in flight (see DEADLINE_TICK_MS); running only while there are some. */
  private deadlineTimer: NodeJS.Timeout | null = null;
  private hangProbe: Promise<void> | null = null;
  /** When a call last came back from the driver (answered or failed): a busy database still answers some. */
  private lastAnswerAt = 0;

  private constructor(
    readonly driver: Driver,
    /** A small driver of its own for the breaker's probes, so a full pool never reads as an unreachable database. */
    private readonly probeDriver: Driver,
    readonly name: string,
    /** Where the server listens, for the hang probe (bolt-probe.ts). */
    private readonly uri: string,
    private readonly transactionTimeoutMs: number,
    private readonly retryBudgetMs: number,
    /** Query latency, sessions in use and spans (db/instrumentation.ts). */
    readonly instruments: DatabaseInstruments,
  ) {}

  static create(settings: DatabaseSettings): Database {
    enableTcpNoDelayForClientSockets();
    const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
    const lossless = settings.losslessValues ?? false;
    const probeDriver = neo4j.driver(settings.uri, auth, {
      connectionTimeout: settings.connectionTimeoutMs ?? 1_000,
      connectionAcquisitionTimeout: HANG_PROBE_MS,
      maxTransactionRetryTime: 0,
      maxConnectionPoolSize: 4,
      logging: { level: 'error', logger: () => {} },
    });
    const driver = neo4j.driver(settings.uri, auth, {
      // Our integers (counts, years) fit in a JS number; this keeps results plain.
      disableLosslessIntegers: !lossless,
      useBigInt: lossless,
      connectionTimeout: settings.connectionTimeoutMs ?? 1_000,
      connectionAcquisitionTimeout: 2 * (settings.connectionTimeoutMs ?? 1_000),
      // The driver tries once; `attempt` below retries with budgets that depend on the failure.
      maxTransactionRetryTime: 0,
      maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
      // Nothing reads Cypher notifications (performance hints, deprecations): the server need not send them with
      // every answer, nor the driver build them (1.3% of the API's CPU answering a node by id under load).
      notificationFilter: { minimumSeverityLevel: 'OFF' },
      logging: { level: 'error', logger: () => {} },
    });
    return new Database(
      driver,
      probeDriver,
      settings.database,
      settings.uri,
      settings.transactionTimeoutMs ?? 30_000,
      settings.maxTransactionRetryTimeMs ?? 5_000,
      new DatabaseInstruments({ database: settings.database, uri: settings.uri }, MAX_CONNECTION_POOL_SIZE),
    );
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

  /**
   * One read query on its own, the common case of the repositories: an auto-commit transaction, one message
   * exchange instead of BEGIN ... COMMIT, with the same routing, bookmarks, timeout, retries and cancellation.
   */
  query<Params extends object, Row extends object>(query: Cypher<Params, Row>, params: Params): Promise<Row[]> {
    return this.withSession('READ', async (session, scope) => {
      if (scope) scope.stats.roundTrips += 1;
      const result = await this.instruments.query(query.name, query.text, () =>
        withoutStackCapture(() => session.run(query.text, params, this.transactionConfig(scope))),
      );
      // The one place besides Tx.query where Neo4j's untyped records meet the declared row type.
      return result.records.map((record) => record.toObject() as Row);
    });
  }

  /** The first row of one read query, or undefined. */
  async queryOne<Params extends object, Row extends object>(
    query: Cypher<Params, Row>,
    params: Params,
  ): Promise<Row | undefined> {
    return (await this.query(query, params))[0];
  }

  /**
   * Runs a trivial query on the configured database, without the driver's retries, failing after `timeoutMs`:
   * whether the database answers queries right now.
   */
  async ping(timeoutMs: number): Promise<void> {
    const { session, release } = this.session('READ');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([session.run('RETURN 1', {}, { timeout: timeoutMs }), timeout]);
    } finally {
      clearTimeout(timer);
      void release();
    }
  }

  /**
   * A session for work that manages its own transactions (streamed exports, backups), outside the retries and
   * bookmarks of `read`/`write`; counted in the sessions in use until `release` closes it.
   */
  session(mode: AccessMode): { session: Session; release: () => Promise<void> } {
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    this.instruments.sessionOpened();
    let released = false;
    return {
      session,
      release: async () => {
        if (released) return;
        released = true;
        this.instruments.sessionClosed();
        await session.close();
      },
    };
  }

  /** Write transactions this process has committed so far; a cache built at one count is stale at the next. */
  get writeGeneration(): number {
    return this.writeCount;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.deadlineTimer !== null) clearInterval(this.deadlineTimer);
    this.deadlineTimer = null;
    await Promise.all([this.driver.close(), this.probeDriver.close()]);
  }

  private bookmarks(): BookmarkManager {
    return currentScope()?.bookmarks ?? this.processBookmarks;
  }

  private transaction<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: Tx) => Promise<T>,
    options: TransactionOptions,
  ): Promise<T> {
    return this.withSession(
      mode,
      (session, scope) => {
        const config = this.transactionConfig(scope, options.timeoutMs);
        const wrapped = (tx: ManagedTransaction): Promise<T> => work(new Tx(tx, scope?.stats, this.instruments));
        return mode === 'READ' ? session.executeRead(wrapped, config) : session.executeWrite(wrapped, config);
      },
      options.timeoutMs,
    );
  }

  /**
   * A session for `once` (retried as `attempt` says), under the request's bookmarks; its work is terminated in
   * Neo4j when the client goes away, and driver errors come out coded.
   */
  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    once: (session: Session, scope: RequestScope | undefined) => Promise<T>,
    timeoutMs = this.transactionTimeoutMs,
  ): Promise<T> {
    const scope = currentScope();
    const signal = scope?.signal ?? null;
    if (signal?.aborted) throw clientGone();
    if (this.unreachable) throw toAppError({ code: 'ServiceUnavailable' });
    // A request waits for its own sessions (a few at once), and never takes the whole pool.
    const releasePlace = scope && !insideSession.getStore() ? await scope.sessions.acquire() : () => undefined;
    let releaseTrial: () => void = () => undefined;
    try {
      if (signal?.aborted) throw clientGone();
      if (this.unreachable) throw toAppError({ code: 'ServiceUnavailable' });
      releaseTrial = this.admitTrial();
    } catch (error) {
      releasePlace();
      throw error;
    }
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks(),
    });
    this.instruments.sessionOpened();
    // Nobody waits for the answer any more: stop the work in Neo4j, not only here.
    const onAbort = (): void => void this.terminate(scope?.id);
    signal?.addEventListener('abort', onAbort, { once: true });
    let hung = false;
    try {
      const result = await insideSession.run(true, () =>
        this.attempt(mode, () => this.withDeadline(() => once(session, scope), timeoutMs, signal !== null), signal),
      );
      this.instruments.transaction(mode, 'ok');
      if (mode === 'WRITE') this.writeCount += 1;
      // The database answers real work again: everyone may come in.
      this.recovery = null;
      return result;
    } catch (error) {
      this.instruments.transaction(mode, 'error');
      hung = error instanceof HungDatabase;
      if (isUnavailable(error)) this.probeUntilReachable();
      throw toAppError(error);
    } finally {
      releaseTrial();
      releasePlace();
      signal?.removeEventListener('abort', onAbort);
      this.instruments.sessionClosed();
      // Closing a session on a hung server waits for it: the answer goes out now, the close finishes later.
      const closing = session.close().catch(() => undefined);
      if (!hung) await closing;
    }
  }

  /**
   * Runs one attempt under a deadline: its transaction timeout plus a grace, or sooner when a liveness probe finds
   * the database hung (see HANG_SUSPECT_MS). Only calls with a client waiting (`watchHang`: an HTTP request, which
   * has an abort signal) are watched: a stop-the-world pause of a busy Neo4j can outlast the probe, and the
   * command-line import or a test's set-up would rather wait for it than fail; they keep the deadline.
   */
  private withDeadline<T>(run: () => Promise<T>, timeoutMs: number, watchHang: boolean): Promise<T> {
    const startedAt = Date.now();
    return new Promise<T>((resolve, rejectWith) => {
      // The driver's failures (and ours) go on as they are, as Promise.race passed them.
      const reject = rejectWith as (error: unknown) => void;
      const watched: Watched = {
        deadlineAt: startedAt + timeoutMs + DEADLINE_GRACE_MS,
        suspectAt: watchHang ? startedAt + HANG_SUSPECT_MS - DEADLINE_TICK_MS : Infinity,
        watchHang,
        fail: (error) => {
          this.inFlight.delete(watched);
          reject(error);
        },
      };
      this.inFlight.add(watched);
      if (this.deadlineTimer === null) {
        this.deadlineTimer = setInterval(() => this.checkDeadlines(), DEADLINE_TICK_MS);
        // A pending call keeps the process alive by its socket, not by this timer.
        this.deadlineTimer.unref();
      }
      const settle = (): void => {
        this.lastAnswerAt = Date.now();
        this.inFlight.delete(watched);
      };
      let running: Promise<T>;
      try {
        running = run();
      } catch (error) {
        settle();
        reject(error);
        return;
      }
      running.then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  }

  /**
   * The shared timer's tick: a call unanswered since its `suspectAt` makes the process ask whether the database
   * answers at all (`suspectHang`); past its deadline, a server that still answers a handshake is only slow to stop
   * the work: TIMEOUT, as its own timeout would have said; a silent one is hung.
   */
  private checkDeadlines(): void {
    if (this.inFlight.size === 0) {
      if (this.deadlineTimer !== null) clearInterval(this.deadlineTimer);
      this.deadlineTimer = null;
      return;
    }
    const now = Date.now();
    let suspect = false;
    for (const watched of this.inFlight) {
      if (now >= watched.suspectAt) {
        watched.suspectAt = Infinity;
        suspect = true;
      }
      if (now >= watched.deadlineAt) {
        watched.deadlineAt = Infinity;
        const { fail } = watched;
        void boltAnswers(this.uri, HANG_PROBE_MS).then((alive) =>
          fail(alive ? overTime() : new HungDatabase('no answer within its deadline')),
        );
      }
    }
    if (suspect) this.suspectHang();
  }

  /**
   * A call is slow: is the database answering at all? If not, every call in flight fails now. A database that is
   * only slow (a loaded machine, where even the handshake can take longer than the probe) still answers other
   * calls meanwhile: any answer since the suspicion began clears it.
   */
  private suspectHang(): void {
    if (this.hangProbe || this.closed) return;
    const suspectedAt = Date.now();
    // The Bolt handshake answers while the databases start or are busy: only a stopped server is silent.
    this.hangProbe = boltAnswers(this.uri, HANG_PROBE_MS)
      .then((alive) => {
        if (alive || this.lastAnswerAt >= suspectedAt) return;
        for (const { watchHang, fail } of this.inFlight) {
          if (watchHang) fail(new HungDatabase('the database does not answer a liveness probe'));
        }
        this.probeUntilReachable();
      })
      .finally(() => {
        this.hangProbe = null;
      });
  }

  /** A trivial query on the probe driver, failing after `timeoutMs`. */
  private async probe(timeoutMs: number): Promise<void> {
    const session = this.probeDriver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new HungDatabase(`no answer within ${timeoutMs} ms`)), timeoutMs);
      // A probe never keeps a process (a tool, a test) alive.
      timer.unref();
    });
    try {
      await Promise.race([session.run('RETURN 1', {}, { timeout: timeoutMs }), timeout]);
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => undefined);
    }
  }

  /** Every transaction's timeout and metadata: the operation, and the request (to terminate it if abandoned). */
  private transactionConfig(scope: RequestScope | undefined, timeoutMs = this.transactionTimeoutMs) {
    return {
      timeout: timeoutMs,
      metadata: { app: 'iecm-graph', operation: scope?.operation ?? null, request: scope?.id ?? null },
    };
  }

  /**
   * Runs `once` and retries it after a retriable failure: a transient one (a deadlock, a leader switch) for up to
   * the retry budget, an unreachable database for at most a second. Never once the client is gone: a terminated
   * transaction would otherwise come back as transient.
   */
  private async attempt<T>(mode: AccessMode, once: () => Promise<T>, signal: AbortSignal | null): Promise<T> {
    const started = Date.now();
    for (let delay = 50, first = true; ; delay = Math.min(delay * 2, 1_000), first = false) {
      if (signal?.aborted) throw clientGone();
      if (!first) this.instruments.retried(mode);
      try {
        return await once();
      } catch (error) {
        const budget = isUnavailable(error) ? Math.min(1_000, this.retryBudgetMs) : this.retryBudgetMs;
        const wait = delay * (0.8 + Math.random() * 0.4);
        // A hung database is not retried: its answer is due now, and the breaker is open.
        if (error instanceof HungDatabase || this.unreachable) throw error;
        const retriable = neo4j.isRetriableError(error) && !MEMORY_LIMIT_CODES.has(codeOf(error) ?? '');
        if (!retriable || signal?.aborted || Date.now() + wait - started > budget) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * While the database is recovering, lets a request in only if fewer than RECOVERY_TRIALS are trying, and returns
   * what frees its place. A trial holds its place for RECOVERY_TRIAL_MS at most: the first one after a restart can
   * hang on a connection, and must not keep the door shut.
   */
  private admitTrial(): () => void {
    const recovery = this.recovery;
    if (!recovery) return () => undefined;
    if (recovery.inFlight >= RECOVERY_TRIALS) throw toAppError({ code: 'ServiceUnavailable' });
    recovery.inFlight += 1;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      recovery.inFlight -= 1;
    };
    const timer = setTimeout(release, RECOVERY_TRIAL_MS);
    timer.unref();
    return release;
  }

  /** Marks the database unreachable and probes it every 250 ms until a query answers again. */
  private probeUntilReachable(): void {
    if (this.unreachable) return;
    this.instruments.reachable(false);
    this.unreachable = (async () => {
      while (!this.closed) {
        try {
          await this.probe(1_000);
          this.recovery = { inFlight: 0 };
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    })().finally(() => {
      this.unreachable = null;
      this.instruments.reachable(true);
    });
  }

  /** Terminates the running transactions of request `id` (found by their metadata). */
  private async terminate(id: string | undefined): Promise<void> {
    if (!id) return;
    const { session, release } = this.session('WRITE');
    try {
      const running = await session.run(
        'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.request = $id RETURN transactionId',
        { id },
      );
      const ids = running.records.map((record) => String(record.get('transactionId')));
      if (ids.length > 0) await session.run('TERMINATE TRANSACTIONS $ids', { ids });
    } catch {
      // Best effort: the transaction's own timeout still bounds it.
    } finally {
      await release();
    }
  }
}
