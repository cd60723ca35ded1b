import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../ports/content-filter.js';
import { createWechatClient } from '../wechat/wechat-client.js';
import { createFilterChain } from './filter-chain.js';
import { normaliseForMatching } from './normalise-text.js';
import { StreamGate, type StreamGateOptions } from './stream-gate.js';
import { createWechatFilter } from './wechat-filter.js';
import { WordsFilter } from './words-filter.js';

const words = new WordsFilter(['违禁词']);

function gated(options: Partial<StreamGateOptions> & Pick<StreamGateOptions, 'filter'>) {
  const released: string[] = [];
  const blocks: Verdict[] = [];
  const gate = new StreamGate({ onRelease: (t) => released.push(t), onBlock: (v) => blocks.push(v), ...options });
  return { gate, released, blocks, text: () => released.join('') };
}

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
