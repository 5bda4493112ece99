/**
 * THE hook run after each committed batch of an import, inside that batch's transaction, with the ids of the
 * nodes the batch wrote or linked. Anything derived from imported nodes and relationships (e.g. materialised
 * partnerships) is refreshed here, once per batch, so it commits or rolls back with the batch. Does nothing yet.
 */
import type { Tx } from '../../db/database';

export async function afterImportBatch(_tx: Tx, _touchedNodeIds: ReadonlySet<string>): Promise<void> {
  // Intentionally empty until a derived structure needs refreshing after imports.
}
