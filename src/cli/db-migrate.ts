/** npm run db:migrate: applies the pending migrations of cypher/migrations/. */
import { migrate } from '../db/migrations';
import { runCli } from './run-cli';

runCli(async ({ db, logger }) => {
  const { applied, alreadyApplied } = await migrate(db, logger);
  console.log(
    `${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}; ${alreadyApplied} already applied`,
  );
});
