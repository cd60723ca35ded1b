import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FilterUnavailableError, type ContentFilter } from '../ports/content-filter.js';
import { createWechatClient } from '../wechat/wechat-client.js';
import { createFilterChain } from './filter-chain.js';
import { moderationSettings } from './moderation-settings.js';
import { createWechatFilter } from './wechat-filter.js';
import { WordsFilter } from './words-filter.js';

let fake: FakeWechat;
beforeEach(async () => {
  fake = await startFakeWechat();
  fake.addTerm('风险词', { suggest: 'risky', label: 20006 });
  fake.addTerm('存疑词', { suggest: 'review', label: 21000 });
});
afterEach(() => fake.close());

const wechat = (review: 'pass' | 'block' = 'block') =>
  createWechatFilter({ client: createWechatClient({ appid: fake.appid, secret: fake.secret, apiBase: fake.url, timeoutMs: 1_000 }), review });

describe('the wechat filter', () => {
  it('blocks risky text with its label; review follows the setting', async () => {
    const subject = (text: string) => ({ text, direction: 'input' as const, openid: 'o-1' });
    expect(await wechat().check(subject('你好'))).toEqual({ action: 'pass', filter: 'wechat' });
    expect(await wechat().check(subject('含风险词'))).toEqual({ action: 'block', label: '20006', filter: 'wechat' });
    expect(await wechat('block').check(subject('含存疑词'))).toEqual({ action: 'block', label: '21000', filter: 'wechat' });
    expect(await wechat('pass').check(subject('含存疑词'))).toEqual({ action: 'review', label: '21000', filter: 'wechat' });
  });

  it('does not run without an openid', async () => {
    expect(await wechat().check({ text: '含风险词', direction: 'input' })).toEqual({ action: 'pass', filter: 'wechat' });
    expect(fake.calls).toHaveLength(0);
  });

  it('splits text longer than 2500 characters so each piece is checked', async () => {
    const long = `${'好'.repeat(2600)}风险词`;
    expect((await wechat().check({ text: long, direction: 'output', openid: 'o-1' })).action).toBe('block');
    expect(fake.callsTo('msg_sec_check').every((c) => [...(c.body as { content: string }).content].length <= 2500)).toBe(true);
  });

  it('throws FilterUnavailableError when WeChat cannot answer', async () => {
    fake.setDown('msg_sec_check', true);
    await expect(wechat().check({ text: 'x', direction: 'input', openid: 'o-1' })).rejects.toBeInstanceOf(FilterUnavailableError);
  });
});

describe('the filter chain', () => {
  const words = new WordsFilter(['本地词']);

  it('runs filters in order and stops at the first block', async () => {
    const chain = createFilterChain([words, wechat()]);
    expect(chain.name).toBe('words,wechat');
    expect(await chain.check({ text: '本地词 风险词', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'block', filter: 'words' });
    expect(fake.callsTo('msg_sec_check')).toHaveLength(0);
    expect(await chain.check({ text: '风险词', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'block', filter: 'wechat' });
    expect(await chain.check({ text: '存疑词', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'block', label: '21000' });
    expect(await createFilterChain([wechat('pass'), words]).check({ text: '存疑词', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'review' });
    expect(await chain.check({ text: '你好', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'pass' });
  });

  it('with WeChat down: by default lets input through and blocks output', async () => {
    fake.setDown('msg_sec_check', true);
    const unavailable: string[] = [];
    const chain = createFilterChain([words, wechat()], { onUnavailable: (f, d) => unavailable.push(`${f}:${d}`) });
    expect(await chain.check({ text: '你好', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'pass' });
    expect(await chain.check({ text: '你好', direction: 'output', openid: 'o-1' })).toEqual({ action: 'block', label: 'unavailable', filter: 'wechat' });
    expect(await chain.check({ text: '本地词', direction: 'input', openid: 'o-1' })).toMatchObject({ action: 'block', filter: 'words' });
    expect(unavailable).toEqual(['wechat:input', 'wechat:output']);
  });

  it.each([
    ['allow', 'pass', 'pass'],
    ['block', 'block', 'block'],
    ['input=block,output=allow', 'block', 'pass'],
  ] as const)('MODERATION_ON_ERROR=%s when WeChat is rate-limited', async (setting, input, output) => {
    const { MODERATION_ON_ERROR } = z.object(moderationSettings).parse({ MODERATION_ON_ERROR: setting });
    fake.scriptErrors('msg_sec_check', 45009, 45009);
    const chain = createFilterChain([wechat()], { onError: MODERATION_ON_ERROR });
    expect((await chain.check({ text: 'a', direction: 'input', openid: 'o-1' })).action).toBe(input);
    expect((await chain.check({ text: 'b', direction: 'output', openid: 'o-1' })).action).toBe(output);
  });

  it('an empty chain passes everything', async () => {
    const chain: ContentFilter = createFilterChain([]);
    expect(await chain.check({ text: 'x', direction: 'output' })).toEqual({ action: 'pass', filter: 'none' });
  });
});

describe('moderation settings', () => {
  const schema = z.object(moderationSettings);
  it('default to no moderation, input allowed and output blocked on error', () => {
    expect(schema.parse({})).toMatchObject({ MODERATION: [], MODERATION_ON_ERROR: { input: 'allow', output: 'block' }, MODERATION_WECHAT_REVIEW: 'block' });
    expect(schema.parse({ MODERATION: 'words, wechat' }).MODERATION).toEqual(['words', 'wechat']);
    expect(schema.parse({ MODERATION: 'none' }).MODERATION).toEqual([]);
  });

  it('refuse unknown filters and malformed on-error values', () => {
    expect(schema.safeParse({ MODERATION: 'words,openai' }).success).toBe(false);
    const bad = schema.safeParse({ MODERATION_ON_ERROR: 'sometimes' });
    expect(bad.error!.issues[0]!.message).toBe('must be allow, block, or input=allow|block,output=allow|block');
  });
});
