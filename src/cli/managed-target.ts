/** The managed local Neo4j of this checkout as backup and restore take it; refuses a server at NEO4J_URI. */
import path from 'node:path';
import { ConfigError, loadConfig } from '../shared/config';
import { PROJECT_ROOT } from '../shared/paths';
import { startManagedNeo4j } from '../../tools/neo4j/starter';
import type { ManagedNeo4j } from './backup-restore';

export function managedTarget(): ManagedNeo4j {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (config.neo4j.uri) {
    console.error(
      'backup and restore handle the managed local Neo4j only (NEO4J_URI unset): neo4j-admin needs the store ' +
        'files. For a server elsewhere, run neo4j-admin database dump/load where it runs (docs/operations.md, Backup and restore).',
    );
    process.exit(2);
  }
  const local = config.localNeo4j;
  const home = path.resolve(PROJECT_ROOT, local.home);
  return {
    home,
    settings: config.neo4j,
    start: async () => (await startManagedNeo4j({ ...local, home }, (line) => console.log(line))).uri,
  };
}
