/**
 * What must follow an import, in one place: the data derived from the imported facts (the materialised
 * partnerships) is brought up to date.
 *
 * - `afterImportBatch` runs after each batch of an online import, inside that batch's transaction, with the
 *   relationships it wrote: partnerships change with agreements, events and parts, and the refresh commits or
 *   rolls back with the batch.
 * - `afterBulkLoad` runs once after the neo4j-admin fast path has loaded an empty database (there are no
 *   transactions to hook into), when the server runs again and the migrations are applied: a full rebuild, and
 *   the provenance edges of every node.
 */
import type { Database, Tx } from '../../db/database';
import { RelationType, type NodeKind } from '../../model/graph-model';
import {
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  markPartnershipsStale,
  rebuildAllPartnerships,
  refreshEvidence,
  refreshNewFacts,
  refreshNodes,
  STRUCTURE_TYPES,
} from '../partners/partnerships';
import { linkAllProvenance } from '../provenance/provenance';

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
  // An agreement's status decides how its parties partner: agreements and events written again count whole.
  const evidence = nodes.filter((node) => EVIDENCE_KINDS.has(node.kind)).map((node) => node.id);
  const facts: { actor: string; evidence: string; type: RelationType }[] = [];
  const structure = new Set<string>();
  for (const { from, type, to } of relationships) {
    // HELD_AT points from the event to its venue; the other evidence types from the actor to the agreement or event.
    if (EVIDENCE_TYPES.has(type)) {
      facts.push(
        type === RelationType.HELD_AT ? { actor: to, evidence: from, type } : { actor: from, evidence: to, type },
      );
    }
    if (STRUCTURE_TYPES.has(type)) structure.add(from).add(to);
  }
  await refreshEvidence(tx, evidence);
  await refreshNewFacts(tx, facts);
  await refreshNodes(tx, [...structure]);
}

/**
 * A batch of an import that defers the derived data: the partnerships are marked out of date in the batch's
 * transaction (a crash before `afterBulkLoad` leaves them so, and the next start rebuilds them).
 */
export async function deferredImportBatch(tx: Tx): Promise<void> {
  await markPartnershipsStale(tx);
}

export async function afterBulkLoad(db: Database): Promise<void> {
  await rebuildAllPartnerships(db);
  await linkAllProvenance(db);
}
