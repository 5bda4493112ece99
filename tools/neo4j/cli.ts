/**
 * npm run db:start | db:stop | db:status [-- --port 7687 --home .neo4j --heap 512m --page-cache 1g --plugins apoc]
 * Manages the local Neo4j that `npm start` uses when NEO4J_URI is not set.
 * The page cache and plugins may also come from NEO4J_LOCAL_PAGECACHE and NEO4J_LOCAL_PLUGINS (for benchmarks).
 */
import 'dotenv/config';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from '../../src/cli/args';
import { loadConfig } from '../../src/shared/config';
import { PROJECT_ROOT } from '../../src/shared/paths';
import { LocalNeo4jError, parsePlugins, start, status, stop } from './local-neo4j';

async function main(): Promise<void> {
  answerHelp({
    usage: 'npm run db:start | db:stop | db:status [-- options]',
    description:
      'Manages the local Neo4j (Community, from Maven Central) that npm start uses when NEO4J_URI is not set.',
    options: {
      '--port N': 'Bolt port (default NEO4J_LOCAL_BOLT_PORT, 7687)',
      '--home DIR': 'data, logs and settings (default NEO4J_LOCAL_HOME, .neo4j)',
      '--heap SIZE': 'JVM heap, e.g. 512m (default NEO4J_LOCAL_HEAP)',
      '--page-cache SIZE': 'page cache, e.g. 1g (default NEO4J_LOCAL_PAGECACHE)',
      '--plugins LIST': 'plugins to install, e.g. apoc (default NEO4J_LOCAL_PLUGINS)',
    },
    exitCodes: { 3: 'db:status: no local Neo4j is running' },
    example: 'npm run db:start -- --port 7688 --heap 1g',
  });
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      home: { type: 'string' },
      heap: { type: 'string' },
      'page-cache': { type: 'string' },
      plugins: { type: 'string' },
    },
  });
  const { localNeo4j } = loadConfig();
  const home = path.resolve(PROJECT_ROOT, values.home ?? localNeo4j.home);
  const boltPort = values.port ? Number(values.port) : localNeo4j.boltPort;
  const command = positionals[0];

  switch (command) {
    case 'start': {
      const started = Date.now();
      const instance = await start(
        {
          home,
          boltPort,
          heap: values.heap ?? localNeo4j.heap,
          pageCache: values['page-cache'] ?? process.env.NEO4J_LOCAL_PAGECACHE,
          plugins: parsePlugins(values.plugins ?? process.env.NEO4J_LOCAL_PLUGINS),
          detached: true,
        },
        console.log,
      );
      console.log(
        `Neo4j ${instance.version} ready at ${instance.uri} (pid ${instance.pid}, ${Date.now() - started} ms, home ${home})`,
      );
      break;
    }
    case 'stop':
      console.log((await stop(home)) ? `Neo4j stopped (home ${home})` : `No local Neo4j was running (home ${home})`);
      break;
    case 'status': {
      const instance = await status(home);
      console.log(instance ? `running: ${instance.uri} (pid ${instance.pid}, Neo4j ${instance.version})` : 'stopped');
      process.exitCode = instance ? 0 : 3;
      break;
    }
    default:
      console.error(
        'usage: db:start | db:stop | db:status [--port N] [--home DIR] [--heap 512m] [--page-cache 1g] [--plugins apoc]',
      );
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof LocalNeo4jError ? error.message : error);
  process.exitCode = 1;
});
