import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, stopServer, type ServerProcess } from '@mpchat/testkit';
import { download, hasChromium, launchChromium, openConsole, openFromMenu, settled, signIn, type WatchedPage } from './console-browser.js';
import { Student } from './console-students.js';

const TOKEN = 'console-e2e-token-0123456789';
const MATCHED = '请问BGP协议实验ping不通怎么办?';
const UNMATCHED = '学校食堂几点开门？';
const BGP_TITLE = 'BGP实验ping不通怎么办';
const IDLE_TITLE = 'BGP邻居一直是Idle状态';
const OFF_TOPIC = '这门课期末考试考什么？';

// The built console in Debian's Chromium against the real server in its own process (SQLite file,
// the shipped knowledge base, 微信云托管 identities so each student is one pseudonym).
describe.runIf(hasChromium)('the teachers\' console in Chromium', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mpchat-console-'));
  let server: ServerProcess;
  let browser: Browser;
  let desk: WatchedPage;
  let a: Student;
  let b: Student;
  let c: Student;

  beforeAll(async () => {
    writeFileSync(join(tmp, 'words.txt'), '违禁词\n');
    server = await spawnServer(
      {
        STORE: 'sqlite',
        SQLITE_PATH: join(tmp, 'mpchat.db'),
        ENGINE: 'kb',
        KB_CHUNK_DELAY_MS: '1',
        AUTH: 'wx-cloud',
        AUTH_WX_HEADERS_TRUSTED: 'true',
        ADMIN_TOKENS: `wang:${TOKEN}`,
        MODERATION: 'words',
        MODERATION_WORDS_FILE: join(tmp, 'words.txt'),
        PLAYGROUND: 'false',
      },
      45_000,
    );
    browser = await launchChromium();
    a = new Student(server.url, 'openid-student-a');
    b = new Student(server.url, 'openid-student-b');
    c = new Student(server.url, 'openid-student-c');
    // What the dashboard must show: three students, three stored questions, one 👍, one 👎, one
    // question that matched nothing, and one refused by the word list.
    expect(await a.ask(MATCHED)).toBe(200);
    expect(await b.ask(MATCHED)).toBe(200);
    expect(await c.ask(UNMATCHED)).toBe(200);
    for (const s of [a, b, c]) expect((await s.replyAfter(0)).code).toBe(200);
    expect(await a.rate(1, 'up')).toBe(200);
    expect(await b.rate(1, 'down', '没有说清楚')).toBe(200);
    expect(await a.ask('这里有违禁词')).toBe(422);
    desk = await openConsole(browser, 1280, 860);
    await signIn(desk.page, server.url, TOKEN);
  }, 90_000);
  /** The `data` of an admin GET, read as the teacher `wang`. */
  const admin = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    return ((await res.json()) as { data: T }).data;
  };
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it('refuses a wrong admin token with a readable message', async () => {
    const fresh = await openConsole(browser, 1280, 860);
    const { page } = fresh;
    await page.goto(`${server.url}/console/kb`);
    await page.waitForURL(/\/console\/sign-in\?next=/);
    fresh.expectRefusal('/admin/feedback');
    await page.fill('[data-test=token] input', 'not-the-token-at-all');
    await page.click('[data-test=submit]');
    await expect.poll(() => page.locator('[data-test=error]').textContent()).toBe('令牌不正确。');
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    // The right one leads to the page that was asked for.
    await page.fill('[data-test=token] input', TOKEN);
    await page.click('[data-test=submit]');
    await page.waitForURL(/\/console\/kb$/);
    expect(fresh.problems).toEqual([]);
  }, 60_000);

  it('shows the numbers the students made on 概览', async () => {
    const { page } = desk;
    await openFromMenu(page, 'overview');
    const stat = (key: string) => page.locator(`[data-stat=${key}]`).textContent();
    await expect.poll(() => stat('questions')).toBe('3');
    expect(await stat('students')).toBe('3');
    expect(await stat('sessions')).toBe('3');
    expect(await stat('upRate')).toBe('50%');
    expect(await stat('unansweredRate')).toBe('33.3%');
    expect(await stat('blocked')).toBe('1');
    await expect.poll(() => page.locator('[data-test=trend-chart] canvas').count()).toBe(1);
    expect(await page.locator('[data-test=top-questions]').textContent()).toContain(UNMATCHED);
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('answers an unanswered question from 待解决, and the student\'s open session gets the teacher\'s reply', async () => {
    const { page } = desk;
    await openFromMenu(page, 'unanswered');
    const group = page.locator('[data-test=group]', { hasText: UNMATCHED });
    await expect.poll(() => group.count()).toBe(1);
    await group.click();
    await expect.poll(() => page.locator('[data-test=examples] li').count()).toBeGreaterThan(0);
    await page.fill('[data-test=answer-title] input', '食堂开放时间');
    await page.fill('[data-test=markdown-input] textarea', '食堂**早上 6:30** 开门：\n\n1. 早餐 6:30–8:30\n2. 午餐 11:00–13:00');
    // The preview is the students' rendering: bold and a numbered list, no Markdown marks left.
    await expect.poll(() => page.locator('[data-test=markdown-preview] strong').textContent()).toBe('早上 6:30');
    expect(await page.locator('[data-test=markdown-preview] ol li').count()).toBe(2);
    await page.click('[data-test=answer-save]');
    await expect.poll(() => group.count()).toBe(0);
    const reply = await c.replyAfter(1);
    expect(reply.code).toBe(200);
    expect(reply.data.from).toBe('teacher');
    expect(reply.data.content).toContain('早上 6:30');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('answers a 👎 group with an existing entry: the hit test suggests entries, the student gets the picked one, 已回答 lists it', async () => {
    const { page } = desk;
    await page.goto(`${server.url}/console/unanswered`);
    const group = page.locator('[data-test=group]', { hasText: MATCHED });
    await expect.poll(() => group.count()).toBe(1);
    await group.click();
    await page.locator('[data-test=answer-mode] .t-radio-button', { hasText: '选用已有条目' }).click();
    // Before anything is typed, the hit test's ranking for the group's question is offered.
    const candidates = page.locator('[data-test=candidate]');
    await expect.poll(async () => (await candidates.first().textContent()) ?? '').toContain(BGP_TITLE);
    // The teacher searches for a better one instead, and sees it as the student will.
    await page.fill('[data-test=pick-search] input', 'Idle');
    const idle = candidates.filter({ hasText: IDLE_TITLE });
    await idle.first().click();
    await expect.poll(() => page.locator('[data-test=entry-preview]').textContent()).toContain(IDLE_TITLE);
    await page.click('[data-test=answer-save]');
    await expect.poll(() => group.count()).toBe(0);
    const picked = (await admin<{ items: { title: string; body: string }[] }>('/admin/kb/entries?q=Idle')).items.find((e) => e.title === IDLE_TITLE)!;
    const reply = await b.replyAfter(1);
    expect([reply.code, reply.data.from, reply.data.content]).toEqual([200, 'teacher', picked.body]);
    // 已回答: both answered groups, each with the entry that answered it.
    await page.locator('[data-test=status] .t-radio-button', { hasText: '已回答' }).click();
    await expect.poll(() => page.locator('[data-test=group]').count()).toBe(2);
    await group.click();
    await expect.poll(() => page.locator('[data-test=entry-preview]').textContent()).toContain(IDLE_TITLE);
    expect(await page.locator('[data-test=answer-save]').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('ignores a group: it leaves 待处理 and is listed under 已忽略', async () => {
    const d = new Student(server.url, 'openid-student-d');
    expect(await d.ask(OFF_TOPIC)).toBe(200);
    expect((await d.replyAfter(0)).code).toBe(200);
    const { page } = desk;
    await page.goto(`${server.url}/console/unanswered`);
    const group = page.locator('[data-test=group]', { hasText: OFF_TOPIC });
    await expect.poll(() => group.count()).toBe(1);
    await group.click();
    await page.click('[data-test=ignore]');
    await page.locator('.t-popconfirm .t-button', { hasText: '确定' }).click();
    await expect.poll(() => group.count()).toBe(0);
    await page.locator('[data-test=status] .t-radio-button', { hasText: '已忽略' }).click();
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.textContent()).toContain('已忽略');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('edits an entry, the hit test shows the new ranking, and a revert brings the old one back', async () => {
    const { page } = desk;
    await openFromMenu(page, 'kb');
    await expect.poll(() => page.locator('[data-test=kb-table] tbody tr').count()).toBeGreaterThan(10);
    const hitTest = async (): Promise<string[]> => {
      await page.locator('.t-tabs__nav-item', { hasText: '命中测试' }).click();
      await page.fill('[data-test=hit-question] input', MATCHED);
      await page.click('[data-test=hit-run]');
      await page.locator('[data-test=hit-table] tbody tr').first().waitFor();
      const titles = await page.locator('[data-test=hit-table] tbody tr td:nth-child(2)').allTextContents();
      return titles.map((t) => t.split(' · ')[0]!.trim());
    };
    const before = await hitTest();
    expect(before[0]).toBe(BGP_TITLE);

    await page.locator('.t-tabs__nav-item', { hasText: '条目' }).click();
    await page.fill('[data-test=kb-search] input', BGP_TITLE);
    const row = page.locator('[data-test=kb-table] tbody tr', { hasText: BGP_TITLE }).first();
    await row.waitFor();
    await row.click();
    await page.fill('[data-test=entry-title] input', '实验室开放时间');
    await page.fill('[data-test=markdown-input] textarea', '实验室周一至周五开放。');
    await page.click('[data-test=entry-save]');
    await expect.poll(async () => (await hitTest())[0]).not.toBe(BGP_TITLE);

    await page.locator('.t-tabs__nav-item', { hasText: '条目' }).click();
    await page.fill('[data-test=kb-search] input', '实验室开放时间');
    const edited = page.locator('[data-test=kb-table] tbody tr', { hasText: '实验室开放时间' }).first();
    await edited.waitFor();
    await edited.click();
    await page.locator('.t-drawer .t-tabs__nav-item', { hasText: '历史版本' }).click();
    const first = page.locator('[data-test=versions] [data-version="1"]');
    await first.click();
    expect(await page.locator('[data-test=diff] .del').first().textContent()).toContain(BGP_TITLE);
    // The edit is recorded under the name of the teacher whose token made it.
    expect(await page.locator('[data-test=versions] [data-version="2"]').textContent()).toContain('wang');
    await page.click('[data-test=revert]');
    await expect.poll(() => page.locator('[data-test=entry-title] input').inputValue()).toBe(BGP_TITLE);
    await page.keyboard.press('Escape');
    expect(await hitTest()).toEqual(before);
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('finds a conversation by its text and shows it as the student saw it', async () => {
    const { page } = desk;
    await openFromMenu(page, 'conversations');
    await page.fill('[data-test=conversation-search] input', '食堂');
    await expect.poll(() => page.locator('[data-test=conversation-table] tbody tr').count()).toBe(1);
    await page.locator('[data-test=conversation-table] tbody tr').first().click();
    await page.waitForURL(new RegExp(`/console/conversations/${c.sessionId}`));
    const turns = page.locator('[data-test=turns] .turn');
    await expect.poll(() => turns.count()).toBeGreaterThanOrEqual(1);
    expect(await turns.first().locator('.user').textContent()).toBe(UNMATCHED);
    expect(await page.locator('[data-test=turns]').textContent()).toContain('教师回答');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('downloads the feedback as CSV with the right rows', async () => {
    const { page } = desk;
    await openFromMenu(page, 'feedback');
    await expect.poll(() => page.locator('[data-test=feedback-table] tbody tr').count()).toBe(2);
    const feedback = await download(page, '[data-test=csv]');
    const rows = feedback.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('ratedAt,rating,question,answer,comment,sessionId,seq');
    expect(rows.slice(1).map((r) => r.split(',')[1]).sort()).toEqual(['down', 'up']);
    expect(rows.find((r) => r.includes(',down,'))).toContain('没有说清楚');

    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('downloads the moderation log as CSV with the right rows', async () => {
    const { page } = desk;
    await openFromMenu(page, 'moderation');
    await expect.poll(() => page.locator('[data-test=moderation-table] tbody tr').count()).toBe(1);
    const log = await download(page, '[data-test=csv]');
    const lines = log.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('at,direction,reason,content,sessionId,seq,student');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',input,words,这里有违禁词,');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('works on a 390-px phone screen: the menu is a drawer, every page renders', async () => {
    const phone = await openConsole(browser, 390, 844);
    await signIn(phone.page, server.url, TOKEN);
    expect(await phone.page.locator('.console-aside').count()).toBe(0);
    const visit = async (what: string) => {
      await settled(phone.page);
      // Each page shows its data (no error alert), and nothing is wider than the screen: no
      // sideways scrolling of the whole page.
      expect(await phone.page.locator('[data-test=error]').count(), what).toBe(0);
      expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth'), what).toBeLessThanOrEqual(390);
    };
    for (const name of ['overview', 'unanswered', 'kb', 'conversations', 'feedback', 'moderation']) {
      await openFromMenu(phone.page, name);
      await visit(name);
    }
    await phone.page.goto(`${server.url}/console/conversations/${c.sessionId}`);
    await phone.page.locator('[data-test=turns] .turn').first().waitFor();
    await visit('one conversation');
    // A drawer as wide as the phone has its close button.
    await openFromMenu(phone.page, 'kb');
    await phone.page.locator('[data-test=kb-table] tbody tr').first().click();
    await phone.page.locator('.t-drawer--open .t-drawer__close-btn').click();
    await expect.poll(() => phone.page.locator('.t-drawer--open').count()).toBe(0);
    // English is the second language, for every string of the page.
    expect(await phone.page.locator('.page-title').textContent()).toBe('知识库');
    await phone.page.click('[data-test=locale]');
    await expect.poll(() => phone.page.locator('.page-title').textContent()).toBe('Knowledge base');
    expect(await phone.page.locator('.t-tabs__nav-item').first().textContent()).toBe('Entries');
    await phone.page.click('[data-test=locale]');
    await expect.poll(() => phone.page.locator('.page-title').textContent()).toBe('知识库');
    await phone.page.click('[data-test=sign-out]');
    await phone.page.waitForURL(/\/console\/sign-in/);
    expect(await phone.page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(phone.problems).toEqual([]);
  }, 60_000);
});
