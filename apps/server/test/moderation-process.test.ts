import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '@mpchat/testkit';
import { newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-moderation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('moderation in the server process (kb engine)', () => {
  it('refuses to start without a readable word list', async () => {
    await expect(spawnServer({ STORE: 'memory', MODERATION: 'words', MODERATION_WORDS_FILE: join(dir, 'missing.txt') })).rejects.toThrow(
      /MODERATION_WORDS_FILE cannot be read/,
    );
  });

  it('reloads the word list on SIGHUP: a kb answer holding a newly listed term is blocked', async () => {
    const kb = join(dir, 'kb');
    mkdirSync(kb, { recursive: true });
    writeFileSync(join(kb, '01-a.md'), '# 路由\n\n## 静态路由怎么配置\n先进入系统视图。再用 ip route-static 配置静态路由。最后检查路由表。\n');
    const words = join(dir, 'words.txt');
    writeFileSync(words, '无关的词\n');
    const s = await spawnServer({ STORE: 'memory', KB_DIR: kb, KB_CHUNK_DELAY_MS: '0', MODERATION: 'words', MODERATION_WORDS_FILE: words });
    try {
      const ask = async (content: string) => {
        const sid = newSessionId();
        const sent = await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content, timestamp: ts() });
        if (sent.status !== 200) return sent.body;
        return (await receiveFinal(s.url, { sessionId: sid })).body;
      };
      expect(await ask('静态路由怎么配置')).toMatchObject({ code: 200, data: { status: 'completed', content: expect.stringContaining('route-static') } });
      writeFileSync(words, '无关的词\nROUTE-STATIC\n');
      s.proc.kill('SIGHUP');
      await expect.poll(() => s.output(), { timeout: 5_000 }).toMatch(/moderation word list reloaded/);
      const blocked = await ask('静态路由怎么配置');
      expect(blocked).toMatchObject({ code: 200, data: { status: 'blocked', content: '抱歉，这个问题我暂时无法回答。' } });
      expect(JSON.stringify(blocked)).not.toMatch(/route/i);
      expect(await ask('ｒｏｕｔｅ－ｓｔａｔｉｃ 是什么')).toMatchObject({ code: 422, error: 'CONTENT_REJECTED' });
    } finally {
      s.proc.kill('SIGTERM');
      await s.exited;
    }
  });
});
