/**
 * npm run import -- [--dry-run] [--batch-size N] <file> [<file>...]
 * Files: dataset JSON (format iecm-graph/1) and/or CSV (a nodes file and an edges file). More records than
 * --batch-size commit in batches; after a crash, the same command resumes after the last committed batch.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { migrate } from '../db/migrations';
import { DEFAULT_BATCH_SIZE } from '../features/dataset/dataset.repository';
import { ImportError, importFiles } from '../features/dataset/import';
import { integerOption, UsageError } from './args';
import { runCli } from './run-cli';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    progress: { type: 'boolean', default: false },
  },
});

if (positionals.length === 0) {
  console.error(
    'usage: npm run import -- [--dry-run] [--batch-size N] [--progress] <file.json|nodes.csv|edges.csv>...',
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

/** npm runs scripts from the project root; paths are meant from where the user typed the command. */
const base = process.env.INIT_CWD ?? process.cwd();
const files = positionals.map((file) => path.resolve(base, file));

runCli(async ({ db, logger }) => {
  await migrate(db, logger);
  let bar: SingleBar | undefined;
  const started = Date.now();
  try {
    const report = await importFiles(db, { name: `cli:${os.userInfo().username}`, role: 'admin' }, files, {
      dryRun: values['dry-run'],
      batchSize,
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
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
});
