/** A turn whose deltas this instance publishes. */
interface Generation {
  seq: number;
  /** When its last delta was published here (ms). */
  last: number;
  /** A PUBLISH of its deltas reached no other instance, and none has said it watches since. */
  quiet: boolean;
}

/**
 * Which sessions this instance is generating a turn for, and whether any other instance watches
 * them. It lets the bus skip work nobody needs:
 *
 * - While a session generates here, this instance does not subscribe to the session's delta
 *   channel: its own sockets get the deltas directly, so its deltas would only come back to be
 *   skipped (a socket read and a parse per delta).
 * - PUBLISH answers how many subscribers got the message. Once one reaches nobody, no other
 *   instance watches the session, and its next deltas are not sent at all, until one says it
 *   watches: an instance that subscribes to a session's delta channel publishes the session id on
 *   the watch channel once its SUBSCRIBE is confirmed.
 *
 * Why no watcher is missed: a PUBLISH may silence a turn only if it was sent after this instance's
 * own watch-channel SUBSCRIBE was confirmed ({@link ready}). A watcher whose SUBSCRIBE Redis ran
 * before that PUBLISH was counted by it, so it did not silence anything; one whose SUBSCRIBE ran
 * after it sends its watch message later still, when this instance is already subscribed to the
 * watch channel, and hears it. (A watcher that joined late reads the stored text first and then
 * takes deltas by offset, resyncing once on a gap, so the deltas not sent meanwhile lose nothing;
 * a watch message lost to a disconnect costs only the live text of that turn: the settled event
 * still brings the reply.)
 */
export class DeltaAudience {
  private readonly generating = new Map<string, Generation>();
  /** The watch-channel subscription is confirmed (see the class). */
  ready = false;

  constructor(private readonly now: () => number = Date.now) {}

  isGenerating(sessionId: string): boolean {
    return this.generating.has(sessionId);
  }

  /**
   * A delta of turn `seq` is being published here. Answers true when this starts the session's
   * generation here (the caller then drops its delta-channel subscription). A new turn is sent
   * again until a PUBLISH of it reaches nobody.
   */
  begin(sessionId: string, seq: number): boolean {
    const g = this.generating.get(sessionId);
    if (!g) {
      this.generating.set(sessionId, { seq, last: this.now(), quiet: false });
      return true;
    }
    g.last = this.now();
    if (seq > g.seq) {
      g.seq = seq;
      g.quiet = false;
    }
    return false;
  }

  /** Whether the session's deltas need not be sent (no other instance watches it). */
  isQuiet(sessionId: string): boolean {
    return this.generating.get(sessionId)?.quiet === true;
  }

  /** A PUBLISH of the session's delta, sent while {@link ready}, reached `receivers` subscribers. */
  heard(sessionId: string, receivers: number): void {
    const g = this.generating.get(sessionId);
    if (g && receivers === 0) g.quiet = true;
  }

  /** Another instance started watching the session. */
  watched(sessionId: string): void {
    const g = this.generating.get(sessionId);
    if (g) g.quiet = false;
  }

  /** The session's generation here ended (its turn settled, or the session closed). True if there was one. */
  end(sessionId: string): boolean {
    return this.generating.delete(sessionId);
  }

  /** Another instance settled turn `seq`: a generation here of that turn or an older one is over. */
  settledElsewhere(sessionId: string, seq: number): boolean {
    const g = this.generating.get(sessionId);
    return g !== undefined && seq >= g.seq && this.generating.delete(sessionId);
  }

  /** Ends the generations with no delta for `idleMs` (a run that ended without its settled event) and names them. */
  endIdle(idleMs: number): string[] {
    const before = this.now() - idleMs;
    const ended: string[] = [];
    for (const [sessionId, g] of this.generating) {
      if (g.last < before) {
        this.generating.delete(sessionId);
        ended.push(sessionId);
      }
    }
    return ended;
  }
}
