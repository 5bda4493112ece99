/**
 * npm run commit-reviewed -- DIR [--all]
 * Commits the reviewed files of DIR ("reviewed": true) through commitDocument, with a progress bar; files already
 * committed are skipped, and each failure is reported with its file.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { answerHelp, UsageError } from './args';
import { API_OPTIONS, apiTarget } from './api-target';
import { commitReviewed, type FileOutcome } from './review-files';

answerHelp({
  usage: 'npm run commit-reviewed -- [options] DIR',
  description:
    'Commits each DIR/*.review.json marked "reviewed": true through commitDocument (one transaction per file) and ' +
    'records the commit in the file; running it again skips what is committed.',
  options: { '--all': 'commit the files not marked reviewed too', ...API_OPTIONS },
  exitCodes: { 1: 'failed; also: some files could not be committed (each is listed, the others are committed)' },
  example: 'GRAPH_API_TOKEN=… npm run commit-reviewed -- review/',
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { all: { type: 'boolean', default: false }, server: { type: 'string' }, token: { type: 'string' } },
  });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new UsageError('usage: npm run commit-reviewed -- [--all] DIR');
  const client = apiTarget(values);
  const base = process.env.INIT_CWD ?? process.cwd();
  const bar = new SingleBar({ format: 'committing [{bar}] {value}/{total} {file}' }, Presets.shades_classic);
  const outcomes = await commitReviewed(client, path.resolve(base, dir), {
    all: values.all,
    onStart: (total) => bar.start(total, 0, { file: '' }),
    onDone: (outcome) => bar.increment({ file: path.basename(outcome.file) }),
  });
  bar.stop();
  const by = (status: FileOutcome['status']) => outcomes.filter((o) => o.status === status);
  for (const o of [...by('failed'), ...by('not-reviewed')]) console.error(`${o.file}: ${o.status}: ${o.message}`);
  console.log(
    `${by('committed').length} committed, ${by('already-committed').length + by('skipped').length} already ` +
      `committed, ${by('not-reviewed').length} not reviewed, ${by('failed').length} failed`,
  );
  if (by('failed').length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
