/**
 * Cypher for curating the graph. Every function runs inside the caller's write transaction, so a mutation and
 * its history record commit together or not at all.
 */
import { cypher, unionList } from '../../db/cypher';
import { toNeo4jProperties } from '../../db/values';
import { checkEnds, labelOf, NodeKind, parseRelationshipId, type RelationType } from '../../model/graph-model';
import { isConstraintViolation, type Tx } from '../../db/database';
import { badInput, conflict } from '../../shared/errors';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText, searchKeys } from '../../shared/text';
import { plainProperties, type StoredNode } from '../nodes/node.mapper';
import type { SourceInput } from './curation.inputs';

/** A node's stored properties as plain JSON (temporals as strings, without the derived search and sort keys). */
export type Snapshot = StoredNode;

const DERIVED_KEYS = new Set(['searchKeys', 'aliasKeys', 'sortKey', 'partnerRanking', 'partnerRankingRels']);

function toSnapshot(stored: StoredNode): Snapshot {
  const plain = plainProperties(stored);
  for (const key of DERIVED_KEYS) delete plain[key];
  return { ...plain, id: stored.id, kind: stored.kind, name: stored.name };
}

const STORED_NODE = cypher<{ id: string; deleted: boolean }, { node: StoredNode }>(
  'curation.storedNode',
  `MATCH (n:Identity {id: $id})
   WHERE CASE WHEN $deleted THEN n:DeletedEntity ELSE n:Entity END
   RETURN properties(n) AS node`,
);

/** The node's stored properties, or null when there is no live node with that id. */
export async function readSnapshot(tx: Tx, id: string): Promise<Snapshot | null> {
  const row = await tx.queryOne(STORED_NODE, { id, deleted: false });
  return row ? toSnapshot(row.node) : null;
}

const STORED_NODES = cypher<{ ids: string[] }, { node: StoredNode }>(
  'curation.storedNodes',
  `UNWIND $ids AS id
   MATCH (n:Identity {id: id}) WHERE n:Entity
   RETURN properties(n) AS node`,
);

/** The stored properties of the live nodes among `ids`, in one read, by id (ids of no live node are absent). */
export async function readSnapshots(tx: Tx, ids: Iterable<string>): Promise<Map<string, Snapshot>> {
  const rows = await tx.query(STORED_NODES, { ids: [...new Set(ids)] });
  return new Map(rows.map((row) => [row.node.id, toSnapshot(row.node)]));
}

/** The stored properties of a soft-deleted node, or null when no node with that id is deleted. */
export async function readDeleted(tx: Tx, id: string): Promise<Snapshot | null> {
  const row = await tx.queryOne(STORED_NODE, { id, deleted: true });
  return row ? toSnapshot(row.node) : null;
}

const CLASSIFY_IDS = cypher<{ ids: string[] }, { id: string; kind: NodeKind; live: boolean; state: string }>(
  'curation.classifyIds',
  `UNWIND $ids AS id
   MATCH (n:Identity {id: id})
   RETURN n.id AS id, n.kind AS kind, n:Entity AS live,
          CASE WHEN n:MergedEntity THEN 'merged into "' + n.mergedInto + '"' ELSE 'deleted' END AS state`,
);

/** Of `ids`, the live nodes (with their kinds), and those that existed once (deleted or merged). */
export async function classifyIds(
  tx: Tx,
  ids: string[],
): Promise<{ live: Map<string, NodeKind>; retired: Map<string, string> }> {
  const live = new Map<string, NodeKind>();
  const retired = new Map<string, string>();
  for (const row of await tx.query(CLASSIFY_IDS, { ids: [...new Set(ids)] })) {
    if (row.live) live.set(row.id, row.kind);
    else retired.set(row.id, row.state);
  }
  return { live, retired };
}

/** Fails with BAD_USER_INPUT naming the field when any id is not a live node; else the kind of each node. */
export async function requireLiveIds(
  tx: Tx,
  fields: { field: string; id: string }[],
): Promise<ReadonlyMap<string, NodeKind>> {
  const { live, retired } = await classifyIds(
    tx,
    fields.map((entry) => entry.id),
  );
  const problems = fields
    .filter(({ id }) => !live.has(id))
    .map(({ field, id }) => ({
      field,
      message: retired.has(id) ? `"${id}" was ${retired.get(id)}` : `"${id}" does not exist`,
    }));
  if (problems.length > 0) {
    throw badInput(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), { fields: problems });
  }
  return live;
}

/**
 * Fails with BAD_USER_INPUT when a relationship joins kinds its type does not (graph model's `checkEnds`), naming
 * the field, the kinds the type joins and the kinds given.
 */
export function requireEnds(
  relationships: readonly { field: string; from: string; type: RelationType; to: string }[],
  kinds: ReadonlyMap<string, NodeKind>,
): void {
  const problems = relationships.flatMap(({ field, from, type, to }) => {
    const fromKind = kinds.get(from);
    const toKind = kinds.get(to);
    const problem = fromKind && toKind ? checkEnds(type, fromKind, toKind) : null;
    return problem ? [{ field, message: `"${from}" ${type} "${to}": ${problem}` }] : [];
  });
  if (problems.length > 0) {
    throw badInput(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), { fields: problems });
  }
}

const idConflict = (id: string, state: string) =>
  conflict(`id: "${id}" ${state}`, { fields: [{ field: 'id', message: `"${id}" ${state}` }] });

/** Creates the identity a new node will fill in; the unique :Identity(id) constraint makes the claim atomic. */
const CLAIM_ID = cypher<{ id: string; kind: NodeKind }, { id: string }>(
  'curation.claimId',
  'CREATE (n:Identity:Entity {id: $id, kind: $kind}) RETURN n.id AS id',
);

/**
 * Claims a new id for the node this transaction creates. Ids are stable and never reused: one that was ever used
 * (live, deleted or merged) is refused with CONFLICT, and so is one that a concurrent transaction claims first
 * (its uniqueness lock makes this one wait, then fail) — the same answer either way.
 */
export async function claimId(tx: Tx, id: string, kind: NodeKind): Promise<void> {
  const { live, retired } = await classifyIds(tx, [id]);
  if (live.has(id)) throw idConflict(id, 'is taken');
  const retiredAs = retired.get(id);
  if (retiredAs) throw idConflict(id, `was used by a node that was ${retiredAs}`);
  try {
    await tx.query(CLAIM_ID, { id, kind });
  } catch (error) {
    if (isConstraintViolation(error)) throw idConflict(id, 'is taken');
    throw error;
  }
}

/**
 * Takes the write lock of a source document (a property set and removed: no change remains), so the statements
 * that concurrent writers add to it get distinct positions: each reads the last position only once it holds the
 * lock, after the others committed.
 */
const LOCK_DOCUMENT = cypher<{ id: string }, { id: string }>(
  'curation.lockDocument',
  `MATCH (d:Entity {id: $id}) WHERE d:SourceDocument
   SET d.lockedForStatements = true
   REMOVE d.lockedForStatements
   RETURN d.id AS id`,
);

/** Locks the document `id` for this transaction; false when there is no such document. */
export async function lockDocument(tx: Tx, id: string): Promise<boolean> {
  return (await tx.queryOne(LOCK_DOCUMENT, { id })) !== undefined;
}

const STATEMENT_EXISTS = cypher<{ id: string }, { id: string }>(
  'curation.statementExists',
  'MATCH (s:Statement {id: $id}) RETURN s.id AS id',
);

/** Reuses the document's statement with this exact text, or adds the sentence as its next statement. */
const STATEMENT_FOR_SENTENCE = cypher<{ documentId: string; sentence: string }, { id: string }>(
  'curation.statementForSentence',
  `MATCH (d:Entity {id: $documentId}) WHERE d:SourceDocument
   OPTIONAL MATCH (s:Statement {documentId: $documentId})
   WITH d, collect(s) AS statements
   WITH d, statements, [s IN statements WHERE s.text = $sentence | s.id][0] AS existing,
        reduce(last = -1, s IN statements | CASE WHEN s.position > last THEN s.position ELSE last END) AS last
   CALL (d, existing, last) {
     WITH d, existing, last WHERE existing IS NULL
     CREATE (s:Statement {id: d.id + '#' + toString(toInteger(last) + 1), documentId: d.id, position: toInteger(last) + 1, text: $sentence})
     RETURN s.id AS created
     UNION
     WITH existing WHERE existing IS NOT NULL
     RETURN existing AS created
   }
   RETURN created AS id`,
);

/**
 * Turns sources into statement ids: existing statements are checked, and a document with a sentence reuses the
 * document's identical statement or adds the sentence as its next statement.
 */
export async function resolveSources(tx: Tx, sources: SourceInput[]): Promise<string[]> {
  const refs: string[] = [];
  for (const [i, source] of sources.entries()) {
    const field = `sources[${i}]`;
    if (source.statementId && !source.documentId && !source.sentence) {
      const found = await tx.queryOne(STATEMENT_EXISTS, { id: source.statementId });
      if (!found) throw badInput(`${field}.statementId: "${source.statementId}" does not exist`);
      refs.push(found.id);
    } else if (source.documentId && source.sentence && !source.statementId) {
      if (!(await lockDocument(tx, source.documentId))) {
        throw badInput(`${field}.documentId: source document "${source.documentId}" does not exist`);
      }
      const row = await tx.queryOne(STATEMENT_FOR_SENTENCE, {
        documentId: source.documentId,
        sentence: source.sentence.trim(),
      });
      if (!row) throw badInput(`${field}.documentId: source document "${source.documentId}" does not exist`);
      refs.push(row.id);
    } else {
      throw badInput(`${field}: give either statementId, or documentId with sentence`);
    }
  }
  return [...new Set(refs)];
}

const UPDATE_NODE = cypher<
  {
    id: string;
    details: Record<string, unknown>;
    name: string;
    aliases: string[];
    searchKeys: string[];
    sortKey: string;
    refs: string[];
    periodStartDate: string | null;
    periodEndDate: string | null;
  },
  Record<string, never>
>(
  'curation.updateNode',
  `MATCH (n:Entity {id: $id})
   SET n += $details,
       n.name = $name,
       n.aliases = $aliases,
       n.searchKeys = $searchKeys,
       n.sortKey = $sortKey,
       n.sourceRefs = ${unionList('n.sourceRefs', '$refs')},
       n.periodStartDate = date($periodStartDate),
       n.periodEndDate = date($periodEndDate)
   SET n.aliasKeys = [key IN n.searchKeys WHERE key <> n.sortKey]`,
);

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;

/** Sets new values on a node, keeping its search and sort keys and period bounds in step. */
export async function updateNodeProperties(
  tx: Tx,
  before: Snapshot,
  changes: { name?: string; aliases?: string[]; details: Record<string, unknown>; sourceRefs: string[] },
): Promise<void> {
  const name = changes.name ?? before.name;
  const aliases = changes.aliases ?? asStrings(before.aliases) ?? [];
  const periodStart = asString(changes.details.periodStart) ?? asString(before.periodStart);
  const periodEnd = asString(changes.details.periodEnd) ?? asString(before.periodEnd);
  await tx.query(UPDATE_NODE, {
    id: before.id,
    details: toNeo4jProperties(changes.details),
    name,
    aliases,
    searchKeys: searchKeys(name, aliases),
    sortKey: normalizeText(name),
    refs: changes.sourceRefs,
    periodStartDate: periodStart ? (parsePartialDate(periodStart)?.firstDay ?? null) : null,
    periodEndDate: periodEnd ? (parsePartialDate(periodEnd)?.lastDay ?? null) : null,
  });
}

const UPDATE_DOCUMENT = cypher<
  { id: string; fields: Record<string, string>; title: string | null; sortKey: string | null; sentences: string[] },
  Record<string, never>
>(
  'curation.updateDocument',
  `MATCH (d:Entity {id: $id}) WHERE d:SourceDocument
   SET d += $fields
   FOREACH (_ IN CASE WHEN $title IS NULL THEN [] ELSE [1] END |
     SET d.name = $title, d.sortKey = $sortKey,
         d.searchKeys = CASE WHEN $sortKey IN d.searchKeys THEN d.searchKeys ELSE d.searchKeys + $sortKey END
     SET d.aliasKeys = [key IN d.searchKeys WHERE key <> d.sortKey])
   WITH d
   OPTIONAL MATCH (s:Statement {documentId: d.id})
   WITH d, toInteger(coalesce(max(s.position), -1)) AS last
   UNWIND range(0, size($sentences) - 1) AS i
   CREATE (:Statement {id: d.id + '#' + toString(last + 1 + i), documentId: d.id, position: last + 1 + i, text: $sentences[i]})`,
);

/** Sets document fields (the title is also its name) and appends sentences as its next statements. */
export async function updateDocument(
  tx: Tx,
  id: string,
  fields: Record<string, string>,
  addSentences: string[],
): Promise<void> {
  const title = fields.title;
  await tx.query(UPDATE_DOCUMENT, {
    id,
    fields,
    title: title ?? null,
    sortKey: title ? normalizeText(title) : null,
    sentences: addSentences,
  });
}

export interface StoredRelationship {
  id: string;
  type: RelationType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

type RelationshipKeyParams = { id: string; from: string; type: RelationType; to: string };

const RELATIONSHIP = cypher<RelationshipKeyParams, StoredRelationship>(
  'curation.relationship',
  `MATCH (a:Entity {id: $from})-[r:$($type) {id: $id}]->(b:Entity {id: $to})
   RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties`,
);

const DELETE_RELATIONSHIP = cypher<RelationshipKeyParams, Record<string, never>>(
  'curation.deleteRelationship',
  'MATCH (:Entity {id: $from})-[r:$($type) {id: $id}]->(:Entity {id: $to}) DELETE r',
);

/** The parameters that find a relationship by id through its start node's index; null for a malformed id. */
function relationshipKey(id: string): RelationshipKeyParams | null {
  const key = parseRelationshipId(id);
  return key ? { id, from: key.from, type: key.type, to: key.to } : null;
}

export async function readRelationship(tx: Tx, id: string): Promise<StoredRelationship | null> {
  const key = relationshipKey(id);
  const row = key ? await tx.queryOne(RELATIONSHIP, key) : undefined;
  return row ? { ...row, properties: plainProperties(row.properties) } : null;
}

export async function deleteRelationship(tx: Tx, id: string): Promise<void> {
  const key = relationshipKey(id);
  if (key) await tx.query(DELETE_RELATIONSHIP, key);
}

const SOFT_DELETE = cypher<{ id: string; label: string }, Record<string, never>>(
  'curation.softDelete',
  `MATCH (n:Entity {id: $id})
   REMOVE n:Entity, n:$($label)
   SET n:DeletedEntity, n.deletedAt = datetime()`,
);

/** Soft delete: the node leaves :Entity (and its kind label), so every read stops seeing it. */
export async function softDelete(tx: Tx, id: string, kind: NodeKind): Promise<void> {
  await tx.query(SOFT_DELETE, { id, label: labelOf(kind) });
}

const RESTORE = cypher<{ id: string; label: string }, Record<string, never>>(
  'curation.restore',
  `MATCH (n:Identity {id: $id}) WHERE n:DeletedEntity
   REMOVE n:DeletedEntity, n.deletedAt
   SET n:Entity, n:$($label)`,
);

export async function restore(tx: Tx, id: string, kind: NodeKind): Promise<void> {
  await tx.query(RESTORE, { id, label: labelOf(kind) });
}

/**
 * Cypher: moves the graph relationships of `m` (not its history's) to `s` one direction at a time; those between
 * the two are dropped. The new
 * id follows the relationship id format of graph-model.ts (`relationshipId`), with the survivor's id.
 */
const moveRelationships = (direction: 'OUT' | 'IN'): string => {
  const [pattern, create, newId] =
    direction === 'OUT'
      ? ['(m)-[r]->(o:Entity)', '(s)-[nr:$(t) {id: newId}]->(o)', "s.id + ':' + t + ':' + o.id"]
      : ['(o:Entity)-[r]->(m)', '(o)-[nr:$(t) {id: newId}]->(s)', "o.id + ':' + t + ':' + s.id"];
  return `
CALL (s, m) {
  MATCH ${pattern} WHERE o <> s
  WITH s, m, o, r, type(r) AS t, properties(r) AS props
  WITH s, m, o, r, t, props, ${newId} + coalesce(':' + props.periodStart, '') AS newId
  MERGE ${create}
  WITH r, nr, props, newId, coalesce(nr.sourceRefs, []) AS existingRefs
  SET nr += props
  SET nr.id = newId,
      nr.sourceRefs = ${unionList('existingRefs', 'props.sourceRefs')}
  DELETE r
  RETURN count(*) AS moved
}`;
};

const MERGE_INTO = cypher<{ survivorId: string; mergedId: string; label: string }, Record<string, never>>(
  'curation.merge',
  `MATCH (s:Entity {id: $survivorId}), (m:Entity {id: $mergedId})
   ${moveRelationships('OUT')}
   WITH s, m
   ${moveRelationships('IN')}
   WITH s, m
   OPTIONAL MATCH (m)-[between]-(s)
   DELETE between
   WITH DISTINCT s, m
   SET s.aliases = ${unionList('s.aliases', '[m.name] + coalesce(m.aliases, [])')},
       s.sourceRefs = ${unionList('s.sourceRefs', 'm.sourceRefs')},
       s.searchKeys = ${unionList('s.searchKeys', 'm.searchKeys')}
   SET s.aliasKeys = [key IN s.searchKeys WHERE key <> s.sortKey]
   REMOVE m:Entity, m:$($label)
   SET m:MergedEntity, m.mergedInto = s.id, m.mergedAt = datetime()
   WITH s, m
   OPTIONAL MATCH (earlier:MergedEntity {mergedInto: m.id})
   SET earlier.mergedInto = s.id`,
);

/**
 * Merges `mergedId` into `survivorId`: relationships, aliases (with the merged name), sources and search keys move
 * to the survivor; the merged node becomes a :MergedEntity pointing at it, so its id still resolves; earlier merges
 * into the merged node are redirected to the survivor.
 */
export async function mergeInto(tx: Tx, survivorId: string, mergedId: string, mergedKind: NodeKind): Promise<void> {
  await tx.query(MERGE_INTO, { survivorId, mergedId, label: labelOf(mergedKind) });
}
