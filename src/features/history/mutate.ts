/**
 * The one shape of every write: in a single transaction, do the work (which reads what it changes, fails with
 * NOT_FOUND, BAD_USER_INPUT or CONFLICT before writing anything, writes, and reads the result back), then record
 * the change with its before and after. The mutation answers with what it read inside its own transaction, so a
 * commit is never followed by a second read that could fail or see another write.
 *
 * A client that sends an Idempotency-Key can retry a write whose answer it lost (a timeout, a dropped
 * connection, a database restart): the key is stored with the change in the same transaction, and a retry with
 * it answers what the first attempt answered instead of writing again.
 */
import type { Database, Tx } from '../../db/database';
import { currentScope } from '../../db/request-scope';
import { ErrorCode } from '../../shared/errors';
import type { ChangeAction } from './change-action';
import { linkProvenance } from '../provenance/provenance';
import { findReplay, recordChange, type Actor, type ChangeEntry } from './history.repository';

export interface Mutation<T> extends ChangeEntry {
  /** What the mutation answers (usually the `after` state, mapped for GraphQL); stored as JSON for retries. */
  result: T;
}

const isConflict = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'extensions' in error &&
  typeof error.extensions === 'object' &&
  error.extensions !== null &&
  'code' in error.extensions &&
  error.extensions.code === ErrorCode.CONFLICT;

/** The stored key of this write: the client's key, scoped to its author and to the write's place in the request. */
function replayKey(actor: Actor): string | null {
  const scope = currentScope();
  if (!scope?.idempotencyKey) return null;
  scope.writes += 1;
  return JSON.stringify([actor.name, scope.idempotencyKey, scope.writes]);
}

export async function mutate<T>(
  db: Database,
  actor: Actor,
  action: ChangeAction,
  work: (tx: Tx) => Promise<Mutation<T>>,
): Promise<T> {
  const key = replayKey(actor);
  // Answers are plain JSON by construction (snapshots, edges, booleans): the replay is the first answer.
  const replayed = async (): Promise<T | undefined> => {
    const stored = key ? await findReplay(db, key) : undefined;
    return stored === undefined ? undefined : (JSON.parse(stored) as T);
  };
  const first = await replayed();
  if (first !== undefined) return first;
  try {
    return await db.write(async (tx) => {
      const { result, ...entry } = await work(tx);
      // Every write's nodes get their provenance edges in the same transaction (features/provenance).
      await linkProvenance(tx, entry.concerns);
      await recordChange(tx, actor, action, entry, key ? { key, result: JSON.stringify(result) } : null);
      return result;
    });
  } catch (error) {
    // A concurrent attempt with the same key committed first: its answer is this one's.
    if (key && isConflict(error)) {
      const concurrent = await replayed();
      if (concurrent !== undefined) return concurrent;
    }
    throw error;
  }
}
