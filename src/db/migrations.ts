/**
 * Ordered Cypher migrations from cypher/migrations/NNNN_name.cypher. Each is applied once and recorded as
 * (:Migration {version, name, checksum, appliedAt}); a recorded migration whose file changed is an error.
 *
 * Neo4j does not allow schema changes (constraints, indexes) and data writes in one transaction, so a
 * schema migration runs its statements in one transaction and is recorded in the next; its statements use
 * IF NOT EXISTS, so re-running it after a crash between the two is harmless. A data migration runs its
 * statements and its record in a single transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { adHoc, cypher } from './cypher';
import type { Database, TransactionOptions } from './database';
import type { Logger } from '../shared/logger';
import { PROJECT_ROOT } from '../shared/paths';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'cypher', 'migrations');
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.cypher$/;
const SCHEMA_STATEMENT =
  /^\s*(CREATE|DROP)\s+(OR\s+REPLACE\s+)?(CONSTRAINT|INDEX|FULLTEXT|RANGE|TEXT|POINT|LOOKUP|VECTOR)\b/i;

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
  schema: boolean;
}

/** Statements end with a semicolon at the end of a line; `//` comment lines are dropped. */
export function splitStatements(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, version = '', name = ''] = FILE_NAME.exec(file) ?? [];
      const source = readFileSync(path.join(dir, file), 'utf8');
      const statements = splitStatements(source);
      const schemaStatements = statements.filter((statement) => SCHEMA_STATEMENT.test(statement)).length;
      if (schemaStatements > 0 && schemaStatements < statements.length) {
        throw new Error(`${file} mixes schema and data statements; Neo4j needs them in separate migrations`);
      }
      return {
        version: Number(version),
        name,
        statements,
        checksum: createHash('sha256').update(source).digest('hex'),
        schema: schemaStatements > 0,
      };
    });
}

const MIGRATION_CONSTRAINT = cypher<Record<string, never>, Record<string, never>>(
  'migrations.constraint',
  'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
);

const APPLIED = cypher<Record<string, never>, { version: number; checksum: string }>(
  'migrations.applied',
  'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum',
  { fullScan: 'reads every migration record, a few dozen at most' },
);

const RECORD = cypher<{ version: number; name: string; checksum: string }, Record<string, never>>(
  'migrations.record',
  `MERGE (m:Migration {version: $version})
   ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
);

export interface MigrationResult {
  applied: string[];
  /** Data migrations recorded without running: what they write was loaded with the data (`satisfied`). */
  recorded: string[];
  alreadyApplied: number;
}

/**
 * `options`: for the migrations' transactions (a whole store loaded by neo4j-admin needs a longer timeout).
 * `satisfied`: labels (`0017_provenance_relationships`) of data migrations whose result the caller wrote itself
 * (the neo4j-admin fast path writes it as CSV rows): recorded as applied, not run. A schema migration cannot be.
 */
export async function migrate(
  db: Database,
  logger?: Logger,
  migrations = readMigrations(),
  options: TransactionOptions = {},
  satisfied: ReadonlySet<string> = new Set(),
): Promise<MigrationResult> {
  await db.write((tx) => tx.query(MIGRATION_CONSTRAINT, {}));
  const applied = new Map((await db.query(APPLIED, {})).map((row) => [row.version, row.checksum]));

  const result: MigrationResult = { applied: [], recorded: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const label = `${String(migration.version).padStart(4, '0')}_${migration.name}`;
    const checksum = applied.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(`Migration ${label} was changed after it was applied; add a new migration instead.`);
      }
      result.alreadyApplied += 1;
      continue;
    }
    const record = { version: migration.version, name: migration.name, checksum: migration.checksum };
    if (satisfied.has(label)) {
      if (migration.schema) throw new Error(`Migration ${label} changes the schema: it must run, not be recorded.`);
      await db.write((tx) => tx.query(RECORD, record));
      logger?.info({ migration: label }, 'migration recorded: its data was loaded with the store');
      result.recorded.push(label);
      continue;
    }
    const statements = migration.statements.map((text) => adHoc(text, `migration ${label}`));
    if (migration.schema) {
      await db.write(async (tx) => {
        for (const query of statements) await tx.query(query, {});
      }, options);
      await db.write((tx) => tx.query(RECORD, record));
    } else {
      await db.write(async (tx) => {
        for (const query of statements) await tx.query(query, {});
        await tx.query(RECORD, record);
      }, options);
    }
    logger?.info({ migration: label }, 'migration applied');
    result.applied.push(label);
  }
  return result;
}
