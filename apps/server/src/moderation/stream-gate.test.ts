import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentFilter, Verdict } from '../ports/content-filter.js';
import { createWechatClient } from '../wechat/wechat-client.js';
import { createFilterChain } from './filter-chain.js';
import { normaliseForMatching } from './normalise-text.js';
import { StreamGate, type StreamGateOptions } from './stream-gate.js';
import { createWechatFilter } from './wechat-filter.js';
import { WordsFilter } from './words-filter.js';

const words = new WordsFilter(['违禁词', 'forbidden']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A gate with everything it releases and reports recorded. */
function gated(options: Partial<StreamGateOptions> = {}) {
  const released: string[] = [];
  const blocks: Verdict[] = [];
  const gate = new StreamGate({ filter: words, onRelease: (t) => released.push(t), onBlock: (v) => blocks.push(v), ...options });
  return { gate, released, blocks, text: () => released.join('') };
}

/** A counting wrapper: how many times the real filter was asked. */
function counting(filter: ContentFilter) {
  const seen: string[] = [];
  return { seen, filter: { name: filter.name, remote: filter.remote, check: (s, sig) => (seen.push(s.text), filter.check(s, sig)) } as ContentFilter };
}

describe('the stream gate with the local word list', () => {
  it('releases text at sentence ends and holds the unchecked tail', async () => {
    const g = gated();
    g.gate.append('你好。今天');
    await g.gate.idle();
    expect(g.text()).toBe('你好。');
    g.gate.append('天气不错！明');
    await g.gate.idle();
    expect(g.text()).toBe('你好。今天天气不错！');
    expect(await g.gate.finish()).toMatchObject({ action: 'pass', text: '你好。今天天气不错！明' });
    expect(g.text()).toBe('你好。今天天气不错！明');
  });

  it('catches a term split across two deltas and releases nothing more', async () => {
    const g = gated();
    g.gate.append('好的。这是违');
    g.gate.append('禁词。后面的话。');
    await g.gate.idle();
    g.gate.append('更多的话。');
    const result = await g.gate.finish();
    expect(result).toMatchObject({ action: 'block', verdict: { action: 'block', label: 'listed-term', filter: 'words' }, released: '好的。' });
    expect(g.text()).toBe('好的。');
    expect(g.blocks).toHaveLength(1);
  });

  it('catches a term when its first characters were already released', async () => {
    const g = gated({ maxChars: 4 });
    g.gate.append('abcd违');
    await g.gate.idle();
    expect(g.text()).toBe('abcd违');
    g.gate.append('禁词');
    expect((await g.gate.finish()).action).toBe('block');
    expect(g.text()).toBe('abcd违');
  });

  it('never releases a disguised term, however the reply is cut into deltas', async () => {
    const disguises = ['违\u200B禁 词', '违　禁\u200D词', 'ＦＯＲ bid\u2060den', 'F o R b I d D e N'];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const term = disguises[round % disguises.length]!;
      const reply = `第一句话。Second sentence! ${'字'.repeat(random(150))}${term}，然后继续。最后一句？`;
      const g = gated({ maxChars: 1 + random(40), minChars: 1 + random(5), overlapChars: 20 + random(80) });
      for (let i = 0; i < reply.length; ) {
        const size = 1 + random(6);
        g.gate.append(reply.slice(i, i + size));
        i += size;
        if (random(3) === 0) await g.gate.idle();
      }
      const result = await g.gate.finish();
      expect(result.action, reply).toBe('block');
      expect(words.findTerms(g.text()), g.text()).toEqual([]);
      expect(reply.startsWith(g.text())).toBe(true);
    }
  });

  it('checks the whole reply once more at the end', async () => {
    // A term disguised with more spaces than the overlap slips past the windows, not the final check.
    const g = gated({ maxChars: 10, overlapChars: 5 });
    g.gate.append(`违${' '.repeat(20)}`);
    await g.gate.idle();
    g.gate.append('禁词');
    await g.gate.idle();
    expect((await g.gate.finish()).action).toBe('block');
    expect(g.text()).toBe(`违${' '.repeat(20)}`);
  });

  it('never splits a surrogate pair between two releases', async () => {
    const g = gated({ maxChars: 3, minChars: 1 });
    for (const ch of '😀a😀😀b😀') {
      g.gate.append(ch.length === 2 ? ch[0]! : ch);
      if (ch.length === 2) {
        await g.gate.idle();
        g.gate.append(ch[1]!);
      }
    }
    await g.gate.finish();
    expect(g.released.every((piece) => !LONE_SURROGATE.test(piece))).toBe(true);
    expect(g.text()).toBe('😀a😀😀b😀');
  });

  it('blocks, releasing nothing, when the filter fails', async () => {
    const broken: ContentFilter = { name: 'broken', remote: false, check: () => Promise.reject(new Error('boom')) };
    const g = gated({ filter: broken });
    g.gate.append('一句话。');
    expect(await g.gate.finish()).toMatchObject({ action: 'block', verdict: { label: 'unavailable', filter: 'broken' }, released: '' });
    expect(g.released).toEqual([]);
  });

  it('an empty reply passes without a check', async () => {
    const { filter, seen } = counting(words);
    expect(await gated({ filter }).gate.finish()).toEqual({ action: 'pass', text: '', checks: 0 });
    expect(seen).toEqual([]);
  });
});

describe('the stream gate with WeChat msgSecCheck (fake answering in 50 ms)', () => {
  let fake: FakeWechat;
  beforeEach(async () => {
    fake = await startFakeWechat();
    fake.setDelay('msg_sec_check', 50);
    fake.addTerm('风险词', { suggest: 'risky', label: 20006 });
    fake.addTerm('存疑词', { suggest: 'review', label: 21000 });
  });
  afterEach(() => fake.close());

  const chain = (review: 'pass' | 'block' = 'block') =>
    createFilterChain([words, createWechatFilter({ client: createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url }), review })]);
  const sentence = (i: number) => `这是第${String(i).padStart(2, '0')}句回答，内容正常而且比较长一些。`;

  async function stream(gate: StreamGate, reply: string, size = 10) {
    for (let i = 0; i < reply.length; i += size) {
      gate.append(reply.slice(i, i + size));
      await new Promise((r) => setImmediate(r));
    }
    return gate.finish();
  }

  it('batches a 900-character answer into a few checks', async () => {
    const reply = Array.from({ length: 36 }, (_, i) => sentence(i)).join('').slice(0, 900);
    const g = gated({ filter: chain(), openid: 'o-1' });
    const result = await stream(g.gate, reply);
    expect(result).toMatchObject({ action: 'pass', text: reply });
    expect(g.text()).toBe(reply);
    const calls = fake.callsTo('msg_sec_check').length;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(6);
  });

  it('blocks a risky term in the middle of the answer before any of it is released', async () => {
    const reply = `${sentence(1)}${sentence(2)}${sentence(3)}这里有风险词出现。${sentence(4)}${sentence(5)}`;
    const g = gated({ filter: chain(), openid: 'o-1' });
    const result = await stream(g.gate, reply, 7);
    expect(result).toMatchObject({ action: 'block', verdict: { filter: 'wechat', label: '20006' } });
    expect(g.text()).not.toContain('风险词');
    expect(g.text().length).toBeLessThan(reply.indexOf('风险词'));
    expect(g.blocks).toHaveLength(1);
  });

  it('review follows the setting: released and reported when it passes', async () => {
    const reply = `${sentence(1)}${sentence(2)}有一个存疑词。${sentence(3)}`;
    const passing = gated({ filter: chain('pass'), openid: 'o-1' });
    expect(await stream(passing.gate, reply)).toMatchObject({ action: 'review', text: reply });
    const blocking = gated({ filter: chain('block'), openid: 'o-1' });
    expect((await stream(blocking.gate, reply)).action).toBe('block');
  });

  it('blocks the output when WeChat is down (default on-error for output)', async () => {
    fake.setDown('msg_sec_check', true);
    const g = gated({ filter: chain(), openid: 'o-1' });
    expect(await stream(g.gate, `${sentence(1)}${sentence(2)}${sentence(3)}`)).toMatchObject({ action: 'block', verdict: { label: 'unavailable' } });
    expect(g.text()).toBe('');
  });

  it('still applies the word list to anonymous users (no openid, no WeChat call)', async () => {
    const g = gated({ filter: chain() });
    expect((await stream(g.gate, `${sentence(1)}违 禁 词。${sentence(2)}`)).action).toBe('block');
    expect(normaliseForMatching(g.text()).text).not.toContain('违禁词');
    expect(fake.callsTo('msg_sec_check')).toHaveLength(0);
  });
});
