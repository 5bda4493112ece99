/** Over HTTP, through GraphQL, to a real Cypher round trip on the throwaway Neo4j. */
import { startServer } from '../../src/app';
import { Database } from '../../src/db/database';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';
import { freePort } from '../../tools/neo4j/local-neo4j';
import { startTestServer, type TestServer } from '../support/test-server';

describe('health', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.close());

  it('reports the Neo4j version and edition read from the database', async () => {
    const response = await api.graphql<{ health: { status: string; database: Record<string, unknown> } }>(
      '{ health { status uptimeSeconds database { name version edition database latencyMs } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.health.status).toBe('ok');
    expect(response.data?.health.database).toMatchObject({
      name: 'Neo4j Kernel',
      version: expect.stringMatching(/^5\.26\.\d+$/),
      edition: 'community',
      database: 'neo4j',
    });
  });

  it('answers /healthz and /readyz', async () => {
    const live = await fetch(`${api.url}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('rejects a malformed query with a GraphQL error, not a crash', async () => {
    const response = await api.graphql('{ health { nope } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('when Neo4j is unreachable', () => {
  it('/readyz answers 503 and queries fail with DB_UNAVAILABLE', async () => {
    const db = Database.create({
      uri: `bolt://127.0.0.1:${await freePort()}`,
      user: 'neo4j',
      password: '',
      database: 'neo4j',
      maxTransactionRetryTimeMs: 200,
    });
    const config = loadConfig({ PORT: '0', NODE_ENV: 'test' });
    const server = await startServer({ config, db, logger: createLogger('silent') });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      // The public answer says nothing of the internals (no address, no driver message).
      expect(await ready.json()).toEqual({ status: 'unavailable' });
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ health { status } }' }),
      });
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(response.status).toBe(503);
      expect(body.errors[0]?.extensions.code).toBe('DB_UNAVAILABLE');
    } finally {
      await server.stop();
      await db.close();
    }
  });
});
