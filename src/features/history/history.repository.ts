/**
 * The history of writes: each write adds one (:Change) in its own transaction, linked by CONCERNS to the
 * identities it touched (live, deleted or merged), so a node's history is an index seek and one expand.
 */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import type { Principal } from '../../shared/auth';
import type { ChangeAction } from './change-action';

export type Actor = Pick<Principal, 'name' | 'role'>;

/** What a change records beside who and when. */
export interface ChangeEntry {
  /** The node ids it concerns. */
  concerns: string[];
  summary: string;
  /** The stored state before and after, as plain JSON (null for a creation or a removal). */
  before: unknown;
  after: unknown;
}

const toJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

/** The key a write was made under (the client's Idempotency-Key, scoped), and what it answered. */
export interface Replay {
  key: string;
  /** What the request asked (its operation and variables, as a digest): the key is bound to it. */
  digest: string | null;
  /** The mutation's answer as JSON. */
  result: string;
}

const RECORD_CHANGE = cypher<
  {
    actor: string;
    role: string;
    action: ChangeAction;
    concerns: string[];
    summary: string;
    before: string | null;
    after: string | null;
    idempotencyKey: string | null;
    requestDigest: string | null;
    result: string | null;
  },
  { id: string }
>(
  'history.record',
  `CREATE (c:Change {id: randomUUID(), at: datetime(), actor: $actor, role: $role, action: $action,
                    summary: $summary, before: $before, after: $after,
                    idempotencyKey: $idempotencyKey, requestDigest: $requestDigest, result: $result})
   WITH c
   CALL (c) {
     UNWIND $concerns AS id
     MATCH (target:Identity {id: id})
     CREATE (c)-[:CONCERNS]->(target)
   }
   RETURN c.id AS id`,
);

/** Appends to the history inside the write's own transaction: who, when, what, with the state before and after. */
export async function recordChange(
  tx: Tx,
  actor: Actor,
  action: ChangeAction,
  entry: ChangeEntry,
  replay: Replay | null = null,
): Promise<void> {
  await tx.query(RECORD_CHANGE, {
    actor: actor.name,
    role: actor.role,
    action,
    concerns: [...new Set(entry.concerns)],
    summary: entry.summary,
    before: toJson(entry.before),
    after: toJson(entry.after),
    idempotencyKey: replay?.key ?? null,
    requestDigest: replay?.digest ?? null,
    result: replay?.result ?? null,
  });
}

const REPLAY = cypher<{ key: string }, { result: string | null; digest: string | null }>(
  'history.replay',
  'MATCH (c:Change {idempotencyKey: $key}) RETURN c.result AS result, c.requestDigest AS digest',
);

/**
 * The write made under `key`: its answer as JSON and the digest of the request that made it (null before keys
 * were bound to requests), or undefined when there was none.
 */
export async function findReplay(
  db: Database,
  key: string,
): Promise<{ result: string; digest: string | null } | undefined> {
  const row = await db.queryOne(REPLAY, { key });
  return row?.result == null ? undefined : { result: row.result, digest: row.digest ?? null };
}

export interface ChangeRecord {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: ChangeAction;
  targetIds: string[];
  summary: string;
  before: unknown;
  after: unknown;
}

const HISTORY = cypher<
  { id: string; limit: number },
  { change: Omit<ChangeRecord, 'before' | 'after'> & { before: string | null; after: string | null } }
>(
  'history.of',
  `MATCH (:Identity {id: $id})<-[:CONCERNS]-(c:Change)
   WITH c ORDER BY c.at DESC LIMIT toInteger($limit)
   RETURN c {.id, .actor, .role, .action, .summary, .before, .after, at: toString(c.at),
             targetIds: [(c)-[:CONCERNS]->(t) | t.id]} AS change`,
);

const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The changes that concern a node id, newest first. */
export async function readHistory(db: Database, id: string, limit: number): Promise<ChangeRecord[]> {
  const rows = await db.query(HISTORY, { id, limit });
  return rows.map(({ change }) => ({ ...change, before: fromJson(change.before), after: fromJson(change.after) }));
}
