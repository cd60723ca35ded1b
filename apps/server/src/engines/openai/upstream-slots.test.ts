import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../ports/engine.js';
import { createKbEngine, type KbEngine } from '../kb/index.js';
import { engineOnFake } from './testing/fake-engine.js';
import { startFakeUpstream, streamReply, type FakeUpstream } from './testing/fake-upstream.js';
import type { OpenAiEngine } from './openai-engine.js';

let kb: KbEngine;
let fake: FakeUpstream;
beforeAll(async () => {
  kb = await createKbEngine({ dir: new URL('../../../kb/', import.meta.url), chunkDelayMs: 0 });
});
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());
afterAll(() => kb.close());

/** The reply's text, or the error it ended with. */
async function reply(engine: OpenAiEngine, message: string, signal = new AbortController().signal): Promise<string | EngineError> {
  let text = '';
  try {
    for await (const c of engine.answer({ sessionId: 's', seq: 1, message, history: [], signal })) if (typeof c === 'string') text += c;
    return text;
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw err;
  }
}

describe('upstream slots', () => {
  it('a call waiting for a slot past the total timeout fails as UPSTREAM_TIMEOUT without reaching the provider', async () => {
    fake.setDefault(streamReply(['一', '二']));
    const engine = await engineOnFake(fake, kb, { concurrency: 1, totalTimeoutMs: 600 });
    // A reply whose reader pauses after its first piece keeps its slot meanwhile.
    const holding = engine.answer({ sessionId: 'a', seq: 1, message: '一', history: [], signal: new AbortController().signal })[Symbol.asyncIterator]();
    for (let c = await holding.next(); typeof c.value !== 'string'; c = await holding.next());
    expect(engine.upstream).toEqual({ active: 1, queued: 0 });
    const waiting = await reply(engine, '二');
    expect(waiting).toBeInstanceOf(EngineError);
    expect(waiting).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect((waiting as EngineError).message).toMatch(/busy/);
    await holding.return?.(undefined);
    expect(fake.requests.map((r) => r.body.messages!.at(-1)!.content)).toEqual(['一']);
    // A free slot is taken at once, and given back.
    expect(await reply(engine, '三')).toBe('一二');
    expect(engine.upstream).toEqual({ active: 0, queued: 0 });
  });

  it('a stop before the call takes its free slot ends quietly, holding no slot', async () => {
    const engine = await engineOnFake(fake, kb, { concurrency: 1 });
    const stop = new AbortController();
    stop.abort('stop');
    expect(await reply(engine, '一', stop.signal)).toBe('');
    expect(engine.upstream).toEqual({ active: 0, queued: 0 });
    expect(fake.requests).toHaveLength(0);
  });
});
