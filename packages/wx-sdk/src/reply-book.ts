import type { Cancel } from './cancel.js';
import { ChatError } from './chat-error.js';
import type { Reply } from './public-types.js';

/** Called as reply text arrives: the whole text so far, and what was just added. */
export type DeltaListener = (textSoFar: string, delta: string) => void;

interface Watcher {
  onDelta: DeltaListener | undefined;
  resolve(reply: Reply): void;
  reject(error: ChatError): void;
}

interface Entry {
  text: string;
  reply?: Reply;
  error?: ChatError;
  watcher?: Watcher;
}

/**
 * The client's record of replies, by turn seq. Every transport writes into it and it alone
 * decides what is new, so a replay after a reconnect or a transport switch can neither duplicate
 * nor skip: text is placed by character offset, a settled turn settles once, and `after` (every
 * seq up to it is settled) is the cursor each reconnect resumes from.
 */
export class ReplyBook {
  /** Every reply with seq ≤ after has settled: the resume cursor. */
  after: number;
  /** The highest seq a send of this client was told (the server must know every turn up to it). */
  highest = 0;
  private readonly entries = new Map<number, Entry>();
  private fatal: ChatError | undefined;
  private unknownSends = 0;

  /**
   * @param unasked called with a teacher's reply, which no send of this client waits for (a teacher
   *   answering a question the assistant could not).
   */
  constructor(
    after = 0,
    private readonly unasked?: (reply: Reply) => void,
  ) {
    this.after = after;
  }

  /** Whether a caller waits for a reply that has not settled (the HTTP transports poll only then). */
  get waiting(): boolean {
    let found = false;
    this.entries.forEach((e) => {
      if (e.watcher && !e.reply && !e.error) found = true;
    });
    return found;
  }

  /** Reply text of turn `seq` starting at character `offset` (a delta, or a whole partial at 0). */
  text(seq: number, offset: number, text: string): void {
    const e = this.open(seq);
    if (!e) return;
    const have = e.text;
    // A gap cannot be placed; the final reply carries the whole text anyway.
    if (offset > have.length) return;
    const overlap = Math.min(have.length - offset, text.length);
    if (have.slice(offset, offset + overlap) === text.slice(0, overlap)) {
      if (overlap === text.length) return;
      const added = text.slice(overlap);
      e.text = have + added;
      this.emit(e, added);
    } else {
      // The server generated this turn afresh (after a crash) and the text differs: take the new one.
      e.text = have.slice(0, offset) + text;
      this.emit(e, text);
    }
  }

  /** Turn `seq` is done. A second settle of the same turn is ignored. */
  settle(seq: number, reply: Reply): void {
    const e = this.open(seq);
    if (!e) return;
    const final = reply.content;
    if (final !== e.text) {
      const grows = final.slice(0, e.text.length) === e.text;
      const added = grows ? final.slice(e.text.length) : final;
      e.text = final;
      this.emit(e, added);
    }
    e.reply = reply;
    if (e.watcher) e.watcher.resolve(reply);
    else if (reply.from && this.unasked) this.unasked(reply);
    this.advance();
  }

  /** Turn `seq` failed (its reply will never come). */
  fail(seq: number, error: ChatError): void {
    const e = this.open(seq);
    if (!e) return;
    e.error = error;
    if (e.watcher) e.watcher.reject(error);
    this.advance();
  }

  /** The session is over (closed, lost): every waiting caller gets `error`, now and later. */
  failAll(error: ChatError): void {
    if (this.fatal) return;
    this.fatal = error;
    this.entries.forEach((e) => {
      if (e.watcher && !e.reply && !e.error) e.watcher.reject(error);
    });
    this.entries.clear();
  }

  /** Fails the callers waiting now (a receive error that ends no session); later sends may succeed. */
  failWaiting(error: ChatError): void {
    this.entries.forEach((e) => {
      if (e.watcher && !e.reply && !e.error) e.watcher.reject(error);
    });
  }

  /**
   * A send is in flight and does not know its seq yet: replies that arrive meanwhile are kept
   * until it does. Returns the function to call once it knows (or failed).
   */
  expect(): () => void {
    this.unknownSends++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.unknownSends--;
      this.prune();
    };
  }

  /** Waits for turn `seq`'s reply, streaming its text to `onDelta` (what arrived before, first). */
  watch(seq: number, onDelta: DeltaListener | undefined, cancel: Cancel): Promise<Reply> {
    if (seq > this.highest) this.highest = seq;
    return new Promise<Reply>((resolve, reject) => {
      if (this.fatal) return reject(this.fatal);
      let e = this.entries.get(seq);
      if (!e) {
        if (seq <= this.after) return reject(new ChatError('NO_SUCH_MESSAGE', `the reply to message ${seq} was already delivered`, { seq }));
        e = { text: '' };
        this.entries.set(seq, e);
      }
      const entry = e;
      const off = cancel.onAbort((reason) => {
        entry.watcher = undefined;
        this.prune();
        reject(reason);
      });
      const watcher: Watcher = {
        onDelta,
        resolve: (reply) => {
          off();
          entry.watcher = undefined;
          resolve(reply);
        },
        reject: (error) => {
          off();
          entry.watcher = undefined;
          reject(error);
        },
      };
      if (cancel.aborted) return;
      entry.watcher = watcher;
      if (entry.text) this.emit(entry, entry.text);
      if (entry.reply) watcher.resolve(entry.reply);
      else if (entry.error) watcher.reject(entry.error);
      this.prune();
    });
  }

  /** The entry for an unsettled turn, created on first sight; undefined when it is settled. */
  private open(seq: number): Entry | undefined {
    if (this.fatal || seq <= this.after) return undefined;
    let e = this.entries.get(seq);
    if (!e) {
      e = { text: '' };
      this.entries.set(seq, e);
    }
    return e.reply || e.error ? undefined : e;
  }

  private emit(e: Entry, delta: string): void {
    const listener = e.watcher && e.watcher.onDelta;
    if (!listener || !delta) return;
    try {
      listener(e.text, delta);
    } catch (err) {
      setTimeout(() => {
        throw err;
      }, 0);
    }
  }

  private advance(): void {
    for (;;) {
      const next = this.entries.get(this.after + 1);
      if (!next || !(next.reply || next.error)) break;
      this.after++;
    }
    this.prune();
  }

  /** Forgets settled replies nobody waits for (unless a send may still claim one). */
  private prune(): void {
    if (this.unknownSends > 0) return;
    this.entries.forEach((e, seq) => {
      if (!e.watcher && seq <= this.after) this.entries.delete(seq);
    });
  }
}
