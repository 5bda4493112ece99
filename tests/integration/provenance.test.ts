/**
 * Provenance a Neo4j user can walk: (:Statement)-[:IN_DOCUMENT]->(:SourceDocument) for every statement and
 * (:Statement)-[:STATES]->(node) for every statement a node cites, written by the seed (an import), by GraphQL
 * writes, and by migration 0017 for a database written before it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { adHoc } from '../../src/db/cypher';
import { readMigrations } from '../../src/db/migrations';
import { cypherRow, cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';

const TOKEN = 'provenance-editor-token-0123456789';
let api: TestServer;
let db: Database;
beforeAll(async () => {
  api = await startTestServer({ AUTH_TOKENS: `pat:editor:${TOKEN}` });
  db = api.db;
  await resetAndSeed(db);
});
afterAll(() => api.close());

interface Walk {
  statements: number;
  withoutDocument: string[];
  wrongDocument: string[];
  citations: number;
  unlinkedCitations: string[];
  staleStates: string[];
  statesEdges: number;
  inDocumentEdges: number;
}

/** Everything the edges must agree with, from the properties that state provenance. */
async function walk(): Promise<Walk> {
  const row = await cypherRow<Walk>(
    db,
    `CALL { MATCH (s:Statement) RETURN count(s) AS statements }
     CALL { MATCH (s:Statement) WHERE NOT EXISTS { (s)-[:IN_DOCUMENT]->(:SourceDocument) }
            RETURN collect(s.id) AS withoutDocument }
     CALL { MATCH (s:Statement)-[:IN_DOCUMENT]->(d) WHERE d.id <> s.documentId OR COUNT { (s)-[:IN_DOCUMENT]->() } > 1
            RETURN collect(s.id) AS wrongDocument }
     CALL { MATCH (n:Identity) UNWIND coalesce(n.sourceRefs, []) AS ref RETURN count(*) AS citations }
     CALL { MATCH (n:Identity) UNWIND coalesce(n.sourceRefs, []) AS ref
            WITH n, ref WHERE NOT EXISTS { (:Statement {id: ref})-[:STATES]->(n) }
            RETURN collect(n.id + ' ' + ref) AS unlinkedCitations }
     CALL { MATCH (s:Statement)-[:STATES]->(n) WHERE NOT s.id IN coalesce(n.sourceRefs, [])
            RETURN collect(n.id + ' ' + s.id) AS staleStates }
     CALL { MATCH (:Statement)-[r:STATES]->() RETURN count(r) AS statesEdges }
     CALL { MATCH (:Statement)-[r:IN_DOCUMENT]->() RETURN count(r) AS inDocumentEdges }
     RETURN statements, withoutDocument, wrongDocument, citations, unlinkedCitations, staleStates,
            statesEdges, inDocumentEdges`,
  );
  if (!row) throw new Error('no row');
  return row;
}

function expectWalkable(graph: Walk): void {
  expect(graph.statements).toBeGreaterThan(20);
  expect(graph).toMatchObject({ withoutDocument: [], wrongDocument: [], unlinkedCitations: [], staleStates: [] });
  expect(graph.inDocumentEdges).toBe(graph.statements);
  expect(graph.statesEdges).toBe(graph.citations);
}

describe('provenance edges', () => {
  it('the seed (an import) links every statement to its document and to every node citing it', async () => {
    const graph = await walk();
    expectWalkable(graph);
    // The cookbook's "a document's facts" answers from the edges alone.
    const facts = await cypherRows<{ id: string }>(
      db,
      `MATCH (d:SourceDocument)<-[:IN_DOCUMENT]-(:Statement)-[:STATES]->(n)
       WITH d, count(DISTINCT n) AS facts WHERE facts > 0 RETURN d.id AS id`,
    );
    const documents = await cypherRows<{ id: string }>(db, 'MATCH (d:SourceDocument) RETURN d.id AS id');
    expect(facts.map((row) => row.id).sort()).toEqual(documents.map((row) => row.id).sort());
  });

  it('GraphQL writes keep them: a new document, and a node citing one of its sentences', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const doc = await api.graphql(
      'mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { id } }',
      {
        input: {
          id: 'nota-provenance',
          title: 'Nota',
          url: 'https://example.org/nota-provenance',
          publishedOn: '2025-01-02',
          sentences: ['Primera frase.', 'Segunda frase.'],
        },
      },
      headers,
    );
    expect(doc.errors).toBeUndefined();
    const created = await api.graphql(
      'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id } }',
      {
        input: {
          id: 'org-provenance',
          kind: 'ORGANIZATION',
          name: 'Org provenance',
          sources: [{ statementId: 'nota-provenance#2' }],
        },
      },
      headers,
    );
    expect(created.errors).toBeUndefined();
    expectWalkable(await walk());
    const states = await cypherRows<{ statement: string; document: string }>(
      db,
      `MATCH (d:SourceDocument)<-[:IN_DOCUMENT]-(s:Statement)-[:STATES]->(:Entity {id: 'org-provenance'})
       RETURN s.id AS statement, d.id AS document`,
    );
    expect(states).toEqual([{ statement: 'nota-provenance#2', document: 'nota-provenance' }]);
  });

  it('migration 0017 links a database written before it', async () => {
    await cypherRows(db, 'MATCH (:Statement)-[r:STATES|IN_DOCUMENT]->() DELETE r');
    expect(await walk()).toMatchObject({ statesEdges: 0, inDocumentEdges: 0 });
    const migration = readMigrations().find((candidate) => candidate.version === 17);
    expect(migration?.name).toBe('provenance_relationships');
    expect(migration?.schema).toBe(false);
    await db.write(async (tx) => {
      for (const statement of migration?.statements ?? []) await tx.query(adHoc(statement, 'test'), {});
    });
    expectWalkable(await walk());
  });
});

describe('docs/cypher-cookbook.md', () => {
  const cookbook = readFileSync(path.join(__dirname, '..', '..', 'docs', 'cypher-cookbook.md'), 'utf8');
  const queries = [...cookbook.matchAll(/```cypher\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

  it.each(queries.map((query) => [query.split('\n')[0], query]))('answers on the seed: %s', async (_first, query) => {
    const rows = await db.read((tx) =>
      tx.query(adHoc<Record<string, never>, Record<string, unknown>>(query, 'test'), {}),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('has its queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(9);
  });
});

describe('derived partnerships', () => {
  it('store no placeholder dates: an open end is absent', async () => {
    const placeholders = await cypherRows<{ id: string }>(
      db,
      `MATCH (a)-[r:PARTNERS]->(b)
       WHERE any(key IN keys(r) WHERE any(v IN CASE WHEN r[key] IS :: LIST<ANY> THEN r[key] ELSE [r[key]] END
             WHERE toString(v) STARTS WITH '0001-01-01' OR toString(v) STARTS WITH '9999-12-31'))
       RETURN a.id + '-' + b.id AS id`,
    );
    expect(placeholders).toEqual([]);
  });
});
