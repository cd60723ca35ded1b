/**
 * Who may use a session id before its first message. A session has an owner once a message opens
 * it; until then anyone who learnt the id could open a socket on it and displace the owner's, or
 * destroy it under the owner's open socket. So the first identified client to open a socket on
 * the id, or to send on it, claims it; the claim lasts until the session opens (its owner takes
 * over) or the claim expires (the session's idle time-to-live: an id nobody used is free again).
 */
export interface SessionClaims {
  /**
   * Claims `sessionId` for `owner` until `expiresAt` (ms since epoch) unless another owner holds an
   * unexpired claim. Answers the owner holding the claim afterwards: `owner` (claimed now, or
   * renewed when it held it already) or the other holder. Concurrent claims of one id from several
   * instances agree on one holder.
   */
  claimSession(sessionId: string, owner: string, now: number, expiresAt: number): Promise<string>;
  /** The owner holding an unexpired claim on `sessionId`, if any. */
  sessionClaimant(sessionId: string, now: number): Promise<string | undefined>;
  /**
   * Deletes the claim on `sessionId`: its first message opened it, and the session's owner guards it
   * from now on (so no claim outlives the session it was for, nor what forget deletes).
   */
  releaseClaim(sessionId: string): Promise<void>;
  /** Deletes up to `limit` claims that expired before `now`. Returns how many (fewer: none left). */
  purgeClaims(now: number, limit: number): Promise<number>;
}
