/**
 * Every query the service declares, for the tests that check them all (tests/unit/queries.test.ts pins their text,
 * tests/integration/query-plans.test.ts EXPLAINs them). `cypher()` registers a query when its module loads, so
 * this loads every module under src/ that imports `cypher` from src/db/cypher.ts, found by reading the sources:
 * a new repository is picked up without a list to keep up to date. Queries built per value (one per sort order,
 * node kind or relationship type) are declared for every value when their module loads, so each generated text
 * is in the registry.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { registeredQueries, type AnyCypher } from '../../src/db/cypher';

const SRC = path.resolve(__dirname, '../../src');

/** `import { ..., cypher, ... } from '<...>/cypher'`: the module declares queries. */
const IMPORTS_CYPHER = /import\s*\{[^}]*\bcypher\b[^}]*\}\s*from\s*'(?:\.{1,2}\/)+(?:db\/)?cypher'/;

/** Entry points run their command when loaded: a query declared there could not be loaded on its own. */
const ENTRY_POINT = /from\s*'\.\/run-cli'|^main\.ts$/;

/** The modules under src/ (relative paths, sorted) that declare queries. */
export function queryModules(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .filter((file) => IMPORTS_CYPHER.test(readFileSync(path.join(SRC, file), 'utf8')))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** Loads every module that declares queries and answers the whole registry, sorted by name. */
export function allQueries(): AnyCypher[] {
  for (const file of queryModules()) {
    if (ENTRY_POINT.test(file) || ENTRY_POINT.test(readFileSync(path.join(SRC, file), 'utf8'))) {
      throw new Error(`src/${file} is an entry point: declare its queries in a module of their own`);
    }
    // Synchronous, so that test.each can list the queries when the suite is collected.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module found at run time
    require(path.join(SRC, file));
  }
  return registeredQueries().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
