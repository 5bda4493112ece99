/**
 * npm run analyze -- FILES… --out DIR
 * Analyses each article (.txt, optionally with source:/url:/date: header lines) through the API and writes one
 * review file per article into DIR, every proposal accepted or rejected by its confidence, to edit by hand.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { answerHelp, UsageError } from './args';
import { API_OPTIONS, apiTarget } from './api-target';
import { ACCEPT_CONFIDENCE, analyzeFiles } from './review-files';

answerHelp({
  usage: 'npm run analyze -- [options] --out DIR FILE.txt...',
  description:
    'Analyses each article through analyzeDocument and writes DIR/<name>.review.json: the proposed nodes, ' +
    `citations, relationships and counts, accepted when their confidence is at least ${ACCEPT_CONFIDENCE}. Edit ` +
    'them, set "reviewed": true, then run npm run commit-reviewed -- DIR.',
  options: { '--out DIR': 'where the review files go (created if missing)', ...API_OPTIONS },
  exitCodes: { 1: 'failed; also: some files could not be analysed (each is listed)' },
  example: 'GRAPH_API_TOKEN=… npm run analyze -- articles/*.txt --out review/',
});

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' } },
  });
  if (!values.out || positionals.length === 0) throw new UsageError('usage: npm run analyze -- --out DIR FILE.txt...');
  const client = apiTarget(values);
  // npm runs scripts from the project root; paths are meant from where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const out = path.resolve(base, values.out);
  await mkdir(out, { recursive: true });
  const bar = new SingleBar({ format: 'analysing [{bar}] {value}/{total} {file}' }, Presets.shades_classic);
  bar.start(positionals.length, 0, { file: '' });
  const outcomes = await analyzeFiles(
    client,
    positionals.map((file) => path.resolve(base, file)),
    out,
    (outcome) => bar.increment({ file: path.basename(outcome.file) }),
  );
  bar.stop();
  const failed = outcomes.filter((o) => o.status === 'failed');
  for (const o of failed) console.error(`${o.file}: ${o.message}`);
  console.log(`${outcomes.length - failed.length} review file(s) written to ${out}, ${failed.length} failed`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
