/**
 * The text of every Cypher query the service declares is pinned by a snapshot (__snapshots__/queries.test.ts.snap),
 * as neo4j/graphql pins the Cypher it generates: a change to a query, including to the text generated for each
 * node kind, sort order or relationship type, shows in review as a diff of that query. After an intended change:
 * `npx jest tests/unit/queries.test.ts -u`, and review the snapshot's diff. No database is needed.
 */
import { allQueries, queryModules } from '../support/queries';

const queries = allQueries();

describe('declared queries', () => {
  it('are found in the modules that declare them', () => {
    // The repositories of the features, the migrations and the import are among them.
    expect(queryModules()).toEqual(
      expect.arrayContaining(['db/migrations.ts', 'features/dataset/import.ts', 'features/nodes/node.repository.ts']),
    );
    expect(queries.map((query) => query.name)).toEqual(
      expect.arrayContaining(['migrations.applied', 'nodes.list.NAME.ASC', 'seed.graphIsEmpty']),
    );
  });

  it.each(queries.map((query) => [query.name, query] as const))('%s', (_name, query) => {
    expect({ text: query.text, ...query.options }).toMatchSnapshot();
  });
});
