/**
 * npm run import -- [--dry-run] [--batch-size N] [--format F] [--empty-database-fast-path] <file> [<file>...]
 * Files: any format of src/features/dataset/import-formats.ts (dataset JSON, CSV nodes and edges files, GraphML,
 * GEXF), each by its extension unless --format names the format of all (docs/import-export.md). More records than
 * --batch-size commit in batches; after a crash, the same command resumes after the last committed batch.
 * --empty-database-fast-path loads an EMPTY managed local Neo4j (NEO4J_URI unset) with neo4j-admin after the same
 * checks: it stops the server, imports the store, starts it again and applies the migrations.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { migrate } from '../db/migrations';
import { DEFAULT_BATCH_SIZE } from '../features/dataset/dataset.repository';
import { formatsOf, ImportError, importFiles } from '../features/dataset/import';
import { knownImportFormats } from '../features/dataset/import-formats';
import { answerHelp, integerOption, UsageError } from './args';
import { adminImport } from './admin-import';
import { runCli, type CliContext } from './run-cli';
import { PROJECT_ROOT } from '../shared/paths';
import { startManagedNeo4j } from '../../tools/neo4j/starter';

answerHelp({
  usage: 'npm run import -- [options] <file.json|nodes.csv|edges.csv|graph.graphml|graph.gexf>...',
  description:
    'Loads dataset files (JSON of format iecm-graph/1, CSV, GraphML, GEXF; each by its extension) after checking ' +
    'all of them; more records than --batch-size commit in batches, and running the same command again after a ' +
    'crash resumes.',
  options: {
    '--dry-run': 'check the files and report what would change, without writing',
    '--format F': `the format of every file, whatever its extension: ${knownImportFormats()}`,
    '--batch-size N': `records per transaction (1 to 100000, default ${DEFAULT_BATCH_SIZE})`,
    '--progress': 'show a progress bar',
    '--defer-partnerships': 'rebuild the derived partnerships once at the end instead of in every batch (large loads)',
    '--empty-database-fast-path': 'load an EMPTY managed local Neo4j (NEO4J_URI unset) with neo4j-admin',
  },
  exitCodes: { 1: 'failed; also: the files did not pass the checks (nothing was written)' },
  example: 'npm run import -- --progress data/graph.json',
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    format: { type: 'string' },
    progress: { type: 'boolean', default: false },
    'defer-partnerships': { type: 'boolean', default: false },
    'empty-database-fast-path': { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error(
    'usage: npm run import -- [--dry-run] [--batch-size N] [--format F] [--progress] [--defer-partnerships] [--empty-database-fast-path] <file.json|nodes.csv|edges.csv|graph.graphml|graph.gexf>...',
  );
  process.exit(2);
}

let batchSize: number;
try {
  batchSize = integerOption('batch-size', values['batch-size'], { min: 1, max: 100_000, fallback: DEFAULT_BATCH_SIZE });
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exit(2);
}

// Refused before anything starts: the fast path stops and restarts the server, which only the managed one allows.
if (values['empty-database-fast-path'] && process.env.NEO4J_URI) {
  console.error(
    '--empty-database-fast-path loads the managed local Neo4j only (NEO4J_URI unset), because it stops and ' +
      'restarts the server; for a server at NEO4J_URI use the online import (without the flag).',
  );
  process.exit(2);
}

/** npm runs scripts from the project root; paths are meant from where the user typed the command. */
const base = process.env.INIT_CWD ?? process.cwd();
const files = positionals.map((file) => path.resolve(base, file));
const format = values.format;

// Formats are known before anything starts: an unknown extension or --format is a usage error.
try {
  formatsOf(files, format);
} catch (error) {
  if (!(error instanceof ImportError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exit(2);
}

const actor = { name: `cli:${os.userInfo().username}`, role: 'admin' as const };

/** The neo4j-admin path: only for the managed local Neo4j, which it stops and restarts. */
async function fastPath({ db, config, logger }: CliContext): Promise<void> {
  const home = path.resolve(PROJECT_ROOT, config.localNeo4j.home);
  const started = Date.now();
  const result = await adminImport(db, {
    files,
    format,
    actor,
    home,
    restart: async () => (await startManagedNeo4j({ ...config.localNeo4j, home }, (line) => logger.info(line))).uri,
    settings: config.neo4j,
    logger,
  });
  await result.db.close();
  const seconds = (Date.now() - started) / 1000;
  const { counts } = result;
  console.log(
    `imported with neo4j-admin: ${counts.nodes} nodes, ${counts.statements} statements, ${counts.relationships} ` +
      `relationships in ${seconds.toFixed(1)} s (${Math.round(counts.relationships / seconds)} relationships/s; ` +
      `checking ${result.seconds.check} s, neo4j-admin ${result.seconds.admin} s, restart ${result.seconds.restart} s, ` +
      `migrations and derived data ${result.seconds.finish} s; ${result.partnerships} partnerships loaded with the facts)`,
  );
}

runCli(async (context) => {
  const { db, logger } = context;
  if (values['empty-database-fast-path']) {
    try {
      await fastPath(context);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      console.error(`${error.code}: ${error.message}`);
      process.exitCode = 1;
    }
    return;
  }
  await migrate(db, logger);
  let bar: SingleBar | undefined;
  const started = Date.now();
  try {
    const report = await importFiles(db, actor, files, {
      dryRun: values['dry-run'],
      format,
      batchSize,
      deferPartnerships: values['defer-partnerships'],
      onProgress: (done, total) => {
        // A bar for large files (or on request); small imports finish before it would be read.
        if (!bar && (total > 5_000 || values.progress)) {
          bar = new SingleBar(
            { format: 'importing [{bar}] {percentage}% {value}/{total} records, eta {eta}s' },
            Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar?.update(done);
      },
    });
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    const verb = report.dryRun ? 'valid, nothing written (dry run)' : 'imported';
    console.log(
      `${verb}: ${report.nodes} nodes, ${report.statements} statements, ${report.relationships} relationships` +
        (report.dryRun
          ? ''
          : ` in ${seconds.toFixed(1)} s (${Math.round(report.relationships / seconds)} relationships/s), ` +
            `${report.batches} transaction(s); checking ${report.seconds.check} s, writing ${report.seconds.write} s` +
            (report.resumedBatches > 0 ? `, resumed after ${report.resumedBatches} committed batch(es)` : '')),
    );
  } catch (error) {
    bar?.stop();
    if (error instanceof ImportError) {
      console.error(`${error.code}: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
});
