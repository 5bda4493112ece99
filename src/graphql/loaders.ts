/**
 * Per-request DataLoaders: nested fields of many parents are fetched in one batched query per level,
 * so an operation makes a bounded number of Neo4j round trips whatever the size of its result.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database';
import {
  findNodesByIds,
  findRelated,
  findStatements,
  relatedKeyString,
  type RelatedEntry,
  type RelatedKey,
  type StatementRecord,
} from '../features/nodes/node.repository';
import type { Node } from '../features/nodes/node.types';
import {
  findPartnerships,
  partnersKeyString,
  type PartnershipsResult,
  type PartnersKey,
} from '../features/partners/partners.repository';

export interface Loaders {
  node: DataLoader<string, Node | null>;
  related: DataLoader<RelatedKey, RelatedEntry[], string>;
  statement: DataLoader<string, StatementRecord | null>;
  partners: DataLoader<PartnersKey, PartnershipsResult, string>;
}

/** A batch function from one that returns a map, answering `fallback` for keys it did not find. */
function fromMap<K, V, F>(
  fetch: (keys: readonly K[]) => Promise<Map<string, V>>,
  keyOf: (key: K) => string,
  fallback: F,
): (keys: readonly K[]) => Promise<(V | F)[]> {
  return async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(keyOf(key)) ?? fallback);
  };
}

const identity = (key: string): string => key;

/** Statements come with their documents; the node loader learns them, so `document` costs no round trip. */
function primeDocuments(node: Loaders['node'], statements: Iterable<StatementRecord>): void {
  for (const { document } of statements) if (document) node.prime(document.id, document);
}

/** Makes statements fetched by another query (and their documents) available to the loaders. */
export function primeStatements(loaders: Loaders, statements: StatementRecord[]): void {
  for (const statement of statements) loaders.statement.prime(statement.id, statement);
  primeDocuments(loaders.node, statements);
}

export function createLoaders(db: Database): Loaders {
  const node = new DataLoader(fromMap((ids: readonly string[]) => findNodesByIds(db, ids), identity, null));
  const statementsWithDocuments = async (ids: readonly string[]) => {
    const statements = await findStatements(db, ids);
    primeDocuments(node, statements.values());
    return statements;
  };
  const noPartnerships: PartnershipsResult = { exists: false, partnerships: [] };
  return {
    node,
    related: new DataLoader(
      fromMap((keys) => findRelated(db, keys), relatedKeyString, [] as RelatedEntry[]),
      {
        cacheKeyFn: relatedKeyString,
      },
    ),
    statement: new DataLoader(fromMap(statementsWithDocuments, identity, null)),
    partners: new DataLoader(
      fromMap((keys) => findPartnerships(db, keys), partnersKeyString, noPartnerships),
      {
        cacheKeyFn: partnersKeyString,
      },
    ),
  };
}
