/**
 * The database a process uses: NEO4J_URI when set, else a managed local Neo4j that the entry point knows how
 * to start (tools/neo4j, injected by main.ts and the command-line tools, so library code never depends on tools/).
 */
import path from 'node:path';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import { PROJECT_ROOT } from '../shared/paths';
import { Database } from './database';

export interface LocalNeo4jRequest {
  /** Absolute folder for its data, logs and pid. */
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  version: string;
}

/** Starts (or reuses) a local Neo4j and answers where it listens. */
export type LocalNeo4jStarter = (
  request: LocalNeo4jRequest,
  log: (line: string) => void,
) => Promise<{ uri: string; pid: number }>;

async function resolveNeo4jUri(config: Config, logger: Logger, startLocal?: LocalNeo4jStarter): Promise<string> {
  if (config.neo4j.uri) return config.neo4j.uri;
  if (!startLocal) throw new Error('NEO4J_URI is not set, and this program cannot start a local Neo4j.');
  const home = path.resolve(PROJECT_ROOT, config.localNeo4j.home);
  const started = Date.now();
  const instance = await startLocal({ ...config.localNeo4j, home }, (line) => logger.info(line));
  logger.info({ uri: instance.uri, pid: instance.pid, home, ms: Date.now() - started }, 'managed local Neo4j ready');
  return instance.uri;
}

export async function connectDatabase(
  config: Config,
  logger: Logger,
  startLocal?: LocalNeo4jStarter,
): Promise<Database> {
  const db = Database.create({
    ...config.neo4j,
    uri: await resolveNeo4jUri(config, logger, startLocal),
  });
  try {
    await db.waitUntilReachable(config.neo4j.connectTimeoutMs, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
