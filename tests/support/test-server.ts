/** Starts the real HTTP server on a free port against the test Neo4j, and posts GraphQL to it. */
import { startServer, type RunningServer } from '../../src/app';
import { Database } from '../../src/db/database';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  extensions?: { stats?: { roundTrips: number } } & Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown>; path?: (string | number)[] }[];
}

export interface TestServer {
  url: string;
  db: Database;
  server: RunningServer;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** The same, with the HTTP status. */
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLResponse<T> }>;
  close(): Promise<void>;
}

export function testDatabase(): Database {
  const { neo4j } = loadConfig();
  if (!neo4j.uri) throw new Error('NEO4J_URI is not set: tests expect the jest global set-up to start Neo4j');
  return Database.create({ ...neo4j, uri: neo4j.uri });
}

/** `environment` overrides configuration variables, e.g. { NODE_ENV: 'production' }. */
export async function startTestServer(
  environment: Record<string, string> = {},
  logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
): Promise<TestServer> {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...environment });
  const db = testDatabase();
  const server = await startServer({ config, db, logger });
  const request: TestServer['request'] = async (query, variables, headers = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<never> };
  };
  return {
    url: server.url,
    db,
    server,
    request,
    async graphql(query, variables, headers = {}) {
      return (await request(query, variables, headers)).body as GraphQLResponse<never>;
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
