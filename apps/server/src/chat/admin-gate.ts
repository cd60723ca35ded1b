import { createHash, timingSafeEqual } from 'node:crypto';
import type { AdminTokenEntry } from '../config/teacher-settings.js';
import type { AdminThrottle } from '../limits/admin-throttle.js';
import type { Caller } from './caller.js';
import { ChatError } from './chat-error.js';

/** A teacher the gate let in: their name is what every knowledge-base change records. */
export interface Teacher {
  readonly name: string;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * The admin side of the service's door: `Authorization: Bearer <token>` against ADMIN_TOKENS /
 * ADMIN_TOKEN. Both sides are hashed first so each comparison is constant-time whatever the
 * lengths (timingSafeEqual needs equal lengths, and a length check alone would leak the token's
 * length), and every configured token is compared, so the time does not say which one nearly
 * matched. Wrong tokens count against the caller's address ({@link AdminThrottle}).
 */
export class AdminGate {
  private readonly tokens: { name: string; digest: Buffer }[];

  constructor(
    tokens: readonly AdminTokenEntry[],
    private readonly throttle: AdminThrottle | undefined,
  ) {
    this.tokens = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  }

  /** Whether any admin token is configured (the admin routes are off without one). */
  get enabled(): boolean {
    return this.tokens.length > 0;
  }

  /** The teacher `authorization` names, or UNAUTHENTICATED / RATE_LIMITED. */
  async admit(caller: Caller, authorization: string): Promise<Teacher> {
    if (!this.enabled) throw new ChatError('NOT_FOUND', 'the admin API is off (set ADMIN_TOKENS or ADMIN_TOKEN)');
    await this.throttle?.check(caller.address);
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization);
    const given = digest(m?.[1] ?? '');
    let teacher: Teacher | undefined;
    for (const t of this.tokens) if (timingSafeEqual(given, t.digest) && m) teacher ??= { name: t.name };
    if (teacher) return teacher;
    await this.throttle?.failed(caller.address);
    throw new ChatError('UNAUTHENTICATED', m ? 'the admin token is wrong' : 'admin routes need Authorization: Bearer <admin token>');
  }
}
