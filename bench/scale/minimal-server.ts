/**
 * The scale benchmark's floor for throughput: a minimal HTTP server (node:http and neo4j-driver, no framework, no
 * GraphQL) that runs each question's hand-written Cypher. `POST /<question key>` with the parameters as a JSON
 * body answers the rows as JSON.
 *
 *   node dist/bench/scale/minimal-server.js --bolt bolt://127.0.0.1:7687 [--port 0] [--database neo4j]
 *
 * prints one JSON line {"ready":"<url>"} when it listens; SIGTERM or SIGINT stops it.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { enableTcpNoDelayForClientSockets } from '../../src/db/tcp-no-delay';
import { isRecord } from './json';
import { QUESTIONS } from './questions';

const TEXTS = new Map(QUESTIONS.map((question) => [`/${question.key}`, question.cypher.text]));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { bolt: { type: 'string' }, port: { type: 'string' }, database: { type: 'string' } },
  });
  if (!values.bolt) throw new Error('usage: minimal-server.js --bolt bolt://127.0.0.1:7687 [--port N]');
  // As the API does: Nagle's algorithm would hold a transaction's COMMIT for a delayed ACK.
  enableTcpNoDelayForClientSockets();
  const driver = neo4j.driver(values.bolt, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 50 });
  const database = values.database ?? 'neo4j';

  const server = http.createServer((req, res) => {
    const fail = (status: number, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: message }));
    };
    const text = req.method === 'POST' ? TEXTS.get(req.url ?? '') : undefined;
    if (text === undefined) {
      fail(404, 'POST /<question key>');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let params: unknown;
      try {
        params = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        fail(400, 'the body must be the parameters as JSON');
        return;
      }
      if (!isRecord(params)) {
        fail(400, 'the body must be a JSON object');
        return;
      }
      driver.executeQuery(text, params, { database, routing: neo4j.routing.READ }).then(
        (result) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result.records.map((record) => record.toObject())));
        },
        (error: unknown) => fail(500, error instanceof Error ? error.message : String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(values.port ?? 0), '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ ready: `http://127.0.0.1:${port}/` }));

  const shutdown = (): void => {
    server.close();
    server.closeAllConnections();
    driver.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
