/**
 * Starts the peer against a Neo4j that holds the project's seed (`npm run db:seed` with NEO4J_URI set) and asks
 * it the benchmark's questions; prints each answer's size and fails on any GraphQL error or empty answer.
 *
 *   node bench/peer/dist/smoke.js --bolt bolt://127.0.0.1:7687
 */
import { parseArgs } from 'node:util';
import { PEER_QUESTIONS } from './questions';
import { startPeer } from './server';

interface GraphQLResponse {
  data?: Record<string, unknown>;
  errors?: unknown[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { bolt: { type: 'string' } } });
  const boltUri = values.bolt ?? process.env.NEO4J_URI;
  if (!boltUri) throw new Error('usage: smoke.js --bolt bolt://127.0.0.1:7687');
  const peer = await startPeer({ boltUri, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
  let failures = 0;
  try {
    for (const question of PEER_QUESTIONS) {
      const started = performance.now();
      const response = await fetch(peer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: question.query, variables: question.variables }),
      });
      const body = (await response.json()) as GraphQLResponse;
      const ms = Math.round(performance.now() - started);
      const text = JSON.stringify(body.data ?? null);
      const empty = !body.data || /^\{"\w+":(\[\]|null)\}$/.test(text);
      if (body.errors || empty) failures += 1;
      console.log(`${body.errors || empty ? 'FAIL' : 'ok  '} ${question.name}: ${text.length} bytes, ${ms} ms`);
      if (body.errors) console.log(JSON.stringify(body.errors));
    }
  } finally {
    await peer.stop();
  }
  console.log(`${PEER_QUESTIONS.length - failures} passed, ${failures} failed`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
