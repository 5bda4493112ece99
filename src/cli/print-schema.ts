/** npm run schema:print: writes schema/schema.graphql, the printed SDL that clients and reviewers read. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { PROJECT_ROOT } from '../shared/paths';
import { createSchema } from '../schema';
import { answerHelp } from './args';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

export async function printedSchema(): Promise<string> {
  return `${printSchema(await createSchema())}\n`;
}

if (require.main === module) {
  answerHelp({
    usage: 'npm run schema:print',
    description: 'Writes schema/schema.graphql, the printed SDL of the API (a test checks it is up to date).',
    example: 'npm run schema:print && git diff schema/',
  });
  printedSchema()
    .then((sdl) => {
      writeFileSync(SCHEMA_FILE, sdl);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
