import { ServerResponse, type IncomingMessage, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Serves an upgrade request that is not a WebSocket one (e.g. `Upgrade: h2c`) as the plain HTTP
 * request it also is: Node hands every request with an Upgrade header to the 'upgrade' listener,
 * and the upgrade is optional for the client (RFC 9110 §7.8), so the app answers it normally and
 * the connection closes afterwards.
 */
export function serveAsPlainHttp(req: IncomingMessage, socket: Duplex, handler: RequestListener): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  res.once('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  handler(req, res);
}
