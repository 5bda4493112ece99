/**
 * Commit semantics of the document workflow against the real Neo4j: proposals linked to existing nodes (`sameAs`),
 * corroboration instead of second edges, every accepted relationship written or the commit refused naming it,
 * canonical URLs, NFC text and lone surrogates, dry runs, partnerships refreshed once per commit (an agreement of
 * 200 parties) and a transaction timeout coded TIMEOUT, never DB_UNAVAILABLE.
 */
import { Database } from '../../src/db/database';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import * as documents from '../../src/features/documents/documents.service';
import type { CommitDocumentInput } from '../../src/features/documents/documents.inputs';
import { rebuildAllPartnerships } from '../../src/features/partners/partnerships';
import { loadConfig } from '../../src/shared/config';
import { cypherRow, cypherRows, resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_TOKEN}` };

let api: TestServer;
let db: Database;
beforeAll(async () => {
  db = testDatabase();
  api = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
});
afterAll(async () => {
  await api.close();
  await db.close();
});
beforeEach(() => resetAndSeedFirstDocument(db), 180_000);

const COMMIT = `mutation ($input: CommitDocumentInput!) {
  commitDocument(input: $input) {
    alreadyCommitted dryRun statements
    document { id url title }
    nodes { id kind name aliases }
    relationships { id type source target sources { statementId } }
    summary {
      newNodes corroboratedNodes newRelationships corroboratedRelationships
      linkedNodes { proposal nodeId addedAliases }
    }
  }
}`;

interface Commit {
  commitDocument: {
    alreadyCommitted: boolean;
    dryRun: boolean;
    statements: number;
    document: { id: string; url: string; title: string };
    nodes: { id: string; kind: string; name: string; aliases: string[] }[];
    relationships: { id: string; type: string; source: string; target: string; sources: { statementId: string }[] }[];
    summary: {
      newNodes: string[];
      corroboratedNodes: string[];
      newRelationships: string[];
      corroboratedRelationships: string[];
      linkedNodes: { proposal: string; nodeId: string; addedAliases: string[] }[];
    };
  };
}

const post = (input: unknown): Promise<GraphQLResponse<Commit>> => api.graphql<Commit>(COMMIT, { input }, editor);
const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

async function committed(input: unknown): Promise<Commit['commitDocument']> {
  const response = await post(input);
  if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.commitDocument;
}

const edgesBetween = async (from: string, type: string, to: string): Promise<{ id: string; refs: string[] }[]> =>
  cypherRows<{ id: string; refs: string[] }>(
    db,
    `MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to}) RETURN r.id AS id, r.sourceRefs AS refs`,
    { from, type, to },
  );

describe('sameAs', () => {
  const first = {
    id: 'doc-comision-uno',
    title: 'Se instala la Comisión de Enlace Ciudadano',
    url: 'https://example.org/comision-uno',
    text: 'El IECM instaló la Comisión de Enlace Ciudadano.',
    nodes: [{ id: 'cec', kind: 'COMMISSION', name: 'Comisión de Enlace Ciudadano', sentences: [0, 1] }],
    relationships: [{ from: 'iecm', type: 'INSTALLED', to: 'cec', sentences: [1] }],
  };
  const second = {
    id: 'doc-comision-dos',
    title: 'La Comisión de Enlace sesiona',
    url: 'https://example.org/comision-dos',
    text: 'La Comisión de Enlace (COEC) forma parte del IECM.',
    nodes: [{ id: 'cec', kind: 'COMMISSION', name: 'Comisión de Enlace', aliases: ['COEC'], sentences: [1] }],
    relationships: [{ from: 'cec', type: 'PART_OF', to: 'iecm', sentences: [1] }],
  };

  it('a taken id without sameAs is CONFLICT that says to use sameAs; with it, the existing node is used', async () => {
    await committed(first);
    const taken = await post(second);
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0]?.message).toMatch(/nodes\[0\]\.id: "cec" is taken: set sameAs: "cec"/);

    const before = await readGraphCounts(db);
    const answer = await committed({ ...second, nodes: [{ ...second.nodes[0], sameAs: 'cec' }] });
    const after = await readGraphCounts(db);
    // Only the document is a new node; the proposal became the existing commission.
    expect(after.nodes - before.nodes).toBe(1);
    expect(answer.summary.newNodes).toEqual([]);
    expect(answer.summary.linkedNodes).toEqual([
      { proposal: 'cec', nodeId: 'cec', addedAliases: ['Comisión de Enlace', 'COEC'] },
    ]);
    expect(answer.summary.newRelationships).toEqual(['cec:PART_OF:iecm']);
    const node = await cypherRow<{ aliases: string[]; refs: string[]; keys: string[] }>(
      db,
      `MATCH (n:Entity {id: 'cec'}) RETURN n.aliases AS aliases, n.sourceRefs AS refs, n.aliasKeys AS keys`,
    );
    expect(node.aliases).toEqual(['Comisión de Enlace', 'COEC']);
    expect(node.keys).toEqual(expect.arrayContaining(['comision de enlace', 'coec']));
    expect(node.refs).toEqual(expect.arrayContaining(['doc-comision-uno#0', 'doc-comision-dos#1']));
  });

  it('links a proposal with another id; its relationships go to the existing node; known names are not added', async () => {
    const answer = await committed({
      ...second,
      nodes: [
        {
          id: 'instituto',
          kind: 'ORGANIZATION',
          name: 'instituto electoral de la ciudad de mexico',
          sameAs: 'iecm',
          sentences: [1],
        },
        { id: 'coec', kind: 'COMMISSION', name: 'Comisión de Enlace', aliases: ['COEC'], sentences: [1] },
      ],
      relationships: [{ from: 'coec', type: 'PART_OF', to: 'instituto', sentences: [1] }],
    });
    expect(answer.summary.linkedNodes).toEqual([{ proposal: 'instituto', nodeId: 'iecm', addedAliases: [] }]);
    expect(answer.summary.newNodes).toEqual(['coec']);
    expect(await edgesBetween('coec', 'PART_OF', 'iecm')).toEqual([
      { id: 'coec:PART_OF:iecm', refs: ['doc-comision-dos#1'] },
    ]);
    expect((await cypherRows(db, `MATCH (n:Entity {id: 'instituto'}) RETURN n.id AS id`)).length).toBe(0);
  });

  it('an unknown sameAs is BAD_USER_INPUT naming it, and nothing is written', async () => {
    const before = await readGraphCounts(db);
    const response = await post({ ...second, nodes: [{ ...second.nodes[0], sameAs: 'no-such-node' }] });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/nodes\[0\]\.sameAs: "no-such-node" does not exist/);
    expect(await readGraphCounts(db)).toEqual(before);
  });
});

describe('corroboration', () => {
  it('two documents that state one fact give one relationship with two sources', async () => {
    const fact = (id: string, text: string, sameAs?: string) => ({
      id,
      title: `Nota ${id}`,
      url: `https://example.org/${id}`,
      text,
      nodes: [
        { id: 'comision-q', kind: 'COMMISSION', name: 'Comisión Q', sentences: [1], ...(sameAs ? { sameAs } : {}) },
      ],
      relationships: [{ from: 'iecm', type: 'INSTALLED', to: 'comision-q', sentences: [1] }],
    });
    const one = await committed(fact('nota-uno', 'El IECM instaló la Comisión Q.'));
    expect(one.summary.newRelationships).toEqual(['iecm:INSTALLED:comision-q']);
    const two = await committed(fact('nota-dos', 'La Comisión Q fue instalada por el IECM.', 'comision-q'));
    expect(two.summary.newRelationships).toEqual([]);
    expect(two.summary.corroboratedRelationships).toEqual(['iecm:INSTALLED:comision-q']);
    expect(two.summary.corroboratedNodes).toEqual(expect.arrayContaining(['iecm', 'comision-q']));

    const edges = await edgesBetween('iecm', 'INSTALLED', 'comision-q');
    expect(edges).toEqual([{ id: 'iecm:INSTALLED:comision-q', refs: ['nota-uno#1', 'nota-dos#1'] }]);
    // The read API lists both sources too.
    const read = await api.graphql<{
      node: { relationships: { edges: { node: { id: string; sources: { statementId: string }[] } }[] } };
    }>(`{ node(id: "comision-q") { relationships(first: 100, types: [INSTALLED]) {
          edges { node { id sources(first: 50) { statementId } } } } } }`);
    const edge = read.data?.node.relationships.edges.find((e) => e.node.id === 'iecm:INSTALLED:comision-q');
    expect(edge?.node.sources.map((s) => s.statementId)).toEqual(['nota-uno#1', 'nota-dos#1']);
  });

  it('a fact stated without a period corroborates the one the graph has for a period', async () => {
    const answer = await committed({
      id: 'nota-sin-fecha',
      title: 'Sin fecha',
      url: 'https://example.org/sin-fecha',
      text: 'El IECM es parte del convenio con el INE.',
      relationships: [{ from: 'iecm', type: 'PARTY_TO', to: 'convenio-iecm-ine', sentences: [1] }],
    });
    expect(answer.summary.newRelationships).toEqual([]);
    expect(answer.summary.corroboratedRelationships).toEqual(['iecm:PARTY_TO:convenio-iecm-ine:2023-09']);
    const edges = await edgesBetween('iecm', 'PARTY_TO', 'convenio-iecm-ine');
    expect(edges).toEqual([
      { id: 'iecm:PARTY_TO:convenio-iecm-ine:2023-09', refs: ['nota-iecm-alianzas-2024-09-25#5', 'nota-sin-fecha#1'] },
    ]);
    const period = await cypherRow<{ end: string }>(
      db,
      `MATCH (:Entity {id: 'iecm'})-[r:PARTY_TO]->(:Entity {id: 'convenio-iecm-ine'}) RETURN r.periodEnd AS end`,
    );
    expect(period.end).toBe('2024-09');
  });

  it('keeps a stored end of period, and refuses a different one naming the relationship', async () => {
    const base = {
      title: 'Periodo',
      text: 'La consejera preside la comisión.',
      nodes: [
        { id: 'ana-ruiz', kind: 'PERSON', name: 'Ana Ruiz', sentences: [1] },
        { id: 'comision-p', kind: 'COMMISSION', name: 'Comisión P', sentences: [1] },
      ],
      relationships: [
        { from: 'ana-ruiz', type: 'CHAIRS', to: 'comision-p', periodStart: '2025', periodEnd: '2026', sentences: [1] },
      ],
    };
    await committed({ ...base, id: 'periodo-uno', url: 'https://example.org/p1' });
    const linked = (id: string, extra: Record<string, unknown>) => ({
      ...base,
      ...extra,
      id,
      url: `https://example.org/${id}`,
      nodes: base.nodes.map((node) => ({ ...node, sameAs: node.id })),
    });
    const again = await committed(
      linked('periodo-dos', {
        relationships: [{ from: 'ana-ruiz', type: 'CHAIRS', to: 'comision-p', periodStart: '2025', sentences: [1] }],
      }),
    );
    expect(again.relationships).toEqual([
      expect.objectContaining({
        id: 'ana-ruiz:CHAIRS:comision-p:2025',
        sources: [{ statementId: 'periodo-uno#1' }, { statementId: 'periodo-dos#1' }],
      }),
    ]);
    const period = await cypherRow<{ end: string }>(
      db,
      `MATCH ()-[r:CHAIRS {id: 'ana-ruiz:CHAIRS:comision-p:2025'}]->() RETURN r.periodEnd AS end`,
    );
    expect(period.end).toBe('2026');
    const other = await post(
      linked('periodo-tres', {
        relationships: [
          {
            from: 'ana-ruiz',
            type: 'CHAIRS',
            to: 'comision-p',
            periodStart: '2025',
            periodEnd: '2027',
            sentences: [1],
          },
        ],
      }),
    );
    expect(codeOf(other)).toBe('CONFLICT');
    expect(other.errors?.[0]?.message).toMatch(
      /relationships\[0\]: the graph has ana-ruiz:CHAIRS:comision-p:2025 until 2026/,
    );
  });
});

describe('every accepted relationship', () => {
  it('is written: N relationships of every shape give N relationships (repeats merged, not dropped)', async () => {
    const relationships = [
      { from: 'comision-x', type: 'PART_OF', to: 'iecm' }, // new -> existing
      { from: 'maria-lopez', type: 'CHAIRS', to: 'comision-x' }, // new person -> new commission
      { from: 'jose-soto', type: 'MEMBER_OF', to: 'comision-x' },
      { from: 'maria-lopez', type: 'MEMBER_OF', to: 'comision-x' },
      { from: 'iecm', type: 'INSTALLED', to: 'comision-x' }, // existing -> new
      { from: 'iecm', type: 'PARTY_TO', to: 'convenio-iecm-uacm' }, // an agreement between two ends (AGREEMENT_WITH)
      { from: 'uacm', type: 'PARTY_TO', to: 'convenio-iecm-uacm' },
      { from: 'comision-x', type: 'OVERSEES', to: 'unidad-y' },
      { from: 'unidad-y', type: 'PART_OF', to: 'iecm' },
      { from: 'iecm', type: 'CREATED', to: 'comision-x' },
      { from: 'foro-z', type: 'HELD_IN', to: 'ciudad-de-mexico' }, // new -> existing city
      { from: 'iecm', type: 'ORGANIZED', to: 'foro-z' },
      { from: 'uacm', type: 'PARTICIPATED_IN', to: 'foro-z' },
    ];
    const input = {
      id: 'todas-las-formas',
      title: 'Todas las formas',
      url: 'https://example.org/formas',
      text: 'Una frase. Otra frase.',
      nodes: [
        { id: 'comision-x', kind: 'COMMISSION', name: 'Comisión X', sentences: [1] },
        { id: 'maria-lopez', kind: 'PERSON', name: 'María López', sentences: [1] },
        { id: 'jose-soto', kind: 'PERSON', name: 'José Soto', sentences: [1] },
        { id: 'convenio-iecm-uacm', kind: 'AGREEMENT', name: 'Convenio IECM UACM', sentences: [2] },
        { id: 'uacm', kind: 'UNIVERSITY', name: 'Universidad Autónoma de la Ciudad de México', sentences: [2] },
        { id: 'unidad-y', kind: 'UNIT', name: 'Unidad Y', sentences: [2] },
        { id: 'foro-z', kind: 'EVENT', name: 'Foro Z', sentences: [2] },
      ],
      // One of them twice, from two sentences: one relationship citing both.
      relationships: [...relationships, relationships[0]!].map((rel, i) => ({
        ...rel,
        sentences: [i === relationships.length ? 2 : 1],
      })),
    };
    const cdmx = await cypherRows(db, `MATCH (n:Entity {id: 'ciudad-de-mexico'}) RETURN n.id AS id`);
    expect(cdmx).toHaveLength(1);
    const before = await readGraphCounts(db);
    const answer = await committed(input);
    const after = await readGraphCounts(db);
    expect(after.relationships - before.relationships).toBe(relationships.length);
    expect(answer.summary.newRelationships).toHaveLength(relationships.length);
    expect(answer.relationships).toHaveLength(relationships.length);
    for (const rel of relationships) expect(await edgesBetween(rel.from, rel.type, rel.to)).toHaveLength(1);
    expect((await edgesBetween('comision-x', 'PART_OF', 'iecm'))[0]?.refs).toEqual([
      'todas-las-formas#1',
      'todas-las-formas#2',
    ]);
  });

  it('or the commit fails naming it: an unknown end, a node and itself through sameAs, two ends of period', async () => {
    const base = { id: 'mala', title: 'Mala', url: 'https://example.org/mala', text: 'Una frase.' };
    const unknown = await post({
      ...base,
      relationships: [{ from: 'iecm', type: 'PART_OF', to: 'nadie', sentences: [1] }],
    });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toMatch(/relationships\[0\]\.to: "nadie" does not exist/);
    const itself = await post({
      ...base,
      nodes: [{ id: 'el-instituto', kind: 'ORGANIZATION', name: 'El Instituto', sameAs: 'iecm', sentences: [1] }],
      relationships: [{ from: 'el-instituto', type: 'PART_OF', to: 'iecm', sentences: [1] }],
    });
    expect(codeOf(itself)).toBe('BAD_USER_INPUT');
    expect(itself.errors?.[0]?.message).toMatch(/relationships\[0\]\.to: .*same node through sameAs/);
    const ends = await post({
      ...base,
      relationships: [
        { from: 'iecm', type: 'PARTY_TO', to: 'convenio-iecm-ine', periodEnd: '2025', sentences: [1] },
        { from: 'iecm', type: 'PARTY_TO', to: 'convenio-iecm-ine', periodEnd: '2026', sentences: [1] },
      ],
    });
    expect(codeOf(ends)).toBe('BAD_USER_INPUT');
    expect(ends.errors?.[0]?.message).toMatch(/relationships\[1\]: .* is also relationships\[0\]/);
  });
});

describe('the kinds a relationship joins', () => {
  it('are checked, new and existing ends alike: a wrong pair is refused, naming the kinds its type joins', async () => {
    const before = await readGraphCounts(db);
    const response = await post({
      id: 'pares-equivocados',
      title: 'Pares equivocados',
      url: 'https://example.org/pares',
      text: 'Una frase. Otra frase.',
      nodes: [{ id: 'persona-p', kind: 'PERSON', name: 'Persona P', sentences: [1] }],
      relationships: [
        { from: 'persona-p', type: 'MEMBER_OF', to: 'iecm', sentences: [1] },
        { from: 'ciudad-de-mexico', type: 'PARTY_TO', to: 'persona-p', sentences: [1] },
      ],
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(
      /^relationships\[1\]: "ciudad-de-mexico" PARTY_TO "persona-p": PARTY_TO joins ORGANIZATION, .* → AGREEMENT; got CITY → PERSON$/,
    );
    expect(await readGraphCounts(db)).toEqual(before);
  });
});

describe('text and URL', () => {
  it('one article whatever the spelling of its URL, stored canonical', async () => {
    const input = {
      id: 'articulo',
      title: 'Artículo',
      url: 'HTTPS://Example.ORG:443/Notas/a/#parrafo',
      text: 'Una frase.',
    };
    const first = await committed(input);
    expect(first.document.url).toBe('https://example.org/Notas/a');
    const again = await committed({ ...input, id: 'articulo-otra-vez', url: 'https://example.org/Notas/a' });
    expect(again.alreadyCommitted).toBe(true);
    expect(again.document.id).toBe('articulo');
  });

  it('stores NFC, and refuses a lone surrogate naming the field and offset (a replay is not a CONFLICT)', async () => {
    const decomposed = 'Me\u0301xico';
    const answer = await committed({
      id: 'nfc',
      title: `Nota de ${decomposed}`,
      url: 'https://example.org/nfc',
      text: `Una frase en ${decomposed}.`,
      nodes: [{ id: 'lugar', kind: 'CITY', name: `Ciudad de ${decomposed}`, sentences: [1] }],
    });
    expect(answer.document.title).toBe('Nota de México');
    expect(answer.nodes.find((n) => n.id === 'lugar')?.name).toBe('Ciudad de México');
    const text = await cypherRow<{ text: string }>(db, `MATCH (s:Statement {id: 'nfc#1'}) RETURN s.text AS text`);
    expect(text.text).toBe('Una frase en México.');

    const lone = { id: 'sola', title: 'Sola', url: 'https://example.org/sola', text: 'Una frase \ud800 rota.' };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await post(lone);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/^text: .*lone surrogate.* at offset 10$/);
    }
    const name = await post({
      ...lone,
      text: 'Bien.',
      nodes: [{ id: 'x', kind: 'CITY', name: 'X\udc00', sentences: [1] }],
    });
    expect(name.errors?.[0]?.message).toMatch(/^nodes\[0\]\.name: .* at offset 1$/);
  });
});

describe('dryRun', () => {
  it('answers what the commit would write and writes nothing', async () => {
    const before = await readGraphCounts(db);
    const answer = await committed({
      id: 'ensayo',
      title: 'Ensayo',
      url: 'https://example.org/ensayo',
      text: 'El IECM instaló la Comisión E.',
      nodes: [{ id: 'comision-e', kind: 'COMMISSION', name: 'Comisión E', sentences: [1] }],
      relationships: [
        { from: 'iecm', type: 'INSTALLED', to: 'comision-e', sentences: [1] },
        { from: 'iecm', type: 'PARTY_TO', to: 'convenio-iecm-ine', sentences: [1] },
      ],
      dryRun: true,
    });
    expect(answer.dryRun).toBe(true);
    expect(answer.summary).toEqual({
      newNodes: ['comision-e'],
      linkedNodes: [],
      corroboratedNodes: expect.arrayContaining(['iecm', 'convenio-iecm-ine']),
      newRelationships: ['iecm:INSTALLED:comision-e'],
      corroboratedRelationships: ['iecm:PARTY_TO:convenio-iecm-ine:2023-09'],
    });
    expect(await readGraphCounts(db)).toEqual(before);
    expect((await cypherRows(db, 'MATCH (c:DocumentCommit) RETURN c.url AS url')).length).toBe(0);
  });
});

/** An agreement of `parties` new organizations, all PARTY_TO it, in one document. */
function agreementOf(parties: number, id = `convenio-${parties}`): CommitDocumentInput {
  const ids = Array.from({ length: parties }, (_, i) => `organismo-${String(i).padStart(3, '0')}`);
  return {
    id: `doc-${id}`,
    title: `Convenio de ${parties} partes`,
    url: `https://example.org/${id}`,
    text: 'Firmaron un convenio.',
    nodes: [
      { id, kind: 'AGREEMENT', name: `Convenio de ${parties} partes`, sentences: [1] },
      ...ids.map((org) => ({ id: org, kind: 'ORGANIZATION', name: `Organismo ${org}`, sentences: [1] })),
    ],
    relationships: ids.map((org) => ({ from: org, type: 'PARTY_TO', to: id, sentences: [1] })),
  } as unknown as CommitDocumentInput;
}

const ACTOR = { name: 'test', role: 'editor' } as const;

describe('partnerships', () => {
  const pairs = () =>
    cypherRows<{ a: string; b: string; ways: string[]; evidence: string[]; strength: number; refs: string[] }>(
      db,
      `MATCH (a:Entity)-[r:PARTNERS]->(b:Entity)
       RETURN a.id AS a, b.id AS b, r.ways AS ways, r.evidence AS evidence, r.strength AS strength, r.sourceRefs AS refs
       ORDER BY a, b`,
    );

  it('an agreement of 200 parties commits, and its partnerships equal a rebuild', async () => {
    // Its time is the bench's (bench:document-commit); here a loaded machine must not turn it into a TIMEOUT.
    const { neo4j } = loadConfig();
    const patient = Database.create({ ...neo4j, uri: neo4j.uri ?? '', transactionTimeoutMs: 600_000 });
    const answer = await documents.commit(patient, ACTOR, agreementOf(200)).finally(() => patient.close());
    expect(answer.summary.newRelationships).toHaveLength(200);
    const stored = await pairs();
    expect(stored.filter((pair) => pair.evidence.includes('convenio-200'))).toHaveLength((200 * 199) / 2);
    await rebuildAllPartnerships(db);
    expect(await pairs()).toEqual(stored);
  }, 600_000);

  it('a further source of a fact reaches its partnerships', async () => {
    const input = agreementOf(3);
    await documents.commit(db, ACTOR, input);
    await documents.commit(db, ACTOR, {
      ...input,
      id: 'doc-otra',
      url: 'https://example.org/otra',
      text: 'Otra nota del convenio.',
      nodes: (input.nodes ?? []).map((node) => ({ ...node, sameAs: node.id })),
    });
    const stored = await pairs();
    const ofAgreement = stored.filter((pair) => pair.evidence.includes('convenio-3'));
    expect(ofAgreement).toHaveLength(3);
    for (const pair of ofAgreement)
      expect(pair.refs).toEqual(expect.arrayContaining(['doc-convenio-3#1', 'doc-otra#1']));
    await rebuildAllPartnerships(db);
    expect(await pairs()).toEqual(stored);
  });
});

describe('a commit that outlasts the transaction time limit', () => {
  it('is TIMEOUT, never DB_UNAVAILABLE, and writes nothing', async () => {
    const { neo4j } = loadConfig();
    const slow = Database.create({ ...neo4j, uri: neo4j.uri ?? '', transactionTimeoutMs: 50 });
    try {
      const before = await readGraphCounts(db);
      let caught: unknown;
      try {
        await documents.commit(slow, ACTOR, agreementOf(200, 'convenio-lento'));
      } catch (error) {
        caught = error;
      }
      expect((caught as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
      expect(await readGraphCounts(db)).toEqual(before);
    } finally {
      await slow.close();
    }
  }, 300_000);
});

describe('analyzeDocument on a busy pool', () => {
  it('answers 429 TOO_MANY_REQUESTS with Retry-After when the workers and the queue are full', async () => {
    const busy = await startTestServer({
      AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}`,
      ANALYSIS_WORKERS: '1',
      ANALYSIS_QUEUE_LIMIT: '0',
      ANALYSIS_TIMEOUT_MS: '60000',
    });
    try {
      const analyze = (text: string) =>
        fetch(`${busy.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...editor },
          body: JSON.stringify({
            query:
              'mutation ($input: AnalyzeDocumentInput!) { analyzeDocument(input: $input) { sentences { index } } }',
            variables: { input: { title: 'Largo', text } },
          }),
        });
      const long = 'El Instituto Electoral de la Ciudad de México firmó un convenio con la UNAM. '.repeat(2_000);
      const answers = await Promise.all([analyze(long), analyze(long)]);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429]);
      expect(refused[0]?.headers.get('retry-after')).toBe('60');
      const body = (await refused[0]?.json()) as GraphQLResponse<unknown>;
      expect(codeOf(body)).toBe('TOO_MANY_REQUESTS');
    } finally {
      await busy.close();
    }
  }, 120_000);
});
