import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Moderation, type ModerationConfig } from './create-moderation.js';
import type { FilterName } from './filter-names.js';

const base: ModerationConfig = {
  MODERATION: [],
  MODERATION_ON_ERROR: { input: 'allow', output: 'block' },
  MODERATION_WECHAT_REVIEW: 'block',
  MODERATION_BLOCKED_REPLY: 'blocked',
  MODERATION_REJECTED_MESSAGE: 'rejected',
  WX_API_BASE: 'http://127.0.0.1:1',
};

describe('Moderation.fromConfig', () => {
  it('refuses a filter name it does not know instead of building some other filter', () => {
    const config = { ...base, MODERATION: ['bogus' as FilterName] };
    expect(() => Moderation.fromConfig(config, pino({ level: 'silent' }))).toThrow('[moderation] unknown content filter "bogus" (known: words, wechat)');
  });

  it('checks a reply for the session owner, else for the last sender seen on this instance', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moderation-'));
    writeFileSync(join(dir, 'words.txt'), 'forbidden\n');
    const moderation = Moderation.fromConfig({ ...base, MODERATION: ['words'], MODERATION_WORDS_FILE: join(dir, 'words.txt') }, pino({ level: 'silent' }))!;
    expect(moderation.replyOpenid('s1', 'wx:o-owner')).toBe('o-owner');
    expect(moderation.replyOpenid('s1', 'addr:10.0.0.7')).toBeUndefined();
    await moderation.checkInput('hello', 'o-sender', 's1');
    expect(moderation.replyOpenid('s1', null)).toBe('o-sender');
    expect(moderation.replyOpenid('s1', 'wx:o-owner')).toBe('o-owner');
    rmSync(dir, { recursive: true, force: true });
  });
});
