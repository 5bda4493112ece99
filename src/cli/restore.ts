/** npm run restore -- [--force] <file>: loads a backup into the managed local Neo4j. */
import 'dotenv/config';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from './args';
import { restoreManaged, RestoreRefused } from './backup-restore';
import { managedTarget } from './managed-target';

answerHelp({
  usage: 'npm run restore -- [--force] <file>',
  description:
    'Replaces the managed local Neo4j (NEO4J_URI unset) database with a backup written by npm run backup ' +
    '(neo4j-admin database load), then leaves the server running. Refuses a database that holds any node.',
  options: { '--force': 'replace a database that is not empty' },
  exitCodes: { 3: 'refused: the database is not empty (and no --force), or the file is missing' },
  example: 'npm run restore -- --force backups/iecm-2026-11-28.dump',
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { force: { type: 'boolean', default: false } },
});
const [file] = positionals;
if (!file || positionals.length !== 1) {
  console.error('usage: npm run restore -- [--force] <file>   (npm run restore -- --help for more)');
  process.exit(2);
}

const started = Date.now();
restoreManaged(managedTarget(), path.resolve(process.env.INIT_CWD ?? process.cwd(), file), values.force).then(
  (nodes) => console.log(`restored ${file}: ${nodes} nodes (${Date.now() - started} ms)`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof RestoreRefused ? 3 : 1;
  },
);
