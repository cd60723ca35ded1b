/** Tunables of the chat service (from the server configuration; what depends on the adapters is in their profile). */
export interface ChatOptions {
  /** IANA zone for reply timestamps. */
  timeZone: string;
  /** Unsettled turns one session may have before sends answer 429 BUSY. */
  maxPendingTurns: number;
  /** Messages one session may send in total before sends answer 429 RATE_LIMITED (0: no quota). */
  maxMessagesPerSession: number;
  /** Open sessions the server holds before new ones answer 503 TOO_MANY_SESSIONS. */
  maxLiveSessions: number;
  /**
   * How long a closed session keeps its turns (and its feedback) before the sweep deletes them;
   * 0 deletes the turns at close.
   */
  transcriptRetentionMs: number;
  /** A reply still generating after this long fails with UPSTREAM_TIMEOUT. */
  generationTimeoutMs: number;
  /** Previous turns handed to the engine as memory. */
  historyTurns: number;
  /** Poll hint sent with code 100. */
  pollRetryAfterMs: number;
  /** Sessions idle this long are closed by the sweeper. */
  sessionIdleTtlMs: number;
  /** Closed-session tombstones are forgotten after this long. */
  tombstoneTtlMs: number;
  /** How often the sweeper runs. */
  sweepIntervalMs: number;
}
