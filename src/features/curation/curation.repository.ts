/**
 * Cypher for curating the graph. Every function runs inside the caller's write transaction, so a
 * mutation and its history record commit together or not at all.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../db/database';
import { unionList } from '../../db/cypher';
import { toNeo4jProperties } from '../../db/values';
import { labelOf, NodeKind } from '../../model/graph-model';
import type { Principal } from '../../shared/auth';
import { badInput } from '../../shared/errors';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText } from '../../shared/text';
import type { SourceInput } from './curation.inputs';
import type { ChangeActionEnum } from './curation.types';

/** Node properties as stored, with Neo4j temporals turned into strings so they serialize as JSON. */
export type Snapshot = Record<string, unknown>;

function plainProperties(properties: Record<string, unknown>): Snapshot {
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([key]) => key !== 'searchKeys' && key !== 'sortKey')
      .map(([key, value]) => [key, neo4j.isDate(value) || neo4j.isDateTime(value) ? String(value) : value]),
  );
}

/** The node's stored properties, or null when there is no live node with that id. */
export async function readSnapshot(tx: ManagedTransaction, id: string): Promise<Snapshot | null> {
  const result = await tx.run('MATCH (n:Entity {id: $id}) RETURN properties(n) AS properties', { id });
  const record = result.records[0];
  return record ? plainProperties(record.get('properties')) : null;
}

/** Of `ids`, those that are live nodes, and those that existed once (deleted or merged). */
export async function classifyIds(
  tx: ManagedTransaction,
  ids: string[],
): Promise<{ live: Set<string>; retired: Map<string, string> }> {
  const result = await tx.run(
    `MATCH (n:Identity) WHERE n.id IN $ids
     RETURN n.id AS id, n:Entity AS live,
            CASE WHEN n:MergedEntity THEN 'merged into "' + n.mergedInto + '"' ELSE 'deleted' END AS state`,
    { ids },
  );
  const live = new Set<string>();
  const retired = new Map<string, string>();
  for (const record of result.records) {
    if (record.get('live')) live.add(record.get('id'));
    else retired.set(record.get('id'), record.get('state'));
  }
  return { live, retired };
}

/** Fails with BAD_USER_INPUT naming the field when any id is not a live node. */
export async function requireLiveIds(tx: ManagedTransaction, fields: { field: string; id: string }[]): Promise<void> {
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
}

/** Fails when the id was ever used, live or not: ids are stable and never reused. */
export async function requireUnusedId(tx: ManagedTransaction, id: string): Promise<void> {
  const { live, retired } = await classifyIds(tx, [id]);
  if (live.has(id) || retired.has(id)) {
    const state = live.has(id) ? 'is taken' : `was used by a node that was ${retired.get(id)}`;
    throw badInput(`id: "${id}" ${state}`, { fields: [{ field: 'id', message: `"${id}" ${state}` }] });
  }
}

/**
 * Turns sources into statement ids: existing statements are checked, and a document with a sentence
 * reuses the document's identical statement or adds the sentence as its next statement.
 */
export async function resolveSources(tx: ManagedTransaction, sources: SourceInput[]): Promise<string[]> {
  const refs: string[] = [];
  for (const [i, source] of sources.entries()) {
    const field = `sources[${i}]`;
    if (source.statementId && !source.documentId && !source.sentence) {
      const found = await tx.run('MATCH (s:Statement {id: $id}) RETURN s.id AS id', { id: source.statementId });
      if (found.records.length === 0) throw badInput(`${field}.statementId: "${source.statementId}" does not exist`);
      refs.push(source.statementId);
    } else if (source.documentId && source.sentence && !source.statementId) {
      const result = await tx.run(
        `MATCH (d:SourceDocument:Entity {id: $documentId})
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
        { documentId: source.documentId, sentence: source.sentence.trim() },
      );
      const id = result.records[0]?.get('id') as string | undefined;
      if (!id) throw badInput(`${field}.documentId: source document "${source.documentId}" does not exist`);
      refs.push(id);
    } else {
      throw badInput(`${field}: give either statementId, or documentId with sentence`);
    }
  }
  return [...new Set(refs)];
}

/** The actions of the history, as the GraphQL enum ChangeAction spells them. */
export type ChangeAction = `${ChangeActionEnum}`;

/** Appends to the history: who, when, what, with the state before and after. */
export async function recordChange(
  tx: ManagedTransaction,
  actor: Pick<Principal, 'name' | 'role'>,
  action: ChangeAction,
  targetIds: string[],
  summary: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.run(
    `CREATE (:Change {id: randomUUID(), at: datetime(), actor: $actor, role: $role, action: $action,
                      targetIds: $targetIds, summary: $summary, before: $before, after: $after})`,
    {
      actor: actor.name,
      role: actor.role,
      action,
      targetIds: [...new Set(targetIds)],
      summary,
      before: before === null || before === undefined ? null : JSON.stringify(before),
      after: after === null || after === undefined ? null : JSON.stringify(after),
    },
  );
}

/** Sets new values on a node, keeping its search and sort keys and period bounds in step. */
export async function updateNodeProperties(
  tx: ManagedTransaction,
  id: string,
  before: Snapshot,
  changes: { name?: string; aliases?: string[]; details: Record<string, unknown>; sourceRefs: string[] },
): Promise<void> {
  const name = changes.name ?? (before.name as string);
  const aliases = changes.aliases ?? (before.aliases as string[] | undefined) ?? [];
  const periodStart = (changes.details.periodStart ?? before.periodStart) as string | undefined;
  const periodEnd = (changes.details.periodEnd ?? before.periodEnd) as string | undefined;
  await tx.run(
    `MATCH (n:Entity {id: $id})
     SET n += $details,
         n.name = $name,
         n.aliases = $aliases,
         n.searchKeys = $searchKeys,
         n.sortKey = $sortKey,
         n.sourceRefs = ${unionList('n.sourceRefs', '$refs')},
         n.periodStartDate = date($periodStartDate),
         n.periodEndDate = date($periodEndDate)`,
    {
      id,
      details: toNeo4jProperties(changes.details),
      name,
      aliases,
      searchKeys: [...new Set([name, ...aliases].map(normalizeText))],
      sortKey: normalizeText(name),
      refs: changes.sourceRefs,
      periodStartDate: periodStart ? (parsePartialDate(periodStart)?.firstDay ?? null) : null,
      periodEndDate: periodEnd ? (parsePartialDate(periodEnd)?.lastDay ?? null) : null,
    },
  );
}

/** Sets document fields (the title is also its name) and appends sentences as its next statements. */
export async function updateDocument(
  tx: ManagedTransaction,
  id: string,
  fields: Record<string, string>,
  addSentences: string[],
): Promise<void> {
  const title = fields.title;
  await tx.run(
    `MATCH (d:SourceDocument:Entity {id: $id})
     SET d += $fields
     FOREACH (_ IN CASE WHEN $title IS NULL THEN [] ELSE [1] END |
       SET d.name = $title, d.sortKey = $sortKey,
           d.searchKeys = CASE WHEN $sortKey IN d.searchKeys THEN d.searchKeys ELSE d.searchKeys + $sortKey END)
     WITH d
     OPTIONAL MATCH (s:Statement {documentId: d.id})
     WITH d, toInteger(coalesce(max(s.position), -1)) AS last
     UNWIND range(0, size($sentences) - 1) AS i
     CREATE (:Statement {id: d.id + '#' + toString(last + 1 + i), documentId: d.id, position: last + 1 + i, text: $sentences[i]})`,
    { id, fields, title: title ?? null, sortKey: title ? normalizeText(title) : null, sentences: addSentences },
  );
}

export interface StoredRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  properties: Snapshot;
}

export async function readRelationship(tx: ManagedTransaction, id: string): Promise<StoredRelationship | null> {
  const result = await tx.run(
    `MATCH (a:Entity)-[r {id: $id}]->(b:Entity)
     RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties`,
    { id },
  );
  const record = result.records[0];
  if (!record) return null;
  return {
    id: record.get('id'),
    type: record.get('type'),
    from: record.get('from'),
    to: record.get('to'),
    properties: plainProperties(record.get('properties')),
  };
}

export async function deleteRelationship(tx: ManagedTransaction, id: string): Promise<void> {
  await tx.run('MATCH (:Entity)-[r {id: $id}]->(:Entity) DELETE r', { id });
}

/** Soft delete: the node leaves :Entity (and its kind label), so every read stops seeing it. */
export async function softDelete(tx: ManagedTransaction, id: string, kind: NodeKind): Promise<void> {
  await tx.run(
    `MATCH (n:Entity {id: $id})
     REMOVE n:Entity, n:$($label)
     SET n:DeletedEntity, n.deletedAt = datetime()`,
    { id, label: labelOf(kind) },
  );
}

export async function readDeleted(tx: ManagedTransaction, id: string): Promise<Snapshot | null> {
  const result = await tx.run('MATCH (n:DeletedEntity {id: $id}) RETURN properties(n) AS properties', { id });
  const record = result.records[0];
  return record ? plainProperties(record.get('properties')) : null;
}

export async function restore(tx: ManagedTransaction, id: string, kind: NodeKind): Promise<void> {
  await tx.run(
    `MATCH (n:DeletedEntity {id: $id})
     REMOVE n:DeletedEntity, n.deletedAt
     SET n:Entity, n:$($label)`,
    { id, label: labelOf(kind) },
  );
}

/** Cypher: moves relationships of `m` to `s` one direction at a time; those between the two are dropped. */
const moveRelationships = (direction: 'OUT' | 'IN'): string => {
  const [pattern, create, newId] =
    direction === 'OUT'
      ? ['(m)-[r]->(o)', '(s)-[nr:$(t) {id: newId}]->(o)', "s.id + ':' + t + ':' + o.id"]
      : ['(o)-[r]->(m)', '(o)-[nr:$(t) {id: newId}]->(s)', "o.id + ':' + t + ':' + s.id"];
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

/**
 * Merges `mergedId` into `survivorId`: relationships, aliases (with the merged name), sources and search
 * keys move to the survivor; the merged node becomes a :MergedEntity pointing at it, so its id still
 * resolves; earlier merges into the merged node are redirected to the survivor.
 */
export async function mergeInto(
  tx: ManagedTransaction,
  survivorId: string,
  mergedId: string,
  mergedKind: NodeKind,
): Promise<void> {
  await tx.run(
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
     REMOVE m:Entity, m:$($label)
     SET m:MergedEntity, m.mergedInto = s.id, m.mergedAt = datetime()
     WITH s, m
     OPTIONAL MATCH (earlier:MergedEntity {mergedInto: m.id})
     SET earlier.mergedInto = s.id`,
    { survivorId, mergedId, label: labelOf(mergedKind) },
  );
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

/** The changes that concern a node id, newest first. */
export async function readHistory(db: Database, id: string, limit: number): Promise<ChangeRecord[]> {
  const result = await db.query(
    `MATCH (c:Change) WHERE $id IN c.targetIds
     RETURN c {.*, at: toString(c.at)} AS change
     ORDER BY c.at DESC LIMIT toInteger($limit)`,
    { id, limit },
  );
  return result.records.map((record) => {
    const change = record.get('change') as Omit<ChangeRecord, 'before' | 'after'> & {
      before: string | null;
      after: string | null;
    };
    return {
      ...change,
      before: change.before == null ? null : JSON.parse(change.before),
      after: change.after == null ? null : JSON.parse(change.after),
    };
  });
}
