/** npm run backup -- <file>: the managed local Neo4j's whole database in one neo4j-admin dump file. */
import 'dotenv/config';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from './args';
import { backupManaged } from './backup-restore';
import { managedTarget } from './managed-target';

answerHelp({
  usage: 'npm run backup -- <file>',
  description:
    'Writes the managed local Neo4j (NEO4J_URI unset) to <file> with neo4j-admin database dump: nodes, ' +
    'relationships, statements, documents, soft-deleted and merged nodes, history, schema. A running server is ' +
    'stopped for the dump (Community Edition dumps offline) and started again.',
  example: 'npm run backup -- backups/iecm-$(date +%F).dump',
});

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const [file] = positionals;
if (!file || positionals.length !== 1) {
  console.error('usage: npm run backup -- <file>   (npm run backup -- --help for more)');
  process.exit(2);
}

const started = Date.now();
backupManaged(managedTarget(), path.resolve(process.env.INIT_CWD ?? process.cwd(), file)).then(
  (bytes) => console.log(`backup written: ${file} (${bytes} bytes, ${Date.now() - started} ms)`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
