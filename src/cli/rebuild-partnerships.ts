/** npm run db:rebuild-partnerships: recomputes every PARTNERS relationship from the facts, in batches. */
import { rebuildAllPartnerships } from '../features/partners/partnerships';
import { answerHelp } from './args';
import { runCli } from './run-cli';

answerHelp({
  usage: 'npm run db:rebuild-partnerships',
  description: 'Recomputes every materialised PARTNERS relationship from the agreements, events and parts, in batches.',
  example: 'npm run db:rebuild-partnerships',
});

runCli(async ({ db }) => {
  const started = Date.now();
  const nodes = await rebuildAllPartnerships(db, {
    onProgress: (done) => process.stdout.write(`\r${done} nodes`),
  });
  console.log(`\rpartnerships rebuilt for ${nodes} nodes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
