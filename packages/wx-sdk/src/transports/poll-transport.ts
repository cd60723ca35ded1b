import type { ReceiveResponse } from '@mpchat/contract';
import { OK_CODE, ROUTE_PATHS } from '@mpchat/contract/wire';
import { backoff } from '../backoff.js';
import { Cancel, sleep } from '../cancel.js';
import { ChatError } from '../chat-error.js';
import { errorEnds, toReply } from './reply-mapper.js';
import type { Transport, TransportContext } from './transport.js';

/**
 * Receives replies with `GET /receive?after=<cursor>`: long-polling (`wait` up to 25 s, the
 * server answers as soon as the reply is done) or plain polling (`wait=0`, paced by the server's
 * retryAfterMs). One request at a time, only while a send waits for its reply. The partial text
 * of code-100 answers streams to onDelta.
 */
export class PollTransport implements Transport {
  private run = 0;
  private looping = false;
  private paused = false;
  private closed = false;
  private cancel: Cancel | undefined;
  private timeouts = 0;

  constructor(
    readonly kind: 'longpoll' | 'poll',
    private readonly ctx: TransportContext,
  ) {}

  wake(): void {
    if (!this.looping && !this.paused && !this.closed && this.ctx.book.waiting) void this.loop(++this.run);
  }

  pause(): void {
    this.paused = true;
    this.stop();
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.stop();
  }

  private stop(): void {
    this.run++;
    this.looping = false;
    if (this.cancel) this.cancel.abort(new ChatError('ABORTED', 'receiving stopped'));
    this.cancel = undefined;
  }

  private async loop(run: number): Promise<void> {
    this.looping = true;
    const { book, api, timing } = this.ctx;
    const wait = this.kind === 'longpoll' ? timing.longPollWaitSec : 0;
    let failures = 0;
    try {
      while (run === this.run && book.waiting) {
        const cancel = (this.cancel = new Cancel());
        const after = book.after;
        const started = Date.now();
        let res: ReceiveResponse;
        try {
          res = await api.get<ReceiveResponse>(
            ROUTE_PATHS.receive,
            { sessionId: this.ctx.sessionId, after, wait: wait || undefined },
            { cancel, timeoutMs: wait * 1000 + timing.requestTimeoutMs },
          );
        } catch (e) {
          if (run !== this.run) return;
          const err = e instanceof ChatError ? e : new ChatError('NETWORK_ERROR', String(e), { retryable: true });
          // The turn itself failed (its stored error), not the request. The envelope names the
          // failed turn's seq; an older server's does not: then it is `after` + 1.
          const ends = errorEnds(err.code);
          if (ends === 'turn') {
            const seq = err.seq ?? after + 1;
            (err as { seq: number | undefined }).seq = seq;
            book.fail(seq, err);
            continue;
          }
          if (ends === 'session') return this.ctx.sessionOver(err);
          if (!err.retryable) return book.failWaiting(err);
          this.ctx.status('reconnecting');
          // Held requests that keep timing out (a proxy cutting them) are a reason to poll instead.
          if (this.kind === 'longpoll' && (err.code === 'TIMEOUT' || err.code === 'BAD_RESPONSE') && ++this.timeouts >= 2) {
            this.ctx.giveUp('timeouts');
            if (run !== this.run) return;
          }
          await sleep(err.retryAfterMs !== undefined ? err.retryAfterMs : backoff(failures++, timing.retryBaseMs, timing.retryMaxMs), cancel);
          continue;
        }
        failures = 0;
        this.timeouts = 0;
        this.ctx.status('open');
        if (res.code === OK_CODE) {
          const d = res.data;
          const seq = d.seq !== undefined ? d.seq : after + 1;
          book.settle(seq, toReply(seq, d, d.status, d.sources, d.suggestions, d.from));
          continue;
        }
        if ('seq' in res.data) book.text(res.data.seq, 0, res.data.content);
        // A long-poll answered 100 only after holding the full wait; one answered early (the server
        // is shutting down) must not turn into a busy loop.
        const early = Date.now() - started < wait * 500;
        if (this.kind === 'poll' || early) {
          await sleep(timing.pollIntervalMs !== undefined ? timing.pollIntervalMs : res.retryAfterMs || 1000, cancel);
        }
      }
    } catch {
      // Cancelled: pause() or close() stopped this loop.
    } finally {
      if (run === this.run) this.looping = false;
    }
  }
}
