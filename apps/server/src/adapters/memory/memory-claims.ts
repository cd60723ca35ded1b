import type { SessionClaims } from '../../ports/session-claims.js';

/** Claims on session ids not opened yet, in process memory (see {@link SessionClaims}). */
export class MemoryClaims implements SessionClaims {
  private readonly claims = new Map<string, { owner: string; expiresAt: number }>();

  async claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string> {
    const held = this.claims.get(sessionId);
    if (held && held.expiresAt > now && held.owner !== owner) return held.owner;
    this.claims.set(sessionId, { owner, expiresAt });
    return owner;
  }

  async sessionClaimant(sessionId: string, now: number): Promise<string | undefined> {
    const held = this.claims.get(sessionId);
    return held && held.expiresAt > now ? held.owner : undefined;
  }

  async releaseClaim(sessionId: string): Promise<void> {
    this.claims.delete(sessionId);
  }

  async purgeClaims(now: number, limit: number): Promise<number> {
    let n = 0;
    for (const [id, c] of this.claims) {
      if (n >= limit) break;
      if (c.expiresAt <= now) {
        this.claims.delete(id);
        n++;
      }
    }
    return n;
  }
}
