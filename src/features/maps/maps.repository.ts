/**
 * Cypher for saved maps. A map is one (:ExplorerMap) node: its nodes and notes are parallel lists (ids, x, y,
 * captions), so Neo4j stores plain typed values and nothing has to be parsed back. Writes run inside the caller's
 * transaction (a `mutate`), so a save and its history record commit together.
 */
import { cypher } from '../../db/cypher';
import type { Database, Tx } from '../../db/database';
import { isConstraintViolation } from '../../db/database';
import { isRelationType, type RelationType } from '../../model/graph-model';
import { conflict } from '../../shared/errors';
import type { ExplorerMap, MapInput } from './maps.types';

/** The stored form of a map's content: parallel lists, with '' for "no caption" (Neo4j lists hold no nulls). */
interface StoredContent {
  title: string;
  description: string | null;
  nodeIds: string[];
  nodeX: number[];
  nodeY: number[];
  nodeCaptions: string[];
  noteTexts: string[];
  noteX: number[];
  noteY: number[];
  zoom: number | null;
  centerX: number | null;
  centerY: number | null;
  hiddenTypes: string[];
  activeAt: string | null;
  // The rest of the view, so that the map reopens as its author saw it.
  hiddenNodeIds: string[];
  expandedIds: string[];
  /** Null: every relationship among the nodes (maps saved before the drawn ones were kept). */
  edgeIds: string[] | null;
  edgeLabels: boolean;
  sizeBy: string | null;
}

interface StoredMap extends StoredContent {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

const MAP_PROJECTION = (m: string): string =>
  `${m} {.id, .title, .description, .nodeIds, .nodeX, .nodeY, .nodeCaptions, .noteTexts, .noteX, .noteY,
        .zoom, .centerX, .centerY, .hiddenTypes, .activeAt, .version, .createdBy, .updatedBy,
        hiddenNodeIds: coalesce(${m}.hiddenNodeIds, []), expandedIds: ${m}.expandedIds, .edgeIds,
        edgeLabels: coalesce(${m}.edgeLabels, false), .sizeBy,
        createdAt: toString(${m}.createdAt), updatedAt: toString(${m}.updatedAt)}`;

export function toStoredContent(input: MapInput): StoredContent {
  const notes = input.notes ?? [];
  return {
    title: input.title,
    description: input.description ?? null,
    nodeIds: input.nodes.map((node) => node.id),
    nodeX: input.nodes.map((node) => node.x),
    nodeY: input.nodes.map((node) => node.y),
    nodeCaptions: input.nodes.map((node) => node.caption ?? ''),
    noteTexts: notes.map((note) => note.text),
    noteX: notes.map((note) => note.x),
    noteY: notes.map((note) => note.y),
    zoom: input.viewport?.zoom ?? null,
    centerX: input.viewport?.x ?? null,
    centerY: input.viewport?.y ?? null,
    hiddenTypes: [...new Set(input.hiddenTypes ?? [])],
    activeAt: input.activeAt ?? null,
    hiddenNodeIds: [...new Set(input.hiddenNodes ?? [])],
    // Not given: every node is opened (what maps saved before this meant).
    expandedIds: [...new Set(input.expanded ?? input.nodes.map((node) => node.id))],
    edgeIds: input.edgeIds ? [...new Set(input.edgeIds)] : null,
    edgeLabels: input.edgeLabels ?? false,
    sizeBy: input.sizeBy ?? null,
  };
}

function toMap(stored: StoredMap): ExplorerMap {
  const { zoom, centerX, centerY } = stored;
  return {
    id: stored.id,
    title: stored.title,
    description: stored.description ?? null,
    nodes: stored.nodeIds.map((id, i) => ({
      id,
      x: stored.nodeX[i] ?? 0,
      y: stored.nodeY[i] ?? 0,
      caption: stored.nodeCaptions[i] || null,
    })),
    notes: stored.noteTexts.map((text, i) => ({ text, x: stored.noteX[i] ?? 0, y: stored.noteY[i] ?? 0 })),
    viewport: zoom != null && centerX != null && centerY != null ? { zoom, x: centerX, y: centerY } : null,
    hiddenTypes: stored.hiddenTypes.filter((type): type is RelationType => isRelationType(type)),
    activeAt: stored.activeAt ?? null,
    hiddenNodes: stored.hiddenNodeIds,
    expanded: stored.expandedIds ?? stored.nodeIds,
    edgeIds: stored.edgeIds ?? null,
    edgeLabels: stored.edgeLabels,
    sizeBy: stored.sizeBy ?? null,
    version: stored.version,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    createdBy: stored.createdBy,
    updatedBy: stored.updatedBy,
  };
}

const MAP_BY_ID = cypher<{ id: string }, { map: StoredMap }>(
  'maps.byId',
  `MATCH (m:ExplorerMap {id: $id}) RETURN ${MAP_PROJECTION('m')} AS map`,
);

export async function findMap(db: Database, id: string): Promise<ExplorerMap | null> {
  const row = await db.queryOne(MAP_BY_ID, { id });
  return row ? toMap(row.map) : null;
}

// Newest first through the updatedAt index; the id breaks ties so that pages never overlap.
const LIST_MAPS = cypher<{ offset: number; limit: number }, { map: StoredMap }>(
  'maps.list',
  `MATCH (m:ExplorerMap) WHERE m.updatedAt IS NOT NULL
   WITH m ORDER BY m.updatedAt DESC, m.id
   SKIP toInteger($offset) LIMIT toInteger($limit)
   RETURN ${MAP_PROJECTION('m')} AS map`,
);

const COUNT_MAPS = cypher<Record<string, never>, { count: number }>(
  'maps.count',
  'MATCH (m:ExplorerMap) RETURN count(m) AS count',
);

export async function listMaps(
  db: Database,
  offset: number,
  limit: number,
): Promise<{ maps: ExplorerMap[]; totalCount: number }> {
  const [rows, count] = await Promise.all([db.query(LIST_MAPS, { offset, limit }), db.queryOne(COUNT_MAPS, {})]);
  return { maps: rows.map((row) => toMap(row.map)), totalCount: count?.count ?? 0 };
}

/**
 * Cypher: the whole content of the map `m` from the parameters of StoredContent (title, layout, notes, the view:
 * hidden and opened nodes, drawn relationships, labels, sizing), then the map as read back. Create and update
 * share it, so that a field added to maps is written by both.
 */
const SET_CONTENT_RETURN_MAP = `SET m.title = $title, m.description = $description,
       m.nodeIds = $nodeIds, m.nodeX = $nodeX, m.nodeY = $nodeY, m.nodeCaptions = $nodeCaptions,
       m.noteTexts = $noteTexts, m.noteX = $noteX, m.noteY = $noteY,
       m.zoom = $zoom, m.centerX = $centerX, m.centerY = $centerY,
       m.hiddenTypes = $hiddenTypes, m.activeAt = $activeAt,
       m.hiddenNodeIds = $hiddenNodeIds, m.expandedIds = $expandedIds, m.edgeIds = $edgeIds,
       m.edgeLabels = $edgeLabels, m.sizeBy = $sizeBy
   RETURN ${MAP_PROJECTION('m')} AS map`;

const CREATE_MAP = cypher<StoredContent & { id: string; actor: string }, { map: StoredMap }>(
  'maps.create',
  `CREATE (m:ExplorerMap {id: $id, version: 1, createdAt: datetime(), createdBy: $actor})
   SET m.updatedAt = m.createdAt, m.updatedBy = $actor
   ${SET_CONTENT_RETURN_MAP}`,
);

/** Creates the map; CONFLICT when the id is taken (also by a concurrent save: the uniqueness constraint decides). */
export async function createMap(tx: Tx, id: string, content: StoredContent, actor: string): Promise<ExplorerMap> {
  try {
    const row = await tx.queryOne(CREATE_MAP, { ...content, id, actor });
    if (!row) throw new Error(`map "${id}" was not created`);
    return toMap(row.map);
  } catch (error) {
    if (isConstraintViolation(error)) throw mapIdTaken(id);
    throw error;
  }
}

export const mapIdTaken = (id: string) =>
  conflict(`map id "${id}" is taken`, { fields: [{ field: 'id', message: `"${id}" is taken` }] });

// A property set and removed takes the node's write lock (no change remains): a concurrent save of the same map
// waits, then reads the version this one wrote.
const LOCK_MAP = cypher<{ id: string }, { map: StoredMap }>(
  'maps.lock',
  `MATCH (m:ExplorerMap {id: $id})
   SET m.lockedForSave = true
   REMOVE m.lockedForSave
   RETURN ${MAP_PROJECTION('m')} AS map`,
);

/** Locks the map for this transaction and reads it; null when there is none. */
export async function lockMap(tx: Tx, id: string): Promise<ExplorerMap | null> {
  const row = await tx.queryOne(LOCK_MAP, { id });
  return row ? toMap(row.map) : null;
}

const UPDATE_MAP = cypher<StoredContent & { id: string; actor: string }, { map: StoredMap }>(
  'maps.update',
  `MATCH (m:ExplorerMap {id: $id})
   SET m.version = m.version + 1, m.updatedAt = datetime(), m.updatedBy = $actor
   ${SET_CONTENT_RETURN_MAP}`,
);

/** Writes the next version of a map this transaction has locked (lockMap). */
export async function updateMap(tx: Tx, id: string, content: StoredContent, actor: string): Promise<ExplorerMap> {
  const row = await tx.queryOne(UPDATE_MAP, { ...content, id, actor });
  if (!row) throw new Error(`map "${id}" vanished while locked`);
  return toMap(row.map);
}

const DELETE_MAP = cypher<{ id: string }, { id: string }>(
  'maps.delete',
  'MATCH (m:ExplorerMap {id: $id}) WITH m, m.id AS id DELETE m RETURN id',
);

export async function deleteMap(tx: Tx, id: string): Promise<boolean> {
  return (await tx.queryOne(DELETE_MAP, { id })) !== undefined;
}

/** What the graph says today about an id a map names. */
export interface IdState {
  id: string;
  state: 'LIVE' | 'MERGED' | 'DELETED' | 'UNKNOWN';
  name: string | null;
  mergedInto: string | null;
  /** For MERGED: whether the node it was merged into is live. */
  survivorLive: boolean;
}

const ID_STATES = cypher<{ ids: string[] }, IdState>(
  'maps.idStates',
  `UNWIND $ids AS id
   OPTIONAL MATCH (n:Identity {id: id})
   OPTIONAL MATCH (s:Entity {id: n.mergedInto})
   RETURN id, n.name AS name, n.mergedInto AS mergedInto, s IS NOT NULL AS survivorLive,
          CASE WHEN n IS NULL THEN 'UNKNOWN' WHEN n:Entity THEN 'LIVE' WHEN n:MergedEntity THEN 'MERGED'
               ELSE 'DELETED' END AS state`,
);

/** The state of each id (merges are followed to their survivor, which is kept up to date by every merge). */
export async function readIdStates(db: Database, ids: readonly string[]): Promise<Map<string, IdState>> {
  const rows = await db.query(ID_STATES, { ids: [...new Set(ids)] });
  return new Map(rows.map((row) => [row.id, row]));
}
