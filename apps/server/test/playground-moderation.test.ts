import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbEngine } from '../src/engines/kb/index.js';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';


describe.runIf(hasChromium)('the playground with content moderation, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    const words = join(mkdtempSync(join(tmpdir(), 'mpchat-pg-')), 'words.txt');
    writeFileSync(words, '违禁词\nnat session\n');
    server = await startTestServer({
      engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 5 }),
      env: { MODERATION: 'words', MODERATION_WORDS_FILE: words },
    });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('marks a refused question with the reason, and shows a blocked reply as replaced', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/playground`);
    await page.fill('#input', '这里有违禁词');
    await page.click('#send');
    const rejected = page.locator('.msg.user.rejected');
    await expect.poll(() => rejected.count(), { timeout: 10_000 }).toBe(1);
    expect(await rejected.locator('.meta').textContent()).toBe('消息中含有不适宜的内容，请修改后再发送。');
    expect(await page.locator('.msg.bot').count()).toBe(0);
    expect(await page.inputValue('#input')).toBe('这里有违禁词');

    await page.fill('#input', '配置NAT后内网ping不通外网怎么办');
    await page.click('#send');
    const bot = page.locator('.msg.bot').first();
    await expect.poll(() => bot.getAttribute('data-state'), { timeout: 10_000 }).toBe('blocked');
    expect(await bot.locator('.text').textContent()).toBe('抱歉，这个问题我暂时无法回答。');
    expect(await bot.locator('.meta').textContent()).toMatch(/^未通过内容安全检查，已替换 · /);
    expect(errors).toEqual([]);
  });
});
