/**
 * The peer of the scale benchmark: @neo4j/graphql 7 on Apollo Server (standalone HTTP), reading the same Neo4j
 * database as the project's API. As a module: startPeer({ boltUri, port }). As a program:
 *
 *   node bench/peer/dist/server.js --bolt bolt://127.0.0.1:7687 [--port 4100] [--host 127.0.0.1] [--database neo4j]
 *
 * prints one JSON line {"ready":"<url>"} when it answers, and stops cleanly on SIGTERM or SIGINT.
 * NEO4J_USER and NEO4J_PASSWORD are used when set (the project's local Neo4j runs without authentication).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL, type Neo4jGraphQLContext } from '@neo4j/graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { typeDefs } from './type-defs';

export interface PeerOptions {
  boltUri: string;
  user?: string;
  password?: string;
  database?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningPeer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4100/ */
  url: string;
  stop(): Promise<void>;
}

/**
 * neo4j-driver leaves Nagle's algorithm on for its Bolt sockets, which can hold a transaction's COMMIT ~40 ms for a
 * delayed ACK. The project's API turns it off for every client socket (src/db/tcp-no-delay.ts); the peer does the
 * same, so the comparison measures the GraphQL layers and not a socket option.
 */
let noDelay = false;
function enableTcpNoDelay(): void {
  if (noDelay) return;
  noDelay = true;
  const prototype = net.Socket.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const connect = prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]): net.Socket {
    this.setNoDelay(true);
    return connect.apply(this, args);
  };
}

function connect({ boltUri, user, password }: PeerOptions): Driver {
  enableTcpNoDelay();
  const auth = user && password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(boltUri, auth);
}

export async function startPeer(options: PeerOptions): Promise<RunningPeer> {
  const driver = connect(options);
  try {
    await driver.verifyConnectivity();
    const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
    const server = new ApolloServer<Neo4jGraphQLContext>({ schema, includeStacktraceInErrorResponses: false });
    const sessionConfig = { database: options.database ?? 'neo4j' };
    const { url } = await startStandaloneServer(server, {
      listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
      context: async () => ({ sessionConfig }),
    });
    return {
      url,
      stop: async () => {
        await server.stop();
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bolt: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      database: { type: 'string' },
    },
  });
  const boltUri = values.bolt ?? process.env.NEO4J_URI;
  if (!boltUri) throw new Error('usage: server.js --bolt bolt://127.0.0.1:7687 [--port N] [--host H] [--database D]');
  const peer = await startPeer({
    boltUri,
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
    database: values.database,
    port: values.port ? Number(values.port) : undefined,
    host: values.host,
  });
  console.log(JSON.stringify({ ready: peer.url }));
  const shutdown = (): void => {
    peer.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
