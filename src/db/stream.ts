/**
 * Rows of one read query as Neo4j sends them, for results too large to hold (exports). The driver pulls
 * records in batches and pauses while the consumer is busy, so memory stays constant on both sides as long as
 * the query itself needs no whole-result operator (sort, collect). Stopping the iteration early (a client that
 * went away) closes the transaction.
 */
import type { Cypher } from './cypher';
import type { Database } from './database';

export interface StreamOptions {
  /** Neo4j terminates the transaction after this long (an export of a large graph takes a while). */
  timeoutMs?: number;
  operation?: string;
}

export async function* streamQuery<Params extends object, Row extends object>(
  db: Database,
  query: Cypher<Params, Row>,
  params: Params,
  options: StreamOptions = {},
): AsyncGenerator<Row> {
  const { session, release } = db.session('READ');
  const timing = db.instruments.streamed(query.name);
  const tx = session.beginTransaction({
    timeout: options.timeoutMs,
    metadata: { app: 'iecm-graph', operation: options.operation ?? query.name },
  });
  try {
    for await (const record of tx.run(query.text, params)) {
      // As in Tx.query: where Neo4j's untyped records meet the declared row type.
      yield record.toObject() as Row;
    }
    await tx.commit();
  } catch (error) {
    timing.failed();
    throw error;
  } finally {
    timing.done();
    if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    await release();
  }
}
