// The console's screenshots in docs/console/ (shown in the README): the built console in Chromium
// against a real server whose SQLite file holds a week of a course's questions. Run from the
// repository's root after building the console:
//   pnpm --filter @mpchat/console build && pnpm --filter @mpchat/server exec tsx test/console-screenshots.ts
// The week is console-week.ts's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { launchChromium, openConsole, openFromMenu, settled, signIn, type WatchedPage } from './console-browser.js';
import { seedWeek } from './console-week.js';

const SHOTS = fileURLToPath(new URL('../../../docs/console/', import.meta.url));
const TOKEN = 'console-shots-token-0123456789';

const tmp = mkdtempSync(join(tmpdir(), 'mpchat-console-shots-'));

/** Calls the admin API as the teacher. */
async function admin<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { data: T; message: string };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
  return json.data;
}

/**
 * Saves `<name>.png` once the page is at rest: nothing loading, no toast of an earlier action, no
 * menu drawer still sliding, the mouse off every control. A page is shot whole; a page with a
 * drawer open as the screen shows it (the drawer's content scrolls inside it).
 */
async function snap(page: Page, name: string, whole = true): Promise<void> {
  await settled(page);
  await page.mouse.move(0, 0);
  // A click in a long table may have scrolled the page behind a drawer.
  if (!whole) await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForFunction("document.querySelectorAll('.t-message').length === 0");
  await page.waitForTimeout(400); // drawers' and charts' animations
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: whole });
}

/** Opens a page from the menu and waits for the phone's menu drawer to be gone. */
async function open(w: WatchedPage, name: string): Promise<void> {
  await openFromMenu(w.page, name);
  await w.page.waitForFunction("document.querySelectorAll('.t-drawer--open').length === 0");
}

const server = await spawnServer(await seedWeek(tmp, TOKEN), 45_000);
const browser = await launchChromium();
try {
  // One entry edited by a teacher, for the version history.
  const { items } = await admin<{ items: { id: string; title: string; body: string; version: number; file: string; topic: string; tags: string[] }[] }>(
    server.url,
    'GET',
    `/admin/kb/entries?q=${encodeURIComponent('next-hop-local')}`,
  );
  const entry = items.find((e) => e.title.startsWith('IBGP学到的路由下一跳不可达'))!;
  await admin(server.url, 'PUT', `/admin/kb/entries/${entry.id}`, {
    title: entry.title,
    topic: entry.topic,
    file: entry.file,
    tags: entry.tags,
    version: entry.version,
    body: `${entry.body}\n\n**注意**：next-hop-local 配在把 EBGP 路由传给 IBGP 邻居的那台路由器上（边界路由器），命令在 bgp 视图下。`,
  });

  const desk = await openConsole(browser, 1280, 860);
  const phone = await openConsole(browser, 390, 844);
  for (const [w, suffix] of [
    [desk, 'desktop'],
    [phone, 'phone'],
  ] as const) {
    await w.page.goto(`${server.url}/console/`);
    await w.page.waitForURL(/sign-in/);
    await snap(w.page, `sign-in-${suffix}`);
  }
  await signIn(desk.page, server.url, TOKEN, 'unanswered');
  await signIn(phone.page, server.url, TOKEN, 'unanswered');

  // 待解决: the list, a new answer written, an existing entry picked.
  const { page } = desk;
  await page.locator('[data-test=group]').first().waitFor();
  await snap(page, 'unanswered-desktop');
  await snap(phone.page, 'unanswered-phone');
  const canteen = page.locator('[data-test=group]', { hasText: '学校食堂几点开门？' });
  await canteen.click();
  await page.fill('[data-test=answer-title] input', '食堂开放时间');
  await page.fill('[data-test=markdown-input] textarea', '学校食堂的开放时间：\n\n1. 早餐 **6:30–8:30**\n2. 午餐 11:00–13:00\n3. 晚餐 17:00–19:00\n\n节假日以后勤通知为准。');
  await snap(page, 'unanswered-answer-desktop', false);
  await page.click('[data-test=answer-save]');
  await canteen.waitFor({ state: 'detached' });
  await page.locator('[data-test=group]', { hasText: 'OSPF邻居建立不起来' }).click();
  await page.locator('[data-test=answer-mode] .t-radio-button', { hasText: '选用已有条目' }).click();
  await page.locator('[data-test=candidate]', { hasText: 'Init' }).click();
  await page.locator('[data-test=entry-preview]').waitFor();
  await snap(page, 'unanswered-pick-desktop', false);
  await page.keyboard.press('Escape');
  await phone.page.locator('[data-test=group]', { hasText: '实验报告什么时候交' }).click();
  await phone.page.locator('[data-test=examples] li').nth(2).waitFor();
  await snap(phone.page, 'unanswered-answer-phone', false);
  await phone.page.keyboard.press('Escape');

  // 概览, after the answer: the numbers of the week and the chart.
  for (const w of [desk, phone]) {
    await open(w, 'overview');
    await w.page.locator('[data-test=trend-chart] canvas').waitFor();
  }
  await snap(page, 'overview-desktop');
  await snap(phone.page, 'overview-phone');

  // 知识库: entries, the hit test, an entry's history with its diff.
  for (const [w, suffix] of [
    [desk, 'desktop'],
    [phone, 'phone'],
  ] as const) {
    await open(w, 'kb');
    await w.page.locator('[data-test=kb-table] tbody tr').nth(5).waitFor();
    await snap(w.page, `kb-${suffix}`);
  }
  await page.locator('.t-tabs__nav-item', { hasText: '命中测试' }).click();
  await page.fill('[data-test=hit-question] input', 'BGP邻居建不起来，一直Active');
  await page.click('[data-test=hit-run]');
  await page.locator('[data-test=hit-table] tbody tr').first().waitFor();
  await snap(page, 'kb-hit-desktop');
  await page.locator('.t-tabs__nav-item', { hasText: '条目' }).click();
  await page.fill('[data-test=kb-search] input', 'next-hop-local');
  await page.locator('[data-test=kb-table] tbody tr', { hasText: entry.title }).first().click();
  await page.locator('.t-drawer .t-tabs__nav-item', { hasText: '历史版本' }).click();
  await page.locator('[data-test=versions] [data-version="1"]').click();
  await snap(page, 'kb-history-desktop', false);
  await page.keyboard.press('Escape');

  // 对话记录: the list, and the conversation the teacher answered.
  for (const [w, suffix] of [
    [desk, 'desktop'],
    [phone, 'phone'],
  ] as const) {
    await open(w, 'conversations');
    await w.page.locator('[data-test=conversation-table] tbody tr').nth(3).waitFor();
    await snap(w.page, `conversations-${suffix}`);
  }
  await page.fill('[data-test=conversation-search] input', '学校食堂几点开门');
  await page.locator('[data-test=conversation-table] tbody tr').nth(1).waitFor({ state: 'detached' });
  await page.locator('[data-test=conversation-table] tbody tr').first().click();
  await page.locator('[data-test=turns] .turn').nth(1).waitFor();
  await snap(page, 'conversation-desktop');
  await phone.page.goto(page.url());
  await phone.page.locator('[data-test=turns] .turn').nth(1).waitFor();
  await snap(phone.page, 'conversation-phone');

  // 反馈 and 审核日志.
  for (const name of ['feedback', 'moderation']) {
    for (const [w, suffix] of [
      [desk, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      await open(w, name);
      await w.page.locator(`[data-test=${name}-table] tbody tr`).first().waitFor();
      await snap(w.page, `${name}-${suffix}`);
    }
  }
  const problems = [...desk.problems, ...phone.problems];
  if (problems.length > 0) throw new Error(`console-screenshots: the console had problems:\n${problems.join('\n')}`);
  console.log(`console-screenshots: written to ${SHOTS}`);
} finally {
  await browser.close();
  await stopServer(server);
  rmSync(tmp, { recursive: true, force: true });
}
