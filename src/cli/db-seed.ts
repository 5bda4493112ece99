/** npm run db:seed: migrates, then loads cypher/seed/ (idempotent: loading again changes nothing). */
import { migrate } from '../db/migrations';
import { readGraphCounts } from '../features/dataset/dataset.repository';
import { seed } from '../features/dataset/seed';
import { answerHelp } from './args';
import { runCli } from './run-cli';

answerHelp({
  usage: 'npm run db:seed',
  description: 'Migrates, then loads the seed graph of cypher/seed/; idempotent. Prints the graph counts.',
  example: 'npm run db:seed',
});

runCli(async ({ db, logger }) => {
  await migrate(db, logger);
  await seed(db, logger);
  const counts = await readGraphCounts(db);
  console.log(JSON.stringify(counts, null, 2));
});
