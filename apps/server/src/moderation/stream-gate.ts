import type { ContentFilter, Verdict } from '../ports/content-filter.js';
import { normaliseForMatching } from './normalise-text.js';

/** Options of {@link StreamGate}. */
export interface StreamGateOptions {
  /** Usually the filter chain. A filter that throws here blocks (nothing unchecked is released). */
  filter: ContentFilter;
  /** The user's openid, for filters that need it. */
  openid?: string;
  /** Receives released text, in order; concatenated it is the released prefix of the reply. */
  onRelease: (text: string) => void;
  /** Told once when the reply is blocked (abort the engine here). */
  onBlock?: (verdict: Verdict) => void;
  /** Do not check fewer unchecked characters than this at a sentence end (default 1 local, 60 remote). */
  minChars?: number;
  /** Check once this many characters wait unchecked, sentence end or not (default 120 local, 300 remote). */
  maxChars?: number;
  /**
   * Characters of released text checked again with the new text, so a term split across the
   * boundary is still seen whole (default 100: longer than any listed term). Counted as the word
   * list counts them, after normalisation: a term padded with 150 zero-width characters or spaces
   * is still only as long as the term, so its released half is always inside the next window.
   */
  overlapChars?: number;
  /** Aborts filter calls (the turn was stopped). */
  signal?: AbortSignal;
}

/** How a gated reply ended. `checks`: filter calls made. */
export type GateResult =
  | { action: 'pass' | 'review'; text: string; checks: number }
  | { action: 'block'; verdict: Verdict; released: string; checks: number };

// Where a sentence ends: Chinese and Latin stops, and line breaks.
const BOUNDARY = /[。！？.!?\n]/g;

/**
 * Holds a streamed reply back until it has passed the filter. Text is appended as the engine
 * yields it; at a sentence end (or after `maxChars` without one) the unchecked text, plus
 * `overlapChars` of what was released before, is checked; if it passes it is released. One check
 * runs at a time and the next one covers everything that arrived meanwhile (up to the last
 * sentence end), so a slow remote filter means fewer, larger checks, not a queue. `finish()` checks
 * the whole reply once more. After a block nothing more is released.
 *
 * @example
 * const gate = new StreamGate({ filter: chain, openid, onRelease: (t) => emitDelta(t), onBlock: () => engine.abort() });
 * for await (const piece of engine.reply(input)) gate.append(piece);
 * const result = await gate.finish(); // result.action === 'block' → store the canned reply instead
 */
export class StreamGate {
  private text = '';
  private checkedEnd = 0;
  /** Start of the last window checked: 0 means the whole text up to `checkedEnd` was checked at once. */
  private lastWindowStart = 0;
  private blockedBy: Verdict | undefined;
  private reviewed: Verdict | undefined;
  private running: Promise<void> | undefined;
  private finished = false;
  private checks = 0;
  private readonly minChars: number;
  private readonly maxChars: number;
  private readonly overlap: number;

  constructor(private readonly options: StreamGateOptions) {
    const remote = options.filter.remote;
    this.minChars = options.minChars ?? (remote ? 60 : 1);
    this.maxChars = options.maxChars ?? (remote ? 300 : 120);
    this.overlap = options.overlapChars ?? 100;
  }

  /** The verdict that blocked the reply, if any. */
  get blocked(): Verdict | undefined {
    return this.blockedBy;
  }

  /** All text appended so far, checked or not (for the audit log at debug level only). */
  get appended(): string {
    return this.text;
  }

  /** The text released so far. */
  get released(): string {
    return this.text.slice(0, this.checkedEnd);
  }

  /** Resolves once no check is running (text appended so far has been looked at). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Adds reply text; it is released once checked. Ignored after a block or `finish()`. */
  append(delta: string): void {
    if (this.blockedBy || this.finished || delta === '') return;
    this.text += delta;
    this.pump();
  }

  /** Checks the whole reply once more and releases the rest; answers how the reply ended. */
  async finish(): Promise<GateResult> {
    this.finished = true;
    await this.running;
    const wholeChecked = this.checkedEnd === this.text.length && this.lastWindowStart === 0;
    if (!this.blockedBy && !(wholeChecked && this.checks > 0) && this.text !== '') await this.checkWindow(0, this.text.length);
    if (this.blockedBy) return { action: 'block', verdict: this.blockedBy, released: this.released, checks: this.checks };
    return { action: this.reviewed ? 'review' : 'pass', text: this.text, checks: this.checks };
  }

  private pump(): void {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      // Text may have arrived after the last look; look again unless finish() takes over.
      if (!this.finished && !this.blockedBy && this.nextCheckpoint() !== undefined) this.pump();
    });
  }

  private async run(): Promise<void> {
    for (let end = this.nextCheckpoint(); end !== undefined && !this.blockedBy; end = this.nextCheckpoint()) {
      if (this.finished) return; // finish() checks the rest in one go
      await this.checkWindow(this.windowStart(), end);
    }
  }

  /** Where the next check should end, or undefined when it is too early to check. */
  private nextCheckpoint(): number | undefined {
    const pending = this.text.length - this.checkedEnd;
    if (pending < this.minChars) return undefined;
    let lastBoundary = -1;
    BOUNDARY.lastIndex = this.checkedEnd;
    for (let m = BOUNDARY.exec(this.text); m; m = BOUNDARY.exec(this.text)) lastBoundary = m.index + 1;
    if (lastBoundary - this.checkedEnd >= this.minChars) return lastBoundary;
    if (pending >= this.maxChars) return this.safeEnd(this.text.length);
    return undefined;
  }

  /**
   * Where the next window starts: `overlap` normalised characters back into the released text.
   * Counting original characters would let ignorable padding (zero-width characters, spaces) push
   * the released half of a term out of the window, and the term reach clients before the final
   * check blocks the reply. Only a tail of the released text is normalised, doubled until it is
   * long enough, so a check costs the window, not the whole reply.
   */
  private windowStart(): number {
    if (this.overlap <= 0) return this.checkedEnd;
    for (let span = this.overlap * 2; ; span *= 2) {
      const from = Math.max(0, this.checkedEnd - span);
      const { text, offsets } = normaliseForMatching(this.text.slice(from, this.checkedEnd));
      if (text.length >= this.overlap) {
        const start = from + offsets[text.length - this.overlap]!;
        const code = this.text.charCodeAt(start);
        // The tail may have begun inside a surrogate pair: start at the pair's first half.
        return code >= 0xdc00 && code <= 0xdfff && start > 0 ? start - 1 : start;
      }
      if (from === 0) return 0;
    }
  }

  /** Never cut between the two halves of a surrogate pair (a lone half is not valid UTF-8). */
  private safeEnd(end: number): number | undefined {
    const code = this.text.charCodeAt(end - 1);
    const cut = code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
    return cut > this.checkedEnd ? cut : undefined;
  }

  private async checkWindow(start: number, end: number): Promise<void> {
    let verdict: Verdict;
    this.checks += 1;
    try {
      verdict = await this.options.filter.check({ text: this.text.slice(start, end), direction: 'output', openid: this.options.openid }, this.options.signal);
    } catch {
      verdict = { action: 'block', label: 'unavailable', filter: this.options.filter.name };
    }
    if (this.blockedBy) return;
    if (verdict.action === 'block') {
      this.blockedBy = verdict;
      this.options.onBlock?.(verdict);
      return;
    }
    if (verdict.action === 'review') this.reviewed ??= verdict;
    this.lastWindowStart = start;
    if (end > this.checkedEnd) {
      const fresh = this.text.slice(this.checkedEnd, end);
      this.checkedEnd = end;
      this.options.onRelease(fresh);
    }
  }
}
