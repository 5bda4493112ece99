/**
 * What must follow an import, in one place: the data derived from the imported facts (the materialised
 * partnerships) is brought up to date.
 *
 * - `afterImportBatch` runs after each batch of an online import, inside that batch's transaction, with what the
 *   batch changed (writeRows' WrittenChanges: rows written again as the graph holds them are not there), and
 *   rewrites the partnerships those changes can change set-based, in one statement (refreshPartnerships); the
 *   refresh commits or rolls back with the batch. An agreement re-written with the same parties and status
 *   costs nothing.
 * - `afterBulkLoad` runs once after the neo4j-admin fast path has loaded an empty database (there are no
 *   transactions to hook into), when the server runs again and the migrations are applied: a full rebuild, and
 *   the provenance edges of every node.
 */
import type { Database, Tx } from '../../db/database';
import { RelationType } from '../../model/graph-model';
import {
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  markPartnershipsStale,
  rebuildAllPartnerships,
  refreshPartnerships,
  STRUCTURE_TYPES,
} from '../partners/partnerships';
import type { WrittenChanges } from './dataset.repository';
import { linkAllProvenance } from '../provenance/provenance';

export async function afterImportBatch(tx: Tx, { nodes, relationships }: WrittenChanges): Promise<void> {
  // An agreement's status and an event's or agreement's name (the order of entries) are read by partnerships.
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
  await refreshPartnerships(tx, { evidence, facts, nodes: [...structure] });
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
