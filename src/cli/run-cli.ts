/** Shared start of the command-line tools: .env, validated configuration, logger and database. */
import 'dotenv/config';
import 'reflect-metadata';
import type { Database } from '../db/database';
import { connectDatabase } from '../db/connect';
import { startManagedNeo4j } from '../../tools/neo4j/starter';
import { ConfigError, loadConfig, type Config } from '../shared/config';
import { createLogger, type Logger } from '../shared/logger';

export interface CliContext {
  config: Config;
  logger: Logger;
  db: Database;
}

export function runCli(task: (context: CliContext) => Promise<void>): void {
  let db: Database | undefined;
  const run = async (): Promise<void> => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    db = await connectDatabase(config, logger, startManagedNeo4j);
    await task({ config, logger, db });
  };
  run()
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db?.close());
}
