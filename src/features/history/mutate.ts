/**
 * The one shape of every write: in a single transaction, do the work (which reads what it changes, fails with
 * NOT_FOUND or BAD_USER_INPUT before writing anything, writes, and reads the result back), then record the change
 * with its before and after. The mutation answers with what it read inside its own transaction, so a commit is
 * never followed by a second read that could fail or see another write.
 */
import type { Database, Tx } from '../../db/database';
import { recordChange, type Actor, type ChangeEntry } from './history.repository';
import type { ChangeAction } from './change-action';

export interface Mutation<T> extends ChangeEntry {
  /** What the mutation answers (usually the `after` state, mapped for GraphQL). */
  result: T;
}

export function mutate<T>(
  db: Database,
  actor: Actor,
  action: ChangeAction,
  work: (tx: Tx) => Promise<Mutation<T>>,
): Promise<T> {
  return db.write(async (tx) => {
    const { result, ...entry } = await work(tx);
    await recordChange(tx, actor, action, entry);
    return result;
  });
}
