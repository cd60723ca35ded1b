import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { apiAs } from './auth-client.js';


// The playground's 历史对话, with a login token configured, against AUTH=wx-login (fake WeChat API).
describe.runIf(hasChromium)('the playground’s history list, in Chromium', () => {
  let wx: FakeWechat;
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    wx = await startFakeWechat();
    server = await startTestServer({
      env: { AUTH: 'wx-login', AUTH_SECRET: 'a-test-secret-that-is-at-least-32-bytes-long', WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url },
    });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await wx?.close();
  });

  it('shows no history without a token; with one, lists the conversations, opens one, and continues it', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/playground`);
    expect(await page.locator('#history-toggle').isVisible()).toBe(false);

    wx.addLoginCode('pg-code', { openid: 'o-playground' });
    const token = (await apiAs(server.url).login('pg-code')).body.data.token as string;
    await page.locator('#token').fill(token);
    await page.locator('#auth button[type=submit]').click();
    await expect.poll(() => page.locator('#history-toggle').isVisible()).toBe(true);

    await page.fill('#input', '第一个问题');
    await page.click('#send');
    await expect.poll(() => page.locator('.msg.bot').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');
    const first = await page.locator('#session').textContent();
    await page.click('#new-chat');
    await page.fill('#input', '第二个问题');
    await page.click('#send');
    await expect.poll(() => page.locator('.msg.bot').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('completed');

    await page.click('#history-toggle');
    const items = page.locator('#sessions .session-item');
    await expect.poll(() => items.allTextContents()).toEqual(['第二个问题 · 1 条 · 进行中', '第一个问题 · 1 条 · 已结束']);
    await items.nth(1).click();
    await expect.poll(() => page.locator('#transcript .msg.user').allTextContents()).toEqual(['第一个问题']);
    expect(await page.locator('#transcript .msg.bot').textContent()).toContain('第一个问题');

    await page.click('#continue');
    await expect.poll(() => page.locator('#history').isVisible()).toBe(false);
    await expect.poll(async () => page.locator('#session').textContent()).not.toBe(first);
    expect(await page.locator('#log .msg').count()).toBe(0);
    const sent = page.waitForRequest((r) => r.url().endsWith('/mpweixin/chatbot/send'));
    await page.fill('#input', '接着问');
    await page.click('#send');
    expect(JSON.parse((await sent).postData() ?? '{}')).toMatchObject({ content: '接着问', continueFrom: first });
    expect(errors).toEqual([]);
  });
});
