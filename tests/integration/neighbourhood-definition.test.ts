/**
 * The neighbourhood agrees with its definition (src/features/graph/graph.repository.ts) on a graph made of ties:
 * nodes with the same strength, the same name (so the same sort key) and ids out of name order, at both depths.
 * Each answer is compared with the definition computed here from the graph's own relationships, and with the
 * benchmark's hand-written Cypher (bench/scale/questions.ts) run on the same database: order, edges, truncation.
 */
import { adHoc } from '../../src/db/cypher';
import type { Database } from '../../src/db/database';
import { DATASET_FORMAT, type Dataset } from '../../src/features/dataset/dataset-format';
import { loadDataset } from '../../src/features/dataset/dataset.repository';
import { NodeKind, RelationType } from '../../src/model/graph-model';
import { questionByKey } from '../../bench/scale/questions';
import { resetDatabase } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const DOC = 'doc-vecindad';
const SOURCES = [`${DOC}#0`];
const { ORGANIZATION, AGREEMENT, EVENT } = NodeKind;
const { PARTY_TO, ORGANIZED, PARTICIPATED_IN } = RelationType;

type Kind = (typeof NodeKind)[keyof typeof NodeKind];
const node = (id: string, kind: Kind, name: string) => ({ id, kind, name, sources: SOURCES });
const rel = (from: string, type: RelationType, to: string) => ({ from, type, to, sources: SOURCES });

/**
 * Centre `c`. Layer 1: events the centre organized and took part in (strength 2) and agreements it is party to
 * (strength 1), many with one name so that ids decide, ids chosen against the order of creation. Layer 2:
 * organizations party to several of those agreements or taking part in those events (strengths 1 to 3), again
 * with shared names.
 */
function dataset(): Dataset {
  const events = ['e-k', 'e-b', 'e-x', 'e-a'].map((id) => node(id, EVENT, 'Taller'));
  const agreements = [
    ...['a-9', 'a-3', 'a-7', 'a-1', 'a-5'].map((id) => node(id, AGREEMENT, 'Convenio marco')),
    node('a-0', AGREEMENT, 'Acuerdo'),
    node('a-z', AGREEMENT, 'Zona'),
  ];
  const others = [
    ...['o-q', 'o-c', 'o-m', 'o-d', 'o-p', 'o-b'].map((id) => node(id, ORGANIZATION, 'Instituto')),
    node('o-y', ORGANIZATION, 'Asociación'),
    node('o-a', ORGANIZATION, 'Zeta'),
  ];
  const relationships = [
    ...events.flatMap((event, i) => [
      rel('c', ORGANIZED, event.id),
      // Two of the four events also have the centre among their participants: strength 2.
      ...(i % 2 === 0 ? [rel('c', PARTICIPATED_IN, event.id)] : []),
    ]),
    ...agreements.map((agreement) => rel('c', PARTY_TO, agreement.id)),
    // Layer 2: strengths 3, 2, 2, 1, 1, 1, 1, 1 through different layer-1 nodes.
    ...['a-9', 'a-3', 'a-7'].map((to) => rel('o-q', PARTY_TO, to)),
    ...['a-1', 'a-5'].map((to) => rel('o-c', PARTY_TO, to)),
    rel('o-m', PARTY_TO, 'a-0'),
    rel('o-m', PARTICIPATED_IN, 'e-x'),
    rel('o-d', PARTY_TO, 'a-z'),
    rel('o-p', PARTICIPATED_IN, 'e-k'),
    rel('o-b', PARTICIPATED_IN, 'e-b'),
    rel('o-y', ORGANIZED, 'e-a'),
    rel('o-a', PARTY_TO, 'a-3'),
  ];
  return {
    format: DATASET_FORMAT,
    sources: [
      {
        id: DOC,
        title: 'Vecindad',
        url: 'https://example.org/v',
        publishedOn: '2025',
        statements: [{ n: 0, text: 'x' }],
      },
    ],
    nodes: [node('c', ORGANIZATION, 'Centro'), ...events, ...agreements, ...others],
    relationships,
  };
}

interface Answer {
  nodes: string[];
  edges: string[];
  truncated: boolean;
}

/** The definition, computed from the stored relationships and sort keys (see graph.repository.ts). */
function definition(
  rels: { id: string; from: string; to: string }[],
  sortKeys: Map<string, string | null>,
  centre: string,
  depth: number,
  limit: number,
): Answer {
  const kept = [centre];
  let frontier = [centre];
  let truncated = false;
  for (let step = 1; step <= depth; step += 1) {
    const strength = new Map<string, number>();
    const keptSet = new Set(kept);
    const frontierSet = new Set(frontier);
    for (const { from, to } of rels) {
      for (const [near, far] of [
        [from, to],
        [to, from],
      ] as const) {
        if (frontierSet.has(near) && !keptSet.has(far)) strength.set(far, (strength.get(far) ?? 0) + 1);
      }
    }
    if (kept.length >= limit) {
      truncated ||= strength.size > 0;
      break;
    }
    const key = (id: string): string => sortKeys.get(id) ?? '\uffff';
    const ranked = [...strength.keys()].sort(
      (a, b) =>
        (strength.get(b) ?? 0) - (strength.get(a) ?? 0) ||
        (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) ||
        (a < b ? -1 : a > b ? 1 : 0),
    );
    const room = limit - kept.length;
    truncated ||= ranked.length > room;
    frontier = ranked.slice(0, room);
    kept.push(...frontier);
  }
  const keptSet = new Set(kept);
  const edges = rels.filter(({ from, to }) => keptSet.has(from) && keptSet.has(to)).map(({ id }) => id);
  return { nodes: kept, edges: edges.sort(), truncated };
}

let db: Database;
let api: TestServer;
let rels: { id: string; from: string; to: string }[];
let sortKeys: Map<string, string | null>;
beforeAll(async () => {
  db = testDatabase();
  await resetDatabase(db);
  await loadDataset(db, dataset());
  api = await startTestServer();
  rels = await db.query(
    adHoc<Record<string, never>, { id: string; from: string; to: string }>(
      'MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id IS NOT NULL RETURN r.id AS id, a.id AS from, b.id AS to',
    ),
    {},
  );
  const keys = await db.query(
    adHoc<Record<string, never>, { id: string; sortKey: string | null }>(
      'MATCH (n:Entity) RETURN n.id AS id, n.sortKey AS sortKey',
    ),
    {},
  );
  sortKeys = new Map(keys.map((row) => [row.id, row.sortKey]));
});
afterAll(async () => {
  await api.close();
  await db.close();
});

async function fromApi(depth: number, limit: number): Promise<Answer> {
  const response = await api.graphql<{
    neighborhood: { nodes: { id: string }[]; edges: { id: string }[]; truncated: boolean };
  }>(
    `query ($depth: Int, $limit: Int) {
       neighborhood(id: "c", depth: $depth, limit: $limit) { nodes { id } edges { id } truncated }
     }`,
    { depth, limit },
  );
  expect(response.errors).toBeUndefined();
  const { nodes, edges, truncated } = response.data!.neighborhood;
  return { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id).sort(), truncated };
}

/** The benchmark's hand-written Cypher (written for depth 2). */
async function fromHandWritten(limit: number): Promise<Answer> {
  const [row] = await db.query(
    adHoc<{ id: string; limit: number }, { nodes: string[]; edges: string[]; truncated: boolean }>(
      questionByKey('neighbourhood').cypher.text,
    ),
    { id: 'c', limit },
  );
  return { nodes: row!.nodes, edges: [...row!.edges].sort(), truncated: row!.truncated };
}

// Limits that cut inside the strength-2 events, inside the tied agreements, at the end of layer 1 (12 nodes),
// inside each tie of layer 2, and beyond everything (20 nodes in all).
const LIMITS = [2, 3, 5, 8, 12, 13, 14, 15, 17, 20, 50];

it('has ties to break: equal strengths and equal sort keys at both depths', () => {
  const all = definition(rels, sortKeys, 'c', 2, 50);
  expect(all.nodes).toHaveLength(20);
  expect(all.nodes.slice(13)).toEqual(['o-c', 'o-m', 'o-y', 'o-b', 'o-d', 'o-p', 'o-a']);
  expect(all.truncated).toBe(false);
  // The first layer: the two strength-2 events by id, then the strength-1 nodes by name (sort key) and id; then
  // the strongest of the second.
  expect(all.nodes.slice(0, 13)).toEqual([
    'c',
    ...['e-k', 'e-x'],
    'a-0',
    ...['a-1', 'a-3', 'a-5', 'a-7', 'a-9'],
    ...['e-a', 'e-b'],
    'a-z',
    'o-q',
  ]);
});

it.each(LIMITS)('at depth 2 and limit %i: the API and the hand-written Cypher give the definition', async (limit) => {
  const expected = definition(rels, sortKeys, 'c', 2, limit);
  expect(await fromApi(2, limit)).toEqual(expected);
  expect(await fromHandWritten(limit)).toEqual(expected);
});

it.each([1, 3])('at depth %i the API gives the definition', async (depth) => {
  for (const limit of [4, 12, 50])
    expect(await fromApi(depth, limit)).toEqual(definition(rels, sortKeys, 'c', depth, limit));
});
