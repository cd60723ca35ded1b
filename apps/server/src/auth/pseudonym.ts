import { createHmac } from 'node:crypto';
import type { ClientKey } from './identity.js';

/**
 * A student's pseudonym: the first 16 hex digits (64 bits) of HMAC-SHA256 of their client key
 * under the server's pseudonym key. Stable for the same key, so teachers can follow one student
 * across sessions, but not reversible: client keys under `AUTH=none` are addresses, a space small
 * enough to hash exhaustively, so a plain hash would give the address back; a keyed one does not.
 *
 * @example
 * pseudonymOf(key, 'wx:o6_bmjrPTlm6_2sgVt7hMZOPfL2M'); // '3f9a0c1d2e4b5a69'
 */
export function pseudonymOf(key: string, client: ClientKey | string): string {
  return createHmac('sha256', key).update(client, 'utf8').digest('hex').slice(0, 16);
}
