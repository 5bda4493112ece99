/**
 * THE hooks for data derived from imported nodes and relationships (e.g. materialised partnerships). Both do
 * nothing yet; whatever must follow an import is called from here and nowhere else.
 *
 * - `afterImportBatch` runs after each batch of an online import, inside that batch's transaction, with the ids of
 *   the nodes the batch wrote or linked, so the refresh commits or rolls back with the batch.
 * - `afterBulkLoad` runs once after the neo4j-admin fast path has loaded an empty database (no transactions there
 *   to hook into), when the server runs again and the migrations are applied: a full rebuild belongs here.
 */
import type { Database, Tx } from '../../db/database';

export async function afterImportBatch(_tx: Tx, _touchedNodeIds: ReadonlySet<string>): Promise<void> {
  // Intentionally empty until a derived structure needs refreshing after imports.
}

export async function afterBulkLoad(_db: Database): Promise<void> {
  // Intentionally empty until a derived structure needs rebuilding after a bulk load.
}
