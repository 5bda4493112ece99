/** The managed local Neo4j as the service's entry points take it (src/db/connect.ts's LocalNeo4jStarter). */
import type { LocalNeo4jStarter } from '../../src/db/connect';
import { start } from './local-neo4j';

export const startManagedNeo4j: LocalNeo4jStarter = async (request, log) => {
  const instance = await start({ ...request, detached: true }, log);
  return { uri: instance.uri, pid: instance.pid };
};
