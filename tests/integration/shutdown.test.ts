/**
 * Graceful shutdown: once stopping, the server takes no new connections, lets the request in flight
 * finish, and only then resolves (main.ts closes the driver after that).
 */
import type { Database } from '../../src/db/database';
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const TOKEN = 'shutdown-editor-token-0123456789';

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
    await new Promise((resolve) => setTimeout(resolve, 300));

    let stopped = false;
    const stopping = api.server.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stopped).toBe(false);
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();

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
