/**
 * Per-request DataLoaders: nested fields of many parents are fetched in one batched query per level, so an
 * operation makes a bounded number of Neo4j round trips whatever the size of its result.
 *
 * Each feature declares its own loaders as factories (nodes/node.loaders.ts, partners/partners.loaders.ts...);
 * the registry makes one instance per factory per request, on first use. The registry knows no feature, so
 * this plumbing depends on none of them.
 */
import type DataLoader from 'dataloader';
import type { Database } from '../db/database';

export type LoaderFactory<K, V, C = K> = (db: Database, loaders: LoaderRegistry) => DataLoader<K, V, C>;

export class LoaderRegistry {
  private readonly instances = new Map<unknown, unknown>();

  constructor(private readonly db: Database) {}

  /** This request's loader made by `factory`. */
  get<K, V, C>(factory: LoaderFactory<K, V, C>): DataLoader<K, V, C> {
    let loader = this.instances.get(factory);
    if (!loader) {
      loader = factory(this.db, this);
      this.instances.set(factory, loader);
    }
    // Keyed by its factory, the instance is what that factory returned.
    return loader as DataLoader<K, V, C>;
  }
}

/** A batch function from one that returns a map, answering `fallback` for keys it did not find. */
export function fromMap<K, V, F>(
  fetch: (keys: readonly K[]) => Promise<Map<string, V>>,
  keyOf: (key: K) => string,
  fallback: F,
): (keys: readonly K[]) => Promise<(V | F)[]> {
  return async (keys) => {
    const found = await fetch(keys);
    return keys.map((key) => found.get(keyOf(key)) ?? fallback);
  };
}
