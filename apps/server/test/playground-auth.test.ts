import { existsSync } from 'node:fs';
import { startFakeWechat, type FakeWechat } from '@mpchat/testkit';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { createKbEngine } from '../src/engines/kb/index.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { WelcomeFile } from '../src/welcome/welcome-file.js';
import { apiAs } from './auth-client.js';

// The playground on a server that needs a login (AUTH=wx-login): a browser has no wx.login, so the
// page says what it needs, still shows the welcome, and works with a pasted token.
const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'a-playground-secret-of-at-least-32-bytes';
let wx: FakeWechat;
let server: TestServer;

beforeAll(async () => {
  wx = await startFakeWechat();
  server = await startTestServer({
    engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 }),
    welcome: await WelcomeFile.open(DEFAULT_KB_DIR),
    env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, WX_APPID: wx.appid, WX_SECRET: wx.secret, WX_API_BASE: wx.url },
  });
});
afterAll(async () => {
  await server?.close();
  await wx?.close();
});

describe('the playground under AUTH=wx-login', () => {
  it('tells the page the auth mode and the welcome without a token', async () => {
    const r = await fetch(`${server.url}/playground/info.json`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { auth: string; welcome: { greeting: string; starters: string[] } };
    expect(body.auth).toBe('wx-login');
    expect(body.welcome.starters).toHaveLength(3);
    expect((await fetch(`${server.url}/mpweixin/chatbot/welcome`)).status).toBe(401);
  });

  describe.runIf(existsSync(CHROMIUM) || process.env.CI)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    }, 30_000);
    afterAll(() => browser?.close());

    it('shows the welcome and the token form, names the error once, and answers with a pasted token', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/playground`);
      await expect.poll(() => page.locator('#welcome .starter').count()).toBe(3);
      expect(await page.locator('#auth').isVisible()).toBe(true);
      expect(await page.locator('#auth-mode').textContent()).toBe('wx-login');

      await page.fill('#input', 'VLAN怎么创建');
      await page.click('#send');
      const refused = page.locator('.msg.bot').first();
      await expect.poll(() => refused.getAttribute('data-state'), { timeout: 10_000 }).toBe('error');
      const message = (await refused.locator('.text').textContent())!;
      expect(message.match(/\(UNAUTHENTICATED\)/g)).toHaveLength(1);

      wx.addLoginCode('playground-code', { openid: 'o-teacher' });
      const token = (await apiAs(server.url).login('playground-code')).body.data.token as string;
      await page.fill('#token', token);
      await page.click('#auth button');
      await expect.poll(() => page.locator('.msg').count()).toBe(0);
      await page.fill('#input', 'VLAN怎么创建');
      await page.click('#send');
      await expect.poll(() => page.locator('.msg.bot').first().getAttribute('data-state'), { timeout: 20_000 }).toBe('completed');
      await page.close();
    });
  });
});
