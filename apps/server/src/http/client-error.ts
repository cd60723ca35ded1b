import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ChatError } from '../errors/chat-error.js';
import { writeRawError } from './raw-error-response.js';
import { nextRequestId } from './request-id.js';

/**
 * Answers requests Node's HTTP parser refuses before Koa sees them (malformed request line or
 * headers: 400; headers over the limit: 431) with the JSON envelope instead of Node's empty body.
 * A timed-out request gets Node's bodiless 408; a reset connection gets nothing.
 */
export function answerClientErrors(server: Server, log: Logger): void {
  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    // A response still being written on this socket (pipelined requests) must not be interleaved.
    const inFlight = (socket as Duplex & { _httpMessage?: unknown })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight) return void socket.destroy();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return void socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    const refusal =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new ChatError('HEADERS_TOO_LARGE', 'request headers too large')
        : new ChatError('INVALID_ARGUMENT', 'malformed HTTP request', { issues: [{ location: 'body', path: '', message: 'the request line or headers are not valid HTTP/1.1' }] });
    const requestId = nextRequestId();
    log.info({ requestId, code: err.code, status: refusal.status }, 'http parser refused a request');
    writeRawError(socket, refusal, {}, { head: err.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ', requestId });
  });
}
