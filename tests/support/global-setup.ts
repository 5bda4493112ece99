/**
 * Starts a throwaway Neo4j on a free port with its data in a temporary folder, for the whole run.
 * Set TEST_NEO4J_URI to run against an existing server instead (its database will be wiped), TEST_NEO4J_SCHEME
 * (neo4j, neo4j+s...) to reach the throwaway one through another URI scheme.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, start } from '../../tools/neo4j/local-neo4j';

export interface TestNeo4jState {
  home?: string;
}

export const STATE_KEY = '__testNeo4j';

export default async function globalSetup(): Promise<void> {
  const state: TestNeo4jState = {};
  (globalThis as Record<string, unknown>)[STATE_KEY] = state;
  if (process.env.TEST_NEO4J_URI) {
    process.env.NEO4J_URI = process.env.TEST_NEO4J_URI;
    return;
  }
  state.home = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-test-neo4j-'));
  const started = Date.now();
  const instance = await start(
    {
      home: state.home,
      boltPort: await freePort(),
      heap: '512m',
      detached: false,
      // Transaction time limits are enforced every 2 s by default: a test of the limit needs it checked promptly.
      settings: { 'db.transaction.monitor.check.interval': '50ms' },
    },
    (line) => console.log(line),
  );
  // TEST_NEO4J_SCHEME=neo4j runs the suite through the routing driver (as against a cluster or Aura), which asks
  // this single server for its routing table; .ci/run does so once for the integration suite.
  const scheme = process.env.TEST_NEO4J_SCHEME;
  const uri = scheme ? instance.uri.replace(/^[a-z+]+:\/\//, `${scheme}://`) : instance.uri;
  console.log(`\nthrowaway Neo4j ${instance.version} at ${uri} in ${Date.now() - started} ms`);
  process.env.NEO4J_URI = uri;
  delete process.env.NEO4J_PASSWORD; // the local server runs without authentication
  process.env.NEO4J_DATABASE = 'neo4j';
}
