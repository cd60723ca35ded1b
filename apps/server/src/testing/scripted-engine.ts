import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError, type EngineChunk, type EngineInput, type ReplyEngine } from '../ports/engine.js';

/** A call the scripted engine received, and whether its signal fired. */
export interface ScriptedCall {
  input: EngineInput;
  aborted: boolean;
  abortReason?: unknown;
  finished: boolean;
}

/**
 * A reply engine for tests, driven by directives in the user's message:
 * - default: streams `答复：{message}` in 4-character pieces, 5 ms apart;
 * - `#slow N`: N pieces `第i段。` 30 ms apart (something to stop or interrupt);
 * - `#long N`: like #slow but with 2-character Chinese pieces and no delay between every other;
 * - `#fail`: one piece, then fails with GENERATION_FAILED; `#crash`: throws a plain Error;
 * - `#timeout`: fails with UPSTREAM_TIMEOUT; `#hang`: yields nothing until aborted;
 * - `#sources`: yields sources metadata before the text;
 * - `#flood N`: N pieces of 8 KiB as fast as possible (a client that stops reading falls behind);
 * - `#reverse TEXT`: streams TEXT reversed in 2-character pieces, 10 ms apart (a reply can hold a
 *   term the message itself does not: moderation tests).
 */
export class ScriptedEngine implements ReplyEngine {
  readonly name = 'scripted';
  readonly calls: ScriptedCall[] = [];

  isReady(): boolean {
    return true;
  }

  async *answer(input: EngineInput): AsyncIterable<EngineChunk> {
    const call: ScriptedCall = { input, aborted: false, finished: false };
    this.calls.push(call);
    input.signal.addEventListener('abort', () => {
      call.aborted = true;
      call.abortReason = input.signal.reason;
    });
    const msg = input.message.trim();
    const wait = (ms: number) => sleep(ms, undefined, { signal: input.signal }).catch(() => undefined);
    try {
      const slow = /^#slow (\d+)/.exec(msg);
      if (slow) {
        for (let i = 1; i <= Number(slow[1]) && !input.signal.aborted; i++) {
          yield `第${i}段。`;
          await wait(30);
        }
        return;
      }
      const flood = /^#flood (\d+)/.exec(msg);
      if (flood) {
        const piece = 'x'.repeat(8192);
        for (let i = 0; i < Number(flood[1]) && !input.signal.aborted; i++) {
          yield piece;
          if (i % 16 === 0) await new Promise((r) => setImmediate(r));
        }
        return;
      }
      const reverse = /^#reverse (.+)$/su.exec(msg);
      if (reverse) {
        const chars = [...reverse[1]!].reverse();
        for (let i = 0; i < chars.length && !input.signal.aborted; i += 2) {
          yield chars.slice(i, i + 2).join('');
          await wait(10);
        }
        return;
      }
      if (msg === '#fail') {
        yield '开始';
        throw new EngineError('GENERATION_FAILED', 'scripted failure');
      }
      if (msg === '#crash') throw new Error('secret internal detail');
      if (msg === '#timeout') throw new EngineError('UPSTREAM_TIMEOUT', 'upstream did not answer');
      if (msg === '#hang') {
        await new Promise<void>((resolve) => input.signal.addEventListener('abort', () => resolve(), { once: true }));
        return;
      }
      if (msg.startsWith('#sources')) yield { sources: [{ title: 'BGP实验ping不通怎么办' }] };
      const text = `答复：${input.message}`;
      const chars = [...text];
      for (let i = 0; i < chars.length && !input.signal.aborted; i += 4) {
        yield chars.slice(i, i + 4).join('');
        await wait(5);
      }
    } finally {
      call.finished = true;
    }
  }
}
