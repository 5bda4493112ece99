/** The nodes feature's per-request loaders: nodes by id, neighbours by relationship spec, statements by id. */
import DataLoader from 'dataloader';
import { fromMap, type LoaderFactory, type LoaderRegistry } from '../../graphql/loaders';
import {
  findNodesByIds,
  findRelated,
  findStatements,
  relatedKeyString,
  type RelatedKey,
  type RelatedSlice,
  type StatementRecord,
} from './node.repository';
import type { Node } from './node.types';

const identity = (key: string): string => key;

export const nodeLoader: LoaderFactory<string, Node | null> = (db) =>
  new DataLoader(fromMap((ids: readonly string[]) => findNodesByIds(db, ids), identity, null));

const NONE: RelatedSlice = { entries: [], totalCount: 0 };

export const relatedLoader: LoaderFactory<RelatedKey, RelatedSlice, string> = (db) =>
  new DataLoader(
    fromMap((keys: readonly RelatedKey[]) => findRelated(db, keys), relatedKeyString, NONE),
    {
      cacheKeyFn: relatedKeyString,
    },
  );

/** Statements come with their documents; the node loader learns them, so `document` costs no round trip. */
function primeDocuments(loaders: LoaderRegistry, statements: Iterable<StatementRecord>): void {
  const nodes = loaders.get(nodeLoader);
  for (const { document } of statements) if (document) nodes.prime(document.id, document);
}

export const statementLoader: LoaderFactory<string, StatementRecord | null> = (db, loaders) =>
  new DataLoader(
    fromMap(
      async (ids: readonly string[]) => {
        const statements = await findStatements(db, ids);
        primeDocuments(loaders, statements.values());
        return statements;
      },
      identity,
      null,
    ),
  );

/** Makes statements fetched by another query (and their documents) available to the loaders. */
export function primeStatements(loaders: LoaderRegistry, statements: StatementRecord[]): void {
  const byId = loaders.get(statementLoader);
  for (const statement of statements) byId.prime(statement.id, statement);
  primeDocuments(loaders, statements);
}
