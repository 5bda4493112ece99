/**
 * neo4j-driver leaves Nagle's algorithm on for its Bolt sockets. A read transaction writes BEGIN/RUN/PULL
 * and then COMMIT as separate small packets; with Nagle on the client and delayed ACKs on the server,
 * the COMMIT waits ~40 ms for an ACK. The bench measured a three-level GraphQL query at 52 ms with Nagle
 * and 15 ms without. The driver has no option for it, so every client TCP socket this process opens gets
 * TCP_NODELAY, as Node's HTTP client and undici already do for theirs.
 *
 * Without Nagle, each write is a packet and a system call: the driver writes a message in 1,400-byte pieces
 * (its chunker flushes whenever its buffer fills), so one RUN of a long query took several `write`s, the largest
 * self time of the API's CPU profile under load. The writes of one tick are therefore corked and leave together,
 * as one `writev`, when the tick ends.
 */
import net from 'node:net';

/**
 * Marks the prototype once patched. A module flag is not enough: a process that loads this module more than once
 * (jest gives each test file its own registry over one shared `net`) would wrap `connect` again each time, and
 * every socket would cork once per layer.
 */
const PATCHED = Symbol.for('iecm-graph.tcpNoDelay');

/** Corks `socket` at its first write of a tick and uncorks it once the tick's synchronous work is done. */
function coalesceWritesPerTick(socket: net.Socket): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const write = socket.write as (this: net.Socket, ...args: unknown[]) => boolean;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  socket.write = function coalescedWrite(this: net.Socket, ...args: unknown[]): boolean {
    if (!corked) {
      corked = true;
      this.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  };
}

export function enableTcpNoDelayForClientSockets(): void {
  const prototype = net.Socket.prototype as net.Socket & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  prototype[PATCHED] = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as `this`
  const connect = prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]): net.Socket {
    this.setNoDelay(true);
    const socket = connect.apply(this, args);
    // After `connect`, which puts Socket.prototype.write back on a socket that has its own `write`.
    coalesceWritesPerTick(this);
    return socket;
  };
}
