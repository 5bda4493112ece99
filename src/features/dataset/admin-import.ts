/**
 * The empty-database fast path, the parts that need no server control: `prepareAdminImport` refuses a database
 * that holds any data, checks the files exactly as the online import does (checkFiles) and writes the
 * neo4j-admin CSV files; `finishAdminImport`, once the server runs the imported store, creates the leading
 * constraints, applies the empty-list fix-ups and rankings, then the other schema migrations (indexes), records the
 * data migrations the CSV already holds as applied (any other runs) and records the import in the history. Stopping the server and
 * running neo4j-admin in between is the caller's (src/cli/admin-import.ts), which controls the local Neo4j.
 */
import path from 'node:path';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { migrate, readMigrations } from '../../db/migrations';
import { ErrorCode } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { ChangeAction } from '../history/change-action';
import { recordChange, type Actor } from '../history/history.repository';
import { afterAdminLoad, type AdminLoadSeconds } from './after-import';
import { MIGRATIONS_IN_CSV, writeAdminCsv, type AdminCsv, type EmptyListFixup } from './admin-csv';
import type { LoadResult } from './dataset.repository';
import { checkFiles, ImportError } from './import';
import { Spill } from './import-spill';
import { secondsSince } from '../../shared/seconds';

// Any node but the migration records: both counts come from the count store, so no node is read.
const HOLDS_DATA = cypher<Record<string, never>, { holds: boolean }>(
  'adminImport.holdsData',
  `CALL { MATCH (n) RETURN count(n) AS nodes }
   CALL { MATCH (m:Migration) RETURN count(m) AS migrations }
   RETURN nodes > migrations AS holds`,
);

const NODES_WITHOUT_ALIASES = cypher<{ limit: number }, { fixed: number }>(
  'adminImport.emptyAliases',
  `MATCH (n:Entity) WHERE n.aliases IS NULL OR n.aliasKeys IS NULL
   WITH n LIMIT toInteger($limit)
   SET n.aliases = coalesce(n.aliases, []), n.aliasKeys = coalesce(n.aliasKeys, [])
   RETURN count(n) AS fixed`,
  {
    fullScan:
      'one sweep after a bulk import: nodes without aliases (or alias keys) get the empty list the online loader stores',
  },
);

const EMPTY_LIST_PROPERTIES = cypher<
  { nodes: EmptyListFixup[]; relationships: EmptyListFixup[] },
  Record<string, never>
>(
  'adminImport.emptyLists',
  `CALL { UNWIND $nodes AS fix MATCH (n:Entity {id: fix.id}) SET n[fix.key] = [] }
   CALL {
     UNWIND $relationships AS fix
     MATCH (:Entity {id: fix.from})-[r]->() WHERE r.id = fix.id
     SET r[fix.key] = []
   }`,
);

const MIGRATION_TIMEOUT_MS = 3_600_000;
const CONSTRAINT = /^\s*CREATE\s+CONSTRAINT\b/i;

/** The migration that links every node of the graph to its statements (src/features/provenance). */
const PROVENANCE_MIGRATION = '0017_provenance_relationships';

export interface PreparedAdminImport {
  csv: AdminCsv;
  counts: LoadResult;
  files: string[];
  definedSample: string[];
  /** Checking the files (with the spill), then writing the CSV files (partnerships included). */
  seconds: { check: number; csv: number };
}

/** Refuses unless the database is empty; checks the files (of `format`, or each of its extension's); writes the CSV files into `dir`. */
export async function prepareAdminImport(
  db: Database,
  files: string[],
  dir: string,
  format?: string,
): Promise<PreparedAdminImport> {
  if ((await db.queryOne(HOLDS_DATA, {}))?.holds) {
    throw new ImportError(
      [{ file: '(database)', position: '', field: '', message: 'holds data; neo4j-admin would replace it' }],
      'The fast path loads an EMPTY database only; use the online import',
      ErrorCode.CONFLICT,
    );
  }
  const spill = new Spill();
  try {
    const started = performance.now();
    const checked = await checkFiles(db, files, spill, format);
    if (checked.problems.length > 0) throw ImportError.of(checked);
    await spill.close();
    const check = secondsSince(started);
    const checkedAt = performance.now();
    const csv = await writeAdminCsv(spill, dir);
    return {
      csv,
      counts: checked.counts,
      files: files.map((file) => path.basename(file)),
      definedSample: checked.definedSample,
      seconds: { check, csv: secondsSince(checkedAt) },
    };
  } finally {
    spill.remove();
  }
}

/** Seconds each step of `finishAdminImport` took. */
export interface FinishSeconds extends AdminLoadSeconds {
  migrations: number;
  fixups: number;
}

/** After neo4j-admin, with the server running the new store: schema, fix-ups, derived data, history. */
export async function finishAdminImport(
  db: Database,
  actor: Actor,
  prepared: PreparedAdminImport,
  logger?: Logger,
): Promise<FinishSeconds> {
  let started = performance.now();
  // The leading constraints first: the fix-ups and rankings seek by their indexes (populated as they are created).
  // The other indexes populate in the background once created: created after the fix-ups, they do not compete.
  const all = readMigrations();
  const firstIndex = all.findIndex((m) => !m.schema || m.statements.some((text) => !CONSTRAINT.test(text)));
  const options = { timeoutMs: MIGRATION_TIMEOUT_MS };
  await migrate(db, logger, firstIndex < 0 ? all : all.slice(0, firstIndex), options);
  let migrations = secondsSince(started);
  started = performance.now();
  const limit = 10_000;
  for (;;) {
    const fixed = (await db.write((tx) => tx.queryOne(NODES_WITHOUT_ALIASES, { limit })))?.fixed ?? 0;
    if (fixed < limit) break;
  }
  const fixups = prepared.csv.fixups;
  for (let offset = 0; offset < fixups.length; offset += limit) {
    const chunk = fixups.slice(offset, offset + limit);
    await db.write((tx) =>
      tx.query(EMPTY_LIST_PROPERTIES, {
        nodes: chunk.filter((fix) => fix.target === 'node'),
        relationships: chunk.filter((fix) => fix.target === 'relationship'),
      }),
    );
  }
  const fixupSeconds = secondsSince(started);
  const derived = await afterAdminLoad(db, prepared.csv.partnerships, MIGRATIONS_IN_CSV.has(PROVENANCE_MIGRATION));
  started = performance.now();
  // The data migrations the CSV holds are only recorded; any other reads the whole loaded store in one
  // transaction: minutes at millions of rows.
  await migrate(db, logger, all, options, MIGRATIONS_IN_CSV);
  migrations += secondsSince(started);
  await db.write((tx) =>
    recordChange(tx, actor, ChangeAction.IMPORT, {
      concerns: prepared.definedSample,
      summary: `imported ${prepared.files.join(', ')} with neo4j-admin: ${prepared.counts.nodes} nodes, ${prepared.counts.relationships} relationships`,
      before: null,
      after: { files: prepared.files, ...prepared.counts, fastPath: true },
    }),
  );
  return { migrations, fixups: fixupSeconds, ...derived };
}
