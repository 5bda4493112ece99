import { readFileSync } from 'node:fs';
import { printedSchema, SCHEMA_FILE } from '../../src/graphql/print-schema';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:print` after changing types)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });
});
