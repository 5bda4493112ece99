/** Waiting on observable state (never on a guessed sleep), always with a deadline. */
import type { Database } from '../../../src/db/database';
import { cypherRows } from '../../support/graph';

/** Polls `condition` every `intervalMs` until it holds; throws after `timeoutMs`. */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 20 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Like `until`, but answers whether the condition came true instead of throwing. */
export async function within(
  timeoutMs: number,
  condition: () => boolean | Promise<boolean>,
  intervalMs = 20,
): Promise<boolean> {
  try {
    await until('condition', condition, { timeoutMs, intervalMs });
    return true;
  } catch {
    return false;
  }
}

/** How many of the service's transactions wait for a lock right now (SHOW TRANSACTIONS). */
export async function blockedTransactions(db: Database): Promise<number> {
  const rows = await cypherRows<{ status: string }>(
    db,
    `SHOW TRANSACTIONS YIELD metaData, status WHERE metaData.app = 'iecm-graph' AND status STARTS WITH 'Blocked'
     RETURN status`,
  );
  return rows.length;
}

export interface HeldLock {
  /** Rolls the holding transaction back, which lets the waiting transactions go on. */
  release(): Promise<void>;
}

/**
 * Runs `cypher` in a transaction that stays open: the locks it takes hold the service's transactions that need
 * the same nodes or index entries until `release()`.
 */
export async function holdLock(db: Database, cypher: string, params: Record<string, unknown> = {}): Promise<HeldLock> {
  const session = db.driver.session({ database: db.name });
  const tx = session.beginTransaction();
  try {
    await tx.run(cypher, params);
  } catch (error) {
    await session.close();
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await tx.rollback();
      } finally {
        await session.close();
      }
    },
  };
}
