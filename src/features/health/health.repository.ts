import type { Database } from '../../db/database';

export interface DatabaseComponent {
  name: string;
  version: string;
  edition: string;
}

/** The product, version and edition the server reports of itself. */
export async function readDatabaseComponent(db: Database): Promise<DatabaseComponent> {
  const result = await db.query<DatabaseComponent>(
    'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition LIMIT 1',
  );
  const record = result.records[0];
  if (!record) throw new Error('dbms.components() returned nothing');
  return { name: record.get('name'), version: record.get('version'), edition: record.get('edition') };
}
