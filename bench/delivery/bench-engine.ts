import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineChunk, EngineInput, ReplyEngine } from '@mpchat/server';

/** Answers after a random 100-200 ms "thinking" pause, so clients are already waiting when it is done. */
export class PauseEngine implements ReplyEngine {
  readonly name = 'pause';
  isReady(): boolean {
    return true;
  }
  async *answer(input: EngineInput): AsyncIterable<EngineChunk> {
    await sleep(100 + Math.random() * 100, undefined, { signal: input.signal }).catch(() => undefined);
    yield `答复：${input.message}`;
  }
}
