/**
 * Graceful shutdown: once stopping, the server takes no new connections, lets the request in flight
 * finish, and only then resolves (main.ts closes the driver after that).
 */
import type { Database } from '../../src/db/database';
import { cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const TOKEN = 'shutdown-editor-token-0123456789';

/** Polls `condition` until it holds: a barrier on observable state instead of a guessed sleep. */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('graceful shutdown', () => {
  let db: Database;
  let api: TestServer;
  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeed(db);
    api = await startTestServer({ AUTH_TOKENS: `sam:editor:${TOKEN}` });
  });
  afterAll(() => db.close());

  it('finishes the request in flight before it stops, and refuses new ones', async () => {
    // Hold a lock on the node the request will write, so the request stays in flight until we release it.
    const session = db.driver.session();
    const blocker = session.beginTransaction();
    await blocker.run("MATCH (n:Entity {id: 'oei'}) SET n.lockedByTest = true");

    const inFlight = api.graphql<{ updateNode: { name: string } }>(
      `mutation { updateNode(id: "oei", input: { name: "Organización de Estados Iberoamericanos (OEI)",
                  sources: [{ statementId: "nota-iecm-alianzas-2024-09-25#6" }] }) { name } }`,
      {},
      { authorization: `Bearer ${TOKEN}` },
    );
    // The request's transaction (named by its metadata) is waiting for our lock.
    await until('the mutation waits for the lock', async () => {
      const waiting = await cypherRows<{ status: string }>(
        db,
        `SHOW TRANSACTIONS YIELD metaData, status WHERE metaData.app = 'iecm-graph' AND status STARTS WITH 'Blocked'
         RETURN status`,
      );
      return waiting.length > 0;
    });

    let stopped = false;
    const stopping = api.server.stop().then(() => {
      stopped = true;
    });
    // The server stops listening at once, but keeps the request it is serving.
    await until('the server refuses new connections', () =>
      fetch(`${api.url}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    expect(stopped).toBe(false);

    await blocker.rollback();
    await session.close();
    const response = await inFlight;
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateNode.name).toBe('Organización de Estados Iberoamericanos (OEI)');
    await stopping;
    expect(stopped).toBe(true);
    await api.db.close();
  });
});

describe('a client that goes away', () => {
  let db: Database;
  let api: TestServer;
  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeed(db);
    api = await startTestServer({ AUTH_TOKENS: `sam:editor:${TOKEN}` });
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  it('cancels its Neo4j transaction: the write never happens', async () => {
    const session = db.driver.session();
    const blocker = session.beginTransaction();
    await blocker.run("MATCH (n:Entity {id: 'ine'}) SET n.lockedByTest = true");
    const client = new AbortController();
    const request = fetch(`${api.url}/graphql`, {
      method: 'POST',
      signal: client.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: `mutation { updateNode(id: "ine", input: { name: "Nombre que no debe quedar",
                sources: [{ statementId: "nota-iecm-alianzas-2024-09-25#5" }] }) { name } }`,
      }),
    }).catch((error: unknown) => error);
    const waiting = () =>
      cypherRows<{ id: string }>(
        db,
        `SHOW TRANSACTIONS YIELD transactionId, metaData, status
         WHERE metaData.app = 'iecm-graph' AND status STARTS WITH 'Blocked' RETURN transactionId AS id`,
      );
    await until('the mutation waits for the lock', async () => (await waiting()).length > 0);

    client.abort();
    await request;
    await until('its transaction is terminated', async () => (await waiting()).length === 0);
    await blocker.rollback();
    await session.close();
    const [stored] = await cypherRows<{ name: string }>(db, "MATCH (n:Entity {id: 'ine'}) RETURN n.name AS name");
    expect(stored?.name).toBe('Instituto Nacional Electoral');
  });
});
