import { createHash, timingSafeEqual } from 'node:crypto';
import { ChatError } from '../errors/chat-error.js';
import type { HttpContext } from './http-state.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <ADMIN_TOKEN>`; throws UNAUTHENTICATED otherwise. Both sides are
 * hashed first so the comparison is constant-time whatever the lengths (timingSafeEqual needs
 * equal lengths, and a length check alone would leak the token's length).
 */
export function requireAdminToken(ctx: HttpContext, token: string): void {
  const header = ctx.get('Authorization');
  const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(header);
  if (!m) throw new ChatError('UNAUTHENTICATED', 'admin routes need Authorization: Bearer <ADMIN_TOKEN>');
  if (!timingSafeEqual(digest(m[1]!), digest(token))) throw new ChatError('UNAUTHENTICATED', 'the admin token is wrong');
}
