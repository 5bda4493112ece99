/**
 * npm start: validate configuration, reach Neo4j (starting the managed local one when NEO4J_URI is
 * not set), apply migrations, seed an empty database, serve GraphQL, and shut down gracefully on SIGINT/SIGTERM.
 */
import 'dotenv/config';
// Before anything that loads http, express or graphql: their tracing instrumentations patch them on load.
import { startTracing } from './shared/tracing';
const tracing = startTracing();
import 'reflect-metadata';
import { readyLine, startServer } from './app';
import { connectDatabase } from './db/connect';
import { migrate } from './db/migrations';
import { seedIfEmpty } from './features/dataset/seed';
import { ensurePartnerships } from './features/partners/partnerships';
import { startManagedNeo4j } from '../tools/neo4j/starter';
import { ConfigError, loadConfig, type Config } from './shared/config';
import { createLogger } from './shared/logger';

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

  // The entry point, not the library, knows how to start a local Neo4j.
  const db = await connectDatabase(config, logger, startManagedNeo4j);
  await migrate(db, logger);
  if (await seedIfEmpty(db, logger)) logger.info('empty database: seed loaded');
  await ensurePartnerships(db, (message) => logger.info(message));

  const server = await startServer({ config, db, logger, tracing: tracing !== null });
  logger.info(
    {
      graphql: `${server.url}/graphql`,
      ide: `${server.url}/`,
      explorer: `${server.url}/explorer`,
      workbench: `${server.url}/curate`,
      nodeEnv: config.nodeEnv,
      ms: Date.now() - started,
    },
    'GraphQL API ready',
  );
  // The logs are JSON lines for machines; this plain line is for the person who typed npm start.
  process.stderr.write(`${readyLine(server.url)}\n`);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await server.stop();
    await db.close();
    await tracing?.shutdown();
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
