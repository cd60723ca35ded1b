import { describe, expect, it } from 'vitest';
import type { ContentFilter, Verdict } from '../ports/content-filter.js';
import { StreamGate, type StreamGateOptions } from './stream-gate.js';
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
    // Whatever the windows saw, the end of the reply is checked whole before it settles.
    const g = gated({ maxChars: 10, overlapChars: 5 });
    g.gate.append(`违${' '.repeat(20)}`);
    await g.gate.idle();
    g.gate.append('禁词');
    await g.gate.idle();
    expect((await g.gate.finish()).action).toBe('block');
    expect(g.text()).toBe(`违${' '.repeat(20)}`);
  });

  it('never releases a term padded with more ignorable characters than the overlap (regression: overlap counted original characters)', async () => {
    for (const pad of ['\u200B', ' ', '\u200B ']) {
      const term = ['违', '禁', '词'].join(pad.repeat(150));
      const reply = `好的。${term}。后面的话。`;
      for (const size of [1, 7, 40]) {
        const g = gated();
        for (let i = 0; i < reply.length; i += size) {
          g.gate.append(reply.slice(i, i + size));
          await g.gate.idle();
        }
        expect((await g.gate.finish()).action).toBe('block');
        expect(words.findTerms(g.text()), JSON.stringify({ pad, size })).toEqual([]);
      }
    }
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
