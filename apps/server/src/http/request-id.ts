import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SAFE_ID = /^[\w.:-]{1,64}$/;
// Ids this process makes: UUID-shaped, a random prefix per process and a counter (no entropy per request).
const ID_PREFIX = randomUUID().slice(0, 24);
let lastId = 0;

/** A new request id, for an answer to a request whose headers could not be read. */
export const nextRequestId = (): string => ID_PREFIX + (++lastId).toString(16).padStart(12, '0');

/**
 * The id of a request, for its error answers, its `X-Request-Id` header and its log lines: the
 * caller's own `X-Request-Id` when it is safe to echo (1–64 of `[A-Za-z0-9_.:-]`), else a new
 * UUID-shaped id. Koa requests and WebSocket upgrades both read it here.
 */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'] ?? '';
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : nextRequestId();
}
