/**
 * Whether a Neo4j server process is alive at all: a fresh TCP (or TLS) connection and Bolt's version handshake,
 * which the server answers with 4 bytes as soon as it runs, even while its databases start or are busy. A stopped
 * (SIGSTOP) or frozen server accepts the connection in the kernel and never answers: that is what this tells.
 */
import net from 'node:net';
import tls from 'node:tls';

/** Bolt's magic preamble, then four version proposals (5.0 up to 5.4, 4.4, none, none). */
const HANDSHAKE = Buffer.from([
  0x60, 0x60, 0xb0, 0x17, 0x00, 0x04, 0x04, 0x05, 0x00, 0x00, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00,
]);

/** Resolves true when the server at `uri` answers the handshake within `timeoutMs`, false otherwise. */
export function boltAnswers(uri: string, timeoutMs: number): Promise<boolean> {
  const url = new URL(uri);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 7687);
  const secure = url.protocol.endsWith('+s:') || url.protocol.endsWith('+ssc:');
  return new Promise((resolve) => {
    let settled = false;
    const socket = secure
      ? tls.connect({ host, port, servername: host, rejectUnauthorized: url.protocol.endsWith('+s:') })
      : net.connect({ host, port });
    const finish = (alive: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    let received = 0;
    socket.once(secure ? 'secureConnect' : 'connect', () => socket.write(HANDSHAKE));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= 4) finish(true);
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
