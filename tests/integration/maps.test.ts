/**
 * Saved explorer maps through GraphQL against the real Neo4j: who may save, what a save stores and answers, ids
 * and versions (CONFLICT, NOT_FOUND), the history, and a map whose nodes were merged or deleted since it was saved.
 */
import type { Database } from '../../src/db/database';
import { cypherRow, cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const OTHER_EDITOR_TOKEN = 'other-editor-token-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_TOKEN}` };
const otherEditor = { authorization: `Bearer ${OTHER_EDITOR_TOKEN}` };
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let api: TestServer;
let db: Database;
beforeAll(async () => {
  db = testDatabase();
  api = await startTestServer({
    AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN},ada:admin:${ADMIN_TOKEN},otto:editor:${OTHER_EDITOR_TOKEN}`,
  });
});
afterAll(async () => {
  await api.close();
  await db.close();
});
beforeEach(async () => {
  await resetAndSeed(db);
  await cypherRows(db, 'MATCH (m:ExplorerMap) DELETE m');
});

const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

interface SavedMap {
  id: string;
  title: string;
  description: string | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  nodes: { id: string; x: number; y: number; caption: string | null }[];
  notes: { text: string; x: number; y: number }[];
  viewport: { zoom: number; x: number; y: number } | null;
  hiddenTypes: string[];
  activeAt: string | null;
}

const MAP_FIELDS = `id title description version createdBy updatedBy
  nodes { id x y caption } notes { text x y } viewport { zoom x y } hiddenTypes activeAt`;
const CREATE = `mutation ($input: CreateMapInput!) { createMap(input: $input) { ${MAP_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: MapInput!) {
  updateMap(id: $id, version: $version, input: $input) { ${MAP_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteMap(id: $id) }';
const MAP = `query ($id: ID!) { map(id: $id) { ${MAP_FIELDS}
  content {
    nodes { id node { id name kind } change { kind name mergedInto message } }
    edges { id source target type }
  } } }`;

interface OpenedMap extends SavedMap {
  content: {
    nodes: {
      id: string;
      node: { id: string; name: string; kind: string } | null;
      change: { kind: string; name: string | null; mergedInto: string | null; message: string } | null;
    }[];
    edges: { id: string; source: string; target: string; type: string }[];
  };
}

const unamMap = (extra: Record<string, unknown> = {}) => ({
  title: 'El convenio con la UNAM',
  description: 'Quién firmó y a través de qué facultad',
  nodes: [
    { id: 'iecm', x: -120.5, y: 10.25 },
    { id: 'convenio-iecm-unam-fes-aragon', x: 0, y: 0, caption: 'Convenio UNAM' },
    { id: 'unam', x: 140, y: -30.75 },
    { id: 'fes-aragon', x: 140, y: 90 },
  ],
  notes: [{ text: 'Firmado a través de la FES Aragón', x: 60, y: 150 }],
  viewport: { zoom: 1.25, x: 10, y: 20 },
  hiddenTypes: ['REPORTED_IN'],
  activeAt: '2024-03',
  ...extra,
});

async function create(input: Record<string, unknown>): Promise<SavedMap> {
  const response = await api.graphql<{ createMap: SavedMap }>(CREATE, { input }, editor);
  expect(response.errors).toBeUndefined();
  return response.data!.createMap;
}

async function open(id: string): Promise<OpenedMap | null> {
  const response = await api.graphql<{ map: OpenedMap | null }>(MAP, { id });
  expect(response.errors).toBeUndefined();
  return response.data!.map;
}

describe('who may save maps', () => {
  it('refuses a save without credentials (UNAUTHENTICATED) and lets anyone list and open maps', async () => {
    const refused = await api.graphql(CREATE, { input: unamMap() });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');

    const saved = await create(unamMap());
    const listed = await api.graphql<{ maps: { totalCount: number; edges: { node: { id: string } }[] } }>(
      '{ maps(first: 10) { totalCount edges { node { id } } } }',
    );
    expect(listed.data!.maps.totalCount).toBe(1);
    expect(listed.data!.maps.edges.map((edge) => edge.node.id)).toEqual([saved.id]);
    await expect(open(saved.id)).resolves.toMatchObject({ id: saved.id, title: 'El convenio con la UNAM' });

    for (const [query, variables] of [
      [UPDATE, { id: saved.id, version: 1, input: unamMap() }],
      [DELETE, { id: saved.id }],
    ] as const) {
      expect(codeOf(await api.graphql(query, variables))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('whose map it is', () => {
  it('lets only its maker (or an admin) change or delete a map: another editor is FORBIDDEN', async () => {
    const saved = await create(unamMap({ id: 'mapa-de-erin' }));
    expect(saved.createdBy).toBe('token:erin');
    const moved = unamMap({ title: 'Cambiado por otto' });
    expect(codeOf(await api.graphql(UPDATE, { id: saved.id, version: 1, input: moved }, otherEditor))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await api.graphql(DELETE, { id: saved.id }, otherEditor))).toBe('FORBIDDEN');
    await expect(open(saved.id)).resolves.toMatchObject({ version: 1, title: 'El convenio con la UNAM' });
    // Its maker changes it; an admin changes and deletes anyone's.
    expect((await api.graphql(UPDATE, { id: saved.id, version: 1, input: moved }, editor)).errors).toBeUndefined();
    const byAdmin = await api.graphql<{ updateMap: SavedMap }>(
      UPDATE,
      { id: saved.id, version: 2, input: unamMap({ title: 'Por ada' }) },
      admin,
    );
    expect(byAdmin.data?.updateMap).toMatchObject({ createdBy: 'token:erin', updatedBy: 'token:ada', version: 3 });
    expect((await api.graphql(DELETE, { id: saved.id }, admin)).data).toEqual({ deleteMap: true });
  });
});

describe('saving and opening a map', () => {
  it('stores every position, caption, note, the view and the filters, and answers them back', async () => {
    const saved = await create(unamMap());
    expect(saved.id).toMatch(/^el-convenio-con-la-unam-[0-9a-f]{8}$/);
    expect(saved).toMatchObject({ version: 1, createdBy: 'token:erin', updatedBy: 'token:erin', activeAt: '2024-03' });
    const expected = unamMap();
    expect(saved.nodes).toEqual(expected.nodes.map((node) => ({ caption: null, ...node })));
    expect(saved.notes).toEqual(expected.notes);
    expect(saved.viewport).toEqual(expected.viewport);
    expect(saved.hiddenTypes).toEqual(['REPORTED_IN']);

    const opened = await open(saved.id);
    expect(opened).toMatchObject({ ...saved, content: expect.any(Object) });
    expect(opened!.content.nodes.map((node) => [node.id, node.node?.id, node.change])).toEqual([
      ['iecm', 'iecm', null],
      ['convenio-iecm-unam-fes-aragon', 'convenio-iecm-unam-fes-aragon', null],
      ['unam', 'unam', null],
      ['fes-aragon', 'fes-aragon', null],
    ]);
    // Every relationship among the four, and nothing else.
    const edges = opened!.content.edges.map((edge) => `${edge.source} ${edge.type} ${edge.target}`).sort();
    expect(edges).toEqual([
      'fes-aragon PARTY_TO convenio-iecm-unam-fes-aragon',
      'fes-aragon PART_OF unam',
      'iecm PARTY_TO convenio-iecm-unam-fes-aragon',
      'unam PARTY_TO convenio-iecm-unam-fes-aragon',
    ]);
  });

  it('answers null for a map that does not exist, and BAD_USER_INPUT for an id that cannot be one', async () => {
    await expect(open('no-such-map')).resolves.toBeNull();
    expect(codeOf(await api.graphql(MAP, { id: 'Not A Slug' }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a taken id with CONFLICT, and invalid content with BAD_USER_INPUT naming the field', async () => {
    await create(unamMap({ id: 'mapa-unam' }));
    const again = await api.graphql(CREATE, { input: unamMap({ id: 'mapa-unam' }) }, editor);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toMatch(/mapa-unam/);

    const twice = await api.graphql(
      CREATE,
      {
        input: unamMap({
          nodes: [
            { id: 'iecm', x: 0, y: 0 },
            { id: 'iecm', x: 5, y: 5 },
          ],
        }),
      },
      editor,
    );
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(twice.errors![0]!.message).toMatch(/"iecm" placed more than once/);

    const farAway = await api.graphql(CREATE, { input: unamMap({ nodes: [{ id: 'iecm', x: 1e9, y: 0 }] }) }, editor);
    expect(codeOf(farAway)).toBe('BAD_USER_INPUT');
    const badDate = await api.graphql(CREATE, { input: unamMap({ activeAt: 'March 2024' }) }, editor);
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(badDate.errors)).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('saves over the version it was opened at: a stale version is CONFLICT, a missing map NOT_FOUND', async () => {
    const saved = await create(unamMap({ id: 'mapa-versiones' }));
    const moved = unamMap({ title: 'Movido', nodes: [{ id: 'iecm', x: 1, y: 2, caption: 'IECM' }], notes: [] });
    const first = await api.graphql<{ updateMap: SavedMap }>(
      UPDATE,
      { id: saved.id, version: 1, input: moved },
      editor,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateMap).toMatchObject({
      version: 2,
      title: 'Movido',
      nodes: [{ id: 'iecm', x: 1, y: 2, caption: 'IECM' }],
      notes: [],
      createdBy: 'token:erin',
    });

    // Someone who opened version 1 saves after that: refused, nothing changes.
    const stale = await api.graphql(UPDATE, { id: saved.id, version: 1, input: unamMap() }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(2);
    await expect(open(saved.id)).resolves.toMatchObject({ version: 2, title: 'Movido' });

    const missing = await api.graphql(UPDATE, { id: 'no-such-map', version: 1, input: moved }, editor);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(DELETE, { id: 'no-such-map' }, editor))).toBe('NOT_FOUND');
  });

  it('two saves of the same version at once: exactly one wins, the other is CONFLICT', async () => {
    const saved = await create(unamMap({ id: 'mapa-carrera' }));
    const results = await Promise.all(
      ['Uno', 'Dos'].map((title) =>
        api.graphql(UPDATE, { id: saved.id, version: 1, input: unamMap({ title }) }, editor),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    await expect(open(saved.id)).resolves.toMatchObject({ version: 2 });
  });

  it('records each save and the deletion in the history, and keeps maps out of the graph', async () => {
    const saved = await create(unamMap({ id: 'mapa-historia' }));
    await api.graphql(UPDATE, { id: saved.id, version: 1, input: unamMap({ title: 'Otra vez' }) }, editor);
    const deleted = await api.graphql<{ deleteMap: boolean }>(DELETE, { id: saved.id }, editor);
    expect(deleted.data!.deleteMap).toBe(true);
    await expect(open(saved.id)).resolves.toBeNull();

    const changes = await cypherRows<{ action: string; actor: string; summary: string }>(
      db,
      `MATCH (c:Change) WHERE c.summary CONTAINS 'mapa-historia'
       RETURN c.action AS action, c.actor AS actor, c.summary AS summary ORDER BY c.at`,
    );
    expect(changes.map((change) => change.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(changes.every((change) => change.actor === 'token:erin')).toBe(true);

    await create(unamMap({ id: 'mapa-aparte' }));
    const labels = await cypherRow<{ labels: string[] }>(db, 'MATCH (m:ExplorerMap) RETURN labels(m) AS labels');
    expect(labels.labels).toEqual(['ExplorerMap']);
    const stats = await api.graphql<{ stats: { nodes: number } }>('{ stats { nodes } }');
    const entities = await cypherRow<{ count: number }>(db, 'MATCH (n:Entity) RETURN count(n) AS count');
    expect(stats.data!.stats.nodes).toBe(entities.count);
  });
});

describe('a map whose nodes changed since it was saved', () => {
  it('still opens: a merged node is shown as its survivor, a deleted one is reported, with what changed', async () => {
    const saved = await create(unamMap({ id: 'mapa-cambios' }));
    const merge = await api.graphql(
      'mutation { mergeNodes(survivorId: "fcpys-unam", mergedId: "fes-aragon") { id } }',
      {},
      admin,
    );
    expect(merge.errors).toBeUndefined();
    const removal = await api.graphql('mutation { deleteNode(id: "convenio-iecm-unam-fes-aragon") }', {}, admin);
    expect(removal.errors).toBeUndefined();

    const opened = await open(saved.id);
    const byId = new Map(opened!.content.nodes.map((node) => [node.id, node]));
    expect(byId.get('iecm')).toMatchObject({ node: { id: 'iecm' }, change: null });
    expect(byId.get('fes-aragon')).toMatchObject({
      node: { id: 'fcpys-unam' },
      change: {
        kind: 'MERGED',
        name: 'Facultad de Estudios Superiores Aragón',
        mergedInto: 'fcpys-unam',
        message: '"fes-aragon" (Facultad de Estudios Superiores Aragón) was merged into "fcpys-unam"',
      },
    });
    expect(byId.get('convenio-iecm-unam-fes-aragon')).toMatchObject({
      node: null,
      change: { kind: 'DELETED', message: expect.stringMatching(/was deleted$/) },
    });
    // The saved positions and captions are still there, for the nodes that stand in.
    expect(opened!.nodes).toEqual(saved.nodes);
    // No relationship leads to the deleted agreement any more.
    expect(opened!.content.edges.filter((edge) => edge.target === 'convenio-iecm-unam-fes-aragon')).toEqual([]);
  });

  it('reports a node merged into one deleted later, and an id no node ever had', async () => {
    const saved = await create(
      unamMap({
        id: 'mapa-perdidos',
        nodes: [
          { id: 'fes-aragon', x: 0, y: 0 },
          { id: 'nunca-existio', x: 10, y: 10 },
        ],
      }),
    );
    const merge = await api.graphql(
      'mutation { mergeNodes(survivorId: "fcpys-unam", mergedId: "fes-aragon") { id } }',
      {},
      admin,
    );
    expect(merge.errors).toBeUndefined();
    const removal = await api.graphql('mutation { deleteNode(id: "fcpys-unam") }', {}, admin);
    expect(removal.errors).toBeUndefined();

    const opened = await open(saved.id);
    expect(opened!.content.nodes).toEqual([
      {
        id: 'fes-aragon',
        node: null,
        change: expect.objectContaining({
          kind: 'DELETED',
          mergedInto: 'fcpys-unam',
          message: expect.stringMatching(/deleted later/),
        }),
      },
      {
        id: 'nunca-existio',
        node: null,
        change: {
          kind: 'UNKNOWN',
          name: null,
          mergedInto: null,
          message: '"nunca-existio" is not a node of this graph',
        },
      },
    ]);
    expect(opened!.content.edges).toEqual([]);
  });
});

describe('subgraph(ids)', () => {
  it('answers the live nodes asked for and every relationship between two of them', async () => {
    const response = await api.graphql<{
      subgraph: {
        nodes: { id: string }[];
        edges: { source: string; target: string; participantCount: number | null }[];
      };
    }>(
      `{ subgraph(ids: ["red-de-observacion-iecm", "mision-acompanamiento-2023-2024", "iecm", "nunca-existio"]) {
           nodes { id } edges { source target type participantCount note } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.subgraph.nodes.map((node) => node.id)).toEqual([
      'red-de-observacion-iecm',
      'mision-acompanamiento-2023-2024',
      'iecm',
    ]);
    expect(response.data!.subgraph.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'red-de-observacion-iecm',
          target: 'mision-acompanamiento-2023-2024',
          participantCount: 52,
        }),
        expect.objectContaining({ source: 'red-de-observacion-iecm', target: 'iecm' }),
      ]),
    );
    expect(response.data!.subgraph.edges).toHaveLength(2);
  });
});
