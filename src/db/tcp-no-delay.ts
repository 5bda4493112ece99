/**
 * neo4j-driver leaves Nagle's algorithm on for its Bolt sockets. A read transaction writes BEGIN/RUN/PULL
 * and then COMMIT as separate small packets; with Nagle on the client and delayed ACKs on the server,
 * the COMMIT waits ~40 ms for an ACK. The bench measured a three-level GraphQL query at 52 ms with Nagle
 * and 15 ms without. The driver has no option for it, so every client TCP socket this process opens gets
 * TCP_NODELAY, as Node's HTTP client and undici already do for theirs.
 */
import net from 'node:net';

let applied = false;

export function enableTcpNoDelayForClientSockets(): void {
  if (applied) return;
  applied = true;
  const prototype = net.Socket.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const connect = prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]): net.Socket {
    this.setNoDelay(true);
    return connect.apply(this, args);
  };
}
