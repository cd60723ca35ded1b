import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ChatError, toChatError } from '../errors/chat-error.js';
import { errorHeaders, isServerFault } from '../errors/error-headers.js';
import { writeRawError } from '../http/raw-error-response.js';
import { requestIdOf } from '../http/request-id.js';

// A client that offered a WebSocket version we do not speak is told which ones we do (RFC 6455 §4.4).
const VERSIONS = { 'Sec-WebSocket-Version': '13, 8' };

/**
 * Answers an upgrade the gateway refused (bad query, unknown path, a refused token, a full server,
 * shutdown...) with the JSON envelope, its headers (Retry-After) and the request id, as Koa answers
 * any other request. A server fault is logged as an error with its cause; a refusal as one info line.
 */
export function refuseUpgrade(socket: Duplex, req: IncomingMessage, err: unknown, log: Logger): void {
  const e = toChatError(err);
  const requestId = requestIdOf(req.headers);
  if (isServerFault(e)) log.error({ err, requestId }, 'ws upgrade failed');
  else log.info({ requestId, code: e.code, target: req.url?.slice(0, 200) }, 'ws upgrade refused');
  writeRawError(socket, e, e.code === 'INVALID_ARGUMENT' && /Version/.test(e.message) ? VERSIONS : errorHeaders(e), { requestId });
}

/** Answers a handshake the ws library refused (method, key, version...) with the envelope too, not text/html. */
export function refuseHandshake(socket: Duplex, req: IncomingMessage, err: Error, log: Logger): void {
  const e = /method/i.test(err.message)
    ? new ChatError('METHOD_NOT_ALLOWED', `a WebSocket upgrade must be a GET (got ${req.method})`)
    : new ChatError('INVALID_ARGUMENT', `invalid WebSocket handshake: ${err.message}`);
  const requestId = requestIdOf(req.headers);
  log.info({ requestId, code: e.code, reason: err.message }, 'ws upgrade refused');
  writeRawError(socket, e, /Version/.test(err.message) ? VERSIONS : {}, { requestId });
}
