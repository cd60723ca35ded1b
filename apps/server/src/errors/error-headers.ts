import type { ChatError } from '../errors/chat-error.js';

/**
 * The HTTP headers an error answer carries besides its body, whichever door it leaves by (the Koa
 * envelope or a refused WebSocket upgrade): `Retry-After` in whole seconds (at least 1) when the
 * error says when to retry.
 *
 * @example
 * errorHeaders(new ChatError('BUSY', 'wait', { retryAfterMs: 1_500 })); // { 'Retry-After': '2' }
 */
export function errorHeaders(err: ChatError): Record<string, string> {
  return err.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))) };
}

/**
 * Whether an error answer is the server's fault and worth an error log line with its cause: every
 * 5xx except SHUTTING_DOWN, which is the expected answer while an instance drains.
 */
export function isServerFault(err: ChatError): boolean {
  return err.status >= 500 && err.code !== 'SHUTTING_DOWN';
}
