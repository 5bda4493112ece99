/**
 * The document workflow against the real Neo4j: analyzeDocument (a read that writes nothing) and commitDocument
 * (one transaction: document, sentences, accepted facts with their sentences, counts, corroborations, history;
 * idempotent on the URL). The reviewed documents in cypher/documents/ are committed onto the first seed file,
 * and the result must be the seed file of the documents (UPDATE_SEED=1 rewrites it from this run).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Database } from '../../src/db/database';
import { validateDataset } from '../../src/features/dataset/dataset-format';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { exportDataset } from '../../src/features/dataset/export';
import { DOCUMENTS_SEED_FILE, documentsDataset, readReviewed, REVIEWED_DOCUMENTS } from '../support/document-seed';
import { cypherRow, resetAndSeed, resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_TOKEN}` };
const FIRST_DOC = 'nota-iecm-alianzas-2024-09-25';
const COVIN = 'cronica-2025-12-09-iecm-instala-covin';
const CONVENIOS = 'cronica-2025-iecm-125-convenios';

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

/** The graph as the first seed file alone makes it: the documents are not in it yet. */
const firstSeedOnly = (): Promise<void> => resetAndSeedFirstDocument(db);

const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await api.graphql<T>(query, variables, editor);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  if (!response.data) throw new Error('no data');
  return response.data;
}

const ANALYZE = `mutation ($input: AnalyzeDocumentInput!) {
  analyzeDocument(input: $input) {
    sentences {
      index text
      knownStatements { statementId }
      mentions { text start end confidence node { id kind } }
      candidates { name kind aliases start end confidence }
      relations { type source { nodeId name } target { nodeId name } cue confidence }
      quantities { value text start end about }
    }
  }
}`;

const COMMIT = `mutation ($input: CommitDocumentInput!) {
  commitDocument(input: $input) {
    alreadyCommitted statements
    document { id title url publishedOn { value } }
    nodes { id kind }
    relationships { id type source target sources { statementId } }
    corroborated { statementId }
  }
}`;

interface Analysis {
  analyzeDocument: {
    sentences: {
      index: number;
      text: string;
      knownStatements: { statementId: string }[];
      mentions: { text: string; start: number; end: number; node: { id: string } }[];
      candidates: { name: string; kind: string; aliases: string[] }[];
      relations: {
        type: string;
        source: { nodeId: string | null; name: string };
        target: { nodeId: string | null; name: string };
        cue: string;
      }[];
      quantities: { value: number; about: string | null }[];
    }[];
  };
}

interface Commit {
  commitDocument: {
    alreadyCommitted: boolean;
    statements: number;
    document: { id: string; url: string; publishedOn: { value: string } | null };
    nodes: { id: string; kind: string }[];
    relationships: { id: string; type: string; sources: { statementId: string }[] }[];
    corroborated: { statementId: string }[];
  };
}

const commit = (input: unknown) => api.graphql<Commit>(COMMIT, { input }, editor);
const { title: covinTitle, text: covinText } = readReviewed(COVIN);

describe('analyzeDocument', () => {
  beforeAll(firstSeedOnly);

  it('needs the editor role and writes nothing', async () => {
    const input = { title: covinTitle, text: covinText };
    expect(codeOf(await api.graphql(ANALYZE, { input }))).toBe('UNAUTHENTICATED');
    const before = await readGraphCounts(db);
    const { analyzeDocument } = await data<Analysis>(ANALYZE, { input });
    expect(await readGraphCounts(db)).toEqual(before);

    const [title, first, chair, , workLines] = analyzeDocument.sentences;
    expect(title?.index).toBe(0);
    expect(title?.text).toBe(covinTitle);
    expect(first?.mentions.map((m) => [m.text, m.node.id])).toEqual(
      expect.arrayContaining([
        ['Instituto Electoral de la Ciudad de México', 'iecm'],
        ['IECM', 'iecm'],
      ]),
    );
    for (const mention of first?.mentions ?? [])
      expect(first?.text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(first?.candidates).toContainEqual(
      expect.objectContaining({ name: 'Comisión Provisional de Vinculación Institucional', kind: 'COMMISSION' }),
    );
    expect(first?.candidates.find((c) => c.kind === 'COMMISSION')?.aliases).toContain('COVIN');
    expect(first?.relations).toContainEqual(
      expect.objectContaining({
        type: 'INSTALLED',
        source: { nodeId: 'iecm', name: 'Instituto Electoral de la Ciudad de México' },
        target: { nodeId: null, name: 'Comisión Provisional de Vinculación Institucional' },
      }),
    );
    expect(chair?.candidates).toContainEqual(
      expect.objectContaining({ name: 'Cecilia Aída Hernández Cruz', kind: 'PERSON' }),
    );
    expect(workLines?.quantities).toEqual([expect.objectContaining({ value: 4, about: 'líneas de trabajo' })]);
  });

  it('shows a sentence another document already states', async () => {
    const repeated = 'También se signaron convenios con el Instituto Nacional Electoral (INE).';
    const { analyzeDocument } = await data<Analysis>(ANALYZE, {
      input: { title: 'Una nota', text: `Uno.\n${repeated}` },
    });
    expect(analyzeDocument.sentences.map((s) => s.knownStatements)).toEqual([[], [], []]);
    const stated = await cypherRow<{ text: string }>(db, 'MATCH (s:Statement {id: $id}) RETURN s.text AS text', {
      id: `${FIRST_DOC}#3`,
    });
    const again = await data<Analysis>(ANALYZE, { input: { title: 'Una nota', text: `Uno.\n${stated.text}` } });
    expect(again.analyzeDocument.sentences[2]?.knownStatements).toEqual([{ statementId: `${FIRST_DOC}#3` }]);
  });

  it.each([
    ['empty', '   \n '],
    ['not text', 'binary\u0000data'],
    ['over 1 MB', 'palabra '.repeat(130_000)],
  ])('refuses a text that is %s with BAD_USER_INPUT', async (_what, text) => {
    const response = await api.request(ANALYZE, { input: { title: 'T', text } }, editor);
    expect(response.status === 413 || codeOf(response.body) === 'BAD_USER_INPUT').toBe(true);
  });
});

describe('commitDocument', () => {
  beforeEach(firstSeedOnly);

  it('writes nothing when any part fails', async () => {
    const input = readReviewed(COVIN);
    const broken = {
      ...input,
      relationships: [
        ...(input.relationships ?? []),
        { from: 'covin', type: 'PART_OF', to: 'no-such-node', sentences: [1] },
      ],
    };
    const before = await readGraphCounts(db);
    expect(codeOf(await commit(broken))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await commit({ ...input, counts: [{ nodeId: 'covin', property: 'MEMBER_COUNT', value: 3, sentences: [99] }] }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await readGraphCounts(db)).toEqual(before);
  });

  it('adds a document with its facts, each citing its sentences, once per URL', async () => {
    const input = readReviewed(COVIN);
    const first = await commit(input);
    expect(first.errors).toBeUndefined();
    const answer = first.data?.commitDocument;
    expect(answer?.alreadyCommitted).toBe(false);
    expect(answer?.statements).toBe(8);
    expect(answer?.document.publishedOn?.value).toBe('2025-12-09');
    expect(answer?.relationships.find((r) => r.type === 'CHAIRS')?.sources).toEqual([{ statementId: `${COVIN}#2` }]);

    const { node } = await data<{
      node: {
        name: string;
        members: { relationships: { node: { id: string } }[] } | null;
        sources: { statementId: string }[];
      };
    }>(`{ node(id: "covin") { name sources { statementId } } }`);
    expect(node.name).toBe('Comisión Provisional de Vinculación Institucional');
    expect(node.sources.map((s) => s.statementId)).toEqual([0, 1, 2, 4, 6, 7].map((n) => `${COVIN}#${n}`));

    const history = await cypherRow<{ changes: number }>(
      db,
      'MATCH (c:Change)-[:CONCERNS]->(:Identity {id: $id}) RETURN count(c) AS changes',
      { id: COVIN },
    );
    expect(history.changes).toBe(1);

    const counts = await readGraphCounts(db);
    const again = await commit(input);
    expect(again.data?.commitDocument.alreadyCommitted).toBe(true);
    expect(await readGraphCounts(db)).toEqual(counts);
    const changed = await commit({ ...input, id: 'otra-covin', text: `${input.text}\nOtra frase.` });
    expect(codeOf(changed)).toBe('CONFLICT');
  });

  it('cites the new document beside an earlier one that states the same sentence', async () => {
    const stated = await cypherRow<{ text: string }>(db, 'MATCH (s:Statement {id: $id}) RETURN s.text AS text', {
      id: `${FIRST_DOC}#5`,
    });
    const response = await commit({ id: 'copia', title: 'Copia', url: 'https://example.org/copia', text: stated.text });
    expect(response.data?.commitDocument.corroborated).toEqual([{ statementId: `${FIRST_DOC}#5` }]);
    const ine = await cypherRow<{ refs: string[]; edgeRefs: string[] }>(
      db,
      `MATCH (n:Entity {id: 'ine'})-[r:PARTY_TO]->(:Entity {id: 'convenio-iecm-ine'})
       RETURN n.sourceRefs AS refs, r.sourceRefs AS edgeRefs`,
    );
    expect(ine.refs).toEqual(expect.arrayContaining([`${FIRST_DOC}#5`, 'copia#1']));
    expect(ine.edgeRefs).toEqual(expect.arrayContaining([`${FIRST_DOC}#5`, 'copia#1']));
  });
});

describe('the two Crónica articles committed through the workflow', () => {
  beforeAll(async () => {
    await firstSeedOnly();
    for (const id of REVIEWED_DOCUMENTS) {
      const response = await commit(readReviewed(id));
      if (response.errors) throw new Error(`${id}: ${JSON.stringify(response.errors)}`);
    }
  });

  it('are the seed file of the documents', async () => {
    const written = documentsDataset(await exportDataset(db), REVIEWED_DOCUMENTS);
    expect(validateDataset(written).problems).toEqual([]);
    if (process.env.UPDATE_SEED === '1') writeFileSync(DOCUMENTS_SEED_FILE, `${JSON.stringify(written, null, 2)}\n`);
    expect(JSON.parse(readFileSync(DOCUMENTS_SEED_FILE, 'utf8'))).toEqual(written);
  });

  it('answer the facts through the read API, with their sentences', async () => {
    const { node } = await data<{
      node: {
        counts: { property: string; value: number; partOf: string | null; sources: { statementId: string }[] }[];
      };
    }>('{ node(id: "iecm") { counts { property value partOf sources { statementId } } } }');
    const counts = Object.fromEntries(node.counts.map((c) => [c.property, c.value]));
    expect(counts).toMatchObject({
      AGREEMENT_COUNT: 125,
      AGREEMENTS_WITH_GOVERNMENT_BODIES: 45,
      AGREEMENTS_WITH_ELECTORAL_BODIES: 32,
      INTERNATIONAL_AGREEMENTS: 19,
      AGREEMENTS_WITH_ACADEMIC_INSTITUTIONS: 14,
      AGREEMENTS_WITH_NON_GOVERNMENTAL_ORGANIZATIONS: 11,
      AGREEMENTS_WITH_PRIVATE_INSTITUTIONS: 4,
    });
    const parts = node.counts.filter((c) => c.partOf === 'AGREEMENT_COUNT');
    expect(parts.reduce((sum, c) => sum + c.value, 0)).toBe(125);
    expect(node.counts.find((c) => c.property === 'AGREEMENT_COUNT')?.sources.map((s) => s.statementId)).toEqual([
      `${CONVENIOS}#0`,
      `${CONVENIOS}#2`,
    ]);

    const edges = await cypherRow<{ rows: { type: string; other: string; refs: string[] }[] }>(
      db,
      `MATCH (a:Entity)-[r:CHAIRS|MEMBER_OF|OVERSEES|INSTALLED]-(:Entity {id: 'covin'})
       WITH a, r ORDER BY type(r), a.id
       RETURN collect({type: type(r), other: a.id, refs: r.sourceRefs}) AS rows`,
    );
    expect(edges.rows).toEqual([
      { type: 'CHAIRS', other: 'cecilia-aida-hernandez-cruz', refs: [`${COVIN}#2`] },
      { type: 'INSTALLED', other: 'iecm', refs: [`${COVIN}#0`, `${COVIN}#1`] },
      { type: 'MEMBER_OF', other: 'erika-estrada-ruiz', refs: [`${COVIN}#7`] },
      { type: 'MEMBER_OF', other: 'ernesto-ramos-mega', refs: [`${COVIN}#7`] },
      { type: 'MEMBER_OF', other: 'sonia-perez-perez', refs: [`${COVIN}#7`] },
      { type: 'OVERSEES', other: 'direccion-vinculacion-organismos-externos', refs: [`${COVIN}#4`] },
    ]);
    // The IECM–INE agreement: stated by the first note and by the Crónica, both cited.
    const ine = await cypherRow<{ refs: string[] }>(
      db,
      "MATCH (:Entity {id: 'iecm'})-[r:PARTY_TO]->(:Entity {id: 'convenio-iecm-ine'}) RETURN r.sourceRefs AS refs",
    );
    expect(ine.refs).toEqual([`${FIRST_DOC}#5`, `${CONVENIOS}#4`]);
  });

  it('are in a fresh seed: three documents', async () => {
    await resetAndSeed(db);
    const row = await cypherRow<{ documents: number }>(
      db,
      'MATCH (d:SourceDocument:Entity) RETURN count(d) AS documents',
    );
    expect(row.documents).toBe(3);
  });
});
