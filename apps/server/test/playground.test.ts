import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from './chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbEngine } from '../src/engines/kb/index.js';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { startTestServer, type TestServer } from '../src/testing/test-server.js';
import { WelcomeFile } from '../src/welcome/welcome-file.js';

const SCREENSHOT = fileURLToPath(new URL('../../../docs/playground.png', import.meta.url));
const ADMIN_TOKEN = 'playground-admin-token-01';

// Runs in Debian's Chromium (.ci/run installs it); without it the suite cannot show a browser.
describe.runIf(hasChromium)('the browser playground in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({
      engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 25 }),
      welcome: await WelcomeFile.open(DEFAULT_KB_DIR),
      env: { ADMIN_TOKEN },
    });
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks the spec question, streams, stops a long answer, starts a new conversation', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.url()).toMatch(/\/playground$/);
    // An empty chat shows the knowledge base's greeting (rendered Markdown) and its starter questions.
    await expect.poll(() => page.locator('#welcome .starter').count()).toBe(3);
    expect(await page.locator('#welcome .greeting strong').textContent()).toBe('网络实验助教');
    expect(await page.locator('#welcome .starter').first().textContent()).toBe('BGP实验ping不通怎么办？');

    await page.fill('#input', '请问BGP协议实验ping不通怎么办?');
    await page.click('#send');
    expect(await page.locator('#welcome').isVisible()).toBe(false);
    const bot = page.locator('.msg.bot').first();
    // The text grows while it streams…
    await expect.poll(async () => (await bot.locator('.text').textContent())?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(10);
    const early = (await bot.locator('.text').textContent())!.length;
    await expect.poll(async () => (await bot.locator('.text').textContent())!.length, { timeout: 10_000 }).toBeGreaterThan(early);
    // …rendered as Markdown all along: no literal ** or ``` fences, even half-way…
    const screens = new Set<string>();
    await expect
      .poll(
        async () => {
          screens.add((await bot.locator('.text').textContent()) ?? '');
          return bot.getAttribute('data-state');
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe('completed');
    expect(screens.size).toBeGreaterThan(1);
    for (const screen of screens) expect(screen).not.toMatch(/\*\*|```/);
    // …and ends as a completed reply with its knowledge-base sources and the AI label.
    expect(await bot.locator('.text strong').first().textContent()).toBe('BGP实验ping不通怎么办');
    expect(await bot.locator('.text ol > li').count()).toBeGreaterThanOrEqual(8);
    expect(await bot.locator('.text ol > li code').first().textContent()).toBe('display bgp peer');
    expect(await bot.locator('.text pre').first().textContent()).toMatch(/^display bgp peer\ndisplay bgp routing-table\n/);
    expect(await bot.locator('.text').textContent()).not.toMatch(/\*\*|```/);
    expect(await bot.locator('.sources li').first().textContent()).toBe('BGP实验ping不通怎么办');
    expect(await bot.locator('.label').textContent()).toBe('AI生成');
    expect(await page.locator('#transport').textContent()).toBe('socket');
    expect(await page.locator('#status').getAttribute('data-status')).toBe('open');
    // Follow-up suggestions as chips, 👍/👎 that reach the teachers' export.
    const suggestions = bot.locator('.suggestion');
    expect(await suggestions.count()).toBeGreaterThan(0);
    await bot.locator('.rate.down').click();
    await expect.poll(() => bot.locator('.rate.down').getAttribute('aria-pressed')).toBe('true');
    const exported = (await (await fetch(`${server.url}/admin/feedback`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      data: { items: { seq: number; rating: string; question: string }[] };
    };
    expect(exported.data.items).toMatchObject([{ seq: 1, rating: 'down', question: '请问BGP协议实验ping不通怎么办?' }]);
    mkdirSync(fileURLToPath(new URL('.', `file://${SCREENSHOT}`)), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // Clicking a suggestion asks it: its answer is a knowledge-base entry.
    const followUp = (await suggestions.first().textContent())!;
    await suggestions.first().click();
    expect(await page.locator('.msg.user').nth(1).textContent()).toBe(followUp);
    const answered = page.locator('.msg.bot').nth(1);
    await expect.poll(() => answered.getAttribute('data-state'), { timeout: 20_000 }).toBe('completed');
    expect(await answered.locator('.sources li').count()).toBeGreaterThan(0);
    // Only the latest answer keeps its chips.
    expect(await bot.locator('.suggestion').count()).toBe(0);

    // A long answer, stopped half-way: its partial text stays, marked stopped.
    await page.fill('#input', 'OSPF邻居一直停留在ExStart状态怎么办');
    await page.click('#send');
    const second = page.locator('.msg.bot').nth(2);
    await expect.poll(async () => (await second.locator('.text').textContent())?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
    await page.click('#stop');
    await expect.poll(() => second.getAttribute('data-state'), { timeout: 10_000 }).toBe('stopped');
    expect(await second.locator('.meta').textContent()).toMatch(/^已停止/);

    // A new conversation: the log is cleared and the session id changes.
    const before = await page.locator('#session').textContent();
    await page.click('#new-chat');
    await expect.poll(() => page.locator('.msg').count()).toBe(0);
    await expect.poll(() => page.locator('#welcome .starter').count()).toBe(3);
    await expect.poll(() => page.locator('#session').textContent()).not.toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('falls back to long-poll and still answers', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/playground`);
    await page.selectOption('#mode', 'longpoll');
    await page.fill('#input', 'VLAN怎么创建');
    await page.click('#send');
    const bot = page.locator('.msg.bot').first();
    await expect.poll(() => bot.getAttribute('data-state'), { timeout: 20_000 }).toBe('completed');
    expect(await page.locator('#transport').textContent()).toBe('longpoll');
    await page.close();
  });
});
