import type { Duplex } from 'node:stream';
import type { ChatError } from '../errors/chat-error.js';
import { errorEnvelope } from './envelope.js';

/**
 * Answers on a bare socket (no Koa, no ServerResponse): a refused WebSocket upgrade, or a request
 * Node's HTTP parser refused. The body is the same JSON envelope every other error carries; the
 * connection closes after it. With a `requestId` (a WebSocket upgrade has one) the body and the
 * `X-Request-Id` header carry it, as on every Koa answer. A HEAD request gets the headers only
 * (RFC 9110 §9.3.2).
 */
export function writeRawError(
  socket: Duplex,
  err: ChatError,
  headers: Record<string, string> = {},
  options: { head?: boolean; requestId?: string } = {},
): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify(errorEnvelope(err, options.requestId));
  const extra = Object.entries(options.requestId ? { ...headers, 'X-Request-Id': options.requestId } : headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${err.status} ${err.code}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${options.head ? '' : body}`,
  );
}
