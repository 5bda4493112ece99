/**
 * Loads an EMPTY managed local Neo4j with neo4j-admin (`database import full`): the files are checked exactly as
 * the online import checks them and converted to neo4j-admin CSV (features/dataset/admin-import.ts), then the
 * server is stopped, the store imported, the server started again and the migrations, fix-ups and history applied.
 * Used by `npm run import -- --empty-database-fast-path` and by the import benchmark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, type DatabaseSettings } from '../db/database';
import { ADMIN_ARRAY_DELIMITER_OPTION } from '../features/dataset/admin-csv';
import { finishAdminImport, prepareAdminImport, type FinishSeconds } from '../features/dataset/admin-import';
import type { LoadResult } from '../features/dataset/dataset.repository';
import type { Actor } from '../features/history/history.repository';
import type { Logger } from '../shared/logger';
import { importDatabase } from '../../tools/neo4j/neo4j-admin';
import { stop } from '../../tools/neo4j/local-neo4j';
import { secondsSince } from '../shared/seconds';

export interface AdminImportOptions {
  files: string[];
  /** The format of every file (import-formats.ts); by default each file's extension names its own. */
  format?: string;
  actor: Actor;
  /** The home of the local Neo4j that `db` is connected to. */
  home: string;
  /** Starts that Neo4j again (with its usual settings) and answers its Bolt URI. */
  restart: () => Promise<string>;
  settings: Omit<DatabaseSettings, 'uri'>;
  logger?: Logger;
  /** Receives neo4j-admin's output (progress). */
  onOutput?: (chunk: string) => void;
}

export interface AdminImportResult {
  counts: LoadResult;
  /** The database connection to the restarted server (the one given is closed). */
  db: Database;
  /** `check` is checking and CSV writing together; `prepared` splits it. */
  seconds: {
    check: number;
    prepared: { check: number; csv: number };
    admin: number;
    restart: number;
    finish: number;
    steps: FinishSeconds;
  };
  /** PARTNERS relationships loaded with the facts. */
  partnerships: number;
}

export async function adminImport(db: Database, options: AdminImportOptions): Promise<AdminImportResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-admin-import-'));
  try {
    let started = performance.now();
    const prepared = await prepareAdminImport(db, options.files, dir, options.format);
    const check = secondsSince(started);

    started = performance.now();
    await db.close();
    await stop(options.home);
    await importDatabase(
      options.home,
      {
        database: options.settings.database,
        nodes: prepared.csv.nodes,
        relationships: prepared.csv.relationships,
        extraArgs: [ADMIN_ARRAY_DELIMITER_OPTION, '--multiline-fields=true'],
      },
      { onOutput: options.onOutput },
    );
    const admin = secondsSince(started);

    started = performance.now();
    const restarted = Database.create({ ...options.settings, uri: await options.restart() });
    await restarted.waitUntilReachable(120_000, options.logger);
    const restart = secondsSince(started);

    started = performance.now();
    const steps = await finishAdminImport(restarted, options.actor, prepared, options.logger);
    return {
      counts: prepared.counts,
      db: restarted,
      seconds: { check, prepared: prepared.seconds, admin, restart, finish: secondsSince(started), steps },
      partnerships: prepared.csv.partnerships.written,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
