/**
 * Adding a relationship field is one row in RELATION_FIELDS: this file adds one (before the schema is built) and
 * finds it in the schema, resolved for a single node and fetched by a list in the list's own query.
 */
import 'reflect-metadata';
import { printSchema } from 'graphql';
import { RELATION_FIELDS, relationField } from '../../src/features/nodes/relation-fields';
import { Event } from '../../src/features/nodes/node.types';
import { Direction, RelationType } from '../../src/graphql/enums';
import type { TestServer } from '../support/test-server';

// The one line.
RELATION_FIELDS.CITY.visitedBy = relationField.many(
  [RelationType.VISITED],
  Direction.IN,
  () => Event,
  'Tours that visited the city.',
);

let api: TestServer;
beforeAll(async () => {
  // Imported only now, so the schema is built from the table with the new row.
  const { resetAndSeed } = await import('../support/graph');
  const { startTestServer, testDatabase } = await import('../support/test-server');
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
  api = await startTestServer();
});
afterAll(() => api.close());

it('is declared in the schema with its type and description', async () => {
  const { createSchema } = await import('../../src/schema');
  const sdl = printSchema(await createSchema());
  const city = sdl.slice(sdl.indexOf('type City implements Node {'));
  const body = city.slice(0, city.indexOf('\n}\n'));
  expect(body).toMatch(/"""Tours that visited the city\."""\s*visitedBy\(/);
  expect(body).toMatch(/visitedBy\([\s\S]*?\n {2}\): \[Event!\]!/);
});

it('resolves for a node, and a list fetches it in its own query', async () => {
  const one = await api.graphql<{ node: { visitedBy: { id: string }[] } }>(
    '{ node(id: "chicago") { ... on City { visitedBy { id } } } }',
  );
  expect(one.data?.node.visitedBy).toEqual([{ id: 'giras-estados-unidos-2023-2024' }]);

  const list = await api.graphql<{ cities: { edges: { node: { id: string; visitedBy: { id: string }[] } }[] } }>(
    '{ cities(first: 50) { edges { node { id visitedBy { id } } } } }',
  );
  expect(list.extensions?.stats?.roundTrips).toBe(1);
  const visited = list.data?.cities.edges.filter((edge) => edge.node.visitedBy.length > 0).map((edge) => edge.node.id);
  expect(visited).toHaveLength(9);
  expect(visited).toContain('chicago');
});
