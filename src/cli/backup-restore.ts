/**
 * Backup and restore of the managed local Neo4j with neo4j-admin (`database dump` / `database load`, from the same
 * Maven jars as the server): one file holding the whole store, so everything comes back as it was, history,
 * soft-deleted and merged nodes, bookkeeping, constraints and indexes included. Community Edition dumps only a
 * stopped database: a running server is stopped for the dump and started again. Used by `npm run backup` and
 * `npm run restore`, and by their test with a home and port of its own.
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { cypher } from '../db/cypher';
import { Database, type DatabaseSettings } from '../db/database';
import { dumpDatabase, loadDatabase } from '../../tools/neo4j/neo4j-admin';
import { status, stop } from '../../tools/neo4j/local-neo4j';

/** The managed Neo4j to back up or restore into. */
export interface ManagedNeo4j {
  home: string;
  /** Starts it (or answers the running one) with its usual settings; answers its Bolt URI. */
  start: () => Promise<string>;
  settings: Omit<DatabaseSettings, 'uri'>;
}

/** The restore was refused or its file is unusable; nothing was changed. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

// Read from the count store: no scan, whatever the size of the graph.
const COUNT_NODES = cypher<Record<string, never>, { nodes: number }>(
  'countAllNodes',
  'MATCH (n) RETURN count(n) AS nodes',
);

/** Writes the database of `target` to `file` (replacing it); answers the file's size in bytes. */
export async function backupManaged(target: ManagedNeo4j, file: string): Promise<number> {
  const wasRunning = (await status(target.home)) !== undefined;
  if (wasRunning) await stop(target.home);
  // neo4j-admin names the dump after the database: write it next to the target, then give it the asked name.
  const work = mkdtempSync(path.join(path.dirname(file), '.backup-'));
  try {
    const dump = await dumpDatabase(target.home, work, target.settings.database);
    renameSync(dump, file);
    return statSync(file).size;
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (wasRunning) await target.start();
  }
}

/**
 * Replaces the database of `target` with the backup `file`, refusing a database that holds any node unless
 * `force`. Leaves the server running; answers the number of nodes restored.
 */
export async function restoreManaged(target: ManagedNeo4j, file: string, force: boolean): Promise<number> {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new RestoreRefused(`No backup file at ${file}`);
  const existing = await countNodes(target);
  if (existing > 0 && !force) {
    throw new RestoreRefused(
      `The database holds ${existing} nodes: a restore replaces all of them. Run again with --force to do so.`,
    );
  }
  await stop(target.home);
  const work = mkdtempSync(path.join(path.dirname(file), '.restore-'));
  try {
    copyFileSync(file, path.join(work, `${target.settings.database}.dump`));
    await loadDatabase(target.home, work, target.settings.database);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return countNodes(target);
}

async function countNodes(target: ManagedNeo4j): Promise<number> {
  const db = Database.create({ ...target.settings, uri: await target.start() });
  try {
    return (await db.queryOne(COUNT_NODES, {}))?.nodes ?? 0;
  } finally {
    await db.close();
  }
}
