/** npm run db:migrate: applies the pending migrations of cypher/migrations/. */
import { migrate } from '../db/migrations';
import { answerHelp } from './args';
import { runCli } from './run-cli';

answerHelp({
  usage: 'npm run db:migrate',
  description: 'Applies the pending migrations of cypher/migrations/ (constraints, indexes, data fix-ups), in order.',
  example: 'NEO4J_URI=bolt://db:7687 NEO4J_PASSWORD=... npm run db:migrate',
});

runCli(async ({ db, logger }) => {
  const { applied, alreadyApplied } = await migrate(db, logger);
  console.log(
    `${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}; ${alreadyApplied} already applied`,
  );
});
