/**
 * Saving maps. Each write is one `mutate`, so it is recorded in the history (who saved which map, before and
 * after) and a retried request with the same Idempotency-Key answers the first save instead of saving twice.
 * Maps are not graph nodes: their changes concern no node. A map belongs to whoever saved it first: an editor
 * changes and deletes its own maps only, an admin any (FORBIDDEN otherwise).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database';
import { MAX_SLUG_LENGTH } from '../../model/graph-model';
import { appError, badInput, conflict, ErrorCode, notFound } from '../../shared/errors';
import { normalizeText } from '../../shared/text';
import { ChangeAction } from '../history/change-action';
import type { Actor } from '../history/history.repository';
import { mutate } from '../history/mutate';
import {
  createMap as insertMap,
  deleteMap as removeMap,
  lockMap,
  toStoredContent,
  updateMap as writeMap,
} from './maps.repository';
import type { CreateMapInput, ExplorerMap, MapInput } from './maps.types';

/** A map's default id: its title as a slug, and a random tail so that two maps of one title do not collide. */
export function mapIdFor(title: string): string {
  const slug = normalizeText(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH - 9)
    .replace(/-+$/, '');
  const tail = randomBytes(4).toString('hex');
  return slug ? `${slug}-${tail}` : `mapa-${tail}`;
}

/** Only the map's maker, or an admin, may change or delete it. */
function checkOwner(actor: Actor, map: { id: string; createdBy: string }, verb: string): void {
  if (actor.role === 'admin' || map.createdBy === actor.name) return;
  throw appError(
    ErrorCode.FORBIDDEN,
    `map "${map.id}" belongs to ${map.createdBy}: only its maker or an admin may ${verb} it`,
    {
      id: map.id,
    },
  );
}

/** Each node once: a map is a set of placed nodes. */
function checkNodes(input: MapInput): void {
  const seen = new Set<string>();
  const repeated = input.nodes.filter((node) => (seen.has(node.id) ? true : (seen.add(node.id), false)));
  if (repeated.length > 0) {
    const ids = [...new Set(repeated.map((node) => `"${node.id}"`))].join(', ');
    throw badInput(`nodes: ${ids} placed more than once`, { fields: [{ field: 'nodes', message: 'repeated ids' }] });
  }
}

export function createMap(db: Database, actor: Actor, input: CreateMapInput): Promise<ExplorerMap> {
  checkNodes(input);
  const id = input.id ?? mapIdFor(input.title);
  return mutate(db, actor, ChangeAction.CREATE, async (tx) => {
    const map = await insertMap(tx, id, toStoredContent(input), actor.name);
    return { result: map, concerns: [], summary: `saved map "${map.title}" (${id})`, before: null, after: map };
  });
}

export function updateMap(
  db: Database,
  actor: Actor,
  id: string,
  version: number,
  input: MapInput,
): Promise<ExplorerMap> {
  checkNodes(input);
  return mutate(db, actor, ChangeAction.UPDATE, async (tx) => {
    const before = await lockMap(tx, id);
    if (!before) throw notFound('Map', id);
    checkOwner(actor, before, 'change');
    if (before.version !== version) {
      throw conflict(
        `map "${id}" is at version ${before.version}, not ${version}: ${before.updatedBy} saved it meanwhile; open it again`,
        { currentVersion: before.version },
      );
    }
    const after = await writeMap(tx, id, toStoredContent(input), actor.name);
    return {
      result: after,
      concerns: [],
      summary: `saved map "${after.title}" (${id}) v${after.version}`,
      before,
      after,
    };
  });
}

export function deleteMap(db: Database, actor: Actor, id: string): Promise<boolean> {
  return mutate(db, actor, ChangeAction.DELETE, async (tx) => {
    const before = await lockMap(tx, id);
    if (!before) throw notFound('Map', id);
    checkOwner(actor, before, 'delete');
    await removeMap(tx, id);
    return { result: true, concerns: [], summary: `deleted map "${before.title}" (${id})`, before, after: null };
  });
}
