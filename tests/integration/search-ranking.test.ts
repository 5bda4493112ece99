/**
 * Search returns the true top N of its rule, even when thousands of matches tie: thousands of "Universidad ..."
 * nodes, inserted in shuffled order, all match "univ" as a name prefix with equal relevance. The expected top 10
 * is computed here from the data: exact matches first, then name or alias prefix matches by name, then others.
 */
import type { Database } from '../../src/db/database';
import { DATASET_FORMAT, type Dataset } from '../../src/features/dataset/dataset-format';
import { loadDataset } from '../../src/features/dataset/dataset.repository';
import { NodeKind } from '../../src/model/graph-model';
import { normalizeText } from '../../src/shared/text';
import { resetDatabase } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const DOC = 'doc-ranking';
const SOURCE = [`${DOC}#0`];

/** mulberry32: a seeded shuffle, so the insertion order (Lucene's tie order) is not the name order. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const WORDS = ['Autónoma', 'Nacional', 'del Valle', 'Tecnológica', 'Popular', 'Abierta', 'Regional', 'Pedagógica'];

function dataset(): { data: Dataset; names: { id: string; name: string; aliases: string[] }[] } {
  const names = Array.from({ length: 3_000 }, (_, i) => ({
    id: `universidad-${i}`,
    name: `Universidad ${WORDS[i % WORDS.length]} ${String(i).padStart(4, '0')}`,
    aliases: [] as string[],
  }));
  names.push(
    // An exact name match, an exact alias match, an alias prefix and a match inside the name only.
    { id: 'univ-exacta', name: 'Univ', aliases: [] },
    { id: 'alias-exacto', name: 'Instituto de Enseñanza', aliases: ['UNIV'] },
    { id: 'alias-prefijo', name: 'Colegio Central', aliases: ['Univ. Central'] },
    { id: 'dentro', name: 'Red de la Universidad Obrera', aliases: [] },
  );
  return {
    names,
    data: {
      format: DATASET_FORMAT,
      sources: [
        {
          id: DOC,
          title: 'Directorio',
          url: 'https://example.org/d',
          publishedOn: '2025',
          statements: [{ n: 0, text: 'Directorio' }],
        },
      ],
      nodes: shuffled(names, 7).map(({ id, name, aliases }) => ({
        id,
        kind: NodeKind.UNIVERSITY,
        name,
        aliases,
        sources: SOURCE,
      })),
      relationships: [],
    },
  };
}

let db: Database;
let api: TestServer;
let names: { id: string; name: string; aliases: string[] }[];
beforeAll(async () => {
  db = testDatabase();
  await resetDatabase(db);
  const generated = dataset();
  names = generated.names;
  await loadDataset(db, generated.data);
  api = await startTestServer();
});
afterAll(async () => {
  await api.close();
  await db.close();
});

it('ranks thousands of equal matches by the rule and returns its true top 10', async () => {
  const key = 'univ';
  const tier = (entry: { name: string; aliases: string[] }): number => {
    const keys = [entry.name, ...entry.aliases].map(normalizeText);
    if (keys.includes(key)) return 3;
    if (keys.some((candidate) => candidate.startsWith(key))) return 2;
    return 1;
  };
  // Neo4j orders strings by code point, as `<` does.
  const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
    compare(normalizeText(a.name), normalizeText(b.name)) || compare(a.id, b.id);
  const expected = names
    .filter((entry) => tier(entry) > 1)
    .sort((a, b) => tier(b) - tier(a) || byName(a, b))
    .slice(0, 10)
    .map((entry) => entry.id);
  expect(expected.slice(0, 2).sort()).toEqual(['alias-exacto', 'univ-exacta']);

  const response = await api.graphql<{ search: { node: { id: string }; score: number }[] }>(
    '{ search(query: "Univ", first: 10) { score node { id } } }',
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.search.map((hit) => hit.node.id)).toEqual(expected);
});

it('fills with other matches by relevance once the prefix matches run out', async () => {
  const response = await api.graphql<{ search: { node: { id: string } }[] }>(
    '{ search(query: "universidad obrera", first: 5) { node { id } } }',
  );
  expect(response.data?.search[0]?.node.id).toBe('dentro');
});
