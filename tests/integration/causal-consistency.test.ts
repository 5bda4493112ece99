/**
 * On a cluster, a read may reach a follower that has not yet applied the request's own write. Each request has
 * one bookmark manager, so its reads wait for its writes. Checked through a `neo4j://` (routing) URI: the read
 * after a write starts from the write's bookmark, and over HTTP a mutation's nested fields see what it wrote.
 */
import neo4j, { type BookmarkManager } from 'neo4j-driver';
import { adHoc } from '../../src/db/cypher';
import { Database } from '../../src/db/database';
import { newScope, runInScope } from '../../src/db/request-scope';
import { loadConfig } from '../../src/shared/config';
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const TOKEN = 'causal-editor-token-0123456789';

function routingUri(): string {
  const uri = loadConfig().neo4j.uri;
  if (!uri) throw new Error('NEO4J_URI is not set');
  return uri.replace(/^bolt:/, 'neo4j:');
}

/** A bookmark manager that remembers which bookmarks each transaction started from. */
function recordingBookmarks(): { manager: BookmarkManager; startedFrom: string[][]; received: string[][] } {
  const inner = neo4j.bookmarkManager();
  const startedFrom: string[][] = [];
  const received: string[][] = [];
  return {
    startedFrom,
    received,
    manager: {
      async updateBookmarks(previous, next) {
        received.push([...next]);
        await inner.updateBookmarks(previous, next);
      },
      async getBookmarks() {
        const bookmarks = [...(await inner.getBookmarks())];
        startedFrom.push(bookmarks);
        return bookmarks;
      },
    },
  };
}

let api: TestServer;
let seedDb: Database;
beforeAll(async () => {
  seedDb = testDatabase();
  await resetAndSeed(seedDb);
  api = await startTestServer({ NEO4J_URI: routingUri(), AUTH_TOKENS: `cora:editor:${TOKEN}` });
});
afterAll(async () => {
  await api.close();
  await seedDb.close();
});

it('starts a read after a write from the write’s bookmark, within one request scope', async () => {
  const db = Database.create({ ...loadConfig().neo4j, uri: routingUri() });
  const bookmarks = recordingBookmarks();
  try {
    await runInScope(newScope({ bookmarks: bookmarks.manager }), async () => {
      await db.write((tx) => tx.query(adHoc("MERGE (:CausalProbe {id: 'probe'})"), {}));
      const [row] = await db.read((tx) =>
        tx.query(
          adHoc<object, { found: boolean }>("RETURN EXISTS { MATCH (:CausalProbe {id: 'probe'}) } AS found"),
          {},
        ),
      );
      expect(row?.found).toBe(true);
    });
    const written = bookmarks.received.at(-1);
    expect(written?.length).toBeGreaterThan(0);
    // The read (the last transaction to start) started from the bookmark the write left.
    expect(bookmarks.startedFrom.at(-1)).toEqual(expect.arrayContaining(written ?? ['none']));
  } finally {
    await db.write((tx) => tx.query(adHoc('MATCH (p:CausalProbe) DELETE p'), {}));
    await db.close();
  }
});

it('answers a mutation’s nested fields from reads that see the write, over neo4j://', async () => {
  const sentence = 'Una frase nueva sobre el Observatorio Causal, citada al crearlo.';
  const response = await api.graphql<{ createNode: { id: string; sources: { sentence: string }[] } }>(
    `mutation ($input: CreateNodeInput!) { createNode(input: $input) { id sources { sentence } } }`,
    {
      input: {
        id: 'observatorio-causal',
        kind: 'ORGANIZATION',
        name: 'Observatorio Causal',
        sources: [{ documentId: 'nota-iecm-alianzas-2024-09-25', sentence }],
      },
    },
    { authorization: `Bearer ${TOKEN}` },
  );
  expect(response.errors).toBeUndefined();
  // The sentence was added by the write transaction and read back by the statement loader's read transaction.
  expect(response.data?.createNode).toEqual({ id: 'observatorio-causal', sources: [{ sentence }] });
  expect(response.extensions?.stats?.roundTrips).toBeGreaterThan(1);
});
