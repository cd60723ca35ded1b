import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Peers that stop talking, as phones that drop off do: raw TCP sockets, so nothing answers a
 * close frame or a ping on their behalf. `end()` destroys them (test cleanup).
 */
export interface SilentPeer {
  socket: Socket;
  end(): void;
}

function open(port: number, request: string, until: RegExp | null): Promise<SilentPeer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let seen = '';
    const peer = { socket, end: () => socket.destroy() };
    socket.once('connect', () => {
      socket.write(request);
      if (!until) resolve(peer);
    });
    if (!until) return;
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!until.test(seen)) return;
      socket.off('data', onData);
      // Never read again: what the server sends next (bye, close frame) sits unread.
      socket.pause();
      resolve(peer);
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`peer closed before ${until}: ${seen.slice(0, 200)}`)));
  });
}

/** Completes the WebSocket handshake on `path`, reads the `hello` frame, then never reads or writes again. */
export function silentWebSocket(port: number, path: string): Promise<SilentPeer> {
  const key = randomBytes(16).toString('base64');
  const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  return open(port, request, /^HTTP\/1\.1 101[\s\S]*\r\n\r\n[\s\S]*"hello"/);
}

/** Makes one keep-alive request, reads the answer, then holds the connection open in silence. */
export function silentKeepAlive(port: number, path: string): Promise<SilentPeer> {
  return open(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`, /^HTTP\/1\.1 200[\s\S]*\r\n\r\n/);
}

/** Sends half a request's headers and never the rest. */
export function silentHalfRequest(port: number, path: string): Promise<SilentPeer> {
  return open(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, null);
}
