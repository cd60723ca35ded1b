// Content moderation as an app sees it: a refused message is a normal ChatError, a blocked reply a Reply with status `blocked`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type KbServer } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatError } from '../src/index.js';
import { deltaLog, wxClient } from './helpers.js';

const NAT = '配置NAT后内网ping不通外网怎么办';

describe('content moderation through the SDK', () => {
  let server: KbServer;
  beforeAll(async () => {
    const words = join(mkdtempSync(join(tmpdir(), 'mpchat-sdk-')), 'words.txt');
    writeFileSync(words, '违禁词\nnat session\n');
    server = await startServer({ chunkDelayMs: 5, env: { MODERATION: 'words', MODERATION_WORDS_FILE: words } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(['socket', 'longpoll'] as const)('over %s: a refused message is CONTENT_REJECTED (422), not retried; a blocked reply has status blocked', async (transport) => {
    const { client, shim } = wxClient({ baseUrl: server.baseUrl, transport });
    const err = (await client.send('违 禁 词').catch((e: unknown) => e)) as ChatError;
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ code: 'CONTENT_REJECTED', status: 422, retryable: false });
    expect(err.message).toBe('[wx-sdk] 消息中含有不适宜的内容，请修改后再发送。 (CONTENT_REJECTED)');
    if (transport === 'longpoll') expect(shim.requests.filter((r) => r.url.endsWith('/send'))).toHaveLength(1);

    const log = deltaLog();
    const reply = await client.send(NAT, log);
    expect(reply).toMatchObject({ seq: 1, status: 'blocked', content: '抱歉，这个问题我暂时无法回答。' });
    for (const d of log.deltas) expect(d.toLowerCase()).not.toContain('nat session');
    await client.destroy();
  });
});
