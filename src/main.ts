/**
 * npm start: validate configuration, reach Neo4j (starting the managed local one when NEO4J_URI is
 * not set), serve GraphQL, and shut down gracefully on SIGINT/SIGTERM.
 */
import 'dotenv/config';
import path from 'node:path';
import { start as startLocalNeo4j } from '../tools/neo4j/local-neo4j';
import { startServer } from './app';
import { Database } from './db/database';
import { ConfigError, loadConfig, type Config } from './shared/config';
import { createLogger, type Logger } from './shared/logger';
import { PROJECT_ROOT } from './shared/paths';

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

async function main(): Promise<void> {
  const started = Date.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  const uri = await resolveNeo4jUri(config, logger);
  const db = Database.create({ ...config.neo4j, uri });
  await db.waitUntilReachable(config.neo4j.connectTimeoutMs, logger);

  const server = await startServer({ config, db, logger });
  logger.info({ url: `${server.url}/graphql`, ms: Date.now() - started }, 'GraphQL API ready');

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await server.stop();
    await db.close();
    logger.info('stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while shutting down');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
