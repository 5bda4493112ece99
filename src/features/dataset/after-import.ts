/**
 * What must follow an import, in one place: the data derived from the imported facts (the materialised
 * partnerships) is brought up to date.
 *
 * - `afterImportBatch` runs after each batch of an online import, inside that batch's transaction, with the
 *   relationships it wrote: partnerships change with agreements, events and parts, and the refresh commits or
 *   rolls back with the batch.
 * - `afterBulkLoad` runs once after the neo4j-admin fast path has loaded an empty database (there are no
 *   transactions to hook into), when the server runs again and the migrations are applied: a full rebuild.
 */
import type { Database, Tx } from '../../db/database';
import { RelationType, type NodeKind } from '../../model/graph-model';
import {
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  rebuildAllPartnerships,
  refreshEvidence,
  refreshNodes,
  STRUCTURE_TYPES,
} from '../partners/partnerships';

export async function afterImportBatch(
  tx: Tx,
  {
    nodes,
    relationships,
  }: {
    nodes: readonly { id: string; kind: NodeKind }[];
    relationships: readonly { from: string; type: RelationType; to: string }[];
  },
): Promise<void> {
  // An agreement's status decides how its parties partner: agreements and events written again count too.
  const evidence = new Set(nodes.filter((node) => EVIDENCE_KINDS.has(node.kind)).map((node) => node.id));
  const structure = new Set<string>();
  for (const { from, type, to } of relationships) {
    // HELD_AT points from the event; the other evidence types to the agreement or event.
    if (EVIDENCE_TYPES.has(type)) evidence.add(type === RelationType.HELD_AT ? from : to);
    if (STRUCTURE_TYPES.has(type)) structure.add(from).add(to);
  }
  await refreshEvidence(tx, [...evidence]);
  await refreshNodes(tx, [...structure]);
}

export async function afterBulkLoad(db: Database): Promise<void> {
  await rebuildAllPartnerships(db);
}
