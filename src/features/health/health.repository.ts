import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';

export interface DatabaseComponent {
  name: string;
  version: string;
  edition: string;
}

const COMPONENTS = cypher<Record<string, never>, DatabaseComponent>(
  'health.components',
  'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition LIMIT 1',
);

/** The product, version and edition the server reports of itself. */
export async function readDatabaseComponent(db: Database): Promise<DatabaseComponent> {
  const component = await db.queryOne(COMPONENTS, {});
  if (!component) throw new Error('dbms.components() returned nothing');
  return component;
}
