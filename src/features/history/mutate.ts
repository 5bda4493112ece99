/**
 * The one shape of every write: in a single transaction, do the work (which reads what it changes, fails with
 * NOT_FOUND, BAD_USER_INPUT or CONFLICT before writing anything, writes, and reads the result back), then record
 * the change with its before and after. The mutation answers with what it read inside its own transaction, so a
 * commit is never followed by a second read that could fail or see another write.
 *
 * A client that sends an Idempotency-Key can retry a write whose answer it lost (a timeout, a dropped
 * connection, a database restart): the key is stored with the change in the same transaction, and a retry with
 * it answers what the first attempt answered instead of writing again. The key is bound to what the request asked
 * (a digest of its operation and variables): the same key with another request is refused with CONFLICT (HTTP 422
 * on the GraphQL-over-HTTP media type) and writes nothing, so a reused key never drops a write behind a replay.
 */
import type { Database, Tx } from '../../db/database';
import { currentScope } from '../../db/request-scope';
import { conflict, ErrorCode } from '../../shared/errors';
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
function replayKey(actor: Actor): { key: string; digest: string | null } | null {
  const scope = currentScope();
  if (!scope?.idempotencyKey) return null;
  scope.writes += 1;
  return { key: JSON.stringify([actor.name, scope.idempotencyKey, scope.writes]), digest: scope.requestDigest };
}

/** The same key with another request: refused, never answered with the other request's answer. */
const keyReused = (): Error =>
  conflict(
    'This Idempotency-Key was already used for a different request (another operation or other variables); ' +
      'use a new key for a new request.',
    { reason: 'IDEMPOTENCY_KEY_REUSED', httpStatus: 422 },
  );

export async function mutate<T>(
  db: Database,
  actor: Actor,
  action: ChangeAction,
  work: (tx: Tx) => Promise<Mutation<T>>,
): Promise<T> {
  const replay = replayKey(actor);
  const key = replay?.key ?? null;
  // Answers are plain JSON by construction (snapshots, edges, booleans): the replay is the first answer.
  const replayed = async (): Promise<T | undefined> => {
    const stored = key ? await findReplay(db, key) : undefined;
    if (stored === undefined) return undefined;
    if (stored.digest !== null && stored.digest !== replay?.digest) throw keyReused();
    return JSON.parse(stored.result) as T;
  };
  const first = await replayed();
  if (first !== undefined) return first;
  try {
    return await db.write(async (tx) => {
      const { result, ...entry } = await work(tx);
      // Every write's nodes get their provenance edges in the same transaction (features/provenance).
      await linkProvenance(tx, entry.concerns);
      await recordChange(tx, actor, action, entry, replay ? { ...replay, result: JSON.stringify(result) } : null);
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
