import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineChunk, EngineInput, ReplyEngine } from '@mpchat/server';

/** Yields some text at once, then holds the turn "generating" until it is stopped: every poll answers code 100. */
export class HoldEngine implements ReplyEngine {
  readonly name = 'hold';
  isReady(): boolean {
    return true;
  }
  async *answer(input: EngineInput): AsyncIterable<EngineChunk> {
    yield '先检查两端接口的IP地址和掩码是否配置正确，';
    await new Promise<void>((resolve) => input.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
}

/** Answers in one piece after `delayMs`, so a long-poll sent right after the send is held until then. */
export class DelayEngine implements ReplyEngine {
  readonly name = 'delay';
  constructor(private readonly delayMs: number) {}
  isReady(): boolean {
    return true;
  }
  async *answer(input: EngineInput): AsyncIterable<EngineChunk> {
    await sleep(this.delayMs, undefined, { signal: input.signal }).catch(() => undefined);
    yield `答复：${input.message}`;
  }
}
