/**
 * The database a process uses: NEO4J_URI when set, else the managed local Neo4j (started or reused).
 * Shared by `npm start` and the command-line tools.
 */
import path from 'node:path';
import { start as startLocalNeo4j } from '../../tools/neo4j/local-neo4j';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { PROJECT_ROOT } from '../shared/paths';
import { Database } from './database';

async function resolveNeo4jUri(config: Config, logger: Logger): Promise<string> {
  if (config.neo4j.uri) return config.neo4j.uri;
  const home = path.resolve(PROJECT_ROOT, config.localNeo4j.home);
  const started = Date.now();
  const instance = await startLocalNeo4j(
    { home, boltPort: config.localNeo4j.boltPort, heap: config.localNeo4j.heap, detached: true },
    (line) => logger.info(line),
  );
  logger.info({ uri: instance.uri, pid: instance.pid, home, ms: Date.now() - started }, 'managed local Neo4j ready');
  return instance.uri;
}

export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  const db = Database.create({ ...config.neo4j, uri: await resolveNeo4jUri(config, logger) });
  try {
    await db.waitUntilReachable(config.neo4j.connectTimeoutMs, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
