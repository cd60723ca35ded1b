import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, hasChromium, openConsole, openFromMenu, settled, signIn } from './console-browser.js';
import { BGP_TITLE, MATCHED, TOKEN, eventually, startConsoleCourse, type ConsoleCourse } from './console-course.js';

// The built console's knowledge base, CSV downloads and phone layout, in Debian's Chromium against the
// real server.
describe.runIf(hasChromium)("the teachers' console in Chromium: knowledge base, downloads, phone", () => {
  let course: ConsoleCourse;
  beforeAll(async () => {
    course = await startConsoleCourse();
  }, 90_000);
  afterAll(() => course?.stop(), 60_000);

  it('edits an entry, the hit test shows the new ranking, and a revert brings the old one back', async () => {
    const { desk } = course;
    const { page } = desk;
    await openFromMenu(page, 'kb');
    await eventually(() => page.locator('[data-test=kb-table] tbody tr').count()).toBeGreaterThan(10);
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
    await eventually(async () => (await hitTest())[0]).not.toBe(BGP_TITLE);

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
    await eventually(() => page.locator('[data-test=entry-title] input').inputValue()).toBe(BGP_TITLE);
    await page.keyboard.press('Escape');
    expect(await hitTest()).toEqual(before);
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('downloads the feedback as CSV with the right rows', async () => {
    const { desk } = course;
    const { page } = desk;
    await openFromMenu(page, 'feedback');
    await eventually(() => page.locator('[data-test=feedback-table] tbody tr').count()).toBe(2);
    const feedback = await download(page, '[data-test=csv]');
    const rows = feedback.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('ratedAt,rating,question,answer,comment,sessionId,seq');
    expect(rows.slice(1).map((r) => r.split(',')[1]).sort()).toEqual(['down', 'up']);
    expect(rows.find((r) => r.includes(',down,'))).toContain('没有说清楚');

    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('downloads the moderation log as CSV with the right rows', async () => {
    const { desk } = course;
    const { page } = desk;
    await openFromMenu(page, 'moderation');
    await eventually(() => page.locator('[data-test=moderation-table] tbody tr').count()).toBe(1);
    const log = await download(page, '[data-test=csv]');
    const lines = log.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('at,direction,reason,content,sessionId,seq,student');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',input,words,这里有违禁词,');
    expect(desk.problems).toEqual([]);
  }, 60_000);

  it('works on a 390-px phone screen: the menu is a drawer, every page renders', async () => {
    const { server, browser, c } = course;
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
    await eventually(() => phone.page.locator('.t-drawer--open').count()).toBe(0);
    // English is the second language, for every string of the page.
    expect(await phone.page.locator('.page-title').textContent()).toBe('知识库');
    await phone.page.click('[data-test=locale]');
    await eventually(() => phone.page.locator('.page-title').textContent()).toBe('Knowledge base');
    expect(await phone.page.locator('.t-tabs__nav-item').first().textContent()).toBe('Entries');
    await phone.page.click('[data-test=locale]');
    await eventually(() => phone.page.locator('.page-title').textContent()).toBe('知识库');
    await phone.page.click('[data-test=sign-out]');
    await phone.page.waitForURL(/\/console\/sign-in/);
    expect(await phone.page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(phone.problems).toEqual([]);
  }, 60_000);
});
