/**
 * Two API replicas on one Neo4j, as docker-compose.yml runs them behind its proxy: a retry that lands on the other
 * replica is answered from the first write (idempotency keys live in Neo4j), concurrent creations of one id on
 * both replicas make one node (the :Identity constraint is the lock), and each sees the other's writes at once.
 */
import { cypherRow, resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';

const TOKEN = 'replica-editor-token-0123456789';
const editor = { authorization: `Bearer ${TOKEN}` };
const CREATE_NODE = 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id name } }';
const nodeInput = (id: string) => ({
  input: { id, kind: 'ORGANIZATION', name: `Org ${id}`, sources: [{ statementId: 'nota-iecm-alianzas-2024-09-25#5' }] },
});

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  a = await startTestServer({ AUTH_TOKENS: `rita:editor:${TOKEN}` });
  b = await startTestServer({ AUTH_TOKENS: `rita:editor:${TOKEN}` });
  await resetAndSeed(a.db);
}, 180_000);
afterAll(async () => {
  await a.close();
  await b.close();
});

const changesOf = async (id: string): Promise<number> =>
  (
    await cypherRow<{ changes: number }>(
      a.db,
      'MATCH (:Identity {id: $id})<-[:CONCERNS]-(c:Change) RETURN count(c) AS changes',
      { id },
    )
  ).changes;

describe('two replicas sharing one Neo4j', () => {
  it('answer a retry on the other replica from the first write (Idempotency-Key)', async () => {
    const headers = { ...editor, 'idempotency-key': 'replica-retry-1' };
    const first = await a.graphql(CREATE_NODE, nodeInput('replica-retried'), headers);
    const retry = await b.graphql(CREATE_NODE, nodeInput('replica-retried'), headers);
    expect(first.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    expect(await changesOf('replica-retried')).toBe(1);
  });

  it('let one of two concurrent creations of an id win, the other is a CONFLICT', async () => {
    const [x, y] = await Promise.all([
      a.graphql(CREATE_NODE, nodeInput('replica-raced'), editor),
      b.graphql(CREATE_NODE, nodeInput('replica-raced'), editor),
    ]);
    const codes = [x, y].map((response) => response.errors?.[0]?.extensions?.code ?? 'ok').sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
    expect(await changesOf('replica-raced')).toBe(1);
  });

  it("read each other's writes at once", async () => {
    expect((await a.graphql(CREATE_NODE, nodeInput('replica-seen'), editor)).errors).toBeUndefined();
    const read = await b.graphql<{ node: { id: string } | null }>('{ node(id: "replica-seen") { id } }');
    expect(read.data?.node).toEqual({ id: 'replica-seen' });
  });
});
