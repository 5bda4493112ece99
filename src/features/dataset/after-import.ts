/**
 * What must follow an import, in one place: the data derived from the imported facts (the materialised
 * partnerships) is brought up to date.
 *
 * - `afterImportBatch` runs after each batch of an online import, inside that batch's transaction, with what the
 *   batch changed (writeRows' WrittenChanges: rows written again as the graph holds them are not there), and
 *   rewrites the partnerships those changes can change set-based, in one statement (refreshPartnerships); the
 *   refresh commits or rolls back with the batch. An agreement re-written with the same parties and status
 *   costs nothing.
 * - `afterBulkLoad` runs once after an online import that deferred them: a full rebuild, and the provenance edges
 *   of every node.
 * - `afterAdminLoad` runs once after the neo4j-admin fast path has loaded an empty database, when the server runs
 *   again and the migrations are applied. The partnerships came with the load (computed from the rows,
 *   admin-csv.ts): what is left is what neo4j-admin cannot write (a few lists, the rankings, which hold element
 *   ids of the loaded relationships) and the marker that they are built; the provenance edges too, unless the load
 *   brought them.
 */
import type { Database, Tx } from '../../db/database';
import { RelationType } from '../../model/graph-model';
import {
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  markPartnershipsBuilt,
  markPartnershipsStale,
  rebuildAllPartnerships,
  refreshPartnerships,
  rerankPartners,
  setPartnershipLists,
  STRUCTURE_TYPES,
} from '../partners/partnerships';
import type { AdminPartnerships } from './admin-csv';
import type { WrittenChanges } from './dataset.repository';
import { linkAllProvenance } from '../provenance/provenance';
import { secondsSince } from '../../shared/seconds';

export async function afterImportBatch(tx: Tx, { nodes, relationships }: WrittenChanges): Promise<void> {
  // An agreement's status and an event's or agreement's name (the order of entries) are read by partnerships; an
  // actor's name orders it among the partners of a node that keeps a ranking.
  const evidence = nodes.filter((node) => EVIDENCE_KINDS.has(node.kind)).map((node) => node.id);
  const renamed = nodes.filter((node) => !EVIDENCE_KINDS.has(node.kind)).map((node) => node.id);
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
  await refreshPartnerships(tx, { evidence, facts, nodes: [...structure], renamed });
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

/** Seconds each step of `afterAdminLoad` took. */
export interface AdminLoadSeconds {
  partnershipLists: number;
  rankings: number;
  provenance: number;
}

/**
 * `provenanceLinked`: the load brought every node's provenance edges as CSV rows (admin-csv.ts; migration 0017 is
 * then only recorded): linking again would only read it all once more.
 */
export async function afterAdminLoad(
  db: Database,
  partnerships: AdminPartnerships,
  provenanceLinked: boolean,
): Promise<AdminLoadSeconds> {
  let started = performance.now();
  for (const starts of partnerships.fixBatches) await db.write((tx) => setPartnershipLists(tx, starts));
  const partnershipLists = secondsSince(started);
  started = performance.now();
  // The nodes with enough partners, a few per batch: each ranking reads all of the node's partnerships.
  for (let offset = 0; offset < partnerships.dense.length; offset += 50) {
    const ids = partnerships.dense.slice(offset, offset + 50);
    await db.write((tx) => rerankPartners(tx, ids));
  }
  await db.write((tx) => markPartnershipsBuilt(tx));
  const rankings = secondsSince(started);
  started = performance.now();
  if (!provenanceLinked) await linkAllProvenance(db);
  return { partnershipLists, rankings, provenance: secondsSince(started) };
}
