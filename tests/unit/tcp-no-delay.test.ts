/**
 * Client sockets coalesce the writes of one tick (src/db/tcp-no-delay.ts): corked from their first write until the
 * tick's work is done. `connect` puts Socket.prototype.write back on a socket with its own `write`, so the wrapper
 * must be installed after it (it was not, and no write was ever corked).
 */
import net from 'node:net';
import { once } from 'node:events';
import { enableTcpNoDelayForClientSockets } from '../../src/db/tcp-no-delay';
import type * as TcpNoDelay from '../../src/db/tcp-no-delay';

describe('client sockets', () => {
  let server: net.Server;
  const received: Buffer[] = [];

  beforeAll(async () => {
    enableTcpNoDelayForClientSockets();
    // What a second copy of the module does (jest gives each test file its own registry over one shared `net`):
    // it must not wrap again, or every write would cork once per copy.
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module, on purpose
      (require('../../src/db/tcp-no-delay') as typeof TcpNoDelay).enableTcpNoDelayForClientSockets();
    });
    server = net.createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('are corked from their first write of a tick until the tick ends, and every byte arrives', async () => {
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    try {
      expect(socket.writableCorked).toBe(0);
      socket.write(Buffer.from('first '));
      expect(socket.writableCorked).toBe(1);
      socket.write(Buffer.from('second'));
      expect(socket.writableCorked).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(socket.writableCorked).toBe(0);
    } finally {
      // A failed expectation must not leave the socket open: the server's close would wait for it.
      socket.end();
      await once(socket, 'close');
    }
    // The server has read everything once the client closed its side (its 'data' events precede our 'close').
    while (Buffer.concat(received).length < 'first second'.length) await new Promise((r) => setImmediate(r));
    expect(Buffer.concat(received).toString()).toBe('first second');
  });
});
